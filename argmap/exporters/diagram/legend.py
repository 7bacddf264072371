"""The diagram's key: the node kinds, arrows and border patterns one drawing uses, explained."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.dot import Html
from argmap.exporters.diagram.keysamples import edge_sample, kind_swatch, linked_swatch
from argmap.exporters.diagram.labels import html_text, width_attr
from argmap.exporters.diagram.styles import (
    DRAWN_EDGE,
    DRAWN_LEGEND,
    LEGEND_TEXT,
    LINKED_LEGEND,
    STANDING_BORDER,
    STANDING_LABEL,
    STANDING_TEXT,
    EdgeStyle,
    NodeStyle,
)
from argmap.model import ArgumentMap, Node, NodeKind, Relation

__all__ = ["LegendContent", "legend_attrs", "legend_content", "legend_label"]


@dataclass
class LegendContent:
    """What a drawing shows that the key explains, each in the order first met."""

    kinds: list[NodeKind] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    cross: bool = False
    """Some cross-link (``links:``) is drawn."""
    linked: bool = False
    """Some linked group's box is drawn: two of its premises or more are drawn in full."""
    standings: list[str] = field(default_factory=list)
    drawn: bool = False
    """Some conclusion is drawn with the claim it is drawn from (a "so" arrow)."""


def legend_content(
    m: ArgumentMap,
    shown: list[Node],
    visible: Collection[str],
    standing: Mapping[str, str],
    *,
    paged: bool = False,
) -> LegendContent:
    """Collect what the drawn nodes and edges need explaining.

    Args:
        m: the map.
        shown: the nodes drawn.
        visible: their ids.
        standing: node id -> standing, for the nodes ``--status`` marks.
        paged: a page of a fitted diagram, where a node whose parent is on another page
            has its arrow drawn into the breadcrumb, in its relation's style.
    """
    content = LegendContent()
    grouped: set[str] = set()
    # A group drawn in parts: a member drawn here, another as a stub, is in a box too.
    parted = {node.group for node in shown if node.group is not None and node.id not in visible}
    for node in shown:
        kind = draw_kind(m, node)
        if kind not in content.kinds:
            content.kinds.append(kind)
        into_trail = paged and node.parent is not None and node.id in visible
        if (
            (node.parent in visible or into_trail)
            and node.relation is not None
            and node.relation not in content.relations
        ):
            content.relations.append(node.relation)
        content.cross = content.cross or any(link.to in visible for link in node.links)
        if node.group is not None and node.id in visible:  # a stub draws no group box
            content.linked = content.linked or node.group in grouped or node.group in parted
            grouped.add(node.group)
        content.drawn = content.drawn or (kind is NodeKind.CONCLUSION and node.parent in visible)
        marked = standing.get(node.id)
        if marked is not None and marked not in content.standings:
            content.standings.append(marked)
    return content


def legend_label(
    content: LegendContent,
    nodes: Mapping[NodeKind, NodeStyle],
    edges: Mapping[Relation, EdgeStyle],
    theme: str = "default",
    direction: str = "TB",
) -> Html:
    """The key as an HTML-like table label, in the theme's node and edge styles.

    ``direction``: the drawing's (see :data:`~.styles.DRAWN_LEGEND`).
    """
    rows: list[str] = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>KEY</B></TD></TR>']
    for kind in sorted(content.kinds, key=list(NodeKind).index):
        style = nodes[kind]
        rows.append(
            f"<TR><TD>{kind_swatch(style)}</TD>"
            f'<TD ALIGN="LEFT"{width_attr([style.label.lower()], 10)}>'
            f"{html_text(style.label.lower())}</TD></TR>"
        )
    for relation in sorted(content.relations, key=list(Relation).index):
        edge = edges[relation]
        meaning = ("bar-ended " if edge.arrowhead == "tee" else "") + LEGEND_TEXT[relation]
        rows.append(
            f"<TR>{edge_sample(edge, dot=relation is Relation.UNDERCUTS)}"
            f'<TD ALIGN="LEFT"{width_attr([meaning], 10)}>{html_text(meaning)}</TD></TR>'
        )
    if content.drawn:
        drawn = DRAWN_LEGEND[direction]
        rows.append(
            f"<TR>{edge_sample(DRAWN_EDGE[theme])}"
            f'<TD ALIGN="LEFT"{width_attr([drawn], 10)}>{html_text(drawn)}</TD></TR>'
        )
    if content.linked:
        rows.append(
            f"<TR><TD>{linked_swatch(nodes[NodeKind.PREMISE])}</TD>"
            f'<TD ALIGN="LEFT"{width_attr([LINKED_LEGEND], 10)}>'
            f"{html_text(LINKED_LEGEND)}</TD></TR>"
        )
    if content.cross:
        cross = edge_sample(edges[Relation.SUPPORTS], dashed=True)
        rows.append(f'<TR>{cross}<TD ALIGN="LEFT">dashed: cross-link to another branch</TD></TR>')
    for standing in sorted(content.standings, key=list(STANDING_LABEL).index):
        tag = f"[{STANDING_LABEL[standing]}]"
        meaning = f"{STANDING_TEXT[standing]} ({STANDING_BORDER[standing] or 'solid'} border)"
        rows.append(
            f"<TR><TD{width_attr([tag], 10)}>{html_text(tag)}</TD>"
            f'<TD ALIGN="LEFT"{width_attr([meaning], 10)}>{html_text(meaning)}</TD></TR>'
        )
    return Html(
        '<TABLE BORDER="1" COLOR="#9e9e9e" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>"
    )


def legend_attrs(label: str) -> dict[str, str]:
    """The key's attributes: a table of its ``label`` with no box of its own."""
    return {
        "label": label,
        "shape": "plaintext",
        "style": "",
        "fontsize": "10",
        "fontcolor": "#212121",
        "id": "legend",
        "tooltip": "Key",
        "class": "legend",
    }
