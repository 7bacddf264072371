"""Time a deep chain's HTML page in Chromium: open, jump, turn pages, zoom, print.

Usage: ``python benchmarks/bench_browser.py [--depths 1000,5000] [--no-print]``.

Each depth is a chain of claims (some fourteen a page of the diagram, in columns). The page is
opened in Debian's Chromium through Playwright, as tests/test_browser.py does; each action
is timed until the browser has drawn a frame after it. Goals: every jump under 0.5 s, the
5,000-deep page printed (``page.pdf()``) within 60 s. ``ARGMAP_BENCH_QUICK=1`` runs
1,000 deep only. Skipped (exit 0) when Chromium or Playwright is missing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
FRAME = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"
JUMP_GOAL = 0.5
PRINT_GOAL = 60.0


def chain_page(folder: Path, depth: int) -> Path:
    """Write a chain ``depth`` claims deep and its HTML page; return the page's path."""
    from argmap.analysis.standing import analyze
    from argmap.exporters.html.page import render_html
    from argmap.load.maps import load_map
    from argmap.options import RenderOptions

    opening = "".join(
        f'{{"id": "c{i}", "text": "Chain claim {i} supports the one above.", "premises": ['
        for i in range(depth - 1)
    )
    source = folder / f"chain{depth}.json"
    source.write_text(
        '{"title": "deep", "thesis": '
        + opening
        + f'{{"id": "c{depth - 1}", "text": "last"}}'
        + "]}" * (depth - 1)
        + "}",
        encoding="utf-8",
    )
    m = load_map(source)
    page = folder / f"chain{depth}.html"
    page.write_text(render_html(m, analyze(m), RenderOptions()), encoding="utf-8")
    return page


def _timed(page: Any, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    page.evaluate(FRAME)
    return time.perf_counter() - start


def _click(page: Any, selector: str) -> float:
    """Time a reader's click on ``selector``: from the mouse press to the next frame drawn.

    The element is found, brought into view and measured first, untimed: Playwright's own
    ``click`` walks the whole document for shadow roots at each of its several look-ups
    (half a second of a 5,000-deep page), which is no part of what a reader waits for.
    """
    target = page.locator(selector).first
    target.scroll_into_view_if_needed()
    page.evaluate(FRAME)
    box = target.bounding_box()
    assert box is not None, selector
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return _timed(page, lambda: page.mouse.click(x, y))


def measure(browser: Any, path: Path, depth: int, *, printing: bool) -> dict[str, float]:
    """Open the page and time its actions (seconds)."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    out = {"open": _timed(page, lambda: page.goto(path.as_uri(), timeout=0))}
    total = page.evaluate("document.querySelectorAll('.diagram-page').length")
    deep = f"c{depth - 2}"
    out["outline jump"] = _timed(page, lambda: page.evaluate(f"location.hash = 'n-{deep}'"))
    out["to diagram"] = _click(page, f"#n-{deep} a.to-diagram")
    page.evaluate("location.hash = 'page-1'")
    page.evaluate(FRAME)
    out["stub"] = _click(page, "#page-1 a[href='#page-2']")
    out["last page"] = _timed(page, lambda: page.evaluate(f"location.hash = 'page-{total}'"))
    out["box to entry"] = _click(page, f"#node-c{depth - 1} a")
    out["fit"] = _click(page, "#fit-diagram")
    out["actual size"] = _click(page, "#actual-size")
    if printing:  # on the sheets the page's print style asks for (the diagram's paper)
        page.set_default_timeout(0)
        out["print"] = _timed(page, lambda: page.pdf(prefer_css_page_size=True))
    page.context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    quick = os.environ.get("ARGMAP_BENCH_QUICK") == "1"
    parser.add_argument("--depths", default="1000" if quick else "1000,5000")
    parser.add_argument("--no-print", action="store_true")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"skipped: no Chromium at {CHROMIUM}")
        return 0
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("skipped: Playwright is not installed (pip install -e '.[test]')")
        return 0
    failed = False
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for depth in (int(d) for d in args.depths.split(",")):
            times = measure(
                browser, chain_page(Path(tmp), depth), depth, printing=not args.no_print
            )
            print(f"{depth:>6,} deep: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()))
            jumps = [v for k, v in times.items() if k not in ("open", "print")]
            failed |= max(jumps) > JUMP_GOAL or times.get("print", 0.0) > PRINT_GOAL
        browser.close()
    print(
        f"goal: jumps under {JUMP_GOAL} s, print under {PRINT_GOAL:.0f} s: "
        + ("missed" if failed else "met")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
