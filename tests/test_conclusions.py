"""Conclusions drawn from the thesis: file format, validation, standing, every export, editing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from argmap.analysis.standing import Standing, analyze
from argmap.analysis.stats import stats_data
from argmap.analysis.view import submap
from argmap.cli import main
from argmap.exporters.diagram.formats import to_dot
from argmap.exporters.html.page import render_html
from argmap.exporters.json import to_records
from argmap.exporters.markdown import to_markdown
from argmap.exporters.terminal import format_tree
from argmap.interop import get_importer
from argmap.interop.aif import to_aif_data
from argmap.interop.argdown.writer import to_argdown
from argmap.load.maps import load_map
from argmap.load.schema import json_schema
from argmap.model import ArgumentMap, NodeKind, Relation, drawing_steps, reading_order
from argmap.options import RenderOptions
from tests.conftest import write

IN, OUT, UNDEC = Standing.IN, Standing.OUT, Standing.UNDECIDED

MAP = """\
title: Uniforms
thesis:
  id: t
  text: Schools should require uniforms.
  premises:
    - id: p
      text: Uniforms reduce bullying.
      objections:
        - id: o-p
          text: The studies are weak.
          links: [so-act]
  conclusions:
    - id: so-act
      text: The board should act this year.
      quote: act this year
      tags: [article]
      objections:
        - id: no-budget
          text: The board has no budget this year.
          author: A. Reviewer
          added: 2026-12-02
        - id: not-urgent
          text: Nothing makes it urgent.
          undercut: true
      conclusions:
        - id: others-follow
          text: Other districts should follow.
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return write(tmp_path, "uniforms.yaml", MAP)


@pytest.fixture
def m(path: Path) -> ArgumentMap:
    return load_map(path)


# -- the model ----------------------------------------------------------------------------
def test_conclusions_are_drawn_from_their_parent_not_its_children(m: ArgumentMap) -> None:
    c = m.get("so-act")
    assert (c.kind, c.parent, c.relation) == (NodeKind.CONCLUSION, "t", None)
    assert m.get("others-follow").parent == "so-act"
    assert [n.id for n in m.children("t")] == ["p"]  # the case for the thesis only
    assert [n.id for n in m.children("so-act")] == ["no-budget", "not-urgent"]
    assert [n.id for n in m.walk()] == ["t", "p", "o-p"]
    assert [n.id for n in reading_order(m)] == [n.id for n in m.nodes]
    assert [(s.id, c.id) for s, c in drawing_steps(m)] == [
        ("t", "so-act"),
        ("so-act", "others-follow"),
    ]
    # A conclusion takes part in no edge: it bears on nothing.
    assert all(source.kind is not NodeKind.CONCLUSION for source, *_ in m.edges())


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "  premises:\n    - text: P.\n      conclusions:\n        - text: C.\n",
            ":7:7:",
            "a premise cannot have 'conclusions': a conclusion is drawn from the thesis",
        ),
        (
            "  conclusions:\n    - id: c\n      text: C.\n      links: [t]\n",
            ":8:15:",
            "a conclusion bears on nothing, so it has no 'links'",
        ),
        (
            "  conclusions:\n    - text: C.\n      premises:\n        - text: P.\n",
            ":7:7:",
            "a conclusion cannot have 'premises' (it can have 'objections', 'conclusions')",
        ),
        (
            "  conclusions:\n    - text: C.\n      undercut: true\n",
            ":7:7:",
            "unknown field 'undercut'",
        ),
        (
            "  conclusions:\n    - id: t\n      text: C.\n",
            ":6:7:",
            "duplicate id 't'",
        ),
    ],
)
def test_misplaced_conclusions_are_located(
    runner: CliRunner, tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = write(tmp_path, "bad.yaml", "title: Bad\nthesis:\n  id: t\n  text: T.\n" + text)
    before = path.read_bytes()
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"bad.yaml{where}" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == before


def test_cross_links_may_target_a_conclusion(m: ArgumentMap) -> None:
    assert m.get("o-p").links[0].to == "so-act"
    assert ("o-p", Relation.ATTACKS, True) in [(s.id, r, c) for s, r, c in m.incoming("so-act")]


# -- standing -----------------------------------------------------------------------------
def _standing(text: str, tmp_path: Path) -> dict[str, Standing]:
    return dict(analyze(load_map(write(tmp_path, "s.yaml", text))).standing)


def test_a_conclusion_falls_with_its_source(tmp_path: Path) -> None:
    text = (
        "title: S\nthesis:\n  id: t\n  text: T.\n"
        "  objections:\n    - id: o\n      text: O.\n"
        "  conclusions:\n    - id: c\n      text: C.\n"
        "      conclusions:\n        - id: c2\n          text: C2.\n"
    )
    assert _standing(text, tmp_path) == {"t": OUT, "o": IN, "c": OUT, "c2": OUT}
    answered = text.replace(
        "      text: O.\n",
        "      text: O.\n      rebuttals:\n        - id: r\n          text: R.\n",
    )
    assert _standing(answered, tmp_path) == {"t": IN, "o": OUT, "r": IN, "c": IN, "c2": IN}


def test_an_objection_or_an_undercut_of_the_step_defeats_it(
    m: ArgumentMap, tmp_path: Path
) -> None:
    a = analyze(m)
    # The thesis stands (its premise fell to o-p, but nothing attacks the thesis).
    assert a.standing["t"] is IN
    assert a.standing["so-act"] is OUT  # no-budget, not-urgent and o-p all stand
    assert a.link_standing["so-act"] is OUT  # the step, undercut by not-urgent
    assert a.standing["others-follow"] is OUT  # drawn from a conclusion that fell
    only_undercut = (
        "title: S\nthesis:\n  id: t\n  text: T.\n  conclusions:\n    - id: c\n      text: C.\n"
        "      objections:\n        - id: u\n          text: U.\n          undercut: true\n"
    )
    assert _standing(only_undercut, tmp_path) == {"t": IN, "c": OUT, "u": IN}


def test_stats_list_the_conclusions(m: ArgumentMap, runner: CliRunner, path: Path) -> None:
    data = stats_data(m, analyze(m))
    assert data["by_kind"]["conclusion"] == 2
    assert [(r["id"], r["target"], r["standing"]) for r in data["conclusions"]] == [
        ("so-act", "t", "out"),
        ("others-follow", "so-act", "out"),
    ]
    out = runner.invoke(main, ["stats", str(path)]).output
    assert (
        re.search(r"^  conclusion +2$", out, re.M)
        and "conclusions drawn from the thesis (2)" in out
    )
    plain = runner.invoke(main, ["stats", "maps/school-uniforms.yaml"]).output
    assert "conclusion" not in plain  # maps without conclusions read as before


# -- exports ------------------------------------------------------------------------------
def test_diagram_draws_a_so_arrow_up_to_each_conclusion(m: ArgumentMap) -> None:
    dot = to_dot(m, analyze(m))
    # From the thesis to the conclusion: with the thesis on top, the conclusion sits above.
    assert re.search(r'^\s*t -> "junction so-act" \[.*label=so', dot, re.M), dot
    assert re.search(r'^\s*"junction so-act" -> "so-act" \[.*class="drawn-from"', dot, re.M)
    assert re.search(r'^\s*"so-act" -> "others-follow" \[.*class="drawn-from"', dot, re.M)
    assert "class=conclusion" in dot and "CONCLUSION" in dot
    assert "a conclusion drawn from the claim below it" in dot  # the key explains it
    for theme in ("print", "contrast"):
        assert "drawn-from" in to_dot(m, analyze(m), RenderOptions(theme=theme))


@pytest.mark.parametrize(
    ("direction", "where"),
    [("TB", "below it"), ("BT", "above it"), ("LR", "to its right"), ("RL", "to its left")],
)
def test_the_key_says_where_a_conclusions_claim_is_drawn(
    m: ArgumentMap, direction: str, where: str
) -> None:
    """Left to right the conclusion is drawn left of its claim, not above it: the key said
    "the claim below it" in every direction."""
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    dot = to_dot(m, analyze(m), options)
    assert f"a conclusion drawn from the claim {where}" in dot
    assert dot.count("a conclusion drawn from the claim") == 1


def test_outline_page_has_a_conclusions_section(m: ArgumentMap) -> None:
    html = render_html(m, analyze(m), diagram=False)
    section = html.split('id="conclusions-heading"', 1)[1]
    assert "Conclusions drawn from the thesis" in section
    assert section.index('data-id="so-act"') < section.index('data-id="others-follow"')
    assert html.index('data-id="o-p"') < html.index('id="conclusions-heading"')
    assert "drawn from" in section


def test_text_exports_show_conclusions(m: ArgumentMap) -> None:
    tree = format_tree(m)
    assert "=> conclusion (drawn from [t]) [so-act]" in tree
    assert "=> conclusion (drawn from [so-act]) [others-follow]" in tree
    assert tree.index("[o-p]") < tree.index("[so-act]")
    md = to_markdown(m)
    assert "## Conclusions drawn from the thesis" in md
    assert "**Conclusion (drawn from the thesis)** `so-act`" in md
    # The step into a conclusion runs from what it is drawn from, up to it.
    assert "**Objection, undercutting a link** `not-urgent`: Nothing makes it urgent." in md
    assert "*undercuts the link from the thesis to “The board should act this year.”*" in md
    records = {r["id"]: r for r in to_records(m)["nodes"]}
    assert (records["so-act"]["kind"], records["so-act"]["parent"]) == ("conclusion", "t")
    assert records["so-act"]["relation"] is None


def test_views_keep_conclusions(m: ArgumentMap) -> None:
    hidden = submap(m, RenderOptions(hide=frozenset({"reviewers"})))
    assert "so-act" in hidden and "others-follow" in hidden and "no-budget" not in hidden
    focused = submap(m, RenderOptions(focus="so-act"))
    assert [n.id for n in focused.nodes] == ["t", "so-act", "no-budget", "not-urgent"]


def test_schema_describes_conclusions() -> None:
    from ruamel.yaml import YAML

    schema = json_schema()
    data = json.loads(json.dumps(YAML(typ="safe").load(MAP), default=str))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    data["thesis"]["conclusions"][0]["links"] = ["t"]
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_argdown_says_the_thesis_supports_its_conclusion(m: ArgumentMap) -> None:
    text = to_argdown(m)
    assert (
        '\n[t]\n  +> <so-act>: The board should act this year. #article {kind: "conclusion"'
        in text
    )
    assert "\n    - <no-budget>:" in text and "\n    _ <not-urgent>:" in text
    assert "\n<so-act>\n  +> <others-follow>:" in text
    result = get_importer("argdown")(text, "u.argdown")
    assert result.warnings == ()
    assert result.map == m
    assert to_argdown(result.map) == text  # byte for byte


def test_aif_has_an_inference_from_thesis_to_conclusion(m: ArgumentMap) -> None:
    data = to_aif_data(m)
    kinds = {n["nodeID"]: n["type"] for n in data["nodes"]}
    into: dict[str, list[str]] = {}
    for edge in data["edges"]:
        into.setdefault(edge["toID"], []).append(edge["fromID"])
    (ra,) = [s for s in into["so-act"] if kinds[s] == "RA"]
    assert [s for s in into[ra] if kinds[s] == "I"] == ["t"]
    # The undercut attacks that inference: a CA from not-urgent into the RA.
    (ca,) = [s for s, k in kinds.items() if k == "CA" and into.get(s) == ["not-urgent"]]
    assert any(e["fromID"] == ca and e["toID"] == ra for e in data["edges"])
    assert ra == "drawn:so-act"  # how argmap reads it back: AIF has no mark for it
    again = get_importer("aif")(json.dumps(data), "u.json").map
    assert again.thesis.id == "t"
    assert [(n.id, n.kind, n.parent) for n in again.nodes if n.kind is NodeKind.CONCLUSION] == [
        ("so-act", NodeKind.CONCLUSION, "t"),
        ("others-follow", NodeKind.CONCLUSION, "so-act"),
    ]
    assert again.get("not-urgent").relation is Relation.UNDERCUTS


def test_add_objection_to_a_conclusion(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(
        main,
        ["add", "objection", str(path), "--to", "others-follow", "--text", "Districts differ."],
    )
    assert result.exit_code == 0, result.output
    again = load_map(path)
    assert again.get("districts-differ").parent == "others-follow"
    result = runner.invoke(
        main, ["add", "conclusion", str(path), "--to", "p", "--text", "Not from a premise."]
    )
    assert result.exit_code == 1 and "a conclusion cannot go under a premise" in result.output


def test_fitted_pages_draw_the_conclusions_with_the_thesis(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Page 1 holds the root, so it draws what is drawn from it, each conclusion once."""
    flagship = Path(__file__).resolve().parents[1] / "maps" / "russias-game-in-north-korea.yaml"
    result = runner.invoke(
        main, ["render", str(flagship), "-f", "svg", "--fit", "slide", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    pages = sorted(tmp_path.glob("*.svg"))
    assert len(pages) > 1
    for conclusion in ("us-fails-to-grasp", "lesson-transcends-korea"):
        node_id = f'id="node-{conclusion}"'.replace("-", "&#45;")  # as the engine writes it
        holding = [p.name for p in pages if node_id in p.read_text("utf-8")]
        assert holding == [pages[0].name], conclusion
    assert 'class="edge drawn&#45;from"' in pages[0].read_text("utf-8")


def test_remove_takes_what_is_drawn_from_a_conclusion(runner: CliRunner, path: Path) -> None:
    before = path.read_bytes()
    refused = runner.invoke(main, ["remove", str(path), "so-act"])
    assert refused.exit_code == 1 and "'others-follow'" in refused.output
    assert path.read_bytes() == before  # nothing lost
    # (--force: the branch holds A. Reviewer's objection; see test_signed)
    done = runner.invoke(main, ["remove", str(path), "so-act", "--recursive", "--force"])
    assert done.exit_code == 0, done.output
    assert done.output.split() == ["so-act", "no-budget", "not-urgent", "others-follow"]
    again = load_map(path)
    assert [n.id for n in again.nodes] == ["t", "p", "o-p"]
    assert again.get("o-p").links == ()  # the cross-link into the removed conclusion too


def test_worksheets_number_conclusions_and_blank_them(m: ArgumentMap) -> None:
    from argmap.exercise.numbering import positions

    labels = positions(m)
    drawn = [node.id for node in m.nodes if node.kind is NodeKind.CONCLUSION]
    assert [labels[i] for i in drawn] == [f"C{n}" for n in range(1, len(drawn) + 1)]
    assert set(labels) == {node.id for node in m.nodes}
    page = render_html(m, analyze(m), RenderOptions(exercise=True))
    for node_id in drawn:
        assert m.get(node_id).text not in page
