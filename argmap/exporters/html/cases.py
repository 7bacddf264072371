"""The for/against section: each claim with the reasons for it and the objections against it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from argmap.exporters.html.nodeview import NodeView, NodeViews
from argmap.model import ArgumentMap, Node, NodeKind, Relation, reading_order

__all__ = ["CASE_RUN", "ClaimCase", "Counterpoint", "claim_cases"]

CASE_RUN: Final = 100
"""Past this many cases, the page holds them in runs of this many, each skipped whole by
the browser while off screen (one region skipped per case cost Chromium at every frame and
hit test, and minutes of printing, in a 5,000-claim map)."""

_CLAIMS = (
    NodeKind.THESIS,
    NodeKind.PREMISE,
    NodeKind.EVIDENCE,
    NodeKind.OBJECTION,
    NodeKind.REBUTTAL,
    NodeKind.CONCLUSION,
)
"""Kinds of node the for/against section gives a case of their own (where something bears
on it: evidence, never supported, where something attacks it)."""


@dataclass(frozen=True, slots=True)
class Counterpoint:
    """An objection against a claim, with the rebuttals answering it."""

    node: NodeView
    answers: tuple[NodeView, ...]
    undercuts: str | None


@dataclass(frozen=True, slots=True)
class ClaimCase:
    """The for/against view of one claim."""

    claim: NodeView
    pros: tuple[NodeView, ...]
    cons: tuple[Counterpoint, ...]


def claim_cases(m: ArgumentMap, views: NodeViews) -> list[ClaimCase]:
    """Return the for/against view of every claim that has reasons or objections.

    Args:
        m: the map (or the part of it the page shows).
        views: the node views of ``m``.

    Returns:
        One case per claim in document order: what supports it, and what attacks it
        or undercuts an inference to it, each objection with its answers.
    """
    undercutters: dict[str, list[tuple[Node, str]]] = {}
    for source in views.listed(m.nodes):  # in the order of m.edges()
        bearings = [(source.parent, source.relation)] if source.parent is not None else []
        for target_id, relation in bearings + [(link.to, link.relation) for link in source.links]:
            if relation is not Relation.UNDERCUTS:
                continue
            target = views.by_id[target_id]
            if target.kind is NodeKind.CONCLUSION:
                # The step into a conclusion runs from its source up to it.
                undercutters.setdefault(target.id, []).append((source, target.parent or ""))
            elif target.parent is not None:
                undercutters.setdefault(target.parent, []).append((source, target.id))
    cases: list[ClaimCase] = []
    for node in reading_order(m):
        if node.kind not in _CLAIMS or node.id in views.elided:
            continue
        pros: list[NodeView] = []
        cons: list[Counterpoint] = []
        if node.kind is NodeKind.CONCLUSION and node.parent is not None:
            pros.append(views.view(m.get(node.parent)))  # what it is drawn from
        for source, relation, _cross in views.incoming[node.id]:
            if relation is Relation.SUPPORTS:
                pros.append(views.view(source))
            elif relation is Relation.ATTACKS:
                cons.append(Counterpoint(views.view(source), _answers(source, views), None))
        for source, link_from in undercutters.get(node.id, []):
            cons.append(Counterpoint(views.view(source), _answers(source, views), link_from))
        if pros or cons:
            cases.append(ClaimCase(views.view(node), tuple(pros), tuple(cons)))
    return cases


def _answers(objection: Node, views: NodeViews) -> tuple[NodeView, ...]:
    return tuple(
        views.view(src)
        for src, rel, _cross in views.incoming[objection.id]
        if rel is not Relation.SUPPORTS
    )
