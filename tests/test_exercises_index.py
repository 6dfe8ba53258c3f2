"""The exercises page lists every exercise of the book, and nothing else."""

from __future__ import annotations

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXERCISE = re.compile(r"````?\{exercise\}[^\n]*\n:label:\s*(\S+)")


def test_every_exercise_is_in_the_index():
    labels = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                labels += EXERCISE.findall("".join(cell["source"]))
    assert len(labels) == len(set(labels)), "exercise labels must be unique"
    index = (ROOT / "reference" / "exercises.md").read_text()
    listed = re.findall(r"\{ref\}`([^`]+)`", index)
    assert sorted(listed) == sorted(labels)
