"""Tests for l1l2.exercises: each checker accepts right answers and names typical mistakes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from l1l2 import exercises as ex
from l1l2.exercises import (
    AnswerError,
    check_array_answer,
    check_huber_from_smooth_l1,
    check_reduction_example,
    check_scalar_answer,
    check_smooth_l1_grad,
    check_soft_threshold,
)


def test_answer_error_is_an_assertion_error():
    assert issubclass(AnswerError, AssertionError)


# --------------------------------------------------------------------------
# reference formulas agree with the package
# --------------------------------------------------------------------------
def test_reference_formulas_match_l1l2_losses_and_penalties():
    losses = pytest.importorskip("l1l2.losses")
    penalties = pytest.importorskip("l1l2.penalties")
    x = np.array([-3.0, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 2.0, 3.0])
    for beta in (0.0, 0.5, 1.0, 2.0):
        np.testing.assert_allclose(ex._smooth_l1(x, beta),
                                   losses.smooth_l1_loss(x, 0.0, reduction="none", beta=beta))
        np.testing.assert_allclose(
            ex._smooth_l1_grad(x, beta),
            losses.smooth_l1_loss_grad(x, 0.0, reduction="none", beta=beta))
    for delta in (0.5, 1.0, 2.0):
        np.testing.assert_allclose(ex._huber(x, delta),
                                   losses.huber_loss(x, 0.0, reduction="none", delta=delta))
    for t in (0.0, 0.5, 2.0):
        np.testing.assert_allclose(ex._soft_threshold(x, t), penalties.soft_threshold(x, t))


# --------------------------------------------------------------------------
# generic checkers
# --------------------------------------------------------------------------
def test_check_array_answer_success_prints_and_quiet(capsys):
    check_array_answer([1.0, 2.0], np.array([1.0, 2.0]), name="w")
    assert capsys.readouterr().out == "w: correct.\n"
    check_array_answer([1.0, 2.0], [1.0, 2.0 + 1e-9], name="w", quiet=True)
    assert capsys.readouterr().out == ""
    check_array_answer(np.float32([0.1, 0.2]), [0.1, 0.2], quiet=True)  # float32 accuracy
    check_array_answer([np.nan, 1.0], [np.nan, 1.0], quiet=True)


@pytest.mark.parametrize("answer, expected, kw, match", [
    ([1.0, 2.0, 3.0], [1.0, 2.0], {}, "wrong shape"),
    (np.ones((3, 2)), np.ones((2, 3)), {}, "transposed"),
    ([1.0, 2.0], 3.0, {}, "forget to reduce"),
    (3.0, [1.0, 2.0], {}, "reduce"),
    (np.ones(6), np.ones((2, 3)), {}, "arranged differently"),
    ([1.0, np.nan], [1.0, 2.0], {}, "NaN at index"),
    ([1.0, np.inf], [1.0, 2.0], {}, "infinity"),
    ([-1.0, -2.0, 0.0], [1.0, 2.0, 0.0], {}, "sign error"),
    ([2.0, 4.0], [1.0, 2.0], {}, "factor of 2 .too large.*missing ½"),
    ([0.5, 1.0], [1.0, 2.0], {}, "factor of 2 .too small.*extra ½"),
    ([10.0, 20.0], [1.0, 2.0], {"n": 10}, "factor of n = 10 .too large.*sum where the mean"),
    ([0.1, 0.2], [1.0, 2.0], {"n": 10}, "factor of n = 10 .too small.*mean where the sum"),
    ([3.0, 6.0], [1.0, 2.0], {}, "constant factor: your answer is 3 times"),
    ([1.0, 4.0], [1.0, 2.0], {}, "square of the expected"),
    ([1.0, math.sqrt(2.0)], [1.0, 2.0], {}, "square root"),
    ([1.0, 2.5], [1.0, 2.0], {}, r"wrong at 1 of 2 entries; first at index \(1,\): got 2.5"),
    ([7.0, 7.0], [1.0, 2.0], {"diagnoses": {"you returned the count": [7.0, 7.0]}},
     "you returned the count"),
])
def test_check_array_answer_diagnoses(answer, expected, kw, match):
    with pytest.raises(AnswerError, match=match) as info:
        check_array_answer(answer, expected, name="result", **kw)
    assert str(info.value).startswith("result: ")


@pytest.mark.parametrize("answer, match", [
    (None, "forget to `return`"),
    ("3.1", "string"),
    ({"a": 1}, "not a number"),
    ([[1.0], [1.0, 2.0]], "not a number"),
])
def test_check_array_answer_non_numeric_answers(answer, match):
    with pytest.raises(AnswerError, match=match):
        check_array_answer(answer, [1.0, 2.0])


def test_check_scalar_answer():
    check_scalar_answer(np.float64(0.62), 0.62, quiet=True)
    check_scalar_answer([0.62], 0.62, quiet=True)  # a size-1 array is a number
    with pytest.raises(AnswerError, match="factor of n = 5"):
        check_scalar_answer(3.1, 0.62, n=5)
    with pytest.raises(AnswerError, match="sign error"):
        check_scalar_answer(-0.62, 0.62)
    with pytest.raises(AnswerError, match="got 0.7, expected 0.62"):
        check_scalar_answer(0.7, 0.62)
    with pytest.raises(AnswerError, match="forget to reduce"):
        check_scalar_answer([0.3, 0.32], 0.62)


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
    losses = pytest.importorskip("l1l2.losses")
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


def test_function_checkers_reject_non_callables():
    for checker in (check_huber_from_smooth_l1, check_smooth_l1_grad, check_soft_threshold):
        with pytest.raises(ValueError, match="fn must be a function"):
            checker(np.ones(3))


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
    losses = pytest.importorskip("l1l2.losses")
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


# --------------------------------------------------------------------------
# soft thresholding
# --------------------------------------------------------------------------
def test_soft_threshold_correct_solutions(capsys):
    check_soft_threshold(lambda x, t: np.sign(x) * np.maximum(np.abs(x) - t, 0))
    assert capsys.readouterr().out == "soft_threshold: correct.\n"
    check_soft_threshold(lambda x, t: x - np.clip(x, -t, t), quiet=True)
    penalties = pytest.importorskip("l1l2.penalties")
    check_soft_threshold(penalties.soft_threshold, quiet=True)


def _inplace_soft(x, t):
    x -= np.clip(x, -t, t)
    return x


@pytest.mark.parametrize("fn, match", [
    (lambda x, t: np.where(np.abs(x) > t, x, 0.0), "hard thresholding"),
    (lambda x, t: np.maximum(np.abs(x) - t, 0), "lost the sign"),
    (lambda x, t: np.maximum(x - t, 0), "only the positive side"),
    (lambda x, t: x - t * np.sign(x), "no clipping at zero"),
    (lambda x, t: x - t, "subtracts t from every x"),
    (lambda x, t: np.sign(x) * np.maximum(np.abs(x) - 2 * t, 0), "threshold 2t .*factor 2"),
    (lambda x, t: np.sign(x) * np.maximum(np.abs(x) - t / 2, 0), "threshold t/2 .*factor 2"),
    (lambda x, t: np.clip(x, -t, t), "clipping to"),
    (lambda x, t: x / (1 + t), "proportional shrinkage"),
    (_inplace_soft, "modified its input array x in place"),
    (lambda x, t: float(np.sum(np.abs(x))), "single number"),
])
def test_soft_threshold_diagnoses(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_soft_threshold(fn)


# --------------------------------------------------------------------------
# bad checker arguments
# --------------------------------------------------------------------------
@pytest.mark.parametrize("kw, arg", [
    ({"rtol": -1.0}, "rtol"),
    ({"atol": np.nan}, "atol"),
    ({"n": 0}, "n"),
    ({"n": 2.5}, "n"),
    ({"name": 3}, "name"),
    ({"diagnoses": [1.0]}, "diagnoses"),
    ({"diagnoses": {1: 2.0}}, "diagnoses"),
])
def test_bad_checker_arguments(kw, arg):
    with pytest.raises(ValueError, match=arg):
        check_array_answer([1.0], [1.0], **kw)


def test_bad_expected_is_a_value_error():
    with pytest.raises(ValueError, match="expected"):
        check_array_answer([1.0], "abc")
    with pytest.raises(ValueError, match="expected"):
        check_scalar_answer(1.0, [1.0, 2.0])


def test_checkers_do_not_modify_caller_arrays():
    ans = np.array([2.0, 4.0])
    exp = np.array([1.0, 2.0])
    with pytest.raises(AnswerError):
        check_array_answer(ans, exp, n=2)
    np.testing.assert_array_equal(ans, [2.0, 4.0])
    np.testing.assert_array_equal(exp, [1.0, 2.0])
