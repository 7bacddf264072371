"""SVG diagram pages -> one PDF, written page by page with embedded subsets of the Noto fonts."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from argmap.errors import RenderError
from argmap.exporters.diagram.bidi import RIGHT_TO_LEFT_BLOCKS, drawn_runs
from argmap.exporters.diagram.fonts import (
    MAIN_FACES,
    coverage,
    fallback_fonts,
    main_font,
    noto_folder,
)
from argmap.exporters.diagram.pdfdraw import PageParts, Text
from argmap.exporters.diagram.pdffonts import Face
from argmap.exporters.diagram.pdfwrite import Bookmark, Link, PdfWriter, deflate, pdf_string
from argmap.shaping import BOLD_WEIGHT, shapes

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

    from argmap.exporters.diagram.svglinks import PageLink

__all__ = ["DEFLATING", "FONT_FAMILY", "pages_to_pdf", "svgs_to_pdf", "write_pdf"]

FONT_FAMILY: Final = "NotoSans"
"""The main PDF font, in regular, bold, italic and bold italic: Latin, Greek, Cyrillic."""

_STYLE_NAMES: Final = {"": "", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
MAX_LINES_KEPT: Final = 50_000
"""Lines of text whose runs are remembered at most (then forgotten, and remembered anew)."""
CREATION_DATE: Final = "(D:20000101000000Z)"
"""A fixed creation date keeps the PDF byte-identical from run to run."""
DEFLATING: Final = 32
"""Pages whose content is being compressed (in a thread) before the oldest is written.

The thread gets the interpreter only when this one lets go of it (at most every 5 ms):
with two pages in hand, this thread waited for nearly every page's compression (10,000
nodes: up to 3 s on a busy machine), where with more the compression keeps up meanwhile."""


def svgs_to_pdf(svgs: Sequence[str], *, title: str = "") -> bytes:
    """Convert SVG pages into one PDF, a page each, of each SVG's own size.

    See :func:`write_pdf`.

    Raises:
        RenderError: the SVG cannot be converted.
    """
    return pages_to_pdf(len(svgs), svgs, title=title)


def pages_to_pdf(count: int, svgs: Iterable[str], *, title: str = "") -> bytes:
    """Convert ``count`` SVG pages, made one at a time, into one PDF's bytes.

    Each page goes to a temporary file as soon as it is drawn, so only the finished
    (compressed) file is ever held whole, never the pages' drawing.

    Raises:
        RenderError: the SVG cannot be converted.
    """
    with tempfile.TemporaryFile(prefix="argmap-pdf-") as out:
        write_pdf(count, svgs, out, title=title)
        out.seek(0)
        return out.read()


def write_pdf(
    count: int,
    svgs: Iterable[str],
    out: IO[bytes],
    *,
    title: str = "",
    outline: Sequence[Bookmark] = (),
) -> None:
    """Write ``count`` SVG pages as one PDF to ``out``, each page as soon as it is drawn.

    Text stays text (selectable, searchable), set in Noto Sans (regular, bold, italic
    and bold italic, as the SVG asks), with Noto Sans KR for Hangul and CJK and Noto
    fallbacks for emoji, symbols and other scripts; each face is embedded once, as a
    subset of the glyphs drawn. Links to ``#page-N`` (stubs, breadcrumb rows,
    references) become links to page N, whether drawn yet or not.

    Args:
        count: how many pages ``svgs`` gives.
        svgs: the pages' SVG documents (as the engine wrote them, or fitted to a page).
        out: a binary file to write to.
        title: the PDF's title metadata.
        outline: the bookmarks a viewer lists beside the pages (see
            :func:`~.pageoutline.page_outline`).

    Raises:
        RenderError: the SVG cannot be converted.
    """
    from argmap.deep import heap_frozen

    fonts = _Fonts()
    try:
        with heap_frozen():
            _write(PdfWriter(out, count), count, svgs, fonts, (title, outline))
    except Exception as exc:  # XML, font and file errors: the user needs one line
        raise RenderError(f"PDF conversion failed: {exc}; try --format svg or png") from None
    finally:
        fonts.close()


def _write(
    writer: PdfWriter,
    count: int,
    svgs: Iterable[str],
    fonts: _Fonts,
    about: tuple[str, Sequence[Bookmark]],
) -> None:
    """Write the pages, then the fonts, the outline and the document's information."""
    title, outline = about
    _write_pages(writer, count, svgs, fonts)
    info = {
        "Title": pdf_string(title),
        "Creator": "(argmap)",
        "Producer": "(argmap)",
        "CreationDate": CREATION_DATE,
    }
    writer.finish(fonts.embed(writer), info, outline)


def _write_pages(writer: PdfWriter, count: int, svgs: Iterable[str], fonts: _Fonts) -> None:
    """Draw and write the pages in order: the shapes on every core, the text here.

    Each page's content is compressed in a thread of its own while the next is drawn.
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    from argmap.exporters.diagram.pageworkers import finish_pages

    held: deque[tuple[Future[bytes], PageParts]] = deque()
    with ThreadPoolExecutor(1, thread_name_prefix="argmap-deflate") as deflating:
        for page in finish_pages("pdf", count, ((svg,) for svg in svgs)):
            held.append((deflating.submit(deflate, page.content(fonts.write)), page))
            if len(held) > DEFLATING:
                _put(writer, *held.popleft())
        while held:
            _put(writer, *held.popleft())


def _put(writer: PdfWriter, content: Future[bytes], page: PageParts) -> None:
    links = _links(page.links, page.height)
    writer.page(page.width, page.height, content.result(), links, deflated=True)


def _links(links: list[PageLink], height: float) -> list[Link]:
    """The page's links to other pages, in PDF points (from the bottom left)."""
    return [
        Link(
            link.x, height - link.y - link.height, link.x + link.width, height - link.y, link.page
        )
        for link in links
    ]


class _Fonts:
    """The faces a PDF draws with, opened when first needed, named F1, F2... in that order."""

    def __init__(self) -> None:
        self.fallbacks = fallback_fonts()
        self.main = coverage(main_font())
        self.faces: dict[str | tuple[int, bool], tuple[str, Face]] = {}
        self.files: dict[Path, TTFont] = {}
        self.lines: dict[tuple[str, str, float], tuple[str, float]] = {}
        """A line of text, its style and size -> its operators and width (pages repeat
        lines: breadcrumbs, stubs)."""

    def _open(self, path: Path) -> TTFont:
        """A font file, opened once for all the faces drawn from it."""
        from fontTools.ttLib import TTFont

        if path not in self.files:
            self.files[path] = TTFont(str(path), lazy=True)
        return self.files[path]

    def face(self, index: int, style: str) -> tuple[str, Face]:
        """The resource name and face of a run: Noto Sans in ``style``, or a fallback.

        A fallback whose runs are shaped (:mod:`argmap.shaping`) is set bold for a bold line.
        """
        shaped = index >= 0 and shapes(self.fallbacks[index])
        bold = shaped and "B" in style
        key: str | tuple[int, bool] = style if index < 0 else (index, bold)
        found = self.faces.get(key)
        if found is None:
            if index < 0:
                file, weight = MAIN_FACES[style]
                path = noto_folder() / file
                name = FONT_FAMILY + _STYLE_NAMES[style]
                face = Face(self._open(path), path, name, weight)
            else:
                path = self.fallbacks[index]
                ligate = path.name.startswith("NotoEmoji")  # sequences as one glyph
                name = _postscript(path) + ("Bold" if bold else "")
                set_at = BOLD_WEIGHT if bold else None
                face = Face(self._open(path), path, name, set_at, ligate=ligate, shaped=shaped)
            found = self.faces[key] = (f"F{len(self.faces) + 1}", face)
        return found

    def write(self, text: Text) -> str:
        """Set a line of text in its faces, run by run, anchored where the SVG anchors it."""
        key = (text.text, text.style, text.size)
        found = self.lines.get(key)
        if found is None:
            if len(self.lines) >= MAX_LINES_KEPT:
                self.lines.clear()
            found = self.lines[key] = self._set(*key)
        shown, width = found
        if text.anchor == "middle":
            return f"BT 1 0 0 -1 {text.x - width / 2:.2f} {text.y:.2f} Tm {shown} ET"
        if text.anchor == "end":
            return f"BT 1 0 0 -1 {text.x - width:.2f} {text.y:.2f} Tm {shown} ET"
        return f"BT 1 0 0 -1 {text.x:.2f} {text.y:.2f} Tm {shown} ET"

    def _set(self, line: str, style: str, size: float) -> tuple[str, float]:
        """A line's runs as the page's operators at ``size``, and the line's width there."""
        points = f"{size:g}"
        shown: list[str] = []
        width = 0.0
        for name, operators, advance in self._runs(line, style, size):
            shown.append(f"/{name} {points} Tf {operators}")
            width += advance * size / 1000
        return " ".join(shown), width

    def _runs(self, line: str, style: str, size: float) -> list[tuple[str, str, float]]:
        """A line's runs of one face each: the face's name, operators and advance.

        The operators show the run (after its ``Tf``); the advance is in thousandths of
        the font size.
        """
        if line.isascii():
            runs = [(-1, line, False)]  # all in Noto Sans, as most lines are
        elif RIGHT_TO_LEFT_BLOCKS.search(line) is None:
            # A left-to-right mark is drawn as nothing (Noto Sans has an arrow for it).
            line = line.replace("\u200e", "")
            plain = self.main.issuperset(map(ord, line))
            runs = [(-1, line, False)] if plain else drawn_runs(line, self.fallbacks)
        else:
            # The PDF draws left to right: the runs come in drawing order, the marks of
            # direction left out (a right-to-left mark opening a line of digits and
            # commas, which Noto Sans has, sets it right to left: ",42", not "42,").
            runs = drawn_runs(line, self.fallbacks)
        done: list[tuple[str, str, float]] = []
        for index, run, rtl in runs:
            name, face = self.face(index, style)
            if face.shaped:
                done.append((name, *face.encode_shaped(run, size, rtl)))
            elif face.ligate:
                codes, advance = face.encode_ligated(run)
                done.append((name, f"<{codes}> Tj", advance))
            else:
                done.append((name, f"<{face.encode(run)}> Tj", face.width(run)))
        return done

    def embed(self, writer: PdfWriter) -> dict[str, int]:
        """Embed every face used; return the resource names and font object numbers."""
        numbers = {name: face.embed(writer) for name, face in self.faces.values()}
        self.close()
        return numbers

    def close(self) -> None:
        """Close the font files."""
        for font in self.files.values():
            font.close()
        self.files.clear()


def _postscript(path: Path) -> str:
    """A fallback face's name in the PDF: its family name without spaces (``NotoSansKR``)."""
    from argmap.exporters.diagram.fonts import family_name

    return "".join(ch for ch in family_name(path) if ch.isalnum())
