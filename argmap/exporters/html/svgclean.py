"""Make diagram SVG safe to inline in a page: an allowlist of elements and attributes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final
from xml.etree import ElementTree as ET

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

_URL_REF = re.compile(r"url\s*\(", re.IGNORECASE)
_LOCAL_REF = re.compile(r"^\s*url\(\s*#[\w.-]+\s*\)\s*$")
_DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _safe_value(value: str) -> bool:
    # A paint may reference a gradient in this SVG, never a resource elsewhere.
    return not _URL_REF.search(value) or bool(_LOCAL_REF.match(value))


def clean_svg(svg: str, link: Callable[[str], str | None] | None = None) -> str:
    """Return ``svg`` rebuilt from allowed elements and attributes only.

    Text content and attribute values are re-escaped by the XML serialiser, so a
    label holding markup stays text; only drawing elements survive, with no event
    handlers, links, styles or references outside the document.

    Args:
        svg: an SVG document (with or without an XML declaration and doctype).
        link: maps the target id of a same-document link (``<a href="#id">``) to the
            id it should point at instead, or None to drop the link. Without it every
            ``a`` is dropped (its drawing kept). Only ids of word characters, dots and
            dashes are ever linked.

    Returns:
        One ``<svg>`` element as text, without namespace prefixes, ready to inline
        in HTML. Empty when the input holds no usable SVG.

    >>> clean_svg('<svg><script>alert(1)</script><text onclick="x()">&lt;b&gt;</text></svg>')
    '<svg><text>&lt;b&gt;</text></svg>'
    """
    text = _DOCTYPE.sub("", svg)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = ET.fromstring(text.strip())
    except ET.ParseError:
        return ""
    if _local(root.tag) != "svg":
        return ""
    clean = ET.Element("svg")
    _copy_attributes(root, clean)
    # Iterative copy: (source element, destination parent).
    stack: list[tuple[ET.Element, ET.Element]] = [(child, clean) for child in reversed(list(root))]
    while stack:
        source, parent = stack.pop()
        name = _local(source.tag) if isinstance(source.tag, str) else ""
        if name in UNWRAPPED:
            target = _local_target(source, link)
            if target is not None:
                anchor = ET.SubElement(parent, "a", {"href": f"#{target}"})
                stack.extend((child, anchor) for child in reversed(list(source)))
            else:
                stack.extend((child, parent) for child in reversed(list(source)))
            continue
        if name not in ALLOWED_ELEMENTS:
            continue
        element = ET.SubElement(parent, name)
        _copy_attributes(source, element)
        element.text = source.text
        element.tail = None
        stack.extend((child, element) for child in reversed(list(source)))
    return ET.tostring(clean, encoding="unicode", short_empty_elements=True)


def _is_id(text: str) -> bool:
    """Whether ``text`` is a fragment of id characters: letters, marks, digits, ``_.-``.

    Marks count, as in map ids (``e`` plus a combining accent), though Python's regular
    expressions leave them out of a word.
    """
    return bool(text) and all(
        ch.isalnum() or ch in "_.-" or unicodedata.category(ch)[0] == "M" for ch in text
    )


def _local_target(source: ET.Element, link: Callable[[str], str | None] | None) -> str | None:
    if link is None:
        return None
    for key, value in source.attrib.items():
        if _local(key) == "href":
            name = value[1:] if value.startswith("#") and _is_id(value[1:]) else None
            target = link(name) if name is not None else None
            if target is not None and _is_id(target):
                return target
    return None


def _copy_attributes(source: ET.Element, target: ET.Element) -> None:
    for key in source.attrib:
        name = _local(key)
        value = source.attrib[key]
        if name in ALLOWED_ATTRIBUTES and _safe_value(value):
            target.set(name, value)
