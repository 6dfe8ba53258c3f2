"""Cross-check l1l2.losses against torch.nn.functional and autograd.

Values and gradients are compared for every loss, every reduction, float64 and
float32, several beta/delta values (beta = 0 included), residuals exactly on
the boundary |x| == beta, and exact zeros of the residual (the kink of |x|).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip(
    "torch", reason="PyTorch is an optional test extra (torch==2.13.0 in requirements-dev.txt)")
F = torch.nn.functional

from l1l2 import losses  # noqa: E402

pytestmark = pytest.mark.torch

BETAS = [0.0, 1e-3, 0.3, 0.5, 1.0, 2.0, 7.0]
DELTAS = [1e-3, 0.3, 0.5, 1.0, 2.0, 7.0]
REDUCTIONS = ["none", "mean", "sum"]
DTYPES = [np.float64, np.float32]

# (our loss, our gradient, torch loss, name of the parameter or None, its values)
CASES = {
    "l1": (losses.l1_loss, losses.l1_loss_grad, F.l1_loss, None, [None]),
    "mse": (losses.mse_loss, losses.mse_loss_grad, F.mse_loss, None, [None]),
    "smooth_l1": (
        losses.smooth_l1_loss,
        losses.smooth_l1_loss_grad,
        F.smooth_l1_loss,
        "beta",
        BETAS,
    ),
    "huber": (losses.huber_loss, losses.huber_loss_grad, F.huber_loss, "delta", DELTAS),
}
PARAMETRIZED = [(name, param) for name, case in CASES.items() for param in case[4]]


def make_data(param, dtype, size=200, seed=0):
    """Inputs and targets whose residuals include 0, +-param exactly, values
    just inside and outside +-param, and random values of several scales."""
    rng = np.random.default_rng(seed)
    p = dtype(1.0 if not param else param)
    special = np.array(
        [
            0.0,
            -0.0,
            p,
            -p,
            np.nextafter(p, 0),
            -np.nextafter(p, 0),
            np.nextafter(p, 2 * p),
            -np.nextafter(p, 2 * p),
            p / 2,
            3 * p,
            1e-30,
        ],
        dtype=dtype,
    )
    scale = float(p) * np.array([0.01, 1.0, 30.0])[rng.integers(0, 3, size)]
    random = (rng.standard_normal(size) * scale).astype(dtype)
    x = np.concatenate([special, random, random[:20]])
    t = np.concatenate([np.zeros(special.size), np.zeros(size), random[:20]]).astype(dtype)
    # a second block of residuals with nonzero targets (exact in binary)
    x2 = (rng.integers(-8, 8, 40) * 0.25).astype(dtype)
    t2 = (rng.integers(-8, 8, 40) * 0.25).astype(dtype)
    return np.concatenate([x, x2]), np.concatenate([t, t2])


def tolerances(dtype, reduction):
    eps = float(np.finfo(dtype).eps)
    if reduction == "none":
        return dict(rtol=2 * eps, atol=0.0)
    return dict(rtol=64 * eps, atol=0.0)  # summation order differs


def ours(fn, pname, param, x, t, reduction):
    kwargs = {pname: param} if pname else {}
    return fn(x, t, reduction=reduction, **kwargs)


def torch_value_and_grad(tfn, pname, param, x, t, reduction):
    xt = torch.tensor(x, requires_grad=True)
    tt = torch.tensor(t)
    kwargs = {pname: param} if pname else {}
    value = tfn(xt, tt, reduction=reduction, **kwargs)
    (value.sum() if reduction == "none" else value).backward()
    return value.detach().numpy(), xt.grad.numpy()


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name, param", PARAMETRIZED)
def test_values_and_gradients_match_torch(name, param, reduction, dtype):
    loss, grad, tfn, pname, _ = CASES[name]
    x, t = make_data(param, dtype)
    x0, t0 = x.copy(), t.copy()
    ref_value, ref_grad = torch_value_and_grad(tfn, pname, param, x, t, reduction)
    value = ours(loss, pname, param, x, t, reduction)
    g = ours(grad, pname, param, x, t, reduction)
    if reduction == "none":
        assert value.dtype == dtype and value.shape == x.shape
        np.testing.assert_allclose(value, ref_value, **tolerances(dtype, reduction))
    else:
        assert type(value) is float
        assert value == pytest.approx(float(ref_value), rel=tolerances(dtype, reduction)["rtol"])
    assert g.dtype == dtype and g.shape == x.shape
    # gradients are elementwise, so they match as tightly for every reduction
    np.testing.assert_allclose(g, ref_grad, **tolerances(dtype, "none"))
    # the kinks and the boundary: exactly the same numbers
    special = slice(0, 11)
    np.testing.assert_array_equal(g[special], ref_grad[special])
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(t, t0)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, param", PARAMETRIZED)
def test_elementwise_values_are_bit_exact(name, param, dtype):
    # stronger than needed, but true of this implementation: same formulas,
    # same order of floating-point operations as PyTorch's CPU kernels
    loss, _, tfn, pname, _ = CASES[name]
    x, t = make_data(param, dtype, size=2000, seed=1)
    ref_value, _ = torch_value_and_grad(tfn, pname, param, x, t, "none")
    np.testing.assert_array_equal(ours(loss, pname, param, x, t, "none"), ref_value)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, param", PARAMETRIZED)
def test_many_elements_and_two_dimensions(name, param, dtype):
    loss, grad, tfn, pname, _ = CASES[name]
    rng = np.random.default_rng(2)
    scale = 1.0 if not param else param
    x = (rng.standard_normal((3, 50_000)) * 2 * scale).astype(dtype)
    t = (rng.standard_normal((3, 50_000)) * scale).astype(dtype)
    for reduction in ("mean", "sum"):
        ref_value, ref_grad = torch_value_and_grad(tfn, pname, param, x, t, reduction)
        value = ours(loss, pname, param, x, t, reduction)
        rtol = 1e-12 if dtype == np.float64 else 1e-5
        assert value == pytest.approx(float(ref_value), rel=rtol)
        np.testing.assert_allclose(
            ours(grad, pname, param, x, t, reduction), ref_grad, **tolerances(dtype, "none")
        )


@pytest.mark.parametrize("name, param", PARAMETRIZED)
def test_scalar_target_matches_torch_with_a_full_target(name, param):
    loss, grad, tfn, pname, _ = CASES[name]
    x = np.array([[-3.0, 0.5], [0.25, 2.0]], dtype=np.float32)
    ref_value, ref_grad = torch_value_and_grad(tfn, pname, param, x, np.full_like(x, 0.25), "mean")
    value = ours(loss, pname, param, x, 0.25, "mean")
    assert value == pytest.approx(float(ref_value), rel=1e-6)
    np.testing.assert_allclose(ours(grad, pname, param, x, 0.25, "mean"), ref_grad, rtol=1e-7)


@pytest.mark.parametrize("name, param", PARAMETRIZED)
def test_empty_input_matches_torch(name, param):
    loss, grad, tfn, pname, _ = CASES[name]
    x = np.zeros(0)
    for reduction in ("mean", "sum"):
        ref_value, ref_grad = torch_value_and_grad(tfn, pname, param, x, x, reduction)
        value = ours(loss, pname, param, x, x, reduction)
        assert (math.isnan(value) and math.isnan(ref_value)) or value == ref_value == 0.0
        assert ours(grad, pname, param, x, x, reduction).shape == ref_grad.shape == (0,)


@pytest.mark.parametrize("name, param", PARAMETRIZED)
def test_nan_residual(name, param):
    """Values: NaN like PyTorch. Gradients: NaN, also where PyTorch's L1
    gradient (l1_loss, smooth_l1_loss with beta=0) hides it as 0."""
    loss, grad, tfn, pname, _ = CASES[name]
    x = np.array([np.nan, 1.0, 0.0])
    t = np.array([0.0, np.nan, 0.0])
    ref_value, ref_grad = torch_value_and_grad(tfn, pname, param, x, t, "none")
    value = ours(loss, pname, param, x, t, "none")
    g = ours(grad, pname, param, x, t, "none")
    np.testing.assert_array_equal(value, ref_value)  # NaN, NaN, 0
    assert np.isnan(g[:2]).all() and g[2] == ref_grad[2] == 0.0
    l1_like = name == "l1" or (name == "smooth_l1" and param == 0.0)
    if l1_like:
        np.testing.assert_array_equal(ref_grad[:2], [0.0, 0.0])  # PyTorch hides the NaN
    else:
        assert np.isnan(ref_grad[:2]).all()


@pytest.mark.parametrize("size_average", [None, True, False])
@pytest.mark.parametrize("reduce", [None, True, False])
def test_legacy_reduction_matches_torch(size_average, reduce):
    from torch.nn import _reduction

    expected = _reduction.legacy_get_string(size_average, reduce, emit_warning=False)
    assert losses.legacy_reduction(size_average=size_average, reduce=reduce) == expected
