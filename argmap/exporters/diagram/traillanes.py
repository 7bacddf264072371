"""Edges round a breadcrumb in its tops' column, each in a lane of its own to (or from) its row."""

from __future__ import annotations

import html
import math
import re
from typing import Final

from argmap.exporters.diagram.geometry import (
    ROW_CLASS,
    SIDE_CLASS,
    Box,
    box_of,
    curve,
    groups,
    row_of,
)
from argmap.exporters.diagram.laneways import GAP, LANE, clear, past, ways
from argmap.exporters.diagram.svgedits import (
    bent_path,
    each_drawing,
    edit,
    pair,
    simplified,
    turn,
    unit,
)
from argmap.exporters.diagram.trailname import TRAIL
from argmap.exporters.diagram.trailround import Round, head_middle, heads_in
from argmap.exporters.diagram.trailtips import side_tips

__all__ = [
    "ROW_CLASS",
    "SIDE_CLASS",
    "UPWARD",
    "Round",
    "edit",
    "read_round",
    "redrawn",
    "route_lanes",
    "row_class",
    "row_of",
    "trail_rows",
]

STEP_CLASS: Final = "drawn-from"
"""The class of a "so" arrow's edge (see :func:`~.drawn.drawing_step_attrs`)."""

UPWARD: Final = "upward"
"""The class a breadcrumb's box also takes where its rows are drawn from the last up."""

ROW_MIDDLE: Final = 3.6
"""How far above a row's baseline its middle lies, in points (11-point text)."""

_TITLE: Final = re.compile(r"<title>(.*?)</title>", re.S)
_PATH_D: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_POINTS: Final = re.compile(r'<poly(?:gon|line)\b[^>]*?\bpoints="([^"]*)"')
_PAIR: Final = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_ROW_TEXT: Final = re.compile(r'<g id="a_trail_\d+">.*?<text\b[^>]*?\by="([-\d.]+)"', re.S)

Point = tuple[float, float]


def row_class(attrs: dict[str, str], row: int, word: str = ROW_CLASS) -> dict[str, str]:
    """An edge's attributes with a class word that marks its row (``word``, then ``row``)."""
    return {**attrs, "class": f"{attrs.get('class', '')} {word}{row}".strip()}


def route_lanes(svg: str) -> str:
    """Draw each edge round the breadcrumb's column in a lane of its own, into its own row.

    Left to right, where the breadcrumb shares its tops' column, the engine draws the
    edges from the tops below it to its rows as flat edges: it ignores their rows, ends
    them all at the box's corner and lets them cross on the way. Each such edge (marked
    by :data:`ROW_CLASS`) is drawn anew: from where it leaves its top, out to a lane of
    its own beside the column, the lower tops' further out, up to its row, and in to the
    breadcrumb's side at that row, where its arrowhead is set. The column lists the
    lower rows' tops first (see :func:`~.trailcolumn.column_items`), so the lanes nest and
    no two edges cross; tips into one row are spread along it, :data:`TIPS` apart. A "so"
    arrow from a row down to a conclusion, or to an undercut step's junction, marked so
    too, goes the same way the other way round (see :mod:`.trailsteps`).
    """
    if ROW_CLASS not in svg:
        return svg
    return each_drawing(svg, _route_document)


def _route_document(svg: str) -> str:
    """:func:`route_lanes` on one drawing."""
    if ROW_CLASS not in svg:
        return svg
    trail, rows = trail_rows(svg)
    if trail is None:
        return svg
    around = _around(svg)
    rounds = _read_rounds(svg, trail, around[0])
    if not rounds or any(r.row >= len(rows) for r in rounds):
        return svg
    out = _side(rounds, trail, rows)
    rounds, across = _by_side(rounds, trail, out, around[0])
    laid = _lanes(rounds, trail, rows, around) if rounds else []
    if laid is None:  # a step's lane would run through a box: the steps kept as drawn
        rounds = [r for r in rounds if r.step is None]
        laid = (_lanes(rounds, trail, rows, around) if rounds else None) or []
    out = _side(rounds, trail, rows) if rounds else out  # where the others' lanes went
    for r in across:  # on the other side, in a lane of its own, where that runs clear
        laid += _lanes([r], trail, rows, around, -out) or []
    return edit(svg, laid)


def _read_rounds(svg: str, trail: Box, boxes: list[Box]) -> list[Round]:
    """Each edge marked with its breadcrumb row, read: into the row, or a "so" arrow from it."""
    rounds: list[Round] = []
    for kind, classes, start, stop in groups(svg):
        words = html.unescape(classes)
        row = row_of(words) if kind == "edge" else None
        if row is None:
            continue
        if STEP_CLASS in words.split():  # a "so" arrow down from the row
            from argmap.exporters.diagram.trailsteps import read_step

            found = read_step(svg, (start, stop), row, (trail, boxes))
        else:
            found = read_round(svg, start, stop, row)
        if found is not None:
            rounds.append(found)
    return rounds


def _side(rounds: list[Round], trail: Box, rows: list[float]) -> float:
    """Which side of the column the lanes go: -1.0 left, 1.0 right.

    Right to left, the engine ends the edges at the column's right side: the lanes go
    there (the side it ends most at; the highest top's if as many at each).
    """
    middle = (trail.left + trail.right) / 2
    lefts = sum(1 if r.base[0] < middle else -1 for r in rounds)
    highest = min(rounds, key=lambda r: (r.item[1], -rows[r.row]))
    return -1.0 if lefts > 0 or (lefts == 0 and highest.base[0] < middle) else 1.0


def _by_side(
    rounds: list[Round], trail: Box, out: float, boxes: list[Box]
) -> tuple[list[Round], list[Round]]:
    """The edges to draw in lanes on the lanes' side (``out``), and those on the other.

    A step to a junction beside the breadcrumb (on its rank) keeps the engine's way. One
    whose junction has a box beside it on the lanes' side (its undercutter, whose arrow
    comes in there: the lane met it) goes on the other side, if nothing is beside the
    junction there; else it keeps the engine's way too.
    """
    lanes: list[Round] = []
    across: list[Round] = []
    for r in rounds:
        if r.step is None or r.heads:
            lanes.append(r)
        elif not _below(r.item, trail):
            continue
        elif not any(_past(b, r.item, out) for b in boxes):
            lanes.append(r)
        elif not any(_past(b, r.item, -out) for b in boxes):
            across.append(r)
    return lanes, across


def _past(box: Box, item: Point, out: float) -> bool:
    """Whether a box lies level with a point, further ``out`` (1.0 right, -1.0 left)."""
    beyond = box.left > item[0] if out > 0 else box.right < item[0]
    return beyond and box.top <= item[1] <= box.bottom


def _below(item: Point, trail: Box) -> bool:
    """Whether a point lies in the breadcrumb's column, below or above it (not beside it)."""
    return trail.left <= item[0] <= trail.right and not trail.top <= item[1] <= trail.bottom


def _around(svg: str) -> tuple[list[Box], tuple[float, float]]:
    """The boxes of a drawing but the breadcrumb's, and how far it reaches left and right.

    The reach is the page's background, its margin included, less :data:`GAP`.
    """
    found: list[Box] = []
    first = len(svg)
    for kind, _, start, stop in groups(svg):
        first = min(first, start)
        title = _TITLE.search(svg, start, stop) if kind == "node" else None
        if title is not None and html.unescape(title.group(1)) != TRAIL:
            box = box_of(svg, start, stop)
            if box is not None:
                found.append(box)
    graph = svg.find('class="graph"')  # the page's background, before any node or edge
    page = _POINTS.search(svg, graph, first) if 0 <= graph < first else None
    xs = [float(x) for x, _ in _PAIR.findall(page.group(1))] if page is not None else []
    reach = (min(xs) + GAP, max(xs) - GAP) if xs else (-math.inf, math.inf)
    return found, reach


def trail_rows(svg: str) -> tuple[Box | None, list[float]]:
    """The breadcrumb's box, if drawn, and the middle of each of its rows (a y), in order."""
    for kind, _, start, stop in groups(svg):
        if kind != "node":
            continue
        title = _TITLE.search(svg, start, stop)
        if title is not None and html.unescape(title.group(1)) == TRAIL:
            # Its rows' links in order (the engine numbers them on through a batch).
            found = _ROW_TEXT.findall(svg, start, stop)
            return box_of(svg, start, stop), [float(y) - ROW_MIDDLE for y in found]
    return None, []


def read_round(svg: str, start: int, stop: int, row: int) -> Round | None:
    """An edge into a row, read from its group: its path, its arrowhead at the breadcrumb."""
    path = _PATH_D.search(svg, start, stop)
    if path is None or svg.find("<text", start, stop) >= 0:
        return None
    pairs = [(float(m[1]), float(m[2])) for m in _PAIR.finditer(path.group(1))]
    heads = heads_in(svg, start, stop)
    if len(pairs) < 4 or not heads:
        return None
    points = curve(path.group(1))
    # The arrowhead sits at the breadcrumb's end of the path, the end it lies nearer.
    # An arrowhead (an attack's bar and stem too) is symmetric about its axis: it points
    # from the path's end to the middle of its points (each once: an outline is closed).
    middle = head_middle(heads)
    backward = math.dist(pairs[0], middle) < math.dist(pairs[-1], middle)
    if backward:
        points, pairs = points[::-1], pairs[::-1]
    way = unit(pairs[-1], middle)
    return Round(row, points, way, (path.start(1), path.end(1)), heads, backward)


def redrawn(
    r: Round, route: list[Point], tip: Point, way: Point
) -> list[tuple[tuple[int, int], str]]:
    """The SVG edits that draw an edge along ``route``, its arrowhead touching ``tip``.

    The arrowhead is turned to point ``way`` (a unit vector) and its base set where the
    route ends, which is moved back from ``tip`` by the arrowhead's reach. A route along
    the engine's curve, sampled, is drawn through the fewest of its points that stay
    within :data:`~.svgedits.SMOOTH` of them all (see :func:`~.svgedits.simplified`).
    """
    reach = r.reach
    base = (tip[0] - way[0] * reach, tip[1] - way[1] * reach)
    points = simplified([*route, base])
    edits = [(r.d_span, bent_path(points[::-1] if r.backward else points))]
    for span, outline in r.heads:
        turned = [turn(p, r.base, r.way, base, way) for p in outline]
        edits.append((span, " ".join(pair(p) for p in turned)))
    return edits


def _lanes(
    rounds: list[Round],
    trail: Box,
    rows: list[float],
    around: tuple[list[Box], tuple[float, float]] = ([], (-math.inf, math.inf)),
    out: float | None = None,
) -> list[tuple[tuple[int, int], str]] | None:
    """The SVG edits that draw each edge round the column in its lane (see :func:`route_lanes`).

    ``around``: the drawing's other boxes and its reach (see :func:`_around`). The lanes
    pass outside every box beside the column below the breadcrumb (or above it, up to a
    top there), a top wider than the breadcrumb's too (an edge from the top below went up
    through it), within the page, where no way there runs through a box; else just past
    the boxes in their way (going round a box far out sent edges across the page and
    back through the boxes beside the breadcrumb's rows). ``out``: which side they go
    (-1.0 left, 1.0 right; by default as :func:`_side` says). None: among them a "so"
    arrow (see :mod:`.trailsteps`), and no way clear of every box.
    """
    out = _side(rounds, trail, rows) if out is None else out
    rounds = sorted(rounds, key=lambda r: _inner_first(r, trail, rows))
    edge = trail.left if out < 0 else trail.right
    side = out * max(out * x for x in [edge] + [r.item[0] for r in rounds])
    # The boxes beside the lanes' runs, below the breadcrumb and above it.
    low, high = max(r.item[1] for r in rounds), min(r.item[1] for r in rounds)
    beside = [
        b
        for b in around[0]
        if (b.top < low and b.bottom > trail.bottom) or (b.bottom > high and b.top < trail.top)
    ]
    outside = out * max([out * side] + [out * (b.left if out < 0 else b.right) for b in beside])
    near = past(side, out, LANE * (len(rounds) - 1), beside)
    tips = side_tips(rounds, rows, trail, (edge, out), [_from_above(r, trail) for r in rounds])
    ys = [y for _, y in tips]
    options = [
        ways(rounds, ys, (side, wider, out), around) for wider in dict.fromkeys((outside, near))
    ]
    drawn = next((w for w in options if clear(w, edge, ys, around[0])), None)
    if drawn is None and any(r.step is not None for r in rounds):
        return None
    drawn = drawn or options[-1]
    edits: list[tuple[tuple[int, int], str]] = []
    for r, way, tip in zip(rounds, drawn, tips, strict=True):
        if r.step is None:
            edits += redrawn(r, way, tip, (-out, 0.0))
        else:
            from argmap.exporters.diagram.trailsteps import step_redrawn

            edits += step_redrawn(r, way, tip, out)
    return edits


def _from_above(r: Round, trail: Box) -> bool:
    """Whether an edge comes down to the breadcrumb from a top above it."""
    return r.item[1] < trail.top


def _inner_first(r: Round, trail: Box, rows: list[float]) -> tuple[float, float]:
    """The order of the lanes, inner first: the tops nearest the breadcrumb, above or below.

    Of two edges from below into two rows, the lower row's takes the inner lane (the
    other's way in to its higher row passes over it); from above, the higher row's.
    """
    if _from_above(r, trail):
        return trail.top - r.item[1], rows[r.row]
    return r.item[1] - trail.bottom, -rows[r.row]
