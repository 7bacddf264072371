"""Stubs of a premise's undercutters stand right after it in its row, by its arrow's junction."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import boxes, crossings, through_boxes
from argmap.exporters.diagram.trailcuts import undercutters
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS

CASES = MAPS.parent / "tests" / "cases" / "pagefloor"


def _laid(m: ArgumentMap, fit: str, portrait: bool) -> Layout:
    return lay_out(m, analyze(m), RenderOptions(portrait=portrait), fit, find_engine("auto"))


def _beside_their_premises(m: ArgumentMap, layout: Layout) -> int:
    """Check each stub of undercutters of a premise drawn with its siblings; count them.

    The stubs stand on the premise's rank, after it: no sibling's box between.
    """
    checked = 0
    for laid in layout.pages:
        page = laid.plan.page
        found = boxes(laid.svg)
        for stub in page.stubs:
            premise = m.get(stub.parent)
            if premise.parent not in page.nodes or premise.parent is None:
                continue  # a top: see cutplaces
            if not undercutters(m, stub):
                continue
            siblings = [n for n in page.nodes if m.get(n).parent == premise.parent]
            if len(siblings) < 2:
                continue
            box, mine = found[stub.name], found[premise.id]
            assert abs((box.top + box.bottom) / 2 - (mine.top + mine.bottom) / 2) < 1
            left, right = sorted([box.left, mine.left])
            between = [n for n in siblings if n != premise.id and left < found[n].left < right]
            assert between == [], (page.number, stub.name, between)
            checked += 1
    return checked


@pytest.mark.parametrize(
    ("case", "fit", "portrait"),
    [
        ("cutters-stubbed-beside-their-premise", "slide", False),
        ("cutters-stubbed-beside-their-premise", "a4", False),
        ("cutters-stubbed-with-a-rebuttal", "slide", False),
        ("cutters-stubbed-with-a-rebuttal", "a4", True),
    ],
)
def test_stubs_of_a_premises_undercutters_stand_after_it(
    case: str, fit: str, portrait: bool
) -> None:
    """A stub of a premise's undercutters aims at the junction on its arrow, a rank
    above it, so the engine sets it on the premise's rank; held by its own row only, it
    went wherever the row had room: a random map's slide put two at the row's far end,
    and the premise's arrow crossed three others to reach the junction beside them. Put
    in the premise's row, the stubs leave a rebuttal of it where it was (held with them
    in one row, it was pulled up onto the premise's rank, its arrow across two others)."""
    m = load_map(CASES / f"{case}.json")
    layout = _laid(m, fit, portrait)
    checked = _beside_their_premises(m, layout)
    assert checked > 0 or fit != "slide"
    for laid in layout.pages:
        assert crossings(laid.svg) == 0 and through_boxes(laid.svg) == 0, laid.plan.page.number
