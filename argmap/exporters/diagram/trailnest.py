"""Edges from rows of tops into a breadcrumb's rows, nested by where they pass below it."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from argmap.exporters.diagram.borderruns import ALONG
from argmap.exporters.diagram.geometry import Box, curve
from argmap.exporters.diagram.laneways import GAP, LANE
from argmap.exporters.diagram.traillanes import Round, redrawn
from argmap.exporters.diagram.trailtips import side_tips

__all__ = [
    "CLEAR",
    "CORNER",
    "SPREAD",
    "Nested",
    "Tracks",
    "drawn_length",
    "foot_level",
    "nest",
    "spaced",
    "spread_feet",
    "to_track",
    "tracks",
]

CLEAR: Final = 8.0
"""Points between the breadcrumb's foot and the highest track an edge turns along to its lane."""

SPREAD: Final = 12.0
"""Points between the tips of two edges into the breadcrumb's foot, at least."""

CORNER: Final = 10.0
"""Points kept clear at each end of the breadcrumb's foot (its rounded corners)."""

FRAME: Final = 12.0
"""Points over a linked group's frame under the breadcrumb's foot that edges into the foot
turn at (as :data:`~.borderways.CLEAR`), so that none runs along the frame's top."""

RISE: Final = 6.0
"""Points under the foot, at least, that edges into it turn at (their last runs rise)."""

Point = tuple[float, float]
Edits = list[tuple[tuple[int, int], str]]


class Tracks(NamedTuple):
    """The tracks under the box along which edges turn out to their lanes, one an edge."""

    down: float
    """Points between two tracks."""
    band: float
    """The lowest track's level: where the edges are told apart, as they reach it."""
    at: dict[int, float]
    """Where each edge reaches the band: an x, by the edge's id."""


def tracks(rounds: Sequence[Round], trail: Box) -> Tracks:
    """The tracks ``rounds`` turn along under ``trail``, as far apart as the tops leave room.

    They start :data:`CLEAR` under the box's foot, :data:`~.laneways.LANE` apart at most
    and 1 point at least, all above the highest top.
    """
    count = len(rounds)
    highest = min(r.item[1] for r in rounds) - 4.0
    down = LANE if count < 2 else max(1.0, min(LANE, (highest - trail.bottom - CLEAR) / count))
    band = trail.bottom + CLEAR + count * down
    return Tracks(down, band, {id(r): to_track(r.points, band)[-1][0] for r in rounds})


class Nested(NamedTuple):
    """The best nested redrawing: its edits, and how many more crossings than the engine's."""

    edits: Edits
    more: int


def nest(
    into: Sequence[Round],
    trail: Box,
    rows: list[float],
    width: float,
    crossed: Callable[[Edits, int | None], int],
    floor: int,
) -> Nested | None:
    """The redrawing that crosses fewest edges, the edges nested by where they pass the band.

    Where tops in rows of their own hang from several of the breadcrumb's rows, the
    engine's edges reach the band under the box (where they turn to their lanes) in an
    order that has little to do with their rows. Taken in that order, from the left,
    the first few go round the box's left side, the last few round its right, and those
    between that end at its last row go straight up into its foot; on each side the
    outer lanes take the edges that pass further out, so no two lanes cross on the way
    and, where the rows go down the tree from the outside in, none cross at the box.
    Each way of cutting the order so is counted (``crossed``: the crossings it adds to
    the engine's drawing, exact up to its second argument, the fewest so far); the first
    of the fewest crossings, then the shortest, wins, or the first at ``floor`` (as many
    fewer as the engine's drawing has: none left).
    None: the edges hang from one row.
    """
    if len({r.row for r in into}) < 2:
        return None
    down, band, at = tracks(into, trail)
    order = sorted(into, key=lambda r: (at[id(r)], r.item[0]))
    last = len(rows) - 1
    best: Nested | None = None
    length = math.inf
    rights: dict[int, Edits] = {}  # each side's redrawing, by where it is cut, made once
    for i in range(len(order) + 1):
        left = _side(order[:i], trail, rows, (-1, width, down), at)
        for j in range(i, len(order) + 1):
            if j > i and order[j - 1].row != last:  # the foot takes the last row's only
                break
            right = rights.get(j)
            if right is None:
                right = rights[j] = _side(order[j:][::-1], trail, rows, (1, width, down), at)
            edits = left + right + spread_feet(order[i:j], trail, band)
            more = crossed(edits, None if best is None else best.more)
            if best is not None and more > best.more:  # no better (need not be exact)
                continue
            drawn = drawn_length(edits, into)
            if best is None or (more, drawn) < (best.more, length):
                best, length = Nested(edits, more), drawn
            if more <= floor:  # none crosses: the first such wins
                return best
    return best


def _side(
    outer_first: list[Round],
    trail: Box,
    rows: list[float],
    how: tuple[int, float, float],
    at: dict[int, float],
) -> Edits:
    """The edits that draw edges round one side of the box, the outermost first given.

    ``how``: the side (-1 left, 1 right), the drawing's width and the tracks' spacing;
    ``at``: where each edge passes the band (an x, by its id). Lanes go out in the
    order given, inner lanes last; an edge that passes the band between its lane and
    the box turns at a higher track the nearer its lane is to the box, one that passes
    beyond its lane at a higher track the further out its lane is, so no run crosses
    another's (see :func:`nest`).
    """
    if not outer_first:
        return []
    way, width, down = how
    count = len(outer_first)
    edge = trail.left if way < 0 else trail.right
    room = edge - GAP if way < 0 else width - edge - GAP
    across = LANE if count < 2 else max(2.0, min(LANE, room / count))
    inner_first = outer_first[::-1]
    lanes = {id(r): edge + way * (GAP + index * across) for index, r in enumerate(inner_first)}
    inside = [r for r in inner_first if way * (at[id(r)] - lanes[id(r)]) < 0]
    beyond = [r for r in outer_first if r not in inside]
    tracks = {id(r): trail.bottom + CLEAR + k * down for k, r in enumerate(inside + beyond)}
    tips = side_tips(inner_first, rows, trail, (edge, float(way)))
    edits: Edits = []
    for r, tip in zip(inner_first, tips, strict=True):
        lane, track = lanes[id(r)], tracks[id(r)]
        route = to_track(r.points, track)
        route += [(lane, route[-1][1]), (lane, tip[1])]
        edits += redrawn(r, route, tip, (-float(way), 0.0))
    return edits


def spread_feet(foot: list[Round], trail: Box, band: float) -> Edits:
    """The edits that draw edges from the band straight up into the box's foot, apart.

    In the order given (left to right), each at least :data:`SPREAD` from the next and
    :data:`CORNER` in from the box's ends, as near above where it passes the band as that
    allows.
    """
    if not foot:
        return []
    cuts = [to_track(r.points, band) for r in foot]
    tips = spaced([cut[-1][0] for cut in cuts], trail.left + CORNER, trail.right - CORNER)
    edits: Edits = []
    for r, cut, x in zip(foot, cuts, tips, strict=True):
        edits += redrawn(r, cut, (x, trail.bottom), _way(cut[-1], (x, trail.bottom)))
    return edits


def _way(start: Point, tip: Point) -> Point:
    """The unit vector from ``start`` to ``tip`` (straight up if they meet)."""
    length = math.dist(start, tip)
    if length == 0:
        return (0.0, -1.0)
    return ((tip[0] - start[0]) / length, (tip[1] - start[1]) / length)


def drawn_length(edits: Edits, into: Sequence[Round]) -> float:
    """How long the edges run, in all, with ``edits`` made (the others as drawn)."""
    changed = dict(edits)
    total = 0.0
    for r in into:
        points = curve(changed[r.d_span]) if r.d_span in changed else r.points
        total += sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))
    return total


def foot_level(trail: Box, frames: Sequence[Box], level: float) -> tuple[float, float]:
    """The level under the breadcrumb's foot that edges into the foot turn at to their tips.

    ``level``, unless a linked group's frame has its top under the foot, less than
    :data:`FRAME` (and :data:`~.borderruns.ALONG`) under that level: then :data:`FRAME`
    over that top at most (:data:`RISE` under the foot at least), and the top: edges rise
    past the frame to its top, then straight up to the level. Drawn as the engine drew
    them, from its corner to the level, their last runs ran along the frame's top (a few
    points over it) for a long way. Both ``level`` where no frame is there.
    """
    tops = [b.top for b in frames if trail.bottom < b.top <= level + FRAME + ALONG]
    if not tops:
        return level, level
    return max(trail.bottom + RISE, min(level, min(tops) - FRAME)), min(tops)


def to_track(points: tuple[Point, ...], track: float) -> list[Point]:
    """A curve's points from its start up to where it first rises to ``track`` (a y)."""
    for index, (x, y) in enumerate(points):
        if y <= track:
            if index == 0:
                return [(x, y)]
            (px, py) = points[index - 1]
            t = (py - track) / ((py - y) or 1.0)
            return [*points[:index], (px + (x - px) * t, track)]
    return list(points)


def spaced(xs: list[float], low: float, high: float) -> list[float]:
    """Points along a box's bottom (``xs``, in order) moved :data:`SPREAD` apart at least.

    Each is first kept between ``low`` and ``high``; then each pushed right of the one
    before, and, from the last (kept at ``high`` at most) back, each kept left of the
    next: only those ``high`` crowds move back, none past ``low`` (a tip there ended at
    the box's rounded corner) unless the foot is too short for them all, when they
    share it evenly.
    """
    tips = [min(max(x, low), high) for x in xs]
    for index in range(1, len(tips)):  # apart, pushed right ...
        tips[index] = max(tips[index], tips[index - 1] + SPREAD)
    tips[-1] = min(tips[-1], high)  # ... then back in, as far as the box needs
    for index in range(len(tips) - 2, -1, -1):
        tips[index] = min(tips[index], tips[index + 1] - SPREAD)
    if tips[0] < low:  # too many for the foot: spread evenly along it
        step = (high - low) / (len(tips) - 1)
        tips = [low + index * step for index in range(len(tips))]
    return tips
