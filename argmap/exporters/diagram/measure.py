"""Node box sizes estimated before layout, and the room a page gives a box, for paging."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from argmap.analysis.viewcuts import cut_options
from argmap.exporters.diagram.boxsize import (
    CELL_PADDING,
    LINE_HEIGHT,
    MARGIN_X,
    MARGIN_Y,
    box_size,
    page_measure,
    sheet_box,
)
from argmap.exporters.diagram.labels import RowsMemo
from argmap.exporters.diagram.longtext import Room
from argmap.exporters.diagram.pagesize import PAD_POINTS, Budget
from argmap.model import ArgumentMap, Node
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = [
    "CELL_PADDING",
    "LINE_HEIGHT",
    "MARGIN_X",
    "MARGIN_Y",
    "box_size",
    "narrow_page",
    "page_measure",
    "page_options",
    "sheet_box",
    "status_measure",
    "text_room",
]

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


def box_widths(
    m: ArgumentMap, options: RenderOptions, memo: RowsMemo | None = None
) -> Callable[[str], float]:
    """A node's box width by its id, as the planner measured it (see :func:`page_measure`).

    A page checks with it what the planner put beside a box (arriving references).
    """
    measure = page_measure(m, options, memo)
    return lambda node_id: measure(m.get(node_id))[0]


def page_options(
    options: RenderOptions, budget: Budget, m: ArgumentMap | None = None
) -> RenderOptions:
    """The options as a page of this ``budget`` draws with: narrow or not, its boxes' room.

    ``m``: the map, whose boxes then say what a narrowed view leaves out at them (see
    :func:`~argmap.analysis.viewcuts.cut_options`), worked out once for all its pages.
    """
    across = options.direction in ("LR", "RL")
    narrow = narrow_page(budget.width, across)
    paged = replace(options, narrow=narrow, text_room=text_room(budget, across, narrow))
    return paged if m is None else cut_options(m, paged)


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
