"""Plainer DOT for a page the layout engine failed on: what trips its known bugs, taken out.

Graphviz's ``dot`` stops (or crashes) on some graphs that are valid DOT: a labelled edge
between two nodes of one rank ("lost ... edge", "illegal values of prev and next"), or
rank constraints it cannot satisfy together with the edges ("trouble in init_rank"). A
page that trips one is laid out again from a plainer graph rather than failing the whole
render: first with every edge's word placed once laid out (an ``xlabel``, which the
engine routes round instead of ranking), then also without the rows the planner asked
for (their ``rank=same`` groups and the invisible edges that order them), so the engine
places the boxes as it likes. Each step keeps every node and every visible edge. The
graphs argmap writes hold a statement a line, but a quoted value (a tooltip) may hold
line breaks of its own: statements are read whole (see :func:`_statements`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final, TypeVar

from argmap.errors import EngineFailedError

__all__ = ["despite_failures", "plainer"]

_T = TypeVar("_T")

_QUOTED: Final = r'"(?:[^"\\]|\\.)*"'
_ENDS: Final = re.compile(
    rf"^\s*({_QUOTED}|[^\s\":]+)(?::\w+)*\s*->\s*({_QUOTED}|[^\s\":\[]+)(?::\w+)*\s*\["
)
"""An edge's line up to its attribute list: its tail and head (ports apart)."""
_ATTR: Final = re.compile(rf"(\w+)=({_QUOTED}|<.*>|[^\s\]]+)", re.S)
"""One ``key=value`` of an attribute list: a quoted value, an HTML one, or a bare word."""


def despite_failures(batch: list[str], run: Callable[[list[str]], list[_T]]) -> list[_T]:
    """``run`` (one engine run) over a batch of graphs; where the engine fails, plainer.

    Each graph is then laid out alone, and one the engine fails on again is laid out from
    the :func:`plainer` graphs in turn: a page drawn a little otherwise, rather than no
    render at all. If none of them is drawn, the engine's error on the page alone is raised.
    """
    try:
        return run(batch)
    except EngineFailedError as failed:
        if len(batch) > 1:
            return [page for graph in batch for page in despite_failures([graph], run)]
        for graph in plainer(batch[0]):
            try:
                return run([graph])
            except EngineFailedError:
                continue
        raise failed


def plainer(source: str) -> Iterator[str]:
    """The plainer graphs to try, in turn, for a graph the engine failed on.

    Only those that differ from the one before: none for a graph with nothing to take out.
    """
    last = source
    for step in (_words_placed_after, _rows_let_go):
        graph = step(last)
        if graph != last:
            yield graph
            last = graph


def _statements(source: str) -> list[str]:
    """The graph's lines, a quoted or HTML value's line breaks kept inside its line."""
    out: list[str] = []
    start = depth = 0
    quoted = escaped = False
    for index, char in enumerate(source):
        if quoted:
            quoted = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif depth:
            depth += {"<": 1, ">": -1}.get(char, 0)
        elif char in '"<':
            quoted, depth = char == '"', int(char == "<")
        elif char == "\n":
            out.append(source[start:index])
            start = index + 1
    return [*out, source[start:]]


def _words_placed_after(source: str) -> str:
    """Every edge's ``label`` an ``xlabel``: placed once the graph is laid out."""
    return "\n".join(map(_xlabel, _statements(source)))


def _xlabel(line: str) -> str:
    """An edge's line with its ``label`` attribute (not a word inside a value) renamed."""
    edge = _ENDS.match(line)
    if edge is None:  # not an edge's, or one with no attributes
        return line
    head, attrs = line[: edge.end()], line[edge.end() :]

    def renamed(match: re.Match[str]) -> str:
        key, value = match.groups()
        return f"xlabel={value}" if key == "label" else match.group(0)

    return head + _ATTR.sub(renamed, attrs)


def _rows_let_go(source: str) -> str:
    """Without the ``rank=same`` groups, and the invisible edges that order their members."""
    lines = _statements(source)
    rows: list[set[str]] = []
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() == "{" and "rank=same" in "".join(lines[index + 1 : index + 2]):
            end = index + 1
            while end < len(lines) and lines[end].strip() != "}":
                end += 1
            rows.append({_name(line.strip()) for line in lines[index + 2 : end]})
            index = end + 1
            continue
        kept.append(lines[index])
        index += 1
    return "\n".join(line for line in kept if not _orders(line, rows))


def _orders(line: str, rows: list[set[str]]) -> bool:
    """Whether the line is an invisible edge between two members of one of ``rows``."""
    edge = _ENDS.match(line)
    if edge is None:
        return False
    attrs = dict(_ATTR.findall(line[edge.end() :]))
    if attrs.get("style", "").strip('"') != "invis":
        return False
    ends = {_name(edge.group(1)), _name(edge.group(2))}
    return any(ends <= row for row in rows)


def _name(token: str) -> str:
    """A node's name as a statement writes it (quoted or bare), unquoted."""
    return token[1:-1].replace('\\"', '"') if token.startswith('"') else token
