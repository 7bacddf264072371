"""Edges the engine drew along a box's border (one they do not end at), moved clear of it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple

from argmap.exporters.diagram.borderruns import (
    ALONG,
    Outline,
    edge_runs,
    end_boxes,
    inside,
    outlines,
    runs_along,
)
from argmap.exporters.diagram.borderways import CLEAR, enters, ways
from argmap.exporters.diagram.edgecross import MEETING
from argmap.exporters.diagram.geometry import Box, curve, groups
from argmap.exporters.diagram.svgedits import between, edit, pair, turn, unit

__all__ = ["clear_borders"]

_PATH: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_HEAD: Final = re.compile(r'<polygon\b[^>]*?\bpoints="([^"]*)"')
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")

ROUNDS: Final = 3
"""How many times the edges along borders are tried, at most: again while any moves."""

Point = tuple[float, float]
Edits = list[tuple[tuple[int, int], str]]


class _Drawn(NamedTuple):
    """An edge as the engine drew it: the corners of its straight runs, its arrowheads."""

    corners: list[Point]
    span: tuple[int, int]
    heads: list[tuple[tuple[int, int], list[Point]]]


def clear_borders(svg: str, only: str = "") -> str:
    """The drawing with each edge that runs along a box's border moved clear of it.

    The engine routes an edge round a box (a linked group's, most often) a few points off
    its border: the edge reads as part of the box, or two stacked groups as one nested in
    the other. Such an edge's straight stretch along the border moves :data:`CLEAR`
    points off it, or a shortcut past it is taken, or its start slides along its own box
    (a linked group's arrow leaves its box nearer where it goes). A new way is kept only
    where it runs along fewer borders, enters no other box, stays on the drawing and
    crosses no more edges; the edges left as they were are tried again while any moves
    (one moved after may have been in the way). Only straight runs are moved: the
    engine's (``splines=polyline``), and those the passes after it bend (see
    :func:`_corners`). ``only``: words the edges moved have in their SVG group (an edge's
    title names its ends), if any; the others are left as they are.
    """
    edges = _edges(svg, only)
    if not edges:
        return svg
    boxes = outlines(svg)
    curves = [_Curve.of(e.corners) for e in edges]
    # A few edges (``only``'s) are each compared with every box: filing the boxes by
    # squares costs more than it saves, unless one runs along a border (see below).
    grid = None if only else _Grid(boxes)
    along: list[tuple[int, int]] = []  # the edges along borders, and along how many
    for index, drawn in enumerate(edges):
        heads = [p for _, outline in drawn.heads for p in outline]
        b, r = curves[index].box, ALONG + 1  # as far as edge_runs looks
        reach = Box(b.left - r, b.top - r, b.right + r, b.bottom + r)
        # (edge_runs keeps the boxes near the edge's runs, all within reach: the same.)
        before = edge_runs(drawn.corners, heads, boxes if grid is None else grid.near(reach))
        if before:
            along.append((index, before))
    if not along:
        return svg
    grid = _Grid(boxes) if grid is None else grid
    extent = _extent(boxes, [c.points for c in curves])
    lines = _Lines([*curves, *(_Curve.of(c) for c in _curved(svg, edges))])
    edits: Edits = []
    for _ in range(ROUNDS):  # in turn; again while any moves, which may clear another's way
        left = []
        for index, before in along:
            best = _best(edges[index], grid, (before, extent), (lines, index))
            if best is None:
                left.append((index, before))
                continue
            curves[index] = _Curve.of(best)
            lines.move(index, curves[index])
            edits += _written(edges[index], best)
        if not left or len(left) == len(along):
            break
        along = left
    return edit(svg, edits)


class _Grid:
    """The boxes filed by the squares they cover, so an edge looks only at those near it.

    ``near`` gives every box that may touch a region, in the drawing's order: a drawing of
    a thousand boxes had each edge's every way compared with all of them.
    """

    SIDE: Final = 144.0

    def __init__(self, boxes: Sequence[Outline]) -> None:
        self.boxes = boxes
        self.cells: dict[tuple[int, int], list[int]] = {}
        for index, outline in enumerate(boxes):
            for cell in self._cells(outline.box):
                self.cells.setdefault(cell, []).append(index)

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        left, top = math.floor(box.left / self.SIDE), math.floor(box.top / self.SIDE)
        right, bottom = math.floor(box.right / self.SIDE), math.floor(box.bottom / self.SIDE)
        return ((x, y) for x in range(left, right + 1) for y in range(top, bottom + 1))

    def near(self, region: Box) -> list[Outline]:
        """The boxes in the squares ``region`` covers (a superset of those touching it)."""
        found = {i for cell in self._cells(region) for i in self.cells.get(cell, ())}
        return [self.boxes[i] for i in sorted(found)]


class _Lines:
    """Every edge's curve filed by the squares its box covers, so a way meets only those near it.

    An edge whose box covers more than :attr:`WIDE` squares is not filed, but looked at for
    every way: an edge from a parent to rows of children can span the drawing. ``near``
    gives the same edges as comparing the way's box with every edge's (their order aside,
    which a count of crossings does not see): a drawing of 3,000 boxes compared each
    moved edge with all the others, 0.1 s in all.
    """

    SIDE: Final = 288.0
    WIDE: Final = 64

    def __init__(self, curves: Sequence[_Curve]) -> None:
        self.curves = list(curves)
        self.cells: dict[tuple[int, int], set[int]] = {}
        self.wide: set[int] = set()
        for index in range(len(self.curves)):
            self._file(index, True)

    def _squares(self, box: Box) -> list[tuple[int, int]] | None:
        """The squares ``box`` covers (none for no points), or None past :attr:`WIDE`."""
        if box.left > box.right:  # no points: crosses nothing
            return []
        left, top = math.floor(box.left / self.SIDE), math.floor(box.top / self.SIDE)
        right, bottom = math.floor(box.right / self.SIDE), math.floor(box.bottom / self.SIDE)
        if (right - left + 1) * (bottom - top + 1) > self.WIDE:
            return None
        return [(x, y) for x in range(left, right + 1) for y in range(top, bottom + 1)]

    def _file(self, index: int, adding: bool) -> None:
        squares = self._squares(self.curves[index].box)
        if squares is None:
            (self.wide.add if adding else self.wide.discard)(index)
        for square in squares or ():
            if adding:
                self.cells.setdefault(square, set()).add(index)
            else:
                self.cells[square].discard(index)

    def move(self, index: int, curve: _Curve) -> None:
        """File edge ``index`` by its new curve."""
        self._file(index, False)
        self.curves[index] = curve
        self._file(index, True)

    def near(self, region: Box, skip: int) -> list[_Curve]:
        """The curves whose boxes touch ``region``, but edge ``skip``'s."""
        squares = self._squares(region)
        if squares is None:  # a wide region: every edge looked at
            found = set(range(len(self.curves)))
        else:
            found = set(self.wide)
            for square in squares:
                found.update(self.cells.get(square, ()))
        found.discard(skip)
        return [c for c in map(self.curves.__getitem__, found) if _meets(c.box, region)]


class _Curve(NamedTuple):
    """An edge's points, and the box round them (an edge far from a way cannot cross it)."""

    points: Sequence[Point]
    box: Box

    @classmethod
    def of(cls, points: Sequence[Point]) -> _Curve:
        if not points:  # crosses nothing
            return cls(points, Box(math.inf, math.inf, -math.inf, -math.inf))
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return cls(points, Box(min(xs), min(ys), max(xs), max(ys)))


def _curved(svg: str, edges: Sequence[_Drawn]) -> list[tuple[Point, ...]]:
    """The curves of the edges other than ``edges`` (curved, or drawn back), sampled."""
    spans = {drawn.span for drawn in edges}
    out: list[tuple[Point, ...]] = []
    for kind, _, start, stop in groups(svg):
        path = _PATH.search(svg, start, stop) if kind == "edge" else None
        if path is not None and path.span(1) not in spans:
            out.append(curve(path.group(1)))
    return out


def _edges(svg: str, only: str = "") -> list[_Drawn]:
    """Every edge drawn as straight runs, its arrowheads (if any) at its end, not its start.

    ``only``: of those, the ones whose SVG group holds these words.
    """
    out: list[_Drawn] = []
    for kind, _, start, stop in groups(svg):
        if kind != "edge" or (only and svg.find(only, start, stop) < 0):
            continue
        path = _PATH.search(svg, start, stop)
        if path is None:
            continue
        numbers = list(map(float, _NUMBER.findall(path.group(1))))
        points = list(zip(numbers[0::2], numbers[1::2], strict=False))
        corners = _corners(points) if len(points) >= 4 and len(points) % 3 == 1 else None
        if corners is None:
            continue
        heads = [
            (shape.span(1), _pairs(shape.group(1))) for shape in _HEAD.finditer(svg, start, stop)
        ]
        if any(math.dist(p, corners[0]) < math.dist(p, corners[-1]) for _, o in heads for p in o):
            continue  # an arrow at its start (drawn back): left as it is
        out.append(_Drawn(corners, path.span(1), heads))
    return out


def _pairs(text: str) -> list[Point]:
    """The points of a ``points`` value."""
    numbers = list(map(float, _NUMBER.findall(text)))
    return list(zip(numbers[0::2], numbers[1::2], strict=False))


def _corners(points: Sequence[Point]) -> list[Point] | None:
    """The corners of a path of straight runs, or None if a cubic of it is curved.

    A straight run's cubic has its control points on its chord. A bend between two runs
    (as :func:`~.svgedits.bent_path` rounds one: both control points at the corner)
    counts as that corner, the runs on either side of it meeting there.
    """
    corners = [points[0]]
    for i in range(0, len(points) - 3, 3):
        a, c, e, d = points[i : i + 4]
        length = math.dist(a, d)
        if all(
            not length
            or abs((d[0] - a[0]) * (p[1] - a[1]) - (d[1] - a[1]) * (p[0] - a[0])) <= length * 0.5
            for p in (c, e)
        ):
            corners.append(d)
        elif c == e and len(corners) > 1 and i + 4 < len(points):
            corners[-1] = c  # a rounded bend: the run after it starts at its corner
        else:
            return None
    return corners


def _extent(boxes: Sequence[Outline], curves: Sequence[Sequence[Point]]) -> Box:
    """What the drawing covers: its boxes and edges."""
    xs = [v for o in boxes for v in (o.box.left, o.box.right)] + [x for c in curves for x, _ in c]
    ys = [v for o in boxes for v in (o.box.top, o.box.bottom)] + [y for c in curves for _, y in c]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _best(
    drawn: _Drawn,
    grid: _Grid,
    limits: tuple[int, Box],
    lines: tuple[_Lines, int],
) -> list[Point] | None:
    """The way that runs along fewest borders, fewer than the engine's (None: none does)."""
    before, extent = limits
    heads = [p for _, outline in drawn.heads for p in outline]
    xs, ys = [x for x, _ in drawn.corners], [y for _, y in drawn.corners]
    room = Box(min(xs) - 3 * CLEAR, min(ys) - 3 * CLEAR, max(xs) + 3 * CLEAR, max(ys) + 3 * CLEAR)
    nearby = [o for o in grid.near(room) if o.box.overlaps(room, 0.0)]
    ends = end_boxes(drawn.corners, heads, nearby)  # (those it ends at are near it)
    passed = [o for index, o in enumerate(nearby) if index not in ends]
    best, fewest, crossed = None, before, -1
    others = _Near(lines, _Curve.of(drawn.corners).box)
    for way in ways(drawn.corners, passed, nearby):  # each made only if none before is best
        ended, _ = _aimed(drawn, way)
        runs = sum(runs_along(ended, o.box) for o in passed)
        if runs >= fewest or not _allowed(way, drawn.corners, grid, extent):
            continue
        crossed = _crossed(drawn.corners, others.meeting()) if crossed < 0 else crossed
        if _crossed(way, others.meeting(_Curve.of(way).box)) <= crossed:
            best, fewest = way, runs
            if not runs:
                break  # none better
    return best


class _Near:
    """The other edges that may cross an edge's ways (see :func:`_crossed`), as they are tried.

    Looked up once for a region round the edge and its ways, again only for a way beyond it.
    """

    def __init__(self, lines: tuple[_Lines, int], region: Box) -> None:
        self.lines, self.region = lines, region
        self.found: list[_Curve] | None = None

    def meeting(self, way: Box | None = None) -> list[_Curve]:
        """The edges whose boxes meet the region, grown to hold ``way`` (if any)."""
        r = self.region
        grown = r if way is None else Box(*map(min, r[:2], way[:2]), *map(max, r[2:], way[2:]))
        if self.found is None or grown != r:
            self.region, self.found = grown, self.lines[0].near(grown, self.lines[1])
        return self.found


def _allowed(way: list[Point], corners: list[Point], grid: _Grid, extent: Box) -> bool:
    """Whether a way stays on the drawing and enters no box the engine's way kept out of."""
    room = Box(
        extent.left - CLEAR, extent.top - CLEAR, extent.right + CLEAR, extent.bottom + CLEAR
    )
    if not all(inside(p, room) for p in way):
        return False
    around = _Curve.of(way).box
    near = [o for o in grid.near(around) if _meets(o.box, around)]
    return not any(enters([a, b], near, corners) for a, b in zip(way, way[1:], strict=False))


def _meets(a: Box, b: Box) -> bool:
    """Whether two boxes touch or overlap (edges included)."""
    return a.left <= b.right and b.left <= a.right and a.top <= b.bottom and b.top <= a.bottom


def _crossed(way: Sequence[Point], others: Sequence[_Curve]) -> int:
    """How many times the other edges' curves cross the way, but where two edges meet.

    Two edges meet where both end within :data:`~.edgecross.MEETING` of the crossing.
    """
    count = 0
    left, top, right, bottom = _Curve.of(way).box
    for other, box in others:
        if box.right < left or box.left > right or box.bottom < top or box.top > bottom:
            continue  # (not :func:`_meets`: a call per edge cost more than the test)
        ends = (other[0], other[-1], way[0], way[-1])
        for p, q in zip(way, way[1:], strict=False):
            for r, t in zip(other, other[1:], strict=False):
                at = _crossing(p, q, r, t)
                if at is None:
                    continue
                near = [math.dist(at, end) <= MEETING for end in ends]
                count += not ((near[0] or near[1]) and (near[2] or near[3]))
    return count


def _crossing(p: Point, q: Point, r: Point, t: Point) -> Point | None:
    """Where segments ``pq`` and ``rt`` cross, if they do."""
    dx, dy, ex, ey = q[0] - p[0], q[1] - p[1], t[0] - r[0], t[1] - r[1]
    across = dx * ey - dy * ex
    if across == 0:
        return None
    u = ((r[0] - p[0]) * ey - (r[1] - p[1]) * ex) / across
    v = ((r[0] - p[0]) * dy - (r[1] - p[1]) * dx) / across
    return (p[0] + u * dx, p[1] + u * dy) if 0 <= u <= 1 and 0 <= v <= 1 else None


def _aimed(drawn: _Drawn, way: list[Point]) -> tuple[list[Point], list[list[Point]]]:
    """The way ending at its arrowhead's new base, and the arrowhead's outlines turned.

    Each outline turns to point along the way's last run, its tip where it was.
    """
    if not drawn.heads:
        return way, []
    old_base, old_way = drawn.corners[-1], unit(drawn.corners[-2], drawn.corners[-1])
    points = [p for _, outline in drawn.heads for p in outline]
    reach = max(
        (p[0] - old_base[0]) * old_way[0] + (p[1] - old_base[1]) * old_way[1] for p in points
    )
    tip = (old_base[0] + old_way[0] * reach, old_base[1] + old_way[1] * reach)
    new_way = unit(way[-2], tip)
    base = (tip[0] - new_way[0] * reach, tip[1] - new_way[1] * reach)
    turned = [[turn(p, old_base, old_way, base, new_way) for p in o] for _, o in drawn.heads]
    return [*way[:-1], base], turned


def _written(drawn: _Drawn, way: list[Point]) -> Edits:
    """The edits that redraw an edge along ``way``: its path, its arrowheads turned."""
    ended, turned = _aimed(drawn, way)
    runs = " ".join(
        f"{pair(between(a, b, 1 / 3))} {pair(between(a, b, 2 / 3))} {pair(b)}"
        for a, b in zip(ended, ended[1:], strict=False)
    )
    edits: Edits = [(drawn.span, f"M{pair(ended[0])}C{runs}")]
    for (span, _), outline in zip(drawn.heads, turned, strict=True):
        edits.append((span, " ".join(pair(p) for p in outline)))
    return edits
