"""Staged safe writes: a file written through a temporary one, put in place at the end."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

from argmap.editing.oserrors import cannot_write
from argmap.editing.safewrite import (
    _create_temp,
    _existing,
    _final_target,
    _keep_mode_and_owner,
    _sync_folder,
    _write_in_place,
    check_folder,
)
from argmap.editing.tempnames import forget
from argmap.errors import MapFileError

__all__ = ["StagedFile", "stage_atomic"]


class StagedFile:
    """A file being written to a temporary file, put in place only by :meth:`commit`.

    The staged twin of :func:`argmap.editing.safewrite.write_atomic`, with all its
    guarantees: the content goes to a hidden temporary file created exclusively beside
    the target (never through a link), is fsynced, and is renamed over the target
    (linked there, ``exclusive``), so readers see the old file or the new one. A
    replaced file keeps its permissions, owner and group; a file with several hard
    links, or whose owner cannot be kept, or in a folder where no file can be added
    (staged in the system's temporary folder then), is rewritten in place from the
    staged copy instead. Nothing but the temporary file is touched until
    :meth:`commit`; :meth:`discard` removes it.

    Write to :attr:`file` as the content is made; :meth:`seal` finishes it and closes
    the file early, so that thousands of staged files (a render's PNG slides) need no
    file open each while they wait for :meth:`commit`.

    Attributes:
        path: the file to write.
        file: where to write its content (binary), until it is sealed.
    """

    def __init__(self, path: str | Path, *, exclusive: bool = False) -> None:
        p = self.path = Path(path)
        check_folder(p.parent, name=p)
        self._exclusive = exclusive
        self._target = p if exclusive else _final_target(p)
        self._old = None if exclusive else _existing(p, self._target)
        self._tmp: Path | None = None
        self._beside = True  # the temporary file is beside the target: a rename can move it
        self._kept = True  # the replaced file's mode and owner are the new one's
        self._sealed = False
        made: list[Path] = []  # the temporary file's name, before the file is made
        try:
            if self._target == p:
                p.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd, self._tmp = _create_temp(self._target, made)
            except PermissionError:
                if self._old is None:
                    raise
                import tempfile  # no file can be added beside it: stage it elsewhere

                elsewhere = Path(tempfile.gettempdir(), self._target.name)
                fd, self._tmp = _create_temp(elsewhere, made)
                self._beside = False
            self.file: IO[bytes] = open(fd, "wb")  # noqa: SIM115 (closed by seal/discard)
        except BaseException as exc:  # Ctrl-C's KeyboardInterrupt too: no temporary file left
            for name in made:  # made, or about to be, when the exit came
                with contextlib.suppress(OSError):
                    name.unlink()
                forget(name)
            self.discard()
            if isinstance(exc, OSError):
                raise cannot_write(p, exc) from None
            raise

    def seal(self, flush: Callable[[IO[bytes]], None] | None = None) -> None:
        """Finish the content: give it the replaced file's mode and owner, fsync, close.

        :meth:`commit` seals a file not sealed yet; after this, :attr:`file` is closed
        (or handed over to ``flush``).

        Args:
            flush: called with the file instead of fsyncing and closing it here; it must
                do both before :meth:`commit` or :meth:`discard` is called (see
                :class:`~argmap.editing.safepages.Flusher`).

        Raises:
            OSError: the content cannot be flushed to disk.
        """
        if self._sealed:
            return
        fh = self.file
        fh.flush()
        if self._renames() and self._old is not None:
            self._kept = _keep_mode_and_owner(fh.fileno(), self._old)
        self._sealed = True
        if flush is not None:
            flush(fh)
            return
        try:
            os.fsync(fh.fileno())
        finally:
            fh.close()

    def commit(self, *, sync_folder: bool = True) -> Path:
        """Put the written content in place; return :attr:`path`.

        Args:
            sync_folder: flush the folder's entry for the renamed file to disk now; False
                when the caller does it once for many files
                (:func:`~argmap.editing.safepages.sync_folders`).

        Raises:
            FileExistsError: ``exclusive``, and the file exists (or appeared meanwhile).
            MapFileError: the file cannot be written.
        """
        p, target, tmp = self.path, self._target, self._tmp
        if tmp is None:
            raise MapFileError(p, "cannot write: its staged copy was discarded")
        try:
            self.seal()
            if not (self._renames() and self._kept and self._moved(tmp, target, sync_folder)):
                with open(tmp, "rb") as staged:  # the temporary file was opened write-only
                    _write_in_place(p, target, staged)
        except OSError as exc:
            if self._exclusive and isinstance(exc, FileExistsError):
                raise
            raise cannot_write(p, exc) from None
        finally:
            self.discard()
        return p

    @property
    def folder(self) -> Path:
        """The folder the file is put into (a symbolic link's target's folder)."""
        return self._target.parent

    def discard(self) -> None:
        """Close and remove the temporary file (the target is left as it was)."""
        with contextlib.suppress(OSError, AttributeError):  # no file: its open failed
            self.file.close()
        if self._tmp is not None:
            with contextlib.suppress(OSError):  # renamed away already, after a commit
                self._tmp.unlink()
            forget(self._tmp)
            self._tmp = None

    def _renames(self) -> bool:
        """Whether the staged file can be moved over the target rather than copied into it.

        Not from the system's temporary folder, and not over a file of several hard
        links (a rename would split them).
        """
        return self._beside and (self._old is None or self._old.st_nlink == 1)

    def _moved(self, tmp: Path, target: Path, sync_folder: bool) -> bool:
        """Rename (``exclusive``: link) the sealed file into place; False: write in place."""
        if self._exclusive:
            os.link(tmp, target)  # atomic, and fails if the name is taken
        else:
            try:
                os.replace(tmp, target)
            except PermissionError:  # e.g. another user's file in a sticky folder
                if self._old is None:
                    raise
                return False
        if sync_folder:
            _sync_folder(target.parent)
        return True


def stage_atomic(path: str | Path, *, exclusive: bool = False) -> StagedFile:
    """Start writing ``path`` through a temporary file (see :class:`StagedFile`).

    Raises:
        MapFileError: the folder cannot be written, or the file is not a regular file.
    """
    return StagedFile(path, exclusive=exclusive)
