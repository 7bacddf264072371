"""Argdown both ways: maps written as Argdown text, and the Argdown subset read back as maps."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final

from argmap.errors import MapFileError
from argmap.exporters import Exporter, RenderOptions
from argmap.interop import ImportResult
from argmap.interop.flowyaml import flow, load_flow, quote
from argmap.interop.graph import Edge, Element, GraphBuilder, default_kind
from argmap.model import ArgumentMap, Node, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["EXPORTER", "escape_text", "import_text", "to_argdown"]

_MARK: Final = {Relation.SUPPORTS: "+", Relation.ATTACKS: "-", Relation.UNDERCUTS: "_"}
_OUT_MARK: Final = {Relation.SUPPORTS: "+>", Relation.ATTACKS: "->", Relation.UNDERCUTS: "_>"}
_ALWAYS_ESCAPED: Final = frozenset("\\@#*_[]<>{}/")
_SIMPLE_TAG: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
_DATA_FIELDS: Final = (
    "quote",
    "citation",
    "source",
    "author",
    "added",
    "strength",
    "basis",
    "assessment",
    "note",
)
"""Node fields carried in a data block, in output order."""


# -- export ------------------------------------------------------------------------------------
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
    for name in _DATA_FIELDS:
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
    m: ArgumentMap, analysis: Analysis | None = None, options: RenderOptions | None = None
) -> str:
    """Return the map as Argdown text.

    The thesis is a statement ``[id]``, every other node an argument ``<id>`` nested
    under its parent with ``+`` (supports), ``-`` (attacks) or ``_`` (undercuts).
    Cross-links follow as ``<id>`` blocks with outgoing relations (``+>``, ``->``,
    ``_>``); each linked group is a heading whose section defines its co-premises.
    Fields Argdown has no syntax for go in a YAML data block ``{...}``.
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
    for node, level in m.walk_levels():
        indent = "  " * level
        if node.parent is None:
            lines.append(_content(m, node))
        elif node.group is not None:
            lines.append(f"{indent}{_MARK[node.relation or Relation.SUPPORTS]} {_title(m, node)}")
        else:
            lines.append(
                f"{indent}{_MARK[node.relation or Relation.SUPPORTS]} {_content(m, node)}"
            )
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


EXPORTER = Exporter(
    "argdown", ".argdown", "Argdown text (statements, arguments, relations)", to_argdown
)


# -- import ------------------------------------------------------------------------------------
_RELATION_RE: Final = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?=\s)")
_DEFINITION_RE: Final = re.compile(r"(\[|<)([^\]>]+?)(\]|>)(:?)")
_HEADING_RE: Final = re.compile(r"(#+) ")
_INCOMING: Final = {"+": Relation.SUPPORTS, "-": Relation.ATTACKS, "_": Relation.UNDERCUTS}
_KNOWN_KEYS: Final = frozenset({*_DATA_FIELDS, "kind", "text", "tags"})
_HEADER_KEYS: Final = ("title", "description", "source", "sources")


class _Scan:
    """One line of Argdown content: its text (unescaped), tags and data block."""

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


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.graph = GraphBuilder(path, "Argdown")
        self.lines = text.splitlines()
        self.header: dict[str, Any] = {}
        self.thesis: list[str] = []
        self.section: tuple[str, int] | None = None
        self.sections: dict[str, str] = {}
        self.titles: dict[tuple[str, str], str] = {}

    def run(self) -> ImportResult:
        index = self.front_matter()
        stack: list[tuple[int, str]] = []
        previous: str | None = None
        while index < len(self.lines):
            lineno = index + 1
            raw = self.lines[index]
            index += 1
            stripped = raw.strip()
            if not stripped:
                stack, previous = [], None  # an empty line ends the block
                continue
            if stripped.startswith("//"):
                continue
            indent = len(raw) - len(raw.lstrip(" \t"))
            heading = _HEADING_RE.match(raw)
            if heading and not stack:
                scan = _Scan(raw[heading.end() :])
                data = self.data(scan, lineno)
                group = data.get("group")
                self.section = (str(group) if group else scan.text or f"line-{lineno}", lineno)
                continue
            if stripped.startswith(("(", "--", "* ")) or re.match(r"\d+\.\s", stripped):
                self.graph.warn(
                    lineno,
                    "premise-conclusion structures, inferences and lists are not supported; "
                    "skipped",
                    indent + 1,
                )
                continue
            relation = _RELATION_RE.match(stripped)
            body = stripped[relation.end() :].lstrip() if relation else stripped
            key = self.element(
                body, lineno, indent + 1, continues=previous if not relation else None
            )
            if key is None:
                continue
            if relation is None:
                stack, previous = [(indent, key)], key
                continue
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if not stack:
                self.graph.warn(
                    lineno, "relation without an element above it; skipped", indent + 1
                )
                continue
            self.relate(relation.group(1), stack[-1][1], key, lineno, indent + 1)
            stack.append((indent, key))
            previous = key
        for edge in self.graph.edges:
            if edge.relation is Relation.SUPPORTS and edge.source in self.sections:
                edge.group = self.sections[edge.source]
        header = {k: v for k, v in self.header.items() if k in _HEADER_KEYS}
        header.setdefault("title", PurePath(self.path).stem or "Imported Argdown")
        thesis = self.thesis[0] if len(self.thesis) == 1 else None
        m, warnings = self.graph.build(header, thesis=thesis)
        return ImportResult(m, warnings)

    def front_matter(self) -> int:
        first = next((i for i, line in enumerate(self.lines) if line.strip()), None)
        if first is None or not self.lines[first].strip().startswith("==="):
            return 0
        for end in range(first + 1, len(self.lines)):
            if self.lines[end].strip().startswith("==="):
                try:
                    data = load_flow("\n".join(self.lines[first + 1 : end]))
                except ValueError as exc:
                    raise MapFileError(
                        self.path, f"invalid front matter: {exc}", line=first + 1, column=1
                    ) from None
                if isinstance(data, dict):
                    for key, value in data.items():
                        if key in _HEADER_KEYS:
                            self.header[str(key)] = value
                        else:
                            line = next(
                                (
                                    i + 1
                                    for i in range(first + 1, end)
                                    if self.lines[i].startswith(f"{key}:")
                                ),
                                first + 1,
                            )
                            self.graph.warn(line, f"front matter key {key!r} ignored")
                return end + 1
        raise MapFileError(
            self.path, "front matter opened with '===' is never closed", line=first + 1, column=1
        )

    def data(self, scan: _Scan, lineno: int) -> dict[str, Any]:
        for what in scan.unsupported:
            self.graph.warn(lineno, f"{what} is not supported; the rest of the line is skipped")
        if scan.data is None:
            return {}
        try:
            data = load_flow(scan.data)
        except ValueError as exc:
            self.graph.warn(lineno, f"invalid data block ({exc}); ignored")
            return {}
        if not isinstance(data, dict):
            self.graph.warn(lineno, "a data block must be a mapping {key: value}; ignored")
            return {}
        return data

    def element(self, body: str, lineno: int, column: int, *, continues: str | None) -> str | None:
        match = _DEFINITION_RE.match(body)
        if match is None or (match.group(1) == "[") != (match.group(3) == "]"):
            if continues is not None:
                extra = _Scan(body).text
                element = self.graph.elements[continues]
                element.text = f"{element.text} {extra}".strip()
                return None
            match = None
        if match is None:
            title, statement, rest, defined = "", True, body, True
        else:
            title, statement = match.group(2).strip(), match.group(1) == "["
            rest, defined = body[match.end() :], bool(match.group(4))
        scan = _Scan(rest)
        data = self.data(scan, lineno)
        if not title:
            title = scan.text
        if not title:
            self.graph.warn(lineno, "empty element; skipped", column)
            return None
        key = self.key(title, statement)
        fields: dict[str, Any] = {}
        kind: NodeKind | None = None
        for name, value in data.items():
            if name == "kind":
                try:
                    kind = NodeKind(value)
                except ValueError:
                    self.graph.warn(lineno, f"unknown kind {value!r}; ignored", column)
            elif name in _KNOWN_KEYS and name not in ("text", "tags"):
                fields[name] = value
            elif name not in _KNOWN_KEYS:
                self.graph.warn(lineno, f"data key {name!r} ignored", column)
        tags = data.get("tags", scan.tags)
        if tags:
            fields["tags"] = tags if isinstance(tags, list) else [tags]
        text = str(data["text"]) if "text" in data else (scan.text if defined else "")
        if kind is NodeKind.THESIS:
            self.thesis.append(key)
            kind = None
        self.graph.add(Element(key, text, fields, kind, lineno))
        if defined and self.section is not None and key not in self.sections:
            self.sections[key] = self.section[0]
        return key

    def key(self, title: str, statement: bool) -> str:
        kind = "statement" if statement else "argument"
        other = "argument" if statement else "statement"
        if (kind, title) not in self.titles:
            clash = (other, title) in self.titles
            self.titles[(kind, title)] = f"{title} ({kind})" if clash else title
        return self.titles[(kind, title)]

    def relate(self, mark: str, parent: str, child: str, lineno: int, column: int) -> None:
        order = (lineno,)
        if mark == "><":
            self.graph.warn(lineno, "contradictions (><) are not supported; skipped", column)
        elif mark.endswith(">"):
            self.graph.relate(Edge(parent, child, _INCOMING[mark[0]], order, lineno))
        else:
            relation = _INCOMING[mark[-1]]
            self.graph.relate(Edge(child, parent, relation, order, lineno))


def import_text(text: str, path: str) -> ImportResult:
    """Read Argdown text as a map.

    Supported: front matter (title, description, source, sources), statements
    ``[Title]: text``, arguments ``<Title>: text``, references, relations ``+ - _`` and
    ``<+ <- <_`` (child to parent) or ``+> -> _>`` (parent to child) nested by
    indentation, ``#tags``, data blocks ``{...}`` and headings (a heading's section is a
    linked group when it defines co-premises of one parent). Anything else is reported
    with its line number and skipped.

    Raises:
        MapFileError: broken front matter, no root claim, or several.
    """
    return _Reader(text, path).run()
