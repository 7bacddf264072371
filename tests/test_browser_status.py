"""The page's standing in Chromium: cut links and the thesis's support shown, and the
objections with no standing answer laid out at full width, on screens and on paper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from tests.test_browser import FLAGSHIP, assert_clean, browser, open_page

__all__ = ["browser"]  # the shared Chromium fixture

pytestmark = pytest.mark.browser

SCREENS = {"desktop": (1920, 1080), "laptop": (1366, 768), "phone": (390, 844)}

_ENTRIES = """() => {
    const list = document.querySelector('#unanswered ul');
    const summary = document.querySelector('#summary').getBoundingClientRect();
    const box = list.getBoundingClientRect();
    const grid = document.querySelector('#summary .summary-grid').getBoundingClientRect();
    const items = [...list.children].map(li => {
        const r = li.getBoundingClientRect();
        return [r.left, r.top, r.bottom, (li.querySelector('.target') || li).textContent];
    });
    return {summary: [summary.left, summary.right], list: [box.left, box.right, box.top],
            gridBottom: grid.bottom, items: items,
            scroll: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def flagship(tmp_path_factory: pytest.TempPathFactory) -> Path:
    m = load_map(FLAGSHIP)
    path = tmp_path_factory.mktemp("status") / "flagship.html"
    path.write_text(render_html(m, analyze(m), diagram=False), encoding="utf-8")
    return path


def _columns(items: list[list[Any]]) -> dict[int, list[list[Any]]]:
    columns: dict[int, list[list[Any]]] = {}
    for item in items:
        columns.setdefault(round(item[0]), []).append(item)
    return columns


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_unanswered_objections_take_the_full_width_in_balanced_columns(
    browser: Any, flagship: Path, outputs_dir: Path, screen: str
) -> None:
    """The list sat in one of three 15rem columns, some 25 characters a line, while the
    other two ended early; no entry said what it attacks."""
    width, height = SCREENS[screen]
    seen = open_page(browser, flagship, viewport={"width": width, "height": height})
    page = seen.page
    assert_clean(seen)
    got = page.evaluate(_ENTRIES)
    (left, right), (list_left, list_right, top) = got["summary"], got["list"]
    assert got["scroll"] <= width, "the page scrolls sideways"
    assert top >= got["gridBottom"]  # below the counts and the authors, not beside them
    assert list_left - left < 30 and abs(list_right - right) < 2, got
    assert all(target.startswith("attacks ") for *_box, target in got["items"])
    columns = _columns(got["items"])
    if screen == "phone":
        assert len(columns) == 1
    else:
        assert len(columns) == 2, columns.keys()
        bottoms = [max(bottom for _l, _t, bottom, _x in col) for col in columns.values()]
        tallest = max(bottom - top for _l, top, bottom, _x in got["items"])
        assert abs(bottoms[0] - bottoms[1]) < tallest, bottoms  # the columns end together
    page.evaluate("document.getElementById('unanswered').scrollIntoView()")
    page.screenshot(path=str(outputs_dir / f"flagship-unanswered-{screen}.png"))
    page.context.close()


def test_the_unanswered_objections_print_in_one_column_after_the_counts(
    browser: Any, flagship: Path
) -> None:
    seen = open_page(browser, flagship)
    page = seen.page
    page.emulate_media(media="print")
    got = page.evaluate(_ENTRIES)
    assert got["list"][2] >= got["gridBottom"]
    assert len(_columns(got["items"])) == 1
    tops = [top for _l, top, _b, _x in got["items"]]
    assert tops == sorted(tops)
    page.context.close()


@pytest.mark.parametrize("screen", ["laptop", "phone"])
def test_the_thesis_says_it_is_unsupported_and_the_outline_which_links_are_cut(
    browser: Any, flagship: Path, outputs_dir: Path, screen: str
) -> None:
    width, height = SCREENS[screen]
    seen = open_page(browser, flagship, viewport={"width": width, "height": height})
    page = seen.page
    verdict = page.locator("#thesis .verdict")
    assert verdict.is_visible()
    text = verdict.inner_text()
    assert "Standing: defeated unsupported" in text
    assert "Unsupported: every route of support is cut or defeated" in text
    badge = page.locator("#n-russias-korean-game > details > summary .badge.standing")
    assert badge.is_visible() and badge.inner_text().endswith("stands · link cut")
    assert (badge.get_attribute("title") or "").startswith("Stands · link cut: the claim stands")
    key = page.locator("#thesis .standing-legend .badge.cut")
    assert key.is_visible() and key.inner_text() == "stands · link cut"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.evaluate("document.getElementById('thesis').scrollIntoView()")
    page.screenshot(path=str(outputs_dir / f"flagship-thesis-standing-{screen}.png"))
    page.context.close()
