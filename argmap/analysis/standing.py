"""Derived facts about a valid map: grounded standing of nodes and links, support, stats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NamedTuple

from argmap.model import SUPPORTABLE, ArgumentMap, Assessment, NodeKind, Relation

__all__ = [
    "Analysis",
    "Disagreement",
    "Framework",
    "Standing",
    "Support",
    "analyze",
    "build_framework",
    "grounded",
    "status_marks",
]


class Standing(StrEnum):
    """A node's (or link's) status under grounded semantics."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


class Support(StrEnum):
    """Whether a claim has at least one reason or piece of evidence that stands."""

    SUPPORTED = "supported"
    UNSUPPORTED = "unsupported"


EXPECTED: Final[Mapping[Assessment, Standing]] = {
    Assessment.ACCEPT: Standing.IN,
    Assessment.REJECT: Standing.OUT,
}
"""The standing a person's mark asserts; ``unsure`` asserts nothing, so never disagrees."""


class Disagreement(NamedTuple):
    """A node where a person's ``assessment`` and the computed standing differ."""

    node_id: str
    assessment: Assessment
    standing: Standing


class Framework(NamedTuple):
    """The map as an abstract argumentation framework over integer arguments.

    Arguments ``0 .. len(m) - 1`` are the nodes in document order; then one argument
    per inference link: each node's tree link to its parent, then each cross-link.
    """

    size: int
    attacks: tuple[tuple[int, int], ...]
    tree_link: Mapping[str, int]
    cross_link: Mapping[tuple[str, str], int]


@dataclass(frozen=True)
class Analysis:
    """Everything computed about a map; exporters and commands read this, not the tree.

    Attributes:
        thesis: the thesis id.
        standing: node id -> grounded standing of the node (the claim itself).
        link_standing: node id -> standing of the node's link to its tree parent (its
            support, attack or undercut), after undercutters; the thesis has none.
        cross_link_standing: ``(source id, target id)`` -> standing of that cross-link.
        support: claim id (thesis, premises, objections, rebuttals) -> support view.
        unanswered: objections and rebuttals that no standing attacker or undercutter
            answers, in document order.
        disagreements: nodes whose ``assessment`` contradicts the computed standing.
        unsupported_premises: premises with no standing reason or evidence.
        unsourced_evidence: evidence with no quote, citation or source key
            (:attr:`~argmap.model.Node.traced`).
        counts_by_kind: kind value -> number of nodes as drawn, an objection to an
            objection counted as a rebuttal (every kind listed).
        counts_by_author: author -> number of nodes they signed, sorted by author.
        unsigned: number of nodes with no author.
        depth: levels below the thesis of the deepest node (0 for a lone thesis).
        breadth: the largest number of nodes on one level of the tree.
    """

    thesis: str
    standing: Mapping[str, Standing]
    link_standing: Mapping[str, Standing]
    cross_link_standing: Mapping[tuple[str, str], Standing]
    support: Mapping[str, Support]
    unanswered: tuple[str, ...]
    disagreements: tuple[Disagreement, ...]
    unsupported_premises: tuple[str, ...]
    unsourced_evidence: tuple[str, ...]
    counts_by_kind: Mapping[str, int]
    counts_by_author: Mapping[str, int]
    unsigned: int
    depth: int
    breadth: int

    @property
    def thesis_standing(self) -> Standing:
        """The standing of the thesis."""
        return self.standing[self.thesis]


def build_framework(m: ArgumentMap) -> Framework:
    """Turn the map into an argumentation framework (nodes plus one argument per link).

    Attacks:
      * an ``attacks`` link (tree or cross-link) from X to T attacks node T, and every
        link whose source is T (a link stands only while its source stands);
      * an ``undercuts`` link from U to T attacks T's tree link to T's parent;
      * every link argument is attacked by whatever attacks its source node.
    A link argument therefore stands exactly when its source stands and no undercutter
    of it stands; an attack or undercut whose link is defeated has no force.

    Args:
        m: a valid map.

    Returns:
        The framework, with the argument number of every link.
    """
    size = len(m.nodes)
    position = {node.id: i for i, node in enumerate(m.nodes)}
    tree_link: dict[str, int] = {}
    cross_link: dict[tuple[str, str], int] = {}
    outgoing: dict[str, list[int]] = {node.id: [] for node in m.nodes}
    edges: list[tuple[int, str, Relation]] = []
    for node in m.nodes:
        if node.parent is not None and node.relation is not None:
            tree_link[node.id] = size
            outgoing[node.id].append(size)
            edges.append((size, node.parent, node.relation))
            size += 1
        elif node.parent is not None and node.kind is NodeKind.CONCLUSION:
            tree_link[node.id] = size  # the drawing step, from the parent to the conclusion
            outgoing[node.parent].append(size)
            size += 1
    for node in m.nodes:
        for link in node.links:
            cross_link[(node.id, link.to)] = size
            outgoing[node.id].append(size)
            edges.append((size, link.to, link.relation))
            size += 1
    attacks: list[tuple[int, int]] = []
    for arg, target, relation in edges:
        if relation is Relation.ATTACKS:
            attacks.append((arg, position[target]))
            attacks.extend((arg, out) for out in outgoing[target])
        elif relation is Relation.UNDERCUTS:
            attacks.append((arg, tree_link[target]))
    attacks.extend(_inherited_attacks(m, attacks, tree_link, outgoing, position))
    return Framework(size, tuple(attacks), tree_link, cross_link)


def _inherited_attacks(
    m: ArgumentMap,
    attacks: list[tuple[int, int]],
    tree_link: Mapping[str, int],
    outgoing: Mapping[str, list[int]],
    position: Mapping[str, int],
) -> list[tuple[int, int]]:
    """Return the attacks a conclusion inherits: it stands only if its drawing step does.

    Whatever attacks the step (an attacker of its source, an undercutter of the step)
    also attacks the conclusion and the steps drawn from it in turn. Conclusions come
    after their sources in document order, so one pass carries attacks down a chain.
    """
    attackers: dict[int, list[int]] = {}
    for source, target in attacks:
        attackers.setdefault(target, []).append(source)
    added: list[tuple[int, int]] = []
    for node in m.nodes:
        if node.kind is not NodeKind.CONCLUSION or node.id not in tree_link:
            continue
        for attacker in attackers.get(tree_link[node.id], []):
            for hit in (position[node.id], *outgoing[node.id]):
                added.append((attacker, hit))
                attackers.setdefault(hit, []).append(attacker)
    return added


def grounded(size: int, attacks: tuple[tuple[int, int], ...]) -> list[Standing]:
    """Label every argument by the grounded labelling (the least fixed point).

    An argument is ``in`` when all its attackers are ``out``, ``out`` when some
    attacker is ``in``, and ``undecided`` when neither can be established. A worklist
    does it in time linear in arguments plus attacks, without recursion.

    Args:
        size: the number of arguments, numbered ``0 .. size - 1``.
        attacks: ``(attacker, attacked)`` pairs.

    Returns:
        The standing of each argument, by number.
    """
    targets: list[list[int]] = [[] for _ in range(size)]
    live = [0] * size  # attackers not yet labelled out
    for source, target in attacks:
        targets[source].append(target)
        live[target] += 1
    label: list[Standing | None] = [None] * size
    work = [a for a in range(size) if live[a] == 0]
    for a in work:
        label[a] = Standing.IN
    while work:
        winner = work.pop()
        for loser in targets[winner]:
            if label[loser] is not None:
                continue
            label[loser] = Standing.OUT
            for freed in targets[loser]:
                live[freed] -= 1
                if live[freed] == 0 and label[freed] is None:
                    label[freed] = Standing.IN
                    work.append(freed)
    return [Standing.UNDECIDED if x is None else x for x in label]


def analyze(m: ArgumentMap) -> Analysis:
    """Compute standing, support, unanswered objections, disagreements and counts.

    Never raises on a valid map; runs in linear time and without recursion.

    Args:
        m: a valid map.

    Returns:
        The analysis.
    """
    fw = build_framework(m)
    labels = grounded(fw.size, fw.attacks)
    standing = {node.id: labels[i] for i, node in enumerate(m.nodes)}
    link_standing = {node_id: labels[a] for node_id, a in fw.tree_link.items()}
    cross_standing = {key: labels[a] for key, a in fw.cross_link.items()}
    supported, answered = _reasons_and_answers(m, link_standing, cross_standing)
    support = {
        node.id: Support.SUPPORTED if node.id in supported else Support.UNSUPPORTED
        for node in m.nodes
        if node.kind in SUPPORTABLE
    }
    by_author: dict[str, int] = {}
    for node in m.nodes:
        if node.author:
            by_author[node.author] = by_author.get(node.author, 0) + 1
    depth, breadth = _shape(m)
    return Analysis(
        thesis=m.thesis.id,
        standing=standing,
        link_standing=link_standing,
        cross_link_standing=cross_standing,
        support=support,
        unanswered=tuple(
            node.id
            for node in m.nodes
            if node.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL) and node.id not in answered
        ),
        disagreements=_disagreements(m, standing),
        unsupported_premises=tuple(
            node.id
            for node in m.nodes
            if node.kind is NodeKind.PREMISE and support[node.id] is Support.UNSUPPORTED
        ),
        unsourced_evidence=tuple(
            node.id for node in m.nodes if node.kind is NodeKind.EVIDENCE and not node.traced
        ),
        counts_by_kind=_counts_by_kind(m),
        counts_by_author=dict(sorted(by_author.items())),
        unsigned=sum(1 for node in m.nodes if not node.author),
        depth=depth,
        breadth=breadth,
    )


def _counts_by_kind(m: ArgumentMap) -> dict[str, int]:
    """Nodes per kind as drawn (an objection to an objection counts as a rebuttal)."""
    from argmap.analysis.view import draw_kind

    counts = dict.fromkeys((kind.value for kind in NodeKind), 0)
    for node in m.nodes:
        counts[draw_kind(m, node).value] += 1
    return counts


def _reasons_and_answers(
    m: ArgumentMap,
    link_standing: Mapping[str, Standing],
    cross_standing: Mapping[tuple[str, str], Standing],
) -> tuple[set[str], set[str]]:
    """Return the claims some standing reason or evidence supports, and the nodes answered.

    A reason stands when its link does; a linked group counts only when every premise of
    it stands. A node is answered when a standing attacker or undercutter bears on it.
    """
    supported: set[str] = set()
    answered: set[str] = set()
    group_ok: dict[str, bool] = {}
    group_parent: dict[str, str] = {}
    for node in m.nodes:
        if node.parent is None or node.relation is None:
            continue
        ok = link_standing[node.id] is Standing.IN
        if node.relation is Relation.SUPPORTS and node.group is not None:
            group_ok[node.group] = group_ok.get(node.group, True) and ok
            group_parent[node.group] = node.parent
        elif node.relation is Relation.SUPPORTS:
            if ok:
                supported.add(node.parent)
        elif ok:
            answered.add(node.parent)
    supported.update(group_parent[group] for group, ok in group_ok.items() if ok)
    for node in m.nodes:
        for link in node.links:
            if cross_standing[(node.id, link.to)] is not Standing.IN:
                continue
            if link.relation is Relation.SUPPORTS:
                supported.add(link.to)
            else:
                answered.add(link.to)
    return supported, answered


def _disagreements(m: ArgumentMap, standing: Mapping[str, Standing]) -> tuple[Disagreement, ...]:
    """Return the nodes whose ``assessment`` asserts a standing other than the computed one."""
    return tuple(
        Disagreement(node.id, node.assessment, standing[node.id])
        for node in m.nodes
        if node.assessment is not None
        and node.assessment in EXPECTED
        and EXPECTED[node.assessment] is not standing[node.id]
    )


def _shape(m: ArgumentMap) -> tuple[int, int]:
    """Return the tree's depth (levels below the thesis) and breadth (most nodes on a level)."""
    # Parents come before children in document order, so one pass gives every level.
    level: dict[str, int] = {}
    per_level: dict[int, int] = {}
    for node in m.nodes:
        depth = 0 if node.parent is None else level[node.parent] + 1
        level[node.id] = depth
        per_level[depth] = per_level.get(depth, 0) + 1
    return max(per_level), max(per_level.values())


def status_marks(a: Analysis) -> dict[str, str]:
    """Return a short standing badge per node id, e.g. ``(in)`` or ``(in, link out)``.

    The link is mentioned only when it differs from the node: an undercut link, or
    one left undecided by an undercutter.

    Args:
        a: the analysis.

    Returns:
        Node id -> badge, for :func:`argmap.exporters.terminal.format_tree`'s ``marks``.
    """
    marks: dict[str, str] = {}
    for node_id, standing in a.standing.items():
        link = a.link_standing.get(node_id)
        extra = f", link {link.value}" if link is not None and link is not standing else ""
        marks[node_id] = f"({standing.value}{extra})"
    return marks
