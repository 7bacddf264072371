"""Undercut links' junctions, and a continued branch's undercutters by its top or junction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.dot import Digraph, Port
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.rowholds import leaf_holds
from argmap.exporters.diagram.stacking import NODESEP, RANKSEP, Item, Wrap, hold_rows
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "add_junction",
    "beside_cutters",
    "clear_beside",
    "hold_with_beside",
    "hung_tops",
    "link_through",
    "place_cutters",
    "split_beside",
]

JUNCTION_RANK: Final = RANKSEP + 0.14 * 72
"""The rank an undercut link's junction takes between a page's top and its breadcrumb."""


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


def link_through(
    g: Digraph,
    ends: tuple[str, Port | str],
    attrs: Mapping[str, str],
    key: str,
    extra: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {}),
) -> None:
    """Draw an undercut link ``tail -> head`` in two halves through the junction of ``key``.

    The first half has no arrowhead (a worksheet's blank box goes on it once, see
    :func:`~.worksheet.arrow_halves`); ``extra``: more attributes for each half (the tail's
    linked group, the head's port).
    """
    tail, head = ends
    junction = add_junction(g, key, attrs.get("color", "#4527a0"))
    half, rest = sheets.arrow_halves(dict(attrs))
    g.edge(tail, junction, {**half, **extra[0], "arrowhead": "none"})
    g.edge(junction, head, {**{k: v for k, v in rest.items() if k != "ltail"}, **extra[1]})


def place_cutters(
    top: str, size: tuple[float, float], beside: Sequence[Item], limit: float
) -> tuple[tuple[str, ...], float, float] | None:
    """Where a continued branch's undercutters go, if anywhere: their row, its width, the rank.

    Beside its top, shared between its sides (see :func:`split_beside`), where that fits
    ``limit``; else on the rank of the junction above it, to its left, each aiming across
    at it (an upright page: among the top's children, they aimed at its box, an attack on
    its claim to any reader), where that fits and they are single boxes. ``size``: the
    widths of the top's box and of its block; the rank: how much taller the top's rank
    grows with the junction's above it. None: they stay among its children.
    """
    row, width = split_beside(top, size, beside, NODESEP)
    if width <= limit:
        return row, width, JUNCTION_RANK
    reach = sum(item.width + NODESEP for item in beside)  # left of the top's middle
    width = max(size[1] / 2, reach) + size[1] / 2
    if width > limit or any(len(item.ranks) > 1 for item in beside):
        return None
    tall = max(item.ranks[0] for item in beside)
    return (*(item.name for item in beside), f"junction {top}"), width, tall + RANKSEP


def beside_cutters(plan: PagePlan) -> tuple[str, ...]:
    """The undercutters of a page's one top, by name, drawn beside it: nodes and stubs.

    Held in its children's rows, their arrows went round the whole branch up to the
    junction on its arrow into the breadcrumb; beside the top, a rank below the junction,
    they reach it straight. Where the planner found room for them there (it notes them as
    a row ``beside TOP`` with it, see ``Estimator._beside``); else they stay among its children.
    """
    top = plan.page.tops[0] if len(plan.page.tops) == 1 else ""
    return tuple(n for n in _beside_row(plan) if n not in (top, f"junction {top}"))


def _beside_row(plan: PagePlan) -> tuple[str, ...]:
    """The page's one top, or its junction, in a row with its undercutters, left to right."""
    if plan.across or len(plan.page.tops) != 1:
        return ()
    mark = f"beside {plan.page.tops[0]}"
    return next((wrap.rows[0] for wrap in plan.page.wraps if wrap.parent == mark), ())


def split_beside(
    top: str, size: tuple[float, float], beside: Sequence[Item], gap: float
) -> tuple[tuple[str, ...], float]:
    """Share a top's undercutters between its two sides; return the row and its width.

    The first ones in file order go on its left, as many as keep the two sides nearest
    in width (on a tie, more on the left): all on one side, the engine centred the top's
    rows under it and the rows reached past the page's other side (the flagship's A4
    page 2: 1,111 points wide, planned at 985). ``size``: the widths of the top's box and
    of its block; the row's width is the box's with them, or the block's (its rows, which
    the engine shifts under them).
    """
    reach = [sum(item.width + gap for item in beside[:left]) for left in range(len(beside) + 1)]
    left = min(range(len(beside), -1, -1), key=lambda k: abs(2 * reach[k] - reach[-1]))
    names = (*(i.name for i in beside[:left]), top, *(i.name for i in beside[left:]))
    return names, max(size[1], size[0] + reach[-1])


def hold_with_beside(g: Digraph, plan: PagePlan, held: Sequence[Wrap]) -> None:
    """Hold the page's rows, and its undercutters in a row with its one top or junction.

    See :func:`~.stacking.hold_rows`; the row (see :func:`place_cutters`) keeps its order.
    """
    hold_rows(g, clear_beside(plan, held))
    row = _beside_row(plan)
    if row:
        hold_rows(g, [Wrap(f"beside {plan.page.tops[0]}", (row,), ())])


def clear_beside(plan: PagePlan, wraps: Sequence[Wrap]) -> list[Wrap]:
    """The rows of the page's one top without the undercutters drawn beside it.

    Rows of single boxes are held again as planned for rows as long as they are now
    (see :func:`~.rowholds.leaf_holds`): held as before, below the boxes the undercutters'
    places were counted under, their edges went round the row above (the flagship's
    slide 2). An item of a later row held below a deeper block's node keeps it, or takes
    its row's first other item if that was an undercutter, or the top if none is left.
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
        named = {n for row in wrap.rows for n in row}
        kept = [tuple(n for n in row if n not in beside) for row in wrap.rows]
        pairs = zip(wrap.rows, kept, strict=True)
        first = {n: next(iter(k), top) for row, k in pairs for n in row}
        rows = [row for row in kept if row]
        holds: list[tuple[str, str]] = []
        for depth, row in enumerate(rows[1:], start=1):
            old = [(item, anchor) for item, anchor in wrap.holds if item in row]
            if all(anchor in named for _, anchor in old):  # single boxes above
                holds += leaf_holds(row, rows[:depth])
            else:
                holds += [(i, first[a] if a in beside else a) for i, a in old]
        out.append(wrap._replace(rows=tuple(rows), holds=tuple(holds)))
    return out
