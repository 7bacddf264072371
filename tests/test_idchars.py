"""What shows: the quick answers for printable ASCII agree with Unicode's categories."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model.idchars import _IGNORABLE, ignorable, shows_nothing

_SPECIAL = st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u202e", "\x00", "\x7f", " ", "\t"])


def _by_definition(text: str) -> bool:
    """Spaces, controls and default-ignorables only, each character looked up in full."""
    return all(
        ch.isspace()
        or unicodedata.category(ch) == "Cc"
        or any(low <= ord(ch) <= high for low, high in _IGNORABLE)
        for ch in text
    )


@settings(max_examples=500, deadline=None)
@given(st.lists(st.characters() | _SPECIAL, max_size=8).map("".join))
def test_shows_nothing_is_its_definition(text: str) -> None:
    assert shows_nothing(text) == _by_definition(text)


def test_every_ignorable_and_no_ascii_is_ignorable() -> None:
    for low, high in _IGNORABLE:
        assert ignorable(chr(low)) and ignorable(chr(high))
    assert not any(ignorable(chr(code)) for code in range(0xAD))
    assert shows_nothing("\u200b\u200d \ufeff") and not shows_nothing("\u200bok")
    assert not shows_nothing("!") and not shows_nothing("~ ") and shows_nothing("")
