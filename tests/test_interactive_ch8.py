"""Chapter 8's interactive figure, adam_decay_explorer: its sliders move the
trajectories, and the static HTML holds one frame per slider combination."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive, solvers


def small():
    return interactive.adam_decay_explorer(weight_decays=(0.0, 0.1), lrs=(0.01, 0.05),
                                           n_steps=200)


def test_setting_each_slider_changes_the_artists_data():
    fig_i = small()
    fig_i.set(weight_decay=0.1, lr=0.01)
    before = [np.array(a.get_ydata()) for a in fig_i.animated]
    fig_i.set(weight_decay=0.0)
    after = [np.array(a.get_ydata()) for a in fig_i.animated]
    assert all(not np.allclose(b, a) for b, a in zip(before, after, strict=True))
    fig_i.set(weight_decay=0.1, lr=0.05)
    assert not np.allclose(before[0], fig_i.animated[0].get_ydata())


def test_runs_are_the_package_optimizer_steps():
    fig_i = small()
    w, state = np.ones(3), {}
    s = np.array(fig_i.scales)
    for k in range(200):
        w = solvers.adam_step(w, s * (-1) ** k, state, lr=0.05, weight_decay=0.1)
    np.testing.assert_array_equal(fig_i.runs["adam", 0.1, 0.05][-1], w)


def test_adamw_decays_alike_and_adam_l2_does_not():
    fig_i = small()
    adamw, adam = fig_i.runs["adamw", 0.1, 0.05][-1], fig_i.runs["adam", 0.1, 0.05][-1]
    assert adamw.max() - adamw.min() < 1e-3
    assert abs(adam[0]) < 0.01 < 0.8 < adam[2]  # small gradients: collapses; large: kept


def test_static_html_has_one_frame_per_combination():
    fig_i = small()
    html = fig_i.static_html()
    payload = re.search(r'<script type="application/json" class="l1l2-frames">(.*?)</script>',
                        html, re.S).group(1)
    data = json.loads(payload)
    assert len(data["frames"]) == 4 == fig_i.n_frames
    assert len(set(data["frames"])) == 4
    assert html.count('class="l1l2-slider"') == 2


def test_default_figure_fits_the_frame_budget():
    fig_i = interactive.adam_decay_explorer()
    assert fig_i.n_frames == 18 <= interactive.DEFAULT_MAX_FRAMES
    assert fig_i.values == {"weight_decay": 0.1, "lr": 0.01}


def test_frames_read_on_a_phone():
    # a phone shows a frame about 340 px wide: a narrow figure, the two panels
    # stacked, and no text below 12 pt
    from matplotlib.text import Text

    fig = small().fig
    assert fig.get_size_inches()[0] * fig.dpi <= 600
    top, bottom = fig.axes[:2]
    assert top.get_position().y0 > bottom.get_position().y1
    texts = [t for t in fig.findobj(Text) if t.get_text().strip()]
    assert min(t.get_fontsize() for t in texts) >= 12


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"weight_decays": (0.0, -0.1)}, "weight_decays"),
    ({"lrs": (0.0, 0.1)}, "lrs"),
    ({"scales": (1.0, 2.0)}, "scales"),
    ({"scales": (1.0, 0.0, 2.0)}, "scales"),
    ({"n_steps": 1}, "n_steps"),
    ({"weight_decays": tuple(range(9)), "lrs": tuple(0.1 * i for i in range(1, 9))}, "frames"),
])
def test_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        interactive.adam_decay_explorer(**kwargs)
