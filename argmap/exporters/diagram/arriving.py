"""Cross-links arriving at a page's nodes from nodes drawn on other pages: found, named."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set
from typing import Final

from argmap.model import ArgumentMap, Node, Relation

GAP: Final = 0.35 * 72
"""Points between boxes on a rank (the engine's ``nodesep``)."""

__all__ = [
    "INCOMING",
    "BESIDE_SHARE",
    "REF",
    "Arrival",
    "arrival_name",
    "arriving",
    "beside_width",
    "fits_beside",
    "incoming",
    "incoming_anchors",
    "incoming_names",
    "is_incoming",
    "outgoing_name",
    "ref_name",
    "split_incoming",
]

BESIDE_SHARE: Final = 0.86
"""An upright page's target and its arriving references side by side take this share of
its drawing's room at most. The rows below widen with them (the target is centred over
its children, the references reach past them on one side): with the flagship's thesis
and its reference at 0.87 of an upright slide's room, its reasons' stubs were crowded
into one, and a continued reason's undercutter then aimed at its box, not at its link."""
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


def arriving(m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int]) -> list[Arrival]:
    """The cross-links into ``nodes`` from nodes drawn on other pages, a target's by how.

    Each is one reference: below its target among its children on a landscape page,
    beside it on its rank on an upright one (see :func:`incoming`).
    """
    drawn = set(nodes)
    out: list[Arrival] = []
    for node_id in nodes:
        pairs = [(s, how) for s, how in m.cross_links_to(node_id) if s not in drawn and s in home]
        out += [(node_id, how, found) for how, found in _grouped(pairs)]
    return out


def fits_beside(target: float, refs: Sequence[float], room: float, grouped: bool) -> bool:
    """Whether arriving references of these widths fit beside a ``target`` box that wide.

    On an upright page they sit on its rank, before it, a rank's gap apart (see
    :func:`incoming`); where that is wider than a share of the drawing's ``room`` they
    are not drawn, and the links show at their sources. A member of a linked group
    (``grouped``) is counted with them on both sides, in all of the room: the engine
    puts them either side of the group's box, member by member (a linked pair of
    reasons on an upright slide, each with its reference, no longer fitted one slide
    and was split in two; on upright A4 they fit). Left to right (``room`` infinite: a
    rank is a column as tall as the page) they fit, but not a group's members': the
    engine put them above and below the group's box, the first member's below, and
    their arrows crossed.
    """
    reach = sum([GAP + width for width in refs])
    if grouped:
        return math.isfinite(room) and target + 2 * reach <= room
    return target + reach <= room * BESIDE_SHARE


def beside_width(
    box: tuple[float, float], refs: Sequence[tuple[float, float]], room: float, grouped: bool
) -> tuple[float, float]:
    """The room arriving references of sizes ``refs`` take beside a ``box`` (width, height).

    Both 0 where they do not fit there (see :func:`fits_beside`).
    """
    if not fits_beside(box[0], [width for width, _ in refs], room, grouped):
        return 0.0, 0.0
    return sum([GAP + width for width, _ in refs]), max([height for _, height in refs])


def arrival_name(target: str, sources: Sequence[str]) -> str:
    """The name of the reference to the links from ``sources`` (the first) into ``target``."""
    return f"from {sources[0]} {target}"


def incoming_names(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int], member: str, upright: bool
) -> list[str]:
    """The names of the arriving references a page of ``nodes`` hangs from ``member``.

    None on an ``upright`` page: they sit beside it there (see :func:`incoming`).
    """
    if upright:
        return []
    return [arrival_name(t, s) for t, _, s in arriving(m, nodes, home) if t == member]


def incoming_anchors(
    m: ArgumentMap, nodes: Sequence[str], home: Mapping[str, int]
) -> dict[str, tuple[int, ...]]:
    """Each arriving reference's SVG anchor on a page of ``nodes`` -> its sources' pages."""
    found = arriving(m, nodes, home)
    return {f"a_inref-{s[0]}-{t}": tuple([home[i] for i in s]) for t, _, s in found}


REF: Final = "ref "
"""How the name of a reference to another page begins (see :func:`outgoing_name`)."""


def outgoing_name(node_id: str, target: str) -> str:
    """The name of the reference to ``target``, on another page, from ``node_id``."""
    return f"{REF}{node_id} {target}"


def ref_name(node_id: str, ref: str) -> str:
    """The name of the reference a planner's ``ref`` of ``node_id`` draws.

    An outgoing reference (``ref`` the target) is named ``ref SOURCE TARGET``, an
    arriving one (``ref`` marked: see :func:`incoming`) ``from SOURCE TARGET``, after its
    first source.
    """
    if ref.startswith(INCOMING):
        return arrival_name(node_id, split_incoming(ref)[1])
    return outgoing_name(node_id, ref)


def incoming(
    node_id: str,
    linked_from: Sequence[str],
    full: Set[str],
    node: Mapping[str, Node],
) -> tuple[str, ...]:
    """The planner's references arriving at ``node_id`` from its sources off the page.

    One a way the links bear on it, marked: ``<how:source,source``. A landscape page
    draws them in the row of its children, last; an upright page, whose rows hold about
    a box each, beside it on its rank (see :func:`is_incoming`): below it, the flagship's
    first upright slide took a row more, two slides more in all, and the rows' holds
    turned an undercutter's arrow onto the box.
    """
    pairs = [
        (s, link.relation)
        for s in linked_from
        if s not in full
        for link in node[s].links
        if link.to == node_id
    ]
    return tuple([f"{INCOMING}{how.value}:{','.join(s)}" for how, s in _grouped(pairs)])


def is_incoming(ref: str) -> bool:
    """Whether a planner's reference is to cross-links arriving (see :func:`incoming`)."""
    return ref.startswith(INCOMING)


def split_incoming(ref: str) -> tuple[Relation, tuple[str, ...]]:
    """How the links of a planner's arriving reference bear, and their sources."""
    how, _, sources = ref[len(INCOMING) :].partition(":")
    return Relation(how), tuple(sources.split(","))
