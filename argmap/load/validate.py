"""Validation of parsed map files into an ``ArgumentMap``: every problem at once, each located."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import BaseModel, ValidationError

from argmap.deep import paused_gc
from argmap.errors import Issue, MapValidationError
from argmap.load.ids import slugify, unique_id
from argmap.load.mapfile import (
    CHILD_KEYS,
    ENTRY_MODELS,
    KEY_KIND,
    LinkedHeader,
    LinkEntry,
    MapHeader,
)
from argmap.load.messages import (
    display_path,
    lone_surrogates,
    misplaced_children,
    pydantic_findings,
    show_value,
)
from argmap.load.parse import ParsedFile
from argmap.load.tree import EntryPaths, YamlPath
from argmap.model import (
    ArgumentMap,
    Node,
    NodeKind,
    Outlet,
    Problem,
    Relation,
    structure_problems,
)
from argmap.model.vocabulary import DEFAULT_RELATION

__all__ = ["validate_data", "validate_parsed", "validate_with_paths"]

_ESCAPE: Final = re.compile(r"\\[uU]")
"""How a lone surrogate gets into a map: a ``\\u`` escape (in JSON or double-quoted YAML)."""

_TAKEN: Final[dict[str, Any]] = {}


@dataclass(slots=True)
class _Pending:
    steps: YamlPath
    """The entry's path below its parent's entry (from the root for the thesis); whole
    paths are built only for messages, so a deep chain costs no more than a wide map."""
    kind: NodeKind
    fields: dict[str, Any]
    parent: int | None
    relation: Relation | None
    group: int | None
    links: list[tuple[str, Relation | None]] = field(default_factory=list)
    id: str | None = None


@dataclass(slots=True)
class _Group:
    parent: int
    steps: YamlPath
    id: str | None
    members: list[int] = field(default_factory=list)


class _Validator:
    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.issues: list[Issue] = []
        self.pending: list[_Pending] = []
        self.groups: list[_Group] = []

    # -- reporting -----------------------------------------------------------------------
    def path_of(self, index: int | None, *more: str | int) -> YamlPath:
        """The whole path of entry ``index`` (None: the root), then ``more``."""
        parts: list[YamlPath] = [more]
        while index is not None:
            entry = self.pending[index]
            parts.append(entry.steps)
            index = entry.parent
        return tuple(step for part in reversed(parts) for step in part)

    def report(self, path: YamlPath, message: str, *, key: bool = False, code: str = "") -> None:
        line, col = self.parsed.positions.locate(path, key=key)
        where = display_path(path)
        text = f"{where}: {message}" if where else message
        self.issues.append(Issue(self.parsed.path, line, col, text, code or "invalid"))

    def report_pydantic(
        self, path: YamlPath, exc: ValidationError, model: type[BaseModel]
    ) -> set[str]:
        """Report each pydantic error at its YAML node; return the top-level fields at fault."""
        for finding in pydantic_findings(exc, model):
            self.report(path + finding.path, finding.message, key=finding.key, code=finding.code)
        return {str(err["loc"][0]) for err in exc.errors() if err["loc"]}

    # -- walking ---------------------------------------------------------------------------
    def run(self) -> ArgumentMap:
        data: dict[str, Any] = self.parsed.data
        if not self.parsed.text or _ESCAPE.search(self.parsed.text):
            # A lone surrogate comes only from an escape (UTF-8 text cannot hold one).
            self.check_strings(data)
        header_fields = {k: v for k, v in data.items() if k != "thesis"}
        header = self.header(header_fields)
        if "thesis" not in data:
            self.report((), "missing 'thesis'; add the root claim under 'thesis:'", code="missing")
        else:
            self.walk(data["thesis"])
        nodes = self.assemble()
        sources = header.get("sources", {})
        shell = ArgumentMap.model_construct(
            title=header.get("title", "?"), sources=sources, nodes=tuple(nodes)
        )
        if nodes:
            for problem in structure_problems(shell):
                self.report_problem(problem, nodes)
        if self.issues:
            unique = sorted(set(self.issues), key=lambda i: (i.line, i.column, i.message))
            raise MapValidationError(self.parsed.path, unique)
        # Every field and rule is checked above: build the map without checking it again.
        return ArgumentMap.model_construct(
            title=header["title"],
            description=header.get("description"),
            source=header.get("source"),
            sources=sources,
            nodes=tuple(nodes),
        )

    def check_strings(self, data: Any) -> None:
        """Report every key or string holding a lone surrogate (iteratively, any depth)."""
        for path, message, key in lone_surrogates(data):
            self.report(path, message, key=key, code="type")

    def header(self, fields: dict[str, Any]) -> dict[str, Any]:
        try:
            model = MapHeader.model_validate(fields)
        except ValidationError as exc:
            self.report_pydantic((), exc, MapHeader)
            # Keep what is usable so node checks still run (e.g. known source keys).
            out: dict[str, Any] = {"title": fields.get("title") or "?"}
            raw_sources = fields.get("sources")
            if isinstance(raw_sources, dict):
                out["sources"] = {str(k): Outlet(name=str(k)) for k in raw_sources}
            return out
        return {
            "title": model.title,
            "description": model.description,
            "source": model.source,
            "sources": dict(model.sources),
        }

    def walk(self, thesis: Any) -> None:
        stack: list[tuple[Any, NodeKind, YamlPath, int | None, int | None]] = [
            (thesis, NodeKind.THESIS, ("thesis",), None, None)
        ]
        while stack:
            raw, kind, steps, parent, group = stack.pop()
            if not isinstance(raw, dict):
                got = show_value(raw)
                self.report(
                    self.path_of(parent, *steps),
                    f"expected a {kind.value} entry (a mapping with 'text'), got {got}",
                    code="type",
                )
                continue
            index = len(self.pending)
            self.pending.append(_Pending(steps, kind, {}, parent, None, group))
            self.entry(raw, index)
            if group is not None:
                self.groups[group].members.append(index)
            for key, items in reversed(self.child_lists(raw, kind, index)):
                for i in reversed(range(len(items))):
                    item = items[i]
                    if key == "premises" and isinstance(item, dict) and "linked" in item:
                        stack.extend(self.linked(item, (key, i), index))
                    else:
                        stack.append((item, KEY_KIND[key], (key, i), index, None))

    def child_lists(
        self, raw: dict[str, Any], kind: NodeKind, index: int
    ) -> list[tuple[str, list[Any]]]:
        out: list[tuple[str, list[Any]]] = []
        for key, value in raw.items():
            if key not in KEY_KIND:
                continue
            if key not in CHILD_KEYS[kind]:
                self.report(
                    self.path_of(index, key),
                    misplaced_children(key, kind),
                    key=True,
                    code="misplaced",
                )
            elif value is None:
                continue
            elif not isinstance(value, list):
                self.report(
                    self.path_of(index, key),
                    f"{key!r} must be a list; start each entry with '- '",
                    code="type",
                )
            else:
                out.append((key, value))
        return out

    def linked(
        self, item: dict[str, Any], steps: YamlPath, parent: int
    ) -> list[tuple[Any, NodeKind, YamlPath, int | None, int | None]]:
        header = {k: v for k, v in item.items() if k != "linked"}
        group_id: str | None = None
        try:
            group_id = LinkedHeader.model_validate(header).id
        except ValidationError as exc:
            self.report_pydantic(self.path_of(parent, *steps), exc, LinkedHeader)
        members = item["linked"]
        if not isinstance(members, list):
            where = self.path_of(parent, *steps, "linked")
            self.report(where, "'linked' must be a list of premises", code="type")
            return []
        if not members:
            self.report(
                self.path_of(parent, *steps, "linked"),
                "a linked group needs at least two premises (found 0)",
                code="linked-group",
            )
            return []
        self.groups.append(_Group(parent, steps, group_id))
        group = len(self.groups) - 1
        return [
            (members[j], NodeKind.PREMISE, (*steps, "linked", j), parent, group)
            for j in reversed(range(len(members)))
        ]

    def entry(self, raw: dict[str, Any], index: int) -> None:
        """Check one entry's own fields (once: the node is made from what this checks)."""
        pending = self.pending[index]
        kind = pending.kind
        fields = {k: v for k, v in raw.items() if k not in KEY_KIND and k != "links"}
        model = ENTRY_MODELS[kind]
        pending.links = self.links(raw.get("links"), index, kind)
        try:
            validated = model.model_validate(fields)
        except ValidationError as exc:
            bad = self.report_pydantic(self.path_of(index), exc, model)
            kept = {k: v for k, v in fields.items() if k not in bad and k in model.model_fields}
            kept.setdefault("text", "?")
            try:
                validated = model.model_validate(kept)
            except ValidationError:
                validated = model.model_validate({"text": "?"})
        values = dict(validated.__dict__)
        del values["links"]
        pending.relation = DEFAULT_RELATION[kind]
        if values.pop("undercut", False):
            pending.relation = Relation.UNDERCUTS
        pending.id = values.pop("id")
        if values["tags"]:
            values["tags"] = tuple(values["tags"])
        else:
            del values["tags"]
        pending.fields = values

    def links(self, raw: Any, index: int, kind: NodeKind) -> list[tuple[str, Relation | None]]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.report(
                self.path_of(index, "links"),
                "'links' must be a list of ids or {to, relation} entries",
                code="type",
            )
            return []
        out: list[tuple[str, Relation | None]] = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                item = {"to": item}
            if not isinstance(item, dict):
                self.report(
                    self.path_of(index, "links", i),
                    f"a link is an id or {{to, relation}}, got {show_value(item)}",
                    code="type",
                )
                continue
            try:
                link = LinkEntry.model_validate(item)
            except ValidationError as exc:
                self.report_pydantic(self.path_of(index, "links", i), exc, LinkEntry)
                continue
            out.append((link.to, link.relation))
        return out

    # -- assembling ------------------------------------------------------------------------
    def assemble(self) -> list[Node]:
        taken = {p.id for p in self.pending if p.id} | {g.id for g in self.groups if g.id}
        ids: list[str] = []
        counters: dict[str, int] = {}  # many nodes of one text: each search goes on from the last
        for entry in self.pending:
            if entry.id is None:
                text = str(entry.fields.get("text", ""))
                entry.id = unique_id(slugify(text), taken, counters)
            ids.append(entry.id)
        group_ids: list[str] = []
        for group in self.groups:
            if group.id is None:
                first = ids[group.members[0]] if group.members else "group"
                group.id = unique_id(f"{first}-group", taken, counters)
            group_ids.append(group.id)
        # Each field was checked by its entry model; checking the typed values again in
        # pydantic's core costs less than building the nodes unchecked in Python.
        validate_node = Node.model_validate
        nodes: list[Node] = []
        for entry in self.pending:
            default = DEFAULT_RELATION[entry.kind]
            record = entry.fields
            entry.fields = _TAKEN  # the node holds them now: free the copy as we go
            record["id"] = entry.id
            record["kind"] = entry.kind
            record["parent"] = None if entry.parent is None else ids[entry.parent]
            record["relation"] = entry.relation
            record["group"] = None if entry.group is None else group_ids[entry.group]
            if entry.links:
                record["links"] = [
                    {"to": to, "relation": rel or default or Relation.SUPPORTS}
                    for to, rel in entry.links
                ]
            try:
                nodes.append(validate_node(record))
            except ValidationError:
                nodes.append(Node.model_construct(**record))
        return nodes

    def report_problem(self, problem: Problem, nodes: list[Node]) -> None:
        if problem.position is None:
            self.report(("thesis",), problem.message, code="structure")
            return
        entry = self.pending[problem.position]
        path = self.path_of(problem.position)
        key = False
        message = problem.message
        name = problem.field or ""
        if name.startswith("links."):
            path = (*path, "links", int(name.split(".")[1]))
        elif name == "group" and entry.group is not None:
            group = self.groups[entry.group]
            path = self.path_of(group.parent, *group.steps)
        elif name in ("id", "source", "basis", "undercut"):
            path = (*path, name)
            key = name in ("id", "undercut")
        if message.startswith("duplicate id"):
            first = next(i for i, n in enumerate(nodes) if n.id == nodes[problem.position].id)
            line, _ = self.parsed.positions.locate(self.path_of(first, "id"))
            message += f" (first used at line {line})" if line else ""
        code = "cycle" if "cycle" in message else "structure"
        self.report(path, message, key=key, code=code)


def validate_parsed(parsed: ParsedFile) -> ArgumentMap:
    """Validate a parsed map file.

    Raises:
        MapValidationError: with every problem, each at its line and column.
    """
    with paused_gc():
        return _Validator(parsed).run()


def validate_with_paths(parsed: ParsedFile) -> tuple[ArgumentMap, EntryPaths]:
    """Validate a parsed map file and say where each node's entry sits in it.

    Returns:
        The map, and node id -> YAML path of its entry, e.g. ``("thesis", "premises", 0)``.

    Raises:
        MapValidationError: with every problem, each at its line and column.
    """
    validator = _Validator(parsed)
    with paused_gc():
        m = validator.run()
    entries = validator.pending
    ids = {entry.id: i for i, entry in enumerate(entries) if entry.id}
    return m, EntryPaths(ids, [e.parent for e in entries], [e.steps for e in entries])


def validate_data(data: dict[str, Any], path: str = "<map>") -> ArgumentMap:
    """Validate map data already in memory (the nested file structure, as dicts and lists).

    Raises:
        MapValidationError: with every problem (no line numbers: there is no file).
    """
    return validate_parsed(ParsedFile(path, "", data, {}))
