"""Files staged as made: nothing in place before commit, write_atomic's guarantees, none open."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.editing import safestream
from argmap.editing.safepages import StagedCopy, stage_pages
from argmap.errors import MapFileError


def test_content_appears_only_on_commit_and_no_file_is_held_open(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "m-00.png"
    fds = len(os.listdir("/proc/self/fd")) if sys.platform == "linux" else 0
    staged = [StagedCopy(target.with_name(f"m-{i:02d}.png"), b"page %d" % i) for i in range(50)]
    if sys.platform == "linux":
        assert len(os.listdir("/proc/self/fd")) == fds  # each staged copy is closed
    assert not target.exists()
    assert [page.commit() for page in staged][0] == target
    assert target.read_bytes() == b"page 0"
    assert sorted(p.name for p in target.parent.iterdir()) == [f"m-{i:02d}.png" for i in range(50)]


def test_discard_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "m.png"
    target.write_bytes(b"old")
    StagedCopy(target, b"new, but the render failed").discard()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.png"]


@pytest.mark.parametrize("step", ["write", "seal"])
def test_an_exit_while_a_page_is_staged_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """An exit mid-write (Ctrl-C's KeyboardInterrupt) is not an OSError:
    the half-written temporary file goes all the same, and the exit goes on."""
    target = tmp_path / "m-03.png"
    target.write_bytes(b"old")

    def stop(*args: object, **kwargs: object) -> None:
        raise SystemExit(143)

    if step == "seal":
        monkeypatch.setattr(StagedCopy, "seal", stop)
    else:

        class Stopping(io.FileIO):
            def write(self, data: object) -> int:
                raise SystemExit(143)

        monkeypatch.setattr(safestream, "open", Stopping, raising=False)
    with pytest.raises(SystemExit):
        StagedCopy(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["m-03.png"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "m.png"
    target.write_bytes(b"old")
    target.chmod(0o640)
    StagedCopy(target, b"new").commit()
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_hard_linked_file_is_rewritten_in_place(tmp_path: Path) -> None:
    target = tmp_path / "m.png"
    target.write_bytes(b"old content, longer than the new")
    twin = tmp_path / "twin.png"
    os.link(target, twin)
    StagedCopy(target, b"new").commit()
    assert twin.read_bytes() == b"new" and os.path.samefile(target, twin)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.png", "twin.png"]


def test_a_symlink_writes_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(real)
    StagedCopy(link, b"new").commit()
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_file_that_cannot_be_renamed_over_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "m.png"
    target.write_bytes(b"old")
    inode = os.stat(target).st_ino
    staged = StagedCopy(target, b"new")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # a sticky folder, another owner

    monkeypatch.setattr(os, "replace", refuse)
    staged.commit()
    assert os.stat(target).st_ino == inode and target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["m.png"]
    with pytest.raises(MapFileError, match="Operation not permitted"):
        StagedCopy(tmp_path / "new.png", b"x").commit()  # a new file has nothing to fall back on
    assert [p.name for p in tmp_path.iterdir()] == ["m.png"]


def test_a_folder_or_a_dangling_link_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="folder"):
        StagedCopy(tmp_path, b"x")
    (tmp_path / "m.png").symlink_to(tmp_path / "nowhere.png")
    with pytest.raises(MapFileError, match="which does not exist"):
        StagedCopy(tmp_path / "m.png", b"x")
    assert not (tmp_path / "nowhere.png").exists()


def test_a_failure_midway_discards_the_pages_staged_and_stops_the_drawing(
    tmp_path: Path,
) -> None:
    closed: list[bool] = []

    def pages() -> Iterator[bytes]:
        try:
            yield b"one"
            yield b"two"
            raise RuntimeError("page 3 failed")
        finally:
            closed.append(True)

    names = [tmp_path / f"m-{i}.png" for i in range(1, 5)]
    (tmp_path / "m-1.png").write_bytes(b"old")
    with pytest.raises(RuntimeError, match="page 3 failed"):
        stage_pages(names, pages())
    assert closed == [True]
    assert [p.name for p in tmp_path.iterdir()] == ["m-1.png"]
    assert (tmp_path / "m-1.png").read_bytes() == b"old"

    def endless() -> Iterator[bytes]:
        try:
            while True:
                yield b"page"
        finally:
            closed.append(True)

    (tmp_path / "m-3.png").mkdir()  # the third page cannot be written: the drawing stops
    with pytest.raises(MapFileError):
        stage_pages(names, endless())
    assert closed == [True, True]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m-1.png", "m-3.png"]


def test_a_refused_page_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match=r"cannot write: .*; the name is too long; give a "):
        StagedCopy(tmp_path / ("x" * 300 + ".png"), b"page")
    assert list(tmp_path.iterdir()) == []


def test_pages_are_flushed_beside_the_drawing_and_a_failed_flush_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    flushed_on: set[str] = set()
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        flushed_on.add(threading.current_thread().name)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    names = [tmp_path / f"m-{i}.png" for i in range(1, 41)]
    fds = len(os.listdir("/proc/self/fd")) if sys.platform == "linux" else 0
    staged = stage_pages(names, iter([b"page %d" % i for i in range(40)]))
    assert flushed_on == {"argmap-flush"}  # the drawing thread never waits on the disk
    if sys.platform == "linux":
        assert len(os.listdir("/proc/self/fd")) == fds  # every page closed on return
    for page in staged:
        page.discard()

    (tmp_path / "m-1.png").write_bytes(b"old")
    calls: list[int] = []

    def failing(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 7:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(MapFileError, match=r"m-7\.png: cannot write: No space left on device"):
        stage_pages(names, iter([b"page"] * 40))
    assert [p.name for p in tmp_path.iterdir()] == ["m-1.png"]  # no temporary file left
    assert (tmp_path / "m-1.png").read_bytes() == b"old"


def test_committed_pages_flush_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.editing.safepages import sync_folders

    names = [tmp_path / f"m-{i}.png" for i in range(1, 21)]
    staged = stage_pages(names, iter([b"page"] * 20))
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    for page in staged:
        page.commit(sync_folder=False)
    assert synced == []
    sync_folders(staged)
    assert len(synced) == (0 if sys.platform == "win32" else 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n.name for n in names)
