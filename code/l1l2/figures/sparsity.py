"""The geometry of sparsity: why an L1 penalty or an L1 ball gives exact zeros.

* :func:`compute_lp_ball` / :func:`lp_ball_explorer` — contours of a quadratic
  loss meet an :math:`\\ell_q` ball (:class:`LpBallSolutions`);
* :func:`compute_kink` / :func:`kink_explorer` — :math:`\\mathcal L(w) +
  \\lambda|w|` against :math:`\\mathcal L(w) + \\lambda w^2` in one weight
  (:class:`KinkMinimizers`);
* :func:`compute_sparse_share` / :func:`sparse_share_explorer` — how often a
  2-D lasso solution has an exact zero, against the correlation of the
  features and :math:`\\lambda/\\lambda_{\\max}` (:class:`SparseShares`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import geometry, penalties, plotting
from .._validation import check_scalar
from ..interactive import interactive_figure
from ..interactive._checks import (
    AXIS_MAGNITUDE,
    MAX_CURVE_POINTS,
    axis_range,
    check_n_frames,
    grid,
    preferred_initial,
)
from ..plotting import _check_dpi, _check_quad_matrix
from ._common import resolve

__all__ = ["P_INF", "LpBallSolutions", "compute_lp_ball", "lp_ball_explorer",
           "KinkMinimizers", "compute_kink", "kink_explorer", "SparseShares",
           "compute_sparse_share", "sparse_share_explorer"]


class _Infinity(float):
    """A finite stand-in for q = infinity on a slider, displayed as "∞"."""

    def __new__(cls):
        return super().__new__(cls, 1e300)

    def __format__(self, spec):
        return "∞"

    def __repr__(self):
        return "inf"

    def __reduce__(self):  # copies and pickles are the module's one stand-in
        return "P_INF"


#: The value of the q slider of :func:`lp_ball_explorer` that means q = infinity.
P_INF = _Infinity()


def _p_value(p):
    return np.inf if isinstance(p, _Infinity) or p >= 1e300 else float(p)


@dataclass(frozen=True)
class LpBallSolutions:
    """The constrained solutions of :func:`lp_ball_explorer`.

    Attributes
    ----------
    ps, angles, budgets : tuple
        The slider positions of the exponent :math:`q` (``P_INF`` for
        :math:`q = \\infty`), of the direction :math:`\\varphi` of the
        optimum (degrees) and of the budget :math:`t`.
    radius : float
        The distance :math:`r` of the optimum from the origin.
    A : ndarray of shape (2, 2)
        The loss's matrix.
    centers : dict
        ``{angle: c}``, the unconstrained optimum :math:`c = r(\\cos\\varphi, \\sin\\varphi)`.
    solutions : dict
        ``{(p, angle, t): w}``, the constrained solutions :math:`w^\\star`.
    """

    ps: tuple
    angles: tuple
    budgets: tuple
    radius: float
    A: np.ndarray
    centers: dict
    solutions: dict


def compute_lp_ball(*, ps=(0.5, 1.0, 1.5, 2.0, P_INF), angles=(10.0, 45.0, 75.0, 135.0),
                    budgets=(0.5, 1.0, 1.5), radius: float = 2.2,
                    quad_matrix=None) -> LpBallSolutions:
    r"""A quadratic loss minimized over an :math:`\ell_q` ball, at every slider position.

    The loss is :math:`(w - c)^\top A (w - c)` (least squares up to a constant)
    with the unconstrained optimum :math:`c = r(\cos\varphi, \sin\varphi)`;
    the constraint is :math:`\lVert w\rVert_q \le t`, with
    :math:`\lVert w\rVert_q = (|w_1|^q + |w_2|^q)^{1/q}` (the book calls the
    exponent :math:`q`, as :math:`p` is the number of features). Each
    solution is :func:`l1l2.geometry.constrained_quadratic_2d`.

    Parameters
    ----------
    ps : sequence of float
        Exponents :math:`q` (each > 0); ``P_INF`` means :math:`q = \infty`.
    angles : sequence of float
        Directions :math:`\varphi` of the optimum, in degrees.
    budgets : sequence of float
        Budgets :math:`t` (each > 0).
    radius : float
        Distance :math:`r` of the optimum from the origin.
    quad_matrix : array_like of shape (2, 2), optional
        :math:`A` (default ``[[1, 0.6], [0.6, 1]]``: ellipses elongated along
        :math:`(1, -1)`).

    Returns
    -------
    LpBallSolutions

    Examples
    --------
    >>> res = compute_lp_ball(ps=[1.0, 2.0], angles=[45.0, 135.0], budgets=[0.5, 1.0])
    >>> print(res.solutions[1.0, 45.0, 1.0])
    [0.5 0.5]
    """
    ps = grid(ps, "ps", positive=True, keep=(_Infinity,))
    angles = grid(angles, "angles")
    budgets = grid(budgets, "budgets", positive=True, magnitude=AXIS_MAGNITUDE)
    check_n_frames(ps=ps, angles=angles, budgets=budgets)
    radius = check_scalar(radius, "radius", low=0, low_inclusive=False, high=AXIS_MAGNITUDE)
    if radius < 1 / AXIS_MAGNITUDE:
        raise ValueError(f"radius must be at least {1 / AXIS_MAGNITUDE:g}, got {radius:g}")
    A = np.array([[1.0, 0.6], [0.6, 1.0]]) if quad_matrix is None else _check_quad_matrix(
        quad_matrix)
    centers = {a: radius * np.array([np.cos(np.radians(a)), np.sin(np.radians(a))])
               for a in angles}
    solutions = {(p, a, t): geometry.constrained_quadratic_2d(A, centers[a], _p_value(p), t)
                 for p in ps for a in angles for t in budgets}
    return LpBallSolutions(ps=ps, angles=angles, budgets=budgets, radius=radius, A=A,
                           centers=centers, solutions=solutions)


def lp_ball_explorer(*, result=None, ps=(0.5, 1.0, 1.5, 2.0, P_INF),
                     angles=(10.0, 45.0, 75.0, 135.0), budgets=(0.5, 1.0, 1.5),
                     radius: float = 2.2, quad_matrix=None, initial=None, dpi: float = 90,
                     colors: int = 8):
    r"""Contours of a quadratic loss meet an :math:`\ell_q` ball (chapter 9).

    Draws the solutions of :func:`compute_lp_ball`: the loss's contours, the
    ball, the solution, the one contour that touches the ball there (the
    level :math:`(w^\star - c)^\top A (w^\star - c)`), and says
    whether a coordinate of :math:`w^\star` is exactly 0.

    Parameters
    ----------
    result : LpBallSolutions, optional
        The solutions to draw, from :func:`compute_lp_ball` (default: computed
        from the other arguments, as there).
    ps : sequence of float
        Slider positions of the exponent :math:`q` (each > 0); ``P_INF``
        means :math:`q = \infty` (the square).
    angles : sequence of float
        Directions :math:`\varphi` of the optimum, in degrees.
    budgets : sequence of float
        Slider positions of the budget :math:`t` (each > 0).
    radius : float
        Distance :math:`r` of the optimum from the origin.
    quad_matrix : array_like of shape (2, 2), optional
        :math:`A` (default ``[[1, 0.6], [0.6, 1]]``: ellipses elongated along
        :math:`(1, -1)`).
    initial : dict, optional
        Starting position (default: :math:`q = 1`, :math:`\varphi = 10`,
        :math:`t = 1`).
    dpi, colors
        Resolution and palette size of the static frames.

    Returns
    -------
    InteractiveFigure
        Parameters ``p`` (the exponent :math:`q`, slider label "q"),
        ``angle``, ``t``; ``.result`` is the :class:`LpBallSolutions` drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = lp_ball_explorer(ps=[1.0, 2.0], angles=[45.0, 135.0], budgets=[0.5, 1.0])
    >>> fig_i.n_frames
    8
    """
    res = resolve(result, LpBallSolutions, compute_lp_ball, ps=ps, angles=angles,
                  budgets=budgets, radius=radius, quad_matrix=quad_matrix)
    dpi = _check_dpi(dpi)
    ps, angles, budgets = list(res.ps), list(res.angles), list(res.budgets)
    radius, A, centers, solutions = res.radius, res.A, res.centers, res.solutions
    lim = 1.15 * max(radius, max(budgets))
    evals, evecs = np.linalg.eigh(A)
    circle = np.linspace(0.0, 2.0 * np.pi, 200)
    unit = np.stack([np.cos(circle), np.sin(circle)])
    ellipse = evecs @ (unit / np.sqrt(evals)[:, None])  # {u : u'Au = 1}

    fig, ax = plotting.new_figure(width=4.4, height=4.6)
    g = np.linspace(-lim, lim, 161)
    W1, W2 = np.meshgrid(g, g)
    contour_sets = {}
    for a, c in centers.items():
        D1, D2 = W1 - c[0], W2 - c[1]
        Z = A[0, 0] * D1**2 + 2 * A[0, 1] * D1 * D2 + A[1, 1] * D2**2
        cs = ax.contour(W1, W2, Z, levels=[1, 4, 9, 16],
                        colors="#9a9a9a", linewidths=0.8)
        cs.set_visible(False)
        contour_sets[a] = cs
    ax.axhline(0.0, color="#444444", lw=0.8)
    ax.axvline(0.0, color="#444444", lw=0.8)
    (ball,) = ax.fill([0, 1, 0], [0, 0, 1], facecolor="#cccccc", alpha=0.3, lw=2)
    (touch,) = ax.plot([], [], color="black", lw=1.6, label="touching contour")
    (opt,) = ax.plot([], [], "x", color="black", ms=10, mew=2.2, label=r"$\hat w$")
    (sol,) = ax.plot([], [], "o", color="black", mfc="white", mew=2.2, ms=10,
                     label=r"$w^\star$")
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", xticks=[-2, 0, 2],
           yticks=[-2, 0, 2])
    ax.set_xlabel("$w_1$", fontsize=13)
    ax.set_ylabel("$w_2$", fontsize=13)
    ax.tick_params(labelsize=12)
    ax.grid(False)
    fig.legend(handles=[opt, sol, touch], loc="outside lower center", ncols=3, fontsize=12,
               frameon=False, handlelength=1.2, columnspacing=1.0, handletextpad=0.4)
    title = ax.set_title("q = 1, t = 1", fontsize=14)  # a real text, for the layout
    note = ax.text(0.03, 0.03, " ", transform=ax.transAxes, fontsize=13, va="bottom",
                   bbox={"facecolor": "white", "edgecolor": "#999999", "alpha": 0.95})

    def update(p, angle, t):
        pv = _p_value(p)
        for a, cs in contour_sets.items():
            cs.set_visible(a == angle)
        b1, b2 = plotting.lp_ball_boundary(pv, t, 400)
        ball.set_xy(np.column_stack([b1, b2]))
        color = plotting.color_of("l1") if pv == 1 else (
            plotting.color_of("l2") if pv == 2 else "#555555")
        ball.set_facecolor(color)
        ball.set_edgecolor(color)
        ball.set_alpha(0.3)
        c = centers[angle]
        w = solutions[p, angle, t]
        level = float((w - c) @ A @ (w - c))
        pts = c[:, None] + np.sqrt(level) * ellipse
        touch.set_data(pts[0], pts[1])
        opt.set_data([c[0]], [c[1]])
        sol.set_data([w[0]], [w[1]])
        title.set_text(f"q = {p:.3g}, t = {t:.3g}")
        zeros = [j + 1 for j in range(2) if w[j] == 0.0]
        note.set_text(f"$w_{zeros[0]}^\\star = 0$ exactly" if zeros else "not sparse")

    if initial is None:
        initial = {"p": 1.0 if 1.0 in ps else ps[0], "angle": angles[0],
                   "t": 1.0 if 1.0 in budgets else budgets[0]}
    return interactive_figure(
        fig, update, {"p": ps, "angle": angles, "t": budgets}, initial=initial,
        labels={"p": "q", "angle": "optimum direction φ (degrees)", "t": "budget t"},
        formats={"p": "{:.3g}", "angle": "{:g}", "t": "{:g}"},
        animated=[*contour_sets.values(), ball, touch, opt, sol, title, note],
        dpi=dpi, colors=colors, result=res,
        alt=("Grey elliptical contours of a two-dimensional quadratic loss around its "
             "unconstrained optimum w-hat, marked by a cross, and a shaded l_q ball centred "
             "at the origin: a star-like shape for q = 0.5, a diamond for q = 1, a rounded "
             "square for q = 1.5, a disc for q = 2 and a square for q = infinity. A black "
             "ellipse, the contour that touches the ball, meets it at the constrained "
             "solution w-star, an open circle; a box says which coordinate of it is exactly "
             "zero, or that none is. Sliders choose q, the direction of the optimum and the "
             "budget t."),
    )


@dataclass(frozen=True)
class KinkMinimizers:
    """The minimizers of :func:`kink_explorer`.

    Attributes
    ----------
    lams, slopes : tuple of float
        The slider positions of :math:`\\lambda` and of :math:`\\mathcal L'(0)`.
    minimizers : dict
        ``{(lam, slope): {"loss": z, "l1": S_lam(z), "l2": z / (1 + 2 lam)}}``
        with :math:`z = -\\mathcal L'(0)` and :math:`S` the soft threshold.
    """

    lams: tuple
    slopes: tuple
    minimizers: dict


def compute_kink(*, lams=(0.5, 1.0, 2.0),
                 slopes=(-2.0, -1.5, -1.0, -0.5, 0.0)) -> KinkMinimizers:
    r"""The minimizers of :math:`\mathcal L`, :math:`\mathcal L + \lambda|w|` and
    :math:`\mathcal L + \lambda w^2` for :math:`\mathcal L(w) = \tfrac12 (w - z)^2`,
    :math:`z = -\mathcal L'(0)`.

    The kinked one is the soft threshold :math:`S_\lambda(z)`
    (:func:`l1l2.penalties.soft_threshold`): exactly 0 iff
    :math:`|\mathcal L'(0)| \le \lambda`; the smooth one is :math:`z/(1 + 2\lambda)`.

    Parameters
    ----------
    lams : sequence of positive float
        Slider positions of the penalty strength :math:`\lambda`.
    slopes : sequence of float
        Slider positions of the loss's slope at 0, :math:`\mathcal L'(0)`.

    Returns
    -------
    KinkMinimizers

    Examples
    --------
    >>> res = compute_kink(lams=(0.5, 1.0), slopes=(-1.5, -0.5))
    >>> res.minimizers[1.0, -0.5]["l1"], res.minimizers[1.0, -1.5]["l1"]
    (0.0, 0.5)
    """
    lams = grid(lams, "lams", positive=True)
    slopes = grid(slopes, "slopes")
    check_n_frames(lams=lams, slopes=slopes)
    minimizers = {}
    for lam in lams:
        for s in slopes:
            z = -s
            minimizers[lam, s] = {"loss": z, "l1": float(penalties.soft_threshold(z, lam)),
                                  "l2": z / (1 + 2 * lam)}
    return KinkMinimizers(lams=lams, slopes=slopes, minimizers=minimizers)


def kink_explorer(*, result=None, lams=(0.5, 1.0, 2.0), slopes=(-2.0, -1.5, -1.0, -0.5, 0.0),
                  initial=None, w_range=(-1.0, 2.5), n_points: int = 701, dpi: float = 80,
                  colors: int = 16):
    r"""The kink figure (chapter 9): :math:`\mathcal L(w) + \lambda|w|` against
    :math:`\mathcal L(w) + \lambda w^2`, with sliders for :math:`\lambda` and
    :math:`\mathcal L'(0)`.

    The loss of one weight is :math:`\mathcal L(w) = \tfrac12 (w - z)^2` with
    :math:`z = -\mathcal L'(0)`, so the slope slider moves the loss's minimum.
    The top panel shows :math:`\mathcal L`, :math:`\mathcal L + \lambda|w|`
    and :math:`\mathcal L + \lambda w^2` with their minimizers (dots); the
    bottom panel their derivatives, with the subdifferential
    :math:`\mathcal L'(0) + [-\lambda, \lambda]` of the kinked objective at 0
    drawn as a vertical segment. A minimizer (:func:`compute_kink`) is where a
    derivative crosses 0; the kinked one sits at 0 exactly iff the segment
    contains 0, that is :math:`|\mathcal L'(0)| \le \lambda`.

    Parameters
    ----------
    result : KinkMinimizers, optional
        The minimizers to draw, from :func:`compute_kink` (default: computed
        from ``lams`` and ``slopes``).
    lams : sequence of positive float
        Slider positions of the penalty strength :math:`\lambda`.
    slopes : sequence of float
        Slider positions of the loss's slope at 0, :math:`\mathcal L'(0)`.
    initial : dict, optional
        Starting position (default ``lam=1.0, slope=-0.5`` when offered).
    w_range : (float, float)
        The range of :math:`w` on the horizontal axis.
    n_points : int
        Points per curve (at least 11).
    dpi, colors
        Resolution and palette size of the static frames.

    Returns
    -------
    InteractiveFigure
        Parameters ``lam`` and ``slope``; ``.result`` is the
        :class:`KinkMinimizers` drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = kink_explorer(lams=(0.5, 1.0), slopes=(-1.5, -0.5))
    >>> fig_i.n_frames
    4
    """
    res = resolve(result, KinkMinimizers, compute_kink, lams=lams, slopes=slopes)
    lams, slopes, minimizers = res.lams, res.slopes, res.minimizers
    n_points = check_scalar(n_points, "n_points", low=11, high=MAX_CURVE_POINTS, integer=True)
    lo, hi = axis_range(w_range, "w_range")
    if not lo < 0 < hi:
        raise ValueError(f"w_range must be increasing and contain 0, got {w_range!r:.40}")
    dpi = _check_dpi(dpi)
    w = np.union1d(np.linspace(lo, hi, n_points), [0.0])  # the kink is on the grid

    def objectives(lam, s):
        loss = 0.5 * (w + s) ** 2
        return {"data": loss, "l1": loss + lam * np.abs(w), "l2": loss + lam * w**2}

    def derivatives(lam, s):
        grad = w + s
        kinked = grad + lam * np.sign(w)
        kinked[w == 0.0] = np.nan  # the subdifferential at 0 is drawn as a segment
        return {"data": grad, "l1": kinked, "l2": grad + 2 * lam * w}

    fig, (ax_f, ax_d) = plotting.new_figure(1, 2, width=5.6, height=6.0, sharex=True)
    names = {"data": r"$\mathcal{L}(w)$", "l1": r"$\mathcal{L}(w) + \lambda|w|$",
             "l2": r"$\mathcal{L}(w) + \lambda w^2$"}
    curves, dots, ddots = {}, {}, {}
    for key in ("data", "l2", "l1"):
        style = {"color": plotting.color_of(key),
                 "ls": ":" if key == "data" else plotting.LINESTYLES[key], "lw": 2.4}
        (curves[key, "f"],) = ax_f.plot(w, np.zeros_like(w), label=names[key], **style)
        (curves[key, "d"],) = ax_d.plot(w, np.zeros_like(w), **style)
        (dots[key],) = ax_f.plot([], [], "o", color=style["color"], ms=9, zorder=5)
        (ddots[key],) = ax_d.plot([], [], "o", color=style["color"], ms=9, zorder=5)
    (segment,) = ax_d.plot([], [], color=plotting.color_of("l1"), lw=5, solid_capstyle="butt")
    for ax in (ax_f, ax_d):
        ax.axvline(0.0, color="#999999", lw=0.8, zorder=0)
        ax.tick_params(labelsize=13)
    ax_d.axhline(0.0, color="black", lw=1.0, zorder=0)
    ax_f.set(xlim=(lo, hi), ylim=(0.0, 4.0), yticks=[0, 2, 4])
    ax_d.set(ylim=(-3.0, 3.0), yticks=[-2, 0, 2], xticks=np.arange(np.ceil(lo), hi + 1e-9))
    ax_f.set_ylabel("objective", fontsize=14)
    ax_d.set_ylabel("derivative", fontsize=14)
    ax_d.set_xlabel("weight $w$", fontsize=14)
    fig.legend(handles=[curves[k, "f"] for k in ("data", "l1", "l2")],
               loc="outside lower center", ncols=3, frameon=False, fontsize=13,
               handlelength=1.6, columnspacing=1.0, handletextpad=0.4)
    title = ax_f.set_title(r"$|\mathcal{L}'(0)| \leq \lambda$", fontsize=14)  # for the layout

    def update(lam, slope):
        for key, f in objectives(lam, slope).items():
            curves[key, "f"].set_ydata(f)
        for key, d in derivatives(lam, slope).items():
            curves[key, "d"].set_ydata(d)
        for key, name in (("data", "loss"), ("l1", "l1"), ("l2", "l2")):
            m = minimizers[lam, slope][name]
            value = 0.5 * (m + slope) ** 2 + {"data": 0.0, "l1": lam * abs(m),
                                               "l2": lam * m**2}[key]
            dots[key].set_data([m], [value])
            ddots[key].set_data([m], [0.0])
        segment.set_data([0.0, 0.0], [slope - lam, slope + lam])
        at_zero = minimizers[lam, slope]["l1"] == 0.0
        relation = r"\leq" if abs(slope) <= lam else ">"
        title.set_text(rf"$|\mathcal{{L}}'(0)| {relation} \lambda$: L1 minimum "
                       + ("at 0" if at_zero else "off 0"))

    if initial is None:
        initial = preferred_initial(lam=(lams, 1.0), slope=(slopes, -0.5))
    return interactive_figure(
        fig, update, {"lam": lams, "slope": slopes}, initial=initial,
        labels={"lam": "penalty λ", "slope": "loss slope ℒ′(0)"},
        formats={"lam": "{:g}", "slope": "{:g}"},
        animated=[*curves.values(), *dots.values(), *ddots.values(), segment, title],
        dpi=dpi, colors=colors, result=res,
        alt=("Two panels, one above the other, over the weight w. Top: a dotted grey "
             "parabola, the loss L of one weight; the solid blue L plus lambda times |w|, "
             "with a kink at w = 0; the dashed vermillion L plus lambda w squared; a dot "
             "marks each minimum. Bottom: their derivatives, with the blue curve jumping at "
             "0 and a thick blue vertical segment there, the subdifferential from L'(0) "
             "minus lambda to L'(0) plus lambda; each dot sits where a derivative crosses "
             "zero. While the segment contains zero, the blue minimum stays exactly at 0 "
             "and the title says so; the vermillion minimum is at 0 only when L'(0) = 0. "
             "Sliders set lambda and the slope L'(0)."),
    )


@dataclass(frozen=True)
class SparseShares:
    """The shares of sparse 2-D lasso solutions drawn by :func:`sparse_share_explorer`.

    Attributes
    ----------
    ratios, rhos : tuple of float
        The slider positions of :math:`r = \\lambda/\\lambda_{\\max}` and of
        the correlation :math:`\\rho`.
    rho_curve : ndarray
        The fine grid of correlations of the curves.
    curves : dict
        ``{(ratio, over): shares}``, :func:`l1l2.geometry.sparse_share_2d` on
        ``rho_curve``, for ``over`` in ``("w_hat", "xty")``.
    shares : dict
        ``{(ratio, rho, over): share}`` at the slider positions.
    angles : ndarray
        Directions :math:`\\varphi` of :math:`\\hat w` (radians) for the circle.
    sparse : dict
        ``{(ratio, rho): mask}``: whether the solution is sparse when
        :math:`\\hat w` points in each direction of ``angles``.
    """

    ratios: tuple
    rhos: tuple
    rho_curve: np.ndarray
    curves: dict
    shares: dict
    angles: np.ndarray
    sparse: dict


def compute_sparse_share(*, ratios=(0.1, 0.2, 0.3, 0.5, 0.7),
                         rhos=(0.0, 0.3, 0.6, 0.8, 0.9, 0.95),
                         n_curve: int = 20, n_angles: int = 720) -> SparseShares:
    r"""How often a 2-D lasso solution has an exact zero, at every slider position.

    Two standardized features with correlation :math:`\rho`
    (:math:`X^\top X/n = \begin{pmatrix}1 & \rho\\ \rho & 1\end{pmatrix}`), the
    penalty :math:`\lambda = r\,\lambda_{\max}`, and a distribution of
    problems: the direction of the least-squares solution :math:`\hat w`
    uniform on the circle (``"w_hat"``) or that of :math:`X^\top y/n`
    (``"xty"``). Each share is exact (:func:`l1l2.geometry.sparse_share_2d`);
    the masks come from :func:`l1l2.geometry.lasso_2d`.

    Parameters
    ----------
    ratios : sequence of float
        Slider positions of :math:`r`, each in (0, 1].
    rhos : sequence of float
        Slider positions of :math:`\rho`, each in (-1, 1).
    n_curve : int
        Points of the curves over :math:`\rho \in [0, 0.95]` (at least 2).
    n_angles : int
        Directions drawn on the circle (at least 8).

    Returns
    -------
    SparseShares

    Examples
    --------
    >>> res = compute_sparse_share(ratios=(0.1, 0.3), rhos=(0.0, 0.9), n_curve=5)
    >>> round(res.shares[0.3, 0.0, "w_hat"], 4), round(res.shares[0.3, 0.9, "w_hat"], 4)
    (0.3711, 0.5496)
    """
    ratios = grid(ratios, "ratios", positive=True, high=1.0)
    rhos = grid(rhos, "rhos", low=-0.99, high=0.99)
    check_n_frames(ratios=ratios, rhos=rhos)
    n_curve = check_scalar(n_curve, "n_curve", low=2, high=MAX_CURVE_POINTS, integer=True)
    n_angles = check_scalar(n_angles, "n_angles", low=8, high=MAX_CURVE_POINTS, integer=True)
    rho_curve = np.linspace(0.0, 0.95, n_curve)
    overs = ("w_hat", "xty")
    curves = {(r, o): np.array([geometry.sparse_share_2d(x, r, over=o) for x in rho_curve])
              for r in ratios for o in overs}
    shares = {(r, x, o): geometry.sparse_share_2d(x, r, over=o)
              for r in ratios for x in rhos for o in overs}
    angles = (np.arange(n_angles) + 0.5) * (2 * np.pi / n_angles)
    u = np.column_stack([np.cos(angles), np.sin(angles)])
    sparse = {}
    for x in rhos:
        G = np.array([[1.0, x], [x, 1.0]])
        c = u @ G
        for r in ratios:
            w = geometry.lasso_2d(G, c, r * np.max(np.abs(c), axis=1))
            sparse[r, x] = np.any(w == 0, axis=1)
    return SparseShares(ratios=ratios, rhos=rhos, rho_curve=rho_curve, curves=curves,
                        shares=shares, angles=angles, sparse=sparse)


def sparse_share_explorer(*, result=None, ratios=(0.1, 0.2, 0.3, 0.5, 0.7),
                          rhos=(0.0, 0.3, 0.6, 0.8, 0.9, 0.95), n_curve: int = 20,
                          n_angles: int = 720, initial=None, dpi: float = 80,
                          colors: int = 16):
    r"""How often the contours hit a corner (chapter 11, myth C21), on sliders.

    Left: the share of 2-D lasso problems with an exact zero against the
    correlation :math:`\rho` of the two standardized features, at the
    slider's :math:`\lambda/\lambda_{\max}`, for two distributions of
    problems (direction of :math:`\hat w` uniform, solid; direction of
    :math:`X^\top y/n` uniform, dashed), with the slider's :math:`\rho`
    marked. Right: the unit circle of directions of :math:`\hat w`, each
    coloured by whether the lasso solution for it is sparse (blue) or dense
    (grey). Everything is precomputed by :func:`compute_sparse_share`.

    Parameters
    ----------
    result : SparseShares, optional
        The numbers to draw (default: computed from the other arguments).
    ratios, rhos, n_curve, n_angles
        As in :func:`compute_sparse_share`.
    initial : dict, optional
        Starting position (default ``ratio=0.3, rho=0.0`` when offered).
    dpi, colors
        Resolution and palette size of the static frames.

    Returns
    -------
    InteractiveFigure
        Parameters ``ratio`` and ``rho``; ``.result`` is the
        :class:`SparseShares` drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = sparse_share_explorer(ratios=(0.1, 0.3), rhos=(0.0, 0.9), n_curve=5)
    >>> fig_i.n_frames
    4
    """
    res = resolve(result, SparseShares, compute_sparse_share, ratios=ratios, rhos=rhos,
                  n_curve=n_curve, n_angles=n_angles)
    dpi = _check_dpi(dpi)
    blue, grey = plotting.color_of("l1"), "#9a9a9a"
    fig, (ax_c, ax_d) = plotting.new_figure(2, width=8.4, height=4.0,
                                            width_ratios=(1.5, 1.0))
    (solid,) = ax_c.plot(res.rho_curve, np.zeros_like(res.rho_curve), color=blue, lw=2.4,
                         label=r"direction of $\hat w$ uniform")
    (dashed,) = ax_c.plot(res.rho_curve, np.zeros_like(res.rho_curve), color="#555555",
                          lw=2.0, ls="--", label=r"direction of $X^\top y/n$ uniform")
    (mark,) = ax_c.plot([], [], "o", color=blue, ms=9, zorder=5)
    (mark_x,) = ax_c.plot([], [], "o", color="#555555", ms=7, zorder=5)
    ax_c.set(xlim=(-0.02, 0.98), ylim=(0.0, 1.0), xlabel=r"correlation $\rho$ of the features",
             ylabel="share of problems with an exact zero")
    ax_c.legend(loc="upper left", fontsize=10)
    title = ax_c.set_title(r"$\lambda = 0.3\,\lambda_{\max}$", fontsize=12)
    u = np.column_stack([np.cos(res.angles), np.sin(res.angles)])
    (sp_pts,) = ax_d.plot([], [], ".", color=blue, ms=5, label="sparse solution")
    (de_pts,) = ax_d.plot([], [], ".", color=grey, ms=5, label="dense solution")
    ax_d.axhline(0.0, color="#444444", lw=0.8)
    ax_d.axvline(0.0, color="#444444", lw=0.8)
    ax_d.set(xlim=(-1.3, 1.3), ylim=(-1.3, 1.3), aspect="equal", xticks=[-1, 0, 1],
             yticks=[-1, 0, 1], xlabel=r"$\hat w_1 / \|\hat w\|_2$",
             ylabel=r"$\hat w_2 / \|\hat w\|_2$")
    ax_d.grid(False)
    ax_d.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=1, fontsize=10,
                frameon=False, markerscale=3)
    note = ax_d.set_title(" ", fontsize=12)

    def update(ratio, rho):
        solid.set_ydata(res.curves[ratio, "w_hat"])
        dashed.set_ydata(res.curves[ratio, "xty"])
        mark.set_data([rho], [res.shares[ratio, rho, "w_hat"]])
        mark_x.set_data([rho], [res.shares[ratio, rho, "xty"]])
        title.set_text(rf"$\lambda = {ratio:g}\,\lambda_{{\max}}$")
        m = res.sparse[ratio, rho]
        sp_pts.set_data(u[m, 0], u[m, 1])
        de_pts.set_data(u[~m, 0], u[~m, 1])
        note.set_text(f"ρ = {rho:g}: {100 * res.shares[ratio, rho, 'w_hat']:.0f} % sparse")

    if initial is None:
        initial = preferred_initial(ratio=(res.ratios, 0.3), rho=(res.rhos, 0.0))
    return interactive_figure(
        fig, update, {"ratio": res.ratios, "rho": res.rhos}, initial=initial,
        labels={"ratio": "penalty λ/λ_max", "rho": "correlation ρ"},
        formats={"ratio": "{:g}", "rho": "{:g}"},
        animated=[solid, dashed, mark, mark_x, title, sp_pts, de_pts, note],
        dpi=dpi, colors=colors, result=res,
        alt=("Left: two curves of the share of two-feature lasso problems whose solution "
             "has an exact zero, against the correlation of the two standardized features "
             "from 0 to 0.95: a solid blue one for problems whose least-squares solution "
             "points in a uniformly random direction, which rises with the correlation, and "
             "a dashed grey one for problems whose correlations with the target point in a "
             "uniformly random direction, which falls; dots mark the slider's correlation. "
             "Right: the unit circle of directions of the least-squares solution, blue "
             "where the lasso solution is sparse and grey where it is dense; the blue arcs "
             "sit around the axes and widen as lambda grows. Sliders set lambda over "
             "lambda max and the correlation."),
    )
