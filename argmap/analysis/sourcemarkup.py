"""HTML in a source document: entities read as the characters they name, tags as breaks."""

from __future__ import annotations

import html
import re
from array import array
from typing import Final

__all__ = ["looks_like_html", "read_markup"]

_ENTITY: Final = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
"""A character reference: ``&rsquo;``, ``&#8217;``, ``&#x2019;``."""
_ENTITIES: Final = re.compile(_ENTITY)
_MARKUP: Final = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment
    r"|<(script|style|head|title|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)"  # not text
    # A tag: bounded, and never across a "<", so a page of "<a" with no ">" costs one
    # short look each (unbounded, each "<" searched to the end: minutes for 40 kB).
    r"|</?([A-Za-z][A-Za-z0-9-]{0,63})\b"
    r"(?:[^<>\"']|\"[^<\"]{0,1024}\"|'[^<']{0,1024}'){0,512}>"
    r"|<![^<>]{0,1024}>"  # a doctype
    r"|" + _ENTITY,
    re.S | re.I,
)
_BLOCKS: Final = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
"""Tags that break a line of text: read as a space, where an inline tag is read as nothing."""
_HTML_START: Final = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """Whether a source document is an HTML page (a page saved from a browser)."""
    return _HTML_START.match(text[:4096]) is not None


def read_markup(text: str) -> tuple[str, array[int] | None]:
    """The text as a reader sees it, and the offset in ``text`` each character came from.

    Character references (``&rsquo;``) are read as the characters they name, in any
    document; an HTML page (:func:`looks_like_html`) also loses its tags (a tag that
    breaks a line, ``<p>`` or ``<br>``, is read as a space), comments, and what is not
    text (scripts, styles, its head). A reference that names no character is kept as
    written. None for the offsets: nothing changed.
    """
    page = looks_like_html(text)
    pattern = _MARKUP if page else _ENTITIES
    if (page and "<" not in text) or (not page and "&" not in text):
        return text, None
    parts: list[str] = []
    origin = array("I")
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        parts.append(text[pos:start])
        origin.extend(range(pos, start))
        pos = end
        found = match.group()
        if found[0] == "&":
            read = html.unescape(found)
        elif page and match.group(2) is not None:
            read = " " if match.group(2).lower() in _BLOCKS else ""
        else:
            read = ""
        parts.append(read)
        origin.extend([start] * len(read))
    if not parts:
        return text, None
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return "".join(parts), origin
