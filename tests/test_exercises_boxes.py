"""Tests for l1l2.exercises.boxes: check_encode_box and check_box_iou accept the solutions
and diagnose typical wrong answers."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import boxes
from l1l2.exercises import AnswerError, check_box_iou, check_encode_box


def encode_ok(b, a, w):
    return boxes.encode_boxes(b, a, weights=w)


def centre_size(b, plus=0.0):
    w, h = b[2] - b[0] + plus, b[3] - b[1] + plus
    return b[0] + w / 2, b[1] + h / 2, w, h


def test_encode_accepts_the_solution(capsys):
    check_encode_box(encode_ok)
    assert capsys.readouterr().out == "encode_box: correct.\n"


def test_encode_quiet():
    check_encode_box(encode_ok, quiet=True)


@pytest.mark.parametrize("wrong, match", [
    (lambda b, a, w: -encode_ok(b, a, w), "sign error"),
    (lambda b, a, w: encode_ok(b, a, (1, 1, 1, 1)), "weights are ignored"),
    (lambda b, a, w: encode_ok(b, a, w)[[1, 0, 3, 2]], "x and y swapped"),
    (lambda b, a, w: np.array([*encode_ok(b, a, w)[:2],
                               w[2] * (b[2] - b[0]) / (a[2] - a[0]),
                               w[3] * (b[3] - b[1]) / (a[3] - a[1])]), "no logarithm"),
    (lambda b, a, w: np.array([*encode_ok(b, a, w)[:2],
                               w[2] * np.log10((b[2] - b[0]) / (a[2] - a[0])),
                               w[3] * np.log10((b[3] - b[1]) / (a[3] - a[1]))]), "base-10"),
    (lambda b, a, w: np.array([w[0] * (centre_size(b)[0] - centre_size(a)[0]) / (b[2] - b[0]),
                               w[1] * (centre_size(b)[1] - centre_size(a)[1]) / (b[3] - b[1]),
                               *encode_ok(b, a, w)[2:]]), "box's width"),
    (lambda b, a, w: np.array([(centre_size(b)[0] - centre_size(a)[0]) / (a[2] - a[0]) / w[0],
                               (centre_size(b)[1] - centre_size(a)[1]) / (a[3] - a[1]) / w[1],
                               np.log((b[2] - b[0]) / (a[2] - a[0])) / w[2],
                               np.log((b[3] - b[1]) / (a[3] - a[1])) / w[3]]),
     "divided by the weights"),
    (lambda b, a, w: np.array([w[0] * (b[0] - a[0]) / (a[2] - a[0]),
                               w[1] * (b[1] - a[1]) / (a[3] - a[1]),
                               *encode_ok(b, a, w)[2:]]), "corner offsets"),
    (lambda b, a, w: encode_ok(b, a, w)[:3], "wrong shape"),
    (lambda b, a, w: None, "forget to `return`"),
    (lambda b, a, w: encode_ok(b, a, w) + 0.01, "wrong for 4 of 4"),
])
def test_encode_rejects_typical_mistakes(wrong, match):
    with pytest.raises(AnswerError, match=match):
        check_encode_box(wrong)


def test_encode_reports_in_place_modification_and_exceptions():
    def modifies(b, a, w):
        out = encode_ok(b, a, w)
        b[0] = -1.0
        return out

    with pytest.raises(AnswerError, match="in place"):
        check_encode_box(modifies)
    with pytest.raises(AnswerError, match="ZeroDivisionError"):
        check_encode_box(lambda b, a, w: 1 / 0)


def iou_ok(a, b):
    return float(boxes.box_iou(a, b))


def iou_parts(a, b, clip=True):
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if clip:
        iw, ih = max(iw, 0.0), max(ih, 0.0)
    return iw * ih, (a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])


def test_iou_accepts_the_solution(capsys):
    check_box_iou(iou_ok)
    assert capsys.readouterr().out == "iou: correct.\n"


@pytest.mark.parametrize("wrong, match", [
    (lambda a, b: (lambda i, sa, sb: i / (sa + sb - i))(*iou_parts(a, b, clip=False)),
     "no clipping"),
    (lambda a, b: (lambda i, sa, sb: i / (sa + sb))(*iou_parts(a, b)), "counted twice"),
    (lambda a, b: (lambda i, sa, sb: i / min(sa, sb))(*iou_parts(a, b)), "smaller area"),
    (lambda a, b: (lambda i, sa, sb: i / sa)(*iou_parts(a, b)), "first box"),
    (lambda a, b: float(boxes.box_iou(np.asarray(a) + [0, 0, 1, 1],
                                      np.asarray(b) + [0, 0, 1, 1])), r"\+ 1"),
    (lambda a, b: "0.5", "string"),
    (lambda a, b: 0.5, "wrong for"),
])
def test_iou_rejects_typical_mistakes(wrong, match):
    with pytest.raises(AnswerError, match=match):
        check_box_iou(wrong)
