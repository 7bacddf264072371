"""The ways of edges in lanes round a breadcrumb's column: out from their tops, past boxes."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.geometry import Box

if TYPE_CHECKING:
    from argmap.exporters.diagram.trailround import Round

__all__ = ["GAP", "LANE", "WORD_ROOM", "clear", "over_boxes", "past", "ways"]

Point = tuple[float, float]

LANE: Final = 8.0
"""Points between two lanes beside the column, at most."""

GAP: Final = 6.0
"""Points between the column's outer side and the innermost lane."""

WORD_ROOM: Final = 8.0
"""Points more between the column and the innermost lane where that is a "so" arrow's (see
:mod:`.trailsteps`), less how far in its conclusion's side lies: its word, over its
arrowhead, then clears the lane."""

REACH: Final = 3.0
"""How far beside its top's outline an edge may start (a note's, its fold aside, 1.2 out)."""


def ways(
    rounds: list[Round],
    tips: list[float],
    lanes: tuple[float, float, float],
    around: tuple[list[Box], tuple[float, float]],
) -> list[list[Point]]:
    """Each edge's way from its top out to its lane and up to its row's level (its tip's y).

    ``lanes``: the column's side (or its tops', if further out), where the lanes start
    (less :data:`GAP`, and :data:`WORD_ROOM` for a "so" arrow's word where there is room)
    and which way is out (1.0 right, -1.0 left); ``around``: the drawing's other boxes and
    how far it reaches left and right.
    """
    side, wider, out = lanes
    far = out * max(out * x for r in rounds for x, _ in r.points)
    reach = around[1][0] if out < 0 else around[1][1]
    bound = min(out * far, out * reach)  # how far out the lanes may go (times ``out``)
    inner = wider + out * GAP
    first = rounds[0]  # the innermost: a "so" arrow's word needs room on its way in
    if first.step is not None and first.step.label is not None:
        spare = bound - out * inner - LANE * (len(rounds) - 1)  # the lanes' room first
        word = WORD_ROOM - abs(first.item[0] - wider)
        inner += out * max(0.0, min(word, spare))
    room = max(0.0, bound - out * inner)  # within the page
    if wider != side:  # outside a wider box: as far as the lanes need, within the page
        room = max(room, min(LANE * (len(rounds) - 1), out * (reach - inner)))
    step = LANE if len(rounds) < 2 else min(LANE, room / (len(rounds) - 1))
    found: list[list[Point]] = []
    for lane, (r, tip_y) in enumerate(zip(rounds, tips, strict=True)):
        x = inner + out * lane * step
        found.append([*over_boxes(r.item, x, around[0]), (x, tip_y)])
    return found


def clear(found: list[list[Point]], edge: float, tips: list[float], boxes: list[Box]) -> bool:
    """Whether no way (see :func:`ways`), on in to its tip at ``edge``, runs through a box.

    The box of the top a way leaves is not counted.
    """
    for way, tip_y in zip(found, tips, strict=True):
        start = way[0]
        others = [
            b
            for b in boxes
            if not (b.left <= start[0] <= b.right and b.top <= start[1] <= b.bottom)
        ]
        for (x1, y1), (x2, y2) in itertools.pairwise([*way, (edge, tip_y)]):
            level = y1 == y2
            if any(
                runs_through(b, y1, x1, x2) if level else runs_up(b, x1, y1, y2) for b in others
            ):
                return False
    return True


def past(side: float, out: float, width: float, beside: list[Box]) -> float:
    """Where the lanes start (less :data:`GAP`): past each box in their way, from ``side`` out.

    ``beside``: the boxes beside the lanes' runs, above and below the breadcrumb;
    ``width``: how wide the lanes are. A box in the band the lanes would take (a top
    wider than the column) puts them past its outer side, and so on outwards; a box
    further out is no concern.
    """
    edge = side
    moved = True
    while moved:
        moved = False
        low, high = sorted((edge, edge + out * (GAP + width)))
        for box in beside:
            outer = box.right if out > 0 else box.left
            if box.left < high and box.right > low and out * outer > out * edge:
                edge, moved = outer, True
    return edge


def over_boxes(item: Point, x: float, boxes: list[Box]) -> list[Point]:
    """The way from where an edge leaves its top out to its lane at ``x``.

    Straight out from the top's outer side, level with where it leaves (the engine may
    have left from the inner side: straight out from there ran through the top itself).
    Where that runs through another box (the top's own child beside it, whose edge comes
    in at the same place), it leaves from the top's upper side instead, near its outer
    corner, and goes out just above the boxes it would have crossed, if nothing is in the
    way there.
    """
    own = [
        b
        for b in boxes
        if b.left - REACH <= item[0] <= b.right + REACH and b.top <= item[1] <= b.bottom
    ]
    if len(own) != 1:
        return [item, (x, item[1])]
    top = own[0]
    start = (top.right if x > item[0] else top.left, item[1])
    crossed = [b for b in boxes if b != top and runs_through(b, item[1], start[0], x)]
    if not crossed:
        return [start, (x, item[1])]
    level = min(top.top, *(b.top for b in crossed)) - GAP
    inset = min(2 * LANE, (top.right - top.left) / 4)
    corner = start[0] - inset if x > item[0] else start[0] + inset
    if any(runs_through(b, level, corner, x) for b in boxes) or any(
        b.left < corner < b.right and level < b.bottom and b.top < top.top for b in boxes
    ):
        return [start, (x, item[1])]
    return [(corner, top.top), (corner, level), (x, level)]


def runs_through(box: Box, y: float, x1: float, x2: float) -> bool:
    """Whether a level run at ``y`` from ``x1`` to ``x2`` passes through the box."""
    low, high = min(x1, x2), max(x1, x2)
    return box.top < y < box.bottom and box.left < high and box.right > low


def runs_up(box: Box, x: float, y1: float, y2: float) -> bool:
    """Whether an upright run at ``x`` from ``y1`` to ``y2`` passes through the box."""
    low, high = min(y1, y2), max(y1, y2)
    return box.left < x < box.right and box.top < high and box.bottom > low
