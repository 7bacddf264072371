"""Regenerate argmap/exporters/diagram/notowidths.py from the Noto Sans faces argmap ships.

Run after changing the shipped fonts: ``python tests/scripts/update_noto_widths.py``
(needs fontTools, from ``argmap[pdf]``). ``tests/test_fonts.py`` checks the table is current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x370, 0x3FF),
    (0x400, 0x4FF),
    (0x1E00, 0x1EFF),
    (0x2010, 0x2027),
)
"""Latin, Latin-1 and Extended, Greek, Cyrillic, Latin Extended Additional (Vietnamese's
letters with two marks), and general punctuation (dashes, quotes)."""

FALLBACK_RANGES = ((0x591, 0x5F4), (0x2190, 0x21FF), (0x2600, 0x27BF))
"""Hebrew, arrows, symbols and dingbats (stars, ticks), from the fallback faces: measured
without reading a font (the engine's own PNG draws Hebrew; the others are common in text)."""

TARGET = ROOT / "argmap" / "exporters" / "diagram" / "notowidths.py"


def widths(style: str) -> list[int]:
    """Advance widths in thousandths of an em, for every code point of RANGES in order.

    Read from the face's default advances plus its HVAR deltas at the style's weight: what
    the engine's instancer gives, without instancing every outline (3 s a face).
    """
    from fontTools.misc.roundTools import otRound
    from fontTools.ttLib import TTFont
    from fontTools.varLib.models import normalizeLocation, piecewiseLinearMap
    from fontTools.varLib.varStore import VarStoreInstancer

    from argmap.exporters.diagram.fonts import MAIN_FACES, noto_folder

    name, weight = MAIN_FACES[style]
    with TTFont(str(noto_folder() / name), lazy=True) as font:
        axes = font["fvar"].axes
        where = normalizeLocation(
            {"wght": weight}, {a.axisTag: (a.minValue, a.defaultValue, a.maxValue) for a in axes}
        )
        segments = font["avar"].segments if "avar" in font else {}
        where = {tag: piecewiseLinearMap(v, segments.get(tag) or {}) for tag, v in where.items()}
        hvar = font["HVAR"].table
        deltas = VarStoreInstancer(hvar.VarStore, axes, where)
        order = {glyph: index for index, glyph in enumerate(font.getGlyphOrder())}
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        em = font["head"].unitsPerEm
        out = []
        for first, last in RANGES:
            for code in range(first, last + 1):
                glyph = cmap.get(code)
                if glyph is None:
                    out.append(0)
                    continue
                index = hvar.AdvWidthMap.mapping[glyph] if hvar.AdvWidthMap else order[glyph]
                advance = otRound(metrics[glyph][0] + deltas[index])
                out.append(round(advance * 1000 / em))
        return out


def fallback_widths() -> list[int]:
    """Advances in thousandths of an em for FALLBACK_RANGES, in the face that draws each."""
    from argmap.exporters.diagram.fonts import coverage, fallback_ems, main_font

    main = coverage(main_font())
    out = []
    for first, last in FALLBACK_RANGES:
        for code in range(first, last + 1):
            ems = None if code in main else fallback_ems(chr(code), table=False)
            out.append(0 if ems is None else round(ems * 1000))
    return out


def fallback_pages() -> dict[int, tuple[int, ...]]:
    """Each 256-character page that a fallback face draws in -> those faces (their indexes)."""
    from argmap.exporters.diagram.fonts import coverage, fallback_fonts, main_font

    main = coverage(main_font())
    pages: dict[int, set[int]] = {}
    for index, path in enumerate(fallback_fonts()):
        for code in coverage(path) - main:
            pages.setdefault(code >> 8, set()).add(index)
    return {page: tuple(sorted(faces)) for page, faces in sorted(pages.items())}


def render() -> str:
    """The module's text."""
    lines = [
        '"""Advance widths of the Noto Sans faces argmap draws with (generated; do not edit)."""',
        "",
        "# Made by tests/scripts/update_noto_widths.py from the fonts in noto/. Thousandths of",
        "# an em for each code point of RANGES, in order, space-separated; 0: no glyph.",
        "# FALLBACK: the same for FALLBACK_RANGES, in the fallback face that draws each.",
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        f"RANGES: Final = {RANGES!r}",
        "",
        f"FALLBACK_RANGES: Final = {FALLBACK_RANGES!r}",
        "",
        "WIDTHS: Final[dict[str, str]] = {",
    ]
    for style in ("", "B", "I", "FALLBACK"):
        numbers = fallback_widths() if style == "FALLBACK" else widths(style)
        values = " ".join(str(v) for v in numbers)
        lines.append(f"    {json.dumps(style)}: (")
        while values:
            cut = values.rfind(" ", 0, 86) + 1 if len(values) > 86 else len(values)
            lines.append(f'        "{values[:cut]}"')
            values = values[cut:]
        lines.append("    ),")
    lines.append("}")
    lines += [
        "",
        "# Each 256-character page the fallback faces draw in: PAGE:FACE,FACE... (indexes).",
        "FALLBACK_PAGES: Final = (",
    ]
    values = " ".join(
        f"{page}:{','.join(map(str, faces))}" for page, faces in fallback_pages().items()
    )
    while values:
        cut = values.rfind(" ", 0, 86) + 1 if len(values) > 86 else len(values)
        lines.append(f'    "{values[:cut]}"')
        values = values[cut:]
    lines.append(")")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET.relative_to(ROOT)}\n")
