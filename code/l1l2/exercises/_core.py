r"""The checkers' core: call the reader's function safely, read its answer, say what is wrong.

Every checker of :mod:`l1l2.exercises` is built from the pieces here:

- :class:`AnswerError`, the error a wrong answer raises;
- :func:`call_reader`, the one place where a reader's function is called:
  on copies of the test inputs, with NumPy's floating-point warnings
  silenced; an exception it raises becomes an :class:`AnswerError` that
  names the call, and an input it modified in place is reported;
- :func:`answer_array` and :func:`one_number`, which turn what the reader
  returned into floats, or explain why they cannot;
- :func:`diagnose_values`, which compares an answer with the expected one
  and names the likely mistake (a wrong shape, a NaN, a sign error, a
  factor 2 or :math:`n`, a square or a square root);
- :func:`matching_mistake`, which recognises a known wrong formula;
- two runners that check a reader's function on a list of test cases:
  :func:`check_elementwise` (an elementwise function of ``x`` and one
  parameter, with diagnoses that depend on the parameter: a missing factor,
  a constant offset, a wrong value at a kink) and :func:`check_cases` (any
  function whose answers are compared case by case).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .._validation import as_float_array, check_scalar

RTOL = 1e-5  # lenient enough for a float32 (or PyTorch) implementation
ATOL = 1e-8


class AnswerError(AssertionError):
    """An exercise answer is wrong; the message says how."""


# --------------------------------------------------------------------------
# formatting, comparing, reporting success
# --------------------------------------------------------------------------
def fmt(v) -> str:
    """A number in messages: 6 significant digits, or ``nan``/``inf``."""
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return str(v)
    return f"{v:.6g}"


def show(case) -> str:
    """The arguments of a test case in messages, arrays to 4 digits."""
    return ", ".join(np.array2string(np.asarray(c), precision=4) if isinstance(c, np.ndarray)
                     else repr(c) for c in case)


def close(a, b, rtol, atol):
    """Elementwise closeness, NaN matching NaN."""
    return np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)


def allclose(a, b, rtol, atol) -> bool:
    """Same shape and close everywhere."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.all(close(a, b, rtol, atol)))


def report_correct(name, quiet):
    """Print ``"<name>: correct."`` unless ``quiet``."""
    if not quiet:
        print(f"{name}: correct.")


# --------------------------------------------------------------------------
# checking the checkers' own arguments (ValueError naming the argument)
# --------------------------------------------------------------------------
def check_callable(fn):
    if not callable(fn):
        raise ValueError(f"fn must be a function (pass the function itself, e.g. `huber`, not "
                         f"the result of calling it), got {type(fn).__name__}")
    return fn


def check_tolerances(rtol, atol):
    rtol = check_scalar(rtol, "rtol", low=0.0)
    atol = check_scalar(atol, "atol", low=0.0)
    if not (math.isfinite(rtol) and math.isfinite(atol)):
        raise ValueError("rtol and atol must be finite")
    return rtol, atol


def check_name(name):
    if not isinstance(name, str):
        raise ValueError(f"name must be a string, got {type(name).__name__}")
    return name


def check_n(n):
    if n is None:
        return None
    return check_scalar(n, "n", low=1, integer=True)


def check_diagnoses(diagnoses):
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


# --------------------------------------------------------------------------
# reading the reader's answer
# --------------------------------------------------------------------------
def answer_array(answer, name: str) -> np.ndarray:
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


def one_number(answer, name: str) -> float:
    """A short answer as one float, or an AnswerError saying why not."""
    if answer is None:
        raise AnswerError(f"{name} is None: replace None by your answer")
    ans = answer_array(answer, name)
    if ans.size != 1:
        raise AnswerError(f"{name}: one number was expected, got an array of shape "
                          f"{ans.shape}")
    return float(ans.reshape(()))


# --------------------------------------------------------------------------
# calling the reader's function: the one safe call
# --------------------------------------------------------------------------
def _copy(arg):
    if isinstance(arg, np.ndarray):
        return arg.copy()
    if isinstance(arg, (list, tuple)):
        return type(arg)(_copy(a) for a in arg)
    return arg


def _unchanged(after, before) -> bool:
    """Whether the reader's function left the copy ``after`` of ``before`` alone."""
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and after.dtype == before.dtype
                and np.array_equal(after, before, equal_nan=True))
    if isinstance(before, (list, tuple)):
        return len(after) == len(before) and all(
            _unchanged(a, b) for a, b in zip(after, before, strict=True))
    return True


def call_reader(fn, args, *, fname, call, result=None,
                modified="your function modified an input array in place; work on copies"):
    r"""Call the reader's ``fn(*args)`` safely and return its answer as a float64 array.

    ``fn`` gets copies of ``args`` (arrays, and lists or tuples of arrays, are
    copied) and runs with NumPy's floating-point warnings silenced. If it
    raises, the :class:`AnswerError` names the call; if it changed one of its
    inputs, the error says so (``modified``); if what it returned is not
    numbers, the error says what it was.

    Parameters
    ----------
    fn : callable
        The reader's function.
    args : tuple
        The test inputs; never modified.
    fname : str
        The exercise's name, the prefix of every message.
    call : str
        The call as messages show it, e.g. ``"huber(x, delta=1)"``.
    result : str, optional
        What messages call the answer; default ``"the result of <call>"``.
    modified : str
        The message when ``fn`` modified an input in place.

    Returns
    -------
    ndarray
        The answer, as float64.

    Raises
    ------
    AnswerError
        If ``fn`` raised, modified its input, or returned something else than
        numbers.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([1.0, -2.0])
    >>> call_reader(np.abs, (x,), fname="abs", call="abs(x)")
    array([1., 2.])
    >>> try:
    ...     call_reader(lambda x: 1 / 0, (x,), fname="f", call="f(x)")
    ... except AnswerError as e:
    ...     print(e)
    f: f(x) raised ZeroDivisionError: division by zero
    """
    copies = _copy(tuple(args))
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            out = fn(*copies)
    except Exception as exc:  # the reader's code failed: say how and where
        raise AnswerError(f"{fname}: {call} raised {type(exc).__name__}: {exc}") from exc
    if not _unchanged(copies, tuple(args)):
        raise AnswerError(f"{fname}: {modified}")
    return answer_array(out, f"{fname}: {result or f'the result of {call}'}")


# --------------------------------------------------------------------------
# diagnosing a wrong array or number
# --------------------------------------------------------------------------
def shape_problem(ans: np.ndarray, exp: np.ndarray) -> str | None:
    """None if the shapes agree (a size-1 answer to a scalar does), else why not."""
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
    return (f"contains {what}{where} where a finite value ({fmt(exp.ravel()[i])}) was "
            "expected: a division by zero, 0/0, or the log or square root of a negative?")


def _ratio_problem(ans, exp, rtol, atol, n=None) -> str | None:
    """Sign errors, constant factors (2, n), squares and square roots."""
    a, e = ans.ravel(), exp.ravel()
    nz = np.abs(e) > atol
    if not nz.any():
        return None
    if np.all(close(a, -e, rtol, atol)):
        return "sign error: your answer is exactly the negative of the expected one"
    if np.all(close(a[~nz], 0.0, rtol, atol)):
        r = a[nz] / e[nz]
        r0 = float(np.median(r))
        if r0 != 0 and np.all(np.isclose(r, r0, rtol=max(rtol, 1e-9), atol=0)):
            return factor_message(r0, n)
    if np.all(e >= 0) and np.all(close(a, e * e, rtol, atol)):
        return ("your answer is the square of the expected one: a squared norm where the "
                "norm (with its square root) was asked?")
    if np.all(a >= 0) and np.all(e >= 0) and np.all(close(a * a, e, rtol, atol)):
        return ("your answer is the square root of the expected one: the norm "
                "sqrt(sum of squares) where the squared norm (no root) was asked?")
    return None


def _near(a, b) -> bool:
    return math.isclose(a, b, rel_tol=1e-6)


def _factor_n_message(r, n) -> str | None:
    if _near(r, n):
        return (f"off by a factor of n = {n} (too large): you computed a sum where the "
                "mean was asked; divide by n")
    if _near(r, 1.0 / n):
        return (f"off by a factor of n = {n} (too small): you computed a mean where the "
                "sum was asked; do not divide by n")
    if _near(r, n / 2):
        return (f"off by a factor of n/2 = {fmt(n / 2)}: a sum instead of a mean, and "
                "a ½ too many or too few")
    if _near(r, 2.0 / n):
        return (f"off by a factor of 2/n = {fmt(2 / n)}: a mean instead of a sum, and "
                "a ½ too many or too few")
    return None


def factor_message(r, n=None) -> str:
    """What an answer ``r`` times the expected one means (n: the number of terms)."""
    msg = _factor_n_message(r, n) if n is not None and n > 1 else None
    if msg:
        return msg
    if _near(r, 2.0):
        return ("off by a factor of 2 (too large): a missing ½? For example ½x² has "
                "derivative x, not 2x")
    if _near(r, 0.5):
        return "off by a factor of 2 (too small): an extra ½?"
    if r < 0:
        return (f"sign error and off by a constant factor: your answer is {fmt(r)} times the "
                "expected one")
    return f"off by a constant factor: your answer is {fmt(r)} times the expected one"


def _first_mismatch(ans, exp, rtol, atol) -> str:
    bad = ~close(ans, exp, rtol, atol)
    k = int(bad.sum())
    i = np.flatnonzero(bad)[0]
    if ans.ndim == 0:
        return f"got {fmt(ans)}, expected {fmt(exp)}"
    idx = np.unravel_index(i, ans.shape)
    return (f"wrong at {k} of {ans.size} entries; first at index {tuple(int(j) for j in idx)}: "
            f"got {fmt(ans.ravel()[i])}, expected {fmt(exp.ravel()[i])}")


def _known_value(ans, exp, diagnoses, rtol, atol) -> str | None:
    for text, wrong in diagnoses.items():
        w = np.asarray(wrong, dtype=np.float64)
        if w.shape == exp.shape and allclose(ans, w, rtol, atol) \
                and not allclose(w, exp, rtol, atol):
            return text
    return None


def diagnose_values(ans, exp, *, rtol, atol, n=None, diagnoses=None) -> str | None:
    """None if ``ans`` matches ``exp`` (shapes already agree), else the message.

    Tried in order: a NaN or infinity, one of ``diagnoses`` (``{message:
    wrong value}``), a sign, factor, square or square root; the first wrong
    entry is always shown.
    """
    # ratios and squares of extreme answers overflow: that only means "no match"
    with np.errstate(all="ignore"):
        if ans.shape != exp.shape:
            ans = ans.reshape(exp.shape)  # only size-1 answers to scalars get here
        if np.all(close(ans, exp, rtol, atol)):
            return None
        msg = _nonfinite_problem(ans, exp)
        if msg:
            return msg
        msg = (_known_value(ans, exp, diagnoses or {}, rtol, atol)
               or _ratio_problem(ans, exp, rtol, atol, n))
        mismatch = _first_mismatch(ans, exp, rtol, atol)
        return f"{msg} ({mismatch})" if msg else mismatch


# --------------------------------------------------------------------------
# checking a reader's function on test cases
# --------------------------------------------------------------------------
def matching_mistake(candidates, cases, answers, rtol, atol) -> str | None:
    """The message of the first known mistake ``(message, wrong_fn)`` that
    reproduces the reader's answers on every case, or None."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for text, wrong in candidates:
            if all(allclose(a, wrong(*case), rtol, atol)
                   for case, a in zip(cases, answers, strict=True)):
                return text
    return None


def check_cases(fn, *, fname, cases, reference, candidates, quiet, rtol=RTOL, atol=ATOL):
    """Check ``fn(*case)`` against ``reference(*case)`` on each case.

    A wrong answer is reported with the first failing case: a wrong shape, a
    known mistake from ``candidates`` (``(message, wrong_fn)`` pairs) that
    fits every case, or the number of wrong cases.
    """
    fn = check_callable(fn)
    answers = [call_reader(fn, case, fname=fname, call=f"calling it on {show(case)}",
                           result=f"the result for {show(case)}") for case in cases]
    expected = [np.asarray(reference(*case), dtype=np.float64) for case in cases]
    bad = [i for i, (a, e) in enumerate(zip(answers, expected, strict=True))
           if not allclose(a, e, rtol, atol)]
    if not bad:
        report_correct(fname, quiet)
        return
    i = bad[0]
    example = (f"For example, for {show(cases[i])} you returned "
               f"{np.array2string(answers[i], precision=4)}; expected "
               f"{np.array2string(expected[i], precision=4)}.")
    if answers[i].shape != expected[i].shape:
        raise AnswerError(f"{fname}: wrong shape {answers[i].shape}, expected "
                          f"{expected[i].shape}. {example}")
    text = matching_mistake(candidates, cases, answers, rtol, atol)
    if text:
        raise AnswerError(f"{fname}: {text} {example}")
    raise AnswerError(f"{fname}: wrong for {len(bad)} of {len(cases)} test cases. {example}")


def param_grid(x_base, params):
    """Test inputs for :func:`check_elementwise`: a base grid plus the kinks
    :math:`\\pm p`, with each parameter ``p``."""
    cases = []
    for p in params:
        x = np.unique(np.concatenate([x_base, [p, -p]])) if p > 0 else x_base.copy()
        cases.append((x, float(p)))
    return cases


def _call_elementwise(fn, fname, pname, x, p):
    """The reader's fn(x, p), which must be an array of x's shape."""
    call = f"{fname}(x, {pname}={fmt(p)})"
    ans = call_reader(fn, (x, p), fname=fname, call=call, modified=(
        "your function modified its input array x in place (for example with x[...] = ..., "
        "x *= ... or np.abs(x, out=x)); work on a copy or write expressions that create new "
        "arrays"))
    if ans.shape != x.shape:
        if ans.size == 1 and x.size > 1:
            raise AnswerError(f"{fname}: {call} returned a single number for an input of shape "
                              f"{x.shape}: the result must be elementwise, one value per "
                              "element (no sum or mean; reduction='none')")
        raise AnswerError(f"{fname}: {call} returned shape {ans.shape} for an input of shape "
                          f"{x.shape}: the result must have the input's shape")
    return ans


@dataclass(frozen=True)
class Trial:
    """A reader's elementwise function on the test cases ``(x, p)``: its answers,
    the expected values and where they agree."""

    cases: list
    answers: list
    expected: list
    ok: list
    pname: str
    rtol: float
    atol: float

    @property
    def params(self):
        return [p for _, p in self.cases]

    def example(self, fname) -> str:
        """One concrete failing point, as a sentence."""
        c = next(i for i, o in enumerate(self.ok) if not o.all())
        j = np.flatnonzero(~self.ok[c].ravel())[0]
        xv, pv = self.cases[c][0].ravel()[j], self.cases[c][1]
        return (f"For example, {fname}(x={fmt(xv)}, {self.pname}={fmt(pv)}) returned "
                f"{fmt(self.answers[c].ravel()[j])}; expected "
                f"{fmt(self.expected[c].ravel()[j])}.")


def _nonfinite_at(trial, nan_hint) -> str | None:
    """NaN or infinity where the answer is finite."""
    for (x, p), a, e in zip(trial.cases, trial.answers, trial.expected, strict=True):
        bad = ~np.isfinite(a) & np.isfinite(e)
        if bad.any():
            i = np.flatnonzero(bad.ravel())[0]
            what = "NaN" if np.isnan(a.ravel()[i]) else "an infinity"
            return (f"returns {what} at x = {fmt(x.ravel()[i])} with {trial.pname} = "
                    f"{fmt(p)}. {nan_hint}").rstrip()
    return None


def _only_at_kinks(trial, kink, kink_message) -> str | None:
    if kink is None:
        return None
    if all(np.all(o | kink(x, p)) for (x, p), o in zip(trial.cases, trial.ok, strict=True)):
        return kink_message
    return None


def _case_ratios(trial):
    """The constant ratio answer/expected in each case, or None if there is none."""
    ratios = []
    for a, e in zip(trial.answers, trial.expected, strict=True):
        nz = np.abs(e) > trial.atol
        if not nz.any() or not np.all(np.isclose(a[~nz], 0.0, atol=trial.atol)):
            return None
        r = a[nz] / e[nz]
        if not np.allclose(r, r[0], rtol=1e-6, atol=0):
            return None
        ratios.append(float(r[0]))
    return ratios


def _factor_problem(trial) -> str | None:
    """A factor that depends on the parameter, a sign, or a constant factor."""
    ratios = _case_ratios(trial)
    if not ratios:
        return None
    pname = trial.pname

    def per_param(f):
        return all(math.isclose(r, f(p), rel_tol=1e-6) if p > 0 else math.isclose(r, 1.0)
                   for r, p in zip(ratios, trial.params, strict=True))

    if per_param(lambda p: 1.0 / p):
        return (f"your answer is too small by a factor of {pname} (it is right only for "
                f"{pname} = 1): a missing factor {pname}?")
    if per_param(lambda p: p):
        return (f"your answer is too large by a factor of {pname} (it is right only for "
                f"{pname} = 1): an extra factor {pname}?")
    if all(math.isclose(r, -1.0, rel_tol=1e-6) for r in ratios):
        return "sign error: your answer is the negative of the expected one."
    if all(math.isclose(r, ratios[0], rel_tol=1e-6) for r in ratios):
        return factor_message(ratios[0]) + "."
    return None


def _offset_problem(trial) -> str | None:
    diffs = np.concatenate([(a - e).ravel()
                            for a, e in zip(trial.answers, trial.expected, strict=True)])
    tol = max(trial.atol, trial.rtol * abs(diffs[0]))
    if np.allclose(diffs, diffs[0], rtol=0, atol=tol):
        return f"off by a constant {fmt(diffs[0])} everywhere: an additive term too many?"
    return None


def _some_params_only(trial) -> str | None:
    pname = trial.pname
    good = sorted({p for p, o in zip(trial.params, trial.ok, strict=True) if o.all()})
    bad = sorted({p for p, o in zip(trial.params, trial.ok, strict=True) if not o.all()})
    if not good:
        return None
    return (f"right for {pname} = {', '.join(fmt(p) for p in good)} but wrong for "
            f"{pname} = {', '.join(fmt(p) for p in bad)}: check where {pname} enters "
            "your formula.")


def _elementwise_problem(trial, candidates, kink, kink_message, nan_hint) -> str:
    """Why a reader's elementwise function is wrong, the most specific reason first."""
    with np.errstate(all="ignore"):
        msg = (matching_mistake(candidates, trial.cases, trial.answers, trial.rtol, trial.atol)
               or _nonfinite_at(trial, nan_hint)
               or _only_at_kinks(trial, kink, kink_message)
               or _factor_problem(trial)
               or _offset_problem(trial)
               or _some_params_only(trial))
    if msg:
        return msg
    n_bad = sum(int((~o).sum()) for o in trial.ok)
    n_all = sum(o.size for o in trial.ok)
    return f"wrong values at {n_bad} of {n_all} test points."


def check_elementwise(fn, *, fname, pname, cases, reference, candidates, kink=None,
                      kink_message="", nan_hint="", quiet=False, rtol=RTOL, atol=ATOL):
    """Check an elementwise ``fn(x, p)`` against ``reference(x, p)`` on ``cases``.

    A wrong function is reported, with one concrete failing point, as: a
    known mistake from ``candidates`` (``(message, wrong_fn)`` pairs) that
    fits every case; a NaN or infinity (with ``nan_hint``); a wrong value only
    where ``kink(x, p)`` is true (``kink_message``); a factor :math:`p` or
    :math:`1/p`, a sign or a constant factor; a constant offset; right for
    some values of the parameter only; or the number of wrong points.
    """
    fn = check_callable(fn)
    answers = [_call_elementwise(fn, fname, pname, x, p) for x, p in cases]
    expected = [np.asarray(reference(x, p), dtype=np.float64) for x, p in cases]
    ok = [close(a, e, rtol, atol) for a, e in zip(answers, expected, strict=True)]
    if all(o.all() for o in ok):
        report_correct(fname, quiet)
        return
    trial = Trial(cases, answers, expected, ok, pname, rtol, atol)
    msg = _elementwise_problem(trial, candidates, kink, kink_message, nan_hint)
    raise AnswerError(f"{fname}: {msg} {trial.example(fname)}")
