"""Conclusions drawn apart from page 1 share a page where their drawings fit on one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.steprows import STEP_ROW, steps_in_order
from argmap.model import NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap

__all__ = [
    "STACKED",
    "Drafts",
    "Laid",
    "first_fitting",
    "merged_runs",
    "numbered_anew",
    "share_pages",
]

STACKED = "stacked "
"""Prefixes a shared page's first top: the holds of its conclusions one above another."""


class Laid(Protocol):
    """A page laid out: its plan and its drawing's size."""

    @property
    def plan(self) -> PagePlan: ...  # noqa: D102
    @property
    def width(self) -> float: ...  # noqa: D102
    @property
    def height(self) -> float: ...  # noqa: D102


_D = TypeVar("_D", bound=Laid)


class Drafts(Protocol[_D]):
    """What lays pages out as drafts (see :class:`~.fitting._Drafter`)."""

    def plan(self, page: Page, total: int, home: Mapping[str, int]) -> PagePlan: ...  # noqa: D102
    def lay_out(self, plans: list[PagePlan]) -> list[_D]: ...  # noqa: D102


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


def merged_runs(
    drafts: list[_D],
    runs: Sequence[Sequence[_D]],
    fitting: Callable[[Sequence[_D]], PagePlan | None],
    drafter: Drafts[_D],
) -> list[_D]:
    """The pages, neighbours in each run drawn on one page where ``fitting`` finds one.

    Each run's pages are taken in order: a page joins the pages before it while
    ``fitting`` makes one page of them all that fits (its plan; else None: it starts
    the next group), its ranks as close as in that plan. The pages after a shared page
    are numbered on from there, every stub and key pointing to its page's new number,
    and all laid out again (those that draw what they did before as they were: see
    :class:`~.fitting._Drafter`). ``drafts``: every page, laid out, page 1 first;
    ``runs``: pages of it, one after the other.
    """
    merged: dict[int, tuple[Page, int]] = {}  # first page number -> shared page, pages drawn
    closer = {d.plan.page.tops: d.plan.ranksep for d in drafts}  # a page's tops -> its gap
    for run in runs:
        group = [run[0]]
        for draft in run[1:]:
            trial = fitting([*group, draft])
            if trial is not None:
                group.append(draft)
                merged[group[0].plan.page.number] = (trial.page, len(group))
                closer[trial.page.tops] = trial.ranksep
            else:
                group = [draft]
    if not merged:
        return drafts
    new = _renumbered([draft.plan.page for draft in drafts], merged)
    home = {node: page.number for page in new for node in page.nodes}
    plans = [drafter.plan(page, len(new), home) for page in new]
    gaps = [closer.get(plan.page.tops, plan.ranksep) for plan in plans]
    return drafter.lay_out([replace(p, ranksep=gap) for p, gap in zip(plans, gaps, strict=True)])


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


def first_fitting(
    trials: Sequence[Page],
    drafter: Drafts[_D],
    numbers: tuple[int, Mapping[str, int]],
    fits: Callable[[_D], bool],
    closer: tuple[Callable[[_D], bool], str],
) -> PagePlan | None:
    """The plan of the first of ``trials`` whose drawing ``fits``, else None.

    Each is laid out in turn; those ``closer``'s test keeps (as wide as the page, but too
    tall) are laid out again after them all, with its gap between ranks (in inches), and
    the first that fits then is kept. ``numbers``: the pages in all, and each node's page.
    """
    (total, home), (may, gap) = numbers, closer
    narrow = []
    for trial in trials:
        laid = drafter.lay_out([drafter.plan(trial, total, home)])[0]
        if fits(laid):
            return laid.plan
        narrow += [laid.plan] if may(laid) else []
    for plan in narrow:
        laid = drafter.lay_out([replace(plan, ranksep=gap)])[0]
        if fits(laid):
            return laid.plan
    return None


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


def _renumbered(pages: Sequence[Page], merged: Mapping[int, tuple[Page, int]]) -> list[Page]:
    """The pages with each shared page in place of those it draws, all numbered anew.

    ``merged``: the first page number of each shared page -> it, and how many it draws.
    """
    number: dict[int, int] = {}
    kept: list[Page] = []
    covered = 0
    for page in pages:
        if covered:  # drawn on the shared page just kept
            covered -= 1
            number[page.number] = len(kept)
            continue
        shared = merged.get(page.number)
        if shared is not None:
            covered = shared[1] - 1
        kept.append(page if shared is None else shared[0])
        number[page.number] = len(kept)
    return numbered_anew(kept, number)


def numbered_anew(pages: Sequence[Page], number: Mapping[int, int]) -> list[Page]:
    """The pages, each with its new number, and its stubs and key pointing at theirs.

    ``number``: every old page number (the pages', and those their stubs and key name)
    -> its new one.
    """
    out = []
    for page in pages:
        stubs = tuple(replace(stub, page=number[stub.page]) for stub in page.stubs)
        place, at = page.key
        key = (place, str(number[int(at)])) if place == "page" and at else page.key
        out.append(replace(page, number=number[page.number], stubs=stubs, key=key))
    return out
