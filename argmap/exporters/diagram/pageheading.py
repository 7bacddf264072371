"""A page's heading (the map's title and where the page is), no wider than the page holds."""

from __future__ import annotations

import functools
import re
from typing import Final

from argmap.exporters.diagram.bidi import reads_right_to_left
from argmap.exporters.diagram.dot import Html
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.labels import lines_html
from argmap.exporters.diagram.linebreak import shorten
from argmap.exporters.diagram.pagesize import PAD_POINTS, Budget
from argmap.exporters.diagram.textwidth import char_points, text_points

__all__ = [
    "HEADING_POINTS",
    "HEADING_WIDTH",
    "heading_attrs",
    "heading_points",
    "heading_room",
    "lift_heading",
    "page_heading",
    "with_view",
]

HEADING_POINTS: Final = 11.0
"""The heading's text size."""
HEADING_WIDTH: Final = 480.0
"""The widest a heading is drawn, in points, on any page (an upright A4 page at the
legibility floor is about 550 wide, its margins included); a narrower page's heading is
no wider than its drawing (see :func:`heading_room`)."""
LABEL_MARGIN: Final = 18.0
"""What the engine adds to the width of a graph's label (8 points a side), and its
rounding of the drawing to whole points, and a little more, to be safe."""

VIEW_SHARE: Final = 0.8
"""The most of a heading's width its words on a narrowed view take, the page's number
included: the rest is the title's (see :func:`with_view`)."""

_GRAPH: Final = re.compile(r'<g id="graph\d+" class="graph"')
_FIRST: Final = re.compile(r'<g id="(?:node|edge|clust)\d+"|<text\b[^>]*>')
_XY: Final = re.compile(r'\b(x|y)="(-?[\d.]+)"')


def lift_heading(svg: str, left: float, up: float) -> str:
    """A page's SVG with its heading moved ``left`` and ``up`` (in its drawing's units).

    The heading is the graph's label, its first text, before any node, edge or cluster.
    A page whose drawing is smaller than the page centres it; moved back by as much as
    the drawing was, the heading sits at the page's top left, as on a full page, not just
    above the drawing in the page's middle. Unchanged where no heading is found.
    """
    graph = _GRAPH.search(svg)
    first = None if graph is None else _FIRST.search(svg, graph.end())
    if first is None or not first.group(0).startswith("<text"):
        return svg
    shift = {"x": -left, "y": -up}

    def moved(found: re.Match[str]) -> str:
        return f'{found.group(1)}="{float(found.group(2)) + shift[found.group(1)]:.2f}"'

    return svg[: first.start()] + _XY.sub(moved, first.group(0)) + svg[first.end() :]


def heading_room(budget: Budget) -> float:
    """The widest a page's heading may be drawn for the page to keep its legibility floor.

    The engine widens the drawing to hold its label: the heading must fit in the widest
    drawing the page holds at the floor, less the blank round it and the label's margins.
    """
    return min(HEADING_WIDTH, budget.width - 2 * PAD_POINTS - LABEL_MARGIN)


def heading_points(text: str) -> float:
    """How wide the heading's text is: as the engine counts it, or drawn (the wider).

    The engine sizes the drawing by its own measure (Helvetica's widths, a space a byte
    past ASCII); the page draws the text in Noto Sans, wider or narrower as letters go.
    """
    drawn = text_points(text, HEADING_POINTS)
    counted = max(
        engine_points(text, HEADING_POINTS),
        sum(char_points(ch, HEADING_POINTS) for ch in text),
    )
    return max(drawn, counted)


@functools.lru_cache(maxsize=1024)
def page_heading(title: str, where: str, width: float = HEADING_WIDTH) -> str:
    """The page's heading: the title, then ``where`` (the page's number, say), within ``width``.

    A title too long for ``width`` is shortened visibly, at a whole word where it can, with
    an ellipsis (the page's tooltip keeps it in full); ``where`` is always drawn whole.

    Args:
        title: the map's title.
        where: what follows the title (``page 2 of 8``).
        width: the widest the heading may be drawn, in points (see :func:`heading_room`).
    """
    room = width - heading_points(f"  ·  {where}")
    limit = 80
    shown = shorten(title, limit)
    while limit > 1 and heading_points(shown) > room:
        limit -= 1
        shown = shorten(title, limit)
    line = f"{shown}  ·  {where}"
    # argmap's words around the title read left to right, after a right-to-left title too:
    # a left-to-right mark (drawn as nothing) sets the line's direction before the title's
    # letters would (see :func:`~.bidi.visual_order`), so "page 2 of 8" stays at its end.
    return "\u200e" + line if reads_right_to_left(shown) else line


def with_view(texts: tuple[str, ...], where: str, width: float) -> str:
    """``where`` (the page's number) after what a heading says of a narrowed view.

    The longest of the view's ``texts`` that leaves the title its share of the heading's
    ``width`` (see :data:`VIEW_SHARE`), else the shortest; ``where`` alone without a view.
    """
    if not texts:
        return where
    fits = (text for text in texts if heading_points(f"{text}  ·  {where}") <= VIEW_SHARE * width)
    return f"{next(fits, texts[-1])}  ·  {where}"


def heading_attrs(heading: str) -> dict[str, str | Html]:
    """The graph's attributes that draw ``heading`` at its top left, in the heading's look."""
    return {
        "label": Html(lines_html([heading])),
        "labelloc": "t",
        "labeljust": "l",
        "fontsize": f"{HEADING_POINTS:g}",
        "fontcolor": "#424242",
    }
