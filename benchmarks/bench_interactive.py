"""Benchmark of the book's interactive figures: one slider step, and one display.

For every interactive figure of the book (``FIGURES`` below), measure

* **a slider step** — the median time of one step as the live widget performs
  it: update the artists, draw (blitting the animated ones over a cached
  background) and encode the PNG the image widget shows. The reference is the
  naive ``ipywidgets.interact`` pattern, whose callback rebuilds and renders
  the whole figure at every step. Goal: <= 30 ms per step.
* **a display in a live kernel** — what running the chapter's cell costs: build
  the figure (``figures.<name>_explorer()``, its numbers included) and compute
  its MIME bundle (``_repr_mimebundle_``: the widget and a one-frame HTML
  fallback), with ``L1L2_STATIC_FRAMES`` unset. The reference is the same
  display with ``L1L2_STATIC_FRAMES=all``, which renders every static frame
  (what every display did before the variable existed; the book build sets
  it). Goal: <= 0.3 s per figure.

Run ``python benchmarks/bench_interactive.py`` to print both tables
(``--steps`` or ``--display`` for one of them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from l1l2 import figures  # noqa: E402
from l1l2.interactive import STATIC_FRAMES_ENV  # noqa: E402


def _two(values, value):
    """``value`` and one other slider position: the fewest a slider accepts."""
    return [value, next(v for v in values if v != value)]


#: Every interactive figure of the book: name -> (builder, rebuild). The
#: builder returns the InteractiveFigure; ``rebuild(fig_i, values)`` builds a
#: fresh figure for one position, as a naive ``interact`` callback would (it
#: computes at most two positions' data: the fewest a builder accepts).
FIGURES = {
    "ch. 1 loss_explorer": (
        figures.loss_explorer,
        lambda f, v: figures.loss_explorer(
            betas=_two(f.params["beta"], v["beta"]), initial=v),
    ),
    "ch. 2 gd_explorer": (
        figures.gd_explorer,
        lambda f, v: figures.gd_explorer(
            lrs=_two(f.params["lr"], v["lr"]), starts=_two(f.params["start"], v["start"]),
            betas=_two(f.params["beta"], v["beta"]), initial=v),
    ),
    "ch. 3 drag_point_explorer": (
        figures.drag_point_explorer,
        lambda f, v: figures.drag_point_explorer(
            offsets=_two(f.params["offset"], v["offset"])),
    ),
    "ch. 4 box_beta_explorer": (
        figures.box_beta_explorer,
        lambda f, v: figures.box_beta_explorer(
            betas=_two(f.params["beta"], v["beta"]), initial=v),
    ),
    "ch. 5 overfit_explorer": (
        figures.overfit_explorer,
        lambda f, v: figures.overfit_explorer(
            degrees=_two(f.params["degree"], v["degree"]),
            alphas=_two(f.params["alpha"], v["alpha"]), initial=v),
    ),
    "ch. 6 ridge_shrinkage_explorer": (
        figures.ridge_shrinkage_explorer,
        lambda f, v: figures.ridge_shrinkage_explorer(
            lambdas=_two(f.params["lambda_"], v["lambda_"]), initial=v),
    ),
    "ch. 7 elastic_net_explorer": (
        figures.elastic_net_explorer,
        lambda f, v: figures.elastic_net_explorer(
            l1_ratios=_two(f.params["l1_ratio"], v["l1_ratio"]),
            alphas=_two(f.params["alpha"], v["alpha"]), initial=v),
    ),
    "ch. 8 adam_decay_explorer": (
        figures.adam_decay_explorer,
        lambda f, v: figures.adam_decay_explorer(
            weight_decays=_two(f.params["weight_decay"], v["weight_decay"]),
            lrs=_two(f.params["lr"], v["lr"]), initial=v),
    ),
    "ch. 9 lp_ball_explorer": (
        figures.lp_ball_explorer,
        lambda f, v: figures.lp_ball_explorer(
            ps=_two(f.params["p"], v["p"]), angles=_two(f.params["angle"], v["angle"]),
            budgets=_two(f.params["t"], v["t"]), initial=v),
    ),
    "ch. 9 kink_explorer": (
        figures.kink_explorer,
        lambda f, v: figures.kink_explorer(
            lams=_two(f.params["lam"], v["lam"]), slopes=_two(f.params["slope"], v["slope"]),
            initial=v),
    ),
    "ch. 10 posterior_explorer": (
        figures.posterior_explorer,
        lambda f, v: figures.posterior_explorer(
            scales=_two(f.params["scale"], v["scale"]),
            noise_stds=_two(f.params["noise_std"], v["noise_std"]), initial=v),
    ),
    "ch. 11 sparse_share_explorer": (
        figures.sparse_share_explorer,
        lambda f, v: figures.sparse_share_explorer(
            ratios=_two(f.params["ratio"], v["ratio"]), rhos=_two(f.params["rho"], v["rho"]),
            initial=v),
    ),
}

GOAL_MS = 30.0
DISPLAY_GOAL_S = 0.3


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


def display_time(builder, all_frames: bool) -> float:
    """Seconds to build the figure and compute its MIME bundle, as a kernel
    displaying the cell's result does, with or without every static frame."""
    saved = os.environ.pop(STATIC_FRAMES_ENV, None)
    if all_frames:
        os.environ[STATIC_FRAMES_ENV] = "all"
    try:
        start = time.perf_counter()
        fig_i = builder()
        fig_i._repr_mimebundle_()
        elapsed = time.perf_counter() - start
    finally:
        os.environ.pop(STATIC_FRAMES_ENV, None)
        if saved is not None:
            os.environ[STATIC_FRAMES_ENV] = saved
    plt.close(fig_i.fig)
    return elapsed


def _chapter(item):  # "ch. 10 ..." after "ch. 9 ..."
    return int(item[0].split()[1])


def run_steps() -> list[dict]:
    rows = []
    for name, (builder, rebuild) in sorted(FIGURES.items(), key=_chapter):
        fig_i = builder()
        fig_i.step(**fig_i.values)  # warm-up: caches the background
        ours = statistics.median(step_times(fig_i))
        ref = statistics.median(rebuild_times(rebuild, fig_i))
        plt.close(fig_i.fig)
        rows.append({"name": f"{name}: one slider step", "ours_s": ours, "ref_s": ref,
                     "ref_name": "naive interact callback rebuilding the figure",
                     "goal": f"<= {GOAL_MS:.0f} ms"})
    return rows


def run_display(repeats: int = 2) -> list[dict]:
    """Display times, the live kernel and the book build alternately; the best of
    ``repeats`` (the first display of a figure may also load its data set)."""
    # warm-up: the first figure pays for importing matplotlib's and ipywidgets' parts
    display_time(figures.kink_explorer, all_frames=False)
    rows = []
    for name, (builder, _) in sorted(FIGURES.items(), key=_chapter):
        live, book = [], []
        for _ in range(repeats):
            live.append(display_time(builder, all_frames=False))
            book.append(display_time(builder, all_frames=True))
        rows.append({"name": f"{name}: display in a live kernel", "ours_s": min(live),
                     "ref_s": min(book),
                     "ref_name": f"every static frame, {STATIC_FRAMES_ENV}=all",
                     "goal": f"<= {DISPLAY_GOAL_S} s"})
    return rows


def run() -> list[dict]:
    return run_steps() + run_display()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", action="store_true", help="only the slider steps")
    parser.add_argument("--display", action="store_true", help="only the displays")
    parser.add_argument("--repeats", type=int, default=2, help="displays per figure and mode")
    args = parser.parse_args()
    if not args.display:
        for row in run_steps():
            print(f"{row['name']}: {1e3 * row['ours_s']:.1f} ms per step; rebuilding: "
                  f"{1e3 * row['ref_s']:.1f} ms ({row['ref_s'] / row['ours_s']:.1f}x slower)",
                  flush=True)
    if not args.steps:
        for row in run_display(args.repeats):
            print(f"{row['name']}: {row['ours_s']:.3f} s; with every frame: "
                  f"{row['ref_s']:.3f} s ({row['ref_s'] / row['ours_s']:.1f}x)", flush=True)
