"""The table of contents and the chapters folder agree, and the book's
structure is the one the course promises."""

from __future__ import annotations

import json
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc["parts"]:
        files += [entry["file"] for entry in part["chapters"]]
    return toc, files


def resolve(entry: str) -> pathlib.Path | None:
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{entry}{suffix}"
        if path.exists():
            return path
    return None


def test_every_toc_entry_exists():
    _, files = toc_files()
    missing = [f for f in files if resolve(f) is None]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


def test_every_chapter_notebook_is_in_the_toc():
    _, files = toc_files()
    listed = {f for f in files}
    notebooks = sorted(p for p in (ROOT / "chapters").glob("*.ipynb"))
    assert notebooks, "chapters/ holds no notebook"
    orphans = [str(p.relative_to(ROOT)) for p in notebooks
               if str(p.relative_to(ROOT).with_suffix("")) not in listed]
    assert not orphans, f"notebooks missing from _toc.yml: {orphans}"


def test_toc_has_the_four_numbered_parts():
    toc, _ = toc_files()
    assert toc["format"] == "jb-book"
    captions = [part["caption"] for part in toc["parts"]]
    assert captions == [
        "Part I: Losses",
        "Part II: Regularization",
        "Part III: Geometry and priors",
        "Part IV: Myths, exercises and reference",
    ]
    assert all(part.get("numbered") for part in toc["parts"])


def test_notebooks_are_stored_executed_and_clean():
    """Stored with outputs, without timing metadata, errors or widget state."""
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = json.loads(path.read_text())
        assert "widgets" not in nb["metadata"], f"{path.name}: stored widget state"
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
                continue
            where = f"{path.name}, code cell {i}"
            assert cell["execution_count"] is not None, f"{where} was never executed"
            assert "execution" not in cell["metadata"], f"{where} stores timing metadata"
            for output in cell["outputs"]:
                assert output["output_type"] != "error", f"{where} stores an error"
                text = json.dumps(output)
                assert " at 0x" not in text, f"{where} shows a memory address"
