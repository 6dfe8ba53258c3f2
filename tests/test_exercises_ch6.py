"""Chapter 6's checker accepts the solution and diagnoses typical wrong answers."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import solvers
from l1l2.exercises import AnswerError, check_ridge_svd


def ridge_svd(X, y, lam):
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ (d / (d**2 + lam) * (U.T @ y))


def via_solver(X, y, lam):
    return solvers.ridge(X, y, alpha=lam, fit_intercept=False).coef


def _with(factor, rotate=True):
    def solve(X, y, lam):
        U, d, Vt = np.linalg.svd(X, full_matrices=False)
        z = factor(d, lam) * (U.T @ y)
        return Vt.T @ z if rotate else z
    return solve


def test_accepts_the_solution_and_the_package(capsys):
    check_ridge_svd(ridge_svd)
    assert capsys.readouterr().out == "ridge_svd: correct.\n"
    check_ridge_svd(via_solver, quiet=True)


@pytest.mark.parametrize("wrong, match", [
    (lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0], "least squares"),
    (_with(lambda d, lam: d**2 / (d**2 + lam)), "shrinkage factor"),
    (_with(lambda d, lam: d / (d**2 + 2 * lam)), "factor 2"),
    (_with(lambda d, lam: d / (d**2 + lam / 2)), "factor 1/2"),
    (_with(lambda d, lam: d / (d**2 + lam * d)), "added to d instead"),
    (_with(lambda d, lam: d / (d**2 + lam), rotate=False), "principal coordinates"),
    (lambda X, y, lam: ridge_svd(X, y, lam)[:-1], "wrong shape"),
    (lambda X, y, lam: None, "forget to `return`"),
    (lambda X, y, lam: ridge_svd(X, y, lam) * 1.01, "wrong for 4 of 4"),
])
def test_rejects_typical_mistakes(wrong, match):
    with pytest.raises(AnswerError, match=match):
        check_ridge_svd(wrong)


def test_reports_in_place_modification_and_exceptions():
    def centres_in_place(X, y, lam):
        X -= X.mean(axis=0)
        return ridge_svd(X, y, lam)

    with pytest.raises(AnswerError, match="in place"):
        check_ridge_svd(centres_in_place)

    def broken(X, y, lam):
        raise np.linalg.LinAlgError("boom")

    with pytest.raises(AnswerError, match="LinAlgError"):
        check_ridge_svd(broken)
    with pytest.raises(ValueError, match="fn"):
        check_ridge_svd(3.0)
