r"""Best subset selection: L0-constrained least squares by enumeration.

* :class:`SubsetFit` — the frozen result (``support``, ``coef``,
  ``intercept``, ``rss``);
* :func:`best_subset` — for each size :math:`k`, the least-squares fit on the
  best :math:`k` features, found by solving every one of the
  :math:`\binom{p}{k}` subsets (at most 20 features).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .._validation import check_bool, check_count
from ._base import _check_Xy, _prepare

__all__ = ["SubsetFit", "best_subset"]


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
    >>> from l1l2.linear_model import best_subset
    >>> X = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0],
    ...               [0.0, 0.0, 1.0], [2.0, 1.0, 1.0]])
    >>> y = 2 * X[:, 0] - X[:, 2]
    >>> fits = best_subset(X, y)
    >>> [f.support for f in fits]
    [(), (0,), (0, 2), (0, 1, 2)]
    >>> print(np.round(fits[2].coef, 6), round(fits[2].rss, 12))
    [ 2.  0. -1.] 0.0
    """
    X, y, out = _check_Xy(X, y)
    n, p = X.shape
    if p > _BEST_SUBSET_MAX_P:
        raise ValueError(f"X has {p} features: best_subset enumerates 2**p subsets and "
                         f"accepts at most {_BEST_SUBSET_MAX_P}")
    if k is not None:
        k = check_count(k, "k")
        if k > p:
            raise ValueError(f"k must be <= n_features = {p}, got {k}")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
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
