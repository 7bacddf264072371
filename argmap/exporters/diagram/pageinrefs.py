"""A reference to a cross-link arriving from another page: below its target, the arrow into it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set

from argmap.exporters.diagram.arriving import arriving
from argmap.exporters.diagram.dot import Digraph, edge_line, escape
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.pagerefs import REF_MARGIN, REF_POINTS, boxed_label, in_ref_lines
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
        """
        nodes, tops, home, self.number = page
        self.m, self.home, self.look = m, home, look
        self.edge_attrs, self.ports, self.held = edge_attrs, ports, held
        self.arriving = found = arriving(m, nodes, home)
        after = _branch_ends(m, {t for t, _, _ in found}, [*nodes, *tops])
        self.todo = sorted(((after[t], i) for i, (t, _, _) in enumerate(found)), reverse=True)
        self.edges: list[tuple[int, str]] = []

    def add_before(self, g: Digraph, limit: int | None) -> None:
        """Add the references that go before the node at file position ``limit`` (None: all)."""
        while self.todo and (limit is None or self.todo[-1][0] < limit):
            after, index = self.todo.pop()
            target, source, relation = self.arriving[index]
            line = _add_one(g, self, target, source, relation)
            self.edges.insert(0, (after, line))

    def edges_before(self, g: Digraph, limit: int | None) -> None:
        """Add the edges of the references added before the node at ``limit`` (None: all)."""
        while self.edges and (limit is None or self.edges[-1][0] < limit):
            g.line(self.edges.pop()[1])


def _branch_ends(m: ArgumentMap, targets: Set[str], drawn: Sequence[str]) -> dict[str, int]:
    """Each target -> the file position of the last of its branch that ``drawn`` holds."""
    ends = {t: m.position(t) for t in targets}
    for node_id in drawn:
        at, up = m.position(node_id), m.get(node_id).parent
        for _ in range(len(m)):  # bounded: the tree has no cycle
            if up is None:
                break
            if up in ends and ends[up] < at:
                ends[up] = at
            up = m.get(up).parent
    return ends


def _add_one(g: Digraph, how: Arrivals, target: str, source: str, relation: Relation) -> str:
    """Draw the reference to ``source`` below ``target``; return its edge's statement.

    In the link's colour, dashed; its edge is the cross-link's, the arrow into the
    target. A worksheet's box to fill in stays on the source's page, where the link's
    other end is drawn.
    """
    node = how.m.get(source)
    name, drawn = f"from {source} {target}", how.number(how.home[source])
    attrs = no_arrow_box(how.edge_attrs(node, relation, True))
    color = attrs.get("color", "#424242")
    g.node(
        name,
        {
            "label": boxed_label(REF_POINTS, *in_ref_lines(node.text, drawn, *how.look)),
            "shape": "box",
            "style": "dashed",
            "color": color,
            "fontcolor": color,
            "fontsize": f"{REF_POINTS:g}",
            "margin": f"{REF_MARGIN[0]:g},{REF_MARGIN[1]:g}",
            "id": escape(f"inref-{source}-{target}"),
            "tooltip": graphviz_escape(f"{node.text} (page {drawn})"),
            "class": "page-ref incoming",
            "URL": escape(f"#page-{drawn}"),
            "target": "_self",
        },
    )
    port = how.ports.get(target)
    if how.look[2] and name in how.held:  # not ranked: see pagerefs.ref_edge
        attrs["constraint"] = "false"
    return edge_line(name, target, {**attrs, **({"headport": port} if port else {})})
