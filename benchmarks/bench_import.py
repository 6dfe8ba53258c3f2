"""Time ``import l1l2`` in a fresh interpreter (modules load on first use).

The reference is the import a chapter needs anyway: numpy, scipy and
matplotlib's pyplot. Each side is a new ``python -c`` process, alternated, and
the time is measured inside the process (``time.perf_counter`` around the
import), so interpreter start-up is left out.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

CODE = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
OURS = "import l1l2"
REFERENCE = "import numpy, scipy.linalg, matplotlib.pyplot"


def _time(stmt: str) -> float:
    out = subprocess.run([sys.executable, "-c", CODE.format(stmt=stmt)], check=True,
                         capture_output=True, text=True, env={"MPLBACKEND": "Agg"})
    return float(out.stdout)


def run(repeats: int = 7) -> list[dict]:
    ours, ref = [], []
    for _ in range(repeats):
        ours.append(_time(OURS))
        ref.append(_time(REFERENCE))
    return [{"name": "`import l1l2` in a fresh interpreter", "ours_s": statistics.median(ours),
             "ref_s": statistics.median(ref),
             "ref_name": "import numpy, scipy.linalg, matplotlib.pyplot", "goal": "<= 300 ms"}]


if __name__ == "__main__":
    for row in run():
        print(row)
