"""Cross-links arriving at a page's nodes from nodes drawn on other pages: found, named."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Final

from argmap.model import ArgumentMap, Node, Relation

__all__ = [
    "INCOMING",
    "Arrival",
    "arrival_name",
    "arriving",
    "incoming",
    "incoming_anchors",
    "incoming_names",
    "ref_name",
    "split_incoming",
]

INCOMING: Final = "<"
"""Marks a planner's reference as cross-links arriving from those nodes (ids never start so)."""

Arrival = tuple[str, Relation, tuple[str, ...]]
"""The cross-links arriving at a target one way: (target, how, their sources in file order).

One reference box stands for them all (see :mod:`~.pageinrefs`): a box a link, three
arriving at a linked group widened its row past the page's room for a neighbour.
"""

def _grouped(pairs: Sequence[tuple[str, Relation]]) -> list[tuple[Relation, tuple[str, ...]]]:
    """Sources and how they bear, by how (in order of each way's first source)."""
    groups: dict[Relation, list[str]] = {}
    for source, relation in pairs:
        groups.setdefault(relation, []).append(source)
    return [(relation, tuple(sources)) for relation, sources in groups.items()]


def arriving(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int], upright: bool
) -> list[Arrival]:
    """The cross-links into ``nodes`` from nodes drawn on other pages, a target's by how.

    None on an ``upright`` page: its rows hold about a box each, and the reference, a row
    more on the flagship's first upright slide, cost two slides and turned an
    undercutter's arrow onto a box (the planner leaves them out too: see
    :func:`incoming`). The link shows at its source there.
    """
    if upright:
        return []
    drawn = set(nodes)
    out: list[Arrival] = []
    for node_id in nodes:
        pairs = [(s, how) for s, how in m.cross_links_to(node_id) if s not in drawn and s in home]
        out += [(node_id, how, found) for how, found in _grouped(pairs)]
    return out


def arrival_name(target: str, sources: Sequence[str]) -> str:
    """The name of the reference to the links from ``sources`` (the first) into ``target``."""
    return f"from {sources[0]} {target}"


def incoming_names(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int], member: str, upright: bool
) -> list[str]:
    """The names of the arriving references a page of ``nodes`` hangs from ``member``."""
    return [arrival_name(t, s) for t, _, s in arriving(m, nodes, home, upright) if t == member]


def incoming_anchors(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int], upright: bool
) -> dict[str, tuple[int, ...]]:
    """Each arriving reference's SVG anchor on a page of ``nodes`` -> its sources' pages."""
    found = arriving(m, nodes, home, upright)
    return {f"a_inref-{s[0]}-{t}": tuple([home[i] for i in s]) for t, _, s in found}


def ref_name(node_id: str, ref: str) -> str:
    """The name of the reference a planner's ``ref`` of ``node_id`` draws.

    An outgoing reference (``ref`` the target) is named ``ref SOURCE TARGET``, an
    arriving one (``ref`` marked: see :func:`incoming`) ``from SOURCE TARGET``, after its
    first source.
    """
    if ref.startswith(INCOMING):
        return arrival_name(node_id, split_incoming(ref)[1])
    return f"ref {node_id} {ref}"


def incoming(
    node_id: str,
    linked_from: Sequence[str],
    full: Set[str],
    node: Mapping[str, Node],
    upright: bool,
) -> tuple[str, ...]:
    """The planner's references arriving at ``node_id`` from its sources off the page.

    One a way the links bear on it, marked: ``<how:source,source``; none on an
    ``upright`` page (see :func:`arriving`).
    """
    if upright:
        return ()
    pairs = [
        (s, link.relation)
        for s in linked_from
        if s not in full
        for link in node[s].links
        if link.to == node_id
    ]
    return tuple([f"{INCOMING}{how.value}:{','.join(s)}" for how, s in _grouped(pairs)])


def split_incoming(ref: str) -> tuple[Relation, tuple[str, ...]]:
    """How the links of a planner's arriving reference bear, and their sources."""
    how, _, sources = ref[len(INCOMING) :].partition(":")
    return Relation(how), tuple(sources.split(","))
