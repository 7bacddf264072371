"""Positions of every key and value of a YAML or JSON file, read from the C parser's marks."""

from __future__ import annotations

from typing import Any

from argmap.load.events import STR_TAG, Scalars, c_parser, event_stream
from argmap.load.tree import Reached, YamlPath

__all__ = ["Positions", "yaml_positions"]


class Positions:
    """Where each key and value of a file sits (1-based), looked up by path.

    The same answers as :class:`argmap.load.tree.SourceMap` over a round-trip load,
    from a tree of marks only: a mapping is a dict ``key -> [key line, key column,
    value line, value column, child]``, a list a list of ``[line, column, child]``.
    """

    def __init__(self, root: tuple[int, int, Any] | None) -> None:
        """Wrap the root's ``(line, column, child)``; None when nothing is known."""
        self._root = root

    def locate(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """Return ``(line, column)`` of the value at ``path`` (of its key if ``key``).

        A path that runs past what the file holds gives the position of the deepest
        mapping or list that exists, so a missing field points at its owner.
        """
        return self.descend(self.start(), path, key=key)[0]

    def start(self) -> Reached:
        """The root's place, to :meth:`descend` from."""
        root = self._root
        return ((0, 0), None) if root is None else ((root[0], root[1]), root[2])

    def descend(self, place: Reached, path: YamlPath, *, key: bool = False) -> Reached:
        """From a place a walk reached (its position, what is there), down ``path``."""
        best, node = place
        last = len(path) - 1
        for depth, step in enumerate(path):
            if node.__class__ is dict and step in node:
                entry = node[step]
                best = (entry[0], entry[1]) if (key and depth == last) else (entry[2], entry[3])
                node = entry[4]
            elif node.__class__ is list and step.__class__ is int and 0 <= step < len(node):
                entry = node[step]
                best = (entry[0], entry[1])
                node = entry[2]
            else:
                break
        return best, node


def yaml_positions(text: str) -> Positions | None:
    # Long because: one loop over every event, as yaml_data, keeping marks instead of values.
    """Read the position of every key and value of YAML text (None: it does not parse).

    Keys that are not text (numbers, dates...) are left out: no path of plain data
    names them, as in a round-trip load, where they are not strings.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    if c_parser() is None:  # pragma: no cover
        return None
    scalars = Scalars()
    lines = text.splitlines()
    # Each open container: [marks of the dict or list, key awaiting its value, its key
    # mark, whether it is a block mapping].
    stack: list[list[Any]] = []
    root: tuple[int, int, Any] | None = None
    no_key = None
    empty: list[Any] | None = None  # an empty block-mapping value, placed by what follows
    try:
        for event in event_stream(text):
            cls = event.__class__
            child: Any
            if empty is not None:
                empty_value_mark(empty, event, lines, cls in (MappingEndEvent, SequenceEndEvent))
                empty = None
            if cls is ScalarEvent:
                child = None
            elif cls is MappingStartEvent:
                child = {}
            elif cls is SequenceStartEvent:
                child = []
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                continue
            elif cls.__name__ == "AliasEvent":
                child = None
            elif cls.__name__ == "StreamEndEvent":
                break
            else:
                continue
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if not stack:
                root = (line, col, child)
            else:
                top = stack[-1]
                owner = top[0]
                if owner.__class__ is list:
                    owner.append([line, col, child])
                elif top[1] is no_key:
                    key: Any = False  # not a scalar: never looked up
                    if cls is ScalarEvent:
                        value = event.value
                        plain = event.implicit[0] and event.tag is None
                        tag = scalars.tag(value) if plain else STR_TAG
                        key = value if tag == STR_TAG else _typed_key(scalars, tag, value)
                    top[1], top[2] = key, (line, col)
                    if child is not None:
                        stack.append([child, no_key, None, False])
                        top[1] = False
                    continue
                else:
                    if top[1] is not False and top[1] not in owner:
                        owner[top[1]] = entry = [*top[2], line, col, child]
                        if cls is ScalarEvent and _is_empty(event):
                            if top[3]:
                                empty = entry
                            else:
                                _after_colon(entry, lines)
                    top[1] = no_key
            if child is not None:
                block = cls is MappingStartEvent and not event.flow_style
                stack.append([child, no_key, None, block])
    except (YAMLError, ValueError, TypeError, IndexError):
        return None
    return Positions(root)


def _is_empty(event: Any) -> bool:
    """Whether a scalar event is a value left out (``key:`` and nothing after it)."""
    return bool(
        event.value == ""
        and event.implicit[0]
        and event.tag is None
        and event.start_mark.index == event.end_mark.index
    )


def _after_colon(entry: list[Any], lines: list[str]) -> None:
    """Place a left-out value of a flow mapping just after its ``:``, as the round trip does."""
    line = entry[2]
    before = lines[line - 1][: entry[3] - 1].rstrip(" \t") if line - 1 < len(lines) else ""
    while not before and line > 1:
        line -= 1
        before = lines[line - 1].rstrip(" \t")
    if before.endswith(":"):
        entry[2], entry[3] = line, len(before) + 1


def empty_value_mark(entry: list[Any], following: Any, lines: list[str], ends: bool) -> None:
    """Place a left-out value of a block mapping where the round-trip parser does.

    The C parser marks it just after its ``:``; the round-trip parser at what follows
    it, unless a comment ends the key's line and the mapping goes on.
    """
    line, col = entry[2], entry[3]
    rest = lines[line - 1][col - 1 :] if line - 1 < len(lines) else ""
    if rest.strip().startswith("#") and not ends:
        return
    mark = following.start_mark
    entry[2], entry[3] = mark.line + 1, mark.column + 1


def _typed_key(scalars: Scalars, tag: str, value: str) -> Any:
    """A plain key read as another type (``null:``, ``1:``), named as the data names it."""
    from argmap.load.tree import key_text

    try:
        return key_text(scalars.make(tag, value))
    except Exception:  # no value of its type (the load says why): never looked up
        return False
