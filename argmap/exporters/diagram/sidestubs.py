"""A one-node page that overflows, laid out again without the stub of its siblings."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from argmap.exporters.diagram.pagemerge import Drafts, Laid

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget

__all__ = ["without_side_stubs"]

_D = TypeVar("_D", bound=Laid)


def without_side_stubs(drafter: Drafts[_D], draft: _D, budget: Budget) -> _D:
    """Lay a one-node page out again without the stub of its siblings, if it overflows.

    That stub sits beside the node (the siblings continue on the next page); dropping it
    is the last way but one to keep the page's text at the legibility floor. The last:
    its stubs and breadcrumb in a narrow page's shorter lines (see :data:`~.labels.NARROW_WRAPS`).
    """
    if budget.holds(draft.width, draft.height):
        return draft
    page, own = draft.plan.page, set(draft.plan.page.nodes)
    stubs = tuple(stub for stub in page.stubs if stub.parent in own)
    if len(stubs) < len(page.stubs):
        # Its rows must not name the stub, or the engine would draw a box of that name.
        gone = {stub.name for stub in page.stubs} - {stub.name for stub in stubs}
        wraps = tuple(w for w in page.wraps if not gone & {n for row in w.rows for n in row})
        key = page.key  # nor the key hang below it (below the page's last box instead)
        if key[0] in ("below", "next") and key[1] in gone:
            key = (key[0], stubs[-1].name if stubs else page.tops[-1])
        plan = replace(draft.plan, page=replace(page, stubs=stubs, wraps=wraps, key=key))
        draft = drafter.lay_out([plan])[0]
    if (
        budget.holds(draft.width, draft.height)
        or draft.plan.narrow
        or len(draft.plan.page.nodes) > 1
    ):
        return draft
    narrow = drafter.lay_out([replace(draft.plan, narrow=True)])[0]
    return narrow if budget.holds(narrow.width, narrow.height) else draft
