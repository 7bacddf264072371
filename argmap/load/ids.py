"""Node ids made from text: short slugs of visible characters, unique among a map's ids."""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["is_clean_id", "slugify", "unique_id"]

_IGNORABLE: Final = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, (non-)joiners, direction marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical formatting
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)
"""Unicode's default-ignorable code points: no glyph of their own, so never in an id."""


_MAX_MARKS: Final = 4
"""Marks kept on one letter: enough for any script's stacked vowel signs and accents."""


def _ignorable(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _IGNORABLE)


def slugify(text: str, *, max_words: int = 6, max_length: int = 48) -> str:
    r"""Make a short id from a node's text: its first words, lower-case, joined by dashes.

    An id holds only characters one can see: letters, decimal digits and the marks
    (accents, vowel signs) attached to them. Characters with no glyph (variation
    selectors, zero-width joiners, bidi controls, Hangul fillers) are dropped, and so
    is a mark with no letter before it (or beyond the fourth on one letter). Text is
    NFC-normalized first, so ``é`` typed either way gives one id.

    >>> slugify("Russia's calculus is driven by anti-Americanism, pure and simple.")
    'russias-calculus-is-driven-by-anti'
    >>> slugify("Scales \u2696\ufe0f matter")
    'scales-matter'
    """
    lowered = text.replace("'", "").replace("\u2019", "").lower()
    words: list[str] = []
    word: list[str] = []
    marks = 0  # on the last letter: a few are a script's, dozens are "Zalgo" text
    for ch in unicodedata.normalize("NFC", lowered):
        if _ignorable(ch):
            continue  # dropped without splitting the word: it was never seen
        category = unicodedata.category(ch)
        if category[0] == "M":
            if word and marks < _MAX_MARKS:
                word.append(ch)
                marks += 1
        elif category[0] == "L" or category == "Nd":
            word.append(ch)
            marks = 0
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    slug = ""
    for part in words[:max_words]:
        candidate = f"{slug}-{part}" if slug else part
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = _cut(words[0], max_length)
    return slug or "node"


def _cut(word: str, length: int) -> str:
    """The first ``length`` characters of ``word``, never ending between a letter and its mark."""
    cut = word[:length]
    while len(cut) < len(word) and cut and unicodedata.category(word[len(cut)])[0] == "M":
        cut = cut[:-1]
    return cut or word[:length]


def is_clean_id(text: str, *, max_length: int = 200) -> bool:
    r"""Whether ``text`` is a valid node id made only of visible characters.

    Valid as the model's ``ID_PATTERN`` reads ``\w`` (letters, marks, digits and
    connector punctuation, as pydantic's regex engine counts them; Python's ``re``
    leaves marks out): a word character first, then word characters, ``.`` and ``-``.
    Default-ignorable characters (variation selectors, zero-width joiners...) are
    refused, and so is a mark straight after a ``.`` or ``-``.

    >>> is_clean_id("हिन्दी-भाषा"), is_clean_id("scales-\ufe0f-matter")
    (True, False)
    """
    if not text or len(text) > max_length or not _is_base(text[0]):
        return False
    for previous, ch in zip(text, text[1:], strict=False):
        if _ignorable(ch):
            return False
        if unicodedata.category(ch)[0] == "M":
            if previous in ".-":
                return False  # a mark with no letter to sit on
        elif not (_is_base(ch) or ch in ".-"):
            return False
    return True


def _is_base(ch: str) -> bool:
    r"""A letter, digit or connector the model's ``\w`` takes, and that shows."""
    category = unicodedata.category(ch)
    return (category[0] == "L" or category in ("Nd", "Nl", "Pc")) and not _ignorable(ch)


def unique_id(base: str, taken: set[str], counters: dict[str, int] | None = None) -> str:
    """Return ``base``, or ``base-2``, ``base-3``... the first not in ``taken``; add it there.

    ``counters`` (kept by the caller across calls with the same ``taken``) remembers where
    each base's search stopped, so many nodes with one text take linear time, not
    quadratic; ``taken`` only grows, so the answer is the same as a search from ``-2``.
    """
    n = 2 if counters is None else counters.get(base, 2)
    candidate = base if n == 2 else f"{base}-{n}"
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    if counters is not None:
        counters[base] = n
    taken.add(candidate)
    return candidate
