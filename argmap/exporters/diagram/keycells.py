"""The key's arrow samples drawn in table cells, for the DOT source and the engine's own PNG."""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.exporters.diagram.keysamples import SAMPLE_WIDTH

__all__ = ["drawn_key", "sample_cells"]

ROWS: Final = (1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1)
"""The heights of a sample's rows in points (12 in all, the sample cell's): its line, two
points thick, is the middle one."""

MIDDLE: Final = 5
"""The middle row's index."""

LINES: Final = {"--": (MIDDLE, MIDDLE), "==": (MIDDLE - 1, MIDDLE + 1), "- -": (MIDDLE, MIDDLE)}
"""A sample's line code -> the rows its line fills (a heavy line: three)."""

_Column = tuple[int, tuple[tuple[int, int], ...] | str]
"""A column of a sample: its width in points, and the runs of rows it fills (first, last),
or a glyph it holds, its whole height."""

GLYPHS: Final = {">": ("\u25ba", 10), "o": ("\u25cf", 8)}
"""A filled head and a dot, as glyphs (and their size): every engine's fonts have them, and
a glyph has no seams (cells side by side drew a triangle as a comb)."""

_SAMPLE: Final = re.compile(
    rf'<TD WIDTH="{SAMPLE_WIDTH}" HEIGHT="12" FIXEDSIZE="TRUE" ALIGN="LEFT">'
    r'<FONT COLOR="(#[0-9a-fA-F]{6})" POINT-SIZE="10">([-=|&gt; o]{3,9})</FONT></TD>'
)
_CODE: Final = re.compile(r"(--|==|- -)(\|&gt;|&gt;|\|)(o?)")


def drawn_key(source: str) -> str:
    """DOT source with the key's arrow samples drawn as arrows in table cells, not as text.

    The key writes each arrow as text (``--|o``: see :func:`~.keysamples.sample_code`) for
    argmap's own SVG to redraw as the arrow it stands for (:mod:`.keydraw`); a PNG the
    engine draws, and the DOT source a user runs the engine on, showed the text. Each
    sample becomes a table of cells, filled in the arrow's colour, of the cell's own size:
    the drawing is laid out just as before.
    """
    if "legend key" not in source:
        return source
    return _SAMPLE.sub(_cells, source)


def _cells(match: re.Match[str]) -> str:
    code = _CODE.fullmatch(match.group(2))
    if code is None:
        return match.group(0)
    line, head, dot = code.groups()
    return sample_cells(match.group(1), line, html.unescape(head), bool(dot))


def sample_cells(colour: str, line: str, head: str, dot: bool = False) -> str:
    """The key's cell of an arrow drawn as a table of cells (see :func:`drawn_key`).

    Args:
        colour: the arrow's colour.
        line: its line's code: ``--``, heavy ``==``, dashed ``- -``.
        head: its head's code (:data:`~.keysamples.HEADS`, unescaped): ``>`` filled,
            ``|>`` hollow, ``|`` a bar.
        dot: it ends at a dot (an undercutter's, on the arrow it undercuts).
    """
    ends = _head(head) + (_dot() if dot else [])
    length = SAMPLE_WIDTH - 3 - 3 - sum(width for width, _ in ends)
    columns: list[_Column] = [(3, ()), *_line(line, length), *ends]
    columns.append((SAMPLE_WIDTH - sum(width for width, _ in columns), ()))
    # The first column has a cell in every row: each row has one, and its height.
    cells = [[f'<TD WIDTH="3" HEIGHT="{height}" FIXEDSIZE="TRUE"></TD>'] for height in ROWS]
    for width, runs in columns[1:]:
        if isinstance(runs, str):
            glyph, size = GLYPHS[runs]
            cells[0].append(
                f'<TD ROWSPAN="{len(ROWS)}" WIDTH="{width}" HEIGHT="{sum(ROWS)}" FIXEDSIZE="TRUE">'
                f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{glyph}</FONT></TD>'
            )
            continue
        for first, last, filled in _spans(runs):
            span = f' ROWSPAN="{last - first + 1}"' if last > first else ""
            fill = f' BGCOLOR="{colour}"' if filled else ""
            height = sum(ROWS[first : last + 1])
            cells[first].append(
                f'<TD{span}{fill} WIDTH="{width}" HEIGHT="{height}" FIXEDSIZE="TRUE"></TD>'
            )
    rows = "".join(f"<TR>{''.join(row)}</TR>" for row in cells)
    return (
        f'<TD WIDTH="{SAMPLE_WIDTH}" HEIGHT="12" FIXEDSIZE="TRUE" CELLPADDING="0">'
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE></TD>'
    )


def _line(line: str, length: int) -> list[_Column]:
    """The line's columns: one, or dashes of 5 points with gaps of 2."""
    rows = (LINES.get(line, LINES["--"]),)
    if line != "- -":
        return [(length, rows)]
    out: list[_Column] = []
    done = 0
    while done < length:
        dash = min(5, length - done)
        out.append((dash, rows))
        done += dash
        if done < length:
            gap = min(2, length - done)
            out.append((gap, ()))
            done += gap
    return out


def _head(head: str) -> list[_Column]:
    """The head's columns: a bar, a hollow triangle's outline (2 points a column), or a glyph."""
    if head == "|":
        return [(2, ((1, 9),))]
    if head == "|>":  # the outline: the base, then each side a step in
        return [
            (2, ((1, 9),)),
            (2, ((2, 3), (7, 8))),
            (2, ((3, 4), (6, 7))),
            (2, ((4, 6),)),
            (2, ((5, 5),)),
        ]
    return [(9, ">")]


def _dot() -> list[_Column]:
    """A junction's dot after the head, a point clear of it."""
    return [(1, ()), (6, "o")]


def _spans(runs: tuple[tuple[int, int], ...] | str) -> list[tuple[int, int, bool]]:
    """A column's cells, top to bottom: (first row, last row, filled), blanks between runs."""
    out: list[tuple[int, int, bool]] = []
    row = 0
    for first, last in () if isinstance(runs, str) else runs:
        if first > row:
            out.append((row, first - 1, False))
        out.append((first, last, True))
        row = last + 1
    if row < len(ROWS):
        out.append((row, len(ROWS) - 1, False))
    return out
