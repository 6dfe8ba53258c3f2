r"""The lasso and the elastic net: coordinate descent, ISTA and FISTA on working sets.

* :func:`lasso` — :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha\|w\|_1`
  (``sklearn.linear_model.Lasso``);
* :func:`elastic_net` — :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha\rho\|w\|_1
  + \frac{\alpha(1-\rho)}{2}\|w\|_2^2`, :math:`\rho` = ``l1_ratio``
  (``ElasticNet``);
* :func:`lasso_alpha_max` — the smallest ``alpha`` whose lasso solution is 0;
* :func:`adaptive_lasso` — the lasso with weights :math:`1/|\hat w^{\mathrm{OLS}}_j|^\gamma`
  (Zou 2006), by rescaling columns;
* :func:`relaxed_lasso` — select with the lasso, refit on the support with a
  smaller penalty (Meinshausen 2007).

The machinery, shared with :mod:`l1l2.linear_model._path`: ``_Design`` (the
centred data, the Gram matrix and residual statistics), ``_gap`` (the duality
gap), the inner solvers ``_cd_inner`` (cyclic coordinate descent in Gram form,
with active-set sweeps) and ``_prox_grad_inner`` (ISTA/FISTA with
backtracking and adaptive restart), and ``_ws_solve``, the outer loop of
working sets with gap-safe screening.

**Stopping rule** (all methods): stop when the duality gap is at most ``tol``
times :math:`\|y\|^2/(2n)` (``y`` centred when fitting an intercept), that is
the relative gap :math:`G/P(0) \le` ``tol``. The gap is scikit-learn's (its
``_cd_fast.pyx``): from the residual :math:`R` build the dual point
:math:`\theta = s R` with the largest :math:`s \le 1` such that
:math:`s\,\|X^\top R - n\alpha(1-\rho)\,w\|_\infty \le n\alpha\rho`. With no
L1 term (``l1_ratio = 0``) the gap of the ridge-type dual is used, and with
``alpha = 0`` (least squares) there is no dual point to rescale: the
certificate is then the suboptimality against the least-squares optimum that
:func:`numpy.linalg.lstsq` computes. scikit-learn measures its own ``tol``
against :math:`\|y\|^2/n` instead, so ``tol`` here equals twice a
scikit-learn ``tol`` (and scikit-learn first also waits for small coordinate
updates). The solvers always iterate in float64: a relative duality gap of
``1e-10`` cannot be reached in float32 arithmetic.

References: Friedman, Hastie & Tibshirani (2010) for coordinate descent;
Beck & Teboulle (2009) for ISTA/FISTA; O'Donoghue & Candès (2015) for adaptive
restart; Ndiaye, Fercoq, Gramfort & Salmon (2017) for gap-safe screening;
Massias, Gramfort & Salmon (2018) for working sets.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.linalg.blas import daxpy

from .._validation import as_float_array, check_bool, check_choice, check_scalar
from ._base import Fit, _check_Xy, _checked, _prepare, _warn

__all__ = ["lasso", "elastic_net", "lasso_alpha_max", "adaptive_lasso", "relaxed_lasso"]

_METHODS = ("cd", "ista", "fista")


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
    alpha = check_scalar(alpha, "alpha", low=0, finite=True)
    l1_ratio = check_scalar(l1_ratio, "l1_ratio", low=0, high=1, finite=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    tol = check_scalar(tol, "tol", low=0, low_inclusive=False, finite=True)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
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
    >>> from l1l2.linear_model import lasso
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

    This objective (scikit-learn's and glmnet's) is what Zou & Hastie (2005)
    call the *naive* elastic net. Their elastic net is the returned ``coef``
    times :math:`1 + \alpha(1-\rho)` (their :math:`1 + \lambda_2`, for
    features of variance 1), which undoes the double shrinkage: with
    :math:`X^\top X/n = I` it equals the lasso at strength :math:`\alpha\rho`.

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
    >>> from l1l2.linear_model import elastic_net
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
    >>> from l1l2.linear_model import lasso_alpha_max
    >>> lasso_alpha_max([[-1.0], [0.0], [1.0]], [-1.0, 0.0, 1.0])   # |x'y| / n = 2/3
    0.6666666666666666
    """
    X, y, _ = _check_Xy(X, y)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    Xc, yc, _, _, sx, sy = _prepare(X, y, fit_intercept)
    return float(np.max(np.abs(Xc.T @ yc))) / X.shape[0] * sx * sy


def adaptive_lasso(X, y, alpha, *, gamma=1.0, weights=None, fit_intercept=True,
                   tol=1e-10) -> Fit:
    r"""The adaptive lasso of Zou (2006): a lasso with one weight per coefficient.

    Minimizes

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\sum_j v_j\,\lvert w_j\rvert,
              \qquad v_j = 1/\lvert\hat w^{\mathrm{OLS}}_j\rvert^{\gamma}

    (or the ``weights`` :math:`v_j` given). It is solved as a plain lasso on
    rescaled columns: with :math:`\tilde x_j = x_j / v_j` and
    :math:`w_j = \tilde w_j / v_j` the two problems are the same. A weight of
    ``inf`` (an exactly zero least-squares coefficient) keeps :math:`w_j = 0`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        Penalty strength, ``alpha >= 0``.
    gamma : float, default 1.0
        Exponent :math:`\gamma > 0` of the default weights.
    weights : array_like of shape (n_features,), optional
        The weights :math:`v_j > 0` (``inf`` allowed). Default: from the
        minimum-norm least-squares fit (:func:`~l1l2.linear_model.ols`).
    fit_intercept : bool, default True
    tol : float, default 1e-10
        Relative duality-gap tolerance of the inner lasso.

    Returns
    -------
    Fit
        ``objective`` is the weighted objective above.

    Raises
    ------
    ValueError
        Bad data, ``alpha < 0``, ``gamma <= 0``, weights of the wrong shape or
        not positive.

    Examples
    --------
    With weights 1 it is the lasso; a large weight keeps a coefficient at 0:

    >>> import numpy as np
    >>> from l1l2.linear_model import adaptive_lasso, lasso
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 0.5, -2.0, -0.5])
    >>> fit = adaptive_lasso(X, y, 0.1, weights=[1.0, 1.0])
    >>> np.allclose(fit.coef, lasso(X, y, 0.1).coef)
    True
    >>> print(np.round(adaptive_lasso(X, y, 0.1, weights=[1.0, 10.0]).coef, 6))
    [1.8 0. ]
    """
    from ._ridge import ols

    X, y, out = _check_Xy(X, y)
    alpha = check_scalar(alpha, "alpha", low=0, finite=True)
    gamma = check_scalar(gamma, "gamma", low=0, low_inclusive=False, finite=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        if weights is None:  # the column scales 1/v_j = |w_ols_j|**gamma
            w_ols = np.asarray(ols(X, y, fit_intercept=fit_intercept).coef, np.float64)
            scale = np.abs(w_ols) ** gamma
        else:
            v = as_float_array(weights, "weights", dtype=np.float64, ndim=1)
            if v.shape != (X.shape[1],):
                raise ValueError(f"weights must have shape ({X.shape[1]},), got {v.shape}")
            if np.any(np.isnan(v)) or np.any(v <= 0):
                raise ValueError("weights must all be > 0 (inf allowed)")
            scale = 1.0 / v
        Xw = X * scale
    if not (np.all(np.isfinite(scale)) and np.all(np.isfinite(Xw))):
        raise ValueError("weights (or gamma) too extreme for these X and y: the rescaled "
                         "columns X_j / v_j overflow")
    inner = lasso(Xw, y, alpha, fit_intercept=fit_intercept, tol=tol)
    coef = inner.coef.astype(np.float64) * scale
    return Fit(coef=coef.astype(out), intercept=inner.intercept, n_iter=inner.n_iter,
               converged=inner.converged, objective=inner.objective)


def relaxed_lasso(X, y, alpha, *, phi=0.0, fit_intercept=True, tol=1e-10) -> Fit:
    r"""The relaxed lasso of Meinshausen (2007): select with one penalty, fit with less.

    First the lasso at ``alpha`` selects the support
    :math:`A = \{j : w_j \ne 0\}`; then the lasso is refitted on the columns in
    :math:`A` only, with the smaller penalty :math:`\phi\alpha`,
    :math:`0 \le \phi \le 1`. ``phi = 0`` is least squares refitted on the
    lasso's support (the "OLS after lasso" refit); ``phi = 1`` is the lasso.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        The selecting penalty, ``alpha >= 0``.
    phi : float, default 0.0
        Relaxation, ``0 <= phi <= 1``.
    fit_intercept : bool, default True
    tol : float, default 1e-10

    Returns
    -------
    Fit
        ``objective`` is that of the refit on :math:`A`: the lasso objective
        with penalty :math:`\phi\alpha`, or for ``phi = 0`` the residual sum
        of squares :math:`\|y - Xw - b\|_2^2` of :func:`ols`.

    Raises
    ------
    ValueError
        Bad data, ``alpha < 0``, ``phi`` outside [0, 1].

    Examples
    --------
    On an orthonormal design the lasso shrinks each coefficient by ``alpha``;
    the relaxed lasso with ``phi = 0`` undoes the shrinkage on the support:

    >>> import numpy as np
    >>> from l1l2.linear_model import lasso, relaxed_lasso
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 0.1, -2.0, -0.1])
    >>> print(np.round(lasso(X, y, 0.2).coef, 6), np.round(relaxed_lasso(X, y, 0.2).coef, 6))
    [1.6 0. ] [2. 0.]
    """
    X, y, out = _check_Xy(X, y)
    phi = check_scalar(phi, "phi", low=0, high=1, finite=True)
    first = lasso(X, y, alpha, fit_intercept=fit_intercept, tol=tol)
    support = np.flatnonzero(first.coef)
    coef = np.zeros(X.shape[1])
    if support.size == 0:
        return Fit(coef=coef.astype(out), intercept=first.intercept, n_iter=first.n_iter,
                   converged=first.converged, objective=first.objective)
    if phi == 0:  # least squares on the support, in closed form
        from ._ridge import ols

        second = ols(X[:, support], y, fit_intercept=fit_intercept)
    else:
        second = lasso(X[:, support], y, phi * float(alpha), fit_intercept=fit_intercept,
                       tol=tol)
    coef[support] = second.coef
    return Fit(coef=coef.astype(out), intercept=second.intercept,
               n_iter=first.n_iter + second.n_iter,
               converged=first.converged and second.converged,
               objective=second.objective)
