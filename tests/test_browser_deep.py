"""A 300-deep chain's HTML page in Chromium: pages, links, zoom, the outline and print."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from argmap.exporters.html.cases import CASE_RUN
from argmap.exporters.html.outline import FLAT_RUN, MAX_NESTING
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
"""Deeper than the outline nests (120 levels) and than it indents (6): 22 A4 pages."""
LONG = 1000
"""72 A4 pages (the chain goes on in columns, some fourteen claims a page): their
drawings held out of the DOM until shown or printed."""


def _chain(folder: Path, depth: int) -> Path:
    """A chain ``depth`` claims deep and its HTML page (the browser benchmark's)."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_browser import chain_page

    return chain_page(folder, depth)


@pytest.fixture(scope="module")
def chain_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _chain(tmp_path_factory.mktemp("deep"), DEPTH)


@pytest.fixture(scope="module")
def long_chain_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _chain(tmp_path_factory.mktemp("deeper"), LONG)


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
    assert total > 20
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
    # Indented for 6 levels, then not: the 100th statement is as wide as the 6th; the 300th,
    # listed flat after the tree, is at least as wide.
    assert widths[1] > widths[0] / 2 and widths[2] == widths[1] <= widths[3]
    assert page.locator(f"#n-c{DEPTH - 1} .level").text_content() == f"level {DEPTH - 1}"
    assert_clean(seen)
    page.context.close()


def test_a_deep_chain_prints_a_sheet_a_page_at_the_floor(browser: Any, chain_page: Path) -> None:
    seen = open_page(browser, chain_page)
    page = seen.page
    total = page_count(page)
    page.click("#page-next")  # what the screen shows does not change the print
    page.emulate_media(media="print")
    _until(page, "document.querySelectorAll('.diagram-page > template').length === 0")
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
    # Every page on a sheet of its own, the page A4 and Letter both hold, lying, its
    # statements at the floor of the taller sheet (Letter's).
    assert len(pages) == total
    for sheet, before, display, height, statement in pages:
        assert (sheet, before) == ("argmap-diagram", "page") and display != "none"
        assert abs(height - 595.28 * 4 / 3) < 1 and statement >= 612 / 595.28 / 60 - 1e-4
    assert "@page argmap-diagram { size: 792.00pt 595.28pt;" in page.content()
    page.context.close()


def _until(page: Any, script: str) -> None:
    """Wait for ``script`` to be true (the page's CSP forbids wait_for_function's eval)."""
    for _ in range(200):
        if page.evaluate(script):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {script}")


def _drawn(page: Any) -> int:
    """How many diagram pages have their drawing in the DOM."""
    return int(page.evaluate("document.querySelectorAll('.diagram-page > svg').length"))


def test_a_longer_chain_holds_its_pages_until_shown(browser: Any, long_chain_page: Path) -> None:
    seen = open_page(browser, long_chain_page, viewport={"width": 1280, "height": 900})
    page = seen.page
    total = page_count(page)
    assert total > 60 and _drawn(page) == 1 and shown_page(page) == 1
    # A stub puts its page in; so does the address of the last page.
    page.locator("#page-1 a[href='#page-2']").first.click()
    assert shown_page(page) == 2 and _drawn(page) == 2
    page.evaluate(f"location.hash = 'page-{total}'")
    page.wait_for_function(f"document.getElementById('page-{total}').hidden === false")
    assert page.locator(f"#node-c{LONG - 1}").is_visible() and _drawn(page) == 3
    # A box deep in the map, drawn on a page not yet put in, from its outline entry.
    deep = f"c{LONG - 40}"
    page.locator(f"#n-{deep} a.to-diagram").click()
    box = page.locator(f"#node-{deep}")
    assert box.is_visible() and "hl" in (box.get_attribute("class") or "")
    assert page.evaluate("location.hash") == f"#node-{deep}" and _drawn(page) == 4
    # ... and back to the entry from the box: the entry (listed flat) is scrolled to.
    box.locator("a").first.click()
    entry = page.locator(f"#n-{deep}")
    assert "highlight" in (entry.get_attribute("class") or "") and entry.is_visible()
    assert entry.evaluate("e => e.closest('.flat-run').parentElement.classList.contains('tree')")
    top = entry.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 900
    assert_clean(seen)
    page.context.close()


def test_a_longer_chain_filters_keep_the_nested_context(
    browser: Any, long_chain_page: Path
) -> None:
    seen = open_page(browser, long_chain_page)
    page = seen.page
    page.fill("#search", f"claim {LONG - 2} supports")
    shown = page.eval_on_selector_all(
        "li.entry:not([hidden])", "els => els.map(e => [e.dataset.id, e.matches('.context')])"
    )
    # The match, listed flat after the tree, keeps the nested entries above it shown.
    assert shown[-1] == [f"c{LONG - 2}", False]
    assert shown[:-1] == [[f"c{i}", True] for i in range(MAX_NESTING + 1)]
    assert page.inner_text("#filter-status") == f"1 of {LONG} entries match."
    assert_clean(seen)
    page.context.close()


def test_a_longer_chain_prints_every_page(browser: Any, long_chain_page: Path) -> None:
    seen = open_page(browser, long_chain_page)
    page = seen.page
    total = page_count(page)
    page.emulate_media(media="print")
    _until(page, f"document.querySelectorAll('.diagram-page > svg').length === {total}")
    assert page.evaluate(
        """() => Array.from(document.querySelectorAll('.diagram-page'))
            .every(f => getComputedStyle(f).display !== 'none' && f.querySelector('svg'))"""
    )
    # The flat entries are drawn for print, not skipped as off screen.
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.tree > .flat-run')).contentVisibility"
        )
        == "visible"
    )
    page.emulate_media(media="screen")
    _until(page, "document.querySelectorAll('.diagram-page > svg').length === 1")
    assert shown_page(page) == 1
    assert_clean(seen)
    page.context.close()


def test_a_longer_chain_skips_its_entries_and_cases_in_runs(
    browser: Any, long_chain_page: Path
) -> None:
    seen = open_page(browser, long_chain_page, viewport={"width": 1280, "height": 900})
    page = seen.page
    runs = page.eval_on_selector_all(
        ".tree > .flat-run",
        """runs => runs.map(r => [getComputedStyle(r).contentVisibility,
            r.querySelectorAll(':scope > ol > li.entry.flat').length])""",
    )
    flat = LONG - MAX_NESTING - 1
    # A few dozen regions skipped while off screen, not one per entry or per case.
    assert [n for _, n in runs] == [FLAT_RUN] * (flat // FLAT_RUN) + [flat % FLAT_RUN]
    assert {cv for cv, _ in runs} == {"auto"}
    assert page.locator(".tree > li.entry.flat").count() == 0
    cases = page.eval_on_selector_all(
        ".case-run",
        """runs => runs.map(r => [getComputedStyle(r).contentVisibility,
            getComputedStyle(r.querySelector('.case')).contentVisibility,
            r.querySelectorAll(':scope > article.case').length])""",
    )
    count = page.locator("article.case").count()
    assert count == LONG - 1 and [n for _, _, n in cases] == [CASE_RUN] * 9 + [99]
    assert {(run, case) for run, case, _ in cases} == {("auto", "visible")}
    # Entries on either side of a run's end are spaced as entries within a run.
    last, first = f"c{MAX_NESTING + FLAT_RUN}", f"c{MAX_NESTING + FLAT_RUN + 1}"
    page.evaluate(f"location.hash = 'n-{last}'")
    _until(page, f"document.querySelector('#n-{last}').classList.contains('highlight')")
    gaps = page.evaluate(
        """(ids) => ids.map(([a, b]) => document.getElementById('n-' + b)
            .getBoundingClientRect().top - document.getElementById('n-' + a)
            .getBoundingClientRect().bottom)""",
        [[f"c{MAX_NESTING + FLAT_RUN - 1}", last], [last, first]],
    )
    assert gaps[0] > 0 and gaps[1] == pytest.approx(gaps[0], abs=0.5)
    # So are they, and the cases either side of a run's end, on paper.
    page.emulate_media(media="print")
    gaps = page.evaluate(
        """(pairs) => pairs.map(([a, b]) => document.getElementById(b).closest('li, article')
            .getBoundingClientRect().top - document.getElementById(a).closest('li, article')
            .getBoundingClientRect().bottom)""",
        [
            [f"n-c{MAX_NESTING + FLAT_RUN - 1}", f"n-{last}"],
            [f"n-{last}", f"n-{first}"],
            [f"case-{CASE_RUN - 1}", f"case-{CASE_RUN}"],
            [f"case-{CASE_RUN}", f"case-{CASE_RUN + 1}"],
        ],
    )
    assert gaps[0] > 0 and gaps[1] == pytest.approx(gaps[0], abs=0.5)
    assert gaps[2] > 0 and gaps[3] == pytest.approx(gaps[2], abs=0.5)
    assert_clean(seen)
    page.context.close()


def _page_links(page: Any) -> int:
    return int(page.evaluate("document.querySelectorAll(\"a[href^='#']\").length"))


def test_a_longer_chain_prints_its_links_as_text_and_links_them_again(
    browser: Any, long_chain_page: Path
) -> None:
    seen = open_page(browser, long_chain_page, viewport={"width": 1280, "height": 900})
    page = seen.page
    deep = f"c{LONG - 40}"
    before = _page_links(page)
    # Some 5,500 links: printed as links (Chromium makes that many PDF links in no time).
    assert 2000 < before < 15000
    plain = "document.querySelectorAll('a:not([href])').length"
    unlinked = page.evaluate(plain)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert _page_links(page) >= before and page.evaluate(plain) == unlinked
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # A page of more than its body's data-print-links (15,000 by default) prints them as text.
    page.evaluate("document.body.setAttribute('data-print-links', '2000')")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    # Every link within the page, the diagram's pages' put in for print too, is plain text.
    assert _page_links(page) == 0
    assert page.evaluate("document.querySelectorAll('.diagram-page > svg a[href]').length") == 0
    assert page.locator(f"#n-{deep} .meta a").first.text_content() == f"c{LONG - 41}"
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert _page_links(page) == before
    # The screen page works as before: a box from its entry, and back.
    page.locator(f"#n-{deep} a.to-diagram").click()
    box = page.locator(f"#node-{deep}")
    assert box.is_visible() and "hl" in (box.get_attribute("class") or "")
    box.locator("a").first.click()
    assert "highlight" in (page.locator(f"#n-{deep}").get_attribute("class") or "")
    assert page.evaluate("location.hash") == f"#n-{deep}"
    # Print media alone (as when printing from the menu, in some browsers) does the same.
    shown = _page_links(page)  # the box's page is in the DOM now, with its links
    page.emulate_media(media="print")
    _until(page, "document.querySelectorAll(\"a[href^='#']\").length === 0")
    page.emulate_media(media="screen")
    _until(page, f"document.querySelectorAll(\"a[href^='#']\").length === {shown}")
    assert_clean(seen)
    page.context.close()
