"""Validation of parsed map files into an ``ArgumentMap``: every problem at once, each located."""

from __future__ import annotations

import types
import typing
import unicodedata
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Final, NamedTuple

from pydantic import BaseModel, ValidationError

from argmap.errors import Issue, MapValidationError
from argmap.load.mapfile import (
    CHILD_KEYS,
    ENTRY_MODELS,
    KEY_KIND,
    LinkedHeader,
    LinkEntry,
    MapHeader,
)
from argmap.load.parse import ParsedFile, YamlPath, parse_text, read_map_text
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

__all__ = [
    "LocatedMap",
    "load_located",
    "slugify",
    "validate_data",
    "validate_located",
    "validate_parsed",
]

_DEFAULT_RELATION: Final = {
    NodeKind.THESIS: None,
    NodeKind.PREMISE: Relation.SUPPORTS,
    NodeKind.EVIDENCE: Relation.SUPPORTS,
    NodeKind.OBJECTION: Relation.ATTACKS,
    NodeKind.REBUTTAL: Relation.ATTACKS,
}

_HINTS: Final = {
    "text": "add the statement this node makes",
    "title": "add a title for the map",
    "thesis": "add the root claim under 'thesis:'",
    "outlet": "name the outlet the document credits",
    "name": "name the outlet",
    "to": "name the id this link points at",
}


def slugify(text: str, *, max_words: int = 6, max_length: int = 48) -> str:
    """Make a short id from a node's text: its first words, lower-case, joined by dashes.

    >>> slugify("Russia's calculus is driven by anti-Americanism, pure and simple.")
    'russias-calculus-is-driven-by-anti'
    """
    cleaned = "".join(
        ch if _is_word_char(ch) else " "
        for ch in text.replace("'", "").replace("\u2019", "").lower()
    )
    words = cleaned.split()
    slug = ""
    for word in words[:max_words]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug or "node"


def _is_word_char(ch: str) -> bool:
    # Letters, marks and decimal digits: what every regex engine counts as a word
    # character (Python's \w also takes characters such as '¼', which ids refuse).
    category = unicodedata.category(ch)
    return category[0] in "LM" or category == "Nd"


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
        where = _display(path)
        text = f"{where}: {message}" if where else message
        self.issues.append(Issue(self.parsed.path, line, col, text, code or "invalid"))

    def report_pydantic(
        self, path: YamlPath, exc: ValidationError, model: type[BaseModel]
    ) -> set[str]:
        """Report each pydantic error at its YAML node; return the top-level fields at fault."""
        bad: set[str] = set()
        for err in exc.errors():
            loc = tuple(err["loc"])
            if loc:
                bad.add(str(loc[0]))
            kind = err["type"]
            name = str(loc[-1]) if loc else "value"
            dotted = ".".join(str(p) for p in loc)
            got = _show(err.get("input"))
            if kind == "extra_forbidden":
                options = sorted(_fields_at(model, loc[:-1]))
                close = get_close_matches(name, options, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                extra = ""
                if name == "kind" and len(loc) == 1:
                    extra = "; a node's kind comes from the list it sits in ('premises', ...)"
                self.report(
                    path + loc,
                    f"unknown field {name!r}{hint}; remove it or fix the spelling{extra}",
                    key=True,
                    code="unknown-field",
                )
            elif kind == "missing":
                hint = _HINTS.get(name, f"add {name!r}")
                self.report(path + loc[:-1], f"missing {dotted!r}; {hint}", code="missing")
            elif kind == "string_too_short":
                hint = _HINTS.get(name, "give it a value or remove it")
                self.report(path + loc, f"{dotted!r} is empty; {hint}", code="empty")
            elif kind == "string_pattern_mismatch":
                self.report(
                    path + loc,
                    f"invalid id {got}; use letters, digits, '_', '.' and '-', starting "
                    "with a letter or digit",
                    code="bad-id",
                )
            elif kind == "enum":
                expected = str(err.get("ctx", {}).get("expected", "")).replace("'", "")
                self.report(
                    path + loc, f"{dotted!r} must be one of {expected} (got {got})", code="type"
                )
            elif kind == "string_type":
                self.report(
                    path + loc,
                    f"{dotted!r} must be text (got {got}); put it in quotes",
                    code="type",
                )
            else:
                msg = err["msg"]
                msg = msg[:1].lower() + msg[1:]
                self.report(path + loc, f"{dotted!r}: {msg} (got {got})", code="type")
        return bad

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
                        self.report((*path, key), _surrogate_message(key), key=True, code="type")
                    stack.append((item, (*path, key)))
            elif isinstance(value, list):
                stack.extend((item, (*path, i)) for i, item in enumerate(value))
            elif isinstance(value, str) and LONE_SURROGATE.search(value):
                self.report(path, _surrogate_message(value), code="type")

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
                self.report(
                    path,
                    f"expected a {kind.value} entry (a mapping with 'text'), got {_show(raw)}",
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
                    (*path, key), _misplaced_children(key, kind), key=True, code="misplaced"
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
                    f"a link is an id or {{to, relation}}, got {_show(item)}",
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


class LocatedMap(NamedTuple):
    """A validated map plus where each node sits in its file (for located warnings)."""

    map: ArgumentMap
    parsed: ParsedFile
    paths: dict[str, YamlPath]
    """Node id -> YAML path of the node's entry, e.g. ``("thesis", "premises", 0)``."""

    def locate(self, node_id: str, field: str | None = None) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of a node's entry, or of one of its fields.

        A field the entry does not have gives the entry's own position; ``(0, 0)``
        means no position is known (a map validated from data in memory).

        Raises:
            KeyError: no node has that id.
        """
        path = self.paths[node_id]
        return self.parsed.positions.locate(path if field is None else (*path, field))


def validate_located(parsed: ParsedFile) -> LocatedMap:
    """Validate a parsed map file and keep each node's YAML path.

    Raises:
        MapValidationError: with every problem, each at its line and column.
    """
    validator = _Validator(parsed)
    m = validator.run()
    paths = {entry.id: entry.path for entry in validator.pending if entry.id is not None}
    return LocatedMap(m, parsed, paths)


def load_located(path: str | Path) -> LocatedMap:
    """Read, parse and validate a map file, keeping node positions (see :class:`LocatedMap`).

    Raises:
        MapFileError: the file cannot be read or parsed.
        MapValidationError: the map breaks the model's rules.
    """
    return validate_located(parse_text(read_map_text(path), path))


def validate_data(data: dict[str, Any], path: str = "<map>") -> ArgumentMap:
    """Validate map data already in memory (the nested file structure, as dicts and lists).

    Raises:
        MapValidationError: with every problem (no line numbers: there is no file).
    """
    return validate_parsed(ParsedFile(path, "", data, {}))


def unique_id(base: str, taken: set[str]) -> str:
    """Return ``base``, or ``base-2``, ``base-3``... the first not in ``taken``; add it there."""
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _surrogate_message(text: str) -> str:
    found = LONE_SURROGATE.search(text)
    code = ord(found.group()) if found else 0
    return (
        f"holds a lone surrogate (U+{code:04X}), which no UTF-8 file can hold; write the "
        "whole character, or remove the escape"
    )


def _misplaced_children(key: str, kind: NodeKind) -> str:
    if key == "rebuttals":
        return (
            "'rebuttals' are only allowed under an objection; list this under 'objections' "
            "to attack this node"
        )
    allowed = ", ".join(repr(k) for k in CHILD_KEYS[kind])
    return f"a {kind.value} cannot have {key!r} (it can have {allowed})"


def _display(path: YamlPath) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    # A key may hold characters no terminal or file can take (a lone surrogate).
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    kind = "number " if isinstance(value, int | float) and not isinstance(value, bool) else ""
    return kind + (text if len(text) <= 40 else text[:37] + "...")


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    """Return the field names allowed at ``loc`` inside ``model`` (for did-you-mean)."""
    current: type[BaseModel] | None = model
    for step in loc:
        if current is None:
            return set()
        if isinstance(step, int):
            continue
        info = current.model_fields.get(str(step))
        current = _inner_model(info.annotation) if info is not None else None
    if current is None:
        return set()
    names = {info.alias or name for name, info in current.model_fields.items()}
    if current is MapHeader:
        names.add("thesis")
    return names


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
