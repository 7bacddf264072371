"""Node ids made from text: short slugs of visible characters, unique and unlike in look."""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterable
from typing import Final

from argmap.model.idchars import MAX_MARKS, ignorable, is_clean_id

__all__ = ["LookAlikes", "is_clean_id", "slugify", "unique_id"]


_OPTIONAL_MARKS: Final = (
    (0x0300, 0x036F),  # combining diacritical marks: Zalgo's, and accents NFC leaves apart
    (0x0591, 0x05BD),  # Hebrew cantillation and vowel points
    (0x05BF, 0x05C7),
    (0x0610, 0x061A),  # Arabic honorifics and vowel signs (harakat)
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
    (0x1AB0, 0x1AFF),  # combining diacritical marks extended and supplement
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),  # combining marks for symbols
    (0xFE20, 0xFE2F),  # combining half marks
)
"""Marks a word reads without, which no keyboard types on its own: left out of ids. Other
marks are parts of their letters (Devanagari or Thai vowel signs) and stay."""

_UNSPACED: Final = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK ideographs, extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA000, 0xA4CF),  # Yi
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x3FFFF),  # CJK ideographs, extensions B and on
)
"""Scripts written without spaces between words: an id of them is cut by letters."""

MAX_UNSPACED: Final = 12
"""Letters of an unspaced script an id holds: about as much as six words say."""


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def slugify(text: str, *, max_words: int = 6, max_length: int = 48) -> str:
    r"""Make a short id from a node's text: its first words, lower-case, joined by dashes.

    An id holds only characters one can see and type: letters, decimal digits and the
    marks that are parts of letters (Devanagari or Thai vowel signs). Characters with no
    glyph (variation selectors, zero-width joiners, bidi controls, Hangul fillers) are
    dropped, and so are marks a word reads without (a combining accent NFC leaves apart,
    "Zalgo" marks, Hebrew and Arabic vowel points), a mark with no letter before it, and
    one beyond the fourth on a letter. Text is NFC-normalized first, so ``é`` typed either
    way gives one id. Scripts written without spaces (Chinese, Japanese, Thai...) are cut
    after 12 letters, as a Latin text is after six words.

    >>> slugify("Russia's calculus is driven by anti-Americanism, pure and simple.")
    'russias-calculus-is-driven-by-anti'
    >>> slugify("Scales \u2696\ufe0f matter"), slugify("z\u0337\u0322a\u0334lgo")
    ('scales-matter', 'zalgo')
    >>> slugify("中文论点：学生使用手机会分散注意力")
    '中文论点-学生使用手机会分'
    """
    lowered = text.replace("'", "").replace("\u2019", "").lower()
    words: list[str] = []
    word: list[str] = []
    marks = 0  # on the last letter: a few are a script's, dozens are "Zalgo" text
    used = 0  # the length of the words so far, joined: past max_length no word is taken
    unspaced = 0  # letters of unspaced scripts taken
    normal = unicodedata.normalize("NFC", lowered)
    rest = ""  # the text not read, once the words are enough
    for at, ch in enumerate(normal):
        if len(words) >= max_words or used > max_length or len(word) > max_length:
            rest = normal[at:]
            break  # the rest cannot change the slug: a long text costs no more than a short
        if ch >= "\xad" and ignorable(ch):  # U+00AD is the first default-ignorable
            continue  # dropped without splitting the word: it was never seen
        category = unicodedata.category(ch)
        if category[0] == "M":
            if word and marks < MAX_MARKS and not _within(ord(ch), _OPTIONAL_MARKS):
                word.append(ch)
                marks += 1
        elif category[0] == "L" or category == "Nd":
            if ch >= "\u0e00" and _within(ord(ch), _UNSPACED):
                if unspaced == MAX_UNSPACED:
                    break
                unspaced += 1
            word.append(ch)
            marks = 0
        elif word:
            words.append("".join(word))
            used += len(word) + 1
            word = []
    if word:
        words.append("".join(word))
    slug = _joined(words, rest, max_words, max_length)
    if not slug and words:
        slug = _cut(words[0], max_length)
    return slug or "node"


_SMALL_WORDS: Final = frozenset(
    ("a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for")
    + ("from", "with", "as", "into", "onto", "than", "that", "this", "these", "those", "it")
    + ("its", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do")
    + ("does", "did", "will", "would", "can", "could", "should", "shall", "may", "might")
    + ("must", "not", "no", "so", "if", "then", "who", "whom", "which", "what", "when", "where")
)
"""English words an id cut short does not end on: a slug stops on a word that says something."""


def _joined(words: list[str], rest: str, most: int, length: int) -> str:
    """The first ``most`` words joined by dashes, up to ``length`` characters.

    Cut short (words or ``rest``, the text not read, are left), it does not end on a
    small word: ``most-animals-kept-in-zoos``, not ``...-zoos-are``.
    """
    parts: list[str] = []
    for part in words[:most]:
        if len("-".join([*parts, part])) > length:
            break
        parts.append(part)
    if len(parts) < len(words) or any(ch.isalnum() for ch in rest):
        while len(parts) > 2 and parts[-1] in _SMALL_WORDS:
            parts.pop()
    return "-".join(parts)


def _cut(word: str, length: int) -> str:
    """The first ``length`` characters of ``word``, never ending between a letter and its mark."""
    cut = word[:length]
    while len(cut) < len(word) and cut and unicodedata.category(word[len(cut)])[0] == "M":
        cut = cut[:-1]
    return cut or word[:length]


class LookAlikes:
    """The forms the non-ASCII ids of a set are seen as, to make no id that looks like one.

    A map refuses two ids that differ only in how they are written (``o`` and ``º``, a
    Latin ``c`` and a Cyrillic ``с``: see :func:`~argmap.model.structure.id_shapes`), so
    ids made from texts that read alike must differ where they show: ``o``, ``o-2``.
    """

    def __init__(self, ids: Iterable[str] = ()) -> None:
        """Index the forms of ``ids`` (ASCII ids are their own one form: not kept)."""
        self.forms: dict[str, str] = {}
        for node_id in ids:
            self.add(node_id)

    def add(self, node_id: str) -> None:
        """Index ``node_id``'s forms (the first id seen in a form keeps it)."""
        if not node_id.isascii():
            from argmap.model.structure import id_shapes

            for form in id_shapes(node_id):
                self.forms.setdefault(form, node_id)

    def clash(self, candidate: str, taken: Container[str]) -> bool:
        """Whether ``candidate`` would look the same as an id of ``taken`` (indexed here)."""
        if candidate.isascii():
            return self.forms.get(candidate, candidate) != candidate
        from argmap.model.structure import id_shapes

        for form in id_shapes(candidate):
            if form != candidate and form in taken:
                return True
            if self.forms.get(form, candidate) != candidate:
                return True
        return False


def unique_id(
    base: str,
    taken: set[str],
    counters: dict[str, int] | None = None,
    look_alikes: LookAlikes | None = None,
) -> str:
    """Return ``base``, or ``base-2``, ``base-3``... the first not in ``taken``; add it there.

    ``counters`` (kept by the caller across calls with the same ``taken``) remembers where
    each base's search stopped, so many nodes with one text take linear time, not
    quadratic; ``taken`` only grows, so the answer is the same as a search from ``-2``.
    ``look_alikes`` (the forms of ``taken``'s ids, kept by the caller too): also pass
    over an id that would look the same as a taken one.
    """
    n = 2 if counters is None else counters.get(base, 2)
    candidate = base if n == 2 else f"{base}-{n}"
    while candidate in taken or (look_alikes is not None and look_alikes.clash(candidate, taken)):
        candidate = f"{base}-{n}"
        n += 1
    if counters is not None:
        counters[base] = n
    taken.add(candidate)
    if look_alikes is not None:
        look_alikes.add(candidate)
    return candidate
