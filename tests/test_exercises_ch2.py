"""Chapter 2's checker, check_clip_by_norm: accepts right answers, diagnoses
the typical wrong ones."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2.exercises import AnswerError, check_clip_by_norm
from l1l2.solvers import clip_by_norm


def test_accepts_the_package_version_and_the_plain_formula(capsys):
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
def test_diagnoses_typical_mistakes(fn, match):
    if match == "correct":
        check_clip_by_norm(fn, quiet=True)
        return
    with pytest.raises(AnswerError, match=match):
        check_clip_by_norm(fn)


def test_nan_from_a_zero_gradient_is_explained():
    def no_guard(g, m):
        return g * min(1.0, m / np.linalg.norm(g)) if np.linalg.norm(g) else g * np.nan

    with pytest.raises(AnswerError, match="zero gradient"):
        check_clip_by_norm(no_guard)


def test_modifying_the_input_is_reported():
    def in_place(g, m):
        g *= min(1.0, m / (np.linalg.norm(g) + 1e-6))
        return g

    with pytest.raises(AnswerError, match="in place"):
        check_clip_by_norm(in_place)


def test_not_a_function_raises_value_error():
    with pytest.raises(ValueError, match="fn"):
        check_clip_by_norm(np.zeros(3))
