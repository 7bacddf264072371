"""A place worksheet's statement bank on pages of its own, after the diagram's pages."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.dot import Digraph
from argmap.exporters.diagram.fitting import LaidPage, Layout, svg_size
from argmap.exporters.diagram.labels import wrap
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.styles import GRAPH_ATTR
from argmap.exporters.diagram.worksheet import BANK_WRAP, add_bank_rows, bank_rows
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["with_bank_pages"]

BANK_POINTS: Final = 12.0
ROW_PADDING: Final = 12.0
"""Points a bank row takes beyond its lines: cell padding and spacing."""
HEADING: Final = 40.0
"""Points the bank's heading row and frame take."""


def with_bank_pages(layout: Layout, options: RenderOptions, engine: EngineInfo) -> Layout:
    """Return the layout with the bank of a place worksheet added as pages of its own.

    The bank is cut into as many pages as keep its statements at the page's legibility
    floor, each a box of numbered statements in the bank's order.

    Raises:
        RenderError: the engine fails.
    """
    from argmap.exporters.diagram.enginepool import stream_svgs

    sheet = options.sheet
    if sheet is None or not sheet.bank or sheet.answers:
        return layout
    rows = bank_rows(sheet)
    heights = [
        len(wrap(" ".join(text.split()), BANK_WRAP)) * BANK_POINTS * 1.2 + ROW_PADDING
        for text in sheet.bank
    ]
    chunks: list[list[str]] = [[]]
    used = HEADING
    for row, height in zip(rows, heights, strict=True):
        if chunks[-1] and used + height > layout.budget.height:
            chunks.append([])
            used = HEADING
        chunks[-1].append(row)
        used += height
    graphs = []
    for index, chunk in enumerate(chunks, start=1):
        g = Digraph("bank")
        g.attr("graph", GRAPH_ATTR)
        heading = "STATEMENT BANK" + (f" ({index} of {len(chunks)})" if len(chunks) > 1 else "")
        add_bank_rows(g, chunk, heading)
        graphs.append(g)
    svgs = stream_svgs([g.source for g in graphs], engine, map_name=options.map_name)
    total = len(layout.pages) + len(graphs)
    pages = list(layout.pages)
    for g, svg in zip(graphs, svgs, strict=True):
        page = Page(number=len(pages) + 1, trail=(), tops=(), nodes=())
        width, height = svg_size(svg)
        plan = PagePlan(page, total, {})
        pages.append(LaidPage.of(plan, svg, width, height, build=functools.partial(_same, g)))
    return replace(layout, pages=pages)


def _same(g: Digraph) -> Digraph:
    """A bank page's graph, built already."""
    return g
