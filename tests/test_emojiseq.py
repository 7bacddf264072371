"""Emoji sequences (flags, skin tones, keycaps, ZWJ sequences) drawn as one glyph, PNG and PDF."""

from __future__ import annotations

import pytest

from argmap import rasterworker, shaping
from argmap.exporters.diagram.fonts import fallback_fonts, font_runs
from argmap.exporters.diagram.textwidth import text_points

pytest.importorskip("fontTools")

FLAG, FAMILY, THUMB, KEYCAP, HEART = (
    "\U0001f1fa\U0001f1e6",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f44d\U0001f3fd",
    "1\ufe0f\u20e3",
    "\u2764\ufe0f",
)
SEQUENCES = (FLAG, FAMILY, THUMB, KEYCAP, HEART)
EMOJI = fallback_fonts().index(next(p for p in fallback_fonts() if p.name == shaping.EMOJI_FILE))


def test_a_keycap_or_an_emoji_presentation_is_drawn_in_the_emoji_face() -> None:
    """A keycap's digit went to Noto Sans with its selector and keycap mark (drawn as the
    digit and two boxes); a heart asking for emoji presentation to the symbols face."""
    assert font_runs(f"keycap {KEYCAP} then") == [
        (-1, "keycap "),
        (EMOJI, KEYCAP),
        (-1, " then"),
    ]
    assert font_runs(f"love {HEART}!") == [(-1, "love "), (EMOJI, HEART), (-1, "!")]
    assert font_runs("plain 1 and # stay") == [(-1, "plain 1 and # stay")]
    assert font_runs("A\ufe0f") == [(-1, "A\ufe0f")], "no emoji of it: as it was"


@pytest.mark.parametrize("sequence", [KEYCAP, HEART, "#\u20e3"])
def test_a_keycap_is_measured_as_the_emoji_it_is_drawn_as(sequence: str) -> None:
    one = text_points("a \U0001f600 b", 14.0)
    assert text_points(f"a {sequence} b", 14.0) == pytest.approx(one)


def _prepared(text: str, italic: bool = False) -> str:
    from argmap.exporters.diagram import raster

    style = ' font-style="italic"' if italic else ""
    svg = (
        '<svg width="480pt" height="60pt" viewBox="0 0 480 60" '
        'xmlns="http://www.w3.org/2000/svg"><g transform="translate(4 56)">'
        '<text xml:space="preserve" text-anchor="middle" x="238" y="-28" '
        f'font-family="Noto Sans"{style} font-size="13.00">{text}</text></g></svg>'
    )
    return raster._job(svg, 144, 4000)[0]


needs_resvg = pytest.mark.skipif(rasterworker.backend() is None, reason="no resvg binding")
needs_shaper = pytest.mark.skipif(not shaping.available(), reason="no shaper installed")


@needs_resvg
@needs_shaper
@pytest.mark.parametrize("italic", [False, True])
def test_a_line_of_emoji_sequences_is_set_as_the_glyphs_the_face_has_for_them(
    italic: bool,
) -> None:
    """resvg panics on a sequence in a run of its own, so the PNG took each apart (a flag
    as two letters, a family as three faces, a keycap as a digit and a box); with a
    shaper installed, such a line is set as outlines, each sequence one glyph."""
    prepared = _prepared(f"Flag {FLAG} and {FAMILY} {THUMB} {KEYCAP} 42 {HEART}", italic)
    assert "<text" not in prepared
    assert prepared.count("<path") == 1


@needs_resvg
@needs_shaper
def test_each_sequence_advances_by_one_emoji() -> None:
    from argmap import rasterglyphs
    from argmap.exporters.diagram.fonts import font_files

    emoji = str(fallback_fonts()[EMOJI])
    fonts = [str(path) for path in font_files()]
    rasterglyphs.outline_text("", fonts)  # the setter of these fonts, kept for every page
    setter = rasterglyphs._setters[tuple(fonts)]
    single = setter.line(((emoji, "\U0001f600"),), 400.0)
    assert single is not None
    for sequence in SEQUENCES:
        line = setter.line(((emoji, sequence),), 400.0)
        assert line is not None and line[1] == pytest.approx(single[1]), sequence


@needs_resvg
def test_a_line_left_to_resvg_takes_its_sequences_apart() -> None:
    """A line the outlines leave to resvg (an italic line with Korean, which resvg draws
    upright) must not hand it a sequence: its joiners and skin tones go, a flag's letters
    are kept apart."""
    prepared = _prepared(f"\ud55c\uad6d {FLAG} {FAMILY} {THUMB}", italic=True)
    assert "<text" in prepared
    assert "\u200d" not in prepared and "\U0001f3fd" not in prepared
    assert "\U0001f1fa\u200c\U0001f1e6" in prepared


def _thesis_box(text: str) -> float:
    """The width of the box an SVG draws a thesis of ``text`` in."""
    from argmap.analysis.standing import analyze
    from argmap.exporters.diagram import geometry
    from argmap.exporters.diagram.formats import render_svg
    from argmap.load.validate import validate_data

    m = validate_data({"title": "E", "thesis": {"id": "t", "text": text}})
    box = geometry.boxes(render_svg(m, analyze(m)))["t"]
    return box.right - box.left


@pytest.mark.parametrize("sequence", [FAMILY, FAMILY + "\u200d\U0001f466", THUMB * 2])
def test_a_box_of_emoji_sequences_is_as_wide_as_its_text(sequence: str) -> None:
    """The engine counts a line a space a UTF-8 byte: a family (18 bytes) as four and a
    half em, drawn one emoji wide (its people apart where resvg is left the line), a thumb
    and its skin tone as two em, drawn one; that widened the box far past the text. Such a
    cell is fixed at the width drawn at the widest: a family's people apart."""
    text = f"{sequence} {sequence} {sequence} all agree"
    drawn = text_points(text, 16.0, "B")  # the thesis's statement: bold, one line
    assert _thesis_box(text) < drawn + 40  # its margins (was 66 to 79 pt wider)
