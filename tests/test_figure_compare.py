"""The rule nbval uses to compare figures (tests/figure_compare.py): rendering
noise passes, every change a reader could see fails.

The figure below is drawn in the book's style, with the elements the
measured real changes touched: a coloured line, markers with a white fill and
a legend with a digit. Each "real change" is one of those measured on the
chapters; each "noise" case is at the measured envelope of re-rendering on
another BLAS kernel (a limit moved by one ulp; a few dozen pixels off by one
level and two by three levels).
"""

from __future__ import annotations

import base64
import json

import matplotlib.pyplot as plt
import numpy as np
import pytest
from figure_compare import (
    LEVEL_TOLERANCE,
    MAX_CHANGED_PIXELS,
    MAX_RMS,
    compare_cell_outputs,
    decode_png,
    difference,
)
from PIL import Image

from l1l2 import plotting


def render(*, color="#0072B2", shift=0.0, fill="white", digit="2", ylim_ulps=0) -> np.ndarray:
    """The test figure as an RGBA array, with one element optionally changed."""
    plotting.use_book_style()
    fig, ax = plt.subplots(figsize=(4.3, 1.8), dpi=100)
    x = np.linspace(0.0, 4.0, 200)
    ax.plot(x, np.sqrt(x) * (1.0 + shift), color=color, label=f"L{digit} loss")
    ax.plot(x[::25], np.sqrt(x[::25]), "o", mfc=fill, mec="#D55E00", label="data")
    ax.set_xlabel("residual r")
    ax.set_ylabel("loss")
    ax.legend(loc="lower right")
    low, high = 0.0, 2.5
    for _ in range(ylim_ulps):
        high = np.nextafter(high, np.inf)
    ax.set_ylim(low, high)
    buffer = plotting.figure_to_png(fig)
    plt.close(fig)
    return decode_png(buffer)


def b64(pixels: np.ndarray) -> str:
    import io

    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


@pytest.fixture(autouse=True)
def diff_dir(tmp_path, monkeypatch):
    """Diff images and the measurement log of these tests go to a temporary folder."""
    import figure_compare

    monkeypatch.setattr(figure_compare, "DIFF_DIR", tmp_path)
    monkeypatch.setattr(figure_compare, "MEASURED_LOG", tmp_path / "measured.jsonl")
    return tmp_path


@pytest.fixture(scope="module")
def baseline():
    return render()


def test_thresholds_sit_between_measured_noise_and_real_changes():
    # Measured: noise <= 2 changed pixels and RMS <= 0.04; real changes >= 61 changed
    # pixels. The limits leave a margin of about 4x on both sides.
    assert 2 * 4 <= MAX_CHANGED_PIXELS <= 61 / 3.5
    assert 0.04 * 3 <= MAX_RMS
    assert LEVEL_TOLERANCE == 2


def test_one_pixel_flipped_to_another_palette_colour_matches(baseline):
    small = baseline[:60, :80].copy()  # a small frame, where one pixel weighs a lot
    small[10, 10, :3] = 255 - small[10, 10, :3]
    diff = difference(baseline[:60, :80], small)
    assert diff.changed == 1 and diff.matches


def test_a_thin_change_everywhere_fails(baseline):
    tinted = baseline.copy()
    tinted[..., 2] = np.where(tinted[..., 2] >= 2, tinted[..., 2] - 2, tinted[..., 2] + 2)
    diff = difference(baseline, tinted)
    assert diff.changed == 0 and not diff.matches


def test_identical_images_match(baseline):
    diff = difference(baseline, baseline.copy())
    assert diff.matches and diff.changed == 0 and diff.rms == 0.0 and diff.box is None


def test_a_limit_moved_by_one_ulp_matches(baseline):
    assert difference(baseline, render(ylim_ulps=1)).matches


def test_noise_at_the_measured_envelope_matches(baseline):
    rng = np.random.default_rng(0)
    noisy = baseline.astype(np.int16)
    h, w = noisy.shape[:2]
    rows, cols = rng.integers(0, h, 37), rng.integers(0, w, 37)
    noisy[rows, cols, 0] += np.where(noisy[rows, cols, 0] < 255, 1, -1)  # 37 pixels, 1 level
    noisy[:2, :1, 1] = np.where(noisy[:2, :1, 1] < 128, noisy[:2, :1, 1] + 3,
                                noisy[:2, :1, 1] - 3)  # 2 pixels, 3 levels
    diff = difference(baseline, noisy.astype(np.uint8))
    assert diff.changed == 2
    assert diff.matches


@pytest.mark.parametrize("change", [
    {"color": "#0072C2"},  # the line's colour, one channel off by 16
    {"shift": 0.001},  # the curve moved by 0.1 %
    {"fill": "#f0f0f0"},  # marker fill from white to light grey
    {"digit": "3"},  # one digit of the legend
], ids=["colour+16", "curve+0.1%", "marker-fill", "legend-digit"])
def test_every_real_change_fails(baseline, change):
    diff = difference(baseline, render(**change))
    assert not diff.matches, diff.describe()
    assert diff.changed > MAX_CHANGED_PIXELS


def test_a_different_size_fails(baseline):
    diff = difference(baseline, baseline[:-1])
    assert not diff.matches
    assert "size changed" in diff.describe()


def test_a_failing_png_is_described_and_written(baseline, diff_dir):
    stored = [{"output_type": "display_data", "data": {"image/png": b64(baseline),
                                                       "text/plain": "<Figure>"}}]
    fresh = [{"output_type": "display_data",
              "data": {"image/png": b64(render(fill="#f0f0f0")), "text/plain": "<Figure>"}}]
    new_fresh, new_stored = compare_cell_outputs(fresh, stored, "chapter-cell3")
    assert new_stored[0]["data"]["image/png"] == "<PNG 0>"
    message = new_fresh[0]["data"]["image/png"]
    assert message.startswith("<PNG 0 differs: ") and "pixels differ" in message
    assert "within x" in message
    assert sorted(p.name for p in diff_dir.iterdir()) == [
        "chapter-cell3-png0-diff.png", "chapter-cell3-png0-fresh.png",
        "chapter-cell3-png0-stored.png", "measured.jsonl"]
    # The inputs are left as they were.
    assert stored[0]["data"]["image/png"] == b64(baseline)


def interactive_html(frames: list[str], figure_id: str, label: str = "beta") -> str:
    payload = json.dumps({"frames": frames})
    return (f'<figure><img src="data:image/png;base64,{frames[0]}">'
            f'<label for="l1l2-{figure_id}-0">{label}</label>'
            f'<script type="application/json">{payload}</script></figure>')


def test_interactive_frames_compared_by_sight_ids_normalised(baseline):
    frames = [b64(baseline), b64(render(ylim_ulps=1))]
    stored = [{"output_type": "execute_result",
               "data": {"text/html": interactive_html(frames, "0123456789")}}]
    fresh = [{"output_type": "execute_result",
              "data": {"text/html": interactive_html(frames[::-1], "abcdef0123")}}]
    new_fresh, new_stored = compare_cell_outputs(fresh, stored, "ch-cell1")
    assert new_fresh == new_stored
    assert "l1l2-ID-0" in new_stored[0]["data"]["text/html"]
    assert "iVBOR" not in new_stored[0]["data"]["text/html"]


def test_interactive_frame_with_a_real_change_fails(baseline):
    good, bad = b64(baseline), b64(render(digit="3"))
    stored = [{"data": {"text/html": interactive_html([good, good], "0123456789")}}]
    fresh = [{"data": {"text/html": interactive_html([good, bad], "0123456789")}}]
    new_fresh, new_stored = compare_cell_outputs(fresh, stored, "ch-cell1")
    assert new_fresh != new_stored
    assert "<PNG 2 differs: " in new_fresh[0]["data"]["text/html"]  # the payload's 2nd frame


def test_text_around_frames_is_still_compared_strictly(baseline):
    frames = [b64(baseline)]
    stored = [{"data": {"text/html": interactive_html(frames, "0123456789", "beta")}}]
    fresh = [{"data": {"text/html": interactive_html(frames, "0123456789", "delta")}}]
    new_fresh, new_stored = compare_cell_outputs(fresh, stored, "ch-cell1")
    assert new_fresh != new_stored
