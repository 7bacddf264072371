"""One list of node fields: the model's, and every command and format follows it.

A field added to ``Node`` must show up in each view, or one of these tests fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.diff import diff_maps
from argmap.cli.edit import add, edit
from argmap.editing.add import NewNode
from argmap.editing.edit import edit_node
from argmap.exporters.json import to_records
from argmap.load.entrymodels import ENTRY_MODELS
from argmap.load.mapfile import to_file_data
from argmap.load.maps import load_map
from argmap.load.parse import parse_text
from argmap.load.validate import validate_data, validate_parsed
from argmap.model import (
    CLEARABLE_FIELDS,
    COMPARED_FIELDS,
    CONTENT_FIELDS,
    EDITABLE_FIELDS,
    FILE_FIELDS,
    NODE_FIELDS,
    PLACEMENT_FIELDS,
    UNDERCUT,
    ArgumentMap,
    Node,
    NodeKind,
    Relation,
)
from tests.conftest import write

EVERY_FIELD = """\
title: Every field
sources:
  gazette: {name: Town Gazette}
thesis:
  id: t
  text: The thesis.
  premises:
    - linked:
        - id: p1
          text: One half.
          objections:
            - id: o
              text: An undercut.
              undercut: true
        - id: p2
          text: The other half.
  evidence:
    - id: e
      text: Evidence.
      quote: all day
      citation: {outlet: Town Gazette, date: 'March 1, 2025', locator: p. 2}
      source: gazette
      author: R
      added: 2026-01-02
      tags: [a, b]
      strength: strong
      basis: media
      assessment: accept
      note: A note.
      links: [p1]
"""
"""A map in which every node field is set somewhere (``e`` has all its own fields)."""


@pytest.fixture
def every_field() -> ArgumentMap:
    return validate_parsed(parse_text(EVERY_FIELD, "every.yaml"))


def _is_set(node: Node, name: str) -> bool:
    info = Node.model_fields[name]
    return info.is_required() or getattr(node, name) != info.get_default()


def test_the_fixture_sets_every_field(every_field: ArgumentMap) -> None:
    # A new field must be set here too, so the tests below exercise it.
    for name in NODE_FIELDS:
        assert any(_is_set(node, name) for node in every_field.nodes), name
    assert all(_is_set(every_field.get("e"), name) for name in CONTENT_FIELDS)


def test_node_fields_are_the_models_in_its_order() -> None:
    assert tuple(Node.model_fields) == NODE_FIELDS


def test_every_field_is_content_identity_place_or_links() -> None:
    parts = [CONTENT_FIELDS, ("id", "kind"), PLACEMENT_FIELDS, ("links",)]
    assert sorted(name for part in parts for name in part) == sorted(NODE_FIELDS)


def test_views_keep_the_models_order() -> None:
    for view in (COMPARED_FIELDS, CONTENT_FIELDS):
        assert list(view) == [name for name in NODE_FIELDS if name in view]
    assert (*CONTENT_FIELDS, UNDERCUT) == EDITABLE_FIELDS
    assert tuple(name for name in EDITABLE_FIELDS if name != "text") == CLEARABLE_FIELDS


def test_the_json_record_holds_every_field_in_order(every_field: ArgumentMap) -> None:
    for record in to_records(every_field)["nodes"]:
        assert tuple(record) == NODE_FIELDS
    e = next(r for r in to_records(every_field)["nodes"] if r["id"] == "e")
    assert e["added"] == "2026-01-02" and e["links"] == [{"to": "p1", "relation": "supports"}]
    assert e["citation"] == {"outlet": "Town Gazette", "date": "March 1, 2025", "locator": "p. 2"}


def test_the_file_format_has_every_file_field() -> None:
    # The entry models (what a map file may say of a node) and FILE_FIELDS agree.
    entry_keys = {name for model in ENTRY_MODELS.values() for name in model.model_fields}
    assert entry_keys == set(FILE_FIELDS)
    assert set(FILE_FIELDS) == {*CONTENT_FIELDS, "id", UNDERCUT, "links"}


def test_a_map_written_out_reads_back_equal(every_field: ArgumentMap) -> None:
    data = to_file_data(every_field)
    assert validate_data(data, "again.yaml") == every_field
    e = data["thesis"]["evidence"][0]
    assert tuple(e) == tuple(name for name in FILE_FIELDS if name != UNDERCUT)
    assert data["thesis"]["premises"][0]["linked"][0]["objections"][0][UNDERCUT] is True


def test_the_diff_compares_every_compared_field(every_field: ArgumentMap) -> None:
    e = every_field.get("e")
    bare: dict[str, Any] = {
        name: Node.model_fields[name].get_default()
        for name in COMPARED_FIELDS
        if not Node.model_fields[name].is_required()
    }
    changed = e.model_copy(update={**bare, "kind": NodeKind.PREMISE, "text": "Other."})
    nodes = tuple(changed if node.id == "e" else node for node in every_field.nodes)
    result = diff_maps(every_field, every_field.model_copy(update={"nodes": nodes}))
    [(node, changes)] = result.changed
    assert node.id == "e"
    assert tuple(change.field for change in changes) == COMPARED_FIELDS
    assert not result.moved


def test_every_editable_field_is_an_edit_option() -> None:
    options = {param.name for param in edit.params}
    # ``added`` is stamped by ``argmap add``; ``edit`` can only clear it.
    assert set(EDITABLE_FIELDS) - options == {"added"}
    clear = next(param for param in edit.params if param.name == "clear")
    assert clear.type.choices == CLEARABLE_FIELDS  # type: ignore[attr-defined]


def test_add_takes_every_file_field() -> None:
    given = {f.name for f in fields(NewNode)} - {"kind", "to", "linked_with"}
    # An ``assessment`` is a reader's own mark, set with ``edit``, not part of a review.
    assert given == set(FILE_FIELDS) - {"assessment"}
    renamed = {"node_id": "id", "also": "links"}
    options = {renamed.get(str(param.name), param.name) for param in add.params}
    # ``added`` is stamped with today's date.
    assert given - options == {"added"}


def test_edit_sets_and_clears_every_editable_field(
    tmp_path: Path, every_field: ArgumentMap
) -> None:
    path = write(tmp_path, "m.yaml", EVERY_FIELD)
    e = every_field.get("e")
    values = {
        "text": "New text.",
        "quote": "all",
        "citation": e.citation.model_copy(update={"outlet": "Gazette"}) if e.citation else None,
        "source": "gazette",
        "author": "S",
        "added": dt.date(2026, 3, 4),
        "tags": ["c"],
        "strength": "weak",
        "basis": "data",
        "assessment": "reject",
        "note": "Another note.",
    }
    assert set(values) == set(EDITABLE_FIELDS) - {UNDERCUT}
    edit_node(path, "e", values)
    edit_node(path, "o", {UNDERCUT: False})
    after = load_map(path)
    node = after.get("e")
    for name, value in values.items():
        shown = getattr(node, name)
        assert (list(shown) if name == "tags" else shown) == value, name
    assert after.get("o").relation is Relation.ATTACKS
    edit_node(path, "e", {}, [name for name in CLEARABLE_FIELDS if name != "source"])
    edit_node(path, "e", {}, ["source"])
    cleared = load_map(path).get("e")
    assert all(not _is_set(cleared, name) for name in CLEARABLE_FIELDS if name != UNDERCUT)
