"""The breadcrumb as planned: its size, in a rank of its own or beside the page's tops."""

from __future__ import annotations

from typing import Final

from argmap.exporters.diagram.stacking import NODESEP, RANKSEP

__all__ = ["TRAIL_ACROSS_WIDTH", "TRAIL_COLUMN", "TRAIL_ROW", "TRAIL_WIDTH", "with_trail"]

TRAIL_WIDTH: Final = 330.0
TRAIL_ROW: Final = 15.0
"""The breadcrumb above a continued branch: one box, a row per ancestor."""
TRAIL_ACROSS_WIDTH: Final = 240.0
TRAIL_COLUMN: Final = "trail column"
"""Left to right, a breadcrumb's rows are no wider than a column of boxes; on a page
without room for a column of its own, it sits in the column of the page's tops; the
page's rows record that as a row set of this name (see :func:`with_trail`)."""


def with_trail(
    rows: int,
    drawing: tuple[float, float],
    first: float,
    room: tuple[float, float],
    horizontal: bool,
    column_ok: bool = True,
) -> tuple[float, float, bool]:
    """A drawing's size with its breadcrumb of ``rows`` rows, and whether it is a column's.

    Sizes run across ranks and along them. The breadcrumb takes a rank of its own before
    the tops; drawn left to right, where that does not fit ``room``, it goes in the tops'
    rank (of size ``first`` along) before them instead, if that is smaller (and
    ``column_ok``: not beside a linked group's box, which its arrow would have to cross).
    """
    width, height = drawing
    if not horizontal:
        return max(width, TRAIL_WIDTH), height + rows * TRAIL_ROW + 14 + RANKSEP, False
    across = rows * TRAIL_ROW + 14
    own = (max(width, across), height + TRAIL_ACROSS_WIDTH + RANKSEP)
    if not column_ok or (own[0] <= room[0] and own[1] <= room[1]):
        return (*own, False)
    beside = (width + across + NODESEP, height + max(0.0, TRAIL_ACROSS_WIDTH - first))
    if max(beside[0] / room[0], beside[1] / room[1]) < max(own[0] / room[0], own[1] / room[1]):
        return (*beside, True)
    return (*own, False)
