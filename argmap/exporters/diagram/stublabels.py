"""Stubs' words: a branch's first statement shortened, and where the branch goes on."""

from __future__ import annotations

import math
from typing import Final

from argmap.exporters.diagram.labels import NARROW_WRAPS, STUB_WRAP, WRAPS
from argmap.exporters.diagram.linebreak import wrap_text, wrap_words
from argmap.exporters.diagram.textwidth import text_points

__all__ = [
    "STUB_POINTS",
    "branch_counts",
    "grouped_stub_lines",
    "stub_box",
    "stub_label_lines",
    "stub_lines",
    "stub_wrap",
]

STUB_POINTS: Final = 11.0
"""A stub's text size."""


def stub_wrap(narrow: bool) -> int:
    """Characters per line of a stub's statement, on a narrow page or not."""
    return (NARROW_WRAPS if narrow else WRAPS).stub


def stub_lines(text: str, width: int = STUB_WRAP, most: int = 2) -> list[str]:
    """A statement shortened for a stub: at most ``most`` lines of whole words.

    A statement that does not fit ends with an ellipsis after its last whole word. A word
    longer than a line (beyond ASCII) is cut between clusters, as ``wrap_columns`` cuts it.
    """
    text = " ".join(text.split())
    long = not text.isascii() and max(map(len, text.split(" "))) > width
    lines = (wrap_text(text, width) if long else wrap_words(text, width)) or [""]
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    last = kept[-1]
    while len(last) + 1 > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = last.rstrip(" ,;:.") + "…"
    return kept


def stub_label_lines(text: str, more: int, page: str, *, narrow: bool = False) -> list[str]:
    """A stub's lines: its branch's first statement shortened, then where the branch goes on.

    Args:
        text: the statement of the branch's first node.
        more: how many nodes the branch holds besides that one.
        page: the page it continues on, as drawn.
        narrow: the page is narrow (see :data:`NARROW_WRAPS`): shorter lines.
    """
    where = f"+{more} more, p. {page}" if more else f"continues on p. {page}"
    return [*stub_lines(text, stub_wrap(narrow)), where]


def branch_counts(kinds: list[str]) -> str:
    """Say what several branches are, from their first nodes' kinds: ``3 more reasons``."""
    counts: dict[str, int] = {}
    for word in kinds:
        counts[word] = counts.get(word, 0) + 1
    names = {"premise": "reason", "evidence": "piece of evidence"}
    parts = []
    for word, count in counts.items():
        name = names.get(word, word)
        if count != 1:
            name = "pieces of evidence" if word == "evidence" else name + "s"
        parts.append(f"{count} more {name}")
    return ", ".join(parts)


def grouped_stub_lines(
    kinds: list[str], hidden: int, page: str, *, narrow: bool = False
) -> list[str]:
    """A grouped stub's lines: its branches counted by kind, then where they go on.

    The counts go on two lines when one would be wider than the last line (``hidden``
    nodes in all, from ``page`` as drawn): on one, the counts of four kinds make a stub
    wider than a small page. On a ``narrow`` page, the counts go on as many lines as
    keep each within a stub's line (one count at least), and the last line is shorter.
    """
    counts = branch_counts(kinds)
    parts = counts.split(", ")
    if narrow:
        lines = [parts[0]]
        for part in parts[1:]:
            if len(lines[-1]) + len(part) + 2 <= NARROW_WRAPS.stub:
                lines[-1] += ", " + part
            else:
                lines[-1] += ","
                lines.append(part)
        return [*lines, f"{hidden} nodes, from p. {page}"]
    where = f"{hidden} nodes in all, from p. {page}"
    if len(parts) == 1 or len(counts) <= len(where):
        return [counts, where]
    # Split where the two lines come out most even.
    sizes = [len(", ".join(parts[:i])) for i in range(1, len(parts))]
    cut = 1 + min(range(len(sizes)), key=lambda i: max(sizes[i], len(", ".join(parts[i + 1 :]))))
    return [", ".join(parts[:cut]) + ",", ", ".join(parts[cut:]), where]


def stub_box(lines: list[str]) -> tuple[float, float]:
    """A stub's box in points, as its label draws ``lines`` (see :func:`width_attr`)."""
    width = math.ceil(max(text_points(line, STUB_POINTS) for line in lines)) + 4
    height = len(lines) * STUB_POINTS * 1.2 + 2
    # The box's margins (0.15 x 0.08 inches each side), its border and a little slack.
    return width + 2 * 0.15 * 72 + 4, height + 2 * 0.08 * 72 + 4
