r"""Laplace and Gaussian priors for linear regression: MAP, posteriors, samplers.

Notation of the book: data :math:`X \in \mathbb{R}^{n\times p}`, targets
:math:`y \in \mathbb{R}^n`, weights :math:`w \in \mathbb{R}^p`, intercept
:math:`w_0`, residual :math:`r = y - Xw - w_0`. The noise model is
Gaussian, :math:`y \mid w \sim N(Xw + w_0, \sigma^2 I)` (``noise_std`` is
:math:`\sigma`). The two priors on each coordinate, independently, are

* Gaussian, :math:`w_j \sim N(0, \tau^2)` (``scale`` is :math:`\tau`), and
* Laplace, :math:`p(w_j) = \frac{1}{2b} e^{-|w_j|/b}` (``scale`` is :math:`b`).

The intercept gets a flat (improper) prior, so it is never penalized.

Which penalty strength is which prior
-------------------------------------
Minus the log-posterior is, up to a constant,

.. math::

    \frac{1}{2\sigma^2}\|y - Xw - w_0\|^2 + \frac{1}{b}\|w\|_1
    \qquad\text{or}\qquad
    \frac{1}{2\sigma^2}\|y - Xw - w_0\|^2 + \frac{1}{2\tau^2}\|w\|_2^2 .

Multiplying the Laplace one by :math:`\sigma^2/n` gives the lasso objective of
:func:`l1l2.linear_model.lasso` (scikit-learn's convention),
:math:`\frac{1}{2n}\|y - Xw - w_0\|^2 + \alpha\|w\|_1` with
:math:`\alpha = \sigma^2/(n b)`. Multiplying the Gaussian one by
:math:`2\sigma^2` gives the ridge objective of :func:`l1l2.linear_model.ridge`,
:math:`\|y - Xw - w_0\|^2 + \alpha\|w\|_2^2` with
:math:`\alpha = \sigma^2/\tau^2`. Multiplying by a positive constant does not
move the minimizer, so the MAP estimate is the penalized least-squares fit
with that ``alpha`` (:func:`prior_to_alpha`). In texts that write the lasso
without the :math:`1/n`, as :math:`\frac12\|y - Xw\|^2 + \lambda\|w\|_1`, the
same argument gives :math:`\lambda = \sigma^2/b`.

In short:

=====================  ==================  ====================================
prior                  MAP is              penalty strength (:func:`prior_to_alpha`)
=====================  ==================  ====================================
Laplace, scale b       lasso (L1)          :math:`\alpha = \sigma^2/(n b)`,
                                           :math:`b = \sigma^2/(n\alpha)`
Gaussian, std tau      ridge (squared L2)  :math:`\alpha = \sigma^2/\tau^2`,
                                           :math:`\tau = \sigma/\sqrt{\alpha}`
=====================  ==================  ====================================

What lives where (the modules are private; import from ``l1l2.priors``):

- ``_map.py`` — the correspondence above, :func:`prior_to_alpha` and
  :func:`alpha_to_prior_scale`; and :func:`map_linear_regression`, returning
  a :class:`MapEstimate`, computed by :func:`l1l2.linear_model.lasso` or
  :func:`l1l2.linear_model.ridge`;
- ``_posterior.py`` — :func:`log_posterior_grid`, the log-prior,
  log-likelihood and log-posterior of a 2-feature problem on a grid, as a
  :class:`PosteriorGrid`;
- ``_gibbs.py`` — :func:`sample_bayesian_lasso`, Park and Casella's Gibbs
  sampler for the Bayesian lasso, returning :class:`BayesianLassoSamples`;
- ``_spike_slab.py`` — :func:`spike_and_slab_inclusion`, exact posterior
  inclusion probabilities of a spike-and-slab prior by enumerating all
  :math:`2^p` models, as a :class:`SpikeSlabResult`;
- ``_shrinkage.py`` — :func:`normal_means_posterior_mean`, the posterior
  mean of one effect seen once with Gaussian noise, under a Gaussian, a
  Laplace or a horseshoe prior (shrinkage curves);
- ``_evidence.py`` — the Gaussian prior's marginal likelihood
  (:func:`ridge_log_evidence`), its maximization over :math:`\tau` and
  :math:`\sigma` (:func:`empirical_bayes_ridge`, an
  :class:`EmpiricalBayesRidge`) and the posterior predictive distribution
  (:func:`ridge_posterior_predictive`, a :class:`PosteriorPredictive`);
- ``_densities.py`` — the pieces the functions above add up, all private:
  the Laplace and Gaussian log-densities, their sum over coordinates, and the
  Gaussian log-likelihood (with its exact power-of-two rescaling for inputs
  of extreme magnitude);
- ``_common.py`` — what they share: argument checks on top of
  ``l1l2._validation``, the float limits, the rescaling primitives.

Computation is in float64, except that float32 inputs give float32 results
(the samplers compute in float64 and return float32 then).
"""

from ._common import _PRIORS  # noqa: F401  (the prior names, for tests/contract_specs)
from ._evidence import (
    EmpiricalBayesRidge,
    PosteriorPredictive,
    empirical_bayes_ridge,
    ridge_log_evidence,
    ridge_posterior_predictive,
)
from ._gibbs import BayesianLassoSamples, sample_bayesian_lasso
from ._map import MapEstimate, alpha_to_prior_scale, map_linear_regression, prior_to_alpha
from ._posterior import PosteriorGrid, log_posterior_grid
from ._shrinkage import normal_means_posterior_mean
from ._spike_slab import SpikeSlabResult, spike_and_slab_inclusion

__all__ = [
    "prior_to_alpha",
    "alpha_to_prior_scale",
    "MapEstimate",
    "map_linear_regression",
    "PosteriorGrid",
    "log_posterior_grid",
    "BayesianLassoSamples",
    "sample_bayesian_lasso",
    "SpikeSlabResult",
    "spike_and_slab_inclusion",
    "normal_means_posterior_mean",
    "ridge_log_evidence",
    "EmpiricalBayesRidge",
    "empirical_bayes_ridge",
    "PosteriorPredictive",
    "ridge_posterior_predictive",
]
