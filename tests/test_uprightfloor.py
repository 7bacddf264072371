"""Upright pages at the legibility floor: a long title's heading, a long quote in capitals."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.pageheading import heading_points, heading_room, page_heading
from argmap.exporters.diagram.pagesize import PAD_POINTS, PAGE_SIZES, page_budget
from argmap.exporters.diagram.pagetrailsize import trail_width
from argmap.exporters.diagram.stacking import TRAIL
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from tests.conftest import MAPS
from tests.test_pagefloor import _below_floor, _laid

TITLES = {
    "capitals": "SHOULD OUR SCHOOL REQUIRE UNIFORMS? A CLASSROOM EXAMPLE OF ARGUMENT STRUCTURE",
    "long": "Should our school require uniforms for every pupil? A classroom example of argument",
    "unbroken": "T" * 300,
}
UPRIGHT = [(fit, direction) for fit in ("slide", "a4", "letter") for direction in ("TB", "LR")]


def _titled(title: str) -> ArgumentMap:
    return load_map(MAPS / "school-uniforms.yaml").model_copy(update={"title": title})


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_a_long_title_keeps_upright_slides_at_the_floor(title: str, direction: str) -> None:
    """The heading is no wider than the page's drawing holds at the floor (an upright
    slide's is about 450 points): the title is shortened to it, with an ellipsis."""
    layout = _laid(_titled(title), "slide", True, direction)
    assert _below_floor(layout) == []
    svg = layout.pages[0].svg
    assert f'<a xlink:title="{html.escape(title, quote=False)}">' in svg  # whole, in the tooltip
    first = svg.split("</text>", 1)[0].rsplit(">", 1)[1]  # the heading: the first text
    assert first.startswith(title[:20]) and "…" in first


def test_a_long_title_costs_no_pages() -> None:
    """The map with a long title in capitals is split as it is with a short one."""
    short = _laid(_titled("School uniforms"), "slide", True)
    assert len(_laid(_titled(TITLES["capitals"]), "slide", True).pages) == len(short.pages)


def _long_fields() -> ArgumentMap:
    """A map whose evidence has a long statement, a 2,000-letter quote in capitals, long
    credits; its thesis a long author, its description long too."""
    evidence = {
        "id": "e",
        "text": "E" * 50,
        "quote": "Q" * 2000,
        "citation": {"outlet": "O" * 500, "date": "January 1"},
        "basis": "statistic",
        "author": "B" * 400,
        "note": "N" * 1000,
    }
    thesis = {
        "id": "t",
        "text": "Thesis.",
        "author": "A" * 300,
        "premises": [{"id": "p", "text": "P", "evidence": [evidence]}],
        "objections": [{"id": "o", "text": "ok", "author": "Zed " * 100}],
    }
    return validate_data({"title": "Fields", "description": "D" * 3000, "thesis": thesis})


@pytest.mark.parametrize(("fit", "direction"), UPRIGHT)
def test_a_long_quote_in_capitals_keeps_upright_pages_at_the_floor(
    fit: str, direction: str
) -> None:
    """A quote narrowed to the page's width by how wide its capitals are drawn (a fifth
    wider than counted), however narrow the statement's wrap already is."""
    assert _below_floor(_laid(_long_fields(), fit, True, direction)) == []


def test_a_statement_of_emoji_keeps_upright_slides_left_to_right_at_the_floor() -> None:
    """An upright slide drawn left to right holds a narrow box beside a stub: a statement
    of emoji, drawn far wider than its columns count, wraps narrower there."""
    flags, thumbs, coders = (
        "\U0001f1fa\U0001f1f3",
        "\U0001f44d\U0001f3fd",
        "\U0001f469\u200d\U0001f4bb",
    )
    text = f"{flags * 30} and {thumbs * 24} and {coders * 22}"
    thesis = {"id": "t", "text": text, "premises": [{"id": "p", "text": "A plain reason."}]}
    m = validate_data({"title": "Flags", "thesis": thesis})
    assert _below_floor(_laid(m, "slide", True, "LR")) == []


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=200),
    fit=st.sampled_from(sorted(PAGE_SIZES)),
    portrait=st.booleans(),
)
def test_a_heading_is_no_wider_than_its_room(title: str, fit: str, portrait: bool) -> None:
    """Whatever the title, its heading, as drawn and as the engine counts it, fits the
    room, which fits the page's drawing at the floor with the engine's margins."""
    budget = page_budget(PAGE_SIZES[fit].turned(portrait))
    room = heading_room(budget)
    assert room + 2 * PAD_POINTS < budget.width
    heading = page_heading(title, "key: p. 12  ·  page 12 of 345", room)
    assert heading_points(heading) <= room
    assert heading.endswith("  ·  key: p. 12  ·  page 12 of 345")


def _chain(levels: int) -> ArgumentMap:
    """A chain of objections and reasons ``levels`` deep, three leaves at its foot."""
    count = 0

    def node(level: int) -> dict[str, object]:
        nonlocal count
        count += 1
        text = f"Statement {count} of the chain, long enough to wrap onto a second line."
        out: dict[str, object] = {"id": f"n{count}", "text": text}
        if level < levels:
            below = [node(level + 1) for _ in range(3 if level >= levels - 2 else 1)]
            out["objections" if level % 2 == 0 else "premises"] = below
        return out

    return validate_data({"title": "chain", "thesis": {**node(0), "id": "t"}})


@pytest.mark.parametrize("levels", [8, 10])
def test_a_deep_breadcrumb_is_drawn_as_wide_as_planned(levels: int) -> None:
    """Upright slides left to right: a breadcrumb of six rows and more (deep rows, long
    kinds) was drawn up to 215 points wide, planned at 190; its rows are indented less,
    all alike, and shortened further (each row's tooltip has its statement)."""
    layout = _laid(_chain(levels), "slide", True, "LR")
    assert _below_floor(layout) == []
    trails = [geometry.boxes(page.svg).get(TRAIL) for page in layout.pages]
    widths = [box.right - box.left for box in trails if box is not None]
    assert len(widths) >= levels and max(widths) <= trail_width(True, narrow=True)
