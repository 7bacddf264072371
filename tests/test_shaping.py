"""Complex scripts shaped by HarfBuzz: PDF glyphs and their text, box widths, PNG outlines."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap import shaping
from argmap.analysis.standing import analyze
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.fonts import fallback_fonts, font_files, noto_folder
from argmap.exporters.diagram.formats import export_svg, render_pdf
from argmap.exporters.diagram.pdf import _Fonts
from argmap.exporters.diagram.textwidth import text_points, width_attr
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests import textfit
from tests.poppler import poppler

uharfbuzz = pytest.importorskip("uharfbuzz")
pytest.importorskip("fontTools")

LINES = {
    "Devanagari": "हिन्दी में मुख्य दावा: स्वतंत्रता, संस्कृति, द्विभाषी, क्ष त्र ज्ञ श्र, कर्म",
    "Bengali": "বাংলা ভাষায় একটি যুক্তি: গণতন্ত্রের জন্য শিক্ষিত নাগরিক প্রয়োজন",
    "Tamil": "தமிழ் மொழியில் ஒரு எதிர்ப்பு: கல்வி மட்டும் போதாது",
    "Gujarati": "ગુજરાતી ભાષા સ્વતંત્રતા",
    "Gurmukhi": "ਪੰਜਾਬੀ ਭਾਸ਼ਾ ਸ੍ਵਤੰਤਰਤਾ",
    "Kannada": "ಕನ್ನಡ ಭಾಷೆ ಸ್ವಾತಂತ್ರ್ಯ",
    "Malayalam": "മലയാളം ഭാഷ സ്വാതന്ത്ര്യം",
    "Telugu": "తెలుగు భాష స్వాతంత్ర్యం",
    "Oriya": "ଓଡ଼ିଆ ଭାଷା ସ୍ୱାଧୀନତା",
    "Sinhala": "සිංහල භාෂාව ශ්‍රී ලංකාව",
    "Khmer": "ភាសាខ្មែរ សេរីភាព",
    "Myanmar": "မြန်မာဘာသာ လွတ်လပ်ရေး",
}
DEVANAGARI = noto_folder() / "NotoSansDevanagari[wght].ttf"


def _map(texts: list[str], thesis: str = "Thesis") -> ArgumentMap:
    premises = [{"id": f"p{at}", "text": text} for at, text in enumerate(texts, start=1)]
    return validate_data({"title": "Shaped", "thesis": {"text": thesis, "premises": premises}})


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _harfbuzz_points(path: Path, text: str, size: float) -> float:
    """The run's advance as HarfBuzz gives it, asked here directly."""
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {})
    return sum(p.x_advance for p in buffer.glyph_positions) * size / face.upem


def test_every_shaped_script_extracts_from_the_pdf_as_written(tmp_path: Path) -> None:
    m = _map(list(LINES.values()), thesis=LINES["Devanagari"])
    path = tmp_path / "shaped.pdf"
    path.write_bytes(render_pdf(m, analyze(m), RenderOptions(fit="none")))
    done = subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, check=True)
    text = _words(done.stdout.decode("utf-8"))
    for script, line in LINES.items():
        assert _words(line) in text, script


def test_a_vowel_sign_is_drawn_before_its_consonant_and_extracts_after_it() -> None:
    fonts = _Fonts()
    try:
        shown, _ = fonts._set("हि", "", 10.0)
        name, face = fonts.face(fallback_fonts().index(DEVANAGARI), "")
    finally:
        fonts.close()
    assert f"/{name} 10 Tf /Span << /ActualText <FEFF0939093F> >> BDC" in shown
    codes = [int(code, 16) for code in re.findall(r"<([0-9A-F]{4})>", shown.split("BDC")[1])]
    glyphs = [face.used[code][0] for code in codes]
    assert glyphs[1] == face.cmap[0x939]  # the consonant drawn second
    assert glyphs[0] != face.cmap[0x939]  # after the vowel sign's glyph
    assert [face.used[code][2] for code in codes] == ["हि", ""]


def test_a_mark_moved_by_the_shaper_is_moved_in_the_pdf() -> None:
    fonts = _Fonts()
    try:
        shown, width = fonts._set("গণতন্ত্রের", "", 20.0)
    finally:
        fonts.close()
    assert " Ts [" in shown and shown.endswith("0 Ts EMC")  # a conjunct's part lowered
    assert width == pytest.approx(_harfbuzz_points(fallback_fonts()[4], "গণতন্ত্রের", 20))


@pytest.mark.parametrize("style", ["", "B"])
def test_a_line_is_measured_as_wide_as_the_shaper_sets_it(style: str) -> None:
    line = "हिन्दी में लिखा गया मुख्य दावा"
    measured = text_points(line, 13, style)
    if style == "":
        assert measured == pytest.approx(_harfbuzz_points(DEVANAGARI, line, 13))
    per_letter = sum(text_points(ch, 13, style) for ch in line)
    assert measured < per_letter - 5  # conjuncts and vowel signs take less room


def test_a_cell_of_shaped_text_is_as_wide_as_its_text_not_as_the_engine_counts_it() -> None:
    lines = ["हिन्दी में लिखा गया मुख्य दावा", "लोकतंत्र को सूचित नागरिकों की"]
    assert "FIXEDSIZE" not in width_attr(lines, 13)  # its lines are not anchored again
    attr = width_attr(lines, 13, fixed=True)
    found = re.fullmatch(r' WIDTH="(\d+)" HEIGHT="(\d+)" FIXEDSIZE="TRUE"', attr)
    assert found is not None, attr
    widest = max(text_points(line, 13) for line in lines)
    assert int(found.group(1)) == int(widest + 0.999) + 4
    assert int(found.group(2)) == int(2 * 13 * 1.2 + 4 + 0.999)
    assert max(engine_points(line, 13) for line in lines) > 1.8 * widest
    latin = width_attr(["Latin only"], 13, fixed=True)
    assert latin == f' WIDTH="{int(text_points("Latin only", 13)) + 5}"'


def test_the_box_of_a_hindi_statement_is_as_wide_as_its_lines_and_its_margins() -> None:
    text = "शिक्षा से नागरिकों में आलोचनात्मक सोच विकसित होती है, और यह एक लंबा वाक्य है"
    m = _map([text])
    svg = export_svg(m, analyze(m), RenderOptions())
    assert isinstance(svg, str)
    node = svg[svg.index('<g id="node&#45;p1"') :]
    box = re.search(r'<path [^>]*d="([^"]+)"', node)
    assert box is not None
    xs = [float(x) for x in re.findall(r"(-?[\d.]+),", box.group(1))]
    lines = re.findall(r'font-size="13.00"[^>]*>([^<]+)</text>', node.split("</g>")[0])
    assert len(lines) >= 2
    widest = max(text_points(line, 13) for line in lines)
    # the cell, its padding and the node's margins (0.15 in each side): no more
    assert widest < max(xs) - min(xs) <= widest + 4 + 2 * 0.15 * 72 + 6
    assert max(engine_points(line, 13) for line in lines) > widest + 100  # as it was


def test_without_a_shaper_text_is_measured_a_letter_at_a_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shaping, "available", lambda: False)
    line = "हिन्दी में लिखा"
    assert text_points(line, 13) == pytest.approx(sum(text_points(ch, 13) for ch in line))
    assert "FIXEDSIZE" not in width_attr([line], 13, fixed=True)
    m = _map([line])
    pdf = render_pdf(m, analyze(m), RenderOptions(fit="none"))
    assert b"/ActualText" not in pdf


def test_a_pdf_of_shaped_text_is_the_same_bytes_every_time() -> None:
    m = _map(list(LINES.values()))
    first = render_pdf(m, analyze(m), RenderOptions(fit="a4"))
    assert first == render_pdf(m, analyze(m), RenderOptions(fit="a4"))


def test_a_png_sets_shaped_lines_as_outlines_and_leaves_the_rest_to_resvg() -> None:
    from argmap.exporters.diagram.raster import _with_fonts

    fonts = [str(path) for path in font_files()]
    plain = _page('<text xml:space="preserve" x="10" y="20" font-size="13">हिन्दी ok</text>')
    text, shaped = _with_fonts(plain, fonts)
    assert not shaped and "Devanagari" not in text and "<path" in text
    # Hebrew and Arabic are shaped too (right to left), and set as outlines with it.
    mixed = _page('<text xml:space="preserve" x="10" y="20" font-size="13">हिन्दी שלום سلام</text>')
    text, shaped = _with_fonts(mixed, fonts)
    assert not shaped and "<text" not in text and "<path" in text
    # So is Korean beside them (else resvg 0.48 would set the line).
    mixed = _page('<text xml:space="preserve" x="10" y="20" font-size="13">हिन्दी 한국어</text>')
    text, shaped = _with_fonts(mixed, fonts)
    assert not shaped and "<text" not in text and "<path" in text
    # A line that cannot be (italic Korean, which resvg slants) goes to resvg 0.48 alone:
    # the page's other shaped lines keep their outlines, as they were measured.
    italic = '<text xml:space="preserve" x="10" y="20" font-style="italic" font-size="13">'
    page = _page(
        f"{italic}हिन्दी 한국어</text>" + plain[plain.index("<text") : plain.index("</g>")]
    )
    text, shaped = _with_fonts(page, fonts)
    assert shaped and text.count("Noto Sans Devanagari") == 1 and text.count("<path") == 1


def _page(text: str) -> str:
    text = text.replace("<text ", '<text font-family="Noto Sans" ')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="40pt" '
        'viewBox="0 0 200 40"><g class="graph" transform="scale(1 1) rotate(0) '
        f'translate(0 40)">{text}</g></svg>'
    )


WORDS = st.sampled_from(
    [*(word for line in LINES.values() for word in line.split()), "Latin", "42,", "—", "(x)"]
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, min_size=1, max_size=8), style=st.sampled_from(["", "B", "I"]))
@example(words=["Latin", "गणतन्त्र", "গণতন্ত্রের:"], style="B")
def test_any_mixed_line_is_drawn_in_the_pdf_as_wide_as_it_is_measured(
    words: list[str], style: str
) -> None:
    line = unicodedata.normalize("NFC", " ".join(words))
    fonts = _Fonts()
    try:
        _, drawn = fonts._set(line, style, 13.0)
    finally:
        fonts.close()
    assert drawn == pytest.approx(text_points(line, 13.0, style), abs=0.01 * len(line))


@pytest.mark.parametrize(("route", "fit"), [("png", "slide"), ("pdf", "a4")])
def test_every_shaped_script_is_drawn_inside_its_box(
    tmp_path: Path, route: textfit.Route, fit: str
) -> None:
    if route == "pdf":
        poppler("pdftoppm")
    m = _map([f"{line} — {script}" for script, line in LINES.items()], LINES["Bengali"])
    for svg in textfit.pages(m, fit, route):
        assert textfit.ink_outside_boxes(svg, route) == 0
        for found in textfit.fits(svg, route):
            assert found.left is not None and found.right is not None, found.line.text
            assert min(found.left, found.right) > 0, found
            if found.line.anchor == "middle":  # centred as measured
                assert abs(found.right - found.left) <= max(2.5, 0.25 * found.line.em), found


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, min_size=1, max_size=6))
@example(words=["যুক্তি:", "গণতন্ত্রের"])  # a run whose glyphs end short of its advance
def test_any_mixed_line_extracts_from_the_pdf_as_written(words: list[str]) -> None:
    pdftotext = poppler("pdftotext")
    line = " ".join(words)
    m = validate_data({"title": "x", "thesis": {"text": line}})
    pdf = render_pdf(m, analyze(m), RenderOptions(fit="none"))
    done = subprocess.run([pdftotext, "-", "-"], input=pdf, capture_output=True, check=True)
    assert _words(line) in _words(done.stdout.decode("utf-8"))
