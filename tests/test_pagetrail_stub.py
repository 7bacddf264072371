"""The stub of the siblings that go on to another page, when the breadcrumb is in a column."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import LaidPage, lay_out
from argmap.exporters.diagram.pagetrail import in_column
from argmap.exporters.diagram.stacking import TRAIL
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS


def _generated(nodes: int) -> ArgumentMap:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    return validate_data(generate(nodes))


def _pages(m: ArgumentMap, fit: str, portrait: bool, direction: str) -> list[LaidPage]:
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto")).pages  # type: ignore[arg-type]


def _objections(count: int, evidence: int) -> ArgumentMap:
    """A claim two levels down with ``count`` objections, each with ``evidence`` pieces."""
    text = " ".join(["Statement", *["word"] * 20])
    objections = [
        {
            "id": f"o{i}",
            "text": f"Objection {i}. {text}",
            "evidence": [
                {"id": f"e{i}_{j}", "text": f"Evidence {j}. {text}"} for j in range(evidence)
            ],
        }
        for i in range(count)
    ]
    claim = {"id": "s", "text": "Deeper.", "objections": objections}
    thesis = {
        "id": "t",
        "text": "T.",
        "premises": [{"id": "r", "text": "A reason.", "premises": [claim]}],
    }
    return validate_data({"title": "Objections", "thesis": thesis})


def _going_on(page: LaidPage) -> list[str]:
    """The names of a page's stubs of the siblings after its own, hung from its breadcrumb."""
    own = set(page.plan.page.nodes)
    return [stub.name for stub in page.plan.page.stubs if stub.parent not in own]


def test_the_stub_of_siblings_that_go_on_rounds_the_column_clear_of_the_tops_children() -> None:
    """Upright and left to right, the breadcrumb may share its column with the page's top
    and, below it, the stub of the siblings that continue on the next page. That stub's
    arrow goes up the column's outer side to its breadcrumb row; it went round the top's
    other side, across the arrows coming in from the top's children (6 crossings)."""
    pages = _pages(_objections(10, 2), "a4", True, "LR")
    shared = [page for page in pages if in_column(page.plan) and _going_on(page)]
    assert len(shared) >= 2
    for page in pages:
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
    for page in shared:
        edges = geometry.tree_edges(page.svg)
        for name in _going_on(page):
            (edge,) = [e for e in edges if e.tail == name and e.head == TRAIL]
            tops = [geometry.boxes(page.svg)[top] for top in page.plan.page.tops]
            right = min(box.right for box in tops)
            assert max(x for x, _ in edge.points) < right, "past the tops, on the children's side"


@pytest.mark.parametrize("fit", ["slide", "a4", "letter"])
@pytest.mark.parametrize("portrait", [False, True])
@pytest.mark.parametrize("name", ["russias-game-in-north-korea", "school-uniforms"])
def test_no_tree_edges_cross_on_any_left_to_right_page(
    name: str, fit: str, portrait: bool
) -> None:
    """Every page of the example maps drawn left to right, landscape or upright."""
    for page in _pages(load_map(MAPS / f"{name}.yaml"), fit, portrait, "LR"):
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
