"""AIF rephrases (MA): the I-nodes an MA joins as one claim, unless that joins claims at odds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from argmap.interop.aifgraph import AifGraph
from argmap.interop.cycles import on_cycles
from argmap.interop.graph import GraphBuilder

__all__ = ["follow_rephrases"]

_FOLLOWED: Final = (
    "rephrases (MA) followed: the I-nodes each joins are read as one claim, the other "
    "wordings kept in its note"
)
_APART: Final = (
    "rephrases (MA) not followed where {}: the I-nodes kept as claims of their own, the "
    "rephrase in a note"
)
_HUB: Final = "they join one claim to claims that conflict (a question to its answers)"
_CONFLICT: Final = "they would make one claim of claims that conflict"
_CYCLE: Final = "they would make a claim bear on itself (a cycle)"
_SHORT: Final = {
    _HUB: "the answers conflict",
    _CONFLICT: "the claims conflict",
    _CYCLE: "it would make a cycle",
}


@dataclass
class _Merge:
    """Union-find over I-nodes, each set's claim the I-node of it first in the file."""

    aif: AifGraph
    arrows: Mapping[str, list[str]]
    conflicts: Mapping[str, set[str]]
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
        """Read the sets of ``a`` and ``b`` as one claim: the one first in the file."""
        first, second = sorted((self.find(a), self.find(b)), key=self.aif.position.__getitem__)
        if first != second:
            self.parent[second] = first
            self.members[first] = self.group(first) + self.group(second)
            self.members.pop(second, None)

    def group(self, root: str) -> list[str]:
        """The I-nodes read as the claim ``root``."""
        return self.members.get(root, [root])

    def problem(self, a: str, b: str) -> str | None:
        """Why the sets of ``a`` and ``b`` cannot be one claim (None: they can)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if any(self.find(o) == rb for k in self.group(ra) for o in self.conflicts.get(k, ())):
            return _CONFLICT
        if self._reaches(ra, rb) or self._reaches(rb, ra):
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


def _joins(aif: AifGraph) -> list[tuple[str, str, str]]:
    """Each MA's pairs (MA, first I-node it joins, another), in file order."""
    out: list[tuple[str, str, str]] = []
    for node_id, kind in aif.kinds.items():
        if kind == "MA":
            joined = [k for k in aif.into[node_id] + aif.out_of[node_id] if aif.kinds[k] == "I"]
            joined = list(dict.fromkeys(joined))
            out += [(node_id, joined[0], other) for other in joined[1:]]
    return out


def _hub_pairs(
    joins: list[tuple[str, str, str]], conflicts: Mapping[str, set[str]]
) -> set[tuple[str, str]]:
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


def _risky(merge: _Merge, joins: list[tuple[str, str, str]]) -> set[str]:
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


def follow_rephrases(aif: AifGraph, graph: GraphBuilder) -> list[tuple[str, str]]:
    """Follow MA (rephrase) nodes: the I-nodes one MA joins are one claim, in several words.

    The claim is the one of them first in the file; the other wordings go in its note
    (:attr:`AifGraph.canon`). An MA is not followed where that would make one claim of
    claims that conflict (a CA between them, or between what they are already one claim
    with), of a question and its answers that conflict (QT30 links each answer to the
    question by an MA), or of claims one of which bears on the other (a cycle): those stay
    claims of their own, said in a warning.

    Returns:
        Each such rephrase as a note for the claim that rephrases: (its key, the note).
    """
    joins = _joins(aif)
    arrows, conflicts = _relations(aif)
    merge = _Merge(aif, arrows, conflicts)
    hubs = _hub_pairs(joins, conflicts)
    safe = [j for j in joins if (j[1], j[2]) not in hubs]
    risky = _risky(merge, safe) if arrows and safe else set()
    refused: list[tuple[str, str, str, str]] = []
    for ma, a, b in joins:
        reason = _HUB if (a, b) in hubs else None
        if reason is None and a in risky:
            reason = merge.problem(a, b)
        if reason is None:
            merge.union(a, b)
        else:
            refused.append((ma, a, b, reason))
    apart = {ma for ma, *_ in refused}
    for ma, *_, reason in refused:
        line, column = aif.place(ma)
        graph.warn_kind(_APART.format(reason), line, column, item=repr(ma))
    for node_id, kind in aif.kinds.items():
        if kind == "MA" and node_id not in apart:
            line, column = aif.place(node_id)
            graph.warn_kind(_FOLLOWED, line, column, item=repr(node_id))
    aif.canon = {key: merge.find(key) for key in merge.parent}
    return [
        (merge.find(a), f"Rephrase of: {_text(aif, b)} (AIF MA {ma!r} not followed: {_SHORT[r]})")
        for ma, a, b, r in refused
    ]


def _text(aif: AifGraph, node_id: str) -> str:
    return " ".join(aif.texts[node_id].split()) or node_id
