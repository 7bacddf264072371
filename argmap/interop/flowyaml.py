"""One-line YAML flow values (``{key: "value"}``) safe to embed in other text formats."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = ["FlowError", "flow", "load_flow", "quote"]

_ESCAPE_ALWAYS: Final = frozenset('{}=[]#<>/\\"')
_BARE_KEY: Final = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_UNSAFE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"})
_FLOW_MARKS: Final = re.compile(r"[\[\]{}\"']")
_DOUBLE: Final = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SINGLE: Final = re.compile(r"'(?:[^']|'')*'")


def quote(text: str) -> str:
    r"""Return ``text`` as a YAML double-quoted scalar that stays on one line.

    Braces, brackets, angle brackets, ``#``, ``=`` and ``/`` are written as escapes too, so
    the value cannot end an Argdown data block or front matter, or open a comment.

    >>> quote('a "b" {c}')
    '"a \\"b\\" \\x7bc\\x7d"'
    """
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in _ESCAPE_ALWAYS:
            out.append(f"\\x{code:02x}")
        elif unicodedata.category(ch) in _UNSAFE_CATEGORIES or code in (0x85, 0xFEFF):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def flow(value: Any) -> str:
    """Return plain data (dicts, lists, strings, numbers, booleans) as one-line flow YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return quote(str(value))


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else quote(name)


SHALLOW_NESTING: Final = 16
"""A one-line text nested no deeper than this is parsed on the caller's stack: the parser
recurses a few frames a level, far inside Python's limit. A deep-stack thread costs about
2 ms to start, and an Argdown file has a data block for most of its nodes."""


def load_flow(text: str) -> Any:
    """Parse YAML text (a data block or front matter) into plain data.

    Raises:
        FlowError: the text is not valid YAML (the message says why, and where).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from argmap.deep import run_deep
    from argmap.load.syntax import MAX_FLOW_NESTING

    # One shallow line (a node's data) is parsed here, with no deep-stack thread to start;
    # being shallow, it is within the nesting limit too.
    shallow = "\n" not in text.strip() and nested_beyond(text, SHALLOW_NESTING) is None
    if not shallow and (deep := nested_beyond(text, MAX_FLOW_NESTING)) is not None:
        # Refused before parsing: the pure parser takes seconds per thousand levels.
        line, column = deep
        message = f"'{{' and '[' nested more than {MAX_FLOW_NESTING} deep"
        raise FlowError(message, line=line, column=column)

    def parse() -> Any:
        return YAML(typ="safe", pure=True).load(text)

    try:
        return parse() if shallow else run_deep(parse)
    except YAMLError as exc:
        problem = getattr(exc, "problem", None)
        mark = getattr(exc, "problem_mark", None)
        if not problem or mark is None:
            raise FlowError(" ".join(str(exc).split())) from None
        context = getattr(exc, "context", None)
        said = " ".join((f"{problem} ({context})" if context else str(problem)).split())
        raise FlowError(said, line=mark.line, column=mark.column) from None
    except RecursionError:
        raise FlowError("nested too deeply") from None


def nested_beyond(text: str, limit: int) -> tuple[int, int] | None:
    """Where (0-based line, column) ``{`` and ``[`` first nest deeper than ``limit``.

    Quoted strings are skipped; None when the text stays within the limit.
    """
    depth, i, n = 0, 0, len(text)
    while i < n:
        special = _FLOW_MARKS.search(text, i)
        if special is None:
            return None
        i, ch = special.start(), special.group()
        if ch in "\"'":
            end = (_DOUBLE if ch == '"' else _SINGLE).match(text, i)
            i = end.end() if end else n
            continue
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        if depth > limit:
            line = text.count("\n", 0, i)
            return line, i - (text.rfind("\n", 0, i) + 1)
        i += 1
    return None


class FlowError(ValueError):
    """YAML that does not parse: what is wrong, and where in the text (0-based; -1: unknown)."""

    def __init__(self, message: str, *, line: int = -1, column: int = -1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
