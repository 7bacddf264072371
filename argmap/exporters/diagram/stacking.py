"""Wide rows of sibling leaves wrapped into columns, as the diagram and the page planner agree."""

from __future__ import annotations

import math
from collections.abc import Set
from typing import TYPE_CHECKING, Final

from argmap.model import Node, Relation

if TYPE_CHECKING:
    import graphviz

__all__ = ["STACK_COLUMNS", "stack_columns", "stack_leaves"]

STACK_COLUMNS: Final = 2
"""Leaves of one parent beyond this many are stacked in columns, keeping wide maps slide-shaped."""


def stack_columns(leaves: int) -> int:
    """Columns to stack ``leaves`` sibling leaves in: two, or a square's side for many.

    Two columns keep a handful of evidence slide-shaped; for dozens, a square block keeps
    the chains of invisible edges short, which the layout engine needs (200 leaves in two
    columns took it 12 s, in fifteen 0.3 s).
    """
    return max(STACK_COLUMNS, math.ceil(math.sqrt(leaves)) if leaves > 9 else STACK_COLUMNS)


def stack_leaves(g: graphviz.Digraph, shown: list[Node], visible: Set[str]) -> None:
    """Stack a node's many leaf children in columns with invisible edges.

    Graphviz puts all siblings in one row, so a premise with six pieces of evidence
    makes the map six boxes wide. Chaining every leaf to the one ``STACK_COLUMNS``
    before it turns the row into columns.
    """
    has_children = {node.parent for node in shown if node.parent is not None}
    leaves: dict[str, list[str]] = {}
    for node in shown:
        if (
            node.parent is not None
            and node.parent in visible
            and node.id not in has_children
            and node.group is None
            and node.relation is not Relation.UNDERCUTS
        ):
            leaves.setdefault(node.parent, []).append(node.id)
    for siblings in leaves.values():
        columns = stack_columns(len(siblings))
        # A block of many columns needs its chains held straight, or it slants.
        weight = "0" if columns == STACK_COLUMNS else "20"
        for i in range(columns, len(siblings)):
            g.edge(siblings[i], siblings[i - columns], style="invis", weight=weight)
