"""The flat JSON export: one record per node with its parent, relation and cross-links."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from argmap.exporters import Exporter, RenderOptions
from argmap.model import NODE_FIELDS, ArgumentMap, Node, plain_value

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["EXPORTER", "to_json", "to_records"]


def _record(node: Node) -> dict[str, Any]:
    """One node as a JSON record: every field of :data:`~argmap.model.NODE_FIELDS`, in order."""
    out: dict[str, Any] = {}
    for name in NODE_FIELDS:
        value = plain_value(getattr(node, name))
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
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
