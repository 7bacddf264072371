"""The SVG cleaning pass for the engine's own layout: a line at a time, no tokenizer."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from argmap.exporters.html.svgrules import (
    ALLOWED_ELEMENTS,
    PLAIN_OPENING,
    RAW,
    TEXT_ELEMENTS,
    UNWRAPPED,
    URL_REF,
    Rename,
    escape,
    is_id,
    open_tag,
    unescape,
)

__all__ = ["clean_lines"]

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

_CLOSE: Final = {name: f"</{name}>" for name in ALLOWED_ELEMENTS}

_FAST: Final = re.compile(PLAIN_OPENING + r"(?:(/)>|>(?:([^<>]*)</\1>)?)\Z")
"""A line as the engine most often writes it: an allowed element with allowed attributes
of plain values (as :data:`PLAIN` takes them), a start tag, an empty element or a whole
text element. Its start tag is written out as it is, an id renamed in place."""

_ID: Final = re.compile(r'((?: [\w:.-]+="[^"]*")*?) id="([^"]*)"')
"""The attributes of a plain tag up to its id (whole attributes, so never inside a value)."""


_ANCHOR: Final = re.compile(
    r'<a(?: xlink:href="#([\w.-]+)")?(?: (?:xlink:title|target)="[^"<>]*")*>\Z'
)
"""An ``a`` start tag as the engine writes it: a link within the drawing (or none) first,
then its tooltip and target, and no other link."""


def _target(name: str | None, link: Callable[[str], str | None] | None) -> str | None:
    """Where an anchor of :data:`_ANCHOR` leads in the page; None to leave the link out."""
    if name is None or link is None:
        return None
    target = link(name)
    return target if target is not None and is_id(target) else None


def _renamed(name: str, attributes: str, rename: Rename) -> str | None:
    """The start tag :func:`open_tag` writes for a plain tag with an id; None if unsure.

    The other attributes are kept as they are when no character reference or ``url``
    in them could make :func:`open_tag` write them otherwise.
    """
    found = _ID.match(attributes)
    if found is None:
        return None
    before, rest = found.group(1), attributes[found.end() :]
    if "&" in before or "&" in rest or ' id="' in rest or URL_REF.search(attributes):
        return None
    value = escape(rename(unescape(found.group(2))), quote=True)
    return f'<{name}{before} id="{value}"{rest}>'


def clean_lines(
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
        if stack and line.startswith("<a "):
            anchor = _ANCHOR.match(line)
            if anchor is not None:  # kept as a link in the page, or left out
                target = _target(anchor.group(1), link)
                out.append(f'<a href="#{target}">' if target is not None else "")
                stack.append(("a", "</a>" if target is not None else ""))
                continue
        fast = _FAST.match(line) if stack else None
        opened: str | None = None
        if fast is not None:
            name, attributes, empty, text = fast.groups()
            if "url(" in attributes:
                pass
            elif rename is None or "id=" not in attributes:
                opened = f"<{name}{attributes}>"
            else:
                opened = _renamed(name, attributes, rename)
            close = _CLOSE[name]
        if opened is None:
            # Any other line: checked and rebuilt attribute by attribute.
            match = _LINE.match(line)
            if match is None:
                return None
            name, attributes, empty, text = match.groups()
            if name not in ALLOWED_ELEMENTS and name not in UNWRAPPED or (not stack) != (not out):
                return None
            if stack or name == "svg":
                opened, close = open_tag(name, attributes, link, rename)
            if opened is None:
                return None
        if empty:
            out.append(opened[:-1] + " />" if opened else "")
            continue
        out.append(opened)
        if text and name in TEXT_ELEMENTS:
            out.append(escape(unescape(text), quote=False) if RAW.search(text) else text)
        if text is None:
            stack.append((name, close))
        else:
            out.append(close)
    return "".join(out) if closed else None
