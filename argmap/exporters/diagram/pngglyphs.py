"""Which characters the bundled engine's own PNG fonts draw, and which a text needs beyond them."""

from __future__ import annotations

from typing import Final

__all__ = ["BUNDLED_PNG_GLYPHS", "missing_png_glyphs"]


BUNDLED_PNG_GLYPHS: Final[tuple[tuple[int, int], ...]] = (
    (0x0020, 0x007E),
    (0x00A0, 0x052F),
    (0x0591, 0x05EA),
    (0x05F0, 0x05F4),
    (0x061C, 0x061C),
    (0x0E33, 0x0E33),
    (0x0EB3, 0x0EB3),
    (0x17B4, 0x17D3),
    (0x17DD, 0x17DD),
    (0x180B, 0x180E),
    (0x1AB0, 0x1ABE),
    (0x1C80, 0x1C88),
    (0x1D00, 0x1DF5),
    (0x1DFB, 0x20BE),
    (0x20F0, 0x214F),
    (0x2153, 0x2154),
    (0x215B, 0x215E),
    (0x2184, 0x2184),
    (0x2190, 0x2195),
    (0x219A, 0x219B),
    (0x21A8, 0x21A8),
    (0x21AE, 0x21AE),
    (0x2202, 0x2202),
    (0x2206, 0x2206),
    (0x220F, 0x220F),
    (0x2211, 0x2212),
    (0x2215, 0x2215),
    (0x2219, 0x221A),
    (0x221E, 0x221F),
    (0x2229, 0x2229),
    (0x222B, 0x222B),
    (0x2248, 0x2249),
    (0x2260, 0x2262),
    (0x2264, 0x2265),
    (0x226E, 0x2271),
    (0x2302, 0x2302),
    (0x2310, 0x2310),
    (0x2320, 0x2321),
    (0x2500, 0x2500),
    (0x2502, 0x2502),
    (0x250C, 0x250C),
    (0x2510, 0x2510),
    (0x2514, 0x2514),
    (0x2518, 0x2518),
    (0x251C, 0x251C),
    (0x2524, 0x2524),
    (0x252C, 0x252C),
    (0x2534, 0x2534),
    (0x253C, 0x253C),
    (0x2550, 0x256C),
    (0x2580, 0x2580),
    (0x2584, 0x2584),
    (0x2588, 0x2588),
    (0x258C, 0x258C),
    (0x2590, 0x2593),
    (0x25A0, 0x25A1),
    (0x25AA, 0x25AC),
    (0x25B2, 0x25B2),
    (0x25BA, 0x25BA),
    (0x25BC, 0x25BC),
    (0x25C4, 0x25C4),
    (0x25CA, 0x25CC),
    (0x25CF, 0x25CF),
    (0x25D8, 0x25D9),
    (0x25E6, 0x25E6),
    (0x263A, 0x263C),
    (0x2640, 0x2640),
    (0x2642, 0x2642),
    (0x2660, 0x2660),
    (0x2663, 0x2663),
    (0x2665, 0x2666),
    (0x266A, 0x266B),
    (0x266F, 0x266F),
    (0xFB01, 0xFB04),
    (0xFB1D, 0xFB4F),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
    (0xFEFF, 0xFEFF),
    (0xFFFC, 0xFFFD),
)
"""Code point ranges the bundled engine's PNG fonts draw (Arimo, Tinos, Cousine).

Measured on graphviz-pure 0.2.2 by drawing every assigned character from U+00A0 to
U+2BFF and U+FB00 to U+FFFD and comparing it with the empty box drawn for a missing
glyph: Latin, Greek, Cyrillic, Hebrew, punctuation and common symbols. Not drawn:
Arabic, Indic scripts, Thai, CJK, Hangul, emoji and most symbols beyond U+2300.
Characters above U+FFFF (emoji) are never drawn.
"""


def missing_png_glyphs(text: str) -> list[str]:
    """Return the distinct characters of ``text`` the bundled engine's PNG cannot draw.

    Only characters that draw something count
    (:func:`argmap.exporters.diagram.fonts.drawable_chars`).
    Order is first appearance.
    """
    from bisect import bisect_right

    from argmap.exporters.diagram.fonts import drawable_chars

    out: list[str] = []
    for ch in drawable_chars(text):
        code = ord(ch)
        i = bisect_right(_GLYPH_STARTS, code) - 1
        if i < 0 or code > BUNDLED_PNG_GLYPHS[i][1]:
            out.append(ch)
    return out


_GLYPH_STARTS: Final = [start for start, _ in BUNDLED_PNG_GLYPHS]
