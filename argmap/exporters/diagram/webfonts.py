"""Noto Sans for SVG files and the HTML page to embed, so text is drawn as it was measured.

The engine sizes every box by Noto Sans's advances (see
:mod:`argmap.exporters.diagram.textwidth`), and the PNG and PDF draw the text in it. A
browser without Noto Sans would draw an SVG diagram in another face (DejaVu Sans is about
7% wider, so lines ran out of their boxes). SVG files and the HTML page therefore carry
Noto Sans themselves: upright and italic (both variable, so bold is the same file at
weight 700), cut into slices by script like a web font service's, and only the slices whose
characters the map uses go in (an English map takes the Latin pair, about 70 kB as base64).

The slices are cut from the shipped fonts by ``tests/scripts/make_web_fonts.py`` (SIL OFL
1.1, as those): WOFF files, without kerning or ligatures (the boxes are measured without
either, and the page's CSS turns both off for the diagram's text), with their marks'
positioning kept. Characters outside every slice are drawn by the browser's own fonts,
as before.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from pydantic import BaseModel

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "FACES",
    "SLICES",
    "embed_fonts",
    "font_css",
    "map_characters",
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

_ROOT: Final = re.compile(r"<svg[\s>]")

FAMILY: Final = "Noto Sans"
"""The family name the diagram's SVG asks for first; an embedded face takes its place."""


def _folder() -> Path:
    return Path(__file__).resolve().parent / "webfonts"


def slice_file(face: str, name: str) -> Path:
    """The WOFF file of one face's slice (``face`` a key of :data:`FACES`)."""
    return _folder() / f"{face}-{name}.woff"


def slices_for(characters: Iterable[str]) -> list[str]:
    """The slices holding any of ``characters``, in :data:`SLICES` order; Latin always."""
    points = {ord(c) for c in characters}
    wanted = ["latin"]
    for name, ranges in SLICES.items():
        if name != "latin" and any(first <= p <= last for p in points for first, last in ranges):
            wanted.append(name)
    return wanted


def map_characters(m: ArgumentMap) -> set[str]:
    """Every character of the map's own words: its title, sources and nodes' fields.

    The diagram draws nothing else of the user's (its own words are in the Latin slice).
    """
    seen: set[str] = set()
    seen.update(m.title)
    for record in (*m.sources.values(), *m.nodes):
        for value in vars(record).values():
            if isinstance(value, str):
                seen.update(value)
            elif isinstance(value, BaseModel):  # a citation: its own fields
                for inner in vars(value).values():
                    if isinstance(inner, str):
                        seen.update(inner)
    return seen


def font_css(characters: Iterable[str], text: str = ".diagram-pages svg text") -> str:
    """The ``@font-face`` rules of the slices ``characters`` need, and the text's set-up.

    The ``text`` elements (a CSS selector) are set without kerning or ligatures, as their
    boxes were measured.
    """
    rules = [
        _face_rule(face, style, name)
        for name in slices_for(characters)
        for face, style in FACES.items()
    ]
    setup = f"{text} {{ font-kerning: none; font-variant-ligatures: none; }}\n"
    return "\n" + "".join(rules) + setup


def embed_fonts(svg: str, characters: Iterable[str]) -> str:
    """An SVG document with the slices ``characters`` need in a style sheet of its own.

    The sheet goes first inside the root ``<svg>`` element (a document without one is
    returned as it is).
    """
    root = _ROOT.search(svg)
    end = svg.find(">", root.start()) if root is not None else -1
    if end < 0:
        return svg
    sheet = f'\n<style type="text/css">{font_css(characters, "text")}</style>'
    return svg[: end + 1] + sheet + svg[end + 1 :]


@functools.cache
def _face_rule(face: str, style: str, name: str) -> str:
    data = base64.b64encode(slice_file(face, name).read_bytes()).decode("ascii")
    ranges = ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}"
        for first, last in SLICES[name]
    )
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-style: {style}; font-weight: 100 900;'
        f' font-display: block; src: url(data:font/woff;base64,{data}) format("woff");'
        f" unicode-range: {ranges}; }}\n"
    )
