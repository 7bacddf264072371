"""Invisible feet under leaves among siblings, so the engine keeps them in file order."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence, Set
from typing import Final

from argmap.exporters.diagram.dot import Digraph, attrs
from argmap.exporters.diagram.stacking import Wrap, stack_columns
from argmap.model import Node, NodeKind, Relation

__all__ = ["FOOT", "foot_leaves", "leaves_afoot", "leaves_hung"]

FOOT: Final = "foot "
"""What a leaf's foot is called: this, then the leaf's id (no node id holds a space)."""
_FOOT: Final = attrs(
    {"shape": "point", "width": "0", "height": "0", "style": "invis", "label": ""}
)
_HOLD: Final = attrs({"style": "invis"})
_HUNG: Final = attrs({"style": "invis", "weight": "0"})


def leaves_afoot(
    shown: Sequence[Node],
    visible: Set[str],
    rowed: Collection[str],
    held: Collection[str],
    direction: str,
) -> list[str]:
    """The leaves among siblings that the engine may carry past a sibling: each needs a foot.

    The engine orders a rank's nodes by the mean place of their neighbours on the rank it
    sweeps from, and leaves a node with no neighbour there (a leaf, sweeping from the
    leaves up) where it is; a node it moves past such a leaf is not checked against it,
    though its siblings' order (``ordering``) binds them. Left to right, where the engine
    holds each rank in reverse, the last of a parent's children, a leaf, is first in its
    rank: a sibling moved towards the edges of later rows passed it, out of file order
    (a generated map of 400 statements: 9 pairs of siblings; 1,500: 181). A leaf with a
    foot below it (an invisible point) has such a neighbour. Not the first child (no
    sibling comes before it), nor a leaf held from below already: by the leaf stacked
    under it (see :func:`.stacking.stack_leaves`) or a row's item hung from it
    (``held``). Top-down the last child is last in its rank, and nothing was seen to pass
    a leaf; feet there sent more edges round other boxes (1,500 statements: 5 to 9),
    so none.

    Args:
        shown: the drawn nodes, in file order.
        visible: the ids of the drawn nodes.
        rowed: the parents whose children are wrapped into rows (their leaves not stacked).
        held: the nodes a row's item hangs from.
        direction: the drawing's direction (``TB``, ``BT``, ``LR``, ``RL``).

    Returns:
        The ids of the leaves to stand on a foot, in file order.
    """
    if direction not in ("LR", "RL"):
        return []
    parents = {node.parent for node in shown if node.parent is not None}
    kids: dict[str, list[Node]] = {}
    for node in shown:
        if node.parent is not None and node.parent in visible and _plain(node):
            kids.setdefault(node.parent, []).append(node)
    afoot: list[str] = []
    for parent, children in kids.items():
        if len(children) < 2:
            continue
        leaves = [child.id for child in children if child.id not in parents]
        stacked = 0 if parent in rowed else max(0, len(leaves) - stack_columns(len(leaves)))
        first = children[0].id
        afoot += (leaf for leaf in leaves[stacked:] if leaf != first and leaf not in held)
    return afoot


def _plain(node: Node) -> bool:
    """Whether a child's arrow is one of its parent's ordered edges (see :func:`leaves_afoot`)."""
    return (
        node.relation is not None
        and node.group is None
        and node.relation is not Relation.UNDERCUTS
        and node.kind is not NodeKind.CONCLUSION
    )


def foot_leaves(g: Digraph, leaves: Sequence[str], hung: Mapping[str, str]) -> None:
    """Stand each of ``leaves`` on a foot: an invisible point one rank below it.

    A leaf of ``hung`` hangs the item it maps to instead (see :func:`leaves_hung`).
    """
    for leaf in leaves:
        if leaf in hung:
            g.edge(hung[leaf], leaf, _HUNG)
        else:
            g.node(f"{FOOT}{leaf}", _FOOT)
            g.edge(f"{FOOT}{leaf}", leaf, _HOLD)


def leaves_hung(
    shown: Sequence[Node], wraps: Sequence[Wrap], afoot: Sequence[str], rowed: Collection[str]
) -> dict[str, str]:
    """Leaves of ``afoot`` that a later row's item hangs from instead of a foot: leaf -> item.

    A row below a block hangs from the block's deepest node, one rank below it, where
    the feet of the block's lowest leaves stand too. The engine keeps the row's item
    after those feet on that rank (its edge comes after the block's into their parent),
    so the row went past the far end of the block, not below it: the thesis's last row
    of a generated map of 1,500 statements, left to right, and the drawing came out
    40,153 points long where its rows were planned 21,727 (1.8 times). Hung from that
    row's item instead (an invisible edge without pull), such a leaf has its neighbour on
    the rank below as a foot gave it, and the item its own neighbours spread along the
    block, among which it comes to rest. Only leaves on the deepest node's rank (see
    :func:`_ranks`): hung from leaves higher up too (as many levels down the tree), the
    item's long invisible edges made the engine's layout of 10,000 statements take 75%
    more CPU time.

    Args:
        shown: the drawn nodes, in file order.
        wraps: the drawing's wrapped rows, each with its holds.
        afoot: the leaves :func:`leaves_afoot` stands on feet.
        rowed: the parents whose children are wrapped into rows (their leaves not stacked).

    Returns:
        Each leaf to hang, and the item of the nearest row hung below its block.
    """
    parent = {node.id: node.parent for node in shown}
    depth = _ranks(shown, wraps, rowed)
    below: dict[tuple[str, int], str] = {}  # (a row's item, a rank) -> the item hung below
    for wrap in wraps:
        names = {name for row in wrap.rows for name in row}
        for item, anchor in wrap.holds:
            if anchor in names:  # held between boxes of the row above, not below a block
                continue
            top = _within(anchor, names, parent)
            if top is not None and anchor in depth:
                below.setdefault((top, depth[anchor]), item)
    hung: dict[str, str] = {}
    for leaf in afoot:
        up = parent.get(leaf)
        while up is not None and up in depth:  # up the tree: as many steps as levels
            lower = below.get((up, depth[leaf]))
            if lower is not None:
                hung[leaf] = lower
                break
            up = parent.get(up)
    return hung


def _ranks(shown: Sequence[Node], wraps: Sequence[Wrap], rowed: Collection[str]) -> dict[str, int]:
    """Each drawn node's rank, as the drawing's edges and holds put it (the roots' 0).

    A child one rank below its parent; an item of a later row below its anchors (see
    :class:`~.stacking.Wrap`); a stacked leaf below the one a column's width before it
    (see :func:`~.stacking.stack_leaves`). Junctions and linked groups are not counted.
    """
    anchors: dict[str, list[str]] = {}
    for wrap in wraps:
        for item, anchor in wrap.holds:
            anchors.setdefault(item, []).append(anchor)
    parents = {node.parent for node in shown if node.parent is not None}
    leaves: dict[str, list[str]] = {}
    for node in shown:
        if node.parent is None or node.parent in rowed or node.id in parents:
            continue
        if node.group is None and node.relation is not Relation.UNDERCUTS:
            leaves.setdefault(node.parent, []).append(node.id)
    for siblings in leaves.values():
        columns = stack_columns(len(siblings))
        for i in range(columns, len(siblings)):
            anchors.setdefault(siblings[i], []).append(siblings[i - columns])
    rank: dict[str, int] = {}
    for node in shown:  # file order: a parent, and an anchor, before what hangs from it
        up = node.parent
        at = rank[up] + 1 if up is not None and up in rank else 0
        for anchor in anchors.get(node.id, ()):
            at = max(at, rank.get(anchor, -1) + 1)
        rank[node.id] = at
    return rank


def _within(node: str, names: Collection[str], parent: dict[str, str | None]) -> str | None:
    """The one of ``names`` that ``node`` is, or is below (None: it is below none)."""
    at: str | None = node
    while at is not None and at not in names:
        at = parent.get(at)
    return at
