"""Re-execute the chapters in place, deterministically.

    python scripts/execute_notebooks.py                 # every notebook in chapters/
    python scripts/execute_notebooks.py chapters/01_three_losses.ipynb

Notebooks are stored with their outputs so that GitHub, Binder and Jupyter
readers see them before running anything; the test suite (nbval, strict)
fails when a fresh execution would change any stored output. Run this after
editing a chapter or the `l1l2` code it uses.

What is stored, and what is not:
- outputs of every cell, figures included;
- no timing metadata (``record_timing=False``) and no widget state: a live
  widget's state holds random model ids and would change at every run;
- interactive figures keep their text/html version (the current frame and a
  note to run the cell) and drop the widget view, whose model no longer
  exists once the kernel is gone (the same rule as the Jupyter server
  extension ``l1l2._jupyter_server`` applies to a reader's saves);
- the kernelspec ipykernel itself writes, so opening a chapter in Jupyter
  does not mark it modified.

The kernels import ``l1l2`` from this checkout's ``code/`` (``PYTHONPATH``),
whatever copy is installed.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "code"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT / "code"), *filter(None, [os.environ.get("PYTHONPATH")])])

from l1l2._jupyter_server import strip_live_views  # noqa: E402


def kernelspec() -> dict:
    """The kernelspec metadata ipykernel writes for its own kernel."""
    from ipykernel.kernelspec import get_kernel_dict

    spec = get_kernel_dict()
    return {"display_name": spec["display_name"], "language": spec["language"],
            "name": "python3"}


def clean(nb) -> None:
    """Drop what would make two executions differ or leak the machine."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = kernelspec()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    strip_live_views({"type": "notebook", "content": nb})


def execute(path: pathlib.Path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False,
        store_widget_state=False, resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    clean(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "chapters").glob("*.ipynb"))
    for path in paths:
        seconds = execute(path)
        shown = path.relative_to(ROOT) if path.is_absolute() else path
        print(f"{shown}: executed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
