"""The exercise checkers, fed anything a reader might pass.

A checker judges an answer: a wrong one raises AnswerError (an
AssertionError, by design), so the general contract test cannot fuzz the
answer-like arguments (see tests/contract_specs_figures.py). Here they get the
same bad values (tests/contract.py) and more: whatever the answer, the
checker raises AnswerError explaining it, or a ValueError naming a misused
non-answer argument; it never crashes with an unrelated exception, never
leaks a warning of its own, never modifies what it was given and never hangs.
"""

from __future__ import annotations

import copy
import warnings

import contract
import numpy as np
import pytest

from l1l2 import exercises
from l1l2.exercises import AnswerError

FUNCTION_CHECKERS = [
    "check_huber_from_smooth_l1", "check_smooth_l1_grad", "check_soft_threshold",
    "check_clip_by_norm", "check_encode_box", "check_box_iou", "check_huber_location",
    "check_cv_error", "check_ridge_svd", "check_prox_l1_step", "check_hard_threshold",
    "check_laplace_alpha",
]


class _ArrayFails:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array here")


class _FloatFails:
    def __float__(self):
        raise RuntimeError("no float here")


def _raises(*args):
    raise KeyError("oops")


def _mutates(*args):
    first = args[0]
    if isinstance(first, np.ndarray):
        first[...] = 0.0
    return first


def _first_arg(*args):
    return args[0]


READER_FUNCTIONS = {
    "raises": _raises,
    "returns-None": lambda *a: None,
    "returns-str": lambda *a: "abc",
    "returns-nan": lambda *a: np.nan,
    "returns-inf": lambda *a: np.full(np.shape(a[0]), np.inf),
    "returns-1e300": lambda *a: np.full(np.shape(a[0]), 1e300),
    "returns-5e-324": lambda *a: np.full(np.shape(a[0]), 5e-324),
    "returns-complex": lambda *a: np.asarray(a[0]) + 1j,
    "returns-ragged": lambda *a: [1.0, [2.0, 3.0]],
    "returns-dict": lambda *a: {"a": 1},
    "returns-generator": lambda *a: (i for i in range(3)),
    "returns-object-array": lambda *a: np.array([object()]),
    "returns-array-that-fails": lambda *a: _ArrayFails(),
    "returns-float-that-fails": lambda *a: _FloatFails(),
    "returns-huge-int": lambda *a: 10**400,
    "returns-big-array": lambda *a: np.zeros((500, 500)),
    "returns-input": _first_arg,
    "mutates-input": _mutates,
    "no-arguments": lambda: 1.0,
}

ANSWERS = {
    "None": None, "str": "abc", "nan": np.nan, "inf": np.inf, "-inf": -np.inf,
    "1e300": 1e300, "5e-324": 5e-324, "huge-int": 10**400, "ragged": [1.0, [2.0]],
    "dict": {"a": 1}, "complex": 1 + 1j, "array2": np.array([1.0, 2.0]),
    "empty": np.zeros(0), "bool": True, "array-fails": _ArrayFails(),
    "float-fails": _FloatFails(), "object": np.array([object()]),
}


def judge(func, *args, names=(), **kwargs):
    """Call a checker; it must end with None, AnswerError or a ValueError/TypeError
    naming one of ``names``; no warning; no argument modified."""
    snapshot = copy.deepcopy((args, kwargs))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            contract.call_with_timeout(func, args, kwargs)
        except AnswerError as exc:
            assert str(exc).strip(), "an AnswerError must explain"
        except (ValueError, TypeError) as exc:
            assert any(contract.names_argument(str(exc), n) for n in names), (
                f"{func.__name__} raised {exc!r}, naming none of {names}")
    assert not caught, [str(w.message) for w in caught]
    for before, after in zip(snapshot[0], args, strict=True):
        assert contract.same_value(after, before), "an argument was modified"


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS)
@pytest.mark.parametrize("reader", READER_FUNCTIONS, ids=str)
def test_function_checkers_explain_any_reader_function(checker, reader):
    judge(getattr(exercises, checker), READER_FUNCTIONS[reader], quiet=True)


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS)
@pytest.mark.parametrize("fn", [3.0, "f", None, np.array([1.0])], ids=repr)
def test_function_checkers_name_fn_when_it_is_not_a_function(checker, fn):
    with pytest.raises(ValueError, match="fn"):
        getattr(exercises, checker)(fn, quiet=True)


def test_a_mutating_reader_function_is_told_so():
    with pytest.raises(AnswerError, match="modified"):
        exercises.check_soft_threshold(_mutates, quiet=True)


def test_a_reader_object_whose_array_conversion_fails_is_an_answer_error():
    with pytest.raises(AnswerError, match="not a number"):
        exercises.check_array_answer(_ArrayFails(), [1.0, 2.0])


@pytest.mark.parametrize("label", ANSWERS, ids=str)
@pytest.mark.parametrize("checker", ["check_median_breakdown", "check_beta_cm"])
def test_short_answer_checkers_explain_any_answer(checker, label):
    judge(getattr(exercises, checker), ANSWERS[label], quiet=True)


@pytest.mark.parametrize("label", ANSWERS, ids=str)
def test_reduction_checker_explains_any_answer(label):
    judge(exercises.check_reduction_example, ANSWERS[label], 2.15, 0.62, 0.43, quiet=True)


def _bad(valid, domain):
    return [pytest.param(b.value, id=b.label) for b in contract.bad_values(valid, domain)]


@pytest.mark.parametrize("answer", _bad([1.0, 2.0], contract.array(1)))
@pytest.mark.parametrize("expected", [[1.0, 2.0], [1e300, 1e-300], [np.nan, 2.0], 2.0],
                         ids=str)
def test_array_checker_explains_any_answer(answer, expected):
    judge(exercises.check_array_answer, answer, expected, names=("expected",), quiet=True)


@pytest.mark.parametrize("expected", _bad([1.0, 2.0], contract.array(1)))
def test_array_checker_names_a_bad_expected(expected):
    judge(exercises.check_array_answer, [1.0, 2.0], expected, names=("expected",), quiet=True)


@pytest.mark.parametrize("expected", _bad(0.62, contract.scalar()))
def test_scalar_checker_names_a_bad_expected(expected):
    judge(exercises.check_scalar_answer, 0.62, expected, names=("expected",), quiet=True)


@pytest.mark.parametrize("answer", _bad(0.62, contract.scalar()))
def test_scalar_checker_explains_any_answer(answer):
    judge(exercises.check_scalar_answer, answer, 0.62, quiet=True)


@pytest.mark.parametrize("arg", ["input", "target"])
@pytest.mark.parametrize("value", _bad([0.1, 0.2, 0.3, 0.4, 0.5], contract.array(1)))
def test_reduction_checker_names_bad_data(arg, value):
    judge(exercises.check_reduction_example, 3.1, 2.15, 0.62, 0.43, names=("input", "target"),
          quiet=True, **{arg: value})


def test_reduction_checker_refuses_data_whose_squares_overflow():
    with pytest.raises(ValueError, match="input and target"):
        exercises.check_reduction_example(1, 1, 1, 1, input=[1e300, 0.0], target=[0.0, 0.0])
