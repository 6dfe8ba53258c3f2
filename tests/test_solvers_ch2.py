"""Chapter 2's additions to l1l2.solvers: per-step learning rates in
gradient_descent, and clip_by_norm (PyTorch's clip_grad_norm_ rule)."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2.solvers import clip_by_norm, gradient_descent


# --------------------------------------------------------------------------
# gradient_descent with a sequence of learning rates
# --------------------------------------------------------------------------
def test_constant_sequence_equals_float_lr_bit_for_bit():
    grad = lambda w: 2 * (w - np.array([1.0, -2.0]))  # noqa: E731
    fixed = gradient_descent(grad, [5.0, 3.0], lr=0.3, n_steps=20)
    seq = gradient_descent(grad, [5.0, 3.0], lr=[0.3] * 20, n_steps=20)
    assert np.array_equal(fixed, seq)


def test_exact_toy_schedule_on_abs():
    # f(w) = |w|, eta_k = 1/(k+1): 2.5 -> 1.5 -> 1.0 -> 0.6667 -> 0.4167
    traj = gradient_descent(np.sign, 2.5, lr=[1.0, 0.5, 1 / 3, 0.25], n_steps=4)
    np.testing.assert_allclose(traj, [2.5, 1.5, 1.0, 2 / 3, 5 / 12])


def test_decaying_steps_converge_where_a_fixed_step_oscillates():
    n = 4000
    fixed = gradient_descent(np.sign, 0.537, lr=0.1, n_steps=n)
    decay = gradient_descent(np.sign, 0.537, lr=0.1 / np.sqrt(np.arange(1, n + 1)), n_steps=n)
    assert np.max(np.abs(fixed[-100:])) > 0.01  # bounces with amplitude ~ lr
    assert np.max(np.abs(decay[-100:])) < 0.01


def test_zero_steps_with_empty_sequence():
    assert np.array_equal(gradient_descent(np.sign, [1.0], lr=[], n_steps=0), [[1.0]])


def test_lr_sequence_is_not_modified():
    lr = np.array([0.5, 0.25])
    before = lr.copy()
    gradient_descent(np.sign, 1.0, lr=lr, n_steps=2)
    assert np.array_equal(lr, before)


@pytest.mark.parametrize(("lr", "match"), [
    ([0.1, 0.1], "n_steps = 3"),
    ([0.1, -0.1, 0.1], ">= 0"),
    ([0.1, np.nan, 0.1], "lr"),
    ([[0.1, 0.1, 0.1]], "lr must have 1"),
    (["a", "b", "c"], "lr"),
    (-0.1, "lr"),
])
def test_bad_lr_raises_naming_it(lr, match):
    with pytest.raises(ValueError, match=match):
        gradient_descent(np.sign, 1.0, lr=lr, n_steps=3)


# --------------------------------------------------------------------------
# clip_by_norm
# --------------------------------------------------------------------------
def test_clip_exact_toy_cases():
    np.testing.assert_allclose(clip_by_norm([30.0, 40.0], 1.0), [0.6, 0.8], rtol=1e-6)
    np.testing.assert_array_equal(clip_by_norm([0.3, 0.4], 1.0), [0.3, 0.4])
    np.testing.assert_array_equal(clip_by_norm(np.zeros(3), 1.0), np.zeros(3))


def test_clip_keeps_direction_and_caps_norm():
    rng = np.random.default_rng(0)
    for _ in range(50):
        g = rng.normal(size=(3, 4)) * rng.uniform(0.01, 100)
        c = clip_by_norm(g, 2.0)
        assert c.shape == g.shape
        assert np.linalg.norm(c) <= 2.0 + 1e-12
        cos = np.sum(c * g) / (np.linalg.norm(c) * np.linalg.norm(g))
        assert cos == pytest.approx(1.0)


def test_clip_matches_pytorch_rule():
    g = np.array([3.0, -4.0, 12.0])  # norm 13
    expected = g * (5.0 / (13.0 + 1e-6))
    np.testing.assert_allclose(clip_by_norm(g, 5.0), expected, rtol=1e-15)


def test_clip_returns_a_new_array_and_keeps_float32():
    g = np.array([3.0, 4.0])
    out = clip_by_norm(g, 10.0)
    assert out is not g
    out[0] = 99.0
    assert g[0] == 3.0
    assert clip_by_norm(np.float32([30.0, 40.0]), 1.0).dtype == np.float32


@pytest.mark.parametrize(("g", "max_norm", "match"), [
    ([1.0], 0.0, "max_norm"),
    ([1.0], -1.0, "max_norm"),
    ([1.0], "big", "max_norm"),
    ([np.inf], 1.0, "g must contain only finite"),
    ([], 1.0, "g must not be empty"),
])
def test_clip_bad_input_names_the_argument(g, max_norm, match):
    with pytest.raises(ValueError, match=match):
        clip_by_norm(g, max_norm)
