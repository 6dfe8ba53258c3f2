r"""Robust regression: least absolute deviations and Huber's loss.

* :func:`lad_regression` — :math:`\sum_i |y_i - x_i^\top w - b|` (median
  regression), a linear program solved by SciPy's HiGHS, then polished on the
  interpolated points;
* :func:`huber_regression` — :math:`\sum_i h_\delta(y_i - x_i^\top w - b)`
  with the scale held fixed at 1, by the finite Newton method (Madsen &
  Nielsen 1990) with an exact line search.

Both work on data rescaled by powers of two (exact), so that the solvers'
tolerances mean the same thing whatever the units.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_bool, check_scalar
from ._base import Fit, _check_Xy, _checked, _pow2_scale, _warn

__all__ = ["lad_regression", "huber_regression"]


def _design_with_intercept(X, fit_intercept):
    return np.column_stack([X, np.ones(X.shape[0])]) if fit_intercept else X


def _lad_lp(Z, y):
    """Solve min sum |y - Z beta| as a linear program; returns (beta, linprog result)."""
    from scipy import optimize, sparse  # linprog costs 0.3 s to import: only when used
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
