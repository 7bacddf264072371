"""Where edges' tips meet a breadcrumb's side: spread along its rows, on its rounded corners."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.geometry import Box

if TYPE_CHECKING:
    from argmap.exporters.diagram.trailround import Round

__all__ = ["ROW_SPAN", "TIPS", "on_side", "side_tips", "spread_tips"]

Point = tuple[float, float]

TIPS: Final = 8.0
"""Points between the tips of two edges into one row, at most (an arrowhead is 6.3 wide;
a row is 15.2 high)."""

ROW_SPAN: Final = 14.0
"""Points of a row's height (15.2) the tips of the edges into it may be spread over."""

ROUNDING: Final = 12.0
"""The radius of a rounded box's corners, at most: the engine's (a third of a short side)."""


def side_tips(
    rounds: Sequence[Round],
    rows: list[float],
    trail: Box,
    side: tuple[float, float],
    above: Sequence[bool] = (),
) -> list[Point]:
    """Where each edge's tip touches the breadcrumb's side, the edges given in lane order.

    ``side``: the side's x, and which way is out (1.0 right, -1.0 left); ``above``: see
    :func:`spread_tips`. Spread along their rows (an attack's bar among them keeps them
    its width apart: see :func:`_tips_apart`), or along the whole side of a breadcrumb of
    one row, each tip on the outline where the corners are rounded (see :func:`on_side`).
    """
    x, out = side
    order = [r.row for r in rounds]
    ys = spread_tips(order, rows, above, _tips_apart(rounds), trail)
    return [(on_side(trail, x, y, out), y) for y in ys]


def spread_tips(
    order: list[int],
    rows: list[float],
    above: Sequence[bool] = (),
    apart: float = TIPS,
    trail: Box | None = None,
) -> list[float]:
    """Where each edge's tip meets the breadcrumb (a y), the edges' rows given in lane order.

    Edges into one row are spread along it so that they nest: those from below the
    outer lanes' higher; those that come down from above (``above``: which do) over
    them, the outer lanes' lower; ``apart`` points apart at most (see :func:`_tips_apart`),
    over :data:`ROW_SPAN`, or the side of a breadcrumb of one row (``trail``, its box)
    less half of each rounded corner (see :func:`on_side`).
    """
    span = ROW_SPAN
    if trail is not None and len(rows) == 1:
        room = min(rows[0] - trail.top, trail.bottom - rows[0])
        span = max(span, 2 * room - _radius(trail))
    down = list(above) or [False] * len(order)
    count: dict[int, list[int]] = {}
    for index, row in enumerate(order):
        count.setdefault(row, []).append(index)
    place = [0] * len(order)
    for lanes in count.values():
        downs = [i for i in lanes if down[i]]
        ups = [i for i in reversed(lanes) if not down[i]]
        for at, index in enumerate(downs + ups):  # from the highest tip down
            place[index] = at
    out: list[float] = []
    for index, row in enumerate(order):
        many = len(count[row])
        step = min(apart, span / (many - 1)) if many > 1 else 0.0
        out.append(rows[row] + (place[index] - (many - 1) / 2) * step)
    return out


def on_side(trail: Box, x: float, y: float, out: float) -> float:
    """Where a tip at height ``y`` meets the breadcrumb's side at ``x``, its corners rounded.

    ``out``: 1.0 its right side, -1.0 its left.
    """
    radius = _radius(trail)
    into = min(radius, max(0.0, trail.top + radius - y, y - (trail.bottom - radius)))
    return x - out * (radius - math.sqrt(radius * radius - into * into))


def _radius(trail: Box) -> float:
    """The radius of the breadcrumb box's rounded corners, as the engine draws them."""
    return min(ROUNDING, (trail.bottom - trail.top) / 3, (trail.right - trail.left) / 3)


def _tips_apart(rounds: Sequence[Round]) -> float:
    """How far apart the tips of edges into one row go, where the row has room.

    :data:`TIPS`, or the widest head and a point more (an attack's bar is 9 points:
    two bars 8 points apart overlapped).
    """
    return max([TIPS, *(r.head_width + 1.0 for r in rounds)])
