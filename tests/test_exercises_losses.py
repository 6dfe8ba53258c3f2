"""Tests for l1l2.exercises.losses: the reductions example, Huber from smooth L1 and the
smooth-L1 gradient checkers accept right answers and name typical mistakes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from l1l2 import losses
from l1l2.exercises import (
    AnswerError,
    check_huber_from_smooth_l1,
    check_reduction_example,
    check_smooth_l1_grad,
)
from l1l2.exercises import losses as ex_losses


def test_reference_formulas_match_l1l2_losses():
    x = np.array([-3.0, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 2.0, 3.0])
    for beta in (0.0, 0.5, 1.0, 2.0):
        np.testing.assert_allclose(ex_losses._smooth_l1(x, beta),
                                   losses.smooth_l1_loss(x, 0.0, reduction="none", beta=beta))
        np.testing.assert_allclose(
            ex_losses._smooth_l1_grad(x, beta),
            losses.smooth_l1_loss_grad(x, 0.0, reduction="none", beta=beta))
    for delta in (0.5, 1.0, 2.0):
        np.testing.assert_allclose(ex_losses._huber(x, delta),
                                   losses.huber_loss(x, 0.0, reduction="none", delta=delta))


# --------------------------------------------------------------------------
# reductions example (C6)
# --------------------------------------------------------------------------
C6_L1_SUM, C6_L2_SUM = 3.1, 2.15


def test_reduction_example_correct(capsys):
    check_reduction_example(3.1, 2.15, 0.62, 0.43)
    assert capsys.readouterr().out == "reductions: correct.\n"


@pytest.mark.parametrize("answers, match", [
    ((0.62, 2.15, 0.62, 0.43), r"l1_sum: off by a factor of n = 5 \(too small\)"),
    ((3.1, 2.15, 3.1, 0.43), r"l1_mean: off by a factor of n = 5 \(too large\)"),
    ((3.1, 1.075, 0.62, 0.43), r"l2_sum: off by a factor of 2 \(too small\)"),
    ((3.1, math.sqrt(2.15), 0.62, 0.43), r"l2_sum: that is the norm \|\|r\|\|_2"),
    ((3.1, 2.15, 0.62, math.sqrt(0.43)), r"l2_mean: that is the root mean squared error"),
    ((2.15, 3.1, 0.62, 0.43), r"1 of 4|2 of 4"),
    ((-2.5, 2.15, 0.62, 0.43), "missing absolute value"),
    ((3.1, 6.25, 0.62, 0.43), "square of the sum"),
    ((3.1, 2.15, 0.43, 0.62), "mean of squared errors"),
])
def test_reduction_example_diagnoses(answers, match):
    with pytest.raises(AnswerError, match=match):
        check_reduction_example(*answers)


def test_reduction_example_lists_every_wrong_answer():
    with pytest.raises(AnswerError) as info:
        check_reduction_example(2.15, 3.1, 0.62, 0.43)
    msg = str(info.value)
    assert msg.startswith("reductions: 2 of 4 wrong.")
    assert "l1_sum: that is the sum of squared errors" in msg
    assert "l2_sum: that is the sum of absolute errors" in msg


def test_reduction_example_custom_data():
    check_reduction_example(4.0, 10.0, 2.0, 5.0, input=[1.0, -1.0], target=[0.0, 2.0],
                            quiet=True)
    with pytest.raises(ValueError, match="input and target"):
        check_reduction_example(1, 1, 1, 1, input=[1.0, 2.0], target=[1.0])
    with pytest.raises(ValueError, match="input"):
        check_reduction_example(1, 1, 1, 1, input=[], target=[])


# --------------------------------------------------------------------------
# huber from smooth L1
# --------------------------------------------------------------------------
def sl1(x, beta):
    x = np.asarray(x, dtype=float)
    if beta == 0:
        return np.abs(x)
    return np.where(np.abs(x) < beta, 0.5 * x**2 / beta, np.abs(x) - 0.5 * beta)


def test_huber_correct_solutions(capsys):
    check_huber_from_smooth_l1(lambda x, delta: delta * sl1(x, delta))
    assert capsys.readouterr().out == "huber: correct.\n"
    check_huber_from_smooth_l1(
        lambda x, delta: delta * losses.smooth_l1_loss(x, 0.0, reduction="none", beta=delta),
        quiet=True)
    check_huber_from_smooth_l1(
        lambda x, d: np.float32(d) * sl1(np.asarray(x, np.float32), np.float32(d)), quiet=True)


def _mutating_huber(x, delta):
    x *= 1.0
    x[...] = np.abs(x)
    return delta * sl1(x, delta)


def _raising_huber(x, delta):
    raise NameError("name 'smooth_l1' is not defined")


@pytest.mark.parametrize("fn, match", [
    (lambda x, d: sl1(x, d), "missing factor delta"),
    (lambda x, d: d * sl1(x, 1.0), "beta left at its default 1"),
    (lambda x, d: sl1(x, 1.0), "ignores delta"),
    (lambda x, d: d * sl1(x, 1.0 / d), "beta = 1/delta"),
    (lambda x, d: d * d * sl1(x, d), "a factor delta too many"),
    (lambda x, d: sl1(x, d) / d, "divided by delta instead of multiplying"),
    (lambda x, d: np.where(np.abs(x) <= d, x**2, d * (np.abs(x) - 0.5 * d)), "missing ½"),
    (lambda x, d: np.mean(d * sl1(x, d)), "single number"),
    (lambda x, d: (d * sl1(x, d)).ravel()[:3], "returned shape"),
    (lambda x, d: None, "forget to `return`"),
    (_mutating_huber, "your function modified its input array x in place"),
    (_raising_huber, "raised NameError"),
    (lambda x, d: d * sl1(x, d) + 0.001, "off by a constant 0.001"),
    (lambda x, d: d * sl1(x, d) + 0.001 * x**2, r"wrong values at \d+ of \d+ test points"),
    (lambda x, d: -d * sl1(x, d), "sign error"),
    (lambda x, d: 3 * d * sl1(x, d), "factor: your answer is 3 times"),
])
def test_huber_diagnoses(fn, match):
    with pytest.raises(AnswerError, match=match) as info:
        check_huber_from_smooth_l1(fn)
    assert str(info.value).startswith("huber")


def test_huber_message_has_a_concrete_example():
    with pytest.raises(AnswerError, match=r"For example, huber\(x=.*, delta=.*\) returned"):
        check_huber_from_smooth_l1(lambda x, d: sl1(x, d))


# --------------------------------------------------------------------------
# smooth L1 gradient
# --------------------------------------------------------------------------
def good_grad(x, beta):
    if beta == 0:
        return np.sign(x)
    return np.where(np.abs(x) < beta, x / beta, np.sign(x))


def test_smooth_l1_grad_correct_solutions(capsys):
    check_smooth_l1_grad(good_grad)
    assert capsys.readouterr().out == "smooth_l1_grad: correct.\n"
    # np.where evaluates x / 0 for beta = 0, but picks sign(x): still right
    check_smooth_l1_grad(lambda x, b: np.where(np.abs(x) < b, x / b, np.sign(x)), quiet=True)
    check_smooth_l1_grad(lambda x, b: np.clip(x / b, -1, 1) if b > 0 else np.sign(x),
                         quiet=True)
    check_smooth_l1_grad(
        lambda x, b: losses.smooth_l1_loss_grad(x, 0.0, reduction="none", beta=b), quiet=True)


@pytest.mark.parametrize("fn, match", [
    (lambda x, b: -good_grad(x, b), "sign error"),
    (lambda x, b: np.where(np.abs(x) < b, x, np.sign(x)), "forgot to divide by beta"),
    (lambda x, b: np.where(np.abs(x) < b, x * b, np.sign(x)), "multiplied by beta"),
    (lambda x, b: x / b, "no saturation"),
    (lambda x, b: np.where(np.abs(x) < b, 2 * x / b, np.sign(x)), "factor 2"),
    (lambda x, b: np.sign(x), "L1 gradient sign.x. for every beta"),
    (lambda x, b: sl1(x, b), "the loss smooth_l1 itself"),
    (lambda x, b: good_grad(x, b) if b > 0 else np.where(x >= 0, 1.0, -1.0),
     "wrong value at the kink x = 0 for beta = 0"),
    (lambda x, b: np.clip(x / b, -1, 1), "returns NaN at x = 0 with beta = 0.*divides by zero"),
    (lambda x, b: good_grad(x, b) if b != 2 else 2 * good_grad(x, b),
     "right for beta = 0, 0.5, 1 but wrong for beta = 2"),
])
def test_smooth_l1_grad_diagnoses(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_smooth_l1_grad(fn)
