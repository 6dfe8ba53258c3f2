"""Chapter 8's checker, check_prox_l1_step: accepts right answers, diagnoses the
typical wrong ones."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import penalties
from l1l2.exercises import AnswerError, check_prox_l1_step
from l1l2.solvers import prox_l1_step


def soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def test_accepts_the_package_version_and_the_plain_formula(capsys):
    check_prox_l1_step(prox_l1_step)
    assert capsys.readouterr().out == "prox_l1_step: correct.\n"
    check_prox_l1_step(lambda w, g, lr, a: soft(w - lr * g, lr * a), quiet=True)
    check_prox_l1_step(lambda w, g, lr, a: penalties.soft_threshold(w - lr * g, lr * a),
                       quiet=True)


@pytest.mark.parametrize(("fn", "match"), [
    (lambda w, g, lr, a: w - lr * (g + a * np.sign(w)), "subgradient step"),
    (lambda w, g, lr, a: soft(w - lr * g, a), "lr \\* alpha, not alpha"),
    (lambda w, g, lr, a: soft(w, lr * a) - lr * g, "before the gradient step"),
    (lambda w, g, lr, a: np.where(np.abs(w - lr * g) > lr * a, w - lr * g, 0.0),
     "hard thresholding"),
    (lambda w, g, lr, a: soft(w, lr * a), "gradient step is missing"),
    (lambda w, g, lr, a: soft(w + lr * g, lr * a), "sign error"),
    (lambda w, g, lr, a: np.clip(w - lr * g, -lr * a, lr * a), "clipping"),
    (lambda w, g, lr, a: soft(w - lr * g, lr * a) * 1.1, "wrong for"),
])
def test_diagnoses_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_prox_l1_step(fn)


def test_modifying_the_input_is_reported():
    def in_place(w, g, lr, a):
        w -= lr * g
        return soft(w, lr * a)

    with pytest.raises(AnswerError, match="in place"):
        check_prox_l1_step(in_place)


def test_a_crash_is_reported_with_the_call():
    def crash(w, g, lr, a):
        raise RuntimeError("boom")

    with pytest.raises(AnswerError, match="RuntimeError: boom"):
        check_prox_l1_step(crash)


def test_not_a_function_raises_value_error():
    with pytest.raises(ValueError, match="fn"):
        check_prox_l1_step(np.zeros(3))
