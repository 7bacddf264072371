"""The tree an imported graph grows from its thesis: the earliest relation reaching each claim."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from argmap.errors import MapFileError
from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.interop.graph import Edge, Element

__all__ = ["document_order", "find_root", "grow"]


def find_root(elements: Mapping[str, Element], edges: Sequence[Edge], path: str) -> str:
    """Return the key of the thesis: the one element others bear on that bears on nothing.

    Args:
        elements: the graph's elements by key (a lone element is the thesis).
        edges: the graph's relations.
        path: the file read, for messages.

    Raises:
        MapFileError: no such element (unrelated statements, or a cycle), or several.
    """
    outgoing = {edge.source for edge in edges}
    incoming = {edge.target for edge in edges}
    sinks = [key for key in elements if key not in outgoing]
    if len(elements) == 1:
        return next(iter(elements))
    connected = [key for key in sinks if key in incoming]
    if len(connected) == 1:
        return connected[0]
    if not connected:
        if not edges and len(sinks) >= 1:
            raise MapFileError(
                path,
                f"{len(sinks)} statements but no relations between them; a map needs "
                "one thesis that the others support or attack",
            )
        raise MapFileError(
            path,
            "no root claim: every statement bears on another (a cycle); a map needs "
            "one thesis that bears on nothing",
        )
    names = ", ".join(_describe(key, elements[key]) for key in connected[:5])
    raise MapFileError(
        path,
        f"several root claims ({names}); a map has one thesis: import each part "
        "separately or relate the roots to one claim",
    )


def _describe(key: str, element: Element) -> str:
    return f"{key!r} at line {element.line}" if element.line else repr(key)


def grow(
    root: str,
    elements: Mapping[str, Element],
    edges: Sequence[Edge],
    warn: Callable[[int, str], None],
) -> dict[str, Edge]:
    """Grow the tree breadth-first from the thesis, taking the earliest relation first.

    Args:
        root: the thesis' key.
        elements: the graph's elements by key.
        edges: the graph's relations.
        warn: called with a line and a message for each element the tree leaves out.

    Returns:
        The tree edge of every element reached (the thesis has none); the relations
        left over may still become cross-links.
    """
    incoming: dict[str, list[Edge]] = {}
    for edge in edges:
        incoming.setdefault(edge.target, []).append(edge)
    parent_edge: dict[str, Edge] = {}
    reached = {root}
    heap: list[tuple[tuple[int, ...], int, Edge]] = []
    count = 0
    for edge in incoming.get(root, []):
        heapq.heappush(heap, (edge.order, count, edge))
        count += 1
    while heap:
        _, _, edge = heapq.heappop(heap)
        if edge.source in reached:
            continue
        if edge.relation is Relation.UNDERCUTS and edge.target == root:
            continue  # the thesis has no inference to undercut; maybe another edge fits
        reached.add(edge.source)
        parent_edge[edge.source] = edge
        for nxt in incoming.get(edge.source, []):
            heapq.heappush(heap, (nxt.order, count, nxt))
            count += 1
    for key, element in elements.items():
        if key not in reached:
            warn(element.line, f"{key!r} is not connected to the thesis {root!r}; left out")
    return parent_edge


def document_order(
    root: str, parent_edge: Mapping[str, Edge], elements: Mapping[str, Element]
) -> list[str]:
    """Return the tree's keys depth-first, each node's children in file order.

    Args:
        root: the thesis' key.
        parent_edge: the tree edge of every other element in the tree.
        elements: the graph's elements by key (their positions break ties).
    """
    children: dict[str, list[str]] = {}
    for key, edge in parent_edge.items():
        children.setdefault(edge.target, []).append(key)
    out: list[str] = []
    stack = [root]
    while stack:
        key = stack.pop()
        out.append(key)
        kids = sorted(
            children.get(key, []),
            key=lambda k: (parent_edge[k].order, elements[k].position),
        )
        stack.extend(reversed(kids))
    return out
