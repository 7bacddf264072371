"""Kialo's current export layout: a claim's label on its own line, its text below, sources last."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from argmap.errors import Issue
from argmap.interop.graph import GraphBuilder
from argmap.interop.markup import join_lines

__all__ = [
    "LABELS",
    "Head",
    "Source",
    "is_current",
    "read_current",
    "source_notes",
    "uncited",
    "undotted",
]

_NUMBERED: Final = re.compile(r"^\s*\d+(?:\.\d+)*\.(?:\s|$)")
_FIRST: Final = re.compile(r"^\s*1\.\s+(?:Thesis|Question):\s*$")
_HEAD: Final = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+([^\W\d_][\w'-]{0,24}):\s*$")
"""A claim's number and label alone on a line (``  1.1. Pro:``); its text follows."""
_NAME: Final = re.compile(r"^\s*Discussion Name:\s*(.*?)\s*$")
_SOURCES: Final = re.compile(r"^Sources:\s*$")
_SOURCE: Final = re.compile(r"^\s*\[(\d+)\]\s+(\S.*?)\s*$")
_CITE: Final = re.compile(r"\[(\d+)\]")
_ESCAPE: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
LABELS: Final = ("Thesis", "Question", "Pro", "Con")
_UNDOTTED: Final = re.compile(r"^\s*(\d+(?:\.\d+)+)(?=\s+(Pro|Con):)", re.IGNORECASE)
"""A claim's number and label with the number's closing dot left out (``1.1 Pro:``)."""


@dataclass
class Head:
    """A claim as the current layout gives it: number and label on one line, text below."""

    number: str
    label: str
    line: int
    column: int
    """Where its label starts on its line."""
    lines: list[str] = field(default_factory=list)


@dataclass
class Source:
    """An entry of the closing ``Sources:`` block: ``[n] url``, then any words quoted from it."""

    url: str
    line: int
    quote: list[str] = field(default_factory=list)
    cited: bool = False


def is_current(lines: list[str]) -> bool:
    """Whether an export is in the current layout: its first claim reads ``1. Thesis:`` alone.

    (``1. Question:`` for a discussion of several theses.) The older layout gives the
    text on the claim's own line.
    """
    for line in lines:
        if _NUMBERED.match(line):
            return bool(_FIRST.match(line))
    return False


def read_current(
    lines: list[str], graph: GraphBuilder, errors: list[Issue]
) -> tuple[str | None, list[Head], dict[str, Source]]:
    """Split an export in the current layout into its title, its claims and its sources.

    The title is the line after ``Discussion Name:``. A line of a number and a word with
    a colon (``1.1. Pro:``) starts a claim; the lines up to the next one are its text. A
    ``Sources:`` line at the margin starts the sources: ``[n] url`` lines, each followed
    by any words quoted from it. A claim's number without its closing dot (``1.1 Pro:``)
    adds to ``errors`` (see :func:`undotted`).
    """
    title: str | None = None
    named = False
    heads: list[Head] = []
    sources: dict[str, Source] = {}
    for lineno, line in enumerate(lines, 1):
        if not heads:
            if title is None and (name := _NAME.match(line)):
                title, named = name.group(1) or None, not name.group(1)
            elif named and line.strip():
                title, named = line.strip(), False
            elif head := _HEAD.match(line):
                heads.append(Head(head.group(1), head.group(2), lineno, head.start(2) + 1))
            elif problem := undotted(line, lineno, graph.path):
                errors.append(problem)
            elif line.strip():
                graph.warn(lineno, "text before the first numbered claim; skipped")
        elif _SOURCES.match(line):
            _read_sources(lines, lineno, sources, graph)
            break
        elif head := _HEAD.match(line):
            heads.append(Head(head.group(1), head.group(2), lineno, head.start(2) + 1))
        elif problem := undotted(line, lineno, graph.path):
            errors.append(problem)
        else:
            heads[-1].lines.append(line)
    return title, heads, sources


def undotted(line: str, lineno: int, path: str) -> Issue | None:
    """The problem of a line that reads as a claim but for its number's closing dot, if so.

    ``1.1 Pro: They are cheap.`` is no claim as Kialo writes one, and read as text it
    joins the claim above: the claim would be lost without a word.
    """
    match = _UNDOTTED.match(line)
    if match is None:
        return None
    number, label = match.group(1), match.group(2).capitalize()
    return Issue(
        path,
        lineno,
        match.end(1) + 1,
        f"'{number} {match.group(2)}:' reads like claim {number} with no dot after its "
        f"number, which would make it more text of the claim above; Kialo writes "
        f"'{number}. {label}:': add the dot",
        "file",
    )


def _read_sources(
    lines: list[str], start: int, sources: dict[str, Source], graph: GraphBuilder
) -> None:
    """Read the ``[n] url`` entries after the ``Sources:`` line (line ``start``)."""
    last: Source | None = None
    for lineno, line in enumerate(lines[start:], start + 1):
        entry = _SOURCE.match(line)
        if entry is not None:
            number = entry.group(1)
            last = Source(_ESCAPE.sub(r"\1", entry.group(2)), lineno)
            if number in sources:
                graph.warn(
                    lineno,
                    f"source [{number}] is listed twice (first at line {sources[number].line}); "
                    f"claims citing it keep the first, this one is left out: {last.url}",
                )
                continue
            sources[number] = last
        elif last is not None:
            last.quote.append(line)
        elif line.strip():
            graph.warn(lineno, "text under 'Sources:' before its first '[1] url' line; skipped")


def source_notes(
    text: str, where: tuple[int, str], sources: dict[str, Source], graph: GraphBuilder
) -> list[str]:
    """The note lines of the sources a claim's ``text`` cites (``[n]``): ``Source [n]: url``.

    Words the export quotes from a source follow its address. ``where`` is the claim's
    line and name, for the warning on a citation that no source answers. Each source
    cited is marked so (see :func:`uncited`).
    """
    notes: list[str] = []
    for number in dict.fromkeys(_CITE.findall(text)):
        source = sources.get(number)
        if source is not None:
            source.cited = True
        if source is None:
            graph.warn_kind(
                "citations with no '[n] url' under 'Sources:' are kept as they are in the text",
                where[0],
                item=f"[{number}] in {where[1]}",
            )
            continue
        quote = join_lines(source.quote)
        notes.append(f"Source [{number}]: {source.url}" + (f"\n{quote}" if quote else ""))
    return notes


def uncited(sources: dict[str, Source], graph: GraphBuilder) -> None:
    """Warn of the sources no claim cites (they are in no note): each named with its address."""
    for number, source in sources.items():
        if not source.cited:
            graph.warn_kind(
                "sources no claim cites are left out",
                source.line,
                item=f"[{number}] {source.url}",
            )
