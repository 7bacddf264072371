"""Editing the engine's drawings: each of a batch, spans replaced or moved, points as written."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Final

__all__ = [
    "BEND",
    "SMOOTH",
    "Point",
    "bent_path",
    "between",
    "each_drawing",
    "edit",
    "number",
    "pair",
    "shifted",
    "simplified",
    "turn",
    "unit",
]

Point = tuple[float, float]

_PAIRS: Final = re.compile(r'\b(points|d)="([^"]*)"')
_XY: Final = re.compile(r'\bx="([-\d.]+)" y="([-\d.]+)"')
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?")

BEND: Final = 4.0
"""The radius of a redrawn edge's bends, in points, at most."""

SMOOTH: Final = 0.2
"""How far, in points, a redrawn edge may pass from the points it was drawn along."""


def each_drawing(svg: str, redraw: Callable[[str], str]) -> str:
    """``redraw`` applied to each drawing of ``svg`` (a batch's come one after another)."""
    if svg.count("</svg>") > 1:
        return "".join(redraw(part) if drawn else part for part, drawn in _drawings(svg))
    return redraw(svg)


def _drawings(svg: str) -> list[tuple[str, bool]]:
    """``svg`` cut into its drawings (each ``<svg ...>`` to its ``</svg>``) and what lies between.

    Found with ``str.find``: a lazy pattern over a batch stepped through it a character at a
    time, a quarter of a second over a thousand pages, for each pass.
    """
    out: list[tuple[str, bool]] = []
    done = 0
    start = svg.find("<svg")
    while start >= 0:
        after = svg[start + 4 : start + 5]
        if after and (after.isalnum() or after == "_"):  # not a tag of its own: <svgx
            start = svg.find("<svg", start + 1)
            continue
        stop = svg.find("</svg>", start)
        if stop < 0:
            break
        stop += len("</svg>")
        out += [(svg[done:start], False), (svg[start:stop], True)]
        done = stop
        start = svg.find("<svg", stop)
    out.append((svg[done:], False))
    return out


def unit(a: Point, b: Point) -> Point:
    """The unit vector from ``a`` towards ``b`` (zero when they are one point)."""
    length = math.dist(a, b)
    if length == 0:
        return (0.0, 0.0)
    return ((b[0] - a[0]) / length, (b[1] - a[1]) / length)


def simplified(points: Sequence[Point], tolerance: float = SMOOTH) -> list[Point]:
    """The fewest of ``points`` (the first and last kept) that pass within ``tolerance`` of all.

    An edge redrawn along the engine's curve, sampled, ran through a thousand points a
    path of as many pieces, each tested for crossings by every redrawing; most lie on a
    near-straight run. Each part keeps the point furthest from the line between its ends
    while that is further than ``tolerance`` (Douglas and Peucker), worked off a stack.
    """
    count = len(points)
    if count < 3:
        return list(points)
    keep = [False] * count
    keep[0] = keep[-1] = True
    parts = [(0, count - 1)]
    hypot = math.hypot
    while parts:
        first, last = parts.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        furthest, at = tolerance, 0
        for index, (px, py) in enumerate(points[first + 1 : last], first + 1):
            if length == 0:
                t = 0.0
            else:  # the share along, kept within 0 and 1 (as max(0, min(1, t)) keeps it)
                t = ((px - ax) * dx + (py - ay) * dy) / length
                t = t if t < 1.0 else 1.0
                t = t if t > 0.0 else 0.0
            off = hypot(px - ax - t * dx, py - ay - t * dy)
            if off > furthest:
                furthest, at = off, index
        if at:
            keep[at] = True
            parts += [(first, at), (at, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def between(a: Point, b: Point, t: float) -> Point:
    """The point a share ``t`` of the way from ``a`` to ``b``."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def pair(p: Point) -> str:
    """A point as the engine writes one (two decimals at most, no trailing zeros)."""
    return f"{number(p[0])},{number(p[1])}"


def number(v: float) -> str:
    """A number as the engine writes one (two decimals at most, no trailing zeros)."""
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def edit(svg: str, edits: list[tuple[tuple[int, int], str]]) -> str:
    """The SVG with each span replaced by its text (spans apart)."""
    if not edits:
        return svg
    pieces: list[str] = []
    done = 0
    for (start, stop), text in sorted(edits):
        pieces += (svg[done:start], text)
        done = stop
    pieces.append(svg[done:])
    return "".join(pieces)


def shifted(part: str, dx: float, dy: float) -> str:
    """An SVG fragment moved by ``dx``, ``dy``, its numbers written as the engine writes them.

    Every point of its shapes' ``points`` and paths' ``d`` (pairs, as the engine writes
    them) and every text's ``x`` and ``y``.
    """

    def pairs(match: re.Match[str]) -> str:
        count = 0

        def one(found: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return number(float(found.group(0)) + (dx if count % 2 else dy))

        return f'{match.group(1)}="{_NUMBER.sub(one, match.group(2))}"'

    def xy(match: re.Match[str]) -> str:
        x, y = float(match.group(1)) + dx, float(match.group(2)) + dy
        return f'x="{number(x)}" y="{number(y)}"'

    return _XY.sub(xy, _PAIRS.sub(pairs, part))


def bent_path(points: list[Point]) -> str:
    """A path along ``points``, as the engine writes one: cubic Beziers from its first point.

    Each straight run is a curve whose control points lie on it; each bend between two
    runs is rounded, at a radius of :data:`BEND` at most (less on short runs).
    """
    runs: list[tuple[Point, Point]] = []
    start = points[0]
    for index in range(1, len(points)):
        corner = points[index]
        if index == len(points) - 1:
            runs.append((start, corner))
            break
        after = points[index + 1]
        bend = min(BEND, math.dist(start, corner) / 2, math.dist(corner, after) / 2)
        into = between(corner, start, bend / (math.dist(start, corner) or 1.0))
        out = between(corner, after, bend / (math.dist(corner, after) or 1.0))
        runs += [(start, into), (corner, out)]  # a bend: its control points at the corner
        start = out
    pieces: list[str] = []
    for index, (a, b) in enumerate(runs):
        if index % 2:  # a bend from the end of the run before
            pieces.append(f"{pair(a)} {pair(a)} {pair(b)}")
        else:
            pieces.append(f"{pair(between(a, b, 1 / 3))} {pair(between(a, b, 2 / 3))} {pair(b)}")
    return f"M{pair(points[0])}C" + " ".join(pieces)


def turn(p: Point, old: Point, way: Point, new: Point, to: Point) -> Point:
    """An arrowhead's point, moved from base ``old`` (pointing ``way``) to ``new`` (``to``)."""
    u = (p[0] - old[0]) * way[0] + (p[1] - old[1]) * way[1]
    v = -(p[0] - old[0]) * way[1] + (p[1] - old[1]) * way[0]
    return (new[0] + u * to[0] - v * to[1], new[1] + u * to[1] + v * to[0])
