"""Chapter 7's interactive figure: sliders change the artists, static HTML has every frame."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive, solvers


@pytest.fixture(scope="module")
def fig_i():
    return interactive.elastic_net_explorer(l1_ratios=[1.0, 0.5], alphas=[1.0, 0.2, 0.06],
                                            n_path=6)


def test_setting_values_changes_the_artists(fig_i):
    ax_path, ax_bar = fig_i.fig.axes
    fig_i.set(l1_ratio=1.0, alpha=1.0)
    path_before = np.array(ax_path.lines[0].get_ydata()).copy()
    heights_before = [p.get_height() for p in ax_bar.patches]
    fig_i.set(l1_ratio=0.5)
    assert not np.allclose(ax_path.lines[0].get_ydata(), path_before)
    heights = [p.get_height() for p in ax_bar.patches]
    assert not np.allclose(heights, heights_before)
    np.testing.assert_allclose(heights, fig_i.coefs[0.5, 1.0])
    fig_i.set(alpha=0.2)
    assert np.allclose(ax_path.lines[5].get_xdata(), [0.2, 0.2])  # the vertical line
    assert "non-zero" in ax_bar.texts[0].get_text()


def test_lasso_picks_one_of_the_pair_and_the_elastic_net_keeps_both(fig_i):
    w_lasso, w_enet = fig_i.coefs[1.0, 1.0], fig_i.coefs[0.5, 1.0]
    assert np.count_nonzero(w_lasso[:2]) == 1
    assert np.count_nonzero(w_enet[:2]) == 2
    assert abs(w_enet[0] - w_enet[1]) < 0.2 * abs(w_enet[0])
    np.testing.assert_allclose(w_enet, solvers.elastic_net(fig_i.X, fig_i.y, 1.0, 0.5).coef)


def test_data_are_standardized_and_the_pair_is_correlated():
    X, y = interactive.correlated_pair_data(200, seed=3)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1.0)
    assert np.corrcoef(X[:, 0], X[:, 1])[0, 1] > 0.97
    assert y.shape == (200,)


def test_static_html_has_one_frame_per_combination(fig_i):
    html = fig_i.static_html()
    payload = json.loads(re.search(r'class="l1l2-frames">(.*?)</script>', html, re.S).group(1))
    assert len(payload["frames"]) == fig_i.n_frames == 6
    assert len(set(payload["frames"])) == 6
    assert payload["strides"] == [3, 1]
    assert payload["labels"] == [["1", "0.5"], ["1", "0.2", "0.06"]]


def test_default_figure_fits_the_frame_budget():
    fig = interactive.elastic_net_explorer(n_path=4)
    assert fig.n_frames <= interactive.DEFAULT_MAX_FRAMES
    assert fig.values == {"l1_ratio": 1.0, "alpha": 1.0}


def test_bad_arguments():
    with pytest.raises(ValueError, match="l1_ratios"):
        interactive.elastic_net_explorer(l1_ratios=[0.0, 1.0])
    with pytest.raises(ValueError, match="alphas"):
        interactive.elastic_net_explorer(alphas=[-1.0, 1.0])
    with pytest.raises(ValueError, match="n_samples"):
        interactive.correlated_pair_data(3)
