"""Other ways to hold a page's rows where its arrows go round boxes: in gaps, or beside.

Tried by :func:`~.pagetries.fewer_crossings` for a page whose drawing has arrows that
go round other boxes (see :func:`~.geometry.detours`): a last row hung in the gaps of
the row above (:func:`hung_in_gaps`), rows below a linked group hung from the boxes
beside it (:func:`clear_of_groups`), and on a paged conclusion's page, what hangs from
the conclusion beside the breadcrumb (:func:`beside_trail`) or beside the conclusion
(:func:`beside_conclusion`) instead of below the breadcrumb.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.conclusionpages import BELOW_TRAIL
from argmap.exporters.diagram.rowholds import among_rows, gap_holds, leaf_holds
from argmap.exporters.diagram.stacking import Wrap

if TYPE_CHECKING:
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap

__all__ = [
    "ASIDE",
    "beside_conclusion",
    "beside_trail",
    "clear_of_groups",
    "hung_in_gaps",
    "round_ways",
]

ASIDE: Final = "aside "
"""The name of the row that holds a paged conclusion's objections in its rank starts so
(see :func:`beside_conclusion`), the conclusion's id after it."""


def round_ways(m: ArgumentMap, page: Page) -> list[Page]:
    """The page's other ways to hold its rows, in the order they are tried (none: [])."""
    ways = [hung_in_gaps(page), hung_in_gaps(page, True), beside_trail(page)]
    ways += [clear_of_groups(m, page)]
    ways += [beside_conclusion(page), beside_conclusion(page, first=True)]
    return [way for way in ways if way is not None]


def hung_in_gaps(page: Page, spare_first: bool = False) -> Page | None:
    """The page with each last row as long as the row above hung in its gaps, not under it.

    Rows of single boxes only, not a grid's (see :func:`~.rowholds.gap_holds`): an item
    centred under a linked group's box sent its edge round the group to the parent. The
    last row only: each row hung so half a box aside, the rows went down in a staircase.
    ``spare_first``: the item left over goes under the first box, not the last. None: no
    row changes.
    """
    wraps = []
    for wrap in page.wraps:
        if among_rows(wrap) and not wrap.columns and len(wrap.rows) > 1:
            *above, last = wrap.rows
            holds = [hold for hold in wrap.holds if hold[0] not in last]
            wrap = wrap._replace(holds=(*holds, *gap_holds(last, above, spare_first)))
        wraps.append(wrap)
    return replace(page, wraps=tuple(wraps)) if wraps != list(page.wraps) else None


def beside_trail(page: Page) -> Page | None:
    """The conclusion's page with what hangs from the conclusion beside the breadcrumb.

    On a paged conclusion's page (see :func:`~.conclusionpages.branch_pages`), the
    conclusion's objections and stubs are held below the breadcrumb, as beside it they
    would make a row wider than an upright page; their arrows go round the breadcrumb up
    to the conclusion. Where the row fits, beside it they run straight up. None: the
    page holds nothing below its breadcrumb.
    """
    wraps = tuple(w for w in page.wraps if not w.parent.startswith(BELOW_TRAIL))
    return replace(page, wraps=wraps) if len(wraps) < len(page.wraps) else None


def beside_conclusion(page: Page, first: bool = False) -> Page | None:
    """The conclusion's page with what hangs from the conclusion in the conclusion's rank.

    Where beside the breadcrumb is too wide (see :func:`beside_trail`; an upright page),
    the conclusion's objections and stubs go beside the conclusion, after it (``first``:
    before it), their arrows running along the rank into its side. None: the page holds
    nothing below its breadcrumb.
    """
    below = [w for w in page.wraps if w.parent.startswith(BELOW_TRAIL)]
    if not below:
        return None
    wraps = [w for w in page.wraps if w not in below]
    for wrap in below:
        top = wrap.parent.removeprefix(BELOW_TRAIL)
        items = tuple(item for item, _ in wrap.holds)
        row = (*items, top) if first else (top, *items)
        wraps.append(Wrap(f"{ASIDE}{top}", (row,), ()))
    return replace(page, wraps=tuple(wraps))


def clear_of_groups(m: ArgumentMap, page: Page) -> Page | None:
    """The page with the rows below a linked group's box hung from the row's other boxes.

    The engine draws no edge through a group's box: an item hung below it sent its edge
    round the group's side to the parent. Hung from the boxes beside the group (in their
    gaps, or under them), the rows below go up beside it. Rows of single boxes only, not
    a grid's; a row with no other box, or holding a group itself, is held as it was.
    None: no row changes.
    """
    drawn = set(page.nodes)
    wraps = []
    for wrap in page.wraps:
        grouped = {i for r in wrap.rows for i in r if i in drawn and m.get(i).group is not None}
        upper = {i for r in wrap.rows[:-1] for i in r}
        if among_rows(wrap) and not wrap.columns and grouped & upper:
            holds: list[tuple[str, str]] = []
            for depth, row in enumerate(wrap.rows[1:], start=1):
                clear = (tuple(i for i in r if i not in grouped) for r in wrap.rows[:depth])
                above = [r for r in clear if r]
                if above and not grouped & set(row):
                    holds += leaf_holds(row, above)
                else:
                    holds += [hold for hold in wrap.holds if hold[0] in row]
            wrap = wrap._replace(holds=tuple(holds))
        wraps.append(wrap)
    return replace(page, wraps=tuple(wraps)) if wraps != list(page.wraps) else None
