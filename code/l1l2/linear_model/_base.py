r"""What every linear model shares: the :class:`Fit` result and the data preparation.

* :class:`Fit` — the frozen result of every fit (``coef``, ``intercept``,
  ``n_iter``, ``converged``, ``objective``);
* ``_check_Xy`` — checks ``X`` and ``y`` (through ``l1l2._validation``) and
  returns read-only float64 views plus the dtype the results come back in;
* ``_prepare`` — rescaling by powers of two (exact) and centring for the
  intercept, as scikit-learn fits it; ``_pow2_scale`` the power of two nearest
  a magnitude;
* ``_checked`` — refuses a result that overflowed; ``_warn`` — emits a
  :class:`~l1l2.exceptions.ConvergenceWarning` pointing at the reader's call.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from .._validation import check_X_y
from ..exceptions import ConvergenceWarning

__all__ = ["Fit"]


@dataclass(frozen=True, eq=False)
class Fit:
    """The result of a fit.

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
        The coefficients :math:`w`.
    intercept : float
        The intercept :math:`b` (0.0 when ``fit_intercept=False``).
    n_iter : int
        Iterations used: sweeps for coordinate descent, proximal-gradient steps
        for ISTA/FISTA, Newton steps for Huber, simplex/IPM iterations for LAD,
        0 for the closed-form solvers.
    converged : bool
        False only when an iterative solver stopped at ``max_iter``; a
        :class:`~l1l2.exceptions.ConvergenceWarning` was then emitted.
    objective : float
        The objective at the returned ``coef`` and ``intercept``.

    Examples
    --------
    >>> from l1l2.linear_model import ridge
    >>> fit = ridge([[0.0], [1.0], [2.0]], [0.0, 1.0, 2.0], alpha=0.0)
    >>> print(fit.coef, fit.intercept, fit.converged)
    [1.] 0.0 True
    """

    coef: np.ndarray
    intercept: float
    n_iter: int
    converged: bool
    objective: float


def _readonly(a: np.ndarray) -> np.ndarray:
    """A read-only view: a write into the caller's array would raise, not corrupt it."""
    v = a.view()
    v.flags.writeable = False
    return v


def _check_Xy(X, y):
    """Check a design matrix (n, p) and a target (n,); return float64 views and the dtype
    the results are returned in."""
    Xa, ya, out = check_X_y(X, y)
    X64 = _readonly(Xa.astype(np.float64, copy=False))
    y64 = _readonly(ya.astype(np.float64, copy=False))
    return X64, y64, out


def _pow2_scale(m):
    """The power of two nearest each max-abs value (1 for zeros)."""
    m = np.asarray(m, dtype=np.float64)
    return np.where(m > 0, np.exp2(np.round(np.log2(np.where(m > 0, m, 1.0)))), 1.0)


def _prepare(X, y, fit_intercept):
    """Rescaled and (with an intercept) centred data.

    Returns ``Xs, ys, x_mean, y_mean, sx, sy`` with ``X = sx Xs`` and
    ``y = sy ys`` before centring; sx and sy are the powers of two nearest
    max|X| and max|y| when those lie outside [2^-100, 2^100], else 1 (no
    copy), and the means are in the rescaled units. Dividing by a power of two
    is exact, so this changes no digit of the answer; it only keeps squares
    such as X'X away from overflow and underflow for data in extreme units. At
    most one copy of X is made.
    """

    def scale(a):
        m = max(float(a.max()), -float(a.min()))  # max |a| without a temporary
        return 1.0 if 2.0**-100 <= m <= 2.0**100 else float(_pow2_scale(m))

    sx, sy = scale(X), scale(y)
    Xs = X / sx if sx != 1.0 else X
    ys = y / sy if sy != 1.0 else y
    if not fit_intercept:
        return Xs, ys, np.zeros(X.shape[1]), 0.0, sx, sy
    x_mean = Xs.mean(axis=0)
    y_mean = float(ys.mean())
    Xs = Xs - x_mean if Xs is X else np.subtract(Xs, x_mean, out=Xs)  # our own copy
    ys = ys - y_mean
    return Xs, ys, x_mean, y_mean, sx, sy


def _checked(fit):
    """Refuse a result that overflowed: data scaled so badly (entries near the
    float64 limits) that the solution is not representable."""
    if not (np.all(np.isfinite(fit.coef)) and math.isfinite(fit.intercept)
            and math.isfinite(fit.objective)):
        raise ValueError(
            "X and y are too badly scaled for float64: the solution overflows; "
            "rescale X and y"
        )
    return fit


def _warn(message, depth=1):
    """Emit a ConvergenceWarning pointing at the user's call (``depth`` = number of
    private frames between the public function and this one)."""
    warnings.warn(message, ConvergenceWarning, stacklevel=2 + depth)
