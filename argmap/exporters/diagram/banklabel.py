"""A place worksheet's statement bank as drawn: numbered rows, in one column or several."""

from __future__ import annotations

from typing import Final

from argmap.exporters.diagram.dot import Digraph, Html
from argmap.exporters.diagram.labels import html_text, width_attr, wrap
from argmap.exporters.diagram.linebreak import one_spaced
from argmap.exporters.diagram.styles import FONT
from argmap.exporters.diagram.textwidth import text_points
from argmap.options import Sheet

__all__ = [
    "BANK_GUTTER",
    "BANK_HEADING",
    "BANK_POINTS",
    "BANK_WRAP",
    "add_bank",
    "add_bank_columns",
    "bank_columns",
    "bank_entries",
    "bank_heights",
    "bank_lines",
    "bank_rows",
]

BANK_HEADING: Final = "STATEMENT BANK"
"""The bank's heading (a part of it on pages of its own: ``STATEMENT BANK (2 of 3)``)."""

BANK_WRAP: Final = 90
"""Characters per line of a statement in the bank."""

MIN_BANK_WRAP: Final = 20
"""The fewest characters a bank's statement wraps at, however narrow its page."""

BANK_POINTS: Final = 13.0
"""The bank's statements' size: a statement's, so the bank keeps the legibility floor."""


def bank_entries(sheet: Sheet) -> list[tuple[str, str]]:
    """The bank's statements, each with its number, in the bank's order."""
    return [(str(number), text) for number, text in enumerate(sheet.bank, start=1)]


def bank_lines(text: str, room: float | None = None) -> list[str]:
    """A statement's lines in a list: wrapped at :data:`BANK_WRAP` characters, or fewer.

    ``room``: the points a line may take (a page narrower than the bank at 90 characters:
    so wrapped, an upright A4 page held one statement, and the flagship's bank took 62).
    """
    text = one_spaced(text)
    lines = wrap(text, BANK_WRAP)
    if room is None or max(text_points(line, BANK_POINTS) for line in lines) <= room:
        return lines
    low, high = MIN_BANK_WRAP, BANK_WRAP - 1  # the widest wrap whose lines fit
    while low < high:
        middle = (low + high + 1) // 2
        if max(text_points(line, BANK_POINTS) for line in wrap(text, middle)) <= room:
            low = middle
        else:
            high = middle - 1
    return wrap(text, low)


BANK_ROW_PADDING: Final = 12.0
"""Points a bank row takes beyond its lines: cell padding and spacing."""


def bank_heights(entries: list[tuple[str, str]], room: float) -> list[float]:
    """Each row's height as estimated, its statement wrapped to ``room`` points."""
    return [
        len(bank_lines(text, room)) * BANK_POINTS * 1.2 + BANK_ROW_PADDING for _, text in entries
    ]


def bank_rows(entries: list[tuple[str, str]], room: float | None = None) -> list[str]:
    """A list's rows, one per statement, each after its name (a bank number, a position).

    ``room``: the points a statement's line may take (see :func:`bank_lines`).
    """
    rows = []
    for name, text in entries:
        lines = bank_lines(text, room)
        rows.append(
            f'<TR><TD ALIGN="RIGHT" VALIGN="TOP"><B>{html_text(name)}</B></TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT"{width_attr(lines, BANK_POINTS)}>'
            + '<BR ALIGN="LEFT"/>'.join(html_text(line) for line in lines)
            + "</TD></TR>"
        )
    return rows


BANK_GUTTER: Final = 18
"""Points between two columns of a bank."""


def bank_columns(columns: list[list[str]], heading: str = BANK_HEADING) -> Html:
    """An HTML-like label holding the bank's rows in columns, read down each column in turn.

    One column is the heading's table itself; more are tables side by side under it,
    :data:`BANK_GUTTER` apart, each its rows' heights alone.
    """
    top = '<TABLE BORDER="1" COLOR="#424242" CELLBORDER="0" CELLSPACING="2" CELLPADDING="4">'
    if len(columns) == 1:
        return Html(
            f'{top}<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{html_text(heading)}</B></TD></TR>'
            + "".join(columns[0])
            + "</TABLE>"
        )
    gutter = f'<TD WIDTH="{BANK_GUTTER}"></TD>'
    cells = gutter.join(
        '<TD VALIGN="TOP" CELLPADDING="0">'
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="4">'
        + "".join(rows)
        + "</TABLE></TD>"
        for rows in columns
    )
    span = 2 * len(columns) - 1
    return Html(
        f'{top}<TR><TD COLSPAN="{span}" ALIGN="LEFT"><B>{html_text(heading)}</B></TD></TR>'
        f"<TR>{cells}</TR></TABLE>"
    )


def add_bank(g: Digraph, sheet: Sheet | None) -> None:
    """Add a place worksheet's whole bank to its drawing, as one box beside the map."""
    if sheet is None or not sheet.bank or sheet.answers:
        return
    add_bank_columns(g, [bank_rows(bank_entries(sheet))])


def add_bank_columns(g: Digraph, columns: list[list[str]], heading: str = BANK_HEADING) -> None:
    """Add the bank (or a part of it) to a graph as one box, its rows in ``columns``."""
    g.node(
        "statement bank",
        {
            "label": bank_columns(columns, heading),
            "shape": "plaintext",
            "style": "",
            "fontname": FONT,
            "fontsize": f"{BANK_POINTS:g}",
            "id": "bank",
            "tooltip": "Statement bank",
            "class": "bank",
        },
    )
