"""Chapter 3's checker, check_huber_location: it accepts the solution and rejects
typical wrong answers with a diagnosis."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import robust
from l1l2.exercises import AnswerError, check_huber_location


def solution(x, k, tol=1e-12, max_iter=10_000):
    """The chapter's solution: from the median, iterate mu += mean(clip(x - mu, -k, k))."""
    mu = float(np.median(x))
    for _ in range(max_iter):
        step = float(np.mean(np.clip(x - mu, -k, k)))
        mu += step
        if abs(step) < tol:
            break
    return mu


def test_accepts_the_solution_and_the_package(capsys):
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
def test_rejects_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_huber_location(fn)


def test_misuse_raises_value_error():
    with pytest.raises(ValueError, match="fn"):
        check_huber_location(3.0)
