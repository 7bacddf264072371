"""Validation of parsed map files into an ``ArgumentMap``: every problem at once, each located."""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel, ValidationError

from argmap.deep import paused_gc
from argmap.errors import Issue, MapValidationError
from argmap.load import plainentry as plain
from argmap.load.ids import LookAlikes, slugify, unique_id
from argmap.load.mapfile import CHILD_KEYS, KEY_KIND, node_fields_set
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
    Link,
    Node,
    NodeKind,
    Problem,
    Relation,
    structure_problems,
)
from argmap.model.records import trusted
from argmap.model.vocabulary import DEFAULT_RELATION

__all__ = ["validate_data", "validate_parsed", "validate_with_paths"]


_NOT_OWN: Final = frozenset(KEY_KIND) | {"links"}
"""Keys of an entry that are not its own fields: its child lists and its cross-links."""

_NODE_START: Final = {
    name: None if info.is_required() else info.get_default(call_default_factory=True)
    for name, info in Node.model_fields.items()
}
"""A node's fields in the model's order, each at its default (None for the required ones)."""
_LINK_SET: Final = {"to", "relation"}

# An entry on the walk's stack: data, kind, steps below its parent, parent's and group's index.
_Queued = tuple[Any, NodeKind, YamlPath, "int | None", "int | None"]
_ChildList = tuple[str, list[Any]]


class _Group:
    """A linked group of premises: its parent entry, its steps, its id, its members' indexes."""

    __slots__ = ("id", "members", "parent", "steps")

    def __init__(self, parent: int, steps: YamlPath, id_: str | None) -> None:
        self.parent = parent
        self.steps = steps
        self.id = id_
        self.members: list[int] = []


class _Validator:
    def __init__(self, parsed: ParsedFile, *, consume: bool = False) -> None:
        self.parsed = parsed
        self.consume = consume  # empty each entry's data once read
        self.plain = False  # whether entries may be checked without their models
        self.issues: list[Issue] = []
        # Per entry, in document order: its node's fields (ids filled in by assemble), its
        # path below its parent's entry (whole paths are built only for messages, so a deep
        # chain costs no more than a wide map), its parent's index.
        self.records: list[dict[str, Any]] = []
        self.steps: list[YamlPath] = []
        self.parents: list[int | None] = []
        self.links: dict[int, list[tuple[str, Relation | None]]] = {}
        self.group_of: dict[int, int] = {}
        self.groups: list[_Group] = []

    # -- reporting -----------------------------------------------------------------------
    def path_of(self, index: int | None, *more: str | int) -> YamlPath:
        """The whole path of entry ``index`` (None: the root), then ``more``."""
        parts: list[YamlPath] = [more]
        while index is not None:
            parts.append(self.steps[index])
            index = self.parents[index]
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
        self.plain = plain.no_escapes(self.parsed.text)
        if not self.plain:
            self.check_strings(data)
        header_fields = {k: v for k, v in data.items() if k != "thesis"}
        header = (self.plain and plain.plain_header(header_fields)) or self.header(header_fields)
        if "thesis" not in data:
            self.report((), "missing 'thesis'; add the root claim under 'thesis:'", code="missing")
        else:
            self.walk(data["thesis"])
        nodes = self.assemble()
        # Every field was checked with its entry, every rule is checked here: built unchecked.
        m = ArgumentMap.model_construct(
            title=header.get("title", "?"),
            description=header.get("description"),
            source=header.get("source"),
            sources=header.get("sources", {}),
            nodes=tuple(nodes),
        )
        if nodes:
            for problem in structure_problems(m):
                self.report_problem(problem, nodes)
        if self.issues:
            unique = sorted(set(self.issues), key=lambda i: (i.line, i.column, i.message))
            raise MapValidationError(self.parsed.path, unique)
        return m

    def check_strings(self, data: Any) -> None:
        """Report every key or string holding a lone surrogate (iteratively, any depth)."""
        for path, message, key in lone_surrogates(data):
            self.report(path, message, key=key, code="type")

    def header(self, fields: dict[str, Any]) -> dict[str, Any]:
        from argmap.load.entrymodels import MapHeader, header_fallback  # not plainly valid

        try:
            model = MapHeader.model_validate(fields)
        except ValidationError as exc:
            self.report_pydantic((), exc, MapHeader)
            usable = header_fallback(fields)
            return {"title": usable.title, "sources": usable.sources}
        return {
            "title": model.title,
            "description": model.description,
            "source": model.source,
            "sources": dict(model.sources),
        }

    def walk(self, thesis: Any) -> None:
        stack: list[_Queued] = [(thesis, NodeKind.THESIS, ("thesis",), None, None)]
        pop, push = stack.pop, stack.append
        while stack:
            raw, kind, steps, parent, group = pop()
            if not isinstance(raw, dict):
                an = "an" if kind.value[0] in "aeiou" else "a"
                message = f"expected {an} {kind.value} entry (a mapping with 'text'), got "
                self.report(self.path_of(parent, *steps), message + show_value(raw), code="type")
                continue
            index = len(self.records)
            self.steps.append(steps)
            self.parents.append(parent)
            if group is not None:
                self.group_of[index] = group
                self.groups[group].members.append(index)
            if raw.keys().isdisjoint(_NOT_OWN):  # a leaf with no links: all its own fields
                self.entry(raw, kind, index)
            else:
                self.entry({k: v for k, v in raw.items() if k not in _NOT_OWN}, kind, index)
                if "links" in raw:
                    self.read_links(raw["links"], index)
                for key, items in reversed(self.child_lists(raw, kind, index)):
                    for i in reversed(range(len(items))):
                        item = items[i]
                        if key == "premises" and isinstance(item, dict) and "linked" in item:
                            stack.extend(self.linked(item, (key, i), index))
                        else:
                            push((item, KEY_KIND[key], (key, i), index, None))
            if self.consume:
                raw.clear()  # its children are on the stack: what is read is freed

    def child_lists(self, raw: dict[str, Any], kind: NodeKind, index: int) -> list[_ChildList]:
        out: list[_ChildList] = []
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
            elif value is not None and not isinstance(value, list):
                self.report(
                    self.path_of(index, key),
                    f"{key!r} must be a list; start each entry with '- '",
                    code="type",
                )
            elif value is not None:
                out.append((key, value))
        return out

    def linked(self, item: dict[str, Any], steps: YamlPath, parent: int) -> list[_Queued]:
        header = {k: v for k, v in item.items() if k != "linked"}
        group_id: str | None = None
        try:
            group_id = plain.linked_group_id(header, self.plain)
        except ValidationError as exc:
            from argmap.load.entrymodels import LinkedHeader

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

    def entry(self, fields: dict[str, Any], kind: NodeKind, index: int) -> None:
        """Check one entry's own fields, once: its node is made from what this checks."""
        values = plain.plain_entry(fields, kind) if self.plain else None
        record = _NODE_START.copy()  # the node's fields in its order; then the entry's
        record.update(self.checked(fields, kind, index) if values is None else values)
        record["kind"] = kind
        record["relation"] = (
            Relation.UNDERCUTS if record.pop("undercut", False) else DEFAULT_RELATION[kind]
        )
        tags = record["tags"]
        record["tags"] = tuple(tags) if tags else ()
        record["links"] = ()
        self.records.append(record)

    def checked(self, fields: dict[str, Any], kind: NodeKind, index: int) -> dict[str, Any]:
        """Check an entry with its model: its fields, or those usable, its problems reported."""
        model = plain.entry_models()[kind]
        try:
            return model.model_validate(fields).__dict__
        except ValidationError as exc:
            bad = self.report_pydantic(self.path_of(index), exc, model)
        kept = {k: v for k, v in fields.items() if k not in bad and k in model.model_fields}
        kept.setdefault("text", "?")
        try:
            return model.model_validate(kept).__dict__
        except ValidationError:
            return model.model_validate({"text": "?"}).__dict__

    def read_links(self, raw: Any, index: int) -> None:
        if raw is None:
            return
        if not isinstance(raw, list):
            self.report(
                self.path_of(index, "links"),
                "'links' must be a list of ids or {to, relation} entries",
                code="type",
            )
            return
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
                link = plain.link_fields(item, self.plain)
            except ValidationError as exc:
                from argmap.load.entrymodels import LinkEntry

                self.report_pydantic(self.path_of(index, "links", i), exc, LinkEntry)
                continue
            out.append(link)
        if out:
            self.links[index] = out

    # -- assembling ------------------------------------------------------------------------
    def assemble(self) -> list[Node]:
        records = self.records
        taken = {r["id"] for r in records if r["id"]} | {g.id for g in self.groups if g.id}
        counters: dict[str, int] = {}  # many nodes of one text: each search goes on from the last
        look_alikes = LookAlikes(taken)  # no made id may look like another
        for index, links in self.links.items():
            record = records[index]
            default = DEFAULT_RELATION[record["kind"]] or Relation.SUPPORTS
            record["links"] = tuple(
                trusted(Link, {"to": to, "relation": rel or default}, _LINK_SET)
                for to, rel in links
            )
        # Every field was checked by its entry model (and ids made here are valid ids):
        # each node is made of its checked values, without a second check.
        sets: dict[tuple[NodeKind, bool, bool], set[str]] = {}
        nodes: list[Node] = []
        for record, parent in zip(records, self.parents, strict=True):
            if record["id"] is None:
                base = slugify(str(record["text"]))
                record["id"] = unique_id(base, taken, counters, look_alikes)
            if parent is not None:  # an earlier entry: its id is known
                record["parent"] = records[parent]["id"]
            shape = (record["kind"], bool(record["tags"]), bool(record["links"]))
            fields_set = sets.get(shape)
            if fields_set is None:
                fields_set = sets[shape] = node_fields_set(*shape)
            nodes.append(trusted(Node, record, fields_set))
        for group in self.groups:  # their ids are made after every node's
            if group.id is None:
                first = records[group.members[0]]["id"] if group.members else "group"
                group.id = unique_id(f"{first}-group", taken, counters, look_alikes)
        for index, group_index in self.group_of.items():
            records[index]["group"] = self.groups[group_index].id
        self.records = []
        return nodes

    def report_problem(self, problem: Problem, nodes: list[Node]) -> None:
        if problem.position is None:
            self.report(("thesis",), problem.message, code="structure")
            return
        path = self.path_of(problem.position)
        key = False
        message = problem.message
        name = problem.field or ""
        if name.startswith("links."):
            path = (*path, "links", int(name.split(".")[1]))
        elif name == "group" and problem.position in self.group_of:
            group = self.groups[self.group_of[problem.position]]
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


def validate_parsed(parsed: ParsedFile, *, consume: bool = False) -> ArgumentMap:
    """Validate a parsed map file.

    Args:
        parsed: the parsed file.
        consume: empty the parsed data as it is read (less memory; for a caller that
            keeps no other use of ``parsed.data``).

    Raises:
        MapValidationError: with every problem, each at its line and column.
    """
    with paused_gc():
        return _Validator(parsed, consume=consume).run()


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
    ids = {node.id: i for i, node in enumerate(m.nodes)}
    return m, EntryPaths(ids, validator.parents, validator.steps)


def validate_data(data: dict[str, Any], path: str = "<map>") -> ArgumentMap:
    """Validate map data already in memory (the nested file structure, as dicts and lists).

    Raises:
        MapValidationError: with every problem (no line numbers: there is no file).
    """
    return validate_parsed(ParsedFile(path, "", data, {}))
