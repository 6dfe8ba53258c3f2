"""Chapter 7's addition to l1l2.solvers: best_subset, the brute-force L0 fit."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from l1l2.datasets import load_diabetes
from l1l2.solvers import best_subset, ols


def test_exact_toy_case():
    X = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0],
                  [0.0, 0.0, 1.0], [2.0, 1.0, 1.0]])
    y = 2 * X[:, 0] - X[:, 2]
    fit = best_subset(X, y, 2)
    assert fit.support == (0, 2)
    np.testing.assert_allclose(fit.coef, [2.0, 0.0, -1.0], atol=1e-12)
    assert fit.rss == pytest.approx(0.0, abs=1e-20)
    assert fit.intercept == pytest.approx(0.0, abs=1e-12)


def test_matches_a_naive_loop_over_subsets_on_diabetes():
    d = load_diabetes()
    fits = best_subset(d.X, d.y)
    assert [len(f.support) for f in fits] == list(range(11))
    for k in (1, 3, 5):
        best = min((float(ols(d.X[:, list(s)], d.y).objective), s)
                   for s in combinations(range(10), k))
        assert fits[k].support == best[1]
        assert fits[k].rss == pytest.approx(best[0], rel=1e-10)


def test_rss_decreases_with_size_and_full_size_is_ols():
    d = load_diabetes()
    fits = best_subset(d.X, d.y)
    rss = [f.rss for f in fits]
    assert all(a >= b for a, b in zip(rss, rss[1:], strict=False))
    full = ols(d.X, d.y)
    np.testing.assert_allclose(fits[-1].coef, full.coef, rtol=1e-8)
    assert fits[-1].intercept == pytest.approx(full.intercept)
    assert fits[0].rss == pytest.approx(float(((d.y - d.y.mean()) ** 2).sum()))


def test_coefficients_and_intercept_reproduce_the_rss():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 6)), rng.normal(size=40)
    for fit in best_subset(X, y):
        r = y - X @ fit.coef - fit.intercept
        assert float(r @ r) == pytest.approx(fit.rss, rel=1e-9)
        assert np.count_nonzero(fit.coef) <= len(fit.support)


def test_without_intercept():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array([3.0, 0.0, 3.0])
    fit = best_subset(X, y, 1, fit_intercept=False)
    assert fit.support == (0,) and fit.intercept == 0.0
    np.testing.assert_allclose(fit.coef, [3.0, 0.0])


def test_fast_on_1024_subsets():
    import time

    d = load_diabetes()
    start = time.perf_counter()
    best_subset(d.X, d.y)
    assert time.perf_counter() - start < 1.0


def test_singular_subsets_fall_back_to_least_squares():
    rng = np.random.default_rng(1)
    a = rng.normal(size=30)
    X = np.column_stack([a, a, rng.normal(size=30)])  # two identical columns
    y = a + 0.1 * rng.normal(size=30)
    fit = best_subset(X, y, 2)
    assert np.isfinite(fit.rss) and fit.support in {(0, 2), (1, 2)}


def test_does_not_modify_inputs():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(20, 4)), rng.normal(size=20)
    X0, y0 = X.copy(), y.copy()
    best_subset(X, y)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


def test_bad_arguments_name_the_argument():
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
