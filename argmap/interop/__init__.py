"""The importer registry: other tools' formats read as maps, each module imported when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Final, NamedTuple

from argmap.errors import Issue, UnknownFormatError
from argmap.model import ArgumentMap

__all__ = [
    "IMPORTERS",
    "ImportResult",
    "get_importer",
    "import_file",
    "list_importers",
    "read_text",
]

IMPORTERS: Final[dict[str, str]] = {
    "aif": "argmap.interop.aif",
    "argdown": "argmap.interop.argdown.reader",
    "kialo": "argmap.interop.kialo",
}
"""Import formats and the module that reads each (its ``import_text`` function)."""

MAX_IMPORT_BYTES: Final = 64 * 1024 * 1024


class ImportResult(NamedTuple):
    """A map read from another format, plus what could not be carried over."""

    map: ArgumentMap
    warnings: tuple[Issue, ...]
    """Constructs skipped or changed on the way in, each located (``FILE:LINE:COL``)."""


Importer = Callable[[str, str], ImportResult]
"""``import_text(text, path)``: parse one file's text; ``path`` is only for messages."""


def list_importers() -> list[str]:
    """Return the names of every import format, sorted."""
    return sorted(IMPORTERS)


def get_importer(name: str) -> Importer:
    """Return the ``import_text`` function of the format called ``name``.

    Raises:
        UnknownFormatError: no such import format (the message lists the valid ones).
    """
    if name not in IMPORTERS:
        raise UnknownFormatError(name, available=list_importers())
    module = importlib.import_module(IMPORTERS[name])
    reader: Importer = module.import_text
    return reader


def read_text(path: str | Path) -> str:
    """Read a file to import as UTF-8 text, refusing what cannot be one with a located line.

    The load room's bounded reader (regular files only, at most
    :data:`MAX_IMPORT_BYTES`), with messages about importing.

    Raises:
        MapFileError: missing, a directory or device, unreadable, too large, binary,
            not UTF-8 or empty.
    """
    from argmap.load.files import TextKind, read_text_file

    kind = TextKind(
        advice="give a file to import",
        missing="no such file; check the path",
        binary="binary file (NUL byte); give a UTF-8 text file",
        empty="empty file; nothing to import",
        what="the file",
        limit=MAX_IMPORT_BYTES,
        too_large="",
    )
    return read_text_file(path, kind)


def import_file(path: str | Path, fmt: str) -> ImportResult:
    """Read a file in another format as a validated map.

    Args:
        path: the file to read.
        fmt: its format, one of :func:`list_importers`.

    Returns:
        The map and the warnings about what was skipped.

    Raises:
        UnknownFormatError: unknown format.
        MapFileError: the file cannot be read, parsed or represented as a map.
        MapValidationError: the result breaks the model's rules.
    """
    reader = get_importer(fmt)
    return reader(read_text(path), str(path))
