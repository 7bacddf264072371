"""The HTML page printed on the paper its reader has: A4 or Letter, the diagram legible on both."""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.poppler import poppler
from tests.test_browser import assert_clean, browser, open_page, page_count, pages

__all__ = ["browser", "pages"]  # the shared Chromium fixture and pages

pytestmark = pytest.mark.browser

_SHEET = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')


def _sheets(pdf: Path) -> list[tuple[float, float, list[tuple[str, float]]]]:
    """Each sheet's size and its words, each with its height on the sheet."""
    text = subprocess.run(
        [poppler("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sheets = []
    for w, h, body in _SHEET.findall(text):
        words = [(word, float(y1) - float(y0)) for y0, y1, word in _WORD.findall(body)]
        sheets.append((float(w), float(h), words))
    return sheets


def test_a_diagram_page_prints_unshrunk_on_a4_and_on_letter(
    browser: Any, pages: dict[str, Path], outputs_dir: Path
) -> None:
    """The page's diagram was laid out on A4 pages: printed on Letter, the browser shrank
    each sheet to 94%, its statements 1/64 of the sheet's height, under the floor of 1/60.
    Its pages are now the size both papers hold, at the floor of the taller: printed on
    either, each sheet is drawn as it is laid out, its words as large as on its own sheet."""
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    total = page_count(page)
    own = outputs_dir / "flagship-own-paper.pdf"
    page.pdf(path=str(own), prefer_css_page_size=True)
    laid = _sheets(own)
    for paper, (width, height) in {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}.items():
        printed = outputs_dir / f"flagship-on-{paper}.pdf"
        page.pdf(path=str(printed), format=paper)  # the paper picked in the print dialog
        sheets = _sheets(printed)
        assert len(sheets) == len(laid), paper
        diagram = 0
        for (w, h, words), (_, _, own_words) in zip(sheets, laid, strict=True):
            assert sorted((w, h)) == pytest.approx(sorted((width, height)), abs=1), paper
            if w < h or not words:
                continue  # the outline, upright (its text is 10.5 pt, shrunk or not)
            diagram += 1
            assert [word for word, _ in words] == [word for word, _ in own_words]
            pairs = zip(words, own_words, strict=True)
            shrunk = statistics.median(a / b for (_, a), (_, b) in pairs)
            assert shrunk == pytest.approx(1, abs=0.005), (paper, diagram, shrunk)
        assert diagram == total, paper
    assert_clean(seen)
    page.context.close()
