"""A continued page's tops side by side, their branches narrower, not a row hung below one.

Planned (:func:`abreast_of`) as each page is, and tried once the pages are laid out
(:func:`tops_abreast`): the estimate of branches wrapped narrower runs short of the
drawing more often than the planner's own, so it is kept only where its drawing fits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol, TypeVar

from argmap.exporters.diagram.arriving import REF
from argmap.exporters.diagram.cutplaces import undercut_tops
from argmap.exporters.diagram.geometry import all_crossings, misplaced
from argmap.exporters.diagram.groupties import tied_groups
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pageestimate import WIDE_SHARE
from argmap.exporters.diagram.rowholds import among_rows
from argmap.exporters.diagram.trailname import TRAIL

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Estimate, Estimator, Unit
    from argmap.exporters.diagram.pagefill import Pager
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page
    from argmap.exporters.diagram.stacking import Wrap

__all__ = [
    "ABREAST_NODES_MOST",
    "NARROWER",
    "Abreast",
    "abreast",
    "abreast_of",
    "hung_below_branch",
    "hung_under",
    "tops_abreast",
    "under_branch",
]

ABREAST_NODES_MOST: Final = 3_000
"""A map of more statements keeps its tops' rows as planned (as it keeps its leaves'
stubs: see :data:`~.leafhome.LEAF_NODES_MOST`): at 10,000 nodes the estimates and the
layouts tried took about a tenth more CPU, against the goal of such a map in 10 s."""
NARROWER: Final = tuple(share / 20 for share in range(15, 5, -1))
"""The shares of the page's width the branches' rows are tried at, widest first (0.75 to
0.3): the widest that puts the tops in one row. At 0.55 then 0.4 alone, two tops of three
children each came out a column of one box a row each, as 0.47 holds two a row."""


class Abreast(NamedTuple):
    """A page's rows with its tops side by side, for the page that drew ``nodes``."""

    nodes: frozenset[str]
    planned: tuple[Wrap, ...]
    """The rows as planned, each of which the page must still hold to take the others."""
    wraps: tuple[Wrap, ...]


class _Laid(Protocol):
    """A page laid out: its plan, its SVG packed, and its drawing's size."""

    @property
    def plan(self) -> PagePlan: ...
    @property
    def packed(self) -> bytes: ...
    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...


_D = TypeVar("_D", bound=_Laid)


def hung_below_branch(estimate: Estimate) -> bool:
    """Whether a later row of the page's tops hangs below a branch's lowest box.

    Such a row's edges go round the branch's side up to the breadcrumb (a class
    debate's continued pages on A4: an objection under two reasons' branches, its
    arrow up the page's side).
    """
    return any(
        wrap.parent == TRAIL and len(wrap.rows) > 1 and not among_rows(wrap)
        for wrap in estimate.wraps
    )


def under_branch(estimate: Estimate) -> bool:
    """Whether a later row of the page's tops is as long as a row of branches above it.

    Each item of such a row hangs under a branch (see :func:`~.rowholds.leaf_holds`),
    not in a gap between two: the edges of those under the row's ends run up round its
    sides to the breadcrumb (a class debate's slide of six tops in two rows of three).
    Not below a row of one branch: upright pages stack branches so (see
    :func:`~.stacking.rows_ranks`), and elsewhere :func:`abreast` tries them side by
    side (a page each took more pages: 61 to 63 for 400 generated nodes on A4). Nor below
    blocks whose lowest boxes are references to other pages (``ref ...``): the flagship's
    A4 page 16, four pieces of evidence each above its reference, took one fewer, and the
    fourth shared the next page with an undercutter whose arrow then ended astray.
    """
    for wrap in estimate.wraps:
        if wrap.parent != TRAIL or len(wrap.rows) < 2:
            continue
        names = {item for row in wrap.rows for item in row}
        for high, low in zip(wrap.rows, wrap.rows[1:], strict=False):
            lowest = [anchor for item, anchor in wrap.holds if item in low]
            deep = any(a not in names and not a.startswith(REF) for a in lowest)
            if deep and len(low) >= len(high) > 1:
                return True
    return False


def hung_under(
    est: Pager,
    tops: Sequence[Unit],
    page: tuple[set[str] | frozenset[str], Unit | None, Mapping[str, int]],
) -> bool:
    """Whether a page of these tops hangs a row of them under a branch, not to be helped.

    See :func:`under_branch`; not where they go side by side instead (see :func:`abreast`).
    Not for maps of more than :data:`ABREAST_NODES_MOST` statements (their rows as planned).
    ``page``: its full nodes, the stub of the siblings that go on, and the stub limits.
    """
    if len(tops) < 2 or len(est.order) > ABREAST_NODES_MOST:
        return False
    planned = est.kept(tops, page[0], page[1], page[2], record=True)
    return under_branch(planned) and abreast(est, tops, page, planned) is planned


def abreast(
    est: Estimator,
    tops: Sequence[Unit],
    page: tuple[set[str] | frozenset[str], Unit | None, Mapping[str, int]],
    drawn: Estimate,
) -> Estimate:
    """The drawn page's estimate with its tops in one row, their branches' rows narrower.

    Where a row of the tops hangs below a branch (see :func:`hung_below_branch`), the
    nodes' children are wrapped at :data:`NARROWER` shares of the page's width, each in
    turn, the tops at the whole width, so that they may fit side by side: the first
    that puts them in one row as wide as ``drawn`` may be, and as tall as the page, is
    kept, else ``drawn``. Not where a top is undercut: its undercutters' places are
    planned as :meth:`~.pageestimate.Estimator.estimate` tries them. ``page``: its full
    nodes, the stub of the siblings that go on, and the stub limits.
    """
    if len(tops) < 2 or not hung_below_branch(drawn) or undercut_tops(est, tops):
        return drawn
    full, rest, limits = page
    limit = est.width - est.frame[0]
    for share in NARROWER:
        block, used = est.blocks.blocks(full, limits, limit * share, False, True)
        other = est._drawn(tops, full, rest, limits, block, used, (True, limit, False))
        rows = [w for w in other.wraps if w.parent == TRAIL and len(w.rows) > 1]
        if not rows and other.width <= est.width * WIDE_SHARE and other.height <= est.height:
            return other
    return drawn


def abreast_of(
    est: Estimator,
    tops: Sequence[Unit],
    page: tuple[set[str] | frozenset[str], Unit | None, Mapping[str, int]],
    planned: Estimate,
) -> Abreast | None:
    """The page's rows with its tops side by side (see :func:`abreast`), if other than planned.

    A linked group among them is held in its place (see :func:`~.groupties.tied_groups`).
    """
    if len(est.order) > ABREAST_NODES_MOST:
        return None
    other = abreast(est, tops, page, planned)
    if other is planned:
        return None
    other = tied_groups(other, est.node, est.children, page[0])
    return Abreast(frozenset(page[0]), planned.wraps, other.wraps)


def tops_abreast(
    order: dict[str, int],
    drafts: list[_D],
    lay_out: Callable[[list[PagePlan]], list[_D]],
    budget: Budget,
) -> list[_D]:
    """The pages, each drawn with its tops side by side where planned so and that fits.

    Each page with such rows (see :attr:`~.paging.Page.abreast`) that still draws what
    they were planned for is laid out with them (all at once), and kept where the
    drawing fits the budget (the legibility floor) with no more crossings and no more
    siblings out of file order. ``order``: each node's place in the map.
    """
    tried = [(at, plan) for at, d in enumerate(drafts) if (plan := _tried(d.plan)) is not None]
    if not tried:
        return drafts
    out = list(drafts)
    for (at, _), other in zip(tried, lay_out([plan for _, plan in tried]), strict=True):
        if budget.holds(other.width, other.height) and _score(other, order) <= _score(
            drafts[at], order
        ):
            out[at] = other
    return out


def _tried(plan: PagePlan) -> PagePlan | None:
    """The plan with its page's tops side by side, if planned so for what it draws."""
    page: Page = plan.page
    side = page.abreast
    if side is None or side.nodes != frozenset(page.nodes):
        return None
    if not set(side.planned) <= set(page.wraps):
        return None  # its rows changed since (a pass of its own): as they are
    kept = tuple(w for w in page.wraps if w not in side.planned)
    return replace(plan, page=replace(page, wraps=(*kept, *side.wraps), abreast=None))


def _score(draft: _Laid, order: dict[str, int]) -> tuple[int, int]:
    """A drawing's crossings and siblings out of file order (fewer is better)."""
    svg, plan = unpack(draft.packed), draft.plan
    backward = plan.direction in ("BT", "RL")
    return all_crossings(svg), misplaced(svg, order, plan.across, backward)[1]
