"""Benchmark of the losses: ``smooth_l1_loss`` plus its gradient versus PyTorch.

The workload is one forward and one backward pass of the smooth L1 loss
(``reduction="mean"``, ``beta=1``) on 10**7 float32 values:

* ours: ``l1l2.losses.smooth_l1_loss(x, y)`` then
  ``l1l2.losses.smooth_l1_loss_grad(x, y)`` (NumPy, one thread);
* reference: ``torch.nn.functional.smooth_l1_loss`` followed by
  ``backward()`` on the CPU, with as many threads as this process may use.

The two are timed alternately in one run, so both see the same machine
load, and each figure is the median over several repeats after a warm-up.
Without PyTorch the reference is skipped (``ref_s`` is None).

Run ``python benchmarks/bench_losses.py`` to print the table.
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np

from l1l2.losses import smooth_l1_loss, smooth_l1_loss_grad

N = 10**7
REPEATS = 15
GOAL = 2.0


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(n: int = N, repeats: int = REPEATS) -> list[dict]:
    """Time ours and PyTorch's smooth L1 forward + backward on ``n`` float32 values.

    Returns one dict per benchmark with keys ``name``, ``ours_s`` (median
    seconds), ``ref_s`` (median seconds, or None without PyTorch),
    ``ref_name`` and ``goal``.
    """
    rng = np.random.default_rng(0)
    x = rng.standard_normal(n, dtype=np.float32)
    y = rng.standard_normal(n, dtype=np.float32)

    def ours():
        return smooth_l1_loss(x, y), smooth_l1_loss_grad(x, y)

    try:
        import torch
    except ImportError:
        torch = None

    if torch is None:
        reference = None
        ref_name = "torch.nn.functional.smooth_l1_loss (PyTorch not installed)"
    else:
        threads = _available_cpus()
        torch.set_num_threads(threads)
        x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
        ref_name = (
            f"torch {torch.__version__} F.smooth_l1_loss forward + backward, "
            f"CPU, {threads} thread{'s' if threads > 1 else ''}"
        )

        def reference():
            leaf = x_t.detach().requires_grad_(True)
            loss = torch.nn.functional.smooth_l1_loss(leaf, y_t)
            loss.backward()
            return loss.item(), leaf.grad

        # the two compute the same numbers
        (value, grad), (ref_value, ref_grad) = ours(), reference()
        assert abs(value - ref_value) <= 1e-5 * abs(ref_value), (value, ref_value)
        np.testing.assert_allclose(grad, ref_grad.numpy(), rtol=1e-6, atol=1e-12)

    ours()  # warm-up
    ours_times, ref_times = [], []
    for _ in range(repeats):
        ours_times.append(_seconds(ours))
        if reference is not None:
            ref_times.append(_seconds(reference))

    return [
        {
            "name": f"smooth_l1_loss + smooth_l1_loss_grad, {n:,} float32 values, mean",
            "ours_s": statistics.median(ours_times),
            "ref_s": statistics.median(ref_times) if ref_times else None,
            "ref_name": ref_name,
            "goal": f"<= {GOAL:.1f}x",
        }
    ]


def format_table(rows: list[dict]) -> str:
    """The rows as a Markdown table, with the ratio ours / reference."""
    lines = [
        "| benchmark | ours (ms) | reference (ms) | ratio | goal | reference |",
        "|---|---:|---:|---:|---|---|",
    ]
    for row in rows:
        ref = row["ref_s"]
        ratio = f"{row['ours_s'] / ref:.2f}x" if ref else "n/a"
        ref_ms = f"{1e3 * ref:.1f}" if ref else "n/a"
        lines.append(
            f"| {row['name']} | {1e3 * row['ours_s']:.1f} | {ref_ms} | {ratio} "
            f"| {row['goal']} | {row['ref_name']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_table(run()))
