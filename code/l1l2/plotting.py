"""One house style for every figure of the book.

* Colors come from the Okabe–Ito palette, which stays distinguishable under
  the common forms of color blindness, and each loss or penalty keeps **one**
  color (and one line style, so print and gray scale still work) in every
  chapter: see :data:`COLORS` and :data:`LINESTYLES`.
* Figures carry their own white background, so they stay legible when the
  website is in dark mode.
* Axes are labeled, fonts are readable at the size the site shows them.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from l1l2 import plotting
>>> plotting.use_book_style()
>>> plotting.color_of("smooth_l1")
'#009E73'
"""

from __future__ import annotations

import io
import math
import numbers
from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from ._validation import as_float_array, check_finite, check_scalar

__all__ = [
    "OKABE_ITO",
    "COLORS",
    "LINESTYLES",
    "LABELS",
    "DPI_RANGE",
    "use_book_style",
    "color_of",
    "style_of",
    "new_figure",
    "plot_curves",
    "plot_coefficient_path",
    "plot_contours_with_ball",
    "power_of_ten_markdown",
]

#: The Okabe–Ito palette (Okabe & Ito 2008), by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: One color per loss and per penalty, for the whole book. An L1 penalty and
#: the L1 loss share a color (they are the same function), and so do the
#: squared penalty and the squared loss.
COLORS = {
    "l1": OKABE_ITO["blue"],
    "l2": OKABE_ITO["vermillion"],
    "mse": OKABE_ITO["vermillion"],
    "smooth_l1": OKABE_ITO["bluish_green"],
    "huber": OKABE_ITO["reddish_purple"],
    "elastic_net": OKABE_ITO["orange"],
    "l0": OKABE_ITO["black"],
    "l2_norm": OKABE_ITO["sky_blue"],
    # chapter 3's two other robust estimators: colors shared with penalties
    # that are never drawn with them, each with its own line style
    "theil_sen": OKABE_ITO["sky_blue"],
    "biweight": OKABE_ITO["black"],
    "data": "#6b6b6b",
    "outlier": OKABE_ITO["orange"],
    "truth": OKABE_ITO["black"],
}

#: One line style per loss and penalty, so curves differ by more than color.
LINESTYLES = {
    "l1": "-",
    "l2": "--",
    "mse": "--",
    "smooth_l1": "-.",
    "huber": ":",
    "elastic_net": (0, (5, 1, 1, 1, 1, 1)),
    "l0": (0, (1, 1)),
    "l2_norm": (0, (3, 1, 1, 1)),
    "theil_sen": (0, (5, 2)),
    "biweight": (0, (3, 1, 1, 1, 1, 1)),
    "data": "-",
    "outlier": "-",
    "truth": "-",
}

#: Legend labels in the book's notation.
LABELS = {
    "l1": r"L1, $|r|$",
    "l2": r"L2, $r^2$",
    "mse": r"L2, $r^2$",
    "smooth_l1": r"smooth L1",
    "huber": r"Huber",
    "elastic_net": "elastic net",
    "l0": r"L0, $\|w\|_0$",
    "l2_norm": r"$\|w\|_2$",
    "theil_sen": "Theil–Sen",
    "biweight": "Tukey's biweight",
}

#: Matplotlib settings of the house style.
BOOK_RC = {
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(
        color=[OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green",
                                       "reddish_purple", "orange", "sky_blue", "black")]
    ),
    "lines.linewidth": 2.0,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "svg.hashsalt": "l1l2",  # deterministic ids if a figure is saved as SVG
    "path.simplify": True,
}


#: Allowed rendering resolutions (dots per inch) of every figure of the package:
#: below 20 dpi text no longer renders (FreeType fails), above 600 a frame of
#: the book's size takes hundreds of megabytes.
DPI_RANGE = (20, 600)

# Upper bounds on sizes, so that a typo (10**12 points) fails at once instead
# of allocating gigabytes or running for hours.
_MAX_POINTS = 10**6  # points of one drawn curve
_MAX_SUBPLOTS = 50  # rows or columns of axes
_MAX_INCHES = 100.0  # figure width or height
_MAX_LEVELS = 1000  # contour levels


def _check_dpi(dpi, name: str = "dpi", *, allow_none: bool = True):
    """Check a rendering resolution: ``None`` (the figure's own, when allowed)
    or a number within :data:`DPI_RANGE`; returns it as ``float`` (or None).
    The one place where a ``dpi`` argument of :mod:`l1l2` is checked."""
    if dpi is None and allow_none:
        return None
    lo, hi = DPI_RANGE
    return check_scalar(dpi, name, low=lo, high=hi)


def _check_axes(ax, name: str = "ax"):
    """``ax`` must be a matplotlib Axes (something to draw on)."""
    if not isinstance(ax, mpl.axes.Axes):
        raise ValueError(f"{name} must be a matplotlib Axes, got {type(ax).__name__}")
    return ax


def _check_bool(value, name: str) -> bool:
    """A true/false flag: ``bool`` or ``numpy.bool_`` only (not 0/1, not a string)."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r:.40}")
    return bool(value)


def _check_label(value, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {type(value).__name__}")
    return value


def _check_quad_matrix(quad_matrix, name: str = "quad_matrix") -> np.ndarray:
    """A symmetric positive definite 2x2 matrix of finite numbers, as float64."""
    A = as_float_array(quad_matrix, name, dtype=np.float64, ndim=2, finite=True)
    if A.shape != (2, 2):
        raise ValueError(f"{name} must be a symmetric positive definite 2x2 matrix, "
                         f"got shape {A.shape}")
    if not np.allclose(A, A.T) or np.any(np.linalg.eigvalsh(A) <= 0):
        raise ValueError(f"{name} must be a symmetric positive definite 2x2 matrix")
    return A


def use_book_style() -> None:
    """Apply the house style to matplotlib (call once at the top of a chapter).

    Examples
    --------
    >>> use_book_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    """
    mpl.rcParams.update(BOOK_RC)


def color_of(name: str) -> str:
    """The book's color for a loss or penalty name (``"l1"``, ``"huber"``...).

    Raises
    ------
    ValueError
        If ``name`` is not a known loss or penalty.

    Examples
    --------
    >>> color_of("l1")
    '#0072B2'
    """
    if not isinstance(name, str) or name not in COLORS:
        raise ValueError(f"name must be one of {sorted(COLORS)}, got {name!r:.40}")
    return COLORS[name]


def style_of(name: str) -> dict:
    """Keyword arguments (color, linestyle, label) for plotting ``name``.

    Examples
    --------
    >>> style_of("smooth_l1")["linestyle"]
    '-.'
    """
    color = color_of(name)
    return {"color": color, "linestyle": LINESTYLES[name], "label": LABELS.get(name, name)}


def new_figure(ncols: int = 1, nrows: int = 1, *, width: float = 7.0,
               height: float = 3.2, **kwargs):
    """A figure in the house style with ``nrows × ncols`` axes.

    Returns ``(fig, axes)`` like :func:`matplotlib.pyplot.subplots`, with a
    constrained layout. ``width`` and ``height`` are in inches.
    """
    ncols = check_scalar(ncols, "ncols", low=1, high=_MAX_SUBPLOTS, integer=True)
    nrows = check_scalar(nrows, "nrows", low=1, high=_MAX_SUBPLOTS, integer=True)
    width = check_scalar(width, "width", low=0, low_inclusive=False, high=_MAX_INCHES)
    height = check_scalar(height, "height", low=0, low_inclusive=False, high=_MAX_INCHES)
    if "dpi" in kwargs:
        kwargs["dpi"] = _check_dpi(kwargs["dpi"])
    with mpl.rc_context(BOOK_RC):
        fig, axes = plt.subplots(nrows, ncols, figsize=(width, height),
                                 layout="constrained", **kwargs)
    return fig, axes


def plot_curves(ax, x, curves: dict, *, xlabel: str, ylabel: str, legend: bool = True):
    """Plot several named curves over the same ``x`` in the book's colors.

    Parameters
    ----------
    ax : matplotlib Axes
    x : array_like, shape (m,)
    curves : dict
        ``{name: y_values}``; each name must be a key of :data:`COLORS`, each
    ``y_values`` finite, of the shape of ``x``.
    xlabel, ylabel : str
        Axis labels (required: an unlabeled axis is a bug).
    legend : bool
        Whether to draw a legend (placed where it hides the least data).

    Returns
    -------
    dict
        ``{name: Line2D}``, so that interactive figures can update the data.
    """
    _check_axes(ax)
    x = as_float_array(x, "x", ndim=1, finite=True)
    if not isinstance(curves, Mapping):
        raise ValueError(f"curves must be a dict {{name: y_values}}, got {type(curves).__name__}")
    xlabel = _check_label(xlabel, "xlabel")
    ylabel = _check_label(ylabel, "ylabel")
    legend = _check_bool(legend, "legend")
    checked = {}
    for name, values in curves.items():  # check everything before drawing anything
        if not isinstance(name, str) or name not in COLORS:
            raise ValueError(f"curves: each name must be one of {sorted(COLORS)}, "
                             f"got {name!r:.40}")
        values = as_float_array(values, f"curves[{name!r}]", finite=True)
        if values.shape != x.shape:
            raise ValueError(
                f"curves[{name!r}] must have the shape of x {x.shape}, got {values.shape}"
            )
        checked[name] = values
    lines = {}
    for name, values in checked.items():
        (lines[name],) = ax.plot(x, values, **style_of(name))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if legend:
        ax.legend(loc="best")
    return lines


def plot_coefficient_path(ax, alphas, coefs, *, feature_names=None, log_x: bool = True):
    """Plot coefficient paths ``coefs[k, j]`` against the strength ``alphas[k]``.

    Parameters
    ----------
    ax : matplotlib Axes
    alphas : array_like, shape (n_alphas,)
        Regularization strengths, all > 0 when ``log_x``.
    coefs : array_like, shape (n_alphas, n_features)
    feature_names : sequence of str, optional
        Labels written at the left end of each path.
    log_x : bool
        Log scale for the strength axis (the usual choice).

    Returns
    -------
    list of Line2D
    """
    _check_axes(ax)
    log_x = _check_bool(log_x, "log_x")
    alphas = as_float_array(alphas, "alphas", ndim=1, finite=True, allow_empty=False)
    coefs = as_float_array(coefs, "coefs", ndim=2, finite=True)
    if coefs.shape[0] != alphas.shape[0]:
        raise ValueError(
            f"coefs must have one row per alpha: alphas {alphas.shape}, coefs {coefs.shape}"
        )
    if log_x and np.any(alphas <= 0):
        raise ValueError("alphas must be > 0 on a log axis (log_x=True)")
    if feature_names is not None:
        if isinstance(feature_names, (str, bytes, Mapping)) or not hasattr(
                feature_names, "__len__") or not hasattr(feature_names, "__getitem__"):
            raise ValueError("feature_names must be a sequence of labels, one per column of "
                             f"coefs, got {type(feature_names).__name__}")
        if len(feature_names) != coefs.shape[1]:
            raise ValueError(
                f"feature_names must have one entry per column of coefs ({coefs.shape[1]}), "
                f"got {len(feature_names)}"
            )
    palette = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "reddish_purple",
                                       "orange", "sky_blue", "black")]
    styles = ["-", "--", "-.", ":"]
    lines = []
    for j in range(coefs.shape[1]):
        (line,) = ax.plot(alphas, coefs[:, j], color=palette[j % len(palette)],
                          linestyle=styles[(j // len(palette)) % len(styles)], lw=1.6)
        lines.append(line)
        if feature_names is not None:
            k = int(np.argmin(alphas))
            ax.annotate(str(feature_names[j]), (alphas[k], coefs[k, j]), fontsize=9,
                        xytext=(3, 0), textcoords="offset points", va="center",
                        color=line.get_color())
    if log_x:
        ax.set_xscale("log")
    ax.axhline(0.0, color="#888888", lw=0.8)
    ax.set_xlabel(r"regularization strength $\lambda$ (alpha)")
    ax.set_ylabel(r"coefficient $w_j$")
    return lines


def lp_ball_boundary(p: float, radius: float = 1.0, n_points: int = 400):
    """Points on the boundary of the 2-D ball ``{w : ||w||_p <= radius}``.

    For ``p < 1`` this is the (non-convex) quasi-norm ball; ``p = inf`` gives
    the square, and a large finite ``p`` a square with slightly rounded
    corners (the norm is computed without overflow or underflow for any ``p``).

    Returns
    -------
    (w1, w2) : tuple of ndarray, each of shape (n_points,)

    Examples
    --------
    >>> w1, w2 = lp_ball_boundary(1.0, radius=2.0, n_points=8)
    >>> bool(np.allclose(np.abs(w1) + np.abs(w2), 2.0))
    True
    """
    p = check_scalar(p, "p", low=0, low_inclusive=False)
    radius = check_scalar(radius, "radius", low=0)
    check_finite(np.float64(radius), "radius")
    n_points = check_scalar(n_points, "n_points", low=4, high=_MAX_POINTS, integer=True)
    theta = np.linspace(0.0, 2.0 * np.pi, n_points, endpoint=False)
    c, s = np.cos(theta), np.sin(theta)
    # a tiny p overflows the norm to inf off the axes: the points there tend to 0
    with np.errstate(over="ignore", under="ignore"):
        if np.isinf(p):
            norm = np.maximum(np.abs(c), np.abs(s))
        elif p <= 64:
            norm = (np.abs(c) ** p + np.abs(s) ** p) ** (1.0 / p)
        else:
            # |c|**p underflows for large p: scale by the larger coordinate,
            # ||(c, s)||_p = m ((|c|/m)**p + (|s|/m)**p)**(1/p), m = max(|c|, |s|)
            m = np.maximum(np.abs(c), np.abs(s))
            norm = m * ((np.abs(c) / m) ** p + (np.abs(s) / m) ** p) ** (1.0 / p)
        return radius * c / norm, radius * s / norm


def plot_contours_with_ball(ax, quad_matrix, center, *, p: float = 1.0, radius: float = 1.0,
                            levels: int = 8, extent: float = 3.0, name: str = "l1"):
    r"""Contours of a 2-D quadratic loss and an Lp ball: the sparsity picture.

    The loss is ``(w - center)^T A (w - center)`` with ``A = quad_matrix``
    (symmetric positive definite), the least-squares loss up to a constant.

    Parameters
    ----------
    ax : matplotlib Axes
    quad_matrix : array_like, shape (2, 2)
        Symmetric positive definite.
    center : array_like, shape (2,)
        The loss's minimum.
    p, radius : float
        The ball :math:`\|w\|_p \le` ``radius`` (drawn by the private ``lp_ball_boundary``).
    levels : int or array_like
        Number of contour levels (1 to 1000), or the increasing levels themselves.
    extent : float
        The drawn square is ``[-extent, extent]^2``.
    name : str
        The key of :data:`COLORS` whose color fills the ball.

    Returns
    -------
    dict with the contour set (``"contours"``), the ball's line (``"ball"``)
    and the optimum's marker (``"center"``).
    """
    _check_axes(ax)
    A = _check_quad_matrix(quad_matrix)
    c = as_float_array(center, "center", dtype=np.float64, ndim=1, finite=True)
    if c.shape != (2,):
        raise ValueError(f"center must have shape (2,), got {c.shape}")
    extent = check_scalar(extent, "extent", low=0, low_inclusive=False)
    check_finite(np.float64(extent), "extent")
    levels = _check_levels(levels)
    color = color_of(name)
    b1, b2 = lp_ball_boundary(p, radius)  # checks p and radius before anything is drawn
    g = np.linspace(-extent, extent, 201)
    if not np.all(np.diff(g) > 0):
        raise ValueError(f"extent must be large enough to span a grid, got {extent}")
    W1, W2 = np.meshgrid(g, g)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        D1, D2 = W1 - c[0], W2 - c[1]
        Z = A[0, 0] * D1**2 + 2 * A[0, 1] * D1 * D2 + A[1, 1] * D2**2
    if not np.all(np.isfinite(Z)):
        raise ValueError("quad_matrix, center and extent: the loss overflows on the drawn "
                         "square; rescale the problem")
    contours = ax.contour(W1, W2, Z, levels=levels, colors="#777777", linewidths=0.8)
    (ball,) = ax.fill(b1, b2, facecolor=color, alpha=0.25, edgecolor=color, lw=2)
    (marker,) = ax.plot(c[0], c[1], marker="o", color="black", ls="none")
    ax.set_aspect("equal")
    ax.set_xlabel(r"$w_1$")
    ax.set_ylabel(r"$w_2$")
    return {"contours": contours, "ball": ball, "center": marker}


def _check_levels(levels):
    """Contour levels: a number of levels (an int from 1 to 1000) or the
    levels themselves (a non-empty, finite, strictly increasing 1-D array)."""
    if isinstance(levels, numbers.Number) and not isinstance(levels, np.ndarray):
        return check_scalar(levels, "levels", low=1, high=_MAX_LEVELS, integer=True)
    arr = as_float_array(levels, "levels", dtype=np.float64, ndim=1, finite=True,
                         allow_empty=False)
    if arr.size > _MAX_LEVELS:
        raise ValueError(f"levels must hold at most {_MAX_LEVELS} values, got {arr.size}")
    if np.any(np.diff(arr) <= 0):
        raise ValueError("levels must be strictly increasing")
    return levels


def figure_to_png(fig, *, dpi: float | None = None) -> bytes:
    """Render a figure to PNG bytes, deterministically (no timestamp, no
    software tag), without touching pyplot's state.

    ``dpi`` is the resolution (within :data:`DPI_RANGE`; default: the figure's).

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> figure_to_png(fig)[:4]
    b'\\x89PNG'
    >>> plt.close(fig)
    """
    if not isinstance(fig, mpl.figure.Figure):
        raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    dpi = _check_dpi(dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def power_of_ten_markdown(x, digits: int = 2) -> str:
    r"""Write a number in scientific notation for the prose, as inline math.

    :math:`x = m \times 10^e` is written ``$m \times 10^{e}$`` with ``digits``
    significant digits in the mantissa :math:`m`, or ``$10^{e}$`` when
    :math:`m = 1`, so that glued results read "below :math:`10^{-8}`" rather
    than "below 1e-08". Glue the string as Markdown
    (``glue(name, IPython.display.Markdown(s))``) and cite it with
    ``{glue:md}`name:myst``` (MyST parsing, so that the dollar math renders).

    Parameters
    ----------
    x : float
        A finite non-zero number.
    digits : int
        Significant digits of the mantissa, at least 1.

    Examples
    --------
    >>> power_of_ten_markdown(3.9e7)
    '$3.9 \\times 10^{7}$'
    >>> power_of_ten_markdown(1e-8)
    '$10^{-8}$'
    >>> power_of_ten_markdown(-0.000123, digits=3)
    '$-1.23 \\times 10^{-4}$'
    """
    x = check_scalar(x, "x")
    if x == 0 or not math.isfinite(x):
        raise ValueError(f"x must be finite and non-zero (zero has no power of ten), got {x}")
    digits = check_scalar(digits, "digits", low=1, high=17, integer=True)
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    exponent = int(exponent)
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    if mantissa in ("1", "-1"):
        return f"${mantissa[:-1]}10^{{{exponent}}}$"
    return f"${mantissa} \\times 10^{{{exponent}}}$"
