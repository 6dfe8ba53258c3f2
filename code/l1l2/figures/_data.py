"""The toy data sets of the book's figures (to move to :mod:`l1l2.datasets`).

* ``GD_DATA`` — the five-point location sample of the gradient-descent figure;
* :func:`correlated_pair_data` — five features, two of them strongly correlated
  (the elastic-net figure);
* :func:`prior_posterior_data` — two correlated features whose least-squares
  estimate is exactly (1.5, 0.1) (the posterior figure).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_scalar
from ..interactive._checks import MAX_SAMPLES

__all__ = ["GD_DATA", "correlated_pair_data", "prior_posterior_data"]

#: The sample of the gradient-descent figure: symmetric about 0, so L1, L2 and
#: smooth L1 all have the minimizer w* = 0 (median = mean = 0).
GD_DATA = (-1.6, -0.7, 0.0, 0.7, 1.6)


def correlated_pair_data(n_samples: int = 100, *, seed: int = 7):
    """The toy data of the elastic-net figure: a strongly correlated pair.

    Five standardized features (mean 0, variance 1): :math:`x_1 = z + 0.1 e_1`
    and :math:`x_2 = z + 0.1 e_2` share a latent :math:`z` (correlation near
    0.99), :math:`x_3, x_4, x_5` are independent. The target is
    :math:`y = 1.5 x_1 + 1.5 x_2 + x_3 + 1.5\\,\\varepsilon`, all noises standard
    normal.

    Returns
    -------
    (X, y) : ndarray of shape (n_samples, 5) and (n_samples,)

    Examples
    --------
    >>> X, y = correlated_pair_data(50)
    >>> X.shape, round(float(np.corrcoef(X[:, 0], X[:, 1])[0, 1]), 2)
    ((50, 5), 0.99)
    """
    n = check_scalar(n_samples, "n_samples", low=10, high=MAX_SAMPLES, integer=True)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    rng = np.random.default_rng(seed)
    z = rng.normal(size=n)
    x1 = z + 0.1 * rng.normal(size=n)
    x2 = z + 0.1 * rng.normal(size=n)
    X = np.column_stack([x1, x2, rng.normal(size=(n, 3))])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = 1.5 * X[:, 0] + 1.5 * X[:, 1] + X[:, 2] + 1.5 * rng.normal(size=n)
    return X, y


def prior_posterior_data(n_samples: int = 40, *, seed: int = 10):
    """The toy data of the posterior figure: two correlated features.

    :math:`x_1, x_2` standard normal with correlation 0.3 (then centred), and
    :math:`y = 1.5 x_1 + 0.1 x_2 + e`, where the noise :math:`e` (standard
    normal draws) is made orthogonal to the columns and to the constant: the
    least-squares estimate is exactly :math:`(1.5, 0.1)` and the intercept 0.

    Returns
    -------
    (X, y) : ndarray of shape (n_samples, 2) and (n_samples,)

    Examples
    --------
    >>> X, y = prior_posterior_data()
    >>> np.round(np.linalg.lstsq(X, y, rcond=None)[0], 12)
    array([1.5, 0.1])
    """
    n = check_scalar(n_samples, "n_samples", low=3, high=MAX_SAMPLES, integer=True)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 2))
    X = np.column_stack([z[:, 0], 0.3 * z[:, 0] + math.sqrt(0.91) * z[:, 1]])
    X = X - X.mean(axis=0)
    e = rng.normal(size=n)
    e = e - e.mean()
    e = e - X @ np.linalg.lstsq(X, e, rcond=None)[0]  # residual orthogonal to X
    return X, X @ np.array([1.5, 0.1]) + e
