"""Benchmark of the book's interactive figures: one slider step each.

For every interactive figure of the book (``FIGURES`` below), measure the
median time of one slider step as the live widget performs it: update the
artists, draw (blitting the animated ones over a cached background) and
encode the PNG the image widget shows. The reference is the naive
``ipywidgets.interact`` pattern, whose callback rebuilds and renders the
whole figure at every step. Goal: <= 30 ms per step.

Run ``python benchmarks/bench_interactive.py`` to print the table.
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from l1l2 import interactive  # noqa: E402


def _two(values, value):
    """``value`` and one other slider position: the fewest a slider accepts."""
    return [value, next(v for v in values if v != value)]


#: Every interactive figure of the book: name -> (builder, rebuild). The
#: builder returns the InteractiveFigure; ``rebuild(fig_i, values)`` builds a
#: fresh figure for one position, as a naive ``interact`` callback would (it
#: computes at most two positions' data: the fewest a builder accepts).
FIGURES = {
    "ch. 1 loss_explorer": (
        interactive.loss_explorer,
        lambda f, v: interactive.loss_explorer(
            betas=_two(f.params["beta"], v["beta"]), initial=v),
    ),
    "ch. 2 gd_explorer": (
        interactive.gd_explorer,
        lambda f, v: interactive.gd_explorer(
            lrs=_two(f.params["lr"], v["lr"]), starts=_two(f.params["start"], v["start"]),
            betas=_two(f.params["beta"], v["beta"]), initial=v),
    ),
    "ch. 3 drag_point_explorer": (
        interactive.drag_point_explorer,
        lambda f, v: interactive.drag_point_explorer(
            offsets=_two(f.params["offset"], v["offset"])),
    ),
    "ch. 4 box_beta_explorer": (
        interactive.box_beta_explorer,
        lambda f, v: interactive.box_beta_explorer(
            betas=_two(f.params["beta"], v["beta"]), initial=v),
    ),
    "ch. 5 overfit_explorer": (
        interactive.overfit_explorer,
        lambda f, v: interactive.overfit_explorer(
            degrees=_two(f.params["degree"], v["degree"]),
            alphas=_two(f.params["alpha"], v["alpha"]), initial=v),
    ),
    "ch. 7 elastic_net_explorer": (
        interactive.elastic_net_explorer,
        lambda f, v: interactive.elastic_net_explorer(
            l1_ratios=_two(f.params["l1_ratio"], v["l1_ratio"]),
            alphas=_two(f.params["alpha"], v["alpha"]), initial=v),
    ),
    "ch. 6 ridge_shrinkage_explorer": (
        interactive.ridge_shrinkage_explorer,
        lambda f, v: interactive.ridge_shrinkage_explorer(
            lambdas=_two(f.params["lambda_"], v["lambda_"]), initial=v),
    ),
    "ch. 10 posterior_explorer": (
        interactive.posterior_explorer,
        lambda f, v: interactive.posterior_explorer(
            scales=_two(f.params["scale"], v["scale"]),
            noise_stds=_two(f.params["noise_std"], v["noise_std"]), initial=v),
    ),
    "ch. 9 lp_ball_explorer": (
        interactive.lp_ball_explorer,
        lambda f, v: interactive.lp_ball_explorer(
            ps=_two(f.params["p"], v["p"]), angles=_two(f.params["angle"], v["angle"]),
            budgets=_two(f.params["t"], v["t"]), initial=v),
    ),
    "ch. 9 kink_explorer": (
        interactive.kink_explorer,
        lambda f, v: interactive.kink_explorer(
            lams=_two(f.params["lam"], v["lam"]), slopes=_two(f.params["slope"], v["slope"]),
            initial=v),
    ),
    "ch. 8 adam_decay_explorer": (
        interactive.adam_decay_explorer,
        lambda f, v: interactive.adam_decay_explorer(
            weight_decays=_two(f.params["weight_decay"], v["weight_decay"]),
            lrs=_two(f.params["lr"], v["lr"]), initial=v),
    ),
}

GOAL_MS = 30.0


def _positions(fig_i):
    """A walk over every slider position, one parameter at a time."""
    steps = []
    for name, values in fig_i.params.items():
        steps += [{name: v} for v in values] + [{name: v} for v in reversed(values)]
    return steps


def step_times(fig_i, repeats: int = 3) -> list[float]:
    times = []
    for _ in range(repeats):
        for values in _positions(fig_i):
            start = time.perf_counter()
            fig_i.step(**values)
            times.append(time.perf_counter() - start)
    return times


def rebuild_times(rebuild, fig_i, repeats: int = 1) -> list[float]:
    """The naive callback: build the figure from scratch, render it, close it.

    Building lays the figure out (one draw) and rendering draws it again, as
    the inline backend's ``bbox_inches="tight"`` rendering also draws twice.
    """
    times = []
    for _ in range(repeats):
        for step in _positions(fig_i)[::2]:
            values = {**fig_i.values, **step}
            start = time.perf_counter()
            fresh = rebuild(fig_i, values)
            fresh.set(**{k: v for k, v in values.items() if k in fresh.params})
            fresh.render_png()
            plt.close(fresh.fig)
            times.append(time.perf_counter() - start)
    return times


def run() -> list[dict]:
    rows = []
    def chapter(item):  # "ch. 10 ..." after "ch. 9 ..."
        return int(item[0].split()[1])

    for name, (builder, rebuild) in sorted(FIGURES.items(), key=chapter):
        fig_i = builder()
        fig_i.step(**fig_i.values)  # warm-up: caches the background
        ours = statistics.median(step_times(fig_i))
        ref = statistics.median(rebuild_times(rebuild, fig_i))
        plt.close(fig_i.fig)
        rows.append({"name": f"{name}: one slider step", "ours_s": ours, "ref_s": ref,
                     "ref_name": "naive interact callback rebuilding the figure",
                     "goal": f"<= {GOAL_MS:.0f} ms"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {1e3 * row['ours_s']:.1f} ms per step; rebuilding: "
              f"{1e3 * row['ref_s']:.1f} ms ({row['ref_s'] / row['ours_s']:.1f}x slower)")
