"""Tests for l1l2.exercises.answers: check_array_answer and check_scalar_answer accept
right answers and name typical mistakes (shape, NaN, sign, factors, squares)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from l1l2.exercises import AnswerError, check_array_answer, check_scalar_answer


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
