"""Undercut links' junctions on continued pages sit by their tops: no arrow pulled across."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.trailcuts import FLAT
from argmap.exporters.diagram.trailonto import link_side
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES

FLAT_JUNCTION = CASES / "trailcuts" / "flat-junction.json"
"""A random debate cut down to one A4 page's branch: three pieces of evidence atop it, the
middle one's link to the breadcrumb undercut, no room for its junction on a rank above it."""
LINK_SIDE = CASES / "trailcuts" / "link-side.json"
"""A random debate cut down to one slide of two branches: the undercutter of the second
breadcrumb row's link to the thesis's, then a piece of evidence hung from the third row."""


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_a_junction_on_its_tops_rank_sits_right_after_its_top(direction: str) -> None:
    """The junction on the middle top's arrow sits on the tops' rank (no room above): the
    engine set it beyond the last top, and the arrow ran along the page under that top's
    objections and back up (three crossings), its undercutter's from the far corner. It
    is now held right after its top, between it and the next."""
    m = load_map(FLAT_JUNCTION)
    options = RenderOptions(direction=direction)
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    (page,) = [p for p in layout.pages if "n116" in p.plan.page.tops]
    assert page.plan.page.tops == ("n115", "n116", "n118")
    assert page.plan.cut_way == FLAT
    found = geometry.boxes(page.svg)
    top, junction, after = found["n116"], found["junction n116"], found["n118"]
    assert top.right < junction.left and junction.right < after.left
    assert geometry.crossings(page.svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_a_breadcrumb_link_leaves_the_side_of_the_top_that_undercuts_it(direction: str) -> None:
    """The undercutter is the first of the slide's two tops: the link left the breadcrumb's
    right side, its junction beyond the other top's arrow, which the undercutter's crossed.
    Out of the right side the drafts counted no crossing more (the link's halves are
    redrawn after), and the left side's try was not kept. The link now leaves the side of
    the tops that undercut it, the left, and the other side is kept only if it crosses
    less."""
    m = load_map(LINK_SIDE)
    options = RenderOptions(direction=direction)
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    (page,) = [p for p in layout.pages if "n14" in p.plan.page.tops]
    assert page.plan.page.tops == ("n14", "n49")
    assert page.plan.page.trail == ("n1", "n2", "n8")
    assert link_side(m, page.plan) == "w"
    assert '"junction trail n2" -> "page trail":r1:w' in page.graph.source
    found = geometry.boxes(page.svg)
    assert found["junction trail n2"].right < found["n49"].left
    assert all(geometry.crossings(p.svg) == 0 for p in layout.pages)
    assert layout.scale(page) >= layout.budget.scale - 1e-9
