"""Map files in and out: read and parse YAML/JSON with positions, and dump YAML."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
import threading
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, Final, TypeVar

from argmap.errors import MapFileError
from argmap.model import ArgumentMap

__all__ = [
    "ParsedFile",
    "SourceMap",
    "YamlPath",
    "dump_yaml",
    "escape_invisible",
    "load_map",
    "make_yaml",
    "parse_text",
    "plain_data",
    "quote_risky",
    "read_map_text",
    "read_source_text",
    "run_deep",
]

YamlPath = tuple[str | int, ...]
"""A path from the document root: mapping keys and list indexes."""

MAX_MAP_BYTES: Final = 64 * 1024 * 1024
"""Refuse map files above this size rather than exhaust memory."""

_T = TypeVar("_T")


def run_deep(fn: Callable[[], _T]) -> _T:
    """Run ``fn`` where deep recursion in third-party parsers cannot crash the process.

    ruamel.yaml and the json module recurse once per nesting level; a 5,000-deep
    map would exceed Python's default limit. We run them in a thread with a large
    stack and a raised (still finite) recursion limit.
    """
    result: list[_T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised in the caller's thread
            error.append(exc)

    old_limit = sys.getrecursionlimit()
    old_stack = threading.stack_size()
    try:
        threading.stack_size(512 * 1024 * 1024)
        sys.setrecursionlimit(max(old_limit, 200_000))
        thread = threading.Thread(target=target, name="argmap-parse")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    if error:
        raise error[0]
    return result[0]


def read_map_text(path: str | Path) -> str:
    """Read a map file as text, refusing what cannot be a map with one located line.

    Raises:
        MapFileError: missing, a directory, unreadable, too large, binary, not UTF-8,
            or empty.
    """
    return _read_text(
        path,
        directory="is a directory; give a map file (.yaml or .json)",
        missing="no such file; check the path",
        binary="binary file (NUL byte); a map is a UTF-8 text file",
        empty="empty file; a map needs at least 'title' and 'thesis'",
        what="the file",
    )


def read_source_text(path: str | Path) -> str:
    """Read a source document (the text a map quotes, e.g. an article) as UTF-8 text.

    Raises:
        MapFileError: missing, a directory, unreadable, too large, binary, not UTF-8,
            or empty; one located line saying what to do.
    """
    return _read_text(
        path,
        directory="is a directory; give the source document as a text file",
        missing="no such file; check the path of the source document",
        binary="binary file (NUL byte); give the source document as UTF-8 text",
        empty="empty file; the source document has no text",
        what="the source document",
    )


def _read_text(
    path: str | Path, *, directory: str, missing: str, binary: str, empty: str, what: str
) -> str:
    """Read a UTF-8 text file; the messages say what the file should have been."""
    p = Path(path)
    try:
        if p.is_dir():
            raise MapFileError(p, directory)
        size = p.stat().st_size
        if size > MAX_MAP_BYTES:
            raise MapFileError(
                p,
                f"file is {size} bytes, above the {MAX_MAP_BYTES}-byte limit; split it into "
                "smaller files",
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise MapFileError(p, missing) from None
    except PermissionError:
        raise MapFileError(p, "permission denied; check the file's permissions") from None
    except OSError as exc:
        raise MapFileError(p, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        line, col = _position(raw, raw.index(b"\x00"))
        raise MapFileError(p, binary, line=line, column=col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise MapFileError(
            p,
            f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save {what} as UTF-8",
            line=line,
            column=col,
        ) from None
    if not text.strip():
        raise MapFileError(p, empty, line=1, column=1)
    return text


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", "replace")) + 1


def make_yaml() -> Any:
    """Return a round-trip ruamel YAML instance configured for map files."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class SourceMap:
    """Positions of keys and values in a parsed file, looked up by path (1-based)."""

    def __init__(self, root: Any) -> None:
        """Wrap a ruamel round-trip document (or None when no positions are known)."""
        self._root = root

    def locate(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """Return ``(line, column)`` of the value at ``path`` (of its key if ``key``).

        A path that runs past what the file holds gives the position of the deepest
        mapping or list that exists, so a missing field points at its owner.
        """
        node = self._root
        best = _own_position(node)
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            lc = getattr(node, "lc", None)
            if isinstance(node, dict) and step in node:
                if lc is not None:
                    try:
                        pos = lc.key(step) if (last and key) else lc.value(step)
                        best = (pos[0] + 1, pos[1] + 1)
                    except (KeyError, TypeError):
                        pass
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                if lc is not None:
                    try:
                        pos = lc.item(step)
                        best = (pos[0] + 1, pos[1] + 1)
                    except (KeyError, TypeError):
                        pass
                node = node[step]
            else:
                break
        return best


def _own_position(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return (0, 0)
    return (lc.line + 1, lc.col + 1)


class ParsedFile:
    """A parsed map file: plain Python data plus a lazily built :class:`SourceMap`."""

    def __init__(self, path: str, text: str, data: Any, document: Any | None) -> None:
        """Keep the parse result; ``document`` is the ruamel tree when one was built."""
        self.path = path
        self.text = text
        self.data = data
        self._document = document

    @property
    def positions(self) -> SourceMap:
        """Positions for error messages (JSON files are re-read with ruamel on demand)."""
        if self._document is None:
            try:
                self._document = run_deep(lambda: make_yaml().load(self.text))
            except Exception:
                self._document = {}
        return SourceMap(self._document)


def parse_text(text: str, path: str | Path) -> ParsedFile:
    """Parse map text (JSON for ``.json`` files, YAML otherwise) into plain data.

    Raises:
        MapFileError: a syntax error (located), YAML aliases, or a top level that is
            not a mapping.
    """
    name = str(path)
    document: Any = None
    if name.endswith(".json"):
        data = _parse_json(text, name)
    else:
        data = _parse_yaml_fast(text, name)
        if data is _SLOW_PATH:
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


_SLOW_PATH: Final = object()


def _parse_yaml_fast(text: str, name: str) -> Any:
    """Parse with ruamel's C parser when it is installed (several times faster).

    It gives no positions, so anything unusual (a syntax error, an alias, a tag) sends
    the caller down the round-trip path, which reports it at its line and column; and
    positions for validation messages are read lazily by :class:`ParsedFile`.
    """
    from ruamel.yaml import YAML

    if text.startswith("%") or "\n%" in text:
        # A %YAML directive: the C parser ignores its version, the round-trip one honours it.
        return _SLOW_PATH
    try:
        yaml = YAML(typ="safe", pure=False)
        if getattr(yaml.Parser, "__name__", "") != "CParser":
            return _SLOW_PATH
        yaml.Resolver = _one_table_resolver()
        return plain_data(run_deep(lambda: yaml.load(text)), name)
    except Exception:
        return _SLOW_PATH


@functools.cache
def _one_table_resolver() -> type:
    """The ruamel resolver, looking its table of implicit types up once per document.

    The stock resolver finds the YAML version and its table again for every scalar,
    which took a third of the time of loading a large map. The table depends only on
    the document's version, fixed before its first scalar, and one ``YAML`` instance
    loads one document here.
    """
    from ruamel.yaml.resolver import VersionedResolver

    class OneTableResolver(VersionedResolver):
        _table: Any = None

        @property
        def versioned_resolver(self) -> Any:
            if self._table is None:
                self._table = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            return self._table

    return OneTableResolver


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _parse_json(text: str, name: str) -> Any:
    try:
        return run_deep(lambda: json.loads(text, object_pairs_hook=_no_duplicates))
    except json.JSONDecodeError as exc:
        raise MapFileError(
            name, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    except _DuplicateKey:
        # ruamel reports the duplicate with its position.
        _parse_yaml(text, name)
        raise MapFileError(name, "duplicate key in a JSON object", line=1, column=1) from None


def _parse_yaml(text: str, name: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return run_deep(lambda: make_yaml().load(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "duplicate key" in problem or "found duplicate key" in str(exc):
            problem = "duplicate key; each key may appear once in a mapping"
        problem = " ".join(str(problem).split())
        raise MapFileError(
            name,
            f"invalid YAML: {problem}; check indentation and quoting",
            line=line,
            column=col,
        ) from None
    except (YAMLError, ValueError) as exc:
        message = " ".join(str(exc).split()) or "invalid YAML"
        bad_date = _bad_date(text)
        if bad_date is not None:
            line, col, value = bad_date
            raise MapFileError(
                name,
                f"{value!r} is not a date ({message}); write YYYY-MM-DD, or quote it to keep "
                "it as text",
                line=line,
                column=col,
            ) from None
        raise MapFileError(name, f"invalid YAML: {message}", line=1, column=1) from None


def _bad_date(text: str) -> tuple[int, int, str] | None:
    """Find the first scalar YAML reads as a date but no calendar has (``2026-02-30``)."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    try:
        root = run_deep(lambda: make_yaml().compose(text))
    except Exception:
        return None
    stack: list[Any] = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, ScalarNode) and str(node.tag).endswith(":timestamp"):
            try:
                dt.date.fromisoformat(str(node.value)[:10])
            except ValueError:
                return node.start_mark.line + 1, node.start_mark.column + 1, str(node.value)
    return None


def plain_data(document: Any, name: str) -> Any:
    """Turn a ruamel tree (a load, possibly edited) into plain Python data.

    Dicts, lists, str, int, float, bool and dates. Iterative, so depth is not limited.

    Raises:
        MapFileError: the tree reuses a node (a YAML alias, which could make a tree into
            a graph or blow up in size), or holds a ``!!binary`` or ``!!set`` value.
    """
    if not isinstance(document, dict | list):
        return _scalar(document)
    root: Any = {} if isinstance(document, dict) else []
    seen: set[int] = {id(document)}
    stack: list[tuple[Any, Any, YamlPath]] = [(document, root, ())]
    while stack:
        src, dst, path = stack.pop()
        items: Iterator[tuple[Any, Any]] = (
            iter(src.items()) if isinstance(src, dict) else iter(enumerate(src))
        )
        for key, value in items:
            out_key = key if isinstance(src, list) else str(_scalar(key))
            if isinstance(value, dict | list):
                if id(value) in seen:
                    line, col = SourceMap(document).locate((*path, out_key))
                    raise MapFileError(
                        name,
                        "YAML aliases (*name) are not supported in map files; write the "
                        "entry out, or use 'links' to point at another node",
                        line=line,
                        column=col,
                    )
                seen.add(id(value))
                child: Any = {} if isinstance(value, dict) else []
                stack.append((value, child, (*path, out_key)))
            else:
                try:
                    child = _scalar(value)
                except _UnsupportedTag as exc:
                    line, col = SourceMap(document).locate((*path, out_key))
                    raise MapFileError(
                        name,
                        f"YAML {exc.args[0]} values are not supported in map files; write "
                        "plain text or a plain list",
                        line=line,
                        column=col,
                    ) from None
            if isinstance(dst, dict):
                dst[out_key] = child
            else:
                dst.append(child)
    return root


def _scalar(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool, dt.date):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, bytes | bytearray | AbstractSet):
        raise _UnsupportedTag("!!binary" if isinstance(value, bytes | bytearray) else "!!set")
    return str(value)


class _UnsupportedTag(Exception):
    """A YAML value of a type no map field takes (``!!binary``, ``!!set``)."""


def dump_yaml(data: Any, *, header: str | None = None) -> str:
    """Dump plain data as block-style YAML text (with an optional comment header).

    Strings holding control, format or line-separator characters are written
    double-quoted, where YAML escapes them, so they read back unchanged.
    """
    from io import StringIO

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
    return any(
        unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") and ch not in "\n\t"
        for ch in text
    )


def quote_risky(value: Any) -> Any:
    """Mark a string to be written double-quoted when it holds invisible characters.

    Control, format (bidi overrides included) and line-separator characters are then
    escaped by YAML, so they read back unchanged and never hide in the file as raw
    bytes; anything else is returned as is.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str) and _is_risky(value):
        return DoubleQuotedScalarString(value)
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


def load_map(path: str | Path) -> ArgumentMap:
    """Read, parse and validate a map file.

    Returns:
        The validated map.

    Raises:
        MapFileError: the file cannot be read or parsed.
        MapValidationError: the map breaks the model's rules (every issue, located).
    """
    from argmap.load.validate import validate_parsed

    parsed = parse_text(read_map_text(path), path)
    return validate_parsed(parsed)
