"""Pages of a diagram: every node drawn once, stubs point to their pages, each page fits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from argmap.exporters.diagram.pageestimate import Estimate
from argmap.exporters.diagram.pagesize import (
    PAGE_SIZES,
    SMALLEST_POINTS,
    STATEMENT_POINTS,
    Budget,
    page_budget,
)
from argmap.exporters.diagram.paging import TRAIL_ROWS, Page, Pager, paginate
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Node, Relation
from tests.conftest import MAPS
from tests.strategies import argument_maps


def _measure(node: Node) -> tuple[float, float]:
    """A box about as the diagram draws it: 34 characters a line, 16 points a line."""
    lines = len(node.text) // 34 + 1 + (2 if node.quote else 0)
    return min(len(node.text), 34) * 6.8 + 24, 30 + 16 * lines


def _generated(count: int) -> ArgumentMap:
    """A map of ``count`` nodes, breadth first: reasons, evidence and objections."""
    made = 1
    thesis: dict[str, object] = {"id": "n0", "text": "The generated thesis holds."}
    queue = [thesis]
    head = 0
    while made < count:
        entry = queue[head % len(queue)]
        head += 1
        key = ("premises", "evidence", "objections")[made % 3]
        child: dict[str, object] = {"id": f"n{made}", "text": f"Statement {made} " * 6}
        entry.setdefault(key, []).append(child)  # type: ignore[attr-defined]
        made += 1
        if key != "evidence":
            queue.append(child)
    return validate_data({"title": "generated", "thesis": thesis})


def _first_unit(m: ArgumentMap, page: Page) -> set[str]:
    """The page's first top, with the other members of its linked group if it has one.

    A group goes onto a page whole: one whose stubs do not fit beside it is still its
    page's first unit (a random map's group of two, three stubs in rows below deep
    blocks: estimated infinitely tall, and drawn at the floor all the same).
    """
    if not page.tops:
        return set()
    group = m.get(page.tops[0]).group
    if group is None:
        return {page.tops[0]}
    return {node.id for node in m.nodes if node.group == group}


def _check(m: ArgumentMap, pages: list[Page], budget: Budget) -> None:
    shown = [node.id for node in m.walk()]
    drawn = [node_id for page in pages for node_id in page.nodes]
    assert sorted(drawn) == sorted(shown), "every node in full on exactly one page"
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    home = {node_id: page.number for page in pages for node_id in page.nodes}
    pager = Pager(m, shown, _measure, budget, False)
    for page in pages:
        full = set(page.nodes)
        assert set(page.tops) <= full
        assert [m.position(s.tops[0]) for s in page.stubs] == sorted(
            m.position(s.tops[0]) for s in page.stubs
        ), "stubs in file order"
        for stub in page.stubs:
            assert stub.page > page.number, "a stub points forward"
            if not stub.grouped:  # one branch: a node, or a linked group's members
                assert len({m.get(t).group for t in stub.tops}) == 1
                assert len(stub.tops) == 1 or m.get(stub.tops[0]).group is not None
            # A stub's branches start on its page (and may go on to later ones).
            assert home[stub.tops[0]] == stub.page
            assert all(home[top] >= stub.page for top in stub.tops)
            assert stub.parent in full or stub.parent in page.trail
            assert stub.hidden == len(pager.whole(stub.tops))
        _one_side_each(m, page)
        ancestors = {a.id for top in page.tops for a in m.ancestors(top)} - full
        # The breadcrumb: the root and each top's nearest ancestors, a bounded number.
        assert set(page.trail) <= ancestors
        assert all(m.get(top).parent in page.trail for top in page.tops if ancestors)
        if ancestors:
            assert m.thesis.id in page.trail
        assert len(page.trail) <= TRAIL_ROWS * len({m.get(t).parent for t in page.tops})
        if page.key[0] == "alone":  # the key, on a page of its own after the last
            assert page.number == len(pages) and not page.nodes and not page.stubs
            assert pages[0].key == ("page", str(page.number))
        elif page.number > 1:
            assert page.trail, "a continued branch shows where it hangs"
        if full - _first_unit(m, page):  # a page always takes its first node (or linked
            width, height = page.estimate  # group), even one too big alone
            assert width <= budget.width + 1e-6 and height <= budget.height + 1e-6


def _one_side_each(m: ArgumentMap, page: Page) -> None:
    """A grouped stub stands for one side, for its parent or against it; one for both is
    the last resort, and then its parent's only grouped stub on the page."""
    for parent in {stub.parent for stub in page.stubs}:
        grouped = [stub for stub in page.stubs if stub.parent == parent and stub.grouped]
        mixed = [
            stub
            for stub in grouped
            if len(
                {
                    m.get(top).relation in (Relation.ATTACKS, Relation.UNDERCUTS)
                    for top in stub.tops
                }
            )
            > 1
        ]
        assert not mixed or len(grouped) == 1, f"page {page.number}: sides mixed under {parent}"


def test_budget_is_the_legibility_floor() -> None:
    slide = page_budget(PAGE_SIZES["slide"])
    # 1/60 of a 540-point slide is 9 points: a 13-point statement is drawn at 9/13.
    assert STATEMENT_POINTS * slide.scale == pytest.approx(540 / 60)
    assert SMALLEST_POINTS * slide.scale >= 540 / 90
    a4 = page_budget(PAGE_SIZES["a4"].turned(portrait=True))
    assert STATEMENT_POINTS * a4.scale == pytest.approx(841.89 / 60)
    assert a4.width < a4.height


@pytest.mark.parametrize("fit", ["slide", "a4", "a3", "letter"])
def test_flagship_pages(fit: str) -> None:
    from argmap.load.maps import load_map

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    budget = page_budget(PAGE_SIZES[fit])
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    _check(m, pages, budget)
    assert pages[0].nodes[0] == m.thesis.id and not pages[0].trail


@pytest.mark.parametrize("count", [1, 120, 400, 1500])
def test_generated_maps(count: int) -> None:
    m = _generated(count)
    budget = page_budget(PAGE_SIZES["slide"])
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    _check(m, pages, budget)
    # Pages are reasonably full: on average several nodes each.
    assert count < 10 or count / len(pages) >= 3.5


@pytest.mark.parametrize("fit", ["slide", "a4", "letter"])
def test_many_leaves_are_drawn_in_full_as_far_as_they_fit_then_one_grouped_stub(fit: str) -> None:
    """Three hundred leaves under the thesis: page 1 drew the first one or none in full,
    then a stub each for a dozen (a leaf's stub only repeats it, shortened, and sends the
    reader to the page that draws it) and one for the rest; the next page drew those
    dozen again, and a leaf left over took a page of its own. Now page 1 draws the first
    leaves in full, as many as fit, then one grouped stub; the pages after it go on in
    file order, each full."""
    m = validate_data(
        {
            "title": "wide",
            "thesis": {
                "id": "t",
                "text": "T",
                "evidence": [{"id": f"e{i}", "text": "evidence " * 8} for i in range(300)],
            },
        }
    )
    pages = _leaves_in_full_then_grouped(m, fit, "e", 300, least=5)
    drawn = len(pages[0].nodes) - 1
    assert min(len(page.nodes) for page in pages[1:-1]) >= drawn - 2
    assert len(pages) < 300 / 5, "the leaves share pages"


@pytest.mark.parametrize(("fit", "count"), [("slide", 18), ("slide", 24), ("a4", 18)])
def test_leaves_most_of_which_have_stubs_are_drawn_in_full_too(fit: str, count: int) -> None:
    """Two dozen reasons under the thesis, each a leaf: page 1 had a stub for 13 of them
    and a grouped one for the rest, drawing none (a leaf's stub only repeats it, shortened),
    and one leaf spilled onto a page of its own; only where fewer than half had stubs did
    page 1 draw leaves in full. Now it draws the first ones in full and one grouped stub
    for the others, and the pages after it go on in file order, none of a single leaf."""
    text = "Reason {}: uniforms reduce the cost of clothing for families with several children."
    m = validate_data(
        {
            "title": "flat",
            "thesis": {
                "id": "t",
                "text": "School uniforms should be required in every public secondary school.",
                "premises": [{"id": f"p{i}", "text": text.format(i)} for i in range(count)],
            },
        }
    )
    pages = _leaves_in_full_then_grouped(m, fit, "p", count, least=4)
    assert all(len(page.nodes) != 1 for page in pages), "no page of a single leaf"


def _leaves_in_full_then_grouped(
    m: ArgumentMap, fit: str, prefix: str, count: int, least: int
) -> list[Page]:
    """The pages of ``count`` leaves under the thesis ``t``: page 1 draws the first ones
    (``least`` at least), then one grouped stub for the others, which go on in file order."""
    budget = page_budget(PAGE_SIZES[fit])
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    _check(m, pages, budget)
    drawn = len(pages[0].nodes) - 1
    assert drawn >= least and pages[0].nodes == ("t", *(f"{prefix}{i}" for i in range(drawn)))
    (stub,) = pages[0].stubs
    assert stub.grouped and stub.hidden == count - drawn
    later = [node for page in pages[1:] for node in page.nodes]
    assert later == [f"{prefix}{i}" for i in range(drawn, count)]  # in file order, each once
    return pages


def test_a_grouped_stub_of_one_node_says_node() -> None:
    from argmap.exporters.diagram.stublabels import grouped_stub_lines

    assert grouped_stub_lines(["objection"], 1, "17") == [
        "1 more objection",
        "1 node in all, from p. 17",
    ]
    assert grouped_stub_lines(["objection"], 1, "17", narrow=True)[-1] == "1 node, from p. 17"
    assert grouped_stub_lines(["premise"] * 2, 5, "3")[-1] == "5 nodes in all, from p. 3"


def test_the_overview_has_a_stub_for_each_branch_in_rows() -> None:
    thesis: dict[str, object] = {"id": "t", "text": "The thesis holds."}
    thesis["premises"] = [
        {
            "id": f"r{i}",
            "text": f"Reason {i} is a longer statement that needs a few lines " * 3,
            "evidence": [{"id": f"r{i}e{j}", "text": "evidence " * 20} for j in range(6)],
        }
        for i in range(9)
    ]
    m = validate_data({"title": "branches", "thesis": thesis})
    budget = page_budget(PAGE_SIZES["slide"])
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    _check(m, pages, budget)
    first = pages[0]
    drawn = [c for c in first.nodes if m.get(c).parent == "t"]
    stubbed = [s.tops[0] for s in first.stubs if s.parent == "t"]
    assert not any(s.grouped for s in first.stubs if s.parent == "t")
    assert sorted(drawn + stubbed, key=m.position) == [f"r{i}" for i in range(9)]
    wraps = {w.parent: w for w in first.wraps}
    assert len(wraps["t"].rows) > 1, "nine branches wrap into rows"
    names = [name.removeprefix("stub ") for row in wraps["t"].rows for name in row]
    assert names == [f"r{i}" for i in range(9)], "in file order"


def test_pages_are_the_same_every_time() -> None:
    m = _generated(400)
    budget = page_budget(PAGE_SIZES["a4"])
    shown = [node.id for node in m.walk()]
    assert paginate(m, shown, _measure, budget) == paginate(m, shown, _measure, budget)


@settings(max_examples=60, deadline=None)
@given(argument_maps(max_nodes=40))
def test_any_map_pages_hold_every_node_once(m: ArgumentMap) -> None:
    budget = Budget(700.0, 400.0, 1.0)
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    _check(m, pages, budget)


def test_a_deep_chain_pages_with_bounded_breadcrumbs() -> None:
    depth = 3000
    entry: dict[str, object] = {"id": f"n{depth}", "text": "the deepest premise"}
    for i in range(depth - 1, 0, -1):
        entry = {"id": f"n{i}", "text": f"premise {i}", "premises": [entry]}
    m = validate_data({"title": "deep", "thesis": {"id": "n0", "text": "T", "premises": [entry]}})
    budget = page_budget(PAGE_SIZES["slide"])
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    assert sum(len(page.nodes) for page in pages) == depth + 1
    assert max(len(page.trail) for page in pages) <= TRAIL_ROWS


def test_a_shorter_row_hangs_in_the_gaps_of_the_rows_above() -> None:
    from argmap.exporters.diagram.stacking import Item, Wrap, note_rows

    def box(name: str) -> Item:
        return Item(name, 100.0, (40.0,), name)

    rows = [[box(f"a{i}") for i in range(4)], [box(f"b{i}") for i in range(4)]]
    rows.append([box("c0"), box("c1")])
    wraps: list[Wrap] = []
    note_rows("p", rows, wraps)
    holds = set(wraps[0].holds)
    # As long as the row above: each below one box of it, in order.
    assert {(f"b{i}", f"a{i}") for i in range(4)} <= holds
    # Shorter: each between two boxes, in each row above, the gaps spread in order.
    assert {("c0", "b0"), ("c0", "b1"), ("c1", "b2"), ("c1", "b3")} <= holds
    assert {("c0", "a0"), ("c0", "a1"), ("c1", "a2"), ("c1", "a3")} <= holds
    assert wraps[0].rows == (("a0", "a1", "a2", "a3"), ("b0", "b1", "b2", "b3"), ("c0", "c1"))
    # A grid: each box held in its column (the ones hung in gaps as lightly as ever).
    assert set(wraps[0].columns) == {(f"b{i}", f"a{i}") for i in range(4)}


@pytest.mark.parametrize(
    ("lengths", "levels", "columns"),
    [
        ((3, 3, 3), 1, {(f"{r}{i}", f"{a}{i}") for r, a in ("ba", "cb") for i in range(3)}),
        ((2, 2, 3), 1, {("b0", "a0"), ("b1", "a1"), ("c0", "b0"), ("c1", "b1")}),
        ((2, 3, 3), 1, set()),  # rows of other lengths: no grid
        (  # rows that change length once, two rows or more each: two grids
            (2, 2, 2, 3, 3),
            1,
            {(f"{r}{i}", f"{a}{i}") for r, a in ("ba", "cb") for i in range(2)}
            | {(f"e{i}", f"d{i}") for i in range(3)},
        ),
        ((2,) * 8, 1, set()),  # edges below taking over twice the first row's width
        ((1, 1, 1), 1, set()),  # one box a row: each steps aside for the edges passing
        ((2, 2), 2, set()),  # deeper blocks: rows below go under their lowest node
    ],
)
def test_only_a_grids_boxes_are_held_in_their_columns(
    lengths: tuple[int, ...], levels: int, columns: set[tuple[str, str]]
) -> None:
    """Rows of one length (the last may differ) keep their boxes in columns: held by the
    engine's default, the edges passing up between them pushed each row's boxes apart by
    as many edges as passed it, a staircase."""
    from argmap.exporters.diagram.stacking import Item, Wrap, note_rows

    rows = [
        [
            Item(f"{'abcdefgh'[r]}{i}", 200.0, (40.0,) * levels, f"{'abcdefgh'[r]}{i}")
            for i in range(n)
        ]
        for r, n in enumerate(lengths)
    ]
    rows[-1] = [item._replace(ranks=(40.0,)) for item in rows[-1]]
    wraps: list[Wrap] = []
    note_rows("p", rows, wraps)
    assert set(wraps[0].columns) == columns
    assert set(wraps[0].columns) <= set(wraps[0].holds)


def test_columns_of_boxes_of_unlike_widths_are_no_grid() -> None:
    """Held in line, a column is as wide as its widest box: statements of a few words,
    of all widths, made rows wider than planned, and pages were planned again (4% more
    pages on flat lists of short statements). Such rows are laid out freely."""
    from argmap.exporters.diagram.rowholds import GRID_SLACK, is_grid

    even = [[200.0, 210.0], [205.0, 200.0], [190.0]]
    assert is_grid(even, boxes=True)
    assert not is_grid([[200.0, 210.0], [200.0 + GRID_SLACK + 1, 200.0], [190.0]], boxes=True)
    assert not is_grid(even, boxes=False)


def test_a_grids_last_row_may_end_in_a_narrower_stub() -> None:
    """A page going on down a list of evidence ends in the stub of the pieces that go on,
    narrower than the statements above it: its column's boxes were further apart than
    the slack, so the page was laid out freely, a staircase. Narrower, held under the
    box above, it widens nothing; a box of a middle row, or a wider one, still does."""
    from argmap.exporters.diagram.rowholds import GRID_SLACK, is_grid

    stub = 240.0 - GRID_SLACK - 10
    assert is_grid([[240.0, 230.0], [235.0, 245.0], [232.0, stub]], boxes=True)
    assert not is_grid([[240.0, 230.0], [235.0, stub], [232.0, 240.0]], boxes=True)
    assert not is_grid([[240.0, 230.0], [235.0, 245.0], [232.0, 230.0 + GRID_SLACK + 1]], True)


def test_a_linked_groups_grouped_stubs_fit_side_by_side() -> None:
    """Each premise of a linked group has more branches than stubs fit: grouped stubs
    each (one for each side, or, where two do not fit, one for all), their counts of
    several kinds on two lines, so the two premises fit side by side."""

    def premise(name: str) -> dict[str, object]:
        kinds = {"premises": "reason", "evidence": "evidence", "objections": "objection"}
        return {
            "id": name,
            "text": f"Premise {name} works only together with the other one",
            **{
                key: [{"id": f"{name}{key}{i}", "text": f"{word} {i} " * 6} for i in range(12)]
                for key, word in kinds.items()
            },
        }

    thesis = {"id": "t", "text": "T", "premises": [{"linked": [premise("a"), premise("b")]}]}
    m = validate_data({"title": "linked", "thesis": thesis})
    budget = Budget(700.0, 400.0, 1.0)
    pages = paginate(m, [node.id for node in m.walk()], _measure, budget)
    _check(m, pages, budget)
    group = next(page for page in pages if set(page.tops) == {"a", "b"})
    assert group.stubs and all(stub.grouped for stub in group.stubs)
    assert {stub.parent for stub in group.stubs} == {"a", "b"}


def _mixed(swap: bool) -> ArgumentMap:
    """Six long children of one node, reasons and objections by turns, each with evidence."""
    children: dict[str, list[dict[str, object]]] = {"premises": [], "objections": []}
    for i in range(6):
        key = ("premises", "objections")[(i % 2) ^ swap]
        grand = [{"id": f"c{i}e", "text": f"Evidence {i} " * 5}]
        children[key].append({"id": f"c{i}", "text": f"Child {i} " * 12, "evidence": grand})
    node = {"id": "q", "text": "Q.", **children}
    reason = {"id": "r", "text": "The reason.", "premises": [node]}
    m = validate_data(
        {"title": "mixed", "thesis": {"id": "t", "text": "T.", "premises": [reason]}}
    )
    # in the order a label worksheet gives them (a file lists premises, then objections)
    order = ["t", "r", "q"] + [f"c{i}{tail}" for i in range(6) for tail in ("", "e")]
    return ArgumentMap(title=m.title, nodes=tuple(m.get(node_id) for node_id in order))


def _positions(m: ArgumentMap, file_order: bool) -> list[list[str]]:
    shown = [node.id for node in m.walk()]
    pages = paginate(m, shown, _measure, page_budget(PAGE_SIZES["slide"]), file_order=file_order)
    return [list(page.nodes) for page in pages]


def test_a_label_sheets_pages_do_not_tell_objections_from_reasons() -> None:
    # Which children a page draws in full must not depend on their kinds (a label
    # worksheet hides them); a page usually takes a node's objections first.
    plain, swapped = _mixed(False), _mixed(True)
    assert _positions(plain, True) == _positions(swapped, True)
    assert _positions(plain, False) != _positions(swapped, False)


class _RoomyPager:
    """Just enough of a pager for a page's sharing: every branch fits, each whole."""

    def __init__(self, parent: dict[str, str | None], tighter: set[str] = frozenset()) -> None:
        self.parent = parent
        self.tighter = tighter
        self.horizontal = False
        self.order: dict[str, int] = {}

    def kept(self, *args: object, **kwargs: object) -> Estimate:
        return Estimate(0.0, 0.0, ())  # tops in one row

    def too_big(self, tops: list[str]) -> bool:
        return False

    def whole(self, tops: list[str]) -> set[str]:
        return set(tops)

    def fits(self, *args: object, **kwargs: object) -> bool:
        return True

    def mixes(self, top: str) -> bool:
        from argmap.exporters.diagram.pageorder import GROUPS_APART

        return not self.horizontal and GROUPS_APART + top not in self.tighter


@pytest.mark.parametrize("groups", range(6))
@pytest.mark.parametrize("past", [True, False])
def test_a_page_kept_apart_shares_past_up_to_four_linked_groups(groups: int, past: bool) -> None:
    """On a page kept apart from linked groups (its drawing put one out of file order),
    a small branch waiting behind them shares the page of the one before it, past four
    groups at most (and past none when ``past`` is off); the groups passed over wait in
    their order, nothing lost or doubled."""
    from collections import deque

    from argmap.exporters.diagram import paging
    from argmap.exporters.diagram.pageorder import GROUPS_APART

    linked = [(f"g{g}a", f"g{g}b") for g in range(groups)]
    parent: dict[str, str | None] = {"t": None, "a": "t", "b": "t"}
    parent |= {member: "t" for group in linked for member in group}
    todo = deque([((group,), False) for group in linked] + [((("b",),), False)])
    draft = paging._Draft([("a",)], {"a"}, {}, [])
    pager = _RoomyPager(parent, {GROUPS_APART + "a"})
    took = paging._share(pager, draft, todo, past)  # type: ignore[arg-type]
    shared = (past and groups <= paging.SHARE_LOOKS) or groups == 0
    assert draft.taken == ([("a",), ("b",)] if shared else [("a",)])
    assert took == (shared and groups > 0)
    waiting = [units[0] for units, _ in todo]
    assert waiting == linked + ([] if shared else [("b",)])


@pytest.mark.parametrize("groups", range(6))
def test_linked_groups_share_a_page_in_order_where_they_fit(groups: int) -> None:
    """Unless the page is kept apart, linked groups waiting share it like any branch,
    in order; the branch after them too; nothing is left waiting."""
    from collections import deque

    from argmap.exporters.diagram import paging

    linked = [(f"g{g}a", f"g{g}b") for g in range(groups)]
    parent: dict[str, str | None] = {"t": None, "a": "t", "b": "t"}
    parent |= {member: "t" for group in linked for member in group}
    todo = deque([((group,), False) for group in linked] + [((("b",),), False)])
    draft = paging._Draft([("a",)], {"a"}, {}, [])
    took = paging._share(_RoomyPager(parent), draft, todo)  # type: ignore[arg-type]
    assert draft.taken == [("a",), *linked, ("b",)]
    assert draft.full == {"a", "b", *(m for group in linked for m in group)}
    assert not took and not todo
