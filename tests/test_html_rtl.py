"""Hebrew and Arabic statements in the HTML page are laid out right to left, each on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_answer_key, render_html, title_direction
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.test_browser import assert_clean, browser, open_page

__all__ = ["browser"]  # the shared Chromium fixture

THESIS = "בתי ספר צריכים לאסור טלפונים?"
REASON = "الهواتف تشتت انتباه الطلاب."
HEBREW = {
    "title": "מפה",
    "description": "מפה של טיעון.",
    "thesis": {
        "id": "t",
        "text": THESIS,
        "premises": [
            {"id": "p", "text": REASON, "note": "הערה.", "quote": "ציטוט."},
            {"id": "q", "text": "An English reason."},
        ],
    },
}


def _flagship_in_hebrew(tmp_path: Path) -> ArgumentMap:
    text = (MAPS / "russias-game-in-north-korea.yaml").read_text(encoding="utf-8")
    thesis = "Russia's calculus in North Korea is driven by anti-Americanism, pure and simple."
    old = f"  text: {thesis}\n"
    assert text.count(old) == 1
    path = tmp_path / "he.yaml"
    path.write_text(text.replace(old, f"  text: {THESIS}\n"), encoding="utf-8")
    return load_map(path)


def test_every_statement_takes_its_direction_from_its_own_letters() -> None:
    m = validate_data(HEBREW, "he.yaml")
    page = render_html(m, analyze(m), RenderOptions())
    for element in (
        '<h1 dir="auto">מפה</h1>',
        f'<p class="thesis-text" dir="auto">{THESIS}</p>',
        f'<span class="text" dir="auto">{REASON}</span>',
        '<span class="text" dir="auto">An English reason.</span>',
        '<blockquote class="quote" dir="auto">ציטוט.</blockquote>',
        '<dd class="find" dir="auto">הערה.</dd>',
        f': <span dir="auto">{THESIS}</span>',  # for and against
        '<p class="description" dir="auto">',
    ):
        assert element in page, element
    key = render_answer_key(m, analyze(m), RenderOptions(exercise=True, exercise_kind="fill"))
    assert f'<td dir="auto">{REASON}' in key


def test_a_page_titled_right_to_left_is_listed_so(tmp_path: Path) -> None:
    m = _flagship_in_hebrew(tmp_path)
    page = render_html(m, analyze(m), RenderOptions())
    assert f'<option value="1" dir="rtl">1 · THESIS: {THESIS}' in page
    assert page.count('dir="rtl"') == 1  # the other pages' titles are English
    assert title_direction("3 · REASON: «הערה»") == "rtl"
    assert title_direction("3 · REASON: Moscow: שלום") == "ltr"  # the first letter's way


_ENDS = """(selector) => {
  const el = document.querySelector(selector);
  const text = el.firstChild;
  const at = (i) => { const r = document.createRange(); r.setStart(text, i);
    r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
  return {dir: getComputedStyle(el).direction, first: at(0), last: at(text.length - 1)};
}"""


@pytest.mark.browser
def test_the_question_mark_ends_the_hebrew_thesis_on_the_left(
    browser: Any, tmp_path: Path
) -> None:
    m = _flagship_in_hebrew(tmp_path)
    path = tmp_path / "page.html"
    path.write_text(render_html(m, analyze(m), RenderOptions()), encoding="utf-8")
    seen = open_page(browser, path, viewport={"width": 1366, "height": 900})
    page = seen.page
    ends = page.evaluate(_ENDS, ".thesis-text")
    assert ends["dir"] == "rtl" and ends["last"] < ends["first"], ends  # "?" at the left
    # The list of pages is set right to left while it shows the Hebrew title (cut at its
    # end, not at its start), and left to right again on an English page.
    assert page.evaluate("document.getElementById('page-jump').dir") == "rtl"
    page.click("#page-next")
    assert page.evaluate("document.getElementById('page-jump').dir") == "ltr"
    assert_clean(seen)
    page.context.close()


@pytest.mark.browser
def test_a_hebrew_id_reads_from_the_right(browser: Any, tmp_path: Path) -> None:
    """An id in ``code`` was set left to right in the page's direction: "2024-בחירות"
    showed its year at the left, where a Hebrew reader ends. It takes its own first
    letter's direction now, and an English id stays left to right."""
    data = {
        "title": "t",
        "thesis": {
            "id": "t",
            "text": "A thesis.",
            "premises": [{"id": "2024-בחירות", "text": "A reason."}, {"id": "x-1", "text": "B."}],
        },
    }
    m = validate_data(data, "ids.yaml")
    path = tmp_path / "page.html"
    path.write_text(render_html(m, analyze(m), RenderOptions()), encoding="utf-8")
    seen = open_page(browser, path, viewport={"width": 1366, "height": 900})
    page = seen.page
    found = page.evaluate(
        """() => [...document.querySelectorAll('code')].map(c => {
            const text = c.firstChild;
            if (!text || text.nodeType !== 3 || text.length < 2) { return null; }
            const at = (i) => { const r = document.createRange(); r.setStart(text, i);
              r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
            return [text.data, at(0), at(text.length - 1)];
        }).filter(Boolean)"""
    )
    hebrew = [f for f in found if f[0] == "2024-בחירות"]
    english = [f for f in found if f[0] == "x-1"]
    assert hebrew and all(first > last for _, first, last in hebrew), hebrew
    assert english and all(first < last for _, first, last in english), english
    assert_clean(seen)
    page.context.close()
