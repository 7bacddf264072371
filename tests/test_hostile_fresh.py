"""Hostile inputs, a second pass (issue 15): every reading command, map size, git ranges, speed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import argmap.load.files
import argmap.load.roundtrip
from argmap.cli import main
from tests.conftest import MAPS, write

UNIFORMS = MAPS / "school-uniforms.yaml"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")
HAS_GIT = subprocess.run(["git", "--version"], capture_output=True, check=False).returncode == 0

# --- every command that reads a file refuses every special file, in one line ----------------

# {x} is the special file; {m} a good map; {o} a folder that must stay unwritten.
_READERS: list[list[str]] = [
    ["validate", "{x}"],
    ["show", "{x}"],
    ["stats", "{x}"],
    ["lint", "{x}"],
    ["render", "{x}", "-f", "dot", "-o", "{o}"],
    ["watch", "{x}", "-f", "dot", "-o", "{o}"],
    ["add", "objection", "{x}", "--to", "uniforms", "--text", "An objection."],
    ["edit", "{x}", "uniforms", "--text", "Changed."],
    ["remove", "{x}", "cost"],
    ["diff", "{x}", "{m}"],
    ["diff", "{m}", "{x}"],
    ["check", "{x}", "--against", "{m}"],
    ["check", "{m}", "--against", "{x}"],
    ["export", "{x}", "-f", "argdown", "-o", "{o}/m.argdown"],
    ["import", "{x}", "--from", "argdown", "-o", "{o}/m.yaml"],
    ["import", "{x}", "--from", "aif", "-o", "{o}/m.yaml"],
    ["import", "{x}", "--from", "kialo", "-o", "{o}/m.yaml"],
    ["import", "{x}", "-o", "{o}/m.yaml"],
]

_SPECIALS = ["fifo", "dev-zero", "dev-urandom", "folder", "socket", "loop", "dangling"]


def _special(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind in ("dev-zero", "dev-urandom"):
        path.symlink_to(f"/dev/{kind[4:]}")
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()  # the name stays, a socket file
    elif kind == "loop":
        path.symlink_to(folder / "loop-b.yaml")
        (folder / "loop-b.yaml").symlink_to(path)
    else:
        path.symlink_to(folder / "nowhere.yaml")
    return path


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail a test that hangs (a pipe opened for reading waits for a writer) after 30 s."""

    def hung(signum: int, frame: Any) -> None:
        raise TimeoutError("the command hung")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), os.lstat(p).st_mode) for p in folder.rglob("*"))


@POSIX
@pytest.mark.parametrize("kind", _SPECIALS)
@pytest.mark.parametrize("command", _READERS, ids=lambda c: "-".join(c[:2]).replace("{", ""))
def test_every_reading_command_refuses_every_special_file_in_one_line(
    tmp_path: Path, alarm: None, command: list[str], kind: str
) -> None:
    special = _special(tmp_path, kind)
    good = write(tmp_path, "good.yaml", UNIFORMS.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    before = _listing(tmp_path)
    args = [part.format(x=special, m=good, o=out) for part in command]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == (2 if command[0] == "diff" else 1), result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{special}: "), lines[0]
    assert any(
        word in lines[0]
        for word in ("not a regular file", "is a directory", "symbolic links", "no such file")
    ), lines[0]
    assert _listing(tmp_path) == before  # nothing written, nothing replaced


def test_lint_of_a_file_it_cannot_read_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'missing.yaml'}: no such file; check the path"
    ]
    both = CliRunner().invoke(main, ["lint", str(tmp_path / "missing.yaml"), str(UNIFORMS)])
    assert both.exit_code == 1
    error, count = both.stderr.splitlines()  # a map was linted: its count follows
    assert error.endswith("no such file; check the path") and count.endswith("warnings")


# --- nothing is written that could not be read back ----------------------------------------


def test_import_refuses_a_map_above_the_size_limit_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = MAPS.parent / "tests" / "cases" / "interop" / "uniforms.kialo.txt"
    out = tmp_path / "m.yaml"
    monkeypatch.setattr(argmap.load.files, "MAX_MAP_BYTES", 600)  # the written map's limit
    for target in (str(out), "-"):
        result = CliRunner().invoke(main, ["import", str(source), "-o", target])
        assert result.exit_code == 1, result.output
        assert "above the 600-byte limit a map file may have; nothing written" in result.stderr
        assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_edit_that_would_pass_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "m.yaml", UNIFORMS.read_text(encoding="utf-8"))
    before = path.read_bytes()
    monkeypatch.setattr(argmap.load.files, "MAX_MAP_BYTES", len(before) + 100)
    long = "A long objection. " * 20
    for args in (
        ["add", "objection", str(path), "--to", "uniforms", "--text", long],
        ["edit", str(path), "cost", "--text", long],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "-byte limit a map file may have; nothing written" in result.stderr
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]


# --- git gets one revision, never a range, a path or a search --------------------------------


def _repo(tmp_path: Path) -> Path:
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_COMMITTER_NAME": "a"}
    env |= {"GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_EMAIL": "a@example.org"}
    path = tmp_path / "m.yaml"
    path.write_bytes(UNIFORMS.read_bytes())
    for args in (["init", "-q"], ["add", "m.yaml"], ["commit", "-qm", "m"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, timeout=60)
    return path


@pytest.mark.skipif(not HAS_GIT, reason="git")
@pytest.mark.parametrize(
    "rev",
    ["HEAD..HEAD", "HEAD...HEAD", "^HEAD", "HEAD^!", "HEAD^@", "HEAD^-", ":/m", "HEAD:m.yaml"],
)
def test_a_range_a_path_or_a_search_is_no_revision(tmp_path: Path, rev: str) -> None:
    path = _repo(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(path), "--rev", rev])
    assert result.exit_code == 2, result.output
    assert "names a range, a path or a search, not one revision" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not HAS_GIT, reason="git")
@pytest.mark.parametrize(
    "rev", ["HEAD", "HEAD~0", "HEAD^{commit}", "HEAD@{0}", "@{2099-01-01 10:00}"]
)
def test_one_revision_in_any_spelling_still_works(tmp_path: Path, rev: str) -> None:
    path = _repo(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(path), "--rev", rev])
    assert result.exit_code == 0, result.output


# --- an edit of a map the round-trip parser must read reads it at most twice ----------------


def _tagged_chain(depth: int) -> str:
    lines = ["title: !!str Deep", "thesis:", "  id: t", "  text: The thesis."]
    indent = "  "
    for i in range(depth):
        lines += [f"{indent}premises:", f"{indent}- id: p{i}"]
        indent += "  "
        lines.append(f"{indent}text: Premise {i}.")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "command",
    [
        ["add", "objection", "{map}", "--to", "p10", "--text", "An objection."],
        ["edit", "{map}", "p10", "--text", "Changed."],
        ["remove", "{map}", "p29", "--recursive"],
    ],
    ids=lambda c: c[0],
)
def test_an_edit_reads_a_tagged_map_the_slow_way_at_most_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    path = write(tmp_path, "m.yaml", _tagged_chain(30))
    loads: list[int] = []
    real = argmap.load.roundtrip.make_yaml

    def counted() -> Any:
        loads.append(1)
        return real()

    monkeypatch.setattr(argmap.load.roundtrip, "make_yaml", counted)
    result: Result = CliRunner().invoke(main, [part.format(map=path) for part in command])
    assert result.exit_code == 0, result.output
    # once to open the map (the tree edited is the one validated), once to check the edit
    assert len(loads) <= 2, len(loads)
    assert path.read_text(encoding="utf-8").startswith("title: !!str Deep")


def test_the_json_schema_of_a_fresh_attack_stays_valid_json(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"]


# --- an output that is the input itself: refused, watch included ----------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{map}", "-f", "dot", "-o", "{dir}"],
        ["watch", "{map}", "-f", "dot", "-o", "{dir}"],
        ["export", "{map}", "-f", "dot", "-o", "{map}"],
        ["export", "{map}", "-f", "dot", "-o", "{link}"],
    ],
    ids=lambda c: f"{c[0]}-{c[-1][1:-1]}",
)
def test_an_output_that_is_the_map_itself_is_refused_at_once(
    tmp_path: Path, alarm: None, command: list[str]
) -> None:
    path = write(tmp_path, "m.dot", UNIFORMS.read_text(encoding="utf-8"))  # a map, named .dot
    (tmp_path / "link.dot").symlink_to(path)
    before = path.read_bytes()
    args = [part.format(map=path, dir=tmp_path, link=tmp_path / "link.dot") for part in command]
    result = CliRunner().invoke(main, args)  # watch would wait for saves: the alarm fails it
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.dot", "m.dot"]


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc")
def test_a_file_holding_more_than_its_size_says_is_refused_for_what_it_is() -> None:
    from dataclasses import replace

    from argmap.errors import MapFileError
    from argmap.load.files import MAP_FILE, read_text_file

    # /proc files (and a file growing while read) hold more than stat says: no false size.
    with pytest.raises(MapFileError) as caught:
        read_text_file("/proc/self/status", replace(MAP_FILE, limit=16))
    assert str(caught.value) == (
        "/proc/self/status: file holds more than its size says, above the 16-byte limit; "
        "split it into smaller files"
    )


@POSIX
@pytest.mark.parametrize("command", ["render", "watch"])
@pytest.mark.parametrize("kind", ["fifo", "device", "file"])
def test_an_output_folder_that_is_no_folder_is_named_for_what_it_is(
    tmp_path: Path, alarm: None, command: str, kind: str
) -> None:
    path = write(tmp_path, "m.yaml", UNIFORMS.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "device":
        out.symlink_to("/dev/null")
    else:
        out.write_text("x\n", encoding="utf-8")
    what = {"fifo": "a named pipe", "device": "a character device", "file": "a file"}[kind]
    result = CliRunner().invoke(main, [command, str(path), "-f", "dot", "-o", str(out)])
    if kind == "file":  # Click's own check of -o DIRECTORY comes first: a usage error
        assert result.exit_code == 2 and "is a file" in result.stderr, result.output
        return
    assert result.exit_code == 1, result.output  # watch stops: no save could mend it
    assert result.stderr.strip().endswith(f"cannot write: {out} is {what}, not a folder")
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml", "out"]
