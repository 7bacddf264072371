"""Combining marks in the diagram: real writing drawn as written, a pile of marks capped."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.formats import render_svg
from argmap.exporters.diagram.labels import MOST_MARKS, html_text
from argmap.load.validate import validate_data
from argmap.options import RenderOptions

REAL = [
    "Tiếng Việt có dấu",  # composed
    unicodedata.normalize("NFD", "Tiếng Việt có dấu"),  # two marks on a letter, decomposed
    "בְּרֵאשִׁית בָּרָא",  # pointed Hebrew: up to three marks on a letter
    "अनुच्छेद क़ानून",  # Devanagari: virama and nukta
    "ที่นี่ น้ำ",  # Thai: a vowel and a tone mark
]


def test_real_writing_keeps_every_mark() -> None:
    for text in REAL:
        assert html_text(text) == unicodedata.normalize("NFC", text), text


@given(base=st.sampled_from("aeoxHé"), count=st.integers(0, 80))
def test_no_letter_carries_more_than_the_most_marks(base: str, count: int) -> None:
    drawn = html_text(base + "\u0301" * count + " b")
    marks = max((len(run) for run in re.findall("[\u0300-\u036f]+", drawn)), default=0)
    # The first mark may compose with the letter (e + acute: é), leaving one fewer.
    assert marks <= MOST_MARKS
    assert drawn.endswith(" b")
    assert unicodedata.normalize("NFD", drawn).count("\u0301") >= min(count, MOST_MARKS)


def test_a_pile_of_marks_is_capped_in_the_drawing_and_whole_in_the_tooltip() -> None:
    """Fifty accents on one letter climbed out of the box through the boxes above it."""
    zalgo = "a" + "\u0301" * 50
    m = validate_data({"title": "Marks", "thesis": {"text": "T", "premises": [{"text": zalgo}]}})
    svg = render_svg(m, analyze(m), RenderOptions())
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    drawn = [t for t in texts if "\u0301" in t]
    assert drawn == ["á" + "\u0301" * (MOST_MARKS - 1)]
    assert "\u0301" * 49 in svg  # the tooltip keeps them all
