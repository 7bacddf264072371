"""Cross-links arriving at a page's nodes from nodes drawn on other pages, found once a map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Final

from argmap.model import ArgumentMap, Node, Relation

__all__ = [
    "INCOMING",
    "arriving",
    "incoming",
    "incoming_anchors",
    "incoming_names",
    "ref_name",
]

INCOMING: Final = "<"
"""Marks a planner's reference as a cross-link arriving from that node (ids never start so)."""

_SOURCES: dict[int, tuple[tuple[Node, ...], dict[str, list[tuple[str, Relation]]]]] = {}
"""A few maps' cross-links by target, in file order (keyed by their nodes' tuple, kept)."""


def _sources(m: ArgumentMap) -> dict[str, list[tuple[str, Relation]]]:
    """Node id -> the nodes that cross-link to it and how, in file order (made once a map)."""
    kept = _SOURCES.get(id(m.nodes))
    if kept is not None and kept[0] is m.nodes:
        return kept[1]
    found: dict[str, list[tuple[str, Relation]]] = {}
    for node in m.nodes:
        for link in node.links:
            found.setdefault(link.to, []).append((node.id, link.relation))
    if len(_SOURCES) >= 4:
        _SOURCES.clear()
    _SOURCES[id(m.nodes)] = (m.nodes, found)
    return found


def arriving(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int]
) -> list[tuple[str, str, Relation]]:
    """The cross-links into ``nodes`` from nodes drawn on other pages: (target, source, how)."""
    sources, drawn = _sources(m), set(nodes)
    out = []
    for node_id in nodes:
        for source, relation in sources.get(node_id, ()):
            if source not in drawn and source in home:
                out.append((node_id, source, relation))
    return out


def incoming_names(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int], member: str
) -> list[str]:
    """The names of the arriving references a page of ``nodes`` hangs from ``member``."""
    return [f"from {s} {t}" for t, s, _ in arriving(m, nodes, home) if t == member]


def incoming_anchors(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int]
) -> dict[str, int]:
    """Each arriving reference's SVG anchor on a page of ``nodes`` -> its source's page."""
    return {f"a_inref-{s}-{t}": home[s] for t, s, _ in arriving(m, nodes, home)}


def ref_name(node_id: str, ref: str) -> str:
    """The name of the reference a planner's ``ref`` of ``node_id`` draws.

    An outgoing reference (``ref`` the target) is named ``ref SOURCE TARGET``, an
    arriving one (``ref`` the :data:`INCOMING` mark and the source) ``from SOURCE TARGET``.
    """
    if ref.startswith(INCOMING):
        return f"from {ref[len(INCOMING) :]} {node_id}"
    return f"ref {node_id} {ref}"


def incoming(linked_from: Sequence[str], full: Set[str]) -> tuple[str, ...]:
    """The planner's references arriving at a node, from its sources off the page, marked."""
    return tuple([INCOMING + s for s in linked_from if s not in full])
