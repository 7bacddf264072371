"""The map file as one nested model, for its JSON Schema: entries holding their child lists."""

# Validation checks one node at a time with the flat entry models of ``entrymodels``
# (ENTRY_MODELS); these nested ones only describe whole files, for ``argmap schema`` and
# editors. They live apart so that loading a map never creates them: defining them cost
# a load as much as building the entry models it checks with.

from __future__ import annotations

from typing import Any, Final

from pydantic import ConfigDict, Field

from argmap.load.entrymodels import (
    _UNDERCUT,
    LinkedHeader,
    MapHeader,
    _EvidenceFields,
    _NodeEntry,
    _Statement,
)

__all__ = [
    "ConclusionEntry",
    "EvidenceEntry",
    "LinkedEntry",
    "MapFile",
    "ObjectionEntry",
    "PremiseEntry",
    "RebuttalEntry",
    "ThesisEntry",
    "json_schema",
]

_NESTED: Final = ConfigDict(extra="forbid", defer_build=True)


class EvidenceEntry(_EvidenceFields):
    """Evidence: a fact, quote, statistic or observation that grounds its parent."""

    model_config = _NESTED

    objections: list[ObjectionEntry] = Field(
        default_factory=list, description="Objections to this evidence."
    )


class _ClaimEntry(_NodeEntry):
    model_config = _NESTED

    premises: list[PremiseEntry | LinkedEntry] = Field(
        default_factory=list,
        description="Reasons for this claim; a {linked: [...]} item is a co-premise group.",
    )
    evidence: list[EvidenceEntry] = Field(
        default_factory=list, description="Evidence that grounds this claim."
    )
    objections: list[ObjectionEntry] = Field(
        default_factory=list, description="Objections that attack this claim."
    )


class ThesisEntry(_ClaimEntry):
    """The thesis: the claim the whole map argues for."""

    conclusions: list[ConclusionEntry] = Field(
        default_factory=list,
        description="Claims the argument draws from the thesis: they stand only if it does.",
    )


class ConclusionEntry(_Statement):
    """A conclusion drawn from the thesis (or from the conclusion it is listed under)."""

    model_config = _NESTED

    objections: list[ObjectionEntry] = Field(
        default_factory=list,
        description="Objections to this conclusion; with undercut: true, to the step to it.",
    )
    conclusions: list[ConclusionEntry] = Field(
        default_factory=list, description="Claims drawn in turn from this conclusion."
    )


class PremiseEntry(_ClaimEntry):
    """A premise: a reason that supports its parent."""


class ObjectionEntry(_ClaimEntry):
    """An objection: attacks its parent, or with ``undercut: true`` the parent's inference."""

    undercut: bool = _UNDERCUT
    rebuttals: list[RebuttalEntry] = Field(
        default_factory=list, description="Answers to this objection."
    )


class RebuttalEntry(ObjectionEntry):
    """A rebuttal: an objection to an objection."""


class LinkedEntry(LinkedHeader):
    """Co-premises that support their parent only together (one joint reason)."""

    model_config = _NESTED

    linked: list[PremiseEntry] = Field(min_length=2, description="The co-premises, two or more.")


class MapFile(MapHeader):
    """An argmap map file."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, title="argmap map file", defer_build=True
    )

    thesis: ThesisEntry = Field(description="The root claim.")


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of map files, generated from the nested entry models."""
    schema = MapFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
