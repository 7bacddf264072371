"""Conclusions drawn apart from page 1 share a page where their drawings fit on one."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import all_crossings, boxes, crossings, through_boxes
from argmap.exporters.diagram.stacking import TRAIL
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, NodeKind
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.test_pagefloor import _concluding

CASES = MAPS.parent / "tests" / "cases" / "pagefloor"


def _laid(m: ArgumentMap, fit: str, direction: str = "TB", portrait: bool | None = None) -> Layout:
    upright = fit != "slide" if portrait is None else portrait
    options = RenderOptions(portrait=upright, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _shared(m: ArgumentMap, layout: Layout) -> list[int]:
    """The pages that draw two or more of the root's conclusions as their tops."""
    root = layout.pages[0].plan.page.tops[0]
    return [
        page.plan.page.number
        for page in layout.pages
        if len(page.plan.page.tops) > 1
        and all(
            m.get(top).kind is NodeKind.CONCLUSION and m.get(top).parent == root
            for top in page.plan.page.tops
        )
    ]


def _pointers_hold(layout: Layout) -> None:
    """Every node on one page; each stub and key points to the page that draws them."""
    pages = [laid.plan.page for laid in layout.pages]
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    drawn = [node for page in pages for node in page.nodes]
    assert len(drawn) == len(set(drawn))
    home = {node: page.number for page in pages for node in page.nodes}
    for page in pages:
        for stub in page.stubs:
            assert home[stub.tops[0]] == stub.page, (page.number, stub)
    place, number = pages[0].key
    if place == "page":
        assert pages[int(number) - 1].key[0] not in ("", "page")
    assert all(layout.budget.holds(laid.width, laid.height) for laid in layout.pages)


@pytest.mark.parametrize(
    ("case", "fit", "direction"),
    [
        ("conclusion-stubs-among-tops", "a4", "TB"),
        ("conclusion-stubs-among-tops", "a4", "BT"),
        ("conclusion-stubs-among-tops", "slide", "TB"),
    ],
)
def test_conclusions_too_many_for_the_overview_share_their_pages(
    case: str, fit: str, direction: str
) -> None:
    """Conclusions of the thesis go apart from page 1 where it has no room for them,
    each on a page of its own (a test map on upright A4: 19 pages); side by side, two
    share a page where they fit it (18), and every stub and the overview's key point to
    the new numbers."""
    m = load_map(CASES / f"{case}.yaml")
    layout = _laid(m, fit, direction)
    shared = _shared(m, layout)
    assert shared, "no page draws two conclusions of the thesis"
    _pointers_hold(layout)
    for number in shared:
        page = layout.pages[number - 1]
        found = boxes(page.svg)
        assert all(top in found for top in page.plan.page.tops)
        assert layout.scale(page) >= layout.budget.scale
        assert crossings(page.svg) == 0 and through_boxes(page.svg) == 0


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_undercut_steps_on_a_shared_page_stay_beside_their_own_junctions(fit: str) -> None:
    """Three conclusions on one slide, each with an undercutter of its step: held only
    beside its own junction, the engine set one undercutter between two other junctions,
    and the arrows of two crossed the "so" arrows. The steps now run left to right in
    file order, each undercutter just left of its junction."""
    layout = _laid(_concluding(4), fit, portrait=False)
    shared = layout.pages[1]
    assert len(shared.plan.page.tops) >= 2
    assert crossings(shared.svg) == 0 and through_boxes(shared.svg) == 0
    found = boxes(shared.svg)
    across = []  # left to right: each step's undercutter, then its junction
    for top in shared.plan.page.tops:
        cutter, junction = found[f"u{top[1:]}"], found[f"junction {top}"]
        across += [(cutter.left, cutter.right), (junction.left, junction.right)]
    assert all(a[1] < b[0] for a, b in zip(across, across[1:], strict=False)), across


def test_conclusions_too_tall_one_above_the_other_share_a_page_their_ranks_closer() -> None:
    """The flagship's two conclusions on upright A4, each with an undercutter of its step
    beside its junction, would draw 819 pt wide side by side, against 551 the page holds,
    and 803 pt tall one above the other, against 779: each kept its page (a page more).
    Laid out again with their ranks closer, they share page 2, at the floor (29 pages; 28
    since a page of branches of several parents keeps its breadcrumb to six rows)."""
    from argmap.exporters.diagram.wholepage import CLOSER

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, "a4")
    assert _shared(m, layout) == [2]
    shared = layout.pages[1]
    assert shared.plan.page.tops == ("us-fails-to-grasp", "lesson-transcends-korea")
    assert shared.plan.ranksep == CLOSER
    assert layout.scale(shared) >= layout.budget.scale * 0.999
    assert all_crossings(shared.svg) == 0 and through_boxes(shared.svg) == 0
    assert len(layout.pages) == 28
    _pointers_hold(layout)


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_a_conclusion_whose_undercutters_hang_below_the_breadcrumb_keeps_its_page(
    direction: str,
) -> None:
    """On an upright page, a conclusion's undercutters hang below the breadcrumb, their
    arrows going up round it to the step's junction: shared with another conclusion, the
    first of them ran across that one's "so" arrow. Such a page is not shared (two
    others, too wide side by side, share one, one above the other)."""
    m = load_map(CASES / "conclusions-left-to-right.yaml")
    layout = _laid(m, "a4", direction)
    _pointers_hold(layout)
    held = [
        p.plan.page.number
        for p in layout.pages
        if any(anchor == TRAIL for w in p.plan.page.wraps for _, anchor in w.holds)
    ]
    assert held, "the map no longer hangs anything below a conclusion's breadcrumb"
    assert not set(held) & set(_shared(m, layout))


def test_left_to_right_conclusions_keep_their_own_pages() -> None:
    """Left to right, a shared page's second "so" arrow went round the first conclusion,
    across its undercutters' arrows (three crossings on this map): not shared there."""
    m = load_map(CASES / "conclusions-left-to-right.yaml")
    layout = _laid(m, "a4", "LR")
    assert _shared(m, layout) == []
    assert all(crossings(laid.svg) == 0 for laid in layout.pages)
    _pointers_hold(layout)


def test_a_conclusion_drawn_from_one_on_a_shared_page_sits_above_it() -> None:
    """A shared page holds its conclusions' steps left to right in one row (each step's
    undercutters beside its junction). The row took the step from a conclusion to one
    drawn from it too: that junction, two ranks up, was pulled down to the breadcrumb's
    rank, the conclusion with it, and its "so" arrow ran up to the junction and back
    down (three crossings). Only the steps from the breadcrumb are in the row now."""
    m = load_map(CASES / "conclusions-drawn-on-from-a-shared-page.yaml")
    layout = _laid(m, "a4", portrait=False)
    (page,) = [laid for laid in layout.pages if "c0_1c1_0" in laid.plan.page.nodes]
    assert len(page.plan.page.tops) > 1
    found = boxes(page.svg)
    assert found["c0_1c1_0"].bottom < found["junction c0_1c1_0"].top
    assert found["junction c0_1c1_0"].bottom < found["c0_1"].top
    assert found["c0_1"].bottom < found[TRAIL].top
    assert all_crossings(page.svg) == 0
    _pointers_hold(layout)


def test_conclusions_too_wide_side_by_side_share_a_page_one_above_the_other(
    tmp_path: Path,
) -> None:
    """The flagship's two conclusions on upright A4, the second's undercutter one line:
    side by side too wide, each kept a page of two boxes (30 pages). One above the
    other, the first nearest the breadcrumb, each "so" arrow from it, they share page 2
    (29 pages; 28 with shorter breadcrumbs on pages of branches of several parents);
    every stub points to its page and the page fits at the floor."""
    text = (MAPS / "russias-game-in-north-korea.yaml").read_text("utf-8")
    cut = """One case makes no lesson beyond Korea: the article's only ground for a wider,
            anti-American pivot is the Korean case itself."""
    assert cut in text
    path = tmp_path / "short.yaml"
    path.write_text(text.replace(cut, "One case makes no lesson."), "utf-8")
    m = load_map(path)
    layout = _laid(m, "a4")
    assert _shared(m, layout) == [2]
    assert layout.pages[1].plan.page.tops == ("us-fails-to-grasp", "lesson-transcends-korea")
    assert len(layout.pages) == 28
    found = boxes(layout.pages[1].svg)
    assert found["lesson-transcends-korea"].bottom < found["us-fails-to-grasp"].top
    _pointers_hold(layout)
