"""Undercutters of a continued branch's link: a junction on its arrow, they beside its top."""

from __future__ import annotations

import html

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry, leafhome
from argmap.exporters.diagram.cutplaces import split_beside
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.stacking import Item
from argmap.exporters.diagram.trailcuts import WORDED, beside_cutters, hung_tops
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import Relation
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS, without_key_marks, without_stub_words


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_the_flagships_alternative_explanations_sit_beside_the_reason_they_undercut(
    direction: str,
) -> None:
    """Slide 2 continues the reason 'Russia is playing its own game'; the article's three
    alternative explanations undercut its step to the thesis. Held among its children,
    their arrows went round the whole branch to the junction; beside the reason, a rank
    below the junction, each reaches it straight, crossing nothing."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("russias-korean-game",))
    cutters = [n.id for n in m.children("russias-korean-game") if n.relation is Relation.UNDERCUTS]
    names = beside_cutters(page.plan)
    assert len(names) == len(cutters) == 3
    svg = page.svg
    found = geometry.boxes(svg)
    top = found["russias-korean-game"]
    for name in names:  # on the reason's rank, not below it
        box = found[name]
        assert box.top < top.bottom and box.bottom > top.top, name
    source = page.graph.source
    for name in names:
        assert f'"{name}" -> "junction russias-korean-game"' in source or (
            f'{name} -> "junction russias-korean-game"' in source
        )
        assert f"{name} -> russias-korean-game [style=invis]" not in source
    assert "<title>junction russias-korean-game</title>" in html.unescape(svg)
    assert geometry.crossings(svg) == 0
    assert geometry.through_boxes(svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


def test_a_continued_tops_undercutters_are_shared_between_its_sides() -> None:
    """All on its left, the engine centred the top's rows under it, and they reached past
    the page's right side (the flagship's A4 page 2: 1,111 points wide, planned at 985,
    and planned again with them among its children, aiming at its box)."""

    def items(*widths: float) -> list[Item]:
        return [Item(f"u{k}", width, (40.0,), f"u{k}") for k, width in enumerate(widths)]

    row, width = split_beside("t", (250, 985), items(183, 160, 178), 25)
    assert row == ("u0", "t", "u1", "u2")  # 208 | 388 is nearer than 393 | 203
    assert width == 985  # the rows are wider than the top and its undercutters
    assert split_beside("t", (250, 300), items(100, 100), 25) == (("u0", "t", "u1"), 500)
    assert split_beside("t", (250, 300), items(100), 25) == (("u0", "t"), 375)  # a tie: left
    assert split_beside("t", (250, 300), items(100, 400), 25)[0] == ("u0", "t", "u1")
    assert split_beside("t", (250, 300), items(400, 100, 100), 25)[0] == ("u0", "t", "u1", "u2")


def test_the_flagships_a4_page_2_draws_the_undercutters_either_side_of_the_reason() -> None:
    """On A4 the three undercutters of 'Russia is playing its own game' fit beside it only
    shared between its two sides: one on its left, two on its right, each aiming straight
    at the junction on its arrow into the breadcrumb, on a page within its budget."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("russias-korean-game",))
    names = beside_cutters(page.plan)
    assert len(names) == 3
    found = geometry.boxes(page.svg)
    top = found["russias-korean-game"]
    left = [name for name in names if found[name].right <= top.left]
    right = [name for name in names if found[name].left >= top.right]
    assert left == list(names[:1]) and right == list(names[1:])
    source = page.graph.source
    for name in names:
        assert f'"{name}" -> "junction russias-korean-game"' in source
    assert geometry.crossings(page.svg) == 0
    assert geometry.through_boxes(page.svg) == 0
    assert layout.budget.holds(page.width, page.height)
    assert layout.scale(page) >= layout.budget.scale - 1e-9


def test_the_rows_under_a_top_with_undercutters_beside_it_are_held_as_they_are_drawn() -> None:
    """The planner counts the undercutters among the top's rows too; drawn beside it, they
    leave the rows shorter. Each item of a shorter later row hangs in a gap of the row
    above, so its arrow runs up that gap: held below the box the undercutters' places had
    been counted under, the flagship's slide 2 drew its last row's arrows round the row."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("russias-korean-game",))
    beside = set(beside_cutters(page.plan))
    assert beside
    planned = next(w for w in page.plan.page.wraps if w.parent == "russias-korean-game")
    rows = [[n for n in row if n not in beside] for row in planned.rows]
    rows = [row for row in rows if row]
    assert len(rows) == 2 and len(rows[1]) < len(rows[0])
    source = page.graph.source
    for item in rows[1]:  # held by the two neighbouring boxes of the row above
        anchors = [i for i, box in enumerate(rows[0]) if _holds(source, item, box)]
        assert len(anchors) == 2 and anchors[1] == anchors[0] + 1, (item, anchors)
    assert geometry.crossings(page.svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


def _holds(source: str, item: str, anchor: str) -> bool:
    """Whether the DOT holds ``item`` below ``anchor`` (an invisible edge between them)."""
    quoted = [f'"{name}"' if not name.isidentifier() else name for name in (item, anchor)]
    return f"{quoted[0]} -> {quoted[1]} [style=invis]" in source


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_with_no_room_beside_the_top_an_undercutter_sits_at_the_junctions_rank(
    direction: str,
) -> None:
    """Upright, the reason 'Forecast' and its undercutter do not fit side by side: among
    the reason's children, the undercutter aimed at its box, which any reader takes for an
    attack on its claim. Now it sits on the rank of the junction on the reason's arrow
    into the breadcrumb, to its left, and aims across at it."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(portrait=True, direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("crimea-adds-momentum",))
    (name,) = beside_cutters(page.plan)
    source = page.graph.source
    assert f'"{name}" -> "junction crimea-adds-momentum"' in source
    found = geometry.boxes(page.svg)
    top, cutter = found["crimea-adds-momentum"], found[name]
    assert cutter.right <= top.right and not cutter.overlaps(top)
    if direction == "TB":  # on the junction's rank, above the reason
        assert cutter.bottom < top.top
    else:
        assert cutter.top > top.bottom
    assert geometry.crossings(page.svg) == 0 and geometry.through_boxes(page.svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


@pytest.mark.parametrize(("fit", "portrait"), [("slide", True), ("slide", False), ("a4", True)])
def test_undercutters_with_no_room_beside_the_top_aim_at_its_arrow(
    fit: str, portrait: bool
) -> None:
    """Where a reason and its undercutter do not fit side by side (an upright slide), the
    undercutter stays among the reason's children and aims at the junction on its arrow
    into the breadcrumb, drawn above the reason or beside it, where the page fits; at its
    box (read as an attack on the reason) only where neither fits, as before."""
    thesis = {
        "id": "t",
        "text": "A thesis whose steps are undercut.",
        "premises": [
            {
                "id": f"p{k}",
                "text": f"Premise {k}, whose step to the thesis a reviewer doubts, at length.",
                "premises": [{"id": f"s{k}-{i}", "text": f"Support {i}."} for i in range(4)],
                "objections": [
                    {
                        "id": f"u{k}",
                        "text": f"The step from premise {k} to the thesis does not follow.",
                        "undercut": True,
                        "objections": [{"id": f"r{k}", "text": "It does.", "undercut": True}],
                    }
                ],
            }
            for k in range(3)
        ],
    }
    m = validate_data({"title": "Undercut", "thesis": thesis})
    options = RenderOptions(portrait=portrait)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    assert all(layout.scale(p) >= layout.budget.scale - 1e-9 for p in layout.pages)
    if (fit, portrait) == ("slide", True):
        assert len(layout.pages) == 4
    for page in layout.pages:
        tops = page.plan.page.tops
        if len(tops) != 1 or not tops[0].startswith("p"):
            continue
        top, names = tops[0], beside_cutters(page.plan)
        source = page.graph.source
        found = geometry.boxes(page.svg)
        if names:  # beside the top, aiming at the junction
            assert f'"junction {top}"' in source
            assert all(found[name].top < found[top].bottom for name in names)
        else:  # among its children, aiming at the junction on its arrow all the same
            cutter = f"u{top[1:]}"
            if cutter in page.plan.page.nodes:
                assert found[cutter].top > found[top].bottom
                # Undercut in its turn (by r), through a junction of its own on the way.
                head = f'"junction {top}"' if page.plan.cut_way < WORDED else top
                through = f'"junction {cutter}" -> {head}'
                assert f"{cutter} -> {head}" in source or through in source


def _aims_at(source: str, name: str, junction: str) -> bool:
    """Whether the DOT draws an edge from ``name`` to the junction of ``junction``."""
    return _edge(source, name, f"junction {junction}")


def _edge(source: str, tail: str, head: str) -> bool:
    """Whether the DOT draws an edge ``tail -> head`` (each name quoted or not; not a hold)."""
    ends = [f"{a} -> {b} " for a in (tail, f'"{tail}"') for b in (head, f'"{head}"')]
    lines = source.splitlines()
    return any(line.strip().startswith(tuple(ends)) and "invis" not in line for line in lines)


@pytest.mark.parametrize("fit", ["slide", "a4", "letter"])
def test_an_undercut_top_among_several_keeps_its_undercutter_below_aiming_at_its_arrow(
    fit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of several tops (the flagship's evidence for 'Russia is playing its own
    game', continued) drew the rouble condition among the trade protocol's children, its
    arrow into the protocol's box, which reads as an attack on the report. It stays
    below the protocol (beside it, it made the page hold fewer tops), and its arrow
    goes up past the protocol's side to the junction on the protocol's arrow into the
    breadcrumb; the tops keep file order. (On A4 and Letter the page holds two tops now:
    a third, a leaf, is drawn beside its parent on the page of its stub. On Letter with
    stubs that name no kind: with the wider stubs the page holds three tops in one row
    and the rouble condition beside the protocol, uncrossed, on a plan this does not check.)"""
    if fit == "letter":
        without_stub_words(monkeypatch)
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    (page,) = [p for p in layout.pages if "galushka-trade-protocol" in p.plan.page.tops]
    tops = page.plan.page.tops
    assert len(tops) >= 2
    assert "under galushka-trade-protocol" in {w.parent for w in page.plan.page.wraps}
    assert "galushka-trade-protocol" in hung_tops(m, page.plan)
    source = page.graph.source
    assert _aims_at(source, "trade-in-rubles", "galushka-trade-protocol")
    assert not _edge(source, "trade-in-rubles", "galushka-trade-protocol")
    found = geometry.boxes(page.svg)
    cutter, top = found["trade-in-rubles"], found["galushka-trade-protocol"]
    assert cutter.top > top.bottom  # below the protocol, not beside it
    lefts = [found[t].left for t in tops if t in found]
    assert lefts == sorted(lefts)  # the tops keep file order
    assert geometry.crossings(page.svg) == 0 and geometry.through_boxes(page.svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


def test_a_linked_groups_undercutters_aim_at_the_junction_on_its_one_arrow() -> None:
    """The linked reason 'part of its own pivot' + 'an anti-American gambit' continues on
    a slide of its own; each member's undercutter attacks the group's one step to the
    thesis. Drawn under the members, they aimed at each member's box; now they aim at
    the junction on its arrow into the breadcrumb, as the whole map's drawing does:
    beside the group's box where the planner has the room, else from among its children
    (slide 3, the group one of three tops)."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    members = ("korea-policy-part-of-pivot", "pivot-anti-american-gambit")
    page = next(p for p in layout.pages if set(members) <= set(p.plan.page.tops))
    group = m.get(members[0]).group
    assert group is not None and m.get(members[1]).group == group
    names = ("pivot-has-own-aims", "pivot-circle")
    source = page.graph.source
    found = geometry.boxes(page.svg)
    for name in names:
        assert _aims_at(source, name, f"group {group}"), name
        if name in beside_cutters(page.plan):  # beside the group, not under it
            assert found[name].top < found[members[0]].bottom
    assert not any(_edge(source, name, member) for name in names for member in members)
    assert geometry.crossings(page.svg) == 0 and geometry.through_boxes(page.svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


def _evidence(k: int, i: int) -> dict[str, object]:
    """Report ``i`` on reason ``k``: undercut (every third), one also objected to."""
    entry: dict[str, object] = {"id": f"e{k}-{i}", "text": f"Report {i} on reason {k}, at length."}
    if i % 3 == 1:
        cut = {
            "id": f"u{k}-{i}",
            "text": f"Report {i} does not bear on reason {k}.",
            "undercut": True,
        }
        entry["objections"] = [cut]
    if i == 4:  # an objection too: its undercutter stays at its box
        doubt = {"id": f"o{k}-{i}", "text": f"Report {i} is doubted by its own source."}
        entry["objections"] = [*entry["objections"], doubt]  # type: ignore[misc]
    return entry


@pytest.mark.parametrize("fit", ["slide", "a4", "a4-portrait", "letter"])
def test_undercut_tops_aim_at_their_junction(fit: str) -> None:
    """Reasons with seven reports each, every third undercut: the reports continue on pages
    of several tops. On those, a report whose only child is its undercutter keeps it
    below and it aims at the junction on the report's arrow into the breadcrumb (the
    report in the tops' first row), or beside it where the page has the room; a report
    with an objection as well keeps it beside it (room) or among its children, never
    below, and it aims at the junction all the same (at its box only where no junction
    fits the page). No tree edges cross and every page is at the floor."""
    thesis = {
        "id": "t",
        "text": "A thesis with several reasons.",
        "premises": [
            {
                "id": f"r{k}",
                "text": f"Reason {k} for the thesis, stated at some length.",
                "evidence": [_evidence(k, i) for i in range(7)],
            }
            for k in range(4)
        ],
    }
    m = validate_data({"title": "Reports", "thesis": thesis})
    paper, *turn = fit.split("-")
    options = RenderOptions(portrait=bool(turn))
    layout = lay_out(m, analyze(m), options, paper, find_engine("auto"))  # type: ignore[arg-type]
    seen = {"under": 0, "beside": 0, "at its box": 0}
    for page in layout.pages:
        plan = page.plan.page
        source = page.graph.source
        marks = {w.parent for w in plan.wraps}
        for top in plan.tops:
            cutter = f"u{top[1:]}"
            if not top.startswith("e") or cutter not in plan.nodes or len(plan.tops) < 2:
                continue
            at_junction = _aims_at(source, cutter, top)
            placed = {f"under {top}", f"beside {top}"} & marks
            assert at_junction == (bool(placed) or page.plan.cut_way < WORDED), plan.number
            assert at_junction != _edge(source, cutter, top)
            if top.endswith("-4"):  # the report with an objection too: never below
                assert f"under {top}" not in marks, (plan.number, cutter)
            seen["at its box" if not placed else placed.pop().split()[0]] += 1
        assert geometry.crossings(page.svg) == 0, plan.number
        assert layout.scale(page) >= layout.budget.scale - 1e-9
    # Upright A4 stacks these tops one below the other: no report with an undercutter
    # comes first, and below a later one its arrow would pass the tops above.
    assert bool(seen["under"] + seen["beside"]) == (fit != "a4-portrait"), seen


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_with_no_room_beside_or_above_a_lone_top_keeps_its_undercutter_below(
    direction: str,
) -> None:
    """On an upright slide the reason 'Forecast' and its undercutter fit neither side by
    side nor on the junction's rank; among its children, the undercutter aimed at its
    box. Its only child, it stays below it and its arrow goes up past the reason's side
    to the junction on the reason's arrow into the breadcrumb."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(portrait=True, direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("crimea-adds-momentum",))
    assert "under crimea-adds-momentum" in {w.parent for w in page.plan.page.wraps}
    assert beside_cutters(page.plan) == ()
    source = page.graph.source
    assert _aims_at(source, "rapprochement-predates-crimea", "crimea-adds-momentum")
    found = geometry.boxes(page.svg)
    top, cutter = found["crimea-adds-momentum"], found["rapprochement-predates-crimea"]
    if direction == "TB":  # below the reason, as its child
        assert cutter.top > top.bottom
    else:
        assert cutter.bottom < top.top
    assert geometry.crossings(page.svg) == 0 and geometry.through_boxes(page.svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9


@pytest.mark.parametrize("fit", ["a4", "a3"])
def test_a_page_with_room_draws_an_undercutter_beside_its_top_among_several(fit: str) -> None:
    """The debt write-off's report and the Reuters report share an A4 page with room to
    spare: the undercutter of the write-off's step (the 2012 agreement, with its own
    evidence below it) sits beside the report and aims at the junction on the report's
    arrow, where it aimed at the report's box; the tops keep file order."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    (page,) = [p for p in layout.pages if "debt-write-off-nknews" in p.plan.page.tops]
    tops = page.plan.page.tops
    assert len(tops) > 1
    assert beside_cutters(page.plan) == ("debt-settled-in-2012",)
    source = page.graph.source
    assert _aims_at(source, "debt-settled-in-2012", "debt-write-off-nknews")
    assert not _edge(source, "debt-settled-in-2012", "debt-write-off-nknews")
    found = geometry.boxes(page.svg)
    cutter, top = found["debt-settled-in-2012"], found["debt-write-off-nknews"]
    assert cutter.top < top.bottom and cutter.bottom > top.top  # on the report's rank
    lefts = [found[t].left for t in tops if t in found]
    assert lefts == sorted(lefts)
    assert geometry.crossings(page.svg) == 0 and geometry.through_boxes(page.svg) == 0
    assert layout.budget.holds(page.width, page.height)


JUNCTION_ORDER = CASES / "trailcuts" / "junction-order.json"
"""A map cut from one of the random maps the sweeps generate, down to what makes its page."""


@pytest.mark.parametrize("direction", ["TB", "BT"])
def test_a_junction_keeps_its_place_among_the_tops_arrows(
    direction: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four tops in a row, the first a piece of evidence whose three undercutters hang below
    it: the engine set the junction on its arrow after the other tops' arrows, at the far
    side of the page, and the arrow crossed three of them to reach it. The breadcrumb now
    takes its tops' arrows in their row's order. (Without the leaves drawn beside their
    parent once the pages are laid out: the three tops after the first, leaves, go there;
    and without the key's rows for stubs and breadcrumbs, which put the four on two pages.)"""
    monkeypatch.setattr(leafhome, "LEAF_WAVES", 0)
    without_key_marks(monkeypatch)
    m = load_map(JUNCTION_ORDER)
    options = RenderOptions(direction=direction)
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    (page,) = [p for p in layout.pages if "n66" in p.plan.page.tops]
    assert page.plan.page.tops == ("n66", "n70", "n72", "n73")
    assert any(wrap.parent == "under n66" for wrap in page.plan.page.wraps)
    assert all(geometry.crossings(p.svg) == 0 for p in layout.pages)
    assert "ordering=in" in page.graph.source


def test_an_undercut_undercutter_atop_a_page_aims_at_the_breadcrumbs_link() -> None:
    """An undercutter continued on a page of its own, with its own undercutter: its arrow
    went through its junction (where the other cuts it) on to the breadcrumb's row of the
    objection whose link it undercuts, ending there with a bar: it read as an attack on
    the objection's claim. It now goes on to the junction on the link between that row
    and the thesis's, drawn from the rows' side, as a top's arrow that is not undercut."""
    m = load_map(CASES / "smallmaps" / "undercut-of-an-undercut-continued.json")
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    page = next(p for p in layout.pages if p.plan.page.tops == ("U",))
    assert page.plan.page.trail == ("T", "O")
    source = page.graph.source
    assert _edge(source, "U", "junction U") and _edge(source, "U2", "junction U")
    assert _edge(source, "junction U", "junction trail O")
    assert not any(
        line.strip().startswith('"junction U" -> "page trail"') for line in source.splitlines()
    )
    assert '"junction trail O" -> "page trail":r1' in source
    assert '"junction trail O" -> "page trail":r0' in source
    assert geometry.overlaps(page.svg) == 0
    assert layout.scale(page) >= layout.budget.scale - 1e-9
