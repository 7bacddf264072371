"""The overview's stubs of the thesis in as few rows as page 1 holds, in file order."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.overviewfill import fuller_rows
from argmap.load.maps import load_map
from argmap.options import RenderOptions

DEBATE = Path(__file__).parent / "cases" / "smallmaps" / "class-debate.yaml"
"""A tester's class debate: a thesis with four reasons (one linked) and four objections,
each with a little below it (25 nodes)."""


def _rows(svg: str, names: list[str]) -> list[list[str]]:
    """The boxes ``names`` in rows (by their middles), each row left to right."""
    drawn = geometry.boxes(svg)
    placed = sorted(((b.top + b.bottom) / 2, b.left, n) for n, b in drawn.items() if n in names)
    rows: list[list[tuple[float, str]]] = []
    last = None
    for middle, left, name in placed:
        if last is None or middle - last > 20:
            rows.append([])
        rows[-1].append((left, name))
        last = middle
    return [[name for _, name in sorted(row)] for row in rows]


def test_fuller_rows_fill_the_first_rows_in_file_order() -> None:
    names = [f"s{i}" for i in range(8)]
    assert fuller_rows(names, 2) == (tuple(names[:4]), tuple(names[4:]))
    assert fuller_rows(names[:7], 2) == (tuple(names[:4]), tuple(names[4:7]))
    assert fuller_rows(names[:3], 1) == (tuple(names[:3]),)


def test_overview_stubs_go_in_two_full_rows_in_file_order() -> None:
    """A4, page 1: the thesis's eight stubs came in three ragged rows (three, three, two),
    far apart round the key beside the last, their arrows long and threading between the
    stubs above: the planner kept rows to 92% of the page and charged each arrow passing a
    row 63 points. Two rows of four fit, the key below them."""
    m = load_map(DEBATE)
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    page = layout.pages[0]
    stubs = [stub.name for stub in page.plan.page.stubs]
    assert len(stubs) == 8
    rows = _rows(page.svg, stubs)
    assert [len(row) for row in rows] == [4, 4]
    assert [name for row in rows for name in row] == stubs  # file order, row by row
    order = {node.id: i for i, node in enumerate(m.walk())}
    assert geometry.misplaced(page.svg, order) == (0, 0)
    assert geometry.through_boxes(page.svg) == 0
    assert geometry.detours(page.svg) == 0
    assert geometry.all_crossings(page.svg) == 0
    assert len(layout.pages) == 4
