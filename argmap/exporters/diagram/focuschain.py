"""One drawing of a deep focus: the claims above it cut to the thesis and the nearest few."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple

from argmap.analysis.view import CHAIN_NEAREST, elided_chain, focus_chain

if TYPE_CHECKING:
    from argmap.exporters.diagram.dot import Digraph
    from argmap.model import ArgumentMap, Node
    from argmap.options import RenderOptions

__all__ = ["Elision", "add_elision", "cut_chain"]

ELIDED_COLOR: Final = "#757575"
"""The dashed line standing for the claims left out: the breadcrumb's grey."""


class Elision(NamedTuple):
    """The claims a drawing leaves out between the thesis and the nearest it draws.

    Attributes:
        below: the farthest claim drawn above the focus (the line runs from it).
        thesis: the thesis's id (the line runs to it).
        left_out: how many claims are left out between them.
    """

    below: str
    thesis: str
    left_out: int


def cut_chain(
    m: ArgumentMap, options: RenderOptions, shown: list[Node]
) -> tuple[list[Node], Elision | None]:
    """The nodes one drawing of a focus draws, and the claims it leaves out above it.

    A focus keeps the chain of claims up to the thesis as context (see
    :func:`~argmap.analysis.view.visible_nodes`). Up to ``view.CHAIN_WHOLE`` of them are
    drawn as boxes, as before; a longer chain (a focus hundreds of levels deep made a
    drawing of hundreds of boxes in a column) keeps the thesis and the
    ``view.CHAIN_NEAREST`` nearest the focus, and a dashed line between them says how many
    claims it leaves out, as the pages' breadcrumb does (see ``view.elided_chain``).

    Args:
        m: the map.
        options: the render options (``focus``).
        shown: the nodes the drawing shows, in document order.

    Returns:
        The nodes to draw, in the same order, and the claims left out (None: none are).
    """
    chain = focus_chain(m, options)
    left_out = set(elided_chain(m, options, chain))
    if not left_out:
        return shown, None
    kept = [node for node in shown if node.id not in left_out]
    return kept, Elision(chain[CHAIN_NEAREST - 1], chain[-1], len(left_out))


def add_elision(g: Digraph, elision: Elision) -> None:
    """Draw the claims left out as one dashed line up to the thesis, saying how many."""
    count = f"{elision.left_out:,}"
    words = "claim" if elision.left_out == 1 else "claims"
    g.edge(
        elision.below,
        elision.thesis,
        {
            "style": "dashed",
            "color": ELIDED_COLOR,
            "arrowhead": "none",
            "penwidth": "1.2",
            "label": f"   {count} {words} between",  # clear of the line beside it
            "fontcolor": ELIDED_COLOR,
            "fontsize": "11",
            "class": "elided",
            "tooltip": f"{count} {words} between the thesis and this one (argmap show lists them)",
        },
    )
