"""Property tests: any valid map round-trips model -> YAML -> model unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from argmap.exporters.json import to_json
from argmap.io import dump_yaml, load_map, parse_text
from argmap.mapfile import to_file_data
from argmap.model import ArgumentMap
from argmap.validate import validate_parsed
from tests.strategies import argument_maps

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(argument_maps())
def test_yaml_round_trip(m: ArgumentMap) -> None:
    text = dump_yaml(to_file_data(m))
    again = validate_parsed(parse_text(text, "round-trip.yaml"))
    assert again == m


@SETTINGS
@given(argument_maps())
def test_json_file_round_trip(m: ArgumentMap) -> None:
    text = json.dumps(to_file_data(m), default=str, ensure_ascii=False)
    again = validate_parsed(parse_text(text, "round-trip.json"))
    assert again == m


@SETTINGS
@given(argument_maps())
def test_json_export_is_deterministic_and_complete(m: ArgumentMap) -> None:
    first = to_json(m)
    assert first == to_json(m)
    records = json.loads(first)["nodes"]
    assert [r["id"] for r in records] == [n.id for n in m.nodes]
    assert all((r["parent"] is None) == (r["kind"] == "thesis") for r in records)


def test_example_map_round_trips_through_a_file(tmp_path: Path) -> None:
    from tests.conftest import MAPS

    m = load_map(MAPS / "school-uniforms.yaml")
    path = tmp_path / "copy.yaml"
    path.write_text(dump_yaml(to_file_data(m)), encoding="utf-8")
    assert load_map(path) == m
