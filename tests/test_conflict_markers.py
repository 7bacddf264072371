"""Git's merge-conflict markers in a map: one located error saying what to do."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.errors import MapFileError
from argmap.load.maps import load_map
from tests.conftest import MAPS

MAP = MAPS / "russias-game-in-north-korea.yaml"
TARGET = "russias-korean-game"


def _said(path: Path, line: int, marker: str = "<<<<<<<") -> str:
    return (
        f"{path}:{line}:1: unresolved merge conflict (git's {marker} marker): keep one side "
        "or both, remove the marker lines, and try again\n"
    )


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(folder / "none")}
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)


def _two_reviewers_merged(tmp_path: Path, runner: CliRunner, style: str) -> Path:
    """Two reviewers each add an objection to one node on their branches; git merges."""
    path = tmp_path / "m.yaml"
    shutil.copyfile(MAP, path)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "m.yaml")
    _git(tmp_path, "commit", "-qm", "map")
    for branch, who in (("bob", "Bob"), ("main", "Alice")):
        if branch != "main":
            _git(tmp_path, "checkout", "-qb", branch)
        add = ["add", "objection", str(path), "--to", TARGET, "--text", f"{who} objects."]
        assert runner.invoke(main, [*add, "--author", who]).exit_code == 0
        _git(tmp_path, "commit", "-qam", who)
        if branch != "main":
            _git(tmp_path, "checkout", "-q", "main")
    merged = _git(tmp_path, "-c", f"merge.conflictStyle={style}", "merge", "bob")
    assert "CONFLICT" in merged.stdout, merged.stdout + merged.stderr
    return path


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("style", ["merge", "diff3"])
def test_a_merge_conflict_is_said_at_its_first_marker_by_every_command(
    tmp_path: Path, runner: CliRunner, style: str
) -> None:
    """validate said "656:13: invalid YAML: could not find expected ':'", at the line
    after git's <<<<<<< marker; the edits and diff said the same."""
    path = _two_reviewers_merged(tmp_path, runner, style)
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("<<<<<<< HEAD") + 1
    before = path.read_bytes()
    for args, code in [
        (["validate", str(path)], 1),
        (["lint", str(path)], 1),
        (["render", str(path), "-f", "dot", "-o", str(tmp_path / "out")], 1),
        (["add", "objection", str(path), "--to", TARGET, "--text", "x", "--author", "R"], 1),
        (["edit", str(path), TARGET, "--note", "n"], 1),
        (["remove", str(path), "economic-motives"], 1),
        (["diff", str(path), str(MAP)], 2),
    ]:
        result = runner.invoke(main, args)
        assert (result.exit_code, result.stderr) == (code, _said(path, line)), args
    assert path.read_bytes() == before
    with pytest.raises(MapFileError) as caught:
        load_map(path)
    assert (caught.value.line, caught.value.column) == (line, 1)


CONFLICT = """\
<<<<<<< HEAD
        - id: alice-objects
          text: Alice objects.
||||||| base
=======
        - id: bob-objects
          text: Bob objects.
>>>>>>> bob
"""


def _with(tmp_path: Path, lines: str, after: str = "- id: economic-motives\n") -> Path:
    """The flagship with ``lines`` inserted before the line holding ``after``."""
    text = MAP.read_text(encoding="utf-8")
    at = text.rfind("\n", 0, text.index(after)) + 1
    path = tmp_path / "m.yaml"
    path.write_text(text[:at] + lines + text[at:], encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "kept",
    [["=======", ">>>>>>> bob"], [">>>>>>> bob"], ["||||||| base"]],
    ids=["no-opening", "closing", "base"],
)
def test_a_marker_left_behind_is_said_at_its_line(
    tmp_path: Path, runner: CliRunner, kept: list[str]
) -> None:
    """Someone kept both sides but removed only some of the markers."""
    lines = "".join(
        line
        for line in CONFLICT.splitlines(keepends=True)
        if line.strip() in kept or not line.startswith(("<", "|", "=", ">"))
    )
    path = _with(tmp_path, lines.replace("- id: bob", "- id: bob2"))
    at = path.read_text(encoding="utf-8").splitlines().index(kept[0]) + 1
    result = runner.invoke(main, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (1, _said(path, at, kept[0][:7]))


def test_marker_like_lines_inside_a_block_scalar_are_text(tmp_path: Path) -> None:
    """Indented, they are the text of a block scalar (a note with a heading, say)."""
    note = "Heading\n=======\n<<<<<<< HEAD\n>>>>>>> theirs\n||||||| base\n"
    block = "  note: |\n" + "".join(f"    {line}\n" for line in note.splitlines())
    text = f"title: T\nthesis:\n  id: t\n  text: A thesis.\n{block}"
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_map(path).thesis.note == note


def test_a_whole_conflict_inside_a_quoted_value_is_refused_a_lone_marker_is_not(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Inside a multi-line quoted value the markers are valid YAML, and the merge of two
    edits of one long text would have read as that text with markers in it. A whole
    conflict (<<<<<<<, then =======, then >>>>>>> at line starts) is refused wherever it
    is; a lone ======= at a line start inside quotes stays the text it is."""
    head = 'title: T\nthesis:\n  id: t\n  text: "A thesis\n'
    path = tmp_path / "m.yaml"
    path.write_text(head + '<<<<<<< HEAD\n  one\n=======\n  two\n>>>>>>> b\n  end."\n')
    result = runner.invoke(main, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (1, _said(path, 5))
    path.write_text(head + '=======\n  end."\n')
    assert load_map(path).thesis.text == "A thesis ======= end."


def test_a_json_map_with_a_conflict_and_longer_runs(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "m.json"
    path.write_text(
        '{"title": "T",\n<<<<<<< ours\n"thesis": {"text": "A."}\n=======\n'
        '"thesis": {"text": "B."}\n>>>>>>> theirs\n}\n'
    )
    result = runner.invoke(main, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (1, _said(path, 2))
    path = _with(tmp_path, "========\n")  # eight: no marker, the parser's own words
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and "invalid YAML" in result.stderr
