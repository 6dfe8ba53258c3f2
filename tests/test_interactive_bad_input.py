"""l1l2.interactive: every builder argument goes through one checking layer.

Slider grids must be sequences (a single number is refused, never taken as a
one-position grid) of 2 to DEFAULT_MAX_FRAMES finite numbers within bounds;
dpi lies within plotting.DPI_RANGE; sizes are bounded so that a typo fails
at once. Each error is a ValueError whose message names the argument.
"""

from __future__ import annotations

import time

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import interactive, plotting

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
]


def build(builder, **kwargs):
    return getattr(interactive, builder)(**kwargs)


@pytest.fixture(autouse=True)
def no_figure_left_open():
    before = set(plt.get_fignums())
    yield
    assert set(plt.get_fignums()) <= before, "a builder left a figure open"


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
    if value is None and (builder, arg) in {("loss_explorer", "betas"),
                                            ("drag_point_explorer", "offsets"),
                                            ("box_beta_explorer", "betas"),
                                            ("ridge_shrinkage_explorer", "lambdas"),
                                            ("elastic_net_explorer", "l1_ratios"),
                                            ("elastic_net_explorer", "alphas")}:
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


@pytest.mark.parametrize("func", [interactive.correlated_pair_data,
                                  interactive.prior_posterior_data])
def test_data_makers_refuse_huge_counts(func):
    with pytest.raises(ValueError, match="n_samples"):
        func(10**12)


@pytest.mark.parametrize(("builder", "dpi"), [
    ("kink_explorer", 1), ("kink_explorer", 10**6), ("lp_ball_explorer", 1),
    ("lp_ball_explorer", np.nan), ("lp_ball_explorer", "90"),
])
def test_builder_dpi_must_be_within_the_range(builder, dpi):
    with pytest.raises(ValueError, match="dpi"):
        build(builder, dpi=dpi)


@pytest.mark.parametrize("dpi", [1, 19, 601, np.inf, "100"])
def test_interactive_figure_checks_dpi_and_closes_the_figure(dpi):
    fig, ax = plotting.new_figure()
    ax.plot([0, 1], [0, 1])
    with pytest.raises(ValueError, match="dpi"):
        interactive.interactive_figure(fig, lambda a: None, {"a": [1, 2]},
                                       alt="A line that does not move at all.", dpi=dpi)
    assert fig.number not in plt.get_fignums()


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"initial": 5}, "initial"),
    ({"labels": ["a"]}, "labels"),
    ({"labels": {"a": 3}}, "labels"),
    ({"formats": {"a": "{:d}"}}, "formats"),
    ({"formats": {"a": "{x}"}}, "formats"),
    ({"animated": 3}, "animated"),
    ({"max_frames": 10**12}, "max_frames"),
    ({"params": {"a": range(10**12)}}, "params"),
    ({"params": {"a": [1.0, 10**400]}}, "params"),
])
def test_interactive_figure_names_bad_options(kwargs, match):
    fig, ax = plotting.new_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    params = kwargs.pop("params", {"a": [0.5, 1.5]})
    with pytest.raises(ValueError, match=match):
        interactive.interactive_figure(fig, lambda a: line.set_ydata([0, a]), params,
                                       alt="A line whose slope the slider sets.", **kwargs)


def test_set_with_an_array_is_a_named_error():
    fig, ax = plotting.new_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    fig_i = interactive.interactive_figure(fig, lambda a: line.set_ydata([0, a]),
                                           {"a": [0.5, 1.5]},
                                           alt="A line whose slope the slider sets.")
    with pytest.raises(ValueError, match="slider positions"):
        fig_i.set(a=np.array([0.5, 1.5]))


def test_a_failed_builder_leaves_no_figure_open():
    before = set(plt.get_fignums())
    with pytest.raises(ValueError, match="initial"):
        interactive.kink_explorer(lams=(0.5, 1.0), slopes=(-1.0, 0.0), n_points=11, dpi=20,
                                  initial={"lam": 7.0})
    assert set(plt.get_fignums()) <= before


def test_float32_and_whole_float_grids_work():
    fig_i = interactive.overfit_explorer(degrees=np.array([1.0, 3.0], dtype=np.float32),
                                         alphas=np.array([0.01, 1.0], dtype=np.float32),
                                         n_samples=12)
    assert fig_i.params["degree"] == (1, 3)
    assert all(isinstance(d, int) for d in fig_i.params["degree"])
