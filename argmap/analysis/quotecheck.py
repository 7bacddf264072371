"""Quote checking: find each map quote verbatim in a source text, tolerating typography only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.analysis.sourcetext import Difference, Passage, SourceText
from argmap.model import ArgumentMap, NodeKind

__all__ = [
    "CheckReport",
    "QuoteResult",
    "Untraced",
    "check_file",
    "check_quotes",
    "format_report",
]

_Locate = Callable[[str, str | None], tuple[int, int]]
"""``(node id, field or None) -> (line, column)`` in the map file."""


@dataclass(frozen=True)
class QuoteResult:
    """The check of one node's quote: where it was found, or the closest passage."""

    node_id: str
    quote: str
    line: int
    column: int
    found: tuple[int, int] | None
    closest: Passage | None = None

    @property
    def ok(self) -> bool:
        """True when the quote was found."""
        return self.found is not None


@dataclass(frozen=True)
class Untraced:
    """An evidence node with no quote, citation or source key (nothing to trace it by)."""

    node_id: str
    line: int
    column: int


@dataclass(frozen=True)
class CheckReport:
    """Every quote checked against one source document, plus untraced evidence."""

    map_path: str
    source_path: str
    quotes: tuple[QuoteResult, ...]
    untraced: tuple[Untraced, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when every quote was found (untraced evidence is only a warning)."""
        return all(result.ok for result in self.quotes)

    @property
    def mismatches(self) -> tuple[QuoteResult, ...]:
        """The quotes that were not found."""
        return tuple(result for result in self.quotes if not result.ok)


def check_quotes(
    m: ArgumentMap,
    source: SourceText,
    *,
    locate: _Locate | None = None,
    map_path: str = "<map>",
    source_path: str = "<source>",
) -> CheckReport:
    """Check every ``quote`` in the map against the source, in document order.

    Args:
        m: the map.
        source: the prepared source document.
        locate: ``(node id, field or None) -> (line, column)`` in the map file, for
            located messages; without it, positions are ``(0, 0)``.
        map_path: the map's name in messages.
        source_path: the source document's name in messages.

    Returns:
        The report; :attr:`CheckReport.ok` is False when any quote is missing.
    """
    where: _Locate = locate if locate is not None else _nowhere
    results: list[QuoteResult] = []
    untraced: list[Untraced] = []
    for node in m.nodes:
        if node.quote is not None:
            line, column = where(node.id, "quote")
            found = source.find(node.quote)
            closest = None if found is not None else source.closest(node.quote)
            results.append(QuoteResult(node.id, node.quote, line, column, found, closest))
        elif node.kind is NodeKind.EVIDENCE and not node.traced:
            line, column = where(node.id, None)
            untraced.append(Untraced(node.id, line, column))
    return CheckReport(map_path, source_path, tuple(results), tuple(untraced))


def _nowhere(node_id: str, field: str | None) -> tuple[int, int]:
    return (0, 0)


def check_file(map_path: str | Path, source_path: str | Path) -> CheckReport:
    """Load a map file and check its quotes against a source document file.

    Raises:
        MapFileError: the map or the source cannot be read or parsed.
        MapValidationError: the map is invalid.
    """
    from argmap.load.files import read_source_text
    from argmap.load.maps import load_located

    located = load_located(map_path)
    source = SourceText(read_source_text(source_path))
    return check_quotes(
        located.map,
        source,
        locate=located.locate,
        map_path=str(map_path),
        source_path=str(source_path),
    )


def format_report(report: CheckReport) -> str:
    """Return the report as text: one line per quote, details under each mismatch.

    Lines start with ``MAP:LINE:COL:`` (the node's quote in the map file); found quotes
    name ``SOURCE:LINE:COL``; a summary line ends the report.
    """
    lines: list[str] = []
    src = report.source_path
    for result in report.quotes:
        head = _where(report.map_path, result.line, result.column)
        if result.found is not None:
            line, column = result.found
            lines.append(f"{head}{result.node_id}: found at {src}:{line}:{column}")
            continue
        lines.append(f"{head}{result.node_id}: quote not found in {src}")
        lines.append(f"  quote:   {_show(result.quote)}")
        passage = result.closest
        if passage is None:
            lines.append("  closest: no passage of the source shares a word with it")
            continue
        lines.append(
            f"  closest: {src}:{passage.line}:{passage.column} "
            f"({passage.similarity:.0%} similar): {_show(passage.text)}"
        )
        for diff in passage.differences:
            lines.append("  " + _describe(diff))
    for item in report.untraced:
        head = _where(report.map_path, item.line, item.column)
        lines.append(
            f"{head}warning: evidence {item.node_id!r} has no quote, citation or source; "
            "add one so readers can trace it"
        )
    total = len(report.quotes)
    missing = len(report.mismatches)
    summary = f"{total} quote{'s' * (total != 1)} checked: {total - missing} found"
    summary += f", {missing} not found"
    if report.untraced:
        n = len(report.untraced)
        summary += f"; {n} evidence node{'s' * (n != 1)} without quote, citation or source"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _where(path: str, line: int, column: int) -> str:
    return f"{path}:{line}:{column}: " if line > 0 else f"{path}: "


def _describe(diff: Difference) -> str:
    if diff.kind == "changed":
        hint = " (case differs)" if diff.quote.lower() == diff.source.lower() else ""
        return f"changed: quote has {_show(diff.quote)}, source has {_show(diff.source)}{hint}"
    if diff.kind == "spacing":
        return f"spacing: quote has {_show(diff.quote)}, source has {_show(diff.source)}"
    if diff.kind == "cut":
        return (
            f"cut:     the quote's {_show(diff.quote)} cuts into the source's ellipsis "
            f"{_show(diff.source)}; quote it whole or not at all"
        )
    if diff.kind == "added":
        return f"added:   {_show(diff.quote)} is in the quote but not in the source"
    return f"missing: {_show(diff.source)} is in the source but not in the quote"


def _show(text: str) -> str:
    """Quote text for a terminal: control and other invisible characters are escaped."""
    body = "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in text)
    return f'"{body}"'
