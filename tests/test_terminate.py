"""A render stopped by SIGTERM (kill, timeout, a cancelled job) leaves nothing half-written."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from argmap.load.dump import dump_yaml

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _generated(count: int) -> dict[str, Any]:
    """A map of ``count`` nodes, reasons with objections, many slides of PNG."""
    thesis: dict[str, Any] = {"id": "n0", "text": "The generated thesis holds for every case."}
    queue = [thesis]
    for made in range(1, count):
        entry = queue[(made - 1) // 3 % len(queue)]
        key = ("premises", "objections")[made % 2]
        child = {"id": f"n{made}", "text": f"Generated statement {made}, long enough to wrap."}
        entry.setdefault(key, []).append(child)
        queue.append(child)
    return {"title": "generated", "thesis": thesis}


def test_sigterm_while_pages_are_written_leaves_no_file(tmp_path: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text(dump_yaml(_generated(400)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "argmap", "render", str(source), "-f", "png", "-o", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not any(out.iterdir()) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if process.poll() is not None:
        pytest.skip("the render ended before a page was written")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert b"Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == []


def test_an_exit_between_a_page_file_made_and_staged_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A SIGTERM's SystemExit may come after a page's temporary file is made and before the
    # render has recorded it anywhere: stage_pages sweeps this process's files by name.
    from argmap.editing import safepages
    from argmap.editing.safestream import StagedFile

    def made_then_stopped(self: safepages.StagedCopy, path: Path, *args: object) -> None:
        StagedFile.__init__(self, path)  # the temporary file exists now
        self.file.close()
        raise SystemExit(143)

    names = [tmp_path / "m-01.png", tmp_path / "m-02.png"]
    monkeypatch.setattr(safepages.StagedCopy, "__init__", made_then_stopped)
    with pytest.raises(SystemExit):
        safepages.stage_pages(names, iter([b"one", b"two"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == []
