"""Root pytest configuration: applies to the chapters (nbval) and to tests/.

nbval compares every stored output of every notebook with a fresh execution
(strict mode). Out of the box it does not compare PNG images; the book
promises that figures are checked too, so the hook below removes
``image/png`` from nbval's skip list. The matplotlib PNGs are deterministic
(same versions, Agg backend, no timestamps), so any difference is a real
change of a figure: look at it, then re-execute the notebooks with
``python scripts/execute_notebooks.py``.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

COMPARED_IMAGE_TYPES = ("image/png",)


def pytest_collection_modifyitems(session, config, items):
    for item in items:
        parent = getattr(item, "parent", None)
        skip = getattr(parent, "skip_compare", None)
        if skip is not None and type(parent).__name__ == "IPyNbFile":
            parent.skip_compare = tuple(k for k in skip if k not in COMPARED_IMAGE_TYPES)
