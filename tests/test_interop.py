"""Interoperability: Argdown, AIF, Kialo and Markdown in and out, and the import command."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.cli import main
from argmap.cli.interop import _IMPORT_FORMATS
from argmap.errors import MapFileError, MapValidationError, OptionMisuseError, UnknownFormatError
from argmap.exporters import get_exporter
from argmap.exporters.markdown import escape_markdown, to_markdown
from argmap.interop import ImportOptions, get_importer, import_file, list_importers
from argmap.interop.aif import to_aif, to_aif_data
from argmap.interop.argdown.scan import Scan
from argmap.interop.argdown.writer import escape_text, to_argdown
from argmap.interop.graph import default_kind
from argmap.interop.kialo import import_text as import_kialo
from argmap.load.mapfile import to_file_data
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Node, NodeKind, Relation, drawing_steps
from tests.conftest import CASES, GOLDEN, MAPS, ROOT, aif_node_id, write
from tests.golden_interop import INTEROP_GOLDEN
from tests.strategies import TEXT, argument_maps

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INTEROP = CASES / "interop"
KIALO = INTEROP / "uniforms.kialo.txt"
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
ALL_MAPS = sorted(MAPS.glob("*.yaml")) + [INTEROP / "hostile.yaml"]
ARGDOWN_CLI = ROOT / ".argdown" / "node_modules" / ".bin" / "argdown"


def _import(fmt: str, text: str, name: str = "imported") -> ArgumentMap:
    result = get_importer(fmt)(text, name)
    return result.map


# -- registry and goldens ----------------------------------------------------------------------
def test_registry_lists_and_refuses_unknown() -> None:
    assert list_importers() == ["aif", "argdown", "kialo"] == list(_IMPORT_FORMATS)
    with pytest.raises(UnknownFormatError) as info:
        get_importer("sadface")
    assert str(info.value) == "unknown format 'sadface' (must be one of aif, argdown, kialo)"
    for fmt in ("argdown", "aif", "markdown"):
        assert get_exporter(fmt).name == fmt
    assert get_exporter("md").name == "markdown"


@pytest.mark.parametrize("name", sorted(INTEROP_GOLDEN))
def test_golden(name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert INTEROP_GOLDEN[name]() == expected, f"run `make golden` and read the diff of {name}"


@pytest.mark.parametrize("fmt", ["argdown", "aif", "markdown"])
@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_exports_are_deterministic(path: Path, fmt: str) -> None:
    render = get_exporter(fmt).render
    assert render(load_map(path), None) == render(load_map(path), None)  # type: ignore[arg-type]


# -- Argdown -----------------------------------------------------------------------------------
@SETTINGS
@given(argument_maps())
def test_argdown_round_trip_keeps_everything(m: ArgumentMap) -> None:
    again = _import("argdown", to_argdown(m))
    assert again == m


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_argdown_round_trip_of_maps(path: Path) -> None:
    m = load_map(path)
    result = get_importer("argdown")(to_argdown(m), "x.argdown")
    assert result.warnings == ()
    assert result.map == m


@SETTINGS
@given(TEXT)
def test_argdown_escaping_reads_back(text: str) -> None:
    plain = " ".join(text.split())
    if plain:
        assert Scan(escape_text(plain)).text == plain


ARGDOWN_ALPHABET = st.sampled_from(list("[]<>:+-_#{}()=/*\\ \n\tab1.")) | st.characters()


@SETTINGS
@given(st.text(alphabet=ARGDOWN_ALPHABET, max_size=200), st.sampled_from(["argdown", "kialo"]))
def test_importers_never_crash_on_junk(text: str, fmt: str) -> None:
    with contextlib.suppress(MapFileError, MapValidationError):
        get_importer(fmt)(text, "junk.txt")


def test_argdown_escapes_metacharacters() -> None:
    assert escape_text("[A]: <b> #t {d} // c") == r"\[A\]: \<b\> \#t \{d\} \/\/ c"
    assert escape_text("e.g. 3.5 :x: ===") == r"e\.g. 3\.5 \:x: \=\=\="


ARGDOWN_BY_HAND = """\
===
title: Hand-written
map: {statementLabelMode: text}
===

// A comment line.
[Uniforms]: Schools should require uniforms. #policy
  + <Cheap>: Uniforms are cheap. {author: "Ann", strength: strong}
    - <Upfront>: They cost a lot at once.
      - They can be bought second-hand.
  + <Belonging>: They build belonging.
    _ <Anecdote>: Only staff think so.
  - [Expression]: Uniforms stop self-expression.
  >< [Opposite]: Schools should not require uniforms.

<Argument with pcs>

(1) A premise.
----
(2) A conclusion.

* a list item

<Cheap>
  +> [Expression]
"""


def test_argdown_import_reports_unsupported_and_continues() -> None:
    with pytest.raises(MapFileError) as info:
        get_importer("argdown")(ARGDOWN_BY_HAND, "hand.argdown")
    # The premise-conclusion structure's conclusion is another root; so is the statement
    # that only contradicts (a contradiction is not kept): related to nothing.
    assert "3 root claims ('Uniforms' at line 7: Schools should require uniforms." in str(
        info.value
    )
    assert "'Opposite' at line 14: Schools should not require uniforms. (related to nothing)" in (
        str(info.value)
    )
    assert "--thesis ID-OR-TITLE" in str(info.value) and "--all-roots" in str(info.value)
    options = ImportOptions(thesis="Uniforms")
    result = get_importer("argdown")(ARGDOWN_BY_HAND, "hand.argdown", options)
    m = result.map
    assert m.title == "Hand-written"
    assert m.thesis.id == "Uniforms"
    assert m.thesis.tags == ("policy",)
    assert [n.id for n in m.children("Uniforms")] == ["Cheap", "Belonging", "Expression"]
    assert m.get("Cheap").author == "Ann"
    assert m.get("Upfront").kind is NodeKind.OBJECTION
    rebuttal = m.children("Upfront")[0]
    assert (rebuttal.kind, rebuttal.text) == (NodeKind.REBUTTAL, "They can be bought second-hand.")
    assert m.get("Anecdote").relation is Relation.UNDERCUTS
    messages = [(w.line, w.message) for w in result.warnings]
    assert (3, "front matter keys not kept: 'map'") in messages
    assert (14, "contradictions (><) are not kept: a map has no symmetric relation") in messages
    assert (22, "list items are read as statements of their own") in messages
    left = next(msg for line, msg in messages if line == 14 and "no relation leading to" in msg)
    # The list item, untitled and related to nothing, is prose: in the description.
    assert left.startswith(
        "4 statements with no relation leading to the thesis 'Uniforms', left out:"
    )
    assert m.description == "a list item"
    assert "'Argument with pcs' at line 16" in left
    assert "'Untitled 2' at line 18: A premise." in left
    # <Cheap> +> [Expression]: a premise may support an objection's claim as a cross-link.
    assert m.get("Cheap").links[0].to == "Expression"
    everything = get_importer("argdown")(
        ARGDOWN_BY_HAND, "hand.argdown", ImportOptions(all_roots=True)
    ).map
    assert everything.thesis.text == "Hand-written"
    pcs = everything.get("argument-with-pcs")
    assert pcs.note == "Argdown title: Argument with pcs"
    assert [n.text for n in everything.children(pcs.id)] == ["A premise."]
    assert everything.get(pcs.parent or "").text == "A conclusion."


def test_argdown_import_keeps_invalid_fields_in_the_note() -> None:
    text = (
        "===\ntitle: 42\nsource: just a string\nsources: {a: {name: A}}\n===\n\n"
        "[T]: thesis\n  + <P>: premise {source: b, strength: huge}\n"
        "  + <E>: evidence {kind: evidence, source: a, basis: statistic}\n"
    )
    result = get_importer("argdown")(text, "fm.argdown")
    assert (result.map.title, result.map.source) == ("42", None)
    assert result.map.description == "source: just a string"
    assert (result.map.get("E").kind, result.map.get("E").source) == (NodeKind.EVIDENCE, "a")
    assert result.map.get("P").note == "source: b\n\nstrength: huge"
    assert [str(w) for w in result.warnings] == [
        "fm.argdown: map 'source' is not in argmap's form; kept in the description",
        "fm.argdown:8:1: sources that the map's 'sources' does not list are kept in the node's "
        "note: 'P': 'b'",
        "fm.argdown:8:1: field values argmap cannot hold are kept in the node's note (Input "
        "should be 'weak', 'moderate' or 'strong'): 'P': strength",
    ]


def test_argdown_import_refuses_several_roots() -> None:
    text = "[A]: a\n  + <B>: b\n\n[C]: c\n  - <D>: d\n"
    with pytest.raises(MapFileError) as info:
        get_importer("argdown")(text, "two.argdown")
    assert str(info.value) == (
        "two.argdown:4:1: 2 root claims ('A' at line 1: a; 'C' at line 4: c); a map has one "
        "thesis: choose one with --thesis ID-OR-TITLE, or put them all under the file's "
        "title with --all-roots"
    )
    chosen = get_importer("argdown")(text, "two.argdown", ImportOptions(thesis="c")).map
    assert [n.id for n in chosen.nodes] == ["C", "D"]
    both = get_importer("argdown")(text, "two.argdown", ImportOptions(all_roots=True)).map
    assert [(n.id, n.parent) for n in both.nodes] == [
        ("two", None),
        ("A", "two"),
        ("B", "A"),
        ("C", "two"),
        ("D", "C"),
    ]
    with pytest.raises(OptionMisuseError) as info:
        get_importer("argdown")(text, "two.argdown", ImportOptions(thesis="nothing"))
    assert "--thesis 'nothing' names no claim of this file" in str(info.value)


def test_deeply_nested_data_is_refused_cleanly() -> None:
    deep = "{a: " * 3000 + "1" + "}" * 3000
    result = get_importer("argdown")(f"[A]: a\n  + <B>: b {deep}\n", "deep.argdown")
    assert [w.line for w in result.warnings] == [2]
    with pytest.raises(MapFileError):
        get_importer("aif")("[" * 100_000 + "]" * 100_000, "deep.json")


def test_argdown_import_locates_broken_front_matter() -> None:
    with pytest.raises(MapFileError) as info:
        get_importer("argdown")("===\ntitle: [unclosed\n===\n[A]: a\n", "fm.argdown")
    # At the place in the file the YAML breaks, with the parser's reason and no dump of it.
    assert str(info.value) == (
        "fm.argdown:2:17: invalid front matter: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence); fix the YAML between the '===' lines"
    )
    with pytest.raises(MapFileError) as info:
        get_importer("argdown")('===\ntitle: ok\nnote: "open\n===\n[A]: a\n', "fm.argdown")
    assert str(info.value).startswith("fm.argdown:3:")


def argdown_json(files: Path, out: Path, timeout: float = 120) -> str:
    """Run the Argdown CLI's ``json`` export of ``files`` (a path or a glob) into ``out``.

    Returns what it printed; fails the test when it exits with an error.
    """
    proc = subprocess.run(
        [str(ARGDOWN_CLI), "json", str(files), str(out)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def _argdown_counts(path: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "argdown-json"
    printed = argdown_json(path, out)
    assert "syntax error" not in printed.lower()
    data = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
    return data  # type: ignore[no-any-return]


def _require_argdown_cli() -> None:
    if shutil.which("node") is None or not ARGDOWN_CLI.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but node or the Argdown CLI is missing; run `make argdown`")
        pytest.skip("node or the Argdown CLI is absent; `make argdown` installs it")


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_real_argdown_cli_accepts_export(path: Path, tmp_path: Path) -> None:
    _require_argdown_cli()
    m = load_map(path)
    source = write(tmp_path, f"{path.stem}.argdown", to_argdown(m))
    data = _argdown_counts(source, tmp_path)
    groups = m.groups()
    members = {node.id for nodes in groups.values() for node in nodes}
    worded = [g for g, nodes in groups.items() if _is_argument(m, m.get(nodes[0].parent or ""))]
    assert (len(data["statements"]), len(data["arguments"])) == argdown_element_counts(m)
    theirs = Counter(r["relationType"] for r in data["relations"])
    names = {
        Relation.SUPPORTS: "support",
        Relation.ATTACKS: "attack",
        Relation.UNDERCUTS: "undercut",
    }
    ours = Counter(names[rel] for _, _, rel, _ in m.edges())
    ours["support"] += len(drawing_steps(m))  # the thesis supports each conclusion
    # Co-premises support their argument through its structure (no relation of their own),
    # and the argument its claim: a relation only when the claim is not its conclusion.
    ours["support"] += len(worded) - len(members)
    assert theirs == ours
    # Texts that Argdown can show as written come back as written (escaping works).
    texts = {
        title: max((d.get("text", "").strip() for d in a["members"]), key=len)
        for title, a in [*data["arguments"].items(), *data["statements"].items()]
    }
    for node in m.nodes[1:]:
        if node.text == " ".join(node.text.split()):
            # Argdown keeps #tags in the text it shows.
            tags = "".join(f" #{tag}" for tag in node.tags if " " not in tag)
            assert texts[node.id] == node.text + tags
    for group, nodes in groups.items():
        argument = data["arguments"][group]
        assert argument["data"] == {"group": group}
        roles = [(s["role"], s.get("title")) for s in argument["pcs"]]
        assert roles[:-1] == [("premise", node.id) for node in nodes]
        assert roles[-1][0] == "main-conclusion"


def argdown_element_counts(m: ArgumentMap) -> tuple[int, int]:
    """How many statements and arguments the Argdown CLI finds in the map's export.

    A linked group is one argument; its co-premises are statements, and so is its
    conclusion when the claim it supports is an argument in Argdown (its words).
    """
    groups = m.groups()
    members = sum(len(nodes) for nodes in groups.values())
    worded = sum(1 for nodes in groups.values() if _is_argument(m, m.get(nodes[0].parent or "")))
    return 1 + members + worded, len(m) - 1 - members + len(groups)


def _is_argument(m: ArgumentMap, node: Node) -> bool:
    """Whether the export writes ``node`` as an argument (not the thesis, not a co-premise)."""
    return node.parent is not None and node.group is None


# -- AIF ---------------------------------------------------------------------------------------
def _aif_expected(m: ArgumentMap) -> dict[str, tuple[NodeKind, str, Relation | None, str | None]]:
    """What AIF carries: evidence reads back as premise, attacker kinds follow the parent,
    and an undercut of a linked group hangs under the group's first co-premise."""
    kinds: dict[str, NodeKind] = {}
    out: dict[str, tuple[NodeKind, str, Relation | None, str | None]] = {}
    groups = m.groups()
    for node in m.nodes:
        parent = node.parent
        if node.relation is Relation.UNDERCUTS and parent is not None:
            group = m.get(parent).group
            if group is not None:
                parent = groups[group][0].id
        if node.kind is NodeKind.CONCLUSION:
            kind = NodeKind.CONCLUSION  # argmap's own mark on the RA reads it back
        elif parent is None or node.relation is None:
            kind = NodeKind.THESIS
        else:
            kind = default_kind(node.relation, kinds[parent])
        kinds[node.id] = kind
        out[node.id] = (kind, node.text, node.relation, parent)
    return out


@SETTINGS
@given(argument_maps())
def test_aif_round_trip_keeps_everything(m: ArgumentMap) -> None:
    """argmap's own keys carry what AIF has no place for (every field, the kind, the id, the
    title...): an export of argmap's comes back whole."""
    result = get_importer("aif")(to_aif(m), "x.aif.json")
    assert result.map == m
    assert result.warnings == ()


@SETTINGS
@given(argument_maps())
def test_aif_without_argmaps_keys_keeps_kind_text_relation(m: ArgumentMap) -> None:
    """An AIF file from elsewhere has no argmap keys: what AIF itself says is read."""
    again = _import("aif", _plain_aif(m))
    named = {aif_node_id(n): n.id for n in again.nodes}
    assert {
        aif_node_id(n): (
            n.kind,
            n.text,
            n.relation,
            None if n.parent is None else aif_node_id(again.get(n.parent)),
        )
        for n in again.nodes
    } == _aif_expected(m)
    assert {aif_node_id(n): n.links for n in again.nodes} == {
        n.id: tuple(link.model_copy(update={"to": named[link.to]}) for link in n.links)
        for n in m.nodes
    }
    # The groups hold the same premises; their ids are made as a map's own are (the RA's
    # nodeID names nothing a reader knows): FIRST-PREMISE-group.
    assert _partition(again, aif_node_id) == _partition(m, lambda n: n.id)
    for node in again.nodes:
        if node.group is not None:
            first = next(n for n in again.nodes if n.group == node.group)
            assert node.group.startswith(f"{first.id}-group")


def _partition(m: ArgumentMap, key: Callable[[Node], str]) -> set[frozenset[str]]:
    """The map's linked groups, each as the set of its premises' ``key``."""
    groups: dict[str, set[str]] = {}
    for node in m.nodes:
        if node.group is not None:
            groups.setdefault(node.group, set()).add(key(node))
    return {frozenset(members) for members in groups.values()}


def _plain_aif(m: ArgumentMap) -> str:
    """The map's AIF export without argmap's own keys, as another tool would write it."""
    data = to_aif_data(m)
    del data["argmap"]
    for node in data["nodes"]:
        node.pop("argmap", None)
    return json.dumps(data)


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_aif_round_trip_of_maps(path: Path) -> None:
    m = load_map(path)
    result = get_importer("aif")(to_aif(m), f"{path.stem}.aif.json")
    assert result.warnings == ()
    assert result.map == m


def test_aif_export_structure() -> None:
    data = to_aif_data(load_map(MAPS / "school-uniforms.yaml"))
    types = Counter(node["type"] for node in data["nodes"])
    assert types["I"] == 10
    # 5 supports, two of them as one linked group -> 4 RA; 2 attacks + 1 undercut -> 4 CA.
    assert (types["RA"], types["CA"], types["L"], types["YA"]) == (4, 4, 1, 1)
    by_id = {node["nodeID"]: node for node in data["nodes"]}
    undercut = next(e["toID"] for e in data["edges"] if e["fromID"] == "belonging-anecdote")
    target = next(e["toID"] for e in data["edges"] if e["fromID"] == undercut)
    assert by_id[undercut]["type"] == "CA" and by_id[target]["type"] == "RA"
    assert data["participants"] == [{"participantID": 1, "firstname": "A.", "surname": "Reviewer"}]
    assert data["locutions"] == [{"nodeID": "L:expression", "personID": 1}]


def _aif(nodes: list[tuple[str, str]], edges: list[tuple[str, str]]) -> str:
    return json.dumps(
        {
            "nodes": [
                {"nodeID": i, "text": _AIF_TEXT.get(t, f"text {i}"), "type": t} for i, t in nodes
            ],
            "edges": [{"edgeID": n, "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)],
        },
        indent=1,
    )


_AIF_TEXT = {"RA": "Default Inference", "CA": "Default Conflict", "TA": "Default Transition"}
"""What AIFdb and OVA write as the text of a scheme node that names no scheme."""


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        (
            [("a", "I"), ("b", "I"), ("c", "I"), ("d", "I"), ("r1", "RA"), ("r2", "RA")],
            [("b", "r1"), ("r1", "a"), ("d", "r2"), ("r2", "c")],
            "2 root claims ('a' at line 4: text a; 'c' at line 14: text c)",
        ),
        (
            [("a", "I"), ("r", "RA")],
            [("a", "r")],
            "RA node 'r' (premises 'a' (text a)) has 0 conclusions",
        ),
        ([("a", "I"), ("b", "I")], [], "2 claims and no relations between them"),
        (
            [("t", "I"), ("a", "I"), ("c", "CA")],
            [("a", "c"), ("c", "t"), ("c", "a")],
            "CA node 'c' has 2 targets ('t' (text t), 'a' (text a)); it needs exactly one",
        ),
        ([("t", "I")], [("t", "x")], "edges[0] joins unknown nodes 't' -> 'x'"),
        ([("t", "I"), ("", "I")], [], "nodes[1] has no 'nodeID'"),
    ],
    ids=[
        "two-roots",
        "no-conclusion",
        "no-relations",
        "conflict-with-two-targets",
        "edge-to-nowhere",
        "node-without-id",
    ],
)
def test_aif_import_refuses_what_it_cannot_represent(
    nodes: list[tuple[str, str]], edges: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(MapFileError) as info:
        get_importer("aif")(_aif(nodes, edges), "bad.json")
    assert message in str(info.value)


def test_aif_import_reads_ova_nesting_and_skips_dialogue() -> None:
    text = _aif([("t", "I"), ("p", "I"), ("r", "RA"), ("ta", "TA")], [("p", "r"), ("r", "t")])
    result = get_importer("aif")(json.dumps({"AIF": json.loads(text)}), "ova.json")
    assert [aif_node_id(n) for n in result.map.nodes] == ["t", "p"]
    assert [str(w) for w in result.warnings] == [
        "ova.json:1:177: transitions (TA) not supported; skipped: 'ta'"
    ]


def test_aif_import_warns_about_conflicts_it_cannot_place() -> None:
    nodes = [("t", "I"), ("p", "I"), ("r", "RA"), ("o", "I"), ("c1", "CA"), ("ta", "TA")]
    nodes += [("r2", "RA"), ("u", "I"), ("c2", "CA")]
    edges = [("p", "r"), ("r", "t"), ("o", "c1"), ("c1", "ta"), ("r2", "t"), ("u", "c2")]
    edges += [("c2", "r2")]
    # Their conflicts skipped, 'o' and 'u' are claims related to nothing: roots to choose.
    with pytest.raises(MapFileError, match=r"w\.json:19:1: 3 root claims \('t' at line 4"):
        get_importer("aif")(_aif(nodes, edges), "w.json")
    result = get_importer("aif")(_aif(nodes, edges), "w.json", ImportOptions(thesis="t"))
    assert [n.id for n in result.map.nodes] == ["text-t", "text-p"]
    assert [str(w) for w in result.warnings] == [
        "w.json:19:1: 2 statements with no relation leading to the thesis 't', left out: "
        "'o' at line 19: text o (related to nothing); 'u' at line 39: text u (related to "
        "nothing) (--all-roots keeps every root)",
        "w.json:24:4: CA node 'c1' attacks a TA node; skipped",
        "w.json:29:4: transitions (TA) not supported; skipped: 'ta'",
        "w.json:44:4: CA node 'c2' undercuts an inference without premises; skipped",
    ]


# -- Kialo -------------------------------------------------------------------------------------
def test_kialo_fixture_imports_to_a_valid_map() -> None:
    result = import_file(KIALO, "kialo")
    m = result.map
    assert result.warnings == ()
    assert m.title == "Should our school require uniforms?"
    kinds = Counter(n.kind for n in m.nodes)
    assert kinds == {
        NodeKind.THESIS: 1,
        NodeKind.PREMISE: 4,
        NodeKind.OBJECTION: 2,
        NodeKind.REBUTTAL: 2,
    }
    exchange = next(n for n in m.nodes if n.text.startswith("The school runs"))
    assert exchange.text == (
        "The school runs a second-hand uniform exchange, which sells last year's uniforms at "
        "a fraction of the price."
    )
    expression = next(n for n in m.nodes if n.text.startswith("Uniforms stop"))
    belonging = next(n for n in m.nodes if n.text.startswith("Uniforms build"))
    assert [(link.to, link.relation) for link in expression.links] == [
        (belonging.id, Relation.ATTACKS)
    ]


def test_kialo_import_renders(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "uniforms.yaml"
    result = runner.invoke(main, ["import", str(KIALO), "--from", "kialo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 0
    rendered = runner.invoke(main, ["render", str(out), "-f", "svg", "-o", str(tmp_path)])
    assert rendered.exit_code == 0, rendered.output
    svg = (tmp_path / "uniforms.svg").read_text(encoding="utf-8")
    assert svg.count('class="node') >= 9


def test_kialo_errors_are_located() -> None:
    with pytest.raises(MapFileError) as info:
        import_kialo("1. Thesis\n1.1. Pro: a\n1.1.1.1. Con: orphan\n", "k.txt")
    assert (info.value.line, "no parent claim 1.1.1" in str(info.value)) == (3, True)
    with pytest.raises(MapFileError) as info:
        import_kialo("1. Thesis\n1.1. Pro: a\n1.1.1. Maybe: b\n", "k.txt")
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("1. T\n1.1. Pro: a\n1.1. Con: b\n", 3, "claim 1.1 appears twice"),
        ("1. T\n1.1. Pro: a\n1.1.1. no label\n", 3, "claim 1.1.1 needs 'Pro:' or 'Con:'"),
        ("1. Pro: T\n", 1, "a thesis (1.) takes no Pro/Con"),
    ],
    ids=["repeated-number", "no-label", "labelled-thesis"],
)
def test_kialo_refuses_misnumbered_claims(text: str, line: int, message: str) -> None:
    with pytest.raises(MapFileError) as info:
        import_kialo(text, "k.txt")
    assert (info.value.line, message in str(info.value)) == (line, True)


@pytest.mark.parametrize(
    ("text", "where", "label"),
    [
        ("1. T\n1.1. Pro: a\n1.2. Maybe: odd\n", (3, 6), "Maybe:"),
        ("1. T\n1.1. Pro: a\n1.1.1. pro: b\n", (3, 8), "pro:"),
        ("1. T\n1.1. Maybe: odd\n1.2. Con: b\n", (2, 6), "Maybe:"),
    ],
    ids=["under-the-thesis", "lower-case", "before-a-labelled-one"],
)
def test_kialo_names_an_unknown_label(
    tmp_path: Path, runner: CliRunner, text: str, where: tuple[int, int], label: str
) -> None:
    # Not "no root claim (a cycle)": the line, the label, and the labels Kialo writes.
    with pytest.raises(MapFileError) as info:
        import_kialo(text, "k.txt")
    assert (info.value.line, info.value.column) == where
    assert f"unknown label {label!r}" in str(info.value)
    assert "'Pro:' or 'Con:'" in str(info.value)
    source = tmp_path / "odd.txt"
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["import", str(source), "-o", str(tmp_path / "odd.yaml")])
    lines = result.output.splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.output
    assert lines[0].startswith(f"{source}:{where[0]}:{where[1]}: claim ")
    assert not (tmp_path / "odd.yaml").exists()


def test_kialo_claims_under_the_thesis_are_labelled_alike() -> None:
    # Some claims under 1. say Pro/Con, so 1. is a thesis, not a question: a bare one is wrong.
    with pytest.raises(MapFileError) as info:
        import_kialo("1. T\n1.1. Pro: a\n1.2. bare\n", "k.txt")
    assert info.value.line == 3 and "claim 1.2 needs 'Pro:' or 'Con:'" in str(info.value)
    # One claim under 1. and no Pro/Con: a question with one thesis, or a mistyped label.
    result = import_kialo("1. T\n1.1. Maybe: odd\n1.1.1. Con: b\n", "k.txt")
    [warning] = result.warnings
    assert (warning.line, warning.column) == (2, 6) and "'Maybe:' was meant" in warning.message


def test_kialo_empty_and_unspaced_claims_are_warned_about() -> None:
    # Neither is quietly read: an empty claim would be drawn as its number, and a number
    # run into its label ("1.2.Con:") would join the text of the claim above.
    result = import_kialo("1. T\n1.1. Pro:\n1.2. Pro: a\n1.3.Con: b\n", "k.txt")
    assert [(w.line, w.message) for w in result.warnings] == [
        (2, "claim 1.1 has no text; its number stands in for it"),
        (
            4,
            "'1.3.Con:' reads like a claim, but a claim's number is followed by a space: "
            "read as more text of claim 1.2",
        ),
    ]


def test_kialo_dangling_see_is_reported() -> None:
    result = get_importer("kialo")("1. T\n1.1. Pro: a\n1.2. Con: -> See 1.9.\n", "k.txt")
    assert [(w.line, w.message) for w in result.warnings] == [
        (3, "'-> See 1.9.' points at no claim's text; skipped")
    ]


def test_kialo_see_of_a_see_reads_through_and_a_loop_is_reported() -> None:
    """A reuse of a reuse (or of itself) stopped with an internal error (KeyError)."""
    kialo = get_importer("kialo")
    result = kialo("1. T\n1.1. Pro: A\n1.2. Con: -> See 1.3.\n1.3. Con: -> See 1.1.\n", "k.txt")
    assert [(n.id, n.text) for n in result.map.nodes] == [("T", "T"), ("A", "A")]
    assert [(w.line, w.message) for w in result.warnings] == [
        (
            3,
            "relations left out (it already bears on that statement in another way), "
            "kept in the note: '1.1' -> '1' (Kialo claim 1.2 reuses it as a Con there), "
            "'1.1' -> '1' (Kialo claim 1.3 reuses it as a Con there) (2 times; also line 4)",
        )
    ]
    for text in (
        "1. T\n1.1. Pro: -> See 1.1.\n",
        "1. T\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n",
    ):
        looped = kialo(text, "k.txt")
        assert [n.id for n in looped.map.nodes] == ["T"]
        assert {w.message.split(" points")[1] for w in looped.warnings} == {
            " at no claim's text; skipped"
        }


# -- Markdown ----------------------------------------------------------------------------------
def test_markdown_escapes_only_what_commonmark_reads() -> None:
    assert escape_markdown("*a* _b_ [c](d) <e> #f `g` 1. h") == (
        r"\*a\* \_b\_ \[c\](d) \<e> #f \`g\` 1. h"
    )
    assert escape_markdown("anti-American snake_case a < b & c &amp; ~x ~~y~~") == (
        r"anti-American snake_case a < b & c \&amp; ~x \~\~y\~\~"
    )
    assert escape_markdown("1) first", line_start=True) == r"1\) first"
    assert escape_markdown("# no heading", line_start=True) == r"\# no heading"
    assert escape_markdown("---", line_start=True) == r"\---"
    assert escape_markdown("--- no rule", line_start=True) == "--- no rule"
    assert escape_markdown("-5 degrees", line_start=True) == "-5 degrees"
    flagship = to_markdown(load_map(FLAGSHIP))
    assert flagship.count("\\") < 10


def test_markdown_keeps_the_descriptions_paragraphs() -> None:
    """A description of paragraphs (an imported Argdown document's header and prose) was
    one line; each paragraph is one now, escaped as any text at a line's start."""
    data = {
        "title": "T",
        "description": "By Ann.\n\n# Not a heading,\nwrapped.",
        "thesis": {"text": "A."},
    }
    out = to_markdown(validate_data(data))
    assert out.startswith("# T\n\nBy Ann.\n\n\\# Not a heading, wrapped.\n\n## Summary\n")


MARKDOWN_IT = ROOT / ".argdown" / "node_modules" / ".bin" / "markdown-it"
MARKDOWN_ALPHABET = st.sampled_from(
    [*"*_`[]()<>&#~\\!-+=|{}:;.1aZ ", "&amp;", "<b>", "1.", "# ", "- ", "~~", "&#35;"]
)


@pytest.mark.slow
@settings(max_examples=5, deadline=None)
@given(st.lists(st.lists(MARKDOWN_ALPHABET, min_size=1, max_size=12), min_size=200, max_size=200))
def test_markdown_escaping_reads_back_in_commonmark(pieces: list[list[str]]) -> None:
    """markdown-it (CommonMark; it comes with the Argdown CLI) shows each text as written."""
    import html
    import re

    if shutil.which("node") is None or not MARKDOWN_IT.exists():
        pytest.skip("node or markdown-it is absent; `make argdown` installs it")
    texts = [" ".join("".join(p).split()) or "x" for p in pieces]
    doc = "".join(
        f"X {escape_markdown(t)}\n\n{escape_markdown(t, line_start=True)}\n\n" for t in texts
    )
    out = subprocess.run(
        [str(MARKDOWN_IT)], input=doc, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    paragraphs = re.findall(r"<p>(.*?)</p>", out, re.DOTALL)
    expected = [line for t in texts for line in (f"X {t}", t)]
    assert [html.unescape(p) for p in paragraphs] == expected
    assert not any("<" in p.replace("&lt;", "") for p in paragraphs)  # no markup made


@SETTINGS
@given(argument_maps())
def test_markdown_has_one_item_per_node(m: ArgumentMap) -> None:
    text = to_markdown(m)
    lines = [line for line in text.splitlines() if line.lstrip().startswith("- **")]
    groups = [line for line in lines if line.lstrip().startswith("- **Linked reason")]
    items = [line for line in lines if line not in groups]
    assert len(items) == len(m)
    assert len(groups) == len(m.groups())
    inset: dict[str, int] = {}  # a linked group's reasons, and all below, a level further in
    for node, level in m.walk_levels():
        above = inset.get(node.parent, 0) if node.parent is not None and level else 0
        inset[node.id] = above + (node.group is not None and level > 0)
        prefix = "  " * (level + inset[node.id]) + "- **"
        assert any(line.startswith(prefix) and f"`{node.id}`" in line for line in items)


# -- round trips of the flagship ---------------------------------------------------------------
@pytest.mark.skipif(not FLAGSHIP.exists(), reason="the flagship map is not written yet")
@pytest.mark.parametrize("fmt", ["argdown", "aif"])
def test_flagship_round_trip(fmt: str) -> None:
    m = load_map(FLAGSHIP)
    text = get_exporter(fmt).render(m, analyze(m), None)  # type: ignore[arg-type]
    assert isinstance(text, str)
    again = _import(fmt, text, "flagship")
    validate_data(to_file_data(again))
    assert again == m


# -- the import command ------------------------------------------------------------------------
def test_import_command_writes_yaml_that_loads(tmp_path: Path, runner: CliRunner) -> None:
    source = write(tmp_path, "u.argdown", to_argdown(load_map(MAPS / "school-uniforms.yaml")))
    out = tmp_path / "u.yaml"
    result = runner.invoke(main, ["import", str(source), "--from", "argdown", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_map(out) == load_map(MAPS / "school-uniforms.yaml")


def test_import_refuses_to_overwrite(tmp_path: Path, runner: CliRunner) -> None:
    out = write(tmp_path, "exists.yaml", "keep me\n")
    args = ["import", str(KIALO), "--from", "kialo", "-o", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 2  # an output that would replace a map is misuse
    assert result.output == f"Error: {out}: already exists; use --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert runner.invoke(main, [*args, "--force"]).exit_code == 0
    assert load_map(out).title == "Should our school require uniforms?"


def test_import_error_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    source = write(tmp_path, "bad.json", '{"nodes": [}')
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(source), "--from", "aif", "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"{source}:1:12: invalid JSON: expected a value, found '}}'; fix the file where it says\n"
    )
    assert not out.exists()


def test_import_says_one_node_in_the_singular(tmp_path: Path, runner: CliRunner) -> None:
    source = write(tmp_path, "one.txt", "Discussion Title: T\n\n1. T\n")
    out = tmp_path / "one.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"{out}: 1 node imported from {source}\n")


def test_import_unknown_format_is_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["import", str(KIALO), "--from", "sadface", "-o", "x.yaml"])
    assert result.exit_code == 2
    assert "'sadface' is not one of 'aif', 'argdown', 'kialo'" in result.output


def test_import_in_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "k.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "import", str(KIALO), "--from", "kialo", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"{out}: 9 nodes imported from {KIALO}\n"
    written, imported = load_map(out), import_file(KIALO, "kialo").map
    # The file lists children by kind (premises first), so only the order may differ.
    assert {n.id: n for n in written.nodes} == {n.id: n for n in imported.nodes}


def test_export_command_writes_each_format(tmp_path: Path, runner: CliRunner) -> None:
    for fmt in ("argdown", "aif", "markdown"):
        out = tmp_path / f"u.{fmt}"
        args = ["export", str(MAPS / "school-uniforms.yaml"), "-f", fmt, "-o", str(out)]
        assert runner.invoke(main, args).exit_code == 0
        assert (
            out.read_text(encoding="utf-8")
            == INTEROP_GOLDEN[f"school-uniforms{get_exporter(fmt).suffix}"]()
        )


# -- depth -------------------------------------------------------------------------------------
def test_deep_chain_goes_through_every_format() -> None:
    depth = 5000
    nodes = [{"id": "n0", "kind": "thesis", "text": "root"}] + [
        {
            "id": f"n{i}",
            "kind": "premise",
            "text": f"claim {i}",
            "parent": f"n{i - 1}",
            "relation": "supports",
        }
        for i in range(1, depth)
    ]
    m = ArgumentMap.model_validate({"title": "deep", "nodes": nodes})
    assert _import("argdown", to_argdown(m)) == m
    assert len(_import("aif", to_aif(m)).nodes) == depth
    assert to_markdown(m).count("- **") == depth


def test_markdown_links_only_http_urls() -> None:
    from argmap.exporters.markdown import to_markdown
    from argmap.load.validate import validate_data

    def page(url: str) -> str:
        m = validate_data(
            {
                "title": "t",
                "sources": {"s": {"name": "Outlet", "url": url}},
                "thesis": {"text": "x", "evidence": [{"text": "e", "source": "s"}]},
            }
        )
        return to_markdown(m)

    assert "(<https://example.org/a>)" in page("https://example.org/a")
    hostile = page("javascript:alert(document.cookie)")
    assert "<javascript:" not in hostile
    assert "Outlet (javascript:alert(document.cookie))" in hostile


def test_argdown_escaped_brace_opens_no_data_block() -> None:
    # Found by hypothesis: "\{" in a text, then a quote and the real data block.
    m = ArgumentMap.model_validate(
        {"title": "0", "nodes": [{"id": "n0", "kind": "thesis", "text": '{\U00018cd6"'}]}
    )
    result = get_importer("argdown")(to_argdown(m), "x.argdown")
    assert result.warnings == ()
    assert result.map == m


@pytest.mark.parametrize("opening", ["/*", "<!--"])
def test_a_comment_never_closed_is_text_and_drops_nothing(opening: str) -> None:
    """An Argdown comment opened and never closed took the rest of the file with it, every
    statement and relation after it gone without a word (Argdown's own example on soft
    drugs, with a `/* TODO` line: 2 nodes of 18). As Argdown reads it, it is text."""
    text = f"[T]: Thesis. {opening} never closed\n  <+ <A>: A reason.\n  <+ <B>: Another.\n"
    m = _import("argdown", text)
    assert [n.text for n in m.walk()] == [
        f"Thesis. {opening} never closed",
        "A reason.",
        "Another.",
    ]
    closed = _import("argdown", "[T]: Thesis. /* gone */\n  <+ <A>: A reason.\n")
    assert [n.text for n in closed.walk()] == ["Thesis.", "A reason."]
    many = _import("argdown", "[T]: Thesis.\n" + "/* " * 20_000 + "\n  <+ <A>: A reason.\n")
    assert len(m) == 3 and len(many) == 2  # 20,000 openings never closed: read at once


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1e"])
def test_a_line_separator_inside_a_statement_ends_no_line(separator: str) -> None:
    """Lines end at a line feed, a carriage return or both, as Argdown and Kialo read them:
    ``str.splitlines`` also split at these, so a Kialo claim holding one became two claims
    and every later line was numbered one too many in messages."""
    kialo = f"Discussion Title: T\n\n1. Thesis\n1.1. Pro: A{separator}claim.\n1.1. Con: Again.\n"
    with pytest.raises(MapFileError, match=r":5:1: claim 1\.1 appears twice \(first at line 4\)"):
        get_importer("kialo")(kialo, "t.txt")
    good = _import("kialo", kialo.replace("1.1. Con", "1.2. Con"))
    assert [n.text.replace(separator, " ") for n in good.walk()][1] == "A claim."
    argdown = f"[T]: Thesis.\n  <+ <A>: A{separator}reason.\n  <+ <A>: Twice.\n"
    assert len(_import("argdown", argdown)) == 2


def test_an_undercut_of_the_thesis_is_kept_as_an_objection() -> None:
    """Argdown lets an argument undercut a statement; the thesis has no inference to
    undercut, so the argument was left out as 'not connected' (and `--all-roots`, which
    the warning offered, kept it out too). It is now an objection to the thesis, said in
    one located warning; where it also bears on another node in a way that fits, that
    relation places it instead."""
    text = "[Main]: Main claim.\n  <+ <Support>: Supporting.\n  <_ <Cut>: Undercutting.\n"
    result = get_importer("argdown")(text, "u.argdown")
    (cut,) = [n for n in result.map.walk() if n.id == "Cut"]
    assert (cut.kind, cut.relation, cut.parent) == (NodeKind.OBJECTION, Relation.ATTACKS, "Main")
    assert [(w.line, w.message.split(",")[0]) for w in result.warnings] == [
        (3, "an undercut of the thesis")
    ]
    assert "Also" not in (cut.note or "")
    both = text + "\n<Cut>\n  _> <Support>\n"
    placed = {n.id: n for n in get_importer("argdown")(both, "u.argdown").map.walk()}
    assert (placed["Cut"].relation, placed["Cut"].parent) == (Relation.UNDERCUTS, "Support")


def test_a_cycle_with_no_root_is_located_and_all_roots_takes_it() -> None:
    """Statements that bear on each other in a cycle (with, or without, one related to
    nothing): the refusal said 'every statement bears on another' (false beside a lone
    one), named no line and never offered --all-roots, which reads the file; with the
    lone statement there, --all-roots gave the same refusal."""
    cycle = "[A]: One.\n  <+ [B]: Two.\n\n[B]\n  <+ [A]\n"
    with pytest.raises(MapFileError) as info:
        get_importer("argdown")(cycle, "c.argdown")
    assert str(info.value).startswith("c.argdown:1:1: no root claim: the statements bear")
    assert str(info.value).endswith("or put them all under the file's title with --all-roots")
    lone = cycle + "\n[C]: Alone.\n"
    with pytest.raises(MapFileError, match=r"in a cycle \('C' at line 7: Alone\.: related"):
        get_importer("argdown")(lone, "c.argdown")
    # --all-roots then failed: "cannot represent ...: support cycle A -> B -> A". The
    # support that closes the cycle is kept in the note, as other relations the tree
    # cannot hold are.
    taken = get_importer("argdown")(lone, "c.argdown", ImportOptions(all_roots=True))
    assert [(n.id, n.parent) for n in taken.map.nodes] == [
        ("c", None),
        ("C", "c"),
        ("A", "c"),
        ("B", "A"),
    ]
    note = taken.map.get("A").note
    assert note == "Also supports 'B' (left out: it would close a support cycle)"
    (closed,) = [w for w in taken.warnings if "support cycle" in w.message]
    assert str(closed) == (
        "c.argdown:5:1: relations left out (it would close a support cycle), kept in the "
        "note: 'A' -> 'B'"
    )
    attacks = lone.replace("<+", "<-")  # a cycle a map can hold, as a cross-link
    every = get_importer("argdown")(attacks, "c.argdown", ImportOptions(all_roots=True)).map
    assert {n.text for n in every.walk()} >= {"One.", "Two.", "Alone."}


def test_a_kialo_claim_number_alone_is_skipped_with_a_warning() -> None:
    """An export cut off after a claim's number (`1.1.` alone on the last line) had that
    number appended to the claim above as text, without a word."""
    text = "Discussion Title: T\n\n1. Thesis.\n1.1. Con: A claim.\n1.1.\n"
    result = get_importer("kialo")(text, "k.txt")
    assert [n.text for n in result.map.walk()] == ["Thesis.", "A claim."]
    assert [(w.line, w.message) for w in result.warnings] == [
        (5, "'1.1.': a claim number with no claim; skipped")
    ]
