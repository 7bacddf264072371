"""The breadcrumb as planned: its size and place; its tops placed by the rows they hang from."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.rowholds import in_gap, under_box
from argmap.exporters.diagram.stacking import NODESEP, RANKSEP, Item, Wrap, rows_width

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Estimator

__all__ = [
    "TRAIL_ACROSS_WIDTH",
    "TRAIL_COLUMN",
    "TRAIL_ROW",
    "TRAIL_WIDTH",
    "across_trail_rows",
    "below_trail_fit",
    "by_trail_rows",
    "crowds_trail",
    "in_trail_column",
    "trail_width",
    "with_trail",
]

TRAIL_WIDTH: Final = 330.0
TRAIL_ROW: Final = 15.0
"""The breadcrumb above a continued branch: one box, a row per ancestor."""
TRAIL_ACROSS_WIDTH: Final = 240.0
NARROW_TRAIL_WIDTH: Final = 190.0
"""Left to right on a narrow page (see :func:`~.measure.narrow_page`): a narrow box's width."""
ROW_TIPS: Final = 4
"""Arrows a row of a breadcrumb in its tops' column takes in its side: their tips 4.7
points apart over its height (see :data:`~.trailtips.ROW_SPAN`); five would touch."""
TRAIL_COLUMN: Final = "trail column"
"""Left to right, a breadcrumb's rows are no wider than a column of boxes; on a page
without room for a column of its own, it sits in the column of the page's tops; the
page's rows record that as a row set of this name (see :func:`with_trail`)."""


def trail_width(horizontal: bool, narrow: bool = False) -> float:
    """The breadcrumb's width: a page's across, a column's left to right (narrow or not)."""
    if not horizontal:
        return TRAIL_WIDTH
    return NARROW_TRAIL_WIDTH if narrow else TRAIL_ACROSS_WIDTH


def below_trail_fit(
    planner: Estimator, unit: tuple[str, ...], block: Mapping[str, Item]
) -> dict[str, float]:
    """The width a linked group's boxes may take side by side right below the breadcrumb.

    Top-down, the group's arrow leaves from its first member's box, and the breadcrumb
    sits centred over it: half of what it is wider than that member's block (the box
    centred over what hangs below it) juts out past the group's box. Returns the
    group's name (and "") -> the planner's width for a group, less that.
    """
    group = planner.node[unit[0]].group
    if group is None:
        return {}
    fit = planner.group_fit - max(0.0, (TRAIL_WIDTH - block[unit[0]].width) / 2)
    return {group: fit, "": fit}


def in_trail_column(wraps: Sequence[Wrap]) -> bool:
    """Whether a page's rows (``wraps``) put its breadcrumb in its tops' column."""
    return any(wrap.parent == TRAIL_COLUMN for wrap in wraps)


def crowds_trail(tops: Sequence[str], parent: Mapping[str, str | None]) -> bool:
    """Whether tops would pile their arrowheads at a row of a breadcrumb in their column.

    Their arrows go round the column to their rows' side (the first one's straight up
    into the breadcrumb's foot, where they all hang from one row), their tips spread
    over the row's height: :data:`ROW_TIPS` a row at most (six tops of one row on an
    upright slide: four pairs of arrowheads touching).
    """
    count = Counter(parent[top] for top in tops)
    return max(count.values(), default=0) - (len(count) == 1) > ROW_TIPS


def with_trail(
    rows: int,
    drawing: tuple[float, float],
    first: float,
    room: tuple[float, float],
    horizontal: bool,
    column_ok: bool = True,
    narrow: bool = False,
) -> tuple[float, float, bool]:
    """A drawing's size with its breadcrumb of ``rows`` rows, and whether it is a column's.

    Sizes run across ranks and along them. The breadcrumb takes a rank of its own before
    the tops; drawn left to right, where that does not fit ``room``, it goes in the tops'
    rank (of size ``first`` along) before them instead, if that is smaller (and
    ``column_ok``: not beside a linked group's box, which its arrow would have to cross).
    A ``narrow`` page's breadcrumb is narrower (see :func:`trail_width`).
    """
    width, height = drawing
    if not horizontal:
        return max(width, TRAIL_WIDTH), height + rows * TRAIL_ROW + 14 + RANKSEP, False
    across = rows * TRAIL_ROW + 14
    along = trail_width(horizontal, narrow)
    own = (max(width, across), height + along + RANKSEP)
    if not column_ok or (own[0] <= room[0] and own[1] <= room[1]):
        return (*own, False)
    beside = (width + across + NODESEP, height + max(0.0, along - first))
    if max(beside[0] / room[0], beside[1] / room[1]) < max(own[0] / room[0], own[1] / room[1]):
        return (*beside, True)
    return (*own, False)


def by_trail_rows(
    rows: list[list[Item]], row_of: Mapping[str, int], limit: float = math.inf
) -> list[list[Item]]:
    """Wrapped tops that hang from several of the breadcrumb's rows, placed by those rows.

    In file order, tops of different rows mix in the wrapped rows, and their edges reach
    the breadcrumb in an order that has nothing to do with its rows: they cross on the
    way in (see :func:`~.trailnest.nest`). Taken by the row they hang from (``row_of``:
    an item's name -> its row), each row's in file order, the tops fill the same shape
    column by column: the outer columns first, left and right in turn, each down from
    its higher rows, then the middle column; from the middle on, each column goes down
    from its lowest rows (the breadcrumb's last row is drawn into from below, by the
    middle column's top). Counted on generated maps, that order lets the edges reach the
    breadcrumb with the outer ones going to its higher rows on each side, most often.
    Rows hanging from one row of the breadcrumb, one row of tops, or rows with a block
    (a top with its children, last: see :func:`~.stacking.rows_ranks`) are kept as they are.
    The columns fill from the first row down; where a row is longer than one above it and
    that comes out wider than ``limit`` (see :func:`~.stacking.rows_width`), each column
    goes down the rows that have a box in it, as wrapped: a wide box over two narrower,
    placed as two over one, was too wide for an upright page, and its planner sent a
    third leaf to a page of its own.
    """
    items = [item for row in rows for item in row]
    if len(rows) < 2 or len({row_of[item.name] for item in items}) < 2:
        return rows
    if any(item.levels > 1 for item in items):  # a block below boxes would loop round them
        return rows
    ranked = sorted(items, key=lambda item: row_of[item.name])  # each row's in file order
    count = max(map(len, rows))
    heights = [sum(1 for row in rows if len(row) > column) for column in range(count)]
    turns = [c for pair in zip(range(count), range(count - 1, -1, -1), strict=True) for c in pair]
    fill = list(dict.fromkeys(turns))[:count]  # outer columns first, the middle last
    columns: list[list[Item]] = [[] for _ in range(count)]
    done = 0
    for column in fill:
        columns[column] = ranked[done : done + heights[column]]
        done += heights[column]
    for column in range(fill[-1], count):  # the lowest rows first, each row's in file order
        columns[column] = sorted(columns[column], key=lambda item: -row_of[item.name])
    order = {item.name: i for i, item in enumerate(items)}
    placed = [
        [columns[c][r] for c in range(count) if r < len(columns[c])] for r in range(len(rows))
    ]
    placed = _read_in_order(placed, row_of, order)
    if rows_width(placed) <= limit:
        return placed
    placed = [[] for _ in rows]
    for c, down in enumerate(columns):  # down the rows that have a c-th item: the shape kept
        for r, item in zip([r for r, row in enumerate(rows) if len(row) > c], down, strict=True):
            placed[r].append(item)
    return _read_in_order(placed, row_of, order)


def across_trail_rows(rows: list[list[Item]], row_of: Mapping[str, int]) -> list[list[Item]]:
    """Left to right: wrapped tops hanging from several breadcrumb rows, placed by those rows.

    The breadcrumb sits left of the tops, its rows one below the other, and every edge
    ends on its right side at its row. Two edges from one column (``rows[k]``) whose rows
    (``row_of``) come out of order down it must cross; so must a later column's edge that
    passes the first column between two boxes whose edges go to rows on one side of its
    own (a 400-node map on A4: rows 5, 6, 6, 10 down the first column, 9, 11, 11 down the
    second, its edges in the first's gaps, the 9 between the 5 and the 6s). So where a
    column, or the order the edges pass the first column, is out of order, the places are filled
    again with the tops by their rows, in the order their edges pass the first column:
    its boxes, and beside each the edges of the later columns' tops held by it (see
    :func:`~.stacking.note_rows`); each row's tops then take its places in file order as
    one reads (down a column, then the next). A block (a top with its children) stays in
    the last column: there each column only goes down by its rows, keeping its tops.
    One column goes down by its tops' rows, each row's in file order (file order alone
    put a conclusion drawn from a higher row below the tops of lower ones: the conclusions
    come last in an entry). Kept as they are: columns in order, passing the first in
    order, tops of one row, or a block before the last column.
    """
    items = [item for row in rows for item in row]
    if len({row_of[item.name] for item in items}) < 2:
        return rows
    if len(rows) == 1:  # one column: down it by its rows (a conclusion is last in the file)
        return [sorted(rows[0], key=lambda item: row_of[item.name])]
    hung = [[row_of[item.name] for item in row] for row in rows]
    ordered = all(column == sorted(column) for column in hung)
    if ordered and any(item.levels > 1 for row in rows for item in row):
        return rows  # (beside a block, no edge passes it in a gap)
    if any(item.levels > 1 for row in rows[:-1] for item in row):
        return rows
    if any(item.levels > 1 for item in rows[-1]):  # blocks stay last: each column by its rows
        return [sorted(row, key=lambda item: row_of[item.name]) for row in rows]
    first = len(rows[0])
    places: list[tuple[float, int, int]] = [(float(i), 0, i) for i in range(first)]
    for k, row in enumerate(rows[1:], start=1):
        for i in range(len(row)):
            if len(row) < first:  # between two boxes of the first column
                passing = in_gap(first, i, len(row)) + 0.5
            else:  # beside one, centred: its edge passes just after it
                passing = under_box(first, i, len(row)) + 0.5
            places.append((passing, k, i))
    places.sort()
    # Held under a box, a later column's edge passes the first's in order; in a gap, it
    # must go to a row between those of the boxes round the gap.
    past = [hung[k][i] for _, k, i in places if k == 0 or len(rows[k]) < first]
    if ordered and past == sorted(past):  # the engine passes them in order
        return rows
    ranked = iter(sorted(items, key=lambda item: row_of[item.name]))
    placed = [list(row) for row in rows]
    for _, k, i in places:
        placed[k][i] = next(ranked)
    return _read_in_order(placed, row_of, {item.name: i for i, item in enumerate(items)})


def _read_in_order(
    rows: list[list[Item]], row_of: Mapping[str, int], order: Mapping[str, int]
) -> list[list[Item]]:
    """``rows`` with the tops of each breadcrumb row put back in file order as one reads.

    Each breadcrumb row keeps the places its tops were given; within them its tops go in
    file order left to right, then row by row, so siblings read in order wherever their
    places are. ``order``: an item's name -> its place in file order.
    """
    places: dict[int, list[tuple[int, int]]] = {}
    kept: dict[int, list[Item]] = {}
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            places.setdefault(row_of[item.name], []).append((r, c))
            kept.setdefault(row_of[item.name], []).append(item)
    result = [list(row) for row in rows]
    for hung, cells in places.items():
        in_file = sorted(kept[hung], key=lambda item: order[item.name])
        for (r, c), item in zip(sorted(cells), in_file, strict=True):
            result[r][c] = item
    return result
