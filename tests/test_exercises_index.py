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


def test_index_titles_and_checker_marks_match_the_chapters():
    directive = re.compile(r"`{3,}\{exercise\}\s*(.*?)\n:label:\s*(\S+)(.*?)\n`{3,}\n", re.S)
    expected = {}
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                for title, label, body in directive.findall("".join(cell["source"])):
                    expected[label] = (title.strip(), "yes" if "check_" in body else "")
    index = (ROOT / "reference" / "exercises.md").read_text()
    rows = re.findall(r"^\| \{ref\}`([^`]+)` \| (.*?) \| (easy|medium|hard) \| (yes|) \|$",
                      index, flags=re.M)
    assert len(rows) == len(expected) > 0
    for label, title, _, checker in rows:
        assert (title, checker) == expected[label], label
