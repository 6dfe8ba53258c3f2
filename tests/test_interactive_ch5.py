"""Chapter 5's interactive figure: sliders change the artists, static HTML has every frame."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive


@pytest.fixture(scope="module")
def fig_i():
    return interactive.overfit_explorer(degrees=[1, 9], alphas=[1e-6, 1e-2, 1.0])


def test_setting_degree_and_lambda_changes_the_artists(fig_i):
    ax_fit, ax_cv = fig_i.fig.axes
    fit_line = ax_fit.lines[-1]
    val_line = ax_cv.lines[1]
    val_mark = ax_cv.lines[3]
    fig_i.set(degree=9, alpha=1e-6)
    fit_before = np.array(fit_line.get_ydata()).copy()
    curve_before = np.array(val_line.get_ydata()).copy()
    fig_i.set(alpha=1.0)
    assert not np.allclose(fit_line.get_ydata(), fit_before)
    assert np.allclose(val_mark.get_xdata(), [1.0])
    assert val_mark.get_ydata()[0] == pytest.approx(fig_i.val_mse[9, 1.0])
    fig_i.set(degree=1)
    assert not np.allclose(val_line.get_ydata(), curve_before)
    assert "degree 1" in ax_cv.title.get_text()


def test_training_error_falls_with_degree_at_small_lambda(fig_i):
    assert fig_i.train_mse[9, 1e-6] < fig_i.train_mse[1, 1e-6]


def test_static_html_has_one_frame_per_combination(fig_i):
    html = fig_i.static_html()
    payload = json.loads(re.search(r'class="l1l2-frames">(.*?)</script>', html, re.S).group(1))
    assert len(payload["frames"]) == fig_i.n_frames == 6
    assert payload["strides"] == [3, 1]
    assert payload["labels"] == [["1", "9"], ["1e-06", "1e-02", "1e+00"]]


def test_default_figure_fits_the_frame_budget():
    fig = interactive.overfit_explorer()
    assert fig.n_frames <= interactive.DEFAULT_MAX_FRAMES
    assert fig.values == {"degree": 15, "alpha": 1e-8}


def test_bad_arguments():
    with pytest.raises(ValueError, match="degrees"):
        interactive.overfit_explorer(degrees=[0, 3])
    with pytest.raises(ValueError, match="alphas"):
        interactive.overfit_explorer(alphas=[0.0, 1.0])
