"""Edges from its tops into a breadcrumb's rows: each ends at its own row, no arrowheads piled."""

from __future__ import annotations

import html
import math
import re
from typing import Final

from argmap.exporters.diagram.borderruns import frames as linked_frames
from argmap.exporters.diagram.geometry import Box, groups
from argmap.exporters.diagram.laneways import GAP, LANE
from argmap.exporters.diagram.svgedits import each_drawing
from argmap.exporters.diagram.trailastray import astray
from argmap.exporters.diagram.trailcross import Crossed, pruned
from argmap.exporters.diagram.trailflip import Flip
from argmap.exporters.diagram.traillanes import (
    SIDE_CLASS,
    UPWARD,
    Round,
    edit,
    read_round,
    redrawn,
    row_of,
    trail_rows,
)
from argmap.exporters.diagram.trailname import TRAIL
from argmap.exporters.diagram.trailnest import (
    CLEAR,
    CORNER,
    drawn_length,
    foot_level,
    nest,
    spaced,
    to_track,
    tracks,
)
from argmap.exporters.diagram.trailtips import TIPS, side_tips

__all__ = ["end_at_rows"]

NEAR: Final = 6.0
"""How far, in points, a tip may lie from a side of the box and still be on it."""

ROW_BAND: Final = 6.0
"""How far from a row's middle, in points, a tip may lie and still be level with it."""

LEVEL: Final = 10.0
"""How far, in points, an edge moved apart from others at a row's side runs level into it."""

STILL: Final = 1.0
"""A tip this near (in points) where it is to go is left as the engine drew it."""

APPROACH: Final = 24.0
"""How far from its tip an edge re-aimed at another point of the foot runs straight."""

_TITLE: Final = re.compile(r"<title>(.*?)</title>", re.S)
_INTO_ROW: Final = re.compile(rf"->{re.escape(TRAIL)}:r(\d+)$")
_INTO: Final = f"&gt;{TRAIL}:r"
"""How the title of an edge into a breadcrumb's row goes on, as the engine writes it."""
_UP: Final = re.compile(rf'class="node trail {UPWARD}"')
_VIEWBOX: Final = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"')

Point = tuple[float, float]
Edits = list[tuple[tuple[int, int], str]]
Boxes = tuple[Box, list[Box]]
"""The breadcrumb's box and the linked groups' frames."""


def end_at_rows(svg: str) -> str:
    """End each edge from a top into a breadcrumb's row at that row, no two tips together.

    Top-down, the engine aims each top's edge at the middle of its row and stops it at the
    box's outline: edges into the upper rows end on its foot or at its corners, where the
    reader cannot tell their rows apart, and edges from neighbouring tops pile their
    arrowheads there. An edge into any row but the last is drawn on from a track under the
    box out to a lane beside it (on the side of the top it comes from), up to its row and
    in to the box's side there, as :func:`~.traillanes.route_lanes` draws them left to
    right: the lower rows' lanes inner, so they nest. An edge into the last row ends on
    the box's foot, just under that row: tips at a corner are moved in, and tips
    together moved apart (:data:`~.trailnest.SPREAD`), in the order the edges come in.
    Where the tops hang above the box (bottom to top), the drawing is turned over, redrawn
    so and turned back (:class:`~.trailflip.Flip`); the rows are taken by their ports,
    drawn from the last up where the box's class says so (:data:`~.traillanes.UPWARD`).
    Each redrawing is weighed by :class:`~.trailcross.Crossed`; one that leaves an edge
    ending where the reader would take it to another row never wins (see :func:`_best`).
    """
    if _INTO not in svg and SIDE_CLASS not in svg:
        return svg
    return each_drawing(svg, _document)


def _document(svg: str) -> str:
    """:func:`end_at_rows` on one drawing."""
    if _INTO not in svg and SIDE_CLASS not in svg:
        return svg
    trail, drawn = trail_rows(svg)
    if trail is None or not drawn:
        return svg
    # Its rows' middles by their ports: drawn from the last up where the class says so.
    ports = drawn[::-1] if _UP.search(svg) is not None else drawn
    into = _into(svg, ports)
    frames = linked_frames(svg)
    if not _above(trail, into):
        return edit(svg, _edits(svg, (trail, frames), ports, into))
    # Tops above (bottom to top): redrawn as the page turned over would be, then turned back.
    turned = Flip(svg, (trail.top + trail.bottom) / 2, edges_only=True)
    boxes = (turned.box(trail), [turned.box(b) for b in frames])
    back = turned.back(_edits(turned.svg, boxes, turned.ys(ports)))
    return edit(svg, back) if back else svg


def _above(trail: Box, into: list[Round]) -> bool:
    """Whether more of the edges into the breadcrumb's rows come from above it than below."""
    above = sum(found.item[1] < trail.top for found in into)
    return above > sum(found.item[1] > trail.bottom for found in into)


def _into(svg: str, rows: list[float]) -> list[Round]:
    """The edges into the breadcrumb's rows (``rows``: their middles by port), as drawn.

    Each numbered by its row's place down the box, the first row the highest.
    """
    down = sorted(range(len(rows)), key=lambda port: rows[port])
    place = {port: index for index, port in enumerate(down)}
    into: list[Round] = []
    for kind, _, start, stop in groups(svg):
        title = _TITLE.search(svg, start, stop) if kind == "edge" else None
        row = None if title is None else _INTO_ROW.search(html.unescape(title.group(1)))
        port = None if row is None else int(row.group(1))
        found = None if port is None else read_round(svg, start, stop, place.get(port, -1))
        if found is not None and found.row >= 0:
            into.append(found)
    return into


def _edits(svg: str, boxes: Boxes, ports: list[float], into: list[Round] | None = None) -> Edits:
    """The edits :func:`end_at_rows` makes to a top-down drawing (or one turned so).

    ``boxes``: the breadcrumb's and the linked groups' frames; ``ports``: the middles of
    the breadcrumb's rows, by their ports (left to right, by the rows its side edges are
    marked with); ``into``: the edges into them (:func:`_into`), if read already.
    """
    trail = boxes[0]
    rows = sorted(ports)  # down the box: the last row faces the tops below
    beside: list[Round] = []
    for kind, classes, start, stop in groups(svg):
        side = row_of(html.unescape(classes), SIDE_CLASS) if kind == "edge" else None
        near = None if side is None else read_round(svg, start, stop, side)
        if near is not None and near.row < len(rows):
            beside.append(near)
    if beside:  # left to right: tips level with their rows, apart, if none cross more
        edits = _spread_sides(beside, trail, rows, True)
        return edits if edits and Crossed(svg, piles=False)(edits, 0) <= 0 else []
    into = _into(svg, ports) if into is None else into
    below = [r for r in into if r.item[1] > trail.bottom]  # from below only
    return _best(svg, below, boxes, rows) if below else []


def _best(svg: str, into: list[Round], boxes: Boxes, rows: list[float]) -> Edits:
    """The edits that redraw the edges into the rows as :func:`end_at_rows` says.

    Only the edges the engine ended off their rows (or ran inside the box) go round, else
    every edge into an upper row, on the side of its top or of where the engine ended it,
    less those whose redrawing crosses (:func:`~.trailcross.pruned`): the one that crosses
    fewest, then the shortest, if no more than the engine's drawing; any, where an edge
    reads as ending at another row (:func:`~.trailastray.astray`: none drops it). Else the
    tips at the box's sides only moved to their rows (or apart).
    """
    trail, last = boxes[0], len(rows) - 1
    upper = [r for r in into if r.row != last]
    foot, side = _at_foot([r for r in into if r.row == last], trail, rows[last])
    upper += side
    level = [r for r in upper if _at_row(r, trail, rows)]
    kept = [r for r in level if not _runs_inside(r, trail) and not astray(r, trail, rows)]
    lost = [r for r in upper if r not in kept]
    must = frozenset(r.d_span for r in [*lost, *foot] if astray(r, trail, rows))
    middle = (trail.left + trail.right) / 2

    def by_tail(r: Round) -> bool:
        return r.item[0] < middle

    def by_tip(r: Round) -> bool:
        return r.tip[0] < middle

    width = _width(svg)
    feet = _spread_foot(foot, trail, foot_level(trail, boxes[1], trail.bottom + APPROACH))
    crossed = Crossed(svg)
    best: Edits = []
    fewest = math.inf if must else 0  # more crossings than the engine's, the best's
    shortest = math.inf  # how long the edges into the rows run, drawn so
    tried: set[tuple[tuple[int, ...], ...]] = set()
    for moved, left in ((lost, by_tail), (lost, by_tip), (upper, by_tail), (upper, by_tip)):
        # An edge kept at a row's side that others go round to goes round with them.
        ends = {(r.row, left(r)) for r in moved}
        moved = moved + [r for r in kept if r not in moved and (r.row, by_tip(r)) in ends]
        stay = [r for r in kept if r not in moved]
        plan = ([r for r in moved if left(r)], [r for r in moved if not left(r)], stay)
        key = tuple(tuple(map(id, part)) for part in plan)
        if key in tried:  # drawn as one tried already: it wins no tie
            continue
        tried.add(key)
        edits = _lanes(plan[0], trail, rows, -1, width) + _lanes(plan[1], trail, rows, 1, width)
        edits += feet + _spread_sides(plan[2], trail, rows)
        if not edits:  # as the engine drew it
            continue
        edits, more = pruned(crossed, edits, crossed(edits), must)
        length = drawn_length(edits, into)
        if more < fewest or (more == fewest and (not best or length < shortest)):
            best, fewest, shortest = edits, more, length
    # Tops in rows of their own, hanging from several rows: nested, if that crosses fewer.
    engine = crossed.before(into)
    if engine + (fewest if best else 0) > 0:  # else none crosses fewer
        nested = nest(into, trail, rows, width, crossed, -engine)
        if nested is not None and nested.more < (fewest if best else 0):
            return nested.edits
    if best:
        return best
    return _only_moved(upper, level, feet, (trail, rows), crossed)


def _only_moved(
    upper: list[Round],
    level: list[Round],
    feet: Edits,
    box: tuple[Box, list[float]],
    crossed: Crossed,
) -> Edits:
    """The edits that only move tips at the box's sides to their rows, or only apart.

    Each of those ways in turn (see :func:`_best`), the first that crosses no more
    edges than the engine's drawing; none, if none does.
    """
    trail, rows = box
    sided = [
        r for r in upper if min(abs(r.tip[0] - trail.left), abs(r.tip[0] - trail.right)) <= NEAR
    ]
    piled = [r for r in sided if any(math.dist(r.tip, o.tip) < TIPS for o in sided if o is not r)]
    for spread in (sided, level, piled):
        edits = feet + _spread_sides(spread, trail, rows, spread is sided)
        if not edits:
            return []
        if crossed(edits, 0) <= 0:
            return edits
    return []


def _spread_sides(kept: list[Round], trail: Box, rows: list[float], alone: bool = False) -> Edits:
    """The edits that move apart the tips of edges that end together at a row's side.

    ``alone``: an edge alone at its row's side is moved to the row's middle too.

    Each runs as drawn until :data:`APPROACH` from its tip, then to its new tip, the last
    :data:`LEVEL` square to the side, :data:`~.trailtips.TIPS` apart along the row: those
    that come in from lower down lower.
    """
    piles: dict[tuple[int, bool], list[Round]] = {}
    for r in kept:
        left = abs(r.tip[0] - trail.left) <= abs(r.tip[0] - trail.right)
        piles.setdefault((r.row, left), []).append(r)
    edits: Edits = []
    for (_, left), pile in sorted(piles.items()):
        if len(pile) < 2 and not alone:
            continue
        cuts = [_cut(r.points, r.tip, APPROACH) for r in pile]

        def steep(i: int, cuts: list[list[Point]] = cuts, pile: list[Round] = pile) -> float:
            (x, y), tip = cuts[i][-1], pile[i].tip
            return math.atan2(y - tip[1], abs(x - tip[0]) or 0.01)

        order = sorted(range(len(pile)), key=lambda i: (steep(i), i))
        x, out = (trail.left, -1.0) if left else (trail.right, 1.0)
        tips = side_tips(pile, rows, trail, (x, out))[::-1]  # from the highest down
        for i, tip in zip(order, tips, strict=True):  # the last run level, square to the side
            if abs(pile[i].tip[1] - tip[1]) > STILL:
                run = [*cuts[i], (x + out * LEVEL, tip[1])]
                edits += redrawn(pile[i], run, tip, (-out, 0.0))
    return edits


def _aimed(r: Round, route: list[Point], tip: Point) -> Edits:
    """The edits that draw an edge along ``route``, then straight to ``tip``."""
    length = math.dist(route[-1], tip) or 1.0
    way = ((tip[0] - route[-1][0]) / length, (tip[1] - route[-1][1]) / length)
    return redrawn(r, route, tip, way)


def _at_row(r: Round, trail: Box, rows: list[float]) -> bool:
    """Whether an edge's tip is on a side of the box, level with its row."""
    x, y = r.tip
    side = min(abs(x - trail.left), abs(x - trail.right)) <= NEAR
    return side and abs(y - rows[r.row]) <= ROW_BAND


def _runs_inside(r: Round, trail: Box) -> bool:
    """Whether an edge runs inside the box before it ends, hard to tell from its outline.

    The engine draws an edge aimed at a row's port so at times, along the box's side.
    """
    inside = Box(trail.left + 2, trail.top + 2, trail.right - 2, trail.bottom - 2)
    return any(
        inside.left < x < inside.right and inside.top < y < inside.bottom
        for x, y in r.points
        if math.dist((x, y), r.tip) > APPROACH
    )


def _width(svg: str) -> float:
    """How wide the drawing is, in its own units (its margin of 4 points each side left out)."""
    found = _VIEWBOX.search(svg)
    return float(found.group(1)) - 8.0 if found else math.inf


def _at_foot(last: list[Round], trail: Box, row: float) -> tuple[list[Round], list[Round]]:
    """The last row's edges that end on the box's foot (or a corner), and those that do not.

    An edge that ends on a side of the box, level with the last row, is kept as drawn; one
    that ends anywhere else but the foot goes round to the side (see :func:`_lanes`).
    """
    foot: list[Round] = []
    side: list[Round] = []
    for r in last:
        x, y = r.tip
        if abs(y - trail.bottom) <= NEAR + CORNER and trail.left - NEAR <= x <= trail.right + NEAR:
            foot.append(r)
        elif min(abs(x - trail.left), abs(x - trail.right)) <= NEAR and abs(y - row) <= ROW_BAND:
            continue
        else:
            side.append(r)
    return foot, side


def _lanes(rounds: list[Round], trail: Box, rows: list[float], way: int, width: float) -> Edits:
    """The edits that draw edges up beside the box, on one side, into their rows' sides.

    ``way``: -1 on the left, 1 on the right. Each edge leaves its curve at a track of its
    own under the box, runs out to a lane of its own and up to its row. Inner lanes
    (nearer the box) take the lower rows, and, into one row, the edges that reach the
    tracks further from the lanes' side; their tracks are the higher, so that no two cross.
    """
    if not rounds:
        return []
    count = len(rounds)
    down, _, at = tracks(rounds, trail)  # each edge's place as it reaches the tracks
    rounds = sorted(rounds, key=lambda r: (-r.row, way * at[id(r)], way * r.item[0]))
    edge = trail.left if way < 0 else trail.right
    room = edge - GAP if way < 0 else width - edge - GAP
    across = LANE if count < 2 else max(2.0, min(LANE, room / count))
    tips = side_tips(rounds, rows, trail, (edge, float(way)))
    edits: Edits = []
    for index, (r, tip) in enumerate(zip(rounds, tips, strict=True)):
        lane = edge + way * (GAP + index * across)
        track = trail.bottom + CLEAR + index * down
        route = to_track(r.points, track)
        route += [(lane, route[-1][1]), (lane, tip[1])]
        edits += redrawn(r, route, tip, (-float(way), 0.0))
    return edits


def _spread_foot(foot: list[Round], trail: Box, levels: tuple[float, float]) -> Edits:
    """The edits that move tips on the box's foot in from its corners and apart.

    Each edge runs as drawn until it rises to ``levels`` (see :func:`_foot_cut`), then
    straight to its new tip: the tips keep the order the edges come in there,
    :data:`~.trailnest.SPREAD` apart at least, and if any moves all are redrawn so,
    their last runs all from one level, so that none crosses another.
    """
    if not foot:
        return []
    cuts = [_foot_cut(r, *levels) for r in foot]
    order = sorted(range(len(foot)), key=lambda i: (cuts[i][-1][0], i))
    tips = spaced([foot[i].tip[0] for i in order], trail.left + CORNER, trail.right - CORNER)
    placed = list(zip(order, tips, strict=True))
    if all(abs(foot[i].tip[0] - x) <= STILL for i, x in placed):  # as the engine ended them
        return []
    edits: Edits = []
    for i, x in placed:  # all redrawn from their cuts, so that none crosses another
        edits += _aimed(foot[i], cuts[i], (x, trail.bottom))
    return edits


def _foot_cut(r: Round, level: float, top: float) -> list[Point]:
    """An edge into the foot, up to where it rises to ``level`` (:func:`~.trailnest.foot_level`).

    Past a linked group's frame (its ``top`` under ``level``): up to that top, then
    straight up. From a top nearer the box: up to its last point :data:`APPROACH` from its tip.
    """
    if r.item[1] <= level:
        return _cut(r.points, r.tip, APPROACH)
    cut = to_track(r.points, top)
    return cut if top <= level else [*cut, (cut[-1][0], level)]


def _cut(points: tuple[Point, ...], tip: Point, reach: float) -> list[Point]:
    """A curve's points from its start to its last point at least ``reach`` from ``tip``."""
    for index in range(len(points) - 1, -1, -1):
        if math.dist(points[index], tip) >= reach:
            return list(points[: index + 1])
    return [points[0]]
