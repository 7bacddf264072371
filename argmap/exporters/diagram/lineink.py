"""Room between lines for tall ink: marks above and below of Arabic, Thai, Devanagari, Vietnamese.

The engine steps a label's lines by 1.2 times their size (a bold cell's by the size
alone), room for Latin letters: Noto Sans draws ASCII within :data:`LATIN_INK`. Arabic
dots and tanwin, Hebrew points, Devanagari vowel signs, Thai and Lao stacked marks,
Vietnamese stacked accents reach further: the next line's ink would touch them. The ink of
each line is measured as drawn (its runs shaped in the faces that draw them, see
:func:`~argmap.shaping.ink_ems`), and lines that would come closer than :data:`INK_GAP`
are set in rows of their own, each as tall as its ink needs (:func:`line_rows`). Lines of
ASCII, and every line when no shaper is installed, are left to the engine as before.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Final

from argmap import shaping
from argmap.exporters.diagram.fonts import (
    MAIN_FACES,
    coverage,
    fallback_fonts,
    font_runs,
    main_font,
    noto_folder,
)
from argmap.exporters.diagram.textwidth import width_attr

__all__ = [
    "INK_GAP",
    "LATIN_INK",
    "ROW_STEP",
    "line_ink",
    "line_rows",
    "rows_height",
    "rows_table",
    "statement_row",
]

LATIN_INK: Final = (0.766, 0.241)
"""How far ASCII in Noto Sans reaches above and below its baseline, in ems (the grave
accent and ``f``; ``|`` and the descenders), at both weights."""

INK_GAP: Final = 0.1
"""The clear space, in ems, kept between one line's lowest ink and the next line's highest."""

_ENGINE_STEP: Final = {"": 1.2, "B": 1.0}
"""How far apart the engine sets the baselines of a cell's lines, in ems, by style: a
bold cell's lines by their size alone."""

_PADDING: Final = 2
"""The ``CELLPADDING`` of a node's label table (see :func:`~.labels.node_label`)."""

ROW_STEP: Final = 1.2
"""The least baseline step of lines set in rows, in ems (the engine's plain step)."""


@functools.lru_cache(maxsize=4096)
def line_ink(line: str, bold: bool = False) -> tuple[float, float]:
    """How far one line's ink reaches above and below its baseline, in ems, as drawn.

    Args:
        line: the line, in logical order.
        bold: the line is set bold.

    Returns:
        ``(top, bottom)``: :data:`LATIN_INK` for a line of ASCII, and for any line when
        no shaper is installed (measured so, it is drawn as before); else the highest
        and lowest ink of its runs, at least that of Latin.
    """
    if line.isascii() or not shaping.available():
        return LATIN_INK
    fallbacks = fallback_fonts()
    style = "B" if bold else ""
    main_file, main_weight = MAIN_FACES[style]
    top, bottom = LATIN_INK
    for index, run in font_runs(line, fallbacks):
        if index < 0:
            path, weight = noto_folder() / main_file, float(main_weight)
        else:
            path, weight = fallbacks[index], shaping.BOLD_WEIGHT if bold else 400.0
        high, low = shaping.ink_ems(path, run, weight, shaping.shapes_right_to_left(path))
        top, bottom = max(top, high), max(bottom, low)
    return top, bottom


def line_rows(lines: list[str], size: float, style: str = "") -> tuple[int, ...] | None:
    """The heights, in points, of rows that set ``lines`` clear of each other, if needed.

    Args:
        lines: a cell's lines.
        size: their font size in points.
        style: ``""`` or ``"B"``.

    Returns:
        None when the engine's own step keeps every line's ink :data:`INK_GAP` clear of
        the next one's, or the lines are of Noto Sans reaching no further than ASCII (a
        bold cell's, set a size apart, as they were). Else one row a
        line, each set to its bottom, as tall as the step from the line before it (the
        first as its ink; :data:`ROW_STEP` at least, as the engine sets a line), and a
        last row below them, as deep as the last line's ink.
    """
    bold = "B" in style
    inks = [line_ink(line, bold) for line in lines]
    step = _ENGINE_STEP["B" if bold else ""]
    latin = sum(LATIN_INK)
    needs = [low + high for (_, low), (high, _) in zip(inks, inks[1:], strict=False)]
    plain = [_latin(line) for line in lines]
    if all(
        need + INK_GAP <= step or (need <= latin and plain[at] and plain[at + 1])
        for at, need in enumerate(needs)
    ):
        return None
    rows = [math.ceil(max(ROW_STEP, inks[0][0] + INK_GAP) * size)]
    rows += [math.ceil(max(ROW_STEP, need + INK_GAP) * size) for need in needs]
    rows.append(math.ceil((inks[-1][1] + INK_GAP) * size))
    return tuple(rows)


def _latin(line: str) -> bool:
    """Whether Noto Sans draws the whole line (Latin, Greek, Cyrillic, punctuation)."""
    return line.isascii() or coverage(main_font()).issuperset(map(ord, line))


def rows_height(lines: list[str], size: float, style: str = "") -> float:
    """How tall a cell's lines are set, in points, without its padding.

    The engine's ``1.2`` times the size a line, or the rows of :func:`line_rows`.
    """
    rows = line_rows(lines, size, style)
    return len(lines) * size * ROW_STEP if rows is None else float(sum(rows))


def statement_row(
    lines: list[str], size: float, bold: bool, markup: Callable[[list[str]], str]
) -> str:
    """The table row of a node's statement: its lines, in rows of their own if tall.

    Args:
        lines: the statement's lines.
        size: their font size in points.
        bold: they are set bold (a thesis).
        markup: lines -> their escaped label markup
            (:func:`~argmap.exporters.diagram.labels.lines_html`).
    """
    style = "B" if bold else ""
    tall = line_rows(lines, size, style)
    cell = width_attr(lines, size, style, fixed=True, rows=tall)
    font, end = f'<FONT POINT-SIZE="{size:g}">' + "<B>" * bold, "</B>" * bold + "</FONT>"
    if tall is None:
        return f"<TR><TD{cell}>{font}{markup(lines)}{end}</TD></TR>"
    cells = [f"{font}{markup([line])}{end}" for line in lines]
    inner = int(cell.split('"')[1]) - 2 * _PADDING if "FIXEDSIZE" in cell else None
    return f"<TR><TD{cell}>{rows_table(cells, tall, inner)}</TD></TR>"


def rows_table(cells: list[str], rows: tuple[int, ...], width: int | None = None) -> str:
    """A borderless table setting each of a cell's lines in its row (see :func:`line_rows`).

    Args:
        cells: each line's label markup, escaped, in the font it is drawn with.
        rows: the rows' heights in points, one a line and the last row's.
        width: the rows' fixed width in points, when the cell holding them is fixed so
            (its lines are drawn narrower than the engine counts them); None: the
            engine's.

    Returns:
        The ``TABLE`` for the cell: each line set to the bottom of its row, centred.
    """
    fixed = "" if width is None else f' WIDTH="{width}" FIXEDSIZE="TRUE"'
    body = "".join(
        f'<TR><TD HEIGHT="{height}" VALIGN="BOTTOM"{fixed}>{cell}</TD></TR>'
        for cell, height in zip(cells, rows, strict=False)
    )
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'{body}<TR><TD HEIGHT="{rows[-1]}"{fixed}></TD></TR></TABLE>'
    )
