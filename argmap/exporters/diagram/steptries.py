"""Pages whose arrows cross or go round boxes, drawn again with rows held other ways.

Where the engine puts the boxes around a row cannot be told before a page is drawn: an
undercut step's junction and undercutters (see :func:`~.steprows.undercutter_rows`), a
box's undercutters among its children. So a page whose drawing has crossing arrows is
drawn again with such rows held other ways (:func:`beside_steps`, :func:`cutters_aside`,
:func:`steps_apart`, and left to right :func:`apart_from_trail` too), and the drawing
that crosses least is kept (see :func:`fewer_crossings`). A page whose arrows go round
other boxes is drawn again the ways of :mod:`.roundways`, and of drawings that cross as
often, the one with the fewest arrows going round is kept.
Left to right, a rank is a column: a row's first item is its top one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Set
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from argmap.analysis.view import drawn_up
from argmap.exporters.diagram.geometry import all_crossings, detours
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pageorder import Drafted
from argmap.exporters.diagram.pagesize import fit_scale
from argmap.exporters.diagram.roundways import round_ways
from argmap.exporters.diagram.rowholds import leaf_holds
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.steprows import STEP_ROW
from argmap.exporters.diagram.trailcuts import undercutters
from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap

__all__ = [
    "apart_from_trail",
    "beside_steps",
    "cutters_aside",
    "fewer_crossings",
    "steps_apart",
]


class _Laid(Drafted, Protocol):
    """A page laid out: its plan, its SVG packed, and its drawing's size."""

    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...


_D = TypeVar("_D", bound=_Laid)


def fewer_crossings(
    m: ArgumentMap, drafts: list[_D], lay_out: Callable[[list[PagePlan]], list[_D]], budget: Budget
) -> list[_D]:
    """The pages, each drawn again with its rows held other ways, the fewest crossings kept.

    Only a page whose drawing has crossing arrows (see :func:`~.geometry.all_crossings`),
    or arrows that go round other boxes (see :func:`~.geometry.detours`; then only with
    its last rows hung in gaps), and whose rows can be held another way is drawn again,
    once for each way; a drawing is kept if it has fewer crossings than the first and
    those before it, or as many and fewer arrows going round, and fits the page (or,
    where the first does not, is shown no smaller); on a tie, the earlier.
    ``lay_out`` lays pages out (every try at once, on every core); ``budget``: the
    drawing size a page holds at the legibility floor.
    """
    tried: list[tuple[int, PagePlan]] = []  # (page, another way)
    least: dict[int, tuple[int, int]] = {}  # page -> the fewest crossings and detours so far
    for at, draft in enumerate(drafts):
        found = _tries(m, draft)
        if found is not None:
            least[at], ways = found
            tried += [(at, replace(draft.plan, page=way)) for way in ways]
    if not tried:
        return drafts
    out = list(drafts)
    for (at, _), other in zip(tried, lay_out([plan for _, plan in tried]), strict=True):
        if _fits(budget, other, drafts[at]) and (score := _score(other)) < least[at]:
            out[at], least[at] = other, score
    return out


def _tries(m: ArgumentMap, draft: _Laid) -> tuple[tuple[int, int], list[Page]] | None:
    """A drawing's crossings and detours, and the other ways to draw its page (if any).

    Where arrows cross, every way; where they only go round boxes, the ways that hang
    rows elsewhere (see :func:`~.roundways.round_ways`). None: no way to try.
    """
    page, across = draft.plan.page, draft.plan.across
    ways, others = _ways(m, page, across), round_ways(m, page)
    if not ways and not others:
        return None
    score = _score(draft)
    ways = [*ways, *others] if score[0] else others if score[1] else []
    return score, list(dict.fromkeys(ways))


def _score(draft: _Laid) -> tuple[int, int]:
    """A drawing's crossings, and its edges that go round other boxes (fewer is better)."""
    svg = _svg(draft)
    return all_crossings(svg), detours(svg, draft.plan.across)


def _fits(budget: Budget, other: _Laid, first: _Laid) -> bool:
    """Whether ``other`` fits the page, or is shown as large as ``first`` that does not."""
    if budget.holds(other.width, other.height):
        return True
    if budget.holds(first.width, first.height):
        return False
    shown = fit_scale(budget, other.width, other.height)
    return shown >= fit_scale(budget, first.width, first.height)


def _ways(m: ArgumentMap, page: Page, across: bool) -> list[Page]:
    """The other ways to hold a page's rows that :func:`fewer_crossings` tries, in order.

    (:func:`fewer_crossings` tries :func:`~.roundways.round_ways` after them, and on a
    page whose arrows go round boxes but do not cross, only those.)
    """
    cut = _cutters(m, page)
    ways = [beside_steps(m, page), _aside(page, cut, False), _aside(page, cut, True)]
    ways += [steps_apart(m, page), steps_apart(m, page, last=True)]
    if across:
        ways += [apart_from_trail(m, page), apart_from_trail(m, page, junctions=True)]
    return [way for way in dict.fromkeys(ways) if way is not None]


def beside_steps(m: ArgumentMap, page: Page) -> Page | None:
    """The page with each step's row holding its conclusion's other children first.

    Top down (or bottom up), a step's undercutters sit beside its junction, in one rank
    with the conclusion's other children (its objections and their stubs). The engine
    put such an objection between an undercutter and the junction now and then: the
    undercutter's arrow went round under it, across the arrow of the objection's own
    evidence. Held before the undercutters, the objection keeps clear of it where the
    step comes in from the other side (where it comes from the objection's side, the
    junction is pulled across the page instead: hence a second drawing, not a rule).

    Those children go first, in file order, where no other row or hold of the page names
    one and none is in a linked group. None: no row changes.
    """
    return _at_steps(page, lambda step, named: _others(m, step, page, named))


def steps_apart(m: ArgumentMap, page: Page, last: bool = False) -> Page | None:
    """The page with each undercut step's row holding its sibling steps' stubs at one end.

    A conclusion drawn from the same box as an undercut step's, drawn as a stub, stands in
    the rank of the step's junction and undercutters; the engine put it between them now
    and then, and an undercutter's arrow went round under it, across the stub's own "so"
    arrow. Held before the undercutters (``last``: after the junction), it keeps clear.
    Stubs no other row or hold of the page names, in file order. None: no row changes.
    """

    def stubs(step: str, named: Set[str]) -> tuple[str, ...]:
        parent = m.get(step).parent
        return tuple(
            s.name
            for s in page.stubs
            if s.parent == parent and s.name not in named and drawn_up(m.get(s.tops[0]))
        )

    return _at_steps(page, stubs, last)


def _at_steps(
    page: Page, names: Callable[[str, Set[str]], tuple[str, ...]], last: bool = False
) -> Page | None:
    """The page with ``names`` at one end of each step's row (the start; ``last``: the end).

    ``names`` gives them for a step's conclusion and the items the page's rows and holds
    name already; a step's row is one row without the breadcrumb. None: no row changes.
    """
    named = {i for w in page.wraps for r in w.rows for i in r}
    named |= {i for w in page.wraps for pair in w.holds for i in pair}
    wraps = []
    for wrap in page.wraps:
        step = wrap.parent.startswith(STEP_ROW) and len(wrap.rows) == 1
        if step and TRAIL not in wrap.rows[0]:
            extra = names(wrap.parent.removeprefix(STEP_ROW), named)
            row = (*wrap.rows[0], *extra) if last else (*extra, *wrap.rows[0])
            wrap = wrap._replace(rows=(row,))
        wraps.append(wrap)
    return replace(page, wraps=tuple(wraps)) if wraps != list(page.wraps) else None


def apart_from_trail(m: ArgumentMap, page: Page, junctions: bool = False) -> Page | None:
    """Left to right, the page with its steps from the breadcrumb in a column of their own.

    A step from the breadcrumb has its junction and undercutters in the breadcrumb's
    column, above it (see :func:`~.steprows.undercutter_rows`): narrower than a column
    of their own. With two steps or more, the engine mixed their rows in that column, and
    the steps from the breadcrumb's rows went round the column's far side to their
    junctions, across each other and the undercutters' arrows (with one, round the other
    boxes of the column now and then). In a column of their own, between the breadcrumb
    and the conclusions, each step runs straight, but the page is a column wider;
    ``junctions``: only the junctions go, the undercutters stay in the breadcrumb's
    column, above it, and their arrows cross over to the junctions (a column of points,
    where the undercutters' was too wide for the page). None: the page has no such step.
    ``m`` is not read (it is the signature the other ways share).
    """
    del m
    rows = [w for w in page.wraps if w.parent.startswith(STEP_ROW) and _ends_at_trail(w.rows)]
    if not rows:
        return None
    wraps = tuple(
        (w._replace(rows=(_apart(w.rows[0], junctions),)) if w in rows else w) for w in page.wraps
    )
    return replace(page, wraps=wraps)


def _apart(row: tuple[str, ...], junctions: bool) -> tuple[str, ...]:
    """A step's row without the breadcrumb (``junctions``: without its junction instead)."""
    return tuple(i for i in row if not i.startswith("junction ")) if junctions else row[:-1]


def _ends_at_trail(rows: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a step's rows are one row that ends with the breadcrumb."""
    return len(rows) == 1 and rows[0][-1:] == (TRAIL,)


def cutters_aside(m: ArgumentMap, page: Page, last: bool = False) -> Page | None:
    """The page with each box's undercutters at one end of the first row of its children.

    An undercutter's arrow goes up past its box to the junction on the box's own arrow.
    From a later row of the box's children, or from the middle of its row, it crossed
    the arrows of the children beside it or above it; at an end of the first row, it
    passes outside them. Which end depends on where the engine puts the box over its
    row: the first (``last``: the last). Nodes and stubs of undercutters only, in file
    order; the other children move on along the rows (each row as long as it was), and
    each row below hangs from the rows above as the planner hangs rows of single boxes.
    None: no row changes (or a row holds a box with children of its own).
    """
    return _aside(page, _cutters(m, page), last)


def _aside(page: Page, cutters: Mapping[str, str], last: bool) -> Page | None:
    """:func:`cutters_aside`, given the page's :func:`_cutters`."""
    if not cutters:
        return None
    wraps = []
    for wrap in page.wraps:
        names = [i for row in wrap.rows for i in row]
        cut = [i for i in names if cutters.get(i) == wrap.parent]
        leaves = all(set(hold) <= set(names) for hold in wrap.holds)  # rows of single boxes
        others = [i for i in names if i not in cut]
        at = max(0, len(wrap.rows[0]) - len(cut)) if last and cut else 0
        order = [*others[:at], *cut, *others[at:]]
        if cut and leaves and order != names:
            starts = list(itertools.accumulate((len(row) for row in wrap.rows), initial=0))
            rows = tuple(tuple(order[a:b]) for a, b in itertools.pairwise(starts))
            holds = [h for d in range(1, len(rows)) for h in leaf_holds(rows[d], rows[:d])]
            wrap = wrap._replace(rows=rows, holds=tuple(holds), columns=())
        wraps.append(wrap)
    return replace(page, wraps=tuple(wraps)) if wraps != list(page.wraps) else None


def _cutters(m: ArgumentMap, page: Page) -> dict[str, str]:
    """The page's undercutters by name (nodes, and stubs of undercutters only) -> their box."""
    found = {n: m.get(n).parent for n in page.nodes if m.get(n).relation is Relation.UNDERCUTS}
    found |= {s.name: s.parent for s in page.stubs if undercutters(m, s)}
    return {name: parent for name, parent in found.items() if parent is not None}


def _others(m: ArgumentMap, conclusion: str, page: Page, named: Set[str]) -> tuple[str, ...]:
    """The conclusion's children on the page but its undercutters, by name, in file order.

    Nodes and stubs; none if one is in a linked group or ``named`` (held elsewhere). (The
    conclusions drawn from it go above it, not among its children.)
    """
    drawn = set(page.nodes)
    kids = [c for c in m.children(conclusion) if c.relation is not Relation.UNDERCUTS]
    if any(c.group is not None for c in kids):
        return ()
    found = [(m.position(c.id), c.id) for c in kids if c.id in drawn]
    found += [
        (m.position(s.tops[0]), s.name)
        for s in page.stubs
        if s.parent == conclusion and not undercutters(m, s) and not drawn_up(m.get(s.tops[0]))
    ]
    others = tuple(name for _, name in sorted(found))
    return () if any(name in named for name in others) else others


def _svg(draft: _Laid) -> str:
    """A draft's SVG, unpacked."""
    return unpack(draft.packed)
