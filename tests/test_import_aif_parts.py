"""AIF's optional parts and broken records: read when they are lists, refused located when not."""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.errors import MapFileError
from argmap.interop import ImportOptions, get_importer, import_file
from tests.conftest import CASES

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
    authors = {n.id: n.author for n in m.nodes[1:]}
    assert set(authors.values()) == {"CL", "NL"}
    assert authors["111839"] == "NL" and m.get("111839").added is not None
    question = m.get("111829")
    assert question.text == "McMillan was / was not wrong"
    assert question.note == "Said: Was he wrong\n\nIllocution: Pure Questioning"
    assert m.get("111816").note == "Illocution: Popular Conceding"
    assert m.get("29054").note is None  # said as the claim reads, asserted: nothing to add


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
    assert (thesis.author, thesis.note) == (None, None)


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
