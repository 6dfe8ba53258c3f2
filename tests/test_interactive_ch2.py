"""Chapter 2's interactive figure, gd_explorer: its sliders move the
trajectories, and the static HTML holds one frame per slider combination."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive


def small():
    return interactive.gd_explorer(lrs=(0.4, 1.1), starts=(3.0, 10.0), betas=(0.5, 1.0),
                                   n_steps=30)


def test_setting_each_slider_changes_the_artists_data():
    fig_i = small()
    l1_w, l1_d, l2_w, l2_d, sl1_w, sl1_d = fig_i.animated
    fig_i.set(lr=0.4, start=3.0, beta=1.0)
    before = {name: np.array(a.get_ydata()) for name, a in
              (("l2", l2_w), ("sl1", sl1_w), ("l1", l1_w))}
    fig_i.set(lr=1.1)  # L2 now diverges
    assert not np.allclose(before["l2"], l2_w.get_ydata())
    assert abs(l2_w.get_ydata()[-1]) > 100
    fig_i.set(lr=0.4, start=10.0)
    assert l1_w.get_ydata()[0] == 10.0
    fig_i.set(start=3.0, beta=0.5)
    assert not np.allclose(before["sl1"], sl1_w.get_ydata())
    assert np.allclose(before["l2"], l2_w.get_ydata())  # beta does not touch L2


def test_trajectories_are_gradient_descent_on_the_mean_loss():
    fig_i = small()
    fig_i.set(lr=0.4, start=3.0, beta=1.0)
    l2 = fig_i.animated[2].get_ydata()
    # L2 on data with mean 0: w_k = (1 - 2 lr)^k w_0
    np.testing.assert_allclose(l2, 3.0 * (1 - 0.8) ** np.arange(31), rtol=1e-9, atol=1e-14)
    dist = fig_i.animated[3].get_ydata()
    np.testing.assert_allclose(dist[:5], np.abs(l2[:5]))


def test_static_html_has_one_frame_per_combination():
    fig_i = small()
    html = fig_i.static_html()
    payload = re.search(r'<script type="application/json" class="l1l2-frames">(.*?)</script>',
                        html, re.S).group(1)
    data = json.loads(payload)
    assert len(data["frames"]) == 8 == fig_i.n_frames
    assert len(set(data["frames"])) == 8
    assert html.count('class="l1l2-slider"') == 3


def test_default_figure_fits_the_frame_budget():
    fig_i = interactive.gd_explorer()
    assert fig_i.n_frames == 36
    assert fig_i.values == {"lr": 0.4, "start": 9.7, "beta": 1.0}


def test_start_slider_uses_the_books_iterate_notation():
    # w_0 is the intercept in the notation; the start is the iterate w^(0)
    labels = interactive.gd_explorer(lrs=(0.4, 1.1), starts=(3.0, 10.0),
                                     betas=(0.5, 1.0)).labels
    assert labels["start"] == "start w⁽⁰⁾"


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"data": [0.0, 1.0, 5.0]}, "symmetric"),
    ({"lrs": (0.1, -0.2)}, "lrs"),
    ({"betas": (0.0, 1.0)}, "betas"),
    ({"n_steps": 0}, "n_steps"),
])
def test_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        interactive.gd_explorer(**kwargs)
