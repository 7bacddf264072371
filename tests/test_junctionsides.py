"""Undercut links' junctions on continued pages: on the side of their undercutters, in line."""

from __future__ import annotations

import html

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.build import to_digraph
from argmap.exporters.diagram.engine import find_engine, run_engine_svg
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES

SHOPS = CASES / "shops-undercut.yaml"
HOMEWORK = CASES / "homework-undercut.yaml"


def _shops_page(tops: tuple[str, ...]) -> PagePlan:
    """A continued page of the shops map: ``tops`` in a row under the breadcrumb."""
    m = load_map(SHOPS)
    below = {
        "pontevedra-small": ("big-cities-too",),
        "pedestrians-spend": ("spend-per-visit", "monthly-matters"),
        "footfall": ("footfall-chains", "footfall-data"),
    }
    nodes = tuple(n for top in tops for n in (top, *below[top]))
    trail = ("ban-cars", "tourism", "business")
    page = Page(2, trail, tops, nodes, wraps=(Wrap(TRAIL, (tops,), ()),))
    home = {node.id: 1 for node in m.walk()} | dict.fromkeys(nodes, 2)
    return PagePlan(page, 2, home)


@pytest.mark.parametrize(
    ("tops", "side"),
    [
        (("pontevedra-small", "pedestrians-spend", "footfall"), "w"),
        (("pedestrians-spend", "footfall", "pontevedra-small"), "e"),
    ],
)
def test_a_breadcrumb_links_junction_goes_out_on_its_undercutters_side(
    tops: tuple[str, ...], side: str
) -> None:
    """The tester's car-free debate, slide 13: the undercutter of the tourism reason's link
    to the thesis, the first of three tops, the other two attacking the breadcrumb's last
    row. The link went out of the breadcrumb's right side, so its junction sat far right,
    and the undercutter's arrow ran across the page to it, crossing the second rebuttal's
    arrow (and the link). On the side of the tops its undercutter is on, nothing crosses."""
    m = load_map(SHOPS)
    plan = _shops_page(tops)
    source = to_digraph(m, analyze(m), RenderOptions(), plan).source
    lines = source.splitlines()
    ends = [line for line in lines if line.startswith('\t"junction trail tourism" ->')]
    assert len(ends) == 2 and all(f":r1:{side} " in e or f":r0:{side} " in e for e in ends)
    svg = run_engine_svg(source, find_engine("auto"))
    assert geometry.crossings(svg) == 0
    assert geometry.through_boxes(svg) == 0


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
