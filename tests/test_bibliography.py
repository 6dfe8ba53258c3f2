"""Every work in references.bib is cited somewhere, and every citation has an entry."""

from __future__ import annotations

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def test_every_entry_is_cited_and_every_citation_exists():
    keys = re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(), re.M)
    assert len(keys) == len(set(keys)), "duplicate keys in references.bib"
    texts = [p.read_text() for p in [*ROOT.glob("*.md"), *(ROOT / "reference").glob("*.md")]]
    for path in (ROOT / "chapters").glob("*.ipynb"):
        cells = json.loads(path.read_text())["cells"]
        texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    cited = {key.strip() for text in texts for group in CITE.findall(text)
             for key in group.split(",")}
    assert not sorted(set(keys) - cited), f"never cited: {sorted(set(keys) - cited)}"
    assert not sorted(cited - set(keys)), f"cited but missing: {sorted(cited - set(keys))}"


def test_no_entry_holds_tex_math():
    """The bibliography page shows entries as text: a `$` would reach the reader raw
    (the browser test found "$\\ell _1$-ball" there); write the symbol in Unicode."""
    bib = (ROOT / "references.bib").read_text()
    bad = [line.strip() for line in bib.splitlines() if "$" in line]
    assert not bad, f"TeX math in references.bib (use Unicode): {bad}"
