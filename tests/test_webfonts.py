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
    font_css,
    map_characters,
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


def test_the_slices_a_text_takes() -> None:
    assert slices_for("Plain words, “quoted” — …") == ["latin"]
    assert slices_for("") == ["latin"]
    assert slices_for("Łódź") == ["latin", "latin-ext"]
    assert slices_for("Người") == ["latin", "latin-ext"]
    assert slices_for("λόγος") == ["latin", "greek"]
    assert slices_for("довод, λόγος") == ["latin", "greek", "cyrillic"]
    assert slices_for("理由 حجة") == ["latin"]  # no slice: the browser's own fonts


def test_the_characters_of_a_map_are_all_its_words() -> None:
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
    seen = map_characters(m)
    assert {"Τ", "Т", "Ψ", "Ł", "ó"} <= seen


def test_the_css_embeds_the_slices_needed_and_sets_text_as_measured() -> None:
    css = font_css("Plain")
    assert css.count("@font-face") == 2  # upright and italic Latin
    assert "font-style: italic" in css and "font-weight: 100 900" in css
    assert "unicode-range: U+0000-00FF" in css
    assert "font-kerning: none" in css and "font-variant-ligatures: none" in css
    assert "</" not in css  # inlined in the page's <style>
    assert font_css("Plain") == css
    assert font_css("довод").count("@font-face") == 4


def _page(m: ArgumentMap, *, diagram: bool) -> str:
    return render_html(m, analyze(m), RenderOptions(), diagram=diagram)


def test_a_page_with_a_diagram_embeds_its_fonts_and_allows_them() -> None:
    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "Довод"}})
    page = _page(m, diagram=True)
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None and "font-src data:;" in csp.group(1)
    assert page.count("@font-face") == 4  # Latin and Cyrillic, upright and italic
    bare = _page(m, diagram=False)
    assert "@font-face" not in bare and "font-src" not in bare


def test_an_svg_file_embeds_its_fonts_first_in_its_root() -> None:
    import xml.etree.ElementTree as ET

    from argmap.exporters.diagram.formats import export_svg
    from argmap.exporters.diagram.webfonts import embed_fonts

    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "Ελληνικά & <b>"}})
    drawing = export_svg(m, analyze(m))
    assert isinstance(drawing, str)
    root = ET.fromstring(drawing.encode("utf-8"))
    style = root[0]
    assert style.tag == "{http://www.w3.org/2000/svg}style"
    assert style.text is not None and style.text.count("@font-face") == 4  # Latin, Greek
    assert "text { font-kerning: none;" in style.text
    assert embed_fonts("<p>not a drawing</p>", "x") == "<p>not a drawing</p>"
    assert embed_fonts("<svgx><svg>", "x").startswith("<svgx><svg>\n<style")
