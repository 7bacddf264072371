"""How a bank's rows go into columns and pages: as many columns as a page's width holds."""

from __future__ import annotations

import math
from typing import Final

__all__ = ["COLUMN_ROOM", "Columns", "balanced", "column_count", "column_room", "cut_columns"]

Columns = list[list[int]]
"""A bank page's rows, by index, in its columns: read down the first, then the next."""

COLUMN_ROOM: Final = 300.0
"""The least points a column's statement lines take: about 45 characters at the bank's
size, a newspaper column's measure. A page holds as many columns as keep this much."""

COLUMN_EXTRA: Final = 52.0
"""Points each column past the first takes beyond its names and statements: its cells'
padding and spacing, and the gutter before it."""

SEARCH_STEPS: Final = 40
"""Halvings of the height searched for when the columns of a page are evened out."""


def column_room(width: float, frame: float, names: float, columns: int) -> float:
    """Points a statement's lines take in each of ``columns`` across ``width`` points.

    ``frame``: what one column's bank takes beyond its names and statements; ``names``:
    the widest name (a bank number, a position).
    """
    return (width - frame - (columns - 1) * COLUMN_EXTRA) / columns - names


def column_count(width: float, frame: float, names: float) -> int:
    """The most columns whose statements keep :data:`COLUMN_ROOM` on a page ``width`` wide."""
    count = 1
    while column_room(width, frame, names, count + 1) >= COLUMN_ROOM:
        count += 1
    return count


def cut_columns(heights: list[float], columns: int, room: float) -> list[Columns]:
    """The rows (their ``heights``) cut into pages of ``columns`` columns ``room`` tall.

    In the bank's order, down each column and on to the next, then the next page; a
    row taller than a column has one of its own. The last page's columns are evened
    out (see :func:`balanced`), so a short bank reads as one block, not one long column.
    """
    pages: list[Columns] = []
    page: Columns = [[]]
    used = 0.0
    for index, height in enumerate(heights):
        if page[-1] and used + height > room:
            if len(page) == columns:
                pages.append(page)
                page = []
            page.append([])
            used = 0.0
        page[-1].append(index)
        used += height
    rows = [index for column in page for index in column]
    return [*pages, balanced(rows, heights, columns)]


def balanced(rows: list[int], heights: list[float], columns: int) -> Columns:
    """``rows`` (in order) in at most ``columns`` columns, the tallest as short as it may be."""
    if columns == 1 or len(rows) < 2:
        return [rows]
    low = max(heights[i] for i in rows)
    high = sum(heights[i] for i in rows)
    if len(_filled(rows, heights, low)) <= columns:
        return _filled(rows, heights, low)
    for _ in range(SEARCH_STEPS):  # low fails, high fits
        middle = (low + high) / 2
        if len(_filled(rows, heights, middle)) <= columns:
            high = middle
        else:
            low = middle
        if math.isclose(low, high, abs_tol=0.5):
            break
    return _filled(rows, heights, high)


def _filled(rows: list[int], heights: list[float], limit: float) -> Columns:
    """``rows`` down columns of at most ``limit`` points each (a taller row alone)."""
    out: Columns = [[]]
    used = 0.0
    for index in rows:
        if out[-1] and used + heights[index] > limit:
            out.append([])
            used = 0.0
        out[-1].append(index)
        used += heights[index]
    return out
