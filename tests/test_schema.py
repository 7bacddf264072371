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


def test_schema_takes_a_bare_year_as_a_citation_date_as_the_model_does() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    for date, valid in ((2020, True), ("May 2020", True), (20201, False), (True, False)):
        citation = {"outlet": "O", "date": date}
        data = {
            "title": "t",
            "source": {"title": "D", "date": date},
            "thesis": {"text": "a", "evidence": [{"text": "e", "citation": citation}]},
        }
        errors = list(validator.iter_errors(data))
        assert len(errors) == (0 if valid else 2), (date, errors)
