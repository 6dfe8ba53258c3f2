"""l1l2.figures.regularization: overfitting and ridge (overfit_explorer), ridge's
shrinkage per principal direction (ridge_shrinkage_explorer), the elastic net on
a correlated pair (elastic_net_explorer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import datasets, figures, linear_model


def slider_labels(fig_i):
    """The values each slider shows, as formatted on the page."""
    return [[fig_i.formats[n].format(v) for v in values] for n, values in fig_i.params.items()]

# -- overfitting ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def overfit():
    return figures.compute_overfit(degrees=[1, 9], alphas=[1e-6, 1e-2, 1.0])


def test_training_error_falls_with_degree_at_small_lambda(overfit):
    assert overfit.train_mse[9, 1e-6] < overfit.train_mse[1, 1e-6]
    # and rises with lambda at a fixed degree
    assert overfit.train_mse[9, 1e-6] < overfit.train_mse[9, 1e-2] < overfit.train_mse[9, 1.0]


def test_errors_are_those_of_the_drawn_fits(overfit):
    assert overfit.x_train.size == 20 and overfit.x_val.size == 10
    assert np.allclose(overfit.truth, np.sin(2 * np.pi * overfit.grid))
    for (d, a), mse in overfit.val_mse.items():
        assert mse == pytest.approx(np.interp(a, overfit.fine_alphas, overfit.val_curves[d]),
                                    rel=0.5)


def test_setting_degree_and_lambda_changes_the_artists(overfit):
    fig_i = figures.overfit_explorer(result=overfit)
    assert slider_labels(fig_i) == [["1", "9"], ["1e-06", "1e-02", "1e+00"]]
    fig_i.set(degree=9, alpha=1.0)
    marks = [ln for ax in fig_i.fig.axes for ln in ax.lines
             if np.allclose(ln.get_xydata(), [[1.0, overfit.val_mse[9, 1.0]]])]
    assert len(marks) == 1
    fits = [ln for ax in fig_i.fig.axes for ln in ax.lines
            if np.array_equal(ln.get_ydata(), overfit.fits[9, 1.0])]
    assert len(fits) == 1
    fig_i.set(degree=1)
    assert any("degree 1" in ax.get_title() for ax in fig_i.fig.axes)
    plt.close(fig_i.fig)


def test_default_overfit_figure():
    fig_i = figures.overfit_explorer()
    assert fig_i.n_frames == 48 and fig_i.values == {"degree": 15, "alpha": 1e-8}
    plt.close(fig_i.fig)


def test_overfit_bad_arguments():
    with pytest.raises(ValueError, match="degrees"):
        figures.compute_overfit(degrees=[0, 3])
    with pytest.raises(ValueError, match="alphas"):
        figures.compute_overfit(alphas=[0.0, 1.0])


# -- ridge's shrinkage --------------------------------------------------------------------


@pytest.fixture(scope="module")
def shrink():
    return figures.compute_ridge_shrinkage(lambdas=[0.01, 0.1, 1.0])


def test_factors_and_degrees_of_freedom(shrink):
    assert np.all(np.diff(shrink.d2) <= 0)  # decreasing
    for lam in shrink.lambdas:
        assert np.array_equal(shrink.factors[lam], shrink.d2 / (shrink.d2 + lam))
        assert shrink.df[lam] == pytest.approx(np.sum(shrink.d2 / (shrink.d2 + lam)))
    assert shrink.df[0.01] > shrink.df[0.1] > shrink.df[1.0]


def test_shrunk_coordinates_are_the_ridge_fit(shrink):
    d = datasets.load_diabetes()
    fit = linear_model.ridge(d.X, d.y, alpha=0.1)
    yhat = d.X @ fit.coef + fit.intercept - d.y.mean()
    U = np.linalg.svd(d.X - d.X.mean(0), full_matrices=False)[0]
    assert np.allclose(shrink.coords * shrink.factors[0.1], U.T @ yhat, atol=1e-8)


def test_exact_toy_case_orthogonal_columns():
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]])
    res = figures.compute_ridge_shrinkage(X, np.array([1.0, -1.0, 0.0, 0.0]),
                                          lambdas=[2.0, 8.0])
    assert np.allclose(res.d2, [8.0, 2.0])
    assert np.allclose(res.factors[8.0], [0.5, 0.2]) and res.df[2.0] == pytest.approx(1.3)


def test_setting_lambda_changes_the_bars(shrink):
    fig_i = figures.ridge_shrinkage_explorer(result=shrink)
    assert slider_labels(fig_i) == [["0.01", "0.1", "1"]]
    fig_i.set(lambda_=1.0)
    heights = [np.array([b.get_height() for b in c]) for ax in fig_i.fig.axes
               for c in ax.containers]
    assert any(np.allclose(h, shrink.coords * shrink.factors[1.0]) for h in heights)
    assert any(np.allclose(h, shrink.coords) for h in heights)  # least squares, fixed
    assert any(": effective degrees of freedom" in ax.get_title() for ax in fig_i.fig.axes)
    plt.close(fig_i.fig)


def test_default_ridge_figure_and_custom_data():
    fig_i = figures.ridge_shrinkage_explorer()
    assert fig_i.n_frames == 16 and fig_i.values == {"lambda_": 0.1}
    plt.close(fig_i.fig)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    fig_i = figures.ridge_shrinkage_explorer(X, y, lambdas=[0.5, 2.0])
    assert fig_i.result.d2.shape == (3,) and fig_i.values == {"lambda_": 2.0}
    plt.close(fig_i.fig)
    with pytest.raises(ValueError, match="together"):
        figures.compute_ridge_shrinkage(X)
    with pytest.raises(ValueError, match="lambdas"):
        figures.compute_ridge_shrinkage(lambdas=[0.0, 1.0])


# -- the elastic net -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def enet():
    return figures.compute_elastic_net(l1_ratios=[1.0, 0.5], alphas=[1.0, 0.2, 0.06],
                                       n_path=6)


def test_lasso_picks_one_of_the_pair_and_the_elastic_net_keeps_both(enet):
    w_lasso, w_enet = enet.coefs[1.0, 1.0], enet.coefs[0.5, 1.0]
    assert np.count_nonzero(w_lasso[:2]) == 1
    assert np.count_nonzero(w_enet[:2]) == 2
    assert abs(w_enet[0] - w_enet[1]) < 0.2 * abs(w_enet[0])
    np.testing.assert_allclose(w_enet, linear_model.elastic_net(enet.X, enet.y, 1.0, 0.5).coef)
    # l1_ratio = 1 is the lasso
    for a in enet.alphas:
        np.testing.assert_allclose(enet.coefs[1.0, a], enet.lasso[a], atol=1e-8)


def test_paths_are_the_solutions_along_the_path(enet):
    assert enet.paths[0.5].shape == (6, 5)
    np.testing.assert_allclose(
        enet.paths[0.5][0], linear_model.elastic_net(enet.X, enet.y, enet.path_alphas[0],
                                                     0.5).coef)


def test_setting_values_changes_the_bars(enet):
    fig_i = figures.elastic_net_explorer(result=enet)
    assert slider_labels(fig_i) == [["1", "0.5"], ["1", "0.2", "0.06"]]
    fig_i.set(l1_ratio=0.5, alpha=1.0)
    heights = [np.array([b.get_height() for b in c]) for ax in fig_i.fig.axes
               for c in ax.containers]
    assert any(np.allclose(h, enet.coefs[0.5, 1.0]) for h in heights)
    fig_i.set(alpha=0.2)
    assert any(np.allclose(h, enet.coefs[0.5, 0.2]) for h in
               ([b.get_height() for b in c] for ax in fig_i.fig.axes for c in ax.containers))
    assert any("non-zero" in t.get_text() for ax in fig_i.fig.axes for t in ax.texts)
    plt.close(fig_i.fig)


def test_default_elastic_net_figure():
    fig_i = figures.elastic_net_explorer(n_path=4)
    assert fig_i.n_frames == 30 and fig_i.values == {"l1_ratio": 1.0, "alpha": 1.0}
    plt.close(fig_i.fig)


def test_elastic_net_bad_arguments():
    with pytest.raises(ValueError, match="l1_ratios"):
        figures.compute_elastic_net(l1_ratios=[0.0, 1.0])
    with pytest.raises(ValueError, match="alphas"):
        figures.compute_elastic_net(alphas=[-1.0, 1.0])
