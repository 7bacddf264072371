"""YAML text written back: block-style dumps with invisible characters quoted and spelled out."""

from __future__ import annotations

import re
from typing import Any, Final

from argmap.deep import run_deep
from argmap.load.parse import make_yaml

__all__ = ["dump_yaml", "escape_invisible", "quote_risky"]


def dump_yaml(data: Any, *, header: str | None = None, name: str = "map") -> str:
    """Dump plain data as block-style YAML text (with an optional comment header).

    Strings holding control, format or line-separator characters are written
    double-quoted, where YAML escapes them, so they read back unchanged.

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
    safe = _quote_risky_strings(data)
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


def _quote_risky_strings(data: Any) -> Any:
    convert = quote_risky
    if not isinstance(data, dict | list):
        return convert(data)
    root: Any = {} if isinstance(data, dict) else []
    stack: list[tuple[Any, Any]] = [(data, root)]
    while stack:
        src, dst = stack.pop()
        pairs = src.items() if isinstance(src, dict) else enumerate(src)
        for key, value in pairs:
            if isinstance(value, dict | list):
                child: Any = {} if isinstance(value, dict) else []
                stack.append((value, child))
            else:
                child = convert(value)
            if isinstance(dst, dict):
                dst[convert(key)] = child
            else:
                dst.append(child)
    return root
