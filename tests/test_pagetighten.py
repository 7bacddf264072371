"""Tests for how a re-plan cuts the budget of the pages whose layout overflowed."""

from __future__ import annotations

import pytest

from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.pagetighten import TRIES, tighten
from argmap.exporters.diagram.paging import Page

BUDGET = Budget(1000.0, 500.0, 1.0)


def page(estimate: tuple[float, float]) -> Page:
    return Page(1, (), ("a",), ("a", "b", "c"), estimate=estimate)


def test_a_page_estimated_well_inside_its_share_is_cut_below_its_estimate() -> None:
    # Estimated at 0.81 of the width, drawn at 1.02: a cut by the overflow alone (to
    # about 0.9) would leave the same page in the next plan.
    tighter: dict[str, tuple[float, float]] = {}
    tighten(tighter, [(page((810.0, 300.0)), 1020.0, 320.0)], BUDGET, 1)
    width, height = tighter["a"]
    assert width < 0.81 * 1000 / 1020
    assert width > 0.7
    assert height == 1.0  # the height fitted: not cut


def test_a_page_that_overflows_by_height_is_cut_in_height_only() -> None:
    tighter: dict[str, tuple[float, float]] = {}
    tighten(tighter, [(page((600.0, 450.0)), 700.0, 550.0)], BUDGET, 1)
    width, height = tighter["a"]
    assert width == 1.0
    assert height < 0.9 * 500 / 550


def test_cuts_compound_and_end_in_the_first_node_alone() -> None:
    tighter: dict[str, tuple[float, float]] = {}
    tighten(tighter, [(page((900.0, 300.0)), 1050.0, 300.0)], BUDGET, 1)
    first = tighter["a"][0]
    tighten(tighter, [(page((800.0, 300.0)), 1040.0, 300.0)], BUDGET, 2)
    assert tighter["a"][0] < first
    tighten(tighter, [(page((700.0, 300.0)), 1030.0, 300.0)], BUDGET, TRIES)
    assert tighter["a"] == (0.0, 0.0)


def test_a_page_first_too_big_after_the_tries_is_cut_as_any_till_the_last_plan() -> None:
    """Pages cut by earlier plans start new pages, which may overflow in their turn: cut
    to their first node at once, a 13-statement map took 9 upright A4 pages, four of one
    statement. Only before the last plan is a first overflow cut to its first node."""
    tighter: dict[str, tuple[float, float]] = {}
    tighten(tighter, [(page((900.0, 300.0)), 1050.0, 300.0)], BUDGET, TRIES + 1)
    assert 0.5 < tighter["a"][0] < 900 / 1000
    tighter.clear()
    tighten(tighter, [(page((900.0, 300.0)), 1050.0, 300.0)], BUDGET, TRIES + 1, last=True)
    assert tighter["a"] == (0.0, 0.0)


@pytest.mark.parametrize("estimate", [(0.0, 0.0), (1000.0, 500.0)])
def test_without_a_useful_estimate_the_cut_is_the_overflow(
    estimate: tuple[float, float],
) -> None:
    tighter: dict[str, tuple[float, float]] = {}
    tighten(tighter, [(page(estimate), 1100.0, 400.0)], BUDGET, 1)
    assert tighter["a"][0] == pytest.approx(1000 / 1100 * 0.92)


def test_a_page_cut_to_its_first_node_cuts_the_page_its_next_top_starts() -> None:
    # Its other tops start the next page with the siblings after them: left at the whole
    # budget, that page would overflow as this one did, and be cut one plan later.
    tighter: dict[str, tuple[float, float]] = {"a": (0.95, 1.0)}  # cut by a plan before
    two = Page(1, (), ("a", "b"), ("a", "b", "c"), estimate=(900.0, 300.0))
    tighten(tighter, [(two, 1050.0, 300.0)], BUDGET, TRIES)
    assert tighter["a"] == (0.0, 0.0)
    width, height = tighter["b"]
    assert 0.5 < width < 900 / 1000
    assert height == 1.0
    tighter["b"] = (0.5, 0.5)  # cut already by a plan of its own: kept
    tighten(tighter, [(two, 1050.0, 300.0)], BUDGET, TRIES + 1)
    assert tighter["b"] == (0.5, 0.5)


def test_a_tightened_overview_keeps_a_stub_for_each_branch() -> None:
    """``school-uniforms`` on upright A4: page 1 drew the thesis's objection and a reason
    in full and came out wider than planned; planned again at the tightened width, its
    four stubs were capped to two and a '3 more reasons' stub, on a page three quarters
    empty. Stubs are plain boxes, drawn as estimated: they are capped only when they do
    not fit the whole page, so every reason and the objection is named on page 1."""
    from argmap.analysis.standing import analyze
    from argmap.exporters.diagram.engine import find_engine
    from argmap.exporters.diagram.fitting import lay_out
    from argmap.load.maps import load_map
    from argmap.options import RenderOptions
    from tests.conftest import MAPS

    m = load_map(MAPS / "school-uniforms.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(portrait=True), "a4", find_engine("auto"))
    first = layout.pages[0]
    assert not any(stub.grouped for stub in first.plan.page.stubs)
    named = {stub.tops[0] for stub in first.plan.page.stubs} | set(first.plan.page.nodes)
    assert {"cost", "bullying-clothes", "identity", "expression"} <= named
    assert all(layout.scale(page) >= layout.budget.scale - 1e-9 for page in layout.pages)
