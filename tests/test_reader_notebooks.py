"""The reader notebooks in notebooks/: the chapters without MyST markup.

scripts/make_reader_notebooks.py writes them; these tests check that the committed copies
are up to date, that no MyST markup is left, that every glued value is the one stored in
the chapter, that every link reaches a page (and, when the site is built, an anchor) of
the website, that solutions stay folded, and that every URL derives from _config.yml.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_reader_notebooks.py"
OUT = ROOT / "notebooks"
SITE_HTML = ROOT / "_build" / "html"
REGENERATE = "run: python scripts/make_reader_notebooks.py"

GLUE_MIME = "application/papermill.record/"
# MyST left in Markdown: a role, a directive fence, a colon fence, a (label)= target,
# a footnote
MYST_PATTERNS = {
    "role": re.compile(r"\{[a-z:-]+\}`"),
    "directive": re.compile(r"^\s*`{3,}\{", re.M),
    "tilde directive": re.compile(r"^\s*~{3,}\{", re.M),
    "colon fence": re.compile(r"^\s*:::", re.M),
    "target": re.compile(r"^\s*\([^()\s]+\)=\s*$", re.M),
    "glue": re.compile(r"\{glue"),
    "footnote": re.compile(r"\[\^[\w-]+\]"),
}
LINK_RE = re.compile(r"\]\((?P<url>[^)\s]+)\)")
URL_RE = re.compile(r"https?://[^\s)\"'<>\]]+")


def _load_script():
    spec = importlib.util.spec_from_file_location("make_reader_notebooks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


mrn = _load_script()


def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _owner_name() -> tuple[str, str]:
    url = _config()["repository"]["url"].rstrip("/")
    owner, name = url.split("/")[-2:]
    return owner, name.removesuffix(".git")


def _toc_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = []
    for part in toc["parts"]:
        files += [entry["file"] for entry in part["chapters"]]
    return [f for f in files if f.startswith("chapters/")]


def _chapter_paths() -> list[Path]:
    return [ROOT / f"{f.removesuffix('.ipynb')}.ipynb" for f in _toc_chapters()]


def _reader(chapter: Path) -> Path:
    return OUT / chapter.name


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _markdown_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "markdown"]


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    return mrn.expected_files()


@pytest.fixture(scope="module")
def readers() -> dict[str, nbformat.NotebookNode]:
    paths = sorted(OUT.glob("*.ipynb"))
    if not paths:
        pytest.fail(f"notebooks/ holds no reader notebook; {REGENERATE}")
    return {path.name: _read(path) for path in paths}


# (a) in sync ----------------------------------------------------------------------------


def test_reader_notebooks_are_up_to_date(generated):
    stale = [
        str(path.relative_to(ROOT)) for path, text in generated.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"reader notebooks out of date: {stale}; {REGENERATE}"


def test_generation_is_deterministic(generated):
    again = mrn.expected_files()
    assert again == generated


def test_check_mode_names_the_files_that_differ(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(mrn, "OUT_DIR", tmp_path)
    assert mrn.main([]) == 0  # writes into tmp_path
    assert mrn.main(["--check"]) == 0
    victim = tmp_path / _chapter_paths()[0].name
    victim.write_text(victim.read_text(encoding="utf-8") + " ", encoding="utf-8")
    (tmp_path / "99_orphan.ipynb").write_text("{}", encoding="utf-8")
    capsys.readouterr()
    assert mrn.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert victim.name in err and "99_orphan.ipynb" in err and "make_reader_notebooks" in err


# (b) one reader notebook per chapter, nothing else ---------------------------------------


def test_one_reader_notebook_per_chapter_and_nothing_else():
    expected = {path.name for path in _chapter_paths()}
    present = {path.name for path in OUT.iterdir()} if OUT.exists() else set()
    assert present == expected, (
        f"missing: {sorted(expected - present)}, unexpected: {sorted(present - expected)}; "
        f"{REGENERATE}"
    )


def test_notebook_metadata_is_ipykernel_s_own(readers):
    for name, nb in readers.items():
        chapter = json.loads((ROOT / "chapters" / name).read_text(encoding="utf-8"))
        assert nb.metadata == {
            "kernelspec": {
                "display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"
            },
            "language_info": chapter["metadata"]["language_info"],
        }, name
        nbformat.validate(nb)


# (c) no MyST left -------------------------------------------------------------------------


def myst_left(text: str) -> list[str]:
    return [
        f"{kind}: {text[max(0, m.start() - 30) : m.end() + 30]!r}"
        for kind, pattern in MYST_PATTERNS.items()
        for m in pattern.finditer(text)
    ]


def test_the_markup_detector_detects_markup():
    for sample in ("a {term}`lasso` b", "```{admonition} Hint\n```", "x\n:::{note}\n:::",
                   "(ch-three-losses)=\n# T", "````{exercise} T", "{glue:md}`x`"):
        assert myst_left(sample), sample
    assert not myst_left("plain $x^{2}$ and `code` and [a](b)")


def test_no_myst_markup_is_left(readers):
    problems = [
        f"{name} cell {i}: {problem}"
        for name, nb in readers.items()
        for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
        for problem in myst_left(cell.source)
    ]
    assert not problems, "\n".join(problems[:20])


def test_glue_records_are_dropped_and_other_outputs_kept(readers):
    for chapter in _chapter_paths():
        source = {c.id: c for c in _read(chapter).cells if c.cell_type == "code"}
        for cell in readers[chapter.name].cells:
            if cell.cell_type != "code" or cell.id not in source:
                continue
            original = source[cell.id]
            kept = [o for o in original.outputs
                    if not (o.get("data") and all(k.startswith(GLUE_MIME) for k in o.data))]
            assert cell.outputs == kept, (chapter.name, cell.id)
            assert cell.source == original.source
            assert cell.metadata == original.metadata


# (d) glue values -------------------------------------------------------------------------


def stored_glue(nb) -> dict[str, dict]:
    """name -> {mime: value} of the chapter's stored glue outputs."""
    glue = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                glue[name] = {k.removeprefix(GLUE_MIME): v for k, v in output.data.items()}
    return glue


def format_like_myst_nb(text: str, spec: str) -> str:
    """myst_nb.core.variables.format_plain_text, written out independently."""
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError):
        value = text
    if spec in ("", "s"):
        return format(str(value), spec)
    kind = spec[-1]
    if kind in "bcdoxX":
        value = int(value)
    elif kind in "eEfFgGn%":
        value = float(value)
    return format(value, spec)


GLUE_ROLE = re.compile(r"\{glue:(?P<kind>text|md)\}`(?P<key>[^`:]+)(?::(?P<spec>[^`]*))?`")


def _reader_text_of(reader_nb, cell_id: str) -> str:
    """The Markdown the reader notebook made of the chapter cell ``cell_id``."""
    return "\n".join(
        c.source for c in reader_nb.cells
        if c.cell_type == "markdown" and (c.id == cell_id or c.id == f"{cell_id}-body")
    )


def test_every_glue_role_is_replaced_by_its_stored_value(readers):
    checked_in_context = 0
    for chapter in _chapter_paths():
        nb = _read(chapter)
        glue = stored_glue(nb)
        reader = readers[chapter.name]
        for cell in _markdown_cells(nb):
            text = _reader_text_of(reader, cell.id)
            previous_end = 0
            for m in GLUE_ROLE.finditer(cell.source):
                assert m["key"] in glue, f"{chapter.name}: no stored glue {m['key']}"
                if m["kind"] == "text":
                    value = format_like_myst_nb(glue[m["key"]]["text/plain"], m["spec"] or "s")
                else:
                    value = glue[m["key"]]["text/markdown"].strip()
                assert value in text, f"{chapter.name} cell {cell.id}: {value!r} missing"
                # with the plain words just before the role, the value sits in its place
                before = cell.source[previous_end : m.start()].split("\n")[-1][-25:]
                previous_end = m.end()
                if before.strip() and not re.search(r"[{}`$*_\[\]<>\\]", before):
                    assert before + value in text, (chapter.name, before + value)
                    checked_in_context += 1
    assert checked_in_context > 100


def test_spot_check_glue_values_from_the_stored_outputs(readers):
    chapter = _chapter_paths()[0]
    glue = stored_glue(_read(chapter))
    text = "\n".join(c.source for c in _markdown_cells(readers[chapter.name]))
    for key in [k for k, v in glue.items() if "text/markdown" not in v][:5]:
        value = str(ast.literal_eval(glue[key]["text/plain"]))
        assert value in text, key
    for key in [k for k, v in glue.items() if "text/markdown" in v][:3]:
        assert glue[key]["text/markdown"] in text, key
    # a format spec is applied as myst-nb applies it
    sources = "\n".join(c.source for c in _markdown_cells(_read(chapter)))
    spec_roles = [m for m in GLUE_ROLE.finditer(sources) if m["spec"] and m["kind"] == "text"]
    assert spec_roles, "chapter 1 has no formatted glue role left to check"
    for m in spec_roles:
        raw = glue[m["key"]]["text/plain"]
        assert format(float(raw), m["spec"]) in text, m.group(0)


def test_a_missing_glue_name_is_an_error():
    book = mrn.load_book()
    ctx = mrn.Context(docname=_toc_chapters()[0].removesuffix(".ipynb"), book=book, glue={})
    with pytest.raises(mrn.ConversionError, match="no stored glue"):
        ctx.inline("The sum is {glue:text}`not_there`.")
    with pytest.raises(mrn.ConversionError, match="role"):
        ctx.inline("An {unknownrole}`x`.")
    with pytest.raises(mrn.ConversionError, match="directive"):
        ctx.blocks(["```{unknown-directive}", "body", "```"])


# (e) links reach pages and anchors --------------------------------------------------------


def _site_links(readers) -> list[tuple[str, str]]:
    links = []
    for name, nb in readers.items():
        for cell in _markdown_cells(nb):
            links += [(name, m["url"]) for m in LINK_RE.finditer(cell.source)
                      if m["url"].startswith(mrn.SITE_URL)]
    return links


def test_links_point_to_pages_of_the_book(readers):
    links = _site_links(readers)
    assert len(links) > 300
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    docs = {toc["root"]} | {
        e["file"].removesuffix(".ipynb").removesuffix(".md")
        for part in toc["parts"] for e in part["chapters"]
    }
    bad = []
    for name, url in links:
        page = url[len(mrn.SITE_URL) :].split("#")[0]
        if not page.endswith(".html") or page.removesuffix(".html") not in docs:
            bad.append((name, url))
    assert not bad, bad[:10]
    kinds = {url.split("#")[0].rsplit("/", 2)[-2] for _, url in links}
    assert {"chapters", "reference"} <= kinds


def test_link_anchors_exist_in_the_built_site(readers):
    if not (SITE_HTML / "index.html").exists():
        pytest.skip("the site is not built (_build/html); anchors not checked")
    ids: dict[str, set[str]] = {}
    missing = []
    for name, url in _site_links(readers):
        page, _, anchor = url[len(mrn.SITE_URL) :].partition("#")
        html = SITE_HTML / page
        if not html.exists():
            missing.append((name, url, "no page"))
            continue
        if anchor:
            if page not in ids:
                ids[page] = set(re.findall(r'\bid="([^"]+)"', html.read_text(encoding="utf-8")))
            if anchor not in ids[page]:
                missing.append((name, url, "no anchor"))
    assert not missing, f"{missing[:10]} (or _build/html is older than the chapters: rebuild)"


def test_term_links_use_sphinx_glossary_ids(readers):
    terms = [url for _, url in _site_links(readers) if "#term-" in url]
    assert len(terms) >= 100
    assert any(url.endswith("#term-L1-loss") for url in terms)  # case kept, spaces -> -


# (f) solutions are folded -----------------------------------------------------------------


SOLUTION_START = re.compile(r"^```+\{solution-start\}[^\n]*\n(?:[^\n]*\n)*?```+[ \t]*$", re.M)


def _inside_details(text: str, index: int) -> bool:
    opened = text.rfind("<details>", 0, index)
    return opened != -1 and text.rfind("</details>", 0, index) < opened


def test_solutions_are_inside_details(readers):
    checked = 0
    for chapter in _chapter_paths():
        nb = _read(chapter)
        reader = readers[chapter.name]
        starts = sum(len(SOLUTION_START.findall(c.source)) for c in _markdown_cells(nb))
        reader_md = "\n".join(c.source for c in _markdown_cells(reader))
        firsts = len(re.findall(r"<summary>Solution to Exercise [^<]*</summary>", reader_md))
        continued = len(re.findall(r"<summary>Solution to Exercise [^<]*, continued</summary>",
                                   reader_md))
        unfolded = len(re.findall(r"\*\*Solution to Exercise [^*]*:\*\* in the code", reader_md))
        assert firsts - continued + unfolded == starts, chapter.name
        for cell in _markdown_cells(nb):
            m = SOLUTION_START.search(cell.source)
            if m is None:
                continue
            after = cell.source[m.end() :].strip().split("\n")[0]
            words = re.split(r"[{}`$*_\[\]<>\\]", after)[0].strip()
            if len(words) < 15:
                continue
            text = _reader_text_of(reader, cell.id)
            where = text.find(words)
            assert where != -1, (chapter.name, words)
            assert _inside_details(text, where), (chapter.name, words)
            checked += 1
    assert checked >= 20


def test_details_blocks_are_well_formed(readers):
    for name, nb in readers.items():
        for cell in _markdown_cells(nb):
            text = cell.source
            assert text.count("<details>") == text.count("</details>"), (name, cell.id)
            for m in re.finditer(r"<details>\n<summary>[^<\n]+</summary>\n", text):
                assert text[m.end() : m.end() + 1] == "\n", (name, cell.id)  # blank line
            assert "<details>" not in text or re.search(r"\n\n</details>", text), (name, cell.id)


def test_a_solution_spanning_cells_folds_each_markdown_part():
    book = mrn.Book(numbers={"chapters/x": 3},
                    exercises={"chapters/x": [mrn.Exercise("ex-a", "3.1", "Title")]})
    ctx = mrn.Context(docname="chapters/x", book=book, glue={})
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("````{exercise} Title\n:label: ex-a\n\nDo it.\n````",
                                      id="a"),
        nbformat.v4.new_markdown_cell("Before.\n\n```{solution-start} ex-a\n:class: dropdown\n```",
                                      id="b"),
        nbformat.v4.new_code_cell("x = 1", id="c"),
        nbformat.v4.new_markdown_cell("More words.\n\n```{solution-end}\n```\n\nAfter.", id="d"),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```", id="e"),
    ])
    with pytest.raises(mrn.ConversionError, match="without solution-start"):
        mrn._convert_cells(nb, ctx)
    nb.cells.pop()
    ctx.exercise_index = 0
    cells = mrn._convert_cells(nb, ctx)
    assert [c.id for c in cells] == ["a", "b", "c", "d"]
    assert cells[0].source == "> **Exercise 3.1** (Title)\n>\n> Do it."
    assert cells[1].source == "Before.\n\n**Solution to Exercise 3.1 (Title):** in the code below."
    assert cells[3].source == (
        "<details>\n<summary>Solution to Exercise 3.1 (Title), continued</summary>\n\n"
        "More words.\n\n</details>\n\nAfter."
    )


def test_exercises_are_numbered_as_on_the_site(readers):
    for number, chapter in enumerate(_chapter_paths(), start=1):
        nb = _read(chapter)
        count = sum(c.source.count("{exercise}") for c in _markdown_cells(nb))
        found = re.findall(r"^> \*\*Exercise (\d+)\.(\d+)\*\*",
                           "\n".join(c.source for c in _markdown_cells(readers[chapter.name])),
                           re.M)
        assert found == [(str(number), str(k)) for k in range(1, count + 1)], chapter.name
        html = SITE_HTML / "chapters" / chapter.with_suffix(".html").name
        if html.exists():
            site = re.findall(r'caption-number">Exercise (\d+)\.(\d+) ', html.read_text("utf-8"))
            assert site == found, chapter.name


def test_figure_captions_are_numbered_as_on_the_site(readers):
    if not (SITE_HTML / "index.html").exists():
        pytest.skip("the site is not built (_build/html); figure numbers not compared")
    for chapter in _chapter_paths():
        md = "\n".join(c.source for c in _markdown_cells(readers[chapter.name]))
        ours = re.findall(r"^\*\*Fig\. (\d+\.\d+)\*\*", md, re.M)
        html = (SITE_HTML / "chapters" / chapter.with_suffix(".html").name).read_text("utf-8")
        assert ours == re.findall(r'caption-number">Fig\. (\d+\.\d+) ', html), chapter.name


def test_citation_labels_are_those_of_the_site(readers):
    if not (SITE_HTML / "index.html").exists():
        pytest.skip("the site is not built (_build/html); citations not compared")
    import html as html_lib

    site = set()
    for page in (SITE_HTML / "chapters").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<span class="bibtex-citation"[^>]*>\[(.*?)\]</span>', text):
            for label in re.findall(r"<a [^>]*>(.*?)</a>", m.group(1)):
                site.add(html_lib.unescape(re.sub("<[^>]+>", "", label)).replace(", ", " "))
    ours = {
        m.group(1)
        for nb in readers.values() for cell in _markdown_cells(nb)
        for m in re.finditer(r"\(\[([^\]]+ \d{4})\]\([^)]*bibliography\.html\)", cell.source)
    }
    ours |= {
        m.group(1)
        for nb in readers.values() for cell in _markdown_cells(nb)
        for m in re.finditer(r"; \[([^\]]+ \d{4})\]\([^)]*bibliography\.html\)", cell.source)
    }
    assert ours == site


# (g) the install cell ---------------------------------------------------------------------


def test_install_cell_follows_the_title_and_derives_from_the_config(readers):
    config = _config()
    repo = config["repository"]["url"].rstrip("/")
    branch = config["repository"]["branch"]
    requirement = f"l1l2 @ git+{repo}@{branch}#subdirectory=code"
    for chapter in _chapter_paths():
        nb = readers[chapter.name]
        title, install = nb.cells[0], nb.cells[1]
        original_title = _read(chapter).cells[0].source
        heading = next(line for line in original_title.split("\n") if line.startswith("# "))
        assert title.cell_type == "markdown" and title.source.startswith(heading + "\n")
        website = f"{mrn.SITE_URL}chapters/{chapter.stem}.html"
        assert f"the website version is at [{website}]({website})" in title.source
        assert install.cell_type == "code" and install.metadata == {"tags": ["l1l2-install"]}
        assert f'repository = "git+{repo}@{branch}"' in install.source
        assert requirement.replace(f"git+{repo}@{branch}", "{repository}") in install.source
        assert ('os.environ.get("L1L2_SOURCE", f"l1l2 @ {repository}#subdirectory=code")'
                in install.source)
        assert max(len(line) for line in install.source.splitlines()) <= 88
        assert '%pip install -q "{source}"' in install.source
        assert install.outputs == [] and install.execution_count is None
        tagged = [c for c in nb.cells if "l1l2-install" in c.metadata.get("tags", [])]
        assert tagged == [install]


def test_install_cell_runs_pip_only_when_l1l2_is_missing(monkeypatch):
    from IPython.core.inputtransformer2 import TransformerManager

    code = TransformerManager().transform_cell(mrn.INSTALL_CELL)
    calls = []

    class Shell:
        def run_line_magic(self, name, line):
            calls.append((name, line))

    namespace = {"get_ipython": Shell}
    exec(compile(code, "install-cell", "exec"), namespace)  # l1l2 is importable here
    assert calls == []
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    monkeypatch.delenv("L1L2_SOURCE", raising=False)
    namespace = {"get_ipython": Shell}
    exec(compile(code, "install-cell", "exec"), namespace)
    assert calls == [("pip", 'install -q "{source}"')]
    assert namespace["source"] == mrn.install_source()
    monkeypatch.setenv("L1L2_SOURCE", "/some/checkout/code")
    exec(compile(code, "install-cell", "exec"), namespace)
    assert namespace["source"] == "/some/checkout/code"


# (h) URLs derive from _config.yml ---------------------------------------------------------


def test_site_and_repository_urls_derive_from_the_config():
    owner, name = _owner_name()
    assert mrn.REPO_URL == _config()["repository"]["url"].rstrip("/")
    assert mrn.SITE_URL == f"https://{owner.lower()}.github.io/{name}/"
    assert mrn._site_url("https://github.com/Some-Org/a-book") == "https://some-org.github.io/a-book/"
    assert mrn._site_url("https://github.com/someone/someone.github.io") == (
        "https://someone.github.io/"
    )
    script = SCRIPT.read_text(encoding="utf-8")
    assert f"{owner}/{name}" not in script and f"{owner}.github.io" not in script.lower()


def test_no_url_names_the_repository_except_through_the_derived_ones(readers):
    owner, name = _owner_name()
    bad = []
    for file, nb in readers.items():
        for cell in nb.cells:
            for url in URL_RE.findall(cell.source):
                if owner.lower() in url.lower() or name.lower() in url.lower():
                    if not (url.startswith(mrn.SITE_URL) or url.startswith(mrn.REPO_URL)):
                        bad.append((file, url))
    assert not bad, bad[:10]
