"""Hypothesis strategies: random valid argument maps (shared by property tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from argmap.model import CHILD_KINDS, ArgumentMap, Node, NodeKind, Relation
from argmap.model.idchars import shows_nothing
from argmap.model.tags import tag_problem

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda s: not shows_nothing(s))
OPTIONAL_TEXT = st.none() | TEXT
NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"))
    | st.just(" "),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and not shows_nothing(s))
"""A valid author's name: one line of printable characters (the usual case) that shows
something (not variation selectors alone, which are marks: a map with one is refused)."""
TAG = TEXT.filter(lambda s: tag_problem(s) is None)
"""A valid tag: one line, no space at either end, no control character."""


@st.composite
def attack_trees(draw: st.DrawFn, max_nodes: int = 40) -> ArgumentMap:
    """Draw a bare tree of supports and attacks under a thesis (unvalidated: shape only).

    Each node hangs from a random earlier one; a node that supports an objection is
    evidence, else a premise; every attack is an objection, in chains of any length.
    """
    shape = draw(st.lists(st.tuples(st.integers(min_value=0), st.booleans()), max_size=max_nodes))
    nodes = [Node(id="n0", kind=NodeKind.THESIS, text="Claim zero")]
    for i, (pick, attacks) in enumerate(shape, start=1):
        parent = nodes[pick % len(nodes)]
        kind = NodeKind.OBJECTION if attacks else NodeKind.PREMISE
        if not attacks and parent.kind is NodeKind.OBJECTION:
            kind = NodeKind.EVIDENCE
        relation = Relation.ATTACKS if attacks else Relation.SUPPORTS
        nodes.append(
            Node(id=f"n{i}", kind=kind, text=f"Claim {i}", parent=parent.id, relation=relation)
        )
    return ArgumentMap.model_construct(title="random", nodes=tuple(nodes))


@st.composite
def argument_maps(draw: st.DrawFn, max_nodes: int = 12) -> ArgumentMap:
    """Draw a valid map: random tree shape, kinds, fields, groups and cross-links.

    Conclusions (drawn from the thesis or from another conclusion, with objections of
    their own) come up among the kinds a thesis or conclusion may hold.
    """
    count = draw(st.integers(min_value=1, max_value=max_nodes))
    nodes: list[dict[str, Any]] = [
        {"id": "n0", "kind": NodeKind.THESIS, "text": draw(TEXT), "parent": None, "relation": None}
    ]
    for i in range(1, count):
        parent = draw(st.integers(min_value=0, max_value=i - 1))
        parent_kind = nodes[parent]["kind"]
        kind = draw(st.sampled_from(sorted(CHILD_KINDS[parent_kind], key=lambda k: k.value)))
        relation: str | None = "supports"
        if kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
            relation = "attacks"
            if parent != 0 and draw(st.booleans()):
                relation = "undercuts"
        elif kind is NodeKind.CONCLUSION:
            relation = None  # drawn from its parent, bears on nothing
        record: dict[str, Any] = {
            "id": f"n{i}",
            "kind": kind,
            "text": draw(TEXT),
            "parent": f"n{parent}",
            "relation": relation,
            "quote": draw(OPTIONAL_TEXT),
            "author": draw(st.none() | NAME),
            "note": draw(OPTIONAL_TEXT),
            "tags": draw(st.lists(TAG, max_size=2, unique=True)),
            "strength": draw(st.none() | st.sampled_from(["weak", "moderate", "strong"])),
            "added": draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
        }
        if draw(st.booleans()):
            record["citation"] = {"outlet": draw(TEXT), "date": draw(OPTIONAL_TEXT)}
        if kind is NodeKind.EVIDENCE:
            record["basis"] = draw(st.none() | st.sampled_from(["quote", "statistic", "event"]))
        nodes.append(record)
    # Pair up consecutive sibling premises into linked groups now and then.
    by_parent: dict[str, list[int]] = {}
    for i, record in enumerate(nodes):
        if record["kind"] is NodeKind.PREMISE:
            by_parent.setdefault(record["parent"], []).append(i)
    for parent, members in by_parent.items():
        if len(members) >= 2 and draw(st.booleans()):
            for i in members[:2]:
                nodes[i]["group"] = f"g-{parent}"
    # Reorder into document order as a file would give it (group members adjacent).
    ordered = _document_order(nodes)
    # Cross-links from evidence to earlier premises (never a cycle: targets are not below).
    for record in ordered:
        if record["kind"] is NodeKind.EVIDENCE and draw(st.booleans()):
            targets = [
                r["id"]
                for r in ordered
                if r["kind"] is NodeKind.PREMISE and r["id"] != record["parent"]
            ]
            if targets:
                record["links"] = [{"to": draw(st.sampled_from(targets)), "relation": "supports"}]
    return ArgumentMap.model_validate({"title": draw(TEXT), "nodes": ordered})


def _document_order(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    children: dict[str, list[dict[str, Any]]] = {}
    for record in nodes[1:]:
        children.setdefault(record["parent"], []).append(record)
    out: list[dict[str, Any]] = []
    stack = [nodes[0]]
    while stack:
        record = stack.pop()
        out.append(record)
        kids = children.get(record["id"], [])
        # Files list children by key (premises, evidence, objections, rebuttals), and a
        # group's members sit together where the group first appears.
        order = {"premise": 0, "evidence": 1, "objection": 2, "rebuttal": 3, "conclusion": 4}
        kids = sorted(kids, key=lambda r: order[r["kind"].value])
        grouped: list[dict[str, Any]] = []
        seen: set[str] = set()
        for kid in kids:
            group = kid.get("group")
            if group is None:
                grouped.append(kid)
            elif group not in seen:
                seen.add(group)
                grouped.extend(k for k in kids if k.get("group") == group)
        stack.extend(reversed(grouped))
    return out


INDENT_STYLES = st.sampled_from([(2, 2, 0), (2, 4, 2), (4, 4, 2), (3, 5, 3)])
"""Indent styles a map file may be written in: ruamel's mapping, sequence and offset."""


def map_text(m: ArgumentMap, style: tuple[int, int, int], crlf: bool) -> str:
    """A map's file text in an indent style (see :data:`INDENT_STYLES`), CRLF line ends or not."""
    from io import StringIO

    from ruamel.yaml import YAML

    from argmap.load.dump import dump_yaml
    from argmap.load.mapfile import to_file_data

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=style[0], sequence=style[1], offset=style[2])
    buffer = StringIO()
    yaml.dump(yaml.load(dump_yaml(to_file_data(m))), buffer)
    text = buffer.getvalue()
    return text.replace("\n", "\r\n") if crlf else text


def styled_maps(max_nodes: int = 10) -> st.SearchStrategy[tuple[ArgumentMap, str]]:
    """A map and its file text in one of :data:`INDENT_STYLES`, with CRLF line ends or not."""
    parts = st.tuples(argument_maps(max_nodes=max_nodes), INDENT_STYLES, st.booleans())
    return parts.map(lambda made: (made[0], map_text(*made)))
