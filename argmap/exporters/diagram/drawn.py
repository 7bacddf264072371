"""The diagram's "so" arrows: from a thesis or conclusion up to a conclusion drawn from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.styles import DRAWN_EDGE

if TYPE_CHECKING:
    import graphviz

    from argmap.model import Node

__all__ = ["DRAWN_LABEL", "add_drawing_step"]

DRAWN_LABEL = "so"
"""The word on every drawing step's arrow."""


def add_drawing_step(
    g: graphviz.Digraph, theme: str, conclusion: Node, junction: str | None = None
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
        g.edge(source, conclusion.id, label=DRAWN_LABEL, **attrs)
    else:
        g.edge(source, junction, label=DRAWN_LABEL, **{**attrs, "arrowhead": "none"})
        g.edge(junction, conclusion.id, **attrs)
