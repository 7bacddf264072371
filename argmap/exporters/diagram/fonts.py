"""The Noto fonts argmap draws PDF and PNG text with: where they are and what they cover."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final

from argmap.shaping import EMOJI_FILE

__all__ = [
    "EMOJI_STYLE",
    "FALLBACK_FACES",
    "JOINED",
    "fallback_ems",
    "MAIN_FACES",
    "coverage",
    "drawable_chars",
    "emoji_has",
    "fallback_fonts",
    "faces_for",
    "family_name",
    "font_files",
    "font_runs",
    "main_font",
    "missing_glyphs",
    "noto_folder",
]

MAIN_FACES: Final = {
    "": ("NotoSans[wght].ttf", 400),
    "B": ("NotoSans[wght].ttf", 700),
    "I": ("NotoSans-Italic[wght].ttf", 400),
    "BI": ("NotoSans-Italic[wght].ttf", 700),
}
"""Per style ("", "B", "I", "BI"): the variable Noto Sans file and the weight to set."""

EMOJI_STYLE: Final = frozenset("\ufe0f\u20e3")
"""Emoji presentation and the keycap: a character before either is drawn as an emoji, in
the emoji face (:data:`~argmap.shaping.EMOJI_FILE`) where it has it (``1\ufe0f\u20e3``,
``\u2764\ufe0f``)."""
FALLBACK_FACES: Final = (
    "NotoSansKR-Regular.otf",
    EMOJI_FILE,
    "NotoSansArabic[wght].ttf",
    "NotoSansArmenian[wght].ttf",
    "NotoSansBengali[wght].ttf",
    "NotoSansDevanagari[wght].ttf",
    "NotoSansEthiopic[wght].ttf",
    "NotoSansGeorgian[wght].ttf",
    "NotoSansGujarati[wght].ttf",
    "NotoSansGurmukhi[wght].ttf",
    "NotoSansHebrew[wght].ttf",
    "NotoSansKannada[wght].ttf",
    "NotoSansKhmer[wght].ttf",
    "NotoSansLao[wght].ttf",
    "NotoSansMalayalam[wght].ttf",
    "NotoSansMyanmar[wght].ttf",
    "NotoSansOriya[wght].ttf",
    "NotoSansSinhala[wght].ttf",
    "NotoSansSymbols[wght].ttf",
    "NotoSansTamil[wght].ttf",
    "NotoSansTelugu[wght].ttf",
    "NotoSansThai[wght].ttf",
    "NotoSansCJKsc-Regular-subset.otf",
)
"""The faces for what Noto Sans lacks, in the order they are tried.

Noto Sans KR (Hangul, kana, CJK ideographs) first, then emoji, symbols, Hebrew, Arabic,
Indic and other scripts, and last a subset of Noto Sans CJK SC: the common simplified
Chinese and Japanese ideographs that Noto Sans KR lacks (only those, so it comes after
every face that could draw the same character). Each draws some character that no face
before it has.
"""


@functools.cache
def noto_folder() -> Path:
    """The folder of Noto fonts shipped inside argmap (SIL OFL 1.1: ``OFL.txt`` there)."""
    return Path(__file__).resolve().parent / "noto"


def main_font() -> Path:
    """Noto Sans, upright (a variable font): Latin, Greek, Cyrillic and punctuation."""
    return noto_folder() / MAIN_FACES[""][0]


def fallback_fonts() -> list[Path]:
    """The files of :data:`FALLBACK_FACES`, in the order to try them."""
    folder = noto_folder()
    return [folder / name for name in FALLBACK_FACES]


def font_files() -> list[Path]:
    """Every font file argmap draws with: Noto Sans upright, then italic, then the fallbacks."""
    folder = noto_folder()
    main = [folder / name for name in dict.fromkeys(name for name, _ in MAIN_FACES.values())]
    return [*main, *fallback_fonts()]


@functools.cache
def coverage(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def drawable_chars(text: str) -> list[str]:
    """Return the distinct characters of ``text`` that draw something, in first order.

    Whitespace and invisible layout or format characters (categories Cc, Cf, Zl, Zp)
    are left out: no font is needed for them.
    """
    from unicodedata import category

    out: list[str] = []
    seen: set[str] = set()
    for ch in text:
        if ch in seen or ch.isspace():
            continue
        seen.add(ch)
        if category(ch) not in ("Cc", "Cf", "Zl", "Zp"):
            out.append(ch)
    return out


def missing_glyphs(text: str) -> list[str]:
    """Return the :func:`drawable_chars` of ``text`` that no font of :func:`font_files` has.

    Fonts are read only as far as needed: usually Noto Sans alone answers.
    """
    wanted = drawable_chars(text)
    for path in font_files():
        if not wanted:
            break
        codes = coverage(path)
        wanted = [ch for ch in wanted if ord(ch) not in codes]
    return wanted


def font_runs(text: str, fallbacks: list[Path] | None = None) -> list[tuple[int, str]]:
    """Split text into ``(font, text)`` runs: -1 for Noto Sans, else an index into ``fallbacks``.

    Each character goes to Noto Sans when it has it, else to the first fallback that
    does (else to Noto Sans, which draws its missing-glyph box); one before an emoji
    presentation selector or a keycap mark (:data:`EMOJI_STYLE`) goes to the emoji face
    where it has it. Whitespace stays in the run of the script it follows (right-to-left
    words keep their order), but after an emoji or a symbol it is set in Noto Sans, as
    the engine measures it (the emoji face's space is five times as wide).
    """
    fallbacks = fallback_fonts() if fallbacks is None else fallbacks
    main = coverage(main_font())
    if main.issuperset(ord(ch) for ch in text if not ch.isspace()):
        return [(-1, text)] if text else []
    runs: list[tuple[int, str]] = []
    joined = False  # the previous character joins the next one to it (a ZWJ)
    faces = _faces_of(tuple(fallbacks))
    for at, ch in enumerate(text):
        spaced = bool(runs) and ch.isspace() and not _symbolic(runs[-1], faces.emoji_at)
        if runs and (spaced or joined or _clings(ch)):
            # Whitespace, marks, joiners, variation selectors and emoji modifiers stay
            # with the character before them: a split cluster draws as boxes.
            runs[-1] = (runs[-1][0], runs[-1][1] + ch)
            joined = ch == "\u200d"
            continue
        index = -1 if ch.isspace() else faces[ch]
        if text[at + 1 : at + 2] in EMOJI_STYLE:  # a keycap, or an emoji's presentation
            index = faces.emoji(ch, index)
        if runs and runs[-1][0] == index:
            runs[-1] = (runs[-1][0], runs[-1][1] + ch)
        else:
            runs.append((index, ch))
        joined = False
    return runs


class _Faces(dict[str, int]):
    """Character -> the face that draws it, as met.

    -1 for Noto Sans, else the first fallback that has it (-1 if none does).
    """

    def __init__(self, fallbacks: tuple[Path, ...]) -> None:
        super().__init__()
        self.main, self.fallbacks = coverage(main_font()), fallbacks
        names = [path.name for path in fallbacks]
        self.emoji_at = names.index(EMOJI_FILE) if EMOJI_FILE in names else -1
        """The emoji face's index (-1: none)."""

    def __missing__(self, ch: str) -> int:
        code = ord(ch)
        index = -1
        if code not in self.main:
            index = next((i for i, p in enumerate(self.fallbacks) if code in coverage(p)), -1)
        self[ch] = index
        return index

    def emoji(self, ch: str, otherwise: int) -> int:
        """The emoji face's index if it has ``ch``, else ``otherwise``."""
        at = self.emoji_at
        return at if at >= 0 and ord(ch) in coverage(self.fallbacks[at]) else otherwise


@functools.lru_cache(maxsize=4)
def _faces_of(fallbacks: tuple[Path, ...]) -> _Faces:
    return _Faces(fallbacks)


def _symbolic(run: tuple[int, str], emoji: int) -> bool:
    """Whether a run is of emoji or symbols (not of a script's letters): a keycap too."""
    from unicodedata import category

    return run[0] == emoji or category(run[1][0]).startswith("S")


def _clings(ch: str) -> bool:
    """Whether a character belongs to the cluster of the one before it."""
    from unicodedata import category

    code = ord(ch)
    return (
        category(ch) in ("Mn", "Mc", "Me")
        or code in (0x200C, 0x200D)  # zero-width non-joiner and joiner
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # emoji skin tones
        or 0xE0020 <= code <= 0xE007F  # emoji tag characters (subdivision flags)
    )


JOINED: Final = frozenset(
    [0x200D, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)]
)
"""Characters that draw nothing of their own: the joiner, variation selectors, emoji skin
tones and tag letters (the emoji face draws a skin-toned emoji as the plain one)."""


def emoji_has(ch: str) -> bool:
    """Whether the emoji face (:data:`~argmap.shaping.EMOJI_FILE`) has a glyph for ``ch``."""
    faces = _faces_of(tuple(fallback_fonts()))
    return faces.emoji(ch, -1) >= 0


def fallback_ems(ch: str, *, table: bool = True) -> float | None:
    """A character's advance in ems in the first fallback face that has it, as drawn.

    Joiners, variation selectors, skin tones and tag letters (:data:`JOINED`) and
    combining marks advance by nothing. Hebrew, arrows and symbols come from the
    generated table (:mod:`.notowidths`, unless ``table`` is False); other characters
    from the fonts, read with fontTools (only those with characters in its 256-character
    page, unless ``table`` is False).

    Returns:
        The advance, or None when no fallback face has the character, or fontTools
        (the ``pdf`` or ``scripts`` extra, which draw such text) is not installed.
    """
    from unicodedata import category

    code = ord(ch)
    if code in JOINED or category(ch) in ("Mn", "Me"):
        return 0.0
    if table:
        known = _table_ems().get(code)
        if known is not None:
            return known or None
    faces = fallback_fonts()
    indexes: tuple[int, ...] = tuple(range(len(faces)))
    if table:  # only the faces that draw anything in the character's page are read
        indexes = _pages().get(code >> 8, ())
    try:
        for index in indexes:
            advance = _advances(faces[index]).get(code)
            if advance is not None:
                return advance
    except ImportError:
        pass
    return None


def faces_for(text: str) -> list[Path]:
    """The fallback faces that draw anything in the 256-character pages of ``text``, in order.

    A shorter list for :func:`font_runs` to try than :func:`fallback_fonts`: the same face
    for each character, with only those faces' character maps read.
    """
    faces = fallback_fonts()
    pages = _pages()
    wanted = {index for page in {ord(ch) >> 8 for ch in text} for index in pages.get(page, ())}
    return [faces[index] for index in sorted(wanted)]


@functools.cache
def _pages() -> dict[int, tuple[int, ...]]:
    """Each 256-character page -> the fallback faces (indexes) that draw in it."""
    from argmap.exporters.diagram.notowidths import FALLBACK_PAGES

    pages: dict[int, tuple[int, ...]] = {}
    for item in FALLBACK_PAGES.split():
        page, faces = item.split(":")
        pages[int(page)] = tuple(map(int, faces.split(",")))
    return pages


@functools.cache
def _table_ems() -> dict[int, float]:
    """Code point -> advance in ems (0.0: no face has it), for the table's ranges."""
    from argmap.exporters.diagram.notowidths import FALLBACK_RANGES, WIDTHS

    codes = (code for first, last in FALLBACK_RANGES for code in range(first, last + 1))
    widths = map(int, WIDTHS["FALLBACK"].split())
    return {code: width / 1000 for code, width in zip(codes, widths, strict=True)}


@functools.cache
def _advances(path: Path) -> dict[int, float]:
    """Code point -> its glyph's advance in ems, in a font at its default instance."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        metrics, scale = font["hmtx"].metrics, 1 / font["head"].unitsPerEm
        return {code: metrics[glyph][0] * scale for code, glyph in font.getBestCmap().items()}


@functools.cache
def family_name(path: Path) -> str:
    """The family name a font file gives itself (e.g. ``Noto Sans Arabic``)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        name = font["name"].getBestFamilyName()
    return str(name) if name else path.stem
