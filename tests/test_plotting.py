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
