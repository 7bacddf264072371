"""Right-to-left lines of an SVG a browser draws: their direction given, their anchors kept."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Final

from argmap.exporters.diagram.bidi import RIGHT_TO_LEFT_BLOCKS

__all__ = ["line_directions", "reads_right_to_left"]

_TEXT: Final = re.compile(
    r'(<text\b[^>]*?) text-anchor="(start|middle|end)"([^>]*>)([^<]*)(?=</text>)'
)
"""A line as the engine writes it: its tag's head, anchor and rest, then its text."""
_SWAPPED: Final = {"start": "end", "middle": "middle", "end": "start"}


def reads_right_to_left(text: str) -> bool:
    """Whether a line reads right to left: its first strong letter does (UAX #9 P2-P3).

    As a browser takes a paragraph with ``dir="auto"``, and as the PDF and PNG draw the
    line (see :func:`~.bidi.visual_order`).
    """
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def line_directions(svg: str) -> str:
    """The SVG with each right-to-left line drawn so by a browser, where the PDF draws it.

    A browser lays out an SVG line left to right unless told otherwise, so a Hebrew
    question's "?" came at its right end, where a Hebrew reader starts. Each line whose
    first strong letter is right to left gets ``direction="rtl"``; its anchor is
    swapped (``start`` is the right end of a right-to-left line), so the line stays
    where the engine placed it. An SVG with no right-to-left letter comes back as it is.
    """
    if RIGHT_TO_LEFT_BLOCKS.search(svg) is None:
        return svg

    def directed(match: re.Match[str]) -> str:
        head, anchor, rest, text = match.groups()
        if not reads_right_to_left(html.unescape(text)):
            return match.group(0)
        return f'{head} text-anchor="{_SWAPPED[anchor]}" direction="rtl"{rest}{text}'

    return _TEXT.sub(directed, svg)
