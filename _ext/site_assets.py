"""Keep every page's scripts to what it needs.

1. Ship the ipywidgets HTML manager only to pages that show a widget view.

myst-nb adds the widget JavaScript (``nb_ipywidgets_js``, 1.9 MB) and the
notebook's saved widget state to every page whose notebook *has* widget state.
The book's interactive figures carry an HTML version that the HTML builder
shows instead of the widget view (``nb_mime_priority_overrides``), so on those
pages the widget JavaScript would be dead weight. This extension drops it
from every page whose rendered output contains no widget view.

2. Drop duplicated scripts. sphinx-thebe (loaded by Jupyter Book) registers
its inline configuration script twice on notebook pages, and the second copy
throws "Identifier 'THEBE_JS_URL' has already been declared" in the browser.
Identical script entries are kept once.

3. Make bibliography entries valid list items. docutils marks the list of
citations ``role="list"`` but each entry ``role="doc-biblioentry"``, which
is not a list item: screen readers (and axe-core, as a critical violation)
see a list without items. Entries get ``role="listitem"``.
"""

from docutils import nodes

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def drop_unused_widget_js(app, doctree, docname):
    metadata = getattr(app.env, "nb_metadata", None)
    if not metadata:
        return
    js_files = metadata.get(docname, {}).get("js_files")
    if not js_files:
        return
    for node in doctree.findall(nodes.raw):
        if WIDGET_VIEW_MIME in node.astext():
            return  # a real widget view is shown: keep the manager
    for key in [k for k in js_files if k.startswith("ipywidgets")]:
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


def setup(app):
    # after myst-nb has chosen, per builder, which MIME type of each output to show
    app.connect("doctree-resolved", drop_unused_widget_js)
    # after the themes and extensions have added their scripts
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", fix_citation_roles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
