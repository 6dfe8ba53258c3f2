"""The contract every figure builder of l1l2.figures keeps (like scikit-learn's
``check_estimator``): one parametrised test walks every builder of
``figures.FIGURES``, built with small arguments.

Each builder has a pure ``compute_*`` twin whose frozen result is the figure's
``.result``; its figure has an alt text and labelled axes; a slider step
changes the image; the HTML version carries every frame (the product of the
grid sizes) when ``L1L2_STATIC_FRAMES=all`` and only the current one
otherwise; bad arguments give a ValueError naming the argument, fast, and
leave no figure open.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import math
import re
import time

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import figures, interactive
from l1l2.interactive import _static

PNG_B64 = re.compile(r"iVBORw0KGgo[A-Za-z0-9+/=]+")

#: Small, fast arguments of each builder (two slider positions per parameter)
#: and the ones its compute function shares.
SMALL = {
    "loss_explorer": {"betas": [0.5, 1.0], "n_points": 41},
    "gd_explorer": {"lrs": (0.4, 1.1), "starts": (3.0, 10.0), "betas": (0.5, 1.0),
                    "n_steps": 30},
    "drag_point_explorer": {"x": np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0]),
                            "y": np.array([0.1, 1.2, 1.9, 3.2, 3.9, 5.0]),
                            "offsets": (0.0, 3.0)},
    "box_beta_explorer": {"betas": [0.1, 1.0], "n_train": 60, "n_test": 40},
    "overfit_explorer": {"degrees": (1, 9), "alphas": (1e-6, 1.0)},
    "ridge_shrinkage_explorer": {"lambdas": (0.1, 1.0)},
    "elastic_net_explorer": {"l1_ratios": (1.0, 0.5), "alphas": (1.0, 0.2), "n_path": 4},
    "adam_decay_explorer": {"weight_decays": (0.0, 0.1), "lrs": (0.01, 0.05),
                            "n_steps": 50},
    "lp_ball_explorer": {"ps": (1.0, figures.P_INF), "angles": (10.0, 45.0),
                         "budgets": (0.5, 1.0)},
    "kink_explorer": {"lams": (0.5, 1.0), "slopes": (-1.0, 0.0)},
    "posterior_explorer": {"scales": (0.2, 1.6), "noise_stds": (1.0, 3.0), "n_grid": 41},
    "sparse_share_explorer": {"ratios": (0.1, 0.3), "rhos": (0.0, 0.9), "n_curve": 5,
                              "n_angles": 72},
}
NAMES = sorted(SMALL)


def compute_of(name):
    return figures.FIGURES[getattr(figures, name)]


def compute_kwargs(name):
    """The small arguments that the compute function takes too."""
    params = inspect.signature(compute_of(name)).parameters
    return {k: v for k, v in SMALL[name].items() if k in params}


def same(a, b) -> bool:
    """Deep equality of results: dataclasses, dicts, sequences, arrays, numbers."""
    if dataclasses.is_dataclass(a):
        return type(a) is type(b) and all(
            same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@pytest.fixture(autouse=True)
def no_figure_left_open():
    before = set(plt.get_fignums())
    yield
    assert set(plt.get_fignums()) <= before, "a builder left a figure open"


@pytest.fixture(scope="module")
def built():
    """Each builder's figure with the small arguments, built once."""
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = getattr(figures, name)(**SMALL[name])
        return cache[name]

    return get


def test_every_builder_has_a_compute_function_and_a_small_call():
    builders = {n for n in figures.__all__ if n.endswith("_explorer")}
    assert builders == set(SMALL) == {b.__name__ for b in figures.FIGURES}
    assert "FIGURES" not in figures.__all__  # a registry for this test, not for readers
    for builder, compute in figures.FIGURES.items():
        assert compute.__name__ == "compute_" + builder.__name__.removesuffix("_explorer")
        assert compute.__name__ in figures.__all__
        result_type = compute.__annotations__["return"]
        assert result_type in figures.__all__  # the frozen result class is public
        cls = getattr(figures, result_type)
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen


@pytest.mark.parametrize("name", NAMES)
def test_the_figure_draws_its_compute_result(name, built):
    fig_i = built(name)
    expected = compute_of(name)(**compute_kwargs(name))
    assert same(fig_i.result, expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fig_i.result, dataclasses.fields(fig_i.result)[0].name, None)


@pytest.mark.parametrize("name", NAMES)
def test_a_given_result_is_drawn_as_is(name, built):
    fig_i = built(name)
    builder = getattr(figures, name)
    start = {"initial": dict(fig_i.values)} if "initial" in inspect.signature(
        builder).parameters else {}
    drawing = {k: v for k, v in SMALL[name].items() if k not in compute_kwargs(name)}
    again = builder(result=fig_i.result, **start, **drawing)
    try:
        assert again.result is fig_i.result
        assert again.render_png() == fig_i.render_png()
    finally:
        plt.close(again.fig)


@pytest.mark.parametrize("name", NAMES)
def test_a_result_and_its_arguments_together_are_refused(name, built):
    builder = getattr(figures, name)
    arg, value = next(iter(compute_kwargs(name).items()))
    with pytest.raises(ValueError, match="result"):
        builder(result=built(name).result, **{arg: value})
    with pytest.raises(ValueError, match="result"):
        builder(result=object())


@pytest.mark.parametrize("name", NAMES)
def test_alt_text_and_axis_labels(name, built):
    fig_i = built(name)
    assert len(fig_i.alt) >= 200 and fig_i.alt[0].isupper() and fig_i.alt.endswith(".")
    axes = fig_i.fig.axes
    assert any(ax.get_xlabel() for ax in axes) and any(ax.get_ylabel() for ax in axes)
    for ax in axes:
        assert ax.get_xlabel() or ax.get_ylabel() or ax.get_title()
    for name_ in fig_i.params:
        assert fig_i.labels[name_].strip()


@pytest.mark.parametrize("name", NAMES)
def test_every_slider_step_changes_the_image(name, built):
    fig_i = built(name)
    start = dict(fig_i.values)
    first = fig_i.step(**start)
    try:
        for param, values in fig_i.params.items():
            other = next(v for v in values if v != start[param])
            assert fig_i.step(**{param: other}) != first, f"{param} changes nothing"
            fig_i.step(**{param: start[param]})
        assert fig_i.step(**start) == first  # back where it started: the same image
    finally:
        fig_i.set(**start)


@pytest.mark.parametrize("name", NAMES)
def test_the_book_build_gets_every_frame(name, built, monkeypatch):
    monkeypatch.setenv("L1L2_STATIC_FRAMES", "all")
    fig_i = built(name)
    html = fig_i._repr_mimebundle_()["text/html"]
    n = math.prod(len(v) for v in fig_i.params.values())
    assert fig_i.n_frames == n
    frames = json.loads(re.search(r'class="l1l2-frames">(.*?)</script>', html, re.S)[1])
    assert f'data-frames="{n}"' in html and len(frames["frames"]) == n
    assert len(set(frames["frames"])) == n  # every frame differs
    assert len(PNG_B64.findall(html)) == n + 1  # and the image shown first
    assert html.count('<input class="l1l2-slider"') == len(fig_i.params)


@pytest.mark.parametrize("name", NAMES)
def test_a_live_kernel_gets_one_frame(name, built, monkeypatch):
    monkeypatch.delenv("L1L2_STATIC_FRAMES", raising=False)
    fig_i = built(name)
    bundle = fig_i._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert 'data-frames="1"' in html and len(PNG_B64.findall(html)) == 1
    assert _static.RUN_NOTE in html


@pytest.mark.parametrize("name", NAMES)
def test_compute_is_deterministic_and_leaves_its_arguments_alone(name):
    kwargs = compute_kwargs(name)
    copies = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in kwargs.items()}
    first = compute_of(name)(**kwargs)
    assert same(first, compute_of(name)(**kwargs))
    assert same(kwargs, copies)


# -- bad arguments: a named ValueError, fast, no figure left open ------------------

#: Every slider-grid argument of every builder.
GRIDS = [
    ("loss_explorer", "betas"),
    ("gd_explorer", "lrs"),
    ("gd_explorer", "starts"),
    ("gd_explorer", "betas"),
    ("drag_point_explorer", "offsets"),
    ("box_beta_explorer", "betas"),
    ("overfit_explorer", "degrees"),
    ("overfit_explorer", "alphas"),
    ("ridge_shrinkage_explorer", "lambdas"),
    ("elastic_net_explorer", "l1_ratios"),
    ("elastic_net_explorer", "alphas"),
    ("adam_decay_explorer", "weight_decays"),
    ("adam_decay_explorer", "lrs"),
    ("adam_decay_explorer", "scales"),
    ("lp_ball_explorer", "ps"),
    ("lp_ball_explorer", "angles"),
    ("lp_ball_explorer", "budgets"),
    ("kink_explorer", "lams"),
    ("kink_explorer", "slopes"),
    ("posterior_explorer", "scales"),
    ("posterior_explorer", "noise_stds"),
    ("sparse_share_explorer", "ratios"),
    ("sparse_share_explorer", "rhos"),
]
#: Grids for which None means the default grid.
NONE_IS_DEFAULT = {("loss_explorer", "betas"), ("drag_point_explorer", "offsets"),
                   ("box_beta_explorer", "betas"), ("ridge_shrinkage_explorer", "lambdas"),
                   ("elastic_net_explorer", "l1_ratios"), ("elastic_net_explorer", "alphas")}


def build(builder, **kwargs):
    return getattr(figures, builder)(**kwargs)


def test_the_grid_list_covers_every_builder():
    assert {b for b, _ in GRIDS} == set(SMALL)


@pytest.mark.parametrize(("builder", "arg"), GRIDS)
@pytest.mark.parametrize(("value", "match"), [
    ([], "at least 2"),
    ((1.0,), "at least 2"),
    (1.0, "sequence"),
    (np.float64(2.0), "sequence"),
    (np.array(1.5), "sequence"),
    ("ab", "sequence"),
    ({"a": 1.0}, "sequence"),
    (None, "sequence"),
    (np.ones((2, 2)), "sequence"),
    ([1.0, np.nan], "finite"),
    ([1.0, np.inf], "finite"),
    ([1.0, "2"], "real numbers"),
    ([1.0, True], "real numbers"),
    ([1.0, 1e300], "magnitude|<=|integer"),
    (range(10**12), "at most 64"),
    (iter(range(10**12)), "at most 64"),
])
def test_every_grid_gives_a_named_error(builder, arg, value, match):
    if value is None and (builder, arg) in NONE_IS_DEFAULT:
        pytest.skip("None means the default grid here")
    start = time.perf_counter()
    with pytest.raises(ValueError, match=match) as info:
        build(builder, **{arg: value})
    assert arg in str(info.value)
    assert time.perf_counter() - start < 5.0  # refused before any fit or figure


@pytest.mark.parametrize(("builder", "kwargs", "arg"), [
    ("drag_point_explorer", {"offsets": []}, "offsets"),
    ("overfit_explorer", {"degrees": []}, "degrees"),
    ("overfit_explorer", {"alphas": []}, "alphas"),
    ("ridge_shrinkage_explorer", {"lambdas": []}, "lambdas"),
    ("box_beta_explorer", {"betas": [5e-324, 1.0]}, "betas"),
    ("box_beta_explorer", {"betas": [1e-300, 1.0]}, "betas"),
    ("lp_ball_explorer", {"angles": [np.inf, 45.0]}, "angles"),
    ("kink_explorer", {"lams": 1.0}, "lams"),
    ("kink_explorer", {"w_range": 5.0}, "w_range"),
    ("kink_explorer", {"w_range": (-1.0, 0.5, 2.0)}, "w_range"),
    ("kink_explorer", {"w_range": (-1e300, 1.0)}, "w_range"),
    ("posterior_explorer", {"lim": (0.0, 1e-300)}, "lim"),
    ("loss_explorer", {"r_max": np.inf}, "r_max"),
    ("overfit_explorer", {"noise_std": 1e300}, "noise_std"),
    ("box_beta_explorer", {"feature_noise": np.nan}, "feature_noise"),
    ("box_beta_explorer", {"noise_scale": 1e4}, "noise_scale"),
    ("ridge_shrinkage_explorer", {"X": np.ones((5, 2)) * [[1.0, 2.0]] * 1e300,
                                  "y": np.arange(5.0)}, "X"),
    ("ridge_shrinkage_explorer", {"X": np.arange(10.0).reshape(5, 2) * 1e-300,
                                  "y": np.arange(5.0)}, "X"),
    ("lp_ball_explorer", {"quad_matrix": "abc"}, "quad_matrix"),
    ("lp_ball_explorer", {"quad_matrix": [[1.0, 2.0], [2.0, 1.0]]}, "quad_matrix"),
])
def test_defects_of_issue_11_give_named_errors(builder, kwargs, arg):
    with pytest.raises(ValueError) as info:
        build(builder, **kwargs)
    assert arg in str(info.value)


@pytest.mark.parametrize(("builder", "arg"), [
    ("kink_explorer", "n_points"), ("loss_explorer", "n_points"), ("gd_explorer", "n_steps"),
    ("adam_decay_explorer", "n_steps"), ("box_beta_explorer", "n_train"),
    ("overfit_explorer", "n_samples"), ("elastic_net_explorer", "n_path"),
    ("elastic_net_explorer", "n_samples"), ("posterior_explorer", "n_grid"),
])
def test_huge_counts_are_refused_fast(builder, arg):
    start = time.perf_counter()
    with pytest.raises(ValueError, match=arg):
        build(builder, **{arg: 10**12})
    assert time.perf_counter() - start < 5.0


@pytest.mark.parametrize(("builder", "dpi"), [
    ("kink_explorer", 1), ("kink_explorer", 10**6), ("lp_ball_explorer", 1),
    ("lp_ball_explorer", np.nan), ("lp_ball_explorer", "90"),
])
def test_builder_dpi_must_be_within_the_range(builder, dpi):
    with pytest.raises(ValueError, match="dpi"):
        build(builder, dpi=dpi)


def test_a_failed_builder_leaves_no_figure_open():
    before = set(plt.get_fignums())
    with pytest.raises(ValueError, match="initial"):
        figures.kink_explorer(lams=(0.5, 1.0), slopes=(-1.0, 0.0), n_points=11, dpi=20,
                              initial={"lam": 7.0})
    assert set(plt.get_fignums()) <= before


def test_float32_and_whole_float_grids_work():
    fig_i = figures.overfit_explorer(degrees=np.array([1.0, 3.0], dtype=np.float32),
                                     alphas=np.array([0.01, 1.0], dtype=np.float32),
                                     n_samples=12)
    assert fig_i.params["degree"] == (1, 3)
    assert all(isinstance(d, int) for d in fig_i.params["degree"])
    assert fig_i.n_frames <= interactive.DEFAULT_MAX_FRAMES
    plt.close(fig_i.fig)
