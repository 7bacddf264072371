"""YAML syntax errors and nesting bounds read from the C parser, before any slower parser runs."""

from __future__ import annotations

import re
from typing import Any, Final

from argmap.errors import MapFileError

__all__ = [
    "LINE_BREAKS",
    "MAX_FLOW_NESTING",
    "ROUND_TRIP_NESTING",
    "c_parser",
    "c_syntax_error",
    "data_depth",
    "duplicate_key",
    "flow_too_deep",
    "no_colon",
    "round_trip_too_deep",
    "slip_hint",
    "too_deep_to_write",
]

MAX_FLOW_NESTING: Final = 200
"""Flow collections (``{...}`` and ``[...]``) nested deeper than this are refused.

The C parser's scanner walks every open flow level for each token it reads, so its time
grows with the flow depth times the text's length (a 2,000-deep flow file read ten times
slower per token than a flat one; the round-trip parser is slower still). 200 levels
(100 map levels written in flow style) keep every token's cost within about twice a flat
file's; block style, or a ``.json`` map, has no such limit.
"""

ROUND_TRIP_NESTING: Final = 12_000
"""Nesting the round-trip (pure Python) parser and writer are given at most.

They recurse once per level: at 12,000 (a 5,000-deep map in block style nests 10,000
deep) they stay well within the deep-stack thread's limit, and their time within about
a second. A valid map file in block style cannot nest much deeper within the size limit;
deeper files (flow style beyond :data:`MAX_FLOW_NESTING` is refused anyway) are refused
with their position rather than parsed.
"""

LINE_BREAKS: Final = "\x85\u2028\u2029"
"""Characters YAML 1.1 (the C parser) reads as line breaks and YAML 1.2 as text."""


def c_parser() -> Any:
    """Return ruamel's C parser class, or None when ruamel.yaml.clib is not installed."""
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - the clib is a dependency on CPython
        return None
    return CParser


def flow_too_deep(name: str, line: int, column: int) -> MapFileError:
    """The located error for flow collections nested beyond :data:`MAX_FLOW_NESTING`."""
    return MapFileError(
        name,
        f"'{{' and '[' nested more than {MAX_FLOW_NESTING} deep; write the deeper "
        "entries in block style (one key a line), or save the map as .json",
        line=line,
        column=column,
    )


def round_trip_too_deep(name: str, line: int, column: int) -> MapFileError:
    """The located error for nesting beyond :data:`ROUND_TRIP_NESTING` (round-trip files)."""
    return MapFileError(
        name,
        f"nested more than {ROUND_TRIP_NESTING:,} levels deep in a file with an anchor, "
        "alias, tag or directive, which argmap reads only up to that depth; write those "
        "out, or save the map as .json",
        line=line,
        column=column,
    )


def duplicate_key(name: str, key: str, line: int, column: int) -> MapFileError:
    """The located error for a key a mapping already holds."""
    return MapFileError(
        name,
        f"duplicate key {key!r}; each key may appear once in a mapping",
        line=line,
        column=column,
    )


def aliased(name: str, line: int, column: int) -> MapFileError:
    """The located error for a YAML alias of a mapping or list (an entry written twice)."""
    return MapFileError(
        name,
        "YAML aliases (*name) are not supported in map files; write the entry out, or use "
        "'links' to point at another node",
        line=line,
        column=column,
    )


def too_deep_to_write(name: str, depth: int) -> MapFileError:
    """The error for data nested too deep to be written as YAML (say: write JSON)."""
    return MapFileError(
        name,
        f"the map nests {depth:,} levels deep; argmap writes YAML maps up to "
        f"{ROUND_TRIP_NESTING:,} levels: write it as a .json map instead",
    )


def c_syntax_error(exc: Any, text: str, name: str) -> MapFileError | None:
    """The located error for the C parser's syntax error ``exc``, worded for people.

    Returns None when the round-trip (YAML 1.2) parser should have the last word: the
    error is not one the parser's marks place, or one where the C parser (YAML 1.1)
    refuses what YAML 1.2 reads: an escaped half of a surrogate pair (as ``json.dumps``
    writes emoji), a line separator inside a plain value, ``{a:b}``.
    """
    position = getattr(exc, "position", None)
    if isinstance(position, int) and isinstance(getattr(exc, "character", None), int):
        return _bad_character(name, text, position, exc.character)
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or not problem or type(exc).__name__ not in ("ScannerError", "ParserError"):
        return None
    index = getattr(mark, "index", -1)
    found = text[index] if 0 <= index < len(text) else ""
    if _yaml_1_2_only(problem, found, text[max(index - 1100, 0) : index + 1]):
        return None
    if not found and index >= len(text):  # the file ends inside a quote, list or mapping
        unclosed = _never_closed(exc, text, name)
        if unclosed is not None:
            return unclosed
    ran_on = _runs_on(exc, text, name) or no_colon(exc, text, name)
    if ran_on is not None:
        return ran_on
    hint = slip_hint(problem, getattr(exc, "context", None) or "", text, index)
    if hint is not None:
        return MapFileError(
            name, f"invalid YAML: {hint}", line=mark.line + 1, column=mark.column + 1
        )
    return MapFileError(
        name,
        f"invalid YAML: {_worded(problem, found)}{_opened_at(exc)}; check indentation and quoting",
        line=mark.line + 1,
        column=mark.column + 1,
    )


_OPENED: Final = {
    "while scanning a quoted scalar": "quoted value",
    "while parsing a flow sequence": "list",
    "while parsing a flow mapping": "mapping",
}
"""The C parser's words for what it was reading, by what a person calls it."""
_CLOSERS: Final = {"[": "]", "{": "}", "'": "'", '"': '"'}


def _never_closed(exc: Any, text: str, name: str) -> MapFileError | None:
    """The error of a quote, ``[`` or ``{`` that the file ends inside, located where it opens.

    The parser stops at the end of the file, which may be thousands of lines on; what to
    mend is where the quote or bracket opens.
    """
    what, opened = _opening(exc)
    start = getattr(opened, "index", -1)
    if what is None or opened is None:  # ended before the parser took in what it opened
        start = _last_open(text)
        what = {"[": "list", "{": "mapping"}.get(text[start] if start >= 0 else "")
    if what is None or not 0 <= start < len(text) or text[start] not in _CLOSERS:
        return None
    line = text.count("\n", 0, start)
    return MapFileError(
        name,
        f"invalid YAML: this {what} is never closed (the file ends inside it); "
        f"close it with {_CLOSERS[text[start]]!r} where it should end",
        line=line + 1,
        column=start - (text.rfind("\n", 0, start) + 1) + 1,
    )


_BLOCK_CONTEXTS: Final = ("while parsing a block mapping", "while parsing a block collection")


def _runs_on(exc: Any, text: str, name: str) -> MapFileError | None:
    """The error of a quoted value a later quote closes, located where the value opens.

    A quote left open is closed by the next one, often a statement's inner quote many
    lines on, and the parser stops just after it. The quoted value is the last one
    read of the mapping or list the parser was in: only that stretch (from the
    collection's start to the error) is read again, by the C parser.
    """
    opened = getattr(exc, "context_mark", None)
    if getattr(exc, "context", None) not in _BLOCK_CONTEXTS or opened is None:
        return None
    end = exc.problem_mark.index
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start, parser = opened.index, c_parser()
    if parser is None or not 0 <= start < end or text[end - 1] not in "'\"":
        return None
    stretch = " " * opened.column + text[start:end]  # its lines keep their columns
    last: Any = None
    reader = parser(stretch)
    try:
        while (event := reader.get_event()).__class__.__name__ != "StreamEndEvent":
            if event.__class__.__name__ == "ScalarEvent":
                last = event
    except Exception:  # not a stretch the parser reads alone: the parser's words stand
        return None
    finally:
        reader.dispose()
    quote = text[end - 1]
    if last is None or last.style != quote or last.end_mark.index != len(stretch):
        return None
    if last.start_mark.line == last.end_mark.line:  # one line: an inner quote's slip
        return None
    return MapFileError(
        name,
        f"invalid YAML: this quoted value runs on to line {opened.line + last.end_mark.line + 1},"
        f" where a {quote!r} closes it; close it with {quote!r} where it should end",
        line=opened.line + last.start_mark.line + 1,
        column=last.start_mark.column + 1,
    )


_FLOW_TOKENS: Final = re.compile(
    r"\"(?:[^\"\\]|\\.)*\"?|'(?:[^']|'')*'?|(?:(?<=\s)|^)#[^\n]*|[\[\]{}]"
)
"""Quoted values, comments and brackets, as :func:`_last_open` skips or counts them."""


def _last_open(text: str) -> int:
    """Where the last ``[`` or ``{`` the text leaves open is (-1: none is left open)."""
    opened: list[int] = []
    for token in _FLOW_TOKENS.finditer(text):
        char = token.group()[0]
        if char in "[{":
            opened.append(token.start())
        elif char in "]}" and opened:
            opened.pop()
    return opened[-1] if opened else -1


_QUOTE_IT: Final = "put the whole value in quotes"
_COMMENT: Final = re.compile(r"\s#")


def no_colon(exc: Any, text: str, name: str) -> MapFileError | None:
    """The error of a key written without its ``:`` (``premises`` alone on its line).

    The parser reads on into the next line for the colon and stops there, saying
    "could not find expected ':'"; the key is where the parser's context mark is.
    Either parser's error (C or round-trip) may be given; None: not this slip.
    """
    mark = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or ""
    if mark is None or getattr(exc, "context", None) != "while scanning a simple key":
        return None
    ends = text.find("\n", mark.index)
    stop = getattr(getattr(exc, "problem_mark", None), "index", -1)
    if "could not find expected ':'" not in problem or not 0 <= ends < stop:
        return None  # one line: a key longer than the parser looks for its colon
    words = _COMMENT.split(text[mark.index : ends], maxsplit=1)[0].strip()
    if not words:
        return None
    shown = words if len(words) <= 60 else words[:59] + "\u2026"
    return MapFileError(
        name,
        f"invalid YAML: {shown!r} has no ':' after it; add the ':' if it is a key, or "
        "indent it further if it continues the value above",
        line=mark.line + 1,
        column=mark.column + 1,
    )


def slip_hint(problem: str, context: str, text: str, index: int) -> str | None:
    """What a hand-edited map's usual YAML slip at ``index`` is, or None if not one.

    A statement is prose: a ``: `` inside it starts a new key, a quote inside a quoted
    statement ends it, and one starting with ``[``, ``{``, ``*``, ``&``, ``@`` or a backquote
    is read as something else. The parser says what it expected instead; this says which
    of those it is, and that quotes mend it.
    """
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    value = _VALUE.match(text[start : len(text) if end < 0 else end])
    if value is None:
        return None
    first, at = value.group("first"), start + value.start("first")
    if "mapping values are not allowed" in problem:
        if index <= at:  # the key's own colon: a key indented too far
            return None
        return f"a ': ' inside an unquoted value starts a new key; {_QUOTE_IT}"
    before = text[at + 1 : index].rstrip()
    ended = "expected key" in problem or "expected <block end>" in problem  # the value did
    if ended and first in "'\"" and before.endswith(first):
        return (
            f"the {first} before this ends the quoted value early; for quotes inside a value, "
            "quote it with the other kind, or write a single quote twice inside single quotes"
        )
    if ended and first in "[{":
        kind = "list" if first == "[" else "mapping"
        return f"a value starting with {first!r} is read as a {kind}; {_QUOTE_IT}"
    if any(word in context + problem for word in ("alias", "anchor")) and first in "*&":
        return f"a value starting with {first!r} is read as a YAML reference; {_QUOTE_IT}"
    if "cannot start any token" in problem and first in "@`" and index == at:
        return f"an unquoted value cannot start with {first!r}; {_QUOTE_IT}"
    return None


_VALUE: Final = re.compile(r"\s*(?:-\s+)?[^\s:#'\"\[{][^:#]*:\s+(?P<first>\S)")
"""A line's ``key: `` and the first character of its value (a list item's too)."""


def _opened_at(exc: Any) -> str:
    """`` (in the list opened at 3:9)`` when the parser was inside a ``[`` or ``{``."""
    what, opened = _opening(exc)
    if what is None or what == "quoted value" or opened is None:
        return ""
    return f" (in the {what} opened at {opened.line + 1}:{opened.column + 1})"


def _opening(exc: Any) -> tuple[str | None, Any]:
    """What the parser was inside when it stopped (see :data:`_OPENED`), and its mark."""
    return _OPENED.get(getattr(exc, "context", None) or ""), getattr(exc, "context_mark", None)


def _yaml_1_2_only(problem: str, found: str, before: str) -> bool:
    """Whether the C parser's error may be YAML 1.2 it does not read (see above)."""
    return (
        "Unicode character escape" in problem
        or problem == "found unexpected ':'"
        or (found == ":" and "node content" in problem)
        or any(ch in before for ch in LINE_BREAKS)  # a key is looked for 1,024 back
    )


def _bad_character(name: str, text: str, position: int, code: int) -> MapFileError:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return MapFileError(
        name,
        f"invalid YAML: character U+{code:04X} is not allowed in a YAML file; remove it, "
        'or write it as an escape ("\\u' + f'{code:04x}") in a double-quoted value',
        line=line,
        column=column,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "invalid YAML"


def _worded(problem: str, found: str) -> str:
    """The C parser's words, with the character it stopped at where that helps."""
    problem = _one_line(problem)
    if found == "\t":
        return f"{problem} (a tab: indent with spaces)"
    if problem.startswith("did not find expected "):
        problem = "expected " + problem.removeprefix("did not find expected ")
        shown = "the end of the file" if not found else repr(found)
        return f"{problem}, found {shown}"
    if found in LINE_BREAKS and found:
        return f"{problem} (a line separator U+{ord(found):04X} in an unquoted value: quote it)"
    if problem == "found character that cannot start any token" and found:
        return f"found character {found!r} that cannot start any token"
    return problem


def data_depth(data: Any) -> int:
    """How deep plain data (dicts and lists) nests, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        depth += 1
        deepest = max(deepest, depth)
        stack.extend((item, depth) for item in value if isinstance(item, dict | list))
    return deepest
