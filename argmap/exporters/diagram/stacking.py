"""Wide sets of siblings wrapped into rows (pages) or leaves into columns, as planned and drawn."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence, Set
from operator import itemgetter
from typing import Final, NamedTuple

from argmap.exporters.diagram.dot import Digraph, near_side
from argmap.exporters.diagram.rowholds import grid_holds, leaf_holds
from argmap.exporters.diagram.trailname import TRAIL
from argmap.model import Node, Relation

__all__ = [
    "NODESEP",
    "RANKSEP",
    "STACK_COLUMNS",
    "TRAIL",
    "LOOSE",
    "TIGHT",
    "GroupRows",
    "Item",
    "Wrap",
    "group_item",
    "group_layout",
    "group_rows",
    "lowest",
    "merged",
    "note_rows",
    "row_ports",
    "row_width",
    "rows_ranks",
    "rows_width",
    "stack_columns",
    "stack_leaves",
    "wrap_rows",
]

NODESEP: Final = 0.35 * 72
"""The gap between neighbours on a rank, in points (the graph's ``nodesep``)."""
RANKSEP: Final = round(0.55 * 72)
"""The gap between ranks, in points: the graph's ``ranksep`` (0.55 in, 39.6 pt), which the engine
rounds to whole points (each rank measured 0.4 pt further; five rows came out 2-4 pt taller)."""
PASSING: Final = 2.5 * NODESEP
"""The room an edge from a lower row takes as it passes a row on its way to the parent."""

STACK_COLUMNS: Final = 2
"""Leaves of one parent beyond this many are stacked in columns, keeping wide maps slide-shaped."""
TIGHT, LOOSE = 1, 2
"""How sets of single boxes go in compact blocks: as narrow as they go, or in two columns."""

STACK_SPANS: Final = 4000
"""The ranks the edges of one stacked block pass in all, at most (see :func:`stack_columns`)."""


def stack_columns(leaves: int) -> int:
    """Columns to stack ``leaves`` sibling leaves in: two, or a square's side for many.

    Two columns keep a handful of evidence slide-shaped; for dozens, a square block keeps the
    chains of invisible edges short, which the layout engine needs (200 leaves in two columns took
    it 12 s, in fifteen 0.3 s). Each leaf's edge passes every row above its own, and the engine
    pays for each rank an edge passes: a square of hundreds grows as its cube (1,500 premises of
    one thesis: 39 rows, 30 s; 2,000: 63 s). So a block is never so deep that its edges pass more
    than :data:`STACK_SPANS` ranks in all: wider, in fewer rows (1,500 leaves: 6 rows of 250, 2 s).
    """
    if leaves <= 9:
        return STACK_COLUMNS
    most_rows = 2 * STACK_SPANS // leaves + 1  # rows r: about leaves * (r - 1) / 2 passed
    return max(math.ceil(math.sqrt(leaves)), math.ceil(leaves / most_rows))


def stack_leaves(
    g: Digraph, shown: list[Node], visible: Set[str], rowed: Set[str] = frozenset()
) -> None:
    """Stack a node's many leaf children in columns with invisible edges.

    Graphviz puts all siblings in one row, so a premise with six pieces of evidence
    makes the map six boxes wide. Chaining every leaf to the one ``STACK_COLUMNS``
    before it turns the row into columns. Not the children of a parent in ``rowed``:
    they are wrapped into rows (see :mod:`~.widerows`). Nor an undercutter (aimed at a
    link) nor a conclusion (drawn above its parent: it took the evidence up with it).
    """
    has_children = {node.parent for node in shown if node.parent is not None}
    leaves: dict[str, list[str]] = {}
    for node in shown:
        if (
            node.parent is not None
            and node.parent in visible
            and node.parent not in rowed
            and node.id not in has_children
            and node.group is None
            and node.relation not in (None, Relation.UNDERCUTS)  # (None: a conclusion)
        ):
            leaves.setdefault(node.parent, []).append(node.id)
    for siblings in leaves.values():
        columns = stack_columns(len(siblings))
        weight = "0" if columns == STACK_COLUMNS else "20"  # many: held straight, not slanted
        for i in range(columns, len(siblings)):
            g.edge(siblings[i], siblings[i - columns], {"style": "invis", "weight": weight})


class Item(NamedTuple):
    """One thing in a row of siblings: a child's block, a linked group's, or a stub.

    Attributes:
        name: what the graph calls its top (a node id, or a stub's name).
        width: along the rank, in points.
        ranks: the height of each rank its block spans, from its top down. The engine
            makes a rank as tall as its tallest box anywhere, so blocks side by side
            merge their ranks (see :func:`merged`).
        deepest: the name of a node on its block's lowest rank.
        own: the width of its top box alone (0: the block's width).
        below: the width of the rows of children under its top box (0: none).
        rows: how many rows its top box's children are wrapped into (0 or 1: not wrapped).
        base: the width of its lowest rank, where its children's last row is of single
            boxes (0: not known, take its width). Something the engine puts on that rank
            beside it (the overview's key) takes room the rows above leave there.
        whole: its block is a leaf, or a node and all it holds, every one drawn (no stub):
            rows of siblings may follow it (see :func:`rows_ranks`).
        branches: its children wrap into rows, the first of branches several ranks deep
            (not single boxes): the key may go beside its box (see ``Around.key``).
    """

    name: str
    width: float
    ranks: tuple[float, ...]
    deepest: str
    own: float = 0.0
    below: float = 0.0
    rows: int = 0
    base: float = 0.0
    whole: bool = False
    branches: bool = False

    @property
    def levels(self) -> int:
        """How many ranks the block spans."""
        return len(self.ranks)

    @property
    def height(self) -> float:
        """Across ranks, in points."""
        return sum(self.ranks) + RANKSEP * (len(self.ranks) - 1)


_WIDTH: Final[Callable[[Item], float]] = itemgetter(1)
"""An :class:`Item`'s width (its second field), for sums over rows."""


def merged(items: Sequence[Item]) -> tuple[float, ...]:
    """The ranks of blocks side by side: each as tall as the tallest of theirs there."""
    if len(items) == 1:
        return items[0].ranks
    every = [item.ranks for item in items]
    depth = max(map(len, every))
    if depth == 1:  # a row of single boxes
        return (max([ranks[0] for ranks in every]),)
    return tuple(max([r[i] for r in every if i < len(r)]) for i in range(depth))


def group_rows(heads: Sequence[Item], fit: float) -> list[list[Item]] | None:
    """A linked group's boxes in rows inside its box, when side by side wider than ``fit``.

    Rows in file order, as many boxes each as fit, evenly filled where the even rows fit
    too (None: one row fits). An upright page is narrower than two statements side by
    side; in rows, the group still reads as one box joined by one arrow to what it
    supports.
    """
    if len(heads) < 2 or row_width(list(heads)) <= fit:
        return None
    rows = _greedy(list(heads), fit)
    size = math.ceil(len(heads) / len(rows))
    even = [list(heads[i : i + size]) for i in range(0, len(heads), size)]
    return even if max(row_width(row) for row in even) <= fit else rows


class GroupRows(NamedTuple):
    """A linked group drawn in rows: its boxes' rows, then its members' children's rows.

    Attributes:
        heads: the members' boxes, in rows inside the group's box.
        tails: each member's children (as one item, named after the member), in rows
            below the group's box: side by side if they fit, else a row each, the
            last member's first.
        lanes: the room the edges of the children of higher rows take as they pass
            the group's lower rows.
    """

    heads: list[list[Item]]
    tails: list[list[Item]]
    lanes: float


def group_layout(members: list[Item], fit: float) -> GroupRows | None:
    """How a linked group's members (their blocks) are drawn in rows (None: side by side)."""
    heads = [Item(m.name, m.own or m.width, m.ranks[:1], m.name) for m in members]
    rows = group_rows(heads, fit)
    if rows is None:
        return None
    last = {item.name for item in rows[-1]}
    tails = [Item(m.name, m.below or m.width, m.ranks[1:], m.deepest) for m in members if m.below]
    lanes = PASSING * len([t for t in tails if t.name not in last])
    # In rows, the lowest member's children first: the edges of those further down go
    # up round them, outside, to their higher member, crossing none.
    below = wrap_rows(tails, fit - lanes) if tails else []
    return GroupRows(rows, below if len(below) < 2 else [[t] for t in reversed(tails)], lanes)


def group_item(members: list[Item], fit: float, box: tuple[float, float] = (0, 0)) -> Item:
    """A linked group's members (their blocks) as one item: side by side, or in rows.

    In rows (see :func:`group_layout`), the members' children hang below the last row,
    and the edges of those of a higher row pass the rows below it. ``box``: its box's
    margin and caption's line (:data:`~.grouprows.GROUP_BOX`), round rows, or along one.
    """
    layout = group_layout(members, fit)
    name, pad = members[0].name, box[0]
    whole = all(m.whole for m in members)  # every member drawn with all it holds
    if layout is None:
        own, *rest = merged(members)
        ranks = (own + 2 * pad, *rest)
        return Item(name, row_width(members), ranks, lowest(members).deepest, whole=whole)
    width = max(row_width(row) for row in layout.heads) + 2 * pad + box[1]
    first, *inner, last = (max(h.ranks[0] for h in row) for row in layout.heads)  # 2 or more
    ranks = (first + pad, *inner, last + pad)
    if not layout.tails:
        return Item(name, width + layout.lanes, ranks, layout.heads[-1][0].name, whole=whole)
    width = max(width, rows_width(layout.tails)) + layout.lanes
    ranks += rows_ranks(layout.tails)
    return Item(name, width, ranks, lowest(layout.tails[-1]).deepest, whole=whole)


class Wrap(NamedTuple):
    """A parent's children wrapped into rows, each row held below the one before.

    Attributes:
        parent: the parent's id (:data:`TRAIL` for the tops of a continued page).
        rows: the names of each row's items, in file order.
        holds: (item, anchor) pairs: each item of a later row is ranked below its anchor.
        weight: how hard each hold also pulls its item in line under its anchor.
        columns: a grid's holds under its columns' boxes (:func:`~.rowholds.is_grid`).
        places: weightless holds that keep the anchor's place along its row (a group's).
    """

    parent: str
    rows: tuple[tuple[str, ...], ...]
    holds: tuple[tuple[str, str], ...]
    weight: int = 1
    columns: tuple[tuple[str, str], ...] = ()
    places: tuple[tuple[str, str], ...] = ()


def wrap_rows(items: list[Item], limit: float, compact: int = 0) -> list[list[Item]]:
    """Items in file order, in rows that fit ``limit`` with the edges passing through them.

    The edges of a later row run up between the boxes of the rows before, each taking a
    gap of its own (see :func:`rows_width`); rows are made narrower until they fit, or
    hold one item each. ``compact``: more than two single boxes (leaves, stubs) go in a
    block: rows of :func:`stack_columns` where they fit with their edges passing
    (:data:`LOOSE`), else no wider than one such row (mostly a box a row, a staircase).
    """
    if compact and len(items) > 2 and all(len(item.ranks) == 1 for item in items):
        size = stack_columns(len(items))
        block = [items[i : i + size] for i in range(0, len(items), size)]
        if compact == LOOSE and rows_width(block) <= limit:
            return block
        limit = min(limit, row_width(block[0]))
    elif row_width(items) <= limit:  # one row: no edge passes another row
        return [list(items)]
    rows = _greedy(items, limit)
    target = limit
    for _ in range(8):
        over = rows_width(rows) - limit
        if over <= 0 or all(len(row) == 1 for row in rows):
            break
        target -= max(over, NODESEP)
        rows = _greedy(items, target)
    # As many rows, evenly filled: no row of one left under a full one.
    size = math.ceil(len(items) / len(rows))
    even = [items[i : i + size] for i in range(0, len(items), size)]
    return even if len(even) == len(rows) and rows_width(even) <= limit else rows


def _greedy(items: list[Item], limit: float) -> list[list[Item]]:
    """Items in file order, in rows no wider than ``limit`` (a row holds one at least)."""
    rows: list[list[Item]] = []
    width = 0.0
    for item in items:
        if rows and width + NODESEP + item.width <= limit:
            rows[-1].append(item)
            width += NODESEP + item.width
        else:
            rows.append([item])
            width = item.width
    return rows


def rows_width(rows: list[list[Item]]) -> float:
    """The width of wrapped rows: each row, and room for every edge from rows below it.

    The engine curves such an edge round the boxes it passes, wider than a plain gap.
    """
    if len(rows) == 1:  # the usual case; ``PASSING * 0`` would add nothing
        return row_width(rows[0])
    after = sum(map(len, rows))
    widest = 0.0
    for row in rows:
        after -= len(row)
        widest = max(widest, row_width(row) + PASSING * after)
    return widest


def rows_ranks(
    rows: list[list[Item]], stacked: bool = False, whole: bool = True
) -> tuple[float, ...]:
    """The ranks of wrapped rows, one row below the other; infinite below a deep block.

    Rows follow rows of single boxes (stubs and leaves), their edges passing up the gaps.
    Below a row with a block drawn several ranks deep, the edges of the rows below pass
    round the block's side; rows follow such a row only where
    - ``whole``: each of its deep blocks is a node with all it holds, every one drawn (a
      reason with its evidence: a list of them took a page a row, each half empty; a
      reason with its evidence, objection and rebuttal left a linked group of two to a
      page of its own). Not blocks with stubs: siblings taken bare in rows, each with
      its evidence left as a stub, were parted from it;
    - ``stacked`` (upright pages): it holds one deep block (a page's width holds about
      one such block: else each sibling's took a page of its own).
    """
    if len(rows) == 1:
        return merged(rows[0])
    for row in rows[:-1]:
        deep = [item for item in row if len(item.ranks) > 1]
        if not deep or (stacked and len(row) == 1) or (whole and all(i.whole for i in deep)):
            continue
        return (math.inf,)
    return tuple([height for row in rows for height in merged(row)])


def row_width(row: list[Item]) -> float:
    """A row's width: its items side by side."""
    return sum(map(_WIDTH, row)) + NODESEP * (len(row) - 1)


def lowest(row: list[Item]) -> Item:
    """The item of a row whose block reaches lowest (the first of the deepest)."""
    return max(row, key=lambda item: len(item.ranks))


def note_rows(parent: str, rows: list[list[Item]], wraps: list[Wrap], lined: bool = False) -> None:
    """Record a parent's rows, and what holds each row below the one before.

    Below rows of single boxes (leaves and stubs), each item hangs in a gap of a longer
    row above, or under a box of a row as long (see :func:`~.rowholds.leaf_holds`); below
    deeper blocks, the same, each block standing for its lowest node (all hung below one
    node, a row went off to a side, its edges round the row above, wider than planned).
    ``lined``: a grid's shorter last row in its columns (see :func:`~.rowholds.grid_holds`).
    """
    if len(rows) == 1 and len(rows[0]) == 1:
        return
    holds: list[tuple[str, str]] = []
    names = tuple(tuple(item.name for item in row) for row in rows)
    for depth in range(1, len(rows)):
        above = rows[depth - 1]
        if all(item.levels == 1 for item in above):
            holds += leaf_holds(names[depth], names[:depth])
        else:  # as below boxes, each block standing for its lowest node
            holds += leaf_holds(names[depth], (tuple(item.deepest for item in above),))
    boxes = all(item.levels == 1 for row in rows[:-1] for item in row)
    widths = [[item.width for item in row] for row in rows]
    holds, columns = grid_holds(names, widths, holds, (boxes, lined), (NODESEP, PASSING))
    wraps.append(Wrap(parent, names, tuple(holds), columns=columns))


def row_ports(
    wraps: Sequence[Wrap], nodes: Collection[str], direction: str, keyed: str = ""
) -> dict[str, str]:
    """Parent id -> the side of it where the edges of its children in rows end (a compass point).

    A page with rows draws its edges as straight runs (see ``PageStubs.add_parts``); each
    run into a parent aims at its centre and stops at its box, and a bend of the run must
    lie in the room beside the parent. Where a taller box beside the parent makes its rank
    deeper than it, the runs from children further out bend at one corner of that room and
    run in together (the first one in crossing the others there). Ended at one point, the
    middle of the parent's near side, they fan in to it, each on its own line. So do the
    edges of two rows or more (those of the lower rows come from further out), and of one
    row under ``keyed``, the node the key is drawn beside (the key is taller than most);
    a single row's edges under another parent run straight up, spread along its side.
    Left to right (``LR``, ``RL``), rows are columns, and one column, taller than its
    parent, fans in to it too.
    """
    side = near_side(direction)
    return {
        w.parent: side
        for w in wraps
        if (len(w.rows) > 1 or w.parent == keyed or side in ("e", "w")) and w.parent in nodes
    }
