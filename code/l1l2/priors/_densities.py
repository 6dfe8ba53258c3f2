r"""Densities: the Laplace and Gaussian log-priors and the Gaussian log-likelihood.

Nothing here is public: these are the pieces that
:func:`l1l2.priors.log_posterior_grid` and
:func:`l1l2.priors.map_linear_regression` add up, and the book shows their
results, never calls them.

- ``_laplace_logpdf``, ``_gaussian_logpdf`` — elementwise log-densities
  of one coordinate, :math:`-\log(2b) - |w|/b` and
  :math:`-\frac12\log(2\pi\tau^2) - w^2/(2\tau^2)`;
- ``_log_prior`` — their sum over the coordinates of ``w`` (or of each
  vector of a stack);
- ``_log_lik`` — :math:`-\frac n2\log(2\pi\sigma^2) -
  \frac{1}{2\sigma^2}\|y - Xw - w_0\|^2` on checked arrays, for one ``w`` or
  a stack of them; computed directly for moderate magnitudes and otherwise
  through the exact power-of-two rescalings of ``_log_lik_rescaled``;
- ``_rss_many`` (residual sums of squares of a stack of ``w`` as a quadratic
  form, without an ``n x grid`` array) and ``_scaled`` (``a / s`` in ``a``'s
  dtype without a float32 overflow of ``s``).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_float_array, check_choice
from ._common import (
    _FLOAT_MAX,
    _PRIORS,
    _SAFE_HIGH,
    _SAFE_LOW,
    _exponent,
    _max_abs,
    _positive,
)

__all__: list[str] = []

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)


def _scaled(a: np.ndarray, s: float) -> np.ndarray:
    """``a / s`` in a's dtype; through float64 when float32 cannot hold ``s``.

    Overflow gives inf silently (a density far out in the tail is 0).
    """
    with np.errstate(over="ignore", under="ignore"):
        if a.dtype == np.float32 and not (1e-30 < s < 1e30):
            return (a.astype(np.float64) / s).astype(np.float32)
        return a / a.dtype.type(s)


# --------------------------------------------------------------------------
# densities
# --------------------------------------------------------------------------
def _laplace_logpdf(w, scale=1.0):
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
    >>> from l1l2.priors._densities import _laplace_logpdf
    >>> _laplace_logpdf([0.0, 1.0, -2.0], scale=0.5)
    array([ 0., -2., -4.])
    """
    w = as_float_array(w, "w")
    b = _positive(scale, "scale")
    const = -(math.log(2.0) + math.log(b)) + 0.0  # + 0.0 turns -0.0 into 0.0
    return w.dtype.type(const) - _scaled(np.abs(w), b)


def _gaussian_logpdf(w, scale=1.0):
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
    >>> from l1l2.priors._densities import _gaussian_logpdf
    >>> bool(np.isclose(_gaussian_logpdf(0.0, scale=1.0), -0.5 * np.log(2 * np.pi)))
    True
    >>> _gaussian_logpdf([1.0, 3.0], scale=1.0) - _gaussian_logpdf(0.0, scale=1.0)
    array([-0.5, -4.5])
    """
    w = as_float_array(w, "w")
    tau = _positive(scale, "scale")
    t = w.dtype.type
    z = _scaled(w, tau)
    with np.errstate(over="ignore"):
        return t(-_HALF_LOG_2PI - math.log(tau)) - t(0.5) * z * z


def _log_prior(w, prior="laplace", scale=1.0):
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
    >>> from l1l2.priors._densities import _log_prior
    >>> v = _log_prior([1.0, -1.0], "laplace", scale=1.0)
    >>> bool(np.isclose(v, -2 * np.log(2) - 2))
    True
    """
    prior = check_choice(prior, "prior", _PRIORS)
    w = as_float_array(w, "w")
    f = _laplace_logpdf if prior == "laplace" else _gaussian_logpdf
    lp = f(w, scale)
    if w.ndim == 0:
        return float(lp)
    out = lp.sum(axis=-1)
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------
# log-likelihood
# --------------------------------------------------------------------------
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


def _log_lik(X, y, w, sigma, w0, names):
    """``-n/2 log(2 pi sigma^2) - ||y - X w - w0||^2 / (2 sigma^2)`` in X's dtype.

    ``w`` of shape (p,) or (..., p). Computed directly for inputs of moderate
    magnitude (the historical arithmetic, so ordinary results are unchanged);
    otherwise through exact power-of-two rescalings, so inputs of extreme
    magnitude whose answer is representable give the right value. Raises
    ``ValueError`` naming ``names`` when the answer is below the float range
    (about -1.8e308: residuals far larger than ``sigma``).
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

