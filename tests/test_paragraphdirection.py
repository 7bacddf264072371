"""A wrapped statement's lines keep the statement's direction, not each its own first letter's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.bidi import drawing_order, reads_right_to_left, visual_order
from argmap.exporters.diagram.formats import export_svg, render_pdf
from argmap.exporters.diagram.linebreak import wrap_text
from argmap.exporters.diagram.textwidth import text_points
from argmap.load.validate import validate_data
from argmap.options import RenderOptions
from tests.poppler import poppler

HEBREW = "\u05e9\u05dc\u05d5\u05dd"
ARABIC = "\u0633\u0644\u0627\u0645"
SENTENCE = f"The word {HEBREW} means peace and {ARABIC} too, said the 2024 report (p. 17)."
"""Round 11's case: wrapped at 30 columns, its second line starts with the Arabic word."""

_WORD = st.sampled_from(["peace", "and", "the", "2024", "(p. 17),", HEBREW, ARABIC, "שלום?"])


def _lines(text: str, width: int = 30) -> list[str]:
    return wrap_text(text, width)


def test_a_line_of_an_english_sentence_that_starts_with_arabic_reads_left_to_right() -> None:
    lines = _lines(SENTENCE)
    assert lines[1].lstrip("\u200e").startswith(ARABIC)
    assert not reads_right_to_left(lines[1])
    # As drawn, the Arabic word comes first, at the left, then "too, said...".
    assert visual_order(lines[1]).lstrip("\u200e").startswith(ARABIC[::-1] + " too,")


def test_a_line_of_a_hebrew_sentence_that_starts_with_english_reads_right_to_left() -> None:
    text = f"{HEBREW} {HEBREW} {HEBREW} is said by many people, and then more words."
    lines = _lines(text)
    assert len(lines) > 1 and all(reads_right_to_left(line) for line in lines)


@given(words=st.lists(_WORD, min_size=2, max_size=24), width=st.integers(8, 30))
def test_every_line_reads_as_its_paragraph_and_is_measured_as_without_the_mark(
    words: list[str], width: int
) -> None:
    text = " ".join(words)
    lines = _lines(text, width)
    for line in lines:
        assert reads_right_to_left(line) == reads_right_to_left(text), (text, lines)
        bare = line.lstrip("\u200e\u200f")
        # The mark takes no width (a glyph for it is about 8 points); it may change which
        # face draws a space between runs, so the line as drawn differs by less than one.
        assert text_points(line, 13) == pytest.approx(text_points(bare, 13), abs=1.0)
        assert "\u200e" not in drawing_order(line) and "\u200f" not in drawing_order(line)
    assert " ".join(line.lstrip("\u200e\u200f") for line in lines) == text


def _map() -> object:
    data = {"title": "t", "thesis": {"id": "t", "text": SENTENCE, "premises": []}}
    return validate_data(data, "t.yaml")


def test_the_svg_gives_the_line_no_right_to_left_direction() -> None:
    m = _map()
    svg = export_svg(m, analyze(m), RenderOptions())  # type: ignore[arg-type]
    assert isinstance(svg, str)
    assert 'direction="rtl"' not in svg
    assert f"{ARABIC} too," in svg


def test_the_pdf_draws_the_arabic_word_first_and_no_mark(tmp_path: object) -> None:
    import subprocess
    from pathlib import Path

    m = _map()
    pdf = Path(str(tmp_path)) / "m.pdf"
    pdf.write_bytes(render_pdf(m, analyze(m), RenderOptions()))  # type: ignore[arg-type]
    text = subprocess.run(
        [poppler("pdftotext"), "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [w.strip("\u202a\u202b\u202c") for w in text.split()]
    at = words.index("too,")
    assert ARABIC in words[at - 1], text  # the Arabic word before "too,", not after "report"
    assert "\u200e" not in text and "\u200f" not in text
