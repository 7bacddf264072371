"""Undercut links' junctions on continued pages: held in line with their boxes' rows."""

from __future__ import annotations

import html

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES

HOMEWORK = CASES / "homework-undercut.yaml"


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
