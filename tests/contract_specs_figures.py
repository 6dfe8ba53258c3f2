"""Contract specs for l1l2.plotting, l1l2.interactive, l1l2.figures and l1l2.exercises
(see tests/contract.py).

Valid calls are tiny: figures of about 2 x 1.5 inches, builders with two
slider positions per parameter, the lowest allowed dpi where the builder
takes one, a few points per curve, so that the contract over these modules
runs in seconds.

The exercise checkers judge a reader's answer: given a wrong answer they raise
:class:`l1l2.exercises.AnswerError`, an ``AssertionError`` by design (pytest
and nbval report it as a failed answer). The contract runner treats an
``AssertionError`` as a broken contract, so the answer-like arguments (the
reader's function or numbers, and the data an answer is checked against) are
``other`` here; ``tests/test_exercises_contract.py`` fuzzes them with the
same bad values, accepting ``AnswerError`` as well as a named
``ValueError``/``TypeError``.
"""

from __future__ import annotations

import math

import numpy as np
from contract import Spec, array, choice, count, flag, function, scalar
from matplotlib.axes import Axes

from l1l2 import exercises, figures, interactive, plotting

# ---------------------------------------------------------------------------
# Small data and reusable figures
# ---------------------------------------------------------------------------

X3 = np.array([-1.0, 0.0, 2.0])
Y3 = np.array([1.0, 0.0, 4.0])
ALPHAS = np.array([0.1, 1.0, 10.0])
COEFS = np.array([[1.0, -0.5], [0.5, -0.2], [0.0, 0.0]])
QUAD = np.array([[2.0, 0.5], [0.5, 1.0]])
CENTER = np.array([1.0, 0.5])
DRAG_X = np.array([0.0, 1.0, 2.0, 3.0])
DRAG_Y = np.array([0.5, 1.0, 1.8, 3.1])
RIDGE_X = np.array([[1.0, 0.2], [0.0, 1.0], [2.0, -1.0], [-1.0, 0.5], [0.5, 0.5]])
RIDGE_Y = np.array([1.0, 0.5, 2.0, -0.5, 0.8])
COLOR_NAMES = tuple(plotting.COLORS)

_OPEN_FIGURES = []


class _FreshAxes(Axes):
    """An Axes that clears itself whenever the contract runner snapshots the
    arguments (it deep-copies them before every call), so that every call
    draws on an empty Axes, as a reader's does: data left by an earlier call
    at 1e300 must not change how the next call is drawn. It is its own copy
    (the runner compares only arrays, lists and dicts)."""

    def __deepcopy__(self, memo):
        self.cla()
        return self


def _axes():
    """A small Axes for one spec (each spec draws on its own)."""
    fig = plotting.new_figure(width=2.0, height=1.5)[0]
    fig.clear()
    ax = fig.add_subplot(axes_class=_FreshAxes)
    _OPEN_FIGURES.append(fig)
    return ax


def _parabola():
    """A small figure and its update function, for InteractiveFigure."""
    fig, ax = plotting.new_figure(width=2.0, height=1.5)
    x = np.linspace(-1.0, 1.0, 5)
    (line,) = ax.plot(x, x**2)
    ax.set(xlabel="x", ylabel="y")

    def update(a):
        line.set_ydata(a * x**2)

    _OPEN_FIGURES.append(fig)
    return fig, update


FIG_PNG = plotting.new_figure(width=1.0, height=1.0)[0]
FIG_I1, UPDATE_1 = _parabola()
FIG_I2, UPDATE_2 = _parabola()
ALT = "A parabola whose curvature the slider sets."

_fig_reason = "a matplotlib Figure (fig=None and the like: tests/test_interactive.py)"
_ax_reason = "a matplotlib Axes (ax=None and the like: tests/test_plotting.py)"
_label_reason = "free text (a label, an alt text or a format): any string"
_dict_reason = "a dict of options checked by InteractiveFigure (tests/test_interactive.py)"
_initial_reason = ("a dict {parameter: slider position}; checked by InteractiveFigure "
                   "(tests/test_interactive.py)")
_answer_reason = ("the reader's answer: a wrong one raises AnswerError (an AssertionError); "
                  "fuzzed in tests/test_exercises_contract.py")
_data_reason = ("data the answers are checked against: changing it makes the valid answer "
                "wrong (AnswerError); fuzzed in tests/test_exercises_contract.py")


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def _check_ball(result, args, kwargs):
    """Every returned point lies on the sphere of radius ``radius`` of the
    p-norm (computed without overflow), or underflowed to 0 for a tiny p."""
    p = float(np.asarray(args[0] if args else kwargs["p"]))
    radius = float(np.asarray(kwargs.get("radius", args[1] if len(args) > 1 else 1.0)))
    w1, w2 = result
    assert w1.shape == w2.shape
    if radius < 1e-290:  # subnormal coordinates: no relative accuracy left
        return
    a1, a2 = np.abs(w1) / radius, np.abs(w2) / radius
    m = np.maximum(a1, a2)
    keep = m > 0
    if not keep.all():
        assert p < 1, "points at the origin for p >= 1"
    if math.isinf(p):
        norm = m[keep]
    else:
        with np.errstate(under="ignore", over="ignore"):
            norm = m[keep] * ((a1[keep] / m[keep]) ** p + (a2[keep] / m[keep]) ** p) ** (1 / p)
    assert np.allclose(norm, 1.0, rtol=1e-9), f"||w||_p / radius = {norm}"


def _check_power_of_ten(result, args, kwargs):
    x = float(np.asarray(args[0] if args else kwargs["x"]))
    digits = int(kwargs.get("digits", args[1] if len(args) > 1 else 2))
    body = result.strip("$")
    if "\\times" in body:
        mantissa, power = body.split(" \\times ")
    else:
        mantissa, power = ("-1" if body.startswith("-") else "1"), body.lstrip("-")
    exponent = int(power[len("10^{"):-1])
    value = float(mantissa) * 10.0**exponent if abs(exponent) < 300 else None
    if value is not None and value != 0:
        assert math.isclose(value, x, rel_tol=10.0 ** (1 - digits)), (result, x)


def _check_correlated_pair(result, args, kwargs):
    X, y = result
    n = int(kwargs.get("n_samples", args[0] if args else 100))
    assert X.shape == (n, 5) and y.shape == (n,)
    assert np.allclose(X.mean(axis=0), 0.0, atol=1e-12)
    assert np.allclose(X.std(axis=0), 1.0)


def _check_prior_posterior(result, args, kwargs):
    X, y = result
    coef = np.linalg.lstsq(X, y, rcond=None)[0]
    assert np.allclose(coef, [1.5, 0.1]), coef


# ---------------------------------------------------------------------------
# plotting
# ---------------------------------------------------------------------------

_POSITIVE = {"low": 0, "low_inclusive": False}
_DPI = scalar(20, 600, optional=True)

PLOTTING_SPECS = [
    Spec(plotting.use_book_style),
    Spec(plotting.color_of, args=("l1",), domains={"name": choice(*COLOR_NAMES)}),
    Spec(plotting.style_of, args=("huber",), domains={"name": choice(*COLOR_NAMES)}),
    Spec(
        plotting.new_figure,
        args=(1, 1),
        kwargs={"width": 2.0, "height": 1.5},
        domains={
            "ncols": count(1, 50),
            "nrows": count(1, 50),
            "width": scalar(0, 100, low_inclusive=False),
            "height": scalar(0, 100, low_inclusive=False),
        },
    ),
    Spec(
        plotting.plot_curves,
        args=(_axes(), X3, {"l1": Y3}),
        kwargs={"xlabel": "x", "ylabel": "y", "legend": False},
        domains={"x": array(1), "legend": flag()},
        skip={"ax": _ax_reason, "curves": "a dict {name: values}: tests/test_plotting.py",
              "xlabel": _label_reason, "ylabel": _label_reason},
    ),
    Spec(
        plotting.plot_coefficient_path,
        args=(_axes(), ALPHAS, COEFS),
        kwargs={"feature_names": ("a", "b"), "log_x": True},
        domains={"alphas": array(1), "coefs": array(2), "log_x": flag()},
        skip={"ax": _ax_reason, "feature_names": "labels, any sequence of strings"},
    ),
    Spec(
        plotting.plot_contours_with_ball,
        args=(_axes(), QUAD, CENTER),
        kwargs={"p": 1.0, "radius": 1.0, "levels": 3, "extent": 2.0, "name": "l1"},
        domains={"quad_matrix": array(2), "center": array(1), "p": scalar(**_POSITIVE),
                 "radius": scalar(low=0), "levels": count(1, 1000),
                 "extent": scalar(**_POSITIVE), "name": choice(*COLOR_NAMES)},
        skip={"ax": _ax_reason},
    ),
    Spec(
        plotting.power_of_ten_markdown,
        args=(3.9e7,),
        kwargs={"digits": 2},
        domains={"x": scalar(), "digits": count(1, 17)},
        check=_check_power_of_ten,
    ),
]


# ---------------------------------------------------------------------------
# interactive (the mechanism) and figures (the book's figures)
# ---------------------------------------------------------------------------

_GRID = array(1)
_OPT_GRID = array(1, optional=True)
_result_reason = ("the numbers to draw, a compute_* result (or any object for "
                  "InteractiveFigure): tests/test_figures_contract.py")


def _interactive_spec(func, fig, update):
    return Spec(
        func,
        args=(fig, update, {"a": [0.5, 1.0]}),
        kwargs={"alt": ALT, "dpi": 20, "colors": 4, "max_frames": 4},
        domains={"update": function(), "max_frames": count(1, 4096), "dpi": _DPI,
                 "colors": count(2, 256)},
        skip={"fig": _fig_reason, "params": _dict_reason, "alt": _label_reason,
              "animated": "a list of artists of fig: tests/test_interactive.py",
              "initial": _initial_reason, "labels": _dict_reason, "formats": _dict_reason,
              "result": _result_reason},
    )


INTERACTIVE_SPECS = [
    _interactive_spec(interactive.InteractiveFigure, FIG_I1, UPDATE_1),
    _interactive_spec(interactive.interactive_figure, FIG_I2, UPDATE_2),
]

#: Each figure: (compute, builder, small valid arguments of both, their domains,
#: the builder's own drawing arguments and their domains).
_FIGURE_CASES = [
    (figures.compute_loss, figures.loss_explorer,
     {"betas": [0.5, 1.0], "r_max": 3.0, "n_points": 11},
     {"betas": _OPT_GRID, "r_max": scalar(0.01, 100), "n_points": count(3, 10**5)},
     {}, {}),
    (figures.compute_gd, figures.gd_explorer,
     {"data": (-1.0, 0.0, 1.0), "lrs": (0.1, 0.4), "starts": (1.0, 2.0),
      "betas": (1.0, 2.0), "n_steps": 5},
     {"data": array(1), "lrs": _GRID, "starts": _GRID, "betas": _GRID,
      "n_steps": count(1, 10**5)},
     {}, {}),
    (figures.compute_drag_point, figures.drag_point_explorer,
     {"x": DRAG_X, "y": DRAG_Y, "index": 3, "offsets": (0.0, 1.0)},
     {"x": array(1, optional=True), "y": array(1, optional=True),
      "index": count(-4, 3, optional=True), "offsets": _OPT_GRID},
     {}, {}),
    (figures.compute_box_beta, figures.box_beta_explorer,
     {"betas": [0.5, 1.0], "n_train": 20, "n_test": 20, "noise_scale": 2.0,
      "feature_noise": 0.1, "seed": 0},
     {"betas": _OPT_GRID, "n_train": count(20, 10**5), "n_test": count(20, 10**5),
      "noise_scale": scalar(0, 1e4), "feature_noise": scalar(0, 1e4), "seed": count(0)},
     {}, {}),
    (figures.compute_overfit, figures.overfit_explorer,
     {"degrees": (1, 3), "alphas": (0.01, 1.0), "n_samples": 12, "noise_std": 0.3,
      "seed": 0},
     {"degrees": _GRID, "alphas": _GRID, "n_samples": count(6, 10**5),
      "noise_std": scalar(0, 1e4), "seed": count(0)},
     {}, {}),
    (figures.compute_ridge_shrinkage, figures.ridge_shrinkage_explorer,
     {"X": RIDGE_X, "y": RIDGE_Y, "lambdas": (0.1, 1.0)},
     {"X": array(2, optional=True), "y": array(1, optional=True), "lambdas": _OPT_GRID},
     {}, {}),
    (figures.compute_elastic_net, figures.elastic_net_explorer,
     {"l1_ratios": (1.0, 0.5), "alphas": (1.0, 0.5), "n_samples": 10, "seed": 7,
      "n_path": 2},
     {"l1_ratios": _OPT_GRID, "alphas": _OPT_GRID, "n_samples": count(10, 10**5),
      "seed": count(0), "n_path": count(2, 1000)},
     {}, {}),
    (figures.compute_adam_decay, figures.adam_decay_explorer,
     {"weight_decays": (0.0, 0.1), "lrs": (0.01, 0.1), "scales": (0.01, 1.0, 100.0),
      "n_steps": 2},
     {"weight_decays": _GRID, "lrs": _GRID, "scales": _GRID, "n_steps": count(2, 10**5)},
     {}, {}),
    (figures.compute_lp_ball, figures.lp_ball_explorer,
     {"ps": (1.0, 2.0), "angles": (45.0, 135.0), "budgets": (0.5, 1.0), "radius": 2.2},
     {"ps": _GRID, "angles": _GRID, "budgets": _GRID, "radius": scalar(0.01, 100),
      "quad_matrix": array(2, optional=True)},
     {"dpi": 20, "colors": 8}, {"dpi": scalar(20, 600), "colors": count(2, 256)}),
    (figures.compute_kink, figures.kink_explorer,
     {"lams": (0.5, 1.0), "slopes": (-1.0, 0.0)},
     {"lams": _GRID, "slopes": _GRID},
     {"w_range": (-1.0, 2.5), "n_points": 11, "dpi": 20, "colors": 16},
     {"w_range": array(1), "n_points": count(11, 10**5), "dpi": scalar(20, 600),
      "colors": count(2, 256)}),
    (figures.compute_sparse_share, figures.sparse_share_explorer,
     {"ratios": (0.1, 0.3), "rhos": (0.0, 0.9), "n_curve": 3, "n_angles": 8},
     {"ratios": _GRID, "rhos": _GRID, "n_curve": count(2, 10**5),
      "n_angles": count(8, 10**5)},
     {"dpi": 20, "colors": 8}, {"dpi": scalar(20, 600), "colors": count(2, 256)}),
    (figures.compute_posterior, figures.posterior_explorer,
     {"scales": (0.2, 1.6), "noise_stds": (1.0, 2.0), "n_grid": 21, "lim": (-0.75, 2.0)},
     {"scales": _GRID, "noise_stds": _GRID, "n_grid": count(21, 401), "lim": array(1)},
     {}, {}),
]


def _figure_specs(compute, builder, kwargs, domains, draw_kwargs, draw_domains):
    """The specs of one figure's compute function and builder (same valid call)."""
    return [
        Spec(compute, kwargs=dict(kwargs), domains=dict(domains)),
        Spec(builder, kwargs={**kwargs, **draw_kwargs}, domains={**domains, **draw_domains},
             skip={"initial": _initial_reason, "result": _result_reason}),
    ]


FIGURES_SPECS = [
    spec for case in _FIGURE_CASES for spec in _figure_specs(*case)
] + [
    Spec(
        figures.correlated_pair_data,
        args=(10,),
        kwargs={"seed": 0},
        domains={"n_samples": count(10, 10**5), "seed": count(0)},
        check=_check_correlated_pair,
    ),
    Spec(
        figures.prior_posterior_data,
        args=(5,),
        kwargs={"seed": 10},
        domains={"n_samples": count(3, 10**5), "seed": count(0)},
        check=_check_prior_posterior,
    ),
]


# ---------------------------------------------------------------------------
# exercises
# ---------------------------------------------------------------------------

_QUIET = {"quiet": flag()}


def _function_checker(func):
    return Spec(func, kwargs={"quiet": True}, args=(_REFERENCE[func.__name__],),
                domains=_QUIET, skip={"fn": _answer_reason})


def _ridge_svd(X, y, lam):
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ (d / (d**2 + lam) * (U.T @ y))


def _cv_error(X, y, alpha, folds):
    from l1l2.linear_model import ridge

    errs = []
    for val in folds:
        tr = np.setdiff1d(np.arange(len(y)), val)
        fit = ridge(X[tr], y[tr], alpha)
        errs.append(np.mean((y[val] - X[val] @ fit.coef - fit.intercept) ** 2))
    return float(np.mean(errs))


def _smooth_l1(x, beta):
    return np.where(np.abs(x) < beta, 0.5 * x**2 / beta, np.abs(x) - 0.5 * beta)


def _smooth_l1_grad(x, beta):
    if beta == 0:
        return np.sign(x)
    return np.where(np.abs(x) < beta, x / beta, np.sign(x))


def _clip_by_norm(g, m):
    norm = np.linalg.norm(g)
    return g * min(1.0, m / norm) if norm > 0 else g.copy()


def _iou(a, b):
    from l1l2.boxes import box_iou

    return float(box_iou(a, b))


def _encode_box(b, a, w):
    from l1l2.boxes import encode_boxes

    return encode_boxes(b, a, weights=w)


def _huber_location(x, k):
    from l1l2.robust import huber_location

    return huber_location(x, k)


def _prox_l1_step(w, g, lr, alpha):
    from l1l2.optim import prox_l1_step

    return prox_l1_step(w, g, lr, alpha)


_REFERENCE = {
    "check_huber_from_smooth_l1": lambda x, d: d * _smooth_l1(x, d),
    "check_smooth_l1_grad": _smooth_l1_grad,
    "check_soft_threshold": lambda x, t: np.sign(x) * np.maximum(np.abs(x) - t, 0.0),
    "check_clip_by_norm": _clip_by_norm,
    "check_encode_box": _encode_box,
    "check_box_iou": _iou,
    "check_huber_location": _huber_location,
    "check_cv_error": _cv_error,
    "check_ridge_svd": _ridge_svd,
    "check_prox_l1_step": _prox_l1_step,
    "check_hard_threshold": lambda z, lam: np.where(np.abs(z) > np.sqrt(2 * lam), z, 0.0),
    "check_laplace_alpha": lambda b, s, n: s * s / (n * b),
}

_TOLERANCES = {"rtol": scalar(low=0), "atol": scalar(low=0), "n": count(1, optional=True),
               "quiet": flag()}

EXERCISES_SPECS = [
    Spec(
        exercises.check_array_answer,
        args=([1.0, 2.0], [1.0, 2.0]),
        kwargs={"name": "w", "rtol": 1e-5, "atol": 1e-8, "n": 2, "quiet": True},
        domains=_TOLERANCES,
        skip={"answer": _answer_reason, "expected": _data_reason, "name": _label_reason,
              "diagnoses": "a dict {message: wrong answer}: tests/test_exercises_answers.py"},
    ),
    Spec(
        exercises.check_scalar_answer,
        args=(0.62, 0.62),
        kwargs={"name": "mean", "rtol": 1e-5, "atol": 1e-8, "n": 5, "quiet": True},
        domains=_TOLERANCES,
        skip={"answer": _answer_reason, "expected": _data_reason, "name": _label_reason,
              "diagnoses": "a dict {message: wrong answer}: tests/test_exercises_answers.py"},
    ),
    Spec(
        exercises.check_reduction_example,
        args=(3.1, 2.15, 0.62, 0.43),
        kwargs={"quiet": True},
        domains=_QUIET,
        skip={"l1_sum": _answer_reason, "l2_sum": _answer_reason, "l1_mean": _answer_reason,
              "l2_mean": _answer_reason, "input": _data_reason, "target": _data_reason},
    ),
    *(_function_checker(getattr(exercises, name)) for name in _REFERENCE),
    Spec(exercises.check_median_breakdown, args=(4,), kwargs={"quiet": True}, domains=_QUIET,
         skip={"m": _answer_reason}),
    Spec(exercises.check_beta_cm, args=(50.0,), kwargs={"quiet": True}, domains=_QUIET,
         skip={"beta_cm": _answer_reason}),
]

SPECS = PLOTTING_SPECS + INTERACTIVE_SPECS + FIGURES_SPECS + EXERCISES_SPECS

# Internal helpers that public figures rely on, fuzzed like public functions
# (lp_ball_boundary drew points at infinity for p >= 2151; dpi=1 crashed FreeType).
# They are not public, so the completeness test does not count them.
INTERNAL_SPECS = [
    Spec(
        plotting.lp_ball_boundary,
        args=(1.5,),
        kwargs={"radius": 1.0, "n_points": 8},
        domains={"p": scalar(**_POSITIVE), "radius": scalar(low=0),
                 "n_points": count(4, 10**6)},
        check=_check_ball,
    ),
    Spec(
        plotting.figure_to_png,
        args=(FIG_PNG,),
        kwargs={"dpi": 20},
        domains={"dpi": _DPI},
        skip={"fig": _fig_reason},
    ),
]
