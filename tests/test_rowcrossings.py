"""Tree edges of siblings wrapped into rows (and of linked groups in rows), as laid out."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.dot import quote
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.pageoverview import Around
from argmap.exporters.diagram.stacking import NODESEP, RANKSEP, TRAIL, Item
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions


def _wide(reasons: int, groups: int = 0) -> ArgumentMap:
    """A thesis with many short reasons, then linked groups of four long premises."""
    premises: list[dict[str, object]] = [
        {"id": f"p{i}", "text": f"Reason {i} for the thesis."} for i in range(reasons)
    ]
    for g in range(groups):
        members = [
            {
                "id": f"g{g}m{i}",
                "text": f"Linked premise {i} of group {g} holds only with the others. " * 2,
                "objections": [{"id": f"g{g}o{i}", "text": f"Premise {i} of {g} is doubtful."}],
            }
            for i in range(4)
        ]
        premises.append({"id": f"g{g}", "linked": members})
    thesis = {"id": "t", "text": "A thesis with many reasons.", "premises": premises}
    return validate_data({"title": "Wide", "thesis": thesis})


def _laid(m: ArgumentMap, fit: str, portrait: bool) -> Layout:
    options = RenderOptions(portrait=portrait)
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", True)])
def test_wrapped_rows_and_groups_keep_apart_the_edges_of_different_parents(
    fit: str, portrait: bool
) -> None:
    """No two tree edges between four different nodes cross, on any page; siblings stay in
    file order, beneath their parent."""
    m = _wide(24, groups=2)
    order = {node.id: i for i, node in enumerate(m.walk())}
    layout = _laid(m, fit, portrait)
    wraps = [wrap.parent for page in layout.pages for wrap in page.plan.page.wraps]
    assert wraps  # some siblings wrap into rows
    assert not portrait or any(parent.startswith("group ") for parent in wraps)  # a group too
    for page in layout.pages:
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
        assert geometry.misplaced(page.svg, order) == (0, 0), page.plan.page.number


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", False), ("a4", True)])
def test_edges_of_wrapped_rows_reach_their_parent_uncrossed(fit: str, portrait: bool) -> None:
    """Rows of siblings send their edges up past each other to the parent: none swaps
    sides with another on its way (curved, they bunched at the parent's corners: 13 such
    crossings on these slides, 6 on these landscape A4 pages)."""
    layout = _laid(_wide(30), fit, portrait)
    assert any(page.plan.page.wraps for page in layout.pages)
    for page in layout.pages:
        assert geometry.meeting_crossings(page.svg) == 0, page.plan.page.number


def test_a_slide_of_four_rows_of_three_has_no_crossing_edges() -> None:
    """Twelve reasons on a slide wrap into rows of three; their edges must not cross (beside
    the thesis, the taller key deepened its rank: the outer column's edges bent at one
    corner of the room below it and ran in together, 1 crossing)."""
    layout = _laid(_wide(12), "slide", False)
    assert len(layout.pages) == 1 and layout.pages[0].plan.page.wraps
    assert geometry.meeting_crossings(layout.pages[0].svg) == 0


def _meeting(layout: Layout) -> list[int]:
    return [geometry.meeting_crossings(page.svg) for page in layout.pages]


@pytest.mark.parametrize("reasons", [8, 10])
def test_rows_under_a_parent_fan_in_without_crossing(reasons: int) -> None:
    """The edges of the thesis's rows end at the middle of its foot, each on its own line
    (they bent at one corner of the room below it and ran in together: 1 and 3 crossings
    on these slides, the thesis beside the taller key)."""
    layout = _laid(_wide(reasons), "slide", False)
    assert layout.pages[0].plan.page.wraps
    assert _meeting(layout) == [0] * len(layout.pages)


@pytest.mark.parametrize("reasons", [12, 14, 16])
@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", False), ("a4", True)])
def test_the_key_stays_out_of_the_rank_of_a_thesis_with_rows(
    reasons: int, fit: str, portrait: bool
) -> None:
    """A thesis whose reasons wrap into rows does not have the key beside it: taller than
    the thesis, it deepened its rank, and the outer rows' edges crossed on their way in
    (1, 3 and 3 crossings on slides of 12, 14 and 16 reasons). The key goes below the
    drawing, or to a later page, as the planner counted it."""
    layout = _laid(_wide(reasons), fit, portrait)
    first = layout.pages[0].plan.page
    assert any(wrap.parent == "t" for wrap in first.wraps)
    assert first.key[0] != "same"
    assert _meeting(layout) == [0] * len(layout.pages)
    keyed = [page.plan.page.number for page in layout.pages if "legend key" in page.svg]
    assert keyed == [int(first.key[1]) if first.key[0] == "page" else 1]


def test_the_school_uniforms_slides_have_no_crossing_edges() -> None:
    """A reason's rows beside taller evidence, and a stub among them (1 crossing before)."""
    m = load_map(Path(__file__).resolve().parent.parent / "maps" / "school-uniforms.yaml")
    layout = _laid(m, "slide", False)
    assert any(page.plan.page.wraps for page in layout.pages)
    assert _meeting(layout) == [0] * len(layout.pages)


def test_undercutters_among_rows_end_where_their_siblings_edges_do() -> None:
    """All edges into a parent of rows end at one side of it: undercutters aimed at its
    centre crossed the others' on the way in (4 such crossings on slides of a generated
    map of 300 nodes with links). A premise continued on a page of its own: its
    undercutters aim at the junction on its arrow into the breadcrumb (see the next test),
    past its children's edges, which all end at its foot."""

    def premise(k: int) -> dict[str, object]:
        # Nine reasons: with ten, the page was within a point of the slide's height, and
        # whether the undercutters fitted beside the premise turned on that point.
        reasons = [
            {"id": f"r{k}-{i}", "text": f"Reason {i} for premise {k}, wrapped."} for i in range(9)
        ]
        doubts = [
            {
                "id": f"u{k}-{i}",
                "text": f"The step from premise {k} is weak {i}.",
                "undercut": True,
            }
            for i in range(2)
        ]
        return {"id": f"p{k}", "text": f"Premise {k}.", "premises": reasons, "objections": doubts}

    thesis = {"id": "t", "text": "A thesis.", "premises": [premise(k) for k in range(3)]}
    m = validate_data({"title": "Undercut", "thesis": thesis})
    page = _laid(m, "slide", False).pages[1]
    assert [wrap.parent for wrap in page.plan.page.wraps] == ["p0", "beside p0"]
    source = page.build().source
    edges = [line for line in source.splitlines() if "-> p0 " in line and "invis" not in line]
    assert len(edges) == 9 and all("headport=s" in line for line in edges), edges
    assert all(f'"u0-{i}" -> "junction p0"' in source for i in range(2))
    assert geometry.meeting_crossings(page.svg) == 0


def test_undercutters_of_a_tops_link_aim_at_the_junction_on_its_arrow_to_the_breadcrumb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Top down, a premise continued on a page of its own hangs from its parent's row of the
    breadcrumb: that arrow is its link, and its undercutters aim at a junction on it, as
    where the parent is drawn in full (drawn at its box, they read as attacks on its claim:
    the flagship's slide 2, the article's three alternative explanations). Its pages as
    planned: its ranks closer, the map fits one slide (see ``test_wholepage``)."""
    from argmap.exporters.diagram import wholepage

    monkeypatch.setattr(wholepage, "WHOLE_MOST", 0)
    reasons = [{"id": f"r{i}", "text": f"Reason {i} for the premise, wrapped."} for i in range(10)]
    doubts = [{"id": f"u{i}", "text": f"Weak step {i}.", "undercut": True} for i in range(2)]
    premise = {"id": "p0", "text": "Premise.", "premises": reasons, "objections": doubts}
    others = [{"id": f"q{k}", "text": f"Premise {k}.", "premises": reasons[:0]} for k in range(2)]
    thesis = {"id": "t", "text": "A thesis.", "premises": [premise, *others]}
    m = validate_data({"title": "Undercut", "thesis": thesis})
    for direction in ("TB", "BT"):
        options = RenderOptions(direction=direction)  # type: ignore[arg-type]
        layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
        pages = [page for page in layout.pages if "p0" in page.plan.page.tops]
        assert pages and all(page.plan.page.trail == ("t",) for page in pages)
        for page in pages:
            source = page.build().source
            assert f'"junction p0" -> {quote(TRAIL)}:r0' in source
            assert 'p0 -> "junction p0" [arrowhead=none' in source
            cutters = [u for u in ("u0", "u1") if u in page.plan.page.nodes]
            assert all(f'{u} -> "junction p0"' in source for u in cutters)
            svg = html.unescape(page.svg)
            assert "<title>junction p0</title>" in svg
            assert svg.count("<title>junction p0</title>") == 1


@pytest.mark.parametrize(
    ("direction", "side"), [("TB", "s"), ("BT", "n"), ("LR", "e"), ("RL", "w")]
)
def test_the_edges_of_rows_end_at_the_parents_side_towards_them(direction: str, side: str) -> None:
    """Top down, a parent's rows hang below it: their edges end at its foot; bottom up, at
    its head. Left to right, its columns stand to its right: they end at its right side
    (curved, they had no port, and those of the outer columns crossed at its corners)."""
    m = _wide(10)
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))  # type: ignore[arg-type]
    assert layout.pages[0].plan.page.wraps
    assert layout.pages[0].build().source.count(f"headport={side}") == 10


def test_the_planner_puts_the_key_beside_the_root_only_when_its_children_do_not_wrap() -> None:
    """Room to spare either way: the key goes beside a root of one row of children, and
    below the drawing (the lowest rank, or under everything) beside a root of rows."""
    around = Around(frozenset(), 0.0, (0.0, 0.0), None)
    args = (
        (400.0, 300.0),
        (2000.0, 2000.0),
        (150.0, 120.0),
        ("t", (120.0, 40.0), Item("t", 400.0, (40.0, 40.0), "p9")),
        "p9",
    )
    assert around.key(*args)[0] == ("same", "t")
    place, width, height = around.key(*args, wrapped=True)
    assert place[0] in ("bottom", "below")
    assert (width, height) in ((400.0 + NODESEP + 150.0, 380.0), (400.0, 300.0 + RANKSEP + 120.0))


def _fan(reasons: int, evidence: int) -> ArgumentMap:
    """A thesis with a few reasons, each with many pieces of evidence of two lines or more."""
    premises = [
        {
            "id": f"p{i}",
            "text": f"Reason {i} for the thesis, long enough to wrap onto two lines.",
            "evidence": [
                {"id": f"e{i}-{j}", "text": f"Evidence {j} for reason {i}, long enough to wrap."}
                for j in range(evidence)
            ],
        }
        for i in range(reasons)
    ]
    thesis = {"id": "t", "text": "A thesis.", "premises": premises}
    return validate_data({"title": "Fan", "thesis": thesis})


def _across(m: ArgumentMap, fit: str, direction: str) -> Layout:
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize("direction", ["LR", "RL"])
@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_wrapped_columns_reach_their_parent_uncrossed(fit: str, direction: str) -> None:
    """Left to right, a parent's many children wrap into columns; the edges of the outer
    columns pass the inner ones' gaps and end with theirs at the parent's near side,
    crossing none (curved, they looped round the inner boxes and crossed: 33 such
    crossings on these slides, 22 on these A4 pages)."""
    layout = _across(_fan(3, 12), fit, direction)
    columns = [w for page in layout.pages for w in page.plan.page.wraps if len(w.rows) > 1]
    assert any(w.parent.startswith("p") for w in columns)
    assert _meeting(layout) == [0] * len(layout.pages)


@pytest.mark.parametrize("direction", ["LR", "RL"])
@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_columns_of_tops_reach_the_breadcrumb_uncrossed(fit: str, direction: str) -> None:
    """Left to right, a continued page's tops wrap into columns beside the breadcrumb: their
    edges end at its near side, at their rows (aimed at a row's centre, those of the outer
    column met the box's top and foot across the inner ones': 4 crossings on these
    pages, left to right)."""
    layout = _across(_wide(30), fit, direction)
    assert any(w.parent == TRAIL and len(w.rows) > 1 for w in layout.pages[2].plan.page.wraps)
    assert _meeting(layout) == [0] * len(layout.pages)


@pytest.mark.parametrize(("direction", "corner"), [("LR", "se"), ("RL", "sw")])
def test_the_stub_of_the_siblings_after_ends_at_the_breadcrumbs_near_corner(
    direction: str, corner: str
) -> None:
    """The stub of the reasons that go on, last in the outer column, ends at the corner of
    the breadcrumb nearest it: right to left, it went under the box to its far corner."""
    pages = _across(_wide(30), "slide", direction).pages
    page = next(p for p in pages if p.plan.page.stubs and p.plan.page.stubs[-1].tops[0] == "p18")
    assert page.plan.page.trail and page.plan.page.stubs[-1].grouped
    edges = [line for line in page.build().source.splitlines() if "stub p18" in line]
    assert any(f"-> {quote(TRAIL)}:r0:{corner} " in line for line in edges), edges


def test_the_key_on_the_lowest_rank_takes_the_room_a_shorter_last_row_leaves() -> None:
    """The root's children wrapped in rows, the last row narrower than those above: the
    key sits at its end, within the drawing's width (ten statements on a slide: counted
    beside the widest row instead, the key pushed the last reason to a page of its own)."""
    around = Around(frozenset(), 0.0, (0.0, 0.0), None)
    room, legend = (2000.0, 2000.0), (150.0, 120.0)
    short = Item("t", 900.0, (40.0, 40.0, 40.0), "p9", 120.0, 900.0, 2, base=400.0)
    root = ("t", (120.0, 40.0), short)
    place, width, _ = around.key((900.0, 300.0), room, legend, root, "p9", wrapped=True)
    assert (place, width) == (("bottom", ""), 900.0), "250 pt to spare each side: room enough"
    full = short._replace(base=900.0)
    _, width, _ = around.key((900.0, 300.0), room, legend, ("t", (120.0, 40.0), full), "p9", True)
    assert width in (900.0 + NODESEP + 150.0, 900.0)  # beside the row, or under everything
    tight = short._replace(base=700.0)  # 100 pt each side: the key needs more
    _, width, _ = around.key((900.0, 300.0), room, legend, ("t", (120.0, 40.0), tight), "p9", True)
    assert width == pytest.approx(900.0 + NODESEP + 150.0 - 100.0)
