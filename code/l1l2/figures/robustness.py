"""One point dragged sideways: the least-squares line moves smoothly, the
least-absolute-deviations line can jump.

* :func:`compute_drag_point` — both fits at every slider position, and the
  jump of the LAD line with its set of solutions there (:class:`DragPointFits`);
* :func:`drag_point_explorer` — the figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import linear_model, plotting
from .._validation import as_float_array, check_scalar
from ..interactive import interactive_figure
from ..interactive._checks import grid
from ._common import resolve

__all__ = ["DragPointFits", "compute_drag_point", "drag_point_explorer"]

MAX_POINTS = 500  # the exact check enumerates the n (n - 1) / 2 lines through two points
_N_CANDIDATES = 3  # slider intervals searched for a jump, largest slope change first
_RTOL = 1e-9  # relative tolerance of "optimal" and of "the slope still differs"


@dataclass(frozen=True)
class DragPointFits:
    """The fits of :func:`drag_point_explorer`.

    Attributes
    ----------
    x, y : ndarray
        The data (``x`` before any offset).
    index : int
        Which point the slider moves (``0 <= index < n``).
    offsets : tuple of float
        The slider positions: offsets added to ``x[index]``.
    x_moved : ndarray
        ``x[index] + offsets``.
    ols_slopes, ols_intercepts, lad_slopes, lad_intercepts : ndarray
        The least-squares and least-absolute-deviations lines at each offset
        (:func:`l1l2.linear_model.ols`, :func:`l1l2.linear_model.lad_regression`).
    jump_bracket : tuple of float or None
        Two values of ``x[index]``, adjacent or nearly adjacent floating-point
        numbers, across which ``lad_regression``'s slope still jumps (found
        by bisection between two neighbouring slider positions); None if no
        jump was found.
    jump_x : float or None
        The exact position of the jump: the value of ``x[index]`` at which
        the LAD solution is not unique, computed from the lines through two
        data points; None if no jump was found.
    jump_slopes : tuple of float or None
        The LAD slope just left and just right of ``jump_x`` (the limits of
        the jump); None if no jump was found.
    jump_lines : ndarray of shape (m, 2)
        The vertices of the set of LAD solutions at ``jump_x``, as
        ``(intercept, slope)`` rows sorted by slope: the optimal lines through
        two data points. Every convex combination of them is optimal too.
        Empty (``m = 0``) if no jump was found.
    """

    x: np.ndarray
    y: np.ndarray
    index: int
    offsets: tuple
    x_moved: np.ndarray
    ols_slopes: np.ndarray
    ols_intercepts: np.ndarray
    lad_slopes: np.ndarray
    lad_intercepts: np.ndarray
    jump_bracket: tuple | None
    jump_x: float | None
    jump_slopes: tuple | None
    jump_lines: np.ndarray


def _pair_lines(x, y):
    """Every line through two data points with different x: (i, j, intercepts,
    slopes, total absolute residuals). Some LAD solution is such a line (a
    vertex of the linear program), so the best of them is a LAD solution."""
    i, j = np.triu_indices(x.size, 1)
    keep = x[i] != x[j]
    i, j = i[keep], j[keep]
    with np.errstate(all="ignore"):
        w = (y[j] - y[i]) / (x[j] - x[i])
        b = y[i] - w * x[i]
        obj = np.empty(w.size)
        for start in range(0, w.size, 4096):  # bounded memory
            sl = slice(start, start + 4096)
            obj[sl] = np.abs(y[None, :] - b[sl, None] - w[sl, None] * x[None, :]).sum(axis=1)
    ok = np.isfinite(w) & np.isfinite(b) & np.isfinite(obj)
    return i[ok], j[ok], b[ok], w[ok], obj[ok]


def _moved(x, index, xk):
    xx = x.copy()
    xx[index] = xk
    return xx


def _pair_objective(x, y, pair, index, xk):
    """Total absolute residual of the line through the points ``pair`` when
    ``x[index] = xk``."""
    xx = _moved(x, index, xk)
    i, j = pair
    w = (y[j] - y[i]) / (xx[j] - xx[i])
    return float(np.abs(y - (y[i] - w * xx[i]) - w * xx).sum())


def _bisect(f, lo, hi, f_lo, f_hi, tol):
    """Halve [lo, hi] while ``f`` differs by more than ``tol`` at its ends,
    keeping the half where it differs more; stop at adjacent floats."""
    while abs(f_hi - f_lo) > tol:
        mid = 0.5 * (lo + hi)
        if not lo < mid < hi:
            break
        f_mid = f(mid)
        if f_mid is None:
            return None
        if abs(f_mid - f_lo) >= abs(f_hi - f_mid):
            hi, f_hi = mid, f_mid
        else:
            lo, f_lo = mid, f_mid
    return lo, hi, f_lo, f_hi


def _exact_jump(x, y, index, lo, hi, tol):
    """The exact place of a jump bracketed by ``lo < hi``, from the lines
    through two points: ((left, right) slopes, x, optimal vertex lines)."""
    from scipy.optimize import brentq

    pad = 1e-6 * (1.0 + abs(lo))
    sides = []
    for xk in (lo - pad, hi + pad):
        i, j, _, w, obj = _pair_lines(_moved(x, index, xk), y)
        if obj.size == 0:
            return None
        best = int(np.argmin(obj))
        sides.append(((int(i[best]), int(j[best])), float(w[best])))
    (left, w_left), (right, w_right) = sides
    if abs(w_right - w_left) <= tol:
        return None

    def gap(xk):
        return (_pair_objective(x, y, left, index, xk)
                - _pair_objective(x, y, right, index, xk))

    with np.errstate(all="ignore"):
        g_a, g_c = gap(lo - pad), gap(hi + pad)
        if not (np.isfinite(g_a) and np.isfinite(g_c)) or g_a * g_c > 0:
            return None
        x_jump = float(brentq(gap, lo - pad, hi + pad, xtol=1e-15, rtol=8.9e-16))
    xx = _moved(x, index, x_jump)
    i, j, b, w, obj = _pair_lines(xx, y)
    best = obj <= obj.min() * (1 + _RTOL) + 1e-300
    lines = np.unique(np.column_stack([b[best], w[best]]), axis=0)
    lines = lines[np.argsort(lines[:, 1], kind="stable")]
    slope = {p: float((y[p[1]] - y[p[0]]) / (xx[p[1]] - xx[p[0]])) for p in (left, right)}
    return (slope[left], slope[right]), x_jump, lines


def _locate_jump(x, y, index, x_moved, lad_slopes):
    """(bracket, exact x, (left, right) slopes, optimal vertex lines) of the
    jump, or None."""
    tol = _RTOL * (1.0 + float(np.max(np.abs(lad_slopes))))
    steps = np.abs(np.diff(lad_slopes))

    def highs_slope(xk):
        try:
            fit = linear_model.lad_regression(_moved(x, index, xk)[:, None], y)
        except ValueError:
            return None
        return float(fit.coef[0])

    for j in np.argsort(-steps, kind="stable")[:_N_CANDIDATES]:
        if steps[j] <= tol:
            break
        ends = sorted([(float(x_moved[j]), float(lad_slopes[j])),
                       (float(x_moved[j + 1]), float(lad_slopes[j + 1]))])
        found = _bisect(highs_slope, ends[0][0], ends[1][0], ends[0][1], ends[1][1], tol)
        if found is None or abs(found[3] - found[2]) <= 1e3 * tol:
            continue  # a steep but continuous stretch
        exact = _exact_jump(x, y, index, found[0], found[1], tol)
        if exact is None or exact[2].shape[0] < 2:
            continue
        return (found[0], found[1]), exact[1], exact[0], exact[2]
    return None


def compute_drag_point(x=None, y=None, *, index=None, offsets=None) -> DragPointFits:
    r"""The OLS and LAD lines as one point's :math:`x` moves.

    For each offset, ``x[index]`` is moved by it and the least-squares line
    (:func:`l1l2.linear_model.ols`) and the least-absolute-deviations line
    (:func:`l1l2.linear_model.lad_regression`) are fitted. The OLS slope is
    a smooth function of :math:`x_k`; the LAD slope can jump, where the LAD
    solution is not unique.

    The jump is looked for between neighbouring slider positions (the three
    with the largest LAD slope change, largest first): bisection in
    :math:`x_k` with ``lad_regression`` until the bracket's ends are adjacent
    floating-point numbers; a slope difference that survives is a jump. Its
    exact place and the set of solutions there come from the lines through
    two data points, since some LAD solution is such a line (a vertex of the
    linear program).

    Parameters
    ----------
    x, y : array_like of shape (n,), optional
        The data, ``3 <= n <= 500`` (default: ten points near
        :math:`y = 1 + x/2` with noise of standard deviation 1.5, drawn with
        ``numpy.random.default_rng(41)``).
    index : int, optional
        Which point moves (default: the last one, the largest :math:`x` of
        the default data).
    offsets : sequence of float, optional
        Slider positions: offsets added to ``x[index]`` (default: 25 values
        from -2 to 1 and, for the default data, the offset of the jump).

    Returns
    -------
    DragPointFits

    Raises
    ------
    ValueError
        For bad data, an ``index`` out of range or fewer than 2 offsets.

    Examples
    --------
    The last point moved to x = 0 and to x = 7 (both LAD fits are unique: the
    line y = x, then the line through (1, 1) and (7, 3)):

    >>> fits = compute_drag_point([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 3.0],
    ...                           offsets=[-3.0, 4.0])
    >>> [round(float(v), 6) for v in fits.lad_slopes], fits.jump_x
    ([1.0, 0.333333], None)
    """
    default = x is None and y is None
    if default:
        rng = np.random.default_rng(41)
        x = np.sort(rng.uniform(0.0, 10.0, 10))
        y = 1.0 + 0.5 * x + rng.normal(0.0, 1.5, 10)
    elif x is None or y is None:
        raise ValueError("x and y must be given together")
    x = as_float_array(x, "x", dtype=np.float64, ndim=1, finite=True, allow_empty=False)
    y = as_float_array(y, "y", dtype=np.float64, ndim=1, finite=True, allow_empty=False)
    if x.shape != y.shape or x.size < 3:
        raise ValueError(f"x and y must have the same shape (n,) with n >= 3, got {x.shape} "
                         f"and {y.shape}")
    if x.size > MAX_POINTS:
        raise ValueError(f"x and y: at most {MAX_POINTS} points, got {x.size}")
    index = x.size - 1 if index is None else check_scalar(index, "index", low=-x.size,
                                                          high=x.size - 1, integer=True)
    index %= x.size
    add_jump = offsets is None and default
    offsets = grid(np.linspace(-2.0, 1.0, 25) if offsets is None else offsets, "offsets")

    def fit_at(off):
        xx = x.copy()
        xx[index] += off
        try:
            o = linear_model.ols(xx[:, None], y)
            lad = linear_model.lad_regression(xx[:, None], y)
        except ValueError as exc:  # the solvers name their own arguments (X, y)
            raise ValueError(f"x, y and offsets: no line can be fitted: {exc}") from None
        return float(o.coef[0]), o.intercept, float(lad.coef[0]), lad.intercept

    columns = np.array([fit_at(off) for off in offsets], dtype=np.float64).T
    x_moved = x[index] + np.array(offsets)
    if not np.all(np.isfinite(columns)) or not np.all(np.isfinite(x_moved)):
        raise ValueError("x, y and offsets: the fitted lines overflow")
    jump = _locate_jump(x, y, index, x_moved, columns[2])
    if jump is not None and add_jump:  # the default grid shows the jump itself
        off = jump[1] - float(x[index])
        at = int(np.searchsorted(offsets, off))
        offsets = (*offsets[:at], off, *offsets[at:])
        columns = np.insert(columns, at, fit_at(off), axis=1)
        x_moved = x[index] + np.array(offsets)
    bracket, x_jump, sides, lines = jump if jump is not None else (None, None, None,
                                                                  np.zeros((0, 2)))
    return DragPointFits(x=x.copy(), y=y.copy(), index=int(index), offsets=offsets,
                         x_moved=x_moved, ols_slopes=columns[0],
                         ols_intercepts=columns[1], lad_slopes=columns[2],
                         lad_intercepts=columns[3], jump_bracket=bracket, jump_x=x_jump,
                         jump_slopes=sides, jump_lines=lines)


def drag_point_explorer(x=None, y=None, *, index=None, offsets=None, result=None):
    r"""Drag one point's :math:`x`; the OLS line moves smoothly, the LAD line
    jumps (chapter 3).

    Left panel: the data, the dragged point (orange), the least-squares line
    and the least-absolute-deviations line of :func:`compute_drag_point`; at
    the slider position of the jump (if it is one), the band swept by all the
    LAD solutions there. Right panel: the slope of each line against the
    dragged point's :math:`x`, over all slider positions, with markers at the
    current one; at the jump, a vertical bar spans the slopes of all the LAD
    solutions. A slider step only moves artists.

    Parameters
    ----------
    x, y, index, offsets
        As in :func:`compute_drag_point`.
    result : DragPointFits, optional
        The fits to draw, from :func:`compute_drag_point` (default: computed
        from the other arguments).

    Returns
    -------
    InteractiveFigure
        With ``.result``, the :class:`DragPointFits` drawn.
    """
    res = resolve(result, DragPointFits, compute_drag_point, x=x, y=y, index=index,
                  offsets=offsets)
    x, y, index, offsets, x_moved = res.x, res.y, res.index, res.offsets, res.x_moved
    pos = {off: j for j, off in enumerate(offsets)}
    slopes = {"l2": res.ols_slopes, "l1": res.lad_slopes}
    intercepts = {"l2": res.ols_intercepts, "l1": res.lad_intercepts}
    lo = min(x.min(), x_moved.min()) - 0.5
    hi = max(x.max(), x_moved.max()) + 0.5
    x_line = np.linspace(lo, hi, 2)
    fig, (ax, ax_slope) = plotting.new_figure(2, width=8.6, height=3.8)
    others = np.arange(x.size) != index
    ax.scatter(x[others], y[others], s=28, color=plotting.color_of("data"), zorder=3,
               label="data")
    start = 0.0 if 0.0 in pos else offsets[len(offsets) // 2]
    (point,) = ax.plot([x[index] + start], [y[index]], "o", ms=9,
                       color=plotting.color_of("outlier"), label="dragged point", zorder=4)
    blue = plotting.color_of("l1")
    at_jump = None
    if res.jump_x is not None:
        near = np.abs(x_moved - res.jump_x) <= 1e-9 * (1.0 + abs(res.jump_x))
        if near.any():
            at_jump = offsets[int(np.argmax(near))]
    band = None
    if at_jump is not None:  # all LAD solutions at the jump: a band of lines
        grid_x = np.linspace(lo, hi, 50)
        vals = res.jump_lines[:, :1] + res.jump_lines[:, 1:] * grid_x[None, :]
        band = ax.fill_between(grid_x, vals.min(axis=0), vals.max(axis=0), color=blue,
                               alpha=0.2, lw=0, label="all LAD solutions at the jump")
        band.set_visible(start == at_jump)
    lines, marks = {}, {}
    names = {"l2": "OLS (L2)", "l1": "LAD (L1)"}
    for name in ("l2", "l1"):
        w, b = float(slopes[name][pos[start]]), float(intercepts[name][pos[start]])
        style = plotting.style_of(name)
        (lines[name],) = ax.plot(x_line, w * x_line + b, color=style["color"],
                                 linestyle=style["linestyle"], label=names[name])
        (marks[name],) = ax_slope.plot([x[index] + start], [w], "o", ms=8,
                                       color=style["color"], zorder=4)
    style = plotting.style_of("l2")
    ax_slope.plot(x_moved, slopes["l2"], color=style["color"], linestyle=style["linestyle"],
                  marker=".", ms=4)
    style = plotting.style_of("l1")
    if res.jump_x is None:
        pieces = [(x_moved, slopes["l1"])]
    else:  # break the LAD curve at the jump, ending each side at its limit
        left, right = x_moved < res.jump_x, x_moved > res.jump_x
        if at_jump is not None:
            left[pos[at_jump]] = right[pos[at_jump]] = False
        pieces = [(np.append(x_moved[left], res.jump_x),
                   np.append(slopes["l1"][left], res.jump_slopes[0])),
                  (np.insert(x_moved[right], 0, res.jump_x),
                   np.insert(slopes["l1"][right], 0, res.jump_slopes[1]))]
        ax_slope.vlines(res.jump_x, res.jump_lines[:, 1].min(), res.jump_lines[:, 1].max(),
                        color=blue, lw=4, alpha=0.35, label="all LAD slopes at the jump")
    for px, py in pieces:
        ax_slope.plot(px, py, color=style["color"], linestyle=style["linestyle"],
                      marker=".", ms=4)
    ax.set(xlabel="$x$", ylabel="$y$", xlim=(lo, hi),
           ylim=(y.min() - 1.5, y.max() + 1.5))
    ax.set_title("data and fitted lines")
    ax_slope.set(xlabel="$x$ of the dragged point", ylabel="fitted slope $w$")
    ax_slope.set_title("slope against the dragged point's $x$")
    vline = ax_slope.axvline(x[index] + start, color=plotting.color_of("outlier"), lw=1,
                             ls=":")
    handles = [lines["l2"], lines["l1"], point] + ([band] if band is not None else [])
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
               frameon=False)

    def update(offset):
        xk = x[index] + offset
        point.set_xdata([xk])
        for name in ("l2", "l1"):
            w, b = float(slopes[name][pos[offset]]), float(intercepts[name][pos[offset]])
            lines[name].set_ydata(w * x_line + b)
            marks[name].set_data([xk], [w])
        vline.set_xdata([xk, xk])
        if band is not None:
            band.set_visible(offset == at_jump)

    animated = [point, *lines.values(), *marks.values(), vline]
    if band is not None:
        animated.append(band)
    return interactive_figure(
        fig, update, {"offset": offsets}, initial={"offset": start},
        labels={"offset": "move the orange point right by"},
        formats={"offset": "{:+.4g}"}, animated=animated, result=res,
        alt=("Left: ten data points, one of them orange, with the least-squares line "
             "(dashed vermillion) and the least-absolute-deviations line (solid blue); "
             "the slider moves the orange point left and right. Right: the slope of each "
             "line against the orange point's x. The least-squares slope changes "
             "smoothly; the LAD slope is flat, then jumps up at one value of x, where a "
             "vertical bar marks the whole range of optimal slopes and the left panel "
             "shades the band of all optimal lines, and then falls steeply but "
             "continuously."),
    )
