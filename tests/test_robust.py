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
