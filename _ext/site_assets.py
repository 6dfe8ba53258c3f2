"""Site-wide adjustments of the build: keep every page's scripts to what it needs,
label citations the way the text cites them, and ask the figures for every frame.

1. Leave out saved widget state. A notebook executed by the build saves the
state of its live widgets, and myst-nb embeds it in the page (with the widget
JavaScript of ``nb_ipywidgets_js``, which the book sets to nothing). The book's
interactive figures carry an HTML version that the HTML builder shows instead
of the widget view (``nb_mime_priority_overrides``), so no page renders a
widget view and the state (the PNG of every live figure) is dead weight: it is
dropped from every page.

2. Drop duplicated scripts. sphinx-thebe (loaded by Jupyter Book) registers
its inline configuration script twice on notebook pages, and the second copy
throws "Identifier 'THEBE_JS_URL' has already been declared" in the browser.
Identical script entries are kept once.

3. Make bibliography entries valid list items. docutils marks the list of
citations ``role="list"`` but each entry ``role="doc-biblioentry"``, which
is not a list item: screen readers (and axe-core, as a critical violation)
see a list without items. Entries get ``role="listitem"``.

4. Leave out Font Awesome's 1.5 MB JavaScript. pydata-sphinx-theme loads
both Font Awesome's SVG-replacing script and its web fonts (through the theme's
CSS). The fonts alone draw every icon the pages use, so the script only added
1.5 MB to each first visit; it is removed from every page after the build.

5. Label bibliography entries the way the text cites them. The text cites
author-year ("[Huber, 1964]"), while pybtex's styles label the list [1], [2],
... or [Hub64]. The ``authoryear`` style is pybtex's ``plain`` with labels
"Huber, 1964", "Loshchilov and Hutter, 2019", "Efron et al., 2004"; two
entries that would share a label get "a", "b" after the year.

6. Separate several citations in one bracket with semicolons. The
``author_year`` reference style joins them with commas, so "[Girshick, 2015,
Huber, 1964]" reads like one list; ``author_year_semicolon`` gives
"[Girshick, 2015; Huber, 1964]".

7. Ask the book's interactive figures for every slider frame. In a reader's
kernel a figure shows its live widget and a one-frame fallback; the website
needs every frame precomputed. The build sets ``L1L2_STATIC_FRAMES=all``
(``l1l2.interactive``) before myst-nb starts the kernels that execute the
chapters; stored notebooks, nbval and Jupyter keep the light version.

8. Send Jupyter users to the reader notebooks. Each chapter has a reader
version in ``notebooks/`` (``scripts/make_reader_notebooks.py``): the same
cells with MyST turned into plain Markdown and a first cell that installs
``l1l2`` where it is missing. The Binder, JupyterHub and Colab buttons of a
chapter open that version, and its "download .ipynb" button downloads it.

9. One repository address. ``repository.url`` of ``_config.yml`` is the only
place it is written; pages cite it as the substitution
``{{ repository_url }}`` (and ``{{ binder_url }}``, ``{{ site_url }}``).
"""

import dataclasses
import os
import pathlib
import re
from collections import Counter

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


def _author_year(entry) -> str:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    last = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in persons]
    if not last:
        names = entry.fields.get("organization", entry.fields.get("title", "Anon."))
    elif len(last) == 1:
        names = last[0]
    elif len(last) == 2:
        names = f"{last[0]} and {last[1]}"
    else:
        names = f"{last[0]} et al."
    return f"{names}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        sorted_entries = list(sorted_entries)
        labels = [_author_year(e) for e in sorted_entries]
        counts, seen = Counter(labels), Counter()
        for label in labels:
            if counts[label] > 1:
                seen[label] += 1
                label = label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            yield label


class AuthorYearStyle(PlainStyle):
    default_label_style = AuthorYearLabelStyle


register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)


def _semicolon_brackets() -> BracketStyle:
    return BracketStyle(sep="; ")


@dataclasses.dataclass
class AuthorYearSemicolonReferenceStyle(AuthorYearReferenceStyle):
    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=_semicolon_brackets)


bibtex_plugin.register_plugin("sphinxcontrib.bibtex.style.referencing",
                              "author_year_semicolon", AuthorYearSemicolonReferenceStyle)


def drop_widget_state(app, doctree, docname):
    metadata = getattr(app.env, "nb_metadata", None)
    js_files = (metadata or {}).get(docname, {}).get("js_files")
    for key in [k for k in (js_files or {}) if k.startswith("ipywidgets")]:
        del js_files[key]


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {})
        filename = getattr(script, "filename", script) or ""  # None and "" alike
        key = (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def fix_citation_roles(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    if 'class="citation-list"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


FONTAWESOME_JS = re.compile(
    r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def drop_fontawesome_js(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in pathlib.Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        stripped = FONTAWESOME_JS.sub("", text)
        if stripped != text:
            page.write_text(stripped, encoding="utf-8")


def _walk_buttons(buttons):
    for button in buttons or []:
        if isinstance(button, dict):
            yield button
            yield from _walk_buttons(button.get("buttons"))


def launch_reader_notebooks(app, pagename, templatename, context, doctree):
    """Launch buttons of a chapter open its reader notebook (item 8)."""
    if not pagename.startswith("chapters/"):
        return
    name = pagename.removeprefix("chapters/")
    for button in _walk_buttons(context.get("header_buttons")):
        url = button.get("url")
        if isinstance(url, str) and f"chapters/{name}.ipynb" in url and "_sources" not in url:
            button["url"] = url.replace(f"chapters/{name}.ipynb", f"notebooks/{name}.ipynb")


def download_reader_notebooks(app, exception):
    """The site's copy of each chapter notebook is its reader version (item 8)."""
    if exception is not None or app.builder.format != "html":
        return
    readers = pathlib.Path(app.srcdir) / "notebooks"
    for source in pathlib.Path(app.outdir, "_sources", "chapters").glob("*.ipynb"):
        reader = readers / source.name
        if reader.exists():
            source.write_bytes(reader.read_bytes())


def repository_substitutions(app, config):
    """``{{ repository_url }}``, ``{{ binder_url }}``, ``{{ site_url }}`` from
    ``repository.url`` (item 9)."""
    repo = config.html_theme_options.get("repository_url", "").rstrip("/")
    branch = config.html_theme_options.get("repository_branch", "main")
    owner, name = repo.split("github.com/")[-1].split("/")[:2]
    config.myst_substitutions = {
        **config.myst_substitutions,
        "repository_url": repo,
        "binder_url": f"https://mybinder.org/v2/gh/{owner}/{name}/{branch}"
                      "?urlpath=lab/tree/notebooks",
        "site_url": f"https://{owner}.github.io/{name}/",
    }


def setup(app):
    # before myst-nb executes the chapters, in kernels that inherit the environment
    os.environ["L1L2_STATIC_FRAMES"] = "all"
    # after myst-nb has registered the page's scripts
    app.connect("doctree-resolved", drop_widget_state)
    # after the themes and extensions have added their scripts
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", fix_citation_roles)
    app.connect("build-finished", drop_fontawesome_js)
    # after the theme has made its launch and download buttons
    app.connect("html-page-context", launch_reader_notebooks, priority=950)
    app.connect("build-finished", download_reader_notebooks)
    app.connect("config-inited", repository_substitutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
