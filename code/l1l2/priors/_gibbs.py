r"""The Bayesian lasso: a Gibbs sampler for the posterior under Laplace priors.

- :func:`sample_bayesian_lasso` — Park and Casella's (2008) sampler through the
  scale mixture of normals, with fixed noise (``noise_std`` and the Laplace
  scale ``scale``: the posterior whose mode is the lasso) or sampled noise
  (``lam``, prior scale :math:`\sigma/\lambda`);
- :class:`BayesianLassoSamples` — the draws, with posterior mean, median and
  equal-tailed credible intervals.

Private: ``_gibbs`` (the sweeps) and ``_inverse_gaussian`` (the draws of the
mixing precisions, by Michael, Schucany and Haas).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.linalg import solve_triangular

from .._validation import MAX_COUNT, check_bool, check_count, check_finite_result, check_scalar
from ._common import _FLOAT_MAX, _design, _positive

__all__ = ["BayesianLassoSamples", "sample_bayesian_lasso"]


@dataclass(frozen=True, eq=False)
class BayesianLassoSamples:
    """Draws from the Bayesian-lasso posterior (after burn-in).

    Attributes
    ----------
    coef : ndarray of shape (n_samples, p)
        Draws of :math:`w`.
    intercept : ndarray of shape (n_samples,)
        Draws of :math:`w_0` (zeros if ``fit_intercept=False``).
    sigma2 : ndarray of shape (n_samples,)
        Draws of :math:`\\sigma^2` (constant when ``noise_std`` was fixed).
    """

    coef: np.ndarray
    intercept: np.ndarray
    sigma2: np.ndarray

    @property
    def coef_mean(self) -> np.ndarray:
        """Posterior mean of :math:`w` (Monte Carlo estimate)."""
        return self.coef.mean(axis=0)

    @property
    def coef_median(self) -> np.ndarray:
        """Posterior median of each :math:`w_j`, as Park and Casella report."""
        return np.median(self.coef, axis=0)

    def credible_interval(self, level=0.95) -> np.ndarray:
        """Equal-tailed credible intervals, shape (2, p): lower row, upper row."""
        level = check_scalar(level, "level", low=0.0, high=1.0, low_inclusive=False,
                             high_inclusive=False)
        q = (1.0 - level) / 2.0
        return np.quantile(self.coef, [q, 1.0 - q], axis=0)


def _inverse_gaussian(mean, shape, z, u):
    """Inverse-Gaussian draws from standard normals z and uniforms u.

    Michael, Schucany and Haas (1976), with the smaller root written in a
    form that does not cancel when mean * z^2 / shape is large.
    """
    c = mean * (z * z) / (2.0 * shape)
    x1 = mean / (1.0 + c + np.sqrt(c) * np.sqrt(2.0 + c))
    # clamp: a huge precision only means "w_j is pinned at 0"; inf would break Cholesky
    return np.minimum(np.where(u * (mean + x1) <= mean, x1, mean * (mean / x1)), 1e280)


def sample_bayesian_lasso(X, y, *, scale=None, noise_std=None, lam=None, n_samples=2000,
                          burn_in=500, fit_intercept=True, seed=0):
    r"""Gibbs sampler for the Bayesian lasso (Park and Casella 2008).

    Model: :math:`y \mid w, w_0, \sigma^2 \sim N(Xw + w_0, \sigma^2 I)`, flat
    prior on :math:`w_0`, independent Laplace priors on the :math:`w_j`.
    Two parameterisations, chosen by ``noise_std``:

    * **Fixed noise** (``noise_std`` = :math:`\sigma` given, with ``scale`` =
      :math:`b`): :math:`p(w_j) = \frac{1}{2b}e^{-|w_j|/b}`. This is exactly the
      posterior whose mode is :func:`map_linear_regression`, i.e. the lasso
      with :math:`\alpha = \sigma^2/(nb)`, so its mean and its mode can be
      compared directly.
    * **Park and Casella** (``noise_std=None``, with ``lam`` = :math:`\lambda`):
      :math:`p(w_j \mid \sigma^2) = \frac{\lambda}{2\sigma}
      e^{-\lambda|w_j|/\sigma}` (a Laplace prior of scale
      :math:`b = \sigma/\lambda`, conditional on :math:`\sigma`) and
      :math:`p(\sigma^2) \propto 1/\sigma^2`. Its conditional mode given
      :math:`\sigma` is the lasso with :math:`\alpha = \sigma\lambda/n`.

    Both use the scale mixture of normals: :math:`w_j \mid d_j, \sigma^2 \sim
    N(0, \sigma^2/d_j)` with :math:`\sigma^2/d_j \sim \mathrm{Exp}(\text{rate }
    1/(2b^2))`. One sweep of the sampler draws

    .. math::

        w \mid \cdot \sim N\big(A^{-1}X^\top y,\ \sigma^2 A^{-1}\big),\quad
        A = X^\top X + \operatorname{diag}(d),

    .. math::

        \sigma^2 \mid \cdot \sim \text{Inv-Gamma}\Big(\frac{n' + p}{2},\
        \frac{\|y - Xw\|^2 + \sum_j d_j w_j^2}{2}\Big)
        \quad\text{(Park and Casella only)},

    .. math::

        d_j \mid \cdot \sim \text{Inverse-Gaussian}\Big(\text{mean }
        \frac{\sigma^2}{b\,|w_j|},\ \text{shape } \frac{\sigma^2}{b^2}\Big)

    (which is :math:`\text{mean } \lambda\sigma/|w_j|`, shape :math:`\lambda^2`
    in Park and Casella's notation, where :math:`d_j = 1/\tau_j^2`). With an
    intercept, :math:`X` and :math:`y` are centred, :math:`n' = n - 1` (the
    flat-prior intercept integrated out) and :math:`w_0` is drawn from
    :math:`N(\bar y - \bar x^\top w, \sigma^2/n)`; without, :math:`n' = n`.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
    scale : float, optional
        Laplace scale :math:`b > 0`, in the units of :math:`w`. Required when
        ``noise_std`` is given, not allowed otherwise.
    noise_std : float, optional
        Fixed noise standard deviation :math:`\sigma > 0`. If None,
        :math:`\sigma^2` is sampled (Park and Casella).
    lam : float, optional
        Park and Casella's :math:`\lambda > 0` (the prior scale is
        :math:`\sigma/\lambda`). Required when ``noise_std`` is None, not
        allowed otherwise.
    n_samples : int
        Number of draws kept, at least 1.
    burn_in : int
        Number of initial sweeps discarded, at least 0.
    fit_intercept : bool
        Sample :math:`w_0` (flat prior) or hold it at 0.
    seed : int
        Seed of ``numpy.random.default_rng``; the result is a deterministic
        function of it.

    Returns
    -------
    BayesianLassoSamples

    Notes
    -----
    Computation is in float64; float32 input gives float32 draws. A sweep
    costs one :math:`p \times p` Cholesky factorization.

    References
    ----------
    T. Park and G. Casella (2008), "The Bayesian Lasso", *Journal of the
    American Statistical Association* 103(482), 681-686.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import sample_bayesian_lasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 3)); y = X @ [2.0, 0.0, 0.0] + rng.standard_normal(50)
    >>> s = sample_bayesian_lasso(X, y, scale=0.5, noise_std=1.0, n_samples=500, seed=1)
    >>> s.coef.shape
    (500, 3)
    >>> bool(np.all(s.coef_mean != 0))   # the posterior mean is not sparse
    True
    """
    X, y = _design(X, y)
    out_dtype = X.dtype
    X = X.astype(np.float64)
    y = y.astype(np.float64)
    n, p = X.shape
    if noise_std is not None:
        sigma = _positive(noise_std, "noise_std")
        if lam is not None:
            raise ValueError("lam must be None when noise_std is given (use scale, the "
                             "Laplace scale b)")
        if scale is None:
            raise ValueError("scale (the Laplace scale b) is required when noise_std is given")
        b_fixed = _positive(scale, "scale")
        lam_ = None
    else:
        if scale is not None:
            raise ValueError("scale must be None when noise_std is None (use lam, Park and "
                             "Casella's lambda; the prior scale is sigma / lam)")
        if lam is None:
            raise ValueError("lam is required when noise_std is None")
        lam_ = _positive(lam, "lam")
        if not math.isfinite(lam_ * lam_ / 2.0):
            raise ValueError(f"lam is too large: the prior precision lam**2 / 2 overflows, "
                             f"got {lam_}")
        sigma = None
        b_fixed = None
    if sigma is not None and (b_fixed * b_fixed == 0.0
                              or not math.isfinite(sigma * sigma / (2.0 * b_fixed * b_fixed))):
        raise ValueError("scale and noise_std: the prior precision noise_std**2 / (2 scale**2) "
                         "over- or underflows; rescale them toward magnitude 1")
    n_samples = check_count(n_samples, "n_samples", low=1)
    burn_in = check_count(burn_in, "burn_in", low=0)
    if (n_samples + burn_in) * max(p, 1) > MAX_COUNT:
        raise ValueError(f"n_samples + burn_in is too large: more than {MAX_COUNT} numbers "
                         "would be drawn")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    seed = check_scalar(seed, "seed", low=0, integer=True)

    if fit_intercept:
        xm, ym = X.mean(axis=0), y.mean()
        Xc, yc = X - xm, y - ym
        n_eff = n - 1
    else:
        xm, ym = np.zeros(p), 0.0
        Xc, yc = X, y
        n_eff = n
    with np.errstate(over="ignore", invalid="ignore"):
        G = Xc.T @ Xc
        c = Xc.T @ yc
    if not (np.all(np.isfinite(G)) and np.all(np.isfinite(c))):
        raise ValueError("X and y are too large: X.T X or X.T y exceeds the float range "
                         f"(about {_FLOAT_MAX:.1e}); rescale them toward magnitude 1")

    total = burn_in + n_samples
    rng = np.random.default_rng(seed)
    z_w = rng.standard_normal((total, p))
    z_ig = rng.standard_normal((total, p))
    u_ig = rng.random((total, p))
    z_0 = rng.standard_normal(total)
    gam = rng.standard_gamma((n_eff + p) / 2.0, size=total) if sigma is None else None

    if sigma is None:
        v = float(np.var(yc)) if n > 1 else 0.0
        sigma2 = v if v > 0 else 1.0
        d = np.full(p, lam_ * lam_ / 2.0)
    else:
        sigma2 = sigma * sigma
        d = np.full(p, sigma2 / (2.0 * b_fixed * b_fixed))

    coef = np.empty((n_samples, p))
    icpt = np.zeros(n_samples)
    sig2 = np.empty(n_samples)
    with np.errstate(all="ignore"):  # a run that over- or underflows is refused below
        _gibbs(G, c, d, sigma, sigma2, lam_, b_fixed, Xc, yc, xm, ym, n, z_w, z_ig, u_ig, z_0,
               gam, burn_in, fit_intercept, coef, icpt, sig2)
    check_finite_result([coef.ravel(), sig2], "X, y, scale, noise_std and lam",
                        "the posterior draws")
    check_finite_result(icpt, "X, y, scale, noise_std and lam", "the posterior draws")
    return BayesianLassoSamples(coef=coef.astype(out_dtype, copy=False),
                                intercept=icpt.astype(out_dtype, copy=False),
                                sigma2=sig2.astype(out_dtype, copy=False))


def _gibbs(G, c, d, sigma, sigma2, lam_, b_fixed, Xc, yc, xm, ym, n, z_w, z_ig, u_ig, z_0,
           gam, burn_in, fit_intercept, coef, icpt, sig2):
    """The Gibbs sweeps of :func:`sample_bayesian_lasso`, writing into coef, icpt, sig2."""
    p = G.shape[0]
    total = z_w.shape[0]
    diag = np.arange(p)
    tiny = 1e-100
    for it in range(total):
        A = G.copy()
        A[diag, diag] += d
        L = np.linalg.cholesky(A)
        sd = math.sqrt(sigma2)
        v = solve_triangular(L, c, lower=True, check_finite=False)
        w = solve_triangular(L, v + sd * z_w[it], lower=True, trans="T", check_finite=False)
        if sigma is None:
            r = yc - Xc @ w
            rate = 0.5 * (r @ r + d @ (w * w))
            sigma2 = rate / gam[it]
            b = math.sqrt(sigma2) / lam_
        else:
            b = b_fixed
        absw = np.maximum(np.abs(w), tiny * b)
        d = _inverse_gaussian(sigma2 / (b * absw), sigma2 / (b * b), z_ig[it], u_ig[it])
        k = it - burn_in
        if k >= 0:
            coef[k] = w
            sig2[k] = sigma2
            if fit_intercept:
                icpt[k] = ym - xm @ w + math.sqrt(sigma2 / n) * z_0[it]

