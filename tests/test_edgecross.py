"""The post-passes' shortcuts count and cut as the plain ways do: crossings, a batch's drawings."""

from __future__ import annotations

import itertools
import math
import random
import re
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import edgecross, geometry, trailcross, trailrows
from argmap.exporters.diagram.edgecross import Edge
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.svgedits import each_drawing, edit
from argmap.load.validate import validate_data
from argmap.options import RenderOptions

ROOT = Path(__file__).parent.parent

_COORD = st.integers(0, 60).map(float)
_CURVE = st.lists(st.tuples(_COORD, _COORD), min_size=0, max_size=30).map(tuple)
_EDGE = st.builds(Edge, st.sampled_from("abcdef"), st.sampled_from("abcdef"), _CURVE)


def _pair_crosses(a: Edge, b: Edge) -> bool:
    """Whether two edges cross, every run of one against every run of the other."""
    share = {a.tail, a.head} & {b.tail, b.head}
    first, second = (
        (edgecross._trimmed(a, b), edgecross._trimmed(b, a)) if share else (a.points, b.points)
    )
    return len(first) > 1 and len(second) > 1 and edgecross._runs_cross(first, second)


@given(st.lists(_EDGE, max_size=8), st.data())
def test_crossings_of_counts_every_pair_holding_an_edge_among_them(
    edges: list[Edge], data: st.DataObject
) -> None:
    among = data.draw(st.sets(st.integers(0, max(0, len(edges) - 1)), max_size=len(edges)))
    among = {i for i in among if i < len(edges)}
    pairs = [(i, j) for i in range(len(edges)) for j in range(i + 1, len(edges))]
    plain = sum(_pair_crosses(edges[i], edges[j]) for i, j in pairs if {i, j} & among)
    assert edgecross.crossings_of(edges, among) == plain
    assert edgecross.crossings_of(edges, among, edgecross.bounds_of(edges)) == plain
    everything = sum(_pair_crosses(edges[i], edges[j]) for i, j in pairs)
    assert edgecross.apart_crossings(edges) + edgecross.meeting(edges) == everything


@given(st.lists(_EDGE, min_size=1, max_size=8), st.data())
def test_redrawings_counted_through_a_pair_memo_count_as_the_plain_way(
    edges: list[Edge], data: st.DataObject
) -> None:
    """Redrawings of one drawing, in turn, some curves drawn again: the memo's boxes,
    chunks and pairs (kept from the redrawings before) count as a fresh count does."""
    bounds, base = edgecross.bounds_of(edges), edgecross.Chunked(edges)
    memo = edgecross.PairMemo()
    shapes = data.draw(st.lists(_CURVE, min_size=1, max_size=3))  # few: curves come back
    for _ in range(data.draw(st.integers(1, 6))):
        moved = data.draw(st.sets(st.integers(0, len(edges) - 1), min_size=1))
        after = list(edges)
        for index in moved:
            after[index] = after[index]._replace(points=data.draw(st.sampled_from(shapes)))
        now, chunked = memo.redrawn(after, frozenset(moved), bounds, base)
        plain = edgecross.crossings_of(after, set(moved))
        assert edgecross.crossings_of(after, set(moved), now, chunked, memo) == plain


def _walk(seed: int, length: int) -> tuple[tuple[float, float], ...]:
    """A long curve: a random walk, as a redrawn edge's thousand sampled points run."""
    pick = random.Random(seed)
    x, y, out = pick.uniform(0, 100), pick.uniform(0, 100), []
    for _ in range(length):
        x, y = x + pick.uniform(-3, 3), y + pick.uniform(-3, 3)
        out.append((round(x, 2), round(y, 2)))
    return tuple(out)


_LONG = st.builds(
    Edge,
    st.sampled_from("abcd"),
    st.sampled_from("abcd"),
    st.builds(_walk, st.integers(0, 10**6), st.integers(0, 700)),
)


@given(st.lists(_LONG, min_size=2, max_size=6))
def test_long_curves_boxed_in_blocks_cross_as_every_run_against_every_run_says(
    edges: list[Edge],
) -> None:
    """Chunks boxed again in blocks, and meeting edges' trimmed curves kept by identity,
    count as testing every run of one edge against every run of the other does."""
    pairs = [(i, j) for i in range(len(edges)) for j in range(i + 1, len(edges))]
    plain = sum(_pair_crosses(edges[i], edges[j]) for i, j in pairs)
    assert edgecross.apart_crossings(edges) + edgecross.meeting(edges) == plain
    copies = [e._replace(points=tuple((x, y) for x, y in e.points)) for e in edges]  # copies
    assert edgecross.crossings_of(copies, set(range(len(copies)))) == plain
    assert edgecross.crossings_of(edges, set(range(len(edges)))) == plain  # kept: same again


_PART = st.sampled_from(
    ["<svg>a</svg>", '<svg width="1">b\n</svg>', "<svgx>", "</svg>", "<svg", "\n", "x", "<g/>"]
)


@given(st.lists(_PART, max_size=12).map("".join))
def test_a_batch_is_cut_into_its_drawings_as_the_pattern_cuts_it(svg: str) -> None:
    def mark(drawing: str) -> str:
        return f"[{drawing}]"

    pattern = re.compile(r"<svg\b.*?</svg>", re.S)
    expected = pattern.sub(lambda m: mark(m.group(0)), svg) if svg.count("</svg>") > 1 else None
    assert each_drawing(svg, mark) == (expected if expected is not None else mark(svg))


_HEAD = re.compile(r'<polygon\b[^>]*?\bpoints="([^"]*)"')
_NUMBERS = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


def _to_tips(svg: str) -> tuple[list[Edge], list[tuple[float, float]]]:
    """The drawing's tree edges, those into a breadcrumb's rows drawn on to their heads'
    tips (the head's point furthest from the path's nearer end) and named for their row,
    and those tips: read here apart from the counter under test."""
    edges: list[Edge] = []
    tips: list[tuple[float, float]] = []
    for edge, (_, stop) in geometry.tree_paths(svg):
        if edge.head != TRAIL or not edge.port.startswith("r"):
            edges.append(edge)
            continue
        head = _HEAD.search(svg, stop, svg.find("</g>", stop))
        assert head is not None
        outline = [(float(x), float(y)) for x, y in _NUMBERS.findall(head.group(1))]
        first, last = edge.points[0], edge.points[-1]
        near_last = min(math.dist(last, p) for p in outline) <= min(
            math.dist(first, p) for p in outline
        )
        end = last if near_last else first
        tip = max(outline, key=lambda p: math.dist(end, p))
        points = (*edge.points, tip) if near_last else (tip, *edge.points)
        edges.append(edge._replace(head=f"{TRAIL}:{edge.port}", points=points))
        tips.append(tip)
    return edges, tips


def _whole(svg: str) -> tuple[int, int, int]:
    """A drawing's crossing lines, crossings to the tips, and piled arrowheads, all counted."""
    edges, tips = _to_tips(svg)
    crossing = edgecross.apart_crossings(edges) + edgecross.meeting(edges)
    piles = sum(1 for i, a in enumerate(tips) for b in tips[i + 1 :] if math.dist(a, b) < 4.5)
    return geometry.all_crossings(svg), crossing, piles


def test_a_redrawing_is_counted_as_the_redrawn_drawing_would_be() -> None:
    """Each redrawing end_at_rows weighs: its extra crossings (lines, and edges to their
    arrowheads' tips) and piled arrowheads, as the whole drawing counts them."""
    counted: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    plain = trailrows.Crossed

    class Checked(trailcross.Crossed):
        def __call__(self, edits: trailrows.Edits, limit: int | None = None) -> int:
            parts = self.parts(edits)
            before, after = _whole(self.svg), _whole(edit(self.svg, edits))
            piles = after[2] - before[2] if self.piles else 0
            counted.append((tuple(parts), (after[0] - before[0], after[1] - before[1], piles)))
            exact = sum(parts)
            for cap in {exact - 2, exact - 1, exact, 0, -1, limit}:  # exact up to the cap
                capped = super().__call__(edits, cap)
                assert capped == exact if cap is None or exact <= cap else cap < capped <= exact
            return exact

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_render import generate

    m = validate_data(generate(400))
    trailrows.Crossed = Checked  # type: ignore[misc]
    try:
        for direction in ("TB", "BT"):
            counted.clear()
            options = RenderOptions(direction=direction)
            lay_out(m, analyze(m), options, "a4", find_engine("auto"))
            assert counted, f"no redrawing was weighed ({direction})"
            assert [more for more, _ in counted] == [whole for _, whole in counted]
    finally:
        trailrows.Crossed = plain  # type: ignore[misc]


def _off(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far point ``p`` lies from segment ``ab``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    along = (p[0] - a[0]) * dx + (p[1] - a[1]) * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, along / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


@given(
    st.builds(_walk, st.integers(0, 10**6), st.integers(0, 300)),
    st.sampled_from([0.05, 0.2, 2.0]),
)
def test_a_simplified_route_keeps_its_ends_and_passes_near_every_point(
    points: tuple[tuple[float, float], ...], tolerance: float
) -> None:
    """A route redrawn along the engine's sampled curve is drawn through the fewest of
    its points: its first and last kept, the rest in order, every point dropped within
    the tolerance of the piece that passes it; a straight run keeps only its ends."""
    from argmap.exporters.diagram.svgedits import simplified

    kept = simplified(points, tolerance)
    if len(points) < 3:
        assert kept == list(points)
        return
    assert kept[0] == points[0] and kept[-1] == points[-1]
    at: list[int] = []  # a subsequence, in order
    for index, point in enumerate(points):
        if len(at) < len(kept) and point == kept[len(at)]:
            at.append(index)
    assert len(at) == len(kept)
    for (i, a), (j, b) in itertools.pairwise(zip(at, kept, strict=True)):
        assert all(_off(points[k], a, b) <= tolerance + 1e-9 for k in range(i + 1, j))
    line = [(float(x), 2.0 * x + 1) for x in range(50)]
    assert simplified(line, tolerance) == [line[0], line[-1]]
