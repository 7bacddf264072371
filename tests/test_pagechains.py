"""A page of small branches hangs its tops from a few breadcrumb rows, their arrows apart."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pagechains import MOST_CHAINS, MOST_ROWS, chains, gathers
from argmap.load.maps import load_map
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
    tree = SimpleNamespace(parent=parent, horizontal=False, trail_of=partial(_trail, parent))
    taken = [("a0",), ("b0",), ("c0",)]
    assert gathers(tree, taken, {"a0", "b0", "c0"}, [("a1",)])
    assert not gathers(tree, taken, {"a0", "b0", "c0"}, [("d0",)])
    assert gathers(tree, taken, {"a0", "b0", "c0", "d", "d0"}, [("d0",)]), "d drawn: no row"
    assert gathers(tree, [("a0",)], {"a0"}, [("b1",)])
    across = SimpleNamespace(parent=parent, horizontal=True, trail_of=tree.trail_of)
    assert gathers(across, taken, {"a0", "b0", "c0"}, [("d0",)]), "left to right: lanes"


def _trail(parent: dict[str, str | None], node: str) -> tuple[str, ...]:
    """Every ancestor of ``node``, nearest first (a test tree's breadcrumb)."""
    out = []
    up = parent[node]
    while up is not None:
        out.append(up)
        up = parent[up]
    return tuple(out)


def test_a_page_gathers_branches_while_their_breadcrumb_stays_short() -> None:
    """Two branches hung from chains of four: their page's breadcrumb would have seven
    rows, so the second waits for a page of its own; a cousin, under rows drawn already
    but one, joins; left to right, any."""
    parent: dict[str, str | None] = {"t": None, "a": "t", "b": "t"}
    for side in "ab":
        for depth in range(1, 4):
            parent[f"{side}{depth}"] = f"{side}{depth - 1}" if depth > 1 else side
        parent[f"{side}3x"] = parent[f"{side}3y"] = f"{side}3"
    parent["a2x"] = "a2"
    tree = SimpleNamespace(parent=parent, horizontal=False, trail_of=partial(_trail, parent))
    assert len(_trail(parent, "a3x")) + len(_trail(parent, "b3x")) - 1 > MOST_ROWS
    assert not gathers(tree, [("a3x",)], {"a3x"}, [("b3x",)])
    assert gathers(tree, [("a3x",)], {"a3x"}, [("a3y",)]), "the same row"
    assert gathers(tree, [("a3x",)], {"a3x"}, [("a2x",)]), "no row more"
    across = SimpleNamespace(parent=parent, horizontal=True, trail_of=tree.trail_of)
    assert gathers(across, [("a3x",)], {"a3x"}, [("b3x",)]), "left to right: lanes"


@pytest.mark.parametrize(("source", "fit"), [("flagship", "slide"), (400, "slide"), (400, "a4")])
def test_branches_of_several_parents_share_a_page_under_a_short_breadcrumb(
    source: str | int, fit: str
) -> None:
    """The flagship's last slide drew the Sina evidence (its parent on p. 12) and the two
    Lavrov statements (p. 9) under one eight-row breadcrumb of both chains, their arrows
    ending at its corners; 400 generated nodes' tail pages, pairs of branches under
    breadcrumbs of up to eleven rows (fourteen on A4). A page of several parents'
    branches now has a breadcrumb no longer than one branch's may be."""
    if isinstance(source, int):
        m = _generated(source)
    else:
        m = load_map(Path(__file__).parent.parent / "maps" / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(fit=fit), fit, find_engine("auto"))  # type: ignore[arg-type]
    long = []
    for laid in layout.pages:
        page = laid.plan.page
        parents = {m.get(top).parent for top in page.tops}
        if len(parents) > 1 and len(page.trail) > MOST_ROWS:
            long.append((page.number, len(page.trail)))
    assert long == []
