"""A node with more branches than its page has stubs for names both sides: for and against."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.paging import Page, paginate
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Relation
from argmap.options import RenderOptions
from tests.test_paging import _check, _measure

AGAINST = (Relation.ATTACKS, Relation.UNDERCUTS)


def _debate(reasons: int, objections: int) -> ArgumentMap:
    """A pro/con debate as Kialo shapes one: many claims each side, each with a branch."""

    def claim(side: str, i: int, key: str) -> dict[str, object]:
        below = [
            {"id": f"{side}{i}-{j}", "text": f"Why {side} {i} holds, point {j}."} for j in range(2)
        ]
        return {"id": f"{side}{i}", "text": f"Claim {i} {side} the motion " * 3, key: below}

    thesis = {
        "id": "t",
        "text": "Schools should require uniforms.",
        "premises": [claim("pro", i, "premises") for i in range(reasons)],
        "objections": [claim("con", i, "rebuttals") for i in range(objections)],
    }
    return validate_data({"title": "Uniforms debate", "thesis": thesis})


def _against(m: ArgumentMap, node_id: str) -> bool:
    return m.get(node_id).relation in AGAINST


def _sides(m: ArgumentMap, page: Page) -> tuple[list[bool], list[bool]]:
    """The sides (True: against) of the page's single stubs and of its grouped stubs."""
    single = [_against(m, s.tops[0]) for s in page.stubs if not s.grouped and s.parent == "t"]
    grouped = []
    for stub in page.stubs:
        if stub.grouped and stub.parent == "t":
            sides = {_against(m, top) for top in stub.tops}
            assert len(sides) == 1, "a grouped stub holds one side"
            grouped.append(sides.pop())
    return single, grouped


def _paged(reasons: int, objections: int) -> tuple[ArgumentMap, list[Page]]:
    """The debate paged on a small slide's budget, every page checked."""
    m = _debate(reasons, objections)
    budget = Budget(900.0, 480.0, 1.0)
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    _check(m, pages, budget)
    return m, pages


def test_the_overview_of_a_debate_names_its_objections() -> None:
    """Fifteen reasons and twelve objections, more than page 1 has stubs for: the stubs
    went to the reasons, in file order, and every objection was counted in a grey
    '1 more reason, 12 more objections' stub with a supporting arrow. Now the sides
    share the stubs in proportion, and each side's others get a grouped stub of their own."""
    m, pages = _paged(15, 12)
    single, grouped = _sides(m, pages[0])
    assert grouped == [False, True], "a grouped stub for each side, reasons first"
    assert single.count(True) >= 3 and single.count(False) >= 3
    # In proportion: the objections' share of the single stubs is about theirs of the branches.
    assert abs(single.count(True) / len(single) - 12 / 27) < 0.2
    # Each side's grouped branches go on together, on pages of their own side.
    for page in pages[1:]:
        if m.get(page.tops[0]).parent == "t" and len(page.tops) > 1:
            assert len({_against(m, top) for top in page.tops}) == 1, page.tops


def test_one_side_keeps_one_grouped_stub() -> None:
    """Forty reasons and no objection: the reasons left out share one grouped stub."""
    m, pages = _paged(40, 0)
    single, grouped = _sides(m, pages[0])
    assert grouped == [False] and single and not any(single)


def test_a_lone_objection_left_out_keeps_a_stub_of_its_own() -> None:
    """Thirty reasons and one objection: the objection is not counted among the reasons."""
    m, pages = _paged(30, 1)
    single, grouped = _sides(m, pages[0])
    assert single.count(True) == 1 and grouped == [False]


def _laid(m: ArgumentMap, fit: str, portrait: bool) -> Layout:
    options = RenderOptions(portrait=portrait)
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", True)])
def test_the_objections_stub_is_drawn_as_an_objection(fit: str, portrait: bool) -> None:
    """As drawn: the objections' grouped stub has an objection's class and colours, and
    its arrow is an attack's (red), not the reasons' green one."""
    m = _debate(15, 12)
    layout = _laid(m, fit, portrait)
    assert all(layout.scale(page) >= layout.budget.scale - 1e-9 for page in layout.pages)
    svg = layout.pages[0].svg
    stubs = re.findall(r'<g id="stub&#45;\d+" class="node stub (\w+)"', svg)
    assert "objection" in stubs and "premise" in stubs, stubs
    edges = re.findall(r'class="edge (\w+)">\n<title>stub (con|pro)\d+&#45;&gt;', svg)
    assert {kind for kind, side in edges if side == "con"} == {"attacks"}, edges
    assert {kind for kind, side in edges if side == "pro"} == {"supports"}, edges
    counted = re.findall(r"\d+ more objections?</text>", svg)
    assert counted and not re.search(r"more reasons?,", svg), "no stub counts both sides"


def test_a_label_worksheet_does_not_tell_the_sides_by_its_stubs() -> None:
    """A label worksheet asks which statements are reasons and which objections: its
    grouped stubs keep one for all (a stub of the objections would give the answer)."""
    from argmap.exercise import make_worksheet
    from argmap.exporters.diagram.fitting import lay_out as lay

    m = _debate(15, 12)
    opts = RenderOptions(exercise=True, exercise_kind="label", fit="slide")
    sheet = make_worksheet(m, opts)
    layout = lay(
        sheet.exercise,
        analyze(sheet.exercise),
        sheet.exercise_options,
        "slide",
        find_engine("auto"),
    )
    shown = sheet.exercise
    stubs = [s for s in layout.pages[0].plan.page.stubs if s.parent == shown.thesis.id]
    grouped = [s for s in stubs if s.grouped]
    assert len(grouped) == 1, "one grouped stub for all the thesis's branches left out"
    assert {_against(shown, top) for top in grouped[0].tops} == {False, True}
    drawing = re.sub(r'<g id="legend".*?</g>', "", layout.pages[0].svg, flags=re.S)
    assert "objection" not in drawing.lower()  # but in the instructions, naming every kind


def _flat(reasons: int, objections: int) -> ArgumentMap:
    """A thesis with a flat list of single reasons and objections, of two lengths."""
    why = "pupils learn more through play and rest after a long school day "
    but = "practice at home consolidates what was taught "
    thesis = {
        "id": "t",
        "text": "Homework should be abolished in primary schools.",
        "premises": [
            {"id": f"r{i}", "text": f"Reason {i}: " + why * (1 + i % 2)} for i in range(reasons)
        ],
        "objections": [
            {"id": f"o{i}", "text": f"Objection {i}: " + but * (1 + i % 2)}
            for i in range(objections)
        ],
    }
    return validate_data({"title": "Flat list", "thesis": thesis})


def test_a_flat_list_of_both_sides_is_drawn_not_stubbed() -> None:
    """Thirteen reasons and four objections, all single statements, on slides: page 1 was
    seventeen stubs that only repeated their statements, shortened (a flat list of one
    kind was drawn in full already; of two, the stubs stayed, so that an objection was not
    counted among the reasons). Each side now has its own grouped stub: page 1 draws the
    objections and the first reasons in full, and one stub of the reasons left over."""
    m = _flat(13, 4)
    layout = _laid(m, "slide", False)
    assert len(layout.pages) == 2
    first = layout.pages[0].plan.page
    assert {f"o{i}" for i in range(4)} <= set(first.nodes)
    assert {"r0", "r1"} <= set(first.nodes)
    assert [s.grouped for s in first.stubs] == [True]
    assert all(not _against(m, top) for top in first.stubs[0].tops)
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in m.walk())


def _ragged(reasons: int) -> ArgumentMap:
    """A thesis with a flat list of single reasons, from a few words long to four lines."""
    sentence = (
        "homework crowds out play, sleep and family time that young children need to grow, "
        "and most studies find little gain in learning before secondary school"
    )
    words = sentence.split()
    premises = [
        {"id": f"r{i}", "text": f"Reason {i}: " + " ".join(words[: 5 + (i * 7) % 18])}
        for i in range(reasons)
    ]
    thesis = {"id": "t", "text": "Homework should be abolished in primary schools."}
    return validate_data({"title": "Flat list", "thesis": {**thesis, "premises": premises}})


def test_a_flat_list_whose_stubs_fit_is_drawn_in_full_in_file_order() -> None:
    """Fourteen reasons, all single statements, on a slide: a stub each fitted page 1, so
    it drew nine in full among five stubs that only repeated theirs, shortened (reasons 3,
    4, 7, 11 and 12 on page 2). Drawn in full where they fit and grouped where they do not,
    page 1 now holds the first reasons, in file order, and one stub of the others."""
    m = _ragged(14)
    layout = _laid(m, "slide", False)
    first = layout.pages[0].plan.page
    reasons = [node_id for node_id in first.nodes if node_id != "t"]
    assert reasons == [f"r{i}" for i in range(len(reasons))], "a prefix, in file order"
    assert len(reasons) > 9
    assert [(s.grouped, s.tops) for s in first.stubs] == [
        (True, tuple(f"r{i}" for i in range(len(reasons), 14)))
    ]
    assert all(layout.scale(page) >= layout.budget.scale - 1e-9 for page in layout.pages)
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in m.walk())


def test_the_last_sibling_to_go_on_is_named_not_counted() -> None:
    """The stub of the siblings that go on to the next page, when only one is left, was
    '1 more reason · 1 node in all, from p. 3'; it shows that reason's statement, in its
    colours, as any stub of one branch does."""
    m = _flat(11, 4)
    layout = _laid(m, "a4", False)
    lone = [
        (page, stub)
        for page in layout.pages
        for stub in page.plan.page.stubs
        if stub.grouped and len(stub.tops) == 1
    ]
    assert lone, "the map no longer leaves one sibling to go on: find one that does"
    for page, stub in lone:
        assert stub.single
        assert not re.search(r"1 more (reason|objection)", page.svg)
        box = re.search(r'class="node stub (\w+)">\n<title>' + stub.name, page.svg)
        assert box is not None and box.group(1) in ("premise", "objection")
        assert f">{' '.join(m.get(stub.tops[0]).text.split()[:2])}" in page.svg
