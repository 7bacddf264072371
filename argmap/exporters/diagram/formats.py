"""The diagram's output formats (DOT source, SVG, PNG, PDF) and the exporters that serve them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Final

from argmap.exporters import Exporter, RenderOptions
from argmap.exporters.diagram.build import to_digraph
from argmap.exporters.diagram.glyphwarnings import some_glyphs, warn_unfontable
from argmap.exporters.diagram.keycells import drawn_key
from argmap.exporters.diagram.labels import clean, drawn_text
from argmap.model import ArgumentMap
from argmap.options import DEFAULT_FITS, Fit

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.engine import EngineInfo
    from argmap.exporters.diagram.fitting import LaidPage, Layout

__all__ = [
    "EXPORTERS",
    "export_dot",
    "export_svg",
    "render_pdf",
    "render_png",
    "render_svg",
    "stream_pdf",
    "stream_png",
    "to_dot",
]

logger = logging.getLogger(__name__)

STATEMENT_POINTS: Final = 13.0
"""A statement's text size in a drawing, in points (a short thesis's is larger)."""

LEGIBLE_PX: Final = 9.0
"""The smallest statement text, in pixels, one PNG of a whole map is left without a warning."""

PDF_MODULES: Final = ("fontTools",)
"""What the ``pdf`` extra brings: fontTools reads and cuts the fonts (argmap writes the PDF)."""

SCRIPTS_MODULES: Final = ("resvg_py", "fontTools")
"""What the ``scripts`` extra brings: resvg draws a PNG in the Noto fonts, fontTools reads them."""


def to_dot(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """Return the map's diagram as DOT source text."""
    return str(to_digraph(m, analysis, options).source)


def render_svg(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """Render the map's diagram as SVG text for a browser (the HTML page inlines it).

    Its right-to-left lines are set so (see :func:`.svgdirection.line_directions`).

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    from argmap.exporters.diagram.svgdirection import line_directions

    return line_directions(_drawing_svg(m, analysis, options or RenderOptions()))


def _drawing_svg(m: ArgumentMap, analysis: Analysis, options: RenderOptions) -> str:
    """The engine's SVG of the whole diagram, each line as it is drawn left to right.

    The PDF takes it so: it draws a right-to-left line in drawing order itself, and
    knows no ``direction`` (a line marked so for a browser, its anchor swapped, was
    drawn from the wrong end: a right-to-left citation ran out of its box).
    """
    from argmap.deep import heap_frozen
    from argmap.exporters.diagram.engine import run_engine_svg

    with heap_frozen():  # the map, and the DOT and drawing as made, left out of full passes
        dot = to_dot(m, analysis, options)
        return run_engine_svg(dot, options.engine, map_name=options.map_name)


def render_png(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None
) -> bytes | list[bytes]:
    """Render the map's diagram as PNG: 16:9 slides by default, else one image.

    With ``options.fit`` (default ``slide``) the map is split into pages that each hold
    their text at the legibility floor, one image of the page's exact pixel size per page
    (a slide is 1920 x 1080); ``none`` draws one image of the whole map at 144 dpi.
    :func:`stream_png` hands the same images on one at a time.

    The bundled engine draws PNG text only in its own fonts (Latin, Greek, Cyrillic,
    Hebrew); when the map holds other characters (Hangul, CJK, Arabic, emoji...), its
    SVG is rasterized by resvg with the Noto fonts instead, so every glyph shows. That
    needs the ``scripts`` extra; the system engine draws with the system's fonts.

    Returns:
        The image, or the pages' images in order when there are several.

    Raises:
        MissingExtraError: the map needs the Noto route and the ``scripts`` extra is absent.
        RenderError: the engine is missing, fails or times out.
    """
    count, pages = stream_png(m, analysis, options or RenderOptions())
    images = list(pages)
    return images[0] if count == 1 else images


def stream_png(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions
) -> tuple[int, Iterator[bytes]]:
    """The map's PNG images (see :func:`render_png`), each drawn as it is asked for.

    The map is laid out first; the pages are then drawn while they are read, a few
    at a time, so a render of thousands of slides never holds them all.

    Returns:
        How many images there are, and the images in order (one: the file itself).

    Raises:
        MissingExtraError: the map needs the Noto route and the ``scripts`` extra is absent.
        RenderError: the engine is missing, fails or times out (also while the images
            are read).
    """
    from argmap.exporters.diagram.engine import find_engine, missing_png_glyphs

    info = find_engine(options.engine)
    lacking: list[str] = []
    text = drawn_text(m, options)
    if info.kind == "bundled":
        lacking = missing_png_glyphs(text)
        if lacking:
            from argmap.errors import require_extra

            require_extra(
                f"{options.map_name}: drawing {some_glyphs(lacking)} in a PNG (the bundled "
                "engine's fonts lack them)",
                "scripts",
                SCRIPTS_MODULES,
            )
    if lacking:
        logger.info(
            "%s: PNG drawn from the SVG with the Noto fonts (the bundled engine's fonts lack %s)",
            options.map_name,
            some_glyphs(lacking),
        )
        warn_unfontable(text, options.map_name, "PNG")
    layout = _pages(m, analysis, options, DEFAULT_FITS["png"], info)
    if layout is None:
        return 1, iter([_png_drawing(to_dot(m, analysis, options), info, lacking, options)])
    from argmap.exporters.diagram.pagepngs import draw_pages

    count, pages = len(layout.pages), layout.pages[::-1]
    layout.pages.clear()  # each page let go of once drawn

    def laid() -> Iterator[LaidPage]:
        while pages:
            yield pages.pop()

    return count, draw_pages(layout, laid(), count, info, options.map_name, lacking=lacking)


def _png_drawing(dot: str, info: EngineInfo, lacking: list[str], options: RenderOptions) -> bytes:
    """The whole drawing as one PNG, through resvg when the engine's fonts lack glyphs."""
    from argmap.exporters.diagram.engine import PNG_DPI, run_engine, run_engine_svg

    png = svg = None
    if lacking or _noto_route(info):
        svg = run_engine_svg(dot, info, map_name=options.map_name)
        png = _noto_png(svg, PNG_DPI, lacking, options)
    png = png or run_engine(dot, "png", info, map_name=options.map_name)
    _warn_illegible(png, svg if png is not None else None, options.map_name)
    return png


def _warn_illegible(png: bytes, svg: str | None, map_name: str) -> None:
    """Warn when one PNG of a whole map is scaled down past reading (``--fit none``).

    Its sides are capped (:data:`~.engine.MAX_PNG_SIDE_PX`): a map of hundreds of nodes
    came out as a strip 8,000 pixels wide and 78 high, its text under a pixel, exit 0.
    From the SVG the scale is known, so the warning says how high a statement's text is.
    """
    from argmap.exporters.diagram.engine import MAX_PNG_SIDE_PX
    from argmap.exporters.diagram.packed import svg_size
    from argmap.pngwrite import png_size

    width, height = png_size(png)
    if max(width, height) < MAX_PNG_SIDE_PX - 1:
        return  # drawn at its full size: as legible as the map's text is
    shown = ""
    if svg is not None:  # the drawing's width in points, drawn in ``width`` pixels
        px = STATEMENT_POINTS * width / svg_size(svg)[0]
        if px >= LEGIBLE_PX:
            return
        shown = f"; its statements are {px:.1f} px high"
    logger.warning(
        "%s: the PNG of the whole map is scaled down to %d x %d px (no side over %s)%s, too "
        "small to read: --fit slide (the PNG default) or --fit a4 draws it on legible pages",
        map_name,
        width,
        height,
        f"{MAX_PNG_SIDE_PX:,}",
        shown,
    )


def _noto_route(info: EngineInfo) -> bool:
    """Whether the whole drawing is best drawn by resvg in the Noto fonts it was measured in.

    The bundled engine lays text out with Noto's widths but draws its PNG in its own fonts
    (narrower faces, a serif one for characters such as the em dash); resvg draws the
    engine's SVG in the Noto fonts, as the PNG pages and the PDF do.
    """
    from argmap.exporters.diagram.raster import available

    return info.kind == "bundled" and available()


def _noto_png(svg: str, dpi: int, lacking: list[str], options: RenderOptions) -> bytes | None:
    """The SVG rasterized by resvg in the Noto fonts, or None (warned) if resvg fails."""
    from argmap.errors import RenderError
    from argmap.exporters.diagram.engine import MAX_PNG_SIDE_PX
    from argmap.exporters.diagram.raster import svg_to_png

    try:
        png = svg_to_png(svg, dpi=dpi, max_side_px=MAX_PNG_SIDE_PX)
    except RenderError as exc:
        _warn_engine_instead(exc, lacking, options)
        return None
    return png


def _warn_engine_instead(error: Exception, lacking: list[str], options: RenderOptions) -> None:
    logger.warning(
        "%s: %s; drew the PNG with the engine instead, where %s show as boxes",
        options.map_name,
        str(error).split("; try ")[0],
        some_glyphs(lacking),
    )


def render_pdf(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> bytes:
    """Render the map's diagram as a PDF: A4 pages by default, text kept as text.

    With ``options.fit`` (default ``a4``, landscape unless ``portrait``) the map is split
    into pages that each hold their text at the legibility floor, with stubs, breadcrumbs
    and references linking to their pages; ``none`` gives one page of the drawing's size.
    :func:`stream_pdf` writes the same bytes to a file without holding them.

    Raises:
        MissingExtraError: the ``pdf`` extra is absent.
        RenderError: the engine is missing, fails or times out, or the PDF cannot be made.
    """
    import tempfile

    with tempfile.TemporaryFile(prefix="argmap-pdf-") as out:
        stream_pdf(m, analysis, options or RenderOptions(), out)
        out.seek(0)
        return out.read()


def stream_pdf(m: ArgumentMap, analysis: Analysis, options: RenderOptions, out: IO[bytes]) -> None:
    """Write the map's PDF (see :func:`render_pdf`) to ``out``, each page as it is drawn.

    Raises:
        MissingExtraError: the ``pdf`` extra is absent.
        RenderError: the engine is missing, fails or times out, or the PDF cannot be made.
    """
    from argmap.errors import require_extra

    require_extra("pdf", "pdf", PDF_MODULES)
    from argmap.exporters.diagram.pdf import write_pdf

    warn_unfontable(drawn_text(m, options), options.map_name, "PDF")
    layout = _pages(m, analysis, options, DEFAULT_FITS["pdf"])
    title = clean(m.title)
    if layout is None:
        write_pdf(1, [_drawing_svg(m, analysis, options)], out, title=title)
    else:
        from argmap.exporters.diagram.pageoutline import page_outline

        outline = page_outline(m, layout, options)  # before the pages go (see _page_svgs)
        write_pdf(len(layout.pages), _page_svgs(layout), out, title=title, outline=outline)


def _page_svgs(layout: Layout) -> Iterator[str]:
    """Each page's SVG, made when the PDF asks for it; the layout lets go of each page drawn.

    Only the page being drawn is held as SVG: a 37,000-page layout holds about 10 kB of
    engine SVG a page, more than its finished PDF page (about 3 kB).
    """
    from argmap.exporters.diagram.fitting import page_svg

    todo = layout.pages[::-1]
    layout.pages.clear()
    while todo:
        yield page_svg(layout, todo.pop())


def export_svg(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None
) -> str | list[str]:
    """The ``svg`` format: one drawing, or page-sized pages with ``options.fit``.

    Each file embeds the Noto Sans slices its map's words need (:func:`.webfonts.embed_fonts`)
    and sets its right-to-left lines so (:func:`.svgdirection.line_directions`).
    """
    from argmap.exporters.diagram.svgdirection import line_directions
    from argmap.exporters.diagram.webfonts import embed_fonts, map_words

    options = options or RenderOptions()
    words = map_words(m)
    layout = _pages(m, analysis, options, DEFAULT_FITS["svg"])
    if layout is None:
        return embed_fonts(render_svg(m, analysis, options), words)
    from argmap.exporters.diagram.fitting import page_svg

    drawn = (line_directions(page_svg(layout, page)) for page in layout.pages)
    return _one_or_all([embed_fonts(page, words) for page in drawn])


def export_dot(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None
) -> str | list[str]:
    """The ``dot`` format: one graph, or a graph per page, the key's arrows drawn as arrows."""
    options = options or RenderOptions()
    layout = _pages(m, analysis, options, DEFAULT_FITS["dot"])
    if layout is None:
        return drawn_key(to_dot(m, analysis, options))
    return _one_or_all([drawn_key(str(page.graph.source)) for page in layout.pages])


def _pages(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    default: Fit,
    engine: EngineInfo | None = None,
) -> Layout | None:
    """The diagram laid out on pages of ``options.fit`` (else the format's ``default``).

    Returns None when the fit is ``none``: the format draws the whole map at once (and
    the page layout's modules are not even imported).
    """
    fit = options.fit if options.fit is not None else default
    if fit == "none":
        return None
    from argmap.exporters.diagram.engine import find_engine
    from argmap.exporters.diagram.fitting import lay_out

    engine = engine or find_engine(options.engine)
    if options.sheet is not None and options.sheet.answers:  # on its worksheet's pages
        from argmap.exporters.diagram.keypages import key_layout

        return key_layout(m, options, fit, engine)
    layout = lay_out(m, analysis, options, fit, engine)
    if options.sheet is not None:
        from argmap.exporters.diagram.bankpages import with_bank_pages

        layout = with_bank_pages(layout, options, engine, m.title)
    return layout


def _one_or_all(pages: list[str]) -> str | list[str]:
    """A single page as itself, several as the list a file each is written from."""
    return pages[0] if len(pages) == 1 else pages


EXPORTERS: Final[dict[str, Exporter]] = {
    "dot": Exporter("dot", ".dot", "Graphviz DOT source of the diagram", export_dot),
    "svg": Exporter("svg", ".svg", "interactive SVG diagram (tooltips, node links)", export_svg),
    "png": Exporter(
        "png", ".png", "PNG diagram pages for 16:9 slides", render_png, stream_pages=stream_png
    ),
    "pdf": Exporter(
        "pdf",
        ".pdf",
        "PDF diagram on A4 pages, text selectable",
        render_pdf,
        extra="pdf",
        requires=PDF_MODULES,
        stream=stream_pdf,
    ),
}
"""The diagram formats this module serves."""
