"""Bottom-to-top breadcrumbs redrawn as top-down ones turned over, and what a redrawing costs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.geometry import Box
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.svgedits import pair
from argmap.exporters.diagram.trailcross import Crossed, pruned
from argmap.exporters.diagram.trailflip import Flip
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.test_trailedges import ROOT, _laid, _piles, _trail_tips

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

coordinate = st.integers(-90000, 90000).map(lambda v: v / 100)
points = st.lists(st.tuples(coordinate, coordinate), min_size=2, max_size=8)


def _shapes(path: list[tuple[float, float]], outline: list[tuple[float, float]]) -> str:
    d = "M" + pair(path[0]) + "C" + " ".join(pair(p) for p in path[1:])
    return (
        f'<g id="edge1" class="edge supports"><path fill="none" d="{d}"/>'
        f'<polygon points="{" ".join(pair(p) for p in outline)}"/>'
        f'<text x="1.5" y="-7.25">a, b</text><ellipse cx="3" cy="-4.5" rx="1" ry="1"/></g>'
    )


@given(points, points, coordinate)
def test_a_turned_drawing_turns_every_shape_and_its_edits_turn_back(
    path: list[tuple[float, float]], outline: list[tuple[float, float]], level: float
) -> None:
    """Every y of a path, an outline and an ellipse is turned about the level (texts are
    not); an edit of the turned drawing turns back into an edit of the same value in the
    drawing itself, its numbers as the engine writes them."""
    svg = _shapes(path, outline)
    turned = Flip(svg, level)
    twice = 2 * level
    expected = _shapes(
        [(x, round(twice - y, 2)) for x, y in path], [(x, round(twice - y, 2)) for x, y in outline]
    ).replace('cy="-4.5"', f'cy="{pair((round(twice + 4.5, 2), 0)).split(",")[0]}"')
    assert turned.svg == expected
    # Each turned value, edited to itself, turns back to the drawing's own value.
    edits = [(span, turned.svg[span[0] : span[1]]) for span in turned.spans]
    back = turned.back(edits)
    assert back is not None
    for (start, stop), text in back:
        assert _numbers(text) == _numbers(svg[start:stop])
    assert turned.back([((0, 1), "x")]) is None  # not a shape's value: nothing to turn back
    box = Box(1.0, -20.0, 5.0, -10.0)
    assert turned.box(box) == Box(1.0, twice + 10.0, 5.0, twice + 20.0)
    assert turned.ys([-20.0, -10.0]) == [twice + 20.0, twice + 10.0]


def _numbers(text: str) -> list[float]:
    return [round(float(v), 2) for v in _NUMBER.findall(text)]


@pytest.mark.parametrize(
    ("name", "fit", "portrait"),
    [
        ("flagship", "slide", False),
        ("flagship", "slide", True),
        ("120", "a4", True),
        ("400", "slide", False),
    ],
)
def test_bottom_to_top_no_arrowheads_pile_at_the_breadcrumb(
    name: str, fit: str, portrait: bool
) -> None:
    """Bottom to top, the edges into the breadcrumb came in from above as the engine drew
    them, arrowheads piled where tops of one row met it (pairs: 2 on the flagship's slides,
    3 upright, 7 on the 120-node map's upright A4 pages, 10 on the 400-node map's slides).
    Redrawn as a top-down page turned over, each ends at its own row, apart."""
    layout = _laid(name, fit, portrait, "BT")
    assert any(TRAIL in geometry.boxes(page.svg) for page in layout.pages)
    assert [_piles(page.svg) for page in layout.pages] == [0] * len(layout.pages)


def test_bottom_to_top_tops_go_by_the_rows_they_hang_from() -> None:
    """Bottom to top too, wrapped tops are placed by the breadcrumb rows they hang from
    and their edges nest round the box: on the 120-node map's slides, edges into the
    breadcrumb crossing 8 -> 2 (its page 16: tops of six rows in three rows of boxes)."""
    layout = _laid("120", "slide", False, "BT")
    assert sum(geometry.meeting_crossings(page.svg) for page in layout.pages) <= 2
    assert [_piles(page.svg) for page in layout.pages] == [0] * len(layout.pages)


def _path(points: list[tuple[float, float]]) -> str:
    """A path of straight runs, each a cubic curve with its control points on it."""
    runs = []
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        third, two = (
            (x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3),
            (x1 + 2 * (x2 - x1) / 3, y1 + 2 * (y2 - y1) / 3),
        )
        runs.append(f"{pair(third)} {pair(two)} {pair((x2, y2))}")
    return "M" + pair(points[0]) + "C" + " ".join(runs)


def _edge(name: str, row: int, path: list[tuple[float, float]], head: str) -> str:
    return (
        f'<g id="e{name}" class="edge supports"><title>{name}&#45;&gt;{TRAIL}:r{row}</title>'
        f'<path fill="none" d="{_path(path)}"/><polygon points="{head}"/></g>\n'
    )


# Top-down, as turned: a breadcrumb's left side at x = 100, its rows at y = 30 and 50.
# Edge "a" runs along y = 50 to x = 90, its arrowhead on to the box; "b" lies below.
_SVG = (
    "<svg>"
    + _edge("a", 2, [(0.0, 50.0), (90.0, 50.0)], "90,47 100,50 90,53 90,47")
    + _edge("b", 1, [(40.0, 80.0), (60.0, 80.0)], "60,77 70,80 60,83 60,77")
    + "</svg>"
)
_INTO_B = "95,28 100,30 95,32 95,28"  # b's arrowhead into its row (y = 30)


def _redraw(
    name: str, path: list[tuple[float, float]], head: str
) -> list[tuple[tuple[int, int], str]]:
    start = _SVG.index(f'id="e{name}"')
    d = _SVG.index(' d="', start) + 4
    p = _SVG.index(' points="', start) + 9
    return [((d, _SVG.index('"', d)), _path(path)), ((p, _SVG.index('"', p)), head)]


def test_a_lane_under_an_arrowhead_crosses_it() -> None:
    """A lane that passes under another edge's arrowhead crosses that edge: its line ends
    where the arrowhead starts, so counted by the lines alone it did not (the lanes of
    a bottom-to-top page went so under the heads of edges into rows further out)."""
    crossed = Crossed(_SVG)
    under = _redraw("b", [(40.0, 80.0), (95.0, 80.0), (95.0, 30.0)], _INTO_B)
    assert crossed(under) == 1  # under a's arrowhead only: half what one in the open costs
    across = _redraw("b", [(40.0, 80.0), (70.0, 80.0), (70.0, 30.0), (95.0, 30.0)], _INTO_B)
    assert crossed(across) == 2  # across a's line: seen, and counted to the tip too
    around = _redraw("b", [(40.0, 80.0), (-10.0, 80.0), (-10.0, 30.0), (95.0, 30.0)], _INTO_B)
    assert crossed(around) == 0


def test_piled_arrowheads_cost_as_a_hidden_crossing() -> None:
    """Two tips under 4.5 points apart pile: the reader cannot tell their rows apart."""
    piled = _redraw("b", [(40.0, 80.0), (97.0, 80.0), (97.0, 60.0)], "95,60 98,52 99,60 95,60")
    assert Crossed(_SVG)(piled) == 1
    assert Crossed(_SVG, piles=False)(piled) == 0


def test_pruning_leaves_the_edge_that_crosses_as_drawn() -> None:
    """Of a redrawing that crosses more than the engine's drawing, the edge that crosses
    is left as the engine drew it, the others redrawn."""
    crossed = Crossed(_SVG)
    fine = _redraw("a", [(0.0, 50.0), (40.0, 50.0), (88.0, 50.0)], "88,47 98,50 88,53 88,47")
    bad = _redraw("b", [(40.0, 80.0), (70.0, 80.0), (70.0, 30.0), (95.0, 30.0)], _INTO_B)
    assert crossed(fine + bad) > 0
    assert pruned(crossed, fine + bad, crossed(fine + bad)) == (fine, 0)


_ROW_TEXT = re.compile(r'<g id="a_trail_\d+">.*?<text\b[^>]*?\by="([-\d.]+)"', re.S)


@pytest.mark.parametrize("direction", ["BT", "TB"])
def test_edges_into_a_breadcrumb_drawn_up_or_down_end_at_their_own_rows(
    direction: str,
) -> None:
    """A breadcrumb's rows are drawn from the last up where they face tops above (bottom to
    top; top-down, a conclusion's): its box says so (class ``upward``), and each edge goes
    to its own port's row, whichever way the rows run and wherever its tops hang. Read
    from where the tops sat, a page's rows were taken for the other order: bottom to top,
    the edges into a conclusion's row (its tops above, its rows drawn down) went to the
    thesis's row."""
    m = load_map(ROOT / "tests" / "cases" / "pagefloor" / "linked-pairs-deep.yaml")
    options = RenderOptions(portrait=True, direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    seen = 0
    for page in layout.pages:
        trail = geometry.boxes(page.svg).get(TRAIL)
        if trail is None:
            continue
        drawn = [float(y) - 3.6 for y in _ROW_TEXT.findall(page.svg)]
        ports = drawn[::-1] if 'class="node trail upward"' in page.svg else drawn
        tips: dict[int, list[float]] = {}  # each port's tips at the box's sides (their ys)
        for title, _, tip in _trail_tips(page.svg):
            port = re.search(r":r(\d+)$", title)
            if port and min(abs(tip[0] - trail.left), abs(tip[0] - trail.right)) < 6:
                tips.setdefault(int(port.group(1)), []).append(tip[1])
        for own, ys in tips.items():  # spread along their row, centred on it
            other = len(ports) - 1 - own  # its row, were the rows taken the other way
            if other != own:
                seen += 1
                middle = sum(ys) / len(ys)
                assert abs(ports[own] - middle) < abs(ports[other] - middle), page.plan.page.number
    assert seen >= 5  # (five: a top whose link is undercut reaches its row through a junction)


def test_a_drawing_turned_for_its_edges_turns_only_theirs() -> None:
    """Turned for the passes that read only edges, a node's outline is left as drawn."""
    node = (
        '<g id="node1" class="node reason"><title>a</title><polygon points="0,-10 5,-20"/></g>\n'
    )
    edge = (
        '<g id="edge1" class="edge supports"><title>a&#45;&gt;b</title>'
        '<path d="M0,-10C0,-12 0,-14 0,-16"/></g>\n'
    )
    turned = Flip(node + edge, 0.0, edges_only=True)
    assert turned.svg == node + edge.replace("M0,-10C0,-12 0,-14 0,-16", "M0,10C0,12 0,14 0,16")
