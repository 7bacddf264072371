"""Noto Sans for SVG files and the HTML page to embed, so text is drawn as it was measured.

The engine sizes every box by the Noto faces' advances (see
:mod:`argmap.exporters.diagram.textwidth`), and the PNG and PDF draw the text in them. A
browser without them would draw an SVG diagram in other faces (DejaVu Sans is about 7%
wider than Noto Sans, so lines ran out of their boxes). SVG files and the HTML page
therefore carry the faces themselves, as one family: Noto Sans upright and italic (both
variable, so bold is the same file at weight 700), cut into slices by script like a web
font service's, and the faces of other scripts (Hebrew, Arabic, Indic, Thai, symbols...);
only those holding a character the map uses go in (an English map takes the Latin pair,
about 70 kB as base64).

The slices are cut from the shipped fonts by ``tests/scripts/make_web_fonts.py`` (SIL OFL
1.1, as those): WOFF files; Noto Sans's without kerning or ligatures (the boxes are measured
without either, and the text is set without them), with their marks' positioning kept;
the script faces with every feature their shaping needs. Hangul, kana, ideographs and emoji
are in faces too large to embed whole: each is cut to the characters the map uses, when
fontTools is installed (see :data:`CUT_FACES`), and else left to the browser's own fonts.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from pydantic import BaseModel

from argmap.exporters.diagram.svgtext import DRAWN_FAMILY
from argmap.shaping import EMOJI_FILE, EMOJI_JOINING

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "CUT_FACES",
    "FACES",
    "SCRIPTS",
    "SLICES",
    "Words",
    "cut_rules",
    "embed_fonts",
    "faces_for",
    "font_css",
    "map_words",
    "script_slices",
    "slice_file",
    "slices_for",
]

SLICES: Final[dict[str, tuple[tuple[int, int], ...]]] = {
    "latin": (
        (0x0000, 0x00FF),
        (0x0131, 0x0131),
        (0x0152, 0x0153),
        (0x02BB, 0x02BC),
        (0x02C6, 0x02C6),
        (0x02DA, 0x02DA),
        (0x02DC, 0x02DC),
        (0x2000, 0x206F),
        (0x2074, 0x2074),
        (0x20AC, 0x20AC),
        (0x2122, 0x2122),
        (0x2190, 0x21FF),
        (0x2212, 0x2212),
        (0x2215, 0x2215),
        (0xFEFF, 0xFEFF),
        (0xFFFD, 0xFFFD),
    ),
    "latin-ext": (
        (0x0100, 0x0130),
        (0x0132, 0x0151),
        (0x0154, 0x024F),
        (0x0259, 0x0259),
        (0x0300, 0x036F),
        (0x1E00, 0x1EFF),
        (0x20A0, 0x20AB),
        (0x20AD, 0x20CF),
        (0x2113, 0x2113),
        (0x2C60, 0x2C7F),
        (0xA720, 0xA7FF),
    ),
    "greek": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "cyrillic": (
        (0x0400, 0x052F),
        (0x1C80, 0x1C8F),
        (0x2116, 0x2116),
        (0x2DE0, 0x2DFF),
        (0xA640, 0xA69F),
    ),
}
"""Slice name -> its ranges of code points (first, last). The Latin slice is always embedded:
the diagram's own words (kinds, "+N more, p. K", the key) are drawn from it."""

FACES: Final = {"NotoSans": "normal", "NotoSans-Italic": "italic"}
"""The embedded faces by file stem -> their CSS font-style; each covers weights 100 to 900."""

SCRIPTS: Final = "scripts.json"
"""The script faces' slices (a file beside the WOFF files): ``[[stem, [[first, last], ...]],
...]``, each a fallback face of :mod:`~argmap.exporters.diagram.fonts` cut to the characters
it draws (those Noto Sans and every face tried before it lack), in the order they are tried:
Hebrew, Arabic, the Indic scripts, Thai, symbols and others. Noto Sans KR, the CJK subset and
the emoji face are megabytes each: they are cut per map instead (see :data:`CUT_FACES`)."""

_ROOT: Final = re.compile(r"<svg[\s>]")

FAMILY: Final = "Noto Sans"
"""The family name the diagram's SVG asks for first; an embedded face takes its place."""

SCOPED_FAMILY: Final = "argmap Noto Sans"
"""The faces' family name in a drawing placed among other content (see :func:`embed_fonts`)."""

Ranges = tuple[tuple[int, int], ...]


class Words(NamedTuple):
    """The characters a drawing sets: all of them, and those set in italics (quotes)."""

    upright: frozenset[str]
    italic: frozenset[str]


def _folder() -> Path:
    return Path(__file__).resolve().parent / "webfonts"


def slice_file(face: str, name: str | None = None) -> Path:
    """The WOFF file of one face's slice (``face`` a key of :data:`FACES`), or of a script face."""
    return _folder() / (f"{face}-{name}.woff" if name is not None else f"{face}.woff")


@functools.cache
def script_slices() -> dict[str, Ranges]:
    """The script faces by file stem -> the code points each draws (see :data:`SCRIPTS`).

    They draw only what no slice of :data:`SLICES` holds (a test checks it): a map whose
    characters are all in the slices never reads this table (nor imports ``json``).
    """
    import json

    table = json.loads((_folder() / SCRIPTS).read_text(encoding="utf-8"))
    return {stem: tuple((first, last) for first, last in ranges) for stem, ranges in table}


def _holds(points: Set[int], ranges: Ranges) -> bool:
    return any(first <= p <= last for p in points for first, last in ranges)


def _unsliced(points: Iterable[int]) -> set[int]:
    """Those of ``points`` that no slice of :data:`SLICES` holds."""
    return {p for p in points if not _sliced(p, SLICES.values())}


def slices_for(characters: Iterable[str]) -> list[str]:
    """The slices holding any of ``characters``, in :data:`SLICES` order; Latin always."""
    points = {ord(c) for c in characters}
    return [name for name, ranges in SLICES.items() if name == "latin" or _holds(points, ranges)]


def faces_for(words: Words) -> list[tuple[Path, str, Ranges]]:
    """The faces a drawing of ``words`` embeds: ``(file, CSS font-style, code points)`` each.

    Noto Sans's slices upright for every character (Latin always: the diagram's own
    words), italic for those in italics; then each script face that draws one of them,
    once per style its characters are set in (a face of a style the family lacks would
    not be used: the browser goes to the next family instead).
    """
    upright = {ord(c) for c in words.upright if ord(c) >= 0x80}  # Latin is always in
    italic = {ord(c) for c in words.italic}
    faces: list[tuple[Path, str, Ranges]] = []
    for name, ranges in SLICES.items():
        if name == "latin" or _holds(upright, ranges):
            faces.append((slice_file("NotoSans", name), "normal", ranges))
        if _holds(italic, ranges):
            faces.append((slice_file("NotoSans-Italic", name), "italic", ranges))
    if not _unsliced(upright | italic):
        return faces  # no script face holds a character of the slices (see script_slices)
    for stem, ranges in script_slices().items():
        for style, points in (("normal", upright), ("italic", italic)):
            if _holds(points, ranges):
                faces.append((slice_file(stem), style, ranges))
    return faces


def map_words(m: ArgumentMap) -> Words:
    """Every character of the map's own words, and those of its quotes (set in italics).

    Its words: its title, its sources' and its nodes' fields. The diagram draws nothing
    else of the user's (its own words are in the Latin slice).
    """
    seen: set[str] = set(m.title)
    quoted: set[str] = set()
    for record in (*m.sources.values(), *m.nodes):
        for key, value in vars(record).items():
            if isinstance(value, str):
                seen.update(value)
                if key == "quote":
                    quoted.update(value)
            elif isinstance(value, BaseModel):  # a citation: its own fields
                for inner in vars(value).values():
                    if isinstance(inner, str):
                        seen.update(inner)
    return Words(frozenset(seen), frozenset(quoted))


def font_css(words: Words, text: str = ".diagram-pages svg text", family: str = FAMILY) -> str:
    """The ``@font-face`` rules of the faces ``words`` need, and the text's set-up.

    The ``text`` elements (a CSS selector) are set without kerning or ligatures, as their
    boxes were measured. With a ``family`` other than :data:`FAMILY`, the faces are
    declared under that name and the text is set in it (its fallbacks as drawn).
    """
    rules = cut_rules(words, family)  # first: checked last where their ranges overlap
    rules += [_face_rule(path, style, ranges, family) for path, style, ranges in faces_for(words)]
    named = "" if family == FAMILY else f'font-family: "{family}"{DRAWN_FAMILY[len(FAMILY) :]}; '
    setup = f"{text} {{ {named}font-kerning: none; font-variant-ligatures: none; }}\n"
    return "\n" + "".join(rules) + setup


def embed_fonts(svg: str, words: Words, scope: str | None = None) -> str:
    """An SVG document with the faces ``words`` need in a style sheet of its own.

    The sheet goes first inside the root ``<svg>`` element (a document without one is
    returned as it is).

    Args:
        svg: The SVG document.
        words: The characters its text draws.
        scope: A class given to the root element, to which the sheet's text set-up is kept:
            for a drawing placed inline in a page of other content (a notebook), whose
            own text must keep its kerning and ligatures, and its own Noto Sans (the
            faces are declared as :data:`SCOPED_FAMILY` then).
    """
    root = _ROOT.search(svg)
    end = svg.find(">", root.start()) if root is not None else -1
    if root is None or end < 0:
        return svg
    head = written = svg[: end + 1]
    text, family = "text", FAMILY
    if scope is not None:
        at = root.start() + len("<svg")
        head, text = f'{head[:at]} class="{scope}"{head[at:]}', f"svg.{scope} text"
        family = SCOPED_FAMILY
    sheet = f'\n<style type="text/css">{font_css(words, text, family)}</style>'
    return svg.replace(written, head + sheet, 1)  # the head is the text's start: one copy


CUT_FACES: Final = (
    "NotoSansKR-Regular.otf",
    "NotoEmoji[wght].ttf",
    "NotoSansCJKsc-Regular-subset.otf",
)
"""The faces too large to embed whole (Hangul, kana and ideographs; emoji; the common
ideographs Noto Sans KR lacks), in the order they are tried. Each is cut to the characters
a map uses, where fontTools is installed (the ``pdf`` and ``scripts`` extras); without it
they are left to the viewer's fonts. Each is declared for every weight, as the other faces
are: Chromium sets a family's text from the faces of one weight range only, so a face of
weight 400 beside them left the rest unused (Latin, Arabic and emoji drawn in other fonts)."""


def cut_rules(words: Words, family: str = FAMILY) -> list[str]:
    """The ``@font-face`` rules of :data:`CUT_FACES`, each cut to the characters it draws.

    Only characters no slice or script face has (a map in English needs none). A browser
    without CJK fonts drew a Korean or Chinese line as blanks or boxes, and one with other
    faces than Noto's at their widths, not at those the boxes were measured with.
    """
    from argmap.exporters.diagram.fonts import coverage, noto_folder

    styles = (("normal", words.upright), ("italic", words.italic))
    wanted = [
        (style, _unsliced(p for c in chars if (p := ord(c)) > 0x2FF)) for style, chars in styles
    ]
    if not any(points for _, points in wanted):
        return []  # every character in a slice: no script face's table read
    faces = script_slices().values()
    wanted = [(style, {p for p in points if not _sliced(p, faces)}) for style, points in wanted]
    if not any(points for _, points in wanted):
        return []
    from argmap.errors import missing_modules

    if missing_modules(("fontTools",)):  # the pdf and scripts extras
        return []
    rules = []
    for (style, left), (_, chars) in zip(wanted, styles, strict=True):
        for name in CUT_FACES:  # italics too: a quote's text asks for an italic face
            path = noto_folder() / name
            drawn = left & coverage(path)
            if drawn:
                left -= drawn
                if name == EMOJI_FILE:  # what its sequences are made of, as they are drawn
                    drawn |= _joining(chars) & coverage(path)
                rules.append(_cut_rule(path, tuple(sorted(drawn)), style, family))
    return rules


def _joining(chars: Set[str]) -> set[int]:
    """Of ``chars``, those emoji sequences are made of: joiners, selectors, skin tones...

    Flags' letters and tags too, and a keycap's digits (``#`` and ``*`` too). A browser
    shapes a sequence in one face: the emoji face's cut must hold them all, though the
    Latin slice has the joiner and the digits. Its rule comes first, so that elsewhere
    the slices, checked before it, draw them.
    """
    points = {ord(c) for c in chars if EMOJI_JOINING.match(c)}
    if points & {0xFE0F, 0x20E3}:
        points |= {ord(c) for c in chars if c in "0123456789#*"}
    return points


def _sliced(point: int, sliced: Iterable[Ranges]) -> bool:
    return any(first <= point <= last for ranges in sliced for first, last in ranges)


@functools.lru_cache(maxsize=64)
def _cut_rule(path: Path, points: tuple[int, ...], style: str, family: str) -> str:
    """A face cut to ``points`` as a WOFF ``@font-face`` rule (the same bytes every time)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # its copyright and licence stay with it
    with TTFont(str(path), lazy=True, recalcTimestamp=False) as font:
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=points)
        cutter.subset(font)
        out = io.BytesIO()
        font.flavor = "woff"
        font.save(out)
    data = base64.b64encode(out.getvalue()).decode("ascii")
    ranges = ", ".join(f"U+{p:04X}" for p in points)
    return (
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: 100 900;'
        f' font-display: block; src: url(data:font/woff;base64,{data}) format("woff");'
        f" unicode-range: {ranges}; }}\n"
    )


@functools.cache
def _face_rule(path: Path, style: str, ranges: Ranges, family: str = FAMILY) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    points = ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}"
        for first, last in ranges
    )
    return (
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: 100 900;'
        f' font-display: block; src: url(data:font/woff;base64,{data}) format("woff");'
        f" unicode-range: {points}; }}\n"
    )
