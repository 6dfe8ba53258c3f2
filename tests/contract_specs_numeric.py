"""Contract specs for the numeric modules of l1l2 (and book.glue): losses, penalties,
linear_model, optim, geometry, robust, boxes, selection, priors and datasets
(see tests/contract.py).

Valid calls are tiny (n = 5..20) so that the whole contract runs in seconds.
Where a function is homogeneous (``f(c x) = c**d f(x)``), its ``check``
verifies the answer at extreme magnitudes against the same call rescaled to
unit size: an answer at 1e-300 or 1e300 must be the right one, not merely
finite.
"""

from __future__ import annotations

import inspect
import math

import numpy as np
from contract import Spec, array, choice, count, flag, function, other, scalar

from l1l2 import (
    book,
    boxes,
    datasets,
    geometry,
    linear_model,
    losses,
    optim,
    penalties,
    priors,
    robust,
    selection,
)
from l1l2.linear_model._coordinate_descent import _METHODS

# ---------------------------------------------------------------------------
# Small data
# ---------------------------------------------------------------------------

_rng = np.random.default_rng(0)
X5 = np.array([0.5, -1.0, 2.0, 0.0, 3.5])
Y5 = np.array([0.0, -0.5, 1.0, 0.25, 1.5])
XM = np.round(_rng.normal(size=(12, 3)), 3)  # a 12 x 3 design
YM = np.round(XM @ [1.5, 0.0, -2.0] + 0.3 * _rng.normal(size=12), 3)
X2 = XM[:, :2].copy()
BOX = np.array([1.0, 2.0, 11.0, 22.0])
ANCHOR = np.array([0.0, 0.0, 10.0, 20.0])
BOXES = np.array([[1.0, 2.0, 11.0, 22.0], [0.0, 0.0, 4.0, 4.0], [5.0, 5.0, 9.0, 8.0]])
ANCHORS = np.array([[0.0, 0.0, 10.0, 20.0], [1.0, 1.0, 5.0, 5.0], [4.0, 5.0, 9.0, 9.0]])
WEIGHTS = (1.0, 1.0, 1.0, 1.0)

POSITIVE = {"low": 0, "low_inclusive": False}
TORCH = (
    "mirrors torch.nn.functional: NaN and inf propagate and squares overflow to inf "
    "(pinned in tests/test_losses.py)"
)
PASS_THROUGH = "returns (a function of) the data it is given, NaN and inf included"


# ---------------------------------------------------------------------------
# Checks at extreme magnitudes
# ---------------------------------------------------------------------------


def _pow2_below(s):
    return 2.0 ** math.floor(math.log2(s))


def homogeneous(func, degree, arrays, params=()):
    """A check for ``func(c * arrays, c * params) == c**degree * func(...)``.

    The reference is the same call with ``arrays`` and ``params`` divided by a
    power of two near their largest magnitude (exact), then multiplied back.
    The comparison is skipped when the reference itself cannot be computed or
    is not finite (the finiteness of the result is checked separately).
    """
    sig = inspect.signature(func)

    def check(result, args, kwargs):
        bound = sig.bind(*args, **kwargs)
        values = [np.asarray(bound.arguments[a], dtype=float) for a in arrays]
        values += [np.asarray(bound.arguments[a], dtype=float) for a in params]
        s = max((float(np.max(np.abs(v))) if v.size else 0.0) for v in values)
        if not (0 < s < math.inf):
            return
        s = _pow2_below(s)
        scaled = dict(bound.arguments)
        with np.errstate(all="ignore"):
            for a in arrays + tuple(params):
                v = bound.arguments[a]
                dt = np.float32 if np.asarray(v).dtype == np.float32 else float
                scaled[a] = (np.asarray(v, dtype=dt) / dt(s)).astype(dt)
                if np.ndim(v) == 0 and a in params:
                    scaled[a] = float(scaled[a])
        try:
            with np.errstate(all="ignore"):
                ref = np.asarray(func(**scaled), dtype=float) * s**degree
        except (ValueError, OverflowError):
            return
        if not np.all(np.isfinite(ref)):
            return
        res = np.asarray(result, dtype=float)
        f32 = any(np.asarray(v).dtype == np.float32 for v in values)
        rtol = 1e-3 if f32 else 1e-9
        atol = 1e-6 * float(np.max(np.abs(ref))) if ref.size else 0.0
        # The rescaled call works at unit magnitude, where anything smaller than
        # the smallest normal float (an intermediate such as x**2 / beta with
        # |x| = 1e-300 and beta = 1) underflows to 0: each of its (at most n)
        # terms may be off by that much, i.e. by n * tiny * s**degree once
        # multiplied back. Below this bound the reference cannot tell.
        n_terms = max((v.size for v in values), default=1)
        tiny = float(np.finfo(np.float32 if f32 else np.float64).tiny)
        with np.errstate(all="ignore"):
            atol = max(atol, 4.0 * n_terms * tiny * s**degree)
        # entries that underflowed in the reference are compared absolutely
        assert np.allclose(res, ref, rtol=rtol, atol=atol), (
            f"{func.__name__}: {res!r} != rescaled reference {ref!r}"
        )

    return check


def both(*checks):
    def check(result, args, kwargs):
        for c in checks:
            c(result, args, kwargs)

    return check


def _huber_location_check(result, args, kwargs):
    """Scale-equivariant, and the median when k is tiny."""
    homogeneous(robust.huber_location, 1, ("x",), ("scale",))(result, args, kwargs)
    bound = inspect.signature(robust.huber_location).bind(*args, **kwargs)
    bound.apply_defaults()
    k = float(bound.arguments["k"])
    x = np.asarray(bound.arguments["x"], dtype=float)
    if k * float(bound.arguments["scale"]) < 1e-12 * (np.ptp(x) or 1.0):
        assert result == np.median(x), f"huber_location with tiny k: {result} != median"


def _efficiency_check(result, args, kwargs):
    assert 2 / np.pi - 1e-12 <= result <= 1 + 1e-12, result


def _clip_check(result, args, kwargs):
    g = np.asarray(args[0], dtype=float)
    max_norm = float(args[1])
    norm = float(np.linalg.norm(g / _pow2_below(np.max(np.abs(g))))) * _pow2_below(
        np.max(np.abs(g))
    ) if np.any(g) else 0.0
    if norm > max_norm:
        assert np.isclose(np.linalg.norm(result), max_norm, rtol=1e-6), result
    else:
        assert np.allclose(result, g, rtol=1e-6), result


def _in_ball_check(result, args, kwargs):
    bound = inspect.signature(geometry.constrained_quadratic_2d).bind(*args, **kwargs)
    p, t = float(bound.arguments["p"]), float(bound.arguments["t"])
    w = np.asarray(result[0] if isinstance(result, tuple) else result, dtype=float)
    if math.isinf(p):
        norm = float(np.max(np.abs(w)))
    else:
        m = float(np.max(np.abs(w)))
        norm = 0.0 if m == 0 else m * float(np.sum((np.abs(w) / m) ** p) ** (1 / p))
    assert norm <= t * (1 + 1e-6) + 1e-300, f"point {w} outside the ball (norm {norm} > {t})"


# ---------------------------------------------------------------------------
# losses
# ---------------------------------------------------------------------------

REDUCTION = choice(*losses._REDUCTIONS)
_LOSS_DOMAINS = {"input": array(), "target": array(), "reduction": REDUCTION}

LOSS_SPECS = [
    Spec(losses.l1_loss, (X5, Y5), ieee=TORCH, domains=_LOSS_DOMAINS,
         check=homogeneous(losses.l1_loss, 1, ("input", "target"))),
    Spec(losses.l1_loss_grad, (X5, Y5), ieee=TORCH, domains=_LOSS_DOMAINS,
         check=homogeneous(losses.l1_loss_grad, 0, ("input", "target"))),
    Spec(losses.mse_loss, (X5, Y5), ieee=TORCH, domains=_LOSS_DOMAINS,
         check=homogeneous(losses.mse_loss, 2, ("input", "target"))),
    Spec(losses.mse_loss_grad, (X5, Y5), ieee=TORCH, domains=_LOSS_DOMAINS,
         check=homogeneous(losses.mse_loss_grad, 1, ("input", "target"))),
    Spec(losses.smooth_l1_loss, (X5, Y5), {"beta": 0.5},
         ieee=TORCH, domains={**_LOSS_DOMAINS, "beta": scalar(low=0)},
         check=homogeneous(losses.smooth_l1_loss, 1, ("input", "target"), ("beta",))),
    Spec(losses.smooth_l1_loss_grad, (X5, Y5), {"beta": 0.5},
         ieee=TORCH, domains={**_LOSS_DOMAINS, "beta": scalar(low=0)},
         check=homogeneous(losses.smooth_l1_loss_grad, 0, ("input", "target"), ("beta",))),
    Spec(losses.huber_loss, (X5, Y5), {"delta": 0.5},
         ieee=TORCH, domains={**_LOSS_DOMAINS, "delta": scalar(**POSITIVE)},
         check=homogeneous(losses.huber_loss, 2, ("input", "target"), ("delta",))),
    Spec(losses.huber_loss_grad, (X5, Y5), {"delta": 0.5},
         ieee=TORCH, domains={**_LOSS_DOMAINS, "delta": scalar(**POSITIVE)},
         check=homogeneous(losses.huber_loss_grad, 1, ("input", "target"), ("delta",))),
    Spec(losses.pinball_loss, (X5, Y5), {"tau": 0.3},
         ieee=TORCH, domains={**_LOSS_DOMAINS, "tau": scalar(0, 1, low_inclusive=False,
                                                             high_inclusive=False)},
         check=homogeneous(losses.pinball_loss, 1, ("input", "target"))),
    Spec(losses.pinball_loss_grad, (X5, Y5), {"tau": 0.3},
         ieee=TORCH, domains={**_LOSS_DOMAINS, "tau": scalar(0, 1, low_inclusive=False,
                                                             high_inclusive=False)},
         check=homogeneous(losses.pinball_loss_grad, 0, ("input", "target"))),
    Spec(losses.legacy_reduction, (), {"size_average": True, "reduce": None},
         domains={"size_average": flag(optional=True), "reduce": flag(optional=True)}),
]

# ---------------------------------------------------------------------------
# penalties
# ---------------------------------------------------------------------------

W = array(1)
PENALTY_SPECS = [
    Spec(penalties.l1_penalty, (X5,), domains={"w": W},
         check=homogeneous(penalties.l1_penalty, 1, ("w",))),
    Spec(penalties.l2_penalty, (X5,), domains={"w": W},
         check=homogeneous(penalties.l2_penalty, 2, ("w",))),
    Spec(penalties.l0_count, (X5,), {"tol": 0.1}, domains={"w": W, "tol": scalar(low=0)}),
    Spec(penalties.l2_norm, (X5,), domains={"w": W},
         check=homogeneous(penalties.l2_norm, 1, ("w",))),
    Spec(penalties.soft_threshold, (X5, 0.7), domains={"x": array(), "t": scalar(low=0)},
         check=homogeneous(penalties.soft_threshold, 1, ("x",), ("t",))),
    Spec(penalties.scad_threshold, (X5, 0.7), domains={"x": array(), "t": scalar(low=0),
                                                       "a": scalar(low=2)},
         check=homogeneous(penalties.scad_threshold, 1, ("x",), ("t",))),
    Spec(penalties.mcp_threshold, (X5, 0.7), domains={"x": array(), "t": scalar(low=0),
                                                      "gamma": scalar(low=1)},
         check=homogeneous(penalties.mcp_threshold, 1, ("x",), ("t",))),
]

# ---------------------------------------------------------------------------
# linear_model, optim, geometry
# ---------------------------------------------------------------------------

XY = {"X": array(2), "y": array(1)}
INTERCEPT = {"fit_intercept": flag()}
ITER = {"tol": scalar(**POSITIVE), "max_iter": count(1)}
_state_reason = "the optimizer state dict, documented to be updated in place"


def _quadratic_grad(w):
    return 2.0 * (np.asarray(w) - 1.0)


LINEAR_MODEL_SPECS = [
    Spec(linear_model.ridge, (XM, YM, 0.5), domains={**XY, "alpha": scalar(low=0), **INTERCEPT}),
    Spec(linear_model.ridge_df, (XM, 0.5),
         domains={"X": array(2), "alpha": scalar(low=0), **INTERCEPT}),
    Spec(linear_model.ols, (XM, YM), domains={**XY, **INTERCEPT}),
    Spec(linear_model.norm_penalized_least_squares, (XM, YM, 0.5),
         domains={**XY, "alpha": scalar(low=0), **INTERCEPT}),
    Spec(linear_model.lasso, (XM, YM, 0.1), {"max_iter": 300},
         domains={**XY, "alpha": scalar(low=0), **INTERCEPT, **ITER,
                  "method": choice(*_METHODS)}),
    Spec(linear_model.elastic_net, (XM, YM, 0.1, 0.5), {"max_iter": 300},
         domains={**XY, "alpha": scalar(low=0), "l1_ratio": scalar(0, 1), **INTERCEPT, **ITER,
                  "method": choice(*_METHODS)}),
    Spec(linear_model.lasso_alpha_max, (XM, YM), domains={**XY, **INTERCEPT}),
    Spec(linear_model.lasso_path, (XM, YM, [1.0, 0.1, 0.01]), {"max_iter": 300},
         domains={**XY, "alphas": array(1), **INTERCEPT, **ITER}),
    Spec(linear_model.lad_regression, (XM, YM), domains={**XY, **INTERCEPT}),
    Spec(linear_model.huber_regression, (XM, YM, 1.0),
         domains={**XY, "delta": scalar(**POSITIVE), **INTERCEPT}),
    Spec(linear_model.quantile_regression, (XM, YM, 0.3),
         domains={**XY, "tau": scalar(0, 1, low_inclusive=False, high_inclusive=False),
                  **INTERCEPT}),
    Spec(linear_model.theil_sen, (XM[:, :1], YM), domains=XY),
    Spec(linear_model.huber_regression_scaled, (XM, YM),
         domains={**XY, "k": scalar(1e-6, 1e6), **INTERCEPT, "tol": scalar(**POSITIVE),
                  "max_iter": count(1)}),
    Spec(linear_model.best_subset, (XM, YM, 2),
         domains={**XY, "k": count(0, optional=True), **INTERCEPT}),
    Spec(linear_model.cross_validate_lasso, (XM, YM, [1.0, 0.1, 0.01]), {"n_folds": 3},
         domains={**XY, "alphas": array(1), "n_folds": count(2), "seed": count(0)}),
    Spec(linear_model.adaptive_lasso, (XM, YM, 0.1),
         domains={**XY, "alpha": scalar(low=0), "gamma": scalar(**POSITIVE),
                  "weights": array(1, optional=True), **INTERCEPT,
                  "tol": scalar(**POSITIVE)}),
    Spec(linear_model.relaxed_lasso, (XM, YM, 0.1),
         domains={**XY, "alpha": scalar(low=0), "phi": scalar(0, 1), **INTERCEPT,
                  "tol": scalar(**POSITIVE)}),
    Spec(linear_model.irrepresentable_condition, (XM, [0, 2]),
         domains={"X": array(2), "support": other("a sequence of distinct indices"),
                  "signs": array(1, optional=True), **INTERCEPT}),
]

OPTIM_SPECS = [
    Spec(optim.gradient_descent, (_quadratic_grad, np.zeros(2), 0.1, 5),
         ieee="a too-large lr diverges to inf/NaN and the trajectory is returned as is "
              "(documented; divergence is what chapter 2 shows; pinned in test_optim.py)",
         domains={"grad": function(), "w0": array(1), "lr": scalar(**POSITIVE),
                  "n_steps": count(0)}),
    Spec(optim.iterations_to_tolerance,
         (np.array([[3.0], [2.0], [1.5], [1.1], [1.0]]), [1.0], 0.2),
         domains={"trajectory": array(2), "target": array(1), "tol": scalar(**POSITIVE)}),
    Spec(optim.clip_by_norm, (np.array([3.0, 4.0]), 1.0),
         domains={"g": array(1), "max_norm": scalar(low=0)}, check=_clip_check),
    Spec(optim.sgd_step, (X5, Y5, 0.1), {"weight_decay": 0.01},
         domains={"w": array(1), "g": array(1), "lr": scalar(low=0),
                  "weight_decay": scalar(low=0)}),
    Spec(optim.adam_step, (X5, Y5, {}), {"lr": 0.01},
         domains={"w": array(1), "g": array(1), "state": other(_state_reason),
                  "lr": scalar(low=0), "betas": array(1), "eps": scalar(low=0),
                  "weight_decay": scalar(low=0)},
         mutates=("state",)),
    Spec(optim.adamw_step, (X5, Y5, {}), {"lr": 0.01},
         domains={"w": array(1), "g": array(1), "state": other(_state_reason),
                  "lr": scalar(low=0), "betas": array(1), "eps": scalar(low=0),
                  "weight_decay": scalar(low=0)},
         mutates=("state",)),
    Spec(optim.sgd_momentum_step, (X5, Y5, {}, 0.1), {"weight_decay": 0.01},
         domains={"w": array(1), "g": array(1), "state": other(_state_reason),
                  "lr": scalar(low=0), "momentum": scalar(low=0, high=1, high_inclusive=False),
                  "weight_decay": scalar(low=0)},
         mutates=("state",)),
    Spec(optim.sgdw_step, (X5, Y5, {}, 0.1), {"weight_decay": 0.01},
         domains={"w": array(1), "g": array(1), "state": other(_state_reason),
                  "lr": scalar(low=0), "momentum": scalar(low=0, high=1, high_inclusive=False),
                  "weight_decay": scalar(low=0)},
         mutates=("state",)),
    Spec(optim.prox_l1_step, (X5, Y5, 0.1, 0.5),
         domains={"w": array(1), "g": array(1), "lr": scalar(low=0), "alpha": scalar(low=0)}),
]

GEOMETRY_SPECS = [
    Spec(geometry.constrained_quadratic_2d, ([[2.0, 0.5], [0.5, 1.0]], [3.0, 2.0], 1.5, 1.0),
         domains={"A": array(2), "center": array(1), "p": scalar(**POSITIVE),
                  "t": scalar(low=0)},
         check=_in_ball_check),
    Spec(geometry.lasso_2d, ([[1.0, 0.5], [0.5, 1.0]], [2.0, 0.5], 0.5),
         domains={"gram": array(2), "xty": array(1), "lam": scalar(low=0)},
         check=homogeneous(geometry.lasso_2d, 1, ("xty",), ("lam",))),
    Spec(geometry.sparse_share_2d, (0.5, 0.3), {"over": "w_hat"},
         domains={"rho": scalar(-1, 1, low_inclusive=False, high_inclusive=False),
                  "ratio": scalar(0, 1), "over": choice("w_hat", "xty")}),
    Spec(geometry.project_l1_ball, (X5, 2.0), domains={"x": array(1), "t": scalar(low=0)},
         check=homogeneous(geometry.project_l1_ball, 1, ("x",), ("t",))),
]

# ---------------------------------------------------------------------------
# robust
# ---------------------------------------------------------------------------

ROBUST_SPECS = [
    Spec(robust.huber_location, ([0.0, 1.0, 2.0, 3.0, 100.0],), {"k": 1.0},
         domains={"x": array(1), "k": scalar(low=0), "scale": scalar(**POSITIVE)},
         check=_huber_location_check),
    Spec(robust.huber_efficiency, (1.345,), domains={"k": scalar(low=0)},
         check=_efficiency_check),
    Spec(robust.contaminate, ([1.0, 2.0, 3.0, 4.0], 0.5, 100.0),
         domains={"x": array(1), "fraction": scalar(0, 1), "value": scalar()}),
    Spec(robust.mad_scale, ([1.0, 2.0, 3.0, 4.0, 100.0],), domains={"x": array(1)},
         check=homogeneous(robust.mad_scale, 1, ("x",))),
    Spec(robust.huber_minimax_contamination, (1.345,), domains={"k": scalar(**POSITIVE)}),
    Spec(robust.biweight_efficiency, (4.685,), domains={"c": scalar(low=1)}),
    Spec(robust.biweight_location, ([0.0, 0.1, -0.1, 0.2, 6.0, 6.1, 5.9],),
         domains={"x": array(1), "c": scalar(**POSITIVE), "scale": scalar(**POSITIVE),
                  "start": scalar(optional=True), "max_iter": count(1)},
         check=homogeneous(robust.biweight_location, 1, ("x",), ("scale",))),
]

# ---------------------------------------------------------------------------
# boxes
# ---------------------------------------------------------------------------

BOX_SPECS = [
    Spec(boxes.encode_boxes, (BOXES, ANCHORS), {"weights": WEIGHTS},
         domains={"boxes": array(2), "anchors": array(2), "weights": array(1)},
         check=homogeneous(boxes.encode_boxes, 0, ("boxes", "anchors"))),
    Spec(boxes.decode_boxes, (np.array([[0.1, 0.0, 0.2, -0.1]] * 3), ANCHORS),
         {"weights": WEIGHTS},
         domains={"deltas": array(2), "anchors": array(2), "weights": array(1)}),
    Spec(boxes.box_iou, (BOXES, ANCHORS), domains={"a": array(2), "b": array(2)},
         check=homogeneous(boxes.box_iou, 0, ("a", "b"))),
    Spec(boxes.giou, (BOXES, ANCHORS), domains={"a": array(2), "b": array(2)},
         check=homogeneous(boxes.giou, 0, ("a", "b"))),
    Spec(boxes.diou, (BOXES, ANCHORS), domains={"a": array(2), "b": array(2)},
         check=homogeneous(boxes.diou, 0, ("a", "b"))),
    Spec(boxes.ciou, (BOXES, ANCHORS), domains={"a": array(2), "b": array(2)},
         check=homogeneous(boxes.ciou, 0, ("a", "b"))),
    Spec(boxes.simulated_features, (np.zeros((5, 4)),),
         {"n_features": 4, "noise_std": 0.1, "seed": 0},
         domains={"offsets": array(2), "n_features": count(4), "noise_std": scalar(low=0),
                  "seed": count(0)}),
    Spec(boxes.fit_linear_regressor, (XM, np.stack([YM, -YM], axis=1)),
         {"loss": "smooth_l1", "beta": 1.0},
         domains={"X": array(2), "targets": array(2), "loss": choice(*boxes._LOSS_NAMES),
                  "beta": scalar(low=0)}),
]

# ---------------------------------------------------------------------------
# selection
# ---------------------------------------------------------------------------

SELECTION_SPECS = [
    Spec(selection.polynomial_features, ([0.0, 0.25, 0.5, 1.0], 3),
         {"basis": "legendre", "domain": (0.0, 1.0)},
         domains={"x": array(1), "degree": count(0), "basis": choice("legendre", "monomial"),
                  "domain": array(1)}),
    Spec(selection.kfold_indices, (10, 3), {"seed": 0},
         domains={"n_samples": count(1), "n_folds": count(2), "seed": count(0)}),
    Spec(selection.mse, (X5, Y5), domains={"y": array(1), "y_pred": array(1)},
         check=homogeneous(selection.mse, 2, ("y", "y_pred"))),
    Spec(selection.validation_curve, (XM[:8], YM[:8], XM[8:], YM[8:], [0.1, 1.0]),
         domains={"X_train": array(2), "y_train": array(1), "X_val": array(2),
                  "y_val": array(1), "alphas": array(1)}),
    Spec(selection.cross_validate_ridge, (XM, YM, [0.1, 1.0, 10.0]), {"n_folds": 3, "seed": 0},
         domains={**XY, "alphas": array(1), "n_folds": count(2), "seed": count(0)}),
    Spec(selection.nested_cross_validate_ridge, (XM, YM, [0.1, 1.0, 10.0]),
         {"n_outer": 3, "n_inner": 2, "seed": 0},
         domains={**XY, "alphas": array(1), "n_outer": count(2), "n_inner": count(2),
                  "seed": count(0)}),
    Spec(selection.bias_variance_ridge, (XM[:, :1], YM, [0.0, 1.0]),
         {"noise_std": 0.5, "n_sim": 20, "seed": 0},
         domains={"X": array(2), "f": array(1), "alphas": array(1),
                  "noise_std": scalar(low=0), "X_eval": array(2, optional=True),
                  "f_eval": array(1, optional=True), "n_sim": count(1), "seed": count(0)}),
]

# ---------------------------------------------------------------------------
# priors
# ---------------------------------------------------------------------------

PRIOR = choice(*priors._PRIORS)
PRIOR_SPECS = [
    Spec(priors.prior_to_alpha, ("laplace", 0.5, 2.0, 8),
         domains={"prior": PRIOR, "scale": scalar(**POSITIVE), "noise_std": scalar(**POSITIVE),
                  "n_samples": count(1)}),
    Spec(priors.alpha_to_prior_scale, ("laplace", 1.0, 2.0, 8),
         domains={"prior": PRIOR, "alpha": scalar(**POSITIVE), "noise_std": scalar(**POSITIVE),
                  "n_samples": count(1)}),
    Spec(priors.map_linear_regression, (XM, YM), {"prior": "laplace", "scale": 1.0},
         domains={**XY, "prior": PRIOR, "scale": scalar(**POSITIVE),
                  "noise_std": scalar(**POSITIVE), **INTERCEPT}),
    Spec(priors.log_posterior_grid, (X2, YM, np.linspace(-2, 2, 5), np.linspace(-2, 2, 5)),
         domains={**XY, "w1_grid": array(1), "w2_grid": array(1), "prior": PRIOR,
                  "scale": scalar(**POSITIVE), "noise_std": scalar(**POSITIVE),
                  "intercept": scalar()}),
    Spec(priors.sample_bayesian_lasso, (XM, YM),
         {"scale": 0.5, "noise_std": 1.0, "n_samples": 20, "burn_in": 5, "seed": 1},
         domains={**XY, "scale": scalar(**POSITIVE, optional=True),
                  "noise_std": scalar(**POSITIVE, optional=True),
                  "lam": scalar(**POSITIVE, optional=True), "n_samples": count(1),
                  "burn_in": count(0), **INTERCEPT, "seed": count(0)}),
    Spec(priors.spike_and_slab_inclusion, (XM, YM), {"slab_scale": 1.0, "noise_std": 1.0},
         domains={**XY, "slab_scale": scalar(**POSITIVE), "noise_std": scalar(**POSITIVE),
                  "prior_inclusion": scalar(0, 1, low_inclusive=False, high_inclusive=False),
                  **INTERCEPT}),
    Spec(priors.normal_means_posterior_mean, (Y5,), {"prior": "horseshoe", "scale": 0.5},
         domains={"y": array(1), "prior": choice("horseshoe", "laplace", "gaussian"),
                  "scale": scalar(**POSITIVE), "noise_std": scalar(**POSITIVE)},
         check=homogeneous(priors.normal_means_posterior_mean, 1, ("y",),
                           ("scale", "noise_std"))),
    Spec(priors.ridge_log_evidence, (XM, YM), {"prior_scale": 1.0, "noise_std": 0.5},
         domains={**XY, "prior_scale": scalar(**POSITIVE), "noise_std": scalar(**POSITIVE),
                  **INTERCEPT}),
    Spec(priors.empirical_bayes_ridge, (XM, YM), domains={**XY, **INTERCEPT}),
    Spec(priors.ridge_posterior_predictive, (XM, YM, XM[:4]),
         {"prior_scale": 1.0, "noise_std": 0.5},
         domains={**XY, "X_new": array(2), "prior_scale": scalar(**POSITIVE),
                  "noise_std": scalar(**POSITIVE), **INTERCEPT}),
]

# ---------------------------------------------------------------------------
# datasets
# ---------------------------------------------------------------------------

DATASET_SPECS = [
    Spec(datasets.make_outlier_regression, (10,), {"n_outliers": 2, "seed": 0},
         domains={"n_samples": count(1), "n_outliers": count(0),
                  "outlier_kind": choice("y", "leverage"), "slope": scalar(),
                  "intercept": scalar(), "noise_std": scalar(low=0), "outlier_shift": scalar(),
                  "seed": count(0)}),
    Spec(datasets.make_polynomial_data, (10,), {"seed": 0},
         domains={"n_samples": count(1), "noise_std": scalar(low=0),
                  "x": array(1, optional=True), "seed": count(0)}),
    Spec(datasets.train_validation_split, (np.arange(8.0), np.arange(8.0) * 10),
         {"validation_fraction": 0.25, "seed": 0}, ieee=PASS_THROUGH,
         domains={"arrays": array(1), "validation_fraction": scalar(0, 1),
                  "seed": count(0)}),
    Spec(datasets.make_box_regression, (5,), {"seed": 0},
         domains={"n_boxes": count(1),
                  "image_size": other(
                      "a (width, height) pair of integer pixel counts: floats, even "
                      "integral ones such as 640.0, are refused as for every count; "
                      "its bad values (NaN, inf, floats, ragged, wrong length, < 256) are "
                      "pinned in tests/test_datasets.py"),
                  "noise_scale": scalar(low=0),
                  "noise_df": scalar(low=datasets.MIN_NOISE_DF), "proposal_jitter": scalar(low=0),
                  "seed": count(0)}),
    Spec(datasets.make_bimodal_regression, (20,), {"seed": 0},
         domains={"n_samples": count(1), "separation": scalar(), "noise_std": scalar(low=0),
                  "upper_weight": scalar(0, 1), "seed": count(0)}),
    Spec(datasets.load_diabetes, (), {"scaled": True}, domains={"scaled": flag()}),
]

BOOK_SPECS = [
    Spec(book.glue, ("ch0_contract", 1.5), {"display": False},
         domains={"display": flag()},
         skip={"name": "any non-empty string; None, '' and numbers: tests/test_book.py",
               "variable": "any displayable object, as for myst_nb.glue"}),
]

SPECS = (
    BOOK_SPECS
    + LOSS_SPECS
    + PENALTY_SPECS
    + LINEAR_MODEL_SPECS
    + OPTIM_SPECS
    + GEOMETRY_SPECS
    + ROBUST_SPECS
    + BOX_SPECS
    + SELECTION_SPECS
    + PRIOR_SPECS
    + DATASET_SPECS
)
