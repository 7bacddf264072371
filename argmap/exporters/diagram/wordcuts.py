"""Where a word longer than a line is cut: after a hyphen or slash of its own, or with a hyphen."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import Final, Protocol

__all__ = ["Cluster", "forced_cut"]

_BREAK_AFTER: Final = frozenset("-/\u2010\u2013\u2014")
"""Where a word longer than a line breaks first: after a hyphen, a slash or a dash (a
compound, a URL), drawn as it is, with no hyphen added."""
_TAIL: Final = 3
"""Letters a word cut with a hyphen carries to the next line at least (not ``kontroll-
/ en``)."""


class Cluster(Protocol):
    """A letter with its marks, as :mod:`~.linebreak` cuts lines between them."""

    @property
    def text(self) -> str: ...  # noqa: D102
    @property
    def columns(self) -> int: ...  # noqa: D102
    @property
    def space(self) -> bool: ...  # noqa: D102


def forced_cut(
    line: Sequence[Cluster], clusters: Sequence[Cluster], at: int, width: int
) -> tuple[int, bool]:
    """Where a line holding one word too long for it is cut, and whether with a hyphen.

    ``clusters[at]`` is the one that does not fit. After the line's last hyphen, slash or
    dash that keeps half the line; else, between two letters of a script that hyphenates
    (Latin, Greek, Cyrillic, Armenian, Georgian), the hyphen fitting in the line and at
    least :data:`_TAIL` letters going on; else before ``clusters[at]``, as it stands.
    """
    used = 0
    breaks = 0
    for i, cluster in enumerate(line, 1):
        used += cluster.columns
        if cluster.text in _BREAK_AFTER and used * 2 >= width and i < len(line):
            breaks = i
    if breaks:
        return breaks, False
    end = at
    while end < len(clusters) and not clusters[end].space:
        end += 1
    word = [*line, *clusters[at:end]]  # the line is this word's head (or all of it)
    cut = len(line)
    while cut > 1 and (used + 1 > width or len(word) - cut < _TAIL):  # used: line[:cut]'s
        cut -= 1
        used -= line[cut].columns
    if cut > 1 and _hyphenates(word[cut - 1].text) and _hyphenates(word[cut].text):
        return cut, True
    return len(line), False


@functools.cache
def _hyphenates(text: str) -> bool:
    """Whether a cluster is a letter of a script whose words are cut with a hyphen."""
    ch = text[0]
    code = ord(ch)
    return unicodedata.category(ch).startswith("L") and (
        code < 0x0250  # Latin, with its supplements and extensions
        or 0x0370 <= code < 0x0590  # Greek, Cyrillic, Armenian
        or 0x10A0 <= code < 0x1100  # Georgian
        or 0x1E00 <= code < 0x2000  # Latin and Greek extended
        or 0x2C60 <= code < 0x2C80  # Latin extended-C
        or 0xA640 <= code < 0xA6A0  # Cyrillic extended-B
        or 0xA720 <= code < 0xA800  # Latin extended-D
    )
