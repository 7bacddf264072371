"""A page's top that undercuts a breadcrumb row's link: the junction, its side, the arrow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.dot import Compass, Digraph, Port
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.trailcuts import ABOVE, FLAT, link_through, trail_cutters, trail_link
from argmap.exporters.diagram.worksheet import no_arrow_box
from argmap.model import ArgumentMap, Node, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = ["link_side", "onto_trail_link", "other_side"]


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
    side = end.compass or ("" if plan.cut_way == FLAT else link_side(m, plan))  # FLAT: middle
    link = no_arrow_box(edge_attrs(target, target.relation or Relation.SUPPORTS, False))
    junction = trail_link(g, f"trail {target.id}", (row, side), link)
    way = {"minlen": "0"} if plan.cut_way == FLAT else {}
    arrow = {**sheets.onto_arrow(attrs, True), **way}
    if own is None:
        g.edge(node.id, junction, arrow)
    else:
        link_through(g, (node.id, junction), arrow, own.removeprefix("junction "))


def link_side(m: ArgumentMap, plan: PagePlan) -> Compass:
    """The side of the breadcrumb its undercut links leave: the plan's, else its tops' side.

    Out of the side away from the tops that undercut it, the link's junction sat beyond
    the page's other tops, and a cutter's arrow ran across theirs to it (a random
    debate's slide: the undercutter first of two tops, the link out of the right side,
    the other top's arrow crossed). Unless the plan names a side, the link leaves the
    left side where its first cutter is the first of a row of tops, else the right (from
    the second of four on the flagship's slide 13, out of the left it ran beside the
    first top's arrow, along the breadcrumb's border).
    """
    if plan.link_side:
        return plan.link_side
    cutters = trail_cutters(m, plan)
    for wrap in plan.page.wraps:
        if wrap.parent != TRAIL:
            continue
        for row in wrap.rows:
            at = next((k for k, name in enumerate(row) if name in cutters), None)
            if at is not None:
                return "w" if at == 0 and len(row) > 1 else "e"
    return "e"


def other_side(m: ArgumentMap, plan: PagePlan) -> PagePlan | None:
    """The plan with its breadcrumb's undercut links out of the other side (see :func:`link_side`).

    Which side crosses less depends on where the engine puts the tops and their rows, so
    :func:`~.pagetries.fewer_crossings` lays the page out both ways (the tester's car-free
    debate, slide 13: out of the right side, two crossings). None: the page draws no
    such link (left to right, none is), or names its side already.
    """
    if plan.across or plan.cut_way != ABOVE or plan.link_side or not trail_cutters(m, plan):
        return None
    return replace(plan, link_side="e" if link_side(m, plan) == "w" else "w")
