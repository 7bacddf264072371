"""Thai and Lao measured as drawn, boxes they fill; spaceless scripts broken between syllables."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.fonts import noto_folder
from argmap.exporters.diagram.linebreak import wrap_columns, wrap_text
from argmap.exporters.diagram.textwidth import text_points, width_attr
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from tests import textfit
from tests.poppler import poppler

ROUND_11 = "การศึกษาของรัฐควรจะฟรีสำหรับเด็กทุกคนในประเทศไทย"
"""The statement an acceptance tester found drawn in a box twice its width, broken inside
เด็ก and ประเทศ."""
GREEK = "Η δημοκρατία χρειάζεται ενημερωμένους πολίτες που διαβάζουν εφημερίδες."
LAO = "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ ນ້ຳໃຈ ແລະ ຄວາມສຸກ"
LINES = {
    "thai": ROUND_11,
    "thai-marks": "น้ำใจไม่ได้ซื้อด้วยเงิน ที่นี่ ปี่ ศักดิ์สิทธิ์",
    "lao": LAO,
}
FACES = {
    "thai": "NotoSansThai[wght].ttf",
    "thai-marks": "NotoSansThai[wght].ttf",
    "lao": "NotoSansLao[wght].ttf",
}


def _harfbuzz_points(path: Path, text: str, size: float, weight: float | None) -> float:
    """The line's advance as HarfBuzz shapes it (as a browser and resvg draw it)."""
    uharfbuzz = pytest.importorskip("uharfbuzz")
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    font = uharfbuzz.Font(face)
    if weight is not None:
        font.set_variations({"wght": weight})
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {})
    return sum(p.x_advance for p in buffer.glyph_positions) * size / face.upem


@pytest.mark.parametrize(("style", "weight"), [("", None), ("B", 700.0)])
@pytest.mark.parametrize("script", list(LINES))
def test_a_thai_or_lao_line_is_measured_as_its_face_draws_it(
    script: str, style: str, weight: float | None
) -> None:
    pytest.importorskip("fontTools")
    line = LINES[script]
    drawn = _harfbuzz_points(noto_folder() / FACES[script], line, 13, weight)
    measured = text_points(line, 13, style)
    assert drawn - 0.01 <= measured <= drawn * 1.02  # was twice as wide to the engine
    attr = width_attr([line], 13, style, fixed=True)
    found = re.fullmatch(r' WIDTH="(\d+)" HEIGHT="\d+" FIXEDSIZE="TRUE"', attr)
    assert found is not None, attr  # the engine's count (a space a byte) is not used
    assert int(found.group(1)) == int(measured + 0.999) + 4
    assert engine_points(line, 13, bold=style == "B") > 1.5 * measured


def _map(texts: dict[str, str], thesis: str = "Thesis") -> ArgumentMap:
    premises = [{"id": key, "text": text} for key, text in texts.items()]
    return validate_data({"title": "Thai", "thesis": {"text": thesis, "premises": premises}})


def _pages(m: ArgumentMap, fit: str, route: textfit.Route = "svg") -> list[str]:
    return textfit.pages(m, fit, route)


def test_the_round_11_statement_fills_its_box_as_greek_does() -> None:
    pytest.importorskip("fontTools")
    (svg,) = _pages(_map({"thai": ROUND_11, "greek": GREEK}), "none")
    spare: dict[str, float] = {}
    for fit in textfit.fits(svg, "svg"):
        if fit.line.em < 12 or fit.left is None or fit.right is None:
            continue  # a header, a blank
        node = fit.line.node
        spare[node] = min(spare.get(node, 1e9), fit.left + fit.right)
    assert set(spare) >= {"thai", "greek"}
    assert spare["thai"] <= spare["greek"] + 8, spare  # was 200 pt to spare
    lines = [line for line in re.findall(r"<text [^>]*>([^<]*)</text>", svg) if "ไทย" in line]
    assert lines, svg
    for line in lines:
        assert not line.endswith("เด็") and not line.startswith("ระเทศ"), lines


@pytest.mark.parametrize(("route", "fit"), [("svg", "slide"), ("png", "slide"), ("pdf", "a4")])
def test_thai_and_lao_stay_in_their_boxes_in_every_format(route: textfit.Route, fit: str) -> None:
    """Their boxes are now as wide as the lines (the engine counted them twice as wide):
    every format draws them inside, bold (a thesis) and italic (a quote) too. (Not Lao
    after Thai in one line: resvg, given the SVG as written, draws such Lao as boxes.)"""
    pytest.importorskip("fontTools")
    if route == "pdf":
        poppler("pdftoppm")
    m = validate_data(
        {
            "title": "Thai",
            "thesis": {
                "text": "ประชาธิปไตยต้องการพลเมืองที่มีข้อมูลและคิดอย่างมีวิจารณญาณ",
                "premises": [{"id": key, "text": text} for key, text in LINES.items()]
                + [{"id": "q", "text": LAO, "quote": f"{ROUND_11} {ROUND_11}"}],
            },
        }
    )
    for svg in _pages(m, fit, route):
        assert textfit.ink_outside_boxes(svg, route) == 0, f"{route}: text leaves its box"
        for found in textfit.fits(svg, route):
            if found.left is None or found.right is None:
                continue
            assert min(found.left, found.right) > 0, found
            if found.line.anchor == "middle":
                assert abs(found.right - found.left) <= max(2.5, 0.25 * found.line.em), found


_LEADING = "เแโใไ"
_FOLLOWING = "ะาำๅๆฯ"
_CONSONANTS = "กขคงจชซญดตถทนบปผพฟมยรลวศษสหอฮ"
_ABOVE = ["", "ิ", "ี", "ึ", "ื", "ั", "็", "ุ", "ู"]
_TONES = ["", "่", "้", "๊", "๋", "์"]
SYLLABLES = st.builds(
    lambda lead, first, second, above, tone, follow, final: (
        lead + first + second + above + tone + follow + final
    ),
    st.sampled_from(["", *_LEADING]),
    st.sampled_from(_CONSONANTS),
    st.sampled_from(["", "ร", "ล", "ว"]),
    st.sampled_from(_ABOVE),
    st.sampled_from(_TONES),
    st.sampled_from(["", "ะ", "า", "ำ"]),
    st.sampled_from(["", *_CONSONANTS[:8]]),
)
"""Thai syllables as spelt: a leading vowel, consonants, marks above or below, a following
vowel, a final consonant (not every one a real word; all of them real clusters)."""


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.lists(SYLLABLES, min_size=1, max_size=12), min_size=1, max_size=5),
    width=st.integers(6, 40),
)
def test_thai_lines_break_between_spaces_or_syllables_never_inside_a_cluster(
    words: list[list[str]], width: int
) -> None:
    text = " ".join("".join(word) for word in words)
    lines = wrap_columns(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost or added
    for line in lines:
        assert line and line[0] not in _FOLLOWING, lines
        assert unicodedata.category(line[0]) != "Mn", lines  # a mark stays on its letter
        assert line[-1] not in _LEADING, lines


def test_a_run_without_spaces_breaks_between_words_where_the_spelling_shows_them() -> None:
    assert wrap_text(ROUND_11, 34) == ["การศึกษาของรัฐควรจะฟรีสำหรับเด็กทุกคน", "ในประเทศไทย"]
    assert wrap_text(ROUND_11, 24) == ["การศึกษาของรัฐควรจะฟรีสำหรับ", "เด็กทุกคนในประเทศไทย"]
    # Thai puts spaces between phrases: they come first.
    assert wrap_text("ภาษาไทย สวัสดีครับ", 14) == ["ภาษาไทย", "สวัสดีครับ"]
    # Lao's leading vowels and Myanmar's killed consonants stay in their syllables.
    assert wrap_text("ສາທາລະນະລັດປະຊາທິປະໄຕ", 12) == ["ສາທາລະນະລັດປະ", "ຊາທິປະໄຕ"]
    assert wrap_text("မြန်မာဘာသာ လွတ်လပ်ရေး", 6) == ["မြန်မာ", "ဘာသာ", "လွတ်လပ်", "ရေး"]


def test_a_latin_word_is_cut_with_a_hyphen_and_a_cjk_one_as_before() -> None:
    assert wrap_columns("Donaudampfschifffahrtsgesellschaft", 10) == [
        "Donaudamp-",
        "fschifffa-",
        "hrtsgesel-",
        "lschaft",
    ]
    assert wrap_columns("日本語の文章", 6) == ["日本語", "の文章"]


def test_the_pdf_raises_a_tone_mark_over_a_vowel_sign() -> None:
    """Set a letter at a time, ่ sat on ี (one hid the other); shaped, the font's raised
    form of the tone mark is drawn above it, and the text extracts as written."""
    pytest.importorskip("uharfbuzz")
    from argmap.exporters.diagram.fonts import fallback_fonts
    from argmap.exporters.diagram.pdf import _Fonts

    fonts = _Fonts()
    try:
        shown, _ = fonts._set("ที่", "", 20.0)
        _, face = fonts.face(fallback_fonts().index(noto_folder() / FACES["thai"]), "")
    finally:
        fonts.close()
    assert "/ActualText <FEFF0E170E350E48>" in shown
    codes = [int(code, 16) for code in re.findall(r"<([0-9A-F]{4})>", shown.split("BDC")[1])]
    glyphs = [face.used[code][0] for code in codes]
    assert face.cmap[0xE35] in glyphs and face.cmap[0xE17] in glyphs
    assert face.cmap[0xE48] not in glyphs  # the raised tone mark instead


def test_a_png_draws_sara_am_as_wide_as_a_browser_does() -> None:
    """resvg 0.47 (the fast bindings) drew the letter after sara am over its tail; argmap
    now sets Thai and Lao lines itself, as HarfBuzz shapes them."""
    pytest.importorskip("uharfbuzz")
    import io

    from PIL import Image

    from argmap import rasterworker
    from argmap.exporters.diagram import raster
    from argmap.exporters.diagram.fonts import font_files

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="40pt" '
        'viewBox="0 0 150 20"><rect width="150" height="20" fill="white"/>'
        '<text xml:space="preserve" x="5" y="14" font-family="Noto Sans" font-size="11.00">'
        "ทำงาน สำหรับ น้ำใจ ຄຳ</text></svg>"
    )

    def inked(png: bytes) -> int:
        image = Image.open(io.BytesIO(png)).convert("L").point(lambda v: 255 if v < 235 else 0)
        box = image.getbbox()
        assert box is not None
        return box[2] - box[0]

    viewer = rasterworker.draw((svg, 144.0, 1.0, [str(p) for p in font_files()], True))
    assert isinstance(viewer, bytes)
    drawn = raster.svg_to_png(svg, dpi=144, max_side_px=100_000)
    assert abs(inked(drawn) - inked(viewer)) <= 3
