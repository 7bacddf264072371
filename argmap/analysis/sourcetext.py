"""A source document for quote checks: search blind to typography, and the closest passage."""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Final, Literal, NamedTuple

from argmap.analysis.passages import SLACK, TOKEN, Place, lowered, places
from argmap.analysis.sourcemarkup import read_markup

__all__ = ["Difference", "Passage", "SourceText", "normalize_typography"]

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

_FINALISTS: Final = 6
"""Windows compared character by character after the word-level pass."""

_Slicer = Callable[[int, int], str]
"""Cuts original text by token range."""


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
    origin: array[int]
    """Four bytes an offset (a list took 36: a 60 MB source came to gigabytes)."""

    @classmethod
    def of(cls, original: str) -> _Normal:
        read, before = read_markup(unicodedata.normalize("NFC", original))
        plain = read.translate(_ONE_FOR_ONE)
        parts: list[str] = []
        origin = array("I")  # offsets of a file of at most 64 MiB
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
        if before is not None:  # back through the markup read, to the document's own offsets
            origin = array("I", map(before.__getitem__, origin))
        return cls("".join(parts), origin)


class Difference(NamedTuple):
    """How a quote differs from the closest source passage, word by word.

    ``kind`` is ``changed`` (the quote has ``quote`` where the source has ``source``),
    ``added`` (words in the quote that the source lacks) or ``missing`` (words of the
    source that the quote leaves out); when the words are the same, ``spacing`` (one
    has a space between two words where the other has none) or ``cut`` (the quote
    begins or ends inside the source's ellipsis, ``source``).
    """

    kind: Literal["changed", "added", "missing", "spacing", "cut"]
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
        self._lower: str | None = None

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

        The places where the quote's rarer words meet are found with the string search a
        found quote costs (every word's, when those are not enough); each place's
        windows of the quote's length are scored by shared words, and the best few are
        refined with :class:`difflib.SequenceMatcher`. A quote that is not in the
        source so costs about what a found one does, however large the source.

        Returns:
            None when the quote has no words or no source word appears in it.
        """
        quote_norm = _Normal.of(quote)
        q_spans = [m.span() for m in TOKEN.finditer(quote_norm.text)]
        if not q_spans:
            return None
        q_words = [quote_norm.text[s:e] for s, e in q_spans]
        q_lower = [w.lower() for w in q_words]
        if self._lower is None:
            self._lower = lowered(self._normal.text)
        found = places(self._normal.text, self._lower, quote_norm.text)
        if not found:
            return None
        hay = self._normal.text
        ratio, place, lo, hi = _refine(found, q_lower, quote_norm.text.strip(), hay)
        spans = place.spans
        s_words = [hay[s:e] for s, e in spans[lo:hi]]
        differences = _differences(
            q_words,
            s_words,
            lambda i, j: _slice(quote, quote_norm, q_spans, i, j),
            lambda i, j: self._original_slice(spans, lo + i, lo + j),
        )
        if not differences:  # the same words: spacing differs, or an ellipsis is cut
            differences = _unworded(
                _Gaps(quote_norm.text, q_spans),
                _Gaps(hay, spans[lo:hi]),
                lambda i, j: _slice(quote, quote_norm, q_spans, i, j),
                lambda i, j: self._original_slice(spans, lo + i, lo + j),
                self._chars,
            )
        line, column = self.position(self._normal.origin[spans[lo][0]])
        text = " ".join(self._original_slice(spans, lo, hi).split())
        return Passage(line, column, text, ratio, differences)

    def _chars(self, i: int, j: int) -> str:
        """The original text of normalised offsets ``i`` to ``j``."""
        return self.original[self._normal.origin[i] : self._normal.origin[j - 1] + 1]

    def _original_slice(self, spans: list[tuple[int, int]], i: int, j: int) -> str:
        origin = self._normal.origin
        return self.original[origin[spans[i][0]] : origin[spans[j - 1][1] - 1] + 1]


def _refine(
    found: list[Place], q_lower: list[str], q_text: str, hay: str
) -> tuple[float, Place, int, int]:
    """The best window near the places: ``(character similarity, place, lo, hi)``.

    Windows may grow or shrink by :data:`SLACK` tokens at each end. The similarity
    reported ignores case, but only the very text scores 1 (it shows as 100%).
    """
    # Prefer the window that holds the most quote words in order; among those, the
    # one closest character by character (so "avrov" lines up with "Lavrov").
    scored: list[tuple[int, float, int, int, Place, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for place in found:
        spans, tokens = place.spans, place.lowered
        for a in range(-SLACK, SLACK + 1):
            lo = max(0, place.start + a)
            for b in range(-SLACK, SLACK + 1):
                hi = min(len(tokens), place.start + len(q_lower) + b)
                if hi <= lo or (spans[lo][0], spans[hi - 1][1]) in seen:
                    continue
                seen.add((spans[lo][0], spans[hi - 1][1]))
                words = SequenceMatcher(None, q_lower, tokens[lo:hi], autojunk=False)
                matched = sum(block.size for block in words.get_matching_blocks())
                key = (matched, words.ratio(), -spans[lo][0], -spans[hi - 1][1])
                scored.append((*key, place, lo, hi))
    most = max(scored, key=lambda item: item[:4])[0]
    finalists = heapq.nlargest(
        _FINALISTS, (item for item in scored if item[0] == most), key=lambda item: item[:4]
    )
    best: tuple[float, int, int, Place, int, int] | None = None
    for _, _, neg_first, neg_last, place, lo, hi in finalists:
        chars = SequenceMatcher(None, q_text, hay[-neg_first:-neg_last], autojunk=False).ratio()
        if best is None or (chars, neg_first, neg_last) > best[:3]:
            best = (chars, neg_first, neg_last, place, lo, hi)
    assert best is not None
    _, neg_first, neg_last, place, lo, hi = best
    window = hay[-neg_first:-neg_last]
    ratio = SequenceMatcher(None, lowered(q_text), lowered(window), autojunk=False).ratio()
    if window != q_text:  # a change of case counts for little, but is not nothing
        ratio = min(ratio, 0.99)
    return ratio, place, lo, hi


def _bounded(hay: str, start: int, end: int) -> bool:
    """True when hay[start:end] neither begins nor ends inside a word or an ellipsis."""
    return not (_joined(hay, start) or _joined(hay, end))


def _joined(hay: str, cut: int) -> bool:
    """True when a match may not begin or end at offset ``cut`` of ``hay``.

    Not inside a word, nor inside an ellipsis (three dots or more); a doubled full stop
    (``warm..``, a slip) may be cut, so ``warm.`` is found in it.
    """
    if cut <= 0 or cut >= len(hay):
        return False
    left, right = hay[cut - 1], hay[cut]
    if left.isalnum() or left == "_":
        return right.isalnum() or right == "_"
    return left == right == "." and "." in (hay[cut - 2 : cut - 1], hay[cut + 1 : cut + 2])


def _slice(original: str, norm: _Normal, spans: list[tuple[int, int]], i: int, j: int) -> str:
    text = unicodedata.normalize("NFC", original)
    return text[norm.origin[spans[i][0]] : norm.origin[spans[j - 1][1] - 1] + 1]


class _Gaps(NamedTuple):
    """Normalised text and its tokens' spans."""

    text: str
    spans: list[tuple[int, int]]

    def spaced(self, k: int) -> bool:
        """True when a space parts token ``k`` from token ``k + 1``."""
        return self.spans[k][1] < self.spans[k + 1][0]


def _unworded(
    quote: _Gaps,
    source: _Gaps,
    quote_text: _Slicer,
    source_text: _Slicer,
    source_chars: _Slicer,
) -> tuple[Difference, ...]:
    """Why a quote with the very words of the passage was not found there.

    Spacing that differs between two words (one line for each), else the ellipsis the
    quote cuts into at its start or end (``source_chars`` cuts the original by
    normalised offsets).
    """
    n = len(quote.spans)
    out = [
        Difference("spacing", quote_text(k, k + 2), source_text(k, k + 2))
        for k in range(n - 1)
        if quote.spaced(k) != source.spaced(k)
    ]
    if out:
        return tuple(out)
    hay, start, end = source.text, source.spans[0][0], source.spans[-1][1]
    if _joined(hay, start):
        first = start
        while first > 0 and hay[first - 1] == ".":
            first -= 1
        tail = source.spans[min(1, n - 1)][1]
        out.append(Difference("cut", quote_text(0, min(2, n)), source_chars(first, tail)))
    if _joined(hay, end):
        last = end
        while last < len(hay) and hay[last] == ".":
            last += 1
        head = source.spans[max(0, n - 2)][0]
        out.append(Difference("cut", quote_text(max(0, n - 2), n), source_chars(head, last)))
    return tuple(out)


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
