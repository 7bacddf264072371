"""The diff golden cases: golden file name -> function returning the expected diff text."""

from __future__ import annotations

from collections.abc import Callable

from argmap.analysis.diff import diff_maps, format_markdown, format_text
from argmap.load.maps import load_map
from tests.conftest import CASES

BEFORE = CASES / "commented.yaml"
AFTER = CASES / "commented-reviewed.yaml"


def _text() -> str:
    return format_text(diff_maps(load_map(BEFORE), load_map(AFTER)))


def _markdown() -> str:
    d = diff_maps(load_map(BEFORE), load_map(AFTER))
    return format_markdown(d, title="commented.yaml → commented-reviewed.yaml")


DIFF_GOLDEN: dict[str, Callable[[], str]] = {
    "commented.diff.txt": _text,
    "commented.diff.md": _markdown,
}
"""Golden file name (under tests/golden/) -> the function that renders it."""
