"""Write the reader notebooks: the chapters without MyST markup, for Jupyter and Colab.

The chapters in ``chapters/`` are MyST notebooks: their Markdown holds roles such as
``{glue:text}`name``` and ``{term}`lasso```, and directives such as ``{admonition}`` and
``{exercise}``, which only the Jupyter Book build understands. Opened in JupyterLab,
Notebook 7, VS Code, Colab or on GitHub, they show that markup raw. This script writes,
for every chapter listed in ``_toc.yml``, ``notebooks/<same name>.ipynb`` in which

* glue roles are replaced by the values stored in the chapter's outputs,
* glossary terms, citations, cross-references and page links become Markdown links to the
  website (the GitHub Pages site of ``repository.url`` in ``_config.yml``),
* admonitions become block quotes, folded ones (``:class: dropdown``) and solutions become
  ``<details>`` blocks, exercises are numbered as on the website,
* ``(label)=`` targets are removed (links go to the website, where the targets live),
* glue records (outputs Jupyter cannot display) are dropped from the code cells,
* a code cell after the title installs ``l1l2`` where it is missing (Colab).

Usage::

    python scripts/make_reader_notebooks.py          # (re)write notebooks/
    python scripts/make_reader_notebooks.py --check  # exit 1 if notebooks/ is out of date

Every URL derives from ``repository.url`` and ``repository.branch`` in ``_config.yml``.
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml
from docutils.nodes import fully_normalize_name
from docutils.nodes import make_id as docutils_make_id
from myst_nb.core.variables import format_plain_text
from pybtex.backends.plaintext import Backend as PlainText
from pybtex.database import parse_file
from pybtex.richtext import Text
from sphinx.util.nodes import _make_id as sphinx_make_id

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "notebooks"

GLUE_PREFIX = "application/papermill.record/"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
INSTALL_TAG = "l1l2-install"


# --------------------------------------------------------------------------------------
# Configuration: every URL derives from repository.url in _config.yml
# --------------------------------------------------------------------------------------


def _load_config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _site_url(repo_url: str) -> str:
    """The GitHub Pages address of a GitHub repository, with a final slash."""
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", repo_url)
    if match is None:
        raise ValueError(f"repository.url in _config.yml is not a GitHub repository: {repo_url}")
    owner, name = match.groups()
    host = f"{owner.lower()}.github.io"
    if name.lower() == host:  # a user or organization site is served at the root
        return f"https://{host}/"
    return f"https://{host}/{name}/"


_CONFIG = _load_config()
REPO_URL: str = _CONFIG["repository"]["url"].rstrip("/")
BRANCH: str = _CONFIG["repository"].get("branch") or "main"
SITE_URL: str = _site_url(REPO_URL)
BOOK_TITLE: str = _CONFIG["title"]


def install_source() -> str:
    """The pip requirement the install cell uses when L1L2_SOURCE is not set."""
    return f"l1l2 @ git+{REPO_URL}@{BRANCH}#subdirectory=code"


# Lint-clean (ruff checks notebooks/ too) and within 88 characters a line.
INSTALL_CELL = f'''\
# Colab, or this notebook downloaded alone: install the course's helper package
# l1l2 (and what it needs) if it is missing. Elsewhere this cell does nothing.
import importlib.util
import os

if importlib.util.find_spec("l1l2") is None:
    repository = "git+{REPO_URL}@{BRANCH}"
    source = os.environ.get("L1L2_SOURCE", f"l1l2 @ {{repository}}#subdirectory=code")
    %pip install -q "{{source}}"
    importlib.invalidate_caches()'''


def page_url(docname: str, anchor: str | None = None) -> str:
    url = f"{SITE_URL}{docname}.html"
    return f"{url}#{anchor}" if anchor else url


# --------------------------------------------------------------------------------------
# The book: table of contents, labels, exercises, glossary, bibliography
# --------------------------------------------------------------------------------------


def _toc_entries() -> list[tuple[str, int | None]]:
    """(docname, chapter number or None) for every file of _toc.yml, in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries: list[tuple[str, int | None]] = [(toc["root"], None)]
    number = 0

    def walk(items, numbered, depth):
        nonlocal number
        for item in items or []:
            if "file" in item:
                num = None
                if numbered and depth == 0:
                    number += 1
                    num = number
                entries.append((_strip_suffix(item["file"]), num))
            walk(item.get("sections"), numbered, depth + 1)

    if "parts" in toc:
        for part in toc["parts"]:
            walk(part.get("chapters"), bool(part.get("numbered")), 0)
    else:
        walk(toc.get("chapters"), bool(toc.get("numbered")), 0)
    return entries


def _strip_suffix(docname: str) -> str:
    for suffix in (".ipynb", ".md"):
        if docname.endswith(suffix):
            return docname[: -len(suffix)]
    return docname


def _source_path(docname: str) -> Path:
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{docname}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(f"no source file for {docname!r} (listed in _toc.yml)")


def _markdown_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n\n".join(
            _text(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "markdown"
        )
    return path.read_text(encoding="utf-8")


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def chapter_docnames() -> list[str]:
    """The chapters of _toc.yml (the files under chapters/), in order."""
    return [doc for doc, _ in _toc_entries() if doc.startswith("chapters/")]


FOOTNOTE_RE = re.compile(r"(?P<definition>^)?\[\^(?P<label>[\w-]+)\](?(definition):[ \t]*)", re.M)
TARGET_RE = re.compile(r"^\((?P<label>[^()\s]+)\)=\s*$")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
DIRECTIVE_RE = re.compile(r"^\{(?P<name>[^}\s]+)\}\s*(?P<arg>.*)$")
OPTION_RE = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")


@dataclass
class Exercise:
    label: str | None
    number: str | None
    title: str


@dataclass
class Book:
    """What the conversion needs to know about the whole book."""

    numbers: dict[str, int | None] = field(default_factory=dict)  # docname -> chapter number
    titles: dict[str, str] = field(default_factory=dict)  # docname -> first heading
    labels: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    exercises: dict[str, list[Exercise]] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)  # lower-case term -> term
    glossary_doc: str | None = None
    bibliography_doc: str | None = None
    bib: dict = field(default_factory=dict)


def _fenced_blocks(lines: list[str]):
    """Yield (start, end, fence, info) of each top-level fenced block of ``lines``."""
    i = 0
    while i < len(lines):
        match = FENCE_RE.match(lines[i])
        if match is None:
            i += 1
            continue
        end = _closing_fence(lines, i + 1, match["fence"])
        yield i, end, match["fence"], match["info"].strip()
        i = end + 1


def _closing_fence(lines: list[str], start: int, fence: str) -> int:
    for j in range(start, len(lines)):
        close = re.match(r"^ {0,3}(`{3,}|~{3,}|:{3,})\s*$", lines[j])
        if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
            return j
    return len(lines)


def _split_options(body: list[str]) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    k = 0
    if body and body[0].strip() == "---":  # YAML options block
        end = body.index("---", 1) if "---" in body[1:] else len(body)
        block = yaml.safe_load("\n".join(body[1:end])) or {}
        options.update({str(key): str(value) for key, value in block.items()})
        k = end + 1
    while k < len(body) and OPTION_RE.match(body[k]):
        match = OPTION_RE.match(body[k])
        options[match["key"]] = match["value"].strip()
        k += 1
    return options, body[k:]


def _scan_document(book: Book, docname: str, text: str) -> None:
    """Record the labels, exercises, glossary terms and bibliography of one document."""
    lines = text.split("\n")
    number = book.numbers.get(docname)
    exercises: list[Exercise] = []
    in_fence: set[int] = set()
    for start, end, _fence, info in _fenced_blocks(lines):
        in_fence.update(range(start, end + 1))
        directive = DIRECTIVE_RE.match(info)
        if directive is None:
            continue
        name, arg = directive["name"], directive["arg"].strip()
        options, body = _split_options(lines[start + 1 : end])
        if name == "exercise":
            count = sum(1 for e in exercises if e.number is not None)
            num = None
            if "nonumber" not in options:
                num = f"{number}.{count + 1}" if number is not None else str(count + 1)
            ex = Exercise(options.get("label"), num, arg)
            exercises.append(ex)
            if ex.label:
                title = f"Exercise {num}" if num else arg
                book.labels[fully_normalize_name(ex.label)] = (docname, ex.label, title)
        elif name == "glossary":
            book.glossary_doc = docname
            for line in body:
                if line.strip() and not line[0].isspace() and not line.startswith(":"):
                    book.terms[line.strip().lower()] = line.strip()
        elif name == "bibliography":
            book.bibliography_doc = docname
        if (name != "exercise" and "label" in options) or "name" in options:
            label = options.get("label") or options.get("name")
            book.labels.setdefault(fully_normalize_name(label), (docname, label, arg or None))
    for i, line in enumerate(lines):
        if i in in_fence:
            continue
        match = TARGET_RE.match(line)
        if match is None:
            continue
        label = match["label"]
        title = None
        for nxt in lines[i + 1 :]:
            if nxt.strip():
                heading = HEADING_RE.match(nxt)
                title = heading["title"] if heading else None
                break
        book.labels[fully_normalize_name(label)] = (docname, docutils_make_id(label), title)
    for i, line in enumerate(lines):
        heading = HEADING_RE.match(line)
        if heading and len(heading["hashes"]) == 1 and i not in in_fence:
            book.titles.setdefault(docname, heading["title"])
            break
    book.exercises[docname] = exercises


@functools.cache
def load_book() -> Book:
    book = Book()
    entries = _toc_entries()
    book.numbers = dict(entries)
    for docname, _ in entries:
        path = _source_path(docname)
        _scan_document(book, docname, _markdown_of(path))
        if path.suffix == ".ipynb":  # figures named in code-cell metadata
            nb = json.loads(path.read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                fig = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
                if fig.get("name"):
                    book.labels.setdefault(
                        fully_normalize_name(fig["name"]),
                        (docname, docutils_make_id(fig["name"]), fig.get("caption")),
                    )
    for bibfile in _CONFIG.get("bibtex_bibfiles", []):
        book.bib.update(parse_file(str(ROOT / bibfile)).entries)
    return book


# --------------------------------------------------------------------------------------
# Inline roles
# --------------------------------------------------------------------------------------


# a role, or an inline code span (left alone)
ROLE_RE = re.compile(
    r"\{(?P<name>[A-Za-z][\w:+.-]*)\}`(?P<content>[^`]+)`|(?P<code>`+)(?:.+?)(?P=code)"
)
EXPLICIT_RE = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


class ConversionError(ValueError):
    """MyST markup that the conversion cannot turn into plain Markdown."""


def _explicit(content: str) -> tuple[str | None, str]:
    match = EXPLICIT_RE.match(content.strip())
    if match and match["text"]:
        return match["text"], match["target"].strip()
    return None, content.strip()


def _escape_text(text: str) -> str:
    """Escape the characters that Markdown would read as markup in pasted plain text."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def _link_text(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


@functools.cache
def _latex_text(value: str) -> str:
    return " ".join(Text.from_latex(value).render(PlainText()).split())


def _author_label(entry, full: bool = False) -> str:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_latex_text(" ".join(p.prelast_names + p.last_names)) for p in persons]
    if not names:
        return _latex_text(entry.fields.get("key", entry.fields.get("title", "Anonymous")))
    if names[-1].lower() == "others":
        names, etal = names[:-1], True
    else:
        etal = False
    if full and not etal:
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + ", and " + names[-1]
    if len(names) == 1 and not etal:
        return names[0]
    if len(names) == 2 and not etal:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


@dataclass
class Context:
    """The state of the conversion of one chapter."""

    docname: str
    book: Book
    glue: dict[str, dict]
    exercise_index: int = 0
    figure_count: int = 0
    footnotes: dict[str, int] = field(default_factory=dict)

    def next_exercise(self) -> Exercise:
        exercises = self.book.exercises.get(self.docname, [])
        if self.exercise_index >= len(exercises):
            raise ConversionError(f"{self.docname}: more exercises than the scan found")
        ex = exercises[self.exercise_index]
        self.exercise_index += 1
        return ex

    def exercise(self, label: str) -> Exercise:
        for ex in self.book.exercises.get(self.docname, []):
            if ex.label == label:
                return ex
        raise ConversionError(f"{self.docname}: no exercise labelled {label!r}")

    # roles ---------------------------------------------------------------------------

    def role(self, name: str, content: str) -> str:
        handler = {
            "glue": self.glue_any,
            "glue:": self.glue_any,
            "glue:any": self.glue_any,
            "glue:text": self.glue_text,
            "glue:md": self.glue_md,
            "term": self.term,
            "cite": self.cite_p,
            "cite:p": self.cite_p,
            "cite:ps": functools.partial(self.cite_p, full=True),
            "cite:t": self.cite_t,
            "cite:ts": functools.partial(self.cite_t, full=True),
            "cite:author": self.cite_author,
            "cite:year": self.cite_year,
            "ref": self.ref,
            "numref": self.numref,
            "doc": self.doc,
            "math": lambda c: f"${c}$",
            "code": lambda c: f"`{c}`",
            "sub": lambda c: f"<sub>{c}</sub>",
            "sup": lambda c: f"<sup>{c}</sup>",
            "kbd": lambda c: f"<kbd>{c}</kbd>",
            "abbr": lambda c: re.sub(r"\s*\([^()]*\)\s*$", "", c),
        }.get(name)
        if handler is None:
            raise ConversionError(
                f"{self.docname}: no conversion for the role {{{name}}}`{content}`"
            )
        return handler(content)

    def _glue_data(self, key: str) -> dict:
        if "::" in key:
            raise ConversionError(
                f"{self.docname}: glue from another document ({key}) is not supported"
            )
        if key not in self.glue:
            raise ConversionError(f"{self.docname}: no stored glue output named {key!r}")
        return self.glue[key]

    def glue_text(self, content: str) -> str:
        parts = content.rsplit(":", 1)
        key, fmt = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "s")
        data = self._glue_data(key)
        if "text/plain" not in data:
            raise ConversionError(f"{self.docname}: glue {key!r} has no text/plain")
        return _escape_text(format_plain_text(_text(data["text/plain"]), fmt))

    def glue_md(self, content: str) -> str:
        key = content.rsplit(":", 1)[0]  # after the colon: myst or commonmark
        data = self._glue_data(key)
        if "text/markdown" not in data:
            raise ConversionError(f"{self.docname}: glue {key!r} has no text/markdown")
        return self.inline(_text(data["text/markdown"]).strip())

    def glue_any(self, content: str) -> str:
        data = self._glue_data(content.strip())
        if "text/markdown" in data:
            return self.inline(_text(data["text/markdown"]).strip())
        if "text/plain" in data:
            return _escape_text(format_plain_text(_text(data["text/plain"]), ""))
        raise ConversionError(f"{self.docname}: glue {content!r} has no text to paste")

    def term(self, content: str) -> str:
        text, target = _explicit(content)
        term = self.book.terms.get(target.lower())
        if term is None or self.book.glossary_doc is None:
            raise ConversionError(f"{self.docname}: {target!r} is not a glossary term")
        anchor = sphinx_make_id("term-" + term)
        return f"[{_link_text(text or target)}]({page_url(self.book.glossary_doc, anchor)})"

    def _bib_entries(self, content: str) -> list:
        keys = [k.strip() for k in content.split(",") if k.strip()]
        missing = [k for k in keys if k not in self.book.bib]
        if missing or self.book.bibliography_doc is None:
            raise ConversionError(f"{self.docname}: no bibliography entry for {missing}")
        return [self.book.bib[k] for k in keys]

    def _bib_link(self, text: str) -> str:
        return f"[{_link_text(text)}]({page_url(self.book.bibliography_doc)})"

    def cite_p(self, content: str, full: bool = False) -> str:
        items = [
            self._bib_link(f"{_author_label(e, full)} {e.fields.get('year', 'n.d.')}")
            for e in self._bib_entries(content)
        ]
        return "(" + "; ".join(items) + ")"

    def cite_t(self, content: str, full: bool = False) -> str:
        return ", ".join(
            self._bib_link(f"{_author_label(e, full)} ({e.fields.get('year', 'n.d.')})")
            for e in self._bib_entries(content)
        )

    def cite_author(self, content: str) -> str:
        return ", ".join(self._bib_link(_author_label(e)) for e in self._bib_entries(content))

    def cite_year(self, content: str) -> str:
        return ", ".join(
            self._bib_link(e.fields.get("year", "n.d.")) for e in self._bib_entries(content)
        )

    def _label(self, label: str) -> tuple[str, str, str | None]:
        found = self.book.labels.get(fully_normalize_name(label))
        if found is None:
            raise ConversionError(f"{self.docname}: no target labelled {label!r}")
        return found

    def ref(self, content: str) -> str:
        text, label = _explicit(content)
        docname, anchor, title = self._label(label)
        text = text or title
        if not text:
            raise ConversionError(f"{self.docname}: {{ref}}`{label}` needs a text (no title)")
        return f"[{_link_text(self.inline(text))}]({page_url(docname, anchor)})"

    def numref(self, content: str) -> str:
        text, label = _explicit(content)
        docname, anchor, title = self._label(label)
        match = re.fullmatch(r"Exercise (\S+)", title or "")
        if match is None:
            raise ConversionError(f"{self.docname}: {{numref}} to {label!r} is not supported")
        if text:
            text = text.replace("{number}", match[1]).replace("%s", match[1])
        return f"[{_link_text(text or title)}]({page_url(docname, anchor)})"

    def doc(self, content: str) -> str:
        text, target = _explicit(content)
        target = _strip_suffix(target)
        if target.startswith("/"):
            docname = posixpath.normpath(target.lstrip("/"))
        else:
            docname = posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), target))
        if docname not in self.book.numbers:
            raise ConversionError(f"{self.docname}: {{doc}}`{content}` is not a page of the book")
        text = text or self.book.titles.get(docname)
        if not text:
            raise ConversionError(f"{self.docname}: {docname} has no title")
        return f"[{_link_text(self.inline(text))}]({page_url(docname)})"

    def inline(self, text: str) -> str:
        """Replace every role of a run of Markdown text (outside code spans)."""

        def replace(match: re.Match) -> str:
            if match["code"]:
                return match.group(0)
            return self.role(match["name"], match["content"])

        return FOOTNOTE_RE.sub(self.footnote, ROLE_RE.sub(replace, text))

    def footnote(self, match: re.Match) -> str:
        """A MyST footnote, which Jupyter's Markdown does not know: a numbered superscript
        at the reference, and the same number opening the footnote's text."""
        number = self.footnotes.setdefault(match["label"], len(self.footnotes) + 1)
        return f"<sup>{number}</sup>" + (" " if match["definition"] is not None else "")

    # blocks ----------------------------------------------------------------------------

    def blocks(self, lines: list[str], top: bool = True) -> list[tuple]:
        """Convert Markdown lines to tokens: ("text", str), ("sol_start", label), ("sol_end",).

        Only top-level blocks may open or close a solution (sphinx-exercise's gated
        directives), and those may span cells.
        """
        tokens: list[tuple] = []
        plain: list[str] = []

        def flush():
            if plain:
                tokens.append(("text", self.inline("\n".join(plain))))
                plain.clear()

        i = 0
        while i < len(lines):
            line = lines[i]
            fence = FENCE_RE.match(line)
            if fence is None:
                if not TARGET_RE.match(line):
                    plain.append(line)
                i += 1
                continue
            end = _closing_fence(lines, i + 1, fence["fence"])
            body = lines[i + 1 : end]
            info = fence["info"].strip()
            i = end + 1
            directive = DIRECTIVE_RE.match(info)
            if directive is None:
                if fence["fence"][0] == ":":
                    raise ConversionError(
                        f"{self.docname}: colon fence without a directive: {line}"
                    )
                flush()
                closing = lines[end] if end < len(lines) else fence["fence"]
                tokens.append(("text", "\n".join([line, *body, closing])))
                continue
            flush()
            name, arg = directive["name"], directive["arg"].strip()
            options, body = _split_options(body)
            if name in ("solution-start", "solution-end"):
                if not top:
                    raise ConversionError(f"{self.docname}: {name} inside another directive")
                tokens.append(("sol_start", arg) if name == "solution-start" else ("sol_end",))
                if any(b.strip() for b in body):
                    tokens.append(("text", self.render(body)))
                continue
            tokens.append(("text", self.directive(name, arg, options, body)))
        flush()
        return tokens

    def render(self, lines: list[str]) -> str:
        parts = []
        for token in self.blocks(lines, top=False):
            parts.append(token[1])
        return "\n".join(parts).strip("\n")

    def directive(self, name: str, arg: str, options: dict, body: list[str]) -> str:
        classes = options.get("class", "").split()
        if name in ADMONITIONS or name == "admonition":
            title = arg if name == "admonition" else ADMONITIONS[name]
            if name != "admonition" and arg:  # a titled note puts the title in the body
                body = [arg, *body]
            inner = self.render(body)
            if "dropdown" in classes:
                return details(title, inner)
            return blockquote(f"**{self.inline(title)}**", inner)
        if name == "exercise":
            ex = self.next_exercise()
            head = f"**Exercise {ex.number}**" if ex.number else "**Exercise**"
            if ex.title:
                head += f" ({self.inline(ex.title)})"
            return blockquote(head, self.render(body))
        if name == "solution":
            return details(self.solution_summary(arg), self.render(body))
        if name == "math":
            return "$$\n" + "\n".join(body).strip("\n") + "\n$$"
        if name in ("figure", "image"):
            alt = options.get("alt", "")
            image = f"![{alt}]({arg})"
            if name == "figure" and any(b.strip() for b in body):
                self.figure_count += 1
                caption = self.render(body)
                return f"{image}\n\n{self.figure_caption(caption)}"
            return image
        raise ConversionError(f"{self.docname}: no conversion for the directive {{{name}}}")

    def solution_summary(self, label: str) -> str:
        ex = self.exercise(label)
        text = f"Solution to Exercise {ex.number}" if ex.number else "Solution"
        return f"{text} ({self.inline(ex.title)})" if ex.title else text

    def figure_caption(self, caption: str) -> str:
        number = self.book.numbers.get(self.docname)
        prefix = f"{number}.{self.figure_count}" if number is not None else str(self.figure_count)
        return f"**Fig. {prefix}** {caption}"


ADMONITIONS = {
    name: name.capitalize()
    for name in ("note", "tip", "hint", "important", "warning", "caution", "attention",
                 "danger", "error", "seealso")
}
ADMONITIONS["seealso"] = "See also"


def blockquote(head: str, body: str) -> str:
    lines = [head]
    if body.strip():
        lines += ["", *body.split("\n")]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def details(summary: str, body: str) -> str:
    return f"<details>\n<summary>{summary}</summary>\n\n{body.strip()}\n\n</details>"


# --------------------------------------------------------------------------------------
# Notebooks
# --------------------------------------------------------------------------------------


def _glue_outputs(nb) -> dict[str, dict]:
    glue: dict[str, dict] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if output.get("output_type") != "display_data" or name is None:
                continue
            prefix = output["metadata"]["scrapbook"].get("mime_prefix", GLUE_PREFIX)
            glue[name] = {
                mime[len(prefix) :]: value
                for mime, value in output.get("data", {}).items()
                if mime.startswith(prefix)
            }
    return glue


def _is_glue_record(output) -> bool:
    data = output.get("data")
    return bool(data) and all(mime.startswith(GLUE_PREFIX) for mime in data)


def _markdown_cell(source: str, cell_id: str, metadata: dict | None = None):
    cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
    cell.metadata = nbformat.from_dict(copy.deepcopy(metadata or {}))
    return cell


def _convert_cells(nb, ctx: Context) -> list:
    cells: list = []
    solution: str | None = None  # label of the open solution
    parts_of_solution = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            new = copy.deepcopy(cell)
            new.outputs = [o for o in new.outputs if not _is_glue_record(o)]
            cells.append(new)
            fig = cell.metadata.get("mystnb", {}).get("figure", {})
            if fig.get("caption"):
                ctx.figure_count += 1
                caption = ctx.figure_caption(ctx.inline(fig["caption"]))
                cells.append(_markdown_cell(caption, f"{cell.id}-caption"[:64]))
            continue
        if cell.cell_type != "markdown":
            cells.append(copy.deepcopy(cell))
            continue
        segments: list[tuple[str | None, str]] = []  # (open solution label, text)
        for token in ctx.blocks(_text(cell.source).split("\n")):
            if token[0] == "sol_start":
                if solution is not None:
                    raise ConversionError(f"{ctx.docname}: solution-start inside a solution")
                solution, parts_of_solution = token[1], 0
                ctx.exercise(solution)  # fails early on an unknown label
                segments.append((solution, ""))
            elif token[0] == "sol_end":
                if solution is None:
                    raise ConversionError(f"{ctx.docname}: solution-end without solution-start")
                solution = None
            else:
                segments.append((solution, token[1]))
        pieces: list[str] = []
        for label, group in _group(segments):
            text = "\n".join(group).strip("\n")
            if label is None:
                if text.strip():
                    pieces.append(text)
                continue
            summary = ctx.solution_summary(label)
            if parts_of_solution:
                summary += ", continued"
            if text.strip():
                pieces.append(details(summary, text))
                parts_of_solution += 1
            elif not parts_of_solution:  # the solution starts with code: say so, unfolded
                pieces.append(f"**{summary}:** in the code below.")
                parts_of_solution += 1
        if pieces:
            cells.append(_markdown_cell("\n\n".join(pieces), cell.id, cell.metadata))
    if solution is not None:
        raise ConversionError(f"{ctx.docname}: solution {solution!r} is never closed")
    return cells


def _group(segments):
    groups: list[tuple[str | None, list[str]]] = []
    for label, text in segments:
        if groups and groups[-1][0] == label:
            groups[-1][1].append(text)
        else:
            groups.append((label, [text]))
    return groups


def _front_cells(cells: list, docname: str) -> list:
    """The title (first), the note on the website version, then the install cell."""
    note = (
        f"This is the Jupyter version of a chapter of *{BOOK_TITLE}*; the website version is "
        f"at [{page_url(docname)}]({page_url(docname)})."
    )
    install = nbformat.v4.new_code_cell(INSTALL_CELL, id="l1l2-install")
    install.metadata = nbformat.from_dict({"tags": [INSTALL_TAG]})
    first = cells[0] if cells else None
    if first is not None and first.cell_type == "markdown":
        lines = first.source.split("\n")
        if HEADING_RE.match(lines[0]) and len(HEADING_RE.match(lines[0])["hashes"]) == 1:
            title = _markdown_cell(f"{lines[0]}\n\n{note}", first.id, first.metadata)
            rest = "\n".join(lines[1:]).strip("\n")
            front = [title, install]
            if rest:
                front.append(_markdown_cell(rest, f"{first.id}-body"[:64]))
            return front + cells[1:]
    return [_markdown_cell(note, "l1l2-reader-note"), install, *cells]


def reader_notebook(path) -> nbformat.NotebookNode:
    """The reader notebook of the chapter at ``path`` (a file of chapters/)."""
    path = Path(path).resolve()
    docname = path.relative_to(ROOT).with_suffix("").as_posix()
    nb = nbformat.read(path, as_version=4)
    ctx = Context(docname=docname, book=load_book(), glue=_glue_outputs(nb))
    cells = _front_cells(_convert_cells(nb, ctx), docname)
    metadata = {"kernelspec": dict(KERNELSPEC)}
    if "language_info" in nb.metadata:
        metadata["language_info"] = copy.deepcopy(nb.metadata["language_info"])
    out = nbformat.v4.new_notebook(cells=cells, metadata=metadata)
    out.nbformat, out.nbformat_minor = 4, max(nb.nbformat_minor, 5)
    nbformat.validate(out)
    return out


def notebook_text(nb) -> str:
    """The exact text the script writes for ``nb``: Jupyter's own format.

    nbformat stores sources and outputs as lists of lines, sorts the keys and indents
    by one space (json.dumps(indent=1, sort_keys=True, ensure_ascii=False)).
    """
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def expected_files() -> dict[Path, str]:
    files = {}
    for docname in chapter_docnames():
        source = _source_path(docname)
        if source.suffix != ".ipynb":
            continue
        files[OUT_DIR / source.name] = notebook_text(reader_notebook(source))
    return files


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 and name the files that differ"
    )
    args = parser.parse_args(argv)
    files = expected_files()
    existing = set(OUT_DIR.glob("*.ipynb")) if OUT_DIR.exists() else set()
    stale = sorted(existing - set(files))
    if args.check:
        differ = [
            path for path, text in files.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        bad = sorted(differ) + stale
        for path in bad:
            print(f"out of date: {_shown(path)}", file=sys.stderr)
        if bad:
            print("run: python scripts/make_reader_notebooks.py", file=sys.stderr)
            return 1
        print(f"{len(files)} reader notebooks are up to date")
        return 0
    OUT_DIR.mkdir(exist_ok=True)
    for path in stale:
        path.unlink()
    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {_shown(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
