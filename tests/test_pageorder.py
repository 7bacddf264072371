"""Linked groups share a page with other branches, drawn in file order, or are kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import pageorder
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS

CASES = Path(__file__).parent / "cases"


def _laid(m: ArgumentMap, fit: str, direction: str = "TB", portrait: bool = False) -> Layout:
    options = RenderOptions(direction=direction, portrait=portrait)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _mixed_out_of_order(m: ArgumentMap, layout: Layout, across: bool) -> list[int]:
    """The pages that draw a linked group beside other tops, one row out of file order."""
    out = []
    for laid in layout.pages:
        units = pageorder.top_units(m, laid.plan.page.tops)
        mixed = len(units) > 1 and any(len(unit) > 1 for unit in units)
        if mixed and pageorder.out_of_order(laid.svg, units, across):
            out.append(laid.plan.page.number)
    return out


def test_small_branches_and_linked_groups_share_a_slide_in_file_order() -> None:
    """Two linked pairs and an objection with its rebuttal, all under the thesis and each
    small, had a slide each (five slides for 22 statements): then one, in file order. The
    key of every slide's kinds leaves page 1 for a later slide that draws statements too
    (slide 3, which draws the second pair, till the key explained the stubs, breadcrumbs
    and references too: slide 4): four slides, the first pair and the objection on page 1
    with the thesis. Since stubs name their kinds (``REASON · +3 more, p. 2``; some a
    line taller, ``LINKED`` atop), page 1 keeps the objection with its rebuttal, and the
    two pairs share slide 4, in file order. Since the thesis's rows of boxes send their
    arrows up the gaps (the objection's ran round the rows' side), page 1 draws a reason
    in full where the objection was: the first pair shares a slide with the key, the
    second with the objection and its rebuttal, each slide in file order."""
    m = load_map(CASES / "lint-all.yaml")
    layout = _laid(m, "slide")
    assert len(layout.pages) == 4
    home = {node: laid.plan.page.number for laid in layout.pages for node in laid.plan.page.nodes}
    assert home["cost"] == home["wrong"] and home["fit"] == home["shops"]
    assert home["lanes-connect"] == home["schools-matter"]
    for pair in [("fit", "shops"), ("lanes-connect", "schools-matter")]:
        (paired,) = [laid.plan.page for laid in layout.pages if pair[0] in laid.plan.page.nodes]
        assert pair in pageorder.top_units(m, paired.tops)
    (keyed,) = [laid.plan.page for laid in layout.pages if 'id="legend"' in laid.svg]
    assert keyed.number > 1 and keyed.nodes and keyed.key[0]
    assert _mixed_out_of_order(m, layout, False) == []


@pytest.mark.parametrize("direction", ["TB", "BT", "LR"])
@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_a_page_drawn_with_a_group_out_of_order_is_planned_without_mixing(
    fit: str, direction: str
) -> None:
    """The flagship's third slide mixed the pivot's linked pair with the Crimea forecast,
    and the engine drew the pair first (an undercutter held below the forecast pulled it):
    that page is planned again with the pair on a page of its own."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, fit, direction)
    assert _mixed_out_of_order(m, layout, direction == "LR") == []


def test_groups_kept_apart_are_marked_once() -> None:
    m = load_map(CASES / "lint-all.yaml")
    layout = _laid(m, "slide")
    tighter: dict[str, tuple[float, float]] = {}
    assert not pageorder.keep_apart(tighter, m, layout.pages, False)  # in order: none marked
    assert tighter == {}


def test_out_of_order_compares_units_in_one_row_only() -> None:
    def box(name: str, left: float, top: float) -> str:
        right, bottom = left + 50, top + 20
        points = f"{left},{top} {right},{top} {right},{bottom} {left},{bottom}"
        shape = f'<polygon points="{points}"/>'
        return f'<g id="n{name}" class="node premise"><title>{name}</title>{shape}</g>\n'

    row = "<svg>" + box("a", 200, 0) + box("b", 0, 0) + "</svg>"  # b drawn left of a
    assert pageorder.out_of_order(row, [("a",), ("b",)], False)
    rows = "<svg>" + box("a", 200, 0) + box("b", 0, 100) + "</svg>"  # b wrapped below
    assert not pageorder.out_of_order(rows, [("a",), ("b",)], False)
    down = "<svg>" + box("a", 0, 100) + box("b", 0, 0) + "</svg>"  # left to right: b above a
    assert pageorder.out_of_order(down, [("a",), ("b",)], True)
    assert not pageorder.out_of_order(down, [("b",), ("a",)], True)
