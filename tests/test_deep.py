"""A 5,000-deep chain loads, validates, shows and exports without hitting recursion limits."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main
from argmap.exporters.terminal import format_tree
from argmap.load.maps import load_map

DEPTH = 5000


def _deep_json(path: Path) -> Path:
    # Built as text: json.dumps itself would recurse 5,000 levels deep.
    opening = "".join(
        f'{{"id": "n{i}", "text": "claim {i}", "premises": [' for i in range(DEPTH - 1)
    )
    text = (
        '{"title": "deep", "thesis": '
        + opening
        + f'{{"id": "n{DEPTH - 1}", "text": "last"}}'
        + "]}" * (DEPTH - 1)
        + "}"
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_deep_chain(tmp_path: Path) -> None:
    path = _deep_json(tmp_path / "deep.json")
    limit = sys.getrecursionlimit()
    m = load_map(path)
    assert sys.getrecursionlimit() == limit
    assert len(m) == DEPTH
    assert m.depth(f"n{DEPTH - 1}") == DEPTH - 1
    assert format_tree(m).count("\n") == DEPTH
    result = CliRunner().invoke(main, ["export", str(path)])
    assert result.exit_code == 0
    assert len(json.loads(result.output)["nodes"]) == DEPTH


def test_deep_chain_with_an_error_is_located(tmp_path: Path) -> None:
    path = _deep_json(tmp_path / "deep.json")
    text = path.read_text(encoding="utf-8").replace('"text": "last"', '"text": ""')
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:1:")
    assert "'text' is empty" in result.stderr
