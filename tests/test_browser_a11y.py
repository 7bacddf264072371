"""The HTML diagram to assistive technology: boxes named by what they say, arrows by their
relation, and Tab in reading order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.test_browser import FLAGSHIP, assert_clean, browser, open_page

__all__ = ["browser"]  # the shared Chromium fixture

pytestmark = pytest.mark.browser

_NAMES = """() => [...document.querySelectorAll(
    '.diagram-page:not([hidden]) svg g.node[id^="node-"]')]
  .map(g => [g.id.slice(5), (g.querySelector('a[href]') || g).getAttribute('aria-label')])"""

_ARROWS = """() => [...document.querySelectorAll('.diagram-page:not([hidden]) svg g.edge')]
  .map(g => [g.getAttribute('class'), g.getAttribute('role'), g.getAttribute('aria-label'),
             g.getAttribute('aria-hidden')])"""

_FOCUSED = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  return {inside: !!e.closest('.diagram-page svg'), y: r.top + r.height / 2, x: r.left,
          h: r.height, name: e.getAttribute('aria-label') || e.textContent }; }"""


def _page(tmp_path: Path, source: Path, **options: Any) -> Path:
    m = load_map(source)
    path = tmp_path / "page.html"
    path.write_text(render_html(m, analyze(m), RenderOptions(**options)), encoding="utf-8")
    return path


def test_boxes_are_named_by_kind_and_statement_and_arrows_by_relation(
    browser: Any, tmp_path: Path
) -> None:
    m = load_map(FLAGSHIP)
    seen = open_page(browser, _page(tmp_path, FLAGSHIP))
    names = dict(seen.page.evaluate(_NAMES))
    thesis = m.thesis
    assert names[thesis.id] == f"Thesis: {thesis.text} (go to the outline)"
    undercutter = m.get("no-word-on-washington")
    assert names[undercutter.id] == f"Undercuts the link: {undercutter.text} (go to the outline)"
    assert all(node_id not in name for node_id, name in names.items())  # not the slug
    arrows = seen.page.evaluate(_ARROWS)
    said = {label for _, role, label, _ in arrows if role == "img"}
    assert {"Arrow: supports", "Arrow: attacks", "Arrow: undercuts a link"} <= said
    assert "Arrow: so, a conclusion drawn" in said  # its "so" is no longer read alone
    assert all(role == "img" or hidden == "true" for _, role, _, hidden in arrows)
    assert_clean(seen)
    seen.page.context.close()


def test_a_worksheet_box_names_no_kind_it_hides(browser: Any, tmp_path: Path) -> None:
    source = MAPS / "school-uniforms.yaml"
    # On A4, where the map is one page (the default page is smaller: two).
    page = _page(tmp_path, source, exercise=True, exercise_kind="label", fit="a4")
    seen = open_page(browser, page)
    names = dict(seen.page.evaluate(_NAMES))
    assert names["1.1"].startswith("1.1 \u00b7 kind: blank: "), names
    # A linked premise's kind is given (its group's box says it): the one page draws them.
    linked = [node_id for node_id, name in names.items() if " \u00b7 reason: " in name]
    assert linked == ["1.3", "1.4"], names
    for name in (name for node_id, name in names.items() if node_id not in linked):
        assert not any(kind in name.lower() for kind in ("reason", "objection", "evidence"))
    arrows = seen.page.evaluate(_ARROWS)  # drawn alike: blank, or a sign the drawing gives
    said = [label for _, _, label, _ in arrows if label]  # the undercut's, the linked group's
    assert sorted(said) == ["Arrow: +", "Arrow: \u2212"], arrows
    assert sum(hidden == "true" for _, _, _, hidden in arrows) == len(arrows) - 2
    seen.page.context.close()


def test_tab_goes_through_a_page_as_it_is_read(browser: Any, tmp_path: Path) -> None:
    seen = open_page(browser, _page(tmp_path, FLAGSHIP), viewport={"width": 1366, "height": 768})
    page = seen.page
    page.focus("#diagram-pages")
    stops = []
    while True:
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if not focused["inside"]:
            break
        stops.append(focused)
    # The engine's order went thesis, the stubs below it, then the conclusions above it.
    assert len(stops) >= 10
    for before, after in zip(stops, stops[1:], strict=False):
        same_row = abs(after["y"] - before["y"]) <= before["h"] / 2
        assert after["y"] > before["y"] or (same_row and after["x"] > before["x"]), stops
    last = stops[-1]
    # Shift+Tab from past the drawing comes back to its last stop as read, then up a row.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(_FOCUSED)["name"] == last["name"]
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(_FOCUSED)["name"] == stops[-2]["name"]
    assert_clean(seen)
    page.context.close()
