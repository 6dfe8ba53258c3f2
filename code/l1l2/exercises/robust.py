r"""Checkers for the robustness exercises: Huber's location estimate, breakdown, units.

- :func:`check_huber_location`: a reader's ``huber_location(x, k)``,
  checked against :func:`l1l2.robust.huber_location`;
- :func:`check_median_breakdown` and :func:`check_beta_cm`: the two
  short-answer exercises of chapter 3 (how many values break a median; the
  smooth-L1 threshold in new units).
"""

from __future__ import annotations

import math

import numpy as np

from ._core import AnswerError, call_reader, check_callable, fmt, one_number, report_correct
from .answers import check_scalar_answer

__all__ = ["check_huber_location", "check_median_breakdown", "check_beta_cm"]


def _huber_location_cases():
    rng = np.random.default_rng(3)
    clean = rng.normal(2.0, 1.0, 25)
    return [
        (np.array([0.0, 1.0, 2.0, 3.0, 100.0]), 1.0),
        (np.concatenate([clean, [15.0, 18.0, 40.0]]), 1.345),
        (np.concatenate([clean, [15.0, 18.0, 40.0]]), 0.5),
        (np.concatenate([clean[:11], [-30.0, 25.0, 26.0]]), 2.0),
    ]



def _winsor(x, k, centre):
    return float(np.mean(np.clip(x, centre - k, centre + k)))


_HUBER_LOCATION_MISTAKES = [
    ("that is the mean: with psi(r) = r (no clipping) every point pulls in proportion to "
     "its residual. Clip the residuals to [-k, k].", lambda x, k: float(np.mean(x))),
    ("that is the median: the limit k -> 0. With a finite k the points within k of the "
     "estimate pull in proportion to their residual.", lambda x, k: float(np.median(x))),
    ("one winsorizing step around the median: mean(clip(x, m - k, m + k)) with m the "
     "median is only the first iteration; repeat with the new centre until it stops "
     "moving.", lambda x, k: _winsor(x, k, np.median(x))),
    ("one winsorizing step around the mean: the first iteration from the mean; repeat "
     "with the new centre until it stops moving.", lambda x, k: _winsor(x, k, np.mean(x))),
    ("a trimmed mean: you drop the points farther than k from the centre. Huber keeps "
     "them, each pulling with the constant force k (clip, do not drop).",
     lambda x, k: float(np.mean(x[np.abs(x - np.median(x)) <= k]))),
]


def _near(a, b) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def _huber_location_problem(a, expected, x, k, call) -> str:
    """Why the estimate ``a`` (not ``expected``) is wrong for the sample ``x``."""
    if not math.isfinite(a):
        return f"{call} gave {a}: a division by zero?"
    got = f"got {fmt(a)}, expected {fmt(expected)}"
    for text, wrong in _HUBER_LOCATION_MISTAKES:
        w = wrong(x, k)
        if _near(a, w) and not _near(w, expected):
            return f"{text} ({call}: {got})"
    score = fmt(float(np.clip(x - a, -k, k).sum()))
    if abs(a - expected) < 0.1 * k:  # within a tenth of the threshold
        return (f"close but not converged ({call}: {got}; the score sum "
                f"sum(clip(x - mu, -k, k)) is {score}, not 0). Iterate until the change is "
                "below 1e-10.")
    return f"{call}: {got}; at your value sum(clip(x - mu, -k, k)) = {score}, not 0."


def check_huber_location(fn, *, quiet=False):
    r"""Check a reader's ``huber_location(x, k)``, Huber's M-estimate of location.

    The estimate :math:`\hat\mu` solves
    :math:`\sum_i \operatorname{clip}(x_i - \hat\mu, -k, k) = 0` (scale 1),
    equivalently minimizes :math:`\sum_i \ell^{\mathrm H}_k(x_i - \mu)`; the
    reference is :func:`l1l2.robust.huber_location`. ``fn(x, k)`` must return
    one number and is called on four samples with outliers and ``k`` in
    {1, 1.345, 0.5, 2}; the answer must match to 1e-6. Diagnosed: the mean
    (no clipping), the median, one winsorizing step around the median or the
    mean instead of iterating to convergence, a trimmed mean that drops the far
    points instead of clipping them, a loop stopped too early, an array instead
    of a number, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(x, k) -> float``.
    quiet : bool
        If false (default), print ``"huber_location: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2 import robust
    >>> from l1l2.exercises import check_huber_location, AnswerError
    >>> check_huber_location(robust.huber_location)
    huber_location: correct.
    >>> try:
    ...     check_huber_location(lambda x, k: float(np.median(x)))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    that is the median
    """
    from ..robust import huber_location

    fn = check_callable(fn)
    for x, k in _huber_location_cases():
        call = f"huber_location(x, k={fmt(k)}) on a sample of {x.size} points"
        ans = call_reader(fn, (x, k), fname="huber_location", call=call,
                          modified="your function modified its input array x in place; "
                                   "work on a copy")
        if ans.size != 1:
            raise AnswerError(f"huber_location: {call} returned shape {ans.shape}; one "
                              "number (the estimate) was expected")
        a = float(ans.reshape(()))
        expected = huber_location(x, k)
        if not _near(a, expected):
            raise AnswerError(
                f"huber_location: {_huber_location_problem(a, expected, x, k, call)}")
    report_correct("huber_location", quiet)


def check_median_breakdown(m, *, quiet=False):
    r"""Check the answer to chapter 3's "Breaking a median" exercise.

    The question: a sample has :math:`n = 7` values; what is the smallest
    number :math:`m` of them that must be replaced to move the median
    arbitrarily far? The answer is 4, the smallest whole number above
    :math:`n/2`. Diagnosed: 3 (three replaced values leave four originals,
    and the 4th smallest is one of them), :math:`n/2 = 3.5` (not a count), a
    fraction such as 4/7 or 1/2 instead of a number of values, 1 (the mean's
    answer), 7 (all of them).

    Parameters
    ----------
    m : float
        The reader's answer.
    quiet : bool
        If false (default), print ``"m: correct."`` on success.

    Raises
    ------
    AnswerError
        If the answer is wrong, with the likely mistake.

    Examples
    --------
    >>> from l1l2.exercises import check_median_breakdown, AnswerError
    >>> check_median_breakdown(4)
    m: correct.
    >>> try:
    ...     check_median_breakdown(3)
    ... except AnswerError as e:
    ...     print(str(e).split(" (")[0])
    m: too few: 3 replaced values leave 4 originals, and the 4th smallest is still one of them
    """
    v = one_number(m, "m")
    if 0 < v < 1:
        raise AnswerError(f"m: a number of values was asked, not a fraction of the sample "
                          f"(got {fmt(v)}): how many of the 7 values must be replaced?")
    check_scalar_answer(v, 4, name="m", quiet=quiet, diagnoses={
        "too few: 3 replaced values leave 4 originals, and the 4th smallest is still one of "
        "them": 3,
        "n/2 = 3.5 is not a count: you replace whole values, so the smallest whole number "
        "of them that is more than half of 7": 3.5,
        "one replaced value is enough to move the mean, not the median": 1,
        "you need not replace all 7: the median moves once the replaced values are the "
        "majority": 7,
    })


def check_beta_cm(beta_cm, *, quiet=False):
    r"""Check the answer to chapter 3's "A threshold in new units" exercise.

    The question: smooth L1 with :math:`\beta = 0.5` works on a target in
    metres; which :math:`\beta` gives the same fitted model when the target is
    converted to centimetres? Residuals are multiplied by 100, so the
    threshold must be too: the answer is 50 (cm). Diagnosed: 0.5 (β left
    unchanged), 0.005 (divided by 100), 5000 (multiplied by
    :math:`100^2`, as if β were a squared length), 500 (millimetres), 100 and 25
    (the threshold doubled or halved), a non-positive value.

    Parameters
    ----------
    beta_cm : float
        The reader's answer, in centimetres.
    quiet : bool
        If false (default), print ``"beta_cm: correct."`` on success.

    Raises
    ------
    AnswerError
        If the answer is wrong, with the likely mistake.

    Examples
    --------
    >>> from l1l2.exercises import check_beta_cm, AnswerError
    >>> check_beta_cm(50.0)
    beta_cm: correct.
    >>> try:
    ...     check_beta_cm(0.5)
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    beta unchanged
    """
    v = one_number(beta_cm, "beta_cm")
    if v <= 0:
        raise AnswerError(f"beta_cm: a threshold is a positive length (got {fmt(v)})")
    check_scalar_answer(v, 50.0, name="beta_cm", quiet=quiet, diagnoses={
        "beta unchanged: beta has the units of the target, so a residual of r metres is "
        "100 r centimetres and the threshold must be converted with it": 0.5,
        "divided by 100: converting metres to centimetres multiplies every length by 100, "
        "beta included": 0.005,
        "multiplied by 100 squared: beta is compared with the residuals, which are lengths, "
        "not with the squared residuals": 5000.0,
        "that is 0.5 m in millimetres; a centimetre is 1/100 m": 500.0,
        "twice the right value: only the unit changes, the threshold is still half a "
        "metre": 100.0,
        "half the right value: only the unit changes, the threshold is still half a "
        "metre": 25.0,
    })

