"""Text as resvg is handed it: each run in the Noto face that has it, chunks where resvg errs."""

from __future__ import annotations

import html
import itertools
import re
from typing import Final

from argmap.rasterworker import FONT_FAMILY
from argmap.shaping import EMOJI_FAMILY, EMOJI_JOINING, SHAPED_FAMILIES

__all__ = [
    "EMOJI_FAMILY",
    "LEAD",
    "emoji_run",
    "place_chunks",
    "set_fonts",
    "widens_digits",
]

LEAD: Final = '<tspan font-size="0.01">x</tspan>'
"""A letter of the main face, too small to see or to move the line (0.006 pt wide)."""

WIDE_DIGIT_FAMILIES: Final = frozenset({EMOJI_FAMILY, "Noto Sans Symbols"})
"""Faces with digits of their own, which resvg draws a line's digits in (twice as wide,
``👍 42`` as ``👍 4  2``) once a run in them comes first; a digit in a chunk of its own is
drawn in the main face."""


_ATTR: Final = re.compile(r'\b(x|text-anchor|font-size|font-weight|font-style)="([^"]*)"')


def set_fonts(svg: str, *, shaping: bool, logical: bool = False) -> tuple[str, bool]:
    """Name the Noto face for every run of text that Noto Sans lacks.

    resvg falls back to another font by itself, but in a line that mixes scripts and
    directions (Latin, then two Arabic words) its fallback loses track and draws boxes;
    a ``<tspan>`` per run, in the face that has it, leaves nothing to fall back for.

    Where resvg would still draw a line wrong, the line goes in chunks that argmap places
    (:func:`place_chunks`): digits after an emoji or a symbol (:func:`widens_digits`),
    and, for resvg 0.48 (``shaping``, the binding that shapes Indic scripts), each run of
    Devanagari, Tamil and the other :data:`~argmap.shaping.SHAPED_FAMILIES`. That
    resvg sets such a run right only at the start of a text chunk (after other text it
    drops or misplaces vowel signs), and it panics ("removal index ... should be < len")
    on a chunk that opens with a run in a face other than the main one when a shaped run,
    or a combining mark, follows it: any such chunk opens with :data:`LEAD`.

    Args:
        svg: the SVG document, as the engine wrote it.
        shaping: set the text for resvg 0.48.
        logical: leave each Arabic run in logical order, marked right to left, for
            :mod:`argmap.rasterglyphs` to shape (see :func:`.svgtext.set_text_fonts`).

    Returns:
        The rewritten SVG, and whether any run is in one of the shaped families.
    """
    from argmap.exporters.diagram.fonts import fallback_fonts, family_name
    from argmap.exporters.diagram.svgtext import set_text_fonts

    fallbacks = fallback_fonts()
    shaped = False

    def draw(opening: str, runs: list[tuple[int, str]]) -> str | None:
        nonlocal shaped
        if all(index < 0 for index, _ in runs):
            return None
        families = [
            FONT_FAMILY if index < 0 else family_name(fallbacks[index]) for index, _ in runs
        ]
        shaped = shaped or not SHAPED_FAMILIES.isdisjoint(families)
        parts = [
            _markup(family, run, logical) for family, (_, run) in zip(families, runs, strict=True)
        ]
        texts = [run for _, run in runs]
        if widens_digits(families, texts) and not (logical and _sequences(families, texts)):
            chunks = [range(at, at + 1) for at in range(len(runs))]
        else:
            chunks = _chunks(families) if shaping else [range(len(runs))]
        if shaping:
            for chunk in chunks:
                first = families[chunk[0]]
                if first != FONT_FAMILY and first not in SHAPED_FAMILIES:
                    parts[chunk[0]] = LEAD + parts[chunk[0]]
        if len(chunks) == 1:
            return "".join(parts)
        return place_chunks(opening, texts, parts, chunks)

    return set_text_fonts(svg, FONT_FAMILY, fallbacks, draw, logical=logical), shaped


def _markup(family: str, run: str, keep: bool = False) -> str:
    """One run of a line in its face (``keep``: an emoji sequence as written)."""
    if family == FONT_FAMILY:
        return html.escape(run, False)
    if family == EMOJI_FAMILY:
        return emoji_run(run, keep=keep)
    return f'<tspan font-family="{html.escape(family)}">{html.escape(run, False)}</tspan>'


def _sequences(families: list[str], texts: list[str]) -> bool:
    """Whether a line has an emoji sequence: set as outlines, it is placed whole, shaped."""
    runs = zip(families, texts, strict=True)
    return any(family == EMOJI_FAMILY and EMOJI_JOINING.search(text) for family, text in runs)


def _chunks(families: list[str]) -> list[range]:
    """A line's runs in chunks: each shaped run alone, what lies between it and the next."""
    cuts = {0, len(families)}
    for at, family in enumerate(families):
        if family in SHAPED_FAMILIES:
            cuts.update((at, at + 1))
    return [range(start, end) for start, end in itertools.pairwise(sorted(cuts))]


def widens_digits(families: list[str], texts: list[str]) -> bool:
    """Whether resvg would draw a line's digits in a face of :data:`WIDE_DIGIT_FAMILIES`.

    Args:
        families: each run's face.
        texts: each run's text.
    """
    return not WIDE_DIGIT_FAMILIES.isdisjoint(families) and any(
        family == FONT_FAMILY and any(ch in _DIGITS for ch in text)
        for family, text in zip(families, texts, strict=True)
    )


_DIGITS: Final = frozenset("0123456789")


def place_chunks(opening: str, texts: list[str], parts: list[str], chunks: list[range]) -> str:
    """A line's runs as markup, each chunk a ``<tspan>`` in the place argmap measures for it.

    The line keeps its anchor, its width measured as the box around it was
    (:func:`~argmap.exporters.diagram.textwidth.text_points`, in the faces that draw it).
    The first chunk starts where the line does and the last ends where it does; any
    between is centred on its place. So where a measure is off (a shaped run is drawn
    narrower than its letters' advances add up to: a conjunct's half forms), the gap
    falls between chunks and the line stays where its box is.

    Args:
        opening: the line's ``<text>`` tag (its ``x``, anchor, size and weight are read).
        texts: each run's text.
        parts: each run's markup.
        chunks: consecutive ranges of runs, covering them all.
    """
    from argmap.exporters.diagram.textwidth import text_points

    attrs = dict(_ATTR.findall(opening))
    size = float(attrs.get("font-size", "14"))
    style = "B" if attrs.get("font-weight") == "bold" else "I" if "font-style" in attrs else ""
    widths = [text_points(text, size, style) for text in texts]
    total = sum(widths)
    anchor = attrs.get("text-anchor", "start")
    x = float(attrs.get("x", "0")) - {"middle": total / 2, "end": total}.get(anchor, 0.0)
    out: list[str] = []
    last = len(chunks) - 1
    for at, chunk in enumerate(chunks):
        width = sum(widths[i] for i in chunk)
        place, side = (
            (x, "start")
            if at == 0
            else (x + width, "end")
            if at == last
            else (x + width / 2, "middle")
        )
        out.append(f'<tspan x="{place:.2f}" text-anchor="{side}">')
        out.extend(parts[i] for i in chunk)
        out.append("</tspan>")
        x += width
    return "".join(out)


def emoji_run(run: str, *, keep: bool = False) -> str:
    """An emoji run as resvg 0.48 can draw it after other text without panicking.

    In a ``<tspan>`` of its own an emoji sequence (any ligature) trips resvg's layout,
    so the characters that build sequences go: joiners (ZWJ), skin tones and tag
    characters, which the one-colour Noto Emoji draws no differently. A flag's two
    letters (regional indicators) are kept apart by a zero-width non-joiner: drawn as
    the two letters (resvg's own fallback draws them as empty boxes). ``keep``: as
    written, for :mod:`argmap.rasterglyphs` to set as the glyphs a shaper makes of it
    (a line it leaves to resvg is taken from a plain rendering: see :mod:`.raster`).
    """
    if keep:
        return f'<tspan font-family="{EMOJI_FAMILY}">{html.escape(run, False)}</tspan>'
    inside = ""
    for ch in run:
        code = ord(ch)
        if code == 0x200D or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue
        if 0x1F1E6 <= code <= 0x1F1FF and inside and 0x1F1E6 <= ord(inside[-1]) <= 0x1F1FF:
            inside += "\u200c"
        inside += ch
    if not inside:
        return ""
    return f'<tspan font-family="{EMOJI_FAMILY}">{html.escape(inside, False)}</tspan>'
