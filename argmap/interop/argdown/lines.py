"""Argdown source as lines: comments taken out, each line kept with its number and indent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Line", "data_end", "source_lines"]

_MARK: Final = "\x00"
"""Stands where a comment was: a line left with only this is no empty line (NUL cannot be
in an imported file)."""
_LINK: Final = re.compile(r"\[[^\]\n]+?\]\([^)\n]+?\)")
_SPECIAL: Final = re.compile(r"[\\\[{/<]")


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

    ``/* */`` and ``<!-- -->`` comments may run over lines; ``//`` runs to the end of the
    line when it starts a word (so ``https://`` stays text). Escaped characters, links
    ``[text](url)`` and data blocks ``{...}`` are never read as comments. A line that
    held only a comment is dropped: it neither ends a paragraph nor adds text.
    """
    raw = text.splitlines()[start:]
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
        elif ch == "{" and (end := data_end(text, i)) >= 0:
            out.append(text[i : end + 1])
            i = end + 1
        elif text.startswith("/*", i) or text.startswith("<!--", i):
            close = "*/" if ch == "/" else "-->"
            end = text.find(close, i + 2)
            end = n if end < 0 else end + len(close)
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


def data_end(text: str, start: int) -> int:
    """Return the index of the ``}`` that closes the data block opened at ``start``, or -1."""
    depth, i, quote_char = 0, start, ""
    while i < len(text):
        ch = text[i]
        if quote_char:
            if ch == "\\" and quote_char == '"':
                i += 1
            elif ch == quote_char:
                quote_char = ""
        elif ch in "\"'":
            quote_char = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i if ch == "}" else -1
        i += 1
    return -1
