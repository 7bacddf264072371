"""A page gathering branches of several parents: its breadcrumb keeps to a few rows."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.pagecrumbs import shared_trail
from argmap.exporters.diagram.pagetree import TRAIL_ROWS
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests import trailends

FLAGSHIP = Path(__file__).parent.parent / "maps" / "russias-game-in-north-korea.yaml"


@cache
def _laid(fit: str, portrait: bool) -> Layout:
    m = load_map(FLAGSHIP)
    options = RenderOptions(portrait=portrait)
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", False), ("a4", True)])
def test_a_shared_breadcrumb_keeps_to_a_few_rows(fit: str, portrait: bool) -> None:
    """Branches of several parents late on a paged map share a page: its breadcrumb
    listed every ancestor of each, up to three chains of them (the flagship's slide 13:
    eight rows, three of them hung from, the arrows reaching the box's sides among rows
    a reader could not tell apart). It lists as many rows as one branch's breadcrumb at
    most (:data:`TRAIL_ROWS`)."""
    found = []
    for page in _laid(fit, portrait).pages:
        rows, hung = trailends.hung_rows(page.svg)
        if len(hung) > 1 and rows > TRAIL_ROWS:
            found.append((page.plan.page.number, rows, sorted(hung)))
    assert found == []


_TREE = {"a": ("p", "q", "r", "s", "t", "root"), "b": ("x", "y", "z", "s", "t", "root")}


def test_every_parent_and_the_farthest_ancestor_stay_the_nearest_fill_in_turn() -> None:
    """Each top's parent and its farthest ancestor are always listed; then each parent's
    parent, in turn, then theirs, up to the most; one top keeps its whole trail."""
    assert shared_trail(["a"], _TREE.__getitem__, 6) == set(_TREE["a"])
    assert shared_trail(["a", "b"], _TREE.__getitem__, 6) == {"p", "x", "root", "q", "y", "r"}
    assert shared_trail(["a", "b"], _TREE.__getitem__, 4) == {"p", "x", "root", "q"}
    assert shared_trail(["a", "b"], _TREE.__getitem__, 2) == {"p", "x", "root"}
