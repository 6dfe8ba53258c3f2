"""Root pytest configuration: applies to the chapters (nbval) and to tests/.

nbval compares every stored output of every notebook with a fresh execution
(strict mode). Text is compared character for character. Figures are
compared by what a reader sees: out of the box nbval skips ``image/png``;
here it is compared, and every cell's outputs first pass through
``tests/figure_compare.py``, which decodes each PNG (and each frame of an
interactive figure's HTML) and accepts last-bit rendering noise from other
BLAS kernels while failing any change a reader could see. Its docstring
states the rule and its thresholds; a failing figure is described in the
nbval report and written to ``_build/figure-diffs/``.
"""

from __future__ import annotations

import pathlib
import sys
import types

import matplotlib

matplotlib.use("Agg")

COMPARED_IMAGE_TYPES = ("image/png",)

# tests/ is where pytest's default import mode puts the test modules too, so
# tests/test_figure_compare.py and this file share one figure_compare module.
sys.path.insert(0, str(pathlib.Path(__file__).parent / "tests"))
import figure_compare  # noqa: E402


def _compare_outputs_by_sight(self, test, ref, skip_compare=None):
    """nbval's comparison, after figures are replaced by comparable text."""
    notebook = pathlib.Path(str(self.fspath)).stem
    test, ref = figure_compare.compare_cell_outputs(test, ref, f"{notebook}-cell{self.cell_num}")
    return type(self).compare_outputs(self, test, ref, skip_compare)


def pytest_collection_modifyitems(session, config, items):
    for item in items:
        parent = getattr(item, "parent", None)
        skip = getattr(parent, "skip_compare", None)
        if skip is not None and type(parent).__name__ == "IPyNbFile":
            parent.skip_compare = tuple(k for k in skip if k not in COMPARED_IMAGE_TYPES)
            item.compare_outputs = types.MethodType(_compare_outputs_by_sight, item)


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller, before any worker
        figure_compare.MEASURED_LOG.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    measured = figure_compare.read_measured()
    if not measured:
        return
    noise = [m for m in measured if m["matches"]]
    line = (f"figures: {len(measured)} differed from the stored PNG in their bytes, "
            f"{len(noise)} of them within the tolerance of tests/figure_compare.py")
    if noise:
        line += (f" (largest: {max(m['changed'] for m in noise)} pixels off by more than "
                 f"{figure_compare.LEVEL_TOLERANCE} levels, RMS "
                 f"{max(m['rms'] for m in noise):.3f})")
    terminalreporter.write_line(line)
