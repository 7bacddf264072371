"""The map's vocabulary: node kinds, relations and marks, and which kind may go where."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

__all__ = [
    "ALLOWED_RELATIONS",
    "CHILD_KINDS",
    "DEFAULT_RELATION",
    "ID_PATTERN",
    "KIND_LABELS",
    "SUPPORTABLE",
    "Assessment",
    "Basis",
    "NodeKind",
    "Relation",
    "Strength",
    "kind_count",
]

# Plain enums and constants only: the command line reads its choices from here without
# importing pydantic, which keeps ``argmap --help`` quick.

ID_PATTERN: Final = r"^[^\W][\w.-]*$"
"""Node ids: a letter, digit or underscore, then word characters, dots and dashes."""


class NodeKind(StrEnum):
    """What a node is in the argument."""

    THESIS = "thesis"
    PREMISE = "premise"
    EVIDENCE = "evidence"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"
    CONCLUSION = "conclusion"

    @property
    def article(self) -> str:
        """The kind as messages name one node of it: "a premise", "an objection", "evidence"."""
        if self is NodeKind.EVIDENCE:  # a mass noun: "is evidence", not "is a evidence"
            return self.value
        return f"{'an' if self.value[0] in 'aeiou' else 'a'} {self.value}"


class Relation(StrEnum):
    """How a node bears on its target."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"


class Basis(StrEnum):
    """What a piece of evidence rests on (after Rationale's basis boxes)."""

    QUOTE = "quote"
    STATISTIC = "statistic"
    EXPERT_OPINION = "expert-opinion"
    OFFICIAL_STATEMENT = "official-statement"
    EVENT = "event"
    MEDIA = "media"
    PUBLICATION = "publication"
    DATA = "data"
    EXAMPLE = "example"
    CASE_STUDY = "case-study"
    LAW = "law"
    WEBSITE = "website"
    PERSONAL_EXPERIENCE = "personal-experience"
    COMMON_BELIEF = "common-belief"


class Strength(StrEnum):
    """How strongly a node bears on its target, as judged by the map's author."""

    WEAK = "weak"
    MODERATE = "moderate"
    STRONG = "strong"


class Assessment(StrEnum):
    """A person's own accept/reject mark on a node (a teacher's or a student's)."""

    ACCEPT = "accept"
    REJECT = "reject"
    UNSURE = "unsure"


# Which relations each kind may use, and which kinds it may target.
ALLOWED_RELATIONS: Final[Mapping[NodeKind, frozenset[Relation]]] = {
    NodeKind.THESIS: frozenset(),
    NodeKind.PREMISE: frozenset({Relation.SUPPORTS}),
    NodeKind.EVIDENCE: frozenset({Relation.SUPPORTS}),
    NodeKind.OBJECTION: frozenset({Relation.ATTACKS, Relation.UNDERCUTS}),
    NodeKind.REBUTTAL: frozenset({Relation.ATTACKS, Relation.UNDERCUTS}),
    NodeKind.CONCLUSION: frozenset(),
}
"""Relations a node of each kind may have to its parent or a cross-link target.

A conclusion has none: it bears on nothing, it is drawn from its parent (the thesis or
another conclusion); see :mod:`argmap.model.conclusions`."""

SUPPORTABLE: Final = frozenset(
    {NodeKind.THESIS, NodeKind.PREMISE, NodeKind.OBJECTION, NodeKind.REBUTTAL}
)
"""Kinds that premises and evidence may support (claims, not evidence)."""

CHILD_KINDS: Final[Mapping[NodeKind, frozenset[NodeKind]]] = {
    NodeKind.THESIS: frozenset(
        {NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION, NodeKind.CONCLUSION}
    ),
    NodeKind.PREMISE: frozenset({NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION}),
    NodeKind.EVIDENCE: frozenset({NodeKind.OBJECTION}),
    NodeKind.OBJECTION: frozenset(
        {NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION, NodeKind.REBUTTAL}
    ),
    NodeKind.REBUTTAL: frozenset(
        {NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION, NodeKind.REBUTTAL}
    ),
    NodeKind.CONCLUSION: frozenset({NodeKind.OBJECTION, NodeKind.CONCLUSION}),
}
"""Kinds of node that may sit directly under a node of each kind."""


DEFAULT_RELATION: Final[dict[NodeKind, Relation | None]] = {
    NodeKind.THESIS: None,
    NodeKind.PREMISE: Relation.SUPPORTS,
    NodeKind.EVIDENCE: Relation.SUPPORTS,
    NodeKind.OBJECTION: Relation.ATTACKS,
    NodeKind.REBUTTAL: Relation.ATTACKS,
    NodeKind.CONCLUSION: None,
}
"""How a node of each kind bears on its parent unless its entry says otherwise (a
conclusion is drawn from its parent: no relation)."""


KIND_LABELS: Final[dict[NodeKind, str]] = {
    NodeKind.THESIS: "Thesis",
    NodeKind.PREMISE: "Reason",
    NodeKind.EVIDENCE: "Evidence",
    NodeKind.OBJECTION: "Objection",
    NodeKind.REBUTTAL: "Rebuttal",
    NodeKind.CONCLUSION: "Conclusion",
}
"""The word written for each kind in outlines and text exports: colour is never the only signal.

A premise is a "reason", as the diagram, its key and the Markdown export call it (the map
file, `show` and `add` use the file's word, premise)."""


def kind_count(kind: NodeKind, count: int) -> str:
    """How many nodes of a kind, in words: ``1 reason``, ``4 reasons``, ``2 evidence``."""
    word = KIND_LABELS[kind].lower()
    if count != 1 and kind is not NodeKind.EVIDENCE:
        word = "theses" if kind is NodeKind.THESIS else word + "s"
    return f"{count:,} {word}"
