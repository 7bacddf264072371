"""Walks nesting a branch no deeper than a bound, deeper parts continued in blocks of their own."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.records import Node

__all__ = ["nested_walk"]


def nested_walk(
    m: ArgumentMap,
    tops: Sequence[Node],
    level: int,
    nest: int,
    resume: int,
    leaf: Callable[[Node], bool] | None = None,
) -> Iterator[tuple[Node, int, Node | None]]:
    """Walk the branches of ``tops``, each top ``level`` deep, no line deeper than ``nest``.

    A node ``nest`` deep with children ends its line there: once the walk is done, its
    children's branches follow in a block of their own, from depth ``resume``, and so on
    for each such node in turn. Text formats that indent each line to its depth (Argdown,
    Markdown) then grow with the map, however deep, where they grew with its square.
    A node ``leaf`` says yes to is walked without its branch (written elsewhere).

    Yields:
        ``(node, depth, head)``: ``head`` is None, but for the first node of a continued
        block, which comes with the node whose children the block continues.
    """
    nest = max(nest, level, resume)  # no line deeper than the bound, and none lost
    waiting: deque[Node] = deque()
    block, head = tops, None
    depth0 = level
    while True:
        for start in block:
            for node, below in m.walk_levels(start.id, nest - depth0, leaf):
                yield node, depth0 + below, head
                head = None
                if depth0 + below == nest and not (leaf and leaf(node)) and m.children(node.id):
                    waiting.append(node)
        if not waiting:
            return
        head = waiting.popleft()
        block, depth0 = m.children(head.id), resume
