"""Tests of l1l2.optim: gradient descent (fixed and per-step learning rates),
iterations_to_tolerance, clip_by_norm, the SGD (plain, momentum, SGDW), Adam and
AdamW steps by hand,
prox_l1_step, bad input and random junk. The steps are also checked against
torch.optim in test_torch_crosscheck_optim.py."""

from __future__ import annotations

import numpy as np
import pytest
from bad_input_strategies import junk_array, junk_scalar
from hypothesis import given, settings
from hypothesis import strategies as st

from l1l2 import penalties
from l1l2.linear_model import lasso
from l1l2.optim import (
    adam_step,
    adamw_step,
    clip_by_norm,
    gradient_descent,
    iterations_to_tolerance,
    prox_l1_step,
    sgd_momentum_step,
    sgd_step,
    sgdw_step,
)

# ---------------------------------------------------------------------------
# gradient descent
# ---------------------------------------------------------------------------


def test_gradient_descent_quadratic():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    w_star = np.linalg.solve(A, b)
    w0 = np.array([4.0, -3.0])
    w0_copy = w0.copy()
    lr = 0.2
    traj = gradient_descent(lambda w: A @ w - b, w0, lr, 25)
    assert traj.shape == (26, 2)
    np.testing.assert_array_equal(w0, w0_copy)
    np.testing.assert_array_equal(traj[0], w0)
    M = np.eye(2) - lr * A
    for k in (1, 2, 10, 25):
        expected = w_star + np.linalg.matrix_power(M, k) @ (w0 - w_star)
        np.testing.assert_allclose(traj[k], expected, rtol=1e-12, atol=1e-12)


def test_gradient_descent_shapes_and_dtypes():
    traj = gradient_descent(lambda w: 2 * w, np.ones((2, 3), dtype=np.float32), 0.1, 4)
    assert traj.shape == (5, 2, 3) and traj.dtype == np.float32
    np.testing.assert_allclose(traj[-1], 0.8**4 * np.ones((2, 3)), rtol=1e-6)
    assert gradient_descent(lambda w: w, 1.0, 0.5, 0).shape == (1,)
    # a too-large step diverges quietly: that is a result, not an error
    diverged = gradient_descent(lambda w: 2 * w, 1.0, 2.0, 2000)
    assert not np.isfinite(diverged[-1])
    # a callback that edits its argument cannot corrupt the trajectory
    def grad(w):
        w[...] = 1e9
        return 2 * np.ones_like(w)
    traj = gradient_descent(grad, np.zeros(2), 0.5, 2)
    np.testing.assert_allclose(traj, [[0, 0], [-1, -1], [-2, -2]])


def test_gradient_descent_constant_sequence_equals_float_lr_bit_for_bit():
    grad = lambda w: 2 * (w - np.array([1.0, -2.0]))  # noqa: E731
    fixed = gradient_descent(grad, [5.0, 3.0], lr=0.3, n_steps=20)
    seq = gradient_descent(grad, [5.0, 3.0], lr=[0.3] * 20, n_steps=20)
    assert np.array_equal(fixed, seq)


def test_gradient_descent_exact_toy_schedule_on_abs():
    # f(w) = |w|, eta_k = 1/(k+1): 2.5 -> 1.5 -> 1.0 -> 0.6667 -> 0.4167
    traj = gradient_descent(np.sign, 2.5, lr=[1.0, 0.5, 1 / 3, 0.25], n_steps=4)
    np.testing.assert_allclose(traj, [2.5, 1.5, 1.0, 2 / 3, 5 / 12])


def test_gradient_descent_decaying_steps_converge_where_a_fixed_step_oscillates():
    n = 4000
    fixed = gradient_descent(np.sign, 0.537, lr=0.1, n_steps=n)
    decay = gradient_descent(np.sign, 0.537, lr=0.1 / np.sqrt(np.arange(1, n + 1)), n_steps=n)
    assert np.max(np.abs(fixed[-100:])) > 0.01  # bounces with amplitude ~ lr
    assert np.max(np.abs(decay[-100:])) < 0.01


def test_gradient_descent_zero_steps_with_empty_sequence():
    assert np.array_equal(gradient_descent(np.sign, [1.0], lr=[], n_steps=0), [[1.0]])


def test_gradient_descent_lr_sequence_is_not_modified():
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
])
def test_gradient_descent_bad_lr_raises_naming_it(lr, match):
    with pytest.raises(ValueError, match=match):
        gradient_descent(np.sign, 1.0, lr=lr, n_steps=3)


@pytest.mark.parametrize("kwargs, match", [
    (dict(grad="not callable"), "grad"),
    (dict(w0=[]), "w0"),
    (dict(w0=[np.nan]), "w0"),
    (dict(w0="abc"), "w0"),
    (dict(lr=-0.1), "lr"),
    (dict(lr=np.nan), "lr"),
    (dict(lr="0.1"), "lr"),
    (dict(n_steps=-1), "n_steps"),
    (dict(n_steps=2.5), "n_steps"),
    (dict(grad=lambda w: np.ones(3)), "grad"),  # wrong shape
    (dict(grad=lambda w: "abc"), "grad"),
])
def test_gradient_descent_bad_input(kwargs, match):
    args = dict(grad=lambda w: 2 * w, w0=np.array([1.0, 2.0]), lr=0.1, n_steps=3)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        gradient_descent(**args)


# ---------------------------------------------------------------------------
# iterations_to_tolerance
# ---------------------------------------------------------------------------


def test_iterations_to_tolerance_toy_cases():
    assert iterations_to_tolerance([[4.0], [2.0], [0.5], [0.1], [0.05]], 0.0, 0.2) == 3
    assert iterations_to_tolerance([[0.0], [0.1]], 0.0, 0.2) == 0
    # passing through the ball does not count, ending outside gives None
    assert iterations_to_tolerance([[1.0], [0.0], [1.0], [0.1]], 0.0, 0.2) == 3
    assert iterations_to_tolerance([[1.0], [-0.1], [0.3]], 0.0, 0.2) is None


def test_iterations_to_tolerance_vector_iterates_and_gradient_descent():
    traj = gradient_descent(lambda w: 2 * (w - np.array([1.0, -1.0])), [5.0, 5.0], 0.25, 60)
    k = iterations_to_tolerance(traj, [1.0, -1.0], 1e-6)
    # the error halves each step from |(4, 6)| = 7.2: 23 halvings reach 1e-6
    assert k == 23


def test_iterations_to_tolerance_nan_counts_as_outside_and_inputs_are_not_modified():
    traj = np.array([[1.0], [np.nan], [0.0]])
    copy = traj.copy()
    assert iterations_to_tolerance(traj, 0.0, 0.5) == 2
    assert np.array_equal(traj, copy, equal_nan=True)


@pytest.mark.parametrize(("args", "match"), [
    (([], 0.0, 1.0), "trajectory"),
    (([[1.0, 2.0]], [1.0], 1.0), "target"),
    (([[1.0]], 0.0, 0.0), "tol"),
    (([[1.0]], 0.0, float("nan")), "tol"),
    (("abc", 0.0, 1.0), "trajectory"),
])
def test_iterations_to_tolerance_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        iterations_to_tolerance(*args)


# ---------------------------------------------------------------------------
# clip_by_norm (PyTorch's clip_grad_norm_ rule)
# ---------------------------------------------------------------------------


def test_clip_by_norm_exact_toy_cases():
    np.testing.assert_allclose(clip_by_norm([30.0, 40.0], 1.0), [0.6, 0.8], rtol=1e-6)
    np.testing.assert_array_equal(clip_by_norm([0.3, 0.4], 1.0), [0.3, 0.4])
    np.testing.assert_array_equal(clip_by_norm(np.zeros(3), 1.0), np.zeros(3))


def test_clip_by_norm_keeps_direction_and_caps_norm():
    rng = np.random.default_rng(0)
    for _ in range(50):
        g = rng.normal(size=(3, 4)) * rng.uniform(0.01, 100)
        c = clip_by_norm(g, 2.0)
        assert c.shape == g.shape
        assert np.linalg.norm(c) <= 2.0 + 1e-12
        cos = np.sum(c * g) / (np.linalg.norm(c) * np.linalg.norm(g))
        assert cos == pytest.approx(1.0)


def test_clip_by_norm_matches_pytorch_rule():
    g = np.array([3.0, -4.0, 12.0])  # norm 13
    expected = g * (5.0 / (13.0 + 1e-6))
    np.testing.assert_allclose(clip_by_norm(g, 5.0), expected, rtol=1e-15)


def test_clip_by_norm_returns_a_new_array_and_keeps_float32():
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
def test_clip_by_norm_bad_input_names_the_argument(g, max_norm, match):
    with pytest.raises(ValueError, match=match):
        clip_by_norm(g, max_norm)


def test_clip_by_norm_scales_before_the_norm():
    np.testing.assert_allclose(clip_by_norm([3e154, 4e154], 1.0), [0.6, 0.8], rtol=1e-12)
    np.testing.assert_allclose(clip_by_norm([3e-170, 4e-170], 1.0), [3e-170, 4e-170])


# ---------------------------------------------------------------------------
# the SGD, Adam and AdamW steps
# ---------------------------------------------------------------------------


def test_sgd_step_by_hand():
    w = np.array([1.0, -2.0])
    g = np.array([0.5, 0.5])
    w1 = sgd_step(w, g, lr=0.1, weight_decay=0.1)
    np.testing.assert_allclose(w1, [1 - 0.1 * (0.5 + 0.1), -2 - 0.1 * (0.5 - 0.2)])
    w2 = sgd_step(w1, g, lr=0.1, weight_decay=0.1)
    np.testing.assert_allclose(w2, w1 - 0.1 * (g + 0.1 * w1))
    np.testing.assert_array_equal(w, [1.0, -2.0])
    assert sgd_step(np.float32(1.0), np.float32(1.0), 0.5).dtype == np.float32


def test_adam_step_by_hand():
    lr, b1, b2, eps, wd = 0.1, 0.9, 0.99, 1e-8, 0.0
    w0, g1, g2 = np.array([1.0, -1.0]), np.array([0.5, -2.0]), np.array([1.0, 1.0])
    state = {}
    w1 = adam_step(w0, g1, state, lr=lr, betas=(b1, b2), eps=eps)
    assert state["step"] == 1
    m = (1 - b1) * g1
    v = (1 - b2) * g1**2
    expected1 = w0 - lr / (1 - b1) * m / (np.sqrt(v) / np.sqrt(1 - b2) + eps)
    np.testing.assert_allclose(w1, expected1, rtol=1e-14)
    np.testing.assert_allclose(state["m"], m)
    np.testing.assert_allclose(state["v"], v)
    w2 = adam_step(w1, g2, state, lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd)
    m = b1 * m + (1 - b1) * g2
    v = b2 * v + (1 - b2) * g2**2
    expected2 = w1 - lr / (1 - b1**2) * m / (np.sqrt(v) / np.sqrt(1 - b2**2) + eps)
    np.testing.assert_allclose(w2, expected2, rtol=1e-14)
    assert state["step"] == 2
    np.testing.assert_array_equal(w0, [1.0, -1.0])


def test_adam_weight_decay_is_in_the_gradient_and_adamw_decouples_it():
    w0, g = np.array([2.0]), np.array([0.0])
    lr, wd = 0.1, 0.5
    # Adam: the decay enters m and v, so the first step has size ~lr whatever wd is
    s = {}
    w1 = adam_step(w0, g, s, lr=lr, weight_decay=wd)
    gw = g + wd * w0
    np.testing.assert_allclose(s["m"], 0.1 * gw)
    m_hat, v_hat = 0.1 * gw / 0.1, 0.001 * gw**2 / 0.001
    np.testing.assert_allclose(w1, w0 - lr * m_hat / (np.sqrt(v_hat) + 1e-8))
    # AdamW: shrink first, then Adam on the raw gradient (here zero: nothing more)
    s = {}
    w1 = adamw_step(w0, g, s, lr=lr, weight_decay=wd)
    np.testing.assert_allclose(w1, w0 * (1 - lr * wd))
    w2 = adamw_step(w1, np.array([1.0]), s, lr=lr, weight_decay=wd)
    m, v = 0.1 * 1.0, 0.001 * 1.0
    denom = np.sqrt(v) / np.sqrt(1 - 0.999**2) + 1e-8
    expected = w1 * (1 - lr * wd) - lr / (1 - 0.9**2) * m / denom
    np.testing.assert_allclose(w2, expected, rtol=1e-14)


STEP_BAD = [
    (dict(w=[1.0, 2.0], g=[1.0]), "w and g"),
    (dict(w=[], g=[]), "w"),
    (dict(w=[np.nan, 1.0]), "w"),
    (dict(g=[np.inf, 1.0]), "g"),
    (dict(w="ab"), "w"),
    (dict(lr=-1.0), "lr"),
    (dict(lr=np.nan), "lr"),
    (dict(weight_decay=-0.1), "weight_decay"),
    (dict(weight_decay="x"), "weight_decay"),
]
ADAM_BAD = STEP_BAD + [
    (dict(state=None), "state"),
    (dict(state=[]), "state"),
    (dict(state={"step": 1}), "state"),
    (dict(state={"step": 1, "m": np.zeros(3), "v": np.zeros(3)}), "state"),
    (dict(state={"step": -1, "m": np.zeros(2), "v": np.zeros(2)}), "state"),
    (dict(betas=(0.9,)), "betas"),
    (dict(betas=(1.0, 0.999)), "betas"),
    (dict(betas=(0.9, -0.1)), "betas"),
    (dict(betas="ab"), "betas"),
    (dict(eps=-1e-8), "eps"),
    (dict(eps=np.nan), "eps"),
]


@pytest.mark.parametrize("kwargs, match", STEP_BAD)
def test_sgd_step_bad_input(kwargs, match):
    args = dict(w=[1.0, 2.0], g=[0.1, 0.2], lr=0.1, weight_decay=0.0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        sgd_step(**args)


@pytest.mark.parametrize("step", [adam_step, adamw_step])
@pytest.mark.parametrize("kwargs, match", ADAM_BAD)
def test_adam_steps_bad_input(step, kwargs, match):
    args = dict(w=[1.0, 2.0], g=[0.1, 0.2], state={}, lr=0.1, weight_decay=0.0)
    args.update(kwargs)
    before = dict(args["state"]) if isinstance(args["state"], dict) else None
    with pytest.raises(ValueError, match=match):
        step(**args)
    if before is not None:
        assert args["state"].keys() == before.keys()  # a failed call leaves state alone


MOMENTUM_BAD = STEP_BAD + [
    (dict(state=None), "state"),
    (dict(state={"step": 1}), "state"),
    (dict(state={"momentum_buffer": np.zeros(3)}), "momentum_buffer"),
    (dict(state={"momentum_buffer": [np.nan, 0.0]}), "momentum_buffer"),
    (dict(momentum=1.0), "momentum"),
    (dict(momentum=-0.1), "momentum"),
    (dict(momentum=np.nan), "momentum"),
]


@pytest.mark.parametrize("step", [sgd_momentum_step, sgdw_step])
@pytest.mark.parametrize("kwargs, match", MOMENTUM_BAD)
def test_momentum_steps_bad_input(step, kwargs, match):
    args = dict(w=[1.0, 2.0], g=[0.1, 0.2], state={}, lr=0.1, weight_decay=0.0)
    args.update(kwargs)
    before = dict(args["state"]) if isinstance(args["state"], dict) else None
    with pytest.raises(ValueError, match=match):
        step(**args)
    if before is not None:
        assert args["state"].keys() == before.keys()


def test_momentum_steps_by_hand():
    # first call: buffer = d; then buffer = beta * buffer + d
    state = {}
    w = sgd_momentum_step([1.0], [0.5], state, lr=0.1, momentum=0.5, weight_decay=0.2)
    np.testing.assert_allclose(w, [1.0 - 0.1 * 0.7], rtol=1e-15)
    w2 = sgd_momentum_step(w, [0.5], state, lr=0.1, momentum=0.5, weight_decay=0.2)
    buf = 0.5 * 0.7 + (0.5 + 0.2 * w[0])
    np.testing.assert_allclose(w2, w - 0.1 * buf, rtol=1e-15)
    state = {}
    v = sgdw_step([1.0], [0.5], state, lr=0.1, momentum=0.5, weight_decay=0.2)
    np.testing.assert_allclose(v, [(1 - 0.02) * 1.0 - 0.1 * 0.5], rtol=1e-15)
    v2 = sgdw_step(v, [0.5], state, lr=0.1, momentum=0.5, weight_decay=0.2)
    np.testing.assert_allclose(v2, (1 - 0.02) * v - 0.1 * 0.75, rtol=1e-15)
    # momentum 0: sgd_momentum_step is sgd_step, and sgdw_step is decay then step
    np.testing.assert_allclose(sgd_momentum_step([1.0, 2.0], [0.3, -0.1], {}, 0.1, 0.0, 0.5),
                               sgd_step([1.0, 2.0], [0.3, -0.1], 0.1, 0.5), rtol=1e-15)


def _ridge_half(X, y, c):
    """Minimizer of (1/n)||Xw - y||^2 + (c/2)||w||^2."""
    n = X.shape[0]
    return np.linalg.solve(2 * X.T @ X / n + c * np.eye(X.shape[1]), 2 * X.T @ y / n)


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_fixed_points_l2_momentum_is_ridge_lam_and_sgdw_is_ridge_lam_one_minus_beta(beta):
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
    lam, lr = 0.3, 0.05

    def grad(w):
        return 2 * X.T @ (X @ w - y) / 50

    w_l2, w_dec, s_l2, s_dec = np.zeros(3), np.zeros(3), {}, {}
    for _ in range(2000):
        w_l2 = sgd_momentum_step(w_l2, grad(w_l2), s_l2, lr, beta, lam)
        w_dec = sgdw_step(w_dec, grad(w_dec), s_dec, lr, beta, lam)
    np.testing.assert_allclose(w_l2, _ridge_half(X, y, lam), rtol=0, atol=1e-10)
    np.testing.assert_allclose(w_dec, _ridge_half(X, y, lam * (1 - beta)), rtol=0, atol=1e-10)
    if beta > 0:
        assert np.abs(w_l2 - w_dec).max() > 1e-3


def test_momentum_steps_refuse_an_overflow_and_leave_state_alone():
    state = {"momentum_buffer": np.array([1e308])}
    with pytest.raises(ValueError, match="momentum update"):
        sgd_momentum_step([1.0], [1e308], state, lr=1.0, momentum=0.9)
    np.testing.assert_array_equal(state["momentum_buffer"], [1e308])


def test_adam_refuses_an_overflowing_gradient():
    state = {}
    with pytest.raises(ValueError, match="g"):
        adam_step([1.0], [1e300], state)
    assert state == {}


# ---------------------------------------------------------------------------
# prox_l1_step: one proximal-gradient (ISTA) step
# ---------------------------------------------------------------------------


def test_prox_l1_step_exact_toy_case():
    out = prox_l1_step([1.0, 0.05, -2.0, -0.1], [0.0, 0.0, 1.0, -0.3], lr=0.5, alpha=0.2)
    np.testing.assert_array_equal(out, [0.9, 0.0, -2.4, 0.0])
    assert np.signbit(out[3]) or out[3] == 0.0


def test_prox_l1_step_equals_gradient_step_then_soft_threshold():
    rng = np.random.default_rng(0)
    w, g = rng.normal(size=50), rng.normal(size=50)
    out = prox_l1_step(w, g, lr=0.3, alpha=0.7)
    np.testing.assert_array_equal(out, penalties.soft_threshold(w - 0.3 * g, 0.3 * 0.7))


def test_prox_l1_step_alpha_zero_is_a_plain_sgd_step():
    w, g = np.array([1.0, -2.0, 0.5]), np.array([0.1, 0.2, -0.3])
    np.testing.assert_allclose(prox_l1_step(w, g, lr=0.1, alpha=0.0),
                               sgd_step(w, g, lr=0.1), rtol=0, atol=1e-15)


def test_prox_l1_step_iterated_full_gradient_steps_reach_the_lasso_solution():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(80, 8))
    y = X @ np.array([2.0, -1.0, 0, 0, 0.5, 0, 0, 0]) + rng.normal(0, 0.5, 80)
    alpha = 0.1
    lr = 1.0 / np.linalg.eigvalsh(X.T @ X / 80).max()
    w = np.zeros(8)
    for _ in range(3000):
        w = prox_l1_step(w, X.T @ (X @ w - y) / 80, lr=lr, alpha=alpha)
    ref = lasso(X, y, alpha, fit_intercept=False).coef
    np.testing.assert_allclose(w, ref, atol=1e-9)
    np.testing.assert_array_equal(w == 0, ref == 0)


def test_prox_l1_step_subgradient_steps_give_no_exact_zeros_where_prox_steps_do():
    w = np.array([0.3137, -0.2261, 0.0519])  # not multiples of the step 0.05
    sub, prox = w.copy(), w.copy()
    for _ in range(100):
        sub = sgd_step(sub, 0.5 * np.sign(sub), lr=0.1)  # subgradient of 0.5|w|
        prox = prox_l1_step(prox, np.zeros(3), lr=0.1, alpha=0.5)
    assert np.count_nonzero(sub == 0) == 0
    assert np.count_nonzero(prox == 0) == 3


def test_prox_l1_step_inputs_are_not_modified_and_dtype_follows():
    w, g = np.array([1.0, -1.0], dtype=np.float32), np.array([0.5, 0.5], dtype=np.float32)
    w0, g0 = w.copy(), g.copy()
    out = prox_l1_step(w, g, lr=0.1, alpha=0.1)
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
def test_prox_l1_step_bad_input_raises(kwargs, match):
    args = {"w": [1.0], "g": [0.5], "lr": 0.1, "alpha": 0.1, **kwargs}
    with pytest.raises(ValueError, match=match):
        prox_l1_step(**args)


def test_caller_arrays_are_never_modified():
    w, g = np.array([1.0, 2.0]), np.array([0.5, -0.5])
    state = {}
    for _ in range(2):
        sgd_step(w, g, 0.1, 0.1)
        adam_step(w, g, state, weight_decay=0.1)
        m_before = state["m"]
        m_snapshot = m_before.copy()
        adamw_step(w, g, state)
        np.testing.assert_array_equal(m_before, m_snapshot)  # new arrays, not in-place
    for step in (sgd_momentum_step, sgdw_step):
        st_m = {}
        step(w, g, st_m, 0.1, 0.9, 0.1)
        buf = st_m["momentum_buffer"]
        snapshot = buf.copy()
        step(w, g, st_m, 0.1, 0.9, 0.1)
        np.testing.assert_array_equal(buf, snapshot)
        assert st_m["momentum_buffer"] is not g
    np.testing.assert_array_equal(w, [1.0, 2.0])
    np.testing.assert_array_equal(g, [0.5, -0.5])


# ---------------------------------------------------------------------------
# hypothesis: random junk gives a valid result or a ValueError, nothing else
# ---------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    which=st.sampled_from(["gd", "sgd", "adam", "adamw"]),
    w=junk_array(max_dims=2),
    g=junk_array(max_dims=2),
    lr=junk_scalar,
    extra=junk_scalar,
)
def test_junk_to_steps(which, w, g, lr, extra):
    state = {}
    calls = {
        "gd": lambda: gradient_descent(lambda v: 0.5 * v, w, lr, extra),
        "sgd": lambda: sgd_step(w, g, lr, extra),
        "adam": lambda: adam_step(w, g, state, lr=lr, weight_decay=extra),
        "adamw": lambda: adamw_step(w, g, state, lr=lr, eps=extra),
    }
    try:
        out = calls[which]()
    except ValueError:
        assert state == {}
        return
    assert isinstance(out, np.ndarray)
    shape = np.shape(w)
    if which == "gd":
        assert out.shape[1:] == shape
    else:
        assert out.shape == shape and state.get("step", 1) == 1
