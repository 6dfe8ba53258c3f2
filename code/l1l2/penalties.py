r"""Penalties (regularizers) on a weight vector, and their proximal operators.

A penalty :math:`R(w)` is added to a data-fitting loss to prefer some weight
vectors over others:

=========================  ===================================================
``l1_penalty``             :math:`\sum_i |w_i|`, the lasso penalty
``l2_penalty``             :math:`\tfrac12 \sum_i w_i^2`, the ridge penalty
``elastic_net_penalty``    :math:`\rho \sum_i |w_i| + (1-\rho)\tfrac12 \sum_i w_i^2`
``l0_count``               :math:`\#\{i : |w_i| > \text{tol}\}`, the number of
                           nonzero weights
``l2_norm``                :math:`\|w\|_2 = \sqrt{\sum_i w_i^2}`, not squared
``lp_norm``                :math:`\|w\|_p = (\sum_i |w_i|^p)^{1/p}`
=========================  ===================================================

The proximal operator of a penalty :math:`tR`,
:math:`\operatorname{prox}_{tR}(x) = \arg\min_z \tfrac12\|z - x\|_2^2 + tR(z)`,
is the step a proximal-gradient method (ISTA) takes after each gradient step:

* ``soft_threshold`` is the proximal operator of :math:`t\|\cdot\|_1`: it
  moves every coordinate towards zero by ``t`` and sets the small ones exactly
  to zero, which is where the sparsity of the lasso comes from;
* ``group_soft_threshold`` is the proximal operator of :math:`t\|\cdot\|_2`
  (the group lasso): it shrinks the whole vector towards zero and sets it
  exactly to zero when :math:`\|x\|_2 \le t`.

Arrays of any shape are accepted and treated as one flat vector of weights.
Weights must be finite; a NaN or an infinity raises :class:`ValueError`. The
penalties return Python floats (an empty array gives ``0.0``, the value of an
empty sum); the proximal operators return arrays of the input's shape.
Float32 input is computed in float32, everything else in float64. No function
modifies its arguments.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_float_array, check_scalar, scalar_as

_FLOAT_MAX = float(np.finfo(np.float64).max)

__all__ = [
    "l1_penalty",
    "l2_penalty",
    "elastic_net_penalty",
    "l0_count",
    "l2_norm",
    "lp_norm",
    "soft_threshold",
    "group_soft_threshold",
]


def _weights(w, name: str = "w") -> np.ndarray:
    """``w`` as a finite float array (float32 stays float32, else float64)."""
    return as_float_array(w, name, finite=True)


def _half_sum_of_squares(w: np.ndarray) -> float:
    """``0.5 * sum(w**2)`` as a float, without a spurious overflow.

    The plain sum is kept whenever it is finite (so ordinary results are
    unchanged); otherwise the weights are divided by a power of two near their
    largest magnitude (exact) and the scale is multiplied back in float64.
    Raises ``ValueError`` naming ``w`` when the exact answer itself exceeds the
    float range.
    """
    with np.errstate(over="ignore"):
        value = 0.5 * float(np.square(w).sum())
    if np.isfinite(value):
        return value
    largest = float(np.max(np.abs(w)))
    shift = math.frexp(largest)[1]  # largest / 2**shift is in [0.5, 1)
    scaled = np.ldexp(w.astype(np.float64), -shift)
    value = 0.5 * float(np.square(scaled).sum())
    try:
        value = math.ldexp(value, 2 * shift)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(
            f"w is too large: the penalty 0.5 * sum(w**2) exceeds the float range "
            f"(about {_FLOAT_MAX:.1e}); largest |w| is {largest:.3g}"
        )
    return value


def l1_penalty(w) -> float:
    r"""L1 penalty, the sum of absolute values.

    .. math:: R(w) = \|w\|_1 = \sum_i |w_i|

    Parameters
    ----------
    w : array_like
        Weights (any shape; all entries are summed).

    Returns
    -------
    float
        The penalty; ``0.0`` for an empty array.

    Raises
    ------
    ValueError
        If ``w`` is not numeric or holds a NaN or an infinity, or the sum
        exceeds the float range.

    Examples
    --------
    >>> l1_penalty([3.0, -4.0, 0.0])
    7.0
    """
    w = _weights(w)
    with np.errstate(over="ignore"):
        value = float(np.abs(w).sum())
    if not math.isfinite(value):
        value = float(np.abs(w.astype(np.float64)).sum())  # float32 overflow only
    if not math.isfinite(value):
        raise ValueError(f"w is too large: the penalty sum(|w|) exceeds the float range "
                         f"(about {_FLOAT_MAX:.1e})")
    return value


def l2_penalty(w) -> float:
    r"""L2 (ridge) penalty, half the sum of squares.

    .. math:: R(w) = \tfrac12 \|w\|_2^2 = \tfrac12 \sum_i w_i^2

    The factor 1/2 makes its gradient simply :math:`w`. This is the *squared*
    norm; see :func:`l2_norm` for :math:`\|w\|_2` itself.

    Parameters
    ----------
    w : array_like
        Weights (any shape; all entries are summed).

    Returns
    -------
    float
        The penalty; ``0.0`` for an empty array.

    Raises
    ------
    ValueError
        If ``w`` is not numeric or holds a NaN or an infinity, or the penalty
        exceeds the float range (about 1.8e308). Squares that overflow on the
        way to a representable answer (float32 input, or large float64 weights)
        are avoided by rescaling, not reported.

    Examples
    --------
    >>> l2_penalty([3.0, -4.0, 0.0])
    12.5
    """
    return _half_sum_of_squares(_weights(w))


def elastic_net_penalty(w, l1_ratio) -> float:
    r"""Elastic-net penalty, a mix of the L1 and L2 penalties.

    .. math:: R(w) = \rho \sum_i |w_i| + (1 - \rho)\, \tfrac12 \sum_i w_i^2,
              \qquad \rho = \text{l1\_ratio} \in [0, 1],

    as in :class:`sklearn.linear_model.ElasticNet` (whose objective multiplies
    this by ``alpha``). ``l1_ratio=1`` gives :func:`l1_penalty`,
    ``l1_ratio=0`` gives :func:`l2_penalty`.

    Parameters
    ----------
    w : array_like
        Weights (any shape; all entries are summed).
    l1_ratio : float
        The weight :math:`\rho` of the L1 part, in ``[0, 1]``.

    Returns
    -------
    float
        The penalty; ``0.0`` for an empty array.

    Raises
    ------
    ValueError
        If ``w`` is not numeric or not finite, ``l1_ratio`` is not a real
        number in ``[0, 1]``, or the penalty exceeds the float range.

    Examples
    --------
    >>> elastic_net_penalty([3.0, -4.0], l1_ratio=0.5)  # 0.5 * 7 + 0.5 * 12.5
    9.75
    """
    l1_ratio = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    w = _weights(w)
    l1 = l1_penalty(w) if l1_ratio > 0 else 0.0
    l2 = _half_sum_of_squares(w) if l1_ratio < 1 else 0.0
    value = l1_ratio * l1 + (1.0 - l1_ratio) * l2
    if not math.isfinite(value):
        raise ValueError(f"w is too large: the elastic-net penalty exceeds the float range "
                         f"(about {_FLOAT_MAX:.1e})")
    return value


def l0_count(w, tol=0.0) -> int:
    r"""Number of nonzero weights, the "L0 norm".

    .. math:: \|w\|_0 = \#\{ i : |w_i| > \text{tol} \}

    It is not a norm (it ignores the size of the weights), and penalizing it
    directly makes a combinatorial problem; the L1 penalty is its convex
    stand-in.

    Parameters
    ----------
    w : array_like
        Weights (any shape).
    tol : float, default 0.0
        Entries with ``|w_i| <= tol`` count as zero; ``tol >= 0``. It is
        compared in the dtype of ``w``.

    Returns
    -------
    int
        The number of entries with ``|w_i| > tol``.

    Raises
    ------
    ValueError
        If ``w`` is not numeric or not finite, or ``tol`` is negative, NaN or
        not a real number.

    Examples
    --------
    >>> l0_count([0.0, 1e-12, -2.0, 3.0])
    3
    >>> l0_count([0.0, 1e-12, -2.0, 3.0], tol=1e-9)
    2
    """
    tol = check_scalar(tol, "tol", low=0.0)
    w = _weights(w)
    return int(np.count_nonzero(np.abs(w) > scalar_as(tol, w.dtype)))


def l2_norm(w) -> float:
    r"""Euclidean norm, the square root of the sum of squares.

    .. math:: \|w\|_2 = \sqrt{\sum_i w_i^2}

    Unlike the squared penalty :func:`l2_penalty`, the norm itself is not
    differentiable at :math:`w = 0`, and penalizing it (the group lasso) can
    set a whole vector exactly to zero: see :func:`group_soft_threshold`.

    The weights are divided by their largest magnitude before squaring, so
    the result does not overflow for large finite weights.

    Parameters
    ----------
    w : array_like
        Weights (any shape; treated as one flat vector).

    Returns
    -------
    float
        The norm; ``0.0`` for an empty array.

    Raises
    ------
    ValueError
        If ``w`` is not numeric or holds a NaN or an infinity.

    Examples
    --------
    >>> l2_norm([3.0, -4.0])
    5.0
    >>> l2_penalty([3.0, -4.0])  # the squared norm, halved
    12.5
    """
    return lp_norm(w, 2)


def lp_norm(w, p) -> float:
    r"""The :math:`\ell_p` norm (a quasi-norm for :math:`p < 1`).

    .. math:: \|w\|_p = \Big(\sum_i |w_i|^p\Big)^{1/p}, \qquad
              \|w\|_\infty = \max_i |w_i|.

    For :math:`p \ge 1` this is a norm and its unit ball is convex; for
    :math:`0 < p < 1` the unit ball is star-shaped and not convex, with spikes
    on the axes that favour sparse points even more than the L1 ball does.

    The weights are divided by their largest magnitude before the powers are
    taken, so the result neither overflows nor underflows needlessly.

    Small ``p``: as :math:`p \to 0^+`, :math:`\sum_i |w_i|^p` tends to the
    number :math:`k` of nonzero weights, so :math:`\|w\|_p` tends to
    :math:`|w_i|` when a single weight is nonzero and grows without bound
    (like :math:`k^{1/p}` times the geometric mean of the nonzero
    :math:`|w_i|`) when :math:`k \ge 2`. A tiny ``p`` therefore gives a norm
    beyond the float range (about 1.8e308) as soon as two weights are
    nonzero (e.g. ``p < 0.0025`` for two equal weights); a ``ValueError``
    naming ``p`` is raised then, never ``inf``.

    Parameters
    ----------
    w : array_like
        Weights (any shape; treated as one flat vector).
    p : float
        The exponent, ``p > 0``; ``numpy.inf`` gives the largest magnitude.

    Returns
    -------
    float
        The (quasi-)norm; ``0.0`` for an empty array.

    Raises
    ------
    ValueError
        If ``w`` is not numeric or not finite, ``p`` is not positive, NaN
        or not a real number, or the norm exceeds the float range (a tiny ``p``
        with two or more nonzero weights; see above).

    Examples
    --------
    >>> lp_norm([3.0, -4.0], 1)
    7.0
    >>> lp_norm([3.0, -4.0], 2)
    5.0
    >>> lp_norm([3.0, -4.0], float("inf"))
    4.0
    >>> lp_norm([1.0, 1.0], 0.5)  # (1 + 1)**2: the triangle inequality fails
    4.0
    """
    p = check_scalar(p, "p", low=0.0, low_inclusive=False)
    w = _weights(w)
    if w.size == 0:
        return 0.0
    magnitudes = np.abs(w).ravel()
    largest = magnitudes.max()
    if largest == 0 or p == np.inf:
        return float(largest)
    if p == 1:
        return float(magnitudes.sum())
    scaled = magnitudes / largest
    with np.errstate(over="ignore"):
        value = float(largest * np.power(np.power(scaled, p).sum(), 1.0 / p))
    if not math.isfinite(value):
        # the sum is in [1, size]; redo the last steps in float64 (float32
        # overflow only) and refuse an answer beyond the float range
        total = float(np.power(scaled.astype(np.float64), p).sum())
        log_value = math.log(float(largest)) + math.log(total) / p
        value = math.inf
        if log_value < math.log(_FLOAT_MAX):
            try:
                value = float(largest) * total ** (1.0 / p)
            except OverflowError:
                pass
        if not math.isfinite(value):
            raise ValueError(
                f"p = {p:.3g} is too small for these weights w: the norm "
                f"(sum |w_i|**p)**(1/p) exceeds the float range (about {_FLOAT_MAX:.1e}); "
                "with two or more nonzero weights it grows without bound as p -> 0"
            )
    return value


def soft_threshold(x, t) -> np.ndarray:
    r"""Soft thresholding, the proximal operator of :math:`t\|\cdot\|_1`.

    .. math::

        S_t(x) = \operatorname{sign}(x) \max(|x| - t, 0)
               = \arg\min_z \tfrac12 (z - x)^2 + t|z|,

    applied elementwise. Entries with :math:`|x| \le t` become exactly 0; the
    others move towards 0 by ``t``. It is computed as
    :math:`x - \operatorname{clip}(x, -t, t)`: ``x`` minus its projection on
    the box :math:`[-t, t]` (Moreau's decomposition), which is exact in
    floating point.

    Parameters
    ----------
    x : array_like
        Values to shrink (any shape), finite.
    t : float
        The threshold, ``t >= 0``.

    Returns
    -------
    numpy.ndarray
        An array of the shape of ``x``; float32 for float32 input, else
        float64.

    Raises
    ------
    ValueError
        If ``x`` is not numeric or not finite, or ``t`` is negative, NaN or
        not a real number.

    Examples
    --------
    >>> soft_threshold([-3.0, -0.5, 0.0, 0.8, 2.0], 1.0)
    array([-2.,  0.,  0.,  0.,  1.])
    """
    t = check_scalar(t, "t", low=0.0)
    x = _weights(x, "x")
    t = scalar_as(t, x.dtype)
    shrunk = np.empty_like(x)  # a new array: the caller's x is not touched
    np.clip(x, -t, t, out=shrunk)
    np.subtract(x, shrunk, out=shrunk)
    return shrunk


def group_soft_threshold(x, t) -> np.ndarray:
    r"""Block soft thresholding, the proximal operator of :math:`t\|\cdot\|_2`.

    .. math::

        \operatorname{prox}_{t\|\cdot\|_2}(x)
            = \max\Big(1 - \frac{t}{\|x\|_2}, 0\Big)\, x
            = \arg\min_z \tfrac12 \|z - x\|_2^2 + t\|z\|_2.

    The whole array ``x`` is one group: it keeps its direction and its norm
    shrinks by ``t``, down to exactly 0 when :math:`\|x\|_2 \le t`. Compare
    :func:`soft_threshold`, which acts on each coordinate separately.

    Parameters
    ----------
    x : array_like
        The group of values to shrink (any shape), finite.
    t : float
        The threshold, ``t >= 0``.

    Returns
    -------
    numpy.ndarray
        An array of the shape of ``x``; float32 for float32 input, else
        float64.

    Raises
    ------
    ValueError
        If ``x`` is not numeric or not finite, or ``t`` is negative, NaN or
        not a real number.

    Examples
    --------
    >>> group_soft_threshold([3.0, -4.0], 2.5)  # norm 5 shrinks to 2.5
    array([ 1.5, -2. ])
    >>> group_soft_threshold([3.0, -4.0], 5.0)
    array([0., 0.])
    """
    t = check_scalar(t, "t", low=0.0)
    x = _weights(x, "x")
    norm = lp_norm(x, 2)
    if norm <= t:
        return np.zeros_like(x)
    shrunk = np.empty_like(x)  # a new array: the caller's x is not touched
    np.multiply(x, scalar_as(1.0 - t / norm, x.dtype), out=shrunk)
    return shrunk
