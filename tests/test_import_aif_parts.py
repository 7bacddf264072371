"""AIF's optional parts and broken records: read when they are lists, refused located when not."""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.errors import MapFileError
from argmap.interop import ImportOptions, get_importer, import_file
from tests.aifdata import aif_graph
from tests.conftest import CASES, aif_node_id, by_aif_id, without_origin

_SPOKEN: dict[str, Any] = {
    "nodes": [
        {"nodeID": "1", "text": "a claim", "type": "I"},
        {"nodeID": "L1", "text": "Bob: a claim", "type": "L"},
        {"nodeID": "Y", "text": "Asserting", "type": "YA"},
    ],
    "edges": [{"fromID": "L1", "toID": "Y"}, {"fromID": "Y", "toID": "1"}],
}


def _read(data: Any) -> Any:
    text = json.dumps(data, indent=1)
    return get_importer("aif")(text, "x.json", ImportOptions()), text


@pytest.mark.parametrize(
    ("part", "value"),
    [("locutions", 5), ("participants", 5), ("participants", "Bob"), ("locutions", [1])],
)
def test_speech_parts_that_are_no_list_of_objects_are_refused_located(
    part: str, value: Any
) -> None:
    data = {**_SPOKEN, "locutions": [], "participants": [], part: value}
    with pytest.raises(MapFileError) as info:
        _read(data)  # it raised TypeError (a traceback) before
    text = json.dumps(data, indent=1)
    line = text[: text.index(f'"{part}"')].count("\n") + 1
    assert str(info.value) == (
        f"x.json:{line}:2: '{part}' must be a list of objects {{...}}; is this AIF JSON?"
    )


def test_speech_parts_given_as_null_are_none() -> None:
    # xAIF writes an empty part as null ("schemefulfillments": null).
    (result, _) = _read({**_SPOKEN, "locutions": None, "participants": None})
    # No participant: the speaker is the one the L-node's text opens with, as AIFdb writes it.
    assert (result.map.thesis.text, result.map.thesis.author) == ("a claim", "Bob")
    data = {
        **_SPOKEN,
        "locutions": [{"nodeID": "L1", "personID": 7}],
        "participants": [{"participantID": 7, "firstname": "Bob", "surname": "Li"}],
    }
    assert _read(data)[0].map.thesis.author == "Bob Li"


def test_a_node_without_an_id_is_located_at_its_record() -> None:
    data = {
        "AIF": {
            "nodes": [
                {"nodeID": "1", "text": 'quotes " and [{ brackets', "type": "I"},
                {"nodeID": "2", "text": "b", "type": "I", "extra": [[{}], {"a": []}]},
                {"text": "no id", "type": "I"},
            ],
            "edges": [],
        }
    }
    text = json.dumps(data, indent=1)
    with pytest.raises(MapFileError) as info:
        get_importer("aif")(text, "x.json", ImportOptions())
    line = text[: text.index('"no id"')].count("\n")  # the record opens a line above
    assert str(info.value) == f"x.json:{line}:4: nodes[2] has no 'nodeID'; give every node an id"


def test_a_node_without_a_type_is_named_so() -> None:
    data = {"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "b"}]}
    (result, _) = _read(data)
    (warning,) = result.warnings
    assert warning.message == "nodes without a type not supported; skipped: '2'"
    assert (warning.line, warning.column) == (9, 4)


def test_aifdb_dialogue_keeps_speakers_words_said_and_illocutions() -> None:
    # An AIFdb corpus file: no participants; each L-node reads "SPEAKER : words said".
    m = import_file(
        CASES / "real" / "aif" / "aifdb-6064.json", "aif", ImportOptions(all_roots=True)
    ).map
    nodes = by_aif_id(m)
    authors = {key: n.author for key, n in nodes.items() if n.parent is not None}
    assert set(authors.values()) == {"CL", "NL"}
    assert authors["111839"] == "NL" and nodes["111839"].added is not None
    question = nodes["111829"]
    assert (question.id, question.text) == ("mcmillan-was-was-not-wrong", question.text)
    assert question.text == "McMillan was / was not wrong"
    assert question.note == (
        "AIF nodeID: 111829\n\nSaid: Was he wrong\n\nIllocution: Pure Questioning"
    )
    assert without_origin(nodes["111816"].note) == "Illocution: Popular Conceding"
    # Said as the claim reads, asserted: nothing to add.
    assert without_origin(nodes["29054"].note) is None


def test_a_colon_in_words_said_is_no_speaker_unless_every_l_node_has_one() -> None:
    data = {
        "nodes": [
            {"nodeID": "1", "text": "Note: tea is hot", "type": "I"},
            {"nodeID": "L1", "text": "Note: tea is hot", "type": "L"},
            {"nodeID": "L2", "text": "plain words", "type": "L"},
            {"nodeID": "Y", "text": "Asserting", "type": "YA"},
        ],
        "edges": [{"fromID": "L1", "toID": "Y"}, {"fromID": "Y", "toID": "1"}],
    }
    thesis = _read(data)[0].map.thesis
    assert (thesis.author, without_origin(thesis.note)) == (None, None)


def test_an_author_with_a_colon_reads_back_from_argmaps_own_aif() -> None:
    from argmap.interop.aif import to_aif
    from argmap.model import ArgumentMap

    m = ArgumentMap.model_validate(
        {
            "title": "t",
            "nodes": [
                {"id": "a", "kind": "thesis", "text": "A claim", "author": "Ann"},
                {
                    "id": "b",
                    "kind": "premise",
                    "text": "B: a reason",
                    "parent": "a",
                    "relation": "supports",
                    "author": "Dr: X Y",
                },
            ],
        }
    )
    again = get_importer("aif")(to_aif(m), "x.json", ImportOptions()).map
    assert [(n.author, n.note) for n in again.nodes] == [("Ann", None), ("Dr: X Y", None)]


@pytest.mark.parametrize(
    ("person", "author"),
    [
        ({"firstname": ["Ann"], "surname": "Lee"}, "Lee"),  # a list: not a name
        ({"firstname": 7, "surname": None}, None),
        ({"firstname": "Ann\n", "surname": " Lee"}, "Ann Lee"),
    ],
)
def test_a_participants_name_is_its_text_fields_only(
    person: dict[str, Any], author: str | None
) -> None:
    """A name given as a list was written as its printed form (``['Ann']``)."""
    data = {
        **_SPOKEN,
        "nodes": [*_SPOKEN["nodes"][:1], {"nodeID": "L1", "text": "a claim", "type": "L"}]
        + _SPOKEN["nodes"][2:],
        "participants": [{"participantID": 1, **person}],
        "locutions": [{"nodeID": "L1", "personID": 1}],
    }
    assert _read(data)[0].map.thesis.author == author


# -- rephrases (MA) that would join claims at odds ---------------------------------------------
_QT30 = {  # QT30-style: each answer rephrases the question (MA); the answers conflict (CA)
    "q": "Who will win the election?",
    "a": "Alice will win the election",
    "b": "Bob will win the election",
    "r": "Alice leads every poll",
}
_ANSWERS = [("ma1", "MA", "a", "q"), ("ma2", "MA", "b", "q"), ("ra", "RA", "r", "a")]


def _attacks(m: Any) -> set[tuple[str, str]]:
    """Every attack in the map: tree edges and cross-links."""
    key = {n.id: aif_node_id(n) for n in m.nodes}
    out = {(n.id, n.parent) for n in m.nodes if n.relation is not None and n.parent}
    out = {(key[s], key[t]) for s, t in out if m.get(s).relation.value == "attacks"}
    return out | {
        (key[n.id], key[link.to])
        for n in m.nodes
        for link in n.links
        if link.relation.value == "attacks"
    }


def test_answers_that_conflict_are_not_merged_into_their_question() -> None:
    """MA-linked answers were one claim with the question ("Also worded"): the conflict
    between them became a self-loop, dropped without a word, and the import said the
    statements bear on each other in a cycle though the file had none."""
    data = aif_graph(_QT30, [*_ANSWERS, ("ca", "CA", "a", "b")])
    text = json.dumps(data, indent=1)
    # The question, apart now, is a root claim too: the user chooses (it was left out).
    with pytest.raises(MapFileError, match=r"2 root claims \('q' at line 4: Who will win the "):
        get_importer("aif")(text, "x.json", ImportOptions())
    result = get_importer("aif")(text, "x.json", ImportOptions(thesis="b"))
    m = result.map
    assert [n.text for n in m.nodes] == [_QT30["b"], _QT30["a"], _QT30["r"]]
    assert _attacks(m) == {("a", "b")}
    assert without_origin(by_aif_id(m)["a"].note) == (
        "Rephrase of: Who will win the election? (AIF MA 'ma1' not followed: the answers conflict)"
    )
    line = text[: text.index('"ma1"')].count("\n") + 1
    (apart,) = [w for w in result.warnings if "not followed" in w.message]
    assert apart.line == line and apart.message.startswith(
        "rephrases (MA) not followed where they join one claim to claims that conflict (a "
        "question to its answers)"
    )
    second = text[: text.index('"ma2"')].count("\n") + 1
    assert apart.message.endswith(f": 'ma1', 'ma2' (2 times; also line {second})")
    # Left out under --thesis, the question is named where it is.
    (left,) = [w for w in result.warnings if "no relation leading to" in w.message]
    assert "'q' at line 4: Who will win the election?" in left.message


def test_answers_that_conflict_both_ways_all_kept_with_all_roots() -> None:
    data = aif_graph(_QT30, [*_ANSWERS, ("ca1", "CA", "a", "b"), ("ca2", "CA", "b", "a")])
    with pytest.raises(MapFileError, match="in a cycle"):
        _read(data)  # a true cycle now: each answer attacks the other
    data["nodes"] += [{"nodeID": "t", "text": "Alice won once", "type": "I"}]
    data["nodes"] += [{"nodeID": "o", "text": "That was annulled", "type": "I"}]
    data["edges"] += [{"fromID": "o", "toID": "ca3"}, {"fromID": "ca3", "toID": "t"}]
    data["nodes"] += [{"nodeID": "ca3", "text": "", "type": "CA"}]
    text = json.dumps(data, indent=1)
    result = get_importer("aif")(text, "x.json", ImportOptions(all_roots=True))
    m = result.map
    assert sorted(n.text for n in m.nodes[1:]) == sorted(
        [*_QT30.values(), *["Alice won once", "That was annulled"]]
    )
    key = {n.id: aif_node_id(n) for n in m.nodes}
    kept = _attacks(m) | {
        (key[n.id], key[line.split("'")[1]])
        for n in m.nodes
        for line in (n.note or "").split("\n\n")
        if line.startswith("Also attacks")
    }
    assert {("a", "b"), ("b", "a"), ("o", "t")} <= kept
    assert not any("--all-roots keeps" in w.message for w in result.warnings)


def test_a_rephrase_that_would_join_claims_conflicting_through_the_merge_is_not_followed() -> None:
    claims = {"a": "Taxes should rise", "b": "Taxes ought to rise", "c": "Taxes should fall"}
    claims["d"] = "Taxes must fall"
    schemes = [("ma1", "MA", "b", "a"), ("ma2", "MA", "d", "c"), ("ma3", "MA", "d", "b")]
    result, _ = _read(aif_graph(claims, [*schemes, ("ca", "CA", "c", "a")]))
    m = result.map
    assert [(aif_node_id(n), n.text) for n in m.nodes] == [
        ("a", claims["a"]),
        ("c", claims["c"]),
    ]
    assert m.get("taxes-should-rise").note == ("AIF nodeID: a\n\nAlso worded: Taxes ought to rise")
    assert without_origin(m.get("taxes-should-fall").note) == (
        "Also worded: Taxes must fall\n\nRephrase of: Taxes ought to rise (AIF MA 'ma3' not "
        "followed: the claims conflict)"
    )
    assert _attacks(m) == {("c", "a")}
    messages = [w.message for w in result.warnings]
    assert any(
        "would make one claim of claims that conflict" in w and "'ma3'" in w for w in messages
    )


def test_a_rephrase_that_would_make_a_cycle_is_not_followed() -> None:
    """``b`` rephrases ``a``, and ``a`` supports ``x``, which supports ``b``: as one claim,
    it supported itself, and the import was refused as a support cycle."""
    claims = {"a": "Exams test memory", "x": "Memory is not skill", "b": "Exams test recall"}
    schemes = [("ra1", "RA", "a", "x"), ("ra2", "RA", "x", "b"), ("ma", "MA", "b", "a")]
    result, _ = _read(aif_graph(claims, schemes))
    m = result.map
    key = {n.id: aif_node_id(n) for n in m.nodes}
    assert [(key[n.id], n.parent and key[n.parent]) for n in m.nodes] == [
        ("b", None),
        ("x", "b"),
        ("a", "x"),
    ]
    assert without_origin(by_aif_id(m)["b"].note) == (
        "Rephrase of: Exams test memory (AIF MA 'ma' not followed: it would make a cycle)"
    )
    (apart,) = [w for w in result.warnings if "not followed" in w.message]
    assert "would make a claim bear on itself (a cycle)" in apart.message


def test_rephrases_at_odds_with_nothing_are_still_followed() -> None:
    """The claim takes the words of the I-node the support goes into ("Bikes are cheap",
    first in the file, was shown as the conclusion of "A bike costs 100")."""
    claims = {"a": "Bikes are cheap", "b": "Bicycles cost little", "r": "A bike costs 100"}
    result, _ = _read(aif_graph(claims, [("ma", "MA", "b", "a"), ("ra", "RA", "r", "b")]))
    assert [(n.id, n.note) for n in result.map.nodes] == [
        ("bicycles-cost-little", "AIF nodeID: b\n\nAlso worded: Bikes are cheap"),
        ("a-bike-costs-100", "AIF nodeID: r"),
    ]
    assert [w.message for w in result.warnings] == [
        "rephrases (MA) followed: an I-node in no relation (RA or CA) is read as the claim it "
        "rephrases, its words kept in that claim's note (Also worded): 'ma' ('a' read as 'b')"
    ]


def test_all_roots_keeps_a_cycle_no_root_reaches_and_advises_nothing() -> None:
    """With one root and an attack cycle apart from it, ``--all-roots`` left the cycle out,
    its warning saying '(--all-roots keeps every root)'."""
    claims = {"t": "Homework helps", "p": "Practice sticks", "x": "Cats rule", "y": "Dogs rule"}
    schemes = [("ra", "RA", "p", "t"), ("ca1", "CA", "x", "y"), ("ca2", "CA", "y", "x")]
    text = json.dumps(aif_graph(claims, schemes), indent=1)
    result = get_importer("aif")(text, "x.json", ImportOptions(all_roots=True))
    assert sorted(n.text for n in result.map.nodes[1:]) == sorted(claims.values())
    assert not any("--all-roots keeps" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    "extra",
    [{"AIF": {"title": " Homework "}}, {"title": "Homework"}, {"aif": {"title": "Homework"}}],
)
def test_the_files_metadata_title_is_the_maps_title(extra: dict[str, Any]) -> None:
    data = {**aif_graph({"1": "a claim", "2": "a reason"}, [("3", "RA", "2", "1")]), **extra}
    result, _ = _read(data)
    assert result.map.title == "Homework"  # it was the file's name, "x"


def test_without_a_metadata_title_the_file_name_stands() -> None:
    data = {**aif_graph({"1": "a claim"}, []), "AIF": {"title": "  ", "version": 2}}
    result, _ = _read(data)
    assert result.map.title == "x"
