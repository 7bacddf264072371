"""A small map the plan split into pages, drawn whole on one where the engine fits it there."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from argmap.exporters.diagram.geometry import all_crossings, detours, misplaced
from argmap.exporters.diagram.legend import PAIRED
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Laid
from argmap.exporters.diagram.paging import Page

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagefill import Pager
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget

__all__ = ["MOST_ROOM", "WHOLE_MOST", "WIDER", "whole_page"]

WHOLE_MOST: Final = 30
"""Statements a map draws at most for it to be tried on one page (each try is a layout)."""
MOST_ROOM: Final = 1.65
"""The pages' drawings, laid out, take at most this many pages' room together for the try:
the engine draws a map on one page in about as much room as on several, the planner's
breadcrumbs and stubs aside (``school-uniforms``: 0.98 to 1.17 on landscape pages, each
one page now; 1.6 upright, where it fits on none; the generated 30-node map: 2.0 to 6.1).
The standing example's three Letter pages took 1.45 pages' room, 1.55 with its stubs'
kinds beside where they go on (wider stubs, not fewer pages), and it fits on one."""
WIDER: Final = (1.15, 1.3)
"""How much wider than the page the one page's rows are wrapped: a little, else more, if
no rows fit (see :func:`whole_page`)."""
NARROWER: Final = (1.0, 0.85)
"""How wide the one page's rows are wrapped where none of those drawings fit: as wide as
the page, then narrower (the engine drew 9 statements of long text wrapped at 1.15 pages
in rows 1,156 points wide, on an A4 page of 1,084: a page taller held them)."""
TRIES: Final = (
    *((False, wider) for wider in WIDER),
    *((True, wider) for wider in WIDER),
    *((deep, wider) for wider in NARROWER for deep in (False, True)),
)
"""The one page's estimates, in the order laid out until one fits: whether each parent's
rows go deepest first where lower (see :mod:`.deeprows`), and how wide they wrap."""
CLOSER: Final = "0.4"
"""The gap between ranks, in inches, of the last tries: the drawings of those tries as wide
as the page, their ranks closer than the diagram's 0.55 (29 points, not 40; 9 statements
of long text in four rows of two were 31 points too tall for A4)."""


class _Packed(Laid, Protocol):
    """A page laid out (see :class:`~.pagemerge.Laid`), with its SVG packed."""

    @property
    def packed(self) -> bytes: ...


_D = TypeVar("_D", bound=_Packed)


def whole_page(drafts: list[_D], drafter: Drafts[_D], budget: Budget, pager: Pager) -> list[_D]:
    """The pages, or one page drawing them all where its layout fits the page at the floor.

    The planner counts each arrow of a lower row a gap of its own as it passes the row
    above, and the key as a band below the drawing: ``school-uniforms`` on landscape A4
    took two pages, the first with a wide empty corner, where the engine draws its ten
    statements in two rows of the thesis's branches, the key below them in two columns,
    on one page at the floor. A map of :data:`WHOLE_MOST` statements or fewer, planned on
    several pages that take little more than a page's room (:data:`MOST_ROOM`), is
    estimated on one, its rows wrapped a little wider than the page (:data:`WIDER`), and
    laid out a few ways (see :func:`_trials`), all at once; of those within the page's
    budget (the legibility floor, as for every page), the best is kept (see
    :func:`_score`: in file order, no arrows crossing, fewest going round boxes, the
    smallest). Until one keeps file order with no arrow crossed or round, the page is
    estimated again (:data:`TRIES`): each parent's rows with its deepest branches
    together, then the rows wrapped at the page's width and narrower (a worksheet's
    ruled boxes are taller than statements: the uniforms' fill worksheet, in rows of
    file order, was 35 points too tall for A4 and took three pages; the deepest
    together, it fits one). Then the drawings as wide as the page are laid out again
    with their ranks closer (:data:`CLOSER`); the best of every try is kept (a try that
    fits but breaks file order no longer ends the search: the teacher's map on Letter
    kept its rows deepest first, two arrows crossing, before its rows in file order were
    tried with the key in two columns). Where none fits, the pages stay. Conclusions drawn
    over the thesis go with it (six statements and a conclusion took two slides, the
    second holding an undercutter's branch of two); not those on pages apart (see
    :mod:`.conclusionpages`). A focus's page keeps its breadcrumb, the claims above it
    (``--focus health --depth 2``, twelve statements, took two slides: the second three
    boxes, the first a third empty).
    """
    nodes = {node for draft in drafts for node in draft.plan.page.nodes}
    if len(drafts) < 2 or len(nodes) > WHOLE_MOST or (pager.lead and not pager.context):
        return drafts
    if sum(d.width * d.height for d in drafts) > MOST_ROOM * budget.width * budget.height:
        return drafts
    above = nodes - pager.order.keys()  # conclusions over the root (none on pages apart)
    if nodes - above != pager.order.keys() or len(pager.everything) != len(nodes):
        return drafts
    if above and (pager.around.apart or above != pager.around.nodes):
        return drafts
    home = dict.fromkeys(nodes, 1)
    order = {node: pager.m.position(node) for node in nodes}
    tried: set[tuple[object, ...]] = set()  # each page's rows and key, laid out once
    narrow: list[PagePlan] = []  # the drawings as wide as the page, too tall
    best: tuple[tuple[int, int, float], _D] | None = None
    for deep, wider in TRIES:
        page = _estimated(pager, (nodes - above, above), wider, deep)
        if page is None or (page.wraps, page.key) in tried:
            continue
        tried.add((page.wraps, page.key))
        laid = drafter.lay_out([drafter.plan(trial, 1, home) for trial in _trials(page)])
        best = _best(best, laid, budget, order)
        if best is not None and best[0][:2] == (0, 0):  # file order, no arrow crossed or round
            return [best[1]]
        narrow += [one.plan for one in laid if budget.holds(one.width, 0)]
    if narrow:  # the drawings as wide as the page again, their ranks closer
        best = _best(
            best, drafter.lay_out([replace(p, ranksep=CLOSER) for p in narrow]), budget, order
        )
    return [best[1]] if best is not None else drafts


def _best(
    best: tuple[tuple[int, int, float], _D] | None,
    laid: list[_D],
    budget: Budget,
    order: dict[str, int],
) -> tuple[tuple[int, int, float], _D] | None:
    """The best of ``best`` and the drawings of ``laid`` that fit the page (see :func:`_score`)."""
    scored = [(_score(one, order), one) for one in laid if budget.holds(one.width, one.height)]
    if best is not None:
        scored.append(best)
    return min(scored, key=lambda pair: pair[0], default=None)


def _score(laid: _Packed, order: dict[str, int]) -> tuple[int, int, float]:
    """A drawing's faults, its arrows that go round other boxes, its area (less: better).

    Its faults: children out of file order or not beneath their parent, and crossings of
    its tree arrows (see :func:`~.geometry.misplaced`, :func:`~.geometry.all_crossings`);
    a try that keeps the issue's rules beats one that breaks them, however much smaller
    (the 12-statement teacher's map on a slide: its reasons drawn right to left, the
    row below turned to shorten two arrows). Of two as faulty and as roundabout, the
    smaller's arrows are shorter (``school-uniforms`` on a slide: 873 x 766 points, not
    1,123 x 766).
    """
    svg = unpack(laid.packed)
    faults = sum(misplaced(svg, order)) + all_crossings(svg)
    return faults, detours(svg), laid.width * laid.height


def _estimated(
    pager: Pager, drawn: tuple[set[str], set[str]], wider: float, deep: bool
) -> Page | None:
    """Page 1 drawing every node, its rows wrapped ``wider`` than the page; None: no rows fit.

    ``drawn``: the tree's nodes below the root, and the conclusions over it (the estimate
    counts those with the root: see :meth:`~.pageestimate.Estimator.estimate`).
    ``deep``: each parent's rows deepest first where that is lower (see :mod:`.deeprows`).
    """
    nodes, above = drawn
    kept = pager.width, pager.height, pager.key_away, pager.blocks
    pager.width, pager.height = pager.full_size[0] * wider, pager.full_size[1]
    pager.key_away = False
    if deep:
        from argmap.exporters.diagram.deeprows import deep_blocks

        pager.blocks = deep_blocks(pager.blocks)
    try:
        estimate = pager.estimate([pager.first], nodes, None, {}, record=True)
    finally:
        pager.width, pager.height, pager.key_away, pager.blocks = kept
    if not math.isfinite(estimate.height):
        return None
    size = (estimate.width, estimate.height)
    full = tuple(sorted(nodes | above, key=pager.m.position))
    trail = pager.lead_for(0) if pager.context else ()  # a focus's: the claims above it
    return Page(1, trail, pager.first, full, (), size, estimate.wraps, estimate.key)


def _trials(page: Page) -> list[Page]:
    """The ways the one page is laid out (at most six), in the order they are preferred.

    Its key where the estimate puts it (beside the root or its lowest rank, or below),
    then below the lowest row of the root's branches in two columns (about half as tall:
    see :func:`~.legend.legend_label`), then on the lowest rank in two columns (the
    teacher's map of twelve statements, its rows in file order: 912 x 831 points with
    the key in one column there, 70 too tall for landscape A4 and Letter; 912 x 750 in
    two, and it fits both); each with those rows as planned, then with the
    lowest one the other way round. (``school-uniforms``: its lower row, a reason with
    its undercutter and an objection, was drawn 1,123 points wide on a page of 1,095,
    the undercutter's box at one side, the objection's arrow round the other; the other
    way round, the engine turns the row above to match: 873.)
    """
    rows = _root_rows(page)
    keys = [(page.key, 1)] if page.key[0] in ("same", "bottom", "below") else []
    keys += [(("below", rows[-1][0]), PAIRED), (("bottom", ""), PAIRED)] if rows else []
    ways = [page.wraps]
    if len(rows) > 1 and len(rows[-1]) > 1:
        turned = (*rows[:-1], tuple(reversed(rows[-1])))
        root = page.tops[0]
        ways.append(tuple(w._replace(rows=turned) if w.parent == root else w for w in page.wraps))
    return [
        replace(page, wraps=wraps, key=key, key_columns=columns)
        for wraps in ways
        for key, columns in keys
    ]


def _root_rows(page: Page) -> Sequence[tuple[str, ...]]:
    """The rows of the root's branches (see :mod:`.stacking`), if they wrap."""
    return next((wrap.rows for wrap in page.wraps if wrap.parent == page.tops[0]), ())
