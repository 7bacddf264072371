"""Safe writes of many files at once: each staged and closed as made, put in place at the end."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from argmap.editing.oserrors import cannot_write
from argmap.editing.safestream import StagedFile

__all__ = ["StagedCopy", "stage_pages"]


class StagedCopy(StagedFile):
    """A file's whole content, staged and sealed at once: closed until :meth:`commit`.

    A :class:`~argmap.editing.safestream.StagedFile` (all of
    :func:`~argmap.editing.safewrite.write_atomic`'s guarantees) for renders of more
    files than can be kept open at once (thousands of PNG slides): the content goes
    to the temporary file at once, which is given the replaced file's mode and owner,
    fsynced and closed; :meth:`commit` only puts it in place.

    Attributes:
        path: the file to write.
    """

    def __init__(self, path: str | Path, data: bytes) -> None:
        super().__init__(path)
        try:
            self.file.write(data)
            self.seal()
        except OSError as exc:
            self.discard()
            raise cannot_write(self.path, exc) from None


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
