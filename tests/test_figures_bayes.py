"""l1l2.figures.bayes: log-prior + log-likelihood = log-posterior, for a
Laplace and a Gaussian prior (posterior_explorer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import figures, priors
from l1l2.figures import bayes


def slider_labels(fig_i):
    """The values each slider shows, as formatted on the page."""
    return [[fig_i.formats[n].format(v) for v in values] for n, values in fig_i.params.items()]


@pytest.fixture(scope="module")
def post():
    return figures.compute_posterior(scales=(0.2, 1.6), noise_stds=(1.0, 3.0), n_grid=61)


def test_laplace_map_is_sparse_but_its_mean_is_not(post):
    assert post.maps["laplace", 0.2, 3.0][1] == 0.0
    assert post.means["laplace", 0.2, 3.0][1] > 0.01
    ref = priors.map_linear_regression(post.X, post.y, prior="gaussian", scale=1.6,
                                       noise_std=1.0, fit_intercept=False).coef
    assert np.allclose(post.maps["gaussian", 1.6, 1.0], ref)
    # Gaussian prior: the posterior is Gaussian, so its mean is the MAP (up to the coarse grid)
    assert np.allclose(post.means["gaussian", 1.6, 1.0], ref, atol=0.02)
    assert np.allclose(post.least_squares, [1.5, 0.1])


def test_a_wider_prior_has_wider_contours(post):
    def reach(key):
        return max(np.abs(seg).max() for level in post.contours[key] for seg in level)

    assert reach(("laplace", 0, 1.6, 1.0)) > reach(("laplace", 0, 0.2, 1.0))
    # the likelihood does not depend on the prior scale
    same = post.contours["laplace", 1, 0.2, 1.0], post.contours["laplace", 1, 1.6, 1.0]
    assert all(np.array_equal(a, b) for la, lb in zip(*same, strict=True)
               for a, b in zip(la, lb, strict=True))


def test_contour_lines_round_trip():
    xs = np.array([0.0, 1.0, np.nan, 2.0, 3.0, 4.0])
    ys = np.array([1.0, 1.0, np.nan, 2.0, 2.0, 2.0])
    segments = bayes._segments(xs, ys)
    assert [s.shape for s in segments] == [(2, 2), (3, 2)]
    back = bayes._joined(segments)
    assert np.array_equal(back[0], xs, equal_nan=True)
    assert np.array_equal(back[1], ys, equal_nan=True)
    assert np.isnan(bayes._joined(())[0]).all()


def test_setting_values_moves_the_markers(post):
    fig_i = figures.posterior_explorer(result=post)
    assert slider_labels(fig_i) == [["0.2", "1.6"], ["1", "3"]]
    fig_i.set(scale=0.2, noise_std=3.0)
    maps = [ln for ax in fig_i.fig.axes for ln in ax.lines if ln.get_label() == "MAP"]
    assert len(maps) == 2
    assert any(np.allclose(ln.get_xydata()[0], post.maps["laplace", 0.2, 3.0]) for ln in maps)
    assert "MAP $w_2$ = 0," in fig_i.fig.get_suptitle()
    plt.close(fig_i.fig)


def test_default_posterior_figure():
    fig_i = figures.posterior_explorer(n_grid=41)
    assert fig_i.n_frames == 20 and fig_i.values == {"scale": 0.4, "noise_std": 2.0}
    assert fig_i.fig.get_size_inches()[0] * fig_i.dpi >= 700  # legible: the page's width
    plt.close(fig_i.fig)


def test_bad_arguments():
    with pytest.raises(ValueError, match="scales"):
        figures.compute_posterior(scales=(0.0, 1.0))
    with pytest.raises(ValueError, match="noise_stds"):
        figures.compute_posterior(noise_stds=(-1.0, 1.0))
    with pytest.raises(ValueError, match="lim"):
        figures.compute_posterior(lim=(1.0, -1.0))
    with pytest.raises(ValueError, match="n_grid"):
        figures.compute_posterior(n_grid=5)
