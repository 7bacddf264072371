"""A small map the plan split into pages, drawn whole on one where the engine fits it there."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.analysis.view import visible_nodes
from argmap.exporters import RenderOptions
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.stacking import Wrap
from argmap.exporters.diagram.wholepage import WHOLE_MOST, _trials
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from tests.conftest import CASES, MAPS

UNIFORMS = MAPS / "school-uniforms.yaml"


@pytest.mark.parametrize("fit", ["a4", "slide", "letter", "a3"])
def test_the_uniforms_lie_on_one_landscape_page_at_the_floor(fit: str) -> None:
    """Landscape A4 took two pages: the thesis's branches but one, the key below them
    and a wide empty corner beside it, then a reason's branch of four statements. Every
    statement, and the key in two columns, now goes on one page, shown at the floor or
    larger, nothing overlapping, no arrows crossing."""
    m = load_map(UNIFORMS)
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))
    (laid,) = layout.pages
    page = laid.plan.page
    assert sorted(page.nodes) == sorted(node.id for node in visible_nodes(m, RenderOptions()))
    assert not page.stubs and page.key[0] in ("below", "bottom") and page.key_columns == 2
    assert layout.scale(laid) >= layout.budget.scale * 0.999
    svg = laid.svg
    assert 'id="legend"' in svg and "page 1 of 1" in svg
    assert geometry.overlaps(svg) == 0 and geometry.all_crossings(svg) == 0


def test_a_map_that_fits_no_page_whole_keeps_its_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The standing example's three A4 pages take little more than a page's room: it is
    tried on one, too big every way with its ranks as far apart as on every page (it
    fits with them closer: see the next test); its pages stay, each at the floor."""
    from argmap.exporters.diagram import lonerows, wholepage

    tried: list[int] = []
    trials = wholepage._trials
    monkeypatch.setattr(wholepage, "_trials", lambda page: tried.append(1) or trials(page))
    monkeypatch.setattr(wholepage, "CLOSER", "0.55")
    monkeypatch.setattr(lonerows, "CLOSER", "0.55")  # a lone page's host's ranks, too
    m = load_map(MAPS / "standing-example.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    assert tried and len(layout.pages) == 3
    assert min(map(layout.scale, layout.pages)) >= layout.budget.scale * 0.999


@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_a_map_too_tall_for_the_page_draws_its_ranks_closer(fit: str) -> None:
    """The standing example took three landscape A4 pages (four Letter), its one page
    drawn 820 points tall at the narrowest, for 761; laid out again with its ranks closer
    (29 points apart, not 40), it fits: one page, at the floor, nothing overlapping."""
    from argmap.exporters.diagram.wholepage import CLOSER

    m = load_map(MAPS / "standing-example.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))
    (laid,) = layout.pages
    assert laid.plan.ranksep == CLOSER and layout.scale(laid) >= layout.budget.scale * 0.999
    assert geometry.overlaps(laid.svg) == 0 and 'id="legend"' in laid.svg


def test_a_map_of_many_statements_is_not_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    """More than :data:`WHOLE_MOST` statements: each try would be a big layout, in vain."""
    from argmap.exporters.diagram import wholepage

    def never(*_: object) -> None:
        raise AssertionError("tried")

    monkeypatch.setattr(wholepage, "_estimated", never)
    reasons = [{"id": f"r{i}", "text": f"Reason {i} holds."} for i in range(WHOLE_MOST)]
    m = validate_data({"title": "Many", "thesis": {"id": "t", "text": "T.", "premises": reasons}})
    pages = lay_out(m, analyze(m), RenderOptions(portrait=True), "a4", find_engine("auto")).pages
    assert len(pages) > 1


def test_the_trials_turn_the_lowest_row_and_set_the_key_below_it() -> None:
    """Each way of holding the rows (as planned, the lowest row the other way round) with
    the key where the estimate put it, then below the lowest row in two columns, then on
    the lowest rank in two columns."""
    rows = Wrap("t", (("a", "b"), ("c", "d")), (("c", "a"), ("d", "b")))
    page = Page(1, (), ("t",), ("t", "a", "b", "c", "d"), wraps=(rows,), key=("bottom", ""))
    trials = _trials(page)
    keys = [(trial.key, trial.key_columns) for trial in trials]
    assert keys == [(("bottom", ""), 1), (("below", "c"), 2), (("bottom", ""), 2)] * 2
    turned = (("a", "b"), ("d", "c"))
    assert [trial.wraps[0].rows for trial in trials] == [rows.rows] * 3 + [turned] * 3
    assert all(trial.wraps[0].holds == rows.holds for trial in trials)
    alone = Page(1, (), ("t",), ("t",), key=("page", "2"))
    assert _trials(alone) == [], "no rows: no key below them, nor the key of another page"


@pytest.mark.parametrize(
    ("fit", "kind"), [("a4", "fill"), ("a4", "label"), ("slide", "fill"), ("slide", "label")]
)
def test_the_uniforms_worksheets_and_keys_lie_on_one_landscape_page(fit: str, kind: str) -> None:
    """The fill worksheet took three A4 pages (the overview, then the linked pair alone,
    then three boxes), the label worksheet two: the one page's rows, in file order, put
    the thesis's branch three boxes deep and one two deep in different rows, 35 points
    too tall for the page. Its rows now go deepest together where that is lower: one
    page, sheet and key alike, at the floor, the ruled lines still a hand's height."""
    from argmap.exercise import make_worksheet
    from argmap.exporters.diagram.keypages import key_layout
    from argmap.exporters.diagram.worksheet import RULE_HEIGHT

    m = load_map(UNIFORMS)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind=kind, fit=fit))  # type: ignore[arg-type]
    ex, options = sheet.exercise, sheet.exercise_options
    engine = find_engine("auto")
    layout = lay_out(ex, analyze(ex), options, fit, engine)  # type: ignore[arg-type]
    key = key_layout(sheet.answers, sheet.answer_options, fit, engine)  # type: ignore[arg-type]
    for laid in (*layout.pages, *key.pages):
        assert len(laid.plan.page.nodes) == len(list(ex.walk())) and not laid.plan.page.stubs
        assert layout.scale(laid) >= layout.budget.scale * 0.999
        assert geometry.overlaps(laid.svg) == 0
    assert len(layout.pages) == len(key.pages) == 1
    if fit == "a4":  # paper: a slide's points are no millimetres (its floor: 6.4 "mm")
        assert RULE_HEIGHT * layout.scale(layout.pages[0]) >= 18.4, "6.5 mm between ruled lines"


def test_rows_go_deepest_together_only_where_lower() -> None:
    """Deepest first and shallowest first, each stable; a deep block rows may not follow
    (not whole) goes last; the file order itself is not tried again."""
    from argmap.exporters.diagram.deeprows import _by_depth
    from argmap.exporters.diagram.stacking import Item

    a = Item("a", 100, (10, 10, 10), "a3", whole=True)
    b = Item("b", 100, (10,), "b", whole=True)
    c = Item("c", 100, (10, 10), "c2", whole=False)
    d = Item("d", 100, (10,), "d", whole=True)
    orders = [[item.name for item in order] for order in _by_depth([a, b, c, d])]
    assert orders == [["a", "c", "b", "d"], ["b", "d", "a", "c"]]
    assert _by_depth([a, c, b, d]) == [[b, d, a, c]]


def test_a_fill_sheet_too_tall_for_letter_draws_its_ranks_closer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Letter, narrower than A4, the uniforms' fill worksheet took three pages: no
    way of its rows fit, the narrowest 40 points too tall. The drawings as wide as the
    page are laid out again with their ranks closer (:data:`~.wholepage.CLOSER`): one
    page, at the floor, the ruled lines as before. (Its blanks ruled for 26 handwritten
    characters a line, as they were: at 20, its boxes are taller and no way fits.)"""
    from argmap.exercise import make_worksheet
    from argmap.exporters.diagram.wholepage import CLOSER

    monkeypatch.setattr("argmap.exercise.worksheet.HAND_CHARS", 26)

    m = load_map(UNIFORMS)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="fill", fit="letter"))
    ex, options = sheet.exercise, sheet.exercise_options
    layout = lay_out(ex, analyze(ex), options, "letter", find_engine("auto"))
    (laid,) = layout.pages
    assert layout.scale(laid) >= layout.budget.scale * 0.999
    assert laid.plan.ranksep == CLOSER and f"ranksep={CLOSER}" in laid.build().source
    assert geometry.overlaps(laid.svg) == 0 and not laid.plan.page.stubs


SMALL = CASES / "smallmaps"


@pytest.mark.parametrize("fit", ["slide", "a4", "letter"])
@pytest.mark.parametrize("status", [False, True])
def test_a_small_map_with_a_conclusion_lies_on_one_page(fit: str, status: bool) -> None:
    """Six statements (a reason, an objection undercut, its undercutter undercut in turn,
    a conclusion drawn from the thesis) took two slides: the first with its ranks far
    apart round a tall key beside the thesis and a stub of the undercutter, the second
    with the two undercutters alone. The map drawn whole on one page was not tried where
    conclusions sit over the thesis; now it is, and it fits, at the floor."""
    m = load_map(SMALL / "undercut-of-an-undercut-and-a-conclusion.yaml")
    options = RenderOptions(status=status)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    (laid,) = layout.pages
    page = laid.plan.page
    assert sorted(page.nodes) == sorted(node.id for node in visible_nodes(m, options))
    assert not page.stubs and 'id="legend"' in laid.svg
    assert layout.scale(laid) >= layout.budget.scale * 0.999
    assert geometry.overlaps(laid.svg) == 0


@pytest.mark.parametrize("fit", ["slide", "a4", "a3", "letter"])
@pytest.mark.parametrize("portrait", [False, True])
def test_a_small_map_on_one_page_keeps_file_order_and_uncrossed_arrows(
    fit: str, portrait: bool
) -> None:
    """A teacher's twelve statements (a linked pair among the reasons, an objection
    undercut). On a slide the one page kept was its reasons right to left, its lowest
    row turned (two arrows fewer round other boxes); on Letter, its rows deepest first,
    two arrows crossing; on A4 and A3 no way fit, the key on the lowest rank in one
    column 70 points too tall, and it took two pages, the first half empty. A try in
    file order, no arrows crossing, beats every other; the key on the lowest rank in two
    columns fits: one landscape page, at the floor. Upright, each page is as tidy."""
    m = load_map(SMALL / "homework-ban.yaml")
    options = RenderOptions(portrait=portrait)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))
    order = {node.id: i for i, node in enumerate(m.walk())}
    if not portrait:
        (laid,) = layout.pages
        assert sorted(laid.plan.page.nodes) == sorted(node.id for node in m.walk())
        assert layout.scale(laid) >= layout.budget.scale * 0.999
    for laid in layout.pages:
        assert geometry.misplaced(laid.svg, order) == (0, 0), laid.plan.page.number
        assert geometry.all_crossings(laid.svg) == 0, laid.plan.page.number
        assert geometry.overlaps(laid.svg) == 0, laid.plan.page.number
