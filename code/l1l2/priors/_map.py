r"""MAP estimates: the prior scale <-> penalty strength correspondence, and the fits.

- :func:`prior_to_alpha`, :func:`alpha_to_prior_scale` — the ``alpha`` of the
  lasso (Laplace prior, :math:`\alpha = \sigma^2/(nb)`) or of ridge (Gaussian
  prior, :math:`\alpha = \sigma^2/\tau^2`) whose fit is the MAP estimate,
  and back;
- :func:`map_linear_regression` and its result :class:`MapEstimate` — the MAP
  estimate of linear regression, computed by :func:`l1l2.linear_model.lasso`
  or :func:`l1l2.linear_model.ridge` with that ``alpha``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_bool, check_choice, check_scalar, float_dtype
from ._common import _FLOAT_MAX, _PRIORS, _design, _positive
from ._densities import _log_lik, _log_prior

__all__ = [
    "prior_to_alpha",
    "alpha_to_prior_scale",
    "MapEstimate",
    "map_linear_regression",
]

_ALPHA_FORMULA = {"laplace": "noise_std**2 / (n_samples * scale)",
                  "gaussian": "noise_std**2 / scale**2"}



# --------------------------------------------------------------------------
# prior <-> penalty strength
# --------------------------------------------------------------------------
def prior_to_alpha(prior, scale, noise_std, n_samples):
    r"""The penalty strength ``alpha`` whose penalized fit is the MAP estimate.

    .. math::

        \alpha_{\text{lasso}} = \frac{\sigma^2}{n\,b}, \qquad
        \alpha_{\text{ridge}} = \frac{\sigma^2}{\tau^2}

    for :func:`l1l2.linear_model.lasso`, which minimizes
    :math:`\frac{1}{2n}\|y - Xw - w_0\|^2 + \alpha\|w\|_1` (Laplace prior,
    scale :math:`b`), and :func:`l1l2.linear_model.ridge`, which minimizes
    :math:`\|y - Xw - w_0\|^2 + \alpha\|w\|_2^2` (Gaussian prior
    :math:`N(0, \tau^2)`). The module docstring derives both.

    Parameters
    ----------
    prior : {"laplace", "gaussian"}
    scale : float
        :math:`b` (Laplace) or :math:`\tau` (Gaussian), positive.
    noise_std : float
        :math:`\sigma`, positive.
    n_samples : int
        :math:`n`; only the Laplace case depends on it.

    Returns
    -------
    float
        An ``alpha`` below the smallest float rounds to ``0.0``.

    Raises
    ------
    ValueError
        If an argument is invalid, or ``alpha`` exceeds the float range
        (``noise_std`` far larger than ``scale``).

    Examples
    --------
    >>> from l1l2.priors import prior_to_alpha
    >>> prior_to_alpha("laplace", scale=0.5, noise_std=2.0, n_samples=8)
    1.0
    >>> prior_to_alpha("gaussian", scale=0.5, noise_std=2.0, n_samples=8)
    16.0
    """
    prior = check_choice(prior, "prior", _PRIORS)
    s = _positive(scale, "scale")
    sigma = _positive(noise_std, "noise_std")
    n = check_scalar(n_samples, "n_samples", low=1, integer=True)
    if prior == "laplace":
        alpha = sigma * (sigma / (n * s))
    else:
        alpha = (sigma / s) * (sigma / s)
    if not math.isfinite(alpha):
        raise ValueError(f"noise_std is too large for scale: alpha = {_ALPHA_FORMULA[prior]} "
                         f"exceeds the float range (about {_FLOAT_MAX:.1e})")
    return alpha


def alpha_to_prior_scale(prior, alpha, noise_std, n_samples):
    r"""The prior scale whose MAP estimate is the penalized fit with ``alpha``.

    The inverse of :func:`prior_to_alpha`:

    .. math::

        b = \frac{\sigma^2}{n\,\alpha} \quad\text{(lasso, Laplace)}, \qquad
        \tau = \frac{\sigma}{\sqrt{\alpha}} \quad\text{(ridge, Gaussian)}.

    Parameters
    ----------
    prior : {"laplace", "gaussian"}
    alpha : float
        The penalty strength, positive (``alpha = 0`` is a flat prior, an
        infinite scale).
    noise_std : float
        :math:`\sigma`, positive.
    n_samples : int
        :math:`n`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If an argument is invalid, or the scale exceeds the float range.

    Examples
    --------
    >>> from l1l2.priors import alpha_to_prior_scale
    >>> alpha_to_prior_scale("laplace", alpha=1.0, noise_std=2.0, n_samples=8)
    0.5
    >>> alpha_to_prior_scale("gaussian", alpha=16.0, noise_std=2.0, n_samples=8)
    0.5
    """
    prior = check_choice(prior, "prior", _PRIORS)
    a = _positive(alpha, "alpha")
    sigma = _positive(noise_std, "noise_std")
    n = check_scalar(n_samples, "n_samples", low=1, integer=True)
    if prior == "laplace":
        scale = sigma * (sigma / (n * a))
    else:
        scale = sigma / math.sqrt(a)
    if not math.isfinite(scale):
        formula = "noise_std**2 / (n_samples * alpha)" if prior == "laplace" else \
            "noise_std / sqrt(alpha)"
        raise ValueError(f"noise_std is too large for alpha: the prior scale {formula} "
                         f"exceeds the float range (about {_FLOAT_MAX:.1e})")
    return scale


# --------------------------------------------------------------------------
# MAP estimates
# --------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class MapEstimate:
    """The MAP estimate of linear regression under a Laplace or Gaussian prior.

    Attributes
    ----------
    coef : ndarray of shape (p,)
        :math:`w_{\\text{MAP}}`.
    intercept : float
        :math:`w_0` (flat prior: unpenalized).
    alpha : float
        The penalty strength of the equivalent penalized fit
        (:func:`prior_to_alpha`).
    prior : str
        ``"laplace"`` (lasso) or ``"gaussian"`` (ridge).
    scale, noise_std : float
        :math:`b` or :math:`\\tau`, and :math:`\\sigma`.
    log_posterior : float
        :math:`\\log p(y \\mid w) + \\log p(w)` at the estimate, the
        log-posterior up to the constant :math:`-\\log p(y)`.
    """

    coef: np.ndarray
    intercept: float
    alpha: float
    prior: str
    scale: float
    noise_std: float
    log_posterior: float


def map_linear_regression(X, y, *, prior="laplace", scale=1.0, noise_std=1.0,
                          fit_intercept=True):
    r"""MAP estimate of linear regression, through the equivalent penalized fit.

    Maximizes :math:`\log p(y \mid w, w_0) + \sum_j \log p(w_j)` with Gaussian
    noise of standard deviation :math:`\sigma` and a flat prior on
    :math:`w_0`. For a Laplace prior of scale :math:`b` this is the lasso

    .. math::

        \min_{w, w_0}\ \frac{1}{2n}\|y - Xw - w_0\|^2 + \alpha\|w\|_1,
        \qquad \alpha = \frac{\sigma^2}{n b},

    solved by :func:`l1l2.linear_model.lasso`; for a Gaussian prior
    :math:`N(0, \tau^2)` it is ridge regression

    .. math::

        \min_{w, w_0}\ \|y - Xw - w_0\|^2 + \alpha\|w\|_2^2,
        \qquad \alpha = \frac{\sigma^2}{\tau^2},

    solved by :func:`l1l2.linear_model.ridge`.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
    prior : {"laplace", "gaussian"}
    scale : float
        :math:`b` (Laplace) or :math:`\tau` (Gaussian), positive.
    noise_std : float
        :math:`\sigma`, positive.
    fit_intercept : bool
        Estimate :math:`w_0` (flat prior) or hold it at 0.

    Returns
    -------
    MapEstimate

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import map_linear_regression
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X[:, 0]
    >>> est = map_linear_regression(X, y, prior="laplace", scale=10 / 3, noise_std=1.0)
    >>> est.alpha   # sigma^2 / (n b) = 1 / (3 * 10/3)
    0.1
    >>> print(np.round(est.coef, 6))   # scikit-learn's test_lasso_toy value
    [0.85]
    """
    X, y = _design(X, y)
    prior = check_choice(prior, "prior", _PRIORS)
    s_ = _positive(scale, "scale")
    sigma = _positive(noise_std, "noise_std")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    n = X.shape[0]
    alpha = prior_to_alpha(prior, s_, sigma, n)
    from .. import linear_model  # lazy: l1l2.linear_model imports SciPy

    if prior == "laplace":
        fit = linear_model.lasso(X, y, alpha, fit_intercept=fit_intercept)
    else:
        fit = linear_model.ridge(X, y, alpha, fit_intercept=fit_intercept)
    coef = np.asarray(fit.coef)
    w0 = float(fit.intercept)
    dt = float_dtype(X, y, coef)
    ll = _log_lik(X.astype(dt), y.astype(dt), coef.astype(dt), sigma, w0,
                  "X, y and noise_std (at the MAP estimate)")
    lp = float(ll) + _log_prior(coef, prior, s_)
    return MapEstimate(coef=coef, intercept=w0, alpha=alpha, prior=prior, scale=s_,
                       noise_std=sigma, log_posterior=float(lp))


