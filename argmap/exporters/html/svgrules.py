"""What inline diagram SVG may keep: allowed elements and attributes, and how a tag is rebuilt."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from typing import Final

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_ELEMENTS",
    "ATTRIBUTE",
    "PLAIN",
    "PLAIN_OPENING",
    "RAW",
    "TEXT_ELEMENTS",
    "UNWRAPPED",
    "URL_REF",
    "Rename",
    "escape",
    "is_id",
    "open_tag",
    "unescape",
]

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
        "direction",
        "text-decoration",
        "preserveAspectRatio",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "data-top",
    }
)
"""Presentation attributes kept, and a stub's ``data-top`` (its branch's first node's id, a
plain value escaped as every other); event handlers, hrefs and style are dropped."""

URL_REF: Final = re.compile(r"url\s*\(", re.IGNORECASE)
LOCAL_REF: Final = re.compile(r"^\s*url\(\s*#[\w.-]+\s*\)\s*$")

ATTRIBUTE: Final = re.compile(r"([^\s=/>\"']+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")

TEXT_ELEMENTS: Final = frozenset({"text", "tspan", "title"})
"""Elements whose text content is kept (elsewhere SVG text is only layout whitespace)."""

PLAIN_OPENING: Final = (
    "<(" + "|".join(sorted(ALLOWED_ELEMENTS, key=len, reverse=True)) + ")"
    r'(?: xml:space="preserve")?'
    "((?: (?:" + "|".join(sorted(ALLOWED_ATTRIBUTES, key=len, reverse=True)) + ')="'
    r'[^"<>&\\\n\r\t]*(?:&(?:#45|amp|lt|gt|quot|apos);[^"<>&\\\n\r\t]*)*")*)'
)
"""A pattern (not compiled): an allowed element's name (group 1) and its allowed attributes
of plain values (group 2), as the engine writes a tag up to its end."""

PLAIN: Final = re.compile(PLAIN_OPENING + r"( ?/)?>\Z")
"""A start tag as the engine writes it, holding only allowed attributes with plain values:
written out as it is (the safe fast path; every other tag is rebuilt attribute by attribute)."""

RAW: Final = re.compile(r"[&<>]")

Rename = Callable[[str], str]
"""Gives the id an element gets in the page for the id it has in the SVG."""


def _safe_value(value: str) -> bool:
    # A paint may reference a gradient in this SVG, never a resource elsewhere.
    return not URL_REF.search(value) or bool(LOCAL_REF.match(value))


def escape(text: str, quote: bool) -> str:
    """``text`` escaped for element content, or (``quote``) for a double-quoted value."""
    if _SPECIAL.search(text) is None:  # the common case: nothing to escape
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not quote:
        return text
    text = text.replace('"', "&quot;").replace("\n", "&#10;")
    return text.replace("\r", "&#13;").replace("\t", "&#9;")


_SPECIAL: Final = re.compile('[&<>"\n\r\t]')
"""Characters :func:`escape` may replace."""


def unescape(text: str) -> str:
    """``text`` with its character references decoded."""
    if "&" not in text:
        return text
    # The engine writes a hyphen as a reference (ids such as node&#45;n1): the common case.
    plain = text.replace("&#45;", "-")
    return plain if "&" not in plain else html.unescape(text)


def open_tag(
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
    for key, double, single in ATTRIBUTE.findall(attributes):
        local = key.rsplit(":", 1)[-1]
        if local not in ALLOWED_ATTRIBUTES or key.startswith("xmlns"):
            continue
        value = unescape(double or single)
        if not _safe_value(value):
            continue
        if local == "id" and rename is not None:
            value = rename(value)
        kept.append(f' {local}="{escape(value, quote=True)}"')
    return f"<{name}{''.join(kept)}>", f"</{name}>"


_ASCII_ID: Final = re.compile(r"[A-Za-z0-9_.-]+\Z")
"""An id of ASCII characters only: the common case, told without a look at each one."""


def is_id(text: str) -> bool:
    """Whether ``text`` is a fragment of id characters: letters, marks, digits, ``_.-``.

    Marks count, as in map ids (``e`` plus a combining accent), though Python's regular
    expressions leave them out of a word.
    """
    if _ASCII_ID.match(text) is not None:
        return True
    return bool(text) and all(
        ch.isalnum() or ch in "_.-" or unicodedata.category(ch)[0] == "M" for ch in text
    )


def _local_target(attributes: str, link: Callable[[str], str | None] | None) -> str | None:
    if link is None:
        return None
    for key, double, single in ATTRIBUTE.findall(attributes):
        if key.rsplit(":", 1)[-1] == "href":
            value = unescape(double or single)
            name = value[1:] if value.startswith("#") and is_id(value[1:]) else None
            target = link(name) if name is not None else None
            if target is not None and is_id(target):
                return target
    return None
