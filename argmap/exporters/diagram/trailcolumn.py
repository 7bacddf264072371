"""A breadcrumb in its tops' column (left to right): the order down it, where edges meet it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from argmap.exporters.diagram.dot import Compass, End, Port
from argmap.exporters.diagram.grouprows import boxed_groups
from argmap.exporters.diagram.pagetrailsize import TRAIL_COLUMN
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.steprows import STEP_ROW
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "column_end",
    "column_items",
    "column_steps",
    "group_below_trail",
    "in_column",
    "outer_side",
    "round_column",
    "steps_laned",
]


def column_items(m: ArgumentMap, plan: PagePlan) -> list[str] | None:
    """The tops, and stubs of their later siblings, down the breadcrumb's column, if it is one.

    Their edges go round the column's outer side to the breadcrumb's rows, the later
    ones outside the earlier: those of the lowest row come first, nearest the
    breadcrumb, those of each row above further down, each row's in file order, so that
    the edges nest. A conclusion drawn from a row is one of them: its "so" arrow goes
    round the same way, down from its row (see :mod:`.trailsteps`). None: the breadcrumb
    has a rank of its own, or a conclusion among the tops has a step with a row of its
    own (its junction, with its undercutters beside it: see :mod:`.steprows`), or the
    page draws a conclusion from a top (it sits on the column's outer side, where the
    lanes would cross its arrow).
    """
    if not in_column(plan):
        return None
    row = {node_id: i for i, node_id in enumerate(plan.page.trail)}
    stepped = _stepped(plan)
    if any(m.get(top).relation is None for top in plan.page.tops) and _drawn_from_tops(m, plan):
        return None
    items: list[tuple[int, int, str]] = []
    for top in plan.page.tops:
        node = m.get(top)
        if node.parent not in row or top in stepped:
            return None
        items.append((-row[node.parent], m.position(top), top))
    for stub in plan.page.stubs:
        if stub.parent in row and stub.parent not in plan.page.nodes:
            items.append((-row[stub.parent], m.position(stub.tops[0]), stub.name))
    return [name for _, _, name in sorted(items)]


def column_steps(
    m: ArgumentMap, plan: PagePlan, steps: Mapping[str, Port]
) -> tuple[dict[str, End], frozenset[str]]:
    """Where the "so" arrows from the breadcrumb's rows start, and which go in lanes.

    ``steps``: the page's conclusions drawn from its rows, each with its row's port (see
    :func:`~.conclusionpages.trail_steps`). Where the breadcrumb sits in its tops'
    column, each arrow goes round the column's outer side, in a lane of its own (see
    :mod:`.trailsteps`), but the first item's, straight below the last row (see
    :func:`column_end`); one to a junction (a step with a row of its own, its
    undercutters beside it: see :mod:`.steprows`) keeps its port, and is drawn anew
    where the engine did not draw it straight down. Where they do not go in lanes (see
    :func:`steps_laned`), the ports as given and no lanes.
    """
    ends: dict[str, End] = dict(steps)
    if not steps_laned(m, plan):
        return ends, frozenset()
    column = column_items(m, plan)
    stepped = _stepped(plan)
    for top, port in steps.items():
        if column is not None and top not in stepped:
            ends[top] = column_end(plan, column, top, plan.page.trail[int(port.port[1:])])
        elif top not in stepped:
            ends[top] = port._replace(compass=outer_side(plan))
    # To its junction, a step keeps its port: drawn anew in a lane, where not straight.
    return ends, frozenset(top for top, end in ends.items() if end != TRAIL)


def steps_laned(m: ArgumentMap, plan: PagePlan) -> bool:
    """Whether "so" arrows from the breadcrumb's rows go round its column in lanes.

    So they do where it sits in its tops' column, unless the page draws a conclusion
    from a top: that sits on the column's outer side, where the lanes crossed its arrow.
    """
    return in_column(plan) and not _drawn_from_tops(m, plan)


def _stepped(plan: PagePlan) -> set[str]:
    """The page's conclusions whose steps have a row of their own (see :mod:`.steprows`)."""
    return {w.parent.removeprefix(STEP_ROW) for w in _step_rows(plan)}


def _step_rows(plan: PagePlan) -> list[Wrap]:
    """The page's rows of steps' junctions and undercutters (see :data:`~.steprows.STEP_ROW`)."""
    return [w for w in plan.page.wraps if w.parent.startswith(STEP_ROW)]


def _drawn_from_tops(m: ArgumentMap, plan: PagePlan) -> bool:
    """Whether the page draws a conclusion from one of its tops beside the column.

    In full or as a stub; not one held in the column below its step's conclusion (see
    :func:`~.steprows.in_column`).
    """
    tops = set(plan.page.tops)
    held = {i for w in _step_rows(plan) for r in w.rows for i in r}
    drawn = [m.get(n) for n in plan.page.nodes if n not in held]
    drawn += [m.get(s.tops[0]) for s in plan.page.stubs if s.name not in held]
    return any(n.kind is NodeKind.CONCLUSION and n.parent in tops for n in drawn)


def column_end(plan: PagePlan, items: Sequence[str], item: str, parent: str) -> Port | str:
    """Where the edge of ``item`` in the breadcrumb's column meets it.

    ``items``: the column, as :func:`column_items` gives it.

    The first item, right below the breadcrumb, hangs from its last row: its edge runs
    straight up into the box, under that row. The engine draws an edge between two
    neighbours in a rank with a port by a layout of its own, which turns it round the
    far side. Any other item's edge goes round the column's outer side to its row's.
    """
    row = plan.page.trail.index(parent)
    if items and items[0] == item and row == len(plan.page.trail) - 1:
        return TRAIL
    return Port(TRAIL, f"r{row}", outer_side(plan))


def group_below_trail(m: ArgumentMap, plan: PagePlan) -> str | None:
    """The linked group whose box sits right below the breadcrumb, in its column, if any.

    Its arrow runs straight up from its first box to the breadcrumb, across the box's
    top edge (the gap between the two is narrower than an arrowhead): the box's caption
    goes at its foot, out of the arrow's way (see build).
    """
    if not plan.page.tops or not in_column(plan):
        return None
    items = [i for i in column_items(m, plan) or [] if i in plan.page.tops]
    first = m.get(items[0] if items else min(plan.page.tops, key=m.position))
    group = first.group
    if group is None or group not in boxed_groups(m, plan):
        return None
    return group


def in_column(plan: PagePlan) -> bool:
    """Whether the page's breadcrumb sits in its tops' column (see ``TRAIL_COLUMN``)."""
    return any(wrap.parent == TRAIL_COLUMN for wrap in plan.page.wraps)


def round_column(m: ArgumentMap, plan: PagePlan) -> bool:
    """Whether edges go round the breadcrumb's column (straight, they would run as one)."""
    items = column_items(m, plan) if in_column(plan) else []
    return len(plan.page.tops) > 1 if items is None else len(items) > 1


def outer_side(plan: PagePlan) -> Compass:
    """The breadcrumb's column's outer side, away from the next rank: left, or right (RL)."""
    return "e" if plan.direction == "RL" else "w"
