"""The ``stats`` report: counts, shape and standing of a map, as data or a text table."""

from __future__ import annotations

import unicodedata
from typing import Any, Final

from argmap.analysis.stakes import against
from argmap.analysis.standing import Analysis, Standing
from argmap.model import ArgumentMap, Node, NodeKind, Relation

__all__ = [
    "COMMON_GROUND_TAG",
    "format_stats",
    "premises_without_support",
    "stats_data",
    "unanswered_by_kind",
]

COMMON_GROUND_TAG: Final = "common-ground"
"""A premise with this tag is accepted by both sides and needs no support."""

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


def premises_without_support(m: ArgumentMap) -> tuple[str, ...]:
    """Premises with no support given: no premise or evidence supports them at all.

    Lint's ``unsupported-premise`` and the stats' "premises with no support given" are
    this list. Premises tagged ``common-ground`` (accepted by both sides) need none.
    """
    supported = {target.id for _s, target, rel, _c in m.edges() if rel is Relation.SUPPORTS}
    return tuple(
        node.id
        for node in m.nodes
        if node.kind is NodeKind.PREMISE
        and node.id not in supported
        and COMMON_GROUND_TAG not in node.tags
    )


def unanswered_by_kind(m: ArgumentMap, a: Analysis) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Objections, then rebuttals, with no standing answer, as drawn, the most at stake first.

    An objection to an objection is a rebuttal here as in the diagram, the outline and
    ``show``; the HTML page's "objections with no standing answer" is the first list.
    Each list puts first what attacks the thesis, then what undercuts a link into it, then
    the rest, the nearer the thesis the sooner (see :func:`~.stakes.stake`).
    """
    from argmap.analysis.stakes import by_stake
    from argmap.analysis.view import draw_kind

    kinds = {node_id: draw_kind(m, m.get(node_id)) for node_id in a.unanswered}
    return (
        by_stake(m, (i for i in a.unanswered if kinds[i] is NodeKind.OBJECTION)),
        by_stake(m, (i for i in a.unanswered if kinds[i] is NodeKind.REBUTTAL)),
    )


def stats_data(m: ArgumentMap, a: Analysis) -> dict[str, Any]:
    """Return the stats report as plain JSON-ready data (keys in a fixed order).

    Args:
        m: the map.
        a: its analysis (:func:`argmap.analysis.standing.analyze`).

    Returns:
        A dict: title, thesis (id, standing, support), node counts by kind (as drawn)
        and author, depth, breadth, standing counts; the conclusions drawn from the thesis
        (each record's ``target`` is what it is drawn from); ``unanswered``: the objections
        and rebuttals with no standing answer (records: the objections, then the rebuttals,
        each the most at stake first), split by kind in ``unanswered_objections`` and
        ``unanswered_rebuttals``; ``unsupported_premises``:
        premises with no standing support, split into ``premises_without_support`` (none
        given: lint's ``unsupported-premise``) and ``premises_support_defeated``; evidence
        without quote, citation or source; and disagreements.
    """
    objections, rebuttals = unanswered_by_kind(m, a)
    given_none = premises_without_support(m)
    none_given = frozenset(given_none)  # a set: a thesis with 100,000 premises lists them all
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
        "unanswered": [_node_record(m, a, node_id) for node_id in (*objections, *rebuttals)],
        "unanswered_objections": list(objections),
        "unanswered_rebuttals": list(rebuttals),
        "unsupported_premises": list(a.unsupported_premises),
        "premises_without_support": list(given_none),
        "premises_support_defeated": [i for i in a.unsupported_premises if i not in none_given],
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

    def section(title: str, ids: tuple[str, ...], detail: bool, aims: bool = False) -> None:
        lines.append("")
        lines.append(f"{title} ({len(ids)})")
        pad = max((len(i) for i in ids), default=0) + 2
        for node_id in ids:
            node = m.get(node_id)
            if aims:  # standing "in" all: what each attacks says more, on a line of its own
                lines.append(f"  {node_id:<{pad}}{_short(node)}")
                lines.append(f"  {'':<{pad}}on: {_clean(against(m, node))}")
            elif detail:
                lines.append(f"  {node_id:<{pad}}{a.standing[node_id].value:<10}{_short(node)}")
            else:
                lines.append(f"  {node_id:<{pad}}{_short(node)}")

    drawn = tuple(record["id"] for record in data["conclusions"])
    if drawn:
        section("conclusions drawn from the thesis", drawn, True)
    objections, rebuttals = unanswered_by_kind(m, a)
    section("objections with no standing answer", objections, True, aims=True)
    section("rebuttals with no standing answer", rebuttals, True, aims=True)
    given_none = premises_without_support(m)
    section("premises with no support given", given_none, False)
    none_given = frozenset(given_none)  # a set: a thesis with 100,000 premises lists them all
    defeated = tuple(i for i in a.unsupported_premises if i not in none_given)
    section("premises whose support is all defeated", defeated, False)
    section("evidence without quote, citation or source", a.unsourced_evidence, False)
    lines.append("")
    lines.append(f"disagreements with assessments ({len(a.disagreements)})")
    for d in a.disagreements:
        lines.append(f"  {d.node_id}: marked {d.assessment.value}, computed {d.standing.value}")
    return "\n".join(lines) + "\n"
