"""Lines of tall ink (Arabic, Thai, Devanagari, Vietnamese...) are set clear of each other."""

from __future__ import annotations

import io
import math
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.formats import render_png, render_svg
from argmap.exporters.diagram.lineink import FLAT, INK_GAP, LATIN_INK, line_ink, line_rows
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions

pytest.importorskip("uharfbuzz")
pytest.importorskip("fontTools")

THESES = {
    # the tester's thesis: إلى / معلمًا / عام touched the dots and tanwin of the next line
    "arabic": "مدارسنا تحتاج إلى 250 معلمًا جديدًا بحلول عام 2030، أي زيادة بنسبة 15٪.",
    "thai": "ผู้ที่ได้รับเลือกตั้งต้องรับฟังเสียงของประชาชนทุกคนที่อยู่ในชุมชนนี้ด้วยความจริงใจ",
    "devanagari": "सरकारी स्कूलों में 40 प्रतिशत शिक्षक पद खाली हैं और यह संख्या बढ़ रही है।",
    "vietnamese": "Ở Việt Nam, giáo viên cần được trả lương xứng đáng để giữ chân người giỏi.",
    "hebrew": "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ וְהָאָרֶץ הָיְתָה תֹהוּ",
}


_TEXT = r'<text\b[^>]*\by="([-\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>([^<]*)<'
"""A line of an SVG: its baseline, its size and its text."""


def _map(thesis: str, premise: str | None = None) -> ArgumentMap:
    premises = [] if premise is None else [{"text": premise}]
    return validate_data({"title": "Scripts", "thesis": {"text": thesis, "premises": premises}})


class _Drawn:
    """A one-thesis map drawn as SVG and PNG: its thesis lines' baselines and ink, in pixels."""

    def __init__(self, text: str) -> None:
        from PIL import Image

        m = _map(text)
        options = RenderOptions(fit="none")
        svg = render_svg(m, analyze(m), options)
        image = Image.open(io.BytesIO(render_png(m, analyze(m), options))).convert("L")
        width = re.search(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"', svg)
        moved = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", svg)
        assert width is not None and moved is not None
        self.scale = image.size[0] / float(width[1])
        self.dy = float(moved[2])
        found = re.findall(_TEXT, svg)
        header = next(float(y) for y, size, _ in found if size == "9.00")
        self.lines = [(self.px(float(y)), text) for y, size, text in found if size == "16.00"]
        self.image, self.below = image, self.px(header + 3)
        """Pixel rows below the thesis's header (its kind, in 9 points)."""
        outline = re.search(r'class="node thesis">.*?<path[^>]*\bd="([^"]+)"', svg, re.S)
        assert outline is not None
        xs = [float(x) for x in re.findall(r"(-?[\d.]+),", outline[1])]
        self.columns = range(
            round((min(xs) + float(moved[1]) + 16) * self.scale),
            round((max(xs) + float(moved[1]) - 16) * self.scale),
        )
        """Pixel columns inside the thesis's box, clear of its border."""

    def px(self, y: float) -> float:
        """A y of the SVG, in the PNG's pixel rows."""
        return (y + self.dy) * self.scale

    def ink(self) -> tuple[float, float]:
        """How far the ink below the header reaches above and below the one line's baseline."""
        pixels = self.image.load()
        assert pixels is not None
        ((baseline, _),) = self.lines
        deepest = round(baseline + 16 * self.scale)
        rows = []
        for y in range(math.ceil(self.below), deepest):
            dark = sum(pixels[x, y] < 160 for x in self.columns)
            if dark > 0.9 * len(self.columns):  # the box's border, under the line
                break
            if dark:
                rows.append(y)
        return baseline - rows[0], rows[-1] + 1 - baseline


@pytest.mark.parametrize("script", sorted(THESES))
def test_the_lines_of_a_thesis_in_a_tall_script_do_not_touch_in_the_png(script: str) -> None:
    drawn = _Drawn(THESES[script])
    assert len(drawn.lines) >= 2
    inks = [_Drawn(text).ink() for _, text in drawn.lines]  # each line drawn alone
    gap = 0.05 * 16 * drawn.scale  # pixels: a twentieth of an em at least
    for at, ((upper, _), (lower, _)) in enumerate(zip(drawn.lines, drawn.lines[1:], strict=False)):
        clear = (lower - upper) - inks[at][1] - inks[at + 1][0]
        assert clear >= gap, (script, at, clear)


@pytest.mark.parametrize("script", sorted(THESES))
def test_each_step_between_a_reasons_lines_of_tall_ink_keeps_a_gap(script: str) -> None:
    _assert_steps_clear(_map("T", THESES[script]), 13)


@pytest.mark.parametrize("script", ["arabic", "hebrew", "thai"])
def test_each_step_between_a_quotes_lines_of_tall_ink_keeps_a_gap(script: str) -> None:
    # A quote is set in 11-point italics under its statement: an Arabic one's lines
    # touched as the statement's had, the dots of one line on the letters of the next.
    quote = f"{THESES[script]} {THESES[script]}"
    evidence = {"text": "A report.", "basis": "publication", "quote": quote}
    m = validate_data(
        {
            "title": "Quotes",
            "thesis": {"text": "T", "premises": [{"text": "R", "evidence": [evidence]}]},
        }
    )
    _assert_steps_clear(m, 11)


def _assert_steps_clear(m: ArgumentMap, size: int) -> None:
    """Each step between the drawing's lines of ``size`` points keeps their ink apart."""
    svg = render_svg(m, analyze(m), RenderOptions(fit="none"))
    lines = [
        (float(y), text) for y, drawn, text in re.findall(_TEXT, svg) if drawn == f"{size}.00"
    ]
    assert len(lines) >= 2
    for (y0, upper), (y1, lower) in zip(lines, lines[1:], strict=False):
        room = (y1 - y0) / size
        assert room >= line_ink(upper)[1] + line_ink(lower)[0] + INK_GAP - 0.01, (upper, lower)


def test_lines_of_ascii_are_left_to_the_engine() -> None:
    assert line_ink("Wolves gather at the gate (yes) | f`") == LATIN_INK
    lines = ["Bold theses of plain ASCII", "keep the spacing they had"]
    assert line_rows(lines, 16, "B") is None
    assert line_rows(lines, 13) is None
    assert line_rows(["صف واحد"], 16, "B") is None  # one line: nothing to keep apart


@pytest.mark.parametrize("weight", [400.0, 700.0])
def test_the_signs_left_unmeasured_are_inked_within_ascii(weight: float) -> None:
    from argmap import shaping
    from argmap.exporters.diagram.fonts import main_font

    signs = [chr(code) for code in range(0x80, 0x2070) if FLAT.fullmatch(chr(code))]
    assert "\u2019" in signs and "\u2014" in signs and "\u00b2" not in signs
    for sign in signs:
        top, bottom = shaping.ink_ems(main_font(), sign, weight)
        assert top <= LATIN_INK[0] and bottom <= LATIN_INK[1], (sign, top, bottom)
