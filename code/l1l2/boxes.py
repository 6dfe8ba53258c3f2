r"""Bounding boxes: the R-CNN box coder and overlap measures.

Boxes are rows ``[x1, y1, x2, y2]`` (left, top, right, bottom) in continuous
pixel coordinates, so a box's width is :math:`x_2 - x_1` (no ``+ 1``, as in
torchvision and Detectron2). Every function works on arrays of shape
``(..., 4)`` and pairs rows elementwise (matched pairs, not all pairs).

The box coder is the parameterization of Fast R-CNN (Girshick 2015) and Faster
R-CNN (Ren et al. 2015). For a reference box (an anchor or a proposal) with
centre :math:`(a_x, a_y)`, width :math:`a_w` and height :math:`a_h`, a box
with centre :math:`(g_x, g_y)` and size :math:`(g_w, g_h)` is encoded as

.. math::

    t_x = \omega_x \frac{g_x - a_x}{a_w},\quad
    t_y = \omega_y \frac{g_y - a_y}{a_h},\quad
    t_w = \omega_w \log\frac{g_w}{a_w},\quad
    t_h = \omega_h \log\frac{g_h}{a_h},

with weights :math:`\omega = (\omega_x, \omega_y, \omega_w, \omega_h)`.
Weights :math:`(10, 10, 5, 5)` divide the offsets by the standard deviations
:math:`(0.1, 0.1, 0.2, 0.2)` that Fast R-CNN's targets typically have.

Examples
--------
>>> import numpy as np
>>> from l1l2 import boxes
>>> anchor = np.array([0.0, 0.0, 10.0, 20.0])
>>> box = np.array([1.0, 2.0, 11.0, 22.0])
>>> boxes.encode_boxes(box, anchor)
array([0.1, 0.1, 0. , 0. ])
>>> bool(np.allclose(boxes.decode_boxes(boxes.encode_boxes(box, anchor), anchor), box))
True
>>> round(float(boxes.box_iou(box, anchor)), 4)  # 9 * 18 / (2 * 200 - 9 * 18)
0.6807
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import (
    MAX_COUNT,
    as_float_array,
    check_choice,
    check_count,
    check_finite_result,
    check_scalar,
    check_X_y,
)

__all__ = ["encode_boxes", "decode_boxes", "box_iou", "giou", "diou", "ciou",
           "simulated_features", "fit_linear_regressor"]

#: The losses :func:`fit_linear_regressor` knows.
_LOSS_NAMES = ("l2", "l1", "smooth_l1")


def _boxes(x, name: str, *, positive: bool = True) -> np.ndarray:
    arr = as_float_array(x, name, finite=True)
    if arr.ndim == 0 or arr.shape[-1] != 4:
        raise ValueError(f"{name} must have shape (..., 4) with rows [x1, y1, x2, y2], "
                         f"got shape {arr.shape}")
    if positive and not np.all((arr[..., 2] > arr[..., 0]) & (arr[..., 3] > arr[..., 1])):
        raise ValueError(f"{name} must have x2 > x1 and y2 > y1 in every row "
                         "(positive width and height)")
    return arr


def _weights(weights) -> np.ndarray:
    if isinstance(weights, (str, bytes)):
        raise ValueError(f"weights must be 4 positive numbers, got {weights!r:.40}")
    try:
        values = [check_scalar(w, "weights", low=0, low_inclusive=False, finite=True)
                  for w in weights]
    except TypeError:
        raise ValueError(f"weights must be 4 positive numbers, got {type(weights).__name__}") \
            from None
    if len(values) != 4:
        raise ValueError(f"weights must be 4 positive numbers, got {len(values)}")
    return np.array(values)


def _common_scale(a: np.ndarray, b: np.ndarray):
    """``a / s, b / s`` for a power of two ``s`` near their largest coordinate when
    that lies outside [2^-100, 2^100], else ``a, b`` unchanged: IoU, GIoU and the
    box encoding do not change when all coordinates are scaled together, and the
    products of widths and heights then neither overflow nor underflow."""
    m = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    if m == 0.0 or 2.0**-100 <= m <= 2.0**100:
        return a, b
    s = 2.0 ** round(math.log2(m))
    return a / s, b / s


def _centre_size(b: np.ndarray):
    w = b[..., 2] - b[..., 0]
    h = b[..., 3] - b[..., 1]
    return b[..., 0] + 0.5 * w, b[..., 1] + 0.5 * h, w, h


def _broadcast(a: np.ndarray, b: np.ndarray, names: str) -> None:
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(f"{names} must have broadcastable shapes, got {a.shape} and "
                         f"{b.shape}") from None


def encode_boxes(boxes, anchors, *, weights=(1.0, 1.0, 1.0, 1.0)):
    r"""Encode boxes as R-CNN offsets :math:`(t_x, t_y, t_w, t_h)` from anchors.

    .. math::

        t_x = \omega_x \frac{g_x - a_x}{a_w},\quad
        t_y = \omega_y \frac{g_y - a_y}{a_h},\quad
        t_w = \omega_w \log\frac{g_w}{a_w},\quad
        t_h = \omega_h \log\frac{g_h}{a_h},

    where :math:`(g_x, g_y)`, :math:`(a_x, a_y)` are the centres and
    :math:`g_w, g_h, a_w, a_h` the widths and heights of ``boxes`` and
    ``anchors``. The centre offsets are measured in anchor widths (heights),
    the size offsets on a log scale, so the encoding does not change when
    the box and its anchor are scaled together.

    Parameters
    ----------
    boxes : array_like of shape (..., 4)
        Target boxes ``[x1, y1, x2, y2]`` with positive width and height.
    anchors : array_like of shape (..., 4)
        Reference boxes (anchors or proposals), broadcastable with ``boxes``.
    weights : sequence of 4 positive floats
        :math:`(\omega_x, \omega_y, \omega_w, \omega_h)`; ``(10, 10, 5, 5)``
        divides the offsets by ``(0.1, 0.1, 0.2, 0.2)``.

    Returns
    -------
    ndarray of shape (..., 4)
        The offsets :math:`(t_x, t_y, t_w, t_h)`.

    Raises
    ------
    ValueError
        Shapes that are not ``(..., 4)`` or do not broadcast, non-finite
        values, a box with zero or negative width or height, weights that
        are not 4 positive numbers.

    Examples
    --------
    >>> import numpy as np
    >>> encode_boxes([2.0, 0.0, 12.0, 10.0], [0.0, 0.0, 10.0, 10.0], weights=(10, 10, 5, 5))
    array([2., 0., 0., 0.])
    >>> t = encode_boxes([0.0, 0.0, 20.0, 10.0], [0.0, 0.0, 10.0, 10.0])
    >>> bool(np.isclose(t[2], np.log(2)))
    True
    """
    g = _boxes(boxes, "boxes")
    a = _boxes(anchors, "anchors")
    g, a = _common_scale(g, a)
    _broadcast(g, a, "boxes and anchors")
    wts = _weights(weights)
    gx, gy, gw, gh = _centre_size(g)
    ax, ay, aw, ah = _centre_size(a)
    with np.errstate(all="ignore"):  # refused below
        out = np.stack([wts[0] * (gx - ax) / aw, wts[1] * (gy - ay) / ah,
                        wts[2] * np.log(gw / aw), wts[3] * np.log(gh / ah)], axis=-1)
    return check_finite_result(out, "boxes, anchors and weights", "the encoding")


def decode_boxes(deltas, anchors, *, weights=(1.0, 1.0, 1.0, 1.0)):
    r"""Decode R-CNN offsets into boxes: the inverse of :func:`encode_boxes`.

    .. math::

        g_x = a_x + a_w\,\frac{t_x}{\omega_x},\quad
        g_y = a_y + a_h\,\frac{t_y}{\omega_y},\quad
        g_w = a_w\,e^{t_w/\omega_w},\quad
        g_h = a_h\,e^{t_h/\omega_h},

    and then :math:`x_1 = g_x - g_w/2`, :math:`x_2 = g_x + g_w/2` (and the
    same for :math:`y`). ``decode_boxes(encode_boxes(b, a), a)`` returns
    ``b`` up to rounding. Unlike detection libraries, the size offsets are
    not clamped, so the inverse is exact; a huge :math:`t_w` overflows to an
    infinite width.

    Parameters
    ----------
    deltas : array_like of shape (..., 4)
        Offsets :math:`(t_x, t_y, t_w, t_h)`.
    anchors : array_like of shape (..., 4)
        Reference boxes with positive width and height, broadcastable with
        ``deltas``.
    weights : sequence of 4 positive floats
        The weights used to encode.

    Returns
    -------
    ndarray of shape (..., 4)
        Boxes ``[x1, y1, x2, y2]``.

    Examples
    --------
    >>> decode_boxes([0.1, 0.0, 0.0, 0.0], [0.0, 0.0, 10.0, 10.0])
    array([ 1.,  0., 11., 10.])
    >>> decode_boxes([1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 10.0, 10.0], weights=(10, 10, 5, 5))
    array([ 1.,  0., 11., 10.])
    """
    t = _boxes(deltas, "deltas", positive=False)
    a = _boxes(anchors, "anchors")
    _broadcast(t, a, "deltas and anchors")
    wts = _weights(weights)
    ax, ay, aw, ah = _centre_size(a)
    with np.errstate(all="ignore"):  # refused below
        gx = ax + aw * (t[..., 0] / wts[0])
        gy = ay + ah * (t[..., 1] / wts[1])
        gw = aw * np.exp(t[..., 2] / wts[2])
        gh = ah * np.exp(t[..., 3] / wts[3])
        out = np.stack([gx - 0.5 * gw, gy - 0.5 * gh, gx + 0.5 * gw, gy + 0.5 * gh], axis=-1)
    return check_finite_result(out, "deltas, anchors and weights", "the decoded boxes")


def _overlap(a: np.ndarray, b: np.ndarray):
    iw = np.clip(np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]), 0, None)
    ih = np.clip(np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]), 0, None)
    inter = iw * ih
    area_a = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])
    area_b = (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])
    return inter, area_a + area_b - inter


def box_iou(a, b):
    r"""Intersection over union of matched pairs of boxes, elementwise.

    .. math::

        \operatorname{IoU}(A, B) = \frac{\lvert A \cap B\rvert}{\lvert A \cup B\rvert}
        = \frac{\lvert A \cap B\rvert}{\lvert A\rvert + \lvert B\rvert - \lvert A \cap B\rvert},

    with :math:`\lvert\cdot\rvert` the area. It lies in :math:`[0, 1]`: 1 for
    identical boxes, 0 for boxes that do not overlap. It is scale-invariant:
    scaling both boxes by the same factor about any point leaves it unchanged.

    Parameters
    ----------
    a, b : array_like of shape (..., 4)
        Boxes ``[x1, y1, x2, y2]`` with positive width and height, with
        broadcastable shapes. Row ``i`` of ``a`` is paired with row ``i`` of
        ``b`` (this is not the all-pairs IoU matrix).

    Returns
    -------
    ndarray of shape (...)
        One IoU per pair.

    Examples
    --------
    >>> box_iou([0.0, 0.0, 2.0, 2.0], [1.0, 0.0, 3.0, 2.0])
    array(0.33333333)
    >>> box_iou([[0.0, 0.0, 1.0, 1.0]], [[2.0, 2.0, 3.0, 3.0]])
    array([0.])
    """
    a = _boxes(a, "a")
    b = _boxes(b, "b")
    a, b = _common_scale(a, b)
    _broadcast(a, b, "a and b")
    inter, union = _overlap(a, b)
    return np.asarray(inter / union)


def giou(a, b):
    r"""Generalized IoU of matched pairs of boxes (Rezatofighi et al. 2019).

    .. math::

        \operatorname{GIoU}(A, B) = \operatorname{IoU}(A, B)
        - \frac{\lvert C\rvert - \lvert A \cup B\rvert}{\lvert C\rvert},

    where :math:`C` is the smallest box enclosing both. It lies in
    :math:`(-1, 1]` and, unlike IoU, keeps decreasing as two disjoint boxes
    move apart, so :math:`1 - \operatorname{GIoU}` gives a useful gradient
    even without overlap.

    Parameters
    ----------
    a, b : array_like of shape (..., 4)
        Boxes with positive width and height, broadcastable shapes.

    Returns
    -------
    ndarray of shape (...)

    Examples
    --------
    >>> giou([0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0])
    array(1.)
    >>> giou([0.0, 0.0, 1.0, 1.0], [2.0, 0.0, 3.0, 1.0])
    array(-0.33333333)
    """
    a = _boxes(a, "a")
    b = _boxes(b, "b")
    a, b = _common_scale(a, b)
    _broadcast(a, b, "a and b")
    inter, union = _overlap(a, b)
    cw = np.maximum(a[..., 2], b[..., 2]) - np.minimum(a[..., 0], b[..., 0])
    ch = np.maximum(a[..., 3], b[..., 3]) - np.minimum(a[..., 1], b[..., 1])
    enclosing = cw * ch
    return np.asarray(inter / union - (enclosing - union) / enclosing)


def _centre_penalty(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Squared distance of the centres over the squared diagonal of the enclosing box."""
    ax, ay, _, _ = _centre_size(a)
    bx, by, _, _ = _centre_size(b)
    cw = np.maximum(a[..., 2], b[..., 2]) - np.minimum(a[..., 0], b[..., 0])
    ch = np.maximum(a[..., 3], b[..., 3]) - np.minimum(a[..., 1], b[..., 1])
    return ((ax - bx) ** 2 + (ay - by) ** 2) / (cw**2 + ch**2)


def diou(a, b):
    r"""Distance IoU of matched pairs of boxes (Zheng et al. 2020).

    .. math::

        \operatorname{DIoU}(A, B) = \operatorname{IoU}(A, B) - \frac{\rho^2}{c^2},

    where :math:`\rho` is the distance between the centres of :math:`A` and
    :math:`B` and :math:`c` the length of the diagonal of the smallest box
    enclosing both. The DIoU loss is :math:`1 - \operatorname{DIoU}`, in
    :math:`[0, 2)`. The penalty :math:`\rho^2/c^2` is 0 for concentric boxes
    and grows as the centres move apart, also for boxes that do not overlap;
    like IoU, it does not change when both boxes are scaled together.

    Parameters
    ----------
    a, b : array_like of shape (..., 4)
        Boxes with positive width and height, broadcastable shapes.

    Returns
    -------
    ndarray of shape (...)

    Examples
    --------
    >>> diou([0.0, 0.0, 2.0, 2.0], [0.5, 0.5, 1.5, 1.5])  # concentric: the IoU, 1/4
    array(0.25)
    >>> diou([0.0, 0.0, 1.0, 1.0], [2.0, 0.0, 3.0, 1.0])  # 0 - 2**2 / (3**2 + 1**2)
    array(-0.4)
    """
    a = _boxes(a, "a")
    b = _boxes(b, "b")
    a, b = _common_scale(a, b)
    _broadcast(a, b, "a and b")
    inter, union = _overlap(a, b)
    return np.asarray(inter / union - _centre_penalty(a, b))


def ciou(a, b):
    r"""Complete IoU of matched pairs of boxes (Zheng et al. 2020).

    .. math::

        \operatorname{CIoU}(A, B) = \operatorname{IoU} - \frac{\rho^2}{c^2}
        - \alpha v,\qquad
        v = \frac{4}{\pi^2}\Bigl(\arctan\frac{w_B}{h_B}
        - \arctan\frac{w_A}{h_A}\Bigr)^2,\qquad
        \alpha = \frac{v}{(1 - \operatorname{IoU}) + v},

    with :math:`\rho^2/c^2` the centre penalty of :func:`diou`, :math:`v`
    the squared difference of the aspect-ratio angles (in :math:`[0, 1)`) and
    :math:`\alpha = 0` when :math:`v = 0`. The CIoU loss is
    :math:`1 - \operatorname{CIoU}`. The value is symmetric in the two
    boxes; in training, :math:`B` is the ground truth.

    Parameters
    ----------
    a, b : array_like of shape (..., 4)
        Boxes with positive width and height, broadcastable shapes.

    Returns
    -------
    ndarray of shape (...)

    Examples
    --------
    >>> ciou([0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0])
    array(1.)
    >>> ciou([0.0, 0.0, 2.0, 2.0], [0.5, 0.5, 1.5, 1.5])  # same shape: v = 0
    array(0.25)
    >>> round(float(ciou([0.0, 0.0, 2.0, 1.0], [0.0, 0.0, 1.0, 1.0])), 4)
    0.4468
    """
    a = _boxes(a, "a")
    b = _boxes(b, "b")
    a, b = _common_scale(a, b)
    _broadcast(a, b, "a and b")
    inter, union = _overlap(a, b)
    iou = inter / union
    _, _, wa, ha = _centre_size(a)
    _, _, wb, hb = _centre_size(b)
    v = 4.0 / np.pi**2 * (np.arctan(wb / hb) - np.arctan(wa / ha)) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = np.where(v > 0, v / np.where(v > 0, 1.0 - iou + v, 1.0), 0.0)
    return np.asarray(iou - _centre_penalty(a, b) - alpha * v)


def simulated_features(offsets, *, n_features=8, noise_std=0.1, seed=0):
    r"""Stand-in for the image features a detector computes inside a proposal.

    A real box regressor reads features that a convolutional network computes
    from the pixels inside the proposal. This toy has no pixels, so the
    features are simulated as a fixed random linear image of the true offsets
    :math:`t_i \in \mathbb{R}^4` plus Gaussian noise:

    .. math::

        x_i = A^\top t_i + \varepsilon_i, \qquad A \in \mathbb{R}^{4\times p},\
        A_{kj} \sim N(0, 1), \qquad \varepsilon_i \sim N(0, \sigma^2 I_p),

    with :math:`p` = ``n_features`` and :math:`\sigma` = ``noise_std``. A
    linear regressor can then recover :math:`t_i` up to the feature noise.

    Parameters
    ----------
    offsets : array_like of shape (n, 4)
        The true (encoded) offsets :math:`t_i`.
    n_features : int
        :math:`p \ge 4`.
    noise_std : float
        :math:`\sigma \ge 0`.
    seed : int
        Seed of :func:`numpy.random.default_rng`, non-negative.

    Returns
    -------
    ndarray of shape (n, p)

    Examples
    --------
    >>> import numpy as np
    >>> X = simulated_features(np.zeros((3, 4)), n_features=5, noise_std=0.0)
    >>> X.shape, float(np.abs(X).max())
    ((3, 5), 0.0)
    """
    t = as_float_array(offsets, "offsets", ndim=2, finite=True, allow_empty=False)
    if t.shape[1] != 4:
        raise ValueError(f"offsets must have shape (n, 4), got {t.shape}")
    p = check_count(n_features, "n_features", low=4)
    if t.shape[0] * p > MAX_COUNT:
        raise ValueError(f"n_features is too large: the features would hold more than "
                         f"{MAX_COUNT} numbers")
    sigma = check_scalar(noise_std, "noise_std", low=0, finite=True)
    rng = np.random.default_rng(check_scalar(seed, "seed", low=0, integer=True))
    mixing = rng.standard_normal((4, p))
    return t @ mixing + sigma * rng.standard_normal((t.shape[0], p))


def fit_linear_regressor(X, targets, *, loss="smooth_l1", beta=1.0):
    r"""Fit one linear model per target column, minimizing a regression loss.

    For each column :math:`k` of ``targets`` (the four offsets), find

    .. math::

        (w_k, w_{0k}) \in \arg\min_{w, w_0} \sum_{i=1}^n
        \ell\bigl(t_{ik} - x_i^\top w - w_0\bigr)

    with :math:`\ell` the squared loss (``"l2"``, solved by least squares),
    the absolute loss (``"l1"``, by linear programming) or smooth L1 with
    threshold :math:`\beta` (``"smooth_l1"``). Smooth L1 is solved exactly as
    Huber regression with :math:`\delta = \beta`: since
    :math:`\ell^{\mathrm H}_\delta = \delta\,\ell^{\mathrm{SL1}}_{\beta=\delta}`,
    both losses have the same minimizers. The fits are the exact minimizers,
    not the result of a fixed number of optimizer steps.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    targets : array_like of shape (n, m)
        One column per output (for boxes, :math:`m = 4`).
    loss : {"l2", "l1", "smooth_l1"}
    beta : float
        Smooth-L1 threshold, :math:`\beta > 0`, in the units of ``targets``
        (ignored for the other losses).

    Returns
    -------
    coef : ndarray of shape (p, m)
    intercept : ndarray of shape (m,)
        Predictions are ``X @ coef + intercept``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(6.0).reshape(3, 2)
    >>> T = X @ [[1.0, 0.0], [0.0, 2.0]] + [0.5, -1.0]
    >>> coef, b = fit_linear_regressor(X, T, loss="l2")
    >>> bool(np.allclose(X @ coef + b, T))
    True
    """
    from . import linear_model

    T = as_float_array(targets, "targets", ndim=2, finite=True, allow_empty=False)
    X, _, _ = check_X_y(X, T[:, 0], names=("X", "targets"))
    check_choice(loss, "loss", _LOSS_NAMES)
    if loss == "smooth_l1":
        beta = check_scalar(beta, "beta", low=0, low_inclusive=False, finite=True)
    coef = np.empty((X.shape[1], T.shape[1]))
    intercept = np.empty(T.shape[1])
    for k in range(T.shape[1]):
        if loss == "l2":
            fit = linear_model.ols(X, T[:, k])
        elif loss == "l1":
            fit = linear_model.lad_regression(X, T[:, k])
        else:
            fit = linear_model.huber_regression(X, T[:, k], delta=beta)
        coef[:, k] = fit.coef
        intercept[k] = fit.intercept
    return coef, intercept
