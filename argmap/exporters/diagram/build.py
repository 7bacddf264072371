"""Map -> ``graphviz.Digraph``: the one DOT builder behind the dot, svg, png and pdf formats."""

from __future__ import annotations

import html
import logging
import math
import re
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind, visible_nodes
from argmap.exporters import Exporter, RenderOptions
from argmap.model import ArgumentMap, Node, NodeKind, Relation

if TYPE_CHECKING:
    import graphviz

    from argmap.analysis.standing import Analysis

__all__ = [
    "EDGE_STYLE",
    "EXPORTERS",
    "GRAPH_ATTR",
    "NODE_STYLE",
    "THEMES",
    "render_svg",
    "to_digraph",
    "to_dot",
]

WRAP_WIDTH: Final = 34
"""Characters per label line (Argdown uses 40; a little narrower keeps big maps slide-shaped)."""

MAX_TEXT_CHARS: Final = 600
"""Node text longer than this is shortened in the diagram (full text in the tooltip)."""

MAX_QUOTE_CHARS: Final = 160
"""Quotes longer than this are shortened in the diagram (full text in the tooltip)."""

MAX_TOOLTIP_CHARS: Final = 4000
"""Tooltips are capped too, so no single label can stall the engine."""

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

DrawKind = str
"""How a node is drawn: a :class:`NodeKind` value, or ``undercutter``."""


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of node looks in one theme."""

    label: str
    shape: str
    fill: str
    border: str
    ink: str
    style: str = "rounded,filled"
    penwidth: str = "1.5"


@dataclass(frozen=True)
class EdgeStyle:
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
    NodeKind.REBUTTAL: NodeStyle("REBUTTAL", "box", "#fff3e0", "#ef6c00", "#e65100"),
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
    # Grayscale for photocopied handouts: kinds differ by corners, fill and line weight,
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
                "REBUTTAL", "box", "#f0f0f0", "#000000", "#000000", "rounded,filled", "3"
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
        },
        {
            Relation.SUPPORTS: EdgeStyle("#006400", penwidth="3"),
            Relation.ATTACKS: EdgeStyle("#b00000", penwidth="3"),
            Relation.UNDERCUTS: EdgeStyle("#b00000", arrowhead="tee", penwidth="3"),
        },
    ),
}
"""Per theme: the node-kind table and the relation table."""

CROSS_LINK_STYLE: Final = "dashed"
"""Cross-links (``links:``) are dashed in every theme, so they read apart from the tree."""

STANDING_BORDER: Final[Mapping[str, str]] = {"in": "", "out": "dashed", "undecided": "dotted"}
"""Extra border pattern per standing when ``--status`` is on."""

STANDING_LABEL: Final[Mapping[str, str]] = {"in": "IN", "out": "OUT", "undecided": "UNDECIDED"}

_DIRECTION: Final[Mapping[str, str]] = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}
# Edges run from a reason to its conclusion, so the thesis ends up where the
# arrows point: "TB" (thesis on top) is Graphviz's bottom-to-top rank order.

_BAD_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Drop characters that XML (and so SVG) cannot hold; keep everything else as is."""
    return _BAD_CHARS.sub("\ufffd", text)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    return lines


def _char_points(ch: str, size: float) -> float:
    """A generous estimate of one character's width in a Helvetica-like font."""
    if ord(ch) < 0x80:
        return size * (0.6 if ch.isupper() or ch in "mw@%" else 0.5)
    if unicodedata.east_asian_width(ch) in "WF":
        return size * 1.05
    return size * 0.62


def _min_width(lines: list[str], size: float) -> int:
    """Minimum cell width (points) for non-ASCII lines.

    The bundled engine sizes non-ASCII text at one space per UTF-8 byte, which is
    too narrow for Cyrillic and Hangul; an explicit width pads those labels.
    """
    if all(line.isascii() for line in lines):
        return 0
    return int(max(sum(_char_points(c, size) for c in line) for line in lines)) + 4


def _esc(text: str) -> str:
    """Escape text for a Graphviz HTML-like label."""
    # Graphviz expands \N, \G, ... even inside HTML-like labels, and reads a doubled
    # backslash as one literal backslash.
    return html.escape(_clean(text), quote=True).replace("\\", "\\\\")


def _lines_html(lines: list[str]) -> str:
    return '<BR ALIGN="CENTER"/>'.join(_esc(line) for line in lines)


@dataclass(frozen=True)
class _Ctx:
    m: ArgumentMap
    options: RenderOptions
    nodes: Mapping[NodeKind, NodeStyle]
    edges: Mapping[Relation, EdgeStyle]
    visible: frozenset[str]
    standing: Mapping[str, str]


def _tooltip(ctx: _Ctx, node: Node) -> str:
    parts = [node.text]
    if node.quote and "quotes" not in ctx.options.hide:
        parts.append(f"“{node.quote}”")
    if node.citation is not None:
        parts.append(f"— {node.citation.label()}")
    if node.author:
        parts.append(f"Added by {node.author}")
    text = "\n".join(_clean(p) for p in parts)
    return _shorten_keep_lines(text, MAX_TOOLTIP_CHARS)


def _shorten_keep_lines(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(ctx: _Ctx, node: Node, kind: NodeKind, style: NodeStyle) -> str:
    header = style.label
    if node.relation is Relation.UNDERCUTS:
        header = "UNDERCUTS THE LINK" if kind is NodeKind.OBJECTION else f"{header} · UNDERCUTS"
    if node.basis is not None:
        header += " · " + node.basis.value.replace("-", " ").upper()
    standing = ctx.standing.get(node.id)
    if standing is not None:
        header += f"  [{STANDING_LABEL[standing]}]"
    size = 16.0 if kind is NodeKind.THESIS else 13.0
    text_lines = _wrap(
        _shorten(node.text, MAX_TEXT_CHARS), 30 if kind is NodeKind.THESIS else WRAP_WIDTH
    )
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{style.ink}"><B>{_esc(header)}</B>'
        "</FONT></TD></TR>"
    ]
    body = _lines_html(text_lines)
    if kind is NodeKind.THESIS:
        body = f"<B>{body}</B>"
    width = _min_width(text_lines, size)
    width_attr = f' WIDTH="{width}"' if width else ""
    rows.append(f'<TR><TD{width_attr}><FONT POINT-SIZE="{size:g}">{body}</FONT></TD></TR>')
    if node.quote and "quotes" not in ctx.options.hide:
        quote_lines = _wrap(f"“{_shorten(node.quote, MAX_QUOTE_CHARS)}”", WRAP_WIDTH + 6)
        qwidth = _min_width(quote_lines, 11)
        qattr = f' WIDTH="{qwidth}"' if qwidth else ""
        rows.append(
            f'<TR><TD{qattr}><FONT POINT-SIZE="11"><I>{_lines_html(quote_lines)}</I></FONT>'
            "</TD></TR>"
        )
    extra: list[str] = []
    if node.citation is not None:
        extra.append("— " + node.citation.label())
    elif node.source is not None and node.source in ctx.m.sources:
        extra.append("— " + ctx.m.sources[node.source].name)
    if node.author:
        extra.append(f"added by {node.author}")
    for line in extra:
        wrapped = _wrap(_shorten(line, 200), WRAP_WIDTH + 10)
        rows.append(
            f'<TR><TD ALIGN="RIGHT"><FONT POINT-SIZE="10" COLOR="{style.ink}">'
            f"{_lines_html(wrapped)}</FONT></TD></TR>"
        )
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>>"
    )


def _node_attrs(ctx: _Ctx, node: Node) -> dict[str, str]:
    import graphviz

    kind = draw_kind(ctx.m, node)
    style = ctx.nodes[kind]
    styles = style.style
    classes = [kind.value]
    if node.relation is Relation.UNDERCUTS:
        classes.append("undercutter")
    if node.author:
        classes.append("reviewer")
    standing = ctx.standing.get(node.id)
    if standing is not None:
        classes.append(f"status-{standing}")
        if STANDING_BORDER[standing] and STANDING_BORDER[standing] not in styles:
            styles = f"{styles},{STANDING_BORDER[standing]}"
    return {
        "label": _label(ctx, node, kind, style),
        "shape": style.shape,
        "style": styles,
        "fillcolor": style.fill,
        "color": style.border,
        "fontcolor": style.ink,
        "penwidth": style.penwidth,
        "id": graphviz.escape(f"node-{node.id}"),
        "class": " ".join(classes),
        "tooltip": graphviz_escape(_tooltip(ctx, node)),
        "URL": graphviz.escape(f"#node-{node.id}"),
        "target": "_self",
    }


def _edge_attrs(ctx: _Ctx, source: Node, relation: Relation, cross: bool) -> dict[str, str]:
    style = ctx.edges[relation]
    color = style.color
    if relation is not Relation.SUPPORTS and draw_kind(ctx.m, source) is NodeKind.REBUTTAL:
        color = ctx.nodes[NodeKind.REBUTTAL].border
    line = CROSS_LINK_STYLE if cross else style.style
    return {
        "color": color,
        "style": line,
        "arrowhead": style.arrowhead,
        "penwidth": style.penwidth,
        "class": f"{relation.value}{' cross-link' if cross else ''}",
        "tooltip": graphviz_escape(f"{source.id} {relation.value}"),
    }


def graphviz_escape(text: str) -> str:
    r"""Escape text for a Graphviz escString attribute (tooltips, ids, URLs).

    ``&`` becomes ``&amp;``, since Graphviz passes character references through to
    SVG as is; backslashes are escaped so ``\N`` and friends stay literal.
    """
    import graphviz

    # Quoted strings lose one level of backslashes when read and another when \N and
    # friends are expanded; escape() doubles once, so double once more here.
    # escape() returns a NoHtml string, so text like "<b>x</b>" never becomes an HTML label.
    escaped: str = graphviz.escape(_clean(text).replace("&", "&amp;").replace("\\", "\\\\"))
    return escaped


def _standing(options: RenderOptions, analysis: Analysis) -> dict[str, str]:
    if not options.status:
        return {}
    return {
        node_id: getattr(value, "value", str(value))
        for node_id, value in analysis.standing.items()
    }


def to_digraph(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None
) -> graphviz.Digraph:
    """Build the diagram of a map as a ``graphviz.Digraph``.

    Args:
        m: the map.
        analysis: the map's analysis (``options.status`` draws its standing).
        options: direction, focus/depth, hide, theme and status options.

    Returns:
        The graph; every user string in it is escaped for DOT and for HTML-like labels.

    Raises:
        RenderError: ``options.focus`` names no node of the map.
    """
    import graphviz

    from argmap.errors import RenderError

    options = options or RenderOptions()
    if options.focus is not None and options.focus not in m:
        raise RenderError(
            f"{options.map_name}: --focus {options.focus!r}: no node has that id; "
            "run 'argmap show' to list the ids"
        )
    node_styles, edge_styles = THEMES[options.theme]
    shown = visible_nodes(m, options)
    ctx = _Ctx(
        m,
        options,
        node_styles,
        edge_styles,
        frozenset(node.id for node in shown),
        _standing(options, analysis),
    )
    g = graphviz.Digraph(name="argmap", strict=False)
    g.attr("graph", **GRAPH_ATTR, rankdir=_DIRECTION[options.direction])
    g.attr(
        "graph", label="", tooltip=graphviz_escape(_shorten_keep_lines(m.title, MAX_TOOLTIP_CHARS))
    )
    g.attr("node", **NODE_DEFAULTS)
    g.attr("edge", **EDGE_DEFAULTS)

    groups: dict[str, list[Node]] = {}
    for node in shown:
        if node.group is not None:
            groups.setdefault(node.group, []).append(node)
    drawn_groups: set[str] = set()
    for node in shown:
        if node.group is not None and len(groups[node.group]) > 1:
            if node.group in drawn_groups:
                continue
            drawn_groups.add(node.group)
            with g.subgraph(name=f"cluster_group {node.group}") as sub:
                sub.attr(
                    label="LINKED REASON (all together)",
                    fontsize="9",
                    fontcolor=node_styles[NodeKind.PREMISE].ink,
                    color=node_styles[NodeKind.PREMISE].border,
                    style="rounded",
                    penwidth="1.5",
                    id=graphviz.escape(f"group-{node.group}"),
                    **{"class": "linked-group"},
                )
                sub.attr("graph", rank="same")
                for member in groups[node.group]:
                    sub.node(member.id, **_node_attrs(ctx, member))
        else:
            g.node(node.id, **_node_attrs(ctx, node))

    _add_edges(g, ctx, shown, groups)
    _stack_leaves(g, ctx, shown)
    _add_legend(g, ctx, shown)
    return g


STACK_COLUMNS: Final = 2
"""Leaves of one parent beyond this many are stacked in columns, keeping wide maps slide-shaped."""


def _stack_leaves(g: graphviz.Digraph, ctx: _Ctx, shown: list[Node]) -> None:
    """Stack a node's many leaf children in columns with invisible edges.

    Graphviz puts all siblings in one row, so a premise with six pieces of evidence
    makes the map six boxes wide. Chaining every leaf to the one ``STACK_COLUMNS``
    before it turns the row into columns.
    """
    has_children = {node.parent for node in shown if node.parent is not None}
    leaves: dict[str, list[str]] = {}
    for node in shown:
        if (
            node.parent in ctx.visible
            and node.id not in has_children
            and node.group is None
            and node.relation is not Relation.UNDERCUTS
        ):
            leaves.setdefault(node.parent, []).append(node.id)
    for siblings in leaves.values():
        columns = stack_columns(len(siblings))
        # A block of many columns needs its chains held straight, or it slants.
        weight = "0" if columns == STACK_COLUMNS else "20"
        for i in range(columns, len(siblings)):
            g.edge(siblings[i], siblings[i - columns], style="invis", weight=weight)


def stack_columns(leaves: int) -> int:
    """Columns to stack ``leaves`` sibling leaves in: two, or a square's side for many.

    Two columns keep a handful of evidence slide-shaped; for dozens, a square block keeps
    the chains of invisible edges short, which the layout engine needs (200 leaves in two
    columns took it 12 s, in fifteen 0.3 s).
    """
    return max(STACK_COLUMNS, math.ceil(math.sqrt(leaves)) if leaves > 9 else STACK_COLUMNS)


def _link_key(ctx: _Ctx, node: Node, groups: Mapping[str, list[Node]]) -> str:
    """The name of the support link a node belongs to (its group's, if linked)."""
    if node.group is not None and len(groups.get(node.group, ())) > 1:
        return f"group {node.group}"
    return node.id


def _add_edges(
    g: graphviz.Digraph, ctx: _Ctx, shown: list[Node], groups: Mapping[str, list[Node]]
) -> None:
    # Links that an undercutter targets get a junction point in the middle.
    undercut: set[str] = set()
    for node in shown:
        targets: list[str] = []
        if node.relation is Relation.UNDERCUTS and node.parent in ctx.visible:
            targets.append(node.parent)
        targets += [
            link.to
            for link in node.links
            if link.relation is Relation.UNDERCUTS and link.to in ctx.visible
        ]
        for target in targets:
            t = ctx.m.get(target)
            if t.parent in ctx.visible:
                undercut.add(_link_key(ctx, t, groups))

    done_groups: set[str] = set()
    for node in shown:
        if node.parent is None or node.parent not in ctx.visible or node.relation is None:
            continue
        if node.relation is Relation.UNDERCUTS:
            continue  # drawn by _undercut_edge, onto the link rather than the node
        key = _link_key(ctx, node, groups)
        attrs = _edge_attrs(ctx, node, node.relation, False)
        tail_attrs: dict[str, str] = {}
        if key != node.id:
            if key in done_groups:
                continue
            done_groups.add(key)
            tail_attrs["ltail"] = f"cluster_{key}"
            attrs["class"] += " linked"
        if key in undercut:
            junction = f"junction {key}"
            g.node(
                junction,
                shape="point",
                width="0.14",
                color=attrs["color"],
                label="",
                id=graphviz_escape(f"junction-{key.replace(' ', '-')}"),
                **{"class": "junction"},
            )
            g.edge(node.id, junction, **{**attrs, **tail_attrs, "arrowhead": "none"})
            g.edge(junction, node.parent, **attrs)
        else:
            g.edge(node.id, node.parent, **{**attrs, **tail_attrs})

    for node in shown:
        if node.relation is Relation.UNDERCUTS and node.parent in ctx.visible:
            _undercut_edge(g, ctx, node, node.parent, False, undercut, groups)
        for link in node.links:
            if link.to not in ctx.visible:
                continue
            if link.relation is Relation.UNDERCUTS:
                _undercut_edge(g, ctx, node, link.to, True, undercut, groups)
            else:
                g.edge(
                    node.id,
                    link.to,
                    constraint="false",
                    **_edge_attrs(ctx, node, link.relation, True),
                )


def _undercut_edge(
    g: graphviz.Digraph,
    ctx: _Ctx,
    node: Node,
    target_id: str,
    cross: bool,
    undercut: set[str],
    groups: Mapping[str, list[Node]],
) -> None:
    key = _link_key(ctx, ctx.m.get(target_id), groups)
    attrs = _edge_attrs(ctx, node, Relation.UNDERCUTS, cross)
    if cross:
        attrs["constraint"] = "false"
    g.edge(node.id, f"junction {key}" if key in undercut else target_id, **attrs)


_LEGEND_TEXT: Final[Mapping[Relation, str]] = {
    Relation.SUPPORTS: "arrow: supports",
    Relation.ATTACKS: "arrow: attacks",
    Relation.UNDERCUTS: "arrow to a dot on a link: undercuts that inference",
}


def _add_legend(g: graphviz.Digraph, ctx: _Ctx, shown: list[Node]) -> None:
    kinds: list[NodeKind] = []
    relations: list[Relation] = []
    cross = linked = False
    standings: list[str] = []
    for node in shown:
        kind = draw_kind(ctx.m, node)
        if kind not in kinds:
            kinds.append(kind)
        if (
            node.parent in ctx.visible
            and node.relation is not None
            and node.relation not in relations
        ):
            relations.append(node.relation)
        cross = cross or any(link.to in ctx.visible for link in node.links)
        linked = linked or node.group is not None
        standing = ctx.standing.get(node.id)
        if standing is not None and standing not in standings:
            standings.append(standing)
    rows: list[str] = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>KEY</B></TD></TR>']
    for kind in sorted(kinds, key=list(NodeKind).index):
        style = ctx.nodes[kind]
        rows.append(
            f'<TR><TD BGCOLOR="{style.fill}" BORDER="1" COLOR="{style.border}" WIDTH="18"> </TD>'
            f'<TD ALIGN="LEFT">{_esc(style.label.lower())}</TD></TR>'
        )
    for relation in sorted(relations, key=list(Relation).index):
        edge = ctx.edges[relation]
        meaning = ("bar-ended " if edge.arrowhead == "tee" else "") + _LEGEND_TEXT[relation]
        rows.append(
            f'<TR><TD><FONT COLOR="{edge.color}" POINT-SIZE="16"><B>→</B></FONT></TD>'
            f'<TD ALIGN="LEFT">{_esc(meaning)}</TD></TR>'
        )
    if linked:
        rows.append(
            '<TR><TD>[ ]</TD><TD ALIGN="LEFT">box: premises that work only together</TD></TR>'
        )
    if cross:
        rows.append(
            '<TR><TD>- -</TD><TD ALIGN="LEFT">dashed: cross-link to another branch</TD></TR>'
        )
    for standing in sorted(standings, key=list(STANDING_LABEL).index):
        border = STANDING_BORDER[standing] or "solid"
        rows.append(
            f"<TR><TD>[{STANDING_LABEL[standing]}]</TD>"
            f'<TD ALIGN="LEFT">{_esc(_STANDING_TEXT[standing])} ({border} border)</TD></TR>'
        )
    g.node(
        "legend key",
        label='<<TABLE BORDER="1" COLOR="#9e9e9e" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>>",
        shape="plaintext",
        style="",
        fontsize="10",
        fontcolor="#212121",
        id="legend",
        tooltip="Key",
        **{"class": "legend"},
    )


_STANDING_TEXT: Final[Mapping[str, str]] = {
    "in": "stands: every objection answered",
    "out": "falls: an objection stands against it",
    "undecided": "undecided",
}


def to_dot(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """Return the map's diagram as DOT source text."""
    return str(to_digraph(m, analysis, options).source)


def render_svg(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """Render the map's diagram as SVG text (for the HTML page to inline).

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    from argmap.exporters.diagram.engine import run_engine

    options = options or RenderOptions()
    data = run_engine(
        to_dot(m, analysis, options), "svg", options.engine, map_name=options.map_name
    )
    return data.decode("utf-8")


def render_png(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> bytes:
    """Render the map's diagram as PNG bytes (slide resolution, size capped).

    The bundled engine draws PNG text only in its own fonts (Latin, Greek, Cyrillic,
    Hebrew); when the map holds other characters (Hangul, CJK, Arabic, emoji...), its
    SVG is rasterized by resvg with the Noto fonts instead, so every glyph shows.
    """
    from argmap.exporters.diagram.engine import (
        MAX_PNG_SIDE_PX,
        PNG_DPI,
        find_engine,
        missing_png_glyphs,
        run_engine,
    )

    options = options or RenderOptions()
    info = find_engine(options.engine)
    dot = to_dot(m, analysis, options)
    if info.kind == "bundled":
        text = _drawn_text(m, options)
        lacking = missing_png_glyphs(text)
        if lacking:
            from argmap.errors import RenderError
            from argmap.exporters.diagram.raster import svg_to_png

            logging.getLogger(__name__).info(
                "%s: PNG drawn from the SVG with the Noto fonts (the bundled engine's fonts "
                "lack %s)",
                options.map_name,
                _some(lacking),
            )
            svg = run_engine(dot, "svg", info, map_name=options.map_name).decode("utf-8")
            try:
                png = svg_to_png(svg, dpi=PNG_DPI, max_side_px=MAX_PNG_SIDE_PX)
            except RenderError as exc:
                logging.getLogger(__name__).warning(
                    "%s: %s; drew the PNG with the engine instead, where %s show as boxes",
                    options.map_name,
                    str(exc).split("; try ")[0],
                    _some(lacking),
                )
            else:
                _warn_unfontable(text, options.map_name, "PNG")
                return png
    return run_engine(dot, "png", info, map_name=options.map_name)


MAX_NAMED_GLYPHS: Final = 8
"""How many characters a message about missing glyphs names."""


def _some(chars: list[str]) -> str:
    named = " ".join(chars[:MAX_NAMED_GLYPHS])
    return named + (" ..." if len(chars) > MAX_NAMED_GLYPHS else "")


def _drawn_text(m: ArgumentMap, options: RenderOptions) -> str:
    """Every user string the diagram draws (not tooltips), one per line."""
    drawn: list[str] = []
    for node in visible_nodes(m, options):
        drawn += [node.text, node.author or ""]
        if node.quote and "quotes" not in options.hide:
            drawn.append(node.quote)
        if node.citation is not None:
            drawn.append(node.citation.label())
        elif node.source is not None and node.source in m.sources:
            drawn.append(m.sources[node.source].name)
    return "\n".join(drawn)


def _warn_unfontable(text: str, map_name: str, fmt: str) -> None:
    """Warn about characters that no font argmap ships can draw (they show as boxes)."""
    from argmap.exporters.diagram.fonts import missing_glyphs

    missing = missing_glyphs(text)
    if missing:
        logging.getLogger(__name__).warning(
            "%s: the %s shows %d distinct character%s as empty boxes (%s): no font argmap "
            "ships has them; use --format svg, where the browser's fonts draw them",
            map_name,
            fmt,
            len(missing),
            "" if len(missing) == 1 else "s",
            _some(missing),
        )


def render_pdf(m: ArgumentMap, analysis: Analysis, options: RenderOptions | None = None) -> bytes:
    """Render the map's diagram as PDF bytes: the SVG drawn onto a page, text kept as text."""
    from argmap.exporters.diagram.pdf import svg_to_pdf

    options = options or RenderOptions()
    _warn_unfontable(_drawn_text(m, options), options.map_name, "PDF")
    return svg_to_pdf(render_svg(m, analysis, options), title=_clean(m.title))


EXPORTERS: Final[dict[str, Exporter]] = {
    "dot": Exporter("dot", ".dot", "Graphviz DOT source of the diagram", to_dot),
    "svg": Exporter("svg", ".svg", "interactive SVG diagram (tooltips, node links)", render_svg),
    "png": Exporter("png", ".png", "PNG diagram for slides", render_png),
    "pdf": Exporter("pdf", ".pdf", "PDF diagram with selectable text", render_pdf),
}
"""The diagram formats this module serves."""
