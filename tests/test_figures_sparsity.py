"""l1l2.figures.sparsity: an l_q ball meets a quadratic loss (lp_ball_explorer),
and the kink of lambda |w| (kink_explorer)."""

from __future__ import annotations

import copy
import pickle

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import figures, geometry


def slider_labels(fig_i):
    """The values each slider shows, as formatted on the page."""
    return [[fig_i.formats[n].format(v) for v in values] for n, values in fig_i.params.items()]

# -- the l_q ball -------------------------------------------------------------------


@pytest.fixture(scope="module")
def lq():
    return figures.compute_lp_ball(ps=[1.0, 2.0, figures.P_INF], angles=[10.0, 45.0],
                                   budgets=[0.5, 1.0])


def test_exact_solutions(lq):
    assert np.array_equal(lq.solutions[1.0, 10.0, 1.0], [1.0, 0.0])  # a corner: sparse
    assert np.allclose(lq.solutions[1.0, 45.0, 1.0], [0.5, 0.5])  # an edge: not
    assert np.linalg.norm(lq.solutions[2.0, 45.0, 1.0]) == pytest.approx(1.0)
    assert np.allclose(lq.solutions[figures.P_INF, 45.0, 0.5], [0.5, 0.5])  # the square


def test_solutions_are_the_constrained_minimizers(lq):
    for (p, angle, t), w in lq.solutions.items():
        c = lq.centers[angle]
        assert np.allclose(c, 2.2 * np.array([np.cos(np.radians(angle)),
                                              np.sin(np.radians(angle))]))
        q = np.inf if p is figures.P_INF else p
        assert np.allclose(w, geometry.constrained_quadratic_2d(lq.A, c, q, t))


def test_the_touching_contour_passes_through_the_solution(lq):
    fig_i = figures.lp_ball_explorer(result=lq, dpi=20)
    assert slider_labels(fig_i)[0] == ["1", "2", "∞"]
    ax = fig_i.fig.axes[0]
    touch = next(ln for ln in ax.lines if ln.get_label() == "touching contour")
    for (p, angle, t), w in lq.solutions.items():
        fig_i.set(p=p, angle=angle, t=t)
        c = lq.centers[angle]
        pts = np.asarray(touch.get_xydata())
        levels = np.einsum("ki,ij,kj->k", pts - c, lq.A, pts - c)
        assert np.allclose(levels, (w - c) @ lq.A @ (w - c))
        visible = [cs.get_visible() for cs in ax.collections if hasattr(cs, "levels")]
        assert visible.count(True) == 1  # only the current contours
        note = "exactly" if np.any(w == 0) else "not sparse"
        assert any(note in txt.get_text() for txt in ax.texts)
    fig_i.set(p=2.0, angle=45.0, t=1.0)
    assert "q = 2" in ax.get_title()
    fig_i.set(p=figures.P_INF, t=0.5)
    assert "∞" in ax.get_title()
    assert fig_i.labels["p"] == "q"  # the exponent is q; p is the number of features
    plt.close(fig_i.fig)


def test_p_inf_is_one_stand_in_and_prints_as_infinity():
    assert copy.deepcopy(figures.P_INF) is figures.P_INF
    assert pickle.loads(pickle.dumps(figures.P_INF)) is figures.P_INF
    assert f"{figures.P_INF:.3g}" == "∞" and repr(figures.P_INF) == "inf"


def test_default_lp_ball_figure(monkeypatch):
    monkeypatch.setenv("L1L2_STATIC_FRAMES", "all")
    fig_i = figures.lp_ball_explorer()
    assert fig_i.n_frames == 60 and fig_i.values == {"p": 1.0, "angle": 10.0, "t": 1.0}
    # legible on the page, and the chapter (with its kink figure) under its 1 MB budget
    assert fig_i.fig.get_size_inches()[0] * fig_i.dpi >= 380
    assert len(fig_i.static_html()) < 600_000
    plt.close(fig_i.fig)


def test_lp_ball_bad_sliders_raise():
    with pytest.raises(ValueError, match="budgets"):
        figures.compute_lp_ball(budgets=[1.0])
    with pytest.raises(ValueError, match="ps"):
        figures.compute_lp_ball(ps=[-1.0, 1.0])


# -- the kink ---------------------------------------------------------------------------


def test_the_l1_minimizer_sits_at_zero_iff_the_kink_absorbs_the_slope():
    res = figures.compute_kink()
    assert len(res.minimizers) == 15
    for (lam, slope), m in res.minimizers.items():
        assert m["loss"] == -slope
        # the L1 minimizer is 0 iff |L'(0)| <= lambda; the squared one iff L'(0) = 0
        assert (m["l1"] == 0.0) == (abs(slope) <= lam)
        assert (m["l2"] == 0.0) == (slope == 0.0)
        assert m["l1"] == pytest.approx(np.sign(-slope) * max(abs(slope) - lam, 0.0))
        assert m["l2"] == pytest.approx(-slope / (1 + 2 * lam))


def test_the_kink_figure_draws_the_minimizers_and_the_subdifferential(monkeypatch):
    monkeypatch.setenv("L1L2_STATIC_FRAMES", "all")
    fig_i = figures.kink_explorer()
    assert fig_i.n_frames == 15 and fig_i.values == {"lam": 1.0, "slope": -0.5}
    ax_f = next(ax for ax in fig_i.fig.axes if ax.get_ylabel() == "objective")
    ax_d = next(ax for ax in fig_i.fig.axes if ax.get_ylabel() == "derivative")
    curve = next(ln for ln in ax_f.lines if ln.get_label().endswith(r"\lambda|w|$"))
    for (lam, slope), m in fig_i.result.minimizers.items():
        fig_i.set(lam=lam, slope=slope)
        x, f = np.asarray(curve.get_xdata()), np.asarray(curve.get_ydata())
        assert x[np.argmin(f)] == pytest.approx(m["l1"], abs=0.01)
        # the subdifferential L'(0) + [-lam, lam], a vertical segment at 0
        segments = [ln for ln in ax_d.lines
                    if np.array_equal(ln.get_xdata(), [0.0, 0.0])
                    and np.allclose(ln.get_ydata(), [slope - lam, slope + lam])]
        assert len(segments) == 1
        held = "at 0" if abs(slope) <= lam else "off 0"
        assert ax_f.get_title().endswith(held)
    html = fig_i.static_html()
    assert html.count("iVBORw0KGgo") == 16 and len(html) < 200_000
    assert 'alt="Two panels' in html
    plt.close(fig_i.fig)


def test_kink_bad_sliders():
    with pytest.raises(ValueError, match="lams"):
        figures.compute_kink(lams=(0.0, 1.0))
    with pytest.raises(ValueError, match="w_range"):
        figures.kink_explorer(w_range=(0.5, 2.0))


# -- how often a corner wins (chapter 11) -------------------------------------------------


@pytest.fixture(scope="module")
def shares():
    return figures.compute_sparse_share(ratios=(0.1, 0.3), rhos=(0.0, 0.9), n_curve=4,
                                        n_angles=360)


def test_sparse_shares_are_the_exact_ones_and_agree_with_the_masks(shares):
    for (r, rho, over), s in shares.shares.items():
        assert s == geometry.sparse_share_2d(rho, r, over=over)
    for (r, _), curve in shares.curves.items():
        assert curve[0] == pytest.approx(4 * np.arctan(r) / np.pi, abs=1e-12)
    # the circle's mask (direction of w_hat uniform) estimates the exact share
    for (r, rho), mask in shares.sparse.items():
        assert mask.mean() == pytest.approx(shares.shares[r, rho, "w_hat"], abs=0.01)


def test_the_sparse_share_figure_draws_its_numbers(shares):
    fig_i = figures.sparse_share_explorer(result=shares, dpi=20)
    assert fig_i.n_frames == 4 and fig_i.values == {"ratio": 0.3, "rho": 0.0}
    ax_c = fig_i.fig.axes[0]
    solid = next(ln for ln in ax_c.lines if ln.get_label().startswith("direction of $\\hat"))
    for r, rho in shares.sparse:
        fig_i.set(ratio=r, rho=rho)
        assert np.array_equal(solid.get_ydata(), shares.curves[r, "w_hat"])
        assert f"{100 * shares.shares[r, rho, 'w_hat']:.0f} % sparse" in (
            fig_i.fig.axes[1].get_title())
    plt.close(fig_i.fig)


def test_sparse_share_bad_sliders():
    with pytest.raises(ValueError, match="ratios"):
        figures.compute_sparse_share(ratios=(0.0, 0.5))
    with pytest.raises(ValueError, match="rhos"):
        figures.compute_sparse_share(rhos=(0.0, 1.0))
