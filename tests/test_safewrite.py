"""The one atomic writer: replace or create-exclusive, permissions and BOM kept, no temp left."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

import pytest

from argmap.editing.safewrite import write_atomic
from argmap.errors import MapFileError


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def test_text_is_written_as_given_and_folders_are_made(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "m.yaml"
    assert write_atomic(path, "a: 1\r\nb: 2\n") == path
    assert path.read_bytes() == b"a: 1\r\nb: 2\n"  # line ends untouched
    write_atomic(str(path), b"\x89PNG\x00")
    assert path.read_bytes() == b"\x89PNG\x00"
    assert not _temps(path.parent)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_replaced_file_keeps_its_permissions_and_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(codecs.BOM_UTF8 + b"old: 1\n")
    path.chmod(0o640)
    write_atomic(path, "new: 2\n")
    assert path.read_bytes() == codecs.BOM_UTF8 + b"new: 2\n"
    assert path.stat().st_mode & 0o777 == 0o640
    write_atomic(path, b"raw")  # bytes are written exactly; a BOM is a text matter
    assert path.read_bytes() == b"raw"
    assert path.stat().st_mode & 0o777 == 0o640


def test_exclusive_creates_but_never_replaces(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "m.yaml"
    write_atomic(path, "first\n", exclusive=True)
    assert path.read_text(encoding="utf-8") == "first\n"
    with pytest.raises(FileExistsError):
        write_atomic(path, "second\n", exclusive=True)
    assert path.read_text(encoding="utf-8") == "first\n"
    assert not _temps(path.parent)


def test_a_failed_write_is_one_error_and_leaves_no_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "out.svg"
    folder.mkdir()
    with pytest.raises(MapFileError, match=r"out\.svg: cannot write: "):
        write_atomic(folder, "<svg/>")
    assert folder.is_dir() and not _temps(tmp_path)
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(MapFileError) as info:
        write_atomic(blocker / "sub" / "m.svg", "<svg/>", exclusive=True)
    assert str(info.value).endswith(f"cannot write: {blocker} is a file, not a folder")


def test_the_writer_renames_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("old\n", encoding="utf-8")
    seen: list[bytes] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(Path(src).read_bytes())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(MapFileError, match="cannot write: No space left on device"):
        write_atomic(path, "new\n")
    assert seen == [b"new\n"]  # the whole new text was on disk before the rename
    assert path.read_text(encoding="utf-8") == "old\n"
    assert not _temps(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX hard links and signals")
def test_a_file_written_in_place_is_whole_however_ctrl_c_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A map with a second hard link is rewritten in its own inode. Ctrl-C or SIGTERM
    between the write and the truncate left the new text with the old file's tail: an
    invalid map. The signal now waits for the write to end, then acts."""
    import io
    import shutil
    import signal

    from argmap.editing import safewrite

    path = tmp_path / "m.yaml"
    path.write_text("old " * 1000, encoding="utf-8")
    os.link(path, tmp_path / "link.yaml")
    new = b"new text, shorter\n"
    copy = shutil.copyfileobj

    def interrupted(source: io.BytesIO, target: io.BufferedWriter) -> None:
        target.write(source.read(4))
        signal.raise_signal(signal.SIGINT)
        copy(source, target)

    monkeypatch.setattr(shutil, "copyfileobj", interrupted)  # safewrite imports it when copying
    with pytest.raises(KeyboardInterrupt):
        safewrite._write_in_place(path, path, io.BytesIO(new))
    assert path.read_bytes() == new == (tmp_path / "link.yaml").read_bytes()
