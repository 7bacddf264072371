"""Small pages of siblings continued from one page share a page where their drawings fit."""

from __future__ import annotations

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import all_crossings, boxes, through_boxes
from argmap.exporters.diagram.stacking import TRAIL
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.test_conclusionshare import _pointers_hold


def _laid(m: ArgumentMap, fit: str, direction: str = "TB") -> Layout:
    options = RenderOptions(portrait=True, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _page_of(layout: Layout, node: str) -> int:
    return next(laid.plan.page.number for laid in layout.pages if node in laid.plan.page.nodes)


def test_two_small_pages_of_the_thesis_s_reasons_share_one_under_its_breadcrumb() -> None:
    """The uniforms map on upright Letter took four pages: page 3 only the linked pair
    of reasons, page 4 only a reason and its undercutter, each a third full, both
    continued from page 1 under the thesis's breadcrumb. They share page 3, the reason
    below the pair, one breadcrumb above both (three pages); no arrow crosses or runs
    through a box, every stub points to its page, and the page fits at the floor."""
    m = load_map(MAPS / "school-uniforms.yaml")
    layout = _laid(m, "letter")
    assert len(layout.pages) == 3
    pair, reason = ("bullying-clothes", "uniforms-equalise"), "identity"
    shared = layout.pages[_page_of(layout, reason) - 1]
    page = shared.plan.page
    assert {*pair, reason, "belonging-anecdote"} <= set(page.nodes)
    assert page.trail == ("uniforms",)
    found = boxes(shared.svg)
    assert found[TRAIL].bottom < min(found[top].top for top in page.tops)
    assert max(found[member].bottom for member in pair) < found[reason].top
    assert all_crossings(shared.svg) == 0 and through_boxes(shared.svg) == 0
    assert layout.scale(shared) >= layout.budget.scale * 0.999
    _pointers_hold(layout)
    stubs = {s.tops[0]: s.page for s in layout.pages[0].plan.page.stubs}
    assert stubs["bullying-clothes"] == stubs["identity"] == shared.plan.page.number


def test_a_page_s_stub_of_the_siblings_that_go_on_goes_where_they_share_its_page() -> None:
    """``lint-all`` on upright A4: page 4 drew two reasons and one box for the siblings
    that go on ("continues on p. 5"), page 5 a linked pair and the box for the rest, each
    a third full. On one page the pair takes the first box's place, the second box
    standing for the rest (6 pages, were 7; 5 since the last page's objection and its
    rebuttal go on page 1, ranks closer); no stub points to its own page."""
    m = load_map(MAPS.parent / "tests" / "cases" / "lint-all.yaml")
    layout = _laid(m, "a4")
    assert len(layout.pages) == 5
    shared = layout.pages[_page_of(layout, "circular") - 1]
    page = shared.plan.page
    assert {"circular", "filed-wrong", "fit", "shops"} <= set(page.nodes)
    assert all(stub.page != page.number for stub in page.stubs)
    found = boxes(shared.svg)
    assert found["filed-wrong"].bottom < min(found["fit"].top, found["shops"].top)
    assert all_crossings(shared.svg) == 0 and through_boxes(shared.svg) == 0
    _pointers_hold(layout)
