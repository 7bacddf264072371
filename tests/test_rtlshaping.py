"""Arabic and Hebrew shaped by HarfBuzz, right to left: PDF text, widths, bidi runs, trails."""

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
from argmap.exporters.diagram.bidi import drawn_runs
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.fonts import fallback_fonts, noto_folder
from argmap.exporters.diagram.formats import render_pdf
from argmap.exporters.diagram.pdf import _Fonts
from argmap.exporters.diagram.svgtext import LEFT_FACE, place_text
from argmap.exporters.diagram.textwidth import text_points, width_attr
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.poppler import poppler

uharfbuzz = pytest.importorskip("uharfbuzz")
pytest.importorskip("fontTools")

ARABIC = noto_folder() / "NotoSansArabic[wght].ttf"
LINES = {
    "harakat": "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
    "lam-alef": "لا إله إلا الله والسلام عليكم",
    "persian": "دموکراسی به شهروندانی آگاه نیاز دارد که انتقادی فکر می‌کنند",
    "urdu": "جمہوریت کو باخبر شہریوں کی ضرورت ہے",
    "hebrew": "שָׁלוֹם עֲלֵיכֶם הַדְּמוֹקְרַטְיָה",
}
_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), 0x200F])
"""The embedding marks pdftotext puts round right-to-left lines, and the right-to-left mark
a run that ends with a mark extracts with (see :mod:`argmap.exporters.diagram.pdfshaped`)."""


def _map(texts: list[str], thesis: str = "Thesis") -> ArgumentMap:
    premises = [{"id": f"p{at}", "text": text} for at, text in enumerate(texts, start=1)]
    return validate_data({"title": "RTL", "thesis": {"text": thesis, "premises": premises}})


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text.translate(_CONTROLS)).split())


def _extracted(m: ArgumentMap) -> str:
    pdf = render_pdf(m, analyze(m), RenderOptions(fit="none"))
    done = subprocess.run(
        [poppler("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True
    )
    return _words(done.stdout.decode("utf-8"))


def _harfbuzz_points(path: Path, text: str, size: float) -> float:
    """A run's advance as HarfBuzz gives it (its direction guessed), asked here directly."""
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {})
    return sum(p.x_advance for p in buffer.glyph_positions) * size / face.upem


def test_arabic_persian_urdu_and_hebrew_extract_from_the_pdf_as_written() -> None:
    text = _extracted(_map(list(LINES.values()), thesis=LINES["harakat"]))
    for name, line in LINES.items():
        assert _words(line) in text, name


def test_the_pdf_joins_arabic_letters_places_their_marks_and_measures_them_shaped() -> None:
    fonts = _Fonts()
    try:
        shown, width = fonts._set("بِسْمِ لا", "", 20.0)
        name, face = fonts.face(fallback_fonts().index(ARABIC), "")
    finally:
        fonts.close()
    assert f"/{name} 20 Tf /Span << /ActualText <" in shown
    glyphs = {face.used[int(code, 16)][0] for code in re.findall(r"<([0-9A-F]{4})>", shown)}
    assert {"uni0645.fina", "uni0633.medi"} <= glyphs  # joined forms
    assert any(glyph.endswith(".rlig") for glyph in glyphs)  # lam-alef
    assert " Ts [" in shown  # a mark lowered under its letter
    # Drawn as wide as measured, and as HarfBuzz sets it.
    assert width == pytest.approx(text_points("بِسْمِ لا", 20.0))
    assert width == pytest.approx(_harfbuzz_points(ARABIC, "بِسْمِ لا", 20.0))


def test_the_pdf_draws_marks_of_direction_as_nothing_in_a_line_noto_sans_draws() -> None:
    """Noto Sans has an arrow for each mark of direction: a line all in it was drawn as
    written, the arrow shown and a line that a right-to-left mark opens set left to right
    (a wrapped line of a right-to-left statement: "42," after the mark, drawn ",42")."""
    fonts = _Fonts()
    try:
        drawn = {
            line: fonts._set(line, "", 13.0) for line in ("a\u200eb", "ab", "\u200f42,", ",42")
        }
    finally:
        fonts.close()
    assert drawn["a\u200eb"] == drawn["ab"]
    assert drawn["\u200f42,"] == drawn[",42"]


@pytest.mark.parametrize("line", [LINES["harakat"], LINES["persian"], LINES["hebrew"]])
def test_a_cell_of_right_to_left_text_is_fixed_at_its_shaped_width(line: str) -> None:
    attr = width_attr([line], 13, fixed=True)
    found = re.fullmatch(r' WIDTH="(\d+)" HEIGHT="\d+" FIXEDSIZE="TRUE"', attr)
    assert found is not None, attr
    assert int(found.group(1)) == int(text_points(line, 13) + 0.999) + 4
    assert engine_points(line, 13) > text_points(line, 13) * 1.05  # the engine's count


def test_a_mixed_line_is_cut_into_runs_of_one_direction_in_logical_order() -> None:
    faces = fallback_fonts()
    runs = drawn_runs("says الأستاذ (محمد) ١٢٣ times.", faces)
    arabic = faces.index(ARABIC)
    assert [(index == arabic, text, rtl) for index, text, rtl in runs] == [
        (False, "says ", False),
        (True, "١٢٣", False),  # a number keeps its order
        (True, " ", True),
        (False, "(", False),  # mirrored: the closing bracket drawn at the left
        (True, "محمد", True),
        (False, ") ", False),
        (True, "الأستاذ", True),
        (True, " ", False),
        (False, "times.", False),
    ]


def test_without_a_shaper_arabic_is_drawn_in_its_joined_forms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shaping, "available", lambda: False)
    [(index, drawn, rtl)] = drawn_runs("سلام", fallback_fonts())
    assert index == fallback_fonts().index(ARABIC) and not rtl
    assert all("\ufb50" <= ch <= "\ufeff" for ch in drawn)  # joined forms, lam-alef one
    assert unicodedata.normalize("NFKC", drawn[::-1]) == "سلام"  # in drawing order
    m = _map(["سلام عليكم"])
    assert b"/ActualText" not in render_pdf(m, analyze(m), RenderOptions(fit="none"))


def test_a_breadcrumb_row_of_shaped_text_is_as_wide_as_drawn_and_starts_at_its_left() -> None:
    from argmap.exporters.diagram.pagetrail import _row_points, _trail_line, _trail_row
    from argmap.exporters.diagram.styles import NODE_STYLE

    m = _map([LINES["persian"]])
    node = m.get("p1")
    line = _trail_line(m, node, NODE_STYLE, (3, False, 3), 150.0)
    assert line.startswith("         ")  # indented
    assert _row_points(line) == text_points(line, 11) <= 150.0 < engine_points(line, 11)
    width = 180.0  # the breadcrumb's widest row
    row = _trail_row(node, NODE_STYLE[node.kind], (3, "2"), line, width)
    found = re.search(r'WIDTH="(\d+)" HEIGHT="\d+" FIXEDSIZE="TRUE".*?>([^<]+)</FONT>', row)
    assert found is not None and f'FACE="{LEFT_FACE}"' in row, row
    assert int(found.group(1)) == 184
    filled = found.group(2)  # filled out with spaces to the row's width
    assert filled.startswith(line) and not filled[len(line) :].strip()
    assert width - 3.1 < text_points(filled, 11) <= width
    # The engine centres it in its cell; it is drawn from the cell's left instead. It
    # writes each space after another as a no-break space, and measured it as a space.
    written = re.sub("(?<= ) ", "&#160;", filled)
    svg = (
        f'<text text-anchor="start" x="10" y="5" font-family="{LEFT_FACE}" '
        f'font-size="11.00">{written}</text>'
    )
    middle = 10 + engine_points(filled, 11) / 2
    start = middle - text_points(filled, 11) / 2
    assert f'text-anchor="start" x="{start:.2f}"' in place_text(svg)


WORDS = st.sampled_from(
    [
        *(word for line in LINES.values() for word in line.split()),
        "مرحبا",
        "١٢٣",
        "Latin",
        "42,",
        "—",
        "(x)",
        "हिन्दी",
    ]
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, min_size=1, max_size=8), style=st.sampled_from(["", "B", "I"]))
@example(words=["says", "الأستاذ", "(x)", "١٢٣"], style="B")
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


RIGHT_TO_LEFT_WORDS = st.sampled_from(
    [word for key in ("harakat", "lam-alef", "persian", "urdu") for word in LINES[key].split()]
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(RIGHT_TO_LEFT_WORDS, min_size=1, max_size=6))
@example(words=["بِسْمِ"])  # a run that ends with a mark, on a left-to-right page
def test_any_line_of_arabic_extracts_from_the_pdf_as_written(words: list[str]) -> None:
    line = " ".join(words)
    assert _words(line) in _extracted(_map([line]))
