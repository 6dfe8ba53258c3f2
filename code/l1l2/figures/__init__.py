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
  (:func:`kink_explorer`), how often a 2-D lasso solution is sparse
  (:func:`sparse_share_explorer`, chapter 11);
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

import importlib

# Each name and the module it lives in: a module is imported the first time
# one of its names is used, so ``from l1l2 import figures`` costs nothing and
# a chapter pays only for its own figures (and their SciPy imports).
_WHERE = {
    "GD_DATA": "_data",
    "P_INF": "sparsity",
    "correlated_pair_data": "_data",
    "prior_posterior_data": "_data",
    "LossCurves": "loss_curves",
    "compute_loss": "loss_curves",
    "loss_explorer": "loss_curves",
    "GDRuns": "training",
    "compute_gd": "training",
    "gd_explorer": "training",
    "DragPointFits": "robustness",
    "compute_drag_point": "robustness",
    "drag_point_explorer": "robustness",
    "BoxBetaIoU": "box_regression",
    "compute_box_beta": "box_regression",
    "box_beta_explorer": "box_regression",
    "OverfitCurves": "regularization",
    "compute_overfit": "regularization",
    "overfit_explorer": "regularization",
    "RidgeShrinkage": "regularization",
    "compute_ridge_shrinkage": "regularization",
    "ridge_shrinkage_explorer": "regularization",
    "ElasticNetFits": "regularization",
    "compute_elastic_net": "regularization",
    "elastic_net_explorer": "regularization",
    "AdamDecayRuns": "training",
    "compute_adam_decay": "training",
    "adam_decay_explorer": "training",
    "LpBallSolutions": "sparsity",
    "compute_lp_ball": "sparsity",
    "lp_ball_explorer": "sparsity",
    "KinkMinimizers": "sparsity",
    "compute_kink": "sparsity",
    "kink_explorer": "sparsity",
    "SparseShares": "sparsity",
    "compute_sparse_share": "sparsity",
    "sparse_share_explorer": "sparsity",
    "PosteriorGrids": "bayes",
    "compute_posterior": "bayes",
    "posterior_explorer": "bayes",
}

__all__ = list(_WHERE)

#: Every figure of the book as ``(builder, compute function)`` names, in
#: chapter order; ``FIGURES`` maps the functions themselves (what
#: ``tests/test_figures_contract.py`` walks; not part of ``__all__``).
_FIGURE_NAMES = [
    ("loss_explorer", "compute_loss"),
    ("gd_explorer", "compute_gd"),
    ("drag_point_explorer", "compute_drag_point"),
    ("box_beta_explorer", "compute_box_beta"),
    ("overfit_explorer", "compute_overfit"),
    ("ridge_shrinkage_explorer", "compute_ridge_shrinkage"),
    ("elastic_net_explorer", "compute_elastic_net"),
    ("adam_decay_explorer", "compute_adam_decay"),
    ("lp_ball_explorer", "compute_lp_ball"),
    ("kink_explorer", "compute_kink"),
    ("posterior_explorer", "compute_posterior"),
    ("sparse_share_explorer", "compute_sparse_share"),
]


def __getattr__(name):
    if name == "FIGURES":
        return {__getattr__(b): __getattr__(c) for b, c in _FIGURE_NAMES}
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'l1l2.figures' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
