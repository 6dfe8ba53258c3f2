r"""Spike and slab: exact posterior inclusion probabilities by enumerating all models.

- :func:`spike_and_slab_inclusion` — with a slab :math:`N(0, \tau^2)`, a
  spike at exactly 0 and known noise, the posterior probability of each of the
  :math:`2^p` models (:math:`p \le 15`), each feature's inclusion probability
  and the model-averaged posterior mean;
- :class:`SpikeSlabResult` — its result.

Private: ``_spike_slab_models`` (the per-model Cholesky computation) and
``_spike_slab_rescaled`` (the same with exact power-of-two rescalings, for
data of extreme magnitude).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.linalg import solve_triangular

from .._validation import check_bool, check_scalar
from ._common import _FLOAT_MAX, _SAFE_HIGH, _SAFE_LOW, _design, _exponent, _max_abs, _positive

__all__ = ["SpikeSlabResult", "spike_and_slab_inclusion"]

_MAX_SPIKE_SLAB_FEATURES = 15


@dataclass(frozen=True, eq=False)
class SpikeSlabResult:
    """Exact posterior over all :math:`2^p` models of a spike-and-slab prior.

    Attributes
    ----------
    models : ndarray of bool, shape (2**p, p)
        Row ``m`` is the set of included features of model ``m``: feature
        ``j`` is in it iff bit ``j`` of ``m`` is set (row 0 is the empty model).
    model_prob : ndarray of shape (2**p,)
        Posterior probability of each model, :math:`P(\\gamma \\mid y)`.
    inclusion_prob : ndarray of shape (p,)
        :math:`P(w_j \\neq 0 \\mid y)`, the posterior inclusion probabilities.
    coef_mean : ndarray of shape (p,)
        Posterior mean of :math:`w` (model-averaged; excluded features count
        as exact zeros).
    """

    models: np.ndarray
    model_prob: np.ndarray
    inclusion_prob: np.ndarray
    coef_mean: np.ndarray


def spike_and_slab_inclusion(X, y, *, slab_scale, noise_std, prior_inclusion=0.5,
                             fit_intercept=True):
    r"""Exact posterior inclusion probabilities of a spike-and-slab prior.

    Prior: each feature is included independently with probability
    :math:`\pi`; an included coefficient has the slab :math:`N(0, \tau^2)`,
    an excluded one is exactly 0 (the spike). The noise
    :math:`\sigma` is known and the intercept has a flat prior. For a model
    :math:`\gamma` with :math:`k` features, with :math:`M = X_\gamma^\top
    X_\gamma + (\sigma^2/\tau^2) I_k`, the log marginal likelihood is, up to a
    constant common to all models,

    .. math::

        \log p(y \mid \gamma) = -\frac{k}{2}\log\frac{\tau^2}{\sigma^2}
        - \frac12\log\det M
        + \frac{1}{2\sigma^2}\, y^\top X_\gamma M^{-1} X_\gamma^\top y,

    and :math:`P(\gamma \mid y) \propto p(y \mid \gamma)\,\pi^k(1-\pi)^{p-k}`.
    All :math:`2^p` models are enumerated (:math:`p \le 15`). With an
    intercept, :math:`X` and :math:`y` are centred first (that integrates the
    flat-prior intercept out exactly).

    Parameters
    ----------
    X : array_like, shape (n, p)
        At most 15 columns.
    y : array_like, shape (n,)
    slab_scale : float
        :math:`\tau > 0`, the slab's standard deviation (units of :math:`w`).
    noise_std : float
        :math:`\sigma > 0`.
    prior_inclusion : float
        :math:`\pi`, strictly between 0 and 1.
    fit_intercept : bool

    Returns
    -------
    SpikeSlabResult

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import spike_and_slab_inclusion
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((100, 3)); y = 1.0 * X[:, 0] + rng.standard_normal(100)
    >>> res = spike_and_slab_inclusion(X, y, slab_scale=1.0, noise_std=1.0)
    >>> res.models.shape
    (8, 3)
    >>> bool(res.inclusion_prob[0] > 0.99 and res.inclusion_prob[1] < 0.5)
    True
    """
    X, y = _design(X, y)
    out_dtype = X.dtype
    X = X.astype(np.float64)
    y = y.astype(np.float64)
    n, p = X.shape
    if p > _MAX_SPIKE_SLAB_FEATURES:
        raise ValueError(f"X must have at most {_MAX_SPIKE_SLAB_FEATURES} columns for "
                         f"enumerating all 2**p models, got shape {X.shape}")
    tau = _positive(slab_scale, "slab_scale")
    sigma = _positive(noise_std, "noise_std")
    pi = check_scalar(prior_inclusion, "prior_inclusion", low=0.0, high=1.0,
                      low_inclusive=False, high_inclusive=False)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    if fit_intercept:
        X = X - X.mean(axis=0)
        y = y - y.mean()
    n_models = 1 << p
    models = ((np.arange(n_models)[:, None] >> np.arange(p)) & 1).astype(bool)
    log_pi, log_1mpi = math.log(pi), math.log1p(-pi)
    log_tau2_sigma2 = 2.0 * (math.log(tau) - math.log(sigma))
    logm = None
    mags = [m for m in (_max_abs(X), _max_abs(y)) if m > 0]
    if all(_SAFE_LOW <= m <= _SAFE_HIGH for m in mags):
        # moderate data: the direct arithmetic (ordinary results unchanged)
        with np.errstate(all="ignore"):
            G = X.T @ X
            c = X.T @ y
            ratio = (sigma / tau) * (sigma / tau)
            try:
                logm, means = _spike_slab_models(G, c, ratio, models, p, log_pi, log_1mpi,
                                                 log_tau2_sigma2, 0.0,
                                                 lambda q: 0.5 * ((q / sigma) / sigma))
            except np.linalg.LinAlgError:
                logm = None
        if logm is not None and _usable(logm, means):
            logm -= logm.max()
        else:
            logm = None
    if logm is None:  # extreme magnitudes: exact power-of-two rescalings
        logm, means = _spike_slab_rescaled(X, y, sigma, tau, models, p, log_pi, log_1mpi,
                                           log_tau2_sigma2)
    prob = np.exp(logm)
    prob /= prob.sum()
    incl = prob @ models
    with np.errstate(over="ignore", invalid="ignore"):
        coef_mean = prob @ means
    if not np.all(np.isfinite(coef_mean)):
        raise ValueError("X and y: the posterior mean of the coefficients exceeds the float "
                         f"range (about {_FLOAT_MAX:.1e}); rescale X and y toward magnitude 1")
    return SpikeSlabResult(models=models, model_prob=prob.astype(out_dtype),
                           inclusion_prob=incl.astype(out_dtype),
                           coef_mean=coef_mean.astype(out_dtype))


def _spike_slab_models(G, c, ratio, models, p, log_pi, log_1mpi, log_tau2_sigma2, log_det_shift,
                       quad):
    """Log marginal likelihoods (up to a common constant) and posterior means of
    all models. ``quad(v @ v)`` is the data term ``(v @ v) / (2 sigma**2)``;
    ``log_det_shift`` is added to ``log det M`` per included feature."""
    n_models = models.shape[0]
    logm = np.empty(n_models)
    means = np.zeros((n_models, p))
    for m in range(n_models):
        idx = np.flatnonzero(models[m])
        k = idx.size
        lp = k * log_pi + (p - k) * log_1mpi
        if k == 0:
            logm[m] = lp
            continue
        M = G[np.ix_(idx, idx)]
        M[np.diag_indices(k)] += ratio
        L = np.linalg.cholesky(M)
        v = solve_triangular(L, c[idx], lower=True, check_finite=False)
        means[m, idx] = solve_triangular(L, v, lower=True, trans="T", check_finite=False)
        logdet = 2.0 * np.log(np.diag(L)).sum() + k * log_det_shift
        logm[m] = (lp - 0.5 * k * log_tau2_sigma2 - 0.5 * logdet + quad(v @ v))
    return logm, means


def _spike_slab_rescaled(X, y, sigma, tau, models, p, log_pi, log_1mpi, log_tau2_sigma2):
    """:func:`spike_and_slab_inclusion`'s model weights for extreme magnitudes.

    X and y are divided by powers of two near their largest magnitudes (exact):
    with ``X = 2**a Xs`` and ``y = 2**b ys``, ``M = 4**a Ms`` where
    ``Ms = Xs^T Xs + (sigma / (tau 2**a))**2 I``, ``v = 2**b vs`` and the data
    term is ``K (vs @ vs)`` with ``K = 4**b / (2 sigma**2)``. When ``K``
    overflows, the data term decides: every model below the largest
    ``vs @ vs`` has probability 0 (exactly, in floating point), and ties are
    broken by the remaining terms. Returns ``(logm - max, means)``.
    """
    a, b = _exponent(_max_abs(X)), _exponent(_max_abs(y))
    with np.errstate(under="ignore", over="ignore", invalid="ignore"):
        Xs = np.ldexp(X, -a)
        ys = np.ldexp(y, -b)
        G = Xs.T @ Xs
        c = Xs.T @ ys
        ms, es = math.frexp(sigma)
        mt, et = math.frexp(tau)
        ratio = math.ldexp((ms / mt) ** 2, 2 * (es - et - a)) if 2 * (es - et - a) < 1000 \
            else math.inf
        quads = []
        logm, means = _spike_slab_models(G, c, ratio, models, p, log_pi, log_1mpi,
                                         log_tau2_sigma2, 2.0 * a * math.log(2.0),
                                         lambda q: quads.append(q) or 0.0)
        q = np.concatenate([[0.0], quads])  # the empty model has no data term
        # K = 4**b / (2 sigma**2) = 2**(2(b - es) - 1) / ms**2
        k_exp = 2 * (b - es) - 1
        if k_exp < 1000:
            K = math.ldexp(1.0 / (ms * ms), k_exp)
            total = logm + K * q
            if np.all(np.isfinite(total)):
                total -= total.max()
                means = np.ldexp(means, b - a)
                return total, means
        # K beyond the float range: only the models of largest vs @ vs survive
        top = q == q.max()
        rel = np.where(top, logm, -np.inf)
        if _usable(rel, means):
            rel -= rel.max()
        means = np.ldexp(means, b - a)
    if not _usable(rel, means):
        raise ValueError("X, y, slab_scale and noise_std: the model weights are beyond the "
                         "float range; rescale them toward magnitude 1")
    return rel, means


def _usable(logm, means) -> bool:
    """No NaN, a finite largest log-weight (-inf entries are probability 0)."""
    return bool(not np.any(np.isnan(logm)) and np.isfinite(np.max(logm))
                and not np.any(np.isnan(means)))
