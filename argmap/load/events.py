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
from argmap.load.syntax import (
    MAX_FLOW_NESTING,
    aliased,
    c_parser,
    c_syntax_error,
    duplicate_key,
    flow_too_deep,
)

__all__ = [
    "MAX_NESTING",
    "NOT_FAST",
    "STR_TAG",
    "Scalars",
    "c_parser",
    "event_stream",
    "long_integer",
    "one_table_resolver",
    "opened_parser",
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


class _Pieces:
    """A text handed to the C parser a piece at a time, as a file is read.

    Given the whole ``str``, the parser first copies all of it to UTF-8: a map file's
    size more held while it is read (54 MB for a chain 3,000 deep in block style, where
    ``argmap add`` holds the file's text and its edited text already).
    """

    __slots__ = ("_at", "_text")
    name: Final = "<unicode string>"
    """What the parser's messages call the text, as when given it whole."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._at = 0

    def read(self, size: int = -1) -> str:
        """The next ``size`` characters (all the rest if negative; "" at the end)."""
        end = len(self._text) if size < 0 else self._at + size
        piece = self._text[self._at : end]
        self._at += len(piece)
        return piece


def opened_parser(text: str) -> Any:
    """Return ruamel's C parser reading ``text`` (the clib must be installed); dispose it."""
    return c_parser()(_Pieces(text))


def event_stream(text: str) -> Iterator[Any]:
    """The C parser's events for ``text``, one at a time."""
    parser = opened_parser(text)
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
        syntax error, several documents, an alias or explicit tag, a merge or complex
        key, a duplicate key; that parser reports each at its line and column. An anchor
        alone changes no data (aliases are refused): it is read here.

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
    typed = scalars.table.get if not scalars.tail else lambda first: True
    keys: dict[str, str] = {}
    """Each key read so far, by its text: a map holds a few keys many times over, and
    each is then one string (as ``json.loads`` keeps them) resolved once."""
    # The open container, whether a mapping, its key awaiting a value (``no_key``: a key
    # is next); the containers it sits in, with their own.
    container: Any = None
    is_map = False
    no_key = object()
    key: Any = no_key
    outer: list[tuple[Any, bool]] = []
    typed_keys: set[str] = set()  # plain keys read as another type than text (1, true)
    holds_typed: set[int] = set()  # mappings holding one (all stay alive until the end)
    flow = 0  # open flow collections
    anchored: set[str] = set()  # anchors of mappings and lists: an alias of one is refused
    scalar_anchors: dict[str, Any] = {}  # anchors of scalars: an alias is their value
    root: Any = None
    documents = 0
    parser = opened_parser(text)
    get_event = parser.get_event
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                if event.tag is not None:
                    return _drained(get_event)
                value = event.value
                plain = event.implicit[0]
                if is_map and key is no_key:  # a key
                    if event.anchor is not None:  # a key's alias: the round-trip decides
                        return _drained(get_event)
                    found = keys.get(value) if plain else None
                    if found is None:
                        found = _key(scalars, value, plain, name, event)
                        if found is NOT_FAST:
                            return NOT_FAST
                        if plain:
                            keys[value] = found
                            if found is not value:
                                typed_keys.add(value)
                    if plain and value in typed_keys:
                        # Typed keys compare by value (1 == true): two in one mapping may
                        # clash, which the round-trip parser judges.
                        if id(container) in holds_typed:
                            return NOT_FAST
                        holds_typed.add(id(container))
                    if found in container:
                        typed_here = plain and scalars.tag(value) != STR_TAG
                        if typed_here or id(container) in holds_typed:
                            return NOT_FAST  # a typed key (1: then "1":): the round-trip decides
                        mark = event.start_mark
                        raise duplicate_key(name, found, mark.line + 1, mark.column + 1)
                    key = found
                    continue
                if plain and typed(value[:1]):
                    value = _typed(scalars, value, name, event)
                    if value is NOT_FAST:
                        return NOT_FAST
                if event.anchor is not None:  # its aliases (*name) stand for the same value
                    scalar_anchors[event.anchor] = value
            elif cls.__name__ == "AliasEvent":
                if event.anchor in anchored:
                    # A mapping or list written twice: refused where it is (the round-trip
                    # parser took 20 times a load to get here in a big map).
                    mark = event.start_mark
                    raise aliased(name, mark.line + 1, mark.column + 1)
                if event.anchor not in scalar_anchors or (is_map and key is no_key):
                    return _drained(get_event)  # an alias as a key, or of what is not here
                value = scalar_anchors[event.anchor]
            if cls is ScalarEvent or cls.__name__ == "AliasEvent":
                if is_map:
                    container[key] = value
                    key = no_key
                elif container is not None:
                    container.append(value)
                else:
                    root = value
                continue
            if cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.tag is not None:
                    return _drained(get_event)
                if event.anchor is not None:
                    anchored.add(event.anchor)
                flow += bool(flow or event.flow_style)  # all inside a flow one is flow
                if len(outer) >= MAX_NESTING or flow > MAX_FLOW_NESTING:
                    mark = event.start_mark
                    deep = too_deep if flow <= MAX_FLOW_NESTING else flow_too_deep
                    raise deep(name, mark.line + 1, mark.column + 1)
                value = {} if cls is MappingStartEvent else []
                if is_map:
                    if key is no_key:
                        return NOT_FAST  # a complex key
                    container[key] = value
                elif container is not None:
                    container.append(value)
                else:
                    root = value
                outer.append((container, is_map))
                container, is_map, key = value, cls is MappingStartEvent, no_key
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                container, is_map = outer.pop()
                key = no_key
                flow -= bool(flow)
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return NOT_FAST
            elif cls is StreamEndEvent:
                break
            elif cls.__name__ not in ("StreamStartEvent", "DocumentEndEvent"):
                return _drained(get_event)
    except YAMLError as exc:
        # A syntax error: located from the C parser's marks (the round-trip parser would
        # take ten times a valid load to find it), unless that parser should have a say.
        located = c_syntax_error(exc, text, name)
        if located is None:
            return NOT_FAST
        raise located from None
    except (_NotFast, ValueError, TypeError, KeyError):
        return NOT_FAST
    finally:
        parser.dispose()
    return root


def _drained(get_event: Callable[[], Any]) -> Any:
    """:data:`NOT_FAST`, once the C parser has read the rest of the text.

    A tag or an alias needs the round-trip parser, but a syntax error further on is
    still located from this parser's marks (its message says what to do; the round-trip
    parser's, after an anchor or a tag, only where the text ended).
    """
    while get_event().__class__.__name__ != "StreamEndEvent":
        pass
    return NOT_FAST


def _typed(scalars: Scalars, value: str, name: str, event: Any) -> Any:
    """A plain scalar that may be of another type than text, as plain data."""
    tag = scalars.tag(value)
    if tag == STR_TAG:
        return value
    if tag == _MERGE:
        return NOT_FAST
    if tag.endswith(":int"):
        limit = sys.get_int_max_str_digits()
        if limit and len(value) > limit:
            digits = sum(ch.isdigit() for ch in value)
            if digits > limit:
                mark = event.start_mark
                raise long_integer(name, digits, mark.line + 1, mark.column + 1)
    return scalars.make(tag, value)


def _key(scalars: Scalars, value: str, plain: bool, name: str, event: Any) -> Any:
    """A mapping key as text (``1:`` is the key ``"1"``), or :data:`NOT_FAST` for ``<<``."""
    if not plain or not (scalars.tail or scalars.table.get(value[:1])):
        return value
    from argmap.load.tree import key_text

    made = _typed(scalars, value, name, event)
    return made if made is NOT_FAST or made.__class__ is str else key_text(made)
