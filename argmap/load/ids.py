"""Node ids made from text: short slugs of visible characters, unique and unlike in look."""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterable

from argmap.model.idchars import MAX_MARKS, ignorable, is_clean_id

__all__ = ["LookAlikes", "is_clean_id", "slugify", "unique_id"]


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
    used = 0  # the length of the words so far, joined: past max_length no word is taken
    for ch in unicodedata.normalize("NFC", lowered):
        if len(words) >= max_words or used > max_length or len(word) > max_length:
            break  # the rest cannot change the slug: a long text costs no more than a short
        if ch >= "\xad" and ignorable(ch):  # U+00AD is the first default-ignorable
            continue  # dropped without splitting the word: it was never seen
        category = unicodedata.category(ch)
        if category[0] == "M":
            if word and marks < MAX_MARKS:
                word.append(ch)
                marks += 1
        elif category[0] == "L" or category == "Nd":
            word.append(ch)
            marks = 0
        elif word:
            words.append("".join(word))
            used += len(word) + 1
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
