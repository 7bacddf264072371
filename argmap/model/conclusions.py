"""Conclusions drawn from the thesis: which node each is drawn from, and the rules they keep.

A conclusion is a claim the argument draws *from* its thesis (or from another conclusion):
the inference runs from the thesis to it, the other way from every other node. In the
flat model it is a node of kind ``conclusion`` whose ``parent`` is the node it is drawn
from and whose ``relation`` is None. It therefore takes no part in :meth:`ArgumentMap.edges`
and is not among the thesis's :meth:`ArgumentMap.children` (the tree under the thesis is
the case for the thesis); the functions here give the drawing steps instead. Objections
(and undercutters, which attack the drawing step) may sit under a conclusion; premises
and evidence may not: a conclusion rests on what it is drawn from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model.vocabulary import NodeKind

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.records import Node

__all__ = [
    "conclusion_message",
    "conclusion_nodes",
    "drawing_steps",
    "drawn_from",
    "is_conclusion",
    "nested_under",
    "reading_order",
]


def is_conclusion(node: Node) -> bool:
    """Return whether the node is a conclusion drawn from the thesis or another conclusion."""
    return node.kind is NodeKind.CONCLUSION


def conclusion_nodes(m: ArgumentMap) -> list[Node]:
    """Return every conclusion of the map, in document order (each after its source)."""
    return [node for node in m.nodes if node.kind is NodeKind.CONCLUSION]


def drawn_from(m: ArgumentMap, node_id: str) -> list[Node]:
    """Return the conclusions drawn directly from ``node_id``, in document order."""
    return [
        node for node in m.nodes if node.kind is NodeKind.CONCLUSION and node.parent == node_id
    ]


def reading_order(m: ArgumentMap) -> list[Node]:
    """Return every node: the thesis's tree, then each conclusion's (document order).

    :meth:`ArgumentMap.walk` from the thesis leaves out the conclusions and what sits
    under them; outlines that list the whole map read this instead.
    """
    out = list(m.walk())
    for node in conclusion_nodes(m):
        out.extend(m.walk(node.id))
    return out


def nested_under(m: ArgumentMap, node_id: str) -> list[Node]:
    """Return the node and all a file nests under it: its subtree and what is drawn from it.

    :meth:`ArgumentMap.walk` leaves out conclusions; removing or moving an entry takes
    them with it. Parents come before children in document order, so one pass does.
    """
    inside = {node_id}
    out = [m.get(node_id)]
    for node in m.nodes[m.position(node_id) + 1 :]:
        if node.parent in inside:
            inside.add(node.id)
            out.append(node)
    return out


def drawing_steps(m: ArgumentMap) -> list[tuple[Node, Node]]:
    """Return every drawing step as ``(source, conclusion)``, in document order.

    The source is the thesis or an earlier conclusion; the step reads "source, therefore
    conclusion" (a support relation from source to conclusion in Argdown and AIF).
    """
    return [(m.get(node.parent), node) for node in conclusion_nodes(m) if node.parent is not None]


def conclusion_message(node: Node, parent: Node | None) -> str | None:
    """Return what is wrong with where a conclusion sits or what it carries, or None.

    Args:
        node: a conclusion.
        parent: the node it is drawn from (None when its parent is unknown).
    """
    if parent is not None and parent.kind not in (NodeKind.THESIS, NodeKind.CONCLUSION):
        return (
            f"a conclusion is drawn from the thesis or another conclusion, not from "
            f"{parent.kind.article}; list it under the thesis's 'conclusions'"
        )
    if node.relation is not None:
        return "a conclusion is drawn from its parent and bears on nothing; it has no relation"
    if node.links:
        return (
            "a conclusion bears on nothing, so it has no 'links'; link to it from the "
            "nodes that bear on it instead"
        )
    if node.group is not None:
        return "only premises can be linked"
    return None
