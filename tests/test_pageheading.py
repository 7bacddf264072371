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


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_every_pages_heading_sits_at_its_top_left(fit: str) -> None:
    """The heading is the drawing's label, and a page centres its drawing: where the drawing
    was smaller than the page, the heading floated just above it, in the page's middle (the
    flagship's last A4 page, a breadcrumb and one undercutter). On every page it now sits
    at the page's top left, as on a page its drawing fills."""
    import re

    from argmap.exporters.diagram.pageheading import heading_points
    from argmap.options import RenderOptions

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    for number, laid in enumerate(layout.pages, 1):
        svg = page_svg(layout, laid)
        view = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', svg)
        heading = re.search(
            rf'<text\b[^>]*\bx="([-\d.]+)" y="([-\d.]+)"[^>]*>[^<]*page {number} of', svg
        )
        assert view is not None and heading is not None, number
        left, top, width = (float(view.group(i)) for i in (1, 2, 3))
        x, y = float(heading.group(1)), float(heading.group(2))
        words = heading_points(f"Russia’s Game in North Korea  ·  page {number} of 16")
        start = x - words / 2 if 'text-anchor="middle"' in heading.group(0) else x
        transform = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", svg)
        assert transform is not None
        dx, dy = float(transform.group(1)), float(transform.group(2))
        assert start + dx - left < 0.1 * width, (number, start + dx - left)  # at its left
        assert y + dy - top < 40, (number, y + dy - top)  # at its top
