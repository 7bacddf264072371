"""Where users already are: the pre-commit hooks and the README's pull-request recipe."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from ruamel.yaml import YAML

from argmap.cli import COMMANDS, main
from tests.conftest import MAPS

ROOT = Path(__file__).resolve().parent.parent


def _hooks() -> list[dict[str, Any]]:
    data = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_hooks_name_real_commands_and_match_map_files() -> None:
    hooks = {hook["id"]: hook for hook in _hooks()}
    assert set(hooks) == {"argmap-validate", "argmap-lint"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        program, command, *_ = shlex.split(hook["entry"])
        assert program == "argmap" and command in COMMANDS
        pattern = re.compile(hook["files"])
        assert pattern.search("maps/russias-game-in-north-korea.yaml")
        assert pattern.search("debate/maps/a.json") and pattern.search("maps/sub/b.yml")
        assert not pattern.search("README.md") and not pattern.search("mapsx/a.yaml")


CLEAN = """\
title: Clean
thesis:
  text: Cities should plant more trees.
  premises:
    - id: shade
      text: Trees cool streets in summer.
      evidence:
        - text: Shaded streets measured four degrees cooler.
          citation: {outlet: City heat survey}
"""


def test_hooks_pass_good_maps_and_stop_bad_ones(tmp_path: Path) -> None:
    """Each hook runs as pre-commit would: entry, default args, then the staged files."""
    (tmp_path / "maps").mkdir()
    good_map = tmp_path / "maps" / "good.yaml"
    good_map.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "maps" / "bad.yaml"
    bad.write_text("title: t\nthesis: {text: T, kind: premise}\n", encoding="utf-8")
    warned = MAPS / "standing-example.yaml"  # valid, with lint warnings
    for hook in _hooks():
        args = [*shlex.split(hook["entry"])[1:], *hook.get("args", [])]
        good = CliRunner().invoke(main, [*args, str(good_map)])
        assert good.exit_code == 0, good.output
        strict = hook["id"] == "argmap-lint"
        assert CliRunner().invoke(main, [*args, str(warned)]).exit_code == int(strict)
        failed = CliRunner().invoke(main, [*args, str(bad)])
        assert failed.exit_code == 1
        assert f"{bad}:2:" in failed.output


def test_readme_pull_request_recipe_uses_real_options() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    recipe = readme[readme.index("name: argument maps") :]
    recipe = recipe[: recipe.index("```")]
    call = re.search(r"argmap diff (.+?) >>", recipe)
    assert call is not None
    assert call.group(1) == '"$map" --rev "$base" --format md'
    help_text = CliRunner().invoke(main, ["diff", "--help"]).output
    assert "--rev REV" in help_text and "[text|md]" in help_text
