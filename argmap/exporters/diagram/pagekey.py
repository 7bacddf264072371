"""Where the whole map's key goes when page 1 has no room: which later page, and where on it."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from argmap.exporters.diagram.legend import PAIRED, PAIRED_WRAPPED
from argmap.exporters.diagram.pageestimate import WIDE_SHARE, Estimate, Unit
from argmap.exporters.diagram.pagefill import Fill, Pager
from argmap.exporters.diagram.pagetighten import follow_cut
from argmap.exporters.diagram.stacking import NODESEP, RANKSEP

if TYPE_CHECKING:
    from argmap.exporters.diagram.paging import Page

__all__ = [
    "FITS_BARELY",
    "Drafted",
    "fill",
    "key_over",
    "key_page",
    "key_place",
    "placed",
    "room_for_key",
]

FITS_BARELY: Final = 1 / WIDE_SHARE
"""A key's overflow (see :func:`key_over`) at which it just fits with no margin."""
STUB_COLUMN: Final = 120.0
"""Left to right, the key goes in the last column, which is about a stub wide."""
KEPT_LEAST: Final = 0.3
"""A page planned with room left for the key keeps at least this share of the page."""
TRIES: Final = 3
"""How many last pages, one more each time, are planned again to leave room for the key."""


class Drafted(Protocol):
    """A page as filled, before numbering (see :mod:`paging`)."""

    @property
    def taken(self) -> Sequence[Unit]: ...  # noqa: D102
    @property
    def full(self) -> set[str]: ...  # noqa: D102
    @property
    def rest(self) -> Unit | None: ...  # noqa: D102
    @property
    def limits(self) -> Mapping[str, int]: ...  # noqa: D102


D = TypeVar("D", bound=Drafted)


def key_page(pager: Pager, drafts: Sequence[Drafted]) -> int:
    """The first page after the overview with room for the key (see :func:`key_place`)."""
    return key_place(pager, drafts)[0]


def key_place(pager: Pager, drafts: Sequence[Drafted]) -> tuple[int, int]:
    """The first page after the overview with room for the key (see :func:`key_over`).

    With a margin, else without one, else a page of its own after the last: below a page
    without room, it would shrink that page under the legibility floor. Returns the page
    and the key's columns: where no page has room for the key in one column, the first
    with room for it in two (wide and low, below a drawing too tall for the other; see
    :func:`~.legend.legend_label`), else in two with its longest words wrapped (for a
    narrow page), rather than a page that holds the key alone.
    """
    for columns in (1, PAIRED, PAIRED_WRAPPED):
        best = (math.inf, len(drafts) + 1)
        for number, draft in enumerate(drafts[1:], start=2):
            over = key_over(pager, draft.taken, draft.full, draft.rest, draft.limits, columns)[0]
            if over <= 1.0:
                return number, columns
            best = min(best, (over, number))
        if best[0] <= FITS_BARELY:
            return best[1], columns
    return len(drafts) + 1, 1


def placed(
    pager: Pager,
    draft: Drafted,
    number: int,
    key_at: tuple[int, int],
    planned: tuple[str, str],
) -> tuple[tuple[str, str], int]:
    """Where page ``number`` draws a key, and in how many columns (see :attr:`.paging.Page.key`).

    ``key_at``: the whole map's key's page (0: page 1, or not known yet) and columns;
    ``planned``: the place the page's estimate gives (the overview's own key).
    """
    key_page, columns = key_at
    if planned[0] == "page" and key_page > 1:
        return ("page", str(key_page)), 1
    if number != key_page:
        return planned, 1
    # below the drawing, or beside its lowest rank
    return key_over(pager, draft.taken, draft.full, draft.rest, draft.limits, columns)[1], columns


def room_for_key(pager: Pager, drafts: list[D], redraft: Callable[[int], list[D]]) -> list[D]:
    """The drafts, or a plan as long that leaves the key's room on its last pages.

    If the key would have a page of its own, the last pages are planned again
    (``redraft(N)``: filled leaving its room from page N on), from the last page back, a
    few tries. A page holding the key alone (each drawing planned full) is a page to
    turn for a reader; a drawing on it, moved up from the page before, costs nothing.
    Not at the cost of an objection or an undercut drawn away from the node it answers.
    """
    pager.width, pager.height = pager.full_size  # pages are told at the whole page's size
    if not pager.key_away or key_page(pager, drafts) <= len(drafts):
        return drafts
    for reserve in range(len(drafts), max(1, len(drafts) - TRIES), -1):
        trial = redraft(reserve)  # the overview as before: its key away
        pager.width, pager.height = pager.full_size
        if (
            len(trial) <= len(drafts) + 1
            and key_page(pager, trial) <= len(trial)
            and _sides_kept(pager, drafts, trial)
        ):
            return trial
    return drafts


def fill(pager: Pager, units: tuple[Unit, ...], grouped: bool, key_room: bool) -> Fill:
    """What the next page takes (see :meth:`Pager.fill`), leaving the key's room if asked.

    The room comes off the page as planned, not as a tightened page's: such a page is
    planned as any other (its list drawn from its first statement, its stubs capped).
    """
    if grouped:  # a list of siblings going on: cut as its page before was, if alike
        follow_cut(pager, units)
    room = _room_left(pager, pager.share(units[0][0])) if key_room else None
    return pager.fill(units, grouped) if room is None else pager.fill(units, grouped, room)


def _sides_kept(pager: Pager, drafts: Sequence[Drafted], trial: Sequence[Drafted]) -> bool:
    """Whether each attack the drafts draw on its target's page the trial draws there too."""
    before = {node_id: i for i, draft in enumerate(drafts) for node_id in draft.full}
    after = {node_id: i for i, draft in enumerate(trial) for node_id in draft.full}
    for node_id, page in before.items():
        parent = pager.parent[node_id]
        if parent is None or before.get(parent) != page or not pager.against(node_id):
            continue
        if after[node_id] != after.get(parent):
            return False
    return True


def key_over(
    pager: Pager,
    taken: Sequence[Unit],
    full: set[str],
    rest: Unit | None,
    limits: Mapping[str, int] | None,
    columns: int = 1,
) -> tuple[float, tuple[str, str]]:
    """How far a page's drawing with the whole map's key overflows the page, and where.

    At most 1.0: it fits, with a margin (:data:`~.pageestimate.WIDE_SHARE`); a page that
    overflows once laid out is planned again, and the key should not be the cause. Below
    the drawing (``("below", a node on its lowest rank)``) or, top-down, beside its lowest
    rank (``("bottom", "")``, where the engine puts a node of no edges): whichever
    overflows less. Left to right, below the last column, else in a column of its own
    after it (``("next", a node of the last column)``) where that overflows less (a
    column as tall as the page left the key a page of its own). Infinite for a page of
    references to other pages: the engine puts them, unranked, on the key's rank, far
    from their sources. ``columns``: the key's (see :meth:`~.pageestimate.Estimator.whole_key`).
    """
    below = ("below", "")
    if any(t not in full for n in full for t in pager.links[n]):
        return math.inf, below
    width, height = pager.share(taken[0][0])
    room = (pager.full_size[0] * width, pager.full_size[1] * height)
    if min(room) <= 0:
        return math.inf, below
    estimate = pager.kept(taken, full, rest, limits)
    key_w, key_h = pager.whole_key(columns)
    if pager.horizontal:  # below the drawing's last rank, in its column (a stub's wide)
        size = (estimate.width + NODESEP + key_w, estimate.height + max(0.0, key_h - STUB_COLUMN))
        column = _over(size, room), ("below", estimate.deepest)
        if column[0] <= 1.0:
            return column
        after = (max(estimate.width, key_w), estimate.height + RANKSEP + key_h)  # a rank after
        return min(column, (_over(after, room), ("next", estimate.deepest)), key=lambda p: p[0])
    under = (max(estimate.width, key_w + pager.frame[0]), estimate.height + RANKSEP + key_h)
    places = [(_over(under, room), ("below", estimate.deepest))]
    if estimate.bottom:
        places.append((_over(_beside(estimate, (key_w, key_h)), room), ("bottom", "")))
    return min(places, key=lambda place: place[0])


def _room_left(pager: Pager, share: tuple[float, float]) -> tuple[float, float] | None:
    """The share of a page's width and height (the planner's) its drawing keeps for the key.

    ``share``: the page's share of the page (see :meth:`~.pagefill.Pager.share`). Top
    down, the key's height and a rank's gap come off the page's height; left to right,
    its height and a gap off the page's height (it goes below the last rank's column;
    taking its width off the ranks' way too made no key fit that did not, and a list a
    page longer).
    None when what is left is under :data:`KEPT_LEAST` of the page: its drawing would be
    split up small.
    """
    key_w, key_h = pager.whole_key()
    width, height = share
    if pager.horizontal:
        left = width - (key_w + NODESEP) / (pager.full_size[0] * WIDE_SHARE)
        return (left / width, 1.0) if left >= KEPT_LEAST else None
    left = height - (key_h + RANKSEP) / (pager.full_size[1] * WIDE_SHARE)
    return (1.0, left / height) if left >= KEPT_LEAST else None


def _beside(estimate: Estimate, key: tuple[float, float]) -> tuple[float, float]:
    """The drawing's size with the key at the end of its lowest rank."""
    key_w, key_h = key
    return estimate.width + NODESEP + key_w, estimate.height + max(0.0, key_h - estimate.bottom)


def _over(size: tuple[float, float], room: tuple[float, float]) -> float:
    return max(size[0] / room[0], size[1] / room[1]) / WIDE_SHARE


def key_anchors(page: Page, node: str) -> tuple[str, ...]:
    """What the key below a page's drawing (``("below", node)``) hangs from.

    The first and last boxes of ``node``'s row, if others share it; else ``node`` and
    the page's first top. Hung from one box, the engine centres the key under it, past
    the drawing's side where that box is near it (the key below the first of two stubs
    stuck out by half its width; below the last box of a staircase of single boxes,
    the first top at the far side, by as much).
    """
    boxes = {*page.nodes, *(stub.name for stub in page.stubs)}
    for wrap in page.wraps:
        for row in wrap.rows:
            ends = [item for item in row if item in boxes]
            if node in ends and len(ends) > 1:
                return (ends[0], ends[-1])
    first = page.tops[0] if page.tops and page.tops[0] in boxes else node
    return tuple(dict.fromkeys((first, node)))
