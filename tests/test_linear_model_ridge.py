"""ridge_df: ridge's effective degrees of freedom, against the hat matrix and Efron's definition."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2.linear_model import ridge, ridge_df


def _design(seed=0, n=40, p=5):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, p)) @ np.diag([3.0, 1.0, 0.5, 0.1, 0.01][:p])


def test_ridge_df_toy_case():
    assert ridge_df([[-1.0], [0.0], [1.0]], alpha=2.0) == pytest.approx(0.5, abs=1e-15)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("alpha", [0.0, 1e-3, 0.3, 10.0])
def test_ridge_df_is_the_trace_of_the_hat_matrix_of_ridge(alpha, fit_intercept):
    X = _design()
    n = X.shape[0]
    # column i of the hat matrix: the ridge fit to the i-th unit vector
    H = np.column_stack([X @ ridge(X, e, alpha, fit_intercept=fit_intercept).coef
                         + ridge(X, e, alpha, fit_intercept=fit_intercept).intercept
                         for e in np.eye(n)])
    expected = np.trace(H) - (1.0 if fit_intercept else 0.0)
    assert ridge_df(X, alpha, fit_intercept=fit_intercept) == pytest.approx(expected,
                                                                            abs=1e-8)


def test_ridge_df_limits_and_monotone():
    X = _design()
    assert ridge_df(X, 0.0) == 5.0
    dfs = [ridge_df(X, a) for a in np.geomspace(1e-6, 1e8, 25)]
    assert np.all(np.diff(dfs) < 0) and dfs[0] < 5 and dfs[-1] < 1e-4
    X_rank = np.column_stack([X, X[:, 0] + X[:, 1]])  # a redundant column
    assert ridge_df(X_rank, 0.0) == 5.0


def test_ridge_df_is_scale_equivariant_and_zero_design_has_none():
    X = _design()
    assert ridge_df(1e-100 * X, 0.3e-200) == pytest.approx(ridge_df(X, 0.3), rel=1e-10)
    assert ridge_df(np.zeros((4, 2)), 1.0) == 0.0
    assert ridge_df(np.ones((4, 2)), 1.0) == 0.0  # constant columns vanish when centred


def test_ridge_df_matches_efron_covariance_definition_by_simulation():
    rng = np.random.default_rng(1)
    X = _design(seed=2, n=30, p=4)
    alpha, sigma, reps = 0.5, 1.0, 4000
    mu = X @ np.array([1.0, -2.0, 0.5, 3.0])
    Y = mu[:, None] + sigma * rng.normal(size=(30, reps))
    Xc = X - X.mean(axis=0)
    Yhat = Y.mean(axis=0) + Xc @ np.linalg.solve(Xc.T @ Xc + alpha * np.eye(4), Xc.T @ Y)
    # sum_i cov(yhat_i, y_i) / sigma^2, with the true mean known
    df_mc = np.mean(np.sum((Yhat - Yhat.mean(axis=1, keepdims=True)) * (Y - mu[:, None]),
                           axis=0)) / sigma**2
    se = np.sqrt(2 * 5 / reps)  # about sqrt(2 tr H^2 / reps)
    assert abs(df_mc - (1.0 + ridge_df(X, alpha))) < 4 * se


def test_ridge_df_does_not_modify_x():
    X = _design()
    X0 = X.copy()
    ridge_df(X, 1.0)
    assert np.array_equal(X, X0)


@pytest.mark.parametrize(("args", "match"), [
    (([1.0, 2.0], 1.0), "X must have 2"),
    ((np.ones((3, 2)), -1.0), "alpha"),
    ((np.ones((3, 2)), float("nan")), "alpha"),
    ((np.array([[1.0, np.inf]]), 1.0), "X"),
    ((np.ones((0, 2)), 1.0), "X"),
])
def test_ridge_df_bad_input_names_the_argument(args, match):
    with pytest.raises(ValueError, match=match):
        ridge_df(*args)
