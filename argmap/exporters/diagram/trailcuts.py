"""Undercut links: a junction point on the arrow, on a top's arrow into the breadcrumb too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.dot import Digraph, Port
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.model import ArgumentMap, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.paging import Stub

__all__ = ["add_junction", "cutters_of", "hang_through", "hung_tops"]


def add_junction(g: Digraph, key: str, color: str) -> str:
    """Add the point in the middle of an undercut link; return its name."""
    junction, name = f"junction {key}", graphviz_escape(f"junction-{key.replace(' ', '-')}")
    point = {"shape": "point", "width": "0.14", "color": color, "label": ""}
    g.node(junction, {**point, "id": name, "class": "junction"})
    return junction


def hung_tops(m: ArgumentMap, plan: PagePlan) -> frozenset[str]:
    """The page's tops whose arrow into their parent's breadcrumb row can carry a junction.

    An undercutter of such a top's link to its parent aims at that arrow, as it does on a
    page that draws the parent in full: drawn at the top's box, it read as an attack on
    the top's claim (the flagship's slide 2: the article's three alternative explanations
    of Moscow's turn, each undercutting the step from it to the thesis). Top down or
    bottom up only: left to right, a junction takes a column (rank) of its own, and moved
    a linked group's boxes out of their column's order, and in the breadcrumb's column the
    arrows go round it in lanes. Nor a conclusion's step, drawn apart (see :mod:`.drawn`),
    nor tops of a page of several branches: the engine swapped their junctions, and with
    them the branches below (five crossings on a page of a map of undercut steps).
    """
    if plan.across or len({m.get(top).group or top for top in plan.page.tops}) > 1:
        return frozenset()  # several branches: the engine swapped their junctions
    trail = set(plan.page.trail)
    return frozenset(
        top
        for top in plan.page.tops
        if (node := m.get(top)).parent in trail
        and node.relation is not None
        and node.kind is not NodeKind.CONCLUSION
    )


def hang_through(
    g: Digraph,
    top: str,
    end: Port | str,
    attrs: Mapping[str, str],
    junction: str,
    below: Sequence[str] = (),
) -> None:
    """Draw a top's arrow into the breadcrumb through ``junction``, undercutters' target.

    The undercutters and their stubs (``below``, by name) stay a rank below the top, where
    the page was planned with them: their arrows alone would rank them beside it, one
    rank below the junction (a page of one reason and a stub went wider than the page).
    """
    add_junction(g, junction.removeprefix("junction "), attrs.get("color", "#4527a0"))
    half, rest = sheets.arrow_halves(dict(attrs))
    g.edge(top, junction, {**half, "arrowhead": "none"})
    g.edge(junction, end, {k: v for k, v in rest.items() if k != "ltail"})
    for name in below:
        g.edge(name, top, {"style": "invis"})


def cutters_of(m: ArgumentMap, plan: PagePlan, tops: Sequence[str]) -> list[str]:
    """The names of the undercutters of the ``tops``' link the page draws: nodes, stubs."""
    cut = set(tops)
    nodes = [
        n
        for n in plan.page.nodes
        if (node := m.get(n)).parent in cut and node.relation is Relation.UNDERCUTS
    ]
    stubs = [stub.name for stub in plan.page.stubs if stub.parent in cut and _cutters(m, stub)]
    return [*nodes, *stubs]


def _cutters(m: ArgumentMap, stub: Stub) -> bool:
    """Whether a stub stands for undercutters only (see :func:`.drawn.undercutters`)."""
    return all(m.get(top).relation is Relation.UNDERCUTS for top in stub.tops)
