"""A deep chain of single children goes on in newspaper columns beside itself, not on pages."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.chaincols import (
    COLUMNS,
    GUTTER,
    Step,
    column_heads,
    folds,
    jump_attrs,
    tree_line,
)
from argmap.exporters.diagram.fitting import Layout
from argmap.exporters.diagram.stacking import NODESEP, Item
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from tests.conftest import CASES
from tests.test_pagefloor import _below_floor, _laid

THESIS = "Thesis statement number zero that is reasonably long for a claim."
PREMISE = "Premise {} supports the claim above it, with a sentence of ordinary length."


def _chain(
    depth: int,
    words: tuple[int, ...] = (),
    sides: Sequence[int] = (),
    rebutted: Sequence[int] = (),
) -> ArgumentMap:
    """A thesis and ``depth - 1`` premises, each supporting the one before.

    ``words``: each premise's length in words, in turn (default: the usual sentence);
    ``sides``: the premises that also have an objection (side parts of the chain);
    ``rebutted``: those of them whose objection has a rebuttal under it.
    """
    entry: dict[str, object] | None = None
    for i in range(depth - 1, 0, -1):
        text = PREMISE.format(i)
        if words:
            text = " ".join(["word"] * words[i % len(words)]) + f" {i}."
        node: dict[str, object] = {"id": f"n{i}", "text": text}
        if entry is not None:
            node["premises"] = [entry]
        if i in sides:
            side: dict[str, object] = {"id": f"o{i}", "text": f"An objection to {i}, a few words."}
            if i in rebutted:
                side["rebuttals"] = [{"id": f"r{i}", "text": f"A rebuttal of {i}'s objection."}]
            node["objections"] = [side]
        entry = node
    thesis: dict[str, object] = {"id": "n0", "text": THESIS}
    if entry is not None:
        thesis["premises"] = [entry]
    return validate_data({"title": "chain", "thesis": thesis})


def _check(m: ArgumentMap, layout: Layout) -> None:
    """Every node in full on one page, every page at the floor, no edges crossing."""
    homes = [node for page in layout.pages for node in page.plan.page.nodes]
    assert sorted(homes) == sorted(node.id for node in m.walk())
    assert _below_floor(layout) == []
    for page in layout.pages:
        svg = page.svg
        assert geometry.crossings(svg) == 0
        assert geometry.meeting_crossings(svg) == 0
        assert geometry.overlaps(svg) == 0


@pytest.mark.parametrize("fit", ["a4", "slide"])
@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_six_claim_chain_takes_one_landscape_page(fit: str, direction: str) -> None:
    """It took two: four claims down the middle, and a page for the last one."""
    m = _chain(6)
    layout = _laid(m, fit, False, direction)
    assert len(layout.pages) == 1
    _check(m, layout)
    wraps = [w for w in layout.pages[0].plan.page.wraps if w.parent == COLUMNS]
    assert [w.rows for w in wraps] == [(("n0", "n3"),)]


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_a_chain_that_fits_down_the_middle_goes_in_columns_where_they_show_it_larger(
    fit: str,
) -> None:
    """Five claims fit down the middle of a landscape page, its height, shown at 0.92 of
    their size on A4 (0.83 on a slide), the page's sides blank; in two columns, 1.33."""
    m = _chain(5)
    layout = _laid(m, fit, False)
    assert len(layout.pages) == 1
    _check(m, layout)
    wraps = [w for w in layout.pages[0].plan.page.wraps if w.parent == COLUMNS]
    assert [w.rows for w in wraps] == [(("n0", "n3"),)]
    assert layout.scale(layout.pages[0]) > 1.2


@pytest.mark.parametrize(("fit", "most"), [("a4", 2), ("slide", 2)])
def test_a_twenty_claim_chain_fills_the_pages_width(fit: str, most: int) -> None:
    """Five pages of four claims became two, in columns side by side."""
    m = _chain(20)
    layout = _laid(m, fit, False)
    assert len(layout.pages) <= most
    _check(m, layout)
    first = layout.pages[0].plan.page
    assert len(first.nodes) >= 11 and len(column_heads(first.wraps)) >= 2  # three columns
    # The columns read in order: each head's link to the last box of the column before.
    heads = column_heads(first.wraps)
    svg = layout.pages[0].svg
    boxes = geometry.boxes(svg)
    for head in heads:
        parent = str(int(head[1:]) - 1)
        assert boxes[head].top < boxes[f"n{parent}"].top  # up to the next column's top
        assert boxes[head].left > boxes[f"n{parent}"].right  # to its right


def test_a_chain_on_an_upright_page_stays_one_column() -> None:
    """An upright A4 page is too narrow for two columns at the floor: as before (two
    pages; three while page 1's key explaining the stubs and breadcrumbs left the last
    claim alone on a page, till a lone page's statement went back to its stub's page)."""
    layout = _laid(_chain(10), "a4", True)
    assert all(not column_heads(page.plan.page.wraps) for page in layout.pages)
    assert len(layout.pages) == 2


def test_a_five_thousand_deep_chain_takes_a_quarter_of_the_pages() -> None:
    """1,250 A4 pages of four claims each before; at least twelve a page now."""
    m = _chain(5000)
    layout = _laid(m, "a4", False)
    assert len(layout.pages) <= 5000 // 12
    assert _below_floor(layout) == []


@pytest.mark.parametrize(("fit", "direction", "most"), [("slide", "TB", 5), ("slide", "LR", 5)])
def test_a_chain_with_side_parts_goes_on_in_columns_too(
    fit: str, direction: str, most: int
) -> None:
    """A premise with an objection beside its own premise: the objection stays with it.

    Thirty claims and nine objections took eight slides, either way.
    """
    m = _chain(30, sides=(1, 2, 3, 5, 8, 13, 21, 22, 23))
    layout = _laid(m, "slide", False, direction)
    assert len(layout.pages) <= 5
    _check(m, layout)
    folded = [p.plan.page for p in layout.pages if column_heads(p.plan.page.wraps)]
    assert any(node.startswith("o") for page in folded for node in page.nodes)


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_a_columns_side_parts_stay_out_of_the_way_to_the_next_column(fit: str) -> None:
    """The tester's car-free debate: a chain of objections and rebuttals, a rebuttal beside
    each of the first column's boxes on the next column's side. The link from the second
    column's head ran out past them, across the page, to the last box of the first; they
    now sit on its other side, and the link runs down the gutter, no box between."""
    m = load_map(CASES / "dust-chain.yaml")
    layout = _laid(m, fit, False)
    _check(m, layout)
    jumps = 0
    for page in layout.pages:
        boxes = geometry.boxes(page.svg)
        for head in column_heads(page.plan.page.wraps):
            parent = boxes[m.get(head).parent or ""]
            between = [
                name
                for name, box in boxes.items()
                if box.left > parent.right and box.right < boxes[head].left
            ]
            assert between == [], (head, between)
            jumps += 1
    assert jumps >= 1


def _marks(svg: str) -> list[geometry.Box]:
    """The boxes a label worksheet draws on its arrows, to mark + or −."""
    out = []
    for kind, _, start, stop in geometry.groups(svg):
        if kind != "edge":
            continue
        for points in re.findall(r'<polygon fill="none"[^>]*points="([^"]*)"', svg[start:stop]):
            xs, ys = zip(*(map(float, p.split(",")) for p in points.split()), strict=True)
            out.append(geometry.Box(min(xs), min(ys), max(xs), max(ys)))
    return out


def _box(name: str, width: float = 200.0, height: float = 60.0) -> Item:
    return Item(name, width, (height,), name)


def _steps(items: list[Item], sides: dict[int, Item] | None = None) -> list[Step]:
    """A chain's steps: each box, and below it the next (then side part ``sides[i]``)."""
    sides = sides or {}
    kids = [(nxt, *([sides[i]] if i in sides else [])) for i, nxt in enumerate(items[1:])]
    return [Step(item, row) for item, row in zip(items, [*kids, ()], strict=True)]


def test_folds_are_even_and_leave_no_stub_heading_a_column() -> None:
    items = [_box(f"n{i}") for i in range(6)] + [_box("stub n6", 120.0, 40.0)]
    made = list(folds(_steps(items), 2000.0, GUTTER[0]))
    columns = [fold.rows[0] for _, fold in made]
    # Seven boxes: 4 + 3, then 3 + 2 + 2; a fourth column would leave a stub alone.
    assert columns == [("n0", "n4"), ("n0", "n3", "n5")]
    two, three = (item for item, _ in made)
    assert two.ranks == (60.0,) * 4 and two.width == 400.0 + GUTTER[0]
    assert three.ranks == (60.0,) * 3 and three.deepest == "n2"
    # Each column's boxes held in line; no wider than the room given.
    assert made[0][1].holds == (
        ("n1", "n0"),
        ("n2", "n1"),
        ("n3", "n2"),
        ("n5", "n4"),
        ("stub n6", "n5"),
    )
    narrow = folds(_steps(items), 400.0 + GUTTER[0], GUTTER[0])
    assert [fold.rows for _, fold in narrow] == [(("n0", "n4"),)]


def test_a_side_part_stays_by_its_box_and_never_after_a_columns_last() -> None:
    items = [_box(f"n{i}") for i in range(6)]
    side = _box("o", 100.0, 80.0)
    # n0's objection, after n1 in its row: the column holds n1 with it sticking out, on
    # the side away from the next column (a row of the wrap), so the link from the next
    # column's head runs down the gutter beside n1 to n2. On the near side, the link ran
    # out past it, a column's width across the page (the tester's car-free debate).
    made = list(folds(_steps(items, {0: side}), 2000.0, GUTTER[0]))
    item, wrap = made[0]
    assert wrap.rows == (("n0", "n3"), ("o", "n1")) and item.ranks == (60.0, 80.0, 60.0)
    assert item.width == pytest.approx(100.0 + (200.0 + NODESEP) + GUTTER[0] + 200.0)
    # n1's objection, after n2: a column ending at n2 links to the next from n2's side the
    # objection is on (it would cross the objection's link), so the objection goes before
    # n2 there (a second row of the wrap); 3 + 3 (it was 2 + 2 + 2).
    made = list(folds(_steps(items, {1: side}), 2000.0, GUTTER[0]))
    item, wrap = made[0]
    assert wrap.rows == (("n0", "n3"), ("o", "n2")) and item.ranks == (60.0, 60.0, 80.0)
    assert item.width == pytest.approx(300.0 + NODESEP + 200.0 + GUTTER[0])


def test_a_side_part_two_boxes_deep_stays_by_its_box_its_second_box_under_it() -> None:
    """An objection with a rebuttal under it: a chain of such side parts was not folded."""
    items = [_box(f"n{i}") for i in range(6)]
    side = Item("o", 100.0, (80.0, 50.0), "r")  # the objection, and its rebuttal below
    made = list(folds(_steps(items, {0: side}), 2000.0, GUTTER[0]))
    item, wrap = made[0]
    # 3 + 3: the objection goes before n1, away from the next column, the rebuttal under
    # it beside n2, the column's last box (on the next column's side, it kept the columns
    # from ending at n2: 2 + 2 + 2).
    assert wrap.rows == (("n0", "n3"), ("o", "n1"))
    assert item.ranks == (60.0, 80.0, 60.0) and item.deepest == "n2"
    assert item.width == pytest.approx(100.0 + NODESEP + 2 * 200.0 + GUTTER[0])


def test_a_side_part_three_boxes_deep_goes_below_a_columns_last_box() -> None:
    """A rebuttal's objection with a rebuttal under it, beside a chain's second claim: a
    column ending at that claim has a rank below its rows where no box ends (the side
    part's second box), and planning it raised IndexError (a car-free debate cut down,
    on Letter and upright A4: no page at all)."""
    items = [_box(f"n{i}") for i in range(6)]
    side = Item("o", 100.0, (80.0, 50.0, 50.0), "r2")  # objection, rebuttal, objection
    made = list(folds(_steps(items, {0: side}), 2000.0, GUTTER[0]))
    item, wrap = made[0]
    assert wrap.rows == (("n0", "n3"), ("o", "n1"))
    assert item.ranks == (60.0, 80.0, 60.0, 50.0) and item.deepest == "r2"
    item, wrap = made[1]
    assert wrap.rows == (("n0", "n2", "n4"), ("o", "n1")) and item.deepest == "r2"


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_chain_whose_objections_have_rebuttals_goes_on_in_columns(direction: str) -> None:
    """A premise's objection with a rebuttal under it ended the columns: five slides."""
    m = _chain(20, sides=(2, 5, 9, 14), rebutted=(2, 5, 9, 14))
    layout = _laid(m, "slide", False, direction)
    assert len(layout.pages) <= 4
    _check(m, layout)
    folded = [p.plan.page for p in layout.pages if column_heads(p.plan.page.wraps)]
    assert any(node.startswith("r") for page in folded for node in page.nodes)


@settings(max_examples=20, deadline=None)
@given(
    depth=st.integers(min_value=3, max_value=24),
    words=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=5),
    sides=st.sets(st.integers(min_value=1, max_value=23), max_size=6),
    rebutted=st.sets(st.integers(min_value=1, max_value=23), max_size=6),
    fit=st.sampled_from(["a4", "slide"]),
    direction=st.sampled_from(["TB", "LR"]),
)
def test_any_chain_in_columns_keeps_every_node_the_floor_and_no_crossings(
    depth: int, words: list[int], sides: set[int], rebutted: set[int], fit: str, direction: str
) -> None:
    m = _chain(depth, tuple(words), sorted(sides), sorted(rebutted & sides))
    _check(m, _laid(m, fit, False, direction))


def test_a_jump_is_written_back_with_its_worksheet_box_by_the_head() -> None:
    """Written from the parent, the arrowhead is the tail's, the marking box the head's."""
    attrs = {"arrowhead": "normal", "taillabel": "box", **jump_attrs("TB")}
    line = tree_line("n4", "n3", attrs)
    assert line.lstrip().startswith("n3 -> n4")
    assert "arrowtail=normal" in line and "headlabel=box" in line and "headport=sw" in line
    assert "taillabel" not in line
    assert tree_line("n4", "n3", {"arrowhead": "tee"}).lstrip().startswith("n4 -> n3")


@pytest.mark.parametrize("direction", ["tb", "lr"])
def test_a_label_worksheet_of_a_chain_in_columns_keeps_its_boxes_clear(
    direction: str, tmp_path: Path
) -> None:
    """Each arrow's box to mark sits on its arrow, clear of the boxes it joins."""
    source = tmp_path / "chain.json"
    source.write_text(json.dumps(_chain(12).model_dump(mode="json", exclude_none=True)))
    args = ["render", str(source), "-f", "svg", "--fit", "slide", "--exercise", "label"]
    result = CliRunner().invoke(main, [*args, "--direction", direction, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "chain.exercise.svg").read_text(encoding="utf-8")
    assert "headlabel" not in svg and svg.count("<svg") == 1  # one page
    assert geometry.crossings(svg) == 0 and geometry.overlaps(svg) == 0
    marks = _marks(svg)
    boxes = geometry.boxes(svg).values()
    assert len(marks) == 11 and not any(m.overlaps(b) for m in marks for b in boxes)
