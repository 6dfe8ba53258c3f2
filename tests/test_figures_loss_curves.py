"""l1l2.figures.loss_curves: the four losses and their derivatives (loss_explorer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import figures, losses


def lines_with(fig, ydata):
    """The lines of ``fig`` currently drawing exactly ``ydata``."""
    return [ln for ax in fig.axes for ln in ax.lines
            if np.shape(ln.get_ydata()) == np.shape(ydata)
            and np.array_equal(ln.get_ydata(), ydata)]


def test_curves_are_the_package_losses():
    res = figures.compute_loss(betas=[0.5, 2.0], r_max=2.0, n_points=9)
    assert np.array_equal(res.r, np.linspace(-2.0, 2.0, 9))
    assert np.array_equal(res.l1, np.abs(res.r)) and np.array_equal(res.l2, res.r**2)
    assert np.array_equal(res.l1_grad, np.sign(res.r))
    for beta in (0.5, 2.0):
        expected = losses.smooth_l1_loss(res.r, 0.0, "none", beta=beta)
        assert np.array_equal(res.smooth_l1[beta], expected)
        # Huber with delta = beta is beta times smooth L1
        assert np.allclose(res.huber[beta], beta * res.smooth_l1[beta])
        # smooth L1's derivative is clipped at +-1, Huber's at +-beta
        assert np.max(np.abs(res.smooth_l1_grad[beta])) == 1.0
        assert np.max(np.abs(res.huber_grad[beta])) == beta


def test_a_huge_beta_makes_smooth_l1_a_scaled_square():
    res = figures.compute_loss(betas=[1e3, 2e3], n_points=11)
    assert np.allclose(res.smooth_l1[1e3], res.r**2 / (2 * 1e3))


def test_loss_explorer_starts_where_huber_and_smooth_l1_differ():
    # at beta = delta = 1 Huber equals smooth L1 and hides under it; at 0.5 it is half of it
    fig_i = figures.loss_explorer()
    res = fig_i.result
    assert fig_i.values == {"beta": 0.5}
    assert np.allclose(res.huber[0.5], 0.5 * res.smooth_l1[0.5])
    assert not np.allclose(res.huber[0.5], res.smooth_l1[0.5])
    assert lines_with(fig_i.fig, res.huber[0.5]) and lines_with(fig_i.fig, res.smooth_l1[0.5])
    plt.close(fig_i.fig)


def test_setting_beta_moves_the_curves():
    fig_i = figures.loss_explorer(betas=[0.5, 2.0], n_points=41)
    res = fig_i.result
    fig_i.set(beta=2.0)
    assert lines_with(fig_i.fig, res.smooth_l1[2.0])
    assert not lines_with(fig_i.fig, res.smooth_l1[0.5])
    plt.close(fig_i.fig)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"betas": [0.0, 1.0]}, "betas"), ({"r_max": 0.0}, "r_max"), ({"n_points": 2}, "n_points"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        figures.compute_loss(**kwargs)
