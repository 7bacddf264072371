"""JSON parsed without recursion, for what the json module cannot read: any depth, long integers.

The json module recurses once per nesting level and refuses integers longer than Python
converts; this parser keeps its own stack and says where such an integer is. It reads
what ``json.loads`` reads (NaN and Infinity included) and words its syntax errors alike.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from json import JSONDecodeError
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any, Final

from argmap.errors import MapFileError
from argmap.load.events import MAX_NESTING, long_integer, too_deep
from argmap.load.marks import Positions

__all__ = ["json_duplicate_key", "json_error", "json_positions", "parse_json_iteratively"]

_SPACE: Final = re.compile(r"[ \t\n\r]*")
_NUMBER: Final = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS: Final = {
    "null": None,
    "true": True,
    "false": False,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}


def json_error(msg: str, text: str, pos: int) -> tuple[str, int, int]:
    """The json module's error at ``pos``, worded for people: ``(message, line, column)``.

    Its words name what the parser expected; the usual slips of a hand-edited file (a
    comma before a closing bracket, single quotes, a second value after the first, the
    file ending early, a tab or line break inside a string) are named as such.
    """
    at = text[pos] if 0 <= pos < len(text) else ""
    back = pos - 1  # the last character before the error that is not white space
    while back >= 0 and text[back] in " \t\n\r":  # JSON's white space
        back -= 1
    if at in "}]" and at and back >= 0 and text[back] == ",":
        line, column = _line_col(text, back)
        return (
            f"a comma before {at!r} ends no item: JSON has no trailing commas; remove it",
            line,
            column,
        )
    line, column = _line_col(text, pos)
    if at == "'" and msg.startswith(("Expecting property name", "Expecting value")):
        return 'a single quote: JSON strings and keys take double quotes (")', line, column
    if msg.startswith("Extra data"):
        return "more text after the end of the JSON value; a file holds one value", line, column
    if not at and msg.startswith(("Expecting", "Unterminated")):
        return f"the file ends too early ({msg[0].lower()}{msg[1:]})", line, column
    if msg.startswith("Invalid control character"):
        what = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return"}.get(
            at, "a control character"
        )
        return f"{what} inside a string: write it as an escape (\\n, \\t)", line, column
    if msg.startswith("Unterminated string"):
        return 'a string is never closed: add the closing " where it should end', line, column
    worded = next((words for start, words in _EXPECTED.items() if msg.startswith(start)), None)
    return (msg if worded is None else f"{worded}, found {at!r}"), line, column


_EXPECTED: Final = {
    "Expecting ',' delimiter": "expected a ',' between items, or the bracket that closes them",
    "Expecting ':' delimiter": "expected a ':' after the key",
    "Expecting value": "expected a value",
    "Expecting property name enclosed in double quotes": "expected a key in double quotes",
}
"""The json module's words for what it expected, as a person says them."""


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - text.rfind("\n", 0, pos)


class _Reader:
    def __init__(self, text: str, name: str, limit: int | None = None) -> None:
        self.text = text
        self.name = name
        self.limit = sys.get_int_max_str_digits() if limit is None else limit
        self.keys: dict[str, str] = {}

    def space(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return match.end() if match else pos

    def scalar(self, pos: int) -> tuple[Any, int]:
        """Read a string, number or constant at ``pos`` (after white space)."""
        text = self.text
        if text.startswith('"', pos):
            found: tuple[str, int] = scanstring(text, pos + 1)
            return found
        number = _NUMBER.match(text, pos)
        if number is not None:
            whole, fraction, exponent = number.groups()
            if fraction or exponent:
                return float(whole + (fraction or "") + (exponent or "")), number.end()
            digits = len(whole.lstrip("-"))
            if self.limit and digits > self.limit:
                raise long_integer(self.name, digits, *_line_col(text, pos))
            return (int(whole) if self.limit else None), number.end()
        for word, value in _CONSTANTS.items():
            if text.startswith(word, pos):
                return value, pos + len(word)
        raise JSONDecodeError("Expecting value", text, pos)

    def key(self, pos: int) -> tuple[str, int]:
        """Read ``"key":`` at ``pos``; return the key and where its value starts."""
        text = self.text
        if not text.startswith('"', pos):
            raise JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
        key, pos = scanstring(text, pos + 1)
        key = self.keys.setdefault(key, key)  # one string for each key, as json.loads keeps
        pos = self.space(pos)
        if not text.startswith(":", pos):
            raise JSONDecodeError("Expecting ':' delimiter", text, pos)
        return key, self.space(pos + 1)


def parse_json_iteratively(
    text: str, name: str, make_object: Callable[[list[tuple[str, Any]]], Any]
) -> Any:
    """Parse JSON text as ``json.loads(text, object_pairs_hook=make_object)`` does.

    Raises:
        JSONDecodeError: a syntax error (the json module's words and position).
        MapFileError: an integer too long to convert, or nesting beyond
            :data:`~argmap.load.events.MAX_NESTING`; located.
    """
    return _walk(_Reader(text, name), make_object, None)


def json_positions(text: str) -> Positions | None:
    """Read the position of every key and value of JSON text (None: it does not parse).

    The same positions a round-trip YAML load gives, in time linear at any depth.
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(pos: int) -> tuple[int, int]:
        line = bisect_right(starts, pos)
        return line, pos - starts[line - 1] + 1

    try:
        root = _walk(_Reader(text, "", limit=0), dict, where)
    except (JSONDecodeError, MapFileError, ValueError):
        return None
    return Positions(root)


class _Duplicate(Exception):
    pass


def json_duplicate_key(text: str) -> tuple[int, int, str] | None:
    """Where the first key repeated in one JSON object is: ``(line, column, key)``.

    In time linear at any depth (no second parser); None when no key repeats.
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(pos: int) -> tuple[int, int]:
        line = bisect_right(starts, pos)
        return line, pos - starts[line - 1] + 1

    def no_repeats(pairs: list[tuple[str, Any]]) -> None:
        seen: set[str] = set()
        for key, marks in pairs:
            if key in seen:
                raise _Duplicate(marks[0], marks[1], key)
            seen.add(key)

    try:
        _walk(_Reader(text, "", limit=0), no_repeats, where)
    except _Duplicate as found:
        line, column, key = found.args
        return line, column, key
    except (JSONDecodeError, MapFileError, ValueError):
        return None
    return None


def _walk(
    reader: _Reader,
    make_object: Callable[[list[tuple[str, Any]]], Any],
    where: Callable[[int], tuple[int, int]] | None,
) -> Any:
    """Read the text's one value: its data, or with ``where`` the marks of every part.

    Marks are :class:`~argmap.load.marks.Positions` entries: a mapping is a dict ``key ->
    [key line, key column, value line, value column, child]``, a list a list of ``[line,
    column, child]``, the root ``(line, column, child)``.
    """
    # Long because: one loop over the text, its own stack in place of recursion.
    text, name = reader.text, reader.name
    # Open containers: [pairs of an object or items of an array, whether an object, key,
    # where the key starts, where the container starts].
    stack: list[list[Any]] = []
    pos = reader.space(0)
    while True:
        start = pos  # one value: a scalar, or the start of a container
        ch = text[pos : pos + 1]
        if ch in ("{", "["):
            if len(stack) >= MAX_NESTING:
                raise too_deep(name, *_line_col(text, pos))
            is_object = ch == "{"
            pos = reader.space(pos + 1)
            if text.startswith("}" if is_object else "]", pos):
                value: Any = make_object([]) if is_object else []
                pos += 1
            else:
                frame: list[Any] = [[], is_object, None, 0, start]
                if is_object:
                    frame[3] = pos
                    frame[2], pos = reader.key(pos)
                stack.append(frame)
                continue
        else:
            value, pos = reader.scalar(pos)
            if where is not None:
                value = None
        while True:  # hand the value to its container; close those that end here
            if where is not None:
                value = _mark(where, start, value)
            if not stack:
                end = reader.space(pos)
                if end != len(text):
                    raise JSONDecodeError("Extra data", text, end)
                return value
            frame = stack[-1]
            items, is_object = frame[0], frame[1]
            if where is not None and is_object:
                items.append((frame[2], [*where(frame[3]), value[0], value[1], value[2]]))
            else:
                items.append((frame[2], value) if is_object else value)
            pos = reader.space(pos)
            if text.startswith(",", pos):
                pos = reader.space(pos + 1)
                if is_object:
                    frame[3] = pos
                    frame[2], pos = reader.key(pos)
                break
            if text.startswith("}" if is_object else "]", pos):
                stack.pop()
                start = frame[4]
                value = make_object(items) if is_object else items
                pos += 1
                continue
            raise JSONDecodeError("Expecting ',' delimiter", text, pos)


def _mark(where: Callable[[int], tuple[int, int]], start: int, value: Any) -> Any:
    """A value's marks: ``(line, column, marks of its parts)``."""
    line, col = where(start)
    return (line, col, value)
