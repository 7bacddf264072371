"""A drawing read back from its SVG: boxes, tree edges (rows reached), crossings, overlaps."""

from __future__ import annotations

import functools
import html
import re
import threading
from typing import Final, NamedTuple

from argmap.exporters.diagram.edgecross import Curve, Edge, apart_crossings, meeting
from argmap.exporters.diagram.trailname import TRAIL

__all__ = [
    "ROW_CLASS",
    "SIDE_CLASS",
    "Box",
    "Edge",
    "box_of",
    "boxes",
    "all_crossings",
    "crossings",
    "curve",
    "edge_curves",
    "groups",
    "meeting_crossings",
    "misplaced",
    "overlaps",
    "reference_crossings",
    "reference_edges",
    "row_of",
    "through_boxes",
    "tree_edges",
    "tree_paths",
]

_GROUP: Final = re.compile(r'<g id="[^"]*" class="(node|edge)\b([^"]*)">')
_TITLE: Final = re.compile(r"<title>(.*?)</title>", re.S)
_SHAPE: Final = re.compile(r'<(?:path|polygon|polyline)\b[^>]*?\b(?:d|points)="([^"]*)"')
_ELLIPSE: Final = re.compile(
    r'<ellipse\b[^>]*?cx="([-\d.]+)" cy="([-\d.]+)" rx="([\d.]+)" ry="([\d.]+)"'
)
_PATH: Final = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")

SIDE_CLASS: Final = "trail_side_"
"""The class word, followed by the row's index, of an edge that ends at the near side of
the breadcrumb's row (left to right, the breadcrumb in a column of its own)."""

ROW_CLASS: Final = "trail_row_"
"""The class word, followed by the row's index, of an edge that goes round the breadcrumb's
column to one of its rows (left to right, the breadcrumb in its tops' column)."""

_TREE: Final = frozenset({"supports", "attacks", "undercuts", "drawn-from"})
"""The class words of a tree edge: a relation, or a "so" arrow up to a conclusion."""

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


@functools.lru_cache(maxsize=4)
def groups(svg: str) -> tuple[tuple[str, str, int, int], ...]:
    """Each node's and edge's group, in order, read at one pass.

    Remembered for the last few drawings: the post-passes read one drawing's groups
    several times over.

    Returns:
        Per group: its kind (``node`` or ``edge``), its other classes, and where its
        contents start and stop in ``svg`` (where the next group starts, or the end).
    """
    heads = [(m.group(1), m.group(2), m.end(), m.start()) for m in _GROUP.finditer(svg)]
    stops = [start for *_, start in heads[1:]] + [len(svg)]
    return tuple(
        (kind, classes, body, stop)
        for (kind, classes, body, _), stop in zip(heads, stops, strict=True)
    )


def box_of(svg: str, start: int, stop: int) -> Box | None:
    """The box of the node group whose contents lie from ``start`` to ``stop``: its first shape.

    Remembered by the group's text (a box is a function of it alone): the passes over a
    drawing (the borders', arrowheads' and key's) each read its boxes, and most groups
    come out of a pass as they went in. As many are kept as the drawing has groups (each
    caller has read them: :func:`groups` remembers them), 512 at least: kept for 512
    alone, each pass over a drawing of 3,000 nodes read every box afresh.
    """
    text = svg[start:stop]
    with _BOXES_LOCK:  # (the engine's runs' threads make passes too)
        box = _BOXES.pop(text) if text in _BOXES else _read_box(text)
        _BOXES[text] = box  # (the most recent last)
        for _ in range(len(_BOXES) - max(512, len(groups(svg)))):
            del _BOXES[next(iter(_BOXES))]
    return box


_BOXES: dict[str, Box | None] = {}
"""Node groups' boxes by their text, least recently read first (see :func:`box_of`)."""
_BOXES_LOCK: Final = threading.Lock()


def _read_box(text: str) -> Box | None:
    """:func:`box_of` a node group's text, read afresh."""
    ellipse = _ELLIPSE.search(text)
    if ellipse is not None:
        cx, cy, rx, ry = (float(v) for v in ellipse.groups())
        return Box(cx - rx, cy - ry, cx + rx, cy + ry)
    shape = _SHAPE.search(text)
    if shape is None:
        return None
    numbers = list(map(float, _NUMBER.findall(shape.group(1))))
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
    return [edge for edge, _ in tree_paths(svg)]


def tree_paths(svg: str) -> list[tuple[Edge, tuple[int, int]]]:
    """:func:`tree_edges`, each with where its path's ``d`` value lies in ``svg``."""
    out: list[tuple[Edge, tuple[int, int]]] = []
    for kind, classes, start, stop in groups(svg):
        if kind != "edge":
            continue
        classes = html.unescape(classes)
        words = classes.split()
        if "cross-link" in words or not _TREE & set(words):
            continue
        title = _TITLE.search(svg, start, stop)
        path = _PATH.search(svg, start, stop)
        if title is None or path is None:
            continue
        ends = html.unescape(title.group(1)).split("->")
        if len(ends) != 2:
            continue
        tail, head = (end.split(":")[0] for end in ends)
        port = ends[1].split(":")[1] if ":" in ends[1] else ""
        if head == TRAIL and not port.startswith("r"):  # a compass point: its row's class
            row = row_of(classes, SIDE_CLASS)
            row = row_of(classes, ROW_CLASS) if row is None else row
            port = port if row is None else f"r{row}"
        out.append((Edge(tail, head, curve(path.group(1)), port), path.span(1)))
    return out


def edge_curves(svg: str) -> list[Curve]:
    """Every drawn edge's path, sampled (see :func:`curve`): tree edges, cross-links, all."""
    out: list[Curve] = []
    for kind, _, start, stop in groups(svg):
        path = _PATH.search(svg, start, stop) if kind == "edge" else None
        if path is not None:
            out.append(curve(path.group(1)))
    return out


def reference_edges(svg: str, prefix: str = "ref ") -> list[Edge]:
    """The drawn edges of cross-links to nodes on other pages, from reference to source.

    Written so, and drawn back to the reference (see :func:`~.pagerefs.ref_edge`).
    ``prefix`` "from ": those of cross-links from other pages, from reference to target
    (see :mod:`~.pageinrefs`).
    """
    out: list[Edge] = []
    for kind, _, start, stop in groups(svg):
        title = _TITLE.search(svg, start, stop) if kind == "edge" else None
        ends = html.unescape(title.group(1)).split("->") if title is not None else []
        path = _PATH.search(svg, start, stop) if len(ends) == 2 else None
        if path is not None and ends[0].startswith(prefix):
            out.append(Edge(ends[0], ends[1].split(":")[0], curve(path.group(1))))
    return out


def reference_crossings(svg: str) -> int:
    """How many pairs of edges, one of them to or from a reference to another page, cross.

    Counted as :func:`all_crossings` counts tree edges, less the tree edges' own.
    """
    tree = tree_edges(svg)
    references = reference_edges(svg) + reference_edges(svg, "from ")
    return all_crossings(tree + references) - all_crossings(tree) if references else 0


def row_of(classes: str, marker: str = ROW_CLASS) -> int | None:
    """The breadcrumb row an edge's class words mark (with ``marker``, then the row), if any."""
    for word in classes.split():
        if word.startswith(marker) and word[len(marker) :].isdigit():
            return int(word[len(marker) :])
    return None


def _weights() -> tuple[tuple[float, float, float, float], ...]:
    """Each sampled point's weights of a cubic Bezier segment's four points, in order."""
    out = []
    for step in range(1, STEPS + 1):
        t = step / STEPS
        u = 1 - t
        out.append((u**3, 3 * u * u * t, 3 * u * t * t, t**3))
    return tuple(out)


_WEIGHTS: Final = _weights()


@functools.lru_cache(maxsize=8192)
def curve(d: str) -> tuple[tuple[float, float], ...]:
    """Sample a path of the engine's form ``M x,y C x,y x,y x,y ...`` into points.

    Remembered: the passes that redraw edges into a breadcrumb's rows read an edge twice.
    """
    numbers = list(map(float, _NUMBER.findall(d)))
    pts = list(zip(numbers[0::2], numbers[1::2], strict=False))
    if len(pts) < 4:
        return tuple(pts)
    out = [pts[0]]
    for i in range(0, len(pts) - 3, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[i : i + 4]
        out += [
            (a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3)
            for a, b, c, e in _WEIGHTS
        ]
    return tuple(out)


def crossings(svg: str) -> int:
    """How many pairs of tree edges cross; edges that share a node are not counted.

    Edges into one parent meet at its box, which is no crossing; two edges between four
    different nodes that cut each other are. Edges that share a node but cross before
    they meet there are counted by :func:`meeting_crossings`.
    """
    return apart_crossings(tree_edges(svg))


def all_crossings(svg: str | list[Edge]) -> int:
    """:func:`crossings` plus :func:`meeting_crossings` (of a drawing, or its tree edges)."""
    edges = tree_edges(svg) if isinstance(svg, str) else svg
    return apart_crossings(edges) + meeting(edges)


def meeting_crossings(svg: str) -> int:
    """How many pairs of tree edges that meet at a node cross on their way there.

    Siblings' edges into their parent (or a child's edge and its parent's own) end
    together at its box, which is no crossing: the run of each within :data:`~.edgecross.MEETING`
    of that node is left out, and a crossing anywhere before counts. A wide row of
    siblings wrapped into rows sends the edges of its lower rows up past the higher
    ones; where they swap sides on the way, the reader cannot tell which is which.
    """
    return meeting(tree_edges(svg))


def overlaps(svg: str) -> int:
    """How many pairs of drawn boxes overlap."""
    found = list(boxes(svg).values())
    return sum(1 for i, a in enumerate(found) for b in found[i + 1 :] if a.overlaps(b))


INSIDE: Final = 3.0
"""How far inside a box's outline an edge must pass to count as going through it."""


def through_boxes(svg: str) -> int:
    """How many tree edges pass through a box not their ends', :data:`INSIDE` points within.

    Every box counts: nodes, stubs, the breadcrumb, references and the key.
    """
    inside = [
        (name.split(":")[0], b.left + INSIDE, b.top + INSIDE, b.right - INSIDE, b.bottom - INSIDE)
        for name, b in boxes(svg).items()
    ]
    return sum(
        any(
            left < x < right and top < y < bottom
            for name, left, top, right, bottom in inside
            if name not in (edge.tail, edge.head)
            for x, y in edge.points
        )
        for edge in tree_edges(svg)
    )


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


def misplaced(
    svg: str, order: dict[str, int], horizontal: bool = False, backward: bool = False
) -> tuple[int, int]:
    """Count children not beneath their parent, and siblings out of file order.

    For a top-to-bottom drawing: a child's box must start below its parent's; siblings,
    taken in file order (``order``: node name -> position), must each sit to the right
    of the one before on its row, or on a lower row. A stub (``stub ID``) is ordered as
    its branch's first node; the tops of a continued page are the children of their
    breadcrumb row. ``horizontal`` (left to right): the same with the axes swapped, a
    child right of its parent, siblings down a column, then in the next column.
    ``backward``: the drawing runs the other way (bottom to top, right to left), its
    siblings still left to right (top to bottom).

    Returns:
        (children not beneath their parent, siblings out of order)
    """
    found = boxes(svg)
    if horizontal:
        found = {name: Box(b.top, b.left, b.bottom, b.right) for name, b in found.items()}
    if backward:
        found = {name: Box(b.left, -b.bottom, b.right, -b.top) for name, b in found.items()}
    # A stub stands in its branch's place: it is ordered as the branch's first node.
    for name in [name for name in found if name.startswith("stub ")]:
        found.setdefault(name[5:], found[name])
    children: dict[str, list[str]] = {}
    below = 0
    for edge in tree_edges(svg):
        tail = edge.tail.removeprefix("stub ")
        child, parent = found.get(tail), found.get(edge.head)
        # The tops of a continued page hang from their parent's row of the breadcrumb.
        head = f"{edge.head}:{edge.port}" if edge.head == TRAIL else edge.head
        if child is None or parent is None or tail not in order:
            continue
        if edge.head not in order and edge.head != TRAIL:
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
