"""A page the layout engine fails on is laid out from plainer DOT, not lost."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.errors import EngineFailedError
from argmap.exporters.diagram import dotfallback, enginepool
from argmap.exporters.diagram.engine import (
    DEFAULT_TIMEOUT,
    find_engine,
    run_engine,
    run_engine_pngs,
)
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

CASES = Path(__file__).parent / "cases" / "engine"
FAILING = ["step-label-along-a-rank", "step-labels-ranked-apart"]
"""Pages as argmap wrote them before a "so" arrow along a rank had its word placed after
layout: the engine fails on them ("lost ... edge", "trouble in init_rank")."""


def _graph(name: str) -> str:
    return (CASES / f"{name}.dot").read_text(encoding="utf-8")


def _boxes(source: str) -> list[str]:
    """The names of the graph's node statements."""
    names = re.findall(r'^\s*("[^"]*"|\w+) \[label=', source, re.M)
    return [name for name in names if name not in ("graph", "node", "edge")]


def _nodes(source: str) -> list[str]:
    """The names of the node statements and of the visible edges' ends, sorted."""
    names = _boxes(source)
    edges = [
        (tail, head)
        for tail, head, attrs in re.findall(
            r'^\s*("[^"]*"|\w+)(?::\w+)* -> ("[^"]*"|\w+)(?::\w+)* \[(.*)\]$', source, re.M
        )
        if "style=invis" not in attrs
    ]
    return sorted(names) + sorted(f"{tail} -> {head}" for tail, head in edges)


@pytest.mark.parametrize("name", FAILING)
def test_a_page_the_engine_fails_on_is_laid_out_from_plainer_dot(name: str) -> None:
    """Every box and arrow of the page is drawn; the render goes on."""
    source, info = _graph(name), find_engine("auto")
    with pytest.raises(EngineFailedError):
        run_engine(source, "svg", info)
    (svg,) = enginepool._lay_out([source], info, "map", DEFAULT_TIMEOUT)
    drawn = svg.decode("utf-8")
    assert drawn.rstrip().endswith("</svg>")
    assert drawn.count('class="node') == len(_boxes(source)) > 5


def test_a_batch_with_a_page_the_engine_fails_on_keeps_its_other_pages_as_they_are() -> None:
    """The batch is laid out a page at a time: the others drawn as ever, all in order."""
    info = find_engine("auto")
    m = load_map(MAPS / "school-uniforms.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(portrait=True), "a4", info)  # two pages
    good = [page.graph.source for page in layout.pages[:2]]
    batch = [good[0], _graph(FAILING[0]), good[1]]
    drawn = enginepool._lay_out(batch, info, "map", DEFAULT_TIMEOUT)
    assert len(drawn) == 3
    assert drawn[0] == enginepool._lay_out([good[0]], info, "map", DEFAULT_TIMEOUT)[0]
    assert drawn[2] == enginepool._lay_out([good[1]], info, "map", DEFAULT_TIMEOUT)[0]
    assert b"junction c1_0_18" in drawn[1]


def test_a_png_page_the_engine_fails_on_is_drawn_from_plainer_dot() -> None:
    """Drawn by the engine (the system's, or without a resvg binding), as its SVG was."""
    source = _graph(FAILING[0]).replace("digraph argmap {", "digraph argmap {\n\tdpi=72", 1)
    (png,) = run_engine_pngs([source], find_engine("auto"))
    assert png.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", png[16:24])
    assert width > 300 and height > 200


def test_plainer_graphs_keep_every_box_and_arrow() -> None:
    """Each step keeps every node and every visible edge; a graph with nothing to take
    out gives none."""
    for name in FAILING:
        source = _graph(name)
        steps = list(dotfallback.plainer(source))
        assert len(steps) == 2
        assert all(_nodes(step) == _nodes(source) for step in steps)
        assert "rank=same" in source and all(
            "rank=same" not in line for line in steps[1].split("\n")
        )
    assert list(dotfallback.plainer("digraph { a -> b [color=red] }")) == []


def test_words_move_to_xlabels_on_edges_only() -> None:
    """A node's label stays; an edge's ``label`` becomes an ``xlabel``; a value that
    holds the words ``label=so`` is left as written."""
    source = "\n".join(
        [
            "digraph {",
            '\tc1 [label=<<B>So</B>> tooltip="x label=so y"]',
            '\t"trail":r1 -> "junction c1" [label=so arrowhead=none tooltip="a [label=so] b"]',
            "\tt -> c1 [arrowhead=empty label=so]",
            "}",
        ]
    )
    graph = next(dotfallback.plainer(source))
    lines = graph.split("\n")
    assert lines[1] == '\tc1 [label=<<B>So</B>> tooltip="x label=so y"]'
    assert lines[2] == (
        '\t"trail":r1 -> "junction c1" [xlabel=so arrowhead=none tooltip="a [label=so] b"]'
    )
    assert lines[3] == "\tt -> c1 [arrowhead=empty xlabel=so]"


ROW_AB = ["\t{", "\t\trank=same", "\t\ta", "\t\tb", "\t}", "\ta -> b [style=invis]"]
"""A row of ``a`` and ``b`` as the planner asks for one: a rank, and an edge to order it."""


def test_rows_let_go_keep_the_edges_that_hold_anything_else() -> None:
    """The ``rank=same`` groups go with the invisible edges between their members; an
    invisible edge to a node outside them (the key's, below a row) stays."""
    source = "\n".join(
        [
            "digraph {",
            "\ta -> t [label=so]",
            "\tb -> t",
            *ROW_AB,
            '\t"legend key" -> a [style=invis]',
            "}",
        ]
    )
    *_, plain = dotfallback.plainer(source)
    assert plain.split("\n") == [
        "digraph {",
        "\ta -> t [xlabel=so]",
        "\tb -> t",
        '\t"legend key" -> a [style=invis]',
        "}",
    ]


WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
TRICKS = st.sampled_from(["", "label=so", "{", "rank=same", "x -> y [style=invis]", "}", "<b>"])


@given(st.lists(st.one_of(WORDS, TRICKS), max_size=6))
def test_a_quoted_value_is_never_edited(lines: list[str]) -> None:
    """Whatever a tooltip says, over several lines (escaped as argmap escapes it), only the
    edge's own ``label`` is renamed, and no line of it is taken for a row."""
    words = "\n".join(lines)
    quoted = '"' + words.replace("\\", "\\\\").replace('"', '\\"') + '"'
    source = "\n".join(
        [
            "digraph {",
            f"\ta [label=<<B>A</B>> tooltip={quoted}]",
            f"\ta -> b [label=so tooltip={quoted} color=red]",
            *ROW_AB,
            "}",
        ]
    )
    *_, plain = dotfallback.plainer(source)
    assert plain == "\n".join(
        [
            "digraph {",
            f"\ta [label=<<B>A</B>> tooltip={quoted}]",
            f"\ta -> b [xlabel=so tooltip={quoted} color=red]",
            "}",
        ]
    )


def test_a_page_no_plainer_graph_saves_raises_the_engines_first_error() -> None:
    """The batch, then each page alone, then the page's plainer graphs in turn: none
    drawn, the message is the engine's first (which graph failed, and what to try)."""
    tried: list[list[str]] = []

    def run(graphs: list[str]) -> list[str]:
        tried.append(graphs)
        if len(graphs) == 1 and graphs[0] == "good":
            return ["drawn"]
        raise EngineFailedError(f"failed on try {len(tried)}")

    bad = _graph(FAILING[1])
    with pytest.raises(EngineFailedError, match="failed on try 3$"):
        dotfallback.despite_failures(["good", bad], run)
    assert tried[:3] == [["good", bad], ["good"], [bad]]
    assert [len(graphs) for graphs in tried[3:]] == [1, 1], "two plainer graphs, then no more"
