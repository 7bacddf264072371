"""PNG pages of a fitted diagram: each drawn once, at the page's exact pixel size."""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, overload

from argmap.errors import RenderError
from argmap.exporters.diagram.fitting import PIXELS_PER_POINT, LaidPage, Layout, page_svg

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["PAGE_DPI", "page_png", "page_pngs", "viewport"]

logger = logging.getLogger(__name__)

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

    With the bundled engine and a fast resvg binding installed (the ``scripts`` extra),
    each page's SVG, as the PDF page and the SVG page show it, is drawn in the Noto fonts
    by worker processes (:func:`~argmap.exporters.diagram.raster.svgs_to_pngs`): no page
    is laid out again. Otherwise (the system engine draws in the system's fonts), and for
    a page resvg fails on (warned), the engine draws the page's graph once through a
    :func:`viewport` of the page's size at the page's scale.

    Raises:
        RenderError: the engine is missing, fails or times out, or a page comes out at
            another size.
    """
    from argmap.exporters.diagram import raster

    pixels = (
        round(layout.size.width * PIXELS_PER_POINT),
        round(layout.size.height * PIXELS_PER_POINT),
    )
    pngs: list[bytes | None] = [None] * len(pages)
    if engine.kind == "bundled" and raster.available():
        svgs = _PageSVGs(layout, pages)
        drawn = raster.svgs_to_pngs(svgs, dpi=PAGE_DPI, max_side_px=max(pixels))
        failed = [(i, png) for i, png in enumerate(drawn) if not isinstance(png, bytes)]
        pngs = [png if isinstance(png, bytes) else None for png in drawn]
        if failed:
            _warn_failed([pages[i].plan.page.number for i, _ in failed], failed[0][1], map_name)
    todo = [i for i, png in enumerate(pngs) if png is None]
    if todo:
        drawn_by_engine = _engine_pngs(layout, [pages[i] for i in todo], engine, map_name, pixels)
        for i, png in zip(todo, drawn_by_engine, strict=True):
            pngs[i] = png
    done = [png for png in pngs if png is not None]
    for page, png in zip(pages, done, strict=True):
        size = struct.unpack(">II", png[16:24])
        if size != pixels:
            raise RenderError(
                f"{map_name}: PNG page {page.plan.page.number} came out at "
                f"{size[0]} x {size[1]} pixels, not {pixels[0]} x {pixels[1]}; try --engine "
                "bundled, or --format pdf"
            )
    return done


MAX_NAMED_PAGES: Final = 8
"""How many page numbers a warning about pages resvg failed on names."""


def _warn_failed(numbers: list[int], first: Exception, map_name: str) -> None:
    """One warning for the pages resvg failed on (and the engine drew), with the first error."""
    named = ", ".join(map(str, numbers[:MAX_NAMED_PAGES]))
    named += " ..." if len(numbers) > MAX_NAMED_PAGES else ""
    logger.warning(
        "%s: %s %s: %s; drew %s with the engine instead",
        map_name,
        "page" if len(numbers) == 1 else f"{len(numbers)} pages,",
        named,
        str(first).split("; try ")[0],
        "it" if len(numbers) == 1 else "them",
    )


class _PageSVGs(Sequence[str]):
    """The pages' SVGs at the page size, each made when asked for (see :func:`page_svg`)."""

    def __init__(self, layout: Layout, pages: list[LaidPage]) -> None:
        self.layout = layout
        self.pages = pages

    def __len__(self) -> int:
        return len(self.pages)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [page_svg(self.layout, page) for page in self.pages[index]]
        return page_svg(self.layout, self.pages[index])


def _engine_pngs(
    layout: Layout,
    pages: list[LaidPage],
    engine: EngineInfo,
    map_name: str,
    pixels: tuple[int, int],
) -> list[bytes]:
    """The engine's drawing of each page's graph through a viewport of the page's size.

    The scale is the one the page's SVG and PDF page show the drawing at: that of its
    draft, whose numbers, drawn as zeros, are never narrower than the real ones. The
    engine runs are spread over the machine's cores
    (:func:`~argmap.exporters.diagram.engine.run_engine_pngs`).
    """
    from argmap.exporters.diagram.engine import run_engine_pngs

    sources = []
    for page in pages:
        graph = page.graph.copy()
        scaled = {"dpi": str(PAGE_DPI), "viewport": viewport(layout.scale(page), pixels)}
        graph.attr("graph", scaled)
        sources.append(graph.source)
    return run_engine_pngs(sources, engine, map_name=map_name)
