r"""Checkers for the losses exercises: reductions, Huber from smooth L1, the smooth-L1 gradient.

- :func:`check_reduction_example`: the sum and mean reductions of the L1 and
  L2 losses on the articles' example (claim C6);
- :func:`check_huber_from_smooth_l1`: a reader's ``huber(x, delta)``
  written as ``delta * smooth_l1(x, beta=delta)``;
- :func:`check_smooth_l1_grad`: a reader's derivative of smooth L1.

The reference formulas here are tiny NumPy versions of :mod:`l1l2.losses`
(the tests check that they agree).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_float_array
from ._core import AnswerError, check_elementwise, param_grid, report_correct
from .answers import check_scalar_answer

__all__ = ["check_reduction_example", "check_huber_from_smooth_l1", "check_smooth_l1_grad"]


# tiny reference formulas (cross-checked against l1l2.losses in the tests)
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


# the reductions example (claim C6)
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
    report_correct("reductions", quiet)


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
    cases = param_grid(x, [1.0, 0.5, 2.0, 3.0])
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
    check_elementwise(fn, fname="huber", pname="delta", cases=cases, reference=_huber,
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
    cases = param_grid(x, [1.0, 0.5, 2.0, 0.0])
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
    check_elementwise(
        fn, fname="smooth_l1_grad", pname="beta", cases=cases, reference=_smooth_l1_grad,
        candidates=candidates, kink=lambda x, b: (x == 0) if b == 0 else np.zeros(x.shape, bool),
        kink_message=("wrong value at the kink x = 0 for beta = 0 (plain L1): PyTorch's "
                      "autograd, and l1l2, return 0 there (np.sign(0) == 0), a valid "
                      "subgradient."),
        nan_hint=("x / beta divides by zero for beta = 0 (smooth L1 is then plain L1 and its "
                  "gradient is sign(x)); handle beta = 0 separately."),
        quiet=quiet)
