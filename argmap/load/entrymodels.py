"""The entry models: a map file's entries checked where plainentry's checks do not settle them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

from argmap.model import (
    Assessment,
    Basis,
    Citation,
    Name,
    NodeId,
    NodeKind,
    Outlet,
    Relation,
    SourceDocument,
    Strength,
    Text,
)
from argmap.model.tags import TagList

__all__ = [
    "ENTRY_MODELS",
    "LinkEntry",
    "LinkedHeader",
    "MapHeader",
    "header_fallback",
]


def _no_items() -> list[Any]:
    """A new empty list: the default of list fields.

    Not ``default_factory=list``: pydantic reads a factory's signature, and a built-in's
    is parsed from text with the tokenizer (about 5 ms a run, for a default).
    """
    return []


class _Entry(BaseModel):
    # Each model is built on its first use: a command builds only those it checks with.
    # A plainly valid entry is checked without them, nor are they created: plainentry.py
    # restates these models' rules, mapfile.py their fields (ENTRY_FIELDS): change all.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class LinkEntry(_Entry):
    """A cross-link in full form: ``{to: ID, relation: supports}``."""

    to: NodeId = Field(description="Id of the other node this one bears on.")
    relation: Relation | None = Field(
        None,
        description="supports, attacks or undercuts; defaults to this node's own relation.",
    )


class _Statement(_Entry):
    """The fields every node has: what it says, where it comes from, who added it."""

    id: NodeId | None = Field(
        None,
        description="Stable id, unique in the map. Generated from the text when left out.",
    )
    text: Text = Field(description="The one statement this node makes.")
    quote: str | None = Field(None, description="Verbatim words from the source document.")
    citation: Citation | None = Field(
        None, description="What the source document credits: outlet and date."
    )
    source: str | None = Field(None, description="Key into the map's 'sources' table.")
    author: Name | None = Field(
        None, description="Who added this node (reviewers sign): one line, a name."
    )
    added: dt.date | None = Field(None, description="When it was added (YYYY-MM-DD).")
    tags: TagList = Field(
        default_factory=_no_items,
        description="Free-form labels, each one line with no space at either end, each once.",
    )
    strength: Strength | None = Field(None, description="weak, moderate or strong.")
    assessment: Assessment | None = Field(
        None, description="A person's own mark: accept, reject or unsure."
    )
    note: str | None = Field(None, description="A comment for readers of the map.")


class _NodeEntry(_Statement):
    links: list[NodeId | LinkEntry] = Field(
        default_factory=_no_items,
        description="Cross-links: other nodes this one also bears on, by id.",
    )


class _EvidenceFields(_NodeEntry):
    basis: Basis | None = Field(None, description="What kind of evidence this is.")


_UNDERCUT: Final = Field(
    False, description="Attack the link from the parent to its parent, not the parent."
)


class _ObjectionFields(_NodeEntry):
    undercut: bool = _UNDERCUT


class LinkedHeader(_Entry):
    """The fields of a linked group other than its premises."""

    id: NodeId | None = Field(None, description="Id of the joint reason (generated if absent).")
    note: str | None = Field(None, description="A comment on the joint reason.")


class MapHeader(_Entry):
    """The fields of a map file other than its thesis."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str | None = Field(None, alias="$schema", description="JSON Schema of this file.")
    title: Text = Field(description="The map's title.")
    description: str | None = Field(None, description="What the map is about.")
    source: SourceDocument | None = Field(None, description="The document the map reconstructs.")
    sources: dict[str, Outlet] = Field(
        default_factory=dict, description="Outlets the document cites, by key."
    )


def header_fallback(fields: dict[str, Any]) -> MapHeader:
    """What is usable of a header that failed its check, so the node checks still run.

    The title (or ``?``) and the keys of ``sources`` as bare outlets: a node citing a
    source the table has is not reported because some other header field is wrong.
    Map files and the flat JSON export both read a failed header this way.
    """
    raw_sources = fields.get("sources")
    sources = (
        {str(k): Outlet(name=str(k)) for k in raw_sources} if isinstance(raw_sources, dict) else {}
    )
    return MapHeader.model_construct(title=fields.get("title") or "?", sources=sources)


ENTRY_MODELS: Final[dict[NodeKind, type[_NodeEntry]]] = {
    NodeKind.THESIS: _NodeEntry,
    NodeKind.PREMISE: _NodeEntry,
    NodeKind.EVIDENCE: _EvidenceFields,
    NodeKind.OBJECTION: _ObjectionFields,
    NodeKind.REBUTTAL: _ObjectionFields,
    NodeKind.CONCLUSION: _NodeEntry,
}
"""The model that checks one node's own fields (its child lists taken out), by kind."""
