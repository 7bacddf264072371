"""Node ids made from text: short slugs, and unique ones among the ids a map already has."""

from __future__ import annotations

import unicodedata

__all__ = ["slugify", "unique_id"]


def slugify(text: str, *, max_words: int = 6, max_length: int = 48) -> str:
    """Make a short id from a node's text: its first words, lower-case, joined by dashes.

    >>> slugify("Russia's calculus is driven by anti-Americanism, pure and simple.")
    'russias-calculus-is-driven-by-anti'
    """
    cleaned = "".join(
        ch if _is_word_char(ch) else " "
        for ch in text.replace("'", "").replace("\u2019", "").lower()
    )
    words = cleaned.split()
    slug = ""
    for word in words[:max_words]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug or "node"


def _is_word_char(ch: str) -> bool:
    # Letters, marks and decimal digits: what every regex engine counts as a word
    # character (Python's \w also takes characters such as '¼', which ids refuse).
    category = unicodedata.category(ch)
    return category[0] in "LM" or category == "Nd"


def unique_id(base: str, taken: set[str]) -> str:
    """Return ``base``, or ``base-2``, ``base-3``... the first not in ``taken``; add it there."""
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
