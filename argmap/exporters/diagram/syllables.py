"""Where a run of Thai, Lao, Khmer or Myanmar, written without spaces, may break between clusters.

No dictionary: a few rules of spelling, which keep a syllable's letters together where
they say so and otherwise leave any boundary between clusters (a letter with its marks):

- a line never starts with a vowel written after its consonant (Thai ะ า ำ ๅ, Lao ະ າ ຳ),
  a repetition or abbreviation mark (ๆ ฯ ໆ ຯ), or a consonant a killer mark silences or
  closes (Thai ์, Lao ໌, Khmer ់ ៍, Myanmar ်): each belongs to the syllable before it;
- a line never ends with a vowel written before its consonant (Thai เ แ โ ใ ไ, Lao
  ເ ແ ໂ ໃ ໄ);
- a syllable surely ends before such a leading vowel, after ะ ำ ๆ ฯ ະ ຳ ໆ ຯ, after a
  cluster holding a killer mark or Myanmar's visarga း, and after the scripts' own
  punctuation (๚ ๛ ។ ៕ ၊ ။): a line breaks at the last of these that keeps half the
  line, else at the last boundary the first two rules allow.

A consonant that ends a syllable without a mark (Thai ก in เด็ก, Khmer រ in ខ្មែរ) is
not told from one that starts the next: such a word may still break before it.
"""

from __future__ import annotations

from typing import Final

__all__ = ["spaceless", "syllable_break"]

_LEADING: Final = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
"""Thai เ แ โ ใ ไ and Lao ເ ແ ໂ ໃ ໄ: written before the consonant they are said after."""
_FOLLOWING: Final = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0e2f\u0eb0\u0eb2\u0eb3\u0ec6\u0eaf")
"""Thai ะ า ำ ๅ ๆ ฯ and Lao ະ າ ຳ ໆ ຯ: vowels and marks written after their syllable's
consonant (the rest are combining marks, in its cluster already)."""
_KILLERS: Final = frozenset("\u0e4c\u0ecc\u17cb\u17cd\u103a")
"""Thai thanthakhat ์, Lao ໌, Khmer bantoc ់ and toandakhiat ៍, Myanmar asat ်: the
consonant carrying one closes the syllable before it, or is silent in it."""
_CLOSING: Final = frozenset("\u0e30\u0e33\u0e46\u0e2f\u0eb0\u0eb3\u0ec6\u0eaf")
"""Thai ะ ำ ๆ ฯ and Lao ະ ຳ ໆ ຯ: nothing of their syllable follows them."""
_ENDS: Final = frozenset("\u0e5a\u0e5b\u17d4\u17d5\u104a\u104b\u1038")
"""Thai ๚ ๛, Khmer ។ ៕, Myanmar ၊ ။ (the scripts' commas and full stops) and Myanmar's
visarga း (a tone that ends its syllable)."""


def spaceless(ch: str) -> bool:
    """Whether ``ch`` is a letter of Thai, Lao, Myanmar or Khmer (written without spaces)."""
    code = ord(ch)
    return 0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x109F or 0x1780 <= code <= 0x17FF


def _allowed(before: str, after: str) -> bool:
    """Whether a line may break between two clusters by the rules above."""
    return before[0] not in _LEADING and after[0] not in _FOLLOWING and _KILLERS.isdisjoint(after)


def _sure(before: str, after: str) -> bool:
    """Whether a syllable surely ends between two clusters (where a break is allowed)."""
    return (
        after[0] in _LEADING
        or before[0] in _CLOSING
        or not _KILLERS.isdisjoint(before)
        or not _ENDS.isdisjoint(before)
    )


def syllable_break(clusters: list[str], columns: list[int]) -> int:
    """Where to break a line of clusters that has no space to break at (an index into it).

    Args:
        clusters: the line's clusters, the last the one that does not fit.
        columns: each cluster's columns.

    Returns:
        The last sure syllable boundary that keeps at least half the line's columns on it,
        else the last boundary allowed; 0 for none, or for a line with no letter of these
        scripts (it is cut before its last cluster, as any other word).
    """
    if not any(spaceless(text[0]) for text in clusters):
        return 0
    total = sum(columns)
    sure = allowed = kept = 0
    for at in range(1, len(clusters)):
        kept += columns[at - 1]
        before, after = clusters[at - 1], clusters[at]
        if not _allowed(before, after):
            continue
        allowed = at
        if 2 * kept >= total and _sure(before, after):
            sure = at
    return sure or allowed
