"""Arrowheads the engine piles at one point of a box, spread along its side in order."""

from __future__ import annotations

import html
import math
import re
from typing import Final, NamedTuple

from argmap.exporters.diagram.edgecross import segments_cross
from argmap.exporters.diagram.geometry import Box, box_of, groups
from argmap.exporters.diagram.svgedits import between, each_drawing, edit, pair, unit

__all__ = ["SPREAD", "spread_drawing_heads", "spread_heads"]

SPREAD: Final = 18.0
"""Points between two arrowheads' tips along a side, at most (an arrowhead is about 6.3
wide and 9 long: edges that come in at a slant lay theirs along the side)."""

CORNER: Final = 10.0
"""Points kept clear at each end of a side (a box's rounded corner)."""

TOGETHER: Final = 6.0
"""Tips this near the middle of a side, in points, are piled there (the engine clips each
edge where it meets the box's outline, a little inside or outside it)."""

HEAD: Final = 16.0
"""How far from its path's end, in points, an arrowhead reaches at most (about 9 long)."""

STRAIGHT: Final = 0.6
"""How far, in points, a control point may stray from its segment for it to be straight."""

_PORTED: Final = re.compile(r":[nsew]</title>")
_TITLE: Final = re.compile(r"<title>(.*?)</title>", re.S)
_PATH_D: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_POINTS: Final = re.compile(r'<poly(?:gon|line)\b[^>]*?\bpoints="([^"]*)"')
"""An arrowhead's outline (an attack's bar is a polygon and a stem)."""
_PAIR: Final = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")

Point = tuple[float, float]


class _End(NamedTuple):
    """An edge's last straight run into its head, and where its text lies in the SVG."""

    tail: str
    start: Point
    """Where the last run starts (the edge's last bend, or its tail)."""
    end: Point
    """Where the path ends (the arrowhead's base)."""
    tip: Point
    """The point the arrowhead touches."""
    head: list[tuple[tuple[int, int], list[Point]]]
    """The arrowhead's outlines, each with the span of its ``points`` value in the SVG."""
    d_span: tuple[int, int]
    """The span, in the SVG, of the path's last two control points and end."""


def spread_heads(svg: str) -> str:
    """Spread the arrowheads of edges that end together at a side of a box.

    Edges aimed at one side of a box (a ``headport`` of ``n``, ``s``, ``e`` or ``w``:
    the edges of a parent's rows of children) all end at its middle, their arrowheads
    piled there. Each last straight run is turned to end at its own point of that side,
    :data:`SPREAD` apart, in the order the runs come in, so they fan in without crossing.
    Curved runs, and any pile whose runs would then cross each other or a box they did not
    cross before, are left as drawn.
    """
    if _PORTED.search(svg) is None:
        return svg
    return each_drawing(svg, spread_drawing_heads)


def spread_drawing_heads(svg: str) -> str:
    """:func:`spread_heads` on one drawing (not a batch's drawings one after another)."""
    if _PORTED.search(svg) is None:
        return svg
    piles: dict[tuple[str, str], list[_End | None]] = {}
    nodes: dict[str, tuple[int, int]] = {}
    for kind, _, start, stop in groups(svg):
        title = _TITLE.search(svg, start, stop)
        if title is None:
            continue
        name = html.unescape(title.group(1))
        if kind == "node":
            nodes[name] = (start, stop)
        elif name[-2:] in (":n", ":s", ":e", ":w") and "->" in name:
            head, port = name.split("->", 1)[1].rsplit(":", 1)
            end = _read_edge(svg, start, stop, name)
            pile = piles.setdefault((head, port), [])
            pile.append(end)
    found: dict[str, Box] | None = None
    edits: list[tuple[tuple[int, int], str]] = []
    for (head, port), pile in piles.items():
        ends = [end for end in pile if end is not None]
        if len(ends) < 2 or len(ends) < len(pile) or head not in nodes:
            continue  # one edge, or one the pass cannot turn (curved, labelled)
        if found is None:  # the boxes, once a pile is found
            found = {name: box for name, span in nodes.items() if (box := box_of(svg, *span))}
        box = found.get(head)
        if box is not None and _together(ends, _middle(box, port)):
            edits.extend(_spread(ends, box, port, head, found))
    return edit(svg, edits)


def _read_edge(svg: str, start: int, stop: int, title: str) -> _End | None:
    """An edge's last run, if it is straight, and the edge has no label and no round head."""
    ends = title.split("->")
    path = _PATH_D.search(svg, start, stop)
    if (
        path is None
        or svg.find("<ellipse", start, stop) >= 0
        or svg.find("<text", start, stop) >= 0
    ):
        return None
    pairs = list(_PAIR.finditer(path.group(1)))
    if len(pairs) < 4:
        return None
    q, c1, c2, p = ((float(m[1]), float(m[2])) for m in pairs[-4:])
    if not (_on_run(c1, q, p) and _on_run(c2, q, p)) or _length(q, p) < 1.0:
        return None
    first = (float(pairs[0][1]), float(pairs[0][2]))
    outlines = [
        (shape.span(1), outline)
        for shape in _POINTS.finditer(svg, start, stop)
        if not _at_tail(
            outline := [(float(a), float(b)) for a, b in _PAIR.findall(shape.group(1))], first, p
        )
    ]
    if any(_length(p, point) > HEAD for _, outline in outlines for point in outline):
        return None  # a shape beyond the arrowhead: a label's box
    way = unit(q, p)
    reach = max(
        ((x - p[0]) * way[0] + (y - p[1]) * way[1] for _, outline in outlines for x, y in outline),
        default=0.0,
    )
    tip = (p[0] + way[0] * reach, p[1] + way[1] * reach)
    d_span = (path.start(1) + pairs[-3].start(), path.start(1) + pairs[-1].end())
    return _End(ends[0].split(":")[0], q, p, tip, outlines, d_span)


def _at_tail(outline: list[Point], first: Point, last: Point) -> bool:
    """Whether an arrowhead lies at its path's start (an edge drawn back), not at its end."""
    return all(_length(first, point) <= HEAD < _length(last, point) for point in outline)


def _middle(box: Box, port: str) -> Point:
    """The middle of a box's side (a compass point)."""
    x, y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    return {
        "n": (x, box.top),
        "s": (x, box.bottom),
        "e": (box.right, y),
        "w": (box.left, y),
    }[port]


def _together(ends: list[_End], middle: Point) -> bool:
    """Whether the edges' tips are all at the middle of the side (where the engine aims)."""
    x, y = middle
    return all(math.hypot(e.tip[0] - x, e.tip[1] - y) <= TOGETHER for e in ends)


def _spread(
    ends: list[_End], box: Box, port: str, head: str, found: dict[str, Box]
) -> list[tuple[tuple[int, int], str]]:
    """The SVG edits that spread one pile along its side (none where that would cross)."""
    across = port in ("n", "s")  # the tips move along x; else along y
    axis, other = (0, 1) if across else (1, 0)
    tip = _middle(box, port)

    def slope(e: _End) -> float:
        rise = abs(e.start[other] - tip[other]) or 0.01
        return (e.start[axis] - tip[axis]) / rise

    order = sorted(range(len(ends)), key=lambda i: (slope(ends[i]), i))
    low, high = (box.left, box.right) if across else (box.top, box.bottom)
    room = max(0.0, high - low - 2 * CORNER)
    step = min(SPREAD, room / (len(ends) - 1))
    first = tip[axis] - step * (len(ends) - 1) / 2
    first = min(max(first, low + CORNER), high - CORNER - step * (len(ends) - 1))
    moved: dict[int, tuple[Point, Point, list[list[Point]]]] = {}
    for rank, i in enumerate(order):
        e = ends[i]
        new_tip = list(tip)
        new_tip[axis] = first + rank * step
        moved[i] = _turned(e, (new_tip[0], new_tip[1]))
    if not _clear(ends, moved, found, head):
        return []
    edits: list[tuple[tuple[int, int], str]] = []
    for i, e in enumerate(ends):
        end, _, outlines = moved[i]
        c1 = between(e.start, end, 1 / 3)
        c2 = between(e.start, end, 2 / 3)
        edits.append((e.d_span, f"{pair(c1)} {pair(c2)} {pair(end)}"))
        for (span, _), outline in zip(e.head, outlines, strict=True):
            edits.append((span, " ".join(pair(p) for p in outline)))
    return edits


def _turned(e: _End, tip: Point) -> tuple[Point, Point, list[list[Point]]]:
    """An edge's last run turned to touch ``tip``: its new end, tip and arrowhead outlines."""
    reach = _length(e.end, e.tip)
    old = unit(e.start, e.end)
    new = unit(e.start, tip)
    end = (tip[0] - new[0] * reach, tip[1] - new[1] * reach)
    outlines = []
    for _, outline in e.head:
        turned = []
        for x, y in outline:
            u = (x - e.end[0]) * old[0] + (y - e.end[1]) * old[1]
            v = -(x - e.end[0]) * old[1] + (y - e.end[1]) * old[0]
            turned.append((end[0] + u * new[0] - v * new[1], end[1] + u * new[1] + v * new[0]))
        outlines.append(turned)
    return end, tip, outlines


def _clear(
    ends: list[_End],
    moved: dict[int, tuple[Point, Point, list[list[Point]]]],
    found: dict[str, Box],
    head: str,
) -> bool:
    """Whether the turned runs cross no other run of the pile, and no more boxes than before."""
    runs = [(e.start, moved[i][1]) for i, e in enumerate(ends)]
    for i, (a, b) in enumerate(runs):
        for c, d in runs[i + 1 :]:
            # Runs from one bend (the engine merged their ways) part there, as drawn.
            if a != c and segments_cross(a, b, c, d):
                return False
    xs = [x for e in ends for x in (e.start[0], e.tip[0])] + [b[0] for _, b in runs]
    ys = [y for e in ends for y in (e.start[1], e.tip[1])] + [b[1] for _, b in runs]
    near = Box(min(xs), min(ys), max(xs), max(ys))
    nearby = [
        (name, box)
        for name, box in found.items()
        if name != head
        and box.left <= near.right
        and near.left <= box.right
        and box.top <= near.bottom
        and near.top <= box.bottom
    ]
    for i, e in enumerate(ends):
        others = [box for name, box in nearby if name != e.tail]
        before = sum(_cuts(e.start, e.tip, box) for box in others)
        if sum(_cuts(*runs[i], box) for box in others) > before:
            return False
    return True


def _cuts(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment from ``a`` to ``b`` passes through the box."""
    (x0, y0), (x1, y1) = a, b
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-(x1 - x0), x0 - box.left),
        (x1 - x0, box.right - x0),
        (-(y1 - y0), y0 - box.top),
        (y1 - y0, box.bottom - y0),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _on_run(c: Point, q: Point, p: Point) -> bool:
    """Whether a control point lies on the run from ``q`` to ``p`` (the run is straight)."""
    length = _length(q, p)
    if length == 0:
        return False
    off = abs((p[0] - q[0]) * (c[1] - q[1]) - (p[1] - q[1]) * (c[0] - q[0])) / length
    return off <= STRAIGHT


def _length(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])
