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
