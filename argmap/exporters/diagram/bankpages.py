"""A place worksheet's bank (or a key's answers) on pages of its own, after the diagram's."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.bankcolumns import (
    Columns,
    balanced,
    column_count,
    column_room,
    cut_columns,
)
from argmap.exporters.diagram.banklabel import (
    BANK_HEADING,
    BANK_POINTS,
    add_bank_columns,
    bank_entries,
    bank_heights,
    bank_rows,
)
from argmap.exporters.diagram.banklast import Start, bank_start, part_heading
from argmap.exporters.diagram.dot import Digraph, Html
from argmap.exporters.diagram.fitting import LaidPage, Layout, svg_size
from argmap.exporters.diagram.labels import lines_html
from argmap.exporters.diagram.pageheading import heading_room, page_heading
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import OVERHANG, deck_scale
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.styles import GRAPH_ATTR
from argmap.exporters.diagram.textwidth import text_points
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["bank_layout", "with_bank_pages"]

HEADING: Final = 64.0
"""Points the page's heading, the bank's heading row and its frame take."""
FRAME: Final = 84.0
"""Points a bank's width takes beyond its names and statements: the drawing's margins,
the box's frame, spacing and padding, and some to spare."""


def with_bank_pages(
    layout: Layout,
    options: RenderOptions,
    engine: EngineInfo,
    title: str = "",
    entries: list[tuple[str, str]] | None = None,
    heading: str = BANK_HEADING,
) -> Layout:
    """Return the layout with the bank of a place worksheet added: see :func:`bank_layout`.

    Raises:
        RenderError: the engine fails.
    """
    return bank_layout(layout, options, engine, title, entries, heading)[0]


def bank_layout(
    layout: Layout,
    options: RenderOptions,
    engine: EngineInfo,
    title: str = "",
    entries: list[tuple[str, str]] | None = None,
    heading: str = BANK_HEADING,
) -> tuple[Layout, Start | None]:
    """The layout with the bank of a place worksheet added, and the bank's start, if any.

    The bank begins on the diagram's last page where it has room (see
    :func:`~.banklast.bank_start`) and goes on on pages of its own, cut into as many as
    keep its statements at the page's legibility floor (a page the engine draws taller
    than the budget is cut again), each a box of numbered statements in the bank's
    order, in as many columns as the page's width holds (see :mod:`~.bankcolumns`),
    read down each column in turn; a page the engine draws wider than the budget takes
    a column fewer. Every page's heading counts them: the diagram's pages say ``page 1
    of N`` with N all the pages printed, and each bank page has the diagram's heading
    (``title``), numbered on. ``entries`` (with their ``heading``): another list of
    statements, each after its name (an answer key's, by position), on pages of their
    own alike.

    Raises:
        RenderError: the engine fails.
    """
    sheet = options.sheet
    start: Start | None = None
    own = entries is None  # the sheet's own bank, not a key's list
    if entries is None:
        if sheet is None or not sheet.bank or sheet.answers:
            return layout, None
        entries = bank_entries(sheet)
    names = max(text_points(name, BANK_POINTS, "B") for name, _ in entries)
    if own:
        start = bank_start(layout, entries, names, (options, engine, heading))
    rest = entries[start.rows :] if start is not None else entries
    before = 0 if start is None else 1
    drawn, chunks = _columned(rest, names, layout, (options, engine, title, heading, before))
    total = len(layout.pages) + len(chunks)
    pages = [_counted(page, total) for page in layout.pages]
    if start is not None:
        start = start.titled(
            part_heading(heading, 1, before + len(chunks)), (options, engine, heading)
        )
        pages[-1] = _counted(start.onto(layout.pages[-1]), total)
    for g, svg in drawn:
        page = Page(number=len(pages) + 1, trail=(), tops=(), nodes=())
        width, height = svg_size(svg)
        plan = PagePlan(page, total, {})
        pages.append(LaidPage.of(plan, svg, width, height, build=functools.partial(_same, g)))
    return replace(
        layout, pages=pages, deck=deck_scale(layout.budget, pages)
    ), start  # one text size


def _columned(
    entries: list[tuple[str, str]], names: float, layout: Layout, drawing: _Drawing
) -> tuple[list[tuple[Digraph, bytes]], list[Columns]]:
    """The bank's pages in as many columns as the page's width holds (one fewer while too wide)."""
    if not entries:
        return [], []
    budget = layout.budget
    columns = column_count(budget.width, FRAME, names)
    while True:
        drawn, chunks = _bank_pages(entries, columns, names, layout, drawing)
        if columns == 1 or all(svg_size(svg)[0] <= budget.width + OVERHANG for _, svg in drawn):
            return drawn, chunks
        columns -= 1  # drawn wider than estimated: one column fewer


_Drawing = tuple[RenderOptions, "EngineInfo", str, str, int]
"""What draws a bank page: the options, the engine, the diagram's title, the bank's heading,
and how many parts of the bank come before its pages (its start on the diagram's page)."""


def _bank_pages(
    entries: list[tuple[str, str]],
    columns: int,
    names: float,
    layout: Layout,
    drawing: _Drawing,
) -> tuple[list[tuple[Digraph, bytes]], list[Columns]]:
    """The bank's pages in ``columns`` columns: each page's graph and SVG, and its rows.

    The bank is cut into as many pages as keep its statements at the page's legibility
    floor (a page the engine draws taller than the budget is cut again).
    """
    room = column_room(layout.budget.width, FRAME, names, columns)
    rows = bank_rows(entries, room)
    heights = bank_heights(entries, room)
    tall = layout.budget.height - HEADING
    chunks = cut_columns(heights, columns, tall)
    drawn = _draw(rows, chunks, layout, drawing)
    # The engine's rows may be taller than estimated: scale the estimates by the most it
    # took over them on a full page and cut again; a page still too tall is halved until
    # it fits. (A short last page's margins, over its few rows, once scaled every
    # estimate by half again: the flagship's upright bank took 10 pages half full.)
    ratio = _ratio(heights, chunks, drawn, layout.budget.height)
    if ratio > 1:
        chunks = cut_columns([height * ratio for height in heights], columns, tall)
        drawn = _draw(rows, chunks, layout, drawing)
    while any(
        not _fits(layout, svg, chunk) for chunk, (_, svg) in zip(chunks, drawn, strict=True)
    ):
        chunks = [
            part
            for chunk, (_, svg) in zip(chunks, drawn, strict=True)
            for part in ([chunk] if _fits(layout, svg, chunk) else _halves(chunk, heights))
        ]
        drawn = _draw(rows, chunks, layout, drawing)
    return drawn, chunks


def _ratio(
    heights: list[float], chunks: list[Columns], drawn: list[tuple[Digraph, bytes]], budget: float
) -> float:
    """The most the engine drew a full page's rows taller than estimated (any page's, if none)."""
    measured = [
        (svg_size(svg)[1] - HEADING, max(sum(heights[i] for i in column) for column in chunk))
        for chunk, (_, svg) in zip(chunks, drawn, strict=True)
    ]
    full = [pair for pair in measured if pair[1] >= budget / 2] or measured
    return max(drawn_height / estimate for drawn_height, estimate in full)


def _draw(
    rows: list[str], chunks: list[Columns], layout: Layout, drawing: _Drawing
) -> list[tuple[Digraph, bytes]]:
    """Each chunk of the bank's rows as a page's graph, and the engine's SVG of it."""
    from argmap.exporters.diagram.enginepool import stream_svgs

    options, engine, title, name, before = drawing
    total = len(layout.pages) + len(chunks)
    graphs = []
    for index, chunk in enumerate(chunks, start=1):
        g = Digraph("bank")
        g.attr("graph", GRAPH_ATTR)
        number = len(layout.pages) + index
        top = page_heading(title, f"page {number} of {total}", heading_room(layout.budget))
        g.attr("graph", heading_attrs(top))
        heading = part_heading(name, before + index, before + len(chunks))
        add_bank_columns(g, [[rows[i] for i in column] for column in chunk], heading)
        graphs.append(g)
    svgs = stream_svgs([g.source for g in graphs], engine, map_name=options.map_name)
    return list(zip(graphs, svgs, strict=True))


def _fits(layout: Layout, svg: bytes, chunk: Columns) -> bool:
    """Whether a bank page is shown at the legibility floor (or holds one row: cut no more)."""
    width, height = svg_size(svg)
    return sum(map(len, chunk)) == 1 or layout.budget.holds(width, height)


def _halves(chunk: Columns, heights: list[float]) -> list[Columns]:
    """A page's rows cut in two pages, each's columns evened out."""
    rows = [index for column in chunk for index in column]
    middle = (len(rows) + 1) // 2
    columns = len(chunk)
    return [balanced(rows[:middle], heights, columns), balanced(rows[middle:], heights, columns)]


def _same(g: Digraph) -> Digraph:
    """A bank page's graph, built already."""
    return g


_FIRST_TEXT: Final = re.compile(r"<text\b[^>]*>([^<]*)</text>")
_TOTAL: Final = re.compile(r"(page \d+ of )\d+$")
"""The end of a page's heading, its first text: ``page N of TOTAL``."""
_DOT_HEADING: Final = "\tgraph ["
_DOT_TOTAL: Final = re.compile(r"(page \d+ of )\d+(?=(?:</FONT>)?>)")
"""The end of the heading in a page's DOT: its graph label's last words."""


def heading_attrs(heading: str) -> dict[str, str]:
    """A bank page's heading, drawn as a diagram page's is (top left, small, grey)."""
    return {
        "label": Html(lines_html([heading])),
        "labelloc": "t",
        "labeljust": "l",
        "fontsize": "11",
        "fontcolor": "#424242",
    }


def _counted(page: LaidPage, total: int) -> LaidPage:
    """A diagram page whose heading counts ``total`` pages: the bank's with the diagram's."""
    finish = page.finish

    def recount(svg: str) -> str:
        svg = svg if finish is None else finish(svg)
        first = _FIRST_TEXT.search(svg)
        if first is None:
            return svg
        heading = _TOTAL.sub(rf"\g<1>{total}", first.group(1), count=1)
        return svg[: first.start(1)] + heading + svg[first.end(1) :]

    build = page.build

    def rebuild() -> Digraph:  # the DOT page's heading, likewise
        g = build().copy()
        for i, line in enumerate(g.body):
            if line.startswith(_DOT_HEADING) and _DOT_TOTAL.search(line):
                g.body[i] = _DOT_TOTAL.sub(rf"\g<1>{total}", line, count=1)
                break
        return g

    return replace(page, plan=replace(page.plan, total=total), finish=recount, build=rebuild)
