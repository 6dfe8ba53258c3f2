"""l1l2.figures.box_regression: smooth L1's beta against the scale of the box
targets (box_beta_explorer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import figures


def slider_labels(fig_i):
    """The values each slider shows, as formatted on the page."""
    return [[fig_i.formats[n].format(v) for v in values] for n, values in fig_i.params.items()]


@pytest.fixture(scope="module")
def res():
    return figures.compute_box_beta(betas=[0.01, 0.1, 1.0], n_train=120, n_test=100)


def test_iou_curves_are_shifted_copies(res):
    # scaling the targets by 10 and beta by 10 gives the same boxes
    assert res.iou[0.01, 1.0] == pytest.approx(res.iou[0.1, 10.0], abs=1e-8)
    assert res.iou[0.1, 1.0] == pytest.approx(res.iou[1.0, 10.0], abs=1e-8)
    assert np.allclose(res.residuals[10.0], 10 * res.residuals[1.0])


def test_ious_are_ious(res):
    for value in (*res.iou.values(), res.iou_l1, res.iou_l2):
        assert 0.0 < value <= 1.0
    assert res.iou_l1 > res.iou_l2  # heavy-tailed label noise: L1 beats L2
    assert res.scales == (1.0, 10.0)


def test_setting_beta_and_scale_changes_the_artists(res):
    fig_i = figures.box_beta_explorer(result=res)
    assert slider_labels(fig_i) == [["0.01", "0.1", "1"], ["1", "10"]]
    fig_i.set(beta=1.0, s=10.0)
    marks = [ln for ax in fig_i.fig.axes for ln in ax.lines
             if np.allclose(ln.get_xydata(), [[1.0, res.iou[1.0, 10.0]]])]
    assert len(marks) == 1
    fig_i.set(s=1.0)
    assert np.allclose(marks[0].get_xydata(), [[1.0, res.iou[1.0, 1.0]]])
    texts = [t.get_text() for ax in fig_i.fig.axes for t in ax.texts]
    assert any(t.startswith("s = 1:") for t in texts)
    plt.close(fig_i.fig)


def test_default_figure_fits_the_frame_budget():
    fig_i = figures.box_beta_explorer(n_train=60, n_test=40)
    assert fig_i.n_frames == 20
    assert fig_i.values == {"beta": 1 / 9, "s": 10.0}
    plt.close(fig_i.fig)


def test_bad_arguments():
    with pytest.raises(ValueError, match="n_train"):
        figures.compute_box_beta(n_train=5)
    with pytest.raises(ValueError, match="betas"):
        figures.compute_box_beta(betas=[0.0, 1.0])
