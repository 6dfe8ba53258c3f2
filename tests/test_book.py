"""l1l2.book.glue writes exactly what myst_nb.glue writes."""

from __future__ import annotations

import pytest
from IPython.display import Markdown

from l1l2 import book


def captured(module, monkeypatch, *args, **kwargs):
    calls = []
    monkeypatch.setattr("IPython.display.display",
                        lambda *a, **k: calls.append((a, k)), raising=True)
    if module == "myst":
        import myst_nb.ext.glue as myst_glue

        monkeypatch.setattr(myst_glue, "ipy_display", lambda *a, **k: calls.append((a, k)))
        myst_glue.glue(*args, **kwargs)
    else:
        book.glue(*args, **kwargs)
    return calls


@pytest.mark.parametrize("value", [3.25, 7, "text", Markdown("$10^{-8}$"), [1, 2]])
@pytest.mark.parametrize("display", [True, False])
def test_glue_writes_what_myst_nb_writes(value, display, monkeypatch):
    ours = captured("ours", monkeypatch, "ch0_x", value, display=display)
    theirs = captured("myst", monkeypatch, "ch0_x", value, display=display)
    assert ours == theirs and len(ours) == 1
    (bundle,), kwargs = ours[0]
    assert kwargs["metadata"]["scrapbook"] == {
        "name": "ch0_x", "mime_prefix": "" if display else book.GLUE_PREFIX}


def test_glue_imports_neither_myst_nb_nor_nbformat():
    import subprocess
    import sys

    code = ("import sys; from l1l2.book import glue; glue('a', 1.5, display=False); "
            "print(any(m.split('.')[0] in ('myst_nb', 'nbformat', 'jsonschema') "
            "for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


@pytest.mark.parametrize("name", ["", None, 3])
def test_bad_name(name):
    with pytest.raises(TypeError, match="name"):
        book.glue(name, 1.0)


def test_bad_display():
    with pytest.raises(TypeError, match="display"):
        book.glue("a", 1.0, display="no")
