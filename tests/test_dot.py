"""The DOT builder: golden files, conventions, options and escaping of the source text."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind
from argmap.errors import OptionMisuseError
from argmap.exporters import RenderOptions, get_exporter
from argmap.exporters.diagram.build import to_digraph
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.formats import render_svg, to_dot
from argmap.exporters.diagram.longtext import QUOTE_CHARS, UNPAGED_CHARS
from argmap.exporters.diagram.styles import EDGE_STYLE, NODE_STYLE, THEMES
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, NodeKind, Relation
from tests.conftest import GOLDEN, MAPS
from tests.golden_dot import DOT_GOLDEN, NESTED, UNIFORMS


@pytest.mark.parametrize("name", sorted(DOT_GOLDEN))
def test_golden_dot(name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert DOT_GOLDEN[name]() == expected, f"{name} changed; run `make golden` and read the diff"


def _statements(dot: str) -> dict[str, str]:
    """Node statements by name (quoted or bare), whole statement text."""
    out: dict[str, str] = {}
    for match in re.finditer(r'^\t+(?:"([^"]+)"|([\w.]+)) \[(.*?)\]$', dot, re.M | re.S):
        out[match.group(1) or match.group(2)] = match.group(3)
    for keyword in ("graph", "node", "edge"):
        out.pop(keyword, None)
    return out


def _edges(dot: str) -> list[tuple[str, str, str]]:
    pattern = r'^\t+(?:"([^"]+)"|([\w.]+)) -> (?:"([^"]+)"|([\w.]+)) \[(.*?)\]$'
    return [
        (m.group(1) or m.group(2), m.group(3) or m.group(4), m.group(5))
        for m in re.finditer(pattern, dot, re.M)
    ]


@pytest.fixture(scope="module")
def uniforms() -> ArgumentMap:
    return load_map(UNIFORMS)


def test_every_node_once_with_id_class_tooltip_and_link(uniforms: ArgumentMap) -> None:
    dot = to_dot(uniforms, analyze(uniforms))
    statements = _statements(dot)
    for node in uniforms.nodes:
        attrs = statements[node.id]
        assert f'id="node-{node.id}"' in attrs
        assert f'URL="#node-{node.id}"' in attrs
        assert re.search(rf'class="?{draw_kind(uniforms, node).value}\b', attrs)
        assert "tooltip=" in attrs


def test_relation_classes_and_colours(uniforms: ArgumentMap) -> None:
    edges = _edges(to_dot(uniforms, analyze(uniforms)))
    by_pair = {(a, b): attrs for a, b, attrs in edges}
    support = by_pair[("survey-costs", "cost")]
    assert "class=supports" in support and EDGE_STYLE[Relation.SUPPORTS].color in support
    attack = by_pair[("expression", "uniforms")]
    assert "class=attacks" in attack and EDGE_STYLE[Relation.ATTACKS].color in attack
    rebuttal = by_pair[("second-hand", "upfront-cost")]
    assert NODE_STYLE[NodeKind.REBUTTAL].border in rebuttal


def test_linked_premises_make_one_reason_with_one_arrow(uniforms: ArgumentMap) -> None:
    dot = to_dot(uniforms, analyze(uniforms))
    assert 'subgraph "cluster_group less-bullying"' in dot
    into_thesis = [e for e in _edges(dot) if e[1] == "uniforms" and "linked" in e[2]]
    assert len(into_thesis) == 1
    assert 'ltail="cluster_group less-bullying"' in into_thesis[0][2]
    members = {"bullying-clothes", "uniforms-equalise"}
    drawn = [e for e in _edges(dot) if "style=invis" not in e[2]]  # not the holds of rows
    assert not [e for e in drawn if e[0] in members and "linked" not in e[2]]


def test_undercutter_ends_on_a_junction_on_the_support_link(uniforms: ArgumentMap) -> None:
    edges = _edges(to_dot(uniforms, analyze(uniforms)))
    junction = "junction identity"
    assert ("identity", junction) in {(a, b) for a, b, _ in edges}
    assert (junction, "uniforms") in {(a, b) for a, b, _ in edges}
    undercut = [e for e in edges if e[0] == "belonging-anecdote"]
    assert [(a, b) for a, b, _ in undercut] == [("belonging-anecdote", junction)]
    assert "class=undercuts" in undercut[0][2]


UNDERCUT_UNDERCUTTER = {
    "title": "An undercutter undercut",
    "thesis": {
        "id": "t",
        "text": "The school should adopt uniforms.",
        "premises": [
            {
                "id": "p",
                "text": "Uniforms cut costs for families.",
                "objections": [
                    {
                        "id": "u",
                        "text": "Cheaper clothes do not follow from cheaper uniforms.",
                        "undercut": True,
                        "rebuttals": [
                            {"id": "r", "text": "That does not bear on it.", "undercut": True},
                            {"id": "q", "text": "Uniforms are dearer than it says."},
                        ],
                    }
                ],
            }
        ],
    },
}
"""A rebuttal that undercuts an undercutter: it attacks the step from ``u`` to ``p``'s link."""


def test_an_undercutter_undercut_in_its_turn_carries_a_junction_of_its_own() -> None:
    """The rebuttal's arrow aimed at a junction on the undercutter's arrow that no one drew:
    the engine drew a grey box "junction u", the rebuttal hanging from it, off the tree."""
    m = validate_data(UNDERCUT_UNDERCUTTER)
    dot = to_dot(m, analyze(m))
    declared = set(re.findall(r'^\t+"(junction [^"]+)" \[', dot, re.M))
    assert declared == {"junction p", "junction u"}
    edges = {(a, b): attrs for a, b, attrs in _edges(dot)}
    assert "arrowhead=none" in edges["u", "junction u"]
    assert "arrowhead=tee" in edges["junction u", "junction p"]
    assert "arrowhead=tee" in edges["r", "junction u"]
    assert "junction u" not in {b for a, b in edges if a == "q"}  # a plain rebuttal: at the box
    assert ("q", "u") in edges
    drawings = [render_svg(m, analyze(m))]
    for fit, direction in (("slide", "TB"), ("a4", "LR"), ("slide", "BT")):
        options = RenderOptions(direction=direction)
        layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
        drawings += [page.svg for page in layout.pages]
    for svg in drawings:  # no box drawn for a junction: its name is no text
        assert re.search(r"<text[^>]*>junction", svg) is None


def test_objection_to_objection_is_drawn_as_rebuttal_and_cross_links_dashed() -> None:
    m = load_map(NESTED)
    assert m.get("volunteers").kind is NodeKind.OBJECTION
    assert draw_kind(m, m.get("volunteers")) is NodeKind.REBUTTAL
    dot = to_dot(m, analyze(m))
    assert re.search(r'class="?rebuttal', _statements(dot)["volunteers"])
    cross = [e for e in _edges(dot) if "cross-link" in e[2]]
    assert {(a, b) for a, b, _ in cross} == {
        ("volunteers", "demand"),
        ("small-sample", "junction poll"),
    }
    assert all("style=dashed" in attrs and "constraint=false" in attrs for _, _, attrs in cross)


def test_reviewer_shows_author_and_evidence_basis_and_citation(uniforms: ArgumentMap) -> None:
    statements = _statements(to_dot(uniforms, analyze(uniforms)))
    assert "added by A. Reviewer" in statements["expression"]
    assert "reviewer" in statements["expression"]
    evidence = statements["survey-costs"]
    assert "EVIDENCE · STATISTIC" in evidence and "shape=note" in evidence
    assert "— Parent survey, spring term" in evidence


def test_legend_lists_only_what_the_map_shows() -> None:
    m = validate_data(
        {"title": "T", "thesis": {"id": "t", "text": "A claim.", "premises": [{"text": "Why."}]}}
    )
    legend = _statements(to_dot(m, analyze(m)))["legend key"]
    assert ">thesis<" in legend and ">reason<" in legend and "arrow: supports" in legend
    for absent in (">objection<", ">evidence<", ">rebuttal<", "attacks", "dashed", "box:"):
        assert absent not in legend
    full = _statements(to_dot(load_map(UNIFORMS), analyze(load_map(UNIFORMS))))["legend key"]
    for present in (">objection<", ">evidence<", ">rebuttal<", "undercuts", "box:"):
        assert present in full
    # A linked box in the terms students are taught (Rationale's), as the key's "reason".
    assert ">box: a linked reason, co-premises that support only together<" in full


def test_the_key_explains_a_linked_box_only_on_a_page_that_draws_one() -> None:
    # On the uniforms' upright A4 pages the linked pair is drawn on page 1, the key on
    # page 2; on upright slides (and Letter) it is a stub ("+1 more, p. 3") on page 1 too.
    m = load_map(UNIFORMS)
    pages = get_exporter("svg").render(m, analyze(m), RenderOptions(fit="a4", portrait=True))
    assert isinstance(pages, list) and len(pages) > 1
    keyed = [page for page in pages if 'id="legend"' in str(page)]
    assert keyed
    drawn = any("cluster_group" in str(page) for page in pages)
    for page in keyed:
        assert drawn == ("box: a linked reason" in str(page))
    depth_one = to_dot(m, analyze(m), RenderOptions(focus="uniforms", depth=1))
    assert "cluster_group" in depth_one and "box: a linked reason" in depth_one


def test_the_key_explains_an_arrow_into_the_breadcrumb() -> None:
    """A focus on an undercutter drew a bar-ended arrow into the breadcrumb; the key said
    only "objection"."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    focus = "made-is-not-supplied-now"
    assert m.get(focus).relation is Relation.UNDERCUTS
    pages = get_exporter("svg").render(m, analyze(m), RenderOptions(fit="slide", focus=focus))
    page = pages if isinstance(pages, str) else pages[0]
    legend = page.split('id="legend"')[1]
    assert "undercuts that inference" in legend


def _quoting(quote: str) -> ArgumentMap:
    return validate_data(
        {
            "title": "T",
            "thesis": {
                "id": "t",
                "text": "A claim.",
                "evidence": [{"id": "e", "text": "alpha " * 30, "quote": quote}],
            },
        }
    )


def test_text_is_wrapped_and_long_quotes_drawn_in_full() -> None:
    """A quote is what a teacher hands out: drawn whole, wrapped wider when long."""
    quote = " ".join(f"word{i}" for i in range(100))
    assert len(quote) > QUOTE_CHARS
    m = _quoting(quote)
    attrs = _statements(to_dot(m, analyze(m)))["e"]
    label = attrs.split("tooltip=")[0]
    assert label.count("<BR") >= 4
    words = re.findall(r"word\d+", label)
    assert words == quote.split(), "every word of the quote, in order"
    assert "…" not in label and "(cut:" not in label
    tooltip = attrs.split("tooltip=")[1]
    assert quote.strip() in tooltip


def test_a_quote_too_long_for_any_drawing_is_cut_visibly() -> None:
    quote = "word " * (UNPAGED_CHARS // 5 + 10)
    m = _quoting(quote)
    label = _statements(to_dot(m, analyze(m)))["e"].split("tooltip=")[0]
    assert "…" in label and f"(cut: {len(quote.strip()):,} characters in all" in label
    assert label.count("word") < UNPAGED_CHARS // 5 + 10


def test_direction_option_maps_thesis_position(uniforms: ArgumentMap) -> None:
    wanted = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}
    for direction, rankdir in wanted.items():
        dot = to_dot(uniforms, analyze(uniforms), RenderOptions(direction=direction))  # type: ignore[arg-type]
        assert f"rankdir={rankdir}" in dot


def test_focus_and_depth_draw_a_sub_map(uniforms: ArgumentMap) -> None:
    names = set(
        _statements(to_dot(uniforms, analyze(uniforms), RenderOptions(focus="cost", depth=1)))
    )
    # The sub-map keeps the chain up to the thesis as context.
    assert names == {"uniforms", "cost", "survey-costs", "upfront-cost", "legend key"}
    deeper = set(_statements(to_dot(uniforms, analyze(uniforms), RenderOptions(focus="cost"))))
    assert "second-hand" in deeper
    top = set(_statements(to_dot(uniforms, analyze(uniforms), RenderOptions(depth=0))))
    assert top == {"uniforms", "legend key"}


def test_focus_keeps_the_chain_to_the_thesis_and_co_premises(uniforms: ArgumentMap) -> None:
    names = set(
        _statements(to_dot(uniforms, analyze(uniforms), RenderOptions(focus="second-hand")))
    )
    assert names == {"uniforms", "cost", "upfront-cost", "second-hand", "legend key"}
    linked = set(
        _statements(to_dot(uniforms, analyze(uniforms), RenderOptions(focus="bullying-clothes")))
    )
    assert {"uniforms", "bullying-clothes", "uniforms-equalise"} <= linked
    assert "cost" not in linked


def test_unknown_focus_is_a_command_line_mistake(uniforms: ArgumentMap) -> None:
    with pytest.raises(OptionMisuseError, match="--focus 'nope': no node has that id"):
        to_dot(uniforms, analyze(uniforms), RenderOptions(focus="nope", map_name="maps/x.yaml"))


@pytest.mark.parametrize(
    ("hide", "gone", "kept"),
    [
        ("evidence", {"survey-costs"}, {"cost", "expression"}),
        ("reviewers", {"expression"}, {"survey-costs"}),
        ("quotes", set(), {"survey-costs", "expression"}),
    ],
)
def test_hide_options(uniforms: ArgumentMap, hide: str, gone: set[str], kept: set[str]) -> None:
    names = set(
        _statements(to_dot(uniforms, analyze(uniforms), RenderOptions(hide=frozenset({hide}))))
    )
    assert not gone & names
    assert kept <= names


def test_hide_quotes_drops_quote_lines() -> None:
    m = validate_data(
        {
            "title": "T",
            "thesis": {
                "id": "t",
                "text": "A claim.",
                "evidence": [{"id": "e", "text": "Fact.", "quote": "exact words here"}],
            },
        }
    )
    assert "exact words here" in to_dot(m, analyze(m))
    assert "exact words here" not in to_dot(
        m, analyze(m), RenderOptions(hide=frozenset({"quotes"}))
    )


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_themes_use_their_tables(uniforms: ArgumentMap, theme: str) -> None:
    dot = to_dot(uniforms, analyze(uniforms), RenderOptions(theme=theme))  # type: ignore[arg-type]
    nodes, edges = THEMES[theme]
    statements = _statements(dot)
    assert f'fillcolor="{nodes[NodeKind.PREMISE].fill}"' in statements["cost"]
    assert (
        f'color="{edges[Relation.ATTACKS].color}"'
        in {(a, b): attrs for a, b, attrs in _edges(dot)}[("expression", "uniforms")]
    )
    # Six-digit colours only: Debian's dot 2.43 fills three-digit ones black.
    assert not re.search(r'"#[0-9a-fA-F]{3}"', dot)


def test_print_theme_is_grayscale_and_patterned(uniforms: ArgumentMap) -> None:
    dot = to_dot(uniforms, analyze(uniforms), RenderOptions(theme="print"))
    colours = set(re.findall(r"#([0-9a-f]{6})", dot))
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours
    # Square corners for objections, rounded for reasons and rebuttals; bar-ended attacks.
    assert "style=filled" in _statements(dot)["expression"]
    assert "rounded" in _statements(dot)["second-hand"]
    assert "arrowhead=tee" in {(a, b): e for a, b, e in _edges(dot)}[("expression", "uniforms")]
    # Border patterns are left for --status.
    assert "dashed" not in "".join(_statements(dot).values())


def test_print_theme_is_grayscale_where_steps_to_conclusions_are_undercut() -> None:
    """The junction on an undercut "so" step (the flagship's two conclusions) was drawn
    purple in every theme, the print theme's grayscale too."""
    from argmap.load.maps import load_map
    from argmap.pipeline import render_map
    from tests.conftest import MAPS

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    drawings = [to_dot(m, analyze(m), RenderOptions(theme="print"))]
    pages = render_map(m, "svg", RenderOptions(theme="print", fit="slide"))
    assert isinstance(pages, list)
    drawings += [page if isinstance(page, str) else page.decode() for page in pages]
    for drawing in drawings:
        colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", drawing))
        assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours
    assert "junction" in drawings[0]


def test_status_badges_borders_and_legend(uniforms: ArgumentMap) -> None:
    analysis = analyze(uniforms)
    dot = to_dot(uniforms, analysis, RenderOptions(status=True))
    statements = _statements(dot)
    for node in uniforms.nodes:
        standing = analysis.standing[node.id].value
        link = analysis.link_standing.get(node.id)
        if standing == "in" and link is not None and link.value != "in":
            # A reason that stands but bears on nothing says so: its link is cut.
            assert f"status-in-link-{link.value}" in statements[node.id]
            assert f"[IN · LINK {link.value.upper()}]" in statements[node.id]
        else:
            assert f"status-{standing}" in statements[node.id]
            assert f"[{standing.upper()}]" in statements[node.id]
    assert "[IN · LINK OUT]" in statements["identity"]  # belonging-anecdote undercuts it
    assert "[OUT]" in statements["legend key"] and "[IN · LINK OUT]" in statements["legend key"]
    assert "status-" not in to_dot(uniforms, analyze(uniforms))


def test_escaping_in_dot_source() -> None:
    m = load_map(GOLDEN.parent / "cases" / "diagram-metachars.yaml")
    dot = to_dot(m, analyze(m))
    labels = "".join(re.findall(r"label=<(<TABLE.*?</TABLE>)>", dot))
    # HTML-like labels: markup in texts arrives as entities, never as tags.
    assert "<script>" not in labels and "&lt;script&gt;" in labels
    assert "<TABLE><TR><TD>not a table" not in labels
    # Quoted attributes (tooltips) keep markup as text; '&' is escaped for the SVG writer.
    assert 'tooltip="&lt;' not in dot and "&amp;amp;" in dot
    # Backslashes are escaped so Graphviz cannot expand \N or \G.
    assert "\\\\N" in dot


def test_exporters_registered() -> None:
    for name, suffix in (("dot", ".dot"), ("svg", ".svg"), ("png", ".png"), ("pdf", ".pdf")):
        assert get_exporter(name).suffix == suffix


def test_digraph_is_deterministic(uniforms: ArgumentMap) -> None:
    first = to_digraph(uniforms, analyze(uniforms)).source
    assert to_digraph(load_map(UNIFORMS), analyze(load_map(UNIFORMS))).source == first


def test_deep_map_builds_without_recursion() -> None:
    data: dict[str, object] = {"id": "n0", "text": "root"}
    current = data
    for i in range(1, 5000):
        child: dict[str, object] = {"id": f"n{i}", "text": f"step {i}"}
        current["premises"] = [child]
        current = child
    from argmap.deep import run_deep

    m = run_deep(lambda: validate_data({"title": "deep", "thesis": data}))
    dot = to_dot(m, analyze(m))
    assert dot.count("class=supports") == 4999


def test_huge_texts_are_capped_in_the_dot() -> None:
    big = "x" * 200_000
    m = validate_data(
        {
            "title": big,
            "thesis": {
                "id": "t",
                "text": big,
                "evidence": [{"id": "e", "text": big, "quote": big, "author": big}],
            },
        }
    )
    dot = to_dot(m, analyze(m))
    # Three texts drawn (two statements, a quote) up to UNPAGED_CHARS each, line breaks,
    # and tooltips capped sooner.
    assert len(dot) < 5 * UNPAGED_CHARS
    assert dot.count("(cut: 200,000 characters in all") == 3


def test_many_leaves_stack_in_a_square_block() -> None:
    from argmap.exporters.diagram.build import stack_columns

    assert [stack_columns(n) for n in (1, 2, 4, 9, 10, 100, 200)] == [2, 2, 2, 2, 4, 10, 15]
    evidence = [{"id": f"e{i}", "text": f"Fact {i}."} for i in range(100)]
    m = validate_data({"title": "t", "thesis": {"id": "t", "text": "T.", "evidence": evidence}})
    dot = to_dot(m, analyze(m))
    chains = re.findall(r"(e\d+) -> (e\d+) \[style=invis weight=(\d+)\]", dot)
    # Each leaf hangs below the one ten before it, held straight: ten columns of ten.
    assert len(chains) == 90
    assert all(int(a[1:]) - int(b[1:]) == 10 and w == "20" for a, b, w in chains)


@given(st.integers(min_value=10, max_value=20_000))
def test_a_block_of_leaves_is_never_so_deep_that_the_engine_crawls(leaves: int) -> None:
    """Each leaf's edge passes every row above its own: a square of 1,500 took 30 s."""
    from argmap.exporters.diagram.stacking import STACK_SPANS, stack_columns

    columns = stack_columns(leaves)
    rows = math.ceil(leaves / columns)
    passed = sum(min(columns, leaves - row * columns) * row for row in range(rows))
    assert passed <= STACK_SPANS + columns  # the last row may be short
    assert columns >= math.ceil(math.sqrt(leaves))  # never deeper than a square
    if leaves <= 400:  # blocks of a few hundred stay square, as before
        assert columns == math.ceil(math.sqrt(leaves))


def test_a_thesis_with_1500_premises_is_six_rows() -> None:
    premises = [{"id": f"p{i}", "text": f"Premise {i}."} for i in range(1500)]
    m = validate_data({"title": "t", "thesis": {"id": "t", "text": "T.", "premises": premises}})
    dot = to_dot(m, analyze(m))
    chains = re.findall(r"(p\d+) -> (p\d+) \[style=invis weight=20\]", dot)
    assert {int(a[1:]) - int(b[1:]) for a, b in chains} == {250}  # 6 rows of 250
