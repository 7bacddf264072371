"""Pages whose arrows cross are drawn again with their steps' rows held another way."""

from __future__ import annotations

import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry, leafhome, pagetries
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import PAGE_SIZES, page_budget
from argmap.exporters.diagram.pagetries import fewer_crossings
from argmap.exporters.diagram.paging import Page, Stub
from argmap.exporters.diagram.rowholds import leaf_holds
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.steptries import (
    apart_from_trail,
    beside_steps,
    cutters_aside,
    past_trail,
    steps_apart,
    tops_kin_after,
)
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import without_stub_words
from tests.laid import Laid

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "tests" / "cases" / "pagefloor" / "objection-beside-an-undercut-step-drawn-on.yaml"


def _map() -> ArgumentMap:
    """A conclusion drawn from the thesis, with one drawn from it in turn: objected, undercut."""
    return validate_data(
        {
            "title": "Steps",
            "thesis": {
                "id": "t",
                "text": "The thesis.",
                "conclusions": [
                    {
                        "id": "c",
                        "text": "So a conclusion.",
                        "conclusions": [
                            {
                                "id": "d",
                                "text": "So another.",
                                "objections": [
                                    {"id": "d1", "text": "An objection.", "evidence": [
                                        {"id": "d1e", "text": "Its evidence."}
                                    ]},
                                    {"id": "du", "text": "No step.", "undercut": True},
                                    {"id": "d2", "text": "A second objection."},
                                    {"id": "d3", "text": "A third, on another page."},
                                ],
                                "conclusions": [{"id": "f", "text": "So, drawn on."}],
                            },
                            {"id": "e", "text": "So a third."},
                        ],
                    }
                ],
                "premises": [
                    {
                        "id": "p",
                        "text": "A premise.",
                        "premises": [
                            {"id": "a", "text": "A."}, {"id": "b", "text": "B."},
                            {"id": "pc", "text": "C."},
                        ],
                        "objections": [
                            {"id": "pu", "text": "No link.", "undercut": True},
                            {"id": "pv", "text": "Nor this.", "undercut": True},
                            {"id": "po", "text": "An objection."},
                        ],
                    }
                ],
            },
        }
    )  # fmt: skip


def _page(*wraps: Wrap, nodes: tuple[str, ...] = ("c", "d", "d1", "d1e", "du", "d2")) -> Page:
    stubs = (Stub("d", ("d3",), 1, 3, False), Stub("d", ("f",), 1, 4, False))
    return Page(2, ("t",), ("c",), nodes, stubs, wraps=wraps)


STEP = Wrap("so d", (("du", "junction d"),), ())


def test_a_steps_row_takes_its_conclusions_other_children_first_in_file_order() -> None:
    page = beside_steps(_map(), _page(STEP))
    assert page is not None
    row = ("d1", "d2", "stub d3", "du", "junction d")  # not the stub of a conclusion drawn on
    assert page.wraps == (Wrap("so d", (row,), ()),)


@pytest.mark.parametrize(
    "wraps",
    [
        (),  # no step's row
        (STEP, Wrap("d", (("d1", "d2"),), ())),  # the children are held in rows of their own
        (STEP, Wrap("below d", (), (("d2", TRAIL),))),  # or held below the breadcrumb
        (Wrap("so d", (("du", "junction d", TRAIL),), ()),),  # in the breadcrumb's column
    ],
)
def test_a_steps_row_is_left_as_it_is_where_its_children_are_held_elsewhere(
    wraps: tuple[Wrap, ...],
) -> None:
    assert beside_steps(_map(), _page(*wraps)) is None


def test_left_to_right_steps_from_the_breadcrumb_leave_its_column() -> None:
    one = Wrap("so d", (("du", "junction d", TRAIL),), ())
    two = Wrap("so e", (("eu", "junction e", TRAIL),), ())
    other = Wrap("d", (("d1", "d2"),), ())
    page = apart_from_trail(_map(), _page(one, other, two))
    assert page is not None
    assert page.wraps == (
        Wrap("so d", (("du", "junction d"),), ()),
        other,
        Wrap("so e", (("eu", "junction e"),), ()),
    )
    alone = apart_from_trail(_map(), _page(one, other))  # one step: the same
    assert alone is not None
    assert alone.wraps == (Wrap("so d", (("du", "junction d"),), ()), other)
    assert apart_from_trail(_map(), _page(other)) is None  # none
    page = apart_from_trail(_map(), _page(one, other, two), junctions=True)
    assert page is not None  # or only the junctions leave it, the undercutters above it
    assert page.wraps == (
        Wrap("so d", (("du", TRAIL),), ()),
        other,
        Wrap("so e", (("eu", TRAIL),), ()),
    )


def test_left_to_right_steps_from_the_breadcrumb_go_below_it_later_ones_or_the_first() -> None:
    one = Wrap("so d", (("du", "junction d", TRAIL),), ())
    two = Wrap("so e", (("eu", "junction e", TRAIL),), ())
    other = Wrap("d", (("d1", "d2"),), ())
    page = past_trail(_page(one, other, two))
    assert page is not None
    assert page.wraps == (one, other, Wrap("so e", ((TRAIL, "junction e", "eu"),), ()))
    page = past_trail(_page(one, other, two), first=True)
    assert page is not None
    assert page.wraps == (Wrap("so d", ((TRAIL, "junction d", "du"),), ()), other, two)
    assert past_trail(_page(one, other)) is None  # one step: none after the first
    assert past_trail(_page(other), first=True) is None  # none


def test_left_to_right_a_step_from_the_breadcrumb_below_it_is_held_below_it() -> None:
    """A random map's A4 page, left to right: an objection to the breadcrumb's conclusion
    above the next conclusion, drawn from it below the breadcrumb. The step's junction
    went below the breadcrumb, its undercutter held above with it, and the undercutter's
    arrow ran down past the breadcrumb across the objection's (one crossing). Held
    below the breadcrumb, the junction next to it, nothing crosses."""
    m = load_map(ROOT / "tests" / "cases" / "pagefloor" / "step-from-breadcrumb-below-it.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(direction="LR"), "a4", find_engine("auto"))
    (page,) = [p for p in layout.pages if p.plan.page.tops == ("c01o", "c01c10")]
    (row,) = [r for w in page.plan.page.wraps if w.parent == "so c01c10" for r in w.rows]
    assert row == (TRAIL, "junction c01c10", "c01c10u")
    assert [geometry.all_crossings(p.svg) for p in layout.pages] == [0] * len(layout.pages)


def test_left_to_right_a_second_steps_undercutter_goes_below_the_breadcrumb() -> None:
    """A random map's A4 page, left to right: two undercut steps from the breadcrumb,
    their junctions out of its column, both undercutters above it. The second's arrow
    ran down across the first step's to its junction (one crossing). Held below the
    breadcrumb, it reaches its junction clear."""
    m = load_map(ROOT / "tests" / "cases" / "pagefloor" / "steps-from-breadcrumb-apart.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(direction="LR"), "a4", find_engine("auto"))
    (page,) = [p for p in layout.pages if "c00c11c20" in p.plan.page.tops]
    rows = {w.parent: w.rows for w in page.plan.page.wraps if w.parent.startswith("so ")}
    assert rows == {
        "so c00c10c20": (("c00c10c20u", TRAIL),),
        "so c00c11c20": ((TRAIL, "c00c11c20u"),),
    }
    assert [geometry.all_crossings(p.svg) for p in layout.pages] == [0] * len(layout.pages)


def test_upright_left_to_right_an_objections_evidence_goes_after_a_steps_junction() -> None:
    """A random map's upright Letter page, left to right, the breadcrumb in the tops'
    column: an objection to the breadcrumb's conclusion, then the next conclusion, its
    step undercut. The objection's evidence went in the junction's column above the
    junction, and its arrow crossed the "so" arrow (one crossing). Held after the
    junction, it crosses nothing."""
    case = ROOT / "tests" / "cases" / "pagefloor" / "objection-evidence-beside-a-step-upright.yaml"
    m = load_map(case)
    options = RenderOptions(direction="LR", portrait=True)
    layout = lay_out(m, analyze(m), options, "letter", find_engine("auto"))
    (page,) = [p for p in layout.pages if p.plan.page.tops == ("c01o", "c01c10")]
    (row,) = [r for w in page.plan.page.wraps if w.parent == "so c01c10" for r in w.rows]
    assert row == ("c01c10u", "junction c01c10", "c01oe")
    assert [geometry.all_crossings(p.svg) for p in layout.pages] == [0] * len(layout.pages)
    assert tops_kin_after(m, replace(page.plan.page, wraps=())) is None  # not in the column


def test_a_later_conclusions_objection_goes_after_an_earlier_steps_junction() -> None:
    """A random map's A4 page of two conclusions: the first one's step undercut, the
    second one objected. The objection, in the rank of the step's junction and held
    nowhere, went between the undercutter and the junction; the undercutter's arrow went
    round under it, across the "so" arrow from the breadcrumb (two arrows crossing
    before they met). Held after the junction, nothing crosses."""
    m = load_map(ROOT / "tests" / "cases" / "pagefloor" / "objection-beside-an-earlier-step.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    (page,) = [p for p in layout.pages if p.plan.page.tops == ("c00c11c20", "c00c11c21")]
    (row,) = [r for w in page.plan.page.wraps if w.parent == "so c00c11c20" for r in w.rows]
    assert row == ("c00c11c20u", "junction c00c11c20", "c00c11c21o")
    assert [geometry.all_crossings(p.svg) for p in layout.pages] == [0] * len(layout.pages)


def _premise_page(*wraps: Wrap) -> Page:
    stubs = (Stub("p", ("pv",), 2, 3, False), Stub("p", ("po",), 1, 4, False))
    return Page(2, ("t",), ("p",), ("p", "a", "b", "pc", "pu"), stubs, wraps=wraps)


@pytest.mark.parametrize(
    ("last", "row"),
    [
        (False, ("pu", "stub pv", "a", "b", "stub po")),
        (True, ("a", "b", "stub po", "pu", "stub pv")),
    ],
)
def test_a_boxs_undercutters_go_to_one_end_of_its_row(last: bool, row: tuple[str, ...]) -> None:
    wrap = Wrap("p", (("a", "pu", "b", "stub po", "stub pv"),), ())
    page = cutters_aside(_map(), _premise_page(wrap), last=last)
    assert page is not None
    assert page.wraps == (Wrap("p", (row,), ()),)


@pytest.mark.parametrize(
    ("last", "rows"),
    [
        (False, (("pu", "stub pv", "a"), ("b", "pc", "stub po"))),
        (True, (("a", "pu", "stub pv"), ("b", "pc", "stub po"))),
    ],
)
def test_undercutters_from_a_later_row_go_to_the_first_the_rows_as_long_as_they_were(
    last: bool, rows: tuple[tuple[str, ...], ...]
) -> None:
    first, second = ("a", "b", "pu"), ("pc", "stub pv", "stub po")
    wrap = Wrap("p", (first, second), tuple(leaf_holds(second, (first,))))
    page = cutters_aside(_map(), _premise_page(wrap), last=last)
    assert page is not None
    assert page.wraps == (Wrap("p", rows, tuple(leaf_holds(rows[1], rows[:1]))),)


@pytest.mark.parametrize(
    "wrap",
    [
        Wrap("p", (("pu", "a", "b"),), ()),  # already first
        Wrap("p", (("a", "b"), ("pu",)), (("pu", "a"), ("pu", "deep"))),  # rows of blocks
        Wrap("below p", (), (("pu", TRAIL),)),  # no rows
        Wrap("t", (("pu", "a"),), ()),  # not the undercutters of this box's arrow
    ],
)
def test_rows_without_undercutters_out_of_place_are_left_as_they_are(wrap: Wrap) -> None:
    assert cutters_aside(_map(), _premise_page(wrap)) is None


def _sibling_page(*wraps: Wrap) -> Page:
    stubs = (Stub("c", ("e",), 1, 3, False), Stub("d", ("d3",), 1, 4, False))
    return Page(2, ("t",), ("c",), ("c", "d", "du"), stubs, wraps=wraps)


@pytest.mark.parametrize(
    ("last", "row"),
    [(False, ("stub e", "du", "junction d")), (True, ("du", "junction d", "stub e"))],
)
def test_a_stub_of_a_sibling_step_goes_to_one_end_of_an_undercut_steps_row(
    last: bool, row: tuple[str, ...]
) -> None:
    page = steps_apart(_map(), _sibling_page(STEP), last=last)
    assert page is not None  # (not the stub of the conclusion's own objection)
    assert page.wraps == (Wrap("so d", (row,), ()),)
    held = Wrap("c", (("stub e",),), ())  # a stub another row holds stays there
    assert steps_apart(_map(), _sibling_page(STEP, held), last=last) is None


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ((2, 100.0), (0, 100.0), "second"),  # fewer crossings, fits
        ((2, 100.0), (2, 100.0), "first"),  # as many: the first
        ((2, 100.0), (3, 100.0), "first"),
        ((2, 100.0), (0, 9999.0), "first"),  # fewer, but too large where the first fits
        ((2, 9999.0), (1, 9999.0), "second"),  # neither fits: fewer crossings, as large
        ((2, 9999.0), (1, 20000.0), "first"),  # but not shown smaller still
        ((0, 100.0), (0, 100.0), "first"),  # no crossing: not drawn again
    ],
)
def test_the_drawing_that_crosses_less_and_fits_is_kept(
    monkeypatch: pytest.MonkeyPatch,
    first: tuple[int, float],
    second: tuple[int, float],
    kept: str,
) -> None:
    crossings = {"first": first[0], "second": second[0]}
    monkeypatch.setattr(pagetries, "all_crossings", crossings.__getitem__)
    monkeypatch.setattr(pagetries, "detours", lambda svg, across: 0)  # none goes round
    monkeypatch.setattr(pagetries, "misplaced", lambda svg, *_: (0, 0))  # all in order
    budget = page_budget(PAGE_SIZES["a4"])
    m, page = _map(), _page(STEP)
    plan = PagePlan(page, 4, {}, 0)
    drafts = [Laid(plan, zlib.compress(b"first"), first[1], first[1])]
    asked: list[list[PagePlan]] = []

    def again(plans: list[PagePlan]) -> list[Laid]:
        asked.append(plans)
        return [Laid(p, zlib.compress(b"second"), second[1], second[1]) for p in plans]

    out = fewer_crossings(m, drafts, again, budget)
    assert zlib.decompress(out[0].packed).decode() == kept
    assert len(asked) == (1 if first[0] else 0)
    if asked:  # drawn again with the objections held before the undercutter
        assert asked[0][0].page == beside_steps(m, page)


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_an_objection_between_an_undercutter_and_its_junction_is_drawn_beside_them(
    direction: str,
) -> None:
    """A random map's page: the undercutter's arrow went under the objection, across its
    evidence's arrow (top down and bottom up, on A4)."""
    m = load_map(CASE)
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    assert [geometry.all_crossings(page.svg) for page in layout.pages] == [0] * len(layout.pages)
    rows = [r for p in layout.pages for w in p.plan.page.wraps for r in w.rows]
    assert ("c0_1c1_1c2_0o", "c0_1c1_1c2_0u", "junction c0_1c1_1c2_0") in rows


def test_left_to_right_steps_from_the_breadcrumb_are_drawn_in_a_column_of_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A random map's page of three conclusions drawn from the breadcrumb's rows: its steps
    went round the breadcrumb's column (one crossing, and one before they met). (Without
    the leaves drawn beside their parent once the pages are laid out: that page's
    objection, a leaf, goes there.)"""
    monkeypatch.setattr(leafhome, "LEAF_WAVES", 0)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_crossings import generate

    m = generate(22)
    layout = lay_out(m, analyze(m), RenderOptions(direction="LR"), "a4", find_engine("auto"))
    pages = {p.plan.page.tops: p for p in layout.pages}
    page = pages["c01c10c20", "c01c10c21", "c01c10oe"]
    assert geometry.all_crossings(page.svg) == 0
    steps = [w for w in page.plan.page.wraps if w.parent.startswith("so ")]
    assert len(steps) >= 2
    assert all(TRAIL not in row for w in steps for row in w.rows)


def test_an_undercutter_in_the_middle_of_its_boxs_row_is_drawn_at_its_end() -> None:
    """A random map's page: the stub of a premise's undercutter stood between two other
    stubs of its children, and its arrow up to the junction crossed the next one's. It
    goes at an end of the row (the other two, leaves, are now drawn in full there, before
    it)."""
    m = load_map(
        ROOT / "tests" / "cases" / "pagefloor" / "undercutters-among-a-premises-children.yaml"
    )
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    assert [geometry.all_crossings(page.svg) for page in layout.pages] == [0] * len(layout.pages)
    rows = {w.parent: w.rows for p in layout.pages for w in p.plan.page.wraps}
    (row,) = rows["n9"]
    assert "stub n11" in (row[0], row[-1]) and len(row) == 3  # at an end of the row


def test_a_stub_between_an_undercutter_and_its_junction_is_drawn_beside_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A random map's page: the stub of a conclusion drawn from the same box as an undercut
    step's stood between the undercutter and the junction, its "so" arrow crossed. (With
    stubs that name no kind: the case was made for those plans; with the wider stubs the
    undercutter is stubbed to a page of its own, and no stub stands by its junction.)"""
    without_stub_words(monkeypatch)
    m = load_map(
        ROOT
        / "tests"
        / "cases"
        / "pagefloor"
        / "stub-between-an-undercutter-and-its-junction.yaml"
    )
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    page = next(p for p in layout.pages if "c0_0c1_0" in p.plan.page.nodes)
    assert geometry.all_crossings(page.svg) == 0  # 2 before
    rows = [r for w in page.plan.page.wraps if w.parent == "so c0_0c1_0" for r in w.rows]
    assert "stub c0_0c1_1" in rows[0]
