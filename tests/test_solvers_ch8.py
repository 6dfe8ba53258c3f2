"""Chapter 8's solver, prox_l1_step: one proximal-gradient (ISTA) step for an L1 penalty."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import penalties, solvers


def test_exact_toy_case():
    out = solvers.prox_l1_step([1.0, 0.05, -2.0, -0.1], [0.0, 0.0, 1.0, -0.3], lr=0.5, alpha=0.2)
    np.testing.assert_array_equal(out, [0.9, 0.0, -2.4, 0.0])
    assert np.signbit(out[3]) or out[3] == 0.0


def test_equals_gradient_step_then_soft_threshold():
    rng = np.random.default_rng(0)
    w, g = rng.normal(size=50), rng.normal(size=50)
    out = solvers.prox_l1_step(w, g, lr=0.3, alpha=0.7)
    np.testing.assert_array_equal(out, penalties.soft_threshold(w - 0.3 * g, 0.3 * 0.7))


def test_alpha_zero_is_a_plain_sgd_step():
    w, g = np.array([1.0, -2.0, 0.5]), np.array([0.1, 0.2, -0.3])
    np.testing.assert_allclose(solvers.prox_l1_step(w, g, lr=0.1, alpha=0.0),
                               solvers.sgd_step(w, g, lr=0.1), rtol=0, atol=1e-15)


def test_iterated_full_gradient_steps_reach_the_lasso_solution():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(80, 8))
    y = X @ np.array([2.0, -1.0, 0, 0, 0.5, 0, 0, 0]) + rng.normal(0, 0.5, 80)
    alpha = 0.1
    lr = 1.0 / np.linalg.eigvalsh(X.T @ X / 80).max()
    w = np.zeros(8)
    for _ in range(3000):
        w = solvers.prox_l1_step(w, X.T @ (X @ w - y) / 80, lr=lr, alpha=alpha)
    ref = solvers.lasso(X, y, alpha, fit_intercept=False).coef
    np.testing.assert_allclose(w, ref, atol=1e-9)
    np.testing.assert_array_equal(w == 0, ref == 0)


def test_subgradient_steps_give_no_exact_zeros_where_prox_steps_do():
    w = np.array([0.3137, -0.2261, 0.0519])  # not multiples of the step 0.05
    sub, prox = w.copy(), w.copy()
    for _ in range(100):
        sub = solvers.sgd_step(sub, 0.5 * np.sign(sub), lr=0.1)  # subgradient of 0.5|w|
        prox = solvers.prox_l1_step(prox, np.zeros(3), lr=0.1, alpha=0.5)
    assert np.count_nonzero(sub == 0) == 0
    assert np.count_nonzero(prox == 0) == 3


def test_inputs_are_not_modified_and_dtype_follows():
    w, g = np.array([1.0, -1.0], dtype=np.float32), np.array([0.5, 0.5], dtype=np.float32)
    w0, g0 = w.copy(), g.copy()
    out = solvers.prox_l1_step(w, g, lr=0.1, alpha=0.1)
    np.testing.assert_array_equal(w, w0)
    np.testing.assert_array_equal(g, g0)
    assert out.dtype == np.float32


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"w": [1.0, 2.0], "g": [1.0]}, "same shape"),
    ({"w": [np.nan], "g": [1.0]}, "w"),
    ({"lr": -0.1}, "lr"),
    ({"alpha": -1.0}, "alpha"),
    ({"alpha": float("nan")}, "alpha"),
])
def test_bad_input_raises(kwargs, match):
    args = {"w": [1.0], "g": [0.5], "lr": 0.1, "alpha": 0.1, **kwargs}
    with pytest.raises(ValueError, match=match):
        solvers.prox_l1_step(**args)
