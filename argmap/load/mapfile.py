"""The map file format: its child-list keys, each kind's entry fields, and a map written back."""

from __future__ import annotations

from typing import Any, Final

from argmap.model import FILE_FIELDS, UNDERCUT, ArgumentMap, Node, NodeKind, Relation, entry_fields

__all__ = [
    "CHILD_KEYS",
    "ENTRY_FIELDS",
    "KEY_KIND",
    "node_fields_set",
    "to_file_data",
]

KEY_KIND: Final = {
    "premises": NodeKind.PREMISE,
    "evidence": NodeKind.EVIDENCE,
    "objections": NodeKind.OBJECTION,
    "rebuttals": NodeKind.REBUTTAL,
    "conclusions": NodeKind.CONCLUSION,
}
"""The keys under which a node lists its children, and the kind each key holds."""

CHILD_KEYS: Final = {
    NodeKind.THESIS: ("premises", "evidence", "objections", "conclusions"),
    NodeKind.PREMISE: ("premises", "evidence", "objections"),
    NodeKind.EVIDENCE: ("objections",),
    NodeKind.OBJECTION: ("premises", "evidence", "objections", "rebuttals"),
    NodeKind.REBUTTAL: ("premises", "evidence", "objections", "rebuttals"),
    NodeKind.CONCLUSION: ("objections", "conclusions"),
}
"""Child-list keys each kind of entry may carry, in the order they are written."""

_STATEMENT: Final = (
    "id", "text", "quote", "citation", "source", "author", "added", "tags", "strength",
    "assessment", "note", "links",
)  # fmt: skip
ENTRY_FIELDS: Final[dict[NodeKind, tuple[str, ...]]] = {
    NodeKind.THESIS: _STATEMENT,
    NodeKind.PREMISE: _STATEMENT,
    NodeKind.EVIDENCE: (*_STATEMENT, "basis"),
    NodeKind.OBJECTION: (*_STATEMENT, UNDERCUT),
    NodeKind.REBUTTAL: (*_STATEMENT, UNDERCUT),
    NodeKind.CONCLUSION: _STATEMENT,
}
"""Each kind's entry fields (child lists taken out), in the order of its entry model's
(:data:`argmap.load.entrymodels.ENTRY_MODELS`; a test holds them equal). Stated here so
that a plainly valid map is loaded without creating the models."""


def node_fields_set(kind: NodeKind, tags: bool, links: bool) -> set[str]:
    """The fields a node made from an entry of ``kind`` is given (its ``model_fields_set``).

    The entry's own fields (its ``undercut`` is the node's ``relation``), its place in
    the tree, and ``tags`` and ``links`` when it has some.
    """
    names = set(ENTRY_FIELDS[kind]) - {"links", UNDERCUT}
    names |= {"id", "kind", "parent", "relation", "group"}
    if not tags:
        names.discard("tags")
    if links:
        names.add("links")
    return names


def to_file_data(m: ArgumentMap) -> dict[str, Any]:
    """Turn a map back into the nested structure of a map file (plain dicts and lists).

    Every node gets its id written out, so the result validates to an equal map.
    Iterative, so any depth works.
    """
    data: dict[str, Any] = {"title": m.title}
    if m.description is not None:
        data["description"] = m.description
    if m.source is not None:
        data["source"] = m.source.model_dump(exclude_none=True)
    if m.sources:
        data["sources"] = {k: v.model_dump(exclude_none=True) for k, v in m.sources.items()}
    entries: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, Any]] = {}
    for node in m.nodes:
        entry = _node_entry(node)
        entries[node.id] = entry
        if node.parent is None:
            data["thesis"] = entry
            continue
        parent = entries[node.parent]
        key = next(k for k, kind in KEY_KIND.items() if kind is node.kind)
        siblings = parent.setdefault(key, [])
        if node.group is None:
            siblings.append(entry)
        elif node.group in groups:
            groups[node.group]["linked"].append(entry)
        else:
            group = {"id": node.group, "linked": [entry]}
            groups[node.group] = group
            siblings.append(group)
    return data


def _node_entry(node: Node) -> dict[str, Any]:
    """One node's own fields as a file entry: the set ones, in file order.

    See :data:`~argmap.model.FILE_FIELDS`; where the entry sits says its kind, parent
    and group.
    """
    undercut = node.relation is Relation.UNDERCUTS
    return entry_fields(
        (name, undercut if name == UNDERCUT else getattr(node, name)) for name in FILE_FIELDS
    )
