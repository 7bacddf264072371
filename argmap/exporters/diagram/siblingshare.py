"""Small pages of siblings continued from one page share a page where their drawings fit."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import replace
from typing import TYPE_CHECKING, Final, TypeVar

from argmap.exporters.diagram.geometry import Box, all_crossings, boxes, detours
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Packed, first_fitting, merged_runs
from argmap.exporters.diagram.stacking import NODESEP, PASSING, RANKSEP, TRAIL, Wrap
from argmap.exporters.diagram.wholepage import CLOSER
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page, Stub

__all__ = ["CLOSER_SAVES", "LANE", "MOST_ROOM", "share_sibling_pages"]

CLOSER_SAVES: Final = 0.88
"""At most how much of a page's height its ranks drawn closer (:data:`~.wholepage.CLOSER`)
take: a try too tall by more is not laid out (0.4 in between ranks, not 0.55, saves 11 pt a
rank; a page of boxes 40 to 60 pt tall, about a fifth)."""


LANE: Final = 2 * PASSING
"""The room beside a page's drawing the arrows from a drawing below it take as they pass,
in points (the engine curves them round its boxes: a drawing 496 points wide, another
below it, was 610 wide)."""
MOST_ROOM: Final = 1.25
"""The pages' drawings take at most this many pages' room together to be tried on one (each
try is a layout; the pages shared on the test maps took 0.5 to 1.0, those of 10,000
generated nodes on A4 mostly more)."""


_D = TypeVar("_D", bound=Packed)


def share_sibling_pages(
    m: ArgumentMap, drafts: list[_D], drafter: Drafts[_D], budget: Budget
) -> list[_D]:
    """The pages, small pages of siblings drawn on one page under one breadcrumb where they fit.

    The planner gives each branch the page it continues from has no room for a page of
    its own, when its estimate of the pages beside it says they are full; drawn, they
    are often a third full (a linked pair of reasons, then a reason with its undercutter:
    two pages of an upright handout, which fit one). Pages next to each other that
    continue siblings (the same breadcrumb, their tops the children of one node) go on
    one page, each page's drawing beside the one before (see :func:`_side`), else below
    it (see :func:`_stacked`), while the page fits its budget and its arrows cross no
    more than the pages' did apart (each try is laid out, as drawn). The pages after
    them are numbered on, every stub and key pointing to its page's new number (see
    :func:`~.pagemerge.merged_runs`). ``drafts``: every page, laid out, page 1 first.
    """
    pages = [draft.plan.page for draft in drafts]
    runs = _runs(m, drafts)
    if not runs:
        return drafts
    numbers = (len(pages), {node: page.number for page in pages for node in page.nodes})
    pairs = [_trials(m, two, budget) for run in runs for two in zip(run, run[1:], strict=False)]
    if any(pairs):  # the first tries of each two, at once on every core (then remembered)
        drafter.lay_out([drafter.plan(trial, *numbers) for tries in pairs for trial in tries])

    def fitting(group: Sequence[_D]) -> PagePlan | None:
        return _fitting(m, group, drafter, numbers, budget)

    return merged_runs(drafts, runs, fitting, drafter)


def _runs(m: ArgumentMap, drafts: Sequence[_D]) -> list[list[_D]]:
    """Runs of two pages or more, one after the other, each continuing siblings of the last.

    Not page 1, a page with the key, or a conclusion among its tops (those share pages
    by their own rules: see :func:`~.conclusionshare.share_pages`).
    """
    runs: list[list[_D]] = []
    last: tuple[int, tuple[str, ...], str | None] = (0, (), None)
    for draft in drafts[1:]:
        page = draft.plan.page
        parents = {m.get(top).parent for top in page.tops}
        if (
            page.key != ("", "")
            or len(parents) != 1
            or any(m.get(top).kind is NodeKind.CONCLUSION for top in page.tops)
        ):
            continue
        here = (page.number, page.trail, parents.pop())
        if runs and last[0] == page.number - 1 and last[1:] == here[1:]:
            runs[-1].append(draft)
        else:
            runs.append([draft])
        last = here
    return [run for run in runs if len(run) > 1]


def _fitting(
    m: ArgumentMap,
    group: Sequence[_D],
    drafter: Drafts[_D],
    numbers: tuple[int, Mapping[str, int]],
    budget: Budget,
) -> PagePlan | None:
    """One page drawing what the pages of ``group`` draw, where it fits, else None.

    The tries of :func:`_trials` in order; last, those as wide as the page, their ranks
    closer (:data:`~.wholepage.CLOSER`). Kept where it fits the budget and its arrows
    cross no more than the pages' apart.
    """
    trials = _trials(m, group, budget)
    if not trials:
        return None
    crossed = sum(_crossed(draft) for draft in group)
    around = sum(_around(draft) for draft in group)

    def fits(laid: _D) -> bool:
        held = budget.holds(laid.width, laid.height)
        return held and _crossed(laid) <= crossed and _around(laid) <= around

    def closer_may(laid: _D) -> bool:
        return budget.holds(laid.width, laid.height * CLOSER_SAVES)

    return first_fitting(trials, drafter, numbers, fits, (closer_may, CLOSER))


def _trials(m: ArgumentMap, group: Sequence[_D], budget: Budget) -> list[Page]:
    """The pages of ``group`` drawn on one, in the order tried (each try is laid out).

    Side by side, where the pages' drawings are narrow enough to; one below the other,
    where they are short enough to (with ranks closer) and the arrows from below have
    room to pass those above (a drawing a page wide was tried below another 300 times
    for 10,000 nodes on upright A4, never to fit). None where a page but the last has
    the key (below the last of its boxes, it would be amid them), nor where the
    drawings take more than :data:`MOST_ROOM` pages' room.
    """
    room = sum(draft.width * draft.height for draft in group)
    if room > MOST_ROOM * budget.width * budget.height:
        return []
    if any(draft.plan.page.key != ("", "") for draft in group[:-1]):
        return []
    pages = _trimmed([draft.plan.page for draft in group])
    if pages is None:
        return []
    wide = sum(draft.width for draft in group) + NODESEP * (len(group) - 1)
    trials = [_side(m, pages)] if budget.holds(wide, 0) else []
    drawn = [boxes(unpack(draft.packed)) for draft in group]  # each drawing read once
    own = [
        _own(page, draft, found) for page, draft, found in zip(pages, group, drawn, strict=True)
    ]
    passed = max([width + LANE for width, _ in own[:-1]] + [own[-1][0]])  # arrows from below
    tall = group[0].height + sum(height + RANKSEP for _, height in own[1:])
    if budget.holds(passed, tall * CLOSER_SAVES):
        trials.append(_stacked(m, pages, drawn))
    return trials


def _own(page: Page, draft: Packed, drawn: Mapping[str, Box]) -> tuple[float, float]:
    """The width and height of ``page``'s own boxes in a drawing of it (``draft``).

    Its nodes and stubs, not its breadcrumb: what it takes below another page's drawing.
    ``drawn``: the drawing's boxes by name.
    """
    own = [drawn[name] for name in _names(page) if name in drawn]
    if not own:
        return draft.width, draft.height
    wide = max(box.right for box in own) - min(box.left for box in own)
    return wide, max(box.bottom for box in own) - min(box.top for box in own)


def _crossed(draft: Packed) -> int:
    """How many pairs of a drawing's tree edges cross, apart or before they meet."""
    return all_crossings(unpack(draft.packed))


def _around(draft: Packed) -> int:
    """How many of a drawing's tree edges go round other boxes (see :func:`~.geometry.detours`)."""
    return detours(unpack(draft.packed))


def _rows(
    m: ArgumentMap, page: Page
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, str], ...]]:
    """A page's tops in rows below its breadcrumb, as planned, and what holds each row.

    One row of them where the plan has none (a linked group's members as one item, its first).
    """
    wrap = next((w for w in page.wraps if w.parent == TRAIL), None)
    if wrap is not None:
        return wrap.rows, wrap.holds
    seen: set[str] = set()
    row = []
    for top in page.tops:
        group = m.get(top).group
        if group is None or group not in seen:
            row.append(top)
        if group is not None:
            seen.add(group)
    return (tuple(row),), ()


def _together(m: ArgumentMap, pages: Sequence[Page], wrap: Wrap) -> Page:
    """One page drawing what ``pages`` draw, numbered as the first, its tops held by ``wrap``."""
    place = m.position
    last = pages[-1]  # the key's, if a page of them has it (see _fitting)
    return replace(
        pages[0],
        key=last.key,
        key_columns=last.key_columns,
        tops=tuple(sorted((top for page in pages for top in page.tops), key=place)),
        nodes=tuple(sorted((node for page in pages for node in page.nodes), key=place)),
        stubs=tuple(sorted((s for page in pages for s in page.stubs), key=_first(place))),
        wraps=(*(w for p in pages for w in p.wraps if w.parent != TRAIL), wrap),
    )


def _first(place: Callable[[str], int]) -> Callable[[Stub], int]:
    """A stub's place in the file: its first branch's."""
    return lambda stub: place(stub.tops[0])


def _side(m: ArgumentMap, pages: Sequence[Page]) -> Page:
    """The pages' drawings side by side: each row of tops the pages' rows joined."""
    planned = [_rows(m, page) for page in pages]
    depth = max(len(rows) for rows, _ in planned)
    rows = tuple(
        tuple(item for page_rows, _ in planned if i < len(page_rows) for item in page_rows[i])
        for i in range(depth)
    )
    holds = tuple(hold for _, page_holds in planned for hold in page_holds)
    return _together(m, pages, Wrap(TRAIL, rows, holds))


def _stacked(m: ArgumentMap, pages: Sequence[Page], drawn: Sequence[Mapping[str, Box]]) -> Page:
    """Each page's drawing below the one before: its first row held below that one's lowest box.

    As the planner puts rows of siblings on an upright page, the later rows' arrows
    running up beside the blocks above. ``pages``: the pages of a group, trimmed (see
    :func:`_trimmed`); ``drawn``: the boxes of each one's drawing, by name.
    """
    rows: list[tuple[str, ...]] = []
    holds: list[tuple[str, str]] = []
    for i, page in enumerate(pages):
        page_rows, page_holds = _rows(m, page)
        if i:
            below = _lowest(pages[i - 1], drawn[i - 1])
            holds += [(item, below) for item in page_rows[0]]
        rows += page_rows
        holds += page_holds
    return _together(m, pages, Wrap(TRAIL, tuple(rows), tuple(holds)))


def _lowest(page: Page, drawn: Mapping[str, Box]) -> str:
    """The name of the lowest of ``page``'s nodes and stubs in its drawing's boxes ``drawn``."""
    placed = [name for name in _names(page) if name in drawn]
    return max(placed, key=lambda name: drawn[name].bottom) if placed else page.tops[-1]


def _names(page: Page) -> list[str]:
    """The names of a page's own boxes in its drawing: its nodes, then its stubs."""
    return [*page.nodes, *(stub.name for stub in page.stubs)]


def _trimmed(pages: Sequence[Page]) -> list[Page] | None:
    """The pages without the stubs of branches they draw themselves, else None.

    A page's last stub often stands for the siblings that go on on the next page (one
    box for them all): drawn on one page, their drawing takes its place, the next page's
    stub standing for those that go on further, and the rows and holds that name it go.
    None: a stub of branches some of which they draw, the others on no stub of theirs.
    """
    drawn = {node for page in pages for node in page.nodes}
    every = [stub for page in pages for stub in page.stubs]
    kept = {top for stub in every if stub.tops[0] not in drawn for top in stub.tops}
    if any(stub.tops[0] in drawn and not drawn | kept >= set(stub.tops) for stub in every):
        return None
    out = []
    for page in pages:
        gone = {stub.name for stub in page.stubs if stub.tops[0] in drawn}
        if not gone:
            out.append(page)
            continue
        wraps = tuple(_without(wrap, gone) for wrap in page.wraps)
        stubs = tuple(stub for stub in page.stubs if stub.name not in gone)
        out.append(replace(page, stubs=stubs, wraps=tuple(w for w in wraps if w.rows or w.holds)))
    return out


def _without(wrap: Wrap, gone: Set[str]) -> Wrap:
    """A page's rows without the boxes named in ``gone``, nor the holds that name them."""
    rows = tuple(row for row in (tuple(i for i in r if i not in gone) for r in wrap.rows) if row)
    holds = tuple(hold for hold in wrap.holds if gone.isdisjoint(hold))
    columns = tuple(hold for hold in wrap.columns if gone.isdisjoint(hold))
    return wrap._replace(rows=rows, holds=holds, columns=columns)
