"""Worksheets on pages: page numbers count what is printed, the bank keeps the legibility floor."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.formats import _pages
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from argmap.pipeline import render_files
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("poppler's pdftotext is not installed")
    done = subprocess.run([pdftotext, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1]


def headings(texts: list[str]) -> list[tuple[int, int]]:
    """Each page's ``page N of TOTAL``, from the page's first line that has one."""
    found = []
    for text in texts:
        match = re.search(r"page (\d+) of (\d+)", text)
        assert match is not None, text[:200]
        found.append((int(match.group(1)), int(match.group(2))))
    return found


@pytest.mark.parametrize("kind", ["fill", "place", "label"])
def test_every_printed_page_is_numbered_of_all_pages(tmp_path: Path, kind: str) -> None:
    opts = RenderOptions(exercise=True, exercise_kind=kind)  # type: ignore[arg-type]
    written = [t for _, t in render_files([FLAGSHIP], ["pdf", "png"], tmp_path, opts)]
    for name in ("exercise", "answers"):
        [pdf] = [p for p in written if p.suffix == ".pdf" and f".{name}" in p.name]
        pages = pdf_pages(pdf)
        total = len(pages)
        assert headings(pages) == [(n, total) for n in range(1, total + 1)], pdf.name
        banks = [i for i, text in enumerate(pages) if "STATEMENT BANK" in text]
        assert bool(banks) is (kind == "place" and name == "exercise")
        if banks:  # the bank comes after the diagram, on pages of its own
            assert banks == list(range(banks[0], total)) and banks[0] > 0
        pngs = sorted(p for p in written if p.suffix == ".png" and f".{name}" in p.name)
        assert len(pngs) > 1


def test_png_pages_of_a_place_sheet_count_the_bank() -> None:
    m = load_map(FLAGSHIP)
    opts = RenderOptions(exercise=True, exercise_kind="place", fit="slide")
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, "slide")
    assert layout is not None
    total = len(layout.pages)
    for number, page in enumerate(layout.pages, start=1):
        assert page.plan.total == total and page.plan.page.number == number
        heading = re.search(r"<text\b[^>]*>([^<]*)</text>", page.svg)
        assert heading is not None and heading.group(1).endswith(f"page {number} of {total}")


@pytest.mark.parametrize("fit", ["a4", "slide", "letter"])
def test_bank_pages_keep_the_legibility_floor(fit: str) -> None:
    m = load_map(FLAGSHIP)
    opts = RenderOptions(exercise=True, exercise_kind="place", fit=fit)  # type: ignore[arg-type]
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, fit)  # type: ignore[arg-type]
    assert layout is not None
    banks = [page for page in layout.pages if 'id="bank"' in page.svg]
    assert len(banks) >= 2
    for page in banks:
        assert layout.scale(page) >= layout.budget.scale * 0.999
    rows = sum(
        len(re.findall(r"<text[^>]*font-weight=\"bold\"[^>]*>\d+</text>", p.svg)) for p in banks
    )
    assert rows == len(m.nodes) - 1  # every statement but the thesis, once
    # Pages are filled: no bank page but the last holds under half the budget's height.
    assert all(page.height > layout.budget.height / 2 for page in banks[:-1])
