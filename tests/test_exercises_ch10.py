"""Chapter 10's checker, check_laplace_alpha: accepts right answers, diagnoses the typical
wrong ones."""

from __future__ import annotations

import pytest

from l1l2 import priors
from l1l2.exercises import AnswerError, check_laplace_alpha


def test_accepts_the_formula_and_the_package_version(capsys):
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
def test_diagnoses_typical_mistakes(fn, match):
    with pytest.raises(AnswerError, match=match):
        check_laplace_alpha(fn)


def test_a_crashing_answer_is_reported():
    def bad(b, s, n):
        raise RuntimeError("boom")

    with pytest.raises(AnswerError, match="raised RuntimeError"):
        check_laplace_alpha(bad)
