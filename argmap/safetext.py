"""User text made safe to show: controls out or escaped, bidi runs closed, links, paragraphs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final
from urllib.parse import urlsplit

__all__ = [
    "LONE_SURROGATE",
    "SAFE_SCHEMES",
    "displayable",
    "join_surrogate_pairs",
    "paragraphs",
    "safe_url",
    "terminal_text",
    "without_bidi_controls",
]

LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""Half a surrogate pair: JSON and YAML escapes make them, no UTF-8 text can hold one."""

_PAIR: Final = re.compile("([\ud800-\udbff])([\udc00-\udfff])")


def join_surrogate_pairs(text: str) -> str:
    r"""Join each high and low surrogate pair into the one character it encodes.

    YAML parsers read ``"\ud83d\ude00"`` (what ``json.dumps`` writes for an emoji) as
    two lone surrogates; JSON readers join them. Lone halves are left for the
    validator to report.

    >>> join_surrogate_pairs("\ud83d\ude00 \ud83d") == "\U0001f600 \ud83d"
    True
    """
    if LONE_SURROGATE.search(text) is None:
        return text
    return _PAIR.sub(
        lambda m: chr(0x10000 + ((ord(m[1]) - 0xD800) << 10) + (ord(m[2]) - 0xDC00)), text
    )


_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_OPENERS: Final = frozenset("\u202a\u202b\u202d\u202e")
_ISOLATES: Final = frozenset("\u2066\u2067\u2068")
_EMBEDDINGS: Final = {0x202D: "\u202a", 0x202E: "\u202b"}
"""A bidi override (LRO, RLO) as the embedding of its direction (LRE, RLE): the run's
words are ordered in that direction, but each keeps its letters in reading order ("100
EUR" is never shown as "RUE 001", which would read otherwise than the file)."""


def displayable(text: str) -> str:
    r"""Return ``text`` with control characters shown as U+FFFD and bidi runs closed.

    Control characters (other than tab and line breaks) have no glyph; HTML forbids
    them and Markdown renderers differ. A bidi override (U+202D, U+202E) becomes the
    embedding of its direction, so no word is shown with its letters reversed. A run
    left open (an embedding or isolate: U+202B, U+2067...) would turn round whatever
    follows the text on the page, so the missing closers (U+202C, U+2069) are added at
    its end; the rest of the text is kept.

    >>> displayable("a\x07b") == "a\ufffdb"
    True
    >>> displayable("\u202eevil") == "\u202bevil\u202c"
    True
    """
    text = _CONTROLS.sub("\ufffd", text).translate(_EMBEDDINGS)
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


_BIDI_CONTROLS: Final = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi_controls(text: str) -> str:
    """``text`` without explicit bidi embeddings, overrides and isolates (U+202A-E, U+2066-9).

    Drawn text leaves them out: an override (U+202E) drew "100 EUR" as "RUE 001", the
    picture reading otherwise than the file, and the renderers (the engine's SVG in a
    browser, resvg, argmap's PDF) each honoured embeddings in their own way. Without them
    every format orders a line by its letters' own directions (the Unicode bidi rules).
    """
    return text.translate(_BIDI_CONTROLS) if max(text, default="") >= "\u202a" else text


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


_KEPT_FORMAT: Final = frozenset("\u200c\u200d")
"""Zero-width (non-)joiners: invisible, harmless, and needed by emoji and several scripts."""


def terminal_text(text: str, *, one_line: bool = False) -> str:
    r"""Return ``text`` safe to print on a terminal: every control shown as an escape.

    A terminal obeys escape sequences in what it prints: OSC 52 writes the clipboard,
    OSC 8 hides a link's target, CSI moves the cursor or rewrites lines, DCS and C1
    controls (U+0080 to U+009F, which some terminals read as ESC sequences) do more.
    So every control character but tab and line feed, every format character but the
    zero-width joiners (bidi overrides would reorder what is shown), line and paragraph
    separators and lone surrogates are replaced by their Python escape, shown as text.

    Args:
        text: user text (or a whole report holding some).
        one_line: also escape tabs and line breaks, for a field on a line of its own
            (a line break could otherwise fake a line of the report).

    >>> terminal_text("a\x1b]52;c;cHdu\x07b\u202ec")
    'a\\x1b]52;c;cHdu\\x07b\\u202ec'
    >>> terminal_text("one\ntwo", one_line=True)
    'one\\ntwo'
    """
    if text.isprintable() and not one_line:
        return text  # the usual case, at C speed (spaces are printable; tabs are not)
    return "".join(_escaped(ch, one_line) for ch in text)


@lru_cache(maxsize=1024)
def _escaped(ch: str, one_line: bool) -> str:
    if ch in "\n\t":
        return repr(ch)[1:-1] if one_line else ch
    category = unicodedata.category(ch)
    unsafe = category in ("Cc", "Zl", "Zp", "Cs") or (category == "Cf" and ch not in _KEPT_FORMAT)
    if not unsafe:
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def paragraphs(text: str | None) -> list[str]:
    r"""A text's paragraphs, as a page shows them: the runs between blank lines, none empty.

    >>> paragraphs("One.\n\n  \nTwo,\nthree.")
    ['One.', 'Two,\nthree.']
    """
    return [part.strip() for part in _BLANK_LINE.split(text or "") if part.strip()]


_BLANK_LINE: Final = re.compile(r"\n[ \t]*\n")
