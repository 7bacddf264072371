"""The overview's stubs of the root in fewer, fuller rows where page 1's drawing has room."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, TypeVar

from argmap.exporters.diagram.geometry import (
    all_crossings,
    boxes,
    detours,
    misplaced,
    through_boxes,
)
from argmap.exporters.diagram.overviewlanes import loops, root_rows, with_first
from argmap.exporters.diagram.overviewstubs import held_rows
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Packed
from argmap.exporters.diagram.stacking import NODESEP, PASSING, Wrap
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page

__all__ = ["LANE", "ROWS_TRIED", "fuller_overview_rows", "fuller_rows"]

ROWS_TRIED: Final = 2
"""How many arrangements in fewer rows page 1 is laid out with at most: each with the key
where it was planned, then below the drawing (four layouts by the engine in all)."""

LANE: Final = (NODESEP + PASSING) / 2
"""The room an arrow from a lower row of stubs takes as it passes a row, in points, as the
trials are chosen: the planner's :data:`~.stacking.PASSING` runs wide (eight stubs in two
rows of four on A4, planned 1,006 points wide, were drawn 936), the engine's gap alone
narrow (six stubs in rows of two on upright A4, counted 449 points, were drawn 614).
Each trial is laid out: this only spares the engine those that cannot fit."""

_D = TypeVar("_D", bound=Packed)


def fuller_rows(names: Sequence[str], count: int) -> tuple[tuple[str, ...], ...]:
    """``names`` in file order in ``count`` rows at most, evenly filled, the first the fullest.

    Eight stubs in two rows: four and four; seven: four and three.
    """
    per = math.ceil(len(names) / max(1, count))
    return tuple(tuple(names[i : i + per]) for i in range(0, len(names), per))


def fuller_overview_rows(
    m: ArgumentMap, drafts: list[_D], drafter: Drafts[_D], budget: Budget
) -> list[_D]:
    """The pages, page 1's stubs of the root in fewer rows where that fits.

    The planner charges each arrow from a lower row more room as it passes a row than
    the engine takes, and plans rows only :data:`~.pageestimate.WIDE_SHARE` of the page
    across: the eight stubs of a thesis's reasons and objections on A4 came in three
    ragged rows (three, three, two), far apart round the key beside the last, their
    arrows long and threading between the stubs above, where two rows of four fit the
    page with the key below them. Page 1 is laid out with the stubs in fewer rows,
    fewest first (at most :data:`ROWS_TRIED` ways, each row no wider than the budget
    with room for each arrow passing it), with the key where it was planned, then
    below the drawing. The first that fits the budget (the legibility floor) with its
    arrows crossing no more, going round or through no more boxes, none looping round
    the rows, and no more boxes out of file order or above their parent, is kept.
    ``drafts``: every page, laid out, page 1 first.
    """
    found = root_rows(drafts)
    if found is None:
        return drafts
    first, wrap = found
    page, root = first.plan.page, first.plan.page.tops[0]
    names = [name for row in wrap.rows for name in row]
    named = set(names)
    svg = unpack(first.packed)
    drawn = boxes(svg)
    if not named <= {s.name for s in page.stubs} or not named <= drawn.keys():
        return drafts  # rows of more than stubs
    widths = {name: drawn[name].right - drawn[name].left for name in names}
    order = {node.id: i for i, node in enumerate(m.walk())}

    def counts(laid_svg: str) -> tuple[int, ...]:
        return (
            all_crossings(laid_svg),
            through_boxes(laid_svg),
            detours(laid_svg),
            *misplaced(laid_svg, order),
        )

    before = counts(svg)

    def fits(laid: _D) -> bool:
        after = unpack(laid.packed)
        return (
            budget.holds(laid.width, laid.height)
            and all(a <= b for a, b in zip(counts(after), before, strict=True))
            and not loops(after, root, named)
        )

    trials = _trials(page, wrap, widths, budget.width)
    return with_first(drafts, drafter, trials, fits) if trials else drafts


def _trials(page: Page, wrap: Wrap, widths: Mapping[str, float], across: float) -> list[Page]:
    """Page 1 with the root's stubs in fewer rows, fewest first: the key as planned, then below.

    ``widths``: each stub's drawn width; ``across``: the drawing's width at the
    legibility floor. Only rows whose widest, with room for each arrow passing it (see
    :data:`LANE`), fits that width; held as the overview's rows are (see
    :func:`~.overviewstubs.held_rows`). The key below hangs from the last row's ends.
    """
    names = [name for row in wrap.rows for name in row]
    widest = max(widths.values())
    out: list[Page] = []
    tried: set[tuple[tuple[str, ...], ...]] = set()
    for count in range(1, len(wrap.rows)):
        rows = fuller_rows(names, count)
        if rows in tried or len(rows) >= len(wrap.rows) or not _room(rows, widths, across):
            continue
        tried.add(rows)
        held = held_rows(wrap, rows, widest)
        trial = replace(page, wraps=tuple(held if w is wrap else w for w in page.wraps))
        out.append(trial)
        if page.key[0] == "bottom":  # beside the lowest rank: then below the drawing
            out.append(replace(trial, key=("below", rows[-1][0])))
        if len(out) >= 2 * ROWS_TRIED:
            break
    return out


def _room(rows: Sequence[Sequence[str]], widths: Mapping[str, float], across: float) -> bool:
    """Whether each row, with a gap for each arrow from the rows below it, fits ``across``."""
    after = sum(map(len, rows))
    for row in rows:
        after -= len(row)
        wide = sum(widths[name] for name in row) + NODESEP * (len(row) - 1) + LANE * after
        if wide > across:
            return False
    return True
