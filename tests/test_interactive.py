"""l1l2.interactive: the live widget really updates the figure, and the static
HTML version carries one distinct frame per slider position."""

from __future__ import annotations

import base64
import json
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2 import interactive, plotting


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
        assert np.array_equal(full._rgba(), blit._rgba())


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
    assert html.count('type="range"') == 2
    assert 'alt="A parabola whose curvature the slider sets."' in html
    # the first frame shown is that of the initial values, the middle positions
    # a=1.0 (index 1) and b=1.0 (index 1): frame 1*2 + 1 = 3
    assert 'data-frame="3"' in html


def test_static_rendering_restores_the_current_values():
    fig_i, line, x, _ = parabola_figure(initial={"a": 2.0})
    fig_i.static_html()
    assert fig_i.values == {"a": 2.0}
    assert np.allclose(line.get_ydata(), 2.0 * x**2)


def test_static_html_is_deterministic():
    first, *_ = parabola_figure()
    second, *_ = parabola_figure()
    assert first.static_html() == second.static_html()


def test_mime_bundle_carries_widget_and_html():
    fig_i, *_ = parabola_figure()
    bundle = fig_i._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html",
                           "application/vnd.jupyter.widget-view+json"}
    assert bundle["text/plain"] == "<InteractiveFigure: a=1.0; 3 frames>"
    assert "0x" not in bundle["text/plain"]


def test_loss_explorer_moves_its_curves():
    fig_i = interactive.loss_explorer()
    line = fig_i.animated[0]
    fig_i.set(beta=0.5)
    small = np.array(line.get_ydata())
    fig_i.set(beta=2.0)
    assert not np.allclose(small, line.get_ydata())


def test_kink_explorer_minimum_sits_at_zero_iff_the_kink_absorbs_the_slope():
    fig_i = interactive.kink_explorer()
    assert fig_i.n_frames == 15 and fig_i.values == {"lam": 1.0, "slope": -0.5}
    for (lam, slope), m in fig_i.minimizers.items():
        # the L1 minimizer is 0 iff |L'(0)| <= lambda; the squared one iff L'(0) = 0
        assert (m["l1"] == 0.0) == (abs(slope) <= lam)
        assert (m["l2"] == 0.0) == (slope == 0.0)
        fig_i.set(lam=lam, slope=slope)
        ax_f, ax_d = fig_i.fig.axes
        curve = next(ln for ln in ax_f.lines if ln.get_label().endswith(r"\lambda|w|$"))
        x, f = np.asarray(curve.get_xdata()), np.asarray(curve.get_ydata())
        assert x[np.argmin(f)] == pytest.approx(m["l1"], abs=0.01)
        segment = np.asarray(fig_i.animated[-2].get_ydata())
        assert np.allclose(segment, [slope - lam, slope + lam])  # L'(0) + [-lam, lam]
        held = "at 0" if abs(slope) <= lam else "off 0"
        assert ax_f.get_title().endswith(held)
    html = fig_i.static_html()
    assert len(frames_of(html)["frames"]) == 15 and len(html) < 200_000
    assert 'alt="Two panels' in html
    plt.close(fig_i.fig)


def test_kink_explorer_rejects_bad_sliders():
    with pytest.raises(ValueError, match="lams"):
        interactive.kink_explorer(lams=(0.0, 1.0))
    with pytest.raises(ValueError, match="w_range"):
        interactive.kink_explorer(w_range=(0.5, 2.0))


def test_loss_explorer_starts_where_huber_and_smooth_l1_differ():
    # at beta = delta = 1 Huber equals smooth L1 and hides under it; at 0.5 it is half of it
    fig_i = interactive.loss_explorer()
    assert fig_i.values == {"beta": 0.5}
    sl1_loss, _, huber_loss, _ = (np.array(a.get_ydata()) for a in fig_i.animated[:4])
    assert np.allclose(huber_loss, 0.5 * sl1_loss)
    assert not np.allclose(huber_loss, sl1_loss)


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


def test_params_sequence_is_not_modified():
    values = [0.5, 1.0, 2.0]
    fig_i, *_ = parabola_figure(params={"a": values})
    fig_i.static_html()
    assert values == [0.5, 1.0, 2.0]


# -- junk slider specifications: a ValueError, never another exception --------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

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
