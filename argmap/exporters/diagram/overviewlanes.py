"""The overview's stubs of the root laid out again where an arrow from them loops round rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, TypeVar

from argmap.exporters.diagram.geometry import all_crossings, tree_edges
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Packed, first_fitting
from argmap.exporters.diagram.rowholds import leaf_holds
from argmap.exporters.diagram.stacking import Wrap
from argmap.model import ArgumentMap, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page, Stub

__all__ = ["STRAY", "loops", "straight_overview_stubs", "stray"]

STRAY: Final = 36.0
"""An arrow that runs this far (half an inch) outside the box its two ends span loops."""

_D = TypeVar("_D", bound=Packed)


def stray(points: Sequence[tuple[float, float]]) -> float:
    """How far a path runs outside the box spanned by its first and last points.

    A straight arrow, or one with a bend between its ends, runs inside; one that loops
    round the boxes between (up the outside of a staircase of stubs) runs out of it.
    """
    if not points:
        return 0.0
    (x0, y0), (x1, y1) = points[0], points[-1]
    left, right, top, bottom = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return max(max(left - x, x - right, top - y, y - bottom, 0.0) for x, y in points)


def loops(svg: str, root: str, names: set[str]) -> int:
    """How many arrows from the stubs ``names`` to ``root`` loop (see :func:`stray`)."""
    return sum(
        1
        for edge in tree_edges(svg)
        if edge.head == root and edge.tail in names and stray(edge.points) > STRAY
    )


def straight_overview_stubs(
    m: ArgumentMap, drafts: list[_D], drafter: Drafts[_D], budget: Budget
) -> list[_D]:
    """The pages, page 1's stubs of the root in rows again where an arrow of theirs loops.

    Stubs of the thesis in rows (a staircase one a rank on an upright page, the planner
    charging more for each arrow passing a row than a lane takes; left to right, columns
    of two) had the arrows of the lower rows loop round the outside of the rows above.
    Where one still does (more than :data:`STRAY` outside the box its ends span), page 1
    is laid out with the stubs in even rows of three, then two, their arrows in lanes
    (see ``pageparts._lanes``); then in one row (left to right: one column), or two with
    the lower in the gaps of the upper, the last stubs on the side with the most joining
    its grouped stub (the branches for the thesis and those against it kept apart), one
    at a time. The first that fits the budget (the legibility floor) with no arrow
    looping and no more crossings is kept. Only page 1 changes; every page keeps its
    number. ``drafts``: every page, page 1 first.
    """
    found = root_rows(drafts)
    if found is None:
        return drafts
    first, wrap = found
    page, root = first.plan.page, first.plan.page.tops[0]
    names = {name for row in wrap.rows for name in row}
    stubs = [s for s in page.stubs if s.name in names]
    if len(stubs) != len(names):
        return drafts  # rows with more than stubs in them
    svg = unpack(first.packed)
    if not loops(svg, root, names):
        return drafts
    crossed = all_crossings(svg)

    def fits(laid: _D) -> bool:
        drawn = unpack(laid.packed)
        shown = {s.name for s in laid.plan.page.stubs}
        return (
            budget.holds(laid.width, laid.height)
            and all_crossings(drawn) <= crossed
            and not loops(drawn, root, shown)
        )

    trials = [*_in_rows(page, stubs, wrap)]
    trials += [t for row in _merged(m, stubs) for t in _placed(page, names, row, wrap)]
    fitting = [t for t in trials if page.key[1] not in names - {s.name for s in t.stubs}]
    return with_first(drafts, drafter, fitting, fits)


def root_rows(drafts: Sequence[_D]) -> tuple[_D, Wrap] | None:
    """Page 1's draft and the wrap of its root's rows, where it has two rows or more."""
    first = drafts[0] if drafts else None
    if first is None or first.plan.page.number != 1 or not first.plan.page.tops:
        return None
    page = first.plan.page
    own = [w for w in page.wraps if w.parent == page.tops[0]]
    if len(own) != 1 or len(own[0].rows) < 2:
        return None
    return first, own[0]


def with_first(
    drafts: list[_D], drafter: Drafts[_D], trials: Sequence[Page], fits: Callable[[_D], bool]
) -> list[_D]:
    """The pages with page 1 laid out as the first of ``trials`` that ``fits`` (if any).

    Every page keeps its number (``drafts``: every page, laid out, page 1 first).
    """
    home = {node: d.plan.page.number for d in drafts for node in d.plan.page.nodes}
    never = (lambda _laid: False, "")  # ranks drawn closer: not tried
    ranksep = drafts[0].plan.ranksep
    plan = first_fitting(list(trials), drafter, (len(drafts), home), fits, never, ranksep)
    return drafts if plan is None else [drafter.lay_out([plan])[0], *drafts[1:]]


def _in_rows(page: Page, stubs: list[Stub], wrap: Wrap) -> list[Page]:
    """Page 1 with every one of ``stubs`` kept, in even rows of three, then of two.

    The first row two or more wide, the lower rows' edges pass up in lanes (see
    ``pageparts._lanes``); each row held under the one before (see
    :func:`~.rowholds.leaf_holds`).
    """
    out = []
    names = [s.name for s in stubs]
    for per in (3, 2):
        if per >= len(names) or all(len(row) == per for row in wrap.rows[:-1]):
            continue
        rows = tuple(tuple(names[i : i + per]) for i in range(0, len(names), per))
        held = tuple(h for k in range(1, len(rows)) for h in leaf_holds(rows[k], rows[:k]))
        wraps = tuple(
            w if w is not wrap else wrap._replace(rows=rows, holds=held, columns=())
            for w in page.wraps
        )
        out.append(replace(page, wraps=wraps))
    return out


def _placed(page: Page, names: set[str], row: list[Stub], wrap: Wrap) -> list[Page]:
    """Page 1 with the stubs ``row`` in place of the stubs ``names`` in the rows ``wrap``.

    In one rank; then, of three stubs or more, in two rows, the lower shorter, each of
    its stubs held in a gap of the upper (see :func:`~.rowholds.leaf_holds`), its arrow
    running up between two stubs.
    """
    others = tuple(s for s in page.stubs if s.name not in names)
    wraps = tuple(w for w in page.wraps if w is not wrap)
    out = [replace(page, stubs=(*row, *others), wraps=wraps)]
    if len(row) > 2:
        upper = len(row) // 2 + 1
        rows = (tuple(s.name for s in row[:upper]), tuple(s.name for s in row[upper:]))
        held = wrap._replace(rows=rows, holds=tuple(leaf_holds(rows[1], rows[:1])), columns=())
        out.append(replace(page, stubs=(*row, *others), wraps=(*wraps, held)))
    return out


def _merged(m: ArgumentMap, stubs: list[Stub]) -> list[list[Stub]]:
    """The root's stubs, then with one fewer at a time: each step's last two of a side joined.

    The side with the most stubs gives one up (the side for the root first, on a tie),
    its last two made one grouped stub; till each side has one. In file order.
    """
    order = {stub.tops[0]: i for i, stub in enumerate(stubs)}
    sides: list[list[Stub]] = [[], []]
    for stub in stubs:
        sides[_against(m, stub)].append(stub)
    out = [list(stubs)]
    while max(len(side) for side in sides) > 1:
        side = max(sides, key=len)
        *rest, before, last = side
        side[:] = [*rest, _joined(before, last)]
        out.append(sorted(sides[0] + sides[1], key=lambda stub: order[stub.tops[0]]))
    return out


def _against(m: ArgumentMap, stub: Stub) -> int:
    """1 where the branches a stub stands for argue against their parent, else 0."""
    return int(m.get(stub.tops[0]).relation in (Relation.ATTACKS, Relation.UNDERCUTS))


def _joined(before: Stub, last: Stub) -> Stub:
    """One grouped stub for the branches of two (``before`` first, its page named)."""
    tops = (*before.tops, *last.tops)
    return replace(before, tops=tops, hidden=before.hidden + last.hidden, grouped=True)
