"""AIF test data made from claims and scheme nodes, for the AIF importer's tests."""

from __future__ import annotations

from typing import Any


def aif_graph(claims: dict[str, str], schemes: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    """AIF data: I-nodes, then scheme nodes (id, type, from, to), one edge in and one out."""
    nodes = [{"nodeID": k, "text": text, "type": "I"} for k, text in claims.items()]
    nodes += [{"nodeID": s, "text": "", "type": kind} for s, kind, _, _ in schemes]
    edges = [
        e for s, _, a, b in schemes for e in ({"fromID": a, "toID": s}, {"fromID": s, "toID": b})
    ]
    return {"nodes": nodes, "edges": edges}
