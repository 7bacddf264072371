"""A drawing a little over its page's budget: shown at the floor, its pad in the margin."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pagesize import (
    MARGIN_SHARE,
    OVERHANG,
    PAD_POINTS,
    PAGE_SIZES,
    fit_scale,
    page_budget,
)
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

CASE = MAPS.parent / "tests" / "cases" / "pagefloor" / "overview-overhang.json"


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", False), ("a4", True)])
def test_a_drawing_over_its_budget_by_its_pads_edge_is_shown_at_the_floor(
    fit: str, portrait: bool
) -> None:
    """Within the overhang the scale stays at the floor; past it, the drawing shrinks."""
    page = PAGE_SIZES[fit].turned(portrait)
    budget = page_budget(page)
    for over in (0.0, 0.4, OVERHANG * 0.99):
        assert budget.holds(budget.width + over, budget.height + over)
        assert fit_scale(budget, budget.width + over, budget.height) == budget.scale
        assert fit_scale(budget, budget.width, budget.height + over) == budget.scale
    past = OVERHANG + 0.5
    assert not budget.holds(budget.width + past, budget.height)
    assert fit_scale(budget, budget.width + past, budget.height) < budget.scale
    assert fit_scale(budget, budget.width, budget.height + past) < budget.scale
    # Centred at the floor, its boxes (inside the pad) keep 3/4 of the page's margin.
    drawn = budget.width + OVERHANG
    left = (page.width / budget.scale - drawn) / 2 + PAD_POINTS  # the boxes' edge, unscaled
    margin = MARGIN_SHARE * min(page.width, page.height)
    assert left * budget.scale >= 0.75 * margin - 1e-9


def test_an_overview_a_hair_too_wide_is_not_planned_down_to_one_grouped_stub() -> None:
    """A 657-node map with three conclusions on upright A4: page 1 (the thesis, three
    conclusion stubs, three reason stubs and one for the other 30) was drawn 0.4 pt wider
    than its budget. Planned again four times, each plan narrower, it ended with the
    thesis and one stub for all 33 reasons: a reader saw no reason at all on page 1."""
    m = load_map(CASE)
    layout = lay_out(m, analyze(m), RenderOptions(portrait=True), "a4", find_engine("auto"))
    first = layout.pages[0]
    singles = [s.tops[0] for s in first.plan.page.stubs if not s.grouped and s.parent == "n1"]
    assert singles[:3] == ["n2", "n224", "n226"]
    assert layout.scale(first) >= layout.budget.scale
    assert all(layout.scale(page) >= layout.budget.scale for page in layout.pages)
