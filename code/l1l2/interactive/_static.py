"""The HTML versions of an interactive figure: every frame, or just one.

* :func:`all_frames_html` — the website's version: every combination of slider
  values rendered ahead of time (palette PNGs), native ``<input type="range">``
  sliders and a few lines of inline JavaScript (``slider.js``) that swap the
  image. Self-contained: its CSS (``figure.css``) is inline too, so it works
  without the book's stylesheet, with no kernel and no request to any host.
* :func:`one_frame_html` — the light fallback a live kernel shows next to the
  widget: the current frame as a plain ``<img>`` with its alt text, and a note
  to run the cell for the live sliders.

Which one a display carries is decided by the environment variable
:data:`STATIC_FRAMES_ENV` (see :func:`wants_all_frames`): the book build sets
it to ``"all"``; a reader's kernel leaves it unset and pays for one frame.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.resources
import itertools
import json
import os

from ._checks import format_value

#: The environment variable that asks for every static frame ("all").
STATIC_FRAMES_ENV = "L1L2_STATIC_FRAMES"

#: The note of the one-frame fallback: what a saved or untrusted notebook shows.
RUN_NOTE = "Run this cell to make the figure interactive."

#: The note of the one-frame fallback where ipywidgets is missing or too old.
NO_WIDGET_NOTE = "Install ipywidgets 7.6 or later for the live sliders."


def wants_all_frames() -> bool:
    """Whether displays should carry every frame: ``L1L2_STATIC_FRAMES=all``."""
    return os.environ.get(STATIC_FRAMES_ENV, "").strip().lower() == "all"


@functools.cache
def asset(name: str) -> str:
    """The text of a package data file of :mod:`l1l2.interactive`
    (``slider.js`` or ``figure.css``), without its final newline."""
    return importlib.resources.files(__package__).joinpath(name).read_text("utf-8").rstrip("\n")


def _size(fig_i) -> tuple[int, int]:
    width, height = (int(round(v)) for v in fig_i.fig.get_size_inches() * (
        fig_i.dpi or fig_i.fig.dpi))
    return width, height


def _img(fig_i, k: int, png_b64: str) -> str:
    width, height = _size(fig_i)
    return (f'<img class="l1l2-frame" data-frame="{k}" alt="{html.escape(fig_i.alt)}" '
            f'width="{width}" height="{height}" style="max-width:100%;height:auto" '
            f'src="data:image/png;base64,{png_b64}">')


def _frame_index(fig_i, values) -> int:
    """The index of the frame at ``values`` among all frames (last slider fastest)."""
    k = 0
    for name in fig_i.params:
        k = k * len(fig_i.params[name]) + fig_i.params[name].index(values[name])
    return k


def all_frames_html(fig_i) -> str:
    """Every frame of ``fig_i`` behind range inputs (see the module docstring).

    The sliders start at the figure's current values; the figure's artists are
    left as they were.
    """
    names = list(fig_i.params)
    saved = dict(fig_i.values)
    frames = []
    for combo in itertools.product(*(fig_i.params[n] for n in names)):
        fig_i.set(**dict(zip(names, combo, strict=True)))
        frames.append(base64.b64encode(fig_i.render_compact_png()).decode("ascii"))
    fig_i.set(**saved)
    sizes = [len(fig_i.params[n]) for n in names]
    strides = [1] * len(names)
    for j in range(len(names) - 2, -1, -1):
        strides[j] = strides[j + 1] * sizes[j + 1]
    index = [fig_i.params[n].index(saved[n]) for n in names]
    k0 = _frame_index(fig_i, saved)
    labels = [[format_value(v, fig_i.formats[n]) for v in fig_i.params[n]] for n in names]
    digest = hashlib.sha1("".join(frames).encode()).hexdigest()[:10]
    payload = json.dumps({"mime": "image/png", "strides": strides, "labels": labels,
                          "frames": frames}, separators=(",", ":"))
    controls = []
    for j, name in enumerate(names):
        sid = f"l1l2-{digest}-{j}"
        controls.append(
            f'<div class="l1l2-control"><label for="{sid}">{html.escape(fig_i.labels[name])}'
            f'</label> <input class="l1l2-slider" id="{sid}" type="range" min="0" '
            f'max="{sizes[j] - 1}" step="1" value="{index[j]}" '
            f'aria-valuetext="{html.escape(labels[j][index[j]])}"> '
            f'<output data-for="{sid}">{html.escape(labels[j][index[j]])}</output></div>'
        )
    return (
        f'<figure class="l1l2-interactive" data-frames="{len(frames)}">'
        f"<style>{asset('figure.css')}</style>"
        f"{_img(fig_i, k0, frames[k0])}"
        f'<div class="l1l2-controls">{"".join(controls)}</div>'
        f'<script type="application/json" class="l1l2-frames">{payload}</script>'
        f"<script>{asset('slider.js')}</script></figure>"
    )


def one_frame_html(fig_i, note: str = RUN_NOTE) -> str:
    """The current frame of ``fig_i`` as a plain image at its natural size
    (shrunk to fit, never enlarged), the slider values and ``note``."""
    png = base64.b64encode(fig_i.render_compact_png(fast=True)).decode("ascii")
    values = ", ".join(f"{fig_i.labels[n]} = {format_value(v, fig_i.formats[n])}"
                       for n, v in fig_i.values.items())
    return (
        f'<figure class="l1l2-interactive" data-frames="1">'
        f"<style>{asset('figure.css')}</style>"
        f"{_img(fig_i, _frame_index(fig_i, fig_i.values), png)}"
        f'<figcaption class="l1l2-note">{html.escape(values)}. {html.escape(note)}</figcaption>'
        f"</figure>"
    )
