"""PNG pages of a fitted diagram: each drawn once, at the page's exact pixel size."""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Final

from argmap.errors import RenderError
from argmap.exporters.diagram.fitting import LaidPage, Layout, page_svg
from argmap.pngwrite import png_size

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["PAGE_DPI", "draw_pages", "page_png", "page_pngs", "viewport"]

logger = logging.getLogger(__name__)

PIXELS_PER_POINT: Final = 2.0
"""PNG pages: a 960 x 540 point slide is 1920 x 1080 pixels."""
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
    """Draw one page as a PNG of the page's exact pixel size (see :func:`draw_pages`).

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    return page_pngs(layout, [page], engine, map_name)[0]


def page_pngs(
    layout: Layout, pages: list[LaidPage], engine: EngineInfo, map_name: str
) -> list[bytes]:
    """Draw pages as PNGs of the page's exact pixel size, all at once (see :func:`draw_pages`).

    Raises:
        RenderError: the engine is missing, fails or times out, or a page comes out at
            another size.
    """
    return list(draw_pages(layout, pages, len(pages), engine, map_name))


def draw_pages(
    layout: Layout,
    pages: Iterable[LaidPage],
    count: int,
    engine: EngineInfo,
    map_name: str,
    *,
    lacking: Sequence[str] = (),
) -> Iterator[bytes]:
    """Draw pages as PNGs of the page's exact pixel size (a slide: 1920 x 1080), as asked for.

    With the bundled engine and a fast resvg binding installed (the ``fastpng`` extra),
    or a map whose characters the engine's fonts lack (``lacking``, drawn by any resvg
    binding), each page's SVG, as the PDF page and the SVG page show it, is drawn in the
    Noto fonts by worker processes (:func:`~argmap.exporters.diagram.raster.draw_pngs`):
    no page is laid out again. Otherwise (the system engine draws in the system's fonts),
    and for a page resvg fails on (warned once, when all are drawn), the engine draws the
    page's graph once through a :func:`viewport` of the page's size at the page's scale.
    ``pages`` is read as the pages are drawn, and each image is handed on as soon as the
    pages before it are: only a few are held at a time.

    Args:
        layout: the laid-out diagram.
        pages: the pages to draw (of ``layout``), in order.
        count: how many there are.
        engine: the engine that laid them out.
        map_name: the map's name, for messages.
        lacking: characters of the map the bundled engine's fonts cannot draw.

    Raises:
        RenderError: the engine is missing, fails or times out, or a page comes out at
            another size.
    """
    from argmap.exporters.diagram import raster

    pixels = (
        round(layout.size.width * PIXELS_PER_POINT),
        round(layout.size.height * PIXELS_PER_POINT),
    )
    if engine.kind != "bundled" or not (lacking or raster.available()):
        yield from _by_engine(layout, pages, engine, map_name, pixels)
    else:
        yield from _by_resvg(layout, pages, count, engine, map_name, pixels, lacking)


def _by_resvg(
    layout: Layout,
    pages: Iterable[LaidPage],
    count: int,
    engine: EngineInfo,
    map_name: str,
    pixels: tuple[int, int],
    lacking: Sequence[str],
) -> Iterator[bytes]:
    """Each page's SVG drawn by resvg; those it fails on by the engine (warned)."""
    from argmap.exporters.diagram import raster

    waiting: deque[LaidPage] = deque()

    def svgs() -> Iterator[str]:
        for page in pages:
            waiting.append(page)
            yield page_svg(layout, page)

    failed: list[LaidPage] = []  # drawn by the engine before the next page resvg drew
    errors: list[tuple[int, Exception]] = []
    for drawn in raster.draw_pngs(svgs(), count, dpi=PAGE_DPI, max_side_px=max(pixels)):
        page = waiting.popleft()
        if not isinstance(drawn, bytes):
            failed.append(page)
            errors.append((page.plan.page.number, drawn))
            if len(failed) < ENGINE_BATCH:
                continue
        yield from _by_engine(layout, failed, engine, map_name, pixels)
        failed.clear()
        if isinstance(drawn, bytes):
            yield _checked(drawn, page, pixels, map_name)
    yield from _by_engine(layout, failed, engine, map_name, pixels)
    if errors:
        _warn_failed([number for number, _ in errors], errors[0][1], map_name, lacking)


ENGINE_BATCH: Final = 40
"""Pages the engine draws in one go, when it draws them (its images are held until then)."""


def _by_engine(
    layout: Layout,
    pages: Iterable[LaidPage],
    engine: EngineInfo,
    map_name: str,
    pixels: tuple[int, int],
) -> Iterator[bytes]:
    """The engine's drawing of each page (:func:`_engine_pngs`), a batch of pages at a time."""
    batch: list[LaidPage] = []
    for page in itertools.chain(pages, [None]):
        if page is not None:
            batch.append(page)
        if batch and (page is None or len(batch) == ENGINE_BATCH):
            drawn = _engine_pngs(layout, batch, engine, map_name, pixels)
            for laid, png in zip(batch, drawn, strict=True):
                yield _checked(png, laid, pixels, map_name)
            batch = []


def _checked(png: bytes, page: LaidPage, pixels: tuple[int, int], map_name: str) -> bytes:
    """The page's image, once it is seen to be the page's size.

    Raises:
        RenderError: it is not.
    """
    size = png_size(png)
    if size != pixels:
        raise RenderError(
            f"{map_name}: PNG page {page.plan.page.number} came out at "
            f"{size[0]} x {size[1]} pixels, not {pixels[0]} x {pixels[1]}; try --engine "
            "bundled, or --format pdf"
        )
    return png


MAX_NAMED_PAGES: Final = 8
"""How many page numbers a warning about pages resvg failed on names."""


def _warn_failed(
    numbers: list[int], first: Exception, map_name: str, lacking: Sequence[str]
) -> None:
    """One warning for the pages resvg failed on (and the engine drew), with the first error."""
    named = ", ".join(map(str, numbers[:MAX_NAMED_PAGES]))
    named += " ..." if len(numbers) > MAX_NAMED_PAGES else ""
    boxes = ""
    if lacking:
        more = " ..." if len(lacking) > MAX_NAMED_PAGES else ""
        boxes = f", where {' '.join(lacking[:MAX_NAMED_PAGES])}{more} show as boxes"
    logger.warning(
        "%s: %s %s: %s; drew %s with the engine instead%s",
        map_name,
        "page" if len(numbers) == 1 else f"{len(numbers)} pages,",
        named,
        str(first).split("; try ")[0],
        "it" if len(numbers) == 1 else "them",
        boxes,
    )


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
