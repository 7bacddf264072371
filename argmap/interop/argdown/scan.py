"""The Argdown line scanner: one line's text unescaped, its tags and its data block."""

from __future__ import annotations

import re

__all__ = ["Scan"]


class Scan:
    """One line of Argdown content, scanned: its text (unescaped), tags and data block.

    Comments are dropped. ``unsupported`` names what could not be read within the line (a
    comment or a data block running on past it); the rest of the line is then skipped.
    """

    def __init__(self, text: str) -> None:
        self.text = ""
        self.tags: list[str] = []
        self.data: str | None = None
        self.unsupported: list[str] = []
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
            elif text.startswith("//", i):
                break
            elif text.startswith("/*", i) or text.startswith("<!--", i):
                end = text.find("*/" if ch == "/" else "-->", i + 2)
                if end < 0:
                    self.unsupported.append("a comment running over several lines")
                    break
                i = end + (2 if ch == "/" else 3)
            elif ch == "#" and i + 1 < n and text[i + 1] == "(":
                end = text.find(")", i)
                end = n if end < 0 else end
                self.tags.append(text[i + 2 : end].strip())
                i = end + 1
            elif ch == "#" and (match := re.match(r"#([\w-]+)", text[i:])):
                self.tags.append(match.group(1))
                i += match.end()
            elif ch == "{":
                end = _data_end(text, i)
                if end < 0:
                    self.unsupported.append("a data block running over several lines")
                    break
                self.data = text[i : end + 1]
                i = end + 1
            else:
                out.append(ch)
                i += 1
        self.text = " ".join("".join(out).split())


def _data_end(text: str, start: int) -> int:
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
                return i
        i += 1
    return -1
