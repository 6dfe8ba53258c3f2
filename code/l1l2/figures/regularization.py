"""Regularization at work: overfitting a polynomial and ridge's cure, ridge's
shrinkage direction by direction, and the elastic net on a correlated pair.

* :func:`compute_overfit` / :func:`overfit_explorer` — polynomial ridge fits,
  degree and λ on sliders (:class:`OverfitCurves`);
* :func:`compute_ridge_shrinkage` / :func:`ridge_shrinkage_explorer` — the
  shrinkage factor of each principal direction (:class:`RidgeShrinkage`);
* :func:`compute_elastic_net` / :func:`elastic_net_explorer` — the elastic net
  keeps a correlated pair, the lasso picks one (:class:`ElasticNetFits`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import datasets, linear_model, plotting, selection
from .._validation import check_scalar, check_X_y
from ..interactive import interactive_figure
from ..interactive._checks import MAX_DEGREE, MAX_SAMPLES, check_n_frames, grid
from ._common import resolve
from ._data import correlated_pair_data

__all__ = ["OverfitCurves", "compute_overfit", "overfit_explorer", "RidgeShrinkage",
           "compute_ridge_shrinkage", "ridge_shrinkage_explorer", "ElasticNetFits",
           "compute_elastic_net", "elastic_net_explorer"]


@dataclass(frozen=True)
class OverfitCurves:
    """The fits of :func:`overfit_explorer`.

    Attributes
    ----------
    degrees, alphas : tuple
        The slider positions (``int`` degrees, ``float`` strengths λ).
    x_train, y_train, x_val, y_val : ndarray
        The training and validation points.
    grid, truth : ndarray
        301 points of [0, 1] and the true function on them.
    fits : dict
        ``{(degree, alpha): ndarray}``, the fitted polynomial on ``grid``.
    train_mse, val_mse : dict
        ``{(degree, alpha): float}``, the training and validation MSE.
    fine_alphas : ndarray
        The λ of the drawn validation curves (41, log-spaced).
    train_curves, val_curves : dict
        ``{degree: ndarray}``, the MSE at each of ``fine_alphas``.
    """

    degrees: tuple
    alphas: tuple
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    grid: np.ndarray
    truth: np.ndarray
    fits: dict
    train_mse: dict
    val_mse: dict
    fine_alphas: np.ndarray
    train_curves: dict
    val_curves: dict


def compute_overfit(*, degrees=(1, 2, 3, 5, 7, 9, 12, 15),
                    alphas=(1e-8, 1e-3, 1e-2, 0.1, 1.0, 10.0), n_samples: int = 30,
                    noise_std: float = 0.3, seed: int = 0) -> OverfitCurves:
    """Polynomial ridge fits for every degree and λ, with their errors.

    The data are :func:`l1l2.datasets.make_polynomial_data` (``n_samples``
    points, split two thirds for training, one third for validation by
    :func:`l1l2.datasets.train_validation_split`). Features are the Legendre
    polynomials of :func:`l1l2.selection.polynomial_features` and every fit is
    :func:`l1l2.linear_model.ridge` with strength λ (``alpha``).

    Parameters
    ----------
    degrees : sequence of int
        Slider positions for the degree (each at least 1).
    alphas : sequence of float
        Slider positions for λ (each > 0, for the log axis).
    n_samples : int
        Number of data points (at least 6).
    noise_std : float
        :math:`\\sigma` of the data (at most 1000).
    seed : int
        Seed of the data and of the split.

    Returns
    -------
    OverfitCurves

    Examples
    --------
    >>> res = compute_overfit(degrees=(1, 9), alphas=(1e-8, 1.0))
    >>> res.train_mse[9, 1e-8] < res.train_mse[1, 1e-8]   # more degrees fit the points
    True
    """
    n_samples = check_scalar(n_samples, "n_samples", low=6, high=MAX_SAMPLES, integer=True)
    noise_std = check_scalar(noise_std, "noise_std", low=0, high=1000)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    degrees = grid(degrees, "degrees", low=1, high=MAX_DEGREE, integer=True)
    alphas = grid(alphas, "alphas", positive=True)
    check_n_frames(degrees=degrees, alphas=alphas)
    data = datasets.make_polynomial_data(n_samples, noise_std=noise_std, seed=seed)
    x_tr, x_va, y_tr, y_va = datasets.train_validation_split(
        data.x, data.y, validation_fraction=1 / 3, seed=seed)
    points = np.linspace(0.0, 1.0, 301)
    fine = np.geomspace(min(alphas) / 3, max(alphas) * 3, 41)
    train_curves, val_curves, fits, val_mse, train_mse = {}, {}, {}, {}, {}
    for d in degrees:
        F_tr, F_va = (selection.polynomial_features(x, d) for x in (x_tr, x_va))
        F_grid = selection.polynomial_features(points, d)
        train_curves[d], val_curves[d] = selection.validation_curve(F_tr, y_tr, F_va, y_va,
                                                                    fine)
        tr, va = selection.validation_curve(F_tr, y_tr, F_va, y_va, alphas)
        for a, t, v in zip(alphas, tr, va, strict=True):
            fit = linear_model.ridge(F_tr, y_tr, a)
            fits[d, a] = F_grid @ fit.coef + fit.intercept
            train_mse[d, a], val_mse[d, a] = float(t), float(v)
    return OverfitCurves(degrees=degrees, alphas=alphas, x_train=x_tr, y_train=y_tr,
                         x_val=x_va, y_val=y_va, grid=points, truth=data.truth(points),
                         fits=fits, train_mse=train_mse, val_mse=val_mse, fine_alphas=fine,
                         train_curves=train_curves, val_curves=val_curves)


def overfit_explorer(*, result=None, degrees=(1, 2, 3, 5, 7, 9, 12, 15),
                     alphas=(1e-8, 1e-3, 1e-2, 0.1, 1.0, 10.0), initial=None,
                     n_samples: int = 30, noise_std: float = 0.3, seed: int = 0):
    """A polynomial ridge fit, with the degree and λ on sliders (chapter 5).

    Left panel: training points, validation points, the true function and the
    fitted polynomial of :func:`compute_overfit` for the chosen degree and λ.
    Right panel: the training and validation MSE of the chosen degree against
    λ (a fine grid, log axes), with markers at the chosen λ. A slider step
    moves three lines, two markers and the title.

    Parameters
    ----------
    result : OverfitCurves, optional
        The fits to draw, from :func:`compute_overfit` (default: computed from
        the other arguments, as there).
    degrees, alphas, n_samples, noise_std, seed
        As in :func:`compute_overfit`.
    initial : dict, optional
        Starting position (default: the highest degree and the smallest λ).

    Returns
    -------
    InteractiveFigure
        Parameters ``degree`` and ``alpha``; ``.result`` is the
        :class:`OverfitCurves` drawn.
    """
    res = resolve(result, OverfitCurves, compute_overfit, degrees=degrees, alphas=alphas,
                  n_samples=n_samples, noise_std=noise_std, seed=seed)
    degrees, alphas, fine = list(res.degrees), list(res.alphas), res.fine_alphas
    curves = {d: (res.train_curves[d], res.val_curves[d]) for d in degrees}
    fits, train_mse, val_mse = res.fits, res.train_mse, res.val_mse
    # Sized for phones too: default font sizes at 90 dpi in a 7.2-inch-wide
    # figure, short titles, one legend below the panels where it hides no data
    fig, (ax_fit, ax_cv) = plotting.new_figure(2, width=7.2, height=4.0)
    red = plotting.color_of("l2")
    ax_fit.plot(res.grid, res.truth, color=plotting.color_of("truth"), lw=1.5,
                label=r"truth $\sin(2\pi x)$")
    ax_fit.plot(res.x_train, res.y_train, "o", color=plotting.color_of("data"), ms=5,
                label="training points")
    ax_fit.plot(res.x_val, res.y_val, "s", color=plotting.color_of("outlier"), ms=5,
                mfc="none", mew=1.5, label="validation points")
    (fit_line,) = ax_fit.plot(res.grid, fits[degrees[0], alphas[0]], color=red, lw=2,
                              label="ridge fit")
    ax_fit.set(xlim=(0, 1), ylim=(-2.2, 2.2), xlabel="input $x$", ylabel="target $y$")
    top = max(max(c[1].max() for c in curves.values()), 1.0)
    bottom = min(min(c[0].min() for c in curves.values()), 0.01)
    (tr_line,) = ax_cv.plot(fine, curves[degrees[0]][0], color=plotting.color_of("data"),
                            lw=2, label="training MSE")
    (va_line,) = ax_cv.plot(fine, curves[degrees[0]][1], color=red, ls="--", lw=2,
                            label="validation MSE")
    (tr_mark,) = ax_cv.plot([alphas[0]], [1.0], "o", color=plotting.color_of("data"), ms=7)
    (va_mark,) = ax_cv.plot([alphas[0]], [1.0], "s", color=red, ms=7)
    text = ax_cv.set_title("degree 00, λ = 0e+00\nMSE: training 0.0000, validation 0.000",
                           fontsize=11)  # a placeholder of the right size for the layout
    ax_cv.set(xscale="log", yscale="log", xlim=(fine[0], fine[-1]),
              ylim=(bottom / 2, top * 3), xlabel=r"ridge strength $\lambda$ (log scale)",
              ylabel="mean squared error (log scale)")
    fig.legend(handles=[*ax_fit.lines, tr_line, va_line], loc="outside lower center",
               ncols=3)

    def update(degree, alpha):
        fit_line.set_ydata(fits[degree, alpha])
        tr_line.set_ydata(curves[degree][0])
        va_line.set_ydata(curves[degree][1])
        tr_mark.set_data([alpha], [train_mse[degree, alpha]])
        va_mark.set_data([alpha], [val_mse[degree, alpha]])
        text.set_text(f"degree {degree}, λ = {alpha:.0e}\nMSE: training "
                      f"{train_mse[degree, alpha]:.2g}, validation "
                      f"{val_mse[degree, alpha]:.2g}")

    if initial is None:
        initial = {"degree": max(degrees), "alpha": min(alphas)}
    return interactive_figure(
        fig, update, {"degree": degrees, "alpha": alphas}, initial=initial,
        labels={"degree": "degree", "alpha": "λ"},
        formats={"degree": "{:d}", "alpha": "{:.0e}"},
        animated=[fit_line, tr_line, va_line, tr_mark, va_mark, text], colors=16, dpi=90,
        result=res,
        alt=("Two panels. Left: grey training points and orange validation squares around "
             "the black curve sin(2 pi x) on x from 0 to 1, and a vermillion polynomial fit; "
             "at high degree and tiny lambda the fit passes through the training points and "
             "swings wildly between them, at large lambda it flattens towards a horizontal "
             "line. Right: on log axes against lambda, the training error (grey, rising "
             "with lambda) and the validation error (vermillion dashed, U-shaped for high "
             "degrees) of the chosen degree, with markers at the chosen lambda and a title "
             "giving both errors."),
    )


_DEFAULT_LAMBDAS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0,
                    20.0, 50.0, 100.0)


@dataclass(frozen=True)
class RidgeShrinkage:
    r"""The numbers of :func:`ridge_shrinkage_explorer`.

    Attributes
    ----------
    lambdas : tuple of float
        The slider positions of λ.
    d2 : ndarray
        The squared singular values :math:`d_j^2` of the centred ``X``, decreasing.
    coords : ndarray
        :math:`u_j^\top y`, the least-squares fit's coordinates.
    factors : dict
        ``{lambda: ndarray}``, the factors :math:`d_j^2/(d_j^2+\lambda)`.
    df : dict
        ``{lambda: float}``, the effective degrees of freedom (rounded to 10 decimals).
    """

    lambdas: tuple
    d2: np.ndarray
    coords: np.ndarray
    factors: dict
    df: dict


def compute_ridge_shrinkage(X=None, y=None, *, lambdas=None) -> RidgeShrinkage:
    r"""Ridge shrinks each principal direction by :math:`d_j^2/(d_j^2+\lambda)`.

    With the thin singular value decomposition :math:`X = U D V^\top` (``X``
    and ``y`` centred), the ridge fit (scikit-learn's scaling,
    :math:`\|y - Xw\|^2 + \lambda\|w\|^2`) is

    .. math:: \hat y_\lambda = \sum_j u_j\,\frac{d_j^2}{d_j^2 + \lambda}\,u_j^\top y,

    the least-squares fit with its coordinate along each :math:`u_j` multiplied
    by a factor in :math:`(0, 1)`; the effective degrees of freedom are
    :math:`\mathrm{df}(\lambda) = \sum_j d_j^2/(d_j^2+\lambda)`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features), optional
        Design matrix (default: the scaled diabetes features,
        :func:`l1l2.datasets.load_diabetes`).
    y : array_like of shape (n_samples,), optional
        Targets (default: the diabetes target). Given ``X``, ``y`` is required.
    lambdas : sequence of float, optional
        Slider positions, each > 0 (default: 16 values from 0.001 to 100).

    Returns
    -------
    RidgeShrinkage

    Raises
    ------
    ValueError
        For bad ``X``/``y`` (as :func:`l1l2.linear_model.ridge`), ``y`` missing or
        given alone, or a ``lambdas`` entry that is not a positive number.

    Examples
    --------
    >>> res = compute_ridge_shrinkage(lambdas=[0.01, 1.0])
    >>> round(res.df[1.0], 4)
    3.9423
    """
    if (X is None) != (y is None):
        raise ValueError("X and y must be given together (or neither, for the diabetes data)")
    if X is None:
        d = datasets.load_diabetes()
        X, y = d.X, d.y
    Xa, ya, _ = check_X_y(X, y)
    Xc = Xa.astype(np.float64) - Xa.mean(axis=0)
    yc = ya.astype(np.float64) - ya.mean()
    if lambdas is None:
        lambdas = _DEFAULT_LAMBDAS
    lambdas = grid(lambdas, "lambdas", positive=True)
    U, dv, _ = np.linalg.svd(Xc, full_matrices=False)
    with np.errstate(over="ignore", under="ignore"):
        d2 = dv**2
    if not (np.all(np.isfinite(d2)) and 1e-100 <= d2.max() <= 1e100):
        raise ValueError("X: the squared singular values of the centred X must lie within "
                         "1e-100 to 1e100 (a non-constant X of moderate scale); rescale X")
    coords = U.T @ yc
    factors = {lam: d2 / (d2 + lam) for lam in lambdas}
    df = {lam: float(np.round(factors[lam].sum(), 10)) for lam in lambdas}
    return RidgeShrinkage(lambdas=lambdas, d2=d2, coords=coords, factors=factors, df=df)


def ridge_shrinkage_explorer(X=None, y=None, *, lambdas=None, initial=None, result=None):
    r"""Ridge's shrinkage factor per principal direction, λ on a slider (chapter 6).

    Left panel: the factor :math:`d^2/(d^2+\lambda)` of
    :func:`compute_ridge_shrinkage` as a function of :math:`d^2` (log axis),
    with the data's :math:`d_j^2` as dots and a line at :math:`d^2 = \lambda`,
    where the factor is 1/2; the title gives the effective degrees of
    freedom. Right panel: the coordinates :math:`u_j^\top y` of the
    least-squares fit (grey outlines) and :math:`u_j^\top \hat y_\lambda` of
    the ridge fit (bars).

    Parameters
    ----------
    X, y, lambdas
        As in :func:`compute_ridge_shrinkage`.
    initial : dict, optional
        Starting position (default: ``lambda_ = 0.1``, or the middle one).
    result : RidgeShrinkage, optional
        The numbers to draw, from :func:`compute_ridge_shrinkage` (default:
        computed from the other arguments).

    Returns
    -------
    InteractiveFigure
        Parameter ``lambda_``; ``.result`` is the :class:`RidgeShrinkage` drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ridge_shrinkage_explorer(lambdas=[0.01, 1.0]).n_frames
    2
    """
    res = resolve(result, RidgeShrinkage, compute_ridge_shrinkage, X=X, y=y, lambdas=lambdas)
    lambdas, d2, coords, factors, df = list(res.lambdas), res.d2, res.coords, res.factors, res.df
    fig, (ax_f, ax_c) = plotting.new_figure(2, width=9.0, height=4.3)
    red = plotting.color_of("l2")
    grey = plotting.color_of("data")
    positive = d2[d2 > 1e-200]  # below: a zero singular value up to rounding
    lo = min(min(lambdas), positive.min()) / 3
    hi = max(max(lambdas), positive.max()) * 3
    grid = np.geomspace(lo, hi, 300)
    (curve,) = ax_f.plot(grid, grid / (grid + lambdas[0]), color=red, ls="--",
                         label=r"$d^2/(d^2+\lambda)$")
    (dots,) = ax_f.plot(d2, factors[lambdas[0]], "o", color=red, ms=7, mec="black", mew=0.8,
                        label=r"the data's $d_j^2$")
    lam_line = ax_f.axvline(lambdas[0], color=grey, lw=1.2, ls=":",
                            label=r"$d^2 = \lambda$ (factor 1/2)")
    ax_f.set(xscale="log", xlim=(lo, hi), ylim=(-0.03, 1.05),
             xlabel=r"squared singular value $d^2$ (log scale)",
             ylabel=r"shrinkage factor $d^2/(d^2+\lambda)$")
    ax_f.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), ncols=3, fontsize=9,
                frameon=False)
    df_text = ax_f.set_title(" ")
    j = np.arange(1, len(d2) + 1)
    ax_c.bar(j, coords, width=0.7, fill=False, edgecolor=grey, lw=1.2,
             label=r"least squares, $u_j^\top y$")
    bars = ax_c.bar(j, coords * factors[lambdas[0]], width=0.45, color=red,
                    label=r"ridge, $u_j^\top \hat y_\lambda$")
    ax_c.axhline(0.0, color="#888888", lw=0.8)
    span = float(np.abs(coords).max())
    ax_c.set(xticks=j, xlim=(0.4, len(d2) + 0.6), ylim=(-1.1 * span, 1.1 * span),
             xlabel=r"principal direction $j$ (largest $d_j$ first)",
             ylabel=r"coordinate of the fit along $u_j$")
    ax_c.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), ncols=2, fontsize=9,
                frameon=False)
    ax_c.set_title(r"the fit, direction by direction")

    def update(lambda_):
        f = factors[lambda_]
        curve.set_ydata(grid / (grid + lambda_))
        dots.set_ydata(f)
        lam_line.set_xdata([lambda_, lambda_])
        df_text.set_text(f"$\\lambda$ = {lambda_:.3g}: effective degrees of freedom "
                         f"{df[lambda_]:.2f} of {len(d2)}")
        for bar, value in zip(bars, coords * f, strict=True):
            bar.set_height(value)

    if initial is None:
        initial = {"lambda_": 0.1 if 0.1 in lambdas else lambdas[len(lambdas) // 2]}
    return interactive_figure(
        fig, update, {"lambda_": lambdas}, initial=initial, labels={"lambda_": "λ"},
        formats={"lambda_": "{:.3g}"},
        animated=[curve, dots, lam_line, df_text, *bars], colors=16, result=res,
        alt=("Two panels. Left: a vermillion S-shaped curve of the ridge shrinkage factor "
             "d squared over d squared plus lambda against d squared on a log axis, rising "
             "from 0 to 1 and crossing one half at a dotted vertical line where d squared "
             "equals lambda; dots on the curve mark the squared singular values of the data, "
             "and the title gives lambda and the effective degrees of freedom. Right: for each "
             "principal direction, ordered from the largest singular value, a grey outlined "
             "bar for the least-squares fit's coordinate and a narrower vermillion bar for "
             "the ridge fit's coordinate; as lambda grows the vermillion bars shrink, those "
             "of the last directions first."),
    )


@dataclass(frozen=True)
class ElasticNetFits:
    """The fits of :func:`elastic_net_explorer`.

    Attributes
    ----------
    X, y : ndarray
        The data, :func:`correlated_pair_data`.
    l1_ratios, alphas : tuple of float
        The slider positions of :math:`\\rho` and :math:`\\lambda`.
    coefs : dict
        ``{(l1_ratio, alpha): coef}``, the elastic-net solutions.
    lasso : dict
        ``{alpha: coef}``, the lasso's (:math:`\\rho = 1`).
    path_alphas : ndarray
        The :math:`\\lambda` of the drawn paths.
    paths : dict
        ``{l1_ratio: ndarray (len(path_alphas), 5)}``, the coefficient paths.
    """

    X: np.ndarray
    y: np.ndarray
    l1_ratios: tuple
    alphas: tuple
    coefs: dict
    lasso: dict
    path_alphas: np.ndarray
    paths: dict


def compute_elastic_net(*, l1_ratios=None, alphas=None, n_samples: int = 100, seed: int = 7,
                        n_path: int = 40) -> ElasticNetFits:
    """The elastic net and the lasso on a correlated pair, for every slider position.

    On :func:`correlated_pair_data`, the elastic-net solutions
    (:func:`l1l2.linear_model.elastic_net`, intercept fitted; scikit-learn's
    objective, which Zou & Hastie (2005) call the *naive* elastic net) for every
    ``l1_ratio`` :math:`\\rho` and strength :math:`\\lambda`, the lasso's
    (:func:`l1l2.linear_model.lasso`) at every :math:`\\lambda`, and the
    coefficient paths over ``n_path`` values of :math:`\\lambda`.

    Parameters
    ----------
    l1_ratios : sequence of float, optional
        Slider positions for :math:`\\rho` (default: 6 values from 1 down to 0.1).
    alphas : sequence of float, optional
        Slider positions for :math:`\\lambda` (default: 5 values from 1.5 to 0.06).
    n_samples, seed : int
        Passed to :func:`correlated_pair_data`.
    n_path : int
        Number of :math:`\\lambda` values of each path.

    Returns
    -------
    ElasticNetFits

    Examples
    --------
    >>> res = compute_elastic_net(l1_ratios=(1.0, 0.5), alphas=(1.0, 0.5), n_path=2)
    >>> [int(res.coefs[r, 1.0][1] != 0) for r in (1.0, 0.5)]   # is x2 in?
    [0, 1]
    """
    l1_ratios = (1.0, 0.9, 0.7, 0.5, 0.3, 0.1) if l1_ratios is None else l1_ratios
    alphas = (1.5, 1.0, 0.5, 0.2, 0.06) if alphas is None else alphas
    l1_ratios = grid(l1_ratios, "l1_ratios", positive=True, high=1)
    alphas = grid(alphas, "alphas", positive=True)
    check_n_frames(l1_ratios=l1_ratios, alphas=alphas)
    n_path = check_scalar(n_path, "n_path", low=2, high=1000, integer=True)
    X, y = correlated_pair_data(n_samples, seed=seed)
    path_alphas = np.geomspace(0.02, 20.0, n_path)
    paths = {r: np.array([linear_model.elastic_net(X, y, a, r).coef for a in path_alphas])
             for r in l1_ratios}
    coefs = {(r, a): linear_model.elastic_net(X, y, a, r).coef for r in l1_ratios
             for a in alphas}
    lasso_at = {a: linear_model.lasso(X, y, a).coef for a in alphas}
    return ElasticNetFits(X=X, y=y, l1_ratios=l1_ratios, alphas=alphas, coefs=coefs,
                          lasso=lasso_at, path_alphas=path_alphas, paths=paths)


def elastic_net_explorer(*, result=None, l1_ratios=None, alphas=None, initial=None,
                         n_samples: int = 100, seed: int = 7, n_path: int = 40):
    """The elastic net keeps a correlated pair, the lasso picks one (chapter 7).

    Left panel: the coefficient paths :math:`w_j(\\lambda)` of
    :func:`compute_elastic_net` for the chosen :math:`\\rho`, with a vertical
    line at the chosen :math:`\\lambda`. Right panel: the coefficients at the
    chosen :math:`(\\rho, \\lambda)` as bars, with the lasso's
    (:math:`\\rho = 1`) at the same :math:`\\lambda` as circles. A slider
    step moves lines and bars.

    Parameters
    ----------
    result : ElasticNetFits, optional
        The fits to draw, from :func:`compute_elastic_net` (default: computed
        from the other arguments, as there).
    l1_ratios, alphas, n_samples, seed, n_path
        As in :func:`compute_elastic_net`.
    initial : dict, optional
        Starting position (default: :math:`\\rho = 1`, :math:`\\lambda = 1`).

    Returns
    -------
    InteractiveFigure
        Parameters ``l1_ratio`` and ``alpha``; ``.result`` is the
        :class:`ElasticNetFits` drawn.
    """
    res = resolve(result, ElasticNetFits, compute_elastic_net, l1_ratios=l1_ratios,
                  alphas=alphas, n_samples=n_samples, seed=seed, n_path=n_path)
    l1_ratios, alphas = list(res.l1_ratios), list(res.alphas)
    paths, coefs, lasso_at, path_alphas = res.paths, res.coefs, res.lasso, res.path_alphas
    names = ["$x_1$", "$x_2$", "$x_3$", "$x_4$", "$x_5$"]
    colors = ["black", "black", plotting.OKABE_ITO["sky_blue"], "#9a9a9a", "#9a9a9a"]
    styles = ["-", "--", "-", ":", "-."]
    fig, (ax_path, ax_bar) = plotting.new_figure(2, width=8.5, height=3.8)
    r0 = l1_ratios[0]
    lines = [ax_path.plot(path_alphas, paths[r0][:, j], color=colors[j], ls=styles[j], lw=1.8,
                          label=names[j])[0] for j in range(5)]
    vline = ax_path.axvline(alphas[0], color=plotting.color_of("elastic_net"), lw=1.5)
    lo = min(p.min() for p in paths.values())
    hi = max(p.max() for p in paths.values())
    ax_path.set(xscale="log", xlim=(path_alphas[0], path_alphas[-1]), ylim=(lo - 0.2, hi + 0.3),
                xlabel=r"strength $\lambda$ (log scale)", ylabel=r"coefficient $w_j$")
    ax_path.axhline(0.0, color="#888888", lw=0.8)
    title = ax_path.set_title(" ")
    ax_path.legend(loc="upper right", ncols=2, fontsize=9)
    pos = np.arange(5)
    bars = ax_bar.bar(pos, coefs[r0, alphas[0]], color=plotting.color_of("elastic_net"),
                      edgecolor="black", width=0.6, label=r"elastic net, chosen $\rho$")
    (dots,) = ax_bar.plot(pos, lasso_at[alphas[0]], "o", mfc="none",
                          mec=plotting.color_of("l1"), mew=2, ms=9, ls="none",
                          label=r"lasso ($\rho = 1$)")
    ax_bar.axhline(0.0, color="#888888", lw=0.8)
    ax_bar.set_axisbelow(True)
    ax_bar.set_xticks(pos, names)
    ax_bar.set(ylim=(lo - 0.2, hi + 0.3), xlabel="feature", ylabel=r"coefficient $w_j$")
    ax_bar.legend(loc="upper right", fontsize=9)
    text = ax_bar.text(0.98, 0.62, "", transform=ax_bar.transAxes, ha="right", fontsize=10)

    def update(l1_ratio, alpha):
        for j, line in enumerate(lines):
            line.set_ydata(paths[l1_ratio][:, j])
        vline.set_xdata([alpha, alpha])
        w = coefs[l1_ratio, alpha]
        for bar, h in zip(bars, w, strict=True):
            bar.set_height(h)
        dots.set_ydata(lasso_at[alpha])
        title.set_text(rf"paths for $\rho$ = {l1_ratio:g}")
        text.set_text(f"$w_1$ = {w[0]:.2f}, $w_2$ = {w[1]:.2f}\n"
                      f"non-zero: {int(np.count_nonzero(w))} of 5")

    if initial is None:
        initial = {"l1_ratio": 1.0 if 1.0 in l1_ratios else l1_ratios[0],
                   "alpha": 1.0 if 1.0 in alphas else alphas[0]}
    return interactive_figure(
        fig, update, {"l1_ratio": l1_ratios, "alpha": alphas}, initial=initial,
        labels={"l1_ratio": "ρ (l1_ratio)", "alpha": "λ (alpha)"},
        formats={"l1_ratio": "{:g}", "alpha": "{:g}"},
        animated=[*lines, vline, *bars, dots, title, text], colors=16, result=res,
        alt=("Two panels. Left: coefficient paths of five features against the strength "
             "lambda on a log axis for the chosen mixing rho, with an orange vertical line "
             "at the chosen lambda; x1 and x2, a strongly correlated pair, are black solid "
             "and black dashed. With rho = 1 (the lasso) only x1 leaves zero over a wide "
             "range of lambda; as rho decreases the two black paths run together. Right: "
             "orange bars of the five coefficients at the chosen rho and lambda, with the lasso's "
             "values at the same lambda as blue circles, and a text giving w1, w2 and the "
             "number of non-zero coefficients."),
    )
