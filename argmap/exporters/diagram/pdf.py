"""SVG diagram -> PDF by a pip-only route: fpdf2 draws the SVG with embedded Noto fonts."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from argmap.errors import RenderError
from argmap.exporters.diagram.fonts import MAIN_FACES, fallback_fonts, noto_folder
from argmap.exporters.diagram.svgtext import set_text_fonts

__all__ = ["FONT_FAMILY", "svgs_to_pdf"]

FONT_FAMILY: Final = "NotoSans"
"""The main PDF font, in regular, bold, italic and bold italic: Latin, Greek, Cyrillic."""

CJK_FAMILY: Final = "NotoSansKR"
"""For Hangul, CJK and what else Noto Sans lacks (one regular face serves every style)."""

_EPOCH: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# A fixed creation date keeps the PDF byte-identical from run to run.

_A_OPEN: Final = re.compile(r"<a\b[^>]*>")
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


_TRANSPARENT: Final = re.compile(r'\b(fill|stroke)="transparent"')


def _prepare(
    svg: str, fallbacks: list[Path], used: set[tuple[int, str]], main_text: dict[str, list[str]]
) -> str:
    """Rewrite what the SVG converter would drop or cannot resolve.

    Node links (``<a>``) become plain groups, since the converter skips their content;
    every font family becomes the embedded one, and characters it lacks go into
    ``<tspan>`` runs set in a fallback face; ``main_text`` collects, per style, the
    text set in the main face. The system ``dot`` paints with the colour
    ``transparent``, which the converter does not know: it becomes ``none``.
    """
    svg = _A_OPEN.sub("<g>", svg).replace("</a>", "</g>")
    svg = _TRANSPARENT.sub(r'\1="none"', svg)

    def draw(opening: str, runs: list[tuple[int, str]]) -> str | None:
        style = _style(opening)
        main_text.setdefault(style, []).extend(run for index, run in runs if index < 0)
        if all(index < 0 for index, _ in runs):
            return None
        parts = []
        for index, run in runs:
            used.add((index, style))
            parts.append(
                f'<tspan font-family="{_family(index)}">{html.escape(_visual(run), False)}</tspan>'
            )
        return "".join(parts)

    return set_text_fonts(svg, FONT_FAMILY, fallbacks, draw)


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
    from fpdf.svg import SVGObject

    from argmap.exporters.diagram.svglinks import page_links

    # fpdf2 logs every SVG element it skips (titles, comments), which carry no drawing, and
    # glyphs a font lacks, which render_pdf has already reported in one line.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    try:
        fallbacks = fallback_fonts()
        used: set[tuple[int, str]] = set()
        main_text: dict[str, list[str]] = {}
        drawings = [
            SVGObject(_prepare(svg, fallbacks, used, main_text).encode("utf-8")) for svg in svgs
        ]
        sizes = [
            (max(float(d.width or 72), 72.0), max(float(d.height or 72), 72.0)) for d in drawings
        ]
        pdf = FPDF(unit="pt", format=sizes[0])
        pdf.set_creation_date(_EPOCH)
        pdf.set_title(title)
        pdf.set_creator("argmap")
        pdf.set_producer("argmap")
        pdf.set_margin(0)
        pdf.set_auto_page_break(False)
        with tempfile.TemporaryDirectory(prefix="argmap-pdf-") as folder:
            _add_fonts(pdf, main_text, used, fallbacks, Path(folder))
            for drawing, size in zip(drawings, sizes, strict=True):
                pdf.add_page(format=size)
                drawing.draw_to_page(pdf)
            for number, svg in enumerate(svgs, start=1):
                for link in page_links(svg):
                    if 1 <= link.page <= len(svgs):
                        target = pdf.add_link(page=link.page)
                        pdf.page = number
                        pdf.link(link.x, link.y, link.width, link.height, target)
            pdf.page = len(svgs)
            return bytes(pdf.output())
    except Exception as exc:  # fpdf2 raises many kinds; the user needs one line
        raise RenderError(
            f"PDF conversion (fpdf2) failed: {exc}; try --format svg or png"
        ) from None


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
