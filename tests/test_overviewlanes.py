"""The overview's stubs in rows where the page's width holds them, their arrows straight."""

from __future__ import annotations

import json
import math
from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import boxes, tree_edges
from argmap.exporters.diagram.rowholds import lane_order
from argmap.load.maps import load_map
from argmap.options import RenderOptions

DEBATE = Path(__file__).parent / "cases" / "smallmaps" / "town-debate.yaml"
"""A thesis with four reasons and four objections, each with more below, and three
conclusions drawn from it (a class debate)."""
STRAY = 36.0
"""Half an inch: an arrow running further outside the box its two ends span loops."""
WORDS = ("community", "national", "school", "pupils", "survey", "budget", "report", "rights")


def _laid(path: Path, **options: object) -> Layout:
    m = load_map(path)
    opts = RenderOptions(**options)  # type: ignore[arg-type]
    fit = options["fit"]
    return lay_out(m, analyze(m), opts, fit, find_engine("auto"))  # type: ignore[arg-type]


def _loops(svg: str, root: str) -> list[str]:
    """The stubs whose arrow to ``root`` runs outside the box its two ends span."""
    out = []
    for edge in tree_edges(svg):
        if edge.head != root or not edge.tail.startswith("stub "):
            continue
        (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
        left, right, top, bottom = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        out_by = max(max(left - x, x - right, top - y, y - bottom) for x, y in edge.points)
        if out_by > STRAY:
            out.append(edge.tail)
    return out


def _flat(path: Path, reasons: int) -> Path:
    """A thesis with ``reasons`` reasons, each with one piece of evidence."""
    premises = []
    for i in range(reasons):
        text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(7)).capitalize()
        evidence = [{"id": f"e{i}", "text": f"Evidence: {text} E{i}."}]
        premises.append({"id": f"r{i}", "text": f"Reason {i}: {text}.", "evidence": evidence})
    thesis = {"id": "t", "text": "Thesis: cost budget policy rights.", "premises": premises}
    path.write_text(json.dumps({"title": "A wide flat map", "thesis": thesis}))
    return path


def test_upright_overview_sets_its_stubs_side_by_side_not_one_a_rank() -> None:
    """Upright A4, page 1: the thesis's stubs went one a rank, a diagonal staircase, two
    attack arrows looped round the outside of the drawing, the page wide enough for two
    a row: an edge passing a row of stubs was charged 63 points, so no rows fitted."""
    page = _laid(DEBATE, fit="a4", portrait=True).pages[0]
    drawn = boxes(page.svg)
    below = [n for n, b in drawn.items() if n.startswith("stub ") and b.top > drawn["ban"].top]
    stubs = [drawn[name] for name in below]
    middles = sorted((b.top + b.bottom) / 2 for b in stubs)
    ranks = 1 + sum(1 for a, b in zip(middles, middles[1:], strict=False) if b - a > 20)
    assert ranks <= math.ceil(len(stubs) / 2), middles  # two a row at least
    assert _loops(page.svg, "ban") == []


def test_left_to_right_overview_stubs_have_straight_arrows(tmp_path: Path) -> None:
    """Left to right on a slide, page 1: sixty reasons' stubs sat in columns, the arrows
    from the last column looping far above and below the drawing to reach the thesis."""
    page = _laid(_flat(tmp_path / "flat.json", 60), fit="slide", direction="LR").pages[0]
    assert sum(1 for name in boxes(page.svg) if name.startswith("stub ")) > 1
    assert _loops(page.svg, "t") == []


def test_lower_rows_edges_reach_the_parent_inside_the_rows_above() -> None:
    """Left of the middle, the higher stub's edge is further out; right of it, the lower's:
    each lower row's edge passes the rows above on their inner side."""
    rows = (("a", "b"), ("c", "d"), ("e",))
    assert lane_order(rows) == ["a", "c", "e", "d", "b"]
    assert lane_order((("a", "b", "c"), ("d", "e"))) == ["a", "d", "b", "e", "c"]
