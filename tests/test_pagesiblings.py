"""A page of siblings: each with its leaves, in rows (a reason with its evidence), groups too."""

from __future__ import annotations

import math

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.pageorder import out_of_order, top_units
from argmap.exporters.diagram.stacking import Item, rows_ranks
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import CASES
from tests.test_pagestack import _pieces, _stacked_rows


def _laid(m: ArgumentMap, fit: str, direction: str = "TB", portrait: bool = False) -> Layout:
    options = RenderOptions(direction=direction, portrait=portrait)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _homes(layout: Layout) -> dict[str, int]:
    return {n: page.plan.page.number for page in layout.pages for n in page.plan.page.nodes}


def test_rows_follow_a_row_of_nodes_drawn_with_their_leaves() -> None:
    whole = Item("a", 200.0, (40.0, 30.0), "a-leaf", whole=True)
    stubbed = Item("b", 200.0, (40.0, 30.0), "b-stub")
    box = Item("c", 200.0, (40.0,), "c", whole=True)
    assert rows_ranks([[whole, whole, box], [box]]) == (40.0, 30.0, 40.0)
    assert rows_ranks([[whole, stubbed], [box]]) == (math.inf,)  # a stub among them
    assert rows_ranks([[whole, whole], [box]], whole=False) == (math.inf,)  # left to right
    assert rows_ranks([[stubbed], [box]], stacked=True) == (40.0, 30.0, 40.0)  # upright


@pytest.mark.parametrize(("fit", "most"), [("a4", 7), ("slide", 5), ("letter", 7), ("a3", 7)])
def test_a_list_of_reasons_with_evidence_fills_its_pages_in_rows(fit: str, most: int) -> None:
    """Thirty reasons, each with a piece of evidence, under the thesis: each page of them
    took one row, half empty (A4 11 pages, slides 9, Letter 13, A3 11). Taken each with
    its evidence, they go in rows, and each reason stays on its evidence's page."""
    m = _pieces(30)
    layout = _laid(m, fit)
    assert len(layout.pages) <= most
    assert _stacked_rows(m, layout) > 0
    home = _homes(layout)
    assert sorted(home) == sorted(n.id for n in m.walk())  # each node on one page
    assert all(home[f"r{i}"] == home[f"e{i}"] for i in range(30))
    for page in layout.pages:
        number = page.plan.page.number
        assert layout.scale(page) >= layout.budget.scale - 1e-9, number
        assert geometry.crossings(page.svg) == 0, number
        assert geometry.overlaps(page.svg) == 0, number
        assert geometry.through_boxes(page.svg) == 0, number


def test_left_to_right_a_list_of_reasons_is_planned_as_before() -> None:
    """Rows are columns there, and a column's edges would pass between the evidence."""
    m = _pieces(30)
    assert _stacked_rows(m, _laid(m, "slide", "LR")) == 0


def test_leaves_with_references_to_other_pages_go_in_rows() -> None:
    """A leaf with a cross-link to another branch is drawn with a reference box below it:
    a block two ranks deep. A row of them ended its page's rows: a list of such reasons
    went a row a page (four a slide). Each is a whole branch: rows follow."""
    premises: list[dict[str, object]] = [
        {
            "id": "far",
            "text": "A branch of its own, which the references point to.",
            "premises": [
                {"id": f"f{i}", "text": f"Support {i} for the far branch."} for i in range(30)
            ],
        }
    ]
    premises += [
        {
            "id": f"r{i}",
            "text": f"Reason {i}, which also bears on the far branch.",
            "links": ["far"],
        }
        for i in range(16)
    ]
    m = validate_data({"title": "Refs", "thesis": {"id": "t", "text": "T.", "premises": premises}})
    layout = _laid(m, "slide")
    home = _homes(layout)
    per_page = [
        sum(1 for i in range(16) if home[f"r{i}"] == n) for n in sorted(set(home.values()))
    ]
    assert max(per_page) > 5, per_page
    for page in layout.pages:
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
        assert geometry.overlaps(page.svg) == 0, page.plan.page.number


def _mixed_list() -> ArgumentMap:
    """Twenty-four branches of the thesis, every fourth a linked pair, the rest leaves."""
    premises: list[dict[str, object]] = []
    for i in range(24):
        if i % 4 == 3:
            pair = [{"id": f"g{i}{s}", "text": f"Premise {i}{s}, of a linked pair."} for s in "ab"]
            premises.append({"id": f"g{i}", "linked": pair})
        else:
            premises.append({"id": f"r{i}", "text": f"Reason {i}, a statement of a line or two."})
    return validate_data(
        {"title": "Mixed", "thesis": {"id": "t", "text": "T.", "premises": premises}}
    )


@pytest.mark.parametrize(("fit", "most"), [("slide", 4), ("a4", 5)])
@pytest.mark.parametrize("direction", ["TB", "BT", "LR"])
def test_linked_groups_in_a_list_share_its_pages(fit: str, most: int, direction: str) -> None:
    """A page of a list's siblings stopped at each linked group: the list's pages after the
    first group held a group, or a group and a leaf (slides 8 pages, A4 9; left to right,
    12 and 12). They go on like any sibling, each page checked for file order once drawn."""
    m = _mixed_list()
    layout = _laid(m, fit, direction)
    assert len(layout.pages) <= most
    assert sorted(_homes(layout)) == sorted(n.id for n in m.walk())
    for page in layout.pages:
        tops = top_units(m, page.plan.page.tops)
        assert not out_of_order(page.svg, tops, direction == "LR"), page.plan.page.number
        assert geometry.crossings(page.svg) == 0, page.plan.page.number


def test_upright_pages_drawn_left_to_right_keep_linked_groups_apart() -> None:
    """There the breadcrumb may share the tops' column; mixing groups with other branches
    took a page more for ``lint-all`` on upright A4 (8, against 7 apart)."""
    m = load_map(CASES / "lint-all.yaml")
    assert len(_laid(m, "a4", "LR", portrait=True).pages) <= 7


def test_a_page_marked_to_keep_its_groups_apart_is_filled_again() -> None:
    """A page whose drawing put a linked group out of file order is planned without it;
    the plan made again took the page as filled before, group and all, from memory."""
    m = load_map(CASES / "pagefloor" / "key-below-two-stubs.yaml")
    for direction in ("TB", "BT"):
        layout = _laid(m, "a4", direction)
        for page in layout.pages:
            tops = top_units(m, page.plan.page.tops)
            assert not out_of_order(page.svg, tops, across=False), page.plan.page.number


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_rows_below_reasons_with_evidence_run_their_edges_up_the_gaps(fit: str) -> None:
    """A row below reasons drawn with their evidence hung, all of it, below one piece of
    evidence: the engine drew it off to a side, its edges going round the row above (60
    reasons: 30 such detours on slides, 20 on A4), the page wider than planned and
    planned again. Each item now hangs below a block, or in the gap between two, as
    below a row of boxes: their edges run up between the blocks."""
    m = _pieces(60)
    layout = _laid(m, fit)
    assert sum(geometry.detours(page.svg) for page in layout.pages) <= 5
    for page in layout.pages:
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
        assert geometry.through_boxes(page.svg) == 0, page.plan.page.number
