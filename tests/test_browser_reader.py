"""The HTML page's diagram for a reader who listens or uses the keyboard: stubs, focus."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from argmap.load.maps import load_map
from tests.test_browser import FLAGSHIP, assert_clean, browser, open_page, pages

__all__ = ["browser", "pages"]  # the shared Chromium fixture and pages

pytestmark = pytest.mark.browser

_SHOWN = ".diagram-page:not([hidden])"

_STUBS = f"""() => [...document.querySelectorAll("{_SHOWN} g.node.stub")].map(g => {{
    const a = g.querySelector('a[href]');
    return [g.dataset.top || '', a.getAttribute('aria-label') || a.textContent.trim()];
}})"""

_STUB_NAME = re.compile(r"(Reason|Linked reason|Objection): (.*) \(\+\d+ more, p\. \d+\)")
"""A stub's name: its kind, its branch's first statement whole, and where it goes on."""

_FOCUS_IN_FRAME = f"""() => {{
    const r = document.activeElement.getBoundingClientRect();
    const f = document.querySelector('{_SHOWN}').getBoundingClientRect();
    return r.left >= f.left - 1 && r.right <= f.right + 1 && r.top >= f.top - 1
        && r.bottom <= f.bottom + 1;
}}"""


def test_a_stub_is_heard_as_its_branchs_whole_statement_and_where_it_goes_on(
    browser: Any, pages: dict[str, Path]
) -> None:
    """A stub's link was named by the lines it shows: "REASON Russia is playing its own
    game in North Korea… +44 more, p. 2", the statement cut short. It carries its branch's
    first node's id and is named, as a box is, by that node's whole statement."""
    m = load_map(FLAGSHIP)
    seen = open_page(browser, pages["flagship"])
    stubs = seen.page.evaluate(_STUBS)
    assert len(stubs) >= 3
    for top, name in stubs:
        said = _STUB_NAME.fullmatch(name)
        assert said is not None and said.group(2) == m.get(top).text, name
    assert_clean(seen)
    seen.page.context.close()


def test_focus_follows_the_keyboard_after_a_button_released_outside_the_window(
    browser: Any, pages: dict[str, Path]
) -> None:
    """A box brought into the frame as Tab reaches it is not, while a pointer is down (a
    click's focus stays put). A button released outside the window sends the page no
    pointerup: it stayed "down", and Tab went on to boxes out of the frame, unseen."""
    seen = open_page(browser, pages["flagship"], viewport={"width": 1366, "height": 768})
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    page.focus("#diagram-pages")
    for key in ("1", "+", "+"):
        page.keyboard.press(key)
    # Pressed on the drawing, released outside the window: only the pointerdown arrives.
    page.evaluate(
        """() => document.querySelector('.diagram-page:not([hidden]) svg')
            .dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, pointerId: 1}))"""
    )
    page.focus("#diagram-pages")
    out = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('svg')"):
            break
        out += not page.evaluate(_FOCUS_IN_FRAME)
    assert out == 0
    assert_clean(seen)
    page.context.close()
