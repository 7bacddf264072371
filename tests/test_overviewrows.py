"""Rows of stubs and children read as a tree: even rows, each under a box of its own."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import boxes
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
    objections share one row, each under a reason of its own, their arrows between."""
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
