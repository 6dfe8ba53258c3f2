"""A reader's Run All of each chapter, against the floor of a bare kernel.

Each chapter is executed as a reader's "Restart kernel and run all" would:
a fresh ``python3`` kernel, every cell in order (nbclient, in chapters/), with
no ``L1L2_STATIC_FRAMES`` set, so interactive figures render what a live
kernel renders. The floor is the same for a one-cell notebook that imports
numpy, scipy and matplotlib's pyplot: a kernel's start plus the imports every
chapter needs anyway. Chapters and floor alternate; the median is reported.

    python benchmarks/bench_run_all.py
"""

from __future__ import annotations

import os
import pathlib
import statistics
import time

import nbformat
from nbclient import NotebookClient

CHAPTERS = pathlib.Path(__file__).resolve().parents[1] / "chapters"
FLOOR_CELL = "import numpy, scipy.linalg, matplotlib.pyplot as plt"


def _execute(nb) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(CHAPTERS)}}).execute()
    return time.perf_counter() - start


def _floor() -> float:
    return _execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)]))


def run(repeats: int = 1) -> list[dict]:
    os.environ.pop("L1L2_STATIC_FRAMES", None)
    rows, ratios = [], []
    for path in sorted(CHAPTERS.glob("*.ipynb")):
        ours, ref = [], []
        for _ in range(repeats):
            ours.append(_execute(nbformat.read(path, as_version=4)))
            ref.append(_floor())
        ours_s, ref_s = statistics.median(ours), statistics.median(ref)
        ratios.append(ours_s / ref_s)
        rows.append({"name": f"ch. {path.name[:2]} Run All (fresh kernel)", "ours_s": ours_s,
                     "ref_s": ref_s, "ref_name": "fresh kernel importing numpy, scipy, pyplot",
                     "goal": "<= 2x (median), <= 3x"})
    print(f"Run All / floor: median {statistics.median(ratios):.2f}x, max {max(ratios):.2f}x")
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['ours_s']:.2f} s, floor {row['ref_s']:.2f} s, "
              f"{row['ours_s'] / row['ref_s']:.2f}x")
