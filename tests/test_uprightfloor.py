"""Upright pages at the legibility floor: a long title's heading."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.exporters.diagram.pageheading import heading_points, heading_room, page_heading
from argmap.exporters.diagram.pagesize import PAD_POINTS, PAGE_SIZES, page_budget
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from tests.conftest import MAPS
from tests.test_pagefloor import _below_floor, _laid

TITLES = {
    "capitals": "SHOULD OUR SCHOOL REQUIRE UNIFORMS? A CLASSROOM EXAMPLE OF ARGUMENT STRUCTURE",
    "long": "Should our school require uniforms for every pupil? A classroom example of argument",
    "unbroken": "T" * 300,
}


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
