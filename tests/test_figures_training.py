"""l1l2.figures.training: gradient descent on three losses (gd_explorer) and
Adam + L2 against AdamW (adam_decay_explorer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.text import Text

from l1l2 import figures, optim

# -- gradient descent ----------------------------------------------------------------


@pytest.fixture(scope="module")
def gd():
    return figures.compute_gd(lrs=(0.4, 1.1), starts=(3.0, 10.0), betas=(0.5, 1.0),
                              n_steps=30)


def test_l2_iterates_are_gradient_descent_on_the_mean_loss(gd):
    # L2 on data with mean 0: w_k = (1 - 2 lr)^k w_0
    l2 = gd.iterates["l2", 0.4, 3.0, 1.0]
    np.testing.assert_allclose(l2, 3.0 * (1 - 0.8) ** np.arange(31), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(gd.distances["l2", 0.4, 3.0, 1.0][:5], np.abs(l2[:5]))
    assert gd.minimizer == 0.0 and np.array_equal(gd.data, figures.GD_DATA)


def test_iterates_start_at_the_start(gd):
    for (_, _, start, _), w in gd.iterates.items():
        assert w[0] == start


def test_l2_diverges_above_lr_one_and_stops_at_the_edge(gd):
    w = gd.iterates["l2", 1.1, 10.0, 1.0]  # |w_k| = 10 * 1.2^k leaves at k = 26
    assert w.size == 27 and abs(w[-1]) > 1000 and np.all(np.abs(w[:-1]) <= 1000)
    assert gd.iterates["smooth_l1", 1.1, 10.0, 1.0].size == 31  # smooth L1 does not
    assert np.isfinite(w).all()


def test_beta_moves_smooth_l1_only(gd):
    assert not np.array_equal(gd.iterates["smooth_l1", 0.4, 3.0, 0.5],
                              gd.iterates["smooth_l1", 0.4, 3.0, 1.0])
    assert np.array_equal(gd.iterates["l2", 0.4, 3.0, 0.5], gd.iterates["l2", 0.4, 3.0, 1.0])
    assert np.array_equal(gd.iterates["l1", 0.4, 3.0, 0.5], gd.iterates["l1", 0.4, 3.0, 1.0])


def test_the_figure_draws_the_runs_padded_with_nan(gd):
    fig_i = figures.gd_explorer(result=gd)
    fig_i.set(lr=1.1, start=10.0, beta=1.0)
    w = gd.iterates["l2", 1.1, 10.0, 1.0]
    drawn = [np.asarray(ln.get_ydata()) for ax in fig_i.fig.axes for ln in ax.lines
             if np.size(ln.get_ydata()) == 31 and np.array_equal(ln.get_ydata()[:w.size], w)]
    assert len(drawn) == 1 and np.isnan(drawn[0][w.size:]).all()
    plt.close(fig_i.fig)


def test_default_figure_fits_the_frame_budget_and_uses_the_books_notation():
    fig_i = figures.gd_explorer()
    assert fig_i.n_frames == 36
    assert fig_i.values == {"lr": 0.4, "start": 9.7, "beta": 1.0}
    # w_0 is the intercept in the notation; the start is the iterate w^(0)
    assert fig_i.labels["start"] == "start w⁽⁰⁾"
    plt.close(fig_i.fig)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"data": [0.0, 1.0, 5.0]}, "symmetric"),
    ({"lrs": (0.1, -0.2)}, "lrs"),
    ({"betas": (0.0, 1.0)}, "betas"),
    ({"n_steps": 0}, "n_steps"),
])
def test_gd_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        figures.compute_gd(**kwargs)


# -- Adam + L2 against AdamW -----------------------------------------------------------


@pytest.fixture(scope="module")
def adam():
    return figures.compute_adam_decay(weight_decays=(0.0, 0.1), lrs=(0.01, 0.05),
                                      n_steps=200)


def test_runs_are_the_package_optimizer_steps(adam):
    for name, step in (("adam", optim.adam_step), ("adamw", optim.adamw_step)):
        w, state = np.ones(3), {}
        s = np.array(adam.scales)
        for k in range(200):
            w = step(w, s * (-1) ** k, state, lr=0.05, weight_decay=0.1)
        np.testing.assert_array_equal(adam.runs[name, 0.1, 0.05][-1], w)


def test_adamw_decays_alike_and_adam_l2_does_not(adam):
    adamw, adam_l2 = adam.runs["adamw", 0.1, 0.05][-1], adam.runs["adam", 0.1, 0.05][-1]
    assert adamw.max() - adamw.min() < 1e-3
    assert abs(adam_l2[0]) < 0.01 < 0.8 < adam_l2[2]  # small gradients: collapses; large: kept


def test_without_decay_the_weights_stay_near_one(adam):
    for name in ("adam", "adamw"):
        assert np.allclose(adam.runs[name, 0.0, 0.01][-1], 1.0, atol=0.02)


def test_default_adam_figure_and_its_frames_read_on_a_phone():
    fig_i = figures.adam_decay_explorer()
    assert fig_i.n_frames == 18 and fig_i.values == {"weight_decay": 0.1, "lr": 0.01}
    # a phone shows a frame about 340 px wide: a narrow figure, the two panels
    # stacked, and no text below 12 pt
    fig = fig_i.fig
    assert fig.get_size_inches()[0] * fig.dpi <= 600
    top = next(ax for ax in fig.axes if ax.get_title().startswith("Adam +"))
    bottom = next(ax for ax in fig.axes if ax.get_title().startswith("AdamW"))
    assert top.get_position().y0 > bottom.get_position().y1
    texts = [t for t in fig.findobj(Text) if t.get_text().strip()]
    assert min(t.get_fontsize() for t in texts) >= 12
    plt.close(fig)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"weight_decays": (0.0, -0.1)}, "weight_decays"),
    ({"lrs": (0.0, 0.1)}, "lrs"),
    ({"scales": (1.0, 2.0)}, "scales"),
    ({"scales": (1.0, 0.0, 2.0)}, "scales"),
    ({"n_steps": 1}, "n_steps"),
    ({"weight_decays": tuple(range(9)), "lrs": tuple(0.1 * i for i in range(1, 9))}, "frames"),
])
def test_adam_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        figures.compute_adam_decay(**kwargs)
