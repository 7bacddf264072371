"""SVG text in the Noto faces: each ``<text>`` split into runs of the face that draws them."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Final

from argmap.exporters.diagram.fonts import font_runs

__all__ = ["DrawRuns", "set_text_fonts"]

_FONT_ATTR: Final = re.compile(r'font-family="[^"]*"')
_TEXT: Final = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")

DrawRuns = Callable[[str, list[tuple[int, str]]], str | None]
"""Given a ``<text>`` tag and its runs, the element's new content, or None to keep it."""


def set_text_fonts(svg: str, family: str, fallbacks: list[Path], draw: DrawRuns) -> str:
    """Set every font of a Graphviz SVG to ``family``, and redraw each text by its font runs.

    Args:
        svg: the SVG document, as the engine wrote it.
        family: the font family every ``font-family`` attribute becomes (the main face).
        fallbacks: the faces for what the main face lacks, as :func:`fonts.font_runs` takes.
        draw: called once per ``<text>`` element with its opening tag and its runs
            (``(-1, text)`` for text in the main face, else ``(index into fallbacks, text)``;
            the text is unescaped); returns the element's new content as SVG markup, or
            None to leave the element as it is.

    Returns:
        The rewritten SVG.
    """

    def split(match: re.Match[str]) -> str:
        opening, body, closing = match.groups()
        text = html.unescape(body)
        # Noto Sans has every ASCII character: no font needs reading for those.
        runs = [(-1, text)] if text.isascii() else font_runs(text, fallbacks)
        content = draw(opening, runs)
        return match.group(0) if content is None else opening + content + closing

    svg = _FONT_ATTR.sub(f'font-family="{family}"', svg)
    return _TEXT.sub(split, svg)
