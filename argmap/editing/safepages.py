"""Safe writes of many files at once: each staged and closed as made, put in place at the end."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import IO

from argmap.editing.oserrors import cannot_write
from argmap.editing.safestream import StagedFile
from argmap.editing.safewrite import _sync_folder

__all__ = ["Flusher", "StagedCopy", "stage_pages", "sync_folders"]


class Flusher:
    """Staged files fsynced and closed on a thread of their own, in the order handed over.

    Flushing a file to disk is mostly waiting (milliseconds a file); a render of
    hundreds of slides would wait that long for each in turn. Here the waiting goes on
    beside the drawing. At most ``depth`` files wait open at once: :meth:`put` blocks
    beyond that. :meth:`finish` waits for every file and reports the first that failed.

    The two threads meet only in C-level queues (``queue.SimpleQueue``): an exit raised
    by a signal handler (Ctrl-C's KeyboardInterrupt) while the caller waits in one takes
    nothing and leaves it sound, which ``queue.Queue``'s Python-level locking does not
    promise (an exit landing inside its condition wait can leave the flushing thread
    waiting for ever, and :meth:`finish` with it).
    """

    def __init__(self, depth: int = 16) -> None:
        import queue  # only a render of several pages flushes on a thread

        self._todo: queue.SimpleQueue[tuple[IO[bytes], Path] | None] = queue.SimpleQueue()
        self._done: queue.SimpleQueue[None] = queue.SimpleQueue()
        self._depth, self._open = depth, 0
        self._failed: tuple[Path, OSError] | None = None
        self._ended = False
        self._thread = threading.Thread(target=self._run, name="argmap-flush", daemon=True)
        self._thread.start()

    def put(self, file: IO[bytes], path: Path) -> None:
        """Fsync and close ``file`` (the staged content of ``path``) on the flushing thread."""
        while self._open >= self._depth:
            self._done.get()
            self._open -= 1
        self._todo.put((file, path))
        self._open += 1

    def finish(self) -> None:
        """Wait until every file handed over is flushed and closed (again: wait again).

        Raises:
            MapFileError: a file could not be flushed to disk (the first that failed).
        """
        if not self._ended:
            self._ended = True
            self._todo.put(None)
        self._thread.join()
        if self._failed is not None:
            raise cannot_write(*self._failed)

    def _run(self) -> None:
        while (item := self._todo.get()) is not None:
            file, path = item
            try:
                if self._failed is None:  # one failure fails the lot: no need to wait more
                    os.fsync(file.fileno())
            except OSError as exc:
                self._failed = (path, exc)
            except ValueError:  # closed: discarded by an exit (Ctrl-C) as it was handed over
                pass
            finally:
                with contextlib.suppress(OSError):
                    file.close()
                self._done.put(None)


class StagedCopy(StagedFile):
    """A file's whole content, staged and sealed at once: closed until :meth:`commit`.

    A :class:`~argmap.editing.safestream.StagedFile` (all of
    :func:`~argmap.editing.safewrite.write_atomic`'s guarantees) for renders of more
    files than can be kept open at once (thousands of PNG slides): the content goes
    to the temporary file at once, which is given the replaced file's mode and owner,
    fsynced and closed (by ``flusher``, if given, which must finish before the copy is
    committed or discarded); :meth:`commit` only puts it in place.

    Attributes:
        path: the file to write.
    """

    def __init__(self, path: str | Path, data: bytes, flusher: Flusher | None = None) -> None:
        super().__init__(path)
        try:
            self.file.write(data)
            self.seal(None if flusher is None else partial(flusher.put, path=self.path))
        except BaseException as exc:  # Ctrl-C's KeyboardInterrupt mid-write too: nothing left
            self.discard()
            if isinstance(exc, OSError):
                raise cannot_write(self.path, exc) from None
            raise


def stage_pages(names: Sequence[Path], pages: Iterator[bytes]) -> list[StagedCopy]:
    """Stage each page as it is made, under its name (see :class:`StagedCopy`).

    Only the page being staged is held; pages are flushed to disk beside the drawing of
    the next (:class:`Flusher`), all of them before this returns. If making, staging or
    flushing one fails, the pages staged so far are discarded and ``pages`` is closed
    (so its drawing stops).

    Raises:
        MapFileError: a page cannot be written.
        ValueError: ``pages`` gives another number of pages than ``names``.
    """
    staged: list[StagedCopy] = []
    flusher = Flusher()
    try:
        for name, data in zip(names, pages, strict=True):
            staged.append(StagedCopy(name, data, flusher))
        flusher.finish()
    except BaseException:
        with contextlib.suppress(Exception):
            flusher.finish()  # every file closed before any is removed
        for page in staged:
            page.discard()
        _clear_own_temps(names)  # one not yet staged, made when the exit came
        raise
    finally:
        close = getattr(pages, "close", None)
        if close is not None:
            close()
    return staged


def sync_folders(files: Iterable[StagedFile]) -> None:
    """Flush to disk, once each, the folders that committed ``files`` were renamed into.

    For files committed with ``sync_folder=False`` (see
    :meth:`~argmap.editing.safestream.StagedFile.commit`): one folder fsync for a
    render's hundreds of pages instead of one a page.
    """
    for folder in dict.fromkeys(file.folder for file in files):
        _sync_folder(folder)


def _clear_own_temps(paths: Iterable[Path]) -> None:
    """Delete this process's temporary files for ``paths`` (see :func:`~.tempnames.temp_name`).

    An exit (Ctrl-C) may land between a temporary file's creation and its being
    recorded anywhere (a render staging pages): swept by name, none is left.
    """
    folders: dict[Path, set[str]] = {}
    for path in paths:
        folders.setdefault(path.parent, set()).add(path.name)
    for folder, names in folders.items():
        for temp in folder.glob(f".*.argmap-{os.getpid()}-*.tmp"):
            if temp.name[1:].rsplit(".argmap-", 1)[0] in names:
                with contextlib.suppress(OSError):
                    temp.unlink()
