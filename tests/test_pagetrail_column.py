"""Left to right, the page's tops in the breadcrumb's column: in order, the first straight up."""

from __future__ import annotations

import random
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import LaidPage, lay_out
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.trailcolumn import column_items, in_column
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions

FITS = [("a4", False), ("a4", True), ("slide", False), ("slide", True)]


@cache
def _generated() -> ArgumentMap:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    return validate_data(generate(120))


def _column_pages(fit: str, portrait: bool, direction: str = "LR") -> list[LaidPage]:
    m = _generated()
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    return [page for page in layout.pages if in_column(page.plan)]


@pytest.mark.parametrize(("fit", "portrait"), FITS)
def test_the_column_keeps_each_rows_children_in_file_order(fit: str, portrait: bool) -> None:
    """Down the column, the tops of each breadcrumb row come in file order, those of its
    lowest row first; the planner's rows put a wide top below narrower ones after it
    (page 2 of the landscape A4 drawing: its third child of the thesis came first)."""
    m = _generated()
    pages = _column_pages(fit, portrait)
    assert pages
    for page in pages:
        found = geometry.boxes(page.svg)
        tops = sorted(page.plan.page.tops, key=lambda top: found[top].top)
        rows = {node_id: i for i, node_id in enumerate(page.plan.page.trail)}
        want = sorted(tops, key=lambda top: (-rows[m.get(top).parent or ""], m.position(top)))
        assert tops == want, page.plan.page.number
        items = column_items(m, page.plan)
        assert items is not None
        assert [item for item in items if item in tops] == want
        assert found[TRAIL].bottom <= found[tops[0]].top, page.plan.page.number


@pytest.mark.parametrize(("fit", "portrait"), FITS)
def test_right_to_left_the_lanes_go_round_the_columns_right_side(fit: str, portrait: bool) -> None:
    """Right to left, the column's outer side is its right: the tops' edges go round it
    there, clear of the edges coming in from the tops' children on its left. They went
    round its left side, across those edges (landscape A4: 3 pages, 19 crossings)."""
    pages = _column_pages(fit, portrait, "RL")
    assert pages
    for page in pages:
        found = geometry.boxes(page.svg)
        column = [found[name] for name in (TRAIL, *page.plan.page.tops)]
        left = min(box.left for box in column)
        for edge in geometry.tree_edges(page.svg):
            if TRAIL in (edge.tail, edge.head):
                assert min(x for x, _ in edge.points) >= left - 1, page.plan.page.number
        assert geometry.crossings(page.svg) == 0, page.plan.page.number


@pytest.mark.parametrize(("fit", "portrait"), FITS)
def test_the_first_tops_edge_runs_straight_up_clear_of_its_childrens(
    fit: str, portrait: bool
) -> None:
    """The top right below the breadcrumb hangs from its last row by an edge straight up
    into the box. With a port, the engine drew it out of the top's far side and up into
    the breadcrumb's, across the edges coming in from the top's own children (page 3 of
    the landscape A4 drawing: 3 crossings)."""
    m = _generated()
    for page in _column_pages(fit, portrait):
        items = column_items(m, page.plan)
        assert items is not None
        first = items[0]
        edges = geometry.tree_edges(page.svg)
        (up,) = [e for e in edges if TRAIL in (e.tail, e.head) and first in (e.tail, e.head)]
        found = geometry.boxes(page.svg)
        low, high = found[TRAIL].bottom - 1, found[first].top + 1  # the gap between
        left, right = found[first].left, found[first].right
        for x, y in up.points:
            inside = low <= y <= high and left - 0.01 <= x <= right + 0.01  # float rounding
            assert inside, page.plan.page.number
        if len(items) == 1:  # no other edge goes round to the breadcrumb
            assert geometry.meeting_crossings(page.svg) == 0, page.plan.page.number


@pytest.mark.parametrize("fit", ["a4", "slide", "letter"])
def test_a_stub_in_the_column_after_a_linked_group_draws(fit: str, tmp_path: Path) -> None:
    """A column that holds a linked group's boxes, then the stub of the siblings after them,
    held the stub by looking it up as a node: a KeyError, and a traceback for the user."""
    from click.testing import CliRunner

    from argmap.cli import main
    from tests.conftest import MAPS

    args = ["render", str(MAPS / "school-uniforms.yaml"), "-f", "svg", "--fit", fit]
    args += ["--portrait", "--direction", "LR", "--exercise", "label", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert list(tmp_path.glob("*.svg"))


def test_a_linked_group_wrapped_into_columns_keeps_them_beside_the_breadcrumbs() -> None:
    """Upright and left to right, a linked group too tall for the page is planned in
    columns, the first below the breadcrumb; the breadcrumb's column took in all its
    members, so the engine drew them in one column, far too tall, shown under the
    legibility floor (these pages: 3 of 4, at 79% of it; 12 such groups: 12 of 14, 66%)."""
    groups = [
        {
            "id": f"g{g}",
            "linked": [{"text": f"Linked premise {i} of group {g}."} for i in range(12)],
        }
        for g in range(3)
    ]
    m = validate_data({"title": "Groups", "thesis": {"id": "t", "text": "T.", "premises": groups}})
    options = RenderOptions(portrait=True, direction="LR")
    layout = lay_out(m, analyze(m), options, "letter", find_engine("auto"))
    seen = 0
    for page in layout.pages:
        wraps = [w for w in page.plan.page.wraps if w.parent.startswith("group ")]
        if not in_column(page.plan) or not wraps or len(wraps[0].rows) < 2:
            continue
        seen += 1
        found = geometry.boxes(page.svg)
        first, second = wraps[0].rows[:2]
        assert found[second[0]].left > found[first[0]].right, page.plan.page.number
        assert found[second[0]].top < found[first[-1]].top, page.plan.page.number
    assert seen >= 3


def _irregular(count: int) -> ArgumentMap:
    """A map of ``count`` nodes grown at random (seeded): branches of every kind and
    statements of 2 to 50 words, so a column's tops come in every width."""
    rnd = random.Random(7)
    keys = {
        "thesis": ["premises", "evidence", "objections"],
        "premise": ["premises", "evidence", "objections"],
        "evidence": ["objections"],
        "objection": ["premises", "evidence", "objections", "rebuttals"],
        "rebuttal": ["premises", "evidence", "objections", "rebuttals"],
    }
    kinds = {"premises": "premise", "evidence": "evidence", "objections": "objection"}
    thesis: dict[str, Any] = {"id": "n0", "text": "An irregular map's thesis."}
    nodes: list[tuple[dict[str, Any], str]] = [(thesis, "thesis")]
    for number in range(1, count):
        parent, kind = rnd.choice(nodes[-50:] if rnd.random() < 0.7 else nodes)
        key = rnd.choice(keys[kind])
        words = rnd.choice([2, 8, 24, 50])
        child: dict[str, Any] = {"id": f"n{number}", "text": "word " * words + str(number)}
        if key == "evidence":
            child["basis"] = "data"
        parent.setdefault(key, []).append(child)
        nodes.append((child, kinds.get(key, "rebuttal")))
    return validate_data({"title": "irregular", "thesis": thesis})


@pytest.mark.parametrize("direction", ["LR", "RL"])
def test_the_lanes_pass_outside_a_top_wider_than_the_breadcrumb(direction: str) -> None:
    """An edge from a lower top in the column goes round the tops above it, not through
    them: its lane went up beside the breadcrumb, inside a wider top's box (an irregular
    map of 300 nodes on upright A4, left to right: 27 of its 219 pages)."""
    m = _irregular(300)
    options = RenderOptions(portrait=True, direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    laned = [page for page in layout.pages if geometry.ROW_CLASS in page.svg]
    assert len(laned) > 20
    assert [page.plan.page.number for page in laned if geometry.through_boxes(page.svg)] == []
    for page in laned:  # and within the page
        box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', page.svg)
        moved = re.search(r"translate\(([-\d.]+) ", page.svg)
        assert box is not None and moved is not None
        width, shift = float(box.group(1)), float(moved.group(1))
        xs = [x + shift for edge in geometry.tree_edges(page.svg) for x, _ in edge.points]
        assert min(xs) > 0 and max(xs) < width, page.plan.page.number
