"""Lasso speed: l1l2.linear_model against scikit-learn, side by side in one run.

Rows
----
* ``lasso_path`` on the diabetes data, 100 alphas from alpha_max down to
  1e-3 alpha_max, against ``sklearn.linear_model.lasso_path`` (goal <= 1.0x);
* ``lasso`` with ``method="cd"`` and ``"fista"`` on a synthetic n = 500,
  p = 2000 problem (seeded, 20 non-zero true coefficients) against
  ``sklearn.linear_model.Lasso``, both solved to the same duality gap
  (goal <= 2x). The main rows use alpha = 0.1 alpha_max (about 20 non-zero
  coefficients); two extra rows use alpha = 0.01 alpha_max (about 170).

Same stopping rule on both sides. l1l2 stops when the duality gap is at most
``tol * ||y||^2 / (2n)``; scikit-learn stops when it is at most
``tol * ||y||^2 / n`` (its ``tol`` is multiplied by ``y'y`` in ``_cd_fast``
with the objective scaled by n), so scikit-learn is given ``tol / 2``.
scikit-learn also requires its largest coordinate update to be below ``tol``
(relative) before it looks at the gap; that extra condition is its own.

The gaps actually reached are recomputed here independently, with the
rescaled-residual dual point, and reported relative to P(0) = ||y||^2 / (2n).

Each timing is the median of ``REPEATS`` runs, alternating ours and theirs.
BLAS runs single-threaded on both sides by default (``run(blas_threads=1)``,
through threadpoolctl, a scikit-learn dependency): on the 2-core machine, with
other work running, multi-threaded BLAS made both sides' timings erratic (up to
2x from run to run). scikit-learn's coordinate descent is single-threaded
Cython anyway. ``python bench_lasso.py --blas-threads 0`` keeps the library
defaults.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso
from sklearn.linear_model import lasso_path as sk_lasso_path
from threadpoolctl import threadpool_limits

from l1l2.linear_model import lasso, lasso_alpha_max, lasso_path

TOL = 1e-10  # l1l2's default; relative duality gap
REPEATS = 9


def relative_gap(X, y, coef, alpha, fit_intercept):
    """Duality gap of the lasso at coef, divided by P(0) = ||y||^2/(2n)."""
    if fit_intercept:
        X = X - X.mean(axis=0)
        y = y - y.mean()
    n = len(y)
    R = y - X @ coef
    primal = R @ R / (2 * n) + alpha * np.abs(coef).sum()
    s = min(1.0, alpha / (np.abs(X.T @ R).max() / n))  # dual point theta = s R / n
    dual = (s * R @ y - 0.5 * s * s * R @ R) / n
    return (primal - dual) / (y @ y / (2 * n))


def timed(func, repeats):
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t)
    return times, out


def side_by_side(ours, ref, repeats=REPEATS):
    ours(), ref()  # warm-up
    t_ours, t_ref = [], []
    out_ours = out_ref = None
    for _ in range(repeats):
        a, out_ours = timed(ours, 1)
        b, out_ref = timed(ref, 1)
        t_ours += a
        t_ref += b
    return statistics.median(t_ours), statistics.median(t_ref), out_ours, out_ref


def synthetic(n=500, p=2000, k=20, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = np.zeros(p)
    w[:k] = rng.choice([-1.0, 1.0], k) * rng.uniform(1.0, 3.0, k)
    y = X @ w + rng.standard_normal(n)
    return X, y


def bench_path():
    X, y = load_diabetes(return_X_y=True)
    alphas = lasso_alpha_max(X, y) * np.logspace(0, -3, 100)

    def ours():
        return lasso_path(X, y, alphas, tol=TOL)

    def ref():
        return sk_lasso_path(X, y, alphas=alphas, tol=TOL / 2, max_iter=100_000)[1].T

    t_o, t_r, c_o, c_r = side_by_side(ours, ref)
    g_o = max(relative_gap(X, y, c, a, False) for c, a in zip(c_o, alphas, strict=True))
    g_r = max(relative_gap(X, y, c, a, False) for c, a in zip(c_r, alphas, strict=True))
    return dict(
        name="lasso_path, diabetes 442x10, 100 alphas", ours_s=t_o, ref_s=t_r,
        ref_name="sklearn.linear_model.lasso_path", goal="<= 1.0x", ratio=t_o / t_r,
        ours_gap=float(g_o), ref_gap=float(g_r), tol=TOL,
    )


def bench_lasso(method, frac):
    X, y = synthetic()
    alpha = frac * lasso_alpha_max(X, y, fit_intercept=True)

    def ours():
        return lasso(X, y, alpha, tol=TOL, method=method).coef

    def ref():
        return Lasso(alpha=alpha, tol=TOL / 2, max_iter=100_000).fit(X, y).coef_

    t_o, t_r, c_o, c_r = side_by_side(ours, ref)
    return dict(
        name=f"lasso {method}, synthetic 500x2000, {frac:g} alpha_max "
             f"({np.count_nonzero(c_o)} nnz)",
        ours_s=t_o, ref_s=t_r, ref_name="sklearn.linear_model.Lasso", goal="<= 2x",
        ratio=t_o / t_r, ours_gap=float(relative_gap(X, y, c_o, alpha, True)),
        ref_gap=float(relative_gap(X, y, c_r, alpha, True)), tol=TOL,
    )


def run(blas_threads: int | None = 1) -> list[dict]:
    """Measure every row; each dict has name, ours_s, ref_s, ref_name, goal (and
    ratio, ours_gap, ref_gap, tol: the relative duality gaps reached).

    ``blas_threads``: BLAS threads for both sides (None or 0: library default).
    """
    with warnings.catch_warnings(), threadpool_limits(limits=blas_threads or None,
                                                      user_api="blas"):
        warnings.simplefilter("error")  # a non-converged fit would make the row meaningless
        return [
            bench_path(),
            bench_lasso("cd", 0.1),
            bench_lasso("fista", 0.1),
            bench_lasso("cd", 0.01),
            bench_lasso("fista", 0.01),
        ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads for both sides; 0 keeps the library default")
    threads = parser.parse_args().blas_threads
    rows = run(threads)
    head = f"| {'benchmark':<58} | {'l1l2':>9} | {'sklearn':>9} | {'ratio':>6} | {'goal':>7} |"
    head += f" {'gap l1l2':>9} | {'gap sklearn':>11} |"
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for r in rows:
        print(
            f"| {r['name']:<58} | {r['ours_s'] * 1e3:>6.2f} ms | {r['ref_s'] * 1e3:>6.2f} ms "
            f"| {r['ratio']:>5.2f}x | {r['goal']:>7} "
            f"| {r['ours_gap']:>9.1e} | {r['ref_gap']:>11.1e} |"
        )
    print(f"\nGaps are relative to P(0) = ||y||^2/(2n); both sides were asked for <= {TOL:g}.")
    print(f"BLAS threads: {threads or 'library default'}; median of {REPEATS} alternating runs.")


if __name__ == "__main__":
    main()
