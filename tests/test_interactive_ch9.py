"""Chapter 9's interactive figure: the Lp-ball sliders change the artists, static HTML has every
frame."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from l1l2 import interactive, solvers


@pytest.fixture(scope="module")
def fig_i():
    return interactive.lp_ball_explorer(ps=[1.0, 2.0, interactive.P_INF], angles=[10.0, 45.0],
                                        budgets=[0.5, 1.0])


def _artists(fig_i):
    ax = fig_i.fig.axes[0]
    touch, opt, sol = ax.lines[-3:]
    return ax, touch, opt, sol


def test_setting_values_changes_the_artists(fig_i):
    ax, touch, opt, sol = _artists(fig_i)
    fig_i.set(p=1.0, angle=10.0, t=1.0)
    w_corner = np.array([sol.get_xdata()[0], sol.get_ydata()[0]])
    assert np.array_equal(w_corner, [1.0, 0.0])
    assert "exactly" in ax.texts[0].get_text()
    xy_touch = np.array(touch.get_xydata()).copy()
    fig_i.set(angle=45.0)
    w_edge = np.array([sol.get_xdata()[0], sol.get_ydata()[0]])
    assert np.allclose(w_edge, [0.5, 0.5])
    assert "not sparse" in ax.texts[0].get_text()
    assert not np.allclose(touch.get_xydata(), xy_touch)
    fig_i.set(p=2.0)
    assert np.linalg.norm([sol.get_xdata()[0], sol.get_ydata()[0]]) == pytest.approx(1.0)
    assert "q = 2" in ax.title.get_text()
    fig_i.set(p=interactive.P_INF, t=0.5)
    assert "∞" in ax.title.get_text()


def test_touching_contour_passes_through_the_solution(fig_i):
    _, touch, _, sol = _artists(fig_i)
    for key, w in fig_i.solutions.items():
        fig_i.set(p=key[0], angle=key[1], t=key[2])
        c = fig_i.centers[key[1]]
        pts = np.asarray(touch.get_xydata())
        levels = np.einsum("ki,ij,kj->k", pts - c, fig_i.A, pts - c)
        assert np.allclose(levels, (w - c) @ fig_i.A @ (w - c))
        p = np.inf if key[0] is interactive.P_INF else key[0]
        assert np.allclose(w, solvers.constrained_quadratic_2d(fig_i.A, c, p, key[2]))


def test_only_the_current_contours_are_visible(fig_i):
    fig_i.set(angle=45.0)
    visible = [cs.get_visible() for cs in fig_i.fig.axes[0].collections
               if hasattr(cs, "levels")]
    assert visible.count(True) == 1


def test_static_html_has_one_frame_per_position(fig_i):
    html = fig_i.static_html()
    payload = json.loads(re.search(r'class="l1l2-frames">(.*?)</script>', html, re.S).group(1))
    assert len(payload["frames"]) == fig_i.n_frames == 12
    assert payload["labels"][0] == ["1", "2", "∞"]


def test_default_figure_fits_the_frame_budget():
    fig = interactive.lp_ball_explorer()
    assert fig.n_frames == 60 <= interactive.DEFAULT_MAX_FRAMES
    assert fig.values == {"p": 1.0, "angle": 10.0, "t": 1.0}
    assert fig.labels["p"] == "q"  # the exponent is q; p is the number of features
    # legible on the page, and the chapter (with its kink figure) under its 1 MB budget
    width = fig.fig.get_size_inches()[0] * fig.dpi
    assert width >= 380
    assert len(fig.static_html()) < 600_000


def test_bad_sliders_raise():
    with pytest.raises(ValueError, match="budgets"):
        interactive.lp_ball_explorer(budgets=[1.0])
    with pytest.raises(ValueError, match="ps"):
        interactive.lp_ball_explorer(ps=[-1.0, 1.0])
