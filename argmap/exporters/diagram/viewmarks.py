"""A box's row saying what a narrowed view leaves out at it (``+3 more below``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from argmap.analysis.viewcuts import FOCUS_CHARS, view_words
from argmap.exporters.diagram.dot import Html
from argmap.exporters.diagram.labels import html_text
from argmap.exporters.diagram.textwidth import width_attr

if TYPE_CHECKING:
    from argmap.exporters.diagram.styles import NodeStyle
    from argmap.model import ArgumentMap
    from argmap.options import RenderOptions

__all__ = ["CUT_POINTS", "drawing_heading", "view_texts", "with_cut"]

CUT_POINTS: Final = 9.0
"""The size of the row's words (italic, in the box's ink: no page number, as a stub has)."""

_END: Final = "</TABLE>"

_FOCUS_LIMITS: Final = (FOCUS_CHARS, 32, 24, 16, 8)
"""The most characters of the focus's statement a heading quotes, in turn (see
:func:`view_texts`)."""


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


def view_texts(m: ArgumentMap, options: RenderOptions) -> tuple[str, ...]:
    """What a heading may say of a narrowed view, longest first (none: the whole map).

    ``focus: A car-free centre would…, 2 levels deep, evidence hidden``, the focus's
    statement shorter in each (see :func:`~.pageheading.with_view`). A worksheet says none: it is a
    sheet of its own map.
    """
    if options.sheet is not None or not view_words(m, options):
        return ()
    texts = (", ".join(view_words(m, options, limit)) for limit in _FOCUS_LIMITS)
    return tuple(dict.fromkeys(texts))


def drawing_heading(m: ArgumentMap, options: RenderOptions) -> dict[str, str | Html]:
    """One drawing's heading: none, but on a narrowed view the title and what it shows.

    As a page's (see :func:`view_texts`), the view's words in full, the title shortened
    to fit twice a page's heading (no page holds the drawing: only a narrow one widens).
    """
    texts = view_texts(m, options)
    if not texts:
        return {"label": ""}
    from argmap.exporters.diagram.pageheading import HEADING_WIDTH, heading_attrs, page_heading

    return heading_attrs(page_heading(m.title, texts[0], 2 * HEADING_WIDTH))
