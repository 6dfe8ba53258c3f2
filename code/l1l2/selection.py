r"""Model selection for ridge regression: features, validation curves, K-fold
cross-validation and a bias-variance simulator.

Chapter 5 of the course ("Overfitting and the price of complexity") uses these
to sweep a polynomial degree, to choose the ridge strength :math:`\lambda`
(``alpha``) on held-out data, to estimate the error of that choice honestly
(nested cross-validation), and to split the expected prediction error into
bias, variance and noise. Every fit is :func:`l1l2.linear_model.ridge`'s objective

.. math:: \lVert y - Xw - w_0\rVert_2^2 + \lambda \lVert w\rVert_2^2

with an unpenalized intercept :math:`w_0`. Errors are mean squared errors
(MSE, the mean of :math:`r_i^2`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._validation import (
    MAX_COUNT,
    as_float_array,
    check_choice,
    check_count,
    check_finite_result,
    check_scalar,
    check_X_y,
)
from .linear_model import ridge

__all__ = [
    "polynomial_features",
    "kfold_indices",
    "mse",
    "validation_curve",
    "CVResult",
    "cross_validate_ridge",
    "BiasVariance",
    "bias_variance_ridge",
    "NestedCVResult",
    "nested_cross_validate_ridge",
]


def _alphas(alphas) -> np.ndarray:
    a = as_float_array(alphas, "alphas", ndim=1, finite=True, allow_empty=False)
    if np.any(a < 0):
        raise ValueError("alphas must be >= 0")
    return a.astype(np.float64, copy=True)


def polynomial_features(x, degree, *, basis="legendre", domain=(0.0, 1.0)):
    r"""Polynomial features of a 1-D input, without the constant column.

    The input is first mapped affinely from ``domain`` :math:`[a, b]` onto
    :math:`[-1, 1]`, :math:`u = (2x - a - b)/(b - a)`. Then column
    :math:`j = 1, \dots, d` is

    * ``basis="legendre"``: the Legendre polynomial :math:`P_j(u)`, which lies
      in :math:`[-1, 1]` on the domain; the columns are nearly orthogonal for
      inputs spread over the domain, so high degrees stay well conditioned;
    * ``basis="monomial"``: :math:`u^j`.

    Both span the same polynomials of degree :math:`\le d` (with the intercept
    the fit adds), so unpenalized fits agree; a ridge penalty on the
    coefficients depends on the basis.

    Parameters
    ----------
    x : array_like of shape (n,)
        Finite inputs. Not modified.
    degree : int
        :math:`d \ge 1`.
    basis : {"legendre", "monomial"}
    domain : tuple of 2 floats
        :math:`(a, b)` with :math:`a < b`, the interval mapped onto :math:`[-1, 1]`.

    Returns
    -------
    ndarray of shape (n, degree)

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.selection import polynomial_features
    >>> polynomial_features([0.0, 0.5, 1.0], 2)     # P1(u) = u, P2(u) = (3u^2 - 1)/2
    array([[-1. ,  1. ],
           [ 0. , -0.5],
           [ 1. ,  1. ]])
    """
    x = as_float_array(x, "x", ndim=1, finite=True).astype(np.float64)
    d = check_count(degree, "degree", low=1, high=_MAX_DEGREE)
    basis = check_choice(basis, "basis", ("legendre", "monomial"))
    pair = as_float_array(domain, "domain", ndim=1)
    if pair.shape != (2,):
        raise ValueError(f"domain must be a pair (a, b), got {domain!r:.40}")
    a, b = float(pair[0]), float(pair[1])
    if not (np.isfinite(a) and np.isfinite(b) and a < b):
        raise ValueError(f"domain must be finite with a < b, got ({a}, {b})")
    with np.errstate(all="ignore"):
        u = (2.0 * x - a - b) / (b - a)
        if basis == "monomial":
            out = u[:, None] ** np.arange(1, d + 1)
        else:
            out = np.polynomial.legendre.legvander(u, d)[:, 1:]
    return check_finite_result(out, "x, degree and domain", "the feature matrix")


#: The largest polynomial degree: beyond it the features are numerically meaningless.
_MAX_DEGREE = 1000


def kfold_indices(n_samples, n_folds=5, *, seed=0):
    """Split ``range(n_samples)`` into ``n_folds`` folds at random.

    The indices are permuted (seeded) and cut into ``n_folds`` contiguous
    pieces whose sizes differ by at most one, as
    ``sklearn.model_selection.KFold(shuffle=True)`` does.

    Parameters
    ----------
    n_samples : int
        :math:`n \\ge 2`.
    n_folds : int
        :math:`K`, with :math:`2 \\le K \\le n`.
    seed : int
        Seed of the permutation, non-negative.

    Returns
    -------
    list of (ndarray, ndarray)
        ``K`` pairs ``(train_idx, val_idx)``, each sorted; every index is in
        exactly one validation fold.

    Examples
    --------
    >>> from l1l2.selection import kfold_indices
    >>> folds = kfold_indices(7, 3, seed=0)
    >>> [len(val) for _, val in folds], sorted(int(i) for _, v in folds for i in v)
    ([3, 2, 2], [0, 1, 2, 3, 4, 5, 6])
    """
    n = check_count(n_samples, "n_samples", low=2)
    k = check_scalar(n_folds, "n_folds", low=2, integer=True)
    if k > n:
        raise ValueError(f"n_folds must be <= n_samples = {n}, got {k}")
    seed = check_scalar(seed, "seed", low=0, integer=True)
    perm = np.random.default_rng(seed).permutation(n)
    out = []
    for val in np.array_split(perm, k):
        mask = np.ones(n, dtype=bool)
        mask[val] = False
        out.append((np.flatnonzero(mask), np.sort(val)))
    return out


def mse(y, y_pred):
    r"""Mean squared error :math:`\frac1n\sum_i (y_i - \hat y_i)^2`.

    Examples
    --------
    >>> from l1l2.selection import mse
    >>> mse([1.0, 2.0], [1.0, 4.0])
    2.0
    """
    y = as_float_array(y, "y", finite=True, allow_empty=False)
    p = as_float_array(y_pred, "y_pred", finite=True, allow_empty=False)
    if y.shape != p.shape:
        raise ValueError(f"y and y_pred must have the same shape, got {y.shape} and {p.shape}")
    with np.errstate(all="ignore"):
        value = float(np.mean(np.square(y - p)))
    return check_finite_result(value, "y and y_pred", "the mean squared error")


def validation_curve(X_train, y_train, X_val, y_val, alphas):
    r"""Training and validation MSE of ridge fits over a grid of :math:`\lambda`.

    For each :math:`\lambda` in ``alphas``, fit :func:`l1l2.linear_model.ridge` on
    the training part and return the MSE on the training part and on the
    validation part.

    Parameters
    ----------
    X_train : array_like of shape (n_train, p)
    y_train : array_like of shape (n_train,)
    X_val : array_like of shape (n_val, p)
    y_val : array_like of shape (n_val,)
    alphas : array_like of shape (m,)
        Values :math:`\lambda \ge 0`.

    Returns
    -------
    train_mse, val_mse : ndarray of shape (m,)

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.selection import validation_curve
    >>> X = np.array([[0.0], [1.0], [2.0]]); y = np.array([0.0, 1.0, 2.0])
    >>> tr, va = validation_curve(X, y, [[3.0]], [3.0], [0.0, 2.0])
    >>> print(np.round(tr, 4), np.round(va, 4))   # w = 2 / (2 + alpha), w0 = 1 - w
    [0.     0.1667] [0. 1.]
    """
    Xt, yt, _ = check_X_y(X_train, y_train, names=("X_train", "y_train"))
    Xv = as_float_array(X_val, "X_val", ndim=2, finite=True, allow_empty=False)
    yv = as_float_array(y_val, "y_val", ndim=1, finite=True, allow_empty=False)
    if Xv.shape[0] != yv.shape[0]:
        raise ValueError(f"X_val and y_val must have the same number of samples, got "
                         f"{Xv.shape[0]} and {yv.shape[0]}")
    if Xv.shape[1] != Xt.shape[1]:
        raise ValueError(f"X_val must have {Xt.shape[1]} columns like X_train, "
                         f"got {Xv.shape[1]}")
    a = _alphas(alphas)
    tr, va = np.empty(a.size), np.empty(a.size)
    for i, alpha in enumerate(a):
        try:
            fit = ridge(Xt, yt, alpha)
        except ValueError as exc:
            raise ValueError(f"X_train and y_train (or alphas): {exc}") from None
        with np.errstate(all="ignore"):
            tr[i] = np.mean(np.square(yt - Xt @ fit.coef - fit.intercept))
            va[i] = np.mean(np.square(yv - Xv @ fit.coef - fit.intercept))
    check_finite_result(tr, "X_train and y_train", "the training error")
    check_finite_result(va, "X_val and y_val", "the validation error")
    return tr, va


@dataclass(frozen=True, eq=False)
class CVResult:
    """The result of :func:`cross_validate_ridge`.

    Attributes
    ----------
    alphas : ndarray of shape (m,)
    fold_mse : ndarray of shape (K, m)
        Validation MSE of every fold at every :math:`\\lambda`.
    mean : ndarray of shape (m,)
        The cross-validation error: the mean over the folds.
    se : ndarray of shape (m,)
        Its standard error, ``fold_mse.std(axis=0, ddof=1) / sqrt(K)``.
    best_alpha : float
        The :math:`\\lambda` with the smallest ``mean`` (the first, if tied).
    alpha_1se : float
        The largest :math:`\\lambda` whose ``mean`` is within one standard
        error of the minimum (the "one-standard-error rule").
    """

    alphas: np.ndarray
    fold_mse: np.ndarray
    mean: np.ndarray
    se: np.ndarray
    best_alpha: float
    alpha_1se: float


def cross_validate_ridge(X, y, alphas, *, n_folds=5, seed=0):
    r"""K-fold cross-validation error of ridge regression over a grid of :math:`\lambda`.

    .. math::

        \mathrm{CV}(\lambda) = \frac1K \sum_{k=1}^K
        \frac{1}{\lvert V_k\rvert}\sum_{i\in V_k}
        \bigl(y_i - \hat y^{(-k)}_\lambda(x_i)\bigr)^2,

    where :math:`\hat y^{(-k)}_\lambda` is the ridge fit on all data except
    fold :math:`V_k` (folds from :func:`kfold_indices`). The fits of one fold,
    for every :math:`\lambda`, come from one SVD of its centred training design,
    :math:`\hat w_\lambda = V\operatorname{diag}(d_j/(d_j^2+\lambda))U^\top
    (y - \bar y)` (the same fits as :func:`l1l2.linear_model.ridge`, to rounding).

    Parameters
    ----------
    X : array_like of shape (n, p)
    y : array_like of shape (n,)
    alphas : array_like of shape (m,)
        Values :math:`\lambda \ge 0`.
    n_folds : int
        :math:`K \ge 2`.
    seed : int
        Seed of the folds.

    Returns
    -------
    CVResult

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.selection import cross_validate_ridge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 3)); y = X @ [1.0, 0.0, -1.0] + 0.1 * rng.normal(size=40)
    >>> cv = cross_validate_ridge(X, y, [0.01, 1.0, 100.0], n_folds=4)
    >>> cv.fold_mse.shape, cv.best_alpha
    ((4, 3), 0.01)
    """
    X, y, _ = check_X_y(X, y)
    a = _alphas(alphas)
    folds = kfold_indices(X.shape[0], n_folds, seed=seed)
    X, y = X.astype(np.float64), y.astype(np.float64)
    fold_mse = np.empty((len(folds), a.size))
    with np.errstate(all="ignore"):
        for k, (tr, va) in enumerate(folds):
            fold_mse[k] = _ridge_val_path(X[tr], y[tr], X[va], y[va], a)
    check_finite_result(fold_mse, "X and y", "the cross-validation error")
    mean = fold_mse.mean(axis=0)
    se = fold_mse.std(axis=0, ddof=1) / np.sqrt(len(folds))
    i = int(np.argmin(mean))
    within = np.flatnonzero(mean <= mean[i] + se[i])
    alpha_1se = float(a[within[np.argmax(a[within])]])
    return CVResult(alphas=a, fold_mse=fold_mse, mean=mean, se=se, best_alpha=float(a[i]),
                    alpha_1se=alpha_1se)


@dataclass(frozen=True, eq=False)
class BiasVariance:
    """The result of :func:`bias_variance_ridge`; arrays have one entry per :math:`\\lambda`.

    Attributes
    ----------
    alphas : ndarray of shape (m,)
    bias2 : ndarray
        Simulated squared bias, averaged over the design points.
    variance : ndarray
        Simulated variance of the fitted values, averaged over the design points.
    error : ndarray
        Simulated expected prediction error on fresh targets at the same
        inputs: the mean of :math:`(y^{\\text{new}}_i - \\hat y_i)^2`.
    noise : float
        :math:`\\sigma^2`, the irreducible error.
    bias2_exact, variance_exact : ndarray
        The same two quantities from the formulas (no simulation).
    n_sim : int
        Number of simulated training sets.
    """

    alphas: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    error: np.ndarray
    noise: float
    bias2_exact: np.ndarray
    variance_exact: np.ndarray
    n_sim: int


def bias_variance_ridge(X, f, alphas, *, noise_std, X_eval=None, f_eval=None, n_sim=1000,
                        seed=0):
    r"""Bias-variance decomposition of ridge regression, by simulation on a fixed design.

    The training inputs (rows of ``X``) stay fixed; each of ``n_sim`` training
    sets is :math:`y = f + \sigma\varepsilon`, :math:`\varepsilon \sim N(0, I)`.
    The fits are judged at evaluation inputs ``X_eval`` (default: the training
    inputs themselves), where the truth is ``f_eval``. Ridge with an intercept
    is linear in :math:`y`: with the centred design
    :math:`X - \bar x = UDV^\top` (thin SVD, computed once),

    .. math::

        \hat w_\lambda = V \operatorname{diag}\Bigl(\frac{d_j}{d_j^2 + \lambda}\Bigr)
        U^\top y, \qquad
        \hat y_\lambda(x) = \bar y + (x - \bar x)^\top \hat w_\lambda,

    so every simulated fit, for every :math:`\lambda`, costs two small matrix
    products. Averaged over the :math:`m` evaluation points,

    .. math::

        \underbrace{E\,\overline{(y^{\text{new}} - \hat y)^2}}_{\text{error}}
        = \underbrace{\overline{(E\hat y - f)^2}}_{\text{bias}^2}
        + \underbrace{\overline{\operatorname{Var}\hat y}}_{\text{variance}}
        + \sigma^2,

    with :math:`y^{\text{new}}` a fresh noisy target at the same input. The
    exact values follow from :math:`E y = f` and :math:`\operatorname{Cov} y
    = \sigma^2 I`: :math:`E\hat y = \hat y_\lambda` computed from :math:`f`
    itself, and, with :math:`A = (X_{\text{eval}} - \bar x) V`,
    :math:`\operatorname{Var}\hat y(x_i) = \sigma^2\bigl(\frac1n +
    \sum_j A_{ij}^2 d_j^2/(d_j^2+\lambda)^2\bigr)`.

    Parameters
    ----------
    X : array_like of shape (n, p)
        The fixed training design.
    f : array_like of shape (n,)
        The true regression function at the training inputs.
    alphas : array_like of shape (k,)
        Values :math:`\lambda \ge 0`.
    noise_std : float
        :math:`\sigma \ge 0`.
    X_eval : array_like of shape (m, p), optional
        Inputs at which the fits are judged (default ``X``).
    f_eval : array_like of shape (m,), optional
        The truth at ``X_eval``; required with ``X_eval``.
    n_sim : int
        Number of simulated training sets, at least 2.
    seed : int
        Seed of the noise.

    Returns
    -------
    BiasVariance

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.selection import bias_variance_ridge
    >>> X = np.linspace(-1, 1, 10)[:, None]; f = X.ravel() ** 2
    >>> bv = bias_variance_ridge(X, f, [0.0, 1e6], noise_std=1.0, n_sim=2000)
    >>> print(np.round(bv.variance_exact, 4))        # (p + 1) / n = 0.2, then 1 / n
    [0.2 0.1]
    >>> bool(np.allclose(bv.variance, bv.variance_exact, rtol=0.1))
    True
    """
    X, f, _ = check_X_y(X, f, names=("X", "f"))
    X = X.astype(np.float64)
    f = f.astype(np.float64)
    if X_eval is None:
        if f_eval is not None:
            raise ValueError("f_eval is given without X_eval: give both or neither")
        Xe, fe = X, f
    else:
        if f_eval is None:
            raise ValueError("X_eval needs f_eval, the true function at X_eval")
        Xe, fe, _ = check_X_y(X_eval, f_eval, names=("X_eval", "f_eval"))
        if Xe.shape[1] != X.shape[1]:
            raise ValueError(f"X_eval must have {X.shape[1]} columns like X, got {Xe.shape[1]}")
        Xe, fe = Xe.astype(np.float64), fe.astype(np.float64)
    a = _alphas(alphas)
    sigma = check_scalar(noise_std, "noise_std", low=0.0, finite=True)
    if not math.isfinite(sigma * sigma):
        raise ValueError(f"noise_std is too large: its square overflows, got {sigma}")
    n_sim = check_count(n_sim, "n_sim", low=2)
    if n_sim * max(X.shape[0], Xe.shape[0]) > MAX_COUNT:
        raise ValueError(f"n_sim is too large: n_sim * n_samples must be <= {MAX_COUNT}")
    seed = check_scalar(seed, "seed", low=0, integer=True)
    with np.errstate(all="ignore"):
        out = _bias_variance(X, f, Xe, fe, a, sigma, n_sim, seed)
    for v in out:
        check_finite_result(v, "X, f and noise_std", "the bias-variance decomposition")
    bias2, var, err, noise, bias2_x, var_x = out
    return BiasVariance(alphas=a, bias2=bias2, variance=var, error=err, noise=noise,
                        bias2_exact=bias2_x, variance_exact=var_x, n_sim=n_sim)


def _bias_variance(X, f, Xe, fe, a, sigma, n_sim, seed):
    n = X.shape[0]
    x_mean = X.mean(axis=0)
    U, d, Vt = np.linalg.svd(X - x_mean, full_matrices=False)
    keep = d > d.max(initial=0.0) * max(X.shape) * np.finfo(np.float64).eps
    U, d, Vt = U[:, keep], d[keep], Vt[keep]
    A = (Xe - x_mean) @ Vt.T  # (m, r): evaluation inputs in the principal directions
    rng = np.random.default_rng(seed)
    y = f + sigma * rng.standard_normal((n_sim, n))
    y_new = fe + sigma * rng.standard_normal((n_sim, fe.size))
    z, f_u = y @ U, f @ U  # coordinates of y (and of f) along the directions U
    shape = (a.size,)
    bias2, var, err, bias2_x, var_x = (np.empty(shape) for _ in range(5))
    for i, alpha in enumerate(a):
        g = d / (d * d + alpha)  # the ridge filter d / (d^2 + lambda)
        pred = y.mean(axis=1, keepdims=True) + (z * g) @ A.T
        bias2[i] = np.mean(np.square(pred.mean(axis=0) - fe))
        var[i] = np.mean(pred.var(axis=0, ddof=1))
        err[i] = np.mean(np.square(y_new - pred))
        bias2_x[i] = np.mean(np.square(f.mean() + A @ (g * f_u) - fe))
        var_x[i] = sigma**2 * (1.0 / n + float(np.mean(np.square(A * g).sum(axis=1))))
    return bias2, var, err, sigma**2, bias2_x, var_x


def _ridge_val_path(Xt, yt, Xv, yv, a):
    """Validation MSE of ridge (unpenalized intercept) at every alpha, from one SVD.

    With the centred design :math:`X - \\bar x = UDV^\\top`,
    :math:`\\hat w_\\lambda = V\\operatorname{diag}(d_j/(d_j^2+\\lambda))U^\\top(y - \\bar y)`;
    directions with a numerically zero :math:`d_j` are dropped, so ``alpha = 0``
    gives the minimum-norm least-squares fit, as :func:`l1l2.linear_model.ridge`.
    """
    # Rescale X and y by their largest centred entries (ridge on X/sx, y/sy has
    # strength alpha/sx^2) so that no intermediate overflows or underflows.
    x_mean, y_mean = Xt.mean(axis=0), yt.mean()
    Xc, yc = Xt - x_mean, yt - y_mean
    sx = float(np.max(np.abs(Xc), initial=0.0)) or 1.0
    sy = float(np.max(np.abs(yc), initial=0.0)) or 1.0
    try:
        U, d, Vt = np.linalg.svd(Xc / sx, full_matrices=False)
    except np.linalg.LinAlgError:
        raise ValueError("X and y: the SVD of the training design did not converge") from None
    keep = d > d.max(initial=0.0) * max(Xt.shape) * np.finfo(np.float64).eps
    U, d, Vt = U[:, keep], d[keep], Vt[keep]
    z = U.T @ (yc / sy)
    A = ((Xv - x_mean) / sx) @ Vt.T  # validation inputs in the principal directions
    g = d[:, None] / (d[:, None] ** 2 + (a / sx / sx)[None, :])  # (r, m): ridge filters
    pred = A @ (g * z[:, None])  # (n_val, m), centred and divided by sy
    return np.mean(np.square((yv[:, None] - y_mean) / sy - pred), axis=0) * sy * sy


@dataclass(frozen=True, eq=False)
class NestedCVResult:
    """The result of :func:`nested_cross_validate_ridge`.

    Attributes
    ----------
    alphas : ndarray of shape (m,)
    cv_mean : ndarray of shape (m,)
        The ordinary ``n_inner``-fold cross-validation error on all the data
        (the curve whose minimum selects :math:`\\lambda`).
    cv_min : float
        Its minimum: the selected model's CV error, an optimistic estimate.
    best_alpha : float
        The :math:`\\lambda` it selects (the first, if tied).
    outer_mse : ndarray of shape (K,)
        For each outer fold: the MSE on the fold of the model whose
        :math:`\\lambda` was chosen by cross-validation on the other folds only.
    inner_min : ndarray of shape (K,)
        For each outer fold: the minimum of that inner cross-validation curve.
    chosen_alpha : ndarray of shape (K,)
        For each outer fold: the :math:`\\lambda` the inner cross-validation chose.
    estimate : float
        ``outer_mse.mean()``: the nested cross-validation estimate of the
        error of the whole procedure "choose :math:`\\lambda` by CV, then fit".
    se : float
        Its standard error, ``outer_mse.std(ddof=1) / sqrt(K)``.
    """

    alphas: np.ndarray
    cv_mean: np.ndarray
    cv_min: float
    best_alpha: float
    outer_mse: np.ndarray
    inner_min: np.ndarray
    chosen_alpha: np.ndarray
    estimate: float
    se: float


def _cv_curve(X, y, a, n_folds, seed):
    folds = kfold_indices(X.shape[0], n_folds, seed=seed)
    return np.mean([_ridge_val_path(X[tr], y[tr], X[va], y[va], a) for tr, va in folds],
                   axis=0)


def nested_cross_validate_ridge(X, y, alphas, *, n_outer=5, n_inner=5, seed=0):
    r"""Nested cross-validation: an honest error estimate for ridge with CV-chosen :math:`\lambda`.

    The minimum of a cross-validation curve, :math:`\min_\lambda
    \mathrm{CV}(\lambda)`, is the smallest of many noisy estimates and so is
    biased low as an estimate of the chosen model's error (selection bias,
    the "winner's curse"). Nested cross-validation (Varma & Simon 2006;
    Cawley & Talbot 2010) treats the selection as part of the fit: split the
    data into ``n_outer`` folds; for each outer fold :math:`V_k`, choose
    :math:`\lambda_k` by ``n_inner``-fold cross-validation on the other folds
    only, refit there, and measure the MSE on :math:`V_k`, which played no
    part in the choice. The mean of these MSEs estimates the error of the
    procedure (fitted on :math:`(K-1)/K` of the data).

    Every fit is ridge with an unpenalized intercept, :math:`\lVert y - Xw -
    w_0\rVert_2^2 + \lambda\lVert w\rVert_2^2`, computed for all
    :math:`\lambda` from one SVD per training part (``alpha = 0`` gives the
    minimum-norm least-squares fit). Folds come from :func:`kfold_indices`
    with ``seed``, the inner ones with the same ``seed``.

    Parameters
    ----------
    X : array_like of shape (n, p)
    y : array_like of shape (n,)
    alphas : array_like of shape (m,)
        Values :math:`\lambda \ge 0`.
    n_outer : int
        Number of outer folds :math:`K \ge 2`.
    n_inner : int
        Number of inner folds, at least 2 and at most the size of the
        smallest outer training part.
    seed : int
        Seed of the folds.

    Returns
    -------
    NestedCVResult

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.selection import nested_cross_validate_ridge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 3)); y = X @ [1.0, 0.0, -1.0] + rng.normal(size=40)
    >>> res = nested_cross_validate_ridge(X, y, [0.01, 1.0, 100.0], n_outer=4, n_inner=4)
    >>> res.outer_mse.shape, res.chosen_alpha.shape
    ((4,), (4,))
    >>> bool(res.cv_min == res.cv_mean.min())
    True
    """
    X, y, _ = check_X_y(X, y)
    X, y = X.astype(np.float64), y.astype(np.float64)
    a = _alphas(alphas)
    n = X.shape[0]
    k_out = check_scalar(n_outer, "n_outer", low=2, integer=True)
    if k_out > n:
        raise ValueError(f"n_outer must be <= n_samples = {n}, got {k_out}")
    k_in = check_scalar(n_inner, "n_inner", low=2, integer=True)
    smallest = n - math.ceil(n / k_out)
    if k_in > smallest:
        raise ValueError(f"n_inner must be <= {smallest}, the size of the smallest outer "
                         f"training part, got {k_in}")
    seed = check_scalar(seed, "seed", low=0, integer=True)
    with np.errstate(all="ignore"):
        cv_mean = _cv_curve(X, y, a, k_in, seed)
        outer = kfold_indices(n, k_out, seed=seed)
        outer_mse, inner_min, chosen = (np.empty(k_out) for _ in range(3))
        for k, (tr, va) in enumerate(outer):
            inner = _cv_curve(X[tr], y[tr], a, k_in, seed)
            i = int(np.argmin(inner))
            inner_min[k], chosen[k] = inner[i], a[i]
            outer_mse[k] = _ridge_val_path(X[tr], y[tr], X[va], y[va], a[i:i + 1])[0]
    for v in (cv_mean, outer_mse):
        check_finite_result(v, "X and y", "the cross-validation error")
    i = int(np.argmin(cv_mean))
    return NestedCVResult(alphas=a, cv_mean=cv_mean, cv_min=float(cv_mean[i]),
                          best_alpha=float(a[i]), outer_mse=outer_mse, inner_min=inner_min,
                          chosen_alpha=chosen, estimate=float(outer_mse.mean()),
                          se=float(outer_mse.std(ddof=1) / math.sqrt(k_out)))
