"""Left to right, a linked group's rows are columns: in file order down each, planned as drawn."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS


def _laid(m: ArgumentMap, fit: str, portrait: bool, direction: str) -> Layout:
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _twelve_groups_of_twelve() -> ArgumentMap:
    groups = [
        {
            "id": f"g{g}",
            "linked": [
                {"id": f"g{g}m{i}", "text": f"Statement number {12 * g + i + 1} of the odd map."}
                for i in range(12)
            ],
        }
        for g in range(12)
    ]
    thesis = {"id": "t", "text": "A thesis with many linked groups.", "premises": groups}
    return validate_data({"title": "Groups", "thesis": thesis})


def _columns_out_of_order(m: ArgumentMap, layout: Layout) -> list[tuple[int, str]]:
    """(page, group) for each group whose members, in a column, do not go down in file order."""
    order = {node.id: i for i, node in enumerate(m.walk())}
    out = []
    for page in layout.pages:
        found = geometry.boxes(page.svg)
        columns: dict[tuple[str, float], list[str]] = {}
        for node_id in page.plan.page.nodes:
            group = m.get(node_id).group
            if group is not None and node_id in found:
                box = found[node_id]
                middle = round((box.left + box.right) / 80)  # boxes of a column share it
                columns.setdefault((group, middle), []).append(node_id)
        for (group, _), members in columns.items():
            down = sorted(members, key=lambda node_id: found[node_id].top)
            if down != sorted(members, key=order.__getitem__):
                out.append((page.plan.page.number, group))
    return out


@pytest.mark.parametrize("direction", ["LR", "RL"])
@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_a_linked_groups_members_go_down_their_column_in_file_order(
    fit: str, direction: str
) -> None:
    """Side by side is one column left to right: the bundled engine set the flagship's
    "reward without gain" bottom to top (its second premise above its first, A4 and
    slides, left to right), and a group's rows, columns, each bottom to top."""
    flagship = load_map(MAPS / "russias-game-in-north-korea.yaml")
    assert _columns_out_of_order(flagship, _laid(flagship, fit, False, direction)) == []
    groups = _twelve_groups_of_twelve()
    layout = _laid(groups, fit, False, direction)
    assert any(len(page.plan.page.nodes) >= 12 for page in layout.pages)
    assert _columns_out_of_order(groups, layout) == []


@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_a_linked_group_in_columns_is_planned_with_its_box(fit: str) -> None:
    """Its box's margins and caption are counted round its columns: twelve members in two
    columns drew 6% wider and taller than planned, and upright pages were shown at 96-97%
    of the legibility floor."""
    layout = _laid(_twelve_groups_of_twelve(), fit, True, "LR")
    small = [p for p in layout.pages if layout.scale(p) < layout.budget.scale * 0.999]
    assert [page.plan.page.number for page in small] == []
