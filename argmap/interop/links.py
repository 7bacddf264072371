"""An imported map's cross-links: the relations its tree did not take, kept or noted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from argmap.interop.cycles import CycleGuard
from argmap.interop.elements import ATTACKERS, Edge
from argmap.model import ALLOWED_RELATIONS, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.interop.graph import GraphBuilder

__all__ = ["cross_links"]

_CYCLE: Final = "it would close a support cycle"


def cross_links(
    graph: GraphBuilder,
    parent_edge: Mapping[str, Edge],
    kinds: Mapping[str, NodeKind],
    ids: Mapping[str, str],
) -> dict[str, list[dict[str, str]]]:
    """Return each statement's cross-links; one the map cannot hold is said in its note.

    A support that would close a cycle of supports (a claim supporting itself through
    others) is one the map cannot hold: the tree's relations are kept, then the links in
    file order, and the link that would close the cycle goes to the note.

    Args:
        graph: the builder (its elements, relations and warnings).
        parent_edge: the tree edge of every statement in the tree but the thesis.
        kinds: each statement's kind in the tree.
        ids: each statement's id.

    Returns:
        The links of each statement (by key) that has any, in file order.
    """
    links: dict[str, list[dict[str, str]]] = {}
    seen: set[tuple[str, str]] = set()
    guard = _guard(graph.edges, parent_edge, kinds)
    for edge in graph.edges:
        source, target = edge.source, edge.target
        if parent_edge.get(source) is edge or source not in kinds or target not in kinds:
            continue
        tree = parent_edge.get(source)
        if tree is not None and tree.target == target and tree.order == edge.order:
            continue  # the tree edge itself, its relation changed (see tree.grow)
        if tree is not None and tree.target == target and _same(tree, edge, kinds[target]):
            continue  # the same relation written twice
        problem = _link_problem(edge, kinds, parent_edge)
        if problem is None and (source, target) in seen:
            problem = "a second relation between the same two statements"
        supports = edge.relation is Relation.SUPPORTS
        if problem is None and supports and guard.closes(source, target):
            problem = _CYCLE
        if problem is not None:
            told = f" ({edge.told})" if edge.told else ""
            graph.warn_kind(
                f"relations left out ({problem}), kept in the note",
                edge.line,
                item=f"{source!r} -> {target!r}{told}",
            )
            told = f"{edge.told}; " if edge.told else ""
            line = f"Also {edge.relation.value} {ids[target]!r} ({told}left out: {problem})"
            graph.elements[source].notes.append(line)
            continue
        seen.add((source, target))
        if supports:
            guard.keep(source, target)
        links.setdefault(source, []).append({"to": ids[target], "relation": edge.relation.value})
    return links


def _same(tree: Edge, edge: Edge, target: NodeKind) -> bool:
    """Whether a relation says what the tree edge to the same target says.

    An undercut of the thesis is read as an attack on it (see ``tree.grow``), so a second
    undercut of it says that attack again.
    """
    if tree.relation is edge.relation:
        return True
    cut = (edge.relation, tree.relation) == (Relation.UNDERCUTS, Relation.ATTACKS)
    return cut and target is NodeKind.THESIS


def _guard(
    edges: list[Edge], parent_edge: Mapping[str, Edge], kinds: Mapping[str, NodeKind]
) -> CycleGuard:
    """The tree's supports (a conclusion's tree edge is none), and the links' that may be.

    A tree has no cycle: with no support outside it, there is nothing to check.
    """
    candidates = [
        (edge.source, edge.target)
        for edge in edges
        if edge.relation is Relation.SUPPORTS
        and edge.source in kinds
        and edge.target in kinds
        and parent_edge.get(edge.source) is not edge
    ]
    if not candidates:
        return CycleGuard((), ())
    tree = [
        (key, edge.target)
        for key, edge in parent_edge.items()
        if edge.relation is Relation.SUPPORTS and kinds.get(key) is not NodeKind.CONCLUSION
    ]
    return CycleGuard(tree, candidates)


def _link_problem(
    edge: Edge, kinds: Mapping[str, NodeKind], parent_edge: Mapping[str, Edge]
) -> str | None:
    """Why the map cannot hold this relation as a link (None: it can)."""
    kind, target = kinds[edge.source], kinds[edge.target]
    if edge.source == edge.target:
        return "a statement cannot bear on itself"
    tree = parent_edge.get(edge.source)
    if tree is not None and tree.target == edge.target:
        return "it already bears on that statement in another way"
    if kind is NodeKind.THESIS:
        return "the thesis bears on nothing"
    if edge.relation not in ALLOWED_RELATIONS[kind]:
        article = "an" if kind.value[0] in "aeiou" else "a"
        return f"{article} {kind.value} cannot {edge.relation.value.removesuffix('s')}"
    if edge.relation is Relation.SUPPORTS and target is NodeKind.EVIDENCE:
        return "evidence cannot be supported"
    if kind is NodeKind.REBUTTAL and target not in ATTACKERS:
        return "a rebuttal only attacks objections"
    if edge.relation is Relation.UNDERCUTS and target is NodeKind.THESIS:
        return "the thesis has no inference to undercut"
    return None
