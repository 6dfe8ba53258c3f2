"""The live view of an interactive figure in Jupyter: ipywidgets sliders.

:func:`build_widget` returns an image widget above one ``SelectionSlider`` per
parameter. A slider step calls :meth:`InteractiveFigure.step`: the figure's
artists are updated in place, the animated ones re-drawn over a cached
background (blitting) and the image re-encoded; no figure is rebuilt.

The image is shown at the figure's own pixel size, shrunk to fit a narrow
cell but never enlarged (an enlarged PNG is blurred and can push the sliders
off the screen); slider labels are shown in full. :func:`widget_view` gives
the widget's MIME data with ipywidgets 8 (JupyterLab, Notebook 7, VS Code)
and 7 (Colab), and ``None`` without ipywidgets, so that the figure then
shows its static frame.
"""

from __future__ import annotations

from ._checks import format_value

#: The MIME type under which Jupyter front-ends look for a widget to show.
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"

#: The oldest ipywidgets whose widgets this module builds (Colab ships 7.7).
MIN_IPYWIDGETS = (7, 6)


def _ipywidgets():
    """ipywidgets if it is installed and recent enough, else ``None``."""
    try:
        import ipywidgets
    except ImportError:
        return None
    try:
        version = tuple(int(part) for part in ipywidgets.__version__.split(".")[:2])
    except ValueError:  # pragma: no cover - a development version string
        return ipywidgets
    return ipywidgets if version >= MIN_IPYWIDGETS else None


def build_widget(fig_i):
    """The ipywidgets view of ``fig_i`` (an ``ipywidgets.VBox``), or ``None``
    when ipywidgets 7.6 or later is not installed."""
    widgets = _ipywidgets()
    if widgets is None:
        return None
    width = int(round(fig_i.fig.get_figwidth() * (fig_i.dpi or fig_i.fig.dpi)))
    # The natural size, shrunk (never stretched) to the cell's width.
    image = widgets.Image(value=fig_i.render_png(), format="png",
                          layout=widgets.Layout(width=f"{width}px", max_width="100%",
                                                height="auto", object_fit="contain"))
    sliders = []
    for name, values in fig_i.params.items():
        options = [(format_value(v, fig_i.formats[name]), v) for v in values]
        slider = widgets.SelectionSlider(
            options=options, value=fig_i.values[name], description=fig_i.labels[name],
            continuous_update=True, style={"description_width": "initial"},
            layout=widgets.Layout(width=f"{min(width, 520)}px", max_width="100%"),
        )

        def on_change(change, name=name):
            image.value = fig_i.step(**{name: change["new"]})

        slider.observe(on_change, names="value")
        sliders.append(slider)
    box = widgets.VBox([image, *sliders], layout=widgets.Layout(align_items="flex-start"))
    box.image, box.sliders = image, sliders
    return box


def widget_view(get_widget):
    """The widget's ``application/vnd.jupyter.widget-view+json`` data, or ``None``.

    ``get_widget()`` builds (or returns) the widget, ``None`` without
    ipywidgets. ipywidgets 8 widgets give their MIME bundle; ipywidgets 7
    widgets (Colab) have no ``_repr_mimebundle_`` but the same view data.
    """
    widget = get_widget()
    if widget is None:
        return None
    if hasattr(widget, "_repr_mimebundle_"):
        return widget._repr_mimebundle_().get(WIDGET_VIEW_MIME)
    return {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
