"""Complex scripts shaped by HarfBuzz (``uharfbuzz``): glyphs, advances and marks' places.

Indic scripts, Khmer and Myanmar draw right only as a shaper sets them: conjuncts, vowel
signs drawn before the consonant they follow, reph and stacked marks; Thai and Lao stack a
tone mark above a vowel sign and split sara am round it; so do Arabic (its
letters joined, its ligatures and marks) and pointed Hebrew, set right to left. The runs
of text that fall to one of their Noto faces (:data:`SHAPED_FILES`) are shaped here, to measure
them (:mod:`argmap.exporters.diagram.textwidth`) and to draw them in a PDF
(:mod:`argmap.exporters.diagram.pdffonts`) and a PNG (:mod:`argmap.rasterglyphs`), so a
box is as wide as the text drawn in it, in every format. Imports nothing of argmap (it runs in
the raster workers).

``uharfbuzz`` (the ``pdf`` extra) is imported only when such a run is met; without it,
those runs are measured and drawn a character at a time, as before.
"""

from __future__ import annotations

import functools
import re
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "BOLD_WEIGHT",
    "EMOJI_FAMILY",
    "EMOJI_FILE",
    "EMOJI_JOINING",
    "EMOJI_SEQUENCE",
    "LETTERED_FILES",
    "RIGHT_TO_LEFT_FAMILIES",
    "RIGHT_TO_LEFT_FILES",
    "SHAPED_FAMILIES",
    "SHAPED_FILES",
    "Glyph",
    "available",
    "ink_ems",
    "letter_ems",
    "needs_shaping",
    "shape",
    "shaped_ems",
    "shapes",
    "shapes_right_to_left",
]

SHAPED_FAMILIES: Final = frozenset(
    f"Noto Sans {script}"
    for script in (
        "Bengali",
        "Devanagari",
        "Gujarati",
        "Gurmukhi",
        "Kannada",
        "Khmer",
        "Lao",
        "Malayalam",
        "Myanmar",
        "Oriya",
        "Sinhala",
        "Tamil",
        "Telugu",
        "Thai",
    )
)
"""The left-to-right faces whose text is shaped here; of the resvg bindings, only resvg 0.48
(``resvg_py``) sets it right (measured: every other face argmap ships draws the same pixels
in all three)."""

RIGHT_TO_LEFT_FAMILIES: Final = frozenset({"Noto Sans Arabic", "Noto Sans Hebrew"})
"""The right-to-left faces whose text is shaped here: Arabic (Persian, Urdu...) joined, its
ligatures formed and its marks placed; Hebrew with its points placed. No resvg binding
shapes them (they draw Arabic letters unjoined), so without a shaper they are drawn as
before: reversed, Arabic in its presentation forms
(:mod:`argmap.exporters.diagram.arabicforms`)."""

SHAPED_FILES: Final = frozenset(
    family.replace(" ", "") + "[wght].ttf" for family in SHAPED_FAMILIES | RIGHT_TO_LEFT_FAMILIES
)
"""The Noto faces whose runs are shaped."""

LETTERED_FILES: Final = frozenset({"NotoSansThai[wght].ttf", "NotoSansLao[wght].ttf"})
"""Shaped faces whose runs are measured as the wider of shaped and a letter at a time:
Chromium drew Lao sara am whole (its letter's advance), wider than HarfBuzz's split."""

RIGHT_TO_LEFT_FILES: Final = frozenset(
    family.replace(" ", "") + "[wght].ttf" for family in RIGHT_TO_LEFT_FAMILIES
)
"""The Noto faces whose runs are shaped right to left (see :func:`shapes_right_to_left`)."""

EMOJI_FAMILY: Final = "Noto Emoji"
"""The one-colour emoji face's family, as a prepared SVG names its runs."""
EMOJI_FILE: Final = "NotoEmoji[wght].ttf"
"""The one-colour emoji face: where a shaper is installed, its runs are shaped when set as
outlines (a flag, a skin tone, a keycap or a sequence joined by ZWJ becomes one glyph)."""
EMOJI_JOINING: Final = re.compile(
    "[\u200d\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U0001f1e6-\U0001f1ff\U000e0020-\U000e007f]"
)
"""What makes emoji a sequence: a joiner, a presentation selector, a keycap, a skin tone,
a flag's letter or a tag."""
EMOJI_SEQUENCE: Final = re.compile(
    f'<tspan font-family="{EMOJI_FAMILY}">[^<]*' + EMOJI_JOINING.pattern
)
"""A run of the emoji face, as a prepared SVG names it, that holds a sequence."""

BOLD_WEIGHT: Final = 700.0
"""The weight a bold line's shaped runs are set at (their faces are variable, 400-700)."""

_SCRIPTS: Final = re.compile(
    "[\u0591-\u05c7\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\u0900-\u0eff\u1000-\u109f\u1780-\u17ff"
    "\u19e0-\u19ff\u1cd0-\u1cff\ua8e0-\ua8ff\ua9e0-\ua9ff\uaa60-\uaa7f\ufb50-\ufdff"
    "\ufb1d-\ufb4f\ufe70-\ufefe]"
)
"""Hebrew points, Arabic, Devanagari to Sinhala, Thai, Lao, Myanmar, Khmer and their
extensions (and the presentation forms of Hebrew and Arabic): where text is measured
shaped. Unpointed Hebrew is measured a letter at a time, as it is drawn (within a point of
the shaper's width a line), so that a map of it needs no font file read to be measured."""


class Glyph(NamedTuple):
    """One shaped glyph, in thousandths of an em."""

    gid: int
    """The glyph's number in the font."""
    cluster: int
    """Where in the run's text its cluster starts."""
    advance: float
    x_offset: float
    y_offset: float


@functools.cache
def available() -> bool:
    """Whether runs can be shaped: ``uharfbuzz`` and fontTools are both installed."""
    return find_spec("uharfbuzz") is not None and find_spec("fontTools") is not None


def needs_shaping(text: str) -> bool:
    """Whether text holds a letter of a shaped script (and a shaper is installed)."""
    return not text.isascii() and _SCRIPTS.search(text) is not None and available()


def shapes(path: Path | str) -> bool:
    """Whether runs in the font at ``path`` are shaped (when a shaper is installed)."""
    return Path(path).name in SHAPED_FILES and available()


def shapes_right_to_left(path: Path | str) -> bool:
    """Whether runs in the font at ``path`` are shaped, right to left where they are so."""
    return Path(path).name in RIGHT_TO_LEFT_FILES and available()


@functools.cache
def _font(path: Path | str, weight: float | None) -> tuple[Any, float]:
    """The HarfBuzz font for a file at a weight, and its thousandths per font unit."""
    import uharfbuzz

    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    font = uharfbuzz.Font(face)
    if weight is not None:
        font.set_variations({"wght": weight})
    return font, 1000 / face.upem


@functools.lru_cache(maxsize=8192)
def shape(
    path: Path | str, text: str, weight: float | None = None, rtl: bool = False
) -> tuple[Glyph, ...]:
    """Shape one run of text (one face, one direction) as HarfBuzz sets it.

    Args:
        path: the font file.
        text: the run, in logical order.
        weight: the weight to set the variable font at (None: its default).
        rtl: the run is set right to left (its first letter drawn rightmost).

    Returns:
        The glyphs in drawing order, left to right (a right-to-left run's clusters
        from its last to its first).
    """
    import uharfbuzz

    font, scale = _font(path, weight)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.language = "und"  # not the process's locale: the same glyphs on every machine
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {})
    return tuple(
        Glyph(
            info.codepoint,
            info.cluster,
            position.x_advance * scale,
            position.x_offset * scale,
            position.y_offset * scale,
        )
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    )


def shaped_ems(
    path: Path | str, text: str, weight: float | None = None, rtl: bool = False
) -> float:
    """The advance of a shaped run in ems (see :func:`shape`)."""
    return _advance(shape(path, text, weight, rtl)) / 1000


@functools.lru_cache(maxsize=8192)
def ink_ems(
    path: Path | str, text: str, weight: float | None = None, rtl: bool = False
) -> tuple[float, float]:
    """How far a shaped run's ink reaches above and below its baseline, in ems.

    Each glyph's outline box, raised or lowered as the shaper places it (a mark stacked
    on a mark, a tanwin over a tall alef), so the run's highest and lowest ink.

    Args:
        path: the font file.
        text: the run, in logical order.
        weight: the weight to set the variable font at (None: its default).
        rtl: the run is set right to left.

    Returns:
        ``(top, bottom)``: the highest ink above the baseline and the lowest below it
        (both positive when they lie on those sides; 0.0, 0.0 for a run that draws nothing).
    """
    font, scale = _font(path, weight)
    top = bottom = 0.0
    for glyph in shape(path, text, weight, rtl):
        extents = font.get_glyph_extents(glyph.gid)
        if extents is None or not extents.height:
            continue
        high = glyph.y_offset + extents.y_bearing * scale
        top, bottom = max(top, high), max(bottom, -(high + extents.height * scale))
    return top / 1000, bottom / 1000


def letter_ems(path: Path | str, text: str, weight: float | None = None) -> float:
    """The advance of a run set a letter at a time, unshaped, in ems (marks' included).

    Args:
        path: the font file.
        text: the run.
        weight: the weight to set the variable font at (None: its default).
    """
    font, scale = _font(path, weight)
    total = 0
    for ch in text:
        glyph = font.get_nominal_glyph(ord(ch))
        total += 0 if glyph is None else font.get_glyph_h_advance(glyph)
    return total * scale / 1000


def _advance(glyphs: Sequence[Glyph]) -> float:
    return sum(glyph.advance for glyph in glyphs)
