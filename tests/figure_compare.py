"""Compare notebook figures by what a reader sees, not by their bytes.

nbval compares every stored output of a chapter with a fresh execution. Text
is compared strictly. Figures cannot be: a PNG re-rendered on a machine whose
BLAS picks other kernels differs in the last bits of some coordinates, and
that moves a handful of anti-aliased pixels by a level or two. The root
``conftest.py`` hands every notebook cell's outputs to
:func:`compare_cell_outputs` before nbval's own comparison; it decodes

- every ``image/png`` output (matplotlib's inline figures), and
- every frame embedded in an interactive figure's ``text/html`` (the
  precomputed slider of :class:`l1l2.interactive.InteractiveFigure`), whose
  element ids, derived from a hash of the frames, are normalised,

and compares the pixels with the rule below. Everything else in the HTML is
still compared strictly.

The rule (calibrated in ``tests/test_figure_compare.py``)
----------------------------------------------------------
Two images match when they have the same size and

- at most ``MAX_CHANGED_PIXELS`` (16) pixels differ by more than
  ``LEVEL_TOLERANCE`` (2 levels of 255) in some channel, and
- over the other pixels, the root-mean-square difference (all channels) is
  at most ``MAX_RMS`` (0.15 levels): a change spread thinly over the whole
  image fails even if no single pixel moved by more than 2 levels.

The few pixels above the level tolerance are counted, not averaged, because
a slider frame is stored as a 16-colour palette PNG: there a last-bit change
can flip one pixel to the neighbouring palette colour, 90 levels away, which
alone would give a small frame an RMS of 0.1.

Measured noise from other BLAS kernels (Haswell, Zen, Sandybridge, Prescott
against SkylakeX): at most 2 pixels off by more than 2 levels, and an RMS of
at most 0.04 over all pixels. Measured real changes (a line colour off by 16
in one channel, a curve shifted by 0.1 %, a marker fill from white to
#f0f0f0, one legend digit): at least 61 pixels off by more than 2 levels.
The limit of 16 pixels sits between the two with a margin of about 4x on
either side.

When images differ, the message says which output, how many pixels changed,
the RMS and the bounding box of the change, and the stored image, the fresh
one and a difference map are written to ``_build/figure-diffs/``. At the end
of a run, pytest's summary lists how many figures differed in their bytes
and the largest difference accepted as noise, so the margin stays visible.
"""

from __future__ import annotations

import base64
import copy
import io
import json
import pathlib
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

LEVEL_TOLERANCE = 2
MAX_CHANGED_PIXELS = 16
MAX_RMS = 0.15

DIFF_DIR = pathlib.Path(__file__).resolve().parents[1] / "_build" / "figure-diffs"
#: One JSON line per figure whose bytes differed from the stored one; the
#: pytest summary reports the largest differences that were accepted as noise.
MEASURED_LOG = DIFF_DIR / "measured.jsonl"

# A base64-encoded PNG always starts with the encoded signature "iVBORw0KGgo".
_PNG_B64 = re.compile(r"iVBORw0KGgo[A-Za-z0-9+/=]+")
# Element ids of an interactive figure: "l1l2-" + 10 hex digits of a hash of its frames.
_FIGURE_ID = re.compile(r"l1l2-[0-9a-f]{10}")


@dataclass(frozen=True)
class ImageDifference:
    """How two decoded images differ.

    ``changed`` counts pixels off by more than ``LEVEL_TOLERANCE`` in some
    channel; ``rms`` is the root-mean-square difference over the other pixels
    and all channels (0-255 scale); ``box`` is ``(x0, y0, x1, y1)`` of the
    changed pixels, or None.
    """

    size_stored: tuple[int, int]
    size_fresh: tuple[int, int]
    changed: int
    rms: float
    box: tuple[int, int, int, int] | None

    @property
    def same_size(self) -> bool:
        return self.size_stored == self.size_fresh

    @property
    def matches(self) -> bool:
        return self.same_size and self.changed <= MAX_CHANGED_PIXELS and self.rms <= MAX_RMS

    def describe(self) -> str:
        if not self.same_size:
            return (f"size changed from {self.size_stored[0]}x{self.size_stored[1]} "
                    f"to {self.size_fresh[0]}x{self.size_fresh[1]} pixels")
        where = "" if self.box is None else (
            f", within x {self.box[0]}..{self.box[2]}, y {self.box[1]}..{self.box[3]}")
        return (f"{self.changed} pixels differ by more than {LEVEL_TOLERANCE} levels "
                f"(limit {MAX_CHANGED_PIXELS}), RMS of the others {self.rms:.3f} (limit {MAX_RMS})"
                f"{where}")


def decode_png(data: str | bytes) -> np.ndarray:
    """A PNG (raw bytes or base64 text) as an RGBA uint8 array of shape (h, w, 4)."""
    if isinstance(data, str):
        data = base64.b64decode("".join(data.split()))
    with Image.open(io.BytesIO(data)) as img:
        return np.asarray(img.convert("RGBA"))


def difference(stored: np.ndarray, fresh: np.ndarray) -> ImageDifference:
    """Measure how ``fresh`` differs from ``stored`` (both RGBA uint8 arrays)."""
    size_stored = (stored.shape[1], stored.shape[0])
    size_fresh = (fresh.shape[1], fresh.shape[0])
    if size_stored != size_fresh:
        return ImageDifference(size_stored, size_fresh, stored.shape[0] * stored.shape[1],
                               float("inf"), None)
    delta = np.abs(stored.astype(np.int16) - fresh.astype(np.int16))
    per_pixel = delta.max(axis=2)
    changed = per_pixel > LEVEL_TOLERANCE
    rows, cols = np.nonzero(changed)
    box = None
    if rows.size:
        box = (int(cols.min()), int(rows.min()), int(cols.max()), int(rows.max()))
    small = delta[~changed].astype(np.float64)
    rms = float(np.sqrt(np.mean(small ** 2))) if small.size else 0.0
    return ImageDifference(size_stored, size_fresh, int(rows.size), rms, box)


def _write_diff_images(stored, fresh, tag: str) -> pathlib.Path:
    DIFF_DIR.mkdir(parents=True, exist_ok=True)
    Image.fromarray(stored).save(DIFF_DIR / f"{tag}-stored.png")
    Image.fromarray(fresh).save(DIFF_DIR / f"{tag}-fresh.png")
    if stored.shape == fresh.shape:
        # The stored figure faded to light grey, every changed pixel in red (any
        # change visible, the ones above the level tolerance in full red).
        per_pixel = np.abs(stored.astype(np.int16) - fresh.astype(np.int16)).max(axis=2)
        grey = stored[..., :3].mean(axis=2) * 0.25 + 255 * 0.75
        diff = np.repeat(grey[..., None], 3, axis=2)
        strength = np.clip(per_pixel / (LEVEL_TOLERANCE + 1), 0, 1)[..., None]
        diff = diff * (1 - strength) + np.array([220, 0, 0]) * strength
        Image.fromarray(diff.astype(np.uint8)).save(DIFF_DIR / f"{tag}-diff.png")
    return DIFF_DIR / f"{tag}-*.png"


def _record(tag: str, diff: ImageDifference) -> None:
    """Append one byte-different comparison to ``MEASURED_LOG``, for the summary."""
    DIFF_DIR.mkdir(parents=True, exist_ok=True)
    with MEASURED_LOG.open("a") as log:
        log.write(json.dumps({"figure": tag, "changed": diff.changed, "rms": diff.rms,
                              "matches": diff.matches}) + "\n")


def read_measured() -> list[dict]:
    """Every comparison of this run whose PNG bytes differed (see :func:`_record`)."""
    if not MEASURED_LOG.exists():
        return []
    return [json.loads(line) for line in MEASURED_LOG.read_text().splitlines() if line]


def _compare_png(stored_b64: str, fresh_b64: str, tag: str) -> str | None:
    """None if the two PNGs match by the rule, else a description of the change."""
    if "".join(stored_b64.split()) == "".join(fresh_b64.split()):
        return None
    stored, fresh = decode_png(stored_b64), decode_png(fresh_b64)
    diff = difference(stored, fresh)
    _record(tag, diff)
    if diff.matches:
        return None
    written = _write_diff_images(stored, fresh, tag)
    return f"{diff.describe()}; images written to {written}"


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _compare_html(stored: str, fresh: str, tag: str) -> tuple[str, str]:
    """Both HTML texts with their PNGs replaced by placeholders and ids normalised.

    A frame that matches becomes the same placeholder on both sides; one that
    does not is described on the fresh side, so nbval's text diff shows it.
    """
    stored_frames = _PNG_B64.findall(stored)
    fresh_frames = _PNG_B64.findall(fresh)
    stored_text = _FIGURE_ID.sub("l1l2-ID", stored)
    fresh_text = _FIGURE_ID.sub("l1l2-ID", fresh)
    if len(stored_frames) != len(fresh_frames):
        return (_PNG_B64.sub("<PNG>", stored_text), _PNG_B64.sub("<PNG>", fresh_text))
    stored_marks, fresh_marks = [], []
    for k, (s, f) in enumerate(zip(stored_frames, fresh_frames, strict=True)):
        problem = _compare_png(s, f, f"{tag}-frame{k}")
        stored_marks.append(f"<PNG {k}>")
        fresh_marks.append(f"<PNG {k}>" if problem is None else f"<PNG {k} differs: {problem}>")
    stored_iter, fresh_iter = iter(stored_marks), iter(fresh_marks)
    return (_PNG_B64.sub(lambda _m: next(stored_iter), stored_text),
            _PNG_B64.sub(lambda _m: next(fresh_iter), fresh_text))


def compare_cell_outputs(fresh_outputs, stored_outputs, tag: str):
    """Copies of a cell's outputs with every figure replaced by a comparable text.

    Parameters
    ----------
    fresh_outputs, stored_outputs : list of dict
        nbformat outputs of the fresh execution and of the stored notebook.
    tag : str
        Names the cell in messages and in the names of written diff images.

    Returns
    -------
    (fresh, stored) : the two output lists, deep-copied, in which each
        ``image/png`` becomes a placeholder (identical on both sides when the
        images match, a description of the change on the fresh side when
        not), and each ``text/html`` has its embedded PNGs so replaced and its
        figure ids normalised. nbval then compares these strictly, so a
        mismatch reads as a short text diff instead of kilobytes of base64.
    """
    fresh_outputs = copy.deepcopy(list(fresh_outputs))
    stored_outputs = copy.deepcopy(list(stored_outputs))

    def values(outputs, key):
        return [out["data"] for out in outputs if key in out.get("data", {})]

    for key in ("image/png", "text/html"):
        fresh_data, stored_data = values(fresh_outputs, key), values(stored_outputs, key)
        if len(fresh_data) != len(stored_data):
            continue  # nbval reports the different number of outputs itself
        for k, (f, s) in enumerate(zip(fresh_data, stored_data, strict=True)):
            fresh_value, stored_value = _text(f[key]), _text(s[key])
            if key == "image/png":
                problem = _compare_png(stored_value, fresh_value, f"{tag}-png{k}")
                s[key] = f"<PNG {k}>"
                f[key] = f"<PNG {k}>" if problem is None else f"<PNG {k} differs: {problem}>"
            else:
                s[key], f[key] = _compare_html(stored_value, fresh_value, f"{tag}-html{k}")
    return fresh_outputs, stored_outputs
