"""Other ways to hold a page's rows around undercut steps, tried where its arrows cross.

Where the engine puts the boxes around a row cannot be told before a page is drawn: an
undercut step's junction and undercutters (see :func:`~.steprows.undercutter_rows`), a
box's undercutters among its children. So a page whose drawing has crossing arrows is
drawn again with such rows held other ways (:func:`beside_steps`, :func:`cutters_aside`,
:func:`steps_apart`, and left to right :func:`apart_from_trail` and :func:`past_trail`
too: see :func:`step_ways`), and the drawing that crosses least is kept (see
:func:`~.pagetries.fewer_crossings`). Left to right, a rank is a column: a row's first
item is its top one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Set
from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.analysis.view import drawn_up
from argmap.exporters.diagram.pagetrailsize import in_trail_column
from argmap.exporters.diagram.rowholds import among_rows, leaf_holds
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.steprows import STEP_ROW
from argmap.exporters.diagram.trailcuts import undercutters
from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap

__all__ = [
    "apart_from_trail",
    "beside_steps",
    "cutters_aside",
    "past_trail",
    "step_ways",
    "tops_kin_after",
    "steps_apart",
]


def step_ways(m: ArgumentMap, page: Page, across: bool) -> list[Page]:
    """The page's other ways to hold its rows around undercut steps, in the order tried.

    :func:`~.pagetries.fewer_crossings` tries them on a page whose arrows cross, before
    the ways of :func:`~.roundways.round_ways`. ``across``: the page runs left to right.
    """
    cut = _cutters(m, page)
    ways = [beside_steps(m, page), _aside(page, cut, False), _aside(page, cut, True)]
    ways += [steps_apart(m, page), steps_apart(m, page, last=True)]
    if across:
        points = apart_from_trail(m, page, junctions=True)  # its undercutters above it
        ways += [apart_from_trail(m, page), points, past_trail(page), past_trail(page, True)]
        ways += [past_trail(points)] if points is not None else []  # later ones below it
    ways += [tops_kin_after(m, page)]
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


def past_trail(page: Page, first: bool = False) -> Page | None:
    """Left to right, the page with steps from the breadcrumb held below it in its column.

    Each step from the breadcrumb holds its undercutters and junction above the
    breadcrumb, in its column (see :func:`~.steprows.undercutter_rows`). Two steps to
    conclusions on either side of the breadcrumb could not both be so: the engine put
    one junction below it anyway, its undercutter left above, whose arrow ran down past
    the breadcrumb across the arrows into it (a random map's A4 page). Here every such
    step but the first goes below the breadcrumb, its junction next to it, its
    undercutters after (``first``: the first alone). Of a page whose junctions left the
    column (:func:`apart_from_trail`), the undercutters go below it alone: above, the
    second's arrow crossed the first step's on its way down to its junction (another
    random map's page). None: no such step to move.
    """
    rows = [w for w in page.wraps if w.parent.startswith(STEP_ROW) and _ends_at_trail(w.rows)]
    moved = rows[:1] if first else rows[1:]
    if not moved:
        return None
    wraps = tuple((w._replace(rows=(w.rows[0][::-1],)) if w in moved else w) for w in page.wraps)
    return replace(page, wraps=wraps)


def tops_kin_after(m: ArgumentMap, page: Page) -> Page | None:
    """The page with other tops' children held after the first step's junction that they follow.

    Left to right with the breadcrumb in its tops' column, a top that bears on a
    breadcrumb's row (an objection to its conclusion) has its children in the next
    column, the step's junction's; the engine put such a piece of evidence above the
    junction, and its arrow ran across the "so" arrow from the breadcrumb (random maps'
    upright Letter pages): each such top's. Else, a conclusion's objection beside the
    steps of the conclusions before it, in their junctions' rank: the engine put one
    between a step's undercutter and its junction, the undercutter's arrow going round
    under it and across a "so" arrow (a random map's A4 page): each later top's. Nodes
    held nowhere else, in file order, conclusions drawn from them aside. None: no such
    child.
    """
    drawn, used, column = set(page.nodes), set[str](), in_trail_column(page.wraps)

    def kin(step: str, named: Set[str]) -> tuple[str, ...]:
        after = page.tops[page.tops.index(step) + 1 :] if step in page.tops else ()
        tops = [t for t in page.tops if t != step and not drawn_up(m.get(t))] if column else after
        found = [c for t in tops for c in m.children(t) if c.id in drawn and not drawn_up(c)]
        ids = [c.id for c in found if c.id not in named and c.id not in used]
        used.update(ids)
        return tuple(ids)

    return _at_steps(page, kin, last=True)


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
        others = [i for i in names if i not in cut]
        at = max(0, len(wrap.rows[0]) - len(cut)) if last and cut else 0
        order = [*others[:at], *cut, *others[at:]]
        if cut and among_rows(wrap) and order != names:
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
