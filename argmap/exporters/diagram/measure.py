"""Node box sizes estimated before layout, so a map can be split into pages that fit."""

from __future__ import annotations

from typing import Final

from argmap.exporters.diagram.labels import (
    MAX_QUOTE_CHARS,
    MAX_TEXT_CHARS,
    NARROW_WRAPS,
    WRAPS,
    credit_line,
    shorten,
    wrap,
)
from argmap.exporters.diagram.textwidth import char_points, text_points
from argmap.model import ArgumentMap, Node, NodeKind
from argmap.shaping import needs_shaping

__all__ = ["box_size", "narrow_page"]

LINE_HEIGHT: Final = 1.2
"""Line height as a multiple of the font size, as the engine sets label lines."""

CELL_PADDING: Final = 2.0
MARGIN_X: Final = 0.15 * 72
MARGIN_Y: Final = 0.08 * 72

TWO_RANKS: Final = 480.0
"""The width, in points, of two ranks side by side at the usual wraps: a statement's box
(about 250), a stub's (about 180) and the gap between them."""


def narrow_page(budget_width: float, across: bool) -> bool:
    """Whether a page's boxes wrap narrower (see :data:`~.labels.NARROW_WRAPS`).

    Drawn left to right, ranks are columns: a page whose drawing, at the legibility
    floor, is narrower than two columns of the usual boxes (an upright slide) could
    otherwise hold no node beside its child's stub at that floor.

    Args:
        budget_width: the widest drawing the page holds at the floor, in points.
        across: the drawing runs left to right (or right to left).
    """
    return across and budget_width < TWO_RANKS


def box_size(
    m: ArgumentMap, node: Node, kind: NodeKind, *, show_quote: bool, narrow: bool = False
) -> tuple[float, float]:
    """Estimate the width and height, in points, of a node's box as the diagram draws it.

    The rows are those of :func:`argmap.exporters.diagram.labels.node_label`: a header,
    the wrapped statement, the quote and the credit lines. Widths are generous (see
    :func:`~argmap.exporters.diagram.textwidth.char_points`), so a page planned with them
    rarely overflows once laid out. ``narrow``: wrapped as on a narrow page (see
    :func:`narrow_page`).
    """
    wraps = NARROW_WRAPS if narrow else WRAPS
    thesis = kind is NodeKind.THESIS
    rows: list[tuple[float, list[str]]] = [(9.0, ["REASON · UNDERCUTS"])]
    rows.append(
        (
            16.0 if thesis else 13.0,
            wrap(shorten(node.text, MAX_TEXT_CHARS), wraps.thesis if thesis else wraps.text),
        )
    )
    if node.quote and show_quote:
        rows.append((11.0, wrap(f"“{shorten(node.quote, MAX_QUOTE_CHARS)}”", wraps.quote)))
    extra = [] if (line := credit_line(m, node)) is None else ["— " + line]
    if node.author:
        extra.append(f"added by {node.author}")
    rows.extend((10.0, wrap(shorten(line, 200), wraps.credit)) for line in extra)
    width = max(_line_points(line, size) for size, lines in rows for line in lines)
    height = sum(len(lines) * size * LINE_HEIGHT + 2 * CELL_PADDING for size, lines in rows)
    return width + 2 * (CELL_PADDING + MARGIN_X), height + 2 * MARGIN_Y


class _Points(dict[str, float]):
    """Character -> its width at one size, as met.

    See :func:`char_points`; beyond ASCII, at least as drawn.
    """

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, ch: str) -> float:
        width = char_points(ch, self.size)
        if ord(ch) >= 0x80:  # emoji and symbols draw wider than the estimate
            width = max(width, text_points(ch, self.size))
        self[ch] = width
        return width


_POINTS: dict[float, _Points] = {}
"""Font size -> its characters' widths."""


def _line_points(line: str, size: float) -> float:
    """A line's width at ``size``: the sum of its characters' (looked up once each).

    A line of shaped text (:func:`~argmap.shaping.needs_shaping`) is drawn, and its box
    made, as wide as the shaper sets it, in bold at the most (conjuncts are narrower than
    their letters).
    """
    if needs_shaping(line):
        return text_points(line, size, "B")
    points = _POINTS.get(size)
    if points is None:
        points = _POINTS[size] = _Points(size)
    return sum(map(points.__getitem__, line))
