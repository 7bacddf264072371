"""A continued page's tops side by side, and a linked group among them held in its place."""

from __future__ import annotations

import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry, siblingshare, topsabreast
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.groupties import tied_groups
from argmap.exporters.diagram.pageestimate import Estimate
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import PAGE_SIZES, Budget, page_budget
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.topsabreast import (
    Abreast,
    hung_below_branch,
    tops_abreast,
    under_branch,
)
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.options import RenderOptions
from tests.laid import Laid

ROOT = Path(__file__).resolve().parent.parent
ABREAST = ROOT / "tests" / "cases" / "pagefloor" / "tops-abreast.yaml"


def test_a_row_of_tops_hung_below_a_branch_is_told_from_rows_among_boxes() -> None:
    hung = Wrap(TRAIL, (("a",), ("b",)), (("b", "a-evidence"),))
    among = Wrap(TRAIL, (("a", "b"), ("c",)), (("c", "a"), ("c", "b")))
    assert hung_below_branch(Estimate(0, 0, (hung,)))
    assert not hung_below_branch(Estimate(0, 0, (among,)))
    assert not hung_below_branch(Estimate(0, 0, (hung._replace(parent="a"),)))


@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_a_continued_pages_tops_go_side_by_side_their_branches_narrower(fit: str) -> None:
    """A class debate's continued pages on A4 drew their second top below the first's
    branch (a reason with its evidence, and an objection answered): its arrow ran up the
    page's side to the breadcrumb. Side by side they were 1,120 points wide, on a page of
    1,084; with the first's children in two rows, they fit."""
    m = load_map(ABREAST)
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))
    order = {node.id: i for i, node in enumerate(m.nodes)}
    page = next(p for p in layout.pages if p.plan.page.tops[0] == "air")
    (tops,) = [w for w in page.plan.page.wraps if w.parent == TRAIL]
    assert tops.rows == (("air", "shops-near"),)  # two rows before, the group below
    wraps = {w.parent: w.rows for w in page.plan.page.wraps}
    assert wraps["air"] == (("monitor",), ("buses",))  # its evidence, then its objection
    boxes = geometry.boxes(page.svg)
    assert boxes["air"].right < boxes["shops-near"].left  # in file order
    assert abs(boxes["air"].top - boxes["shops-near"].top) < 20  # on one rank
    assert geometry.misplaced(page.svg, order) == (0, 0)
    assert geometry.all_crossings(page.svg) == 0
    assert layout.budget.holds(page.width, page.height)
    if fit == "a4":  # a reason, a reason and an objection
        third = next(p for p in layout.pages if p.plan.page.tops[0] == "trade")
        (tops,) = [w for w in third.plan.page.wraps if w.parent == TRAIL]
        assert tops.rows == (("trade", "noise", "parking"),)


def test_a_linked_group_among_the_tops_is_tied_to_the_branch_before_it() -> None:
    """The engine drops a row's edge into a group's box: the group was drawn first."""
    m = validate_data(
        {
            "title": "T",
            "thesis": {
                "id": "t",
                "text": "A thesis.",
                "premises": [
                    {
                        "id": "a",
                        "text": "A reason.",
                        "evidence": [{"id": "e", "text": "Some evidence.", "basis": "statistic"}],
                        "objections": [{"id": "u", "text": "It cuts.", "undercut": True}],
                    },
                    {
                        "id": "g",
                        "linked": [{"id": "g1", "text": "One."}, {"id": "g2", "text": "Two."}],
                    },
                    {"id": "b", "text": "A reason.", "objections": [{"id": "o", "text": "No."}]},
                ],
            },
        }
    )
    node = {n.id: n for n in m.nodes}
    children = {n.id: [c.id for c in m.children(n.id)] for n in m.nodes}
    full = {"a", "e", "u", "g1", "g2", "b", "o"}
    row = Wrap(TRAIL, (("a", "g1", "b"),), ())
    tied = tied_groups(Estimate(0, 0, (row,)), node, children, full)
    assert tied.wraps[0].places == (("e", "g1"),)  # its evidence; not the undercutter
    bare = tied_groups(Estimate(0, 0, (row,)), node, children, full - {"e"})
    assert bare.wraps[0].places == ()  # nothing below it but an undercutter: as it was
    own = Wrap("a", (("e", "x"),), ())
    tied = tied_groups(Estimate(0, 0, (own, row)), node, children, full)
    assert tied.wraps[1].places == (("x", "g1"),)  # the last of its children's first row
    other = row._replace(parent="a")
    assert tied_groups(Estimate(0, 0, (other,)), node, children, full).wraps[0].places == ()


@pytest.mark.parametrize(
    ("size", "svg", "kept"),
    [
        (100.0, "fine", "abreast"),
        (5000.0, "fine", "planned"),  # too big for the page
        (100.0, "crossed", "planned"),  # more crossings
    ],
)
def test_tops_side_by_side_are_kept_only_where_their_drawing_fits(
    monkeypatch: pytest.MonkeyPatch, size: float, svg: str, kept: str
) -> None:
    monkeypatch.setattr(topsabreast, "all_crossings", lambda s: int(s == "crossed"))
    monkeypatch.setattr(topsabreast, "misplaced", lambda s, *_: (0, 0))
    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "A thesis."}})
    order = {node.id: i for i, node in enumerate(m.nodes)}
    planned = (Wrap(TRAIL, (("a",), ("b",)), (("b", "e"),)),)
    side = (Wrap(TRAIL, (("a", "b"),), ()),)
    page = Page(2, ("t",), ("a", "b"), ("a", "b", "e"), wraps=planned)
    page = replace(page, abreast=Abreast(frozenset(page.nodes), planned, side))
    first = Laid(PagePlan(page, 2, {}, 0), zlib.compress(b"planned"), 100.0, 100.0)

    def again(plans: list[PagePlan]) -> list[Laid]:
        assert [p.page.wraps for p in plans] == [side]
        return [Laid(p, zlib.compress(svg.encode()), size, size) for p in plans]

    out = tops_abreast(order, [first], again, page_budget(PAGE_SIZES["a4"]))
    assert (out[0].plan.page.wraps == side) == (kept == "abreast")
    moved = replace(page, nodes=("a", "b"))  # a leaf gone home since: rows as they are
    assert (
        tops_abreast(
            order,
            [first._replace(plan=PagePlan(moved, 2, {}, 0))],
            again,
            page_budget(PAGE_SIZES["a4"]),
        )[0].plan.page
        is moved
    )


def test_a_row_of_tops_as_long_as_a_row_of_branches_above_it_hangs_under_them() -> None:
    under = Wrap(
        TRAIL, (("a", "b", "c"), ("d", "e", "f")), (("d", "a1"), ("e", "b1"), ("f", "c1"))
    )
    gaps = Wrap(
        TRAIL,
        (("a", "b", "c", "d"), ("e", "f")),
        (("e", "a1"), ("e", "b1"), ("f", "c1"), ("f", "d1")),
    )
    boxes = Wrap(TRAIL, (("a", "b"), ("c", "d")), (("c", "a"), ("d", "b")))  # single boxes
    assert under_branch(Estimate(0, 0, (under,)))
    one = Wrap(TRAIL, (("a",), ("b",)), (("b", "a1"),))  # below one branch: see abreast
    assert not under_branch(Estimate(0, 0, (one,)))
    assert not under_branch(Estimate(0, 0, (gaps,)))
    assert not under_branch(Estimate(0, 0, (boxes,)))
    assert not under_branch(Estimate(0, 0, (under._replace(parent="a"),)))


def test_a_slides_tops_in_rows_hang_in_the_gaps_of_the_branches_above() -> None:
    """A class debate's third slide drew six tops in two rows of three, each of the second
    row under a branch of the first: two arrows ran up round the slide's sides to the
    breadcrumb. The slide takes five, the second row's two in the gaps of the first;
    the sixth (with its undercutter) goes on to the next."""
    m = load_map(ABREAST)
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    order = {node.id: i for i, node in enumerate(m.nodes)}
    page = next(p for p in layout.pages if "trade" in p.plan.page.tops)
    (tops,) = [w for w in page.plan.page.wraps if w.parent == TRAIL]
    assert tops.rows == (("trade", "noise", "parking"), ("cost", "rat-run"))
    assert [p.plan.page.tops for p in layout.pages][-1] == ("trial",)
    for laid in layout.pages:
        assert geometry.detours(laid.svg) == 0
        assert geometry.misplaced(laid.svg, order) == (0, 0)
        assert geometry.all_crossings(laid.svg) == 0
        assert layout.budget.holds(laid.width, laid.height)


@pytest.mark.parametrize(("drawn", "shared"), [(b"straight", True), (b"round", False)])
def test_sibling_pages_share_one_only_where_no_more_arrows_go_round_boxes(
    monkeypatch: pytest.MonkeyPatch, drawn: bytes, shared: bool
) -> None:
    """Two pages of siblings drawn one below the other: the lower one's arrow ran up round
    the upper one's branch to the breadcrumb (a generated debate's slides, and a class
    debate's, whose page of five tops took the sixth below them)."""
    monkeypatch.setattr(siblingshare, "all_crossings", lambda svg: 0)
    monkeypatch.setattr(siblingshare, "detours", lambda svg: svg.count("round"))
    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "A thesis."}})
    one, two = Page(2, ("t",), ("a",), ("a",)), Page(3, ("t",), ("b",), ("b",))
    together = Page(2, ("t",), ("a", "b"), ("a", "b"))
    monkeypatch.setattr(siblingshare, "_trials", lambda *_: [together])

    class Drafter:
        def plan(self, page: Page, total: int, home: object) -> PagePlan:
            return PagePlan(page, total, {}, 0)

        def lay_out(self, plans: list[PagePlan], rough: bool = False) -> list[Laid]:
            return [Laid(p, zlib.compress(drawn), 100.0, 100.0) for p in plans]

    group = [
        Laid(PagePlan(p, 3, {}, 0), zlib.compress(b"straight"), 100.0, 100.0) for p in (one, two)
    ]
    budget = Budget(1000.0, 1000.0, 1.0)
    plan = siblingshare._fitting(m, group, Drafter(), (3, {}), budget)
    assert (plan is not None and plan.page == together) == shared


def test_a_top_hung_in_a_gap_below_branches_has_its_junction_in_that_gap() -> None:
    """A class debate's A4 page 4: an undercut objection hung between a reason's branch
    and a linked group's. Its junction, held by nothing, went beyond the group's box and
    its arrow up the page's side; held after the first branch's top, the junction sits
    between the two tops, and the objection's undercutter beside it aims there."""
    m = load_map(ABREAST)
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    page = next(p for p in layout.pages if "trial" in p.plan.page.tops)
    (tops,) = [w for w in page.plan.page.wraps if w.parent == TRAIL]
    assert tops.rows == (("cost", "rat-run"), ("trial",))  # in the gap of two branches
    boxes = geometry.boxes(page.svg)
    junction = boxes["junction trial"]
    assert boxes["cost"].right < junction.left < junction.right < boxes["rat-run"].left
    members = [boxes["roads-narrow"], boxes["roads-homes"]]
    left = min(box.left for box in members)
    rank = (min(box.top for box in members), max(box.bottom for box in members))
    for edge in geometry.tree_edges(page.svg):
        if "junction trial" in (edge.tail, edge.head):  # passing the group: on its left
            assert all(x < left for x, y in edge.points if rank[0] <= y <= rank[1])
    assert boxes["trial"].right < boxes["trial-undercut"].left  # beside it, in file order
    assert geometry.all_crossings(page.svg) == 0
    assert layout.budget.holds(page.width, page.height)
