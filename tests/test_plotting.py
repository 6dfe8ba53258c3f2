"""l1l2.plotting: one color per loss and penalty, color-blind-safe, labeled."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import plotting


def test_colors_come_from_okabe_ito_and_losses_differ():
    allowed = set(plotting.OKABE_ITO.values()) | {plotting.COLORS["data"]}
    assert set(plotting.COLORS.values()) <= allowed
    losses = ["l1", "l2", "smooth_l1", "huber"]
    assert len({plotting.COLORS[k] for k in losses}) == len(losses)
    penalties = ["l1", "l2", "elastic_net", "l0", "l2_norm"]
    assert len({plotting.COLORS[k] for k in penalties}) == len(penalties)
    # a loss and the penalty of the same name share their color
    assert plotting.COLORS["mse"] == plotting.COLORS["l2"]


def test_every_drawn_estimator_has_its_own_color_and_style_pair():
    # Theil-Sen and the biweight share a color with a penalty, never the pair
    names = [k for k in plotting.COLORS if k not in ("mse", "data", "outlier", "truth")]
    pairs = {(plotting.COLORS[k], str(plotting.LINESTYLES[k])) for k in names}
    assert len(pairs) == len(names)
    for name in ("theil_sen", "biweight"):
        assert plotting.COLORS[name] in plotting.OKABE_ITO.values()
        assert plotting.style_of(name)["label"] == plotting.LABELS[name]


def test_line_styles_distinguish_the_losses_without_color():
    styles = [plotting.LINESTYLES[k] for k in ("l1", "l2", "smooth_l1", "huber")]
    assert len(set(map(str, styles))) == 4


def test_style_is_applied_and_background_is_white():
    plotting.use_book_style()
    assert mpl.rcParams["figure.facecolor"] == "white"
    fig, ax = plotting.new_figure()
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    plt.close(fig)


def test_plot_curves_labels_axes_and_returns_lines():
    fig, ax = plotting.new_figure()
    x = np.linspace(-1, 1, 5)
    lines = plotting.plot_curves(ax, x, {"l1": np.abs(x), "huber": x**2},
                                 xlabel="residual", ylabel="loss")
    assert ax.get_xlabel() == "residual" and ax.get_ylabel() == "loss"
    assert lines["l1"].get_color() == plotting.color_of("l1")
    assert lines["huber"].get_linestyle() == ":"
    plt.close(fig)


def test_plot_curves_rejects_mismatched_shapes_and_unknown_names():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="curves"):
        plotting.plot_curves(ax, [0, 1, 2], {"l1": [0, 1]}, xlabel="x", ylabel="y")
    with pytest.raises(ValueError, match="name"):
        plotting.plot_curves(ax, [0, 1], {"nope": [0, 1]}, xlabel="x", ylabel="y")
    plt.close(fig)


@pytest.mark.parametrize("p", [0.5, 1.0, 2.0, np.inf])
def test_lp_ball_boundary_has_unit_norm(p):
    w1, w2 = plotting.lp_ball_boundary(p, radius=1.5, n_points=64)
    norms = (np.maximum(abs(w1), abs(w2)) if np.isinf(p)
             else (abs(w1) ** p + abs(w2) ** p) ** (1 / p))
    assert np.allclose(norms, 1.5)


def test_coefficient_path_checks_shapes():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="coefs"):
        plotting.plot_coefficient_path(ax, [1.0, 0.1], np.zeros((3, 2)))
    with pytest.raises(ValueError, match="alphas"):
        plotting.plot_coefficient_path(ax, [1.0, 0.0], np.zeros((2, 2)))
    lines = plotting.plot_coefficient_path(ax, [1.0, 0.1], np.zeros((2, 2)),
                                           feature_names=["a", "b"])
    assert len(lines) == 2 and ax.get_xscale() == "log"
    plt.close(fig)


def test_contours_with_ball_rejects_non_positive_definite():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="quad_matrix"):
        plotting.plot_contours_with_ball(ax, [[1, 2], [2, 1]], [1, 1])
    out = plotting.plot_contours_with_ball(ax, [[2, 0.5], [0.5, 1]], [1.5, 0.5], p=1)
    assert set(out) == {"contours", "ball", "center"}
    plt.close(fig)


def test_figure_to_png_is_deterministic():
    fig, ax = plotting.new_figure()
    ax.plot([0, 1], [0, 1])
    assert plotting.figure_to_png(fig) == plotting.figure_to_png(fig)
    plt.close(fig)


# -- junk input: a ValueError naming the argument, or a valid result ----------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

junk = st.one_of(
    st.none(), st.booleans(), st.text(max_size=5), st.floats(allow_nan=True),
    st.integers(-10, 10), st.lists(st.floats(allow_nan=True), max_size=4),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(p=junk, radius=junk, n_points=junk)
def test_lp_ball_boundary_junk(p, radius, n_points):
    try:
        w1, w2 = plotting.lp_ball_boundary(p, radius, n_points)
    except ValueError as exc:
        assert any(name in str(exc) for name in ("p", "radius", "n_points"))
    else:
        assert w1.shape == w2.shape == (n_points,)
        assert np.all(np.isfinite(w1)) and np.all(np.isfinite(w2))


@settings(max_examples=40, deadline=None)
@given(name=junk)
def test_color_of_junk(name):
    try:
        color = plotting.color_of(name)
    except ValueError as exc:
        assert "name" in str(exc)
    else:
        assert color in plotting.COLORS.values()


def test_power_of_ten_markdown_exact_cases():
    assert plotting.power_of_ten_markdown(3.9e7) == r"$3.9 \times 10^{7}$"
    assert plotting.power_of_ten_markdown(1e-8) == r"$10^{-8}$"
    assert plotting.power_of_ten_markdown(-1e3) == r"$-10^{3}$"
    assert plotting.power_of_ten_markdown(6.38e8, digits=3) == r"$6.38 \times 10^{8}$"
    # rounding the mantissa can carry into the exponent
    assert plotting.power_of_ten_markdown(9.99e5) == r"$10^{6}$"
    assert plotting.power_of_ten_markdown(np.float64(2.5e-3)) == r"$2.5 \times 10^{-3}$"


@pytest.mark.parametrize("bad, name", [(0.0, "x"), (np.inf, "x"), (np.nan, "x"), ("1e3", "x")])
def test_power_of_ten_markdown_rejects_bad_x(bad, name):
    with pytest.raises(ValueError, match=name):
        plotting.power_of_ten_markdown(bad)


@pytest.mark.parametrize("digits", [0, 1.5, -2])
def test_power_of_ten_markdown_rejects_bad_digits(digits):
    with pytest.raises(ValueError, match="digits"):
        plotting.power_of_ten_markdown(1.0, digits=digits)


# --------------------------------------------------------------------------
# bad input: a named ValueError, never a wrong answer (issue 11, item 5)
# --------------------------------------------------------------------------
@pytest.mark.parametrize("p", [64.0, 65.0, 2151.0, 3000.0, 1e5, 1e300])
def test_lp_ball_boundary_is_finite_and_on_the_ball_for_large_p(p):
    w1, w2 = plotting.lp_ball_boundary(p, radius=2.0, n_points=64)
    assert np.all(np.isfinite(w1)) and np.all(np.isfinite(w2))
    m = np.maximum(np.abs(w1), np.abs(w2))
    norm = m * ((np.abs(w1) / m) ** p + (np.abs(w2) / m) ** p) ** (1 / p)
    assert np.allclose(norm, 2.0, rtol=1e-12)
    # a large p approaches the square of half-side 2
    assert np.all(m <= 2.0 + 1e-12)
    assert m.min() >= 2.0 * 2.0 ** (-1 / p) - 1e-12


def test_lp_ball_boundary_keeps_its_values_for_ordinary_p():
    theta = np.linspace(0.0, 2.0 * np.pi, 16, endpoint=False)
    c, s = np.cos(theta), np.sin(theta)
    for p in (0.5, 1.0, 1.5, 2.0, 64.0):
        norm = (np.abs(c) ** p + np.abs(s) ** p) ** (1.0 / p)
        w1, w2 = plotting.lp_ball_boundary(p, 1.3, 16)
        assert np.array_equal(w1, 1.3 * c / norm) and np.array_equal(w2, 1.3 * s / norm)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"radius": np.inf}, "radius"),
    ({"n_points": 10**12}, "n_points"),
    ({"p": np.nan}, "p"),
])
def test_lp_ball_boundary_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        plotting.lp_ball_boundary(**{"p": 1.0, **kwargs})


def test_plotting_functions_name_a_missing_axes():
    with pytest.raises(ValueError, match="ax must be a matplotlib Axes"):
        plotting.plot_curves(None, [0, 1], {"l1": [0, 1]}, xlabel="x", ylabel="y")
    with pytest.raises(ValueError, match="ax must be a matplotlib Axes"):
        plotting.plot_coefficient_path(None, [1.0, 2.0], [[1.0], [2.0]])
    with pytest.raises(ValueError, match="ax must be a matplotlib Axes"):
        plotting.plot_contours_with_ball(None, np.eye(2), [1.0, 0.5])


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"curves": None}, "curves"),
    ({"curves": {"l1": [0.0, np.nan]}}, "curves"),
    ({"x": [0.0, np.inf]}, "x"),
    ({"xlabel": None}, "xlabel"),
    ({"legend": "yes"}, "legend"),
])
def test_plot_curves_names_the_bad_argument(kwargs, match):
    fig, ax = plotting.new_figure()
    args = {"x": [0.0, 1.0], "curves": {"l1": [0.0, 1.0]}, "xlabel": "x", "ylabel": "y",
            **kwargs}
    with pytest.raises(ValueError, match=match):
        plotting.plot_curves(ax, args.pop("x"), args.pop("curves"), **args)
    assert not ax.lines  # nothing drawn before the error
    plt.close(fig)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"levels": -1}, "levels"),
    ({"levels": 0}, "levels"),
    ({"levels": 10**9}, "levels"),
    ({"levels": [2.0, 1.0]}, "levels"),
    ({"levels": []}, "levels"),
    ({"levels": [1.0, np.nan]}, "levels"),
    ({"extent": np.inf}, "extent"),
    ({"extent": 1e300}, "extent"),
    ({"center": [1e300, 0.0]}, "center"),
    ({"p": 0.0}, "p"),
    ({"name": "nope"}, "name"),
])
def test_plot_contours_with_ball_names_the_bad_argument(kwargs, match):
    fig, ax = plotting.new_figure()
    args = {"quad_matrix": [[2.0, 0.5], [0.5, 1.0]], "center": [1.0, 0.5], **kwargs}
    with pytest.raises(ValueError, match=match):
        plotting.plot_contours_with_ball(ax, args.pop("quad_matrix"), args.pop("center"),
                                         **args)
    assert not ax.collections and not ax.patches  # nothing drawn before the error
    plt.close(fig)


@pytest.mark.parametrize("dpi", [1, 19.9, 601, np.inf, np.nan, "high", -100])
def test_dpi_outside_the_allowed_range_is_refused(dpi):
    fig, ax = plotting.new_figure(width=1.0, height=1.0)
    with pytest.raises(ValueError, match="dpi"):
        plotting.figure_to_png(fig, dpi=dpi)
    with pytest.raises(ValueError, match="dpi"):
        plotting.new_figure(dpi=dpi)
    plt.close(fig)


def test_dpi_range_bounds_are_accepted():
    fig, ax = plotting.new_figure(width=1.0, height=1.0)
    lo, hi = plotting.DPI_RANGE
    assert plotting.figure_to_png(fig, dpi=lo)[:4] == b"\x89PNG"
    assert plotting.figure_to_png(fig, dpi=hi)[:4] == b"\x89PNG"
    plt.close(fig)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"ncols": 10**12}, "ncols"),
    ({"nrows": 10**6}, "nrows"),
    ({"width": np.inf}, "width"),
    ({"height": 1e300}, "height"),
])
def test_new_figure_refuses_huge_sizes_fast(kwargs, match):
    with pytest.raises(ValueError, match=match):
        plotting.new_figure(**kwargs)


def test_figure_to_png_names_a_missing_figure():
    with pytest.raises(ValueError, match="fig"):
        plotting.figure_to_png(None)


@pytest.mark.parametrize(("x", "digits"), [(np.inf, 2), (-np.inf, 2), (1.0, 10**12)])
def test_power_of_ten_markdown_refuses_infinite_x_and_huge_digits(x, digits):
    with pytest.raises(ValueError, match="x" if digits == 2 else "digits"):
        plotting.power_of_ten_markdown(x, digits=digits)


def test_plot_coefficient_path_names_feature_names():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="feature_names"):
        plotting.plot_coefficient_path(ax, [1.0, 2.0], [[1.0], [2.0]], feature_names=5)
    with pytest.raises(ValueError, match="log_x"):
        plotting.plot_coefficient_path(ax, [1.0, 2.0], [[1.0], [2.0]], log_x="yes")
    plt.close(fig)
