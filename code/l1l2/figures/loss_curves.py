"""The four losses side by side: L1, L2, smooth L1 and Huber, and their derivatives.

* :func:`compute_loss` — the curves :math:`\\ell(r)` and :math:`\\ell'(r)` of
  every loss at every slider position of β (:class:`LossCurves`);
* :func:`loss_explorer` — the figure, β = δ on a slider.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import losses, plotting
from .._validation import check_scalar
from ..interactive import interactive_figure
from ..interactive._checks import AXIS_MAGNITUDE, MAX_CURVE_POINTS, grid, preferred_initial
from ._common import resolve

__all__ = ["LossCurves", "compute_loss", "loss_explorer"]

_DEFAULT_BETAS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5,
                  3.0, 3.5, 4.0, 5.0)


@dataclass(frozen=True)
class LossCurves:
    """The curves of :func:`loss_explorer`.

    Attributes
    ----------
    r : ndarray
        The residuals, ``linspace(-r_max, r_max, n_points)``.
    betas : tuple of float
        The slider positions of β = δ.
    l1, l2, l1_grad, l2_grad : ndarray
        :math:`|r|`, :math:`r^2` and their derivatives (PyTorch's, 0 at the kink).
    smooth_l1, smooth_l1_grad, huber, huber_grad : dict
        ``{beta: ndarray}``: smooth L1 with threshold β and Huber with δ = β.
    """

    r: np.ndarray
    betas: tuple
    l1: np.ndarray
    l2: np.ndarray
    l1_grad: np.ndarray
    l2_grad: np.ndarray
    smooth_l1: dict
    smooth_l1_grad: dict
    huber: dict
    huber_grad: dict


def compute_loss(*, betas=None, r_max: float = 3.0, n_points: int = 401) -> LossCurves:
    """The losses :math:`\\ell(r)` and derivatives :math:`\\ell'(r)` of L1, L2,
    smooth L1 (threshold β) and Huber (δ = β), for every β of ``betas``.

    Parameters
    ----------
    betas : sequence of float, optional
        Slider positions for β = δ (default: 18 values from 0.05 to 5,
        denser near 0 where the curves change fastest).
    r_max : float
        The residual axis runs over ``[-r_max, r_max]``.
    n_points : int
        Number of residual values.

    Returns
    -------
    LossCurves

    Examples
    --------
    >>> c = compute_loss(betas=[0.5, 1.0], n_points=7)
    >>> c.r
    array([-3., -2., -1.,  0.,  1.,  2.,  3.])
    >>> print(c.huber[0.5][-1], c.smooth_l1[0.5][-1])   # Huber = beta * smooth L1
    1.375 2.75
    """
    r_max = check_scalar(r_max, "r_max", low=1 / AXIS_MAGNITUDE, high=AXIS_MAGNITUDE)
    n_points = check_scalar(n_points, "n_points", low=3, high=MAX_CURVE_POINTS, integer=True)
    betas = grid(_DEFAULT_BETAS if betas is None else betas, "betas", positive=True)
    r = np.linspace(-r_max, r_max, n_points)
    zero = 0.0
    return LossCurves(
        r=r, betas=betas,
        l1=losses.l1_loss(r, zero, "none"), l2=losses.mse_loss(r, zero, "none"),
        l1_grad=losses.l1_loss_grad(r, zero, "none"),
        l2_grad=losses.mse_loss_grad(r, zero, "none"),
        smooth_l1={b: losses.smooth_l1_loss(r, zero, "none", beta=b) for b in betas},
        smooth_l1_grad={b: losses.smooth_l1_loss_grad(r, zero, "none", beta=b) for b in betas},
        huber={b: losses.huber_loss(r, zero, "none", delta=b) for b in betas},
        huber_grad={b: losses.huber_loss_grad(r, zero, "none", delta=b) for b in betas},
    )


def loss_explorer(*, result=None, betas=None, initial=None, r_max: float = 3.0,
                  n_points: int = 401):
    """The four losses and their derivatives, β on a slider (chapter 1).

    Left panel: the losses :math:`\\ell(r)` of L1, L2, smooth L1 with
    threshold β and Huber with δ = β. Right panel: their derivatives
    :math:`\\ell'(r)` (PyTorch's values, 0 at the kink of L1). Dotted
    verticals mark :math:`\\pm\\beta`, where the quadratic piece ends.

    Parameters
    ----------
    result : LossCurves, optional
        The curves to draw, from :func:`compute_loss` (default: computed
        from ``betas``, ``r_max`` and ``n_points``, as there).
    betas, r_max, n_points
        As in :func:`compute_loss`.
    initial : dict, optional
        Starting position, e.g. ``{"beta": 2.0}`` (default: β = 0.5 when
        offered, where Huber is half of smooth L1 and both curves show; at
        PyTorch's default β = 1 the two coincide).

    Returns
    -------
    InteractiveFigure
        With ``.result``, the :class:`LossCurves` drawn.
    """
    res = resolve(result, LossCurves, compute_loss, betas=betas, r_max=r_max,
                  n_points=n_points)
    r, betas = res.r, list(res.betas)
    r_max = float(r[-1])
    fig, (ax_loss, ax_grad) = plotting.new_figure(2, width=8.0, height=3.4)
    plotting.plot_curves(ax_loss, r, {"l1": res.l1, "l2": res.l2}, xlabel=r"residual $r$",
                         ylabel=r"loss $\ell(r)$", legend=False)
    plotting.plot_curves(ax_grad, r, {"l1": res.l1_grad, "l2": res.l2_grad},
                         xlabel=r"residual $r$", ylabel=r"derivative $\ell'(r)$", legend=False)
    curves = {"smooth_l1": (res.smooth_l1, res.smooth_l1_grad), "huber": (res.huber,
                                                                         res.huber_grad)}
    first = betas[0]  # placeholders: update() sets every moving curve before drawing
    moving = {}
    for name in ("smooth_l1", "huber"):
        (moving[name, "loss"],) = ax_loss.plot(r, curves[name][0][first],
                                               **plotting.style_of(name))
        (moving[name, "grad"],) = ax_grad.plot(r, curves[name][1][first],
                                               **plotting.style_of(name))
    marks = []
    for ax in (ax_loss, ax_grad):
        for sign in (-1, 1):
            marks.append(ax.axvline(sign * 1.0, color="#555555", lw=1, ls=":"))
    ax_loss.set_ylim(0, r_max)
    ax_grad.set_ylim(-2.5, 2.5)
    ax_loss.set_title(r"losses ($\delta = \beta$)")
    ax_grad.set_title("derivatives")
    handles = [ax_loss.lines[0], ax_loss.lines[1], moving["smooth_l1", "loss"],
               moving["huber", "loss"]]
    fig.legend(handles=handles, labels=["L1", "L2 (squared)", r"smooth L1, $\beta$",
                                        r"Huber, $\delta=\beta$"],
               loc="outside lower center", ncols=4, frameon=False)

    def update(beta):
        for name in ("smooth_l1", "huber"):
            moving[name, "loss"].set_ydata(curves[name][0][beta])
            moving[name, "grad"].set_ydata(curves[name][1][beta])
        for k, line in enumerate(marks):
            x = beta if k % 2 else -beta
            line.set_xdata([x, x])

    return interactive_figure(
        fig, update, {"beta": betas},
        initial=initial if initial is not None else preferred_initial(beta=(betas, 0.5)),
        labels={"beta": "β = δ"}, formats={"beta": "{:g}"},
        animated=[*moving.values(), *marks], result=res,
        alt=("Two panels over the residual r from -3 to 3. Left: the L1 loss (a V), the "
             "squared loss (a parabola), smooth L1 and Huber for the chosen beta; both are "
             "quadratic between the dotted lines at plus and minus beta and linear outside. "
             "Right: their derivatives; L1's is a step from -1 to 1, L2's a steep line, "
             "smooth L1's is clipped at plus and minus 1 and Huber's at plus and minus beta."),
    )
