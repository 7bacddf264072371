"""The fonts of a PDF: characters to codes and widths as pages are drawn, subsets embedded last.

Each face (a Noto Sans style, or a fallback file) is embedded once, at the end, as a
subset of the glyphs the pages used: a ``Type0`` font with ``Identity-H`` codes, its
``CIDFontType2`` (TrueType outlines) or ``CIDFontType0`` (CFF, Noto Sans KR) descendant,
the glyphs' widths and a ``ToUnicode`` map, so text extracts as the characters drawn.
TrueType faces get a code per character, in the order first drawn (two characters of
one glyph, such as a space and a no-break space, still extract as themselves); CID-keyed
CFF faces are addressed by the glyph's CID.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

    from argmap.exporters.diagram.pdfwrite import PdfWriter

__all__ = ["Face"]

_CMAP_HEAD: Final = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
)
_CMAP_TAIL: Final = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
_BLOCK: Final = 100
"""A CMap block holds at most 100 entries."""


class Face:
    """One font as a PDF uses it: codes and widths of the characters drawn with it.

    Args:
        font: the font file, opened (lazily); styles of one file share it.
        path: the font file's path.
        name: the font's PostScript name in the PDF (``NotoSansBold``).
        weight: the weight to set a variable font at (None: the file's default).
    """

    def __init__(
        self,
        font: TTFont,
        path: Path,
        name: str,
        weight: float | None = None,
        *,
        ligate: bool = False,
        shaped: bool = False,
    ) -> None:
        self.path, self.name, self.weight = path, name, weight
        self.ligate = ligate
        """Whether text is drawn with the font's ligatures (:meth:`encode_ligated`)."""
        self.shaped = shaped
        """Whether text is drawn as HarfBuzz shapes it (:meth:`encode_shaped`)."""
        self.shaped_codes: dict[tuple[str, str], tuple[str, float]] = {}
        """A shaped glyph and the text it extracts as -> its code as hex digits, its width."""
        self.glyph_codes: dict[str, tuple[str, float]] = {}
        """A ligature's glyph -> its code as hex digits and its width."""
        self.font = font
        self.location = self._location(self.font, weight)
        self.cmap: dict[int, str] = self.font.getBestCmap()
        self.cff = "CFF " in self.font
        self.cid_keyed = self.cff and hasattr(self.font["CFF "].cff.topDictIndex[0], "ROS")
        # A variable font's advances at the weight; a static font's from its metrics table.
        self.glyphs = self.font.getGlyphSet(location=self.location) if self.location else None
        self.scale = 1000 / self.font["head"].unitsPerEm
        self.hex: dict[int, str] = {}
        """Character -> its code as four hex digits (a ``str.translate`` table)."""
        self.widths: dict[int, float] = {}
        """Character -> its advance in thousandths of the font size."""
        self.used: dict[int, tuple[str, float, str]] = {}
        """Code -> the glyph's name, its width and the character it stands for."""

    @staticmethod
    def _location(font: TTFont, weight: float | None) -> dict[str, float]:
        """Every axis of a variable font at its default, the weight at ``weight``."""
        if "fvar" not in font:
            return {}
        location = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
        if weight is not None and "wght" in location:
            location["wght"] = weight
        return location

    def encode(self, text: str) -> str:
        """The text's codes as hex digits (four a character), noting each character used."""
        shown = text.translate(self.hex)
        if len(shown) != 4 * len(text):
            for ch in text:
                if ord(ch) not in self.hex:
                    self._add(ord(ch))
            shown = text.translate(self.hex)
        return shown

    def width(self, text: str) -> float:
        """The advance of text already :meth:`encode`-d, in thousandths of the font size."""
        return sum(map(self.widths.__getitem__, map(ord, text)))

    def encode_ligated(self, text: str) -> tuple[str, float]:
        """Text's codes as hex digits and its advance, each sequence the font ligates as one.

        An emoji with a skin tone, a flag's two letters or a sequence of emoji joined
        by zero-width joiners draws as the one glyph the font has for it (where it has
        one), not as its parts; variation selectors draw nothing.
        """
        hexes: list[str] = []
        width = 0.0
        for glyph, source in _ligated(_ligature_tables(self.path, self.font), self.cmap, text):
            known = self.glyph_codes.get(glyph)
            if known is None:
                advance = round(self._advance(glyph) * self.scale, 3)
                code = len(self.used) + 1
                self.used[code] = (glyph, advance, source)
                known = self.glyph_codes[glyph] = (f"{code:04X}", advance)
            hexes.append(known[0])
            width += known[1]
        return "".join(hexes), width

    def encode_shaped(self, text: str, size: float, rtl: bool = False) -> tuple[str, float]:
        """A run's operators as HarfBuzz shapes it, and its advance (see :mod:`.pdfshaped`)."""
        from argmap.exporters.diagram.pdfshaped import encode_shaped

        return encode_shaped(self, text, size, rtl)

    def shaped_code(self, glyph: str, source: str) -> tuple[str, float]:
        """The code of a shaped glyph extracting as ``source``, and the glyph's width."""
        known = self.shaped_codes.get((glyph, source))
        if known is None:
            advance = round(self._advance(glyph) * self.scale, 3)
            code = len(self.used) + 1
            self.used[code] = (glyph, advance, source)
            known = self.shaped_codes[glyph, source] = (f"{code:04X}", advance)
        return known

    def _advance(self, glyph: str) -> float:
        if self.glyphs is not None:
            return float(round(self.glyphs[glyph].width))
        return float(self.font["hmtx"][glyph][0])

    def _add(self, char: int) -> None:
        """Give a character its code and width (the missing-glyph box if the face lacks it)."""
        glyph = self.cmap.get(char, ".notdef")
        if self.glyphs is not None:
            advance = round(self.glyphs[glyph].width)
        else:
            advance = self.font["hmtx"][glyph][0]
        width = round(advance * self.scale, 3)
        if self.cid_keyed:
            code = int(glyph[3:]) if glyph.startswith("cid") else 0
            self.used.setdefault(code, (glyph, width, _spoken(char)))
        else:
            code = len(self.used) + 1  # code 0 stays the missing glyph
            self.used[code] = (glyph, width, _spoken(char))
        self.hex[char] = f"{code:04X}"
        self.widths[char] = width

    def embed(self, writer: PdfWriter) -> int:
        """Write the font's subset and descriptions; return the ``Type0`` font's number."""
        data, gids = self._subset()
        tag = _tag(self.name, self.used)
        base = f"/{tag}+{self.name}"
        file_number, descriptor, cid_font, to_unicode, font = (writer.reserve() for _ in range(5))
        if self.cid_keyed:
            writer.write_stream(file_number, data, "/Subtype /CIDFontType0C")
        else:
            writer.write_stream(file_number, data, f"/Length1 {len(data)}")
        writer.write_object(descriptor, self._descriptor(base, file_number))
        widths = _widths(self.used)
        if self.cid_keyed:
            registry, ordering, supplement = self.font["CFF "].cff.topDictIndex[0].ROS
            kind, gid_map = "CIDFontType0", ""
        else:
            registry, ordering, supplement = "Adobe", "Identity", 0
            kind, gid_map = "CIDFontType2", self._gid_map(writer, gids)
        writer.write_object(
            cid_font,
            f"<< /Type /Font /Subtype /{kind} /BaseFont {base} "
            f"/CIDSystemInfo << /Registry ({registry}) /Ordering ({ordering}) "
            f"/Supplement {supplement} >> /FontDescriptor {descriptor} 0 R "
            f"/W [{widths}]{gid_map} >>",
        )
        writer.write_stream(to_unicode, self._to_unicode().encode("ascii"))
        writer.write_object(
            font,
            f"<< /Type /Font /Subtype /Type0 /BaseFont {base} /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>",
        )
        return font

    def _subset(self) -> tuple[bytes, dict[str, int]]:
        """The font cut down to the glyphs used (set at its weight), and their new numbers."""
        from fontTools import subset
        from fontTools.ttLib import TTFont
        from fontTools.varLib import instancer

        options = subset.Options()
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "STAT", "MVAR"]
        options.notdef_outline = True
        options.name_IDs = [1, 2]
        options.name_languages = [0x409]
        with TTFont(str(self.path), lazy=True, recalcTimestamp=False) as font:
            cutter = subset.Subsetter(options)
            cutter.populate(glyphs=[".notdef", *(g for g, _, _ in self.used.values())])
            cutter.subset(font)
            if self.location:
                instancer.instantiateVariableFont(font, self.location, inplace=True)
            gids = {name: font.getGlyphID(name) for name, _, _ in self.used.values()}
            if self.cid_keyed:
                return font["CFF "].compile(font), gids
            out = io.BytesIO()
            font.save(out)
            return out.getvalue(), gids

    def _gid_map(self, writer: PdfWriter, gids: dict[str, int]) -> str:
        """Write the code -> glyph table of a TrueType face; return its dictionary entry."""
        table = bytearray(2 * (len(self.used) + 1))
        for code, (glyph, _, _) in self.used.items():
            table[2 * code : 2 * code + 2] = gids[glyph].to_bytes(2, "big")
        number = writer.reserve()
        writer.write_stream(number, bytes(table))
        return f" /CIDToGIDMap {number} 0 R"

    def _descriptor(self, base: str, file_number: int) -> str:
        """The font descriptor: the metrics a viewer needs before it reads the font."""
        head, hhea = self.font["head"], self.font["hhea"]
        os2 = self.font.get("OS/2")
        box = " ".join(_num(v * self.scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
        cap = getattr(os2, "sCapHeight", 0) or hhea.ascent
        angle = float(self.font["post"].italicAngle)
        flags = 4 | (64 if angle else 0)  # symbolic (codes are not a standard encoding)
        key = "FontFile3" if self.cid_keyed else "FontFile2"
        return (
            f"<< /Type /FontDescriptor /FontName {base} /Flags {flags} /FontBBox [{box}] "
            f"/ItalicAngle {_num(angle)} /Ascent {_num(hhea.ascent * self.scale)} "
            f"/Descent {_num(hhea.descent * self.scale)} /CapHeight {_num(cap * self.scale)} "
            f"/StemV 80 /{key} {file_number} 0 R >>"
        )

    def _to_unicode(self) -> str:
        """The CMap from codes back to the characters they were drawn for."""
        entries = [
            f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>"
            for code, (_, _, text) in sorted(self.used.items())
        ]
        blocks = "".join(
            f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar\n"
            for part in _chunks(entries, _BLOCK)
        )
        return _CMAP_HEAD + blocks + _CMAP_TAIL


_Ligatures = dict[str, list[tuple[tuple[str, ...], str]]]
"""One ligature lookup: first glyph -> (the glyphs after it, their ligature), longest first."""


def _ligated(tables: list[_Ligatures], cmap: dict[int, str], text: str) -> list[tuple[str, str]]:
    """Text as the glyphs a font's ligatures make of it: ``(glyph, the text it draws)``.

    Every ligature lookup (``tables``) is applied in turn, longest match first.
    """
    units = [(cmap.get(ord(ch), ".notdef"), ch) for ch in text if not 0xFE00 <= ord(ch) <= 0xFE0F]
    for table in tables:
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(units):
            for components, glyph in table.get(units[i][0], ()):
                end = i + 1 + len(components)
                if tuple(g for g, _ in units[i + 1 : end]) == components:
                    out.append((glyph, "".join(t for _, t in units[i:end])))
                    i = end
                    break
            else:
                out.append(units[i])
                i += 1
        units = out
    return units


_LIGATURES: dict[Path, list[_Ligatures]] = {}


def _ligature_tables(path: Path, font: TTFont) -> list[_Ligatures]:
    """Each ligature lookup of the font at ``path`` (read once)."""
    found = _LIGATURES.get(path)
    if found is not None:
        return found
    tables: list[_Ligatures] = []
    if "GSUB" in font:
        for lookup in font["GSUB"].table.LookupList.Lookup:
            table: _Ligatures = {}
            for sub in lookup.SubTable:
                sub = getattr(sub, "ExtSubTable", sub)
                for first, ligatures in getattr(sub, "ligatures", {}).items():
                    for ligature in ligatures:
                        entry = (tuple(ligature.Component), ligature.LigGlyph)
                        table.setdefault(first, []).append(entry)
            for entries in table.values():
                entries.sort(key=lambda entry: -len(entry[0]))
            if table:
                tables.append(table)
    _LIGATURES[path] = tables
    return tables


def _spoken(char: int) -> str:
    """The text a character's glyph extracts as: an Arabic joined form as its letters."""
    if 0xFB50 <= char <= 0xFDFF or 0xFE70 <= char <= 0xFEFF:
        import unicodedata

        return unicodedata.normalize("NFKC", chr(char))
    return chr(char)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _widths(used: dict[int, tuple[str, float, str]]) -> str:
    """The ``/W`` array's content: each run of consecutive codes with its glyphs' widths."""
    runs: list[tuple[int, list[str]]] = []
    for code, (_, width, _) in sorted(used.items()):
        if runs and runs[-1][0] + len(runs[-1][1]) == code:
            runs[-1][1].append(_num(width))
        else:
            runs.append((code, [_num(width)]))
    return " ".join(f"{start} [{' '.join(widths)}]" for start, widths in runs)


def _tag(name: str, used: dict[int, tuple[str, float, str]]) -> str:
    """The six capital letters a subset's name starts with, from what it holds."""
    digest = hashlib.sha256(name.encode() + repr(sorted(used.items())).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
