"""Chapter 10's interactive figure: the prior-scale and noise sliders change the artists,
static HTML has every frame."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive, priors


@pytest.fixture(scope="module")
def fig_i():
    return interactive.posterior_explorer(scales=(0.2, 1.6), noise_stds=(1.0, 3.0), n_grid=61)


def test_data_have_the_stated_least_squares_fit():
    X, y = interactive.prior_posterior_data()
    assert X.shape == (40, 2)
    assert np.allclose(np.linalg.lstsq(X, y, rcond=None)[0], [1.5, 0.1])
    assert abs(y.mean()) < 1e-12 and np.allclose(X.mean(axis=0), 0.0)


def test_setting_values_changes_the_artists(fig_i):
    ax_prior, ax_post = fig_i.fig.axes[0], fig_i.fig.axes[2]
    fig_i.set(scale=0.2, noise_std=1.0)
    prior_before = np.array(ax_prior.lines[0].get_xdata(), dtype=float).copy()
    fig_i.set(scale=1.6, noise_std=1.0)
    prior_after = np.array(ax_prior.lines[0].get_xdata(), dtype=float)
    assert np.nanmax(np.abs(prior_after)) > np.nanmax(np.abs(prior_before))
    fig_i.set(scale=0.2, noise_std=3.0)
    map_marker = [ln for ln in ax_post.lines if ln.get_label() == "MAP"][0]
    assert np.allclose(map_marker.get_xydata()[0], fig_i.maps["laplace", 0.2, 3.0])
    assert "MAP $w_2$ = 0," in fig_i.fig._suptitle.get_text()


def test_laplace_map_is_sparse_but_its_mean_is_not(fig_i):
    X, y = fig_i.X, fig_i.y
    m = fig_i.maps["laplace", 0.2, 3.0]
    assert m[1] == 0.0
    assert fig_i.means["laplace", 0.2, 3.0][1] > 0.01
    ref = priors.map_linear_regression(X, y, prior="gaussian", scale=1.6, noise_std=1.0,
                                       fit_intercept=False).coef
    assert np.allclose(fig_i.maps["gaussian", 1.6, 1.0], ref)
    # Gaussian prior: the posterior is Gaussian, so its mean is the MAP (up to the coarse grid)
    assert np.allclose(fig_i.means["gaussian", 1.6, 1.0], ref, atol=0.02)


def test_static_html_has_one_frame_per_position(fig_i):
    html = fig_i.static_html()
    payload = json.loads(re.search(r'class="l1l2-frames">(.*?)</script>', html, re.S).group(1))
    assert len(payload["frames"]) == fig_i.n_frames == 4
    assert payload["labels"] == [["0.2", "1.6"], ["1", "3"]]


def test_default_figure_fits_the_frame_budget():
    fig = interactive.posterior_explorer(n_grid=41)
    assert fig.n_frames == 20 <= interactive.DEFAULT_MAX_FRAMES
    assert fig.values == {"scale": 0.4, "noise_std": 2.0}
    assert fig.fig.get_size_inches()[0] * fig.dpi >= 700  # legible: about the page's width


def test_bad_arguments():
    with pytest.raises(ValueError, match="scales"):
        interactive.posterior_explorer(scales=(0.0, 1.0))
    with pytest.raises(ValueError, match="noise_stds"):
        interactive.posterior_explorer(noise_stds=(-1.0, 1.0))
    with pytest.raises(ValueError, match="lim"):
        interactive.posterior_explorer(lim=(1.0, -1.0))
    with pytest.raises(ValueError, match="n_grid"):
        interactive.posterior_explorer(n_grid=5)
