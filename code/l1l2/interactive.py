"""Interactive figures that work in Jupyter *and* on the static website.

One call, :func:`interactive_figure`, turns a matplotlib figure plus a
function that updates its artists into an object that displays as

* **in Jupyter** — ipywidgets sliders driving the *existing* figure: a slider
  step calls ``update(**values)``, which changes the artists' data in place,
  and the figure is re-rendered into an image widget (no figure is rebuilt);
* **on the website** — the same cell output carries an HTML fallback: every
  combination of slider values is rendered ahead of time (a bounded number of
  frames, stored as palette PNGs) and a few lines of inline JavaScript swap the
  image when a native ``<input type="range">`` moves. No kernel, no request
  to any other host.

Both live in one MIME bundle. Jupyter front-ends pick the widget view; the
book's HTML builder is told (``nb_mime_priority_overrides`` in
``_config.yml``) to pick ``text/html``.

Bad input gives a ``ValueError`` naming the argument, by one set of rules for
every builder: a slider grid (``betas``, ``lams``, ``offsets``...) is a
sequence of 2 to :data:`DEFAULT_MAX_FRAMES` finite numbers within the
argument's bounds and at most 1e8 in magnitude (a positive one at least
1e-8); a single number is refused, not taken as a one-position grid; the
grids of one figure give at most :data:`DEFAULT_MAX_FRAMES` frames; an axis
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

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import math
import numbers
from collections.abc import Mapping

import numpy as np

from ._validation import check_scalar
from .plotting import _check_dpi, _check_quad_matrix

__all__ = ["InteractiveFigure", "interactive_figure", "DEFAULT_MAX_FRAMES", "loss_explorer",
           "gd_explorer", "drag_point_explorer", "box_beta_explorer", "overfit_explorer",
           "adam_decay_explorer",
           "correlated_pair_data", "elastic_net_explorer",
           "ridge_shrinkage_explorer", "lp_ball_explorer", "P_INF", "kink_explorer",
           "prior_posterior_data", "posterior_explorer"]

#: Upper bound on the number of precomputed frames of one static figure.
DEFAULT_MAX_FRAMES = 64
_MAX_FRAMES_LIMIT = 4096  # the largest max_frames a caller may ask for

# The inline script of the static fallback: it finds its own <figure>, reads the
# frames, and swaps the image when a range input moves. Kept tiny on purpose.
_SCRIPT = """(function (root) {
  var data = JSON.parse(root.querySelector("script.l1l2-frames").textContent);
  var img = root.querySelector("img.l1l2-frame");
  var inputs = root.querySelectorAll("input.l1l2-slider");
  function show() {
    var k = 0;
    inputs.forEach(function (inp, j) {
      var i = parseInt(inp.value, 10);
      k += i * data.strides[j];
      var text = data.labels[j][i];
      inp.setAttribute("aria-valuetext", text);
      root.querySelector("output[data-for='" + inp.id + "']").textContent = text;
    });
    img.src = "data:" + data.mime + ";base64," + data.frames[k];
    img.setAttribute("data-frame", String(k));
  }
  inputs.forEach(function (inp) { inp.addEventListener("input", show); });
})(document.currentScript.parentElement);"""


def _is_figure(fig) -> bool:
    from matplotlib.figure import Figure

    return isinstance(fig, Figure)


def _is_position(value, values) -> bool:
    """Whether ``value`` is one of the slider positions ``values`` (a number
    equal to one of them; an array or a string never is)."""
    if isinstance(value, (np.ndarray, str, bytes)):
        return False
    try:
        return bool(value in values)
    except (TypeError, ValueError):
        return False


def _format_value(value, fmt: str) -> str:
    try:
        return fmt.format(value)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise ValueError(f"formats: cannot format {value!r} with {fmt!r}: {exc}") from None


# -- the one checking layer of the figure builders' arguments -------------------
# Every slider grid, axis range and size argument of the builders below goes
# through these helpers, so the rules are stated once:
#
# * a grid (the slider positions of one parameter) is a sequence (list, tuple,
#   1-D array; not a string, a dict or a single number) of at least 2 and at
#   most DEFAULT_MAX_FRAMES finite real numbers, each within the argument's
#   bounds and of magnitude at most _GRID_MAGNITUDE (a positive-only grid:
#   at least 1/_GRID_MAGNITUDE); a scalar is *not* accepted as a one-point grid
#   (a figure with one slider position has nothing to slide);
# * the product of the grids' lengths (the number of static frames) is at most
#   DEFAULT_MAX_FRAMES, checked before any frame is computed;
# * an axis range is a pair (lo, hi) of finite numbers, |lo|, |hi| <= 100 and
#   hi - lo >= 0.01 (an axis extent such as r_max: within [0.01, 100]);
# * dpi is None (the figure's) or within plotting.DPI_RANGE (plotting._check_dpi).

#: Largest magnitude of a slider position (and smallest of a positive one):
#: the figures are drawn on human scales, and beyond this they overflow.
_GRID_MAGNITUDE = 1e8
_AXIS_MAGNITUDE = 100.0
_MAX_SAMPLES = 100_000  # data points generated by a builder
_MAX_CURVE_POINTS = 100_000  # points of one drawn curve
_MAX_DEGREE = 50  # polynomial degree of overfit_explorer


def _grid(values, name: str, *, low=None, high=None, low_inclusive: bool = True,
          integer: bool = False, positive: bool = False, keep=(), keep_type: bool = False,
          magnitude: float | None = _GRID_MAGNITUDE, max_count: int = DEFAULT_MAX_FRAMES):
    """The slider positions ``values`` of the argument ``name``, checked.

    Returns a tuple of ``float`` (``int`` with ``integer``; the values
    themselves with ``keep_type``). ``positive`` means ``> 0``. Values that are
    instances of a type in ``keep`` (the q = infinity stand-in) pass unchecked.
    Raises ``ValueError`` naming ``name`` for anything else; never iterates
    over more than ``max_count + 1`` items (a huge range fails fast).
    """
    if positive:
        low, low_inclusive = 0, False
    if values is None or isinstance(values, (str, bytes, Mapping, set, frozenset)) or (
            isinstance(values, np.ndarray) and values.ndim != 1):
        shape = f" of shape {values.shape}" if isinstance(values, np.ndarray) else ""
        raise ValueError(f"{name} must be a 1-D sequence of slider positions (numbers), got "
                         f"{type(values).__name__}{shape}")
    if isinstance(values, (numbers.Number, np.generic)):
        raise ValueError(f"{name} must be a sequence of at least 2 slider positions, got the "
                         f"single number {values!r:.40}; write e.g. [{values!r:.20}, ...]")
    try:
        n = len(values)
    except TypeError:
        n = None
    too_many = (f"{name} must hold at most {max_count} slider positions (max_frames = "
                f"{max_count} frames in all)")
    if n is not None and n > max_count:
        raise ValueError(f"{too_many}, got {n}")
    try:
        items = list(itertools.islice(iter(values), max_count + 1))
    except TypeError:
        raise ValueError(f"{name} must be a sequence of slider positions (numbers), got "
                         f"{type(values).__name__}") from None
    if len(items) > max_count:
        raise ValueError(too_many)
    if len(items) < 2:
        raise ValueError(f"{name} needs at least 2 slider positions, got {len(items)}")
    out = []
    for v in items:
        if keep and isinstance(v, keep):
            out.append(v)
            continue
        if isinstance(v, np.ndarray) and v.ndim == 0:
            v = v.item()
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
            raise ValueError(f"{name} must hold real numbers, got {v!r:.40}")
        try:
            finite = math.isfinite(v)
        except OverflowError:  # an int beyond the float range
            finite = False
        if not finite:
            raise ValueError(f"{name} must hold finite numbers, got {v!r:.40}")
        if integer and not isinstance(v, numbers.Integral) and float(v).is_integer() \
                and abs(v) <= 2**53:
            v = int(v)  # 3.0 or float32(3) is the whole number 3
        checked = check_scalar(v, name, low=low, high=high, low_inclusive=low_inclusive,
                               integer=integer)
        if magnitude is not None:
            if abs(checked) > magnitude:
                raise ValueError(f"{name}: slider positions must be at most {magnitude:g} in "
                                 f"magnitude, got {checked:g}")
            if low is not None and low >= 0 and not low_inclusive and checked < 1 / magnitude:
                raise ValueError(f"{name}: positive slider positions must be at least "
                                 f"{1 / magnitude:g}, got {checked:g}")
        out.append(v if keep_type else checked)
    return tuple(out)


def _check_n_frames(**grids) -> int:
    """The number of frames of these grids (``{argument name: values}``), at
    most ``DEFAULT_MAX_FRAMES``; checked before any frame is computed."""
    n = int(np.prod([len(v) for v in grids.values()]))
    if n > DEFAULT_MAX_FRAMES:
        shape = " x ".join(f"{len(v)} {k}" for k, v in grids.items())
        raise ValueError(f"{', '.join(grids)}: {shape} give {n} frames, more than "
                         f"{DEFAULT_MAX_FRAMES}: use fewer slider positions")
    return n


def _axis_range(value, name: str):
    """An axis range ``(lo, hi)``: two finite numbers within ``[-100, 100]``,
    ``hi - lo >= 0.01``."""
    if isinstance(value, (str, bytes, Mapping, numbers.Number, np.generic)) or value is None:
        raise ValueError(f"{name} must be a pair (lo, hi) of numbers, got {value!r:.40}")
    try:
        pair = list(itertools.islice(iter(value), 3))
    except TypeError:
        raise ValueError(f"{name} must be a pair (lo, hi) of numbers, got "
                         f"{type(value).__name__}") from None
    if len(pair) != 2:
        raise ValueError(f"{name} must be a pair (lo, hi) of numbers, got {value!r:.40}")
    lo, hi = (check_scalar(v, name, low=-_AXIS_MAGNITUDE, high=_AXIS_MAGNITUDE) for v in pair)
    if not lo < hi:
        raise ValueError(f"{name} must be increasing, got {value!r:.40}")
    if hi - lo < 1 / _AXIS_MAGNITUDE:
        raise ValueError(f"{name} must span at least {1 / _AXIS_MAGNITUDE:g}, got {value!r:.40}")
    return lo, hi


def _check_mapping(value, name: str) -> dict:
    """An optional dict argument (``initial``, ``labels``, ``formats``)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a dict, got {type(value).__name__}")
    return dict(value)


class InteractiveFigure:
    """A matplotlib figure with sliders, live in Jupyter and static on the web.

    Build it with :func:`interactive_figure`; see there for the parameters.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    params : dict
        ``{name: tuple of values}``, the positions of each slider.
    values : dict
        The current value of each parameter.
    n_frames : int
        Number of frames of the static fallback (the product of the numbers
        of slider positions).
    """

    def __init__(self, fig, update, params, *, alt, animated=None, initial=None, labels=None,
                 formats=None, max_frames=DEFAULT_MAX_FRAMES, dpi=None, colors=32):
        import matplotlib.pyplot as plt

        try:
            self._setup(fig, update, params, alt=alt, animated=animated, initial=initial,
                        labels=labels, formats=formats, max_frames=max_frames, dpi=dpi,
                        colors=colors)
        except BaseException:
            # the figure was handed over: do not leave it open in pyplot
            if _is_figure(fig):
                plt.close(fig)
            raise

    def _setup(self, fig, update, params, *, alt, animated, initial, labels, formats,
               max_frames, dpi, colors):
        import matplotlib.pyplot as plt
        from matplotlib.figure import Figure

        if not isinstance(fig, Figure):
            raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not callable(update):
            raise ValueError("update must be callable as update(**values)")
        if not isinstance(alt, str) or len(alt.strip()) < 10:
            raise ValueError("alt must be a descriptive alt text (at least 10 characters)")
        if not isinstance(params, Mapping) or not params:
            raise ValueError("params must be a non-empty dict {name: sequence of values}")
        self.max_frames = check_scalar(max_frames, "max_frames", low=1, high=_MAX_FRAMES_LIMIT,
                                       integer=True)
        self.params = {}
        for name, values in params.items():
            if not isinstance(name, str) or not name.isidentifier():
                raise ValueError(f"params: {name!r:.40} is not a valid parameter name")
            self.params[name] = _grid(values, f"params[{name!r}]", keep_type=True,
                                      magnitude=None, max_count=self.max_frames)
        self.n_frames = int(np.prod([len(v) for v in self.params.values()]))
        if self.n_frames > self.max_frames:
            shape = " x ".join(str(len(v)) for v in self.params.values())
            raise ValueError(
                f"params give {shape} = {self.n_frames} frames, more than "
                f"max_frames={self.max_frames}: use fewer slider positions"
            )
        labels = _check_mapping(labels, "labels")
        formats = _check_mapping(formats, "formats")
        for what, given in (("labels", labels), ("formats", formats)):
            for name, text in given.items():
                if name not in self.params:
                    raise ValueError(f"labels/formats: {name!r:.40} is not a parameter")
                if not isinstance(text, str):
                    raise ValueError(f"{what}[{name!r}] must be a string, got "
                                     f"{type(text).__name__}")
        self.labels = {n: n for n in self.params}
        self.labels.update(labels)
        self.formats = {n: "{:.3g}" for n in self.params}
        self.formats.update(formats)
        for name, values in self.params.items():  # a bad format fails now, not at display
            for v in values:
                _format_value(v, self.formats[name])
        self.values = {}
        initial = _check_mapping(initial, "initial")
        unknown = [k for k in initial if k not in self.params]
        if unknown:
            raise ValueError(f"initial: unknown parameter(s) {unknown!r:.80}")
        for name, values in self.params.items():
            if name in initial:
                if not _is_position(initial[name], values):
                    raise ValueError(f"initial[{name!r}]={initial[name]!r:.40} is not among its "
                                     "values")
                self.values[name] = initial[name]
            else:
                self.values[name] = values[len(values) // 2]
        self.fig = fig
        self.update = update
        self.alt = alt.strip()
        self.dpi = _check_dpi(dpi)
        self.colors = check_scalar(colors, "colors", low=2, high=256, integer=True)
        if animated is None:
            animated = []
        if isinstance(animated, (str, bytes, Mapping)) or not hasattr(animated, "__iter__"):
            raise ValueError(f"animated must be a list of artists of fig, got "
                             f"{type(animated).__name__}")
        self.animated = list(itertools.islice(animated, 100_000))
        for artist in self.animated:
            if not hasattr(artist, "set_animated") or getattr(artist, "figure", None) is not fig:
                raise ValueError("animated must list artists of fig")
        self._background = None
        self._widget = None
        self._image = None
        self._static_html = None
        # Keep the inline backend from also showing the bare figure, and
        # render through our own Agg canvas from now on.
        plt.close(fig)
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self._canvas = FigureCanvasAgg(fig)
        if self.dpi is not None:
            fig.set_dpi(self.dpi)
        # Lay the figure out once, then freeze the layout: a layout engine
        # would recompute every position at every slider step.
        self._canvas.draw()
        fig.set_layout_engine("none")
        for artist in self.animated:
            artist.set_animated(True)
        self.update(**self.values)

    # -- rendering -----------------------------------------------------------
    def set(self, **values) -> None:
        """Set some parameters and update the figure's artists (no drawing)."""
        for name, value in values.items():
            if name not in self.params:
                raise ValueError(f"{name!r} is not a parameter of this figure")
            if not _is_position(value, self.params[name]):
                raise ValueError(f"{name}={value!r:.40} is not one of the slider positions")
        self.values.update(values)
        self.update(**self.values)

    def _rgba(self) -> np.ndarray:
        """The figure's pixels as they are now.

        With ``animated`` artists, the static part is drawn once and cached;
        a step restores it and draws only the animated artists (blitting).
        """
        canvas = self._canvas
        if not self.animated:
            canvas.draw()
        else:
            if self._background is None:
                canvas.draw()  # animated artists are left out of a full draw
                self._background = canvas.copy_from_bbox(self.fig.bbox)
            canvas.restore_region(self._background)
            for artist in self.animated:
                self.fig.draw_artist(artist)
        return np.asarray(canvas.buffer_rgba())

    def render_png(self) -> bytes:
        """Draw the figure as it is now and return PNG bytes (fast settings)."""
        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(self._rgba()[..., :3]).save(buf, format="PNG", compress_level=1)
        return buf.getvalue()

    def _render_compact_png(self) -> bytes:
        """A small PNG for the static frames: a palette of ``colors`` colors."""
        from PIL import Image

        buf = io.BytesIO()
        image = Image.fromarray(self._rgba()[..., :3])
        image.quantize(colors=self.colors, method=Image.Quantize.FASTOCTREE).save(
            buf, format="PNG", optimize=True)
        return buf.getvalue()

    def step(self, **values) -> bytes:
        """One slider step as the live widget does it: update, draw, encode."""
        self.set(**values)
        return self.render_png()

    # -- live (Jupyter) ------------------------------------------------------
    def widget(self):
        """The ipywidgets view: an image of the figure above one slider per
        parameter. Created once and reused."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as widgets

        self._image = widgets.Image(value=self.render_png(), format="png",
                                    layout=widgets.Layout(max_width="100%"))
        sliders = []
        for name, values in self.params.items():
            options = [(_format_value(v, self.formats[name]), v) for v in values]
            slider = widgets.SelectionSlider(
                options=options, value=self.values[name], description=self.labels[name],
                continuous_update=True, layout=widgets.Layout(width="420px"),
            )
            slider.observe(self._on_slider, names="value")
            slider._l1l2_name = name
            sliders.append(slider)
        self._sliders = sliders
        self._widget = widgets.VBox([self._image, *sliders])
        return self._widget

    def _on_slider(self, change) -> None:
        name = change["owner"]._l1l2_name
        self._image.value = self.step(**{name: change["new"]})

    # -- static (website) ----------------------------------------------------
    def static_html(self) -> str:
        """The website's version: precomputed frames behind range inputs."""
        if self._static_html is not None:
            return self._static_html
        names = list(self.params)
        saved = dict(self.values)
        frames = []
        for combo in itertools.product(*(self.params[n] for n in names)):
            self.set(**dict(zip(names, combo, strict=True)))
            frames.append(base64.b64encode(self._render_compact_png()).decode("ascii"))
        self.set(**saved)
        sizes = [len(self.params[n]) for n in names]
        strides = [int(np.prod(sizes[j + 1:])) for j in range(len(names))]
        index = [self.params[n].index(saved[n]) for n in names]
        k0 = sum(i * s for i, s in zip(index, strides, strict=True))
        labels = [[_format_value(v, self.formats[n]) for v in self.params[n]] for n in names]
        digest = hashlib.sha1("".join(frames).encode()).hexdigest()[:10]
        width, height = (int(round(v)) for v in self.fig.get_size_inches() * (
            self.dpi or self.fig.dpi))
        payload = json.dumps({"mime": "image/png", "strides": strides, "labels": labels,
                              "frames": frames}, separators=(",", ":"))
        controls = []
        for j, name in enumerate(names):
            sid = f"l1l2-{digest}-{j}"
            controls.append(
                f'<div class="l1l2-control"><label for="{sid}">{html.escape(self.labels[name])}'
                f'</label> <input class="l1l2-slider" id="{sid}" type="range" min="0" '
                f'max="{sizes[j] - 1}" step="1" value="{index[j]}" '
                f'aria-valuetext="{html.escape(labels[j][index[j]])}"> '
                f'<output data-for="{sid}">{html.escape(labels[j][index[j]])}</output></div>'
            )
        self._static_html = (
            f'<figure class="l1l2-interactive" data-frames="{len(frames)}">'
            f'<img class="l1l2-frame" data-frame="{k0}" alt="{html.escape(self.alt)}" '
            f'width="{width}" height="{height}" style="max-width:100%;height:auto" '
            f'src="data:image/png;base64,{frames[k0]}">'
            f'<div class="l1l2-controls">{"".join(controls)}</div>'
            f'<script type="application/json" class="l1l2-frames">{payload}</script>'
            f"<script>{_SCRIPT}</script></figure>"
        )
        return self._static_html

    # -- display -------------------------------------------------------------
    def __repr__(self) -> str:
        parts = ", ".join(f"{n}={self.values[n]!r}" for n in self.params)
        return f"<InteractiveFigure: {parts}; {self.n_frames} frames>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": repr(self), "text/html": self.static_html()}
        bundle.update({k: v for k, v in self.widget()._repr_mimebundle_().items()
                       if k != "text/plain"})
        return bundle


def _preferred_initial(**preferred):
    """Starting positions ``{name: value}`` for the sliders whose preferred
    ``value`` is among their ``values``; ``preferred`` maps each name to
    ``(values, value)``. A slider left out starts at its middle value, as
    :class:`InteractiveFigure` does by default.

    >>> _preferred_initial(lr=([0.1, 0.4], 0.4), beta=([2.0, 3.0], 1.0))
    {'lr': 0.4}
    """
    return {name: value for name, (values, value) in preferred.items()
            if value in tuple(values)}


def interactive_figure(fig, update, params, *, alt, animated=None, initial=None, labels=None,
                       formats=None, max_frames=DEFAULT_MAX_FRAMES, dpi=None, colors=32):
    """Make ``fig`` interactive: sliders over ``params`` drive ``update``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure already drawn once (axes labeled, limits set).
    update : callable
        ``update(**values)`` sets the artists' data for these parameter
        values, in place (``line.set_ydata``, ``text.set_text``...). It must
        not create new figures; it may create no artists at all.
    params : dict
        ``{name: sequence of values}``: the slider positions, in order.
    alt : str
        Alt text of the figure, describing what it shows (required).
    animated : list of Artist, optional
        The artists that ``update`` changes. Given, a slider step redraws
        only them over a cached background (blitting): several times faster.
        They are then drawn above every other artist.
    initial : dict, optional
        Starting value of some parameters (default: the middle position).
    labels : dict, optional
        Slider labels (default: the parameter names), e.g. ``{"beta": "β"}``.
    formats : dict, optional
        Format strings for the displayed values (default ``"{:.3g}"``).
    max_frames : int
        Upper bound on the number of static frames (the product of the
        numbers of positions); exceeding it raises ``ValueError``.
    dpi : float, optional
        Rendering resolution, within :data:`l1l2.plotting.DPI_RANGE` (default: the
        figure's).
    colors : int
        Palette size (2–256) of the PNG frames of the static version; line
        art needs few colors, and a palette keeps the page light.

    Returns
    -------
    InteractiveFigure
        Display it (last expression of a cell) to show the sliders.

    Raises
    ------
    ValueError
        For a non-callable ``update``, missing ``alt``, parameters with fewer
        than two finite values, too many frames, a ``dpi`` outside
        :data:`l1l2.plotting.DPI_RANGE`, a format that cannot format its
        values, or options that are not dicts. The figure is then closed.
    """
    return InteractiveFigure(fig, update, params, alt=alt, animated=animated, initial=initial,
                             labels=labels, formats=formats, max_frames=max_frames, dpi=dpi,
                             colors=colors)


# -- the book's interactive figures --------------------------------------------
# Each builder returns an InteractiveFigure; the chapters display them and the
# benchmark (benchmarks/bench_interactive.py) times their slider steps.


def loss_explorer(*, betas=None, initial=None, r_max: float = 3.0, n_points: int = 401):
    """Chapter 1's figure: four losses and their derivatives, β on a slider.

    Left panel: the losses :math:`\\ell(r)` of L1, L2, smooth L1 with
    threshold β and Huber with δ = β. Right panel: their derivatives
    :math:`\\ell'(r)` (PyTorch's values, 0 at the kink of L1). Dotted
    verticals mark :math:`\\pm\\beta`, where the quadratic piece ends.

    Parameters
    ----------
    betas : sequence of float, optional
        Slider positions for β = δ (default: 18 values from 0.05 to 5,
        denser near 0 where the curves change fastest).
    initial : dict, optional
        Starting position, e.g. ``{"beta": 2.0}`` (default: β = 0.5 when
        offered, where Huber is half of smooth L1 and both curves show; at
        PyTorch's default β = 1 the two coincide).
    r_max : float
        The residual axis runs over ``[-r_max, r_max]``.
    n_points : int
        Number of residual values drawn.

    Returns
    -------
    InteractiveFigure
    """
    from . import losses, plotting

    r_max = check_scalar(r_max, "r_max", low=1 / _AXIS_MAGNITUDE, high=_AXIS_MAGNITUDE)
    n_points = check_scalar(n_points, "n_points", low=3, high=_MAX_CURVE_POINTS, integer=True)
    if betas is None:
        betas = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5,
                 3.0, 3.5, 4.0, 5.0]
    betas = list(_grid(betas, "betas", positive=True))
    r = np.linspace(-r_max, r_max, n_points)
    zero = 0.0

    def curves(beta):
        return {
            "smooth_l1": (losses.smooth_l1_loss(r, zero, "none", beta=beta),
                          losses.smooth_l1_loss_grad(r, zero, "none", beta=beta)),
            "huber": (losses.huber_loss(r, zero, "none", delta=beta),
                      losses.huber_loss_grad(r, zero, "none", delta=beta)),
        }

    fig, (ax_loss, ax_grad) = plotting.new_figure(2, width=8.0, height=3.4)
    first = curves(1.0)
    fixed_loss = {"l1": losses.l1_loss(r, zero, "none"), "l2": losses.mse_loss(r, zero, "none")}
    fixed_grad = {"l1": losses.l1_loss_grad(r, zero, "none"),
                  "l2": losses.mse_loss_grad(r, zero, "none")}
    plotting.plot_curves(ax_loss, r, fixed_loss, xlabel=r"residual $r$", ylabel=r"loss $\ell(r)$",
                         legend=False)
    plotting.plot_curves(ax_grad, r, fixed_grad, xlabel=r"residual $r$",
                         ylabel=r"derivative $\ell'(r)$", legend=False)
    moving = {}
    for name in ("smooth_l1", "huber"):
        (moving[name, "loss"],) = ax_loss.plot(r, first[name][0], **plotting.style_of(name))
        (moving[name, "grad"],) = ax_grad.plot(r, first[name][1], **plotting.style_of(name))
    marks = []
    for ax in (ax_loss, ax_grad):
        for sign in (-1, 1):
            marks.append(ax.axvline(sign * 1.0, color="#555555", lw=1, ls=":"))
    ax_loss.set_ylim(0, r_max)
    ax_grad.set_ylim(-2.5, 2.5)
    ax_loss.set_title(r"losses ($\delta = \beta$)")
    ax_grad.set_title("derivatives")
    handles = [ax_loss.lines[0], ax_loss.lines[1], moving["smooth_l1", "loss"],
               moving["huber", "loss"]]
    fig.legend(handles=handles, labels=["L1", "L2 (squared)", r"smooth L1, $\beta$",
                                        r"Huber, $\delta=\beta$"],
               loc="outside lower center", ncols=4, frameon=False)

    def update(beta):
        now = curves(beta)
        for name in ("smooth_l1", "huber"):
            moving[name, "loss"].set_ydata(now[name][0])
            moving[name, "grad"].set_ydata(now[name][1])
        for k, line in enumerate(marks):
            x = beta if k % 2 else -beta
            line.set_xdata([x, x])

    return interactive_figure(
        fig, update, {"beta": betas},
        initial=initial if initial is not None else _preferred_initial(beta=(betas, 0.5)),
        labels={"beta": "β = δ"}, formats={"beta": "{:.2g}"},
        animated=[*moving.values(), *marks],
        alt=("Two panels over the residual r from -3 to 3. Left: the L1 loss (a V), the "
             "squared loss (a parabola), smooth L1 and Huber for the chosen beta; both are "
             "quadratic between the dotted lines at plus and minus beta and linear outside. "
             "Right: their derivatives; L1's is a step from -1 to 1, L2's a steep line, "
             "smooth L1's is clipped at plus and minus 1 and Huber's at plus and minus beta."),
    )


# -- chapter 2: gradients and training dynamics --------------------------------


#: Chapter 2's default sample: symmetric about 0, so L1, L2 and smooth L1 all
#: have the minimizer w* = 0 (median = mean = 0).
GD_DATA = (-1.6, -0.7, 0.0, 0.7, 1.6)


def gd_explorer(*, data=GD_DATA, lrs=(0.1, 0.4, 0.9, 1.1), starts=(0.537, 9.7, 50.0),
                betas=(0.1, 1.0, 3.0), n_steps: int = 60, initial=None):
    r"""Chapter 2's figure: gradient descent on a location problem, three losses.

    The objective is the mean loss :math:`\mathcal L(w) = \frac1n\sum_i \ell(w - x_i)`
    over the sample ``data``, minimized by
    :math:`w^{(k+1)} = w^{(k)} - \eta\,\mathcal L'(w^{(k)})` from the start
    :math:`w^{(0)}`, for L1, L2 and smooth L1 with threshold β. Left panel: the
    iterates :math:`w^{(k)}` (symmetric-log axis, so that both a start at 50
    and oscillations of 0.01 are visible). Right panel: the distance
    :math:`\lvert w^{(k)} - w^\star\rvert` on a log axis.

    Parameters
    ----------
    data : sequence of float
        The sample; it must be symmetric about its median :math:`c`, so that
        every loss has the same minimizer :math:`w^\star = c`.
    lrs, starts, betas : sequences of float
        Slider positions for the learning rate η (``> 0``), the start
        :math:`w^{(0)}` and the threshold β (``> 0``). The product of their
        lengths must be at most 64.
    n_steps : int
        Number of gradient steps drawn.
    initial : dict, optional
        Starting slider values (default: ``lr=0.4, start=9.7, beta=1`` when offered).

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If ``data`` is not symmetric about its median, a learning rate or
        β is not positive, or there are too many frames.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = gd_explorer(lrs=(0.4, 1.1), starts=(3.0, 10.0), betas=(1.0, 3.0))
    >>> fig_i.n_frames
    8
    """
    from . import losses, plotting
    from ._validation import as_float_array
    from .solvers import gradient_descent

    x = as_float_array(data, "data", ndim=1, finite=True, allow_empty=False)
    centre = float(np.median(x))
    if not np.allclose(np.sort(x) - centre, -(np.sort(x)[::-1] - centre), atol=1e-12):
        raise ValueError("data must be symmetric about its median")
    lrs = _grid(lrs, "lrs", positive=True)
    starts = _grid(starts, "starts")
    betas = _grid(betas, "betas", positive=True)
    _check_n_frames(lrs=lrs, starts=starts, betas=betas)
    n_steps = check_scalar(n_steps, "n_steps", low=1, high=_MAX_CURVE_POINTS, integer=True)
    k = np.arange(n_steps + 1)

    def run(name, lr, start, beta):
        def grad(w):
            inp = np.full(x.shape, float(w))
            if name == "l1":
                return np.sum(losses.l1_loss_grad(inp, x, "mean"))
            if name == "l2":
                return np.sum(losses.mse_loss_grad(inp, x, "mean"))
            return np.sum(losses.smooth_l1_loss_grad(inp, x, "mean", beta=beta))

        traj = gradient_descent(grad, float(start), lr, n_steps)
        with np.errstate(over="ignore", invalid="ignore"):
            dist = np.abs(traj - centre)
        # a diverging run is drawn until it first leaves the axes, then stops
        gone = np.cumsum(~(dist <= 1e3)) > 0
        gone[1:] = gone[:-1].copy()  # keep the first point outside: the line reaches the edge
        gone[0] = False
        traj = np.where(gone, np.nan, np.clip(traj, -1e4, 1e4))
        return traj, np.where(gone, np.nan, np.clip(dist, 1e-17, 1e4))

    fig, (ax_w, ax_d) = plotting.new_figure(2, width=7.6, height=3.3)
    lines = {}
    for name in ("l1", "l2", "smooth_l1"):
        style = plotting.style_of(name)
        if name == "smooth_l1":
            style["label"] = r"smooth L1, $\beta$"
        (lines[name, "w"],) = ax_w.plot(k, np.zeros_like(k, dtype=float), lw=1.6, **style)
        (lines[name, "d"],) = ax_d.plot(k, np.ones_like(k, dtype=float), lw=1.6, **style)
    ax_w.axhline(centre, color="#555555", lw=1, ls=":")
    ax_w.set_yscale("symlog", linthresh=0.1)
    ax_w.set(xlabel=r"step $k$", ylabel=r"iterate $w^{(k)}$", ylim=(-100, 100),
             xlim=(0, n_steps), title="trajectories")
    ax_d.set_yscale("log")
    ax_d.set(xlabel=r"step $k$", ylabel=r"distance $|w^{(k)} - w^\star|$", ylim=(1e-9, 1e3),
             xlim=(0, n_steps), title="distance to the optimum")
    fig.legend(handles=[lines[n, "w"] for n in ("l1", "l2", "smooth_l1")],
               loc="outside lower center", ncols=3, frameon=False)

    def update(lr, start, beta):
        for name in ("l1", "l2", "smooth_l1"):
            traj, dist = run(name, lr, start, beta)
            lines[name, "w"].set_ydata(traj)
            lines[name, "d"].set_ydata(dist)

    if initial is None:
        initial = _preferred_initial(lr=(lrs, 0.4), start=(starts, 9.7), beta=(betas, 1.0))
    return interactive_figure(
        fig, update, {"lr": lrs, "start": starts, "beta": betas}, initial=initial,
        labels={"lr": "learning rate η", "start": "start w⁽⁰⁾", "beta": "β (smooth L1)"},
        formats={"lr": "{:.2g}", "start": "{:.3g}", "beta": "{:.2g}"},
        animated=list(lines.values()), colors=12,
        alt=("Two panels over the step k of gradient descent on a five-point location "
             "problem whose optimum is 0. Left: the iterates of L1, L2 and smooth L1 on a "
             "symmetric-log axis; right: their distance to the optimum on a log axis. With a "
             "small learning rate all three approach 0, L1 ends in a zigzag of fixed size; "
             "above learning rate 1 the L2 iterates flip sign and grow out of the plot, while "
             "smooth L1 still converges."),
    )


# -- chapter 3: robustness and stability ---------------------------------------


def drag_point_explorer(x=None, y=None, *, index=None, offsets=None):
    r"""Chapter 3's figure: drag one point's :math:`y`; the OLS line glides, the LAD line jumps.

    Left panel: the data, the dragged point (orange), the least-squares line
    (:func:`l1l2.solvers.ols`) and the least-absolute-deviations line
    (:func:`l1l2.solvers.lad_regression`). Right panel: the slope of each line
    as a function of the dragged point's :math:`y`, precomputed over all
    slider positions, with markers at the current one. The OLS slope is an
    affine function of :math:`y_k`; the LAD slope is piecewise constant or
    steep, with jumps where the LAD solution is not unique.

    Parameters
    ----------
    x, y : array_like of shape (n,), optional
        The data (default: ten points near :math:`y = 1 + x/2` with noise of
        standard deviation 1.5, drawn with ``numpy.random.default_rng(41)``).
    index : int, optional
        Which point the slider moves (default: the last one, the largest
        :math:`x` of the default data).
    offsets : sequence of float, optional
        Slider positions: offsets added to ``y[index]`` (default: 25 values
        from -6 to 6). Both fits are computed once per position here, so a
        slider step only moves artists.

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        For bad data, an ``index`` out of range or fewer than 2 offsets.
    """
    from . import plotting, solvers
    from ._validation import as_float_array

    if x is None and y is None:
        rng = np.random.default_rng(41)
        x = np.sort(rng.uniform(0.0, 10.0, 10))
        y = 1.0 + 0.5 * x + rng.normal(0.0, 1.5, 10)
    elif x is None or y is None:
        raise ValueError("x and y must be given together")
    x = as_float_array(x, "x", dtype=np.float64, ndim=1, finite=True, allow_empty=False)
    y = as_float_array(y, "y", dtype=np.float64, ndim=1, finite=True, allow_empty=False)
    if x.shape != y.shape or x.size < 3:
        raise ValueError(f"x and y must have the same shape (n,) with n >= 3, got {x.shape} "
                         f"and {y.shape}")
    index = x.size - 1 if index is None else check_scalar(index, "index", low=-x.size,
                                                          high=x.size - 1, integer=True)
    index %= x.size
    if offsets is None:
        offsets = np.linspace(-6.0, 6.0, 25)
    offsets = _grid(offsets, "offsets")
    X = x[:, None]
    fits = {}
    for off in offsets:
        yy = y.copy()
        yy[index] += off
        try:
            o, lad = solvers.ols(X, yy), solvers.lad_regression(X, yy)
        except ValueError as exc:  # the solvers name their own arguments (X, y)
            raise ValueError(f"x, y and offsets: no line can be fitted: {exc}") from None
        fits[off] = {"l2": (float(o.coef[0]), o.intercept),
                     "l1": (float(lad.coef[0]), lad.intercept)}
    y_moved = y[index] + np.array(offsets)
    x_line = np.array([x.min() - 0.5, x.max() + 0.5])
    fig, (ax, ax_slope) = plotting.new_figure(2, width=8.6, height=3.6)
    others = np.arange(x.size) != index
    ax.scatter(x[others], y[others], s=28, color=plotting.color_of("data"), zorder=3,
               label="data")
    start = 0.0 if 0.0 in fits else offsets[len(offsets) // 2]
    (point,) = ax.plot([x[index]], [y[index] + start], "o", ms=9,
                       color=plotting.color_of("outlier"), label="dragged point", zorder=4)
    lines, marks = {}, {}
    names = {"l2": "OLS (L2)", "l1": "LAD (L1)"}
    for name in ("l2", "l1"):
        w, b = fits[start][name]
        style = plotting.style_of(name)
        (lines[name],) = ax.plot(x_line, w * x_line + b, color=style["color"],
                                 linestyle=style["linestyle"], label=names[name])
        slopes = [fits[o][name][0] for o in offsets]
        ax_slope.plot(y_moved, slopes, color=style["color"], linestyle=style["linestyle"],
                      marker=".", ms=4, label=names[name])
        (marks[name],) = ax_slope.plot([y[index] + start], [w], "o", ms=8,
                                       color=style["color"])
    ax.set(xlabel="$x$", ylabel="$y$", xlim=x_line,
           ylim=(min(y.min(), y_moved.min()) - 1, max(y.max(), y_moved.max()) + 1))
    ax.set_title("data and fitted lines")
    ax_slope.set(xlabel="$y$ of the dragged point", ylabel="fitted slope $w$")
    ax_slope.set_title("slope against the dragged point")
    vline = ax_slope.axvline(y[index] + start, color=plotting.color_of("outlier"), lw=1,
                             ls=":")
    fig.legend(handles=[lines["l2"], lines["l1"], point], loc="outside lower center",
               ncols=3, frameon=False)

    def update(offset):
        yk = y[index] + offset
        point.set_ydata([yk])
        for name in ("l2", "l1"):
            w, b = fits[offset][name]
            lines[name].set_ydata(w * x_line + b)
            marks[name].set_data([yk], [w])
        vline.set_xdata([yk, yk])

    return interactive_figure(
        fig, update, {"offset": offsets}, initial={"offset": start},
        labels={"offset": "move the orange point by"}, formats={"offset": "{:+.1f}"},
        animated=[point, *lines.values(), *marks.values(), vline],
        alt=("Left: ten data points, one of them orange, with the least-squares line "
             "(dashed vermillion) and the least-absolute-deviations line (solid blue). "
             "Right: the slope of each line against the orange point's y. The least-squares "
             "slope rises along a straight line; the LAD slope is flat over long stretches "
             "and jumps between neighbouring positions."),
    )



# -- chapter 4: smooth L1 in practice, bounding boxes --------------------------


def box_beta_explorer(*, betas=None, initial=None, n_train: int = 300, n_test: int = 1000,
                      noise_scale: float = 2.0, feature_noise: float = 0.1, seed: int = 0):
    """Chapter 4's figure: smooth L1's β against the scale of the box targets.

    The toy boxes of :func:`l1l2.datasets.make_box_regression` (heavy-tailed
    annotation noise) are encoded with :func:`l1l2.boxes.encode_boxes` and
    weights :math:`\\omega = (s, s, s/2, s/2)`; a linear regressor on
    :func:`l1l2.boxes.simulated_features` is fitted to the *annotated*
    offsets with smooth L1 at every β (exactly, by
    :func:`l1l2.boxes.fit_linear_regressor`), for :math:`s = 1` and
    :math:`s = 10` (Fast R-CNN's normalization, ω = (10, 10, 5, 5)).

    Left panel: the distribution of the training residuals
    :math:`\\lvert r\\rvert` (annotated offsets minus the predictions of a
    model fitted to the true offsets), on a log axis, with a line at β and
    the share of residuals in smooth L1's quadratic zone
    :math:`\\lvert r\\rvert < \\beta`. Right panel: the mean IoU of the
    predicted boxes with the true boxes on ``n_test`` test boxes, against β,
    for both scales, with the L2 and L1 fits as horizontal lines (they do not
    depend on :math:`s`). All fits are precomputed; a slider step moves a
    line, a marker and two texts.

    Parameters
    ----------
    betas : sequence of float, optional
        Slider positions for β (default: 10 values from 0.005 to 10,
        including 1/9 and 1).
    initial : dict, optional
        Starting position (default: β = 1/9, s = 10).
    n_train, n_test : int
        Numbers of training and test boxes (at least 20 each).
    noise_scale : float
        Annotation-noise scale in pixels (``make_box_regression``), at most 1000.
    feature_noise : float
        ``noise_std`` of :func:`l1l2.boxes.simulated_features`, at most 1000.
    seed : int
        Seed of the boxes and of the features.

    Returns
    -------
    InteractiveFigure
        Parameters ``beta`` and ``s``; also carries ``.iou`` (a dict
        ``{(beta, s): mean IoU}``) and ``.iou_l2``, ``.iou_l1``.
    """
    from . import boxes, datasets, plotting

    n_train = check_scalar(n_train, "n_train", low=20, high=_MAX_SAMPLES, integer=True)
    n_test = check_scalar(n_test, "n_test", low=20, high=_MAX_SAMPLES, integer=True)
    noise_scale = check_scalar(noise_scale, "noise_scale", low=0, high=1000)
    feature_noise = check_scalar(feature_noise, "feature_noise", low=0, high=1000)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    if betas is None:
        betas = [0.005, 0.01, 0.03, 1 / 9, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0]
    betas = list(_grid(betas, "betas", positive=True))
    scales = (1.0, 10.0)
    _check_n_frames(betas=betas, s=scales)
    data = datasets.make_box_regression(n_train + n_test, noise_scale=noise_scale, seed=seed)
    ann = data.boxes_annotated
    valid = (ann[:, 2] > ann[:, 0]) & (ann[:, 3] > ann[:, 1])
    train = np.flatnonzero(valid[:n_train])  # drop the few flipped annotations
    test = np.arange(n_train, n_train + n_test)
    features = boxes.simulated_features(
        boxes.encode_boxes(data.boxes_true, data.proposals, weights=(10, 10, 5, 5)),
        noise_std=feature_noise, seed=seed)
    X_tr, X_te = features[train], features[test]

    def weights(s):
        return (s, s, s / 2, s / 2)

    def targets(s):
        return (boxes.encode_boxes(data.boxes_true[train], data.proposals[train],
                                   weights=weights(s)),
                boxes.encode_boxes(ann[train], data.proposals[train], weights=weights(s)))

    def test_iou(coef, intercept, s):
        pred = boxes.decode_boxes(X_te @ coef + intercept, data.proposals[test],
                                  weights=weights(s))
        return float(np.round(np.mean(boxes.box_iou(pred, data.boxes_true[test])), 10))

    iou, residuals = {}, {}
    for s in scales:
        t_true, t_ann = targets(s)
        coef, b = boxes.fit_linear_regressor(X_tr, t_true, loss="l2")
        residuals[s] = np.abs(t_ann - (X_tr @ coef + b)).ravel()
        for beta in betas:
            iou[beta, s] = test_iou(*boxes.fit_linear_regressor(
                X_tr, t_ann, loss="smooth_l1", beta=beta), s)
    t_ann10 = targets(10.0)[1]
    iou_l2 = test_iou(*boxes.fit_linear_regressor(X_tr, t_ann10, loss="l2"), 10.0)
    iou_l1 = test_iou(*boxes.fit_linear_regressor(X_tr, t_ann10, loss="l1"), 10.0)

    lo, hi = min(betas) / 2, max(betas) * 2
    # the histogram reaches down to the 0.5% quantile of the smaller scale's
    # residuals (a power of ten), so that neither histogram is cut at the left
    q = float(np.quantile(residuals[min(scales)], 0.005))
    lo_res = min(lo, 10.0 ** np.floor(np.log10(q))) if q > 0 else lo
    edges = np.geomspace(lo_res, hi, int(round(10 * np.log10(hi / lo_res))) + 1)
    hist = {s: np.histogram(residuals[s], bins=edges)[0] / residuals[s].size
            for s in scales}
    fig, (ax_res, ax_iou) = plotting.new_figure(2, width=8.5, height=3.9)
    green = plotting.color_of("smooth_l1")
    grey = plotting.color_of("data")
    stairs = ax_res.stairs(hist[10.0], edges, fill=True, color=grey, alpha=0.6,
                           label=r"training residuals $|r|$")
    ax_res.set(xscale="log", xlim=(lo_res, hi),
               ylim=(0, 1.45 * max(h.max() for h in hist.values())),
               xlabel=r"$|r|$, residual in target units (log scale)",
               ylabel="share of residuals per bin")
    beta_line = ax_res.axvline(1.0, color=green, lw=2, ls="-.", label=r"$\beta$")
    share_text = ax_res.text(0.02, 0.96, "", transform=ax_res.transAxes, va="top", fontsize=10)
    ax_res.set_title(r"residuals and smooth L1's $\beta$")
    curve_style = {10.0: {"ls": "-.", "alpha": 1.0}, 1.0: {"ls": ":", "alpha": 0.8}}
    for s in (10.0, 1.0):
        ax_iou.plot(betas, [iou[b, s] for b in betas], color=green, marker=".",
                    label=rf"smooth L1, $s = {s:.0f}$", **curve_style[s])
    ax_iou.axhline(iou_l2, **{**plotting.style_of("l2"), "label": "L2 (any $s$)"})
    ax_iou.axhline(iou_l1, **{**plotting.style_of("l1"), "label": "L1 (any $s$)"})
    (marker,) = ax_iou.plot([1.0], [iou[betas[0], 10.0]], "o", color="black", ms=8,
                            mfc="none", mew=2)
    iou_text = ax_iou.text(0.02, 0.04, "", transform=ax_iou.transAxes, fontsize=10)
    values = list(iou.values()) + [iou_l1, iou_l2]
    pad = 0.15 * (max(values) - min(values))
    ax_iou.set(xscale="log", xlim=(lo, hi), ylim=(min(values) - 2 * pad, max(values) + pad),
               xlabel=r"smooth-L1 threshold $\beta$ (log scale)",
               ylabel="mean IoU with the true boxes")
    ax_iou.set_title("test boxes, trained on noisy labels")
    fig.legend(handles=[stairs, beta_line, *ax_iou.lines[:4]], loc="outside lower center",
               ncols=3, frameon=False, fontsize=9)

    def update(beta, s):
        stairs.set_data(hist[s])
        beta_line.set_xdata([beta, beta])
        inside = float(np.mean(residuals[s] < beta))
        share_text.set_text(f"s = {s:.0f}: {100 * inside:.0f}% of residuals have\n"
                            f"$|r| < \\beta$ (quadratic zone)")
        marker.set_data([beta], [iou[beta, s]])
        iou_text.set_text(rf"$\beta$ = {beta:.3g}, s = {s:.0f}: mean IoU {iou[beta, s]:.4f}")

    if initial is None:
        initial = {"beta": min(betas, key=lambda b: abs(b - 1 / 9)), "s": 10.0}
    fig_i = interactive_figure(
        fig, update, {"beta": betas, "s": scales}, initial=initial,
        labels={"beta": "β", "s": "weights (s, s, s/2, s/2), s ="},
        formats={"beta": "{:.3g}", "s": "{:.0f}"},
        animated=[stairs, beta_line, share_text, marker, iou_text], colors=16,
        alt=("Two panels with log-scaled horizontal axes. Left: a grey histogram of the "
             "absolute training residuals of the box offsets, and a green dash-dotted line "
             "at beta; a text gives the share of residuals below beta. With s = 10 the "
             "histogram sits ten times further right than with s = 1. Right: the mean IoU "
             "of predicted and true test boxes against beta for the two scales, two green "
             "curves that rise from the L2 level towards the L1 level as beta decreases, the "
             "s = 1 curve shifted left by a factor of about ten; a circle marks the chosen "
             "beta. Horizontal lines give the L2 fit (lower) and the L1 fit (higher)."),
    )
    fig_i.iou, fig_i.iou_l2, fig_i.iou_l1 = iou, iou_l2, iou_l1
    return fig_i


# -- chapter 5: figures --


def overfit_explorer(*, degrees=(1, 2, 3, 5, 7, 9, 12, 15),
                     alphas=(1e-8, 1e-3, 1e-2, 0.1, 1.0, 10.0), initial=None,
                     n_samples: int = 30, noise_std: float = 0.3, seed: int = 0):
    """Chapter 5's figure: a polynomial ridge fit, with the degree and λ on sliders.

    The data are :func:`l1l2.datasets.make_polynomial_data` (``n_samples``
    points, split two thirds for training, one third for validation by
    :func:`l1l2.datasets.train_validation_split`). Features are the Legendre
    polynomials of :func:`l1l2.selection.polynomial_features` and every fit is
    :func:`l1l2.solvers.ridge` with strength λ (``alpha``).

    Left panel: training points, validation points, the true function and the
    fitted polynomial for the chosen degree and λ. Right panel: the training
    and validation MSE of the chosen degree against λ (a fine grid, log
    axes), with markers at the chosen λ. All fits are precomputed; a slider
    step moves three lines, two markers and the title.

    Parameters
    ----------
    degrees : sequence of int
        Slider positions for the degree (each at least 1).
    alphas : sequence of float
        Slider positions for λ (each > 0, for the log axis).
    initial : dict, optional
        Starting position (default: the highest degree and the smallest λ).
    n_samples : int
        Number of data points (at least 6).
    noise_std : float
        :math:`\\sigma` of the data (at most 1000).
    seed : int
        Seed of the data and of the split.

    Returns
    -------
    InteractiveFigure
        Parameters ``degree`` and ``alpha``; also carries ``.val_mse`` and
        ``.train_mse``, dicts ``{(degree, alpha): MSE}`` at the slider positions.
    """
    from . import datasets, plotting, selection, solvers

    n_samples = check_scalar(n_samples, "n_samples", low=6, high=_MAX_SAMPLES, integer=True)
    noise_std = check_scalar(noise_std, "noise_std", low=0, high=1000)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    degrees = list(_grid(degrees, "degrees", low=1, high=_MAX_DEGREE, integer=True))
    alphas = list(_grid(alphas, "alphas", positive=True))
    _check_n_frames(degrees=degrees, alphas=alphas)
    data = datasets.make_polynomial_data(n_samples, noise_std=noise_std, seed=seed)
    x_tr, x_va, y_tr, y_va = datasets.train_validation_split(
        data.x, data.y, validation_fraction=1 / 3, seed=seed)
    grid = np.linspace(0.0, 1.0, 301)
    fine = np.geomspace(min(alphas) / 3, max(alphas) * 3, 41)
    curves, fits, val_mse, train_mse = {}, {}, {}, {}
    for d in degrees:
        F_tr, F_va = (selection.polynomial_features(x, d) for x in (x_tr, x_va))
        F_grid = selection.polynomial_features(grid, d)
        curves[d] = selection.validation_curve(F_tr, y_tr, F_va, y_va, fine)
        tr, va = selection.validation_curve(F_tr, y_tr, F_va, y_va, alphas)
        for a, t, v in zip(alphas, tr, va, strict=True):
            fit = solvers.ridge(F_tr, y_tr, a)
            fits[d, a] = F_grid @ fit.coef + fit.intercept
            train_mse[d, a], val_mse[d, a] = float(t), float(v)

    # Sized for phones too: default font sizes at 90 dpi in a 7.2-inch-wide
    # figure, short titles, one legend below the panels where it hides no data
    fig, (ax_fit, ax_cv) = plotting.new_figure(2, width=7.2, height=4.0)
    red = plotting.color_of("l2")
    ax_fit.plot(grid, data.truth(grid), color=plotting.color_of("truth"), lw=1.5,
                label=r"truth $\sin(2\pi x)$")
    ax_fit.plot(x_tr, y_tr, "o", color=plotting.color_of("data"), ms=5,
                label="training points")
    ax_fit.plot(x_va, y_va, "s", color=plotting.color_of("outlier"), ms=5, mfc="none",
                mew=1.5, label="validation points")
    (fit_line,) = ax_fit.plot(grid, fits[degrees[0], alphas[0]], color=red, lw=2,
                              label="ridge fit")
    ax_fit.set(xlim=(0, 1), ylim=(-2.2, 2.2), xlabel="input $x$", ylabel="target $y$")
    top = max(max(c[1].max() for c in curves.values()), 1.0)
    bottom = min(min(c[0].min() for c in curves.values()), 0.01)
    (tr_line,) = ax_cv.plot(fine, curves[degrees[0]][0], color=plotting.color_of("data"),
                            lw=2, label="training MSE")
    (va_line,) = ax_cv.plot(fine, curves[degrees[0]][1], color=red, ls="--", lw=2,
                            label="validation MSE")
    (tr_mark,) = ax_cv.plot([alphas[0]], [1.0], "o", color=plotting.color_of("data"), ms=7)
    (va_mark,) = ax_cv.plot([alphas[0]], [1.0], "s", color=red, ms=7)
    text = ax_cv.set_title("degree 00, λ = 0e+00\nMSE: training 0.0000, validation 0.000",
                           fontsize=11)  # a placeholder of the right size for the layout
    ax_cv.set(xscale="log", yscale="log", xlim=(fine[0], fine[-1]),
              ylim=(bottom / 2, top * 3), xlabel=r"ridge strength $\lambda$ (log scale)",
              ylabel="mean squared error (log scale)")
    fig.legend(handles=[*ax_fit.lines, tr_line, va_line], loc="outside lower center",
               ncols=3)

    def update(degree, alpha):
        fit_line.set_ydata(fits[degree, alpha])
        tr_line.set_ydata(curves[degree][0])
        va_line.set_ydata(curves[degree][1])
        tr_mark.set_data([alpha], [train_mse[degree, alpha]])
        va_mark.set_data([alpha], [val_mse[degree, alpha]])
        text.set_text(f"degree {degree}, λ = {alpha:.0e}\nMSE: training "
                      f"{train_mse[degree, alpha]:.2g}, validation "
                      f"{val_mse[degree, alpha]:.2g}")

    if initial is None:
        initial = {"degree": max(degrees), "alpha": min(alphas)}
    fig_i = interactive_figure(
        fig, update, {"degree": degrees, "alpha": alphas}, initial=initial,
        labels={"degree": "degree", "alpha": "λ"},
        formats={"degree": "{:d}", "alpha": "{:.0e}"},
        animated=[fit_line, tr_line, va_line, tr_mark, va_mark, text], colors=16, dpi=90,
        alt=("Two panels. Left: grey training points and orange validation squares around "
             "the black curve sin(2 pi x) on x from 0 to 1, and a vermillion polynomial fit; "
             "at high degree and tiny lambda the fit passes through the training points and "
             "swings wildly between them, at large lambda it flattens towards a horizontal "
             "line. Right: on log axes against lambda, the training error (grey, rising "
             "with lambda) and the validation error (vermillion dashed, U-shaped for high "
             "degrees) of the chosen degree, with markers at the chosen lambda and a title "
             "giving both errors."),
    )
    fig_i.val_mse, fig_i.train_mse = val_mse, train_mse
    return fig_i


# -- chapter 6: figures --


def ridge_shrinkage_explorer(X=None, y=None, *, lambdas=None, initial=None):
    r"""Chapter 6's figure: ridge shrinks each principal direction by :math:`d_j^2/(d_j^2+\lambda)`.

    With the thin singular value decomposition :math:`X = U D V^\top` (``X``
    and ``y`` centred), the ridge fit (scikit-learn's scaling,
    :math:`\|y - Xw\|^2 + \lambda\|w\|^2`) is

    .. math:: \hat y_\lambda = \sum_j u_j\,\frac{d_j^2}{d_j^2 + \lambda}\,u_j^\top y,

    the least-squares fit with its coordinate along each :math:`u_j` multiplied
    by a factor in :math:`(0, 1)`. Left panel: the factor as a function of
    :math:`d^2` (log axis), with the data's :math:`d_j^2` as dots and a line at
    :math:`d^2 = \lambda`, where the factor is 1/2; a text gives the effective
    degrees of freedom :math:`\mathrm{df}(\lambda) = \sum_j d_j^2/(d_j^2+\lambda)`.
    Right panel: the coordinates :math:`u_j^\top y` of the least-squares fit
    (grey outlines) and :math:`u_j^\top \hat y_\lambda` of the ridge fit (bars).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features), optional
        Design matrix (default: the scaled diabetes features,
        :func:`l1l2.datasets.load_diabetes`).
    y : array_like of shape (n_samples,), optional
        Targets (default: the diabetes target). Given ``X``, ``y`` is required.
    lambdas : sequence of float, optional
        Slider positions, each > 0 (default: 16 values from 0.001 to 100).
    initial : dict, optional
        Starting position (default: ``lambda_ = 0.1``, or the middle one).

    Returns
    -------
    InteractiveFigure
        Parameter ``lambda_``; also carries ``.d2`` (the :math:`d_j^2`, in
        decreasing order), ``.coords`` (:math:`u_j^\top y`), ``.factors``
        (``{lambda: array of factors}``) and ``.df`` (``{lambda: df}``).

    Raises
    ------
    ValueError
        For bad ``X``/``y`` (as :func:`l1l2.solvers.ridge`), ``y`` missing or
        given alone, or a ``lambdas`` entry that is not a positive number.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = ridge_shrinkage_explorer(lambdas=[0.01, 1.0])
    >>> print(fig_i.n_frames, round(fig_i.df[1.0], 4))
    2 3.9423
    """
    from . import datasets, plotting
    from ._validation import check_X_y

    if (X is None) != (y is None):
        raise ValueError("X and y must be given together (or neither, for the diabetes data)")
    if X is None:
        d = datasets.load_diabetes()
        X, y = d.X, d.y
    Xa, ya, _ = check_X_y(X, y)
    Xc = Xa.astype(np.float64) - Xa.mean(axis=0)
    yc = ya.astype(np.float64) - ya.mean()
    if lambdas is None:
        lambdas = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
                   10.0, 20.0, 50.0, 100.0]
    lambdas = list(_grid(lambdas, "lambdas", positive=True))
    U, dv, _ = np.linalg.svd(Xc, full_matrices=False)
    with np.errstate(over="ignore", under="ignore"):
        d2 = dv**2
    if not (np.all(np.isfinite(d2)) and 1e-100 <= d2.max() <= 1e100):
        raise ValueError("X: the squared singular values of the centred X must lie within "
                         "1e-100 to 1e100 (a non-constant X of moderate scale); rescale X")
    coords = U.T @ yc
    factors = {lam: d2 / (d2 + lam) for lam in lambdas}
    df = {lam: float(np.round(factors[lam].sum(), 10)) for lam in lambdas}

    fig, (ax_f, ax_c) = plotting.new_figure(2, width=9.0, height=4.3)
    red = plotting.color_of("l2")
    grey = plotting.color_of("data")
    positive = d2[d2 > 1e-200]  # below: a zero singular value up to rounding
    lo = min(min(lambdas), positive.min()) / 3
    hi = max(max(lambdas), positive.max()) * 3
    grid = np.geomspace(lo, hi, 300)
    (curve,) = ax_f.plot(grid, grid / (grid + lambdas[0]), color=red, ls="--",
                         label=r"$d^2/(d^2+\lambda)$")
    (dots,) = ax_f.plot(d2, factors[lambdas[0]], "o", color=red, ms=7, mec="black", mew=0.8,
                        label=r"the data's $d_j^2$")
    lam_line = ax_f.axvline(lambdas[0], color=grey, lw=1.2, ls=":",
                            label=r"$d^2 = \lambda$ (factor 1/2)")
    ax_f.set(xscale="log", xlim=(lo, hi), ylim=(-0.03, 1.05),
             xlabel=r"squared singular value $d^2$ (log scale)",
             ylabel=r"shrinkage factor $d^2/(d^2+\lambda)$")
    ax_f.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), ncols=3, fontsize=9,
                frameon=False)
    df_text = ax_f.set_title(" ")
    j = np.arange(1, len(d2) + 1)
    ax_c.bar(j, coords, width=0.7, fill=False, edgecolor=grey, lw=1.2,
             label=r"least squares, $u_j^\top y$")
    bars = ax_c.bar(j, coords * factors[lambdas[0]], width=0.45, color=red,
                    label=r"ridge, $u_j^\top \hat y_\lambda$")
    ax_c.axhline(0.0, color="#888888", lw=0.8)
    span = float(np.abs(coords).max())
    ax_c.set(xticks=j, xlim=(0.4, len(d2) + 0.6), ylim=(-1.1 * span, 1.1 * span),
             xlabel=r"principal direction $j$ (largest $d_j$ first)",
             ylabel=r"coordinate of the fit along $u_j$")
    ax_c.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), ncols=2, fontsize=9,
                frameon=False)
    ax_c.set_title(r"the fit, direction by direction")

    def update(lambda_):
        f = factors[lambda_]
        curve.set_ydata(grid / (grid + lambda_))
        dots.set_ydata(f)
        lam_line.set_xdata([lambda_, lambda_])
        df_text.set_text(f"$\\lambda$ = {lambda_:.3g}: effective degrees of freedom "
                         f"{df[lambda_]:.2f} of {len(d2)}")
        for bar, value in zip(bars, coords * f, strict=True):
            bar.set_height(value)

    if initial is None:
        initial = {"lambda_": 0.1 if 0.1 in lambdas else lambdas[len(lambdas) // 2]}
    fig_i = interactive_figure(
        fig, update, {"lambda_": lambdas}, initial=initial, labels={"lambda_": "λ"},
        formats={"lambda_": "{:.3g}"},
        animated=[curve, dots, lam_line, df_text, *bars], colors=16,
        alt=("Two panels. Left: a vermillion S-shaped curve of the ridge shrinkage factor "
             "d squared over d squared plus lambda against d squared on a log axis, rising "
             "from 0 to 1 and crossing one half at a dotted vertical line where d squared "
             "equals lambda; dots on the curve mark the squared singular values of the data, "
             "and the title gives lambda and the effective degrees of freedom. Right: for each "
             "principal direction, ordered from the largest singular value, a grey outlined "
             "bar for the least-squares fit's coordinate and a narrower vermillion bar for "
             "the ridge fit's coordinate; as lambda grows the vermillion bars shrink, those "
             "of the last directions first."),
    )
    fig_i.d2, fig_i.coords, fig_i.factors, fig_i.df = d2, coords, factors, df
    return fig_i


# -- chapter 7: figures --


def correlated_pair_data(n_samples: int = 100, *, seed: int = 7):
    """The toy data of chapter 7's elastic-net figure: a strongly correlated pair.

    Five standardized features (mean 0, variance 1): :math:`x_1 = z + 0.1 e_1`
    and :math:`x_2 = z + 0.1 e_2` share a latent :math:`z` (correlation near
    0.99), :math:`x_3, x_4, x_5` are independent. The target is
    :math:`y = 1.5 x_1 + 1.5 x_2 + x_3 + 1.5\\,\\varepsilon`, all noises standard
    normal.

    Returns
    -------
    (X, y) : ndarray of shape (n_samples, 5) and (n_samples,)
    """
    n = check_scalar(n_samples, "n_samples", low=10, high=_MAX_SAMPLES, integer=True)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    rng = np.random.default_rng(seed)
    z = rng.normal(size=n)
    x1 = z + 0.1 * rng.normal(size=n)
    x2 = z + 0.1 * rng.normal(size=n)
    X = np.column_stack([x1, x2, rng.normal(size=(n, 3))])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = 1.5 * X[:, 0] + 1.5 * X[:, 1] + X[:, 2] + 1.5 * rng.normal(size=n)
    return X, y


def elastic_net_explorer(*, l1_ratios=None, alphas=None, initial=None, n_samples: int = 100,
                         seed: int = 7, n_path: int = 40):
    """Chapter 7's figure: the elastic net keeps a correlated pair, the lasso picks one.

    On :func:`correlated_pair_data`, the elastic-net solutions
    (:func:`l1l2.solvers.elastic_net`, intercept fitted) for every
    ``l1_ratio`` :math:`\\rho` and strength :math:`\\lambda` of the sliders.
    Left panel: the coefficient paths :math:`w_j(\\lambda)` for the chosen
    :math:`\\rho`, with a vertical line at the chosen :math:`\\lambda`. Right
    panel: the coefficients at the chosen :math:`(\\rho, \\lambda)` as bars,
    with the lasso's (:math:`\\rho = 1`) at the same :math:`\\lambda` as
    circles. All fits are precomputed; a slider step moves lines and bars.

    Parameters
    ----------
    l1_ratios : sequence of float, optional
        Slider positions for :math:`\\rho` (default: 6 values from 1 down to 0.1).
    alphas : sequence of float, optional
        Slider positions for :math:`\\lambda` (default: 5 values from 1.5 to 0.06).
    initial : dict, optional
        Starting position (default: :math:`\\rho = 1`, :math:`\\lambda = 1`).
    n_samples, seed : int
        Passed to :func:`correlated_pair_data`.
    n_path : int
        Number of :math:`\\lambda` values of each drawn path.

    Returns
    -------
    InteractiveFigure
        Parameters ``l1_ratio`` and ``alpha``; also carries ``.coefs`` (a dict
        ``{(l1_ratio, alpha): coef}``) and the data ``.X``, ``.y``.
    """
    from . import plotting, solvers

    if l1_ratios is None:
        l1_ratios = [1.0, 0.9, 0.7, 0.5, 0.3, 0.1]
    if alphas is None:
        alphas = [1.5, 1.0, 0.5, 0.2, 0.06]
    l1_ratios = list(_grid(l1_ratios, "l1_ratios", positive=True, high=1))
    alphas = list(_grid(alphas, "alphas", positive=True))
    _check_n_frames(l1_ratios=l1_ratios, alphas=alphas)
    n_path = check_scalar(n_path, "n_path", low=2, high=1000, integer=True)
    X, y = correlated_pair_data(n_samples, seed=seed)
    grid = np.geomspace(0.02, 20.0, n_path)
    paths = {r: np.array([solvers.elastic_net(X, y, a, r).coef for a in grid])
             for r in l1_ratios}
    coefs = {(r, a): solvers.elastic_net(X, y, a, r).coef for r in l1_ratios for a in alphas}
    lasso_at = {a: solvers.lasso(X, y, a).coef for a in alphas}

    names = ["$x_1$", "$x_2$", "$x_3$", "$x_4$", "$x_5$"]
    colors = ["black", "black", plotting.OKABE_ITO["sky_blue"], "#9a9a9a", "#9a9a9a"]
    styles = ["-", "--", "-", ":", "-."]
    fig, (ax_path, ax_bar) = plotting.new_figure(2, width=8.5, height=3.8)
    r0 = l1_ratios[0]
    lines = [ax_path.plot(grid, paths[r0][:, j], color=colors[j], ls=styles[j], lw=1.8,
                          label=names[j])[0] for j in range(5)]
    vline = ax_path.axvline(alphas[0], color=plotting.color_of("elastic_net"), lw=1.5)
    lo = min(p.min() for p in paths.values())
    hi = max(p.max() for p in paths.values())
    ax_path.set(xscale="log", xlim=(grid[0], grid[-1]), ylim=(lo - 0.2, hi + 0.3),
                xlabel=r"strength $\lambda$ (log scale)", ylabel=r"coefficient $w_j$")
    ax_path.axhline(0.0, color="#888888", lw=0.8)
    title = ax_path.set_title(" ")
    ax_path.legend(loc="upper right", ncols=2, fontsize=9)
    pos = np.arange(5)
    bars = ax_bar.bar(pos, coefs[r0, alphas[0]], color=plotting.color_of("elastic_net"),
                      edgecolor="black", width=0.6, label=r"elastic net, chosen $\rho$")
    (dots,) = ax_bar.plot(pos, lasso_at[alphas[0]], "o", mfc="none", mec=plotting.color_of("l1"),
                          mew=2, ms=9, ls="none", label=r"lasso ($\rho = 1$)")
    ax_bar.axhline(0.0, color="#888888", lw=0.8)
    ax_bar.set_axisbelow(True)
    ax_bar.set_xticks(pos, names)
    ax_bar.set(ylim=(lo - 0.2, hi + 0.3), xlabel="feature", ylabel=r"coefficient $w_j$")
    ax_bar.legend(loc="upper right", fontsize=9)
    text = ax_bar.text(0.98, 0.62, "", transform=ax_bar.transAxes, ha="right", fontsize=10)

    def update(l1_ratio, alpha):
        for j, line in enumerate(lines):
            line.set_ydata(paths[l1_ratio][:, j])
        vline.set_xdata([alpha, alpha])
        w = coefs[l1_ratio, alpha]
        for bar, h in zip(bars, w, strict=True):
            bar.set_height(h)
        dots.set_ydata(lasso_at[alpha])
        title.set_text(rf"paths for $\rho$ = {l1_ratio:g}")
        text.set_text(f"$w_1$ = {w[0]:.2f}, $w_2$ = {w[1]:.2f}\n"
                      f"non-zero: {int(np.count_nonzero(w))} of 5")

    if initial is None:
        initial = {"l1_ratio": 1.0 if 1.0 in l1_ratios else l1_ratios[0],
                   "alpha": 1.0 if 1.0 in alphas else alphas[0]}
    fig_i = interactive_figure(
        fig, update, {"l1_ratio": l1_ratios, "alpha": alphas}, initial=initial,
        labels={"l1_ratio": "ρ (l1_ratio)", "alpha": "λ (alpha)"},
        formats={"l1_ratio": "{:g}", "alpha": "{:g}"},
        animated=[*lines, vline, *bars, dots, title, text], colors=16,
        alt=("Two panels. Left: coefficient paths of five features against the strength "
             "lambda on a log axis for the chosen mixing rho, with an orange vertical line "
             "at the chosen lambda; x1 and x2, a strongly correlated pair, are black solid "
             "and black dashed. With rho = 1 (the lasso) only x1 leaves zero over a wide "
             "range of lambda; as rho decreases the two black paths run together. Right: "
             "orange bars of the five coefficients at the chosen rho and lambda, with the lasso's "
             "values at the same lambda as blue circles, and a text giving w1, w2 and the "
             "number of non-zero coefficients."),
    )
    fig_i.coefs, fig_i.X, fig_i.y = coefs, X, y
    return fig_i


# -- chapter 8: figures --


def adam_decay_explorer(*, weight_decays=(0.0, 0.01, 0.03, 0.1, 0.3, 1.0),
                        lrs=(0.001, 0.003, 0.01), scales=(0.01, 1.0, 100.0),
                        n_steps: int = 1000, initial=None):
    r"""Chapter 8's figure: an L2 penalty under Adam is not weight decay (AdamW).

    Three weights start at 1. The loss gradient of weight :math:`j` averages
    to zero but flips sign at every step with size :math:`s_j`, a stylized
    minibatch noise, :math:`g_j^{(k)} = s_j(-1)^k`: the data pull no weight
    anywhere, so only the regularization moves them towards 0. Top panel:
    :func:`l1l2.solvers.adam_step` with ``weight_decay`` :math:`\lambda` (an L2
    term :math:`\lambda w` added to the gradient, ``torch.optim.Adam``);
    bottom panel: :func:`l1l2.solvers.adamw_step` (decoupled decay,
    ``torch.optim.AdamW``). Both panels show :math:`\lvert w_j^{(k)}\rvert`
    on a log axis, with SGD's decay :math:`(1 - \eta\lambda)^k` for reference.
    Under AdamW the three weights decay alike; under Adam the decay of weight
    :math:`j` is divided by Adam's scale :math:`\sqrt{\hat v_j} \approx s_j`.
    All runs are computed once here; a slider step only moves lines.

    Parameters
    ----------
    weight_decays, lrs : sequences of float
        Slider positions for :math:`\lambda` (``>= 0``) and :math:`\eta`
        (``> 0``); at most 64 combinations.
    scales : sequence of 3 floats
        The gradient sizes :math:`s_j > 0` of the three weights.
    n_steps : int
        Number of optimizer steps (``>= 2``).
    initial : dict, optional
        Starting slider values (default ``weight_decay=0.1, lr=0.01`` when offered).

    Returns
    -------
    InteractiveFigure
        Parameters ``weight_decay`` and ``lr``; also carries ``.runs``, a dict
        ``{(optimizer, weight_decay, lr): array (n_steps + 1, 3)}`` of the
        iterates, with optimizer ``"adam"`` or ``"adamw"``, and ``.scales``.

    Raises
    ------
    ValueError
        A negative ``weight_decay``, a non-positive ``lr`` or scale, not three
        scales, ``n_steps < 2`` or too many frames.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = adam_decay_explorer(weight_decays=(0.0, 0.1), lrs=(0.01, 0.1), n_steps=50)
    >>> fig_i.n_frames
    4
    >>> w = fig_i.runs["adamw", 0.1, 0.01][-1]
    >>> bool(w.max() - w.min() < 1e-3)   # AdamW: the three weights decay alike
    True
    """
    from . import plotting
    from .solvers import adam_step, adamw_step

    weight_decays = _grid(weight_decays, "weight_decays", low=0)
    lrs = _grid(lrs, "lrs", positive=True)
    scales = _grid(scales, "scales", positive=True)
    if len(scales) != 3:
        raise ValueError(f"scales must hold 3 gradient sizes, got {len(scales)}")
    n_steps = check_scalar(n_steps, "n_steps", low=2, high=_MAX_CURVE_POINTS, integer=True)
    _check_n_frames(weight_decays=weight_decays, lrs=lrs)
    s = np.array(scales)
    k = np.arange(n_steps + 1)

    def run(step, wd, lr):
        w, state = np.ones(3), {}
        out = np.empty((n_steps + 1, 3))
        out[0] = w
        for i in range(n_steps):
            w = step(w, s if i % 2 == 0 else -s, state, lr=lr, weight_decay=wd)
            out[i + 1] = w
        return out

    runs = {}
    for wd in weight_decays:
        for lr in lrs:
            runs["adam", wd, lr] = run(adam_step, wd, lr)
            runs["adamw", wd, lr] = run(adamw_step, wd, lr)

    floor = 1e-5
    # Two panels stacked, not side by side, and few words in large type: on a
    # phone the frame is shown about 340 px wide, so each panel gets the full width.
    fig, axes = plotting.new_figure(1, 2, width=6.0, height=5.8, sharex=True, sharey=True)
    styles = [(plotting.OKABE_ITO["sky_blue"], ":"), ("black", "-"),
              (plotting.color_of("data"), "-.")]
    lines = {}
    for ax, opt, title in ((axes[0], "adam", r"Adam + L2 penalty"),
                           (axes[1], "adamw", "AdamW (decoupled decay)")):
        for j, (color, ls) in enumerate(styles):
            (lines[opt, j],) = ax.plot(k, np.ones(k.size), color=color, ls=ls, lw=2.4,
                                       label=f"$w_{j + 1}$, $s_{j + 1}$ = {scales[j]:g}")
        (lines[opt, "sgd"],) = ax.plot(k, np.ones(k.size), color=plotting.color_of("l2"),
                                       ls=(0, (4, 3)), lw=1.8, zorder=4,
                                       label=r"SGD, $(1-\eta\lambda)^k$")
        ax.set(yscale="log", ylim=(floor, 2.0), xlim=(0, n_steps))
        ax.set_yticks([1e-4, 1e-2, 1.0])
        ax.set_yticks([], minor=True)
        ax.set_title(title, fontsize=14)
        ax.set_ylabel(r"$|w_j^{(k)}|$", fontsize=14)
        ax.tick_params(labelsize=13)
    axes[1].set_xlabel(r"step $k$", fontsize=14)
    fig.legend(handles=[lines["adam", j] for j in range(3)] + [lines["adam", "sgd"]],
               loc="outside lower center", ncols=2, frameon=False, fontsize=13,
               handlelength=2.4, columnspacing=1.2)

    def update(weight_decay, lr):
        ref = (1.0 - lr * weight_decay) ** k
        for opt in ("adam", "adamw"):
            traj = np.maximum(np.abs(runs[opt, weight_decay, lr]), floor)
            lines[opt, "sgd"].set_ydata(np.maximum(ref, floor))
            for j in range(3):
                lines[opt, j].set_ydata(traj[:, j])

    if initial is None:
        initial = _preferred_initial(weight_decay=(weight_decays, 0.1), lr=(lrs, 0.01))
    fig_i = interactive_figure(
        fig, update, {"weight_decay": weight_decays, "lr": lrs}, initial=initial,
        labels={"weight_decay": "weight_decay λ", "lr": "learning rate η"},
        formats={"weight_decay": "{:.3g}", "lr": "{:.3g}"},
        animated=list(lines.values()), colors=16,
        alt=("Two panels, one above the other, sharing a log-scaled vertical axis, of the "
             "size of three weights against the optimizer step, all starting at 1, whose "
             "loss gradients flip sign every step with sizes 0.01, 1 and 100. A dashed "
             "vermillion line shows SGD's weight decay, (1 - lr times lambda) to the power "
             "k. Top, Adam with an L2 penalty: the weight with the smallest gradients "
             "collapses towards 0 within a few hundred steps, the weight with gradient size "
             "1 follows the dashed line, and the weight with the largest gradients barely "
             "decays. Bottom, AdamW: all three weights decay together, close to the dashed "
             "line."),
    )
    fig_i.runs, fig_i.scales = runs, scales
    return fig_i


# -- chapter 9: figures --


class _Infinity(float):
    """A finite stand-in for q = infinity on a slider, displayed as "∞"."""

    def __new__(cls):
        return super().__new__(cls, 1e300)

    def __format__(self, spec):
        return "∞"

    def __repr__(self):
        return "inf"


#: The value of the q slider of :func:`lp_ball_explorer` that means q = infinity.
P_INF = _Infinity()


def _p_value(p):
    return np.inf if isinstance(p, _Infinity) or p >= 1e300 else float(p)


def lp_ball_explorer(*, ps=(0.5, 1.0, 1.5, 2.0, P_INF), angles=(10.0, 45.0, 75.0, 135.0),
                     budgets=(0.5, 1.0, 1.5), radius: float = 2.2, quad_matrix=None,
                     initial=None, dpi: float = 90, colors: int = 8):
    r"""Chapter 9's figure: contours of a quadratic loss meet an :math:`\ell_q` ball.

    The loss is :math:`(w - c)^\top A (w - c)` (least squares up to a constant)
    with the unconstrained optimum :math:`c = r(\cos\varphi, \sin\varphi)`;
    the constraint is :math:`\lVert w\rVert_q \le t`, with
    :math:`\lVert w\rVert_q = (|w_1|^q + |w_2|^q)^{1/q}` (the book calls the
    exponent :math:`q`, as :math:`p` is the number of features). For every
    slider position the constrained solution
    :func:`l1l2.solvers.constrained_quadratic_2d` is precomputed. The figure
    shows the loss's contours, the ball, the solution, the one contour that
    touches the ball there (the level :math:`(w^\star - c)^\top A (w^\star -
    c)`), and says whether a coordinate of :math:`w^\star` is exactly 0.

    Parameters
    ----------
    ps : sequence of float
        Slider positions of the exponent :math:`q` (each > 0); :data:`P_INF`
        means :math:`q = \infty` (the square).
    angles : sequence of float
        Directions :math:`\varphi` of the optimum, in degrees.
    budgets : sequence of float
        Slider positions of the budget :math:`t` (each > 0).
    radius : float
        Distance :math:`r` of the optimum from the origin.
    quad_matrix : array_like of shape (2, 2), optional
        :math:`A` (default ``[[1, 0.6], [0.6, 1]]``: ellipses elongated along
        :math:`(1, -1)`).
    initial : dict, optional
        Starting position (default: :math:`q = 1`, :math:`\varphi = 10`,
        :math:`t = 1`).
    dpi, colors
        Resolution and palette size of the static frames.

    Returns
    -------
    InteractiveFigure
        Parameters ``p`` (the exponent :math:`q`, slider label "q"),
        ``angle``, ``t``; also carries ``.A``,
        ``.centers`` (``{angle: c}``) and ``.solutions``
        (``{(p, angle, t): w}``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = lp_ball_explorer(ps=[1.0, 2.0], angles=[45.0, 135.0], budgets=[0.5, 1.0])
    >>> print(fig_i.n_frames, fig_i.solutions[1.0, 45.0, 1.0])
    8 [0.5 0.5]
    """
    from . import plotting, solvers

    ps = list(_grid(ps, "ps", positive=True, keep=(_Infinity,)))
    angles = list(_grid(angles, "angles"))
    budgets = list(_grid(budgets, "budgets", positive=True, magnitude=_AXIS_MAGNITUDE))
    _check_n_frames(ps=ps, angles=angles, budgets=budgets)
    radius = check_scalar(radius, "radius", low=0, low_inclusive=False, high=_AXIS_MAGNITUDE)
    if radius < 1 / _AXIS_MAGNITUDE:
        raise ValueError(f"radius must be at least {1 / _AXIS_MAGNITUDE:g}, got {radius:g}")
    A = np.array([[1.0, 0.6], [0.6, 1.0]]) if quad_matrix is None else _check_quad_matrix(
        quad_matrix)
    dpi = _check_dpi(dpi)
    centers = {a: radius * np.array([np.cos(np.radians(a)), np.sin(np.radians(a))])
               for a in angles}
    solutions = {(p, a, t): solvers.constrained_quadratic_2d(A, centers[a], _p_value(p), t)
                 for p in ps for a in angles for t in budgets}
    lim = 1.15 * max(radius, max(budgets))
    evals, evecs = np.linalg.eigh(A)
    circle = np.linspace(0.0, 2.0 * np.pi, 200)
    unit = np.stack([np.cos(circle), np.sin(circle)])
    ellipse = evecs @ (unit / np.sqrt(evals)[:, None])  # {u : u'Au = 1}

    fig, ax = plotting.new_figure(width=4.4, height=4.6)
    g = np.linspace(-lim, lim, 161)
    W1, W2 = np.meshgrid(g, g)
    contour_sets = {}
    for a, c in centers.items():
        D1, D2 = W1 - c[0], W2 - c[1]
        Z = A[0, 0] * D1**2 + 2 * A[0, 1] * D1 * D2 + A[1, 1] * D2**2
        cs = ax.contour(W1, W2, Z, levels=[1, 4, 9, 16],
                        colors="#9a9a9a", linewidths=0.8)
        cs.set_visible(False)
        contour_sets[a] = cs
    ax.axhline(0.0, color="#444444", lw=0.8)
    ax.axvline(0.0, color="#444444", lw=0.8)
    (ball,) = ax.fill([0, 1, 0], [0, 0, 1], facecolor="#cccccc", alpha=0.3, lw=2)
    (touch,) = ax.plot([], [], color="black", lw=1.6, label="touching contour")
    (opt,) = ax.plot([], [], "x", color="black", ms=10, mew=2.2, label=r"$\hat w$")
    (sol,) = ax.plot([], [], "o", color="black", mfc="white", mew=2.2, ms=10,
                     label=r"$w^\star$")
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", xticks=[-2, 0, 2],
           yticks=[-2, 0, 2])
    ax.set_xlabel("$w_1$", fontsize=13)
    ax.set_ylabel("$w_2$", fontsize=13)
    ax.tick_params(labelsize=12)
    ax.grid(False)
    fig.legend(handles=[opt, sol, touch], loc="outside lower center", ncols=3, fontsize=12,
               frameon=False, handlelength=1.2, columnspacing=1.0, handletextpad=0.4)
    title = ax.set_title("q = 1, t = 1", fontsize=14)  # a real text, for the layout
    note = ax.text(0.03, 0.03, " ", transform=ax.transAxes, fontsize=13, va="bottom",
                   bbox={"facecolor": "white", "edgecolor": "#999999", "alpha": 0.95})

    def update(p, angle, t):
        pv = _p_value(p)
        for a, cs in contour_sets.items():
            cs.set_visible(a == angle)
        b1, b2 = plotting.lp_ball_boundary(pv, t, 400)
        ball.set_xy(np.column_stack([b1, b2]))
        color = plotting.color_of("l1") if pv == 1 else (
            plotting.color_of("l2") if pv == 2 else "#555555")
        ball.set_facecolor(color)
        ball.set_edgecolor(color)
        ball.set_alpha(0.3)
        c = centers[angle]
        w = solutions[p, angle, t]
        level = float((w - c) @ A @ (w - c))
        pts = c[:, None] + np.sqrt(level) * ellipse
        touch.set_data(pts[0], pts[1])
        opt.set_data([c[0]], [c[1]])
        sol.set_data([w[0]], [w[1]])
        title.set_text(f"q = {p:.3g}, t = {t:.3g}")
        zeros = [j + 1 for j in range(2) if w[j] == 0.0]
        note.set_text(f"$w_{zeros[0]}^\\star = 0$ exactly" if zeros else "not sparse")

    if initial is None:
        initial = {"p": 1.0 if 1.0 in ps else ps[0], "angle": angles[0],
                   "t": 1.0 if 1.0 in budgets else budgets[0]}
    fig_i = interactive_figure(
        fig, update, {"p": ps, "angle": angles, "t": budgets}, initial=initial,
        labels={"p": "q", "angle": "optimum direction φ (degrees)", "t": "budget t"},
        formats={"p": "{:.3g}", "angle": "{:.0f}", "t": "{:.2g}"},
        animated=[*contour_sets.values(), ball, touch, opt, sol, title, note],
        dpi=dpi, colors=colors,
        alt=("Grey elliptical contours of a two-dimensional quadratic loss around its "
             "unconstrained optimum w-hat, marked by a cross, and a shaded l_q ball centred "
             "at the origin: a star-like shape for q = 0.5, a diamond for q = 1, a rounded "
             "square for q = 1.5, a disc for q = 2 and a square for q = infinity. A black "
             "ellipse, the contour that touches the ball, meets it at the constrained "
             "solution w-star, an open circle; a box says which coordinate of it is exactly "
             "zero, or that none is. Sliders choose q, the direction of the optimum and the "
             "budget t."),
    )
    fig_i.A, fig_i.centers, fig_i.solutions = A, centers, solutions
    return fig_i


def kink_explorer(*, lams=(0.5, 1.0, 2.0), slopes=(-2.0, -1.5, -1.0, -0.5, 0.0),
                  initial=None, w_range=(-1.0, 2.5), n_points: int = 701, dpi: float = 80,
                  colors: int = 16):
    r"""Chapter 9's kink figure: :math:`\mathcal L(w) + \lambda|w|` against
    :math:`\mathcal L(w) + \lambda w^2`, with sliders for :math:`\lambda` and
    :math:`\mathcal L'(0)`.

    The loss of one weight is :math:`\mathcal L(w) = \tfrac12 (w - z)^2` with
    :math:`z = -\mathcal L'(0)`, so the slope slider moves the loss's minimum.
    The top panel shows :math:`\mathcal L`, :math:`\mathcal L + \lambda|w|`
    and :math:`\mathcal L + \lambda w^2` with their minimizers (dots); the
    bottom panel their derivatives, with the subdifferential
    :math:`\mathcal L'(0) + [-\lambda, \lambda]` of the kinked objective at 0
    drawn as a vertical segment. A minimizer is where a derivative crosses 0;
    the kinked one sits at 0 exactly iff the segment contains 0, that is
    :math:`|\mathcal L'(0)| \le \lambda`. Every frame is precomputed.

    Parameters
    ----------
    lams : sequence of positive float
        Slider positions of the penalty strength :math:`\lambda`.
    slopes : sequence of float
        Slider positions of the loss's slope at 0, :math:`\mathcal L'(0)`.
    initial : dict, optional
        Starting position (default ``lam=1.0, slope=-0.5`` when offered).
    w_range : (float, float)
        The range of :math:`w` on the horizontal axis.
    n_points : int
        Points per curve (at least 11).
    dpi, colors
        Resolution and palette size of the static frames.

    Returns
    -------
    InteractiveFigure
        Parameters ``lam`` and ``slope``; also carries ``.minimizers``,
        ``{(lam, slope): {"loss": z, "l1": S_lam(z), "l2": z / (1 + 2 lam)}}``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = kink_explorer(lams=(0.5, 1.0), slopes=(-1.5, -0.5))
    >>> fig_i.n_frames
    4
    >>> fig_i.minimizers[1.0, -0.5]["l1"], fig_i.minimizers[1.0, -1.5]["l1"]
    (0.0, 0.5)
    """
    from . import penalties, plotting

    lams = _grid(lams, "lams", positive=True)
    slopes = _grid(slopes, "slopes")
    _check_n_frames(lams=lams, slopes=slopes)
    n_points = check_scalar(n_points, "n_points", low=11, high=_MAX_CURVE_POINTS, integer=True)
    lo, hi = _axis_range(w_range, "w_range")
    if not lo < 0 < hi:
        raise ValueError(f"w_range must be increasing and contain 0, got {w_range!r:.40}")
    dpi = _check_dpi(dpi)
    w = np.union1d(np.linspace(lo, hi, n_points), [0.0])  # the kink is on the grid
    minimizers = {}
    for lam in lams:
        for s in slopes:
            z = -s
            minimizers[lam, s] = {"loss": z, "l1": float(penalties.soft_threshold(z, lam)),
                                  "l2": z / (1 + 2 * lam)}

    def objectives(lam, s):
        loss = 0.5 * (w + s) ** 2
        return {"data": loss, "l1": loss + lam * np.abs(w), "l2": loss + lam * w**2}

    def derivatives(lam, s):
        grad = w + s
        kinked = grad + lam * np.sign(w)
        kinked[w == 0.0] = np.nan  # the subdifferential at 0 is drawn as a segment
        return {"data": grad, "l1": kinked, "l2": grad + 2 * lam * w}

    fig, (ax_f, ax_d) = plotting.new_figure(1, 2, width=5.6, height=6.0, sharex=True)
    names = {"data": r"$\mathcal{L}(w)$", "l1": r"$\mathcal{L}(w) + \lambda|w|$",
             "l2": r"$\mathcal{L}(w) + \lambda w^2$"}
    curves, dots, ddots = {}, {}, {}
    for key in ("data", "l2", "l1"):
        style = {"color": plotting.color_of(key),
                 "ls": ":" if key == "data" else plotting.LINESTYLES[key], "lw": 2.4}
        (curves[key, "f"],) = ax_f.plot(w, np.zeros_like(w), label=names[key], **style)
        (curves[key, "d"],) = ax_d.plot(w, np.zeros_like(w), **style)
        (dots[key],) = ax_f.plot([], [], "o", color=style["color"], ms=9, zorder=5)
        (ddots[key],) = ax_d.plot([], [], "o", color=style["color"], ms=9, zorder=5)
    (segment,) = ax_d.plot([], [], color=plotting.color_of("l1"), lw=5, solid_capstyle="butt")
    for ax in (ax_f, ax_d):
        ax.axvline(0.0, color="#999999", lw=0.8, zorder=0)
        ax.tick_params(labelsize=13)
    ax_d.axhline(0.0, color="black", lw=1.0, zorder=0)
    ax_f.set(xlim=(lo, hi), ylim=(0.0, 4.0), yticks=[0, 2, 4])
    ax_d.set(ylim=(-3.0, 3.0), yticks=[-2, 0, 2], xticks=np.arange(np.ceil(lo), hi + 1e-9))
    ax_f.set_ylabel("objective", fontsize=14)
    ax_d.set_ylabel("derivative", fontsize=14)
    ax_d.set_xlabel("weight $w$", fontsize=14)
    fig.legend(handles=[curves[k, "f"] for k in ("data", "l1", "l2")],
               loc="outside lower center", ncols=3, frameon=False, fontsize=13,
               handlelength=1.6, columnspacing=1.0, handletextpad=0.4)
    title = ax_f.set_title(r"$|\mathcal{L}'(0)| \leq \lambda$", fontsize=14)  # for the layout

    def update(lam, slope):
        for key, f in objectives(lam, slope).items():
            curves[key, "f"].set_ydata(f)
        for key, d in derivatives(lam, slope).items():
            curves[key, "d"].set_ydata(d)
        for key, name in (("data", "loss"), ("l1", "l1"), ("l2", "l2")):
            m = minimizers[lam, slope][name]
            value = 0.5 * (m + slope) ** 2 + {"data": 0.0, "l1": lam * abs(m),
                                               "l2": lam * m**2}[key]
            dots[key].set_data([m], [value])
            ddots[key].set_data([m], [0.0])
        segment.set_data([0.0, 0.0], [slope - lam, slope + lam])
        at_zero = minimizers[lam, slope]["l1"] == 0.0
        relation = r"\leq" if abs(slope) <= lam else ">"
        title.set_text(rf"$|\mathcal{{L}}'(0)| {relation} \lambda$: L1 minimum "
                       + ("at 0" if at_zero else "off 0"))

    if initial is None:
        initial = _preferred_initial(lam=(lams, 1.0), slope=(slopes, -0.5))
    fig_i = interactive_figure(
        fig, update, {"lam": lams, "slope": slopes}, initial=initial,
        labels={"lam": "penalty λ", "slope": "loss slope ℒ′(0)"},
        formats={"lam": "{:g}", "slope": "{:g}"},
        animated=[*curves.values(), *dots.values(), *ddots.values(), segment, title],
        dpi=dpi, colors=colors,
        alt=("Two panels, one above the other, over the weight w. Top: a dotted grey "
             "parabola, the loss L of one weight; the solid blue L plus lambda times |w|, "
             "with a kink at w = 0; the dashed vermillion L plus lambda w squared; a dot "
             "marks each minimum. Bottom: their derivatives, with the blue curve jumping at "
             "0 and a thick blue vertical segment there, the subdifferential from L'(0) "
             "minus lambda to L'(0) plus lambda; each dot sits where a derivative crosses "
             "zero. While the segment contains zero, the blue minimum stays exactly at 0 "
             "and the title says so; the vermillion minimum is at 0 only when L'(0) = 0. "
             "Sliders set lambda and the slope L'(0)."),
    )
    fig_i.minimizers = minimizers
    return fig_i


# -- chapter 10: figures --


def prior_posterior_data(n_samples: int = 40, *, seed: int = 10):
    """The toy data of chapter 10's posterior figure: two correlated features.

    :math:`x_1, x_2` standard normal with correlation 0.3 (then centred), and
    :math:`y = 1.5 x_1 + 0.1 x_2 + e`, where the noise :math:`e` (standard
    normal draws) is made orthogonal to the columns and to the constant: the
    least-squares estimate is exactly :math:`(1.5, 0.1)` and the intercept 0.

    Returns
    -------
    (X, y) : ndarray of shape (n_samples, 2) and (n_samples,)
    """
    n = check_scalar(n_samples, "n_samples", low=3, high=_MAX_SAMPLES, integer=True)
    seed = check_scalar(seed, "seed", low=0, integer=True)
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 2))
    X = np.column_stack([z[:, 0], 0.3 * z[:, 0] + math.sqrt(0.91) * z[:, 1]])
    X = X - X.mean(axis=0)
    e = rng.normal(size=n)
    e = e - e.mean()
    e = e - X @ np.linalg.lstsq(X, e, rcond=None)[0]  # residual orthogonal to X
    return X, X @ np.array([1.5, 0.1]) + e


def _contour_xy(x, y, z, level):
    """The contour lines of ``z`` at ``level`` as one (xs, ys) pair, NaN-separated."""
    import contourpy

    gen = contourpy.contour_generator(x, y, z, line_type="ChunkCombinedNan")
    chunks = [c for c in gen.lines(level)[0] if c is not None]
    if not chunks:
        return np.array([np.nan]), np.array([np.nan])
    pts = np.concatenate(chunks)
    return pts[:, 0], pts[:, 1]


def posterior_explorer(*, scales=(0.1, 0.2, 0.4, 0.8, 1.6), noise_stds=(1.0, 2.0, 3.0, 4.0),
                       initial=None, n_grid: int = 161, lim=(-0.75, 2.0)):
    r"""Chapter 10's figure: log-prior, log-likelihood and log-posterior in 2-D.

    On :func:`prior_posterior_data`, a grid of 2×3 panels: rows are the
    Laplace prior (scale :math:`b`) and the Gaussian prior (scale
    :math:`\tau`), columns the log-prior, the Gaussian log-likelihood with
    noise :math:`\sigma` and their sum, the log-posterior
    (:func:`l1l2.priors.log_posterior_grid`). Each panel draws the contours
    at :math:`\max - \{0.5, 2, 4.5, 8\}` (for a Gaussian: 1, 2, 3 and 4
    standard deviations). The posterior panels mark the MAP estimate
    (:func:`l1l2.priors.map_linear_regression`, exact) and the posterior mean
    (trapezoidal rule on the grid). The sliders set the prior scale
    (:math:`b = \tau`) and :math:`\sigma`; every frame is computed here and
    a slider step only moves lines.

    Parameters
    ----------
    scales, noise_stds : sequences of positive float
        Slider positions of the prior scale and of :math:`\sigma`.
    initial : dict, optional
        Starting position (default ``scale=0.4, noise_std=2.0`` when offered).
    n_grid : int
        Grid points per axis (at least 21).
    lim : (float, float)
        The range of both axes.

    Returns
    -------
    InteractiveFigure
        Parameters ``scale`` and ``noise_std``; also carries ``.X``, ``.y``,
        ``.maps`` and ``.means``, dicts ``{(prior, scale, noise_std): array([w1, w2])}``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig_i = posterior_explorer(scales=(0.2, 1.6), noise_stds=(1.0, 2.0), n_grid=41)
    >>> fig_i.n_frames
    4
    >>> float(fig_i.maps["laplace", 0.2, 2.0][1])   # the Laplace MAP: w2 exactly 0
    0.0
    """
    from . import plotting, priors

    scales = _grid(scales, "scales", positive=True)
    noise_stds = _grid(noise_stds, "noise_stds", positive=True)
    _check_n_frames(scales=scales, noise_stds=noise_stds)
    n_grid = check_scalar(n_grid, "n_grid", low=21, high=401, integer=True)
    lo, hi = _axis_range(lim, "lim")
    X, y = prior_posterior_data()
    g = np.linspace(lo, hi, n_grid)
    deltas = (0.5, 2.0, 4.5, 8.0)
    prior_names = ("laplace", "gaussian")
    curves, maps, means = {}, {}, {}
    for pr in prior_names:
        for s in scales:
            for sd in noise_stds:
                grid = priors.log_posterior_grid(X, y, g, g, prior=pr, scale=s, noise_std=sd)
                for col, z in enumerate((grid.log_prior, grid.log_likelihood,
                                         grid.log_posterior)):
                    top = float(z.max())
                    curves[pr, col, s, sd] = [_contour_xy(g, g, z, top - dl) for dl in deltas]
                maps[pr, s, sd] = priors.map_linear_regression(
                    X, y, prior=pr, scale=s, noise_std=sd, fit_intercept=False).coef
                means[pr, s, sd] = grid.mean()
    w_ls = np.linalg.lstsq(X, y, rcond=None)[0]

    fig, axes = plotting.new_figure(3, 2, width=7.6, height=5.9, sharex=True, sharey=True)
    titles = ("log-prior", "log-likelihood", "log-posterior")
    widths = (2.2, 1.7, 1.3, 1.0)
    ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)  # whole numbers: few labels
    lines = {}
    for row, pr in enumerate(prior_names):
        color = plotting.color_of("l1" if pr == "laplace" else "l2")
        for col in range(3):
            ax = axes[row, col]
            c = plotting.color_of("data") if col == 1 else color
            for k, lw in enumerate(widths):
                (lines[pr, col, k],) = ax.plot([], [], color=c, lw=lw)
            ax.axhline(0.0, color="#bbbbbb", lw=0.7, zorder=0)
            ax.axvline(0.0, color="#bbbbbb", lw=0.7, zorder=0)
            ax.set(xlim=(lo, hi), ylim=(lo, hi), aspect="equal", xticks=ticks, yticks=ticks)
            ax.tick_params(labelsize=12)
            ax.grid(False)
            if row == 0:
                ax.set_title(titles[col], fontsize=14)
            if row == 1:
                ax.set_xlabel("$w_1$", fontsize=14)
        (ls_mark,) = axes[row, 1].plot([w_ls[0]], [w_ls[1]], "s", color="black", ms=7,
                                       label="least squares")
        (lines[pr, "map"],) = axes[row, 2].plot([], [], "x", color="black", ms=11, mew=2.4,
                                                label="MAP")
        (lines[pr, "mean"],) = axes[row, 2].plot([], [], "o", mfc="white", mec="black",
                                                 ms=9, mew=1.8, label="posterior mean")
        name = "Laplace prior" if pr == "laplace" else "Gaussian prior"
        axes[row, 0].set_ylabel(f"{name}\n$w_2$", fontsize=14)
    fig.legend(handles=[ls_mark, lines["laplace", "map"], lines["laplace", "mean"]],
               loc="outside lower center", ncols=3, frameon=False, fontsize=13,
               handletextpad=0.3, columnspacing=1.5)
    text = fig.suptitle("Laplace: MAP $w_2$ = 0, mean $w_2$ = 0.1", fontsize=14)  # layout

    def update(scale, noise_std):
        for pr in prior_names:
            for col in range(3):
                for k, (xs, ys) in enumerate(curves[pr, col, scale, noise_std]):
                    lines[pr, col, k].set_data(xs, ys)
            m, mu = maps[pr, scale, noise_std], means[pr, scale, noise_std]
            lines[pr, "map"].set_data([m[0]], [m[1]])
            lines[pr, "mean"].set_data([mu[0]], [mu[1]])
        m, mu = maps["laplace", scale, noise_std], means["laplace", scale, noise_std]
        text.set_text(f"Laplace: MAP $w_2$ = {m[1]:.3g}, mean $w_2$ = {mu[1]:.3g}")

    if initial is None:
        initial = _preferred_initial(scale=(scales, 0.4), noise_std=(noise_stds, 2.0))
    fig_i = interactive_figure(
        fig, update, {"scale": scales, "noise_std": noise_stds}, initial=initial,
        labels={"scale": "prior scale b = τ", "noise_std": "noise σ"},
        formats={"scale": "{:g}", "noise_std": "{:g}"},
        animated=[*lines.values(), text], colors=16, dpi=96,
        alt=("Six panels in two rows, all with axes w1 and w2 from -0.75 to 2. Top row, "
             "Laplace prior, in blue: the log-prior's contours are nested diamonds centred at "
             "the origin; the grey log-likelihood contours are tilted ellipses around the "
             "least-squares point (a black square) at w1 = 1.5, w2 = 0.1; the log-posterior "
             "contours are their sum, ellipses pulled towards the origin and flattened with a "
             "crease along the w1 axis, with the MAP (a cross) on that axis, w2 exactly 0, "
             "and the posterior mean (a circle) off it. Bottom row, Gaussian prior, in "
             "vermillion: circles for the prior, the same ellipses, and smooth ellipses for "
             "the posterior whose MAP and mean coincide. A line of text above gives the "
             "Laplace MAP and posterior mean of w2; a legend below names the square, the "
             "cross and the circle. The sliders change the prior scale and the noise "
             "level: a smaller prior scale or a larger noise pulls the posterior further "
             "towards the origin."),
    )
    fig_i.X, fig_i.y, fig_i.maps, fig_i.means = X, y, maps, means
    return fig_i
