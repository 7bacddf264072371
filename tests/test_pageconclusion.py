"""A conclusion's branch drawn apart from page 1: planned as a branch's page, at the floor."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from argmap.analysis.view import draw_kind, visible_nodes
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.drawn import split_above
from argmap.exporters.diagram.measure import box_size
from argmap.exporters.diagram.pagefill import Pager
from argmap.exporters.diagram.pagesize import PAGE_SIZES, page_budget
from argmap.exporters.diagram.pagetrail import in_column
from argmap.exporters.diagram.pagetrailsize import TRAIL_ROW
from argmap.exporters.diagram.stacking import RANKSEP, TRAIL
from argmap.exporters.diagram.trailcuts import hung_tops, undercutters
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Node, NodeKind
from argmap.options import RenderOptions
from tests.conftest import MAPS, without_steps, without_stub_words
from tests.test_pagefloor import _below_floor, _big_conclusions, _box, _laid, _objected_group


def _branch(m: ArgumentMap, top: str) -> list[str]:
    """The ids of a conclusion's branch drawn apart from page 1, the conclusion first."""
    _, above = split_above(m, [n.id for n in visible_nodes(m, RenderOptions())])
    nodes: list[str] = []
    for node_id in above:
        if node_id == top or m.get(node_id).parent in nodes:
            nodes.append(node_id)
    return nodes


def test_a_conclusions_page_is_planned_as_a_branch_page_not_the_overview() -> None:
    """Its estimate holds the breadcrumb up to the root (one row), and no key."""
    m = _big_conclusions()
    budget = page_budget(PAGE_SIZES["a4"].turned(True))

    def measure(node: Node) -> tuple[float, float]:
        return box_size(m, node, draw_kind(m, node), show_quote=True)

    nodes = _branch(m, "c1")
    bare = Pager(m, nodes, measure, budget)
    bare.key_away = True  # the overview's estimate without its key: the drawing alone
    drawing = bare.estimate([("c1",)], {"c1"}, None, {"c1": 0})
    overview = Pager(m, nodes, measure, budget).estimate([("c1",)], {"c1"}, None, {"c1": 0})
    assert overview.height > drawing.height, "the overview makes room for its key"
    branch = Pager(m, nodes, measure, budget, lead=("t",))
    page = branch.estimate([("c1",)], {"c1"}, None, {"c1": 0})
    assert page.key == ("", "")
    assert page.height == pytest.approx(drawing.height + TRAIL_ROW + 14 + RANKSEP)
    # Deeper pages count the root's row too, as drawn (see conclusionpages.branch_pages).
    assert branch.trail_of("u0") == ("c1",)
    assert branch.estimate([("u0",)], {"u0"}).height == pytest.approx(
        bare.estimate([("u0",)], {"u0"}).height + TRAIL_ROW
    )


@pytest.mark.parametrize(
    ("fit", "portrait", "direction"),
    [("slide", True, "LR"), ("a4", True, "LR"), ("letter", True, "LR"), ("slide", False, "LR")],
)
def test_a_large_branch_under_a_conclusion_drawn_left_to_right_is_at_the_floor(
    fit: str, portrait: bool, direction: str
) -> None:
    """Upright slides drawn left to right are narrower, at the floor, than a conclusion
    and its breadcrumb side by side: the breadcrumb goes in the conclusion's column."""
    m = _big_conclusions()
    layout = _laid(m, fit, portrait, direction)
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))
    if (fit, portrait) != ("slide", True):
        return
    for top in ("c0", "c1"):
        home = next(page for page in layout.pages if page.plan.page.tops == (top,))
        assert in_column(home.plan), f"{top}'s breadcrumb in its column"
        trail, box = _box(home.svg, "trail"), _box(home.svg, f"node-{top}")
        assert trail[3] <= box[1], "above the conclusion"
        assert trail[0] < box[2] and box[0] < trail[2], "in the conclusion's column"


def _stub_heads(svg: str) -> dict[str, str]:
    """Each stub's edge in a page's SVG: the stub's name -> where its arrow ends (the node,
    without the side of it the edge ends at, if it names one: ``cc:s``)."""
    titles = re.findall(r"<title>(stub [^<]*?)->([^<]*)</title>", html.unescape(svg))
    return {stub: head.split(":")[0] for stub, head in titles}


@pytest.mark.parametrize(
    ("name", "fit", "portrait", "direction"),
    [
        ("big", "a4", True, "TB"),
        ("big", "slide", True, "LR"),
        ("big", "slide", False, "TB"),
        ("big", "a4", True, "LR"),
        ("big", "letter", False, "LR"),
    ],
)
def test_a_stub_of_undercutters_aims_at_the_junction_of_the_step(
    name: str, fit: str, portrait: bool, direction: str
) -> None:
    """Drawn in full, an undercutter of a conclusion's step aims at the step's junction;
    its stub, on a page that draws the step, aims there too, not at the conclusion. (The
    flagship drawn upright left to right had such stubs; its conclusions' pages now draw
    their undercutters in full, planned back from pages of their own.)"""
    m = _big_conclusions() if name == "big" else load_map(MAPS / f"{name}.yaml")
    layout = _laid(m, fit, portrait, direction)
    checked = 0
    for laid in layout.pages:
        page = laid.plan.page
        heads = _stub_heads(laid.svg)
        for stub in page.stubs:
            parent = m.get(stub.parent)
            cutters = undercutters(m, stub)
            if parent.kind is not NodeKind.CONCLUSION or stub.parent not in page.nodes:
                continue
            if m.get(stub.tops[0]).relation is None:  # a conclusion's, drawn from it
                continue
            expected = f"junction {stub.parent}" if cutters else stub.parent
            assert heads[stub.name] == expected, (page.number, stub.name)
            checked += cutters
    assert checked > 0, "some stub of undercutters was checked"


@pytest.mark.parametrize(("fit", "portrait"), [("a4", False), ("slide", False)])
def test_a_stub_of_a_premises_undercutters_aims_at_the_junction_of_its_link(
    fit: str, portrait: bool
) -> None:
    """Drawn in full, an undercutter of a premise's inference aims at the junction on the
    premise's arrow to its parent; its stub does too where the page draws that arrow (the
    premise's parent on the page, or its row of the breadcrumb, the premise a top), and at
    the premise's box where it does not."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, fit, portrait)
    checked = 0
    for laid in layout.pages:
        page = laid.plan.page
        heads = _stub_heads(laid.svg)
        junctions = set(re.findall(r"<title>(junction [^<]*)</title>", html.unescape(laid.svg)))
        for stub in page.stubs:
            premise = m.get(stub.parent)
            cutters = undercutters(m, stub)
            if not cutters or premise.kind is NodeKind.CONCLUSION or premise.parent is None:
                continue
            # A page hangs its tops from the breadcrumb by arrows that are their links;
            # undercutters the planner put beside a top, or held below one of several,
            # aim at a junction on it.
            marks = {wrap.parent for wrap in page.wraps}
            placed = {f"beside {premise.id}", f"under {premise.id}"} & marks
            hung = premise.parent in page.trail and premise.id in page.tops and bool(placed)
            assert hung == (premise.id in hung_tops(m, laid.plan)), (page.number, premise.id)
            if premise.parent not in page.nodes and not hung:  # no arrow drawn: the box
                assert heads[stub.name] == stub.parent, (page.number, stub.name)
                continue
            link = {f"junction {premise.id}"} | {f"junction group {premise.group}"} - {
                "junction group None"
            }
            assert heads[stub.name] in link & junctions, (page.number, stub.name)
            checked += 1
    assert checked > 0, "some stub of a premise's undercutters was checked"


@pytest.mark.parametrize(("fit", "portrait"), [("a4", True), ("letter", True), ("slide", False)])
def test_on_a_conclusions_page_what_bears_on_it_is_below_and_what_it_leads_to_above(
    fit: str, portrait: bool
) -> None:
    """Top-down, a conclusion drawn in turn from the page's conclusion (or its stub) sits
    above it, at the end of a "so" arrow; its objections' stubs below it, not in one row
    with the other (which put an objection above what it objects to), below the
    breadcrumb or, where that fits, beside it (held below it, their arrows went round the
    breadcrumb up to the conclusion)."""
    m = _big_conclusions()
    layout = _laid(m, fit, portrait)
    home = next(page for page in layout.pages if page.plan.page.tops == ("c0",))
    names = {stub.tops[0]: stub.name for stub in home.plan.page.stubs}
    assert {"ob", "cc"} <= names.keys() | set(home.plan.page.nodes)
    svg = home.svg
    conclusion = _box(svg, "node-c0")

    def box(node_id: str) -> tuple[float, float, float, float]:
        if node_id in names:
            index = [s.name for s in home.plan.page.stubs].index(names[node_id]) + 1
            return _box(svg, f"stub-{index}")
        return _box(svg, f"node-{node_id}")

    assert box("cc")[3] <= conclusion[1], "the conclusion drawn from it above it"
    assert box("ob")[1] >= conclusion[3], "the objection below it"
    objection, trail = box("ob"), _box(svg, "trail")
    below = objection[1] >= trail[3]
    aside = objection[2] <= trail[0] or objection[0] >= trail[2]
    assert below or aside, "below its breadcrumb, or beside it"
    assert geometry.detours(svg) == 0, "no arrow goes round the breadcrumb"


@pytest.mark.parametrize(
    ("fit", "direction"), [(f, d) for f in ("slide", "a4", "letter") for d in ("TB", "LR")]
)
def test_a_conclusion_whose_objection_reaches_deep_goes_apart_from_the_overview(
    fit: str, direction: str
) -> None:
    """What bears on a conclusion hangs below the root's rank, beside the root's branches:
    the overview counts how deep it reaches (an objection backed by a linked group of
    objected premises, answered), so the conclusion goes on a page of its own when the
    overview would otherwise fall under the floor (left to right it was at 0.67-0.74)."""
    m = _objected_group(3, "conclusion")
    layout = _laid(m, fit, False, direction)
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


def _undercut_twice() -> ArgumentMap:
    """A conclusion undercut six times, and one drawn from it in turn, undercut once."""
    cutters = [
        {
            "id": f"u{i}",
            "text": f"Undercutter {i} " + "of the step " * (3 + 2 * (i % 3)),
            "undercut": True,
        }
        for i in range(6)
    ]
    turned = {
        "id": "cc",
        "text": "A conclusion drawn in turn " + "from the first conclusion " * 4,
        "objections": [{"id": "ccu", "text": "This step does not hold " * 2, "undercut": True}],
    }
    thesis = {
        "id": "t",
        "text": "The thesis, from which conclusions are drawn.",
        "premises": [{"id": "r", "text": "A reason for the thesis."}],
        "conclusions": [
            {
                "id": "c",
                "text": "A conclusion drawn from the thesis " + "and undercut " * 4,
                "objections": cutters,
                "conclusions": [turned],
            }
        ],
    }
    return validate_data({"title": "undercut twice", "thesis": thesis})


@pytest.mark.parametrize(("fit", "portrait"), [("slide", True), ("a4", True), ("letter", True)])
def test_a_conclusion_drawn_in_turn_on_a_page_of_its_own_is_at_the_floor(
    fit: str, portrait: bool
) -> None:
    """Top-down, on the pages of a paged conclusion's branch, the undercutters of a top's
    step hang below the breadcrumb, as planned: beside the junction, with the breadcrumb
    under it, they made a page wider than planned (0.9 of the floor on upright slides)."""
    m = _undercut_twice()
    layout = _laid(m, fit, portrait)
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))
    # Drawn in full, or as its stub where the page is tight (upright slides): either way
    # at the junction on the step it undercuts, once.
    aims = re.compile(r"<title>(stub )?ccu&#45;&gt;junction cc</title>")
    junctions = [len(aims.findall(page.svg)) for page in layout.pages]
    assert sum(junctions) == 1, "the undercutter aims at the step's junction"


def _chains() -> ArgumentMap:
    """A thesis with four chains of conclusions, each step undercut: pages of chains."""
    thesis: dict[str, object] = {"id": "t", "text": "A thesis.", "conclusions": []}
    for c in range(4):
        upper: dict[str, object] = thesis
        for depth in range(4):
            conclusion = {
                "id": f"c{c}-{depth}",
                "text": f"Conclusion {depth} of chain {c}, drawn from the one before it.",
                "objections": [{"id": f"u{c}-{depth}", "text": "A doubt.", "undercut": True}],
            }
            upper.setdefault("conclusions", []).append(conclusion)  # type: ignore[union-attr]
            upper = conclusion
    return validate_data({"title": "Chains", "thesis": thesis})


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_a_conclusions_step_leaves_the_breadcrumbs_row_that_faces_it(direction: str) -> None:
    """A page of conclusions drawn from a breadcrumb's row has them on the root's other
    side: top down, its rows go up the tree, so that row faces them and the step leaves
    it straight. Listed down the tree, the row lay at the box's foot: the step ran along
    the foot and up the box's side (4 of these 9 landscape A4 pages; bottom to top, the
    tops under the root hung above, rows up the tree, the same)."""
    layout = _laid(_chains(), "a4", False, direction)
    seen = 0
    for page in layout.pages:
        svg = page.svg
        trail = geometry.boxes(svg).get(TRAIL)
        for kind, _, start, stop in geometry.groups(svg):
            title = re.search(r"<title>(.*?)</title>", svg[start:stop])
            if kind != "edge" or title is None or not title.group(1).startswith(f"{TRAIL}:r"):
                continue
            seen += 1
            path = re.search(r'<path\b[^>]*?\bd="([^"]*)"', svg[start:stop])
            assert path is not None and trail is not None
            inside = [y for x, y in geometry.curve(path.group(1)) if trail.left < x < trail.right]
            if direction == "TB":
                assert max(inside) <= trail.top + 20, page.plan.page.number
            else:
                assert min(inside) >= trail.bottom - 20, page.plan.page.number
    assert seen > 5


CASES = Path(__file__).parent / "cases" / "pagefloor"


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_steps_from_two_rows_of_the_breadcrumb_do_not_cross(direction: str) -> None:
    """A page can continue conclusions drawn from two rows of its breadcrumb. The step
    from the row that does not face them left the box at whichever side the engine chose,
    and crossed the other's on the way up to its junction: it now leaves from the side
    its conclusion sits towards in the planner's row. (On a slide: on A4 the two
    conclusions, with what bears on them beside their steps, no longer fit one page.)"""
    m = load_map(CASES / "conclusions-drawn-from-two-rows.yaml")
    layout = _laid(m, "slide", False, direction)
    two = [
        page
        for page in layout.pages
        if len(re.findall(rf"{TRAIL}:[\w:]+&#45;&gt;junction", page.svg)) >= 2
    ]
    assert two
    assert [page.plan.page.number for page in two if geometry.all_crossings(page.svg)] == []


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_what_bears_on_two_conclusions_of_a_page_goes_beside_their_steps(direction: str) -> None:
    """What bears on a continued conclusion goes below the breadcrumb when the page is
    that conclusion's alone. On an A4 page of two, the first conclusion's undercutter
    and objection went below it too, the second's beside its step: the objection's arrow
    went up round the breadcrumb across the second conclusion's "so" arrow (three
    crossings). Each conclusion's now go beside its step, or the conclusions get a page
    each."""
    m = load_map(CASES / "conclusions-drawn-from-two-rows.yaml")
    layout = _laid(m, "a4", False, direction)
    crossed = [page.plan.page.number for page in layout.pages if geometry.all_crossings(page.svg)]
    assert crossed == []
    for page in layout.pages:
        tops = page.plan.page.tops
        hung = [w for w in page.plan.page.wraps if w.parent.startswith("below ")]
        assert not (len(tops) > 1 and hung), page.plan.page.number


def _ranks(source: str) -> list[set[str]]:
    """The names in each ``rank=same`` block of a DOT source."""
    blocks = re.findall(r"\{\s*rank=same\n(.*?)\}", source, re.S)
    return [{name.strip().strip('"') for name in block.splitlines()} for block in blocks]


def test_a_step_along_a_rank_has_its_word_placed_once_laid_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Left to right, the breadcrumb sits in the rank of a step's junction: the "so"
    arrow between them runs along the rank. Labelled there, the engine failed to lay
    the page out; its word is an ``xlabel`` (placed once laid out), and every step
    across ranks keeps its label. (With stubs that name no kind: the case was made for
    those plans, and with the wider stubs no page draws a step across ranks.)"""
    without_stub_words(monkeypatch)
    m = load_map(CASES / "conclusions-undercut-beside-breadcrumb.yaml")
    layout = _laid(m, "letter", False, "LR")
    seen = {True: 0, False: 0}
    for page in layout.pages:
        source = page.graph.source
        ranks = _ranks(source)
        for line in source.splitlines():
            step = re.match(rf'\s*"{TRAIL}":r\d+ -> "(junction [^"]+)"', line)
            if step is None:
                continue
            along = any({TRAIL, step.group(1)} <= rank for rank in ranks)
            seen[along] += 1
            labels = re.findall(r"[\[ ](x?label)=so", line)
            assert labels == (["xlabel"] if along else ["label"])
    assert seen[True] >= 1 and seen[False] >= 1


def test_a_conclusion_alone_in_its_column_has_its_conclusions_stubs_below_it() -> None:
    """Left to right on an upright page, a conclusion paged apart holds the breadcrumb
    and the step's junction above it in its column; the stub of a conclusion drawn from
    it goes below it there, as the overview's go in the root's column (before it, with
    the undercutter's stub in the column after, the page was a stub wider than planned:
    0.86 of the floor). The step comes straight down into the conclusion's top."""
    m = load_map(CASES / "conclusion-paged-with-its-conclusions.yaml")
    layout = _laid(m, "a4", True, "LR")
    assert _below_floor(layout) == []
    page = next(p for p in layout.pages if p.plan.page.tops == ("c1",))
    assert in_column(page.plan)
    boxes = geometry.boxes(page.svg)
    conclusion, stub = boxes["c1"], boxes["stub c2"]
    assert stub.top >= conclusion.bottom, "below it"
    assert stub.left < (conclusion.left + conclusion.right) / 2 < stub.right, "in its column"
    source = page.graph.source
    step = next(
        line for line in source.splitlines() if line.lstrip().startswith('"junction c1" -> c1')
    )
    assert "tailport=s" in step and "headport=n" in step


def test_left_to_right_a_step_from_a_conclusion_leaves_the_breadcrumbs_rank() -> None:
    """Left to right, a step from the breadcrumb runs along its rank: the junction goes
    in the breadcrumb's column, its undercutters with it. A step from a conclusion on
    the page was held there too: its conclusion went to the far side of the page, its
    source to the breadcrumb's other side (the arrows back to it crossed three times).
    Each conclusion now sits beyond the one it is drawn from."""
    m = load_map(CASES / "conclusions-drawn-on-from-a-shared-page.yaml")
    layout = _laid(m, "a4", False, "LR")
    (page,) = [laid for laid in layout.pages if "c0_1c1_0" in laid.plan.page.nodes]
    found = geometry.boxes(page.svg)
    assert found["c0_1c1_0"].right < found["junction c0_1c1_0"].left
    assert found["junction c0_1c1_0"].right < found["c0_1"].left
    assert found["c0_1"].right < found[TRAIL].left


def _undercut(node_id: str, text: str, says: str) -> dict[str, object]:
    """A map entry whose link to its parent is undercut (by ``u`` + its id)."""
    cutter = {"id": f"u{node_id}", "text": says, "undercut": True}
    return {"id": node_id, "text": text, "objections": [cutter]}


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_conclusions_drawn_from_one_claim_sit_level_with_an_undercut_one(fit: str) -> None:
    """An undercut step runs through its junction, a rank of its own: its conclusion sat
    a rank above another drawn from the same claim, whose arrow went up between the
    undercutter and the junction, and the overview counted the two rows apart, each
    with room for a step: a map of seven boxes took two slides. The other step's arrow
    spans the junction's rank too now, and the conclusions sit level."""
    m = validate_data(
        {
            "title": "Level",
            "thesis": {
                "id": "t",
                "text": "The thesis holds here.",
                "premises": [
                    _undercut("a", "Reason A for it.", "A does not lead there."),
                    {"id": "b", "text": "Reason B for it."},
                ],
                "conclusions": [
                    _undercut("c1", "So one thing follows.", "It does not follow."),
                    {"id": "c2", "text": "So another thing follows."},
                ],
            },
        }
    )
    layout = _laid(m, fit, False, "TB")
    (page,) = layout.pages
    found = geometry.boxes(page.svg)
    middle = {c: (found[c].top + found[c].bottom) / 2 for c in ("c1", "c2")}
    assert abs(middle["c1"] - middle["c2"]) < 1
    assert found["junction c1"].top > found["c1"].bottom
    # The "so" arrows cross nothing (the tree's own edges aside).
    assert geometry.all_crossings(page.svg) == geometry.all_crossings(without_steps(page.svg))


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_the_steps_of_a_page_of_several_conclusions_are_held_in_order(direction: str) -> None:
    """A continued page of two conclusions, each step undercut, held each undercutter
    beside its own junction only: the engine put the first step's junction at the
    page's edge, both undercutters between the junctions, and their arrows crossed on
    their way (a crossing and two more before they met). The steps are held left to
    right in one row, as on a shared page, each undercutter before its junction."""
    m = load_map(CASES / "conclusions-continued-two-undercut-steps.yaml")
    layout = _laid(m, "a4", False, direction)
    (page,) = [p for p in layout.pages if p.plan.page.tops == ("c01c10c20", "c01c10c21")]
    found = geometry.boxes(page.svg)
    first, second = found["junction c01c10c20"], found["junction c01c10c21"]
    assert found["c01c10c20u"].right < first.left
    assert first.right < found["c01c10c21u"].left
    assert found["c01c10c21u"].right < second.left
    assert [p.plan.page.number for p in layout.pages if geometry.all_crossings(p.svg)] == []


def test_a_step_undercut_by_a_stub_alone_is_held_in_order_with_the_others() -> None:
    """A continued A4 page of two conclusions: the first step's undercutter drawn beside
    its junction, the second's a stub. Only the first had a row of its own, so the steps
    were not held in order at all, and the engine put the second conclusion's objection
    between its step's junction and the stub: the stub's arrow up to the junction and
    the "so" arrow crossed the objection's (a random map's page, two crossings; cut
    down, one). The second step's junction is held in the row too, after the first's."""
    m = load_map(CASES / "conclusions-step-undercut-by-stub.yaml")
    layout = _laid(m, "a4", False, "TB")
    (page,) = [p for p in layout.pages if p.plan.page.tops == ("c00c10", "c00c11")]
    steps = [w.rows for w in page.plan.page.wraps if w.parent == "steps c00c10"]
    source = page.graph.source
    assert steps == [(("c00c10u", "junction c00c10", "junction c00c11"),)]
    assert '"junction c00c10" -> "junction c00c11" [style=invis]' in source
    found = geometry.boxes(page.svg)
    assert found["junction c00c10"].right < found["junction c00c11"].left
    assert [p.plan.page.number for p in layout.pages if geometry.all_crossings(p.svg)] == []


def test_left_to_right_a_conclusion_of_an_undercut_step_is_not_held_by_its_source() -> None:
    """Left to right, the planner holds a conclusion drawn from a node of the page in the
    column of that node's children. A step an undercutter targets runs through its
    junction, a rank of its own: held in the column, the conclusion pulled the junction
    beside it, out past the other boxes, and the arrows ran back across them (ten
    crossings on one A4 page). Such a conclusion is let go: it sits beyond its junction."""
    m = load_map(CASES / "conclusions-undercut-steps-drawn-on.yaml")
    layout = _laid(m, "a4", False, "LR")
    (page,) = [p for p in layout.pages if "c01c10" in p.plan.page.nodes]
    found = geometry.boxes(page.svg)
    for conclusion in ("c01c10", "c01c11"):
        junction = found[f"junction {conclusion}"]
        assert found[conclusion].right < junction.left < junction.right < found["c01"].left
    assert geometry.all_crossings(page.svg) == 0
