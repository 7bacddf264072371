"""A node of many small branches: its page draws the first ones whole, not a hub of stubs."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions


def _objections(count: int) -> list[dict[str, object]]:
    """``count`` objections, each answered by one rebuttal."""
    return [
        {
            "id": f"o{i}",
            "text": f"Objection {i}: the plants cost more than the grid can bear, year on year.",
            "rebuttals": [{"id": f"r{i}", "text": f"Rebuttal {i}: the grid saves it back."}],
        }
        for i in range(count)
    ]


def _answered(count: int) -> ArgumentMap:
    """A reason with ``count`` answered objections, beside another reason."""
    reason = {"id": "steady", "text": "Steady power.", "objections": _objections(count)}
    other = {"id": "land", "text": "Plants need little land."}
    thesis = {"id": "t", "text": "Build plants.", "premises": [reason, other]}
    return validate_data({"title": "Hub", "thesis": thesis})


def _laid(m: ArgumentMap, fit: str, portrait: bool = False) -> Layout:
    options = RenderOptions(portrait=portrait)
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fit", "portrait"), [("a4", False), ("slide", False), ("a4", True)])
def test_a_reason_of_many_answered_objections_draws_its_first_ones_whole(
    fit: str, portrait: bool
) -> None:
    """Twelve objections, each with its rebuttal, under a reason: its page was the reason
    and ten stubs (a grouped one for the last two), each objection drawn on a later page.
    Now its page draws the first objections with their rebuttals, in file order, and a
    grouped stub takes the reader on to the rest, which follow in file order."""
    m = _answered(12)
    layout = _laid(m, fit, portrait)
    pages = [page.plan.page for page in layout.pages]
    home = {n: page.number for page in pages for n in page.nodes}
    assert sorted(home) == sorted(n.id for n in m.walk())  # each node on one page
    hub = home["steady"]
    whole = [i for i in range(12) if home[f"o{i}"] == hub == home[f"r{i}"]]
    assert len(whole) >= 2
    assert whole == list(range(len(whole)))  # the first ones
    # every objection with its rebuttal, and the pages after the hub in file order
    assert all(home[f"o{i}"] == home[f"r{i}"] for i in range(12))
    assert [home[f"o{i}"] for i in range(12)] == sorted(home[f"o{i}"] for i in range(12))
    left = [s for s in pages[hub - 1].stubs if s.parent == "steady"]
    assert len(left) == 1  # one grouped stub for the rest, not a stub each


def test_the_thesis_keeps_its_outline_of_stubs() -> None:
    """On the overview, a thesis of many answered objections keeps a stub each."""
    thesis = {"id": "t", "text": "Build plants.", "objections": _objections(12)}
    m = validate_data({"title": "Outline", "thesis": thesis})
    first = _laid(m, "a4").pages[0].plan.page
    assert first.nodes == ("t",)
