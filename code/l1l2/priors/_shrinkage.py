r"""Shrinkage rules of the normal-means model: the posterior mean of one effect.

- :func:`normal_means_posterior_mean` — :math:`E[\theta \mid y]` when
  :math:`y \sim N(\theta, \sigma^2)` and :math:`\theta` has a Gaussian, a
  Laplace or a horseshoe prior: the Gaussian and Laplace cases in closed form,
  the horseshoe by a 1-D integral over its local scale on a fine grid.

Private: ``_laplace_mean`` and ``_horseshoe_mean`` (standardized units,
:math:`\sigma = 1`).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from .._validation import as_float_array, check_choice
from ._common import _positive

__all__ = ["normal_means_posterior_mean"]

_SHRINKAGE_PRIORS = ("gaussian", "laplace", "horseshoe")
#: Step and half-width, in log(lambda), of the horseshoe's integration grid.
_STEP, _REACH = 0.05, 25.0


def _mills(m):
    """phi(m) / Phi(m), without overflow or cancellation, for every real m."""
    return math.sqrt(2.0 / math.pi) / special.erfcx(-m / math.sqrt(2.0))


#: Below this m, _trunc_mean uses the continued fraction instead of m + phi/Phi.
_CF_FROM, _CF_TERMS = -5.0, 80


def _trunc_mean(m):
    """h(m) = m + phi(m)/Phi(m), the mean of N(m, 1) truncated to (0, inf).

    For m < -5 the two terms nearly cancel (h(m) ~ 1/|m|), so h is taken from
    the continued fraction h(-t) = 1/(t + 2/(t + 3/(t + ...))), t = -m, which
    follows from Laplace's continued fraction of the Mills ratio.
    """
    m = np.asarray(m, dtype=float)
    t = np.maximum(-m, -_CF_FROM)
    tail = np.zeros_like(t)
    for k in range(_CF_TERMS, 1, -1):
        tail = k / (t + tail)
    cf = 1.0 / (t + tail)
    with np.errstate(over="ignore", invalid="ignore"):
        direct = m + _mills(m)
    return np.where(m < _CF_FROM, cf, direct)


def _log_ndtr_plus_half_square(x):
    """log Phi(x) + x^2/2, without the cancellation of two huge numbers."""
    x = np.asarray(x, dtype=float)
    with np.errstate(over="ignore", divide="ignore"):
        small = np.log(0.5 * special.erfcx(-np.minimum(x, 5.0) / math.sqrt(2.0)))
        large = special.log_ndtr(np.maximum(x, 5.0)) + 0.5 * np.maximum(x, 5.0) ** 2
    return np.where(x < 5.0, small, large)


def _laplace_mean(u, a):
    """E[theta | u] for u ~ N(theta, 1), theta ~ Laplace(0, 1/a).

    The posterior is P+ N(u - a, 1) truncated to (0, inf) plus P- N(u + a, 1)
    truncated to (-inf, 0). Its log-odds log(P+/P-) = -2au + log Phi(u - a)
    - log Phi(-u - a) are computed as g(u - a) - g(-u - a) with
    g(x) = log Phi(x) + x^2/2, in which the terms of size a^2 cancel exactly,
    and the truncated means by :func:`_trunc_mean`; both stay accurate for a
    narrow prior (large a = sigma/b).
    """
    logit = _log_ndtr_plus_half_square(u - a) - _log_ndtr_plus_half_square(-(u + a))
    w_pos, w_neg = special.expit(logit), special.expit(-logit)
    e_pos = _trunc_mean(u - a)  # mean of N(u - a, 1) truncated to (0, inf)
    e_neg = -_trunc_mean(-(u + a))  # mean of N(u + a, 1) truncated to (-inf, 0)
    mean = w_pos * e_pos + w_neg * e_neg  # terms of size 1/a; the sum is ~ 2u/a^2
    # A very narrow prior (a >= 1e3) and |u| < 1e-3 a: the two terms above cancel
    # to a relative 1e-16 a/|u|, so use the expansion in b = 1/a of
    # d/du log E_prior[exp(u theta - theta^2/2)] instead (error O((u/a)^4 + a^-4)).
    if a >= 1e3:
        b2 = 1.0 / (a * a)
        series = 2.0 * u * b2 + (2.0 * u**3 - 10.0 * u) * b2 * b2
        mean = np.where(np.abs(u) < 1e-3 * a, series, mean)
    return mean


def _horseshoe_mean(u, log_r):
    """E[theta | u] for u ~ N(theta, 1), theta | lam ~ N(0, lam^2 r^2), lam ~ C+(0, 1).

    The trapezoidal rule in g = log(lam) on a uniform grid, which is spectrally
    accurate for this smooth integrand with exponentially decaying tails.
    """
    top = max(abs(float(np.max(np.abs(u), initial=0.0))), 1.0)
    lo = min(0.0, -log_r) - _REACH
    hi = max(0.0, -log_r, math.log(top) - log_r) + _REACH
    g = np.arange(lo, hi + _STEP, _STEP)
    log_v = np.logaddexp(0.0, 2.0 * (g + log_r))  # log(1 + lam^2 r^2) = -log(kappa)
    # log of prior density in g (2/pi lam / (1 + lam^2)) + log N(u; 0, 1 + lam^2 r^2)
    base = g - np.logaddexp(0.0, 2.0 * g) - 0.5 * log_v
    with np.errstate(over="ignore"):
        z = u[:, None] * np.exp(-0.5 * log_v)[None, :]
        logw = base[None, :] - 0.5 * z * z
    logw -= logw.max(axis=1, keepdims=True)
    w = np.exp(logw)
    one_minus_kappa = special.expit(2.0 * (g + log_r))  # lam^2 r^2 / (1 + lam^2 r^2)
    return u * ((w @ one_minus_kappa) / w.sum(axis=1))


def normal_means_posterior_mean(y, *, prior="horseshoe", scale=1.0, noise_std=1.0):
    r"""Posterior mean :math:`E[\theta \mid y]` of one effect in the normal-means model.

    Each entry of ``y`` is one observation :math:`y \sim N(\theta, \sigma^2)`
    of its own effect :math:`\theta`, with one of three priors:

    * ``"gaussian"``, :math:`\theta \sim N(0, \tau^2)`:
      :math:`E[\theta\mid y] = \frac{\tau^2}{\tau^2 + \sigma^2}\,y`, a constant
      fraction (ridge's shrinkage);
    * ``"laplace"``, :math:`p(\theta) = \frac{1}{2b}e^{-|\theta|/b}`: with
      :math:`a = \sigma^2/b`, the posterior is a two-piece truncated Gaussian
      and

      .. math::

          E[\theta\mid y] = P_+\Big(y - a + \sigma\frac{\phi(m_+)}{\Phi(m_+)}\Big)
          + P_-\Big(y + a - \sigma\frac{\phi(m_-)}{\Phi(-m_-)}\Big),

      :math:`m_\pm = (y \mp a)/\sigma`, with the masses :math:`P_+ \propto
      e^{-ay/\sigma^2}\Phi(m_+)` and :math:`P_- \propto e^{ay/\sigma^2}\Phi(-m_-)`
      of :math:`\theta > 0` and :math:`\theta < 0`. For large :math:`|y|` it
      tends to :math:`y - a\,\operatorname{sign}(y)`: a constant shift, like the
      lasso's soft threshold :math:`S_a(y)`, which is the posterior *mode*;
    * ``"horseshoe"`` (Carvalho, Polson and Scott 2010), :math:`\theta \mid
      \lambda \sim N(0, \lambda^2\tau^2)` with a half-Cauchy local scale
      :math:`\lambda \sim C^+(0, 1)` and the global scale :math:`\tau`. Given
      :math:`\lambda`, :math:`E[\theta \mid y, \lambda] = (1 - \kappa)\,y` with
      the shrinkage weight :math:`\kappa = \sigma^2/(\sigma^2 + \lambda^2\tau^2)`,
      so

      .. math::

          E[\theta\mid y] = \bigl(1 - E[\kappa \mid y]\bigr)\,y,\qquad
          p(\lambda \mid y) \propto \frac{2}{\pi(1+\lambda^2)}\,
          N\bigl(y;\ 0,\ \sigma^2 + \lambda^2\tau^2\bigr),

      computed by the trapezoidal rule in :math:`\log\lambda` on a uniform grid
      (step 0.05, reaching 25 beyond the relevant scales; relative error far
      below 1e-9). Large :math:`|y|` is barely shrunk: :math:`y - E[\theta\mid
      y] \to 0`.

    Parameters
    ----------
    y : array_like, shape (m,)
        The observations, one per effect.
    prior : {"horseshoe", "laplace", "gaussian"}
    scale : float
        :math:`\tau` (horseshoe: the global scale; Gaussian: the standard
        deviation) or :math:`b` (Laplace), positive, in the units of ``y``.
    noise_std : float
        :math:`\sigma`, positive.

    Returns
    -------
    ndarray of shape (m,)
        :math:`E[\theta \mid y]` for each entry (float32 for float32 ``y``).

    Raises
    ------
    ValueError
        If an argument is invalid, or ``y``, ``scale`` and ``noise_std`` are
        so far apart in magnitude that the answer is beyond the float range.

    References
    ----------
    C. M. Carvalho, N. G. Polson and J. G. Scott (2010), "The horseshoe
    estimator for sparse signals", *Biometrika* 97(2), 465-480.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import normal_means_posterior_mean
    >>> y = np.array([0.5, 8.0])
    >>> print(np.round(normal_means_posterior_mean(y, prior="gaussian", scale=1.0), 3))
    [0.25 4.  ]
    >>> print(np.round(normal_means_posterior_mean(y, prior="laplace", scale=1.0), 3))
    [0.241 7.   ]
    >>> print(np.round(normal_means_posterior_mean(y, prior="horseshoe", scale=1.0), 3))
    [0.172 7.746]
    """
    y = as_float_array(y, "y", ndim=1, finite=True)
    prior = check_choice(prior, "prior", _SHRINKAGE_PRIORS)
    s = _positive(scale, "scale")
    sigma = _positive(noise_std, "noise_std")
    out_dtype = y.dtype
    y64 = y.astype(np.float64)
    names = "y, scale and noise_std"
    with np.errstate(over="ignore", under="ignore"):
        u = y64 / sigma
    if not np.all(np.isfinite(u)):
        raise ValueError(f"{names}: y / noise_std exceeds the float range")
    if prior == "gaussian":
        log_r = math.log(s) - math.log(sigma)
        mean_u = u * special.expit(2.0 * log_r)  # tau^2 / (tau^2 + sigma^2)
    elif prior == "laplace":
        a = math.exp(math.log(sigma) - math.log(s)) if math.log(sigma) - math.log(s) < 700 \
            else math.inf
        if not math.isfinite(a):
            raise ValueError(f"{names}: noise_std / scale exceeds the float range")
        mean_u = _laplace_mean(u, a)
    else:
        mean_u = _horseshoe_mean(u, math.log(s) - math.log(sigma))
    with np.errstate(over="ignore", under="ignore"):
        mean = mean_u * sigma
    if not np.all(np.isfinite(mean)):
        raise ValueError(f"{names}: the posterior mean is beyond the float range")
    return mean.astype(out_dtype, copy=False)
