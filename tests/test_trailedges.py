"""Edges into a breadcrumb's rows: each ends at its own row, none crossed, no heads piled."""

from __future__ import annotations

import html
import itertools
import math
import re
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry, leafhome
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import Box
from argmap.exporters.diagram.pagetrailsize import across_trail_rows, by_trail_rows
from argmap.exporters.diagram.rowholds import in_gap
from argmap.exporters.diagram.stacking import TRAIL, Item
from argmap.exporters.diagram.trailcolumn import in_column
from argmap.exporters.diagram.traillanes import (
    ROW_CLASS,
    Round,
    edit,
    read_round,
    redrawn,
    route_lanes,
    row_of,
    trail_rows,
)
from argmap.exporters.diagram.trailrows import end_at_rows
from argmap.exporters.diagram.trailtips import on_side
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, NodeKind
from argmap.options import RenderOptions
from tests.conftest import without_steps, without_stub_words

Point = tuple[float, float]

ROOT = Path(__file__).parent.parent
_POLYGON = re.compile(r'<polygon\b[^>]*?\bpoints="([^"]*)"')
_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_ROW = re.compile(r'<g id="a_trail_\d+">.*?<text\b[^>]*?\by="([-\d.]+)"', re.S)


@cache
def _generated(nodes: int) -> ArgumentMap:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_render import generate

    return validate_data(generate(nodes))


@cache
def _laid(name: str, fit: str, portrait: bool, direction: str) -> Layout:
    if name == "flagship":
        m = load_map(ROOT / "maps" / "russias-game-in-north-korea.yaml")
    else:
        m = _generated(int(name))
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _laid_case(name: str, fit: str, portrait: bool) -> Layout:
    """A probe map of ``tests/cases/pagefloor`` laid out left to right."""
    m = load_map(ROOT / "tests" / "cases" / "pagefloor" / f"{name}.yaml")
    options = RenderOptions(portrait=portrait, direction="LR")
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _trail_tips(svg: str) -> list[tuple[str, int | None, Point]]:
    """Each edge into the breadcrumb: its title, its row if marked, where its head touches.

    The head's point is the vertex of its outline furthest from the outline's middle.
    """
    found = geometry.boxes(svg)
    trail = found.get(TRAIL)
    out: list[tuple[str, int | None, Point]] = []
    if trail is None:
        return out
    for kind, classes, start, stop in geometry.groups(svg):
        body = svg[start:stop]
        title = re.search(r"<title>(.*?)</title>", body)
        if kind != "edge" or title is None or TRAIL not in html.unescape(title.group(1)):
            continue
        name = html.unescape(title.group(1))
        if f"->{TRAIL}" not in name and not name.startswith(TRAIL):
            continue
        head = _POLYGON.search(body)
        if head is None:
            continue
        points = sorted({(float(x), float(y)) for x, y in _PAIR.findall(head.group(1))})
        middle = (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))
        tip = max(points, key=lambda p: math.dist(p, middle))
        words = html.unescape(classes).split()
        rows = [int(w[len(ROW_CLASS) :]) for w in words if w.startswith(ROW_CLASS)]
        out.append((name, rows[0] if rows else None, tip))
    return out


def _piles(svg: str) -> int:
    """How many pairs of edges into the breadcrumb touch it at one point.

    Tips 4.5 points apart or more are apart: a row (15.2 points high) holds the heads
    (6.3 wide) of 3 edges 7 apart, or of 4 about 4.7 apart.
    """
    tips = [tip for _, _, tip in _trail_tips(svg)]
    return sum(1 for i, a in enumerate(tips) for b in tips[i + 1 :] if math.dist(a, b) < 4.5)


@pytest.mark.parametrize(
    ("fit", "direction"), [("a4", "LR"), ("slide", "LR"), ("a4", "RL"), ("slide", "RL")]
)
def test_tops_in_the_breadcrumbs_column_reach_it_uncrossed(fit: str, direction: str) -> None:
    """Upright and left to right, the breadcrumb sits in its tops' column: their edges go
    round the column, each in a lane of its own, to their rows. The engine ended them all
    at the box's corner and let them cross (27 pairs on these A4 pages, 53 on these
    slides; 173 over the 400-node map's A4 pages)."""
    layout = _laid("120", fit, True, direction)
    marked = [page for page in layout.pages if ROW_CLASS in page.svg]
    assert len(marked) > 5
    assert [geometry.meeting_crossings(page.svg) for page in layout.pages] == [0] * len(
        layout.pages
    )


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_edges_round_the_column_end_at_their_own_rows(fit: str) -> None:
    """Each edge drawn round the column ends on the breadcrumb's side, within its row (15.2
    points high; the engine ended every one at the box's lower corner, whatever its row),
    or anywhere along the side of a breadcrumb of one row, on its rounded corners too."""
    layout = _laid("120", fit, True, "LR")
    seen = 0
    for page in layout.pages:
        svg = page.svg
        trail = geometry.boxes(svg).get(TRAIL)
        rows = [float(y) - 3.6 for y in _ROW.findall(svg)]
        for name, row, tip in _trail_tips(svg):
            if row is None:
                continue
            assert trail is not None
            seen += 1
            side = on_side(trail, trail.left, tip[1], -1.0)
            assert abs(tip[0] - side) < 1.0, (page.plan.page.number, name)
            if len(rows) == 1:
                assert trail.top < tip[1] < trail.bottom, (page.plan.page.number, name)
            else:
                assert abs(tip[1] - rows[row]) < 7.6, (page.plan.page.number, name)  # its row
    assert seen > 10


@pytest.mark.parametrize(
    ("name", "fit", "portrait", "direction"),
    [
        ("flagship", "slide", False, "TB"),
        ("120", "a4", True, "TB"),
        ("120", "slide", True, "LR"),
    ],
)
def test_tops_of_one_row_pile_no_arrowheads_at_the_breadcrumb(
    name: str, fit: str, portrait: bool, direction: str
) -> None:
    """Several tops of one breadcrumb row ended their edges at one point of the box: top
    down, of its foot or side (pairs of heads together: 3 on the flagship's last slides,
    15 on these A4 pages); left to right, of the box's corner (53 on these slides)."""
    layout = _laid(name, fit, portrait, direction)
    assert [_piles(page.svg) for page in layout.pages] == [0] * len(layout.pages)


@pytest.mark.parametrize(
    ("name", "fit", "portrait"), [("flagship", "slide", True), ("120", "a4", True)]
)
def test_bottom_to_top_the_tops_reach_the_breadcrumbs_top_row(
    name: str, fit: str, portrait: bool
) -> None:
    """Bottom to top, the breadcrumb lists its rows up the tree, its nearest ancestors on
    top, facing the tops that hang from them: the edges into its last row end in the box's
    top row. Down the tree, that row lay at the box's foot, away from the tops: the engine
    took their edges round to its corners and along its foot, or ended them at the root's
    row (35 of 40 edges on the flagship's upright slides, 55 of 57 on these A4 pages)."""
    layout = _laid(name, fit, portrait, "BT")
    seen = 0
    for page in layout.pages:
        svg = page.svg
        trail = geometry.boxes(svg).get(TRAIL)
        last = f"->{TRAIL}:r{len(page.plan.page.trail) - 1}"
        for title, _, tip in _trail_tips(svg):
            if trail is not None and title.endswith(last):
                seen += 1
                assert tip[1] <= trail.top + 20, (page.plan.page.number, title)  # 4 + 15.2
    assert seen > 30


@pytest.mark.parametrize(
    ("name", "fit", "portrait"),
    [("120", "slide", False), ("400", "slide", False), ("120", "a4", True)],
)
def test_tops_of_several_rows_reach_the_breadcrumb_uncrossed(
    name: str, fit: str, portrait: bool
) -> None:
    """Top down, a page of small branches hangs its tops from several breadcrumb rows, in
    rows of boxes: they go by the rows they hang from, and their edges nest round the
    box's sides (edges into one parent crossing on the way: 4 on the 120-node map's
    slides, 2 on its upright A4 pages, 2 on the 400-node map's slides), no heads piled;
    each row's tops read in file order (2 out of it on the 120-node map's slides)."""
    layout = _laid(name, fit, portrait, "TB")
    pages = layout.pages
    assert [geometry.meeting_crossings(page.svg) for page in pages] == [0] * len(pages)
    assert [_piles(page.svg) for page in pages] == [0] * len(pages)
    order = {node.id: i for i, node in enumerate(_generated(int(name)).walk())}
    assert [geometry.misplaced(page.svg, order) for page in pages] == [(0, 0)] * len(pages)


def test_tops_fill_their_rows_by_the_rows_they_hang_from() -> None:
    """Wrapped tops go in columns by their breadcrumb rows; the places of each row's tops
    take them in file order as one reads (left to right, then row by row)."""
    items = {name: Item(name, 100.0, (40.0,), name) for name in "abcdefg"}
    hung = {"a": 4, "b": 1, "c": 1, "d": 2, "e": 3, "f": 4, "g": 2}
    rows = [[items[n] for n in row] for row in ("abc", "def", "g")]
    placed = [[item.name for item in row] for row in by_trail_rows(rows, hung)]
    # by columns alone: b c d | a f | e g, where row 2's g read before d
    assert placed == [["b", "a", "e"], ["c", "f", "d"], ["g"]]
    seven = {"a": 3, "b": 3, "c": 3, "d": 1, "e": 2, "f": 3, "g": 3}
    placed = [[item.name for item in row] for row in by_trail_rows(rows, seven)]
    for row in set(seven.values()):  # every row's tops in file order as read
        read = [name for line in placed for name in line if seven[name] == row]
        assert read == sorted(read)
    one = dict.fromkeys(hung, 1)
    assert by_trail_rows(rows, one) is rows
    deep = [[items["a"], items["b"]], [Item("h", 100.0, (40.0, 40.0), "i")]]
    assert by_trail_rows(deep, {**hung, "h": 0}) is deep


def test_left_to_right_a_column_goes_down_by_the_rows_its_tops_hang_from() -> None:
    """Left to right, edges of one column into the breadcrumb's side cross unless they
    come down in the order of its rows: such a column's tops are placed again by their
    rows, each row's read in file order (down a column, then the next)."""
    items = {name: Item(name, 100.0, (40.0,), name) for name in "abcdefgh"}
    hung = {"a": 4, "b": 4, "c": 4, "d": 6, "e": 6, "f": 6, "g": 7, "h": 5}
    rows = [[items[n] for n in row] for row in ("abcd", "efgh")]
    placed = across_trail_rows(rows, hung)
    down = [hung[item.name] for row in placed for item in row]
    assert [hung[item.name] for item in placed[1]] == sorted(hung[item.name] for item in placed[1])
    for row in set(hung.values()):
        read = [name for name, level in zip(_names(placed), down, strict=True) if level == row]
        assert read == sorted(read)
    assert sorted(_names(placed)) == sorted(items)
    in_order = [[items[n] for n in row] for row in ("abch", "defg")]
    assert across_trail_rows(in_order, hung) is in_order  # the engine passes these in order
    block = Item("k", 100.0, (40.0, 40.0), "k1")  # a top with its children: stays last
    with_block = [[items["a"], items["b"]], [items["d"], block]]
    placed = across_trail_rows(with_block, {**hung, "k": 5})
    assert _names(placed) == ["a", "b", "k", "d"]
    first = [[items["d"], block], [items["a"]]]  # a block before the last column: kept
    assert across_trail_rows(first, {**hung, "k": 5}) is first


def test_left_to_right_a_shorter_column_passes_the_first_by_its_rows() -> None:
    """A second column shorter than the first has its edges pass the first in its gaps:
    each must go to a row between those of the boxes round its gap, though each column
    comes down in order (a 400-node map on A4: rows 5, 6, 6, 10 down the first, 9, 11, 11
    down the second, the 9 passing between the 5 and the 6s, crossing the 6s' edges)."""
    hung = {"a": 5, "b": 6, "c": 6, "d": 10, "e": 9, "f": 11, "g": 11}
    items = {name: Item(name, 100.0, (40.0,), name) for name in hung}
    rows = [[items[n] for n in row] for row in ("abcd", "efg")]
    placed = across_trail_rows(rows, hung)
    assert placed is not rows and sorted(_names(placed)) == sorted(hung)
    first, second = placed
    passing = [hung[first[0].name]]
    for gap, box in enumerate(first[1:]):  # each of the second's items in its gap, in order
        passing += [hung[item.name] for i, item in enumerate(second) if in_gap(4, i, 3) == gap]
        passing.append(hung[box.name])
    assert passing == sorted(passing)
    for row in set(hung.values()):  # each row's tops in file order as read
        read = [name for name in _names(placed) if hung[name] == row]
        assert read == sorted(read)
    kept = {"a": 5, "b": 6, "c": 9, "d": 10, "e": 5, "f": 9, "g": 10}  # gaps in order
    assert across_trail_rows(rows, kept) is rows


def test_left_to_right_one_column_goes_down_by_its_rows() -> None:
    """One column of tops was kept in file order, taken to be the rows' order. But a
    conclusion comes last in its entry, after the objections of conclusions drawn from
    it: on a random map's A4 page, a conclusion drawn from the breadcrumb's second row
    stood below an objection to its fourth, and its "so" arrow crossed two edges. One
    column goes down by its tops' rows too, each row's in file order."""
    hung = {"objection": 3, "evidence": 2, "again": 3, "conclusion": 1}
    items = {name: Item(name, 100.0, (40.0,), name) for name in hung}
    placed = across_trail_rows([list(items.values())], hung)
    assert _names(placed) == ["conclusion", "evidence", "objection", "again"]
    one_row = dict.fromkeys(hung, 2)
    column = [list(items.values())]
    assert across_trail_rows(column, one_row) is column


def _names(rows: list[list[Item]]) -> list[str]:
    return [item.name for row in rows for item in row]


def test_left_to_right_pages_keep_their_edges_apart() -> None:
    """The 400-node map's pages, left to right: edges into the breadcrumb crossing on
    landscape A4 3 -> 1 (page 25's second column came down rows 6, 6, 7, 5), on slides
    3 -> 1 (page 18's second column, a block in it, rows 4, 3); siblings in file order."""
    order = {node.id: i for i, node in enumerate(_generated(400).walk())}
    for fit, mended in (("a4", 24), ("slide", 17)):
        layout = _laid("400", fit, False, "LR")
        assert sum(geometry.meeting_crossings(page.svg) for page in layout.pages) <= 1
        assert geometry.meeting_crossings(layout.pages[mended].svg) == 0
        assert all(geometry.misplaced(p.svg, order, True) == (0, 0) for p in layout.pages)


def test_pages_without_a_breadcrumb_are_left_as_drawn() -> None:
    """A page without a breadcrumb (the overview) is not touched."""
    svg = _laid("flagship", "slide", False, "TB").pages[0].svg
    assert TRAIL not in geometry.boxes(svg)
    assert end_at_rows(svg) is svg
    assert route_lanes(svg) is svg


_COORD = st.floats(min_value=-500, max_value=500, allow_nan=False).map(lambda v: round(v, 1))


@given(st.lists(st.tuples(_COORD, _COORD), min_size=2, max_size=6, unique=True))
def test_a_redrawn_edge_follows_its_route_to_its_tip(route: list[Point]) -> None:
    """An edge drawn anew starts where its route does and its head touches the tip."""
    path = "M0,0C0,-3 0,-6 0,-10"
    head = "-3,-10 0,-19 3,-10 -3,-10"
    svg = f'<path d="{path}"/><polygon points="{head}"/>'
    from argmap.exporters.diagram.traillanes import read_round

    found = read_round(svg, 0, len(svg), 0)
    assert found is not None
    tip = (route[-1][0] + 40.0, route[-1][1])
    out = edit(svg, redrawn(found, route, tip, (1.0, 0.0)))
    d = re.search(r'd="([^"]*)"', out)
    assert d is not None
    points = geometry.curve(d.group(1))
    assert math.dist(points[0], route[0]) < 0.01
    head_points = [(float(x), float(y)) for x, y in _PAIR.findall(out.split("points=")[1])]
    assert min(math.dist(p, tip) for p in head_points) < 0.02
    assert math.dist(points[-1], (tip[0] - 9.0, tip[1])) < 0.02


def _through_own_or_other_boxes(svg: str) -> int:
    """Tree edges passing through any box, their own ends' included (but at their ends)."""
    boxes = geometry.boxes(svg)
    inside = geometry.INSIDE
    count = 0
    for edge in geometry.tree_edges(svg):
        for name, box in boxes.items():
            name = name.split(":")[0]
            points = edge.points[1:-1] if name in (edge.tail, edge.head) else edge.points
            if any(
                box.left + inside < x < box.right - inside
                and box.top + inside < y < box.bottom - inside
                for x, y in points
            ):
                count += 1
                break
    return count


@pytest.mark.parametrize(
    ("name", "fit", "portrait"),
    [
        ("conclusions-undercut-in-the-column", "letter", True),
        ("conclusions-objected-in-the-column", "a4", True),
        ("conclusions-objected-in-the-column", "slide", True),
        # (Upright: on landscape A4, a step drawn from a conclusion no longer holds the
        # breadcrumb in its rank, and the pages come out without a breadcrumb column.)
        ("conclusions-undercut-with-evidence-in-the-column", "a4", True),
        ("conclusions-objected-beside-an-undercut-step", "a4", True),
    ],
)
def test_lanes_round_the_column_pass_no_box(name: str, fit: str, portrait: bool) -> None:
    """Left to right, a continued page's tops share the breadcrumb's column, their edges
    going out to lanes beside it. A top's edge left its top level with where the engine
    set it: from its inner side it ran through the top itself, and out past the top's
    own evidence it ran through that (the evidence's arrow comes in there too). It
    leaves from the top's outer side now, and over the evidence where that is in the way.
    The lanes went round every box beside the column below the breadcrumb, however far
    out: an undercutter's evidence below the breadcrumb sent its edge across the page,
    and back to its row through the boxes beside the breadcrumb's rows (that evidence, or
    the junction of an undercut step drawn from the breadcrumb). They go round the far
    boxes only where no way runs through a box; else just past the near ones."""
    layout = _laid_case(name, fit, portrait)
    lanes = [laid for laid in layout.pages if ROW_CLASS in laid.svg]
    assert lanes
    through = [laid for laid in lanes if _through_own_or_other_boxes(without_steps(laid.svg))]
    assert [laid.plan.page.number for laid in through] == []


def test_lanes_from_above_and_below_the_breadcrumb_nest(monkeypatch: pytest.MonkeyPatch) -> None:
    """Upright, left to right, a continued page's column can hold tops above the
    breadcrumb (a linked group, a stub) as well as below. The lanes were ordered as if
    every top were below it: the top nearest the breadcrumb took the outer lane, so the
    way out from a lower top above it crossed the lane of a higher one, and every tip
    into one row was spread the outer lanes' higher. From above, the nearest top now
    takes the inner lane, and the lanes that come down end over those that come up,
    the outer ones lower: no lane crosses another. (Without the leaves drawn beside their
    parent once the pages are laid out, which leave no such page in this case; and with
    stubs that name no kind, whose wider boxes leave none either.)"""
    monkeypatch.setattr(leafhome, "LEAF_WAVES", 0)
    without_stub_words(monkeypatch)
    layout = _laid_case("tops-above-the-breadcrumb-in-its-column", "slide", True)
    lanes = [laid for laid in layout.pages if ROW_CLASS in laid.svg]
    above = [
        laid for laid in lanes if any(r.item[1] < trail.top for r, trail in _rounds(laid.svg))
    ]
    assert above, "a page whose column holds tops above the breadcrumb"
    assert [laid.plan.page.number for laid in above if geometry.all_crossings(laid.svg)] == []


@pytest.mark.parametrize("fit", ["slide", "a4", "letter"])
def test_lanes_go_on_the_side_most_edges_end_at(fit: str) -> None:
    """The lanes went on the side the engine ended the highest top's edge at; where it
    ended most of them at the other, round the "so" arrows there, six crossed them on
    one upright slide. They go on the side it ends most at now."""
    layout = _laid_case("conclusions-objected-in-the-column", fit, True)
    lanes = [laid for laid in layout.pages if ROW_CLASS in laid.svg]
    assert lanes
    crossed = [laid for laid in lanes if geometry.all_crossings(without_steps(laid.svg))]
    assert [laid.plan.page.number for laid in crossed] == []


@pytest.mark.parametrize(
    ("name", "fit"),
    [
        ("conclusions-undercut-in-the-column", "letter"),
        ("conclusions-objected-in-the-column", "a4"),
        ("conclusions-objected-in-the-column", "slide"),
    ],
)
def test_steps_in_the_breadcrumbs_column_cross_nothing(name: str, fit: str) -> None:
    """Left to right on an upright page, the breadcrumb sits in its tops' column. Where
    the tops were conclusions drawn from its rows, their "so" arrows left a row's side
    where the engine liked and ran down past the tops to each conclusion's top, crossing
    one another and the lanes of the other tops' edges (six crossings on a letter page
    of a test map, one arrow through the breadcrumb's box). The column now holds them in
    its order, the lower rows' tops first, and each "so" arrow goes round in a lane of
    its own with the other tops' edges: out from its row's side, down its lane and in to
    its conclusion, its word above its arrowhead, clear of every box. So does one to an
    undercut step's junction below the breadcrumb (where the engine did not draw it
    straight down), unless the junction's undercutter is on the lanes' side. (Where a
    junction's row fixes the column's order, a lane can still cross another just before
    both meet the breadcrumb: counted apart.)"""
    layout = _laid_case(name, fit, True)
    steps = [laid for laid in layout.pages if _laned_steps(laid.svg)]
    assert steps, "a 'so' arrow drawn in a lane"
    assert [laid.plan.page.number for laid in steps if geometry.crossings(laid.svg)] == []
    laned = [(laid, arrow) for laid in steps for arrow in _laned_steps(laid.svg)]
    for laid, (start, row, trail, tip, box, word) in laned:
        assert min(abs(start[0] - trail.left), abs(start[0] - trail.right)) < 1.5
        assert abs(start[1] - row) <= 7.5  # within its row's band
        assert box.left - 1.5 <= tip[0] <= box.right + 1.5
        assert box.top - 1.5 <= tip[1] <= box.bottom + 1.5
        assert min(tip[0] - box.left, box.right - tip[0], tip[1] - box.top) < 1.5  # on it
        assert math.dist(word, tip) < 20, "its word by its arrowhead"
        boxes = geometry.boxes(laid.svg).values()
        assert not any(
            b.left < word[0] < b.right and b.top < word[1] - 3 < b.bottom for b in boxes
        )


def _laned_steps(svg: str) -> list[tuple[Point, float, Box, Point, Box, Point]]:
    """Each "so" arrow in a lane: its start, its row's middle, the breadcrumb's box, its
    arrowhead's tip, its conclusion's box, and its word's place (middle, baseline)."""
    trail, rows = trail_rows(svg)
    found = geometry.boxes(svg)
    out = []
    for kind, classes, start, stop in geometry.groups(svg):
        words = html.unescape(classes).split()
        row = row_of(" ".join(words)) if kind == "edge" and "drawn-from" in words else None
        if row is None or trail is None:
            continue
        body = svg[start:stop]
        head = html.unescape(re.search(r"<title>(.*?)</title>", body).group(1))  # type: ignore[union-attr]
        box = found[head.split("->")[1].split(":")[0]]
        path = geometry.curve(re.search(r'\bd="([^"]*)"', body).group(1))  # type: ignore[union-attr]
        heads = _POLYGON.findall(body)
        if not heads:  # to a junction: its end there (straight down from the foot: as drawn)
            if min(abs(path[0][0] - trail.left), abs(path[0][0] - trail.right)) > 1.5:
                continue
            out.append((path[0], rows[row], trail, path[-1], box, _word(body)))
            continue
        outline = sorted({(float(x), float(y)) for x, y in _PAIR.findall(heads[0])})
        middle = (
            sum(x for x, _ in outline) / len(outline),
            sum(y for _, y in outline) / len(outline),
        )
        tip = max(outline, key=lambda p: math.dist(p, middle))
        out.append((path[0], rows[row], trail, tip, box, _word(body)))
    return out


def _word(body: str) -> Point:
    """Where a "so" arrow's word is (its middle, its baseline)."""
    text = re.search(r'<text\b[^>]*?\bx="([-\d.]+)"[^>]*?\by="([-\d.]+)"', body)
    assert text is not None, "a 'so' arrow keeps its word"
    return (float(text.group(1)), float(text.group(2)))


def _rounds(svg: str) -> list[tuple[Round, Box]]:
    """The edges into a breadcrumb's rows round its column, each with the breadcrumb's box."""
    trail, _ = trail_rows(svg)
    if trail is None:
        return []
    found = []
    for kind, classes, start, stop in geometry.groups(svg):
        row = row_of(html.unescape(classes)) if kind == "edge" else None
        got = None if row is None else read_round(svg, start, stop, row)
        if got is not None:
            found.append((got, trail))
    return found


def test_tips_into_a_breadcrumb_of_one_row_spread_along_its_side() -> None:
    """Five tops' edges into a breadcrumb of one row (the thesis) were spread over a
    row's height, 3.5 points apart: their arrowheads (6.3 wide) piled. They spread along
    the box's side now, into its rounded corners, each touching the outline there."""
    layout = _laid_case("key-below-two-stubs", "slide", True)
    crowded = 0
    for page in layout.pages:
        trail = geometry.boxes(page.svg).get(TRAIL)
        if trail is None or len(_ROW.findall(page.svg)) != 1:
            continue
        tips = sorted(tip for _, row, tip in _trail_tips(page.svg) if row is not None)
        if len(tips) < 5:
            continue
        crowded += 1
        ys = sorted(y for _, y in tips)
        assert min(b - a for a, b in itertools.pairwise(ys)) > 5.0, page.plan.page.number
        for x, y in tips:
            assert abs(x - on_side(trail, trail.left, y, -1.0)) < 1.0, page.plan.page.number
    assert crowded


def test_steps_go_round_the_column_only_where_no_top_has_a_conclusion_drawn_from_it() -> None:
    """The lanes go round the column's outer side, the side where a conclusion drawn
    from one of the tops sits (left to right, a conclusion stands before what it is
    drawn from). Drawn in a lane there, a step from the breadcrumb crossed that
    conclusion's arrow: a landscape A4 page of a generated map went from two crossings
    to five. Such a page keeps its steps as the engine draws them; the others' go in
    lanes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_crossings import generate

    drawn_from_tops, others = [], []
    for seed in (2, 8):
        m = generate(seed)
        options = RenderOptions(direction="LR")
        layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
        for laid in layout.pages:
            page = laid.plan.page
            if not in_column(laid.plan) or all(m.get(t).relation for t in page.tops):
                continue  # no conclusion in the breadcrumb's column
            drawn = [m.get(node) for node in page.nodes]
            if any(n.kind is NodeKind.CONCLUSION and n.parent in page.tops for n in drawn):
                drawn_from_tops.append(laid.svg)
            else:
                others.append(laid.svg)
    assert drawn_from_tops, "a page that draws a conclusion from a top"
    assert all("drawn&#45;from trail_row" not in svg for svg in drawn_from_tops)
    assert any("drawn&#45;from trail_row" in svg for svg in others)


def test_a_step_to_a_junction_goes_round_the_other_side_from_its_undercutter() -> None:
    """A "so" arrow down the breadcrumb's column to an undercut step's junction goes round
    in a lane too; where the junction's undercutter sits on the lanes' side, that lane met
    its arrow, and the step kept the engine's curve, which ran out round the boxes beside
    the column and across an evidence's arrow (upright letter pages of generated maps).
    It goes round the other side now, in a lane of its own. A conclusion drawn below the
    step's own conclusion, in the column, no longer keeps the page's steps out of lanes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_crossings import generate

    junctions = []
    for seed in (4, 11):
        m = generate(seed)
        options = RenderOptions(direction="LR", portrait=True)
        layout = lay_out(m, analyze(m), options, "letter", find_engine("auto"))
        for laid in layout.pages:
            for kind, classes, start, stop in geometry.groups(laid.svg):
                words = html.unescape(classes).split()
                title = re.search(r"<title>(.*?)</title>", laid.svg[start:stop])
                name = "" if title is None else html.unescape(title.group(1))
                laned = any(word.startswith(ROW_CLASS) for word in words)
                if kind == "edge" and "drawn-from" in words and laned and "->junction " in name:
                    junctions.append((seed, laid.plan.page.number, laid.svg))
    assert junctions, "a step to a junction from a breadcrumb row in its column"
    assert [(seed, page) for seed, page, svg in junctions if geometry.crossings(svg)] == []
