"""Lanes round a breadcrumb's column: tips spread in nesting order, ways past boxes, mirrored."""

from __future__ import annotations

import itertools
import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.exporters.diagram.geometry import Box
from argmap.exporters.diagram.laneways import GAP, LANE, clear, over_boxes, past, ways
from argmap.exporters.diagram.traillanes import Round, _from_above, _inner_first
from argmap.exporters.diagram.trailtips import ROW_SPAN, TIPS, spread_tips

Point = tuple[float, float]

TRAIL = Box(0.0, 0.0, 100.0, 45.0)
"""A breadcrumb of three rows, its tops' edges ending at its right side."""
ROWS = [7.5, 22.5, 37.5]

_rows = st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=1, max_size=6)
_coord = st.integers(-300, 300).map(float)


def _by_lane_order(order: list[int], rows: list[float]) -> list[float]:
    """Tips of edges that all come up from below: in one row, the outer lanes' higher."""
    many = {row: order.count(row) for row in order}
    seen: dict[int, int] = {}
    out = []
    for row in order:
        index = seen[row] = seen.get(row, -1) + 1
        step = min(TIPS, ROW_SPAN / (many[row] - 1)) if many[row] > 1 else 0.0
        out.append(rows[row] + ((many[row] - 1) / 2 - index) * step)
    return out


@settings(max_examples=300)
@given(_rows, st.data())
def test_tips_from_below_are_spread_the_outer_lanes_higher(
    rows: list[float], data: st.DataObject
) -> None:
    order = data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=12))
    assert spread_tips(order, rows) == _by_lane_order(order, rows)
    assert spread_tips(order, rows, [False] * len(order)) == _by_lane_order(order, rows)


@settings(max_examples=300)
@given(_rows, st.data())
def test_tips_from_above_end_over_those_from_below(rows: list[float], data: st.DataObject) -> None:
    """In one row: the lanes that come down first, the inner higher; then those that
    come up, the outer higher; spread about the row's middle, within its span."""
    order = data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=12))
    above = data.draw(st.lists(st.booleans(), min_size=len(order), max_size=len(order)))
    tips = spread_tips(order, rows, above)
    for row in set(order):
        mine = [i for i, r in enumerate(order) if r == row]
        ys = [tips[i] for i in mine]
        assert len(set(ys)) == len(ys)
        assert max(ys) - min(ys) <= ROW_SPAN + 1e-9
        assert math.isclose((max(ys) + min(ys)) / 2, rows[row], abs_tol=1e-6)
        downs = [tips[i] for i in mine if above[i]]
        ups = [tips[i] for i in mine if not above[i]]
        assert downs == sorted(downs)
        assert ups == sorted(ups, reverse=True)
        assert not (downs and ups) or max(downs) < min(ups)


@st.composite
def _boxes(draw: st.DrawFn) -> Box:
    left, top = draw(_coord), draw(_coord)
    return Box(left, top, left + draw(st.integers(1, 200)), top + draw(st.integers(1, 80)))


def _mirrored(box: Box) -> Box:
    return Box(-box.right, box.top, -box.left, box.bottom)


@settings(max_examples=300)
@given(_coord, st.sampled_from([1.0, -1.0]), st.integers(0, 5), st.lists(_boxes(), max_size=10))
def test_lanes_start_past_every_box_in_their_band(
    side: float, out: float, lanes: int, boxes: list[Box]
) -> None:
    width = LANE * lanes
    start = past(side, out, width, boxes)
    assert out * start >= out * side
    low, high = sorted((start, start + out * (GAP + width)))
    for box in boxes:
        outer = box.right if out > 0 else box.left
        assert not (box.left < high and box.right > low and out * outer > out * start)
    assert past(-side, -out, width, [_mirrored(b) for b in boxes]) == -start


@settings(max_examples=300)
@given(st.tuples(_coord, _coord), _coord, st.lists(_boxes(), max_size=6))
def test_a_way_out_left_mirrors_the_way_out_right(item: Point, x: float, boxes: list[Box]) -> None:
    assume(x != item[0])  # a lane is out beside its top, not where its edge starts
    way = over_boxes(item, x, boxes)
    mirrored = over_boxes((-item[0], item[1]), -x, [_mirrored(b) for b in boxes])
    assert [(-px, py) for px, py in way] == mirrored


def test_an_edge_starting_just_outside_its_top_leaves_from_its_outer_side() -> None:
    """A note's edge starts 1.2 points beyond its outline (its folded corner aside):
    going out to a lane on the other side, it ran straight through the note."""
    note = Box(17.57, -521.72, 267.17, -460.2)
    way = over_boxes((268.4, -491.0), -20.0, [note])
    assert way[0] == (note.left, -491.0)
    assert clear([[*way, (-20.0, -600.0)]], 0.0, [-600.0], [note])


def _round(row: int, item: Point) -> Round:
    """An edge from a top's right side (the engine's) to the breadcrumb's right side."""
    end = (TRAIL.right, ROWS[row])
    return Round(
        row, (item, (item[0] + 100.0, item[1]), end), (-1.0, 0.0), (0, 0), [((0, 0), [end])]
    )


@st.composite
def _column(draw: st.DrawFn) -> tuple[list[Round], list[Box]]:
    """Tops above and below the breadcrumb in its column: the lower rows' tops nearest."""
    counts = draw(st.tuples(st.integers(0, 4), st.integers(0, 4)).filter(lambda c: sum(c) > 0))
    rows_above = sorted(draw(st.lists(st.integers(0, 2), min_size=counts[0], max_size=counts[0])))
    rows_below = sorted(
        draw(st.lists(st.integers(0, 2), min_size=counts[1], max_size=counts[1])), reverse=True
    )
    rounds, boxes = [], []
    y = TRAIL.top
    for row in rows_above:
        tall = draw(st.integers(20, 60))
        y -= 20 + tall
        boxes.append(Box(0.0, y, 100.0, y + tall))
        rounds.append(_round(row, (100.0, y + tall / 2 + draw(st.integers(-5, 5)))))
    y = TRAIL.bottom
    for row in rows_below:
        tall = draw(st.integers(20, 60))
        boxes.append(Box(0.0, y + 20, 100.0, y + 20 + tall))
        rounds.append(_round(row, (100.0, y + 20 + tall / 2 + draw(st.integers(-5, 5)))))
        y += 20 + tall
    return rounds, boxes


def _crosses(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether two segments cross (touching ends aside)."""

    def turn(p: Point, q: Point, r: Point) -> int:
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 1e-9) - (v < -1e-9)

    return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0


@settings(max_examples=300)
@given(_column())
def test_lanes_from_above_and_below_nest(column: tuple[list[Round], list[Box]]) -> None:
    """No two lanes cross, but a lane that comes down to a lower row than one that comes
    up goes to (their tips would have to swap sides)."""
    found, boxes = column
    rounds = sorted(found, key=lambda r: _inner_first(r, TRAIL, ROWS))
    down = [_from_above(r, TRAIL) for r in rounds]
    tips = spread_tips([r.row for r in rounds], ROWS, down)
    drawn = ways(rounds, tips, (TRAIL.right, TRAIL.right, 1.0), (boxes, (-1e9, 1e9)))
    lines = [[*way, (TRAIL.right, tip)] for way, tip in zip(drawn, tips, strict=True)]
    for (i, one), (j, other) in itertools.combinations(enumerate(lines), 2):
        if down[i] != down[j]:
            d, u = (i, j) if down[i] else (j, i)
            if rounds[d].row > rounds[u].row:
                continue
        for a, b in itertools.pairwise(one):
            for c, d2 in itertools.pairwise(other):
                assert not _crosses(a, b, c, d2), (rounds[i], rounds[j])
