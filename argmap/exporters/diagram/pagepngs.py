"""PNG pages of a fitted diagram: each drawn once, at the page's exact pixel size."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final

from argmap.errors import RenderError
from argmap.exporters.diagram.fitting import PIXELS_PER_POINT, LaidPage, Layout

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["PAGE_DPI", "page_png", "page_pngs", "viewport"]

PAGE_DPI: Final = round(72 * PIXELS_PER_POINT)
"""The resolution pages are drawn at: 144 dpi, a 960 x 540 point slide is 1920 x 1080 pixels."""


def viewport(scale: float, pixels: tuple[int, int]) -> str:
    """The engine's ``viewport`` that draws a page's graph as :func:`page_svg` places it.

    The image is exactly ``pixels`` in size at :data:`PAGE_DPI` (so no size is left to the
    engine's rounding, and every page is drawn once), the drawing scaled by ``scale`` and
    centred on the middle of its bounding box, the engine's default focus.

    Args:
        scale: the scale the page shows its drawing at (:meth:`Layout.scale`).
        pixels: the page's width and height in pixels.
    """
    width, height = (side * 72 / PAGE_DPI for side in pixels)
    return f"{width:.4f},{height:.4f},{scale:.6f}"


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

    Each page's graph, with its real page numbers, is drawn once through a
    :func:`viewport` of the page's size at the page's scale, the engine runs spread over
    the machine's cores (see :func:`~argmap.exporters.diagram.engine.run_engine_pngs`).
    The scale is the one the page's SVG and PDF page show the drawing at: that of its
    draft, whose numbers, drawn as zeros, are never narrower than the real ones.

    Raises:
        RenderError: the engine is missing, fails or times out, or draws a page of
            another size.
    """
    from argmap.exporters.diagram.engine import run_engine_pngs

    pixels = (
        round(layout.size.width * PIXELS_PER_POINT),
        round(layout.size.height * PIXELS_PER_POINT),
    )
    sources = []
    for page in pages:
        graph = page.graph.copy()
        scaled = {"dpi": str(PAGE_DPI), "viewport": viewport(layout.scale(page), pixels)}
        graph.attr("graph", scaled)
        sources.append(graph.source)
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
