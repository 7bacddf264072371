"""AIF both ways: argmap's own keys carry what AIF has no place for; ids come from the texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from argmap.cli import main
from argmap.interop import ImportOptions, get_importer
from argmap.interop.aif import to_aif, to_aif_data
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, NodeKind
from tests.conftest import CASES, MAPS, by_aif_id

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
NUKE = CASES / "interop" / "nuke.json"


def _read(text: str, name: str = "x.aif.json", **options: Any) -> Any:
    return get_importer("aif")(text, name, ImportOptions(**options))


# -- 7: nothing dropped on the way out --------------------------------------------------------
def test_the_flagship_goes_to_aif_and_back_without_a_difference(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Quotes, citations, tags, notes, sources and the description were dropped without a
    word (`argmap diff`: 78 changed entries), evidence came back as premises, undercuts of a
    linked group moved to its first co-premise, and the title read "flag.aif"."""
    exported = tmp_path / "flag.aif.json"
    back = tmp_path / "flag.yaml"
    result = runner.invoke(main, ["export", str(FLAGSHIP), "-f", "aif", "-o", str(exported)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    result = runner.invoke(main, ["import", str(exported), "-o", str(back)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    result = runner.invoke(main, ["diff", str(FLAGSHIP), str(back)])
    assert result.output == "no differences\n"


def test_the_export_is_aif_json_with_argmaps_keys_beside_it() -> None:
    """AIF's own parts keep AIF's own keys (what OVA, AIFdb and arguebuf read); argmap's
    fields sit under one key of their own, on the nodes and atop the file."""
    m = load_map(FLAGSHIP)
    data = json.loads(to_aif(m))
    assert list(data) == ["nodes", "edges", "locutions", "participants", "argmap"]
    for node in data["nodes"]:
        assert set(node) - {"argmap"} <= {"nodeID", "text", "type", "timestamp"}
        assert isinstance(node["nodeID"], str) and isinstance(node["text"], str)
    assert all(set(e) == {"edgeID", "fromID", "toID"} for e in data["edges"])
    assert all(set(loc) == {"nodeID", "personID"} for loc in data["locutions"])
    people = data["participants"]
    assert all(set(p) == {"participantID", "firstname", "surname"} for p in people)
    claims = [n for n in data["nodes"] if n["type"] == "I"]
    assert [n["argmap"]["id"] for n in claims] == [n.id for n in m.nodes]
    evidence = next(n["argmap"] for n in claims if n["argmap"]["kind"] == "evidence")
    assert {"quote", "citation", "source", "basis", "tags"} <= set(evidence)
    assert data["argmap"]["title"] == m.title
    assert set(data["argmap"]["sources"]) == set(m.sources)
    # Without argmap's keys, it is the AIF the export always wrote.
    plain = to_aif_data(m)
    assert json.loads(json.dumps(plain)) == data


def test_an_aif_file_names_no_title_its_file_name_does() -> None:
    text = json.dumps({"nodes": [{"nodeID": "1", "text": "A claim", "type": "I"}], "edges": []})
    assert _read(text, "debate.aif.json").map.title == "debate"
    assert _read(text, "debate.json").map.title == "debate"
    assert _read(text, "dir/flag.AIF.json").map.title == "flag"


def test_argmaps_keys_that_do_not_fit_are_said_and_the_rest_read() -> None:
    """A file edited by hand or by another tool: what argmap's keys say wrongly goes to the
    note or is named in a warning, never a crash, never a lost claim."""
    m = load_map(MAPS / "school-uniforms.yaml")
    data = to_aif_data(m)
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    nodes["cost"]["argmap"] = {"id": "cost", "kind": "nonsense", "parent": "x", "colour": "red"}
    nodes["identity"]["argmap"] = "not an object"
    nodes["expression"]["argmap"]["id"] = "cost"  # taken: made from the text
    nodes["survey-costs"]["argmap"]["strength"] = "very"
    data["argmap"]["theme"] = "dark"
    result = _read(json.dumps(data, indent=1))
    got = {n.text: n for n in result.map.nodes}
    cost = got["Uniforms cost families less than a wardrobe of fashionable clothes."]
    assert (cost.id, cost.kind, cost.note) == ("cost", NodeKind.PREMISE, "colour: red")
    assert (
        got["Uniforms stop pupils expressing themselves."].id
        == "uniforms-stop-pupils-expressing-themselves"
    )
    survey = got["Most surveyed parents spend less on uniforms than on everyday clothes."]
    assert (survey.strength, survey.note) == (None, "strength: very")
    said = "\n".join(w.message for w in result.warnings)
    for words in (
        "keys of the file's 'argmap' object not read: 'theme'",
        "'argmap' kinds argmap does not know are not read: 'cost': 'nonsense'",
        "'argmap' keys that the AIF graph says itself are not read: 'cost': parent",
        "'argmap' keys that are not an object {...} are ignored: 'identity'",
        "ids the file gives that are not valid ids, or given twice; ids made from the text "
        "instead: 'cost'",
    ):
        assert words in said


# -- 14: ids from the texts -------------------------------------------------------------------
def test_aif_claims_take_ids_from_their_texts_and_keep_their_node_ids_in_the_note() -> None:
    """Every claim got its nodeID as its id ('1', '2', '15'): meaningless in `show` and
    `diff`, and renumbered by the next OVA export."""
    m = _read(NUKE.read_text(encoding="utf-8"), "nuke.json").map
    assert [n.id for n in m.nodes if n.kind is not NodeKind.THESIS][:3] == [
        "it-emits-almost-no-co2",
        "השאלה-היא-לא-הפליטה-אלא-העלות",
        "it-runs-regardless-of-weather",
    ]
    assert m.thesis.id == "nuclear-power-is-the-b-best"
    assert not any(n.id.isdigit() for n in m.nodes)
    assert by_aif_id(m)["15"].note == "AIF nodeID: 15"
    # The nodeID still names the thesis for --thesis.
    again = _read(NUKE.read_text(encoding="utf-8"), "nuke.json", thesis="1").map
    assert again == m


def test_text_ids_are_unique_and_stable_when_another_tool_renumbers_the_nodes() -> None:
    nodes = [("10", "I", "Same words"), ("11", "I", "Same words"), ("12", "I", "The claim")]
    nodes += [("13", "RA", "Default Inference"), ("14", "RA", "Default Inference")]
    edges = [("10", "13"), ("13", "12"), ("11", "14"), ("14", "12")]

    def aif(shift: int) -> str:
        return json.dumps(
            {
                "nodes": [
                    {"nodeID": str(int(i) + shift), "type": t, "text": x} for i, t, x in nodes
                ],
                "edges": [
                    {"fromID": str(int(a) + shift), "toID": str(int(b) + shift)} for a, b in edges
                ],
            }
        )

    first = _read(aif(0)).map
    assert [n.id for n in first.nodes] == ["the-claim", "same-words", "same-words-2"]
    assert [n.id for n in _read(aif(500)).map.nodes] == [n.id for n in first.nodes]
    assert _read(aif(0)).map == first


def test_argmaps_own_export_comes_back_with_its_ids_even_renumbered() -> None:
    m = load_map(MAPS / "school-uniforms.yaml")
    data = to_aif_data(m)
    renamed = {n["nodeID"]: f"n{i}" for i, n in enumerate(data["nodes"])}
    for node in data["nodes"]:
        node["nodeID"] = renamed[node["nodeID"]]
    for edge in data["edges"]:
        edge["fromID"], edge["toID"] = renamed[edge["fromID"]], renamed[edge["toID"]]
    for locution in data["locutions"]:
        locution["nodeID"] = renamed[locution["nodeID"]]
    again = _read(json.dumps(data)).map
    assert [(n.id, n.parent) for n in again.nodes] == [(n.id, n.parent) for n in m.nodes]
    assert again.get("cost").note == f"AIF nodeID: {renamed['cost']}"


def test_an_undercut_of_a_linked_group_keeps_its_co_premise_even_renumbered() -> None:
    """AIF's CA points at the group's one RA: the undercut came back under the first
    co-premise (a move in `argmap diff`). The group's id and the conclusion's mark, said
    by the RAs' nodeIDs, are in argmap's keys too."""
    m = ArgumentMap.model_validate(
        {
            "title": "Group",
            "nodes": [
                {"id": "t", "kind": "thesis", "text": "T"},
                {"id": "a", "kind": "premise", "text": "A", "parent": "t", "group": "g"}
                | {"relation": "supports"},
                {"id": "b", "kind": "premise", "text": "B", "parent": "t", "group": "g"}
                | {"relation": "supports"},
                {"id": "u", "kind": "objection", "text": "U", "parent": "b"}
                | {"relation": "undercuts"},
                {"id": "c", "kind": "conclusion", "text": "C", "parent": "t"},
            ],
        }
    )
    data = to_aif_data(m)
    assert _read(json.dumps(data)).map == m
    for node in data["nodes"]:
        node["nodeID"] = "x" + node["nodeID"]
    for edge in data["edges"]:
        edge["fromID"], edge["toID"] = "x" + edge["fromID"], "x" + edge["toID"]
    again = _read(json.dumps(data)).map
    fields = [(n.id, n.kind, n.parent, n.relation, n.group) for n in again.nodes]
    assert fields == [(n.id, n.kind, n.parent, n.relation, n.group) for n in m.nodes]
    assert [n.note for n in again.nodes] == [f"AIF nodeID: x{n.id}" for n in m.nodes]
