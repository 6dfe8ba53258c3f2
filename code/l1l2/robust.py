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
* :func:`mad_scale` is the normalized median absolute deviation, a robust
  scale; :func:`huber_minimax_contamination` the contamination level for
  which Huber's threshold ``k`` is minimax {Huber 1964}.
* :func:`biweight_location` and :func:`biweight_efficiency` do the same for
  Tukey's redescending biweight {Beaton & Tukey 1974}, whose objective is not
  convex: the start matters.

References: P. J. Huber (1964), Robust estimation of a location parameter,
Ann. Math. Statist. 35(1); Huber & Ronchetti (2009), Robust Statistics, 2nd ed.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from ._validation import as_float_array, check_scalar
from .exceptions import ConvergenceWarning

__all__ = [
    "huber_location",
    "huber_efficiency",
    "contaminate",
    "mad_scale",
    "huber_minimax_contamination",
    "biweight_efficiency",
    "biweight_location",
]

#: :math:`1/\Phi^{-1}(3/4)`: the MAD of normal data times this is its standard
#: deviation.
MAD_CONSISTENCY = 1.0 / 0.6744897501960817

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


def mad_scale(x) -> float:
    r"""The normalized median absolute deviation, a robust scale estimate.

    .. math:: s = \frac{\operatorname{med}_i |x_i - \operatorname{med}_j x_j|}
              {\Phi^{-1}(3/4)} \approx 1.4826\,\operatorname{MAD},

    with :math:`\Phi^{-1}(3/4) \approx 0.6745`: for normal data the MAD tends
    to :math:`0.6745\,\sigma`, so :math:`s` estimates :math:`\sigma`. Its
    breakdown point is 50% {Hampel 1974}.

    Parameters
    ----------
    x : array_like of shape (n,)
        The sample, finite, non-empty.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        For an empty, non-1-D or non-finite ``x``.

    Examples
    --------
    >>> round(mad_scale([1.0, 2.0, 3.0, 4.0, 100.0]), 4)
    1.4826
    """
    x = as_float_array(x, "x", dtype=np.float64, ndim=1, finite=True, allow_empty=False)
    med = np.median(x)
    return float(np.median(np.abs(x - med)) * MAD_CONSISTENCY)


def huber_minimax_contamination(k) -> float:
    r"""The contamination level :math:`\varepsilon` for which Huber's ``k`` is minimax.

    Huber (1964) showed that among location M-estimators, :math:`\psi_k`
    minimizes the largest asymptotic variance over the contaminated normals
    :math:`(1 - \varepsilon)\Phi + \varepsilon H` (any symmetric :math:`H`)
    when

    .. math:: \frac{2\varphi(k)}{k} - 2\Phi(-k) = \frac{\varepsilon}{1 - \varepsilon},

    so :math:`\varepsilon = d / (1 + d)` with :math:`d` the left-hand side.
    :math:`k = 1.345` is minimax for :math:`\varepsilon \approx 0.058`.

    Parameters
    ----------
    k : float
        The threshold, ``k > 0`` (in units of the scale).

    Returns
    -------
    float
        :math:`\varepsilon \in (0, 1)`, decreasing in ``k``.

    Raises
    ------
    ValueError
        If ``k`` is not positive and finite.

    Examples
    --------
    >>> round(huber_minimax_contamination(1.345), 4)
    0.0579
    """
    k = check_scalar(k, "k", low=0.0, low_inclusive=False, finite=True)
    # eps = d / (1 + d) with d = den / k: written as den / (k + den), finite for tiny k
    den = 2.0 * _phi(k) - k * math.erfc(k / math.sqrt(2.0))  # 2 Phi(-k) = erfc(k/sqrt2)
    return den / (k + den) if den > 0 else 0.0


def _biweight_psi(u, c):
    return np.where(np.abs(u) <= c, u * (1.0 - (u / c) ** 2) ** 2, 0.0)


def biweight_efficiency(c) -> float:
    r"""Asymptotic efficiency of Tukey's biweight location estimator at the normal.

    The biweight has :math:`\psi_c(u) = u\,(1 - u^2/c^2)^2` for
    :math:`|u| \le c` and 0 beyond: it *redescends* to 0, so gross errors get
    no weight at all. Its efficiency relative to the mean is
    :math:`E[\psi_c'(Z)]^2 / E[\psi_c(Z)^2]` for :math:`Z \sim N(0, 1)`,
    computed exactly from the truncated normal moments
    :math:`M_{2j} = \int_{-c}^{c} z^{2j}\varphi(z)\,dz`,
    :math:`M_0 = 2\Phi(c) - 1`,
    :math:`M_{2j} = (2j - 1)M_{2j-2} - 2c^{2j-1}\varphi(c)`.
    ``c = 4.685`` gives 0.95.

    Parameters
    ----------
    c : float
        The tuning constant, ``c >= 1`` (in units of the scale); below 1 the
        efficiency is under 10% and the recursion loses precision.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``c`` is below 1 or not finite.

    Examples
    --------
    >>> round(biweight_efficiency(4.685), 3)
    0.95
    """
    c = check_scalar(c, "c", low=1.0, finite=True)
    m = [math.erf(c / math.sqrt(2.0))]
    for j in range(1, 6):
        # beyond c = 40 the density term is below 1e-300: the full normal moments
        tail = 2.0 * c ** (2 * j - 1) * _phi(c) if c < 40.0 else 0.0
        m.append((2 * j - 1) * m[-1] - tail)
    a = 1.0 / (c * c)
    # psi' = 1 - 6 a u^2 + 5 a^2 u^4; psi^2 = u^2 (1 - a u^2)^4
    e_dpsi = m[0] - 6 * a * m[1] + 5 * a * a * m[2]
    e_psi2 = (m[1] - 4 * a * m[2] + 6 * a**2 * m[3] - 4 * a**3 * m[4]
              + a**4 * m[5])
    return e_dpsi * e_dpsi / e_psi2


def biweight_location(x, c=4.685, *, scale=1.0, start=None, max_iter=1000) -> float:
    r"""Tukey's biweight M-estimate of location, by iterative reweighting from ``start``.

    Minimizes :math:`\sum_i \rho_c\bigl((x_i - \mu)/s\bigr)` with
    :math:`\rho_c(u) = \frac{c^2}{6}\bigl(1 - (1 - u^2/c^2)^3\bigr)` for
    :math:`|u| \le c` and :math:`c^2/6` beyond (derivative
    :math:`\psi_c(u) = u(1 - u^2/c^2)^2`) {Beaton & Tukey 1974}, with the
    scale :math:`s` held fixed. Each step is the weighted mean
    :math:`\mu \leftarrow \sum_i w_i x_i / \sum_i w_i`,
    :math:`w_i = (1 - u_i^2/c^2)^2_+`, which never increases the objective
    and stops at a stationary point. The objective is **not convex**: with
    clusters more than about :math:`cs` apart it has several local minima,
    and the one returned depends on ``start``.

    Parameters
    ----------
    x : array_like of shape (n,)
        The sample, finite, non-empty.
    c : float, default 4.685
        Tuning constant in units of ``scale``, ``c > 0`` (4.685: 95% efficiency).
    scale : float, default 1.0
        The scale :math:`s > 0`, held fixed.
    start : float, optional
        The starting value; the median by default.
    max_iter : int, default 1000
        Largest number of reweighting steps.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        For a bad ``x``, ``c``, ``scale`` or ``max_iter``, a non-finite
        ``start``, or a start with every point beyond :math:`cs` (all weights
        zero).

    Warns
    -----
    ConvergenceWarning
        If ``max_iter`` steps end before the estimate settles (a step larger
        than :math:`10^{-13}(|\mu| + cs)`); the last iterate is returned.

    Notes
    -----
    The step is computed as :math:`\mu + \sum_i w_i (x_i - \mu)/\sum_i w_i`
    over the points with :math:`w_i > 0`, which equals the weighted mean but
    cannot overflow (each :math:`|x_i - \mu| < cs` there), and is kept within
    the range of those points.

    Examples
    --------
    >>> x = [0.0, 0.1, -0.1, 0.2, 6.0, 6.1, 5.9]
    >>> round(biweight_location(x), 4), round(biweight_location(x, start=6.0), 4)
    (0.05, 6.0)
    """
    x = as_float_array(x, "x", dtype=np.float64, ndim=1, finite=True, allow_empty=False)
    c = check_scalar(c, "c", low=0.0, low_inclusive=False, finite=True)
    s = check_scalar(scale, "scale", low=0.0, low_inclusive=False, finite=True)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    mu = float(np.median(x)) if start is None else check_scalar(start, "start",
                                                                   finite=True)
    for _ in range(max_iter):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            # extreme magnitudes: |u| = inf gets weight 0, as any point beyond c s
            d = x - mu
            u = d / (c * s)
            w = np.where(np.abs(u) < 1.0, (1.0 - u * u) ** 2, 0.0)
        used = w > 0
        if not np.any(used):
            raise ValueError(f"start: every point is farther than c * scale from {mu}")
        # the weighted mean, written as a step from mu: |d_i| < c s, no overflow
        step = float(w[used] @ d[used] / w[used].sum())
        new = min(max(mu + step, float(x[used].min())), float(x[used].max()))
        if abs(new - mu) <= 1e-13 * (abs(mu) + c * s):
            return new
        mu = new
    _warn_biweight(f"biweight_location: the estimate did not settle in {max_iter} steps")
    return mu


def _warn_biweight(message):
    """A ConvergenceWarning pointing at the caller of biweight_location."""
    warnings.warn(message, ConvergenceWarning, stacklevel=3)
