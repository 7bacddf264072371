"""References to nodes on other pages: where they sit, and their edges among the tree's."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions

CASES = [(fit, direction) for fit in ("slide", "a4") for direction in ("TB", "LR")]


def _points(prefix: str, count: int, below: int) -> list[dict[str, object]]:
    """``count`` claims of a sentence each, with ``below`` claims under each in turn."""
    out: list[dict[str, object]] = []
    for i in range(count):
        text = f"Point {prefix}{i} of the debate, stated in a sentence or so of words."
        point: dict[str, object] = {"id": f"{prefix}{i}", "text": text}
        if below:
            point["premises"] = _points(f"{prefix}{i}-", below, 0)
        out.append(point)
    return out


def _linked() -> ArgumentMap:
    """A reason with eight points, each with two of its own, cross-linked to another reason.

    The points wrap into rows on a page of the reason's own, and the other reason's
    branch is on another page: the link is drawn as a reference to that page.
    """
    other: dict[str, object] = {"id": "r0", "text": "Another reason, on a page of its own."}
    other["premises"] = _points("e", 6, 1)
    linking = {
        "id": "r1",
        "text": "The reason that links elsewhere, with many points under it.",
        "links": ["r0"],
        "premises": _points("s", 8, 2),
    }
    thesis = {"id": "t", "text": "A thesis.", "premises": [other, linking]}
    return validate_data({"title": "Links", "thesis": thesis})


def _laid(fit: str, direction: str) -> Layout:
    m = _linked()
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fit", "direction"), CASES)
def test_a_references_edge_leaves_its_source_where_the_childrens_edges_end(
    fit: str, direction: str
) -> None:
    """A reference sits with its source's children, last; its edge was not ranked with
    theirs, and where they wrap into rows it went round the outside of the rows above,
    across the children's edges (a real Kialo debate of 839 claims on slides: 69 such
    crossings). Ranked as a child's now, it leaves the source's side facing the children,
    where their edges end."""
    layout = _laid(fit, direction)
    svg = next(p.svg for p in layout.pages if "ref r1 r0" in geometry.boxes(p.svg))
    source = geometry.boxes(svg)["r1"]
    [edge] = geometry.reference_edges(svg)
    x, y = edge.points[-1]  # drawn from the reference to the source
    if direction == "TB":
        assert y == pytest.approx(source.bottom, abs=3) and source.left < x < source.right
    else:
        assert x == pytest.approx(source.right, abs=3) and source.top < y < source.bottom


@pytest.mark.parametrize(("fit", "direction"), CASES)
def test_a_references_edge_crosses_no_other_edge(fit: str, direction: str) -> None:
    """Its edge fans out from the source in order with the children's edges (2 to 4
    crossings on each of these layouts before)."""
    layout = _laid(fit, direction)
    assert sum(len(geometry.reference_edges(p.svg)) for p in layout.pages) == 1
    assert [geometry.reference_crossings(p.svg) for p in layout.pages] == [0] * len(layout.pages)


@pytest.mark.parametrize(("fit", "direction"), CASES)
def test_a_references_arrow_points_at_the_reference(fit: str, direction: str) -> None:
    """Ranked as a child's, the edge is written from the reference and drawn back: its one
    arrowhead still touches the reference, as a cross-link's points at its target."""
    layout = _laid(fit, direction)
    svg = next(p.svg for p in layout.pages if "ref r1 r0" in geometry.boxes(p.svg))
    found = geometry.boxes(svg)
    edge = re.search(r"<title>ref r1 r0&#45;&gt;r1(?::\w+)?</title>(.*?)</g>", svg, re.S)
    assert edge is not None and "stroke-dasharray" in edge.group(1)
    shapes = re.findall(r'<polygon[^>]*points="([^"]*)"', edge.group(1))
    assert len(shapes) == 1
    outline = [(float(x), float(y)) for x, y in (p.split(",") for p in shapes[0].split())]

    def gap(box: geometry.Box) -> float:
        return min(
            max(box.left - x, 0, x - box.right) + max(box.top - y, 0, y - box.bottom)
            for x, y in outline
        )

    assert gap(found["ref r1 r0"]) <= 5 < 9 < gap(found["r1"])
