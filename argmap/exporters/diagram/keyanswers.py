"""An answer key's boxes: the worksheet's, each answer written in where students write theirs."""

from __future__ import annotations

from typing import Final

from argmap.exporters.diagram.dot import Html
from argmap.exporters.diagram.labels import html_text, lines_html
from argmap.exporters.diagram.textwidth import text_points

__all__ = [
    "ANSWER_POINTS",
    "ELLIPSIS",
    "written_lines",
    "written_number",
    "written_rules",
    "written_sign",
]

ANSWER_POINTS: Final = 13.0
"""The size an answer is written at: a statement's, so the key keeps the legibility floor."""

ROOM: Final = 8.0
"""Points of a ruled line (or a number's box) kept clear of the answer: its cell's padding
and a little to spare, so no answer touches its box's edge."""

ELLIPSIS: Final = "\u2026"
"""Ends an answer cut short to its box's lines (the key's answer list gives it in full)."""


def written_lines(text: str, rules: int, width: float) -> tuple[list[str], bool]:
    """A statement wrapped onto a blank's ``rules`` ruled lines of ``width`` points.

    Words wrap at the answer's size as the Noto faces draw it (a word wider than a line is
    cut, letter by letter). A statement that takes more lines than the blank has is cut
    short on its last line, ending in :data:`ELLIPSIS`.

    Returns:
        The lines (at most ``rules``), and whether they hold the whole statement.
    """
    room = width - ROOM
    lines: list[str] = []
    for word in text.split():
        for piece in _pieces(word, room):
            joined = f"{lines[-1]} {piece}" if lines else piece
            if lines and text_points(joined, ANSWER_POINTS, "I") <= room:
                lines[-1] = joined
            else:
                lines.append(piece)
    if len(lines) <= rules:
        return lines, True
    kept = lines[:rules]
    last = kept[-1]
    while last and text_points(last + ELLIPSIS, ANSWER_POINTS, "I") > room:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept, False


def _pieces(word: str, room: float) -> list[str]:
    """A word as it fits on lines of ``room`` points: itself, or cut letter by letter."""
    pieces = [""]
    for char in word:
        if pieces[-1] and text_points(pieces[-1] + char, ANSWER_POINTS, "I") > room:
            pieces.append("")
        pieces[-1] += char
    return pieces


def written_rules(lines: list[str], rules: int, width: float, height: float, ink: str) -> str:
    """A blank's ruled lines, the answer's ``lines`` written on them (in italics, as in pen).

    Each line is a cell of the blank's size, fixed, so the box is the worksheet's.
    """
    rows = []
    for index in range(rules):
        line = lines[index] if index < len(lines) else ""
        font = f'<FONT POINT-SIZE="{ANSWER_POINTS:g}" COLOR="{ink}">'
        text = f"{font}<I>{lines_html([line])}</I></FONT>" if line else " "
        rows.append(
            f'<TR><TD SIDES="B" BORDER="1" COLOR="{ink}" WIDTH="{width:g}" HEIGHT="{height:g}" '
            f'FIXEDSIZE="TRUE" VALIGN="BOTTOM">{text}</TD></TR>'
        )
    return "".join(rows)


def written_number(number: str, width: float, height: float, ink: str) -> str:
    """A place worksheet's box for a bank number, the number written in (bold, in italics)."""
    return (
        f'<TD BORDER="1" COLOR="{ink}" WIDTH="{width:g}" HEIGHT="{height:g}" FIXEDSIZE="TRUE">'
        f'<FONT POINT-SIZE="{ANSWER_POINTS:g}" COLOR="{ink}"><B><I>{lines_html([number])}'
        "</I></B></FONT></TD>"
    )


def written_sign(sign: str) -> Html:
    """A label worksheet's arrow box, the arrow's sign written in: + supports, − attacks."""
    return Html(
        '<TABLE BORDER="0" CELLPADDING="0"><TR>'
        '<TD BORDER="1" COLOR="#424242" BGCOLOR="#ffffff" WIDTH="20" HEIGHT="20" FIXEDSIZE="TRUE">'
        f'<FONT POINT-SIZE="13" COLOR="#212121"><B>{html_text(sign)}</B></FONT></TD>'
        "</TR></TABLE>"
    )
