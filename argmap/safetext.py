"""User text made safe to show in a page or document: stray controls out, bidi runs closed."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["displayable"]

_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_OPENERS: Final = frozenset("\u202a\u202b\u202d\u202e")
_ISOLATES: Final = frozenset("\u2066\u2067\u2068")


def displayable(text: str) -> str:
    r"""Return ``text`` with control characters shown as U+FFFD and bidi runs closed.

    Control characters (other than tab and line breaks) have no glyph; HTML forbids
    them and Markdown renderers differ. A right-to-left override or isolate left open
    (U+202E, U+2067...) would reverse whatever follows the text on the page, so the
    missing closers (U+202C, U+2069) are added at its end; the text itself is kept.

    >>> displayable("ab") == "a�b"
    True
    >>> displayable("‮evil") == "‮evil‬"
    True
    """
    text = _CONTROLS.sub("\ufffd", text)
    embeddings = isolates = 0
    for ch in text:
        if ch in _OPENERS:
            embeddings += 1
        elif ch == "\u202c" and embeddings:
            embeddings -= 1
        elif ch in _ISOLATES:
            isolates += 1
        elif ch == "\u2069" and isolates:
            isolates -= 1
    return text + "\u202c" * embeddings + "\u2069" * isolates
