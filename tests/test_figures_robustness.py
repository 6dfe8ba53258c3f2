"""l1l2.figures.robustness: drag one point sideways; the OLS line glides, the LAD
line jumps (drag_point_explorer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import figures, linear_model

X = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
Y = np.array([0.1, 1.2, 1.9, 3.2, 3.9, 5.0])


def test_fits_are_ols_and_lad_with_the_point_moved():
    res = figures.compute_drag_point(X, Y, offsets=[-2.0, 0.0, 3.0])
    assert res.index == 5 and np.array_equal(res.x_moved, X[-1] + np.array([-2.0, 0.0, 3.0]))
    xx = X.copy()
    xx[-1] += 3.0
    ols, lad = linear_model.ols(xx[:, None], Y), linear_model.lad_regression(xx[:, None], Y)
    assert res.ols_slopes[2] == pytest.approx(ols.coef[0])
    assert res.ols_intercepts[2] == pytest.approx(ols.intercept)
    assert res.lad_slopes[2] == pytest.approx(lad.coef[0])
    assert res.lad_intercepts[2] == pytest.approx(lad.intercept)
    assert np.array_equal(res.x, X) and np.array_equal(res.y, Y)  # the data, not moved


def test_exact_toy_case_a_line_stays_put_for_lad():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([0.0, 1.0, 2.0, 1.0])
    res = figures.compute_drag_point(x, y, offsets=[0.0, -3.0])
    # OLS slope = sum (x - mean x) y / sum (x - mean x)^2: 2 / 5, then, with
    # x = (0, 1, 2, 0), 2 / 2.75
    assert res.ols_slopes.tolist() == pytest.approx([0.4, 2.0 / 2.75])
    # LAD with x = (0, 1, 2, 0): a line between (0, 0) and (0, 1) costs 1 there, so
    # y = x, through the other three points, is the unique solution
    assert res.lad_slopes[1] == pytest.approx(1.0)
    assert res.lad_intercepts[1] == pytest.approx(0.0, abs=1e-9)
    # and at x_3 = 3, the start, y = x, y = 1 and y = x / 3 all cost 2: a jump there
    assert res.jump_x == pytest.approx(3.0)
    assert res.jump_lines == pytest.approx(np.array([[1.0, 0.0], [0.0, 1 / 3], [0.0, 1.0]]))


def test_setting_an_offset_moves_the_point_and_the_lines():
    fig_i = figures.drag_point_explorer(X, Y, offsets=[-2.0, 0.0, 3.0])
    res = fig_i.result
    ax = next(a for a in fig_i.fig.axes if a.get_xlabel() == "$x$")
    ols_line = next(ln for ln in ax.lines if ln.get_label() == "OLS (L2)")
    lad_line = next(ln for ln in ax.lines if ln.get_label() == "LAD (L1)")
    point = next(ln for ln in ax.lines if ln.get_label() == "dragged point")
    fig_i.set(offset=3.0)
    assert point.get_xdata()[0] == pytest.approx(X[-1] + 3.0)
    assert point.get_ydata()[0] == pytest.approx(Y[-1])
    xs = np.asarray(ols_line.get_xdata())
    assert np.allclose(ols_line.get_ydata(), res.ols_slopes[2] * xs + res.ols_intercepts[2])
    assert np.allclose(lad_line.get_ydata(), res.lad_slopes[2] * xs + res.lad_intercepts[2])
    plt.close(fig_i.fig)


def _lad_slope(x, y):
    return float(linear_model.lad_regression(x[:, None], y).coef[0])


def test_default_data_jump_in_x_with_a_set_of_solutions_there():
    res = figures.compute_drag_point()
    x, y, k = res.x, res.y, res.index
    lo, hi = res.jump_bracket
    assert lo < res.jump_x + 1e-8 and res.jump_x - 1e-8 < hi and hi - lo < 1e-12
    # a move of 2e-9 in x changes the LAD slope by more than 0.4
    left, right = x.copy(), x.copy()
    left[k], right[k] = res.jump_x - 1e-9, res.jump_x + 1e-9
    w_left, w_right = _lad_slope(left, y), _lad_slope(right, y)
    assert w_right - w_left > 0.4
    assert (w_left, w_right) == pytest.approx(res.jump_slopes, abs=1e-6)
    # at the jump, the corner lines tie and span the slopes of both sides
    at = x.copy()
    at[k] = res.jump_x
    objs = [np.abs(y - b - w * at).sum() for b, w in res.jump_lines]
    assert np.ptp(objs) <= 1e-9 * objs[0]
    assert res.jump_lines[0, 1] == pytest.approx(res.jump_slopes[0])
    assert res.jump_lines[-1, 1] == pytest.approx(res.jump_slopes[1])
    assert res.jump_x in res.x_moved  # the default grid shows the jump itself


def test_default_data_moving_y_changes_the_lad_slope_continuously():
    # The LAD slope is piecewise linear in y_k with rate 1 / (x_k - x_j) for
    # some j != k, so a step h in y_k changes it by at most h / min |x_k - x_j|.
    res = figures.compute_drag_point(offsets=[0.0, 1.0])
    x, y, k = res.x, res.y.copy(), res.index
    ys = y[k] + np.linspace(-6.0, 6.0, 241)
    slopes = []
    for v in ys:
        y[k] = v
        slopes.append(_lad_slope(x, y))
    h = ys[1] - ys[0]
    bound = h / np.min(np.abs(np.delete(x, k) - x[k]))
    steps = np.abs(np.diff(slopes))
    assert steps.max() <= bound * (1 + 1e-6) + 1e-9 and steps.max() < 0.05
    assert np.ptp(slopes) > 0.3  # it does move: continuously, not by a jump


def test_ols_slope_is_smooth_in_x():
    res = figures.compute_drag_point()
    ols_steps = np.abs(np.diff(res.ols_slopes))
    lad_steps = np.abs(np.diff(res.lad_slopes))
    assert ols_steps.max() < 0.05 and lad_steps.max() > 0.4


def test_default_figure_fits_the_frame_budget():
    fig_i = figures.drag_point_explorer()
    assert fig_i.n_frames == 26 and fig_i.values == {"offset": 0.0}
    plt.close(fig_i.fig)


@pytest.mark.parametrize("kwargs, match", [
    ({"x": X}, "together"),
    ({"x": X, "y": Y[:-1]}, "same shape"),
    ({"x": X, "y": Y, "index": 6}, "index"),
    ({"x": X, "y": Y, "offsets": [0.0]}, "offset"),
])
def test_bad_input_names_the_argument(kwargs, match):
    with pytest.raises(ValueError, match=match):
        figures.compute_drag_point(**kwargs)
