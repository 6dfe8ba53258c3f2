r"""Checkers for a number or an array the reader computed: say what is wrong with it.

:func:`check_array_answer` compares an array answer with the expected one
and names the likely mistake (a wrong shape, a NaN, a sign error, a factor
2 or :math:`n`, a square or square root, or one of the caller's own known
wrong values); :func:`check_scalar_answer` does the same for one number.
The chapters use them for short numerical answers, and the other checkers
build on them.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_float_array
from ._core import (
    ATOL,
    RTOL,
    AnswerError,
    answer_array,
    check_diagnoses,
    check_n,
    check_name,
    check_tolerances,
    diagnose_values,
    report_correct,
    shape_problem,
)

__all__ = ["check_array_answer", "check_scalar_answer"]


def check_array_answer(answer, expected, *, name="answer", rtol=RTOL, atol=ATOL, n=None,
                       diagnoses=None, quiet=False):
    r"""Check an array answer, and say what is wrong if it is not right.

    The answer is right when it has the expected shape and
    :math:`|a - e| \le \text{atol} + \text{rtol}\,|e|` everywhere (NaN
    matches NaN). Otherwise the message tries, in order: a wrong shape
    (including "forgot to reduce" and "transposed"), a NaN or infinity, the
    caller's own ``diagnoses``, a sign error, a constant factor (2, or
    :math:`n` for a sum-versus-mean mix-up when ``n`` is given), a square or
    square root; and always shows the first wrong entry.

    Parameters
    ----------
    answer : array_like
        The reader's answer.
    expected : array_like
        The right answer.
    name : str
        What the answer is called in messages.
    rtol, atol : float
        Relative and absolute tolerance, non-negative.
    n : int, optional
        The number of terms of a sum or mean, to recognise a factor :math:`n`.
    diagnoses : mapping of str to array_like, optional
        Known wrong answers: if the answer matches a value, the error gives its
        message.
    quiet : bool
        If false (default), print ``"<name>: correct."`` on success.

    Returns
    -------
    None

    Raises
    ------
    AnswerError
        If the answer is wrong.

    Examples
    --------
    >>> from l1l2.exercises import check_array_answer, AnswerError
    >>> check_array_answer([1.0, 2.0], [1.0, 2.0], name="w")
    w: correct.
    >>> try:
    ...     check_array_answer([-1.0, -2.0], [1.0, 2.0], name="w")
    ... except AnswerError as e:
    ...     print(e)
    w: sign error: your answer is exactly the negative of the expected one (wrong at 2 of 2
    entries; first at index (0,): got -1, expected 1)
    """
    name = check_name(name)
    rtol, atol = check_tolerances(rtol, atol)
    n = check_n(n)
    diagnoses = check_diagnoses(diagnoses)
    exp = as_float_array(expected, "expected").astype(np.float64)
    ans = answer_array(answer, name)
    msg = shape_problem(ans, exp)
    if msg is None:
        msg = diagnose_values(ans, exp, rtol=rtol, atol=atol, n=n, diagnoses=diagnoses)
    if msg:
        raise AnswerError(f"{name}: {msg}")
    report_correct(name, quiet)


def check_scalar_answer(answer, expected, *, name="answer", rtol=RTOL, atol=ATOL, n=None,
                        diagnoses=None, quiet=False):
    r"""Check a single number, diagnosing factor-:math:`n`, factor-2 and sign errors.

    As :func:`check_array_answer`, for a scalar ``expected``. An answer that
    is an array with more than one element is reported as "forgot to
    reduce".

    Parameters
    ----------
    answer : float
        The reader's answer.
    expected : float
        The right answer.
    name : str
        What the answer is called in messages.
    rtol, atol : float
        Tolerances, non-negative.
    n : int, optional
        The number of terms, to recognise "sum instead of mean" (factor
        :math:`n`).
    diagnoses : mapping of str to float, optional
        Known wrong answers and their messages.
    quiet : bool
        If false (default), print ``"<name>: correct."`` on success.

    Raises
    ------
    AnswerError
        If the answer is wrong.

    Examples
    --------
    >>> from l1l2.exercises import check_scalar_answer, AnswerError
    >>> check_scalar_answer(0.62, 0.62, name="mean L1")
    mean L1: correct.
    >>> try:
    ...     check_scalar_answer(3.1, 0.62, name="mean L1", n=5)
    ... except AnswerError as e:
    ...     print(e)
    mean L1: off by a factor of n = 5 (too large): you computed a sum where the mean was
    asked; divide by n (got 3.1, expected 0.62)
    """
    exp = as_float_array(expected, "expected")
    if exp.size != 1:
        raise ValueError(f"expected must be a single number, got shape {exp.shape}")
    check_array_answer(answer, exp.reshape(()), name=name, rtol=rtol, atol=atol, n=n,
                       diagnoses=diagnoses, quiet=quiet)
