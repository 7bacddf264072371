"""Argdown import: statements, arguments, relations and premise-conclusion structures as a map."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Final

from argmap.interop import ImportOptions, ImportResult
from argmap.interop.argdown import RELATION_MARKS
from argmap.interop.argdown.data import element_data, read_data
from argmap.interop.argdown.frontmatter import DESCRIBING, described, front_matter
from argmap.interop.argdown.groups import GroupKeys, settle_groups
from argmap.interop.argdown.lines import Line, source_lines
from argmap.interop.argdown.pcs import (
    Inference,
    Structure,
    fold_restated,
    inference_line,
    settle,
    uses_of,
)
from argmap.interop.argdown.prose import take_prose
from argmap.interop.argdown.scan import DEFINITION_RE, LINK_RE, Scan, bare_mark, refuse_line
from argmap.interop.argdown.wordings import Wording, settle_wordings
from argmap.interop.graph import Edge, Element, GraphBuilder
from argmap.model import NodeKind, Relation

__all__ = ["ArgdownGraph", "import_text", "read_graph"]

_RELATION_RE: Final = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?=\s|$)")
_HEADING_RE: Final = re.compile(r"(#+) ")
_NUMBER_RE: Final = re.compile(r"\((\d+)\)")
_INCLUDE_RE: Final = re.compile(r"@include\([^)\n]*\)")
_LIST_RE: Final = re.compile(r"(?:\*|\d+\.)(?=\s)")
_INCOMING: Final = {mark: relation for relation, mark in RELATION_MARKS.items()}
_HEADER_KEYS: Final = ("title", "description", "source", "sources", *DESCRIBING)


@dataclass
class _Open:
    """An element whose text is still being read (it may go on over several lines)."""

    key: str
    line: int
    column: int
    parts: list[str]
    defined: bool
    statement: bool = True


@dataclass
class _Block:
    """What the paragraph being read has seen: the relation stack and the open element."""

    stack: list[tuple[int, str]] = field(default_factory=list)
    current: _Open | None = None
    first: bool = True
    heading: list[str] | None = None
    """A heading's lines (a heading runs to the end of its paragraph)."""
    line: int = 0


class _Reader:
    """Reads one Argdown file, line by line, into a graph of elements and relations."""

    def __init__(self, text: str, path: str, options: ImportOptions) -> None:
        self.path = path
        self.options = options
        self.graph = GraphBuilder(path, "Argdown", ids_from_text=True)
        self.text = text
        self.header: dict[str, Any] = {}
        self.thesis: list[str] = []
        self.group: str | None = None
        self.sections: dict[str, str] = {}
        self.titles: dict[tuple[str, str], str] = {}
        self.untitled = 0
        self.wordings: dict[str, list[Wording]] = {}
        self.block = _Block()
        self.last_argument: str | None = None
        self.pcs: Structure | None = None
        self.structures: list[Structure] = []
        self.inference: Inference | None = None
        self.group_keys = GroupKeys()

    # -- the file ---------------------------------------------------------------------------
    def run(self) -> ImportResult:
        self.read_all()
        fold_restated(self.structures, self.graph)
        header = described(self.header)
        prose = take_prose(self.graph, self.options.thesis)
        if prose:
            kept = [header["description"]] if header.get("description") else []
            header["description"] = "\n\n".join([*kept, *prose])
        header.setdefault("title", PurePath(self.path).stem or "Imported Argdown")
        thesis = self.thesis[0] if len(self.thesis) == 1 else None
        m, warnings = self.graph.build(header, thesis=thesis, options=self.options)
        return ImportResult(m, warnings)

    def read_all(self) -> None:
        """Read the whole file into the graph: elements, their texts, every relation."""
        start, self.header = front_matter(self.text, self.path, self.graph, _HEADER_KEYS)
        for line in source_lines(self.text, start):
            self.read(line)
        self.end_block()
        settle_wordings(self.graph, self.wordings)
        for structure in settle_groups(self.structures, self.graph, self.group_keys):
            self.settle_structure(structure)
        for edge in self.graph.edges:
            if edge.relation is Relation.SUPPORTS and edge.group is None:
                edge.group = self.sections.get(edge.source)

    def read(self, line: Line) -> None:
        """Read one line: it ends a paragraph, starts an element, or goes on with one."""
        if line.blank:
            self.end_block()
            return
        text, column = line.text, line.indent + 1
        if _INCLUDE_RE.fullmatch(text):
            self.graph.warn_kind(
                "@include(...) lines are skipped: argmap reads one file; paste the included "
                "file in, or import it on its own",
                line.number,
                column,
                item=repr(text),
            )
        elif self.inference is not None:
            self.inference_goes_on(text)
        elif self.block.heading is not None:
            self.block.heading.append(text)
        elif self.block.first and _HEADING_RE.match(text):
            self.block.heading, self.block.line = [text], line.number
        elif number := _NUMBER_RE.match(text):
            self.pcs_statement(int(number.group(1)), text[number.end() :], line)
        elif self.pcs is not None and text.startswith("--"):
            self.inference_starts(text, line.number)
        elif item := _LIST_RE.match(text):
            self.block.stack = [(line.indent, self.start(text[item.end() :], line.number, column))]
            self.graph.warn_kind("list items are read as statements of their own", line.number)
        elif relation := _RELATION_RE.match(text):
            self.related(relation, line)
        elif self.block.first or self.block.current is None:
            self.top(text, line)
        else:
            current = self.block.current
            title = self.graph.elements[current.key].title
            refuse_line(self.path, line, title, current.statement, bare=not current.defined)
            current.parts.append(text)

    def top(self, text: str, line: Line) -> None:
        """An element that starts a paragraph: its relations follow, indented, below it."""
        first = self.block.first
        key = self.start(text, line.number, line.indent + 1)
        self.block.stack = [(line.indent, key)]
        if first:
            current = self.block.current
            self.last_argument = key if current is not None and not current.statement else None

    def related(self, relation: re.Match[str], line: Line) -> None:
        """A relation line: the element after the mark, related to the one it is nested under."""
        text, indent, stack = line.text, line.indent, self.block.stack
        if not (body := text[relation.end() :].lstrip()):
            if not stack:  # after an empty line, under nothing: Argdown refuses it too
                raise bare_mark(self.path, line, relation.group(1))
            self.graph.warn_kind(  # Argdown relates an empty statement: there is nothing to say
                "relation marks with no element after them are left out (Argdown relates an "
                "empty statement)",
                line.number,
                line.indent + 1,
            )
            return
        level = indent
        if len(stack) > 1 and indent <= stack[-1][0]:
            # Back out as Argdown does: to the deepest level at or above this indent,
            # whose element is a sibling (an indent between two levels counts as the upper).
            while len(stack) > 1 and stack[-1][0] > indent:
                stack.pop()
            if len(stack) > 1:
                level = stack.pop()[0]
        parent = stack[-1][1] if stack else None
        key = self.start(body, line.number, indent + 1)
        if parent is None:
            self.graph.warn_kind(
                "a relation with no element above it (after an empty line); its element is "
                "read without it",
                line.number,
                indent + 1,
            )
            self.block.stack = [(indent, key)]
            return
        self.relate(relation.group(1), parent, key, line.number, indent + 1)
        stack.append((level, key))

    def end_block(self) -> None:
        self.finish()
        if self.block.heading is not None:
            self.heading("\n".join(self.block.heading), self.block.line)
        if self.pcs is not None:
            self.structures.append(self.pcs)
            self.pcs = None
        self.block = _Block()

    # -- elements ---------------------------------------------------------------------------
    def start(self, body: str, lineno: int, column: int) -> str:
        """Begin an element (``[Title]: text``, ``<Title>``, or plain text); return its key."""
        self.finish()
        self.block.first = False
        body = body.lstrip()
        match = None if LINK_RE.match(body) else DEFINITION_RE.match(body)
        if match is not None and (match.group(1) == "[") == (match.group(3) == "]"):
            title, statement = match.group(2).strip(), match.group(1) == "["
            rest = body[match.end() :]
            defined = bool(match.group(4)) or bool(rest.strip())
            key = self.key(title, statement)
            self.graph.add(Element(key, "", line=lineno, title=title))
        else:
            statement, rest, defined = True, body, True
            self.untitled += 1
            key = self.unique(f"Untitled {self.untitled}")
            self.graph.add(Element(key, "", line=lineno))
        self.block.current = _Open(key, lineno, column, [rest], defined, statement)
        return key

    def unique(self, key: str) -> str:
        while key in self.graph.elements:
            key += "'"
        return key

    def finish(self) -> None:
        """Close the open element: scan its text, tags and data block."""
        current, self.block.current = self.block.current, None
        if current is None:
            return
        scan = Scan("\n".join(current.parts))
        data = self.data(scan, current.line)
        self.group_keys.take(data, current.key, not current.statement, current.line)
        element = self.graph.elements[current.key]
        kind = element_data(element, data, self.graph, (current.line, current.column))
        tags = data.get("tags", scan.tags)
        if tags:
            known = list(element.fields.get("tags", []))
            for tag in tags if isinstance(tags, list) else [tags]:
                if tag not in known:  # each once: ``#a #a`` is one tag, as in Argdown
                    known.append(tag)
            element.fields["tags"] = known
        wording = (
            Wording(str(data["text"]), current.line)
            if "text" in data
            else Wording(scan.text, current.line, scan.addressed, tuple(scan.links))
        )
        if current.defined and wording.text:
            self.wordings.setdefault(current.key, []).append(wording)
        if kind is NodeKind.THESIS:
            self.thesis.append(current.key)
        elif kind is not None:
            element.kind = element.kind or kind
        if current.defined and self.group is not None:
            self.sections.setdefault(current.key, self.group)
        if "uses" in data:
            self.conclusion_uses(current.key, data["uses"], current.line)

    def conclusion_uses(self, key: str, value: Any, lineno: int) -> None:
        """``{uses: [1, 2]}`` on a conclusion: the premises of the inference above it."""
        pcs = self.pcs
        if pcs is not None and pcs.inferences and pcs.statements:
            inference = pcs.inferences[-1]
            if pcs.statements[-1][1] == key and inference.after == len(pcs.statements) - 1:
                inference.uses = uses_of(value) or inference.uses
                return
        self.graph.warn_kind("'uses' outside a premise-conclusion structure is ignored", lineno)

    def key(self, title: str, statement: bool) -> str:
        kind = "statement" if statement else "argument"
        other = "argument" if statement else "statement"
        if (kind, title) not in self.titles:
            clash = (other, title) in self.titles
            self.titles[(kind, title)] = f"{title} ({kind})" if clash else title
        return self.titles[(kind, title)]

    def data(self, scan: Scan, lineno: int) -> dict[str, Any]:
        return read_data(scan, self.graph, lineno)

    def relate(self, mark: str, parent: str, child: str, lineno: int, column: int) -> None:
        order = (lineno,)
        if mark == "><":
            self.graph.warn_kind(
                "contradictions (><) are not kept: a map has no symmetric relation", lineno, column
            )
        elif mark.endswith(">"):
            self.graph.relate(Edge(parent, child, _INCOMING[mark[0]], order, lineno))
        else:
            relation = _INCOMING[mark[-1]]
            self.graph.relate(Edge(child, parent, relation, order, lineno))

    # -- headings, front matter -------------------------------------------------------------
    def heading(self, text: str, lineno: int) -> None:
        """A heading: a linked group when its data names one, else a section argmap cannot hold."""
        data = self.data(Scan(text.lstrip("#")), lineno)
        group = data.get("group")
        self.group = str(group) if group not in (None, "") else None
        if self.group is None:
            self.graph.warn_kind("headings are not kept (a map has no sections)", lineno)

    # -- premise-conclusion structures ------------------------------------------------------
    def pcs_statement(self, number: int, body: str, line: Line) -> None:
        """``(1) text``: a statement of an argument's premise-conclusion structure."""
        self.finish()
        if self.pcs is None:
            argument = self.last_argument
            if argument is None:
                self.untitled += 1
                argument = self.unique(f"Untitled {self.untitled}")
                self.graph.add(Element(argument, "", line=line.number))
            self.pcs = Structure(argument, line.number)
            self.last_argument = None
        key = self.start(body, line.number, line.indent + 1)
        self.pcs.statements.append((number, key, line.number))
        self.block.stack = [(line.indent, key)]

    def inference_starts(self, text: str, lineno: int) -> None:
        self.finish()
        assert self.pcs is not None
        inference = inference_line(text, lineno, len(self.pcs.statements))
        self.pcs.inferences.append(inference)
        self.block.stack = []
        if not inference.closed:
            self.inference = inference
        self.inference_data(inference)

    def inference_goes_on(self, text: str) -> None:
        assert self.inference is not None
        inference = self.inference
        if text.rstrip().endswith("--"):
            text = text.rstrip().rstrip("-")
            self.inference = None
        inference.rule = f"{inference.rule} {text.strip()}".strip()
        self.inference_data(inference)

    def inference_data(self, inference: Inference) -> None:
        scan = Scan(inference.rule)
        if scan.data is not None:
            data = self.data(scan, inference.line)
            inference.uses = uses_of(data.get("uses"))
            inference.data = {str(k): v for k, v in data.items() if k != "uses"}
            inference.rule = scan.addressed

    def settle_structure(self, structure: Structure) -> None:
        """Supports inside the structure; the argument's own relations move to its conclusion."""
        before = len(self.graph.edges)
        main = settle(structure, self.graph)
        if main is None:
            return
        for edge in self.graph.edges[:before]:
            if edge.source == structure.argument and edge.target != main:
                edge.source = main


@dataclass(frozen=True)
class ArgdownGraph:
    """What an Argdown file says, before it becomes a tree: for checks against Argdown's own."""

    elements: dict[str, Element]
    """By key: the title (``Title (argument)`` when a statement has the same), or
    ``Untitled N`` numbered as Argdown numbers untitled statements and arguments."""
    edges: list[Edge]
    titles: dict[tuple[str, str], str]
    """``("statement" | "argument", title)`` -> key."""


def read_graph(text: str, path: str) -> ArgdownGraph:
    """Read Argdown text into its elements and relations, without building a map."""
    reader = _Reader(text, path, ImportOptions())
    reader.read_all()
    return ArgdownGraph(reader.graph.elements, reader.graph.edges, reader.titles)


def import_text(text: str, path: str, options: ImportOptions | None = None) -> ImportResult:
    """Read Argdown text as a map.

    Read: front matter (title, description, source, sources; subtitle, abstract, author
    and date into the description), statements ``[Title]: text`` and arguments
    ``<Title>: text`` over as many lines as they run, references, untitled statements,
    relations ``+ - _ <+ <- <_`` (child to parent) and ``+> -> _>`` (parent to child)
    nested by indentation, ``#tags`` (each once), data blocks ``{...}`` (keys with no
    node field into the note), premise-conclusion structures (premises support their
    argument, which supports its conclusion; inference rules into the note) and headings
    whose data names a linked group ``{group: ...}``. Titles become ids where they are
    valid ids. What a map cannot hold (contradictions, other headings, list items,
    drawing settings, ``@include`` lines) is reported once per kind, with the lines
    where it occurs.

    Raises:
        MapFileError: broken front matter, no root claim, or several (without a choice in
            ``options``).
        OptionMisuseError: a ``--thesis`` that names no claim, or several.
    """
    return _Reader(text, path, options or ImportOptions()).run()
