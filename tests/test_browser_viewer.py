"""The HTML diagram viewer as a reader meets it: the wheel, Back, Tab and Actual size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import (
    Page,
    assert_clean,
    browser,
    centre_offset,
    open_page,
    pages,
    scale_of,
    shown_page,
)

__all__ = ["browser", "pages"]  # the shared Chromium fixture and pages

pytestmark = pytest.mark.browser

_SHOWN = ".diagram-page:not([hidden])"

_FOCUS_IN_VIEW = """() => {
    const r = document.activeElement.getBoundingClientRect();
    const page = document.querySelector('.diagram-page:not([hidden])');
    const f = page.getBoundingClientRect();
    return {frame: r.left >= f.left - 1 && r.right <= f.right + 1 && r.top >= f.top - 1
                   && r.bottom <= f.bottom + 1,
            window: r.top >= 0 && r.bottom <= innerHeight,
            scrolled: [page.scrollLeft, page.scrollTop]};
}"""


def _frame_centre(page: Any) -> tuple[float, float]:
    box = page.locator(_SHOWN).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_the_wheel_scrolls_the_page_past_a_diagram_not_in_use(
    browser: Any, pages: dict[str, Path]
) -> None:
    """Every notch of the wheel over the diagram zoomed it: a reader scrolling down the page
    stopped there, the diagram shrinking to its least, and never reached the outline."""
    seen = open_page(browser, pages["flagship"], viewport={"width": 1366, "height": 768})
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    page.mouse.move(*_frame_centre(page))
    for _ in range(3):
        before = page.evaluate("scrollY")
        page.mouse.wheel(0, 200)
        page.wait_for_function("(b) => scrollY > b", arg=before, timeout=2000)
        assert scale_of(page) == 1
    assert page.is_visible("#wheel-hint")  # it says how to zoom
    # Ctrl and the wheel (a touchpad's pinch is sent so) zoom it, in use or not.
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    page.mouse.move(*_frame_centre(page))
    before = page.evaluate("scrollY")
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    page.wait_for_timeout(100)
    assert scale_of(page) > 1 and page.evaluate("scrollY") == before
    # Selected (clicked on, tabbed to), the wheel alone zooms it.
    page.focus("#diagram-pages")
    page.mouse.move(*_frame_centre(page))
    zoomed = scale_of(page)
    before = page.evaluate("scrollY")
    page.mouse.wheel(0, -200)
    page.wait_for_timeout(100)
    assert scale_of(page) > zoomed and page.evaluate("scrollY") == before
    assert_clean(seen)
    page.context.close()


def test_back_returns_from_a_followed_box_to_the_diagram(
    browser: Any, pages: dict[str, Path]
) -> None:
    """A box followed to its outline entry replaced the page's place in the history: Back
    left the page (or went past the page of the diagram the reader came from)."""
    seen = open_page(browser, pages["flagship"], viewport={"width": 1366, "height": 768})
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    page.click("#page-next")
    assert shown_page(page) == 2
    box = page.locator(f"{_SHOWN} g.node a[href^='#n-']").first
    entry = box.get_attribute("href")
    box.click()
    assert page.evaluate("location.hash") == entry
    assert page.locator(f"{entry} > details > summary").is_visible()
    page.go_back()
    page.wait_for_function("() => location.hash === '#page-2'", timeout=2000)
    assert shown_page(page) == 2
    frame = page.locator(_SHOWN).bounding_box()
    high = page.evaluate("innerHeight")
    assert frame["y"] < high and frame["y"] + frame["height"] > 0, (frame, high)
    assert_clean(seen)
    page.context.close()


def test_tab_through_a_zoomed_diagram_keeps_each_box_in_sight(
    browser: Any, pages: dict[str, Path]
) -> None:
    """Zoomed in, Tab went on to boxes panned out of the frame (the focus unseen), and the
    browser scrolled the frame to them, out of step with the view."""
    seen = open_page(browser, pages["flagship"], viewport={"width": 1366, "height": 768})
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    page.focus("#diagram-pages")
    page.keyboard.press("1")
    page.keyboard.press("+")
    page.keyboard.press("+")
    stops = page.evaluate(
        f"document.querySelectorAll(\"{_SHOWN} svg a[href], {_SHOWN} svg [tabindex='0']\").length"
    )
    assert stops > 5
    for _ in range(stops):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('svg')")
        seen_at = page.evaluate(_FOCUS_IN_VIEW)
        assert seen_at == {"frame": True, "window": True, "scrolled": [0, 0]}, seen_at
    assert_clean(seen)
    page.context.close()


def test_actual_size_on_a_page_without_the_thesis_centres_its_branch_head(
    browser: Any, pages: dict[str, Path]
) -> None:
    """With nothing selected and no thesis drawn, Actual size put the page's middle in the
    frame: on the flagship's page 2, the middle of the arrows below the branch's head, which
    was cut off at the frame's top."""
    seen = open_page(browser, pages["flagship"], viewport={"width": 1366, "height": 768})
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    page.click("#page-next")
    head = page.evaluate(f"document.querySelector(\"{_SHOWN} g.node[id^='node-']\").id")
    assert head != "" and shown_page(page) == 2
    page.click("#actual-size")
    assert scale_of(page) > 1 and shown_page(page) == 2
    dx, dy = centre_offset(page, f"#{head}")
    assert abs(dx) < 2 and abs(dy) < 2, (head, dx, dy)
    assert_clean(seen)
    page.context.close()


def test_a_contrast_theme_leaves_the_drawing_its_white_ground(
    browser: Any, pages: dict[str, Path]
) -> None:
    """In a dark forced-colours mode (a Windows contrast theme) the frame went black around
    the drawing's own white page, and the heading's grey words at its side were on black."""
    seen = open_page(
        browser,
        pages["flagship"],
        viewport={"width": 1366, "height": 768},
        color_scheme="dark",
        forced_colors="active",
    )
    page = seen.page
    ground = page.evaluate(f"getComputedStyle(document.querySelector('{_SHOWN}')).backgroundColor")
    assert ground == "rgb(255, 255, 255)"
    assert_clean(seen)
    page.context.close()


def test_a_page_already_shown_adds_no_step_for_back(browser: Any, pages: dict[str, Path]) -> None:
    """Overview pressed on the overview (or Home on the first page, End on the last) added
    a step to the history that showed the same page: Back then did nothing."""
    seen = open_page(browser, pages["flagship"], viewport={"width": 1366, "height": 768})
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    steps = page.evaluate("history.length")
    page.click("#page-overview")
    page.focus("#diagram-pages")
    page.keyboard.press("Home")
    assert page.evaluate("history.length") == steps and shown_page(page) == 1
    page.keyboard.press("End")  # another page: a step, as a followed link
    last = shown_page(page)
    page.keyboard.press("End")
    assert page.evaluate("history.length") == steps + 1 and shown_page(page) == last > 1
    page.go_back()
    page.wait_for_function("() => location.hash === '#page-1'", timeout=2000)
    assert shown_page(page) == 1
    assert_clean(seen)
    page.context.close()


def _swipe(page: Any, dx: float, dy: float, fingers: int = 1) -> None:
    """Touches on the shown page's middle, moved ``dx``, ``dy`` in ten steps (apart, for two)."""
    cdp = page.context.new_cdp_session(page)
    x, y = _frame_centre(page)

    def touch(kind: str, k: int) -> None:
        points = (
            [(x + dx * k, y + dy * k)]
            if fingers == 1
            else [(x - 20 - dx * k, y), (x + 20 + dx * k, y)]
        )
        cdp.send(
            "Input.dispatchTouchEvent",
            {
                "type": kind,
                "touchPoints": [{"x": px, "y": py, "id": i} for i, (px, py) in enumerate(points)],
            },
        )

    touch("touchStart", 0)
    for k in range(1, 11):
        touch("touchMove", k)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(300)
    cdp.detach()


def _phone(browser: Any, path: Path) -> Page:
    """The page opened as on a phone held upright (390x844, touch)."""
    viewport = {"width": 390, "height": 844}
    return open_page(browser, path, viewport=viewport, is_mobile=True, has_touch=True)


def test_on_a_phone_a_thumb_on_the_diagram_scrolls_the_page(
    browser: Any, pages: dict[str, Path]
) -> None:
    """A finger's swipe up over the diagram panned the drawing, even fitted: a thumb on
    the diagram (a third of a 390x844 phone's screen) held the page still."""
    seen = _phone(browser, pages["uniforms"])
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    svg = f"document.querySelector('{_SHOWN} svg').style.transform"
    before = page.evaluate("scrollY")
    _swipe(page, 0, -10)
    assert page.evaluate("scrollY") > before + 50 and page.evaluate(svg) == ""
    # Two fingers pinch the drawing (not the page); zoomed in, one finger pans it.
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    _swipe(page, 5, 0, fingers=2)
    assert scale_of(page) > 1.5 and page.evaluate("visualViewport.scale") == 1
    before, shown = page.evaluate("scrollY"), page.evaluate(svg)
    _swipe(page, 0, -10)
    assert page.evaluate("scrollY") == before and page.evaluate(svg) != shown
    assert_clean(seen)
    page.context.close()


def test_on_a_phone_a_zoomed_diagram_gets_most_of_the_screen(
    browser: Any, pages: dict[str, Path]
) -> None:
    """Held upright, a phone showed an A4 page fitted across it in a strip 263 px high, and
    zoomed in it stayed so: a window on two or three boxes at a time."""
    seen = _phone(browser, pages["uniforms"])
    page = seen.page
    page.locator("#diagram-bar").scroll_into_view_if_needed()
    fitted = page.locator(_SHOWN).bounding_box()["height"]
    assert fitted < 844 / 2
    page.click("#actual-size")
    assert page.locator(_SHOWN).bounding_box()["height"] >= 0.6 * 844
    dx, dy = centre_offset(page, "g.node.thesis")  # centred in the frame it grew to
    assert abs(dx) < 2 and abs(dy) < 2, (dx, dy)
    page.click("#fit-diagram")
    assert page.locator(_SHOWN).bounding_box()["height"] == fitted
    assert_clean(seen)
    page.context.close()
