"""Where a missing quote's words meet in a source: the few places worth a closer look."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

__all__ = ["CANDIDATES", "SLACK", "TOKEN", "Place", "lowered", "places"]

TOKEN: Final = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
"""Words (with inner apostrophes and hyphens) and single punctuation marks."""

CANDIDATES: Final = 8
"""Places refined (with SequenceMatcher, by the caller) for each missing quote."""

_SPOTS: Final = 16
"""Spots where a quote's anchors meet that are scored token by token."""

_WORD_ANCHORS: Final = 6
"""Words of a quote searched for (its longest), each one pass over the source at most."""

_RUN_ANCHORS: Final = 4
"""Runs of three words of a quote searched for, spread along it."""

_BUDGET: Final = 12_000
"""Occurrences looked for in all, shared among a quote's anchors. An anchor found more
often than its share is common and says little about where the passage is: spots are
scored by the rarer anchors alone (by the common ones' first occurrences when every
anchor is common: ties go to the earlier passage). A small source has every anchor's."""

SLACK: Final = 3
"""How many tokens a refined window may grow or shrink at each end."""

_STRETCH: Final = 4
"""Characters a spot's width allows each quote word beyond the quote's own length."""

_PAD: Final = 64
"""Characters of the source taken beyond a place's windows, so its windows may grow."""


@dataclass(frozen=True)
class Place:
    """A stretch of the source's tokens and the window in it sharing most quote words.

    ``spans`` are the tokens' offsets in the normalised source; ``start`` indexes the
    window's first token (its length is the quote's, in tokens).
    """

    score: int
    spans: list[tuple[int, int]]
    lowered: list[str]
    start: int


def lowered(text: str) -> str:
    """``text`` in lower case, offset for offset (a letter lowered to two is kept as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def places(hay: str, low: str, quote: str) -> list[Place]:
    """The best few places in ``hay`` for a window of the (normalised) ``quote``'s tokens.

    A few anchors (some of the quote's runs of three words, then, if those leave it
    open, its longest words) are found by plain string search, as a found quote is, so
    the cost does not grow with the number of windows in the source; the spots where
    most of the rarer anchors meet are scored token by token, counting every quote word
    (ties go to the earlier window).

    Args:
        hay: the normalised source text.
        low: ``hay`` lowered by :func:`lowered`.
        quote: the normalised quote.

    Returns:
        Up to :data:`CANDIDATES` places, best first; empty when no word is shared.
    """
    q_low = lowered(quote)
    spans = [m.span() for m in TOKEN.finditer(q_low)]
    tokens = [q_low[s:e] for s, e in spans]
    want = Counter(tokens)
    width = len(quote) + _STRETCH * len(tokens)
    runs, words = _anchors(q_low, spans)
    share = _BUDGET // max(1, len(runs) + len(words))
    hits = {anchor: _occurrences(low, anchor, share) for anchor in runs}
    found = _scored(hay, low, hits, want, len(tokens), width, share)
    if not found or 2 * found[0].score < len(tokens):  # the runs alone do not settle it
        hits.update((anchor, _occurrences(low, anchor, share)) for anchor in words)
        found = _scored(hay, low, hits, want, len(tokens), width, share)
    # A window grown by SLACK tokens at each end matches at most 2 * SLACK words more:
    # a place that far behind the best cannot win.
    return [p for p in found[:CANDIDATES] if p.score + 2 * SLACK >= found[0].score]


def _scored(
    hay: str,
    low: str,
    hits: dict[str, list[int]],
    want: Counter[str],
    size: int,
    width: int,
    share: int,
) -> list[Place]:
    """The places around the spots where most anchors meet, best first.

    Spots are scored by the rarer anchors (by the common ones' first occurrences when
    every anchor is common); each place's windows of ``size`` tokens by every quote word.
    """
    rare = {anchor: found for anchor, found in hits.items() if len(found) < share}
    found: list[Place] = []
    seen: set[int] = set()
    for spot in _dense_spots(rare if any(rare.values()) else hits, width):
        lo = hay.rfind(" ", 0, max(0, spot - width - _PAD)) + 1
        hi = hay.find(" ", min(len(hay), spot + 2 * width + _PAD))
        stretch = [m.span() for m in TOKEN.finditer(hay, lo, len(hay) if hi < 0 else hi)]
        words = [low[s:e] for s, e in stretch]
        score, start = _best_window(words, want, size)
        if score > 0 and stretch[start][0] not in seen:
            seen.add(stretch[start][0])
            found.append(Place(score, stretch, words, start))
    found.sort(key=lambda p: (-p.score, p.spans[p.start][0]))
    return found


def _anchors(q_low: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """The strings searched for: runs spread along the quote, and its longest words.

    A run is the quote's text from one word to the second word after it (with the
    punctuation between them); runs are searched first, words only when the runs'
    places hold less than half the quote.
    """
    words = [(s, e) for s, e in spans if _is_word(q_low[s])]
    longest = sorted({q_low[s:e] for s, e in words}, key=lambda w: -len(w))
    runs = [q_low[words[i][0] : words[i + 2][1]] for i in range(len(words) - 2)]
    if len(runs) > _RUN_ANCHORS:
        last = len(runs) - 1
        runs = [runs[k * last // (_RUN_ANCHORS - 1)] for k in range(_RUN_ANCHORS)]
    runs = list(dict.fromkeys(runs))
    return runs, [w for w in longest[:_WORD_ANCHORS] if w not in runs]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _occurrences(low: str, anchor: str, limit: int) -> list[int]:
    """Offsets of ``anchor`` not inside a longer word: the first ``limit`` ones."""
    found: list[int] = []
    tries = 0
    start = low.find(anchor)
    while start != -1 and len(found) < limit and tries < 4 * limit:
        end = start + len(anchor)
        tries += 1
        if (start == 0 or not _is_word(low[start - 1])) and (
            end == len(low) or not _is_word(low[end])
        ):
            found.append(start)
            start = low.find(anchor, end)
        else:
            start = low.find(anchor, start + 1)
    return found


def _dense_spots(hits: dict[str, list[int]], width: int) -> list[int]:
    """Offsets of up to :data:`_SPOTS` spots, ``width`` characters apart, richest in anchors.

    A spot's score is how many distinct anchors occur in the ``width`` characters from
    it; ties go to the earlier spot.
    """
    events = sorted((offset, anchor) for anchor, offsets in hits.items() for offset in offsets)
    have: Counter[str] = Counter()
    left = 0
    scored: list[tuple[int, int]] = []
    for offset, anchor in events:
        have[anchor] += 1
        while offset - events[left][0] >= width:
            have[events[left][1]] -= 1
            if not have[events[left][1]]:
                del have[events[left][1]]
            left += 1
        scored.append((len(have), -events[left][0]))
    chosen: list[int] = []
    for _, neg in heapq.nlargest(_SPOTS * 8, scored):
        if all(abs(-neg - other) >= width for other in chosen):
            chosen.append(-neg)
            if len(chosen) == _SPOTS:
                break
    return chosen


def _best_window(tokens: list[str], want: Counter[str], size: int) -> tuple[int, int]:
    """The ``(score, start)`` of the window of ``size`` tokens sharing most quote words.

    One pass with a sliding window keeps a running count of shared words (as
    multisets); ties go to the earlier window.
    """
    size = min(size, len(tokens))
    have: Counter[str] = Counter()
    shared = 0
    best = (0, 0)
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
        if i >= size - 1 and shared > best[0]:
            best = (shared, i - size + 1)
    return best
