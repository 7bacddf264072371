"""Node box sizes estimated before layout, and the room a page gives a box, for paging."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.labels import RowsMemo, statement_rows_once
from argmap.exporters.diagram.longtext import Room, line_points
from argmap.exporters.diagram.pagesize import PAD_POINTS, Budget
from argmap.exporters.diagram.textwidth import text_points
from argmap.model import ArgumentMap, Node, NodeKind
from argmap.options import RenderOptions, Sheet

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = [
    "box_size",
    "narrow_page",
    "page_measure",
    "page_options",
    "sheet_box",
    "status_measure",
    "text_room",
]

LINE_HEIGHT: Final = 1.2
"""Line height as a multiple of the font size, as the engine sets label lines."""

CELL_PADDING: Final = 2.0
MARGIN_X: Final = 0.15 * 72
MARGIN_Y: Final = 0.08 * 72

TWO_RANKS: Final = 480.0
"""The width, in points, of two ranks side by side at the usual wraps: a statement's box
(about 250), a stub's (about 180) and the gap between them."""


def narrow_page(budget_width: float, across: bool) -> bool:
    """Whether a page's boxes wrap narrower (see :data:`~.labels.NARROW_WRAPS`).

    Drawn left to right, ranks are columns: a page whose drawing, at the legibility
    floor, is narrower than two columns of the usual boxes (an upright slide) could
    otherwise hold no node beside its child's stub at that floor.

    Args:
        budget_width: the widest drawing the page holds at the floor, in points.
        across: the drawing runs left to right (or right to left).
    """
    return across and budget_width < TWO_RANKS


HEADING: Final = 26.0
"""The page heading's line atop every page's drawing."""

COLUMNS_AROUND: Final = 520.0
"""Drawn left to right, the width a page keeps beside such a node: the breadcrumb's
column, the stubs' column and the gaps between them."""

ROWS_ACROSS: Final = 140.0
"""Drawn left to right, the height a page keeps for a breadcrumb above such a node (where
the page has no column for it) and the gap below it."""

NARROW_BOX: Final = 215.0
"""The width of a box of a narrow page (see :data:`~.labels.NARROW_WRAPS`), in points,
as :func:`~.longtext.text_rows` counts it: a long statement wraps no wider there."""


def text_room(budget: Budget, across: bool, narrow: bool) -> Room:
    """The most a box may take on a page at its floor (see :func:`~.longtext.rows_room`).

    A node's statement is drawn in full where it fits in this room (see
    :func:`~.longtext.text_rows`): a node so large is drawn on a page of its own, with
    its breadcrumb and its children's stubs round it.

    Args:
        budget: the drawing the page holds at its legibility floor.
        across: the drawing runs left to right (or right to left).
        narrow: the page is narrow (see :func:`narrow_page`).
    """
    width, height = budget.width - 2 * PAD_POINTS, budget.height - 2 * PAD_POINTS - HEADING
    if not across:  # less each node's own breadcrumb and stubs (see rows_room)
        return Room(width, height, rows=True)
    width = NARROW_BOX if narrow else max(NARROW_BOX, width - COLUMNS_AROUND)
    return Room(width, height - ROWS_ACROSS)


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
) -> tuple[float, float]:
    """Estimate the width and height, in points, of a node's box as the diagram draws it.

    The rows are those of :func:`argmap.exporters.diagram.labels.node_label`: a header,
    the wrapped statement, the quote and the credit lines. Widths are generous (see
    :func:`~argmap.exporters.diagram.textwidth.char_points`), so a page planned with them
    rarely overflows once laid out. ``narrow``: wrapped as on a narrow page (see
    :func:`narrow_page`). ``room``: the room a box has on the page (see
    :func:`~.longtext.text_rows`), None in a drawing not fitted to pages. ``memo``: keeps
    the rows measured, for the label (see :class:`~.labels.RowsMemo`). ``exact``: no line
    counted narrower than its label's cell sets it (Noto Sans widths): the count alone
    falls short on lines of wide letters ("word" seven times: 230 points counted, 240
    drawn), and boxes side by side across the ranks then overflow their page.
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
    if exact:  # the count, or the width the label gives the line (its cell's): the wider
        width = max(
            max(line_points(line, size), text_points(line, size, style))
            for size, lines, style in rows
            for line in lines
        )
    else:
        width = max(line_points(line, size) for size, lines, _ in rows for line in lines)
    height = sum(len(lines) * size * LINE_HEIGHT + 2 * CELL_PADDING for size, lines, _ in rows)
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

    sheet = options.sheet

    def measure(node: Node) -> tuple[float, float]:
        if (size := sizes.get(node.id)) is None:
            kind = draw_kind(m, node)
            blank = None if sheet is None else sheet_box(node, kind, sheet)
            size = sizes[node.id] = blank or box(m, node, kind)
        return size

    return measure


def box_widths(
    m: ArgumentMap, options: RenderOptions, memo: RowsMemo | None = None
) -> Callable[[str], float]:
    """A node's box width by its id, as the planner measured it (see :func:`page_measure`).

    A page checks with it what the planner put beside a box (arriving references).
    """
    measure = page_measure(m, options, memo)
    return lambda node_id: measure(m.get(node_id))[0]


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


def page_options(options: RenderOptions, budget: Budget) -> RenderOptions:
    """The options as a page of this ``budget`` draws with: narrow or not, its boxes' room."""
    across = options.direction in ("LR", "RL")
    narrow = narrow_page(budget.width, across)
    return replace(options, narrow=narrow, text_room=text_room(budget, across, narrow))


def status_measure(
    measure: Callable[[Node], tuple[float, float]],
    analysis: Analysis,
    status: bool,
    m: ArgumentMap,
) -> Callable[[Node], tuple[float, float]]:
    """The planner's ``measure`` (the labels take the rows it measured), knowing standings.

    With ``--status``, each node's standing, for its stubs' tags (see
    :class:`~.stubstatus.StatusMeasure`), and each of ``m``'s linked groups'.
    """
    if not status:
        return measure
    from argmap.exporters.diagram.stubstatus import StatusMeasure, map_standings

    return StatusMeasure(measure, map_standings(m, analysis))
