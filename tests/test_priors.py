"""Tests for l1l2.priors: densities, prior <-> alpha, MAP, grid posterior, samplers.

The densities and the log-likelihood are private (``l1l2.priors._densities``);
they are tested through the public functions that add them up,
:func:`log_posterior_grid` and :func:`map_linear_regression`, and directly
where only a private entry point reaches a case (NaN, one ``w`` at extreme
magnitudes)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats
from sklearn.linear_model import Lasso, LinearRegression, Ridge

from l1l2 import linear_model, priors
from l1l2.datasets import load_diabetes
from l1l2.penalties import soft_threshold
from l1l2.priors import (
    alpha_to_prior_scale,
    log_posterior_grid,
    map_linear_regression,
    prior_to_alpha,
    sample_bayesian_lasso,
    spike_and_slab_inclusion,
)
from l1l2.priors._densities import _gaussian_logpdf, _laplace_logpdf, _log_lik, _log_prior


@pytest.fixture(scope="module")
def small_problem():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 3))
    y = X @ np.array([1.5, 0.0, -0.5]) + 0.7 + 0.5 * rng.standard_normal(40)
    return X, y


SCIPY_PRIOR = {"laplace": stats.laplace, "gaussian": stats.norm}


def _log_likelihood(X, y, w, noise_std=1.0, intercept=0.0):
    """The private log-likelihood on float64 arrays, as the public functions call it."""
    X, y, w = (np.asarray(a, dtype=np.float64) for a in (X, y, w))
    out = _log_lik(X, y, w, noise_std, intercept, "X, y, w, intercept and noise_std")
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------
# densities
# --------------------------------------------------------------------------
@pytest.mark.parametrize("b", [0.1, 1.0, 3.0])
def test_laplace_log_prior_at_zero_is_minus_log_2b(b):
    g = log_posterior_grid(np.eye(2), [1.0, 2.0], [0.0], [0.0], prior="laplace", scale=b)
    assert g.log_prior[0, 0] == pytest.approx(-2 * math.log(2 * b), rel=1e-15)


@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
def test_grid_log_prior_matches_scipy(prior):
    w1, w2 = np.linspace(-5, 5, 41), np.linspace(-3, 4, 29)
    g = log_posterior_grid(np.eye(2), [1.0, 2.0], w1, w2, prior=prior, scale=0.7)
    dist = SCIPY_PRIOR[prior](scale=0.7)
    expected = dist.logpdf(w1)[None, :] + dist.logpdf(w2)[:, None]
    np.testing.assert_allclose(g.log_prior, expected, rtol=1e-13)


def test_laplace_density_integrates_to_one():
    total, _ = integrate.quad(lambda v: math.exp(_laplace_logpdf(v, 0.7)), -np.inf, np.inf)
    assert total == pytest.approx(1.0, rel=1e-9)


def test_logpdf_dtypes_and_nan():
    w32 = np.array([0.0, 1.0, np.nan], dtype=np.float32)
    for f in (_laplace_logpdf, _gaussian_logpdf):
        out = f(w32, 2.0)
        assert out.dtype == np.float32 and np.isnan(out[2]) and np.isfinite(out[:2]).all()
        assert f([1, 2], 2.0).dtype == np.float64
        assert f(np.inf, 2.0) == -np.inf


def test_log_prior_sums_over_last_axis():
    W = np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 3.0]])
    for prior, f in (("laplace", _laplace_logpdf), ("gaussian", _gaussian_logpdf)):
        np.testing.assert_allclose(_log_prior(W, prior, 0.8), f(W, 0.8).sum(axis=1))
        assert isinstance(_log_prior(W[0], prior, 0.8), float)
        assert _log_prior(W[0], prior, 0.8) == pytest.approx(f(W[0], 0.8).sum())
    assert _log_prior(2.0, "laplace", 1.0) == pytest.approx(-math.log(2) - 2)


def test_grid_log_likelihood_matches_scipy(small_problem):
    X, y = small_problem
    X2 = X[:, :2]
    w1, w2 = np.linspace(-1, 2, 7), np.linspace(-1, 1, 5)
    g = log_posterior_grid(X2, y, w1, w2, noise_std=0.5, intercept=0.7)
    expected = [[stats.norm(loc=X2 @ [a, b] + 0.7, scale=0.5).logpdf(y).sum() for a in w1]
                for b in w2]
    np.testing.assert_allclose(g.log_likelihood, expected, rtol=1e-12)
    # one w (the MAP's path) equals the stacked (grid) computation
    single = [[_log_likelihood(X2, y, [a, b], 0.5, 0.7) for a in w1] for b in w2]
    np.testing.assert_allclose(g.log_likelihood, single, rtol=1e-10)


@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
def test_map_log_posterior_is_scipy_likelihood_plus_prior(small_problem, prior):
    X, y = small_problem
    est = map_linear_regression(X, y, prior=prior, scale=0.3, noise_std=0.5)
    expected = (stats.norm(loc=X @ est.coef + est.intercept, scale=0.5).logpdf(y).sum()
                + SCIPY_PRIOR[prior](scale=0.3).logpdf(est.coef).sum())
    assert est.log_posterior == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------
# prior <-> alpha
# --------------------------------------------------------------------------
def test_prior_to_alpha_values():
    assert prior_to_alpha("laplace", scale=2.0, noise_std=3.0, n_samples=10) == pytest.approx(
        9 / 20)
    assert prior_to_alpha("gaussian", scale=2.0, noise_std=3.0, n_samples=10) == pytest.approx(
        9 / 4)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["laplace", "gaussian"]), st.floats(1e-3, 1e3), st.floats(1e-3, 1e3),
       st.integers(1, 10_000))
def test_alpha_to_prior_scale_inverts_prior_to_alpha(prior, scale, sigma, n):
    a = prior_to_alpha(prior, scale, sigma, n)
    assert alpha_to_prior_scale(prior, a, sigma, n) == pytest.approx(scale, rel=1e-12)


# --------------------------------------------------------------------------
# MAP
# --------------------------------------------------------------------------
def test_map_gaussian_prior_is_ridge_closed_form(small_problem):
    X, y = small_problem
    tau, sigma = 0.4, 0.5
    est = map_linear_regression(X, y, prior="gaussian", scale=tau, noise_std=sigma)
    alpha = sigma**2 / tau**2
    assert est.alpha == pytest.approx(alpha)
    Xc, yc = X - X.mean(0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(3), Xc.T @ yc)
    np.testing.assert_allclose(est.coef, w, rtol=1e-8, atol=1e-10)
    assert est.intercept == pytest.approx(y.mean() - X.mean(0) @ w)
    sk = Ridge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(est.coef, sk.coef_, rtol=1e-8, atol=1e-10)


def test_map_laplace_prior_is_lasso_with_alpha_sigma2_over_nb(small_problem):
    X, y = small_problem
    b, sigma = 0.05, 0.5
    est = map_linear_regression(X, y, prior="laplace", scale=b, noise_std=sigma)
    alpha = sigma**2 / (len(y) * b)
    assert est.alpha == pytest.approx(alpha)
    sk = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(est.coef, sk.coef_, atol=1e-7)
    assert est.coef[1] == 0.0  # the MAP is sparse here


def test_map_laplace_lasso_toy_and_1d_soft_threshold():
    X = np.array([[-1.0], [0.0], [1.0]])
    est = map_linear_regression(X, X[:, 0], prior="laplace", scale=10 / 3, noise_std=1.0)
    assert est.coef[0] == pytest.approx(0.85, abs=1e-8)  # scikit-learn's test_lasso_toy
    rng = np.random.default_rng(3)
    x = rng.standard_normal((30, 1))
    for y in (2.0 * x[:, 0] + rng.standard_normal(30), 0.05 * x[:, 0]):
        est = map_linear_regression(x, y, prior="laplace", scale=0.3, noise_std=1.5,
                                    fit_intercept=False)
        # one feature: soft thresholding of the least-squares estimate at s^2/b,
        # s = sigma/||x|| its standard error
        sxx = x[:, 0] @ x[:, 0]
        expected = soft_threshold([x[:, 0] @ y / sxx], 1.5**2 / sxx / 0.3)
        np.testing.assert_allclose(est.coef, expected, atol=1e-8)


def test_map_maximizes_the_log_posterior(small_problem):
    X, y = small_problem
    rng = np.random.default_rng(5)
    for prior in ("laplace", "gaussian"):
        est = map_linear_regression(X, y, prior=prior, scale=0.3, noise_std=0.5)
        for _ in range(20):
            w = est.coef + 0.01 * rng.standard_normal(3)
            lp = _log_likelihood(X, y, w, 0.5, est.intercept) + _log_prior(w, prior, 0.3)
            assert lp <= est.log_posterior + 1e-9


# --------------------------------------------------------------------------
# grid posterior
# --------------------------------------------------------------------------
def _orthogonal_problem():
    # columns orthogonal with squared norm 4: the MAP is coordinatewise
    X = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    y = np.array([2.2, 1.6, -1.8, -2.0])  # X^T y / 4 = (1.9, 0.2)
    return X, y


def test_grid_pieces_and_argmax_near_map():
    X, y = _orthogonal_problem()
    w1 = np.linspace(-2, 3, 501)
    w2 = np.linspace(-2, 2, 401)
    b, sigma = 0.5, 1.0
    g = log_posterior_grid(X, y, w1, w2, prior="laplace", scale=b, noise_std=sigma)
    assert g.log_posterior.shape == (401, 501)
    W = np.stack(np.meshgrid(w1, w2), axis=-1)
    np.testing.assert_allclose(g.log_prior, _log_prior(W, "laplace", b), rtol=1e-12)
    np.testing.assert_allclose(g.log_likelihood[::50, ::50],
                               _log_likelihood(X, y, W[::50, ::50], sigma), rtol=1e-10)
    np.testing.assert_allclose(g.log_posterior, g.log_likelihood + g.log_prior)
    # orthogonal design: the MAP is soft thresholding of the least-squares
    # estimate at s^2/b, with standard error s = sigma/2
    w_ls = X.T @ y / 4
    w_map = soft_threshold(w_ls, (sigma / 2) ** 2 / b)
    assert w_map[1] == 0.0 and w_map[0] != 0.0
    np.testing.assert_allclose(g.argmax(), w_map, atol=0.011)


def test_grid_density_normalised_and_gaussian_mean_is_map():
    X, y = _orthogonal_problem()
    w = np.linspace(-4, 4, 401)
    g = log_posterior_grid(X, y, w, w, prior="gaussian", scale=1.0, noise_std=1.0)
    d = g.density()
    assert np.trapezoid(np.trapezoid(d, w, axis=1), w) == pytest.approx(1.0, rel=1e-9)
    # Gaussian prior: the posterior is Gaussian, its mean is the MAP (ridge)
    # proportional shrinkage tau^2 / (tau^2 + s^2) of the least-squares estimate
    w_map = (X.T @ y / 4) * 1.0 / (1.0 + 0.5**2)
    np.testing.assert_allclose(g.mean(), w_map, atol=1e-4)


def test_grid_float32_and_intercept():
    X, y = _orthogonal_problem()
    w = np.linspace(-1, 1, 5, dtype=np.float32)
    g = log_posterior_grid(X.astype(np.float32), y.astype(np.float32), w, w)
    assert g.log_posterior.dtype == np.float32
    g1 = log_posterior_grid(X, y + 2.0, w, w, intercept=2.0)
    g0 = log_posterior_grid(X, y, w, w)
    np.testing.assert_allclose(g1.log_posterior, g0.log_posterior, rtol=1e-12)


# --------------------------------------------------------------------------
# Bayesian lasso
# --------------------------------------------------------------------------
def test_sampler_is_deterministic_given_seed(small_problem):
    X, y = small_problem
    kw = dict(scale=0.3, noise_std=0.5, n_samples=200, burn_in=50)
    a = sample_bayesian_lasso(X, y, seed=7, **kw)
    b = sample_bayesian_lasso(X, y, seed=7, **kw)
    c = sample_bayesian_lasso(X, y, seed=8, **kw)
    np.testing.assert_array_equal(a.coef, b.coef)
    np.testing.assert_array_equal(a.intercept, b.intercept)
    assert not np.array_equal(a.coef, c.coef)
    assert a.coef.shape == (200, 3) and a.intercept.shape == (200,)
    np.testing.assert_array_equal(a.sigma2, 0.25)


def test_sampler_matches_exact_1d_posterior_mean():
    # one coefficient, fixed sigma: posterior ∝ exp(-(w - w_hat)^2/(2 s^2) - |w|/b)
    rng = np.random.default_rng(11)
    x = rng.standard_normal((25, 1))
    y = 0.3 * x[:, 0] + rng.standard_normal(25)
    sigma, b = 1.0, 0.2
    s = sample_bayesian_lasso(x, y, scale=b, noise_std=sigma, n_samples=6000, burn_in=300,
                              fit_intercept=False, seed=0)
    grid = np.linspace(-3, 3, 60_001)
    lp = _log_likelihood(x, y, grid[:, None], sigma) + _laplace_logpdf(grid, b)
    dens = np.exp(lp - lp.max())
    mean = np.trapezoid(dens * grid, grid) / np.trapezoid(dens, grid)
    sd = math.sqrt(np.trapezoid(dens * (grid - mean) ** 2, grid) / np.trapezoid(dens, grid))
    assert s.coef_mean[0] == pytest.approx(mean, abs=5 * sd / math.sqrt(6000) * 2)
    assert s.coef[:, 0].std() == pytest.approx(sd, rel=0.05)


def test_sampler_matches_grid_posterior_mean_in_2d():
    X, y = _orthogonal_problem()
    b, sigma = 0.5, 1.0
    w = np.linspace(-3, 4, 701)
    g = log_posterior_grid(X, y, w, w, prior="laplace", scale=b, noise_std=sigma)
    s = sample_bayesian_lasso(X, y, scale=b, noise_std=sigma, n_samples=8000, burn_in=300,
                              fit_intercept=False, seed=2)
    sd = s.coef.std(axis=0)
    np.testing.assert_allclose(s.coef_mean, g.mean(), atol=float(8 * sd.max() / math.sqrt(8000)))


def test_bayesian_lasso_mean_not_sparse_but_map_is():
    d = load_diabetes()
    sigma = 54.0
    b = 25.0  # strong prior: the MAP (lasso) has exact zeros
    s = sample_bayesian_lasso(d.X, d.y, scale=b, noise_std=sigma, n_samples=1500, burn_in=300,
                              seed=0)
    alpha = prior_to_alpha("laplace", b, sigma, len(d.y))
    lasso = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(d.X, d.y)
    assert np.sum(lasso.coef_ == 0) >= 3
    assert np.all(s.coef_mean != 0) and np.all(s.coef_median != 0)
    # a draw is never exactly sparse either
    assert np.count_nonzero(s.coef == 0) == 0
    ci = s.credible_interval(0.9)
    assert ci.shape == (2, 10) and np.all(ci[0] < ci[1])


def test_bayesian_lasso_flat_prior_gives_ols(small_problem):
    X, y = small_problem
    s = sample_bayesian_lasso(X, y, scale=1e6, noise_std=0.5, n_samples=3000, burn_in=100,
                              seed=1)
    ols = LinearRegression().fit(X, y)
    sd = s.coef.std(axis=0)
    np.testing.assert_allclose(s.coef_mean, ols.coef_, atol=float(6 * sd.max() / math.sqrt(3000)))
    assert s.intercept.mean() == pytest.approx(ols.intercept_, abs=0.05)


def test_park_casella_mode_on_diabetes():
    d = load_diabetes()
    s = sample_bayesian_lasso(d.X, d.y, lam=0.237, n_samples=1500, burn_in=300, seed=0)
    ols = LinearRegression().fit(d.X, d.y)
    resid_sd = math.sqrt(np.sum((d.y - ols.predict(d.X)) ** 2) / (442 - 11))
    assert math.sqrt(s.sigma2.mean()) == pytest.approx(resid_sd, rel=0.05)
    # the strong signals keep their sign and size; the posterior is not sparse
    names = list(d.feature_names)
    for f in ("bmi", "bp", "s5"):
        j = names.index(f)
        assert s.coef_median[j] == pytest.approx(ols.coef_[j], rel=0.35)
    assert np.all(s.coef_mean != 0)


def test_sampler_float32_and_extreme_shrinkage(small_problem):
    X, y = small_problem
    s = sample_bayesian_lasso(X.astype(np.float32), y.astype(np.float32), scale=1e-8,
                              noise_std=0.5, n_samples=100, burn_in=20, seed=0)
    assert s.coef.dtype == np.float32
    assert np.all(np.isfinite(s.coef)) and np.abs(s.coef).max() < 1e-5
    s = sample_bayesian_lasso(X, y, lam=1e6, n_samples=100, burn_in=20, seed=0)
    assert np.all(np.isfinite(s.coef)) and np.all(np.isfinite(s.sigma2))


# --------------------------------------------------------------------------
# spike and slab
# --------------------------------------------------------------------------
def test_spike_and_slab_matches_direct_marginal_likelihood():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((15, 3))
    y = X @ [1.0, 0.0, 0.4] + 0.8 * rng.standard_normal(15)
    tau, sigma, pi = 0.9, 0.8, 0.3
    res = spike_and_slab_inclusion(X, y, slab_scale=tau, noise_std=sigma, prior_inclusion=pi,
                                   fit_intercept=False)
    logp = []
    for m in res.models:
        Xg = X[:, m]
        cov = sigma**2 * np.eye(15) + tau**2 * Xg @ Xg.T
        k = m.sum()
        logp.append(stats.multivariate_normal(np.zeros(15), cov).logpdf(y)
                    + k * math.log(pi) + (3 - k) * math.log(1 - pi))
    logp = np.array(logp)
    prob = np.exp(logp - logp.max())
    prob /= prob.sum()
    np.testing.assert_allclose(res.model_prob, prob, rtol=1e-9)
    np.testing.assert_allclose(res.inclusion_prob, prob @ res.models, rtol=1e-9)
    assert res.models.shape == (8, 3) and not res.models[0].any() and res.models[7].all()
    # model-averaged mean: sum over models of prob * conditional posterior mean
    mean = np.zeros(3)
    for m, pm in zip(res.models, prob, strict=True):
        if m.any():
            Xg = X[:, m]
            mean[m] += pm * np.linalg.solve(Xg.T @ Xg + (sigma / tau) ** 2 * np.eye(m.sum()),
                                            Xg.T @ y)
    np.testing.assert_allclose(res.coef_mean, mean, rtol=1e-9)


def test_spike_and_slab_on_diabetes():
    d = load_diabetes()
    res = spike_and_slab_inclusion(d.X, d.y, slab_scale=500.0, noise_std=54.0)
    assert res.models.shape == (1024, 10)
    assert res.model_prob.sum() == pytest.approx(1.0)
    p = dict(zip(d.feature_names, res.inclusion_prob, strict=True))
    assert p["bmi"] > 0.99 and p["s5"] > 0.99 and p["bp"] > 0.99
    assert p["age"] < 0.5
    # shifting y does not matter with an intercept
    res2 = spike_and_slab_inclusion(d.X, d.y + 100.0, slab_scale=500.0, noise_std=54.0)
    np.testing.assert_allclose(res2.inclusion_prob, res.inclusion_prob, rtol=1e-9)


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------
X0 = np.arange(12.0).reshape(6, 2) % 5
Y0 = np.array([1.0, 2.0, 0.0, 1.0, 3.0, 2.0])
G0 = np.linspace(-1, 1, 5)

BAD_CALLS = [
    ("scale", lambda: log_posterior_grid(X0, Y0, G0, G0, scale=-1.0)),
    ("scale", lambda: log_posterior_grid(X0, Y0, G0, G0, scale=0.0)),
    ("scale", lambda: log_posterior_grid(X0, Y0, G0, G0, prior="gaussian", scale=np.nan)),
    ("scale", lambda: log_posterior_grid(X0, Y0, G0, G0, prior="gaussian", scale=np.inf)),
    ("scale", lambda: log_posterior_grid(X0, Y0, G0, G0, prior="gaussian", scale="1")),
    ("w1_grid", lambda: log_posterior_grid(X0, Y0, "abc", G0)),
    ("w1_grid", lambda: log_posterior_grid(X0, Y0, [np.nan, 1.0], G0)),
    ("prior", lambda: log_posterior_grid(X0, Y0, G0, G0, prior="cauchy")),
    ("noise_std", lambda: log_posterior_grid(X0, Y0, G0, G0, noise_std=-1)),
    ("intercept", lambda: log_posterior_grid(X0, Y0, G0, G0, intercept=np.nan)),
    ("X", lambda: log_posterior_grid(X0[:, 0], Y0, G0, G0)),
    ("X", lambda: log_posterior_grid(X0[:4], Y0, G0, G0)),
    ("X", lambda: log_posterior_grid(np.where(X0 > 3, np.inf, X0), Y0, G0, G0)),
    ("y", lambda: log_posterior_grid(X0, np.where(Y0 > 2, np.nan, Y0), G0, G0)),
    ("X", lambda: log_posterior_grid(np.empty((0, 2)), np.empty(0), G0, G0)),
    ("X", lambda: map_linear_regression(np.where(X0 > 3, np.inf, X0), Y0)),
    ("noise_std", lambda: map_linear_regression(X0, Y0, noise_std=0.0)),
    ("n_samples", lambda: prior_to_alpha("laplace", 1.0, 1.0, 0)),
    ("n_samples", lambda: prior_to_alpha("laplace", 1.0, 1.0, 2.5)),
    ("alpha", lambda: alpha_to_prior_scale("laplace", 0.0, 1.0, 3)),
    ("prior", lambda: map_linear_regression(X0, Y0, prior="l1")),
    ("scale", lambda: map_linear_regression(X0, Y0, scale=-2.0)),
    ("fit_intercept", lambda: map_linear_regression(X0, Y0, fit_intercept="yes")),
    ("X", lambda: log_posterior_grid(np.ones((6, 3)), Y0, G0, G0)),
    ("w1_grid", lambda: log_posterior_grid(X0, Y0, [], G0)),
    ("w2_grid", lambda: log_posterior_grid(X0, Y0, G0, [[0.0, 1.0]])),
    ("noise_std", lambda: log_posterior_grid(X0, Y0, G0, G0, noise_std=0.0)),
    ("scale", lambda: sample_bayesian_lasso(X0, Y0, noise_std=1.0)),
    ("lam", lambda: sample_bayesian_lasso(X0, Y0)),
    ("lam", lambda: sample_bayesian_lasso(X0, Y0, noise_std=1.0, scale=1.0, lam=1.0)),
    ("scale", lambda: sample_bayesian_lasso(X0, Y0, scale=1.0, lam=1.0)),
    ("lam", lambda: sample_bayesian_lasso(X0, Y0, lam=-1.0)),
    ("n_samples", lambda: sample_bayesian_lasso(X0, Y0, lam=1.0, n_samples=0)),
    ("burn_in", lambda: sample_bayesian_lasso(X0, Y0, lam=1.0, burn_in=-1)),
    ("seed", lambda: sample_bayesian_lasso(X0, Y0, lam=1.0, seed=None)),
    ("seed", lambda: sample_bayesian_lasso(X0, Y0, lam=1.0, seed=1.5)),
    ("X", lambda: spike_and_slab_inclusion(np.ones((20, 16)), np.ones(20), slab_scale=1.0,
                                           noise_std=1.0)),
    ("prior_inclusion", lambda: spike_and_slab_inclusion(X0, Y0, slab_scale=1.0, noise_std=1.0,
                                                         prior_inclusion=1.0)),
    ("slab_scale", lambda: spike_and_slab_inclusion(X0, Y0, slab_scale=np.nan, noise_std=1.0)),
]


@pytest.mark.parametrize("arg, call", BAD_CALLS, ids=[f"{i}-{a}" for i, (a, _) in
                                                      enumerate(BAD_CALLS)])
def test_bad_input_raises_value_error_naming_argument(arg, call):
    with pytest.raises(ValueError, match=arg):
        call()


def test_caller_arrays_not_modified(small_problem):
    X, y = small_problem
    X, y = X.copy(), y.copy()
    X_before, y_before = X.copy(), y.copy()
    for prior in ("laplace", "gaussian"):
        map_linear_regression(X, y, prior=prior)
    sample_bayesian_lasso(X, y, scale=1.0, noise_std=1.0, n_samples=10, burn_in=0)
    sample_bayesian_lasso(X, y, lam=1.0, n_samples=10, burn_in=0)
    spike_and_slab_inclusion(X, y, slab_scale=1.0, noise_std=1.0)
    g = np.linspace(-1, 1, 7)
    g_before = g.copy()
    log_posterior_grid(X[:, :2], y, g, g)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    np.testing.assert_array_equal(g, g_before)


_junk = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-5, 5),
    st.text(max_size=3),
    st.none(),
    st.booleans(),
    st.lists(st.floats(allow_nan=True), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(scale=_junk, noise=_junk, w=_junk)
def test_junk_gives_value_error_or_valid_output(scale, noise, w):
    X, y = _orthogonal_problem()
    calls = [
        (("scale", "noise_std", "w1_grid"),
         lambda: log_posterior_grid(X, y, w, [0.0, 1.0], scale=scale, noise_std=noise)),
        (("scale", "noise_std", "w1_grid"),
         lambda: log_posterior_grid(X, y, w, [0.0, 1.0], prior="gaussian", scale=scale,
                                    noise_std=noise)),
        (("scale", "noise_std"),
         lambda: map_linear_regression(X, y, prior="gaussian", scale=scale, noise_std=noise)),
        (("scale", "noise_std", "n_samples"), lambda: prior_to_alpha("laplace", scale, noise, 3)),
    ]
    for names, call in calls:
        try:
            out = call()
        except ValueError as exc:
            assert any(n in str(exc) for n in names), str(exc)
        else:
            assert out is not None


# -- issue 11 -----------------------------------------------------------------------


def test_sample_bayesian_lasso_refuses_an_overflowing_lam():
    from l1l2.priors import sample_bayesian_lasso

    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 3))
    y = X @ [1.0, 0.0, 0.0] + rng.normal(size=20)
    with pytest.raises(ValueError, match="^lam is too large"):
        sample_bayesian_lasso(X, y, lam=1e200, n_samples=10, burn_in=2)


# --- extreme magnitudes: the right answer where representable, else a named error

_rng_x = np.random.default_rng(0)
_XX = np.round(_rng_x.normal(size=(12, 3)), 3)
_YY = np.round(_XX @ [1.5, 0.0, -2.0] + 0.3 * _rng_x.normal(size=12), 3)
_WW = np.array([1.0, 0.0, -1.0])


def _grid_log_likelihood(X, y, w, **kw):
    """The log-likelihood at one point, through the 1 x 1 grid of log_posterior_grid."""
    return float(log_posterior_grid(X, y, [w[0]], [w[1]], **kw).log_likelihood[0, 0])


@pytest.mark.parametrize("k", [700, -700, 1000, -1000])
def test_log_likelihood_is_exact_under_power_of_two_rescaling(k):
    # scaling X, y, intercept and noise_std by s only shifts the constant -n log s
    s = 2.0**k
    X2, w2 = _XX[:, :2], _WW[:2]
    for loglik, X, w in [(_log_likelihood, _XX, _WW), (_grid_log_likelihood, X2, w2)]:
        base = loglik(X, _YY, w, noise_std=1.0, intercept=0.1)
        got = loglik(X * s, _YY * s, w, noise_std=s, intercept=0.1 * s)
        assert got == pytest.approx(base - 12 * k * math.log(2.0), rel=1e-12)
        # X tiny and w huge: X @ w is ordinary
        got = loglik(X * s, _YY, w / s, noise_std=1.0, intercept=0.1)
        assert got == pytest.approx(base, rel=1e-12)


@pytest.mark.parametrize(
    "kw, name",
    [({"X": _XX * 1e300}, "X"), ({"y": _YY * 1e300}, "y"), ({"w": _WW * 1e300}, "w"),
     ({"noise_std": 1e-300}, "noise_std"), ({"noise_std": 5e-324}, "noise_std"),
     ({"intercept": 1e300}, "intercept"), ({"intercept": -1e300}, "intercept")],
)
def test_log_likelihood_below_float_range_is_a_named_error(kw, name):
    import warnings

    args = {"X": _XX, "y": _YY, "w": _WW, "noise_std": 1.0, "intercept": 0.1, **kw}
    grid = {**args, "X": args["X"][:, :2], "w": args["w"][:2]}
    grid_name = "w1_grid" if name == "w" else name
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=rf"\b{name}\b.*below -1.8e\+308"):
            _log_likelihood(args["X"], args["y"], args["w"], args["noise_std"],
                            args["intercept"])
        with pytest.raises(ValueError, match=rf"\b{grid_name}\b.*below -1.8e\+308"):
            _grid_log_likelihood(**grid)


def test_log_posterior_grid_extremes():
    import warnings

    X2, g = _XX[:, :2], np.linspace(-2, 2, 5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # X negligibly small: the likelihood is that of X = 0
        tiny = log_posterior_grid(X2 * 5e-324, _YY, g, g)
        zero = log_posterior_grid(X2 * 0.0, _YY, g, g)
        assert np.allclose(tiny.log_likelihood, zero.log_likelihood, rtol=1e-12)
        for kw, name in [({"scale": 5e-324}, "scale"), ({"noise_std": 1e-300}, "noise_std"),
                         ({"intercept": 1e300}, "intercept")]:
            with pytest.raises(ValueError, match=rf"\b{name}\b"):
                log_posterior_grid(X2, _YY, g, g, **kw)
        with pytest.raises(ValueError, match=r"\bw1_grid\b"):
            log_posterior_grid(X2, _YY, g * 1e300, g)


@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
def test_prior_alpha_conversions_refuse_overflow_by_name(prior):
    with pytest.raises(ValueError, match=r"\bscale\b.*float range"):
        prior_to_alpha(prior, 5e-324, 2.0, 8)
    with pytest.raises(ValueError, match=r"\bnoise_std\b.*float range"):
        prior_to_alpha(prior, 0.5, 1e300, 8)
    if prior == "laplace":  # noise_std**2 / (n alpha); the Gaussian tau = 1e300 is fine
        with pytest.raises(ValueError, match=r"\bnoise_std\b.*float range"):
            alpha_to_prior_scale(prior, 1.0, 1e300, 8)
        with pytest.raises(ValueError, match=r"\balpha\b.*float range"):
            alpha_to_prior_scale(prior, 5e-324, 2.0, 8)
    for kw, name in [({"scale": 5e-324}, "scale"), ({"noise_std": 1e300}, "noise_std"),
                     ({"noise_std": 1e-300}, "noise_std")]:
        with pytest.raises(ValueError, match=rf"\b{name}\b"):
            map_linear_regression(_XX, _YY, prior=prior, **kw)


def test_spike_and_slab_extreme_magnitudes():
    import warnings

    base = spike_and_slab_inclusion(_XX, _YY, slab_scale=1.0, noise_std=1.0)
    s = 2.0**700
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # rescaling X, y and noise_std together is exact
        big = spike_and_slab_inclusion(_XX * s, _YY * s, slab_scale=1.0, noise_std=s)
        assert np.allclose(big.model_prob, base.model_prob, rtol=1e-10)
        assert np.allclose(big.coef_mean, base.coef_mean, rtol=1e-10)
        # a vanishing noise_std: the full model (smallest residual) takes all the mass
        sharp = spike_and_slab_inclusion(_XX, _YY, slab_scale=1.0, noise_std=1e-300)
        assert sharp.model_prob[-1] == 1.0 and sharp.model_prob.sum() == 1.0
        for X, y in [(_XX * 1e300, _YY), (_XX, _YY * 1e300)]:
            res = spike_and_slab_inclusion(X, y, slab_scale=1.0, noise_std=1.0)
            assert np.all(np.isfinite(res.model_prob)) and res.model_prob.sum() == 1.0


def test_bayesian_lasso_refuses_overflowing_gram_matrix_by_name():
    with pytest.raises(ValueError, match=r"\bX\b.*float range"):
        sample_bayesian_lasso(_XX * 1e300, _YY, scale=0.5, noise_std=1.0, n_samples=5,
                              burn_in=1)


# ---------------------------------------------------------------------------
# normal means: horseshoe, Laplace and Gaussian posterior means
# ---------------------------------------------------------------------------
def _horseshoe_by_kummer(y):
    """E[theta | y] for tau = sigma = 1: p(kappa | y) ~ (1 - kappa)^(-1/2) e^(-kappa y^2/2),
    whose moments are Kummer functions (Carvalho, Polson and Scott 2010)."""
    from scipy import special

    z = -0.5 * y * y
    ek = (special.beta(2, 0.5) * special.hyp1f1(2, 2.5, z)
          / (special.beta(1, 0.5) * special.hyp1f1(1, 1.5, z)))
    return (1.0 - ek) * y


def test_horseshoe_mean_matches_kummer_and_quad():
    y = np.array([-12.0, -3.0, -0.5, 0.0, 0.3, 1.0, 2.0, 5.0, 10.0, 30.0])
    got = priors.normal_means_posterior_mean(y, prior="horseshoe", scale=1.0)
    assert np.allclose(got, _horseshoe_by_kummer(y), rtol=0, atol=1e-9)
    tau, s = 0.3, 2.0

    def quad(yv, keep):
        def f(lam):
            v = s * s + lam * lam * tau * tau
            return (2 / (np.pi * (1 + lam * lam)) * stats.norm.pdf(yv, 0, np.sqrt(v))
                    * ((v - s * s) / v if keep else 1.0))
        return integrate.quad(f, 0, np.inf, epsrel=1e-12, limit=500)[0]

    ref = np.array([v * quad(v, True) / quad(v, False) for v in y])
    got = priors.normal_means_posterior_mean(y, prior="horseshoe", scale=tau, noise_std=s)
    assert np.allclose(got, ref, rtol=0, atol=1e-8)


def test_laplace_mean_matches_a_fine_grid_and_tends_to_a_constant_shift():
    y = np.array([-6.0, -1.0, 0.0, 0.4, 2.0, 7.0])
    b, s = 0.3, 2.0
    t = np.linspace(-80, 80, 1_600_001)
    ref = []
    for v in y:
        lw = -(v - t) ** 2 / (2 * s * s) - np.abs(t) / b
        w = np.exp(lw - lw.max())
        ref.append(np.trapezoid(t * w, t) / np.trapezoid(w, t))
    got = priors.normal_means_posterior_mean(y, prior="laplace", scale=b, noise_std=s)
    assert np.allclose(got, ref, rtol=0, atol=1e-7)
    far = priors.normal_means_posterior_mean([60.0, -60.0], prior="laplace", scale=0.5)
    assert np.allclose(far, [58.0, -58.0], rtol=0, atol=1e-12)  # y - sign(y) sigma^2/b


def test_horseshoe_leaves_large_effects_and_gaussian_is_a_fraction():
    y = np.array([20.0, 40.0, 80.0])
    m = priors.normal_means_posterior_mean(y, prior="horseshoe", scale=0.2)
    assert np.all(np.abs(y * (y - m) - 2.0) < 0.02)  # shift ~ 2 sigma^2 / y
    g = priors.normal_means_posterior_mean(y, prior="gaussian", scale=2.0, noise_std=1.0)
    assert np.allclose(g, 0.8 * y)
    assert priors.normal_means_posterior_mean(np.float32([1.0]), prior="laplace").dtype \
        == np.float32
    y_in = np.array([1.0, 2.0])
    priors.normal_means_posterior_mean(y_in)
    assert np.array_equal(y_in, [1.0, 2.0])


def test_normal_means_bad_arguments():
    with pytest.raises(ValueError, match="prior"):
        priors.normal_means_posterior_mean([1.0], prior="cauchy")
    with pytest.raises(ValueError, match="scale"):
        priors.normal_means_posterior_mean([1.0], scale=0.0)
    with pytest.raises(ValueError, match="y"):
        priors.normal_means_posterior_mean([[1.0]])


# ---------------------------------------------------------------------------
# evidence, empirical Bayes, posterior predictive
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def eb_data():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((40, 6)) + 0.5
    y = X @ rng.normal(0.0, 1.5, 6) + 3.0 + 0.7 * rng.standard_normal(40)
    return X, y


def _contrast_logpdf(X, y, tau, sigma):
    n = X.shape[0]
    Q = np.linalg.qr(np.column_stack([np.ones(n), np.eye(n)[:, : n - 1]]))[0][:, 1:]
    A = Q.T @ (X - X.mean(axis=0))
    cov = sigma**2 * np.eye(n - 1) + tau**2 * A @ A.T
    return stats.multivariate_normal(np.zeros(n - 1), cov).logpdf(Q.T @ y)


def test_log_evidence_matches_scipy_with_and_without_intercept(eb_data):
    X, y = eb_data
    for tau, sigma in ((0.5, 0.3), (2.0, 1.0), (30.0, 5.0)):
        ev = priors.ridge_log_evidence(X, y, prior_scale=tau, noise_std=sigma)
        assert ev == pytest.approx(_contrast_logpdf(X, y, tau, sigma), abs=1e-8)
        ev0 = priors.ridge_log_evidence(X, y, prior_scale=tau, noise_std=sigma,
                                        fit_intercept=False)
        cov = sigma**2 * np.eye(40) + tau**2 * X @ X.T
        assert ev0 == pytest.approx(stats.multivariate_normal(np.zeros(40), cov).logpdf(y),
                                    abs=1e-8)
    # p > n: rank-deficient design
    Xw = np.random.default_rng(1).standard_normal((8, 12))
    ev = priors.ridge_log_evidence(Xw, y[:8], prior_scale=0.8, noise_std=0.4)
    assert ev == pytest.approx(_contrast_logpdf(Xw, y[:8], 0.8, 0.4), abs=1e-8)


def test_empirical_bayes_is_a_maximum_and_a_mackay_fixed_point(eb_data):
    from scipy import optimize

    X, y = eb_data
    eb = priors.empirical_bayes_ridge(X, y)
    res = optimize.minimize(
        lambda v: -priors.ridge_log_evidence(X, y, prior_scale=np.exp(v[0]),
                                             noise_std=np.exp(v[1])),
        [0.0, 0.0], method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-12,
                                                    "maxiter": 4000})
    assert eb.log_evidence >= -res.fun - 1e-9
    assert np.exp(res.x) == pytest.approx([eb.prior_scale, eb.noise_std], rel=1e-4)
    r = y - X @ eb.coef - eb.intercept
    assert eb.prior_scale**2 == pytest.approx(eb.coef @ eb.coef / eb.effective_dof, rel=1e-6)
    assert eb.noise_std**2 == pytest.approx(r @ r / (39 - eb.effective_dof), rel=1e-6)
    assert eb.alpha == pytest.approx(eb.noise_std**2 / eb.prior_scale**2)
    ridge = linear_model.ridge(X, y, eb.alpha)
    assert np.allclose(eb.coef, ridge.coef) and eb.intercept == pytest.approx(ridge.intercept)
    # scale equivariance: X -> 4 X, y -> 8 y
    eb2 = priors.empirical_bayes_ridge(4 * X, 8 * y)
    assert eb2.noise_std == pytest.approx(8 * eb.noise_std, rel=1e-7)
    assert eb2.prior_scale == pytest.approx(2 * eb.prior_scale, rel=1e-6)


def test_empirical_bayes_bad_input():
    with pytest.raises(ValueError, match="y"):
        priors.empirical_bayes_ridge(np.ones((5, 2)) + np.arange(5)[:, None], np.ones(5))
    with pytest.raises(ValueError, match="X and y"):
        priors.empirical_bayes_ridge(np.ones((1, 2)), np.ones(1))


def test_posterior_predictive_matches_direct_formula(eb_data):
    X, y = eb_data
    tau, sigma = 1.3, 0.6
    Xn = np.array([[0.0] * 6, [3.0, -1.0, 0.5, 2.0, 0.0, 1.0]])
    pred = priors.ridge_posterior_predictive(X, y, Xn, prior_scale=tau, noise_std=sigma)
    xm = X.mean(axis=0)
    Xc = X - xm
    Sig = sigma**2 * np.linalg.inv(Xc.T @ Xc + (sigma / tau) ** 2 * np.eye(6))
    w = linear_model.ridge(X, y, (sigma / tau) ** 2)
    mean = w.intercept + Xn @ w.coef
    var_f = np.einsum("ij,jk,ik->i", Xn - xm, Sig, Xn - xm) + sigma**2 / 40
    assert np.allclose(pred.mean, mean)
    assert np.allclose(pred.mean_std**2, var_f)
    assert np.allclose(pred.std**2, var_f + sigma**2)
    # without intercept, p > n: the null space of X keeps the prior variance tau^2
    Xw = np.random.default_rng(2).standard_normal((5, 8))
    x_new = np.random.default_rng(3).standard_normal((3, 8))
    pr = priors.ridge_posterior_predictive(Xw, y[:5], x_new, prior_scale=tau,
                                           noise_std=sigma, fit_intercept=False)
    S = np.linalg.inv(Xw.T @ Xw / sigma**2 + np.eye(8) / tau**2)
    assert np.allclose(pr.mean_std**2, np.einsum("ij,jk,ik->i", x_new, S, x_new))
    assert np.allclose(pr.mean, x_new @ (S @ Xw.T @ y[:5]) / sigma**2)
    with pytest.raises(ValueError, match="X_new"):
        priors.ridge_posterior_predictive(X, y, Xn[:, :5], prior_scale=1.0, noise_std=1.0)


@pytest.mark.parametrize("b", [1e-4, 1e-6, 1e-8, 1e-10])
@pytest.mark.parametrize("y", [-1e3, -1.0, 0.5, 3.0, 100.0])
def test_laplace_posterior_mean_narrow_prior_matches_quadrature(b, y):
    # sigma / b >= 1e4: the mean is ~ 2 b^2 y; quadrature in s = theta / b, where the
    # tilted prior e^{-|s|} e^{y b s - b^2 s^2 / 2} is smooth on each half-line
    def integral(k):
        f = lambda s: s**k * math.exp(-abs(s) + y * b * s - 0.5 * (b * s) ** 2)  # noqa: E731
        return sum(integrate.quad(f, lo, hi, epsabs=0, epsrel=1e-13, limit=200)[0]
                   for lo, hi in ((-np.inf, 0.0), (0.0, np.inf)))

    want = b * integral(1) / integral(0)
    got = priors.normal_means_posterior_mean([y], prior="laplace", scale=b)[0]
    assert np.sign(got) == np.sign(y)
    assert got == pytest.approx(want, rel=1e-9)
