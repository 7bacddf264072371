"""Undercut links' junctions on continued pages: held in line with their boxes' rows."""

from __future__ import annotations

import html

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.trailonto import link_side
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES

HOMEWORK = CASES / "homework-undercut.yaml"
CARFREE = CASES / "carfree-undercut-link.yaml"


def test_a_later_rows_junction_is_held_in_the_row_above_under_its_anchor() -> None:
    """The tester's homework map on A4, page 1: the thesis's children in three rows, the
    objection in the middle of the last one undercut. Its junction, a rank above it, in
    the second row's rank but not held in it, went beyond that row's last box, and the
    objection's arrow ran across its right neighbour's. Held after the box above it, the
    arrow goes straight up (and nothing crosses)."""
    m = load_map(HOMEWORK)
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    page = layout.pages[0]
    rows = [row for wrap in page.plan.page.wraps for row in wrap.rows]
    assert ("practice", "prep", "too-blunt") in rows
    source = page.graph.source
    assert '"stub parents-want" -> "junction prep" [style=invis]' in source
    assert '"junction prep" -> "stub reading" [style=invis]' in source
    svg = page.svg
    assert geometry.crossings(svg) == 0
    boxes = geometry.boxes(svg)
    junction = boxes["junction prep"]
    assert boxes["practice"].right < junction.left < junction.right < boxes["too-blunt"].left
    assert "<title>junction prep</title>" in html.unescape(svg)


def test_a_breadcrumb_link_goes_out_of_the_side_that_crosses_no_arrow() -> None:
    """The tester's car-free debate on slides (cut down): a page under the thesis, the
    tourism reason and the business objection, its tops the undercutter of the reason's
    link to the thesis, then two rebuttals of the objection. The link left the
    breadcrumb's right side, its junction beside it, and the undercutter's arrow ran
    across the page to it over the second rebuttal's arrow and the link (two crossings).
    The undercutter first of the tops, the link now leaves the left side."""
    m = load_map(CARFREE)
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    pages = [p for p in layout.pages if p.plan.page.tops[0] == "pontevedra-small"]
    assert len(pages) == 1
    page = pages[0]
    assert page.plan.page.trail == ("ban-cars", "tourism", "business")
    assert link_side(m, page.plan) == "w"
    source = page.graph.source
    assert '"junction trail tourism" -> "page trail":r1:w' in source
    assert '"junction trail tourism" -> "page trail":r0:w' in source
    assert geometry.crossings(page.svg) == 0
    boxes = geometry.boxes(page.svg)
    assert boxes["junction trail tourism"].right < boxes["pedestrians-spend"].left
    assert all(geometry.crossings(other.svg) == 0 for other in layout.pages)
