"""A reference to a cross-link arriving from another page: by its target, the arrow into it."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence, Set

from argmap.exporters.diagram.arriving import Arrival, arrival_name, arriving, fits_beside
from argmap.exporters.diagram.dot import Digraph, edge_line, escape
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.pagerefs import (
    IN_WORDS,
    REF_MARGIN,
    REF_POINTS,
    boxed_label,
    in_ref_lines,
    in_ref_size,
)
from argmap.exporters.diagram.worksheet import no_arrow_box
from argmap.model import ArgumentMap, Node, Relation

__all__ = ["Arrivals"]

EdgeAttrs = Callable[[Node, Relation, bool], dict[str, str]]


class Arrivals:
    """A page's references arriving from other pages, added among its nodes in file order.

    Each goes after the last of its target's branch on the page (its children, their
    stubs): the engine orders a rank's nodes by when it first meets them, and a reference
    met before its target's neighbours' children pulled a linked group's boxes out of
    file order.
    """

    def __init__(
        self,
        m: ArgumentMap,
        page: tuple[Sequence[str], Sequence[str], Mapping[str, int], Callable[[int], str]],
        look: tuple[bool, bool, bool],
        edge_attrs: EdgeAttrs,
        ports: Mapping[str, str],
        held: Set[str] = frozenset(),
        beside: tuple[Callable[[str], float], float] | None = None,
    ) -> None:
        """The references of a page (see the arguments).

        Args:
            m: the map.
            page: its nodes, its stubs' first nodes, where each node is drawn in full and
                how a page number is drawn (a draft's zeros).
            look: left to right, narrow, upright (see :class:`~.pageparts.PagePlan`).
            edge_attrs: the diagram's edge attributes.
            ports: the side of each parent of rows where its children's edges end.
            held: the items held in a later row (see :class:`~.stacking.Wrap`): on an
                upright page, a reference there is not ranked, as an outgoing one.
            beside: on an upright page, a node's box width and the drawing's room (top
                down): its references go beside it where they fit, as the planner
                counts them (see :func:`~.arriving.fits_beside`).
        """
        nodes, tops, home, self.number = page
        self.m, self.home, self.look = m, home, look
        self.edge_attrs, self.ports, self.held = edge_attrs, ports, held
        found = arriving(m, nodes, home)
        if look[2] and beside is not None:  # left to right, a rank as tall as the page
            beside = (beside[0], math.inf) if look[0] else beside
            found = _fitting(m, found, beside, len(str(len(home))))
        self.arriving = found
        after = _branch_ends(m, {t for t, _, _ in found}, [*nodes, *tops])
        before = _group_starts(m, nodes)
        todo = [(before.get(t, after[t]), after[t], i) for i, (t, _, _) in enumerate(found)]
        self.todo = sorted(todo, reverse=True)
        self.edges: list[tuple[int, str]] = []

    def add_before(self, g: Digraph, limit: int | None) -> None:
        """Add the references that go before the node at file position ``limit`` (None: all)."""
        while self.todo and (limit is None or self.todo[-1][0] < limit):
            _, after, index = self.todo.pop()
            line = _add_one(g, self, self.arriving[index])
            self.edges.append((after, line))
            self.edges.sort(key=lambda edge: -edge[0])  # (stable: the last added goes last)

    def edges_before(self, g: Digraph, limit: int | None) -> None:
        """Add the edges of the references added before the node at ``limit`` (None: all)."""
        while self.edges and (limit is None or self.edges[-1][0] < limit):
            g.line(self.edges.pop()[1])


def _fitting(
    m: ArgumentMap,
    found: list[Arrival],
    beside: tuple[Callable[[str], float], float],
    digits: int,
) -> list[Arrival]:
    """The arriving references that fit beside their targets (see :func:`.fits_beside`)."""
    width, room = beside
    refs: dict[str, list[float]] = {}
    for target, how, sources in found:
        refs.setdefault(target, []).append(in_ref_size(how, len(sources), digits, True)[0])
    grouped = {t for t in refs if m.get(t).group is not None}
    fit = {t for t, widths in refs.items() if fits_beside(width(t), widths, room, t in grouped)}
    return [arrival for arrival in found if arrival[0] in fit]


def _group_starts(m: ArgumentMap, nodes: Sequence[str]) -> dict[str, int]:
    """Each member of a linked group the page draws whole -> just before its first member.

    A reference to a member is added there, before the group's box: met after it, the
    engine drew a branch that follows the group in the map before it (the flagship's
    objection to its thesis, beside the group of reasons two links arrive at).
    """
    firsts: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for node_id in nodes:
        group = m.get(node_id).group
        if group is not None:
            members.setdefault(group, []).append(node_id)
            firsts.setdefault(group, m.position(node_id) - 1)
    return {i: firsts[g] for g, found in members.items() if len(found) > 1 for i in found}


def _branch_ends(m: ArgumentMap, targets: Set[str], drawn: Sequence[str]) -> dict[str, int]:
    """Each target -> the file position of the last of its branch that ``drawn`` holds.

    A node's way up to a target on the page runs through nodes the page holds: the walk
    stops where it leaves them (up to the root, each page of a chain 5,000 deep walked
    thousands of levels a node, and a PDF of it took twice the time).
    """
    ends = {t: m.position(t) for t in targets}
    if not ends:
        return ends
    held = set(drawn)
    for node_id in drawn:
        at, up = m.position(node_id), m.get(node_id).parent
        for _ in range(len(held)):  # bounded: the tree has no cycle
            if up is None or up not in held:
                break
            if up in ends and ends[up] < at:
                ends[up] = at
            up = m.get(up).parent
    return ends


def _add_one(g: Digraph, how: Arrivals, arrival: Arrival) -> str:
    """Draw the reference to the links of ``arrival`` by its target; return its edge.

    Below the target on a landscape page; beside it, on its rank, on an upright one (as
    the planner counts it: see :func:`~.arriving.incoming`), its arrow along the rank
    into the target's side. In the links' colour, dashed; its edge is theirs, the arrow
    into the target. It says
    which pages they come from (linking to the first; the tooltip gives each source's
    page, in file order, then their statements). A worksheet's box to fill in stays on
    the source's page, where the link's other end is drawn.
    """
    target, relation, sources = arrival
    name = arrival_name(target, sources)
    pages = [how.home[source] for source in sources]
    drawn = [how.number(page) for page in sorted(set(pages))]
    drawn_as = how.edge_attrs(how.m.get(sources[0]), relation, True)
    attrs = no_arrow_box(drawn_as)
    # A label worksheet's arrow has a box for its sign: the reference names no relation.
    said_how = None if len(attrs) < len(drawn_as) else relation
    color = attrs.get("color", "#424242")
    said = " | ".join([how.m.get(source).text for source in sources])
    told = ", ".join([how.number(page) for page in pages])
    word = IN_WORDS[said_how].capitalize()
    # As wide as in the page's draft (its numbers zeros, one digit a node): the engine
    # laying the finished page out again (its own PNG) draws the same box.
    room = in_ref_lines(said_how, ["0" * len(str(len(how.home)))] * len(drawn), how.look[2])
    g.node(
        name,
        {
            "label": boxed_label(
                REF_POINTS, *in_ref_lines(said_how, drawn, how.look[2]), room=room
            ),
            "shape": "box",
            "style": "dashed",
            "color": color,
            "fontcolor": color,
            "fontsize": f"{REF_POINTS:g}",
            "margin": f"{REF_MARGIN[0]:g},{REF_MARGIN[1]:g}",
            "id": escape(f"inref-{sources[0]}-{target}"),
            "tooltip": graphviz_escape(f"{word} from p. {told}: {said}"),
            "class": "page-ref incoming",
            "URL": escape(f"#page-{drawn[0]}"),
            "target": "_self",
        },
    )
    if how.look[2]:  # upright: beside the target (a flat edge: the reference before it)
        with g.subgraph() as beside:
            beside.set({"rank": "same"})
            beside.node(target)
            beside.node(name)
        return edge_line(name, target, attrs)
    port = how.ports.get(target)
    return edge_line(name, target, {**attrs, **({"headport": port} if port else {})})
