"""The web font slices the HTML page embeds: what they hold, and which a page takes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.fonts import noto_folder
from argmap.exporters.diagram.webfonts import (
    FACES,
    SLICES,
    Words,
    embed_fonts,
    faces_for,
    font_css,
    map_words,
    script_slices,
    slice_file,
    slices_for,
)
from argmap.exporters.html.page import render_html
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions


def _font(path: Path) -> Any:
    from fontTools.ttLib import TTFont

    return TTFont(str(path))


@pytest.mark.parametrize("face", list(FACES))
@pytest.mark.parametrize("name", list(SLICES))
def test_a_slice_holds_every_glyph_of_its_ranges_at_the_faces_widths(face: str, name: str) -> None:
    full = _font(noto_folder() / f"{face}[wght].ttf")
    part = _font(slice_file(face, name))
    points = {p for first, last in SLICES[name] for p in range(first, last + 1)}
    full_map = full.getBestCmap()
    part_map = part.getBestCmap()
    assert set(part_map) == points & set(full_map)
    for point in part_map:
        width = full["hmtx"][full_map[point]][0]
        assert part["hmtx"][part_map[point]][0] == width, hex(point)
    assert [axis.axisTag for axis in part["fvar"].axes] == ["wght"]
    assert "HVAR" in part  # bold's advances vary as the PDF sets them
    for table in ("GSUB", "GPOS"):
        if table in part:
            records = part[table].table.FeatureList.FeatureRecord
            tags = {record.FeatureTag for record in records}
            assert tags <= {"mark", "mkmk", "ccmp"}, (table, tags)


def test_a_script_face_holds_what_argmap_draws_in_it_at_its_widths() -> None:
    from argmap.exporters.diagram.fonts import FALLBACK_FACES

    slices = script_slices()
    assert {"NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansThai"} <= set(
        slices
    )
    named = {name.split("[")[0].split("-")[0]: name for name in FALLBACK_FACES}
    for stem, ranges in slices.items():
        full = _font(noto_folder() / named[stem])
        part = _font(slice_file(stem))
        points = {p for first, last in ranges for p in range(first, last + 1)}
        full_map, part_map = full.getBestCmap(), part.getBestCmap()
        assert points <= set(part_map) and points <= set(full_map), stem
        for point in points:
            width = full["hmtx"][full_map[point]][0]
            assert part["hmtx"][part_map[point]][0] == width, (stem, hex(point))
    assert "GSUB" in _font(slice_file("NotoSansArabic"))  # joining forms: shaped as measured


def test_the_slices_a_text_takes() -> None:
    assert slices_for("Plain words, “quoted” — …") == ["latin"]
    assert slices_for("") == ["latin"]
    assert slices_for("Łódź") == ["latin", "latin-ext"]
    assert slices_for("Người") == ["latin", "latin-ext"]
    assert slices_for("λόγος") == ["latin", "greek"]
    assert slices_for("довод, λόγος") == ["latin", "greek", "cyrillic"]
    assert slices_for("理由 حجة") == ["latin"]  # not Noto Sans's


def _names(words: Words) -> list[tuple[str, str]]:
    return [(path.stem, style) for path, style, _ in faces_for(words)]


def test_the_faces_a_drawing_takes_by_its_words_and_their_styles() -> None:
    plain = Words(frozenset("Plain"), frozenset())
    assert _names(plain) == [("NotoSans-latin", "normal")]
    quoted = Words(frozenset("Plain “quoted”"), frozenset("“quoted”"))
    assert _names(quoted) == [("NotoSans-latin", "normal"), ("NotoSans-Italic-latin", "italic")]
    mixed = Words(frozenset("Довод חג حجة 理由 😀"), frozenset("حجة"))
    assert _names(mixed) == [
        ("NotoSans-latin", "normal"),
        ("NotoSans-cyrillic", "normal"),
        ("NotoSansArabic", "normal"),
        ("NotoSansArabic", "italic"),  # a quote's Arabic: a face of the italic style too
        ("NotoSansHebrew", "normal"),
    ]  # ideographs and emoji: the viewer's own fonts


def test_no_script_face_draws_a_character_of_the_slices() -> None:
    """So words all in the slices take no script face, and the table is not read for them."""
    sliced = [span for ranges in SLICES.values() for span in ranges]
    for stem, ranges in script_slices().items():
        for first, last in ranges:
            assert all(last < low or high < first for low, high in sliced), (stem, first, last)


def test_the_characters_of_a_map_are_all_its_words_and_its_quotes_italic() -> None:
    m = validate_data(
        {
            "title": "Τίτλος",
            "thesis": {
                "id": "t",
                "text": "Тезис",
                "evidence": [
                    {
                        "id": "e",
                        "text": "Evidence",
                        "quote": "Ψ quoted",
                        "citation": {"outlet": "Łódź Daily", "date": "May 1"},
                    }
                ],
            },
        }
    )
    words = map_words(m)
    assert {"Τ", "Т", "Ψ", "Ł", "ó"} <= words.upright
    assert words.italic == frozenset("Ψ quoted")


def test_the_css_embeds_the_faces_needed_and_sets_text_as_measured() -> None:
    words = Words(frozenset("Plain"), frozenset("Plain"))
    css = font_css(words)
    assert css.count("@font-face") == 2  # upright and italic Latin
    assert "font-style: italic" in css and "font-weight: 100 900" in css
    assert "unicode-range: U+0000-00FF" in css
    assert "font-kerning: none" in css and "font-variant-ligatures: none" in css
    assert "</" not in css  # inlined in the page's <style>
    assert font_css(words) == css
    assert font_css(Words(frozenset("довод"), frozenset())).count("@font-face") == 2


def _page(m: ArgumentMap, *, diagram: bool) -> str:
    return render_html(m, analyze(m), RenderOptions(), diagram=diagram)


def test_a_page_with_a_diagram_embeds_its_fonts_and_allows_them() -> None:
    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "Довод"}})
    page = _page(m, diagram=True)
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None and "font-src data:;" in csp.group(1)
    assert page.count("@font-face") == 2  # Latin and Cyrillic, upright (no quotes)
    bare = _page(m, diagram=False)
    assert "@font-face" not in bare and "font-src" not in bare


def test_an_svg_file_embeds_its_fonts_first_in_its_root() -> None:
    import xml.etree.ElementTree as ET

    from argmap.exporters.diagram.formats import export_svg

    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "Ελληνικά & <b>"}})
    drawing = export_svg(m, analyze(m))
    assert isinstance(drawing, str)
    root = ET.fromstring(drawing.encode("utf-8"))
    style = root[0]
    assert style.tag == "{http://www.w3.org/2000/svg}style"
    assert style.text is not None and style.text.count("@font-face") == 2  # Latin, Greek
    assert "text { font-kerning: none;" in style.text
    plain = Words(frozenset("x"), frozenset())
    assert embed_fonts("<p>not a drawing</p>", plain) == "<p>not a drawing</p>"
    assert embed_fonts("<svgx><svg>", plain).startswith("<svgx><svg>\n<style")
