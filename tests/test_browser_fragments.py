"""The page script opened at hostile fragments: no uncaught error, and printing still works."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.test_browser import browser, open_page

__all__ = ["browser"]  # the shared Chromium fixture

pytestmark = pytest.mark.browser

FRAGMENTS = [
    "%E0%A4%A",  # the case of the issue: a cut-off percent escape (URIError)
    "%",
    "%zz",
    "%C0%AF",  # an overlong UTF-8 form
    "%ED%A0%80",  # a lone surrogate, percent-encoded
    "n-%E0%A4%A",
    "n-",
    "n-does-not-exist",
    "n-cost%22%3E%3Cimg%20src%3Dx%3E",
    "'\"><svg onload=alert(1)>",
    "x" * 5000,
]


@dataclass(frozen=True)
class _At:
    """A page file plus a fragment, for ``open_page`` (which opens ``as_uri()``)."""

    path: Path
    fragment: str

    def as_uri(self) -> str:
        return f"{self.path.as_uri()}#{self.fragment}"


def _open(browser: Any, path: Path, fragment: str) -> Any:
    return open_page(browser, cast(Path, _At(path, fragment)))


@pytest.fixture(scope="module")
def uniforms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    m = load_map(MAPS / "school-uniforms.yaml")
    target = tmp_path_factory.mktemp("fragments") / "uniforms.html"
    target.write_text(render_html(m, analyze(m), RenderOptions()), encoding="utf-8")
    return target


@pytest.mark.parametrize("first", [FRAGMENTS[0], "n-%E0%A4%A"])
def test_any_fragment_opens_cleanly_and_printing_expands_the_outline(
    browser: Any, uniforms: Path, first: str
) -> None:
    seen = _open(browser, uniforms, first)  # the page opens at a malformed fragment
    page = seen.page
    for fragment in FRAGMENTS:  # and the fragment changes to every other one
        page.evaluate("f => { location.hash = f; }", "#" + fragment)
    page.wait_for_timeout(100)  # hashchange events are dispatched asynchronously
    page.click("#collapse-all")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelectorAll('.tree details:not([open])').length") == 0
    assert seen.errors == [] and seen.dialogs == [] and seen.blocked == []
    page.context.close()


def test_a_good_fragment_still_opens_its_entry(
    browser: Any,
    uniforms: Path,
) -> None:
    seen = _open(browser, uniforms, "n-cost")
    assert seen.page.evaluate("document.querySelector('li.entry.highlight')?.id") == "n-cost"
    assert seen.errors == []
    seen.page.context.close()


# A second attack: selector syntax, prototype names, NUL and bidi, huge and nested fragments.
FRESH_FRAGMENTS = [
    "%00",
    "n-%00",
    "n-a%5C",
    "n-a]",
    "n-[x]",
    "n-:scope",
    "n-*",
    "n-__proto__",
    "n-constructor",
    "n-toString",
    "%F0%9F%98%80",
    "n-" + "%E0" * 3000,
    "%25",
    "%2",
    "%u0041",
    "javascript:alert(1)",
    "n-cost%0A%0D",
    "#",
    "n-cost#n-cost",
    "%E2%80%AE",  # a right-to-left override
    "n-" + "a" * 200_000,
    "n-cost?x",
    "n-</script>",
]


@dataclass(frozen=True)
class _Query:
    """A page file opened with a query string (and a fragment) of our choosing."""

    path: Path
    tail: str

    def as_uri(self) -> str:
        return f"{self.path.as_uri()}{self.tail}"


@pytest.mark.parametrize(
    "tail",
    [
        "?%E0%A4%A#n-cost",
        "?x=%00&y=<script>#%",
        "?" + "%" * 5000,
        "?a#n-cost%",
        "#" + FRESH_FRAGMENTS[-2],
    ],
    ids=lambda t: t[:12],
)
def test_fresh_fragments_and_query_strings_open_cleanly(
    browser: Any, uniforms: Path, tail: str
) -> None:
    seen = open_page(browser, cast(Path, _Query(uniforms, tail)))
    page = seen.page
    for fragment in FRESH_FRAGMENTS:
        page.evaluate("f => { location.hash = f; }", "#" + fragment)
    page.wait_for_timeout(100)
    page.click("#collapse-all")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelectorAll('.tree details:not([open])').length") == 0
    assert seen.errors == [] and seen.dialogs == [] and seen.blocked == []
    page.context.close()
