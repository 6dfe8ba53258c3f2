"""Chapter 9's checker, check_hard_threshold: accepts right answers, diagnoses the typical
wrong ones."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2.exercises import AnswerError, check_hard_threshold


def soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def right(z, lam):
    z = np.asarray(z, dtype=float)
    return np.where(np.abs(z) > np.sqrt(2 * lam), z, 0.0)


def test_accepts_the_solution(capsys):
    check_hard_threshold(right)
    assert capsys.readouterr().out == "hard_threshold: correct.\n"
    check_hard_threshold(lambda z, lam: z * (0.5 * z**2 > lam), quiet=True)


def in_place(z, lam):
    z[np.abs(z) <= np.sqrt(2 * lam)] = 0.0
    return z


@pytest.mark.parametrize(("fn", "match"), [
    (lambda z, lam: np.where(np.abs(z) > lam, z, 0.0), r"sqrt\(2 \* lam\), not lam"),
    (lambda z, lam: np.where(np.abs(z) > np.sqrt(lam), z, 0.0), r"not sqrt\(lam\)"),
    (lambda z, lam: np.where(np.abs(z) > 2 * lam, z, 0.0), r"not 2 \* lam"),
    (lambda z, lam: soft(z, np.sqrt(2 * lam)), "unshrunk"),
    (lambda z, lam: soft(z, lam), "the lasso"),
    (lambda z, lam: np.where(np.abs(z) > np.sqrt(2 * lam), np.abs(z), 0.0), "lost the sign"),
    (in_place, "modif|in place"),
    (lambda z, lam: right(z, lam) * 1.1, "wrong|For example"),
])
def test_diagnoses_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_hard_threshold(fn)


def test_rejects_a_non_callable():
    with pytest.raises((AnswerError, TypeError, ValueError)):
        check_hard_threshold(3.0)
