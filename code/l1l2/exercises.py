r"""Answer checkers for the exercises: they say *what* is wrong, not just "incorrect".

A checker prints one short line such as ``huber: correct.`` when the answer is
right, and otherwise raises :class:`AnswerError`, a subclass of
:class:`AssertionError` (so pytest and nbval report it as a failure), whose
message names the likely mistake: a wrong shape, a sum where a mean was asked
(off by a factor of :math:`n`), a sign error, a forgotten :math:`\tfrac12`, a
norm where a squared norm was asked, a wrong value at a kink, a NaN, an input
array modified in place, and so on, with one concrete failing example.

Function checkers (:func:`check_huber_from_smooth_l1`,
:func:`check_smooth_l1_grad`, :func:`check_soft_threshold`) call the reader's
function on copies of fixed test arrays, with NumPy's floating-point warnings
silenced, and report if the function modified its input.

Misusing a checker itself (a negative tolerance, passing a value where a
function is expected) raises :class:`ValueError` naming the argument, as
everywhere in :mod:`l1l2`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping

import numpy as np

from ._validation import as_float_array, check_scalar

__all__ = [
    "AnswerError",
    "check_array_answer",
    "check_scalar_answer",
    "check_reduction_example",
    "check_huber_from_smooth_l1",
    "check_smooth_l1_grad",
    "check_soft_threshold",
    "check_clip_by_norm",
    "check_encode_box",
    "check_box_iou",
    "check_huber_location",
    "check_median_breakdown",
    "check_beta_cm",
    "check_cv_error",
    "check_ridge_svd",
    "check_prox_l1_step",
    "check_hard_threshold",
    "check_laplace_alpha",
]

_RTOL = 1e-5  # lenient enough for a float32 (or PyTorch) implementation
_ATOL = 1e-8


class AnswerError(AssertionError):
    """An exercise answer is wrong; the message says how."""


# --------------------------------------------------------------------------
# tiny reference formulas (cross-checked against l1l2.losses in the tests)
# --------------------------------------------------------------------------
def _smooth_l1(x, beta):
    ax = np.abs(x)
    if beta == 0:
        return ax
    return np.where(ax < beta, 0.5 * x * x / beta, ax - 0.5 * beta)


def _huber(x, delta):
    ax = np.abs(x)
    return np.where(ax <= delta, 0.5 * x * x, delta * (ax - 0.5 * delta))


def _smooth_l1_grad(x, beta):
    if beta == 0:
        return np.sign(x)
    return np.where(np.abs(x) < beta, x / beta, np.sign(x))


def _soft_threshold(x, t):
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def _fmt(v) -> str:
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return str(v)
    return f"{v:.6g}"


def _close(a, b, rtol, atol):
    return np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)


def _allclose(a, b, rtol, atol) -> bool:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.all(_close(a, b, rtol, atol)))


def _answer_array(answer, name: str) -> np.ndarray:
    """The reader's answer as a float64 array, or an AnswerError saying why not."""
    if answer is None:
        raise AnswerError(f"{name} is None: did your function forget to `return` its result?")
    if isinstance(answer, (str, bytes)):
        raise AnswerError(f"{name} is a string ({answer!r:.30}); a number or array of numbers "
                          "was expected")
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. NumPy's ragged-list deprecation
            arr = np.asarray(answer)
            if arr.dtype.kind not in "biuf":
                raise TypeError(f"dtype {arr.dtype}")
            return arr.astype(np.float64)
    except Exception as exc:  # anything the reader returned: say what it was
        raise AnswerError(f"{name} is not a number or an array of numbers "
                          f"(got {type(answer).__name__}: {type(exc).__name__}: "
                          f"{exc})") from None


def _shape_problem(ans: np.ndarray, exp: np.ndarray) -> str | None:
    if ans.shape == exp.shape or (exp.ndim == 0 and ans.size == 1):
        return None
    if exp.ndim == 0:
        return (f"wrong shape: a single number was expected, got an array of shape {ans.shape}. "
                "Did you forget to reduce (sum or mean) over the elements?")
    if ans.size == 1:
        return (f"wrong shape: one value per element (shape {exp.shape}) was expected, got a "
                "single number. Did you reduce (sum or mean) where the result should be "
                "elementwise (reduction='none')?")
    if ans.ndim == 2 and ans.shape == exp.shape[::-1]:
        return f"wrong shape: got {ans.shape}, expected {exp.shape}. Is it transposed?"
    if ans.size == exp.size:
        return (f"wrong shape: got {ans.shape}, expected {exp.shape} (the same number of "
                "values, arranged differently)")
    return f"wrong shape: got {ans.shape}, expected {exp.shape}"


def _nonfinite_problem(ans, exp) -> str | None:
    bad = ~np.isfinite(ans) & np.isfinite(exp)
    if not bad.any():
        return None
    i = np.flatnonzero(bad)[0]
    v = ans.ravel()[i]
    what = "NaN" if math.isnan(v) else "an infinity"
    where = f" at index {np.unravel_index(i, ans.shape)}" if ans.ndim else ""
    return (f"contains {what}{where} where a finite value ({_fmt(exp.ravel()[i])}) was "
            "expected: a division by zero, 0/0, or the log or square root of a negative?")


def _ratio_problem(ans, exp, rtol, atol, n=None) -> str | None:
    """Sign errors, constant factors (2, n), squares and square roots."""
    a, e = ans.ravel(), exp.ravel()
    nz = np.abs(e) > atol
    if not nz.any():
        return None
    if np.all(_close(a, -e, rtol, atol)):
        return "sign error: your answer is exactly the negative of the expected one"
    if np.all(_close(a[~nz], 0.0, rtol, atol)):
        r = a[nz] / e[nz]
        r0 = float(np.median(r))
        if r0 != 0 and np.all(np.isclose(r, r0, rtol=max(rtol, 1e-9), atol=0)):
            return _factor_message(r0, n)
    if np.all(e >= 0) and np.all(_close(a, e * e, rtol, atol)):
        return ("your answer is the square of the expected one: a squared norm where the "
                "norm (with its square root) was asked?")
    if np.all(a >= 0) and np.all(e >= 0) and np.all(_close(a * a, e, rtol, atol)):
        return ("your answer is the square root of the expected one: the norm "
                "sqrt(sum of squares) where the squared norm (no root) was asked?")
    return None


def _factor_message(r, n=None) -> str:
    def near(a, b):
        return math.isclose(a, b, rel_tol=1e-6)

    if n is not None and n > 1:
        if near(r, n):
            return (f"off by a factor of n = {n} (too large): you computed a sum where the "
                    "mean was asked; divide by n")
        if near(r, 1.0 / n):
            return (f"off by a factor of n = {n} (too small): you computed a mean where the "
                    "sum was asked; do not divide by n")
        if near(r, n / 2):
            return (f"off by a factor of n/2 = {_fmt(n / 2)}: a sum instead of a mean, and "
                    "a ½ too many or too few")
        if near(r, 2.0 / n):
            return (f"off by a factor of 2/n = {_fmt(2 / n)}: a mean instead of a sum, and "
                    "a ½ too many or too few")
    if near(r, 2.0):
        return ("off by a factor of 2 (too large): a missing ½? For example ½x² has "
                "derivative x, not 2x")
    if near(r, 0.5):
        return "off by a factor of 2 (too small): an extra ½?"
    if r < 0:
        return (f"sign error and off by a constant factor: your answer is {_fmt(r)} times the "
                "expected one")
    return f"off by a constant factor: your answer is {_fmt(r)} times the expected one"


def _first_mismatch(ans, exp, rtol, atol) -> str:
    bad = ~_close(ans, exp, rtol, atol)
    k = int(bad.sum())
    i = np.flatnonzero(bad)[0]
    if ans.ndim == 0:
        return f"got {_fmt(ans)}, expected {_fmt(exp)}"
    idx = np.unravel_index(i, ans.shape)
    return (f"wrong at {k} of {ans.size} entries; first at index {tuple(int(j) for j in idx)}: "
            f"got {_fmt(ans.ravel()[i])}, expected {_fmt(exp.ravel()[i])}")


def _diagnose_values(ans, exp, *, rtol, atol, n=None, diagnoses=None) -> str | None:
    """None if correct, else the message (without the name prefix)."""
    # ratios and squares of extreme answers overflow: that only means "no match"
    with np.errstate(all="ignore"):
        return _diagnose(ans, exp, rtol=rtol, atol=atol, n=n, diagnoses=diagnoses)


def _diagnose(ans, exp, *, rtol, atol, n=None, diagnoses=None) -> str | None:
    if ans.shape != exp.shape:
        ans = ans.reshape(exp.shape)  # only size-1 answers to scalars get here
    if np.all(_close(ans, exp, rtol, atol)):
        return None
    msg = _nonfinite_problem(ans, exp)
    if msg:
        return msg
    for text, wrong in (diagnoses or {}).items():
        w = np.asarray(wrong, dtype=np.float64)
        if w.shape == exp.shape and _allclose(ans, w, rtol, atol) \
                and not _allclose(w, exp, rtol, atol):
            return f"{text} ({_first_mismatch(ans, exp, rtol, atol)})"
    msg = _ratio_problem(ans, exp, rtol, atol, n)
    if msg:
        return f"{msg} ({_first_mismatch(ans, exp, rtol, atol)})"
    return _first_mismatch(ans, exp, rtol, atol)


def _check_tolerances(rtol, atol):
    rtol = check_scalar(rtol, "rtol", low=0.0)
    atol = check_scalar(atol, "atol", low=0.0)
    if not (math.isfinite(rtol) and math.isfinite(atol)):
        raise ValueError("rtol and atol must be finite")
    return rtol, atol


def _check_name(name):
    if not isinstance(name, str):
        raise ValueError(f"name must be a string, got {type(name).__name__}")
    return name


def _check_n(n):
    if n is None:
        return None
    return check_scalar(n, "n", low=1, integer=True)


def _check_diagnoses(diagnoses):
    if diagnoses is None:
        return {}
    if not isinstance(diagnoses, Mapping):
        raise ValueError("diagnoses must be a mapping {message: wrong_value}, got "
                         f"{type(diagnoses).__name__}")
    out = {}
    for k, v in diagnoses.items():
        if not isinstance(k, str):
            raise ValueError(f"diagnoses keys must be message strings, got {k!r:.30}")
        out[k] = as_float_array(v, f"diagnoses[{k!r:.30}]")
    return out


def _ok(name, quiet):
    if not quiet:
        print(f"{name}: correct.")


# --------------------------------------------------------------------------
# generic checkers
# --------------------------------------------------------------------------
def check_array_answer(answer, expected, *, name="answer", rtol=_RTOL, atol=_ATOL, n=None,
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
    name = _check_name(name)
    rtol, atol = _check_tolerances(rtol, atol)
    n = _check_n(n)
    diagnoses = _check_diagnoses(diagnoses)
    exp = as_float_array(expected, "expected").astype(np.float64)
    ans = _answer_array(answer, name)
    msg = _shape_problem(ans, exp)
    if msg is None:
        msg = _diagnose_values(ans, exp, rtol=rtol, atol=atol, n=n, diagnoses=diagnoses)
    if msg:
        raise AnswerError(f"{name}: {msg}")
    _ok(name, quiet)


def check_scalar_answer(answer, expected, *, name="answer", rtol=_RTOL, atol=_ATOL, n=None,
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


# --------------------------------------------------------------------------
# the reductions example (claim C6)
# --------------------------------------------------------------------------
_C6_INPUT = (0.1, 0.2, 0.3, 0.4, 0.5)
_C6_TARGET = (1.0, 1.0, 0.0, 1.0, 1.0)


def check_reduction_example(l1_sum, l2_sum, l1_mean, l2_mean, *, input=_C6_INPUT,
                            target=_C6_TARGET, quiet=False):
    r"""Check the four reductions of the L1 and L2 losses on a small example.

    With residuals :math:`r = \hat y - y` over :math:`n` elements:

    .. math::

        \text{L1 sum} = \sum_i |r_i|,\quad
        \text{L2 sum} = \sum_i r_i^2,\quad
        \text{L1 mean} = \tfrac1n\sum_i |r_i|,\quad
        \text{L2 mean} = \tfrac1n\sum_i r_i^2 .

    These are PyTorch's ``l1_loss`` and ``mse_loss`` with
    ``reduction="sum"`` and ``"mean"``. The default data are the articles'
    example (claim C6): ``input = [.1, .2, .3, .4, .5]``, ``target = [1, 1, 0,
    1, 1]``, whose sums are 3.1 and 2.15. All four answers are checked, and
    every wrong one is reported (sum/mean swapped, a ½ too many, the norm
    :math:`\|r\|_2` instead of the squared norm, squares instead of absolute
    values, a missing absolute value, ...).

    Parameters
    ----------
    l1_sum, l2_sum, l1_mean, l2_mean : float
        The reader's four numbers.
    input, target : array_like, optional
        Predictions :math:`\hat y` and targets :math:`y`, same shape,
        non-empty, finite.
    quiet : bool
        If false (default), print one line on success.

    Raises
    ------
    AnswerError
        If any of the four is wrong; the message lists each wrong one.

    Examples
    --------
    >>> from l1l2.exercises import check_reduction_example, AnswerError
    >>> check_reduction_example(3.1, 2.15, 0.62, 0.43)
    reductions: correct.
    >>> try:
    ...     check_reduction_example(3.1, 2.15 ** 0.5, 0.62, 0.43)
    ... except AnswerError as e:
    ...     print(e)
    reductions: 1 of 4 wrong.
      l2_sum: that is the norm ||r||_2 (with a square root); the L2 loss is the sum of
      squares, with no root (got 1.46629, expected 2.15)
    """
    yhat = as_float_array(input, "input", finite=True, allow_empty=False).astype(np.float64)
    y = as_float_array(target, "target", finite=True, allow_empty=False).astype(np.float64)
    if yhat.shape != y.shape:
        raise ValueError(f"input and target must have the same shape, got {yhat.shape} "
                         f"and {y.shape}")
    with np.errstate(all="ignore"):
        r = (yhat - y).ravel()
        n = r.size
        a, s = np.abs(r), r * r
        sums = {"l1": a.sum(), "l2": s.sum()}
        square_of_sum = r.sum() ** 2
    if not (np.all(np.isfinite(r)) and math.isfinite(sums["l2"])
            and math.isfinite(square_of_sum)):
        raise ValueError("input and target: the squared errors overflow; use values of "
                         "moderate size")
    norm2 = math.sqrt(sums["l2"])
    expected = {"l1_sum": sums["l1"], "l2_sum": sums["l2"],
                "l1_mean": sums["l1"] / n, "l2_mean": sums["l2"] / n}
    wrong = {
        "l1_sum": {
            "that is the sum of squared errors (L2), not of absolute errors (L1)": sums["l2"],
            "missing absolute value: positive and negative errors cancel in the sum":
                r.sum(),
        },
        "l2_sum": {
            "that is the sum of absolute errors (L1), not of squared errors (L2)": sums["l1"],
            "that is the square of the sum, not the sum of the squares": square_of_sum,
            "that is the norm ||r||_2 (with a square root); the L2 loss is the sum of "
            "squares, with no root": norm2,
        },
        "l1_mean": {
            "that is the mean of squared errors (L2), not of absolute errors (L1)":
                sums["l2"] / n,
            "missing absolute value: positive and negative errors cancel in the mean":
                r.mean(),
        },
        "l2_mean": {
            "that is the mean of absolute errors (L1), not of squared errors (L2)":
                sums["l1"] / n,
            "that is the root mean squared error (RMSE); the MSE has no square root":
                math.sqrt(sums["l2"] / n),
            "that is the norm ||r||_2 divided by n; the MSE is the mean of the squares":
                norm2 / n,
        },
    }
    problems = []
    answers = {"l1_sum": l1_sum, "l2_sum": l2_sum, "l1_mean": l1_mean, "l2_mean": l2_mean}
    for key, ans in answers.items():
        try:
            check_scalar_answer(ans, expected[key], name=key, n=n, diagnoses=wrong[key],
                                quiet=True)
        except AnswerError as exc:
            problems.append(str(exc))
    if problems:
        body = "\n".join("  " + p for p in problems)
        raise AnswerError(f"reductions: {len(problems)} of 4 wrong.\n{body}")
    _ok("reductions", quiet)


# --------------------------------------------------------------------------
# function checkers
# --------------------------------------------------------------------------
def _check_callable(fn):
    if not callable(fn):
        raise ValueError(f"fn must be a function (pass the function itself, e.g. `huber`, not "
                         f"the result of calling it), got {type(fn).__name__}")
    return fn


def _call(fn, fname, pname, x, p):
    """Call fn(x_copy, p); check it returns an array of x's shape and leaves x alone."""
    xc = x.copy()
    call = f"{fname}(x, {pname}={_fmt(p)})"
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            out = fn(xc, p)
    except Exception as exc:  # the reader's code failed: say how and where
        raise AnswerError(f"{fname}: {call} raised {type(exc).__name__}: {exc}") from exc
    if not np.array_equal(xc, x, equal_nan=True):
        raise AnswerError(f"{fname}: your function modified its input array x in place (for "
                          "example with x[...] = ..., x *= ... or np.abs(x, out=x)); work on a "
                          "copy or write expressions that create new arrays")
    ans = _answer_array(out, f"{fname}: the result of {call}")
    if ans.shape != x.shape:
        if ans.size == 1 and x.size > 1:
            raise AnswerError(f"{fname}: {call} returned a single number for an input of shape "
                              f"{x.shape}: the result must be elementwise, one value per "
                              "element (no sum or mean; reduction='none')")
        raise AnswerError(f"{fname}: {call} returned shape {ans.shape} for an input of shape "
                          f"{x.shape}: the result must have the input's shape")
    return ans


def _param_grid(x_base, params):
    """Test inputs: a base grid plus the kinks +-p, with each parameter."""
    cases = []
    for p in params:
        x = np.unique(np.concatenate([x_base, [p, -p]])) if p > 0 else x_base.copy()
        cases.append((x, float(p)))
    return cases


def _check_function(fn, *, fname, pname, cases, reference, candidates, kink=None,
                    kink_message="", nan_hint="", quiet=False, rtol=_RTOL, atol=_ATOL):
    fn = _check_callable(fn)
    answers = [_call(fn, fname, pname, x, p) for x, p in cases]
    expected = [np.asarray(reference(x, p), dtype=np.float64) for x, p in cases]
    ok = [_close(a, e, rtol, atol) for a, e in zip(answers, expected, strict=True)]
    if all(o.all() for o in ok):
        _ok(fname, quiet)
        return
    # one concrete failing example
    c = next(i for i, o in enumerate(ok) if not o.all())
    j = np.flatnonzero(~ok[c].ravel())[0]
    xv, pv = cases[c][0].ravel()[j], cases[c][1]
    example = (f"For example, {fname}(x={_fmt(xv)}, {pname}={_fmt(pv)}) returned "
               f"{_fmt(answers[c].ravel()[j])}; expected {_fmt(expected[c].ravel()[j])}.")

    def fail(msg):
        raise AnswerError(f"{fname}: {msg} {example}")

    # 1. a known mistake that matches on every test case
    with np.errstate(all="ignore"):
        for text, wrong in candidates:
            if all(_allclose(a, wrong(x, p), rtol, atol) for (x, p), a in
                   zip(cases, answers, strict=True)):
                fail(text)
    # 2. NaN or infinity where the answer is finite
    for (x, p), a, e in zip(cases, answers, expected, strict=True):
        bad = ~np.isfinite(a) & np.isfinite(e)
        if bad.any():
            i = np.flatnonzero(bad.ravel())[0]
            what = "NaN" if np.isnan(a.ravel()[i]) else "an infinity"
            fail(f"returns {what} at x = {_fmt(x.ravel()[i])} with {pname} = {_fmt(p)}. "
                 f"{nan_hint}".rstrip())
    # 3. wrong only at kinks
    if kink is not None:
        only_kinks = all(np.all(o | kink(x, p)) for (x, p), o in zip(cases, ok, strict=True))
        if only_kinks:
            fail(kink_message)
    # 4. a factor that depends on the parameter
    ratios = []
    for a, e in zip(answers, expected, strict=True):
        nz = np.abs(e) > atol
        if not nz.any() or not np.all(np.isclose(a[~nz], 0.0, atol=atol)):
            ratios = None
            break
        r = a[nz] / e[nz]
        if not np.allclose(r, r[0], rtol=1e-6, atol=0):
            ratios = None
            break
        ratios.append(float(r[0]))
    ps = [p for _, p in cases]

    def per_param(f):
        return all(math.isclose(r, f(p), rel_tol=1e-6) if p > 0 else math.isclose(r, 1.0)
                   for r, p in zip(ratios, ps, strict=True))

    if ratios:
        if per_param(lambda p: 1.0 / p):
            fail(f"your answer is too small by a factor of {pname} (it is right only for "
                 f"{pname} = 1): a missing factor {pname}?")
        if per_param(lambda p: p):
            fail(f"your answer is too large by a factor of {pname} (it is right only for "
                 f"{pname} = 1): an extra factor {pname}?")
        if all(math.isclose(r, -1.0, rel_tol=1e-6) for r in ratios):
            fail("sign error: your answer is the negative of the expected one.")
        if all(math.isclose(r, ratios[0], rel_tol=1e-6) for r in ratios):
            fail(_factor_message(ratios[0]) + ".")
    # 5. a constant offset
    diffs = np.concatenate([(a - e).ravel() for a, e in zip(answers, expected, strict=True)])
    if np.allclose(diffs, diffs[0], rtol=0, atol=max(atol, rtol * abs(diffs[0]))):
        fail(f"off by a constant {_fmt(diffs[0])} everywhere: an additive term too many?")
    # 6. right for some parameter values only
    good = sorted({p for p, o in zip(ps, ok, strict=True) if o.all()})
    bad_p = sorted({p for p, o in zip(ps, ok, strict=True) if not o.all()})
    if good:
        fail(f"right for {pname} = {', '.join(_fmt(p) for p in good)} but wrong for "
             f"{pname} = {', '.join(_fmt(p) for p in bad_p)}: check where {pname} enters "
             "your formula.")
    n_bad = sum(int((~o).sum()) for o in ok)
    n_all = sum(o.size for o in ok)
    fail(f"wrong values at {n_bad} of {n_all} test points.")


def check_huber_from_smooth_l1(fn, *, quiet=False):
    r"""Check a reader's ``huber(x, delta)`` written with smooth L1.

    The identity to use is

    .. math::

        \text{huber}_\delta(x) = \delta\cdot\text{smooth\_l1}_{\beta=\delta}(x),

    where :math:`\text{huber}_\delta(x) = \tfrac12 x^2` for :math:`|x|\le\delta`,
    else :math:`\delta(|x| - \tfrac12\delta)`, and
    :math:`\text{smooth\_l1}_\beta(x) = \tfrac12 x^2/\beta` for :math:`|x|<\beta`,
    else :math:`|x| - \tfrac12\beta`. ``fn(x, delta)`` must be elementwise
    (return an array of ``x``'s shape) and is called with ``delta`` in
    {1, 0.5, 2, 3}, on points that include the kinks :math:`\pm\delta` and a
    2-D input. Diagnosed: the missing factor :math:`\delta`, ``beta`` left at
    its default 1, ``beta = 1/delta``, a factor :math:`\delta` too many, a
    missing ½, a reduced (scalar) result, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(x, delta) -> ndarray``.
    quiet : bool
        If false (default), print ``"huber: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_huber_from_smooth_l1, AnswerError
    >>> def sl1(x, beta):
    ...     return np.where(np.abs(x) < beta, 0.5 * x**2 / beta, np.abs(x) - 0.5 * beta)
    >>> check_huber_from_smooth_l1(lambda x, delta: delta * sl1(x, delta))
    huber: correct.
    >>> try:
    ...     check_huber_from_smooth_l1(lambda x, delta: sl1(x, delta))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    missing factor delta
    """
    x = np.array([-5.0, -2.5, -1.2, -0.7, -0.3, -0.05, 0.0, 0.05, 0.3, 0.7, 1.2, 2.5, 5.0])
    cases = _param_grid(x, [1.0, 0.5, 2.0, 3.0])
    cases.append((np.array([[-3.0, -0.2, 0.0], [0.4, 1.0, 4.0]]), 2.0))
    candidates = [
        ("missing factor delta: huber(x, delta) = delta * smooth_l1(x, beta=delta), and your "
         "function returns smooth_l1(x, beta=delta), which is huber / delta.",
         lambda x, d: _smooth_l1(x, d)),
        ("beta left at its default 1: call smooth_l1 with beta=delta (and multiply by delta).",
         lambda x, d: d * _smooth_l1(x, 1.0)),
        ("your function ignores delta: it is smooth_l1 with beta=1 for every delta. Use "
         "delta * smooth_l1(x, beta=delta).",
         lambda x, d: _smooth_l1(x, 1.0)),
        ("beta = 1/delta: the transition point of huber is |x| = delta, so beta = delta.",
         lambda x, d: d * _smooth_l1(x, 1.0 / d)),
        ("a factor delta too many: delta**2 * smooth_l1(x, beta=delta); one factor delta "
         "is enough.", lambda x, d: d * d * _smooth_l1(x, d)),
        ("divided by delta instead of multiplying: huber = delta * smooth_l1(x, beta=delta).",
         lambda x, d: _smooth_l1(x, d) / d),
        ("missing ½ in the quadratic part (factor 2): huber is 0.5 * x**2 for |x| <= delta.",
         lambda x, d: np.where(np.abs(x) <= d, x * x, d * (np.abs(x) - 0.5 * d))),
    ]
    _check_function(fn, fname="huber", pname="delta", cases=cases, reference=_huber,
                    candidates=candidates, quiet=quiet)


def check_smooth_l1_grad(fn, *, quiet=False):
    r"""Check a reader's ``smooth_l1_grad(x, beta)``, the derivative of smooth L1.

    .. math::

        \frac{d}{dx}\,\text{smooth\_l1}_\beta(x) =
        \begin{cases} x/\beta & |x| < \beta \\ \operatorname{sign}(x) & |x| \ge \beta
        \end{cases}

    elementwise in the residual :math:`x` (``reduction="none"``). For
    :math:`\beta = 0` (plain L1) it is :math:`\operatorname{sign}(x)`, with the
    value 0 at the kink :math:`x = 0`, as PyTorch's autograd returns
    (``np.sign(0) == 0``). Called with ``beta`` in {1, 0.5, 2, 0}.
    Diagnosed: sign errors, a missing or misplaced :math:`1/\beta`, no
    saturation at :math:`\pm1`, a factor 2, the L1 gradient for every beta,
    the loss instead of its gradient, NaN from dividing by
    :math:`\beta = 0`, a wrong value at the kink.

    Parameters
    ----------
    fn : callable
        ``fn(x, beta) -> ndarray``.
    quiet : bool
        If false (default), print ``"smooth_l1_grad: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_smooth_l1_grad, AnswerError
    >>> def good(x, beta):
    ...     if beta == 0:
    ...         return np.sign(x)
    ...     return np.where(np.abs(x) < beta, x / beta, np.sign(x))
    >>> check_smooth_l1_grad(good)
    smooth_l1_grad: correct.
    >>> try:
    ...     check_smooth_l1_grad(lambda x, beta: -good(x, beta))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    sign error
    """
    x = np.array([-4.0, -1.7, -1.0, -0.6, -0.25, -1e-3, 0.0, 1e-3, 0.25, 0.6, 1.0, 1.7, 4.0])
    cases = _param_grid(x, [1.0, 0.5, 2.0, 0.0])
    cases.append((np.array([[-3.0, -0.2, 0.0], [0.4, 1.0, 4.0]]), 2.0))

    candidates = [
        ("sign error: the gradient points uphill, it has the sign of x (the loss grows "
         "away from 0).", lambda x, b: -_smooth_l1_grad(x, b)),
        ("forgot to divide by beta inside |x| < beta: d/dx (0.5 x**2 / beta) = x / beta.",
         lambda x, b: np.where(np.abs(x) < b, x, np.sign(x))),
        ("multiplied by beta instead of dividing: inside |x| < beta the gradient is x / beta.",
         lambda x, b: np.where(np.abs(x) < b, x * b, np.sign(x))),
        ("no saturation: for |x| >= beta the loss is |x| - 0.5*beta, whose derivative is "
         "sign(x), i.e. +1 or -1, not x / beta.",
         lambda x, b: x / b),
        ("factor 2 inside |x| < beta: d/dx (0.5 x**2 / beta) = x / beta, not 2x / beta.",
         lambda x, b: np.where(np.abs(x) < b, 2 * x / b, np.sign(x))),
        ("that is the L1 gradient sign(x) for every beta; inside |x| < beta the gradient "
         "of smooth L1 is x / beta.", lambda x, b: np.sign(x)),
        ("that is the loss smooth_l1 itself, not its derivative.",
         lambda x, b: _smooth_l1(x, b)),
    ]
    _check_function(
        fn, fname="smooth_l1_grad", pname="beta", cases=cases, reference=_smooth_l1_grad,
        candidates=candidates, kink=lambda x, b: (x == 0) if b == 0 else np.zeros(x.shape, bool),
        kink_message=("wrong value at the kink x = 0 for beta = 0 (plain L1): PyTorch's "
                      "autograd, and l1l2, return 0 there (np.sign(0) == 0), a valid "
                      "subgradient."),
        nan_hint=("x / beta divides by zero for beta = 0 (smooth L1 is then plain L1 and its "
                  "gradient is sign(x)); handle beta = 0 separately."),
        quiet=quiet)


def check_soft_threshold(fn, *, quiet=False):
    r"""Check a reader's ``soft_threshold(x, t)``.

    .. math::

        S_t(x) = \operatorname{sign}(x)\,\max(|x| - t,\ 0),

    the proximal operator of :math:`t\|\cdot\|_1`, elementwise, for
    :math:`t \ge 0`. Called with ``t`` in {1, 0.5, 0, 2.5}. Diagnosed: hard
    thresholding, a lost sign, only the positive side handled, no clipping at
    zero, a threshold of :math:`2t` or :math:`t/2` (factor 2), clipping to
    :math:`[-t, t]` instead, proportional (ridge) shrinkage, an input modified
    in place.

    Parameters
    ----------
    fn : callable
        ``fn(x, t) -> ndarray``.
    quiet : bool
        If false (default), print ``"soft_threshold: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_soft_threshold, AnswerError
    >>> check_soft_threshold(lambda x, t: np.sign(x) * np.maximum(np.abs(x) - t, 0))
    soft_threshold: correct.
    >>> try:
    ...     check_soft_threshold(lambda x, t: np.where(np.abs(x) > t, x, 0.0))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    hard thresholding
    """
    x = np.array([-4.0, -2.6, -1.5, -1.0, -0.7, -0.3, 0.0, 0.3, 0.7, 1.0, 1.5, 2.6, 4.0])
    cases = _param_grid(x, [1.0, 0.5, 0.0, 2.5])
    cases.append((np.array([[-3.0, -0.2, 0.0], [0.4, 1.0, 4.0]]), 0.5))
    candidates = [
        ("hard thresholding: you keep x unchanged where |x| > t. Soft thresholding also "
         "shrinks the survivors towards 0 by t.",
         lambda x, t: np.where(np.abs(x) > t, x, 0.0)),
        ("lost the sign: negative inputs must give negative (or zero) outputs; multiply "
         "max(|x| - t, 0) by sign(x).", lambda x, t: np.maximum(np.abs(x) - t, 0.0)),
        ("only the positive side: max(x - t, 0) sends every x < t to 0; for x < -t the "
         "result is x + t.", lambda x, t: np.maximum(x - t, 0.0)),
        ("no clipping at zero: x - t*sign(x) crosses to the other side for |x| < t; the "
         "result there must be exactly 0.", lambda x, t: x - t * np.sign(x)),
        ("subtracts t from every x: shrink towards 0 instead, sign(x) * max(|x| - t, 0).",
         lambda x, t: x - t),
        ("threshold 2t instead of t (factor 2): the prox of t*|w| shrinks by t; a 2t "
         "comes from mixing up the 1/2 in (1/2)(w - x)**2.",
         lambda x, t: _soft_threshold(x, 2 * t)),
        ("threshold t/2 instead of t (factor 2): the prox of t*|w| shrinks by t.",
         lambda x, t: _soft_threshold(x, t / 2)),
        ("that is clipping to [-t, t] (the projection onto the box |w| <= t). Soft "
         "thresholding is the remainder, x - clip(x, -t, t).", lambda x, t: np.clip(x, -t, t)),
        ("that is proportional shrinkage x / (1 + t), the prox of the ridge penalty "
         "(t/2)*w**2; soft thresholding subtracts t and clips at 0.",
         lambda x, t: x / (1.0 + t)),
    ]
    _check_function(fn, fname="soft_threshold", pname="t", cases=cases,
                    reference=_soft_threshold, candidates=candidates, quiet=quiet)



# --------------------------------------------------------------------------
# chapter 4: bounding boxes
# --------------------------------------------------------------------------
def _ref_encode(box, anchor, weights):
    from .boxes import encode_boxes

    return encode_boxes(box, anchor, weights=weights)


def _ref_iou(a, b):
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


def _check_cases(fn, *, fname, cases, reference, candidates, quiet, rtol=_RTOL, atol=_ATOL):
    """Call fn(*case) on copies of each case; compare; name a known mistake if one fits."""
    fn = _check_callable(fn)
    answers = []
    for case in cases:
        copies = [np.array(c, dtype=float) if isinstance(c, np.ndarray) else c for c in case]
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                out = fn(*copies)
        except Exception as exc:  # the reader's code failed: say how
            raise AnswerError(f"{fname}: calling it on {_show(case)} raised "
                              f"{type(exc).__name__}: {exc}") from exc
        for c, orig in zip(copies, case, strict=True):
            if isinstance(orig, np.ndarray) and not np.array_equal(c, orig):
                raise AnswerError(f"{fname}: your function modified an input array in place; "
                                  "work on copies")
        answers.append(_answer_array(out, f"{fname}: the result for {_show(case)}"))
    expected = [np.asarray(reference(*case), dtype=np.float64) for case in cases]
    bad = [i for i, (a, e) in enumerate(zip(answers, expected, strict=True))
           if not _allclose(a, e, rtol, atol)]
    if not bad:
        _ok(fname, quiet)
        return
    i = bad[0]
    example = (f"For example, for {_show(cases[i])} you returned "
               f"{np.array2string(answers[i], precision=4)}; expected "
               f"{np.array2string(expected[i], precision=4)}.")
    if answers[i].shape != expected[i].shape:
        raise AnswerError(f"{fname}: wrong shape {answers[i].shape}, expected "
                          f"{expected[i].shape}. {example}")
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for text, wrong in candidates:
            if all(_allclose(a, wrong(*case), rtol, atol)
                   for case, a in zip(cases, answers, strict=True)):
                raise AnswerError(f"{fname}: {text} {example}")
    raise AnswerError(f"{fname}: wrong for {len(bad)} of {len(cases)} test cases. {example}")


def _show(case) -> str:
    return ", ".join(np.array2string(np.asarray(c), precision=4) if isinstance(c, np.ndarray)
                     else repr(c) for c in case)


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
    _check_cases(fn, fname="encode_box", cases=cases, reference=_ref_encode,
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
    _check_cases(fn, fname="iou", cases=cases, reference=_ref_iou, candidates=candidates,
                 quiet=quiet)


# --------------------------------------------------------------------------
# chapter 2: gradient clipping
# --------------------------------------------------------------------------
def _clip_by_norm(g, m):
    norm = float(np.sqrt(np.sum(np.square(g))))
    return g * min(1.0, m / (norm + 1e-6))


def check_clip_by_norm(fn, *, quiet=False):
    r"""Check a reader's ``clip_by_norm(g, max_norm)``, gradient clipping by the norm.

    .. math::

        \operatorname{clip}(g) = g\cdot\min\Bigl(1,\ \frac{\text{max\_norm}}{\lVert g\rVert_2}\Bigr)

    (PyTorch's ``clip_grad_norm_`` adds :math:`10^{-6}` to the norm; both
    versions are accepted.) The direction of ``g`` is kept, only a gradient
    longer than ``max_norm`` is shortened, to length ``max_norm``. Called on
    vectors longer and shorter than ``max_norm`` in {1, 0.5, 3}, a zero vector
    and a 2-D array (whose norm is over all entries). Diagnosed: clipping each
    entry to :math:`[-m, m]` (clipping by value), rescaling short gradients up
    to length :math:`m`, dividing by the squared norm, forgetting the factor
    :math:`m`, returning the gradient unchanged, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(g, max_norm) -> ndarray`` of ``g``'s shape.
    quiet : bool
        If false (default), print ``"clip_by_norm: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_clip_by_norm, AnswerError
    >>> def clip(g, m):
    ...     return g * min(1.0, m / np.linalg.norm(g)) if np.any(g) else g.copy()
    >>> check_clip_by_norm(clip)
    clip_by_norm: correct.
    >>> try:
    ...     check_clip_by_norm(lambda g, m: np.clip(g, -m, m))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    clipping by value
    """
    cases = [
        (np.array([3.0, -4.0]), 1.0),
        (np.array([0.3, 0.4]), 1.0),
        (np.array([12.0, -0.5, 0.2, 9.0]), 0.5),
        (np.array([0.1, -0.2, 0.05, 0.0]), 0.5),
        (np.array([2.0, 2.0, -1.0]), 3.0),
        (np.zeros(3), 1.0),
        (np.array([[30.0, 0.0], [0.0, -40.0]]), 3.0),
    ]

    def unit(g, m):
        return g * (m / np.sqrt(np.sum(np.square(g))))

    candidates = [
        ("clipping by value: np.clip(g, -max_norm, max_norm) caps each entry and changes "
         "the direction; clip the norm: multiply the whole g by max_norm / ||g||.",
         lambda g, m: np.clip(g, -m, m)),
        ("a gradient shorter than max_norm must stay unchanged; you rescaled every "
         "gradient to length max_norm (use min(1, max_norm / ||g||)).", unit),
        ("divided by the squared norm: the factor is max_norm / ||g||, with the norm "
         "itself (np.linalg.norm or the square root of the sum of squares).",
         lambda g, m: g * min(1.0, m / max(np.sum(np.square(g)), 1e-300))),
        ("forgot the factor max_norm: g / ||g|| has length 1, not max_norm.",
         lambda g, m: g * min(1.0, 1.0 / max(np.sqrt(np.sum(np.square(g))), 1e-300))),
        ("your function returns g unchanged: long gradients must be shortened to max_norm.",
         lambda g, m: g.copy()),
    ]
    _check_function(
        fn, fname="clip_by_norm", pname="max_norm", cases=cases, reference=_clip_by_norm,
        candidates=candidates,
        nan_hint=("Dividing by the norm of a zero gradient gives 0/0: a zero gradient is "
                  "short, leave it unchanged (or add a tiny number to the norm)."),
        quiet=quiet)


# --------------------------------------------------------------------------
# chapter 3: Huber's M-estimate of location
# --------------------------------------------------------------------------
def _huber_location_cases():
    rng = np.random.default_rng(3)
    clean = rng.normal(2.0, 1.0, 25)
    return [
        (np.array([0.0, 1.0, 2.0, 3.0, 100.0]), 1.0),
        (np.concatenate([clean, [15.0, 18.0, 40.0]]), 1.345),
        (np.concatenate([clean, [15.0, 18.0, 40.0]]), 0.5),
        (np.concatenate([clean[:11], [-30.0, 25.0, 26.0]]), 2.0),
    ]


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
    from .robust import huber_location

    fn = _check_callable(fn)

    def winsor(x, k, centre):
        return float(np.mean(np.clip(x, centre - k, centre + k)))

    candidates = [
        ("that is the mean: with psi(r) = r (no clipping) every point pulls in proportion to "
         "its residual. Clip the residuals to [-k, k].", lambda x, k: float(np.mean(x))),
        ("that is the median: the limit k -> 0. With a finite k the points within k of the "
         "estimate pull in proportion to their residual.", lambda x, k: float(np.median(x))),
        ("one winsorizing step around the median: mean(clip(x, m - k, m + k)) with m the "
         "median is only the first iteration; repeat with the new centre until it stops "
         "moving.", lambda x, k: winsor(x, k, np.median(x))),
        ("one winsorizing step around the mean: the first iteration from the mean; repeat "
         "with the new centre until it stops moving.", lambda x, k: winsor(x, k, np.mean(x))),
        ("a trimmed mean: you drop the points farther than k from the centre. Huber keeps "
         "them, each pulling with the constant force k (clip, do not drop).",
         lambda x, k: float(np.mean(x[np.abs(x - np.median(x)) <= k]))),
    ]
    for x, k in _huber_location_cases():
        xc = x.copy()
        call = f"huber_location(x, k={_fmt(k)}) on a sample of {x.size} points"
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                out = fn(xc, k)
        except Exception as exc:  # the reader's code failed: say how and where
            raise AnswerError(f"huber_location: {call} raised {type(exc).__name__}: "
                              f"{exc}") from exc
        if not np.array_equal(xc, x):
            raise AnswerError("huber_location: your function modified its input array x in "
                              "place; work on a copy")
        ans = _answer_array(out, f"huber_location: the result of {call}")
        if ans.size != 1:
            raise AnswerError(f"huber_location: {call} returned shape {ans.shape}; one "
                              "number (the estimate) was expected")
        a = float(ans.reshape(()))
        expected = huber_location(x, k)
        if math.isclose(a, expected, rel_tol=1e-6, abs_tol=1e-6):
            continue
        if not math.isfinite(a):
            raise AnswerError(f"huber_location: {call} gave {a}: a division by zero?")
        for text, wrong in candidates:
            w = wrong(x, k)
            if math.isclose(a, w, rel_tol=1e-6, abs_tol=1e-6) and not math.isclose(
                    w, expected, rel_tol=1e-6, abs_tol=1e-6):
                raise AnswerError(f"huber_location: {text} ({call}: got {_fmt(a)}, expected "
                                  f"{_fmt(expected)})")
        score = float(np.clip(x - a, -k, k).sum())
        if abs(a - expected) < 0.1 * k:  # within a tenth of the threshold
            raise AnswerError(f"huber_location: close but not converged ({call}: got "
                              f"{_fmt(a)}, expected {_fmt(expected)}; the score sum "
                              f"sum(clip(x - mu, -k, k)) is {_fmt(score)}, not 0). Iterate "
                              "until the change is below 1e-10.")
        raise AnswerError(f"huber_location: {call}: got {_fmt(a)}, expected {_fmt(expected)}; "
                          f"at your value sum(clip(x - mu, -k, k)) = {_fmt(score)}, not 0.")
    _ok("huber_location", quiet)


# -- chapter 3: the two short-answer exercises --
def _one_number(answer, name: str) -> float:
    """The reader's answer as one float, or an AnswerError saying why not."""
    if answer is None:
        raise AnswerError(f"{name} is None: replace None by your answer")
    ans = _answer_array(answer, name)
    if ans.size != 1:
        raise AnswerError(f"{name}: one number was expected, got an array of shape "
                          f"{ans.shape}")
    return float(ans.reshape(()))


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
    v = _one_number(m, "m")
    if 0 < v < 1:
        raise AnswerError(f"m: a number of values was asked, not a fraction of the sample "
                          f"(got {_fmt(v)}): how many of the 7 values must be replaced?")
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
    v = _one_number(beta_cm, "beta_cm")
    if v <= 0:
        raise AnswerError(f"beta_cm: a threshold is a positive length (got {_fmt(v)})")
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


# -- chapter 5 additions --
def _cv_cases():
    rng = np.random.default_rng(5)
    cases = []
    for n, p, k, alpha in [(24, 5, 4, 0.5), (30, 8, 5, 3.0), (20, 3, 4, 10.0)]:
        X = rng.normal(size=(n, p))
        y = X @ rng.normal(size=p) + 2.0 + 0.5 * rng.normal(size=n)
        folds = [np.sort(f) for f in np.array_split(rng.permutation(n), k)]
        cases.append((X, y, alpha, folds))
    return cases


def _cv_reference(X, y, alpha, folds, *, refit="out", intercept=True, reduce="mean"):
    from .solvers import ridge

    errors = []
    for val in folds:
        train = np.setdiff1d(np.arange(len(y)), val)
        tr = np.arange(len(y)) if refit == "all" else train
        fit = ridge(X[tr], y[tr], alpha, fit_intercept=intercept)
        r = y[val] - X[val] @ fit.coef - fit.intercept
        errors.append({"mean": np.mean(r**2), "sum": np.sum(r**2),
                       "rmse": np.sqrt(np.mean(r**2))}[reduce])
    return float(np.mean(errors))


def check_cv_error(fn, *, quiet=False):
    r"""Check a reader's ``cv_error(X, y, alpha, folds)``, the K-fold cross-validation error.

    .. math::

        \mathrm{CV}(\lambda) = \frac1K\sum_{k=1}^K \frac{1}{\lvert V_k\rvert}
        \sum_{i\in V_k}\bigl(y_i - \hat y^{(-k)}_\lambda(x_i)\bigr)^2,

    where :math:`\hat y^{(-k)}_\lambda` is :func:`l1l2.solvers.ridge` (with an
    intercept) fitted on every row *not* in the validation fold :math:`V_k`;
    ``folds`` is a list of :math:`K` integer arrays of validation indices, all
    of the same size. Called on three small problems; the answer must match to
    1e-6. Diagnosed: fitting on all the data (the fold included), a sum of
    squares instead of a mean, the root mean squared error, a fit without
    intercept, an ignored ``alpha``, one error per fold instead of their mean,
    an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(X, y, alpha, folds) -> float``.
    quiet : bool
        If false (default), print ``"cv_error: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_cv_error, AnswerError
    >>> from l1l2.solvers import ridge
    >>> def cv_error(X, y, alpha, folds):
    ...     errs = []
    ...     for val in folds:
    ...         tr = np.setdiff1d(np.arange(len(y)), val)
    ...         fit = ridge(X[tr], y[tr], alpha)
    ...         errs.append(np.mean((y[val] - X[val] @ fit.coef - fit.intercept) ** 2))
    ...     return float(np.mean(errs))
    >>> check_cv_error(cv_error)
    cv_error: correct.
    >>> try:
    ...     check_cv_error(lambda X, y, a, folds: 2 * cv_error(X, y, a, folds))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[0])
    cv_error
    """
    fn = _check_callable(fn)
    candidates = [
        ("you fitted on all the data, the validation fold included: that is (nearly) the "
         "training error, and it rewards overfitting. Fit on the rows NOT in the fold.",
         {"refit": "all"}),
        ("a sum of squared errors per fold: divide by the fold size (the mean squared "
         "error).", {"reduce": "sum"}),
        ("that is the root mean squared error (you took a square root): return the mean "
         "of the squared errors.", {"reduce": "rmse"}),
        ("your fit has no intercept: fit an unpenalized intercept (solvers.ridge does by "
         "default), the data are not centred.", {"intercept": False}),
    ]
    for X, y, alpha, folds in _cv_cases():
        Xc, yc, fc = X.copy(), y.copy(), [f.copy() for f in folds]
        call = f"cv_error(X, y, alpha={_fmt(alpha)}, folds) with {len(folds)} folds"
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                out = fn(Xc, yc, alpha, fc)
        except Exception as exc:  # the reader's code failed: say how and where
            raise AnswerError(f"cv_error: {call} raised {type(exc).__name__}: {exc}") from exc
        if not (np.array_equal(Xc, X) and np.array_equal(yc, y)
                and all(np.array_equal(a, b) for a, b in zip(fc, folds, strict=True))):
            raise AnswerError("cv_error: your function modified X, y or folds in place; "
                              "work on copies")
        ans = _answer_array(out, f"cv_error: the result of {call}")
        expected = _cv_reference(X, y, alpha, folds)
        if ans.size == len(folds) and ans.size > 1:
            per_fold = [_cv_reference(X, y, alpha, [f]) for f in folds]
            if np.allclose(ans.ravel(), per_fold, rtol=1e-6, atol=1e-9):
                raise AnswerError(f"cv_error: {call} returned one error per fold; the "
                                  "cross-validation error is their mean (one number)")
        if ans.size != 1:
            raise AnswerError(f"cv_error: {call} returned shape {ans.shape}; one number "
                              "was expected")
        a = float(ans.reshape(()))
        if math.isclose(a, expected, rel_tol=1e-6, abs_tol=1e-9):
            continue
        for text, kw in candidates:
            if math.isclose(a, _cv_reference(X, y, alpha, folds, **kw), rel_tol=1e-6,
                            abs_tol=1e-9):
                raise AnswerError(f"cv_error: {text} In {call} you returned {_fmt(a)}; "
                                  f"expected {_fmt(expected)}.")
        if math.isclose(a, _cv_reference(X, y, 0.0, folds), rel_tol=1e-6, abs_tol=1e-9):
            raise AnswerError(f"cv_error: your result does not depend on alpha: it is the "
                              f"error of unpenalized least squares. Pass alpha to the ridge "
                              f"fit. In {call} you returned {_fmt(a)}; expected "
                              f"{_fmt(expected)}.")
        raise AnswerError(f"cv_error: {call} returned {_fmt(a)}; expected {_fmt(expected)}. "
                          "Fit ridge on the rows outside each fold, take the mean squared "
                          "error on the fold, then average over the folds.")
    _ok("cv_error", quiet)




# -- chapter 6 additions --


def _ridge_svd_ref(X, y, lam):
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ (d / (d * d + lam) * (U.T @ y))


def _ridge_svd_cases():
    rng = np.random.default_rng(6)
    X1 = rng.normal(size=(6, 3))
    X2 = rng.normal(size=(5, 2)) @ np.array([[1.0, 0.9], [0.0, 0.1]])  # nearly collinear
    X3 = rng.normal(size=(3, 4))  # more features than observations
    return [(X1, rng.normal(size=6), 1.0), (X1, rng.normal(size=6), 0.3),
            (X2, rng.normal(size=5), 2.0), (X3, rng.normal(size=3), 0.5)]


def check_ridge_svd(fn, *, quiet=False):
    r"""Check a reader's ``ridge_svd(X, y, lam)``: ridge coefficients from the SVD.

    The minimizer of :math:`\|y - Xw\|_2^2 + \lambda\|w\|_2^2` (no intercept,
    scikit-learn's scaling) is, with the thin SVD :math:`X = U D V^\top`,

    .. math:: w_\lambda = V\,\operatorname{diag}\Big(\frac{d_j}{d_j^2 + \lambda}\Big)\,U^\top y .

    ``fn`` is called on four small problems (one nearly collinear, one with
    more features than observations) with :math:`\lambda \in \{0.3, 0.5, 1, 2\}`.
    Diagnosed: the shrinkage factor :math:`d^2/(d^2+\lambda)` used in place of
    :math:`d/(d^2+\lambda)`, the least-squares solution (:math:`\lambda`
    forgotten), a factor 2 or 1/2 on :math:`\lambda` (the :math:`\tfrac12`
    convention), the coefficients left in the principal coordinates
    (:math:`V` forgotten), :math:`\lambda` added to :math:`d` instead of
    :math:`d^2`, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(X, y, lam) -> ndarray`` of shape ``(n_features,)``.
    quiet : bool
        If false (default), print ``"ridge_svd: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_ridge_svd, AnswerError
    >>> def ridge_svd(X, y, lam):
    ...     U, d, Vt = np.linalg.svd(X, full_matrices=False)
    ...     return Vt.T @ (d / (d**2 + lam) * (U.T @ y))
    >>> check_ridge_svd(ridge_svd)
    ridge_svd: correct.
    >>> try:
    ...     check_ridge_svd(lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0])
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    least squares
    """

    def svd_with(factor, rotate=True):
        def solve(X, y, lam):
            U, d, Vt = np.linalg.svd(X, full_matrices=False)
            z = factor(d, lam) * (U.T @ y)
            return Vt.T @ z if rotate else z
        return solve

    candidates = [
        ("least squares: lambda is missing; the factor is d / (d**2 + lam), not 1 / d.",
         lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0]),
        ("you used the shrinkage factor d**2 / (d**2 + lam) where the coefficient needs "
         "d / (d**2 + lam): the fit's coordinates are shrunk by d^2/(d^2+lam), the "
         "coefficients pick up one more 1/d.", svd_with(lambda d, lam: d * d / (d * d + lam))),
        ("lambda is off by a factor 2: this objective has no 1/2, so solve "
         "(X'X + lam I) w = X'y, i.e. d / (d**2 + lam).",
         svd_with(lambda d, lam: d / (d * d + 2 * lam))),
        ("lambda is off by a factor 1/2: this objective has no 1/2, so solve "
         "(X'X + lam I) w = X'y, i.e. d / (d**2 + lam).",
         svd_with(lambda d, lam: d / (d * d + lam / 2))),
        ("lambda is added to d instead of d**2: the normal equations have X'X = V D^2 V'.",
         svd_with(lambda d, lam: d / (d * d + lam * d))),
        ("the coefficients are still in principal coordinates: multiply by V (Vt.T @ z) "
         "to return to the features.", svd_with(lambda d, lam: d / (d * d + lam), rotate=False)),
    ]
    _check_cases(fn, fname="ridge_svd", cases=_ridge_svd_cases(), reference=_ridge_svd_ref,
                 candidates=candidates, quiet=quiet, rtol=1e-6, atol=1e-9)


# -- chapter 7 additions --


# -- chapter 8 additions --


def _prox_l1_step(w, g, lr, alpha):
    z = w - lr * g
    return np.sign(z) * np.maximum(np.abs(z) - lr * alpha, 0.0)


def check_prox_l1_step(fn, *, quiet=False):
    r"""Check a reader's ``prox_l1_step(w, g, lr, alpha)``: one proximal-gradient step.

    .. math::

        w \leftarrow S_{\text{lr}\,\alpha}(w - \text{lr}\,g),\qquad
        S_t(z) = \operatorname{sign}(z)\max(\lvert z\rvert - t, 0),

    a gradient step on the smooth loss followed by soft thresholding (ISTA,
    proximal SGD); the reference is :func:`l1l2.solvers.prox_l1_step`. Called
    on four cases with coordinates that end exactly at 0, that cross 0, and
    that only shrink. Diagnosed: a subgradient step
    :math:`w - \text{lr}(g + \alpha\operatorname{sign}(w))`, a threshold
    :math:`\alpha` instead of :math:`\text{lr}\,\alpha`, thresholding before
    the gradient step, hard thresholding (small entries zeroed, the others not
    shrunk), the gradient step forgotten, the gradient added instead of
    subtracted, clipping instead of shrinking, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(w, g, lr, alpha) -> ndarray`` of ``w``'s shape.
    quiet : bool
        If false (default), print ``"prox_l1_step: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_prox_l1_step, AnswerError
    >>> from l1l2.solvers import prox_l1_step
    >>> check_prox_l1_step(prox_l1_step)
    prox_l1_step: correct.
    >>> try:
    ...     check_prox_l1_step(lambda w, g, lr, a: w - lr * (g + a * np.sign(w)))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    a subgradient step
    """
    cases = [
        (np.array([1.0, 0.05, -2.0, -0.1]), np.array([0.0, 0.0, 1.0, -0.3]), 0.5, 0.2),
        (np.array([0.3, -0.3, 0.02, 4.0, 0.0]), np.array([2.0, -2.0, 0.1, 3.0, 0.05]), 0.1, 1.0),
        (np.array([[0.5, -0.25], [0.01, 1.5]]), np.array([[1.0, 1.0], [-1.0, 0.5]]), 0.2, 0.5),
        (np.array([2.0, -1.0, 0.4]), np.array([0.5, 0.5, 0.5]), 0.01, 3.0),
    ]

    def soft(z, t):
        return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)

    def hard(z, t):
        return np.where(np.abs(z) > t, z, 0.0)

    candidates = [
        ("a subgradient step: w - lr * (g + alpha * sign(w)) never lands exactly on 0; "
         "take the gradient step on the loss only, then soft-threshold the result.",
         lambda w, g, lr, a: w - lr * (g + a * np.sign(w))),
        ("the threshold is lr * alpha, not alpha: the step size multiplies the penalty too.",
         lambda w, g, lr, a: soft(w - lr * g, a)),
        ("thresholding before the gradient step: first z = w - lr * g, then S(z).",
         lambda w, g, lr, a: soft(w, lr * a) - lr * g),
        ("hard thresholding: entries above the threshold must also shrink by lr * alpha "
         "(soft thresholding), not stay as they are.",
         lambda w, g, lr, a: hard(w - lr * g, lr * a)),
        ("the gradient step is missing: threshold w - lr * g, not w.",
         lambda w, g, lr, a: soft(w, lr * a)),
        ("sign error: the gradient step goes against the gradient, w - lr * g.",
         lambda w, g, lr, a: soft(w + lr * g, lr * a)),
        ("that is clipping to [-t, t] (the projection); soft thresholding is z minus that "
         "projection: sign(z) * max(|z| - t, 0).",
         lambda w, g, lr, a: np.clip(w - lr * g, -lr * a, lr * a)),
    ]
    _check_cases(fn, fname="prox_l1_step", cases=cases, reference=_prox_l1_step,
                 candidates=candidates, quiet=quiet)


# -- chapter 9 additions --
def _hard_threshold(z, lam):
    return np.where(np.abs(z) > np.sqrt(2.0 * lam), z, 0.0)


def check_hard_threshold(fn, *, quiet=False):
    r"""Check a reader's ``hard_threshold(z, lam)``: best subset in an orthonormal design.

    The minimizer of :math:`\tfrac12 (w - z)^2 + \lambda\,\mathbb{1}[w \ne 0]`,
    elementwise, is

    .. math::

        H_\lambda(z) = z\ \text{if}\ \lvert z\rvert > \sqrt{2\lambda},\ 0\ \text{otherwise}:

    keeping :math:`w = z` costs :math:`\lambda`, setting :math:`w = 0` costs
    :math:`z^2/2`. Called with ``lam`` in {0.5, 2, 0.125, 0} on inputs away
    from the tie :math:`\lvert z\rvert = \sqrt{2\lambda}`. Diagnosed: a
    threshold :math:`\lambda`, :math:`\sqrt{\lambda}` or :math:`2\lambda`,
    soft thresholding (survivors shrunk), a lost sign, an input modified in
    place.

    Parameters
    ----------
    fn : callable
        ``fn(z, lam) -> ndarray`` of ``z``'s shape.
    quiet : bool
        If false (default), print ``"hard_threshold: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_hard_threshold, AnswerError
    >>> check_hard_threshold(lambda z, lam: np.where(np.abs(z) > np.sqrt(2 * lam), z, 0.0))
    hard_threshold: correct.
    >>> try:
    ...     check_hard_threshold(lambda z, lam: np.where(np.abs(z) > lam, z, 0.0))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    the threshold is sqrt(2 * lam), not lam
    """
    z = np.array([-3.1, -1.7, -1.2, -0.8, -0.3, 0.0, 0.2, 0.7, 1.3, 1.8, 2.4, 3.5])
    cases = _param_grid(z, [0.5, 2.0, 0.125, 0.0])
    cases.append((np.array([[-2.5, -0.2, 0.0], [0.6, 1.1, 4.0]]), 0.5))

    def soft(x, t):
        return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)

    candidates = [
        ("the threshold is sqrt(2 * lam), not lam: compare the two costs, lam for keeping "
         "w = z against z**2 / 2 for w = 0.",
         lambda x, lam: np.where(np.abs(x) > lam, x, 0.0)),
        ("the threshold is sqrt(2 * lam), not sqrt(lam): setting w = 0 costs z**2 / 2 (mind "
         "the 1/2).", lambda x, lam: np.where(np.abs(x) > np.sqrt(lam), x, 0.0)),
        ("the threshold is sqrt(2 * lam), not 2 * lam.",
         lambda x, lam: np.where(np.abs(x) > 2 * lam, x, 0.0)),
        ("that is soft thresholding: the L0 penalty does not depend on the size of w, so a "
         "kept weight stays exactly z, unshrunk.",
         lambda x, lam: soft(x, np.sqrt(2 * lam))),
        ("that is soft thresholding at lam (the lasso); for L0 keep z unchanged when "
         "|z| > sqrt(2 * lam).", lambda x, lam: soft(x, lam)),
        ("lost the sign: a kept weight is z itself, negative for negative z.",
         lambda x, lam: np.where(np.abs(x) > np.sqrt(2 * lam), np.abs(x), 0.0)),
    ]
    _check_function(fn, fname="hard_threshold", pname="lam", cases=cases,
                    reference=_hard_threshold, candidates=candidates, quiet=quiet)


# -- chapter 10 additions --


def _laplace_alpha(scale, noise_std, n_samples):
    return noise_std * noise_std / (n_samples * scale)


def check_laplace_alpha(fn, *, quiet=False):
    r"""Check a reader's ``laplace_alpha(scale, noise_std, n_samples)``.

    The lasso strength whose solution is the MAP estimate under Gaussian
    noise :math:`\sigma` and independent Laplace priors of scale :math:`b`,
    in the book's (scikit-learn's) scaling
    :math:`\frac{1}{2n}\|y - Xw - w_0\|^2 + \alpha\|w\|_1`:

    .. math::

        \alpha = \frac{\sigma^2}{n\,b}.

    Parameters
    ----------
    fn : callable
        ``fn(scale, noise_std, n_samples) -> float``.
    quiet : bool
        If false (default), print ``"laplace_alpha: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> from l1l2.exercises import check_laplace_alpha, AnswerError
    >>> check_laplace_alpha(lambda b, sigma, n: sigma**2 / (n * b))
    laplace_alpha: correct.
    >>> try:
    ...     check_laplace_alpha(lambda b, sigma, n: sigma**2 / b)
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    the 1/n is missing
    """
    cases = [(0.5, 2.0, 8), (10.0, 3.0, 100), (2.0, 0.5, 5), (7.0, 54.0, 442)]
    candidates = [
        ("the 1/n is missing: with the lasso written as (1/(2n))||y - Xw||^2 + alpha ||w||_1, "
         "multiply the negative log-posterior by sigma^2 / n, so alpha = sigma^2 / (n b); "
         "sigma^2 / b is lambda for the unscaled (1/2)||y - Xw||^2.",
         lambda b, s, n: s * s / b),
        ("sigma instead of sigma^2: the likelihood term is ||y - Xw||^2 / (2 sigma^2), "
         "so the variance, not the standard deviation, sets alpha.",
         lambda b, s, n: s / (n * b)),
        ("upside down: a wider prior (larger b) must give a weaker penalty, "
         "alpha = sigma^2 / (n b).",
         lambda b, s, n: n * b / (s * s)),
        ("off by a factor 2: the 1/2 of (1/(2 sigma^2))||y - Xw||^2 and the 1/(2n) of the "
         "lasso cancel; alpha = sigma^2 / (n b).",
         lambda b, s, n: 2 * s * s / (n * b)),
        ("off by a factor 1/2: the 1/2 of (1/(2 sigma^2))||y - Xw||^2 and the 1/(2n) of the "
         "lasso cancel; alpha = sigma^2 / (n b).",
         lambda b, s, n: s * s / (2 * n * b)),
        ("that is the ridge (Gaussian prior) answer sigma^2 / tau^2; for a Laplace prior the "
         "scale enters once, alpha = sigma^2 / (n b).",
         lambda b, s, n: s * s / (b * b)),
    ]
    _check_cases(fn, fname="laplace_alpha", cases=cases, reference=_laplace_alpha,
                 candidates=candidates, quiet=quiet)
