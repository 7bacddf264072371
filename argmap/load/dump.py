"""YAML text written back: block-style dumps with invisible characters quoted and spelled out."""

from __future__ import annotations

import re
from typing import Any, Final

from argmap.deep import run_deep
from argmap.load.parse import make_yaml

__all__ = [
    "FOLDED_FIELDS",
    "FOLD_WIDTH",
    "dump_yaml",
    "escape_invisible",
    "folded_rows",
    "quote_risky",
]

FOLDED_FIELDS: Final = ("text", "note")
"""Prose fields a long value of which is written folded (``>-``), a value of several lines
as a block (``|-``). (A ``quote`` stays on one line, as the flagship writes quotes: it is
searched for, verbatim, in the source document.)"""

FOLD_WIDTH: Final = 88
"""The width a written file's folded texts wrap at (ruff's and black's default)."""


def dump_yaml(data: Any, *, header: str | None = None, name: str = "map") -> str:
    """Dump plain data as block-style YAML text (with an optional comment header).

    Strings holding control, format or line-separator characters are written
    double-quoted, where YAML escapes them, so they read back unchanged. A ``text`` or
    ``note`` (:data:`FOLDED_FIELDS`) too long for one line is folded at
    :data:`FOLD_WIDTH` columns, and one of several lines is written as a block of them,
    as a person writes them and as ``argmap add`` does.

    Raises:
        MapFileError: the data nests deeper than YAML maps are written (``name`` is the
            file it was meant for); JSON has no such limit.
    """
    from io import StringIO

    from argmap.load.syntax import ROUND_TRIP_NESTING, data_depth, too_deep_to_write

    depth = data_depth(data)
    if depth > ROUND_TRIP_NESTING:  # ruamel's writer recurses once per level
        raise too_deep_to_write(name, depth)
    buffer = StringIO()
    if header:
        buffer.write(header if header.endswith("\n") else header + "\n")
    safe = _styled(data)
    run_deep(lambda: make_yaml().dump(safe, buffer))
    return escape_invisible(buffer.getvalue())


_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def escape_invisible(text: str) -> str:
    r"""Spell out invisible non-ASCII characters in dumped YAML as ``\uXXXX`` escapes.

    ruamel escapes ASCII control characters in double-quoted strings but writes format
    characters such as bidi overrides (U+202E) and zero-width spaces raw, where a
    reviewer reading the file or its diff cannot see them. Every string holding one
    is double-quoted (:func:`quote_risky`), where YAML reads the escape back as the
    same character.
    """
    if text.isascii():
        return text

    def spell(match: re.Match[str]) -> str:
        ch = match.group()
        if not _is_risky(ch) or "\ud800" <= ch <= "\udfff":
            return ch
        code = ord(ch)
        return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"

    return _NON_ASCII.sub(spell, text)


def _is_risky(text: str) -> bool:
    import unicodedata

    # Line feeds and tabs are ordinary YAML text; ruamel picks a style that keeps them.
    # Each distinct character once: a long text holds few of them (set() runs in C).
    return any(
        unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") and ch not in "\n\t"
        for ch in (set(text) if len(text) > 64 else text)
    )


_YAML11_BOOLEANS: Final = frozenset({"yes", "no", "on", "off", "y", "n"})
"""Words a YAML 1.1 reader (PyYAML, many linters) takes for true or false, in any case.

YAML 1.2 (argmap, ruamel) reads them as text, so ruamel writes them plain; ``true`` and
``false`` it quotes itself, as it does ``null`` and dates."""


def quote_risky(value: Any) -> Any:
    """Mark a string to be written quoted when another reader could take it otherwise.

    One holding control, format (bidi overrides included) or line-separator characters
    is double-quoted: YAML then escapes them, so they read back unchanged and never hide
    in the file as raw bytes. A YAML 1.1 boolean word (``yes``, ``No``, ``on``, ``y``...)
    is single-quoted, so no reader takes the text (or id) ``yes`` for ``true``. Anything
    else is returned as is.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if not isinstance(value, str):
        return value
    if _is_risky(value):
        return DoubleQuotedScalarString(value)
    if type(value) is str and len(value) <= 3 and value.lower() in _YAML11_BOOLEANS:
        return SingleQuotedScalarString(value)
    return value


def _styled(data: Any) -> Any:
    """The data with each string marked for the style it is written in (see :func:`dump_yaml`).

    The walk keeps the column each mapping's keys are written at, as the writer indents
    them (see :func:`~.roundtrip.make_yaml`): a mapping's values 2 deeper, a list's
    items' keys 4.
    """
    convert = quote_risky
    if not isinstance(data, dict | list):
        return convert(data)
    root: Any = {} if isinstance(data, dict) else []
    stack: list[tuple[Any, Any, int]] = [(data, root, 0)]
    while stack:
        src, dst, col = stack.pop()
        pairs = src.items() if isinstance(src, dict) else enumerate(src)
        for key, value in pairs:
            if isinstance(value, dict | list):
                child: Any = {} if isinstance(value, dict) else []
                deeper = 4 if isinstance(value, list) else 2 if isinstance(dst, dict) else 0
                stack.append((value, child, col + deeper))
            elif isinstance(dst, dict) and key in FOLDED_FIELDS and isinstance(value, str):
                child = _prose(value, col + len(key) + 2, col + 2)
            else:
                child = convert(value)
            if isinstance(dst, dict):
                dst[convert(key)] = child
            else:
                dst.append(child)
    return root


def folded_rows(value: str, room: int) -> list[str]:
    """A one-line text's rows folded at ``room`` columns, as many words a row as fit.

    Broken only at a single space between two characters that are not spaces: a folded
    line break reads back as one space there; anywhere else (beside a tab, inside a run
    of spaces) it would not. A word longer than ``room`` has a row of its own.
    """
    words: list[str] = []
    start = 0
    for i, char in enumerate(value):
        if (
            char == " "
            and 0 < i < len(value) - 1
            and not value[i - 1].isspace()
            and not value[i + 1].isspace()
        ):
            words.append(value[start:i])
            start = i + 1
    words.append(value[start:])
    rows: list[str] = []
    for word in words:
        if rows and len(rows[-1]) + 1 + len(word) <= room:
            rows[-1] += " " + word
        else:
            rows.append(word)
    return rows


def _prose(value: str, start: int, indent: int) -> Any:
    """A prose value marked for its style: as is, folded, or a block of its lines.

    As is where it fits on its key's line from column ``start``; folded below it at column
    ``indent``, at single spaces between words, where it is one line too long; a block
    where it is several lines. Only where that reads back as the same text: else as
    :func:`quote_risky` writes it.
    """
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    quoted = quote_risky(value)
    if quoted is not value or "\r" in value or value != value.strip(" \t\n"):
        return quoted
    if "\n" in value:
        lines = value.split("\n")
        if any(line != line.rstrip(" \t") for line in lines) or lines[0][:1] in (" ", "\t"):
            return value
        return LiteralScalarString(value)
    if start + len(value) <= FOLD_WIDTH:
        return value
    rows = folded_rows(value, FOLD_WIDTH - indent)
    if len(rows) == 1:
        return value
    folds: list[int] = []  # the spaces the rows break at
    for row in rows[:-1]:
        folds.append((folds[-1] + 1 if folds else 0) + len(row))
    folded = FoldedScalarString(value)
    folded.fold_pos = folds
    return folded
