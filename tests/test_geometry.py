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
