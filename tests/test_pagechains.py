"""A page of small branches hangs its tops from a few breadcrumb rows, their arrows apart."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pagechains import MOST_CHAINS, chains, gathers
from argmap.exporters.diagram.stacking import TRAIL, Item, Wrap, note_rows
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions


def _generated(nodes: int) -> ArgumentMap:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    return validate_data(generate(nodes))


@pytest.mark.parametrize(("nodes", "fit"), [(100, "slide"), (1500, "slide"), (1500, "a4")])
def test_late_pages_gather_few_breadcrumb_chains_and_no_arrows_cross(nodes: int, fit: str) -> None:
    """The last pages of big maps took the small branches waiting, whatever their
    parents: 100 nodes' last slide hung nine tops from seven rows of an eleven-row
    breadcrumb, 1,500 nodes' second-last slide seven tops from seven rows of twenty (on
    A4, six of seventeen), their arrows converging on the box's sides and crossing there
    (on one of those pages each; the A4 page before, two). A page now hangs its tops from
    three rows at most, and no two arrows into the breadcrumb cross."""
    m = _generated(nodes)
    layout = lay_out(m, analyze(m), RenderOptions(fit=fit), fit, find_engine("auto"))  # type: ignore[arg-type]
    parent = {node.id: (None if (up := m.parent(node.id)) is None else up.id) for node in m.nodes}
    hung = []
    for laid in layout.pages:
        page = laid.plan.page
        hung.append(len(chains(parent, [(top,) for top in page.tops], set(page.nodes))))
    assert max(hung) <= MOST_CHAINS
    assert [geometry.meeting_crossings(laid.svg) for laid in layout.pages] == [0] * len(hung)
    assert [geometry.crossings(laid.svg) for laid in layout.pages] == [0] * len(hung)


def test_a_page_gathers_branches_of_rows_it_hangs_from_already() -> None:
    """Hung from three rows, a page takes more branches of those rows, none of a fourth,
    but of a row drawn on the page; left to right, any."""
    parent: dict[str, str | None] = {"t": None, "a": "t", "b": "t", "c": "t", "d": "t"}
    parent |= {f"{p}{i}": p for p in "abcd" for i in range(3)}
    tree = SimpleNamespace(parent=parent, horizontal=False)
    taken = [("a0",), ("b0",), ("c0",)]
    assert gathers(tree, taken, {"a0", "b0", "c0"}, [("a1",)])
    assert not gathers(tree, taken, {"a0", "b0", "c0"}, [("d0",)])
    assert gathers(tree, taken, {"a0", "b0", "c0", "d", "d0"}, [("d0",)]), "d drawn: no row"
    assert gathers(tree, [("a0",)], {"a0"}, [("b1",)])
    across = SimpleNamespace(parent=parent, horizontal=True)
    assert gathers(across, taken, {"a0", "b0", "c0"}, [("d0",)]), "left to right: lanes"


def test_a_short_last_row_of_tops_hung_from_several_rows_goes_in_its_columns() -> None:
    """Tops placed column by column by the breadcrumb rows they hang from put a short
    last row's tops in the first columns; held centred in the gaps, such a top ran its
    arrow up among the arrows of the columns either side, of other rows, and crossed one
    (1,500 generated nodes on A4, page 148: a rebuttal below two columns of three). Each
    goes under the box of its column, held in line; rows from one breadcrumb row, as
    before, centred in the gaps."""
    rows = [
        [Item(f"{r}{c}", 200.0, (40.0,), f"{r}{c}") for c in range(n)]
        for r, n in zip("abcd", (2, 2, 2, 1), strict=True)
    ]
    lined: list[Wrap] = []
    note_rows(TRAIL, rows, lined, lined=True)
    assert [hold for hold in lined[0].holds if hold[0] == "d0"] == [("d0", "c0")]
    assert ("d0", "c0") in lined[0].columns
    centred: list[Wrap] = []
    note_rows(TRAIL, rows, centred)
    assert {("d0", "c0"), ("d0", "c1"), ("d0", "a1")} <= set(centred[0].holds)
