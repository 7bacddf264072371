"""Which characters show: an id holds only those, a text at least one (no zero-width, bidi)."""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = [
    "MAX_MARKS",
    "ID_SCHEMA_PATTERN",
    "SHOWS_PATTERN",
    "ignorable",
    "invisible_in_id",
    "is_clean_id",
    "shows_nothing",
]

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


_CONTROL: Final = r"\x00-\x1f\x7f-\x9f"
_BMP_IGNORABLE: Final = "".join(rf"\u{lo:04x}-\u{hi:04x}" for lo, hi in _IGNORABLE if hi <= 0xFFFF)
SHOWS_PATTERN: Final = rf"(?=[\s\S]*[^\s{_CONTROL}{_BMP_IGNORABLE}])"
"""A look-ahead for JSON Schema patterns: something shows (a character that is not a space,
a control or ignorable). ECMA-262 patterns cannot name the astral ignorables (tag
characters, musical formatting): a text of those alone passes it, and the loader refuses it."""

_ASCII_PUNCTUATION: Final = r"\x21-\x2c\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7e"
"""ASCII punctuation and symbols but ``-``, ``.`` and ``_``, which an id may hold."""
_NOT_IN_ID: Final = rf"\s{_CONTROL}{_ASCII_PUNCTUATION}{_BMP_IGNORABLE}"
ID_SCHEMA_PATTERN: Final = rf"^[^{_NOT_IN_ID}.\x2d\u0300-\u036f][^{_NOT_IN_ID}]*$"
r"""Node ids for JSON Schema: no space, control, ignorable or ASCII punctuation but ``.``,
``-`` and ``_``, and no ``.``, ``-`` or common accent first. A negated class means the same
in ECMAScript (with or without the ``u`` flag, where ``\w`` is ASCII only) and in Python's
``re`` (where ``\w`` leaves marks out), so editors take every id the loader takes: a
little more, as it cannot name letters (a symbol such as ``€`` passes it)."""


MAX_MARKS: Final = 4
"""Marks kept on one letter: enough for any script's stacked vowel signs and accents."""


def ignorable(ch: str) -> bool:
    """Whether ``ch`` is one of Unicode's default-ignorable code points (no glyph)."""
    code = ord(ch)
    return code >= 0xAD and any(low <= code <= high for low, high in _IGNORABLE)


def shows_nothing(text: str) -> bool:
    """Whether ``text`` holds nothing that shows: spaces, controls and ignorables only.

    A statement of zero-width spaces or a lone bidi override is as empty as one of
    spaces. Stops at the first character that shows (usually the first).

    >>> shows_nothing("\u200b\u200d \ufeff"), shows_nothing(" \u200bok")
    (True, False)
    """
    if text and "!" <= text[0] <= "~":  # printable ASCII shows: most texts start so
        return False
    return all(ch.isspace() or unicodedata.category(ch) == "Cc" or ignorable(ch) for ch in text)


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
        if ignorable(ch):
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
    return (category[0] == "L" or category in ("Nd", "Nl", "Pc")) and not ignorable(ch)


def invisible_in_id(text: str) -> str | None:
    """Say what in ``text`` (a valid id by the model's pattern) is not visible, or None.

    >>> invisible_in_id("scales-\ufe0f-matter")
    'U+FE0F (VARIATION SELECTOR-16) at character 8'
    """
    if text.isascii() or is_clean_id(text, max_length=len(text)):
        return None
    for i, ch in enumerate(text):
        after_dash = i > 0 and text[i - 1] in ".-"
        mark = unicodedata.category(ch)[0] == "M"
        if ignorable(ch) or (mark and (i == 0 or after_dash)):
            name = unicodedata.name(ch, "a character with no name")
            return f"U+{ord(ch):04X} ({name}) at character {i + 1}"
    return "a character that does not show"
