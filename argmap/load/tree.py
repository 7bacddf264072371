"""Parsed YAML trees: where each key and value sits (``SourceMap``), and the plain data held."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Protocol

from argmap.errors import MapFileError
from argmap.load.syntax import aliased, duplicate_key
from argmap.safetext import join_surrogate_pairs

__all__ = [
    "EntryPaths",
    "Reached",
    "SourceMap",
    "YamlPath",
    "key_text",
    "linked_path",
    "plain_data",
]

YamlPath = tuple[str | int, ...]
"""A path from the document root: mapping keys and list indexes."""

Reached = tuple[tuple[int, int], Any]
"""Where a walk down a path stands: the position found, and the file's tree there."""


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
        return self.descend(self.start(), path, key=key)[0]

    def start(self) -> Reached:
        """The root's place, to :meth:`descend` from."""
        return _own_position(self._root), self._root

    def descend(self, place: Reached, path: YamlPath, *, key: bool = False) -> Reached:
        """From a place a walk reached (its position, what is there), down ``path``."""
        best, node = place
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            lc = getattr(node, "lc", None)
            if isinstance(node, dict) and step not in node and isinstance(step, str):
                # a key YAML read as another type (`null:`): the data names it as text
                step = next(
                    (k for k in node if not isinstance(k, str) and key_text(k) == step), step
                )
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
        return best, node


class Walk(Protocol):
    """A file's positions, walked a path at a time (:class:`SourceMap`, ``marks.Positions``)."""

    def start(self) -> Reached:
        """The root's place."""
        ...

    def descend(self, place: Reached, path: YamlPath, *, key: bool = False) -> Reached:
        """From a place down ``path``."""
        ...


class EntryPaths(Mapping[str, YamlPath]):
    """Node id -> YAML path of its entry, each path built when asked for.

    Only each entry's steps below its parent are kept: whole paths for every node of
    a 100,000-deep chain would hold five billion steps.
    """

    def __init__(
        self, ids: dict[str, int], parents: list[int | None], steps: list[YamlPath]
    ) -> None:
        """Keep each node's entry index, and each entry's parent entry and steps below it."""
        self._index = ids
        self._parents = parents
        self._steps = steps

    def __getitem__(self, node_id: str) -> YamlPath:
        """The whole path of ``node_id``'s entry (KeyError: no such node)."""
        index: int | None = self._index[node_id]
        parts: list[YamlPath] = []
        while index is not None:
            parts.append(self._steps[index])
            index = self._parents[index]
        return tuple(step for part in reversed(parts) for step in part)

    def places(self, walk: Walk) -> Callable[[str], Reached]:
        """Where each node's entry is, found by ``walk`` (a file's positions), each once.

        A node's entry is found from its parent's, so locating every node of a chain
        thousands deep costs a step each, not a walk from the root each (lint of a
        12,500-deep chain with a warning a node: 50 s).
        """
        found: dict[int | None, Reached] = {None: walk.start()}

        def place(node_id: str) -> Reached:
            index: int | None = self._index[node_id]
            climbed: list[int] = []
            while index not in found:
                assert index is not None
                climbed.append(index)
                index = self._parents[index]
            for entry in reversed(climbed):
                found[entry] = walk.descend(found[self._parents[entry]], self._steps[entry])
            return found[self._index[node_id]]

        return place

    def __iter__(self) -> Iterator[str]:
        """The node ids, in document order."""
        return iter(self._index)

    def __len__(self) -> int:
        """How many nodes have a path."""
        return len(self._index)


def _own_position(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return (0, 0)
    return (lc.line + 1, lc.col + 1)


def plain_data(document: Any, name: str) -> Any:
    """Turn a ruamel tree (a load, possibly edited) into plain Python data.

    Dicts, lists, str, int, float, bool and dates. Iterative, so depth is not limited.

    Raises:
        MapFileError: the tree reuses a node (a YAML alias, which could make a tree into
            a graph or blow up in size), or holds a ``!!binary`` or ``!!set`` value.
    """
    if not isinstance(document, dict | list):
        try:
            return _scalar(document)
        except _UnsupportedTag as exc:
            raise MapFileError(name, exc.args[0], line=1, column=1) from None
    if _tag_of(document) is not None:  # `--- !name` on the whole document
        raise _tagged(document, (), _tag_of(document), name)
    root: Any = {} if isinstance(document, dict) else []
    seen: set[int] = {id(document)}
    # Each container carries (its owner's link, its key): a path is built only to report.
    stack: list[tuple[Any, Any, Any]] = [(document, root, None)]
    while stack:
        src, dst, link = stack.pop()
        if getattr(src, "merge", None):  # `<<:` copies fields from elsewhere: no edit keeps it
            raise _merged(document, linked_path(link), name)
        items: Iterator[tuple[Any, Any]] = (
            iter(src.items()) if isinstance(src, dict) else iter(enumerate(src))
        )
        for key, value in items:
            if isinstance(key, tuple | list | dict):  # `? [a, b]`: no field is named so
                raise _complex_key(document, src, key, link, name)
            out_key = key if isinstance(src, list) else _key(src, key, name)
            if isinstance(value, dict | list):
                if _tag_of(value) is not None:
                    raise _tagged(document, linked_path((link, out_key)), _tag_of(value), name)
                if id(value) in seen:
                    raise _aliased(document, linked_path((link, out_key)), name)
                seen.add(id(value))
                child: Any = {} if isinstance(value, dict) else []
                stack.append((value, child, (link, out_key)))
            else:
                try:
                    child = _scalar(value)
                except _UnsupportedTag as exc:
                    line, col = SourceMap(document).locate(linked_path((link, out_key)))
                    raise MapFileError(name, exc.args[0], line=line, column=col) from None
            if isinstance(dst, dict):
                if out_key in dst:  # `!!str id:` beside `id:`: two keys to YAML, one to us
                    raise duplicate_key(name, out_key, *_at_key(src, key, (0, 0)))
                dst[out_key] = child
            else:
                dst.append(child)
    return root


def _key(owner: Any, key: Any, name: str) -> str:
    """A mapping's key as text; a tagged one (``!0 :``) is refused where it stands."""
    try:
        return key_text(_scalar(key))
    except _UnsupportedTag as exc:
        line, column = _at_key(owner, key, (1, 1))
        raise MapFileError(name, exc.args[0], line=line, column=column) from None


def linked_path(link: Any) -> YamlPath:
    """The path of a chain of ``(owner's link, key)`` pairs, root first."""
    steps: list[str | int] = []
    while link is not None:
        link, step = link
        steps.append(step)
    return tuple(reversed(steps))


def _scalar(value: Any) -> Any:
    if isinstance(value, str):  # YAML reads "\ud83d\ude00" (json.dumps' emoji) as two halves
        return join_surrogate_pairs(str(value))
    if value is None or type(value) in (int, float, bool, dt.date):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, bytes | bytearray | AbstractSet | tuple):
        kinds = ((bytes | bytearray, "!!binary"), (tuple, "!!pairs"), (AbstractSet, "!!set"))
        kind = next(name for types, name in kinds if isinstance(value, types))
        raise _UnsupportedTag(
            f"YAML {kind} values are not supported in map files; write plain text or a plain list"
        )
    tag = _tag_of(value)
    if tag is not None and tag != _STR_TAG:
        # ``text: !Nobody believes this`` would read "believes this": refuse, never drop.
        words = f"{tag} {value}".strip()
        raise _UnsupportedTag(
            f"YAML tag {tag!r} is not supported in map files (the value would read "
            f"{str(value)!r} without it); if the {tag[0]!r} belongs to the text, put the "
            f"whole text in quotes: {words!r}"
        )
    return str(value)


_YAML_TAGS = "tag:yaml.org,2002:"
"""The prefix ``!!`` stands for."""
_STR_TAG = "!!str"
"""The value is text, as it reads."""


def _at(document: Any, path: YamlPath, name: str, message: str) -> MapFileError:
    """A refusal located at ``path`` of the round-trip tree ``document``."""
    line, col = SourceMap(document).locate(path)
    return MapFileError(name, message, line=line, column=col)


def _at_key(owner: Any, key: Any, fallback: tuple[int, int]) -> tuple[int, int]:
    """Where the mapping ``owner`` gives ``key`` (``fallback`` when it cannot say)."""
    with contextlib.suppress(AttributeError, KeyError, TypeError):
        line, column = owner.lc.key(key)
        return line + 1, column + 1
    return fallback


def _aliased(document: Any, path: YamlPath, name: str) -> MapFileError:
    """The located refusal of a mapping or list reached twice (a YAML alias)."""
    return aliased(name, *SourceMap(document).locate(path))


def _merged(document: Any, path: YamlPath, name: str) -> MapFileError:
    """The located refusal of a YAML merge key (``<<``) in a mapping."""
    message = "YAML merge keys ('<<') are not supported in map files; write the fields out"
    return _at(document, path, name, message)


def _tagged(document: Any, path: YamlPath, tag: str | None, name: str) -> MapFileError:
    """The located refusal of a tag (``!name``) on a mapping or list, or on the document."""
    return _at(document, path, name, f"YAML tag {tag!r} is not supported in map files; remove it")


def _complex_key(document: Any, owner: Any, key: Any, link: Any, name: str) -> MapFileError:
    """The located refusal of a mapping key that is a list or a mapping (``? [a, b]``)."""
    line, col = _at_key(owner, key, SourceMap(document).locate(linked_path(link)))
    message = "a complex key ('? ...') is not a field; write a plain key"
    return MapFileError(name, message, line=line, column=col)


def key_text(key: Any) -> str:
    """A mapping key as the text a message names it by (``null``, ``true``, ``1``).

    YAML reads a plain ``null:`` or ``yes:`` as a value of another type; no field has such a
    name, and Python's own spelling (``None``, ``True``) is no name a user wrote.
    """
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _tag_of(value: Any) -> str | None:
    """The explicit YAML tag the round-trip parser kept on a value (``!name``), if any."""
    tag = getattr(value, "tag", None)
    found = getattr(tag, "value", None)
    if not isinstance(found, str):
        return None
    return "!!" + found.removeprefix(_YAML_TAGS) if found.startswith(_YAML_TAGS) else found


class _UnsupportedTag(Exception):
    """A YAML value no map field takes (``!!binary``, ``!!set``, a tag such as ``!name``)."""
