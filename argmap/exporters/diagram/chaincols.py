"""A deep chain of single children folded into newspaper columns side by side: planned, drawn."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence, Set
from itertools import pairwise
from typing import TYPE_CHECKING, Final, NamedTuple

from argmap.exporters.diagram.dot import edge_line
from argmap.exporters.diagram.stacking import NODESEP, Item, Wrap, row_width
from argmap.model import NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagetree import PageTree

__all__ = [
    "COLUMNS",
    "GUTTER",
    "Step",
    "chain_steps",
    "apart",
    "column_heads",
    "edge_ends",
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
    """A box of a chain, and the row of single boxes below it: its children and stubs.

    One of ``kids`` (the chain's next box) is the next step's ``item``; the others (leaves,
    stubs) are the box's side parts, drawn beside the next box.
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


def chain_steps(
    tree: PageTree, top: str, full: Set[str], limits: Mapping[str, int]
) -> list[Step] | None:
    """The steps of a page drawn as one chain from ``top``, in order (None: not a chain).

    A chain: of each node's children (drawn, or stubs), at most one has children of its
    own: the chain's next node; the others are leaves or stubs, its side parts. A node of
    one child (a leaf) or one stub goes on to it; the chain ends at a node with none, or
    with several leaves and stubs. No cross-links, undercutters, conclusions or linked
    groups.
    """
    steps: list[Step] = []
    item: Item | None = _box(tree, top) if _plain(tree, top) else None
    while item is not None and len(steps) <= len(full):
        if item.name not in full:  # a stub: the chain's last box
            steps.append(Step(item, ()))
            break
        kids = _kid_items(tree, item.name, full, limits)
        if kids is None:
            return None
        on = [kid for _, kid in kids if kid.name in full and tree.children[kid.name]]
        if len(on) > 1:
            return None
        steps.append(Step(item, tuple(kid for _, kid in kids)))
        item = on[0] if on else kids[0][1] if len(kids) == 1 else None
    drawn = {box.name for step in steps for box in (step.item, *step.kids)} & full
    return steps if len(steps) >= SHORTEST and len(drawn) == len(full) else None


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


def _clear(span: Sequence[Step]) -> bool:
    """Whether a column's last box has no side part after it in its row.

    The link to the next column leaves that box's side facing it: a side part there
    would have its own link cross it.
    """
    last, row = span[-1].item.name, [kid.name for kid in span[-2].kids]
    return row[-1] == last


def _tallest(row: Sequence[Item]) -> float:
    """The height of a row of single boxes."""
    return max(item.ranks[0] for item in row)


def _column_width(rows: Sequence[list[Item]], steps: Sequence[Step]) -> float:
    """A column's width: its chain's boxes one under another, each row's side parts beside.

    The chain's boxes are held in line (see :func:`folds`); a row of side parts alone (the
    last box's) is centred under it.
    """
    left = right = 0.0
    for row, step in zip(rows, [*steps, None], strict=False):
        at = [i for i, item in enumerate(row) if step is not None and item.name == step.item.name]
        if not at:
            left = max(left, row_width(row) / 2)
            right = max(right, row_width(row) / 2)
            continue
        main = row[at[0]]
        left = max(left, row_width(row[: at[0] + 1]) - main.width / 2)
        right = max(right, row_width(row[at[0] :]) - main.width / 2)
    return left + right


def folds(steps: Sequence[Step], limit: float, gutter: float) -> Iterator[tuple[Item, Wrap]]:
    """The chain in 2, 3, ... newspaper columns no wider than ``limit``: each as one item.

    Columns as even as can be, the first ones a step longer, top to bottom and then the
    next from the top; two steps at least each (a stub alone would head a column, far from
    what it continues), ``gutter`` apart (see :data:`GUTTER`). A box's side parts stay
    with it, in the row below it, beside the next box; the chain's boxes of a column are
    held in line, one under another (the wrap's holds). A column does not end at a box
    with a side part after it in its row (see :func:`_clear`). The item's ranks: each row's
    tallest box.
    """
    count = len(steps)
    for made in range(2, count):
        rows, longer = divmod(count, made)  # the first ``longer`` columns: a step more
        if rows < 2:  # a column of one box: a stub alone would head it
            return
        ends = [i * rows + min(i, longer) for i in range(made + 1)]
        spans = [steps[ends[i] : ends[i + 1]] for i in range(made)]
        if not all(_clear(span) for span in spans[:-1]):
            continue
        columns = [_column(span, [*spans[1:], []][i]) for i, span in enumerate(spans)]
        widths = [_column_width(c, span) for c, span in zip(columns, spans, strict=True)]
        width = sum(widths) + gutter * (made - 1)
        if width > limit:
            return
        depth = max(map(len, columns))
        ranks = tuple(max(_tallest(c[j]) for c in columns if j < len(c)) for j in range(depth))
        lowest = next(c for c in columns if len(c) == depth)[-1][0].name
        item = Item(steps[0].item.name, width, ranks, lowest, steps[0].item.width, 0.0, made)
        heads = tuple(span[0].item.name for span in spans)
        holds = [(b.item.name, a.item.name) for span in spans for a, b in pairwise(span)]
        yield item, Wrap(COLUMNS, (heads,), tuple(holds), IN_LINE)


def apart(wraps: Sequence[Wrap], fold: Wrap) -> list[Wrap]:
    """The rows of children a page records, with each column's head taken out of its row.

    A head is ranked with the first column's top: held in a row with its parent's side
    parts, it would take them up there with it.
    """
    heads = set(fold.rows[0][1:])
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
