"""Position labels: ``1`` for the thesis, ``1.2`` for its second child, ``C1`` for conclusions."""

from __future__ import annotations

from typing import Final

from argmap.model import ArgumentMap, conclusion_nodes

__all__ = ["MAX_LABEL", "positions"]

MAX_LABEL: Final = 60
"""A map nesting so deep that a label would be longer is numbered ``n1``, ``n2`` ... instead."""


def positions(m: ArgumentMap) -> dict[str, str]:
    """Label every node by its place in the tree, in document order.

    The thesis is ``1``; the children of a node labelled ``L`` are ``L.1``, ``L.2`` ...
    in the file's order. Conclusions drawn from the thesis (or from another conclusion)
    are ``C1``, ``C2`` ... in document order, and what sits under them ``C1.1`` ... as
    under the thesis. A label says where a node sits and nothing of what it says, so
    worksheets name nodes by it instead of by id. The walk is iterative: any depth works;
    a map nesting too deep for short labels is numbered in document order (``n1``, ...).

    Args:
        m: a valid map.

    Returns:
        Node id -> position label.
    """
    labels = {m.thesis.id: "1"}
    drawn = conclusion_nodes(m)
    labels.update({node.id: f"C{i}" for i, node in enumerate(drawn, start=1)})
    stack = [m.thesis.id, *(node.id for node in reversed(drawn))]
    while stack:
        node_id = stack.pop()
        for number, child in enumerate(m.children(node_id), start=1):
            label = f"{labels[node_id]}.{number}"
            if len(label) > MAX_LABEL:
                return {node.id: f"n{i}" for i, node in enumerate(m.nodes, start=1)}
            labels[child.id] = label
            stack.append(child.id)
    return labels
