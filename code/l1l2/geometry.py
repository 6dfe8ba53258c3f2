r"""Geometry of sparsity in two dimensions: a quadratic loss minimized over an Lp ball.

* :func:`constrained_quadratic_2d` — :math:`\arg\min (w - c)^\top A (w - c)`
  subject to :math:`\lVert w\rVert_p \le t`, for any :math:`p > 0` (the
  polygons :math:`p = 1, \infty` exactly, :math:`p = 2` by its Lagrange
  condition, other :math:`p` along the boundary);
* :func:`lasso_2d` — the exact lasso solution with two features, by
  enumerating the nine supports and sign patterns;
* :func:`sparse_share_2d` — the share of directions of the least-squares
  solution for which the 2-D lasso solution has an exact zero, computed exactly
  from the breakpoints of the optimality conditions;
* :func:`project_l1_ball` — the exact Euclidean projection onto an L1 ball
  (sort and threshold);
* its helpers ``_lp_norm_2d`` (the Lp norm of 2-D points, safe from over- and
  underflow), ``_lp_unit`` (points of the unit Lp sphere by angle) and
  ``_segment_min`` (the quadratic minimized on a segment).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_finite_result, check_scalar
from .linear_model._base import _pow2_scale

__all__ = ["constrained_quadratic_2d", "lasso_2d", "sparse_share_2d", "project_l1_ball"]


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


def _check_gram_2d(gram, name="gram"):
    G = as_float_array(gram, name, ndim=2, finite=True)
    if G.shape != (2, 2):
        raise ValueError(f"{name} must be a symmetric positive definite 2x2 matrix, got "
                         f"shape {G.shape}")
    m = float(np.max(np.abs(G)))
    if m > 0:
        G = G / float(_pow2_scale(m))  # the checks below at unit size
    if not np.allclose(G, G.T) or not (G[0, 0] > 0 and G[1, 1] > 0) or not (
            G[0, 1] * G[1, 0] < G[0, 0] * G[1, 1] * (1 - 1e-12)):
        raise ValueError(f"{name} must be a symmetric positive definite 2x2 matrix")
    return as_float_array(gram, name, ndim=2, finite=True)


def lasso_2d(gram, xty, lam) -> np.ndarray:
    r"""The exact lasso solution with two features.

    .. math::

        w^\star = \operatorname*{arg\,min}_{w \in \mathbb{R}^2}
        \tfrac12 w^\top G w - c^\top w + \lambda \lVert w\rVert_1,

    which is the lasso :math:`\frac{1}{2n}\lVert y - Xw\rVert_2^2 + \lambda
    \lVert w\rVert_1` up to a constant when :math:`G = X^\top X/n` and
    :math:`c = X^\top y/n`. With :math:`G` positive definite the minimizer is
    unique and is one of nine candidates: :math:`0`; on axis :math:`j`,
    :math:`w_j = S_\lambda(c_j)/G_{jj}`; and for each sign pattern
    :math:`s \in \{\pm 1\}^2`, :math:`w = G^{-1}(c - \lambda s)`. Each is a
    point of the plane, so the one with the smallest objective is the
    minimizer (sparser candidates first on an exact tie). No iteration, and
    exact zeros on the axes.

    Parameters
    ----------
    gram : array_like of shape (2, 2)
        :math:`G`, symmetric positive definite.
    xty : array_like of shape (2,) or (m, 2)
        :math:`c`, one problem per row.
    lam : float or array_like of shape (m,)
        :math:`\lambda \ge 0`: one for all rows, or one per row of a 2-D
        ``xty``.

    Returns
    -------
    ndarray of the shape of ``xty``
        The solutions (a new array).

    Raises
    ------
    ValueError
        If ``gram`` is not symmetric positive definite 2x2, ``xty`` not of
        shape (2,) or (m, 2) or not finite, or ``lam`` negative or not finite.

    Examples
    --------
    >>> import numpy as np
    >>> G = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> lasso_2d(G, [2.0, 0.5], 0.5)  # a corner: w2 = 0
    array([1.5, 0. ])
    >>> lasso_2d(G, [1.75, 1.5], 0.5)  # an edge: both non-zero
    array([1. , 0.5])
    """
    G = _check_gram_2d(gram)
    c = as_float_array(xty, "xty", finite=True)
    if c.ndim not in (1, 2) or c.shape[-1] != 2:
        raise ValueError(f"xty must have shape (2,) or (m, 2), got {c.shape}")
    single = c.ndim == 1
    c = np.atleast_2d(c).astype(float)
    if np.ndim(lam) == 0:
        lam = np.full(c.shape[0], check_scalar(lam, "lam", low=0, finite=True))
    else:
        lam = as_float_array(lam, "lam", ndim=1, finite=True)
        if lam.shape != (c.shape[0],) or single:
            raise ValueError(f"lam must be a scalar or have shape ({c.shape[0]},) with a "
                             f"2-D xty, got shape {lam.shape}")
        if np.any(lam < 0):
            raise ValueError("lam must be >= 0")
    # the solution scales with (c, lam) / G: solve at unit sizes, scale back
    g = float(_pow2_scale(np.max(np.abs(G))))
    s = float(_pow2_scale(max(float(np.max(np.abs(c), initial=0.0)),
                              float(np.max(lam, initial=0.0)))))
    G, c, lam = G / g, c / s, lam[:, None] / s
    Ginv = np.linalg.inv(G)
    m = c.shape[0]
    cands = [np.zeros((m, 2))]
    for j in range(2):
        w = np.zeros((m, 2))
        w[:, j] = (c[:, j] - np.clip(c[:, j], -lam[:, 0], lam[:, 0])) / G[j, j]
        cands.append(w)
    for s1 in (1.0, -1.0):
        for s2 in (1.0, -1.0):
            cands.append((c - lam * np.array([s1, s2])) @ Ginv.T)
    W = np.stack(cands, axis=1)  # (m, 9, 2)
    obj = (0.5 * np.einsum("mki,ij,mkj->mk", W, G, W) - np.einsum("mki,mi->mk", W, c)
           + lam * np.abs(W).sum(axis=2))  # lam of shape (m, 1)
    best = W[np.arange(m), np.argmin(obj, axis=1)]
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.where(best == 0, 0.0, best * s / g)
    out = check_finite_result(out, "gram, xty and lam", "the solution")
    return out[0] if single else out


def _breakpoints(G, r, over):
    """Angles where a sign in the 2-D lasso's optimality conditions can change.

    Each condition is the sign of a linear form ``a @ c`` of ``c = X'y/n``
    (``c = G w_hat``): which coordinate is largest (``lam_max``), ``|c_j| >
    lam`` and the other coordinate's subgradient ``|c_k - rho w_j| <= lam`` at an
    axis solution, with ``lam = r * (+-c_1 or +-c_2)``.
    """
    rho = G[0, 1]
    e = np.eye(2)
    lams = r * np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])  # (4, 2)
    sg = np.array([1.0, -1.0])[:, None, None]
    forms = [np.array([[1.0, -1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])]
    for j in range(2):
        on_axis = e[j] - sg * lams  # (2, 4, 2): c_j - sign * lam, and w_j (G_jj = 1)
        forms.append(on_axis.reshape(-1, 2))
        for pm in (1.0, -1.0):
            forms.append((e[1 - j] - rho * on_axis - pm * lams).reshape(-1, 2))
    forms = np.concatenate(forms)
    normals = forms @ G if over == "w_hat" else forms  # a @ (G w) = (G a) @ w
    normals = normals[np.hypot(normals[:, 0], normals[:, 1]) > 1e-14]
    phi = np.arctan2(normals[:, 1], normals[:, 0]) + np.pi / 2
    angles = np.concatenate([phi, phi + np.pi]) % (2 * np.pi)
    return np.unique(np.concatenate([[0.0, 2 * np.pi], angles]))


def sparse_share_2d(rho, ratio, *, over="w_hat") -> float:
    r"""The share of 2-D lasso problems whose solution has an exact zero.

    The design is standardized with correlation :math:`\rho`,
    :math:`G = X^\top X/n = \begin{pmatrix}1 & \rho\\ \rho & 1\end{pmatrix}`,
    and :math:`\lambda = r\,\lambda_{\max}` with
    :math:`\lambda_{\max} = \lVert c\rVert_\infty`, :math:`c = X^\top y/n`.
    The distribution of problems: the direction of the least-squares solution
    :math:`\hat w = G^{-1}c` is uniform on the circle (``over="w_hat"``), or
    the direction of :math:`c` is (``over="xty"``). Its length does not
    matter, since at a fixed :math:`r` the solution scales with it. The
    answer is a property of that distribution, not of the lasso alone.

    It is computed exactly, not by sampling: the optimality conditions of
    :func:`lasso_2d` are signs of linear functions of the direction, so the
    circle splits at their zeros into arcs on which the solution is either
    sparse or dense throughout; the share is the total length of the sparse
    arcs over :math:`2\pi`, with each arc tested at its midpoint.

    Parameters
    ----------
    rho : float
        The correlation :math:`\rho` of the two features, :math:`|\rho| < 1`.
    ratio : float
        :math:`r = \lambda/\lambda_{\max}`, in :math:`[0, 1]`.
    over : {"w_hat", "xty"}
        Whose direction is uniform.

    Returns
    -------
    float
        The share, in :math:`[0, 1]`.

    Raises
    ------
    ValueError
        If ``|rho| >= 1``, ``ratio`` outside [0, 1] or ``over`` unknown.

    Examples
    --------
    With independent features the lasso is soft thresholding and the share is
    :math:`4\arctan(r)/\pi`:

    >>> import numpy as np
    >>> bool(np.isclose(sparse_share_2d(0.0, 0.3), 4 * np.arctan(0.3) / np.pi))
    True
    >>> sparse_share_2d(0.5, 1.0), sparse_share_2d(0.5, 0.0)
    (1.0, 0.0)
    """
    from ._validation import check_choice

    rho = check_scalar(rho, "rho", low=-1, high=1, low_inclusive=False,
                       high_inclusive=False)
    if abs(rho) > 1 - 1e-9:
        raise ValueError(f"rho must be in (-1, 1) with |rho| <= 1 - 1e-9, got {rho}")
    r = check_scalar(ratio, "ratio", low=0, high=1)
    over = check_choice(over, "over", ("w_hat", "xty"))
    if r == 1.0:
        return 1.0
    if r == 0.0:
        return 0.0
    G = np.array([[1.0, rho], [rho, 1.0]])
    edges = _breakpoints(G, r, over)
    mid = 0.5 * (edges[:-1] + edges[1:])
    u = np.column_stack([np.cos(mid), np.sin(mid)])
    c = u @ G if over == "w_hat" else u  # G is symmetric
    sparse = np.any(lasso_2d(G, c, r * np.max(np.abs(c), axis=1)) == 0, axis=1)
    share = float(np.sum(np.diff(edges)[sparse]) / (2 * np.pi))
    return min(max(share, 0.0), 1.0)


def project_l1_ball(x, t) -> np.ndarray:
    r"""The Euclidean projection onto the L1 ball of radius ``t``, exactly.

    .. math::

        P(x) = \operatorname*{arg\,min}_{\lVert w\rVert_1 \le t}
        \lVert w - x\rVert_2 = S_\tau(x),

    soft thresholding at the :math:`\tau \ge 0` with
    :math:`\lVert S_\tau(x)\rVert_1 = t` (or :math:`\tau = 0` when
    :math:`\lVert x\rVert_1 \le t`). :math:`\tau` is found by sorting
    :math:`|x|` (Duchi et al. 2008): with :math:`u_1 \ge u_2 \ge \dots`,
    :math:`k = \max\{j : u_j > (\sum_{i \le j} u_i - t)/j\}` and
    :math:`\tau = (\sum_{i \le k} u_i - t)/k`. The projection has exactly
    :math:`k` non-zero coordinates: it lies in the relative interior of a
    face of dimension :math:`k - 1`.

    Parameters
    ----------
    x : array_like of shape (p,) or (m, p)
        The point(s), one per row, finite.
    t : float
        The radius, ``t >= 0``.

    Returns
    -------
    ndarray of the shape of ``x``
        The projection(s), with exact zeros (a new array).

    Raises
    ------
    ValueError
        If ``x`` is not finite or not of 1 or 2 dimensions, or ``t < 0``.

    Examples
    --------
    >>> project_l1_ball([3.0, 1.0, -0.5], 2.0)
    array([2., 0., 0.])
    >>> project_l1_ball([0.5, -0.25], 2.0)  # inside: unchanged
    array([ 0.5 , -0.25])
    """
    x = as_float_array(x, "x", finite=True)
    if x.ndim not in (1, 2) or x.shape[-1] == 0:
        raise ValueError(f"x must have shape (p,) or (m, p) with p >= 1, got {x.shape}")
    t = check_scalar(t, "t", low=0, finite=True)
    single = x.ndim == 1
    X = np.atleast_2d(x).astype(float)
    s = float(_pow2_scale(max(float(np.max(np.abs(X))), t)))
    X, t = X / s, t / s
    a = np.abs(X)
    u = -np.sort(-a, axis=1)
    css = np.cumsum(u, axis=1) - t
    j = np.arange(1, X.shape[1] + 1)
    k = np.sum(u > css / j, axis=1)  # the condition holds exactly for j <= k
    tau = np.maximum(css[np.arange(X.shape[0]), np.maximum(k, 1) - 1] / np.maximum(k, 1),
                     0.0)
    tau = np.where(a.sum(axis=1) <= t, 0.0, tau)
    out = np.where(a > tau[:, None], np.sign(X) * (a - tau[:, None]), 0.0) * s
    return out[0] if single else out
