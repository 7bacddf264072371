"""How wide text is drawn: each character's advance in the Noto face that draws it."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Final

from argmap import shaping
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.fonts import EMOJI_STYLE, JOINED, emoji_has, fallback_ems
from argmap.shaping import (
    BOLD_WEIGHT,
    LETTERED_FILES,
    letter_ems,
    needs_shaping,
    shaped_ems,
    shapes,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

__all__ = [
    "LINE_SPACING",
    "REPLACED",
    "char_points",
    "main_face_draws",
    "text_points",
    "width_attr",
]

LINE_SPACING: Final = 1.2
"""The engine's line height, as a multiple of the font size."""

_AN_EMOJI: Final = "\U0001f600"
"""An emoji that only Noto Emoji among the faces draws, measured for any other it draws."""
REPLACED: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters drawn as U+FFFD: those XML (so SVG) cannot hold, and the C1 controls, which
HTML refuses (see :func:`~.labels.clean`). They are measured as it is drawn."""
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")
"""A character beyond the Basic Multilingual Plane: an emoji, a flag's letters, and so on."""


def char_points(ch: str, size: float) -> float:
    """A generous estimate of one character's width in a Helvetica-like font."""
    if ord(ch) < 0x80:
        return size * (0.6 if ch.isupper() or ch in "mw@%" else 0.5)
    if unicodedata.east_asian_width(ch) in "WF":
        return size * 1.05
    return size * 0.62


@functools.cache
def _noto_widths(style: str) -> dict[int, int]:
    """Code point -> advance width (thousandths of an em) in the Noto Sans face of ``style``."""
    from argmap.exporters.diagram.notowidths import RANGES, WIDTHS

    codes = (code for first, last in RANGES for code in range(first, last + 1))
    return {
        code: width
        for code, width in zip(codes, map(int, WIDTHS[style].split()), strict=True)
        if width
    }


def main_face_draws(text: str, style: str = "") -> bool:
    """Whether Noto Sans of ``style`` has every character of ``text`` but spaces (its table)."""
    widths = _noto_widths(style)
    return all(ord(ch) in widths for ch in text if not ch.isspace())


class _Advances(dict[str, float]):
    """Character -> its width in points at one size and style, worked out on first use."""

    def __init__(self, size: float, style: str) -> None:
        super().__init__()
        self.size, self.widths = size, _noto_widths(style)

    def __missing__(self, ch: str) -> float:
        code = ord(ch)
        if code in self.widths:
            width = self.widths[code] * self.size / 1000
        elif REPLACED.match(ch):
            width = self["\ufffd"]
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and code not in JOINED:
            width = 0.0  # drawn as nothing (zero-width spaces, marks of direction)
        else:
            ems = fallback_ems(ch)
            width = char_points(ch, self.size) if ems is None else ems * self.size
        self[ch] = width
        return width


@functools.cache
def _advances(size: float, style: str) -> _Advances:
    """The character widths of one size and style (a few sizes are ever drawn)."""
    return _Advances(size, style)


def text_points(text: str, size: float, style: str = "") -> float:
    """The width of ``text`` in points as the SVG, PNG and PDF draw it (in the Noto faces).

    Each character counts its advance in the face that draws it: Noto Sans, else the
    first fallback face that has it; joiners, skin tones and marks count nothing. Runs of
    Indic scripts, Khmer and Myanmar count their shaped advance instead, where a shaper
    is installed (:mod:`argmap.shaping`): conjuncts are narrower than their letters; runs
    of Thai and Lao the wider of their shaped and their unshaped advance.

    Args:
        text: one line.
        size: the font size in points.
        style: ``""``, ``"B"`` (bold) or ``"I"`` (italic).
    """
    if text.isascii():
        return _ascii_points(text, size, style)
    key = (text, size, style, shaping.available())  # pages repeat lines: breadcrumbs, stubs
    points = _POINTS.get(key)
    if points is None:
        if len(_POINTS) >= _POINTS_MOST:
            _POINTS.clear()
        points = _POINTS[key] = _other_points(text, size, style)
    return points


_POINTS: dict[tuple[str, float, str, bool], float] = {}
"""Lines not all ASCII, measured: their width (see :func:`text_points`), by whether a
shaper is installed."""
_POINTS_MOST: Final = 50_000
"""Lines remembered at most; past that the memory starts afresh."""


def _other_points(text: str, size: float, style: str) -> float:
    """:func:`text_points` of a line not all ASCII."""
    if not EMOJI_STYLE.isdisjoint(text):
        text = _emoji_styled(text)
    if needs_shaping(text):
        return _shaped_points(text, size, style)
    return sum(map(_advances(size, style).__getitem__, text))


def _emoji_styled(text: str) -> str:
    """The text, each character drawn as an emoji put as one it measures like.

    A keycap's digit, a heart before an emoji presentation selector (see
    :func:`~.fonts.font_runs`): every Noto Emoji glyph has one advance.
    """
    out = list(text)
    for at in range(len(text) - 1):
        if text[at + 1] in EMOJI_STYLE and text[at] not in EMOJI_STYLE and emoji_has(text[at]):
            out[at] = _AN_EMOJI
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def _ascii_points(text: str, size: float, style: str) -> float:
    """An ASCII line's width: its letters' advances (no shaping, no fallback faces).

    Remembered: a 10,000-node map measures about 150,000 lines, a few times each
    (breadcrumb rows, stubs, labels drawn and redrawn).
    """
    return sum(map(_advances(size, style).__getitem__, text))


@functools.lru_cache(maxsize=8192)
def _shaped_points(text: str, size: float, style: str) -> float:
    """A line's width with its runs in the shaped faces as HarfBuzz sets them.

    The line is cut into runs as the PDF draws it (:func:`~.bidi.drawn_runs`, in drawing
    order); a bold line's shaped runs are set at :data:`~argmap.shaping.BOLD_WEIGHT`.
    Remembered: the planner measures a line again on every page it tries.
    """
    from argmap.exporters.diagram.bidi import drawn_runs
    from argmap.exporters.diagram.fonts import fallback_fonts

    faces = fallback_fonts()
    advances = _advances(size, style)
    weight = BOLD_WEIGHT if "B" in style else None
    width = 0.0
    for index, run, rtl in drawn_runs(text, faces):
        if index >= 0 and faces[index].name in LETTERED_FILES and shapes(faces[index]):
            width += _lettered_ems(faces[index], run, weight) * size
        elif index >= 0 and shapes(faces[index]):
            width += shaped_ems(faces[index], run, weight, rtl) * size
        else:
            width += sum(map(advances.__getitem__, run))
    return width


def _lettered_ems(face: Path, run: str, weight: float | None) -> float:
    """A Thai or Lao run's width in ems, as the widest format draws it.

    The PDF, the PNG and a browser shape it at the line's weight; a browser given the
    face's cut may set sara am whole, as its letter's advance (see
    :data:`~argmap.shaping.LETTERED_FILES`).
    """
    return max(shaped_ems(face, run, weight), letter_ems(face, run, weight))


def width_attr(
    lines: list[str],
    size: float,
    style: str = "",
    *,
    padding: float = 2.0,
    fixed: bool = False,
    rows: Sequence[int] | None = None,
) -> str:
    """The ``WIDTH`` attribute of a cell holding ``lines``: room for them in Noto Sans.

    The engine measures text with its own Helvetica-like font, narrower than the Noto Sans
    that the PDF (and a PNG of other scripts) draws with, and sizes non-ASCII text at one
    space per UTF-8 byte; a cell at least as wide as the Noto text keeps it in its box.
    Shaped text (Indic scripts, Thai, Lao, Khmer, Myanmar:
    :func:`~argmap.shaping.needs_shaping`) and emoji sequences (see :func:`_overcounted`)
    are far narrower than the engine counts them, so a ``fixed`` cell of them is fixed at
    the width they are drawn and the height the engine gives its lines.

    Args:
        lines: the cell's lines.
        size: their font size in points.
        style: ``""``, ``"B"`` or ``"I"``.
        padding: the table's ``CELLPADDING`` (the cell has no border).
        fixed: the cell may be fixed so: its lines name the face that has them anchored
            after layout (:func:`~.labels.lines_html`). The engine centres the lines of
            a cell they overflow, whatever the cell's alignment.
        rows: the heights of the rows the lines are set in, if they are (see
            :func:`~.lineink.line_rows`): a fixed cell is as tall as they are.
    """
    width = math.ceil(max(text_points(line, size, style) for line in lines)) + 4
    if fixed and (any(map(needs_shaping, lines)) or _overcounted(lines, size, style, width)):
        tall = len(lines) * size * LINE_SPACING if rows is None else sum(rows)
        height = math.ceil(tall + 2 * padding)
        width = max(width, math.ceil(width - 4 + 2 * padding))
        return f' WIDTH="{width}" HEIGHT="{height}" FIXEDSIZE="TRUE"'
    return f' WIDTH="{width}"'


def _overcounted(lines: list[str], size: float, style: str, width: float) -> bool:
    """Whether the engine counts a line of emoji sequences wider than its cell.

    It counts a space a UTF-8 byte: a family (18 bytes), a thumb with a skin tone (8) is
    four and a half em, two em, to it. The cell's width counts each as wide as any format
    draws it: a family's people apart, a flag's two letters, a skin tone as nothing (a
    line left to resvg drops it). Lines of the Basic Multilingual Plane alone are left to
    the engine's count: it may be wider than drawn (a keycap, a heart asking for emoji
    presentation: about an em more), never narrower than the cell.
    """
    bold = "B" in style
    return any(
        not line.isascii()
        and _ASTRAL.search(line) is not None
        and engine_points(line, size, bold=bold) > width
        for line in lines
    )
