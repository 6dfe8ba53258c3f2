"""Chapter 3's interactive figure, drag_point_explorer: a slider step moves the
dragged point and both lines; the static version has one frame per position."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from l1l2 import interactive, solvers  # noqa: E402

X = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
Y = np.array([0.1, 1.2, 1.9, 3.2, 3.9, 5.0])


def test_setting_an_offset_moves_the_point_and_the_lines():
    fig_i = interactive.drag_point_explorer(X, Y, offsets=[-2.0, 0.0, 3.0])
    ax = fig_i.fig.axes[0]
    point, ols_line, lad_line = ax.lines[0], ax.lines[1], ax.lines[2]
    before = (ols_line.get_ydata().copy(), lad_line.get_ydata().copy())
    fig_i.set(offset=3.0)
    assert point.get_ydata()[0] == pytest.approx(Y[-1] + 3.0)
    assert not np.allclose(ols_line.get_ydata(), before[0])
    yy = Y.copy()
    yy[-1] += 3.0
    fit = solvers.ols(X[:, None], yy)
    xs = ols_line.get_xdata()
    assert np.allclose(ols_line.get_ydata(), fit.coef[0] * xs + fit.intercept)
    lad = solvers.lad_regression(X[:, None], yy)
    assert np.allclose(lad_line.get_ydata(), lad.coef[0] * xs + lad.intercept)


def test_static_html_has_one_frame_per_position_and_the_default_is_small_enough():
    fig_i = interactive.drag_point_explorer(X, Y, index=2, offsets=[-1.0, 0.0, 1.0, 2.0])
    html = fig_i.static_html()
    assert 'data-frames="4"' in html
    default = interactive.drag_point_explorer()
    assert default.n_frames == 25 <= interactive.DEFAULT_MAX_FRAMES
    assert default.values == {"offset": 0.0}


def test_default_data_show_a_lad_jump_and_a_smooth_ols():
    fig_i = interactive.drag_point_explorer()
    ax_slope = fig_i.fig.axes[1]
    ols_slopes, lad_slopes = (np.asarray(ax_slope.lines[j].get_ydata()) for j in (0, 2))
    ols_steps, lad_steps = np.abs(np.diff(ols_slopes)), np.abs(np.diff(lad_slopes))
    assert np.allclose(ols_steps, ols_steps[0])  # affine in the moved y
    assert lad_steps.max() > 10 * ols_steps.max()  # one big jump


@pytest.mark.parametrize("kwargs, match", [
    ({"x": X}, "together"),
    ({"x": X, "y": Y[:-1]}, "same shape"),
    ({"x": X, "y": Y, "index": 6}, "index"),
    ({"x": X, "y": Y, "offsets": [0.0]}, "offset"),
])
def test_bad_input_names_the_argument(kwargs, match):
    with pytest.raises(ValueError, match=match):
        interactive.drag_point_explorer(**kwargs)
