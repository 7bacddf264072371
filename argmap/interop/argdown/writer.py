"""Argdown export: a map written as Argdown text, with a data block for what Argdown cannot say."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from enum import Enum
from itertools import groupby
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


def _data(m: ArgumentMap, node: Node, firsts: Set[str]) -> dict[str, Any]:
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
    cut = _cut_premises(m, node)
    if any(premise not in firsts for premise in cut):
        data["undercuts"] = cut[0] if len(cut) == 1 else cut
    return data


def _cut_premises(m: ArgumentMap, node: Node) -> list[str]:
    """The co-premises whose links ``node`` undercuts: its parent's, then its links', in order.

    Written out (``{undercuts: ...}``) when one is not its group's first: Argdown undercuts
    the group's argument, and the import hangs the undercutter under the first co-premise
    unless told otherwise.
    """
    targets = [node.parent] if node.relation is Relation.UNDERCUTS and node.parent else []
    targets += [link.to for link in node.links if link.relation is Relation.UNDERCUTS]
    return [target for target in targets if m.get(target).group is not None]


def _content(m: ArgumentMap, node: Node, firsts: Set[str]) -> str:
    """``[id]: text #tags {data}`` (the thesis) or ``<id>: text #tags {data}``."""
    text = escape_text(node.text) if _is_plain(node.text) else _visible(node.text)
    parts = [f"{_title(m, node)}: {text}"]
    if node.tags and all(_SIMPLE_TAG.match(tag) for tag in node.tags):
        parts.extend(f"#{tag}" for tag in node.tags)
    data = _data(m, node, firsts)
    if data:
        parts.append(flow(data))
    return " ".join(parts)


def _title(m: ArgumentMap, node: Node) -> str:
    """``[id]`` for a statement (the thesis, a co-premise of a linked group), else ``<id>``."""
    return f"[{node.id}]" if node.parent is None or node.group is not None else f"<{node.id}>"


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
    A linked group is one argument ``<group>`` supporting its claim, with a
    premise-conclusion structure: its co-premises as numbered statements ``[id]`` (each
    with its branch nested under it), the inference line, the claim as conclusion. An
    undercut of a co-premise's link undercuts that argument (``_`` under ``<group>``;
    ``{undercuts: id}`` names the co-premise when it is not the first).
    A conclusion drawn from the thesis (or from another conclusion) follows as a block
    where its source supports it, ``[thesis]`` then ``+> <conclusion>``, with its own
    objections nested under it and ``{kind: conclusion}`` in its data.
    Cross-links follow as ``<id>`` blocks with outgoing relations (``+>``, ``->``,
    ``_>``). Fields Argdown has no syntax for go in a YAML data block ``{...}``.
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
    groups = m.groups()
    firsts = frozenset(members[0].id for members in groups.values())
    _write(m, [m.thesis], 0, nest, firsts, lines)
    for conclusion in conclusion_nodes(m):
        lines += ["", _title(m, m.get(conclusion.parent or ""))]
        _write(m, [conclusion], 1, nest, firsts, lines, outgoing=conclusion)
    for group, members in groups.items():
        _group(m, group, members, nest, firsts, lines)
    for node in m.nodes:
        if node.links:
            lines += ["", _title(m, node)]
            for link in node.links:
                target = m.get(link.to)
                cut = link.relation is Relation.UNDERCUTS and target.group is not None
                ref = f"<{target.group}>" if cut else _title(m, target)
                lines.append(f"  {_OUT_MARK[link.relation]} {ref}")
    return "\n".join(lines) + "\n"


def _group(
    m: ArgumentMap, group: str, members: list[Node], nest: int, firsts: Set[str], lines: list[str]
) -> None:
    """A linked group: the argument ``<group>`` and its premise-conclusion structure.

    Each co-premise's branch is nested under it, up to its first undercutter; the
    undercutters follow under ``<group>``, each child after one in a block of its own
    (``<group>`` or ``[co-premise]``), so the file keeps every node's children in order.
    """
    lines += ["", f"<{group}> {flow({'group': group})}", ""]
    later: list[str] = []
    rests: list[tuple[Node, list[Node]]] = []
    for number, member in enumerate(members, 1):
        lines.append(f"({number}) {_content(m, member, firsts)}")
        kids = m.children(member.id)
        cut = next((i for i, k in enumerate(kids) if k.relation is Relation.UNDERCUTS), len(kids))
        _write(m, kids[:cut], 1, nest, firsts, lines, later)
        rests.append((member, kids[cut:]))
    parent = m.get(members[0].parent or "")
    lines += ["----", f"({len(members) + 1}) {_conclusion(m, parent)}", *later]
    block = ("", 0)  # the last block's head and where it ends: the next run may go on in it
    for member, kids in rests:
        for undercuts, run in groupby(kids, key=lambda k: k.relation is Relation.UNDERCUTS):
            head = f"<{group}>" if undercuts else _title(m, member)
            if block != (head, len(lines)):
                lines += ["", head]
            start = len(lines)
            _write(m, list(run), 1, nest, firsts, lines)
            # A branch deeper than ``nest`` went on in blocks of its own: the last is not this.
            block = (head, len(lines)) if "" not in lines[start:] else ("", 0)


def _conclusion(m: ArgumentMap, claim: Node) -> str:
    """A group's conclusion: the claim it supports, ``[id]``, or an argument's words."""
    if claim.parent is None or claim.group is not None:
        return _title(m, claim)
    return escape_text(claim.text) if _is_plain(claim.text) else _visible(claim.text)


def _write(
    m: ArgumentMap,
    tops: list[Node],
    level: int,
    nest: int,
    firsts: Set[str],
    lines: list[str],
    later: list[str] | None = None,
    *,
    outgoing: Node | None = None,
) -> None:
    """Write ``tops`` on ``level`` (0: the thesis's line) and their branches.

    ``outgoing`` is written with ``+>`` (a conclusion, under what it is drawn from). A
    linked group's first co-premise is written as ``+ <group>`` and the others not (the
    group's section defines them). A branch deeper than ``nest`` continues in blocks headed
    by a node's title (see :data:`NEST_LEVELS`), in ``later`` when given.
    """
    out = lines
    for node, depth, head in nested_walk(m, tops, level, nest, 1, _is_member):
        if head is not None:
            out = lines if later is None else later
            out += ["", _title(m, head)]
        if depth == 0:
            out.append(_content(m, node, firsts))
        elif node.group is not None:
            if node.id in firsts:
                out.append(f"{'  ' * depth}+ <{node.group}>")
        else:
            mark = "+>" if node is outgoing else RELATION_MARKS[node.relation or Relation.SUPPORTS]
            out.append(f"{'  ' * depth}{mark} {_content(m, node, firsts)}")


def _is_member(node: Node) -> bool:
    return node.group is not None


EXPORTER = Exporter(
    "argdown", ".argdown", "Argdown text (statements, arguments, relations)", to_argdown
)
