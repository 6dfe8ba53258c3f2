"""One point dragged up and down: the least-squares line glides, the
least-absolute-deviations line jumps.

* :func:`compute_drag_point` — both fits at every slider position (:class:`DragPointFits`);
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


@dataclass(frozen=True)
class DragPointFits:
    """The fits of :func:`drag_point_explorer`.

    Attributes
    ----------
    x, y : ndarray
        The data (``y`` before any offset).
    index : int
        Which point the slider moves (``0 <= index < n``).
    offsets : tuple of float
        The slider positions: offsets added to ``y[index]``.
    y_moved : ndarray
        ``y[index] + offsets``.
    ols_slopes, ols_intercepts, lad_slopes, lad_intercepts : ndarray
        The least-squares and least-absolute-deviations lines at each offset.
    """

    x: np.ndarray
    y: np.ndarray
    index: int
    offsets: tuple
    y_moved: np.ndarray
    ols_slopes: np.ndarray
    ols_intercepts: np.ndarray
    lad_slopes: np.ndarray
    lad_intercepts: np.ndarray


def compute_drag_point(x=None, y=None, *, index=None, offsets=None) -> DragPointFits:
    r"""The OLS and LAD lines as one point's :math:`y` moves.

    For each offset, ``y[index]`` is moved by it and the least-squares line
    (:func:`l1l2.linear_model.ols`) and the least-absolute-deviations line
    (:func:`l1l2.linear_model.lad_regression`) are fitted. The OLS slope is
    an affine function of :math:`y_k`; the LAD slope is piecewise constant,
    with jumps where the LAD solution is not unique.

    Parameters
    ----------
    x, y : array_like of shape (n,), optional
        The data (default: ten points near :math:`y = 1 + x/2` with noise of
        standard deviation 1.5, drawn with ``numpy.random.default_rng(41)``).
    index : int, optional
        Which point moves (default: the last one, the largest :math:`x` of
        the default data).
    offsets : sequence of float, optional
        Slider positions: offsets added to ``y[index]`` (default: 25 values
        from -6 to 6).

    Returns
    -------
    DragPointFits

    Raises
    ------
    ValueError
        For bad data, an ``index`` out of range or fewer than 2 offsets.

    Examples
    --------
    >>> fits = compute_drag_point([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 3.0],
    ...                           offsets=[0.0, 4.0])
    >>> [round(float(v), 6) for v in fits.ols_slopes], [round(float(v), 6) for v in fits.lad_slopes]
    ([1.0, 2.2], [1.0, 1.0])
    """
    if x is None and y is None:
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
    index = x.size - 1 if index is None else check_scalar(index, "index", low=-x.size,
                                                          high=x.size - 1, integer=True)
    index %= x.size
    offsets = grid(np.linspace(-6.0, 6.0, 25) if offsets is None else offsets, "offsets")
    X = x[:, None]
    fits = []
    for off in offsets:
        yy = y.copy()
        yy[index] += off
        try:
            o, lad = linear_model.ols(X, yy), linear_model.lad_regression(X, yy)
        except ValueError as exc:  # the solvers name their own arguments (X, y)
            raise ValueError(f"x, y and offsets: no line can be fitted: {exc}") from None
        fits.append((float(o.coef[0]), o.intercept, float(lad.coef[0]), lad.intercept))
    columns = np.array(fits, dtype=np.float64).T
    return DragPointFits(x=x.copy(), y=y.copy(), index=int(index), offsets=offsets,
                         y_moved=y[index] + np.array(offsets), ols_slopes=columns[0],
                         ols_intercepts=columns[1], lad_slopes=columns[2],
                         lad_intercepts=columns[3])


def drag_point_explorer(x=None, y=None, *, index=None, offsets=None, result=None):
    r"""Drag one point's :math:`y`; the OLS line glides, the LAD line jumps (chapter 3).

    Left panel: the data, the dragged point (orange), the least-squares line
    and the least-absolute-deviations line of :func:`compute_drag_point`.
    Right panel: the slope of each line as a function of the dragged point's
    :math:`y`, over all slider positions, with markers at the current one. A
    slider step only moves artists.

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
    x, y, index, offsets, y_moved = res.x, res.y, res.index, res.offsets, res.y_moved
    pos = {off: j for j, off in enumerate(offsets)}
    slopes = {"l2": res.ols_slopes, "l1": res.lad_slopes}
    intercepts = {"l2": res.ols_intercepts, "l1": res.lad_intercepts}
    x_line = np.array([x.min() - 0.5, x.max() + 0.5])
    fig, (ax, ax_slope) = plotting.new_figure(2, width=8.6, height=3.6)
    others = np.arange(x.size) != index
    ax.scatter(x[others], y[others], s=28, color=plotting.color_of("data"), zorder=3,
               label="data")
    start = 0.0 if 0.0 in pos else offsets[len(offsets) // 2]
    (point,) = ax.plot([x[index]], [y[index] + start], "o", ms=9,
                       color=plotting.color_of("outlier"), label="dragged point", zorder=4)
    lines, marks = {}, {}
    names = {"l2": "OLS (L2)", "l1": "LAD (L1)"}
    for name in ("l2", "l1"):
        w, b = float(slopes[name][pos[start]]), float(intercepts[name][pos[start]])
        style = plotting.style_of(name)
        (lines[name],) = ax.plot(x_line, w * x_line + b, color=style["color"],
                                 linestyle=style["linestyle"], label=names[name])
        ax_slope.plot(y_moved, [float(v) for v in slopes[name]], color=style["color"],
                      linestyle=style["linestyle"], marker=".", ms=4, label=names[name])
        (marks[name],) = ax_slope.plot([y[index] + start], [w], "o", ms=8,
                                       color=style["color"])
    ax.set(xlabel="$x$", ylabel="$y$", xlim=x_line,
           ylim=(min(y.min(), y_moved.min()) - 1, max(y.max(), y_moved.max()) + 1))
    ax.set_title("data and fitted lines")
    ax_slope.set(xlabel="$y$ of the dragged point", ylabel="fitted slope $w$")
    ax_slope.set_title("slope against the dragged point")
    vline = ax_slope.axvline(y[index] + start, color=plotting.color_of("outlier"), lw=1,
                             ls=":")
    fig.legend(handles=[lines["l2"], lines["l1"], point], loc="outside lower center",
               ncols=3, frameon=False)

    def update(offset):
        yk = y[index] + offset
        point.set_ydata([yk])
        for name in ("l2", "l1"):
            w, b = float(slopes[name][pos[offset]]), float(intercepts[name][pos[offset]])
            lines[name].set_ydata(w * x_line + b)
            marks[name].set_data([yk], [w])
        vline.set_xdata([yk, yk])

    return interactive_figure(
        fig, update, {"offset": offsets}, initial={"offset": start},
        labels={"offset": "move the orange point by"}, formats={"offset": "{:+g}"},
        animated=[point, *lines.values(), *marks.values(), vline], result=res,
        alt=("Left: ten data points, one of them orange, with the least-squares line "
             "(dashed vermillion) and the least-absolute-deviations line (solid blue). "
             "Right: the slope of each line against the orange point's y. The least-squares "
             "slope rises along a straight line; the LAD slope is flat over long stretches "
             "and jumps between neighbouring positions."),
    )
