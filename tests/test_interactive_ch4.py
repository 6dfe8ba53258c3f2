"""Chapter 4's interactive figure: sliders change the artists, static HTML has every frame."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive


@pytest.fixture(scope="module")
def fig_i():
    return interactive.box_beta_explorer(betas=[0.01, 0.1, 1.0], n_train=120, n_test=100)


def test_setting_beta_and_scale_changes_the_artists(fig_i):
    ax_res, ax_iou = fig_i.fig.axes
    line = ax_res.lines[0]
    marker = ax_iou.lines[-1]
    stairs = ax_res.patches[0]
    fig_i.set(beta=0.01, s=10.0)
    x_before = np.array(line.get_xdata()).copy()
    y_before = np.array(marker.get_ydata()).copy()
    hist_before = stairs.get_data().values.copy()
    fig_i.set(beta=1.0)
    assert not np.allclose(line.get_xdata(), x_before)
    assert np.allclose(marker.get_xdata(), [1.0])
    assert marker.get_ydata()[0] == pytest.approx(fig_i.iou[1.0, 10.0])
    assert not np.allclose(marker.get_ydata(), y_before)
    fig_i.set(s=1.0)
    assert not np.allclose(stairs.get_data().values, hist_before)
    assert "s = 1" in ax_res.texts[0].get_text()


def test_iou_curves_are_shifted_copies(fig_i):
    # scaling the targets by 10 and beta by 10 gives the same boxes
    assert fig_i.iou[0.01, 1.0] == pytest.approx(fig_i.iou[0.1, 10.0], abs=1e-8)
    assert fig_i.iou[0.1, 1.0] == pytest.approx(fig_i.iou[1.0, 10.0], abs=1e-8)


def test_static_html_has_one_frame_per_combination(fig_i):
    html = fig_i.static_html()
    payload = json.loads(re.search(r'class="l1l2-frames">(.*?)</script>', html, re.S).group(1))
    assert len(payload["frames"]) == fig_i.n_frames == 6
    assert payload["strides"] == [2, 1]
    assert payload["labels"] == [["0.01", "0.1", "1"], ["1", "10"]]


def test_default_figure_fits_the_frame_budget():
    fig = interactive.box_beta_explorer(n_train=60, n_test=40)
    assert fig.n_frames <= interactive.DEFAULT_MAX_FRAMES
    assert fig.values == {"beta": 1 / 9, "s": 10.0}


def test_bad_arguments():
    with pytest.raises(ValueError, match="n_train"):
        interactive.box_beta_explorer(n_train=5)
    with pytest.raises(ValueError, match="betas"):
        interactive.box_beta_explorer(betas=[0.0, 1.0])
