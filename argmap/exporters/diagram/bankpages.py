"""A place worksheet's bank (or a key's answers) on pages of its own, after the diagram's."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.dot import Digraph, Html
from argmap.exporters.diagram.fitting import LaidPage, Layout, svg_size
from argmap.exporters.diagram.labels import lines_html
from argmap.exporters.diagram.pageheading import heading_room, page_heading
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import deck_scale
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.styles import GRAPH_ATTR
from argmap.exporters.diagram.textwidth import text_points
from argmap.exporters.diagram.worksheet import (
    BANK_POINTS,
    add_bank_rows,
    bank_entries,
    bank_lines,
    bank_rows,
)
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["with_bank_pages"]

ROW_PADDING: Final = 12.0
"""Points a bank row takes beyond its lines: cell padding and spacing."""
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
    heading: str = "STATEMENT BANK",
) -> Layout:
    """Return the layout with the bank of a place worksheet added as pages of its own.

    The bank is cut into as many pages as keep its statements at the page's legibility
    floor (a page the engine draws taller than the budget is cut again), each a box of
    numbered statements in the bank's order. Every page's heading counts them: the
    diagram's pages say ``page 1 of N`` with N all the pages printed, and each bank page
    has the diagram's heading (``title``), numbered on. ``entries`` (with their
    ``heading``): another list of statements, each after its name (an answer key's, by
    position), on pages alike.

    Raises:
        RenderError: the engine fails.
    """
    sheet = options.sheet
    if entries is None:
        if sheet is None or not sheet.bank or sheet.answers:
            return layout
        entries = bank_entries(sheet)
    names = max(text_points(name, BANK_POINTS, "B") for name, _ in entries)
    room = layout.budget.width - FRAME - names  # a statement's lines, on the page's width
    rows = bank_rows(entries, room)
    heights = [
        len(bank_lines(text, room)) * BANK_POINTS * 1.2 + ROW_PADDING for _, text in entries
    ]
    chunks = _cut(heights, layout.budget.height)
    drawn = _draw(rows, chunks, layout, options, engine, title, heading)
    # The engine's rows may be taller than estimated: scale the estimates by the most it
    # took over them on a full page and cut again; a page still too tall is halved until
    # it fits. (A short last page's margins, over its few rows, once scaled every
    # estimate by half again: the flagship's upright bank took 10 pages half full.)
    ratio = _ratio(heights, chunks, drawn, layout.budget.height)
    if ratio > 1:
        chunks = _cut([height * ratio for height in heights], layout.budget.height)
        drawn = _draw(rows, chunks, layout, options, engine, title, heading)
    while any(
        not _fits(layout, svg, chunk) for chunk, (_, svg) in zip(chunks, drawn, strict=True)
    ):
        chunks = [
            part
            for chunk, (_, svg) in zip(chunks, drawn, strict=True)
            for part in ([chunk] if _fits(layout, svg, chunk) else _halves(chunk))
        ]
        drawn = _draw(rows, chunks, layout, options, engine, title, heading)
    total = len(layout.pages) + len(chunks)
    pages = [_counted(page, total) for page in layout.pages]
    for g, svg in drawn:
        page = Page(number=len(pages) + 1, trail=(), tops=(), nodes=())
        width, height = svg_size(svg)
        plan = PagePlan(page, total, {})
        pages.append(LaidPage.of(plan, svg, width, height, build=functools.partial(_same, g)))
    return replace(layout, pages=pages, deck=deck_scale(layout.budget, pages))  # one text size


def _ratio(
    heights: list[float], chunks: list[range], drawn: list[tuple[Digraph, bytes]], budget: float
) -> float:
    """The most the engine drew a full page's rows taller than estimated (any page's, if none)."""
    measured = [
        (svg_size(svg)[1] - HEADING, sum(heights[i] for i in chunk))
        for chunk, (_, svg) in zip(chunks, drawn, strict=True)
    ]
    full = [pair for pair in measured if pair[1] >= budget / 2] or measured
    return max(drawn_height / estimate for drawn_height, estimate in full)


def _cut(heights: list[float], budget: float) -> list[range]:
    """The bank's rows (by index) cut into pages of about ``budget`` points, a row at least."""
    chunks: list[range] = []
    start, used = 0, HEADING
    for i, height in enumerate(heights):
        if i > start and used + height > budget:
            chunks.append(range(start, i))
            start, used = i, HEADING
        used += height
    return [*chunks, range(start, len(heights))]


def _draw(
    rows: list[str],
    chunks: list[range],
    layout: Layout,
    options: RenderOptions,
    engine: EngineInfo,
    title: str,
    name: str,
) -> list[tuple[Digraph, bytes]]:
    """Each chunk of the bank's rows as a page's graph, and the engine's SVG of it."""
    from argmap.exporters.diagram.enginepool import stream_svgs

    total = len(layout.pages) + len(chunks)
    graphs = []
    for index, chunk in enumerate(chunks, start=1):
        g = Digraph("bank")
        g.attr("graph", GRAPH_ATTR)
        number = len(layout.pages) + index
        top = page_heading(title, f"page {number} of {total}", heading_room(layout.budget))
        g.attr("graph", heading_attrs(top))
        heading = name + (f" ({index} of {len(chunks)})" if len(chunks) > 1 else "")
        add_bank_rows(g, [rows[i] for i in chunk], heading)
        graphs.append(g)
    svgs = stream_svgs([g.source for g in graphs], engine, map_name=options.map_name)
    return list(zip(graphs, svgs, strict=True))


def _fits(layout: Layout, svg: bytes, chunk: range) -> bool:
    """Whether a bank page is shown at the legibility floor (or holds one row: cut no more)."""
    width, height = svg_size(svg)
    return len(chunk) == 1 or layout.budget.holds(width, height)


def _halves(chunk: range) -> list[range]:
    """A page's rows cut in two."""
    middle = chunk.start + (len(chunk) + 1) // 2
    return [range(chunk.start, middle), range(middle, chunk.stop)]


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
