"""The diagram's output formats (DOT source, SVG, PNG, PDF) and the exporters that serve them."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from argmap.exporters import Exporter, RenderOptions
from argmap.exporters.diagram.build import to_digraph
from argmap.exporters.diagram.labels import clean, drawn_text
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["EXPORTERS", "render_pdf", "render_png", "render_svg", "to_dot"]

logger = logging.getLogger(__name__)

PDF_MODULES: Final = ("fpdf", "fontTools")
"""What the ``pdf`` extra brings: fpdf2 draws the page, fontTools cuts the fonts."""

SCRIPTS_MODULES: Final = ("resvg_py", "fontTools")
"""What the ``scripts`` extra brings: resvg draws a PNG in the Noto fonts, fontTools reads them."""


def to_dot(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """Return the map's diagram as DOT source text."""
    return str(to_digraph(m, analysis, options).source)


def render_svg(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """Render the map's diagram as SVG text (for the HTML page to inline).

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    from argmap.exporters.diagram.engine import run_engine

    options = options or RenderOptions()
    data = run_engine(
        to_dot(m, analysis, options), "svg", options.engine, map_name=options.map_name
    )
    return data.decode("utf-8")


def render_png(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> bytes:
    """Render the map's diagram as PNG bytes (slide resolution, size capped).

    The bundled engine draws PNG text only in its own fonts (Latin, Greek, Cyrillic,
    Hebrew); when the map holds other characters (Hangul, CJK, Arabic, emoji...), its
    SVG is rasterized by resvg with the Noto fonts instead, so every glyph shows. That
    needs the ``scripts`` extra; the system engine draws with the system's fonts.

    Raises:
        MissingExtraError: the map needs the Noto route and the ``scripts`` extra is absent.
        RenderError: the engine is missing, fails or times out.
    """
    from argmap.exporters.diagram.engine import find_engine, missing_png_glyphs, run_engine

    options = options or RenderOptions()
    info = find_engine(options.engine)
    dot = to_dot(m, analysis, options)
    if info.kind == "bundled":
        text = drawn_text(m, options)
        lacking = missing_png_glyphs(text)
        if lacking:
            from argmap.errors import require_extra

            require_extra(
                f"{options.map_name}: drawing {_some(lacking)} in a PNG (the bundled engine's "
                "fonts lack them)",
                "scripts",
                SCRIPTS_MODULES,
            )
            png = _png_in_noto(dot, info, text, lacking, options)
            if png is not None:
                return png
    return run_engine(dot, "png", info, map_name=options.map_name)


def _png_in_noto(
    dot: str, info: EngineInfo, text: str, lacking: list[str], options: RenderOptions
) -> bytes | None:
    """The PNG rasterized from the SVG in the Noto fonts, or None (warned) if resvg fails."""
    from argmap.errors import RenderError
    from argmap.exporters.diagram.engine import MAX_PNG_SIDE_PX, PNG_DPI, run_engine
    from argmap.exporters.diagram.raster import svg_to_png

    logger.info(
        "%s: PNG drawn from the SVG with the Noto fonts (the bundled engine's fonts lack %s)",
        options.map_name,
        _some(lacking),
    )
    svg = run_engine(dot, "svg", info, map_name=options.map_name).decode("utf-8")
    try:
        png = svg_to_png(svg, dpi=PNG_DPI, max_side_px=MAX_PNG_SIDE_PX)
    except RenderError as exc:
        logger.warning(
            "%s: %s; drew the PNG with the engine instead, where %s show as boxes",
            options.map_name,
            str(exc).split("; try ")[0],
            _some(lacking),
        )
        return None
    _warn_unfontable(text, options.map_name, "PNG")
    return png


MAX_NAMED_GLYPHS: Final = 8
"""How many characters a message about missing glyphs names."""


def _some(chars: list[str]) -> str:
    named = " ".join(chars[:MAX_NAMED_GLYPHS])
    return named + (" ..." if len(chars) > MAX_NAMED_GLYPHS else "")


def _warn_unfontable(text: str, map_name: str, fmt: str) -> None:
    """Warn about characters that no font argmap ships can draw (they show as boxes).

    Needs fontTools to read the fonts; without it (no extra installed) nothing is said.
    """
    from importlib.util import find_spec

    if find_spec("fontTools") is None:
        return
    from argmap.exporters.diagram.fonts import missing_glyphs

    missing = missing_glyphs(text)
    if missing:
        logger.warning(
            "%s: the %s shows %d distinct character%s as empty boxes (%s): no font argmap "
            "ships has them; use --format svg, where the browser's fonts draw them",
            map_name,
            fmt,
            len(missing),
            "" if len(missing) == 1 else "s",
            _some(missing),
        )


def render_pdf(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> bytes:
    """Render the map's diagram as PDF bytes: the SVG drawn onto a page, text kept as text.

    Raises:
        MissingExtraError: the ``pdf`` extra is absent.
        RenderError: the engine is missing, fails or times out, or the PDF cannot be made.
    """
    from argmap.errors import require_extra

    require_extra("pdf", "pdf", PDF_MODULES)
    from argmap.exporters.diagram.pdf import svg_to_pdf

    options = options or RenderOptions()
    _warn_unfontable(drawn_text(m, options), options.map_name, "PDF")
    return svg_to_pdf(render_svg(m, analysis, options), title=clean(m.title))


EXPORTERS: Final[dict[str, Exporter]] = {
    "dot": Exporter("dot", ".dot", "Graphviz DOT source of the diagram", to_dot),
    "svg": Exporter("svg", ".svg", "interactive SVG diagram (tooltips, node links)", render_svg),
    "png": Exporter("png", ".png", "PNG diagram for slides", render_png),
    "pdf": Exporter(
        "pdf",
        ".pdf",
        "PDF diagram with selectable text",
        render_pdf,
        extra="pdf",
        requires=PDF_MODULES,
    ),
}
"""The diagram formats this module serves."""
