"""DOT text, written: graph, node, edge and subgraph statements, every id quoted here."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from typing import Final, Literal, NamedTuple

__all__ = [
    "Attributes",
    "Attrs",
    "Compass",
    "Digraph",
    "End",
    "Html",
    "LineCache",
    "Port",
    "SharedLines",
    "attr_list",
    "attrs",
    "edge_line",
    "escape",
    "near_side",
    "node_line",
    "quote",
]

LineCache = MutableMapping[Hashable, str]
"""Statements or labels already written for one map and its options, by what they draw.

The builds of one diagram's pages share one, so a node's label is made once however many
pages, drafts and stubs show it.
"""

KEYWORDS: Final = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
"""DOT's keywords, in any case: as ids they must be quoted."""

_BARE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")
"""The ids DOT reads without quotes: a name of ASCII letters, digits and ``_``, or a number."""

_BACKSLASHES_BEFORE: Final = re.compile(r'(\\*)("|\n|\Z)')
"""A run of backslashes (maybe none) before a double quote, a line break or the end."""


class SharedLines(dict[Hashable, str]):
    """The DOT lines that several pages' drafts share (breadcrumb rows), kept across them.

    A node's own line and tree edge, drawn on its one page, are not kept: the plans never
    hold every label at once (100,000 nodes: about 100 MB); a page laid out again remakes them.
    """

    def __setitem__(self, key: Hashable, line: str) -> None:
        if not isinstance(key, str) and not (isinstance(key, tuple) and key[:1] == ("tree",)):
            super().__setitem__(key, line)


_QUOTED: dict[str, str] = {}
"""Short ids and values already quoted: names, colours, styles and numbers recur."""
_MEMO_CHARS: Final = 40
_MEMO_SIZE: Final = 20_000


class Html(str):
    """An HTML-like label: its text (every user string in it escaped) goes between ``<>``.

    Every other string is written as a quoted id, never read as HTML, whatever it holds.
    """

    __slots__ = ()


Compass = Literal["", "n", "ne", "e", "se", "s", "sw", "w", "nw", "c"]
"""A side or corner of a box (empty: none, the engine aims at its centre)."""


def near_side(direction: str) -> Compass:
    """The side of a parent that faces its children, drawn ``direction`` (``TB``: ``s``)."""
    sides: dict[str, Compass] = {"TB": "s", "BT": "n", "LR": "e", "RL": "w"}
    return sides[direction]


class Port(NamedTuple):
    """An edge's end at a port of a node (a cell of an HTML-like label), maybe at a side."""

    node: str
    port: str
    compass: Compass = ""


End = str | Port
"""An edge's end: a node's id, or a port of a node."""


def escape(text: str) -> str:
    r"""Text for an escString attribute (an id, URL or tooltip): backslashes kept literal.

    The engine reads ``\N``, ``\G``, ``\n`` and friends in such attributes; a doubled
    backslash stands for itself.
    """
    return text.replace("\\", "\\\\")


def _fix_backslashes(match: re.Match[str]) -> str:
    """A quote, a line break or the end, after a run of backslashes, as DOT must see it."""
    run, after = match.group(1), match.group(2)
    if len(run) % 2 == 0:  # the backslashes stand for themselves (pairs)
        return f'{run}\\"' if after == '"' else match.group(0)
    # An odd run: before a quote it escapes it already (as ``\"`` does); before a line
    # break it would join the lines, at the end it would escape the closing quote.
    return match.group(0) if after == '"' else f"{run}\\{after}"


def quote(text: str) -> str:
    r"""An id as DOT text: bare if DOT reads it so, else in double quotes.

    Inside quotes, DOT reads ``\"`` as a quote and ``\`` before a line break as nothing;
    a quote gets a backslash, and a trailing or line-ending odd run of backslashes one
    more, so the id always ends where it should. Other backslashes are left for the
    engine's own escapes (see :func:`escape`).
    """
    quoted = _QUOTED.get(text)
    if quoted is not None:
        return quoted
    if _BARE.fullmatch(text) is not None and text.lower() not in KEYWORDS:
        quoted = text
    elif "\\" in text:
        quoted = f'"{_BACKSLASHES_BEFORE.sub(_fix_backslashes, text)}"'
    elif '"' in text:
        quoted = '"{}"'.format(text.replace('"', '\\"'))
    else:
        quoted = f'"{text}"'
    if len(text) <= _MEMO_CHARS:
        if len(_QUOTED) >= _MEMO_SIZE:
            _QUOTED.clear()
        _QUOTED[text] = quoted
    return quoted


class Attrs(str):
    """An attribute list written once (by :func:`attrs`), for statements that share it."""

    __slots__ = ()


def attrs(pairs: Mapping[str, str]) -> Attrs:
    """The attribute list of a node or edge statement, written once to be used often."""
    return Attrs(attr_list(pairs, label_first=True))


Attributes = Mapping[str, str] | Attrs
"""A statement's attributes: name -> value, or a list written before."""


def attr_list(attrs: Mapping[str, str], label_first: bool = False) -> str:
    """``name=value`` pairs, by name (``label`` first when asked), joined by spaces.

    Values are quoted ids, but for an :class:`Html` label, written between ``<>``.
    """
    names = sorted(attrs)  # each name once: as the pairs would sort
    if label_first and "label" in attrs:
        names.remove("label")
        names.insert(0, "label")
    known = _QUOTED.get  # most names and values are short and met before
    pairs: list[str] = []
    for name in names:
        value = attrs[name]
        head = _NAMED.get(name) or _named(name)
        pairs.append(
            f"{head}<{value}>" if type(value) is Html else head + (known(value) or quote(value))
        )
    return " ".join(pairs)


_NAMED: dict[str, str] = {}
"""Attribute names already written, with their ``=``: a few dozen names make every list."""


def _named(name: str) -> str:
    """``name=``, the name quoted as an id (and remembered, up to :data:`_MEMO_SIZE`)."""
    head = f"{quote(name)}="
    if len(_NAMED) < _MEMO_SIZE:
        _NAMED[name] = head
    return head


def _endpoint(end: End) -> str:
    """An edge's end: a node's id, or ``node:port[:compass]``."""
    if isinstance(end, Port):
        compass = f":{end.compass}" if end.compass else ""
        return f"{quote(end.node)}:{quote(end.port)}{compass}"
    return quote(end)


class Digraph:
    """A directed graph's statements, written as they are added.

    Node and edge statements list their ``label`` first, then their other attributes by
    name; attribute statements list all of theirs by name. So the same attributes give the
    same text, whatever order they were gathered in.
    """

    __slots__ = ("body", "name")

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self.body: list[str] = []
        """The statements, each a tab-indented line (a subgraph's are indented once more)."""

    def attr(self, kind: Literal["graph", "node", "edge"], attrs: Mapping[str, str]) -> None:
        """Add ``kind [attrs]``: defaults for the graph, its nodes or its edges (none: nothing)."""
        if attrs:
            self.body.append(f"\t{kind} [{attr_list(attrs)}]\n")

    def set(self, attrs: Mapping[str, str]) -> None:
        """Add the graph's (or subgraph's) own attributes as one bare ``name=value`` statement."""
        if attrs:
            self.body.append(f"\t{attr_list(attrs)}\n")

    def node(self, name: str, attrs: Attributes | None = None) -> None:
        """Add a node statement (a bare one, when no attributes: it puts the node there)."""
        self.body.append(node_line(name, attrs))

    def edge(self, tail: End, head: End, attrs: Attributes | None = None) -> None:
        """Add an edge statement from ``tail`` to ``head``."""
        self.body.append(edge_line(tail, head, attrs))

    def copy(self) -> Digraph:
        """A graph of the same name and statements, to add to apart from this one."""
        twin = Digraph(self.name)
        twin.body = list(self.body)
        return twin

    def line(self, line: str) -> None:
        """Add a statement made before (by :func:`node_line` or :func:`edge_line`)."""
        self.body.append(line)

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[Digraph]:
        """A subgraph to fill in a ``with`` block: added to this graph at its end.

        A name beginning ``cluster`` makes the engine draw it in a box of its own.
        """
        sub = Digraph(name)
        yield sub
        head = f"subgraph {quote(name)} {{\n" if name else "{\n"
        self.body += [f"\t{head}", *[f"\t{line}" for line in sub.body], "\t}\n"]

    @property
    def source(self) -> str:
        """The graph as DOT text."""
        head = f"digraph {quote(self.name)} {{\n" if self.name else "digraph {\n"
        return "".join([head, *self.body, "}\n"])


def _written(attrs: Attributes) -> str:
    """A node's or edge's attribute list, as DOT text."""
    return attrs if isinstance(attrs, Attrs) else attr_list(attrs, label_first=True)


def node_line(name: str, attrs: Attributes | None = None) -> str:
    """A node statement, for :meth:`Digraph.line` (or a cache of them)."""
    if not attrs:
        return f"\t{quote(name)}\n"
    return f"\t{quote(name)} [{_written(attrs)}]\n"


def edge_line(tail: End, head: End, attrs: Attributes | None = None) -> str:
    """An edge statement, for :meth:`Digraph.line` (or a cache of them)."""
    ends = f"{_endpoint(tail)} -> {_endpoint(head)}"
    if not attrs:
        return f"\t{ends}\n"
    return f"\t{ends} [{_written(attrs)}]\n"
