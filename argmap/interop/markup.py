"""Markdown from other tools read as plain words: escapes undone, links kept with their URL."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["join_lines", "link_notes", "plain_markdown"]

_TOKEN: Final = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|(?<!\\)\[(?P<label>(?:\\.|[^\]\\\n]){1,500})\]\((?P<url>[^)\s]{1,2000})\)"
    r"|(?<![\w*])(?P<mark>\*\*|\*|__|_)(?=\S)(?P<inner>[^\n]{1,300}?)(?<=\S)(?P=mark)(?![\w*])"
)
_MARKS: Final = re.compile(r"[\\\[*_]")
"""A character that may open an escape, a link or emphasis."""
_LIST_ITEM: Final = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s")


def plain_markdown(text: str, links: list[tuple[str, str]] | None = None) -> str:
    r"""Return Markdown ``text`` as plain words.

    Backslash escapes are undone (``\(`` reads ``(``), a link ``[text](url)`` reads
    ``text (url)`` (with ``links`` given: ``text``, and ``(text, url)`` is added to
    ``links``), and emphasis marks around words are dropped.

    >>> plain_markdown(r"a \(b\) [Kialo](https://kialo.com) **c**")
    'a (b) Kialo (https://kialo.com) c'
    >>> found = []
    >>> plain_markdown("see [the rules](https://kialo.com/rules)", found), found
    ('see the rules', [('the rules', 'https://kialo.com/rules')])
    """

    def one(match: re.Match[str]) -> str:
        if match.group("escaped") is not None:
            return match.group("escaped")
        if match.group("label") is not None:
            label = plain_markdown(match.group("label"))
            if links is None:
                return f"{label} ({match.group('url')})"
            links.append((label, match.group("url")))
            return label
        return plain_markdown(match.group("inner"), links)

    if not _MARKS.search(text):
        return text  # nothing to undo: no pass of the pattern over every character
    return _TOKEN.sub(one, text)


def link_notes(links: list[tuple[str, str]]) -> list[str]:
    """A node's note lines for the links its text read as their words: ``Link: words: url``.

    Each link once, in the order met (the tools show a link's words; its address, inside
    the statement, wrapped across the box).

    >>> link_notes([("the rules", "https://kialo.com/rules")] * 2)
    ['Link: the rules: https://kialo.com/rules']
    """
    return [f"Link: {words}: {url}" for words, url in dict.fromkeys(links)]


def join_lines(lines: list[str], *, breaks: bool = True) -> str:
    """Join a text's lines as a reader sees them: wrapped lines with a space.

    An empty line starts a new paragraph (kept as an empty line) and a list item
    (``1.``, ``-``, ``*``) its own line; without ``breaks`` (a claim's text, which the
    diagram draws on one line and ``lint`` flags with a break), they too follow a space.
    """
    out: list[str] = []
    gap = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            gap = bool(out)
            continue
        if not out:
            out.append(stripped)
        elif not breaks:
            out.append(" " + stripped)
        elif gap:
            out.append("\n\n" + stripped)
        elif _LIST_ITEM.match(line):
            out.append("\n" + stripped)
        else:
            out.append(" " + stripped)
        gap = False
    return "".join(out)
