"""A linked group's caption kept clear of the edges that come in across its box's foot."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.groupcaptions import clear_captions
from argmap.exporters.diagram.textwidth import text_points
from argmap.load.validate import validate_data
from argmap.options import RenderOptions

CAPTION = re.compile(
    r'<text\b[^>]*?\bx="([-\d.]+)" y="([-\d.]+)"[^>]*?font-size="([\d.]+)"[^>]*>([^<]*)</text>'
)


def _drawing(caption_x: float, edges_x: list[float]) -> str:
    """A group's box 0..300 wide, its caption at its foot, and upright edges across it."""
    edges = "".join(
        f'<g id="edge{i}" class="edge supports">\n<title>c{i}&#45;&gt;m</title>\n'
        f'<path fill="none" d="M{x},-10C{x},-20 {x},-40 {x},-50"/>\n</g>\n'
        for i, x in enumerate(edges_x)
    )
    return (
        '<svg width="400pt" height="200pt">\n'
        '<g id="group&#45;g" class="cluster linked&#45;group">\n<title>cluster_group g</title>\n'
        '<g id="a_group&#45;g"><a xlink:title="g">\n'
        '<path fill="#fff" d="M0,-20C0,-20 300,-20 300,-20 300,-100 0,-100 0,-20"/>\n'
        f'<text text-anchor="middle" x="{caption_x}" y="-26" font-size="9.00">'
        "LINKED REASON (all together)</text>\n</a>\n</g>\n</g>\n" + edges + "</svg>\n"
    )


def _caption_x(svg: str) -> float:
    found = CAPTION.search(svg)
    assert found is not None
    return float(found.group(1))


def test_a_crossed_caption_moves_to_the_nearest_clear_stretch() -> None:
    width = text_points("LINKED REASON (all together)", 9)
    moved = clear_captions(_drawing(150, [150, 40]))
    x = _caption_x(moved)
    assert x - width / 2 > 150 and x + width / 2 < 300  # right of the edge, inside the box
    assert moved.replace(f'x="{x:.2f}"', 'x="150"') == _drawing(150, [150, 40])


def test_a_clear_caption_or_one_with_no_room_stays() -> None:
    clear = _drawing(150, [40, 260])
    assert clear_captions(clear) == clear
    crowded = _drawing(150, [60, 150, 240])  # no stretch as wide as the caption
    assert clear_captions(crowded) == crowded


def _through_caption(svg: str) -> int:
    """Edges whose drawn path passes through a linked group's caption's words."""
    count = 0
    for cluster in re.finditer(r'class="cluster linked&#45;group">', svg):
        caption = CAPTION.search(svg, cluster.end())
        assert caption is not None
        x, y, size = (float(caption.group(i)) for i in (1, 2, 3))
        half = text_points(html.unescape(caption.group(4)), size) / 2
        for points in geometry.edge_curves(svg):
            inside = [p for p in points if abs(p[0] - x) < half and -size < p[1] - y < 2]
            count += bool(inside)
    return count


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_the_members_childrens_edges_pass_the_caption_by(fit: str) -> None:
    """Five reasons for the first member of a linked group came in across the middle of its
    box's foot, through the caption (the flagship's slide 12, Argdown's Populism example)."""
    members = [
        {
            "id": f"m{i}",
            "text": f"Member {i} of the linked group, a sentence long.",
            "premises": [
                {"id": f"m{i}-{j}", "text": f"Reason {j} for member {i}."}
                for j in range(5 if i == 0 else 1)
            ],
        }
        for i in range(2)
    ]
    thesis = {"id": "t", "text": "A thesis.", "premises": [{"id": "g", "linked": members}]}
    m = validate_data({"title": "Caption", "thesis": thesis})
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    assert [_through_caption(page.svg) for page in layout.pages] == [0] * len(layout.pages)
