"""What the overview draws around the root: conclusions above (or stubs), undercutters, the key."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from typing import Final

from argmap.analysis.view import drawn_up
from argmap.exporters.diagram.pagetree import stub_name
from argmap.exporters.diagram.stacking import (
    NODESEP,
    RANKSEP,
    Item,
    Wrap,
    note_rows,
    rows_width,
    wrap_rows,
)
from argmap.model import ArgumentMap, Node, NodeKind, Relation

__all__ = ["Around", "StubSize", "around_root"]

_Place = tuple[tuple[str, str], float, float]
"""Where the key goes (see ``Around.key``), and the drawing's width and height with it there."""
CROWDED: Final = 1.15
"""The root's rank, with undercutters of conclusions and the key beside it, is laid out
this much wider than its boxes: the "so" arrows' junctions spread it."""
STUB_ROWS: Final = 3
"""Conclusions' stubs over the root go in this many rows at most; more share one stub."""
STEP_WORD: Final = 17.0
"""Left to right, conclusions' stubs in the root's rank: each "so" arrow's word takes about
this much room along the rank (eight stubs were drawn 133 points taller than counted)."""

Size = tuple[float, float]

StubSize = Callable[[str, int], Size]
"""The size of the stub of a conclusion's branch: its id, and how many nodes the branch holds.

Ids joined by commas: one grouped stub for those conclusions' branches."""


@dataclass(frozen=True)
class Around:
    """What page 1 draws around the root besides its tree (see ``drawn.split_above``).

    Attributes:
        nodes: the ids drawn above the root (conclusions, and what bears on them).
        beside: the width they take on the root's rank and below (undercutters).
        over: the width and height of the conclusions' rows above the root.
        top: the first of the topmost conclusions and that row's size, if any (apart:
            the name of the first conclusion's stub, and the stubs' row).
        apart: the conclusions drawn from the root go on pages of their own, each a
            stub above the root on page 1 (their row, drawn beside the root, would be
            wider than the page): ``nodes`` is then empty.
        stubs: apart, the conclusions the stubs stand for.
        grouped: apart, one stub stands for them all (a stub each is wider than the page).
        low: apart, the conclusions whose undercutters go below the breadcrumb on their
            page: beside the step's junction, they would be wider than the page.
    """

    nodes: frozenset[str]
    beside: float
    over: Size
    top: tuple[str, Size] | None
    apart: bool = False
    stubs: tuple[str, ...] = ()
    grouped: bool = False
    low: frozenset[str] = frozenset()
    column: bool = False
    """Apart, the stubs sit in the root's rank, after it: drawn left to right on an upright
    page, a column of their own would leave no room for the root's branches."""
    rows: Wrap | None = None
    """Apart, the stubs' rows over the root (``over ROOT``: the nearest row first, its holds
    turned round, so each row is held above the one before), where one row is too wide."""
    deep: float = 0.0
    """How far down from the root's rank what bears on the conclusions reaches (their
    objections' own reasons, objections and answers hang below it, beside the root's
    branches): the drawing is at least that tall."""
    hang: tuple[Size, ...] = ()
    """The rows of what bears on the conclusions from the root's rank down (width,
    height): those below it share their ranks with the root's branches, beside them."""
    lean: float = 0.0
    """How far the conclusions' rows reach past the drawing's side: over a single box
    beside the root (an undercutter of a step), they centre on the step's junction, about
    over that box, not over the root."""

    def with_root(self, drawing: Size, root: Item) -> Size:
        """The overview's drawing (the root's ``drawing``, its block ``root``) with these.

        The conclusions' rows go above it; the rows below the root's rank sit beside
        the root's branches, each rank as tall as its tallest box on either side; the
        conclusions' rows reach past its side by :attr:`lean`.
        """
        width = max(drawing[0], self.over[0] - self.lean) + self.lean
        lower = self.hang[1:]
        if not lower:
            return width, max(drawing[1], self.deep) + self.over[1]
        width = max(width, root.below + NODESEP + max(w for w, _ in lower))
        ranks = list(root.ranks)
        ranks += [0.0] * (len(self.hang) - len(ranks))
        for k, (_, tall) in enumerate(self.hang):
            ranks[k] = max(ranks[k], tall)
        height = sum(ranks) + RANKSEP * (len(ranks) - 1)
        return width, max(drawing[1], height) + self.over[1]

    def key(
        self,
        drawing: Size,
        room: Size,
        legend: Size,
        root: tuple[str, Size, Item],
        deepest: str,
        wrapped: bool = False,
        branches: bool = False,
    ) -> tuple[tuple[str, str], float, float]:
        """Where the overview's key goes, and the drawing's size with it there.

        Beside the root, beside the topmost conclusion, on the lowest rank (where the
        engine puts a node of no edges), or below everything (``deepest``): the first
        that fits ``room``, else the one that overflows least.

        Args:
            drawing: the drawing's size without the key.
            room: the size it may take.
            legend: the key's size.
            root: the root's id, its box, and its block (its lowest rank is the
                drawing's: on it, the key takes what room the rows above leave).
            deepest: a node on the drawing's lowest rank.
            wrapped: the root's children are wrapped into rows: the key is not put beside
                it (taller than the root, it would deepen the root's rank, and the outer
                rows' edges would bend at one corner of the room below the root and cross).
            branches: the first of those rows is of deep branches: where the key fits
                nowhere else, it goes in the corner beside the root after all.
        """
        width, height = drawing
        key_w, key_h = legend
        root_id, (root_w, root_h), block = root
        bottom = block.ranks[-1]
        # The lowest row sits centred under the rows above it, the key at its end.
        spare = (block.width - block.base) / 2 if block.base else 0.0
        row = root_w + self.beside
        places = []
        if not wrapped:
            places.append(
                (
                    ("same", root_id),
                    max(width, (row + NODESEP + key_w) * CROWDED),
                    height + max(0.0, key_h - root_h),
                )
            )
        if self.top is not None:
            top, (over_w, over_h) = self.top
            # The conclusions sit centred over the drawing, as the root does below them;
            # the key to their right.
            beside = max(width, (max(width, row) + over_w) / 2 + NODESEP + key_w)
            places.append((("same", top), beside, height + max(0.0, key_h - over_h)))
        low = width + max(0.0, NODESEP + key_w - spare)
        places.append((("bottom", ""), low, height + max(0.0, key_h - bottom)))
        places.append((("below", deepest), max(width, key_w), height + RANKSEP + key_h))
        best = min(places, key=lambda p: _over(p, room))
        if wrapped and branches and _over(best, room) > 1.0:
            corner = _corner(drawing, legend, (root_id, row, root_h))
            best = corner if _over(corner, room) <= 1.0 else best
        return best


def _corner(drawing: Size, legend: Size, root: tuple[str, float, float]) -> _Place:
    """The key in the free corner beside a root centred over its rows, and the drawing's size.

    ``root``: its id, the width of its rank's boxes, and its height. The key's rank
    deepens by what the key is taller; the rows' edges fan in to the root's foot.
    """
    (width, height), (key_w, key_h), (root_id, row, root_h) = drawing, legend, root
    corner = max(width, width / 2 + (row / 2 + NODESEP + key_w) * CROWDED)
    return ("same", root_id), corner, height + max(0.0, key_h - root_h)


def _over(place: _Place, room: Size) -> float:
    """How many times too big for ``room`` a drawing with the key in ``place`` is (1: fits)."""
    return max(1.0, place[1] / room[0], place[2] / room[1])


def around_root(
    m: ArgumentMap,
    root: str,
    above: Sequence[str],
    size: Callable[[Node], Size],
    room: tuple[Size, Size] | None = None,
    stub: StubSize | None = None,
    trail: Size = (0.0, 0.0),
    column: bool = False,
    apart: bool = False,
) -> Around:
    """Measure what page 1 draws around the root (``above``, in document order).

    Conclusions drawn from the root sit a rank above what they are drawn from, with
    room for the "so" arrow and its junction (a rank of its own); their objections and
    undercutters a rank below, beside the root. When that is wider than the page
    (``room``: the drawing's room, and the root's box), or leaves no room below the
    root for a row of its stubs, each conclusion drawn from the root is a stub instead
    (``stub`` gives its size), and goes on a page of its own (see
    :func:`argmap.exporters.diagram.drawn.with_drawn_above`), above the breadcrumb
    (``trail``: its size) there; ``column``: the stubs go in the root's rank (see
    :attr:`Around.column`).
    """
    wide = _around(m, root, above, size)
    if room is None or stub is None or not above:
        return wide
    (width, height), (root_w, root_h) = room
    firsts = tuple(i for i in above if m.get(i).parent == root)
    under = {c: sum(1 for i in above if _under(m, i, c)) for c in firsts}
    if sum(under.values()) < len(above):  # a conclusion drawn from elsewhere: page 1 draws it
        return wide
    sizes = [stub(c, under[c]) for c in firsts]
    words = STEP_WORD * len(sizes) if column else 0.0  # the "so" arrows' words between them
    grouped = sum(w for w, _ in sizes) + NODESEP * (len(sizes) - 1) + words > width
    rows = None if column or not grouped else _stub_rows(root, firsts, sizes, width)
    grouped = grouped and rows is None
    if grouped:
        sizes = [stub(",".join(firsts), len(above))]
    below = max(h for _, h in sizes) + RANKSEP  # at least a row of the root's stubs
    # At least the root's box and a row of its stubs, as the conclusions' stubs.
    stub_w = min(w for w, _ in sizes)
    least = Item(root, root_w + wide.beside, (root_h, below - RANKSEP), root, root_w, stub_w)
    row, tall = wide.with_root((least.width, root_h + below), least)
    # What sits beside the root spreads its rank (the arrows up to the conclusions).
    if row * (CROWDED if wide.beside else 1.0) <= width and tall <= height and not apart:
        return wide
    stubs_w = sum(w for w, _ in sizes) + NODESEP * (len(sizes) - 1)
    stubs_h = max(h for _, h in sizes)
    low = frozenset(c for c in firsts if _flat_width(m, c, above, size, trail) > width)
    if column:  # each "so" arrow's word takes a line of its own between the stubs
        beside = stubs_w + NODESEP + STEP_WORD * len(sizes)
        return Around(frozenset(), beside, (0.0, 0.0), None, True, firsts, grouped, low, True)
    if rows is not None:  # the key beside the topmost row
        return Around(frozenset(), 0.0, rows[1], rows[2], True, firsts, grouped, low, rows=rows[0])
    over = (stubs_w, stubs_h + RANKSEP)
    top = (stub_name(firsts), (stubs_w, stubs_h))
    return Around(frozenset(), 0.0, over, top, True, firsts, grouped, low)


def _stub_rows(
    root: str, firsts: Sequence[str], sizes: list[Size], width: float
) -> tuple[Wrap, Size, tuple[str, Size]] | None:
    """Conclusions' stubs in rows over the root, no wider than ``width``, or None.

    The "so" arrows of the rows further up pass the rows below (see :func:`wrap_rows`);
    None where that takes more than :data:`STUB_ROWS` rows. With the rows: their size,
    and the first stub of the topmost row with that row's size (see :attr:`Around.top`).
    """
    names = [stub_name((c,)) for c in firsts]
    items = [Item(n, w, (h,), n) for n, (w, h) in zip(names, sizes, strict=True)]
    rows = wrap_rows(items, width)
    if len(rows) < 2 or len(rows) > STUB_ROWS or rows_width(rows) > width:
        return None
    wraps: list[Wrap] = []
    note_rows(f"over {root}", rows, wraps)
    # Each row over the one before: every hold the other way round (its item the anchor).
    wraps[0] = wraps[0]._replace(holds=tuple((anchor, item) for item, anchor in wraps[0].holds))
    heights = [max(item.ranks[0] for item in row) for row in rows]
    over = (rows_width(rows), sum(heights) + RANKSEP * len(rows))
    return wraps[0], over, (rows[-1][0].name, (rows_width(rows[-1:]), heights[-1]))


def _flat_width(
    m: ArgumentMap, top: str, above: Sequence[str], size: Callable[[Node], Size], trail: Size
) -> float:
    """The width of a conclusion's page with its step's undercutters beside the junction.

    The junction is below the middle of the conclusion and of the breadcrumb; the
    undercutters go to its left.
    """
    cutters = [
        size(m.get(i))[0] + NODESEP
        for i in above
        if m.get(i).parent == top and m.get(i).relation is Relation.UNDERCUTS
    ]
    return NODESEP + sum(cutters) + max(size(m.get(top))[0], trail[0]) / 2


def _under(m: ArgumentMap, node_id: str, top: str) -> bool:
    """Whether ``node_id`` is ``top`` or below it (its ancestors are few: above the root)."""
    while node_id != top:
        parent = m.get(node_id).parent
        if parent is None:
            return False
        node_id = parent
    return True


def _around(
    m: ArgumentMap, root: str, above: Sequence[str], size: Callable[[Node], Size]
) -> Around:
    """What page 1 draws around the root, all of it drawn (see :func:`around_root`)."""
    offset: dict[str, int] = {root: 0}
    rows: dict[int, list[Size]] = {}
    firsts: dict[int, str] = {}
    drawn = set(above)
    steps = [m.get(i) for i in above if drawn_up(m.get(i))]
    cut_from = {c.parent for c in steps if _undercut(m, c, drawn)}  # level with (see _down)
    for node_id in above:
        node = m.get(node_id)
        base = offset.get(node.parent or "", 0)
        offset[node_id] = base + _down(m, node, drawn, cut_from)
        rows.setdefault(offset[node_id], []).append(size(node))
        firsts.setdefault(offset[node_id], node_id)

    def width(row: list[Size]) -> float:
        return sum(w for w, _ in row) + NODESEP * len(row)

    top_at = min(rows, default=0)
    top = None
    if top_at < 0:  # the key may go beside the topmost conclusions
        top = (firsts[top_at], (width(rows[top_at]), max(h for _, h in rows[top_at])))
    beside = max((width(row) for at, row in rows.items() if at >= 0), default=0.0)
    over_w = max((width(row) for at, row in rows.items() if at < 0), default=0.0)
    over_h = sum(max(h for _, h in row) + 3 * RANKSEP for at, row in rows.items() if at < 0)
    # From the root's rank down (a rank a junction takes holds no box).
    hang = tuple(
        (width(rows[at]), max(h for _, h in rows[at])) if at in rows else (0.0, 0.0)
        for at in range(max(rows, default=-1) + 1)
    )
    # That rank (the root, or what sits beside it), then each lower rank with the gap above it.
    deep = max([size(m.get(root))[1], *(h for _, h in hang[:1])])
    deep += sum(h + RANKSEP for _, h in hang[1:])
    # One box beside the root (a conclusion's undercutter) sits on one side of it.
    lean = max(0.0, (over_w - beside) / 2) if len(rows.get(0, ())) == 1 else 0.0
    return Around(frozenset(above), beside, (over_w, over_h), top, deep=deep, hang=hang, lean=lean)


def _down(m: ArgumentMap, node: Node, drawn: Set[str], cut_from: Set[str | None]) -> int:
    """How many ranks below its parent a node drawn around the root sits (up: less than 0).

    A link an undercutter targets runs through a junction, a rank of its own: an
    undercut node sits a rank further from its parent, and its undercutters hang from
    the junction, a rank below it (a conclusion's: beside what it is drawn from). A
    conclusion sits above what it is drawn from, level with the others drawn from it
    (``cut_from``: the boxes an undercut step is drawn from; see
    :func:`~.drawn.step_lengths`).
    """
    parent = m.get(node.parent) if node.parent is not None else None
    if node.relation is Relation.UNDERCUTS:
        return 2 if parent is not None and parent.kind is NodeKind.CONCLUSION else 0
    undercut = _undercut(m, node, drawn)
    if drawn_up(node):  # level with an undercut conclusion drawn from the same box
        return -2 if undercut or node.parent in cut_from else -1
    return 2 if undercut else 1


def _undercut(m: ArgumentMap, node: Node, drawn: Set[str]) -> bool:
    """Whether an undercutter of the link from ``node`` to its parent is drawn."""
    return any(c.relation is Relation.UNDERCUTS and c.id in drawn for c in m.children(node.id))
