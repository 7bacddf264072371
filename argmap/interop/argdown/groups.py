"""Argdown linked groups as argmap writes them: an argument ``{group: ID}`` joining co-premises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.interop.argdown.data import keep_in_note
from argmap.interop.argdown.pcs import Structure
from argmap.interop.graph import Edge, GraphBuilder
from argmap.model import Relation

__all__ = ["GroupKeys", "settle_groups"]


@dataclass
class GroupKeys:
    """The data keys of linked groups: ``{group: ID}`` on arguments, ``{undercuts: ...}``."""

    arguments: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Argument key -> (the group it stands for, its line)."""
    cuts: dict[str, tuple[list[str], int]] = field(default_factory=dict)
    """Element key -> (the co-premises whose links it undercuts, in file order; its line)."""

    def take(self, data: dict[str, Any], key: str, argument: bool, line: int) -> None:
        """Move an element's ``group`` (an argument's) and ``undercuts`` keys out of ``data``."""
        if argument and isinstance(data.get("group"), (str, int)):
            self.arguments[key] = (str(data.pop("group")), line)
        value = data.get("undercuts")
        names = value if isinstance(value, list) else [value]
        if value is not None and all(isinstance(name, (str, int)) for name in names):
            self.cuts[key] = ([str(name) for name in names], line)
            del data["undercuts"]


def settle_groups(
    structures: list[Structure], graph: GraphBuilder, keys: GroupKeys
) -> list[Structure]:
    """Settle the structures of arguments that stand for linked groups; return the others."""
    touching: dict[str, list[Edge]] = {}  # each element's relations, indexed once
    for edge in graph.edges:
        touching.setdefault(edge.source, []).append(edge)
        if edge.target != edge.source:
            touching.setdefault(edge.target, []).append(edge)
    settled: dict[str, list[str]] = {}
    others: list[Structure] = []
    dropped: set[int] = set()
    for structure in structures:
        group = keys.arguments.get(structure.argument)
        members = None
        if group is not None:
            members = _settle_group(structure, graph, group[0], touching, dropped)
        if members is None:
            others.append(structure)
        else:
            settled[structure.argument] = members
    if dropped:
        graph.edges = [edge for edge in graph.edges if id(edge) not in dropped]
    _cut_premises(graph, settled, keys)
    return others


def _settle_group(
    structure: Structure,
    graph: GraphBuilder,
    name: str,
    touching: dict[str, list[Edge]],
    dropped: set[int],
) -> list[str] | None:
    """Read an argument that stands for a linked group; return its co-premises' keys.

    ``<G> {group: G}`` with ``(1) [A] (2) [B] ---- (3) conclusion``: A and B support
    what the argument supports (its conclusion when nothing else: the thesis, say), as
    the linked group ``G``, in the argument's place; the argument and an untitled
    conclusion (the words of the claim, when the claim is an argument) are no elements of
    the map. None (and nothing changed) when the structure is not of that shape. The
    argument's support of its claim goes into ``dropped`` (by ``id``).
    """
    statements, inferences = structure.statements, structure.inferences
    if len(inferences) != 1 or inferences[0].uses or inferences[0].rule or inferences[0].data:
        return None
    after, argument = inferences[0].after, structure.argument
    if after < 2 or len(statements) != after + 1:
        return None
    main = statements[after][1]
    out = [edge for edge in touching.get(argument, []) if edge.source == argument]
    into = [edge for edge in touching.get(argument, []) if edge.target == argument]
    titled = graph.elements[main].title is not None
    support = out[0] if out else None
    if (
        len(out) > 1
        or (support is not None and support.relation is not Relation.SUPPORTS)
        or any(edge.relation is not Relation.UNDERCUTS for edge in into)
        or (titled and support is not None and support.target != main)
        or (not titled and (support is None or main in touching))
    ):
        return None
    target = main if support is None else support.target
    order = (statements[after][2],) if support is None else support.order
    members = [key for _, key, _ in statements[:after]]
    if support is not None:
        dropped.add(id(support))
    for n, (_, key, line) in enumerate(statements[:after]):
        graph.relate(Edge(key, target, Relation.SUPPORTS, (*order, n), line, group=name))
    del graph.elements[argument]
    if not titled:
        del graph.elements[main]
    return members


def _cut_premises(graph: GraphBuilder, settled: dict[str, list[str]], keys: GroupKeys) -> None:
    """Hang each undercut of a linked group's argument under one of its co-premises.

    The undercutter's ``{undercuts: ...}`` names them, one per undercut of a group in file
    order; else it is the group's first. Keys nothing used are kept in the node's note.
    """
    taken: dict[str, int] = {}
    for edge in graph.edges:
        members = settled.get(edge.target)
        if members is None:
            continue
        names = keys.cuts.get(edge.source, ([], 0))[0]
        n = taken.get(edge.source, 0)
        named = names[n] if n < len(names) else None
        taken[edge.source] = n + 1
        edge.target = named if named in members else members[0]
    for key, (name, line) in keys.arguments.items():
        if key not in settled and key in graph.elements:
            keep_in_note(graph.elements[key], "group", name, graph, (line, 1))
    for key, (names, line) in keys.cuts.items():
        if key not in taken and key in graph.elements:
            value: Any = names[0] if len(names) == 1 else names
            keep_in_note(graph.elements[key], "undercuts", value, graph, (line, 1))
