"""A continued page's breadcrumb: its top nodes' ancestors in one box, a row each, linked."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.dot import Compass, Digraph, Html, LineCache, Port
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.grouprows import boxed_groups
from argmap.exporters.diagram.labels import html_text, text_points, width_attr
from argmap.exporters.diagram.linebreak import shorten
from argmap.exporters.diagram.pagetrailsize import trail_width
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.styles import NodeStyle
from argmap.exporters.diagram.svgtext import LEFT_FACE
from argmap.exporters.diagram.trailcolumn import (
    column_end,
    column_items,
    group_below_trail,
    in_column,
    outer_side,
)
from argmap.exporters.diagram.trailcuts import (
    FLAT,
    WORDED,
    link_through,
    loose_tops,
    trail_cutters,
    worded,
)
from argmap.exporters.diagram.traillanes import SIDE_CLASS, UPWARD, row_class
from argmap.exporters.diagram.trailonto import onto_trail_link
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.shaping import needs_shaping

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "TRAIL_CHARS",
    "EdgeStyler",
    "add_trail",
]

TRAIL_CHARS: Final = 48
"""A trail box shows this much of its statement."""
TRAIL_LEAST: Final = 16
"""A trail row is shortened (to this many characters at most) to be as wide as the
planner counts the breadcrumb (:data:`TRAIL_WIDTH`, less its margins); a row still too
wide (deep, a long kind, wide letters) has every row indented less (see :func:`_lines`)."""
TRAIL_FEWEST: Final = 4
"""Indented least, a row is shortened to this many characters at most (its tooltip has all)."""
INDENTS: Final = (3, 2, 1)
"""The spaces a breadcrumb indents its rows a level, the most that fit (see :func:`_lines`)."""

EdgeStyler = Callable[[Node, Relation, bool], dict[str, str]]
"""Gives an edge's attributes: the source node, its relation, whether a cross-link."""


def add_trail(
    g: Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    styles: Mapping[NodeKind, NodeStyle],
    edge_attrs: EdgeStyler,
    cache: LineCache,
    near: Compass = "",
    junctions: Mapping[str, str] | None = None,
) -> None:
    """Draw the ancestors of the page's branches as one breadcrumb box, a row each.

    Rows go down the tree, indented; a row whose parent is not listed (the breadcrumb
    keeps the root and the nearest ancestors) starts with an ellipsis. Each row links to
    the page that draws its node in full, and each top of the page hangs from the row of
    its parent, its edge ending at the ``near`` side of the box if given (a compass point),
    through the junction ``junctions`` names for it if its link is undercut.
    """
    if not plan.page.trail:
        return
    homes = tuple([_home(plan, node_id) for node_id in plan.page.trail])
    # Pages under the same branch share their breadcrumb (drafts: their numbers too).
    # Its rows face its tops: bottom to top, those under the root hang above the box; top
    # down, those drawn from it (conclusions) too.
    drawn_from = any(map(m.under_conclusion, plan.page.tops))
    upward = plan.direction == ("TB" if drawn_from else "BT")
    key = ("trail label", plan.page.trail, plan.across, plan.narrow, homes, upward)
    label = cache.get(key)
    if label is None:
        lines, width = _lines(m, plan, styles, cache)
        rows = [
            _trail_row(node, styles[draw_kind(m, node)], (index, home), line, width)
            for index, (node, home, line) in enumerate(lines)
        ]
        if upward:  # the tops hang from its last rows: drawn on top, facing them
            rows.reverse()
        label = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        label = cache[key] = label + "".join(rows) + "</TABLE>"
    g.node(
        TRAIL,
        {
            "label": Html(label),
            "shape": "box",
            "style": "rounded,dashed",
            "color": "#757575",
            "fontsize": "11",
            "margin": "0.08,0.04",
            "id": "trail",
            "tooltip": "Where this page hangs in the map",
            "class": f"trail {UPWARD}" if upward else "trail",
        },
    )
    _hang_tops(g, m, plan, edge_attrs, near, junctions or {})


def _lines(
    m: ArgumentMap, plan: PagePlan, styles: Mapping[NodeKind, NodeStyle], cache: LineCache
) -> tuple[list[tuple[Node, str, str]], float]:
    """The breadcrumb's rows, each (its node, its node's page, its line), down the tree.

    And the widest row's width as drawn (see :func:`_row_points`), each row measured once.

    Each row is as wide as the planner counts the breadcrumb (left to right, a column),
    its statement shortened to :data:`TRAIL_LEAST` characters at most; where a row is
    still wider, every row is indented less (:data:`INDENTS`), so that levels still read
    alike, and shortened on, at the least indent, to :data:`TRAIL_FEWEST`.
    """
    widest = trail_width(plan.across, plan.narrow) - 24.0
    levels = _levels(m, plan.page.trail)
    lines: list[tuple[Node, str, str]] = []
    for step in INDENTS:
        lines.clear()
        for index, node_id in enumerate(plan.page.trail):
            node = m.get(node_id)
            # Rows go down the tree; a row whose parent is not listed skips levels.
            skipped = index > 0 and node.parent not in plan.page.trail
            level = levels[node_id]
            key = ("trail line", level, node_id, skipped, plan.across, plan.narrow, step)
            line = cache.get(key)
            if line is None:
                where = (level, skipped, step)
                line = cache[key] = _trail_line(m, node, styles, where, widest)
            lines.append((node, _home(plan, node_id), line))
        widths = [_row_points(line) for _, _, line in lines]
        if all(width <= widest for width in widths):
            break
    return lines, max(widths)


def _levels(m: ArgumentMap, trail: Sequence[str]) -> dict[str, int]:
    """Each breadcrumb row's indent level: one below its nearest listed ancestor's.

    A page's breadcrumb is one chain of ancestors, or (a page of several branches) the
    ancestors of them all, in tree order; by level, a row that answers an earlier one
    than the row above it reads so. A row none of whose ancestors is listed is one
    level below the row above it (the breadcrumb's first row: level 0).
    """
    levels: dict[str, int] = {}
    for node_id in trail:
        above = (row for row in levels if m.is_ancestor(row, node_id))
        listed = max(above, key=m.depth, default=None)  # the nearest listed ancestor
        if listed is not None:
            levels[node_id] = levels[listed] + 1
        else:
            levels[node_id] = next(reversed(levels.values())) + 1 if levels else 0
    return levels


def _hang_tops(
    g: Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    edge_attrs: EdgeStyler,
    near: Compass,
    junctions: Mapping[str, str],
) -> None:
    """Draw each top's edge to the breadcrumb row of its parent (one a linked group's box)."""
    port = {node_id: f"r{i}" for i, node_id in enumerate(plan.page.trail)}
    grouped = boxed_groups(m, plan)
    done: set[str] = set()
    column = column_items(m, plan)
    tops = sorted(plan.page.tops, key=m.position) if column is None else column
    below = group_below_trail(m, plan)
    flat_tops, onto_rows = _cut_ways(m, plan)
    for top in tops:
        if top not in plan.page.tops:  # a stub of the siblings after: see pageparts
            continue
        node = m.get(top)
        if node.parent in port and node.relation is not None:  # a conclusion's: see build
            end: Port | str = Port(TRAIL, port[node.parent], near)
            attrs = edge_attrs(node, node.relation, False)
            if near:  # its row marked: tips into one row are moved apart (see trailrows)
                attrs = row_class(attrs, plan.page.trail.index(node.parent), SIDE_CLASS)
            if node.group in grouped:  # one arrow from a linked group's box
                if node.group in done:
                    continue
                done.add(node.group)
                attrs = {**attrs, "ltail": f"cluster_group {node.group}"}
                attrs["class"] += " linked"
                if node.group == below:  # straight up from its first box (see below)
                    del attrs["ltail"]
            outside = len(tops) > 1 and (below is None or node.group != below)
            if column is not None:  # round the column's outer side, or straight up
                end = column_end(plan, column, top, node.parent)
                outside = end != TRAIL
            junction = junctions.get(top)  # a page's one top (see trailcuts)
            if in_column(plan):  # drawn from the breadcrumb down to the top, pointing up
                _edge_back(g, top, end, attrs, outer_side(plan) if outside else "")
            elif isinstance(end, Port) and top in onto_rows:  # through its own junction too
                onto_trail_link(g, (m, plan), (node, end), attrs, (edge_attrs, junction))
            elif junction is not None:  # an undercutter aims at the arrow
                flat = {"minlen": "0"} if top in flat_tops else {}  # beside it (see cutways)
                attrs = worded(attrs) if node.relation is Relation.UNDERCUTS else attrs  # at a row
                link_through(g, (top, end), attrs, junction.removeprefix("junction "), (flat, {}))
            else:  # an undercutter of a row's link, where none is drawn: worded
                g.edge(top, end, worded(attrs) if node.relation is Relation.UNDERCUTS else attrs)
    if in_column(plan):
        # A linked group wrapped into columns keeps its later columns beside the first.
        wraps = [w.rows[1:] for w in plan.page.wraps if w.parent.startswith("group ")]
        later = {name for rows in wraps for row in rows for name in row}
        tops = [top for top in tops if top not in later]
        with g.subgraph() as same:
            same.set({"rank": "same"})
            for name in [TRAIL, *tops]:
                same.node(name)
        if done or column is not None:  # the column in order, a linked group's boxes too
            for upper, lower in zip([TRAIL, *tops], tops, strict=False):
                _hold_before(g, m, upper, lower)


def _hold_before(g: Digraph, m: ArgumentMap, upper: str, lower: str) -> None:
    """Hold ``upper`` above ``lower`` in their column (one rank, drawn left to right).

    The engine keeps an edge's tail before its head along a rank, but mirrors the order
    inside a cluster when the ranks run across: two boxes of one linked group are held
    by an edge from the lower to the upper.
    """
    group = m.get(upper).group if upper in m else None  # not the trail, not a stub
    if group is not None and lower in m and m.get(lower).group == group:
        g.edge(lower, upper, {"style": "invis"})
    else:
        g.edge(upper, lower, {"style": "invis"})


def _edge_back(
    g: Digraph, tail: str, head: Port | str, attrs: Mapping[str, str], outside: Compass
) -> None:
    """An edge ``tail -> head`` written as ``head -> tail``, drawn with its arrow at ``head``.

    Within one rank, the engine puts an edge's tail before its head: so the breadcrumb
    comes above the tops in their column. ``outside``: past other tops, round the
    column's outer side, this one (empty: straight, not past them).
    """
    back = {k: v for k, v in attrs.items() if k not in ("arrowhead", "ltail")}
    back["dir"] = "back"
    back["arrowtail"] = attrs.get("arrowhead", "normal")
    if "ltail" in attrs:  # to a linked group's box
        back["lhead"] = attrs["ltail"]
    if outside:  # past other tops: round the column's outer side, clear of their edges
        back["headport"] = outside
        if isinstance(head, Port):  # drawn anew in a lane of its own (see traillanes)
            back = row_class(back, int(head.port[1:]))
            head = head._replace(compass=outside)
    g.edge(head, tail, back)


def _trail_line(
    m: ArgumentMap,
    node: Node,
    styles: Mapping[NodeKind, NodeStyle],
    where: tuple[int, bool, int],
    widest: float,
) -> str:
    """One row's line of the breadcrumb: a node's kind and statement, indented.

    ``where``: the row's level (see :func:`_levels`), whether it skips levels and the
    spaces it is indented a level; ``widest``: the line is shortened (to
    :data:`TRAIL_LEAST` characters at most, indented least to :data:`TRAIL_FEWEST`) to
    fit it.
    """
    level, skipped, step = where
    style = styles[draw_kind(m, node)]
    indent = " " * step * min(level, 6) + ("… " if skipped else "")
    name = style.label or node.id  # a label worksheet hides kinds: its ids are positions

    def line(chars: int) -> str:
        return f"{indent}{name}: {shorten(node.text, chars)}"

    full = line(TRAIL_CHARS)
    if _row_points(full) <= widest:  # most rows
        return full
    # The first length that fits, of those tried in turn (a row is no wider for fewer
    # characters: shortened, its text is a prefix of the longer one's); else the least.
    tries = _TRIES if step > INDENTS[-1] else _TRIES_FEWEST
    low, high = 1, len(tries) - 1
    while low < high:
        middle = (low + high) // 2
        if _row_points(line(tries[middle])) <= widest:
            high = middle
        else:
            low = middle + 1
    return line(tries[low])


def _tries(least: int) -> tuple[int, ...]:
    """The lengths a breadcrumb row is shortened to in turn, down to ``least``.

    By 4 characters down to :data:`TRAIL_LEAST`, then by 2: as wide as the planner counts it.
    """
    out = [TRAIL_CHARS]
    while out[-1] > least:
        out.append(out[-1] - (4 if out[-1] > TRAIL_LEAST else 2))
    return tuple(out)


_TRIES: Final = _tries(TRAIL_LEAST)
_TRIES_FEWEST: Final = _tries(TRAIL_FEWEST)


def _trail_row(
    node: Node, style: NodeStyle, where: tuple[int, str], line: str, width: float
) -> str:
    """One row of the breadcrumb, linked to its node's page (``where``: index and page).

    A row of shaped text is set in a cell fixed at the breadcrumb's ``width`` (its widest
    row as drawn), the engine counting it wider than it is drawn: filled out with spaces to
    that width, so that, centred there by the engine, it starts at the row's left
    (:data:`~.svgtext.LEFT_FACE`). Any other row is laid out by the engine from its left.
    """
    index, home = where
    # A focus's context is drawn on no page: its rows link nowhere.
    tip = html_text(f"{shorten(node.text, 300)}" + (f" (page {home})" if home else ""))
    link = f' HREF="#page-{home}"' if home else ""
    if not needs_shaping(line):
        return (
            f'<TR><TD PORT="r{index}" ALIGN="LEFT"{link}{width_attr([line], 11)} '
            f'TOOLTIP="{tip}"><FONT COLOR="{style.ink}">{html_text(line)}</FONT></TD></TR>'
        )
    spaces = int((width - text_points(line, 11)) // text_points(" ", 11))
    filled = line + " " * max(0, spaces)
    cell = f' WIDTH="{math.ceil(width) + 4}" HEIGHT="{math.ceil(11 * 1.2 + 2)}" FIXEDSIZE="TRUE"'
    return (
        f'<TR><TD PORT="r{index}"{link}{cell} TOOLTIP="{tip}">'
        f'<FONT COLOR="{style.ink}" FACE="{LEFT_FACE}">{html_text(filled)}</FONT></TD></TR>'
    )


def _home(plan: PagePlan, node_id: str) -> str:
    """The number of the page drawing a breadcrumb row's node; "" for none (a focus's context)."""
    home = plan.home.get(node_id)
    return "" if home is None else plan.number(home)


def _row_points(line: str) -> float:
    """A breadcrumb row's width as drawn: its cell's, before padding.

    A row of shaped text (Indic scripts, Arabic, Hebrew: :func:`~argmap.shaping.needs_shaping`)
    sits in a cell fixed at its shaped width; any other is as wide as the engine counts it
    where that is wider, as the engine lays it out from its left end.
    """
    drawn = text_points(line, 11)
    return drawn if needs_shaping(line) else max(drawn, engine_points(line, 11))


def _cut_ways(m: ArgumentMap, plan: PagePlan) -> tuple[frozenset[str], frozenset[str]]:
    """The tops whose junctions go beside them; those aiming at a row's link (not across)."""
    flat = loose_tops(m, plan) if plan.cut_way == FLAT else frozenset()
    drawn = plan.cut_way != WORDED and not plan.across
    return flat, trail_cutters(m, plan) if drawn else frozenset()
