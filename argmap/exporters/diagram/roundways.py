"""Other ways to hold a page's rows where its arrows go round boxes: in gaps, or beside.

Tried by :func:`~.pagetries.fewer_crossings` for a page whose drawing has arrows that
go round other boxes (see :func:`~.geometry.detours`): a last row hung in the gaps of
the row above (:func:`hung_in_gaps`), rows below a linked group hung from the boxes
beside it (:func:`clear_of_groups`), and on a paged conclusion's page, what hangs from
the conclusion beside the breadcrumb (:func:`beside_trail`) or beside the conclusion
(:func:`beside_conclusion`) instead of below the breadcrumb.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
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
    "group_places",
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
    Nothing held the group then, and the engine put it before a box it follows (a class
    debate's worksheet: a linked reason left of the thesis's first reason), so the row
    below keeps its place (see :func:`group_places`). None: no row changes.
    """
    drawn = set(page.nodes)
    wraps = []
    for wrap in page.wraps:
        grouped = {i for r in wrap.rows for i in r if i in drawn and m.get(i).group is not None}
        upper = {i for r in wrap.rows[:-1] for i in r}
        if among_rows(wrap) and not wrap.columns and grouped & upper:
            holds: list[tuple[str, str]] = []
            places: list[tuple[str, str]] = []
            for depth, row in enumerate(wrap.rows[1:], start=1):
                clear = (tuple(i for i in r if i not in grouped) for r in wrap.rows[:depth])
                above = [r for r in clear if r]
                if above and not grouped & set(row):
                    hung = leaf_holds(row, above)
                    holds += hung
                    places += group_places(row, wrap.rows[depth - 1], grouped, hung)
                else:
                    holds += [hold for hold in wrap.holds if hold[0] in row]
            wrap = wrap._replace(holds=tuple(holds), places=tuple(places))
        wraps.append(wrap)
    return replace(page, wraps=tuple(wraps)) if wraps != list(page.wraps) else None


def group_places(
    row: Sequence[str], above: Sequence[str], grouped: Set[str], holds: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(item, group) pairs of ``row`` that keep each linked group of ``above`` in its place.

    Held by nothing (the items below hang from the other boxes by ``holds``), a group's
    box went wherever the engine's ordering put it; and a row's edge into a group's box,
    as from one box to the next, the engine drops. An item of ``row`` between those hung
    from the boxes either side of the group is tied to it, weightless: the engine orders
    the group's rank by it, and pulls neither out of line (under the group, its edge
    would go round it). A group with no such item (its neighbour's items at the row's
    end) is left as it was.
    """
    at = {item: i for i, item in enumerate(row)}
    hung: dict[str, list[int]] = {}
    for item, anchor in holds:
        if item in at:
            hung.setdefault(anchor, []).append(at[item])
    middles = [_middle(hung.get(box, [])) for box in above]
    out = []
    for k, name in enumerate(above):
        if name not in grouped:
            continue
        low = max((m for m in middles[:k] if m is not None), default=-1.0)
        high = min((m for m in middles[k + 1 :] if m is not None), default=float(len(row)))
        if low < 0 and high >= len(row):
            continue  # no box beside it holds the row
        inside = [i for i in range(len(row)) if low < i < high]
        if inside:  # the first or last where one side is open, else the middle one
            end = 0 if low < 0 else -1 if high >= len(row) else len(inside) // 2
            out.append((row[inside[end]], name))
    return out


def _middle(places: Sequence[int]) -> float | None:
    """The median of the places of the items hung from a box (None: none are)."""
    if not places:
        return None
    ordered = sorted(places)
    half = len(ordered) // 2
    return float(ordered[half]) if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2
