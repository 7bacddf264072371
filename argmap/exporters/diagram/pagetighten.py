"""How plans cut pages' budgets: pages drawn too big in the last plan, and lists' pages after."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.rowholds import GRID_SLACK

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Unit
    from argmap.exporters.diagram.pagefill import Pager
    from argmap.exporters.diagram.paging import Page

__all__ = ["LIST_CUT", "LIST_SAMPLE", "TRIES", "follow_cut", "tighten"]

LIST_CUT: Final = "\0cut of the list under "
"""Prefixes a parent's id in a plan's cuts (never a node's id: it starts with a NUL): the
cut of the last page of its list of siblings cut so far (see :func:`follow_cut`)."""
LIST_SAMPLE: Final = 32
"""Siblings left that :func:`follow_cut` compares (a list's pages each hold fewer)."""

TRIES: Final = 4
"""Plans tried before each page that still overflows is planned with its first node alone."""


def tighten(
    tighter: dict[str, tuple[float, float]],
    over: Sequence[tuple[Page, float, float]],
    budget: Budget,
    attempt: int,
    last: bool = False,
) -> None:
    """Cut the budget of each overflowing page (with its layout's size) for the next plan.

    The estimate of a page runs short of its layout by a page's own amount (how the
    engine places its rows), so the page's share is cut to what it was estimated at,
    times the room over the drawn size (a little less each attempt): a page estimated
    well inside its share, yet drawn too big, changes in the next plan rather than the
    one after. After :data:`TRIES`, a page cut before that overflows again is cut down to
    its first node alone, and the page its next top starts is cut as it would have been;
    a page overflowing for the first time is cut as any, unless the next plan is the
    ``last`` (there every page still overflowing goes to its first node). Pages cut
    ahead by the plans before start new pages, which overflowed in their turn: cut to
    their first node at once, a 13-statement map on upright A4 took 9 pages, four of
    one statement each.
    """
    margin = 0.97 - 0.05 * attempt
    for page, drawn_w, drawn_h in over:
        key = page.tops[0]
        width, height = tighter.get(key, (1.0, 1.0))
        est_w, est_h = page.estimate
        cut = (
            _cut(width, est_w, drawn_w, budget.width, margin),
            _cut(height, est_h, drawn_h, budget.height, margin),
        )
        if attempt < TRIES or (key not in tighter and not last):
            tighter[key] = cut
            continue
        tighter[key] = (0.0, 0.0)
        # Its other tops start the next page, drawn with the siblings after them: the
        # same estimate falls short there too. Cut now, it is not one more plan away.
        if len(page.tops) > 1:
            tighter.setdefault(page.tops[1], cut)


def _cut(share: float, estimate: float, drawn: float, room: float, margin: float) -> float:
    """A page's share of one side of the budget: cut from its estimate if drawn too big."""
    if drawn > room and estimate > 0:
        share = min(share, estimate / room)
    return share * min(1.0, room / drawn * margin)


def follow_cut(pager: Pager, units: Sequence[Unit]) -> None:
    """A page that goes on down a list of alike siblings takes the cut of the page before.

    ``units``: the siblings left, the page's first. Pages of a list of leaves of about
    one size (within :data:`~.rowholds.GRID_SLACK`, judged on the first
    :data:`LIST_SAMPLE` left) are drawn alike, and the estimate of each runs short alike:
    cut one at a time, the page after a cut page overflowed in its turn, plan after
    plan, and after :data:`TRIES` plans the pages still overflowing held their first node
    alone (1,000 objections on slides: every other page of one). Lists of unlike
    statements are cut page by page, as drawn. A page cut to its first node passes
    nothing on.
    """
    top = units[0][0]
    key = LIST_CUT + (pager.parent[top] or "")
    cut = pager.tighter.get(top)
    if cut is not None:
        if cut != (0.0, 0.0) and _alike(pager, units):
            pager.tighter[key] = cut
    elif key in pager.tighter and _alike(pager, units):
        pager.tighter[top] = pager.tighter[key]


def _alike(pager: Pager, units: Sequence[Unit]) -> bool:
    """Whether the first :data:`LIST_SAMPLE` units are single leaves of about one size."""
    sample = units[:LIST_SAMPLE]
    if any(len(unit) != 1 or pager.children[unit[0]] for unit in sample):
        return False
    widths = [pager.sizes[unit[0]][0] for unit in sample]
    heights = [pager.sizes[unit[0]][1] for unit in sample]
    return bool(max(widths) - min(widths) <= GRID_SLACK >= max(heights) - min(heights))
