"""A place worksheet's bank: in columns across the page, begun on the diagram's last page."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.fitting import Layout
from argmap.exporters.diagram.formats import _pages
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
SMALL = MAPS.parent / "tests" / "cases" / "pagefloor" / "conclusions-drawn-from-a-conclusion.yaml"

_GROUP = re.compile(r'<g id="bank" class="node bank">.*?</g>\n</g>\n', re.S)
_TEXT = re.compile(r'<text\b[^>]*\bx="([-\d.]+)" y="([-\d.]+)"([^>]*)>([^<]*)</text>')


def layouts(path: Path, fit: str, portrait: bool = False) -> tuple[Layout, Layout]:
    """The place worksheet's pages and its key's."""
    opts = RenderOptions(exercise=True, exercise_kind="place", fit=fit, portrait=portrait)  # type: ignore[arg-type]
    sheet = make_worksheet(load_map(path), opts)
    out = []
    for m, options in (
        (sheet.exercise, sheet.exercise_options),
        (sheet.answers, sheet.answer_options),
    ):
        layout = _pages(m, analyze(m), options, fit)  # type: ignore[arg-type]
        assert layout is not None
        out.append(layout)
    return out[0], out[1]


def bank_numbers(svg: str) -> list[tuple[float, float, int]]:
    """The bank's numbers on a page: each one's column (its x, to 60 points), y and value."""
    group = _GROUP.search(svg)
    if group is None:
        return []
    return [
        (round(float(x) / 60), float(y), int(words))
        for x, y, attrs, words in _TEXT.findall(group.group(0))
        if 'font-weight="bold"' in attrs and words.isdigit()
    ]


def test_a_landscape_bank_is_set_in_columns_read_down_each() -> None:
    """The flagship's bank ran in one column about 55% of a landscape A4 page's width, over
    five pages (16 in all): it is set in as many columns as the page's width holds (13
    pages; 14 since stubs name their kinds, a few stubs wider)."""
    sheet, _ = layouts(FLAGSHIP, "a4")
    numbered = [(bank_numbers(page.svg), not page.plan.home) for page in sheet.pages]
    banks = [(found, own) for found, own in numbered if found]
    assert sum(len(found) for found, _ in banks) == 62  # every statement but the thesis, once
    for found, own in banks:
        if own:  # a page of its own: across its width (its start: in the room left)
            assert len({column for column, _, _ in found}) >= 2
        # in reading order: down the first column, then down the next
        read = [value for _, _, value in sorted(found)]
        assert read == list(range(read[0], read[0] + len(read)))
    assert len(sheet.pages) <= 14


def test_the_bank_begins_on_the_diagrams_last_page_and_the_key_shows_it_alike() -> None:
    """The diagram's last page (the flagship's, p. 11 of landscape A4) had room beside
    its drawing: the bank begins there and goes on on pages of its own; the key's page 11
    is the sheet's, the answers written in, the bank's start in the same place."""
    sheet, key = layouts(FLAGSHIP, "a4")
    diagram = [page for page in sheet.pages if page.plan.home]
    last = diagram[-1]
    assert bank_numbers(last.svg)[0][2] == 1
    assert "STATEMENT BANK (1 of " in last.svg
    assert sheet.budget.holds(last.width, last.height)
    [keyed] = [page for page in key.pages if page.plan.page == last.plan.page]
    assert bank_numbers(keyed.svg) == bank_numbers(last.svg)
    assert (keyed.width, keyed.height) == (last.width, last.height)
    assert not any(bank_numbers(page.svg) for page in diagram[:-1])


def test_a_small_maps_bank_goes_on_its_diagrams_page() -> None:
    """A map of six statements took a slide for its diagram and one for its bank; there was
    room for the bank on the diagram's slide, at the legibility floor."""
    sheet, key = layouts(SMALL, "slide")
    [page] = sheet.pages
    assert sheet.budget.holds(page.width, page.height)
    assert len(bank_numbers(page.svg)) == 8  # its statements but the thesis
    assert ">STATEMENT BANK</text>" in page.svg  # the whole bank: no part of it elsewhere
    assert key.pages[0].width == page.width and key.pages[0].height == page.height
