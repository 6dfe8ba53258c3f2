r"""Checkers for the regularization exercises: thresholding, ridge, choosing and reading alpha.

- :func:`check_soft_threshold` and :func:`check_hard_threshold`: the
  proximal operators of the L1 penalty and of the L0 "penalty" (best subset
  in an orthonormal design);
- :func:`check_cv_error`: the K-fold cross-validation error of ridge, the
  usual way to choose its strength;
- :func:`check_ridge_svd`: ridge coefficients from the SVD;
- :func:`check_laplace_alpha`: the lasso strength that makes it the MAP
  estimate under a Laplace prior.
"""

from __future__ import annotations

import math

import numpy as np

from ._core import (
    AnswerError,
    call_reader,
    check_callable,
    check_cases,
    check_elementwise,
    fmt,
    param_grid,
    report_correct,
)

__all__ = ["check_soft_threshold", "check_hard_threshold", "check_ridge_svd", "check_cv_error",
           "check_laplace_alpha"]


def _soft_threshold(x, t):
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


def check_soft_threshold(fn, *, quiet=False):
    r"""Check a reader's ``soft_threshold(x, t)``.

    .. math::

        S_t(x) = \operatorname{sign}(x)\,\max(|x| - t,\ 0),

    the proximal operator of :math:`t\|\cdot\|_1`, elementwise, for
    :math:`t \ge 0`. Called with ``t`` in {1, 0.5, 0, 2.5}. Diagnosed: hard
    thresholding, a lost sign, only the positive side handled, no clipping at
    zero, a threshold of :math:`2t` or :math:`t/2` (factor 2), clipping to
    :math:`[-t, t]` instead, proportional (ridge) shrinkage, an input modified
    in place.

    Parameters
    ----------
    fn : callable
        ``fn(x, t) -> ndarray``.
    quiet : bool
        If false (default), print ``"soft_threshold: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_soft_threshold, AnswerError
    >>> check_soft_threshold(lambda x, t: np.sign(x) * np.maximum(np.abs(x) - t, 0))
    soft_threshold: correct.
    >>> try:
    ...     check_soft_threshold(lambda x, t: np.where(np.abs(x) > t, x, 0.0))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    hard thresholding
    """
    x = np.array([-4.0, -2.6, -1.5, -1.0, -0.7, -0.3, 0.0, 0.3, 0.7, 1.0, 1.5, 2.6, 4.0])
    cases = param_grid(x, [1.0, 0.5, 0.0, 2.5])
    cases.append((np.array([[-3.0, -0.2, 0.0], [0.4, 1.0, 4.0]]), 0.5))
    candidates = [
        ("hard thresholding: you keep x unchanged where |x| > t. Soft thresholding also "
         "shrinks the survivors towards 0 by t.",
         lambda x, t: np.where(np.abs(x) > t, x, 0.0)),
        ("lost the sign: negative inputs must give negative (or zero) outputs; multiply "
         "max(|x| - t, 0) by sign(x).", lambda x, t: np.maximum(np.abs(x) - t, 0.0)),
        ("only the positive side: max(x - t, 0) sends every x < t to 0; for x < -t the "
         "result is x + t.", lambda x, t: np.maximum(x - t, 0.0)),
        ("no clipping at zero: x - t*sign(x) crosses to the other side for |x| < t; the "
         "result there must be exactly 0.", lambda x, t: x - t * np.sign(x)),
        ("subtracts t from every x: shrink towards 0 instead, sign(x) * max(|x| - t, 0).",
         lambda x, t: x - t),
        ("threshold 2t instead of t (factor 2): the prox of t*|w| shrinks by t; a 2t "
         "comes from mixing up the 1/2 in (1/2)(w - x)**2.",
         lambda x, t: _soft_threshold(x, 2 * t)),
        ("threshold t/2 instead of t (factor 2): the prox of t*|w| shrinks by t.",
         lambda x, t: _soft_threshold(x, t / 2)),
        ("that is clipping to [-t, t] (the projection onto the box |w| <= t). Soft "
         "thresholding is the remainder, x - clip(x, -t, t).", lambda x, t: np.clip(x, -t, t)),
        ("that is proportional shrinkage x / (1 + t), the prox of the ridge penalty "
         "(t/2)*w**2; soft thresholding subtracts t and clips at 0.",
         lambda x, t: x / (1.0 + t)),
    ]
    check_elementwise(fn, fname="soft_threshold", pname="t", cases=cases,
                    reference=_soft_threshold, candidates=candidates, quiet=quiet)


def _hard_threshold(z, lam):
    return np.where(np.abs(z) > np.sqrt(2.0 * lam), z, 0.0)


def check_hard_threshold(fn, *, quiet=False):
    r"""Check a reader's ``hard_threshold(z, lam)``: best subset in an orthonormal design.

    The minimizer of :math:`\tfrac12 (w - z)^2 + \lambda\,\mathbb{1}[w \ne 0]`,
    elementwise, is

    .. math::

        H_\lambda(z) = z\ \text{if}\ \lvert z\rvert > \sqrt{2\lambda},\ 0\ \text{otherwise}:

    keeping :math:`w = z` costs :math:`\lambda`, setting :math:`w = 0` costs
    :math:`z^2/2`. Called with ``lam`` in {0.5, 2, 0.125, 0} on inputs away
    from the tie :math:`\lvert z\rvert = \sqrt{2\lambda}`. Diagnosed: a
    threshold :math:`\lambda`, :math:`\sqrt{\lambda}` or :math:`2\lambda`,
    soft thresholding (survivors shrunk), a lost sign, an input modified in
    place.

    Parameters
    ----------
    fn : callable
        ``fn(z, lam) -> ndarray`` of ``z``'s shape.
    quiet : bool
        If false (default), print ``"hard_threshold: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_hard_threshold, AnswerError
    >>> check_hard_threshold(lambda z, lam: np.where(np.abs(z) > np.sqrt(2 * lam), z, 0.0))
    hard_threshold: correct.
    >>> try:
    ...     check_hard_threshold(lambda z, lam: np.where(np.abs(z) > lam, z, 0.0))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    the threshold is sqrt(2 * lam), not lam
    """
    z = np.array([-3.1, -1.7, -1.2, -0.8, -0.3, 0.0, 0.2, 0.7, 1.3, 1.8, 2.4, 3.5])
    cases = param_grid(z, [0.5, 2.0, 0.125, 0.0])
    cases.append((np.array([[-2.5, -0.2, 0.0], [0.6, 1.1, 4.0]]), 0.5))

    def soft(x, t):
        return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)

    candidates = [
        ("the threshold is sqrt(2 * lam), not lam: compare the two costs, lam for keeping "
         "w = z against z**2 / 2 for w = 0.",
         lambda x, lam: np.where(np.abs(x) > lam, x, 0.0)),
        ("the threshold is sqrt(2 * lam), not sqrt(lam): setting w = 0 costs z**2 / 2 (mind "
         "the 1/2).", lambda x, lam: np.where(np.abs(x) > np.sqrt(lam), x, 0.0)),
        ("the threshold is sqrt(2 * lam), not 2 * lam.",
         lambda x, lam: np.where(np.abs(x) > 2 * lam, x, 0.0)),
        ("that is soft thresholding: the L0 penalty does not depend on the size of w, so a "
         "kept weight stays exactly z, unshrunk.",
         lambda x, lam: soft(x, np.sqrt(2 * lam))),
        ("that is soft thresholding at lam (the lasso); for L0 keep z unchanged when "
         "|z| > sqrt(2 * lam).", lambda x, lam: soft(x, lam)),
        ("lost the sign: a kept weight is z itself, negative for negative z.",
         lambda x, lam: np.where(np.abs(x) > np.sqrt(2 * lam), np.abs(x), 0.0)),
    ]
    check_elementwise(fn, fname="hard_threshold", pname="lam", cases=cases,
                    reference=_hard_threshold, candidates=candidates, quiet=quiet)


def _cv_cases():
    rng = np.random.default_rng(5)
    cases = []
    for n, p, k, alpha in [(24, 5, 4, 0.5), (30, 8, 5, 3.0), (20, 3, 4, 10.0)]:
        X = rng.normal(size=(n, p))
        y = X @ rng.normal(size=p) + 2.0 + 0.5 * rng.normal(size=n)
        folds = [np.sort(f) for f in np.array_split(rng.permutation(n), k)]
        cases.append((X, y, alpha, folds))
    return cases


def _cv_reference(X, y, alpha, folds, *, refit="out", intercept=True, reduce="mean"):
    from ..linear_model import ridge

    errors = []
    for val in folds:
        train = np.setdiff1d(np.arange(len(y)), val)
        tr = np.arange(len(y)) if refit == "all" else train
        fit = ridge(X[tr], y[tr], alpha, fit_intercept=intercept)
        r = y[val] - X[val] @ fit.coef - fit.intercept
        errors.append({"mean": np.mean(r**2), "sum": np.sum(r**2),
                       "rmse": np.sqrt(np.mean(r**2))}[reduce])
    return float(np.mean(errors))


_CV_MISTAKES = [
    ("you fitted on all the data, the validation fold included: that is (nearly) the "
     "training error, and it rewards overfitting. Fit on the rows NOT in the fold.",
     {"refit": "all"}),
    ("a sum of squared errors per fold: divide by the fold size (the mean squared "
     "error).", {"reduce": "sum"}),
    ("that is the root mean squared error (you took a square root): return the mean "
     "of the squared errors.", {"reduce": "rmse"}),
    ("your fit has no intercept: fit an unpenalized intercept (linear_model.ridge does by "
     "default), the data are not centred.", {"intercept": False}),
]


def _near(a, b) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _cv_answer(fn, X, y, alpha, folds, call) -> float:
    """The reader's cross-validation error, one number."""
    ans = call_reader(fn, (X, y, alpha, folds), fname="cv_error", call=call,
                      modified="your function modified X, y or folds in place; work on copies")
    if ans.size == len(folds) and ans.size > 1:
        per_fold = [_cv_reference(X, y, alpha, [f]) for f in folds]
        if np.allclose(ans.ravel(), per_fold, rtol=1e-6, atol=1e-9):
            raise AnswerError(f"cv_error: {call} returned one error per fold; the "
                              "cross-validation error is their mean (one number)")
    if ans.size != 1:
        raise AnswerError(f"cv_error: {call} returned shape {ans.shape}; one number "
                          "was expected")
    return float(ans.reshape(()))


def _cv_problem(a, expected, X, y, alpha, folds, call) -> str:
    """Why the cross-validation error ``a`` (not ``expected``) is wrong."""
    got = f"In {call} you returned {fmt(a)}; expected {fmt(expected)}."
    for text, kw in _CV_MISTAKES:
        if _near(a, _cv_reference(X, y, alpha, folds, **kw)):
            return f"{text} {got}"
    if _near(a, _cv_reference(X, y, 0.0, folds)):
        return ("your result does not depend on alpha: it is the error of unpenalized least "
                f"squares. Pass alpha to the ridge fit. {got}")
    return (f"{call} returned {fmt(a)}; expected {fmt(expected)}. Fit ridge on the rows "
            "outside each fold, take the mean squared error on the fold, then average over "
            "the folds.")


def check_cv_error(fn, *, quiet=False):
    r"""Check a reader's ``cv_error(X, y, alpha, folds)``, the K-fold cross-validation error.

    .. math::

        \mathrm{CV}(\lambda) = \frac1K\sum_{k=1}^K \frac{1}{\lvert V_k\rvert}
        \sum_{i\in V_k}\bigl(y_i - \hat y^{(-k)}_\lambda(x_i)\bigr)^2,

    where :math:`\hat y^{(-k)}_\lambda` is :func:`l1l2.linear_model.ridge` (with an
    intercept) fitted on every row *not* in the validation fold :math:`V_k`;
    ``folds`` is a list of :math:`K` integer arrays of validation indices, all
    of the same size. Called on three small problems; the answer must match to
    1e-6. Diagnosed: fitting on all the data (the fold included), a sum of
    squares instead of a mean, the root mean squared error, a fit without
    intercept, an ignored ``alpha``, one error per fold instead of their mean,
    an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(X, y, alpha, folds) -> float``.
    quiet : bool
        If false (default), print ``"cv_error: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_cv_error, AnswerError
    >>> from l1l2.linear_model import ridge
    >>> def cv_error(X, y, alpha, folds):
    ...     errs = []
    ...     for val in folds:
    ...         tr = np.setdiff1d(np.arange(len(y)), val)
    ...         fit = ridge(X[tr], y[tr], alpha)
    ...         errs.append(np.mean((y[val] - X[val] @ fit.coef - fit.intercept) ** 2))
    ...     return float(np.mean(errs))
    >>> check_cv_error(cv_error)
    cv_error: correct.
    >>> try:
    ...     check_cv_error(lambda X, y, a, folds: 2 * cv_error(X, y, a, folds))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[0])
    cv_error
    """
    fn = check_callable(fn)
    for X, y, alpha, folds in _cv_cases():
        call = f"cv_error(X, y, alpha={fmt(alpha)}, folds) with {len(folds)} folds"
        a = _cv_answer(fn, X, y, alpha, folds, call)
        expected = _cv_reference(X, y, alpha, folds)
        if not _near(a, expected):
            raise AnswerError(f"cv_error: {_cv_problem(a, expected, X, y, alpha, folds, call)}")
    report_correct("cv_error", quiet)


def _ridge_svd_ref(X, y, lam):
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T @ (d / (d * d + lam) * (U.T @ y))


def _ridge_svd_cases():
    rng = np.random.default_rng(6)
    X1 = rng.normal(size=(6, 3))
    X2 = rng.normal(size=(5, 2)) @ np.array([[1.0, 0.9], [0.0, 0.1]])  # nearly collinear
    X3 = rng.normal(size=(3, 4))  # more features than observations
    return [(X1, rng.normal(size=6), 1.0), (X1, rng.normal(size=6), 0.3),
            (X2, rng.normal(size=5), 2.0), (X3, rng.normal(size=3), 0.5)]


def check_ridge_svd(fn, *, quiet=False):
    r"""Check a reader's ``ridge_svd(X, y, lam)``: ridge coefficients from the SVD.

    The minimizer of :math:`\|y - Xw\|_2^2 + \lambda\|w\|_2^2` (no intercept,
    scikit-learn's scaling) is, with the thin SVD :math:`X = U D V^\top`,

    .. math:: w_\lambda = V\,\operatorname{diag}\Big(\frac{d_j}{d_j^2 + \lambda}\Big)\,U^\top y .

    ``fn`` is called on four small problems (one nearly collinear, one with
    more features than observations) with :math:`\lambda \in \{0.3, 0.5, 1, 2\}`.
    Diagnosed: the shrinkage factor :math:`d^2/(d^2+\lambda)` used in place of
    :math:`d/(d^2+\lambda)`, the least-squares solution (:math:`\lambda`
    forgotten), a factor 2 or 1/2 on :math:`\lambda` (the :math:`\tfrac12`
    convention), the coefficients left in the principal coordinates
    (:math:`V` forgotten), :math:`\lambda` added to :math:`d` instead of
    :math:`d^2`, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(X, y, lam) -> ndarray`` of shape ``(n_features,)``.
    quiet : bool
        If false (default), print ``"ridge_svd: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_ridge_svd, AnswerError
    >>> def ridge_svd(X, y, lam):
    ...     U, d, Vt = np.linalg.svd(X, full_matrices=False)
    ...     return Vt.T @ (d / (d**2 + lam) * (U.T @ y))
    >>> check_ridge_svd(ridge_svd)
    ridge_svd: correct.
    >>> try:
    ...     check_ridge_svd(lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0])
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    least squares
    """

    def svd_with(factor, rotate=True):
        def solve(X, y, lam):
            U, d, Vt = np.linalg.svd(X, full_matrices=False)
            z = factor(d, lam) * (U.T @ y)
            return Vt.T @ z if rotate else z
        return solve

    candidates = [
        ("least squares: lambda is missing; the factor is d / (d**2 + lam), not 1 / d.",
         lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0]),
        ("you used the shrinkage factor d**2 / (d**2 + lam) where the coefficient needs "
         "d / (d**2 + lam): the fit's coordinates are shrunk by d^2/(d^2+lam), the "
         "coefficients pick up one more 1/d.", svd_with(lambda d, lam: d * d / (d * d + lam))),
        ("lambda is off by a factor 2: this objective has no 1/2, so solve "
         "(X'X + lam I) w = X'y, i.e. d / (d**2 + lam).",
         svd_with(lambda d, lam: d / (d * d + 2 * lam))),
        ("lambda is off by a factor 1/2: this objective has no 1/2, so solve "
         "(X'X + lam I) w = X'y, i.e. d / (d**2 + lam).",
         svd_with(lambda d, lam: d / (d * d + lam / 2))),
        ("lambda is added to d instead of d**2: the normal equations have X'X = V D^2 V'.",
         svd_with(lambda d, lam: d / (d * d + lam * d))),
        ("the coefficients are still in principal coordinates: multiply by V (Vt.T @ z) "
         "to return to the features.", svd_with(lambda d, lam: d / (d * d + lam), rotate=False)),
    ]
    check_cases(fn, fname="ridge_svd", cases=_ridge_svd_cases(), reference=_ridge_svd_ref,
                 candidates=candidates, quiet=quiet, rtol=1e-6, atol=1e-9)


def _laplace_alpha(scale, noise_std, n_samples):
    return noise_std * noise_std / (n_samples * scale)


def check_laplace_alpha(fn, *, quiet=False):
    r"""Check a reader's ``laplace_alpha(scale, noise_std, n_samples)``.

    The lasso strength whose solution is the MAP estimate under Gaussian
    noise :math:`\sigma` and independent Laplace priors of scale :math:`b`,
    in the book's (scikit-learn's) scaling
    :math:`\frac{1}{2n}\|y - Xw - w_0\|^2 + \alpha\|w\|_1`:

    .. math::

        \alpha = \frac{\sigma^2}{n\,b}.

    Parameters
    ----------
    fn : callable
        ``fn(scale, noise_std, n_samples) -> float``.
    quiet : bool
        If false (default), print ``"laplace_alpha: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> from l1l2.exercises import check_laplace_alpha, AnswerError
    >>> check_laplace_alpha(lambda b, sigma, n: sigma**2 / (n * b))
    laplace_alpha: correct.
    >>> try:
    ...     check_laplace_alpha(lambda b, sigma, n: sigma**2 / b)
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    the 1/n is missing
    """
    cases = [(0.5, 2.0, 8), (10.0, 3.0, 100), (2.0, 0.5, 5), (7.0, 54.0, 442)]
    candidates = [
        ("the 1/n is missing: with the lasso written as (1/(2n))||y - Xw||^2 + alpha ||w||_1, "
         "multiply the negative log-posterior by sigma^2 / n, so alpha = sigma^2 / (n b); "
         "sigma^2 / b is lambda for the unscaled (1/2)||y - Xw||^2.",
         lambda b, s, n: s * s / b),
        ("sigma instead of sigma^2: the likelihood term is ||y - Xw||^2 / (2 sigma^2), "
         "so the variance, not the standard deviation, sets alpha.",
         lambda b, s, n: s / (n * b)),
        ("upside down: a wider prior (larger b) must give a weaker penalty, "
         "alpha = sigma^2 / (n b).",
         lambda b, s, n: n * b / (s * s)),
        ("off by a factor 2: the 1/2 of (1/(2 sigma^2))||y - Xw||^2 and the 1/(2n) of the "
         "lasso cancel; alpha = sigma^2 / (n b).",
         lambda b, s, n: 2 * s * s / (n * b)),
        ("off by a factor 1/2: the 1/2 of (1/(2 sigma^2))||y - Xw||^2 and the 1/(2n) of the "
         "lasso cancel; alpha = sigma^2 / (n b).",
         lambda b, s, n: s * s / (2 * n * b)),
        ("that is the ridge (Gaussian prior) answer sigma^2 / tau^2; for a Laplace prior the "
         "scale enters once, alpha = sigma^2 / (n b).",
         lambda b, s, n: s * s / (b * b)),
    ]
    check_cases(fn, fname="laplace_alpha", cases=cases, reference=_laplace_alpha,
                 candidates=candidates, quiet=quiet)
