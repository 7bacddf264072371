"""A node's box size, estimated before layout: for a page's plan or a drawing's rows."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.labels import RowsMemo, statement_rows_once
from argmap.exporters.diagram.lineink import rows_height
from argmap.exporters.diagram.longtext import line_points
from argmap.exporters.diagram.textwidth import text_points
from argmap.exporters.diagram.viewmarks import CUT_POINTS
from argmap.model import ArgumentMap, Node, NodeKind
from argmap.options import RenderOptions, Sheet

__all__ = [
    "CELL_PADDING",
    "LINE_HEIGHT",
    "MARGIN_X",
    "MARGIN_Y",
    "box_size",
    "page_measure",
    "sheet_box",
]

LINE_HEIGHT: Final = 1.2
"""Line height as a multiple of the font size, as the engine sets label lines."""

CELL_PADDING: Final = 2.0
MARGIN_X: Final = 0.15 * 72
MARGIN_Y: Final = 0.08 * 72


def box_size(
    m: ArgumentMap,
    node: Node,
    kind: NodeKind,
    *,
    show_quote: bool,
    narrow: bool = False,
    room: tuple[float, float, bool] | None = None,
    memo: RowsMemo | None = None,
    exact: bool = False,
    cut: str = "",
) -> tuple[float, float]:
    """Estimate the width and height, in points, of a node's box as the diagram draws it.

    The rows are those of :func:`argmap.exporters.diagram.labels.node_label`: a header,
    the wrapped statement, the quote and the credit lines. Widths are generous (see
    :func:`~argmap.exporters.diagram.textwidth.char_points`), so a page planned with them
    rarely overflows once laid out. ``narrow``: wrapped as on a narrow page (see
    :func:`~.measure.narrow_page`). ``room``: the room a box has on the page (see
    :func:`~.longtext.text_rows`), None in a drawing not fitted to pages. ``memo``: keeps
    the rows measured, for the label (see :class:`~.labels.RowsMemo`). ``exact``: no line
    counted narrower than its label's cell sets it (Noto Sans widths): the count alone
    falls short on lines of wide letters ("word" seven times: 230 points counted, 240
    drawn), and boxes side by side across the ranks then overflow their page. ``cut``:
    the row saying what a narrowed view leaves out at the node (see :mod:`.viewmarks`).
    """
    thesis = kind is NodeKind.THESIS
    drawn, credits = statement_rows_once(
        m, node, thesis, show_quote=show_quote, narrow=narrow, room=room, memo=memo, keep=True
    )
    rows: list[tuple[float, list[str], str]] = [
        (9.0, ["REASON · UNDERCUTS"], "B"),
        (drawn.size, list(drawn.text), "B" if thesis else ""),
    ]
    if drawn.quote:
        rows.append((11.0, list(drawn.quote), "I"))
    rows.extend((10.0, lines, "") for lines in credits)
    if cut:
        rows.append((CUT_POINTS, [cut], "I"))
    if exact:  # the count, or the width the label gives the line (its cell's): the wider
        width = max(
            max(line_points(line, size), text_points(line, size, style))
            for size, lines, style in rows
            for line in lines
        )
    else:
        width = max(line_points(line, size) for size, lines, _ in rows for line in lines)
    height = sum(len(lines) * size * LINE_HEIGHT + 2 * CELL_PADDING for size, lines, _ in rows)
    # a statement of tall ink (Arabic, Thai...) is set in taller rows (see :mod:`.lineink`)
    text, size = list(drawn.text), drawn.size
    height += rows_height(text, size, rows[1][2]) - len(text) * size * LINE_HEIGHT
    if drawn.quote:  # and so is its quote
        quote = list(drawn.quote)
        height += rows_height(quote, 11.0, "I") - len(quote) * 11.0 * LINE_HEIGHT
    return width + 2 * (CELL_PADDING + MARGIN_X), height + 2 * MARGIN_Y


def page_measure(
    m: ArgumentMap, options: RenderOptions, memo: RowsMemo | None = None
) -> Callable[[Node], tuple[float, float]]:
    """A node's box size on pages drawn with ``options``, as :func:`box_size` estimates it.

    Each node is measured once (the planner asks again and again). ``memo``: keeps each
    box's rows for its label (see :class:`~.labels.RowsMemo`).
    """
    show = "quotes" not in options.hide
    narrow, room = options.narrow, options.text_room
    # Left to right, exactly: boxes side by side across the ranks fill an upright page's
    # width. Top down, the count still plans (measured exactly, the generated maps' pages
    # were planned anew and one page's arrowheads into its breadcrumb piled up).
    exact = options.direction in ("LR", "RL")
    box = partial(box_size, show_quote=show, narrow=narrow, room=room, memo=memo, exact=exact)
    sizes: dict[str, tuple[float, float]] = {}

    sheet, cuts = options.sheet, options.cuts or {}

    def measure(node: Node) -> tuple[float, float]:
        if (size := sizes.get(node.id)) is None:
            kind = draw_kind(m, node)
            blank = None if sheet is None else sheet_box(node, kind, sheet)
            size = sizes[node.id] = blank or box(m, node, kind, cut=cuts.get(node.id, ""))
        return size

    return measure


def sheet_box(node: Node, kind: NodeKind, sheet: Sheet) -> tuple[float, float] | None:
    """A blanked node's box in points, as its label draws it (None: its statement shows).

    Its header names the position (``1.4.1 · OBJECTION · UNDERCUTS THE LINK``) and its
    body is a bank number's box or ruled lines (see :func:`~.worksheet.sheet_body`), not the short
    placeholder statement the worksheet's map holds: measured as that, boxes came out
    about half as wide as drawn, and a page planned with them overflowed and was planned
    again with a third of its room (a ten-node place worksheet took five A4 pages).
    """
    from argmap.exporters.diagram.styles import NODE_STYLE
    from argmap.exporters.diagram.worksheet import (
        PLACE_BOX_WIDTH,
        PLACE_POINTS,
        PLACE_SPACING,
        PLACE_WORDS,
        RULE_FOOT,
        RULE_HEIGHT,
        RULE_WIDTH,
        sheet_header,
    )

    lines = sheet.blanks.get(node.id)
    if lines is None or sheet.answers:
        return None
    header = sheet_header(node, kind, NODE_STYLE[kind], sheet)
    if sheet.kind == "place":  # the words and the number's box, spaced and padded
        words = text_points(PLACE_WORDS, PLACE_POINTS)
        body = words + PLACE_BOX_WIDTH + 3 * PLACE_SPACING + 4 * CELL_PADDING
        height = RULE_HEIGHT + 2 * PLACE_SPACING + 2 * CELL_PADDING
    else:
        body, height = RULE_WIDTH, lines * RULE_HEIGHT + RULE_FOOT
    # The header's cell: as the engine counts it (wider than Noto Sans here), or Noto's.
    head = max(line_points(header, 9), text_points(header, 9, "B") + 4)
    width = max(head, body) + 2 * CELL_PADDING
    height += 9 * LINE_HEIGHT + 4 * CELL_PADDING
    return width + 2 * MARGIN_X, height + 2 * MARGIN_Y
