"""Tests for l1l2.losses: exact toy cases, properties, dtypes, bad input.

The reference formulas below are written with ``np.where`` straight from the
definitions, independently of the branch-free forms used in the package.
"""

from __future__ import annotations

import copy
import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from l1l2.losses import (
    huber_loss,
    huber_loss_grad,
    l1_loss,
    l1_loss_grad,
    mse_loss,
    mse_loss_grad,
    smooth_l1_loss,
    smooth_l1_loss_grad,
)

# ---------------------------------------------------------------------------
# Reference formulas (elementwise, float64) and the table of losses
# ---------------------------------------------------------------------------


def ref_smooth_l1(x, beta):
    x = np.asarray(x, dtype=float)
    if beta == 0:
        return np.abs(x)
    return np.where(np.abs(x) < beta, 0.5 * x * x / beta, np.abs(x) - 0.5 * beta)


def ref_smooth_l1_grad(x, beta):
    x = np.asarray(x, dtype=float)
    if beta == 0:
        return np.sign(x)
    return np.where(np.abs(x) < beta, x / beta, np.sign(x))


def ref_huber(x, delta):
    x = np.asarray(x, dtype=float)
    return np.where(np.abs(x) <= delta, 0.5 * x * x, delta * (np.abs(x) - 0.5 * delta))


def ref_huber_grad(x, delta):
    x = np.asarray(x, dtype=float)
    return np.where(np.abs(x) <= delta, x, delta * np.sign(x))


# name -> (loss, grad, parameter name or None, elementwise reference, derivative reference)
LOSSES = {
    "l1": (l1_loss, l1_loss_grad, None, lambda x, _: np.abs(x), lambda x, _: np.sign(x)),
    "mse": (mse_loss, mse_loss_grad, None, lambda x, _: np.square(x), lambda x, _: 2 * x),
    "smooth_l1": (smooth_l1_loss, smooth_l1_loss_grad, "beta", ref_smooth_l1, ref_smooth_l1_grad),
    "huber": (huber_loss, huber_loss_grad, "delta", ref_huber, ref_huber_grad),
}
ALL_FUNCTIONS = [f for name in LOSSES for f in LOSSES[name][:2]]
PARAM_NAME = {f: LOSSES[name][2] for name in LOSSES for f in LOSSES[name][:2]}
REDUCTIONS = ["none", "mean", "sum"]


def call(fn, x, t, reduction="mean", param=None):
    """Call a loss or gradient, passing its beta/delta if it has one."""
    name = PARAM_NAME[fn]
    if name is None or param is None:
        return fn(x, t, reduction=reduction)
    return fn(x, t, reduction=reduction, **{name: param})


finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
positive_param = st.floats(0.01, 20, allow_nan=False)
vectors = st.lists(finite, min_size=1, max_size=8).map(np.array)

# ---------------------------------------------------------------------------
# Exact toy cases, including the course's worked examples
# ---------------------------------------------------------------------------

YHAT = [0.1, 0.2, 0.3, 0.4, 0.5]
Y = [1, 1, 0, 1, 1]


def test_worked_example_l1_and_squared_error():
    assert l1_loss(YHAT, Y, reduction="sum") == pytest.approx(3.1, abs=1e-12)
    assert mse_loss(YHAT, Y, reduction="sum") == pytest.approx(2.15, abs=1e-12)
    assert l1_loss(YHAT, Y) == pytest.approx(3.1 / 5, abs=1e-12)
    assert mse_loss(YHAT, Y) == pytest.approx(2.15 / 5, abs=1e-12)
    np.testing.assert_allclose(
        l1_loss(YHAT, Y, reduction="none"), [0.9, 0.8, 0.3, 0.6, 0.5], atol=1e-15
    )
    np.testing.assert_allclose(
        mse_loss(YHAT, Y, reduction="none"), [0.81, 0.64, 0.09, 0.36, 0.25], atol=1e-15
    )


def test_worked_example_smooth_l1():
    pred, target = [1, 5, 3, 0.5], [4, 1, 0, 0.4]
    assert smooth_l1_loss(pred, target, reduction="sum", beta=1.0) == pytest.approx(
        8.505, abs=1e-12
    )
    np.testing.assert_allclose(
        smooth_l1_loss(pred, target, reduction="none", beta=1.0),
        [2.5, 3.5, 2.5, 0.005],
        atol=1e-15,
    )
    assert smooth_l1_loss(pred, target, beta=1.0) == pytest.approx(8.505 / 4, abs=1e-12)


X_TOY = np.array([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0])


def test_smooth_l1_toy_values_and_gradients_at_the_boundary():
    # |x| == beta = 1 is on the linear side: 1 - 0.5 = 0.5, slope sign(x).
    np.testing.assert_array_equal(
        smooth_l1_loss(X_TOY, 0.0, reduction="none"), [1.5, 0.5, 0.125, 0, 0.125, 0.5, 1.5]
    )
    np.testing.assert_array_equal(
        smooth_l1_loss_grad(X_TOY, 0.0, reduction="none"), [-1, -1, -0.5, 0, 0.5, 1, 1]
    )
    # beta = 2: |x| == 2 is linear (2 - 1 = 1), the rest quadratic x^2/4.
    np.testing.assert_array_equal(
        smooth_l1_loss(X_TOY, 0.0, reduction="none", beta=2.0),
        [1.0, 0.25, 0.0625, 0, 0.0625, 0.25, 1.0],
    )
    np.testing.assert_array_equal(
        smooth_l1_loss_grad(X_TOY, 0.0, reduction="none", beta=2.0),
        [-1, -0.5, -0.25, 0, 0.25, 0.5, 1],
    )


def test_huber_toy_values_and_gradients_at_the_boundary():
    np.testing.assert_array_equal(
        huber_loss(X_TOY, 0.0, reduction="none", delta=1.0), [1.5, 0.5, 0.125, 0, 0.125, 0.5, 1.5]
    )
    np.testing.assert_array_equal(
        huber_loss_grad(X_TOY, 0.0, reduction="none", delta=1.0), [-1, -1, -0.5, 0, 0.5, 1, 1]
    )
    # delta = 0.5: 0.5 * (|x| - 0.25) outside, x^2/2 inside; slope +-0.5 outside.
    np.testing.assert_array_equal(
        huber_loss(X_TOY, 0.0, reduction="none", delta=0.5),
        [0.875, 0.375, 0.125, 0, 0.125, 0.375, 0.875],
    )
    np.testing.assert_array_equal(
        huber_loss_grad(X_TOY, 0.0, reduction="none", delta=0.5),
        [-0.5, -0.5, -0.5, 0, 0.5, 0.5, 0.5],
    )


def test_l1_and_mse_toy_gradients():
    np.testing.assert_array_equal(l1_loss_grad(X_TOY, 0.0, reduction="sum"), np.sign(X_TOY))
    np.testing.assert_array_equal(mse_loss_grad(X_TOY, 0.0, reduction="sum"), 2 * X_TOY)
    np.testing.assert_allclose(mse_loss_grad(X_TOY, 0.0), 2 * X_TOY / 7, rtol=1e-15)


@pytest.mark.parametrize("fn", ALL_FUNCTIONS[1::2], ids=lambda f: f.__name__)
def test_gradient_at_the_kink_is_zero(fn):
    for param in (None, 0.5) if PARAM_NAME[fn] else (None,):
        g = call(fn, [0.0, 3.0, 3.0], [0.0, 3.0, 3.0], "sum", param)
        np.testing.assert_array_equal(g, [0.0, 0.0, 0.0])


@pytest.mark.parametrize(
    "name, param",
    [("l1", None), ("mse", None)]
    + [(name, p) for name in ("smooth_l1", "huber") for p in (None, 0.3, 1.0, 2.5)],
)
def test_values_and_gradients_match_reference(name, param):
    loss, grad, pname, ref, dref = LOSSES[name]
    p = 1.0 if param is None else param
    x = np.linspace(-4, 4, 33)  # includes 0, +-0.25, +-1, +-2.5 ...
    t = np.full_like(x, 0.75)  # exact residuals: x - 0.75
    r = x - t
    fx = lambda red: call(loss, x, t, red, param)  # noqa: E731
    gx = lambda red: call(grad, x, t, red, param)  # noqa: E731
    np.testing.assert_allclose(fx("none"), ref(r, p), rtol=1e-15, atol=1e-15)
    assert fx("sum") == pytest.approx(ref(r, p).sum(), rel=1e-13)
    assert fx("mean") == pytest.approx(ref(r, p).mean(), rel=1e-13)
    np.testing.assert_allclose(gx("none"), dref(r, p), rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(gx("sum"), dref(r, p), rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(gx("mean"), dref(r, p) / r.size, rtol=1e-15, atol=1e-15)


# ---------------------------------------------------------------------------
# Reductions, shapes, scalars, empty input, NaN
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_reduction_return_types_and_shapes(fn, reduction):
    x = np.arange(6.0).reshape(2, 3)
    out = call(fn, x, 1.5, reduction)
    is_grad = fn.__name__.endswith("_grad")
    if is_grad or reduction == "none":
        assert isinstance(out, np.ndarray) and out.shape == (2, 3)
    else:
        assert type(out) is float


@pytest.mark.parametrize("name", LOSSES)
def test_mean_is_sum_over_n_and_none_sums_to_sum(name):
    loss, grad = LOSSES[name][:2]
    x, t = np.array([[0.3, -2.0, 5.0], [1.0, 0.0, -0.7]]), np.array([[1.0, 0, 0], [0, 0, 0]])
    assert loss(x, t, reduction="mean") == pytest.approx(loss(x, t, reduction="sum") / 6)
    assert loss(x, t, reduction="none").sum() == pytest.approx(loss(x, t, reduction="sum"))
    np.testing.assert_allclose(grad(x, t, reduction="mean"), grad(x, t, reduction="sum") / 6)
    np.testing.assert_array_equal(grad(x, t, reduction="none"), grad(x, t, reduction="sum"))


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_scalar_input_and_scalar_targets(fn):
    # 0-d input: "none" and the gradient give 0-d arrays
    out = call(fn, 2.0, 0.5, "none")
    assert isinstance(out, np.ndarray) and out.shape == ()
    # a Python number, a 0-d array and a NumPy scalar all work as target
    x = np.array([1.0, -2.0, 4.0])
    expected = call(fn, x, np.full(3, 0.5), "none")
    for target in (0.5, np.array(0.5), np.float64(0.5)):
        np.testing.assert_array_equal(call(fn, x, target, "none"), expected)


def test_large_input_uses_blocks_and_matches_reference():
    # more elements than one block, and a size that is not a multiple of it
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 70_001))
    t = rng.normal(size=(3, 70_001))
    for beta in (0.0, 0.7):
        expected = ref_smooth_l1(x - t, beta)
        assert smooth_l1_loss(x, t, "sum", beta=beta) == pytest.approx(expected.sum(), rel=1e-12)
        assert smooth_l1_loss(x, t, "mean", beta=beta) == pytest.approx(expected.mean(), rel=1e-12)
    assert huber_loss(x, 0.25, "sum", delta=0.5) == pytest.approx(
        ref_huber(x - 0.25, 0.5).sum(), rel=1e-12
    )


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize("shape", [(0,), (3, 0)])
def test_empty_input(name, shape):
    loss, grad = LOSSES[name][:2]
    x = np.zeros(shape)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning from the mean of nothing
        assert loss(x, x, reduction="sum") == 0.0
        assert math.isnan(loss(x, x, reduction="mean"))
        assert loss(x, 0.0, reduction="none").shape == shape
        for reduction in REDUCTIONS:
            g = grad(x, x, reduction=reduction)
            assert g.shape == shape and g.dtype == np.float64


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nan_residual_gives_nan_value_and_gradient(fn, reduction):
    x = np.array([1.0, np.nan, 0.0, 3.0])
    t = np.array([0.0, 0.0, np.nan, 3.0])
    params = [None, 0.0, 2.0] if PARAM_NAME[fn] == "beta" else [None]
    for param in params:
        out = np.asarray(call(fn, x, t, reduction, param))
        if fn.__name__.endswith("_grad") or reduction == "none":
            assert np.isnan(out[1]) and np.isnan(out[2])  # also the L1 gradient
            assert np.isfinite(out[0]) and out[3] == 0.0
        else:
            assert np.isnan(out)


def test_infinite_residual():
    assert l1_loss([np.inf, 1.0], 0.0, reduction="sum") == np.inf
    np.testing.assert_array_equal(smooth_l1_loss_grad([np.inf, -np.inf], 0.0, "sum"), [1, -1])
    np.testing.assert_array_equal(huber_loss_grad([np.inf, -np.inf], 0.0, "sum", 2.0), [2, -2])


# ---------------------------------------------------------------------------
# Dtypes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_dtype_rules(fn):
    f32 = np.array([0.5, -2.0, 3.0], dtype=np.float32)
    f64 = np.array([0.25, 1.0, -1.0])
    cases = [
        (f32, f32, np.float32),
        (f32, 0.5, np.float32),  # a Python float does not promote float32
        (f32, 1, np.float32),
        (f32, np.float32(0.5), np.float32),
        (f32, f64, np.float64),
        (f64, f32, np.float64),
        (f32, np.float64(0.5), np.float64),  # a NumPy float64 scalar does
        (np.array([1, 2, 3]), np.array([0, 1, 5]), np.float64),  # int -> float64
        ([1, 2, 3], 0, np.float64),
        (np.array([1, 2, 3], dtype=np.float16), 0.0, np.float64),
        (np.array([True, False, True]), 0.0, np.float64),
    ]
    for x, t, dtype in cases:
        out = call(fn, x, t, "none")
        assert out.dtype == dtype, (x, t)
        if fn.__name__.endswith("_grad"):
            assert call(fn, x, t, "mean").dtype == dtype
        else:
            assert type(call(fn, x, t, "mean")) is float


def test_float32_is_computed_in_float32():
    x = np.array([0.1, 0.7, 3.3], dtype=np.float32)
    expected = (np.float32(0.5) * x * x / np.float32(0.9)).astype(np.float32)
    out = smooth_l1_loss(x[:2], 0.0, reduction="none", beta=0.9)
    np.testing.assert_array_equal(out, expected[:2])  # bit-exact float32 arithmetic
    g = smooth_l1_loss_grad(x, 0.0, reduction="mean", beta=0.9)
    assert g.dtype == np.float32
    np.testing.assert_array_equal(g[2], np.float32(1.0) * np.float32(1 / 3))


# ---------------------------------------------------------------------------
# Inputs are never modified
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_inputs_not_modified(fn, reduction, dtype):
    if dtype is np.int64:
        x = np.array([[1, -2, 0], [5, 7, 3]])
    else:
        x = np.array([[1.0, -2.0, 0.0], [5.0, np.nan, 0.25]], dtype=dtype)
    t = np.array([[0.5, 0.5, 0.0], [1.0, 1.0, 3.0]], dtype=dtype)
    x0, t0 = x.copy(), t.copy()
    out = call(fn, x, t, reduction, 0.5 if PARAM_NAME[fn] else None)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(t, t0)
    if isinstance(out, np.ndarray):
        assert not np.shares_memory(out, x) and not np.shares_memory(out, t)


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_read_only_inputs_work(fn):
    x = np.array([1.0, -2.0, 0.0])
    x.setflags(write=False)
    out = call(fn, x, x[::-1], "none")
    assert out.flags.writeable


# ---------------------------------------------------------------------------
# Bad input: ValueError naming the argument
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_shape_mismatch_names_both_shapes(fn):
    with pytest.raises(ValueError, match=r"target.*\(2,\).*input.*\(3,\)"):
        fn([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"\(3, 1\).*\(3,\)"):
        fn(np.zeros(3), np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"\(1,\)"):  # size 1 is not a scalar: no broadcasting
        fn(np.zeros(3), np.zeros(1))
    with pytest.raises(ValueError, match="target"):
        fn(1.0, [1.0, 2.0])


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("reduction", ["Mean", "avg", "", None, 1, ["sum"], "elementwise_mean"])
def test_unknown_reduction(fn, reduction):
    with pytest.raises(ValueError, match="reduction"):
        fn([1.0], [2.0], reduction=reduction)


BAD_ARRAYS = [
    "abc",
    b"12",
    ["1", 2],
    None,
    {"a": 1},
    {1, 2},
    [[1.0, 2.0], [3.0]],
    np.array([1, "a"], dtype=object),
    np.array([1.0, 2.0], dtype=object),
    np.array([1 + 2j]),
    [1 + 2j],
    10**400,
    np.array(["2020-01-01"], dtype="datetime64[D]"),
]


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", BAD_ARRAYS, ids=repr)
def test_non_numeric_input_or_target(fn, bad):
    with pytest.raises(ValueError, match="input"):
        fn(bad, 1.0)
    with pytest.raises(ValueError, match="target"):
        fn(np.array([1.0]), bad)


@pytest.mark.parametrize("fn", [smooth_l1_loss, smooth_l1_loss_grad], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "beta", [-1.0, -1e-300, np.nan, "1", None, True, np.array([1.0, 2.0]), 1 + 0j, 10**400, [1]]
)
def test_bad_beta(fn, beta):
    with pytest.raises(ValueError, match="beta"):
        fn([1.0], [2.0], beta=beta)


@pytest.mark.parametrize("fn", [huber_loss, huber_loss_grad], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "delta", [0.0, -0.0, -2.0, np.nan, "1", None, False, np.array([1.0, 2.0]), -np.inf]
)
def test_bad_delta(fn, delta):
    with pytest.raises(ValueError, match="delta"):
        fn([1.0], [2.0], delta=delta)


def test_parameters_accept_numpy_scalars_and_integers():
    x = [3.0, 0.2]
    expected = smooth_l1_loss(x, 0.0, "none", beta=2.0)
    for beta in (2, np.float32(2.0), np.int64(2), np.array(2.0)):
        np.testing.assert_array_equal(smooth_l1_loss(x, 0.0, "none", beta=beta), expected)


# ---------------------------------------------------------------------------
# Properties (hypothesis)
# ---------------------------------------------------------------------------


def away_from_kinks(r, param, margin):
    kinks = [0.0] if param is None else [0.0, param]
    return all(abs(abs(v) - k) > margin for v in r for k in kinks)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(list(LOSSES)),
    x=vectors,
    param=positive_param,
    data=st.data(),
)
def test_gradient_matches_central_differences(name, x, param, data):
    loss, grad, pname, _, _ = LOSSES[name]
    param = param if pname else None
    t = data.draw(hnp.arrays(np.float64, x.shape, elements=finite))
    h = 1e-6
    assume(away_from_kinks(x - t, param, margin=1e-3))
    v = data.draw(hnp.arrays(np.float64, x.shape, elements=st.floats(-1, 1)))
    for reduction in ("sum", "mean"):
        numeric = (
            call(loss, x + h * v, t, reduction, param) - call(loss, x - h * v, t, reduction, param)
        ) / (2 * h)
        analytic = float(np.dot(call(grad, x, t, reduction, param), v))
        # rounding error of the difference quotient: about eps * |loss| / h
        rounding = 100 * np.finfo(float).eps * (1 + abs(call(loss, x, t, reduction, param))) / h
        assert numeric == pytest.approx(analytic, rel=1e-6, abs=rounding)
    # "none": the elementwise derivative
    values = call(loss, x, t, "none", param)
    numeric = (call(loss, x + h, t, "none", param) - call(loss, x - h, t, "none", param)) / (2 * h)
    rounding = 100 * np.finfo(float).eps * (1 + np.abs(values)) / h
    assert np.all(
        np.abs(call(grad, x, t, "none", param) - numeric) <= 1e-6 * np.abs(numeric) + rounding
    )


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(list(LOSSES)), a=vectors, param=positive_param, data=st.data())
def test_convexity_midpoint(name, a, param, data):
    loss, _, pname, _, _ = LOSSES[name]
    param = param if pname else None
    b = data.draw(hnp.arrays(np.float64, a.shape, elements=finite))
    mid = call(loss, (a + b) / 2, 0.0, "none", param)
    avg = (call(loss, a, 0.0, "none", param) + call(loss, b, 0.0, "none", param)) / 2
    assert np.all(mid <= avg + 1e-12 * (1 + np.abs(avg)))


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(list(LOSSES)), x=vectors, param=positive_param, data=st.data())
def test_symmetric_in_the_residual(name, x, param, data):
    loss, grad, pname, _, _ = LOSSES[name]
    param = param if pname else None
    t = data.draw(hnp.arrays(np.float64, x.shape, elements=finite))
    # swapping input and target flips the residual's sign: same loss, opposite slope
    np.testing.assert_array_equal(call(loss, x, t, "none", param), call(loss, t, x, "none", param))
    np.testing.assert_array_equal(call(grad, x, t, "none", param), -call(grad, t, x, "none", param))
    np.testing.assert_array_equal(
        call(loss, x, 0.0, "none", param), call(loss, -x, 0.0, "none", param)
    )


@settings(max_examples=60, deadline=None)
@given(x=vectors, beta=st.floats(0, 10))
def test_smooth_l1_is_within_beta_over_2_of_l1(x, beta):
    # 0 <= |x| - smooth_l1_beta(x) <= beta/2, so smooth L1 -> L1 as beta -> 0
    gap = l1_loss(x, 0.0, "none") - smooth_l1_loss(x, 0.0, "none", beta=beta)
    assert np.all(gap >= -1e-12)
    assert np.all(gap <= beta / 2 + 1e-12)


@settings(max_examples=40, deadline=None)
@given(x=vectors)
def test_smooth_l1_tends_to_l1(x):
    l1 = l1_loss(x, 0.0, "sum")
    gaps = [l1 - smooth_l1_loss(x, 0.0, "sum", beta=b) for b in (1.0, 1e-2, 1e-4, 1e-8)]
    assert all(g2 <= g1 + 1e-12 for g1, g2 in zip(gaps, gaps[1:], strict=False))
    assert gaps[-1] <= x.size * 0.5e-8 + 1e-12


def test_smooth_l1_with_beta_zero_is_exactly_l1():
    x = np.array([-3.0, -1e-300, 0.0, 5e-324, 2.0, np.nan, np.inf])
    for reduction in REDUCTIONS:
        np.testing.assert_array_equal(
            smooth_l1_loss(x, 0.0, reduction, beta=0.0), l1_loss(x, 0.0, reduction)
        )
        np.testing.assert_array_equal(
            smooth_l1_loss_grad(x, 0.0, reduction, beta=0.0), l1_loss_grad(x, 0.0, reduction)
        )
    np.testing.assert_array_equal(
        smooth_l1_loss_grad(x, 0.0, "sum", beta=0.0), [-1, -1, 0, 1, 1, np.nan, 1]
    )


@settings(max_examples=60, deadline=None)
@given(x=vectors, delta=positive_param)
def test_huber_is_delta_times_smooth_l1(x, delta):
    np.testing.assert_allclose(
        huber_loss(x, 0.0, "none", delta=delta),
        delta * smooth_l1_loss(x, 0.0, "none", beta=delta),
        rtol=1e-14,
        atol=1e-300,
    )
    np.testing.assert_allclose(
        huber_loss_grad(x, 0.0, "none", delta=delta),
        delta * smooth_l1_loss_grad(x, 0.0, "none", beta=delta),
        rtol=1e-14,
        atol=1e-300,
    )


@settings(max_examples=60, deadline=None)
@given(x=vectors, factor=st.floats(1.0, 1e6))
def test_huge_delta_gives_least_squares(x, factor):
    delta = factor * (np.max(np.abs(x)) + 1e-3)
    # elementwise exactly half the squared error, and its gradient x
    np.testing.assert_array_equal(huber_loss(x, 0.0, "none", delta=delta), 0.5 * x * x)
    np.testing.assert_array_equal(huber_loss_grad(x, 0.0, "none", delta=delta), x)
    # reduced: half of mse_loss
    for reduction in ("sum", "mean"):
        assert huber_loss(x, 0.0, reduction, delta=delta) == pytest.approx(
            0.5 * mse_loss(x, 0.0, reduction), rel=1e-14, abs=1e-300
        )
    np.testing.assert_allclose(
        huber_loss_grad(x, 0.0, "mean", delta=delta), 0.5 * mse_loss_grad(x, 0.0, "mean")
    )
    # smooth L1 with a huge beta is the squared error divided by 2 beta
    np.testing.assert_allclose(
        smooth_l1_loss(x, 0.0, "none", beta=delta), x * x / (2 * delta), rtol=1e-14, atol=1e-300
    )


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(list(LOSSES)),
    x=hnp.arrays(
        st.sampled_from([np.float32, np.float64]),
        hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
        elements=st.floats(-1e3, 1e3, width=32),
    ),
    param=positive_param,
    reduction=st.sampled_from(REDUCTIONS),
)
def test_values_are_nonnegative_and_shapes_kept(name, x, param, reduction):
    loss, grad, pname, ref, _ = LOSSES[name]
    param = param if pname else None
    x0 = x.copy()
    value = call(loss, x, 0.0, reduction, param)
    g = call(grad, x, 0.0, reduction, param)
    np.testing.assert_array_equal(x, x0)
    assert g.shape == x.shape and g.dtype == x.dtype
    if reduction == "none":
        assert value.shape == x.shape and value.dtype == x.dtype
        assert np.all(value >= 0)
        rtol = 1e-6 if x.dtype == np.float32 else 1e-14
        expected = ref(x.astype(np.float64), 1.0 if param is None else param)
        np.testing.assert_allclose(value, expected, rtol=rtol, atol=1e-30)
    else:
        assert type(value) is float and (value >= 0 or (x.size == 0 and math.isnan(value)))


# ---------------------------------------------------------------------------
# Junk: only a correct-looking result or a ValueError, inputs untouched
# ---------------------------------------------------------------------------

scalar_junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(max_magnitude=10),
    st.text(max_size=4),
    st.binary(max_size=4),
    st.just(10**400),
    st.sampled_from(["mean", "sum", "none", "beta"]),
)
junk_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)
array_junk = st.one_of(
    hnp.arrays(  # numeric arrays, with NaN, inf and extreme values
        st.sampled_from(
            [np.float32, np.float64, np.float16, np.int64, np.int8, np.uint8, np.bool_]
        ),
        junk_shapes,
    ),
    hnp.arrays(np.complex128, junk_shapes),
    hnp.arrays(
        object,
        junk_shapes,
        elements=st.one_of(st.integers(-5, 5), st.floats(), st.text(max_size=2), st.none()),
    ),
    hnp.arrays(hnp.unicode_string_dtypes(max_len=3), junk_shapes),
)
junk = st.one_of(
    scalar_junk,
    array_junk,
    st.recursive(
        st.one_of(st.integers(-3, 3), st.floats(allow_nan=True), st.text(max_size=2), st.none()),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=2), children, max_size=2)
        ),
        max_leaves=8,
    ),
)


def snapshot(value):
    if isinstance(value, np.ndarray):
        return ("array", value.dtype, value.shape, value.tobytes())
    return ("other", copy.deepcopy(value))


def same(before, value):
    if before[0] == "array":
        return (value.dtype, value.shape, value.tobytes()) == before[1:]
    try:
        return bool(before[1] == value) or repr(before[1]) == repr(value)
    except Exception:  # pragma: no cover - comparison of exotic objects
        return repr(before[1]) == repr(value)


valid_arrays = hnp.arrays(
    st.sampled_from([np.float32, np.float64, np.int64]),
    hnp.array_shapes(min_dims=0, max_dims=2, max_side=4),
    elements=st.integers(-100, 100),
)


# Junk may hold values whose squares overflow: NumPy then warns and gives inf.
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@settings(max_examples=400, deadline=None)
@given(fn=st.sampled_from(ALL_FUNCTIONS), data=st.data())
def test_junk_gives_a_result_or_a_value_error(fn, data):
    # Some arguments (possibly none, possibly all) are junk, the others valid.
    names = ["input", "target", "reduction"] + ([PARAM_NAME[fn]] if PARAM_NAME[fn] else [])
    junk_names = data.draw(st.sets(st.sampled_from(names)), label="junk arguments")
    x = data.draw(junk if "input" in junk_names else valid_arrays, label="input")
    if "target" in junk_names:
        t = data.draw(junk, label="target")
    else:
        t = data.draw(
            st.one_of(
                st.floats(-5, 5), st.just(np.ones(x.shape if isinstance(x, np.ndarray) else ()))
            ),
            label="target",
        )
    kwargs = {
        "reduction": data.draw(
            scalar_junk if "reduction" in junk_names else st.sampled_from(REDUCTIONS),
            label="reduction",
        )
    }
    if PARAM_NAME[fn]:
        kwargs[PARAM_NAME[fn]] = data.draw(
            st.one_of(scalar_junk, array_junk) if PARAM_NAME[fn] in junk_names else positive_param,
            label=PARAM_NAME[fn],
        )
    args = [x, t, *kwargs.values()]
    before = [snapshot(v) for v in args]
    try:
        out = fn(x, t, **kwargs)
    except ValueError as exc:
        # the message names one of the arguments that were junk
        assert any(name in str(exc) for name in junk_names), (junk_names, str(exc))
    else:
        shape = np.shape(np.asarray(x))
        if fn.__name__.endswith("_grad") or kwargs["reduction"] == "none":
            assert isinstance(out, np.ndarray) and out.shape == shape
            assert out.dtype in (np.float32, np.float64)
        else:
            assert type(out) is float
    for b, v in zip(before, args, strict=True):
        assert same(b, v)


def test_legacy_reduction_table():
    from l1l2.losses import legacy_reduction

    assert legacy_reduction() == "mean"
    assert legacy_reduction(size_average=False) == "sum"
    assert legacy_reduction(reduce=False) == "none"
    assert legacy_reduction(size_average=False, reduce=False) == "none"
    assert legacy_reduction(size_average=True, reduce=True) == "mean"


@pytest.mark.parametrize("bad", ["yes", 1, 0.0, [True]])
def test_legacy_reduction_rejects_non_bools(bad):
    from l1l2.losses import legacy_reduction

    with pytest.raises(ValueError, match="size_average"):
        legacy_reduction(size_average=bad)
    with pytest.raises(ValueError, match="reduce"):
        legacy_reduction(reduce=bad)


def test_smooth_l1_huge_beta_is_the_tiny_quadratic_not_zero():
    # |x| < beta: 0.5 * x**2 / beta, representable although beta = 1e300
    # (the contract's rescaled reference underflows to 0 here, hence its tolerance)
    x = np.array([0.5, -0.5, 1.0, -0.25, 2.0])
    got = smooth_l1_loss(x, np.zeros(5), beta=1e300)
    assert got == pytest.approx(float(np.mean(0.5 * x**2)) / 1e300, rel=1e-12)


# -- pinball loss ------------------------------------------------------------------
def test_pinball_loss_values_reductions_and_l1_case():
    from l1l2.losses import pinball_loss, pinball_loss_grad
    x = np.array([0.0, 0.0, 1.0, -2.0])
    t = np.array([2.0, -2.0, 1.0, 1.0])
    r = t - x
    for tau in (0.1, 0.5, 0.9):
        ref = np.where(r >= 0, tau * r, (tau - 1) * r)
        assert np.allclose(pinball_loss(x, t, "none", tau=tau), ref, rtol=0, atol=1e-15)
        assert pinball_loss(x, t, "sum", tau=tau) == pytest.approx(ref.sum())
        assert pinball_loss(x, t, "mean", tau=tau) == pytest.approx(ref.mean())
        g = np.where(x - t > 0, 1 - tau, np.where(x - t < 0, -tau, 0.0))
        assert np.array_equal(pinball_loss_grad(x, t, "none", tau=tau), g)
        assert np.allclose(pinball_loss_grad(x, t, "mean", tau=tau), g / 4)
    assert np.array_equal(pinball_loss(x, t, "none", tau=0.5), 0.5 * l1_loss(x, t, "none"))
    assert math.isnan(pinball_loss(np.array([]), np.array([]), "mean"))
    assert pinball_loss_grad(np.array([np.nan]), 0.0, "none")[0] != 0.0


def test_pinball_minimizer_is_a_quantile():
    from l1l2.losses import pinball_loss
    y = np.random.default_rng(0).standard_normal(201)
    for tau in (0.1, 0.5, 0.8):
        totals = [pinball_loss(np.full_like(y, c), y, "sum", tau=tau) for c in y]
        c = y[int(np.argmin(totals))]
        assert np.mean(y < c) <= tau <= np.mean(y <= c)


def test_pinball_float32_and_bad_tau():
    from l1l2.losses import pinball_loss
    x = np.array([1.0, 2.0], dtype=np.float32)
    assert pinball_loss(x, 0.0, "none", tau=0.25).dtype == np.float32
    x0 = x.copy()
    pinball_loss(x, 0.0, "none", tau=0.25)
    assert np.array_equal(x, x0)
    for bad in (0.0, 1.0, -0.5, math.nan):
        with pytest.raises(ValueError, match="tau"):
            pinball_loss(x, 0.0, tau=bad)
