"""Quote checking: find each map quote verbatim in a source text, tolerating typography only."""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Final, Literal, NamedTuple

from argmap.model import ArgumentMap, NodeKind

__all__ = [
    "CheckReport",
    "Difference",
    "Passage",
    "QuoteResult",
    "SourceText",
    "Untraced",
    "check_file",
    "check_quotes",
    "format_report",
    "normalize_typography",
]

# Characters that differ from their plain form only in typography.
_SINGLE_QUOTES: Final = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\uff07"
_DOUBLE_QUOTES: Final = "\u201c\u201d\u201e\u201f\u2033\u2036\uff02"
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE: Final = "\u00ad\u200b\u2060\ufeff"
"""Soft hyphen, zero-width space, word joiner, BOM: dropped (they never show as text)."""

_ONE_FOR_ONE: Final = str.maketrans(
    {
        **dict.fromkeys(map(ord, _SINGLE_QUOTES), "'"),
        **dict.fromkeys(map(ord, _DOUBLE_QUOTES), '"'),
        **dict.fromkeys(map(ord, _DASHES), "-"),
    }
)
# Runs of whitespace (with invisible characters mixed in), runs of dashes ("--" for an
# em dash) and the ellipsis character: the replacements that change the text's length.
# A lone plain space needs no change and is left out, which keeps large sources fast.
_RUNS: Final = re.compile(rf"[\s{_INVISIBLE}]{{2,}}|[^\S ]|[{_INVISIBLE}]|-{{2,}}|\u2026")
_TOKEN: Final = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
"""Words (with inner apostrophes and hyphens) and single punctuation marks."""

_CANDIDATES: Final = 8
"""Distinct source windows refined with SequenceMatcher for each missing quote."""
_SLACK: Final = 3
"""How many tokens a refined window may grow or shrink at each end."""
_FINALISTS: Final = 6
"""Windows compared character by character after the word-level pass."""

_Slicer = Callable[[int, int], str]
"""Cuts original text by token range."""
_Locate = Callable[[str, str | None], tuple[int, int]]
"""``(node id, field or None) -> (line, column)`` in the map file."""


def normalize_typography(text: str) -> str:
    r"""Return ``text`` with typographic variants replaced by one plain form.

    Curly and straight quotes and apostrophes (and primes) become ``'`` or ``"``, every
    dash and the minus sign become ``-`` (a run of dashes counts as one), the ellipsis
    character becomes ``...``, and every run of whitespace (line breaks, non-breaking
    and other Unicode spaces) becomes one space. Words, case and other punctuation are
    kept as they are.

    >>> normalize_typography("Russia\u2019s \u201cpivot\u201d\u00a0\u2014 East\u2013West\u2026")
    'Russia\'s "pivot" - East-West...'
    """
    return _Normal.of(text).text


@dataclass(frozen=True)
class _Normal:
    """Normalised text plus, for each of its characters, the offset it came from."""

    text: str
    origin: list[int]

    @classmethod
    def of(cls, original: str) -> _Normal:
        plain = unicodedata.normalize("NFC", original).translate(_ONE_FOR_ONE)
        parts: list[str] = []
        origin: list[int] = []
        pos = 0
        for match in _RUNS.finditer(plain):
            start, end = match.span()
            parts.append(plain[pos:start])
            origin.extend(range(pos, start))
            run = match.group()
            if run == "\u2026":
                parts.append("...")
                origin.extend((start, start, start))
            elif run[0] == "-":
                parts.append("-")
                origin.append(start)
            elif any(ch.isspace() for ch in run):
                parts.append(" ")
                origin.append(start)
            pos = end
        parts.append(plain[pos:])
        origin.extend(range(pos, len(plain)))
        return cls("".join(parts), origin)


class Difference(NamedTuple):
    """How a quote differs from the closest source passage, word by word.

    ``kind`` is ``changed`` (the quote has ``quote`` where the source has ``source``),
    ``added`` (words in the quote that the source lacks) or ``missing`` (words of the
    source that the quote leaves out).
    """

    kind: Literal["changed", "added", "missing"]
    quote: str
    source: str


@dataclass(frozen=True)
class Passage:
    """The source passage closest to a quote that was not found."""

    line: int
    column: int
    text: str
    similarity: float
    differences: tuple[Difference, ...]


class SourceText:
    """A source document prepared for quote look-ups: normalised once, searched many times.

    Lines and columns are 1-based and count characters of the text after Unicode NFC
    composition (which never moves a line break).
    """

    def __init__(self, text: str) -> None:
        """Prepare ``text`` (the whole source document)."""
        self.original = unicodedata.normalize("NFC", text)
        self._normal = _Normal.of(self.original)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.original)]
        self._tokens: list[tuple[int, int]] | None = None
        self._lowered: list[str] = []

    def position(self, offset: int) -> tuple[int, int]:
        """Return the ``(line, column)`` of an offset into :attr:`original`."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def find(self, quote: str) -> tuple[int, int] | None:
        """Return where ``quote`` first occurs (typography aside), or None.

        A match must start and end at word boundaries: ``"ring"`` is not found in
        ``"during"``.
        """
        needle = normalize_typography(quote).strip()
        hay = self._normal.text
        if not needle:
            return None
        start = hay.find(needle)
        while start != -1:
            end = start + len(needle)
            if _bounded(hay, start, end):
                return self.position(self._normal.origin[start])
            start = hay.find(needle, start + 1)
        return None

    def closest(self, quote: str) -> Passage | None:
        """Return the source passage most like ``quote``, with a word-level diff.

        Candidate windows of the quote's length are scored by shared words in one
        linear pass; the best few are refined with :class:`difflib.SequenceMatcher`.

        Returns:
            None when the quote has no words or no source word appears in it.
        """
        quote_norm = _Normal.of(quote)
        q_spans = [m.span() for m in _TOKEN.finditer(quote_norm.text)]
        if not q_spans:
            return None
        q_words = [quote_norm.text[s:e] for s, e in q_spans]
        spans, lowered = self._token_index()
        starts = _best_windows(lowered, [w.lower() for w in q_words])
        if not starts:
            return None
        # Prefer the window that holds the most quote words in order; among those, the
        # one closest character by character (so "avrov" lines up with "Lavrov").
        hay = self._normal.text
        q_text = quote_norm.text.strip()
        q_lower = [w.lower() for w in q_words]
        size = len(q_words)
        scored: list[tuple[int, float, int, int]] = []
        seen: set[tuple[int, int]] = set()
        for start in starts:
            for a in range(-_SLACK, _SLACK + 1):
                lo = max(0, start + a)
                for b in range(-_SLACK, _SLACK + 1):
                    hi = min(len(lowered), start + size + b)
                    if hi <= lo or (lo, hi) in seen:
                        continue
                    seen.add((lo, hi))
                    words = SequenceMatcher(None, q_lower, lowered[lo:hi], autojunk=False)
                    matched = sum(block.size for block in words.get_matching_blocks())
                    scored.append((matched, words.ratio(), -lo, -hi))
        most = max(scored)[0]
        finalists = heapq.nlargest(_FINALISTS, (key for key in scored if key[0] == most))
        best: tuple[float, int, int] | None = None
        for _, _, neg_lo, neg_hi in finalists:
            window = hay[spans[-neg_lo][0] : spans[-neg_hi - 1][1]]
            chars = SequenceMatcher(None, q_text, window, autojunk=False).ratio()
            if best is None or (chars, neg_lo, neg_hi) > best:
                best = (chars, neg_lo, neg_hi)
        assert best is not None
        ratio, neg_lo, neg_hi = best
        lo, hi = -neg_lo, -neg_hi
        s_words = [hay[s:e] for s, e in spans[lo:hi]]
        differences = _differences(
            q_words,
            s_words,
            lambda i, j: _slice(quote, quote_norm, q_spans, i, j),
            lambda i, j: self._original_slice(spans, lo + i, lo + j),
        )
        first = self._normal.origin[spans[lo][0]]
        line, column = self.position(first)
        text = " ".join(self._original_slice(spans, lo, hi).split())
        return Passage(line, column, text, ratio, differences)

    def _original_slice(self, spans: list[tuple[int, int]], i: int, j: int) -> str:
        origin = self._normal.origin
        return self.original[origin[spans[i][0]] : origin[spans[j - 1][1] - 1] + 1]

    def _token_index(self) -> tuple[list[tuple[int, int]], list[str]]:
        if self._tokens is None:
            hay = self._normal.text
            self._tokens = [m.span() for m in _TOKEN.finditer(hay)]
            self._lowered = [hay[s:e].lower() for s, e in self._tokens]
        return self._tokens, self._lowered


def _bounded(hay: str, start: int, end: int) -> bool:
    """True when hay[start:end] neither begins nor ends inside a word or an ellipsis."""
    if start > 0 and _joined(hay[start - 1], hay[start]):
        return False
    return not (end < len(hay) and _joined(hay[end - 1], hay[end]))


def _joined(left: str, right: str) -> bool:
    """True when a match may not be cut between these two characters."""
    if left.isalnum() or left == "_":
        return right.isalnum() or right == "_"
    return left == right == "."


def _best_windows(tokens: list[str], quote: list[str]) -> list[int]:
    """Return start indexes of the source windows sharing the most words with the quote.

    One pass with a sliding window of the quote's length keeps a running count of
    shared words (as multisets), so a 1 MB source costs a few hundred thousand steps.
    """
    want = Counter(quote)
    size = min(len(quote), len(tokens))
    have: Counter[str] = Counter()
    shared = 0
    scores: list[int] = []
    for i, word in enumerate(tokens):
        if word in want:
            if have[word] < want[word]:
                shared += 1
            have[word] += 1
        if i >= size:
            old = tokens[i - size]
            if old in want:
                have[old] -= 1
                if have[old] < want[old]:
                    shared -= 1
        if i >= size - 1:
            scores.append(shared)
    if not scores or max(scores) == 0:
        return []
    ranked = heapq.nlargest(_CANDIDATES * 8, range(len(scores)), key=lambda k: (scores[k], -k))
    chosen: list[int] = []
    for start in ranked:
        if all(abs(start - other) >= size for other in chosen):
            chosen.append(start)
            if len(chosen) == _CANDIDATES:
                break
    return chosen


def _slice(original: str, norm: _Normal, spans: list[tuple[int, int]], i: int, j: int) -> str:
    text = unicodedata.normalize("NFC", original)
    return text[norm.origin[spans[i][0]] : norm.origin[spans[j - 1][1] - 1] + 1]


def _differences(
    quote: list[str],
    source: list[str],
    quote_text: _Slicer,
    source_text: _Slicer,
) -> tuple[Difference, ...]:
    out: list[Difference] = []
    matcher = SequenceMatcher(None, quote, source, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        q = " ".join(quote_text(i1, i2).split()) if i2 > i1 else ""
        s = " ".join(source_text(j1, j2).split()) if j2 > j1 else ""
        if tag == "replace":
            out.append(Difference("changed", q, s))
        elif tag == "delete":
            out.append(Difference("added", q, ""))
        elif tag == "insert":
            out.append(Difference("missing", "", s))
    return tuple(out)


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
    if diff.kind == "added":
        return f"added:   {_show(diff.quote)} is in the quote but not in the source"
    return f"missing: {_show(diff.source)} is in the source but not in the quote"


def _show(text: str) -> str:
    """Quote text for a terminal: control and other invisible characters are escaped."""
    body = "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in text)
    return f'"{body}"'
