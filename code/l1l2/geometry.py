r"""Geometry of sparsity in two dimensions: a quadratic loss minimized over an Lp ball.

* :func:`constrained_quadratic_2d` — :math:`\arg\min (w - c)^\top A (w - c)`
  subject to :math:`\lVert w\rVert_p \le t`, for any :math:`p > 0` (the
  polygons :math:`p = 1, \infty` exactly, :math:`p = 2` by its Lagrange
  condition, other :math:`p` along the boundary);
* its helpers ``_lp_norm_2d`` (the Lp norm of 2-D points, safe from over- and
  underflow), ``_lp_unit`` (points of the unit Lp sphere by angle) and
  ``_segment_min`` (the quadratic minimized on a segment).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_scalar
from .linear_model._base import _pow2_scale

__all__ = ["constrained_quadratic_2d"]


def _segment_min(A, c, a, b):
    """Minimize (w - c)' A (w - c) on the segment [a, b]; returns (w, value)."""
    d = b - a
    curv = d @ A @ d
    s = 0.0 if curv <= 0 else float(np.clip((d @ A @ (c - a)) / curv, 0.0, 1.0))
    w = a + s * d
    return w, float((w - c) @ A @ (w - c))


def _lp_norm_2d(a, p):
    """The Lp norm of the rows of ``a`` (absolute values, last axis of length 2).

    For a large ``p`` (or when the plain sum over- or underflows) each row is
    first divided by its largest entry, so that the powers stay in range.
    """
    if np.isinf(p):
        return a.max(axis=-1)
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        plain = (a[..., 0] ** p + a[..., 1] ** p) ** (1.0 / p)
        if p <= 64 and np.all(np.isfinite(plain) & ((plain > 0) | (a.max(axis=-1) == 0))):
            return plain
        m = a.max(axis=-1)
        safe = np.where(m > 0, m, 1.0)
        r = a / safe[..., None]
        return m * (r[..., 0] ** p + r[..., 1] ** p) ** (1.0 / p)


def _lp_unit(theta, p):
    """Points of the unit Lp sphere in 2-D at the angles ``theta``."""
    u = np.stack([np.cos(theta), np.sin(theta)], axis=-1)
    norm = _lp_norm_2d(np.abs(u), p)
    return u / norm[..., None]


#: The smallest exponent of constrained_quadratic_2d: below it the Lp "norm" of
#: a point overflows (the ball is numerically the coordinate cross).
_MIN_P = 0.01


def constrained_quadratic_2d(A, center, p, t):
    r"""Minimize a 2-D quadratic loss over the Lp ball of radius ``t``.

    .. math::

        w^\star = \operatorname*{arg\,min}_{w \in \mathbb{R}^2}\ (w - c)^\top A (w - c)
        \quad\text{subject to}\quad \lVert w\rVert_p \le t,

    the least-squares loss (up to a constant) with unconstrained optimum
    :math:`c` and Hessian :math:`2A`, for :math:`p > 0` (for :math:`p < 1` the
    "ball" is the non-convex set of the quasi-norm). If :math:`\lVert c\rVert_p
    \le t` the answer is :math:`c`; otherwise it lies on the boundary. The
    polygons (:math:`p = 1` and :math:`p = \infty`) are solved exactly by
    minimizing over each of their four edges in closed form (vertices
    included); :math:`p = 2` by the Lagrange condition
    :math:`w = (A + \mu I)^{-1} A c` with :math:`\lVert w\rVert_2 = t`, a root
    in :math:`\mu \ge 0`; any other :math:`p` by minimizing along the boundary
    parameterised by the angle: a grid of 7200 angles that includes the four
    axis points, then a bounded scalar refinement around the best ones.

    Parameters
    ----------
    A : array_like of shape (2, 2)
        Symmetric positive definite matrix.
    center : array_like of shape (2,)
        The unconstrained optimum :math:`c`.
    p : float
        The exponent, ``> 0``; ``numpy.inf`` for the square.
    t : float
        The budget (radius), ``>= 0``.

    Returns
    -------
    ndarray of shape (2,)
        The minimizer :math:`w^\star` (a new array). For :math:`p \le 1` a
        coordinate is returned as exactly 0.0 when the solution is at a corner.

    Raises
    ------
    ValueError
        If ``A`` is not symmetric positive definite 2x2, ``center`` not of
        shape (2,) or not finite, ``p <= 0`` or ``t < 0``.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.geometry import constrained_quadratic_2d
    >>> constrained_quadratic_2d(np.eye(2), [2.0, 0.5], 1.0, 1.0)
    array([1., 0.])
    >>> w = constrained_quadratic_2d(np.eye(2), [3.0, 4.0], 2.0, 1.0)
    >>> print(np.round(w, 6))
    [0.6 0.8]
    """
    from scipy import optimize  # imported on first use

    A = as_float_array(A, "A", ndim=2, finite=True)
    if A.shape != (2, 2):
        raise ValueError(f"A must be a symmetric positive definite 2x2 matrix, got shape "
                         f"{A.shape}")
    m = float(np.max(np.abs(A)))
    if m > 0 and not 2.0**-100 <= m <= 2.0**100:  # the minimizer does not depend on |A|
        A = A / float(_pow2_scale(m))
    if not np.allclose(A, A.T) or np.any(np.linalg.eigvalsh(A) <= 0):
        raise ValueError("A must be a symmetric positive definite 2x2 matrix")
    c = as_float_array(center, "center", ndim=1, finite=True)
    if c.shape != (2,):
        raise ValueError(f"center must have shape (2,), got {c.shape}")
    p = check_scalar(p, "p", low=_MIN_P)
    t = check_scalar(t, "t", low=0, finite=True)
    # c and t in extreme units: solve for (c, t) / s and scale back (s a power of two)
    m = max(float(np.max(np.abs(c))), t)
    if m > 0 and not 2.0**-100 <= m <= 2.0**100:
        s = float(_pow2_scale(m))
        return s * constrained_quadratic_2d(A, c / s, p, t / s)
    a = np.abs(c)
    norm_c = float(_lp_norm_2d(a, p))
    if norm_c <= t:
        return c.copy()
    if t == 0:
        return np.zeros(2)
    if p == 1.0 or np.isinf(p):
        verts = t * (np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]) if p == 1.0
                     else np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]))
        best = min((_segment_min(A, c, verts[k], verts[(k + 1) % 4]) for k in range(4)),
                   key=lambda wv: wv[1])
        w = best[0]
        if p == 1.0:  # snap a vertex to exact zeros
            w = np.where(np.abs(w) <= 1e-14 * t, 0.0, w)
        return w
    if p == 2.0:
        lam, V = np.linalg.eigh(A)
        b = V.T @ (A @ c)

        def excess(mu):
            return float(np.sum((b / (lam + mu)) ** 2)) - t**2

        hi = 1.0
        while excess(hi) > 0:
            hi *= 2.0
        mu = optimize.brentq(excess, 0.0, hi, xtol=1e-15, rtol=1e-15)
        w = V @ (b / (lam + mu))
        return w * (t / np.linalg.norm(w))

    def f(theta):
        w = t * _lp_unit(theta, p)
        d = w - c
        return np.einsum("...i,ij,...j->...", d, A, d)

    n = 7200  # a multiple of 4: the axis points are on the grid
    grid = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    vals = f(grid)
    h = 2.0 * np.pi / n
    best_theta, best_val = None, np.inf
    for k in np.argsort(vals)[:4]:
        res = optimize.minimize_scalar(lambda th: float(f(np.array(th))),
                                       bounds=(grid[k] - h, grid[k] + h), method="bounded",
                                       options={"xatol": 1e-13})
        th, val = (res.x, res.fun) if res.fun < vals[k] else (grid[k], vals[k])
        if val < best_val:
            best_theta, best_val = th, val
    w = t * _lp_unit(np.array(best_theta), p)
    if p < 1.0:  # a corner is an isolated point: return it with an exact zero
        for j in range(2):
            corner = np.zeros(2)
            corner[1 - j] = np.sign(w[1 - j]) * t
            if (corner - c) @ A @ (corner - c) <= best_val + 1e-12 * (1 + best_val):
                w = corner
    return np.asarray(w, dtype=float)
