"""Cross-check sgd_step, sgd_momentum_step, sgdw_step, adam_step and adamw_step against
torch.optim on the same gradients."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip(
    "torch", reason="PyTorch is an optional extra (requirements-dev.txt pins torch==2.13.0)"
)

from l1l2.optim import (  # noqa: E402
    adam_step,
    adamw_step,
    sgd_momentum_step,
    sgd_step,
    sgdw_step,
)

pytestmark = pytest.mark.torch

N_STEPS = 20


def gradients(seed, shape=(3, 4)):
    rng = np.random.default_rng(seed)
    w0 = rng.standard_normal(shape)
    # gradients of varying size and sign, with an exact zero in the mix
    G = rng.standard_normal((N_STEPS, *shape)) * np.logspace(-3, 1, N_STEPS)[:, None, None]
    G[3, 0, 0] = 0.0
    return w0, G


def run_torch(opt_cls, w0, G, **kwargs):
    p = torch.tensor(w0.copy(), dtype=torch.float64, requires_grad=True)
    opt = opt_cls([p], **kwargs)
    out = []
    for g in G:
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.array(out), opt.state[p]


@pytest.mark.parametrize("lr, weight_decay", [(0.1, 0.0), (0.05, 0.3), (1.0, 1e-2)])
def test_sgd_matches_torch(lr, weight_decay):
    w0, G = gradients(0)
    ref, _ = run_torch(torch.optim.SGD, w0, G, lr=lr, weight_decay=weight_decay)
    w = w0.copy()
    for k, g in enumerate(G):
        w = sgd_step(w, g, lr, weight_decay=weight_decay)
        np.testing.assert_allclose(w, ref[k], rtol=1e-13, atol=1e-15)


ADAM_SETTINGS = [
    dict(lr=1e-3),
    dict(lr=0.1, betas=(0.8, 0.99), eps=1e-6),
    dict(lr=0.05, weight_decay=0.2),
    dict(lr=0.02, betas=(0.3, 0.5), eps=1e-10, weight_decay=1e-3),  # lerp's other branch
]


@pytest.mark.parametrize("kwargs", ADAM_SETTINGS, ids=str)
def test_adam_matches_torch(kwargs):
    w0, G = gradients(1)
    ref, tstate = run_torch(torch.optim.Adam, w0, G, **kwargs)
    w, state = w0.copy(), {}
    for k, g in enumerate(G):
        w = adam_step(w, g, state, **kwargs)
        np.testing.assert_allclose(w, ref[k], rtol=1e-13, atol=1e-15)
    assert state["step"] == int(tstate["step"]) == N_STEPS
    np.testing.assert_allclose(state["m"], tstate["exp_avg"].numpy(), rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(state["v"], tstate["exp_avg_sq"].numpy(), rtol=1e-13, atol=1e-16)


@pytest.mark.parametrize("kwargs", [
    dict(), dict(lr=0.1, weight_decay=0.5), dict(lr=0.01, betas=(0.5, 0.9), weight_decay=0.0),
], ids=str)
def test_adamw_matches_torch(kwargs):
    w0, G = gradients(2)
    ref, tstate = run_torch(torch.optim.AdamW, w0, G, **kwargs)
    w, state = w0.copy(), {}
    for k, g in enumerate(G):
        w = adamw_step(w, g, state, **kwargs)
        np.testing.assert_allclose(w, ref[k], rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(state["v"], tstate["exp_avg_sq"].numpy(), rtol=1e-13, atol=1e-16)


def test_adam_and_adamw_differ_only_in_where_the_decay_goes():
    w0, G = gradients(3)
    kw = dict(lr=0.05, weight_decay=0.1)
    adam_ref, _ = run_torch(torch.optim.Adam, w0, G, **kw)
    adamw_ref, _ = run_torch(torch.optim.AdamW, w0, G, **kw)
    assert np.abs(adam_ref[-1] - adamw_ref[-1]).max() > 1e-4  # the two rules really differ
    w_a, w_w, s_a, s_w = w0.copy(), w0.copy(), {}, {}
    for g in G:
        w_a = adam_step(w_a, g, s_a, **kw)
        w_w = adamw_step(w_w, g, s_w, **kw)
    np.testing.assert_allclose(w_a, adam_ref[-1], rtol=1e-13)
    np.testing.assert_allclose(w_w, adamw_ref[-1], rtol=1e-13)


def test_float32_matches_torch_float32():
    w0, G = gradients(4)
    w0, G = w0.astype(np.float32), G.astype(np.float32)
    p = torch.tensor(w0.copy(), requires_grad=True)
    opt = torch.optim.Adam([p], lr=0.01, weight_decay=0.1)
    w, state = w0.copy(), {}
    for g in G:
        p.grad = torch.tensor(g)
        opt.step()
        w = adam_step(w, g, state, lr=0.01, weight_decay=0.1)
    assert w.dtype == np.float32
    np.testing.assert_allclose(w, p.detach().numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("lr, momentum, weight_decay",
                         [(0.1, 0.9, 0.0), (0.05, 0.9, 0.3), (0.5, 0.3, 1e-2)])
def test_sgd_momentum_matches_torch(lr, momentum, weight_decay):
    w0, G = gradients(5)
    ref, tstate = run_torch(torch.optim.SGD, w0, G, lr=lr, momentum=momentum,
                            weight_decay=weight_decay)
    w, state = w0.copy(), {}
    for k, g in enumerate(G):
        w = sgd_momentum_step(w, g, state, lr, momentum=momentum, weight_decay=weight_decay)
        np.testing.assert_allclose(w, ref[k], rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(state["momentum_buffer"], tstate["momentum_buffer"].numpy(),
                               rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("lr, momentum, weight_decay", [(0.05, 0.9, 0.3), (0.2, 0.5, 1.0)])
def test_sgdw_is_torch_sgd_momentum_on_the_raw_gradient_after_an_adamw_style_decay(
        lr, momentum, weight_decay):
    w0, G = gradients(6)
    p = torch.tensor(w0.copy(), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
    w, state = w0.copy(), {}
    for g in G:
        with torch.no_grad():
            p.mul_(1 - lr * weight_decay)  # what AdamW does before its step
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        w = sgdw_step(w, g, state, lr, momentum=momentum, weight_decay=weight_decay)
        np.testing.assert_allclose(w, p.detach().numpy(), rtol=1e-13, atol=1e-15)


def test_torch_sgd_momentum_and_sgdw_reach_ridge_and_ridge_times_one_minus_beta():
    # a quadratic: loss (1/n)||Xw - y||^2, weight_decay 0.3, momentum 0.9
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(60, 3)), rng.normal(size=60)
    n, lam, beta = 60, 0.3, 0.9

    def ridge_half(c):  # minimizer of (1/n)||Xw - y||^2 + (c/2)||w||^2
        return np.linalg.solve(2 * X.T @ X / n + c * np.eye(3), 2 * X.T @ y / n)

    for decoupled, target in ((False, ridge_half(lam)), (True, ridge_half(lam * (1 - beta)))):
        p = torch.zeros(3, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.SGD([p], lr=0.05, momentum=beta,
                              weight_decay=0.0 if decoupled else lam)
        Xt, yt = torch.tensor(X), torch.tensor(y)
        for _ in range(1500):
            opt.zero_grad()
            ((Xt @ p - yt) ** 2).mean().backward()
            if decoupled:
                with torch.no_grad():
                    p.mul_(1 - 0.05 * lam)
            opt.step()
        np.testing.assert_allclose(p.detach().numpy(), target, rtol=0, atol=1e-10)
