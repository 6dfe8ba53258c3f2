"""The book's interactive figures, one module per topic.

Each figure is two functions:

* ``compute_<name>(...)`` — pure: returns a frozen dataclass of the numbers the
  figure draws (and the chapters glue or assert), computed for every slider
  position;
* ``<name>_explorer(...)`` — draws those numbers as an
  :class:`l1l2.interactive.InteractiveFigure` (the result it drew is its
  ``.result``). Give it ``result=`` to draw numbers already computed, or the
  same arguments as ``compute_<name>`` to compute them.

Modules:

* ``loss_curves.py`` — the four losses and their derivatives
  (:func:`loss_explorer`);
* ``training.py`` — gradient descent on three losses
  (:func:`gd_explorer`), Adam + L2 against AdamW (:func:`adam_decay_explorer`);
* ``robustness.py`` — one dragged point, OLS against LAD
  (:func:`drag_point_explorer`);
* ``box_regression.py`` — smooth L1's β against the target scale
  (:func:`box_beta_explorer`);
* ``regularization.py`` — overfitting and ridge
  (:func:`overfit_explorer`), ridge's shrinkage (:func:`ridge_shrinkage_explorer`),
  the elastic net on a correlated pair (:func:`elastic_net_explorer`);
* ``sparsity.py`` — an :math:`\\ell_q` ball meets a quadratic
  loss (:func:`lp_ball_explorer`), the kink of :math:`\\lambda|w|`
  (:func:`kink_explorer`);
* ``bayes.py`` — log-prior, log-likelihood and log-posterior
  (:func:`posterior_explorer`);
* ``_data.py`` — the figures' toy data (``GD_DATA``,
  :func:`correlated_pair_data`, :func:`prior_posterior_data`).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from l1l2 import figures
>>> res = figures.compute_kink(lams=(0.5, 1.0), slopes=(-1.5, -0.5))
>>> res.minimizers[1.0, -1.5]["l1"]
0.5
>>> fig_i = figures.kink_explorer(result=res)
>>> fig_i.n_frames, fig_i.result is res
(4, True)
"""

from ._data import GD_DATA, correlated_pair_data, prior_posterior_data
from .bayes import PosteriorGrids, compute_posterior, posterior_explorer
from .box_regression import BoxBetaIoU, box_beta_explorer, compute_box_beta
from .loss_curves import LossCurves, compute_loss, loss_explorer
from .regularization import (
    ElasticNetFits,
    OverfitCurves,
    RidgeShrinkage,
    compute_elastic_net,
    compute_overfit,
    compute_ridge_shrinkage,
    elastic_net_explorer,
    overfit_explorer,
    ridge_shrinkage_explorer,
)
from .robustness import DragPointFits, compute_drag_point, drag_point_explorer
from .sparsity import (
    P_INF,
    KinkMinimizers,
    LpBallSolutions,
    compute_kink,
    compute_lp_ball,
    kink_explorer,
    lp_ball_explorer,
)
from .training import (
    AdamDecayRuns,
    GDRuns,
    adam_decay_explorer,
    compute_adam_decay,
    compute_gd,
    gd_explorer,
)

#: Every figure of the book: ``{builder: compute function}``, in chapter order
#: (what ``tests/test_figures_contract.py`` walks; not part of ``__all__``).
FIGURES = {
    loss_explorer: compute_loss,
    gd_explorer: compute_gd,
    drag_point_explorer: compute_drag_point,
    box_beta_explorer: compute_box_beta,
    overfit_explorer: compute_overfit,
    ridge_shrinkage_explorer: compute_ridge_shrinkage,
    elastic_net_explorer: compute_elastic_net,
    adam_decay_explorer: compute_adam_decay,
    lp_ball_explorer: compute_lp_ball,
    kink_explorer: compute_kink,
    posterior_explorer: compute_posterior,
}

__all__ = [
    "GD_DATA", "P_INF", "correlated_pair_data", "prior_posterior_data",
    "LossCurves", "compute_loss", "loss_explorer",
    "GDRuns", "compute_gd", "gd_explorer",
    "DragPointFits", "compute_drag_point", "drag_point_explorer",
    "BoxBetaIoU", "compute_box_beta", "box_beta_explorer",
    "OverfitCurves", "compute_overfit", "overfit_explorer",
    "RidgeShrinkage", "compute_ridge_shrinkage", "ridge_shrinkage_explorer",
    "ElasticNetFits", "compute_elastic_net", "elastic_net_explorer",
    "AdamDecayRuns", "compute_adam_decay", "adam_decay_explorer",
    "LpBallSolutions", "compute_lp_ball", "lp_ball_explorer",
    "KinkMinimizers", "compute_kink", "kink_explorer",
    "PosteriorGrids", "compute_posterior", "posterior_explorer",
]
