"""Whether an edge into a breadcrumb's row plainly ends there, or at another row or a corner."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.geometry import Box

if TYPE_CHECKING:
    from argmap.exporters.diagram.trailround import Round

__all__ = ["ALONG", "HALF_ROW", "astray", "outline_distance", "row_at"]

Point = tuple[float, float]

HALF_ROW: Final = 7.6
"""Half a row's height (15.2 points): a tip this near a row's middle is level with it."""

ALONG: Final = 2.5
"""Points from the box's outline within which a line seems to run along it."""

SHORT: Final = 2.0
"""Points short of the box's outline at which an arrow's tip no longer seems to reach it."""

ROUNDING: Final = 12.0
"""The radius of a rounded box's corners, at most (see :mod:`.trailtips`)."""


def outline_distance(trail: Box, p: Point) -> float:
    """How far ``p`` lies from the breadcrumb's rounded outline (negative: inside)."""
    radius = min(ROUNDING, (trail.bottom - trail.top) / 3, (trail.right - trail.left) / 3)
    qx = abs(p[0] - (trail.left + trail.right) / 2) - ((trail.right - trail.left) / 2 - radius)
    qy = abs(p[1] - (trail.top + trail.bottom) / 2) - ((trail.bottom - trail.top) / 2 - radius)
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - radius


def row_at(trail: Box, rows: list[float], y: float) -> int | None:
    """The row (down the box) that height ``y`` is level with, or None between two rows.

    ``rows``: the rows' middles down the box. The first row reaches up to the box's top,
    the last down to its foot, and :data:`ALONG` beyond them.
    """
    for index, middle in enumerate(rows):
        top = trail.top - ALONG if index == 0 else middle - HALF_ROW
        bottom = trail.bottom + ALONG if index == len(rows) - 1 else middle + HALF_ROW
        if top <= y <= bottom:
            return index
    return None


def astray(r: Round, trail: Box, rows: list[float]) -> bool:
    """Whether a reader may take an edge into row ``r.row`` to end at some other row.

    So where its tip falls :data:`SHORT` of the box, or meets it level with another row
    (or between rows, or at a corner of the box that is not its row's), or where its line
    runs along the box's outline or inside it level with another row on its way: at a
    corner, say, and up the side to its row. ``rows``: the rows' middles down the box.
    """
    tip = r.tip
    if outline_distance(trail, tip) > SHORT or row_at(trail, rows, tip[1]) != r.row:
        return True
    return any(
        outline_distance(trail, p) < ALONG and row_at(trail, rows, p[1]) != r.row for p in r.points
    )
