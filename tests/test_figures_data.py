"""l1l2.figures._data: the toy data sets of the figures."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import figures


def test_gd_data_are_symmetric_about_zero():
    data = np.array(figures.GD_DATA)
    assert np.median(data) == 0.0 and abs(data.mean()) < 1e-15
    assert np.array_equal(np.sort(data), -np.sort(data)[::-1])


def test_correlated_pair_is_standardized_and_correlated():
    X, y = figures.correlated_pair_data(200, seed=3)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1.0)
    assert np.corrcoef(X[:, 0], X[:, 1])[0, 1] > 0.97
    assert y.shape == (200,)
    assert np.array_equal(figures.correlated_pair_data(200, seed=3)[0], X)  # deterministic


def test_prior_posterior_data_have_the_stated_least_squares_fit():
    X, y = figures.prior_posterior_data()
    assert X.shape == (40, 2)
    assert np.allclose(np.linalg.lstsq(X, y, rcond=None)[0], [1.5, 0.1])
    assert abs(y.mean()) < 1e-12 and np.allclose(X.mean(axis=0), 0.0)


@pytest.mark.parametrize("func", [figures.correlated_pair_data,
                                  figures.prior_posterior_data])
def test_data_makers_refuse_bad_counts(func):
    with pytest.raises(ValueError, match="n_samples"):
        func(10**12)
    with pytest.raises(ValueError, match="n_samples"):
        func(2)
