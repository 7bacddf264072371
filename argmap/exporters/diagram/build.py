"""Map -> :class:`~argmap.exporters.diagram.dot.Digraph`: the one DOT builder of every format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from argmap.analysis.view import draw_kind, visible_nodes
from argmap.analysis.viewcuts import cut_options
from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.banklabel import add_bank
from argmap.exporters.diagram.chaincols import column_heads, edge_ends, tree_line
from argmap.exporters.diagram.dot import Digraph, LineCache, escape, node_line
from argmap.exporters.diagram.drawn import add_drawing_step, step_lengths
from argmap.exporters.diagram.focuschain import add_elision, cut_chain
from argmap.exporters.diagram.grouprows import group_box, hold_below_groups, hold_group_rows
from argmap.exporters.diagram.keymarks import deck_marks
from argmap.exporters.diagram.labels import (
    MAX_TOOLTIP_CHARS,
    RowsMemo,
    graphviz_escape,
    node_label,
    shorten_keep_lines,
    tooltip,
)
from argmap.exporters.diagram.legend import legend_attrs, legend_content, legend_label
from argmap.exporters.diagram.stacking import STACK_COLUMNS, Wrap, stack_columns
from argmap.exporters.diagram.stubstatus import map_standings
from argmap.exporters.diagram.styles import (
    CROSS_LINK_STYLE,
    DIRECTION,
    DRAWN_EDGE,
    EDGE_DEFAULTS,
    GRAPH_ATTR,
    NODE_DEFAULTS,
    STANDING_BORDER,
    THEMES,
    EdgeStyle,
    NodeStyle,
)
from argmap.exporters.diagram.trailcuts import add_junction, link_through, undercut_links, worded
from argmap.exporters.diagram.viewmarks import drawing_heading, with_cut
from argmap.exporters.diagram.widerows import hold_wide, wide_drawing
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.pageparts import PagePlan, PageStubs

__all__ = ["STACK_COLUMNS", "LineCache", "stack_columns", "to_digraph"]


@dataclass(frozen=True)
class _Ctx:
    """What every step of building one diagram reads."""

    m: ArgumentMap
    options: RenderOptions
    nodes: Mapping[NodeKind, NodeStyle]
    edges: Mapping[Relation, EdgeStyle]
    visible: frozenset[str]
    standing: Mapping[str, str]
    """Node id -> standing, when ``--status`` draws it."""
    groups: Mapping[str, list[Node]]
    """Group name -> the drawn nodes of that linked group."""
    lines: LineCache = field(default_factory=dict)  # from earlier builds of the same map
    stacked: Mapping[str, Wrap] = field(default_factory=dict)  # groups a page draws in rows
    below_trail: str | None = None  # the group right below a page's breadcrumb, in its column
    boxed: frozenset[str] = frozenset()  # groups drawn in a box: two members, or a part
    captions: Mapping[str, str] = field(default_factory=dict)  # a part's: where the rest is
    ports: Mapping[str, str] = field(default_factory=dict)  # parents of rows: see row_ports
    jumps: frozenset[str] = frozenset()  # heads of a chain's later columns: see column_heads
    rows: RowsMemo | None = None  # statement rows as the planner measured them
    paged: bool = False  # a page of a fitted diagram: undercutters ranked as planned

    @property
    def show_quotes(self) -> bool:
        """Whether quotes are drawn (and put in tooltips)."""
        return "quotes" not in self.options.hide


def to_digraph(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions | None = None,
    page: PagePlan | None = None,
    *,
    cache: LineCache | None = None,
    rows: RowsMemo | None = None,
) -> Digraph:
    """Build the diagram of a map, or of one of its pages, as DOT statements.

    Args:
        m: the map.
        analysis: the map's analysis (``options.status`` draws its standing).
        options: direction, focus/depth, hide, theme and status options.
        page: draw only this page (see :mod:`argmap.exporters.diagram.paging`).
        cache: lines from builds of other pages of the same map, analysis and options.
        rows: the statement rows the planner measured (see :class:`~.labels.RowsMemo`).

    Returns:
        The graph; every user string in it is escaped for DOT and for HTML-like labels.

    Raises:
        RenderError: ``options.focus`` names no node of the map.
    """
    options = _checked(m, options or RenderOptions())
    shown = visible_nodes(m, options) if page is None else [m.get(i) for i in page.page.nodes]
    shown, elision = cut_chain(m, options, shown) if page is None else (shown, None)
    ctx = replace(_context(m, analysis, options, shown, cache), rows=rows)
    ctx = ctx if page is None else _page_groups(ctx, page)  # linked groups: rows, parts...
    g, stubs = _new_graph(m, options, page), None
    if page is not None:  # its stubs go in among its nodes, its rows are the planner's
        from argmap.exporters.diagram.pageparts import PageStubs

        look = (options.theme, options.direction, (options, rows))
        stubs = PageStubs(g, m, page, ctx.nodes, partial(_edge_attrs, ctx), ctx.lines, *look)
        ctx = replace(ctx, ports=stubs.ports, jumps=column_heads(page.page.wraps), paged=True)
        stubs.standing = ctx.standing if options.status else stubs.standing  # tags, borders
    on_page = (stubs.cut, stubs.steps, stubs.hung) if stubs is not None else ((), (), ())
    undercut = undercut_links(m, ctx.visible, partial(_link_key, ctx), shown, on_page)
    if stubs is not None:  # a stub of undercutters aims where they would: at the junction
        links = {t: _link_key(ctx, m.get(t)) for t in (*stubs.cut, *stubs.hung)}
        stubs.junctions = {t: f"junction {key}" for t, key in links.items() if key in undercut}
    wide = wide_drawing(m, options, shown, undercut, ctx.rows) if page is None else None
    ctx = ctx if wide is None else replace(ctx, rows=wide.memo, ports=wide.ports)  # rows
    _add_nodes(g, ctx, shown, stubs)
    _add_tree_edges(g, ctx, shown, undercut, stubs)
    if elision is not None:  # one drawing of a deep focus: the claims left out above it
        add_elision(g, elision)
    _add_undercuts_and_cross_links(g, ctx, shown, undercut)
    if page is None:
        hold_wide(g, shown, ctx.visible, wide, (undercut, ctx.boxed))  # rows, in file order
        add_bank(g, options.sheet)  # a worksheet's pages get the bank on pages of its own
        _add_legend(g, ctx, shown)
    elif page.page.key[0] and page.page.key[0] != "page":  # the whole deck's key, once
        _add_legend(g, replace(ctx, visible=frozenset(page.home)), [*map(m.get, page.home)], page)
    if stubs is not None and page is not None:
        stubs.add_parts()
        hold_below_groups(g, m, page, ctx.stacked, [node.id for node in shown])
    return g


def _page_groups(ctx: _Ctx, page: PagePlan) -> _Ctx:
    """A page's linked groups: in rows, right below the breadcrumb, or in parts."""
    from argmap.exporters.diagram.grouprows import part_captions, stacked_groups
    from argmap.exporters.diagram.trailcolumn import group_below_trail

    captions = part_captions(ctx.m, page, sheets.group_label(ctx.options.sheet))  # group_rest
    stacked, below = stacked_groups(page, ctx.groups.keys()), group_below_trail(ctx.m, page)
    boxed = ctx.boxed | captions.keys()
    return replace(ctx, stacked=stacked, below_trail=below, boxed=boxed, captions=captions)


def _checked(m: ArgumentMap, options: RenderOptions) -> RenderOptions:
    """The options, unless their ``--focus`` names no node: that is refused (see cut_options)."""
    if options.focus is not None and options.focus not in m:
        from argmap.errors import UnknownFocusError

        raise UnknownFocusError(options.map_name, options.focus, (n.id for n in m.nodes))
    return cut_options(m, options)  # what a narrowed view leaves out: "+3 more below"


def _context(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    shown: list[Node],
    cache: LineCache | None,
) -> _Ctx:
    """Gather the theme, the drawn ids, the standings and the linked groups."""
    styles = sheets.sheet_styles(options.sheet, *THEMES[options.theme])  # nodes', edges'
    groups: dict[str, list[Node]] = {}
    for node in shown:
        if node.group is not None:
            groups.setdefault(node.group, []).append(node)
    standing = map_standings(m, analysis) if options.status else {}
    visible = frozenset(node.id for node in shown)
    lines = {} if cache is None else cache
    boxed = frozenset(group for group, members in groups.items() if len(members) > 1)
    return _Ctx(m, options, *styles, visible, standing, groups, lines, boxed=boxed)


def _new_graph(m: ArgumentMap, options: RenderOptions, page: PagePlan | None) -> Digraph:
    """An empty graph with the diagram's defaults (a page's own ranksep), titled by the map."""
    g = Digraph("argmap")
    g.attr("graph", {**GRAPH_ATTR, "rankdir": DIRECTION[options.direction]})
    if page is not None and page.ranksep:  # a small map's one page (see wholepage.CLOSER)
        g.attr("graph", {"ranksep": page.ranksep})
    title = graphviz_escape(shorten_keep_lines(m.title, MAX_TOOLTIP_CHARS))
    heading = drawing_heading(m, options) if page is None else {"label": ""}  # a view's
    g.attr("graph", {**heading, "tooltip": title})
    g.attr("node", NODE_DEFAULTS)
    g.attr("edge", EDGE_DEFAULTS)
    return g


def _add_nodes(g: Digraph, ctx: _Ctx, shown: list[Node], stubs: PageStubs | None) -> None:
    """Add every drawn node (a linked group in a cluster), a page's stubs in file order."""
    drawn_groups: set[str] = set()
    for node in shown:
        if stubs is not None:
            stubs.add_before(node)
        if node.group in ctx.boxed:
            if node.group not in drawn_groups:
                drawn_groups.add(node.group)
                _add_group(g, ctx, node.group)
        else:
            _add_node(g, ctx, node)
    if stubs is not None:
        stubs.add_before(None)


def _add_node(g: Digraph, ctx: _Ctx, node: Node) -> None:
    """Add a node's line: from the cache when an earlier build wrote it."""
    line = ctx.lines.get(node.id)
    if line is None:
        line = ctx.lines[node.id] = node_line(node.id, _node_attrs(ctx, node))
    g.line(line)


def _add_group(g: Digraph, ctx: _Ctx, group: str) -> None:
    """Add a linked group: its premises side by side in a box of their own (or in rows)."""
    premise = ctx.nodes[NodeKind.PREMISE]
    with g.subgraph(f"cluster_group {group}") as sub:
        caption = ctx.captions.get(group) or sheets.group_label(ctx.options.sheet)
        part = group in ctx.captions and ctx.options.direction in ("TB", "BT")
        sub.set(group_box(group, caption, premise, group == ctx.below_trail, part))
        rows = ctx.stacked.get(group)
        if rows is None:
            sub.attr("graph", {"rank": "same"})
        for member in ctx.groups[group]:
            _add_node(sub, ctx, member)
        hold_group_rows(sub, rows, ctx.groups[group], ctx.options.direction)


def _node_attrs(ctx: _Ctx, node: Node) -> dict[str, str]:
    """A node's attributes: label and tooltip, the theme's look, and its SVG id, class, link."""
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
    sheet, show, opts, memo = ctx.options.sheet, ctx.show_quotes, ctx.options, ctx.rows
    parts = sheets.label_parts(sheet, node, kind, style)
    label = node_label(
        ctx.m, node, kind, style, standing=standing, show_quote=show, page=opts, memo=memo, **parts
    )
    classes = sheets.sheet_classes(sheet, classes)
    return {
        "label": with_cut(label, opts, node.id, style),  # what a narrowed view cuts there
        "shape": style.shape,
        "style": styles,
        "fillcolor": style.fill,
        "color": style.border,
        "fontcolor": style.ink,
        "penwidth": style.penwidth,
        "id": escape(f"node-{node.id}"),
        "class": " ".join(classes),
        "tooltip": graphviz_escape(tooltip(node, show_quote=ctx.show_quotes)),
        "URL": escape(f"#node-{node.id}"),
        "target": "_self",
    }


def _edge_attrs(ctx: _Ctx, source: Node, relation: Relation, cross: bool) -> dict[str, str]:
    """An edge's attributes: the theme's look for the relation, a class and a tooltip."""
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
    } | sheets.sheet_edge(ctx.options.sheet, source, relation)


def _link_key(ctx: _Ctx, node: Node) -> str:
    """The name of the support link a node belongs to (its group's, if linked)."""
    return f"group {node.group}" if node.group in ctx.boxed else node.id


def _add_tree_edges(
    g: Digraph, ctx: _Ctx, shown: list[Node], undercut: set[str], stubs: PageStubs | None
) -> None:
    """Add each node's edge to its parent (one per linked group, from the group's box).

    A link that an undercutter targets runs through a junction point in its middle.
    """
    done_groups: set[str] = set()
    steps = stubs.steps if stubs is not None else {}  # conclusions drawn from its breadcrumb
    flats = stubs.flat if stubs is not None else {}
    lengths = step_lengths(shown, ctx.visible, steps, undercut, flats)
    for node in [*shown, None]:
        if stubs is not None:
            stubs.edges_before(node)
        if node is None:
            break
        if node.kind is NodeKind.CONCLUSION and (node.parent in ctx.visible or node.id in steps):
            color = DRAWN_EDGE[ctx.options.theme].color  # the "so" arrow's, in the theme
            junction = add_junction(g, node.id, color) if node.id in undercut else None
            flat, tail = flats.get(node.id, ""), steps.get(node.id)
            alone = ctx.options.direction in ("TB", "BT") and tail is not None and len(steps) == 1
            level = lengths.get(node.id, 1)
            lane = stubs is not None and node.id in stubs.laned
            add_drawing_step(g, ctx.options.theme, node, junction, tail, flat, alone, level, lane)
        if node.parent is None or node.parent not in ctx.visible or node.relation is None:
            continue
        if node.relation is Relation.UNDERCUTS:
            continue  # drawn by _undercut_edge, onto the link rather than the node
        key = _link_key(ctx, node)
        if key != node.id:
            if key in done_groups:
                continue
            done_groups.add(key)
        port = edge_ends(node.id, node.parent, (ctx.ports, ctx.jumps), ctx.options.direction)
        line = ctx.lines.get(("tree", node.id, key, tuple(port)))
        if line is not None and key not in undercut:
            g.line(line)
            continue
        attrs = _edge_attrs(ctx, node, node.relation, False)
        tail_attrs: dict[str, str] = {}
        if key != node.id:
            tail_attrs["ltail"] = f"cluster_{key}"
            attrs["class"] += " linked"
        if key in undercut:
            link_through(g, (node.id, node.parent), attrs, key, (tail_attrs, port))
        else:
            line = tree_line(node.id, node.parent, {**attrs, **tail_attrs, **port})
            ctx.lines["tree", node.id, key, tuple(port)] = line
            g.line(line)


def _add_undercuts_and_cross_links(
    g: Digraph, ctx: _Ctx, shown: list[Node], undercut: set[str]
) -> None:
    """Add undercutters' edges (onto links) and cross-links (which do not rank nodes)."""
    for node in shown:
        if node.relation is Relation.UNDERCUTS and node.parent in ctx.visible:
            _undercut_edge(g, ctx, node, node.parent, False, undercut)
        for link in node.links:
            if link.to not in ctx.visible:
                continue
            if link.relation is Relation.UNDERCUTS:
                _undercut_edge(g, ctx, node, link.to, True, undercut)
            else:
                attrs = _edge_attrs(ctx, node, link.relation, True)
                g.edge(node.id, link.to, {"constraint": "false", **attrs})


def _undercut_edge(
    g: Digraph, ctx: _Ctx, node: Node, target_id: str, cross: bool, undercut: set[str]
) -> None:
    """Add an undercutter's edge: to the junction of the link it targets, if drawn.

    Undercut in its turn (by a rebuttal), it runs through a junction of its own.
    """
    key = _link_key(ctx, ctx.m.get(target_id))
    attrs = _edge_attrs(ctx, node, Relation.UNDERCUTS, cross)
    if cross:
        attrs["constraint"] = "false"
    onto = key in undercut  # onto an arrow: a worksheet's box shows the sign, settled
    port = {}
    if not (cross or onto) and target_id in ctx.ports:  # among its children's edges
        port["headport"] = ctx.ports[target_id]
    head, attrs = f"junction {key}" if onto else target_id, sheets.onto_arrow(attrs, onto)
    if not onto and ctx.paged and ctx.m.get(target_id).parent not in ctx.visible:
        attrs = worded(attrs)  # its link is not on the page, or no junction fit it
    own = _link_key(ctx, node)
    if not cross and own in undercut:
        link_through(g, (node.id, head), attrs, own, ({}, port))
    else:
        g.edge(node.id, head, {**attrs, **port})
    if ctx.paged and onto and not cross and ctx.m.get(target_id).parent in ctx.visible:
        g.edge(node.id, target_id, {"style": "invis"})  # below it, as the planner ranks it


def _add_legend(g: Digraph, ctx: _Ctx, shown: list[Node], page: PagePlan | None = None) -> None:
    """Add the key, explaining what this drawing uses (on ``page``, in its columns)."""
    marks = deck_marks(ctx.m, page)  # stubs, breadcrumbs, references: any page's
    content = legend_content(ctx.m, shown, ctx.visible, ctx.standing, paged=ctx.paged, marks=marks)
    look = (ctx.options.theme, ctx.options.direction, 1 if page is None else page.page.key_columns)
    key = legend_label(content, ctx.nodes, ctx.edges, *look)
    g.node("legend key", legend_attrs(sheets.sheet_key(ctx.options.sheet) or key))
