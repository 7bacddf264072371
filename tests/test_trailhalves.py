"""An undercut breadcrumb row's link: drawn once, its arrowhead at the row above, on the box."""

from __future__ import annotations

import math
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.traillanes import trail_rows
from argmap.exporters.diagram.trailname import HALF_CLASS
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

_FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
_HALF = re.compile(r'^\t"(junction trail [^"]+)" -> "page trail":(r\d+)', re.M)


def _flagship(fit: str) -> Layout:
    """The flagship laid out on pages of ``fit`` (``a4-portrait``: upright A4)."""
    m = load_map(_FLAGSHIP)
    paper, *turn = fit.split("-")
    options = RenderOptions(portrait=bool(turn))
    return lay_out(m, analyze(m), options, paper, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize("fit", ["slide", "a4", "letter-portrait"])
def test_an_undercut_breadcrumb_link_is_drawn_once_however_many_tops_undercut_it(
    fit: str,
) -> None:
    """The flagship's three alternative explanations undercut the link from 'Russia is
    playing its own game' up to the thesis, both rows of A4 page 9's breadcrumb: each top
    drew the link's two halves again, three arrows piled on one another into the box."""
    seen = 0
    for page in _flagship(fit).pages:
        halves = _HALF.findall(page.graph.source)
        for junction in {name for name, _ in halves}:
            rows = [row for name, row in halves if name == junction]
            assert len(rows) == len(set(rows)) == 2, (page.plan.number, junction, rows)
            seen += 1
    assert seen


Point = tuple[float, float]


def _halves(svg: str) -> list[tuple[list[Point], Point | None]]:
    """Each half of an undercut breadcrumb link drawn: its points, its arrowhead's tip if any.

    The tip: the arrowhead's point furthest from where its path ends.
    """
    out: list[tuple[list[Point], Point | None]] = []
    for kind, classes, start, stop in geometry.groups(svg):
        if kind != "edge" or HALF_CLASS not in classes:
            continue
        d = re.search(r'<path\b[^>]*?\bd="([^"]*)"', svg[start:stop])
        assert d is not None
        points = list(geometry.curve(d.group(1)))
        head = re.search(r'<polygon\b[^>]*?\bpoints="([^"]*)"', svg[start:stop])
        outline = (
            []
            if head is None
            else [
                (float(x), float(y))
                for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", head.group(1))
            ]
        )
        ends = (points[0], points[-1])
        tip = max(outline, key=lambda p: min(math.dist(p, e) for e in ends)) if outline else None
        out.append((points, tip))
    return out


def _off(p: Point, box: geometry.Box) -> float:
    """How far a point lies outside a box (0 on or in it)."""
    dx = max(box.left - p[0], 0.0, p[0] - box.right)
    return math.hypot(dx, max(box.top - p[1], 0.0, p[1] - box.bottom))


@pytest.mark.parametrize("fit", ["slide", "a4", "letter", "a4-portrait", "letter-portrait"])
def test_an_undercut_breadcrumb_links_halves_end_on_the_box_the_upper_with_an_arrowhead(
    fit: str,
) -> None:
    """The link's halves ran into the breadcrumb's box, up its side or through its foot, to
    the middles of their rows, the upper one with no arrowhead (the flagship's slide 13:
    a line from the junction up inside the box's right end, over its rows' ends). Now the
    upper half ends with an arrowhead on a side of the box, level with its row, and
    neither half runs inside the box; the lower half ends clear of other arrowheads (on
    slide 13 it ran into the Sina evidence's, as if the link had a head at each end)."""
    seen = 0
    for page in _flagship(fit).pages:
        halves = _halves(page.svg)
        if not halves:
            continue
        trail, rows = trail_rows(page.svg)
        assert trail is not None
        inside = geometry.Box(trail.left + 2, trail.top + 2, trail.right - 2, trail.bottom - 2)
        tips = [tip for _, tip in halves if tip is not None]
        assert len(tips) * 2 == len(halves), page.plan.number  # one arrowhead to a link
        for x, y in tips:  # on a side (or its rounded corner), level with a row
            assert min(abs(x - trail.left), abs(x - trail.right)) <= 4, (page.plan.number, x)
            assert min(abs(y - row) for row in rows) <= 4, (page.plan.number, y, rows)
        others = [  # every other arrow's arrowhead points
            (float(x), float(y))
            for kind, classes, start, stop in geometry.groups(page.svg)
            if kind == "edge" and HALF_CLASS not in classes
            for outline in re.findall(r'<polygon\b[^>]*?\bpoints="([^"]*)"', page.svg[start:stop])
            for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", outline)
        ]
        for points, tip in halves:  # the lower half ends clear of other arrowheads
            end = min(points[0], points[-1], key=lambda p: _off(p, trail))  # the box's end
            assert tip is not None or all(math.dist(end, o) >= 2 for o in others), (
                page.plan.page.number,
                end,
            )
        for points, _ in halves:
            assert not any(
                inside.left < x < inside.right and inside.top < y < inside.bottom
                for x, y in points
            ), page.plan.number
        seen += 1
    assert seen
