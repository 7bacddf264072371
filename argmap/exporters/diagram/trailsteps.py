"""The "so" arrows from a breadcrumb's rows down its column, redrawn in lanes with the others."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Final

from argmap.exporters.diagram.geometry import Box, curve
from argmap.exporters.diagram.svgedits import bent_path, number, pair, simplified, turn, unit
from argmap.exporters.diagram.trailround import Round, Step, head_middle, heads_in

__all__ = ["LABEL_GAP", "read_step", "step_redrawn"]

Point = tuple[float, float]

LABEL_GAP: Final = 4.5
"""Points from a "so" arrow's line to its word (clear of its arrowhead, 6.3 wide)."""

WORD: Final = 12.0
"""About how wide the word "so" is, in points (11-point text)."""

STRAIGHT: Final = 2.0
"""How far apart, in points, the ends of a path straight down may lie across."""

_PATH_D: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_TEXT: Final = re.compile(r'<text\b[^>]*?\bx="([-\d.]+)"[^>]*?\by="([-\d.]+)"')


def read_step(
    svg: str, span: tuple[int, int], row: int, around: tuple[Box, Sequence[Box]]
) -> Round | None:
    """A "so" arrow from a row down to a conclusion, read from its group as a lane's edge.

    Its points run from its arrowhead's tip, moved onto the outline of the box nearest
    it (the engine may stop it a few points short: a lane leaves from the outline, as
    another top's edge leaves its top), back to where it leaves the breadcrumb; its
    arrowhead, and its word, are kept in its :class:`Step`. An arrow to an undercut
    step's junction has no arrowhead: it ends at the junction's outline, and one the
    engine drew straight down is left so (None). ``span``: its group's; ``around``: the
    breadcrumb's box and the drawing's other boxes.
    """
    start, stop = span
    trail, boxes = around
    path = _PATH_D.search(svg, start, stop)
    heads = heads_in(svg, start, stop)
    if path is None:
        return None
    points = curve(path.group(1))
    if len(points) < 2:
        return None
    if heads:
        middle = head_middle(heads)
        backward = math.dist(points[0], middle) < math.dist(points[-1], middle)
    else:  # to a junction: from the end at the breadcrumb (the engine may turn an edge)
        if _straight_down(points):
            return None
        backward = _off(trail, points[0]) > _off(trail, points[-1])
        middle = points[0] if backward else points[-1]
    if backward:  # drawn from its arrowhead: turned to run from the breadcrumb
        points = points[::-1]
    text = _TEXT.search(svg, start, stop)
    label = None if text is None else (text.span(1), text.span(2))
    way = unit(points[-1], middle) if heads else unit(points[-2], points[-1])
    step = Step(points[-1], way, heads, label)
    tip = (step.base[0] + step.way[0] * step.reach, step.base[1] + step.way[1] * step.reach)
    if boxes:
        tip = min((_onto(b, tip) for b in boxes), key=lambda p: math.dist(p, tip))
    d_span = (path.start(1), path.end(1))
    return Round(row, (tip, *points[::-1]), (0.0, 0.0), d_span, [], backward, step)


def _off(box: Box, p: Point) -> float:
    """How far a point lies from a box's outline."""
    return math.dist(_onto(box, p), p)


def _straight_down(points: Sequence[Point]) -> bool:
    """Whether a path runs straight up or down (the breadcrumb's foot to a junction below)."""
    xs = [x for x, _ in points]
    return max(xs) - min(xs) <= STRAIGHT


def _onto(box: Box, p: Point) -> Point:
    """The point of a box's outline nearest ``p`` (its sides, the corners as drawn aside)."""
    x, y = min(max(p[0], box.left), box.right), min(max(p[1], box.top), box.bottom)
    sides = [(box.left, y), (box.right, y), (x, box.top), (x, box.bottom)]
    return min(sides, key=lambda q: math.dist(q, p))


def step_redrawn(
    r: Round, way: list[Point], tip: Point, out: float
) -> list[tuple[tuple[int, int], str]]:
    """The SVG edits that draw a "so" arrow from its row's ``tip`` along its lane's ``way``.

    ``way`` runs from the conclusion out to the lane and along it to the row's level
    (see :func:`~.laneways.ways`): the arrow goes the other way, out from the
    breadcrumb's side at ``tip``, and its arrowhead is turned to point in along the
    way's first run, touching the conclusion where the way leaves it. Its word goes by
    its arrowhead (see :func:`_word_at`). ``out``: which way the lanes lie from the
    column (1.0 right).
    """
    step = r.step
    assert step is not None, "a lane's step is read by read_step"
    route = [tip, *way[::-1]]
    end = route[-1]
    into = unit(route[-2], end)
    reach = step.reach
    base = (end[0] - into[0] * reach, end[1] - into[1] * reach)
    points = simplified([*route[:-1], base])
    edits = [(r.d_span, bent_path(points[::-1] if r.backward else points))]
    for span, outline in step.heads:
        turned = [turn(p, step.base, step.way, base, into) for p in outline]
        edits.append((span, " ".join(pair(p) for p in turned)))
    if step.label is not None:
        x, y = _word_at(end, into, out)
        edits += [(step.label[0], number(x)), (step.label[1], number(y))]
    return edits


def _word_at(end: Point, into: Point, out: float) -> Point:
    """Where a "so" arrow's word goes (its middle's x, its baseline's y), by its arrowhead.

    ``end``: the arrowhead's tip; ``into``: the way it points. Above a level arrowhead,
    ending a point short of its tip; beside an upright one, on the lanes' side (``out``).
    """
    if abs(into[0]) >= abs(into[1]):  # level: above it
        return end[0] - into[0] * (WORD / 2 + 1.0), end[1] - LABEL_GAP
    return end[0] + out * (LABEL_GAP + WORD / 2), end[1] - into[1] * 2.0
