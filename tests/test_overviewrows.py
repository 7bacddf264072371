"""Rows of stubs and children read as a tree: even rows, each under a box of its own."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import boxes, tree_edges
from argmap.exporters.diagram.overviewlanes import STRAY, stray
from argmap.exporters.diagram.stacking import LOOSE, TIGHT, Item, wrap_rows
from argmap.load.maps import load_map
from argmap.options import RenderOptions

DEBATE = Path(__file__).parent / "cases" / "smallmaps" / "town-debate.yaml"
"""Forty statements: a thesis with four reasons and four objections, each with evidence,
objections and rebuttals, and three conclusions drawn from it (a class debate)."""


def _laid(fit: str) -> Layout:
    m = load_map(DEBATE)
    options = RenderOptions(fit=fit)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def test_the_overviews_objections_share_one_row_under_the_reasons() -> None:
    """Landscape A4, page 1: the thesis's four reasons in a row, its four objections in
    rows of three and one (the last alone at the bottom left), each held under the first
    reason, so their arrows looped round the outside of the reasons' row. Now the
    objections share one row, each under a reason of its own, their arrows between: in
    lanes of their own, not bent round the reasons' boxes (the engine's order sent them
    round the outside of the reasons above)."""
    page = _laid("a4").pages[0]
    (wrap,) = [w for w in page.plan.page.wraps if w.parent == "ban"]
    lengths = [len(row) for row in wrap.rows]
    assert lengths == [4, 4]
    anchors = [anchor for item, anchor in wrap.holds if item in wrap.rows[1]]
    assert anchors == list(wrap.rows[0])
    drawn = boxes(page.svg)
    stubs = [drawn[name] for row in wrap.rows for name in row]
    left, right = min(b.left for b in stubs), max(b.right for b in stubs)
    below = [drawn[name] for name in wrap.rows[1]]
    assert all(left <= b.left and b.right <= right for b in below)
    assert max(b.left for b in below) - min(b.left for b in below) > (right - left) / 2
    names = {name for row in wrap.rows for name in row}
    edges = [e for e in tree_edges(page.svg) if e.head == "ban" and e.tail in names]
    assert len(edges) == len(names)
    assert [e.tail for e in edges if stray(e.points) > STRAY] == []


def test_a_slides_few_children_go_side_by_side_not_in_a_staircase() -> None:
    """On a slide, a reason's four children (evidence, a reason, a stub, an objection)
    were set one rank below another in a diagonal, an objection's arrow up the page's
    left edge, the slide's right half empty: blocks made narrow for pages too full were
    a column of one box a row. Where two columns fit, they go in two columns at most."""
    layout = _laid("slide")
    kids = {"market", "cafes", "weather", "noise"}
    for laid in layout.pages:
        page = laid.plan.page
        drawn = boxes(laid.svg)
        shown = [
            drawn[name] for name in drawn if name in kids or name.removeprefix("stub ") in kids
        ]
        if len(shown) == len(kids):
            middles = sorted((b.top + b.bottom) / 2 for b in shown)
            ranks = 1 + sum(1 for a, b in zip(middles, middles[1:], strict=False) if b - a > 20)
            assert ranks <= 2, (page.number, middles)
    assert len(layout.pages) <= 6


def test_loose_blocks_are_two_columns_where_they_fit() -> None:
    """Four single boxes: two rows of two when their edges have room to pass, else as
    narrow as they go."""
    items = [Item(f"b{i}", 150.0, (40.0,), f"b{i}") for i in range(4)]
    assert [len(row) for row in wrap_rows(items, 1000.0, LOOSE)] == [2, 2]
    assert [len(row) for row in wrap_rows(items, 1000.0, TIGHT)] == [1, 1, 1, 1]
    assert [len(row) for row in wrap_rows(items, 300.0, LOOSE)] == [1, 1, 1, 1]
