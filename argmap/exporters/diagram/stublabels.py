"""Stubs' words: a branch's first statement shortened, told apart, and where the branch goes on."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.labels import NARROW_WRAPS, STUB_WRAP, WRAPS
from argmap.exporters.diagram.linebreak import one_spaced, text_columns, wrap_text, wrap_words
from argmap.exporters.diagram.textwidth import text_points

if TYPE_CHECKING:
    from argmap.exporters.diagram.styles import NodeStyle
    from argmap.model import ArgumentMap, NodeKind

__all__ = [
    "LASTS_FROM",
    "LEAF_WHERE",
    "LINKED_MORE",
    "STUB_POINTS",
    "Counted",
    "Lasts",
    "branch_counts",
    "branch_kinds",
    "counted_once",
    "grouped_stub_lines",
    "pages_said",
    "stub_box",
    "stub_label_lines",
    "stub_lines",
    "stub_wrap",
    "told_apart",
    "told_apart_stubs",
]

STUB_POINTS: Final = 11.0
"""A stub's text size."""

LEAF_WHERE: Final = "drawn in full, p. "
"""Where a stub of a statement with nothing under it (a leaf) says it is drawn: the whole
statement is there, and nothing below it ("continues on p. N" read as if more were)."""
LINKED_MORE: Final = " more (linked), "
"""How a linked group's stub says where its other premises go on (see :func:`stub_label_lines`)."""


def pages_said(page: str) -> str:
    """Where a stub's branch goes on: ``p. 4``, or a linked group's parts' ``pp. 2–4``."""
    return f"pp. {page}" if "–" in page else f"p. {page}"


def stub_wrap(narrow: bool) -> int:
    """Characters per line of a stub's statement, on a narrow page or not."""
    return (NARROW_WRAPS if narrow else WRAPS).stub


def stub_lines(text: str, width: int = STUB_WRAP, most: int = 2) -> list[str]:
    """A statement shortened for a stub: at most ``most`` lines of whole words.

    A statement that does not fit ends with an ellipsis after its last whole word. A word
    longer than a line is cut between clusters, as ``wrap_columns`` cuts it.
    """
    return list(_stub_lines(text, width, most))


@functools.lru_cache(maxsize=4096)
def _stub_lines(text: str, width: int, most: int) -> tuple[str, ...]:
    """:func:`stub_lines`, made once a statement, width and count of lines.

    A page's stubs are told apart each against all (see :func:`told_apart_stubs`), and a
    stub the planner sized is drawn again on its page: 10,000 nodes on A4 asked about
    30,000 times for 10,000 statements.
    """
    lines = _wrapped(one_spaced(text), width)
    if len(lines) <= most:
        return tuple(lines)
    kept = lines[:most]
    last = kept[-1]
    while text_columns(last) + 1 > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = last.rstrip(" ,;:.") + "…"
    return tuple(kept)


def _wrapped(text: str, width: int) -> list[str]:
    """A stub's statement (its spaces single) in lines of ``width`` columns.

    A word longer than a line (cut with a hyphen), or letters two columns wide (CJK,
    emoji) or none: wrapped by columns (by letters, a line of Chinese was twice a stub's
    width).
    """
    wide = max(map(len, text.split(" "))) > width or (
        not text.isascii() and text_columns(text) != len(text)
    )
    return (wrap_text(text, width) if wide else wrap_words(text, width)) or [""]


def stub_label_lines(
    text: str,
    more: int,
    page: str,
    *,
    narrow: bool = False,
    others: Sequence[str] = (),
    linked: bool = False,
) -> list[str]:
    """A stub's lines: its branch's first statement shortened, then where the branch goes on.

    Args:
        text: the statement of the branch's first node.
        more: how many nodes the branch holds besides that one.
        page: the page it continues on, as drawn (``2–4``: a linked group's parts' pages).
        narrow: the page is narrow (see :data:`NARROW_WRAPS`): shorter lines.
        others: the statements of the other stubs drawn on the same page. Where one of
            them would be shortened to the same words, the second line shows, after an
            ellipsis, the words where this statement differs (see :func:`told_apart`).
        linked: the branch is a linked group (``text`` is its first co-premise's): its
            count says so, ``+N more (linked), p. K``, where that is no wider than the
            statement's lines (a stub of a short statement, a worksheet's ``1.2``, keeps
            the size planned for it without the word).
    """
    leaf = LEAF_WHERE.removesuffix("p. ") + pages_said(page)  # (drawn over several: pp.)
    where = f"+{more} more, {pages_said(page)}" if more else leaf
    width = stub_wrap(narrow)
    lines = stub_lines(text, width)
    if linked and more:
        said = f"+{more}{LINKED_MORE}{pages_said(page)}"
        if text_points(said, STUB_POINTS) <= max(text_points(line, STUB_POINTS) for line in lines):
            where = said
    alike = [other for other in others if other != text and stub_lines(other, width) == lines]
    if alike and len(lines) == 2:  # the same size as planned
        lines = told_apart(text, alike, width, [*lines, where])
    return [*lines, where]


@functools.lru_cache(maxsize=16)
def told_apart_stubs(
    stubs: tuple[tuple[str, int, str, bool], ...], narrow: bool
) -> tuple[tuple[str, ...], ...]:
    """The lines of a page's single stubs, each told apart from the others where it can be.

    Args:
        stubs: each stub's statement, how many more nodes its branch holds, its page, and
            whether it is a linked group.
        narrow: the page is narrow (see :func:`stub_label_lines`).

    A stub told apart from the others (see :func:`stub_label_lines`) whose words came out
    the same as an earlier stub's as drawn (windows of repeated words) keeps its usual
    lines, unless another stub drew those: then its told-apart ones.
    """
    texts = [text for text, _, _, _ in stubs]
    plain = [
        stub_label_lines(text, more, page, narrow=narrow, linked=linked)
        for text, more, page, linked in stubs
    ]
    told = [
        stub_label_lines(text, more, page, narrow=narrow, others=texts, linked=linked)
        for text, more, page, linked in stubs
    ]
    said: set[tuple[str, ...]] = set()
    drawn = []
    for lines, usual in zip(told, plain, strict=True):
        if tuple(lines[:-1]) in said and tuple(usual[:-1]) not in said:
            lines = usual
        said.add(tuple(lines[:-1]))
        drawn.append(tuple(lines))
    return tuple(drawn)


def told_apart(text: str, alike: Sequence[str], width: int, shown: list[str]) -> list[str]:
    """A statement's stub lines that tell it from others shortened to the same words.

    The first line as shortened; the second, after an ellipsis, the words from where the
    statement first differs from all of ``alike`` (with the words before them that fit
    ``width`` characters), itself shortened if need be. Kept within the width in points
    of the lines ``shown`` otherwise (the planner measured the stub by those), else those
    lines are given back as they are.
    """
    words = " ".join(text.split()).split(" ")
    common = 0
    for other in alike:
        theirs = " ".join(other.split()).split(" ")
        same = 0
        while same < min(len(words), len(theirs)) and words[same] == theirs[same]:
            same += 1
        common = max(common, same)
    head = _wrapped(" ".join(words), width)[0]
    limit = max(text_points(kept, STUB_POINTS) for kept in shown)

    def fits(line: str) -> bool:
        return text_columns(line) <= width and text_points(line, STUB_POINTS) <= limit

    def tail(start: int, end: int) -> str:
        said = " ".join(words[start:end])
        return "…" + (said if end == len(words) else said.rstrip(" ,;:.") + "…")

    first = len(head.split(" "))  # the words the first line shows
    start, end = max(first, min(common, len(words) - 1)), len(words)
    while not fits(tail(start, end)) and end - start > 1:  # the words that differ, shortened
        end -= 1
    while start > first and fits(tail(start - 1, end)):  # and the words before, where they fit
        start -= 1
    line = tail(start, end)
    if start >= len(words) or not fits(line):
        return shown[:-1]
    return [head, line]


Counted = tuple[tuple[str, int], ...]
"""Kinds of branches and how many of each, in the order each kind first comes."""


def branch_counts(kinds: list[str] | Counted) -> str:
    """Say what several branches are, from their first nodes' kinds: ``3 more reasons``.

    ``kinds``: one a branch, or already counted (see :data:`Counted`).
    """
    counts: dict[str, int] = {}
    for entry in kinds:
        word, many = (entry, 1) if isinstance(entry, str) else entry
        counts[word] = counts.get(word, 0) + many
    names = {"premise": "reason", "evidence": "piece of evidence"}
    parts = []
    for word, count in counts.items():
        name = names.get(word, word)
        if count != 1:
            name = "pieces of evidence" if word == "evidence" else name + "s"
        parts.append(f"{count} more {name}")
    return ", ".join(parts)


def grouped_stub_lines(
    kinds: list[str] | Counted, hidden: int, page: str, *, narrow: bool = False
) -> list[str]:
    """A grouped stub's lines: its branches counted by kind, then where they go on.

    The counts go on two lines when one would be wider than the last line (``hidden``
    nodes in all, from ``page`` as drawn): on one, the counts of four kinds make a stub
    wider than a small page. On a ``narrow`` page, the counts go on as many lines as
    keep each within a stub's line (one count at least), and the last line is shorter.
    """
    counts = branch_counts(kinds)
    parts = counts.split(", ")
    nodes = "node" if hidden == 1 else "nodes"
    if narrow:
        lines = [parts[0]]
        for part in parts[1:]:
            if len(lines[-1]) + len(part) + 2 <= NARROW_WRAPS.stub:
                lines[-1] += ", " + part
            else:
                lines[-1] += ","
                lines.append(part)
        return [*lines, f"{hidden} {nodes}, from p. {page}"]
    where = f"{hidden} {nodes} in all, from p. {page}"
    if len(parts) == 1 or len(counts) <= len(where):
        return [counts, where]
    # Split where the two lines come out most even.
    sizes = [len(", ".join(parts[:i])) for i in range(1, len(parts))]
    cut = 1 + min(range(len(sizes)), key=lambda i: max(sizes[i], len(", ".join(parts[i + 1 :]))))
    return [", ".join(parts[:cut]) + ",", ", ".join(parts[cut:]), where]


def counted_once(
    lines: list[str], kinds: list[str] | Counted, hidden: int, page: str
) -> list[str]:
    """A grouped stub's lines as drawn: its leaves counted once, not again as nodes.

    Where every branch of the stub is one statement (leaves), ``43 more pieces of evidence
    / 43 nodes in all, from p. 5`` said one thing twice: its last line says only ``from p.
    5``. The planner sizes the stub with :func:`grouped_stub_lines` as they are, and the
    drawing keeps that width (the shorter wording cost a 400-node map on upright Letter a
    page when planned with: 116, 117), so no page changes for it.

    Args:
        lines: the stub's lines, as :func:`grouped_stub_lines` words them.
        kinds: its branches' kinds, as counted there.
        hidden: the nodes the stub stands for.
        page: where they go on, as drawn.
    """
    branches = sum(1 if isinstance(kind, str) else kind[1] for kind in kinds)
    return lines if hidden != branches else [*lines[:-1], f"from p. {page}"]


def stub_box(lines: list[str]) -> tuple[float, float]:
    """A stub's box in points, as its label draws ``lines`` (see :func:`width_attr`)."""
    width = math.ceil(max(text_points(line, STUB_POINTS) for line in lines)) + 4
    height = len(lines) * STUB_POINTS * 1.2 + 2
    # The box's margins (0.15 x 0.08 inches each side), its border and a little slack.
    return width + 2 * 0.15 * 72 + 4, height + 2 * 0.08 * 72 + 4


def branch_kinds(
    m: ArgumentMap, tops: tuple[str, ...], styles: Mapping[NodeKind, NodeStyle]
) -> list[str] | Counted:
    """The kinds of several branches' first nodes, to count: ``3 more reasons, ...``.

    Kinds the styles do not name (a label worksheet's) are counted as statements. The
    branches of a long list's grouped stub are the last of their parent's, fewer on
    each page down the list: counted once from the end of the longest (see :class:`Lasts`).
    """

    def word(top: str) -> str:
        kind = draw_kind(m, m.get(top))
        return kind.value if styles[kind].label else "statement"

    if len(tops) < LASTS_FROM:
        return [word(top) for top in tops]
    # Keyed by the kinds the styles name, not by the styles: a sheet's are made per page.
    named = frozenset(kind for kind, style in styles.items() if style.label)
    key = (id(m), named, tops[-1])
    kept = _LASTS.get(key)
    found = kept[1].of(tops) if kept is not None and kept[0] is m else None
    if found is None:
        lasts = Lasts(tops, word)
        if len(_LASTS) >= LASTS_KEPT or any(other is not m for other, _ in _LASTS.values()):
            _LASTS.clear()  # one map's lists at a time: a map is not kept past the next
        _LASTS[key] = (m, lasts)  # the map kept: its id stays its own while this is
        found = lasts.of(tops)
    assert found is not None, "a list's own counts hold it"
    return found[1]


LASTS_FROM: Final = 16
"""Branches a grouped stub must hold before its kinds are counted from the end of a list."""

LASTS_KEPT: Final = 16
"""Lists' counts kept (see :func:`branch_kinds`) before all are let go."""

_LASTS: dict[tuple[int, frozenset[NodeKind], str], tuple[object, Lasts]] = {}


class Lasts:
    """A parent's children, counted from the end: what a stub of the last few of them holds.

    ``kind``: each child's word (see :func:`branch_counts`); ``weight``: the nodes each
    branch holds, if they are to be counted too (else one a branch).
    """

    def __init__(
        self,
        kids: Sequence[str],
        kind: Callable[[str], str],
        weight: Mapping[str, int] | None = None,
    ) -> None:
        self.kids = tuple(kids)
        self.at = {kid: index for index, kid in enumerate(self.kids)}
        self.hidden = [0] * (len(self.kids) + 1)
        self.kinds: list[Counted] = [()] * (len(self.kids) + 1)
        counts: dict[str, int] = {}
        order: tuple[str, ...] = ()  # the kinds, by where each first comes from here on
        for index in range(len(self.kids) - 1, -1, -1):
            word = kind(self.kids[index])
            counts[word] = counts.get(word, 0) + 1
            order = (word, *(other for other in order if other != word))
            many = 1 if weight is None else weight[self.kids[index]]
            self.hidden[index] = self.hidden[index + 1] + many
            self.kinds[index] = tuple((other, counts[other]) for other in order)

    def of(self, tops: Sequence[str]) -> tuple[int, Counted] | None:
        """What a stub of ``tops`` holds, if they are the last of the children; else None."""
        index = self.at.get(tops[0]) if tops else None
        if index is None or self.kids[index:] != tuple(tops):
            return None
        return self.hidden[index], self.kinds[index]
