"""How optimizers move the weights: gradient descent on the three losses, and
weight decay under Adam against AdamW.

* :func:`compute_gd` / :func:`gd_explorer` — gradient descent on a location
  problem for L1, L2 and smooth L1 (:class:`GDRuns`);
* :func:`compute_adam_decay` / :func:`adam_decay_explorer` — an L2 penalty
  under Adam is not weight decay (:class:`AdamDecayRuns`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .. import losses, optim, plotting
from .._validation import as_float_array, check_scalar
from ..interactive import interactive_figure
from ..interactive._checks import MAX_CURVE_POINTS, check_n_frames, grid, preferred_initial
from ._common import resolve
from ._data import GD_DATA

__all__ = ["GDRuns", "compute_gd", "gd_explorer", "AdamDecayRuns", "compute_adam_decay",
           "adam_decay_explorer"]

_GD_LOSSES = ("l1", "l2", "smooth_l1")


@dataclass(frozen=True)
class GDRuns:
    """The gradient-descent runs of :func:`gd_explorer`.

    Attributes
    ----------
    data : ndarray
        The sample.
    minimizer : float
        :math:`w^\\star`, the sample's median (the minimizer of every loss).
    lrs, starts, betas : tuple of float
        The slider positions.
    n_steps : int
    iterates, distances : dict
        ``{(loss, lr, start, beta): ndarray}`` with loss ``"l1"``, ``"l2"`` or
        ``"smooth_l1"``: the iterates :math:`w^{(k)}` (clipped to
        :math:`\\pm 10^4`) and :math:`|w^{(k)} - w^\\star|` (clipped to
        :math:`[10^{-17}, 10^4]`), until the run first leaves
        :math:`|w - w^\\star| \\le 1000` (that point included): a diverging
        run is shorter than ``n_steps + 1``.
    """

    data: np.ndarray
    minimizer: float
    lrs: tuple
    starts: tuple
    betas: tuple
    n_steps: int
    iterates: dict
    distances: dict


def compute_gd(*, data=GD_DATA, lrs=(0.1, 0.4, 0.9, 1.1), starts=(0.537, 9.7, 50.0),
               betas=(0.1, 1.0, 3.0), n_steps: int = 60) -> GDRuns:
    r"""Gradient descent on a location problem, for three losses and every slider position.

    The objective is the mean loss :math:`\mathcal L(w) = \frac1n\sum_i \ell(w - x_i)`
    over the sample ``data``, minimized by
    :math:`w^{(k+1)} = w^{(k)} - \eta\,\mathcal L'(w^{(k)})` from the start
    :math:`w^{(0)}` (:func:`l1l2.optim.gradient_descent`), for L1, L2 and
    smooth L1 with threshold β.

    Parameters
    ----------
    data : sequence of float
        The sample; it must be symmetric about its median :math:`c`, so that
        every loss has the same minimizer :math:`w^\star = c`.
    lrs, starts, betas : sequences of float
        Slider positions for the learning rate η (``> 0``), the start
        :math:`w^{(0)}` and the threshold β (``> 0``). The product of their
        lengths must be at most 64.
    n_steps : int
        Number of gradient steps.

    Returns
    -------
    GDRuns

    Raises
    ------
    ValueError
        If ``data`` is not symmetric about its median, a learning rate or
        β is not positive, or there are too many frames.

    Examples
    --------
    >>> runs = compute_gd(lrs=(0.4, 1.1), starts=(3.0, 10.0), betas=(1.0, 3.0))
    >>> len(runs.iterates["l2", 0.4, 10.0, 1.0])   # converges: all 60 steps
    61
    >>> len(runs.iterates["l2", 1.1, 10.0, 1.0])   # |w| = 10 * 1.2^k leaves at k = 26
    27
    """
    x = as_float_array(data, "data", ndim=1, finite=True, allow_empty=False)
    centre = float(np.median(x))
    if not np.allclose(np.sort(x) - centre, -(np.sort(x)[::-1] - centre), atol=1e-12):
        raise ValueError("data must be symmetric about its median")
    lrs = grid(lrs, "lrs", positive=True)
    starts = grid(starts, "starts")
    betas = grid(betas, "betas", positive=True)
    check_n_frames(lrs=lrs, starts=starts, betas=betas)
    n_steps = check_scalar(n_steps, "n_steps", low=1, high=MAX_CURVE_POINTS, integer=True)

    def run(name, lr, start, beta):
        def grad(w):
            inp = np.full(x.shape, float(w))
            if name == "l1":
                return np.sum(losses.l1_loss_grad(inp, x, "mean"))
            if name == "l2":
                return np.sum(losses.mse_loss_grad(inp, x, "mean"))
            return np.sum(losses.smooth_l1_loss_grad(inp, x, "mean", beta=beta))

        traj = optim.gradient_descent(grad, float(start), lr, n_steps)
        with np.errstate(over="ignore", invalid="ignore"):
            dist = np.abs(traj - centre)
        # a diverging run is drawn until it first leaves the axes, then stops
        outside = np.flatnonzero(~(dist <= 1e3))
        n_shown = traj.size if outside.size == 0 else int(outside[0]) + 1
        return np.clip(traj[:n_shown], -1e4, 1e4), np.clip(dist[:n_shown], 1e-17, 1e4)

    iterates, distances = {}, {}
    for lr in lrs:
        for start in starts:
            for beta in betas:
                for name in _GD_LOSSES:
                    key = (name, lr, start, beta)
                    iterates[key], distances[key] = run(name, lr, start, beta)
    return GDRuns(data=x.copy(), minimizer=centre, lrs=lrs, starts=starts, betas=betas,
                  n_steps=n_steps, iterates=iterates, distances=distances)


def _padded(values, size):
    out = np.full(size, np.nan)
    out[:values.size] = values
    return out


def gd_explorer(*, result=None, data=GD_DATA, lrs=(0.1, 0.4, 0.9, 1.1),
                starts=(0.537, 9.7, 50.0), betas=(0.1, 1.0, 3.0), n_steps: int = 60,
                initial=None):
    r"""Gradient descent on a location problem, three losses, three sliders (chapter 2).

    Left panel: the iterates :math:`w^{(k)}` of :func:`compute_gd`
    (symmetric-log axis, so that both a start at 50 and oscillations of 0.01
    are visible). Right panel: the distance :math:`\lvert w^{(k)} - w^\star\rvert`
    on a log axis.

    Parameters
    ----------
    result : GDRuns, optional
        The runs to draw, from :func:`compute_gd` (default: computed from
        the other arguments, as there).
    data, lrs, starts, betas, n_steps
        As in :func:`compute_gd`.
    initial : dict, optional
        Starting slider values (default: ``lr=0.4, start=9.7, beta=1`` when offered).

    Returns
    -------
    InteractiveFigure
        With ``.result``, the :class:`GDRuns` drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = gd_explorer(lrs=(0.4, 1.1), starts=(3.0, 10.0), betas=(1.0, 3.0))
    >>> fig_i.n_frames
    8
    """
    res = resolve(result, GDRuns, compute_gd, data=data, lrs=lrs, starts=starts, betas=betas,
                  n_steps=n_steps)
    n_steps, lrs, starts, betas = res.n_steps, res.lrs, res.starts, res.betas
    k = np.arange(n_steps + 1)
    fig, (ax_w, ax_d) = plotting.new_figure(2, width=7.6, height=3.3)
    lines = {}
    for name in _GD_LOSSES:
        style = plotting.style_of(name)
        if name == "smooth_l1":
            style["label"] = r"smooth L1, $\beta$"
        (lines[name, "w"],) = ax_w.plot(k, np.zeros_like(k, dtype=float), lw=1.6, **style)
        (lines[name, "d"],) = ax_d.plot(k, np.ones_like(k, dtype=float), lw=1.6, **style)
    ax_w.axhline(res.minimizer, color="#555555", lw=1, ls=":")
    ax_w.set_yscale("symlog", linthresh=0.1)
    ax_w.set(xlabel=r"step $k$", ylabel=r"iterate $w^{(k)}$", ylim=(-100, 100),
             xlim=(0, n_steps), title="trajectories")
    ax_d.set_yscale("log")
    ax_d.set(xlabel=r"step $k$", ylabel=r"distance $|w^{(k)} - w^\star|$", ylim=(1e-9, 1e3),
             xlim=(0, n_steps), title="distance to the optimum")
    fig.legend(handles=[lines[n, "w"] for n in _GD_LOSSES],
               loc="outside lower center", ncols=3, frameon=False)

    def update(lr, start, beta):
        for name in _GD_LOSSES:
            key = (name, lr, start, beta)
            lines[name, "w"].set_ydata(_padded(res.iterates[key], k.size))
            lines[name, "d"].set_ydata(_padded(res.distances[key], k.size))

    if initial is None:
        initial = preferred_initial(lr=(lrs, 0.4), start=(starts, 9.7), beta=(betas, 1.0))
    return interactive_figure(
        fig, update, {"lr": lrs, "start": starts, "beta": betas}, initial=initial,
        labels={"lr": "learning rate η", "start": "start w⁽⁰⁾", "beta": "β (smooth L1)"},
        formats={"lr": "{:.2g}", "start": "{:.3g}", "beta": "{:.2g}"},
        animated=list(lines.values()), colors=12, result=res,
        alt=("Two panels over the step k of gradient descent on a five-point location "
             "problem whose optimum is 0. Left: the iterates of L1, L2 and smooth L1 on a "
             "symmetric-log axis; right: their distance to the optimum on a log axis. With a "
             "small learning rate all three approach 0, L1 ends in a zigzag of fixed size; "
             "above learning rate 1 the L2 iterates flip sign and grow out of the plot, while "
             "smooth L1 still converges."),
    )


@dataclass(frozen=True)
class AdamDecayRuns:
    """The optimizer runs of :func:`adam_decay_explorer`.

    Attributes
    ----------
    weight_decays, lrs : tuple of float
        The slider positions of :math:`\\lambda` and :math:`\\eta`.
    scales : tuple of float
        The gradient sizes :math:`s_j` of the three weights.
    n_steps : int
    runs : dict
        ``{(optimizer, weight_decay, lr): ndarray (n_steps + 1, 3)}``, the
        iterates, with optimizer ``"adam"`` or ``"adamw"``.
    """

    weight_decays: tuple
    lrs: tuple
    scales: tuple
    n_steps: int
    runs: dict


def compute_adam_decay(*, weight_decays=(0.0, 0.01, 0.03, 0.1, 0.3, 1.0),
                       lrs=(0.001, 0.003, 0.01), scales=(0.01, 1.0, 100.0),
                       n_steps: int = 1000) -> AdamDecayRuns:
    r"""Adam with an L2 penalty and AdamW on three weights whose gradients only flip sign.

    Three weights start at 1. The loss gradient of weight :math:`j` averages
    to zero but flips sign at every step with size :math:`s_j`, a stylized
    minibatch noise, :math:`g_j^{(k)} = s_j(-1)^k`: the data pull no weight
    anywhere, so only the regularization moves them towards 0. Runs
    :func:`l1l2.optim.adam_step` with ``weight_decay`` :math:`\lambda` (an L2
    term :math:`\lambda w` added to the gradient, ``torch.optim.Adam``) and
    :func:`l1l2.optim.adamw_step` (decoupled decay, ``torch.optim.AdamW``)
    for every slider position.

    Parameters
    ----------
    weight_decays, lrs : sequences of float
        Slider positions for :math:`\lambda` (``>= 0``) and :math:`\eta`
        (``> 0``); at most 64 combinations.
    scales : sequence of 3 floats
        The gradient sizes :math:`s_j > 0` of the three weights.
    n_steps : int
        Number of optimizer steps (``>= 2``).

    Returns
    -------
    AdamDecayRuns

    Raises
    ------
    ValueError
        A negative ``weight_decay``, a non-positive ``lr`` or scale, not three
        scales, ``n_steps < 2`` or too many frames.

    Examples
    --------
    >>> runs = compute_adam_decay(weight_decays=(0.0, 0.1), lrs=(0.01, 0.1), n_steps=50)
    >>> w = runs.runs["adamw", 0.1, 0.01][-1]
    >>> bool(w.max() - w.min() < 1e-3)   # AdamW: the three weights decay alike
    True
    """
    weight_decays = grid(weight_decays, "weight_decays", low=0)
    lrs = grid(lrs, "lrs", positive=True)
    scales = grid(scales, "scales", positive=True)
    if len(scales) != 3:
        raise ValueError(f"scales must hold 3 gradient sizes, got {len(scales)}")
    n_steps = check_scalar(n_steps, "n_steps", low=2, high=MAX_CURVE_POINTS, integer=True)
    check_n_frames(weight_decays=weight_decays, lrs=lrs)
    combos = [(wd, lr) for wd in weight_decays for lr in lrs]
    runs = {}
    for name in ("adam", "adamw"):
        traj = _adam_runs(name, np.array(scales), combos, n_steps)
        for j, (wd, lr) in enumerate(combos):
            runs[name, wd, lr] = traj[:, j].copy()
    return AdamDecayRuns(weight_decays=weight_decays, lrs=lrs, scales=scales,
                         n_steps=n_steps, runs=runs)


def _adam_runs(name, s, combos, n_steps, betas=(0.9, 0.999), eps=1e-8):
    """The iterates of :func:`l1l2.optim.adam_step` (``name="adam"``) or
    :func:`l1l2.optim.adamw_step` (``"adamw"``) from ``w = 1`` with gradients
    ``s * (-1)**k``, for every ``(weight_decay, lr)`` of ``combos`` at once: an
    array ``(n_steps + 1, len(combos), 3)``.

    The same floating-point operations in the same order as those functions
    (torch's), on all runs side by side instead of one call per step and run;
    ``tests/test_figures_training.py`` checks the runs are bitwise theirs.
    """
    wd = np.array([c[0] for c in combos])[:, None]
    lr = np.array([c[1] for c in combos])[:, None]
    beta1, beta2 = betas
    w = np.ones((len(combos), s.size))
    m, v = np.zeros_like(w), np.zeros_like(w)
    out = np.empty((n_steps + 1, *w.shape))
    out[0] = w
    decays = wd != 0
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for k in range(n_steps):
            g = np.broadcast_to(s if k % 2 == 0 else -s, w.shape)
            if name == "adam":
                g = np.where(decays, g + wd * w, g)  # an L2 term in the gradient
            else:
                w = w * (1.0 - lr * wd)  # decoupled decay
            step = k + 1
            m = m + (1.0 - beta1) * (g - m)  # torch's lerp, weight 1 - beta1 < 0.5
            v = v * beta2 + (1.0 - beta2) * (g * g)
            step_size = lr / (1.0 - beta1**step)
            denom = np.sqrt(v) / math.sqrt(1.0 - beta2**step) + eps
            w = w + (-step_size) * (m / denom)
            out[k + 1] = w
    return out


def adam_decay_explorer(*, result=None,
                        weight_decays=(0.0, 0.01, 0.03, 0.1, 0.3, 1.0),
                        lrs=(0.001, 0.003, 0.01), scales=(0.01, 1.0, 100.0),
                        n_steps: int = 1000, initial=None):
    r"""An L2 penalty under Adam is not weight decay (AdamW): the figure (chapter 8).

    Top panel: the runs of Adam + L2 of :func:`compute_adam_decay`; bottom
    panel: AdamW. Both show :math:`\lvert w_j^{(k)}\rvert` on a log axis,
    with SGD's decay :math:`(1 - \eta\lambda)^k` for reference. Under AdamW
    the three weights decay alike; under Adam the decay of weight :math:`j`
    is divided by Adam's scale :math:`\sqrt{\hat v_j} \approx s_j`. A slider
    step only moves lines.

    Parameters
    ----------
    result : AdamDecayRuns, optional
        The runs to draw, from :func:`compute_adam_decay` (default: computed
        from the other arguments, as there).
    weight_decays, lrs, scales, n_steps
        As in :func:`compute_adam_decay`.
    initial : dict, optional
        Starting slider values (default ``weight_decay=0.1, lr=0.01`` when offered).

    Returns
    -------
    InteractiveFigure
        Parameters ``weight_decay`` and ``lr``; ``.result`` is the
        :class:`AdamDecayRuns` drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = adam_decay_explorer(weight_decays=(0.0, 0.1), lrs=(0.01, 0.1), n_steps=50)
    >>> fig_i.n_frames
    4
    """
    res = resolve(result, AdamDecayRuns, compute_adam_decay, weight_decays=weight_decays,
                  lrs=lrs, scales=scales, n_steps=n_steps)
    weight_decays, lrs, scales, n_steps = res.weight_decays, res.lrs, res.scales, res.n_steps
    k = np.arange(n_steps + 1)
    floor = 1e-5
    # Two panels stacked, not side by side, and few words in large type: on a
    # phone the frame is shown about 340 px wide, so each panel gets the full width.
    fig, axes = plotting.new_figure(1, 2, width=6.0, height=5.8, sharex=True, sharey=True)
    styles = [(plotting.OKABE_ITO["sky_blue"], ":"), ("black", "-"),
              (plotting.color_of("data"), "-.")]
    lines = {}
    for ax, opt, title in ((axes[0], "adam", r"Adam + L2 penalty"),
                           (axes[1], "adamw", "AdamW (decoupled decay)")):
        for j, (color, ls) in enumerate(styles):
            (lines[opt, j],) = ax.plot(k, np.ones(k.size), color=color, ls=ls, lw=2.4,
                                       label=f"$w_{j + 1}$, $s_{j + 1}$ = {scales[j]:g}")
        (lines[opt, "sgd"],) = ax.plot(k, np.ones(k.size), color=plotting.color_of("l2"),
                                       ls=(0, (4, 3)), lw=1.8, zorder=4,
                                       label=r"SGD, $(1-\eta\lambda)^k$")
        ax.set(yscale="log", ylim=(floor, 2.0), xlim=(0, n_steps))
        ax.set_yticks([1e-4, 1e-2, 1.0])
        ax.set_yticks([], minor=True)
        ax.set_title(title, fontsize=14)
        ax.set_ylabel(r"$|w_j^{(k)}|$", fontsize=14)
        ax.tick_params(labelsize=13)
    axes[1].set_xlabel(r"step $k$", fontsize=14)
    fig.legend(handles=[lines["adam", j] for j in range(3)] + [lines["adam", "sgd"]],
               loc="outside lower center", ncols=2, frameon=False, fontsize=13,
               handlelength=2.4, columnspacing=1.2)

    def update(weight_decay, lr):
        ref = (1.0 - lr * weight_decay) ** k
        for opt in ("adam", "adamw"):
            traj = np.maximum(np.abs(res.runs[opt, weight_decay, lr]), floor)
            lines[opt, "sgd"].set_ydata(np.maximum(ref, floor))
            for j in range(3):
                lines[opt, j].set_ydata(traj[:, j])

    if initial is None:
        initial = preferred_initial(weight_decay=(weight_decays, 0.1), lr=(lrs, 0.01))
    return interactive_figure(
        fig, update, {"weight_decay": weight_decays, "lr": lrs}, initial=initial,
        labels={"weight_decay": "weight_decay λ", "lr": "learning rate η"},
        formats={"weight_decay": "{:.3g}", "lr": "{:.3g}"},
        animated=list(lines.values()), colors=16, result=res,
        alt=("Two panels, one above the other, sharing a log-scaled vertical axis, of the "
             "size of three weights against the optimizer step, all starting at 1, whose "
             "loss gradients flip sign every step with sizes 0.01, 1 and 100. A dashed "
             "vermillion line shows SGD's weight decay, (1 - lr times lambda) to the power "
             "k. Top, Adam with an L2 penalty: the weight with the smallest gradients "
             "collapses towards 0 within a few hundred steps, the weight with gradient size "
             "1 follows the dashed line, and the weight with the largest gradients barely "
             "decays. Bottom, AdamW: all three weights decay together, close to the dashed "
             "line."),
    )
