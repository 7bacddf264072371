"""The overview's grouped stub split into a stub a branch where page 1's drawing has room."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from argmap.exporters.diagram.geometry import all_crossings, boxes
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Packed, first_fitting
from argmap.exporters.diagram.rowholds import among_rows, column_holds, is_grid, leaf_holds
from argmap.exporters.diagram.stacking import NODESEP, PASSING, RANKSEP, Wrap
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page, Stub

__all__ = ["held_rows", "split_overview_stubs"]


_D = TypeVar("_D", bound=Packed)


def split_overview_stubs(
    m: ArgumentMap, drafts: list[_D], drafter: Drafts[_D], budget: Budget
) -> list[_D]:
    """The pages, page 1's grouped stub of the root's branches a stub each where that fits.

    Page 1 is planned by an estimate that runs larger than the engine's drawing: on an
    upright page the overview named two of the thesis's six reasons, then "4 more reasons
    · 9 nodes in all", its lower third blank. The grouped stub's branches get a stub
    each, in the rows of the root's stubs (as many in a row as there were, then two,
    then one: fewest rows first), each laid out and kept where page 1 still fits its
    budget (the legibility floor) with its arrows crossing no more. Only the stubs
    change: every page keeps its number. ``drafts``: every page, laid out, page 1 first.
    """
    first = drafts[0] if drafts else None
    if first is None or first.plan.page.number != 1 or len(drafts) < 2:
        return drafts
    page = first.plan.page
    grouped = [s for s in page.stubs if s.grouped and len(s.tops) > 1]
    if len(grouped) != 1 or grouped[0].parent != (page.tops[0] if page.tops else None):
        return drafts
    home = {node: d.plan.page.number for d in drafts for node in d.plan.page.nodes}
    singles = _singles(m, grouped[0], home)
    if singles is None:
        return drafts
    drawn = boxes(unpack(first.packed))
    sizes = [drawn[s.name] for s in page.stubs if s.name in drawn]
    if len(sizes) != len(page.stubs):
        return drafts
    size = (max(b.right - b.left for b in sizes), max(b.bottom - b.top for b in sizes))
    crossed = all_crossings(unpack(first.packed))

    def fits(laid: _D) -> bool:
        return (
            budget.holds(laid.width, laid.height) and all_crossings(unpack(laid.packed)) <= crossed
        )

    trials = _trials(page, grouped[0], singles, (first.width, first.height), size, budget)
    never = (lambda _laid: False, "")  # ranks drawn closer: not tried
    plan = first_fitting(trials, drafter, (len(drafts), home), fits, never, first.plan.ranksep)
    return drafts if plan is None else [drafter.lay_out([plan])[0], *drafts[1:]]


def _singles(m: ArgumentMap, stub: Stub, home: Mapping[str, int]) -> list[Stub] | None:
    """A stub for each branch a grouped stub stands for (a linked group's: one, its members').

    None where a branch is drawn on no page, or the counts differ from the grouped stub's.
    """
    kids = m.children(stub.parent)
    out: list[Stub] = []
    for top in stub.tops:
        if any(top in single.tops for single in out):
            continue  # a linked group's later member
        group = m.get(top).group
        unit = (top,) if group is None else tuple(k.id for k in kids if k.group == group)
        if top not in home:
            return None
        out.append(replace(stub, tops=unit, hidden=_count(m, unit, home), page=home[top]))
        out[-1] = replace(out[-1], grouped=False)
    if sum(s.hidden for s in out) != stub.hidden:
        return None
    return out


def _count(m: ArgumentMap, unit: Sequence[str], home: Mapping[str, int]) -> int:
    """How many nodes the branches from ``unit`` draw on the pages (an iterative walk)."""
    count, stack = 0, list(unit)
    while stack:
        node_id = stack.pop()
        count += node_id in home
        stack.extend(kid.id for kid in m.children(node_id))
    return count


def _trials(
    page: Page,
    stub: Stub,
    singles: list[Stub],
    laid: tuple[float, float],
    size: tuple[float, float],
    budget: Budget,
) -> list[Page]:
    """Page 1 with the stubs in the root's rows: fewest rows first, those that may fit.

    ``laid``: page 1's drawing's size; ``size``: the widest and tallest of its stubs.
    """
    own = [w for w in page.wraps if w.parent == stub.parent]
    stubs = tuple(s for t in page.stubs for s in (singles if t is stub else [t]))
    if not own:  # the root's children in one rank, as the engine orders them
        wide = laid[0] + (len(singles) - 1) * (size[0] + NODESEP)
        return [replace(page, stubs=stubs)] if budget.holds(wide, laid[1]) else []
    rows = own[0].rows
    at = next((i for i, row in enumerate(rows) if stub.name in row), None)
    if len(own) > 1 or own[0].columns or at is None:
        return []
    names = [s.name for s in singles]
    items = [n for i in rows[at] for n in (names if i == stub.name else [i])]
    widest = max(map(len, rows[: at + 1]))  # the stub's row and those above it
    out = []
    for per in dict.fromkeys(_even(len(items), most) for most in (widest, len(rows[at]), 2, 1)):
        chunks = [tuple(items[i : i + per]) for i in range(0, len(items), per)]
        more = len(chunks) - 1
        wide = per * size[0] + (per - 1) * NODESEP + len(rows) * PASSING
        if not budget.holds(max(wide, laid[0]), laid[1] + more * (size[1] + RANKSEP)):
            continue
        new = (*rows[:at], *chunks, *rows[at + 1 :])
        kept = (w for w in page.wraps if w.parent != stub.parent)
        wraps = (*kept, held_rows(own[0], new, size[0]))
        out.append(replace(page, stubs=stubs, wraps=wraps))
    return out


def _even(items: int, most: int) -> int:
    """How many to a row for ``items`` in as few rows of ``most`` at most, evenly filled.

    Four objections under a row of four reasons: one row of four, not three and one (the
    last alone at the bottom left, its arrow round the outside of the rows above).
    """
    rows = math.ceil(items / max(1, most))
    return math.ceil(items / rows)


def held_rows(wrap: Wrap, rows: tuple[tuple[str, ...], ...], width: float) -> Wrap:
    """The root's ``rows``, each held below the one before (``width``: the widest stub's).

    Rows of single boxes (the stubs) are held as :func:`~.stacking.note_rows` holds
    them: each item in a gap of a longer row above, or under a box of a row as long,
    spread across it, so its arrow runs up between the boxes (all held under the first
    box, the lower rows' arrows looped round the outside of the drawing); a grid's in
    line with its column. Below deeper blocks, each item under the first of the row above.
    """
    if not among_rows(wrap):
        holds = tuple(
            (i, row[0]) for row, below in zip(rows, rows[1:], strict=False) for i in below
        )
        return Wrap(wrap.parent, rows, holds, wrap.weight)
    held = [h for depth in range(1, len(rows)) for h in leaf_holds(rows[depth], rows[:depth])]
    grid = is_grid([[width] * len(row) for row in rows], True, (NODESEP, PASSING))
    columns = column_holds(rows, held) if grid else ()
    return Wrap(wrap.parent, rows, tuple(held), wrap.weight, columns)
