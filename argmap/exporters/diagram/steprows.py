"""A conclusion's step on its page: its undercutters beside its junction, steps in order."""

from __future__ import annotations

from collections.abc import Sequence, Set
from typing import TYPE_CHECKING

from argmap.analysis.view import drawn_up
from argmap.exporters.diagram.pagetrailsize import in_trail_column
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.trailcuts import undercutters
from argmap.model import NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageoverview import Around
    from argmap.exporters.diagram.paging import Page, Stub
    from argmap.model import ArgumentMap

__all__ = [
    "STEP_ROW",
    "STEP_WEIGHT",
    "hangs_below",
    "in_column",
    "step_rows",
    "steps_in_order",
    "undercut_steps_unheld",
    "undercutter_rows",
]

STEP_ROW = "so "
"""Prefixes an id: a row of "so" steps (a conclusion's junction and its undercutters; on
page 1, the root with the stubs of the conclusions drawn from it)."""

STEPS = "steps "
"""Prefixes a page's first top: the row holding its conclusions' steps left to right."""

STEP_WEIGHT = 10
"""On a conclusion's page, how hard the engine keeps the breadcrumb, and undercutters
hung below it, in line under the step's junction: so the page stays narrow."""


def undercutter_rows(
    m: ArgumentMap, nodes: Sequence[str], stubs: Sequence[Stub], around: Around, across: bool
) -> tuple[Wrap, ...]:
    """Rows that put each step's undercutters beside its junction, on its rank.

    Below it, beside what the conclusion is drawn from, they would make a row wider than
    an upright page. The first undercutter goes left of the junction, the rest right of
    it; those of a conclusion in ``around.low`` go below the breadcrumb instead (a
    narrower page). Drawn left to right (``across``), a rank is a column: the breadcrumb
    goes in it too, below the junction, rather than in a column of its own; there a
    stub of undercutters (of ``stubs``) goes where they would, in file order among them.
    """
    low: Set[str] = around.low
    drawn = set(nodes)
    wraps = []
    for node_id in nodes:
        if m.get(node_id).kind is not NodeKind.CONCLUSION:
            continue
        cut = [c.id for c in m.children(node_id) if c.relation is Relation.UNDERCUTS]
        cut = [c for c in cut if c in drawn]
        if across:  # top-down, the planner's rows hold them, below the breadcrumb
            cut += [s.tops[0] for s in stubs if s.parent == node_id and undercutters(m, s)]
        names = {s.tops[0]: s.name for s in stubs}  # the tops of stubs are not drawn
        cutters = [names.get(c, c) for c in sorted(cut, key=m.position)]
        if cutters and node_id in low:
            # In line under the breadcrumb, each hangs below it, its arrow going round it.
            holds = tuple((c, TRAIL) for c in cutters)
            wraps.append(Wrap(f"{STEP_ROW}{node_id}", (), holds, weight=STEP_WEIGHT))
        elif cutters:  # (the breadcrumb only in the rank of a step from it, not one above)
            from_trail = across and m.get(node_id).parent not in drawn
            row = (
                cutters[0],
                f"junction {node_id}",
                *cutters[1:],
                *([TRAIL] if from_trail else []),
            )
            wraps.append(Wrap(f"{STEP_ROW}{node_id}", (row,), ()))
    return tuple(wraps)


def in_column(m: ArgumentMap, wrap: Wrap, top: str, stubs: Sequence[Stub]) -> Wrap:
    """The undercutters of ``top``'s step, with the breadcrumb in its column.

    Left to right, on a page without room for a column of the breadcrumb's own (see
    ``TRAIL_COLUMN``), it sits in the column of the conclusion it leads to: the step's
    junction goes between them (the arrow runs down the column), and its undercutters in
    the column after, beside the junction. Another conclusion's rows are kept, but not
    the breadcrumb in them.
    """
    junction = f"junction {top}"
    items = [i for row in wrap.rows for i in row] + [i for i, _ in wrap.holds]
    cutters = [i for i in items if i not in (junction, TRAIL)]
    if wrap.parent != f"{STEP_ROW}{top}":
        rows = tuple(row for r in wrap.rows if (row := tuple(i for i in r if i != TRAIL)))
        return wrap._replace(rows=rows)
    holds = tuple((c, junction) for c in cutters)
    # Stubs of conclusions drawn from it go below it, as the overview's go in the root's
    # column (before it, with the undercutters' column after, they widened the page by a
    # stub).
    drawn = tuple(s.name for s in stubs if s.parent == top and drawn_up(m.get(s.tops[0])))
    return Wrap(wrap.parent, ((TRAIL, junction, top, *drawn),), holds, weight=STEP_WEIGHT)


def steps_in_order(
    wraps: Sequence[Wrap], tops: Sequence[str], stubbed: Set[str] = frozenset()
) -> list[Wrap]:
    """The steps from the breadcrumb up to ``tops``, held left to right in their order.

    Each step's own row holds its undercutters beside its junction only: on a page of
    several conclusions, the engine put one step's undercutter between another's
    junctions, or beyond, its arrow crossing theirs. Only the steps from the breadcrumb
    (held in the row too, a step from a conclusion to one drawn from it pulled that
    conclusion down to the breadcrumb's rank, its arrow turning back down from its
    junction), and not where they run along the breadcrumb's rank (left to right: there
    the breadcrumb is in each row). The conclusions themselves are left to the engine:
    held in order too, two on an upright page came out 40 pt wider than planned.
    ``stubbed``: the tops whose steps' undercutters are stubs alone; their junctions are
    held in the row too (left out, the engine put another step's undercutter beyond
    one, its arrow across that step's: a random map's A4 page, two crossings).
    """
    rows: list[tuple[str, ...]] = []
    for top in tops:
        own = [r for w in wraps if w.parent == f"{STEP_ROW}{top}" for r in w.rows]
        rows += own or ([(f"junction {top}",)] if top in stubbed else [])
    steps = tuple(item for row in rows for item in row)
    if len(rows) < 2 or TRAIL in steps:
        return []
    return [Wrap(f"{STEPS}{tops[0]}", (steps,), ())]


def step_rows(
    m: ArgumentMap, page: Page, around: Around, across: bool
) -> tuple[tuple[Wrap, ...], bool]:
    """A continued page's rows of its steps' undercutters, and whether its top's hang below.

    Each step's undercutters go beside its junction, the steps left to right (see
    :func:`steps_in_order`), but on a page of one conclusion, top-down, where what bears
    on it goes below the breadcrumb (see :func:`hangs_below`); left to right, in the
    conclusion's column, the junction goes in the column too.
    """
    cutters = undercutter_rows(m, page.nodes, page.stubs, around, across)
    below = hangs_below(m, page, across)
    if below:
        cutters = tuple(w for w in cutters if w.parent != f"{STEP_ROW}{page.tops[0]}")
    elif not across:
        cutters += tuple(steps_in_order(cutters, page.tops, _stubbed_steps(m, page)))
    if in_trail_column(page.wraps):  # in the conclusion's column: the junction too
        cutters = tuple(in_column(m, wrap, page.tops[0], page.stubs) for wrap in cutters)
    return cutters, below


def _stubbed_steps(m: ArgumentMap, page: Page) -> frozenset[str]:
    """The page's conclusions whose steps are undercut by stubs alone (top-down)."""
    drawn = set(page.nodes)
    cut = {s.parent for s in page.stubs if undercutters(m, s)}
    return frozenset(
        top
        for top in page.tops
        if top in cut
        and m.get(top).kind is NodeKind.CONCLUSION
        and not any(c.relation is Relation.UNDERCUTS and c.id in drawn for c in m.children(top))
    )


def hangs_below(m: ArgumentMap, page: Page, across: bool) -> bool:
    """Whether what bears on the page's top goes below the breadcrumb, in the planner's rows.

    On a page of one conclusion, top-down. Beside another top, the arrows up round the
    breadcrumb crossed the other's "so" arrow: there each conclusion's go beside its step.
    """
    return not across and len(page.tops) == 1 and m.get(page.tops[0]).kind is NodeKind.CONCLUSION


def undercut_steps_unheld(wraps: Sequence[Wrap], held: Set[str]) -> list[Wrap]:
    """Left to right, the planner's rows without the conclusions whose steps are undercut.

    The planner holds a conclusion drawn from a node of the page in the column of that
    node's children; its step runs through a junction (``held``: the steps' rows' items
    name it), a rank of its own, so the conclusion belongs two ranks off. Held in the
    column, it pulled the junction beside it, out past the other boxes, and the step's
    arrows ran back across them (a random map's A4 page: ten crossings). Without the
    hold, 60 random maps rich in conclusions drew 124 crossing pairs on 5,381 pages, now
    99 on 5,386. A conclusion whose step has no junction stays held (let go too, they
    crossed more).
    """
    stepped = {i.removeprefix("junction ") for i in held if i.startswith("junction ")}
    return [
        w._replace(
            rows=tuple(kept for r in w.rows if (kept := tuple(i for i in r if i not in stepped)))
        )
        for w in wraps
    ]
