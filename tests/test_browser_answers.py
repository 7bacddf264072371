"""A worksheet's HTML answer key in Chromium: its diagram pans, zooms and turns pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_answer_key
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.test_browser import (
    FLAGSHIP,
    assert_clean,
    browser,
    centre_offset,
    open_page,
    page_count,
    scale_of,
    shown_page,
)

__all__ = ["browser"]  # the shared Chromium fixture

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def key_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    m = load_map(FLAGSHIP)
    path = tmp_path_factory.mktemp("key") / "flagship.answers.html"
    # On A4, whose overview draws the conclusions with the thesis (the default page, which
    # A4 and Letter both hold, has room for the thesis alone and puts them on page 2).
    options = RenderOptions(exercise=True, exercise_kind="place", fit="a4")
    path.write_text(render_answer_key(m, analyze(m), options), encoding="utf-8")
    return path


def test_the_key_diagram_pans_and_zooms(browser: Any, key_page: Path, outputs_dir: Path) -> None:
    seen = open_page(browser, key_page, viewport={"width": 1280, "height": 900})
    page = seen.page
    assert page.locator("#diagram-bar").is_visible()  # the script runs on the key too
    page.locator("#diagram-pages").scroll_into_view_if_needed()
    assert shown_page(page) == 1 and page_count(page) > 1
    page.focus("#diagram-pages")  # in use: the wheel alone zooms it
    thesis = page.locator("#node-1").bounding_box()
    x, y = thesis["x"] + thesis["width"] / 2, thesis["y"] + thesis["height"] / 2
    page.mouse.move(x, y)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(100)
    assert scale_of(page) > 1.5
    after = page.locator("#node-1").bounding_box()
    assert abs(after["x"] + after["width"] / 2 - x) < 3  # zoomed about the pointer
    page.focus("#diagram-pages")
    page.keyboard.press("0")
    assert scale_of(page) == 1
    page.keyboard.press("+")
    assert scale_of(page) > 1
    page.keyboard.press("1")  # actual size, on the thesis
    dx, dy = centre_offset(page, "#node-1")
    assert abs(dx) < 2 and abs(dy) < 2
    page.click("#fit-diagram")
    assert scale_of(page) == 1
    page.click("#zoom-in")
    assert scale_of(page) > 1
    page.focus("#diagram-pages")
    page.keyboard.press("PageDown")
    assert shown_page(page) == 2
    page.click("#page-overview")
    assert shown_page(page) == 1
    page.screenshot(path=str(outputs_dir / "flagship-answers-diagram.png"))
    assert_clean(seen)
    page.context.close()


def test_a_box_leads_to_its_row_and_a_row_to_its_box(browser: Any, key_page: Path) -> None:
    seen = open_page(browser, key_page, viewport={"width": 1280, "height": 900})
    page = seen.page
    page.locator("#diagram-pages").scroll_into_view_if_needed()
    page.locator("#node-C1 a").first.click()  # a box of the overview
    assert page.evaluate("location.hash") == "#n-C1"
    row = page.locator("tr#n-C1")
    assert "highlight" in (row.get_attribute("class") or "")
    assert page.evaluate("document.activeElement.id") == "n-C1"
    # The position in a row shows the box in the diagram, on the page that draws it: the
    # last page with a box (the key may have a page of its own after it).
    number, last = page.evaluate(
        """() => {
            const drawn = [...document.querySelectorAll('.diagram-page')]
                .filter(p => p.querySelector('g.node[id^="node-"]'));
            const at = drawn[drawn.length - 1];
            return [Number(at.dataset.page), at.querySelector('g.node[id^="node-"]').id.slice(5)];
        }"""
    )
    assert number > 1
    page.locator(f"tr#n-{str(last).replace('.', chr(92) + '.')} a.to-diagram").click()
    assert shown_page(page) == number
    assert page.evaluate("location.hash") == f"#node-{last}"
    assert_clean(seen)
    page.context.close()


def test_the_key_works_without_javascript(browser: Any, key_page: Path) -> None:
    seen = open_page(browser, key_page, java_script_enabled=False)
    page = seen.page
    assert not page.locator("#diagram-bar").is_visible()
    assert page.locator(".diagram-page").count() == page.locator(".diagram-page:visible").count()
    assert page.locator("table.answer-key tbody tr").count() == len(load_map(FLAGSHIP))
    page.context.close()
