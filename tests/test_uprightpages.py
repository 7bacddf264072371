"""Upright pages: rows of tops keep the shape that fits, leaves share their siblings' page."""

from __future__ import annotations

from argmap.exporters.diagram.pagetrailsize import by_trail_rows
from argmap.exporters.diagram.stacking import Item, rows_width


def test_tops_placed_by_their_breadcrumb_rows_keep_the_rows_shape() -> None:
    """A wide top over two narrower ones hung from another breadcrumb row: wrapped as one
    box over two, they were placed again as two over one, wider than the page (upright
    Letter, the flagship: a lone undercutter on a page of its own, its sibling's page
    drawing the other leaf with room beside it)."""
    wide, left = Item("w", 256.0, (120.0,), "w"), Item("l", 234.0, (120.0,), "l")
    right = Item("r", 243.0, (120.0,), "r")
    rows = [[wide], [left, right]]
    placed = by_trail_rows(rows, {"w": 16, "l": 22, "r": 22})
    assert [len(row) for row in placed] == [1, 2]
    assert rows_width(placed) == rows_width(rows)
