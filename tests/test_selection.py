"""l1l2.selection: polynomial features, folds, validation curves, cross-validation and the
bias-variance simulator (exact toy cases and behaviour)."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import linear_model, selection


def test_legendre_features_exact_values_and_span():
    x = np.array([0.0, 0.25, 0.5, 1.0])
    F = selection.polynomial_features(x, 3)
    u = 2 * x - 1
    assert np.allclose(F, np.column_stack([u, (3 * u**2 - 1) / 2, (5 * u**3 - 3 * u) / 2]))
    M = selection.polynomial_features(x, 3, basis="monomial", domain=(0, 1))
    assert np.allclose(M, np.column_stack([u, u**2, u**3]))
    # same column span (with the intercept): the unpenalized fits agree
    rng = np.random.default_rng(0)
    xs = rng.uniform(0, 1, 30)
    y = np.sin(3 * xs)
    fl = linear_model.ridge(selection.polynomial_features(xs, 6), y, 0.0)
    fm = linear_model.ridge(selection.polynomial_features(xs, 6, basis="monomial"), y, 0.0)
    pl = selection.polynomial_features(xs, 6) @ fl.coef + fl.intercept
    pm = selection.polynomial_features(xs, 6, basis="monomial") @ fm.coef + fm.intercept
    assert np.allclose(pl, pm, atol=1e-8)


def test_legendre_is_well_conditioned_at_high_degree():
    x = np.linspace(0, 1, 40)
    cond_leg = np.linalg.cond(selection.polynomial_features(x, 15))
    cond_raw = np.linalg.cond(x[:, None] ** np.arange(1, 16))
    assert cond_leg < 100 < 1e8 < cond_raw


def test_features_do_not_modify_input_and_validate():
    x = np.array([0.1, 0.9])
    selection.polynomial_features(x, 2)
    assert np.array_equal(x, [0.1, 0.9])
    with pytest.raises(ValueError, match="degree"):
        selection.polynomial_features(x, 0)
    with pytest.raises(ValueError, match="basis"):
        selection.polynomial_features(x, 2, basis="chebyshev")
    with pytest.raises(ValueError, match="domain"):
        selection.polynomial_features(x, 2, domain=(1, 0))
    with pytest.raises(ValueError, match="x"):
        selection.polynomial_features([[0.1]], 2)


def test_kfold_partitions_and_is_seeded():
    folds = selection.kfold_indices(11, 3, seed=4)
    vals = np.concatenate([v for _, v in folds])
    assert sorted(vals.tolist()) == list(range(11))
    assert [len(v) for _, v in folds] == [4, 4, 3]
    for tr, va in folds:
        assert not set(tr) & set(va) and len(tr) + len(va) == 11
    again = selection.kfold_indices(11, 3, seed=4)
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(folds, again, strict=True))
    with pytest.raises(ValueError, match="n_folds"):
        selection.kfold_indices(3, 4)
    with pytest.raises(ValueError, match="n_folds"):
        selection.kfold_indices(10, 1)


def test_mse():
    assert selection.mse([0.0, 0.0], [1.0, 3.0]) == 5.0
    with pytest.raises(ValueError, match="same shape"):
        selection.mse([0.0], [1.0, 2.0])


def test_validation_curve_matches_ridge_and_training_error_grows():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(25, 4))
    y = X @ [1.0, -2.0, 0.0, 0.5] + rng.normal(size=25)
    alphas = [0.0, 0.1, 1.0, 10.0, 100.0]
    tr, va = selection.validation_curve(X[:18], y[:18], X[18:], y[18:], alphas)
    fit = linear_model.ridge(X[:18], y[:18], 1.0)
    assert va[2] == pytest.approx(np.mean((y[18:] - X[18:] @ fit.coef - fit.intercept) ** 2))
    assert np.all(np.diff(tr) >= -1e-12)  # the penalty can only raise the training error
    with pytest.raises(ValueError, match="alphas"):
        selection.validation_curve(X, y, X, y, [-1.0])
    with pytest.raises(ValueError, match="X_val"):
        selection.validation_curve(X, y, X[:, :2], y, [1.0])


def test_cross_validation_by_hand():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(20, 3))
    y = X @ [1.0, 0.0, -1.0] + 0.3 * rng.normal(size=20)
    alphas = [0.01, 1.0, 50.0]
    cv = selection.cross_validate_ridge(X, y, alphas, n_folds=4, seed=3)
    for k, (tr, va) in enumerate(selection.kfold_indices(20, 4, seed=3)):
        for j, a in enumerate(alphas):
            fit = linear_model.ridge(X[tr], y[tr], a)
            err = np.mean((y[va] - X[va] @ fit.coef - fit.intercept) ** 2)
            assert cv.fold_mse[k, j] == pytest.approx(err)
    assert np.allclose(cv.mean, cv.fold_mse.mean(axis=0))
    assert cv.best_alpha == alphas[int(np.argmin(cv.mean))]
    assert cv.alpha_1se >= cv.best_alpha


def test_bias_variance_exact_formulas_and_simulation():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 1, 15))
    X = selection.polynomial_features(x, 4)
    f = np.sin(2 * np.pi * x)
    alphas = [0.0, 0.1, 10.0]
    bv = selection.bias_variance_ridge(X, f, alphas, noise_std=0.5, n_sim=20000, seed=1)
    # exact: projection at alpha = 0 -> variance sigma^2 (p + 1) / n
    assert bv.variance_exact[0] == pytest.approx(0.25 * 5 / 15)
    # exact bias: the ridge fit to the noiseless f
    for j, a in enumerate(alphas):
        fit = linear_model.ridge(X, f, a)
        assert bv.bias2_exact[j] == pytest.approx(np.mean((X @ fit.coef + fit.intercept - f)
                                                          ** 2), abs=1e-12)
    assert np.allclose(bv.variance, bv.variance_exact, rtol=0.05)
    assert np.allclose(bv.error, bv.bias2_exact + bv.variance_exact + bv.noise, rtol=0.03)
    assert np.all(np.diff(bv.variance_exact) < 0) and np.all(np.diff(bv.bias2_exact) > 0)


def test_bias_variance_on_evaluation_points():
    x = np.linspace(0, 1, 12)
    grid = np.linspace(0, 1, 50)
    X, Xg = selection.polynomial_features(x, 3), selection.polynomial_features(grid, 3)
    bv = selection.bias_variance_ridge(X, x**2, [0.0, 1.0], noise_std=0.2, X_eval=Xg,
                                       f_eval=grid**2, n_sim=20000, seed=0)
    assert bv.bias2_exact[0] == pytest.approx(0.0, abs=1e-20)  # x^2 is in the model
    assert np.allclose(bv.variance, bv.variance_exact, rtol=0.05)
    with pytest.raises(ValueError, match="f_eval"):
        selection.bias_variance_ridge(X, x**2, [1.0], noise_std=0.2, X_eval=Xg)
    with pytest.raises(ValueError, match="noise_std"):
        selection.bias_variance_ridge(X, x**2, [1.0], noise_std=-1.0)


def test_inputs_not_modified():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(10, 2))
    y = rng.normal(size=10)
    X0, y0 = X.copy(), y.copy()
    selection.cross_validate_ridge(X, y, [1.0], n_folds=2)
    selection.bias_variance_ridge(X, y, [1.0], noise_std=1.0, n_sim=5)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


# -- issue 11 -----------------------------------------------------------------------


@pytest.mark.parametrize("noise_std", [np.inf, 1e200])
def test_bias_variance_ridge_refuses_an_unrepresentable_noise(noise_std):
    from l1l2.selection import bias_variance_ridge

    X = np.linspace(-1, 1, 10)[:, None]
    with pytest.raises(ValueError, match="^noise_std"):
        bias_variance_ridge(X, X.ravel() ** 2, [0.0, 1.0], noise_std=noise_std, n_sim=20)


# -- issue 15: the fast CV path and nested cross-validation ----------------------------


def test_cross_validation_path_matches_ridge_at_p_above_n_and_alpha_zero():
    # p > n on every fold: alpha = 0 must be the minimum-norm fit, as ridge's
    rng = np.random.default_rng(5)
    X = rng.normal(size=(12, 20))
    y = rng.normal(size=12)
    alphas = [0.0, 1e-3, 1.0]
    cv = selection.cross_validate_ridge(X, y, alphas, n_folds=3, seed=1)
    for k, (tr, va) in enumerate(selection.kfold_indices(12, 3, seed=1)):
        for j, a in enumerate(alphas):
            fit = linear_model.ridge(X[tr], y[tr], a)
            err = np.mean((y[va] - X[va] @ fit.coef - fit.intercept) ** 2)
            assert cv.fold_mse[k, j] == pytest.approx(err, rel=1e-8)


def test_cross_validation_is_scale_equivariant():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(15, 3))
    y = X @ [1.0, 0.5, 0.0] + rng.normal(size=15)
    cv = selection.cross_validate_ridge(X, y, [0.1, 10.0], n_folds=3)
    big = selection.cross_validate_ridge(1e50 * X, 1e50 * y, [0.1e100, 10.0e100],
                                         n_folds=3)
    assert np.allclose(big.mean / 1e100, cv.mean, rtol=1e-10)


def test_nested_cross_validation_by_hand():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(24, 4))
    y = X @ [1.0, -1.0, 0.0, 0.5] + 0.5 * rng.normal(size=24)
    alphas = [0.01, 0.3, 3.0, 30.0]
    res = selection.nested_cross_validate_ridge(X, y, alphas, n_outer=4, n_inner=3, seed=2)
    # the ordinary CV curve is cross_validate_ridge's
    cv = selection.cross_validate_ridge(X, y, alphas, n_folds=3, seed=2)
    assert np.allclose(res.cv_mean, cv.mean) and res.best_alpha == cv.best_alpha
    assert res.cv_min == pytest.approx(cv.mean.min())
    for k, (tr, va) in enumerate(selection.kfold_indices(24, 4, seed=2)):
        inner = selection.cross_validate_ridge(X[tr], y[tr], alphas, n_folds=3, seed=2)
        assert res.chosen_alpha[k] == inner.best_alpha
        assert res.inner_min[k] == pytest.approx(inner.mean.min())
        fit = linear_model.ridge(X[tr], y[tr], inner.best_alpha)
        err = np.mean((y[va] - X[va] @ fit.coef - fit.intercept) ** 2)
        assert res.outer_mse[k] == pytest.approx(err)
    assert res.estimate == pytest.approx(res.outer_mse.mean())
    assert res.se == pytest.approx(res.outer_mse.std(ddof=1) / 2)


def test_nested_cv_is_not_optimistic_where_the_cv_minimum_is():
    # pure noise, many candidate strengths: the best CV score is biased low, the
    # nested estimate is not (averaged over 40 data sets; truth: E error >= sigma^2 = 1)
    mins, nested = [], []
    for s in range(40):
        rng = np.random.default_rng(100 + s)
        X = rng.normal(size=(30, 10))
        y = rng.normal(size=30)
        res = selection.nested_cross_validate_ridge(X, y, np.geomspace(1e-3, 1e3, 25),
                                                    seed=s)
        mins.append(res.cv_min)
        nested.append(res.estimate)
    assert np.mean(mins) < 1.0 < np.mean(nested)


def test_nested_cv_bad_arguments_and_inputs_kept():
    X = np.random.default_rng(0).normal(size=(10, 2))
    y = X[:, 0].copy()
    X0, y0 = X.copy(), y.copy()
    selection.nested_cross_validate_ridge(X, y, [1.0], n_outer=2, n_inner=2)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)
    with pytest.raises(ValueError, match="^n_inner"):
        selection.nested_cross_validate_ridge(X, y, [1.0], n_outer=5, n_inner=9)
    with pytest.raises(ValueError, match="^n_outer"):
        selection.nested_cross_validate_ridge(X, y, [1.0], n_outer=11)
    with pytest.raises(ValueError, match="^n_outer"):
        selection.nested_cross_validate_ridge(X, y, [1.0], n_outer=1)
    with pytest.raises(ValueError, match="alphas"):
        selection.nested_cross_validate_ridge(X, y, [-1.0])
