"""Tests for l1l2.exercises._core: the one safe call of a reader's function, and the two
runners every function checker is built on."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from l1l2 import exercises
from l1l2.exercises import AnswerError, _core

FUNCTION_CHECKERS = [
    "check_huber_from_smooth_l1", "check_smooth_l1_grad", "check_soft_threshold",
    "check_clip_by_norm", "check_encode_box", "check_box_iou", "check_huber_location",
    "check_cv_error", "check_ridge_svd", "check_prox_l1_step", "check_hard_threshold",
    "check_laplace_alpha",
]


def test_answer_error_is_an_assertion_error():
    assert issubclass(AnswerError, AssertionError)
    assert exercises.AnswerError is _core.AnswerError


def test_every_checker_is_exported_under_its_name():
    public = [name for name in exercises.__all__ if name != "AnswerError"]
    assert set(FUNCTION_CHECKERS) < set(public)
    for name in public:
        assert callable(getattr(exercises, name)), name


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS)
@pytest.mark.parametrize("fn", [np.ones(3), 3.0, 0.5, np.zeros(3)], ids=repr)
def test_function_checkers_reject_non_callables(checker, fn):
    with pytest.raises(ValueError, match="fn must be a function"):
        getattr(exercises, checker)(fn)


# --------------------------------------------------------------------------
# call_reader: the one safe call
# --------------------------------------------------------------------------
def test_call_reader_returns_float64_and_leaves_the_inputs_alone():
    x = np.array([1, -2, 3])
    out = _core.call_reader(lambda v: v * 2, (x,), fname="f", call="f(x)")
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [2.0, -4.0, 6.0])
    np.testing.assert_array_equal(x, [1, -2, 3])


def test_call_reader_passes_copies_and_reports_modification():
    x = np.array([1.0, 2.0])

    def mutates(v):
        v[0] = 5.0
        return v

    with pytest.raises(AnswerError, match="^f: you changed x$"):
        _core.call_reader(mutates, (x,), fname="f", call="f(x)", modified="you changed x")
    np.testing.assert_array_equal(x, [1.0, 2.0])


@pytest.mark.parametrize("change", [
    lambda folds: folds[0].__setitem__(0, 99),
    lambda folds: folds.pop(),
    lambda folds: folds.__setitem__(0, "abc"),
])
def test_call_reader_sees_changes_inside_lists(change):
    folds = [np.array([0, 1]), np.array([2, 3])]

    def reader(fs):
        change(fs)
        return 1.0

    with pytest.raises(AnswerError, match="in place"):
        _core.call_reader(reader, (folds,), fname="cv", call="cv(folds)")
    assert len(folds) == 2 and folds[0][0] == 0


def test_call_reader_names_the_call_when_the_reader_raises():
    def broken(x):
        raise KeyError("k")

    with pytest.raises(AnswerError, match=r"^g: g\(x, t=1\) raised KeyError: 'k'$") as info:
        _core.call_reader(broken, (np.ones(2),), fname="g", call="g(x, t=1)")
    assert isinstance(info.value.__cause__, KeyError)


def test_call_reader_silences_floating_point_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = _core.call_reader(lambda x: np.log(x) / 0.0, (np.array([-1.0, 1.0]),),
                                fname="f", call="f(x)")
    assert np.isnan(out[0])


@pytest.mark.parametrize("returned, match", [
    (None, "the result of f.x. is None: did your function forget to `return`"),
    ("abc", "is a string"),
    ({"a": 1}, "not a number"),
])
def test_call_reader_explains_what_is_not_numbers(returned, match):
    with pytest.raises(AnswerError, match=match):
        _core.call_reader(lambda x: returned, (1.0,), fname="f", call="f(x)")


def test_one_number():
    assert _core.one_number([4.0], "m") == 4.0
    with pytest.raises(AnswerError, match="replace None"):
        _core.one_number(None, "m")
    with pytest.raises(AnswerError, match="one number was expected"):
        _core.one_number([1.0, 2.0], "m")


# --------------------------------------------------------------------------
# the runners, on a toy exercise: scale(x, p) = p * x
# --------------------------------------------------------------------------
TOY_CASES = _core.param_grid(np.array([-2.0, -0.5, 0.0, 1.0, 3.0]), [1.0, 2.0, 0.5])


def toy(fn, **kw):
    _core.check_elementwise(fn, fname="scale", pname="p", cases=TOY_CASES,
                            reference=lambda x, p: p * np.abs(x), candidates=[], **kw)


def test_param_grid_adds_the_kinks():
    x, p = TOY_CASES[1]
    assert p == 2.0 and {-2.0, 2.0} <= set(x)


@pytest.mark.parametrize("fn, match", [
    (lambda x, p: np.abs(x), "too small by a factor of p .*missing factor p"),
    (lambda x, p: p * p * np.abs(x), "too large by a factor of p"),
    (lambda x, p: -p * np.abs(x), "sign error"),
    (lambda x, p: 3 * p * np.abs(x), "3 times the expected"),
    (lambda x, p: p * np.abs(x) + 0.25, "off by a constant 0.25"),
    (lambda x, p: p * np.abs(x) if p != 2 else p * x, "right for p = 0.5, 1 but wrong for p = 2"),
    (lambda x, p: p * np.abs(x) + 0.01 * x**2, r"wrong values at \d+ of \d+ test points"),
    (lambda x, p: np.where(x == 0, np.nan, p * np.abs(x)), "returns NaN at x = 0 with p = 1"),
])
def test_check_elementwise_diagnoses(fn, match):
    with pytest.raises(AnswerError, match=match) as info:
        toy(fn)
    assert str(info.value).startswith("scale: ")
    assert "For example, scale(x=" in str(info.value)


def test_check_elementwise_kink_and_known_mistakes(capsys):
    toy(lambda x, p: p * np.abs(x))
    assert capsys.readouterr().out == "scale: correct.\n"
    with pytest.raises(AnswerError, match="the kink"):
        toy(lambda x, p: np.where(x == 0, 1.0, p * np.abs(x)),
            kink=lambda x, p: x == 0, kink_message="the kink")
    with pytest.raises(AnswerError, match="no absolute value"):
        _core.check_elementwise(lambda x, p: p * x, fname="scale", pname="p", cases=TOY_CASES,
                                reference=lambda x, p: p * np.abs(x),
                                candidates=[("no absolute value", lambda x, p: p * x)])


def test_check_cases_diagnoses(capsys):
    cases = [(np.array([1.0, 2.0]), 2.0), (np.array([3.0]), 0.5)]

    def run(fn):
        _core.check_cases(fn, fname="mul", cases=cases, reference=lambda v, c: v * c,
                          candidates=[("divided", lambda v, c: v / c)], quiet=False)

    run(lambda v, c: v * c)
    assert capsys.readouterr().out == "mul: correct.\n"
    with pytest.raises(AnswerError, match=r"^mul: wrong shape \(\), expected \(2,\)"):
        run(lambda v, c: float(np.sum(v * c)))
    with pytest.raises(AnswerError, match="^mul: divided For example, for"):
        run(lambda v, c: v / c)
    with pytest.raises(AnswerError, match="^mul: wrong for 2 of 2 test cases"):
        run(lambda v, c: v * c + 1)
    with pytest.raises(AnswerError, match=r"^mul: calling it on \[1\. 2\.\], 2\.0 raised"):
        run(lambda v, c: 1 / 0)
