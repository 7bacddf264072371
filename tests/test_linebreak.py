"""Line breaking: the quick paths wrap exactly as the general ones they stand in for."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.exporters.diagram import linebreak
from argmap.exporters.diagram.linebreak import wrap_columns, wrap_text, wrap_words

# Words, single and double spaces, tabs, separators textwrap drops, long words, Unicode.
_PIECES = st.sampled_from(
    ["a", "bb", "word", "x" * 12, " ", " ", "  ", "\t", "\n", "\x0b", "\x1c", "-", ".", "é"]
    + ["\xa0", "\u3000", "中", "\u0301", "\u200b", "\u00ad", "😀", "\u094d", "क", "—", "“"]
)
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, width=st.integers(min_value=0, max_value=30))
def test_wrap_words_wraps_as_textwrap_does(text: str, width: int) -> None:
    try:
        expected: object = textwrap.wrap(text, width, break_on_hyphens=False)
    except ValueError as exc:  # textwrap refuses a width under 1
        expected = str(exc)
    try:
        got: object = wrap_words(text, width)
    except ValueError as exc:
        got = str(exc)
    assert got == expected


def _clusters_one_by_one(paragraph: str) -> list[object]:
    """The clusters made the general way, character after character."""
    texts: list[str] = []
    for ch in paragraph:
        if texts and linebreak._clings(texts[-1], ch):
            texts[-1] += ch
        else:
            texts.append(ch)
    return [linebreak._cluster(text) for text in texts]


@settings(max_examples=400, deadline=None)
@given(text=_TEXT)
def test_clusters_of_lone_characters_are_the_general_ones(text: str) -> None:
    assert linebreak._clusters(text) == _clusters_one_by_one(text)


def test_wrapped_text_is_remembered_and_handed_out_as_a_copy() -> None:
    first = wrap_text("Remembered words, wrapped at ten columns.", 10)
    first.append("changed by its caller")
    assert wrap_text("Remembered words, wrapped at ten columns.", 10) == [
        "Remembered",
        "words,",
        "wrapped at",
        "ten",
        "columns.",
    ]
    assert wrap_columns("中文中文", 4) == ["中文", "中文"]
