"""Chapter 5's checker, check_cv_error: it accepts the solution and rejects typical wrong
answers with a diagnosis."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2.exercises import AnswerError, check_cv_error
from l1l2.solvers import ridge


def solution(X, y, alpha, folds, *, intercept=True, refit_all=False, reduce=np.mean):
    errors = []
    for val in folds:
        train = np.arange(len(y)) if refit_all else np.setdiff1d(np.arange(len(y)), val)
        fit = ridge(X[train], y[train], alpha, fit_intercept=intercept)
        errors.append(reduce((y[val] - X[val] @ fit.coef - fit.intercept) ** 2))
    return float(np.mean(errors))


def per_fold(X, y, alpha, folds):
    return np.array([solution(X, y, alpha, [f]) for f in folds])


def modifies(X, y, alpha, folds):
    y -= y.mean()
    return solution(X, y, alpha, folds)


def test_accepts_the_solution(capsys):
    check_cv_error(solution)
    assert capsys.readouterr().out == "cv_error: correct.\n"
    check_cv_error(solution, quiet=True)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("fn, match", [
    (lambda X, y, a, f: solution(X, y, a, f, refit_all=True), "fitted on all the data"),
    (lambda X, y, a, f: solution(X, y, a, f, reduce=np.sum), "sum of squared errors"),
    (lambda X, y, a, f: solution(X, y, a, f, reduce=lambda e: np.sqrt(np.mean(e))),
     "root mean squared"),
    (lambda X, y, a, f: solution(X, y, a, f, intercept=False), "no intercept"),
    (lambda X, y, a, f: solution(X, y, 0.0, f), "does not depend on alpha"),
    (per_fold, "one error per fold"),
    (lambda X, y, a, f: np.zeros(2), "one number"),
    (lambda X, y, a, f: None, "forget to `return`"),
    (modifies, "modified"),
    (lambda X, y, a, f: 1 / 0, "ZeroDivisionError"),
    (lambda X, y, a, f: 1.5 * solution(X, y, a, f), "expected"),
])
def test_rejects_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_cv_error(fn)


def test_not_a_function():
    with pytest.raises(ValueError, match="fn"):
        check_cv_error(0.5)
