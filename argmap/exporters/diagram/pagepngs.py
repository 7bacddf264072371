"""PNG pages of a fitted diagram: each drawn once, at the page's exact pixel size."""

from __future__ import annotations

import re
import struct
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from argmap.errors import RenderError
from argmap.exporters.diagram.fitting import PIXELS_PER_POINT, LaidPage, Layout, svg_size

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["PAGE_DPI", "page_png", "page_pngs", "viewport"]

PAGE_DPI: Final = round(72 * PIXELS_PER_POINT)
"""The resolution pages are drawn at: 144 dpi, a 960 x 540 point slide is 1920 x 1080 pixels."""

_ORIGIN: Final = re.compile(r'<g id="graph0"[^>]*?translate\(([-\d.]+) ([-\d.]+)\)')


def viewport(svg: str, scale: float, pixels: tuple[int, int]) -> str:
    """The engine's ``viewport`` that draws a laid-out graph as :func:`page_svg` places it.

    The image is exactly ``pixels`` in size at :data:`PAGE_DPI`, the drawing is scaled by
    ``scale`` and centred on the middle of the engine's drawing (its padding included),
    so no size is left to the engine's rounding and every page is drawn once.

    Args:
        svg: the engine's SVG of the graph (laid out as the PNG will be).
        scale: the scale the page shows its drawing at.
        pixels: the page's width and height in pixels.
    """
    width, height = svg_size(svg)
    origin = _ORIGIN.search(svg)
    left, top = (float(origin.group(1)), float(origin.group(2))) if origin else (0.0, height)
    # Graph coordinates grow upward from the drawing's lower left; the SVG's user space
    # is the graph shifted right by ``left`` and flipped about ``top``.
    x, y = width / 2 - left, top - height / 2
    side_w, side_h = (p * 72 / PAGE_DPI for p in pixels)
    return f"{side_w:.4f},{side_h:.4f},{scale:.6f},{x:.3f},{y:.3f}"


def page_png(layout: Layout, page: LaidPage, engine: EngineInfo, map_name: str) -> bytes:
    """Draw one page as a PNG of the page's exact pixel size (see :func:`page_pngs`).

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    return page_pngs(layout, [page], engine, map_name)[0]


def page_pngs(
    layout: Layout, pages: list[LaidPage], engine: EngineInfo, map_name: str
) -> list[bytes]:
    """Draw pages as PNGs of the page's exact pixel size (a slide: 1920 x 1080).

    The pages are laid out with their real page numbers (a draft's zeros may be wider),
    which tells each drawing's size and so its scale; then each is drawn once through a
    :func:`viewport` of the page's size, the engine runs spread over the machine's cores
    (see :func:`~argmap.exporters.diagram.engine.run_engine_pngs`).

    Raises:
        RenderError: the engine is missing, fails or times out, or draws a page of
            another size.
    """
    from argmap.exporters.diagram.engine import run_engine_pngs, run_engine_svgs

    graphs = [page.graph for page in pages]
    drawn = run_engine_svgs([str(g.source) for g in graphs], engine, map_name=map_name)
    pixels = (
        round(layout.size.width * PIXELS_PER_POINT),
        round(layout.size.height * PIXELS_PER_POINT),
    )
    sources = []
    for page, graph, svg in zip(pages, graphs, drawn, strict=True):
        width, height = svg_size(svg)
        scale = layout.scale(replace(page, width=width, height=height))
        graph = graph.copy()
        graph.attr("graph", dpi=str(PAGE_DPI), viewport=viewport(svg, scale, pixels))
        sources.append(str(graph.source))
    pngs = run_engine_pngs(sources, engine, map_name=map_name)
    for page, png in zip(pages, pngs, strict=True):
        size = struct.unpack(">II", png[16:24])
        if size != pixels:
            raise RenderError(
                f"{map_name}: the engine drew PNG page {page.plan.page.number} at "
                f"{size[0]} x {size[1]} pixels, not {pixels[0]} x {pixels[1]}; try --engine "
                "bundled, or --format pdf"
            )
    return pngs
