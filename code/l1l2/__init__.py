"""l1l2: the helper package of the course "L1, L2 and Smooth L1: losses,
penalties, priors and the geometry of sparsity".

Modules, by concept:

- :mod:`l1l2.losses` — L1, MSE, smooth L1 and Huber losses and their gradients,
  with PyTorch's ``torch.nn.functional`` semantics;
- :mod:`l1l2.penalties` — L1, L2, elastic-net and L0 penalties, soft thresholding;
- :mod:`l1l2.solvers` — ridge, lasso, elastic net, lasso path, LAD and Huber
  regression (scikit-learn's objectives), gradient descent and the SGD, Adam
  and AdamW steps (PyTorch's update rules);
- :mod:`l1l2.selection` — polynomial features, K-fold cross-validation, bias–variance;
- :mod:`l1l2.robust` — Huber's location estimate, efficiency at the normal, contamination;
- :mod:`l1l2.boxes` — the R-CNN box coder and IoU, for bounding-box regression;
- :mod:`l1l2.priors` — Laplace and Gaussian priors, MAP estimates, posteriors;
- :mod:`l1l2.datasets` — small deterministic data sets used by the chapters;
- :mod:`l1l2.plotting` — the book's figure style;
- :mod:`l1l2.interactive` — figures with sliders, live in Jupyter and static on the web;
- :mod:`l1l2.exercises` — checkers that say what is wrong with an answer.
"""

from . import (
    boxes,
    datasets,
    exercises,
    interactive,
    losses,
    penalties,
    plotting,
    priors,
    robust,
    selection,
    solvers,
)
from .exceptions import ConvergenceWarning

__version__ = "0.1.0"

__all__ = [
    "ConvergenceWarning",
    "boxes",
    "datasets",
    "exercises",
    "interactive",
    "losses",
    "penalties",
    "plotting",
    "priors",
    "robust",
    "selection",
    "solvers",
]
