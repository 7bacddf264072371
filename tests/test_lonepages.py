"""Pages that drew a statement alone: the statement moves to a page with room for it."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.lonepages import host_lone_pages, lone
from argmap.exporters.diagram.packed import pack
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.paging import Page, Stub
from argmap.exporters.diagram.stacking import Wrap
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.test_conclusionshare import _pointers_hold


def _generated(nodes: int) -> ArgumentMap:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    return validate_data(generate(nodes))


def _lone_pages(m: ArgumentMap, fit: str, portrait: bool = False) -> tuple[list[int], int]:
    options = RenderOptions(fit=fit, portrait=portrait)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    _pointers_hold(layout)
    pages = [laid.plan.page for laid in layout.pages]
    drawn = sorted(node for page in pages for node in page.nodes)
    assert drawn == sorted(node.id for node in m.nodes)
    return [page.number for page in pages if lone(m, page) and len(page.nodes) == 1], len(pages)


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_no_page_of_a_big_map_draws_one_leaf_alone(fit: str) -> None:
    """1,500 generated nodes: three A4 pages (two slides) each drew one evidence box
    under a breadcrumb, its stub on its parent's page; the pages of its siblings looked
    full by the planner's estimate, which runs larger than the engine's drawing. Each
    box now goes on a sibling's page, where the engine's layout shows room for it."""
    m = _generated(1500)
    alone, _ = _lone_pages(m, fit)
    assert alone == []


def test_a_narrow_page_takes_a_lone_leaf_in_rows() -> None:
    """Upright A4, 100 generated nodes: a leaf on page 9 alone fitted a sibling's page
    only below it, in rows as the planner makes them (beside it, too wide)."""
    m = _generated(100)
    alone, total = _lone_pages(m, "a4", portrait=True)
    assert len(alone) <= 1 and total <= 30


_SVG = '<svg><g id="node1" class="node"><title>t</title></g></svg>'
"""A drawing of one box: no edges to cross."""


@dataclass(frozen=True)
class _Laid:
    plan: PagePlan
    width: float
    height: float
    packed: bytes


class _Drafter:
    """Lays a page out as wide as its boxes: 100 points a node, 50 a stub."""

    def __init__(self) -> None:
        self.laid: list[Page] = []

    def plan(self, page: Page, total: int, home: Mapping[str, int]) -> PagePlan:
        return PagePlan(page, total, home)

    def lay_out(self, plans: list[PagePlan]) -> list[_Laid]:
        self.laid += [plan.page for plan in plans]
        out = []
        for plan in plans:
            page = plan.page
            width = 100.0 * len(page.nodes) + 50.0 * len(page.stubs)
            out.append(_Laid(plan, width, 50.0, pack(_SVG)))
        return out


def _map() -> ArgumentMap:
    leaf = [{"id": f"e{i}", "text": f"Evidence {i}."} for i in range(2)]
    premises = [
        {"id": "a", "text": "A.", "premises": [{"id": "a1", "text": "A1."}]},
        {"id": "b", "text": "B.", "evidence": leaf},
    ]
    return validate_data({"title": "t", "thesis": {"id": "t", "text": "T.", "premises": premises}})


def test_a_lone_leaf_goes_in_its_stubs_place_and_the_pages_after_are_numbered_on() -> None:
    """Page 3 draws b's first evidence alone, its stub on page 2; page 2 has room for it
    in its stub's place (the rows naming the stub name it now); page 4 goes to 3, its
    stub on page 1 says so; the second evidence, too wide for page 2 with both, stays."""
    m = _map()
    wraps = (Wrap("b", (("stub e0", "stub e1"),), ()),)
    stubs = (Stub("b", ("e0",), 1, 3), Stub("b", ("e1",), 1, 5))
    pages = [
        Page(1, (), ("t",), ("t", "a"), (Stub("a", ("a1",), 1, 4), Stub("t", ("b",), 3, 2))),
        Page(2, ("t",), ("b",), ("b",), stubs, wraps=wraps),
        Page(3, ("t", "b"), ("e0",), ("e0",)),
        Page(4, ("t", "a"), ("a1",), ("a1",)),
        Page(5, ("t", "b"), ("e1",), ("e1",)),
    ]
    drafter = _Drafter()
    drafts = drafter.lay_out([drafter.plan(page, 5, {}) for page in pages])
    budget = Budget(280.0, 100.0, 1.0)  # b, e0 and a stub: 250 wide; b, e0, e1: 300
    out = [d.plan.page for d in host_lone_pages(m, drafts, drafter, budget)]  # type: ignore[arg-type]
    assert [page.nodes for page in out] == [("t", "a"), ("b", "e0"), ("a1",), ("e1",)]
    assert [page.number for page in out] == [1, 2, 3, 4]
    assert out[1].stubs == (Stub("b", ("e1",), 1, 4),)
    assert out[1].wraps == (Wrap("b", (("e0", "stub e1"),), ()),)
    assert out[0].stubs == (Stub("a", ("a1",), 1, 3), Stub("t", ("b",), 3, 2))


def test_a_conclusion_alone_goes_back_to_its_stub_on_page_1() -> None:
    """A class debate on upright A4: page 1 stubbed its second conclusion, which then
    took page 3 alone, one box under the thesis's breadcrumb (12 pages). Page 1 had room
    for it in full at its "so" arrow's end, where it is now drawn (11 pages)."""
    m = load_map(Path(__file__).parent / "cases" / "smallmaps" / "town-debate.yaml")
    options = RenderOptions(fit="a4", portrait=True)
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    _pointers_hold(layout)
    pages = [laid.plan.page for laid in layout.pages]
    assert "consult" in pages[0].nodes
    assert not [p.number for p in pages[1:] if set(p.nodes) <= {"consult", "trial-summer"}]
    assert len(pages) == 11
