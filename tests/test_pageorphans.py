"""A page that holds a statement or two alone is planned back into the page of its stub."""

from __future__ import annotations

import pytest

import argmap.exporters.diagram.pageorphans as pageorphans
from argmap.exporters.diagram.pageorphans import LOOSEST, MOST_PAGES, Orphans, hosts
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.paging import Page, Stub
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from tests.test_pagesides import _flat, _laid

BUDGET = Budget(900.0, 500.0, 1.0)


def _map() -> ArgumentMap:
    """A thesis with two reasons, the first with evidence of its own."""
    thesis = {
        "id": "t",
        "text": "A thesis.",
        "premises": [
            {"id": "r0", "text": "A reason.", "evidence": [{"id": "e0", "text": "Evidence."}]},
            {"id": "r1", "text": "Another reason."},
        ],
    }
    return validate_data({"title": "Orphans", "thesis": thesis})


def _pages(estimate: tuple[float, float], lone: tuple[str, ...]) -> list[Page]:
    """Page 1 draws the thesis and leaves ``lone`` as a stub; page 2 draws ``lone`` alone."""
    left = tuple(("r0" if n == "e0" else "t", (n,)) for n in lone)
    stubs = tuple(Stub(parent, tops, 1, 2) for parent, tops in left)
    shown = {"t", "r0", "r1", "e0"} - set(lone)
    first = Page(1, (), ("t",), tuple(sorted(shown)), stubs, estimate)
    return [first, Page(2, ("t",), lone, lone, (), (100.0, 50.0))]


def test_the_page_with_a_lone_leafs_stub_is_planned_larger_by_its_estimates_margin() -> None:
    """Estimated 10% wider and 5% taller than drawn: planned that much larger."""
    pages = _pages((880.0, 420.0), ("r1",))
    drawn = [(pages[0], 800.0, 400.0), (pages[1], 100.0, 50.0)]
    assert hosts(_map(), drawn, BUDGET, {}) == {"t": pytest.approx((1.1, 1.05))}


def test_no_page_is_loosened_without_an_orphan_or_a_margin() -> None:
    """Not where the lone node has children, nor a page planned smaller already, nor one
    whose estimate ran no larger than its drawing; never more than LOOSEST."""
    m = _map()
    pages = _pages((880.0, 420.0), ("r0",))  # r0 has evidence: its page is no orphan
    pages[1] = Page(2, ("t",), ("r0",), ("r0", "e0"), (), (100.0, 50.0))
    assert hosts(m, [(p, 800.0, 400.0) for p in pages], BUDGET, {}) == {}
    pages = _pages((880.0, 420.0), ("r1",))
    drawn = [(pages[0], 800.0, 400.0), (pages[1], 100.0, 50.0)]
    assert hosts(m, drawn, BUDGET, {"t": (0.9, 0.9)}) == {}
    assert hosts(m, [(pages[0], 880.0, 420.0), drawn[1]], BUDGET, {}) == {}
    assert hosts(m, [(pages[0], 300.0, 100.0), drawn[1]], BUDGET, {}) == {"t": (LOOSEST, LOOSEST)}


def _orphans(monkeypatch: pytest.MonkeyPatch, tighter: dict[str, tuple[float, float]]) -> Orphans:
    monkeypatch.setattr(pageorphans, "hosts", lambda *args: {"t": (1.2, 1.1)})
    return Orphans(_map(), tighter, BUDGET)


def test_a_loosened_plan_with_fewer_pages_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    tighter: dict[str, tuple[float, float]] = {"x": (0.8, 0.9)}
    orphans = _orphans(monkeypatch, tighter)
    pages = _pages((880.0, 420.0), ("r1",))
    drawn = [(page, 100.0, 100.0) for page in pages]
    assert orphans.again(drawn, set(), 7)
    assert tighter == {"x": (0.8, 0.9), "t": (1.2, 1.1)}
    assert orphans.fewer(1)
    assert not orphans.again(drawn[:1], set(), 6), "fewer pages, all fit: kept"
    assert tighter == {"x": (0.8, 0.9), "t": (1.2, 1.1)}
    assert not orphans.again(drawn[:1], set(), 5), "tried once only"


def test_an_overflowing_page_is_tried_at_half_then_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tighter: dict[str, tuple[float, float]] = {"x": (0.8, 0.9)}
    orphans = _orphans(monkeypatch, tighter)
    drawn = [(page, 100.0, 100.0) for page in _pages((880.0, 420.0), ("r1",))]
    assert orphans.again(drawn, set(), 7)
    assert orphans.again(drawn, {"t"}, 6), "overflows: half as loose"
    assert tighter["t"] == pytest.approx((1.1, 1.05))
    assert orphans.again(drawn, {"t"}, 5), "overflows again: as it was"
    assert tighter == {"x": (0.8, 0.9)}, "back to the plan that fitted"
    assert not orphans.again(drawn, set(), 4)


def test_a_page_not_planned_larger_overflowing_undoes_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tighter: dict[str, tuple[float, float]] = {}
    orphans = _orphans(monkeypatch, tighter)
    drawn = [(page, 100.0, 100.0) for page in _pages((880.0, 420.0), ("r1",))]
    assert orphans.again(drawn, set(), 7)
    assert orphans.again(drawn[:1], {"r5"}, 6)
    assert tighter == {}


def test_a_plan_with_as_many_pages_is_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Found before its layout (not laid out), or after it (the layout drew fewer)."""
    tighter: dict[str, tuple[float, float]] = {}
    orphans = _orphans(monkeypatch, tighter)
    drawn = [(page, 100.0, 100.0) for page in _pages((880.0, 420.0), ("r1",))]
    assert orphans.again(drawn, set(), 7)
    assert not orphans.fewer(2), "as many pages: undone, not laid out"
    assert tighter == {}
    orphans = _orphans(monkeypatch, tighter)
    assert orphans.again(drawn, set(), 7)
    assert orphans.again(drawn, set(), 6), "no fewer pages: back to the one before"
    assert tighter == {}


def test_nothing_is_tried_when_too_few_plans_are_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loosened, halved and undone: three plans; with fewer left, the pages stay as they fit.
    Nor on a plan of many pages, nor on one that overflows (it is tightened first)."""
    tighter: dict[str, tuple[float, float]] = {}
    drawn = [(page, 100.0, 100.0) for page in _pages((880.0, 420.0), ("r1",))]
    assert not _orphans(monkeypatch, tighter).again(drawn, set(), 2)
    assert not _orphans(monkeypatch, tighter).again(drawn, {"t"}, 7)
    many = drawn + [drawn[1]] * MOST_PAGES
    assert not _orphans(monkeypatch, tighter).again(many, set(), 7)
    assert tighter == {}


@pytest.mark.parametrize(("reasons", "objections"), [(7, 3), (5, 5), (6, 3)])
def test_ten_statements_fit_one_slide(reasons: int, objections: int) -> None:
    """Seven reasons and three objections (and the like) on a slide: page 2 drew the last
    reason alone, with room for it on page 1 (planned 1.7% too wide to hold it)."""
    m = _flat(reasons, objections)
    layout = _laid(m, "slide", False)
    assert len(layout.pages) == 1
    assert sorted(layout.pages[0].plan.page.nodes) == sorted(n.id for n in m.walk())
    assert layout.scale(layout.pages[0]) >= layout.budget.scale - 1e-9


def test_a_lone_sibling_of_a_pages_tops_is_hosted_too() -> None:
    """A continued page's siblings that go on (their stub hangs from the breadcrumb): the
    last of them alone on the next page is planned back as one more top (the breadcrumb's
    column takes at most four arrows into a row: see pagetrailsize.crowds_trail)."""
    goes_on = (Stub("t", ("r1",), 1, 3, True),)
    continued = Page(2, ("t",), ("r0",), ("r0", "e0"), goes_on, (500.0, 300.0))
    lone = Page(3, ("t",), ("r1",), ("r1",), (), (100.0, 50.0))
    first = Page(1, (), ("t",), ("t",), (Stub("t", ("r0", "r1"), 3, 2, True),), (200.0, 100.0))
    drawn = [(first, 200.0, 100.0), (continued, 400.0, 280.0), (lone, 100.0, 50.0)]
    assert hosts(_map(), drawn, BUDGET, {}) == {"r0": pytest.approx((1.12, 300 / 280))}
