"""A text's lines read from the text itself read as ``str.splitlines`` cuts them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.editing.textlines import TextLines, spliced

PIECES = ["a", " ", "é", "\n", "\r", "\r\n", "\x0b", "\x85", "\u2028"]
BREAKY = st.lists(st.sampled_from(PIECES)).map("".join)


@pytest.mark.parametrize(
    "text", ["", "a", "a\n", "a\nb", "\n\n", "a\r\nb\r\n", "a\rb\n", "a\x85b", "x\u2029"]
)
def test_the_lines_are_those_splitlines_gives(text: str) -> None:
    lines = TextLines(text)
    expected = text.splitlines(keepends=True)
    assert list(lines) == expected and len(lines) == len(expected)
    assert lines[1:] == expected[1:] and lines[::-1] == expected[::-1]
    if expected:
        assert lines[-1] == expected[-1]
    with pytest.raises(IndexError):
        lines[len(expected)]


@given(BREAKY, st.data())
def test_any_text_is_cut_and_spliced_as_a_list_of_its_lines_is(
    text: str, data: st.DataObject
) -> None:
    lines = TextLines(text)
    expected = text.splitlines(keepends=True)
    assert list(lines) == expected
    cuts = sorted(data.draw(st.lists(st.integers(0, len(expected)), max_size=4)))
    edits = [
        (start, stop, [f"new {i}\n"])
        for i, (start, stop) in enumerate(zip(cuts[::2], cuts[1::2], strict=False))
    ]
    assert spliced(lines, edits) == spliced(expected, edits)


def test_an_entry_added_at_the_end_joins_the_text_itself() -> None:
    text = "a: 1\nb: 2\n" * 1000
    lines = TextLines(text)
    assert spliced(lines, [(len(lines), len(lines), ["c: 3\n"])]) == text + "c: 3\n"
    assert lines.text is text
