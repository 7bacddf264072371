"""Upright pages: rows of tops keep the shape that fits, leaves share their siblings' page."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pagetrailsize import by_trail_rows
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.stacking import Item, rows_width
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS


def test_tops_placed_by_their_breadcrumb_rows_keep_the_rows_shape() -> None:
    """A wide top over two narrower ones hung from another breadcrumb row: wrapped as one
    box over two, they were placed again as two over one, wider than the page (upright
    Letter, the flagship: a lone undercutter on a page of its own, its sibling's page
    drawing the other leaf with room beside it)."""
    wide, left = Item("w", 256.0, (120.0,), "w"), Item("l", 234.0, (120.0,), "l")
    right = Item("r", 243.0, (120.0,), "r")
    rows = [[wide], [left, right]]
    hung = {"w": 16, "l": 22, "r": 22}
    placed = by_trail_rows(rows, hung, rows_width(rows))
    assert [[item.name for item in row] for row in placed] == [["w"], ["l", "r"]]
    wider = by_trail_rows(rows, hung)  # no limit: filled from the first row down
    assert [len(row) for row in wider] == [2, 1] and rows_width(wider) > rows_width(rows)


def _pages(path: Path, fit: str) -> list[Page]:
    m = load_map(path)
    options = RenderOptions(fit=fit, portrait=True, theme="print")  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    return [laid.plan.page for laid in layout.pages]


def test_two_leaves_of_one_parent_share_a_page_where_they_fit() -> None:
    """The flagship on upright Letter: the Sina evidence went on page 26 with another
    branch's leaf, its sibling undercutter alone on page 27 (the page's rows, placed by
    the breadcrumb rows they hang from, came out too wide for the third box)."""
    pages = _pages(MAPS / "russias-game-in-north-korea.yaml", "letter")
    home = {node: page.number for page in pages for node in page.nodes}
    assert home["made-is-not-supplied-now"] == home["sina-satellite-photos"]
    assert len(pages) <= 26


def test_the_key_shares_a_page_with_room_for_it() -> None:
    """A 61-statement town debate on upright Letter: page 16 was the key alone, planned
    so by estimates larger than the drawings; page 15 was drawn under half the page high."""
    pages = _pages(CASES / "paging" / "car-free-upright.yaml", "letter")
    alone = [page.number for page in pages if page.key[0] == "alone"]
    assert alone == [] and len(pages) <= 15
    with_key = [page for page in pages if page.key[0] == "below"]
    assert len(with_key) == 1 and pages[0].key == ("page", str(with_key[0].number))
