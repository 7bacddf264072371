"""Plain text set as glyph outlines for resvg: the same glyphs in the same places, or left be."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import rasterworker
from argmap.exporters.diagram import raster
from tests.test_textfit import HOSTILE, _check, _map_file, _pages

pytest.importorskip("fontTools")
pytest.importorskip("PIL")
if rasterworker.backend() is None:
    pytest.skip("no resvg binding installed", allow_module_level=True)

from PIL import Image, ImageChops

from argmap.exporters.diagram.fonts import font_files
from argmap.rasterglyphs import outline_text

FONTS = [str(path) for path in font_files()]

PAGE = """<svg width="480pt" height="120pt" viewBox="0 0 480 120" \
xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g transform="translate(4 116)">
<polygon fill="#ffffff" stroke="none" points="0,0 0,-116 476,-116 476,0"/>
<text xml:space="preserve" text-anchor="start" x="6" y="-92" font-family="Noto Sans" \
font-size="13.00" fill="#1b5e20">AVATAR To Wa fit flow yo, &amp; &lt;tag&gt; &#160;&#160;ok</text>
<text xml:space="preserve" text-anchor="middle" x="238" y="-70" font-family="Noto Sans" \
font-weight="bold" font-size="9.00" fill="#b71c1c">OBJECTION · AVOW Ty fi</text>
<text xml:space="preserve" text-anchor="end" x="470" y="-50" font-family="Noto Sans" \
font-style="italic" font-size="11.00" fill="#424242">— Bench Gazette, “quoted” Ωμέγα Щука</text>
<text xml:space="preserve" text-anchor="middle" x="238" y="-28" font-family="Noto Sans" \
font-size="13.00">Kerning: LT Yo Te P. F, r. v, Việt Nam ˥˩ Ωμέγα</text>
</g>
</svg>"""
"""Upright, bold and italic text in each anchoring, with kerned pairs, ligatures and
escaped characters."""


def _drawn(svg: str, outlined: bool) -> Image.Image:
    png = rasterworker.draw((svg, 144.0, 1.0, FONTS, False, outlined))
    assert isinstance(png, bytes), png
    return Image.open(io.BytesIO(png)).convert("RGB")


def _differing(a: Image.Image, b: Image.Image, above: int = 0) -> int:
    histogram = ImageChops.difference(a, b).convert("L").histogram()
    return sum(histogram[above + 1 :])


def test_plain_text_becomes_one_path_a_line_and_no_text_is_left() -> None:
    outlined = outline_text(PAGE, FONTS)
    assert "<text" not in outlined
    assert len(re.findall(r'<path fill="[^"]*" transform="matrix', outlined)) == 4
    assert 'fill="#b71c1c"' in outlined and 'fill="black"' in outlined


def test_outlined_text_draws_as_resvg_sets_it() -> None:
    # The same glyphs (weight, slant, ligatures, kerning) in the same places: only the
    # anti-aliasing where glyphs touch may differ, by a shade.
    plain, outlined = _drawn(PAGE, False), _drawn(PAGE, True)
    assert plain.size == outlined.size
    assert _differing(plain, outlined, above=96) == 0
    assert _differing(plain, outlined) < 0.001 * plain.width * plain.height


def test_a_wrong_glyph_or_place_would_show() -> None:
    # The comparison above is not blind: a line moved by half a point differs widely.
    moved = PAGE.replace('x="6" y="-92"', 'x="6.5" y="-92"')
    plain, outlined = _drawn(PAGE, False), _drawn(moved, True)
    assert _differing(plain, outlined, above=96) > 50


@pytest.mark.parametrize(
    "text",
    [
        "שלום world",  # right to left
        "e\u0301 marks",  # a combining mark
        "ẹ",  # a letter the font decomposes (ccmp)
        "한국어",  # a fallback face's characters, without their tspan
        '<tspan font-family="Noto Sans KR">한국어</tspan> ok',  # a face left to resvg
        "tab\there",
    ],
)
def test_text_that_needs_shaping_or_another_face_is_left_to_resvg(text: str) -> None:
    svg = PAGE.replace("Kerning: LT Yo Te P. F, r. v, Việt Nam ˥˩ Ωμέγα", text)
    outlined = outline_text(svg, FONTS)
    assert outlined.count("<text") == 1


def test_other_attributes_or_faces_are_left_to_resvg() -> None:
    for old, new in [
        ('font-size="13.00">Kerning', 'font-size="13.00" letter-spacing="2">Kerning'),
        ('font-family="Noto Sans" \nfont-size="13.00">Kerning', 'font-family="Serif">Kerning'),
        ('font-size="13.00">Kerning', 'font-size="13.00"><tspan>Kerning</tspan'),
    ]:
        svg = PAGE.replace(old.replace("\n", ""), new)
        assert svg != PAGE
        assert outline_text(svg, FONTS).count("<text") == 1


def test_outlining_is_deterministic() -> None:
    assert outline_text(PAGE, FONTS) == outline_text(PAGE, FONTS)
    assert rasterworker.draw((PAGE, 144.0, 1.0, FONTS, False, True)) == rasterworker.draw(
        (PAGE, 144.0, 1.0, FONTS, False, True)
    )


def test_outlines_stay_as_they_were_drawn() -> None:
    # The path data of PAGE, pinned (a faster setter must write the very same glyphs in
    # the very same places: same text, same pixels). Changed on purpose? Re-pin it.
    import hashlib

    outlined = outline_text(PAGE, FONTS).encode()
    assert hashlib.sha256(outlined).hexdigest() == (
        "c5f0664d7c3644e84aecbc6c1253cfcf7f00a05426636c7fa6f682c7168e706f"
    )


def test_every_script_stays_in_its_box_when_plain_text_is_outlined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The PNG route with every page's plain text set as outlines (the rest left to
    # resvg): each line's ink stays in its box, centred lines centred.
    def outlined_png(svg: str, *, dpi: int, max_side_px: int) -> bytes:
        job = raster._job(svg, dpi, max_side_px, outlined=True)
        drawn = rasterworker.draw(job)
        assert isinstance(drawn, bytes), drawn
        return drawn

    monkeypatch.setattr(raster, "svg_to_png", outlined_png)
    quote = "Ein Zitat mit «Anführungszeichen» und עברית und العربية darin, recht lang."
    pages = _pages(_map_file(tmp_path, HOSTILE, quote), "slide", "png")
    prepared = "".join(raster._job(svg, 144, 1920)[0] for svg in pages)
    outlined = outline_text(prepared, FONTS)
    assert 'transform="matrix' in outlined and "<text" in outlined  # both kinds are drawn
    _check(pages, "png")


def test_many_pages_are_outlined_and_few_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def draw(job: rasterworker.Job) -> bytes | str:
        seen.append(bool(job[5:] == (True,)))
        return "not drawn"

    monkeypatch.setattr(rasterworker, "draw", draw)
    monkeypatch.setattr("argmap.exporters.diagram.engine.drawing_workers", lambda: 1)
    raster.svgs_to_pngs([PAGE] * 3, dpi=144, max_side_px=2000)
    raster.svgs_to_pngs([PAGE] * raster.OUTLINE_MIN_PAGES, dpi=144, max_side_px=2000)
    assert seen == [False] * 3 + [True] * raster.OUTLINE_MIN_PAGES


FALLBACKS = PAGE.replace("AVATAR To Wa fit flow yo,", "⚖ ⚳ ☿ 👍 ok ქართ ኢትዮ").replace(
    "OBJECTION · AVOW Ty fi", "BOLD ⚖ ♄ 👍 ქართ"
)
"""Runs in fallback faces (symbols, emoji, Georgian, Ethiopic), upright and bold, among
Noto Sans text (Thai and Lao are shaped: see tests/test_shaping.py)."""


def test_runs_in_fallback_faces_are_outlined_as_resvg_sets_them() -> None:
    job = raster._job(FALLBACKS, 144, 4000)
    assert job[0].count("<tspan") >= 8
    outlined = outline_text(job[0], FONTS)
    assert "<text" not in outlined
    plain, drawn = _drawn(job[0], False), _drawn(job[0], True)
    assert _differing(plain, drawn, above=96) == 0
    assert _differing(plain, drawn) < 0.001 * plain.width * plain.height


LETTERS = "AVTWYLPFfiflaeortvwyk.,;:-–—'’“”?!() 0123456789ΑΩαωДЖжщ★⚖ქ"
"""Kerned and ligated pairs, punctuation, Greek and Cyrillic, and fallback runs."""


@settings(max_examples=10, deadline=None)
@given(
    text=st.text(alphabet=LETTERS, min_size=1, max_size=40),
    bold=st.booleans(),
    anchor=st.sampled_from(["start", "middle", "end"]),
)
def test_any_line_is_outlined_as_resvg_sets_it(text: str, bold: bool, anchor: str) -> None:
    weight = ' font-weight="bold"' if bold else ""
    line = html.escape(text, quote=False)
    svg = PAGE.replace(
        '<text xml:space="preserve" text-anchor="middle" x="238" y="-28" font-family="Noto Sans" '
        'font-size="13.00">Kerning: LT Yo Te P. F, r. v, Việt Nam ˥˩ Ωμέγα</text>',
        f'<text xml:space="preserve" text-anchor="{anchor}" x="238" y="-28" '
        f'font-family="Noto Sans"{weight} font-size="13.00">{line}</text>',
    )
    assert f">{line}</text>" in svg
    prepared = raster._job(svg, 144, 4000)[0]
    plain, outlined = _drawn(prepared, False), _drawn(prepared, True)
    assert _differing(plain, outlined, above=96) == 0
    assert _differing(plain, outlined) < 0.001 * plain.width * plain.height
