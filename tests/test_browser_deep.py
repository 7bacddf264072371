"""A 300-deep chain's HTML page in Chromium: pages, links, zoom, the outline and print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.test_browser import (
    assert_clean,
    browser,
    open_page,
    page_count,
    scale_of,
    shown_page,
)

__all__ = ["browser"]  # the shared Chromium fixture

pytestmark = pytest.mark.browser

DEPTH = 300
"""Deeper than the outline nests (120 levels) and than it indents (6): 75 A4 pages."""


@pytest.fixture(scope="module")
def chain_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deep")
    opening = "".join(
        f'{{"id": "c{i}", "text": "Chain claim {i} supports the one above.", "premises": ['
        for i in range(DEPTH - 1)
    )
    last = f'{{"id": "c{DEPTH - 1}", "text": "last"}}'
    source = folder / "chain.json"
    source.write_text(
        '{"title": "deep", "thesis": ' + opening + last + "]}" * (DEPTH - 1) + "}",
        encoding="utf-8",
    )
    m = load_map(source)
    path = folder / "chain.html"
    path.write_text(render_html(m, analyze(m), RenderOptions()), encoding="utf-8")
    return path


def _links(page: Any, number: int) -> list[int]:
    hrefs = page.eval_on_selector_all(
        f"#page-{number} a[href^='#page-']", "els => els.map(e => e.getAttribute('href'))"
    )
    return [int(href.removeprefix("#page-")) for href in hrefs]


def test_a_deep_chain_pages_links_and_zooms(
    browser: Any, chain_page: Path, outputs_dir: Path
) -> None:
    seen = open_page(browser, chain_page, viewport={"width": 1280, "height": 900})
    page = seen.page
    total = page_count(page)
    assert total > 50
    assert shown_page(page) == 1 and page.locator("#node-c0").is_visible()
    page.locator("#diagram-pages").scroll_into_view_if_needed()
    # The stub at the foot of the overview opens the page the chain goes on to.
    page.locator("#page-1 a[href='#page-2']").first.click()
    assert shown_page(page) == 2 and page.evaluate("location.hash") == "#page-2"
    # The last page, deep in the chain: its breadcrumb leads back up to the thesis.
    page.evaluate(f"location.hash = 'page-{total}'")
    page.wait_for_function(f"document.getElementById('page-{total}').hidden === false")
    assert shown_page(page) == total and page.locator(f"#node-c{DEPTH - 1}").is_visible()
    page.screenshot(path=str(outputs_dir / "deep-chain-last-page.png"))
    assert 1 in _links(page, total) and total - 1 in _links(page, total)
    page.locator(f"#page-{total} a[href='#page-{total - 1}']").first.click()
    assert shown_page(page) == total - 1
    page.go_back()
    assert shown_page(page) == total
    # Zoom by keys and wheel; Fit and Actual size keep to the page shown, not the thesis's.
    page.focus("#diagram-pages")
    page.keyboard.press("+")
    assert scale_of(page) > 1
    page.keyboard.press("0")
    assert scale_of(page) == 1 and shown_page(page) == total
    frame = page.locator(".diagram-page:not([hidden])").bounding_box()
    page.mouse.move(frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(100)
    assert scale_of(page) > 1.5
    page.click("#actual-size")  # 1 pt of the drawing a point on screen (4/3 px)
    drawn = page.evaluate(
        """(n) => { const svg = document.querySelector('#page-' + n + ' svg');
            const r = svg.getBoundingClientRect(), box = svg.viewBox.baseVal;
            return Math.min(r.width / box.width, r.height / box.height); }""",
        total,
    )
    assert drawn == pytest.approx(4 / 3, rel=0.01) and shown_page(page) == total
    page.click("#fit-diagram")
    assert scale_of(page) == 1 and shown_page(page) == total
    assert page.evaluate("location.hash") == f"#page-{total}"
    assert_clean(seen)
    page.context.close()


def test_a_deep_chain_outline_keeps_its_width(browser: Any, chain_page: Path) -> None:
    seen = open_page(browser, chain_page, viewport={"width": 1280, "height": 900})
    page = seen.page
    widths = page.evaluate(
        """(ids) => ids.map(id => document.querySelector('#n-' + id + ' > details > summary')
            .getBoundingClientRect().width)""",
        ["c1", "c6", "c100", f"c{DEPTH - 1}"],
    )
    # Indented for 6 levels, then not: the 300th statement is as wide as the 6th.
    assert widths[1] > widths[0] / 2 and widths[2] == widths[1] == widths[3]
    assert page.locator(f"#n-c{DEPTH - 1} .level").text_content() == f"level {DEPTH - 1}"
    assert_clean(seen)
    page.context.close()


def test_a_deep_chain_prints_a_sheet_a_page_at_the_floor(browser: Any, chain_page: Path) -> None:
    seen = open_page(browser, chain_page)
    page = seen.page
    total = page_count(page)
    page.click("#page-next")  # what the screen shows does not change the print
    page.emulate_media(media="print")
    pages = page.evaluate(
        """() => Array.from(document.querySelectorAll('.diagram-page')).map(frame => {
            const style = getComputedStyle(frame), svg = frame.querySelector('svg');
            const height = svg.getBoundingClientRect().height;
            const sizes = Array.from(svg.querySelectorAll('text'))
                .map(t => Number(t.getAttribute('font-size')));
            return [style.page, style.breakBefore, style.display, height,
                    Math.min(...sizes.filter(s => s >= 13)) * svg.getScreenCTM().d / height];
        })"""
    )
    # Every page on a sheet of its own, A4 landscape, its statements at the floor.
    assert len(pages) == total
    for sheet, before, display, height, statement in pages:
        assert (sheet, before) == ("argmap-diagram", "page") and display != "none"
        assert abs(height - 595.28 * 4 / 3) < 1 and statement >= 1 / 60 - 1e-4
    assert "@page argmap-diagram { size: 841.89pt 595.28pt;" in page.content()
    page.context.close()
