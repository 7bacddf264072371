"""The last resorts that keep a page at the floor: small pages split, stubs on shorter lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import pagesize
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.pageblocks import Unit
from argmap.exporters.diagram.pagefill import Pager
from argmap.exporters.diagram.pagetree import PageTree
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, NodeKind
from argmap.options import RenderOptions
from tests.test_pagetrail_column import _irregular


def _laid(m: ArgumentMap, fit: str, portrait: bool, direction: str) -> Layout:
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _below_floor(layout: Layout) -> list[tuple[int, float]]:
    return [
        (page.plan.page.number, round(layout.scale(page) / layout.budget.scale, 3))
        for page in layout.pages
        if layout.scale(page) < layout.budget.scale - 1e-9
    ]


class _Ids:
    """Node ids in the order nodes are made."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, text: str, **fields: Any) -> dict[str, Any]:
        self.count += 1
        return {"id": f"n{self.count}", "text": text, **fields}


def _long_boxes() -> ArgumentMap:
    """Boxes each near an upright slide's width: long words, a long citation, a long URL."""
    node = _Ids()
    evidence = node(
        "ev " + "y" * 200,
        basis="website",
        citation={"outlet": "O" * 120, "date": "2020", "locator": "p. " + "9" * 80},
    )
    thesis = {
        "id": "t",
        "text": "Thesis. " + "A very long thesis statement that goes on. " * 18,
        "premises": [
            node("Long statement. " + "Words that go on and on about something. " * 16),
            node("Unbroken: " + "x" * 300),
            node("Short.", quote="Q " + "quoted words without end " * 30),
            node("Evidence parent", evidence=[evidence]),
        ],
        "objections": [node("https://example.com/" + "q" * 250)],
    }
    return validate_data({"title": "Long boxes", "thesis": thesis})


def _undercut(branches: int) -> ArgumentMap:
    """Reasons whose steps are undercut, and undercutters answered by undercutters."""
    node = _Ids()

    def statement(**fields: Any) -> dict[str, Any]:
        return node(f"Statement number {node.count + 1} of the odd map.", **fields)

    premises = []
    for _ in range(branches):
        premise = statement()
        premise["objections"] = [statement(undercut=True), statement()]
        answer = statement(undercut=True)
        under = statement(undercut=True, rebuttals=[answer])
        premise["premises"] = [statement(objections=[under])]
        premises.append(premise)
    thesis = {"id": "n0", "text": "Thesis whose inferences are undercut.", "premises": premises}
    return validate_data({"title": "Odd map undercuts", "thesis": thesis})


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_two_boxes_too_big_for_one_page_go_on_pages_of_their_own(direction: str) -> None:
    """A page of two boxes was taken to be as small as a page gets: an upright slide drew a
    piece of evidence and an objection, each near its width, at 0.93 of the floor."""
    layout = _laid(_long_boxes(), "slide", True, direction)
    assert _below_floor(layout) == []


@pytest.mark.parametrize("direction", ["LR", "RL"])
def test_a_page_cut_to_its_first_node_cuts_the_next_page_too(direction: str) -> None:
    """Cut down to its first node, a page's other siblings start the next page, which the
    same estimate drew too big again: one such page a plan, till the plans ran out (an
    upright letter page at 0.99 of the floor)."""
    layout = _laid(_undercut(10), "letter", True, direction)
    assert _below_floor(layout) == []


@pytest.mark.parametrize("direction", ["LR", "RL"])
def test_a_node_and_its_grouped_stub_too_wide_take_shorter_lines(
    direction: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left to right on upright A4, a node beside its grouped stub ('1 more rebuttal, 1 more
    piece of evidence, 1 more reason') was wider than the page at the floor, and a page
    of one node and one stub is not split: the stub's counts go one a line instead.

    A grouped stub now holds one side (for, against), whose counts fit; one of every kind
    is still made where two do not fit (``ONE_GROUP``), as every stub was grouped
    before, and a tightened page's stubs were capped: the map's pages are planned so here.
    Nor may a drawing run over its budget into the page's margin (``OVERHANG``): planned
    with it, the map's pages came out otherwise, none needing the last resort."""

    def one_side(_tree: PageTree, units: Sequence[Unit], most: int) -> list[Any]:
        return [(list(units), most)]

    monkeypatch.setattr(PageTree, "_shares", one_side)
    # (and a tightened page's stubs capped at once, as then: see Pager._stubs_fit_anyway)
    monkeypatch.setattr(Pager, "_stubs_fit_anyway", lambda *_: False)
    monkeypatch.setattr(pagesize, "OVERHANG", 0.0)
    layout = _laid(_irregular(300), "a4", True, direction)
    assert _below_floor(layout) == []
    narrowed = [page for page in layout.pages if page.plan.narrow]
    assert narrowed, "the map no longer needs the last resort: find one that does"
    for page in narrowed:
        assert len(page.plan.page.nodes) == 1
        assert page.width <= layout.budget.width


def test_an_objection_among_evidence_is_drawn_and_the_evidence_grouped() -> None:
    """The flagship on A4: a reason with four pieces of evidence and an undercutter, leaves
    all, that do not fit its page. The undercutter kept its stub, drawn in full only five
    pages on, so as not to be counted in a grey "3 more pieces of evidence, 1 more
    objection". A grouped stub holds one side now: the page draws the undercutter (attacks
    are drawn first), and the evidence is drawn or stubbed on its own side (now the
    undercutter sits beside the linked reason, and each piece has a stub of its own)."""
    from argmap.load.maps import load_map
    from tests.conftest import MAPS

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, "a4", False, "TB")
    pages = [p.plan.page for p in layout.pages]
    (page,) = [p for p in pages if "moscow-ready-with-both-koreas" in p.nodes]
    assert "rajin-khasan-already-trilateral" in page.nodes
    evidence = [
        n.id for n in m.children("moscow-ready-with-both-koreas") if n.kind is NodeKind.EVIDENCE
    ]
    assert len(evidence) == 4
    stubs = [s for s in page.stubs if s.parent == "moscow-ready-with-both-koreas"]
    stubbed = [top for s in stubs for top in s.tops]
    assert all(m.get(top).kind is NodeKind.EVIDENCE for top in stubbed)  # one side each
    assert sorted([*stubbed, *(e for e in evidence if e in page.nodes)]) == sorted(evidence)
