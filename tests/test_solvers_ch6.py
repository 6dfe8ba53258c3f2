"""Chapter 6's solver: least squares penalized by the unsquared norm ||w||_2."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize

from l1l2 import datasets, penalties, solvers
from l1l2.solvers import norm_penalized_least_squares as nrm


def _data(n=40, p=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    y = X @ rng.normal(size=p) + 0.5 * rng.normal(size=n) + 3.0
    return X, y


def _objective(w, X, y, alpha, b=0.0):
    r = y - X @ w - b
    return r @ r / (2 * len(y)) + alpha * np.sqrt(w @ w)


def test_one_feature_exact():
    X = np.array([[-1.0], [0.0], [1.0]])
    y = X.ravel()
    # X'y/n = 2/3, X'X/n = 2/3: w = (2/3 - alpha) / (2/3) below the threshold
    for alpha in (0.0, 0.1, 1 / 3, 0.6):
        assert nrm(X, y, alpha).coef[0] == pytest.approx((2 / 3 - alpha) * 1.5, abs=1e-12)
    assert nrm(X, y, 2 / 3).coef[0] == 0.0


@pytest.mark.parametrize("fit_intercept", [False, True])
def test_exact_zero_iff_alpha_at_least_threshold(fit_intercept):
    X, y = _data()
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
def test_matches_a_generic_optimizer(alpha_frac):
    X, y = _data(seed=1)
    alpha = alpha_frac * np.linalg.norm(X.T @ y) / len(y)
    fit = nrm(X, y, alpha)
    res = optimize.minimize(_objective, np.ones(X.shape[1]), args=(X, y, alpha),
                            method="Nelder-Mead",
                            options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 40000,
                                     "maxfev": 40000})
    assert fit.objective <= res.fun + 1e-12
    assert np.allclose(fit.coef, res.x, atol=1e-5)
    assert fit.objective == pytest.approx(_objective(fit.coef, X, y, alpha), rel=1e-12)


def test_optimality_condition_and_ridge_link():
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
    rid = solvers.ridge(X, y, alpha=n * alpha / np.linalg.norm(w))
    assert np.allclose(rid.coef, w, atol=1e-8)
    assert rid.intercept == pytest.approx(fit.intercept)


def test_orthonormal_design_is_group_soft_threshold():
    rng = np.random.default_rng(2)
    n = 30
    Q, _ = np.linalg.qr(rng.normal(size=(n, 4)))
    X = np.sqrt(n) * Q  # X'X/n = I
    y = rng.normal(size=n)
    for alpha in (0.0, 0.1, 0.2, 0.5):
        expected = penalties.group_soft_threshold(X.T @ y / n, alpha)
        assert np.allclose(nrm(X, y, alpha).coef, expected, atol=1e-12)


def test_alpha_zero_is_ols_also_when_rank_deficient():
    X, y = _data(n=6, p=10, seed=3)
    fit = nrm(X, y, 0.0)
    assert np.allclose(fit.coef, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-10)
    small = nrm(X, y, 1e-3)
    assert np.all(np.isfinite(small.coef)) and small.n_iter > 0


def test_norm_decreases_with_alpha_and_no_input_modified():
    X, y = _data(seed=4)
    X0, y0 = X.copy(), y.copy()
    a_max = np.linalg.norm(X.T @ y) / len(y)
    norms = [np.linalg.norm(nrm(X, y, a).coef) for a in np.linspace(0, a_max, 12)]
    assert np.all(np.diff(norms) < 0) and norms[-1] == 0
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


def test_dtypes_and_bad_input():
    X, y = _data()
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
