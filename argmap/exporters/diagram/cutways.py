"""Pages drawn again with their tops' junctions another way, where the first overflows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from argmap.exporters.diagram.pagemerge import Laid
from argmap.exporters.diagram.trailcuts import ABOVE, FLAT, WORDED, loose_tops, trail_cutters

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.model import ArgumentMap

__all__ = ["flat_way", "with_cut_ways"]


D = TypeVar("D", bound=Laid)


def with_cut_ways(
    m: ArgumentMap,
    drafts: Sequence[D],
    lay_out: Callable[[list[PagePlan]], list[D]],
    budget: Budget,
) -> list[D]:
    """The drafts, each that overflows with a loose top's junction drawn the next way.

    A top whose undercutters the planner left among its children (see
    :func:`~.trailcuts.loose_tops`) has its arrow into the breadcrumb drawn through a
    junction, which they aim at: first on a rank of its own above the top (as where they
    are planned beside it), which makes the page taller; where that overflows, on the
    top's rank beside it, which makes it wider; where that overflows too, as planned
    (their arrows at the top's box, worded as undercuts), and a page that still
    overflows is planned again, as before. Drawn at the box, the undercut read as an
    attack on the top's claim (a homework map's undercut study on A4). ``budget``: what
    a page holds at the legibility floor.
    """
    out = list(drafts)
    for way in (FLAT, WORDED):
        todo = [k for k, draft in enumerate(out) if _again(m, draft, way, budget)]
        if not todo:
            break
        again = lay_out([replace(out[k].plan, cut_way=way) for k in todo])
        for k, draft in zip(todo, again, strict=True):
            out[k] = draft
    return out


def flat_way(m: ArgumentMap, plan: PagePlan) -> PagePlan | None:
    """The plan with its loose tops' junctions beside them, if drawn above them now.

    Above a top, a junction's arrows crossed others' on the way to it (a generated
    map's slide: the undercutters of a breadcrumb row's link, and its sibling's arrow).
    """
    return replace(plan, cut_way=FLAT) if plan.cut_way == ABOVE and _cut(m, plan) else None


def _again(m: ArgumentMap, draft: Laid, way: int, budget: Budget) -> bool:
    """Whether a draft drawn the way before ``way`` overflows, with junctions to draw otherwise."""
    if draft.plan.cut_way != way - 1 or budget.holds(draft.width, draft.height):
        return False
    return _cut(m, draft.plan)


def _cut(m: ArgumentMap, plan: PagePlan) -> bool:
    """Whether a page draws a junction for undercutters the planner did not place."""
    return bool(loose_tops(m, plan) or (not plan.across and trail_cutters(m, plan)))
