"""SVG text in the Noto faces: lines anchored as their labels align them, split into font runs."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Final

from argmap.exporters.diagram.bidi import drawing_order, drawn_runs
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.fonts import font_runs

__all__ = [
    "CENTRED_FACE",
    "DRAWN_FAMILY",
    "LEFT_FACE",
    "RIGHT_FACE",
    "DrawRuns",
    "place_text",
    "set_text_fonts",
]

CENTRED_FACE: Final = "Arial"
"""The face a label names for its centred lines (``<FONT FACE=...>``).

The engine places every line of an HTML-like label by its left end, worked out with its
own font metrics; the SVG, PNG and PDF draw it in the wider Noto Sans. A line says how
it is aligned by the face it names, so that :func:`place_text` can anchor it at its
middle or its end instead. The faces are Helvetica's metric twins: the engine measures
them as it measures Helvetica, and any Graphviz draws the DOT source as before.
"""

RIGHT_FACE: Final = "Liberation Sans"
"""The face a label names for its right-aligned lines (see :data:`CENTRED_FACE`)."""

LEFT_FACE: Final = "Arimo"
"""The face a label names for a line the engine centres in its cell, filled out with
spaces to the cell's width, to be drawn from the cell's left (a breadcrumb's row of
shaped text, which the engine counts wider than it is drawn): :func:`place_text` anchors
it at its start, half its drawn width before its middle (see :data:`CENTRED_FACE`)."""

DRAWN_FAMILY: Final = "Noto Sans,Helvetica,Arial,sans-serif"
"""The font family every SVG text asks for: the Noto Sans argmap measures with, first.

A viewer without it falls back to a narrower face, which stays inside the box.
"""

_TEXT: Final = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")
_FONT_ATTR: Final = re.compile(r'font-family="[^"]*"')
_OTHER_ATTRS: Final = r'((?: (?!{name}=)[^\s=>"]+="[^"]*")*+)'
"""The attributes before the one named (each ``name="value"``, taken whole, never given back)."""
_MARKED: Final = re.compile(
    "<text"
    + _OTHER_ATTRS.format(name="text-anchor")
    + r' text-anchor="start" x="([-\d.]+)"'
    + _OTHER_ATTRS.format(name="font-family")
    + f' font-family="({re.escape(CENTRED_FACE)}|{re.escape(RIGHT_FACE)}|{re.escape(LEFT_FACE)})"'
    + r"([^>]*)>([^<]*)</text>"
)
"""A line the engine anchored at its start, in one of the faces that say it is aligned.

The attributes are stepped over one at a time, up to the first ``text-anchor`` and then
the first ``font-family``: a tag of a 3,000-node drawing is read in half the steps that
going character by character takes.
"""
_SIZE: Final = re.compile(r'font-size="([\d.]+)"')
_WRITTEN_SPACE: Final = re.compile("(?<=[ \u00a0])\u00a0")
"""A no-break space after a space: the engine writes each space after another so, and
measured it as a space."""


def place_text(svg: str) -> str:
    """Anchor each line of an engine SVG as its label aligns it, and ask for Noto Sans.

    A line in :data:`CENTRED_FACE` is anchored at its middle, one in :data:`RIGHT_FACE`
    at its end (both where the engine's own measure puts them), so a line drawn in any
    face sits centred, or flush right, in its cell; one in :data:`LEFT_FACE` at its start,
    half its drawn width before its middle; every other line keeps its start. Every
    ``font-family`` becomes :data:`DRAWN_FAMILY`.
    """
    return _FONT_ATTR.sub(_DRAWN_ATTR, _MARKED.sub(_place, svg))


_DRAWN_ATTR: Final = f'font-family="{DRAWN_FAMILY}"'


def _place(match: re.Match[str]) -> str:
    """One line of :data:`_MARKED`, anchored at its middle, its end or its start."""
    head, x, middle, face, tail, body = match.groups()
    size = _SIZE.search(tail)
    bold = 'font-weight="bold"' in tail
    points = float(size[1]) if size else 14.0
    text = html.unescape(body)
    if face == LEFT_FACE:  # a breadcrumb's indent: spaces the engine wrote as no-break
        text = _WRITTEN_SPACE.sub(" ", text)
    width = engine_points(text, points, bold=bold)
    if face == CENTRED_FACE:
        anchor, x = "middle", f"{float(x) + 0.5 * width:.2f}"
    elif face == RIGHT_FACE:
        anchor, x = "end", f"{float(x) + width:.2f}"
    else:  # drawn from its start, half its drawn width before its middle
        from argmap.exporters.diagram.textwidth import text_points

        drawn = text_points(text, points, "B" if bold else "")
        anchor, x = "start", f"{float(x) + 0.5 * width - drawn / 2:.2f}"
    return (
        f'<text{head} text-anchor="{anchor}" x="{x}"{middle} font-family="{face}"{tail}>'
        f"{body}</text>"
    )


DrawRuns = Callable[[str, list[tuple[int, str]]], str | None]
"""Given a ``<text>`` tag and its runs, the element's new content, or None to keep it."""


def set_text_fonts(
    svg: str, family: str, fallbacks: list[Path], draw: DrawRuns, *, logical: bool = False
) -> str:
    """Set every font of a Graphviz SVG to ``family``, and redraw each text by its font runs.

    A line with right-to-left letters is redrawn in the order it is drawn in
    (:func:`~.bidi.drawing_order`: Arabic joined, right-to-left runs reversed) between a
    left-to-right override and its end, so the drawing program keeps that order. With
    ``logical``, a run that HarfBuzz shapes right to left (:func:`~.bidi.drawn_runs`:
    Arabic) stays in logical order instead, unjoined, between a right-to-left override
    and its end (U+202E ... U+202C), for :mod:`argmap.rasterglyphs` to shape.

    Args:
        svg: the SVG document, as the engine wrote it.
        family: the font family every ``font-family`` attribute becomes (the main face).
        fallbacks: the faces for what the main face lacks, as :func:`fonts.font_runs` takes.
        draw: called once per ``<text>`` element with its opening tag and its runs
            (``(-1, text)`` for text in the main face, else ``(index into fallbacks, text)``;
            the text is unescaped); returns the element's new content as SVG markup, or
            None to leave the element as it is.
        logical: leave the runs that HarfBuzz shapes right to left in logical order,
            each between a right-to-left override and its end.

    Returns:
        The rewritten SVG.
    """

    def split(match: re.Match[str]) -> str:
        opening, body, closing = match.groups()
        text = html.unescape(body)
        if text.isascii():  # Noto Sans has every ASCII character: no font to read
            content = draw(opening, [(-1, text)])
            return match.group(0) if content is None else opening + content + closing
        drawn = drawing_order(text)
        if logical:
            runs = [
                (index, f"\u202e{run}\u202c" if rtl else run)
                for index, run, rtl in drawn_runs(text, fallbacks)
            ]
            content = draw(opening, runs)
        else:
            content = draw(opening, font_runs(drawn, fallbacks))
        if drawn == text:
            return match.group(0) if content is None else opening + content + closing
        # Right-to-left text goes in drawn order, held there by a left-to-right override.
        if content is None:
            content = html.escape(drawn, False)
        return f"{opening}\u202d{content}\u202c{closing}"

    svg = _FONT_ATTR.sub(f'font-family="{family}"', svg)
    return _TEXT.sub(split, svg)
