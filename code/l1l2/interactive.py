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

import numpy as np

from ._validation import check_scalar

__all__ = ["InteractiveFigure", "interactive_figure", "DEFAULT_MAX_FRAMES", "loss_explorer"]

#: Upper bound on the number of precomputed frames of one static figure.
DEFAULT_MAX_FRAMES = 64

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


def _format_value(value, fmt: str) -> str:
    try:
        return fmt.format(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"formats: cannot format {value!r} with {fmt!r}: {exc}") from None


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

        if not hasattr(fig, "savefig"):
            raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not callable(update):
            raise ValueError("update must be callable as update(**values)")
        if not isinstance(alt, str) or len(alt.strip()) < 10:
            raise ValueError("alt must be a descriptive alt text (at least 10 characters)")
        if not isinstance(params, dict) or not params:
            raise ValueError("params must be a non-empty dict {name: sequence of values}")
        self.params = {}
        for name, values in params.items():
            if not isinstance(name, str) or not name.isidentifier():
                raise ValueError(f"params: {name!r} is not a valid parameter name")
            if isinstance(values, (str, bytes, dict)):
                raise ValueError(f"params[{name!r}] must be a sequence of numbers")
            try:
                values = tuple(values)
            except TypeError:
                raise ValueError(f"params[{name!r}] must be a sequence of numbers, "
                                 f"got {type(values).__name__}") from None
            if len(values) < 2:
                raise ValueError(f"params[{name!r}] needs at least 2 values, got {len(values)}")
            for v in values:
                if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
                    raise ValueError(f"params[{name!r}] must hold finite numbers, got {v!r}")
            self.params[name] = values
        self.max_frames = check_scalar(max_frames, "max_frames", low=1, integer=True)
        self.n_frames = int(np.prod([len(v) for v in self.params.values()]))
        if self.n_frames > self.max_frames:
            shape = " x ".join(str(len(v)) for v in self.params.values())
            raise ValueError(
                f"params give {shape} = {self.n_frames} frames, more than "
                f"max_frames={self.max_frames}: use fewer slider positions"
            )
        self.labels = {n: n for n in self.params}
        self.labels.update(labels or {})
        self.formats = {n: "{:.3g}" for n in self.params}
        self.formats.update(formats or {})
        for name in list(self.labels) + list(self.formats):
            if name not in self.params:
                raise ValueError(f"labels/formats: {name!r} is not a parameter")
        self.values = {}
        initial = dict(initial or {})
        for name, values in self.params.items():
            if name in initial:
                if initial[name] not in values:
                    raise ValueError(f"initial[{name!r}]={initial[name]!r} is not among its values")
                self.values[name] = initial[name]
            else:
                self.values[name] = values[len(values) // 2]
        unknown = set(initial) - set(self.params)
        if unknown:
            raise ValueError(f"initial: unknown parameter(s) {sorted(unknown)}")
        self.fig = fig
        self.update = update
        self.alt = alt.strip()
        self.dpi = dpi
        self.colors = check_scalar(colors, "colors", low=2, high=256, integer=True)
        self.animated = list(animated or [])
        for artist in self.animated:
            if not hasattr(artist, "set_animated") or artist.figure is not fig:
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
            if value not in self.params[name]:
                raise ValueError(f"{name}={value!r} is not one of the slider positions")
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
        Rendering resolution (default: the figure's).
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
        than two finite values, or too many frames.
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
        Starting position, e.g. ``{"beta": 0.5}`` (default: β = 1 when
        offered, PyTorch's default).
    r_max : float
        The residual axis runs over ``[-r_max, r_max]``.
    n_points : int
        Number of residual values drawn.

    Returns
    -------
    InteractiveFigure
    """
    from . import losses, plotting

    r_max = check_scalar(r_max, "r_max", low=0, low_inclusive=False)
    n_points = check_scalar(n_points, "n_points", low=3, integer=True)
    if betas is None:
        betas = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5,
                 3.0, 3.5, 4.0, 5.0]
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
        initial=initial if initial is not None else ({"beta": 1.0} if 1.0 in betas else None),
        labels={"beta": "β = δ"}, formats={"beta": "{:.2g}"},
        animated=[*moving.values(), *marks],
        alt=("Two panels over the residual r from -3 to 3. Left: the L1 loss (a V), the "
             "squared loss (a parabola), smooth L1 and Huber for the chosen beta; both are "
             "quadratic between the dotted lines at plus and minus beta and linear outside. "
             "Right: their derivatives; L1's is a step from -1 to 1, L2's a steep line, "
             "smooth L1's is clipped at plus and minus 1 and Huber's at plus and minus beta."),
    )
