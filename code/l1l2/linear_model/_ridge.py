r"""Squared loss with an L2 penalty, in closed form: ridge, OLS and the norm-penalized fit.

* :func:`ridge` — :math:`\|y - Xw - b\|_2^2 + \alpha\|w\|_2^2`
  (``sklearn.linear_model.Ridge``), by Cholesky on the normal equations or on
  the :math:`n \times n` kernel system when :math:`p > n`;
* :func:`ols` — ordinary least squares, the minimum-norm solution (ridge with
  ``alpha = 0``);
* :func:`ridge_df` — ridge's effective degrees of freedom
  :math:`\sum_j d_j^2/(d_j^2+\alpha)`, the trace of its hat matrix;
* :func:`norm_penalized_least_squares` — :math:`\frac{1}{2n}\|y - Xw - b\|_2^2
  + \alpha\|w\|_2` with the *unsquared* norm (the group lasso with one group):
  exactly zero from :math:`\alpha_{\max} = \|X^\top y\|_2/n` on, otherwise a
  ridge solution whose strength is found by Brent's method on the SVD of ``X``.

The intercept is never penalized: centre ``X`` and ``y``, fit ``w``, then
:math:`b = \bar y - \bar x^\top w` (see :mod:`l1l2.linear_model._base`).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import linalg as sla

from .._validation import as_float_array, check_bool, check_scalar
from ._base import Fit, _check_Xy, _checked, _prepare

__all__ = ["ridge", "ridge_df", "ols", "norm_penalized_least_squares"]


def _ridge_coef(X, y, alpha):
    r"""Minimize ||y - Xw||^2 + alpha ||w||^2 (X, y centred).

    The normal equations :math:`(X^\top X + \alpha I) w = X^\top y` are solved by
    Cholesky when :math:`n \ge p`; when :math:`p > n` the equivalent "kernel"
    form :math:`w = X^\top (X X^\top + \alpha I)^{-1} y` is cheaper. With
    ``alpha = 0`` (or a numerically singular system) the minimum-norm
    least-squares solution of the stacked system
    :math:`[X; \sqrt\alpha I] w \approx [y; 0]` is used instead.
    """
    n, p = X.shape
    if alpha > 0:
        try:
            if n >= p:
                c = sla.cho_factor(X.T @ X + alpha * np.eye(p), check_finite=False)
                return sla.cho_solve(c, X.T @ y, check_finite=False)
            c = sla.cho_factor(X @ X.T + alpha * np.eye(n), check_finite=False)
            return X.T @ sla.cho_solve(c, y, check_finite=False)
        except np.linalg.LinAlgError:
            pass
        A = np.vstack([X, math.sqrt(alpha) * np.eye(p)])
        return np.linalg.lstsq(A, np.concatenate([y, np.zeros(p)]), rcond=None)[0]
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _ridge_fit(X, y, out, alpha, fit_intercept):
    # On X/sx, y/sy the same problem has alpha/sx^2 and solution w sx/sy.
    Xc, yc, x_mean, y_mean, sx, sy = _prepare(X, y, fit_intercept)
    alpha_s = alpha / sx / sx  # (no sx**2: it could overflow)
    if math.isinf(alpha_s):  # X tiny next to alpha: the limit alpha -> inf, coef 0
        coef_s = np.zeros(Xc.shape[1])
    else:
        coef_s = _ridge_coef(Xc, yc, alpha_s)
    with np.errstate(over="ignore", invalid="ignore"):  # see _checked
        coef = (coef_s * sy / sx).astype(out)
        w = coef.astype(np.float64) * sx / sy
        r = yc - Xc @ w
        penalty = alpha_s * float(w @ w) if alpha > 0 else 0.0
        objective = sy * (sy * (float(r @ r) + penalty))
        intercept = sy * float(y_mean - x_mean @ w) if fit_intercept else 0.0
    return _checked(Fit(coef, intercept, 0, True, objective))


def ridge(X, y, alpha, *, fit_intercept=True) -> Fit:
    r"""Ridge regression, as ``sklearn.linear_model.Ridge``.

    Minimizes

    .. math:: \|y - Xw - b\|_2^2 + \alpha \|w\|_2^2

    in closed form (Cholesky on the normal equations, or on the :math:`n\times n`
    kernel system when :math:`p > n`). With ``alpha = 0`` it returns the
    minimum-norm least-squares solution.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        Penalty strength, ``alpha >= 0``.
    fit_intercept : bool, default True
        Fit an unpenalized intercept :math:`b` (by centring ``X`` and ``y``).

    Returns
    -------
    Fit
        ``n_iter`` is 0 and ``converged`` True (closed form).

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``y`` not 1-D, their lengths differ, either is
        empty or non-finite, or ``alpha`` is negative, NaN or not a number.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.linear_model import ridge
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X.ravel()
    >>> fit = ridge(X, y, alpha=1.0)     # w = x'y / (x'x + alpha) = 2 / 3
    >>> print(np.round(fit.coef, 6), round(fit.objective, 6))
    [0.666667] 0.666667
    """
    X, y, out = _check_Xy(X, y)
    alpha = check_scalar(alpha, "alpha", low=0, finite=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    return _ridge_fit(X, y, out, alpha, fit_intercept)


def ridge_df(X, alpha, *, fit_intercept=True) -> float:
    r"""Effective degrees of freedom of :func:`ridge` (the intercept not counted).

    With :math:`d_1, \dots, d_p` the singular values of ``X`` (centred when
    ``fit_intercept``), in the book's scaling :math:`\|y - Xw - b\|_2^2 +
    \alpha\|w\|_2^2`,

    .. math:: \mathrm{df}(\alpha) = \sum_j \frac{d_j^2}{d_j^2 + \alpha}
              = \operatorname{tr}\bigl(X (X^\top X + \alpha I)^{-1} X^\top\bigr),

    the trace of the linear map :math:`y \mapsto X w_\alpha`. Because the fit is
    linear in :math:`y`, it equals Efron's covariance definition
    :math:`\sum_i \operatorname{cov}(\hat y_i, y_i)/\sigma^2`. The fitted intercept
    adds 1. With ``alpha = 0`` it is the
    rank of ``X`` (singular values below the usual ``lstsq`` cut-off count as 0).
    For an objective :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \frac{\lambda}{2}\|w\|_2^2`
    pass ``alpha = n * lambda``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Finite, non-empty. Not modified.
    alpha : float
        Penalty strength, ``alpha >= 0``.
    fit_intercept : bool, default True
        Centre the columns of ``X`` first, as :func:`ridge` does.

    Returns
    -------
    float
        A number in :math:`[0, \min(n, p)]`.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, empty or non-finite, or ``alpha`` is negative,
        NaN or not a number.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.linear_model import ridge_df
    >>> X = np.array([[-1.0], [0.0], [1.0]])      # d^2 = 2
    >>> ridge_df(X, alpha=2.0)                     # 2 / (2 + 2)
    0.5
    """
    X = as_float_array(X, "X", dtype=np.float64, ndim=2, finite=True, allow_empty=False)
    alpha = check_scalar(alpha, "alpha", low=0, finite=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    Xc = X - X.mean(axis=0) if fit_intercept else X
    d = np.linalg.svd(Xc, compute_uv=False)
    if d.size == 0 or d[0] == 0:
        return 0.0
    with np.errstate(over="ignore"):  # alpha / d_1^2 = inf: the limit, df = 0
        a = alpha / d[0] / d[0]  # scale-free: d_j / d_1 and alpha / d_1^2
    d = d / d[0]
    d2 = np.where(d > max(X.shape) * np.finfo(float).eps, d * d, 0.0)
    if alpha == 0:
        return float(np.count_nonzero(d2))
    return float(np.sum(d2 / (d2 + a)))


def ols(X, y, *, fit_intercept=True) -> Fit:
    r"""Ordinary least squares: minimizes :math:`\|y - Xw - b\|_2^2`.

    The minimum-norm solution when it is not unique (``ridge`` with
    ``alpha = 0``), computed by :func:`numpy.linalg.lstsq`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    fit_intercept : bool, default True

    Returns
    -------
    Fit
        ``objective`` is the residual sum of squares.

    Raises
    ------
    ValueError
        For bad shapes, empty or non-finite data.

    Examples
    --------
    >>> from l1l2.linear_model import ols
    >>> fit = ols([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])
    >>> print(fit.coef, round(fit.intercept, 12))
    [2.] 1.0
    """
    X, y, out = _check_Xy(X, y)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    return _ridge_fit(X, y, out, 0.0, fit_intercept)


def _norm_penalized_mu(s, c, alpha):
    r"""The root :math:`\mu > 0` of :math:`\mu^2 \sum_j c_j^2/(s_j+\mu)^2 = \alpha^2`.

    ``s`` are the eigenvalues :math:`d_j^2/n` of :math:`X^\top X/n` (only those
    with ``c != 0``), ``c`` the coordinates of :math:`X^\top y/n` in the right
    singular vectors, and :math:`0 < \alpha < \|c\|`. The left side increases
    from 0 to :math:`\|c\|^2`, so the root is unique; it is bracketed by
    :math:`\alpha s_{\min}/(2\|c\|)` and :math:`2\alpha s_{\max}/(\|c\| - \alpha)`.
    """
    from scipy import optimize  # here: importing it costs more than most solves

    cnorm = float(np.sqrt(c @ c))

    def phi(mu):
        return mu * float(np.sqrt(np.sum((c / (s + mu)) ** 2))) - alpha

    lo = alpha * float(s.min()) / (2.0 * cnorm)
    hi = 2.0 * alpha * float(s.max()) / (cnorm - alpha)
    mu, info = optimize.brentq(phi, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps,
                               maxiter=500, full_output=True)
    return mu, info.iterations


def norm_penalized_least_squares(X, y, alpha, *, fit_intercept=False) -> Fit:
    r"""Least squares penalized by the *unsquared* Euclidean norm (one group of the group lasso).

    Minimizes

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha \|w\|_2,

    with :math:`\|w\|_2 = \sqrt{\sum_j w_j^2}` (no square). Unlike ridge, the
    solution is **exactly zero** for every
    :math:`\alpha \ge \alpha_{\max} = \|X^\top y\|_2/n` (``X`` and ``y``
    centred when fitting an intercept): 0 is optimal iff the gradient of the
    data term at 0, :math:`-X^\top y/n`, lies in :math:`\alpha` times the unit
    ball, the subdifferential of :math:`\alpha\|w\|_2` at 0. Below
    :math:`\alpha_{\max}` the stationarity condition
    :math:`(X^\top X/n + \mu I)\,w = X^\top y/n` with
    :math:`\mu = \alpha/\|w\|_2` says that :math:`w` is the ridge solution of
    strength :math:`n\mu` (scikit-learn's scaling, :func:`ridge`); :math:`\mu`
    is the unique root of :math:`\mu\,\|w(\mu)\|_2 = \alpha`, found exactly
    (to rounding) by Brent's method on the singular value decomposition of
    ``X``. This is the group lasso of Yuan & Lin (2006) with one group.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        Penalty strength, ``alpha >= 0``. ``alpha = 0`` gives the minimum-norm
        least-squares solution.
    fit_intercept : bool, default False
        Fit an unpenalized intercept :math:`b` (by centring ``X`` and ``y``).

    Returns
    -------
    Fit
        ``n_iter`` is the number of root-finding iterations (0 when the
        solution is 0 or ``alpha = 0``), ``converged`` True, ``objective``
        the objective above.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``y`` not 1-D, their lengths differ, either is
        empty or non-finite, or ``alpha`` is negative, NaN or not a number.

    Examples
    --------
    One feature, :math:`X^\top y/n = 2/3`: the solution is exactly 0 from
    :math:`\alpha = 2/3` on, and :math:`w = (2/3 - \alpha)/(2/3)` below.

    >>> import numpy as np
    >>> from l1l2.linear_model import norm_penalized_least_squares
    >>> X = np.array([[-1.0], [0.0], [1.0]]); y = X.ravel()
    >>> print(norm_penalized_least_squares(X, y, alpha=1 / 3).coef.round(6))
    [0.5]
    >>> print(norm_penalized_least_squares(X, y, alpha=0.7).coef)
    [0.]
    """
    X, y, out = _check_Xy(X, y)
    alpha = check_scalar(alpha, "alpha", low=0, finite=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    n = X.shape[0]
    if fit_intercept:
        x_mean, y_mean = X.mean(axis=0), float(y.mean())
        Xc, yc = X - x_mean, y - y_mean
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
        Xc, yc = X, y
    try:
        with np.errstate(all="ignore"):
            return _checked(_norm_penalized(Xc, yc, x_mean, y_mean, n, alpha, fit_intercept,
                                            out))
    except ValueError as exc:
        raise ValueError(f"X and y (or alpha): {exc}") from None


def _norm_penalized(Xc, yc, x_mean, y_mean, n, alpha, fit_intercept, out):
    U, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    keep = d > d.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps
    U, d, Vt = U[:, keep], d[keep], Vt[keep]
    c = d * (U.T @ yc) / n  # X'y/n in the basis of the right singular vectors
    s = d * d / n  # the eigenvalues of X'X/n
    # the threshold ||X'y||/n, computed directly (as a reader would) and from the SVD;
    # rounding may separate the two by a few ulps: at or above either, w = 0
    alpha_max = min(float(np.sqrt(c @ c)), float(np.linalg.norm(Xc.T @ yc)) / n)
    n_iter = 0
    if alpha >= alpha_max:
        coef = np.zeros(Xc.shape[1])
    elif alpha == 0:
        coef = Vt.T @ (c / s)
    else:
        nz = c != 0
        mu, n_iter = _norm_penalized_mu(s[nz], c[nz], alpha)
        coef = Vt.T @ (c / (s + mu))
    r = yc - Xc @ coef
    objective = float(r @ r) / (2 * n) + alpha * float(np.sqrt(coef @ coef))
    intercept = float(y_mean - x_mean @ coef) if fit_intercept else 0.0
    return Fit(coef.astype(out), intercept, n_iter, True, objective)
