"""Pages that hold a statement or two alone: planned again into the page with their stub."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Final

from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.paging import Page
from argmap.model import ArgumentMap

__all__ = ["ALONE", "LOOSEST", "MOST_PAGES", "Orphans", "hosts"]

ALONE: Final = 2
"""An orphan page draws this many statements at most, and nothing below them."""
LOOSEST: Final = 1.12
"""The most a page with an orphan's stub may be planned beyond the page, on either side."""

MOST_PAGES: Final = 100
"""Plans of more pages are kept as they fit. Hosting orphans costs a plan or two and the
layout of the pages it changes: ten statements on two slides come to one, where 1,500
generated nodes on 245 A4 pages came to 242 for a tenth more time, on 207 slides to none
fewer for a third more, and 10,000 nodes on 1,665 A4 pages to 1,657 for 7% more."""

Drawn = tuple[Page, float, float]
"""A page as laid out: the page, and its drawing's width and height in points."""


class Orphans:
    """Try once, after the pages fit, to draw each orphan on the page of its stub.

    An orphan is a page that draws a statement or two with nothing below them: the page
    their stub is on had no room for them by the planner's estimate, which runs larger
    than the engine's drawing on most pages (ten statements on a slide: the tenth on a
    page of its own, with room for it on page 1). That page is planned again as if it
    were larger, by as much as its estimate ran over its drawing (at most
    :data:`LOOSEST`); a page that then overflows, by half as much, then as it was.
    The new plan is kept only where every page's layout fits and there are fewer pages;
    else (or where a page not planned larger overflows) the plan that fitted is made
    again (its pages are remembered, not laid out again).
    """

    def __init__(
        self, m: ArgumentMap, tighter: dict[str, tuple[float, float]], budget: Budget
    ) -> None:
        self.m, self.tighter, self.budget = m, tighter, budget
        self.tried = False
        self.loosened: dict[str, tuple[float, float]] = {}
        self.halved: set[str] = set()
        self.pages = 0

    def fewer(self, pages: int) -> bool:
        """Whether a plan has fewer pages than the one that fitted, if it is loosened.

        If not, it is undone before it is laid out.
        """
        if not self.loosened or pages < self.pages:
            return True
        for top in self.loosened:
            del self.tighter[top]
        self.loosened = {}
        return False

    def again(self, drawn: Sequence[Drawn], over: Set[str], left: int) -> bool:
        """Whether to plan again: to host the orphans, or to go back to what fitted.

        Args:
            drawn: the plan's pages, laid out.
            over: the first tops of the pages whose layout overflows the budget.
            left: how many more plans may be made.
        """
        if self.loosened:  # a loosened plan: kept, tried again less loose, or undone
            if not over and len(drawn) < self.pages:
                self.loosened = {}
                return False
            if over and over <= self.loosened.keys() and left >= 2:
                for top in over:  # those pages alone: half as loose, then as they were
                    width, height = self.loosened[top]
                    if top in self.halved:
                        del self.tighter[top], self.loosened[top]
                    else:
                        self.tighter[top] = (1 + (width - 1) / 2, 1 + (height - 1) / 2)
                        self.halved.add(top)
                if self.loosened:
                    return True
            for top in self.loosened:
                del self.tighter[top]
            self.loosened = {}
            return True
        if self.tried or over or left < 3 or len(drawn) > MOST_PAGES:
            return False
        self.tried = True
        self.loosened = hosts(self.m, drawn, self.budget, self.tighter)
        self.tighter.update(self.loosened)
        self.pages = len(drawn)
        return bool(self.loosened)


def hosts(
    m: ArgumentMap,
    drawn: Sequence[Drawn],
    budget: Budget,
    planned: Mapping[str, tuple[float, float]],
) -> dict[str, tuple[float, float]]:
    """The pages (by first top) that have an orphan's stub, each with its loosened share.

    Not a page planned smaller already (``planned``), nor one whose estimate ran no larger
    than its drawing on either side: planned larger, it would overflow.
    """
    orphans = {
        node_id
        for page, _, _ in drawn
        if page.number > 1
        and len(page.nodes) <= ALONE
        and not page.stubs
        and not any(m.children(n) for n in page.nodes)
        for node_id in page.nodes
    }
    out: dict[str, tuple[float, float]] = {}
    if not orphans:
        return out
    for page, width, height in drawn:
        if not page.tops or page.tops[0] in planned or page.tops[0] in out:
            continue
        if not any(orphans.intersection(stub.tops) for stub in page.stubs):
            continue
        est_w, est_h = page.estimate
        room_w = min(est_w, budget.width) / width if width > 0 else 1.0
        room_h = min(est_h, budget.height) / height if height > 0 else 1.0
        share = (min(LOOSEST, max(1.0, room_w)), min(LOOSEST, max(1.0, room_h)))
        if share != (1.0, 1.0):
            out[page.tops[0]] = share
    return out
