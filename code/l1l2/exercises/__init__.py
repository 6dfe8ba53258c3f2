r"""Answer checkers for the exercises: they say *what* is wrong, not just "incorrect".

A checker prints one short line such as ``huber: correct.`` when the answer is
right, and otherwise raises :class:`AnswerError`, a subclass of
:class:`AssertionError` (so pytest and nbval report it as a failure), whose
message names the likely mistake: a wrong shape, a sum where a mean was asked
(off by a factor of :math:`n`), a sign error, a forgotten :math:`\tfrac12`, a
norm where a squared norm was asked, a wrong value at a kink, a NaN, an input
array modified in place, and so on, with one concrete failing example.

Function checkers call the reader's function on copies of fixed test inputs,
with NumPy's floating-point warnings silenced, report an exception it raises
as an :class:`AnswerError` naming the call, and report if the function
modified its input.

Misusing a checker itself (a negative tolerance, passing a value where a
function is expected) raises :class:`ValueError` naming the argument, as
everywhere in :mod:`l1l2`.

What lives where (chapters call every checker as ``exercises.check_*``):

- ``_core.py`` — :class:`AnswerError` and the one safe-call-and-diagnose core
  every checker uses: calling the reader's function, reading its answer,
  naming the mistake;
- ``answers.py`` — a number or an array the reader computed:
  :func:`check_array_answer`, :func:`check_scalar_answer`;
- ``losses.py`` — :func:`check_reduction_example`,
  :func:`check_huber_from_smooth_l1`, :func:`check_smooth_l1_grad`;
- ``robust.py`` — :func:`check_huber_location`, :func:`check_median_breakdown`,
  :func:`check_beta_cm`;
- ``boxes.py`` — :func:`check_encode_box`, :func:`check_box_iou`;
- ``optim.py`` — :func:`check_clip_by_norm`, :func:`check_prox_l1_step`;
- ``regularization.py`` — :func:`check_soft_threshold`,
  :func:`check_hard_threshold`, :func:`check_cv_error`,
  :func:`check_ridge_svd`, :func:`check_laplace_alpha`.
"""

from __future__ import annotations

from ._core import AnswerError
from .answers import check_array_answer, check_scalar_answer
from .boxes import check_box_iou, check_encode_box
from .losses import check_huber_from_smooth_l1, check_reduction_example, check_smooth_l1_grad
from .optim import check_clip_by_norm, check_prox_l1_step
from .regularization import (
    check_cv_error,
    check_hard_threshold,
    check_laplace_alpha,
    check_ridge_svd,
    check_soft_threshold,
)
from .robust import check_beta_cm, check_huber_location, check_median_breakdown

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
