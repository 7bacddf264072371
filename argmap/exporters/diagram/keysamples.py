"""The key's samples: each kind's box and each arrow written as the diagram draws them."""

from __future__ import annotations

from typing import Final

from argmap.exporters.diagram.styles import EdgeStyle, NodeStyle

__all__ = ["HEADS", "SAMPLE_WIDTH", "edge_sample", "kind_swatch", "linked_swatch", "sample_code"]

SAMPLE_WIDTH: Final = 30
"""An arrow's sample cell is this many points long (a box's is narrower)."""
HEAVY: Final = 2.5
"""An edge at least this heavy (or bold) has a heavy sample line."""
HEADS: Final = {"normal": "&gt;", "empty": "|&gt;", "tee": "|"}
"""An arrowhead's code in a sample (escaped for a label: see :func:`sample_code`)."""


def kind_swatch(style: NodeStyle, fixed: bool = False) -> str:
    """A small box in the kind's fill and border: its corners and border weight as drawn.

    The print theme tells a thesis from a reason by its heavier border alone, and an
    objection from a rebuttal by its square corners: a cell's one-point border showed
    neither. ``fixed``: the box keeps its size in a row made taller by the words beside
    it (the engine stretches a table to its cell).
    """
    weight = max(1, int(float(style.penwidth) + 0.5))
    rounded = ' STYLE="rounded"' if "rounded" in style.style else ""
    size = ' WIDTH="20" HEIGHT="14" FIXEDSIZE="TRUE"' if fixed else ""
    return (
        f'<TABLE BORDER="{weight}" COLOR="{style.border}" BGCOLOR="{style.fill}"{rounded}{size}'
        ' CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD WIDTH="{20 - 2 * weight}" HEIGHT="{14 - 2 * weight}" FIXEDSIZE="TRUE"></TD>'
        "</TR></TABLE>"
    )


def linked_swatch(premise: NodeStyle, fixed: bool = False) -> str:
    """A linked group's box as drawn (rounded, the reason's border) round two reasons' boxes.

    ``fixed``: as :func:`kind_swatch`'s.
    """
    box = (
        f'<TD BGCOLOR="{premise.fill}" BORDER="1" COLOR="{premise.border}" WIDTH="8"'
        ' HEIGHT="7" FIXEDSIZE="TRUE"></TD>'
    )
    return (
        f'<TABLE BORDER="1" COLOR="{premise.border}" STYLE="rounded" CELLBORDER="0"'
        + (' WIDTH="24" HEIGHT="13" FIXEDSIZE="TRUE"' if fixed else "")
        + f' CELLSPACING="2" CELLPADDING="0"><TR>{box}{box}</TR></TABLE>'
    )


def sample_code(edge: EdgeStyle, dashed: bool = False, dot: bool = False) -> str:
    """The arrow as text: its line (``--``, heavy ``==``, dashed ``- -``), its head, a dot.

    ``-->`` supports, ``--|o`` a bar-ended arrow to a dot, ``==|>`` a heavy hollow arrow.
    The SVG has it redrawn as the arrow (see :mod:`~.keydraw`); a PNG the engine draws
    itself shows the text. Escaped for an HTML-like label.
    """
    heavy = edge.style == "bold" or float(edge.penwidth) >= HEAVY
    line = "- -" if dashed else "==" if heavy else "--"
    return line + HEADS.get(edge.arrowhead, HEADS["normal"]) + ("o" if dot else "")


def edge_sample(edge: EdgeStyle, dashed: bool = False, dot: bool = False) -> str:
    """The key's cell of an arrow's sample (see :func:`sample_code`), in the edge's colour."""
    return (
        f'<TD WIDTH="{SAMPLE_WIDTH}" HEIGHT="12" FIXEDSIZE="TRUE" ALIGN="LEFT">'
        f'<FONT COLOR="{edge.color}" POINT-SIZE="10">{sample_code(edge, dashed, dot)}</FONT></TD>'
    )
