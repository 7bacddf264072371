"""Plain Noto Sans text of a prepared SVG set as glyph outlines, for resvg only to fill.

resvg 0.47 (the ``svg2png_py`` binding) opens and maps a font file anew for every glyph it
outlines: half the cost of a slide. A ``<text>`` whose characters Noto Sans has and that
needs no shaping beyond what is done here (left to right, no marks, no fallback face) is
set here instead, as resvg sets it: the glyphs of the face and weight it names (the variable
font at that weight), its ligatures and pair kerning, placed by ``text-anchor``, one path a
line. A text that another substitution a shaper makes unasked would change (a precomposed
letter decomposed, a contextual form) is left to resvg, as is any other text.

Imports nothing of argmap: it runs in the raster workers (:mod:`argmap.rasterworker`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from typing import Any, Final

from fontTools.pens.basePen import decomposeQuadraticSegment
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

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


class _Face:
    """One face at one weight: its glyphs' outlines, advances, ligatures and pair kerning."""

    def __init__(self, path: str, weight: float) -> None:
        font = TTFont(path, lazy=True)
        self.cmap: dict[int, str] = font.getBestCmap()
        self.upem: int = font["head"].unitsPerEm
        location = {"wght": weight} if "fvar" in font else {}
        self.glyphs = font.getGlyphSet(location=location)
        self.ligatures, self.substitutions = _substitutions(font)
        self.kerning = _Kerning(font, weight)
        self.outlines: dict[str, str | None] = {}
        self.widths: dict[str, float] = {}

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

    def shape(self, text: str) -> list[tuple[str, float]] | None:
        """Each glyph and its pen position (font units), then the end; None: leave to resvg."""
        names: list[str] = []
        for ch in text:
            glyph = self.cmap.get(ord(ch))
            if glyph is None or not _simple(ch):
                return None
            names.append(glyph)
        if _substituted(self.substitutions, names):
            return None
        names = _ligate(self.ligatures, names)
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

    Points are rounded to hundredths first, so that the differences add up exactly.
    None for a contour of off-curve points alone (TrueType allows it; left to resvg).
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
            for segment in decomposeQuadraticSegment(points) if len(points) > 2 else [points]:
                out.append("q" + to(segment))
        elif command == "curveTo":
            out.append("c" + to(points))
        elif command in ("closePath", "endPath"):
            out.append("z")
            at = start
    return "".join(out)


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


_SUBSTITUTING: Final = frozenset({"ccmp", "locl", "rlig", "liga", "clig", "calt", "rclt", "rvrn"})
"""The GSUB features a shaper applies to left-to-right text unasked."""


def _substitutions(font: TTFont) -> tuple[dict[str, list[tuple[list[str], str]]], list[Any]]:
    """The ligatures of :data:`_SUBSTITUTING` features, and their other substitutions.

    Returns:
        First glyph -> (the glyphs after it, ligature), in lookup order; and every other
        substitution subtable (a text one of them would change is left to resvg).
    """
    table = font["GSUB"].table if "GSUB" in font else None
    ligatures: dict[str, list[tuple[list[str], str]]] = {}
    others: list[Any] = []
    if table is None or table.FeatureList is None:
        return ligatures, others
    lookups = sorted(
        {
            index
            for feature in _default_features(table)
            if table.FeatureList.FeatureRecord[feature].FeatureTag in _SUBSTITUTING
            for index in table.FeatureList.FeatureRecord[feature].Feature.LookupListIndex
        }
    )
    for index in lookups:
        lookup = table.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            sub = sub.ExtSubTable if lookup.LookupType == 7 else sub
            if type(sub).__name__ != "LigatureSubst":
                others.append(sub)
                continue
            for first, ligs in sub.ligatures.items():
                for lig in ligs:
                    ligatures.setdefault(first, []).append((list(lig.Component), lig.LigGlyph))
    return ligatures, others


def _default_features(table: Any) -> set[int]:
    """The features (indexes) of every script's default language: text has no language."""
    found: set[int] = set()
    for record in table.ScriptList.ScriptRecord if table.ScriptList else ():
        default = record.Script.DefaultLangSys
        if default is not None:
            found.update(default.FeatureIndex)
            if default.ReqFeatureIndex != 0xFFFF:
                found.add(default.ReqFeatureIndex)
    return found


def _substituted(others: list[Any], names: list[str]) -> bool:
    """Whether any of the substitutions would change these glyphs (or might: unsure is yes)."""
    present = set(names)
    for sub in others:
        kind = type(sub).__name__
        if kind in ("SingleSubst", "MultipleSubst", "AlternateSubst"):
            if not present.isdisjoint(sub.mapping if kind != "AlternateSubst" else sub.alternates):
                return True
        elif kind == "ChainContextSubst" and sub.Format == 3:
            if any(_chain_matches(sub, names, at) for at in range(len(names))):
                return True
        else:  # other contexts: any glyph the rule starts from
            coverage: Any = getattr(sub, "Coverage", None) or getattr(sub, "InputCoverage", None)
            first = coverage[0] if isinstance(coverage, list) and coverage else coverage
            if first is None or not present.isdisjoint(first.glyphs):
                return True
    return False


def _chain_matches(sub: Any, names: list[str], at: int) -> bool:
    """Whether a chained context rule (format 3) matches the glyphs from ``at``."""
    inputs, ahead, behind = sub.InputCoverage, sub.LookAheadCoverage, sub.BacktrackCoverage
    if at < len(behind) or at + len(inputs) + len(ahead) > len(names):
        return False
    sequence = [*reversed(behind), *inputs, *ahead]
    start = at - len(behind)
    return all(names[start + i] in c.glyphs for i, c in enumerate(sequence))


def _ligate(ligatures: dict[str, list[tuple[list[str], str]]], names: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(names):
        glyph = names[index]
        step = 1
        for rest, ligature in ligatures.get(glyph, ()):
            if names[index + 1 : index + 1 + len(rest)] == rest:
                glyph, step = ligature, 1 + len(rest)
                break
        out.append(glyph)
        index += step
    return out


class _Kerning:
    """The ``kern`` feature's pair adjustments (PairPos), at one weight of a variable font."""

    def __init__(self, font: TTFont, weight: float) -> None:
        self.memo: dict[tuple[str, str], float] = {}
        self.tables: list[Any] = []
        self.delta: Callable[[Any], float] = lambda device: 0.0
        table = font["GPOS"].table if "GPOS" in font else None
        if table is None or table.FeatureList is None:
            return
        lookups = sorted(
            {
                index
                for record in table.FeatureList.FeatureRecord
                if record.FeatureTag == "kern"
                for index in record.Feature.LookupListIndex
            }
        )
        for index in lookups:
            lookup = table.LookupList.Lookup[index]
            subs = [s.ExtSubTable if lookup.LookupType == 9 else s for s in lookup.SubTable]
            pairs = [s for s in subs if type(s).__name__ == "PairPos"]
            if pairs:
                self.tables.append(pairs)
        if "fvar" in font and "GDEF" in font and getattr(font["GDEF"].table, "VarStore", None):
            self.delta = _deltas(font, weight)

    def pair(self, first: str, second: str) -> float:
        key = (first, second)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = sum(self._lookup(subs, first, second) for subs in self.tables)
        return found

    def _lookup(self, subs: list[Any], first: str, second: str) -> float:
        for sub in subs:
            covered = sub.Coverage.glyphs
            if first not in covered:
                continue
            if sub.Format == 1:
                at = covered.index(first)
                for record in sub.PairSet[at].PairValueRecord:
                    if record.SecondGlyph == second:
                        return self._value(record.Value1)
                continue
            class1 = sub.ClassDef1.classDefs.get(first, 0)
            class2 = sub.ClassDef2.classDefs.get(second, 0)
            return self._value(sub.Class1Record[class1].Class2Record[class2].Value1)
        return 0.0

    def _value(self, value: Any) -> float:
        if value is None:
            return 0.0
        advance = float(getattr(value, "XAdvance", 0) or 0)
        device = getattr(value, "XAdvDevice", None)
        return advance + (self.delta(device) if device is not None else 0.0)


def _deltas(font: TTFont, weight: float) -> Callable[[Any], float]:
    from fontTools.varLib.models import normalizeLocation
    from fontTools.varLib.varStore import VarStoreInstancer

    axes = {a.axisTag: (a.minValue, a.defaultValue, a.maxValue) for a in font["fvar"].axes}
    location = normalizeLocation({"wght": weight}, axes)
    if "avar" in font:
        from fontTools.varLib.models import piecewiseLinearMap

        for tag, mapping in font["avar"].segments.items():
            location[tag] = piecewiseLinearMap(location.get(tag, 0.0), mapping)
    store = VarStoreInstancer(font["GDEF"].table.VarStore, font["fvar"].axes, location)

    def delta(device: Any) -> float:
        if getattr(device, "DeltaFormat", 0) != 0x8000:
            return 0.0
        return float(store[(device.StartSize << 16) + device.EndSize])

    return delta


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
        placed = face.shape(text)
        if placed is None:
            return None
        scale = size / face.upem
        left = x - placed[-1][1] * scale * _SHIFT.get(attrs.get("text-anchor", "start"), 0.0)
        parts: list[str] = []
        for glyph, pen in placed[:-1]:
            outline = face.outline(glyph)
            if outline is None:
                return None
            if outline:
                parts.append(f"M{_number(pen)} 0{outline}")
        if not parts:
            return ""
        fill = html.escape(attrs.get("fill", "black"))
        return (
            f'<path fill="{fill}" transform="matrix({scale:.6g} 0 0 {-scale:.6g} '
            f'{left:.3f} {y:.3f})" d="{"".join(parts)}"/>'
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
