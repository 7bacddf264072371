"""What a shaper does unasked to left-to-right text in one face: ligatures, pair kerning.

And which of the font's other substitutions a run of glyphs would meet, so that such text is
left to a real shaper. Read with fontTools; imports nothing of argmap (it runs in the raster
workers, for :mod:`argmap.rasterglyphs`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fontTools.ttLib import TTFont

__all__ = ["Kerning", "ligate", "substituted", "substitutions"]

Ligatures = dict[str, list[tuple[list[str], str]]]
"""First glyph -> (the glyphs after it, the ligature), in lookup order."""
Pattern = tuple[frozenset[str], ...]
"""A run of glyphs a substitution changes: the glyphs each may be, in order."""


_SUBSTITUTING: Final = frozenset({"ccmp", "locl", "rlig", "liga", "clig", "calt", "rclt", "rvrn"})
"""The GSUB features a shaper applies to left-to-right text unasked."""


def substitutions(
    font: TTFont,
) -> tuple[Ligatures, list[Pattern]]:
    """The ligatures of :data:`_SUBSTITUTING` features, and their other substitutions.

    Returns:
        First glyph -> (the glyphs after it, ligature), in lookup order; and the
        :func:`_pattern` of every other substitution (a text one would change is left to
        resvg).
    """
    table = font["GSUB"].table if "GSUB" in font else None
    ligatures: Ligatures = {}
    others: list[Pattern] = []
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
                others.append(_pattern(sub))
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


def substituted(patterns: list[Pattern], names: list[str]) -> bool:
    """Whether any pattern (a set of glyphs for each of a run of glyphs) occurs in ``names``."""
    present = set(names)
    for pattern in patterns:
        if any(present.isdisjoint(glyphs) for glyphs in pattern):
            continue
        for start in range(len(names) - len(pattern) + 1):
            if all(names[start + i] in glyphs for i, glyphs in enumerate(pattern)):
                return True
    return False


def _pattern(sub: Any) -> Pattern:
    """The glyph runs a substitution changes: each glyph's set, in order (``()``: any text)."""
    kind = type(sub).__name__
    if kind in ("SingleSubst", "MultipleSubst"):
        return (frozenset(sub.mapping),)
    if kind == "AlternateSubst":
        return (frozenset(sub.alternates),)
    if kind == "ChainContextSubst" and sub.Format == 3:
        runs = [*reversed(sub.BacktrackCoverage), *sub.InputCoverage, *sub.LookAheadCoverage]
        return tuple(frozenset(coverage.glyphs) for coverage in runs)
    coverage: Any = getattr(sub, "Coverage", None)  # other contexts: where they start
    first = coverage[0] if isinstance(coverage, list) and coverage else coverage
    return (frozenset(first.glyphs),) if first is not None else ()


def ligate(ligatures: Ligatures, names: list[str]) -> list[str]:
    """The glyphs with each run a ligature replaces replaced, first and longest listed first."""
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


class Kerning:
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
        """The advance adjustment (font units) after ``first`` when ``second`` follows."""
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
