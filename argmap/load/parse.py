"""Map text parsed into plain data with positions: YAML (round-trip or fast path) and JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Final

from argmap.deep import paused_gc, run_deep
from argmap.errors import MapFileError
from argmap.load.fastpath import NOT_FAST, parse_yaml_fast
from argmap.load.marks import Positions, yaml_positions
from argmap.load.roundtrip import load_round_trip, make_yaml
from argmap.load.tree import SourceMap, plain_data

__all__ = [
    "DuplicateKey",
    "ParsedFile",
    "duplicate_key_error",
    "editable_tree",
    "load_round_trip",
    "make_yaml",
    "no_duplicates",
    "parse_text",
]


class ParsedFile:
    """A parsed map file: plain Python data plus a lazily built :class:`SourceMap`."""

    def __init__(self, path: str, text: str, data: Any, document: Any | None) -> None:
        """Keep the parse result; ``document`` is the ruamel tree when one was built."""
        self.path = path
        self.text = text
        self.data = data
        self._document = document

        self._positions: SourceMap | Positions | None = None

    @property
    def round_trip(self) -> bool:
        """Whether the round-trip tree was built (always, for YAML the C parser leaves)."""
        return self._document is not None

    @property
    def document(self) -> Any | None:
        """The round-trip tree the text was parsed into, if it was (comments kept)."""
        return self._document

    @property
    def positions(self) -> SourceMap | Positions:
        """Positions for error messages, read on first use.

        From the round-trip tree when the file was parsed that way; otherwise from a
        second pass of the C parser (marks only, at any depth), and from a round-trip
        parse only for what that parser does not read.
        """
        if self._positions is None:
            if self._document is None and self.text:
                from argmap.load.jsontext import json_positions

                read = json_positions if self.path.endswith(".json") else yaml_positions
                self._positions = read(self.text)
            if self._positions is None:
                self._positions = SourceMap(self._round_trip())
        return self._positions

    def _round_trip(self) -> Any:
        if self._document is None:
            try:
                self._document = load_round_trip(self.text, self.path)
            except Exception:
                self._document = {}
        return self._document


def parse_text(text: str, path: str | Path) -> ParsedFile:
    """Parse map text (JSON for ``.json`` files, YAML otherwise) into plain data.

    Raises:
        MapFileError: a syntax error (located), YAML aliases, a top level that is not a
            mapping, or git's merge-conflict markers (at the first, said as such).
    """
    from argmap.load.conflicts import conflict_error, first_marker, whole_conflict

    name = str(path)
    conflict = whole_conflict(text)
    if conflict is not None:
        raise conflict_error(name, *conflict)
    try:
        with paused_gc():
            return _parse_text(text, name)
    except MapFileError as exc:
        # A marker left alone (the others removed) breaks the syntax at its line or after:
        # the parser's own words ("could not find expected ':'") would not say why.
        marker = first_marker(text)
        if marker is not None and 0 < marker[0] <= exc.line:
            raise conflict_error(name, *marker) from None
        raise


def _parse_text(text: str, name: str) -> ParsedFile:
    document: Any = None
    if name.endswith(".json"):
        data = _parse_json(text, name)
    else:
        data = parse_yaml_fast(text, name)
        if data is NOT_FAST:
            document = _parse_yaml(text, name)
            data = plain_data(document, name)
    parsed = ParsedFile(name, text, data, document)
    if data is None:
        raise MapFileError(
            name, "empty map; it needs at least 'title' and 'thesis'", line=1, column=1
        )
    if not isinstance(data, dict):
        line, col = parsed.positions.locate(())
        raise MapFileError(
            name,
            "a map file is a mapping with 'title' and 'thesis' at the top level",
            line=max(line, 1),
            column=max(col, 1),
        )
    return parsed


class DuplicateKey(Exception):
    """A JSON object gives a key twice (the key is its argument)."""


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict, for ``object_pairs_hook``.

    Raises:
        DuplicateKey: a key given twice (``json`` would keep the last, silently).
    """
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def duplicate_key_error(
    name: str | Path, text: str, exc: DuplicateKey, more: str = ""
) -> MapFileError:
    """The located error for a key given twice in a JSON object (``more``: said after)."""
    from argmap.load.jsontext import json_duplicate_key

    found = json_duplicate_key(text)
    line, column, key = found if found is not None else (1, 1, str(exc))
    message = f"duplicate key {key!r}; each key may appear once in an object{more}"
    return MapFileError(name, message, line=line, column=column)


def _parse_json(text: str, name: str) -> Any:
    import json  # a YAML map needs no JSON parser

    from argmap.load.jsontext import json_error, parse_json_iteratively

    try:
        try:
            # Not on a deep stack: the json module's C recursion would touch (and keep)
            # hundreds of megabytes of it on a deep map; such a map is read below.
            return json.loads(text, object_pairs_hook=no_duplicates)
        except json.JSONDecodeError:
            raise
        except (RecursionError, ValueError):
            # Nesting deeper than the json module recurses, or an integer longer than
            # Python converts: read it again without recursion, locating what is wrong.
            return parse_json_iteratively(text, name, no_duplicates)
    except json.JSONDecodeError as exc:
        message, line, column = json_error(exc.msg, text, exc.pos)
        raise MapFileError(name, f"invalid JSON: {message}", line=line, column=column) from None
    except DuplicateKey as exc:
        raise duplicate_key_error(name, text, exc) from None


def editable_tree(text: str, name: str) -> Any:
    """The round-trip tree an edit changes, of a map the fast parser has read already.

    That parser (ruamel's pure-Python one, which keeps comments) is stricter than the C
    parser a load uses: a tab after a value, say, which YAML allows there.

    Raises:
        MapFileError: a line it cannot read, located, saying what to change; or nesting
            too deep for it (see :func:`load_round_trip`).
    """
    from ruamel.yaml.error import YAMLError

    try:
        return load_round_trip(text, name)
    except (YAMLError, ValueError) as exc:
        found = _yaml_error(exc, text, name)
    detail = found.issue.message.removeprefix("invalid YAML: ")
    detail = detail.removesuffix("; check indentation and quoting")
    raise MapFileError(
        name,
        f"argmap reads this line, but its editor does not ({detail}); change the line "
        "(a tab after a value is the usual cause: use spaces), then edit again",
        line=found.line,
        column=found.column,
    )


def _parse_yaml(text: str, name: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return load_round_trip(text, name)
    except (YAMLError, ValueError, KeyError, TypeError, OverflowError) as exc:
        # Not only YAMLError: a value its tag cannot be (`!!bool maybe`) fails in the
        # parser's constructors with whatever Python raised there.
        raise _yaml_error(exc, text, name) from None


def _yaml_error(exc: Exception, text: str, name: str) -> MapFileError:
    """The located error for what the round-trip parser raised for ``text``."""
    from ruamel.yaml.error import MarkedYAMLError

    from argmap.load.syntax import no_colon, slip_hint

    if isinstance(exc, MarkedYAMLError):
        missing = no_colon(exc, text, name)
        if missing is not None:
            return missing
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "duplicate key" in problem or "found duplicate key" in str(exc):
            problem = "duplicate key; each key may appear once in a mapping"
        problem = " ".join(str(problem).split())
        index = getattr(mark, "index", None)  # where the round-trip parser stopped
        hint = None if index is None else slip_hint(problem, exc.context or "", text, index)
        message = f"invalid YAML: {hint or problem + '; check indentation and quoting'}"
        return MapFileError(name, message, line=line, column=col)
    message = " ".join(str(exc).split()) or "invalid YAML"
    bad = _bad_scalar(text)
    if bad is None:
        return MapFileError(name, f"invalid YAML: {message}", line=1, column=1)
    line, col, value, kind = bad
    if kind == "timestamp":  # a date no calendar has (2026-02-30), or a time no clock has
        why = "its time zone is more than a day off" if "timedelta" in message else message
        said = f"{value!r} is not a date ({why}); write YYYY-MM-DD, or quote it"
    else:
        said = f"{value!r} is not {_TAGGED[kind]}, as its tag !!{kind} asks; remove the tag"
    return MapFileError(name, said + " to keep it as text", line=line, column=col)


_TAGGED: Final = {
    "bool": "a yes/no value (true or false)",
    "int": "an integer",
    "float": "a number",
    "timestamp": "a date",
    "binary": "base64 data",
    "null": "nothing (null)",
}
"""What a value tagged with each of YAML's own types must be, as messages say it."""


def _bad_scalar(text: str) -> tuple[int, int, str, str] | None:
    """Find the first scalar that cannot be what its tag (or its look) says it is.

    ``!!bool maybe``, ``!!int x``, ``2026-02-30`` (read as a date), ``!!binary %``: the
    parser's constructors fail on them with whatever Python raises (a KeyError, say), and
    unlocated. Returns its line, column, text and YAML type (None: no such scalar).
    """
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    yaml = make_yaml()
    try:
        root = run_deep(lambda: yaml.compose(text))
    except Exception:
        return None
    stack: list[Any] = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, ScalarNode):
            kind = str(node.tag).rpartition(":")[2]
            if kind not in _TAGGED:
                continue
            try:
                yaml.constructor.construct_object(node, deep=True)
                if kind == "timestamp":
                    dt.date.fromisoformat(str(node.value)[:10])
            except Exception:  # whatever the constructor raised: it is this value's
                return node.start_mark.line + 1, node.start_mark.column + 1, node.value, kind
    return None
