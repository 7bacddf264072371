"""The JSON export read back: export, load, export gives the same bytes; problems are located."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.errors import MapValidationError
from argmap.exporters.json import to_json
from argmap.load.maps import load_located, load_map
from argmap.model import ArgumentMap, Outlet, SourceDocument
from argmap.model.idchars import shows_nothing
from tests.conftest import MAPS
from tests.strategies import argument_maps

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)


@st.composite
def maps_with_headers(draw: st.DrawFn) -> ArgumentMap:
    """A generated map, with a description, a source document and outlets now and then."""
    m = draw(argument_maps())
    source = draw(
        st.none()
        | st.builds(
            SourceDocument,
            title=WORDS.filter(lambda s: not shows_nothing(s)),
            publication=st.none() | WORDS,
            volume=st.none() | st.integers(0, 999) | WORDS,
            url=st.none() | st.just("https://example.org/a?b=1&c=<d>"),
        )
    )
    outlets = draw(
        st.dictionaries(
            st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
            st.builds(
                Outlet, name=WORDS.filter(lambda s: not shows_nothing(s)), note=st.none() | WORDS
            ),
            max_size=2,
        )
    )
    description = draw(st.none() | WORDS)
    return m.model_copy(update={"description": description, "source": source, "sources": outlets})


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_headers())
def test_export_load_export_gives_the_same_bytes(m: ArgumentMap) -> None:
    text = to_json(m)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        path.write_text(text, encoding="utf-8")
        back = load_map(path)
        located = load_located(path)
    assert to_json(back) == text
    assert back == m
    assert located.map == back
    for i, node in enumerate(back.nodes):
        assert located.paths[node.id] == ("nodes", i)


def test_the_flagship_round_trips_through_every_command(tmp_path: Path) -> None:
    runner = CliRunner()
    export = tmp_path / "flagship.json"
    assert runner.invoke(main, ["export", str(FLAGSHIP), "-o", str(export)]).exit_code == 0
    checked = runner.invoke(main, ["validate", str(export)])
    assert checked.exit_code == 0 and "ok (63 nodes)" in checked.output
    again = runner.invoke(main, ["export", str(export)])
    assert again.exit_code == 0 and again.output == export.read_text(encoding="utf-8")
    out = tmp_path / "out"
    drawn = runner.invoke(main, ["render", str(export), "-f", "svg,html", "-o", str(out)])
    assert drawn.exit_code == 0, drawn.output
    assert (out / "flagship.svg").exists() and (out / "flagship.html").exists()
    shown = runner.invoke(main, ["show", str(export), "--focus", "russias-korean-game"])
    assert shown.exit_code == 0 and "russias-korean-game" in shown.output
    for command in (["stats"], ["lint"]):
        assert runner.invoke(main, [*command, str(export)]).exit_code in (0, 1)


def test_lint_locates_warnings_at_the_export_records(tmp_path: Path) -> None:
    export = tmp_path / "flagship.json"
    text = to_json(load_map(FLAGSHIP))
    export.write_text(text, encoding="utf-8")
    located = load_located(export)
    lines = text.splitlines()
    for node in located.map.nodes[:10]:
        line, _col = located.locate(node.id, "text")
        assert lines[line - 1].lstrip().startswith('"text": '), (node.id, line)
        assert json.dumps(node.text, ensure_ascii=False) in lines[line - 1]


def test_import_makes_an_editable_map_of_the_export(tmp_path: Path) -> None:
    runner = CliRunner()
    export = tmp_path / "flagship.json"
    export.write_text(to_json(load_map(FLAGSHIP)), encoding="utf-8")
    refused = runner.invoke(main, ["add", "premise", str(export), "--to", "x", "--text", "T."])
    assert refused.exit_code == 2 and "argmap import flagship.json -o MAP.yaml" in refused.output
    made = tmp_path / "flagship.yaml"
    result = runner.invoke(main, ["import", str(export), "-o", str(made)])
    assert result.exit_code == 0, result.output
    assert to_json(load_map(made)) == export.read_text(encoding="utf-8")
    assert runner.invoke(main, ["import", str(made), "--from", "json", "-o", "-"]).exit_code == 1


def _flagship_records() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(to_json(load_map(FLAGSHIP)))
    return data


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (lambda d: d["nodes"][3].update(parent="nowhere"), "nodes[3].parent: unknown parent"),
        (lambda d: d["nodes"][4].update(kind="reasons"), "nodes[4].kind: 'kind' must be one of"),
        (lambda d: d["nodes"][5].update(colour="red"), "nodes[5].colour: unknown field"),
        (lambda d: d["nodes"][6].update(text=""), "nodes[6].text: 'text' is empty"),
        (
            lambda d: d["nodes"][6].update(links=[{"to": "zzz", "relation": "supports"}]),
            "nodes[6].links[0]: link to unknown id 'zzz'",
        ),
        (lambda d: d["nodes"].insert(2, d["nodes"].pop(0)), "a map needs exactly one thesis"),
        (lambda d: d["nodes"].__setitem__(2, "text"), "nodes[2]: expected a node record"),
        (lambda d: d.update(nodes={}), "'nodes' must be a list of node records"),
        (lambda d: d.update(nodes=[]), "no nodes; the first record is the thesis"),
        (lambda d: d.pop("title"), "missing 'title'"),
    ],
)
def test_a_spoilt_export_is_refused_with_each_problem_located(
    tmp_path: Path, spoil: Any, expected: str
) -> None:
    data = _flagship_records()
    spoil(data)
    path = tmp_path / "spoilt.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(MapValidationError) as caught:
        load_map(path)
    issues = caught.value.issues
    assert any(expected in issue.message for issue in issues), [str(i) for i in issues]
    assert all(issue.line > 0 for issue in issues)


def test_a_spoilt_export_reports_every_problem_at_once(tmp_path: Path) -> None:
    data = _flagship_records()
    data["nodes"][3]["parent"] = "nowhere"
    data["nodes"][7]["text"] = ""
    path = tmp_path / "spoilt.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert any("nodes[3].parent: unknown parent 'nowhere'" in line for line in lines)
    assert any("nodes[7].text: 'text' is empty" in line for line in lines)
    assert all(line.startswith(f"{path}:") for line in lines)


def test_an_unknown_top_level_key_is_the_only_problem_in_json_and_yaml(tmp_path: Path) -> None:
    # A failed header used to leave the export's sources table unread, so every node
    # citing a source got a false "unknown source" line before the true one.
    data: dict[str, Any] = json.loads(to_json(load_map(MAPS / "school-uniforms.yaml")))
    assert any(record.get("source") for record in data["nodes"])
    data["generator"] = "x"
    as_json = tmp_path / "tagged.json"
    as_json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    as_yaml = tmp_path / "tagged.yaml"
    text = (MAPS / "school-uniforms.yaml").read_text(encoding="utf-8")
    as_yaml.write_text(text + "generator: x\n", encoding="utf-8")
    for path in (as_json, as_yaml):
        with pytest.raises(MapValidationError) as caught:
            load_map(path)
        messages = [issue.message for issue in caught.value.issues]
        assert messages == ["generator: unknown field 'generator'; remove it or fix the spelling"]
