"""On a page, an undercutter of a link below its tops is drawn below the node it undercuts."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import boxes
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, Relation
from argmap.options import RenderOptions
from tests.conftest import MAPS

CASES = Path(__file__).parent / "cases"


def _laid(m: ArgumentMap, fit: str, direction: str, portrait: bool = False) -> Layout:
    options = RenderOptions(direction=direction, portrait=portrait)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _cutters(m: ArgumentMap, layout: Layout, direction: str) -> tuple[int, list[str]]:
    """How many undercutters a page draws with the node they undercut and its parent
    (not a top's, which go beside it or below it as the page's undercutters do), and
    which of them are not drawn a rank below that node."""
    seen, beside = 0, []
    for laid in layout.pages:
        nodes = set(laid.plan.page.nodes)
        found = boxes(laid.svg)
        for node_id in nodes:
            cutter = m.get(node_id)
            target = m.get(cutter.parent) if cutter.parent is not None else None
            if cutter.relation is not Relation.UNDERCUTS or target is None:
                continue
            if target.id not in nodes or target.parent not in nodes:
                continue
            seen += 1
            low, high = found[node_id], found[target.id]
            below = {
                "TB": low.top >= high.bottom,
                "BT": low.bottom <= high.top,
                "LR": low.left >= high.right,
            }[direction]
            if not below:
                beside.append(f"p. {laid.plan.page.number}: {node_id}")
    return seen, beside


@pytest.mark.parametrize("direction", ["TB", "BT", "LR"])
@pytest.mark.parametrize(
    ("path", "fit"),
    [
        (MAPS / "russias-game-in-north-korea.yaml", "slide"),
        (MAPS / "russias-game-in-north-korea.yaml", "a4"),
        (CASES / "lint-flaws" / "uniforms.yaml", "a4"),
    ],
)
def test_an_undercutter_below_the_tops_is_drawn_below_the_node_it_undercuts(
    path: Path, fit: str, direction: str
) -> None:
    """The planner ranks an undercutter under the node whose link it undercuts; the
    engine drew it on that node's rank, beside it, a page wider than planned (a school
    survey and its undercut on upright A4: planned 373 pt wide, drawn 625)."""
    m = load_map(path)
    seen, beside = _cutters(m, _laid(m, fit, direction), direction)
    assert beside == []
    assert seen or direction == "LR"  # (left to right, the uniforms' page draws none)


def test_a_small_map_with_an_undercut_survey_takes_five_upright_pages() -> None:
    """Thirteen statements on upright A4 took six pages, two of a single statement: the
    survey's undercutter, drawn beside it, made its page overflow and be cut."""
    m = load_map(CASES / "lint-flaws" / "uniforms.yaml")
    assert len(_laid(m, "a4", "TB", portrait=True).pages) <= 5
