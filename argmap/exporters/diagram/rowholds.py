"""What holds each row of wrapped siblings below the one before: in gaps, or in a grid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.dot import Digraph, attrs

if TYPE_CHECKING:
    from argmap.exporters.diagram.stacking import Wrap

__all__ = [
    "GRID_SLACK",
    "LANE_SHARE",
    "ROW_WEIGHT",
    "among_rows",
    "column_holds",
    "gap_holds",
    "grid_holds",
    "hold_row",
    "hold_rows",
    "in_gap",
    "is_grid",
    "lane_order",
    "last_in_columns",
    "leaf_holds",
    "run_columns",
    "under_box",
]

GRID_SLACK: Final = 60.0
"""How much wider than the narrowest a box of a grid's column may be, in points (see
:func:`is_grid`): held in line, a column is as wide as its widest box, and a page's rows
wider than planned cost pages (statements of a few words, of all widths: 4% more)."""
LANE_SHARE: Final = 0.5
"""How much of the room planned for the edges from a grid's lower rows its first row must
be as wide as, at least (see :func:`is_grid`). A page going on down a list of evidence
(two columns of statements of a sentence or two, eight edges from below) has a first
row of 0.85-0.95 of that room, and held in columns is drawn narrower than planned (A4:
its boxes span 780-820 points, planned 966); a hundred one-word reasons, a quarter of
it, came out wider."""
ROW_WEIGHT: Final = 20
"""How hard the rows of a grid (see :func:`is_grid`) are held in line under each other:
their boxes stay in columns. Held by the engine's default (1), the edges from lower rows
passing up between the columns pushed each row's boxes apart by as many edges as passed
it: the rows came out narrower row by row, a staircase."""
_INVISIBLE: Final = attrs({"style": "invis"})
"""An edge that only holds nodes in place."""


def is_grid(
    widths: Sequence[Sequence[float]],
    boxes: bool,
    lanes: tuple[float, float] | None = None,
    slack: float = GRID_SLACK,
) -> bool:
    """Whether a parent's rows are a grid, whose items are held in their columns.

    A grid: rows of single boxes (``boxes``), two or more long, each as long as the first
    but the last, each column's boxes as wide as each other (within ``slack``). A column
    of rows of one box each is none: held in line, it sent the edges of its lower boxes
    round the ones above (laid out freely, each box steps aside for the edges passing it).
    Nor are columns of boxes of widths further apart than ``slack``.

    A full last row's boxes may be narrower than the rest of their column (held under
    it, a narrower box widens nothing): the stub of the siblings that go on, at the end
    of a page of evidence, left each such page laid out freely, a staircase.

    ``lanes``: the gap between boxes and the room planned for each edge that passes a
    row. Nor is a grid one whose first row is narrower than :data:`LANE_SHARE` of the
    room its rows' edges take: held in columns, every edge from the rows below runs up
    the gutters, which the engine widens for each more than planned. Where that room is
    most of the width (a hundred one-word reasons in six rows of three, their first row
    a quarter of it), the page came out wider than planned, page after page, and the
    plans that cut it down left pages of one reason each.
    """
    lengths = list(map(len, widths))
    if len(lengths) < 2 or not boxes or lengths[0] < 2:
        return False
    if lanes is not None:
        gap, passing = lanes
        first = sum(widths[0]) + gap * (lengths[0] - 1)
        if first < LANE_SHARE * passing * sum(lengths[1:]):
            return False
    full = [row for row in widths if len(row) == lengths[0]]
    if len(full) < len(lengths) - 1:
        return False
    whole = len(full) == len(lengths)  # the last row as long as the first: apart
    columns = list(zip(*(full[:-1] if whole else full), strict=True))
    if any(max(column) - min(column) > slack for column in columns):
        return False
    last = full[-1] if whole else ()  # each narrower than its column, or wider by the slack
    return all(max(w, *c) - min(c) <= slack for w, c in zip(last, columns, strict=whole))


def grid_holds(
    rows: Sequence[Sequence[str]],
    widths: Sequence[Sequence[float]],
    holds: Sequence[tuple[str, str]],
    how: tuple[bool, bool],
    lanes: tuple[float, float],
) -> tuple[list[tuple[str, str]], tuple[tuple[str, str], ...]]:
    """A parent's rows' holds, and those of them that keep a grid's boxes in columns.

    ``widths``: the rows' items' widths; ``how``: whether the rows are of single boxes
    (see :func:`is_grid`), and whether a grid's shorter last row goes in its first
    columns (:func:`last_in_columns`); ``lanes``: as :func:`is_grid` takes them. Rows
    that are no grid may be two (see :func:`run_columns`).
    """
    boxes, lined = how
    if not is_grid(widths, boxes, lanes):
        return list(holds), run_columns(rows, widths, holds, lanes) if boxes else ()
    holds = last_in_columns(rows, holds) if lined else list(holds)
    return holds, column_holds(rows, holds)


def run_columns(
    rows: Sequence[Sequence[str]],
    widths: Sequence[Sequence[float]],
    holds: Sequence[tuple[str, str]],
    lanes: tuple[float, float],
) -> tuple[tuple[str, str], ...]:
    """The holds in columns of rows of single boxes that change length once: two grids.

    Statements of unlike widths wrap into shorter rows at the top, where the edges of
    more rows pass (two, two, two, then three and three, on a slide going on down a list
    of evidence): no grid, laid out freely they came out a staircase. Each run of two
    rows or more is held in columns of its own where it is a grid (see :func:`is_grid`),
    the upper one with room for the edges of the lower run too.
    """
    cut = next((i for i in range(1, len(rows)) if len(rows[i]) != len(rows[0])), 0)
    lower = widths[cut:]
    if cut < 2 or len(lower) < 2 or len({len(row) for row in lower}) > 1:
        return ()
    passing = [width for row in lower for width in row]  # a last row, its edges passing
    if not (is_grid([*widths[:cut], passing], True, lanes) and is_grid(lower, True, lanes)):
        return ()
    return column_holds(rows[:cut], holds) + column_holds(rows[cut:], holds)


def column_holds(
    rows: Sequence[Sequence[str]], holds: Sequence[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The holds that hang an item under the box of its column in the row above.

    Not those of an item hung in a gap (held by the two boxes of each row above), nor of
    one of a last row longer than the rows above under a box of another column.
    """
    at = {name: (r, c) for r, row in enumerate(rows) for c, name in enumerate(row)}
    anchors = Counter(item for item, _ in holds)
    return tuple(
        (item, anchor)
        for item, anchor in holds
        if anchors[item] == 1 and item in at and at.get(anchor) == (at[item][0] - 1, at[item][1])
    )


def last_in_columns(
    rows: Sequence[Sequence[str]], holds: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``holds`` with a grid's shorter last row under the boxes of its first columns.

    Not centred in the gaps of the rows above: for tops placed column by column by the
    breadcrumb rows they hang from (see :func:`~.pagetrailsize.by_trail_rows`), which puts
    a short last row's tops in the first columns. Centred in a gap, a top of a breadcrumb
    row of its own ran its arrow up among the arrows of the columns either side, of other
    rows, and crossed one (1,500 generated nodes on A4: a rebuttal below two columns of
    three reasons and evidence, its arrow to the row between theirs).
    """
    if len(rows) < 2 or len(rows[-1]) >= len(rows[-2]):
        return list(holds)
    kept = [hold for hold in holds if hold[0] not in rows[-1]]
    return kept + [(item, rows[-2][i]) for i, item in enumerate(rows[-1])]


def leaf_holds(row: Sequence[str], above: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """(item, anchor) pairs holding a row of ``row`` below the rows ``above``, of single boxes.

    An item of a row shorter than one above hangs from the two boxes of that row it goes
    between (see :func:`in_gap`), in every such row, so its edge to the parent runs up the
    gaps rather than round the outside; an item of a row as long as the one above hangs
    below an item of it (a row centred).
    """
    holds: list[tuple[str, str]] = []
    if len(row) >= len(above[-1]):  # centred under the row above
        for i, item in enumerate(row):
            holds.append((item, above[-1][under_box(len(above[-1]), i, len(row))]))
    return holds + _in_longer_rows(row, above)


def _in_longer_rows(row: Sequence[str], above: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """Each item held in a gap of its own in each row above longer than ``row``.

    Held by the two boxes it goes between (see :func:`in_gap`), so its edge to the
    parent runs up the gaps, one gap for each edge.
    """
    holds: list[tuple[str, str]] = []
    for higher in above:
        if len(row) < len(higher):
            for i, item in enumerate(row):
                gap = in_gap(len(higher), i, len(row))
                holds += [(item, box) for box in higher[gap : gap + 2]]
    return holds


def gap_holds(
    row: Sequence[str], above: Sequence[Sequence[str]], spare_first: bool
) -> list[tuple[str, str]]:
    """:func:`leaf_holds`, but a row as long as the one above hangs in its gaps, not under it.

    Each item but one goes in a gap of the row above, in order, held by its two boxes;
    the one left over, the first (``spare_first``) or the last, under the box at that
    end. Centred under a box of a linked group, an item's edge went round the group's
    side to the parent (the engine draws no edge through a group's box); in the gap
    beside it, the edge runs straight up. Rows of other lengths are held as
    :func:`leaf_holds` holds them.
    """
    last = above[-1]
    if len(row) != len(last) or len(last) < 2:
        return leaf_holds(row, above)
    holds: list[tuple[str, str]] = []
    for i, item in enumerate(row):
        gap = i - 1 if spare_first else i
        if gap < 0 or gap > len(last) - 2:
            holds.append((item, last[0 if gap < 0 else -1]))
        else:
            holds += [(item, box) for box in last[gap : gap + 2]]
    return holds + _in_longer_rows(row, above)


def among_rows(wrap: Wrap) -> bool:
    """Whether each hold of a parent's rows joins two of their items: rows of single boxes.

    Not where an item is held below a box of a block several ranks deep (its lowest
    node, not in the rows: see :func:`~.stacking.note_rows`).
    """
    names = {item for row in wrap.rows for item in row}
    return all(item in names and anchor in names for item, anchor in wrap.holds)


def in_gap(boxes: int, index: int, count: int) -> int:
    """Which gap of a row of ``boxes`` (after that box) holds item ``index`` of ``count``.

    Held by the two boxes of the gap, the item sits under it, and its edge to the parent
    runs up it: the engine orders the edge's way through the row so as not to cross the
    holds. A shorter row's items spread over the longer row's gaps in order.
    """
    return min(boxes - 2, (2 * index + 1) * (boxes - 1) // (2 * count))


def under_box(boxes: int, index: int, count: int) -> int:
    """Which box of a row of ``boxes`` item ``index`` of ``count`` (no fewer) is centred under."""
    return min(max(0, (boxes - count) // 2) + index, boxes - 1)


def hold_rows(g: Digraph, wraps: Sequence[Wrap]) -> None:
    """Hold each row below the one before, its items in file order (see :class:`Wrap`).

    Invisible edges: one from each item of a later row to its anchor; and along each
    row, which shares a rank, one from each item to the next, which the engine keeps
    left to right (an ``ordering`` attribute would not hold inside a linked group's box,
    nor such an edge into it: a group's place is kept by a weightless edge from the row
    below, one of ``places``, which the engine orders the row by and pulls by nothing).
    """
    for wrap in wraps:
        pull = {"weight": str(wrap.weight)} if wrap.weight != 1 else {}
        columns = set(wrap.columns)
        for item, anchor in wrap.holds:
            if (item, anchor) in columns:
                g.edge(item, anchor, {"style": "invis", "weight": str(ROW_WEIGHT)})
            else:
                g.edge(item, anchor, {"style": "invis", **pull})
        for item, anchor in wrap.places:
            g.edge(item, anchor, {"style": "invis", "weight": "0"})
        for row in wrap.rows:
            hold_row(g, row)


def hold_row(
    g: Digraph, row: Sequence[str], chained: Callable[[str, str], bool] | None = None
) -> None:
    """Hold a row of boxes on one rank, each left of the next (a row of one: nothing).

    An invisible edge from each box to the next, which the engine keeps left to right;
    ``chained``: whether two neighbours are joined so (else both only share the rank).
    """
    if len(row) < 2:
        return
    with g.subgraph() as same:
        same.set({"rank": "same"})
        for name in row:
            same.node(name)
    for left, right in zip(row, row[1:], strict=False):
        if chained is None or chained(left, right):
            g.edge(left, right, _INVISIBLE)


def lane_order(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows of stubs in the order their edges reach their parent, left to right.

    Held in that order (the parent's ``ordering=in``), each edge from a lower row passes
    the rows above on the inner side of the box over it, in a lane towards the middle:
    left of the middle, the higher a stub the further out; right of it, the lower. The
    engine's own order sent the lower rows' edges round the outside of the rows above.
    """
    placed = []
    for depth, row in enumerate(rows):
        for i, name in enumerate(row):
            across = (i + 0.5) / len(row) - 0.5  # from the middle, each row spread evenly
            placed.append((across, depth if across <= 0 else -depth, name))
    return [name for _, _, name in sorted(placed)]
