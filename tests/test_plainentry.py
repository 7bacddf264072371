"""Entries checked without pydantic: exactly what the models give, or left to the models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import MapValidationError
from argmap.load import plainentry
from argmap.load.entrymodels import ENTRY_MODELS, LinkedHeader, LinkEntry, MapHeader
from argmap.load.mapfile import ENTRY_FIELDS
from argmap.load.maps import load_map
from argmap.load.parse import parse_text
from argmap.load.plainentry import (
    link_fields,
    linked_group_id,
    no_escapes,
    plain_entry,
    plain_header,
)
from argmap.load.validate import validate_parsed
from argmap.model import Citation, NodeKind, Outlet, SourceDocument
from argmap.model.records import Record
from tests.conftest import BAD, CASES, MAPS

EXAMPLES = sorted([*MAPS.glob("*.yaml"), *CASES.glob("**/*.yaml"), *BAD.glob("*.yaml")])
"""The example maps and the test cases' maps (some of them invalid)."""

# Values near every rule's edge: blank and padded text, ids the pattern refuses or takes
# only outside ASCII, enum values in another case, tags twice or with a line break.
STRINGS = st.sampled_from(
    ["n1", "a.b-c_d", "x" * 200, "x" * 201, "-n", "n 1", "n1\n", "é1", "١", "", " ", "\t"]
    + ["Some text.", " padded ", "strong", "Strong", "weak", "accept", "statistic", "a\nb"]
)
WRONG = st.one_of(
    st.integers(0, 1),
    st.booleans(),
    st.just(dt.date(2014, 4, 10)),
    st.just(dt.datetime(2014, 4, 10, 12, 0)),
)
"""Values of a type no text field takes as it is (a date or a year only as a free-text date's)."""
YEARS = st.sampled_from([2020, 9999, 10000, -1, 0]) | st.integers()
"""Numbers a free-text date takes as a bare year (1 to 9999), and ones it does not."""
VALUES = st.one_of(
    STRINGS,
    STRINGS,
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.just(dt.date(2014, 4, 10)),
    st.lists(STRINGS, max_size=3),
    st.tuples(STRINGS),
    st.dictionaries(st.sampled_from(["outlet", "date", "locator", "url"]), STRINGS, max_size=3),
    st.dictionaries(st.sampled_from(["outlet", "date"]), STRINGS | WRONG | YEARS),
)
MAYBE = st.integers(0, 5).flatmap(lambda i: (WRONG | YEARS) if i == 0 else st.none() | STRINGS)
"""An optional field's value: most often right, sometimes of another type."""
OUTLET = st.fixed_dictionaries({"name": STRINGS}, optional={"url": MAYBE, "note": MAYBE})
SOURCE = st.fixed_dictionaries(
    {"title": STRINGS},
    optional=dict.fromkeys(("publication", "volume", "issue", "date", "url", "author"), MAYBE),
)
HEADER = st.fixed_dictionaries(
    {"title": STRINGS},
    optional={
        "$schema": MAYBE,
        "description": MAYBE,
        "source": st.none() | SOURCE,
        "sources": st.dictionaries(STRINGS, OUTLET, max_size=3),
    },
)
FIELDS = st.sampled_from(
    ["id", "text", "quote", "citation", "source", "author", "added", "tags", "strength"]
    + ["assessment", "note", "basis", "undercut", "links", "other"]
)


def _model_result(fields: dict[str, Any], kind: NodeKind) -> dict[str, Any] | None:
    try:
        return dict(ENTRY_MODELS[kind].model_validate(fields).__dict__)
    except ValueError:
        return None


def _same(plain: dict[str, Any], model: dict[str, Any]) -> None:
    assert list(plain) == list(model)
    for name, value in plain.items():
        assert value == model[name], name
        assert type(value) is type(model[name]), name
        _same_records(value, model[name])


def _same_records(a: Any, b: Any) -> None:
    """Records (and records in a dict) alike in their fields' order and their fields set."""
    if isinstance(a, dict):
        assert list(a) == list(b)
        for key in a:
            _same_records(a[key], b[key])
    elif isinstance(a, Record):
        assert list(a.__dict__) == list(b.__dict__)
        assert a.model_fields_set == b.model_fields_set


@settings(max_examples=800, deadline=None)
@given(
    kind=st.sampled_from(list(NodeKind)),
    fields=st.dictionaries(FIELDS, VALUES, max_size=6),
    text=st.none() | STRINGS,
    id_=st.none() | STRINGS,
)
def test_a_plain_entry_is_what_its_model_gives(
    kind: NodeKind, fields: dict[str, Any], text: str | None, id_: str | None
) -> None:
    for name, value in (("text", text), ("id", id_)):
        if value is not None:
            fields[name] = value
    plain = plain_entry(fields, kind)
    if plain is not None:  # else the model checks the entry: nothing to compare
        model = _model_result(fields, kind)
        assert model is not None, fields
        _same(plain, model)


def test_the_usual_entries_are_checked_without_their_models() -> None:
    citation = {"outlet": "Interfax", "date": "January 21"}
    fields = {"id": "n1", "text": "A claim.", "basis": "statistic", "citation": citation}
    plain = plain_entry(fields, NodeKind.EVIDENCE)
    assert plain is not None
    _same(plain, ENTRY_MODELS[NodeKind.EVIDENCE].model_validate(fields).__dict__)
    year = {**fields, "citation": {"outlet": "Interfax", "date": 2020}}  # a bare year
    plain = plain_entry(year, NodeKind.EVIDENCE)
    assert plain is not None and plain["citation"].date == "2020"
    _same(plain, ENTRY_MODELS[NodeKind.EVIDENCE].model_validate(year).__dict__)
    tagged = {"text": "B.", "tags": ["x", "y"], "added": dt.date(2024, 1, 2), "undercut": True}
    assert plain_entry(tagged, NodeKind.OBJECTION) is not None
    assert plain_header({"title": "T", "description": "D"}) == {
        "title": "T",
        "description": "D",
        "source": None,
        "sources": {},
    }


@pytest.mark.parametrize(
    "fields",
    [
        {"text": " "},
        {"text": "A.", "id": "n 1"},
        {"text": "A.", "id": "x" * 201},
        {"text": "A.", "tags": ["x", "x"]},
        {"text": "A.", "strength": "Strong"},
        {"text": "A.", "added": "2024-01-02"},  # a string the model parses
        {"text": "A.", "basis": "statistic"},  # no field of a premise
        {"text": "A.", "citation": {"outlet": "O", "date": dt.datetime(2024, 1, 2)}},
    ],
)
def test_anything_unusual_is_left_to_the_model(fields: dict[str, Any]) -> None:
    assert plain_entry(fields, NodeKind.PREMISE) is None


def test_a_header_not_plainly_valid_is_left_to_the_model() -> None:
    assert plain_header({"title": "T", "sources": None}) is None
    assert plain_header({"title": "T", "sources": {1: {"name": "N"}}}) is None
    assert plain_header({"title": "T", "sources": {"k": "N"}}) is None
    assert plain_header({"title": "T", "source": "S"}) is None
    assert plain_header({"title": "T", "sources": {"k": {"name": "N", "x": 1}}}) is None
    assert plain_header({"title": "T", "source": {"title": "S", "volume": True}}) is None
    assert plain_header({"title": " "}) is None
    assert plain_header({"schema_": "x", "title": "T"}) is None
    assert plain_header({"title": "T", "other": "x"}) is None
    header = MapHeader.model_validate({"title": "T"})
    assert plain_header({"title": "T"}) == {
        "title": header.title,
        "description": header.description,
        "source": header.source,
        "sources": dict(header.sources),
    }


def test_only_text_without_escapes_is_plain() -> None:
    assert no_escapes("title: T\n")
    assert not no_escapes("")
    assert not no_escapes('title: "\\ud800"\n')


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_map_loads_as_the_models_load_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # The same text with an escape added: every entry checked by its model.
    escaped = text + "\n# \\u0041\n"
    try:
        plain = validate_parsed(parse_text(text, str(path)))
    except MapValidationError as exc:
        with pytest.raises(MapValidationError) as info:
            validate_parsed(parse_text(escaped, str(path)))
        assert info.value.issues == exc.issues
        return
    checked = validate_parsed(parse_text(escaped, str(path)))
    assert plain == checked
    for a, b in zip(plain.nodes, checked.nodes, strict=True):
        assert a.model_fields_set == b.model_fields_set
        assert list(a.__dict__) == list(b.__dict__)


def test_a_bad_entry_gets_the_models_message(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "title: T\nthesis:\n  text: A.\n  premises:\n    - text: B.\n      strength: Strong\n",
        encoding="utf-8",
    )
    with pytest.raises(MapValidationError) as info:
        load_map(path)
    assert [(i.line, i.column) for i in info.value.issues] == [(6, 17)]
    assert "strength" in info.value.issues[0].message


@settings(max_examples=1000, deadline=None)
@given(fields=HEADER)
def test_a_plain_header_is_what_its_model_gives(fields: dict[str, Any]) -> None:
    plain = plain_header(fields)
    if plain is not None:
        model = MapHeader.model_validate(fields)
        expected = {
            "title": model.title,
            "description": model.description,
            "source": model.source,
            "sources": dict(model.sources),
        }
        assert plain == expected
        _same_records(plain, expected)


@settings(max_examples=300, deadline=None)
@given(
    item=st.dictionaries(st.sampled_from(["to", "relation", "id", "note", "x"]), VALUES),
    plain=st.booleans(),
)
def test_links_and_groups_are_what_their_models_give(item: dict[str, Any], plain: bool) -> None:
    for model, check in ((LinkEntry, link_fields), (LinkedHeader, linked_group_id)):
        try:
            checked = model.model_validate(item)
        except ValueError:
            with pytest.raises(ValueError):
                check(item, plain)
            continue
        expected = (checked.to, checked.relation) if model is LinkEntry else checked.id
        assert check(item, plain) == expected


def test_every_field_the_models_check_has_a_plain_check() -> None:
    # A field added to a model and not here would be left unchecked, or crash the load.
    for model in ENTRY_MODELS.values():
        assert set(model.model_fields) - {"links"} <= set(plainentry._CHECKS), model
    for model, checks in (
        (Citation, "_CITATION"),
        (Outlet, "_OUTLET"),
        (SourceDocument, "_SOURCE"),
    ):
        assert set(getattr(plainentry, checks)) == set(model.model_fields), model
    assert {f.alias or n for n, f in MapHeader.model_fields.items()} == plainentry._HEADER_KEYS
    assert set(LinkEntry.model_fields) == {"to", "relation"}
    assert set(LinkedHeader.model_fields) == {"id", "note"}


def test_each_kinds_entry_fields_are_its_models() -> None:
    # Stated apart so that a plain load creates no model: in the model's order, all of them.
    assert {kind: tuple(m.model_fields) for kind, m in ENTRY_MODELS.items()} == ENTRY_FIELDS
