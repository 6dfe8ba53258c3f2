"""The interactive figure itself: :class:`InteractiveFigure` and
:func:`interactive_figure`.

An :class:`InteractiveFigure` owns a laid-out matplotlib figure, the function
that updates its artists, and the slider positions. It renders (blitting the
animated artists over a cached background), and displays as one MIME bundle:
the ipywidgets view (:mod:`._live`) for Jupyter front-ends and an HTML
version (:mod:`._static`) for the website or any viewer without a kernel.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Mapping

import numpy as np

from .._validation import check_scalar
from ..plotting import _check_dpi
from . import _live, _static
from ._checks import (
    DEFAULT_MAX_FRAMES,
    MAX_FRAMES_LIMIT,
    check_mapping,
    format_value,
    grid,
    is_position,
)


def _is_figure(fig) -> bool:
    from matplotlib.figure import Figure

    return isinstance(fig, Figure)


def _check_readouts(name, values, texts, fmt) -> None:
    """A readout shows its value: a number read back from its text is that
    value to 0.5% (1/9 may read "0.111"; 1.25 may not read "1.2"), and no two
    positions read the same."""
    if len(set(texts)) < len({(type(v), v) for v in values}):  # distinct values read alike
        raise ValueError(f"formats[{name!r}]={fmt!r} shows two slider positions alike: {texts}")
    for v, text in zip(values, texts, strict=True):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            continue
        try:
            shown = float(text.replace("\u2212", "-"))
        except ValueError:
            continue  # a label, not a number ("inf" for q = infinity reads back fine)
        if not np.isclose(shown, float(v), rtol=5e-3, atol=0.0):
            raise ValueError(f"formats[{name!r}]={fmt!r} shows {v!r} as {text!r}: the "
                             "readout must show the value (e.g. \"{:g}\")")


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
        Number of frames of the static version (the product of the numbers
        of slider positions).
    result : object or None
        The numbers the figure draws, as given (a frozen result of a
        ``l1l2.figures.compute_*`` function for the book's figures).
    """

    def __init__(self, fig, update, params, *, alt, animated=None, initial=None, labels=None,
                 formats=None, max_frames=DEFAULT_MAX_FRAMES, dpi=None, colors=32,
                 result=None):
        import matplotlib.pyplot as plt

        try:
            self._check(fig, update, params, alt=alt, max_frames=max_frames)
            self._set_options(initial=initial, labels=labels, formats=formats)
            self._setup(fig, update, alt=alt, animated=animated, dpi=dpi, colors=colors)
        except BaseException:
            # the figure was handed over: do not leave it open in pyplot
            if _is_figure(fig):
                plt.close(fig)
            raise
        self.result = result

    # -- construction --------------------------------------------------------
    def _check(self, fig, update, params, *, alt, max_frames):
        if not _is_figure(fig):
            raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not callable(update):
            raise ValueError("update must be callable as update(**values)")
        if not isinstance(alt, str) or len(alt.strip()) < 10:
            raise ValueError("alt must be a descriptive alt text (at least 10 characters)")
        if not isinstance(params, Mapping) or not params:
            raise ValueError("params must be a non-empty dict {name: sequence of values}")
        self.max_frames = check_scalar(max_frames, "max_frames", low=1, high=MAX_FRAMES_LIMIT,
                                       integer=True)
        self.params = {}
        for name, values in params.items():
            if not isinstance(name, str) or not name.isidentifier():
                raise ValueError(f"params: {name!r:.40} is not a valid parameter name")
            self.params[name] = grid(values, f"params[{name!r}]", keep_type=True,
                                     magnitude=None, max_count=self.max_frames)
        self.n_frames = int(np.prod([len(v) for v in self.params.values()]))
        if self.n_frames > self.max_frames:
            shape = " x ".join(str(len(v)) for v in self.params.values())
            raise ValueError(
                f"params give {shape} = {self.n_frames} frames, more than "
                f"max_frames={self.max_frames}: use fewer slider positions"
            )

    def _set_options(self, *, initial, labels, formats):
        labels = check_mapping(labels, "labels")
        formats = check_mapping(formats, "formats")
        for what, given in (("labels", labels), ("formats", formats)):
            for name, text in given.items():
                if name not in self.params:
                    raise ValueError(f"labels/formats: {name!r:.40} is not a parameter")
                if not isinstance(text, str):
                    raise ValueError(f"{what}[{name!r}] must be a string, got "
                                     f"{type(text).__name__}")
        self.labels = {n: n for n in self.params}
        self.labels.update(labels)
        self.formats = {n: "{:g}" for n in self.params}
        self.formats.update(formats)
        for name, values in self.params.items():  # a bad format fails now, not at display
            texts = [format_value(v, self.formats[name]) for v in values]
            _check_readouts(name, values, texts, self.formats[name])
        self.values = {}
        initial = check_mapping(initial, "initial")
        unknown = [k for k in initial if k not in self.params]
        if unknown:
            raise ValueError(f"initial: unknown parameter(s) {unknown!r:.80}")
        for name, values in self.params.items():
            if name in initial:
                if not is_position(initial[name], values):
                    raise ValueError(f"initial[{name!r}]={initial[name]!r:.40} is not among its "
                                     "values")
                self.values[name] = initial[name]
            else:
                self.values[name] = values[len(values) // 2]

    def _setup(self, fig, update, *, alt, animated, dpi, colors):
        import matplotlib.pyplot as plt
        from matplotlib.backends.backend_agg import FigureCanvasAgg

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
        self._static_html = None
        # Keep the inline backend from also showing the bare figure, and
        # render through our own Agg canvas from now on.
        plt.close(fig)
        self._canvas = FigureCanvasAgg(fig)
        if self.dpi is not None:
            fig.set_dpi(self.dpi)
        # Lay the figure out once, then freeze the layout: a layout engine
        # would recompute every position at every slider step. Animated
        # artists are left out of a full draw, so with them this one draw is
        # also the static background that every step restores (blitting).
        for artist in self.animated:
            artist.set_animated(True)
        self._canvas.draw()
        fig.set_layout_engine("none")
        if self.animated:
            self._background = self._canvas.copy_from_bbox(fig.bbox)
        self.update(**self.values)

    # -- rendering -----------------------------------------------------------
    def set(self, **values) -> None:
        """Set some parameters and update the figure's artists (no drawing)."""
        for name, value in values.items():
            if name not in self.params:
                raise ValueError(f"{name!r} is not a parameter of this figure")
            if not is_position(value, self.params[name]):
                raise ValueError(f"{name}={value!r:.40} is not one of the slider positions")
        self.values.update(values)
        self.update(**self.values)

    def rgba(self) -> np.ndarray:
        """The figure's pixels as they are now, an array (height, width, 4).

        With ``animated`` artists, the static part is drawn once and cached;
        a step restores it and draws only the animated artists (blitting).
        """
        canvas = self._canvas
        if not self.animated:
            canvas.draw()
        else:
            if self._background is None:  # animated artists added after the layout
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
        Image.fromarray(self.rgba()[..., :3]).save(buf, format="PNG", compress_level=1)
        return buf.getvalue()

    def render_compact_png(self, *, fast: bool = False) -> bytes:
        """A small PNG for the static versions: a palette of ``colors`` colors.

        ``fast`` compresses at zlib level 1 instead of 9: the same pixels, a
        file about 25% larger, written several times faster (the one-frame
        fallback of a live display). Level 9 gives palette frames like these
        about 5% smaller files than Pillow's ``optimize=True``.
        """
        from PIL import Image

        buf = io.BytesIO()
        image = Image.fromarray(self.rgba()[..., :3])
        options = {"compress_level": 1 if fast else 9}
        image.quantize(colors=self.colors, method=Image.Quantize.FASTOCTREE).save(
            buf, format="PNG", **options)
        return buf.getvalue()

    def step(self, **values) -> bytes:
        """One slider step as the live widget does it: update, draw, encode."""
        self.set(**values)
        return self.render_png()

    # -- views ---------------------------------------------------------------
    def widget(self):
        """The ipywidgets view: an image of the figure above one slider per
        parameter (``.image`` and ``.sliders``). Created once and reused."""
        if self._widget is None:
            self._widget = _live.build_widget(self)
        return self._widget

    def static_html(self) -> str:
        """The website's version: every frame behind range inputs
        (the private ``_static.all_frames_html``). Computed once."""
        if self._static_html is None:
            self._static_html = _static.all_frames_html(self)
        return self._static_html

    def fallback_html(self, *, live: bool = True) -> str:
        """The light static version: the current frame and a note to run the
        cell (``live``) or to install ipywidgets 7.6 or later (no widget)."""
        return _static.one_frame_html(self, note=_static.RUN_NOTE if live
                                      else _static.NO_WIDGET_NOTE)

    # -- display -------------------------------------------------------------
    def __repr__(self) -> str:
        parts = ", ".join(f"{n}={self.values[n]!r}" for n in self.params)
        return f"<InteractiveFigure: {parts}; {self.n_frames} frames>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        """What a front-end shows: in a reader's kernel, the live widget
        (``application/vnd.jupyter.widget-view+json``) and, as ``text/html``, its
        current frame with a note to run the cell (what a saved or untrusted
        notebook shows; without ipywidgets, the note says to install it).
        With ``L1L2_STATIC_FRAMES=all`` (the book build), every frame as
        ``text/html`` and no widget: the website needs no kernel."""
        if _static.wants_all_frames():
            return {"text/plain": repr(self), "text/html": self.static_html()}
        view = _live.widget_view(self.widget)
        bundle = {"text/plain": repr(self),
                  "text/html": self.fallback_html(live=view is not None)}
        if view is not None:
            bundle[_live.WIDGET_VIEW_MIME] = view
        return bundle


def interactive_figure(fig, update, params, *, alt, animated=None, initial=None, labels=None,
                       formats=None, max_frames=DEFAULT_MAX_FRAMES, dpi=None, colors=32,
                       result=None):
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
    result : object, optional
        The numbers the figure draws, kept as ``.result`` (the book's
        figures pass the frozen result of their ``compute_*`` function).

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
                             colors=colors, result=result)
