"""Imported text as lines: only a line feed, a carriage return, or both end a line."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["text_lines"]

_BREAK: Final = re.compile(r"\r\n|\r|\n")


def text_lines(text: str) -> list[str]:
    r"""Split ``text`` into lines as the file's own tool reads them (Argdown, Kialo).

    ``str.splitlines`` also ends a line at a form feed, a vertical tab, U+001C to U+001E,
    NEL (U+0085) and the Unicode line and paragraph separators: a statement holding one was
    cut in two (a Kialo claim made two claims) and every later line was misnumbered.

    >>> text_lines("a\u2028b\r\nc\rd\n")
    ['a\u2028b', 'c', 'd']
    """
    lines = _BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # a final line break ends the last line; it starts none
    return lines
