"""Edges into a breadcrumb's rows whose arrows do not plainly end at their own row, from SVG."""

from __future__ import annotations

import html
import math
import re
from typing import NamedTuple

from argmap.exporters.diagram.geometry import Box, box_of, curve, groups

TRAIL = "page trail"
ROW_MIDDLE = 3.6
"""How far above a row's baseline its middle lies (11-point text)."""
HALF_ROW = 7.6
"""Half a row's height (15.2 points): a tip this near a row's middle is level with it."""
ON = 2.5
"""How far from the box's outline an arrow's tip may lie and still touch it."""
ALONG = 2.0
"""Points from the box's outline within which an edge's line seems to run along it."""

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_INTO = re.compile(rf"->{re.escape(TRAIL)}:r(\d+)$")
_ROW = re.compile(r'<g id="a_trail_\d+">.*?<text\b[^>]*?\by="([-\d.]+)"', re.S)
_PATH = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_POLYGON = re.compile(r'<poly(?:gon|line)\b[^>]*?\bpoints="([^"]*)"')
_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")

Point = tuple[float, float]


class Astray(NamedTuple):
    """An edge into a breadcrumb's row that a reader cannot plainly take to that row."""

    title: str
    row: int
    """Its row, counted down the box from 0 (the highest)."""
    tip: Point
    why: str


def _trail(svg: str) -> tuple[Box, list[float], bool] | None:
    """The breadcrumb's box, its rows' middles down the box, and whether drawn upward."""
    for kind, classes, start, stop in groups(svg):
        title = _TITLE.search(svg, start, stop) if kind == "node" else None
        if title is not None and html.unescape(title.group(1)) == TRAIL:
            box = box_of(svg, start, stop)
            rows = [float(y) - ROW_MIDDLE for y in _ROW.findall(svg, start, stop)]
            if box is None or not rows:
                return None
            return box, rows, "upward" in classes.split()
    return None


def _outline_distance(box: Box, radius: float, p: Point) -> float:
    """How far ``p`` lies from the rounded box's outline (negative: inside)."""
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    qx = abs(p[0] - cx) - ((box.right - box.left) / 2 - radius)
    qy = abs(p[1] - cy) - ((box.bottom - box.top) / 2 - radius)
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - radius


def _row_at(box: Box, rows: list[float], y: float) -> int | None:
    """The row a tip at height ``y`` on the outline is level with (the first and last rows
    reach the box's top and foot), or None between rows."""
    for index, middle in enumerate(rows):
        top = box.top - ON if index == 0 else middle - HALF_ROW
        bottom = box.bottom + ON if index == len(rows) - 1 else middle + HALF_ROW
        if top <= y <= bottom:
            return index
    return None


def _tip(points: tuple[Point, ...], outline: list[Point]) -> tuple[Point, bool]:
    """An arrowhead's tip, and whether the path runs from the arrowhead.

    A triangle's tip is its corner furthest from its middle (its base is the shortest
    side); another shape's, its point furthest from the path's end next to it.
    """
    first = min(math.dist(points[0], p) for p in outline)
    last = min(math.dist(points[-1], p) for p in outline)
    corners = sorted(set(outline))
    if len(corners) == 3:
        middle = (sum(x for x, _ in corners) / 3, sum(y for _, y in corners) / 3)
        tip = max(corners, key=lambda p: math.dist(middle, p))
        return tip, math.dist(points[0], tip) < math.dist(points[-1], tip)
    end = points[-1] if last <= first else points[0]
    return max(outline, key=lambda p: math.dist(end, p)), first < last


def astray(svg: str) -> list[Astray]:
    """Every edge into a breadcrumb's row whose arrow does not plainly end at that row.

    Its arrowhead's tip must reach the box's outline (within :data:`ON`) level with its
    row (a side, or the top for the first row and the foot for the last; the engine ends
    some a little inside), and its line must not run along its outline (or inside it)
    past another row.
    """
    found = _trail(svg)
    if found is None:
        return []
    box, drawn, upward = found
    ports = drawn[::-1] if upward else drawn
    down = sorted(drawn)
    radius = min(12.0, (box.bottom - box.top) / 3, (box.right - box.left) / 3)
    out: list[Astray] = []
    for kind, _, start, stop in groups(svg):
        title = _TITLE.search(svg, start, stop) if kind == "edge" else None
        name = "" if title is None else html.unescape(title.group(1))
        port = _INTO.search(name)
        path = _PATH.search(svg, start, stop)
        heads = [
            (float(x), float(y))
            for shape in _POLYGON.finditer(svg, start, stop)
            for x, y in _PAIR.findall(shape.group(1))
        ]
        if port is None or path is None or not heads or int(port.group(1)) >= len(ports):
            continue
        row = down.index(ports[int(port.group(1))])
        points = curve(path.group(1))
        tip, backward = _tip(points, heads)
        line = points[::-1] if backward else points
        why = ""
        at = _row_at(box, down, tip[1])
        if _outline_distance(box, radius, tip) > ON:
            why = "its tip falls short of the box"
        elif at != row:
            why = f"its tip is level with row {at}"
        elif any(
            _outline_distance(box, radius, p) < ALONG and _row_at(box, down, p[1]) != row
            for p in line
        ):
            why = "its line runs along the box's outline (or inside it) past another row"
        if why:
            out.append(Astray(name, row, tip, why))
    return out
