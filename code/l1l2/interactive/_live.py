"""The live view of an interactive figure in Jupyter: ipywidgets sliders.

:func:`build_widget` returns an image widget above one ``SelectionSlider`` per
parameter. A slider step calls :meth:`InteractiveFigure.step`: the figure's
artists are updated in place, the animated ones re-drawn over a cached
background (blitting) and the image re-encoded; no figure is rebuilt.
"""

from __future__ import annotations

from ._checks import format_value


def build_widget(fig_i):
    """The ipywidgets view of ``fig_i`` (an ``ipywidgets.VBox``)."""
    import ipywidgets as widgets

    image = widgets.Image(value=fig_i.render_png(), format="png",
                          layout=widgets.Layout(max_width="100%"))
    sliders = []
    for name, values in fig_i.params.items():
        options = [(format_value(v, fig_i.formats[name]), v) for v in values]
        slider = widgets.SelectionSlider(
            options=options, value=fig_i.values[name], description=fig_i.labels[name],
            continuous_update=True, layout=widgets.Layout(width="420px"),
        )

        def on_change(change, name=name):
            image.value = fig_i.step(**{name: change["new"]})

        slider.observe(on_change, names="value")
        sliders.append(slider)
    box = widgets.VBox([image, *sliders])
    box.image, box.sliders = image, sliders
    return box
