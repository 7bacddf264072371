"""Pages drawn again other ways, the drawing that crosses (then goes round) least kept.

A page whose drawing has crossing arrows is drawn again with its rows held the ways of
:func:`~.steptries.step_ways` and :func:`~.roundways.round_ways`; one whose arrows only
go round other boxes, the ways of :func:`~.roundways.round_ways`. All tries are laid out
at once, on every core; a drawing is kept where it crosses less, or as often with fewer
arrows going round, and fits the page (see :func:`fewer_crossings`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from argmap.exporters.diagram.cutways import flat_way
from argmap.exporters.diagram.geometry import all_crossings, crossings, detours, misplaced
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pageorder import Drafted
from argmap.exporters.diagram.pagesize import fit_scale
from argmap.exporters.diagram.roundways import round_ways
from argmap.exporters.diagram.steptries import step_ways
from argmap.exporters.diagram.topsabreast import tops_abreast
from argmap.exporters.diagram.trailonto import other_side

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap

__all__ = ["fewer_crossings"]


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
    or arrows that go round other boxes (see :func:`~.geometry.detours`; then only the
    ways of :func:`~.roundways.round_ways`), and whose rows can be held another way is drawn again,
    once for each way; a drawing is kept if it has fewer crossings than the first and
    those before it, or as many and fewer siblings out of file order (see
    :func:`~.geometry.misplaced`: a way that hung a row elsewhere had the engine move a
    linked group before a box it follows, and was kept for an arrow fewer going round),
    or as many of both and fewer arrows going round, and fits the page (or,
    where the first does not, is shown no smaller); on a tie, the earlier. A page whose
    arrows cross is drawn again with its tops' junctions beside them too (see
    :func:`~.cutways.flat_way`), and with its breadcrumb's undercut links out of the
    breadcrumb's other side (see :func:`~.trailonto.other_side`), kept only where fewer
    cross (see :func:`_better`). First, a page planned with its tops side by side too is
    drawn so where that fits (see :func:`~.topsabreast.tops_abreast`).
    ``lay_out`` lays pages out (every try at once, on every core); ``budget``: the
    drawing size a page holds at the legibility floor.
    """
    order = {node.id: i for i, node in enumerate(m.nodes)}
    drafts = tops_abreast(order, drafts, lay_out, budget)
    tried: list[tuple[int, PagePlan]] = []  # (page, another way)
    least: dict[int, _Score] = {}  # page -> the fewest crossings, out of order, detours so far
    for at, draft in enumerate(drafts):
        found = _tries(m, draft, order)
        if found is not None:
            least[at], ways = found
            tried += [(at, replace(draft.plan, page=way)) for way in ways]
        for way in (flat_way(m, draft.plan), other_side(m, draft.plan)):  # see their modules
            if way is not None and (score := least.get(at) or _score(draft, order))[0]:
                least.setdefault(at, score)
                tried.append((at, way))
    if not tried:
        return drafts
    out = list(drafts)
    for (at, _), other in zip(tried, lay_out([plan for _, plan in tried]), strict=True):
        if _fits(budget, other, drafts[at]) and _better(other, out[at], order, least[at]):
            out[at], least[at] = other, _score(other, order)
    return out


def _better(other: _Laid, best: _Laid, order: dict[str, int], least: _Score) -> bool:
    """Whether a try's drawing beats the best so far (its score: ``least``).

    By :func:`_score`; a try of the breadcrumb's links out of the other side (see
    :func:`~.trailonto.other_side`) only where fewer arrows cross, those that cross apart
    first (where they meet at a box, the reader still tells them apart). Kept for an
    arrow fewer out of order or going round, that side crossed in the finished page (the
    drafts do not see the link's halves, redrawn after): a random debate's slide.
    """
    score = _score(other, order)
    if not other.plan.link_side:
        return score < least
    return (score[0], crossings(_svg(other))) < (least[0], crossings(_svg(best)))


_Score = tuple[int, int, int]
"""A drawing's crossings, siblings out of file order, and edges going round other boxes."""


def _tries(
    m: ArgumentMap, draft: _Laid, order: dict[str, int]
) -> tuple[_Score, list[Page]] | None:
    """A drawing's score (see :func:`_score`), and the other ways to draw its page (if any).

    Where arrows cross, every way; where they only go round boxes, the ways that hang
    rows elsewhere (see :func:`~.roundways.round_ways`). None: no way to try.
    """
    page, across = draft.plan.page, draft.plan.across
    ways, others = step_ways(m, page, across), round_ways(m, page)
    if not ways and not others:
        return None
    score = _score(draft, order)
    ways = [*ways, *others] if score[0] else others if score[2] else []
    return score, list(dict.fromkeys(ways))


def _score(draft: _Laid, order: dict[str, int]) -> _Score:
    """A drawing's crossings, siblings out of file order, and detours (fewer is better).

    Detours: edges that go round other boxes; ``order``: each node's place in the map.
    """
    svg, plan = _svg(draft), draft.plan
    backward = plan.direction in ("BT", "RL")
    unordered = misplaced(svg, order, plan.across, backward)[1]
    return all_crossings(svg), unordered, detours(svg, plan.across)


def _fits(budget: Budget, other: _Laid, first: _Laid) -> bool:
    """Whether ``other`` fits the page, or is shown as large as ``first`` that does not."""
    if budget.holds(other.width, other.height):
        return True
    if budget.holds(first.width, first.height):
        return False
    shown = fit_scale(budget, other.width, other.height)
    return shown >= fit_scale(budget, first.width, first.height)


def _svg(draft: _Laid) -> str:
    """A draft's SVG, unpacked."""
    return unpack(draft.packed)
