"""How the diagram looks, as data: fonts, graph defaults, and the themes' node and edge styles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from argmap.model import NodeKind, Relation

if TYPE_CHECKING:
    from argmap.analysis.standing import Standing
    from argmap.model import Node

__all__ = [
    "CROSS_LEGEND",
    "CROSS_LINK_STYLE",
    "DIRECTION",
    "DRAWN_EDGE",
    "DRAWN_LEGEND",
    "EDGE_DEFAULTS",
    "EDGE_STYLE",
    "FONT",
    "LINKED_LEGEND",
    "GRAPH_ATTR",
    "ANSWER_NOTE",
    "LEGEND_TEXT",
    "NODE_DEFAULTS",
    "NODE_STYLE",
    "STANDING_BORDER",
    "STANDING_LABEL",
    "STANDING_TEXT",
    "drawn_standings",
    "group_key",
    "THEMES",
    "EdgeStyle",
    "NodeStyle",
]

FONT: Final = "Helvetica"
"""Metric-compatible with the bundled engine's Arimo; browsers fall back to any sans-serif."""

GRAPH_ATTR: Final[Mapping[str, str]] = {
    "fontname": FONT,
    "fontsize": "12",
    "nodesep": "0.35",
    "ranksep": "0.55",
    "newrank": "true",
    "compound": "true",
    "bgcolor": "#ffffff",
    "pad": "0.3",
}
"""Graph-wide attributes (``rankdir`` comes from the direction option)."""

NODE_DEFAULTS: Final[Mapping[str, str]] = {
    "fontname": FONT,
    "fontsize": "13",
    "shape": "box",
    "style": "rounded,filled",
    "margin": "0.15,0.08",
    "penwidth": "1.5",
}

EDGE_DEFAULTS: Final[Mapping[str, str]] = {"fontname": FONT, "penwidth": "1.8", "arrowsize": "0.9"}

DIRECTION: Final[Mapping[str, str]] = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}
"""Graphviz ``rankdir`` per direction option.

Edges run from a reason to its conclusion, so the thesis ends up where the arrows
point: "TB" (thesis on top) is Graphviz's bottom-to-top rank order.
"""


class NodeStyle(NamedTuple):
    """How one kind of node looks in one theme."""

    label: str
    shape: str
    fill: str
    border: str
    ink: str
    style: str = "rounded,filled"
    penwidth: str = "1.5"


class EdgeStyle(NamedTuple):
    """How one relation looks in one theme."""

    color: str
    style: str = "solid"
    arrowhead: str = "normal"
    penwidth: str = "1.8"


NODE_STYLE: Final[Mapping[NodeKind, NodeStyle]] = {
    NodeKind.THESIS: NodeStyle("THESIS", "box", "#e3f2fd", "#0d47a1", "#0d47a1", penwidth="3"),
    NodeKind.PREMISE: NodeStyle("REASON", "box", "#e8f5e9", "#2e7d32", "#1b5e20"),
    NodeKind.EVIDENCE: NodeStyle("EVIDENCE", "note", "#f5f5f5", "#616161", "#424242", "filled"),
    NodeKind.OBJECTION: NodeStyle("OBJECTION", "box", "#ffebee", "#c62828", "#b71c1c"),
    NodeKind.REBUTTAL: NodeStyle("REBUTTAL", "box", "#fff3e0", "#e65100", "#bf360c"),
    NodeKind.CONCLUSION: NodeStyle(
        "CONCLUSION", "box", "#ede7f6", "#4527a0", "#311b92", "filled", "2.5"
    ),
}
"""The default theme's look per node kind: header label, shape, fill, border, ink."""

EDGE_STYLE: Final[Mapping[Relation, EdgeStyle]] = {
    Relation.SUPPORTS: EdgeStyle("#2e7d32"),
    Relation.ATTACKS: EdgeStyle("#c62828"),
    Relation.UNDERCUTS: EdgeStyle("#c62828", arrowhead="tee"),
}
"""The default theme's look per relation (rebuttals' attacks take the rebuttal colour)."""

THEMES: Final[Mapping[str, tuple[Mapping[NodeKind, NodeStyle], Mapping[Relation, EdgeStyle]]]] = {
    "default": (NODE_STYLE, EDGE_STYLE),
    # Grayscale for photocopied handouts: kinds differ by corners, fill and line weight
    # (white: thesis, reason, conclusion; grey: objection, square, and rebuttal, rounded),
    # attacks by heavy bar-ended arrows; border patterns stay free for --status.
    "print": (
        {
            NodeKind.THESIS: NodeStyle(
                "THESIS", "box", "#ffffff", "#000000", "#000000", penwidth="3.5"
            ),
            NodeKind.PREMISE: NodeStyle("REASON", "box", "#ffffff", "#000000", "#000000"),
            NodeKind.EVIDENCE: NodeStyle(
                "EVIDENCE", "note", "#eeeeee", "#555555", "#000000", "filled"
            ),
            NodeKind.OBJECTION: NodeStyle(
                "OBJECTION", "box", "#d4d4d4", "#000000", "#000000", "filled", "2.5"
            ),
            NodeKind.REBUTTAL: NodeStyle(
                "REBUTTAL", "box", "#e0e0e0", "#000000", "#000000", "rounded,filled", "2.5"
            ),
            NodeKind.CONCLUSION: NodeStyle(
                "CONCLUSION", "box", "#ffffff", "#000000", "#000000", "filled,bold", "3.5"
            ),
        },
        {
            Relation.SUPPORTS: EdgeStyle("#000000"),
            Relation.ATTACKS: EdgeStyle("#000000", "bold", "tee", "2.2"),
            Relation.UNDERCUTS: EdgeStyle("#000000", "bold", "tee", "2.2"),
        },
    ),
    # High contrast: saturated borders, white fills, heavy lines, black text.
    "contrast": (
        {
            NodeKind.THESIS: NodeStyle(
                "THESIS", "box", "#ffffff", "#000000", "#000000", penwidth="4"
            ),
            NodeKind.PREMISE: NodeStyle(
                "REASON", "box", "#ffffff", "#006400", "#000000", penwidth="3"
            ),
            NodeKind.EVIDENCE: NodeStyle(
                "EVIDENCE", "note", "#ffffff", "#000000", "#000000", "filled", "2.5"
            ),
            NodeKind.OBJECTION: NodeStyle(
                "OBJECTION", "box", "#ffffff", "#b00000", "#000000", penwidth="3"
            ),
            NodeKind.REBUTTAL: NodeStyle(
                "REBUTTAL", "box", "#ffffff", "#a04000", "#000000", penwidth="3"
            ),
            NodeKind.CONCLUSION: NodeStyle(
                "CONCLUSION", "box", "#ffffff", "#311b92", "#000000", "filled", "4"
            ),
        },
        {
            Relation.SUPPORTS: EdgeStyle("#006400", penwidth="3"),
            Relation.ATTACKS: EdgeStyle("#b00000", penwidth="3"),
            Relation.UNDERCUTS: EdgeStyle("#b00000", arrowhead="tee", penwidth="3"),
        },
    ),
}
"""Per theme: the node-kind table and the relation table."""

DRAWN_EDGE: Final[Mapping[str, EdgeStyle]] = {
    "default": EdgeStyle("#4527a0", "bold", "empty", "2.2"),
    "print": EdgeStyle("#000000", "bold", "empty", "2.2"),
    "contrast": EdgeStyle("#311b92", "bold", "empty", "3"),
}
"""Per theme, the "so" arrow from the thesis (or a conclusion) up to a conclusion drawn
from it: heavy, hollow-headed and labelled, so it never reads as a reason's support."""

DRAWN_LEGEND: Final[Mapping[str, str]] = {
    direction: f'hollow arrow "so": a conclusion drawn from the claim {where}'
    for direction, where in (
        ("TB", "below it"),
        ("BT", "above it"),
        ("LR", "to its right"),
        ("RL", "to its left"),
    )
}
"""What the "so" arrow means, for the legend, per direction: where the claim is drawn."""

LINKED_LEGEND: Final = "box: a linked reason, co-premises that support only together"
"""What a linked group's box is, for the legend, in Rationale's terms."""

CROSS_LEGEND: Final = "dashed: cross-link to another branch"
"""What a dashed arrow is, for the legend."""

CROSS_LINK_STYLE: Final = "dashed"
"""Cross-links (``links:``) are dashed in every theme, so they read apart from the tree."""

STANDING_BORDER: Final[Mapping[str, str]] = {
    "in": "",
    "in-link-out": "",
    "in-link-undecided": "",
    "out": "dashed",
    "undecided": "dotted",
}
"""Extra border pattern per standing when ``--status`` is on (a node that stands, its link
cut or in doubt, is drawn as standing: the tag says what became of the link)."""

STANDING_LABEL: Final[Mapping[str, str]] = {
    "in": "IN",
    "in-link-out": "IN · LINK OUT",
    "in-link-undecided": "IN · LINK UNDECIDED",
    "out": "OUT",
    "undecided": "UNDECIDED",
}
"""The tag a node's header gets per standing when ``--status`` is on."""

STANDING_TEXT: Final[Mapping[str, str]] = {
    "in": "stands: every objection answered",
    "in-link-out": "stands, but its arrow is cut: a standing undercutter",
    "in-link-undecided": "stands, but its arrow is in doubt: an undecided undercutter",
    "out": "falls: an objection stands against it",
    "undecided": "undecided",
}
"""What each standing means, for the legend."""


def drawn_standings(
    standing: Mapping[str, Standing],
    links: Mapping[str, Standing],
    groups: Mapping[str, Sequence[Node]] | None = None,
) -> dict[str, str]:
    """The standing ``--status`` draws per node id: its own, and its link's where that differs.

    A reason that stands under a thesis that falls reads as a contradiction unless the
    diagram says its link is cut (``show --status`` says ``(in, link out)``).

    Args:
        standing: node id -> the analysis' standing.
        links: node id -> the standing of its link to its parent.
        groups: linked group id -> its premises (``ArgumentMap.groups``). Each group's
            standing is kept too,
            under :func:`group_key`: its weakest premise's (see :data:`WEAKEST_FIRST`), as a
            group supports only when every premise does. A stub of the group shows it.
    """
    out: dict[str, str] = {}
    for node_id, own in standing.items():
        link = links.get(node_id, own)
        cut = own.value == "in" and link.value != "in"
        out[node_id] = f"in-link-{link.value}" if cut else own.value
    for group, members in (groups or {}).items():
        drawn = {out[member.id] for member in members if member.id in out}
        weakest = [each for each in WEAKEST_FIRST if each in drawn]
        if weakest:
            out[group_key(group)] = weakest[0]
    return out


WEAKEST_FIRST: Final = ("out", "in-link-out", "undecided", "in-link-undecided", "in")
"""Drawn standings, from the one that gives a linked group's support least: a premise out,
or standing with its link cut, makes the whole group's support fail."""


def group_key(group: str) -> str:
    """The key of a linked group's standing in :func:`drawn_standings` (no node id has a space)."""
    return f"group {group}"


LEGEND_TEXT: Final[Mapping[Relation, str]] = {
    Relation.SUPPORTS: "arrow: supports",
    Relation.ATTACKS: "arrow: attacks",
    Relation.UNDERCUTS: "arrow to a dot on a link: undercuts that inference",
}
"""What each relation's arrow means, for the legend."""

ANSWER_NOTE: Final = "a rebuttal's arrows are drawn in its colour"
"""Said after the key's title where a rebuttal's arrows are not in their relation's colour
(the key's arrows are): where the key has room for it (its title row), at no cost in size."""
