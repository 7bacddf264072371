"""Undercut links' junctions, and a continued branch's undercutters beside its top."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.dot import Digraph, Port
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.stacking import Wrap

__all__ = [
    "add_junction",
    "beside_cutters",
    "clear_beside",
    "hang_through",
    "hung_tops",
]


def add_junction(g: Digraph, key: str, color: str) -> str:
    """Add the point in the middle of an undercut link; return its name."""
    junction, name = f"junction {key}", graphviz_escape(f"junction-{key.replace(' ', '-')}")
    point = {"shape": "point", "width": "0.14", "color": color, "label": ""}
    g.node(junction, {**point, "id": name, "class": "junction"})
    return junction


def hung_tops(m: ArgumentMap, plan: PagePlan) -> frozenset[str]:
    """The page's top whose arrow into its parent's breadcrumb row carries a junction.

    An undercutter of such a top's link to its parent aims at that arrow, as it does on a
    page that draws the parent in full: drawn at the top's box, it read as an attack on
    the top's claim (the flagship's slide 2: the article's three alternative explanations
    of Moscow's turn, each undercutting the step from it to the thesis). Only where the
    planner put its undercutters beside it (see :func:`beside_cutters`): held among its
    children, their arrows went round the whole branch to the junction, drew the page
    wider than planned and crossed other arrows. Elsewhere (left to right, several tops, no
    room) they aim at its box, as before.
    """
    if not beside_cutters(plan):
        return frozenset()
    top = m.get(plan.page.tops[0])
    ok = top.parent in plan.page.trail and top.relation is not None
    return frozenset([top.id]) if ok and top.kind is not NodeKind.CONCLUSION else frozenset()


def hang_through(
    g: Digraph, top: str, end: Port | str, attrs: Mapping[str, str], junction: str
) -> None:
    """Draw a top's arrow into the breadcrumb through ``junction``, undercutters' target."""
    add_junction(g, junction.removeprefix("junction "), attrs.get("color", "#4527a0"))
    half, rest = sheets.arrow_halves(dict(attrs))
    g.edge(top, junction, {**half, "arrowhead": "none"})
    g.edge(junction, end, {k: v for k, v in rest.items() if k != "ltail"})


def beside_cutters(plan: PagePlan) -> tuple[str, ...]:
    """The undercutters of a page's one top, by name, drawn beside it: nodes and stubs.

    Held in its children's rows, their arrows went round the whole branch up to the
    junction on its arrow into the breadcrumb; beside the top, a rank below the junction,
    they reach it straight. Where the planner found room for them there (it notes them as
    rows ``beside TOP``, see ``Estimator._beside``); else they stay among its children.
    """
    if plan.across or len(plan.page.tops) != 1:
        return ()
    mark = f"beside {plan.page.tops[0]}"
    return next((wrap.rows[0] for wrap in plan.page.wraps if wrap.parent == mark), ())


def clear_beside(plan: PagePlan, wraps: Sequence[Wrap]) -> list[Wrap]:
    """The rows of the page's one top without the undercutters drawn beside it.

    An item of a later row held below one of them is held below its row's first other
    item instead, or below the top if none is left.
    """
    beside = set(beside_cutters(plan))
    if not beside:
        return list(wraps)
    top = plan.page.tops[0]
    out: list[Wrap] = []
    for wrap in wraps:
        if wrap.parent != top:
            out.append(wrap)
            continue
        rows = [tuple(n for n in row if n not in beside) for row in wrap.rows]
        pairs = zip(wrap.rows, rows, strict=True)
        first = {n: next(iter(kept), top) for row, kept in pairs for n in row}
        holds = tuple(
            (item, first[anchor] if anchor in beside else anchor)
            for item, anchor in wrap.holds
            if item not in beside
        )
        out.append(wrap._replace(rows=tuple(row for row in rows if row), holds=holds))
    return out
