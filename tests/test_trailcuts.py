"""Undercutters of a continued branch's link: a junction on its arrow, they beside its top."""

from __future__ import annotations

import html

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.trailcuts import beside_cutters
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import Relation
from argmap.options import RenderOptions
from tests.conftest import MAPS


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_the_flagships_alternative_explanations_sit_beside_the_reason_they_undercut(
    direction: str,
) -> None:
    """Slide 2 continues the reason 'Russia is playing its own game'; the article's three
    alternative explanations undercut its step to the thesis. Held among its children,
    their arrows went round the whole branch to the junction; beside the reason, a rank
    below the junction, each reaches it straight, crossing nothing."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("russias-korean-game",))
    cutters = [n.id for n in m.children("russias-korean-game") if n.relation is Relation.UNDERCUTS]
    names = beside_cutters(page.plan)
    assert len(names) == len(cutters) == 3
    svg = page.svg
    found = geometry.boxes(svg)
    top = found["russias-korean-game"]
    for name in names:  # on the reason's rank, not below it
        box = found[name]
        assert box.top < top.bottom and box.bottom > top.top, name
    source = page.graph.source
    for name in names:
        assert f'"{name}" -> "junction russias-korean-game"' in source or (
            f'{name} -> "junction russias-korean-game"' in source
        )
        assert f"{name} -> russias-korean-game [style=invis]" not in source
    assert "<title>junction russias-korean-game</title>" in html.unescape(svg)
    assert geometry.crossings(svg) == 0
    assert geometry.through_boxes(svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


@pytest.mark.parametrize(("fit", "portrait"), [("slide", True), ("slide", False), ("a4", True)])
def test_undercutters_with_no_room_beside_the_top_aim_at_its_box(fit: str, portrait: bool) -> None:
    """Where a reason and its undercutter do not fit side by side (an upright slide), the
    undercutter stays among the reason's children and aims at its box, as before: held
    there, its arrow went round the branch to the junction, drew the page wider than
    planned, and the page was cut down to the reason and its stubs (4 slides -> 7)."""
    thesis = {
        "id": "t",
        "text": "A thesis whose steps are undercut.",
        "premises": [
            {
                "id": f"p{k}",
                "text": f"Premise {k}, whose step to the thesis a reviewer doubts, at length.",
                "premises": [{"id": f"s{k}-{i}", "text": f"Support {i}."} for i in range(4)],
                "objections": [
                    {
                        "id": f"u{k}",
                        "text": f"The step from premise {k} to the thesis does not follow.",
                        "undercut": True,
                        "objections": [{"id": f"r{k}", "text": "It does.", "undercut": True}],
                    }
                ],
            }
            for k in range(3)
        ],
    }
    m = validate_data({"title": "Undercut", "thesis": thesis})
    options = RenderOptions(portrait=portrait)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    assert all(layout.scale(p) >= layout.budget.scale - 1e-9 for p in layout.pages)
    if (fit, portrait) == ("slide", True):
        assert len(layout.pages) == 4
    for page in layout.pages:
        tops = page.plan.page.tops
        if len(tops) != 1 or not tops[0].startswith("p"):
            continue
        top, names = tops[0], beside_cutters(page.plan)
        source = page.graph.source
        found = geometry.boxes(page.svg)
        if names:  # beside the top, aiming at the junction
            assert f'"junction {top}"' in source
            assert all(found[name].top < found[top].bottom for name in names)
        else:  # among its children, aiming at its box
            assert f'"junction {top}"' not in source
            cutter = f"u{top[1:]}"
            if cutter in page.plan.page.nodes:
                assert found[cutter].top > found[top].bottom
                assert f"{cutter} -> {top}" in source
