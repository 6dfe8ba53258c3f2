"""Tests for l1l2.exercises.optim: the gradient-clipping and proximal-L1-step checkers accept
right answers and diagnose the typical wrong ones."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import penalties
from l1l2.exercises import AnswerError, check_clip_by_norm, check_prox_l1_step
from l1l2.optim import clip_by_norm, prox_l1_step


def soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


# --------------------------------------------------------------------------
# gradient clipping by the norm
# --------------------------------------------------------------------------
def test_clip_by_norm_accepts_the_package_version_and_the_plain_formula(capsys):
    check_clip_by_norm(clip_by_norm)
    assert capsys.readouterr().out == "clip_by_norm: correct.\n"

    def plain(g, m):
        norm = np.linalg.norm(g)
        return g * (m / norm) if norm > m else g.copy()

    check_clip_by_norm(plain, quiet=True)


def _unit(g, m):
    return g * (m / np.linalg.norm(g))


@pytest.mark.parametrize(("fn", "match"), [
    (lambda g, m: np.clip(g, -m, m), "clipping by value"),
    (_unit, "shorter than max_norm must stay unchanged"),
    (lambda g, m: g * min(1.0, m / max(np.sum(g**2), 1e-300)), "squared norm"),
    (lambda g, m: g * min(1.0, 1.0 / max(np.linalg.norm(g), 1e-300)), "factor max_norm"),
    (lambda g, m: g, "unchanged"),
    (lambda g, m: g * (m / np.linalg.norm(g)) if np.linalg.norm(g) > m else g,
     "correct"),  # returning g itself is allowed
])
def test_clip_by_norm_diagnoses_typical_mistakes(fn, match):
    if match == "correct":
        check_clip_by_norm(fn, quiet=True)
        return
    with pytest.raises(AnswerError, match=match):
        check_clip_by_norm(fn)


def test_clip_by_norm_explains_nan_from_a_zero_gradient():
    def no_guard(g, m):
        return g * min(1.0, m / np.linalg.norm(g)) if np.linalg.norm(g) else g * np.nan

    with pytest.raises(AnswerError, match="zero gradient"):
        check_clip_by_norm(no_guard)


def test_clip_by_norm_reports_modifying_the_input():
    def in_place(g, m):
        g *= min(1.0, m / (np.linalg.norm(g) + 1e-6))
        return g

    with pytest.raises(AnswerError, match="in place"):
        check_clip_by_norm(in_place)


# --------------------------------------------------------------------------
# one proximal-gradient step
# --------------------------------------------------------------------------
def test_prox_l1_step_accepts_the_package_version_and_the_plain_formula(capsys):
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
def test_prox_l1_step_diagnoses_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_prox_l1_step(fn)


def test_prox_l1_step_reports_modifying_the_input():
    def in_place(w, g, lr, a):
        w -= lr * g
        return soft(w, lr * a)

    with pytest.raises(AnswerError, match="in place"):
        check_prox_l1_step(in_place)


def test_prox_l1_step_reports_a_crash_with_the_call():
    def crash(w, g, lr, a):
        raise RuntimeError("boom")

    with pytest.raises(AnswerError, match="RuntimeError: boom"):
        check_prox_l1_step(crash)
