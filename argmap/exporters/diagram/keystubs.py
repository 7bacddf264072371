"""The key's stub row worded for the stubs the pages draw: branches, leaves drawn in full, both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from argmap.exporters.diagram.keymarks import STUB_MARKS, STUBS, deck_marks, stub_row
from argmap.exporters.diagram.pagemerge import Laid

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.model import ArgumentMap

__all__ = ["with_stub_row"]


_D = TypeVar("_D", bound=Laid)


def with_stub_row(
    m: ArgumentMap,
    drafts: list[_D],
    lay_out: Callable[[list[PagePlan]], list[_D]],
    budget: Budget,
) -> list[_D]:
    """The pages, the one with the map's key drawn again with its stubs' words true.

    Until the pages are known, the key explains a stub as a branch that goes on
    (``dashed box: continues on p. N``), the longest of its words, which the planner
    counts; where the pages draw leaves' stubs too (``drawn in full, p. 9``), or only
    those, the key's page is drawn again saying so (see :func:`~.keymarks.stub_row`),
    its words shorter. The drawing is kept where it fits as the first did.
    """
    row = stub_row(draft.plan.page for draft in drafts)
    if row == STUBS:
        return drafts
    kept = list(drafts)
    for index, draft in enumerate(drafts):
        if not deck_marks(m, draft.plan) & set(STUB_MARKS):
            continue  # no key here, or no stubs in it
        (again,) = lay_out([replace(draft.plan, stub_row=row)])
        if budget.holds(again.width, again.height) or (
            again.width <= draft.width and again.height <= draft.height
        ):
            kept[index] = again
    return kept
