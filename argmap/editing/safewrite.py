"""Safe writes: an advisory lock for read-modify-write, and the one atomic file writer."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from argmap.errors import MapFileError

__all__ = [
    "clear_stale_temps",
    "glob_escape",
    "locked_text",
    "temp_name",
    "write_atomic",
]


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

    from argmap.load.files import read_map_text

    while True:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe would wait for a writer
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

        from argmap.load.files import read_map_text

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


def write_atomic(path: str | Path, data: str | bytes, *, exclusive: bool = False) -> Path:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then move it into place.

    Readers see the old file or the new one, never a part; a crash leaves a hidden
    temporary file (see :func:`clear_stale_temps`). Missing folders are created. A file
    that is replaced keeps its permissions and, for text, its UTF-8 byte-order mark.
    Text is written as UTF-8 exactly as given (line ends are not translated).

    Args:
        path: the file to write.
        data: its new content.
        exclusive: create ``path`` only if no file has that name (a hard link, which
            the kernel refuses to make over an existing name), never replacing one.

    Returns:
        ``path``, as a :class:`~pathlib.Path`.

    Raises:
        FileExistsError: ``exclusive``, and ``path`` exists (or appeared meanwhile).
        MapFileError: the folder or the file cannot be written.
    """
    p = Path(path)
    blocker = next((q for q in p.parents if q.exists() and not q.is_dir()), None)
    if blocker is not None:
        raise MapFileError(p, f"cannot write: {blocker} is a file, not a folder")
    mode, bom = (None, False) if exclusive else _kept_from(p, want_bom=isinstance(data, str))
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    tmp = temp_name(p)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            if bom:
                fh.write(codecs.BOM_UTF8)
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if exclusive:
            os.link(tmp, p)  # atomic, and fails if the name is taken
        else:
            os.replace(tmp, p)
    except OSError as exc:
        if exclusive and isinstance(exc, FileExistsError):
            raise
        raise MapFileError(p, f"cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):  # renamed away, or its folder may not even exist
            tmp.unlink()
    _sync_folder(p.parent)
    return p


def _kept_from(path: Path, *, want_bom: bool) -> tuple[int | None, bool]:
    """The permission bits of the file being replaced, and whether it starts with a BOM."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        return None, False  # a new file: the process's umask decides
    if not want_bom:
        return mode, False
    try:
        with open(path, "rb") as old:
            return mode, old.read(3) == codecs.BOM_UTF8
    except OSError:
        return mode, False


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for a renamed file to disk, where the system allows it."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
