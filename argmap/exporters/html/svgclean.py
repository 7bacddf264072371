"""Make diagram SVG safe to inline in a page: one streaming pass keeps allowed elements only."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from typing import Final

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_ELEMENTS", "clean_svg"]

ALLOWED_ELEMENTS: Final = frozenset(
    {
        "svg",
        "g",
        "title",
        "path",
        "polygon",
        "polyline",
        "ellipse",
        "circle",
        "rect",
        "line",
        "text",
        "tspan",
        "defs",
        "linearGradient",
        "radialGradient",
        "stop",
    }
)
"""Drawing elements Graphviz emits. Anything else (script, foreignObject, a, image,
style, use, animate...) is dropped; an ``a`` element is replaced by its children."""

UNWRAPPED: Final = frozenset({"a"})
"""Elements dropped while their children are kept (Graphviz wraps nodes with URLs),
unless a link rewrite keeps them as same-document links (see :func:`clean_svg`)."""

ALLOWED_ATTRIBUTES: Final = frozenset(
    {
        "id",
        "class",
        "transform",
        "viewBox",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "d",
        "points",
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-opacity",
        "opacity",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "text-decoration",
        "preserveAspectRatio",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
    }
)
"""Presentation attributes kept; event handlers, hrefs and style are dropped."""

_URL_REF: Final = re.compile(r"url\s*\(", re.IGNORECASE)
_LOCAL_REF: Final = re.compile(r"^\s*url\(\s*#[\w.-]+\s*\)\s*$")

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
_ATTRIBUTE: Final = re.compile(r"([^\s=/>\"']+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")

TEXT_ELEMENTS: Final = frozenset({"text", "tspan", "title"})
"""Elements whose text content is kept (elsewhere SVG text is only layout whitespace)."""

_PLAIN: Final = re.compile(
    "<(" + "|".join(sorted(ALLOWED_ELEMENTS, key=len, reverse=True)) + ")"
    r'(?: xml:space="preserve")?'
    "((?: (?:" + "|".join(sorted(ALLOWED_ATTRIBUTES, key=len, reverse=True)) + ')="'
    r'[^"<>&\\\n\r\t]*(?:&(?:#45|amp|lt|gt|quot|apos);[^"<>&\\\n\r\t]*)*")*)'
    r"( ?/)?>\Z"
)
"""A start tag as the engine writes it, holding only allowed attributes with plain values:
written out as it is (the safe fast path; every other tag is rebuilt attribute by attribute)."""

_RAW: Final = re.compile(r"[&<>]")

Rename = Callable[[str], str]
"""Gives the id an element gets in the page for the id it has in the SVG."""


def _safe_value(value: str) -> bool:
    # A paint may reference a gradient in this SVG, never a resource elsewhere.
    return not _URL_REF.search(value) or bool(_LOCAL_REF.match(value))


def _escape(text: str, quote: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not quote:
        return text
    text = text.replace('"', "&quot;").replace("\n", "&#10;")
    return text.replace("\r", "&#13;").replace("\t", "&#9;")


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text


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
    by_lines = _clean_lines(svg, link, rename)
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
                out.append(_escape(_unescape(text), quote=False) if _RAW.search(text) else text)
            elif not stack and match.group(kind).strip():
                return ""
            continue
        if kind != "tag":
            return ""
        token = match.group(kind)
        fast = _PLAIN.match(token) if not skipped and stack else None
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
                opened, close = _open(name, attributes, link, rename)
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


_PROLOG: Final = re.compile(
    r"(?:[ \t\r\n]+|<\?xml[^<>?]*\?>|<!DOCTYPE[^<>\[\]]*>|<!--(?:[^-]|-(?!-))*-->)*"
)
"""What the engine writes before its ``<svg>``: a declaration, a doctype, comments."""

_COMMENT: Final = re.compile(r"<!--(?:[^-]|-(?!-))*-->\Z")

_LINE: Final = re.compile(
    r'<([A-Za-z]+)((?: [A-Za-z][\w:.-]*="[^"<>]*")*)(?:(/)|>([^<>]*)</\1)?>\Z'
)
"""A line as the engine writes it: a start tag, an empty element, or a whole text element
(``<text ...>words</text>``): double-quoted attributes, no markup in values or text."""

_END: Final = {f"</{name}>": name for name in ALLOWED_ELEMENTS | UNWRAPPED}


def _clean_lines(
    svg: str, link: Callable[[str], str | None] | None, rename: Rename | None
) -> str | None:
    # Long because: as in _clean_tokens, the loop is the pass; a call per line would
    # cost as much as the work.
    """:func:`clean_svg` for the engine's own layout, an element a line; None for any other.

    The engine writes each element on a line of its own (or a few whole tags on one), so
    a line is a whole token and the costly tokenizer is not needed. Lines are rebuilt
    with the same rules, giving the same result as :func:`_clean_tokens`; input laid out
    in any other way (an indented line, a tag over two lines, an element not allowed, a
    character the engine would have escaped) gives None, and the token pass takes it.
    """
    start = svg.find("<svg")
    if start < 0 or _PROLOG.fullmatch(svg, 0, start) is None:
        return None
    out: list[str] = []
    stack: list[tuple[str, str]] = []
    closed = False
    # A line may hold several tags (``<g id="a_n1"><a ...>``): one a line. Markup is never
    # inside a value or a text on this path, so every ``><`` is between two tags.
    for line in svg[start:].replace("><", ">\n<").split("\n"):
        if not line:
            continue
        end = _END.get(line)
        if end is not None:
            if not stack or stack[-1][0] != end:
                return None
            out.append(stack.pop()[1])
            closed = not stack
            continue
        if closed or line.startswith("<!--"):
            if _COMMENT.match(line) is None:
                return None
            continue
        match = _LINE.match(line)
        if match is None:
            return None
        name, attributes, empty, text = match.groups()
        if name not in ALLOWED_ELEMENTS and name not in UNWRAPPED or (not stack) != (not out):
            return None
        tag = line if text is None else line[: match.end(2)] + ">"
        fast = _PLAIN.match(tag) if stack else None
        opened: str | None
        if fast is not None and "url(" not in tag and (rename is None or "id=" not in tag):
            opened, close = f"<{name}{fast.group(2)}>", f"</{name}>"
        elif stack or name == "svg":
            opened, close = _open(name, attributes, link, rename)
        else:
            return None
        if opened is None:
            return None
        if empty:
            out.append(opened[:-1] + " />" if opened else "")
            continue
        out.append(opened)
        if text and name in TEXT_ELEMENTS:
            out.append(_escape(_unescape(text), quote=False) if _RAW.search(text) else text)
        if text is None:
            stack.append((name, close))
        else:
            out.append(close)
    return "".join(out) if closed else None


def _open(
    name: str, attributes: str, link: Callable[[str], str | None] | None, rename: Rename | None
) -> tuple[str | None, str]:
    """The start tag written for an element and its end tag; (None, "") to leave it out."""
    if name in UNWRAPPED:
        target = _local_target(attributes, link)
        if target is None:
            return "", ""
        return f'<a href="#{target}">', "</a>"
    if name not in ALLOWED_ELEMENTS:
        return None, ""
    kept = []
    for key, double, single in _ATTRIBUTE.findall(attributes):
        local = key.rsplit(":", 1)[-1]
        if local not in ALLOWED_ATTRIBUTES or key.startswith("xmlns"):
            continue
        value = _unescape(double or single)
        if not _safe_value(value):
            continue
        if local == "id" and rename is not None:
            value = rename(value)
        kept.append(f' {local}="{_escape(value, quote=True)}"')
    return f"<{name}{''.join(kept)}>", f"</{name}>"


def _is_id(text: str) -> bool:
    """Whether ``text`` is a fragment of id characters: letters, marks, digits, ``_.-``.

    Marks count, as in map ids (``e`` plus a combining accent), though Python's regular
    expressions leave them out of a word.
    """
    return bool(text) and all(
        ch.isalnum() or ch in "_.-" or unicodedata.category(ch)[0] == "M" for ch in text
    )


def _local_target(attributes: str, link: Callable[[str], str | None] | None) -> str | None:
    if link is None:
        return None
    for key, double, single in _ATTRIBUTE.findall(attributes):
        if key.rsplit(":", 1)[-1] == "href":
            value = _unescape(double or single)
            name = value[1:] if value.startswith("#") and _is_id(value[1:]) else None
            target = link(name) if name is not None else None
            if target is not None and _is_id(target):
                return target
    return None
