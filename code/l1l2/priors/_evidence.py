r"""The Gaussian prior's evidence: marginal likelihood, empirical Bayes, prediction.

With Gaussian noise :math:`\sigma` and the prior :math:`w \sim N(0, \tau^2 I)`,
everything is Gaussian and one SVD of the (centred) design gives it all:

- :func:`ridge_log_evidence` — the log marginal likelihood
  :math:`\log N(y \mid 0, \sigma^2 I + \tau^2 XX^\top)`;
- :func:`empirical_bayes_ridge` — the :math:`(\tau, \sigma)` that maximize it
  (evidence maximization, MacKay 1992), as an :class:`EmpiricalBayesRidge`
  with the ridge strength :math:`\lambda = \sigma^2/\tau^2` they imply;
- :func:`ridge_posterior_predictive` — the mean and standard deviations of the
  posterior predictive distribution at new inputs, as a
  :class:`PosteriorPredictive`.

With an intercept (flat prior), the data are reduced to their :math:`n - 1`
contrasts orthogonal to the constant (an exact Householder reflection); this
integrates the intercept out.

Private: ``_contrasts`` (that reduction, and the power-of-two rescaling of
``X`` and ``y``) and ``_profile`` (the evidence with :math:`\sigma` maximized
out, as a function of :math:`\log\lambda`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import as_float_array, check_bool
from ._common import _design, _exponent, _max_abs, _positive

__all__ = [
    "ridge_log_evidence",
    "EmpiricalBayesRidge",
    "empirical_bayes_ridge",
    "PosteriorPredictive",
    "ridge_posterior_predictive",
]

_NAMES = "X, y, prior_scale and noise_std"


@dataclass(frozen=True)
class _Reduced:
    """The SVD statistics of the rescaled contrasts: X = 2**ex Xs, y = 2**ey ys."""

    d: np.ndarray  # singular values of Xs (contrasts), length k
    z: np.ndarray  # U^T ys, length k
    resid2: float  # ||ys||^2 - ||z||^2 (the part of ys outside the column space)
    vt: np.ndarray  # V^T, shape (k, p)
    m: int  # number of contrasts, n - 1 with an intercept, n without
    ex: int
    ey: int
    x_mean: np.ndarray  # column means of X (zeros without an intercept)
    y_mean: float
    n: int


def _contrasts(X, y, fit_intercept) -> _Reduced:
    X, y = _design(X, y)
    X = X.astype(np.float64)
    y = y.astype(np.float64)
    n, p = X.shape
    if fit_intercept and n < 2:
        raise ValueError(f"X and y need at least 2 rows with fit_intercept=True, got {n}")
    ex, ey = _exponent(_max_abs(X)), _exponent(_max_abs(y))
    Xs, ys = np.ldexp(X, -ex), np.ldexp(y, -ey)
    if fit_intercept:
        xm, ym = Xs.mean(axis=0), float(ys.mean())
        Xs, ys = Xs - xm, ys - ym
        # Householder reflection H with H 1/sqrt(n) = e_1; rows 2..n of H Xs are the
        # contrasts (row 1 is 1^T Xs / sqrt(n) = 0 after centring)
        v = np.full(n, 1.0 / math.sqrt(n))
        v[0] -= 1.0
        vv = float(v @ v)

        def reflect(a):
            return a - np.multiply.outer(v, (v @ a) * (2.0 / vv)) if vv > 0 else a

        Xs, ys = reflect(Xs)[1:], reflect(ys)[1:]
    else:
        xm, ym = np.zeros(p), 0.0
    with np.errstate(all="ignore"):
        u, d, vt = np.linalg.svd(Xs, full_matrices=False)
        z = u.T @ ys
        resid = ys - u @ z
    if not all(np.all(np.isfinite(a)) for a in (d, z, resid, vt)):
        raise ValueError("X and y: the singular value decomposition is beyond the float "
                         "range; rescale X and y toward magnitude 1")
    return _Reduced(d=d, z=z, resid2=float(resid @ resid), vt=vt, m=Xs.shape[0], ex=ex,
                    ey=ey, x_mean=np.ldexp(xm, ex), y_mean=math.ldexp(ym, ey), n=n)


def _log_ev_scaled(r: _Reduced, log_s2, log_t2):
    """log N(ys | 0, s2 I + t2 Xs Xs^T) in the rescaled units (contrasts)."""
    with np.errstate(divide="ignore", over="ignore", under="ignore"):
        log_v = np.logaddexp(log_s2, log_t2 + 2.0 * np.log(r.d))
        quad = float(np.sum(np.exp(2.0 * np.log(np.abs(r.z)) - log_v)))
        quad += float(np.exp(math.log(r.resid2) - log_s2)) if r.resid2 > 0 else 0.0
    k = r.d.size
    return -0.5 * (r.m * math.log(2.0 * math.pi) + float(np.sum(log_v))
                   + (r.m - k) * log_s2 + quad)


def ridge_log_evidence(X, y, *, prior_scale, noise_std, fit_intercept=True):
    r"""Log marginal likelihood of linear regression under a Gaussian prior.

    .. math::

        \log p(y \mid \tau, \sigma) = \log N\bigl(y;\ 0,\
        \sigma^2 I_m + \tau^2 X X^\top\bigr)
        = -\frac12\Bigl[m\log 2\pi + \sum_{i=1}^{m}\log(\sigma^2 + \tau^2 d_i^2)
        + \sum_{i=1}^{m}\frac{(u_i^\top y)^2}{\sigma^2 + \tau^2 d_i^2}\Bigr],

    with :math:`X = \sum_i d_i u_i v_i^\top` the SVD (:math:`d_i = 0` beyond
    the rank). The model: :math:`y \mid w \sim N(Xw + w_0, \sigma^2 I)`,
    :math:`w \sim N(0, \tau^2 I)`. With ``fit_intercept`` the intercept has a
    flat prior, and the evidence is that of the :math:`m = n - 1` contrasts of
    :math:`y` orthogonal to the constant; without, :math:`m = n`.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
    prior_scale : float
        :math:`\tau > 0`, in the units of :math:`w`.
    noise_std : float
        :math:`\sigma > 0`.
    fit_intercept : bool

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If an argument is invalid or the evidence is beyond the float range.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import stats
    >>> from l1l2.priors import ridge_log_evidence
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]); y = np.array([1.0, -1.0, 0.5])
    >>> ev = ridge_log_evidence(X, y, prior_scale=0.7, noise_std=0.3, fit_intercept=False)
    >>> cov = 0.3**2 * np.eye(3) + 0.7**2 * X @ X.T
    >>> bool(np.isclose(ev, stats.multivariate_normal(np.zeros(3), cov).logpdf(y)))
    True
    """
    tau = _positive(prior_scale, "prior_scale")
    sigma = _positive(noise_std, "noise_std")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    r = _contrasts(X, y, fit_intercept)
    log2 = math.log(2.0)
    log_s2 = 2.0 * (math.log(sigma) - r.ey * log2)
    log_t2 = 2.0 * (math.log(tau) + (r.ex - r.ey) * log2)
    ev = _log_ev_scaled(r, log_s2, log_t2) - r.m * r.ey * log2
    if not math.isfinite(ev):
        raise ValueError(f"{_NAMES}: the log evidence is beyond the float range")
    return ev


def _profile(r: _Reduced, log_alpha):
    """The rescaled log evidence maximized over sigma at a fixed alpha = s2/t2."""
    with np.errstate(divide="ignore", under="ignore", over="ignore"):
        shrink = 1.0 / (1.0 + np.exp(2.0 * np.log(r.d) - log_alpha))  # alpha/(alpha+d^2)
        s = float(np.sum(r.z * r.z * shrink)) + r.resid2
        logdet = float(np.sum(np.logaddexp(0.0, 2.0 * np.log(r.d) - log_alpha)))
    log_s2 = math.log(s / r.m)
    return -0.5 * (r.m * math.log(2.0 * math.pi) + r.m * log_s2 + logdet + r.m), log_s2


@dataclass(frozen=True, eq=False)
class EmpiricalBayesRidge:
    """The evidence-maximizing Gaussian prior and noise level, and their ridge fit.

    Attributes
    ----------
    alpha : float
        :math:`\\lambda_{\\text{EB}} = \\sigma^2/\\tau^2`, the strength of the
        book's ridge :math:`\\|y - Xw - w_0\\|^2 + \\lambda\\|w\\|_2^2` whose
        solution is the posterior mean (and mode).
    prior_scale, noise_std : float
        :math:`\\hat\\tau` and :math:`\\hat\\sigma`.
    log_evidence : float
        The maximized log marginal likelihood (:func:`ridge_log_evidence`).
    coef : ndarray of shape (p,)
        The posterior mean of :math:`w`, ridge with ``alpha``.
    intercept : float
    effective_dof : float
        :math:`\\gamma = \\sum_i d_i^2/(d_i^2 + \\lambda)`, the effective number
        of parameters (MacKay's :math:`\\gamma`). At the optimum
        :math:`\\hat\\tau^2 = \\|w\\|^2/\\gamma` and
        :math:`\\hat\\sigma^2 = \\|r\\|^2/(m - \\gamma)`.
    """

    alpha: float
    prior_scale: float
    noise_std: float
    log_evidence: float
    coef: np.ndarray
    intercept: float
    effective_dof: float


def empirical_bayes_ridge(X, y, *, fit_intercept=True):
    r"""Choose :math:`\tau` and :math:`\sigma` by maximizing the marginal likelihood.

    Empirical Bayes (type-II maximum likelihood, evidence maximization): maximize
    :func:`ridge_log_evidence` over :math:`(\tau, \sigma)`. With
    :math:`\lambda = \sigma^2/\tau^2` fixed, the best :math:`\sigma^2` has the
    closed form

    .. math::

        \hat\sigma^2(\lambda) = \frac1m\Bigl[\sum_i \frac{\lambda}{\lambda + d_i^2}
        (u_i^\top y)^2 + \|y\|^2 - \sum_i (u_i^\top y)^2\Bigr],

    so only :math:`\log\lambda` is searched (a grid of 161 points spanning
    :math:`e^{\pm 40}` around the largest :math:`d_i^2`, then Brent's method).
    The evidence tends to a finite limit as :math:`\lambda \to \infty`
    (:math:`\tau \to 0`); when it keeps increasing to the end of the range,
    the end is returned.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
        Not constant (after removing the mean, with an intercept).
    fit_intercept : bool
        Flat prior on the intercept (the :math:`n - 1` contrasts are used).

    Returns
    -------
    EmpiricalBayesRidge

    Raises
    ------
    ValueError
        If an argument is invalid, ``y`` has no variation left to explain, or
        the result is beyond the float range.

    References
    ----------
    D. J. C. MacKay (1992), "Bayesian interpolation", *Neural Computation*
    4(3), 415-447; C. M. Bishop (2006), *Pattern Recognition and Machine
    Learning*, section 3.5.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import empirical_bayes_ridge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((200, 5)); w = rng.normal(0.0, 2.0, 5)
    >>> y = X @ w + 0.5 * rng.standard_normal(200)
    >>> eb = empirical_bayes_ridge(X, y)
    >>> bool(abs(eb.noise_std - 0.5) < 0.1), bool(1.0 < eb.prior_scale < 4.0)
    (True, True)
    >>> bool(np.isclose(eb.alpha, eb.noise_std**2 / eb.prior_scale**2))
    True
    """
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    r = _contrasts(X, y, fit_intercept)
    if r.resid2 + float(r.z @ r.z) == 0.0:
        raise ValueError("y has no variation to explain (after removing its mean, "
                         "with fit_intercept=True)")
    ref = 2.0 * math.log(r.d[0]) if r.d.size and r.d[0] > 0 else 0.0
    grid = ref + np.linspace(-40.0, 40.0, 161)
    vals = np.array([_profile(r, g)[0] for g in grid])
    i = int(np.argmax(vals))
    if 0 < i < grid.size - 1:
        from scipy import optimize  # lazy: importing scipy.optimize is slow

        opt = optimize.minimize_scalar(lambda g: -_profile(r, g)[0],
                                       bounds=(grid[i - 1], grid[i + 1]), method="bounded",
                                       options={"xatol": 1e-10})
        log_alpha = float(opt.x) if -opt.fun >= vals[i] else float(grid[i])
    else:
        log_alpha = float(grid[i])
    best, log_s2 = _profile(r, log_alpha)
    log2 = math.log(2.0)
    with np.errstate(all="ignore"):
        alpha = math.exp(log_alpha + 2.0 * r.ex * log2) \
            if log_alpha + 2.0 * r.ex * log2 < 709 else math.inf
        sigma = math.exp(0.5 * log_s2 + r.ey * log2) if 0.5 * log_s2 + r.ey * log2 < 709 \
            else math.inf
        tau = sigma / math.sqrt(alpha) if alpha > 0 else math.inf
        shrink_d = r.d / (r.d * r.d + math.exp(log_alpha))  # rescaled units
        coef = np.ldexp(r.vt.T @ (shrink_d * r.z), r.ey - r.ex)
        intercept = r.y_mean - float(r.x_mean @ coef)
        gamma = float(np.sum(1.0 / (1.0 + np.exp(log_alpha - 2.0 * np.log(r.d)))))
    log_ev = best - r.m * r.ey * log2
    values = [alpha, sigma, tau, log_ev, intercept, *coef]
    if not (all(math.isfinite(v) for v in values) and alpha > 0 and sigma > 0 and tau > 0):
        raise ValueError("X and y: the evidence-maximizing alpha, prior_scale or noise_std is "
                         "beyond the float range; rescale X and y toward magnitude 1")
    return EmpiricalBayesRidge(alpha=alpha, prior_scale=tau, noise_std=sigma,
                               log_evidence=log_ev, coef=coef, intercept=intercept,
                               effective_dof=gamma)


@dataclass(frozen=True, eq=False)
class PosteriorPredictive:
    """The posterior predictive distribution at new inputs (Gaussian).

    Attributes
    ----------
    mean : ndarray of shape (m,)
        :math:`\\bar w_0 + x^\\top \\bar w`, the posterior mean of the regression
        function (the ridge prediction).
    mean_std : ndarray of shape (m,)
        The posterior standard deviation of the regression function at
        :math:`x`: :math:`\\sqrt{x_c^\\top\\Sigma x_c + \\sigma^2/n}` with an
        intercept (:math:`x_c = x - \\bar x`), :math:`\\sqrt{x^\\top\\Sigma x}`
        without.
    std : ndarray of shape (m,)
        The standard deviation of a new observation,
        :math:`\\sqrt{\\text{mean\\_std}^2 + \\sigma^2}`.
    """

    mean: np.ndarray
    mean_std: np.ndarray
    std: np.ndarray


def ridge_posterior_predictive(X, y, X_new, *, prior_scale, noise_std, fit_intercept=True):
    r"""Posterior predictive distribution of linear regression under a Gaussian prior.

    With :math:`w \sim N(0, \tau^2 I)` and noise :math:`\sigma`, the posterior
    is :math:`N(\bar w, \Sigma)` with :math:`\Sigma = \sigma^2(X^\top X +
    \lambda I)^{-1}`, :math:`\lambda = \sigma^2/\tau^2`, and :math:`\bar w` the
    ridge solution. A new observation at :math:`x` is then

    .. math::

        y_{\text{new}} \mid y \sim N\bigl(x^\top\bar w,\
        \sigma^2 + x^\top\Sigma x\bigr)

    (without an intercept). With an intercept (flat prior) :math:`X` is
    centred, :math:`x` becomes :math:`x - \bar x`, the mean gains
    :math:`\bar y` and the variance :math:`\sigma^2/n`.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
    X_new : array_like, shape (m, p)
    prior_scale : float
        :math:`\tau > 0`.
    noise_std : float
        :math:`\sigma > 0`.
    fit_intercept : bool

    Returns
    -------
    PosteriorPredictive

    Raises
    ------
    ValueError
        If an argument is invalid or a result is beyond the float range.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import ridge_posterior_predictive
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = np.array([-1.0, 0.2, 0.8])
    >>> pred = ridge_posterior_predictive(X, y, [[2.0]], prior_scale=1.0, noise_std=1.0,
    ...                                   fit_intercept=False)
    >>> print(np.round(pred.mean, 4), np.round(pred.std, 4))  # 2 * 1.8 / 3, sqrt(1 + 4/3)
    [1.2] [1.5275]
    """
    tau = _positive(prior_scale, "prior_scale")
    sigma = _positive(noise_std, "noise_std")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    r = _contrasts(X, y, fit_intercept)
    p = r.vt.shape[1]
    Xn = as_float_array(X_new, "X_new", ndim=2, finite=True, allow_empty=False)
    if Xn.shape[1] != p:
        raise ValueError(f"X_new must have {p} columns (as X), got shape {Xn.shape}")
    out_dtype = np.result_type(Xn.dtype, np.asarray(X).dtype, np.asarray(y).dtype)
    out_dtype = np.float32 if out_dtype == np.float32 else np.float64
    names = "X, y, X_new, prior_scale and noise_std"
    log2 = math.log(2.0)
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        # rescaled units: Xs = X 2**-ex, ys = y 2**-ey, ts = tau 2**(ex - ey), ss = sigma 2**-ey
        log_ss2 = 2.0 * (math.log(sigma) - r.ey * log2)
        log_ts2 = 2.0 * (math.log(tau) + (r.ex - r.ey) * log2)
        alpha_s = float(np.exp(log_ss2 - log_ts2))  # sigma^2 / tau^2 in the rescaled units
        d = r.d
        coef_s = r.vt.T @ (d / (d * d + alpha_s) * r.z)
        xc = np.ldexp(Xn.astype(np.float64) - r.x_mean, -r.ex)  # rescaled, centred
        proj = xc @ r.vt.T
        # x^T Sigma x / (2**ey)**2 = ss2 [sum proj^2/(d^2+alpha) + (|x|^2 - |proj|^2)/alpha]
        inside = np.sum(proj * proj / (d * d + alpha_s), axis=1)
        outside = np.maximum(np.sum(xc * xc, axis=1) - np.sum(proj * proj, axis=1), 0.0)
        ss2, ts2 = float(np.exp(log_ss2)), float(np.exp(log_ts2))
        var_f = ss2 * inside + ts2 * outside
        if fit_intercept:
            var_f = var_f + ss2 / r.n
        mean = r.y_mean + np.ldexp(xc @ coef_s, r.ey)
        mean_std = np.ldexp(np.sqrt(var_f), r.ey)
        std = np.ldexp(np.sqrt(var_f + ss2), r.ey)
    if not all(np.all(np.isfinite(a)) for a in (mean, mean_std, std)) or \
            not np.all(std > 0):
        raise ValueError(f"{names}: the predictive mean or spread is beyond the float range")
    return PosteriorPredictive(mean=mean.astype(out_dtype), mean_std=mean_std.astype(out_dtype),
                               std=std.astype(out_dtype))
