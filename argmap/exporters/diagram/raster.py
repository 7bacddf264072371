"""SVG diagram -> PNG by a pip-only route that draws every script: resvg with the Noto fonts."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from argmap import rasterworker, shaping
from argmap.errors import RenderError
from argmap.exporters.diagram.resvgtext import set_fonts
from argmap.rasterworker import Job

__all__ = ["available", "draw_pngs", "svg_to_png", "svgs_to_pngs"]

_SIZE: Final = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', re.S)
_FIRST_DRAWN: Final = re.compile(
    r"<(?:polygon|path|polyline|ellipse|text|image|rect|circle|line|use)\b[^>]*>"
    r"|<(?:defs|clipPath|mask|pattern|symbol|marker|style)\b"
)
"""The first shape drawn, or whatever comes first that could make it drawn otherwise."""
_WHITE_FILL: Final = re.compile(
    r'<polygon fill="(?:#ffffff|white)" stroke="none" points="[^"<>]*"/>'
)
"""The engine's page background: an opaque white polygon, the first thing it draws."""


_RIGHT_TO_LEFT_RUN: Final = re.compile(
    '(<tspan font-family="(?:'
    + "|".join(sorted(shaping.RIGHT_TO_LEFT_FAMILIES))
    + ')">)\u202e?([^<>\u202c]*)\u202c?'
)
"""A run in a face that is shaped right to left: its tag, then its text (in logical order
between a right-to-left override and its end, where it is so)."""
_LEFT_TO_RIGHT_RUN: Final = re.compile(
    '<tspan font-family="(?:' + "|".join(sorted(shaping.SHAPED_FAMILIES)) + ')">'
)
"""A run in one of the (left-to-right) faces that resvg 0.48 alone sets right."""
_OUTLINING: Final = threading.Lock()
"""Held while shaped lines are set as outlines: the fonts' glyphs are read as first met."""


def _with_fonts(svg: str, fonts: list[str]) -> tuple[str, bool]:
    """The SVG's text set for resvg (see :func:`.resvgtext.set_fonts`).

    A line with a run in one of the :data:`~argmap.shaping.SHAPED_FAMILIES` or the
    :data:`~argmap.shaping.RIGHT_TO_LEFT_FAMILIES` is set here as glyph outlines, as
    HarfBuzz shapes it (:mod:`argmap.rasterglyphs`), where ``uharfbuzz`` is installed;
    its runs in other faces (Korean, say) are set so with it. A line that cannot be (an
    italic one with a run in a face that has no italic, say) is left to resvg alone, on
    a page then set for resvg 0.48 (which sets conjuncts, and Arabic marks after other
    text, wider than HarfBuzz), while the page's other lines keep their outlines, as
    they were measured.

    Returns:
        The SVG, and whether a run in one of the :data:`~argmap.shaping.SHAPED_FAMILIES`
        is left to resvg (then the page is set for resvg 0.48).
    """
    logical = shaping.available()
    text, shaped = set_fonts(svg, shaping=False, logical=logical)
    sequences = logical and shaping.EMOJI_SEQUENCE.search(text) is not None
    if logical and (shaped or sequences or _RIGHT_TO_LEFT_RUN.search(text)):
        from argmap.rasterglyphs import outline_text

        with _OUTLINING:  # pages are prepared in a thread a worker; fontTools reads lazily
            lines = [outline_text(line, fonts, shaped_only=True) for line in _lines(text)]
        shaped = any(_LEFT_TO_RIGHT_RUN.search(line) for line in lines)
        # On a page for resvg 0.48, every line not outlined is set as resvg 0.48 takes it.
        left = [shaped and line.startswith("<text") for line in lines]
        if shaped:
            for at, line in enumerate(_lines(set_fonts(svg, shaping=True)[0])):
                if left[at]:
                    lines[at] = line
        if sequences:  # lines left to resvg take their emoji sequences apart, chunked
            plain = _lines(set_fonts(svg, shaping=False)[0])
            for at, line in enumerate(lines):
                if not left[at] and shaping.EMOJI_SEQUENCE.search(line):
                    lines[at], left[at] = plain[at], True
        pieces = _TEXT_LINE.split(text)
        pieces[1::2] = [line if left[at] else _joined_runs(line) for at, line in enumerate(lines)]
        return "".join(pieces), shaped
    if shaped:
        text, _ = set_fonts(svg, shaping=True)
    return text, shaped


_TEXT_LINE: Final = re.compile(r"(<text\b[^>]*>.*?</text>)", re.S)
"""One ``<text>`` element as :func:`.resvgtext.set_fonts` writes it (no ``</text>`` inside)."""


def _lines(svg: str) -> list[str]:
    """The ``<text>`` elements of a prepared SVG, in order."""
    return _TEXT_LINE.findall(svg)


def _joined_runs(line: str) -> str:
    """A line's right-to-left runs left to resvg, joined (see :func:`_joined`)."""
    return _RIGHT_TO_LEFT_RUN.sub(_joined, line)


def _joined(run: re.Match[str]) -> str:
    """A right-to-left run left to resvg: in drawing order, its Arabic letters joined.

    A run marked right to left (between a right-to-left override and its end) is reversed
    whole (:func:`~.bidi.right_to_left_drawn`): the bidi rules run on it alone would put
    a space that opens it on its left, where the line has it on its right.
    """
    from argmap.exporters.diagram.bidi import drawing_order, right_to_left_drawn

    text = html.unescape(run.group(2))
    drawn = right_to_left_drawn(text) if "\u202e" in run.group(0) else drawing_order(text)
    return run.group(1) + html.escape(drawn, False)


def available() -> bool:
    """Whether pages are best drawn this way: a fast resvg binding and fontTools are installed.

    Without one of :data:`~argmap.rasterworker.FAST_BACKENDS`, the engine draws pages
    faster, in its own fonts, where they have the glyphs.
    """
    from importlib.util import find_spec

    return rasterworker.fast_backend() is not None and find_spec("fontTools") is not None


def svg_to_png(svg: str, *, dpi: int, max_side_px: int) -> bytes:
    """Rasterize a Graphviz SVG drawing, text set in the Noto fonts argmap ships.

    The bundled engine draws PNG text only with its own Latin, Greek, Cyrillic and
    Hebrew fonts; resvg, given the Noto faces (and no system fonts, so the result is
    the same on every machine), falls back from Noto Sans to whichever face has a
    character: Hangul, CJK, Arabic (shaped), Indic scripts, emoji. The drawing lies on
    an opaque white page.

    Args:
        svg: the SVG document, its size in points (as Graphviz writes it).
        dpi: resolution; 72 draws one pixel per point.
        max_side_px: the drawing is scaled down so neither side exceeds this.

    Returns:
        The PNG file's bytes.

    Raises:
        RenderError: the SVG cannot be drawn.
    """
    drawn = rasterworker.draw(_job(svg, dpi, max_side_px))
    if isinstance(drawn, str):
        raise RenderError(f"PNG rasterizing (resvg) failed: {drawn}; try --format svg or pdf")
    return drawn


def svgs_to_pngs(svgs: Sequence[str], *, dpi: int, max_side_px: int) -> list[bytes | RenderError]:
    """Rasterize several SVG drawings as :func:`svg_to_png` does (see :func:`draw_pngs`).

    Returns:
        Each drawing's PNG bytes, in order, or the RenderError that drawing it raised.
    """
    return list(draw_pngs(svgs, len(svgs), dpi=dpi, max_side_px=max_side_px))


def draw_pngs(
    svgs: Iterable[str], count: int, *, dpi: int, max_side_px: int
) -> Iterator[bytes | RenderError]:
    """Rasterize SVG drawings as :func:`svg_to_png` does, spread over the cores, as asked for.

    resvg holds the interpreter while it draws, so once there are enough pages to repay
    starting them, the pages go to worker processes (:mod:`.rasterpool`, as many
    as :func:`~argmap.exporters.diagram.engine.drawing_workers` allows), each page to
    the next worker free; each image is the same whichever process draws it. ``svgs``
    is read only as workers come free, and each image is handed back as soon as those
    before it are: a few pages a worker are held at a time, however many there are.

    Args:
        svgs: the SVG documents, in order.
        count: how many there are (it decides how many workers to start).
        dpi: resolution; 72 draws one pixel per point.
        max_side_px: each drawing is scaled down so neither side exceeds this.

    Yields:
        Each drawing's PNG bytes, in order, or the RenderError that drawing it raised.
    """
    from argmap.exporters.diagram.engine import drawing_workers

    workers = min(drawing_workers(), count // MIN_PAGES_PER_WORKER)
    outlined = count >= OUTLINE_MIN_PAGES * max(1, workers)
    size = (dpi, max_side_px, outlined)
    if workers <= 1:
        drawn: Iterator[bytes | str] = (rasterworker.draw(_job(svg, *size)) for svg in svgs)
    else:
        from argmap.exporters.diagram.rasterpool import InOrder

        drawn = InOrder(iter(svgs), workers, lambda svg: _job(svg, *size)).results()
    for image in drawn:
        yield (
            image
            if isinstance(image, bytes)
            else RenderError(f"PNG rasterizing (resvg) failed: {image}; try --format svg or pdf")
        )


MIN_PAGES_PER_WORKER: Final = 6
"""Pages a worker process must have to draw before one is started."""

OUTLINE_MIN_PAGES: Final = 30
"""Pages each drawing process must have before their plain text is set as glyph outlines
(:mod:`argmap.rasterglyphs`): about 11 ms of CPU a slide saved, for a quarter of a second
of fontTools in each process (even at about 23 pages). The glyphs drawn are the same, in
the same places; a few pixels where glyphs touch may differ by a shade."""


def _job(svg: str, dpi: int, max_side_px: int, outlined: bool = False) -> Job:
    """Prepare one SVG for resvg: its text in the Noto faces, its zoom under the size cap.

    Args:
        svg: the SVG document.
        dpi: resolution.
        max_side_px: the drawing is scaled down so neither side exceeds this.
        outlined: its plain text is to be set as glyph outlines before drawing.
    """
    from argmap.exporters.diagram.fonts import font_files

    size = _SIZE.search(svg)
    zoom = 1.0
    if size is not None:
        longest_px = max(float(size.group(1)), float(size.group(2))) * dpi / 72
        if longest_px > max_side_px:
            zoom = max_side_px / longest_px
    fonts = [str(path) for path in font_files()]
    text, shaped = _with_fonts(_unpainted(svg), fonts)
    return text, float(dpi), zoom, fonts, shaped, outlined


def _unpainted(svg: str) -> str:
    """The SVG without its white background, which resvg would paint over a white page.

    The same pixels for less: filling it is about a fortieth of a slide's drawing. Only a
    white polygon that is the first thing drawn goes (a white shape drawn later hides
    what lies beneath it).
    """
    first = _FIRST_DRAWN.search(svg)
    if first is None or _WHITE_FILL.fullmatch(first.group(0)) is None:
        return svg
    return svg[: first.start()] + svg[first.end() :]
