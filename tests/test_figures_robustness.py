"""l1l2.figures.robustness: drag one point; the OLS line glides, the LAD line
jumps (drag_point_explorer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import figures, linear_model

X = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
Y = np.array([0.1, 1.2, 1.9, 3.2, 3.9, 5.0])


def test_fits_are_ols_and_lad_with_the_point_moved():
    res = figures.compute_drag_point(X, Y, offsets=[-2.0, 0.0, 3.0])
    assert res.index == 5 and np.array_equal(res.y_moved, Y[-1] + np.array([-2.0, 0.0, 3.0]))
    yy = Y.copy()
    yy[-1] += 3.0
    ols, lad = linear_model.ols(X[:, None], yy), linear_model.lad_regression(X[:, None], yy)
    assert res.ols_slopes[2] == pytest.approx(ols.coef[0])
    assert res.ols_intercepts[2] == pytest.approx(ols.intercept)
    assert res.lad_slopes[2] == pytest.approx(lad.coef[0])
    assert res.lad_intercepts[2] == pytest.approx(lad.intercept)
    assert np.array_equal(res.y, Y)  # the data, not moved


def test_exact_toy_case_a_line_stays_put_for_lad():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    res = figures.compute_drag_point(x, x.copy(), offsets=[0.0, 4.0])
    # OLS slope is affine in the moved y: 1 + 4 * (x_k - mean x) / sum (x - mean x)^2
    assert res.ols_slopes.tolist() == pytest.approx([1.0, 1.0 + 4 * 1.5 / 5.0])
    assert res.lad_slopes.tolist() == pytest.approx([1.0, 1.0])  # three points on a line


def test_setting_an_offset_moves_the_point_and_the_lines():
    fig_i = figures.drag_point_explorer(X, Y, offsets=[-2.0, 0.0, 3.0])
    res = fig_i.result
    ax = next(a for a in fig_i.fig.axes if a.get_xlabel() == "$x$")
    ols_line = next(ln for ln in ax.lines if ln.get_label() == "OLS (L2)")
    lad_line = next(ln for ln in ax.lines if ln.get_label() == "LAD (L1)")
    point = next(ln for ln in ax.lines if ln.get_label() == "dragged point")
    fig_i.set(offset=3.0)
    assert point.get_ydata()[0] == pytest.approx(Y[-1] + 3.0)
    xs = np.asarray(ols_line.get_xdata())
    assert np.allclose(ols_line.get_ydata(), res.ols_slopes[2] * xs + res.ols_intercepts[2])
    assert np.allclose(lad_line.get_ydata(), res.lad_slopes[2] * xs + res.lad_intercepts[2])
    plt.close(fig_i.fig)


def test_default_data_show_a_lad_jump_and_a_smooth_ols():
    res = figures.compute_drag_point()
    ols_steps = np.abs(np.diff(res.ols_slopes))
    lad_steps = np.abs(np.diff(res.lad_slopes))
    assert np.allclose(ols_steps, ols_steps[0])  # affine in the moved y
    assert lad_steps.max() > 10 * ols_steps.max()  # one big jump


def test_default_figure_fits_the_frame_budget():
    fig_i = figures.drag_point_explorer()
    assert fig_i.n_frames == 25 and fig_i.values == {"offset": 0.0}
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
