"""Where a page's links sit: each inside the page, a breadcrumb row's inside the breadcrumb."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out, page_svg
from argmap.exporters.diagram.svglinks import page_links
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


def _trail_box(svg: str) -> tuple[float, float] | None:
    """The breadcrumb's outline, left and right, in the page's points (None: no breadcrumb)."""
    root = re.search(r'<svg width="([\d.]+)pt"[^>]*?viewBox="([-\d. ]+)"', svg, re.S)
    graph = re.search(
        r'class="graph" transform="scale\(([-\d.]+) [-\d.]+\) rotate\(0\) '
        r'translate\(([-\d.]+) [-\d.]+\)"',
        svg,
    )
    trail = re.search(r'<g id="trail" class="node trail[^"]*">.*?\bd="([^"]*)"', svg, re.S)
    if root is None or graph is None or trail is None:
        return None
    view = [float(v) for v in root.group(2).split()]
    zoom = float(root.group(1)) / view[2]
    scale, shift = float(graph.group(1)), float(graph.group(2))
    xs = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", trail.group(1))[0::2]]
    return (
        ((min(xs) + shift) * scale - view[0]) * zoom,
        ((max(xs) + shift) * scale - view[0]) * zoom,
    )


@pytest.mark.parametrize(("fit", "portrait"), [("a4", True), ("letter", True), ("slide", False)])
def test_breadcrumb_links_lie_inside_the_breadcrumb_and_the_page(fit: str, portrait: bool) -> None:
    m = load_map(FLAGSHIP)
    options = RenderOptions(portrait=portrait)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    rows = 0
    for laid in layout.pages:
        svg = page_svg(layout, laid)
        width = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
        trail = _trail_box(svg)
        for link in page_links(svg):
            assert link.x >= 0 and link.x + link.width <= width + 0.01, (laid, link)
            if trail is not None and trail[0] <= link.x <= trail[1] and link.height < 20:
                rows += 1
                assert link.x + link.width <= trail[1] + 0.5, (link, trail)
    assert rows > 0, "no breadcrumb row was checked"
