"""Argdown source as lines: comments taken out, each line kept with its number and indent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from argmap.interop.textlines import text_lines

__all__ = ["Line", "data_blocks", "source_lines"]

_MARK: Final = "\x00"
"""Stands where a comment was: a line left with only this is no empty line (NUL cannot be
in an imported file)."""
_LINK: Final = re.compile(r"\[[^\]\n]{1,500}\]\([^)\n]{1,2000}\)")
_SPECIAL: Final = re.compile(r"[\\\[{/<]")
_BLOCK_CHARS: Final = re.compile(r"[\\{}\[\]\"']")


@dataclass(frozen=True)
class Line:
    """One source line without its comments."""

    number: int
    indent: int
    text: str
    """The content after the indent, comments removed, right-trimmed."""
    blank: bool
    """An empty line: it ends a paragraph (a line that held only a comment is no blank)."""


def source_lines(text: str, start: int = 0) -> list[Line]:
    """Split Argdown text from line ``start`` (0-based) into lines without comments.

    ``/* */`` and ``<!-- -->`` comments may run over lines (one never closed is text);
    ``//`` runs to the end of the line when it starts a word (so ``https://`` stays
    text). Escaped characters, links ``[text](url)`` and data blocks ``{...}`` are never
    read as comments. A line that held only a comment is dropped: it neither ends a
    paragraph nor adds text.
    """
    raw = text_lines(text)[start:]
    stripped = _strip_comments("\n".join(raw)).split("\n")
    out: list[Line] = []
    for offset, line in enumerate(stripped):
        content = line.rstrip()
        if _MARK in content and not content.replace(_MARK, "").strip():
            continue
        content = content.replace(_MARK, "")
        body = content.lstrip(" \t")
        out.append(Line(start + offset + 1, len(content) - len(body), body, not body))
    return out


def _strip_comments(text: str) -> str:
    """Replace each comment with a mark, keeping the line breaks inside it."""
    out: list[str] = []
    blocks = data_blocks(text)
    last = {close: text.rfind(close) for close in ("*/", "-->")}  # none after: never closed
    i, n = 0, len(text)
    while i < n:
        special = _SPECIAL.search(text, i)
        if special is None:
            out.append(text[i:])
            break
        if special.start() > i:
            out.append(text[i : special.start()])
            i = special.start()
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            out.append(text[i : i + 2])
            i += 2
        elif ch == "[" and (link := _LINK.match(text, i)):
            out.append(link.group(0))
            i = link.end()
        elif ch == "{" and (end := blocks.get(i, -1)) >= 0:
            out.append(text[i : end + 1])
            i = end + 1
        elif (end := _comment_end(text, i, last)) > i:
            out.append(_MARK + "".join("\n" + _MARK for c in text[i:end] if c == "\n"))
            i = end
        elif text.startswith("//", i) and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(_MARK)
            i = end
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _comment_end(text: str, i: int, last: dict[str, int]) -> int:
    """Where a ``/* */`` or ``<!-- -->`` comment opening at ``i`` ends (``i``: none opens).

    One never closed is no comment, as Argdown reads it: its opening is text (it took the
    rest of the file with it, every statement and relation after it gone unsaid).
    ``last``: where each closing comes last in the text, so that a text of unclosed
    openings is read in linear time.
    """
    if text.startswith("/*", i):
        close = "*/"
    elif text.startswith("<!--", i):
        close = "-->"
    else:
        return i
    if last[close] < i + 2:
        return i
    return text.find(close, i + 2) + len(close)


def data_blocks(text: str) -> dict[int, int]:
    """Return where each data block ``{...}`` in ``text`` ends: opening index -> closing index.

    One pass with a stack of open brackets (quoted strings inside a block are skipped), so
    a text full of ``{`` is read in linear time. A block closed by ``]`` is no block.
    """
    out: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    quote_char = ""
    i, n = 0, len(text)
    while i < n:
        special = _BLOCK_CHARS.search(text, i)  # nothing else changes what is open
        if special is None:
            break
        i = special.start()
        ch = text[i]
        if quote_char:
            if ch == "\\" and quote_char == '"':
                i += 1
            elif ch == quote_char:
                quote_char = ""
        elif ch == "\\":  # an escaped character (``\{`` in a text) opens nothing
            i += 1
        elif ch in "\"'" and stack:
            quote_char = ch
        elif ch == "{" or (ch == "[" and stack):  # brackets count inside a block only
            stack.append((ch, i))
        elif ch in "}]" and stack:
            opener, start = stack.pop()
            if opener == "{" and ch == "}":
                out[start] = i
            elif not stack:
                quote_char = ""
        i += 1
    return out
