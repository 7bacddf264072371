"""Text as drawn: bidi order, Arabic joined forms, emoji ligatures, line breaks in any script."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.exporters.diagram.arabicforms import join_arabic
from argmap.exporters.diagram.bidi import right_to_left_drawn, visual_order
from argmap.exporters.diagram.labels import wrap
from argmap.exporters.diagram.linebreak import wrap_columns

HEBREW = "\u05e9\u05dc\u05d5\u05dd"  # shalom
ARABIC = "\u0627\u0644\u0633\u0644\u0627\u0645"  # as-salam


def test_right_to_left_runs_are_reversed_and_numbers_and_brackets_kept_readable() -> None:
    assert visual_order("plain text") == "plain text"
    assert visual_order(f"The word {HEBREW} here") == f"The word {HEBREW[::-1]} here"
    # A number after a right-to-left word joins its run; its digits keep their order.
    assert visual_order("a \u05e1\u05e4\u05e8 123 here") == "a 123 \u05e8\u05e4\u05e1 here"
    assert (
        visual_order("\u05e2\u05d1\u05e8\u05d9\u05ea, 2024")
        == "2024 ,\u05ea\u05d9\u05e8\u05d1\u05e2"
    )
    # Brackets inside a right-to-left run are mirrored; spaces at the end stay put.
    assert visual_order(f"a ({HEBREW} {HEBREW}) ") == f"a ({HEBREW[::-1]} {HEBREW[::-1]}) "
    assert visual_order(f"{HEBREW} ({HEBREW})") == f"({HEBREW[::-1]}) {HEBREW[::-1]}"


def test_a_line_whose_first_letter_is_right_to_left_reads_from_the_right() -> None:
    """Its direction is its first strong letter's (UAX #9 P2-P3), as a browser's
    ``dir="auto"``: a Hebrew sentence's question mark or full stop, and a Latin word
    or number in it, sit where a Hebrew reader meets them. A left-to-right line drew
    "?" at the right end, where a Hebrew reader starts."""
    assert visual_order(f"{HEBREW}?") == f"?{HEBREW[::-1]}"
    assert visual_order(f"{HEBREW} abc def.") == f".abc def {HEBREW[::-1]}"
    assert visual_order("\u05e1\u05e4\u05e8 123 here") == "here 123 \u05e8\u05e4\u05e1"
    assert visual_order(f"({HEBREW} {HEBREW}) ") == f" ({HEBREW[::-1]} {HEBREW[::-1]})"
    said = f"{HEBREW} ({HEBREW} 2023)."
    assert visual_order(said) == f".(2023 {HEBREW[::-1]}) {HEBREW[::-1]}"
    assert visual_order(f"123 {HEBREW} abc") == f"abc {HEBREW[::-1]} 123"
    assert visual_order(f"123 abc {HEBREW}") == f"123 abc {HEBREW[::-1]}"


def test_marks_stay_after_their_letter_when_a_run_is_reversed() -> None:
    pointed = "\u05e9\u05c1\u05b8\u05dc\u05d5\u05b9\u05dd"  # shalom with points
    drawn = visual_order(pointed)
    assert drawn == "\u05dd\u05d5\u05b9\u05dc\u05e9\u05c1\u05b8"
    assert not unicodedata.combining(drawn[0])


def test_an_emoji_sequence_keeps_its_order_when_a_run_is_reversed() -> None:
    # A skin tone reversed before its emoji was drawn on its own, as a box, in the
    # face of the letters beside it.
    thumbs = "\U0001f44d\U0001f3fd"
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    for emoji in (thumbs, scotland, "\U0001f469\u200d\U0001f4bb"):
        assert visual_order(f"{HEBREW} {emoji} {HEBREW}") == (
            f"{HEBREW[::-1]} {emoji} {HEBREW[::-1]}"
        )


def test_a_right_to_left_run_is_reversed_whole_spaces_and_all() -> None:
    # The run of "... ARABIC <space>" a line's order cut out: its space stays at its end
    # (drawn on its left), not moved by the bidi rules run on the run alone.
    drawn = right_to_left_drawn(f" {HEBREW} ({HEBREW}")
    assert drawn == f"{HEBREW[::-1]}) {HEBREW[::-1]} "
    assert right_to_left_drawn(ARABIC) == join_arabic(ARABIC)[::-1]


@given(st.text(alphabet=st.sampled_from(list(f"ab 12,.()-{HEBREW}{ARABIC}\u0661\u064e!"))))
def test_drawing_order_only_moves_characters(text: str) -> None:
    drawn = visual_order(text)
    brackets = str.maketrans("()", "||")  # mirrored in right-to-left runs
    assert Counter(drawn.translate(brackets)) == Counter(text.translate(brackets))
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        assert drawn == text


def test_arabic_letters_take_their_joined_forms() -> None:
    names = [unicodedata.name(ch).removeprefix("ARABIC LETTER ") for ch in join_arabic(ARABIC)]
    assert names == [
        "ALEF ISOLATED FORM",
        "LAM INITIAL FORM",
        "SEEN MEDIAL FORM",
        "ARABIC LIGATURE LAM WITH ALEF FINAL FORM",
        "MEEM ISOLATED FORM",
    ]
    # Each form reads back as its letters (as the PDF's text extracts).
    assert unicodedata.normalize("NFKC", join_arabic(ARABIC)) == ARABIC
    assert join_arabic("no arabic") == "no arabic"
    # A form the font lacks is left as the letter.
    assert join_arabic(ARABIC, frozenset()) == ARABIC


def test_a_pdf_draws_an_emoji_sequence_as_the_one_glyph_the_font_has() -> None:
    pytest.importorskip("fontTools")
    from argmap.exporters.diagram.pdf import _Fonts

    fonts = _Fonts()
    try:
        for sequence in (
            "\U0001f44d\U0001f3fd",
            "\U0001f469\u200d\U0001f4bb",
            "\U0001f1ef\U0001f1f5",
        ):
            (_, shown, width), *rest = fonts._runs(sequence, "", 10.0)
            assert not rest and re.fullmatch(r"<[0-9A-F]{4}> Tj", shown), sequence  # one glyph
            assert width == pytest.approx(fonts._runs("\U0001f44d", "", 10.0)[0][2])
    finally:
        fonts.close()


def test_lines_of_any_script_break_between_clusters_and_cjk_letters() -> None:
    thai = "\u0e1b\u0e23\u0e30\u0e0a\u0e32\u0e18\u0e34\u0e1b\u0e44\u0e15\u0e22" * 4
    for line in wrap(thai, 10):
        assert not unicodedata.combining(line[0]) and unicodedata.category(line[0]) != "Mn"
    # CJK breaks between letters, but a line never starts with a closing mark.
    assert wrap("\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3002\u6771\u4eac", 6) == [
        "\u65e5\u672c\u8a9e",
        "\u306e\u6587",
        "\u7ae0\u3002\u6771",
        "\u4eac",
    ]
    assert wrap_columns("one\u200btwo\u200bthree", 8) == ["onetwo", "three"]
    assert wrap_columns("hyphen\u00adated words", 8) == ["hyphen-", "ated", "words"]
    flags = "\U0001f1ef\U0001f1f5" * 6
    assert all(len(line) % 2 == 0 for line in wrap_columns(flags, 5))
    assert wrap("plain ascii text stays as textwrap made it", 12) == [
        "plain ascii",
        "text stays",
        "as textwrap",
        "made it",
    ]


@given(
    st.lists(
        st.sampled_from(
            [
                "word",
                " ",
                "\u0915\u094d\u0937",
                "e\u0301",
                "\u4e2d",
                "\U0001f44d\U0001f3fd",
                "\u0e21\u0e35",
            ]
        ),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=2, max_value=20),
)
def test_wrapping_loses_nothing_but_spaces_and_splits_no_cluster(
    parts: list[str], width: int
) -> None:
    text = "".join(parts)
    lines = wrap_columns(text, width)
    # (a word cut between two Latin letters ends its line with a hyphen: the text has none)
    assert "".join(line.removesuffix("-") for line in lines).replace(" ", "") == text.replace(
        " ", ""
    )
    for line in lines:
        assert line == line.strip()
        assert unicodedata.category(line[0]) not in ("Mn", "Mc") and line[0] != "\U0001f3fd"
        assert not line.endswith("\u094d")  # a virama keeps its consonant


@pytest.mark.parametrize("text", ["\u00ad", "\u200b", "\u00ad\n\u200b\u2060"])
@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_a_statement_of_characters_drawn_as_nothing_is_refused_and_they_render(
    tmp_path: Path, text: str, fmt: str
) -> None:
    """A statement of only soft hyphens, zero-width spaces and joiners shows nothing: it is
    refused as an empty one is. Beside visible words they render, and a line of them alone
    is one blank line, not an empty label the engine refuses."""
    from argmap.errors import MapValidationError
    from argmap.load.maps import load_map
    from argmap.options import RenderOptions
    from argmap.pipeline import render_map

    def written(words: str) -> Path:
        data = {
            "title": "t",
            "nodes": [
                {"id": "a", "kind": "thesis", "text": words, "quote": words},
                {"id": "b", "kind": "premise", "parent": "a", "relation": "supports"},
            ],
        }
        data["nodes"][1]["text"] = words  # type: ignore[index]
        path = tmp_path / "m.json"  # the flat export's shape: one record a node
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    with pytest.raises(MapValidationError, match="'text' is empty"):
        load_map(written(text))
    assert wrap(text) == ["\u00a0"]
    m = load_map(written(f"{text}Words{text}\n{text}"))
    for fit in (None, "a4"):
        assert render_map(m, fmt, RenderOptions(fit=fit))  # type: ignore[arg-type]


CLUSTERS = [
    "a",
    "\u0915\u094d\u0937",  # a conjunct: ka, virama, ssa
    "\u0938\u094d\u0935",
    "e\u0301",
    "\U0001f469\u200d\U0001f4bb",  # an emoji sequence joined by a ZWJ
    "\U0001f1ef\U0001f1f5",  # a flag
    "\U0001f44d\U0001f3fd",  # a skin tone
    "\u0634\u064e\u0651",  # an Arabic letter and two marks
    "\u65e5",
]


@given(st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=20), st.integers(1, 30))
def test_shortened_text_is_cut_between_clusters(parts: list[str], limit: int) -> None:
    from argmap.exporters.diagram.labels import shorten_keep_lines
    from argmap.exporters.diagram.linebreak import shorten

    text = "".join(parts)
    prefixes = {"".join(parts[:count]) for count in range(len(parts) + 1)}
    for cut in (shorten(text, limit), shorten_keep_lines(text, limit)):
        if cut == text:
            assert len(text) <= limit
            continue
        assert cut.endswith("…") and len(cut) <= limit
        assert cut[:-1] in prefixes


def test_a_stub_cuts_a_word_longer_than_its_line_between_clusters() -> None:
    from argmap.exporters.diagram.linebreak import shorten
    from argmap.exporters.diagram.stublabels import stub_lines

    word = "\u0938\u094d\u0935" * 12
    lines = stub_lines(f"{word} {word}", 10)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(len(line.removesuffix("…")) % 3 == 0 for line in lines)  # whole conjuncts
    assert shorten("ab \U0001f469\u200d\U0001f4bb cd", 5) == "ab…"
    assert shorten("plain ascii text", 7) == "plain…"


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        # A breadcrumb's row and a reference: whole words, not "driven by a…".
        ("Russia's calculus is driven by anti-Americanism", 33, "Russia's calculus is driven by…"),
        (
            "rewards North Korea for its outrageous behaviour",
            40,
            "rewards North Korea for its outrageous…",
        ),
        ("playing its own game: in North Korea", 23, "playing its own game…"),
        ("a list, then more words", 8, "a list…"),
        # A word that would take more than a third of the room is cut inside.
        ("a Donaudampfschifffahrtsgesellschaft", 20, "a Donaudampfschifff…"),
        ("日本語の文章には空白がないので", 8, "日本語の文章には"[:7] + "…"),
        ("short enough", 12, "short enough"),
    ],
)
def test_shortened_text_ends_at_a_whole_word(text: str, limit: int, shown: str) -> None:
    from argmap.exporters.diagram.linebreak import shorten

    assert shorten(text, limit) == shown


@given(st.text(st.characters(max_codepoint=0x2070), max_size=12))
def test_clean_replaces_and_drops_as_its_rules_say_on_any_text(text: str) -> None:
    """Plain printable ASCII is passed through as it is (no pass over it): the same
    text as the replacement and the bidi filter give."""
    from argmap.exporters.diagram.labels import clean
    from argmap.exporters.diagram.textwidth import REPLACED
    from argmap.safetext import without_bidi_controls

    assert clean(text) == without_bidi_controls(REPLACED.sub("\ufffd", text))
    for ascii_text in (text.encode("ascii", "replace").decode(), "a\tb\nc\x7fd"):
        assert clean(ascii_text) == REPLACED.sub("\ufffd", ascii_text)


@pytest.mark.parametrize("control", ["\x7f", "\x85", "\x9b", "\x01"])
def test_a_control_character_is_drawn_and_measured_as_a_replacement_character(
    control: str,
) -> None:
    """A C1 control (CSI, NEL) stayed raw in the SVG, and so in the HTML page that inlines
    it (a parse error there), while DEL became U+FFFD and the outline showed U+FFFD for
    both; each was measured as nothing and drawn as a box. Now each is U+FFFD wherever
    the diagram draws it, and measured as that."""
    from argmap.exporters.diagram.formats import render_svg
    from argmap.exporters.diagram.labels import clean
    from argmap.exporters.diagram.textwidth import text_points
    from argmap.load.validate import validate_data
    from argmap.options import RenderOptions

    assert clean(f"a{control}b") == "a\ufffdb"
    for style in ("", "B", "I"):
        drawn = text_points("a\ufffd\ufffdb", 14.0, style)
        assert text_points(f"a{control}{control}b", 14.0, style) == drawn
    thesis = {"text": f"Tax {control} cuts", "premises": [{"text": f"Why{control}"}]}
    m = validate_data({"title": f"T{control}", "thesis": thesis})
    svg = render_svg(m, RenderOptions())
    assert control not in svg and "Tax \ufffd cuts" in svg
