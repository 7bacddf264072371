"""A laid-out drawing read back from its SVG: boxes, tree edges, their crossings and overlaps."""

from __future__ import annotations

import functools
import html
import re
from typing import Final, NamedTuple

__all__ = [
    "Box",
    "Edge",
    "box_of",
    "boxes",
    "all_crossings",
    "crossings",
    "crossings_of",
    "curve",
    "groups",
    "meeting_crossings",
    "misplaced",
    "overlaps",
    "segments_cross",
    "tree_edges",
]

_GROUP: Final = re.compile(r'<g id="[^"]*" class="(node|edge)\b([^"]*)">')
_TITLE: Final = re.compile(r"<title>(.*?)</title>", re.S)
_SHAPE: Final = re.compile(r'<(?:path|polygon|polyline)\b[^>]*?\b(?:d|points)="([^"]*)"')
_ELLIPSE: Final = re.compile(
    r'<ellipse\b[^>]*?cx="([-\d.]+)" cy="([-\d.]+)" rx="([\d.]+)" ry="([\d.]+)"'
)
_PATH: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")

STEPS: Final = 12
"""Points each cubic Bezier segment of an edge is sampled at."""


class Box(NamedTuple):
    """A node's outline as its bounding box, in the drawing's coordinates."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, slack: float = 0.5) -> bool:
        """Whether the two boxes share more than ``slack`` points each way."""
        return (
            min(self.right, other.right) - max(self.left, other.left) > slack
            and min(self.bottom, other.bottom) - max(self.top, other.top) > slack
        )


class Edge(NamedTuple):
    """An edge of the tree: its two ends (node names, ports dropped) and its curve as points."""

    tail: str
    head: str
    points: tuple[tuple[float, float], ...]
    port: str = ""
    """The port of the head the edge ends at (a breadcrumb's row), if any."""


def groups(svg: str) -> list[tuple[str, str, int, int]]:
    """Each node's and edge's group, in order, read at one pass.

    Returns:
        Per group: its kind (``node`` or ``edge``), its other classes, and where its
        contents start and stop in ``svg`` (where the next group starts, or the end).
    """
    heads = [(m.group(1), m.group(2), m.end(), m.start()) for m in _GROUP.finditer(svg)]
    stops = [start for *_, start in heads[1:]] + [len(svg)]
    return [
        (kind, classes, body, stop)
        for (kind, classes, body, _), stop in zip(heads, stops, strict=True)
    ]


def box_of(svg: str, start: int, stop: int) -> Box | None:
    """The box of the node group whose contents lie from ``start`` to ``stop``: its first shape."""
    ellipse = _ELLIPSE.search(svg, start, stop)
    if ellipse is not None:
        cx, cy, rx, ry = (float(v) for v in ellipse.groups())
        return Box(cx - rx, cy - ry, cx + rx, cy + ry)
    shape = _SHAPE.search(svg, start, stop)
    if shape is None:
        return None
    numbers = [float(n) for n in _NUMBER.findall(shape.group(1))]
    xs, ys = numbers[0::2], numbers[1::2]
    return Box(min(xs), min(ys), max(xs), max(ys)) if xs and ys else None


def boxes(svg: str) -> dict[str, Box]:
    """Every drawn node's box (nodes, stubs, trail, references, key), by its name."""
    out: dict[str, Box] = {}
    for kind, _, start, stop in groups(svg):
        if kind != "node":
            continue
        title = _TITLE.search(svg, start, stop)
        box = box_of(svg, start, stop)
        if title is not None and box is not None:
            out[html.unescape(title.group(1))] = box
    return out


def tree_edges(svg: str) -> list[Edge]:
    """The drawn edges of the tree: supports, attacks and undercuts, not cross-links."""
    out: list[Edge] = []
    for kind, classes, start, stop in groups(svg):
        body = svg[start:stop]
        words = html.unescape(classes).split()
        if kind != "edge" or "cross-link" in words:
            continue
        if not {"supports", "attacks", "undercuts"} & set(words):
            continue
        title = _TITLE.search(body)
        path = _PATH.search(body)
        if title is None or path is None:
            continue
        ends = html.unescape(title.group(1)).split("->")
        if len(ends) != 2:
            continue
        tail, head = (end.split(":")[0] for end in ends)
        port = ends[1].split(":")[1] if ":" in ends[1] else ""
        out.append(Edge(tail, head, curve(path.group(1)), port))
    return out


@functools.lru_cache(maxsize=8192)
def curve(d: str) -> tuple[tuple[float, float], ...]:
    """Sample a path of the engine's form ``M x,y C x,y x,y x,y ...`` into points.

    Remembered: a drawing redrawn a few ways is read again, most of its edges unchanged.
    """
    numbers = [float(n) for n in _NUMBER.findall(d)]
    pts = list(zip(numbers[0::2], numbers[1::2], strict=False))
    if len(pts) < 4:
        return tuple(pts)
    out = [pts[0]]
    for i in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[i : i + 4]
        for step in range(1, STEPS + 1):
            t = step / STEPS
            u = 1 - t
            out.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return tuple(out)


def crossings(svg: str) -> int:
    """How many pairs of tree edges cross; edges that share a node are not counted.

    Edges into one parent meet at its box, which is no crossing; two edges between four
    different nodes that cut each other are. Edges that share a node but cross before
    they meet there are counted by :func:`meeting_crossings`.
    """
    return _apart_crossings(tree_edges(svg))


def _apart_crossings(edges: list[Edge]) -> int:
    count = 0
    for i, a in enumerate(edges):
        for b in edges[i + 1 :]:
            if {a.tail, a.head} & {b.tail, b.head}:
                continue
            if _polylines_cross(a.points, b.points):
                count += 1
    return count


def all_crossings(svg: str | list[Edge]) -> int:
    """:func:`crossings` plus :func:`meeting_crossings` (of a drawing, or its tree edges)."""
    edges = tree_edges(svg) if isinstance(svg, str) else svg
    return _apart_crossings(edges) + _meeting(edges)


def crossings_of(edges: list[Edge], among: set[int]) -> int:
    """:func:`all_crossings` over the pairs holding an edge of ``among`` (indices)."""
    count = 0
    for i in sorted(among):
        for j in range(len(edges)):
            if j == i or (j in among and j < i):
                continue
            a, b = (edges[i], edges[j]) if i < j else (edges[j], edges[i])
            if {a.tail, a.head} & {b.tail, b.head}:
                count += _polylines_cross(*_apart(a, b))
            else:
                count += _polylines_cross(a.points, b.points)
    return count


def meeting_crossings(svg: str) -> int:
    """How many pairs of tree edges that meet at a node cross on their way there.

    Siblings' edges into their parent (or a child's edge and its parent's own) end
    together at its box, which is no crossing: the run of each within :data:`MEETING`
    of that node is left out, and a crossing anywhere before counts. A wide row of
    siblings wrapped into rows sends the edges of its lower rows up past the higher
    ones; where they swap sides on the way, the reader cannot tell which is which.
    """
    return _meeting(tree_edges(svg))


def _meeting(edges: list[Edge]) -> int:
    count = 0
    for i, a in enumerate(edges):
        for b in edges[i + 1 :]:
            if {a.tail, a.head} & {b.tail, b.head} and _polylines_cross(*_apart(a, b)):
                count += 1
    return count


MEETING: Final = 12.0
"""How near a node two edges that meet there may run together, in points (an arrowhead)."""


def _apart(
    a: Edge, b: Edge
) -> tuple[tuple[tuple[float, float], ...], tuple[tuple[float, float], ...]]:
    """Two edges' curves, less their runs within :data:`MEETING` of a node they share."""
    out: list[tuple[tuple[float, float], ...]] = []
    for edge, other in ((a, b), (b, a)):
        points = edge.points
        if edge.head in (other.tail, other.head):
            points = _trim(points[::-1])[::-1]
        if edge.tail in (other.tail, other.head):
            points = _trim(points)
        out.append(points)
    return out[0], out[1]


def _trim(points: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    """A curve less its first points within :data:`MEETING` of its start."""
    if not points:
        return points
    x, y = points[0]
    for index, (px, py) in enumerate(points):
        if (px - x) ** 2 + (py - y) ** 2 > MEETING**2:
            return points[index:]
    return ()


def overlaps(svg: str) -> int:
    """How many pairs of drawn boxes overlap."""
    found = list(boxes(svg).values())
    return sum(1 for i, a in enumerate(found) for b in found[i + 1 :] if a.overlaps(b))


Chunk = tuple[float, float, float, float, tuple[tuple[float, float], ...]]
"""A few runs of a polyline in a row: their box (left, right, low, high) and their points."""

CHUNK: Final = 8
"""Runs of a polyline boxed together (see :func:`_polylines_cross`)."""


@functools.lru_cache(maxsize=4096)
def _chunks(points: tuple[tuple[float, float], ...]) -> tuple[Chunk, ...]:
    """A polyline's runs boxed :data:`CHUNK` at a time (an edge is tested against many)."""
    out: list[Chunk] = []
    for start in range(0, len(points) - 1, CHUNK):
        part = points[start : start + CHUNK + 1]
        xs = [p[0] for p in part]
        ys = [p[1] for p in part]
        out.append((min(xs), max(xs), min(ys), max(ys), part))
    return tuple(out)


def _polylines_cross(
    a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]
) -> bool:
    """Whether two polylines cross or touch (as :func:`segments_cross` says of their runs).

    Runs are boxed a few at a time, and only runs in boxes that meet are tested: a
    drawing's check of every pair of its edges tested millions of pairs of runs far apart.
    """
    if len(a) < 2 or len(b) < 2:
        return False
    theirs = _chunks(b)
    for left, right, low, high, part in _chunks(a):
        for b_left, b_right, b_low, b_high, other in theirs:
            if b_right < left or right < b_left or b_high < low or high < b_low:
                continue
            if _runs_cross(part, other):
                return True
    return False


def _runs_cross(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> bool:
    """Whether a run of ``a`` crosses or touches one of ``b`` (their boxes tested first)."""
    for p, q in zip(a, a[1:], strict=False):
        left, right = (p[0], q[0]) if p[0] <= q[0] else (q[0], p[0])
        low, high = (p[1], q[1]) if p[1] <= q[1] else (q[1], p[1])
        for r, t in zip(b, b[1:], strict=False):
            if (
                (r[0] < left and t[0] < left)
                or (r[0] > right and t[0] > right)
                or (r[1] < low and t[1] < low)
                or (r[1] > high and t[1] > high)
            ):
                continue
            if segments_cross(p, q, r, t):
                return True
    return False


def segments_cross(
    p: tuple[float, float], q: tuple[float, float], r: tuple[float, float], s: tuple[float, float]
) -> bool:
    """Whether segment ``pq`` crosses (or touches) segment ``rs``; two runs on one line do not."""

    def side(o: tuple[float, float], u: tuple[float, float], v: tuple[float, float]) -> float:
        return (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0])

    a, b, c, d = side(p, q, r), side(p, q, s), side(r, s, p), side(r, s, q)
    if a == b == 0:  # on one line: overlapping runs are not counted as a crossing
        return False
    return a * b <= 0 and c * d <= 0


DETOUR: Final = 36.0
"""An edge that strays this far (half an inch) sideways beyond both its ends goes round."""


def detours(svg: str, horizontal: bool = False) -> int:
    """Count tree edges that go round other boxes.

    Such a curve strays sideways more than :data:`DETOUR` beyond the span of the two
    boxes it joins. A child's edge to its parent in a tidy row runs straight up, or
    slants within the span of the two; one that loops round a row of boxes to reach its
    parent is hard to follow. ``horizontal``: the drawing runs left to right (sideways
    is up and down).
    """
    found = boxes(svg)
    out = 0
    for edge in tree_edges(svg):
        ends = [found.get(edge.tail), found.get(edge.head)]
        if ends[0] is None or ends[1] is None:
            continue
        if horizontal:
            low = min(box.top for box in ends if box is not None)
            high = max(box.bottom for box in ends if box is not None)
            sideways = [y for _, y in edge.points]
        else:
            low = min(box.left for box in ends if box is not None)
            high = max(box.right for box in ends if box is not None)
            sideways = [x for x, _ in edge.points]
        if min(sideways) < low - DETOUR or max(sideways) > high + DETOUR:
            out += 1
    return out


def misplaced(svg: str, order: dict[str, int], horizontal: bool = False) -> tuple[int, int]:
    """Count children not beneath their parent, and siblings out of file order.

    For a top-to-bottom drawing: a child's box must start below its parent's; siblings,
    taken in file order (``order``: node name -> position), must each sit to the right
    of the one before on its row, or on a lower row. A stub (``stub ID``) is ordered as
    its branch's first node; the tops of a continued page are the children of their
    breadcrumb row. ``horizontal`` (left to right): the same with the axes swapped, a
    child right of its parent, siblings down a column, then in the next column.

    Returns:
        (children not beneath their parent, siblings out of order)
    """
    found = boxes(svg)
    if horizontal:
        found = {name: Box(b.top, b.left, b.bottom, b.right) for name, b in found.items()}
    # A stub stands in its branch's place: it is ordered as the branch's first node.
    for name in [name for name in found if name.startswith("stub ")]:
        found.setdefault(name[5:], found[name])
    children: dict[str, list[str]] = {}
    below = 0
    for edge in tree_edges(svg):
        tail = edge.tail.removeprefix("stub ")
        child, parent = found.get(tail), found.get(edge.head)
        # The tops of a continued page hang from their parent's row of the breadcrumb.
        head = f"{edge.head}:{edge.port}" if edge.head == "trail" else edge.head
        if child is None or parent is None or tail not in order:
            continue
        if edge.head not in order and edge.head != "trail":
            continue
        if child.top < parent.bottom - 0.5:
            below += 1
        children.setdefault(head, []).append(tail)
    unordered = 0
    for kids in children.values():
        kids.sort(key=order.__getitem__)
        for a, b in zip(kids, kids[1:], strict=False):
            first, second = found[a], found[b]
            same_row = second.top < first.bottom and first.top < second.bottom
            if (second.left < first.left) if same_row else (second.top < first.top):
                unordered += 1
    return below, unordered
