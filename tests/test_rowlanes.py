"""Tests for rowlanes: a wrapped parent's arrows from its lower rows kept in lanes up the gaps."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.dot import Digraph
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.rowlanes import hold_lanes
from argmap.exporters.diagram.stacking import Wrap
from argmap.load.validate import validate_data
from argmap.options import Fit, RenderOptions

CLAIM = "Claim {}: a pro or con of the debate, in words of a sentence or two."


def _graph(*tails: str) -> Digraph:
    g = Digraph()
    g.edge("p", "trail", {"class": "supports"})
    for tail in tails:
        g.edge(tail, "p", {"class": "supports"})
    return g


def _tails(g: Digraph) -> list[str]:
    return [line.split(" -> ")[0].strip() for line in g.body if " -> p " in line]


def test_a_lower_rows_arrows_are_written_in_the_gaps_order_and_held() -> None:
    g = _graph("a", "b", "c", "d", "from x p")
    hold_lanes(g, [Wrap("p", (("a", "b", "c"), ("d", "from x p")), ())], {"p": None})
    assert _tails(g) == ["a", "d", "b", '"from x p"', "c"]
    assert g.body[-1] == "\tp [ordering=in]\n"


def test_an_undercut_items_arrow_is_its_junctions() -> None:
    g = _graph("a", "junction b", "c")
    g.edge("b", "junction b", {"arrowhead": "none"})
    hold_lanes(g, [Wrap("p", (("a", "b"), ("c",)), ())], {"p": None})
    assert _tails(g) == ["a", "c", '"junction b"']


@pytest.mark.parametrize(
    ("tails", "rows", "drawn"),
    [
        (("a", "b", "c", "x"), (("a", "b"), ("c",)), {"p": None}),  # an arrow from elsewhere
        (("a", "b"), (("a", "b"), ("c",)), {"p": None}),  # an item without an arrow
        (("a", "b", "c"), (("a",), ("b", "c")), {"p": None}),  # no gap above the lower row
        (("a", "b", "c"), (("a", "b", "c"),), {"p": None}),  # one row: nothing passes it
        (("a", "b", "c"), (("a", "b"), ("c",)), {}),  # a parent not drawn in full
        (("a", "b", "c"), (("a", "b"), ("c",)), {"p": None, "k": "a"}),  # a branch passed
    ],
)
def test_rows_the_order_cannot_serve_are_left_to_the_engine(
    tails: tuple[str, ...], rows: tuple[tuple[str, ...], ...], drawn: dict[str, str | None]
) -> None:
    g = _graph(*tails)
    before = list(g.body)
    hold_lanes(g, [Wrap("p", rows, ())], drawn)
    assert g.body == before


def test_a_grid_held_in_columns_is_left_to_the_engine() -> None:
    g = _graph("a", "b", "c")
    before = list(g.body)
    hold_lanes(g, [Wrap("p", (("a", "b"), ("c",)), (), columns=(("c", "a"),))], {"p": None})
    assert g.body == before


def test_a_hold_into_the_parent_leaves_its_rows_to_the_engine() -> None:
    g = _graph("a", "b", "c")
    g.edge("c", "p", {"style": "invis"})
    before = list(g.body)
    hold_lanes(g, [Wrap("p", (("a", "b"), ("c",)), ())], {"p": None})
    assert g.body == before


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_a_reasons_lower_row_of_objections_runs_its_arrows_up_the_gaps(fit: Fit) -> None:
    """Two reasons and three objections: the third objection's row under the first.

    The engine ran the lower row's arrows round the outside of the row above (two
    detours on A4 and on slides); kept in lanes, they pass between its boxes.
    """
    reasons = [{"id": f"r{i}", "text": CLAIM.format(i)} for i in range(2)]
    objections = [{"id": f"o{i}", "text": CLAIM.format(100 + i)} for i in range(3)]
    reason = {"id": "a", "text": CLAIM.format(0), "premises": reasons, "objections": objections}
    m = validate_data(
        {"title": "t", "thesis": {"id": "t", "text": "A thesis.", "premises": [reason]}}
    )
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))
    assert [geometry.detours(page.svg) for page in layout.pages] == [0]
