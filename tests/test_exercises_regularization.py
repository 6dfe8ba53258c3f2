"""Tests for l1l2.exercises.regularization: the soft- and hard-thresholding, ridge-SVD,
cross-validation and Laplace-alpha checkers accept right answers and name typical
mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import linear_model, penalties, priors
from l1l2.exercises import (
    AnswerError,
    check_cv_error,
    check_hard_threshold,
    check_laplace_alpha,
    check_ridge_svd,
    check_soft_threshold,
)
from l1l2.exercises import regularization as ex_regularization


def soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def test_reference_formula_matches_l1l2_penalties():
    x = np.array([-3.0, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 2.0, 3.0])
    for t in (0.0, 0.5, 2.0):
        np.testing.assert_allclose(ex_regularization._soft_threshold(x, t),
                                   penalties.soft_threshold(x, t))


# --------------------------------------------------------------------------
# soft thresholding
# --------------------------------------------------------------------------
def test_soft_threshold_correct_solutions(capsys):
    check_soft_threshold(lambda x, t: np.sign(x) * np.maximum(np.abs(x) - t, 0))
    assert capsys.readouterr().out == "soft_threshold: correct.\n"
    check_soft_threshold(lambda x, t: x - np.clip(x, -t, t), quiet=True)
    check_soft_threshold(penalties.soft_threshold, quiet=True)


def _inplace_soft(x, t):
    x -= np.clip(x, -t, t)
    return x


@pytest.mark.parametrize("fn, match", [
    (lambda x, t: np.where(np.abs(x) > t, x, 0.0), "hard thresholding"),
    (lambda x, t: np.maximum(np.abs(x) - t, 0), "lost the sign"),
    (lambda x, t: np.maximum(x - t, 0), "only the positive side"),
    (lambda x, t: x - t * np.sign(x), "no clipping at zero"),
    (lambda x, t: x - t, "subtracts t from every x"),
    (lambda x, t: np.sign(x) * np.maximum(np.abs(x) - 2 * t, 0), "threshold 2t .*factor 2"),
    (lambda x, t: np.sign(x) * np.maximum(np.abs(x) - t / 2, 0), "threshold t/2 .*factor 2"),
    (lambda x, t: np.clip(x, -t, t), "clipping to"),
    (lambda x, t: x / (1 + t), "proportional shrinkage"),
    (_inplace_soft, "modified its input array x in place"),
    (lambda x, t: float(np.sum(np.abs(x))), "single number"),
])
def test_soft_threshold_diagnoses(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_soft_threshold(fn)


# --------------------------------------------------------------------------
# hard thresholding (best subset in an orthonormal design)
# --------------------------------------------------------------------------
def hard_right(z, lam):
    z = np.asarray(z, dtype=float)
    return np.where(np.abs(z) > np.sqrt(2 * lam), z, 0.0)


def test_hard_threshold_accepts_the_solution(capsys):
    check_hard_threshold(hard_right)
    assert capsys.readouterr().out == "hard_threshold: correct.\n"
    check_hard_threshold(lambda z, lam: z * (0.5 * z**2 > lam), quiet=True)


def _inplace_hard(z, lam):
    z[np.abs(z) <= np.sqrt(2 * lam)] = 0.0
    return z


@pytest.mark.parametrize(("fn", "match"), [
    (lambda z, lam: np.where(np.abs(z) > lam, z, 0.0), r"sqrt\(2 \* lam\), not lam"),
    (lambda z, lam: np.where(np.abs(z) > np.sqrt(lam), z, 0.0), r"not sqrt\(lam\)"),
    (lambda z, lam: np.where(np.abs(z) > 2 * lam, z, 0.0), r"not 2 \* lam"),
    (lambda z, lam: soft(z, np.sqrt(2 * lam)), "unshrunk"),
    (lambda z, lam: soft(z, lam), "the lasso"),
    (lambda z, lam: np.where(np.abs(z) > np.sqrt(2 * lam), np.abs(z), 0.0), "lost the sign"),
    (_inplace_hard, "modif|in place"),
    (lambda z, lam: hard_right(z, lam) * 1.1, "wrong|For example"),
])
def test_hard_threshold_diagnoses_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_hard_threshold(fn)


# --------------------------------------------------------------------------
# K-fold cross-validation error
# --------------------------------------------------------------------------
def cv_solution(X, y, alpha, folds, *, intercept=True, refit_all=False, reduce=np.mean):
    errors = []
    for val in folds:
        train = np.arange(len(y)) if refit_all else np.setdiff1d(np.arange(len(y)), val)
        fit = linear_model.ridge(X[train], y[train], alpha, fit_intercept=intercept)
        errors.append(reduce((y[val] - X[val] @ fit.coef - fit.intercept) ** 2))
    return float(np.mean(errors))


def cv_per_fold(X, y, alpha, folds):
    return np.array([cv_solution(X, y, alpha, [f]) for f in folds])


def cv_modifies(X, y, alpha, folds):
    y -= y.mean()
    return cv_solution(X, y, alpha, folds)


def cv_drops_a_fold(X, y, alpha, folds):
    folds.pop()
    return cv_solution(X, y, alpha, folds)


def test_cv_error_accepts_the_solution(capsys):
    check_cv_error(cv_solution)
    assert capsys.readouterr().out == "cv_error: correct.\n"
    check_cv_error(cv_solution, quiet=True)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("fn, match", [
    (lambda X, y, a, f: cv_solution(X, y, a, f, refit_all=True), "fitted on all the data"),
    (lambda X, y, a, f: cv_solution(X, y, a, f, reduce=np.sum), "sum of squared errors"),
    (lambda X, y, a, f: cv_solution(X, y, a, f, reduce=lambda e: np.sqrt(np.mean(e))),
     "root mean squared"),
    (lambda X, y, a, f: cv_solution(X, y, a, f, intercept=False), "no intercept"),
    (lambda X, y, a, f: cv_solution(X, y, 0.0, f), "does not depend on alpha"),
    (cv_per_fold, "one error per fold"),
    (lambda X, y, a, f: np.zeros(2), "one number"),
    (lambda X, y, a, f: None, "forget to `return`"),
    (cv_modifies, "modified"),
    (cv_drops_a_fold, "modified X, y or folds in place"),
    (lambda X, y, a, f: 1 / 0, "ZeroDivisionError"),
    (lambda X, y, a, f: 1.5 * cv_solution(X, y, a, f), "expected"),
])
def test_cv_error_rejects_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_cv_error(fn)


# --------------------------------------------------------------------------
# ridge from the SVD
# --------------------------------------------------------------------------
def ridge_svd(X, y, lam):
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ (d / (d**2 + lam) * (U.T @ y))


def ridge_via_solver(X, y, lam):
    return linear_model.ridge(X, y, alpha=lam, fit_intercept=False).coef


def _svd_with(factor, rotate=True):
    def solve(X, y, lam):
        U, d, Vt = np.linalg.svd(X, full_matrices=False)
        z = factor(d, lam) * (U.T @ y)
        return Vt.T @ z if rotate else z
    return solve


def test_ridge_svd_accepts_the_solution_and_the_package(capsys):
    check_ridge_svd(ridge_svd)
    assert capsys.readouterr().out == "ridge_svd: correct.\n"
    check_ridge_svd(ridge_via_solver, quiet=True)


@pytest.mark.parametrize("wrong, match", [
    (lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0], "least squares"),
    (_svd_with(lambda d, lam: d**2 / (d**2 + lam)), "shrinkage factor"),
    (_svd_with(lambda d, lam: d / (d**2 + 2 * lam)), "factor 2"),
    (_svd_with(lambda d, lam: d / (d**2 + lam / 2)), "factor 1/2"),
    (_svd_with(lambda d, lam: d / (d**2 + lam * d)), "added to d instead"),
    (_svd_with(lambda d, lam: d / (d**2 + lam), rotate=False), "principal coordinates"),
    (lambda X, y, lam: ridge_svd(X, y, lam)[:-1], "wrong shape"),
    (lambda X, y, lam: None, "forget to `return`"),
    (lambda X, y, lam: ridge_svd(X, y, lam) * 1.01, "wrong for 4 of 4"),
])
def test_ridge_svd_rejects_typical_mistakes(wrong, match):
    with pytest.raises(AnswerError, match=match):
        check_ridge_svd(wrong)


def test_ridge_svd_reports_in_place_modification_and_exceptions():
    def centres_in_place(X, y, lam):
        X -= X.mean(axis=0)
        return ridge_svd(X, y, lam)

    with pytest.raises(AnswerError, match="in place"):
        check_ridge_svd(centres_in_place)

    def broken(X, y, lam):
        raise np.linalg.LinAlgError("boom")

    with pytest.raises(AnswerError, match="LinAlgError"):
        check_ridge_svd(broken)


# --------------------------------------------------------------------------
# the lasso strength of a Laplace prior
# --------------------------------------------------------------------------
def test_laplace_alpha_accepts_the_formula_and_the_package_version(capsys):
    check_laplace_alpha(lambda b, sigma, n: sigma**2 / (n * b))
    assert capsys.readouterr().out == "laplace_alpha: correct.\n"
    check_laplace_alpha(lambda b, sigma, n: priors.prior_to_alpha("laplace", b, sigma, n),
                        quiet=True)


@pytest.mark.parametrize(("fn", "match"), [
    (lambda b, s, n: s * s / b, "1/n is missing"),
    (lambda b, s, n: s / (n * b), "sigma instead of sigma\\^2"),
    (lambda b, s, n: n * b / (s * s), "upside down"),
    (lambda b, s, n: 2 * s * s / (n * b), "factor 2"),
    (lambda b, s, n: s * s / (2 * n * b), "factor 1/2"),
    (lambda b, s, n: s * s / (b * b), "ridge"),
    (lambda b, s, n: 1.1 * s * s / (n * b), "wrong for"),
])
def test_laplace_alpha_diagnoses_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_laplace_alpha(fn)


def test_laplace_alpha_reports_a_crashing_answer():
    def bad(b, s, n):
        raise RuntimeError("boom")

    with pytest.raises(AnswerError, match="raised RuntimeError"):
        check_laplace_alpha(bad)
