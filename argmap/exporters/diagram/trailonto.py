"""A page's top that undercuts a breadcrumb row's link: the junction, its side, the arrow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.dot import Digraph, Port
from argmap.exporters.diagram.trailcuts import ABOVE, FLAT, link_through, trail_cutters, trail_link
from argmap.exporters.diagram.worksheet import no_arrow_box
from argmap.model import ArgumentMap, Node, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = ["onto_trail_link", "west_way"]


def onto_trail_link(
    g: Digraph,
    page: tuple[ArgumentMap, PagePlan],
    top: tuple[Node, Port],
    attrs: dict[str, str],
    styled: tuple[Callable[[Node, Relation, bool], dict[str, str]], str | None],
) -> None:
    """Draw a top that undercuts a breadcrumb row's link to the row above: onto its junction.

    The link is drawn too (once: :func:`~.trailcuts.trail_link`), from the row's side down
    to the junction and up into the row above's side; the top's arrow ends on it. Aimed at
    the row, its arrow read as an attack on that claim (the flagship's alternative
    explanations of Moscow's turn, each a page's top on upright A4). ``top``: the node and
    where its arrow would end; ``styled``: the edges' styler, and the top's own junction
    where its arrow is undercut in turn (an undercut of an undercut: its arrow goes through
    that junction on to this one, not with a bar onto the row, where it read as an attack
    on the row's claim).
    """
    m, plan = page
    (node, end), (edge_attrs, own) = top, styled
    target = m.get(node.parent or "")
    row = plan.page.trail.index(target.id)
    side = end.compass or ("" if plan.cut_way == FLAT else plan.link_side or "e")  # FLAT: middle
    link = no_arrow_box(edge_attrs(target, target.relation or Relation.SUPPORTS, False))
    junction = trail_link(g, f"trail {target.id}", (row, side), link)
    way = {"minlen": "0"} if plan.cut_way == FLAT else {}
    arrow = {**sheets.onto_arrow(attrs, True), **way}
    if own is None:
        g.edge(node.id, junction, arrow)
    else:
        link_through(g, (node.id, junction), arrow, own.removeprefix("junction "))


def west_way(m: ArgumentMap, plan: PagePlan) -> PagePlan | None:
    """The plan with its breadcrumb's undercut links out of the left side, if out of the right.

    Out of the right side, a link's junction sits right of the breadcrumb, and an
    undercutter left of the page's other tops runs its arrow across theirs to it (the
    tester's car-free debate, slide 13: two crossings). Which side crosses less depends on
    where the engine puts the tops, so :func:`~.pagetries.fewer_crossings` lays the page
    out both ways. None: the page draws no such link (left to right, none is).
    """
    if plan.across or plan.cut_way != ABOVE or plan.link_side or not trail_cutters(m, plan):
        return None
    return replace(plan, link_side="w")
