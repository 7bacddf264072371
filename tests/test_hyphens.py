"""Words longer than a line cut with a hyphen where their script takes one; no-break spaces."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import load_map
from argmap.exporters.diagram.linebreak import one_spaced, text_columns, wrap_text
from argmap.exporters.diagram.stublabels import stub_lines
from argmap.options import RenderOptions
from argmap.pipeline import render_map


def test_a_long_german_compound_is_cut_with_a_hyphen() -> None:
    lines = wrap_text("Die Kraftfahrzeughaftpflichtversicherungsprämien steigen.", 34)
    assert lines == ["Die", "Kraftfahrzeughaftpflichtversicher-", "ungsprämien steigen."]


def test_an_ascii_word_longer_than_a_line_is_cut_with_a_hyphen_too() -> None:
    assert wrap_text("Pneumonoultramicroscopicsilicovolcanoconiosis is a word", 20) == [
        "Pneumonoultramicros-",
        "copicsilicovolcanoc-",
        "oniosis is a word",
    ]


def test_a_cut_word_carries_three_letters_at_least_to_the_next_line() -> None:
    assert wrap_text("Fahrzeugkontrollen brauchen Zeit", 17) == [
        "Fahrzeugkontrol-",
        "len brauchen Zeit",
    ]


def test_a_no_break_space_is_never_broken_at() -> None:
    text = "Deutschland sollte ein Tempolimit von 130\u00a0km/h und 10\u202f% einführen."
    for width in range(12, 40):
        lines = wrap_text(text, width)
        assert any("130\u00a0km/h" in line for line in lines), (width, lines)
        assert any("10\u202f%" in line for line in lines), (width, lines)


def test_a_url_breaks_after_its_slashes_with_no_hyphen_added() -> None:
    url = "https://example.com/a/very/long/path/without/any/spaces/index.html"
    lines = wrap_text(f"See {url}", 34)
    assert lines == [
        "See",
        "https://example.com/a/very/long/",
        "path/without/any/spaces/index.html",
    ]


def test_a_hyphenated_compound_breaks_at_its_own_hyphen() -> None:
    lines = wrap_text("Bundesverkehrsministerium-Sonderbeauftragtenstelle", 34)
    assert lines == ["Bundesverkehrsministerium-", "Sonderbeauftragtenstelle"]


def test_digits_and_scripts_that_take_no_hyphen_are_cut_as_they_stand() -> None:
    assert wrap_text("1" * 40, 34) == ["1" * 34, "1" * 6]
    arabic = "الديمقراطيةتتطلبمواطنينمطلعينيفكرونبشكلنقدي"
    assert all(not line.endswith("-") for line in wrap_text(arabic, 20))
    assert wrap_text("日本語の文章", 6) == ["日本語", "の文章"]


def test_a_stub_cuts_a_long_word_as_its_box_does() -> None:
    lines = stub_lines("Pneumonoultramicroscopicsilicovolcanoconiosis", 20)
    assert lines[0] == "Pneumonoultramicros-"


_LATIN = st.lists(
    st.sampled_from(["a", "Straße", "über", "Wort", "x" * 9, "Ωμέγα", "Щука", "1234", "e\u0301"]),
    min_size=1,
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_LATIN, min_size=1, max_size=6), width=st.integers(4, 30))
def test_every_line_fits_and_only_the_added_hyphens_are_new(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = wrap_text(text, width)
    assert all(text_columns(line) <= width for line in lines), lines
    joined = "".join(line.removesuffix("-") for line in lines)
    assert joined.replace(" ", "") == text.replace(" ", "")
    for line, after in zip(lines, lines[1:], strict=False):
        if line.endswith("-"):  # a cut inside a word: both sides letters, 3 at least going on
            assert _letters(line[:-1])[-1].isalpha() and after[0].isalpha()
            tail = after.split(" ")[0]
            assert tail.endswith("-") or len(_letters(tail)) >= 3  # (unless cut again)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))


def test_one_spaced_keeps_no_break_spaces_and_collapses_the_rest() -> None:
    assert one_spaced("  a \t b\u00a0 c\u202fd\n") == "a b\u00a0 c\u202fd"
    assert one_spaced(" plain   text ") == "plain text"


def test_a_drawn_statement_keeps_a_number_with_its_unit(tmp_path: Path) -> None:
    """The whole way through: the statement's runs of spaces are made one, not its no-break
    space, and the box's lines break elsewhere (a page's box and the one drawing alike)."""
    text = (
        "Deutschland sollte ein allgemeines Tempolimit von 130\u00a0km/h auf Autobahnen einführen."
    )
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"title": "T", "thesis": {"id": "t", "text": text}}))
    m = load_map(path)
    for fit in ("none", "slide", "a4"):
        drawn = render_map(m, "svg", RenderOptions(fit=fit))  # type: ignore[arg-type]
        svg = drawn if isinstance(drawn, str) else drawn[0]
        lines = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
        assert any("130\u00a0km/h" in line for line in lines), (fit, lines)
