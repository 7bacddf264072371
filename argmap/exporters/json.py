"""The flat JSON export: one record per node with its parent, relation and cross-links."""

from __future__ import annotations

import json
from enum import Enum
from typing import TYPE_CHECKING, Any

from argmap.exporters import Exporter, RenderOptions
from argmap.model import ArgumentMap, Node

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["EXPORTER", "to_json", "to_records"]

NODE_FIELDS = (
    "id",
    "kind",
    "text",
    "quote",
    "citation",
    "source",
    "author",
    "added",
    "tags",
    "strength",
    "basis",
    "assessment",
    "note",
    "parent",
    "relation",
    "group",
    "links",
)
"""The keys of every node record, in output order (a stable interface for scripts)."""


def _record(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in NODE_FIELDS:
        value = getattr(node, name)
        if isinstance(value, Enum):
            value = value.value
        elif name == "citation" and value is not None:
            value = value.model_dump(exclude_none=True)
        elif name == "added" and value is not None:
            value = value.isoformat()
        elif name == "tags":
            value = list(value)
        elif name == "links":
            value = [{"to": link.to, "relation": link.relation.value} for link in value]
        out[name] = value
    return out


def to_records(m: ArgumentMap) -> dict[str, Any]:
    """Return the flat form as plain data: map metadata plus nodes in document order."""
    return {
        "title": m.title,
        "description": m.description,
        "source": None if m.source is None else m.source.model_dump(exclude_none=True),
        "sources": {k: v.model_dump(exclude_none=True) for k, v in m.sources.items()},
        "nodes": [_record(node) for node in m.nodes],
    }


def to_json(
    m: ArgumentMap, analysis: Analysis | None = None, options: RenderOptions | None = None
) -> str:
    """Return the flat JSON export as text (UTF-8, two-space indent, trailing newline)."""
    return json.dumps(to_records(m), ensure_ascii=False, indent=2) + "\n"


EXPORTER = Exporter("json", ".json", "flat JSON: one record per node (for scripts)", to_json)
