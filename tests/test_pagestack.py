"""Upright pages stack a branch's siblings drawn several ranks deep, one below the other."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.stacking import Item, rows_ranks
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS


def _laid(m: ArgumentMap, fit: str, portrait: bool) -> Layout:
    return lay_out(m, analyze(m), RenderOptions(portrait=portrait), fit, find_engine("auto"))  # type: ignore[arg-type]


def _pieces(reasons: int, doubted: bool = False) -> ArgumentMap:
    """A thesis whose reasons each have a piece of evidence: blocks two ranks deep.

    ``doubted``: each piece of evidence has an objection under it (three ranks deep).
    """
    premises = [
        {
            "id": f"r{i}",
            "text": f"Reason {i}, which a reader weighs with the evidence under it, at length.",
            "evidence": [{"id": f"e{i}", "text": f"The study behind reason {i}, in brief."}],
        }
        for i in range(reasons)
    ]
    for i, premise in enumerate(premises):
        if doubted:
            objection = {"id": f"o{i}", "text": f"The study {i} was too small."}
            premise["evidence"][0]["objections"] = [objection]  # type: ignore[index]
    return validate_data(
        {"title": "Stacked", "thesis": {"id": "t", "text": "T.", "premises": premises}}
    )


def test_a_row_of_one_deep_block_may_have_rows_below_it_only_when_stacked() -> None:
    deep = Item("a", 200.0, (40.0, 30.0), "a-child")
    box = Item("b", 200.0, (40.0,), "b")
    assert rows_ranks([[deep], [box]]) == (float("inf"),)
    assert rows_ranks([[deep], [box]], stacked=True) == (40.0, 30.0, 40.0)
    # Two blocks side by side, one deep: the next row's edges would loop round it.
    assert rows_ranks([[deep, box], [box]], stacked=True) == (float("inf"),)
    assert rows_ranks([[box], [deep]]) == (40.0, 40.0, 30.0)  # the last row may be deep


@pytest.mark.parametrize("fit", ["a4", "slide", "letter"])
def test_upright_pages_hold_several_deep_siblings(fit: str) -> None:
    """Upright, a page holds about one reason with its evidence side by side; rows below a
    deep block were ruled out, so such reasons went about one a page (12 reasons: 10
    upright A4 pages, 15 upright slides, 9 of them a single reason). Stacked, their edges
    pass down the side of the blocks above: 6 pages each."""
    m = _pieces(12)
    upright = _laid(m, fit, True)
    continued = [p for p in upright.pages if p.plan.page.trail]
    assert max(len(p.plan.page.tops) for p in continued) >= 2
    assert len(upright.pages) <= 7
    drawn = [n for p in upright.pages for n in p.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in m.walk())  # each node on one page
    for page in upright.pages:
        assert upright.scale(page) >= upright.budget.scale - 1e-9, page.plan.page.number
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
        assert geometry.overlaps(page.svg) == 0, page.plan.page.number


def _stacked_rows(m: ArgumentMap, layout: Layout) -> int:
    """How many rows, not a page's last, hold a block drawn with its children below it."""
    count = 0
    for page in layout.pages:
        drawn = set(page.plan.page.nodes)
        for wrap in page.plan.page.wraps:
            for row in wrap.rows[:-1]:
                deep = [n for n in row if n in drawn and any(c.id in drawn for c in m.children(n))]
                count += bool(deep)
    return count


@pytest.mark.parametrize(("fit", "pages"), [("a4", 4), ("slide", 3), ("letter", 4)])
def test_landscape_pages_stack_blocks_drawn_whole_however_deep(fit: str, pages: int) -> None:
    """A block drawn with all it holds may have rows below it on any page: a reason, its
    evidence and the evidence's objection (three ranks deep) were kept side by side on
    landscape pages, twelve of them taking 5 A4 pages, 4 slides, 5 Letter pages; stacked,
    one page fewer each, with no crossing or overlap and at the floor. Upright pages
    stack a node and its leaves as before.
    """
    assert _stacked_rows(_pieces(12), _laid(_pieces(12), "a4", True)) > 0
    m = _pieces(12, doubted=True)
    layout = _laid(m, fit, False)
    assert _stacked_rows(m, layout) > 0
    assert len(layout.pages) == pages
    for page in layout.pages:
        assert layout.scale(page) >= layout.budget.scale - 1e-9, page.plan.page.number
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
        assert geometry.overlaps(page.svg) == 0, page.plan.page.number


def test_the_flagship_on_upright_a4_draws_fewer_pages_of_one_statement() -> None:
    """The flagship on upright A4: 34 pages, 14 of them a single statement (the reason
    'Russia is playing its own game' continued over a page for each of its evidence);
    stacked, 31 pages, 7 of them a single statement."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, "a4", True)
    alone = [p for p in layout.pages if len(p.plan.page.nodes) == 1]
    assert len(layout.pages) <= 31 and len(alone) <= 7
    for page in layout.pages:
        assert layout.scale(page) >= layout.budget.scale - 1e-9
        assert geometry.crossings(page.svg) == 0
