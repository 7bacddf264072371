"""A label worksheet's sign boxes kept on their arrows, clear of any text of the drawing."""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from typing import Final

from argmap.exporters.diagram.geometry import Box, boxes, curve, groups
from argmap.exporters.diagram.svgedits import Point, edit, shifted
from argmap.exporters.diagram.textwidth import text_points

__all__ = ["clear_signs", "sign_boxes", "text_extents"]

MARKER: Final = 'class="edge arrow'
"""How a label worksheet's arrow's group begins: the only arrows with a sign box."""

DISTANCE: Final = 26.0
"""Points along its arrow from the box the arrow leaves to a sign box's centre (the
engine's ``labeldistance`` of 2.6, in tens of points)."""

STEP: Final = 2.0
"""Points a sign box is slid along its arrow at a time, looking for a clear spot."""

OFF: Final = 6.0
"""Points a sign box's centre may lie off its arrow's drawn path before it is moved back."""

ROW: Final = 72.0
"""The height of the bands texts are filed under, so a box looks only at the texts near it."""

_POLYGON: Final = re.compile(r'<polygon fill="[^"]*" stroke="[^"]*" points="([^"]+)"/>')
_PATH: Final = re.compile(r'<path fill="none"[^>]*?\bd="([^"]*)"')
_TEXT: Final = re.compile(r"<text\b([^>]*)>([^<]*)</text>")
_X: Final = re.compile(r'\bx="([-\d.]+)" y="([-\d.]+)"')
_SIZE: Final = re.compile(r'font-size="([\d.]+)"')


def text_extents(svg: str) -> list[tuple[Box, int]]:
    """Each drawn (not blank) text's extent, from its baseline, size and anchor; and its offset."""
    out: list[tuple[Box, int]] = []
    for match in _TEXT.finditer(svg):
        attrs, words = match.group(1), html.unescape(match.group(2))
        where, size = _X.search(attrs), _SIZE.search(attrs)
        if not words.strip() or where is None or size is None:
            continue
        x, y, points = float(where.group(1)), float(where.group(2)), float(size.group(1))
        width = text_points(words, points, "B" if 'font-weight="bold"' in attrs else "")
        left = x - width / 2 if 'text-anchor="middle"' in attrs else x
        left = x - width if 'text-anchor="end"' in attrs else left
        box = Box(left, y - 0.8 * points, left + width, y + 0.25 * points)
        out.append((box, match.start()))
    return out


def sign_boxes(svg: str) -> list[tuple[Box, list[Point], tuple[int, int]]]:
    """Each worksheet arrow's sign box: its outline, its arrow's drawn path, and where it is.

    Where: the span of ``svg`` from the box's first shape to its group's end (its shapes
    and its sign's text, which move with it).
    """
    out: list[tuple[Box, list[Point], tuple[int, int]]] = []
    for kind, classes, start, stop in groups(svg):
        if kind != "edge" or "arrow" not in classes.split():
            continue
        path = _PATH.search(svg, start, stop)
        shape = next((m for m in _POLYGON.finditer(svg, start, stop) if _square(m)), None)
        if path is None or shape is None:
            continue
        box = _outline(shape.group(1))
        out.append((box, list(curve(path.group(1))), (shape.start(), stop)))
    return out


def clear_signs(svg: str) -> str:
    """Move each sign box that lies off its arrow or on a text onto its arrow, clear of text.

    The engine puts a box :data:`DISTANCE` from the box its arrow leaves, along the arrow
    as it was before it was cut at a linked group's box: such a box sat inside the group,
    on its caption ("LINKED REASON: co-[+]premises", the flagship's label sheet, p. 2).
    A box to move goes to the first spot along its drawn arrow, from :data:`DISTANCE`
    from the arrow's nearer end, where it meets no text and no node's box; where there is
    none, :data:`DISTANCE` along. Other boxes stay as the engine drew them.
    """
    if MARKER not in svg:
        return svg
    signs = sign_boxes(svg)
    if not signs:
        return svg
    texts = _Texts(text_extents(svg))
    nodes = list(boxes(svg).values())
    edits: list[tuple[tuple[int, int], str]] = []
    for box, path, span in signs:
        own = range(*span)
        if _near(_centre(box), path) <= OFF and not texts.meets(box, own):
            continue
        spot = _spot(box, path, texts, nodes, own)
        if spot is not None:
            edits.append((span, _moved(svg[span[0] : span[1]], spot)))
    return edit(svg, edits)


class _Texts:
    """Texts' extents filed by the bands of :data:`ROW` they cross."""

    def __init__(self, extents: list[tuple[Box, int]]) -> None:
        self.extents = extents
        self.rows: defaultdict[int, list[int]] = defaultdict(list)
        for i, (box, _) in enumerate(extents):
            for row in range(math.floor(box.top / ROW), math.floor(box.bottom / ROW) + 1):
                self.rows[row].append(i)

    def meets(self, box: Box, own: range) -> bool:
        """Whether a text not within ``own`` (the box's sign) meets ``box``."""
        rows = range(math.floor(box.top / ROW), math.floor(box.bottom / ROW) + 1)
        for i in sorted({i for row in rows for i in self.rows.get(row, ())}):
            text, where = self.extents[i]
            if where not in own and text.overlaps(box, 0.0):
                return True
        return False


def _spot(
    box: Box, path: list[Point], texts: _Texts, nodes: list[Box], own: range
) -> Point | None:
    """Where along ``path`` to centre the box (see :func:`clear_signs`); None: no path."""
    centre = _centre(box)
    if len(path) < 2:
        return None
    if math.dist(path[-1], centre) < math.dist(path[0], centre):
        path = path[::-1]  # from the end nearer the box: the box the arrow leaves
    length = sum(math.dist(a, b) for a, b in zip(path, path[1:], strict=False))
    if length <= 0:
        return None
    first = min(DISTANCE, length / 2)
    half_w, half_h = (box.right - box.left) / 2, (box.bottom - box.top) / 2
    along = first
    while along <= max(first, length - DISTANCE):
        x, y = _at(path, along)
        moved = Box(x - half_w, y - half_h, x + half_w, y + half_h)
        if not texts.meets(moved, own) and not any(n.overlaps(moved, 0.0) for n in nodes):
            return x, y
        along += STEP
    return _at(path, first)


def _at(path: list[Point], along: float) -> Point:
    """The point ``along`` points from the path's start (its end, past its length)."""
    for a, b in zip(path, path[1:], strict=False):
        step = math.dist(a, b)
        if step >= along and step > 0:
            t = along / step
            return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
        along -= step
    return path[-1]


def _near(p: Point, path: list[Point]) -> float:
    """How far ``p`` lies from the path (its straight stretches between sampled points)."""
    best = math.inf
    for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
        dx, dy = x1 - x0, y1 - y0
        size = dx * dx + dy * dy
        t = 0.0 if size == 0 else max(0.0, min(1.0, ((p[0] - x0) * dx + (p[1] - y0) * dy) / size))
        best = min(best, math.dist(p, (x0 + t * dx, y0 + t * dy)))
    return best


def _moved(part: str, spot: Point) -> str:
    """A sign box's shapes and text (``part``) moved so the box is centred on ``spot``."""
    first = _POLYGON.search(part)
    assert first is not None
    centre = _centre(_outline(first.group(1)))
    return shifted(part, spot[0] - centre[0], spot[1] - centre[1])


def _outline(points: str) -> Box:
    """The bounding box of a polygon's ``points``."""
    pairs = [tuple(map(float, p.split(","))) for p in points.split()]
    xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _square(match: re.Match[str]) -> bool:
    """Whether a polygon is a sign box's outline: a square of about 20 points."""
    box = _outline(match.group(1))
    return 18 <= box.right - box.left <= 22 and 18 <= box.bottom - box.top <= 22


def _centre(box: Box) -> Point:
    """A box's centre."""
    return (box.left + box.right) / 2, (box.top + box.bottom) / 2
