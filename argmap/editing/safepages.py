"""Safe writes of many files at once: each staged as it is made, all put in place at the end."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

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
from argmap.errors import MapFileError

__all__ = ["StagedCopy", "stage_pages"]


class StagedCopy:
    """A file's content, written to a closed temporary file beside it until :meth:`commit`.

    :func:`~argmap.editing.safewrite.write_atomic`'s guarantees, for renders of more
    files than can be held in memory or kept open at once (thousands of PNG slides):
    the content goes at once to a hidden temporary file created exclusively beside the
    target (never through a link), given the replaced file's permissions, owner and
    group, fsynced and closed; :meth:`commit` renames it over the target, so readers see
    the old file or the new one. A file with several hard links, or whose owner cannot
    be kept, or in a folder where no file can be added (staged in the system's temporary
    folder then), is rewritten in place from the staged copy instead. Nothing but the
    temporary file is touched until :meth:`commit`; :meth:`discard` removes it.

    Attributes:
        path: the file to write.
    """

    def __init__(self, path: str | Path, data: bytes) -> None:
        p = self.path = Path(path)
        check_folder(p.parent, name=p)
        target = self._target = _final_target(p)
        old = _existing(p, target)
        self._can_rename = old is None or old.st_nlink == 1  # a rename would split links
        self._replaces = old is not None
        self._tmp: Path | None = None
        try:
            if target == p:
                p.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd, self._tmp = _create_temp(target)
            except PermissionError:
                if old is None:
                    raise
                import tempfile  # no file can be added beside it: stage it elsewhere

                fd, name = tempfile.mkstemp(prefix="argmap-")
                self._tmp, self._can_rename = Path(name), False
            with open(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                if self._can_rename and old is not None:
                    self._can_rename = _keep_mode_and_owner(fd, old)
                os.fsync(fd)
        except OSError as exc:
            self.discard()
            raise cannot_write(p, exc) from None

    def commit(self) -> Path:
        """Put the staged content in place; return :attr:`path`.

        Raises:
            MapFileError: the file cannot be written.
        """
        p, target, tmp = self.path, self._target, self._tmp
        if tmp is None:
            raise MapFileError(p, "cannot write: its staged copy was discarded")
        try:
            if self._can_rename:
                try:
                    os.replace(tmp, target)
                    _sync_folder(target.parent)
                    return p
                except PermissionError:  # another user's file in a sticky folder
                    if not self._replaces:
                        raise
            with open(tmp, "rb") as staged:
                _write_in_place(p, target, staged)
        except OSError as exc:
            raise cannot_write(p, exc) from None
        finally:
            self.discard()
        return p

    def discard(self) -> None:
        """Remove the temporary file (the target is left as it was)."""
        if self._tmp is not None:
            with contextlib.suppress(OSError):  # renamed away already, after a commit
                self._tmp.unlink()
            self._tmp = None


def stage_pages(names: Sequence[Path], pages: Iterator[bytes]) -> list[StagedCopy]:
    """Stage each page as it is made, under its name (see :class:`StagedCopy`).

    Only the page being staged is held. If making or staging one fails, the pages
    staged so far are discarded and ``pages`` is closed (so its drawing stops).

    Raises:
        MapFileError: a page cannot be written.
        ValueError: ``pages`` gives another number of pages than ``names``.
    """
    staged: list[StagedCopy] = []
    try:
        for name, data in zip(names, pages, strict=True):
            staged.append(StagedCopy(name, data))
    except BaseException:
        for page in staged:
            page.discard()
        raise
    finally:
        close = getattr(pages, "close", None)
        if close is not None:
            close()
    return staged
