"""The ``stats`` report: counts, shape and standing of a map, as data or a text table."""

from __future__ import annotations

import unicodedata
from typing import Any, Final

from argmap.analysis.standing import Analysis, Standing
from argmap.model import ArgumentMap, Node, NodeKind

__all__ = ["format_stats", "stats_data"]

_TEXT_WIDTH: Final = 60


def _node_record(m: ArgumentMap, a: Analysis, node_id: str) -> dict[str, Any]:
    node = m.get(node_id)
    return {
        "id": node.id,
        "kind": node.kind.value,
        "target": node.parent,
        "author": node.author,
        "standing": a.standing[node.id].value,
        "text": node.text,
    }


def stats_data(m: ArgumentMap, a: Analysis) -> dict[str, Any]:
    """Return the stats report as plain JSON-ready data (keys in a fixed order).

    Args:
        m: the map.
        a: its analysis (:func:`argmap.analysis.standing.analyze`).

    Returns:
        A dict: title, thesis (id, standing, support), node counts by kind and author,
        depth, breadth, standing counts, the conclusions drawn from the thesis (each
        record's ``target`` is what it is drawn from), the lists of unanswered objections,
        unsupported premises, evidence without quote, citation or source, and disagreements.
    """
    tally = {s.value: 0 for s in Standing}
    for value in a.standing.values():
        tally[value.value] += 1
    return {
        "title": m.title,
        "thesis": {
            "id": a.thesis,
            "standing": a.thesis_standing.value,
            "support": a.support[a.thesis].value,
        },
        "nodes": len(m),
        "by_kind": dict(a.counts_by_kind),
        "by_author": dict(a.counts_by_author),
        "unsigned": a.unsigned,
        "depth": a.depth,
        "breadth": a.breadth,
        "standing": tally,
        "conclusions": [
            _node_record(m, a, node.id) for node in m.nodes if node.kind is NodeKind.CONCLUSION
        ],
        "unanswered": [_node_record(m, a, node_id) for node_id in a.unanswered],
        "unsupported_premises": list(a.unsupported_premises),
        "unsourced_evidence": list(a.unsourced_evidence),
        "disagreements": [
            {"id": d.node_id, "assessment": d.assessment.value, "standing": d.standing.value}
            for d in a.disagreements
        ],
    }


def _clean(text: str) -> str:
    """Make user text safe for one terminal line: control characters become escapes."""
    out = []
    for ch in text:
        if ch in "\n\t\r":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def _short(node: Node) -> str:
    text = " ".join(_clean(node.text).split())
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 3] + "..."


def format_stats(m: ArgumentMap, a: Analysis) -> str:
    """Return the stats report as a text table (what ``argmap stats`` prints).

    Args:
        m: the map.
        a: its analysis.

    Returns:
        Lines ending in a newline; user text has control characters escaped.
    """
    data = stats_data(m, a)
    rows: list[tuple[str, str]] = [
        ("map", _clean(m.title)),
        ("thesis", f"{a.thesis} ({data['thesis']['standing']}, {data['thesis']['support']})"),
        ("nodes", str(len(m))),
    ]
    rows += [
        (f"  {kind}", str(n))
        for kind, n in a.counts_by_kind.items()
        if n or kind != NodeKind.CONCLUSION  # listed only in maps that draw conclusions
    ]
    rows += [("authors", str(len(a.counts_by_author)))]
    rows += [(f"  {_clean(name)}", str(n)) for name, n in a.counts_by_author.items()]
    rows += [("  (unsigned)", str(a.unsigned))]
    rows += [("depth", str(a.depth)), ("breadth", str(a.breadth))]
    rows += [("standing", ", ".join(f"{k} {v}" for k, v in data["standing"].items()))]
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{label:<{width}}{value}" for label, value in rows]

    def section(title: str, ids: tuple[str, ...], detail: bool) -> None:
        lines.append("")
        lines.append(f"{title} ({len(ids)})")
        pad = max((len(i) for i in ids), default=0) + 2
        for node_id in ids:
            node = m.get(node_id)
            if detail:
                lines.append(f"  {node_id:<{pad}}{a.standing[node_id].value:<10}{_short(node)}")
            else:
                lines.append(f"  {node_id:<{pad}}{_short(node)}")

    drawn = tuple(record["id"] for record in data["conclusions"])
    if drawn:
        section("conclusions drawn from the thesis", drawn, True)
    section("unanswered objections and rebuttals", a.unanswered, True)
    section("unsupported premises", a.unsupported_premises, False)
    section("evidence without quote, citation or source", a.unsourced_evidence, False)
    lines.append("")
    lines.append(f"disagreements with assessments ({len(a.disagreements)})")
    for d in a.disagreements:
        lines.append(f"  {d.node_id}: marked {d.assessment.value}, computed {d.standing.value}")
    return "\n".join(lines) + "\n"
