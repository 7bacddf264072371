"""The ``paper`` fit: pages that A4 and Letter both hold, legible printed on either."""

from __future__ import annotations

import pytest

from argmap.exporters.diagram.pagesize import PAGE_SIZES, STATEMENT_POINTS, page_budget

A4 = (841.89, 595.28)
LETTER = (792.0, 612.0)


@pytest.mark.parametrize("portrait", [False, True])
def test_a_paper_page_fits_a4_and_letter_with_its_text_at_the_floor_of_either(
    portrait: bool,
) -> None:
    """An A4 page printed on Letter is shrunk to 94%: its statements fell to 1/64 of the
    sheet's height, under the floor of 1/60. A ``paper`` page fits both sheets unscaled,
    its statements 1/60 of the taller one's height, whichever way it is turned."""
    page = PAGE_SIZES["paper"].turned(portrait)
    sheets = [(h, w) if portrait else (w, h) for w, h in (A4, LETTER)]
    assert all(page.width <= w + 0.01 and page.height <= h + 0.01 for w, h in sheets)
    assert max(page.width, page.height) == pytest.approx(LETTER[0])  # as large as both hold
    assert min(page.width, page.height) == pytest.approx(A4[1])
    statement = STATEMENT_POINTS * page_budget(page).scale
    for _, height in sheets:
        assert statement >= height / 60 - 1e-9
    # A page of a paper of its own keeps the floor of its own height.
    a4 = PAGE_SIZES["a4"].turned(portrait)
    assert a4.floor_height == a4.height
