"""A key planned for a page of its own: drawn below a page whose layout has room for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, TypeVar

from argmap.exporters.diagram.geometry import all_crossings, boxes, detours
from argmap.exporters.diagram.legend import PAIRED, PAIRED_WRAPPED
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Packed
from argmap.exporters.diagram.stacking import RANKSEP

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page

__all__ = ["KEY_HOSTS", "key_shared"]

KEY_HOSTS: Final = 3
"""Pages the key is laid out on at most, for each way of setting it (one, two columns)."""

_D = TypeVar("_D", bound=Packed)


def key_shared(drafts: list[_D], drafter: Drafts[_D], budget: Budget) -> list[_D]:
    """The pages, the key on its own page moved below the drawing of one with room for it.

    The planner gives the key a page of its own when no page's estimate has room for it;
    the estimates run larger than the engine's drawings (Letter upright, a 61-statement
    town debate: page 16 the key alone, while page 14 was drawn less than half the page
    high). Each page after the overview whose drawing leaves the key's height (as drawn
    on its own page) is tried in reading order, a few at most, the key in one column,
    then in two (lower: see :func:`~.legend.legend_label`) on the pages with most room;
    the first laid out within the budget, its edges crossing no more and none going round
    a box (a later pass may straighten such an arrow on a page without the key), draws it.
    ``drafts``: every page, laid out, page 1 first; the key's own page, if any, last.
    """
    alone = drafts[-1] if drafts else None
    if alone is None or alone.plan.page.key[0] != "alone" or len(drafts) < 3:
        return drafts
    if alone.plan.direction != "TB":  # below the drawing is where the planner puts it top down
        return drafts
    hosts = [d for d in drafts[1:-1] if d.plan.page.nodes and d.plan.page.key == ("", "")]
    roomy = sorted(hosts, key=lambda d: (d.height, d.plan.page.number))[:KEY_HOSTS]
    high = budget.height - alone.height - RANKSEP
    ways = [
        (1, [d for d in hosts if d.height <= high and d.width <= budget.width][:KEY_HOSTS]),
        (PAIRED, roomy),
        (PAIRED_WRAPPED, roomy),
    ]
    for columns, tried in ways:
        tried = [d for d in tried if _lowest(d)]
        laid = drafter.lay_out([replace(d.plan, page=_with_key(d, columns)) for d in tried])
        for old, new in zip(tried, laid, strict=True):
            (crossed, turns), (was, _) = _crossed(new), _crossed(old)
            if budget.holds(new.width, new.height) and crossed <= was and not turns:
                return _moved(drafts[:-1], new, drafter, alone.plan.page.number)
    return drafts


def _lowest(draft: Packed) -> str:
    """The page's box drawn lowest (the rightmost of those), a statement or a stub: "" if none."""
    page = draft.plan.page
    drawn = boxes(unpack(draft.packed))
    names = [n for n in (*page.nodes, *(stub.name for stub in page.stubs)) if n in drawn]
    return max(names, key=lambda n: (drawn[n].bottom, drawn[n].right), default="")


def _with_key(draft: Packed, columns: int) -> Page:
    """The page's plan with the key below its lowest box, in ``columns``."""
    return replace(draft.plan.page, key=("below", _lowest(draft)), key_columns=columns)


def _moved(drafts: Sequence[_D], host: _D, drafter: Drafts[_D], alone: int) -> list[_D]:
    """The pages but the key's own (``alone``, the last), the key on ``host``, all pointing there.

    Each page keeps its plan as laid out (its ranks' gap, its undercutters' way), its
    count of pages one less.
    """
    there = ("page", str(host.plan.page.number))
    plans = [(host if d.plan.page.number == host.plan.page.number else d).plan for d in drafts]
    pages = [p.page for p in plans]
    pages = [replace(p, key=there) if p.key == ("page", str(alone)) else p for p in pages]
    total = len(pages)
    return drafter.lay_out(
        [replace(plan, page=page, total=total) for plan, page in zip(plans, pages, strict=True)]
    )


def _crossed(laid: Packed) -> tuple[int, int]:
    """How many pairs of a drawing's tree edges cross, and how many arrows go round boxes."""
    svg = unpack(laid.packed)
    return all_crossings(svg), detours(svg)
