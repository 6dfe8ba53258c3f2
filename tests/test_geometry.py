"""Tests of l1l2.geometry: a 2-D quadratic minimized over an Lp ball, against
exact toy cases, a fine brute force, the lasso and SLSQP; extreme magnitudes and
bad input."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize

from l1l2.geometry import constrained_quadratic_2d
from l1l2.linear_model import lasso

A_TILT = np.array([[1.0, 0.6], [0.6, 1.0]])
PS = (0.5, 1.0, 1.5, 2.0, 3.0, np.inf)


def _norm(w, p):
    a = np.abs(w)
    return a.max() if np.isinf(p) else (a**p).sum() ** (1 / p)


def _brute(A, c, p, t, n=200_001):
    theta = np.linspace(0, 2 * np.pi, n)
    u = np.stack([np.cos(theta), np.sin(theta)], 1)
    a = np.abs(u)
    norm = a.max(1) if np.isinf(p) else ((a**p).sum(1)) ** (1 / p)
    u = t * u / norm[:, None]
    d = u - c
    vals = np.einsum("ki,ij,kj->k", d, A, d)
    return u[np.argmin(vals)], vals.min()


# exact toy cases ---------------------------------------------------------------
def test_inside_the_ball_returns_the_center_as_a_copy():
    c = np.array([0.2, -0.1])
    w = constrained_quadratic_2d(A_TILT, c, 1.0, 1.0)
    assert np.array_equal(w, c) and w is not c


def test_identity_l1_corner_and_l2_projection():
    assert np.array_equal(constrained_quadratic_2d(np.eye(2), [2.0, 0.5], 1.0, 1.0), [1.0, 0.0])
    assert np.allclose(constrained_quadratic_2d(np.eye(2), [3.0, 4.0], 2.0, 1.0), [0.6, 0.8])
    assert np.allclose(constrained_quadratic_2d(np.eye(2), [3.0, 0.5], np.inf, 1.0), [1.0, 0.5])


def test_identity_l1_edge_is_euclidean_projection():
    # projection of (1.5, 1.4) onto the edge w1 + w2 = 1: (0.55, 0.45)
    assert np.allclose(constrained_quadratic_2d(np.eye(2), [1.5, 1.4], 1.0, 1.0), [0.55, 0.45])


def test_zero_budget_gives_zero():
    for p in PS:
        assert np.array_equal(constrained_quadratic_2d(A_TILT, [1.0, 2.0], p, 0.0), [0.0, 0.0])


# behaviour ---------------------------------------------------------------------
@pytest.mark.parametrize("p", PS)
@pytest.mark.parametrize("c", [(2.0, 0.5), (1.5, 1.4), (0.3, 2.2), (-1.8, 1.0), (0.0, -3.0)])
def test_matches_a_fine_brute_force_and_lies_on_the_sphere(p, c):
    c = np.array(c)
    w = constrained_quadratic_2d(A_TILT, c, p, 1.0)
    w_b, v_b = _brute(A_TILT, c, p, 1.0)
    v = (w - c) @ A_TILT @ (w - c)
    assert v <= v_b + 1e-9
    assert _norm(w, p) == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_l2_and_l1_match_general_solvers(seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(2, 2))
    A = M @ M.T + 0.1 * np.eye(2)
    c = rng.normal(size=2) * 2
    t = 0.5 * _norm(c, 1.0)
    # p = 1 against the penalized lasso at the multiplier of the constrained solution
    w = constrained_quadratic_2d(A, c, 1.0, t)
    mu = np.max(np.abs(2 * A @ (c - w)))
    R = np.linalg.cholesky(A).T  # A = R'R
    fit = lasso(2 * R, 2 * R @ c, mu, fit_intercept=False, tol=1e-14)
    assert np.allclose(fit.coef, w, atol=1e-6)
    # p = 2 against SLSQP
    w2 = constrained_quadratic_2d(A, c, 2.0, 0.5 * np.linalg.norm(c))
    res = optimize.minimize(lambda v: (v - c) @ A @ (v - c), np.zeros(2), method="SLSQP",
                            constraints=[{"type": "ineq",
                                          "fun": lambda v: 0.25 * c @ c - v @ v}],
                            options={"ftol": 1e-14})
    assert np.allclose(w2, res.x, atol=1e-5)


def test_small_p_gives_exact_zeros_at_corners():
    w = constrained_quadratic_2d(A_TILT, [1.5, 1.4], 0.5, 1.0)
    assert np.count_nonzero(w == 0.0) == 1


def test_inputs_not_modified():
    A, c = A_TILT.copy(), np.array([2.0, 0.5])
    constrained_quadratic_2d(A, c, 1.5, 1.0)
    assert np.array_equal(A, A_TILT) and np.array_equal(c, [2.0, 0.5])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"A": [[1.0, 2.0], [2.0, 1.0]]}, "A must"),
        ({"A": np.eye(3)}, "A must"),
        ({"center": [1.0, 2.0, 3.0]}, "center"),
        ({"center": [np.nan, 1.0]}, "center"),
        ({"p": 0.0}, "p must"),
        ({"p": "1"}, "p must"),
        ({"t": -1.0}, "t"),
    ],
)
def test_bad_input_names_the_argument(kwargs, match):
    args = {"A": A_TILT, "center": [1.0, 1.0], "p": 1.0, "t": 1.0} | kwargs
    with pytest.raises(ValueError, match=match):
        constrained_quadratic_2d(**args)


def test_constrained_quadratic_2d_stays_in_the_ball_for_large_p():
    w = constrained_quadratic_2d([[2.0, 0.5], [0.5, 1.0]], [3.0, 2.0], 3000, 1.0)
    m = np.max(np.abs(w))
    assert m * np.sum((np.abs(w) / m) ** 3000) ** (1 / 3000) <= 1.0 + 1e-9
    assert np.all(np.isfinite(w))
    big = constrained_quadratic_2d([[2.0, 0.5], [0.5, 1.0]], [3e300, 2e300], 2.0, 1e300)
    small = constrained_quadratic_2d([[2.0, 0.5], [0.5, 1.0]], [3.0, 2.0], 2.0, 1.0)
    np.testing.assert_allclose(big, small * 1e300, rtol=1e-12)
    with pytest.raises(ValueError, match="^p must be"):
        constrained_quadratic_2d(np.eye(2), [3.0, 2.0], 1e-300, 1.0)


# lasso_2d, sparse_share_2d, project_l1_ball ----------------------------------------
from l1l2.geometry import lasso_2d, project_l1_ball, sparse_share_2d  # noqa: E402


def test_lasso_2d_matches_the_package_lasso_on_random_problems():
    rng = np.random.default_rng(3)
    for _ in range(100):
        X = rng.normal(size=(30, 2)) @ rng.normal(size=(2, 2))
        y = rng.normal(size=30)
        lam = rng.uniform(0.01, 1.0) * float(np.max(np.abs(X.T @ y))) / 30
        ref = lasso(X, y, lam, fit_intercept=False, tol=1e-14).coef
        got = lasso_2d(X.T @ X / 30, X.T @ y / 30, lam)
        assert np.allclose(got, ref, atol=1e-9)
        assert np.array_equal(got == 0, ref == 0)


def test_lasso_2d_rows_and_per_row_lambda_and_bad_input():
    G = np.array([[1.0, 0.5], [0.5, 1.0]])
    c = np.array([[2.0, 0.5], [1.75, 1.5], [0.1, -0.2]])
    rows = lasso_2d(G, c, [0.5, 0.5, 0.5])
    assert np.allclose(rows, [[1.5, 0.0], [1.0, 0.5], [0.0, 0.0]])
    assert np.allclose(rows[1], lasso_2d(G, c[1], 0.5), rtol=1e-14, atol=0)
    with pytest.raises(ValueError, match="^gram"):
        lasso_2d([[1.0, 2.0], [2.0, 1.0]], [1.0, 1.0], 0.1)
    with pytest.raises(ValueError, match="^lam"):
        lasso_2d(G, c, [0.1, 0.2])
    with pytest.raises(ValueError, match="^xty"):
        lasso_2d(G, [1.0, 2.0, 3.0], 0.1)


@pytest.mark.parametrize("rho", [0.0, 0.5, -0.8, 0.95])
@pytest.mark.parametrize("over", ["w_hat", "xty"])
def test_sparse_share_2d_agrees_with_a_fine_grid_of_directions(rho, over):
    G = np.array([[1.0, rho], [rho, 1.0]])
    phi = (np.arange(100_000) + 0.5) * 2 * np.pi / 100_000
    u = np.column_stack([np.cos(phi), np.sin(phi)])
    c = u @ G if over == "w_hat" else u
    for r in (0.05, 0.3, 0.7):
        grid_share = np.mean(np.any(lasso_2d(G, c, r * np.abs(c).max(axis=1)) == 0,
                                    axis=1))
        assert sparse_share_2d(rho, r, over=over) == pytest.approx(grid_share, abs=2e-4)


def test_sparse_share_2d_closed_form_for_independent_features_and_symmetry():
    for r in (0.1, 0.5, 0.9):
        assert sparse_share_2d(0.0, r) == pytest.approx(4 * np.arctan(r) / np.pi, abs=1e-12)
        assert sparse_share_2d(0.6, r) == pytest.approx(sparse_share_2d(-0.6, r), abs=1e-12)
    assert sparse_share_2d(0.3, 1.0) == 1.0 and sparse_share_2d(0.3, 0.0) == 0.0
    with pytest.raises(ValueError, match="^rho"):
        sparse_share_2d(1.0, 0.5)
    with pytest.raises(ValueError, match="^ratio"):
        sparse_share_2d(0.5, 1.5)
    with pytest.raises(ValueError, match="^over"):
        sparse_share_2d(0.5, 0.5, over="y")


def test_project_l1_ball_is_the_projection():
    rng = np.random.default_rng(5)
    for p in (1, 2, 5, 30):
        x = 3 * rng.normal(size=(50, p))
        P = project_l1_ball(x, 1.5)
        norms = np.abs(P).sum(axis=1)
        outside = np.abs(x).sum(axis=1) > 1.5
        assert np.allclose(norms[outside], 1.5) and np.array_equal(P[~outside], x[~outside])
        # optimality: <x - P, w - P> <= 0 for points w of the ball (its vertices suffice)
        V = 1.5 * np.vstack([np.eye(p), -np.eye(p)])
        for xi, pi in zip(x, P, strict=True):
            assert np.all((V - pi) @ (xi - pi) <= 1e-9)
    x = np.array([3.0, 1.0, -0.5])
    assert np.array_equal(project_l1_ball(x, 2.0), [2.0, 0.0, 0.0])
    assert np.array_equal(x, [3.0, 1.0, -0.5])
    assert np.array_equal(project_l1_ball(x, 0.0), np.zeros(3))
    with pytest.raises(ValueError, match="^t"):
        project_l1_ball(x, -1.0)
    with pytest.raises(ValueError, match="^x"):
        project_l1_ball(np.zeros((2, 2, 2)), 1.0)
