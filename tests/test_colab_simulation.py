"""The Colab path, simulated offline (PyPI only): each reader notebook of
``notebooks/``, downloaded alone, run in a fresh Python that has only what
Colab preinstalls and that matters here.

A module-scoped fixture creates a virtual environment in a temporary
directory with ``ipykernel``, ``numpy``, ``scipy``, ``matplotlib`` and
``scikit-learn`` at the versions of constraints.txt (so pip reuses its cache),
and ipywidgets 7.7.1 (what Colab ships); not ``l1l2``. Its kernel is
registered under a unique name in a temporary directory.

Each notebook is then copied alone into an empty folder and executed with
nbclient in that kernel, with that folder as working directory and
``L1L2_SOURCE`` set to this checkout's package (``<repository>/code``): the
notebook's first code cell ``%pip install``s it, as it would install it from
GitHub on Colab. The first notebook to run installs l1l2; the later ones find
it installed (as on Colab, within one runtime).

Asserted: every cell runs without an error output, and every interactive
figure displays (the widget, or a static picture with a one-line message)
without an error. Skips when ``notebooks/`` does not exist (it is written by
scripts/make_reader_notebooks.py).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import secrets
import shutil
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.colab

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PACKAGE = ROOT / "code"

#: What Colab preinstalls that matters to the course, pinned as in
#: constraints.txt; ipywidgets as on Colab (7.7 there).
COLAB_PINNED = ("ipykernel", "numpy", "scipy", "matplotlib", "scikit-learn")
COLAB_WIDGETS = "ipywidgets==7.7.1"  # what Colab ships

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FIGURE_MARK = "l1l2-interactive"

CELL_TIMEOUT = 600  # the first notebook's install cell builds and installs l1l2
TIMINGS: dict[str, float] = {}


def reader_notebooks() -> list[str]:
    return sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) if NOTEBOOKS.is_dir() else []


def pins() -> list[str]:
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    found = {}
    for line in lines:
        name, sep, _version = line.partition("==")
        if sep and name.strip().lower() in COLAB_PINNED:
            found[name.strip().lower()] = line.strip()
    missing = set(COLAB_PINNED) - set(found)
    assert not missing, f"constraints.txt pins no version of {missing}"
    return [found[n] for n in COLAB_PINNED]


@pytest.fixture(scope="module")
def colab_kernel(tmp_path_factory):
    """A kernel name and the KernelSpecManager that knows it."""
    if not reader_notebooks():
        pytest.skip(f"no reader notebooks in {NOTEBOOKS}: run scripts/make_reader_notebooks.py")
    from jupyter_client.kernelspec import KernelSpecManager

    tmp = tmp_path_factory.mktemp("colab")
    venv = tmp / "venv"
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         *pins(), COLAB_WIDGETS],
        capture_output=True, text=True)
    assert install.returncode == 0, f"pip install failed:\n{install.stdout}\n{install.stderr}"
    TIMINGS["venv"] = time.monotonic() - t0
    versions = subprocess.run(
        [str(python), "-c", "import ipywidgets, numpy, ipykernel; print(ipywidgets.__version__,"
         " numpy.__version__, ipykernel.__version__)"],
        capture_output=True, text=True, check=True).stdout.split()
    assert versions[0].startswith("7."), f"ipywidgets {versions[0]} in the Colab venv"
    # as the kernel will see it: without this checkout's PYTHONPATH (scripts/test.sh sets it)
    probe = subprocess.run([str(python), "-c", "import l1l2"], capture_output=True,
                           env=kernel_env(venv))
    assert probe.returncode != 0, "l1l2 is importable in the fresh venv before any install"

    name = f"l1l2-colab-{secrets.token_hex(4)}"
    prefix = tmp / "kernels"
    subprocess.run([str(python), "-m", "ipykernel", "install", "--prefix", str(prefix),
                    "--name", name, "--display-name", "Colab-like"],
                   check=True, capture_output=True)
    kernel_dir = prefix / "share" / "jupyter" / "kernels"
    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    assert name in ksm.find_kernel_specs()
    yield name, ksm, venv, versions
    shutil.rmtree(venv, ignore_errors=True)


def kernel_env(venv: pathlib.Path) -> dict[str, str]:
    """The environment of a Colab runtime: nothing of this repository's venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "MPLBACKEND")
           and not k.startswith(("L1L2_", "JUPYTER_"))}  # PIP_*: this machine's index
    path = [p for p in env.get("PATH", "").split(os.pathsep)
            if not p.startswith(str(ROOT / ".venv"))]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env["L1L2_SOURCE"] = str(PACKAGE)
    return env


def error_outputs(cell) -> list[str]:
    found = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "error":
            found.append(f"{out['ename']}: {out['evalue']}")
        elif out["output_type"] == "stream" and out["name"] == "stderr":
            text = out["text"]
            if re.search(r"Traceback|Error:|ERROR", text):
                found.append(f"stderr: {text[-800:]}")
    return found


def interactive_outputs(cell) -> list[dict]:
    """The displays of interactive figures in a cell's outputs: those with a
    widget view, or whose HTML is an l1l2 interactive figure."""
    found = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        html = data.get("text/html", "")
        html = "".join(html) if isinstance(html, list) else html
        if WIDGET_VIEW in data or FIGURE_MARK in html:
            found.append({"widget": WIDGET_VIEW in data, "html": html,
                          "picture": bool(re.search(r"<img[^>]+src=\"data:image/", html))})
    return found


def stream_text(cell) -> str:
    return "".join(o["text"] for o in cell.get("outputs", []) if o["output_type"] == "stream")


@pytest.mark.parametrize("name", reader_notebooks() or ["(no notebooks/)"])
def test_notebook_runs_alone_in_a_colab_like_runtime(colab_kernel, tmp_path, name):
    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    kernel_name, ksm, venv, _versions = colab_kernel
    folder = tmp_path / "download"
    folder.mkdir()
    shutil.copy(NOTEBOOKS / name, folder / name)
    nb = nbformat.read(folder / name, as_version=4)
    # an interactive figure's cell: its code says so, or its stored output is one
    figure_cells = {i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                    and ("# Interactive" in c.source or interactive_outputs(c))}

    km = KernelManager(kernel_name=kernel_name, kernel_spec_manager=ksm)
    client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, allow_errors=True,
                            kernel_name=kernel_name,
                            resources={"metadata": {"path": str(folder)}})
    t0 = time.monotonic()
    try:
        # cleanup_kc: shut the kernel down afterwards, though the km is ours
        client.execute(env=kernel_env(venv), cwd=str(folder), cleanup_kc=True)
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    TIMINGS[name] = time.monotonic() - t0
    nbformat.write(nb, folder / name)  # kept in the tmp dir, for a look after a failure

    errors = {i: e for i, c in enumerate(nb.cells) if c.cell_type == "code"
              if (e := error_outputs(c))}
    assert not errors, f"{name}: cells with errors:\n" + json.dumps(errors, indent=1)[:6000]

    figures = []
    for i, cell in enumerate(nb.cells):
        if i not in figure_cells:
            continue
        shown = interactive_outputs(cell)
        note = stream_text(cell).strip()
        assert shown, (f"{name}: cell {i} (an interactive figure) displays no figure; its "
                       f"outputs: {[list(o.get('data', {})) for o in cell.outputs]}; "
                       f"text: {note[:500]!r}")
        for fig in shown:
            assert fig["widget"] or fig["picture"], (
                f"{name}: cell {i}: neither a widget nor a picture: {fig['html'][:300]}")
        if not any(f["widget"] for f in shown):
            # the static fallback: a picture and one line that says why
            assert len(note.splitlines()) <= 1, f"{name}: cell {i}: more than one line: {note}"
        kind = "widget" if any(f["widget"] for f in shown) else "static"
        if any(f["picture"] for f in shown):
            kind += "+picture"
        figures.append((i, kind, note))
    print(f"{name}: {TIMINGS[name]:.1f} s; interactive figures: {figures}")


def test_l1l2_was_installed_from_this_checkout(colab_kernel, tmp_path):
    """After the notebooks ran, the Colab-like venv holds l1l2, installed by the
    first notebook's install cell from ``L1L2_SOURCE`` (not editable)."""
    _name, _ksm, venv, _versions = colab_kernel
    if not any(k.endswith(".ipynb") for k in TIMINGS):
        pytest.skip("no notebook ran in this session")
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import importlib.metadata as m, l1l2; print(l1l2.__file__); "
         "print(m.distribution('l1l2').read_text('direct_url.json'))"],
        capture_output=True, text=True, cwd=tmp_path, env=kernel_env(venv))
    assert out.returncode == 0, f"l1l2 is not installed in the Colab-like venv: {out.stderr}"
    location, direct_url = out.stdout.split("\n", 1)
    assert location.startswith(str(venv)), f"l1l2 imported from {location}, not the venv"
    url = json.loads(direct_url)
    assert url["url"] == PACKAGE.as_uri(), url
    assert not url.get("dir_info", {}).get("editable", False), url


def test_report_timings(colab_kernel):
    """Prints how long the venv and each notebook took (runs last: -s shows it)."""
    _name, _ksm, _venv, versions = colab_kernel
    print(f"\nColab-like venv: ipywidgets {versions[0]}, numpy {versions[1]}, "
          f"ipykernel {versions[2]}")
    for key, seconds in TIMINGS.items():
        print(f"  {key}: {seconds:.1f} s")
