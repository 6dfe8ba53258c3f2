r"""Robust regression: least absolute deviations and Huber's loss.

* :func:`lad_regression` — :math:`\sum_i |y_i - x_i^\top w - b|` (median
  regression), a linear program solved by SciPy's HiGHS, then polished on the
  interpolated points;
* :func:`huber_regression` — :math:`\sum_i h_\delta(y_i - x_i^\top w - b)`
  with the scale held fixed at 1, by the finite Newton method (Madsen &
  Nielsen 1990) with an exact line search;
* :func:`quantile_regression` — :math:`\sum_i \rho_\tau(y_i - x_i^\top w - b)`
  (Koenker & Bassett 1978), the same linear program with asymmetric costs;
* :func:`theil_sen` — the median of the pairwise slopes (Theil 1950, Sen 1968),
  one feature, breakdown point about 29%;
* :func:`huber_regression_scaled` — Huber regression with the scale
  estimated jointly (Huber's concomitant scale, Huber & Ronchetti 2009, §7.7,
  in Owen's 2007 form, the objective of ``sklearn.linear_model.HuberRegressor``),
  by alternating exact minimizations.

Both work on data rescaled by powers of two (exact), so that the solvers'
tolerances mean the same thing whatever the units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_bool, check_scalar
from ._base import Fit, _check_Xy, _checked, _pow2_scale, _warn

__all__ = [
    "lad_regression",
    "huber_regression",
    "quantile_regression",
    "theil_sen",
    "huber_regression_scaled",
    "HuberScaleFit",
]


def _design_with_intercept(X, fit_intercept):
    return np.column_stack([X, np.ones(X.shape[0])]) if fit_intercept else X


def _lad_lp(Z, y, cost_pos=1.0, cost_neg=1.0):
    """Solve min sum c(y - Z beta) as a linear program, c(r) = cost_pos * r for r > 0
    and -cost_neg * r for r < 0 (|r| by default); returns (beta, linprog result)."""
    from scipy import optimize, sparse  # linprog costs 0.3 s to import: only when used
    n, k = Z.shape
    # Rescale columns and y by powers of two (exact) so HiGHS's absolute
    # tolerances mean the same thing whatever the units.
    col_scale = _pow2_scale(np.max(np.abs(Z), axis=0))
    y_scale = float(_pow2_scale(np.max(np.abs(y))))
    eye = sparse.identity(n, format="csr")
    A_eq = sparse.hstack([sparse.csr_matrix(Z / col_scale), eye, -eye], format="csc")
    c = np.concatenate([np.zeros(k), np.full(n, cost_pos), np.full(n, cost_neg)])
    bounds = [(None, None)] * k + [(0, None)] * (2 * n)
    res = optimize.linprog(
        c, A_eq=A_eq, b_eq=y / y_scale, bounds=bounds, method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    if res.x is None:  # pragma: no cover - an LAD problem is always feasible and bounded
        raise RuntimeError(f"linprog failed on an LAD problem: {res.message}")
    beta = res.x[:k] * y_scale / col_scale

    def total(bt):
        r = y - Z @ bt
        return float(np.maximum(cost_pos * r, -cost_neg * r).sum())

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
    >>> from l1l2.linear_model import lad_regression
    >>> x = np.arange(5.0); y = 2 * x + 1; y[4] = 100.0   # one gross outlier
    >>> fit = lad_regression(x[:, None], y)
    >>> print(np.round(fit.coef, 6), round(fit.intercept, 6), round(fit.objective, 6))
    [2.] 1.0 91.0
    """
    X, y, out = _check_Xy(X, y)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
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
    >>> from l1l2.linear_model import huber_regression
    >>> x = np.arange(6.0); y = 2 * x + 1; y[5] = 50.0   # one gross outlier
    >>> fit = huber_regression(x[:, None], y, delta=1.0)
    >>> print(np.round(fit.coef, 6), round(fit.intercept, 6), fit.converged)
    [2.3] 0.6 True

    The five inliers keep residuals within delta; the outlier pulls with a
    constant force delta, which is what the solution (2.3, 0.6) balances.
    """
    X, y, out = _check_Xy(X, y)
    delta = check_scalar(delta, "delta", low=0, low_inclusive=False, finite=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
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


def quantile_regression(X, y, tau=0.5, *, fit_intercept=True) -> Fit:
    r"""Linear quantile regression {Koenker & Bassett 1978}.

    Minimizes

    .. math:: \sum_{i=1}^n \rho_\tau(y_i - x_i^\top w - b), \qquad
              \rho_\tau(r) = r\,(\tau - 1[r < 0]),

    the pinball loss (``l1l2.losses.pinball_loss``), as the linear program of
    :func:`lad_regression` with the costs :math:`\tau` and :math:`1 - \tau` on
    the positive and negative parts of the residuals. ``tau = 0.5`` gives the
    LAD line (the objective halved). An optimal vertex interpolates ``p``
    (+1 with an intercept) points, and about a share :math:`\tau` of the
    points lie below the fit. Same objective as
    ``sklearn.linear_model.QuantileRegressor(quantile=tau, alpha=0)``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    tau : float, default 0.5
        The quantile level, :math:`0 < \tau < 1`.
    fit_intercept : bool, default True

    Returns
    -------
    Fit
        ``n_iter`` is HiGHS's iteration count.

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data, or ``tau`` outside (0, 1).

    Warns
    -----
    ConvergenceWarning
        If HiGHS stops without proving optimality.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(5.0); y = np.array([0.0, 1.0, 5.0, 3.0, 4.0])
    >>> fit = quantile_regression(x[:, None], y, tau=0.9)
    >>> print(np.round(fit.coef, 6), round(fit.intercept, 6))
    [2.5] 0.0
    """
    X, y, out = _check_Xy(X, y)
    tau = check_scalar(tau, "tau", low=0.0, high=1.0, low_inclusive=False,
                       high_inclusive=False)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    Z = _design_with_intercept(X, fit_intercept)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        beta, res = _lad_lp(Z, y, tau, 1.0 - tau)
        coef = beta[: X.shape[1]].astype(out)
        b = float(beta[-1]) if fit_intercept else 0.0
        r = y - X @ coef.astype(np.float64) - b
        obj = float(np.maximum(tau * r, (tau - 1.0) * r).sum())
    converged = res.status == 0
    if not converged:
        _warn(f"quantile_regression: HiGHS stopped with status {res.status}: "
              f"{res.message}")
    return _checked(Fit(coef, b, int(res.nit), bool(converged), obj))


def theil_sen(X, y) -> Fit:
    r"""The Theil–Sen line: the median of the slopes through all pairs of points.

    For one feature,

    .. math:: \hat w = \operatorname{med}_{i<j,\ x_i \ne x_j}
              \frac{y_j - y_i}{x_j - x_i}, \qquad
              \hat b = \operatorname{med}_i (y_i - \hat w x_i)

    {Theil 1950; Sen 1968}. The slope minimizes
    :math:`\sum_{i<j} |s_{ij} - w|` over the pairwise slopes :math:`s_{ij}`
    (that sum is ``objective``). Its breakdown point is
    :math:`1 - 1/\sqrt 2 \approx 29\%`: a share :math:`\varepsilon` of bad
    points spoils a share :math:`1 - (1 - \varepsilon)^2` of the pairs, and the
    median survives while that is below one half. Exact, in
    :math:`O(n^2)` memory. ``scipy.stats.theilslopes(y, x, method="joint")``
    computes the same line.

    Parameters
    ----------
    X : array_like of shape (n_samples, 1)
        One feature, with at least two distinct values.
    y : array_like of shape (n_samples,)

    Returns
    -------
    Fit
        ``n_iter = 0``, ``converged = True``.

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data, more than one feature, or
        fewer than two distinct values of ``x``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(6.0); y = 2 * x + 1; y[5] = -100.0   # one gross outlier
    >>> fit = theil_sen(x[:, None], y)
    >>> print(np.round(fit.coef, 6), round(fit.intercept, 6))
    [2.] 1.0
    """
    X, y, out = _check_Xy(X, y)
    if X.shape[1] != 1:
        raise ValueError(f"X must have exactly one feature, got {X.shape[1]}")
    x = X[:, 0]
    i, j = np.triu_indices(x.size, k=1)
    keep = x[i] != x[j]
    if not np.any(keep):
        raise ValueError("X must have at least two distinct values")
    i, j = i[keep], j[keep]
    with np.errstate(over="ignore", invalid="ignore"):
        slopes = (y[j] - y[i]) / (x[j] - x[i])
        w = float(np.median(slopes))
        b = float(np.median(y - w * x))
        obj = float(np.abs(slopes - w).sum())
    return _checked(Fit(np.array([w], dtype=out), b, 0, True, obj))


@dataclass(frozen=True, eq=False)
class HuberScaleFit(Fit):
    """A :class:`Fit` with the jointly estimated scale :math:`\\sigma` (``scale``).

    Examples
    --------
    >>> from l1l2.linear_model import huber_regression_scaled
    >>> fit = huber_regression_scaled([[0.0], [1.0], [2.0], [3.0]], [0.0, 1.1, 1.9, 3.0])
    >>> fit.scale > 0
    True
    """

    scale: float


def _huber_scale_objective(r, sigma, k):
    """sum_i sigma + sigma H_k(r_i / sigma), H_k(z) = z^2 or 2k|z| - k^2."""
    a = np.abs(r)
    inl = a <= k * sigma
    return float(r.size * sigma + np.sum(a[inl] ** 2) / sigma
                 + np.sum(2 * k * a[~inl] - k * k * sigma))


def _best_scale(r, k, floor):
    """The exact minimizer over sigma > 0 of the objective with the residuals fixed.

    On each piece (the inliers are the m smallest |r_i|) the objective is
    A sigma + B / sigma, A = n - k^2 (n - m), B = sum of the inliers' r^2; its
    minimizer, clipped to the piece, is a candidate; the best candidate wins."""
    a = np.sort(np.abs(r)) / k
    n = a.size
    edges = np.concatenate([[0.0], a, [np.inf]])  # piece m: edges[m] <= sigma <= edges[m+1]
    m = np.arange(n + 1)
    A = n - k * k * (n - m)
    B = np.concatenate([[0.0], np.cumsum((k * a) ** 2)])
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(A > 0, np.sqrt(B / A), np.inf)
    cand = np.clip(stat, edges[:-1], edges[1:])
    cand = np.maximum(cand[np.isfinite(cand)], floor)
    vals = [_huber_scale_objective(r, s, k) for s in cand]
    return float(cand[int(np.argmin(vals))])


def huber_regression_scaled(X, y, k=1.345, *, fit_intercept=True, tol=1e-12,
                            max_iter=500) -> HuberScaleFit:
    r"""Huber regression with the scale estimated jointly (scikit-learn's objective).

    Minimizes over :math:`w`, :math:`b` and :math:`\sigma > 0`

    .. math:: \sum_{i=1}^n \Bigl(\sigma + \sigma\,H_k\bigl(r_i/\sigma\bigr)\Bigr),
              \qquad H_k(z) = \begin{cases} z^2 & |z| \le k \\
              2k|z| - k^2 & |z| > k, \end{cases}

    :math:`r_i = y_i - x_i^\top w - b`: Huber's concomitant-scale criterion
    :math:`\sum_i [\rho(r_i/\sigma) + a]\sigma` (Huber & Ronchetti 2009, §7.7),
    jointly convex in :math:`(w, b, \sigma)`, with :math:`\rho = H_k` and
    :math:`a = 1` as in Owen (2007); it is the objective of
    ``sklearn.linear_model.HuberRegressor(epsilon=k, alpha=0)``.
    The threshold is then :math:`k\sigma` in the units of ``y``, so ``k`` is
    unit-free. With :math:`\sigma` fixed the problem in :math:`(w, b)` is
    :func:`huber_regression` with :math:`\delta = k\sigma` (the objective is
    :math:`n\sigma` plus :math:`2/\sigma` times its one), and with :math:`(w, b)` fixed the best
    :math:`\sigma` is found exactly (a convex function of one variable,
    :math:`A\sigma + B/\sigma` on each piece). The two exact steps alternate
    until :math:`\sigma` changes by less than ``tol`` relative. The
    alternation converges because the objective is jointly convex and
    differentiable in :math:`\sigma > 0`; it typically takes 5 to 20 steps.

    At the optimum :math:`\sigma^2 = \sum_{|r_i| \le k\sigma} r_i^2 /
    (n - k^2 n_{\text{out}})`, so fewer than a share :math:`1/k^2` of the
    residuals lie beyond :math:`k\sigma`. :math:`\sigma` is **not** a
    consistent estimate of the noise's standard deviation: at normal noise it
    tends to the :math:`s` solving :math:`s^2 = E[\min(Z^2, k^2 s^2)]`,
    0.676 times the standard deviation for ``k = 1.345``, so the threshold
    :math:`k\sigma` is about 0.91 standard deviations. (Huber's Proposal 2
    makes it consistent with the factor :math:`E[\min(Z^2, k^2)]` on the
    :math:`n\sigma` term {Huber 1964}; scikit-learn does not.) The joint
    scale has its own breakdown point: with gross errors on one side, the
    location and :math:`\sigma` run off together once their share exceeds
    :math:`1/(1 + k^2)`, about 36% for ``k = 1.345``. If
    :math:`\sigma` reaches 0 (many residuals exactly 0) it is kept above
    :math:`10^{-12}` times the spread of ``y``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    k : float, default 1.345
        Threshold in units of :math:`\sigma` (scikit-learn's ``epsilon``),
        :math:`10^{-6} \le k \le 10^6` (beyond, the fit is LAD or least squares).
    fit_intercept : bool, default True
    tol : float, default 1e-12
        Relative change of :math:`\sigma` at which to stop, ``tol > 0``.
    max_iter : int, default 500
        Largest number of alternations.

    Returns
    -------
    HuberScaleFit
        ``n_iter`` counts alternations; ``scale`` is :math:`\sigma`.

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data, ``k`` outside
        :math:`[10^{-6}, 10^6]`, or a bad ``tol`` or ``max_iter``.

    Warns
    -----
    ConvergenceWarning
        If ``max_iter`` alternations do not settle :math:`\sigma`.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(8.0); y = 2 * x + 1 + np.array([.1, -.1, .2, -.2, 0, .1, -.1, 9])
    >>> fit = huber_regression_scaled(x[:, None], y)
    >>> print(np.round(fit.coef, 2), fit.converged, 0 < fit.scale < 1)
    [2.01] True True
    """
    X, y, out = _check_Xy(X, y)
    k = check_scalar(k, "k", low=1e-6, high=1e6)
    tol = check_scalar(tol, "tol", low=0, low_inclusive=False, finite=True)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    spread = float(np.max(np.abs(y - np.median(y)))) or 1.0
    floor = max(1e-12 * spread, float(np.finfo(np.float64).tiny) / k)
    # start: the normalized MAD of the least-squares residuals (the problem is
    # jointly convex, so the start only sets the number of steps)
    Z = _design_with_intercept(X, fit_intercept)
    r0 = y - Z @ np.linalg.lstsq(Z, y, rcond=None)[0]
    sigma = max(float(np.median(np.abs(r0 - np.median(r0)))) / 0.6744897501960817, floor)
    converged = False
    n_iter = 0
    while not converged and n_iter < max_iter:
        n_iter += 1
        fit = huber_regression(X, y, delta=k * sigma, fit_intercept=fit_intercept)
        r = y - X @ np.asarray(fit.coef, dtype=np.float64) - fit.intercept
        new = _best_scale(r, k, floor)
        converged = abs(new - sigma) <= tol * sigma
        sigma = new
    if not converged:
        _warn(f"huber_regression_scaled: the scale did not settle in {max_iter} steps")
    r = y - X @ np.asarray(fit.coef, dtype=np.float64) - fit.intercept
    obj = _huber_scale_objective(r, sigma, k)
    if not math.isfinite(obj):  # pragma: no cover - caught by _checked as well
        obj = float("inf")
    return _checked(HuberScaleFit(fit.coef.astype(out), fit.intercept, n_iter, converged,
                                  obj, sigma))
