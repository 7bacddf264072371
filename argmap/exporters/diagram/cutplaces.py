"""Where a continued page's undercutters are planned: beside their top, below it, or at its box."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from argmap.exporters.diagram.stacking import (
    NODESEP,
    RANKSEP,
    Item,
    Wrap,
    group_layout,
    lowest,
    merged,
    rows_width,
)
from argmap.exporters.diagram.trailcuts import BESIDE, JUNCTION_RANK, UNDER
from argmap.model import NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Estimator, Unit

__all__ = [
    "first_row_only",
    "in_first_row",
    "not_beside",
    "place_cutters",
    "split_beside",
    "tops_with_cutters",
    "undercut_tops",
]


def place_cutters(
    top: str, size: tuple[float, float], beside: Sequence[Item], limit: float
) -> tuple[tuple[str, ...], float, float] | None:
    """Where a continued branch's undercutters go, if anywhere: their row, its width, the rank.

    Beside its top, shared between its sides (see :func:`split_beside`), where that fits
    ``limit``; else on the rank of the junction above it, to its left, each aiming across
    at it (an upright page: among the top's children, they aimed at its box, an attack on
    its claim to any reader), where that fits and they are single boxes. ``size``: the
    widths of the top's box and of its block; the rank: how much taller the top's rank
    grows with the junction's above it. None: they stay among its children.
    """
    row, width = split_beside(top, size, beside, NODESEP)
    if width <= limit:
        return row, width, JUNCTION_RANK
    reach = sum(item.width + NODESEP for item in beside)  # left of the top's middle
    width = max(size[1] / 2, reach) + size[1] / 2
    if width > limit or any(len(item.ranks) > 1 for item in beside):
        return None
    tall = max(item.ranks[0] for item in beside)
    return (*(item.name for item in beside), f"junction {top}"), width, tall + RANKSEP


def tops_with_cutters(
    est: Estimator,
    tops: Sequence[Unit],
    items: list[Item],
    page: tuple[Collection[str], Mapping[str, int]],
    block: Mapping[str, Item],
    how: tuple[float, float, frozenset[str]],
) -> tuple[list[Item], list[Wrap]]:
    """The tops' items (``items``), each undercut top's made room for its undercutters.

    They aim at the junction on its arrow into the breadcrumb. A page's one top (or
    linked group) takes them beside it, a rank below the junction, or, single boxes, on
    the junction's rank (see :func:`place_cutters`), where they fit; they stay counted
    among its children too, so the estimate errs on the safe side. One of several tops
    whose only children they are, single boxes, keeps them below it, and they aim up at
    the junction past its side (see :func:`_held_below`), as a page's one top does where
    they do not fit beside it; a linked group among several takes them beside its box
    (see :func:`in_first_row`). Elsewhere they aim at the top's box: beside a top among
    several, they made each page hold fewer tops, and below one with children of its
    own they mixed with those. Returns the items, and the rows that note the choice
    for the graph (``beside TOP``, ``under TOP``). ``page``: its full nodes, and the
    stub limits; ``how``: the row width, the width a linked group's boxes side by side
    may take, and the tops among several that take them beside them too (on a page
    planned already, one by one while its rows have the room).
    """
    widened, noted = list(items), []
    several = len(tops) > 1
    for k, unit in enumerate(tops):
        cutters = _cutter_items(est, unit, page, block, how[1])
        if cutters is None:
            continue
        # Below it only in one row: ranked under it each, rows of them came out wider
        # than the page (twelve undercutters on A4: pages of five, were thirteen).
        below = _held_below(est, unit, cutters) and rows_width([cutters]) <= how[0]
        alone = len(unit) == 1 and several and unit[0] not in how[2]
        placed = None if alone else _beside(est, unit, items[k], cutters, (how[0], block))
        if placed is not None and (not several or unit[0] in placed[1].rows[0]):
            widened[k], _ = placed
            noted.append(placed[1])
        elif below:  # their arrows pass beside it, up to the junction
            item = items[k]
            ranks = (item.ranks[0] + JUNCTION_RANK, *item.ranks[1:])
            widened[k] = item._replace(width=item.width + NODESEP / 2, ranks=ranks)
            noted.append(Wrap(f"{UNDER}{unit[0]}", (tuple(c.name for c in cutters),), ()))
    return widened, noted


def undercut_tops(est: Estimator, tops: Sequence[Unit]) -> list[str]:
    """The tops (single ones, not linked groups) with undercutters among their children."""
    kids = est.children
    return [
        u[0]
        for u in tops
        if len(u) == 1 and any(est.node[c].relation is Relation.UNDERCUTS for c in kids[u[0]])
    ]


def in_first_row(rows: list[list[Item]], beside: Sequence[Wrap], limit: float) -> bool:
    """Whether the tops drawn with undercutters beside them fit, all in the first row.

    In a later row, their arrows and the undercutters' would pass the row above: a page
    of several tops draws a linked group's beside its box only in its first row, and
    only where its rows still fit ``limit`` with them (else see :func:`not_beside`).
    """
    first = {f"{BESIDE}{item.name}" for item in rows[0]}
    ok = all(w.parent in first for w in beside if w.parent.startswith(BESIDE))
    return ok and rows_width(rows) <= limit


def not_beside(
    tops: Sequence[Unit], items: Sequence[Item], widened: Sequence[Item], notes: Sequence[Wrap]
) -> tuple[list[Item], list[Wrap]]:
    """The items and notes of :func:`tops_with_cutters` with no undercutters beside a top.

    ``items``: the tops' items as given, for those that had them beside.
    """
    gone = {note.parent for note in notes if note.parent.startswith(BESIDE)}
    kept = [note for note in notes if note.parent not in gone]
    out = [items[k] if f"{BESIDE}{u[0]}" in gone else widened[k] for k, u in enumerate(tops)]
    return out, kept


def first_row_only(notes: Sequence[Wrap], rows: Sequence[Sequence[Item]]) -> list[Wrap]:
    """The notes of :func:`tops_with_cutters` that hold for the tops laid out in ``rows``.

    Beside a top, only in the first row; held below one, only where the tops are one
    row. Below a top of a later row, the undercutters' arrows went up round the rows
    above to a junction pulled out beside them all, crossing their arrows; below one of
    the first of several rows (upright pages stack their tops), the later tops' arrows
    and theirs passed it side by side, and the page came out a quarter wider than
    planned. There they aim at the top's box, as before.
    """
    first = {item.name for item in rows[0]}
    keep = {f"{BESIDE}{name}" for name in first}
    if len(rows) == 1:
        keep |= {f"{UNDER}{name}" for name in first}
    return [note for note in notes if note.parent in keep]


def _held_below(est: Estimator, unit: Unit, cutters: Sequence[Item]) -> bool:
    """Whether a top may keep its undercutters below it, their arrows up past its side.

    Only a top whose only children are its undercutters, single boxes (drawn or stubs):
    a top's other children, or another top's, mixed with them in the rank below, and
    the engine drew their arrows round them all to a junction pulled aside.
    """
    if len(unit) != 1 or any(len(item.ranks) > 1 for item in cutters):
        return False
    return _only_cutters(est, unit[0])


def _only_cutters(est: Estimator, top: str) -> bool:
    """Whether a top's children are all undercutters of its link."""
    return all(est.node[c].relation is Relation.UNDERCUTS for c in est.children[top])


def _cutter_items(
    est: Estimator,
    unit: Unit,
    page: tuple[Collection[str], Mapping[str, int]],
    block: Mapping[str, Item],
    fit: float,
) -> list[Item] | None:
    """A top's undercutters as row items, nodes and stubs; None: none, or they stay put.

    A linked group (the whole of it, side by side) has its members': they undercut its
    one link, through the junction on its arrow. ``fit``: the width a linked group's
    boxes side by side may take.
    """
    undercut = est.undercut
    if not any(t in undercut for t in unit):
        return None  # no undercutter among their children
    top = unit[0]
    node = est.node[top]
    if top == est.root or node.relation is None or node.kind is NodeKind.CONCLUSION:
        return None
    if len(unit) > 1 and not _whole_row(est, unit, block, fit):
        return None
    full, limits = page
    kids = [c for t in unit for c in est.children[t]]
    cutters = [c for c in kids if est.node[c].relation is Relation.UNDERCUTS]
    grouped = any(limits.get(t, math.inf) < len(est.units(t)) for t in unit)  # in one stub
    if not cutters or grouped or any(est.node[c].group for c in cutters):
        return None
    return [block[c] if c in full else est.stub_item((c,), False) for c in cutters]


def _beside(
    est: Estimator,
    unit: Unit,
    item: Item,
    beside: list[Item],
    how: tuple[float, Mapping[str, Item]],
) -> tuple[Item, Wrap] | None:
    """A top's item widened by its undercutters (``beside``) beside it, and their row.

    ``how``: the row width, and the page's blocks. None: no room in that width.
    """
    limit, block = how
    top = unit[0]
    own = [est.sizes[t] for t in unit]
    box = sum(w for w, _ in own) + NODESEP * (len(unit) - 1) + 2 * est.box[0]
    # (A page drawn wider than planned is planned again: they go among its children.)
    item = item._replace(width=_rows_without(est, unit, item, beside, block))
    placed = place_cutters(top, (box, item.width), beside, limit)
    if placed is None or (len(unit) > 1 and top not in placed[0]):
        return None
    row, width, above = placed
    row = tuple(n for name in row for n in (unit if name == top else (name,)))
    if len(unit) == 1 and top in row and _only_cutters(est, top):
        side = [Item(top, own[0][0], (own[0][1],), top), *beside]  # all it has: beside it
        item = Item(top, side[0].width, merged(side), lowest(side).deepest)
    ranks = (item.ranks[0] + above, *item.ranks[1:])  # and the junction's rank above it
    widened = item._replace(width=max(item.width, width), ranks=ranks)
    return widened, Wrap(f"{BESIDE}{top}", (row,), ())


def _rows_without(
    est: Estimator, unit: Unit, item: Item, cutters: Sequence[Item], block: Mapping[str, Item]
) -> float:
    """The width of a top's block (a linked group's) without its undercutters in its rows.

    Counted among its children too, they widened the row under it: the flagship's
    linked reasons on Moscow's signal, whose rows were as wide as the slide, had no room
    for theirs beside them. Rows wrapped in several keep their width.
    """
    widths = []
    for t in unit:
        kid = item if len(unit) == 1 else block[t]
        mine = [c for c in cutters if est.parent[c.name.removeprefix("stub ")] == t]
        if mine and kid.rows <= 1 and kid.below:
            cut = sum(c.width + NODESEP for c in mine)
            widths.append(max(kid.own or kid.width, kid.below - cut))
        else:
            widths.append(kid.width)
    return widths[0] if len(unit) == 1 else sum(widths) + NODESEP * (len(unit) - 1)


def _whole_row(est: Estimator, unit: Unit, block: Mapping[str, Item], fit: float) -> bool:
    """Whether a unit is a whole linked group, drawn side by side (one row in its box)."""
    group = est.node[unit[0]].group
    parent = est.parent[unit[0]]
    members = [c for c in est.children[parent or ""] if est.node[c].group == group]
    return len(members) == len(unit) and group_layout([block[t] for t in unit], fit) is None


def split_beside(
    top: str, size: tuple[float, float], beside: Sequence[Item], gap: float
) -> tuple[tuple[str, ...], float]:
    """Share a top's undercutters between its two sides; return the row and its width.

    The first ones in file order go on its left, as many as keep the two sides nearest
    in width (on a tie, more on the left): all on one side, the engine centred the top's
    rows under it and the rows reached past the page's other side (the flagship's A4
    page 2: 1,111 points wide, planned at 985). ``size``: the widths of the top's box and
    of its block; the row's width is the box's with them, or the block's (its rows, which
    the engine shifts under them).
    """
    reach = [sum(item.width + gap for item in beside[:left]) for left in range(len(beside) + 1)]
    left = min(range(len(beside), -1, -1), key=lambda k: abs(2 * reach[k] - reach[-1]))
    names = (*(i.name for i in beside[:left]), top, *(i.name for i in beside[left:]))
    return names, max(size[1], size[0] + reach[-1])
