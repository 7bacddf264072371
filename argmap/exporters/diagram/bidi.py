"""A line of mixed-direction text in the order it is drawn (the Unicode bidi rules, one line)."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "ARABIC_FACE",
    "RIGHT_TO_LEFT_BLOCKS",
    "drawing_order",
    "drawn_runs",
    "reads_right_to_left",
    "right_to_left_drawn",
    "visual_clusters",
    "visual_order",
]

ARABIC_FACE: Final = "NotoSansArabic[wght].ttf"
"""The face that draws Arabic, and so its joined forms."""
RIGHT_TO_LEFT_BLOCKS: Final = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""The blocks that hold every right-to-left letter (Hebrew, Arabic, Syriac...): a quick test."""


def drawing_order(line: str) -> str:
    """A line as drawn glyph after glyph from the left, whatever draws it.

    Arabic letters take their joined forms (:func:`~.arabicforms.join_arabic`), then the
    right-to-left runs are reversed (:func:`visual_order`). The PDF draws this as it is;
    resvg is given it inside a left-to-right override, so that it neither reorders nor
    reshapes it (its own ordering garbles a line with two right-to-left runs in two
    faces, and stops on some clusters after a right-to-left run).
    """
    if RIGHT_TO_LEFT_BLOCKS.search(line) is None:
        return line
    from argmap.exporters.diagram.arabicforms import join_arabic
    from argmap.exporters.diagram.fonts import coverage, noto_folder

    return visual_order(join_arabic(line, coverage(noto_folder() / ARABIC_FACE)))


def right_to_left_drawn(run: str) -> str:
    """A run that lies wholly at a right-to-left level, in logical order, as drawn.

    Its Arabic letters take their joined forms, then its clusters are reversed and its
    brackets mirrored, whatever the letters are: a space at either end stays with the run,
    on the side the line's own order put it (rules applied to the run alone would move a
    space that opens it to its left).
    """
    from argmap.exporters.diagram.arabicforms import join_arabic
    from argmap.exporters.diagram.fonts import coverage, noto_folder

    joined = join_arabic(run, coverage(noto_folder() / ARABIC_FACE))
    return "".join(_MIRRORED.get(c, c) for c in reversed(_clusters(joined)))


def drawn_runs(line: str, fallbacks: list[Path]) -> list[tuple[int, str, bool]]:
    """A line's runs of one face each, in drawing order: ``(face, text, right to left)``.

    The face is -1 for Noto Sans, else an index into ``fallbacks``
    (:func:`~.fonts.font_runs`). A run in a face that HarfBuzz shapes right to left
    (:func:`~argmap.shaping.shapes_right_to_left`: Arabic, where ``uharfbuzz`` is
    installed) is cut where its embedding level changes, and each part comes in logical
    order, flagged right to left if its level is odd: the shaper joins its letters and
    sets it from the right (numbers in it keep their order, at an even level). Every
    other run comes as drawn (:func:`drawing_order`), flagged False.

    Args:
        line: one line, in logical order.
        fallbacks: the fallback faces, as :func:`~.fonts.font_runs` takes them.
    """
    from argmap.shaping import available

    return list(_drawn_runs(line, tuple(fallbacks), available()))


@functools.lru_cache(maxsize=4096)
def _drawn_runs(
    line: str, fallbacks: tuple[Path, ...], shaper: bool
) -> tuple[tuple[int, str, bool], ...]:
    """:func:`drawn_runs`, remembered: a line is measured, then drawn (``shaper``: installed)."""
    from argmap.exporters.diagram.fonts import font_runs

    if RIGHT_TO_LEFT_BLOCKS.search(line) is None:
        return tuple((index, run, False) for index, run in font_runs(line, list(fallbacks)))
    shaped = _right_to_left_faces(fallbacks, shaper)
    if not shaped:
        runs = font_runs(drawing_order(line), list(fallbacks))
        return tuple((index, run, False) for index, run in runs)
    clusters = visual_clusters(line)
    drawn = "".join(_MIRRORED.get(c, c) if level % 2 else c for c, level in clusters)
    owner = [at for at, (cluster, _) in enumerate(clusters) for _ in cluster]
    out: list[tuple[int, str, bool]] = []
    start = 0
    for index, run in font_runs(drawn, list(fallbacks)):
        end = start + len(run)
        if index in shaped:
            parts = _logical(clusters[owner[start] : owner[end - 1] + 1])
            out.extend((index, text, rtl) for text, rtl in parts)
        else:
            out.append((index, run, False))
        start = end
    return tuple(out)


@functools.lru_cache(maxsize=4)
def _right_to_left_faces(fallbacks: tuple[Path, ...], shaper: bool) -> frozenset[int]:
    """The fallbacks (indexes) whose runs are shaped right to left (``shaper``: installed)."""
    from argmap.shaping import shapes_right_to_left

    return frozenset(at for at, path in enumerate(fallbacks) if shapes_right_to_left(path))


def _logical(clusters: list[tuple[str, int]]) -> list[tuple[str, bool]]:
    """Clusters in drawing order as runs of one level each, in logical order, odd ones flagged."""
    runs: list[tuple[list[str], int]] = []
    for cluster, level in clusters:
        if runs and runs[-1][1] == level:
            runs[-1][0].append(cluster)
        else:
            runs.append(([cluster], level))
    return [
        ("".join(reversed(parts)), True) if level % 2 else ("".join(parts), False)
        for parts, level in runs
    ]


_MIRRORED: Final = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
"""Brackets drawn in a right-to-left run face the other way."""
_MARKS: Final = frozenset("\u200e\u200f\u061c")
"""The marks of a direction (left to right, right to left, Arabic letter): they set the
order and are drawn as nothing, so they are left out of a line as drawn (a face that has a
glyph for one drew it, as a small arrow in the PDF)."""
_NEUTRAL: Final = frozenset(("B", "S", "WS", "ON", "BN", "ES", "ET", "CS"))


def reads_right_to_left(text: str) -> bool:
    """Whether text reads right to left: its first strong letter does (UAX #9 P2-P3).

    As a browser takes a paragraph with ``dir="auto"``; a left-to-right mark (U+200E)
    before the letters sets the text left to right.
    """
    for ch in text:
        kind = unicodedata.bidirectional(ch) or "L"  # unassigned: as the rules take it
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def visual_order(line: str) -> str:
    """Return a line in drawing order (UAX #9, one line, its direction its own).

    The line runs right to left when its first strong letter does (rules P2, P3: a
    Hebrew or Arabic statement's full stop or question mark then sits at its left end,
    where the sentence ends), else left to right. Right-to-left runs (Hebrew, Arabic)
    are reversed as whole clusters, so combining marks stay after the letter they sit
    on; numbers inside them keep their digits' order; brackets inside them are
    mirrored. Explicit embeddings and isolates are treated as neutrals. A line with no
    right-to-left letter comes back as it is.
    """
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in line):
        return line
    return "".join(
        _MIRRORED.get(cluster, cluster) if level % 2 else cluster
        for cluster, level in visual_clusters(line)
    )


def visual_clusters(line: str) -> list[tuple[str, int]]:
    """A line's clusters in drawing order, each with its embedding level (odd: right to left).

    The clusters are as written (brackets not mirrored); see :func:`visual_order`. Marks of
    a direction set the order but are not drawn: they are left out.
    """
    clusters = _clusters(line)
    types = [unicodedata.bidirectional(c[0]) or "L" for c in clusters]
    base = 1 if reads_right_to_left(line) else 0
    levels = _levels(types, clusters, base)
    # L1: whitespace at the line's end sits at the paragraph's level.
    end = len(clusters)
    while end and clusters[end - 1].isspace():
        end -= 1
        levels[end] = base
    order = list(range(len(clusters)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [(clusters[index], levels[index]) for index in order if clusters[index] not in _MARKS]


def _clusters(line: str) -> list[str]:
    """The line cut into letters with their combining marks and joiners.

    An emoji sequence is one cluster too: a skin tone or a tag character stays after the
    emoji it modifies, so that a right-to-left run reversed around it draws it as written.
    """
    out: list[str] = []
    for ch in line:
        mark = unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me")
        if out and (mark or _extends(out[-1], ch)):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _extends(cluster: str, ch: str) -> bool:
    """Whether ``ch`` belongs to the cluster before it: a joiner, a skin tone, a tag."""
    code = ord(ch)
    return (
        ch == "\u200d"
        or cluster.endswith("\u200d")
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _levels(types: list[str], clusters: list[str], base: int = 0) -> list[int]:
    """Each cluster's embedding level (rules W1-W7, N0-N2, I1-I2).

    ``base``: the paragraph's level, 0 left to right, 1 right to left.
    """
    kinds = [
        "ON" if t in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI") else t
        for t in types
    ]
    edge = "R" if base else "L"  # sos and eos: the paragraph's own direction
    strong = edge
    for i, kind in enumerate(kinds):
        if kind == "NSM":  # W1
            kinds[i] = kind = kinds[i - 1] if i else edge
        if kind == "EN" and strong == "AL":  # W2
            kinds[i] = "AN"
        if kind in ("L", "R", "AL"):
            strong = kind
    kinds = ["R" if k == "AL" else k for k in kinds]  # W3
    for i in range(1, len(kinds) - 1):  # W4
        before, after = kinds[i - 1], kinds[i + 1]
        if kinds[i] == "ES" and before == after == "EN":
            kinds[i] = "EN"
        elif kinds[i] == "CS" and before == after and before in ("EN", "AN"):
            kinds[i] = before
    for i, kind in enumerate(kinds):  # W5
        if kind == "EN":
            j = i - 1
            while j >= 0 and kinds[j] == "ET":
                kinds[j] = "EN"
                j -= 1
            j = i + 1
            while j < len(kinds) and kinds[j] == "ET":
                kinds[j] = "EN"
                j += 1
    kinds = ["ON" if k in ("ES", "ET", "CS") else k for k in kinds]  # W6
    strong = edge
    for i, kind in enumerate(kinds):  # W7
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            kinds[i] = "L"
    _brackets(kinds, clusters, edge)
    i = 0
    while i < len(kinds):  # N1, N2
        if kinds[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] in _NEUTRAL:
            j += 1
        before = _direction(kinds[i - 1]) if i else edge
        after = _direction(kinds[j]) if j < len(kinds) else edge
        fill = before if before == after else edge
        kinds[i:j] = [fill] * (j - i)
        i = j
    if base:  # I2
        return [1 if k == "R" else 2 for k in kinds]
    return [0 if k == "L" else 1 if k == "R" else 2 for k in kinds]  # I1


_OPENING: Final = {"(": ")", "[": "]", "{": "}", "«": "»", "‹": "›"}


def _brackets(kinds: list[str], clusters: list[str], edge: str = "L") -> None:
    """Rule N0: a pair of brackets takes the direction of the strong text inside it.

    The paragraph's own direction (``edge``) where that is inside; the other where only
    that is inside and the text before the pair runs that way too; else the paragraph's.
    """
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, cluster in enumerate(clusters):
        if kinds[i] != "ON":
            continue
        if cluster in _OPENING:
            stack.append(i)
        elif stack and _OPENING.get(clusters[stack[-1]]) == cluster:
            pairs.append((stack.pop(), i))
    for start, end in sorted(pairs):
        inside = {_direction(k) for k in kinds[start + 1 : end] if k not in _NEUTRAL}
        other = "R" if edge == "L" else "L"
        if edge in inside or other not in inside:
            if edge in inside:
                kinds[start] = kinds[end] = edge
            continue
        before = next((_direction(k) for k in reversed(kinds[:start]) if k not in _NEUTRAL), edge)
        kinds[start] = kinds[end] = other if before == other else edge


def _direction(kind: str) -> str:
    return "R" if kind in ("R", "EN", "AN") else "L"
