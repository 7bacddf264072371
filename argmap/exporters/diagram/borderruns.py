"""Edges that run along a box's border they do not start or end at, read from a drawing's SVG."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from argmap.exporters.diagram.geometry import Box, box_of, curve, groups

__all__ = [
    "ALONG",
    "RUN",
    "Outline",
    "border_distance",
    "border_runs",
    "clipped",
    "near_border",
    "edge_runs",
    "end_boxes",
    "frames",
    "inside",
    "outlines",
    "runs_along",
]

ALONG: Final = 6.5
"""How near a box's border, in points, an edge runs along it: the engine routes an edge
round a box 6 points off its border, where (in the box's colour, at its weight) the two
read as one line, or the edge as a second border."""

RUN: Final = 20.0
"""How long, in points, an edge must run along a border for the run to count."""

END: Final = 4.0
"""How near an edge's end (or its arrowhead) a box's border is for the edge to end at it."""

_CLUSTER: Final = re.compile(r'<g id="[^"]*" class="cluster\b[^"]*">')
_CLUSTER_SHAPE: Final = re.compile(r'<(?:path|polygon)\b[^>]*?\b(?:d|points)="([^"]*)"')
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_PATH: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_HEAD: Final = re.compile(r'<polygon\b[^>]*?\bpoints="([^"]*)"')

Point = tuple[float, float]


class Outline(NamedTuple):
    """A box an edge may run along: a node's, or a cluster's (a linked group's)."""

    box: Box
    cluster: bool


def frames(svg: str) -> list[Box]:
    """Every cluster's box (a linked group's frame) in the drawing, in order."""
    out: list[Box] = []
    for found in _CLUSTER.finditer(svg):
        shape = _CLUSTER_SHAPE.search(svg, found.end(), svg.find("</g>", found.end()))
        numbers = list(map(float, _NUMBER.findall(shape.group(1)))) if shape else []
        if len(numbers) >= 4:
            xs, ys = numbers[0::2], numbers[1::2]
            out.append(Box(min(xs), min(ys), max(xs), max(ys)))
    return out


def outlines(svg: str) -> list[Outline]:
    """Every node's and cluster's box in the drawing, clusters first (as the engine writes)."""
    out = [Outline(box, True) for box in frames(svg)]
    for kind, _, start, stop in groups(svg):
        box = box_of(svg, start, stop) if kind == "node" else None
        if box is not None:
            out.append(Outline(box, False))
    return out


def border_distance(p: Point, box: Box) -> float:
    """How far ``p`` is from ``box``'s border (inside or out)."""
    x, y = p
    if box.left <= x <= box.right and box.top <= y <= box.bottom:
        return min(x - box.left, box.right - x, y - box.top, box.bottom - y)
    dx = max(box.left - x, 0.0, x - box.right)
    dy = max(box.top - y, 0.0, y - box.bottom)
    return math.hypot(dx, dy)


def runs_along(points: Sequence[Point], box: Box, along: float = ALONG, run: float = RUN) -> int:
    """How many stretches of the line through ``points`` keep near ``box``'s border for long.

    Near: in the band ``along`` points either side of its outline (square at the corners);
    long: more than ``run`` points of the line's length.
    """
    xs, ys = [x for x, _ in points], [y for _, y in points]
    if (
        not xs
        or max(xs) < box.left - along
        or min(xs) > box.right + along
        or max(ys) < box.top - along
        or min(ys) > box.bottom + along
    ):
        return 0  # all of it beside the band, each stretch far from it (see near_border)
    count, length, going = 0, 0.0, False
    for a, b in zip(points, points[1:], strict=False):
        size = math.dist(a, b)
        stretches = near_border(a, b, box, along)
        if not stretches or stretches[0][0] > 1e-9 or not going:
            count, length = count + (length > run), 0.0
        for index, (start, stop) in enumerate(stretches):
            if index:
                count, length = count + (length > run), 0.0
            length += (stop - start) * size
        going = bool(stretches) and stretches[-1][1] >= 1 - 1e-9
    return count + (length > run)


def near_border(a: Point, b: Point, box: Box, along: float = ALONG) -> list[tuple[float, float]]:
    """The stretches of segment ``ab`` in the band ``along`` points either side of ``box``'s edge.

    Each as from and to, shares of its length, in order; cut where it crosses the outline.
    """
    if (
        (a[0] < box.left - along and b[0] < box.left - along)
        or (a[0] > box.right + along and b[0] > box.right + along)
        or (a[1] < box.top - along and b[1] < box.top - along)
        or (a[1] > box.bottom + along and b[1] > box.bottom + along)
    ):
        return []  # far from it
    grown = Box(box.left - along, box.top - along, box.right + along, box.bottom + along)
    outer = clipped(a, b, grown)
    if outer is None:
        return []
    inner = None
    if box.right - box.left > 2 * along and box.bottom - box.top > 2 * along:
        shrunk = Box(box.left + along, box.top + along, box.right - along, box.bottom - along)
        inner = clipped(a, b, shrunk)
    parts = [outer] if inner is None else [(outer[0], inner[0]), (inner[1], outer[1])]
    crossing = clipped(a, b, box)  # split where it crosses the outline: a crossing is no run
    cuts = [] if crossing is None else [t for t in crossing if 1e-9 < t < 1 - 1e-9]
    out: list[tuple[float, float]] = []
    for start, stop in parts:
        points = [start, *(t for t in cuts if start < t < stop), stop]
        out += [(u, v) for u, v in zip(points, points[1:], strict=False) if v - u > 1e-9]
    return out


def clipped(a: Point, b: Point, box: Box) -> tuple[float, float] | None:
    """The stretch of segment ``ab`` inside ``box`` (shares of its length), if any.

    Clipped as Liang and Barsky clip a line.
    """
    low, high = 0.0, 1.0
    for move, start, lower, upper in (
        (b[0] - a[0], a[0], box.left, box.right),
        (b[1] - a[1], a[1], box.top, box.bottom),
    ):
        if move == 0:
            if start < lower or start > upper:
                return None
            continue
        t0, t1 = (lower - start) / move, (upper - start) / move
        if t0 > t1:
            t0, t1 = t1, t0
        low, high = (t0 if t0 > low else low), (t1 if t1 < high else high)
        if low > high:
            return None
    return low, high


def end_boxes(
    points: Sequence[Point], heads: Sequence[Point], boxes: Sequence[Outline]
) -> set[int]:
    """The boxes (by index) an edge starts or ends at.

    Their borders are at its ends or arrowheads, or (a node's) around them.
    """
    ends = [*points[:1], *points[-1:], *heads]
    return {
        index
        for index, (box, cluster) in enumerate(boxes)
        if any(border_distance(p, box) <= END or not cluster and inside(p, box) for p in ends)
    }


def inside(p: Point, box: Box) -> bool:
    """Whether ``p`` lies in ``box``."""
    return box.left <= p[0] <= box.right and box.top <= p[1] <= box.bottom


def edge_runs(
    points: Sequence[Point], heads: Sequence[Point], boxes: Sequence[Outline], along: float = ALONG
) -> int:
    """How many times one edge runs along a box's border it does not start or end at."""
    reach = along + 1.0
    spans = [
        (
            min(a[0], b[0]) - reach,
            min(a[1], b[1]) - reach,
            max(a[0], b[0]) + reach,
            max(a[1], b[1]) + reach,
        )
        for a, b in zip(points, points[1:], strict=False)
    ]
    near = [
        o
        for o in boxes
        if any(
            left <= o.box.right
            and o.box.left <= right
            and top <= o.box.bottom
            and o.box.top <= bottom
            for left, top, right, bottom in spans
        )
    ]
    if not near:
        return 0
    ends = end_boxes(points, heads, near)
    kept = [o.box for index, o in enumerate(near) if index not in ends]
    if not kept:
        return 0
    return sum(runs_along(points, box, along) for box in kept)


def border_runs(svg: str, along: float = ALONG) -> int:
    """How many times an edge runs along a box's border that it does not start or end at.

    A node's box or a linked group's; along it: within :data:`ALONG` points of it for more
    than :data:`RUN` points.

    Every drawn edge counts (tree edges, cross-links, references'); an edge drawn so is
    easily taken for the box's border, or the boxes for one nested in the other.
    """
    boxes = outlines(svg)
    count = 0
    for kind, _, start, stop in groups(svg):
        path = _PATH.search(svg, start, stop) if kind == "edge" else None
        if path is None:
            continue
        heads = [
            (float(a), float(b))
            for shape in _HEAD.finditer(svg, start, stop)
            for a, b in zip(*[iter(_NUMBER.findall(shape.group(1)))] * 2, strict=False)
        ]
        count += edge_runs(curve(path.group(1)), heads, boxes, along)
    return count
