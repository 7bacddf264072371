"""The planner's size of the whole map's key against the key the engine draws."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters import RenderOptions
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.keymarks import planned_marks
from argmap.exporters.diagram.keysize import LEGEND_ROW, legend_size
from argmap.exporters.diagram.stubstatus import map_standings
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from benchmarks.bench_render import generate
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"
MARGINS = (16.0, 8.0)
"""The engine's margins about a key (a plaintext node's), past its table's border."""
_POINTS = re.compile(r'<polygon[^>]*points="([^"]*)"')


def key_table(svg: str) -> geometry.Box:
    """The box of a page's key: its table's border, the first shape the key draws."""
    table = _POINTS.search(svg.split('id="legend"')[1])
    assert table is not None
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", table.group(1))]
    xs, ys = numbers[0::2], numbers[1::2]
    return geometry.Box(min(xs), min(ys), max(xs), max(ys))


def _drawn_and_planned(
    m: ArgumentMap, fit: str, **options: object
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The key's room in the drawing (its table and the engine's margins), and as planned."""
    analysis = analyze(m)
    layout = lay_out(m, analysis, RenderOptions(**options), fit, find_engine("auto"))  # type: ignore[arg-type]
    assert len(layout.pages) > 1
    (keyed,) = [laid for laid in layout.pages if 'id="legend"' in laid.svg]
    table = key_table(keyed.svg)
    drawn = (table.right - table.left + MARGINS[0], table.bottom - table.top + MARGINS[1])
    standing = map_standings(m, analysis) if options.get("status") else None
    marks = planned_marks(True, False, any(node.links for node in m.nodes))
    ids = [node.id for node in m.nodes]
    columns = keyed.plan.page.key_columns
    return drawn, legend_size(m, ids, [], "TB", columns, standing=standing, marks=marks)


@pytest.mark.parametrize(
    ("path", "fit", "options"),
    [
        (UNIFORMS, "a4", {"portrait": True}),
        (UNIFORMS, "a4", {"portrait": True, "status": True}),
        (FLAGSHIP, "a4", {"portrait": True}),
        (FLAGSHIP, "a4", {"portrait": True, "status": True}),  # two columns, wrapped
        (FLAGSHIP, "slide", {}),  # two columns
        (None, "a4", {}),  # its title its widest row
    ],
)
def test_the_key_is_planned_as_big_as_drawn_and_little_bigger(
    path: object, fit: str, options: dict[str, object]
) -> None:
    """The planner counted a key's row 25 points high, the engine draws one 20 to 22: a
    key of 11 rows was planned 45 points taller than drawn, room a page could have held a
    row of boxes in. Its width missed the other way: a title wider than every entry, or,
    in two columns, the widest tag ("[IN · LINK OUT]") beside the longest words of
    another entry, drew it wider than planned, past the page's edge where it was tight."""
    m = load_map(path) if path is not None else validate_data(generate(120))  # type: ignore[arg-type]
    (drawn_w, drawn_h), (planned_w, planned_h) = _drawn_and_planned(m, fit, **options)
    assert planned_w >= drawn_w and planned_h >= drawn_h, "no bigger than planned"
    assert planned_h - drawn_h < LEGEND_ROW, "little bigger than drawn"
