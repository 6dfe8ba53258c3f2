"""The glossary and the chapters agree: every defined term is linked from the
text at least once, every {term} link names a defined term, and every entry
gives a Chinese term."""

from __future__ import annotations

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "reference" / "glossary.md"
TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")


def glossary_entries() -> dict[str, str]:
    """{term: definition line} from every {glossary} block."""
    entries = {}
    for block in re.findall(r"```\{glossary\}\n(.*?)```", GLOSSARY.read_text(), re.S):
        lines = [line for line in block.splitlines() if not line.startswith(":")]
        for i, line in enumerate(lines):
            if line and not line.startswith(" ") and i + 1 < len(lines):
                entries[line.strip()] = lines[i + 1].strip()
    return entries


def linked_terms() -> set[str]:
    texts = [p.read_text() for p in ROOT.glob("*.md")]
    texts += [p.read_text() for p in (ROOT / "reference").glob("*.md")]
    for path in (ROOT / "chapters").glob("*.ipynb"):
        cells = json.loads(path.read_text())["cells"]
        texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    linked = set()
    for text in texts:
        for target in TERM_ROLE.findall(text):
            match = re.search(r"<([^>]+)>$", target)
            linked.add((match.group(1) if match else target).strip())
    return linked


def test_the_glossary_has_entries_with_chinese_terms():
    entries = glossary_entries()
    assert len(entries) >= 20
    no_chinese = [t for t, d in entries.items() if not re.search(r"[\u4e00-\u9fff]", d)]
    assert not no_chinese, f"entries without a Chinese term: {no_chinese}"


def test_every_term_is_linked_from_the_text():
    entries = glossary_entries()
    unused = sorted(set(entries) - {t.lower() for t in linked_terms()} - linked_terms())
    assert not unused, f"glossary terms never linked with {{term}}: {unused}"


def test_every_term_link_names_a_defined_term():
    defined = {t.lower() for t in glossary_entries()}
    unknown = sorted(t for t in linked_terms() if t.lower() not in defined)
    assert not unknown, f"{{term}} links to undefined terms: {unknown}"
