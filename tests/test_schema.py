"""The JSON Schema validates real map files and rejects what the model rejects."""

from __future__ import annotations

import jsonschema

from argmap.load.files import read_map_text
from argmap.load.parse import parse_text
from argmap.load.schema import json_schema
from tests.conftest import MAPS


def test_schema_validates_every_example_map() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted(MAPS.glob("*.yaml")):
        data = parse_text(read_map_text(path), path).data
        # JSON Schema has no date type: YAML dates arrive as date objects.
        jsonschema.validate(_dates_as_text(data), schema, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_unknown_fields() -> None:
    bad = {"title": "t", "thesis": {"text": "a", "colour": "red"}}
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(bad))
    assert errors


def _dates_as_text(data: object) -> object:
    import datetime as dt

    if isinstance(data, dict):
        return {k: _dates_as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data
