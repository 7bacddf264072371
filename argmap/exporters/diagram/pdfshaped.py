"""A PDF run of shaped text: HarfBuzz's glyphs placed by ``TJ``, marked with the text drawn."""

from __future__ import annotations

import itertools
import unicodedata
from typing import TYPE_CHECKING, Final, NamedTuple

from argmap.shaping import shape

if TYPE_CHECKING:
    from argmap.exporters.diagram.pdffonts import Face

__all__ = ["encode_shaped"]

_SHORT: Final = 50.0
"""Thousandths of an em a shaped run's glyph boxes may end short of its advance."""


def encode_shaped(face: Face, text: str, size: float, rtl: bool = False) -> tuple[str, float]:
    """A run's operators as HarfBuzz shapes it, and its advance (thousandths of the size).

    The glyphs are shown by ``TJ``, each moved to its shaped place (marks by their
    offsets; a mark raised or lowered by the text rise, ``Ts``). Each cluster's text
    goes with its first glyph (the others extract as nothing), and the run is marked
    with its text as ``ActualText``, so copying and searching give the characters.

    A right-to-left run's text is given as it lies on the page, its characters from
    its last to its first: text extractors (poppler, pdf.js) read the characters of a
    line from left to right and turn each right-to-left stretch back themselves, a
    character at a time, as they do the letters of a PDF drawn a glyph a letter. A run
    that ends with a mark opens with a right-to-left mark (U+200F), so that the stretch
    starts with a right-to-left character (poppler takes a mark before one as
    left-to-right text, and would move it to the front of the word).

    Args:
        face: the (shaped) face the run is drawn in; its codes are noted there.
        text: the run, in logical order.
        size: the font size in points (a mark's rise is in points).
        rtl: the run is set right to left (Arabic: :func:`~argmap.shaping.shape`).
    """
    glyphs = shape(face.path, text, face.weight, rtl)
    starts = sorted({glyph.cluster for glyph in glyphs} | {len(text)})
    ends = dict(itertools.pairwise(starts))
    placed: list[_Placed] = []
    origin = 0.0  # where the next glyph's advance starts
    for glyph in glyphs:
        first = not placed or placed[-1].cluster != glyph.cluster
        source = text[glyph.cluster : ends[glyph.cluster]] if first else ""
        source = source[::-1] if rtl else source
        code, width = face.shaped_code(face.font.getGlyphName(glyph.gid), source)
        rise = round(glyph.y_offset * size / 1000, 2)
        placed.append(_Placed(origin + glyph.x_offset, rise, code, width, glyph.cluster))
        origin += glyph.advance
    if origin - max((glyph.x + glyph.width for glyph in placed), default=origin) > _SHORT:
        # The glyphs' boxes end short of the run's advance (room a sign's stroke
        # reaches into): a blank space glyph, extracting as nothing, ends them there.
        code, width = face.shaped_code(face.cmap.get(32, ".notdef"), "")
        placed.append(_Placed(origin - width, 0.0, code, width, -1))
    actual = ("\ufeff" + (_as_laid(text) if rtl else text)).encode("utf-16-be").hex().upper()
    shown = _show(_last_reaching_end(placed), origin)
    return f"/Span << /ActualText <{actual}> >> BDC {shown} EMC", origin


def _as_laid(text: str) -> str:
    """A right-to-left run's characters from its last to its first (see :func:`encode_shaped`)."""
    laid = text[::-1]
    return (
        "\u200f" + laid if laid and unicodedata.category(laid[0]) in ("Mn", "Mc", "Me") else laid
    )


class _Placed(NamedTuple):
    """A shaped glyph where it is drawn: its left edge and rise, code, width and cluster."""

    x: float
    rise: float
    code: str
    width: float
    cluster: int


def _last_reaching_end(placed: list[_Placed]) -> list[_Placed]:
    """The glyphs with the last cluster's furthest-reaching glyph shown last.

    A text extractor takes a run marked with its text to end where its last glyph shown
    ends; a mark drawn back over its base (a zero-width glyph) would end it early, and
    the gap to the next run would read as a space.
    """
    if not placed:
        return placed
    last = placed[-1].cluster
    start = next(at for at, glyph in enumerate(placed) if glyph.cluster == last)
    tail = placed[start:]
    furthest = max(range(len(tail)), key=lambda at: tail[at].x + tail[at].width)
    return [*placed[:start], *tail[:furthest], *tail[furthest + 1 :], tail[furthest]]


def _show(placed: list[_Placed], advance: float) -> str:
    """``TJ`` operators that show placed glyphs and leave the pen at ``advance``.

    A ``TJ`` moves the pen by each glyph's width; a number between glyphs moves it on to
    the next one's place. Glyphs raised alike go in one ``TJ``, after their ``Ts``.
    """
    segments: list[tuple[float, list[str]]] = []
    pen = 0.0
    for glyph in placed:
        if not segments or segments[-1][0] != glyph.rise:
            segments.append((glyph.rise, []))
        _move(segments[-1][1], glyph.x - pen)
        segments[-1][1].append(f"<{glyph.code}>")
        pen = glyph.x + glyph.width
    if not segments:
        segments.append((0.0, []))
    _move(segments[-1][1], advance - pen)
    shown = " ".join(
        (f"{_num(rise)} Ts " if rise or at else "") + f"[{' '.join(items)}] TJ"
        for at, (rise, items) in enumerate(segments)
    )
    return shown + " 0 Ts" if any(rise for rise, _ in segments) else shown


def _move(items: list[str], by: float) -> None:
    """Move the pen ``by`` thousandths of the font size before the next glyph of a ``TJ``."""
    if abs(by) >= 0.0005:
        items.append(_num(-by))


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
