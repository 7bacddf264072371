"""Renamed nodes between two versions of a map: the same node under a new id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from argmap.model import COMPARED_FIELDS, ArgumentMap, Link, Node

__all__ = ["find_renames", "renamed_links"]

_SAME: tuple[str, ...] = tuple(name for name in COMPARED_FIELDS if name != "links")
"""The fields a renamed node keeps as they were (its cross-links may follow other renames)."""


def find_renames(old: ArgumentMap, new: ArgumentMap) -> dict[str, str]:
    """Pair nodes of ``old`` missing from ``new`` with new nodes that are the same node.

    A removed node and an added one are the same node under a new id when they alone
    share a kind and every field ``argmap diff`` compares (text, quote, author, ...), sit
    under the same parent (or the parent's new id, when it was renamed too) in the same
    linked group, and link to the same nodes (renamed ones by their new ids). Nodes are
    paired in the old map's order, so a parent is paired before its children.

    Args:
        old: the earlier version.
        new: the later version.

    Returns:
        ``{old id: new id}`` for each renamed node.
    """
    removed = [n for n in old.nodes if n.id not in new]
    added = [n for n in new.nodes if n.id not in old]
    if not removed or not added:
        return {}
    before, after_by_key = _unique(removed), _unique(added)
    pairs = {node.id: after_by_key[key] for key, node in before.items() if key in after_by_key}
    moved_to = {old_id: node.id for old_id, node in pairs.items()}
    renames: dict[str, str] = {}
    for node in removed:
        after = pairs.get(node.id)
        if after is None:
            continue
        parent = None if node.parent is None else renames.get(node.parent, node.parent)
        if (parent, node.group) != (after.parent, after.group):
            continue
        if renamed_links(node.links, moved_to) != after.links:
            continue
        renames[node.id] = after.id
    return renames


def renamed_links(links: Iterable[Link], renames: Mapping[str, str]) -> tuple[Link, ...]:
    """``links`` with each target that was renamed given its new id."""
    return tuple(
        link if link.to not in renames else link.model_copy(update={"to": renames[link.to]})
        for link in links
    )


def _signature(node: Node) -> tuple[Any, ...]:
    return tuple(getattr(node, name) for name in _SAME)


def _unique(nodes: list[Node]) -> dict[tuple[Any, ...], Node]:
    """Nodes by signature, leaving out signatures that more than one node has."""
    seen: dict[tuple[Any, ...], Node | None] = {}
    for node in nodes:
        key = _signature(node)
        seen[key] = None if key in seen else node
    return {key: node for key, node in seen.items() if node is not None}
