"""SVG diagram -> PDF by a pip-only route: fpdf2 draws the SVG with embedded Noto fonts."""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from argmap.errors import RenderError
from argmap.exporters.diagram.fonts import MAIN_FACES, fallback_fonts, font_runs, noto_folder
from argmap.exporters.diagram.pdfdraw import Text, Transform, draw_svg, svg_texts

__all__ = ["FONT_FAMILY", "svgs_to_pdf"]

FONT_FAMILY: Final = "NotoSans"
"""The main PDF font, in regular, bold, italic and bold italic: Latin, Greek, Cyrillic."""

CJK_FAMILY: Final = "NotoSansKR"
"""For Hangul, CJK and what else Noto Sans lacks (one regular face serves every style)."""

_EPOCH: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# A fixed creation date keeps the PDF byte-identical from run to run.

_SVG_SIZE: Final = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', re.S)
_STYLES: Final = ("", "B", "I", "BI")


def _family(index: int) -> str:
    if index < 0:
        return FONT_FAMILY
    return CJK_FAMILY if index == 0 else f"NotoFallback{index}"


def _style(opening: str) -> str:
    """The fpdf2 style of an SVG ``<text>`` tag: "", "B", "I" or "BI"."""
    bold = 'font-weight="bold"' in opening
    italic = 'font-style="italic"' in opening
    return ("B" if bold else "") + ("I" if italic else "")


def _static_face(style: str, text: str, folder: Path) -> Path:
    """Write a static Noto Sans face for ``style``, cut down to the characters in ``text``.

    fpdf2 can set a variable font at a weight itself, but takes seconds to do it for the
    whole font; the subset first makes it a tenth of a second. Layout tables are left
    out: fpdf2 does not shape text without HarfBuzz, so it never reads them.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    name, weight = MAIN_FACES[style]
    path = folder / f"{FONT_FAMILY}-{style or 'R'}.ttf"
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    options.notdef_outline = True
    options.name_IDs = ["*"]
    with TTFont(str(noto_folder() / name), lazy=True, recalcTimestamp=False) as font:
        cutter = subset.Subsetter(options)
        cutter.populate(text=text + " ")
        cutter.subset(font)
        instancer.instantiateVariableFont(
            font, {"wght": weight}, inplace=True, updateFontNames=True
        )
        font.save(str(path))
    return path


def _visual(run: str) -> str:
    """Right-to-left runs in visual order (the converter draws left to right).

    Spaces at the run's ends stay where they are, between it and its neighbours.
    """
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in run):
        core = run.strip()
        start = run.index(core[0]) if core else len(run)
        return run[:start] + core[::-1] + run[start + len(core) :]
    return run


def svgs_to_pdf(svgs: Sequence[str], *, title: str = "") -> bytes:
    """Convert SVG pages into one PDF, a page each, of each SVG's own size.

    Text stays text (selectable, searchable), set in Noto Sans (regular, bold, italic
    and bold italic, as the SVG asks), with Noto Sans KR for Hangul and CJK and Noto
    fallbacks for emoji, symbols and other scripts; fonts are embedded as subsets.
    Links to ``#page-N`` (stubs, breadcrumb rows, references) become links to page N.

    Args:
        svgs: the pages' SVG documents (as the engine wrote them, or fitted to a page).
        title: the PDF's title metadata.

    Returns:
        The PDF file's bytes.

    Raises:
        RenderError: the SVG cannot be converted.
    """
    from fpdf import FPDF

    # fpdf2 logs glyphs a font lacks, which render_pdf has already reported in one line.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    try:
        fallbacks = fallback_fonts()
        main_text, used = _text_by_face(svgs, fallbacks)
        pdf = FPDF(unit="pt", format=_size(svgs[0]))
        pdf.set_creation_date(_EPOCH)
        pdf.set_title(title)
        pdf.set_creator("argmap")
        pdf.set_producer("argmap")
        pdf.set_margin(0)
        pdf.set_auto_page_break(False)

        def write(pdf: Any, text: Text, to_page: Transform) -> None:
            _write(pdf, text, to_page, fallbacks)

        with tempfile.TemporaryDirectory(prefix="argmap-pdf-") as folder:
            _add_fonts(pdf, main_text, used, fallbacks, Path(folder))
            for svg in svgs:
                pdf.add_page(format=_size(svg))
                draw_svg(pdf, svg, write)
            _add_links(pdf, svgs)
            return bytes(pdf.output())
    except Exception as exc:  # fpdf2 raises many kinds; the user needs one line
        raise RenderError(
            f"PDF conversion (fpdf2) failed: {exc}; try --format svg or png"
        ) from None


def _text_by_face(
    svgs: Sequence[str], fallbacks: list[Path]
) -> tuple[dict[str, list[str]], set[tuple[int, str]]]:
    """The text set in Noto Sans, per style, and the (fallback face, style) pairs used."""
    used: set[tuple[int, str]] = set()
    main_text: dict[str, list[str]] = {}
    for svg in svgs:
        for style, text in svg_texts(svg):
            for index, run in _runs(text, fallbacks):
                if index < 0:
                    main_text.setdefault(style, []).append(run)
                else:
                    used.add((index, style))
    return main_text, used


def _add_links(pdf: Any, svgs: Sequence[str]) -> None:
    """Make each page's links to ``#page-N`` (stubs, breadcrumb rows, references) PDF links."""
    from argmap.exporters.diagram.svglinks import page_links

    for number, svg in enumerate(svgs, start=1):
        for link in page_links(svg):
            if 1 <= link.page <= len(svgs):
                target = pdf.add_link(page=link.page)
                pdf.page = number
                pdf.link(link.x, link.y, link.width, link.height, target)
    pdf.page = len(svgs)


def _runs(text: str, fallbacks: list[Path]) -> list[tuple[int, str]]:
    """The text's runs by face: -1 for Noto Sans, else the index of a fallback face."""
    # Noto Sans has every ASCII character: no font needs reading for those.
    return [(-1, text)] if text.isascii() else font_runs(text, fallbacks)


def _size(svg: str) -> tuple[float, float]:
    """The page size of an SVG, in points (at least an inch each way)."""
    match = _SVG_SIZE.search(svg)
    width, height = (float(match.group(1)), float(match.group(2))) if match else (72.0, 72.0)
    return max(width, 72.0), max(height, 72.0)


def _write(pdf: Any, text: Text, to_page: Transform, fallbacks: list[Path]) -> None:
    """Set a line of text in its faces, run by run, anchored where the SVG anchors it."""
    zoom: float = to_page.zoom  # type: ignore[attr-defined]
    size = text.size * zoom
    runs = []
    for index, run in _runs(text.text, fallbacks):
        pdf.set_font(_family(index), text.style, size)
        shown = _visual(run)
        runs.append((index, shown, pdf.get_string_width(shown)))
    width = sum(w for _, _, w in runs)
    x, y = to_page(text.x, text.y)
    x -= {"middle": width / 2, "end": width}.get(text.anchor, 0.0)
    pdf.set_text_color(*text.color)
    for index, shown, run_width in runs:
        pdf.set_font(_family(index), text.style, size)
        pdf.text(x, y, shown)
        x += run_width


def _add_fonts(
    pdf: Any,
    main_text: dict[str, list[str]],
    used: set[tuple[int, str]],
    fallbacks: list[Path],
    folder: Path,
) -> None:
    """Embed the Noto Sans styles the text uses, and the fallback faces it needs."""
    for style in _STYLES:
        if style not in main_text:
            continue  # no text in this style: no face to cut
        chars = "".join(sorted(set("".join(main_text[style]))))
        face = _static_face(style, chars, folder)
        pdf.add_font(FONT_FAMILY, style=style, fname=str(face))
    # fpdf2 embeds every font added, so only the (face, style) pairs in use.
    for index, style in sorted(pair for pair in used if pair[0] >= 0):
        pdf.add_font(_family(index), style=style, fname=str(fallbacks[index]))
