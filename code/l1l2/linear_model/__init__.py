r"""Linear models with scikit-learn's objectives: ridge, lasso, elastic net, robust fits.

Every fit returns a :class:`Fit`: ``coef``, ``intercept``, ``n_iter``,
``converged`` and ``objective`` (the objective at the returned coefficients).
The objectives and parameter names are scikit-learn's, with :math:`n` samples,
residual :math:`r = y - Xw - b` and :math:`\|\cdot\|` the Euclidean norm:

================================  ==========================================================
``ridge``                         :math:`\|r\|^2 + \alpha\|w\|_2^2` (``sklearn.linear_model.Ridge``)
``ols``                           :math:`\|r\|^2` (the minimum-norm least-squares solution)
``norm_penalized_least_squares``  :math:`\frac{1}{2n}\|r\|^2 + \alpha\|w\|_2` (unsquared norm)
``lasso``                         :math:`\frac{1}{2n}\|r\|^2 + \alpha\|w\|_1` (``Lasso``)
``elastic_net``                   :math:`\frac{1}{2n}\|r\|^2 + \alpha\rho\|w\|_1
                                  + \frac{\alpha(1-\rho)}{2}\|w\|_2^2`, :math:`\rho` =
                                  ``l1_ratio`` (``ElasticNet``)
``lasso_path``                    the lasso for each ``alpha`` of a sequence, warm-started
``cross_validate_lasso``          K-fold CV error along the path, one-standard-error rule
``adaptive_lasso``                the lasso with weights :math:`1/|\hat w^{OLS}_j|^\gamma`
``relaxed_lasso``                 the lasso's support, refitted with penalty
                                  :math:`\phi\alpha`
``irrepresentable_condition``     Zhao & Yu's condition for support recovery
``lad_regression``                :math:`\sum_i |r_i|` (least absolute deviations)
``huber_regression``              :math:`\sum_i h_\delta(r_i)`, the scale held fixed at 1
``huber_regression_scaled``       :math:`\sum_i \sigma(1 + H_k(r_i/\sigma))`, scale estimated
                                  jointly (``HuberRegressor`` with ``alpha=0``)
``quantile_regression``           :math:`\sum_i \rho_\tau(r_i)` (``QuantileRegressor``)
``theil_sen``                     the median of the pairwise slopes (one feature)
``best_subset``                   :math:`\|r\|^2` subject to :math:`\|w\|_0 \le k`
================================  ==========================================================

The intercept :math:`b` is never penalized. For the squared-loss problems it is
fitted as scikit-learn does: centre the columns of :math:`X` and :math:`y`, fit
:math:`w` without intercept, then :math:`b = \bar y - \bar x^\top w`.

What lives where (the modules are private; import from ``l1l2.linear_model``):

- ``_base.py`` — the :class:`Fit` result and what every fit shares: checking
  and rescaling the data, centring for the intercept, refusing overflowed
  results, convergence warnings;
- ``_ridge.py`` — the closed forms: :func:`ridge`, :func:`ols`,
  :func:`norm_penalized_least_squares`;
- ``_coordinate_descent.py`` — :func:`lasso`, :func:`elastic_net`,
  :func:`lasso_alpha_max`: coordinate descent, ISTA and FISTA on working sets
  with gap-safe screening, and the duality-gap stopping rule;
- ``_path.py`` — :func:`lasso_path`, warm-started feature-sign search (the
  homotopy formula between breakpoints);
- ``_robust.py`` — :func:`lad_regression` (a linear program) and
  :func:`huber_regression` (finite Newton);
- ``_subset.py`` — :func:`best_subset` and its result :class:`SubsetFit`.

**Dtypes.** Inputs are checked and converted by ``l1l2._validation``, and
``coef`` comes back in the input's float dtype (float32 for float32 data). The
solvers themselves always iterate in float64.

**Mutability.** No function modifies its array arguments.

References: see each module; Lee, Battle, Raina & Ng (2007) for feature-sign
search; Madsen & Nielsen (1990) for the finite Newton method for Huber's
M-estimator; Natarajan (1995) for the hardness of best subset selection.
"""

from ._base import Fit
from ._coordinate_descent import (
    adaptive_lasso,
    elastic_net,
    lasso,
    lasso_alpha_max,
    relaxed_lasso,
)
from ._path import cross_validate_lasso, lasso_path
from ._ridge import norm_penalized_least_squares, ols, ridge, ridge_df
from ._robust import (
    HuberScaleFit,
    huber_regression,
    huber_regression_scaled,
    lad_regression,
    quantile_regression,
    theil_sen,
)
from ._subset import SubsetFit, best_subset, irrepresentable_condition

__all__ = [
    "Fit",
    "ridge",
    "ridge_df",
    "ols",
    "norm_penalized_least_squares",
    "lasso",
    "elastic_net",
    "lasso_alpha_max",
    "lasso_path",
    "cross_validate_lasso",
    "adaptive_lasso",
    "relaxed_lasso",
    "lad_regression",
    "huber_regression",
    "huber_regression_scaled",
    "HuberScaleFit",
    "quantile_regression",
    "theil_sen",
    "SubsetFit",
    "best_subset",
    "irrepresentable_condition",
]
