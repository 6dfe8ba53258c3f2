r"""Solvers for the regression problems of the course, with scikit-learn's objectives.

Every fit returns a :class:`Fit`: ``coef``, ``intercept``, ``n_iter``,
``converged`` and ``objective`` (the objective at the returned coefficients).
The objectives and parameter names are scikit-learn's, with :math:`n` samples,
residual :math:`r = y - Xw - b` and :math:`\|\cdot\|` the Euclidean norm:

====================  =====================================================================
``ridge``             :math:`\|r\|^2 + \alpha\|w\|_2^2` (``sklearn.linear_model.Ridge``)
``ols``               :math:`\|r\|^2` (the minimum-norm least-squares solution)
``lasso``             :math:`\frac{1}{2n}\|r\|^2 + \alpha\|w\|_1` (``Lasso``)
``elastic_net``       :math:`\frac{1}{2n}\|r\|^2 + \alpha\rho\|w\|_1
                      + \frac{\alpha(1-\rho)}{2}\|w\|_2^2`, :math:`\rho` = ``l1_ratio``
                      (``ElasticNet``)
``lad_regression``    :math:`\sum_i |r_i|` (least absolute deviations)
``huber_regression``  :math:`\sum_i h_\delta(r_i)`, the scale held fixed at 1
====================  =====================================================================

The intercept :math:`b` is never penalized. For the squared-loss problems it is
fitted as scikit-learn does: centre the columns of :math:`X` and :math:`y`, fit
:math:`w` without intercept, then :math:`b = \bar y - \bar x^\top w`.

**Stopping rule of ``lasso``, ``elastic_net`` and ``lasso_path``** (all
methods): stop when the duality gap is at most ``tol`` times
:math:`\|y\|^2/(2n)` (``y`` centred when fitting an intercept), that is the
relative gap :math:`G/P(0) \le` ``tol``. The gap is scikit-learn's (its
``_cd_fast.pyx``): from the residual :math:`R` build the dual point
:math:`\theta = s R` with the largest :math:`s \le 1` such that
:math:`s\,\|X^\top R - n\alpha(1-\rho)\,w\|_\infty \le n\alpha\rho`. With no
L1 term (``l1_ratio = 0``) the gap of the ridge-type dual is used, and with
``alpha = 0`` (least squares) there is no dual point to rescale: the
certificate is then the suboptimality against the least-squares optimum that
:func:`numpy.linalg.lstsq` computes. scikit-learn measures its own ``tol``
against :math:`\|y\|^2/n` instead, so ``tol`` here equals twice a
scikit-learn ``tol`` (and scikit-learn first also waits for small coordinate
updates).

**Dtypes.** Inputs are checked and converted as everywhere in :mod:`l1l2`, and
``coef`` comes back in the input's float dtype (float32 for float32 data). The
solvers themselves always iterate in float64: a relative duality gap of
``1e-10`` cannot be reached in float32 arithmetic.

**Mutability.** No function modifies its array arguments. The only mutable
argument in the module is the ``state`` dict of :func:`adam_step` and
:func:`adamw_step`, which they update on purpose.

References: Friedman, Hastie & Tibshirani (2010) for coordinate descent;
Beck & Teboulle (2009) for ISTA/FISTA; O'Donoghue & Candès (2015) for adaptive
restart; Ndiaye, Fercoq, Gramfort & Salmon (2017) for gap-safe screening;
Massias, Gramfort & Salmon (2018) for working sets; Lee, Battle, Raina & Ng
(2007) for feature-sign search; Madsen & Nielsen (1990) for the finite Newton
method for Huber's M-estimator; Kingma & Ba (2015) and Loshchilov & Hutter
(2019) for Adam and AdamW.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from scipy import linalg as sla
from scipy import optimize, sparse
from scipy.linalg.blas import daxpy

from ._validation import (
    MAX_COUNT,
    as_float_array,
    check_choice,
    check_count,
    check_finite_result,
    check_scalar,
    check_X_y,
    float_dtype,
)
from .exceptions import ConvergenceWarning

__all__ = [
    "Fit",
    "iterations_to_tolerance",
    "ridge",
    "ols",
    "lasso",
    "elastic_net",
    "lasso_path",
    "lasso_alpha_max",
    "lad_regression",
    "huber_regression",
    "gradient_descent",
    "clip_by_norm",
    "sgd_step",
    "adam_step",
    "adamw_step",
    "prox_l1_step",
    "SubsetFit",
    "best_subset",
    "norm_penalized_least_squares",
    "constrained_quadratic_2d",
]

_METHODS = ("cd", "ista", "fista")


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
    >>> from l1l2.solvers import ridge
    >>> fit = ridge([[0.0], [1.0], [2.0]], [0.0, 1.0, 2.0], alpha=0.0)
    >>> print(fit.coef, fit.intercept, fit.converged)
    [1.] 0.0 True
    """

    coef: np.ndarray
    intercept: float
    n_iter: int
    converged: bool
    objective: float


# ---------------------------------------------------------------------------
# Argument checks (all through l1l2._validation, so messages name the argument)
# ---------------------------------------------------------------------------


def _real(value, name, *, low=None, low_inclusive=True, high=None, high_inclusive=True):
    """A finite real scalar within the given bounds, as a Python float."""
    v = check_scalar(
        value, name, low=low, high=high, low_inclusive=low_inclusive,
        high_inclusive=high_inclusive,
    )
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {v}")
    return v


def _integer(value, name, *, low):
    return check_scalar(value, name, low=low, integer=True)


def _bool(value, name):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise ValueError(f"{name} must be True or False, got {value!r:.40}")


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


# ---------------------------------------------------------------------------
# Squared loss, L2 penalty: closed forms
# ---------------------------------------------------------------------------


def _ridge_coef(X, y, alpha):
    r"""Minimize ||y - Xw||^2 + alpha ||w||^2 (X, y centred).

    The normal equations :math:`(X^\top X + \alpha I) w = X^\top y` are solved by
    Cholesky when :math:`n \ge p`; when :math:`p > n` the equivalent "kernel"
    form :math:`w = X^\top (X X^\top + \alpha I)^{-1} y` is cheaper. With
    ``alpha = 0`` (or a numerically singular system) the minimum-norm
    least-squares solution of the stacked system
    :math:`[X; \sqrt\alpha I] w \approx [y; 0]` is used instead.
    """
    n, p = X.shape
    if alpha > 0:
        try:
            if n >= p:
                c = sla.cho_factor(X.T @ X + alpha * np.eye(p), check_finite=False)
                return sla.cho_solve(c, X.T @ y, check_finite=False)
            c = sla.cho_factor(X @ X.T + alpha * np.eye(n), check_finite=False)
            return X.T @ sla.cho_solve(c, y, check_finite=False)
        except np.linalg.LinAlgError:
            pass
        A = np.vstack([X, math.sqrt(alpha) * np.eye(p)])
        return np.linalg.lstsq(A, np.concatenate([y, np.zeros(p)]), rcond=None)[0]
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _ridge_fit(X, y, out, alpha, fit_intercept):
    # On X/sx, y/sy the same problem has alpha/sx^2 and solution w sx/sy.
    Xc, yc, x_mean, y_mean, sx, sy = _prepare(X, y, fit_intercept)
    alpha_s = alpha / sx / sx  # (no sx**2: it could overflow)
    if math.isinf(alpha_s):  # X tiny next to alpha: the limit alpha -> inf, coef 0
        coef_s = np.zeros(Xc.shape[1])
    else:
        coef_s = _ridge_coef(Xc, yc, alpha_s)
    with np.errstate(over="ignore", invalid="ignore"):  # see _checked
        coef = (coef_s * sy / sx).astype(out)
        w = coef.astype(np.float64) * sx / sy
        r = yc - Xc @ w
        penalty = alpha_s * float(w @ w) if alpha > 0 else 0.0
        objective = sy * (sy * (float(r @ r) + penalty))
        intercept = sy * float(y_mean - x_mean @ w) if fit_intercept else 0.0
    return _checked(Fit(coef, intercept, 0, True, objective))


def ridge(X, y, alpha, *, fit_intercept=True) -> Fit:
    r"""Ridge regression, as ``sklearn.linear_model.Ridge``.

    Minimizes

    .. math:: \|y - Xw - b\|_2^2 + \alpha \|w\|_2^2

    in closed form (Cholesky on the normal equations, or on the :math:`n\times n`
    kernel system when :math:`p > n`). With ``alpha = 0`` it returns the
    minimum-norm least-squares solution.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        Penalty strength, ``alpha >= 0``.
    fit_intercept : bool, default True
        Fit an unpenalized intercept :math:`b` (by centring ``X`` and ``y``).

    Returns
    -------
    Fit
        ``n_iter`` is 0 and ``converged`` True (closed form).

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``y`` not 1-D, their lengths differ, either is
        empty or non-finite, or ``alpha`` is negative, NaN or not a number.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.solvers import ridge
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X.ravel()
    >>> fit = ridge(X, y, alpha=1.0)     # w = x'y / (x'x + alpha) = 2 / 3
    >>> print(np.round(fit.coef, 6), round(fit.objective, 6))
    [0.666667] 0.666667
    """
    X, y, out = _check_Xy(X, y)
    alpha = _real(alpha, "alpha", low=0)
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    return _ridge_fit(X, y, out, alpha, fit_intercept)


def ols(X, y, *, fit_intercept=True) -> Fit:
    r"""Ordinary least squares: minimizes :math:`\|y - Xw - b\|_2^2`.

    The minimum-norm solution when it is not unique (``ridge`` with
    ``alpha = 0``), computed by :func:`numpy.linalg.lstsq`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    fit_intercept : bool, default True

    Returns
    -------
    Fit
        ``objective`` is the residual sum of squares.

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data.

    Examples
    --------
    >>> from l1l2.solvers import ols
    >>> fit = ols([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    >>> print(fit.coef, round(fit.intercept, 12))
    [2.] 1.0
    """
    X, y, out = _check_Xy(X, y)
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    return _ridge_fit(X, y, out, 0.0, fit_intercept)


# ---------------------------------------------------------------------------
# Lasso and elastic net: the machinery shared by the three methods
# ---------------------------------------------------------------------------
#
# Internally we work in scikit-learn's ``_cd_fast`` scale: the objective is
# multiplied by n,
#
#     P(w) = 1/2 ||y - Xw||^2 + a ||w||_1 + b/2 ||w||^2,   a = n alpha rho,
#                                                          b = n alpha (1 - rho),
#
# so the Gram matrix is Q = X'X and the stopping threshold tol ||y||^2/(2n) on
# our objective becomes tol ||y||^2 / 2 on P.


# Tuning of the working-set solver (measured on the benchmark problems and on
# diabetes; none of them changes the answer, only the time to reach it):
_SUB_FRACTION = 0.03  # solve a subproblem to this fraction of the current full gap
_ACTIVE_SWEEPS = 20  # at most this many active-set sweeps between full sweeps
_ACTIVE_CHECK = 5  # check the gap every this many active-set sweeps
_ACTIVE_SETTLED = 1e-2  # leave the active set once updates shrank by this factor


def _gap(w, a, b, XtR, R2, Ry, ols_half_rss):
    r"""Duality gap of P at w, from X'R, ||R||^2 and R'y (R = y - Xw).

    Returns ``(gap, XtA, dual_norm)``. Formulation A (``a > 0``): with
    :math:`X^\top A = X^\top R - b w` and :math:`s = \min(1, a/\|X^\top A\|_\infty)`,

    .. math:: G = \tfrac12(\|R\|^2 + b\|w\|^2) + a\|w\|_1
                  + \tfrac{s^2}{2}(\|R\|^2 + b\|w\|^2) - s R^\top y.

    Formulation B (``a = 0 < b``), the ridge-type dual evaluated at :math:`R`:
    :math:`G = \|R\|^2 + \frac b2\|w\|^2 - R^\top y + \frac1{2b}\|X^\top R\|^2`.
    With ``a = b = 0`` (least squares): :math:`G = \frac12\|R\|^2 - \min \frac12 \|R\|^2`.
    """
    if a > 0:
        XtA = XtR - b * w if b > 0 else XtR
        dual_norm = float(np.max(np.abs(XtA))) if XtA.size else 0.0
        pen2 = b * float(w @ w) if b > 0 else 0.0
        primal = 0.5 * (R2 + pen2) + a * float(np.abs(w).sum())
        s = a / dual_norm if dual_norm > a else 1.0
        dual = -0.5 * s * s * (R2 + pen2) + s * Ry
        return primal - dual, XtA, dual_norm
    if b > 0:
        gap = R2 + 0.5 * b * float(w @ w) - Ry + float(XtR @ XtR) / (2.0 * b)
        return gap, XtR, 0.0
    return 0.5 * R2 - ols_half_rss(), XtR, 0.0


class _Design:
    """Centred data of a squared-loss problem, with the quantities every method reuses.

    ``Q = X'X`` is precomputed when p <= n (and p <= 1000), as scikit-learn's
    ``precompute="auto"`` does; otherwise everything goes through residuals.
    The data are held divided by powers of two ``sx`` and ``sy`` (see
    :func:`_prepare`); :meth:`penalties` and :meth:`coef` translate.
    """

    def __init__(self, X, y, fit_intercept):
        self.X, self.y, self.x_mean, self.y_mean, self.sx, self.sy = _prepare(
            X, y, fit_intercept
        )
        self.fit_intercept = fit_intercept
        self.n, self.p = self.X.shape
        self.yy = float(self.y @ self.y)
        self.Xty = self.X.T @ self.y
        self.col_norm2 = np.einsum("ij,ij->j", self.X, self.X)
        self.Q = self.X.T @ self.X if self.p <= min(self.n, 1000) else None
        self._ols = None

    def penalties(self, alpha, l1_ratio):
        """The internal (a, b) of P for the user's alpha and l1_ratio.

        With X = sx X', y = sy y' and w = (sy/sx) w', the objective is sy^2/n
        times P(w') with a = n alpha rho / (sx sy), b = n alpha (1 - rho) / sx^2.
        """
        a = self.n * alpha * l1_ratio / self.sx / self.sy
        b = self.n * alpha * (1.0 - l1_ratio) / self.sx / self.sx
        if not (math.isfinite(a) and math.isfinite(b)):
            raise ValueError("X, y and alpha are too badly scaled for float64; rescale them")
        return a, b

    def coef(self, w):
        """User-scale coefficients from internal ones."""
        return w * self.sy / self.sx  # in this order: sy/sx alone may overflow

    def residual_stats(self, w):
        """Return X'R, ||R||^2 and R'y for R = y - Xw."""
        if self.Q is not None:
            # Gram form: X'R = X'y - Qw, ||R||^2 = y'y - 2 w'X'y + w'Qw.
            if self.p <= 64:
                Qw = self.Q @ w
                wq = float(w @ self.Xty)
            else:
                S = np.flatnonzero(w)
                Qw = self.Q[:, S] @ w[S]
                wq = float(w[S] @ self.Xty[S])
            return self.Xty - Qw, self.yy - 2.0 * wq + float(w @ Qw), self.yy - wq
        S = np.flatnonzero(w)
        R = self.y - self.X[:, S] @ w[S] if 2 * S.size < self.p else self.y - self.X @ w
        return self.X.T @ R, float(R @ R), float(R @ self.y)

    def block(self, W):
        """The Gram block X_W' X_W."""
        if self.Q is not None:
            return self.Q[np.ix_(W, W)]
        XW = self.X[:, W]
        return XW.T @ XW

    def ols_half_rss(self):
        """min_w 1/2 ||y - Xw||^2, the optimum certifying alpha = 0 fits."""
        if self._ols is None:
            coef = np.linalg.lstsq(self.X, self.y, rcond=None)[0]
            r = self.y - self.X @ coef
            self._ols = 0.5 * float(r @ r)
        return self._ols

    def gap(self, w, a, b):
        XtR, R2, Ry = self.residual_stats(w)
        return _gap(w, a, b, XtR, R2, Ry, self.ols_half_rss)


def _power_estimate(Q, v0, n_iter=8):
    """A few power iterations: a lower estimate of lambda_max(Q) and its vector."""
    nrm0 = np.linalg.norm(v0)
    if not nrm0 > 0:
        return 0.0, v0
    v = v0 / nrm0
    lam = 0.0
    for _ in range(n_iter):
        Qv = Q @ v
        lam = float(v @ Qv)
        nrm = np.linalg.norm(Qv)
        if nrm == 0:
            break
        v = Qv / nrm
    return lam, v


def _sub_gap(Qw, q, w, a, b, yy, ols_half_rss):
    """Gap of the working-set subproblem from its Gram block (Qw = Q_WW w)."""
    wq = float(q @ w)
    return _gap(w, a, b, q - Qw, yy - 2.0 * wq + float(w @ Qw), yy - wq, ols_half_rss)[0]


def _cd_inner(Q, q, w, a, b, yy, ols_half_rss, target, budget):
    r"""Cyclic coordinate descent on a working set, in covariance (Gram) form.

    Coordinate j minimizes P exactly with the others fixed:

    .. math:: z_j = q_j - (Qw)_j + Q_{jj} w_j,\qquad
              w_j \leftarrow \frac{S(z_j, a)}{Q_{jj} + b},

    with :math:`S` the soft-threshold; then :math:`Qw` is updated by one axpy
    with row :math:`j` of :math:`Q`. After each sweep over all coordinates of
    the working set, sweeps run over the non-zero ones only (the active set)
    until they settle; the subproblem's gap is checked every few sweeps.
    Returns ``(w, n_sweeps)``.
    """
    k = w.size
    Q = np.ascontiguousarray(Q)
    rows = list(Q)
    diag = np.diag(Q).tolist()
    den = (np.diag(Q) + b).tolist()
    ql = q.tolist()
    wl = w.tolist()
    Qw = Q @ w
    item = Qw.item

    def sweep(idx):
        """One pass over the coordinates idx; returns the largest change and the
        largest |w_j| among the changed coordinates."""
        dmax = wmax = 0.0
        for j in idx:
            wj = wl[j]
            z = ql[j] - item(j) + wj * diag[j]  # x_j'(partial residual without j)
            if z > a:
                new = (z - a) / den[j]
            elif z < -a:
                new = (z + a) / den[j]
            else:
                new = 0.0
            if new != wj:
                daxpy(rows[j], Qw, a=new - wj)  # Qw += (new - w_j) Q[j]
                wl[j] = new
                d = abs(new - wj)
                if d > dmax:
                    dmax = d
                if abs(new) > wmax:
                    wmax = abs(new)
        return dmax, wmax

    def converged():
        return _sub_gap(Qw, q, np.array(wl), a, b, yy, ols_half_rss) <= target

    sweeps = full = 0
    everything = range(k)
    check_every = 1 if k >= 20 else 4  # a gap check costs about one sweep of 20
    while sweeps < budget:
        sweep(everything)
        sweeps += 1
        full += 1
        if full % check_every == 0 and converged():
            break
        active = [j for j in everything if wl[j] != 0.0]
        if len(active) in (0, k):
            continue
        done = False
        first = None
        for t in range(1, _ACTIVE_SWEEPS + 1):  # active-set sweeps
            if sweeps >= budget:
                break
            dmax, wmax = sweep(active)
            sweeps += 1
            if first is None:
                first = dmax
            if t % _ACTIVE_CHECK == 0 and converged():
                done = True
                break
            if dmax <= _ACTIVE_SETTLED * first or dmax <= 1e-12 * wmax:
                break
        if done:
            break
    return np.array(wl), sweeps


def _prox_grad_inner(Q, q, w, a, b, yy, ols_half_rss, target, budget, accelerated, v0=None):
    r"""ISTA or FISTA on a working set, in Gram form.

    The smooth part :math:`f(w) = \frac12 w^\top Q w - q^\top w + \frac b2\|w\|^2` has
    gradient :math:`Qw - q + bw`; one step with step size :math:`1/L` is
    :math:`w_{k+1} = S(z - \nabla f(z)/L,\ a/L)`, :math:`S` the soft-threshold.
    ISTA takes :math:`z = w_k`; FISTA extrapolates
    :math:`z = w_k + \frac{t_{k-1} - 1}{t_k}(w_k - w_{k-1})` and restarts the
    momentum when it points uphill, :math:`(z - w_{k+1})^\top(w_{k+1} - w_k) > 0`
    (gradient restart of O'Donoghue & Candès).

    The step :math:`1/L` must satisfy the sufficient-decrease condition
    :math:`f(w_{k+1}) \le f(z) + \nabla f(z)^\top d + \frac L2\|d\|^2`,
    :math:`d = w_{k+1} - z`, which :math:`L = \lambda_{\max}(Q) + b` always does.
    Rather than computing :math:`\lambda_{\max}` exactly we start from a
    power-iteration estimate and raise :math:`L` whenever the condition fails
    (backtracking, Beck & Teboulle 2009); for a quadratic the condition reads
    :math:`d^\top Q d + b\|d\|^2 \le L\|d\|^2` and costs nothing, because
    :math:`Qz` is a combination of the :math:`Qw_k` that the iteration keeps.
    Returns ``(w, n_steps, power-iteration vector)``.
    """
    k = w.size
    if v0 is None:  # a start vector with no special symmetry
        v0 = np.sqrt(np.diag(Q)) * (1.0 + np.arange(k) / (2.0 * k))
    lam, vec = _power_estimate(Q, v0)
    if not lam > 0:  # the start vector was in the null space: trace(Q) >= lambda_max
        lam = float(np.trace(Q))
    L = lam + b
    wk = w.copy()
    Qwk = Q @ wk
    z, Qz = wk, Qwk
    t = 1.0
    check_every = 10
    steps = 0
    while steps < budget:
        grad = Qz - q + b * z
        while True:
            if L <= 0:  # Q = 0 on this block: nothing to do
                return wk, steps, vec
            u = z - grad / L
            w_new = u - np.clip(u, -a / L, a / L)  # soft-threshold S(u, a/L)
            Qw_new = Q @ w_new
            d = w_new - z
            dd = float(d @ d)
            curv = float(d @ (Qw_new - Qz)) + b * dd  # d'(Q + bI)d
            if dd == 0.0 or curv <= L * dd * (1.0 + 1e-12):
                break
            L = max(1.25 * L, 1.05 * curv / dd)  # backtrack: a larger L, a shorter step
        if accelerated:
            if (z - w_new) @ (w_new - wk) > 0:  # momentum points uphill: restart
                t = 1.0
                z, Qz = w_new, Qw_new
            else:
                t_new = 0.5 * (1.0 + math.sqrt(1.0 + 4.0 * t * t))
                beta = (t - 1.0) / t_new
                z = w_new + beta * (w_new - wk)
                Qz = Qw_new + beta * (Qw_new - Qwk)
                t = t_new
        else:
            z, Qz = w_new, Qw_new
        wk, Qwk = w_new, Qw_new
        steps += 1
        if steps % check_every == 0 and _sub_gap(Qwk, q, wk, a, b, yy, ols_half_rss) <= target:
            break
    return wk, steps, vec


def _working_set(cand, d, w, size):
    """The ``size`` candidates with the smallest screening distance d, support first."""
    if cand.size <= size:
        return cand
    prio = d[cand].copy()
    prio[w[cand] != 0] = -np.inf  # the support is always in
    return np.sort(cand[np.argpartition(prio, size - 1)[:size]])


def _ws_solve(data, a, b, w, tol_gap, max_iter, method):
    """Solve P with the given method on growing working sets, with gap-safe screening.

    Outer loop: compute the full duality gap (stop if <= tol_gap); discard the
    features that the gap-safe sphere test proves to be zero at the optimum;
    pick a working set W (the current support plus the features whose
    correlation with the rescaled dual point is closest to the bound); solve
    the subproblem on W to a small fraction of the current full gap (at the
    end, to half the tolerance). Returns ``(w, n_iter, gap, converged)``.
    """
    w = w.copy()
    usable = data.col_norm2 > 0
    w[~usable] = 0.0
    keep = usable.copy()
    norms = np.sqrt(np.where(usable, data.col_norm2 + b, 1.0))
    n_iter = 0
    ws_size = 10
    target = 0.5 * tol_gap
    prev_W = eig = None
    while True:
        gap, XtA, dual_norm = data.gap(w, a, b)
        if gap <= tol_gap:
            return w, n_iter, gap, True
        if n_iter >= max_iter:
            return w, n_iter, gap, False
        if a > 0:
            # Gap-safe sphere test (Ndiaye et al. 2017, as in scikit-learn): the dual
            # optimum lies within sqrt(2 gap)/a of theta = XtA / max(a, ||XtA||_inf),
            # so |x_j' theta*| < 1 (and w_j* = 0) whenever d_j > radius.
            radius = math.sqrt(2.0 * abs(gap)) / a
            d = (1.0 - np.abs(XtA) / max(a, dual_norm)) / norms
            keep &= d <= radius
            w[~keep] = 0.0
            cand = np.flatnonzero(keep)
            ws_size = max(ws_size, 2 * np.count_nonzero(w))
            W = _working_set(cand, d, w, ws_size)
            if W.size == cand.size and prev_W is not None and np.array_equal(W, prev_W):
                # Subproblem = full problem: the Gram and residual forms of the gap
                # differ by rounding only; ask the subproblem for more.
                target *= 0.1
        else:
            W = np.flatnonzero(usable)
            if prev_W is not None:
                target *= 0.1
        prev_W = W
        if W.size == 0:  # every feature is provably zero at the optimum
            return w, n_iter, data.gap(w, a, b)[0], True
        Qs = data.block(W)
        qs = data.Xty[W]
        budget = max_iter - n_iter
        # Solve the subproblem only as far as it pays: to a fraction of the current
        # full gap (as celer does), but never looser than half the final tolerance.
        sub_target = max(target, _SUB_FRACTION * gap) if W.size < data.p else target
        if method == "cd":
            wW, it = _cd_inner(Qs, qs, w[W], a, b, data.yy, data.ols_half_rss, sub_target, budget)
        else:
            v0 = None
            if eig is not None:  # start the power iteration from the last working set's vector
                v0 = np.full(W.size, 1e-3 / math.sqrt(W.size))
                v0[np.isin(W, eig[0])] = eig[1][np.isin(eig[0], W)]
            wW, it, vec = _prox_grad_inner(
                Qs, qs, w[W], a, b, data.yy, data.ols_half_rss, sub_target, budget,
                accelerated=(method == "fista"), v0=v0,
            )
            eig = (W, vec)
        w[W] = wW
        n_iter += max(it, 1)  # count at least one, so max_iter always ends the loop


def _fs_solve(data, a, w, budget, cache):
    r"""Feature-sign search (Lee et al. 2007) for the lasso, warm-started from ``w``.

    Guess the active set A and the signs :math:`\theta` of the solution; on
    that guess the lasso is a quadratic with the closed-form minimizer
    :math:`w_A = Q_{AA}^{-1}(q_A - a\,\theta_A)`. If the signs of that
    point disagree with :math:`\theta`, a discrete line search between the
    current point and it (over the zero crossings) lowers the objective and
    drops the coefficients that reach zero. Zero coefficients whose correlation
    exceeds :math:`a` enter one at a time. From a warm start on a path the
    guess is usually right at once; ``cache`` keeps
    :math:`Q_{AA}^{-1} q_A` and :math:`Q_{AA}^{-1}\theta_A` for the last
    (A, θ), so then no new linear solve is needed: this is the homotopy
    (LARS-lasso) formula :math:`w_A(a) = u - a v`.

    Returns ``(w, n_steps, stats)`` with ``stats = (X'R, ||R||^2, R'y)`` at the
    returned ``w``, or ``stats = None`` when a Gram block is singular or the
    budget ran out (the caller then falls back to coordinate descent).
    """
    w = w.copy()
    usable = data.col_norm2 > 0
    theta = np.sign(w)
    q = data.Xty
    kkt_eps = 1e-12 * max(a, float(np.max(np.abs(q))), 1e-300)
    steps = 0
    nonzero_optimal = False
    while True:
        stats = data.residual_stats(w)
        c = stats[0]  # X'R: minus the gradient of the smooth part
        viol = np.abs(c)
        viol[(theta != 0) | ~usable] = 0.0
        j = int(np.argmax(viol))
        if viol[j] - a > kkt_eps:
            theta[j] = 1.0 if c[j] > 0 else -1.0  # activate the worst violator
        elif nonzero_optimal:
            return w, steps, stats
        else:
            A = np.flatnonzero(theta)
            if A.size == 0 or np.max(np.abs(c[A] - a * theta[A])) <= kkt_eps:
                return w, steps, stats
        while True:  # feature-sign steps until the signs are consistent
            if steps >= budget:
                return w, steps, None
            steps += 1
            A = np.flatnonzero(theta)
            key = (A.tobytes(), theta[A].tobytes())
            if cache.get("key") != key:
                H = data.block(A)
                try:
                    np.linalg.cholesky(H)  # raises unless positive definite
                    uv = np.linalg.solve(H, np.column_stack([q[A], theta[A]]))
                except np.linalg.LinAlgError:
                    return w, steps, None
                if not np.all(np.isfinite(uv)):
                    return w, steps, None
                cache.update(key=key, H=H, uv=uv)
            H, uv = cache["H"], cache["uv"]
            x_new = uv[:, 0] - a * uv[:, 1]
            if a == 0 or np.array_equal(np.sign(x_new), theta[A]):
                w[A] = x_new
                nonzero_optimal = True
                break
            # Discrete line search on the segment x_cur -> x_new: the candidates are
            # x_new and the points where a coefficient crosses zero.
            x_cur = w[A]
            dx = x_new - x_cur
            cross = (x_cur != 0) & (np.sign(x_new) != np.sign(x_cur))
            ts = x_cur[cross] / (x_cur[cross] - x_new[cross])
            cands = x_cur + np.concatenate([ts, [1.0]])[:, None] * dx
            idx = np.flatnonzero(cross)
            cands[np.arange(idx.size), idx] = 0.0  # exact zero where it crosses
            obj = (0.5 * np.einsum("ij,jk,ik->i", cands, H, cands) - cands @ q[A]
                   + a * np.abs(cands).sum(axis=1))
            best = cands[int(np.argmin(obj))]
            w[A] = best
            theta[A] = np.sign(best)
            nonzero_optimal = False
            if not np.any(theta):
                break


def _enet_result(data, w, a, b, n_iter, converged, out):
    n = data.n
    with np.errstate(over="ignore", invalid="ignore"):  # see _checked
        coef = data.coef(w).astype(out)
        w64 = coef.astype(np.float64) * data.sx / data.sy  # back to internal units, exactly
        r = data.y - data.X @ w64
        pen2 = 0.5 * b * float(w64 @ w64) if b > 0 else 0.0
        obj = data.sy * (data.sy * (0.5 * float(r @ r) + a * float(np.abs(w64).sum()) + pen2) / n)
        intercept = data.sy * float(data.y_mean - data.x_mean @ w64) if data.fit_intercept else 0.0
    return _checked(Fit(coef, intercept, int(n_iter), bool(converged), obj))


def _enet(X, y, alpha, l1_ratio, fit_intercept, tol, max_iter, method, name):
    X, y, out = _check_Xy(X, y)
    alpha = _real(alpha, "alpha", low=0)
    l1_ratio = _real(l1_ratio, "l1_ratio", low=0, high=1)
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    tol = _real(tol, "tol", low=0, low_inclusive=False)
    max_iter = _integer(max_iter, "max_iter", low=1)
    method = check_choice(method, "method", _METHODS)
    data = _Design(X, y, fit_intercept)
    a, b = data.penalties(alpha, l1_ratio)
    tol_gap = tol * data.yy / 2.0
    w, n_iter, gap, conv = _ws_solve(data, a, b, np.zeros(data.p), tol_gap, max_iter, method)
    if not conv:
        _warn(
            f"{name}(method={method!r}) did not converge in max_iter={max_iter} iterations: "
            f"relative duality gap {gap / max(tol_gap / tol, 1e-300):.3e} > tol={tol:.3e}",
            depth=2,
        )
    return _enet_result(data, w, a, b, n_iter, conv, out)


def lasso(X, y, alpha, *, fit_intercept=True, tol=1e-10, max_iter=100_000, method="cd") -> Fit:
    r"""The lasso, as ``sklearn.linear_model.Lasso``.

    Minimizes

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\|w\|_1 .

    Methods (all stop on the same duality-gap rule, see the module docstring):

    * ``"cd"``: cyclic coordinate descent (covariance form, active-set sweeps);
    * ``"ista"``: proximal gradient with step :math:`1/L`;
    * ``"fista"``: accelerated proximal gradient with adaptive restart.

    Each runs on working sets with gap-safe screening: features proven zero
    are dropped and the subproblem on the remaining candidates is solved with
    the chosen method, until the gap of the *full* problem is small enough.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        Penalty strength, ``alpha >= 0``. ``alpha = 0`` is least squares.
    fit_intercept : bool, default True
        Fit an unpenalized intercept (by centring ``X`` and ``y``).
    tol : float, default 1e-10
        Stop when the duality gap is at most ``tol * ||y||^2 / (2n)`` (``y``
        centred when fitting an intercept); ``tol > 0``.
    max_iter : int, default 100_000
        Maximum number of iterations (sweeps for ``"cd"``, steps for
        ``"ista"``/``"fista"``), ``>= 1``.
    method : {"cd", "ista", "fista"}, default "cd"

    Returns
    -------
    Fit
        ``objective`` is the lasso objective above.

    Raises
    ------
    ValueError
        Bad shapes, empty or non-finite data, ``alpha < 0`` or NaN,
        ``tol <= 0``, ``max_iter < 1``, unknown ``method``.

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` is reached (``converged`` is then False).

    Examples
    --------
    scikit-learn's ``test_lasso_toy``:

    >>> import numpy as np
    >>> from l1l2.solvers import lasso
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X.ravel()
    >>> for alpha in (0.1, 0.5, 1.0):
    ...     fit = lasso(X, y, alpha, fit_intercept=False)
    ...     print(alpha, np.round(fit.coef, 6), fit.converged)
    0.1 [0.85] True
    0.5 [0.25] True
    1.0 [0.] True
    """
    return _enet(X, y, alpha, 1.0, fit_intercept, tol, max_iter, method, "lasso")


def elastic_net(
    X, y, alpha, l1_ratio, *, fit_intercept=True, tol=1e-10, max_iter=100_000, method="cd"
) -> Fit:
    r"""The elastic net, as ``sklearn.linear_model.ElasticNet``.

    Minimizes

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\rho\|w\|_1
              + \frac{\alpha(1-\rho)}{2}\|w\|_2^2, \qquad \rho = \text{l1\_ratio}.

    ``l1_ratio = 1`` is the lasso; ``l1_ratio = 0`` a ridge problem (in this
    scaling: ``ridge`` with ``alpha_ridge = n * alpha``). Methods, stopping
    rule and working sets as in :func:`lasso`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        Overall penalty strength, ``alpha >= 0``.
    l1_ratio : float
        Mix of the two penalties, ``0 <= l1_ratio <= 1``.
    fit_intercept : bool, default True
    tol : float, default 1e-10
        Stop when the duality gap is at most ``tol * ||y||^2 / (2n)``.
    max_iter : int, default 100_000
    method : {"cd", "ista", "fista"}, default "cd"

    Returns
    -------
    Fit

    Raises
    ------
    ValueError
        As :func:`lasso`, and ``l1_ratio`` outside [0, 1].

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` is reached.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.solvers import elastic_net
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X.ravel()
    >>> # stationarity: (2/3)(1 - w) = 0.05 + 0.05 w, so w = (2/3 - 0.05) / (2/3 + 0.05)
    >>> fit = elastic_net(X, y, alpha=0.1, l1_ratio=0.5, fit_intercept=False)
    >>> print(np.round(fit.coef, 6), round((2 / 3 - 0.05) / (2 / 3 + 0.05), 6))
    [0.860465] 0.860465
    """
    return _enet(X, y, alpha, l1_ratio, fit_intercept, tol, max_iter, method, "elastic_net")


def lasso_alpha_max(X, y, *, fit_intercept=False) -> float:
    r"""The smallest ``alpha`` for which the lasso solution is zero.

    .. math:: \alpha_{\max} = \frac{1}{n}\,\|X^\top y\|_\infty

    (``X`` and ``y`` centred when ``fit_intercept``). For the elastic net
    divide by ``l1_ratio``. scikit-learn's default path runs from it down to
    ``1e-3 * alpha_max``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    fit_intercept : bool, default False
        False by default, like :func:`lasso_path`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data.

    Examples
    --------
    >>> from l1l2.solvers import lasso_alpha_max
    >>> lasso_alpha_max([[-1.0], [0.0], [1.0]], [-1.0, 0.0, 1.0])   # |x'y| / n = 2/3
    0.6666666666666666
    """
    X, y, _ = _check_Xy(X, y)
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    Xc, yc, _, _, sx, sy = _prepare(X, y, fit_intercept)
    return float(np.max(np.abs(Xc.T @ yc))) / X.shape[0] * sx * sy


def lasso_path(X, y, alphas, *, fit_intercept=False, tol=1e-10, max_iter=100_000) -> np.ndarray:
    r"""Lasso solutions along a sequence of ``alpha`` values, warm-started.

    For each ``alpha`` in ``alphas`` (in the given order), minimizes
    :math:`\frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\|w\|_1`, starting from the
    previous solution. ``fit_intercept=False`` by default, as in
    ``sklearn.linear_model.lasso_path``.

    Each fit uses feature-sign search (Lee et al. 2007): from the warm start's
    active set and signs, solve the closed-form quadratic, fix sign errors by a
    line search, add violating features one at a time. Its result is accepted
    only when the duality gap meets the rule of :func:`lasso`; otherwise (for
    example with a singular Gram block) coordinate descent finishes the fit.
    When consecutive alphas share the active set and signs, the solution is
    the homotopy formula :math:`w_A(\alpha) = u - n\alpha\, v` of LARS-lasso
    and costs no new linear solve.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alphas : array_like of shape (n_alphas,)
        Penalty strengths, each ``>= 0`` and finite.
    fit_intercept : bool, default False
    tol : float, default 1e-10
        Relative duality-gap tolerance of each fit, as in :func:`lasso`.
    max_iter : int, default 100_000
        Maximum iterations for each ``alpha``.

    Returns
    -------
    ndarray of shape (n_alphas, n_features)
        Row ``i`` holds the coefficients for ``alphas[i]``.

    Raises
    ------
    ValueError
        Bad shapes, empty or non-finite data, a negative or non-finite alpha,
        ``tol <= 0``, ``max_iter < 1``.

    Warns
    -----
    ConvergenceWarning
        If some fit reached ``max_iter``.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.solvers import lasso_path
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X.ravel()
    >>> print(np.round(lasso_path(X, y, [1.0, 0.5, 0.1]), 6))
    [[0.  ]
     [0.25]
     [0.85]]
    """
    X, y, out = _check_Xy(X, y)
    alphas = as_float_array(alphas, "alphas", ndim=1, finite=True, allow_empty=False)
    if np.any(alphas < 0):
        raise ValueError(f"alphas must all be >= 0, got min {alphas.min()}")
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    tol = _real(tol, "tol", low=0, low_inclusive=False)
    max_iter = _integer(max_iter, "max_iter", low=1)
    data = _Design(X, y, fit_intercept)
    tol_gap = tol * data.yy / 2.0
    coefs = np.empty((alphas.size, data.p))
    w = np.zeros(data.p)
    failed = []
    cache = {}
    for i, alpha in enumerate(alphas.astype(np.float64).tolist()):
        a = data.penalties(alpha, 1.0)[0]
        w, it, stats = _fs_solve(data, a, w, max_iter, cache)
        gap = np.inf if stats is None else _gap(w, a, 0.0, *stats, data.ols_half_rss)[0]
        if gap > tol_gap:
            w, _, gap, conv = _ws_solve(data, a, 0.0, w, tol_gap, max(max_iter - it, 0), "cd")
            if not conv:
                failed.append(alpha)
        coefs[i] = w
    with np.errstate(over="ignore", invalid="ignore"):  # checked below
        coefs = data.coef(coefs).astype(out, copy=False)
    if not np.all(np.isfinite(coefs)):
        raise ValueError("X and y are too badly scaled for float64: the solution overflows")
    if failed:
        _warn(
            f"lasso_path did not converge for {len(failed)} of {alphas.size} alphas "
            f"(first: alpha={failed[0]:.4g}) within max_iter={max_iter}"
        )
    return coefs


# ---------------------------------------------------------------------------
# Robust regression: least absolute deviations and Huber
# ---------------------------------------------------------------------------


def _design_with_intercept(X, fit_intercept):
    return np.column_stack([X, np.ones(X.shape[0])]) if fit_intercept else X


def _lad_lp(Z, y):
    """Solve min sum |y - Z beta| as a linear program; returns (beta, linprog result)."""
    n, k = Z.shape
    # Rescale columns and y by powers of two (exact) so HiGHS's absolute
    # tolerances mean the same thing whatever the units.
    col_scale = _pow2_scale(np.max(np.abs(Z), axis=0))
    y_scale = float(_pow2_scale(np.max(np.abs(y))))
    eye = sparse.identity(n, format="csr")
    A_eq = sparse.hstack([sparse.csr_matrix(Z / col_scale), eye, -eye], format="csc")
    c = np.concatenate([np.zeros(k), np.ones(2 * n)])
    bounds = [(None, None)] * k + [(0, None)] * (2 * n)
    res = optimize.linprog(
        c, A_eq=A_eq, b_eq=y / y_scale, bounds=bounds, method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    if res.x is None:  # pragma: no cover - an LAD problem is always feasible and bounded
        raise RuntimeError(f"linprog failed on an LAD problem: {res.message}")
    beta = res.x[:k] * y_scale / col_scale

    def total(bt):
        return float(np.abs(y - Z @ bt).sum())

    # Polish: an optimal vertex interpolates k points; re-solve that square
    # system exactly and keep the result if the objective does not increase.
    basis = np.argsort(np.abs(y - Z @ beta), kind="stable")[:k]
    try:
        polished = np.linalg.solve(Z[basis], y[basis])
        if np.all(np.isfinite(polished)) and total(polished) <= total(beta):
            beta = polished
    except np.linalg.LinAlgError:
        pass
    return beta, res


def lad_regression(X, y, *, fit_intercept=True) -> Fit:
    r"""Least absolute deviations (median regression).

    Minimizes

    .. math:: \sum_{i=1}^n |y_i - x_i^\top w - b|

    as the linear program

    .. math:: \min \ \mathbf 1^\top (u^+ + u^-) \quad\text{s.t.}\quad
              Xw + b + u^+ - u^- = y,\ u^\pm \ge 0,

    solved by SciPy's HiGHS (``scipy.optimize.linprog(method="highs")``) on
    rescaled data (columns and ``y`` divided by their largest absolute value).
    An optimal vertex interpolates at least ``p`` (+1 with an intercept) data
    points; the solution is then polished by solving that square interpolation
    system exactly, kept only if the objective does not increase. The objective
    is accurate to about 1e-8 relative or better. The solution need not be
    unique.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    fit_intercept : bool, default True

    Returns
    -------
    Fit
        ``n_iter`` is HiGHS's iteration count.

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data.

    Warns
    -----
    ConvergenceWarning
        If HiGHS stops without proving optimality.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.solvers import lad_regression
    >>> x = np.arange(5.0); y = 2 * x + 1; y[4] = 100.0   # one gross outlier
    >>> fit = lad_regression(x[:, None], y)
    >>> print(np.round(fit.coef, 6), round(fit.intercept, 6), round(fit.objective, 6))
    [2.] 1.0 91.0
    """
    X, y, out = _check_Xy(X, y)
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    Z = _design_with_intercept(X, fit_intercept)
    # Extreme scales can overflow; _checked turns a non-finite result into a ValueError.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        beta, res = _lad_lp(Z, y)
        coef = beta[: X.shape[1]].astype(out)
        b = float(beta[-1]) if fit_intercept else 0.0
        obj = float(np.abs(y - X @ coef.astype(np.float64) - b).sum())
    converged = res.status == 0
    if not converged:
        _warn(f"lad_regression: HiGHS stopped with status {res.status}: {res.message}")
    return _checked(Fit(coef, b, int(res.nit), bool(converged), obj))


def _huber_sum(r, delta):
    a = np.abs(r)
    return float(np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta)).sum())


def _huber_line_search(r, s, delta):
    r"""Exact minimizer :math:`t \ge 0` of :math:`\phi(t) = \sum_i h_\delta(r_i - t s_i)`.

    :math:`\phi'(t) = -\sum_i s_i\,\mathrm{clip}(r_i - t s_i, -\delta, \delta)` is
    continuous, non-decreasing and piecewise linear, with breakpoints where a
    residual crosses :math:`\pm\delta`. Binary search over the breakpoints finds
    the piece where :math:`\phi'` changes sign; on it :math:`\phi'` is linear, so
    its root is exact.
    """

    def dphi(t):
        return -float(s @ np.clip(r - t * s, -delta, delta))

    nz = s != 0
    with np.errstate(over="ignore"):  # a breakpoint beyond the float range is never reached
        bp = np.concatenate([(r[nz] - delta) / s[nz], (r[nz] + delta) / s[nz]])
    bp = np.unique(bp[(bp > 0) & np.isfinite(bp)])
    lo, hi = 0, bp.size
    while lo < hi:
        mid = (lo + hi) // 2
        if dphi(bp[mid]) >= 0:
            hi = mid
        else:
            lo = mid + 1
    t_lo = float(bp[lo - 1]) if lo > 0 else 0.0
    if lo == bp.size:
        return t_lo
    t_hi = float(bp[lo])
    inside = np.abs(r - (0.5 * (t_lo + t_hi)) * s) < delta
    slope = float(s[inside] @ s[inside])
    if slope <= 0:
        return t_hi
    return min(max(t_lo - dphi(t_lo) / slope, t_lo), t_hi)


def _huber_direction(Zi, g):
    r"""Search direction for the Huber objective on the current inlier/outlier split.

    On the split, the objective is the quadratic
    :math:`\frac12\|y_I - Z_I\beta\|^2 + \text{linear}`, with Hessian
    :math:`H = Z_I^\top Z_I`. If the gradient has a component in the null space
    of :math:`H` (too few inliers), the objective is *linear* along it: move
    along the projected gradient :math:`-P_{\mathrm{null}}\,g` (inliers'
    residuals stay put) until the line search meets a breakpoint, like a simplex
    step. Otherwise take the Newton step :math:`-H^{+} g`, which lands on the
    minimizer of the quadratic piece.
    """
    k = g.size
    if Zi.shape[0]:
        # full V (k x k) is needed for the null space; U stays thin when |I| >= k
        _, sv, Vt = np.linalg.svd(Zi, full_matrices=Zi.shape[0] < k)
    else:
        sv, Vt = np.zeros(0), np.eye(k)
    rank = int(np.sum(sv > max(1e-10 * sv[0], 1e-150))) if sv.size else 0
    Vr, Vn = Vt[:rank].T, Vt[rank:].T
    g_null = Vn @ (Vn.T @ g)
    if np.linalg.norm(g_null) > 1e-8 * np.linalg.norm(g):
        return -g_null
    sr = sv[:rank]
    return -(Vr @ ((Vr.T @ g) / sr / sr))


def huber_regression(X, y, delta=1.345, *, fit_intercept=True) -> Fit:
    r"""Huber regression with the scale held fixed at 1.

    Minimizes

    .. math:: \sum_{i=1}^n h_\delta(y_i - x_i^\top w - b),\qquad
              h_\delta(r) = \begin{cases} \tfrac12 r^2 & |r| \le \delta \\
              \delta(|r| - \tfrac12\delta) & |r| > \delta \end{cases}

    so ``delta`` is in the units of ``y``. This is *not*
    ``sklearn.linear_model.HuberRegressor``, which also estimates a scale
    :math:`\sigma` and adds an L2 penalty.

    Algorithm: the finite Newton method (Madsen & Nielsen 1990). The objective
    is convex and piecewise quadratic; on the current split into inliers
    :math:`I = \{|r_i| \le \delta\}` and outliers it is one quadratic, whose
    minimizer gives the Newton direction (:math:`X_I^\top X_I\,d = -\nabla`).
    With too few inliers for that system (small ``delta``) the objective is
    linear along the null space of :math:`X_I`, and the step follows the
    gradient projected on it instead, a simplex-like move. An exact line search
    (the derivative along the line is piecewise linear) sets each step length.
    Once the split is the optimal one, a full step lands on the exact
    minimizer, so the objective is exact up to rounding (far below 1e-8
    relative); the iteration stops when the gradient is at rounding level.
    It starts from least squares, so a huge ``delta`` returns the
    least-squares fit in zero steps.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    delta : float, default 1.345
        Threshold between the quadratic and linear parts, ``delta > 0``.
    fit_intercept : bool, default True

    Returns
    -------
    Fit
        ``n_iter`` counts Newton steps.

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data, ``delta <= 0`` or NaN.

    Warns
    -----
    ConvergenceWarning
        If the Newton iteration does not settle within 500 steps.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.solvers import huber_regression
    >>> x = np.arange(6.0); y = 2 * x + 1; y[5] = 50.0   # one gross outlier
    >>> fit = huber_regression(x[:, None], y, delta=1.0)
    >>> print(np.round(fit.coef, 6), round(fit.intercept, 6), fit.converged)
    [2.3] 0.6 True

    The five inliers keep residuals within delta; the outlier pulls with a
    constant force delta, which is what the solution (2.3, 0.6) balances.
    """
    X, y, out = _check_Xy(X, y)
    delta = _real(delta, "delta", low=0, low_inclusive=False)
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    Z = _design_with_intercept(X, fit_intercept)
    # Work on data rescaled by powers of two (exact in floating point), so that
    # squares neither overflow nor underflow: h_delta(r) = s^2 h_{delta/s}(r/s).
    col_scale = _pow2_scale(np.max(np.abs(Z), axis=0))
    y_scale = float(_pow2_scale(np.max(np.abs(y))))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # see _checked
        Z, y_s, delta_s = Z / col_scale, y / y_scale, delta / y_scale
        newton = _huber_newton(Z, y_s, delta_s)
        beta = newton.coef * y_scale / col_scale
    n_iter, converged = newton.n_iter, newton.converged
    if not converged:
        _warn(f"huber_regression did not converge in {n_iter} Newton steps")
    p = X.shape[1]
    coef = beta[:p].astype(out)
    b = float(beta[p]) if fit_intercept else 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        obj = _huber_sum(y - X @ coef.astype(np.float64) - b, delta)
    return _checked(Fit(coef, b, n_iter, converged, obj))


def _huber_newton(Z, y, delta):
    """The finite Newton iteration of :func:`huber_regression` (see its docstring);
    returns a :class:`Fit` holding the coefficient vector (intercept included)."""
    beta = np.linalg.lstsq(Z, y, rcond=None)[0]
    # Gradient tolerance: rounding level of Z' psi with |psi| <= delta.
    gtol = 1e-11 * delta * max(float(np.max(np.abs(Z).sum(axis=0))), 1e-300)
    max_steps = 500
    n_iter = 0
    converged = False
    f = _huber_sum(y - Z @ beta, delta)
    while True:
        r = y - Z @ beta
        inl = np.abs(r) <= delta
        g = -(Z.T @ np.clip(r, -delta, delta))  # gradient of the objective
        if np.max(np.abs(g)) <= gtol:
            converged = True
            break
        if n_iter >= max_steps:
            break
        d = _huber_direction(Z[inl], g)
        t = _huber_line_search(r, Z @ d, delta)
        beta_new = beta + t * d
        f_new = _huber_sum(y - Z @ beta_new, delta)
        n_iter += 1
        if not f_new < f:
            # No more decrease in floating point: optimal to rounding if the
            # gradient is small relative to its terms.
            converged = bool(np.max(np.abs(g)) <= 1e3 * gtol)
            break
        beta, f = beta_new, f_new
    return Fit(beta, 0.0, n_iter, converged, f)


# ---------------------------------------------------------------------------
# Gradient descent and PyTorch's optimizer steps
# ---------------------------------------------------------------------------


def gradient_descent(grad, w0, lr, n_steps) -> np.ndarray:
    r"""Plain gradient descent, returning the whole trajectory.

    .. math:: w_{k+1} = w_k - \eta_k\,\nabla f(w_k), \qquad k = 0, \dots, n_\text{steps}-1,

    with a fixed step :math:`\eta_k = \text{lr}` when ``lr`` is a number, or
    the per-step learning rates :math:`\eta_k = \text{lr}[k]` when it is a
    sequence (a decaying schedule such as :math:`\eta_k = \eta_0/\sqrt{k+1}`
    turns subgradient descent into Shor's subgradient method, which converges
    on non-smooth convex problems where a fixed step only oscillates).

    Parameters
    ----------
    grad : callable
        ``grad(w)`` returns the gradient (or a subgradient) at ``w``, an
        array of ``w0``'s shape. It receives a copy, so it cannot alter the
        trajectory.
    w0 : array_like
        Starting point (any shape, non-empty, finite). Not modified.
    lr : float or 1-D array_like of length ``n_steps``
        Step size, ``lr >= 0``; or one step size per step, each finite and
        ``>= 0``. A sequence is copied, never modified.
    n_steps : int
        Number of steps, ``>= 0``.

    Returns
    -------
    ndarray of shape (n_steps + 1, *w0.shape)
        Row ``k`` is :math:`w_k`; row 0 is ``w0``. A too-large ``lr`` may
        diverge to inf/nan: that is returned as is, without warnings.

    Raises
    ------
    ValueError
        ``grad`` not callable or returning the wrong shape, ``w0`` empty or
        non-finite, ``lr < 0`` or NaN, a sequence ``lr`` that is not 1-D, not
        of length ``n_steps``, or with a negative or non-finite entry,
        ``n_steps`` not a non-negative integer.

    Examples
    --------
    On :math:`f(w) = w^2` each step multiplies :math:`w` by :math:`1 - 2\,\text{lr}`:

    >>> from l1l2.solvers import gradient_descent
    >>> gradient_descent(lambda w: 2 * w, 1.0, lr=0.25, n_steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])

    Per-step learning rates, here :math:`\eta_k = 0.5/(k+1)` on :math:`f(w) = |w|`:

    >>> import numpy as np
    >>> gradient_descent(np.sign, 1.0, lr=[0.5, 0.25, 0.125], n_steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    if not callable(grad):
        raise ValueError(f"grad must be callable, got {type(grad).__name__}")
    w0 = as_float_array(w0, "w0", finite=True, allow_empty=False)
    n_steps = check_count(n_steps, "n_steps")
    if (n_steps + 1) * w0.size > MAX_COUNT:
        raise ValueError(f"n_steps is too large: the trajectory would hold more than "
                         f"{MAX_COUNT} numbers")
    if np.ndim(lr) == 0 and not isinstance(lr, (list, tuple)):
        steps = [_real(lr, "lr", low=0)] * n_steps
    else:
        lr_seq = as_float_array(lr, "lr", dtype=np.float64, ndim=1, finite=True)
        if lr_seq.shape[0] != n_steps:
            raise ValueError(
                f"lr must be a number or a sequence of n_steps = {n_steps} learning rates, "
                f"got {lr_seq.shape[0]}"
            )
        if np.any(lr_seq < 0):
            raise ValueError("lr must contain only learning rates >= 0")
        steps = lr_seq.tolist()
    traj = np.empty((n_steps + 1, *w0.shape), dtype=w0.dtype)
    traj[0] = w0
    w = w0.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(n_steps):
            g = grad(w.copy())
            try:
                g = np.asarray(g, dtype=w.dtype)
            except (TypeError, ValueError):
                raise ValueError("grad(w) must return a numeric array") from None
            if g.shape != w.shape:
                raise ValueError(
                    f"grad(w) must return an array of shape {w.shape}, got shape {g.shape}"
                )
            if not np.all(np.isfinite(g)) and np.all(np.isfinite(w)):
                raise ValueError(f"grad returned a non-finite gradient at step {k}, "
                                 "at a finite w")
            w = w - steps[k] * g
            traj[k + 1] = w
    return traj


def clip_by_norm(g, max_norm) -> np.ndarray:
    r"""Gradient clipping by the Euclidean norm, PyTorch's ``clip_grad_norm_`` rule.

    .. math::

        \operatorname{clip}(g) = g \cdot \min\Bigl(1,\
        \frac{\text{max\_norm}}{\lVert g\rVert_2 + 10^{-6}}\Bigr)

    The direction is kept and only the length is capped, at (just under)
    ``max_norm``; a gradient already shorter is returned unchanged (as a new
    array). The :math:`10^{-6}` is PyTorch's guard against a zero norm. This
    is the remedy of Pascanu, Mikolov & Bengio (2013) for exploding gradients.

    Parameters
    ----------
    g : array_like
        A gradient (any shape, non-empty, finite). Not modified. Its norm is
        taken over all entries, as ``clip_grad_norm_`` does over all
        parameters.
    max_norm : float
        Largest allowed norm, ``max_norm > 0``.

    Returns
    -------
    ndarray
        The clipped gradient, a new array of ``g``'s shape and float dtype.

    Raises
    ------
    ValueError
        If ``g`` is empty or non-finite, or ``max_norm`` is not a positive number.

    Examples
    --------
    >>> from l1l2.solvers import clip_by_norm
    >>> clip_by_norm([30.0, 40.0], max_norm=1.0).round(6)      # norm 50 -> 1
    array([0.6, 0.8])
    >>> clip_by_norm([0.3, 0.4], max_norm=1.0)                 # short: unchanged
    array([0.3, 0.4])
    """
    g = as_float_array(g, "g", finite=True, allow_empty=False)
    max_norm = _real(max_norm, "max_norm", low=0, low_inclusive=False)
    with np.errstate(over="ignore", under="ignore"):
        norm = float(np.sqrt(np.sum(np.square(g, dtype=np.float64))))
    if not (1e-150 < norm < 1e150):  # squares over- or underflow: scale first, as hypot does
        m = float(np.max(np.abs(g.astype(np.float64))))
        norm = m * float(np.sqrt(np.sum(np.square(g / m, dtype=np.float64)))) if m else 0.0
    coef = max_norm / (norm + 1e-6)
    if coef < 1.0:
        return (g * coef).astype(g.dtype, copy=False)
    return g.copy()


def _check_wg(w, g):
    w = as_float_array(w, "w", finite=True, allow_empty=False)
    g = as_float_array(g, "g", finite=True, allow_empty=False)
    if w.shape != g.shape:
        raise ValueError(f"w and g must have the same shape, got w {w.shape} and g {g.shape}")
    dt = float_dtype(w, g)
    return w.astype(dt, copy=False), g.astype(dt, copy=False)


def sgd_step(w, g, lr, weight_decay=0.0) -> np.ndarray:
    r"""One step of ``torch.optim.SGD`` (no momentum).

    .. math:: w \leftarrow w - \text{lr}\,(g + \text{weight\_decay}\cdot w)

    Parameters
    ----------
    w : array_like
        Current parameters (not modified).
    g : array_like
        Gradient at ``w``, same shape.
    lr : float
        Learning rate, ``>= 0``.
    weight_decay : float, default 0.0
        L2 coefficient added to the gradient, ``>= 0``.

    Returns
    -------
    ndarray
        The new parameters (a new array).

    Raises
    ------
    ValueError
        Shape mismatch, empty or non-finite ``w``/``g``, negative or NaN
        ``lr``/``weight_decay``.

    Examples
    --------
    >>> from l1l2.solvers import sgd_step
    >>> sgd_step([1.0, -2.0], [0.5, 0.5], lr=0.1, weight_decay=0.1)
    array([ 0.94, -2.03])
    """
    w, g = _check_wg(w, g)
    lr = _real(lr, "lr", low=0)
    weight_decay = _real(weight_decay, "weight_decay", low=0)
    if weight_decay != 0:
        with np.errstate(over="ignore", invalid="ignore"):  # refused in _adam_update
            g = g + weight_decay * w
    return np.asarray(w - lr * g)


def _check_adam(w, g, state, lr, betas, eps, weight_decay):
    w, g = _check_wg(w, g)
    if not isinstance(state, dict):
        raise ValueError(
            f"state must be a dict (empty on the first call), got {type(state).__name__}"
        )
    lr = _real(lr, "lr", low=0)
    eps = _real(eps, "eps", low=0)
    weight_decay = _real(weight_decay, "weight_decay", low=0)
    try:
        pair = not isinstance(betas, (str, bytes)) and np.ndim(betas) == 1 and len(betas) == 2
    except (ValueError, TypeError):  # a ragged sequence
        pair = False
    if not pair:
        raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r:.40}")
    beta1 = _real(betas[0], "betas[0]", low=0, high=1, high_inclusive=False)
    beta2 = _real(betas[1], "betas[1]", low=0, high=1, high_inclusive=False)
    if state:
        if not {"step", "m", "v"} <= state.keys():
            raise ValueError("state must be empty or hold 'step', 'm' and 'v'")
        step = _integer(state["step"], "state['step']", low=0)
        m = as_float_array(state["m"], "state['m']").astype(w.dtype, copy=False)
        v = as_float_array(state["v"], "state['v']").astype(w.dtype, copy=False)
        if m.shape != w.shape or v.shape != w.shape:
            raise ValueError(
                f"state['m'] and state['v'] must have w's shape {w.shape}, "
                f"got {m.shape} and {v.shape}"
            )
    else:
        step, m, v = 0, np.zeros_like(w), np.zeros_like(w)
    return w, g, lr, beta1, beta2, eps, weight_decay, step, m, v


def _adam_update(w, g, state, lr, beta1, beta2, eps, step, m, v):
    """The moment updates and step of torch.optim.Adam, in torch's order of operations."""
    step += 1
    # m.lerp_(g, 1 - beta1): torch's lerp formula switches form at weight 0.5
    wt = 1.0 - beta1
    with np.errstate(over="ignore", invalid="ignore"):  # refused below
        m = m + wt * (g - m) if wt < 0.5 else g - (g - m) * (1.0 - wt)
        v = v * beta2 + (1.0 - beta2) * (g * g)
    bias_correction1 = 1.0 - beta1**step
    bias_correction2 = 1.0 - beta2**step
    step_size = lr / bias_correction1
    with np.errstate(over="ignore", invalid="ignore"):
        denom = np.sqrt(v) / math.sqrt(bias_correction2) + eps
    # eps = 0 and v = 0 (a coordinate whose gradients were all 0, so m = 0 too):
    # torch gives 0/0 = nan; the limit eps -> 0 is no move, which is returned
    ratio = np.divide(m, denom, out=np.zeros_like(m), where=denom != 0)
    with np.errstate(over="ignore", invalid="ignore"):
        w_new = np.asarray(w + (-step_size) * ratio)
    check_finite_result([m, v, w_new], "w, g, lr and weight_decay", "the Adam update")
    state["step"] = step
    state["m"] = m
    state["v"] = v
    return w_new


def adam_step(w, g, state, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    r"""One step of ``torch.optim.Adam`` (``amsgrad=False``).

    With :math:`g \leftarrow g + \text{weight\_decay}\cdot w` (an L2 term in the
    gradient) and step count :math:`k` (from 1):

    .. math::
        m &\leftarrow \beta_1 m + (1-\beta_1) g, \qquad
        v \leftarrow \beta_2 v + (1-\beta_2) g^2, \\
        w &\leftarrow w - \frac{\text{lr}}{1-\beta_1^k}\,
             \frac{m}{\sqrt{v}/\sqrt{1-\beta_2^k} + \varepsilon}.

    Parameters
    ----------
    w, g : array_like
        Parameters and gradient, same shape. Neither is modified.
    state : dict
        ``{}`` on the first call; then holds ``step`` (int), ``m`` and ``v``.
        **Updated in place** (the one mutable argument of this module).
    lr : float, default 1e-3
    betas : (float, float), default (0.9, 0.999)
        Each in [0, 1).
    eps : float, default 1e-8
    weight_decay : float, default 0.0

    Returns
    -------
    ndarray
        The new parameters.

    Raises
    ------
    ValueError
        Shape mismatch, empty or non-finite arrays, a bad hyper-parameter or a
        malformed ``state``; ``state`` is then left untouched.

    Examples
    --------
    The first step moves each coordinate by about ``lr`` against the sign of ``g``:

    >>> from l1l2.solvers import adam_step
    >>> state = {}
    >>> w = adam_step([1.0, 1.0], [0.5, -2.0], state, lr=0.1)
    >>> print(w.round(6), state["step"])
    [0.9 1.1] 1
    """
    w, g, lr, beta1, beta2, eps, weight_decay, step, m, v = _check_adam(
        w, g, state, lr, betas, eps, weight_decay
    )
    if weight_decay != 0:
        with np.errstate(over="ignore", invalid="ignore"):  # refused in _adam_update
            g = g + weight_decay * w
    return _adam_update(w, g, state, lr, beta1, beta2, eps, step, m, v)


def adamw_step(w, g, state, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    r"""One step of ``torch.optim.AdamW``: Adam with decoupled weight decay.

    First :math:`w \leftarrow (1 - \text{lr}\cdot\text{weight\_decay})\,w`, then
    the Adam update of :func:`adam_step` with the raw gradient (the decay does
    not enter :math:`m` and :math:`v`).

    Parameters
    ----------
    w, g : array_like
        Parameters and gradient, same shape. Neither is modified.
    state : dict
        ``{}`` on the first call; **updated in place** (``step``, ``m``, ``v``).
    lr : float, default 1e-3
    betas : (float, float), default (0.9, 0.999)
    eps : float, default 1e-8
    weight_decay : float, default 1e-2

    Returns
    -------
    ndarray
        The new parameters.

    Raises
    ------
    ValueError
        As :func:`adam_step`.

    Examples
    --------
    With a zero gradient only the decay acts: :math:`w (1 - 0.1 \cdot 0.5)`:

    >>> from l1l2.solvers import adamw_step
    >>> print(adamw_step([2.0], [0.0], {}, lr=0.1, weight_decay=0.5))
    [1.9]
    """
    w, g, lr, beta1, beta2, eps, weight_decay, step, m, v = _check_adam(
        w, g, state, lr, betas, eps, weight_decay
    )
    with np.errstate(over="ignore", invalid="ignore"):
        w = w * (1.0 - lr * weight_decay)
    return _adam_update(w, g, state, lr, beta1, beta2, eps, step, m, v)


# -- chapter 5 additions --


# -- chapter 6 additions --


def _norm_penalized_mu(s, c, alpha):
    r"""The root :math:`\mu > 0` of :math:`\mu^2 \sum_j c_j^2/(s_j+\mu)^2 = \alpha^2`.

    ``s`` are the eigenvalues :math:`d_j^2/n` of :math:`X^\top X/n` (only those
    with ``c != 0``), ``c`` the coordinates of :math:`X^\top y/n` in the right
    singular vectors, and :math:`0 < \alpha < \|c\|`. The left side increases
    from 0 to :math:`\|c\|^2`, so the root is unique; it is bracketed by
    :math:`\alpha s_{\min}/(2\|c\|)` and :math:`2\alpha s_{\max}/(\|c\| - \alpha)`.
    """
    cnorm = float(np.sqrt(c @ c))

    def phi(mu):
        return mu * float(np.sqrt(np.sum((c / (s + mu)) ** 2))) - alpha

    lo = alpha * float(s.min()) / (2.0 * cnorm)
    hi = 2.0 * alpha * float(s.max()) / (cnorm - alpha)
    mu, info = optimize.brentq(phi, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps,
                               maxiter=500, full_output=True)
    return mu, info.iterations


def norm_penalized_least_squares(X, y, alpha, *, fit_intercept=False) -> Fit:
    r"""Least squares penalized by the *unsquared* Euclidean norm (one group of the group lasso).

    Minimizes

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha \|w\|_2,

    with :math:`\|w\|_2 = \sqrt{\sum_j w_j^2}` (no square). Unlike ridge, the
    solution is **exactly zero** for every
    :math:`\alpha \ge \alpha_{\max} = \|X^\top y\|_2/n` (``X`` and ``y``
    centred when fitting an intercept): 0 is optimal iff the gradient of the
    data term at 0, :math:`-X^\top y/n`, lies in :math:`\alpha` times the unit
    ball, the subdifferential of :math:`\alpha\|w\|_2` at 0. Below
    :math:`\alpha_{\max}` the stationarity condition
    :math:`(X^\top X/n + \mu I)\,w = X^\top y/n` with
    :math:`\mu = \alpha/\|w\|_2` says that :math:`w` is the ridge solution of
    strength :math:`n\mu` (scikit-learn's scaling, :func:`ridge`); :math:`\mu`
    is the unique root of :math:`\mu\,\|w(\mu)\|_2 = \alpha`, found exactly
    (to rounding) by Brent's method on the singular value decomposition of
    ``X``. This is the group lasso of Yuan & Lin (2006) with one group.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        Penalty strength, ``alpha >= 0``. ``alpha = 0`` gives the minimum-norm
        least-squares solution.
    fit_intercept : bool, default False
        Fit an unpenalized intercept :math:`b` (by centring ``X`` and ``y``).

    Returns
    -------
    Fit
        ``n_iter`` is the number of root-finding iterations (0 when the
        solution is 0 or ``alpha = 0``), ``converged`` True, ``objective``
        the objective above.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``y`` not 1-D, their lengths differ, either is
        empty or non-finite, or ``alpha`` is negative, NaN or not a number.

    Examples
    --------
    One feature, :math:`X^\top y/n = 2/3`: the solution is exactly 0 from
    :math:`\alpha = 2/3` on, and :math:`w = (2/3 - \alpha)/(2/3)` below.

    >>> import numpy as np
    >>> from l1l2.solvers import norm_penalized_least_squares
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X.ravel()
    >>> print(norm_penalized_least_squares(X, y, alpha=1 / 3).coef.round(6))
    [0.5]
    >>> print(norm_penalized_least_squares(X, y, alpha=0.7).coef)
    [0.]
    """
    X, y, out = _check_Xy(X, y)
    alpha = _real(alpha, "alpha", low=0)
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    n = X.shape[0]
    if fit_intercept:
        x_mean, y_mean = X.mean(axis=0), float(y.mean())
        Xc, yc = X - x_mean, y - y_mean
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
        Xc, yc = X, y
    try:
        with np.errstate(all="ignore"):
            return _checked(_norm_penalized(Xc, yc, x_mean, y_mean, n, alpha, fit_intercept,
                                            out))
    except ValueError as exc:
        raise ValueError(f"X and y (or alpha): {exc}") from None


def _norm_penalized(Xc, yc, x_mean, y_mean, n, alpha, fit_intercept, out):
    U, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    keep = d > d.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps
    U, d, Vt = U[:, keep], d[keep], Vt[keep]
    c = d * (U.T @ yc) / n  # X'y/n in the basis of the right singular vectors
    s = d * d / n  # the eigenvalues of X'X/n
    # the threshold ||X'y||/n, computed directly (as a reader would) and from the SVD;
    # rounding may separate the two by a few ulps: at or above either, w = 0
    alpha_max = min(float(np.sqrt(c @ c)), float(np.linalg.norm(Xc.T @ yc)) / n)
    n_iter = 0
    if alpha >= alpha_max:
        coef = np.zeros(Xc.shape[1])
    elif alpha == 0:
        coef = Vt.T @ (c / s)
    else:
        nz = c != 0
        mu, n_iter = _norm_penalized_mu(s[nz], c[nz], alpha)
        coef = Vt.T @ (c / (s + mu))
    r = yc - Xc @ coef
    objective = float(r @ r) / (2 * n) + alpha * float(np.sqrt(coef @ coef))
    intercept = float(y_mean - x_mean @ coef) if fit_intercept else 0.0
    return Fit(coef.astype(out), intercept, n_iter, True, objective)


# -- chapter 7 additions --
@dataclass(frozen=True, eq=False)
class SubsetFit:
    """The best least-squares fit on ``k`` features (see :func:`best_subset`).

    Attributes
    ----------
    support : tuple of int
        The chosen feature indices, increasing (``()`` for ``k = 0``).
    coef : ndarray of shape (n_features,)
        Least-squares coefficients on ``support``, 0 elsewhere.
    intercept : float
        The intercept (0.0 when ``fit_intercept=False``).
    rss : float
        The residual sum of squares :math:`\\|y - Xw - b\\|_2^2`.
    """

    support: tuple
    coef: np.ndarray
    intercept: float
    rss: float


_BEST_SUBSET_MAX_P = 20


def best_subset(X, y, k=None, *, fit_intercept=True):
    r"""Best subset selection by brute force: the L0-constrained least squares.

    For each size :math:`k`, solve

    .. math:: \min_{w}\ \|y - Xw - b\|_2^2 \quad\text{subject to}\quad \|w\|_0 \le k

    by fitting least squares on every one of the :math:`\binom{p}{k}` subsets
    of :math:`k` features and keeping the smallest residual sum of squares
    (on ties, the first subset in lexicographic order). All subsets of one
    size are solved together as a batch of small normal-equation systems
    :math:`X_S^\top X_S\, w_S = X_S^\top y` (columns and ``y`` centred when
    fitting an intercept); a singular system falls back to the minimum-norm
    least-squares solution. There are :math:`2^p` subsets in all, so ``p`` is
    limited to 20. The general problem is NP-hard (Natarajan 1995).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    k : int, optional
        The subset size, ``0 <= k <= n_features``. Default: every size.
    fit_intercept : bool, default True
        Fit an unpenalized, always included intercept.

    Returns
    -------
    SubsetFit or list of SubsetFit
        The best fit of size ``k``; with ``k=None``, the list of the best fits
        of sizes ``0, 1, ..., n_features``.

    Raises
    ------
    ValueError
        Bad shapes, empty or non-finite data, more than 20 features, ``k``
        outside ``[0, n_features]`` or not an integer.

    Examples
    --------
    ``y`` is exactly :math:`2 x_0 - x_2`; the best single feature is the one
    most correlated with ``y``, and the best pair is exact:

    >>> import numpy as np
    >>> from l1l2.solvers import best_subset
    >>> X = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0],
    ...               [0.0, 0.0, 1.0], [2.0, 1.0, 1.0]])
    >>> y = 2 * X[:, 0] - X[:, 2]
    >>> fits = best_subset(X, y)
    >>> [f.support for f in fits]
    [(), (0,), (0, 2), (0, 1, 2)]
    >>> print(np.round(fits[2].coef, 6), round(fits[2].rss, 12))
    [ 2.  0. -1.] 0.0
    """
    from itertools import combinations

    X, y, out = _check_Xy(X, y)
    n, p = X.shape
    if p > _BEST_SUBSET_MAX_P:
        raise ValueError(f"X has {p} features: best_subset enumerates 2**p subsets and "
                         f"accepts at most {_BEST_SUBSET_MAX_P}")
    if k is not None:
        k = _integer(k, "k", low=0)
        if k > p:
            raise ValueError(f"k must be <= n_features = {p}, got {k}")
    fit_intercept = _bool(fit_intercept, "fit_intercept")
    # data in extreme units are rescaled by powers of two (exact; none for ordinary data)
    Xc, yc, x_mean, y_mean, sx, sy = _prepare(X, y, fit_intercept)
    G, q = Xc.T @ Xc, Xc.T @ yc

    def unscaled(fit):
        with np.errstate(over="ignore", invalid="ignore"):
            w = (fit.coef * (sy / sx)).astype(out)
            rss = sy * (sy * fit.rss)
            b = sy * fit.intercept
        if not (np.all(np.isfinite(w)) and math.isfinite(rss) and math.isfinite(b)):
            raise ValueError("X and y are too badly scaled for float64: the solution "
                             "overflows; rescale X and y")
        return SubsetFit(fit.support, w, b, rss)

    def best_of_size(size):
        if size == 0:
            w = np.zeros(p)
            return unscaled(SubsetFit((), w, y_mean, float(yc @ yc)))
        idx = np.array(list(combinations(range(p), size)), dtype=np.intp)
        Gs = G[idx[:, :, None], idx[:, None, :]]
        qs = q[idx]
        try:
            W = np.linalg.solve(Gs, qs[..., None])[..., 0]
        except np.linalg.LinAlgError:
            W = np.stack([np.linalg.lstsq(Xc[:, s], yc, rcond=None)[0] for s in idx])
        R = yc[:, None] - np.einsum("nmk,mk->nm", Xc[:, idx], W)
        rss = np.einsum("nm,nm->m", R, R)
        best = int(np.argmin(rss))
        w = np.zeros(p)
        w[idx[best]] = W[best]
        b = y_mean - float(x_mean @ w) if fit_intercept else 0.0
        return unscaled(SubsetFit(tuple(int(j) for j in idx[best]), w, b, float(rss[best])))

    if k is not None:
        return best_of_size(k)
    return [best_of_size(size) for size in range(p + 1)]


# -- chapter 8 additions --


def prox_l1_step(w, g, lr, alpha) -> np.ndarray:
    r"""One proximal-gradient step for an L1 penalty (ISTA / proximal SGD).

    For an objective :math:`f(w) + \alpha\lVert w\rVert_1` with :math:`g` the
    gradient (or a minibatch estimate of it) of the smooth part :math:`f` at
    :math:`w`: a gradient step on :math:`f`, then soft thresholding by
    :math:`\text{lr}\cdot\alpha`,

    .. math::

        w \leftarrow S_{\text{lr}\,\alpha}(w - \text{lr}\,g),
        \qquad S_t(z) = \operatorname{sign}(z)\max(\lvert z\rvert - t, 0).

    Unlike a subgradient step :math:`w - \text{lr}\,(g + \alpha\operatorname{sign}(w))`,
    it sets to exactly 0 every coordinate with
    :math:`\lvert w_j - \text{lr}\,g_j\rvert \le \text{lr}\,\alpha`. Iterated with
    the full gradient and :math:`\text{lr} \le 1/L` (:math:`L` the Lipschitz
    constant of :math:`\nabla f`) it is ISTA and converges to a minimizer
    (Beck & Teboulle 2009).

    Parameters
    ----------
    w : array_like
        Current parameters (not modified).
    g : array_like
        Gradient of the smooth part at ``w``, same shape.
    lr : float
        Learning rate, ``>= 0``.
    alpha : float
        L1 strength :math:`\alpha \ge 0` (the book's :math:`\lambda`).

    Returns
    -------
    ndarray
        The new parameters (a new array).

    Raises
    ------
    ValueError
        Shape mismatch, empty or non-finite ``w``/``g``, negative or NaN
        ``lr``/``alpha``.

    Examples
    --------
    >>> from l1l2.solvers import prox_l1_step
    >>> prox_l1_step([1.0, 0.05, -2.0], [0.0, 0.0, 1.0], lr=0.5, alpha=0.2)
    array([ 0.9,  0. , -2.4])
    """
    from .penalties import soft_threshold

    w, g = _check_wg(w, g)
    lr = _real(lr, "lr", low=0)
    alpha = _real(alpha, "alpha", low=0)
    return soft_threshold(w - lr * g, lr * alpha)


# -- chapter 9 additions --


def _segment_min(A, c, a, b):
    """Minimize (w - c)' A (w - c) on the segment [a, b]; returns (w, value)."""
    d = b - a
    curv = d @ A @ d
    s = 0.0 if curv <= 0 else float(np.clip((d @ A @ (c - a)) / curv, 0.0, 1.0))
    w = a + s * d
    return w, float((w - c) @ A @ (w - c))


def _lp_norm_2d(a, p):
    """The Lp norm of the rows of ``a`` (absolute values, last axis of length 2).

    For a large ``p`` (or when the plain sum over- or underflows) each row is
    first divided by its largest entry, so that the powers stay in range.
    """
    if np.isinf(p):
        return a.max(axis=-1)
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        plain = (a[..., 0] ** p + a[..., 1] ** p) ** (1.0 / p)
        if p <= 64 and np.all(np.isfinite(plain) & ((plain > 0) | (a.max(axis=-1) == 0))):
            return plain
        m = a.max(axis=-1)
        safe = np.where(m > 0, m, 1.0)
        r = a / safe[..., None]
        return m * (r[..., 0] ** p + r[..., 1] ** p) ** (1.0 / p)


def _lp_unit(theta, p):
    """Points of the unit Lp sphere in 2-D at the angles ``theta``."""
    u = np.stack([np.cos(theta), np.sin(theta)], axis=-1)
    norm = _lp_norm_2d(np.abs(u), p)
    return u / norm[..., None]


#: The smallest exponent of constrained_quadratic_2d: below it the Lp "norm" of
#: a point overflows (the ball is numerically the coordinate cross).
_MIN_P = 0.01


def constrained_quadratic_2d(A, center, p, t):
    r"""Minimize a 2-D quadratic loss over the Lp ball of radius ``t``.

    .. math::

        w^\star = \operatorname*{arg\,min}_{w \in \mathbb{R}^2}\ (w - c)^\top A (w - c)
        \quad\text{subject to}\quad \lVert w\rVert_p \le t,

    the least-squares loss (up to a constant) with unconstrained optimum
    :math:`c` and Hessian :math:`2A`, for :math:`p > 0` (for :math:`p < 1` the
    "ball" is the non-convex set of the quasi-norm). If :math:`\lVert c\rVert_p
    \le t` the answer is :math:`c`; otherwise it lies on the boundary. The
    polygons (:math:`p = 1` and :math:`p = \infty`) are solved exactly by
    minimizing over each of their four edges in closed form (vertices
    included); :math:`p = 2` by the Lagrange condition
    :math:`w = (A + \mu I)^{-1} A c` with :math:`\lVert w\rVert_2 = t`, a root
    in :math:`\mu \ge 0`; any other :math:`p` by minimizing along the boundary
    parameterised by the angle: a grid of 7200 angles that includes the four
    axis points, then a bounded scalar refinement around the best ones.

    Parameters
    ----------
    A : array_like of shape (2, 2)
        Symmetric positive definite matrix.
    center : array_like of shape (2,)
        The unconstrained optimum :math:`c`.
    p : float
        The exponent, ``> 0``; ``numpy.inf`` for the square.
    t : float
        The budget (radius), ``>= 0``.

    Returns
    -------
    ndarray of shape (2,)
        The minimizer :math:`w^\star` (a new array). For :math:`p \le 1` a
        coordinate is returned as exactly 0.0 when the solution is at a corner.

    Raises
    ------
    ValueError
        If ``A`` is not symmetric positive definite 2x2, ``center`` not of
        shape (2,) or not finite, ``p <= 0`` or ``t < 0``.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.solvers import constrained_quadratic_2d
    >>> constrained_quadratic_2d(np.eye(2), [2.0, 0.5], 1.0, 1.0)
    array([1., 0.])
    >>> w = constrained_quadratic_2d(np.eye(2), [3.0, 4.0], 2.0, 1.0)
    >>> print(np.round(w, 6))
    [0.6 0.8]
    """
    from scipy import optimize

    from ._validation import as_float_array, check_scalar

    A = as_float_array(A, "A", ndim=2, finite=True)
    if A.shape != (2, 2):
        raise ValueError(f"A must be a symmetric positive definite 2x2 matrix, got shape "
                         f"{A.shape}")
    m = float(np.max(np.abs(A)))
    if m > 0 and not 2.0**-100 <= m <= 2.0**100:  # the minimizer does not depend on |A|
        A = A / float(_pow2_scale(m))
    if not np.allclose(A, A.T) or np.any(np.linalg.eigvalsh(A) <= 0):
        raise ValueError("A must be a symmetric positive definite 2x2 matrix")
    c = as_float_array(center, "center", ndim=1, finite=True)
    if c.shape != (2,):
        raise ValueError(f"center must have shape (2,), got {c.shape}")
    p = check_scalar(p, "p", low=_MIN_P)
    t = check_scalar(t, "t", low=0, finite=True)
    # c and t in extreme units: solve for (c, t) / s and scale back (s a power of two)
    m = max(float(np.max(np.abs(c))), t)
    if m > 0 and not 2.0**-100 <= m <= 2.0**100:
        s = float(_pow2_scale(m))
        return s * constrained_quadratic_2d(A, c / s, p, t / s)
    a = np.abs(c)
    norm_c = float(_lp_norm_2d(a, p))
    if norm_c <= t:
        return c.copy()
    if t == 0:
        return np.zeros(2)
    if p == 1.0 or np.isinf(p):
        verts = t * (np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]) if p == 1.0
                     else np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]))
        best = min((_segment_min(A, c, verts[k], verts[(k + 1) % 4]) for k in range(4)),
                   key=lambda wv: wv[1])
        w = best[0]
        if p == 1.0:  # snap a vertex to exact zeros
            w = np.where(np.abs(w) <= 1e-14 * t, 0.0, w)
        return w
    if p == 2.0:
        lam, V = np.linalg.eigh(A)
        b = V.T @ (A @ c)

        def excess(mu):
            return float(np.sum((b / (lam + mu)) ** 2)) - t**2

        hi = 1.0
        while excess(hi) > 0:
            hi *= 2.0
        mu = optimize.brentq(excess, 0.0, hi, xtol=1e-15, rtol=1e-15)
        w = V @ (b / (lam + mu))
        return w * (t / np.linalg.norm(w))

    def f(theta):
        w = t * _lp_unit(theta, p)
        d = w - c
        return np.einsum("...i,ij,...j->...", d, A, d)

    n = 7200  # a multiple of 4: the axis points are on the grid
    grid = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    vals = f(grid)
    h = 2.0 * np.pi / n
    best_theta, best_val = None, np.inf
    for k in np.argsort(vals)[:4]:
        res = optimize.minimize_scalar(lambda th: float(f(np.array(th))),
                                       bounds=(grid[k] - h, grid[k] + h), method="bounded",
                                       options={"xatol": 1e-13})
        th, val = (res.x, res.fun) if res.fun < vals[k] else (grid[k], vals[k])
        if val < best_val:
            best_theta, best_val = th, val
    w = t * _lp_unit(np.array(best_theta), p)
    if p < 1.0:  # a corner is an isolated point: return it with an exact zero
        for j in range(2):
            corner = np.zeros(2)
            corner[1 - j] = np.sign(w[1 - j]) * t
            if (corner - c) @ A @ (corner - c) <= best_val + 1e-12 * (1 + best_val):
                w = corner
    return np.asarray(w, dtype=float)


# -- chapter 10 additions --


def iterations_to_tolerance(trajectory, target, tol):
    r"""The first step after which every iterate stays within ``tol`` of ``target``.

    For iterates :math:`w^{(0)}, \dots, w^{(K)}` (the rows of ``trajectory``)
    it returns the smallest :math:`k` with
    :math:`\lVert w^{(j)} - w^\star\rVert_2 \le \text{tol}` for all
    :math:`j \ge k`, or ``None`` when the last iterate is still outside. An
    iterate that only passes through the ball (as fixed-step subgradient
    descent does) does not count.

    Parameters
    ----------
    trajectory : array_like, shape (K + 1, ...)
        The iterates, as returned by :func:`gradient_descent`.
    target : array_like
        The optimum :math:`w^\star`, of the shape of one iterate (or a scalar).
    tol : float
        Tolerance, ``> 0``.

    Returns
    -------
    int or None

    Raises
    ------
    ValueError
        For an empty trajectory, a target of another shape, or ``tol <= 0``.

    Examples
    --------
    >>> iterations_to_tolerance([[4.0], [2.0], [0.5], [0.1], [0.05]], 0.0, tol=0.2)
    3
    >>> iterations_to_tolerance([[1.0], [-0.1], [0.3]], 0.0, tol=0.2) is None
    True
    """
    traj = as_float_array(trajectory, "trajectory", allow_empty=False)
    if traj.ndim == 0:
        raise ValueError("trajectory must have one row per iterate, got a scalar")
    tgt = as_float_array(target, "target")
    if tgt.ndim and tgt.shape != traj.shape[1:]:
        raise ValueError(f"target must have the shape of one iterate of trajectory "
                         f"{traj.shape[1:]}, got {tgt.shape}")
    tol = check_scalar(tol, "tol", low=0, low_inclusive=False)
    with np.errstate(over="ignore"):  # a distance beyond float range is inf: outside
        dist = np.linalg.norm((traj - tgt).reshape(len(traj), -1), axis=1)
    outside = np.flatnonzero(~(dist <= tol))  # NaN counts as outside
    if outside.size == 0:
        return 0
    last = int(outside[-1])
    return None if last == len(traj) - 1 else last + 1

