"""Undercut links' junctions, and a continued branch's undercutters by its top or junction."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.dot import Digraph, Port
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.pagetrailsize import TRAIL_COLUMN
from argmap.exporters.diagram.rowholds import leaf_holds
from argmap.exporters.diagram.stacking import (
    NODESEP,
    RANKSEP,
    Item,
    Wrap,
    group_layout,
    hold_rows,
    lowest,
    merged,
)
from argmap.model import ArgumentMap, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Estimator, Unit
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "add_junction",
    "beside_cutters",
    "clear_beside",
    "hold_with_beside",
    "hung_tops",
    "in_first_row",
    "link_through",
    "place_cutters",
    "split_beside",
    "tops_beside",
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
    """The page's tops whose arrows into their parents' breadcrumb rows carry a junction.

    An undercutter of such a top's link to its parent aims at that arrow, as it does on a
    page that draws the parent in full: drawn at the top's box, it read as an attack on
    the top's claim (the flagship's slide 2: the article's three alternative explanations
    of Moscow's turn, each undercutting the step from it to the thesis; the rouble
    condition on the trade protocol, one of a slide's three tops; a linked group's
    members, each undercut, whose one arrow carries the junction). Only where the
    planner put its undercutters beside it (see :func:`beside_cutters`): held among its
    children, their arrows went round the whole branch to the junction, drew the page
    wider than planned and crossed other arrows. Elsewhere (left to right, no room
    beside it) they aim at its box, as before.
    """
    hung = []
    for top_id in _beside_tops(plan):
        top = m.get(top_id)
        ok = top.parent in plan.page.trail and top.relation is not None
        if ok and top.kind is not NodeKind.CONCLUSION:
            hung.append(top_id)
    return frozenset(hung)


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
    """The undercutters drawn beside the page's tops, by name, top by top: nodes and stubs.

    Held in its children's rows, their arrows went round the whole branch up to the
    junction on its arrow into the breadcrumb; beside the top, a rank below the junction,
    they reach it straight. Where the planner found room for them there (it notes them as
    a row ``beside TOP`` with it, see :func:`tops_beside`); else they stay among its
    children.
    """
    tops = set(plan.page.tops)
    rows = _beside_rows(plan).values()
    return tuple(n for row in rows for n in row if n not in tops and not n.startswith("junction "))


def _beside_tops(plan: PagePlan) -> list[str]:
    """The page's tops drawn in a row with undercutters (a linked group's members, each)."""
    tops = set(plan.page.tops)
    rows = _beside_rows(plan).items()  # a row on the junction's rank holds no top
    return [n for top, row in rows for n in dict.fromkeys((top, *row)) if n in tops]


def _beside_rows(plan: PagePlan) -> dict[str, tuple[str, ...]]:
    """The page's tops, or their junctions, in rows with their undercutters: top -> its row.

    A linked group's row holds its members, under its first. None where the tops go
    down the breadcrumb's column (its edges go round it in lanes).
    """
    tops = plan.page.tops
    wraps = plan.page.wraps
    if plan.across or (len(tops) > 1 and any(w.parent == TRAIL_COLUMN for w in wraps)):
        return {}
    marks = {f"beside {top}": top for top in tops}
    return {marks[wrap.parent]: wrap.rows[0] for wrap in wraps if wrap.parent in marks}


def tops_beside(
    est: Estimator,
    tops: Sequence[Unit],
    items: list[Item],
    page: tuple[Collection[str], Mapping[str, int]],
    block: Mapping[str, Item],
    how: tuple[float, float],
) -> tuple[list[Item], list[Wrap]]:
    """The tops' items (``items``), each widened by its link's undercutters beside it.

    They aim at the junction on its arrow into the breadcrumb, from beside the top, a
    rank below the junction, or, a page's one top, from the junction's rank (see
    :func:`place_cutters`), where they fit; they stay counted among its children too, so
    the estimate errs on the safe side. Returns the items, and the rows that note the
    choice for the graph (``beside TOP``; none: the items as given). ``page``: its full
    nodes, and the stub limits; ``how``: the row width, and the width a linked group's
    boxes side by side may take.
    """
    widened, noted = list(items), []
    for k, unit in enumerate(tops):
        placed = _cutters_beside(est, unit, items[k], page, block, how)
        if placed is not None and (len(tops) == 1 or unit[0] in placed[1].rows[0]):
            widened[k], _ = placed
            noted.append(placed[1])
    return (widened, noted) if noted else (items, [])


def in_first_row(rows: Sequence[Sequence[Item]], beside: Sequence[Wrap]) -> bool:
    """Whether the tops drawn with undercutters beside them are all in the tops' first row.

    In a later row, their arrows and the undercutters' would pass the row above: a page
    of several tops takes them only in its first (else it takes fewer tops; drawn at
    the tops' boxes instead, the undercutters read as attacks on their claims).
    """
    first = {f"beside {item.name}" for item in rows[0]}
    return all(wrap.parent in first for wrap in beside)


def _cutters_beside(
    est: Estimator,
    unit: Unit,
    item: Item,
    page: tuple[Collection[str], Mapping[str, int]],
    block: Mapping[str, Item],
    how: tuple[float, float],
) -> tuple[Item, Wrap] | None:
    """A top's item widened by its undercutters beside it, and their row; None: no room.

    A linked group (the whole of it, side by side) takes its members' undercutters
    beside its box: they undercut its one link, through the junction on its arrow.
    ``how``: the row width, and the width a linked group's boxes side by side may take.
    """
    limit, fit = how
    top = unit[0]
    node = est.node[top]
    if top == est.root or node.relation is None or node.kind is NodeKind.CONCLUSION:
        return None
    if len(unit) > 1 and not _whole_row(est, unit, block, fit):
        return None
    full, limits = page
    kids = [c for t in unit for c in est.children[t]]
    cutters = [c for c in kids if est.node[c].relation is Relation.UNDERCUTS]
    grouped = any(limits.get(t, math.inf) < len(est.units(t)) for t in unit)  # in one stub
    if not cutters or grouped or any(est.node[c].group for c in cutters):
        return None
    beside = [block[c] if c in full else est.stub_item((c,), False) for c in cutters]
    own = [est.sizes[t] for t in unit]
    box = sum(w for w, _ in own) + NODESEP * (len(unit) - 1) + 2 * est.box[0]
    # (A page drawn wider than planned is planned again: they go among its children.)
    placed = place_cutters(top, (box, item.width), beside, limit)
    if placed is None or (len(unit) > 1 and top not in placed[0]):
        return None
    row, width, above = placed
    row = tuple(n for name in row for n in (unit if name == top else (name,)))
    if len(unit) == 1 and top in row and set(est.children[top]) <= set(cutters):
        side = [Item(top, own[0][0], (own[0][1],), top), *beside]  # all it has: beside it
        item = Item(top, side[0].width, merged(side), lowest(side).deepest)
    ranks = (item.ranks[0] + above, *item.ranks[1:])  # and the junction's rank above it
    widened = item._replace(width=max(item.width, width), ranks=ranks)
    return widened, Wrap(f"beside {top}", (row,), ())


def _whole_row(est: Estimator, unit: Unit, block: Mapping[str, Item], fit: float) -> bool:
    """Whether a unit is a whole linked group, drawn side by side (one row in its box)."""
    group = est.node[unit[0]].group
    parent = est.parent[unit[0]]
    members = [c for c in est.children[parent or ""] if est.node[c].group == group]
    return len(members) == len(unit) and group_layout([block[t] for t in unit], fit) is None


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
    """Hold the page's rows, and the undercutters in a row with their top or junction.

    See :func:`~.stacking.hold_rows`; each row (see :func:`place_cutters`) keeps its
    order. Several tops in a row take their undercutters into it, each beside its own:
    held apart, the engine put one top's beside another's.
    """
    rows = _beside_rows(plan)
    wraps = clear_beside(plan, held)
    at = next((k for k, w in enumerate(wraps) if w.parent == "trail"), None)
    if len(plan.page.tops) > 1 and at is not None:
        trail = wraps[at]
        spliced = (tuple(n for name in row for n in rows.get(name, (name,))) for row in trail.rows)
        wraps[at] = trail._replace(rows=tuple(spliced))
        rows = {}
    hold_rows(g, wraps)
    hold_rows(g, [Wrap(f"beside {top}", (row,), ()) for top, row in rows.items()])


def clear_beside(plan: PagePlan, wraps: Sequence[Wrap]) -> list[Wrap]:
    """The rows of the page's tops without the undercutters drawn beside them.

    Rows of single boxes are held again as planned for rows as long as they are now
    (see :func:`~.rowholds.leaf_holds`): held as before, below the boxes the undercutters'
    places were counted under, their edges went round the row above (the flagship's
    slide 2). An item of a later row held below a deeper block's node keeps it, or takes
    its row's first other item if that was an undercutter, or the top if none is left.
    """
    beside = set(beside_cutters(plan))
    if not beside:
        return list(wraps)
    tops = set(_beside_tops(plan))
    out: list[Wrap] = []
    for wrap in wraps:
        if wrap.parent not in tops:
            out.append(wrap)
            continue
        top = wrap.parent
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
