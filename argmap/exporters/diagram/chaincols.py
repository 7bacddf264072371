"""A deep chain of single children folded into newspaper columns side by side: planned, drawn."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from itertools import pairwise
from typing import TYPE_CHECKING, Final, NamedTuple, TypeVar

from argmap.exporters.diagram.dot import edge_line
from argmap.exporters.diagram.stacking import NODESEP, Item, Wrap, row_width
from argmap.model import NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Drawn  # (pages only: not on import)
    from argmap.exporters.diagram.pagetree import PageTree

__all__ = [
    "COLUMNS",
    "GUTTER",
    "Step",
    "chain_steps",
    "apart",
    "column_heads",
    "edge_ends",
    "folded",
    "folds",
    "jump_attrs",
    "tree_line",
]

COLUMNS: Final = "chain columns"
"""The :class:`Wrap` parent naming a page's chain in columns (not a node id: it has a space)."""
GUTTER: Final = (2 * NODESEP, 3 * NODESEP)
"""The gap between columns, in points (top to bottom, left to right): the link from one
column's last box to the next column's first runs up it, clear of both. Left to right,
the engine keeps the link's way further from the boxes beside it."""
IN_LINE: Final = 10
"""How hard the chain's boxes of a column are held one under another (an edge's weight)."""
SHORTEST: Final = 3
"""Chains shorter than this many boxes stay in one column."""
SIDE_DEPTH: Final = 3
"""A side part of a chain's box: at most this many boxes, one under another."""


def _plain(tree: PageTree, node_id: str) -> bool:
    """Whether a node may be a link of a chain: no cross-links, no undercut, no conclusion."""
    node = tree.node[node_id]
    return (
        not tree.links[node_id]
        and not tree.linked_from[node_id]
        and node.relation is not Relation.UNDERCUTS
        and node.kind is not NodeKind.CONCLUSION
        and node.group is None
    )


class Step(NamedTuple):
    """A box of a chain, and the row below it: its children and stubs.

    One of ``kids`` (the chain's next box) is the next step's ``item``; the others (leaves,
    stubs, a few boxes one under another: see :func:`_side`) are the box's side parts,
    drawn beside the next box.
    """

    item: Item
    kids: tuple[Item, ...]


def _kid_items(
    tree: PageTree, node_id: str, full: Set[str], limits: Mapping[str, int]
) -> list[tuple[int, Item]] | None:
    """A chain node's children and stubs as boxes, each by its place in file order.

    None if one of them is not plain, or stands for several branches.
    """
    most = limits.get(node_id)
    if most is not None and len(tree.units(node_id)) - len(full) > max(most, 0) + 1:
        return None  # more branches left out than get a stub each: a grouped stub
    kids = [(tree.order[c], _box(tree, c)) for c in tree.children[node_id] if c in full]
    for tops, grouped in tree.left_out(node_id, full, most):
        if grouped or len(tops) > 1:
            return None
        kids.append((tree.order[tops[0]], tree.stub_item(tops, grouped)))
    if not all(_plain(tree, kid.name.removeprefix("stub ")) for _, kid in kids):
        return None
    return sorted(kids, key=_first)


def _side(tree: PageTree, node_id: str, full: Set[str], limits: Mapping[str, int]) -> Item | None:
    """A side part of boxes one under another (an objection and its rebuttal) as one item.

    None unless each box is drawn, plain, and has at most one child, all drawn; at most
    :data:`SIDE_DEPTH` boxes. Its ranks: each box's height; its width: the widest box's.
    """
    heights: list[float] = []
    width, at, last = 0.0, node_id, node_id
    while at:
        if len(heights) == SIDE_DEPTH or at not in full or not _plain(tree, at):
            return None
        kids = tree.children[at]
        if len(kids) > 1 or any(kid not in full for kid in kids):
            return None
        if tree.left_out(at, full, limits.get(at)):
            return None
        width, last = max(width, tree.sizes[at][0]), at
        heights.append(tree.sizes[at][1])
        at = kids[0] if kids else ""
    return Item(node_id, width, tuple(heights), last)


def _next(
    tree: PageTree, on: Sequence[Item], full: Set[str], limits: Mapping[str, int]
) -> tuple[Item, dict[str, Item]] | None:
    """Of a chain box's children with children, the chain's next box, and the side parts.

    The one that is not a small side part (see :func:`_side`) goes on; if each is, the
    deepest (the first of them); None if two are not.
    """
    sides = {kid.name: part for kid in on if (part := _side(tree, kid.name, full, limits))}
    rest = [kid for kid in on if kid.name not in sides]
    if len(rest) > 1:
        return None
    nxt = rest[0] if rest else max(on, key=lambda kid: len(sides[kid.name].ranks))
    return nxt, {name: part for name, part in sides.items() if name != nxt.name}


def chain_steps(
    tree: PageTree, top: str, full: Set[str], limits: Mapping[str, int]
) -> list[Step] | None:
    """The steps of a page drawn as one chain from ``top``, in order (None: not a chain).

    A chain: of each node's children (drawn, or stubs), at most one has children of its
    own but a few boxes one under another (see :func:`_side`): the chain's next node; the
    others are leaves, stubs, or such small parts, its side parts. A node of
    one child (a leaf) or one stub goes on to it; the chain ends at a node with none, or
    with several leaves and stubs. No cross-links, undercutters, conclusions or linked
    groups.
    """
    steps: list[Step] = []
    item: Item | None = _box(tree, top) if _plain(tree, top) else None
    inside = 0  # the boxes of side parts under their tops
    while item is not None and len(steps) <= len(full):
        if item.name not in full:  # a stub: the chain's last box
            steps.append(Step(item, ()))
            break
        kids = _kid_items(tree, item.name, full, limits)
        if kids is None:
            return None
        on = [kid for _, kid in kids if kid.name in full and tree.children[kid.name]]
        found = _next(tree, on, full, limits) if len(on) > 1 else None
        if len(on) > 1 and found is None:
            return None
        sides = found[1] if found else {}
        inside += sum(len(part.ranks) - 1 for part in sides.values())
        steps.append(Step(item, tuple(sides.get(kid.name, kid) for _, kid in kids)))
        item = found[0] if found else on[0] if on else kids[0][1] if len(kids) == 1 else None
    drawn = {box.name for step in steps for box in (step.item, *step.kids)} & full
    return steps if len(steps) >= SHORTEST and len(drawn) + inside == len(full) else None


def _first(pair: tuple[int, Item]) -> int:
    return pair[0]


def _box(tree: PageTree, node_id: str) -> Item:
    """A node's box as a row item."""
    width, height = tree.sizes[node_id]
    return Item(node_id, width, (height,), node_id)


def _column(steps: Sequence[Step], after: Sequence[Step]) -> list[list[Item]]:
    """A column's rows: its first box, then the row below each box (``after``: next column's).

    The last box's row holds its side parts only: the next box heads the next column.
    """
    rows = [[steps[0].item]]
    rows += [list(step.kids) for step in steps[:-1]]
    last = [k for k in steps[-1].kids if not after or k.name != after[0].item.name]
    return rows + [last] if last else rows


class _Shape(NamedTuple):
    """A column as planned (see :func:`_shape`)."""

    width: float
    ranks: tuple[float, ...]
    lowest: str  # a box on its lowest rank
    clear: bool  # nothing on its last box's rank beside it, on the next column's side
    flips: tuple[tuple[str, ...], ...]  # rows whose side parts go first (see _shape)


def _beyond(items: Sequence[Item]) -> float:
    """The room items take beside a box, from its side."""
    return row_width(list(items)) + NODESEP if items else 0.0


def _shape(rows: Sequence[list[Item]], steps: Sequence[Step], jump: bool) -> _Shape:
    """A column's size: its chain's boxes one under another, each row's side parts beside.

    The chain's boxes are held in line (see :func:`folds`); a row of side parts alone (the
    last box's) is centred under it. A side part's boxes below its top go under it, on
    its side, beside what later rows hold. ``jump``: the last box links to the next
    column, on its side: the side parts in each row go first, on the other (the
    ``flips``). Only the last box's were: those above it stuck out towards the next
    column, and the link from its head, level with the column's top, ran out past them
    and down across the page (the tester's car-free debate on slides: a rebuttal at the
    foot of the first column, the objection to it atop the second, a column's width
    away); now it runs down the gutter beside the column's boxes.
    """
    left = right = 0.0
    ranks: list[float] = []
    going: list[tuple[Item, int, int]] = []  # side parts deeper than a box: top's rank, side
    flips: list[tuple[str, ...]] = []
    clear, lowest, rank = True, "", 0
    while rank < len(rows) or going:
        row = rows[rank] if rank < len(rows) else []
        on = [(item, rank - at, side) for item, at, side in going if rank - at < len(item.ranks)]
        beside: dict[int, list[Item]] = {-1: [], 0: [], 1: []}
        for item, _, side in on:
            beside[side].append(item)
        main = steps[rank].item if rank < len(steps) else None
        if main is not None:
            at = next(i for i, item in enumerate(row) if item.name == main.name)
            before, after = row[:at], row[at + 1 :]
            if jump and after:  # the side parts away from the next column
                flips.append(tuple(i.name for i in before + after) + (main.name,))
                before, after = before + after, []
            if jump and rank == len(steps) - 1:
                clear = not beside[1]
            left = max(left, main.width / 2 + _beyond(before + beside[-1]))
            right = max(right, main.width / 2 + _beyond(after + beside[1]))
            new = [(item, -1) for item in before] + [(item, 1) for item in after]
        else:
            half = row_width(row + beside[0]) / 2 if row or beside[0] else 0.0
            left = max(left, half + _beyond(beside[-1]))
            right = max(right, half + _beyond(beside[1]))
            new = [(item, 0) for item in row]
        going = [(i, a, s) for i, a, s in going if rank - a + 1 < len(i.ranks)]
        going += [(item, rank, side) for item, side in new if len(item.ranks) > 1]
        heights = [item.ranks[0] for item in row] + [i.ranks[d] for i, d, _ in on]
        ranks.append(max(heights))
        ends = [i.deepest for i, d, _ in on if d == len(i.ranks) - 1]
        lowest = row[0].name if row else ends[0] if ends else lowest  # (deeper: later)
        rank += 1
    return _Shape(left + right, tuple(ranks), lowest, clear, tuple(flips))


_S = TypeVar("_S", bound="Drawn")  # a page's drawing as estimated: its width and height


def folded(
    steps: Sequence[Step],
    ways: tuple[float, float],
    draw: Callable[[tuple[Item, Wrap]], _S],
    page: tuple[float, float],
    one: _S | None = None,
) -> _S | None:
    """The page's drawing with its chain in the fewest columns that fit it (see :func:`folds`).

    ``ways``: their widest and the gutter; ``draw``: the page's drawing with the columns;
    ``one``: the chain's drawing in one column, where that fits the page. Then columns
    only where they show larger: a six-claim chain down the middle of landscape A4 took
    its height, shown at 0.77 of its size; in two columns, 1.06. None: no columns.
    """
    for fold in folds(steps, *ways):
        drawn = draw(fold)
        share = max(drawn.width / page[0], drawn.height / page[1])
        if share <= 1:
            best = one is None or share < max(one.width / page[0], one.height / page[1])
            return drawn if best else None
    return None


def folds(steps: Sequence[Step], limit: float, gutter: float) -> Iterator[tuple[Item, Wrap]]:
    """The chain in 2, 3, ... newspaper columns no wider than ``limit``: each as one item.

    Columns as even as can be, the first ones a step longer, top to bottom and then the
    next from the top; two steps at least each (a stub alone would head a column, far from
    what it continues), ``gutter`` apart (see :data:`GUTTER`). A box's side parts stay
    with it, in the row below it, beside the next box, their own boxes under them; the
    chain's boxes of a column are held in line, one under another (the wrap's holds). A
    column's last box links to the next column from its side facing it: the side parts
    of each row of the column go before its box (the wrap's later rows), and no side
    part's lower box may be on that side on its rank (see :func:`_shape`). The item's
    ranks: each row's tallest box.
    """
    count = len(steps)
    for made in range(2, count):
        rows, longer = divmod(count, made)  # the first ``longer`` columns: a step more
        if rows < 2:  # a column of one box: a stub alone would head it
            return
        ends = [i * rows + min(i, longer) for i in range(made + 1)]
        spans = [steps[ends[i] : ends[i + 1]] for i in range(made)]
        nexts = [*spans[1:], []]
        shapes = [_shape(_column(s, n), s, bool(n)) for s, n in zip(spans, nexts, strict=True)]
        if not all(shape.clear for shape in shapes):
            continue
        width = sum(shape.width for shape in shapes) + gutter * (made - 1)
        if width > limit:
            return
        depth = max(len(shape.ranks) for shape in shapes)
        ranks = tuple(max(s.ranks[j] for s in shapes if j < len(s.ranks)) for j in range(depth))
        lowest = next(shape.lowest for shape in shapes if len(shape.ranks) == depth)
        item = Item(steps[0].item.name, width, ranks, lowest, steps[0].item.width, 0.0, made)
        heads = tuple(span[0].item.name for span in spans)
        holds = [(b.item.name, a.item.name) for span in spans for a, b in pairwise(span)]
        flips = tuple(flip for shape in shapes for flip in shape.flips)
        yield item, Wrap(COLUMNS, (heads, *flips), tuple(holds), IN_LINE)


def apart(wraps: Sequence[Wrap], fold: Wrap) -> list[Wrap]:
    """The rows of children a page records, with each column's head taken out of its row.

    A head is ranked with the first column's top: held in a row with its parent's side
    parts, it would take them up there with it. The boxes of a row the fold orders anew
    (a column's last box after its side parts) are taken out of theirs too.
    """
    heads = set(fold.rows[0][1:]) | {name for row in fold.rows[1:] for name in row}
    out = []
    for wrap in wraps:
        if heads.isdisjoint(name for row in wrap.rows for name in row):
            out.append(wrap)
            continue
        rows = tuple(
            kept for row in wrap.rows if (kept := tuple(n for n in row if n not in heads))
        )
        holds = tuple(hold for hold in wrap.holds if heads.isdisjoint(hold))
        if len(rows) > 1 or (rows and len(rows[0]) > 1):
            out.append(wrap._replace(rows=rows, holds=holds))
    return [*out, fold]


def column_heads(wraps: Sequence[Wrap]) -> frozenset[str]:
    """The boxes that head a column after the first: their link to their parent jumps."""
    return frozenset(head for w in wraps if w.parent == COLUMNS for head in w.rows[0][1:])


def jump_attrs(direction: str) -> dict[str, str]:
    """The link from a column's head to the last box of the column before (see :func:`folds`).

    It leaves the parent's side that faces the next column and meets the head's side that
    faces it, across the gutter between them. It is written from the parent to the head,
    drawn back (see :func:`tree_line`): so it ranks the head below the parent, as the
    columns do, and the engine keeps its way through the ranks between in the gutter.
    """
    tail, head = ("s", "n") if direction in ("LR", "RL") else ("e", "w")
    return {"dir": "back", "tailport": tail, "headport": head, "weight": "0"}


def tree_line(node_id: str, parent: str, attrs: Mapping[str, str]) -> str:
    """The DOT statement of a node's edge to its parent; a jump (see :func:`jump_attrs`) back.

    Written from the parent, a jump's arrowhead is its ``arrowtail``, and the box a label
    worksheet puts by the node the arrow leaves is its ``headlabel``: the arrow then leaves
    the node's corner nearest the column before, so that the box, on the arrow, clears it.
    """
    if attrs.get("dir") != "back":
        return edge_line(node_id, parent, attrs)
    back = {**attrs, "arrowtail": attrs.get("arrowhead", "normal")}
    if "taillabel" in back:
        back["headlabel"] = back.pop("taillabel")
        back["headport"] = {"w": "sw", "n": "ne"}.get(back.get("headport", ""), "")
    return edge_line(parent, node_id, back)


def edge_ends(
    node_id: str, parent: str, where: tuple[Mapping[str, str], Set[str]], direction: str
) -> dict[str, str]:
    """Where a node's edge to its parent ends: a column's jump, or at a parent's port.

    ``where``: the parents whose children's edges end at a side of theirs (see
    :func:`~.stacking.row_ports`), and the heads of a chain's later columns.
    """
    ports, heads = where
    if node_id in heads:
        return jump_attrs(direction)
    return {"headport": ports[parent]} if parent in ports else {}
