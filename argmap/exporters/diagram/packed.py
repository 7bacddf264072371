"""Page drawings as pages keep them: compressed, with the drawing's size (light to import).

A worker process that lays pages out (see :mod:`.enginepool`) keeps each drawing this way
too, so this module imports nothing of the map or the page planner.
"""

from __future__ import annotations

import re
import zlib
from typing import Final, NamedTuple

__all__ = ["SVG_SIZE", "Overflow", "kept", "pack", "svg_size", "unpack"]

SVG_SIZE: Final = re.compile(
    r'<svg\b([^>]*?)\bwidth="([\d.]+)pt"\s+height="([\d.]+)pt"\s+viewBox="([-\d. ]+)"', re.S
)
"""The root element's size and view box, as the engine writes them."""


def pack(svg: str | bytes) -> bytes:
    """An SVG as a page keeps it: compressed (37,000 pages' text would take about 700 MB)."""
    return zlib.compress(svg.encode("utf-8") if isinstance(svg, str) else svg, 1)


def unpack(packed: bytes) -> str:
    """An SVG as :func:`pack` packed it."""
    return zlib.decompress(packed).decode("utf-8")


def svg_size(svg: str | bytes) -> tuple[float, float]:
    """A drawing's width and height in points, as the engine's SVG gives them."""
    if isinstance(svg, bytes):  # the root element's start tag is enough
        start = svg.find(b"<svg")
        svg = svg[start : svg.find(b">", start) + 1].decode("utf-8") if start >= 0 else ""
    match = SVG_SIZE.search(svg)
    return (float(match.group(2)), float(match.group(3))) if match else (1.0, 1.0)


def kept(svg: bytes) -> tuple[bytes, float, float]:
    """A page's draft SVG as it is kept: packed, with its drawing's size."""
    return (pack(svg), *svg_size(svg))


class Overflow(NamedTuple):
    """The size of a drawing its maker found of no use (too big): it was not finished.

    See :class:`~.enginepool.LayoutQueue`: a page tried that overflows is dropped, so the
    passes over its SVG are skipped.
    """

    width: float
    height: float
