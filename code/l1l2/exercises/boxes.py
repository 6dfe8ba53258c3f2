r"""Checkers for the bounding-box exercises: the R-CNN box encoding and the IoU of two boxes.

- :func:`check_encode_box`: a reader's ``encode_box(box, anchor, weights)``,
  checked against :func:`l1l2.boxes.encode_boxes`;
- :func:`check_box_iou`: a reader's ``iou(a, b)`` for one pair of boxes.

Both call the reader's function on copies of a few test cases (``check_cases``
of the checkers' core) and name the usual mistakes.
"""

from __future__ import annotations

import numpy as np

from ._core import check_cases

__all__ = ["check_encode_box", "check_box_iou"]


def _ref_encode(box, anchor, weights):
    from ..boxes import encode_boxes

    return encode_boxes(box, anchor, weights=weights)


def _ref_iou(a, b):
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


def check_encode_box(fn, *, quiet=False):
    r"""Check a reader's ``encode_box(box, anchor, weights)`` for one box.

    The R-CNN encoding of a box :math:`[x_1, y_1, x_2, y_2]` relative to an
    anchor, with centres :math:`(g_x, g_y)`, :math:`(a_x, a_y)` and sizes
    :math:`g_w = x_2 - x_1` (no ``+ 1``), :math:`g_h`, :math:`a_w`, :math:`a_h`:

    .. math::

        \bigl(\omega_x (g_x - a_x)/a_w,\ \omega_y (g_y - a_y)/a_h,\
        \omega_w \log(g_w/a_w),\ \omega_h \log(g_h/a_h)\bigr).

    ``fn`` receives two arrays of shape (4,) and a tuple of 4 weights and
    must return 4 numbers. Diagnosed: sign (anchor minus box), no logarithm
    (a ratio or a difference of sizes), a base-10 logarithm, corner offsets
    instead of centre offsets, division by the box's size instead of the
    anchor's, the weights ignored or divided by, the ``+ 1`` pixel
    convention, x and y swapped.

    Parameters
    ----------
    fn : callable
        ``fn(box, anchor, weights) -> array of 4 floats``.
    quiet : bool
        If false (default), print ``"encode_box: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_encode_box, AnswerError
    >>> from l1l2.boxes import encode_boxes
    >>> check_encode_box(lambda b, a, w: encode_boxes(b, a, weights=w))
    encode_box: correct.
    >>> try:
    ...     check_encode_box(lambda b, a, w: encode_boxes(b, a, weights=(1, 1, 1, 1)))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    the weights are ignored
    """
    cases = [
        (np.array([0.0, 0.0, 10.0, 20.0]), np.array([2.0, 4.0, 14.0, 22.0]), (1.0, 1.0, 1.0, 1.0)),
        (np.array([30.0, 10.0, 70.0, 90.0]), np.array([20.0, 20.0, 60.0, 60.0]),
         (10.0, 10.0, 5.0, 5.0)),
        (np.array([100.0, 50.0, 260.0, 130.0]), np.array([110.0, 40.0, 230.0, 160.0]),
         (10.0, 10.0, 5.0, 5.0)),
        (np.array([5.0, 5.0, 9.0, 6.0]), np.array([4.0, 4.0, 12.0, 8.0]), (2.0, 3.0, 1.0, 4.0)),
    ]

    def centre_size(b, plus=0.0):
        w, h = b[2] - b[0] + plus, b[3] - b[1] + plus
        return b[0] + w / 2, b[1] + h / 2, w, h

    def variant(b, a, wts, *, log=np.log, by_box=False, plus=0.0, weigh=lambda v, w: w * v):
        gx, gy, gw, gh = centre_size(b, plus)
        ax, ay, aw, ah = centre_size(a, plus)
        sx, sy = (gw, gh) if by_box else (aw, ah)
        return np.array([weigh((gx - ax) / sx, wts[0]), weigh((gy - ay) / sy, wts[1]),
                         weigh(log(gw / aw), wts[2]), weigh(log(gh / ah), wts[3])])

    candidates = [
        ("sign error: the offsets go from the anchor to the box, (g - a)/a_w, not "
         "(a - g)/a_w; and log(g_w/a_w), not log(a_w/g_w).",
         lambda b, a, w: -_ref_encode(b, a, w)),
        ("no logarithm: t_w = w_w * log(g_w / a_w); you used the ratio g_w / a_w itself.",
         lambda b, a, w: variant(b, a, w, log=lambda v: v)),
        ("no logarithm: t_w = w_w * log(g_w / a_w); you used g_w / a_w - 1.",
         lambda b, a, w: variant(b, a, w, log=lambda v: v - 1)),
        ("base-10 logarithm: the size offsets use the natural log (np.log), so that "
         "decoding multiplies by exp(t_w / w_w).",
         lambda b, a, w: variant(b, a, w, log=np.log10)),
        ("offsets divided by the box's width and height; divide by the anchor's "
         "(a_w, a_h), which are known when the box is not.",
         lambda b, a, w: variant(b, a, w, by_box=True)),
        ("the weights are ignored: multiply t_x, t_y, t_w, t_h by w_x, w_y, w_w, w_h.",
         lambda b, a, w: _ref_encode(b, a, (1.0, 1.0, 1.0, 1.0))),
        ("divided by the weights instead of multiplying: weights (10, 10, 5, 5) make the "
         "offsets larger, dividing them by (0.1, 0.1, 0.2, 0.2).",
         lambda b, a, w: variant(b, a, w, weigh=lambda v, k: v / k)),
        ("the old '+ 1' pixel convention (width = x2 - x1 + 1): this book, like "
         "torchvision, uses width = x2 - x1.",
         lambda b, a, w: variant(b, a, w, plus=1.0)),
        ("corner offsets: t_x is the offset of the centres, ((x1 + x2)/2 of the box minus "
         "that of the anchor) / a_w, not of the left edges.",
         lambda b, a, w: np.array([w[0] * (b[0] - a[0]) / (a[2] - a[0]),
                                   w[1] * (b[1] - a[1]) / (a[3] - a[1]),
                                   *_ref_encode(b, a, w)[2:]])),
        ("x and y swapped: the order is (t_x, t_y, t_w, t_h) for boxes [x1, y1, x2, y2].",
         lambda b, a, w: _ref_encode(b, a, w)[[1, 0, 3, 2]]),
    ]
    check_cases(fn, fname="encode_box", cases=cases, reference=_ref_encode,
                 candidates=candidates, quiet=quiet)


def check_box_iou(fn, *, quiet=False):
    r"""Check a reader's ``iou(a, b)`` for one pair of boxes ``[x1, y1, x2, y2]``.

    .. math::

        \operatorname{IoU} = \frac{I}{\lvert A\rvert + \lvert B\rvert - I},\qquad
        I = \max(0, \min(x_2, x_2') - \max(x_1, x_1'))\,
            \max(0, \min(y_2, y_2') - \max(y_1, y_1')).

    Tested on overlapping, nested, identical, touching and disjoint pairs.
    Diagnosed: no clipping at 0 (disjoint boxes give a positive or negative
    "intersection"), the union taken as the sum of the areas (intersection
    counted twice), intersection over the smaller area or over the first
    box's area, the ``+ 1`` pixel convention.

    Parameters
    ----------
    fn : callable
        ``fn(a, b) -> float``.
    quiet : bool
        If false (default), print ``"iou: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> from l1l2.exercises import check_box_iou
    >>> from l1l2.boxes import box_iou
    >>> check_box_iou(lambda a, b: float(box_iou(a, b)))
    iou: correct.
    """
    pairs = [
        ([0.0, 0.0, 2.0, 2.0], [1.0, 0.0, 3.0, 2.0]),
        ([0.0, 0.0, 4.0, 4.0], [1.0, 1.0, 2.0, 3.0]),
        ([10.0, 20.0, 50.0, 60.0], [10.0, 20.0, 50.0, 60.0]),
        ([0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 2.0, 1.0]),
        ([0.0, 0.0, 1.0, 1.0], [3.0, 2.0, 5.0, 4.0]),
        ([5.0, 0.0, 9.0, 3.0], [0.0, 1.0, 4.0, 2.0]),
        ([0.0, 0.0, 3.0, 5.0], [2.0, 4.0, 6.0, 7.0]),
    ]
    cases = [(np.array(a), np.array(b)) for a, b in pairs]

    def parts(a, b, plus=0.0, clip=True):
        iw = min(a[2], b[2]) - max(a[0], b[0]) + plus
        ih = min(a[3], b[3]) - max(a[1], b[1]) + plus
        if clip:
            iw, ih = max(0.0, iw), max(0.0, ih)
        area_a = (a[2] - a[0] + plus) * (a[3] - a[1] + plus)
        area_b = (b[2] - b[0] + plus) * (b[3] - b[1] + plus)
        return iw * ih, area_a, area_b

    def variant(a, b, kind):
        if kind == "noclip":
            i, sa, sb = parts(a, b, clip=False)
            return i / (sa + sb - i)
        if kind == "plus1":
            i, sa, sb = parts(a, b, plus=1.0)
            return i / (sa + sb - i)
        i, sa, sb = parts(a, b)
        return {"sum": i / (sa + sb), "min": i / min(sa, sb), "first": i / sa}[kind]

    candidates = [
        ("no clipping at 0: when the boxes do not overlap, min(x2, x2') - max(x1, x1') is "
         "negative; clip each side of the intersection at 0.",
         lambda a, b: variant(a, b, "noclip")),
        ("the union is not |A| + |B|: the intersection is counted twice there; subtract it "
         "once, |A| + |B| - I.", lambda a, b: variant(a, b, "sum")),
        ("intersection over the smaller area: that is the overlap coefficient, not IoU; "
         "divide by the union |A| + |B| - I.", lambda a, b: variant(a, b, "min")),
        ("intersection over the first box's area: divide by the union |A| + |B| - I.",
         lambda a, b: variant(a, b, "first")),
        ("the old '+ 1' pixel convention: this book uses width = x2 - x1.",
         lambda a, b: variant(a, b, "plus1")),
    ]
    check_cases(fn, fname="iou", cases=cases, reference=_ref_iou, candidates=candidates,
                 quiet=quiet)
