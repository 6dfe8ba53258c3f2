"""Interactive figures that work in Jupyter *and* on the static website: the
mechanism only (the book's figures are in :mod:`l1l2.figures`).

One call, :func:`interactive_figure`, turns a matplotlib figure plus a
function that updates its artists into an object that displays as

* **in Jupyter** — ipywidgets sliders driving the *existing* figure: a slider
  step calls ``update(**values)``, which changes the artists' data in place,
  and the figure is re-rendered into an image widget (no figure is rebuilt);
* **on the website** — the same cell output carries an HTML version: every
  combination of slider values is rendered ahead of time (a bounded number of
  frames, stored as palette PNGs) and a few lines of inline JavaScript swap the
  image when a native ``<input type="range">`` moves. No kernel, no request
  to any other host.

Both live in one MIME bundle. Jupyter front-ends pick the widget view; the
book's HTML builder is told (``nb_mime_priority_overrides`` in
``_config.yml``) to pick ``text/html``. Rendering every frame takes seconds,
so a display carries them only when the environment variable
``L1L2_STATIC_FRAMES`` is ``"all"`` (the book build sets it); otherwise, as in
a reader's kernel, the HTML version is the current frame and a note to run
the cell.

Files: ``_figure.py`` (the figure, rendering and display), ``_live.py`` (the
ipywidgets view), ``_static.py`` (the HTML versions), ``_checks.py`` (the
argument checks shared with the builders of :mod:`l1l2.figures`), and the
package data ``slider.js`` and ``figure.css`` inlined into the HTML.

Bad input gives a ``ValueError`` naming the argument, by one set of rules for
every builder: a slider grid (``betas``, ``lams``, ``offsets``...) is a
sequence of 2 to ``DEFAULT_MAX_FRAMES`` finite numbers within the
argument's bounds and at most 1e8 in magnitude (a positive one at least
1e-8); a single number is refused, not taken as a one-position grid; the
grids of one figure give at most ``DEFAULT_MAX_FRAMES`` frames; an axis
range is a pair within [-100, 100] spanning at least 0.01; ``dpi`` lies within
:data:`l1l2.plotting.DPI_RANGE`; counts (points, steps, samples) are bounded,
so that a typo fails at once instead of running for hours.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import numpy as np
>>> from l1l2 import plotting
>>> fig, ax = plotting.new_figure()
>>> x = np.linspace(-2, 2, 50)
>>> (line,) = ax.plot(x, x**2)
>>> _ = ax.set(xlabel="x", ylabel="y")
>>> def update(a):
...     line.set_ydata(a * x**2)
>>> fig_i = interactive_figure(fig, update, {"a": [0.5, 1.0, 2.0]},
...                            alt="A parabola whose curvature the slider sets.")
>>> fig_i.n_frames
3
>>> fig_i.set(a=2.0)
>>> bool(np.allclose(line.get_ydata(), 2 * x**2))
True
"""

from ._checks import DEFAULT_MAX_FRAMES
from ._figure import InteractiveFigure, interactive_figure
from ._static import STATIC_FRAMES_ENV as STATIC_FRAMES_ENV

# STATIC_FRAMES_ENV, the variable's name, is for the book's build scripts, not for readers
__all__ = ["InteractiveFigure", "interactive_figure", "DEFAULT_MAX_FRAMES"]
