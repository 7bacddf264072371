"""Make diagram SVG safe to inline in a page: one streaming pass keeps allowed elements only."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from argmap.exporters.html.svglines import clean_lines
from argmap.exporters.html.svgrules import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_ELEMENTS,
    PLAIN,
    RAW,
    TEXT_ELEMENTS,
    Rename,
    escape,
    open_tag,
    unescape,
)

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_ELEMENTS", "clean_svg"]

_TOKEN: Final = re.compile(
    r"(?P<skip><!--.*?-->|<\?.*?\?>|<!DOCTYPE(?:[^>\[]|\[[^\]]*\])*>)"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|(?P<tag><[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)(?:\n[ \t\r\n]*(?=<))?"
    r"|(?P<text>[^<]+)"
    r"|(?P<stray><)",
    re.S | re.I,
)
"""Markup the pass skips, CDATA, a tag, text, or a stray ``<`` (the input is broken).

A tag takes a line break after it, and the white space up to the next tag: between
elements it is only layout (the engine writes a line per element), and a token fewer."""

_TAG: Final = re.compile(
    r"<(/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>\"']+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>\Z"
)


def clean_svg(
    svg: str,
    link: Callable[[str], str | None] | None = None,
    rename: Rename | None = None,
) -> str:
    """Return ``svg`` rebuilt from allowed elements and attributes only.

    One pass over the text, element by element (no tree is built): text content and
    attribute values are decoded and escaped again, so a label holding markup stays
    text; only drawing elements survive, with no event handlers, links, styles or
    references outside the document. Input that is not well-formed gives "".

    Args:
        svg: an SVG document (with or without an XML declaration and doctype).
        link: maps the target id of a same-document link (``<a href="#id">``) to the
            id it should point at instead, or None to drop the link. Without it every
            ``a`` is dropped (its drawing kept). Only ids of word characters, dots and
            dashes are ever linked.
        rename: gives each element id its id in the page (e.g. to keep the ids of
            several drawings in one page apart); ids are kept as they are without it.

    Returns:
        One ``<svg>`` element as text, without namespace prefixes, ready to inline
        in HTML. Empty when the input holds no usable SVG.

    >>> clean_svg('<svg><script>alert(1)</script><text onclick="x()">&lt;b&gt;</text></svg>')
    '<svg><text>&lt;b&gt;</text></svg>'
    """
    by_lines = clean_lines(svg, link, rename)
    return by_lines if by_lines is not None else _clean_tokens(svg, link, rename)


def _clean_tokens(
    svg: str,
    link: Callable[[str], str | None] | None = None,
    rename: Rename | None = None,
) -> str:
    # Long because: one loop over every token holds the pass's state; a call per token
    # would cost as much as the work (this runs over every element of every page).
    """:func:`clean_svg` for any input: a pass over its tokens, whatever their layout."""
    out: list[str] = []
    # Per open element: its name and the closing tag written for it ("" if none).
    stack: list[tuple[str, str]] = []
    skipped = 0  # depth inside an element left out, with everything in it
    roots = 0
    for match in _TOKEN.finditer(svg):
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "text" or kind == "cdata":
            if not skipped and stack and stack[-1][0] in TEXT_ELEMENTS:
                text = match.group(kind)
                out.append(escape(unescape(text), quote=False) if RAW.search(text) else text)
            elif not stack and match.group(kind).strip():
                return ""
            continue
        if kind != "tag":
            return ""
        token = match.group(kind)
        fast = PLAIN.match(token) if not skipped and stack else None
        if fast is not None and "url(" not in token and (rename is None or "id=" not in token):
            name, attributes, empty = fast.groups()
            if empty:
                out.append(f"<{name}{attributes} />")
            else:
                out.append(f"<{name}{attributes}>")
                stack.append((name, f"</{name}>"))
        else:
            tag = _TAG.match(token)
            if tag is None:
                return ""
            closing, name, attributes, empty = tag.groups()
            name = name.rsplit(":", 1)[-1]
            if closing:
                if empty or attributes:
                    return ""
                if skipped:
                    skipped -= 1
                elif not stack or stack[-1][0] != name:
                    return ""
                else:
                    out.append(stack.pop()[1])
            elif skipped:
                skipped += not empty
            else:
                if not stack:
                    roots += 1
                    if roots > 1 or name != "svg":
                        return ""
                opened, close = open_tag(name, attributes, link, rename)
                if opened is None:
                    skipped = not empty
                elif empty:
                    out.append(opened[:-1] + " />" if opened else "")
                else:
                    out.append(opened)
                    stack.append((name, close))
        # The white space a tag took is text inside a text element: keep it there.
        end = match.end()
        if end != match.end(kind) and not skipped and stack and stack[-1][0] in TEXT_ELEMENTS:
            out.append(svg[match.end(kind) : end])
    if stack or skipped or not roots:
        return ""
    return "".join(out)
