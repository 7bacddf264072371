"""One drawing of a whole map: each parent's children in a row, in file order."""

from __future__ import annotations

from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.formats import render_svg
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import CASES


def claim(name: str, text: str, **more: Any) -> dict[str, Any]:
    """A node of a map's data: its id, its text and what more is given."""
    return {"id": name, "text": text, **more}


def _debate() -> ArgumentMap:
    """A thesis whose second reason is linked, and whose last objection's link is undercut."""
    linked = [
        claim("evenings", "Children's evenings are limited."),
        claim("play", "Free play and sleep matter more for young children than extra drill."),
    ]
    premises = [
        claim(
            "no-gain",
            "Homework in primary school brings little or no gain in achievement.",
            evidence=[claim("review", "A review found almost no link for children under eleven.")],
            objections=[claim("habits", "Homework builds study habits for secondary school.")],
        ),
        {"id": "time", "linked": linked},
        claim("stress", "Homework causes stress and family conflict."),
    ]
    objections = [
        claim(
            "parents",
            "Many parents want homework to see what their child learns.",
            rebuttals=[claim("newsletter", "A weekly newsletter shows them as much.")],
        ),
        claim("reading", "Reading at home is homework, and it clearly helps."),
        claim(
            "prep",
            "Secondary schools set homework, so children must be prepared for it.",
            objections=[
                claim(
                    "too-early",
                    "Being prepared does not need homework years earlier.",
                    undercut=True,
                )
            ],
        ),
    ]
    thesis = claim("abolish", "Primary schools should abolish homework.", premises=premises)
    return validate_data({"title": "Homework", "thesis": {**thesis, "objections": objections}})


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_a_linked_reason_and_an_undercut_link_keep_their_place_among_the_thesis_children(
    direction: str,
) -> None:
    # Left to the engine, the linked reason (second) was drawn last, after the objections,
    # and the undercut objection's box went a rank further down.
    m = _debate()
    svg = render_svg(m, analyze(m), RenderOptions(direction=direction))
    boxes = geometry.boxes(svg)
    across = direction in ("LR", "RL")
    row = ["no-gain", "evenings", "play", "stress", "parents", "reading", "prep"]
    box = {name: boxes[name] for name in row}
    ranks = {round(b.left + b.right if across else b.top + b.bottom) for b in box.values()}
    assert len(ranks) == 1, ranks  # one row, centred on one rank (a column left to right)
    along = [b.top if across else b.left for b in box.values()]
    assert along == sorted(along)  # in file order
    order = {node.id: i for i, node in enumerate(m.walk())}
    assert geometry.misplaced(svg, order, across, direction in ("BT", "RL")) == (0, 0)
    assert geometry.crossings(svg) == 0


def test_a_thesis_linked_reason_is_drawn_second_not_after_all_the_objections() -> None:
    # A class's debate: its linked reason, second in the file, was drawn seventh (x 1983
    # against 145-1748 for the others), the arrows of the rest fanning past its box.
    m = load_map(CASES / "homework-order.yaml")
    svg = render_svg(m, analyze(m), RenderOptions())
    boxes = geometry.boxes(svg)
    row = [n.id for n in m.walk() if n.parent == m.thesis.id and n.relation is not None]
    lefts = [boxes[name].left for name in row]
    assert lefts == sorted(lefts), row
    order = {node.id: i for i, node in enumerate(m.walk())}
    assert geometry.misplaced(svg, order) == (0, 0)


def test_a_thesis_evidence_stays_below_it_beside_conclusions_drawn_from_it() -> None:
    # Conclusions with nothing under them were stacked with the thesis's evidence, which
    # the stacking's edges then drew above the thesis, beside the conclusions.
    thesis = {
        **claim("t", "The town should close the centre to cars."),
        "evidence": [
            claim(f"e{i}", f"Survey {i}: most residents walk to the shops.") for i in range(3)
        ],
        "conclusions": [claim(f"c{i}", f"So the council should plan step {i}.") for i in range(2)],
    }
    m = validate_data({"title": "Cars", "thesis": thesis})
    svg = render_svg(m, analyze(m), RenderOptions())
    boxes = geometry.boxes(svg)
    assert all(boxes[f"e{i}"].top > boxes["t"].bottom for i in range(3)), boxes
    assert all(boxes[f"c{i}"].bottom < boxes["t"].top for i in range(2)), boxes
    order = {node.id: i for i, node in enumerate(m.walk())}
    assert geometry.misplaced(svg, order) == (0, 0)
