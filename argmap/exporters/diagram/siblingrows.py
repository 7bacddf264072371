"""One drawing of a whole map: each parent's children held in a row, in file order."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence, Set

from argmap.exporters.diagram.dot import Digraph
from argmap.exporters.diagram.rowholds import hold_row
from argmap.exporters.diagram.stacking import STACK_COLUMNS, stack_columns
from argmap.model import Node, NodeKind, Relation

__all__ = ["Cuts", "hold_siblings", "sibling_rows"]

Cuts = tuple[Collection[str], Collection[str]]
"""The links drawn through a junction (by link key), and the linked groups drawn in a box."""


def _in_row(node: Node) -> bool:
    """Whether a child stands in its parent's row.

    Not an undercutter (aimed at the link it undercuts) nor a conclusion (drawn from its
    parent by a "so" arrow).
    """
    return node.relation not in (None, Relation.UNDERCUTS) and node.kind is not NodeKind.CONCLUSION


def _stacked(node: Node) -> bool:
    """Whether a leaf is stacked with its parent's other leaves, as stack_leaves takes them."""
    return node.group is None and node.relation not in (None, Relation.UNDERCUTS)


def _junction(node: Node, cuts: Cuts) -> str | None:
    """The junction a node's link to its parent runs through (see ``build._link_key``)."""
    undercut, boxed = cuts
    key = f"group {node.group}" if node.group in boxed else node.id
    return f"junction {key}" if key in undercut else None


def sibling_rows(
    shown: Sequence[Node], visible: Set[str], rowed: Set[str], cuts: Cuts
) -> Iterator[list[str]]:
    """Each parent's children in file order, a row each (rows of one are left out).

    A linked group's members stand in its parent's row side by side, as its box holds
    them; a child whose link is undercut stands there too, its junction a rank above. Not
    the leaves stacked under a parent's first leaves (see :func:`~.stacking.stack_leaves`):
    they go in rows below those, in order. Not the children of a parent in ``rowed``,
    wrapped into rows of their own (see :mod:`.widerows`); where there are such, the
    drawing keeps each node's edges in order (``ordering=in``), which holds all but the
    children among which is a linked group, an undercut link or an undercutter.
    """
    has_children = {node.parent for node in shown if node.parent is not None}
    kids: dict[str, list[Node]] = {}
    for node in shown:
        if node.parent is not None and node.parent in visible and node.parent not in rowed:
            kids.setdefault(node.parent, []).append(node)
    for children in kids.values():
        joins = [_junction(n, cuts) for n in children if _in_row(n)]
        risky = any(n.group or n.relation is Relation.UNDERCUTS for n in children) or any(joins)
        if rowed and not risky:
            continue
        leaves = [n.id for n in children if n.id not in has_children and _stacked(n)]
        columns = stack_columns(len(leaves))
        below = leaves[columns:] if len(leaves) > STACK_COLUMNS else []
        yield [n.id for n in children if n.id not in below and _in_row(n)]
        yield from (below[i : i + columns] for i in range(0, len(below), columns))


def hold_siblings(
    g: Digraph,
    shown: Sequence[Node],
    visible: Set[str],
    rowed: Set[str],
    cuts: Cuts,
    direction: str = "TB",
) -> None:
    """Hold each parent's children in a row, in file order (see :func:`sibling_rows`).

    Left to the engine, a linked group's box, an arrow through an undercut link's
    junction and cross-links pulled children out of their order: a thesis's linked
    reason, second in the file, was drawn after all its objections, and reasons whose
    link was undercut a rank lower, after all their siblings. Each row shares a rank, its
    boxes joined left to right by invisible edges, as a page's rows are (see
    :func:`~.rowholds.hold_rows`). Left to right (``direction``), a row is a column; a
    linked group's members are held down it by the group's box (see
    :func:`~.grouprows.hold_group_rows`: held by these edges too, the engine drew them
    bottom to top).
    """
    across = direction in ("LR", "RL")
    group = {node.id: node.group for node in shown}

    def chained(left: str, right: str) -> bool:
        return not (across and group[left] is not None and group[left] == group[right])

    for row in sibling_rows(shown, visible, rowed, cuts):
        hold_row(g, row, chained)
