"""Smooth L1's β against the scale of bounding-box regression targets.

* :func:`compute_box_beta` — a linear box regressor fitted with smooth L1 at
  every β and two target scales, and its test IoU (:class:`BoxBetaIoU`);
* :func:`box_beta_explorer` — the figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import boxes, datasets, plotting
from .._validation import check_scalar
from ..interactive import interactive_figure
from ..interactive._checks import MAX_SAMPLES, check_n_frames, grid
from ._common import resolve

__all__ = ["BoxBetaIoU", "compute_box_beta", "box_beta_explorer"]

_DEFAULT_BETAS = (0.005, 0.01, 0.03, 1 / 9, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0)


@dataclass(frozen=True)
class BoxBetaIoU:
    """The fits of :func:`box_beta_explorer`.

    Attributes
    ----------
    betas : tuple of float
        The slider positions of β.
    scales : tuple of float
        The target scales :math:`s` (1 and 10), weights :math:`(s, s, s/2, s/2)`.
    iou : dict
        ``{(beta, s): mean IoU}`` of the smooth-L1 fits on the test boxes.
    iou_l2, iou_l1 : float
        The mean test IoU of the L2 and L1 fits (they do not depend on :math:`s`).
    residuals : dict
        ``{s: ndarray}``, the absolute training residuals :math:`|r|`
        (annotated offsets minus the predictions of the L2 fit to the true offsets).
    """

    betas: tuple
    scales: tuple
    iou: dict
    iou_l2: float
    iou_l1: float
    residuals: dict


def compute_box_beta(*, betas=None, n_train: int = 300, n_test: int = 1000,
                     noise_scale: float = 2.0, feature_noise: float = 0.1,
                     seed: int = 0) -> BoxBetaIoU:
    """A box regressor fitted with smooth L1 at every β, for two target scales.

    The toy boxes of :func:`l1l2.datasets.make_box_regression` (heavy-tailed
    annotation noise) are encoded with :func:`l1l2.boxes.encode_boxes` and
    weights :math:`\\omega = (s, s, s/2, s/2)`; a linear regressor on
    :func:`l1l2.boxes.simulated_features` is fitted to the *annotated*
    offsets with smooth L1 at every β (exactly, by
    :func:`l1l2.boxes.fit_linear_regressor`), for :math:`s = 1` and
    :math:`s = 10` (Fast R-CNN's normalization, ω = (10, 10, 5, 5)), and
    scored by the mean IoU of its boxes with the true ones on ``n_test``
    test boxes.

    Parameters
    ----------
    betas : sequence of float, optional
        Slider positions for β (default: 10 values from 0.005 to 10,
        including 1/9 and 1).
    n_train, n_test : int
        Numbers of training and test boxes (at least 20 each).
    noise_scale : float
        Annotation-noise scale in pixels (``make_box_regression``), at most 1000.
    feature_noise : float
        ``noise_std`` of :func:`l1l2.boxes.simulated_features`, at most 1000.
    seed : int
        Seed of the boxes and of the features.

    Returns
    -------
    BoxBetaIoU

    Examples
    --------
    >>> res = compute_box_beta(betas=[0.1, 1.0], n_train=100, n_test=100)
    >>> abs(res.iou[0.1, 1.0] - res.iou[1.0, 10.0]) < 1e-8   # only beta / s matters
    True
    """
    n_train = check_scalar(n_train, "n_train", low=20, high=MAX_SAMPLES, integer=True)
    n_test = check_scalar(n_test, "n_test", low=20, high=MAX_SAMPLES, integer=True)
    noise_scale = check_scalar(noise_scale, "noise_scale", low=0, high=1000)
    feature_noise = check_scalar(feature_noise, "feature_noise", low=0, high=1000)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    betas = grid(_DEFAULT_BETAS if betas is None else betas, "betas", positive=True)
    scales = (1.0, 10.0)
    check_n_frames(betas=betas, s=scales)
    data = datasets.make_box_regression(n_train + n_test, noise_scale=noise_scale, seed=seed)
    ann = data.boxes_annotated
    valid = (ann[:, 2] > ann[:, 0]) & (ann[:, 3] > ann[:, 1])
    train = np.flatnonzero(valid[:n_train])  # drop the few flipped annotations
    test = np.arange(n_train, n_train + n_test)
    features = boxes.simulated_features(
        boxes.encode_boxes(data.boxes_true, data.proposals, weights=(10, 10, 5, 5)),
        noise_std=feature_noise, seed=seed)
    X_tr, X_te = features[train], features[test]

    def weights(s):
        return (s, s, s / 2, s / 2)

    def targets(s):
        return (boxes.encode_boxes(data.boxes_true[train], data.proposals[train],
                                   weights=weights(s)),
                boxes.encode_boxes(ann[train], data.proposals[train], weights=weights(s)))

    def test_iou(coef, intercept, s):
        pred = boxes.decode_boxes(X_te @ coef + intercept, data.proposals[test],
                                  weights=weights(s))
        return float(np.round(np.mean(boxes.box_iou(pred, data.boxes_true[test])), 10))

    iou, residuals = {}, {}
    for s in scales:
        t_true, t_ann = targets(s)
        coef, b = boxes.fit_linear_regressor(X_tr, t_true, loss="l2")
        residuals[s] = np.abs(t_ann - (X_tr @ coef + b)).ravel()
        for beta in betas:
            iou[beta, s] = test_iou(*boxes.fit_linear_regressor(
                X_tr, t_ann, loss="smooth_l1", beta=beta), s)
    t_ann10 = targets(10.0)[1]
    iou_l2 = test_iou(*boxes.fit_linear_regressor(X_tr, t_ann10, loss="l2"), 10.0)
    iou_l1 = test_iou(*boxes.fit_linear_regressor(X_tr, t_ann10, loss="l1"), 10.0)
    return BoxBetaIoU(betas=betas, scales=scales, iou=iou, iou_l2=iou_l2, iou_l1=iou_l1,
                      residuals=residuals)


def box_beta_explorer(*, result=None, betas=None, initial=None, n_train: int = 300,
                      n_test: int = 1000, noise_scale: float = 2.0,
                      feature_noise: float = 0.1, seed: int = 0):
    """Smooth L1's β against the scale of the box targets: the figure (chapter 4).

    Left panel: the distribution of the training residuals
    :math:`\\lvert r\\rvert` of :func:`compute_box_beta`, on a log axis, with
    a line at β and the share of residuals in smooth L1's quadratic zone
    :math:`\\lvert r\\rvert < \\beta`. Right panel: the mean test IoU against
    β for both scales, with the L2 and L1 fits as horizontal lines. A slider
    step moves a line, a marker and two texts.

    Parameters
    ----------
    result : BoxBetaIoU, optional
        The fits to draw, from :func:`compute_box_beta` (default: computed
        from the other arguments, as there).
    betas, n_train, n_test, noise_scale, feature_noise, seed
        As in :func:`compute_box_beta`.
    initial : dict, optional
        Starting position (default: β = 1/9, s = 10).

    Returns
    -------
    InteractiveFigure
        Parameters ``beta`` and ``s``; ``.result`` is the :class:`BoxBetaIoU` drawn.
    """
    res = resolve(result, BoxBetaIoU, compute_box_beta, betas=betas, n_train=n_train,
                  n_test=n_test, noise_scale=noise_scale, feature_noise=feature_noise,
                  seed=seed)
    betas, scales, iou, residuals = list(res.betas), res.scales, res.iou, res.residuals
    iou_l2, iou_l1 = res.iou_l2, res.iou_l1
    lo, hi = min(betas) / 2, max(betas) * 2
    # the histogram reaches down to the 0.5% quantile of the smaller scale's
    # residuals (a power of ten), so that neither histogram is cut at the left
    q = float(np.quantile(residuals[min(scales)], 0.005))
    lo_res = min(lo, 10.0 ** np.floor(np.log10(q))) if q > 0 else lo
    edges = np.geomspace(lo_res, hi, int(round(10 * np.log10(hi / lo_res))) + 1)
    hist = {s: np.histogram(residuals[s], bins=edges)[0] / residuals[s].size
            for s in scales}
    fig, (ax_res, ax_iou) = plotting.new_figure(2, width=8.5, height=3.9)
    green = plotting.color_of("smooth_l1")
    grey = plotting.color_of("data")
    stairs = ax_res.stairs(hist[10.0], edges, fill=True, color=grey, alpha=0.6,
                           label=r"training residuals $|r|$")
    ax_res.set(xscale="log", xlim=(lo_res, hi),
               ylim=(0, 1.45 * max(h.max() for h in hist.values())),
               xlabel=r"$|r|$, residual in target units (log scale)",
               ylabel="share of residuals per bin")
    beta_line = ax_res.axvline(1.0, color=green, lw=2, ls="-.", label=r"$\beta$")
    share_text = ax_res.text(0.02, 0.96, "", transform=ax_res.transAxes, va="top", fontsize=10)
    ax_res.set_title(r"residuals and smooth L1's $\beta$")
    curve_style = {10.0: {"ls": "-.", "alpha": 1.0}, 1.0: {"ls": ":", "alpha": 0.8}}
    curves = []
    for s in (10.0, 1.0):
        curves += ax_iou.plot(betas, [iou[b, s] for b in betas], color=green, marker=".",
                              label=rf"smooth L1, $s = {s:.0f}$", **curve_style[s])
    curves.append(ax_iou.axhline(iou_l2, **{**plotting.style_of("l2"),
                                            "label": "L2 (any $s$)"}))
    curves.append(ax_iou.axhline(iou_l1, **{**plotting.style_of("l1"),
                                            "label": "L1 (any $s$)"}))
    (marker,) = ax_iou.plot([1.0], [iou[betas[0], 10.0]], "o", color="black", ms=8,
                            mfc="none", mew=2)
    iou_text = ax_iou.text(0.02, 0.04, "", transform=ax_iou.transAxes, fontsize=10)
    values = list(iou.values()) + [iou_l1, iou_l2]
    pad = 0.15 * (max(values) - min(values))
    ax_iou.set(xscale="log", xlim=(lo, hi), ylim=(min(values) - 2 * pad, max(values) + pad),
               xlabel=r"smooth-L1 threshold $\beta$ (log scale)",
               ylabel="mean IoU with the true boxes")
    ax_iou.set_title("test boxes, trained on noisy labels")
    fig.legend(handles=[stairs, beta_line, *curves], loc="outside lower center",
               ncols=3, frameon=False, fontsize=9)

    def update(beta, s):
        stairs.set_data(hist[s])
        beta_line.set_xdata([beta, beta])
        inside = float(np.mean(residuals[s] < beta))
        share_text.set_text(f"s = {s:.0f}: {100 * inside:.0f}% of residuals have\n"
                            f"$|r| < \\beta$ (quadratic zone)")
        marker.set_data([beta], [iou[beta, s]])
        iou_text.set_text(rf"$\beta$ = {beta:.3g}, s = {s:.0f}: mean IoU {iou[beta, s]:.4f}")

    if initial is None:
        initial = {"beta": min(betas, key=lambda b: abs(b - 1 / 9)), "s": 10.0}
    return interactive_figure(
        fig, update, {"beta": betas, "s": scales}, initial=initial,
        labels={"beta": "β", "s": "weights (s, s, s/2, s/2), s ="},
        formats={"beta": "{:.3g}", "s": "{:.0f}"},
        animated=[stairs, beta_line, share_text, marker, iou_text], colors=16, result=res,
        alt=("Two panels with log-scaled horizontal axes. Left: a grey histogram of the "
             "absolute training residuals of the box offsets, and a green dash-dotted line "
             "at beta; a text gives the share of residuals below beta. With s = 10 the "
             "histogram sits ten times further right than with s = 1. Right: the mean IoU "
             "of predicted and true test boxes against beta for the two scales, two green "
             "curves that rise from the L2 level towards the L1 level as beta decreases, the "
             "s = 1 curve shifted left by a factor of about ten; a circle marks the chosen "
             "beta. Horizontal lines give the L2 fit (lower) and the L1 fit (higher)."),
    )
