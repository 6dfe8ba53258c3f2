"""The slowest cells of each chapter, for finding where a Run All spends its time.

    python benchmarks/profile_cells.py                      # every chapter
    python benchmarks/profile_cells.py chapters/02_*.ipynb  # some

Executes each chapter in a fresh kernel (nbclient, record_timing) and prints
the total cell time and the four slowest cells with their first line.
"""

from __future__ import annotations

import datetime
import pathlib
import sys

import nbformat
from nbclient import NotebookClient

CHAPTERS = pathlib.Path(__file__).resolve().parents[1] / "chapters"


def _seconds(execution: dict) -> float | None:
    start, end = execution.get("iopub.execute_input"), execution.get("shell.execute_reply")
    if not start or not end:
        return None
    parse = datetime.datetime.fromisoformat
    return (parse(end.replace("Z", "+00:00")) - parse(start.replace("Z", "+00:00"))).total_seconds()


def profile(path: pathlib.Path) -> str:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(CHAPTERS)}}).execute()
    cells = []
    for k, cell in enumerate(nb.cells):
        seconds = _seconds(cell.metadata.get("execution", {})) if cell.cell_type == "code" else None
        if seconds is not None:
            cells.append((seconds, k, cell.source.splitlines()[0][:70]))
    cells.sort(reverse=True)
    slowest = "; ".join(f"cell {k} {s:.2f} s {first!r}" for s, k, first in cells[:4])
    return f"{path.name}: {sum(s for s, _, _ in cells):.1f} s in cells; slowest: {slowest}"


if __name__ == "__main__":
    paths = [pathlib.Path(p) for p in sys.argv[1:]] or sorted(CHAPTERS.glob("*.ipynb"))
    for path in paths:
        print(profile(path))
