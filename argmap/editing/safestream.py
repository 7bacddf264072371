"""Streamed safe writes: a file written through a temporary one, put in place at the end."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO

from argmap.editing.oserrors import cannot_write
from argmap.editing.safewrite import (
    _create_temp,
    _existing,
    _final_target,
    _put_in_place,
    _write_in_place,
)
from argmap.errors import MapFileError

__all__ = ["StagedFile", "stage_atomic"]


class StagedFile:
    """A file being written to a temporary file, put in place only by :meth:`commit`.

    The streaming twin of :func:`argmap.editing.safewrite.write_atomic`, with all
    its guarantees: the content goes to a hidden temporary file created exclusively
    beside the target (never through a link), is fsynced, and is renamed over the
    target (linked there, ``exclusive``), so readers see the old file or the new one.
    A replaced file keeps its permissions, owner and group; a file with several hard
    links, or in a folder where no file can be added, is rewritten in place from the
    staged copy instead. Nothing but the temporary file is touched until
    :meth:`commit`; :meth:`discard` removes it.

    Attributes:
        path: the file to write.
        file: where to write its content (binary).
    """

    def __init__(self, path: str | Path, *, exclusive: bool = False) -> None:
        p = self.path = Path(path)
        try:
            blocker = next((q for q in p.parents if q.exists() and not q.is_dir()), None)
        except OSError as exc:  # a name too long, say
            raise cannot_write(p, exc) from None
        if blocker is not None:
            raise MapFileError(p, f"cannot write: {blocker} is a file, not a folder")
        self._exclusive = exclusive
        self._target = p if exclusive else _final_target(p)
        self._old = None if exclusive else _existing(p, self._target)
        self._tmp: Path | None = None
        try:
            if self._target == p:
                p.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd, self._tmp = _create_temp(self._target)
                self.file: IO[bytes] = open(fd, "wb")  # noqa: SIM115 (closed by commit/discard)
            except PermissionError:
                if self._old is None:
                    raise
                import tempfile  # no file can be added beside it: stage it elsewhere

                self.file = tempfile.TemporaryFile(prefix="argmap-")  # noqa: SIM115
        except OSError as exc:
            raise cannot_write(p, exc) from None

    def commit(self) -> Path:
        """Put the written content in place; return :attr:`path`.

        Raises:
            FileExistsError: ``exclusive``, and the file exists (or appeared meanwhile).
            MapFileError: the file cannot be written.
        """
        p, target, old, fh = self.path, self._target, self._old, self.file
        try:
            fh.flush()
            linked = old is not None and old.st_nlink > 1  # a rename would split the links
            tmp, exclusive = self._tmp, self._exclusive
            if tmp is None:
                _write_in_place(p, target, fh)
            elif linked or not _put_in_place(fh, tmp, target, old, exclusive=exclusive):
                with open(tmp, "rb") as staged:  # the temporary file is write-only
                    _write_in_place(p, target, staged)
        except OSError as exc:
            if self._exclusive and isinstance(exc, FileExistsError):
                raise
            raise cannot_write(p, exc) from None
        finally:
            self.discard()
        return p

    def discard(self) -> None:
        """Close and remove the temporary file (the target is left as it was)."""
        with contextlib.suppress(OSError):
            self.file.close()
        if self._tmp is not None:
            with contextlib.suppress(OSError):  # renamed away already, after a commit
                self._tmp.unlink()


def stage_atomic(path: str | Path, *, exclusive: bool = False) -> StagedFile:
    """Start writing ``path`` through a temporary file (see :class:`StagedFile`).

    Raises:
        MapFileError: the folder cannot be written, or the file is not a regular file.
    """
    return StagedFile(path, exclusive=exclusive)
