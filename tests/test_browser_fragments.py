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
