"""A page's heading fits the narrowest page at the floor, whatever the map's title."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out, page_svg
from argmap.exporters.diagram.pagesize import PAGE_SIZES, STATEMENT_POINTS
from argmap.load.maps import load_map
from tests.conftest import MAPS

TITLES = {
    "capitals": "SHOULD OUR SCHOOL REQUIRE UNIFORMS? A CLASSROOM EXAMPLE OF ARGUMENT STRUCTURE",
    "wide": "W" * 200,
    "unbroken": "Mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm",
}


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_a_long_title_keeps_upright_pages_at_the_floor(fit: str, title: str) -> None:
    from argmap.options import RenderOptions

    m = load_map(MAPS / "school-uniforms.yaml").model_copy(update={"title": title})
    layout = lay_out(m, analyze(m), RenderOptions(portrait=True), fit, find_engine("auto"))  # type: ignore[arg-type]
    height = PAGE_SIZES[fit].width  # upright: the long side is the height
    for laid in layout.pages:
        assert STATEMENT_POINTS * layout.scale(laid) >= height / 60 - 1e-6
        svg = page_svg(layout, laid)
        assert title[:8] in svg  # the title is shortened, not dropped


@pytest.mark.parametrize("room", [180.0, 260.0, 340.0, 420.0])
def test_a_shortened_title_ends_at_a_whole_word(room: float) -> None:
    """A CLASSROOM EXAMPLE… reads better than A CLAS…; a long word is still cut in it."""
    from argmap.exporters.diagram.pageheading import heading_points, page_heading

    title = TITLES["capitals"]
    shown = page_heading(title, "page 2 of 8", room).split("  ·  ")[0]
    assert shown.endswith("…") and heading_points(f"{shown}  ·  page 2 of 8") <= room
    kept = shown[:-1]
    assert title.startswith(kept) and title[len(kept)] == " ", shown
    unbroken = page_heading(TITLES["unbroken"], "page 2 of 8", room).split("  ·  ")[0]
    assert unbroken.endswith("…") and len(unbroken) > 5
