"""Tests for l1l2.penalties: toy values, the prox, dtypes, bad input, overflow."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from l1l2.penalties import (
    l0_count,
    l1_penalty,
    l2_norm,
    l2_penalty,
    mcp_threshold,
    scad_threshold,
    soft_threshold,
)

finite = st.floats(-100, 100, allow_nan=False, allow_infinity=False)
arrays_any_shape = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=4), elements=finite
)
thresholds = st.floats(0, 50, allow_nan=False)


# Every public function, called with a valid second argument where it needs one.
# name -> (function, name of its array argument, {parameter name: valid value})
FUNCTIONS = {
    "l1_penalty": (l1_penalty, "w", {}),
    "l2_penalty": (l2_penalty, "w", {}),
    "l0_count": (l0_count, "w", {"tol": 0.1}),
    "l2_norm": (l2_norm, "w", {}),
    "soft_threshold": (soft_threshold, "x", {"t": 0.5}),
}
PROXES = {"soft_threshold"}


def apply(name, w, **override):
    fn, _, params = FUNCTIONS[name]
    return fn(w, **{**params, **override})


# ---------------------------------------------------------------------------
# Toy values
# ---------------------------------------------------------------------------

W = [3.0, -4.0, 0.0]


def test_toy_values():
    assert l1_penalty(W) == 7.0
    assert l2_penalty(W) == 12.5
    assert l0_count(W) == 2
    assert l2_norm(W) == 5.0
    np.testing.assert_array_equal(soft_threshold(W, 1.0), [2.0, -3.0, 0.0])
    np.testing.assert_array_equal(soft_threshold(W, 5.0), [0.0, 0.0, 0.0])


def test_return_types():
    for name in ("l1_penalty", "l2_penalty", "l2_norm"):
        assert type(apply(name, W)) is float
        assert type(apply(name, np.float32(W))) is float
    assert type(l0_count(W)) is int
    for name in PROXES:
        out = apply(name, W)
        assert isinstance(out, np.ndarray) and out.shape == (3,)


def test_arrays_of_any_shape_are_one_flat_vector():
    w = np.array([[3.0, 0.0], [0.0, -4.0]])
    assert l1_penalty(w) == 7.0 and l2_penalty(w) == 12.5 and l2_norm(w) == 5.0
    assert l0_count(w) == 2
    assert soft_threshold(w, 1.0).shape == (2, 2)
    # 0-d input
    assert l1_penalty(-2.5) == 2.5
    out = soft_threshold(-2.5, 1.0)
    assert isinstance(out, np.ndarray) and out.shape == () and out == -1.5


def test_empty_arrays_give_the_empty_sum():
    empty = np.zeros((0,))
    assert l1_penalty(empty) == 0.0 and l2_penalty(empty) == 0.0
    assert l0_count(empty) == 0
    assert l2_norm(empty) == 0.0 and l2_norm(np.zeros((2, 3))) == 0.0
    assert soft_threshold(np.zeros((2, 0)), 1.0).shape == (2, 0)


def test_l0_count_tolerance():
    w = [0.0, 1e-12, -1e-12, 0.5, -2.0]
    assert l0_count(w) == 4
    assert l0_count(w, tol=1e-9) == 2
    assert l0_count(w, tol=0.5) == 1  # |w_i| > tol, strictly
    assert l0_count(w, tol=np.inf) == 0
    # tol is compared in the dtype of w: float32(0.1) is not above tol=0.1
    assert l0_count(np.float32([0.1, 0.2]), tol=0.1) == 1


def test_norms_do_not_overflow_or_underflow():
    big = [3e200, 4e200]
    assert l2_norm(big) == pytest.approx(5e200, rel=1e-15)
    tiny = [3e-200, 4e-200]
    assert l2_norm(tiny) == pytest.approx(5e-200, rel=1e-15)
    assert l2_norm(np.float32([3e30, 4e30])) == pytest.approx(5e30, rel=1e-6)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(w=arrays_any_shape)
def test_penalties_match_their_formulas(w):
    assert l1_penalty(w) == pytest.approx(np.sum(np.abs(w)), rel=1e-14, abs=1e-300)
    assert l2_penalty(w) == pytest.approx(0.5 * np.sum(w**2), rel=1e-14, abs=1e-300)
    assert l2_norm(w) == pytest.approx(math.hypot(*w.ravel()), rel=1e-14)  # no underflow
    assert l0_count(w) == np.count_nonzero(w)


@settings(max_examples=100, deadline=None)
@given(x=arrays_any_shape, t=thresholds)
def test_soft_threshold_formula(x, t):
    out = soft_threshold(x, t)
    np.testing.assert_array_equal(out, np.sign(x) * np.maximum(np.abs(x) - t, 0))
    assert np.all(out[np.abs(x) <= t] == 0)  # exact zeros: sparsity
    assert np.all(np.abs(out) <= np.abs(x))  # shrinks towards 0, never crosses it
    assert np.all(out * x >= 0)


@settings(max_examples=100, deadline=None)
@given(x=finite, t=thresholds)
def test_soft_threshold_is_the_prox_of_t_abs(x, t):
    z = float(soft_threshold(x, t))

    def objective(v):
        return 0.5 * (v - x) ** 2 + t * np.abs(v)

    # optimality condition: 0 in z - x + t * d|z|
    if z == 0:
        assert abs(x) <= t
    else:
        assert z - x + t * np.sign(z) == pytest.approx(0.0, abs=1e-12 * (1 + abs(x)))
    # and no point of a fine grid around x does better
    grid = np.linspace(x - t - 1, x + t + 1, 2001)
    assert objective(z) <= objective(grid).min() + 1e-12 * (1 + abs(x) + t)


# ---------------------------------------------------------------------------
# Dtypes and inputs left alone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PROXES))
def test_prox_dtypes(name):
    assert apply(name, np.float32([1.0, -2.0])).dtype == np.float32
    assert apply(name, np.float32([1.0, -2.0]), t=np.float64(0.5)).dtype == np.float32
    assert apply(name, np.float64([1.0, -2.0])).dtype == np.float64
    assert apply(name, [1, -2]).dtype == np.float64
    assert apply(name, np.array([1, -2], dtype=np.int8)).dtype == np.float64
    assert apply(name, [True, False]).dtype == np.float64


def test_float32_is_computed_in_float32():
    x = np.float32([0.3, -0.7, 1.1])
    expected = x - np.clip(x, np.float32(-0.2), np.float32(0.2))
    np.testing.assert_array_equal(soft_threshold(x, 0.2), expected)
    assert l1_penalty(x) == float(np.abs(x).sum())


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_inputs_not_modified(name, dtype):
    w = np.array([[0.3, -2.0], [0.0, 5.0]]).astype(dtype)
    w0 = w.copy()
    out = apply(name, w)
    np.testing.assert_array_equal(w, w0)
    if isinstance(out, np.ndarray):
        assert not np.shares_memory(out, w)
    ro = w0.copy()
    ro.setflags(write=False)
    apply(name, ro)  # read-only input works


# ---------------------------------------------------------------------------
# Bad input: ValueError naming the argument
# ---------------------------------------------------------------------------

BAD_ARRAYS = [
    "abc",
    b"1",
    None,
    {"a": 1},
    [[1.0, 2.0], [3.0]],
    ["1", 2.0],
    np.array([1.0, 2.0], dtype=object),
    np.array([1 + 1j]),
    10**400,
]
NON_FINITE = [[1.0, np.nan], [np.inf, 0.0], np.float32([-np.inf]), np.nan]


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("bad", BAD_ARRAYS + NON_FINITE, ids=repr)
def test_bad_arrays(name, bad):
    arg = FUNCTIONS[name][1]
    with pytest.raises(ValueError, match=rf"^{arg}\b"):
        apply(name, bad)


BAD_PARAMETERS = {
    "tol": [-1e-12, -np.inf, np.nan, "0", None, False, 1j],
    "t": [-0.5, -np.inf, np.nan, "1", None, True, np.array([0.5, 1.0]), 1 + 1j],
}


@pytest.mark.parametrize(
    "name, param, bad",
    [
        (name, param, bad)
        for name, (_, _, params) in FUNCTIONS.items()
        for param in params
        for bad in BAD_PARAMETERS[param]
    ],
    ids=repr,
)
def test_bad_parameters(name, param, bad):
    with pytest.raises(ValueError, match=rf"^{param}\b"):
        apply(name, [1.0, -2.0], **{param: bad})


def test_parameters_accept_numpy_scalars_and_size_one_arrays():
    assert l0_count(W, np.float32(0.5)) == l0_count(W, 0.5) == 2
    np.testing.assert_array_equal(soft_threshold(W, np.array([1.0])), soft_threshold(W, 1.0))
    assert soft_threshold(W, np.inf).tolist() == [0.0, 0.0, 0.0]
    assert soft_threshold(np.float32(W), 1e300).dtype == np.float32  # no overflow error


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
)
junk_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)
array_junk = st.one_of(
    hnp.arrays(
        st.sampled_from([np.float32, np.float64, np.float16, np.int64, np.uint8, np.bool_]),
        junk_shapes,
    ),
    hnp.arrays(np.complex64, junk_shapes),
    hnp.arrays(object, junk_shapes, elements=st.one_of(st.integers(), st.floats(), st.none())),
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
valid_params = {
    "tol": st.floats(0, 10),
    "t": st.floats(0, 10),
}


def snapshot(value):
    if isinstance(value, np.ndarray):
        return ("array", value.dtype, value.shape, value.tobytes())
    return ("other", copy.deepcopy(value))


def same(before, value):
    if before[0] == "array":
        return (value.dtype, value.shape, value.tobytes()) == before[1:]
    return bool(before[1] == value) or repr(before[1]) == repr(value)


# Junk may hold values whose squares overflow: NumPy then warns and gives inf.
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(list(FUNCTIONS)), data=st.data())
def test_junk_gives_a_result_or_a_value_error(name, data):
    fn, arg, params = FUNCTIONS[name]
    names = [arg, *params]
    junk_names = data.draw(st.sets(st.sampled_from(names)), label="junk arguments")
    if arg in junk_names:
        w = data.draw(junk, label=arg)
    else:
        w = data.draw(arrays_any_shape, label=arg)
    kwargs = {
        p: data.draw(
            st.one_of(scalar_junk, array_junk) if p in junk_names else valid_params[p], label=p
        )
        for p in params
    }
    args = [w, *kwargs.values()]
    before = [snapshot(v) for v in args]
    try:
        out = fn(w, **kwargs)
    except ValueError as exc:
        assert any(str(exc).startswith(n) for n in junk_names), (junk_names, str(exc))
    else:
        if name in PROXES:
            assert isinstance(out, np.ndarray) and out.shape == np.shape(np.asarray(w))
            assert out.dtype in (np.float32, np.float64) and np.all(np.isfinite(out))
        elif name == "l0_count":
            assert type(out) is int and 0 <= out <= np.size(np.asarray(w))
        else:
            assert type(out) is float and (out >= 0 or math.isinf(out))
    for b, v in zip(before, args, strict=True):
        assert same(b, v)


# --- over- and underflow: the right answer where representable, else a named error


def test_l2_penalty_beyond_float_range_is_a_named_error_without_warnings():
    import warnings

    w = np.array([0.5, -1.0, 2.0, 0.0, 3.5]) * 1e300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"\bw\b.*float range"):
            l2_penalty(w)
        # the L1 penalty and the (unsquared) norm are representable
        assert l1_penalty(w) == pytest.approx(7e300, rel=1e-12)
        assert l2_norm(w) == pytest.approx(math.hypot(*w), rel=1e-14)


def test_l2_penalty_rescales_when_only_the_squares_overflow():
    # float32 squares overflow, the answer (1.25e61) is a fine float
    assert l2_penalty(np.float32([3e30, 4e30])) == pytest.approx(0.5 * 25e60, rel=1e-6)
    # float64: the answer just below the float range
    assert l2_penalty([1e154, 1e154]) == pytest.approx(1e308, rel=1e-12)


def test_l2_norm_rescales_and_refuses_a_norm_beyond_the_float_range():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # float32: the product overflows float32, the answer is a fine float
        big32 = np.float32([3e38, 3e38])
        assert l2_norm(big32) == pytest.approx(float(big32[0]) * math.sqrt(2), rel=1e-7)
        # float64: just below the float range is an answer, beyond it a named error
        assert l2_norm([1.2e308, 1.2e308]) == pytest.approx(1.2e308 * math.sqrt(2), rel=1e-14)
        with pytest.raises(ValueError, match=r"^w\b.*float range"):
            l2_norm([1.5e308, -1.5e308])


# SCAD and MCP thresholding ------------------------------------------------------
def _scad_penalty(z, lam, a):
    """Fan & Li's (2001) SCAD penalty, by its three pieces."""
    z = np.abs(z)
    return np.where(z <= lam, lam * z,
                    np.where(z <= a * lam, (2 * a * lam * z - z**2 - lam**2) / (2 * (a - 1)),
                             lam**2 * (a + 1) / 2))


def _mcp_penalty(z, lam, gamma):
    """Zhang's (2010) MCP penalty."""
    z = np.abs(z)
    return np.where(z <= gamma * lam, lam * z - z**2 / (2 * gamma), gamma * lam**2 / 2)


@pytest.mark.parametrize("rule, pen, par", [
    (scad_threshold, _scad_penalty, 3.7), (scad_threshold, _scad_penalty, 2.5),
    (mcp_threshold, _mcp_penalty, 3.0), (mcp_threshold, _mcp_penalty, 1.5)])
def test_thresholding_rules_minimize_their_penalized_objective(rule, pen, par):
    lam = 0.8
    grid = np.linspace(-6, 6, 240_001)  # step 5e-5
    xs = np.linspace(-5, 5, 81)
    got = rule(xs, lam, par)
    for x, g in zip(xs, got, strict=True):
        obj = 0.5 * (grid - x) ** 2 + pen(grid, lam, par)
        assert g == pytest.approx(grid[np.argmin(obj)], abs=1e-4)


@pytest.mark.parametrize("rule, par, knee", [(scad_threshold, 3.7, 3.7),
                                             (mcp_threshold, 3.0, 3.0)])
def test_thresholding_rules_are_continuous_and_unbiased_for_large_values(rule, par, knee):
    lam = 1.3
    x = np.linspace(-8, 8, 160_001)
    out = rule(x, lam, par)
    assert np.max(np.abs(np.diff(out))) < 1e-3  # continuous: no jump on a fine grid
    big = np.abs(x) > knee * lam
    assert np.array_equal(out[big], x[big])  # identity beyond a*lam (gamma*lam)
    assert np.all(out[np.abs(x) <= lam] == 0.0)  # zero where soft thresholding is


def test_scad_equals_soft_near_zero_and_mcp_tends_to_soft():
    x = np.linspace(-2, 2, 401)
    assert np.array_equal(scad_threshold(x, 1.0), soft_threshold(x, 1.0))  # |x| <= 2 lam
    assert np.allclose(mcp_threshold(x, 1.0, 1e9), soft_threshold(x, 1.0), atol=1e-8)
    x = np.array([0.5, 1.5, 3.5])
    assert np.allclose(mcp_threshold(x, 1.0, 1.0 + 1e-12), [0.0, 1.5, 3.5])  # -> hard


@pytest.mark.parametrize("rule, bad", [(scad_threshold, {"a": 2.0}),
                                       (mcp_threshold, {"gamma": 1.0})])
def test_thresholding_rules_reject_bad_parameters_and_keep_the_input(rule, bad):
    (name,) = bad
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        rule([1.0], 1.0, **bad)
    with pytest.raises(ValueError, match=r"^t\b"):
        rule([1.0], -1.0)
    with pytest.raises(ValueError, match=r"^x\b"):
        rule([np.nan], 1.0)
    x = np.array([3.0, -0.5])
    rule(x, 1.0)
    assert np.array_equal(x, [3.0, -0.5])
