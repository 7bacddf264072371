"""Edges kept off the borders of boxes they pass: counted (borderruns), and moved (offborders)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import borderways
from argmap.exporters.diagram.borderruns import ALONG, border_runs
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.offborders import CLEAR, clear_borders
from argmap.load.maps import load_map
from argmap.options import RenderOptions

STACKED = Path(__file__).parent / "cases" / "borders" / "stacked-linked-groups.yaml"
HEAD = re.compile(r'<polygon fill="#2e7d32"[^>]*points="([^"]*)"')
PATH = re.compile(r'class="edge supports">.*?<path [^>]*d="([^"]*)"', re.S)


def _drawing(edge: str, head: str = "") -> str:
    """A linked group's box (0..300 across, -200..-100 down) and a node above it, one edge."""
    return (
        '<svg width="400pt" height="300pt">\n'
        '<g id="group&#45;g" class="cluster linked&#45;group">\n<title>cluster_group g</title>\n'
        '<path fill="#fff" d="M0,-100C0,-100 300,-100 300,-100 300,-200 0,-200 0,-100"/>\n</g>\n'
        '<g id="node&#45;a" class="node premise">\n<title>a</title>\n'
        '<path fill="#fff" d="M100,-260C100,-260 200,-260 200,-260 200,-230 100,-230 100,-260"/>\n'
        "</g>\n"
        '<g id="node&#45;b" class="node premise">\n<title>b</title>\n'
        '<path fill="#fff" d="M250,-60C250,-60 350,-60 350,-60 350,-30 250,-30 250,-60"/>\n'
        "</g>\n"
        '<g id="edge1" class="edge supports">\n<title>b&#45;&gt;a</title>\n'
        f'<path fill="none" stroke="#2e7d32" d="{edge}"/>\n'
        + (f'<polygon fill="#2e7d32" stroke="#2e7d32" points="{head}"/>\n' if head else "")
        + "</g>\n</svg>\n"
    )


def _polyline(*points: tuple[float, float]) -> str:
    """A path through ``points`` as the engine writes a polyline: each run a straight cubic."""
    pairs = [f"{x},{y}" for x, y in points]
    runs = " ".join(f"{a} {b} {b}" for a, b in zip(pairs, pairs[1:], strict=False))
    return f"M{pairs[0]}C{runs}"


def test_an_edge_along_a_group_s_border_counts_once_one_clear_of_it_or_across_it_none() -> None:
    along = _polyline((300, -60), (306, -100), (306, -200), (200, -240))  # 6 points off its side
    assert border_runs(_drawing(along)) == 1
    assert border_runs(_drawing(along), along=3.0) == 0  # the engine's 6 points, not 3
    clear = _polyline((300, -60), (320, -100), (320, -200), (200, -240))
    assert border_runs(_drawing(clear)) == 0
    across = _polyline((290, -60), (260, -150), (160, -230))  # into the box and out: no run
    assert border_runs(_drawing(across)) == 0


def test_an_edge_along_its_own_end_s_border_does_not_count() -> None:
    hugging = _polyline((300, -62), (250, -64), (200, -64))  # along b's top, where it starts
    assert border_runs(_drawing(hugging)) == 0


def test_an_edge_along_a_group_s_side_moves_clear_of_it_its_arrowhead_still_at_the_box() -> None:
    edge = _polyline((300, -60), (306, -100), (306, -200), (204.5, -229.9))
    drawn = _drawing(edge, "203.7,-233.2 195.3,-232.4 202,-227.2 203.7,-233.2")
    moved = clear_borders(drawn)
    assert border_runs(drawn) == 1 and border_runs(moved) == 0
    path = PATH.search(moved)
    assert path is not None
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path.group(1))]
    xs = numbers[0::2]
    assert max(xs) >= 300 + CLEAR - 0.01  # round the side, clear of it
    head = HEAD.search(moved)
    assert head is not None
    tip = [float(v) for v in head.group(1).split()[1].split(",")]
    assert abs(tip[0] - 195.3) < 0.1 and abs(tip[1] + 232.4) < 0.1  # its tip where it was
    assert clear_borders(moved) == moved


def test_an_edge_a_later_pass_bent_round_a_group_s_side_moves_clear_of_it_too() -> None:
    """The passes after the engine's (a breadcrumb's edges ended at its rows) draw their
    runs with rounded bends (:func:`~.svgedits.bent_path`): such an edge along a linked
    group's side was taken for a curve and left there, a few points off the frame."""
    from argmap.exporters.diagram.svgedits import bent_path

    edge = bent_path([(300, -60), (306, -100), (306, -200), (204.5, -229.9)])
    drawn = _drawing(edge, "203.7,-233.2 195.3,-232.4 202,-227.2 203.7,-233.2")
    moved = clear_borders(drawn)
    assert border_runs(drawn) == 1 and border_runs(moved) == 0
    path = PATH.search(moved)
    assert path is not None
    xs = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path.group(1))][0::2]
    assert max(xs) >= 300 + CLEAR - 0.01


def test_a_drawing_with_no_edge_along_a_border_is_left_as_it_is() -> None:
    drawn = _drawing(_polyline((300, -60), (320, -100), (320, -200), (200, -240)))
    assert clear_borders(drawn) == drawn
    curved = _drawing("M306,-100C310,-130 302,-170 306,-200")  # not the engine's polyline
    assert clear_borders(curved) == curved


def test_a_few_edges_asked_for_are_checked_without_filing_the_boxes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The breadcrumb's edges, checked again after its rows are drawn (``only``), are each
    compared with every box: the boxes are filed by squares only once one runs along a
    border (at 10,000 nodes none did, and the filing was a seventh of the pass)."""
    from argmap.exporters.diagram import offborders

    filed: list[object] = []

    class Counted(offborders._Grid):
        def __init__(self, boxes: list[offborders.Outline]) -> None:
            filed.append(boxes)
            super().__init__(boxes)

    monkeypatch.setattr(offborders, "_Grid", Counted)
    clear = _drawing(_polyline((300, -60), (320, -100), (320, -200), (200, -240)))
    assert clear_borders(clear, "b&#45;&gt;a") == clear  # (words of its title)
    assert not filed  # no edge along a border: nothing filed
    edge = _polyline((300, -60), (306, -100), (306, -200), (204.5, -229.9))
    along = _drawing(edge, "203.7,-233.2 195.3,-232.4 202,-227.2 203.7,-233.2")
    moved = clear_borders(along, "b&#45;&gt;a")
    assert moved != along and moved == clear_borders(along)  # as when every edge is asked for
    assert clear_borders(along, "no such word") == along


def test_an_edge_s_runs_along_the_boxes_filed_near_it_are_its_runs_along_every_box() -> None:
    """What :func:`clear_borders` compares an edge with: the boxes filed in the squares its
    reach covers, or (a few edges) every box; both count the same runs."""
    from random import Random

    from argmap.exporters.diagram.borderruns import Outline, edge_runs
    from argmap.exporters.diagram.geometry import Box
    from argmap.exporters.diagram.offborders import _Curve, _Grid

    rng = Random(5)
    for _ in range(150):
        boxes = []
        for _ in range(rng.randint(1, 25)):
            x, y = rng.uniform(0, 900), rng.uniform(0, 900)
            w, h = rng.uniform(10, 300), rng.uniform(10, 120)
            boxes.append(Outline(Box(x, y, x + w, y + h), rng.random() < 0.3))
        grid = _Grid(boxes)
        for _ in range(5):
            points = [(rng.uniform(0, 1000), rng.uniform(0, 1000))]
            for _ in range(rng.randint(1, 4)):  # runs along a box's side now and then
                box = rng.choice(boxes).box
                x = rng.choice((box.left, box.right)) + rng.uniform(-8, 8)
                points += [(x, box.top + rng.uniform(-5, 5)), (x, box.bottom + rng.uniform(-5, 5))]
            b, r = _Curve.of(points).box, ALONG + 1
            reach = Box(b.left - r, b.top - r, b.right + r, b.bottom + r)
            filed = edge_runs(points, [], grid.near(reach))
            assert filed == edge_runs(points, [], boxes)


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", False), ("a4", True)])
def test_stacked_linked_groups_arrows_run_along_no_border(fit: str, portrait: bool) -> None:
    """Two linked groups stacked on a page: each arrow runs clear of the other's box (it ran
    along its border, within the engine's 6 points, and objections' arrows along theirs)."""
    m = load_map(STACKED)
    options = RenderOptions(portrait=portrait)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    runs = {page.plan.page.number: border_runs(page.svg) for page in layout.pages}
    assert sum(runs.values()) == 0, (runs, ALONG)


def test_the_edges_filed_by_squares_are_those_a_full_comparison_finds() -> None:
    """The edges a way may cross are looked up by squares: none missed, none extra.

    Wide edges (spanning many squares), edges with no points, edges moved after filing and
    a wide region asked about are all checked against comparing every edge's box.
    """
    from random import Random

    from argmap.exporters.diagram.geometry import Box
    from argmap.exporters.diagram.offborders import _Curve, _Lines, _meets

    rng = Random(11)

    def curve() -> _Curve:
        if rng.random() < 0.05:
            return _Curve.of([])
        x, y = rng.uniform(-3000, 3000), rng.uniform(-3000, 3000)
        reach = 5000 if rng.random() < 0.1 else 400
        return _Curve.of(
            [
                (x + rng.uniform(-reach, reach), y + rng.uniform(-reach, reach))
                for _ in range(rng.randint(2, 5))
            ]
        )

    curves = [curve() for _ in range(300)]
    lines = _Lines(curves)
    for step in range(200):
        if step % 3 == 0:
            index = rng.randrange(len(curves))
            curves[index] = curve()
            lines.move(index, curves[index])
        x, y, reach = rng.uniform(-4000, 4000), rng.uniform(-4000, 4000), rng.choice((50, 6000))
        region = Box(x, y, x + rng.uniform(0, reach), y + rng.uniform(0, reach))
        skip = rng.randrange(len(curves))
        found = lines.near(region, skip)
        expected = [c for i, c in enumerate(curves) if i != skip and _meets(c.box, region)]
        assert sorted(map(id, found)) == sorted(map(id, expected))
    assert lines.wide and lines.cells  # both kinds of filing were used


_Place = Callable[[float, float], tuple[float, float]]
_SIDES: dict[str, _Place] = {
    "left": lambda off, at: (-off, at),
    "right": lambda off, at: (100 + off, at),
    "top": lambda off, at: (at, -off),
    "bottom": lambda off, at: (at, 100 + off),
}
"""Each side of the box 0..100 both ways: a point ``off`` points out of it, ``at`` along it."""


@pytest.mark.parametrize("side", sorted(_SIDES))
def test_a_run_just_inside_the_band_off_any_side_counts_and_its_corner_is_pushed(
    side: str,
) -> None:
    """The quick tests that skip a box far from a run keep a run at the band's very edge."""
    from argmap.exporters.diagram.borderruns import Outline, runs_along
    from argmap.exporters.diagram.borderways import _pushed
    from argmap.exporters.diagram.geometry import Box

    box, point = Box(0, 0, 100, 100), _SIDES[side]
    assert runs_along([point(ALONG - 0.5, -20), point(ALONG - 0.5, 120)], box) == 1
    assert runs_along([point(ALONG + 0.5, -20), point(ALONG + 0.5, 120)], box) == 0
    assert runs_along([point(-(ALONG - 0.5), -20), point(-(ALONG - 0.5), 120)], box) == 1
    corners = [point(ALONG - 0.5, -30), point(ALONG - 0.5, 50), point(60, 140)]
    pushed = _pushed(corners, [Outline(box, False)], CLEAR)
    assert pushed[1] != corners[1]
    assert pushed[1] == point(CLEAR, 50)


def test_the_ways_round_a_border_are_made_one_at_a_time_each_only_if_none_before_served(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first way that serves ends the search: made all at once, most of an edge's ways
    were made and never tried."""
    made: list[int] = []
    moved = borderways._moved

    def counted(*args: object) -> list[tuple[float, float]]:
        made.append(1)
        return moved(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(borderways, "_moved", counted)
    corners = [(0.0, 0.0), (0.0, 50.0), (100.0, 50.0)]
    tries = borderways.ways(corners, [], [])
    assert next(tries) == [(0.0, 0.0), (100.0, 50.0)]  # the shortcut: no box in its way
    assert not made
    assert list(tries) == [] and len(made) == 2  # (each clearance's runs moved: none to move)
