"""A breadcrumb shared by several parents: every edge into it ends plainly at its own row."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import Box
from argmap.exporters.diagram.trailastray import astray, outline_distance, row_at
from argmap.exporters.diagram.trailnest import SPREAD, spaced
from argmap.exporters.diagram.trailround import Round
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests import trailends

ROOT = Path(__file__).parent.parent
CASES = ROOT / "tests" / "cases" / "trailends"


@cache
def _map(name: str) -> ArgumentMap:
    if name == "flagship":
        return load_map(ROOT / "maps" / "russias-game-in-north-korea.yaml")
    if name.isdigit():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_render import generate

        return validate_data(generate(int(name)))
    return load_map(CASES / f"{name}.json")


def _laid(name: str, fit: str) -> Layout:
    m = _map(name)
    return lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize("fit", ["slide", "a4"])
@pytest.mark.parametrize(
    "name",
    [
        "branches-sharing-a-breadcrumb",
        "branches-sharing-a-breadcrumb-crowded-foot",
        "flagship",
        "120",
    ],
)
def test_every_edge_into_a_breadcrumb_ends_at_its_own_row(name: str, fit: str) -> None:
    """Small branches of several parents share one breadcrumb: each top's arrow reaches
    the box level with its parent's row (a side; the top for the first row, the foot for
    the last), its line clear of the other rows. The engine ended some at the box's
    corner or ran them up inside it past other rows, and the row pass kept them so where
    redrawing them crossed an edge (these maps: 2 and 1 astray on the small cases' slides,
    1 on the flagship's slides, 3 and 3 on the 120-node map's); a foot crowded at one end
    pushed the first tip off the rounded corner (1 on a small case's slides)."""
    layout = _laid(name, fit)
    found = [
        (page.plan.page.number, end.title, end.why)
        for page in layout.pages
        for end in trailends.astray(page.svg)
    ]
    assert found == []


def test_tips_along_the_foot_move_back_only_as_far_as_the_box_needs() -> None:
    """Tips crowded at the foot's right end move left only as far as they must: the
    leftmost stayed at the foot's left end, not pushed past it onto the rounded corner."""
    tips = spaced([0.0, 5.0, 100.0, 120.0], 10.0, 110.0)
    assert tips == [10.0, 10.0 + SPREAD, 110.0 - SPREAD, 110.0]
    many = spaced([50.0] * 5, 10.0, 40.0)  # too many for the foot: shared evenly
    assert many == [10.0, 17.5, 25.0, 32.5, 40.0]


def _round(row: int, points: tuple[tuple[float, float], ...]) -> Round:
    """An edge into ``row`` along ``points``, its arrowhead a point at the last."""
    last = points[-1]
    return Round(row, points, (0.0, -1.0), (0, 0), [((0, 0), [last])])


def test_an_edge_is_astray_at_a_corner_or_past_another_row() -> None:
    """Three rows 15.2 points apart: an edge into the middle row is at home at a side
    level with it, astray at a corner, short of the box, or run up the side past the last
    row; an edge into the last row may end on the foot."""
    trail = Box(0.0, 0.0, 200.0, 52.0)
    rows = [11.0, 26.2, 41.4]
    assert row_at(trail, rows, 26.0) == 1 and row_at(trail, rows, 51.0) == 2
    assert outline_distance(trail, (200.0, 26.0)) == pytest.approx(0.0)
    assert not astray(_round(1, ((260.0, 26.2), (200.0, 26.2))), trail, rows)
    assert astray(_round(1, ((260.0, 90.0), (198.0, 50.0))), trail, rows)  # a corner
    assert astray(_round(1, ((260.0, 26.2), (205.0, 26.2))), trail, rows)  # short of it
    side = ((200.5, 90.0), (200.5, 40.0), (200.5, 26.2))
    assert astray(_round(1, side), trail, rows)  # up along the side from the corner
    assert not astray(_round(2, ((100.0, 90.0), (100.0, 52.0))), trail, rows)
