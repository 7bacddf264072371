"""The HTML page in a real browser: Playwright driving Debian's Chromium (no downloads)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import NodeKind, reading_order
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
HOSTILE = CASES / "html-hostile.yaml"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; install it with apt-get install chromium"
        if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (ARGMAP_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Page:
    """An opened page plus everything it tried to do that it should not."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name, path, options in [
        ("flagship", FLAGSHIP, RenderOptions()),
        ("uniforms", MAPS / "school-uniforms.yaml", RenderOptions()),
    ]:
        target = folder / f"{name}.html"
        target.write_text(
            render_html(load_map(path), analyze(load_map(path)), options), encoding="utf-8"
        )
        out[name] = target
    return out


def open_page(browser: Any, path: Path, **context_options: Any) -> Page:
    context = browser.new_context(**context_options)
    page = context.new_page()
    seen = Page(page)

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):  # data: the page's own fonts
            r.continue_()
        else:
            seen.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: seen.requests.append(req.url))
    page.on(
        "console",
        lambda msg: seen.errors.append(msg.text) if msg.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))

    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return seen


def assert_clean(seen: Page) -> None:
    assert seen.errors == []
    assert seen.blocked == []
    assert seen.requests, "the request listener saw nothing"
    assert all(url.startswith(("file:", "data:")) for url in seen.requests), seen.requests
    assert seen.dialogs == []


def visible_entries(page: Any) -> list[dict[str, str]]:
    return list(
        page.eval_on_selector_all(
            "li.entry:not([hidden])",
            """els => els.filter(e => !e.closest('li.entry[hidden]'))
                .map(e => ({id: e.dataset.id, kind: e.dataset.kind, author: e.dataset.author,
                            context: e.classList.contains('context')}))""",
        )
    )


def test_flagship_loads_cleanly_and_screenshots(
    browser: Any, pages: dict[str, Path], outputs_dir: Path
) -> None:
    for name, options in [
        ("light", {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"}),
        ("dark", {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"}),
        ("phone", {"viewport": {"width": 390, "height": 844}, "color_scheme": "light"}),
    ]:
        seen = open_page(browser, pages["flagship"], **options)
        assert_clean(seen)
        seen.page.screenshot(path=str(outputs_dir / f"flagship-{name}.png"))
        if name == "light":
            seen.page.screenshot(path=str(outputs_dir / "flagship-full.png"), full_page=True)
        width = seen.page.evaluate("document.documentElement.scrollWidth")
        assert width <= options["viewport"]["width"], "the page scrolls sideways"  # type: ignore[index]
        seen.page.context.close()


def test_a_wide_window_shows_the_diagram_wider_than_the_text(
    browser: Any, pages: dict[str, Path]
) -> None:
    """The diagram sat in the text's 64rem column: on a 1920x1080 screen an A4 page was
    990 px wide, 700 high, its statements 11-12 px. It now takes what its paper needs of the
    window, up to 75% of its height, with no sideways scroll (a page A4 and Letter both
    hold, 4:3, is 1,078 px wide)."""
    seen = open_page(browser, pages["flagship"], viewport={"width": 1920, "height": 1080})
    page = seen.page
    sizes = page.evaluate(
        """() => {
            const svg = document.querySelector('.diagram-page:not([hidden]) svg');
            const column = document.querySelector('#outline').getBoundingClientRect().width;
            const frame = svg.parentElement.getBoundingClientRect();
            const box = svg.getBoundingClientRect();
            return [column, frame.left, frame.right, box.width, box.height,
                    document.documentElement.scrollWidth];
        }"""
    )
    column, left, right, width, height, scroll = sizes
    assert abs(height - 0.75 * 1080) < 1 and width > column + 80, sizes
    assert left > 0 and right < 1920 and scroll <= 1920, sizes
    assert abs((left + right) / 2 - 960) < 2, sizes  # centred in the window
    seen.page.context.close()


def test_entries_nest_as_the_model(browser: Any, pages: dict[str, Path]) -> None:
    m = load_map(FLAGSHIP)
    seen = open_page(browser, pages["flagship"])
    pairs = seen.page.eval_on_selector_all(
        "li.entry",
        "els => els.map(e => [e.dataset.id,"
        " e.parentElement.closest('li.entry')?.dataset.id ?? null])",
    )
    assert [p[0] for p in pairs] == [n.id for n in reading_order(m)]
    # A conclusion heads a list of its own, after the thesis's tree.
    for node_id, parent in pairs:
        node = m.get(node_id)
        assert parent == (None if node.kind is NodeKind.CONCLUSION else node.parent), node_id
    seen.page.context.close()


def test_expand_collapse_and_filters(browser: Any, pages: dict[str, Path]) -> None:
    m = load_map(FLAGSHIP)
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    count_open = "document.querySelectorAll('.tree details[open]').length"
    total = page.evaluate("document.querySelectorAll('.tree details').length")
    assert total == len(m)
    page.click("#collapse-all")
    assert page.evaluate(count_open) == 0
    page.click("#expand-all")
    assert page.evaluate(count_open) == total

    # The page labels an objection to an objection a rebuttal, as the diagram does.
    objections = [n.id for n in m.nodes if draw_kind(m, n) is NodeKind.OBJECTION]
    page.check("input[name=show][value=objections]")
    matched = [e["id"] for e in visible_entries(page) if not e["context"]]
    assert sorted(matched) == sorted(objections)
    assert page.inner_text("#filter-status") == f"{len(objections)} of {len(m)} entries match."

    unanswered = [i for i in analyze(m).unanswered if i in objections]
    page.check("input[name=show][value=unanswered]")
    matched = [e["id"] for e in visible_entries(page) if not e["context"]]
    assert sorted(matched) == sorted(unanswered)

    page.check("input[name=show][value=all]")
    page.click("#collapse-all")  # (a big map's page opens collapsed)
    authors = sorted({n.author for n in m.nodes if n.author})
    page.select_option("#author", authors[0])
    mine = [e for e in visible_entries(page) if not e["context"]]
    assert {e["author"] for e in mine} == {authors[0]}
    assert len(mine) == sum(1 for n in m.nodes if n.author == authors[0])
    # Each match opens, so its signature (the reason for the filter) shows (UX round 8).
    for entry in mine:
        signed = page.locator(f'li.entry[data-id="{entry["id"]}"] > details > * .author').first
        assert signed.is_visible(), entry["id"]

    page.click("#reset")
    page.fill("#search", "Jang Song")
    matched = [e["id"] for e in visible_entries(page) if not e["context"]]
    assert matched == [n.id for n in m.walk() if "Jang Song" in n.text]
    page.fill("#search", "")
    assert len(visible_entries(page)) == len(m)
    assert_clean(seen)
    seen.page.context.close()


def test_keyboard_toggles_an_entry(browser: Any, pages: dict[str, Path]) -> None:
    seen = open_page(browser, pages["uniforms"])
    page = seen.page
    summary = page.locator("#n-uniforms > details > summary")
    summary.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('#n-uniforms > details').open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('#n-uniforms > details').open") is True
    seen.page.context.close()


def test_keyboard_focus_is_visible(browser: Any, pages: dict[str, Path]) -> None:
    seen = open_page(browser, pages["uniforms"])
    page = seen.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth]; })()"
        )
        assert style == ["solid", "3px"]
    seen.page.context.close()


def test_diagram_click_scrolls_to_the_entry_and_back(browser: Any, pages: dict[str, Path]) -> None:
    from playwright.sync_api import expect

    m = load_map(FLAGSHIP)
    target = list(m.walk())[-1].id
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    page.click("#collapse-all")
    page.evaluate("(id) => { location.hash = 'node-' + id; }", target)  # its page
    page.locator(f"svg g.node#node-{target}").click()
    entry = page.locator(f"#n-{target}")
    expect(entry).to_contain_class("highlight")
    expect(entry).to_be_in_viewport()
    assert page.evaluate("location.hash") == f"#n-{target}"
    # Keyboard: a focused diagram node follows Enter too (the thesis's page shown first).
    page.evaluate("() => { location.hash = 'page-1'; }")
    page.focus(f"svg g.node#node-{m.thesis.id} a")
    page.keyboard.press("Enter")
    expect(page.locator(f"#n-{m.thesis.id}")).to_contain_class("highlight")
    # And back: an outline entry's link goes to its node in the diagram.
    page.click(f"#n-{target} a.to-diagram")
    expect(page.locator(f"svg g.node#node-{target}")).to_be_in_viewport()
    expect(page.locator(f"svg g.node#node-{target}")).to_contain_class("hl")
    assert_clean(seen)
    seen.page.context.close()


def test_hostile_map_runs_nothing(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render_html(load_map(HOSTILE), analyze(load_map(HOSTILE))), encoding="utf-8")
    seen = open_page(browser, path)
    page = seen.page
    page.click("#expand-all")
    page.hover("li.entry")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.querySelectorAll('img, iframe, foreignObject').length") == 0
    drawn = page.locator("svg g.node[id^='node-']").count()
    assert drawn == len(load_map(HOSTILE))
    assert page.title() == load_map(HOSTILE).title
    assert_clean(seen)
    seen.page.context.close()


def test_works_without_javascript(browser: Any, pages: dict[str, Path]) -> None:
    seen = open_page(browser, pages["uniforms"], java_script_enabled=False)
    page = seen.page
    assert page.is_hidden("#controls")
    assert page.is_visible("#n-uniforms > details > summary")
    is_open = "document.querySelector('#n-uniforms > details').open"
    assert page.evaluate(is_open) is True
    page.click("#n-uniforms > details > summary")
    assert page.evaluate(is_open) is False
    assert page.evaluate("document.scripts.length") == 1  # present, not run
    assert page.evaluate("document.documentElement.classList.contains('js')") is False
    # The diagram links to the outline without the script too.
    page.click("svg g.node#node-second-hand")
    assert page.evaluate("location.hash") == "#n-second-hand"
    seen.page.context.close()
    # Without the script every diagram page shows, one after another, and a stub is a link
    # to its page's place on the page.
    seen = open_page(browser, pages["flagship"], java_script_enabled=False)
    page = seen.page
    assert page.is_hidden("#diagram-bar")
    shown = page.locator(".diagram-page:visible").count()
    assert shown == page.locator(".diagram-page").count() > 1
    page.locator("#page-1 a[href^='#page-']").first.click()
    assert page.evaluate("location.hash").startswith("#page-")
    seen.page.context.close()


def test_print_layout_shows_everything_and_no_controls(
    browser: Any, pages: dict[str, Path], outputs_dir: Path
) -> None:
    seen = open_page(browser, pages["uniforms"])
    page = seen.page
    page.click("#collapse-all")
    links = "document.querySelectorAll(\"a[href^='#']\").length"
    before = page.evaluate(links)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    # A map of ordinary size keeps its links within the page in the PDF (a big one prints
    # them as text: tests/test_browser_deep.py).
    assert page.evaluate(links) == before > 20
    assert page.is_hidden("#controls") and page.is_hidden("nav.sections")
    assert page.evaluate("document.querySelectorAll('.tree details:not([open])').length") == 0
    assert page.is_visible("#n-second-hand > details > .body")
    breaks = page.evaluate("getComputedStyle(document.querySelector('#diagram')).breakBefore")
    assert breaks == "page"
    page.pdf(path=str(outputs_dir / "school-uniforms-print.pdf"))
    seen.page.context.close()


def test_the_summary_prints_its_parts_one_after_another(
    browser: Any, pages: dict[str, Path]
) -> None:
    """Side by side, the longest part ran on alone over three sheets, the others blank."""
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    boxes = (
        "[...document.querySelectorAll('#summary .summary-grid > *, #unanswered')]"
        ".map(e => e.getBoundingClientRect()).map(r => [r.left, r.top, r.bottom])"
    )
    side_by_side = page.evaluate(boxes)
    assert len({round(left) for left, _top, _bottom in side_by_side}) > 1  # on screen
    page.emulate_media(media="print")
    stacked = page.evaluate(boxes)
    assert len(stacked) >= 3
    for (_l1, _t1, bottom), (_l2, top, _b2) in zip(stacked, stacked[1:], strict=False):
        assert top >= bottom - 1
    seen.page.context.close()


def test_a_long_description_folds_on_screen_and_prints_whole(browser: Any, tmp_path: Path) -> None:
    """Past its third paragraph a description folds under a summary (an imported Argdown
    document's preface ran 400 words above the thesis); printed, it is whole, and on
    screen again it folds as before."""
    text = "\n\n".join(f"Paragraph {i} of a long preface." for i in range(6))
    m = validate_data({"title": "T", "description": text, "thesis": {"text": "A thesis."}})
    path = tmp_path / "described.html"
    path.write_text(render_html(m, analyze(m)), encoding="utf-8")
    seen = open_page(browser, path)
    page = seen.page
    last = page.locator("details.description p").last
    assert page.is_visible("text=Paragraph 2 of a long preface.") and not last.is_visible()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert last.is_visible() and last.inner_text() == "Paragraph 5 of a long preface."
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert not last.is_visible()
    assert seen.errors == []
    seen.page.context.close()


def test_exercise_and_print_theme_screenshots(
    browser: Any, tmp_path: Path, outputs_dir: Path
) -> None:
    m = load_map(FLAGSHIP)
    for name, options in [
        ("exercise", RenderOptions(exercise=True)),
        ("print-theme", RenderOptions(theme="print")),
    ]:
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(m, analyze(m), options), encoding="utf-8")
        seen = open_page(browser, path, color_scheme="dark")
        assert_clean(seen)
        if name == "print-theme":
            # Grayscale: no saturated colour on the page itself, even in dark mode.
            colour = seen.page.evaluate(
                "getComputedStyle(document.querySelector('.kind.objection')).color"
            )
            assert colour == "rgb(0, 0, 0)"
        seen.page.screenshot(path=str(outputs_dir / f"flagship-{name}.png"), full_page=False)
        seen.page.context.close()


@pytest.mark.parametrize("kind", ["fill", "place", "label"])
def test_worksheets_have_no_outline_filters(
    browser: Any, tmp_path: Path, outputs_dir: Path, kind: str
) -> None:
    # Filtering by kind or by answer is meaningless on a worksheet, and on a label sheet
    # "only objections" would pick out the answers: the page has no controls at all.
    m = load_map(FLAGSHIP)
    path = tmp_path / f"{kind}.html"
    options = RenderOptions(exercise=True, exercise_kind=kind)  # type: ignore[arg-type]
    path.write_text(render_html(m, analyze(m), options), encoding="utf-8")
    seen = open_page(browser, path, viewport={"width": 1280, "height": 900})
    page = seen.page
    assert_clean(seen)
    assert page.locator("#controls, #search, input[name=show], #author").count() == 0
    assert page.evaluate("document.querySelectorAll('.tree details:not([open])').length") == 0
    page.evaluate("document.getElementById('outline').scrollIntoView()")
    page.screenshot(path=str(outputs_dir / f"flagship-exercise-{kind}-outline.png"))
    page.context.close()


def centre_offset(page: Any, selector: str) -> tuple[float, float]:
    """How far the centre of an element is from the centre of the shown diagram page."""
    return tuple(  # type: ignore[return-value]
        page.evaluate(
            """(sel) => {
                const frame = document.querySelector('.diagram-page:not([hidden])')
                    .getBoundingClientRect();
                const box = document.querySelector(sel).getBoundingClientRect();
                return [box.left + box.width / 2 - (frame.left + frame.width / 2),
                        box.top + box.height / 2 - (frame.top + frame.height / 2)];
            }""",
            selector,
        )
    )


def shown_page(page: Any) -> int:
    numbers = page.eval_on_selector_all(
        ".diagram-page:not([hidden])", "els => els.map(e => Number(e.dataset.page))"
    )
    assert len(numbers) == 1, numbers
    assert page.inner_text("#page-status") == f"Page {numbers[0]} of {page_count(page)}"
    return int(numbers[0])


_LAST_DRAWING = (
    "Array.from(document.querySelectorAll('.diagram-page'))"
    ".filter((p) => p.querySelector('g.node[id^=\"node-\"]'))"
)
"""The diagram's pages that draw a node (the key may have the last page to itself)."""


def on_last_page(page: Any) -> str:
    """The id of a node drawn on the last page that draws one."""
    return str(
        page.evaluate(f"{_LAST_DRAWING}.at(-1).querySelector('g.node[id^=\"node-\"]').id.slice(5)")
    )


def last_drawing(page: Any) -> int:
    """The number of the last page that draws a node."""
    return int(page.evaluate(f"{_LAST_DRAWING}.at(-1).id.slice(5)"))


def page_count(page: Any) -> int:
    return int(page.evaluate("document.querySelectorAll('.diagram-page').length"))


def scale_of(page: Any) -> float:
    return float(
        page.evaluate(
            r"""() => {
                const svg = document.querySelector('.diagram-page:not([hidden]) svg');
                const m = /scale\(([\d.]+)\)/.exec(svg.style.transform);
                return m ? Number(m[1]) : 1;
            }"""
        )
    )


def test_actual_size_opens_on_the_thesis(browser: Any, pages: dict[str, Path]) -> None:
    m = load_map(FLAGSHIP)
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    assert shown_page(page) == 1 and page_count(page) > 1  # the overview first
    page.locator("#diagram-pages").scroll_into_view_if_needed()
    page.click("#actual-size")
    assert scale_of(page) > 1
    dx, dy = centre_offset(page, f"#node-{m.thesis.id}")
    assert abs(dx) < 2 and abs(dy) < 2, "at actual size the thesis is in the middle"
    page.click("#fit-diagram")
    assert scale_of(page) == 1
    assert_clean(seen)
    seen.page.context.close()


def test_stubs_open_their_pages_and_the_breadcrumb_goes_back(
    browser: Any, pages: dict[str, Path], outputs_dir: Path
) -> None:
    seen = open_page(browser, pages["flagship"], viewport={"width": 1280, "height": 900})
    page = seen.page
    page.locator("#diagram-pages").scroll_into_view_if_needed()
    seen.page.screenshot(path=str(outputs_dir / "flagship-diagram-overview.png"))
    stub = page.locator("#page-1 g.stub a[href^='#page-']").first
    target = int(stub.get_attribute("href").removeprefix("#page-"))
    stub.click()
    assert shown_page(page) == target and page.evaluate("location.hash") == f"#page-{target}"
    seen.page.screenshot(path=str(outputs_dir / f"flagship-diagram-page-{target}.png"))
    # The breadcrumb's first row is the thesis: it leads back to the overview.
    page.locator(f"#page-{target} a[href='#page-1']").first.click()
    assert shown_page(page) == 1
    page.go_back()
    assert shown_page(page) == target
    page.go_back()
    assert shown_page(page) == 1
    page.click("#page-next")
    assert shown_page(page) == 2
    page.focus("#diagram-pages")
    page.keyboard.press("PageDown")
    assert shown_page(page) == 3
    page.keyboard.press("Home")
    assert shown_page(page) == 1
    page.keyboard.press("End")  # did nothing, though Home goes to page 1
    assert shown_page(page) == page_count(page)
    assert page.evaluate("location.hash") == f"#page-{page_count(page)}"
    page.keyboard.press("Home")
    # A deep link to a node opens the page that draws it.
    last = on_last_page(page)
    page.evaluate("(id) => { location.hash = 'node-' + id; }", last)
    page.wait_for_function(
        "(id) => document.getElementById('node-' + id).getClientRects().length > 0", arg=last
    )
    assert shown_page(page) == last_drawing(page)
    # Deep links work when the page opens on them too.
    page.goto(pages["flagship"].as_uri() + "#page-3")
    page.reload()
    assert shown_page(page) == 3
    assert_clean(seen)
    seen.page.context.close()


@pytest.mark.parametrize("size", [(1280, 900), (1366, 768), (390, 844)])
def test_a_page_opened_from_its_address_shows_the_toolbar_and_fit_keeps_it_in_view(
    browser: Any, pages: dict[str, Path], size: tuple[int, int]
) -> None:
    """Opened at ``#page-N`` (or a node's address), the page is in view with its toolbar
    above it: the browser had scrolled the drawing to the window's top, the toolbar out of
    sight, and pressing Fit then scrolled the drawing half off the screen."""
    width, height = size
    seen = open_page(browser, pages["flagship"], viewport={"width": width, "height": height})
    page = seen.page
    last = on_last_page(page)
    errors: list[str] = []
    for fragment in ("page-3", f"node-{last}"):
        page = seen.page.context.new_page()  # opened afresh: a reload restores the scroll
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(pages["flagship"].as_uri() + "#" + fragment)
        page.wait_for_timeout(100)
        bar = page.locator("#diagram-bar").bounding_box()
        frame = page.locator(".diagram-page:not([hidden])").bounding_box()
        assert bar is not None and frame is not None
        assert bar["y"] >= -1, f"#{fragment}: the toolbar is above the window"
        assert frame["y"] + frame["height"] <= height + 1, f"#{fragment}: the page runs below"
        before = page.evaluate("scrollY")
        page.locator("#fit-diagram").dispatch_event("click")  # as clicked where it is
        page.wait_for_timeout(50)
        assert page.evaluate("scrollY") == before, f"#{fragment}: Fit scrolled the window"
    assert errors == []
    assert_clean(seen)
    page.context.close()


def test_the_list_of_pages_opens_the_page_picked_and_follows_the_page_shown(
    browser: Any, pages: dict[str, Path]
) -> None:
    """A debater picks a branch by its statement from the list of pages: that page opens,
    as a followed stub does (Back returns); turning pages moves the list along."""
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    titles = page.eval_on_selector_all("#page-jump option", "els => els.map(e => e.textContent)")
    assert len(titles) == page_count(page)
    assert titles[0].startswith("1 · THESIS: Russia's calculus")
    for number, title in enumerate(titles, start=1):
        assert title.strip("\u00a0").startswith(f"{number} · ")
    nested = [t for t in titles if t.startswith("\u00a0\u00a0\u00a0\u00a0")]
    assert nested, "a page under a page under the overview is indented twice"
    page.select_option("#page-jump", "5")
    assert shown_page(page) == 5 and page.evaluate("location.hash") == "#page-5"
    page.click("#page-next")
    assert shown_page(page) == 6 and page.eval_on_selector("#page-jump", "e => e.value") == "6"
    page.go_back()
    assert shown_page(page) == 1 and page.eval_on_selector("#page-jump", "e => e.value") == "1"
    assert_clean(seen)
    page.context.close()


def test_the_list_of_pages_shows_a_long_title_clear_of_its_arrow(
    browser: Any, pages: dict[str, Path]
) -> None:
    """The picked page's title ran on under the list's arrow ("ban private ce" under it)."""
    import io

    from PIL import Image

    seen = open_page(browser, pages["flagship"])
    shot = Image.open(io.BytesIO(seen.page.locator("#page-jump").screenshot())).convert("L")
    seen.page.context.close()
    inset = 4  # inside the list's border
    inked = [
        any(shot.getpixel((x, y)) < 128 for y in range(inset, shot.height - inset))
        for x in range(inset, shot.width - inset)
    ]
    runs: list[list[int]] = []  # runs of inked columns, apart by 3 blank columns or more
    for x, ink in enumerate(inked):
        if ink and runs and x - runs[-1][1] <= 3:
            runs[-1][1] = x
        elif ink:
            runs.append([x, x])
    arrow, text = runs[-1], runs[-2]
    assert arrow[1] - arrow[0] < 16, f"the title runs on under the arrow: {runs[-3:]}"  # (ink)
    assert arrow[0] - text[1] >= 12, f"the title ends {arrow[0] - text[1]} px from the arrow"


def test_wheel_pinch_keys_and_drag_pan_and_zoom(browser: Any, pages: dict[str, Path]) -> None:
    m = load_map(FLAGSHIP)
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    page.locator("#diagram-pages").scroll_into_view_if_needed()
    page.focus("#diagram-pages")  # in use: the wheel alone zooms it (see test_browser_viewer)
    thesis = page.locator(f"#node-{m.thesis.id}").bounding_box()
    x, y = thesis["x"] + thesis["width"] / 2, thesis["y"] + thesis["height"] / 2
    page.mouse.move(x, y)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(100)
    assert scale_of(page) > 1.5
    after = page.locator(f"#node-{m.thesis.id}").bounding_box()
    # Zoomed about the pointer: the thesis stays under it.
    assert abs(after["x"] + after["width"] / 2 - x) < 3
    assert abs(after["y"] + after["height"] / 2 - y) < 3
    page.focus("#diagram-pages")
    page.keyboard.press("0")
    assert scale_of(page) == 1
    page.keyboard.press("+")
    zoomed = scale_of(page)
    assert zoomed > 1
    page.keyboard.press("-")
    assert scale_of(page) < zoomed
    page.keyboard.press("+")
    page.keyboard.press("+")
    before = page.locator(f"#node-{m.thesis.id}").bounding_box()
    page.keyboard.press("ArrowRight")
    moved = page.locator(f"#node-{m.thesis.id}").bounding_box()
    assert moved["x"] < before["x"] - 10
    # Dragging pans and does not follow the link under the pointer.
    hash_before = page.evaluate("location.hash")
    page.keyboard.press("1")  # actual size, on the thesis: the pointer starts on a link
    frame = page.locator(".diagram-page:not([hidden])").bounding_box()
    x, y = frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2
    box = page.locator(f"#node-{m.thesis.id}").bounding_box()
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 40, steps=5)
    page.mouse.up()
    dragged = page.locator(f"#node-{m.thesis.id}").bounding_box()
    assert abs(dragged["x"] - box["x"] - 60) < 3 and abs(dragged["y"] - box["y"] - 40) < 3
    assert page.evaluate("location.hash") == hash_before
    # A pinch: two pointers moving apart zoom in.
    page.keyboard.press("0")
    page.evaluate(
        """() => {
            const box = document.getElementById('diagram-pages');
            const r = document.querySelector('.diagram-page:not([hidden])')
                .getBoundingClientRect();
            const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
            const fire = (type, id, dx) => box.dispatchEvent(new PointerEvent(type, {
                pointerId: id, pointerType: 'touch', isPrimary: id === 1, button: 0,
                clientX: cx + dx, clientY: cy, bubbles: true}));
            fire('pointerdown', 1, -20); fire('pointerdown', 2, 20);
            for (let d = 20; d <= 80; d += 10) {
                fire('pointermove', 1, -d); fire('pointermove', 2, d);
            }
            fire('pointerup', 1, -80); fire('pointerup', 2, 80);
        }"""
    )
    assert scale_of(page) > 2.5
    # Ctrl and a mouse wheel's notch (100 pixels) zooms by a step, as without Ctrl: it
    # took the rate of a touchpad's pinch, whose events are a few pixels each (2.7x a notch).
    page.keyboard.press("0")
    fitted = scale_of(page)
    page.evaluate(
        """() => document.getElementById('diagram-pages').dispatchEvent(new WheelEvent(
            'wheel', {deltaY: -100, ctrlKey: true, clientX: 400, clientY: 300,
            bubbles: true, cancelable: true}))"""
    )
    assert 1.1 < scale_of(page) / fitted < 1.35
    assert_clean(seen)
    seen.page.context.close()


def test_a_slide_fitted_page_prints_its_text_on_the_slides_sheet_too(
    browser: Any, tmp_path: Path, outputs_dir: Path
) -> None:
    import re

    m = load_map(MAPS / "school-uniforms.yaml")
    target = tmp_path / "slides.html"
    target.write_text(render_html(m, analyze(m), RenderOptions(fit="slide")), encoding="utf-8")
    seen = open_page(browser, target)
    total = page_count(seen.page)
    pdf = outputs_dir / "uniforms-slides-print.pdf"
    seen.page.pdf(path=str(pdf), prefer_css_page_size=True)
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    # the diagram's slides, then the outline: every sheet 16:9 (the outline took Letter)
    assert len(sizes) > total, sizes
    assert all(abs(float(w) - 960) < 0.5 and abs(float(h) - 540) < 0.5 for w, h in sizes), sizes
    assert_clean(seen)
    seen.page.context.close()


@pytest.mark.parametrize("fit", ["a4", "none"])
def test_the_printed_text_keeps_a_margin_and_the_diagram_pages_none(
    browser: Any, tmp_path: Path, outputs_dir: Path, fit: str
) -> None:
    """Printed with no margins of the browser's own (as a headless browser prints, or a
    print dialog's "None"), the outline's text stood flush to the paper's edge."""
    import re
    import subprocess

    from tests.poppler import poppler

    m = load_map(MAPS / "school-uniforms.yaml")
    target = tmp_path / "uniforms.html"
    target.write_text(render_html(m, analyze(m), RenderOptions(fit=fit)), encoding="utf-8")
    seen = open_page(browser, target)
    pdf = outputs_dir / f"uniforms-{fit}-margins-print.pdf"
    seen.page.pdf(path=str(pdf), prefer_css_page_size=True)
    seen.page.context.close()
    bbox = subprocess.run(
        [poppler("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    upright = diagram = 0
    for size, words in re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', bbox, re.S):
        boxes = [
            tuple(map(float, box))
            for box in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', words)
        ]
        if not boxes:
            continue
        if fit == "a4" and abs(float(size) - 841.89) < 1:  # a diagram page: A4 across
            diagram += 1
            continue
        upright += 1
        margin = 10 / 25.4 * 72 - 1  # 10 mm, less a point for the ink's own rounding
        assert min(b[0] for b in boxes) >= margin, (size, min(boxes))
        assert max(b[2] for b in boxes) <= float(size) - margin, (size, max(boxes))
    assert upright > 1
    assert fit == "none" or diagram > 0


def test_show_in_diagram_opens_the_nodes_page_and_fit_keeps_it(
    browser: Any, pages: dict[str, Path]
) -> None:
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    target = on_last_page(page)
    page.click("#expand-all")
    page.click(f"#n-{target} a.to-diagram")
    number = shown_page(page)
    assert number > 1
    dx, dy = centre_offset(page, f"#node-{target}")
    assert abs(dx) < 2 and abs(dy) < 2
    page.click("#page-overview")
    assert shown_page(page) == 1
    page.click("#fit-diagram")  # the selected node's page, whole
    assert shown_page(page) == number and scale_of(page) == 1
    page.click("#actual-size")
    dx, dy = centre_offset(page, f"#node-{target}")
    assert abs(dx) < 2 and abs(dy) < 2
    assert_clean(seen)
    seen.page.context.close()


def test_printing_puts_each_diagram_page_on_a_sheet_legibly(
    browser: Any, pages: dict[str, Path], outputs_dir: Path
) -> None:
    import re

    seen = open_page(browser, pages["flagship"])
    page = seen.page
    total = page_count(page)
    page.click("#page-next")
    page.click("#zoom-in")  # what the screen shows does not change the print
    pdf = outputs_dir / "flagship-print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    # The page A4 and Letter both hold (Chromium rounds its 595.28 pt to whole pixels).
    lying = [s for s in sizes if abs(float(s[0]) - 792) < 0.5 and abs(float(s[1]) - 595.28) < 1]
    assert len(lying) == total, sizes
    # The text prints on the same paper, upright (it took the browser's default, Letter).
    upright = [s for s in sizes if s not in lying]
    assert upright and all(
        abs(float(w) - 595.28) < 1 and abs(float(h) - 792) < 0.5 for w, h in upright
    ), sizes
    # On print media every page shows, at its sheet's size, its text at the legibility floor.
    page.emulate_media(media="print")
    ratios = page.evaluate(
        """() => Array.from(document.querySelectorAll('.diagram-page svg')).map(svg => {
            const height = svg.getBoundingClientRect().height;
            const scale = svg.getScreenCTM().d;
            const sizes = Array.from(svg.querySelectorAll('text'))
                .map(t => Number(t.getAttribute('font-size')));
            const statements = sizes.filter(s => s >= 13);
            return [height, Math.min(...statements) * scale / height,
                    Math.min(...sizes) * scale / height];
        })"""
    )
    assert len(ratios) == total
    tallest = 612 / 595.28  # Letter's sheet: the text is at its floor, and A4's
    for height, statement, smallest in ratios:
        assert abs(height - 595.28 * 4 / 3) < 1
        assert statement >= tallest / 60 - 1e-4 and smallest >= tallest / 90 - 1e-4
    seen.page.context.close()
