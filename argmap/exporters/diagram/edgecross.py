"""Whether tree edges' curves cross: counted over a drawing's pairs, bounds tested first."""

from __future__ import annotations

from typing import Final, NamedTuple

__all__ = [
    "MEETING",
    "Bounds",
    "Chunked",
    "Edge",
    "PairMemo",
    "apart_crossings",
    "bounds_of",
    "crossings_of",
    "meeting",
    "segments_cross",
]

Curve = tuple[tuple[float, float], ...]

Bounds = tuple[float, float, float, float] | None
"""A curve's box (left, right, low, high), or None for one too short to cross anything."""


class Edge(NamedTuple):
    """An edge of the tree: its two ends (node names, ports dropped) and its curve as points."""

    tail: str
    head: str
    points: Curve
    port: str = ""
    """The port of the head the edge ends at (a breadcrumb's row), if any."""


MEETING: Final = 12.0
"""How near a node two edges that meet there may run together, in points (an arrowhead)."""

CHUNK: Final = 8
"""Runs of a polyline boxed together (see :func:`_chunks_cross`)."""

Chunk = tuple[float, float, float, float, Curve]
"""A few runs of a polyline in a row: their box (left, right, low, high) and their points."""

BLOCK: Final = 8
"""Chunks of a polyline boxed together again (a redrawn edge can run to a thousand points)."""

Block = tuple[float, float, float, float, tuple[Chunk, ...]]
"""A few chunks of a polyline in a row: their box and the chunks."""


def bounds_of(edges: list[Edge]) -> list[Bounds]:
    """Each edge's box, in order: two edges whose boxes do not meet cannot cross.

    Curves shortened where they meet (see :func:`_trimmed`) keep within the same box.
    """
    out: list[Bounds] = []
    for edge in edges:
        if len(edge.points) < 2:
            out.append(None)
            continue
        xs, ys = zip(*edge.points, strict=True)
        out.append((min(xs), max(xs), min(ys), max(ys)))
    return out


def _apart_boxes(a: Bounds, b: Bounds) -> bool:
    """Whether two boxes do not meet (as :func:`_chunks_cross` tests its chunks' boxes)."""
    if a is None or b is None:
        return True
    return b[1] < a[0] or a[1] < b[0] or b[3] < a[2] or a[3] < b[2]


def _share(a: Edge, b: Edge) -> bool:
    """Whether two edges share a node."""
    return a.tail in (b.tail, b.head) or a.head in (b.tail, b.head)


def apart_crossings(edges: list[Edge]) -> int:
    """How many pairs of edges that share no node cross."""
    found = bounds_of(edges)
    chunked = Chunked(edges)
    count = 0
    for i, a in enumerate(edges):
        for j in range(i + 1, len(edges)):
            if _apart_boxes(found[i], found[j]) or _share(a, edges[j]):
                continue
            count += _chunks_cross(chunked(i), chunked(j), found[j], found[i])
    return count


def meeting(edges: list[Edge]) -> int:
    """How many pairs of edges that share a node cross before they meet there."""
    found = bounds_of(edges)
    count = 0
    for i, a in enumerate(edges):
        for j in range(i + 1, len(edges)):
            b = edges[j]
            if _apart_boxes(found[i], found[j]) or not _share(a, b):
                continue
            if _meeting_cross(a, b):
                count += 1
    return count


def crossings_of(
    edges: list[Edge],
    among: set[int],
    bounds: list[Bounds] | None = None,
    chunked: Chunked | None = None,
    memo: PairMemo | None = None,
    stop: int | None = None,
) -> int:
    """How many pairs holding an edge of ``among`` (indices) cross, apart or meeting.

    ``bounds``: the edges' boxes (:func:`bounds_of`), if known; ``chunked``: their
    chunks, if kept (a :class:`Chunked` of these very edges); ``memo``: the pairs
    tested before, the edges of ``among`` as :meth:`PairMemo.redrawn` named them;
    ``stop``: counting stops as soon as the count passes it (the count so far is
    returned: over ``stop``, not over the full count).
    """
    found = bounds_of(edges) if bounds is None else bounds
    chunked = Chunked(edges) if chunked is None else chunked
    count = 0
    shapes = {} if memo is None else memo.now
    for i in sorted(among):
        for j in range(len(edges)):
            if j == i or (j in among and j < i) or _apart_boxes(found[i], found[j]):
                continue
            low, high = (i, j) if i < j else (j, i)
            if memo is None:
                count += _pair_crosses(edges, (low, high), found, chunked)
                continue
            key = (low, shapes.get(low, -1), high, shapes.get(high, -1))
            crossed = memo.done.get(key)
            if crossed is None:
                crossed = memo.done[key] = _pair_crosses(edges, (low, high), found, chunked)
            count += crossed
            if stop is not None and count > stop:
                return count
    return count


def _pair_crosses(
    edges: list[Edge], pair: tuple[int, int], found: list[Bounds], chunked: Chunked
) -> int:
    """1 if the ``pair`` of edges cross (before they meet, if they share a node), else 0.

    ``found``: the edges' boxes.
    """
    low, high = pair
    a, b = edges[low], edges[high]
    if _share(a, b):
        return int(_meeting_cross(a, b))
    return int(_chunks_cross(chunked(low), chunked(high), found[high], found[low]))


class Chunked:
    """Each edge's chunks (:func:`_chunk`), worked out once, when first asked for.

    ``base``: another drawing's, whose edges are these but the ``fresh`` ones (indices):
    its chunks are taken for the rest. ``memo``: where the fresh ones' chunks are kept,
    by shape, from one redrawing to the next.
    """

    def __init__(
        self,
        edges: list[Edge],
        base: Chunked | None = None,
        fresh: frozenset[int] = frozenset(),
        memo: PairMemo | None = None,
    ) -> None:
        self.edges = edges
        self.base = base
        self.fresh = fresh
        self.memo = memo
        self.done: dict[int, tuple[Block, ...]] = {}

    def __call__(self, index: int) -> tuple[Block, ...]:
        """The chunks of edge ``index``."""
        if self.base is not None and index not in self.fresh:
            return self.base(index)
        kept = self.done if self.memo is None else self.memo.chunks
        key = index if self.memo is None else self.memo.now[index]
        found = kept.get(key)
        if found is None:
            found = kept[key] = _chunk(self.edges[index].points)
        return found


class PairMemo:
    """Redrawn edges' boxes and chunks, and pairs tested for crossing, each worked out once.

    For many redrawings of one drawing: the edges at each index but the redrawn ones are
    the same throughout. An edge as the engine drew it is shape -1; each other curve an
    index is given gets a number of its own the first time it is seen. Curves are told
    apart by identity (each kept, so no id comes back): a caller that hands the same
    redrawn curve over again as the same object (as :class:`~.trailcross.Crossed` does)
    has its tests remembered; an equal copy is only tested again.
    """

    def __init__(self) -> None:
        self.shapes: dict[tuple[int, int], int] = {}  # by index and the curve's id
        self.curves: list[Curve] = []  # each shape's curve, kept: no id is used again
        self.boxes: list[Bounds] = []
        self.chunks: dict[int, tuple[Block, ...]] = {}
        self.done: dict[tuple[int, int, int, int], int] = {}
        self.now: dict[int, int] = {}
        """The redrawn edges of the redrawing being counted: their shapes, by index."""

    def redrawn(
        self, edges: list[Edge], moved: frozenset[int], bounds: list[Bounds], base: Chunked
    ) -> tuple[list[Bounds], Chunked]:
        """Count ``edges`` next, ``moved`` (indices) redrawn: their boxes and chunks.

        ``bounds`` and ``base``: the engine's drawing's.
        """
        self.now = {}
        now = list(bounds)
        for index in moved:
            points = edges[index].points
            shape = self.shapes.get((index, id(points)))
            if shape is None:
                shape = self.shapes[(index, id(points))] = len(self.boxes)
                self.curves.append(points)
                self.boxes.append(bounds_of([edges[index]])[0])
            self.now[index] = shape
            now[index] = self.boxes[shape]
        return now, Chunked(edges, base, moved, self)


def _trimmed(edge: Edge, other: Edge) -> Curve:
    """An edge's curve, less its runs within :data:`MEETING` of a node it shares with ``other``."""
    points = edge.points
    if edge.head in (other.tail, other.head):
        points = _trim(points[::-1])[::-1]
    if edge.tail in (other.tail, other.head):
        points = _trim(points)
    return points


def _meeting_cross(a: Edge, b: Edge) -> bool:
    """Whether two edges that share a node cross before they meet there."""
    return _chunks_cross(_trimmed_chunks(a, b), _trimmed_chunks(b, a), None)


TRIMMED_KEPT: Final = 4096
"""Trimmed curves' chunks kept (see :func:`_trimmed_chunks`) before all are let go."""

_TRIMMED: dict[tuple[int, bool, bool], tuple[Curve, tuple[Block, ...]]] = {}


def _trimmed_chunks(edge: Edge, other: Edge) -> tuple[Block, ...]:
    """The chunks of :func:`_trimmed`'s curve, kept by the curve's identity.

    An edge is tested against every edge it meets, and a redrawn one (a thousand points)
    again in each redrawing counted: hashing the curve to look it up cost more than the tests.
    The curve is kept with its chunks, so its id is not used again while they are.
    """
    points = edge.points
    head, tail = edge.head in (other.tail, other.head), edge.tail in (other.tail, other.head)
    key = (id(points), head, tail)
    kept = _TRIMMED.get(key)
    if kept is not None and kept[0] is points:
        return kept[1]
    chunks = _chunk(_trimmed(edge, other))
    if len(_TRIMMED) >= TRIMMED_KEPT:
        _TRIMMED.clear()
    _TRIMMED[key] = (points, chunks)
    return chunks


def _trim(points: Curve) -> Curve:
    """A curve less its first points within :data:`MEETING` of its start."""
    if not points:
        return points
    x, y = points[0]
    for index, (px, py) in enumerate(points):
        if (px - x) ** 2 + (py - y) ** 2 > MEETING**2:
            return points[index:]
    return ()


def _chunk(points: Curve) -> tuple[Block, ...]:
    """A polyline's runs boxed :data:`CHUNK` at a time, the chunks :data:`BLOCK` at a time.

    An edge is tested against many; most of a long one's chunks lie far from the other.
    """
    chunks: list[Chunk] = []
    for start in range(0, len(points) - 1, CHUNK):
        part = points[start : start + CHUNK + 1]
        xs, ys = zip(*part, strict=True)
        chunks.append((min(xs), max(xs), min(ys), max(ys), part))
    out: list[Block] = []
    for start in range(0, len(chunks), BLOCK):
        some = tuple(chunks[start : start + BLOCK])
        out.append(
            (
                min(c[0] for c in some),
                max(c[1] for c in some),
                min(c[2] for c in some),
                max(c[3] for c in some),
                some,
            )
        )
    return tuple(out)


def _chunks_cross(
    mine: tuple[Block, ...], theirs: tuple[Block, ...], box: Bounds, own: Bounds = None
) -> bool:
    """Whether two chunked polylines cross; ``box``: the second's, ``own``: the first's, if known.

    A block or chunk of either outside the other's box meets none of its chunks.
    """
    if own is not None:
        left, right, low, high = own
        theirs = tuple(
            b for b in theirs if not (b[1] < left or right < b[0] or b[3] < low or high < b[2])
        )
    for left, right, low, high, chunks in mine:
        if box is not None and (box[1] < left or right < box[0] or box[3] < low or high < box[2]):
            continue
        for b_left, b_right, b_low, b_high, others in theirs:
            if b_right < left or right < b_left or b_high < low or high < b_low:
                continue
            if _blocks_cross(chunks, (b_left, b_right, b_low, b_high, others)):
                return True
    return False


def _blocks_cross(chunks: tuple[Chunk, ...], block: Block) -> bool:
    """Whether a run of ``chunks`` crosses one of ``block``'s (whose boxes meet theirs)."""
    b_left, b_right, b_low, b_high, others = block
    for left, right, low, high, part in chunks:
        if b_right < left or right < b_left or b_high < low or high < b_low:
            continue
        for c_left, c_right, c_low, c_high, other in others:
            if c_right < left or right < c_left or c_high < low or high < c_low:
                continue
            if _runs_cross(part, other):
                return True
    return False


def _runs_cross(a: Curve, b: Curve) -> bool:
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
