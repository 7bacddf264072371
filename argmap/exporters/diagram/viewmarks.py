"""A box's row saying what a narrowed view leaves out at it (``+3 more below``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from argmap.analysis.viewcuts import cut_options
from argmap.exporters.diagram.dot import Html
from argmap.exporters.diagram.labels import html_text
from argmap.exporters.diagram.textwidth import width_attr

if TYPE_CHECKING:
    from argmap.exporters.diagram.styles import NodeStyle
    from argmap.options import RenderOptions

__all__ = ["CUT_POINTS", "cut_options", "with_cut"]

CUT_POINTS: Final = 9.0
"""The size of the row's words (italic, in the box's ink: no page number, as a stub has)."""

_END: Final = "</TABLE>"


def with_cut(label: Html, options: RenderOptions, node_id: str, style: NodeStyle) -> Html:
    """A box's label (see :func:`~.labels.node_label`), its last row what the view cuts there.

    ``options.cuts`` (see :func:`~argmap.analysis.viewcuts.cut_options`) says it; the
    planner measures the box with it (see :func:`~.boxsize.box_size`).
    """
    cut = options.cuts.get(node_id) if options.cuts else None
    if not cut or not label.endswith(_END):
        return label
    cell = f'<TD ALIGN="LEFT"{width_attr([cut], CUT_POINTS, "I")}>'
    row = f'<TR>{cell}<FONT POINT-SIZE="{CUT_POINTS:g}" COLOR="{style.ink}"><I>'
    row += f"{html_text(cut)}</I></FONT></TD></TR>"
    return Html(label[: -len(_END)] + row + _END)
