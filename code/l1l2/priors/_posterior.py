r"""The posterior of a 2-feature regression on a grid, for contour plots.

- :func:`log_posterior_grid` — log-prior, log-likelihood and their sum, the
  log-posterior up to :math:`-\log p(y)`, at every point of a
  :math:`(w_1, w_2)` grid;
- :class:`PosteriorGrid` — its result, with the grid's highest point
  (:meth:`PosteriorGrid.argmax`) and the trapezoidal-rule density and mean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import as_float_array, check_choice, check_scalar, float_dtype
from ._common import _FLOAT_MAX, _PRIORS, _design, _positive
from ._densities import _gaussian_logpdf, _laplace_logpdf, _log_lik

__all__ = ["PosteriorGrid", "log_posterior_grid"]


@dataclass(frozen=True, eq=False)
class PosteriorGrid:
    """Log-prior, log-likelihood and log-posterior of a 2-D problem on a grid.

    Arrays have shape ``(len(w2), len(w1))``: rows follow ``w2``, columns
    ``w1``, so ``plt.contour(g.w1, g.w2, g.log_posterior)`` draws them.

    Attributes
    ----------
    w1, w2 : ndarray
        The grid axes (coordinates :math:`w_1` and :math:`w_2`).
    log_prior : ndarray
        :math:`\\log p(w)`.
    log_likelihood : ndarray
        :math:`\\log p(y \\mid w)`.
    log_posterior : ndarray
        ``log_likelihood + log_prior``: the log-posterior up to the constant
        :math:`-\\log p(y)`, so not normalized.
    """

    w1: np.ndarray
    w2: np.ndarray
    log_prior: np.ndarray
    log_likelihood: np.ndarray
    log_posterior: np.ndarray

    def argmax(self) -> np.ndarray:
        """The grid point of highest posterior density, as ``array([w1, w2])``."""
        i, j = np.unravel_index(np.argmax(self.log_posterior), self.log_posterior.shape)
        return np.array([self.w1[j], self.w2[i]])

    def density(self) -> np.ndarray:
        """The posterior density on the grid, normalized by the trapezoidal rule.

        Accurate when the grid covers the posterior mass and is fine enough.
        """
        lp = self.log_posterior.astype(np.float64)
        d = np.exp(lp - lp.max())
        z = _trapz2(d, self.w1, self.w2)
        return (d / z).astype(self.log_posterior.dtype)

    def mean(self) -> np.ndarray:
        """The posterior mean, ``array([E w1, E w2])``, by the trapezoidal rule."""
        d = self.density().astype(np.float64)
        W1, W2 = np.meshgrid(self.w1, self.w2)
        return np.array([_trapz2(d * W1, self.w1, self.w2),
                         _trapz2(d * W2, self.w1, self.w2)])


def _trapz2(f, w1, w2):
    if len(w1) < 2 or len(w2) < 2:
        raise ValueError("the grid needs at least 2 points along w1 and along w2 to integrate")
    return float(np.trapezoid(np.trapezoid(f, w1, axis=1), w2))


def log_posterior_grid(X, y, w1_grid, w2_grid, *, prior="laplace", scale=1.0,
                       noise_std=1.0, intercept=0.0):
    r"""Log-prior, log-likelihood and log-posterior of a 2-feature regression on a grid.

    At every grid point :math:`w = (w_1, w_2)`:

    .. math::

        \log p(w \mid y) = \log p(y \mid w) + \log p(w_1) + \log p(w_2) - \log p(y),

    with :math:`\log p(y\mid w) = -\frac n2\log(2\pi\sigma^2) -
    \frac{1}{2\sigma^2}\|y - Xw - w_0\|^2` and the Laplace prior
    :math:`\log p(w_j) = -\log(2b) - |w_j|/b` or the Gaussian prior
    :math:`\log p(w_j) = -\frac12\log(2\pi\tau^2) - w_j^2/(2\tau^2)`.
    The constant :math:`\log p(y)` is left out. The computation is vectorised: the
    residual sum of squares is a quadratic form in :math:`w`, so the cost does
    not grow with :math:`n` times the grid size.

    Parameters
    ----------
    X : array_like, shape (n, 2)
    y : array_like, shape (n,)
    w1_grid, w2_grid : array_like, 1-D
        Grid values of :math:`w_1` and :math:`w_2`.
    prior : {"laplace", "gaussian"}
    scale : float
        :math:`b` or :math:`\tau`, positive.
    noise_std : float
        :math:`\sigma`, positive.
    intercept : float
        The intercept :math:`w_0`, held fixed (0 for centred data).

    Returns
    -------
    PosteriorGrid
        Arrays of shape ``(len(w2_grid), len(w1_grid))``.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import log_posterior_grid
    >>> X = np.eye(2); y = np.array([2.0, 0.1])
    >>> g = log_posterior_grid(X, y, np.linspace(-3, 3, 61), np.linspace(-3, 3, 61),
    ...                        prior="laplace", scale=1.0, noise_std=1.0)
    >>> g.log_posterior.shape
    (61, 61)
    >>> g.argmax()   # soft thresholding of (2, 0.1) at sigma^2/b = 1
    array([1., 0.])
    """
    X, y = _design(X, y)
    if X.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 columns for a 2-D grid, got shape {X.shape}")
    w1 = as_float_array(w1_grid, "w1_grid", ndim=1, finite=True, allow_empty=False)
    w2 = as_float_array(w2_grid, "w2_grid", ndim=1, finite=True, allow_empty=False)
    prior = check_choice(prior, "prior", _PRIORS)
    s_ = _positive(scale, "scale")
    sigma = _positive(noise_std, "noise_std")
    w0 = check_scalar(intercept, "intercept")
    if not math.isfinite(w0):
        raise ValueError(f"intercept must be finite, got {w0}")
    dt = float_dtype(X, y, w1, w2)
    X, y, w1, w2 = (a.astype(dt, copy=True) for a in (X, y, w1, w2))
    W1, W2 = np.meshgrid(w1, w2)
    W = np.stack([W1, W2], axis=-1)
    ll = _log_lik(X, y, W, sigma, w0, "X, y, w1_grid, w2_grid, intercept and noise_std")
    f = _laplace_logpdf if prior == "laplace" else _gaussian_logpdf
    with np.errstate(over="ignore"):
        lpr = f(W1, s_) + f(W2, s_)
    if not np.all(np.isfinite(lpr)):
        raise ValueError(
            f"scale is too small for the grid values w1_grid and w2_grid: the log-prior is "
            f"below -{_FLOAT_MAX:.1e}, beyond the float range"
        )
    ll = ll.astype(dt, copy=False)
    lpr = lpr.astype(dt, copy=False)
    with np.errstate(over="ignore"):
        lpo = ll + lpr
    if not np.all(np.isfinite(lpo)):
        raise ValueError(
            "X, y, w1_grid, w2_grid, intercept, scale and noise_std: the log-posterior is "
            f"below -{_FLOAT_MAX:.1e}, beyond the float range"
        )
    return PosteriorGrid(w1=w1, w2=w2, log_prior=lpr, log_likelihood=ll, log_posterior=lpo)

