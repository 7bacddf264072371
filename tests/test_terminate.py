"""A render stopped by SIGTERM (kill, timeout, a cancelled job) leaves nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
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
    err = _ended(process)
    assert process.returncode == 128 + signal.SIGTERM, err.decode(errors="replace")
    assert b"Traceback" not in err
    left = sorted(p.name for p in out.iterdir())
    # Nothing; or, when the signal came as the pages were being put in place, all of them.
    assert left in ([], [f"big-{n:02}.png" for n in range(1, len(left) + 1)])


def _ended(process: subprocess.Popen[bytes], timeout: float = 120) -> bytes:
    """The process's standard error once it ends; killed (and the test failed) if it does not."""
    try:
        return process.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"running {timeout:.0f} s after SIGTERM:\n{err.decode(errors='replace')}")


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


def _script(tmp_path: Path, body: str) -> subprocess.Popen[bytes]:
    script = tmp_path / "stopped.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    command = [sys.executable, str(script), str(tmp_path)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_sigterm_ends_at_once_whatever_the_threads_wait_for(tmp_path: Path) -> None:
    # Nothing is unwound: a thread waiting for something that never comes cannot keep the
    # process alive, and the temporary files it made are removed.
    process = _script(
        tmp_path,
        """
        import os, signal, sys, threading
        from pathlib import Path
        from argmap import terminate
        from argmap.editing.tempnames import note, temp_name

        terminate.install()
        note(temp_name(Path(sys.argv[1]) / "page.png")).write_bytes(b"half")
        threading.Thread(target=threading.Event().wait).start()  # never ends
        os.kill(os.getpid(), signal.SIGTERM)
        """,
    )
    err = _ended(process, timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert err == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stopped.py"]


class _Stopped(Exception):
    pass


@pytest.fixture
def raising_on_sigterm() -> Iterator[None]:
    """SIGTERM raises _Stopped in this process (argmap's own handler would end pytest)."""

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    previous = signal.signal(signal.SIGTERM, stop)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.usefixtures("raising_on_sigterm")
def test_uninterrupted_holds_a_sigterm_until_the_block_ends() -> None:
    from argmap.terminate import uninterrupted

    reached = []
    with pytest.raises(_Stopped), uninterrupted():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)  # long enough for a handler to have run
        reached.append("end of block")
    assert reached == ["end of block"]


@pytest.mark.usefixtures("raising_on_sigterm")
def test_a_second_sigterm_in_an_uninterrupted_block_acts_at_once() -> None:
    from argmap.terminate import uninterrupted

    reached = []
    with pytest.raises(_Stopped), uninterrupted():
        os.kill(os.getpid(), signal.SIGTERM)
        reached.append("held")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)  # long enough for a handler to have run
        reached.append("end of block")
    assert reached == ["held"]


@pytest.mark.usefixtures("raising_on_sigterm")
def test_a_sigterm_as_pages_are_put_in_place_lets_every_page_land(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap import pipeline
    from argmap.options import RenderOptions

    source = tmp_path / "m.yaml"
    source.write_text(dump_yaml(_generated(60)), encoding="utf-8")
    out = tmp_path / "out"
    write = pipeline._write
    calls = []

    def write_then_signalled(target: Path, data: Any) -> Path:
        calls.append(target)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGTERM)
        return write(target, data)

    monkeypatch.setattr(pipeline, "_write", write_then_signalled)
    with pytest.raises(_Stopped):
        pipeline.render_files([source], ["svg"], out, RenderOptions(fit="slide"))
    assert len(calls) > 1
    assert sorted(p.name for p in out.iterdir()) == sorted(t.name for t in calls)


def test_a_page_discarded_as_it_was_handed_to_the_flusher_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An exit landing inside Flusher.put (Ctrl-C's KeyboardInterrupt) closes (discards) a
    # file the flush thread holds.
    from argmap.editing import safepages

    first_taken = threading.Event()
    fsync = os.fsync

    def slow_first(fd: int) -> None:
        first_taken.set()
        time.sleep(0.1)  # the second file is closed meanwhile
        fsync(fd)

    failures: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    monkeypatch.setattr(safepages.os, "fsync", slow_first)
    flusher = safepages.Flusher()
    one, two = (open(tmp_path / name, "wb") for name in ("one", "two"))  # noqa: SIM115
    flusher.put(one, tmp_path / "one")
    first_taken.wait(5)
    flusher.put(two, tmp_path / "two")
    two.close()
    flusher.finish()
    assert failures == [] and one.closed
