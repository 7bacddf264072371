"""Argdown import: the Argdown subset argmap reads (statements, arguments, relations) as a map."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any, Final

from argmap.errors import MapFileError
from argmap.interop import ImportResult
from argmap.interop.argdown import DATA_FIELDS, RELATION_MARKS
from argmap.interop.argdown.scan import Scan
from argmap.interop.flowyaml import load_flow
from argmap.interop.graph import Edge, Element, GraphBuilder
from argmap.model import NodeKind, Relation

__all__ = ["import_text"]

_RELATION_RE: Final = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?=\s)")
_DEFINITION_RE: Final = re.compile(r"(\[|<)([^\]>]+?)(\]|>)(:?)")
_HEADING_RE: Final = re.compile(r"(#+) ")
_INCOMING: Final = {mark: relation for relation, mark in RELATION_MARKS.items()}
_KNOWN_KEYS: Final = frozenset({*DATA_FIELDS, "kind", "text", "tags"})
_HEADER_KEYS: Final = ("title", "description", "source", "sources")


class _Reader:
    """Reads one Argdown file, line by line, into a graph of elements and relations."""

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
                scan = Scan(raw[heading.end() :])
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

    def data(self, scan: Scan, lineno: int) -> dict[str, Any]:
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
                extra = Scan(body).text
                element = self.graph.elements[continues]
                element.text = f"{element.text} {extra}".strip()
                return None
            match = None
        if match is None:
            title, statement, rest, defined = "", True, body, True
        else:
            title, statement = match.group(2).strip(), match.group(1) == "["
            rest, defined = body[match.end() :], bool(match.group(4))
        scan = Scan(rest)
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
