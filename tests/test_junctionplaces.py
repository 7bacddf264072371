"""Undercut links' junctions on continued pages sit by their tops: no arrow pulled across."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.trailcuts import FLAT
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES

FLAT_JUNCTION = CASES / "trailcuts" / "flat-junction.json"
"""A random debate cut down to one A4 page's branch: three pieces of evidence atop it, the
middle one's link to the breadcrumb undercut, no room for its junction on a rank above it."""


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
