"""Plain Noto Sans text of a prepared SVG set as glyph outlines, for resvg only to fill.

resvg 0.47 (the ``svg2png_py`` binding) opens and maps a font file anew for every glyph it
outlines: half the cost of a slide. A ``<text>`` whose characters Noto Sans has and that
needs no shaping beyond what is done here (left to right, no marks, no fallback face) is
set here instead, as resvg sets it: the glyphs of the face and weight it names (the variable
font at that weight), its ligatures and pair kerning, placed by ``text-anchor``, one path a
line. A text that another substitution a shaper makes unasked would change (a precomposed
letter decomposed, a contextual form) is left to resvg, as is any other text.

Runs of Indic scripts, Khmer and Myanmar are set as HarfBuzz shapes them, where
``uharfbuzz`` is installed (:mod:`argmap.shaping`): resvg 0.47 sets them wrong. So are runs
of Arabic, which come in logical order between a right-to-left override and its end, in a
line held in drawing order by a left-to-right override (no resvg joins Arabic letters).

Imports nothing of argmap but :mod:`argmap.rastershaping` and :mod:`argmap.shaping`: it
runs in the raster workers (:mod:`argmap.rasterworker`).
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
from argmap.shaping import (
    EMOJI_FAMILY,
    EMOJI_FILE,
    EMOJI_SEQUENCE,
    RIGHT_TO_LEFT_FAMILIES,
    SHAPED_FAMILIES,
    available,
    shape,
    shapes,
)

__all__ = ["SHAPED_RUN", "outline_text"]

_TEXT: Final = re.compile(
    r'<text ([^<>]*)>((?:[^<>]*<tspan font-family="[^"<>]*">[^<>]*</tspan>)*[^<>]*)</text>'
)
_RUN: Final = re.compile(r'<tspan font-family="([^"<>]*)">([^<>]*)</tspan>')
"""A run of text in a fallback face, as :mod:`argmap.exporters.diagram.raster` names it."""
_SHAPED: Final = SHAPED_FAMILIES | RIGHT_TO_LEFT_FAMILIES
_UPRIGHT: Final = _SHAPED | {EMOJI_FAMILY}
"""The faces whose runs in an italic line are set here, upright, as resvg draws them."""
SHAPED_RUN: Final = re.compile('<tspan font-family="(?:' + "|".join(sorted(_SHAPED)) + ')">')
"""A run in one of the faces whose text is shaped (:mod:`argmap.shaping`)."""
_OVERRIDES: Final = ("\u202d", "\u202e", "\u202c")
"""The left-to-right and right-to-left overrides, and their end."""
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
_FALLBACKS: Final = frozenset(
    {"Noto Emoji", "Noto Sans Ethiopic", "Noto Sans Georgian", "Noto Sans Lao", "Noto Sans Thai",
     "Noto Sans Symbols"}
)  # fmt: skip
"""The fallback faces whose runs are set here: resvg draws them pixel for pixel as set here
(measured; a line with a run of Noto Sans KR or Armenian comes out a fraction of a pixel
away, so it is left to resvg, unless it holds a shaped run: see :meth:`_Setter.family`)."""
_UPEM: Final = 1000
"""The units outlines are written in (Noto Sans's own)."""
_KEPT_LINES: Final = 4096
"""Lines set that are kept for pages after (then it starts afresh): a few pages' worth."""


class _Face:
    """One face at one weight: its glyphs' outlines, advances, ligatures and pair kerning."""

    def __init__(self, path: str, weight: float) -> None:
        font = TTFont(path, lazy=True)
        self.font, self.path, self.weight = font, path, weight
        self.shaped = shapes(path) or (path.endswith(EMOJI_FILE) and available())
        """Whether runs in this face are shaped by HarfBuzz (:mod:`argmap.shaping`): the
        emoji face's too, so that a sequence is the one glyph the face has for it."""
        self.cmap: dict[int, str] = font.getBestCmap()
        self.ratio = _UPEM / font["head"].unitsPerEm
        """Units of :data:`_UPEM` a font unit: outlines are scaled to them."""
        location = {"wght": weight} if "fvar" in font else {}
        self.glyphs = font.getGlyphSet(location=location)
        self.ligatures, self.substitutions = substitutions(font)
        self.kerning = Kerning(font, weight)
        self.outlines: dict[str, str | None] = {}
        self.widths: dict[str, float] = {}
        self.chars: dict[str, str] = {}
        """Each character met: its glyph, or '' if a text holding it is left to resvg."""

    def advance(self, glyph: str) -> float:
        width = self.widths.get(glyph)
        if width is None:
            width = self.widths[glyph] = float(self.glyphs[glyph].width)
        return width

    def outline(self, glyph: str) -> str | None:
        """The glyph's outline in units of :data:`_UPEM` (y up): relative path data.

        Relative, so that a line's glyphs join in one path, each after a move to its pen
        position. '' if it draws nothing, None if it is left to resvg.
        """
        if glyph in self.outlines:
            return self.outlines[glyph]
        pen = DecomposingRecordingPen(self.glyphs)
        self.glyphs[glyph].draw(pen)
        found = self.outlines[glyph] = _relative(pen.value, self.ratio)
        return found

    def shape(self, text: str) -> list[tuple[str, float, float]] | None:
        """Each glyph and where it goes (font units), then the end; None: leave to resvg.

        A shaped run between a right-to-left override and its end is set right to left.
        """
        if self.shaped:
            rtl = text[:1] == _OVERRIDES[1] and text[-1:] == _OVERRIDES[2]
            return self._shaped(text[1:-1] if rtl else text, rtl)
        chars = self.chars
        names: list[str] = []
        for ch in text:
            glyph = chars.get(ch)
            if glyph is None:
                glyph = chars[ch] = self._glyph(ch)
            if not glyph:
                return None
            names.append(glyph)
        if substituted(self.substitutions, names):
            return None
        names = ligate(self.ligatures, names)
        placed: list[tuple[str, float, float]] = []
        pen = 0.0
        advance, pair = self.advance, self.kerning.pair
        for glyph, after in zip(names, names[1:], strict=False):
            placed.append((glyph, pen, 0.0))
            pen += advance(glyph)
            pen += pair(glyph, after)
        if names:
            placed.append((names[-1], pen, 0.0))
            pen += advance(names[-1])
        placed.append(("", pen, 0.0))
        return placed

    def _glyph(self, ch: str) -> str:
        """The character's glyph, or '' if the face lacks it or it is not :func:`_simple`."""
        glyph = self.cmap.get(ord(ch))
        return glyph if glyph is not None and _simple(ch) else ""

    def _shaped(self, text: str, rtl: bool) -> list[tuple[str, float, float]]:
        """A run as HarfBuzz shapes it (see :meth:`shape`): marks moved, conjuncts formed."""
        placed: list[tuple[str, float, float]] = []
        pen = 0.0
        weight = None if self.weight == _WEIGHTS[None] else self.weight
        for glyph in shape(self.path, text, weight, rtl):
            name = self.font.getGlyphName(glyph.gid)
            placed.append((name, (pen + glyph.x_offset) / self.ratio, glyph.y_offset / self.ratio))
            pen += glyph.advance
        placed.append(("", pen / self.ratio, 0.0))
        return placed


def _relative(commands: list[tuple[str, tuple[Any, ...]]], ratio: float = 1.0) -> str | None:
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
            at = (round(x * ratio * 100), round(y * ratio * 100))
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

    def __init__(self, fonts: list[str]) -> None:
        self.fonts = fonts
        self.families: dict[str, str] = {}
        self.faces: dict[tuple[str, float], _Face] = {}
        self.lines: dict[tuple[tuple[tuple[str, str], ...], float], tuple[str, float] | None] = {}

    def face(self, path: str, weight: float) -> _Face:
        found = self.faces.get((path, weight))
        if found is None:
            found = self.faces[path, weight] = _Face(path, weight)
        return found

    def family(self, name: str, any_face: bool = False) -> str | None:
        """The fallback file of a family of :data:`_FALLBACKS`, by the name it gives itself.

        ``any_face``: of any fallback family (a shaped line's runs: set here, each face a
        fraction of a pixel from where resvg would put it, rather than left to resvg 0.48,
        which sets Arabic marks and conjuncts after other text too wide).
        """
        if not self.families:
            for path in reversed(self.fonts[2:]):
                with TTFont(path, lazy=True) as font:
                    self.families[str(font["name"].getBestFamilyName())] = path
        if name in _FALLBACKS or (name in _SHAPED and available()) or any_face:
            return self.families.get(name)
        return None

    def page(self, svg: str, shaped_only: bool = False) -> str:
        def replace(match: re.Match[str]) -> str:
            text = match.group(2)
            if shaped_only and not (SHAPED_RUN.search(text) or EMOJI_SEQUENCE.search(text)):
                return match.group(0)
            drawn = self._text(dict(_ATTR.findall(match.group(1))), match.group(2), shaped_only)
            return match.group(0) if drawn is None else drawn

        return _TEXT.sub(replace, svg)

    def _text(self, attrs: dict[str, str], content: str, any_face: bool) -> str | None:
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
        if content[:1] == _OVERRIDES[0] and content[-1:] == _OVERRIDES[2]:
            content = content[1:-1]  # a line in drawing order (see the module)
        runs = self._runs(content, style == "italic", any_face)
        line = None if runs is None else self.line(runs, weight)
        if line is None:
            return None
        path, width = line
        if not path:
            return ""
        scale = size / _UPEM
        left = x - width * scale * _SHIFT.get(attrs.get("text-anchor", "start"), 0.0)
        fill = html.escape(attrs.get("fill", "black"))
        return (
            f'<path fill="{fill}" transform="matrix({scale:.6g} 0 0 {-scale:.6g} '
            f'{left:.3f} {y:.3f})" d="{path}"/>'
        )

    def _runs(
        self, content: str, italic: bool, any_face: bool
    ) -> tuple[tuple[str, str], ...] | None:
        """The text's runs as (font file, text); None if a face is unknown (or italic)."""
        pieces = _RUN.split(content)
        runs = [(self.fonts[int(italic)], html.unescape(pieces[0]))]
        for at in range(1, len(pieces), 3):
            path = self.family(pieces[at], any_face)
            # resvg slants no face that has no italic; a shaped face (or emoji) it draws
            # upright.
            if path is None or (italic and pieces[at] not in _UPRIGHT):
                return None
            runs.append((path, html.unescape(pieces[at + 1])))
            runs.append((self.fonts[0], html.unescape(pieces[at + 2])))
        return tuple((path, text) for path, text in runs if text)

    def line(self, runs: tuple[tuple[str, str], ...], weight: float) -> tuple[str, float] | None:
        """A line as path data (units of :data:`_UPEM`, y up, from its origin), and its advance.

        None: it is left to resvg. Lines met again (labels, repeated words) are kept.
        """
        key = (runs, weight)
        if key in self.lines:
            return self.lines[key]
        found: tuple[str, float] | None = ("", 0.0)
        parts: list[str] = []
        pen = 0.0
        for path, text in runs:
            face = self.face(path, weight)
            placed = face.shape(text)
            outlines = [] if placed is None else [face.outline(g) for g, _, _ in placed[:-1]]
            if placed is None or any(outline is None for outline in outlines):
                found = None
                break
            ratio = face.ratio
            for outline, (_, x, y) in zip(outlines, placed, strict=False):
                if outline:  # (a glyph on the baseline, as most are: at a height of "0")
                    down = _number(y * ratio) if y else "0"
                    parts.append(f"M{_number(pen + x * ratio)} {down}{outline}")
            pen += placed[-1][1] * face.ratio
        if found is not None:
            found = ("".join(parts), pen)
        if len(self.lines) >= _KEPT_LINES:
            self.lines.clear()
        self.lines[key] = found
        return found


_setters: dict[tuple[str, ...], _Setter] = {}


def outline_text(svg: str, fonts: list[str], *, shaped_only: bool = False) -> str:
    """``svg`` with its plain Noto Sans texts drawn as glyph outlines (see the module).

    Args:
        svg: a prepared SVG (its text in the Noto faces, a ``<tspan>`` a fallback run).
        fonts: the font files: Noto Sans (variable, ``wght`` axis), its italic, then the
            fallback faces.
        shaped_only: set only the texts with a run in one of
            :data:`~argmap.shaping.SHAPED_FAMILIES` (shaped by HarfBuzz, where
            ``uharfbuzz`` is installed: see :mod:`argmap.shaping`).
    """
    key = tuple(fonts)
    setter = _setters.get(key)
    if setter is None:
        setter = _setters[key] = _Setter(fonts)
    return setter.page(svg, shaped_only)
