"""The diagram's key: the node kinds, arrows and border patterns one drawing uses, explained."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.dot import Html
from argmap.exporters.diagram.keymarks import mark_swatch, mark_words, ordered
from argmap.exporters.diagram.keysamples import edge_sample, kind_swatch, linked_swatch
from argmap.exporters.diagram.labels import html_text, text_points, width_attr
from argmap.exporters.diagram.linebreak import wrap_text
from argmap.exporters.diagram.styles import (
    ANSWER_NOTE,
    CROSS_LEGEND,
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

__all__ = [
    "PAIRED",
    "PAIRED_WRAP",
    "PAIRED_WRAPPED",
    "LegendContent",
    "key_lines",
    "key_wrap",
    "title_points",
    "legend_attrs",
    "legend_content",
    "legend_label",
]

COLUMN_GAP: Final = '<TD WIDTH="10"></TD>'
"""Between a key's two columns: the first's words end apart from the second's samples."""
PAIRED: Final = 2
"""A key's ``columns`` (see :func:`legend_label`): two side by side, wide and low."""
PAIRED_WRAPPED: Final = 3
"""A key's ``columns``: two, the longest entries' words wrapped (see :data:`PAIRED_WRAP`)."""
PAIRED_WRAP: Final = 34
"""A key in two columns, where they are too wide, wraps an entry's words at this many
characters: unwrapped, the undercut arrow's and the linked box's words made the key 479
points wide, past an upright slide's 447, so such a slide ended on a page holding only
the key."""


@dataclass
class LegendContent:
    """What a drawing shows that the key explains, each in the order first met."""

    kinds: list[NodeKind] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    answers: bool = False
    """Some rebuttal's attack or undercut is drawn (in the rebuttal's colour: see build)."""
    cross: bool = False
    """Some cross-link (``links:``) is drawn."""
    linked: bool = False
    """Some linked group's box is drawn: two of its premises or more are drawn in full."""
    standings: list[str] = field(default_factory=list)
    drawn: bool = False
    """Some conclusion is drawn with the claim it is drawn from (a "so" arrow)."""
    marks: list[str] = field(default_factory=list)
    """The page marks some page draws (see :mod:`~.keymarks`), in the key's order."""
    status: bool = False
    """``--status`` draws standings: a stub's border is its branch's."""


def legend_content(
    m: ArgumentMap,
    shown: list[Node],
    visible: Collection[str],
    standing: Mapping[str, str],
    *,
    paged: bool = False,
    marks: Collection[str] = (),
) -> LegendContent:
    """Collect what the drawn nodes and edges need explaining.

    Args:
        m: the map.
        shown: the nodes drawn.
        visible: their ids.
        standing: node id -> standing, for the nodes ``--status`` marks.
        paged: a page of a fitted diagram, where a node whose parent is on another page
            has its arrow drawn into the breadcrumb, in its relation's style.
        marks: the page marks the pages draw (see :func:`~.keymarks.deck_marks`).
    """
    content = LegendContent(marks=ordered(marks), status=bool(standing))
    grouped: set[str] = set()
    # A group drawn in parts: a member drawn here, another as a stub, is in a box too.
    parted = {node.group for node in shown if node.group is not None and node.id not in visible}
    for node in shown:
        kind = draw_kind(m, node)
        if kind not in content.kinds:
            content.kinds.append(kind)
        into_trail = paged and node.parent is not None and node.id in visible
        if (node.parent in visible or into_trail) and node.relation is not None:
            if node.relation not in content.relations:
                content.relations.append(node.relation)
            answer = kind is NodeKind.REBUTTAL and node.relation is not Relation.SUPPORTS
            content.answers = content.answers or answer
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
    columns: int = 1,
) -> Html:
    """The key as an HTML-like table label, in the theme's node and edge styles.

    ``direction``: the drawing's (see :data:`~.styles.DRAWN_LEGEND`). ``columns``: 2
    (:data:`PAIRED`) sets its entries in two columns side by side, the first half (the
    kinds) on the left: a wide, low key for a page with room below its drawing but not a
    tall key's; 3 (:data:`PAIRED_WRAPPED`) the same, the longest entries' words wrapped
    onto two lines, for a page too narrow for that.
    """
    cells = _legend_cells(content, nodes, edges, theme, direction, key_wrap(columns))
    own = content.answers and nodes[NodeKind.REBUTTAL].border != edges[Relation.ATTACKS].color
    # One run: the engine set a second one after its own width of the first (``KEY :``),
    # and one starting with a space without the space, which a browser draws.
    title = f"KEY: {ANSWER_NOTE}" if own else "KEY"
    span = 5 if columns > 1 else 2
    # As wide as drawn in bold Noto Sans: the engine's narrower measure of it left the
    # title running past the key's right side where it is the key's widest row.
    wide = width_attr([title], 10, "B")
    rows = [f'<TR><TD COLSPAN="{span}" ALIGN="LEFT"{wide}><B>{html_text(title)}</B></TD></TR>']
    if columns == 1:
        rows += [f"<TR>{sample}{words}</TR>" for sample, words in cells]
    else:  # a gap between the columns, as wide as a swatch's margin
        half = -(-len(cells) // 2)
        for left, right in zip_longest(cells[:half], cells[half:], fillvalue=("<TD></TD>",) * 2):
            rows.append(f"<TR>{''.join(left)}{COLUMN_GAP}{''.join(right)}</TR>")
    return Html(
        '<TABLE BORDER="1" COLOR="#9e9e9e" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>"
    )


def _legend_cells(
    content: LegendContent,
    nodes: Mapping[NodeKind, NodeStyle],
    edges: Mapping[Relation, EdgeStyle],
    theme: str,
    direction: str,
    wrap: int = 0,
) -> list[tuple[str, str]]:
    """The key's entries, each its sample's cell and its words' cell, in the key's order.

    ``wrap``: the words' lines' most characters (0: each entry's words on one line).
    """
    cells: list[tuple[str, str]] = []

    def _words(text: str) -> str:
        return _words_cell(key_lines(text, wrap))

    for kind in sorted(content.kinds, key=list(NodeKind).index):
        style = nodes[kind]
        cells.append((f"<TD>{kind_swatch(style, bool(wrap))}</TD>", _words(style.label.lower())))
    for relation in sorted(content.relations, key=list(Relation).index):
        edge = edges[relation]
        meaning = ("bar-ended " if edge.arrowhead == "tee" else "") + LEGEND_TEXT[relation]
        cells.append((edge_sample(edge, dot=relation is Relation.UNDERCUTS), _words(meaning)))
    if content.drawn:
        cells.append((edge_sample(DRAWN_EDGE[theme]), _words(DRAWN_LEGEND[direction])))
    if content.linked:
        cells.append(
            (
                f"<TD>{linked_swatch(nodes[NodeKind.PREMISE], bool(wrap))}</TD>",
                _words(LINKED_LEGEND),
            )
        )
    if content.cross:
        cross = edge_sample(edges[Relation.SUPPORTS], dashed=True)
        cells.append(
            (cross, _words(CROSS_LEGEND) if wrap else f'<TD ALIGN="LEFT">{CROSS_LEGEND}</TD>')
        )
    for mark in content.marks:
        swatch = mark_swatch(mark, nodes[NodeKind.PREMISE], content.status)
        cells.append((f'<TD ALIGN="LEFT">{swatch}</TD>', _words(mark_words(mark, content.status))))
    for standing in sorted(content.standings, key=list(STANDING_LABEL).index):
        tag = f"[{STANDING_LABEL[standing]}]"
        meaning = f"{STANDING_TEXT[standing]} ({STANDING_BORDER[standing] or 'solid'} border)"
        cells.append((f"<TD{width_attr([tag], 10)}>{html_text(tag)}</TD>", _words(meaning)))
    return cells


def title_points(content: LegendContent) -> float:
    """The key's title row's width in points, at most (see :data:`~.styles.ANSWER_NOTE`)."""
    return text_points(f"KEY: {ANSWER_NOTE}" if content.answers else "KEY", 10, "B") + 16


def key_wrap(columns: int) -> int:
    """The most characters a line of a key's words in ``columns`` holds (0: no limit)."""
    return PAIRED_WRAP if columns == PAIRED_WRAPPED else 0


def key_lines(text: str, wrap: int) -> list[str]:
    """A key entry's words in lines of at most ``wrap`` characters (0: one line)."""
    return wrap_text(text, wrap) if wrap else [text]


def _words_cell(lines: list[str]) -> str:
    """A key entry's words' cell, left aligned, as wide as its widest line at 10 points."""
    if len(lines) == 1:
        return f'<TD ALIGN="LEFT"{width_attr(lines, 10)}>{html_text(lines[0])}</TD>'
    text = "<BR/>".join(map(html_text, lines))
    return f'<TD ALIGN="LEFT" BALIGN="LEFT"{width_attr(lines, 10)}>{text}</TD>'


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
