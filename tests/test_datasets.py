"""Tests for l1l2.datasets: determinism, shapes, the promised structure, bad input."""

from __future__ import annotations

import numpy as np
import pytest
import sklearn.datasets
from sklearn.linear_model import LinearRegression, QuantileRegressor

from l1l2.datasets import (
    load_diabetes,
    make_bimodal_regression,
    make_box_regression,
    make_outlier_regression,
    make_polynomial_data,
    train_validation_split,
)

GENERATORS = {
    "outlier_y": lambda seed: make_outlier_regression(40, n_outliers=4, seed=seed),
    "outlier_leverage": lambda seed: make_outlier_regression(40, n_outliers=4,
                                                             outlier_kind="leverage", seed=seed),
    "polynomial": lambda seed: make_polynomial_data(20, seed=seed),
    "box": lambda seed: make_box_regression(30, seed=seed),
    "bimodal": lambda seed: make_bimodal_regression(50, seed=seed),
}


def _arrays(obj):
    return {k: v for k, v in vars(obj).items() if isinstance(v, np.ndarray)}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_deterministic_per_seed_and_different_across_seeds(name):
    make = GENERATORS[name]
    a, b, c = make(3), make(3), make(4)
    arrays_a, arrays_b, arrays_c = _arrays(a), _arrays(b), _arrays(c)
    assert arrays_a
    for k in arrays_a:
        np.testing.assert_array_equal(arrays_a[k], arrays_b[k])
    assert any(not np.array_equal(arrays_a[k], arrays_c[k]) for k in arrays_a
               if arrays_a[k].dtype != bool)


# --------------------------------------------------------------------------
# outliers
# --------------------------------------------------------------------------
def test_outlier_regression_shapes_and_mask():
    d = make_outlier_regression(30, n_outliers=5, slope=2.0, intercept=1.0, noise_std=0.0,
                                outlier_shift=15.0, seed=1)
    assert d.X.shape == (30, 1) and d.y.shape == (30,) and d.outlier_mask.dtype == bool
    assert d.outlier_mask.sum() == 5
    clean = ~d.outlier_mask
    line = 1.0 + 2.0 * d.X[:, 0]
    np.testing.assert_allclose(d.y[clean], line[clean])
    np.testing.assert_allclose(d.y[d.outlier_mask], line[d.outlier_mask] + 15.0)
    assert np.all((d.X >= 0) & (d.X <= 10))
    np.testing.assert_array_equal(d.coef, [2.0])
    assert d.intercept == 1.0
    assert make_outlier_regression(10, n_outliers=0).outlier_mask.sum() == 0


def test_leverage_points_are_far_in_x_and_below_the_line():
    d = make_outlier_regression(50, n_outliers=5, outlier_kind="leverage", seed=0)
    x = d.X[:, 0]
    assert np.all(x[d.outlier_mask] >= 25) and np.all(x[~d.outlier_mask] <= 10)
    assert np.all(d.y[d.outlier_mask] < 1.0 + 2.0 * x[d.outlier_mask] - 40)


def _slopes(d):
    ols = LinearRegression().fit(d.X, d.y).coef_[0]
    lad = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(d.X, d.y).coef_[0]
    return ols, lad


def test_outliers_in_y_tilt_ols_not_lad_but_leverage_breaks_both():
    ols, lad = _slopes(make_outlier_regression(50, n_outliers=5, seed=0))
    assert abs(ols - 2.0) > 0.4 and abs(lad - 2.0) < 0.15
    ols, lad = _slopes(make_outlier_regression(50, n_outliers=5, outlier_kind="leverage",
                                               seed=0))
    assert ols < 0 and lad < 0  # the true slope is +2


# --------------------------------------------------------------------------
# polynomial data and splitting
# --------------------------------------------------------------------------
def test_polynomial_data():
    d = make_polynomial_data(25, noise_std=0.3, seed=0)
    assert d.x.shape == d.y.shape == d.y_true.shape == (25,)
    assert np.all((d.x >= 0) & (d.x <= 1))
    np.testing.assert_allclose(d.y_true, np.sin(2 * np.pi * d.x))
    np.testing.assert_allclose(d.truth(d.x), d.y_true)
    assert 0.1 < np.std(d.y - d.y_true) < 0.6
    noiseless = make_polynomial_data(10, noise_std=0.0, seed=2)
    np.testing.assert_array_equal(noiseless.y, noiseless.y_true)


def test_polynomial_data_fixed_design_new_noise():
    x = np.linspace(0, 1, 15)
    x_before = x.copy()
    a = make_polynomial_data(x=x, seed=0)
    b = make_polynomial_data(x=x, seed=1)
    np.testing.assert_array_equal(a.x, x)
    np.testing.assert_array_equal(b.x, x)
    assert not np.array_equal(a.y, b.y)
    np.testing.assert_array_equal(x, x_before)
    a.x[0] = 99.0
    assert x[0] == 0.0  # the data set holds a copy


def test_polynomial_data_truth_is_sin_2_pi_x():
    truth = make_polynomial_data(5, seed=0).truth
    np.testing.assert_allclose(truth([0.0, 0.25, 0.5, 0.75]), [0, 1, 0, -1], atol=1e-15)
    assert truth(np.float32([0.1])).dtype == np.float32


def test_train_validation_split():
    x = np.arange(20.0)
    y = 10 * x
    x_before = x.copy()
    x_tr, x_va, y_tr, y_va = train_validation_split(x, y, validation_fraction=0.25, seed=0)
    assert len(x_va) == 5 and len(x_tr) == 15
    np.testing.assert_array_equal(np.sort(np.concatenate([x_tr, x_va])), x)
    np.testing.assert_array_equal(y_tr, 10 * x_tr)
    np.testing.assert_array_equal(y_va, 10 * x_va)
    again = train_validation_split(x, y, validation_fraction=0.25, seed=0)
    np.testing.assert_array_equal(again[1], x_va)
    other = train_validation_split(x, y, validation_fraction=0.25, seed=1)
    assert not np.array_equal(other[1], x_va)
    x_tr[0] = -1
    np.testing.assert_array_equal(x, x_before)
    # both parts keep at least one sample
    tr, va = train_validation_split(np.arange(2), validation_fraction=0.01)
    assert len(tr) == len(va) == 1
    X2 = np.arange(20.0).reshape(10, 2)
    X_tr, X_va = train_validation_split(X2, validation_fraction=0.3, seed=0)
    assert X_tr.shape == (7, 2) and X_va.shape == (3, 2)


# --------------------------------------------------------------------------
# boxes
# --------------------------------------------------------------------------
def test_box_regression_identities_and_units():
    d = make_box_regression(500, image_size=(640, 480), noise_scale=2.0, noise_df=2.0, seed=0)
    for a in (d.proposals, d.boxes_true, d.boxes_annotated, d.offsets_true,
              d.offsets_annotated, d.annotation_noise):
        assert a.shape == (500, 4)
    assert d.units == "pixels" and d.image_size == (640, 480)
    np.testing.assert_allclose(d.offsets_true, d.boxes_true - d.proposals)
    np.testing.assert_allclose(d.offsets_annotated, d.boxes_annotated - d.proposals)
    np.testing.assert_allclose(d.annotation_noise, d.boxes_annotated - d.boxes_true)
    b = d.boxes_true
    assert np.all(b[:, 0] >= 0) and np.all(b[:, 2] <= 640)
    assert np.all(b[:, 1] >= 0) and np.all(b[:, 3] <= 480)
    assert np.all(b[:, 2] - b[:, 0] >= 16) and np.all(b[:, 3] - b[:, 1] >= 16)


def test_box_noise_is_heavy_tailed():
    heavy = make_box_regression(2000, noise_scale=2.0, noise_df=2.0, seed=0).annotation_noise
    light = make_box_regression(2000, noise_scale=2.0, noise_df=1e6, seed=0).annotation_noise
    # median absolute error in pixels is about the scale for both ...
    assert 0.8 < np.median(np.abs(heavy)) < 2.5 and 0.8 < np.median(np.abs(light)) < 2.5
    # ... but the heavy-tailed one has far larger extremes
    assert np.abs(heavy).max() > 5 * np.abs(light).max()
    zero = make_box_regression(10, noise_scale=0.0, seed=0)
    np.testing.assert_array_equal(zero.boxes_annotated, zero.boxes_true)


# --------------------------------------------------------------------------
# bimodal
# --------------------------------------------------------------------------
def test_bimodal_data_mean_and_median_between_modes():
    d = make_bimodal_regression(4000, separation=2.0, noise_std=0.2, upper_weight=0.5, seed=0)
    assert d.X.shape == (4000, 1) and d.y.shape == (4000,)
    x = d.X[:, 0]
    offset = d.y - x
    assert abs(d.upper.mean() - 0.5) < 0.03
    # almost no data near the conditional mean and median (midway between the modes)
    np.testing.assert_allclose(d.conditional_mean(x), x)
    np.testing.assert_allclose(d.conditional_median(x), x)
    assert np.mean(np.abs(offset) < 0.3) < 0.01
    modes = d.modes([0.0])
    np.testing.assert_allclose(modes[:, 0], [-1.0, 1.0])


def test_bimodal_unequal_weights_median_in_heavier_mode():
    d = make_bimodal_regression(20_000, separation=2.0, noise_std=0.2, upper_weight=0.7, seed=1)
    offset = d.y - d.X[:, 0]
    assert d.conditional_mean([0.0])[0] == pytest.approx(0.4)
    med = d.conditional_median([0.0])[0]
    assert 0.5 < med < 1.0
    assert np.median(offset) == pytest.approx(med, abs=0.03)
    assert np.mean(offset) == pytest.approx(0.4, abs=0.03)


# --------------------------------------------------------------------------
# diabetes
# --------------------------------------------------------------------------
def test_load_diabetes_matches_sklearn_with_names():
    d = load_diabetes()
    ref = sklearn.datasets.load_diabetes()
    np.testing.assert_array_equal(d.X, ref.data)
    np.testing.assert_array_equal(d.y, ref.target)
    assert d.feature_names == ("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6")
    assert d.scaled is True
    np.testing.assert_allclose(d.X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose((d.X**2).sum(axis=0), 1.0)
    assert "hdl" in d.feature_descriptions["s3"]
    assert "Diabetes" in d.description
    raw = load_diabetes(scaled=False)
    assert raw.scaled is False and raw.X[:, 0].max() > 50  # age in years


def test_load_diabetes_returns_fresh_copies():
    d = load_diabetes()
    d.X[0, 0] = 1e9
    d.y[0] = -1
    again = load_diabetes()
    assert again.X[0, 0] != 1e9 and again.y[0] != -1


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------
BAD_CALLS = [
    ("n_samples", lambda: make_outlier_regression(0)),
    ("n_samples", lambda: make_outlier_regression(2.5)),
    ("n_samples", lambda: make_outlier_regression("10")),
    ("n_samples", lambda: make_outlier_regression(True)),
    ("n_outliers", lambda: make_outlier_regression(10, n_outliers=11)),
    ("n_outliers", lambda: make_outlier_regression(10, n_outliers=-1)),
    ("outlier_kind", lambda: make_outlier_regression(10, outlier_kind="x")),
    ("noise_std", lambda: make_outlier_regression(10, noise_std=-1.0)),
    ("noise_std", lambda: make_outlier_regression(10, noise_std=np.nan)),
    ("slope", lambda: make_outlier_regression(10, slope=np.inf)),
    ("seed", lambda: make_outlier_regression(10, seed=None)),
    ("seed", lambda: make_outlier_regression(10, seed=-1)),
    ("seed", lambda: make_outlier_regression(10, seed="0")),
    ("noise_std", lambda: make_polynomial_data(10, noise_std=-0.1)),
    ("x", lambda: make_polynomial_data(x=[])),
    ("x", lambda: make_polynomial_data(x=[0.1, np.nan])),
    ("x", lambda: make_polynomial_data(x=[[0.1, 0.2]])),
    ("x", lambda: make_polynomial_data(x="abc")),
    ("validation_fraction", lambda: train_validation_split(np.arange(5),
                                                           validation_fraction=1.0)),
    ("validation_fraction", lambda: train_validation_split(np.arange(5),
                                                           validation_fraction=np.nan)),
    ("arrays", lambda: train_validation_split(np.arange(5), np.arange(4))),
    ("arrays", lambda: train_validation_split(np.arange(1))),
    ("arrays", lambda: train_validation_split()),
    ("arrays", lambda: train_validation_split(3.0)),
    ("n_boxes", lambda: make_box_regression(0)),
    ("image_size", lambda: make_box_regression(5, image_size=(100, 480))),
    ("image_size", lambda: make_box_regression(5, image_size=640)),
    ("noise_df", lambda: make_box_regression(5, noise_df=0.0)),
    ("noise_scale", lambda: make_box_regression(5, noise_scale=-2.0)),
    ("proposal_jitter", lambda: make_box_regression(5, proposal_jitter=np.nan)),
    ("upper_weight", lambda: make_bimodal_regression(10, upper_weight=1.5)),
    ("separation", lambda: make_bimodal_regression(10, separation=-1.0)),
    ("scaled", lambda: load_diabetes(scaled="yes")),
]


@pytest.mark.parametrize("arg, call", BAD_CALLS, ids=[f"{i}-{a}" for i, (a, _) in
                                                      enumerate(BAD_CALLS)])
def test_bad_input_raises_value_error_naming_argument(arg, call):
    with pytest.raises(ValueError, match=arg):
        call()


# --- bad input: named errors (pinned here; see tests/contract_specs_numeric.py)


def test_train_validation_split_ragged_input_is_a_named_error():
    with pytest.raises(ValueError, match=r"\barrays\b"):
        train_validation_split([[1.0], [1.0, 2.0]], np.arange(2.0))


@pytest.mark.parametrize(
    "bad",
    [(640.0, 480.0), np.array([640.0, 480.0], dtype=np.float32), (float("nan"), 480),
     (float("inf"), 480), (640.5, 480), [[1.0], [1.0, 2.0]], (640,), (640, 480, 3),
     (255, 480), ("640", 480), None, 640],
    ids=repr,
)
def test_make_box_regression_image_size_is_a_pair_of_integer_counts(bad):
    # like every count of the package (n_samples=64.0 is refused too), floats
    # are refused even when integral
    with pytest.raises(ValueError, match=r"\bimage_size\b"):
        make_box_regression(5, image_size=bad, seed=0)


def test_make_box_regression_accepts_integer_arrays_for_image_size():
    a = make_box_regression(5, image_size=np.array([640, 480]), seed=0)
    b = make_box_regression(5, image_size=(640, 480), seed=0)
    assert a.image_size == b.image_size == (640, 480)
    assert np.array_equal(a.boxes_annotated, b.boxes_annotated)


@pytest.mark.parametrize("nu", [1e-300, 5e-324, 0.0999])
def test_make_box_regression_noise_df_has_a_documented_lower_bound(nu):
    from l1l2.datasets import MIN_NOISE_DF

    assert MIN_NOISE_DF == 0.1
    with pytest.raises(ValueError, match=r"\bnoise_df\b"):
        make_box_regression(5, noise_df=nu, seed=0)
    d = make_box_regression(1000, noise_df=MIN_NOISE_DF, seed=0)
    assert np.all(np.isfinite(d.annotation_noise))
