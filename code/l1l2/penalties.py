r"""Penalties (regularizers) on a weight vector, and their proximal operators.

A penalty :math:`R(w)` is added to a data-fitting loss to prefer some weight
vectors over others:

=========================  ===================================================
``l1_penalty``             :math:`\sum_i |w_i|`, the lasso penalty
``l2_penalty``             :math:`\tfrac12 \sum_i w_i^2`, the ridge penalty
``l0_count``               :math:`\#\{i : |w_i| > \text{tol}\}`, the number of
                           nonzero weights
``l2_norm``                :math:`\|w\|_2 = \sqrt{\sum_i w_i^2}`, not squared
=========================  ===================================================

``scad_threshold`` and ``mcp_threshold`` are the thresholding rules of two
non-convex penalties, SCAD (Fan & Li 2001) and MCP (Zhang 2010): the
minimizers of :math:`\tfrac12 (z - x)^2 + P_t(z)` for one coordinate. They
threshold small values like ``soft_threshold`` but leave large ones unshrunk.

The proximal operator of a penalty :math:`tR`,
:math:`\operatorname{prox}_{tR}(x) = \arg\min_z \tfrac12\|z - x\|_2^2 + tR(z)`,
is the step a proximal-gradient method (ISTA) takes after each gradient step.
``soft_threshold`` is the proximal operator of :math:`t\|\cdot\|_1`: it
moves every coordinate towards zero by ``t`` and sets the small ones exactly
to zero, which is where the sparsity of the lasso comes from.

Arrays of any shape are accepted and treated as one flat vector of weights.
Weights must be finite; a NaN or an infinity raises :class:`ValueError`. The
penalties return Python floats (an empty array gives ``0.0``, the value of an
empty sum); ``soft_threshold`` returns an array of the input's shape.
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
    "l0_count",
    "l2_norm",
    "soft_threshold",
    "scad_threshold",
    "mcp_threshold",
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
    set a whole vector exactly to zero.

    The weights are divided by their largest magnitude :math:`m` before
    squaring, :math:`\|w\|_2 = m \sqrt{\sum_i (w_i/m)^2}`, so the result
    neither overflows nor underflows needlessly.

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
        If ``w`` is not numeric or holds a NaN or an infinity, or the norm
        itself exceeds the float range (about 1.8e308).

    Examples
    --------
    >>> l2_norm([3.0, -4.0])
    5.0
    >>> l2_penalty([3.0, -4.0])  # the squared norm, halved
    12.5
    """
    w = _weights(w)
    if w.size == 0:
        return 0.0
    magnitudes = np.abs(w).ravel()
    largest = magnitudes.max()
    if largest == 0:
        return float(largest)
    scaled = magnitudes / largest
    with np.errstate(over="ignore"):
        value = float(largest * np.power(np.power(scaled, 2.0).sum(), 0.5))
    if not math.isfinite(value):
        # the sum is in [1, size]; redo the last steps in float64 (float32
        # overflow only) and refuse an answer beyond the float range
        total = float(np.power(scaled.astype(np.float64), 2.0).sum())
        log_value = math.log(float(largest)) + math.log(total) / 2.0
        value = math.inf
        if log_value < math.log(_FLOAT_MAX):
            try:
                value = float(largest) * total ** 0.5
            except OverflowError:
                pass
        if not math.isfinite(value):
            raise ValueError(
                f"w is too large: the norm sqrt(sum w_i**2) exceeds the float range "
                f"(about {_FLOAT_MAX:.1e}); largest |w| is {float(largest):.3g}"
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



def scad_threshold(x, t, a=3.7) -> np.ndarray:
    r"""The SCAD thresholding rule of Fan & Li (2001), elementwise.

    The minimizer of :math:`\tfrac12 (z - x)^2 + P_t(z)` for the smoothly
    clipped absolute deviation penalty :math:`P_t` with parameter
    :math:`a > 2` (Fan & Li's default :math:`a = 3.7`):

    .. math::

        \hat z = \begin{cases}
            S_t(x) & |x| \le 2t,\\
            \dfrac{(a - 1)x - \operatorname{sign}(x)\,a t}{a - 2} & 2t < |x| \le a t,\\
            x & |x| > a t.
        \end{cases}

    It equals soft thresholding :math:`S_t` for :math:`|x| \le 2t`, the
    identity for :math:`|x| > at` (no bias for large values), and is linear
    in between; it is continuous. Computed as
    :math:`x - \operatorname{sign}(x)(t - |x|/a)\,a/(a - 2)` in the middle
    piece, so no intermediate value exceeds :math:`|x|`.

    Parameters
    ----------
    x : array_like
        Values to threshold (any shape), finite.
    t : float
        The threshold :math:`\lambda`, ``t >= 0``.
    a : float, default 3.7
        SCAD's shape parameter, ``a > 2``.

    Returns
    -------
    numpy.ndarray
        A new float64 array of the shape of ``x``.

    Raises
    ------
    ValueError
        If ``x`` is not numeric or not finite, ``t < 0`` or ``a <= 2``.

    Examples
    --------
    >>> scad_threshold([-5.0, -1.5, 0.5, 2.5, 3.0], 1.0, a=3.0)
    array([-5. , -0.5,  0. ,  2. ,  3. ])
    >>> print(np.round(scad_threshold([2.5, 4.0], 1.0), 4))  # a = 3.7
    [1.7941 4.    ]
    """
    t = check_scalar(t, "t", low=0.0, finite=True)
    a = check_scalar(a, "a", low=2.0, low_inclusive=False, finite=True)
    x = as_float_array(x, "x", finite=True).astype(float)
    ax, sx = np.abs(x), np.sign(x)
    soft = x - np.clip(x, -t, t)  # the piece |x| <= 2t
    middle = x - sx * np.maximum(t - ax / a, 0.0) * (a / (a - 2))
    return np.asarray(np.where(ax / a > t, x, np.where(ax / 2 > t, middle, soft)),
                      dtype=float)


def mcp_threshold(x, t, gamma=3.0) -> np.ndarray:
    r"""The MCP ("firm") thresholding rule of Zhang (2010), elementwise.

    The minimizer of :math:`\tfrac12 (z - x)^2 + P_t(z)` for the minimax
    concave penalty :math:`P_t(z) = \int_0^{|z|} (t - s/\gamma)_+\,ds` with
    :math:`\gamma > 1` (Zhang's example :math:`\gamma = 3`):

    .. math::

        \hat z = \begin{cases}
            \dfrac{\gamma}{\gamma - 1}\,S_t(x) & |x| \le \gamma t,\\
            x & |x| > \gamma t.
        \end{cases}

    It is 0 for :math:`|x| \le t`, like soft thresholding, the identity for
    :math:`|x| > \gamma t`, continuous, and tends to :math:`S_t` as
    :math:`\gamma \to \infty` (and to hard thresholding at :math:`t` as
    :math:`\gamma \to 1`).

    Parameters
    ----------
    x : array_like
        Values to threshold (any shape), finite.
    t : float
        The threshold :math:`\lambda`, ``t >= 0``.
    gamma : float, default 3.0
        MCP's concavity parameter, ``gamma > 1``.

    Returns
    -------
    numpy.ndarray
        A new float64 array of the shape of ``x``.

    Raises
    ------
    ValueError
        If ``x`` is not numeric or not finite, ``t < 0`` or ``gamma <= 1``.

    Examples
    --------
    >>> mcp_threshold([-5.0, -2.0, 0.5, 2.5, 3.5], 1.0)
    array([-5.  , -1.5 ,  0.  ,  2.25,  3.5 ])
    """
    t = check_scalar(t, "t", low=0.0, finite=True)
    gamma = check_scalar(gamma, "gamma", low=1.0, low_inclusive=False, finite=True)
    x = as_float_array(x, "x", finite=True).astype(float)
    ax = np.abs(x)
    soft = x - np.clip(x, -t, t)
    firm = soft * (gamma / (gamma - 1.0))
    firm = np.sign(x) * np.minimum(np.abs(firm), ax)  # rounding never overshoots |x|
    return np.asarray(np.where(ax / gamma > t, x, firm), dtype=float)
