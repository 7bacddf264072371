"""Argdown export: a map written as Argdown text, with a data block for what Argdown cannot say."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from typing import TYPE_CHECKING, Any, Final

from argmap.exporters import Exporter, RenderOptions
from argmap.interop.argdown import DATA_FIELDS, RELATION_MARKS
from argmap.interop.flowyaml import flow, quote
from argmap.interop.graph import default_kind
from argmap.model import ArgumentMap, Node, NodeKind, Relation, conclusion_nodes
from argmap.model.nesting import nested_walk

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["EXPORTER", "escape_text", "to_argdown"]

NEST_LEVELS: Final = 16
"""How deep a branch is nested under its block's first line. A node this deep with children
of its own continues in a block of its own, headed by its title (``<id>``), its children
nested under it again: Argdown reads relations wherever they are written. Nested in full,
the indentation grew with the square of the depth (a 10,000-deep chain took 100 MB), and
Argdown's parser, which recurses once a level, failed past about 250 levels."""

_OUT_MARK: Final = {relation: mark + ">" for relation, mark in RELATION_MARKS.items()}
_ALWAYS_ESCAPED: Final = frozenset("\\@#*_[]<>{}/")
_SIMPLE_TAG: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


def escape_text(text: str) -> str:
    r"""Escape Argdown metacharacters so ``text`` reads back as written.

    Brackets, angle brackets, ``#``, ``@``, ``*``, ``_``, braces, ``/`` and backslashes are
    always escaped; ``.`` and ``:`` when they could open a shortcode (``.g.``, ``:x:``);
    ``=`` in runs of three (front matter).

    >>> escape_text("e.g. [A] #1 <b>")
    'e\\.g. \\[A\\] \\#1 \\<b\\>'
    """
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < n else ""
        shortcode = ch in ".:" and nxt and not nxt.isspace()
        if ch in _ALWAYS_ESCAPED or shortcode:
            out.append("\\" + ch)
        elif ch == "=" and ("===" in text[max(0, i - 2) : i + 3]):
            out.append("\\=")
        else:
            out.append(ch)
    return "".join(out)


def _is_plain(text: str) -> bool:
    """True when ``text`` survives as Argdown text: one line, no doubled or edge spaces."""
    if text != text.strip() or not text or "  " in text:
        return False
    return not any(
        unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs", "Zs") and ch != " "
        for ch in text
    )


def _visible(text: str) -> str:
    """The text shown in Argdown when the exact text has to go in the data block."""
    kept = "".join(
        ch if unicodedata.category(ch)[0] not in "CZ" or ch == " " else " " for ch in text
    )
    return escape_text(" ".join(kept.split())) or "\u2026"


def _default_kind(m: ArgumentMap, node: Node) -> NodeKind | None:
    parent = m.parent(node.id)
    if parent is None or node.relation is None:
        return NodeKind.THESIS
    return default_kind(node.relation, parent.kind)


def _data(m: ArgumentMap, node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if node.kind is not _default_kind(m, node):
        data["kind"] = node.kind.value
    if not _is_plain(node.text):
        data["text"] = node.text
    for name in DATA_FIELDS:
        value = getattr(node, name)
        if value is None:
            continue
        if name == "citation":
            data[name] = value.model_dump(exclude_none=True)
        elif name == "added":
            data[name] = value.isoformat()
        else:
            data[name] = value.value if isinstance(value, Enum) else value
    if node.tags and not all(_SIMPLE_TAG.match(tag) for tag in node.tags):
        data["tags"] = list(node.tags)
    return data


def _content(m: ArgumentMap, node: Node) -> str:
    """``[id]: text #tags {data}`` (the thesis) or ``<id>: text #tags {data}``."""
    text = escape_text(node.text) if _is_plain(node.text) else _visible(node.text)
    parts = [f"{_title(m, node)}: {text}"]
    if node.tags and all(_SIMPLE_TAG.match(tag) for tag in node.tags):
        parts.extend(f"#{tag}" for tag in node.tags)
    data = _data(m, node)
    if data:
        parts.append(flow(data))
    return " ".join(parts)


def _title(m: ArgumentMap, node: Node) -> str:
    return f"[{node.id}]" if node.parent is None else f"<{node.id}>"


def to_argdown(
    m: ArgumentMap,
    analysis: Analysis | None = None,
    options: RenderOptions | None = None,
    *,
    nest: int = NEST_LEVELS,
) -> str:
    """Return the map as Argdown text.

    The thesis is a statement ``[id]``, every other node an argument ``<id>`` nested
    under its parent with ``+`` (supports), ``-`` (attacks) or ``_`` (undercuts).
    Cross-links follow as ``<id>`` blocks with outgoing relations (``+>``, ``->``,
    ``_>``); each linked group is a heading whose section defines its co-premises.
    A conclusion drawn from the thesis (or from another conclusion) follows as a block
    where its source supports it, ``[thesis]`` then ``+> <conclusion>``, with its own
    objections nested under it and ``{kind: conclusion}`` in its data.
    Fields Argdown has no syntax for go in a YAML data block ``{...}``.
    A branch deeper than ``nest`` levels continues in blocks of its own (see
    :data:`NEST_LEVELS`), so the text grows with the map, however deep.
    """
    lines = ["===", f"title: {quote(m.title)}"]
    if m.description is not None:
        lines.append(f"description: {quote(m.description)}")
    if m.source is not None:
        lines.append(f"source: {flow(m.source.model_dump(exclude_none=True))}")
    if m.sources:
        sources = {k: v.model_dump(exclude_none=True) for k, v in m.sources.items()}
        lines.append(f"sources: {flow(sources)}")
    lines += ["===", ""]
    _branch(m, m.thesis, 0, nest, lines)
    for conclusion in conclusion_nodes(m):
        lines += ["", _title(m, m.get(conclusion.parent or ""))]
        _branch(m, conclusion, 1, nest, lines)
    for node in m.nodes:
        if node.links:
            lines += ["", _title(m, node)]
            for link in node.links:
                lines.append(f"  {_OUT_MARK[link.relation]} {_title(m, m.get(link.to))}")
    for group, members in m.groups().items():
        lines += ["", f"# Linked premises {escape_text(group)} {flow({'group': group})}"]
        for member in members:
            lines += ["", _content(m, member)]
    return "\n".join(lines) + "\n"


def _branch(m: ArgumentMap, top: Node, level: int, nest: int, lines: list[str]) -> None:
    """Write ``top`` on ``level`` (0: the thesis's line; a conclusion's is ``+>``) and its branch.

    A branch deeper than ``nest`` continues in blocks headed by a node's title (see
    :data:`NEST_LEVELS`).
    """
    for node, depth, head in nested_walk(m, [top], level, nest, 1):
        if head is not None:
            lines += ["", _title(m, head)]
        if depth == 0:
            lines.append(_content(m, node))
            continue
        mark = (
            "+>"
            if node is top and level > 0
            else RELATION_MARKS[node.relation or Relation.SUPPORTS]
        )
        # A linked group's members are defined in the group's section, below.
        body = _title(m, node) if node.group is not None else _content(m, node)
        lines.append(f"{'  ' * depth}{mark} {body}")


EXPORTER = Exporter(
    "argdown", ".argdown", "Argdown text (statements, arguments, relations)", to_argdown
)
