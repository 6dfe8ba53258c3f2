"""Tests for l1l2.exercises.robust: check_huber_location, check_median_breakdown and
check_beta_cm accept the solutions and reject typical wrong answers with a diagnosis."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import robust
from l1l2.exercises import (
    AnswerError,
    check_beta_cm,
    check_huber_location,
    check_median_breakdown,
)


def solution(x, k, tol=1e-12, max_iter=10_000):
    """The chapter's solution: from the median, iterate mu += mean(clip(x - mu, -k, k))."""
    mu = float(np.median(x))
    for _ in range(max_iter):
        step = float(np.mean(np.clip(x - mu, -k, k)))
        mu += step
        if abs(step) < tol:
            break
    return mu


def test_huber_location_accepts_the_solution_and_the_package(capsys):
    check_huber_location(solution)
    check_huber_location(robust.huber_location)
    assert capsys.readouterr().out == "huber_location: correct.\nhuber_location: correct.\n"
    check_huber_location(solution, quiet=True)
    assert capsys.readouterr().out == ""


def winsor_once(x, k):
    m = np.median(x)
    return float(np.mean(np.clip(x, m - k, m + k)))


def modifies(x, k):
    x -= np.mean(x)
    return 0.0


@pytest.mark.parametrize("fn, match", [
    (lambda x, k: float(np.mean(x)), "the mean"),
    (lambda x, k: float(np.median(x)), "the median"),
    (winsor_once, "one winsorizing step around the median"),
    (lambda x, k: float(np.mean(np.clip(x, x.mean() - k, x.mean() + k))),
     "one winsorizing step around the mean"),
    (lambda x, k: float(np.mean(x[np.abs(x - np.median(x)) <= k])), "trimmed mean"),
    (lambda x, k: solution(x, k, max_iter=2), "not converged"),
    (lambda x, k: np.clip(x, -k, k), "one number"),
    (lambda x, k: None, "forget to `return`"),
    (modifies, "modified its input"),
    (lambda x, k: 1 / 0, "ZeroDivisionError"),
    (lambda x, k: solution(x, 2 * k), "not 0"),
])
def test_huber_location_rejects_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_huber_location(fn)


# -- the two short-answer exercises: check_median_breakdown and check_beta_cm --
def test_short_answer_checkers_accept_the_solutions(capsys):
    check_median_breakdown(4)
    check_median_breakdown(np.float64(4.0))
    check_beta_cm(50.0)
    check_beta_cm(50)
    assert capsys.readouterr().out == "m: correct.\nm: correct.\nbeta_cm: correct.\n" \
        "beta_cm: correct.\n"
    check_median_breakdown(4, quiet=True)
    check_beta_cm(50.0, quiet=True)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("m, match", [
    (3, "3 replaced values leave 4 originals"),
    (3.5, "not a count"),
    (4 / 7, "not a fraction"),
    (0.5, "not a fraction"),
    (1, "mean, not the median"),
    (7, "need not replace all 7"),
    (5, "got 5, expected 4"),
    (None, "replace None by your answer"),
    ("4", "string"),
    ([4, 4], "one number"),
])
def test_median_breakdown_rejects_typical_mistakes(m, match):
    with pytest.raises(AnswerError, match=match):
        check_median_breakdown(m)


@pytest.mark.parametrize("beta_cm, match", [
    (0.5, "beta unchanged"),
    (0.005, "divided by 100"),
    (5000.0, "100 squared"),
    (500.0, "millimetres"),
    (100.0, "twice the right value"),
    (25.0, "half the right value"),
    (0.0, "positive length"),
    (-50.0, "positive length"),
    (None, "replace None by your answer"),
    (51.0, "got 51, expected 50"),
])
def test_beta_cm_rejects_typical_mistakes(beta_cm, match):
    with pytest.raises(AnswerError, match=match):
        check_beta_cm(beta_cm)
