import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.editing.add import NewNode, add_node
from argmap.load.maps import load_map
from argmap.model import NodeKind
from tests.conftest import MAPS, ROOT


@pytest.mark.slow
def test_twenty_concurrent_adds_all_land(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    shutil.copyfile(MAPS / "school-uniforms.yaml", path)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "argmap",
                "add",
                "objection",
                str(path),
                "--to",
                "cost",
                "--text",
                f"Objection number {i}.",
                "--id",
                f"obj-{i}",
                "--author",
                f"R{i}",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(20)
    ]
    results = [proc.communicate(timeout=300) + (proc.returncode,) for proc in procs]
    assert [r[2] for r in results] == [0] * 20, [r[1] for r in results]
    m = load_map(path)
    assert {f"obj-{i}" for i in range(20)} <= {n.id for n in m.nodes}
    assert len(m.nodes) == len(load_map(MAPS / "school-uniforms.yaml").nodes) + 20
    assert not list(tmp_path.glob(".*.tmp"))


# `argmap ARGS...` in a process that kills itself where the writer would rename its
# temporary file over the map: written and fsynced, not yet in place.
CRASH_BEFORE_RENAME = """
import os, signal, sys

def crash(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = crash
from argmap.cli import main
sys.argv[0] = "argmap"
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_crash_between_write_and_rename_keeps_original(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    shutil.copyfile(MAPS / "school-uniforms.yaml", path)
    before = path.read_bytes()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CRASH_BEFORE_RENAME,
            "add",
            "objection",
            str(path),
            "--to",
            "cost",
            "--text",
            "Never lands.",
            "--author",
            "R",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert len(list(tmp_path.glob(".m.yaml.argmap-*.tmp"))) == 1  # the dead process's temp file
    # No stray lock: the next edit goes through at once, and cleans up the temp file.
    new_id = add_node(path, NewNode(NodeKind.OBJECTION, "Lands.", to="cost"))
    assert load_map(path).get(new_id).text == "Lands."
    assert not list(tmp_path.glob(".m.yaml.argmap-*.tmp"))


HOLD_LOCK = (
    "import fcntl, sys, time; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX);"
    " print('held', flush=True); time.sleep(0.6)"
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")
def test_import_force_waits_for_an_edit_holding_the_maps_lock(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`import --force` over a map took no lock: an `add` that read the map before the
    import wrote it renamed its own result over the imported map, which was lost. It
    waits for the lock now, as the editors do, and its map is the one that stays."""
    import time

    from click.testing import CliRunner

    from argmap.cli import main

    source = tmp_path / "in.argdown"
    source.write_text("[T]: The thesis.\n  <+ [R]: A reason.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    shutil.copyfile(MAPS / "school-uniforms.yaml", path)
    command = [sys.executable, "-c", HOLD_LOCK, str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        args = ["import", str(source), "--from", "argdown", "-o", str(path), "--force"]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "waiting for another program that holds its lock" in caplog.text
    assert time.monotonic() - started > 0.3
    assert [n.text for n in load_map(path).nodes] == ["The thesis.", "A reason."]


def test_import_without_force_never_replaces_a_file_made_since_its_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --force, a file made by another program between the check for it and the
    write was replaced all the same. The write only creates now: refused, the file kept."""
    from click.testing import CliRunner

    from argmap.cli import interop, main

    source = tmp_path / "in.argdown"
    source.write_text("[T]: The thesis.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    checked = interop._check_output

    def checked_then_made(src: Path, out: Path, *, force: bool) -> None:
        checked(src, out, force=force)
        out.write_text("someone's work\n", encoding="utf-8")

    monkeypatch.setattr(interop, "_check_output", checked_then_made)
    args = ["import", str(source), "--from", "argdown", "-o", str(path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {path}: already exists; use --force to overwrite it"
    assert path.read_text(encoding="utf-8") == "someone's work\n"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")
def test_adds_racing_an_import_force_never_lose_the_import(tmp_path: Path) -> None:
    """Every add lands before the import (and is replaced, as --force asks) or after it
    (on the imported map): the imported map's statements are always in the result."""
    source = tmp_path / "in.argdown"
    source.write_text("[T]: The thesis.\n  <+ [R]: A reason.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    shutil.copyfile(MAPS / "school-uniforms.yaml", path)
    argmap = [sys.executable, "-m", "argmap"]
    adds = [
        argmap
        + ["add", "objection", str(path), "--to", "T" if i % 2 else "cost"]
        + ["--text", f"Objection {i}.", "--id", f"o{i}", "--author", "R"]
        for i in range(8)
    ]
    imp = argmap + ["import", str(source), "--from", "argdown", "-o", str(path), "--force"]
    procs = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in adds[:4] + [imp] + adds[4:]
    ]
    for proc in procs:
        proc.communicate(timeout=300)
    assert procs[4].returncode == 0
    texts = {n.text for n in load_map(path).nodes}
    assert {"The thesis.", "A reason."} <= texts


def test_import_force_under_a_file_says_it_cannot_write_there(tmp_path: Path) -> None:
    """With --force the map's lock is taken first: its failure to open the output was
    said as a read ("cannot read: Not a directory"). It is said as the write's now."""
    from click.testing import CliRunner

    from argmap.cli import main

    source = tmp_path / "in.argdown"
    source.write_text("[T]: The thesis.\n", encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = tmp_path / "afile" / "m.yaml"
    args = ["import", str(source), "--from", "argdown", "-o", str(out), "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr == f"{out}: cannot write: {tmp_path / 'afile'} is a file, not a folder\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")
def test_import_force_locks_a_map_one_may_write_but_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock opened the map for reading: `import --force` over a file one may write
    but not read failed ("cannot read"), though it never reads it. It opens it for
    writing then. (Tests run as root, whom no mode stops: the refusal is made here.)"""
    import os

    from click.testing import CliRunner

    from argmap.cli import main

    source = tmp_path / "in.argdown"
    source.write_text("[T]: The thesis.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text("old\n", encoding="utf-8")
    real_open = os.open

    def no_reading(name: object, flags: int, *args: object) -> int:
        if Path(str(name)) == path and flags & (os.O_WRONLY | os.O_RDWR) == 0:
            raise PermissionError(13, "Permission denied")
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", no_reading)
    args = ["import", str(source), "--from", "argdown", "-o", str(path), "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    monkeypatch.undo()
    assert [n.text for n in load_map(path).nodes] == ["The thesis."]


# Three writers in turn, as parallel adds are: each holds the map's lock, writes a new file
# and renames it over the map, the next having locked that new file first.
RENAME_THRICE = """
import fcntl, os, sys, time
path = sys.argv[1]
held = open(path)
fcntl.flock(held, fcntl.LOCK_EX)
print('held', flush=True)
for turn in range(3):
    time.sleep(0.3)
    new = path + f'.{turn}'
    with open(path, encoding='utf-8') as old, open(new, 'w', encoding='utf-8') as out:
        out.write(old.read())
    following = open(new)
    fcntl.flock(following, fcntl.LOCK_EX)
    os.replace(new, path)
    held.close()
    held = following
time.sleep(0.3)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")
def test_an_edit_waiting_behind_several_writers_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Eight parallel adds all landed but printed 28 lines of "waiting for another program
    that holds its lock": each writer that renamed a new file over the map freed the lock
    on the old one, and each wait behind the next writer said it again."""
    from click.testing import CliRunner

    from argmap.cli import main

    path = tmp_path / "m.yaml"
    shutil.copyfile(MAPS / "school-uniforms.yaml", path)
    command = [sys.executable, "-c", RENAME_THRICE, str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        args = ["add", "objection", str(path), "--to", "cost", "--text", "x", "--author", "R"]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    waits = [r.getMessage() for r in caplog.records if "waiting" in r.getMessage()]
    assert waits == [f"{path}: waiting for another program that holds its lock"]
    assert load_map(path).get("x").text == "x"


ARGMAP_HOLDING = """
import sys
from pathlib import Path
from argmap.editing.maplock import held_lock
with held_lock(Path(sys.argv[1])):
    print('held', flush=True)
    sys.stdin.read()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/locks")
def test_an_edit_waiting_for_another_argmap_edit_says_which(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Where the system names the lock's holder, and it is argmap, the warning says so."""
    import threading

    from click.testing import CliRunner

    from argmap.cli import main

    path = tmp_path / "m.yaml"
    shutil.copyfile(MAPS / "school-uniforms.yaml", path)
    script = tmp_path / "argmap"  # as the console script is named
    script.write_text(ARGMAP_HOLDING, encoding="utf-8")
    command = [sys.executable, str(script), str(path)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    with subprocess.Popen(command, env=env, text=True, **pipes) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert holder.stdin is not None
        threading.Timer(0.5, holder.stdin.close).start()
        args = ["add", "objection", str(path), "--to", "cost", "--text", "x", "--author", "R"]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    waits = [r.getMessage() for r in caplog.records if "waiting" in r.getMessage()]
    assert waits == [f"{path}: waiting for another argmap edit (process {holder.pid}) to finish"]
