"""YAML read into plain data from the C parser's event stream, iteratively at any depth.

The walk keeps its own stack (no recursion, so no depth limit but :data:`MAX_NESTING`)
and builds no node tree: the plain data of a valid map is made straight from the events.
``marks`` reads the positions of an invalid one (for its messages) the same way.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from typing import Any, Final

from argmap.errors import MapFileError
from argmap.load.syntax import MAX_FLOW_NESTING, c_syntax_error, duplicate_key, flow_too_deep

__all__ = [
    "MAX_NESTING",
    "NOT_FAST",
    "STR_TAG",
    "Scalars",
    "c_parser",
    "event_stream",
    "long_integer",
    "one_table_resolver",
    "too_deep",
    "yaml_data",
]

NOT_FAST: Final = object()
"""Returned when the text needs the round-trip parser (an alias, a tag, a directive...)."""

MAX_NESTING: Final = 500_000
"""Mappings and lists nested deeper than this are refused (a 100,000-deep chain nests
200,000 deep); without a bound, 64 MB of ``[`` would build 64 million lists."""

STR_TAG: Final = "tag:yaml.org,2002:str"
"""The tag of text."""
_MERGE: Final = "tag:yaml.org,2002:merge"


def c_parser() -> Any:
    """Return ruamel's C parser class, or None when ruamel.yaml.clib is not installed."""
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - the clib is a dependency on CPython
        return None
    return CParser


def event_stream(text: str) -> Iterator[Any]:
    """The C parser's events for ``text``, one at a time."""
    parser = c_parser()(text)
    get = parser.get_event
    try:
        while True:
            yield get()
    finally:
        parser.dispose()


def too_deep(name: str, line: int, column: int) -> MapFileError:
    """The located error for mappings and lists nested beyond :data:`MAX_NESTING`."""
    return MapFileError(
        name,
        f"nested more than {MAX_NESTING:,} levels deep; argmap reads maps up to that "
        "depth, split the map or flatten its lists",
        line=line,
        column=column,
    )


def long_integer(name: str, digits: int, line: int, column: int) -> MapFileError:
    """The located error for an integer longer than Python converts (4,300 digits)."""
    return MapFileError(
        name,
        f"an integer of {digits:,} digits is longer than argmap reads "
        f"({sys.get_int_max_str_digits():,}); quote it to keep it as text",
        line=line,
        column=column,
    )


@functools.cache
def one_table_resolver() -> type:
    """The ruamel resolver, looking its table of implicit types up once per document.

    The stock resolver finds the YAML version and its table again for every scalar
    (raising and catching two AttributeErrors each time under the C parser). The
    table depends only on the document's version, fixed before its first scalar, and
    one ``YAML`` instance loads one document here.
    """
    from ruamel.yaml.resolver import VersionedResolver

    # Not public ruamel API: it overrides VersionedResolver.versioned_resolver (checked
    # with ruamel.yaml 0.19.1). It saves 14-22% of the CPU time of `argmap validate` on
    # a generated 10,000-node map (median 2.46 s -> 2.11 s, best 2.30 s -> 1.79 s, of
    # 11 runs). Should ruamel rename the property, this override is never called and
    # loading is only slower: tests/test_validate.py notices that, and
    # tests/test_properties.py any difference from what the round-trip parser reads.
    class OneTableResolver(VersionedResolver):
        _table: Any = None

        @property
        def versioned_resolver(self) -> Any:
            if self._table is None:
                self._table = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            return self._table

    return OneTableResolver


class Scalars:
    """Scalar values as ruamel's safe loader makes them (YAML 1.2 implicit types)."""

    def __init__(self) -> None:
        from types import SimpleNamespace

        from ruamel.yaml.constructor import SafeConstructor

        resolver = one_table_resolver()()
        self.table: dict[Any, list[tuple[str, Any]]] = resolver.versioned_resolver
        self.tail = self.table.get(None, [])
        self.constructor = SafeConstructor()
        # What the constructor asks of its loader: the resolver (for the YAML version).
        self.constructor.loader = SimpleNamespace(typ="safe", resolver=resolver)

    def tag(self, value: str) -> str:
        """The tag YAML 1.2 gives a plain scalar: text, or an int, float, bool, date..."""
        resolvers = self.table.get(value[0] if value else "", [])
        for tag, regexp in (*resolvers, *self.tail) if self.tail else resolvers:
            if regexp.match(value):
                return str(tag)
        return STR_TAG

    def make(self, tag: str, value: str) -> Any:
        """The value of a plain scalar of that tag (not text), as plain data."""
        from ruamel.yaml.nodes import ScalarNode

        from argmap.load.tree import _scalar

        node = ScalarNode(tag, value)
        build: Callable[[Any, Any], Any] | None = self.constructor.yaml_constructors.get(tag)
        if build is None:
            raise _NotFast
        return _scalar(build(self.constructor, node))


class _NotFast(Exception):
    """The text holds what only the round-trip parser reports well."""


def yaml_data(text: str, name: str) -> Any:
    # Long because: one loop over every event of the document, kept flat for speed.
    """Parse YAML text into plain data from the C parser's events.

    Dicts with ``str`` keys, lists, and the scalars ruamel's safe loader makes (dates
    for timestamps at midnight), as :func:`argmap.load.tree.plain_data` of a safe load.

    Returns:
        The data, or :data:`NOT_FAST` when the text needs the round-trip parser: a
        syntax error, several documents, an anchor, alias or explicit tag, a merge or
        complex key, a duplicate key; that parser reports each at its line and column.

    Raises:
        MapFileError: nesting beyond :data:`MAX_NESTING`, or an integer too long to
            convert; located.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    if c_parser() is None:  # pragma: no cover
        return NOT_FAST
    scalars = Scalars()
    limit = sys.get_int_max_str_digits()
    flow = 0  # open flow collections
    # Each open container: [the dict or list, the key awaiting its value (None: a key next)].
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    no_key = None
    try:
        for event in event_stream(text):
            cls = event.__class__
            if cls is ScalarEvent:
                if event.anchor is not None or (event.tag is not None):
                    return NOT_FAST
                value = event.value
                if event.implicit[0]:
                    tag = scalars.tag(value)
                    if tag != STR_TAG:
                        if tag == _MERGE:
                            return NOT_FAST
                        if tag.endswith(":int") and limit and len(value) > limit:
                            mark = event.start_mark
                            digits = sum(ch.isdigit() for ch in value)
                            if digits > limit:
                                raise long_integer(name, digits, mark.line + 1, mark.column + 1)
                        value = scalars.make(tag, value)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    return NOT_FAST
                flow += bool(flow or event.flow_style)  # all inside a flow one is flow
                if len(stack) >= MAX_NESTING or flow > MAX_FLOW_NESTING:
                    mark = event.start_mark
                    deep = too_deep if flow <= MAX_FLOW_NESTING else flow_too_deep
                    raise deep(name, mark.line + 1, mark.column + 1)
                value = {} if cls is MappingStartEvent else []
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                flow -= bool(flow)
                continue
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return NOT_FAST
                continue
            elif cls is StreamEndEvent:
                break
            elif cls.__name__ in ("StreamStartEvent", "DocumentEndEvent"):
                continue
            else:  # an alias
                return NOT_FAST
            if not stack:
                root = value
            else:
                top = stack[-1]
                owner = top[0]
                if owner.__class__ is list:
                    owner.append(value)
                elif top[1] is no_key:
                    if value.__class__ is dict or value.__class__ is list:
                        return NOT_FAST  # a complex key
                    key = value if value.__class__ is str else str(value)
                    if key in owner:
                        if value.__class__ is not str:
                            return NOT_FAST
                        mark = event.start_mark
                        raise duplicate_key(name, key, mark.line + 1, mark.column + 1)
                    top[1] = key
                    continue
                else:
                    owner[top[1]] = value
                    top[1] = no_key
            if value.__class__ is dict or value.__class__ is list:
                stack.append([value, no_key])
    except YAMLError as exc:
        # A syntax error: located from the C parser's marks (the round-trip parser would
        # take ten times a valid load to find it), unless that parser should have a say.
        located = c_syntax_error(exc, text, name)
        if located is None:
            return NOT_FAST
        raise located from None
    except (_NotFast, ValueError, TypeError, KeyError):
        return NOT_FAST
    return root
