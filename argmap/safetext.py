"""User text made safe to show: controls out, bidi runs closed, lone surrogates, http(s) links."""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

__all__ = ["LONE_SURROGATE", "SAFE_SCHEMES", "displayable", "safe_url"]

LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""Half a surrogate pair: JSON and YAML escapes make them, no UTF-8 text can hold one."""

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


SAFE_SCHEMES: Final = frozenset({"http", "https"})


def safe_url(value: str | None) -> str | None:
    """Return ``value`` if it is an absolute http(s) URL, else None (it is shown as text).

    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None
    True
    """
    if not value:
        return None
    text = value.strip()
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return text
