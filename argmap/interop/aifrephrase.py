"""AIF rephrases (MA): the I-nodes an MA joins as one claim, in the words its relations use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from argmap.interop.aifgraph import AifGraph
from argmap.interop.cycles import on_cycles
from argmap.interop.graph import GraphBuilder

__all__ = ["follow_rephrases"]

_FOLLOWED: Final = (
    "rephrases (MA) followed: an I-node in no relation (RA or CA) is read as the claim it "
    "rephrases, its words kept in that claim's note (Also worded)"
)
_APART: Final = (
    "rephrases (MA) not followed where {}: the I-nodes kept as claims of their own, the "
    "rephrase in a note"
)
_HUB: Final = "they join one claim to claims that conflict (a question to its answers)"
_CONFLICT: Final = "they would make one claim of claims that conflict"
_CYCLE: Final = "they would make a claim bear on itself (a cycle)"
_WORDS: Final = (
    "they join claims that each take part in relations in words of their own (as one claim, "
    "a relation would show words the file does not give it)"
)
_LONE: Final = "rephrases (MA) that join fewer than two I-nodes: nothing to follow; skipped"
_SHORT: Final = {
    _HUB: "the answers conflict",
    _CONFLICT: "the claims conflict",
    _CYCLE: "it would make a cycle",
    _WORDS: "each takes part in relations in its own words",
}


_Join = tuple[str, str, str]
"""An MA, the first I-node it joins, and another it joins."""


@dataclass
class _Merge:
    """Union-find over I-nodes, each set's claim its I-node in a relation, else its first."""

    aif: AifGraph
    arrows: Mapping[str, list[str]]
    conflicts: Mapping[str, set[str]]
    bearing: set[str] = field(default_factory=set)
    """The I-nodes an RA or CA joins: their words are the ones a relation shows."""
    parent: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    targets: set[str] = field(default_factory=set)
    """The I-nodes some relation bears on."""

    def __post_init__(self) -> None:
        self.targets = {t for ts in self.arrows.values() for t in ts}

    def find(self, key: str) -> str:
        """The claim ``key`` is read as (path-halving, so long chains stay cheap)."""
        while (up := self.parent.get(key, key)) != key:
            self.parent[key] = self.parent.get(up, up)
            key = up
        return key

    def union(self, a: str, b: str) -> None:
        """Read the sets of ``a`` and ``b`` as one claim: the one in a relation, else the first."""
        first, second = sorted((self.find(a), self.find(b)), key=self._rank)
        if first != second:
            self.parent[second] = first
            self.members[first] = self.group(first) + self.group(second)
            self.members.pop(second, None)

    def _rank(self, root: str) -> tuple[bool, int]:
        return (root not in self.bearing, self.aif.position[root])

    def group(self, root: str) -> list[str]:
        """The I-nodes read as the claim ``root``."""
        return self.members.get(root, [root])

    def problem(self, a: str, b: str, *, walk: bool = True) -> str | None:
        """Why the sets of ``a`` and ``b`` cannot be one claim (None: they can).

        ``walk``: look for a cycle too (a walk over the relations), not only a conflict.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if any(self.find(o) == rb for k in self.group(ra) for o in self.conflicts.get(k, ())):
            return _CONFLICT
        if walk and (self._reaches(ra, rb) or self._reaches(rb, ra)):
            return _CYCLE
        return None

    def _bears(self, root: str) -> bool:
        return any(k in self.arrows for k in self.group(root))

    def _borne(self, root: str) -> bool:
        return any(k in self.targets for k in self.group(root))

    def _reaches(self, start: str, goal: str) -> bool:
        """Whether a chain of relations leads from the claim ``start`` to ``goal``."""
        if not (self._bears(start) and self._borne(goal)):
            return False  # no walk needed: one of them has no relation that way
        seen, todo = {start}, [start]
        while todo:
            for member in self.group(todo.pop()):
                for nxt in self.arrows.get(member, ()):
                    claim = self.find(nxt)
                    if claim == goal:
                        return True
                    if claim not in seen:
                        seen.add(claim)
                        todo.append(claim)
        return False


def _relations(aif: AifGraph) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Each I-node's relations to I-nodes (RA and CA), and whom it conflicts with (a CA)."""
    arrows: dict[str, list[str]] = {}
    conflicts: dict[str, set[str]] = {}

    def claims(ids: Iterable[str]) -> list[str]:
        return [k for k in ids if aif.kinds[k] == "I"]

    for node_id, kind in aif.kinds.items():
        if kind not in ("RA", "CA"):
            continue
        targets = claims(aif.out_of[node_id])
        for scheme in (t for t in aif.out_of[node_id] if aif.kinds[t] in ("RA", "CA")):
            targets += claims(aif.into[scheme] + aif.out_of[scheme])  # an undercut
        for source in claims(aif.into[node_id]):
            arrows.setdefault(source, []).extend(targets)
            if kind == "CA":
                for target in claims(aif.out_of[node_id]):
                    conflicts.setdefault(source, set()).add(target)
                    conflicts.setdefault(target, set()).add(source)
    return arrows, conflicts


def _joins(aif: AifGraph) -> list[_Join]:
    """Each MA's pairs (MA, first I-node it joins, another), in file order."""
    out: list[tuple[str, str, str]] = []
    for node_id, kind in aif.kinds.items():
        if kind == "MA":
            joined = [k for k in aif.into[node_id] + aif.out_of[node_id] if aif.kinds[k] == "I"]
            joined = list(dict.fromkeys(joined))
            out += [(node_id, joined[0], other) for other in joined[1:]]
    return out


def _hub_pairs(joins: list[_Join], conflicts: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """The pairs that join an I-node to one of several it joins that conflict with each other.

    QT30-style files link a question to each of its answers by an MA; the answers conflict.
    """
    partners: dict[str, set[str]] = {}
    for _, a, b in joins:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    out: set[tuple[str, str]] = set()
    for hub, around in partners.items():
        for partner in around:
            if any(o in around for o in conflicts.get(partner, ()) if o != partner):
                out |= {(hub, partner), (partner, hub)}
    return out


def _risky(merge: _Merge, joins: list[_Join]) -> set[str]:
    """The I-nodes whose rephrases, all followed, would put their claim on a cycle.

    Elsewhere every rephrase is followed unchecked, as it always was: contracting a set
    that lies on no cycle cannot make one at any step.
    """
    trial = _Merge(merge.aif, merge.arrows, merge.conflicts)
    for _, a, b in joins:
        trial.union(a, b)
    succ: dict[str, set[str]] = {}
    for source, targets in merge.arrows.items():
        succ.setdefault(trial.find(source), set()).update(trial.find(t) for t in targets)
    cyclic = on_cycles(list(succ), succ)
    return {k for root in cyclic if root in trial.members for k in trial.members[root]}


def _bearing(aif: AifGraph) -> set[str]:
    """The I-nodes an RA or CA joins (a premise, conclusion, attacker or target)."""
    out: set[str] = set()
    for node_id, kind in aif.kinds.items():
        if kind in ("RA", "CA"):
            out.update(k for k in aif.into[node_id] + aif.out_of[node_id] if aif.kinds[k] == "I")
    return out


def _spread(merge: _Merge, joins: list[_Join]) -> set[_Join]:
    """Read each I-node in no relation as the nearest claim in one that it rephrases.

    A walk out from the I-nodes in relations, one rephrase at a time, in file order: an
    I-node in no relation joins the claim that reaches it first. Such a node has no
    relation of its own, so the join can make no conflict and no cycle.

    Returns:
        The joins followed.
    """
    around: dict[str, list[tuple[_Join, str]]] = {}
    for join in joins:
        _, a, b = join
        around.setdefault(a, []).append((join, b))
        around.setdefault(b, []).append((join, a))
    todo = sorted((k for k in merge.bearing if k in around), key=merge.aif.position.__getitem__)
    reached, followed = set(todo), set()
    for key in todo:  # grows as it goes: a breadth-first walk
        for join, other in around[key]:
            if other not in reached and other not in merge.bearing:
                reached.add(other)
                merge.union(key, other)
                followed.add(join)
                todo.append(other)
    return followed


def follow_rephrases(aif: AifGraph, graph: GraphBuilder) -> list[tuple[str, str]]:
    """Follow MA (rephrase) nodes: the I-nodes one MA joins are one claim, in several words.

    A relation keeps the words of the I-nodes it joins: an I-node that takes part in no
    relation (RA or CA) is read as the nearest claim it rephrases that does, its words in
    that claim's note (:attr:`AifGraph.canon`); I-nodes in no relation at all are one
    claim, the first of them in the file. I-nodes that each take part in relations stay
    claims of their own unless their words are the same. Nor is an MA followed where it
    would make one claim of claims that conflict (a CA between them), of a question and
    its answers that conflict (QT30 links each answer to the question by an MA), or of
    claims one of which bears on the other (a cycle). What is kept apart is said in a
    warning and a note; what is followed, in a warning naming each join.

    Returns:
        Each rephrase not followed as a note for the claim that rephrases: (its key, the note).
    """
    joins = _joins(aif)
    arrows, conflicts = _relations(aif)
    merge = _Merge(aif, arrows, conflicts, _bearing(aif))
    hubs = _hub_pairs(joins, conflicts)
    safe = [j for j in joins if (j[1], j[2]) not in hubs]
    followed = _spread(merge, safe)
    both = [j for j in safe if j not in followed and merge.find(j[1]) in merge.bearing]
    risky = _risky(merge, both) if arrows and both else set()
    refused: list[tuple[str, str, str, str]] = []
    for ma, a, b in joins:
        if (ma, a, b) in followed or merge.find(a) == merge.find(b):
            followed.add((ma, a, b))
            continue
        reason = _HUB if (a, b) in hubs else None
        if reason is None and merge.find(a) in merge.bearing and merge.find(b) in merge.bearing:
            reason = merge.problem(a, b, walk=a in risky)
            if reason is None and not _alike(merge, a, b):
                reason = _WORDS
        if reason is None:
            merge.union(a, b)
            followed.add((ma, a, b))
        else:
            refused.append((ma, a, b, reason))
    _warn(aif, graph, merge, followed, refused)
    aif.canon = {key: merge.find(key) for key in merge.parent}
    return [
        (merge.find(a), f"Rephrase of: {_text(aif, b)} (AIF MA {ma!r} not followed: {_SHORT[r]})")
        for ma, a, b, r in refused
    ]


def _alike(merge: _Merge, a: str, b: str) -> bool:
    """Whether the claims of ``a`` and ``b`` are said in the same words."""
    return _text(merge.aif, merge.find(a)) == _text(merge.aif, merge.find(b))


def _warn(
    aif: AifGraph,
    graph: GraphBuilder,
    merge: _Merge,
    followed: set[_Join],
    refused: list[tuple[str, str, str, str]],
) -> None:
    """One warning per kind: each MA followed (which I-nodes read as which), each kept apart."""
    for ma, *_, reason in refused:
        line, column = aif.place(ma)
        graph.warn_kind(_APART.format(reason), line, column, item=repr(ma))
    joined: dict[str, dict[str, list[str]]] = {}
    for ma, a, b in sorted(followed, key=lambda j: aif.position[j[0]]):
        root = merge.find(a)
        into = joined.setdefault(ma, {}).setdefault(root, [])
        into += [k for k in (a, b) if k != root and k not in into]
    for ma, roots in joined.items():
        said = "; ".join(f"{', '.join(map(repr, ks))} read as {r!r}" for r, ks in roots.items())
        line, column = aif.place(ma)
        graph.warn_kind(_FOLLOWED, line, column, item=f"{ma!r} ({said})")
    for node_id, kind in aif.kinds.items():
        if kind == "MA" and node_id not in joined and all(j[0] != node_id for j in refused):
            line, column = aif.place(node_id)
            graph.warn_kind(_LONE, line, column, item=repr(node_id))


def _text(aif: AifGraph, node_id: str) -> str:
    return " ".join(aif.texts[node_id].split()) or node_id
