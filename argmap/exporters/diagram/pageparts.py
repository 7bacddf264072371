"""What a diagram page adds: a heading, the trail of ancestors, stubs, references to pages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.labels import (
    graphviz_escape,
    html_text,
    lines_html,
    shorten,
    width_attr,
)
from argmap.exporters.diagram.paging import Page
from argmap.exporters.diagram.styles import NodeStyle
from argmap.model import ArgumentMap, Node, NodeKind, Relation

if TYPE_CHECKING:
    import graphviz

__all__ = ["PagePlan", "add_page_parts", "page_anchor"]

TRAIL_CHARS: Final = 48
"""A trail box shows this much of its statement."""

STUB_CHARS: Final = 50
"""A stub box shows this much of its branch's first statement."""

EdgeStyler = Callable[[Node, Relation, bool], dict[str, str]]
"""Gives an edge's attributes: the source node, its relation, whether a cross-link."""


@dataclass(frozen=True)
class PagePlan:
    """One page to draw, with what it needs to point elsewhere.

    Attributes:
        page: the page.
        total: how many pages the diagram has.
        home: node id -> the page that draws it in full.
        digits: when above 0, a draft: every page number is drawn as that many zeros, so
            the page lays out the same whatever the numbers turn out to be (digits are
            one width in the drawing fonts); :mod:`pagenumbers` writes the real ones in.
    """

    page: Page
    total: int
    home: Mapping[str, int]
    digits: int = 0

    def number(self, page: int) -> str:
        """A page number as this plan draws it."""
        return "0" * self.digits if self.digits else str(page)


def page_anchor(number: int) -> str:
    """The link target of a page (``#page-3``), used by stubs, trails and references."""
    return f"#page-{number}"


def add_page_parts(
    g: graphviz.Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    styles: Mapping[NodeKind, NodeStyle],
    edge_attrs: EdgeStyler,
) -> None:
    """Add the page's heading, its trail, its stubs and references to other pages.

    Args:
        g: the page's graph, its own nodes already added.
        m: the map.
        plan: the page and where every node is drawn.
        styles: the theme's node styles.
        edge_attrs: the diagram's edge attributes, so added edges look like the tree's.
    """
    page = plan.page
    g.attr(
        "graph",
        label=_html(
            f"{shorten(m.title, 80)}  ·  page {plan.number(page.number)} of "
            f"{plan.number(plan.total)}"
        ),
        labelloc="t",
        labeljust="l",
        fontsize="11",
        fontcolor="#424242",
    )
    _add_trail(g, m, plan, styles, edge_attrs)
    _add_stubs(g, m, plan, styles, edge_attrs)
    _add_references(g, m, plan, edge_attrs)


def _html(*lines: str) -> str:
    """An HTML-like label of one or more lines, each escaped."""
    return f"<{lines_html(list(lines))}>"


def _boxed(size: float, *lines: str) -> str:
    """An HTML-like label of centred lines in a cell wide enough for them in Noto Sans.

    The engine measures with narrower metrics than the Noto Sans the PDF draws in; the
    cell's width keeps the drawn text inside its box.
    """
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f"<TR><TD{width_attr(list(lines), size)}>{lines_html(list(lines))}</TD></TR></TABLE>>"
    )


def _link(plan: PagePlan, number: int) -> dict[str, str]:
    import graphviz

    return {"URL": graphviz.escape(f"#page-{plan.number(number)}"), "target": "_self"}


def _add_trail(
    g: graphviz.Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    styles: Mapping[NodeKind, NodeStyle],
    edge_attrs: EdgeStyler,
) -> None:
    """Draw the ancestors of the page's branches as one breadcrumb box, a row each.

    Rows go down the tree, indented; a row whose parent is not listed (the breadcrumb
    keeps the root and the nearest ancestors) starts with an ellipsis. Each row links to
    the page that draws its node in full, and each top of the page hangs from the row of
    its parent.
    """
    if not plan.page.trail:
        return
    rows: list[str] = []
    for index, node_id in enumerate(plan.page.trail):
        node = m.get(node_id)
        kind = draw_kind(m, node)
        style = styles[kind]
        # Rows go down the tree; a row whose parent is not the row above skips levels.
        skipped = index > 0 and node.parent not in plan.page.trail
        indent = "   " * min(index, 6) + ("… " if skipped else "")
        line = f"{indent}{style.label}: {shorten(node.text, TRAIL_CHARS)}"
        home = plan.number(plan.home[node_id])
        tip = html_text(f"{shorten(node.text, 300)} (page {home})")
        rows.append(
            f'<TR><TD PORT="r{index}" ALIGN="LEFT" HREF="#page-{home}"{width_attr([line], 11)} '
            f'TOOLTIP="{tip}"><FONT COLOR="{style.ink}">{html_text(line)}</FONT></TD></TR>'
        )
    g.node(
        "trail",
        label='<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        + "".join(rows)
        + "</TABLE>>",
        shape="box",
        style="rounded,dashed",
        color="#757575",
        fontsize="11",
        margin="0.08,0.04",
        id="trail",
        tooltip="Where this page hangs in the map",
        **{"class": "trail"},
    )
    port = {node_id: f"r{i}" for i, node_id in enumerate(plan.page.trail)}
    for top in plan.page.tops:
        node = m.get(top)
        if node.parent in port and node.relation is not None:
            g.edge(
                top,
                f"trail:{port[node.parent]}",
                **edge_attrs(node, node.relation, False),
            )


def _add_stubs(
    g: graphviz.Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    styles: Mapping[NodeKind, NodeStyle],
    edge_attrs: EdgeStyler,
) -> None:
    """Draw each branch left out as one box saying where it continues."""
    import graphviz

    drawn = set(plan.page.nodes)
    for index, stub in enumerate(plan.page.stubs, start=1):
        first = m.get(stub.tops[0])
        style = styles[draw_kind(m, first)]
        if len(stub.tops) == 1:
            more = stub.hidden - 1
            text = shorten(first.text, STUB_CHARS)
            where = (
                f"+{more} more, " if more else "continues on "
            ) + f"p. {plan.number(stub.page)}"
        else:
            text = _branch_counts(m, stub.tops, styles)
            where = f"{stub.hidden} nodes in all, from p. {plan.number(stub.page)}"
        name = f"stub {index}"
        g.node(
            name,
            label=_boxed(11, text, where),
            shape="box",
            style="rounded,dashed,filled",
            fillcolor="#ffffff",
            color=style.border,
            fontcolor=style.ink,
            fontsize="11",
            id=graphviz.escape(f"stub-{index}"),
            tooltip=graphviz_escape(f"{first.text} (continues on page {plan.number(stub.page)})"),
            **{"class": f"stub {draw_kind(m, first).value}" if style.label else "stub"},
            **_link(plan, stub.page),
        )
        parent = stub.parent
        if stub.parent not in drawn:
            parent = f"trail:r{plan.page.trail.index(stub.parent)}"
        relation = first.relation or Relation.SUPPORTS
        g.edge(name, parent, **edge_attrs(first, relation, False))


def _branch_counts(
    m: ArgumentMap, tops: tuple[str, ...], styles: Mapping[NodeKind, NodeStyle]
) -> str:
    """Say what several branches are: ``3 more reasons, 2 more objections``.

    Kinds the styles do not name (a label worksheet's) are counted as statements.
    """
    counts: dict[str, int] = {}
    for top in tops:
        kind = draw_kind(m, m.get(top))
        word = kind.value if styles[kind].label else "statement"
        counts[word] = counts.get(word, 0) + 1
    names = {"premise": "reason", "evidence": "piece of evidence"}
    parts = []
    for word, count in counts.items():
        name = names.get(word, word)
        if count != 1:
            name = "pieces of evidence" if word == "evidence" else name + "s"
        parts.append(f"{count} more {name}")
    return ", ".join(parts)


def _add_references(
    g: graphviz.Digraph, m: ArgumentMap, plan: PagePlan, edge_attrs: EdgeStyler
) -> None:
    """Draw each cross-link to a node on another page as a small reference to that page."""
    import graphviz

    drawn = set(plan.page.nodes)
    for node_id in plan.page.nodes:
        node = m.get(node_id)
        for link in node.links:
            if link.to in drawn or link.to not in plan.home:
                continue
            target = m.get(link.to)
            name = f"ref {node_id} {link.to}"
            home = plan.number(plan.home[link.to])
            g.node(
                name,
                label=_boxed(10, f"→ p. {home}: {shorten(target.text, TRAIL_CHARS)}"),
                shape="box",
                style="dashed",
                fontsize="10",
                margin="0.06,0.02",
                id=graphviz.escape(f"ref-{node_id}-{link.to}"),
                tooltip=graphviz_escape(f"{target.text} (page {home})"),
                **{"class": "page-ref"},
                **_link(plan, plan.home[link.to]),
            )
            g.edge(node_id, name, constraint="false", **edge_attrs(node, link.relation, True))
