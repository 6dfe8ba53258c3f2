r"""Best subset selection: L0-constrained least squares by enumeration.

* :class:`SubsetFit` — the frozen result (``support``, ``coef``,
  ``intercept``, ``rss``);
* :func:`best_subset` — for each size :math:`k`, the least-squares fit on the
  best :math:`k` features, found by solving every one of the
  :math:`\binom{p}{k}` subsets (at most 20 features);
* :func:`irrepresentable_condition` — Zhao & Yu's (2006) quantity that decides
  whether the lasso can recover a support.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .._validation import as_float_array, check_bool, check_count
from ._base import _check_Xy, _pow2_scale, _prepare

__all__ = ["SubsetFit", "best_subset", "irrepresentable_condition"]


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


def irrepresentable_condition(X, support, signs=None, *, fit_intercept=True) -> float:
    r"""The irrepresentable-condition value of Zhao & Yu (2006) for a support and signs.

    For the true support :math:`S` with signs :math:`s_S = \operatorname{sign}(w_S)`
    and its complement :math:`S^c`,

    .. math:: \mathrm{IC} = \bigl\| X_{S^c}^\top X_S\,(X_S^\top X_S)^{-1} s_S
              \bigr\|_\infty .

    The (strong) irrepresentable condition asks :math:`\mathrm{IC} \le 1 - \eta`
    for some :math:`\eta > 0`; under it (and regularity conditions) the lasso
    selects :math:`S` with the right signs with probability tending to 1 for
    a suitable :math:`\lambda`. The weak condition, :math:`\mathrm{IC} < 1` with
    no margin, is necessary: if it fails (:math:`\mathrm{IC} \ge 1`) for every
    large :math:`n`, the probability that *some* :math:`\lambda` selects
    :math:`S` with the right signs does not tend to 1. Without noise, the lasso
    selects :math:`S` with signs :math:`s_S` at some :math:`\lambda > 0` if and
    only if :math:`\mathrm{IC} \le 1`: a finite-sample statement, with ``<=``.
    Each entry is the correlation of an inactive column with the signed
    direction that the active columns take along the path.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    support : sequence of int
        The indices of :math:`S`, non-empty, distinct, not all features.
    signs : array_like of shape (len(support),), optional
        :math:`s_S`, each +1 or -1 (default: all +1).
    fit_intercept : bool, default True
        Centre the columns first (the lasso with an intercept sees centred data).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        Bad ``X``, indices out of range or repeated, an empty or full support,
        signs not +-1, a singular :math:`X_S^\top X_S`.

    Examples
    --------
    Two independent columns and a third correlated 2/3 with each: with
    :math:`S = \{0, 1\}` and equal signs the value is :math:`2 \cdot 2/3 > 1`.

    >>> import numpy as np
    >>> from l1l2.linear_model import irrepresentable_condition
    >>> C = np.array([[1.0, 0.0, 2 / 3], [0.0, 1.0, 2 / 3], [2 / 3, 2 / 3, 1.0]])
    >>> X = np.linalg.cholesky(C).T   # X'X = C exactly
    >>> round(irrepresentable_condition(X, [0, 1], fit_intercept=False), 12)
    1.333333333333
    >>> round(irrepresentable_condition(X, [0, 1], [1, -1], fit_intercept=False), 12)
    0.0
    """
    X = as_float_array(X, "X", dtype=np.float64, ndim=2, finite=True, allow_empty=False)
    p = X.shape[1]
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    try:
        S = np.asarray(support) if isinstance(support, (list, tuple, np.ndarray)) else None
    except (ValueError, TypeError):  # ragged input
        S = None
    if S is None or S.ndim != 1 or S.size == 0 or not np.issubdtype(S.dtype, np.integer):
        raise ValueError("support must be a non-empty sequence of integers")
    if np.any(S < 0) or np.any(S >= p) or np.unique(S).size != S.size:
        raise ValueError(f"support must hold distinct indices in [0, {p}) (the columns of "
                         f"X), got {S.tolist()}")
    if S.size == p:
        raise ValueError("support must leave at least one feature out")
    s = (np.ones(S.size) if signs is None
         else as_float_array(signs, "signs", dtype=np.float64, ndim=1))
    if s.shape != (S.size,) or not np.all(np.abs(s) == 1):
        raise ValueError(f"signs must be {S.size} values, each +1 or -1")
    Xc = X - X.mean(axis=0) if fit_intercept else X
    # IC does not change when all of X is multiplied by one number (exact powers of two
    # keep X'X away from overflow and underflow); it does change with each column's scale
    Xc = Xc / _pow2_scale(np.max(np.abs(Xc)))
    out = np.setdiff1d(np.arange(p), S)
    XS = Xc[:, S]
    G = XS.T @ XS
    try:
        np.linalg.cholesky(G)
        v = np.linalg.solve(G, s)
    except np.linalg.LinAlgError:
        raise ValueError("the columns of X in support are linearly dependent "
                         "(X_S'X_S is singular)") from None
    return float(np.max(np.abs(Xc[:, out].T @ (XS @ v))))
