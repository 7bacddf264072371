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
    "ImportOptions",
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
    format: str = ""
    """The format the file was read as (given, or told from the content)."""


class ImportOptions(NamedTuple):
    """Choices a user makes when a file holds more than one map's worth of claims."""

    thesis: str | None = None
    """The root claim to grow the map from, by id, title, number or text."""
    all_roots: bool = False
    """Put every root claim under one thesis made from the file's title (or question)."""


Importer = Callable[[str, str, ImportOptions], ImportResult]
"""``import_text(text, path, options)``: parse one file's text; ``path`` is for messages."""


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


def import_file(
    path: str | Path, fmt: str | None = None, options: ImportOptions | None = None
) -> ImportResult:
    """Read a file in another format as a validated map.

    The content is checked against the format named: a file that plainly is another
    format (AIF JSON given as Argdown, say) is refused with the format it looks like.

    Args:
        path: the file to read.
        fmt: its format, one of :func:`list_importers`; None tells it from the content.
        options: which root claim to take (see :class:`ImportOptions`).

    Returns:
        The map and the warnings about what was skipped.

    Raises:
        UnknownFormatError: unknown format.
        MapFileError: the file cannot be read, parsed or represented as a map, is not
            in the format named, or (with no format named) looks like no known format.
        MapValidationError: the result breaks the model's rules.
    """
    # Loaded by name like the importers: a package does not import its own modules.
    check_format = importlib.import_module("argmap.interop.sniff").check_format
    if fmt is not None:
        get_importer(fmt)  # an unknown name is a usage error before any reading
    text = read_text(path)
    fmt = str(check_format(text, str(path), fmt))
    result = get_importer(fmt)(text, str(path), options or ImportOptions())
    return result._replace(format=fmt)
