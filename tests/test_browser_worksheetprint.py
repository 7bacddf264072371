"""A worksheet printed from Chromium: no sheet wasted, one place to write each answer."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.poppler import poppler
from tests.test_browser import assert_clean, browser, open_page

__all__ = ["browser"]  # the shared Chromium fixture

pytestmark = pytest.mark.browser


def _printed(browser: Any, tmp_path: Path, kind: str) -> tuple[list[str], Any]:
    """The uniforms worksheet of ``kind`` printed to PDF: each sheet's text, and the page."""
    m = load_map(MAPS / "school-uniforms.yaml")
    options = RenderOptions(exercise=True, exercise_kind=kind)  # type: ignore[arg-type]
    path = tmp_path / f"{kind}.html"
    path.write_text(render_html(m, analyze(m), options), encoding="utf-8")
    seen = open_page(browser, path)
    pdf = tmp_path / f"{kind}.pdf"
    seen.page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = subprocess.run(
        [poppler("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.split("\f")[:-1], seen


def test_a_place_worksheets_bank_prints_on_one_sheet(browser: Any, tmp_path: Path) -> None:
    """Its last statement printed alone on a sheet after the rest; the bank now keeps
    together (printed with the page's margins, the outline fills the third sheet, and the
    bank takes the fourth, whole)."""
    sheets, seen = _printed(browser, tmp_path, "place")
    holding = [i for i, sheet in enumerate(sheets) if "Statement bank" in sheet]
    assert len(holding) == 1 and len(sheets) <= 4
    bank = sheets[holding[0]].split("Statement bank", 1)[1]
    assert all(f"{n}. " in bank for n in range(1, 10))
    assert_clean(seen)
    seen.page.context.close()


@pytest.mark.parametrize("kind", ["fill", "place"])
def test_a_worksheet_prints_one_place_to_write_each_answer(
    browser: Any, tmp_path: Path, kind: str
) -> None:
    """The fill worksheet's outline printed ruled lines under each entry as well as its
    diagram's boxes (two sheets of them): a student had two places to write each answer.
    Printed, the outline keeps its numbers and relations, not its boxes; on screen it keeps
    them."""
    sheets, seen = _printed(browser, tmp_path, kind)
    page = seen.page
    boxes = ".outline :is(.blank, .number-box)"
    shown = "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
    assert page.eval_on_selector_all(boxes, shown) > 0  # on screen
    page.emulate_media(media="print")
    assert page.eval_on_selector_all(boxes, shown) == 0
    assert len(sheets) <= 5 if kind == "fill" else len(sheets) <= 4
    seen.page.context.close()
