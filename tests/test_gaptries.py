"""Pages whose arrows go round boxes are drawn again: last rows hung in gaps, and more."""

from __future__ import annotations

import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram import geometry, pagetries
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import PAGE_SIZES, page_budget
from argmap.exporters.diagram.pagetries import fewer_crossings
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.roundways import (
    beside_conclusion,
    beside_trail,
    clear_of_groups,
    group_places,
    hung_in_gaps,
)
from argmap.exporters.diagram.rowholds import gap_holds, leaf_holds
from argmap.exporters.diagram.stacking import Wrap
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.options import RenderOptions
from tests.conftest import without_key_marks, without_stub_words
from tests.laid import Laid

ROOT = Path(__file__).resolve().parent.parent
UNIFORMS = ROOT / "maps" / "school-uniforms.yaml"
CASES = ROOT / "tests" / "cases" / "pagefloor"
BELOW = CASES / "conclusions-objection-below-the-breadcrumb.yaml"
UPRIGHT = CASES / "conclusions-objection-beside-it-upright.yaml"
GROUPED = CASES / "rows-below-a-linked-group.yaml"
AMONG_STUBS = CASES / "linked-reason-among-stubs.yaml"

ABC = ("a", "b", "c")


@pytest.mark.parametrize(
    ("spare_first", "holds"),
    [
        (False, [("x", "a"), ("x", "b"), ("y", "b"), ("y", "c"), ("z", "c")]),
        (True, [("x", "a"), ("y", "a"), ("y", "b"), ("z", "b"), ("z", "c")]),
    ],
)
def test_a_row_as_long_as_the_one_above_hangs_in_its_gaps_one_item_at_an_end(
    spare_first: bool, holds: list[tuple[str, str]]
) -> None:
    assert gap_holds(("x", "y", "z"), (ABC,), spare_first) == holds


@pytest.mark.parametrize(
    ("row", "above"),
    [
        (("x", "y"), (ABC,)),  # shorter: in gaps already
        (("w", "x", "y", "z"), (ABC,)),  # longer: centred under it
        (("x",), (("a",),)),  # a row of one under a row of one: no gap
    ],
)
def test_rows_of_other_lengths_are_held_as_before(
    row: tuple[str, ...], above: tuple[tuple[str, ...], ...]
) -> None:
    for spare_first in (False, True):
        assert gap_holds(row, above, spare_first) == leaf_holds(row, above)


def test_a_row_in_the_gaps_of_the_row_above_keeps_to_the_gaps_of_longer_rows_higher_up() -> None:
    above = (("a", "b", "c", "d"), ("e", "f"))
    holds = gap_holds(("x", "y"), above, False)
    # The last row's gap, the first item's; the last item under the last box; a gap each
    # of the row of four (as a row shorter than one above keeps).
    assert holds == [
        ("x", "e"), ("x", "f"), ("y", "f"), ("x", "a"), ("x", "b"), ("y", "c"), ("y", "d")
    ]  # fmt: skip


def _page(*wraps: Wrap) -> Page:
    return Page(1, (), ("p",), ("p", "a", "b", "c", "x", "y", "z", "u", "v", "w"), wraps=wraps)


def _wrap(*rows: tuple[str, ...], columns: tuple[tuple[str, str], ...] = ()) -> Wrap:
    holds = [h for d in range(1, len(rows)) for h in leaf_holds(rows[d], rows[:d])]
    return Wrap("p", rows, tuple(holds), columns=columns)


def test_the_last_row_of_a_parents_rows_is_hung_in_the_gaps_of_the_row_above() -> None:
    page = _page(_wrap(ABC, ("x", "y", "z"), ("u", "v", "w")))
    out = hung_in_gaps(page, spare_first=True)
    assert out is not None
    (wrap,) = out.wraps
    assert wrap.rows == page.wraps[0].rows
    # The middle row stays centred under the first (hung so, rows went down in a staircase).
    assert [h for h in wrap.holds if h[0] in "xyz"] == leaf_holds(("x", "y", "z"), (ABC,))
    last = [h for h in wrap.holds if h[0] in "uvw"]
    assert last == gap_holds(("u", "v", "w"), (ABC, ("x", "y", "z")), True)


@pytest.mark.parametrize(
    "wrap",
    [
        _wrap(ABC),  # one row
        _wrap(ABC, ("x", "y")),  # a shorter row: in the gaps already
        _wrap(ABC, ("x", "y", "z"), columns=(("x", "a"), ("y", "b"), ("z", "c"))),  # a grid
        Wrap("p", (ABC, ("x", "y", "z")), (("x", "a1"),)),  # held below a deeper block
    ],
)
def test_rows_that_are_not_hung_under_single_boxes_are_left_as_they_are(wrap: Wrap) -> None:
    assert hung_in_gaps(_page(wrap)) is None
    assert hung_in_gaps(_page(wrap), spare_first=True) is None


def _scored(monkeypatch: pytest.MonkeyPatch, scores: dict[str, tuple[int, ...]]) -> None:
    """Each drawing crosses, goes round (and puts siblings out of order) as ``scores`` say."""
    monkeypatch.setattr(pagetries, "all_crossings", lambda svg: scores[svg][0])
    monkeypatch.setattr(pagetries, "detours", lambda svg, across: scores[svg][1])

    def unordered(svg: str, *_: object) -> tuple[int, int]:
        return 0, scores[svg][2] if len(scores[svg]) > 2 else 0

    monkeypatch.setattr(pagetries, "misplaced", unordered)


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ((0, 1), (0, 0), "second"),  # no edge round a box now
        ((0, 1), (0, 1), "first"),  # as many: the first
        ((0, 1), (1, 0), "first"),  # a crossing is worse than an edge going round
        ((1, 1), (1, 0), "second"),  # as many crossings, fewer edges round
        ((1, 0), (1, 1), "first"),
        ((0, 0), (0, 0), "first"),  # neither: not drawn again
        ((0, 2), (0, 1, 1), "first"),  # a sibling out of file order: worse than a detour
        ((0, 1, 1), (0, 2), "second"),
    ],
)
def test_the_drawing_whose_edges_go_round_least_is_kept(
    monkeypatch: pytest.MonkeyPatch, first: tuple[int, ...], second: tuple[int, ...], kept: str
) -> None:
    _scored(monkeypatch, {"first": first, "second": second})
    page = _page(_wrap(ABC, ("x", "y", "z")))
    drafts = [Laid(PagePlan(page, 1, {}, 0), zlib.compress(b"first"), 100.0, 100.0)]
    asked: list[list[PagePlan]] = []

    def again(plans: list[PagePlan]) -> list[Laid]:
        asked.append(plans)
        return [Laid(p, zlib.compress(b"second"), 100.0, 100.0) for p in plans]

    premises = [{"id": n, "text": f"Premise {n}."} for n in "abcxyzuvw"]
    m = validate_data(
        {"title": "T", "thesis": {"id": "p", "text": "A thesis.", "premises": premises}}
    )
    out = fewer_crossings(m, drafts, again, page_budget(PAGE_SIZES["a4"]))
    assert zlib.decompress(out[0].packed).decode() == kept
    if first == (0, 0):
        assert not asked
    else:  # the last row in the gaps, the item left over at the end, then at the start
        assert [p.page for p in asked[0]] == [hung_in_gaps(page), hung_in_gaps(page, True)]


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_the_teaching_maps_objection_is_drawn_in_the_gap_beside_the_linked_group(
    direction: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hung under the linked group, its arrow went round the group's far side and along
    the top of the page to the thesis (A4, top down and bottom up). Its pages as planned:
    whole on one page, its arrow goes round the group's near end (see ``test_wholepage``;
    hung in the gap there, the page was 1,302 points wide, on a page of 1,095). Without
    the key's rows for stubs and breadcrumbs, which leave page 1 other branches; and with
    stubs that name no kind: wider, they put the objection's stub in a row of the
    thesis's children, none hung in the gap."""
    from argmap.exporters.diagram import wholepage

    monkeypatch.setattr(wholepage, "WHOLE_MOST", 0)
    without_key_marks(monkeypatch)
    without_stub_words(monkeypatch)
    m = load_map(UNIFORMS)
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    first = layout.pages[0]
    assert geometry.detours(first.svg) == 0  # 1 before
    assert geometry.all_crossings(first.svg) == 0
    holds = {h for w in first.plan.page.wraps for h in w.holds}
    assert {("expression", "stub cost"), ("expression", "bullying-clothes")} <= holds


def test_what_hangs_from_a_paged_conclusion_may_go_beside_the_breadcrumb() -> None:
    below = Wrap("below c1", (), (("c1o", "page trail"),), weight=10)
    rows = Wrap("c1o", (("c1oe",),), ())
    page = Page(2, ("t",), ("c1",), ("c1", "c1o", "c1oe"), wraps=(rows, below))
    out = beside_trail(page)
    assert out is not None
    assert out.wraps == (rows,)
    assert beside_trail(out) is None  # nothing below the breadcrumb: no other way


@pytest.mark.parametrize("fit", ["a4", "slide"])
@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_a_paged_conclusions_objection_is_drawn_beside_the_breadcrumb(
    fit: str, direction: str
) -> None:
    """Held below the breadcrumb (as on an upright page, where beside it is too wide),
    the objection's arrow went round the breadcrumb up to the conclusion."""
    m = load_map(BELOW)
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("c1",))
    assert geometry.detours(page.svg) == 0  # 1 before
    assert geometry.all_crossings(page.svg) == 0
    assert not [w for w in page.plan.page.wraps if w.parent.startswith("below ")]


@pytest.mark.parametrize("first", [False, True])
def test_what_hangs_from_a_paged_conclusion_may_go_beside_the_conclusion(first: bool) -> None:
    below = Wrap("below c1", (), (("c1o", "page trail"), ("stub c1p", "page trail")), weight=10)
    rows = Wrap("c1o", (("c1oe",),), ())
    page = Page(2, ("t",), ("c1",), ("c1", "c1o", "c1oe"), wraps=(rows, below))
    out = beside_conclusion(page, first=first)
    assert out is not None
    row = ("c1o", "stub c1p", "c1") if first else ("c1", "c1o", "stub c1p")
    assert out.wraps == (rows, Wrap("aside c1", (row,), ()))
    assert beside_conclusion(replace(page, wraps=(rows,))) is None


@pytest.mark.parametrize(
    ("fit", "row"), [("a4", "aside c0_1"), ("letter", "")]
)  # fmt: skip
@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_on_an_upright_page_a_conclusions_objection_goes_beside_it_where_it_fits(
    fit: str, row: str, direction: str
) -> None:
    """Beside the breadcrumb, too wide for upright A4; below it, the objection's arrow
    went round it (a random map's page). Beside the conclusion, it runs along its rank;
    on upright Letter, beside the breadcrumb fits."""
    m = load_map(UPRIGHT)
    options = RenderOptions(direction=direction, portrait=True)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("c0_1",))
    assert geometry.detours(page.svg) == 0  # 1 before
    assert geometry.all_crossings(page.svg) == 0
    assert [w.parent for w in page.plan.page.wraps] == ([row] if row else [])


def test_rows_below_a_linked_group_hang_from_the_boxes_beside_it() -> None:
    m = load_map(GROUPED)
    first = ("g1", "p3", "e1")  # g1 stands for the linked group's box
    wrap = _wrap(first, ("e2", "e3"))
    assert wrap.holds == (("e2", "g1"), ("e2", "p3"), ("e3", "p3"), ("e3", "e1"))
    nodes = ("r", "g1", "g2", "p3", "e1", "e2", "e3")
    page = Page(1, (), ("r",), nodes, wraps=(wrap,))
    out = clear_of_groups(m, page)
    assert out is not None
    assert out.wraps[0].holds == (("e2", "p3"), ("e3", "e1"))  # in the gap beside it
    alone = Page(1, (), ("r",), nodes, wraps=(_wrap(("g1",), ("e2", "e3")),))
    assert clear_of_groups(m, alone) is None  # no box beside the group: as it was
    stubbed = Page(1, (), ("r",), ("r", "p3", "e1", "e2", "e3"), wraps=(wrap,))
    assert clear_of_groups(m, stubbed) is None  # a stub of the group is one plain box


@pytest.mark.parametrize(
    ("above", "place"),
    [
        (("a", "G"), "z"),  # after every item of "a": the row's last
        (("G", "a"), "v"),
        (("a", "G", "b"), "x"),  # "a" holds v, "b" the rest: between, the middle
        (("a", "b", "G", "c", "d"), None),  # c holds the item after b's: none between
    ],
)
def test_a_linked_group_is_kept_in_its_place_by_an_item_between_its_neighbours(
    above: tuple[str, ...], place: str | None
) -> None:
    row = ("v", "w", "x", "y", "z")
    clear = [tuple(box for box in above if box != "G")]
    holds = leaf_holds(row, clear)
    assert group_places(row, above, {"G"}, holds) == ([(place, "G")] if place else [])
    assert group_places(row, above, set(), holds) == []
    assert group_places(row, ("G",), {"G"}, []) == []  # nothing beside it: left as it was


def test_a_linked_reason_among_the_thesiss_stubs_stays_in_file_order() -> None:
    """A worksheet's overview drew the thesis's linked reason in full among stubs, in the
    first of three rows. Hung below the group, the second row came out of order (an
    objection before a reason); hung from the stub beside it, nothing held the group,
    drawn before the first reason's stub (A4, both ways)."""
    m = load_map(AMONG_STUBS)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="place"))
    m, options = sheet.exercise, sheet.exercise_options
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    page = layout.pages[0]
    order = {node.id: i for i, node in enumerate(m.nodes)}
    assert "1.2" in page.plan.page.nodes  # the group drawn in full, among stubs
    assert geometry.misplaced(page.svg, order) == (0, 0)  # (0, 1) before
    boxes = geometry.boxes(page.svg)
    assert boxes["stub 1.1"].right < boxes["1.2"].left


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_evidence_below_a_linked_group_goes_up_beside_it(direction: str) -> None:
    """Hung below the group's box, the lower row's arrows went round its far side (the
    engine draws no edge through a group's box): two arrows round, on a slide."""
    m = load_map(GROUPED)
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    (page,) = layout.pages
    assert geometry.detours(page.svg) == 0  # 2 before
    assert geometry.all_crossings(page.svg) == 0
    holds = {h for w in page.plan.page.wraps for h in w.holds}
    assert not {("e2", "g1"), ("e3", "g1")} & holds


def test_the_layout_bench_counts_no_row_hung_in_gaps_on_purpose_as_a_staircase() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_layout import _in_gaps

    centred = _wrap(ABC, ("x", "y", "z"))
    assert not _in_gaps(centred, 1)
    hung = centred._replace(holds=tuple(gap_holds(("x", "y", "z"), (ABC,), False)))
    assert _in_gaps(hung, 1)
    assert not _in_gaps(hung, 0)
