"""Other ways for an edge drawn along a box's border: runs moved off, corners pushed, shortcuts."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Final

from argmap.exporters.diagram.borderruns import (
    ALONG,
    END,
    RUN,
    Outline,
    border_distance,
    clipped,
    inside,
    near_border,
    runs_along,
)
from argmap.exporters.diagram.geometry import Box
from argmap.exporters.diagram.svgedits import between

__all__ = ["CLEAR", "enters", "ways"]

Point = tuple[float, float]

CLEAR: Final = 12.0
"""Points between a border and the stretch of an edge moved off it."""

NEAR: Final = ALONG + 1.0
"""A straight stretch of an edge this near a box's side, along it, is moved off it."""

CORNER: Final = 8.0
"""Points kept clear of a box's corners where an edge's start slides along its border."""


def ways(
    corners: list[Point], others: Sequence[Outline], boxes: Sequence[Outline]
) -> Iterator[list[Point]]:
    """Other ways for an edge, each once: shortcuts, runs moved, corners pushed, start slid.

    Its runs along the sides of ``others`` (the boxes it does not end at) are moved off
    them, its corners pushed off them.
    """
    seen: list[list[Point]] = [corners]
    shortcut = _shortcut(corners, boxes)  # (the same at either clearance)
    for clear in (CLEAR, CLEAR * 0.75):
        for way in _tries(corners, (others, clear), shortcut):
            for each in (way, _slid(way, boxes)):
                if each not in seen:
                    seen.append(each)
                    yield each


def _tries(
    corners: list[Point], off: tuple[Sequence[Outline], float], shortcut: list[Point]
) -> Iterator[list[Point]]:
    """The ways :func:`ways` tries at one clearance from ``off``'s boxes, each made when asked.

    The shortcut, the runs moved, their corners pushed, the runs projected, their corners
    pushed: the first that serves ends the search, and the rest are not made.
    """
    others, clear = off
    yield shortcut
    moved = _moved(corners, others, clear)
    yield moved
    yield _pushed(moved, others, clear)
    projected = _projected(corners, others, clear)
    yield projected
    yield _pushed(projected, others, clear)


def _projected(corners: list[Point], boxes: Sequence[Outline], clear: float) -> list[Point]:
    """The corners with each run of inner ones along a box's side put ``clear`` off it.

    In line, and on past the box's corners where the edge goes on that way.
    """
    out = list(corners)
    for outline in boxes:
        box = outline.box
        for axis, line, way in _sides(box):
            other = 1 - axis
            span = (box.top, box.bottom) if axis == 0 else (box.left, box.right)
            group = [
                i
                for i in range(1, len(out) - 1)
                if abs(out[i][axis] - line) <= NEAR
                and span[0] - NEAR <= out[i][other] <= span[1] + NEAR
            ]
            if len(group) < 2 or group[-1] - group[0] != len(group) - 1:
                continue
            if abs(out[group[-1]][other] - out[group[0]][other]) < RUN:
                continue
            outside = 2 * sum((out[i][axis] - line) * way >= 0 for i in group) >= len(group)
            if not outside and not outline.cluster:
                continue
            target = line + (way if outside else -way) * clear
            for i in group:
                out[i] = (target, out[i][1]) if axis == 0 else (out[i][0], target)
            first, last = group[0], group[-1]
            out[first] = _past(out[first], out[first - 1], span, other, clear)
            out[last] = _past(out[last], out[last + 1], span, other, clear)
    return out


def _sides(box: Box) -> list[tuple[int, float, float]]:
    """A box's sides: the axis across each, its line there, and which way is out."""
    return [(0, box.left, -1.0), (0, box.right, 1.0), (1, box.top, -1.0), (1, box.bottom, 1.0)]


def _pushed(corners: list[Point], boxes: Sequence[Outline], clear: float) -> list[Point]:
    """The corners with each inner one whose runs go along a box's side pushed off its line.

    ``clear`` points off it: out of the box, or into a linked group's.
    """
    out = list(corners)
    for i in range(1, len(out) - 1):
        runs = [(out[i - 1], out[i]), (out[i], out[i + 1])]
        xs, ys = [p[0] for p in out[i - 1 : i + 2]], [p[1] for p in out[i - 1 : i + 2]]
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
        for outline in boxes:
            box = outline.box
            if (
                right < box.left - ALONG
                or left > box.right + ALONG
                or bottom < box.top - ALONG
                or top > box.bottom + ALONG
            ):
                continue  # both runs beside its band (as near_border tests): along none of it
            near = [
                between(a, b, t)
                for a, b in runs
                if runs_along((a, b), box)
                for start, stop in near_border(a, b, box)
                for t in (start, (start + stop) / 2, stop)
            ]
            if near:
                out[i] = _off_line(out[i], near, outline, clear)
                break
    return out


def _off_line(corner: Point, near: list[Point], outline: Outline, clear: float) -> Point:
    """``corner`` moved off the line of the box's side the ``near`` points keep along."""
    box = outline.box
    axis, line, out = min(_sides(box), key=lambda s: sum(abs(p[s[0]] - s[1]) for p in near))
    inside = (corner[axis] - line) * out < 0 and outline.cluster
    target = line + (-out if inside else out) * clear
    at = corner[axis]
    moved = max(at, target) if (out > 0) != inside else min(at, target)
    return (moved, corner[1]) if axis == 0 else (corner[0], moved)


def _shortcut(corners: list[Point], boxes: Sequence[Outline]) -> list[Point]:
    """The corners with each one left out whose neighbours see each other past every box.

    The arrowhead, if any, turns to point along the new last run (see :func:`_aimed`).
    """
    out = list(corners)
    index = 1
    while index < len(out) - 1:
        trial = out[:index] + out[index + 1 :]
        if not enters(trial[index - 1 : index + 1], boxes, corners):
            out = trial
        else:
            index += 1
    return out


def _moved(corners: list[Point], boxes: Sequence[Outline], clear: float) -> list[Point]:
    """The corners with each inner straight run along a box's side moved ``clear`` off it.

    And on past the box's corners where the runs before and after go on that way.
    """
    out = list(corners)
    for i in range(1, len(out) - 2):
        for outline in boxes:
            found = _off_side(out[i], out[i + 1], outline, clear)
            if found is None:
                continue
            (dx, dy), along = found
            a, b = (out[i][0] + dx, out[i][1] + dy), (out[i + 1][0] + dx, out[i + 1][1] + dy)
            span = (outline.box.left, outline.box.right)
            span = (outline.box.top, outline.box.bottom) if along else span
            out[i] = _past(a, out[i - 1], span, along, clear)
            out[i + 1] = _past(b, out[i + 2], span, along, clear)
            break
    return out


def _past(p: Point, then: Point, span: tuple[float, float], along: int, clear: float) -> Point:
    """A run's end ``p`` moved on along the run to ``clear`` past the box's ``span``.

    Only where the corner it turns to (``then``) lies that far beyond it.
    """
    low, high = span[0] - clear, span[1] + clear
    at = p[along]
    if at < (span[0] + span[1]) / 2 and low < at and then[along] < low:
        at = low
    elif at > (span[0] + span[1]) / 2 and at < high and then[along] > high:
        at = high
    return (p[0], at) if along else (at, p[1])


def _off_side(a: Point, b: Point, outline: Outline, clear: float) -> tuple[Point, int] | None:
    """How far to move run ``ab`` to be ``clear`` off the side of the box it runs along.

    With the axis it runs along (1: up or down, along a left or right side; 0: across).
    """
    box = outline.box
    for axis in (0, 1):  # the axis it moves along
        other = 1 - axis
        if abs(b[axis] - a[axis]) > 0.2 * abs(b[other] - a[other]):
            continue
        low, high = sorted((a[other], b[other]))
        span = (box.top, box.bottom) if axis == 0 else (box.left, box.right)
        if min(high, span[1]) - max(low, span[0]) < END * 5:
            continue
        at = (a[axis] + b[axis]) / 2
        sides = (box.left, box.right) if axis == 0 else (box.top, box.bottom)
        for side, out in ((sides[0], -1.0), (sides[1], 1.0)):
            if abs(at - side) > NEAR:
                continue
            inside = (at - side) * out < 0
            if inside and not outline.cluster:
                return None
            target = side + (-out if inside else out) * clear
            return ((target - at, 0.0) if axis == 0 else (0.0, target - at)), other
    return None


def _slid(corners: list[Point], boxes: Sequence[Outline]) -> list[Point]:
    """The corners with the first slid along its box's border to the point nearest the next."""
    start, after = corners[0], corners[1]
    x, y = start
    own = [
        o.box
        for o in boxes
        if o.box.left - 2 <= x <= o.box.right + 2  # (further off: more than 1 from it)
        and o.box.top - 2 <= y <= o.box.bottom + 2
        and border_distance(start, o.box) <= 1.0
    ]
    if not own or len(corners) < 3:
        return corners
    box = own[0]
    left, right = box.left + CORNER, box.right - CORNER
    top, bottom = box.top + CORNER, box.bottom - CORNER
    if left > right or top > bottom:
        return corners
    x, y = min(max(after[0], left), right), min(max(after[1], top), bottom)
    sides = [(box.left, y), (box.right, y), (x, box.top), (x, box.bottom)]
    return [min(sides, key=lambda p: math.dist(p, after)), *corners[1:]]


def enters(run: list[Point], boxes: Sequence[Outline], corners: list[Point]) -> bool:
    """Whether the straight run passes through a box the engine's way (``corners``) kept out of.

    A node's box other than those at the edge's ends, or a linked group's the engine's way
    did not go into (it runs round a group it has no member of).
    """
    for outline in boxes:
        box = outline.box
        core = Box(box.left + 1, box.top + 1, box.right - 1, box.bottom - 1)
        if clipped(run[0], run[1], core) is None:
            continue
        if outline.cluster:
            if not any(
                clipped(a, b, core) is not None for a, b in zip(corners, corners[1:], strict=False)
            ):
                return True
            continue
        if inside(corners[0], box) or inside(corners[-1], box):
            continue
        if border_distance(corners[0], box) > END and border_distance(corners[-1], box) > END:
            return True
    return False
