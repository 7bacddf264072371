"""How the next plan cuts the budget of the pages whose layout overflowed the last one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.paging import Page

__all__ = ["TRIES", "tighten"]

TRIES: Final = 4
"""Plans tried before each page that still overflows is planned with its first node alone."""


def tighten(
    tighter: dict[str, tuple[float, float]],
    over: Sequence[tuple[Page, float, float]],
    budget: Budget,
    attempt: int,
) -> None:
    """Cut the budget of each overflowing page (with its layout's size) for the next plan.

    The estimate of a page runs short of its layout by a page's own amount (how the
    engine places its rows), so the page's share is cut to what it was estimated at,
    times the room over the drawn size (a little less each attempt): a page estimated
    well inside its share, yet drawn too big, changes in the next plan rather than the
    one after. After :data:`TRIES`, a page is cut down to its first node alone, and the
    page its next top starts is cut as it would have been.
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
        if attempt < TRIES:
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
