"""l1l2: the helper package of the course "L1, L2 and Smooth L1: losses,
penalties, priors and the geometry of sparsity".

Modules, by concept:

- :mod:`l1l2.losses` — L1, MSE, smooth L1 and Huber losses and their gradients,
  with PyTorch's ``torch.nn.functional`` semantics;
- :mod:`l1l2.penalties` — L1, L2 and L0 penalties, soft thresholding;
- :mod:`l1l2.linear_model` — ridge, OLS, lasso, elastic net, lasso path, LAD
  and Huber regression, best subset (scikit-learn's objectives);
- :mod:`l1l2.optim` — gradient descent, gradient clipping, the SGD, Adam, AdamW
  and proximal L1 steps (PyTorch's update rules);
- :mod:`l1l2.geometry` — a quadratic loss minimized over a 2-D Lp ball;
- :mod:`l1l2.selection` — polynomial features, K-fold cross-validation, bias–variance;
- :mod:`l1l2.robust` — Huber's location estimate, efficiency at the normal, contamination;
- :mod:`l1l2.boxes` — the R-CNN box coder and IoU, for bounding-box regression;
- :mod:`l1l2.priors` — Laplace and Gaussian priors, MAP estimates, posteriors;
- :mod:`l1l2.datasets` — small deterministic data sets used by the chapters;
- :mod:`l1l2.plotting` — the book's figure style;
- :mod:`l1l2.interactive` — figures with sliders, live in Jupyter and static on the web;
- :mod:`l1l2.figures` — the book's interactive figures: ``compute_*`` results and builders;
- :mod:`l1l2.exercises` — checkers that say what is wrong with an answer;
- :mod:`l1l2.book` — ``glue``: numbers handed to the book's prose.

``import l1l2`` is light: each module is imported the first time it is used
(``l1l2.losses`` or ``from l1l2 import losses``), as SciPy does, so a reader
pays for matplotlib or SciPy only when a chapter needs them.
"""

import importlib

from .exceptions import ConvergenceWarning

__version__ = "0.1.0"

__all__ = [
    "ConvergenceWarning",
    "book",
    "boxes",
    "datasets",
    "exercises",
    "figures",
    "geometry",
    "interactive",
    "linear_model",
    "losses",
    "optim",
    "penalties",
    "plotting",
    "priors",
    "robust",
    "selection",
]


def __getattr__(name):
    """Import a module of the package on first use (PEP 562)."""
    if name in __all__ and name != "ConvergenceWarning":
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'l1l2' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
