r"""The lasso path: warm-started fits along a sequence of ``alpha`` by feature-sign search.

* :func:`lasso_path` — the lasso solutions for each ``alpha`` of a sequence
  (``sklearn.linear_model.lasso_path``), each started from the previous one;
* ``_fs_solve`` — feature-sign search (Lee, Battle, Raina & Ng 2007): guess the
  active set and signs, solve the quadratic on them in closed form, fix sign
  errors by a line search. When consecutive alphas share the active set and
  signs, the solution is the homotopy (LARS-lasso) formula
  :math:`w_A(\alpha) = u - n\alpha\, v` and costs no new linear solve;
* :func:`cross_validate_lasso` — K-fold cross-validation along the path, with
  the one-standard-error rule.

A fit whose duality gap misses the rule of :func:`~l1l2.linear_model.lasso` is
finished by the coordinate-descent solver of
:mod:`l1l2.linear_model._coordinate_descent`.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_float_array, check_bool, check_finite_result, check_scalar
from ._base import _check_Xy, _pow2_scale, _warn
from ._coordinate_descent import _Design, _gap, _ws_solve

__all__ = ["lasso_path", "cross_validate_lasso"]


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
    >>> from l1l2.linear_model import lasso_path
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
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    tol = check_scalar(tol, "tol", low=0, low_inclusive=False, finite=True)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
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


def cross_validate_lasso(X, y, alphas, *, n_folds=5, seed=0):
    r"""K-fold cross-validation of the lasso along a path, with the one-standard-error rule.

    .. math::

        \mathrm{CV}(\alpha) = \frac1K \sum_{k=1}^K
        \frac{1}{\lvert V_k\rvert}\sum_{i\in V_k}
        \bigl(y_i - \hat y^{(-k)}_\alpha(x_i)\bigr)^2,

    where :math:`\hat y^{(-k)}_\alpha` is the lasso (with intercept) fitted
    on all data except fold :math:`V_k`, computed for all ``alphas`` at once
    by :func:`lasso_path` (warm-started); folds from
    :func:`l1l2.selection.kfold_indices`. ``alpha_1se`` is the largest
    ``alpha`` whose CV error is within one standard error of the minimum
    (Hastie, Tibshirani & Friedman 2009, section 7.10).

    Parameters
    ----------
    X : array_like of shape (n, p)
    y : array_like of shape (n,)
    alphas : array_like of shape (m,)
        Values ``alpha >= 0``; give them decreasing, as a path runs.
    n_folds : int, default 5
        :math:`K \ge 2`.
    seed : int, default 0
        Seed of the folds.

    Returns
    -------
    l1l2.selection.CVResult

    Raises
    ------
    ValueError
        Bad data or alphas, ``n_folds`` outside ``[2, n]``, a negative seed.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.linear_model import cross_validate_lasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 4)); y = X @ [2.0, 0.0, 0.0, -1.0] + rng.normal(size=60)
    >>> cv = cross_validate_lasso(X, y, [1.0, 0.3, 0.1, 0.01], n_folds=5)
    >>> cv.fold_mse.shape, cv.best_alpha >= 0.01, cv.alpha_1se >= cv.best_alpha
    ((5, 4), True, True)
    """
    from ..selection import CVResult, kfold_indices

    X, y, _ = _check_Xy(X, y)
    a = as_float_array(alphas, "alphas", ndim=1, finite=True, allow_empty=False)
    if np.any(a < 0):
        raise ValueError(f"alphas must all be >= 0, got min {a.min()}")
    folds = kfold_indices(X.shape[0], n_folds, seed=seed)
    # the lasso is equivariant: y / s, X / t with alphas / (s t) gives w t / s, and the
    # predictions / s; s and t powers of two (exact), so no scale overflows the solver
    s = float(_pow2_scale(np.max(np.abs(y))))
    mx = float(np.max(np.abs(X))) if X.size else 1.0
    t = float(_pow2_scale(mx)) if not 2.0**-100 <= mx <= 2.0**100 else 1.0
    with np.errstate(over="ignore"):  # an alpha that overflows is as good as 1e200: w = 0
        ys, Xs, a_s = y / s, X / t, np.minimum(a / s / t, 1e200)
    fold_mse = np.empty((len(folds), a.size))
    for k, (tr, va) in enumerate(folds):
        W = lasso_path(Xs[tr], ys[tr], a_s, fit_intercept=True)
        b = ys[tr].mean() - W @ Xs[tr].mean(axis=0)
        resid = ys[va, None] - Xs[va] @ W.T - b
        fold_mse[k] = np.mean(resid**2, axis=0)
    with np.errstate(over="ignore", under="ignore"):
        fold_mse = fold_mse * s * s
    check_finite_result(fold_mse, "X and y", "the cross-validation error")
    mean = fold_mse.mean(axis=0)
    se = fold_mse.std(axis=0, ddof=1) / np.sqrt(len(folds))
    i = int(np.argmin(mean))
    within = np.flatnonzero(mean <= mean[i] + se[i])
    return CVResult(alphas=a, fold_mse=fold_mse, mean=mean, se=se, best_alpha=float(a[i]),
                    alpha_1se=float(a[within[np.argmax(a[within])]]))
