"""Safe writes of map files: an advisory lock for read-modify-write, and atomic replacement."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from argmap.errors import MapFileError

__all__ = [
    "CRASH_HOOK",
    "clear_stale_temps",
    "create_exclusive",
    "glob_escape",
    "locked_text",
    "temp_name",
    "write_atomic",
]

CRASH_HOOK: Final = "_ARGMAP_TEST_CRASH_BEFORE_RENAME"
"""Test-only: when set, the process kills itself after writing the temporary file."""


@contextlib.contextmanager
def locked_text(path: Path) -> Iterator[str]:
    """Hold an exclusive advisory lock on the map file and yield its current text.

    The lock is on the file itself, so a crashed editor leaves nothing behind that
    could block the next one (the kernel drops the lock with the process). Writers
    rename a new file over the old one, so after waiting we check that the file we
    locked is still the one at ``path`` and try again if not.
    """
    if sys.platform == "win32":
        yield from _locked_text_windows(path)
        return
    import fcntl

    from argmap.load.parse import read_map_text

    while True:
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise MapFileError(path, "no such file; check the path") from None
        except OSError as exc:
            raise MapFileError(path, f"cannot open: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                clear_stale_temps(path)
                yield read_map_text(path)
                return
        finally:
            os.close(fd)


if sys.platform == "win32":

    def _locked_text_windows(path: Path) -> Iterator[str]:
        """Lock a hidden file beside the map: on Windows a map held open cannot be replaced."""
        import msvcrt

        from argmap.load.parse import read_map_text

        lock = path.with_name(f".{path.name}.argmap.lock")
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT)
        except OSError as exc:
            raise MapFileError(path, f"cannot lock: {exc.strerror or exc}") from None
        try:
            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # gives up after 10 s: try again
                    break
                except OSError:
                    continue
            try:
                clear_stale_temps(path)
                yield read_map_text(path)
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)


def temp_name(path: Path) -> Path:
    """Return this process's temporary file name for ``path`` (hidden, same folder)."""
    return path.with_name(f".{path.name}.argmap-{os.getpid()}.tmp")


def clear_stale_temps(path: Path) -> None:
    """Delete temporary files left by editors that died before renaming (we hold the lock)."""
    for stale in path.parent.glob(f".{glob_escape(path.name)}.argmap-*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def glob_escape(name: str) -> str:
    """Escape glob metacharacters in a file name."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename it over ``path``.

    The file keeps its permissions and, if it had one, its UTF-8 byte-order mark.
    """
    tmp = temp_name(path)
    try:
        mode = os.stat(path).st_mode & 0o777
        with open(path, "rb") as old:
            bom = old.read(3) == codecs.BOM_UTF8
    except OSError:
        mode, bom = 0o644, False
    try:
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if os.environ.get(CRASH_HOOK) and sys.platform != "win32":
            os.kill(os.getpid(), signal.SIGKILL)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # its folder may not even exist
            tmp.unlink()
        raise MapFileError(path, f"cannot write: {exc.strerror or exc}") from None
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def create_exclusive(path: Path, text: str) -> None:
    """Create ``path`` with ``text`` atomically, failing if it exists (never overwrites).

    Raises:
        FileExistsError: the file exists (or appeared meanwhile).
        MapFileError: the folder or file cannot be written.
    """
    tmp = temp_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)  # atomic, and fails if the name is taken
    except FileExistsError:
        raise
    except OSError as exc:
        raise MapFileError(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):  # its folder may not even exist
            tmp.unlink()
