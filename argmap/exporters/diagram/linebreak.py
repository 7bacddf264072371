"""Lines of any script wrapped or cut short by columns: never in a cluster, between CJK letters."""

from __future__ import annotations

import functools
import math
import re
import textwrap
import unicodedata
from typing import Final, NamedTuple

from argmap.exporters.diagram.syllables import syllable_break
from argmap.exporters.diagram.wordcuts import forced_cut

__all__ = [
    "cluster_cut",
    "one_spaced",
    "shorten",
    "text_columns",
    "wrap_columns",
    "wrap_text",
    "wrap_words",
]

_INVISIBLE_BREAKS: Final = frozenset("\u200b\u00ad")
"""A zero-width space and a soft hyphen: places to break, drawn as nothing."""
_INVISIBLE: Final = frozenset("\u200b\u00ad\u2060\ufeff")
"""Characters left out of drawn lines (the word joiner and BOM only forbid a break)."""
_NO_BREAK_SPACES: Final = frozenset("\u00a0\u2007\u202f")
"""The no-break, figure and narrow no-break spaces: drawn as spaces, never broken at
(``130\u00a0km/h``, ``10\u202f%``)."""
_SPACE_RUN: Final = re.compile(f"[^\\S{''.join(sorted(_NO_BREAK_SPACES))}]+")
"""A run of whitespace but the no-break spaces."""
_NOT_SPACES: Final = _INVISIBLE_BREAKS | _NO_BREAK_SPACES
"""Whitespace to Python that a line neither breaks at nor drops there."""
_NO_LINE_START: Final = frozenset(
    "、。，．,.:;!?)]}」』）】〕〉》！？ーゝゞ々ぁぃぅぇぉっゃゅょァィゥェォッャュョ"
)
"""What a CJK line never starts with (closing marks, small kana: the usual kinsoku rule)."""


_VISIBLE_KILLERS: Final = frozenset("\u103a\u0e3a\u0eba")
"""Myanmar asat, Thai phinthu and Lao's Pali virama: viramas drawn as a mark that ends the
syllable; the letter after one starts another cluster (Myanmar stacks with U+1039)."""


class _Cluster(NamedTuple):
    text: str
    columns: int
    space: bool
    """A space: a line may break after it, and drops it there."""
    ideograph: bool
    """A CJK letter: a line may break before or after it."""


WRAPS_KEPT: Final = 32_768
"""Wrapped texts remembered at most (a few hundred bytes each); past that, memory starts
afresh. A paged diagram wraps each text when it measures the node and again when it
writes the node's label: a map of 10,000 nodes has about 16,000 texts to wrap."""

_WRAPPED: dict[tuple[str, int], tuple[str, ...]] = {}


def wrap_text(text: str, width: int) -> list[str]:
    """Wrap each paragraph of ``text`` to ``width`` columns; an empty one stays a line.

    ASCII paragraphs as :func:`textwrap.wrap` does (not at hyphens), others by
    :func:`wrap_columns`. Remembered: the same text is asked for again.
    """
    key = (text, width)
    lines = _WRAPPED.get(key)
    if lines is None:
        if len(_WRAPPED) >= WRAPS_KEPT:
            _WRAPPED.clear()
        lines = _WRAPPED[key] = tuple(_wrap(text, width))
    return list(lines)


def text_columns(text: str) -> int:
    """How many columns ``text`` takes on one line, as the wrap counts them (CJK: two a letter)."""
    return len(text) if text.isascii() else sum(map(_columns, text))


def wrap_words(text: str, width: int) -> list[str]:
    """Wrap one paragraph as :func:`textwrap.wrap` does (not at hyphens), sooner when simple.

    Text of words no longer than a line, with single spaces between them and none at
    either end, is wrapped here: each line takes words while they fit. What
    :func:`textwrap.wrap` makes of other text (tabs, runs of spaces, long words) is
    left to it.
    """
    words = text.split(" ")
    # Other whitespace than single spaces between words: some of it textwrap drops.
    if width < 1 or not text or text.split() != words or max(map(len, words)) > width:
        return textwrap.wrap(text, width, break_on_hyphens=False)
    lines: list[str] = []
    line = words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        if paragraph.isascii() and not _cut_inside(paragraph, width):
            lines.extend(wrap_words(paragraph, width) or [""])
        else:
            lines.extend(_directed(paragraph, wrap_columns(paragraph, width)) or [""])
    if not any(lines):  # only characters drawn as nothing (a soft hyphen): one blank line
        return ["\u00a0"]
    return lines


def _directed(paragraph: str, lines: list[str]) -> list[str]:
    """A paragraph's lines, each set in the paragraph's direction, not its own first letter's.

    Each line is drawn in the direction of its first letter that has one (see
    :func:`~.bidi.visual_order`): a line of an English sentence that wraps to start at a
    Hebrew or Arabic word would read from the right, its words out of the sentence's
    order. Such a line starts with a mark of the paragraph's direction (U+200E left to
    right, U+200F right to left; drawn as nothing, no width), as the Unicode rules
    take a paragraph's direction from its first strong letter (UAX #9 P2-P3), not each line's.
    """
    from argmap.exporters.diagram.bidi import RIGHT_TO_LEFT_BLOCKS, reads_right_to_left

    if RIGHT_TO_LEFT_BLOCKS.search(paragraph) is None:
        return lines
    rtl = reads_right_to_left(paragraph)
    mark = "\u200f" if rtl else "\u200e"
    return [mark + line if reads_right_to_left(line) != rtl else line for line in lines]


def wrap_columns(paragraph: str, width: int) -> list[str]:
    """Wrap one paragraph to ``width`` columns (a CJK letter takes two, a mark none).

    A line breaks after a space or a zero-width space (not a no-break space), before or
    after a CJK letter, or at a soft hyphen (drawn as ``-`` there). A word longer than a
    line breaks after a hyphen, slash or dash in it where that keeps half the line; else
    it is cut between two clusters (:func:`~.wordcuts.forced_cut`), with a hyphen where its script
    takes one, never between a letter and its marks, a virama and the next consonant, the
    halves of a flag or the parts of an emoji sequence, and in Thai, Lao, Khmer or
    Myanmar between syllables where their spelling shows one
    (:func:`~.syllables.syllable_break`). Zero-width spaces, soft hyphens,
    word joiners and byte-order marks are left out of the lines.
    """
    lines: list[str] = []
    line: list[_Cluster] = []
    used = 0
    clusters = _clusters(paragraph)
    for at, cluster in enumerate(clusters):
        if line and not cluster.space and used + cluster.columns > width:
            cut = _last_break([*line, cluster])
            hyphen = bool(cut) and line[cut - 1].text == "\u00ad"
            if not cut:
                cut, hyphen = forced_cut(line, clusters, at, width)
            kept, line = line[:cut], line[cut:]
            lines.append(_text(kept, hyphen=hyphen))
            while line and line[0].space:
                line.pop(0)
            used = sum(c.columns for c in line)
        if cluster.space and not line:
            continue
        line.append(cluster)
        used += cluster.columns
    if line:
        lines.append(_text(line, hyphen=False))
    return [text for text in lines if text]


def _cut_inside(paragraph: str, width: int) -> bool:
    """Whether an ASCII paragraph of single spaces has a word longer than a line.

    Such a paragraph is wrapped by :func:`wrap_columns`, its long word cut with a hyphen,
    not where :func:`textwrap.wrap` would cut it.
    """
    words = paragraph.split(" ")
    return width > 0 and paragraph.split() == words and max(map(len, words)) > width


def cluster_cut(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters without splitting a cluster.

    A letter keeps its marks, a virama the consonant after it (an Indic conjunct), an
    emoji its skin tone and the parts it is joined to, a flag its two letters: the cut
    falls before the cluster that ``limit`` would split.
    """
    if limit >= len(text) or limit <= 0:
        return max(0, min(limit, len(text)))
    if text.isascii():
        return limit
    at = 0
    for cluster in _clusters(text[: limit + 1]):
        if at + len(cluster.text) > limit:
            break
        at += len(cluster.text)
    return at


def one_spaced(text: str) -> str:
    """``text`` with each run of whitespace one space, none at either end.

    A no-break space (:data:`_NO_BREAK_SPACES`) is kept as it is, so a line never breaks
    there.
    """
    if _NO_BREAK_SPACES.isdisjoint(text):
        return " ".join(text.split())
    return _SPACE_RUN.sub(" ", text).strip(" ")


def shorten(text: str, limit: int) -> str:
    """Collapse whitespace, then cut to ``limit`` characters with an ellipsis.

    The cut falls after the last whole word that fits ("the generated…", not "the
    gener…"; a comma or colon before the ellipsis dropped), unless that would drop more
    than a third of what fits (a long word, or a script written without spaces); then
    between clusters (:func:`cluster_cut`): never inside a conjunct, between a
    letter and its marks, or inside an emoji sequence or a flag.
    """
    text = one_spaced(text)
    if len(text) <= limit:
        return text
    kept = text[: cluster_cut(text, limit - 1)]
    if text[len(kept)] != " ":  # the cut falls inside a word
        space = kept.rfind(" ")
        if space >= len(kept) * 2 / 3:
            kept = kept[:space]
    return kept.rstrip(" ,;:") + "…"


def _text(line: list[_Cluster], *, hyphen: bool) -> str:
    text = "".join(c.text for c in line).rstrip(" ")
    text = "".join(ch for ch in text if ch not in _INVISIBLE)
    return text + "-" if hyphen else text


def _last_break(line: list[_Cluster]) -> int:
    """The last place in the line to break at (an index into it), or 0 for none."""
    for i in range(len(line) - 1, 0, -1):
        before, after = line[i - 1], line[i]
        if after.space:
            continue
        if before.space or before.text in _INVISIBLE_BREAKS:
            return i
        cjk = before.ideograph or after.ideograph
        joined = "\u2060" in (before.text[-1], after.text[0])  # a word joiner
        if cjk and not joined and after.text[0] not in _NO_LINE_START:
            return i
    return syllable_break([c.text for c in line], [c.columns for c in line])


class _Lone(dict[str, "_Cluster | None"]):
    """Character -> its cluster, if it is one alone wherever it stands (else None), as met.

    Such a character neither clings to the one before it nor lets the next cling to it:
    no mark, joiner, virama, selector, skin tone, tag letter or regional indicator.
    """

    def __missing__(self, ch: str) -> _Cluster | None:
        code = ord(ch)
        lone = not (
            unicodedata.category(ch) in ("Mn", "Mc", "Me")
            or code == 0x200D
            or unicodedata.combining(ch) == 9
            or 0xFE00 <= code <= 0xFE0F
            or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F
            or 0x1F1E6 <= code <= 0x1F1FF
        )
        cluster = _cluster(ch) if lone else None
        self[ch] = cluster
        return cluster


_LONE: Final = _Lone()


def _cluster(text: str) -> _Cluster:
    return _Cluster(
        text,
        sum(_columns(ch) for ch in text),
        text == " " or (text.isspace() and text not in _NOT_SPACES),
        _ideograph(text[0]),
    )


def _clusters(paragraph: str) -> list[_Cluster]:
    """The paragraph as clusters: letters with their marks, joiners and what they join."""
    lone = [_LONE[ch] for ch in paragraph]  # most text: a cluster a character
    if None not in lone:
        return lone  # type: ignore[return-value]
    texts: list[str] = []
    for ch in paragraph:
        if texts and _clings(texts[-1], ch):
            texts[-1] += ch
        else:
            texts.append(ch)
    return [_cluster(text) for text in texts]


def _clings(before: str, ch: str) -> bool:
    """Whether ``ch`` belongs to the cluster ``before`` ends."""
    code, last = ord(ch), before[-1]
    if unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return True
    if code == 0x200D or last == "\u200d":
        return True  # a zero-width joiner
    if unicodedata.combining(last) == 9 and last not in _VISIBLE_KILLERS:
        return True  # the consonant after a virama, which stacks or joins it
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return True  # variation selectors, skin tones, tag letters
    regional = 0x1F1E6 <= code <= 0x1F1FF
    return regional and len(before) == 1 and 0x1F1E6 <= ord(last) <= 0x1F1FF


_COLUMN_EMS: Final = 0.55
"""About how wide a column of a wrapped line is drawn, in ems (34 columns of Latin)."""
_WIDE_EMS: Final = 1.2
"""A character drawn wider than this counts its width in columns (a regional indicator, a
wide symbol or ligature): else one such character a column makes a box wider than a page."""


@functools.cache
def _columns(ch: str) -> int:
    if ch in _INVISIBLE or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    if ord(ch) < 0x80:
        return 1
    from argmap.exporters.diagram.textwidth import text_points

    ems = text_points(ch, 1.0)
    return math.ceil(ems / _COLUMN_EMS) if ems > _WIDE_EMS else 1


def _ideograph(ch: str) -> bool:
    """A letter of Chinese or Japanese, which breaks anywhere (not Hangul: Korean has spaces)."""
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
    )
