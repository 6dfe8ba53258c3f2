"""l1l2.interactive, the mechanism: the live widget really updates the figure,
the HTML version carries one distinct frame per slider position when the book
build asks for it (``L1L2_STATIC_FRAMES=all``) and only the current one
otherwise, and every option is checked with a named ValueError."""

from __future__ import annotations

import base64
import io
import json
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l1l2 import interactive, plotting
from l1l2.interactive import _static

PNG_B64 = re.compile(r"iVBORw0KGgo[A-Za-z0-9+/=]+")


def parabola_figure(**kwargs):
    fig, ax = plotting.new_figure()
    x = np.linspace(-2, 2, 50)
    (line,) = ax.plot(x, x**2)
    ax.set(xlabel="x", ylabel="y", ylim=(-1, 9))
    calls = []

    def update(a, b=0.0):
        calls.append((a, b))
        line.set_ydata(a * x**2 + b)

    params = kwargs.pop("params", {"a": [0.5, 1.0, 2.0]})
    fig_i = interactive.interactive_figure(
        fig, update, params, alt="A parabola whose curvature the slider sets.", **kwargs)
    return fig_i, line, x, calls


def frames_of(html: str) -> dict:
    payload = re.search(r'<script type="application/json" class="l1l2-frames">(.*?)</script>',
                        html, re.S).group(1)
    return json.loads(payload)


def decode(png_b64: str) -> np.ndarray:
    from PIL import Image

    with Image.open(io.BytesIO(base64.b64decode(png_b64))) as image:
        return np.asarray(image.convert("RGB"))


@pytest.fixture
def live_kernel(monkeypatch):
    monkeypatch.delenv(interactive.STATIC_FRAMES_ENV, raising=False)


# -- the live view ---------------------------------------------------------------


def test_live_slider_changes_the_line_data_and_the_image():
    fig_i, line, x, _ = parabola_figure()
    widget = fig_i.widget()
    image, slider = widget.children
    before_png = image.value
    assert np.allclose(line.get_ydata(), 1.0 * x**2)  # initial: the middle value
    slider.value = 2.0  # what dragging the slider does
    assert np.allclose(line.get_ydata(), 2.0 * x**2)
    assert image.value != before_png
    assert image.value[:4] == b"\x89PNG"


def test_live_update_reuses_the_figure_and_artists():
    fig_i, line, _, _ = parabola_figure(animated=None)
    widget = fig_i.widget()
    n_figures = len(plt.get_fignums())
    widget.children[1].value = 0.5
    assert list(fig_i.fig.axes[0].lines) == [line]  # same artist, nothing added
    assert len(plt.get_fignums()) == n_figures  # no new figure
    assert fig_i.widget() is widget  # created once


def test_blitting_gives_the_same_pixels_as_a_full_draw():
    full, *_ = parabola_figure()
    blit, line, _, _ = parabola_figure()
    blit.animated = [line]
    line.set_animated(True)
    for a in (0.5, 2.0):
        full.set(a=a)
        blit.set(a=a)
        assert np.array_equal(full.rgba(), blit.rgba())


def test_step_is_update_draw_encode():
    fig_i, line, x, calls = parabola_figure(animated=None)
    png = fig_i.step(a=0.5)
    assert png[:4] == b"\x89PNG" and calls[-1] == (0.5, 0.0)
    assert np.allclose(line.get_ydata(), 0.5 * x**2)


# -- the HTML versions --------------------------------------------------------------


def test_static_html_has_one_distinct_frame_per_position():
    fig_i, *_ = parabola_figure(params={"a": [0.5, 1.0, 2.0], "b": [0.0, 1.0]})
    html = fig_i.static_html()
    data = frames_of(html)
    assert len(data["frames"]) == 6 == fig_i.n_frames
    assert len(set(data["frames"])) == 6
    assert data["strides"] == [2, 1]
    assert data["labels"] == [["0.5", "1", "2"], ["0", "1"]]
    for frame in data["frames"]:
        assert base64.b64decode(frame)[:4] == b"\x89PNG"
    assert html.count('<input class="l1l2-slider"') == 2
    assert 'alt="A parabola whose curvature the slider sets."' in html
    # the first frame shown is that of the initial values, the middle positions
    # a=1.0 (index 1) and b=1.0 (index 1): frame 1*2 + 1 = 3
    assert 'data-frame="3"' in html


def test_static_html_carries_its_script_and_style_from_the_package_data():
    fig_i, *_ = parabola_figure()
    html = fig_i.static_html()
    script, css = _static.asset("slider.js"), _static.asset("figure.css")
    assert script.startswith("(function (root)") and "img.src" in script
    assert f"<script>{script}</script>" in html  # works without the book's JavaScript
    assert f"<style>{css}</style>" in html  # ... and without its stylesheet
    assert "figure.l1l2-interactive" in css and ".l1l2-control" in css


def test_static_rendering_restores_the_current_values():
    fig_i, line, x, _ = parabola_figure(initial={"a": 2.0})
    fig_i.static_html()
    assert fig_i.values == {"a": 2.0}
    assert np.allclose(line.get_ydata(), 2.0 * x**2)


def test_static_html_is_deterministic():
    first, *_ = parabola_figure()
    second, *_ = parabola_figure()
    assert first.static_html() == second.static_html()


def test_fallback_html_is_the_current_frame_and_a_note():
    fig_i, *_ = parabola_figure(params={"a": [0.5, 1.0, 2.0], "b": [0.0, 1.0]},
                                initial={"a": 2.0, "b": 0.0})
    html = fig_i.fallback_html()
    frames = PNG_B64.findall(html)
    assert len(frames) == 1 and 'data-frames="1"' in html
    assert 'data-frame="4"' in html  # a = 2.0 (index 2), b = 0.0 (index 0): 2*2 + 0
    assert _static.RUN_NOTE in html and "a = 2, b = 0" in html
    assert 'alt="A parabola whose curvature the slider sets."' in html
    assert "<script" not in html and "<input" not in html
    # the frame is the one the full version shows at the same values (the same
    # pixels; compressed faster)
    full = frames_of(fig_i.static_html())["frames"]
    assert np.array_equal(decode(frames[0]), decode(full[4]))
    assert not np.array_equal(decode(frames[0]), decode(full[3]))


def test_mime_bundle_in_a_live_kernel_carries_widget_and_one_frame(live_kernel):
    fig_i, *_ = parabola_figure()
    bundle = fig_i._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html",
                           "application/vnd.jupyter.widget-view+json"}
    assert bundle["text/plain"] == "<InteractiveFigure: a=1.0; 3 frames>"
    assert "0x" not in bundle["text/plain"]
    assert len(PNG_B64.findall(bundle["text/html"])) == 1
    assert fig_i._static_html is None  # no frame rendered beyond the one shown


def test_the_book_build_gets_no_widget(monkeypatch):
    monkeypatch.setenv("L1L2_STATIC_FRAMES", "all")
    fig_i, *_ = parabola_figure()
    assert set(fig_i._repr_mimebundle_()) == {"text/plain", "text/html"}
    assert fig_i._widget is None  # the website needs no kernel: none was built


def test_live_image_has_its_natural_size_and_labels_are_shown_in_full():
    fig_i, *_ = parabola_figure(labels={"a": "curvature of the parabola a"})
    widget = fig_i.widget()
    width = round(fig_i.fig.get_figwidth() * fig_i.fig.dpi)
    assert widget.image.layout.width == f"{width}px"  # never stretched to the cell
    assert widget.image.layout.max_width == "100%"  # but shrunk to fit a narrow one
    assert widget.image.layout.height == "auto"
    (slider,) = widget.sliders
    assert slider.description == "curvature of the parabola a"
    assert slider.style.description_width == "initial"  # not cut at a fixed width


def test_readouts_show_the_value():
    fig_i, *_ = parabola_figure(params={"a": [0.5, 1.25, 2.0]})
    assert [label for label, _ in fig_i.widget().sliders[0].options] == ["0.5", "1.25", "2"]
    with pytest.raises(ValueError, match=r"formats\['a'\]='\{:.2g\}' shows 1.25 as '1.2'"):
        parabola_figure(params={"a": [0.5, 1.25, 2.0]}, formats={"a": "{:.2g}"})
    with pytest.raises(ValueError, match="shows two slider positions alike"):
        parabola_figure(params={"a": [1.0, 1.01]}, formats={"a": "{:.0f}"})


class _Ipywidgets7VBox:
    """What an ipywidgets 7 VBox offers the display: a model id, no _repr_mimebundle_."""

    model_id = "f00"


def test_ipywidgets_7_widgets_display_through_their_model_id(live_kernel, monkeypatch):
    from l1l2.interactive import _live

    fig_i, *_ = parabola_figure()
    monkeypatch.setattr(_live, "build_widget", lambda fig_i: _Ipywidgets7VBox())
    bundle = fig_i._repr_mimebundle_()
    assert bundle[_live.WIDGET_VIEW_MIME] == {"version_major": 2, "version_minor": 0,
                                             "model_id": "f00"}
    assert _static.RUN_NOTE in bundle["text/html"]


@pytest.mark.parametrize("version", [None, "7.5.1"])
def test_without_ipywidgets_the_figure_shows_its_frame_and_says_why(live_kernel, monkeypatch,
                                                                    version):
    import sys
    import types

    if version is None:
        monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import fails
    else:
        monkeypatch.setitem(sys.modules, "ipywidgets",
                            types.SimpleNamespace(__version__=version))
    fig_i, *_ = parabola_figure()
    bundle = fig_i._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert _static.NO_WIDGET_NOTE in bundle["text/html"]
    assert len(PNG_B64.findall(bundle["text/html"])) == 1


@pytest.mark.parametrize("value", ["all", "ALL", " all "])
def test_mime_bundle_for_the_book_carries_every_frame(monkeypatch, value):
    monkeypatch.setenv("L1L2_STATIC_FRAMES", value)
    fig_i, *_ = parabola_figure(params={"a": [0.5, 1.0, 2.0], "b": [0.0, 1.0]})
    html = fig_i._repr_mimebundle_()["text/html"]
    assert html == fig_i.static_html()
    assert len(frames_of(html)["frames"]) == 6


@pytest.mark.parametrize("value", ["", "1", "none", "some"])
def test_other_values_of_the_variable_mean_one_frame(monkeypatch, value):
    monkeypatch.setenv("L1L2_STATIC_FRAMES", value)
    fig_i, *_ = parabola_figure()
    assert len(PNG_B64.findall(fig_i._repr_mimebundle_()["text/html"])) == 1


def test_result_is_kept_as_given():
    token = object()
    fig_i, *_ = parabola_figure(result=token)
    assert fig_i.result is token
    assert parabola_figure()[0].result is None


# -- bad input: a named ValueError, the figure closed ------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"params": {"a": [1.0]}}, "at least 2"),
        ({"params": {"a": [1.0, float("nan")]}}, "finite"),
        ({"params": {"a": "abc"}}, "sequence"),
        ({"params": {}}, "params"),
        ({"params": {"a": list(range(100))}}, "max_frames"),
        ({"initial": {"a": 3.0}}, "initial"),
        ({"initial": {"zzz": 1.0}}, "initial"),
        ({"labels": {"zzz": "z"}}, "labels"),
        ({"max_frames": 0}, "max_frames"),
        ({"colors": 1}, "colors"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        parabola_figure(**kwargs)


def test_bad_fig_update_and_alt():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="fig"):
        interactive.interactive_figure("fig", lambda a: None, {"a": [1, 2]}, alt="x" * 20)
    with pytest.raises(ValueError, match="update"):
        interactive.interactive_figure(fig, None, {"a": [1, 2]}, alt="x" * 20)
    with pytest.raises(ValueError, match="alt"):
        interactive.interactive_figure(fig, lambda a: None, {"a": [1, 2]}, alt="")
    plt.close(fig)


def test_set_rejects_unknown_names_and_values():
    fig_i, *_ = parabola_figure()
    with pytest.raises(ValueError, match="not a parameter"):
        fig_i.set(c=1.0)
    with pytest.raises(ValueError, match="slider positions"):
        fig_i.set(a=0.7)
    with pytest.raises(ValueError, match="slider positions"):
        fig_i.set(a=np.array([0.5, 1.0]))


def test_params_sequence_is_not_modified():
    values = [0.5, 1.0, 2.0]
    fig_i, *_ = parabola_figure(params={"a": values})
    fig_i.static_html()
    assert values == [0.5, 1.0, 2.0]


@pytest.mark.parametrize("dpi", [1, 19, 601, np.inf, "100"])
def test_interactive_figure_checks_dpi_and_closes_the_figure(dpi):
    fig, ax = plotting.new_figure()
    ax.plot([0, 1], [0, 1])
    with pytest.raises(ValueError, match="dpi"):
        interactive.interactive_figure(fig, lambda a: None, {"a": [1, 2]},
                                       alt="A line that does not move at all.", dpi=dpi)
    assert fig.number not in plt.get_fignums()


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"initial": 5}, "initial"),
    ({"labels": ["a"]}, "labels"),
    ({"labels": {"a": 3}}, "labels"),
    ({"formats": {"a": "{:d}"}}, "formats"),
    ({"formats": {"a": "{x}"}}, "formats"),
    ({"animated": 3}, "animated"),
    ({"max_frames": 10**12}, "max_frames"),
    ({"params": {"a": range(10**12)}}, "params"),
    ({"params": {"a": [1.0, 10**400]}}, "params"),
])
def test_interactive_figure_names_bad_options(kwargs, match):
    fig, ax = plotting.new_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    params = kwargs.pop("params", {"a": [0.5, 1.5]})
    with pytest.raises(ValueError, match=match):
        interactive.interactive_figure(fig, lambda a: line.set_ydata([0, a]), params,
                                       alt="A line whose slope the slider sets.", **kwargs)
    assert fig.number not in plt.get_fignums()


# -- junk slider specifications: a ValueError, never another exception --------

junk_values = st.one_of(
    st.none(), st.text(max_size=4), st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.one_of(st.floats(allow_nan=True), st.text(max_size=2), st.booleans()),
             max_size=5),
    st.lists(st.floats(-5, 5, allow_nan=False), min_size=2, max_size=4, unique=True),
)


@settings(max_examples=60, deadline=None)
@given(values=junk_values, max_frames=st.one_of(st.integers(-2, 10), st.text(max_size=2)))
def test_interactive_figure_junk(values, max_frames):
    try:
        fig_i, *_ = parabola_figure(params={"a": values}, max_frames=max_frames)
    except ValueError:
        plt.close("all")
        return
    assert fig_i.n_frames == len(values) <= fig_i.max_frames
    assert fig_i.values["a"] in values
    plt.close(fig_i.fig)
