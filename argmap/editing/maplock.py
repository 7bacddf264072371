"""The advisory lock that read-modify-write commands (add, edit, remove, import) hold on a map."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from argmap.editing.tempnames import clear_stale_temps
from argmap.errors import MapFileError

logger = logging.getLogger(__name__)

__all__ = ["held_lock", "locked_text"]


@contextlib.contextmanager
def locked_text(path: Path) -> Iterator[str]:
    """Hold the map's lock (see :func:`held_lock`) and yield its current text."""
    from argmap.load.files import read_map_text

    with held_lock(path):
        yield read_map_text(path)


@contextlib.contextmanager
def held_lock(path: Path, *, missing_ok: bool = False) -> Iterator[None]:
    """Hold an exclusive advisory lock on the map file at ``path``.

    The lock is on the file itself, so a crashed editor leaves nothing behind that could
    block the next one (the kernel drops it with the process). Writers rename a new file
    over the old, so after waiting (said in a warning, once) we check that the file locked is
    still the one at ``path``, and try again if not. Temporary files that a writer killed
    mid-write left beside the map are removed once the lock is held.

    Args:
        path: the map file.
        missing_ok: when no file has that name, hold nothing instead of failing (a command
            about to create the file).

    Raises:
        MapFileError: the file cannot be opened (it is missing, unreadable, a socket...).
    """
    if sys.platform == "win32":
        with _held_lock_windows(path):
            yield
        return
    import fcntl

    from argmap.load.files import read_map_text, real_path

    warned = False  # said once: each writer that renames a new file over it frees it anew
    while True:
        try:
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe would wait for a writer
            except PermissionError:  # a file one may only write: a lock needs no more
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if missing_ok and isinstance(exc, FileNotFoundError):
                yield
                return
            read_map_text(path)  # says what the file is, as every command does (a socket...)
            raise MapFileError(path, f"cannot open: {exc.strerror or exc}") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not warned:
                    from argmap.editing.lockholder import waiting_message

                    logger.warning("%s: %s", path, waiting_message(fd))
                    warned = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                clear_stale_temps(real_path(path))  # temporary files sit beside the target
                yield
                return
        finally:
            os.close(fd)


if sys.platform == "win32":

    @contextlib.contextmanager
    def _held_lock_windows(path: Path) -> Iterator[None]:
        """Lock a hidden file beside the map: on Windows a map held open cannot be replaced."""
        import msvcrt

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
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)
