"""Conclusions drawn apart from page 1 share a page where their drawings fit on one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from argmap.exporters.diagram.pagemerge import Drafts, Laid, first_fitting, merged_runs
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.steprows import STEP_ROW, steps_in_order
from argmap.model import NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap

__all__ = ["STACKED", "share_pages"]

_D = TypeVar("_D", bound=Laid)

STACKED = "stacked "
"""Prefixes a shared page's first top: the holds of its conclusions one above another."""


def share_pages(
    m: ArgumentMap, drafts: list[_D], drafter: Drafts[_D], budget: Budget, closer: str = ""
) -> list[_D]:
    """The pages, with conclusions drawn apart from page 1 on shared pages where they fit.

    Each conclusion the overview has no room for goes on a page of its own after page 1
    (see :func:`~.drawn.with_drawn_above`), which it mostly leaves nearly empty: three
    conclusions of a big map's thesis took pages 2 to 4 on upright A4, one box each.
    Pages next to each other whose tops are all such conclusions go on one page,
    each conclusion's "so" arrow drawn from the one breadcrumb, while the page's
    drawing fits its budget (each try is laid out, as drawn, not estimated). The pages
    after them are numbered on from there, every stub and key pointing to its page's
    new number. ``drafts``: every page, laid out, page 1 first. Top down or bottom up
    only: left to right, a shared page's second "so" arrow went round the first
    conclusion and crossed its undercutters' arrows (three crossings on a test map).
    ``closer``: a gap between ranks (in inches) to lay out again with the tries as wide
    as the page but too tall (two conclusions of the flagship, each with an
    undercutter, one above the other: 803 points tall for upright A4's 779).
    """
    pages = [draft.plan.page for draft in drafts]
    runs = _runs(m, pages)
    if not runs:
        return drafts
    numbers = (len(pages), {node: page.number for page in pages for node in page.nodes})
    drawn = {draft.plan.page.number: draft for draft in drafts}

    def fitting(group: Sequence[_D]) -> PagePlan | None:
        return _fitting([d.plan.page for d in group], m, drafter, numbers, (budget, closer))

    return merged_runs(drafts, [[drawn[p.number] for p in run] for run in runs], fitting, drafter)


def _runs(m: ArgumentMap, pages: Sequence[Page]) -> list[list[Page]]:
    """Runs of two pages or more, one after the other, each of conclusions drawn from page 1.

    Not a page that hangs anything below its breadcrumb (a step's undercutters, or what
    bears on the conclusion, on an upright page): their arrows go up round the
    breadcrumb, and beside another conclusion they crossed its "so" arrow.
    """
    root = pages[0].tops[0]
    runs: list[list[Page]] = []
    last = 0
    for page in pages[1:]:
        alone = page.trail == (root,) and all(
            m.get(top).kind is NodeKind.CONCLUSION and m.get(top).parent == root
            for top in page.tops
        )
        if not alone or any(anchor == TRAIL for w in page.wraps for _, anchor in w.holds):
            continue
        if runs and last == page.number - 1:
            runs[-1].append(page)
        else:
            runs.append([page])
        last = page.number
    return [run for run in runs if len(run) > 1]


def _fitting(
    pages: Sequence[Page],
    m: ArgumentMap,
    drafter: Drafts[_D],
    numbers: tuple[int, Mapping[str, int]],
    room: tuple[Budget, str],
) -> PagePlan | None:
    """One page drawing what ``pages`` draw where its drawing fits the budget, else None.

    Side by side first; where that is too wide (an upright page holds about two boxes
    side by side: two conclusions, each with an undercutter beside its step, do not fit),
    one above the other (see :func:`_stacked`), where each page draws just its step.
    ``room``: the budget, and the gap between ranks to try those as wide as the page
    again with ("": not tried).
    """
    budget, closer = room
    trials = [_together(pages, m)]
    if all(_step_only(m, page) for page in pages):
        trials.append(_together(pages, m, stacked=True))

    def fits(laid: Laid) -> bool:
        return budget.holds(laid.width, laid.height)

    def closer_may(laid: Laid) -> bool:
        return bool(closer) and budget.holds(laid.width, 0)

    return first_fitting(trials, drafter, numbers, fits, (closer_may, closer))


def _step_only(m: ArgumentMap, page: Page) -> bool:
    """Whether the page draws one conclusion and its step's undercutters, no stubs."""
    top = page.tops[0]
    cuts = (m.get(n) for n in page.nodes if n != top)
    steps = all(n.parent == top and n.relation is Relation.UNDERCUTS for n in cuts)
    return len(page.tops) == 1 and not page.stubs and steps


def _stacked(tops: Sequence[str], wraps: Sequence[Wrap]) -> Wrap:
    """Each conclusion's step held above the conclusion before: a column of them.

    As siblings go in rows on an upright page, the first nearest the breadcrumb, each
    later one's "so" arrow running up beside those before it. (Its step a rank lower,
    beside the conclusion before, its undercutter went across that conclusion's
    arrow, and the page came out wider than upright A4.)
    """
    holds = []
    for below, top in zip(tops, tops[1:], strict=False):
        step = [i for w in wraps if w.parent == f"{STEP_ROW}{top}" for r in w.rows for i in r]
        holds += [(below, item) for item in (step or [top])]
    return Wrap(f"{STACKED}{tops[0]}", (), tuple(holds))


def _together(pages: Sequence[Page], m: ArgumentMap, stacked: bool = False) -> Page:
    """One page drawing what ``pages`` draw, numbered as the first.

    ``stacked``: each conclusion above the one before (see :func:`_stacked`), not side
    by side.
    """
    first = pages[0]
    place: Callable[[str], int] = m.position
    tops = [t for p in pages for t in p.tops]  # their steps held in the pages' order
    wraps = [wrap for page in pages for wrap in page.wraps]
    order = [_stacked(tops, wraps)] if stacked else steps_in_order(wraps, tops)
    return replace(
        first,
        tops=tuple(sorted(tops, key=place)),
        nodes=tuple(sorted((n for p in pages for n in p.nodes), key=place)),
        stubs=tuple(stub for page in pages for stub in page.stubs),
        wraps=(*wraps, *order),
        key=("", ""),
    )
