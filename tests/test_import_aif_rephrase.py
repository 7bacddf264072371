"""AIF rephrases (MA) read in the words each relation uses; edges AIF does not relate; metadata."""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.errors import MapFileError
from argmap.interop import ImportOptions, get_importer, import_file
from tests.aifdata import aif_graph
from tests.conftest import CASES, by_aif_id, without_origin

RECONSTRUCTED = CASES / "real" / "aif" / "aifdb-6064-reconstructed.json"


def _read(data: Any, options: ImportOptions | None = None) -> Any:
    text = json.dumps(data, indent=1)
    return get_importer("aif")(text, "x.json", options or ImportOptions()), text


def _supports(m: Any) -> set[tuple[str, str]]:
    """Every support in the map, tree edges and cross-links, as (premise, conclusion) texts."""
    text = {n.id: n.text for n in m.nodes}
    out = {
        (n.text, text[n.parent])
        for n in m.nodes
        if n.parent is not None and n.relation is not None and n.relation.value == "supports"
    }
    return out | {
        (n.text, text[link.to])
        for n in m.nodes
        for link in n.links
        if link.relation.value == "supports"
    }


# -- the real file: a chain of rephrases between two inferences --------------------------------
def test_a_real_chain_of_rephrases_keeps_each_inference_in_its_own_words() -> None:
    """arguebuf's rebuilt AIFdb nodeset 6064 joins four I-nodes by a chain of three MAs.
    All four were one claim in the words of the first in the file (in no inference), so
    "By the 50s, the Empire is going" was shown supporting "they are effectively trying
    to hand over..." as "they got to a point where Macmillan realised..."."""
    data = json.loads(RECONSTRUCTED.read_text(encoding="utf-8"))
    result = import_file(RECONSTRUCTED, "aif", ImportOptions(all_roots=True))
    m = result.map
    texts = {n["nodeID"]: n["text"] for n in data["nodes"]}
    kinds = {n["nodeID"]: n["type"] for n in data["nodes"]}
    into = {e["toID"]: e["fromID"] for e in data["edges"]}
    out_of = {e["fromID"]: e["toID"] for e in data["edges"]}
    inferences = {(texts[into[k]], texts[out_of[k]]) for k, kind in kinds.items() if kind == "RA"}
    assert len(inferences) == 5
    assert _supports(m) >= inferences  # each premise and conclusion in the file's words
    nodes = by_aif_id(m)
    assert nodes["111833"].text == "By the 50s, the Empire is going"
    assert nodes["29054"].text == texts["29054"]
    # The two in no inference are read as the nearest rephrase that is in one.
    assert without_origin(nodes["29054"].note) == (
        f"Also worded: {texts['29045']}\n\nRephrase of: McMillan was / was not wrong (AIF MA "
        "'7e0312b2-4a8c-11f0-b84d-acde48001122' not followed: each takes part in relations in "
        "its own words)"
    )
    assert without_origin(nodes["111833"].note) == "Also worded: McMillan was / was not wrong"
    said = "\n".join(n.text + "\n" + (n.note or "") for n in m.nodes)
    assert all(texts[k] in said for k, kind in kinds.items() if kind == "I")  # no text lost
    messages = [w.message for w in result.warnings]
    (followed,) = [w for w in messages if w.startswith("rephrases (MA) followed")]
    assert "'7e03100a-4a8c-11f0-b84d-acde48001122' ('29045' read as '29054')" in followed
    assert "'7e0313e8-4a8c-11f0-b84d-acde48001122' ('111829' read as '111833')" in followed
    (apart,) = [w for w in messages if "not followed" in w]
    assert "each take part in relations in words of their own" in apart
    assert apart.endswith(": '7e0312b2-4a8c-11f0-b84d-acde48001122'")


# -- the rule, case by case ------------------------------------------------------------------
_TWO = {
    "p": "Fuel got dearer",
    "c": "Cars cost more to run",
    "x": "Driving is pricier",
    "y": "More people take the bus",
}


def test_claims_that_each_take_part_in_relations_stay_apart_in_their_own_words() -> None:
    schemes = [("ra1", "RA", "p", "c"), ("ra2", "RA", "x", "y"), ("ma", "MA", "c", "x")]
    result, text = _read(aif_graph(_TWO, schemes), ImportOptions(all_roots=True))
    m = result.map
    assert _supports(m) >= {(_TWO["p"], _TWO["c"]), (_TWO["x"], _TWO["y"])}
    assert without_origin(by_aif_id(m)["c"].note) == (
        "Rephrase of: Driving is pricier (AIF MA 'ma' not followed: each takes part in "
        "relations in its own words)"
    )
    (apart,) = [w for w in result.warnings if "not followed" in w.message]
    assert apart.line == text[: text.index('"ma"')].count("\n") + 1


def test_claims_in_relations_said_in_the_same_words_are_one_claim() -> None:
    claims = {**_TWO, "x": _TWO["c"]}
    schemes = [("ra1", "RA", "p", "c"), ("ra2", "RA", "x", "y"), ("ma", "MA", "c", "x")]
    m = _read(aif_graph(claims, schemes))[0].map
    assert [n.text for n in m.nodes] == [_TWO["y"], _TWO["c"], _TWO["p"]]


def test_an_ma_joining_one_i_node_is_said_skipped() -> None:
    claims = {"p": "Fuel got dearer", "c": "Cars cost more to run"}
    data = aif_graph(claims, [("ra", "RA", "p", "c")])
    data["nodes"].append({"nodeID": "ma", "text": "Default Rephrase", "type": "MA"})
    data["edges"].append({"fromID": "c", "toID": "ma"})
    result, _ = _read(data)
    assert [w.message for w in result.warnings] == [
        "rephrases (MA) that join fewer than two I-nodes: nothing to follow; skipped: 'ma'"
    ]


# -- edges between I-nodes, and an "AIF" object of metadata --------------------------------------
def _direct(meta: bool) -> dict[str, Any]:
    """Nodes and edges at the top level, each edge from one I-node straight to another."""
    claims = {"1": "The wager is a trap", "2": "Either verdict pays", "3": "No verdict pays"}
    data: dict[str, Any] = {"AIF": {"version": "1.0", "analyst": "X"}} if meta else {}
    data["nodes"] = [{"nodeID": k, "text": t, "type": "I"} for k, t in claims.items()]
    data["edges"] = [{"edgeID": "1", "fromID": "2", "toID": "1"}]
    data["edges"] += [{"edgeID": "2", "fromID": "3", "toID": "1"}]
    return data


@pytest.mark.parametrize("meta", [True, False])
def test_edges_between_i_nodes_are_said_not_read(meta: bool) -> None:
    """An ``AIF`` object of metadata beside top-level nodes was stepped into ("no
    statements found"); edges from one I-node to another were dropped without a word."""
    data = _direct(meta)
    with pytest.raises(MapFileError) as info:
        _read(data)
    text = json.dumps(data, indent=1)
    at = text.index('"fromID"')
    line, column = text[:at].count("\n") + 1, at - text.rfind("\n", 0, at)
    roots, direct = info.value.issues
    assert roots.message.startswith("3 claims and no relations between them")
    assert (direct.line, direct.column) == (line, column)
    assert direct.message == (
        "2 edges join two I-nodes with no RA or CA node between them, so no relation is read "
        "from them ('2' -> '1', '3' -> '1'): AIF relates claims through an RA node (a support) "
        "or a CA node (a conflict); put one between them"
    )
    result, _ = _read(data, ImportOptions(all_roots=True))
    assert len(result.map) == 4
    assert [w.message for w in result.warnings if "I-nodes" in w.message] == [direct.message]


def test_one_edge_between_i_nodes_beside_an_inference_is_a_warning() -> None:
    data = aif_graph(_TWO, [("ra", "RA", "p", "c")])
    data["nodes"] = data["nodes"][:2] + data["nodes"][4:]
    data["edges"].append({"fromID": "p", "toID": "c"})
    result, _ = _read(data)
    (direct,) = [w for w in result.warnings if "I-nodes" in w.message]
    assert direct.message.startswith(
        "1 edge joins two I-nodes with no RA or CA node between them, so no relation is read "
        "from it ('p' -> 'c')"
    )
