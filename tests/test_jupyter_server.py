"""l1l2._jupyter_server: saved notebooks keep each interactive figure's frame."""

from __future__ import annotations

import copy
import json
import pathlib
import subprocess
import sys

import matplotlib.pyplot as plt
import nbformat
import pytest

from l1l2 import _jupyter_server, plotting
from l1l2._jupyter_server import WIDGET_VIEW_MIME, strip_live_views
from l1l2.interactive import _static

ROOT = pathlib.Path(__file__).resolve().parents[1]


def live_output(monkeypatch):
    """The output a reader's kernel gives for an interactive figure."""
    from l1l2 import interactive

    monkeypatch.delenv(interactive.STATIC_FRAMES_ENV, raising=False)
    fig, ax = plotting.new_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    fig_i = interactive.interactive_figure(
        fig, lambda a: line.set_ydata([0, a]), {"a": [1.0, 2.0]}, alt="A line of slope a.")
    bundle = fig_i._repr_mimebundle_()
    plt.close(fig_i.fig)
    return nbformat.v4.new_output("display_data", data=bundle)


def notebook_model(outputs):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=outputs)])
    return {"type": "notebook", "content": json.loads(nbformat.writes(nb))}


def test_a_saved_figure_keeps_its_frame_and_note_and_loses_the_dead_widget(monkeypatch):
    output = live_output(monkeypatch)
    assert WIDGET_VIEW_MIME in output["data"]
    model = notebook_model([output])
    assert strip_live_views(model) == 1
    (saved,) = model["content"]["cells"][0]["outputs"]
    assert set(saved["data"]) == {"text/plain", "text/html"}
    html = "".join(saved["data"]["text/html"])
    assert _static.RUN_NOTE in html and "data:image/png;base64," in html


def test_other_outputs_and_other_widgets_are_left_alone():
    other_widget = nbformat.v4.new_output("display_data", data={
        "text/plain": "IntSlider()", "text/html": "<p>a slider</p>",
        WIDGET_VIEW_MIME: {"version_major": 2, "version_minor": 0, "model_id": "abc"}})
    text = nbformat.v4.new_output("stream", text="hello")
    model = notebook_model([other_widget, text])
    before = copy.deepcopy(model)
    assert strip_live_views(model) == 0
    assert model == before


@pytest.mark.parametrize("model", [
    {"type": "file", "content": "text"}, {"type": "directory", "content": []},
    {"type": "notebook", "content": None}, {"type": "notebook"}, None, "notebook",
    {"type": "notebook", "content": {"cells": [{"cell_type": "markdown", "source": "x"}]}},
])
def test_anything_else_is_not_touched_and_never_raises(model):
    before = copy.deepcopy(model)
    assert strip_live_views(model) == 0
    assert model == before


def test_the_extension_registers_the_hook():
    hooks = []

    class Contents:
        def register_pre_save_hook(self, hook):
            hooks.append(hook)

    class Log:
        def info(self, *args):
            pass

    class App:
        contents_manager, log = Contents(), Log()

    _jupyter_server._load_jupyter_server_extension(App())
    assert hooks == [strip_live_views]
    assert _jupyter_server._jupyter_server_extension_points() == [
        {"module": "l1l2._jupyter_server"}]


def test_pip_install_enables_the_extension():
    # code/pyproject.toml installs jupyter-config/l1l2.json into
    # etc/jupyter/jupyter_server_config.d, which enables the extension.
    config = json.loads((ROOT / "code" / "jupyter-config" / "l1l2.json").read_text())
    assert config == {"ServerApp": {"jpserver_extensions": {"l1l2._jupyter_server": True}}}
    pyproject = (ROOT / "code" / "pyproject.toml").read_text()
    assert ('"etc/jupyter/jupyter_server_config.d" = ["jupyter-config/l1l2.json"]'
            in pyproject)
    listed = subprocess.run([sys.executable, "-m", "jupyter", "server", "extension", "list"],
                            capture_output=True, text=True, check=True)
    text = listed.stdout + listed.stderr
    assert "l1l2._jupyter_server" in text and "enabled" in text.split("l1l2._jupyter_server")[1]


def test_the_extension_module_imports_nothing_heavy():
    code = ("import sys, l1l2._jupyter_server; print(sorted(m for m in sys.modules if "
            "m.split('.')[0] in ('numpy', 'matplotlib', 'scipy', 'ipywidgets')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
