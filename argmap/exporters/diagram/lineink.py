"""Room between lines for tall ink: marks above and below of Arabic, Thai, Devanagari, Vietnamese.

The engine steps a label's lines by 1.2 times their size (a bold or italic cell's, a
thesis's or a quote's, by the size alone), room for Latin letters: Noto Sans draws ASCII
within :data:`LATIN_INK`. Arabic dots and tanwin, Hebrew points, Devanagari vowel signs,
Thai and Lao stacked marks, Vietnamese stacked accents reach further: the next line's ink
would touch them. The ink of each line is measured as drawn (its runs shaped in the faces
that draw them, see :func:`~argmap.shaping.ink_ems`), and lines that would come closer
than :data:`INK_GAP` are set in rows of their own, each as tall as its ink needs
(:func:`line_rows`). Lines of ASCII, and every line when no shaper is installed, are left
to the engine as before.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Final

from argmap import shaping
from argmap.exporters.diagram.fonts import MAIN_FACES, faces_for, font_runs, noto_folder
from argmap.exporters.diagram.textwidth import LINE_SPACING, main_face_draws, width_attr
from argmap.shaping import needs_shaping

__all__ = [
    "INK_GAP",
    "LATIN_INK",
    "cell_row",
    "line_ink",
    "line_rows",
    "line_share",
    "rows_height",
    "rows_table",
    "statement_row",
]

LATIN_INK: Final = (0.766, 0.241)
"""How far ASCII in Noto Sans reaches above and below its baseline, in ems (the grave
accent and ``f``; ``|`` and the descenders), at both weights."""

INK_GAP: Final = 0.1
"""The clear space, in ems, kept between one line's lowest ink and the next line's highest."""

FLAT: Final = re.compile(
    "[\x00-\x7f\u00a0-\u00ae\u00b0\u00b1\u00b4-\u00b8\u00ba-\u00bf\u00d7\u00f7"
    "\u2000-\u203d\u203f\u2041-\u204f\u2051-\u205a\u205c-\u206f]*"
)
"""Lines of ASCII, Latin-1's signs and general punctuation (curly quotes, dashes, the
ellipsis): Noto Sans draws them within :data:`LATIN_INK` at both weights (not ``¯ ¹ ² ³ ‾
⁀ ⁐ ⁛``, left out), so they are not shaped to be measured."""

_ENGINE_STEP: Final = {"": LINE_SPACING, "B": 1.0, "I": 1.0}
"""How far apart the engine sets the baselines of a cell's lines, in ems, by style: a
bold or italic cell's (a thesis's, a quote's) lines by their size alone."""

_PADDING: Final = 2
"""The ``CELLPADDING`` of a node's label table (see :func:`~.labels.node_label`)."""


@functools.lru_cache(maxsize=4096)
def line_ink(line: str, bold: bool = False) -> tuple[float, float]:
    """How far one line's ink reaches above and below its baseline, in ems, as drawn.

    Args:
        line: the line, in logical order.
        bold: the line is set bold.

    Returns:
        ``(top, bottom)``, at least :data:`LATIN_INK`: a line of a shaped script (Arabic,
        pointed Hebrew, Indic, Thai, Lao...) its runs' highest and lowest ink; a line
        Noto Sans draws whole (accented Latin, Vietnamese, Greek, Cyrillic), its ink shaped
        in it; any other line (emoji, CJK, unpointed Hebrew), and every line when no shaper
        is installed, :data:`LATIN_INK`: drawn as before.
    """
    style = "B" if bold else ""
    if line.isascii() or FLAT.fullmatch(line) or not shaping.available():
        return LATIN_INK
    main_file, main_weight = MAIN_FACES[style]
    if not needs_shaping(line):
        if not main_face_draws(line, style):
            return LATIN_INK
        high, low = shaping.ink_ems(noto_folder() / main_file, line, float(main_weight))
        return max(LATIN_INK[0], high), max(LATIN_INK[1], low)
    fallbacks = faces_for(line)
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
        style: ``""``, ``"B"`` (bold) or ``"I"`` (italic: a quote).

    Returns:
        None when the engine's own step keeps every line's ink :data:`INK_GAP` clear of
        the next one's, or the lines are of no shaped script and reach no further than
        ASCII (a bold or italic cell's, set a size apart, as they were). Else one row a
        line, each set to its bottom, as tall as the step from the line before it (the
        first as its ink; :data:`~.textwidth.LINE_SPACING` at least, as the engine sets a
        line), and a last row below them, as deep as the last line's ink.
    """
    bold = "B" in style
    inks = [line_ink(line, bold) for line in lines]
    step = _ENGINE_STEP["B" if bold else "I" if "I" in style else ""]
    latin = sum(LATIN_INK)
    needs = [low + high for (_, low), (high, _) in zip(inks, inks[1:], strict=False)]
    plain = [not needs_shaping(line) for line in lines]
    if all(
        need + INK_GAP <= step or (need <= latin and plain[at] and plain[at + 1])
        for at, need in enumerate(needs)
    ):
        return None
    rows = [math.ceil(max(LINE_SPACING, inks[0][0] + INK_GAP) * size)]
    rows += [math.ceil(max(LINE_SPACING, need + INK_GAP) * size) for need in needs]
    rows.append(math.ceil((inks[-1][1] + INK_GAP) * size))
    return tuple(rows)


def rows_height(lines: list[str], size: float, style: str = "") -> float:
    """How tall a cell's lines are set, in points, without its padding.

    The engine's :data:`~.textwidth.LINE_SPACING` times the size a line, or the rows of
    :func:`line_rows`.
    """
    rows = line_rows(lines, size, style)
    return len(lines) * size * LINE_SPACING if rows is None else float(sum(rows))


def line_share(lines: list[str], size: float, style: str = "") -> float:
    """A line's share, in points, of the height a cell's lines are set in.

    The engine's step (:data:`~.textwidth.LINE_SPACING` times the size) for lines it sets
    itself; the mean of the rows of :func:`line_rows` for lines of tall ink. What a page
    holds of a long statement or quote is counted so (see :mod:`.longtext`).
    """
    rows = line_rows(lines, size, style)
    return size * LINE_SPACING if rows is None else sum(rows) / len(lines)


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
    return cell_row(lines, size, "B" if bold else "", markup)


def cell_row(lines: list[str], size: float, style: str, markup: Callable[[list[str]], str]) -> str:
    """The table row of a cell's lines in one style, in rows of their own if tall.

    A statement's (see :func:`statement_row`), or a quote's: ``style`` ``""``, ``"B"``
    (bold) or ``"I"`` (italic).
    """
    tall = line_rows(lines, size, style)
    cell = width_attr(lines, size, style, fixed=True, rows=tall)
    tag = style if style in ("B", "I") else ""
    font = f'<FONT POINT-SIZE="{size:g}">' + (f"<{tag}>" if tag else "")
    end = (f"</{tag}>" if tag else "") + "</FONT>"
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
