"""Chapter 6's interactive figure: the lambda slider changes the artists, static HTML has every
frame."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive, solvers


@pytest.fixture(scope="module")
def fig_i():
    return interactive.ridge_shrinkage_explorer(lambdas=[0.01, 0.1, 1.0])


def test_setting_lambda_changes_the_artists(fig_i):
    ax_f, ax_c = fig_i.fig.axes
    curve, dots = ax_f.lines[0], ax_f.lines[1]
    bars = ax_c.containers[1]
    fig_i.set(lambda_=0.01)
    y_before = np.array(dots.get_ydata()).copy()
    h_before = np.array([b.get_height() for b in bars])
    fig_i.set(lambda_=1.0)
    assert np.all(np.asarray(dots.get_ydata()) < y_before)
    assert np.allclose(dots.get_ydata(), fig_i.d2 / (fig_i.d2 + 1.0))
    assert not np.allclose(curve.get_ydata(), fig_i.d2[0] / (fig_i.d2[0] + 0.01))
    h_after = np.array([b.get_height() for b in bars])
    assert np.all(np.abs(h_after) < np.abs(h_before))
    assert "1:" in ax_f.title.get_text()


def test_bars_are_the_ridge_fit(fig_i):
    from l1l2 import datasets

    d = datasets.load_diabetes()
    fit = solvers.ridge(d.X, d.y, alpha=0.1)
    yhat = d.X @ fit.coef + fit.intercept - d.y.mean()
    U = np.linalg.svd(d.X - d.X.mean(0), full_matrices=False)[0]
    fig_i.set(lambda_=0.1)
    heights = np.array([b.get_height() for b in fig_i.fig.axes[1].containers[1]])
    assert np.allclose(heights, U.T @ yhat, atol=1e-8)
    assert fig_i.df[0.1] == pytest.approx(np.sum(fig_i.d2 / (fig_i.d2 + 0.1)))


def test_static_html_has_one_frame_per_position(fig_i):
    html = fig_i.static_html()
    payload = json.loads(re.search(r'class="l1l2-frames">(.*?)</script>', html, re.S).group(1))
    assert len(payload["frames"]) == fig_i.n_frames == 3
    assert payload["labels"] == [["0.01", "0.1", "1"]]


def test_default_figure_fits_the_frame_budget():
    fig = interactive.ridge_shrinkage_explorer()
    assert fig.n_frames == 16 <= interactive.DEFAULT_MAX_FRAMES
    assert fig.values == {"lambda_": 0.1}


def test_custom_data_and_bad_arguments():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    fig = interactive.ridge_shrinkage_explorer(X, y, lambdas=[0.5, 2.0])
    assert fig.d2.shape == (3,) and fig.values == {"lambda_": 2.0}
    with pytest.raises(ValueError, match="together"):
        interactive.ridge_shrinkage_explorer(X)
    with pytest.raises(ValueError, match="lambdas"):
        interactive.ridge_shrinkage_explorer(lambdas=[0.0, 1.0])
