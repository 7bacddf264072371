"""Argdown data blocks ``{...}``: parsed, and shared out as node fields, settings and notes."""

from __future__ import annotations

from typing import Any, Final

from argmap.interop.argdown import DATA_FIELDS
from argmap.interop.argdown.scan import Scan
from argmap.interop.elements import Element
from argmap.interop.fitting import note_value
from argmap.interop.flowyaml import load_flow
from argmap.interop.graph import GraphBuilder
from argmap.model import NodeKind

__all__ = ["KNOWN_KEYS", "element_data", "keep_in_note", "read_data"]

KNOWN_KEYS: Final = frozenset({*DATA_FIELDS, "kind", "text", "tags", "uses"})
"""Data keys argmap reads: node fields, a kind, a text, tags, an inference's premises."""
_SETTINGS: Final = frozenset(
    {"isInMap", "isInGroup", "isGroup", "isClosed", "isCanonical", "color", "rank"}
)
"""Data keys that set how Argdown draws an element (no content of the argument)."""


def read_data(scan: Scan, graph: GraphBuilder, lineno: int) -> dict[str, Any]:
    """The data block of a scanned element as a mapping; ``{}`` (with a warning) when unfit."""
    for what in scan.unsupported:
        graph.warn(lineno, f"{what}; the rest of the element is skipped")
    if scan.data is None:
        return {}
    try:
        data = load_flow(scan.data)
    except ValueError as exc:
        graph.warn(lineno, f"invalid data block ({exc}); ignored")
        return {}
    if not isinstance(data, dict):
        graph.warn(lineno, "a data block must be a mapping {key: value}; ignored")
        return {}
    return data


def element_data(
    element: Element, data: dict[str, Any], graph: GraphBuilder, where: tuple[int, int]
) -> NodeKind | None:
    """Give ``element`` the node fields of ``data``; return the kind it states, if valid.

    Keys argmap has no field for are kept in the element's note (``key: value``), except
    Argdown's drawing settings (``isInMap``, ``color``...), which are reported.
    """
    line, column = where
    kind: NodeKind | None = None
    for name, value in data.items():
        if name == "kind":
            try:
                kind = NodeKind(value)
            except ValueError:
                graph.warn_kind("unknown kinds ignored", line, column, item=repr(value))
        elif name in KNOWN_KEYS and name not in ("text", "tags", "uses"):
            element.fields[name] = value
        elif name in _SETTINGS:
            graph.warn_kind("Argdown drawing settings not kept", line, column, item=repr(name))
        elif name not in KNOWN_KEYS:
            keep_in_note(element, name, value, graph, where)
    return kind


def keep_in_note(
    element: Element, name: str, value: Any, graph: GraphBuilder, where: tuple[int, int]
) -> None:
    """Keep a data key argmap has no field for in the element's note, ``key: value``."""
    note = f"{name}: {note_value(value)}"
    if note not in element.notes:
        element.notes.append(note)
    graph.warn_kind(
        "data keys argmap has no field for are kept in the node's note as 'key: value'",
        where[0],
        where[1],
        item=repr(name),
    )
