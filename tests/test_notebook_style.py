"""Notebooks read well and their outputs are portable.

- Code reads on the site: the book shows about 85 characters of code before a
  horizontal scrollbar, so no code line in a chapter is longer than 88.
- No stored output shows a number at rounding level (|x| < 1e-12 written as
  1.0e-15 or 10^{-16}) or with more digits than a float holds (17 significant
  digits): such digits change with the BLAS kernel, and nbval compares text
  strictly. Print or glue a bound instead ("below 1e-12"), or round.
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
MAX_LINE = 88


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_code_lines_fit_the_page(path):
    too_long = []
    for k, cell in enumerate(json.loads(path.read_text())["cells"]):
        if cell["cell_type"] != "code":
            continue
        for line in "".join(cell["source"]).splitlines():
            if len(line) > MAX_LINE:
                too_long.append(f"cell {k}: {len(line)} chars: {line[:60]}...")
    assert not too_long, "\n".join(too_long)


def test_there_are_chapters():
    assert len(CHAPTERS) >= 11


# 1.0e-15, 3e-17 (not inside a word or a longer number), 10^{-16}, 10^-16
ROUNDING_LEVEL = re.compile(r"(?<![\w.])\d(?:\.\d+)?[eE]-(\d+)|10\^\{?-(\d+)")
# 0.0050000000000000044 or 1.2345678901234567: 15 or more significant digits
TOO_MANY_DIGITS = re.compile(r"(?<![\w.])\d\.\d{14,}|(?<![\w.])0\.0*[1-9]\d{14,}")


def output_texts(cell, *, reprs=True):
    """The text a reader sees of a cell's stored outputs: printed text, glued
    values and (with ``reprs``) the text/plain repr of results. Figures and
    HTML are left out."""
    for output in cell.get("outputs", []):
        if "text" in output:
            yield "".join(output["text"])
        for key, value in output.get("data", {}).items():
            glued = key.startswith("application/papermill.record/text/")
            if glued or (reprs and key == "text/plain"):
                yield "".join(value) if isinstance(value, list) else str(value)


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_no_output_shows_rounding_level_digits(path):
    found = []
    for k, cell in enumerate(json.loads(path.read_text())["cells"]):
        for text in output_texts(cell):
            for match in ROUNDING_LEVEL.finditer(text):
                exponent = int(match.group(1) or match.group(2))
                if exponent > 12:
                    found.append(f"cell {k}: {match.group(0)!r} in {text[:80]!r}")
        # printed and glued numbers only: a repr may show an input such as 1/9 in full
        for text in output_texts(cell, reprs=False):
            for match in TOO_MANY_DIGITS.finditer(text):
                found.append(f"cell {k}: {match.group(0)!r} has more digits than mean anything")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text, flagged", [
    ("distance after 300 steps: 1.0e-15", True),
    ("glued $10^{-16}$", True),
    ("below 1e-12", False),
    ("lr = 1e-3, 2.5e-05", False),
    ("0.0050000000000000044", True),
    ("0.005", False),
])
def test_the_rounding_level_patterns(text, flagged):
    cell = {"outputs": [{"output_type": "stream", "text": text}]}
    hits = [m for t in output_texts(cell) for m in ROUNDING_LEVEL.finditer(t)
            if int(m.group(1) or m.group(2)) > 12] + [
        m for t in output_texts(cell) for m in TOO_MANY_DIGITS.finditer(t)]
    assert bool(hits) == flagged
