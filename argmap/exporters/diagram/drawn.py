"""The diagram's "so" arrows: from a thesis or conclusion up to a conclusion drawn from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.styles import DRAWN_EDGE
from argmap.model import NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.dot import Digraph
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap, Node

__all__ = ["DRAWN_LABEL", "add_drawing_step", "split_above", "with_drawn_above"]

DRAWN_LABEL = "so"
"""The word on every drawing step's arrow."""


def add_drawing_step(
    g: Digraph, theme: str, conclusion: Node, junction: str | None = None
) -> None:
    """Add the arrow from the claim a conclusion is drawn from up to the conclusion.

    The arrow runs source -> conclusion, so with the thesis on top the conclusion sits
    above it. An undercutter of the step aims at ``junction``, a point in its middle.

    Args:
        g: the graph being built.
        theme: the theme's name (see :data:`~argmap.exporters.diagram.styles.DRAWN_EDGE`).
        conclusion: a conclusion whose source is drawn.
        junction: the name of the step's junction point, when an undercutter targets it.
    """
    source = conclusion.parent
    assert source is not None, "a conclusion is always drawn from a claim"
    style = DRAWN_EDGE[theme]
    attrs = {
        "color": style.color,
        "style": style.style,
        "arrowhead": style.arrowhead,
        "penwidth": style.penwidth,
        "fontcolor": style.color,
        "fontsize": "11",
        "class": "drawn-from",
        "tooltip": graphviz_escape(f"{source}, so {conclusion.id}"),
    }
    if junction is None:
        g.edge(source, conclusion.id, {**attrs, "label": DRAWN_LABEL})
    else:
        g.edge(source, junction, {**attrs, "label": DRAWN_LABEL, "arrowhead": "none"})
        g.edge(junction, conclusion.id, attrs)


def split_above(m: ArgumentMap, shown: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split the shown ids into the tree below the root and what is drawn above it.

    Conclusions drawn from the root (in turn), with the objections under them, sit above
    the root in the diagram, so pages plan only the rest and page 1, which holds the
    root, draws them too (see :func:`with_drawn_above`).

    Args:
        m: the map.
        shown: the ids drawn, in document order (parents before children), root first.

    Returns:
        ``(below, above)``, each in document order.
    """
    above: set[str] = set()
    for node_id in shown[1:]:
        node = m.get(node_id)
        if node.kind is NodeKind.CONCLUSION or node.parent in above:
            above.add(node_id)
    return [i for i in shown if i not in above], [i for i in shown if i in above]


def with_drawn_above(pages: list[Page], above: Sequence[str], shown: Sequence[str]) -> list[Page]:
    """Put the ids drawn above the root on page 1, with the root (ids in document order)."""
    if not pages or not above:
        return pages
    order = {node_id: i for i, node_id in enumerate(shown)}
    first = pages[0]
    nodes = tuple(sorted((*first.nodes, *above), key=order.__getitem__))
    return [replace(first, nodes=nodes), *pages[1:]]
