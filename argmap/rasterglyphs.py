"""Plain Noto Sans text of a prepared SVG set as glyph outlines, for resvg only to fill.

resvg 0.47 (the ``svg2png_py`` binding) opens and maps a font file anew for every glyph it
outlines: half the cost of a slide. A ``<text>`` whose characters Noto Sans has and that
needs no shaping beyond what is done here (left to right, no marks, no fallback face) is
set here instead, as resvg sets it: the glyphs of the face and weight it names (the variable
font at that weight), its ligatures and pair kerning, placed by ``text-anchor``, one path a
line. A text that another substitution a shaper makes unasked would change (a precomposed
letter decomposed, a contextual form) is left to resvg, as is any other text.

Imports nothing of argmap but :mod:`argmap.rastershaping`: it runs in the raster workers
(:mod:`argmap.rasterworker`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, Final

from fontTools.pens.basePen import decomposeQuadraticSegment
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from argmap.rastershaping import Kerning, ligate, substituted, substitutions

__all__ = ["outline_text"]

_TEXT: Final = re.compile(r"<text ([^<>]*)>([^<>]*)</text>")
_ATTR: Final = re.compile(r'([\w:-]+)="([^"]*)"')
_PLAIN_ATTRS: Final = frozenset(
    {"xml:space", "text-anchor", "x", "y", "font-family", "font-size", "font-weight",
     "font-style", "fill"}
)  # fmt: skip
"""The attributes a ``<text>`` set here may have: any other (a transform, a letter
spacing, a decoration) leaves it to resvg."""
_SHIFT: Final = {"start": 0.0, "middle": 0.5, "end": 1.0}
_WEIGHTS: Final = {None: 400.0, "normal": 400.0, "400": 400.0, "bold": 700.0, "700": 700.0}
_FAMILY: Final = "Noto Sans"
_KEPT_LINES: Final = 4096
"""Lines a face keeps set (then it starts afresh): a few pages' worth."""


class _Face:
    """One face at one weight: its glyphs' outlines, advances, ligatures and pair kerning."""

    def __init__(self, path: str, weight: float) -> None:
        font = TTFont(path, lazy=True)
        self.cmap: dict[int, str] = font.getBestCmap()
        self.upem: int = font["head"].unitsPerEm
        location = {"wght": weight} if "fvar" in font else {}
        self.glyphs = font.getGlyphSet(location=location)
        self.ligatures, self.substitutions = substitutions(font)
        self.kerning = Kerning(font, weight)
        self.outlines: dict[str, str | None] = {}
        self.widths: dict[str, float] = {}
        self.lines: dict[str, tuple[str, float] | None] = {}

    def advance(self, glyph: str) -> float:
        width = self.widths.get(glyph)
        if width is None:
            width = self.widths[glyph] = float(self.glyphs[glyph].width)
        return width

    def outline(self, glyph: str) -> str | None:
        """The glyph's outline in font units (y up) as relative path data from its origin.

        Relative, so that a line's glyphs join in one path, each after a move to its pen
        position. '' if it draws nothing, None if it is left to resvg.
        """
        if glyph in self.outlines:
            return self.outlines[glyph]
        pen = DecomposingRecordingPen(self.glyphs)
        self.glyphs[glyph].draw(pen)
        found = self.outlines[glyph] = _relative(pen.value)
        return found

    def line(self, text: str) -> tuple[str, float] | None:
        """A line of text as path data (font units, y up, from its origin) and its advance.

        None: it is left to resvg. Lines met again (labels, repeated words) are kept.
        """
        if text in self.lines:
            return self.lines[text]
        placed = self.shape(text)
        found: tuple[str, float] | None = None
        if placed is not None:
            parts = [(self.outline(glyph), pen) for glyph, pen in placed[:-1]]
            if all(outline is not None for outline, _ in parts):
                path = "".join(f"M{_number(pen)} 0{outline}" for outline, pen in parts if outline)
                found = (path, placed[-1][1])
        if len(self.lines) >= _KEPT_LINES:
            self.lines.clear()
        self.lines[text] = found
        return found

    def shape(self, text: str) -> list[tuple[str, float]] | None:
        """Each glyph and its pen position (font units), then the end; None: leave to resvg."""
        names: list[str] = []
        for ch in text:
            glyph = self.cmap.get(ord(ch))
            simple = _SIMPLE.get(ch)
            if simple is None:
                simple = _SIMPLE[ch] = _simple(ch)
            if glyph is None or not simple:
                return None
            names.append(glyph)
        if substituted(self.substitutions, names):
            return None
        names = ligate(self.ligatures, names)
        placed: list[tuple[str, float]] = []
        pen = 0.0
        for index, glyph in enumerate(names):
            placed.append((glyph, pen))
            pen += self.advance(glyph)
            if index + 1 < len(names):
                pen += self.kerning.pair(glyph, names[index + 1])
        placed.append(("", pen))
        return placed


def _relative(commands: list[tuple[str, tuple[Any, ...]]]) -> str | None:
    """Path data, every point relative to the one before (the first to the origin).

    Points are rounded to hundredths first, so that the differences add up exactly. A
    run of quadratic curves after the first is written as smooth curves (``t``): TrueType's
    implied on-curve points lie midway between control points, so each control point is the
    one before reflected, as ``t`` takes it (a third less to parse). None for a contour of
    off-curve points alone (TrueType allows it; left to resvg).
    """
    out: list[str] = []
    at = start = (0, 0)  # in hundredths of a unit

    def to(points: tuple[Any, ...]) -> str:
        # Each point of a segment is relative to the segment's start, as SVG reads it.
        nonlocal at
        base, steps = at, []
        for x, y in points:
            at = (round(x * 100), round(y * 100))
            steps.append(f"{_number((at[0] - base[0]) / 100)} {_number((at[1] - base[1]) / 100)}")
        return " ".join(steps)

    for command, points in commands:
        if command == "moveTo":
            out.append("m" + to(points))
            start = at
        elif command == "lineTo":
            out.append("l" + to(points))
        elif command == "qCurveTo":
            if points[-1] is None:
                return None
            if len(points) == 1:
                out.append("l" + to(points))
                continue
            segments = decomposeQuadraticSegment(points) if len(points) > 2 else [points]
            out.append("q" + to(segments[0]))
            out.extend("t" + to(segment[1:]) for segment in segments[1:])
        elif command == "curveTo":
            out.append("c" + to(points))
        elif command in ("closePath", "endPath"):
            out.append("z")
            at = start
    return "".join(out).replace(" -", "-")


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_SIMPLE: dict[str, bool] = {}
""":func:`_simple`'s answers so far."""


def _simple(ch: str) -> bool:
    """Whether a character is set here: left-to-right or neutral, not a mark or control."""
    kind = unicodedata.category(ch)
    return (
        kind[0] not in "MC"
        and kind not in ("Zl", "Zp")
        and unicodedata.bidirectional(ch) not in ("R", "AL", "AN", "RLE", "RLO", "RLI")
        and ch not in "\t\n\r"
    )


class _Setter:
    """Sets the plain texts of pages, keeping each face's outlines for every page after."""

    def __init__(self, upright: str, italic: str) -> None:
        self.files = {False: upright, True: italic}
        self.faces: dict[tuple[bool, float], _Face] = {}

    def face(self, italic: bool, weight: float) -> _Face:
        found = self.faces.get((italic, weight))
        if found is None:
            found = self.faces[italic, weight] = _Face(self.files[italic], weight)
        return found

    def page(self, svg: str) -> str:
        def replace(match: re.Match[str]) -> str:
            attrs = dict(_ATTR.findall(match.group(1)))
            drawn = self._text(attrs, html.unescape(match.group(2)))
            return match.group(0) if drawn is None else drawn

        return _TEXT.sub(replace, svg)

    def _text(self, attrs: dict[str, str], text: str) -> str | None:
        weight = _WEIGHTS.get(attrs.get("font-weight"))
        style = attrs.get("font-style", "normal")
        if (
            not attrs.keys() <= _PLAIN_ATTRS
            or attrs.get("font-family") != _FAMILY
            or attrs.get("xml:space") != "preserve"
            or weight is None
            or style not in ("normal", "italic")
        ):
            return None
        try:
            x, y, size = (float(attrs[key]) for key in ("x", "y", "font-size"))
        except (KeyError, ValueError):
            return None
        italic = style == "italic"
        face = self.face(italic, weight)
        line = face.line(text)
        if line is None:
            return None
        path, width = line
        if not path:
            return ""
        scale = size / face.upem
        left = x - width * scale * _SHIFT.get(attrs.get("text-anchor", "start"), 0.0)
        fill = html.escape(attrs.get("fill", "black"))
        return (
            f'<path fill="{fill}" transform="matrix({scale:.6g} 0 0 {-scale:.6g} '
            f'{left:.3f} {y:.3f})" d="{path}"/>'
        )


_setters: dict[tuple[str, str], _Setter] = {}


def outline_text(svg: str, upright: str, italic: str) -> str:
    """``svg`` with its plain Noto Sans texts drawn as glyph outlines (see the module).

    Args:
        svg: a prepared SVG (its text already in the Noto faces).
        upright: the Noto Sans file (variable, ``wght`` axis).
        italic: the Noto Sans Italic file.
    """
    setter = _setters.get((upright, italic))
    if setter is None:
        setter = _setters[upright, italic] = _Setter(upright, italic)
    return setter.page(svg)
