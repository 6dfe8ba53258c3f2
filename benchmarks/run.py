"""Run every benchmark side by side and print one table of ratios.

    python benchmarks/run.py                  # print the table
    python benchmarks/run.py --update-readme  # also write it into README.md

Each row times our implementation and a reference in the same run
(alternately where it matters), so the ratio is meaningful on a busy machine.
"""

from __future__ import annotations

import argparse
import pathlib
import platform
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_import  # noqa: E402
import bench_interactive  # noqa: E402
import bench_lasso  # noqa: E402
import bench_losses  # noqa: E402
import bench_run_all  # noqa: E402

README = HERE.parent / "README.md"
START, END = "<!-- benchmark-table -->", "<!-- /benchmark-table -->"


def table(rows: list[dict]) -> str:
    lines = ["| benchmark | ours | reference | ratio | goal |", "|---|---:|---:|---:|---|"]
    for row in rows:
        ref = row["ref_s"]
        ratio = f"{row['ours_s'] / ref:.2f}x" if ref else "n/a"
        ref_text = f"{1e3 * ref:.1f} ms ({row['ref_name']})" if ref else "n/a"
        lines.append(f"| {row['name']} | {1e3 * row['ours_s']:.1f} ms | {ref_text} | {ratio} "
                     f"| {row['goal']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args(argv)
    rows = (bench_import.run() + bench_interactive.run() + bench_run_all.run()
            + bench_losses.run() + bench_lasso.run())
    text = table(rows)
    text += (f"\n\nMeasured with `python benchmarks/run.py` on {platform.machine()}, "
             f"Python {platform.python_version()}; medians of repeated, alternating runs.")
    print(text)
    if args.update_readme:
        readme = README.read_text()
        head, rest = readme.split(START, 1)
        _, tail = rest.split(END, 1)
        README.write_text(f"{head}{START}\n{text}\n{END}{tail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
