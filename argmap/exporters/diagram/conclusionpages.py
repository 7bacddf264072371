"""A conclusion's pages apart from page 1: the step's junction, undercutters and breadcrumb."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Final, Literal

from argmap.analysis.view import drawn_up
from argmap.exporters.diagram.dot import Port
from argmap.exporters.diagram.pagetrailsize import in_trail_column
from argmap.exporters.diagram.rowholds import leaf_holds
from argmap.exporters.diagram.stacking import NODESEP, TRAIL, Wrap
from argmap.exporters.diagram.steprows import (
    STEP_ROW,
    STEP_WEIGHT,
    step_rows,
    undercut_steps_unheld,
    undercutter_rows,
)
from argmap.model import NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageoverview import Around
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page, PlanMemo, Stub
    from argmap.model import ArgumentMap, Node

__all__ = [
    "BELOW_TRAIL",
    "BranchPlan",
    "apart",
    "branch_pages",
    "Flat",
    "flat_steps",
    "trail_steps",
]

BELOW_TRAIL: Final = "below "
"""The name of the rows that hold what hangs from a paged conclusion below the
breadcrumb starts so, the conclusion's id after it (see :func:`_below_trail`)."""

Flat = Literal["", "rank", "column"]
"""How a conclusion's step runs from the breadcrumb: across ranks (``""``), or along one
(see :func:`flat_steps`)."""


def apart(
    m: ArgumentMap,
    root: str,
    measure: Callable[[Node], tuple[float, float]],
    budget: Budget,
    across: bool,
    tighter: Mapping[str, tuple[float, float]],
    order: tuple[bool, bool] = (False, False),
    drawable: Set[str] | None = None,
) -> BranchPlan:
    """How the branch of each conclusion drawn apart from page 1 is paged.

    Whether they go apart is the plan's to say: its pager's ``around`` (see
    :func:`~argmap.exporters.diagram.pageoverview.around_root`).
    ``order``: ``file_order`` and ``upward``, as :func:`~argmap.exporters.diagram.paging.paginate`
    takes them; ``drawable``: the ids some page draws, as a :class:`~.paging.PlanMemo` has them.
    """
    memos: dict[str, PlanMemo] = {}
    how = (*order, root, drawable)
    plan = partial(_branch_plan, m, measure, budget, across, tighter, memos, how)
    return BranchPlan(plan, memos)


@dataclass(frozen=True)
class BranchPlan:
    """How a conclusion's branch drawn apart is paged, and the widths its planner measured.

    Attributes:
        pages: the branch's pages (its ids, the conclusion first).
        memos: each branch's plans, by its conclusion (their pager measures its boxes).
    """

    pages: Callable[[list[str]], list[Page]]
    memos: Mapping[str, PlanMemo]

    def __call__(self, nodes: list[str]) -> list[Page]:
        """The branch's pages (see :attr:`pages`)."""
        return self.pages(nodes)

    def width(self, branch: str, name: str, stubs: Sequence[Stub]) -> float:
        """A node's width, or the stub's of ``stubs`` named ``name``, as ``branch`` planned it.

        The planner's way round: only top-down pages ask (see :func:`_lifted`).
        """
        pager = self.memos[branch].pager
        assert pager is not None, "asked once the branch is planned"
        for stub in stubs:
            if stub.name == name:
                return pager.stub_item(stub.tops, stub.grouped).width
        return pager.sizes[name][0]


def _branch_plan(
    m: ArgumentMap,
    measure: Callable[[Node], tuple[float, float]],
    budget: Budget,
    across: bool,
    tighter: Mapping[str, tuple[float, float]],
    memos: dict[str, PlanMemo],
    how: tuple[bool, bool, str, Set[str] | None],
    nodes: list[str],
) -> list[Page]:
    """The pages of a conclusion's branch drawn apart from page 1 (``nodes``, it first).

    Paged as the root's branches are (see :func:`~.drawn.with_drawn_above`), each page's
    breadcrumb going up to the root; the conclusion's page is a branch's, not the
    overview. ``how``: ``file_order`` and ``upward`` (see :func:`apart`), the root and the
    ids some page draws.
    """
    from argmap.exporters.diagram.paging import PlanMemo, paginate

    file_order, upward, root, drawable = how
    memo = memos.setdefault(nodes[0], PlanMemo(drawable=drawable))
    return paginate(
        m,
        nodes,
        measure,
        budget,
        horizontal=across,
        tighter=tighter,
        memo=memo,
        file_order=file_order,
        lead=(root,),
        upward=upward,
    )


def branch_pages(
    m: ArgumentMap,
    root: str,
    nodes: list[str],
    number: int,
    plan: BranchPlan | None,
    around: Around,
    across: bool,
) -> list[Page]:
    """A conclusion's branch (``nodes``, the conclusion first) on pages from ``number`` on.

    Whole on one page when it fits (or no ``plan`` is given); else paged as ``plan``
    pages it, each page's breadcrumb going up through the conclusion to the root.
    """
    from argmap.exporters.diagram.paging import Page

    top = nodes[0]
    whole = Page(
        number, (root,), (top,), tuple(nodes), wraps=undercutter_rows(m, nodes, (), around, across)
    )
    if not across:  # what else hangs from the conclusion goes below the breadcrumb too
        held = {item for wrap in whole.wraps for row in wrap.rows for item in row}
        held |= {item for wrap in whole.wraps for item, _ in wrap.holds}
        whole = replace(whole, wraps=(*whole.wraps, *_below_trail(m, whole, held)))
    planned = [p for p in plan(nodes) if p.key[0] != "alone"] if plan is not None else []
    # Left to right, in the step's column: held by its undercutters' row, else as planned.
    column = planned and across and not whole.wraps and in_trail_column(planned[0].wraps)
    if len(planned) <= 1 and not column:
        return [whole]
    shift = number - 1
    pages = []
    for page in planned:
        cutters, below = step_rows(m, page, around, across)
        held = {item for wrap in cutters for row in wrap.rows for item in row}
        held |= {item for wrap in cutters for item, _ in wrap.holds}
        wraps = [w for w in page.wraps if not held & {i for r in w.rows for i in r}]
        if not across:  # (left to right, a column of their own would be wider than the page)
            wraps = [part for w in wraps for part in _lifted(m, page, w, plan, top)]
        else:
            wraps = undercut_steps_unheld(wraps, held)
        if below:  # the top's first row is held below the breadcrumb; later rows under it
            first = page.tops[0]
            placed = held | {i for w in wraps for r in w.rows[w.parent == first :] for i in r}
            wraps += _below_trail(m, page, placed)
        stubs = tuple(replace(s, page=s.page + shift) for s in page.stubs)
        pages.append(
            replace(
                page,
                number=page.number + shift,
                trail=(root, *page.trail),
                stubs=stubs,
                wraps=(*wraps, *cutters),
                key=("", ""),
            )
        )
    return pages


def _lifted(
    m: ArgumentMap, page: Page, wrap: Wrap, plan: BranchPlan | None, branch: str
) -> list[Wrap]:
    """The planner's rows without the conclusions drawn from a node of the page, and theirs.

    They (or their stubs) go above it, at the end of a "so" arrow, not in a row below it:
    in one rank where that is no wider than the page as planned, else in the rows the
    planner gave them, the nearest first, each held above the one before (in one rank,
    such pages were drawn up to twice as wide as planned). ``plan``: their widths, as
    it measured them for the conclusion ``branch`` starts at.
    """
    up = {n for n in page.nodes if n not in page.tops and drawn_up(m.get(n))}
    up |= {stub.name for stub in page.stubs if drawn_up(m.get(stub.tops[0]))}
    rows = tuple(row for r in wrap.rows if (row := tuple(i for i in r if i not in up)))
    holds = tuple((i, a) for i, a in wrap.holds if i not in up and a not in up)
    over = [row for r in wrap.rows if (row := tuple(i for i in r if i in up))]
    kept = [wrap._replace(rows=rows, holds=holds)]
    lifted = [i for row in over for i in row]
    if len(over) < 2 or plan is None:
        return kept
    width = partial(plan.width, branch, stubs=page.stubs)
    if sum(map(width, lifted)) + NODESEP * (len(lifted) - 1) <= page.estimate[0]:
        return kept
    lifts = tuple(
        (anchor, item)  # each row over the one before: its item the anchor
        for k in range(1, len(over))
        for item, anchor in leaf_holds(over[k], over[:k])
    )
    return [*kept, Wrap(f"over {wrap.parent}", tuple(over), lifts)]


def _below_trail(m: ArgumentMap, page: Page, placed: Set[str]) -> list[Wrap]:
    """On a paged conclusion's page, what hangs from the conclusion goes below the breadcrumb.

    Beside it, the conclusion's objections and stubs would make a row wider than an
    upright page; ``placed``: the items other rows already place (top-down only). Where
    their arrows then go round the breadcrumb, the page is also drawn with them beside
    it, or beside the conclusion (see :mod:`.roundways`).
    """
    from argmap.exporters.diagram.pageestimate import stub_name

    top = page.tops[0]
    hangs = [n for n in page.nodes if m.get(n).parent == top]
    hangs += [stub.tops[0] for stub in page.stubs if stub.parent == top]
    # A conclusion drawn from it goes above it, not below.
    items = [
        n if n in page.nodes else stub_name((n,))
        for n in hangs
        if m.get(n).kind is not NodeKind.CONCLUSION
    ]
    holds = tuple((item, TRAIL) for item in items if item not in placed)
    return [Wrap(f"{BELOW_TRAIL}{top}", (), holds, weight=STEP_WEIGHT)] if holds else []


def flat_steps(page: Page) -> dict[str, Flat]:
    """The page's conclusions whose step runs from the breadcrumb along a rank: how.

    Left to right, the breadcrumb goes in the rank of the step's junction (see
    :func:`~.steprows.undercutter_rows`): ``"rank"``; on an upright page, the breadcrumb,
    the junction and the conclusion go down one column (see :func:`~.steprows.in_column`):
    ``"column"``.
    """
    flat: dict[str, Flat] = {}
    for top in page.tops:
        junction = f"junction {top}"
        rows = [row for w in page.wraps if w.parent == f"{STEP_ROW}{top}" for row in w.rows]
        for row in rows:
            if TRAIL in row and junction in row:
                flat[top] = "column" if row[:3] == (TRAIL, junction, top) else "rank"
    return flat


def trail_steps(m: ArgumentMap, page: Page, direction: str = "TB") -> dict[str, Port]:
    """The page's conclusions drawn from a row of its breadcrumb: id -> that row's port.

    Top-down or bottom to top, a step from a row other than the last (the row facing
    the conclusions) leaves it from the box's side the conclusion sits towards in the
    planner's row, before or after those drawn from the last row: the engine let it
    leave from either, and cross their arrows on the way up.
    """
    port = {node_id: Port(TRAIL, f"r{i}") for i, node_id in enumerate(page.trail)}
    steps = {
        top: port[parent]
        for top in page.tops
        if m.get(top).kind is NodeKind.CONCLUSION and (parent := m.get(top).parent) in port
    }
    order = [n for w in page.wraps if w.parent == TRAIL for row in w.rows for n in row]
    last = f"r{len(page.trail) - 1}"
    firsts = [order.index(t) for t, end in steps.items() if end.port == last and t in order]
    if direction not in ("TB", "BT") or not firsts:
        return steps
    return {
        top: end
        if end.port == last or top not in order
        else end._replace(compass="w" if order.index(top) < min(firsts) else "e")
        for top, end in steps.items()
    }
