"""l1l2.robust: Huber's location estimate (exact toy cases, its limits, optimality),
its efficiency at the normal (limits, known values, against numerical integration),
contamination, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, optimize, stats

from l1l2 import losses, robust


# -- huber_location --------------------------------------------------------------
def test_exact_toy_cases():
    # k = 1: the outlier 100 pulls with force 1; inliers 1, 2, 3 balance with 0 at 2.0
    assert robust.huber_location([0.0, 1.0, 2.0, 3.0, 100.0], k=1.0) == 2.0
    assert robust.huber_location([5.0], k=0.3) == 5.0
    assert robust.huber_location([1.0, 1.0, 1.0], k=0.5) == 1.0
    # every point inside the band: the mean
    assert robust.huber_location([0.0, 1.0, 5.0], k=10.0) == pytest.approx(2.0)


def test_limits_mean_and_median():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(101)
    assert robust.huber_location(x, k=math.inf) == x.mean()
    assert robust.huber_location(x, k=1e6) == pytest.approx(x.mean(), abs=1e-12)
    assert robust.huber_location(x, k=1e-12) == pytest.approx(np.median(x), abs=1e-9)
    assert robust.huber_location(x[:100], k=1e-12) == pytest.approx(np.median(x[:100]),
                                                                    abs=1e-9)


@pytest.mark.parametrize("k", [0.1, 0.7, 1.345, 2.5])
@pytest.mark.parametrize("scale", [0.5, 1.0, 3.0])
def test_solves_the_estimating_equation_and_minimizes_the_huber_sum(k, scale):
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.standard_normal(40), rng.normal(8.0, 1.0, 7)])
    mu = robust.huber_location(x, k, scale=scale)
    psi = np.clip((x - mu) / scale, -k, k)
    assert abs(psi.sum()) < 1e-9

    def objective(m):
        return losses.huber_loss((x - m) / scale, 0.0, "sum", delta=k)

    best = optimize.minimize_scalar(objective, bounds=(-5, 10), method="bounded",
                                    options={"xatol": 1e-10})
    assert objective(mu) <= objective(best.x) + 1e-10


def test_flat_zero_set_gives_its_midpoint_and_input_is_not_modified():
    x = np.array([0.0, 0.0, 10.0, 10.0])
    before = x.copy()
    assert robust.huber_location(x, k=1.0) == 5.0  # g = 0 on [1, 9]
    assert np.array_equal(x, before)


def test_equivariance():
    rng = np.random.default_rng(2)
    x = rng.standard_t(2, 30)
    mu = robust.huber_location(x, 1.0)
    assert robust.huber_location(3 * x + 7, 1.0, scale=3.0) == pytest.approx(3 * mu + 7)
    assert robust.huber_location(-x, 1.0) == pytest.approx(-mu)


@pytest.mark.parametrize("kwargs, match", [
    ({"x": [], "k": 1.0}, "x"),
    ({"x": [[1.0]], "k": 1.0}, "x"),
    ({"x": [1.0, np.nan], "k": 1.0}, "x"),
    ({"x": [1.0], "k": 0.0}, "k"),
    ({"x": [1.0], "k": "1"}, "k"),
    ({"x": [1.0], "k": 1.0, "scale": 0.0}, "scale"),
    ({"x": [1.0], "k": 1.0, "scale": math.inf}, "scale"),
])
def test_location_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        robust.huber_location(**kwargs)


# -- huber_efficiency ------------------------------------------------------------
def test_efficiency_known_values_and_limits():
    assert robust.huber_efficiency(1.345) == pytest.approx(0.95, abs=5e-5)
    assert robust.huber_efficiency(0.0) == robust.MEDIAN_EFFICIENCY == 2 / math.pi
    assert robust.huber_efficiency(1e-7) == pytest.approx(2 / math.pi, rel=1e-6)
    assert robust.huber_efficiency(math.inf) == 1.0
    assert robust.huber_efficiency(30.0) == pytest.approx(1.0, abs=1e-15)


def test_efficiency_is_increasing_and_continuous_at_the_series_switch():
    ks = np.concatenate([np.linspace(0, 1e-3, 50), np.linspace(1e-3, 10, 500)])
    eff = np.array([robust.huber_efficiency(k) for k in ks])
    assert np.all(np.diff(eff) >= -1e-15)
    below, at = np.nextafter(1e-4, 0.0), 1e-4  # the series is used below 1e-4
    assert robust.huber_efficiency(below) == pytest.approx(robust.huber_efficiency(at),
                                                           rel=1e-11)


@pytest.mark.parametrize("k", [0.01, 0.5, 1.0, 1.345, 2.0, 3.5])
def test_efficiency_matches_numerical_integration(k):
    def psi(z):
        return np.clip(z, -k, k)

    e_psi2 = integrate.quad(lambda z: psi(z) ** 2 * stats.norm.pdf(z), -40, 40,
                            points=[-k, k], limit=200)[0]
    e_dpsi = stats.norm.cdf(k) - stats.norm.cdf(-k)
    assert robust.huber_efficiency(k) == pytest.approx(e_dpsi**2 / e_psi2, rel=1e-8)


@pytest.mark.parametrize("k", [-1.0, math.nan, "a", True])
def test_efficiency_bad_input(k):
    with pytest.raises(ValueError, match="k"):
        robust.huber_efficiency(k)


# -- contaminate -----------------------------------------------------------------
def test_contaminate():
    x = np.arange(10.0)
    out = robust.contaminate(x, 0.3, -5.0)
    assert np.array_equal(out, [-5, -5, -5, 3, 4, 5, 6, 7, 8, 9])
    assert np.array_equal(x, np.arange(10.0))  # a copy
    assert np.array_equal(robust.contaminate(x, 0.0, 1.0), x)
    assert np.all(robust.contaminate(x, 1.0, 1.0) == 1.0)
    assert robust.contaminate(x, 0.25, 9.0)[2] == 9.0  # 2.5 rounds half up to 3 entries


@pytest.mark.parametrize("fraction, value, match", [
    (-0.1, 1.0, "fraction"), (1.1, 1.0, "fraction"), (0.5, math.inf, "value")])
def test_contaminate_bad_input(fraction, value, match):
    with pytest.raises(ValueError, match=match):
        robust.contaminate([1.0, 2.0], fraction, value)


# -- issue 11: extreme inputs give the right answer, not an IndexError ---------


def test_huber_location_tiny_k_is_the_median():
    from l1l2.robust import huber_location

    assert huber_location([3.0], k=1e-17) == 3.0
    assert huber_location([1e17] * 3) == 1e17
    assert huber_location([0.0, 1.0, 2.0, 3.0], k=1e-300) == 1.5


def test_huber_efficiency_tiny_k_is_the_median_efficiency():
    from l1l2.robust import MEDIAN_EFFICIENCY, huber_efficiency

    assert huber_efficiency(1e-200) == MEDIAN_EFFICIENCY
    assert huber_efficiency(5e-324) == MEDIAN_EFFICIENCY


# -- mad_scale, huber_minimax_contamination -------------------------------------
def test_mad_scale_constant_and_normal_consistency():
    assert robust.MAD_CONSISTENCY == pytest.approx(1 / stats.norm.ppf(0.75), rel=1e-15)
    assert robust.MAD_CONSISTENCY == pytest.approx(1.482602218505602, rel=1e-15)
    assert robust.mad_scale([1.0, 2.0, 3.0, 4.0, 100.0]) == robust.MAD_CONSISTENCY
    x = np.random.default_rng(0).normal(3.0, 2.0, 200_000)
    assert robust.mad_scale(x) == pytest.approx(2.0, rel=0.01)
    x0 = np.array([5.0, 1.0, 3.0])
    robust.mad_scale(x0)
    assert list(x0) == [5.0, 1.0, 3.0]


def test_minimax_contamination_solves_hubers_equation():
    for k in (0.5, 1.0, 1.345, 2.0):
        eps = robust.huber_minimax_contamination(k)
        lhs = 2 * stats.norm.pdf(k) / k - 2 * stats.norm.cdf(-k)
        assert eps / (1 - eps) == pytest.approx(lhs, rel=1e-12)
    assert robust.huber_minimax_contamination(1.345) == pytest.approx(0.0579, abs=5e-5)
    # and the inverse: eps = 0.05 is minimax for k near 1.4
    k05 = optimize.brentq(lambda k: robust.huber_minimax_contamination(k) - 0.05, 0.5, 3)
    assert k05 == pytest.approx(1.3993, abs=1e-3)
    assert robust.huber_minimax_contamination(1e-300) == pytest.approx(1.0)
    assert robust.huber_minimax_contamination(100.0) == 0.0


@pytest.mark.parametrize("func", [robust.huber_minimax_contamination,
                                  robust.biweight_efficiency])
@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
def test_minimax_and_biweight_efficiency_bad_input(func, bad):
    with pytest.raises(ValueError):
        func(bad)


# -- biweight ---------------------------------------------------------------------
@pytest.mark.parametrize("c", [1.0, 2.0, 4.685, 8.0, 30.0, 60.0])
def test_biweight_efficiency_matches_numerical_integration(c):
    def psi(u):
        return u * (1 - (u / c) ** 2) ** 2

    def dpsi(u):
        return (1 - (u / c) ** 2) * (1 - 5 * (u / c) ** 2)

    e2 = integrate.quad(lambda u: psi(u) ** 2 * stats.norm.pdf(u), -c, c,
                        epsabs=0, epsrel=1e-12)[0]
    e1 = integrate.quad(lambda u: dpsi(u) * stats.norm.pdf(u), -c, c,
                        epsabs=0, epsrel=1e-12)[0]
    assert robust.biweight_efficiency(c) == pytest.approx(e1**2 / e2, rel=1e-9)


def test_biweight_c_for_95_percent():
    c95 = optimize.brentq(lambda c: robust.biweight_efficiency(c) - 0.95, 2, 8)
    assert c95 == pytest.approx(4.685, abs=1e-3)
    assert robust.biweight_efficiency(1e6) == pytest.approx(1.0)


def _biweight_objective(x, mu, c):
    u = np.minimum(np.abs(np.asarray(x) - mu) / c, 1.0)
    return float(np.sum(c * c / 6 * (1 - (1 - u * u) ** 3)))


def test_biweight_location_is_stationary_and_start_dependent():
    x = np.array([0.0, 0.1, -0.1, 0.2, -0.2, 0.05, 6.0, 6.1, 5.9, 6.2])
    a = robust.biweight_location(x)
    b = robust.biweight_location(x, start=6.0)
    for mu in (a, b):
        u = (x - mu) / 4.685
        psi = np.where(np.abs(u) < 1, (x - mu) * (1 - u * u) ** 2, 0.0)
        assert abs(psi.sum()) < 1e-10
        # a local minimum: the objective is larger on both sides
        f = _biweight_objective(x, mu, 4.685)
        assert f < _biweight_objective(x, mu - 1e-3, 4.685)
        assert f < _biweight_objective(x, mu + 1e-3, 4.685)
    assert abs(a - x[:6].mean()) < 0.05 and abs(b - x[6:].mean()) < 0.05
    assert _biweight_objective(x, a, 4.685) < _biweight_objective(x, b, 4.685)


def test_biweight_location_clean_data_is_close_to_the_mean_and_equivariant():
    x = np.random.default_rng(1).standard_normal(50)
    mu = robust.biweight_location(x)
    assert abs(mu - x.mean()) < 0.05
    assert robust.biweight_location(3 * x + 7, scale=3.0) == pytest.approx(3 * mu + 7)


def test_huber_regression_scaled_breaks_at_one_over_one_plus_k_squared():
    # one-sided gross errors: bounded below 1/(1 + k^2) = 35.6%, carried away above
    from l1l2 import linear_model
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, 100)
    clean = 1 + 2 * x + rng.standard_normal(100)
    for share, broken in ((0.30, False), (0.40, True)):
        slopes = []
        for value in (1e4, 1e6):
            y = clean.copy()
            y[: int(share * 100)] = value
            slopes.append(linear_model.huber_regression_scaled(x[:, None], y,
                                                               tol=1e-8).coef[0])
        if broken:
            assert abs(slopes[1]) > 50 * abs(slopes[0]) > 500  # grows with the value
        else:
            assert abs(slopes[0] - 2) < 0.2 and slopes[0] == pytest.approx(slopes[1])


def test_biweight_location_warns_when_max_iter_ends_early():
    from l1l2.exceptions import ConvergenceWarning
    x = [0.0, 0.1, -0.1, 0.2, 6.0, 6.1, 5.9]
    with pytest.warns(ConvergenceWarning, match="did not settle in 1 steps"):
        mu = robust.biweight_location(x, max_iter=1)
    assert mu == pytest.approx(robust.biweight_location(x), abs=0.05)


def test_biweight_location_extreme_magnitudes_stay_finite():
    # values near the float64 limit: the step form cannot overflow
    x = 1e307 * np.array([1.0, 1.0, 1.0 + 1e-15, 17.0])
    mu = robust.biweight_location(x, scale=1e292)
    assert math.isfinite(mu) and x[0] <= mu <= x[2]
    assert robust.biweight_location(-x, scale=1e292) == -mu


@pytest.mark.parametrize("kwargs, match", [
    ({"x": []}, "x"), ({"x": [1.0], "c": 0.0}, "c"), ({"x": [1.0], "scale": -1.0}, "scale"),
    ({"x": [1.0, 2.0], "start": 100.0}, "start"), ({"x": [1.0], "max_iter": 0}, "max_iter"),
])
def test_biweight_location_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        robust.biweight_location(**kwargs)


# -- linear_model: theil_sen, quantile_regression, huber_regression_scaled -------
def _outlier_data():
    from l1l2 import datasets
    return datasets.make_outlier_regression(50, n_outliers=5, outlier_kind="y", seed=0)


def test_theil_sen_matches_scipy_and_breakdown():
    from l1l2 import linear_model
    d = _outlier_data()
    fit = linear_model.theil_sen(d.X, d.y)
    ref = stats.theilslopes(d.y, d.X[:, 0], method="joint")
    assert fit.coef[0] == pytest.approx(ref[0], rel=1e-12)
    assert fit.intercept == pytest.approx(ref[1], rel=1e-12)
    # 8 of 30 bad high-leverage points: bounded; 9: the slope is theirs
    x = np.arange(30.0)
    y = 2 * x + 1
    for b, broken in ((8, False), (9, True)):
        xb, yb = x.copy(), y.copy()
        xb[:b] = 100.0 + np.arange(b)
        yb[:b] = -300.0 * xb[:b]
        s = linear_model.theil_sen(xb[:, None], yb).coef[0]
        assert bool(s == -300.0) is broken and (broken or s == 2.0)
    with pytest.raises(ValueError, match="feature"):
        linear_model.theil_sen(d.X.repeat(2, axis=1), d.y)
    with pytest.raises(ValueError, match="distinct"):
        linear_model.theil_sen(np.ones((4, 1)), np.arange(4.0))


@pytest.mark.parametrize("tau", [0.1, 0.25, 0.5, 0.9])
def test_quantile_regression_matches_sklearn(tau):
    from sklearn.linear_model import QuantileRegressor

    from l1l2 import linear_model
    d = _outlier_data()
    fit = linear_model.quantile_regression(d.X, d.y, tau)
    ref = QuantileRegressor(quantile=tau, alpha=0.0, solver="highs").fit(d.X, d.y)
    r_ref = d.y - ref.predict(d.X)
    obj_ref = float(np.sum(np.maximum(tau * r_ref, (tau - 1) * r_ref)))
    assert fit.objective == pytest.approx(obj_ref, rel=1e-9)
    assert fit.objective == pytest.approx(
        losses.pinball_loss(d.y - d.y + fit.coef[0] * d.X[:, 0] + fit.intercept, d.y,
                            "sum", tau=tau), rel=1e-12)
    assert np.mean(d.y < fit.coef[0] * d.X[:, 0] + fit.intercept) <= tau + 1e-12


def test_quantile_regression_at_one_half_is_lad():
    from l1l2 import linear_model
    d = _outlier_data()
    q = linear_model.quantile_regression(d.X, d.y, 0.5)
    lad = linear_model.lad_regression(d.X, d.y)
    assert q.objective == pytest.approx(lad.objective / 2, rel=1e-9)
    with pytest.raises(ValueError, match="tau"):
        linear_model.quantile_regression(d.X, d.y, 1.0)


@pytest.mark.parametrize("k", [1.1, 1.345, 2.0])
def test_huber_regression_scaled_matches_sklearn(k):
    from sklearn.linear_model import HuberRegressor

    from l1l2 import linear_model
    from l1l2.linear_model._robust import _huber_scale_objective
    d = _outlier_data()
    fit = linear_model.huber_regression_scaled(d.X, d.y, k=k)
    ref = HuberRegressor(epsilon=k, alpha=0.0, tol=1e-12, max_iter=10_000).fit(d.X, d.y)
    assert fit.converged
    assert fit.coef[0] == pytest.approx(ref.coef_[0], abs=1e-5)
    assert fit.intercept == pytest.approx(ref.intercept_, abs=1e-5)
    assert fit.scale == pytest.approx(ref.scale_, rel=1e-5)
    obj_ref = _huber_scale_objective(d.y - ref.predict(d.X), ref.scale_, k)
    assert fit.objective <= obj_ref + 1e-9 * obj_ref


def test_huber_regression_scaled_is_unit_free():
    from l1l2 import linear_model
    d = _outlier_data()
    a = linear_model.huber_regression_scaled(d.X, d.y)
    b = linear_model.huber_regression_scaled(d.X, 1000 * d.y)
    assert b.coef[0] == pytest.approx(1000 * a.coef[0], rel=1e-9)
    assert b.scale == pytest.approx(1000 * a.scale, rel=1e-9)
    with pytest.raises(ValueError, match="k"):
        linear_model.huber_regression_scaled(d.X, d.y, k=0.0)


def test_huber_regression_scaled_sigma_is_not_the_noise_sd():
    # Owen's / scikit-learn's sigma tends to s with s^2 = E[min(Z^2, (k s)^2)], 0.676 for
    # k = 1.345, not to the noise standard deviation (1 here)
    from l1l2 import linear_model
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, 20_000)
    y = 2 * x + 1 + rng.standard_normal(x.size)
    fit = linear_model.huber_regression_scaled(x[:, None], y)

    def g(t):  # E[min(Z^2, t^2)], closed form
        return (2 * stats.norm.cdf(t) - 1 - 2 * t * stats.norm.pdf(t)
                + 2 * t * t * stats.norm.sf(t))

    t0 = 0.9
    by_quad = integrate.quad(lambda z: min(z * z, t0 * t0) * stats.norm.pdf(z), -40, 40,
                             points=[-t0, t0])[0]
    assert g(t0) == pytest.approx(by_quad, rel=1e-9)
    s = optimize.brentq(lambda s: s * s - g(1.345 * s), 0.3, 1.0)
    assert s == pytest.approx(0.6765, abs=1e-3)
    assert fit.scale == pytest.approx(s, abs=0.01)
