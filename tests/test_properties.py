"""Property tests: any valid map round-trips model -> YAML -> model unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import MapFileError
from argmap.exporters.json import to_json
from argmap.load.dump import dump_yaml
from argmap.load.mapfile import to_file_data
from argmap.load.maps import load_map
from argmap.load.parse import parse_text
from argmap.load.validate import validate_parsed
from argmap.model import ArgumentMap
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


# -- fast paths agree with the slow paths they replace ------------------------------------

_TRICKY_SCALARS = (
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "",
    "0o17",
    "017",
    "0x1F",
    "1_000",
    "12:30:00",
    "1:30",
    "-0",
    "+1",
    ".inf",
    "-.INF",
    ".nan",
    "1e3",
    "1.5",
    "6.",
    "2014-04-10",
    "2014-04-10T12:00:00Z",
    "2014-04-10 12:00:00.5 +01:00",
    "=",
    "<<",
    "'quoted'",
    '"dq\\tx"',
    "plain text, with comma",
    "emoji 😀",
    "Кремль",
    "한국어",
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
            st.one_of(
                st.sampled_from(_TRICKY_SCALARS),
                st.text(alphabet="abc019:.-_ +eE", min_size=1, max_size=12).filter(
                    lambda s: s.strip() == s and not s.startswith(("-", ":"))
                ),
            ),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda pair: pair[0],
    ),
    st.sampled_from(["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "---\n"]),
)
def test_fast_yaml_parse_agrees_with_the_round_trip_parser(
    pairs: list[tuple[str, str]], prefix: str
) -> None:
    from argmap.load.fastpath import NOT_FAST, parse_yaml_fast
    from argmap.load.parse import _parse_yaml
    from argmap.load.tree import plain_data

    text = prefix + "".join(f"{key}: {value}\n" for key, value in pairs)
    try:
        fast = parse_yaml_fast(text, "t.yaml")
    except MapFileError as refused:  # a syntax error, located from the C parser's marks
        with pytest.raises(MapFileError) as round_trip:
            _parse_yaml(text, "t.yaml")
        assert round_trip.value.line == refused.line
        return
    if fast is NOT_FAST:
        return  # the caller re-parses with the round-trip parser: nothing to compare
    assert fast == plain_data(_parse_yaml(text, "t.yaml"), "t.yaml")


_INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u200b", "\u200f", "\ufeff", "\ue000", "\U000e0001"]


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=6).map(lambda s: "k" + s),
        st.lists(st.sampled_from([*_INVISIBLE, "a", " ", "Ж", "😀", "\\", '"', "\n"])).map(
            "".join
        ),
        min_size=1,
        max_size=5,
    )
)
def test_dumped_yaml_spells_out_invisible_characters(data: dict[str, str]) -> None:
    from argmap.load.dump import _is_risky

    text = dump_yaml(data)
    assert not any(_is_risky(ch) and not ch.isascii() for ch in text), text
    assert parse_text(text, "dump.yaml").data == data
