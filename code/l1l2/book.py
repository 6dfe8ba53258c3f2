"""What a chapter uses to hand numbers to the book's prose.

:func:`glue` stores a value in the notebook's outputs under a name, in
myst-nb's glue format, so that the prose cites it (``{glue:text}`name```,
``{glue:md}`name:myst```) and nbval checks it. It writes exactly what
``myst_nb.glue`` writes, but imports only IPython: myst-nb's own ``glue``
imports nbformat, whose JSON-schema validator loads format checkers that took
1.5 s of every chapter's Run All here, and it is not installed on Colab.
"""

from __future__ import annotations

__all__ = ["glue"]

#: myst-nb's MIME prefix for a glued value that is not displayed.
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, variable, display: bool = True) -> None:
    """Glue ``variable`` under ``name`` for the prose, as ``myst_nb.glue`` does.

    The value's display formats (text, Markdown, an image...) are computed by
    IPython and written as a display output whose metadata
    ``{"scrapbook": {"name": name, "mime_prefix": prefix}}`` names it; with
    ``display=False`` every MIME type gets the prefix
    ``application/papermill.record/``, so Jupyter shows nothing and the book
    still finds it.

    Parameters
    ----------
    name : str
        The name the prose cites, unique in the book.
    variable : object
        Any value IPython can display (a number, ``IPython.display.Markdown``...).
    display : bool
        Also show the value in the notebook.

    Raises
    ------
    TypeError
        If ``name`` is not a non-empty string or ``display`` not a bool.

    Examples
    --------
    Outside a kernel nothing is shown; in a chapter the value is stored:

    >>> glue("ch0_answer", 42, display=False)
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty string, got {name!r:.40}")
    if not isinstance(display, bool):
        raise TypeError(f"display must be True or False, got {display!r:.40}")
    from IPython.core.formatters import format_display_data
    from IPython.display import display as ipy_display

    mimebundle, metadata = format_display_data(variable)
    mime_prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = dict(name=name, mime_prefix=mime_prefix)
    ipy_display({mime_prefix + k: v for k, v in mimebundle.items()}, raw=True,
                metadata=metadata)
