"""Notebook code reads on the site: the book shows about 85 characters of code
before a horizontal scrollbar, so no code line in a chapter is longer than 88."""

from __future__ import annotations

import json
import pathlib

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
