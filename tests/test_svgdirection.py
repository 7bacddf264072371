"""Right-to-left lines in the SVG a browser draws: ``direction`` given, anchors swapped."""

from __future__ import annotations

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.bidi import RIGHT_TO_LEFT_BLOCKS, reads_right_to_left
from argmap.exporters.diagram.formats import export_svg
from argmap.exporters.diagram.svgdirection import line_directions, right_to_left_in
from argmap.load.validate import validate_data
from argmap.options import RenderOptions

HEBREW = "\u05e9\u05dc\u05d5\u05dd"


def test_a_line_reads_as_its_first_strong_letter() -> None:
    assert reads_right_to_left(f"{HEBREW}?")
    assert reads_right_to_left(f"(2023) {HEBREW} abc")
    assert not reads_right_to_left(f"abc {HEBREW}")
    assert not reads_right_to_left("123 ?!")


def test_right_to_left_lines_get_their_direction_and_keep_their_place() -> None:
    """``start`` is a right-to-left line's right end: a line the engine set from its
    left edge is anchored at its ``end``, so it stays where it was placed."""
    svg = (
        '<svg><text text-anchor="start" x="1">abc</text>'
        f'<text text-anchor="start" x="2">{HEBREW}?</text>'
        f'<text text-anchor="end" x="3">&#8212; {HEBREW}, 2023</text>'
        f'<text text-anchor="middle" x="4">{HEBREW}</text></svg>'
    )
    assert line_directions(svg) == (
        '<svg><text text-anchor="start" x="1">abc</text>'
        f'<text text-anchor="end" direction="rtl" x="2">{HEBREW}?</text>'
        f'<text text-anchor="start" direction="rtl" x="3">&#8212; {HEBREW}, 2023</text>'
        f'<text text-anchor="middle" direction="rtl" x="4">{HEBREW}</text></svg>'
    )
    plain = '<svg><text text-anchor="start" x="1">abc</text></svg>'
    assert line_directions(plain) is plain
    assert line_directions(line_directions(svg)) == line_directions(svg)  # set once only


def test_the_svg_format_marks_a_hebrew_thesis_right_to_left() -> None:
    data = {"title": "t", "thesis": {"id": "t", "text": f"{HEBREW}?", "premises": []}}
    m = validate_data(data, "t.yaml")
    drawing = export_svg(m, analyze(m), RenderOptions())
    assert isinstance(drawing, str)
    assert 'direction="rtl"' in drawing and f"{HEBREW}?</text>" in drawing
    assert drawing.count('direction="rtl"') == 1 == m._repr_svg_().count('direction="rtl"')


def test_the_quick_test_for_right_to_left_letters_agrees_with_the_blocks() -> None:
    """Text Windows-1252 encodes is passed without a search: none of its characters is
    in the right-to-left blocks; every other text is searched."""
    every_cp1252 = bytes(b for b in range(256) if b not in b"\x81\x8d\x8f\x90\x9d")
    text = every_cp1252.decode("cp1252")
    assert RIGHT_TO_LEFT_BLOCKS.search(text) is None
    assert not right_to_left_in(text)
    for letter in (HEBREW[0], "\u0627", "\u200f", "\ufb1d", "\ufeff", "\U00010800"):
        assert right_to_left_in(f"{text} \u2192 {letter}")
        assert right_to_left_in(f"{letter}{text}")
    assert not right_to_left_in(f"{text} \u2192 \u4e2d")  # not in cp1252, nor right to left
