"""A reference to a cross-linked node on another page: its lines, box and edge, as drawn."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.arriving import outgoing_name
from argmap.exporters.diagram.dot import Digraph, Html, escape
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.labels import graphviz_escape, lines_html, width_attr
from argmap.exporters.diagram.linebreak import shorten
from argmap.exporters.diagram.pagetrail import TRAIL_CHARS
from argmap.exporters.diagram.stublabels import stub_lines, stub_wrap
from argmap.exporters.diagram.textwidth import LINE_SPACING, text_points
from argmap.model import ArgumentMap, Node, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "IN_WORDS",
    "REF_MARGIN",
    "REF_POINTS",
    "add_references",
    "boxed_label",
    "in_ref_lines",
    "in_ref_size",
    "ref_box",
    "ref_edge",
    "ref_lines",
    "ref_size",
]

REF_POINTS: Final = 10.0
"""A reference's text size."""
REF_MARGIN: Final = (0.06, 0.02)
"""A reference's margins (inches), left and right, top and bottom."""
_LEAST: Final = (0.75 * 72, 0.5 * 72)
"""The engine's smallest box (its default ``width`` and ``height``): one line is shorter."""
_SLACK: Final = 8.0
"""The box's border, and rounding, as the engine draws it (a little more, to be safe)."""


def boxed_label(size: float, *lines: str, room: Sequence[str] = ()) -> Html:
    """An HTML-like label of centred lines in a cell wide enough for them in Noto Sans.

    The engine measures with narrower metrics than the Noto Sans the PDF draws in; the
    cell's width keeps the drawn text inside its box (stubs and references use it).
    ``room``: lines the cell is as wide as instead (a draft's page numbers, all zeros).
    """
    cell = width_attr(list(room or lines), size, padding=0, fixed=True)
    return Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f"<TR><TD{cell}>{lines_html(list(lines))}</TD></TR></TABLE>"
    )


def ref_lines(
    text: str, page: str, across: bool, narrow: bool, upright: bool = False
) -> list[str]:
    """The lines of a reference to the node of ``text`` drawn in full on page ``page``.

    One line, the statement shortened to a breadcrumb row's length; left to right, or on
    an ``upright`` page, two short lines below the page (a column is about a box wide; an
    upright page two boxes, and one line is one and a half).
    """
    if across or upright:
        return [f"→ p. {page}:", *stub_lines(text, stub_wrap(narrow))]
    return [f"→ p. {page}: {shorten(text, TRAIL_CHARS)}"]


def ref_box(lines: list[str]) -> tuple[float, float]:
    """A reference's box in points (width, height), as the engine draws ``lines``.

    The cell is as wide as the lines drawn in Noto Sans, or as the engine counts them
    (the wider: see :func:`~.textwidth.width_attr`), within the box's margins; the box
    is never smaller than the engine's least.
    """
    drawn = math.ceil(max(text_points(line, REF_POINTS) for line in lines)) + 4
    counted = max(engine_points(line, REF_POINTS) for line in lines)
    width = max(drawn, counted) + 2 * REF_MARGIN[0] * 72 + _SLACK
    height = len(lines) * REF_POINTS * LINE_SPACING + 2 * REF_MARGIN[1] * 72 + _SLACK
    return max(width, _LEAST[0]), max(height, _LEAST[1])


@functools.lru_cache(maxsize=4096)
def ref_size(
    text: str, digits: int, across: bool, narrow: bool, upright: bool = False
) -> tuple[float, float]:
    """The box of a reference to the node of ``text`` as planned: (width, height) in points.

    As drawn (see :func:`ref_lines`), its page number ``digits`` wide: digits are one
    width in the drawing's fonts, so any page's number draws as wide.
    """
    return ref_box(ref_lines(text, "0" * digits, across, narrow, upright))


IN_WORDS: Final[Mapping[Relation | None, str]] = {
    Relation.SUPPORTS: "supported",
    Relation.ATTACKS: "attacked",
    Relation.UNDERCUTS: "undercut",
    None: "linked",
}
"""What an arriving reference says its links do to the target (None: a label worksheet's,
whose arrows' signs the students write)."""


def in_ref_lines(how: Relation | None, pages: Sequence[str], upright: bool = False) -> list[str]:
    """The line of a reference to cross-links arriving ``how`` from ``pages`` (distinct).

    One short line, ``attacked from p. 8, 10``: a box for all the links arriving one way,
    their statements in its tooltip, so a target with several keeps its row narrow. On an
    ``upright`` page, beside its target, two (``attacked from`` above ``p. 8, 10``): half
    as wide, it fits beside the boxes of the flagship's thesis and linked reasons.
    """
    said = f"{IN_WORDS[how]} from", f"p. {', '.join(pages)}"
    return list(said) if upright else [" ".join(said)]


@functools.lru_cache(maxsize=4096)
def in_ref_size(
    how: Relation, count: int, digits: int, upright: bool = False
) -> tuple[float, float]:
    """The box of an arriving reference as planned: (width, height) in points.

    Its ``count`` sources each on a page of their own, at most (its widest).
    """
    return ref_box(in_ref_lines(how, ["0" * digits] * count, upright))


def ref_edge(attrs: Mapping[str, str], port: str | None, ranked: bool) -> dict[str, str]:
    """The attributes of the edge from a reference to its source, drawn back to it.

    Not ranked (``constraint=false``), the edge went round the outside of the rows of the
    source's children to the reference after them, across their edges. Ranked as a
    child's, written from the reference with the arrow drawn back to it (``attrs`` are the
    cross-link's, as from its source), it ends where the children's edges do, at ``port``
    (see :func:`~.stacking.row_ports`), and fans out in order with theirs. ``ranked``
    False: an upright page's reference in a later row, whose lane past the rows above
    pushed them aside, wider than planned.
    """
    back = {k: v for k, v in attrs.items() if k not in ("arrowhead", "taillabel")}
    back["dir"] = "back"
    back["arrowtail"] = attrs.get("arrowhead", "normal")
    if "taillabel" in attrs:  # a worksheet's box, by the node the arrow leaves
        back["headlabel"] = attrs["taillabel"]
    if port:
        back["headport"] = port
    if not ranked:
        back["constraint"] = "false"
    return back


def add_references(
    g: Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    edge_attrs: Callable[[Node, Relation, bool], dict[str, str]],
    ports: Mapping[str, str],
) -> None:
    """Draw each cross-link to a node on another page as a small reference to that page.

    Args:
        g: the page's graph.
        m: the map.
        plan: the page and where every node is drawn.
        edge_attrs: the diagram's edge attributes.
        ports: the side of each parent of rows where its children's edges end.

    The reference sits below its source, after the source's children (the planner counts
    it in their rows, as drawn: see :mod:`~.pagerefs`); beside the source, it would make a
    row wider than an upright page. Its edge: see :func:`~.pagerefs.ref_edge`.
    """
    drawn = set(plan.page.nodes)
    held = {item for wrap in plan.page.wraps for item, _ in wrap.holds}
    for node_id in plan.page.nodes:
        node = m.get(node_id)
        for link in node.links:
            if link.to in drawn or link.to not in plan.home:
                continue
            target = m.get(link.to)
            name = outgoing_name(node_id, link.to)
            home = plan.number(plan.home[link.to])
            lines = ref_lines(target.text, home, plan.across, plan.narrow, plan.upright)
            g.node(
                name,
                {
                    "label": boxed_label(REF_POINTS, *lines),
                    "shape": "box",
                    "style": "dashed",
                    "fontsize": f"{REF_POINTS:g}",
                    "margin": f"{REF_MARGIN[0]:g},{REF_MARGIN[1]:g}",
                    "id": escape(f"ref-{node_id}-{link.to}"),
                    "tooltip": graphviz_escape(f"{target.text} (page {home})"),
                    "class": "page-ref",
                    "URL": escape(f"#page-{home}"),
                    "target": "_self",
                },
            )
            ranked = name not in held or not plan.upright
            back = ref_edge(edge_attrs(node, link.relation, True), ports.get(node_id), ranked)
            g.edge(name, node_id, back)
