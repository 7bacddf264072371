"""The Noto fonts shipped with argmap, and the one splitter of SVG text into font runs."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from argmap.exporters.diagram import fonts
from argmap.exporters.diagram.svgtext import set_text_fonts

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"


def test_the_noto_folder_is_inside_argmap_and_holds_exactly_the_faces_drawn_with() -> None:
    folder = fonts.noto_folder()
    assert folder == PACKAGE / "exporters" / "diagram" / "noto"
    named = {path.name for path in fonts.font_files()}
    assert {path.name for path in folder.iterdir()} == named | {"OFL.txt"}
    assert len(named) == len(fonts.font_files())  # no face listed twice


def test_every_fallback_face_draws_something_no_face_before_it_has() -> None:
    seen = set(fonts.coverage(fonts.main_font()))
    for path in fonts.fallback_fonts():
        new = fonts.coverage(path) - seen
        assert new, f"{path.name} adds no character: it is never drawn with"
        seen |= new
    assert fonts.family_name(fonts.fallback_fonts()[0]) == "Noto Sans KR"


def test_the_font_licence_ships_beside_the_fonts() -> None:
    text = (fonts.noto_folder() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007" in text
    assert "Noto Sans KR" in text and "The Noto Project Authors" in text
    assert "Noto Sans CJK SC" in text and "make_cjk_subset.py" in text


def test_no_module_reads_fonts_from_another_projects_package() -> None:
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for name in ("manimgx_fonts", "pylopdf_fonts_ko"):
            assert name not in source, f"{path} imports {name}"


def test_text_is_split_into_runs_once_for_both_converters() -> None:
    svg = (
        '<svg><text font-family="Helvetica,sans-Serif" font-weight="bold">Plain &amp; ok</text>'
        '<text font-family="Times">Seoul 서울 &lt;</text><g font-family="x"/></svg>'
    )
    calls: list[tuple[str, list[tuple[int, str]]]] = []

    def keep(opening: str, runs: list[tuple[int, str]]) -> str | None:
        calls.append((opening, runs))
        return None

    kept = set_text_fonts(svg, "Noto Sans", fonts.fallback_fonts(), keep)
    assert kept == svg.replace("Helvetica,sans-Serif", "Noto Sans").replace(
        '"Times"', '"Noto Sans"'
    ).replace('"x"', '"Noto Sans"')
    assert calls == [
        ('<text font-family="Noto Sans" font-weight="bold">', [(-1, "Plain & ok")]),
        ('<text font-family="Noto Sans">', [(-1, "Seoul "), (0, "서울 "), (-1, "<")]),
    ]

    def mark(opening: str, runs: list[tuple[int, str]]) -> str | None:
        return "".join(f"[{index}:{run}]" for index, run in runs)

    marked = set_text_fonts(svg, "F", fonts.fallback_fonts(), mark)
    assert '<text font-family="F">[-1:Seoul ][0:서울 ][-1:<]</text>' in marked


def test_spaces_beside_an_emoji_or_a_symbol_are_set_in_the_text_face() -> None:
    # The emoji face's space is five times Noto Sans's, which the engine measures with.
    names = [path.name for path in fonts.fallback_fonts()]
    emoji, hebrew = names.index("NotoEmoji[wght].ttf"), names.index("NotoSansHebrew[wght].ttf")
    [(symbols, _)] = fonts.font_runs("★")  # a face with symbols (the Korean one has stars)
    cases = {
        "Emoji 🙂 ok": [(-1, "Emoji "), (emoji, "🙂"), (-1, " ok")],
        "🙂 🙂, ok.": [(emoji, "🙂"), (-1, " "), (emoji, "🙂"), (-1, ", ok.")],
        "a 👍🏽 b": [(-1, "a "), (emoji, "👍🏽"), (-1, " b")],
        "👨\u200d👩\u200d👧 family": [(emoji, "👨\u200d👩\u200d👧"), (-1, " family")],
        "★ ☆ x": [(symbols, "★"), (-1, " "), (symbols, "☆"), (-1, " x")],
        # A script's own spaces stay in its run (right-to-left words keep their order).
        "שלום עולם ok": [(hebrew, "שלום עולם "), (-1, "ok")],
    }
    for text, runs in cases.items():
        assert fonts.font_runs(text) == runs, text


def _script(name: str) -> ModuleType:
    """A script of tests/scripts, loaded as a module."""
    import importlib.util

    from tests.conftest import MAPS

    script = MAPS.parent / "tests" / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SIMPLIFIED = "认为统减间异说这们过时现发经会对学国实种问题"
"""Simplified Chinese characters Noto Sans KR lacks: drawn as boxes before the SC subset."""


def test_common_chinese_and_japanese_characters_all_have_a_face() -> None:
    # GB2312's 6,763 hanzi, JIS X 0208's kanji, Big5's 5,401 frequent hanzi, and kana.
    common = "".join(map(chr, sorted(_script("make_cjk_subset").wanted())))
    assert len(common) > 10_000
    kana = "".join(map(chr, [*range(0x3041, 0x3097), *range(0x30A1, 0x30FB)]))
    assert fonts.missing_glyphs(SIMPLIFIED + common + kana) == []


def test_the_chinese_subset_comes_last_and_draws_only_what_no_other_face_has() -> None:
    *others, subset = fonts.fallback_fonts()
    assert fonts.family_name(subset) == "Noto Sans CJK SC"
    drawn = set(fonts.coverage(fonts.main_font()))
    for path in [*others, fonts.noto_folder() / fonts.MAIN_FACES["I"][0]]:
        drawn |= fonts.coverage(path)
    # The order of the chain changes nothing: spaces aside, no other face has its letters.
    assert {chr(code) for code in fonts.coverage(subset) & drawn} == set(
        " \u00a0\u2002\u2003\u3000"
    )
    last = len(others)
    assert fonts.font_runs("我们认为") == [(0, "我"), (last, "们认为")]
    assert fonts.fallback_ems("们") == fonts.fallback_ems("我") == 1.0


def test_every_character_of_a_fallback_run_is_in_its_face() -> None:
    # A space after a Chinese letter stays in its run: the PDF drew it as a box.
    faces = fonts.fallback_fonts()
    text = "图 1500 个们\u00a0说\u3000这\u2003们 a 我 b 说明\u2002x"
    for index, run in fonts.font_runs(text):
        face = fonts.main_font() if index < 0 else faces[index]
        assert set(map(ord, run)) <= fonts.coverage(face), (face.name, run)


def test_noto_width_table_matches_the_shipped_fonts() -> None:
    """The table the diagram sizes boxes with is made from the fonts argmap ships."""
    module = _script("update_noto_widths")
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), (
        "run tests/scripts/update_noto_widths.py"
    )


def test_cut_faces_hold_the_characters_used_and_are_the_same_every_time() -> None:
    """Hangul, ideographs and emoji are embedded cut to the characters a map uses."""
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    from argmap.exporters.diagram import webfonts
    from argmap.exporters.diagram.webfonts import Words, cut_rules

    words = Words(frozenset("학교 中文 这个 日本語の 😀 Latin ελληνικά"), frozenset("설문"))
    rules = cut_rules(words)
    assert len(rules) == 4  # Hangul and ideographs, emoji, one ideograph KR lacks; italics
    webfonts._cut_rule.cache_clear()
    assert cut_rules(words) == rules  # byte for byte: no timestamp in the cut face
    drawn: set[int] = set()
    for rule in rules:
        data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", rule)
        ranges = rule.split("unicode-range:")[1]
        listed = {int(p, 16) for p in re.findall(r"U\+([0-9A-F]+)", ranges)}
        assert data is not None and listed
        with TTFont(io.BytesIO(base64.b64decode(data.group(1)))) as font:
            assert listed <= set(font.getBestCmap())
        drawn |= listed
    assert {ord(c) for c in "학교中文这个日本語の😀설문"} <= drawn
    assert not drawn & {ord(c) for c in "Latin ελληνικά"}  # in Noto Sans's own slices
    assert cut_rules(Words(frozenset("Only Latin, Ελληνικά"), frozenset())) == []
