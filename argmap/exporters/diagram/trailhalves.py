"""An undercut breadcrumb link's first half: drawn along its arrowed half, in to its row's side."""

from __future__ import annotations

import html
import math
import re
from typing import Final

from argmap.exporters.diagram.geometry import Box, curve, groups, row_of
from argmap.exporters.diagram.laneways import GAP
from argmap.exporters.diagram.svgedits import (
    bent_path,
    between,
    each_drawing,
    edit,
    simplified,
    unit,
)
from argmap.exporters.diagram.traillanes import UPWARD, Round, read_round, redrawn, trail_rows
from argmap.exporters.diagram.trailname import HALF_CLASS, TRAIL
from argmap.exporters.diagram.trailnest import CLEAR
from argmap.exporters.diagram.trailround import heads_in

__all__ = ["draw_halves"]

ASIDE: Final = 6.0
"""How far, in points, the lower half lands from another arrow's tip at its row's side."""
OUT: Final = 1.0
"""How far outside the box's side, in points, a lane must run to count as beside it."""

APPROACH: Final = 4.0
"""How far from its tip, in points, an arrowed half may run inside the box as drawn."""

_TITLE: Final = re.compile(r"<title>(.*?)</title>", re.S)
_PATH_D: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_HALF: Final = re.compile(rf"^(junction trail \S+)->{re.escape(TRAIL)}\b")
_UP: Final = re.compile(rf'class="node trail {UPWARD}"')

Point = tuple[float, float]
Span = tuple[int, int]


def draw_halves(svg: str) -> str:
    """End both halves of each undercut breadcrumb link on the box, at their rows' sides.

    A link from one breadcrumb row to the row above it, undercut by a page's top, is drawn
    in two halves through its junction (see :func:`~.trailcuts.trail_link`): from the
    lower row down to the junction, no arrowhead, and from the junction up into the upper
    row, with one. The engine aims both at the middles of their rows, so they ran into the
    box, along its side or up through its foot, and ended inside it. An arrowed half
    :func:`~.trailrows.end_at_rows` left so is drawn on from a track under the box (over
    it, the tops above) out to a lane beside its nearer side, up to its row and in, its
    arrowhead on the side; the other half is drawn as a branch off it, from where it
    passes its own row beside the box level into that row's side (or, where it passes
    none, cut where it meets the box's outline). Drawn along it, the two ran together
    and the crossing counts saw them cross where they parted.
    """
    return each_drawing(svg, _document) if HALF_CLASS in svg else svg


def _document(svg: str) -> str:
    """:func:`draw_halves` on one drawing."""
    trail, drawn = trail_rows(svg)
    if trail is None or not drawn:
        return svg
    ports = drawn[::-1] if _UP.search(svg) is not None else drawn
    uppers: dict[str, Round] = {}
    lowers: list[tuple[str, int, Span, tuple[Point, ...]]] = []
    for kind, classes, start, stop in groups(svg):
        row = row_of(html.unescape(classes), HALF_CLASS) if kind == "edge" else None
        title = None if row is None else _TITLE.search(svg, start, stop)
        half = None if title is None else _HALF.match(html.unescape(title.group(1)))
        path = None if half is None else _PATH_D.search(svg, start, stop)
        if half is None or path is None or row is None or not 0 < row < len(ports):
            continue
        upper = read_round(svg, start, stop, row - 1)  # only the upper half has an arrowhead
        if upper is not None:
            uppers[half.group(1)] = upper
        else:
            lowers.append((half.group(1), row, (path.start(1), path.end(1)), curve(path.group(1))))
    edits: list[tuple[Span, str]] = []
    tips = _tips(svg) if lowers else []
    for junction, row, span, points in lowers:
        head = uppers.get(junction)
        route = None if head is None else _beside(head, trail, ports[row - 1])
        if head is not None and route is not None:  # the engine ran it inside: round the side
            edits += redrawn(head, route[:-1], route[-1], unit(route[-2], route[-1]))
        lane = tuple(route) if route else None if head is None else head.points
        along = None if lane is None else _along(lane, trail, ports[row], tips)
        lower = along if along is not None else _clipped(points, trail)
        if lower is not None and len(lower) >= 2:
            edits.append((span, bent_path(simplified(lower))))
    return edit(svg, edits)


def _beside(head: Round, trail: Box, row: float) -> list[Point] | None:
    """The arrowed half's route (its tip last) up a lane beside the box, if it runs inside.

    It leaves the engine's curve a track's width from the box, on the junction's side,
    and runs out to a lane beside the box's nearer side, then along to its row's side.
    None where it runs inside the box nowhere but its last :data:`APPROACH`.
    """
    inside = Box(trail.left + 2, trail.top + 2, trail.right - 2, trail.bottom - 2)
    if not any(
        inside.left < x < inside.right and inside.top < y < inside.bottom
        for x, y in head.points
        if math.dist((x, y), head.tip) > APPROACH
    ):
        return None
    below = head.item[1] > trail.bottom
    track = trail.bottom + CLEAR if below else trail.top - CLEAR
    cut = _to_level(head.points, track, below)
    right = abs(head.tip[0] - trail.right) < abs(head.tip[0] - trail.left)
    side = trail.right if right else trail.left
    out = max(GAP, head.reach + GAP)  # room for its arrowhead, square to the side
    lane = side + (out if right else -out)
    return [*cut, (lane, track), (lane, row), (side, row)]


def _to_level(points: tuple[Point, ...], level: float, rising: bool) -> list[Point]:
    """A curve's points from its start to where it first reaches ``level`` (a y)."""
    for index, (x, y) in enumerate(points):
        if (y <= level) if rising else (y >= level):
            if index == 0:
                return [(x, level)]
            px, py = points[index - 1]
            t = (py - level) / ((py - y) or 1.0)
            return [*points[:index], (px + (x - px) * t, level)]
    return list(points)


def _from_outside(points: tuple[Point, ...], trail: Box) -> list[Point]:
    """A path's points, from its end further from the box (the junction's) to the other."""
    first, last = points[0], points[-1]
    return list(points if _gap(first, trail) >= _gap(last, trail) else points[::-1])


def _gap(p: Point, trail: Box) -> float:
    """How far a point lies outside the box (0 inside it)."""
    dx = max(trail.left - p[0], 0.0, p[0] - trail.right)
    dy = max(trail.top - p[1], 0.0, p[1] - trail.bottom)
    return math.hypot(dx, dy)


def _along(
    head: tuple[Point, ...], trail: Box, row: float, tips: list[Point]
) -> list[Point] | None:
    """A branch off the arrowed half, from where it passes its lower row beside the box, in.

    It lands :data:`ASIDE` from the row's middle, towards where it comes from, where
    another arrow's tip is there (``tips``: the drawing's arrowheads' points): it ran
    into that arrowhead, as if the link had one at each end. None where it passes that
    row's level nowhere beside the box.
    """
    points = _from_outside(head, trail)
    for index in range(1, len(points)):
        (ax, ay), (bx, by) = points[index - 1], points[index]
        if (ay - row) * (by - row) > 0 or ay == by:
            continue
        x = ax + (bx - ax) * (row - ay) / (by - ay)
        if trail.left - OUT <= x <= trail.right + OUT:
            continue
        side = trail.left if x < trail.left else trail.right
        if any(math.dist(tip, (side, row)) < ASIDE for tip in tips):
            row += ASIDE if ay > row else -ASIDE
        return [(x, row), (side, row)]  # a branch off the arrowed half, not along it
    return None


def _tips(svg: str) -> list[Point]:
    """The points of the drawing's arrowheads and bars, but the links' halves'.

    Read by :func:`~.trailround.heads_in`, as the breadcrumb's other passes read them.
    """
    return [
        point
        for kind, classes, start, stop in groups(svg)
        if kind == "edge" and HALF_CLASS not in classes
        for _span, outline in heads_in(svg, start, stop)
        for point in outline
    ]


def _clipped(points: tuple[Point, ...], trail: Box) -> list[Point] | None:
    """A path cut where it first meets the box's outline, coming from its junction's end."""
    route = _from_outside(points, trail)
    for index in range(1, len(route)):
        if _gap(route[index], trail) == 0.0:
            outside, inside = route[index - 1], route[index]
            for _ in range(20):  # halved towards the outline
                middle = between(outside, inside, 0.5)
                outside, inside = (middle, inside) if _gap(middle, trail) else (outside, middle)
            return [*route[:index], inside]
    return None
