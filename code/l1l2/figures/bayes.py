"""The Bayesian view: log-prior + log-likelihood = log-posterior, for a Laplace
and a Gaussian prior on two weights.

* :func:`compute_posterior` — the contours, MAP estimates and posterior means
  at every slider position (:class:`PosteriorGrids`);
* :func:`posterior_explorer` — the figure, 2 x 3 panels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import plotting, priors
from .._validation import check_scalar
from ..interactive import interactive_figure
from ..interactive._checks import axis_range, check_n_frames, grid, preferred_initial
from ._common import resolve
from ._data import prior_posterior_data

__all__ = ["PosteriorGrids", "compute_posterior", "posterior_explorer"]

_PRIORS = ("laplace", "gaussian")
#: Contour levels below the maximum: 1, 2, 3 and 4 standard deviations of a Gaussian.
_DELTAS = (0.5, 2.0, 4.5, 8.0)


def _contour_xy(x, y, z, levels):
    """The contour lines of ``z`` at each of ``levels``: one (xs, ys) pair per
    level, NaN-separated."""
    import contourpy

    gen = contourpy.contour_generator(x, y, z, line_type="ChunkCombinedNan")
    out = []
    for level in levels:
        chunks = [c for c in gen.lines(level)[0] if c is not None]
        if not chunks:
            out.append((np.array([np.nan]), np.array([np.nan])))
            continue
        pts = np.concatenate(chunks)
        out.append((pts[:, 0], pts[:, 1]))
    return out


def _segments(xs, ys):
    """The NaN-separated lines (xs, ys) as a tuple of finite (m, 2) arrays."""
    pts = np.column_stack([xs, ys])
    cut = np.flatnonzero(np.isnan(pts[:, 0]))
    pieces = np.split(pts, cut)
    return tuple(p[~np.isnan(p[:, 0])] for p in pieces if np.any(~np.isnan(p[:, 0])))


def _joined(segments):
    """The inverse of :func:`_segments`: one (xs, ys) pair, NaN-separated."""
    if not segments:
        return np.array([np.nan]), np.array([np.nan])
    gap = np.full((1, 2), np.nan)
    pts = np.concatenate([part for seg in segments for part in (gap, seg)][1:])
    return pts[:, 0], pts[:, 1]


@dataclass(frozen=True)
class PosteriorGrids:
    """The numbers of :func:`posterior_explorer`.

    Attributes
    ----------
    X, y : ndarray
        The data, :func:`prior_posterior_data`.
    scales, noise_stds : tuple of float
        The slider positions of the prior scale :math:`b = \\tau` and of :math:`\\sigma`.
    grid : ndarray
        The grid of each axis.
    least_squares : ndarray
        The least-squares estimate (1.5, 0.1).
    maps, means : dict
        ``{(prior, scale, noise_std): array([w1, w2])}`` with prior
        ``"laplace"`` or ``"gaussian"``: the MAP estimate (exact) and the
        posterior mean (trapezoidal rule on the grid).
    contours : dict
        ``{(prior, panel, scale, noise_std): levels}``, panel 0, 1, 2 for the
        log-prior, log-likelihood and log-posterior; ``levels`` holds, for each
        level max - (0.5, 2, 4.5, 8), a tuple of contour lines, (m, 2) arrays.
    """

    X: np.ndarray
    y: np.ndarray
    scales: tuple
    noise_stds: tuple
    grid: np.ndarray
    least_squares: np.ndarray
    maps: dict
    means: dict
    contours: dict


def compute_posterior(*, scales=(0.1, 0.2, 0.4, 0.8, 1.6), noise_stds=(1.0, 2.0, 3.0, 4.0),
                      n_grid: int = 161, lim=(-0.75, 2.0)) -> PosteriorGrids:
    r"""Log-prior, log-likelihood and log-posterior on a grid, for both priors.

    On :func:`prior_posterior_data`, for the Laplace prior (scale :math:`b`)
    and the Gaussian prior (scale :math:`\tau`), the log-prior, the Gaussian
    log-likelihood with noise :math:`\sigma` and their sum
    (:func:`l1l2.priors.log_posterior_grid`), as contour lines at
    :math:`\max - \{0.5, 2, 4.5, 8\}`; the MAP estimate
    (:func:`l1l2.priors.map_linear_regression`) and the posterior mean.

    Parameters
    ----------
    scales, noise_stds : sequences of positive float
        Slider positions of the prior scale (:math:`b = \tau`) and of :math:`\sigma`.
    n_grid : int
        Grid points per axis (at least 21).
    lim : (float, float)
        The range of both axes.

    Returns
    -------
    PosteriorGrids

    Examples
    --------
    >>> res = compute_posterior(scales=(0.2, 1.6), noise_stds=(1.0, 2.0), n_grid=41)
    >>> float(res.maps["laplace", 0.2, 2.0][1])   # the Laplace MAP: w2 exactly 0
    0.0
    """
    scales = grid(scales, "scales", positive=True)
    noise_stds = grid(noise_stds, "noise_stds", positive=True)
    check_n_frames(scales=scales, noise_stds=noise_stds)
    n_grid = check_scalar(n_grid, "n_grid", low=21, high=401, integer=True)
    lo, hi = axis_range(lim, "lim")
    X, y = prior_posterior_data()
    g = np.linspace(lo, hi, n_grid)
    contours, maps, means = {}, {}, {}
    seen = {}  # the log-prior does not depend on sigma, the log-likelihood on the prior

    def lines(z, key):
        if key not in seen or not np.array_equal(seen[key][0], z):
            top = float(z.max())
            levels = _contour_xy(g, g, z, [top - dl for dl in _DELTAS])
            seen[key] = (z, tuple(_segments(xs, ys) for xs, ys in levels))
        return seen[key][1]

    for pr in _PRIORS:
        for s in scales:
            for sd in noise_stds:
                lp = priors.log_posterior_grid(X, y, g, g, prior=pr, scale=s, noise_std=sd)
                contours[pr, 0, s, sd] = lines(lp.log_prior, ("prior", pr, s))
                contours[pr, 1, s, sd] = lines(lp.log_likelihood, ("likelihood", sd))
                contours[pr, 2, s, sd] = lines(lp.log_posterior, ("posterior", pr, s, sd))
                maps[pr, s, sd] = priors.map_linear_regression(
                    X, y, prior=pr, scale=s, noise_std=sd, fit_intercept=False).coef
                means[pr, s, sd] = lp.mean()
    return PosteriorGrids(X=X, y=y, scales=scales, noise_stds=noise_stds, grid=g,
                          least_squares=np.linalg.lstsq(X, y, rcond=None)[0], maps=maps,
                          means=means, contours=contours)


def posterior_explorer(*, result=None, scales=(0.1, 0.2, 0.4, 0.8, 1.6),
                       noise_stds=(1.0, 2.0, 3.0, 4.0), initial=None, n_grid: int = 161,
                       lim=(-0.75, 2.0)):
    r"""Log-prior, log-likelihood and log-posterior in 2-D, for two priors (chapter 10).

    On :func:`prior_posterior_data`, a grid of 2×3 panels: rows are the
    Laplace prior (scale :math:`b`) and the Gaussian prior (scale
    :math:`\tau`), columns the log-prior, the Gaussian log-likelihood with
    noise :math:`\sigma` and their sum, the log-posterior
    (:func:`l1l2.priors.log_posterior_grid`). Each panel draws the contours
    at :math:`\max - \{0.5, 2, 4.5, 8\}` (for a Gaussian: 1, 2, 3 and 4
    standard deviations). The posterior panels mark the MAP estimate
    (:func:`l1l2.priors.map_linear_regression`, exact) and the posterior mean
    (trapezoidal rule on the grid), all from :func:`compute_posterior`. The
    sliders set the prior scale (:math:`b = \tau`) and :math:`\sigma`; a
    slider step only moves lines.

    Parameters
    ----------
    result : PosteriorGrids, optional
        The numbers to draw, from :func:`compute_posterior` (default: computed
        from the other arguments, as there).
    scales, noise_stds : sequences of positive float
        Slider positions of the prior scale and of :math:`\sigma`.
    initial : dict, optional
        Starting position (default ``scale=0.4, noise_std=2.0`` when offered).
    n_grid : int
        Grid points per axis (at least 21).
    lim : (float, float)
        The range of both axes.

    Returns
    -------
    InteractiveFigure
        Parameters ``scale`` and ``noise_std``; ``.result`` is the
        :class:`PosteriorGrids` drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = posterior_explorer(scales=(0.2, 1.6), noise_stds=(1.0, 2.0), n_grid=41)
    >>> fig_i.n_frames
    4
    """
    res = resolve(result, PosteriorGrids, compute_posterior, scales=scales,
                  noise_stds=noise_stds, n_grid=n_grid, lim=lim)
    scales, noise_stds, w_ls = res.scales, res.noise_stds, res.least_squares
    maps, means = res.maps, res.means
    lo, hi = float(res.grid[0]), float(res.grid[-1])
    prior_names = _PRIORS
    curves = {key: [_joined(level) for level in levels] for key, levels in res.contours.items()}

    fig, axes = plotting.new_figure(3, 2, width=7.6, height=5.9, sharex=True, sharey=True)
    titles = ("log-prior", "log-likelihood", "log-posterior")
    widths = (2.2, 1.7, 1.3, 1.0)
    ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)  # whole numbers: few labels
    lines = {}
    for row, pr in enumerate(prior_names):
        color = plotting.color_of("l1" if pr == "laplace" else "l2")
        for col in range(3):
            ax = axes[row, col]
            c = plotting.color_of("data") if col == 1 else color
            for k, lw in enumerate(widths):
                (lines[pr, col, k],) = ax.plot([], [], color=c, lw=lw)
            ax.axhline(0.0, color="#bbbbbb", lw=0.7, zorder=0)
            ax.axvline(0.0, color="#bbbbbb", lw=0.7, zorder=0)
            ax.set(xlim=(lo, hi), ylim=(lo, hi), aspect="equal", xticks=ticks, yticks=ticks)
            ax.tick_params(labelsize=12)
            ax.grid(False)
            if row == 0:
                ax.set_title(titles[col], fontsize=14)
            if row == 1:
                ax.set_xlabel("$w_1$", fontsize=14)
        (ls_mark,) = axes[row, 1].plot([w_ls[0]], [w_ls[1]], "s", color="black", ms=7,
                                       label="least squares")
        (lines[pr, "map"],) = axes[row, 2].plot([], [], "x", color="black", ms=11, mew=2.4,
                                                label="MAP")
        (lines[pr, "mean"],) = axes[row, 2].plot([], [], "o", mfc="white", mec="black",
                                                 ms=9, mew=1.8, label="posterior mean")
        name = "Laplace prior" if pr == "laplace" else "Gaussian prior"
        axes[row, 0].set_ylabel(f"{name}\n$w_2$", fontsize=14)
    fig.legend(handles=[ls_mark, lines["laplace", "map"], lines["laplace", "mean"]],
               loc="outside lower center", ncols=3, frameon=False, fontsize=13,
               handletextpad=0.3, columnspacing=1.5)
    text = fig.suptitle("Laplace: MAP $w_2$ = 0, mean $w_2$ = 0.1", fontsize=14)  # layout

    def update(scale, noise_std):
        for pr in prior_names:
            for col in range(3):
                for k, (xs, ys) in enumerate(curves[pr, col, scale, noise_std]):
                    lines[pr, col, k].set_data(xs, ys)
            m, mu = maps[pr, scale, noise_std], means[pr, scale, noise_std]
            lines[pr, "map"].set_data([m[0]], [m[1]])
            lines[pr, "mean"].set_data([mu[0]], [mu[1]])
        m, mu = maps["laplace", scale, noise_std], means["laplace", scale, noise_std]
        text.set_text(f"Laplace: MAP $w_2$ = {m[1]:.3g}, mean $w_2$ = {mu[1]:.3g}")

    if initial is None:
        initial = preferred_initial(scale=(scales, 0.4), noise_std=(noise_stds, 2.0))
    return interactive_figure(
        fig, update, {"scale": scales, "noise_std": noise_stds}, initial=initial,
        labels={"scale": "prior scale b = τ", "noise_std": "noise σ"},
        formats={"scale": "{:g}", "noise_std": "{:g}"},
        animated=[*lines.values(), text], colors=16, dpi=96, result=res,
        alt=("Six panels in two rows, all with axes w1 and w2 from -0.75 to 2. Top row, "
             "Laplace prior, in blue: the log-prior's contours are nested diamonds centred at "
             "the origin; the grey log-likelihood contours are tilted ellipses around the "
             "least-squares point (a black square) at w1 = 1.5, w2 = 0.1; the log-posterior "
             "contours are their sum, ellipses pulled towards the origin and flattened with a "
             "crease along the w1 axis, with the MAP (a cross) on that axis, w2 exactly 0, "
             "and the posterior mean (a circle) off it. Bottom row, Gaussian prior, in "
             "vermillion: circles for the prior, the same ellipses, and smooth ellipses for "
             "the posterior whose MAP and mean coincide. A line of text above gives the "
             "Laplace MAP and posterior mean of w2; a legend below names the square, the "
             "cross and the circle. The sliders change the prior scale and the noise "
             "level: a smaller prior scale or a larger noise pulls the posterior further "
             "towards the origin."),
    )
