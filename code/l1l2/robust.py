r"""Robust estimation of a location: Huber's M-estimator, its efficiency, contamination.

The chapter "Robustness and stability" uses these to compare the mean (the
minimizer of :math:`\sum_i (x_i - c)^2`), the median (of :math:`\sum_i |x_i - c|`)
and Huber's estimator, which sits between them.

* :func:`huber_location` solves :math:`\sum_i \psi_k\bigl((x_i - \mu)/s\bigr) = 0`
  exactly, with :math:`\psi_k(u) = \operatorname{clip}(u, -k, k)`, the
  derivative of Huber's loss (``l1l2.losses.huber_loss_grad`` with
  ``delta = k``) {Huber 1964}.
* :func:`huber_efficiency` is the asymptotic efficiency of that estimator
  relative to the mean when the data are standard normal, in closed form.
* :func:`contaminate` replaces a fraction of a sample by a fixed value, to
  trace a breakdown curve.

References: P. J. Huber (1964), Robust estimation of a location parameter,
Ann. Math. Statist. 35(1); Huber & Ronchetti (2009), Robust Statistics, 2nd ed.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_float_array, check_scalar

__all__ = ["huber_location", "huber_efficiency", "contaminate"]

#: Asymptotic efficiency of the sample median relative to the mean at the
#: normal distribution, :math:`2/\pi`.
MEDIAN_EFFICIENCY = 2.0 / math.pi


def _phi(z: float) -> float:
    return math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


def huber_efficiency(k) -> float:
    r"""Asymptotic efficiency of Huber's location estimator at the standard normal.

    An M-estimator of location with score :math:`\psi` has asymptotic variance
    :math:`V(\psi) = E[\psi(Z)^2] / E[\psi'(Z)]^2` (times :math:`1/n`). For
    Huber's :math:`\psi_k(u) = \operatorname{clip}(u, -k, k)` and
    :math:`Z \sim N(0, 1)`, with :math:`\Phi`, :math:`\varphi` the normal cdf and
    density,

    .. math::

        E[\psi_k'] = 2\Phi(k) - 1, \qquad
        E[\psi_k^2] = 2\Phi(k) - 1 - 2k\varphi(k) + 2k^2\bigl(1 - \Phi(k)\bigr),

    and the efficiency relative to the mean (variance 1) is

    .. math:: \mathrm{eff}(k) = \frac{(2\Phi(k) - 1)^2}
              {2\Phi(k) - 1 - 2k\varphi(k) + 2k^2(1 - \Phi(k))}.

    It increases from :math:`2/\pi` (the median, :math:`k \to 0`) to 1 (the
    mean, :math:`k \to \infty`); :math:`k = 1.345` gives 0.95.

    Parameters
    ----------
    k : float
        The threshold, :math:`k \ge 0` (in units of the scale); ``k = 0``
        gives the limit :math:`2/\pi` and ``k = inf`` gives 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``k`` is negative, NaN or not a real number.

    Examples
    --------
    >>> round(huber_efficiency(1.345), 4)
    0.9500
    >>> huber_efficiency(0.0) == MEDIAN_EFFICIENCY, huber_efficiency(float("inf"))
    (True, 1.0)
    """
    k = check_scalar(k, "k", low=0.0)
    if k == 0.0:
        return MEDIAN_EFFICIENCY
    if math.isinf(k) or k > 40.0:  # tails below 1e-300: exactly the mean
        return 1.0
    if k < 1e-100:  # the series below equals 2/pi to the last bit (and k^2 underflows)
        return MEDIAN_EFFICIENCY
    if k < 1e-4:  # series near 0 avoids cancellation: eff = 2/pi (1 + k^2 (1/3 - 2/pi)...)
        # E[psi'] ~ 2 k phi(0) (1 - k^2/6), E[psi^2] ~ k^2 (1 - 4 k phi(0) / 3 ...)
        p0 = _phi(0.0)
        num = (2 * k * p0 * (1 - k * k / 6)) ** 2
        den = k * k * (1 - 2 * k * p0) + (2.0 / 3.0) * k ** 3 * p0
        return num / den
    a = math.erf(k / math.sqrt(2.0))  # 2 Phi(k) - 1, without cancellation near 0
    tail = 0.5 * math.erfc(k / math.sqrt(2.0))  # 1 - Phi(k), accurate in the tail
    e_psi2 = a - 2.0 * k * _phi(k) + 2.0 * k * k * tail
    return a * a / e_psi2


def _piece(x, mu, s, k):
    """The linear piece of g(mu) = sum_i clip((x_i - mu)/s, -k, k) that contains mu:
    (k * (A - B), sum of the inliers, number of inliers), with A (B) the number
    of points above (below) the band."""
    with np.errstate(over="ignore"):  # a tiny scale: u = +-inf still compares right
        u = (x - mu) / s
    above = int(np.count_nonzero(u > k))
    below = int(np.count_nonzero(u < -k))
    inside = (u >= -k) & (u <= k)
    return k * (above - below), float(x[inside].sum()), int(np.count_nonzero(inside))


def _piece_value(piece, mu, s):
    const, total, m = piece
    with np.errstate(over="ignore"):  # only its sign is used
        return const + (total - m * mu) / s


def _piece_root(piece, s):
    const, total, m = piece
    return (total + s * const) / m


def huber_location(x, k=1.345, *, scale=1.0) -> float:
    r"""Huber's M-estimate of location {Huber 1964}, computed exactly.

    The estimate :math:`\hat\mu` minimizes
    :math:`\sum_i \ell^{\mathrm H}_k\bigl((x_i - \mu)/s\bigr)`, that is, solves

    .. math:: g(\mu) = \sum_{i=1}^n \psi_k\!\left(\frac{x_i - \mu}{s}\right) = 0,
              \qquad \psi_k(u) = \operatorname{clip}(u, -k, k),

    with the scale :math:`s` held fixed. :math:`g` is continuous,
    non-increasing and piecewise linear with breakpoints
    :math:`x_i \pm k s`; a binary search over them finds the piece where
    :math:`g` changes sign and the root there is exact. When :math:`g` is zero
    on a whole interval (every point outside :math:`\pm ks` and as many on
    each side), the midpoint of the interval is returned, as the median of an
    even sample is.

    A huge ``k`` gives the mean; a tiny ``k`` gives the median.

    Parameters
    ----------
    x : array_like of shape (n,)
        The sample, finite, non-empty.
    k : float
        Threshold in units of ``scale``, ``k > 0``; ``inf`` gives the mean.
    scale : float
        The scale :math:`s > 0`, in the units of ``x`` (held fixed).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        For an empty, non-1-D or non-finite ``x``, ``k <= 0`` or ``scale <= 0``.

    Examples
    --------
    >>> huber_location([0.0, 1.0, 2.0, 3.0, 100.0], k=1.0)
    2.0
    >>> huber_location([0.0, 1.0, 2.0, 3.0, 100.0], k=float("inf"))
    21.2
    >>> huber_location([0.0, 1.0, 2.0, 3.0], k=1e-9)   # the median of an even sample
    1.5
    """
    x = as_float_array(x, "x", dtype=np.float64, ndim=1, finite=True, allow_empty=False)
    k = check_scalar(k, "k", low=0.0, low_inclusive=False)
    s = check_scalar(scale, "scale", low=0.0, low_inclusive=False)
    if not math.isfinite(s):
        raise ValueError(f"scale must be finite, got {s}")
    if math.isinf(k):
        return float(x.mean())
    ks = k * s
    if np.all(x - ks == x) and np.all(x + ks == x):
        # k s is below the resolution of every x_i (or underflows): the breakpoints
        # x_i +- k s collapse onto the data, and the estimate is the median (its
        # limit as k -> 0), to the last bit
        return float(np.median(x))
    bp = np.unique(np.concatenate([x - k * s, x + k * s]))
    mids = 0.5 * (bp[:-1] + bp[1:])
    # g is non-increasing: find the first piece whose midpoint has g <= 0.
    lo, hi = 0, mids.size - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if _piece_value(_piece(x, mids[mid], s, k), mids[mid], s) <= 0:
            hi = mid
        else:
            lo = mid + 1
    j = lo
    here = _piece(x, mids[j], s, k)
    if here[2] == 0:
        if here[0] == 0:  # g == 0 on the whole piece: return its midpoint
            return float(mids[j])
    else:
        root = _piece_root(here, s)
        if root >= bp[j] or j == 0:
            return float(min(max(root, bp[j]), mids[j]))
    # the root lies in the right half of the previous piece
    prev = _piece(x, mids[j - 1], s, k)
    if prev[2] == 0:  # pragma: no cover - g is continuous, so a flat piece > 0 meets it
        return float(bp[j])
    return float(min(max(_piece_root(prev, s), mids[j - 1]), bp[j]))


def contaminate(x, fraction, value) -> np.ndarray:
    r"""A copy of ``x`` whose first :math:`m = \lfloor \varepsilon n + 1/2 \rfloor`
    entries are replaced by ``value``.

    With an i.i.d. sample the choice of which entries to replace does not
    matter; taking the first ones makes a breakdown curve monotone in
    :math:`\varepsilon`: each contaminated sample contains the previous one's
    replacements.

    Parameters
    ----------
    x : array_like of shape (n,)
        The clean sample (not modified).
    fraction : float
        :math:`\varepsilon \in [0, 1]`, the share of entries replaced.
    value : float
        The value written into them (finite).

    Returns
    -------
    ndarray of shape (n,)

    Raises
    ------
    ValueError
        If ``fraction`` is outside [0, 1] or ``value`` is not finite.

    Examples
    --------
    >>> contaminate([1.0, 2.0, 3.0, 4.0], 0.5, 100.0)
    array([100., 100.,   3.,   4.])
    """
    x = as_float_array(x, "x", dtype=np.float64, ndim=1, finite=True)
    eps = check_scalar(fraction, "fraction", low=0.0, high=1.0)
    v = check_scalar(value, "value")
    if not math.isfinite(v):
        raise ValueError(f"value must be finite, got {v}")
    out = x.copy()
    out[: int(math.floor(eps * x.size + 0.5))] = v
    return out
