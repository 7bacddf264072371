"""A deep chain of single children folded into newspaper columns side by side: planned, drawn."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence, Set
from typing import Final, Protocol

from argmap.exporters.diagram.dot import edge_line
from argmap.exporters.diagram.stacking import NODESEP, Item, Wrap
from argmap.model import Node, NodeKind, Relation

__all__ = [
    "COLUMNS",
    "GUTTER",
    "chain_items",
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
SHORTEST: Final = 3
"""Chains shorter than this many boxes stay in one column."""


class Chain(Protocol):
    """What a chain is read from: the map's tree as pages see it (an ``Estimator``)."""

    @property
    def node(self) -> Mapping[str, Node]:
        """Node id -> the node."""

    @property
    def sizes(self) -> Mapping[str, tuple[float, float]]:
        """Node id -> its box's size (along ranks, across them)."""

    @property
    def children(self) -> Mapping[str, list[str]]:
        """Node id -> its children shown, in file order."""

    @property
    def links(self) -> Mapping[str, list[str]]:
        """Node id -> the shown nodes it cross-links to."""

    @property
    def linked_from(self) -> Mapping[str, list[str]]:
        """Node id -> the shown nodes that cross-link to it."""

    def left_out(
        self, node_id: str, full: Set[str], most: int | None
    ) -> list[tuple[tuple[str, ...], bool]]:
        """The node's branches not in ``full``: ``(tops, grouped)`` a stub each."""

    def stub_item(self, tops: tuple[str, ...], grouped: bool) -> Item:
        """The row item of a stub for the branches starting at ``tops``."""


def _plain(tree: Chain, node_id: str) -> bool:
    """Whether a node may be a link of a chain: no cross-links, no undercut, no conclusion."""
    node = tree.node[node_id]
    return (
        not tree.links[node_id]
        and not tree.linked_from[node_id]
        and node.relation is not Relation.UNDERCUTS
        and node.kind is not NodeKind.CONCLUSION
        and node.group is None
    )


def chain_items(
    tree: Chain, top: str, full: Set[str], limits: Mapping[str, int]
) -> list[Item] | None:
    """The boxes of a page drawn as one chain from ``top``, in order (None: not a chain).

    A chain: each node drawn has one child, drawn in full, or none, and the last may have
    one stub instead; no cross-links, undercutters, conclusions or linked groups.
    """
    items: list[Item] = []
    node_id, stubbed = top, False
    while len(items) <= len(full):
        if not _plain(tree, node_id):
            return None
        width, height = tree.sizes[node_id]
        items.append(Item(node_id, width, (height,), node_id))
        kids = [c for c in tree.children[node_id] if c in full]
        left = tree.left_out(node_id, full, limits.get(node_id))
        if len(kids) + len(left) > 1:
            return None
        if left:
            tops, grouped = left[0]
            if grouped or len(tops) > 1 or not _plain(tree, tops[0]):
                return None
            items.append(tree.stub_item(tops, grouped))
            stubbed = True
        if not kids:
            break
        node_id = kids[0]
    return items if len(items) >= SHORTEST and len(items) - stubbed == len(full) else None


def folds(items: Sequence[Item], limit: float, gutter: float) -> Iterator[tuple[Item, Wrap]]:
    """The chain in 2, 3, ... newspaper columns no wider than ``limit``: each as one item.

    Columns as even as can be, the first ones a box longer, top to bottom and then the
    next from the top; two boxes at least each (a stub alone would head a column, far from
    what it continues), ``gutter`` apart (see :data:`GUTTER`). The item's ranks: each
    row's tallest box.
    """
    count = len(items)
    for made in range(2, count):
        rows, longer = divmod(count, made)  # the first ``longer`` columns: a box more
        if rows < 2:  # a column of one box: a stub alone would head it
            return
        ends = [i * rows + min(i, longer) for i in range(made + 1)]
        columns = [items[ends[i] : ends[i + 1]] for i in range(made)]
        rows += longer > 0
        width = sum(max(i.width for i in c) for c in columns) + gutter * (len(columns) - 1)
        if width > limit:
            return
        ranks = tuple(max(c[j].ranks[0] for c in columns if j < len(c)) for j in range(rows))
        first = items[0]
        item = Item(first.name, width, ranks, columns[0][-1].name, first.width, 0.0, made)
        heads = tuple(column[0].name for column in columns)
        yield item, Wrap(COLUMNS, (heads,), ())


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
