"""Validation of parsed map files into an ``ArgumentMap``: every problem at once, each located."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import BaseModel, ValidationError

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
    misplaced_children,
    pydantic_findings,
    show_value,
    surrogate_message,
)
from argmap.load.parse import ParsedFile
from argmap.load.tree import YamlPath
from argmap.model import (
    ArgumentMap,
    Node,
    NodeKind,
    Outlet,
    Problem,
    Relation,
    structure_problems,
)
from argmap.safetext import LONE_SURROGATE

__all__ = ["validate_data", "validate_parsed", "validate_with_paths"]

_DEFAULT_RELATION: Final = {
    NodeKind.THESIS: None,
    NodeKind.PREMISE: Relation.SUPPORTS,
    NodeKind.EVIDENCE: Relation.SUPPORTS,
    NodeKind.OBJECTION: Relation.ATTACKS,
    NodeKind.REBUTTAL: Relation.ATTACKS,
    NodeKind.CONCLUSION: None,
}


@dataclass
class _Pending:
    path: YamlPath
    kind: NodeKind
    fields: dict[str, Any]
    parent: int | None
    relation: Relation | None
    group: int | None
    links: list[tuple[str, Relation | None]] = field(default_factory=list)
    id: str | None = None


@dataclass
class _Group:
    path: YamlPath
    id: str | None
    members: list[int] = field(default_factory=list)


class _Validator:
    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.issues: list[Issue] = []
        self.pending: list[_Pending] = []
        self.groups: list[_Group] = []

    # -- reporting -----------------------------------------------------------------------
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
        return ArgumentMap(
            title=header["title"],
            description=header.get("description"),
            source=header.get("source"),
            sources=sources,
            nodes=tuple(nodes),
        )

    def check_strings(self, data: Any) -> None:
        """Report every key or string holding a lone surrogate (iteratively, any depth).

        A JSON or YAML escape of half a surrogate pair makes one; no UTF-8 file, page
        or drawing can hold it.
        """
        stack: list[tuple[Any, YamlPath]] = [(data, ())]
        while stack:
            value, path = stack.pop()
            if isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(key, str) and LONE_SURROGATE.search(key):
                        self.report((*path, key), surrogate_message(key), key=True, code="type")
                    stack.append((item, (*path, key)))
            elif isinstance(value, list):
                stack.extend((item, (*path, i)) for i, item in enumerate(value))
            elif isinstance(value, str) and LONE_SURROGATE.search(value):
                self.report(path, surrogate_message(value), code="type")

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
            raw, kind, path, parent, group = stack.pop()
            if not isinstance(raw, dict):
                got = show_value(raw)
                self.report(
                    path,
                    f"expected a {kind.value} entry (a mapping with 'text'), got {got}",
                    code="type",
                )
                continue
            index = len(self.pending)
            entry = self.entry(raw, kind, path, parent, group)
            self.pending.append(entry)
            if group is not None:
                self.groups[group].members.append(index)
            for key, items in reversed(self.child_lists(raw, kind, path)):
                for i in reversed(range(len(items))):
                    item = items[i]
                    item_path = (*path, key, i)
                    if key == "premises" and isinstance(item, dict) and "linked" in item:
                        stack.extend(self.linked(item, item_path, index))
                    else:
                        stack.append((item, KEY_KIND[key], item_path, index, None))

    def child_lists(
        self, raw: dict[str, Any], kind: NodeKind, path: YamlPath
    ) -> list[tuple[str, list[Any]]]:
        out: list[tuple[str, list[Any]]] = []
        for key, value in raw.items():
            if key not in KEY_KIND:
                continue
            if key not in CHILD_KEYS[kind]:
                self.report(
                    (*path, key), misplaced_children(key, kind), key=True, code="misplaced"
                )
            elif value is None:
                continue
            elif not isinstance(value, list):
                self.report(
                    (*path, key),
                    f"{key!r} must be a list; start each entry with '- '",
                    code="type",
                )
            else:
                out.append((key, value))
        return out

    def linked(
        self, item: dict[str, Any], path: YamlPath, parent: int
    ) -> list[tuple[Any, NodeKind, YamlPath, int | None, int | None]]:
        header = {k: v for k, v in item.items() if k != "linked"}
        group_id: str | None = None
        try:
            group_id = LinkedHeader.model_validate(header).id
        except ValidationError as exc:
            self.report_pydantic(path, exc, LinkedHeader)
        members = item["linked"]
        if not isinstance(members, list):
            self.report((*path, "linked"), "'linked' must be a list of premises", code="type")
            return []
        if not members:
            self.report(
                (*path, "linked"),
                "a linked group needs at least two premises (found 0)",
                code="linked-group",
            )
            return []
        self.groups.append(_Group(path, group_id))
        group = len(self.groups) - 1
        return [
            (members[j], NodeKind.PREMISE, (*path, "linked", j), parent, group)
            for j in reversed(range(len(members)))
        ]

    def entry(
        self,
        raw: dict[str, Any],
        kind: NodeKind,
        path: YamlPath,
        parent: int | None,
        group: int | None,
    ) -> _Pending:
        fields = {k: v for k, v in raw.items() if k not in KEY_KIND and k != "links"}
        model = ENTRY_MODELS[kind]
        links = self.links(raw.get("links"), (*path, "links"), kind)
        try:
            validated = model.model_validate(fields)
        except ValidationError as exc:
            bad = self.report_pydantic(path, exc, model)
            kept = {k: v for k, v in fields.items() if k not in bad and k in model.model_fields}
            kept.setdefault("text", "?")
            try:
                validated = model.model_validate(kept)
            except ValidationError:
                validated = model.model_validate({"text": "?"})
        values = validated.model_dump(exclude={"premises", "evidence", "objections", "rebuttals"})
        undercut = bool(values.pop("undercut", False))
        relation = _DEFAULT_RELATION[kind]
        if undercut:
            relation = Relation.UNDERCUTS
        explicit = values.pop("id")
        return _Pending(path, kind, values, parent, relation, group, links, explicit)

    def links(self, raw: Any, path: YamlPath, kind: NodeKind) -> list[tuple[str, Relation | None]]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.report(
                path, "'links' must be a list of ids or {to, relation} entries", code="type"
            )
            return []
        out: list[tuple[str, Relation | None]] = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                item = {"to": item}
            if not isinstance(item, dict):
                self.report(
                    (*path, i),
                    f"a link is an id or {{to, relation}}, got {show_value(item)}",
                    code="type",
                )
                continue
            try:
                link = LinkEntry.model_validate(item)
            except ValidationError as exc:
                self.report_pydantic((*path, i), exc, LinkEntry)
                continue
            out.append((link.to, link.relation))
        return out

    # -- assembling ------------------------------------------------------------------------
    def assemble(self) -> list[Node]:
        taken = {p.id for p in self.pending if p.id} | {g.id for g in self.groups if g.id}
        ids: list[str] = []
        for entry in self.pending:
            if entry.id is None:
                entry.id = unique_id(slugify(str(entry.fields.get("text", ""))), taken)
            ids.append(entry.id)
        group_ids: list[str] = []
        for group in self.groups:
            if group.id is None:
                first = ids[group.members[0]] if group.members else "group"
                group.id = unique_id(f"{first}-group", taken)
            group_ids.append(group.id)
        nodes: list[Node] = []
        for entry in self.pending:
            default = _DEFAULT_RELATION[entry.kind]
            record = {
                **entry.fields,
                "id": entry.id,
                "kind": entry.kind,
                "parent": None if entry.parent is None else ids[entry.parent],
                "relation": entry.relation,
                "group": None if entry.group is None else group_ids[entry.group],
                "links": [
                    {"to": to, "relation": rel or default or Relation.SUPPORTS}
                    for to, rel in entry.links
                ],
            }
            try:
                nodes.append(Node.model_validate(record))
            except ValidationError:
                nodes.append(Node.model_construct(**record))
        return nodes

    def report_problem(self, problem: Problem, nodes: list[Node]) -> None:
        if problem.position is None:
            self.report(("thesis",), problem.message, code="structure")
            return
        entry = self.pending[problem.position]
        path = entry.path
        key = False
        message = problem.message
        name = problem.field or ""
        if name.startswith("links."):
            path = (*path, "links", int(name.split(".")[1]))
        elif name == "group" and entry.group is not None:
            path = self.groups[entry.group].path
        elif name in ("id", "source", "basis", "undercut"):
            path = (*path, name)
            key = name in ("id", "undercut")
        if message.startswith("duplicate id"):
            first = next(i for i, n in enumerate(nodes) if n.id == nodes[problem.position].id)
            line, _ = self.parsed.positions.locate((*self.pending[first].path, "id"))
            message += f" (first used at line {line})" if line else ""
        code = "cycle" if "cycle" in message else "structure"
        self.report(path, message, key=key, code=code)


def validate_parsed(parsed: ParsedFile) -> ArgumentMap:
    """Validate a parsed map file.

    Raises:
        MapValidationError: with every problem, each at its line and column.
    """
    return _Validator(parsed).run()


def validate_with_paths(parsed: ParsedFile) -> tuple[ArgumentMap, dict[str, YamlPath]]:
    """Validate a parsed map file and say where each node's entry sits in it.

    Returns:
        The map, and node id -> YAML path of its entry, e.g. ``("thesis", "premises", 0)``.

    Raises:
        MapValidationError: with every problem, each at its line and column.
    """
    validator = _Validator(parsed)
    m = validator.run()
    return m, {entry.id: entry.path for entry in validator.pending if entry.id is not None}


def validate_data(data: dict[str, Any], path: str = "<map>") -> ArgumentMap:
    """Validate map data already in memory (the nested file structure, as dicts and lists).

    Raises:
        MapValidationError: with every problem (no line numbers: there is no file).
    """
    return validate_parsed(ParsedFile(path, "", data, {}))
