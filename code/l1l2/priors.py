r"""Laplace and Gaussian priors for linear regression: densities, MAP, posteriors.

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
:func:`l1l2.solvers.lasso` (scikit-learn's convention),
:math:`\frac{1}{2n}\|y - Xw - w_0\|^2 + \alpha\|w\|_1` with
:math:`\alpha = \sigma^2/(n b)`. Multiplying the Gaussian one by
:math:`2\sigma^2` gives the ridge objective of :func:`l1l2.solvers.ridge`,
:math:`\|y - Xw - w_0\|^2 + \alpha\|w\|_2^2` with
:math:`\alpha = \sigma^2/\tau^2`. Multiplying by a positive constant does not
move the minimizer, so the MAP estimate is the penalized least-squares fit
with that ``alpha`` (:func:`prior_to_alpha`). In texts that write the lasso
without the :math:`1/n`, as :math:`\frac12\|y - Xw\|^2 + \lambda\|w\|_1`, the
same argument gives :math:`\lambda = \sigma^2/b`.

Computation is in float64, except that float32 inputs give float32 results
(the samplers compute in float64 and return float32 then).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.linalg import solve_triangular

from ._validation import (
    MAX_COUNT,
    as_float_array,
    check_choice,
    check_count,
    check_finite_result,
    check_scalar,
    check_X_y,
    float_dtype,
)

__all__ = [
    "laplace_logpdf",
    "gaussian_logpdf",
    "log_prior",
    "log_likelihood",
    "prior_to_alpha",
    "alpha_to_prior_scale",
    "map_estimate_1d",
    "MapEstimate",
    "map_linear_regression",
    "PosteriorGrid",
    "log_posterior_grid",
    "BayesianLassoSamples",
    "sample_bayesian_lasso",
    "SpikeSlabResult",
    "spike_and_slab_inclusion",
]

_PRIORS = ("laplace", "gaussian")
_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
_MAX_SPIKE_SLAB_FEATURES = 15


# --------------------------------------------------------------------------
# argument helpers
# --------------------------------------------------------------------------
def _positive(value, name: str) -> float:
    """A finite, strictly positive real scalar, as float."""
    value = check_scalar(value, name, low=0.0, low_inclusive=False)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def _scaled(a: np.ndarray, s: float) -> np.ndarray:
    """``a / s`` in a's dtype; through float64 when float32 cannot hold ``s``.

    Overflow gives inf silently (a density far out in the tail is 0).
    """
    with np.errstate(over="ignore", under="ignore"):
        if a.dtype == np.float32 and not (1e-30 < s < 1e30):
            return (a.astype(np.float64) / s).astype(np.float32)
        return a / a.dtype.type(s)


def _design(X, y):
    """Checked (X, y): X of shape (n, p), y of shape (n,), both finite, n, p >= 1."""
    X, y, dt = check_X_y(X, y)
    return X.astype(dt, copy=False), y.astype(dt, copy=False)


def _check_bool(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r:.40}")
    return bool(value)


# --------------------------------------------------------------------------
# densities
# --------------------------------------------------------------------------
def laplace_logpdf(w, scale=1.0):
    r"""Log-density of the Laplace prior with scale :math:`b`, elementwise.

    .. math::

        \log p(w) = -\log(2b) - \frac{|w|}{b}

    The density :math:`\frac{1}{2b}e^{-|w|/b}` has mean 0, variance
    :math:`2b^2` and a peak (a kink) at 0.

    Parameters
    ----------
    w : array_like
        Points at which to evaluate. NaN gives NaN; :math:`\pm\infty` gives
        :math:`-\infty`.
    scale : float
        The scale :math:`b > 0`.

    Returns
    -------
    ndarray
        ``log p(w)``, of the shape of ``w`` (float32 for float32 ``w``).

    Examples
    --------
    >>> from l1l2.priors import laplace_logpdf
    >>> laplace_logpdf([0.0, 1.0, -2.0], scale=0.5)
    array([ 0., -2., -4.])
    """
    w = as_float_array(w, "w")
    b = _positive(scale, "scale")
    const = -(math.log(2.0) + math.log(b)) + 0.0  # + 0.0 turns -0.0 into 0.0
    return w.dtype.type(const) - _scaled(np.abs(w), b)


def gaussian_logpdf(w, scale=1.0):
    r"""Log-density of the Gaussian prior :math:`N(0, \tau^2)`, elementwise.

    .. math::

        \log p(w) = -\tfrac12\log(2\pi\tau^2) - \frac{w^2}{2\tau^2}

    Parameters
    ----------
    w : array_like
        Points at which to evaluate. NaN gives NaN.
    scale : float
        The standard deviation :math:`\tau > 0`.

    Returns
    -------
    ndarray
        ``log p(w)``, of the shape of ``w`` (float32 for float32 ``w``).

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import gaussian_logpdf
    >>> bool(np.isclose(gaussian_logpdf(0.0, scale=1.0), -0.5 * np.log(2 * np.pi)))
    True
    >>> gaussian_logpdf([1.0, 3.0], scale=1.0) - gaussian_logpdf(0.0, scale=1.0)
    array([-0.5, -4.5])
    """
    w = as_float_array(w, "w")
    tau = _positive(scale, "scale")
    t = w.dtype.type
    z = _scaled(w, tau)
    with np.errstate(over="ignore"):
        return t(-_HALF_LOG_2PI - math.log(tau)) - t(0.5) * z * z


def log_prior(w, prior="laplace", scale=1.0):
    r"""Log-density of independent priors on all coordinates of ``w``.

    .. math::

        \log p(w) = \sum_{j=1}^{p} \log p(w_j)

    Parameters
    ----------
    w : array_like, shape (..., p)
        One weight vector, or a stack of them: the sum runs over the last axis.
        A 0-d ``w`` is a single coordinate.
    prior : {"laplace", "gaussian"}
        Laplace with scale :math:`b` or Gaussian :math:`N(0, \tau^2)`.
    scale : float
        :math:`b` or :math:`\tau`, positive.

    Returns
    -------
    float or ndarray of shape (...)
        A float for a single vector.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import log_prior
    >>> v = log_prior([1.0, -1.0], "laplace", scale=1.0)
    >>> bool(np.isclose(v, -2 * np.log(2) - 2))
    True
    """
    prior = check_choice(prior, "prior", _PRIORS)
    w = as_float_array(w, "w")
    f = laplace_logpdf if prior == "laplace" else gaussian_logpdf
    lp = f(w, scale)
    if w.ndim == 0:
        return float(lp)
    out = lp.sum(axis=-1)
    return float(out) if out.ndim == 0 else out


def _rss_many(X, y, W):
    """Residual sums of squares ||y - X w||^2 for a stack of w (last axis p).

    Uses RSS(w) = RSS(w_ls) + (w - w_ls)^T X^T X (w - w_ls) for a least-squares
    solution w_ls, which is exact and needs no (n x grid) array.
    """
    w_ls = np.linalg.lstsq(X, y, rcond=None)[0]
    r_ls = y - X @ w_ls
    rss_min = r_ls @ r_ls
    G = X.T @ X
    D = W - w_ls
    quad = np.einsum("...i,ij,...j->...", D, G, D)
    return rss_min + np.maximum(quad, 0)


_FLOAT_MAX = float(np.finfo(np.float64).max)
_ALPHA_FORMULA = {"laplace": "noise_std**2 / (n_samples * scale)",
                  "gaussian": "noise_std**2 / scale**2"}
#: Inputs within these magnitudes are computed directly (no over- or underflow
#: is possible on the way); others go through :func:`_log_lik_rescaled`.
_SAFE_LOW, _SAFE_HIGH = 2.0**-200, 2.0**200


def _exponent(m: float) -> int:
    """``e`` with ``m / 2**e`` in [0.5, 1) (0 for ``m == 0``)."""
    return math.frexp(m)[1] if m > 0 else 0


def _max_abs(a) -> float:
    return float(np.max(np.abs(a))) if np.size(a) else 0.0


def _log_lik(X, y, w, sigma, w0, names):
    """``-n/2 log(2 pi sigma^2) - ||y - X w - w0||^2 / (2 sigma^2)`` in X's dtype.

    ``w`` of shape (p,) or (..., p). Computed directly for inputs of moderate
    magnitude (the historical arithmetic, so ordinary results are unchanged);
    otherwise through exact power-of-two rescalings. Raises ``ValueError``
    naming ``names`` when the answer is below the float range.
    """
    dt = X.dtype
    t = dt.type
    n = X.shape[0]
    const = t(-n * (_HALF_LOG_2PI + math.log(sigma)))
    mags = [m for m in (_max_abs(X), _max_abs(y), _max_abs(w), abs(w0), sigma) if m > 0]
    if all(_SAFE_LOW <= m <= _SAFE_HIGH for m in mags):
        yc = y - t(w0)
        if w.ndim == 1:
            r = yc - X @ w
            rss = np.asarray(r @ r)
        else:
            rss = _rss_many(X, yc, w)
        with np.errstate(over="ignore"):
            out = const - t(0.5) * _scaled(_scaled(rss, sigma), sigma)
        if np.all(np.isfinite(out)):
            return out
    out = _log_lik_rescaled(X, y, w, sigma, w0, float(const))
    with np.errstate(over="ignore"):
        out = np.asarray(out).astype(dt)
    if not np.all(np.isfinite(out)):
        raise ValueError(
            f"{names}: the residuals y - X w - intercept are too large for noise_std: "
            f"the log-likelihood is below -{_FLOAT_MAX:.1e}, beyond the float range"
        )
    return out


def _log_lik_rescaled(X, y, w, sigma, w0, const):
    """:func:`_log_lik` in float64 with every magnitude brought near 1 by powers
    of two (exact); the result may be -inf (the caller refuses it)."""
    X = X.astype(np.float64)
    y = y.astype(np.float64)
    w = w.astype(np.float64)
    eX, ew = _exponent(_max_abs(X)), _exponent(_max_abs(w))
    # the residual's scale: the larger of |y - w0| and |X| |w| (in exponents)
    ey = max(_exponent(_max_abs(y)), _exponent(abs(w0)))
    er = max(ey, eX + ew) if _max_abs(X) > 0 and _max_abs(w) > 0 else ey
    with np.errstate(under="ignore", over="ignore"):
        Xs = np.ldexp(X, -eX)
        ys = np.ldexp(y, -er) - np.ldexp(w0, -er)
        Ws = np.ldexp(w, eX - er)  # so that Xs @ Ws = X @ w / 2**er
        if w.ndim == 1:
            r = ys - Xs @ Ws
            m = _exponent(_max_abs(r))
            r = np.ldexp(r, -m)
            rss = np.asarray(r @ r)
        else:
            rss = _rss_many(Xs, ys, Ws)
            m = 0
        ms, es = math.frexp(sigma)
        # 0.5 * rss * 2**(2(er + m)) / sigma**2, sigma = ms * 2**es
        term = np.ldexp(0.5 * rss / (ms * ms), 2 * (er + m - es))
        return const - term


def log_likelihood(X, y, w, noise_std=1.0, intercept=0.0):
    r"""Gaussian log-likelihood of linear regression.

    .. math::

        \log p(y \mid w) = -\frac{n}{2}\log(2\pi\sigma^2)
                           - \frac{1}{2\sigma^2}\|y - Xw - w_0\|^2

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
    w : array_like, shape (p,) or (..., p)
        One weight vector or a stack of them (for a grid).
    noise_std : float
        The noise standard deviation :math:`\sigma > 0`.
    intercept : float
        The intercept :math:`w_0` (held fixed).

    Returns
    -------
    float or ndarray of shape (...)

    Raises
    ------
    ValueError
        If an argument is invalid, or if the log-likelihood is below the float
        range (about -1.8e308: residuals far larger than ``noise_std``).
        Inputs of extreme magnitude whose answer is representable are rescaled
        internally by powers of two (exact), so they give the right value.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.priors import log_likelihood
    >>> X = np.array([[1.0], [2.0]]); y = np.array([1.0, 2.0])
    >>> bool(np.isclose(log_likelihood(X, y, [1.0]), -np.log(2 * np.pi)))
    True
    """
    X, y = _design(X, y)
    n, p = X.shape
    w = as_float_array(w, "w", finite=True)
    if w.ndim == 0 or w.shape[-1] != p:
        raise ValueError(f"w must have last dimension p = {p} (X has shape {X.shape}), "
                         f"got shape {w.shape}")
    sigma = _positive(noise_std, "noise_std")
    w0 = check_scalar(intercept, "intercept")
    if not math.isfinite(w0):
        raise ValueError(f"intercept must be finite, got {w0}")
    dt = float_dtype(X, y, w)
    X, y, w = X.astype(dt), y.astype(dt), w.astype(dt)
    out = _log_lik(X, y, w, sigma, w0, "X, y, w, intercept and noise_std")
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------
# prior <-> penalty strength
# --------------------------------------------------------------------------
def prior_to_alpha(prior, scale, noise_std, n_samples):
    r"""The penalty strength ``alpha`` whose penalized fit is the MAP estimate.

    .. math::

        \alpha_{\text{lasso}} = \frac{\sigma^2}{n\,b}, \qquad
        \alpha_{\text{ridge}} = \frac{\sigma^2}{\tau^2}

    for :func:`l1l2.solvers.lasso`, which minimizes
    :math:`\frac{1}{2n}\|y - Xw - w_0\|^2 + \alpha\|w\|_1` (Laplace prior,
    scale :math:`b`), and :func:`l1l2.solvers.ridge`, which minimizes
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
def map_estimate_1d(w_ols, *, prior="laplace", scale=1.0, std_error=1.0):
    r"""MAP estimate of one coefficient from its least-squares estimate.

    With one feature :math:`x` (or an orthonormal design, one coordinate at a
    time), the log-likelihood as a function of :math:`w` is
    :math:`-(w - \hat w)^2 / (2s^2)` plus a constant, where
    :math:`\hat w = x^\top y / \|x\|^2` is the least-squares estimate and
    :math:`s = \sigma/\|x\|` its standard error. Adding the log-prior and
    maximizing gives

    .. math::

        w_{\text{MAP}} = \operatorname{sign}(\hat w)\,\max(|\hat w| - s^2/b,\ 0)
        \quad\text{(Laplace: soft thresholding)},

    .. math::

        w_{\text{MAP}} = \frac{\tau^2}{\tau^2 + s^2}\,\hat w
        \quad\text{(Gaussian: proportional shrinkage)}.

    Parameters
    ----------
    w_ols : array_like
        Least-squares estimate(s) :math:`\hat w`, elementwise (so a whole
        shrinkage curve can be drawn at once). Must be finite.
    prior : {"laplace", "gaussian"}
    scale : float
        :math:`b` or :math:`\tau`, positive.
    std_error : float
        :math:`s = \sigma/\|x\|`, positive.

    Returns
    -------
    ndarray of the shape of ``w_ols``

    Examples
    --------
    >>> from l1l2.priors import map_estimate_1d
    >>> map_estimate_1d([-3.0, -0.5, 0.5, 3.0], prior="laplace", scale=1.0)
    array([-2.,  0.,  0.,  2.])
    >>> map_estimate_1d([2.0], prior="gaussian", scale=1.0)
    array([1.])
    """
    w = as_float_array(w_ols, "w_ols", finite=True)
    prior = check_choice(prior, "prior", _PRIORS)
    s_ = _positive(scale, "scale")
    se = _positive(std_error, "std_error")
    t = w.dtype.type
    if prior == "laplace":
        thr = t(se * (se / s_))
        return np.sign(w) * np.maximum(np.abs(w) - thr, t(0))
    ratio = se / s_
    return w * t(1.0 / (1.0 + ratio * ratio))


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

    solved by :func:`l1l2.solvers.lasso`; for a Gaussian prior
    :math:`N(0, \tau^2)` it is ridge regression

    .. math::

        \min_{w, w_0}\ \|y - Xw - w_0\|^2 + \alpha\|w\|_2^2,
        \qquad \alpha = \frac{\sigma^2}{\tau^2},

    solved by :func:`l1l2.solvers.ridge`.

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
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
    n = X.shape[0]
    alpha = prior_to_alpha(prior, s_, sigma, n)
    from . import solvers  # lazy: solvers is a sibling module

    if prior == "laplace":
        fit = solvers.lasso(X, y, alpha, fit_intercept=fit_intercept)
    else:
        fit = solvers.ridge(X, y, alpha, fit_intercept=fit_intercept)
    coef = np.asarray(fit.coef)
    w0 = float(fit.intercept)
    dt = float_dtype(X, y, coef)
    ll = _log_lik(X.astype(dt), y.astype(dt), coef.astype(dt), sigma, w0,
                  "X, y and noise_std (at the MAP estimate)")
    lp = float(ll) + log_prior(coef, prior, s_)
    return MapEstimate(coef=coef, intercept=w0, alpha=alpha, prior=prior, scale=s_,
                       noise_std=sigma, log_posterior=float(lp))


# --------------------------------------------------------------------------
# posterior on a 2-D grid
# --------------------------------------------------------------------------
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
    \frac{1}{2\sigma^2}\|y - Xw - w_0\|^2` and Laplace or Gaussian priors
    (see :func:`laplace_logpdf`, :func:`gaussian_logpdf`). The constant
    :math:`\log p(y)` is left out. The computation is vectorised: the
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
    f = laplace_logpdf if prior == "laplace" else gaussian_logpdf
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


# --------------------------------------------------------------------------
# Bayesian lasso (Park and Casella 2008)
# --------------------------------------------------------------------------
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
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
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


# --------------------------------------------------------------------------
# spike and slab by enumeration
# --------------------------------------------------------------------------
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
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
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
