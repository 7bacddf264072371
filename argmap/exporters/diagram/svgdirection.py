"""Right-to-left lines of an SVG a browser draws: their direction given, their anchors kept."""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.exporters.diagram.bidi import RIGHT_TO_LEFT_BLOCKS, reads_right_to_left

__all__ = ["line_directions", "right_to_left_in"]

_TEXT: Final = re.compile(
    r'(<text\b[^>]*?) text-anchor="(start|middle|end)"([^>]*>)([^<]*)(?=</text>)'
)
"""A line as the engine writes it: its tag's head, anchor and rest, then its text."""
_SWAPPED: Final = {"start": "end", "middle": "middle", "end": "start"}


def right_to_left_in(text: str) -> bool:
    """Whether ``text`` holds a letter of the right-to-left blocks (:data:`RIGHT_TO_LEFT_BLOCKS`).

    Text that Windows-1252 encodes holds none (none of its characters is in those blocks):
    a drawing's usual dashes, quotes and dots pass that test in a third of the time the
    blocks' pattern takes to look through it.
    """
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return RIGHT_TO_LEFT_BLOCKS.search(text) is not None
    return False


def line_directions(svg: str) -> str:
    """The SVG with each right-to-left line drawn so by a browser, where the PDF draws it.

    A browser lays out an SVG line left to right unless told otherwise, so a Hebrew
    question's "?" came at its right end, where a Hebrew reader starts. Each line whose
    first strong letter is right to left gets ``direction="rtl"``; its anchor is
    swapped (``start`` is the right end of a right-to-left line), so the line stays
    where the engine placed it. An SVG with no right-to-left letter comes back as it is.
    """
    if not right_to_left_in(svg):
        return svg

    def directed(match: re.Match[str]) -> str:
        head, anchor, rest, text = match.groups()
        if "direction=" in head + rest or not reads_right_to_left(html.unescape(text)):
            return match.group(0)  # set already, or left to right
        return f'{head} text-anchor="{_SWAPPED[anchor]}" direction="rtl"{rest}{text}'

    return _TEXT.sub(directed, svg)
