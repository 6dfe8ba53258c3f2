"""Tests of l1l2.linear_model: exact toy cases, cross-checks against scikit-learn,
optimality checks for LAD, Huber and the norm-penalized fit, best subset against a
naive loop, convergence warnings, bad input and random junk."""

from __future__ import annotations

import dataclasses
import time
import warnings
from itertools import combinations

import numpy as np
import pytest
from bad_input_strategies import finite, junk_array, junk_scalar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import optimize
from scipy.optimize import minimize
from sklearn.datasets import load_diabetes
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning
from sklearn.linear_model import ElasticNet, QuantileRegressor, Ridge, lars_path
from sklearn.linear_model import lasso_path as sk_lasso_path

from l1l2 import datasets
from l1l2.exceptions import ConvergenceWarning
from l1l2.linear_model import (
    Fit,
    best_subset,
    elastic_net,
    huber_regression,
    lad_regression,
    lasso,
    lasso_alpha_max,
    lasso_path,
    ols,
    ridge,
)
from l1l2.linear_model import norm_penalized_least_squares as nrm

METHODS = ["cd", "ista", "fista"]


# ---------------------------------------------------------------------------
# helpers and data
# ---------------------------------------------------------------------------


def enet_objective(X, y, coef, intercept, alpha, l1_ratio=1.0):
    r = y - X @ coef - intercept
    return (r @ r / (2 * len(y)) + alpha * l1_ratio * np.abs(coef).sum()
            + 0.5 * alpha * (1 - l1_ratio) * coef @ coef)


def null_objective(y, fit_intercept=True):
    """P(0) = ||y||^2 / (2n), y centred when fitting an intercept: the gap's yardstick."""
    yc = y - y.mean() if fit_intercept else y
    return yc @ yc / (2 * len(y))


def sk_enet(X, y, alpha, l1_ratio=1.0, fit_intercept=True, tol=1e-12):
    """scikit-learn's ElasticNet, solved tightly; returns (coef, intercept, gap)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkConvergenceWarning)
        m = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=fit_intercept,
                       tol=tol, max_iter=200_000).fit(X, y)
    return m.coef_, m.intercept_, m.dual_gap_


def strong_convexity(X, fit_intercept=True):
    """Smallest eigenvalue of X'X/n (centred): P(w) - P* >= mu/2 ||w - w*||^2."""
    Xc = X - X.mean(axis=0) if fit_intercept else X
    return np.linalg.eigvalsh(Xc.T @ Xc / len(X))[0]


@pytest.fixture(scope="module")
def diabetes():
    X, y = load_diabetes(return_X_y=True)
    return X, y


def make_problem(n, p, seed, rho=0.0, k=5, noise=0.5):
    """Sparse truth; columns with pairwise correlation rho (equicorrelated)."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, p))
    X = np.sqrt(1 - rho) * Z + np.sqrt(rho) * rng.standard_normal((n, 1))
    w = np.zeros(p)
    w[:k] = rng.choice([-1, 1], k) * rng.uniform(1, 3, k)
    y = X @ w + noise * rng.standard_normal(n) + 2.0
    return X, y


SYNTHETIC = {
    "p>n": dict(n=40, p=120, seed=1),
    "correlated": dict(n=80, p=30, seed=2, rho=0.9),
    "correlated p>n": dict(n=30, p=60, seed=3, rho=0.8),
}


# ---------------------------------------------------------------------------
# the Fit dataclass
# ---------------------------------------------------------------------------


def test_fit_fields():
    names = [f.name for f in dataclasses.fields(Fit)]
    assert names == ["coef", "intercept", "n_iter", "converged", "objective"]
    fit = lasso([[1.0], [2.0], [4.0]], [1.0, 2.0, 3.0], 0.1)
    assert isinstance(fit.coef, np.ndarray) and fit.coef.shape == (1,)
    assert type(fit.intercept) is float and type(fit.objective) is float
    assert type(fit.n_iter) is int and type(fit.converged) is bool


# ---------------------------------------------------------------------------
# exact toy cases (scikit-learn's test_lasso_toy / test_enet_toy)
# ---------------------------------------------------------------------------

TOY_X = np.array([[-1.0], [0.0], [1.0]])
TOY_Y = np.array([-1.0, 0.0, 1.0])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("alpha, expected", [(1e-8, 1.0), (0.1, 0.85), (0.5, 0.25), (1.0, 0.0)])
def test_lasso_toy(method, alpha, expected):
    fit = lasso(TOY_X, TOY_Y, alpha, fit_intercept=False, method=method)
    np.testing.assert_allclose(fit.coef, [expected], atol=1e-6)
    assert fit.intercept == 0.0 and fit.converged
    np.testing.assert_allclose(fit.objective, enet_objective(TOY_X, TOY_Y, fit.coef, 0, alpha),
                               rtol=1e-12)
    # with an intercept: y shifted by 3 gives the same slope and intercept 3
    fit_b = lasso(TOY_X, TOY_Y + 3.0, alpha, method=method)
    np.testing.assert_allclose(fit_b.coef, [expected], atol=1e-6)
    np.testing.assert_allclose(fit_b.intercept, 3.0, atol=1e-6)
    np.testing.assert_allclose(fit_b.objective, fit.objective, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("alpha, l1_ratio, expected", [
    (0.5, 0.3, 0.50819), (0.5, 0.5, 0.45454), (0.1, 0.5, 0.86047), (0.5, 0.0, 2 / 3.5),
])
def test_enet_toy(method, alpha, l1_ratio, expected):
    # stationarity: (2/3)(1 - w) = alpha l1_ratio + alpha (1 - l1_ratio) w
    exact = (2 / 3 - alpha * l1_ratio) / (2 / 3 + alpha * (1 - l1_ratio))
    assert exact == pytest.approx(expected, abs=1e-5)
    fit = elastic_net(TOY_X, TOY_Y, alpha, l1_ratio, fit_intercept=False, method=method)
    np.testing.assert_allclose(fit.coef, [exact], atol=1e-6)


def test_lasso_toy_path_and_alpha_max():
    assert lasso_alpha_max(TOY_X, TOY_Y) == pytest.approx(2 / 3)
    coefs = lasso_path(TOY_X, TOY_Y, [1.0, 0.5, 0.1, 1e-8])
    np.testing.assert_allclose(coefs[:, 0], [0.0, 0.25, 0.85, 1.0], atol=1e-6)
    # at alpha_max exactly the solution is zero, just below it is not
    amax = lasso_alpha_max(TOY_X, TOY_Y)
    assert lasso(TOY_X, TOY_Y, amax).coef[0] == 0.0
    assert lasso(TOY_X, TOY_Y, 0.999 * amax).coef[0] > 0.0


def test_ridge_and_ols_toy():
    fit = ridge(TOY_X, TOY_Y, 1.0, fit_intercept=False)  # x'y / (x'x + alpha)
    np.testing.assert_allclose(fit.coef, [2 / 3])
    assert fit.objective == pytest.approx(2 * (1 / 3) ** 2 + (2 / 3) ** 2)
    fit = ols(np.arange(4.0)[:, None], 3 * np.arange(4.0) - 1)
    np.testing.assert_allclose([fit.coef[0], fit.intercept], [3.0, -1.0])
    assert fit.objective == pytest.approx(0.0, abs=1e-20)


# ---------------------------------------------------------------------------
# cross-checks against scikit-learn
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("alpha", [0.01, 0.1, 1.0])
def test_lasso_vs_sklearn_diabetes(diabetes, alpha, fit_intercept):
    X, y = diabetes
    ref, ref_b, ref_gap = sk_enet(X, y, alpha, fit_intercept=fit_intercept)
    ref_obj = enet_objective(X, y, ref, ref_b, alpha)
    p0 = null_objective(y, fit_intercept)
    mu = strong_convexity(X, fit_intercept)
    for method in METHODS:
        fit = lasso(X, y, alpha, fit_intercept=fit_intercept, method=method)
        assert fit.converged
        obj = enet_objective(X, y, fit.coef, fit.intercept, alpha)
        assert fit.objective == pytest.approx(obj, rel=1e-12)
        # ours is within tol * P(0) of the optimum, which sklearn's value bounds above
        assert fit.objective <= ref_obj + 1e-10 * p0 + 1e-13 * p0
        # X has full column rank, so the solution is unique and the gaps bound the distance
        bound = np.sqrt(2 * 1e-10 * p0 / mu) + np.sqrt(2 * max(ref_gap, 0) / mu)
        assert np.linalg.norm(fit.coef - ref) <= 1.01 * bound + 1e-9
        if fit_intercept:
            np.testing.assert_allclose(fit.intercept, y.mean() - X.mean(0) @ fit.coef)


@pytest.mark.parametrize("name", list(SYNTHETIC))
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.0])
def test_enet_vs_sklearn_synthetic(name, l1_ratio):
    X, y = make_problem(**SYNTHETIC[name])
    amax = lasso_alpha_max(X, y, fit_intercept=True)
    p0 = null_objective(y)
    for frac in (0.3, 0.03):
        alpha = frac * amax
        ref, ref_b, _ = sk_enet(X, y, alpha, l1_ratio)
        ref_obj = enet_objective(X, y, ref, ref_b, alpha, l1_ratio)
        objs = []
        for method in METHODS:
            fit = elastic_net(X, y, alpha, l1_ratio, method=method)
            assert fit.converged
            objs.append(fit.objective)
            assert fit.objective == pytest.approx(
                enet_objective(X, y, fit.coef, fit.intercept, alpha, l1_ratio), rel=1e-12)
            assert fit.objective <= ref_obj + 1e-10 * p0 + 1e-13 * p0
        # the three methods agree on the optimal value
        assert max(objs) - min(objs) <= 2e-10 * p0


def test_elastic_net_l1_ratio_one_is_lasso_and_zero_is_ridge():
    X, y = make_problem(60, 8, seed=4)
    n = len(y)
    a = lasso(X, y, 0.05)
    b = elastic_net(X, y, 0.05, 1.0)
    np.testing.assert_array_equal(a.coef, b.coef)
    # (1/2n)||r||^2 + alpha/2 ||w||^2 is ridge with alpha_ridge = n alpha, up to a factor 2n
    e = elastic_net(X, y, 0.1, 0.0, tol=1e-14)
    r = ridge(X, y, 0.1 * n)
    np.testing.assert_allclose(e.coef, r.coef, rtol=1e-6, atol=1e-8)
    assert e.objective == pytest.approx(r.objective / (2 * n), rel=1e-12)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("shape", [(442, None), (30, 80)])
@pytest.mark.parametrize("alpha", [0.0, 1e-3, 1.0, 100.0])
def test_ridge_vs_sklearn(diabetes, fit_intercept, shape, alpha):
    if shape[1] is None:
        X, y = diabetes
    else:
        X, y = make_problem(*shape, seed=5)
    fit = ridge(X, y, alpha, fit_intercept=fit_intercept)
    if alpha == 0 and X.shape[1] > X.shape[0]:
        # minimum-norm interpolation
        ref = np.linalg.pinv(X - X.mean(0) if fit_intercept else X) @ (
            y - y.mean() if fit_intercept else y)
        np.testing.assert_allclose(fit.coef, ref, rtol=1e-7, atol=1e-9)
    else:
        m = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="svd").fit(X, y)
        np.testing.assert_allclose(fit.coef, m.coef_, rtol=1e-7, atol=1e-9 * np.abs(m.coef_).max())
        np.testing.assert_allclose(fit.intercept, m.intercept_, rtol=1e-9, atol=1e-9)
    r = y - X @ fit.coef - fit.intercept
    assert fit.objective == pytest.approx(r @ r + alpha * fit.coef @ fit.coef, rel=1e-10, abs=1e-12)
    assert fit.n_iter == 0 and fit.converged


def test_ols_is_least_squares(diabetes):
    X, y = diabetes
    fit = ols(X, y)
    ref = np.linalg.lstsq(np.column_stack([X, np.ones(len(y))]), y, rcond=None)[0]
    np.testing.assert_allclose(fit.coef, ref[:-1], rtol=1e-9)
    np.testing.assert_allclose(fit.intercept, ref[-1], rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_lasso_alpha_zero_is_least_squares(diabetes, method):
    X, y = diabetes
    fit = lasso(X, y, 0.0, method=method)
    ref = ols(X, y)
    assert fit.converged
    # objective (1/2n)||r||^2 within tol * P(0) of the least-squares optimum
    assert fit.objective - ref.objective / (2 * len(y)) <= 1e-10 * null_objective(y)
    # p > n: zero residual is reachable
    Xw, yw = make_problem(20, 40, seed=6)
    fit = lasso(Xw, yw, 0.0, method=method)
    assert fit.converged and fit.objective <= 1e-10 * null_objective(yw)


def test_lasso_path_vs_sklearn_diabetes(diabetes):
    X, y = diabetes
    n = len(y)
    alphas = lasso_alpha_max(X, y) * np.logspace(0, -3, 100)
    coefs = lasso_path(X, y, alphas)
    assert coefs.shape == (100, X.shape[1])
    _, ref, ref_gaps = sk_lasso_path(X, y, alphas=alphas, tol=1e-13, max_iter=100_000)
    p0 = y @ y / (2 * n)
    mu = strong_convexity(X, fit_intercept=False)
    for i, a in enumerate(alphas):
        ours = enet_objective(X, y, coefs[i], 0.0, a)
        theirs = enet_objective(X, y, ref[:, i], 0.0, a)
        assert ours <= theirs + 1e-10 * p0 + 1e-13 * p0
        bound = np.sqrt(2 * 1e-10 * p0 / mu) + np.sqrt(2 * max(ref_gaps[i], 0) / mu)
        assert np.linalg.norm(coefs[i] - ref[:, i]) <= 1.01 * bound + 1e-9


def test_lasso_path_vs_lars_diabetes(diabetes):
    # LARS-lasso is exact at its knots: the path must go through them
    X, y = diabetes
    alphas, _, lars_coefs = lars_path(X, y, method="lasso")
    coefs = lasso_path(X, y, alphas)
    np.testing.assert_allclose(coefs, lars_coefs.T, rtol=1e-6, atol=1e-6 * np.abs(lars_coefs).max())


@pytest.mark.parametrize("name", list(SYNTHETIC))
def test_lasso_path_vs_sklearn_synthetic(name):
    X, y = make_problem(**SYNTHETIC[name])
    Xc, yc = X - X.mean(0), y - y.mean()
    alphas = lasso_alpha_max(X, y, fit_intercept=True) * np.logspace(0, -2, 30)
    coefs = lasso_path(X, y, alphas, fit_intercept=True)
    # fit_intercept=True centres like Lasso; compare with sklearn's path on centred data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkConvergenceWarning)
        _, ref, _ = sk_lasso_path(Xc, yc, alphas=alphas, tol=1e-13, max_iter=100_000)
    p0 = null_objective(y)
    for i, a in enumerate(alphas):
        assert enet_objective(Xc, yc, coefs[i], 0, a) <= (
            enet_objective(Xc, yc, ref[:, i], 0, a) + 1e-10 * p0 + 1e-13 * p0)
        # and each row is what a single lasso fit gives
        if i % 10 == 0:
            single = lasso(X, y, a)
            assert abs(single.objective - enet_objective(Xc, yc, coefs[i], 0, a)) <= 2e-10 * p0


def test_lasso_path_keeps_the_given_order(diabetes):
    X, y = diabetes
    alphas = lasso_alpha_max(X, y) * np.array([0.01, 0.5, 0.001, 0.1, 2.0])
    coefs = lasso_path(X, y, alphas)
    order = np.argsort(alphas)[::-1]
    np.testing.assert_allclose(coefs[order], lasso_path(X, y, alphas[order]), rtol=1e-6, atol=1e-6)
    assert not np.any(coefs[4])  # alpha above alpha_max


def test_lasso_path_with_zero_and_float32(diabetes):
    X, y = diabetes
    coefs = lasso_path(X, y, [1.0, 0.0])
    np.testing.assert_allclose(coefs[1], np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-6)
    c32 = lasso_path(X.astype(np.float32), y.astype(np.float32), [1.0, 0.1])
    assert c32.dtype == np.float32


def test_float32_in_float32_out(diabetes):
    X, y = diabetes
    fit = lasso(X.astype(np.float32), y.astype(np.float32), 0.1)
    assert fit.coef.dtype == np.float32 and fit.converged
    ref = lasso(X, y, 0.1)
    np.testing.assert_allclose(fit.coef, ref.coef, rtol=1e-3, atol=1e-2)
    X32, y32 = X[:50].astype(np.float32), y[:50].astype(np.float32)
    for f in (ridge(X32, y32, 1.0), ols(X32, y32), huber_regression(X32, y32, 50.0),
              lad_regression(X32, y32), elastic_net(X32, y32, 0.1, 0.5, method="fista")):
        assert f.coef.dtype == np.float32


def test_degenerate_columns_and_targets():
    rng = np.random.default_rng(7)
    X = rng.standard_normal((30, 4))
    X = np.column_stack([X, X[:, 0], np.zeros(30), np.full(30, 2.0)])  # duplicate, zero, constant
    y = X[:, 0] - X[:, 1] + 0.1 * rng.standard_normal(30)
    for method in METHODS:
        fit = lasso(X, y, 0.05, method=method)
        assert fit.converged
        assert fit.coef[5] == 0.0 and fit.coef[6] == 0.0  # zero column; constant once centred
        const = lasso(X, np.full(30, 1.5), 0.05, method=method)  # constant y
        assert not np.any(const.coef) and const.intercept == pytest.approx(1.5)
    assert not np.any(lasso_path(X, np.zeros(30), [0.1, 0.0]))


def test_scale_equivariance():
    X, y = make_problem(50, 10, seed=8)
    a = lasso(X, y, 0.1)
    # X -> cX: w -> w/c, alpha -> c alpha; y -> s y: w -> s w, alpha -> s alpha
    b = lasso(1e3 * X, y, 0.1 * 1e3)
    c = lasso(X, 1e-4 * y, 1e-5)
    np.testing.assert_allclose(b.coef * 1e3, a.coef, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(c.coef * 1e4, a.coef, rtol=1e-5, atol=1e-8)


# ---------------------------------------------------------------------------
# convergence warnings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_convergence_warning_lasso(diabetes, method):
    X, y = diabetes
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        fit = lasso(X, y, 1e-3, max_iter=1, method=method)
    assert fit.converged is False and fit.n_iter == 1
    with pytest.warns(ConvergenceWarning):
        fit = elastic_net(X, y, 1e-3, 0.5, max_iter=2, method=method)
    assert fit.converged is False
    with pytest.warns(ConvergenceWarning):
        fit = lasso(X, y, 0.0, max_iter=1, method=method)
    assert fit.converged is False


def test_convergence_warning_path():
    X, y = make_problem(30, 60, seed=9, rho=0.8)
    alphas = lasso_alpha_max(X, y) * np.array([0.5, 0.01])
    with pytest.warns(ConvergenceWarning, match="lasso_path"):
        lasso_path(X, y, alphas, max_iter=1)


def test_convergence_warning_is_user_warning():
    assert issubclass(ConvergenceWarning, UserWarning)


# ---------------------------------------------------------------------------
# LAD
# ---------------------------------------------------------------------------


def lad_objective(X, y, coef, b):
    return np.abs(y - X @ coef - b).sum()


@pytest.mark.parametrize("n, p, seed", [(30, 1, 0), (100, 3, 1), (400, 6, 2)])
def test_lad_vs_quantile_regressor(n, p, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = X @ rng.standard_normal(p) + rng.standard_t(1.5, n)
    fit = lad_regression(X, y)
    assert fit.converged
    assert fit.objective == pytest.approx(lad_objective(X, y, fit.coef, fit.intercept), rel=1e-14)
    q = QuantileRegressor(quantile=0.5, alpha=0, solver="highs").fit(X, y)
    ref = lad_objective(X, y, q.coef_, q.intercept_)
    assert fit.objective <= ref * (1 + 1e-8)
    # an optimal vertex interpolates at least p + 1 points
    r = y - X @ fit.coef - fit.intercept
    assert np.sum(np.abs(r) <= 1e-9 * np.abs(y).max()) >= p + 1
    # no local move does better (the objective is convex, so local = global)
    beta = np.r_[fit.coef, fit.intercept]
    Z = np.column_stack([X, np.ones(n)])
    for _ in range(50):
        step = 1e-4 * rng.standard_normal(p + 1)
        assert np.abs(y - Z @ (beta + step)).sum() >= fit.objective * (1 - 1e-12)


def test_lad_brute_force_small():
    # every LAD line with intercept passes through two data points: try all pairs
    rng = np.random.default_rng(3)
    x = rng.standard_normal(12)
    y = 0.5 * x + rng.standard_cauchy(12)
    best = np.inf
    for i in range(12):
        for j in range(i + 1, 12):
            s = (y[j] - y[i]) / (x[j] - x[i])
            best = min(best, np.abs(y - y[i] - s * (x - x[i])).sum())
    fit = lad_regression(x[:, None], y)
    assert fit.objective == pytest.approx(best, rel=1e-10)
    nob = lad_regression(x[:, None], y, fit_intercept=False)
    assert nob.intercept == 0.0
    # without intercept the line passes through the origin and one point: the weighted median
    slopes = y / x
    best0 = min(np.abs(y - s * x).sum() for s in slopes)
    assert nob.objective == pytest.approx(best0, rel=1e-10)


def test_lad_resists_outliers():
    x = np.arange(10.0)
    y = 2 * x + 1
    y[[2, 7]] += [50.0, -80.0]
    fit = lad_regression(x[:, None], y)
    np.testing.assert_allclose([fit.coef[0], fit.intercept], [2.0, 1.0], atol=1e-9)


# ---------------------------------------------------------------------------
# Huber (scale fixed at 1)
# ---------------------------------------------------------------------------


def huber_objective(X, y, coef, b, delta):
    a = np.abs(y - X @ coef - b)
    return np.where(a <= delta, 0.5 * a**2, delta * (a - 0.5 * delta)).sum()


def huber_gradient(X, y, coef, b, delta):
    Z = np.column_stack([X, np.ones(len(y))])
    return -Z.T @ np.clip(y - X @ coef - b, -delta, delta)


@pytest.mark.parametrize("delta", [1e-3, 0.1, 1.345, 5.0])
@pytest.mark.parametrize("seed", [0, 1])
def test_huber_optimality(delta, seed):
    rng = np.random.default_rng(seed)
    n, p = 150, 4
    X = rng.standard_normal((n, p))
    y = X @ rng.standard_normal(p) + rng.standard_t(2, n)
    fit = huber_regression(X, y, delta)
    assert fit.converged
    assert fit.objective == pytest.approx(huber_objective(X, y, fit.coef, fit.intercept, delta),
                                          rel=1e-14)
    g = huber_gradient(X, y, fit.coef, fit.intercept, delta)
    scale = delta * np.abs(np.column_stack([X, np.ones(n)])).sum(axis=0).max()
    assert np.abs(g).max() <= 1e-9 * scale
    # a generic optimizer from several starts does not find a lower value
    beta = np.r_[fit.coef, fit.intercept]

    def f(b):
        return huber_objective(X, y, b[:p], b[p], delta)

    for start in [beta + rng.standard_normal(p + 1), np.zeros(p + 1)]:
        res = minimize(f, start, method="BFGS")
        assert fit.objective <= res.fun * (1 + 1e-8)


def test_huber_limits():
    rng = np.random.default_rng(4)
    n, p = 80, 3
    X = rng.standard_normal((n, p))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.standard_cauchy(n)
    # a huge delta: every residual is an inlier, so Huber is half the squared loss
    big = huber_regression(X, y, delta=1e9)
    ls = ols(X, y)
    np.testing.assert_allclose(big.coef, ls.coef, rtol=1e-10)
    assert big.objective == pytest.approx(ls.objective / 2, rel=1e-12)
    # a tiny delta: huber/delta -> |r| - delta/2 outside, so min huber/delta is in
    # [LAD* - n delta/2, LAD*]
    lad = lad_regression(X, y)
    for delta in [1e-2, 1e-4, 1e-6]:
        h = huber_regression(X, y, delta)
        ratio = h.objective / delta
        assert lad.objective - n * delta / 2 - 1e-9 <= ratio <= lad.objective * (1 + 1e-9)
    np.testing.assert_allclose(h.coef, lad.coef, atol=1e-4)


def test_huber_no_intercept_and_outlier():
    x = np.arange(6.0)
    y = 2 * x + 1
    y[5] = 50.0
    fit = huber_regression(x[:, None], y, delta=1.0)
    # five inliers balance the outlier's constant pull delta: slope 2.3, intercept 0.6
    np.testing.assert_allclose([fit.coef[0], fit.intercept], [2.3, 0.6], atol=1e-12)
    fit0 = huber_regression(x[:, None], 2 * x, fit_intercept=False)
    assert fit0.intercept == 0.0
    np.testing.assert_allclose(fit0.coef, [2.0])


# ---------------------------------------------------------------------------
# the norm-penalized least squares (unsquared ||w||_2)
# ---------------------------------------------------------------------------


def _nrm_data(n=40, p=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    y = X @ rng.normal(size=p) + 0.5 * rng.normal(size=n) + 3.0
    return X, y


def _nrm_objective(w, X, y, alpha, b=0.0):
    r = y - X @ w - b
    return r @ r / (2 * len(y)) + alpha * np.sqrt(w @ w)


def test_norm_penalized_one_feature_exact():
    X = np.array([[-1.0], [0.0], [1.0]])
    y = X.ravel()
    # X'y/n = 2/3, X'X/n = 2/3: w = (2/3 - alpha) / (2/3) below the threshold
    for alpha in (0.0, 0.1, 1 / 3, 0.6):
        assert nrm(X, y, alpha).coef[0] == pytest.approx((2 / 3 - alpha) * 1.5, abs=1e-12)
    assert nrm(X, y, 2 / 3).coef[0] == 0.0


@pytest.mark.parametrize("fit_intercept", [False, True])
def test_norm_penalized_exact_zero_iff_alpha_at_least_threshold(fit_intercept):
    X, y = _nrm_data()
    Xc, yc = (X - X.mean(0), y - y.mean()) if fit_intercept else (X, y)
    alpha_max = np.linalg.norm(Xc.T @ yc) / len(y)
    at = nrm(X, y, alpha_max, fit_intercept=fit_intercept)
    above = nrm(X, y, 1.5 * alpha_max, fit_intercept=fit_intercept)
    below = nrm(X, y, alpha_max * (1 - 1e-6), fit_intercept=fit_intercept)
    assert np.all(at.coef == 0) and np.all(above.coef == 0)
    assert np.all(below.coef != 0)
    if fit_intercept:
        assert above.intercept == pytest.approx(y.mean())


@pytest.mark.parametrize("alpha_frac", [0.05, 0.3, 0.7, 0.95])
def test_norm_penalized_matches_a_generic_optimizer(alpha_frac):
    X, y = _nrm_data(seed=1)
    alpha = alpha_frac * np.linalg.norm(X.T @ y) / len(y)
    fit = nrm(X, y, alpha)
    res = optimize.minimize(_nrm_objective, np.ones(X.shape[1]), args=(X, y, alpha),
                            method="Nelder-Mead",
                            options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 40000,
                                     "maxfev": 40000})
    assert fit.objective <= res.fun + 1e-12
    assert np.allclose(fit.coef, res.x, atol=1e-5)
    assert fit.objective == pytest.approx(_nrm_objective(fit.coef, X, y, alpha), rel=1e-12)


def test_norm_penalized_optimality_condition_and_ridge_link():
    d = datasets.load_diabetes()
    X, y = d.X, d.y
    n = len(y)
    yc = y - y.mean()
    alpha = 0.4 * np.linalg.norm(X.T @ yc) / n
    fit = nrm(X, y, alpha, fit_intercept=True)
    w = fit.coef
    # stationarity: X'(y - Xw - b)/n = alpha w / ||w||
    grad_data = X.T @ (y - X @ w - fit.intercept) / n
    assert np.allclose(grad_data, alpha * w / np.linalg.norm(w), atol=1e-9)
    # the same w is the ridge solution with strength n * alpha / ||w||
    rid = ridge(X, y, alpha=n * alpha / np.linalg.norm(w))
    assert np.allclose(rid.coef, w, atol=1e-8)
    assert rid.intercept == pytest.approx(fit.intercept)


def test_norm_penalized_orthonormal_design_is_group_soft_threshold():
    rng = np.random.default_rng(2)
    n = 30
    Q, _ = np.linalg.qr(rng.normal(size=(n, 4)))
    X = np.sqrt(n) * Q  # X'X/n = I
    y = rng.normal(size=n)
    for alpha in (0.0, 0.1, 0.2, 0.5):
        z = X.T @ y / n  # group soft thresholding of the OLS coefficients
        expected = max(1.0 - alpha / np.linalg.norm(z), 0.0) * z
        assert np.allclose(nrm(X, y, alpha).coef, expected, atol=1e-12)


def test_norm_penalized_alpha_zero_is_ols_also_when_rank_deficient():
    X, y = _nrm_data(n=6, p=10, seed=3)
    fit = nrm(X, y, 0.0)
    assert np.allclose(fit.coef, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-10)
    small = nrm(X, y, 1e-3)
    assert np.all(np.isfinite(small.coef)) and small.n_iter > 0


def test_norm_penalized_norm_decreases_with_alpha_and_no_input_modified():
    X, y = _nrm_data(seed=4)
    X0, y0 = X.copy(), y.copy()
    a_max = np.linalg.norm(X.T @ y) / len(y)
    norms = [np.linalg.norm(nrm(X, y, a).coef) for a in np.linspace(0, a_max, 12)]
    assert np.all(np.diff(norms) < 0) and norms[-1] == 0
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


def test_norm_penalized_dtypes_and_bad_input():
    X, y = _nrm_data()
    assert nrm(X.astype(np.float32), y.astype(np.float32), 0.1).coef.dtype == np.float32
    with pytest.raises(ValueError, match="alpha"):
        nrm(X, y, -1.0)
    with pytest.raises(ValueError, match="alpha"):
        nrm(X, y, float("nan"))
    with pytest.raises(ValueError, match="fit_intercept"):
        nrm(X, y, 0.1, fit_intercept=1)
    with pytest.raises(ValueError, match="X"):
        nrm(y, y, 0.1)
    assert np.all(nrm(np.zeros((5, 2)), np.ones(5), 0.0).coef == 0)


# ---------------------------------------------------------------------------
# best subset selection
# ---------------------------------------------------------------------------


def test_best_subset_exact_toy_case():
    X = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0],
                  [0.0, 0.0, 1.0], [2.0, 1.0, 1.0]])
    y = 2 * X[:, 0] - X[:, 2]
    fit = best_subset(X, y, 2)
    assert fit.support == (0, 2)
    np.testing.assert_allclose(fit.coef, [2.0, 0.0, -1.0], atol=1e-12)
    assert fit.rss == pytest.approx(0.0, abs=1e-20)
    assert fit.intercept == pytest.approx(0.0, abs=1e-12)


def test_best_subset_matches_a_naive_loop_over_subsets_on_diabetes():
    d = datasets.load_diabetes()
    fits = best_subset(d.X, d.y)
    assert [len(f.support) for f in fits] == list(range(11))
    for k in (1, 3, 5):
        best = min((float(ols(d.X[:, list(s)], d.y).objective), s)
                   for s in combinations(range(10), k))
        assert fits[k].support == best[1]
        assert fits[k].rss == pytest.approx(best[0], rel=1e-10)


def test_best_subset_rss_decreases_with_size_and_full_size_is_ols():
    d = datasets.load_diabetes()
    fits = best_subset(d.X, d.y)
    rss = [f.rss for f in fits]
    assert all(a >= b for a, b in zip(rss, rss[1:], strict=False))
    full = ols(d.X, d.y)
    np.testing.assert_allclose(fits[-1].coef, full.coef, rtol=1e-8)
    assert fits[-1].intercept == pytest.approx(full.intercept)
    assert fits[0].rss == pytest.approx(float(((d.y - d.y.mean()) ** 2).sum()))


def test_best_subset_coefficients_and_intercept_reproduce_the_rss():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 6)), rng.normal(size=40)
    for fit in best_subset(X, y):
        r = y - X @ fit.coef - fit.intercept
        assert float(r @ r) == pytest.approx(fit.rss, rel=1e-9)
        assert np.count_nonzero(fit.coef) <= len(fit.support)


def test_best_subset_without_intercept():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array([3.0, 0.0, 3.0])
    fit = best_subset(X, y, 1, fit_intercept=False)
    assert fit.support == (0,) and fit.intercept == 0.0
    np.testing.assert_allclose(fit.coef, [3.0, 0.0])


def test_best_subset_fast_on_1024_subsets():
    d = datasets.load_diabetes()
    start = time.perf_counter()
    best_subset(d.X, d.y)
    assert time.perf_counter() - start < 1.0


def test_best_subset_singular_subsets_fall_back_to_least_squares():
    rng = np.random.default_rng(1)
    a = rng.normal(size=30)
    X = np.column_stack([a, a, rng.normal(size=30)])  # two identical columns
    y = a + 0.1 * rng.normal(size=30)
    fit = best_subset(X, y, 2)
    assert np.isfinite(fit.rss) and fit.support in {(0, 2), (1, 2)}


def test_best_subset_does_not_modify_inputs():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(20, 4)), rng.normal(size=20)
    X0, y0 = X.copy(), y.copy()
    best_subset(X, y)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


def test_best_subset_bad_arguments_name_the_argument():
    X, y = np.ones((5, 3)), np.ones(5)
    with pytest.raises(ValueError, match="k"):
        best_subset(X, y, 4)
    with pytest.raises(ValueError, match="k"):
        best_subset(X, y, -1)
    with pytest.raises(ValueError, match="k"):
        best_subset(X, y, 1.5)
    with pytest.raises(ValueError, match="fit_intercept"):
        best_subset(X, y, fit_intercept=1)
    with pytest.raises(ValueError, match="X has 21 features"):
        best_subset(np.ones((5, 21)), y)
    with pytest.raises(ValueError):
        best_subset(X, np.ones(4))


def test_best_subset_in_extreme_units():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(10, 3))
    y = X @ [1.0, 2.0, 0.0] + rng.normal(size=10)
    ref = best_subset(X, y, 2)
    big = best_subset(1e160 * X, y, 2)
    assert big.support == ref.support
    np.testing.assert_allclose(big.coef * 1e160, ref.coef, rtol=1e-12)
    np.testing.assert_allclose([big.intercept, big.rss], [ref.intercept, ref.rss], rtol=1e-12)


# ---------------------------------------------------------------------------
# bad input: a ValueError naming the argument, caller's arrays untouched
# ---------------------------------------------------------------------------

GOOD_X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.0], [2.0, 1.0]])
GOOD_Y = np.array([1.0, 2.0, 0.0, -1.0])

SOLVERS = {
    "ridge": (ridge, dict(alpha=0.1)),
    "ols": (ols, {}),
    "lasso": (lasso, dict(alpha=0.1)),
    "elastic_net": (elastic_net, dict(alpha=0.1, l1_ratio=0.5)),
    "lasso_path": (lasso_path, dict(alphas=[0.5, 0.1])),
    "lasso_alpha_max": (lasso_alpha_max, {}),
    "lad_regression": (lad_regression, {}),
    "huber_regression": (huber_regression, dict(delta=1.0)),
}

BAD_XY = [
    (dict(X=[1.0, 2.0, 3.0, 4.0]), "X"),  # 1-D X
    (dict(X=np.ones((4, 2, 1))), "X"),
    (dict(y=np.ones((4, 1))), "y"),  # 2-D y
    (dict(y=[1.0, 2.0, 3.0]), "X and y"),  # length mismatch
    (dict(X=np.empty((0, 2)), y=np.empty(0)), "X"),
    (dict(X=np.empty((4, 0))), "X"),
    (dict(X=[[1.0, np.nan]] * 4), "X"),
    (dict(y=[1.0, np.inf, 0.0, 0.0]), "y"),
    (dict(X="abc"), "X"),
    (dict(y=["a", "b", "c", "d"]), "y"),
    (dict(X=[[1.0, 2.0], [3.0]]), "X"),  # ragged
    (dict(y=None), "y"),
]


@pytest.mark.parametrize("name", list(SOLVERS))
@pytest.mark.parametrize("bad, match", BAD_XY)
def test_bad_data(name, bad, match):
    func, params = SOLVERS[name]
    kwargs = dict(X=GOOD_X, y=GOOD_Y, **params)
    kwargs.update(bad)
    X, y = kwargs.pop("X"), kwargs.pop("y")
    with pytest.raises(ValueError, match=match):
        func(X, y, **kwargs)


BAD_PARAMS = {
    "ridge": [dict(alpha=-1.0), dict(alpha=np.nan), dict(alpha="0.1"), dict(alpha=np.inf),
              dict(alpha=[0.1, 0.2]), dict(fit_intercept="yes")],
    "ols": [dict(fit_intercept=None)],
    "lasso": [dict(alpha=-1e-9), dict(alpha=np.nan), dict(alpha=None), dict(tol=0.0),
              dict(tol=-1.0), dict(tol=np.nan), dict(max_iter=0), dict(max_iter=2.5),
              dict(max_iter="10"), dict(method="lars"), dict(method=None), dict(fit_intercept=1)],
    "elastic_net": [dict(l1_ratio=1.5), dict(l1_ratio=-0.1), dict(l1_ratio=np.nan),
                    dict(alpha=-1.0), dict(method="CD")],
    "lasso_path": [dict(alphas=[0.1, -0.1]), dict(alphas=[0.1, np.nan]), dict(alphas=[]),
                   dict(alphas=0.1), dict(alphas="abc"), dict(alphas=[[0.1]]), dict(tol=0),
                   dict(max_iter=0)],
    "lasso_alpha_max": [dict(fit_intercept="no")],
    "lad_regression": [dict(fit_intercept=2)],
    "huber_regression": [dict(delta=0.0), dict(delta=-1.0), dict(delta=np.nan), dict(delta="1")],
}


@pytest.mark.parametrize(
    "name, bad", [(name, bad) for name, bads in BAD_PARAMS.items() for bad in bads],
    ids=lambda v: str(v) if isinstance(v, dict) else v,
)
def test_bad_parameters(name, bad):
    func, params = SOLVERS[name]
    kwargs = dict(params)
    kwargs.update(bad)
    (arg,) = bad
    with pytest.raises(ValueError, match=arg):
        func(GOOD_X, GOOD_Y, **kwargs)


def test_caller_arrays_are_never_modified():
    rng = np.random.default_rng(10)
    X = rng.standard_normal((25, 6))
    y = rng.standard_normal(25)
    X_copy, y_copy = X.copy(), y.copy()
    X.flags.writeable = False  # any write attempt would raise
    y.flags.writeable = False
    for func, params in SOLVERS.values():
        func(X, y, **params)
    for method in METHODS:
        lasso(X, y, 0.05, method=method, fit_intercept=False)
        elastic_net(X, y, 0.05, 0.3, method=method)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    alphas = np.array([0.3, 0.1])
    lasso_path(X, y, alphas)
    np.testing.assert_array_equal(alphas, [0.3, 0.1])


# ---------------------------------------------------------------------------
# hypothesis: random junk gives a valid result or a ValueError, nothing else
# ---------------------------------------------------------------------------


@st.composite
def xy_pair(draw):
    """Mostly well-formed (so the solvers run), sometimes junk."""
    if draw(st.booleans()):
        return draw(junk_array()), draw(junk_array())
    n = draw(st.integers(1, 8))
    p = draw(st.integers(1, 5))
    X = np.array(draw(st.lists(finite, min_size=n * p, max_size=n * p))).reshape(n, p)
    y = np.array(draw(st.lists(finite, min_size=n, max_size=n)))
    return X, y


def check_fit(fit, p):
    assert isinstance(fit, Fit)
    assert fit.coef.shape == (p,) and np.all(np.isfinite(fit.coef))
    assert np.isfinite(fit.intercept) and np.isfinite(fit.objective) and fit.objective >= 0


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(SOLVERS) + ["lasso_ista", "lasso_fista", "enet_fista"]),
    data=xy_pair(),
    param=junk_scalar,
    fit_intercept=st.one_of(st.booleans(), junk_scalar),
)
def test_junk_to_solvers(name, data, param, fit_intercept):
    X, y = data
    calls = {
        "ridge": lambda: ridge(X, y, param, fit_intercept=fit_intercept),
        "ols": lambda: ols(X, y, fit_intercept=fit_intercept),
        "lasso": lambda: lasso(X, y, param, fit_intercept=fit_intercept, max_iter=2000),
        "lasso_ista": lambda: lasso(X, y, param, method="ista", max_iter=2000),
        "lasso_fista": lambda: lasso(X, y, param, method="fista", max_iter=2000),
        "elastic_net": lambda: elastic_net(X, y, 0.1, param, fit_intercept=fit_intercept,
                                           max_iter=2000),
        "enet_fista": lambda: elastic_net(X, y, param, 0.5, method="fista", max_iter=2000),
        "lasso_path": lambda: lasso_path(X, y, [param, 0.5 * param] if isinstance(
            param, float) else param, fit_intercept=fit_intercept, max_iter=2000),
        "lasso_alpha_max": lambda: lasso_alpha_max(X, y, fit_intercept=fit_intercept),
        "lad_regression": lambda: lad_regression(X, y, fit_intercept=fit_intercept),
        "huber_regression": lambda: huber_regression(X, y, param, fit_intercept=fit_intercept),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        try:
            out = calls[name]()
        except ValueError:
            return
    p = np.asarray(X).shape[1]
    if name == "lasso_path":
        assert out.ndim == 2 and out.shape[1] == p and np.all(np.isfinite(out))
    elif name == "lasso_alpha_max":
        assert np.isfinite(out) and out >= 0
    else:
        check_fit(out, p)


# ---------------------------------------------------------------------------
# Adaptive and relaxed lasso, the irrepresentable condition, lasso CV
# ---------------------------------------------------------------------------


def _ic_design(n=200, r=2 / 3, seed=0):
    """x1, x2 independent; x3 correlated r with each: IC = 2r for S = {0, 1}."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(n, 3))
    X = np.column_stack([Z[:, 0], Z[:, 1],
                         r * (Z[:, 0] + Z[:, 1]) + np.sqrt(1 - 2 * r * r) * Z[:, 2]])
    y = X[:, 0] + X[:, 1] + 0.3 * rng.normal(size=n)
    return X, y


def test_adaptive_lasso_is_a_lasso_on_rescaled_columns():
    from l1l2.linear_model import adaptive_lasso

    X, y = _ic_design()
    assert np.allclose(adaptive_lasso(X, y, 0.05, weights=np.ones(3)).coef,
                       lasso(X, y, 0.05).coef, atol=1e-10)
    v = np.array([0.5, 2.0, 4.0])
    fit = adaptive_lasso(X, y, 0.05, weights=v)
    # the weighted objective's subgradient condition, coordinate by coordinate
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g = Xc.T @ (yc - Xc @ fit.coef) / len(y)
    on = fit.coef != 0
    assert np.allclose(g[on], 0.05 * v[on] * np.sign(fit.coef[on]), atol=1e-8)
    assert np.all(np.abs(g[~on]) <= 0.05 * v[~on] + 1e-10)
    # default weights 1/|w_ols|: x3 (tiny least-squares coefficient) is kept out
    w_ols = ols(X, y).coef
    auto = adaptive_lasso(X, y, 0.05)
    ref = adaptive_lasso(X, y, 0.05, weights=1 / np.abs(w_ols))
    assert np.allclose(auto.coef, ref.coef, atol=1e-12)
    assert np.array_equal(auto.coef != 0, [True, True, False])
    assert adaptive_lasso(X, y, 0.05, weights=[1.0, np.inf, 1.0]).coef[1] == 0


@pytest.mark.parametrize("bad", [[1.0, 1.0], [1.0, 0.0, 1.0], [1.0, -1.0, 1.0],
                                 [1.0, np.nan, 1.0]])
def test_adaptive_lasso_rejects_bad_weights(bad):
    from l1l2.linear_model import adaptive_lasso

    X, y = _ic_design(30)
    with pytest.raises(ValueError, match="weights"):
        adaptive_lasso(X, y, 0.1, weights=bad)
    with pytest.raises(ValueError, match="gamma"):
        adaptive_lasso(X, y, 0.1, gamma=0.0)


def test_relaxed_lasso_ends():
    from l1l2.linear_model import relaxed_lasso

    X, y = _ic_design()
    assert np.allclose(relaxed_lasso(X, y, 0.3, phi=1.0).coef, lasso(X, y, 0.3).coef,
                       atol=1e-10)
    fit = relaxed_lasso(X, y, 0.3)
    A = np.flatnonzero(lasso(X, y, 0.3).coef)
    assert np.allclose(fit.coef[A], ols(X[:, A], y).coef, atol=1e-8)
    assert np.all(fit.coef[np.setdiff1d(np.arange(3), A)] == 0)
    big = relaxed_lasso(X, y, 100.0)  # nothing selected
    assert np.all(big.coef == 0) and np.isclose(big.intercept, y.mean())
    with pytest.raises(ValueError, match="phi"):
        relaxed_lasso(X, y, 0.3, phi=1.5)


def test_irrepresentable_condition_values():
    from l1l2.linear_model import irrepresentable_condition

    C = np.array([[1.0, 0.0, 2 / 3], [0.0, 1.0, 2 / 3], [2 / 3, 2 / 3, 1.0]])
    X = np.linalg.cholesky(C).T
    assert np.isclose(irrepresentable_condition(X, [0, 1], fit_intercept=False), 4 / 3)
    assert np.isclose(irrepresentable_condition(X, (0, 1), [-1, -1],
                                                fit_intercept=False), 4 / 3)
    assert irrepresentable_condition(X, [0, 1], [1, -1], fit_intercept=False) < 1e-12
    # invariant to one common scale and to centring when asked; not to a column's scale
    Xs = np.random.default_rng(1).normal(size=(50, 4)) * [1.0, 10.0, 0.1, 3.0]
    v1 = irrepresentable_condition(Xs, [1, 3])
    assert np.isclose(v1, irrepresentable_condition(1e-200 * (Xs - Xs.mean(axis=0)), [1, 3]))
    assert np.isclose(5 * v1, irrepresentable_condition(Xs * [5.0, 1.0, 5.0, 1.0], [1, 3]))
    # against a direct formula
    Xc = Xs - Xs.mean(axis=0)
    S, N = [1, 3], [0, 2]
    direct = np.max(np.abs(Xc[:, N].T @ Xc[:, S] @ np.linalg.solve(
        Xc[:, S].T @ Xc[:, S], np.ones(2))))
    assert np.isclose(v1, direct)


@pytest.mark.parametrize("support, signs, match", [
    ([], None, "support"), ([0, 0], None, "support"), ([0, 5], None, "support"),
    ([0, 1, 2], None, "support"), ([0.0, 1.0], None, "support"), (3, None, "support"),
    ([0, 1], [1.0], "signs"), ([0, 1], [1.0, 0.5], "signs"),
])
def test_irrepresentable_condition_rejects(support, signs, match):
    from l1l2.linear_model import irrepresentable_condition

    X = np.random.default_rng(0).normal(size=(10, 3))
    with pytest.raises(ValueError, match=match):
        irrepresentable_condition(X, support, signs)
    dup = np.column_stack([X[:, 0], X[:, 0], X[:, 2]])
    with pytest.raises(ValueError, match="dependent"):
        irrepresentable_condition(dup, [0, 1])


def test_cross_validate_lasso_matches_sklearn():
    from sklearn.linear_model import LassoCV

    from l1l2.linear_model import cross_validate_lasso
    from l1l2.selection import kfold_indices

    d = load_diabetes()
    X, y = d.data, d.target
    alphas = lasso_alpha_max(X, y, fit_intercept=True) * np.geomspace(1, 1e-3, 30)
    cv = cross_validate_lasso(X, y, alphas, n_folds=5, seed=3)
    folds = kfold_indices(len(y), 5, seed=3)
    sk = LassoCV(alphas=alphas, cv=folds, tol=1e-12, max_iter=100_000).fit(X, y)
    # scikit-learn sorts alphas decreasing, as given here
    assert np.allclose(cv.mean, sk.mse_path_.mean(axis=1), rtol=1e-6)
    assert np.isclose(cv.best_alpha, sk.alpha_)
    i = int(np.argmin(cv.mean))
    assert cv.alpha_1se >= cv.best_alpha
    assert cv.mean[alphas == cv.alpha_1se][0] <= cv.mean[i] + cv.se[i]


def test_elastic_net_is_the_naive_one():
    """Orthonormal design (X'X/n = I): (1 + alpha(1 - rho)) * enet == lasso(alpha rho)."""
    rng = np.random.default_rng(5)
    A = rng.normal(size=(40, 3))
    X = np.sqrt(40) * np.linalg.qr(A - A.mean(axis=0))[0]
    y = X @ [1.5, -0.4, 0.05] + 0.3 * rng.normal(size=40)
    z = X.T @ (y - y.mean()) / 40
    for alpha, rho in [(0.2, 0.5), (0.6, 0.3), (1.0, 0.9)]:
        w = elastic_net(X, y, alpha, rho).coef
        c = 1 + alpha * (1 - rho)
        assert np.allclose(w, np.sign(z) * np.maximum(np.abs(z) - alpha * rho, 0) / c,
                           atol=1e-9)
        assert np.allclose(c * w, lasso(X, y, alpha * rho).coef, atol=1e-9)
        sk = ElasticNet(alpha=alpha, l1_ratio=rho, tol=1e-12, max_iter=100_000).fit(X, y)
        assert np.allclose(sk.coef_, w, atol=1e-8)
