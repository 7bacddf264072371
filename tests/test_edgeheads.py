"""Arrowheads piled at one side of a box, spread along it in the order their edges come in."""

from __future__ import annotations

import math
import re

from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.edgeheads import CORNER, SPREAD, spread_heads
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.validate import validate_data
from argmap.options import RenderOptions

Point = tuple[float, float]

BOX = (0.0, -100.0, 200.0, -60.0)
"""The parent's box in the hand-made drawings: left, top, right, bottom."""


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _run(start: Point, tip: Point, back: bool = False) -> tuple[str, str]:
    """A straight run's path from ``start`` to ``tip`` and its arrowhead's outline, at ``tip``
    (at ``start`` if drawn ``back``): the path stops at the arrowhead's base."""
    length = math.dist(start, tip)
    ux, uy = (tip[0] - start[0]) / length, (tip[1] - start[1]) / length
    point, way = (start, -1) if back else (tip, 1)
    base = (point[0] - 9 * way * ux, point[1] - 9 * way * uy)
    a, b = (base, tip) if back else (start, base)
    c1 = (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3)
    c2 = (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3)
    left = (base[0] - 3.15 * uy, base[1] + 3.15 * ux)
    right = (base[0] + 3.15 * uy, base[1] - 3.15 * ux)
    pts = " ".join(f"{_num(x)},{_num(y)}" for x, y in (left, point, right, left))
    return "M{},{}C{},{} {},{} {},{}".format(*map(_num, (*a, *c1, *c2, *b))), pts


def _edge(number: int, tail: str, start: Point, tip: Point = (100.0, -60.0)) -> str:
    """An edge as the engine draws one: a straight last run and an arrowhead at ``tip``."""
    d, pts = _run(start, tip)
    return (
        f'<g id="edge{number}" class="edge supports">\n<title>{tail}&#45;&gt;p:s</title>\n'
        f'<path fill="none" stroke="#2e7d32" d="{d}"/>\n'
        f'<polygon fill="#2e7d32" points="{pts}"/>\n</g>\n'
    )


def _box(name: str, left: float, top: float, right: float, bottom: float) -> str:
    corners = [(left, top), (right, top), (right, bottom), (left, bottom), (left, top)]
    pts = " ".join(f"{_num(x)},{_num(y)}" for x, y in corners)
    shape = f'<polygon points="{pts}"/>'
    return f'<g id="n{name}" class="node">\n<title>{name}</title>\n{shape}\n</g>\n'


def _drawing(starts: list[Point], extra: str = "") -> str:
    edges = "".join(_edge(i, f"c{i}", start) for i, start in enumerate(starts))
    return f'<svg width="300pt" height="300pt">\n{_box("p", *BOX)}{extra}{edges}</svg>\n'


def _tips(svg: str) -> dict[str, Point]:
    """Each edge's tail -> where its arrowhead touches (its outline's point furthest along)."""
    out: dict[str, Point] = {}
    for edge in geometry.tree_edges(svg):
        body = svg[svg.index(f"<title>{edge.tail}&#45;") :]
        points = re.search(r'<polygon[^>]*points="([^"]*)"', body)
        assert points is not None
        pairs = [p.split(",") for p in points.group(1).split()]
        outline = [(float(x), float(y)) for x, y in pairs]
        end = edge.points[-1]
        out[edge.tail] = max(outline, key=lambda p: math.dist(p, end))
    return out


def test_a_pile_is_spread_along_the_side_in_the_order_its_edges_come_in() -> None:
    svg = _drawing([(-150.0, -20.0), (90.0, 40.0), (130.0, 40.0), (400.0, -30.0)])
    tips = _tips(spread_heads(svg))
    assert [round(tips[f"c{i}"][1], 2) for i in range(4)] == [-60.0] * 4  # on the side
    xs = [tips[f"c{i}"][0] for i in range(4)]
    assert xs == sorted(xs)  # from the left, the slant ones at the ends
    assert [round(b - a, 2) for a, b in zip(xs, xs[1:], strict=False)] == [SPREAD] * 3
    assert math.isclose(sum(xs) / 4, 100.0, abs_tol=0.01)  # around the side's middle


def test_a_spread_pile_is_left_as_it_is_and_one_edge_alone_too() -> None:
    once = spread_heads(_drawing([(-150.0, -20.0), (90.0, 40.0), (400.0, -30.0)]))
    assert spread_heads(once) == once
    alone = _drawing([(30.0, 40.0)])
    assert spread_heads(alone) == alone


def test_a_narrow_side_spreads_its_pile_closer_and_keeps_off_its_corners() -> None:
    starts = [(float(x), 40.0) for x in range(-100, 320, 20)]  # 21 edges on a 200-point side
    tips = sorted(_tips(spread_heads(_drawing(starts))).values())
    assert tips[0][0] >= BOX[0] + CORNER - 0.01 and tips[-1][0] <= BOX[2] - CORNER + 0.01
    gaps = {round(b[0] - a[0], 1) for a, b in zip(tips, tips[1:], strict=False)}
    assert gaps == {round((BOX[2] - BOX[0] - 2 * CORNER) / 20, 1)}


def test_a_pile_whose_runs_would_cut_through_a_box_stays_as_drawn() -> None:
    """Turned to the left, the edge from below left would cut the box beside its way in."""
    beside = _box("other", 44.0, -5.0, 52.0, 5.0)
    svg = _drawing([(0.0, 80.0), (100.0, 80.0), (300.0, 80.0)], beside)
    assert spread_heads(svg) == svg


def test_a_pile_with_a_labelled_or_curved_edge_stays_as_drawn() -> None:
    """A label's box sits on its edge's run (a worksheet's blank box to fill in): turned,
    the run would leave it. A curved run cannot be turned as a straight one is."""
    svg = _drawing([(-150.0, -20.0), (90.0, 40.0), (400.0, -30.0)])
    label = '<polygon fill="#ffffff" stroke="none" points="20,-30 50,-30 50,-20 20,-20 20,-30"/>\n'
    labelled = svg.replace('<polygon fill="#2e7d32"', label + '<polygon fill="#2e7d32"', 1)
    assert labelled != svg and spread_heads(labelled) == labelled
    curved = re.sub(r'd="M(-150),(-20)C[^"]*"', 'd="M-150,-20C-100,-100 50,-40 91.1,-56.2"', svg)
    assert curved != svg and spread_heads(curved) == curved


def test_a_batch_of_drawings_is_spread_one_by_one() -> None:
    one = _drawing([(-150.0, -20.0), (90.0, 40.0)])
    two = _drawing([(30.0, 40.0), (170.0, 40.0), (300.0, 0.0)])
    assert spread_heads(one + two) == spread_heads(one) + spread_heads(two)


@given(
    st.lists(
        st.tuples(st.floats(-400, 600), st.floats(-40, 300)), min_size=2, max_size=14, unique=True
    )
)
def test_spread_runs_never_cross_each_other(starts: list[Point]) -> None:
    """Spreading adds no crossing (runs from one bend touch there before and after)."""
    drawn = _drawing(starts)
    svg = spread_heads(drawn)
    assert geometry.meeting_crossings(svg) <= geometry.meeting_crossings(drawn)
    for x, y in _tips(svg).values():
        assert BOX[0] <= x <= BOX[2] and math.isclose(y, -60.0, abs_tol=0.01)


def test_rows_under_a_thesis_end_apart_on_its_foot_without_crossing() -> None:
    """Ten reasons wrap into rows on a slide: their edges end at the thesis's foot, one
    arrowhead each (they were piled at its middle), none crossing on the way in."""
    premises = [{"id": f"p{i}", "text": f"Reason {i} for the thesis."} for i in range(10)]
    m = validate_data(
        {"title": "Wide", "thesis": {"id": "t", "text": "A thesis.", "premises": premises}}
    )
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    svg = layout.pages[0].svg
    ends = [e.points[-1] for e in geometry.tree_edges(svg) if e.head == "t"]
    assert len(ends) == 10
    assert min(math.dist(a, b) for i, a in enumerate(ends) for b in ends[i + 1 :]) > 8.0
    assert geometry.meeting_crossings(svg) == 0


def _back(tail: str, start: Point, end: Point = (100.0, -60.0)) -> str:
    """An edge drawn back: a straight run from ``start`` to the parent, its arrowhead at
    ``start`` (a reference's edge, written from the reference)."""
    d, pts = _run(start, end, back=True)
    return (
        f'<g id="back" class="edge supports cross&#45;link">\n<title>{tail}&#45;&gt;p:s</title>\n'
        f'<path fill="none" stroke="#2e7d32" d="{d}"/>\n'
        f'<polygon fill="#2e7d32" points="{pts}"/>\n</g>\n'
    )


def test_an_edge_drawn_back_is_spread_with_its_pile_its_arrowhead_left_at_its_tail() -> None:
    """A reference's edge is ranked as a child's and drawn back, its arrowhead by the
    reference: its run into the parent is turned in order with the others', and its
    arrowhead stays. Read as a label's box, it held its whole pile as drawn."""
    back = _back("ref p x", (-150.0, -20.0))
    svg = _drawing([(90.0, 40.0), (400.0, -30.0)], back)
    spread = spread_heads(svg)
    assert spread != svg
    arrow = re.compile(r'id="back".*?points="([^"]*)"', re.S)
    assert arrow.search(spread).group(1) == arrow.search(svg).group(1)  # type: ignore[union-attr]
    path = re.search(r'id="back".*?d="M[^"]*C[^"]* ([-\d.]+),([-\d.]+)"', spread, re.S)
    assert path is not None
    ends = sorted([float(path.group(1)), *(t[0] for t in _tips(spread).values())])
    assert ends[0] == float(path.group(1)) and ends[0] < 100.0 - SPREAD / 2


def test_a_pile_with_two_runs_from_one_bend_is_spread() -> None:
    """The engine may merge two edges' ways to one last bend; their runs touch there, and
    that touch counted as a crossing, so the whole pile stayed piled (Argdown's Populism
    example: nine arrowheads into one box on its first slide)."""
    svg = _drawing([(-150.0, 40.0), (300.0, 20.0), (300.0, 20.0)])
    spread = spread_heads(svg)
    tips = sorted(_tips(spread).values())
    assert len({round(x) for x, _ in tips}) == 3  # three arrowheads apart
