"""Leaves left as stubs are drawn in full beside their parent where the page has room."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.leafhome import leaves_home
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.paging import Page, Stub
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.test_conclusionshare import _pointers_hold
from tests.test_lonepages import _Drafter


def _map() -> ArgumentMap:
    evidence = [{"id": f"e{i}", "text": f"Evidence {i}."} for i in range(3)]
    premises = [
        {"id": "a", "text": "A.", "premises": [{"id": "a1", "text": "A1."}]},
        {"id": "b", "text": "B.", "evidence": evidence},
    ]
    return validate_data({"title": "t", "thesis": {"id": "t", "text": "T.", "premises": premises}})


def _pages() -> list[Page]:
    """Page 2 draws b with its three evidence as stubs; page 3 draws them (and a1)."""
    stubs = tuple(Stub("b", (f"e{i}",), 1, 3) for i in range(3))
    rows = (Wrap("b", (("stub e0", "stub e1", "stub e2"),), ()),)
    tops = ("a1", "e0", "e1", "e2")
    trail_rows = (Wrap(TRAIL, (("a1", "e0"), ("e1", "e2")), (("e1", "a1"), ("e2", "e0"))),)
    return [
        Page(1, (), ("t",), ("t", "a"), (Stub("t", ("b",), 4, 2),)),
        Page(2, ("t",), ("b",), ("b",), stubs, wraps=rows),
        Page(3, ("t", "a", "b"), tops, tops, wraps=trail_rows),
    ]


def _homed(width: float) -> list[Page]:
    drafter = _Drafter()
    pages = _pages()
    drafts = drafter.lay_out([drafter.plan(page, 3, {}) for page in pages])
    out = leaves_home(_map(), drafts, drafter, Budget(width, 100.0, 1.0))  # type: ignore[arg-type]
    return [d.plan.page for d in out]


def test_leaves_with_room_beside_their_parent_are_drawn_there() -> None:
    """b and its three stubs: 250 points wide; b with two evidence drawn and one stub:
    350. On a page 360 wide the first two go home (all three at once, 400, do not fit),
    one at a time, each in its stub's place in b's row; page 3 keeps a1 and e2, its
    rows and breadcrumb without what left (b's evidence: b stays, for e2)."""
    out = _homed(360.0)
    assert [page.nodes for page in out] == [("t", "a"), ("b", "e0", "e1"), ("a1", "e2")]
    assert out[1].stubs == (Stub("b", ("e2",), 1, 3),)
    assert out[1].wraps == (Wrap("b", (("e0", "e1", "stub e2"),), ()),)
    assert out[2].tops == ("a1", "e2")
    assert out[2].wraps == (Wrap(TRAIL, (("a1",), ("e2",)), ()),)
    assert out[2].trail == ("t", "a", "b")


def test_a_page_left_empty_goes_and_the_pages_after_are_numbered_on() -> None:
    """All three leaves fit page 2 (400 points of 420), and a1 page 1 (350): pages 3 and
    4 go; the stub of b points at page 2 still, and page 2 has no stubs left."""
    drafter = _Drafter()
    pages = _pages()
    pages[2] = Page(3, ("t", "b"), ("e0", "e1", "e2"), ("e0", "e1", "e2"))
    pages.append(Page(4, ("t", "a"), ("a1",), ("a1",)))
    pages[0] = Page(1, (), ("t",), ("t", "a"), (Stub("a", ("a1",), 1, 4), Stub("t", ("b",), 4, 2)))
    drafts = drafter.lay_out([drafter.plan(page, 4, {}) for page in pages])
    budget = Budget(420.0, 100.0, 1.0)
    out = [d.plan.page for d in leaves_home(_map(), drafts, drafter, budget)]  # type: ignore[arg-type]
    assert [page.nodes for page in out] == [("t", "a", "a1"), ("b", "e0", "e1", "e2")]
    assert [page.number for page in out] == [1, 2]
    assert out[0].stubs == (Stub("t", ("b",), 4, 2),)
    assert out[1].stubs == ()


def test_no_room_no_change() -> None:
    """A page that holds b and its stubs only (260 points): the pages stay as they were."""
    out = _homed(260.0)
    assert [page.nodes for page in out] == [page.nodes for page in _pages()]


def _single_leaf_stubs(m: ArgumentMap, layout: Layout) -> int:
    """The stubs that stand for one statement with nothing under it."""
    return sum(
        1
        for laid in layout.pages
        for stub in laid.plan.page.stubs
        if not stub.grouped and stub.hidden == 1
    )


def _laid(path: Path, fit: str, portrait: bool = False) -> tuple[ArgumentMap, Layout]:
    m = load_map(path)
    options = RenderOptions(fit=fit, portrait=portrait)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    _pointers_hold(layout)
    drawn = sorted(node for laid in layout.pages for node in laid.plan.page.nodes)
    assert drawn == sorted(node.id for node in m.nodes)
    assert all(layout.scale(laid) >= layout.budget.scale * 0.999 for laid in layout.pages)
    return m, layout


def test_the_flagship_on_a4_keeps_leaves_with_their_parent_where_they_fit() -> None:
    """Landscape A4: twelve stubs of one statement on 17 pages, of which the engine's
    layout had room for two beside their parent (the planner's estimate, larger, had
    none): two stubs fewer, the floor kept, no more pages."""
    m, layout = _laid(MAPS / "russias-game-in-north-korea.yaml", "a4")
    assert _single_leaf_stubs(m, layout) <= 10
    assert len(layout.pages) <= 17


def test_the_flagship_on_letter_takes_a_page_less() -> None:
    """Letter: 18 pages and thirteen single stubs; leaves drawn beside their parent
    empty a page (17) and leave seven stubs."""
    m, layout = _laid(MAPS / "russias-game-in-north-korea.yaml", "letter")
    assert _single_leaf_stubs(m, layout) <= 8
    assert len(layout.pages) <= 17


def test_a_map_past_the_cap_keeps_its_stubs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above :data:`LEAF_NODES_MOST` statements the tries are not made (at 10,000 nodes
    they were a quarter more CPU for two pages fewer): the flagship, past a cap of 40,
    takes the 18 Letter pages it took before, twelve stubs of one statement left (13
    before stubs named their kinds: their wider boxes stub other leaves)."""
    from argmap.exporters.diagram import leafhome

    monkeypatch.setattr(leafhome, "LEAF_NODES_MOST", 40)
    m, layout = _laid(MAPS / "russias-game-in-north-korea.yaml", "letter")
    assert len(m) > 40 and len(layout.pages) == 18
    assert _single_leaf_stubs(m, layout) == 12
