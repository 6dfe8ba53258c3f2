"""A Jupyter server extension: saved notebooks keep a picture of each
interactive figure, not a dead widget.

A live figure is displayed as an ipywidgets view plus, as ``text/html``, its
current frame with a note to run the cell (:mod:`l1l2.interactive`). Saved as
it is, the notebook would reopen on "Error displaying widget: model not
found": JupyterLab and Notebook 7 prefer the widget view, whose model died
with the kernel. Before every save, :func:`strip_live_views` removes the
widget view of the book's figures (and of nothing else), so a reopened
notebook shows their frame and note.

Installing ``l1l2`` with pip enables the extension (the file
``etc/jupyter/jupyter_server_config.d/l1l2.json``); ``jupyter server
extension list`` shows it. This module imports nothing heavy: it runs in the
Jupyter server, not in a kernel.
"""

from __future__ import annotations

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"

#: What marks the HTML of the book's interactive figures.
FIGURE_MARK = 'class="l1l2-interactive"'


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def strip_live_views(model, **kwargs) -> int:
    """Remove the widget view from every output of ``model`` (a Jupyter
    contents model) that also carries an interactive figure's HTML.

    Returns the number of outputs changed. Other outputs, other widgets and
    non-notebook files are left alone.

    Examples
    --------
    >>> out = {"output_type": "display_data", "metadata": {},
    ...        "data": {"text/html": '<figure class="l1l2-interactive">..</figure>',
    ...                 WIDGET_VIEW_MIME: {"model_id": "abc"}}}
    >>> model = {"type": "notebook", "content": {"cells": [{"outputs": [out]}]}}
    >>> strip_live_views(model), sorted(out["data"])
    (1, ['text/html'])
    """
    if not isinstance(model, dict) or model.get("type") != "notebook":
        return 0
    content = model.get("content")
    if not isinstance(content, dict):
        return 0
    changed = 0
    for cell in content.get("cells") or []:
        for output in (cell.get("outputs") or []) if isinstance(cell, dict) else []:
            data = output.get("data") if isinstance(output, dict) else None
            if (isinstance(data, dict) and WIDGET_VIEW_MIME in data
                    and FIGURE_MARK in _text(data.get("text/html", ""))):
                del data[WIDGET_VIEW_MIME]
                changed += 1
    return changed


def _jupyter_server_extension_points():
    return [{"module": "l1l2._jupyter_server"}]


def _load_jupyter_server_extension(serverapp) -> None:
    serverapp.contents_manager.register_pre_save_hook(strip_live_views)
    serverapp.log.info("l1l2: interactive figures are saved as their current frame")
