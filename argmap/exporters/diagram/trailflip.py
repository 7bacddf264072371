"""A drawing turned upside down and back: bottom-to-top pages redrawn by the top-down passes."""

from __future__ import annotations

import re
from typing import Final

from argmap.exporters.diagram.geometry import Box, groups
from argmap.exporters.diagram.svgedits import number, pair

__all__ = ["Flip"]

_SHAPES: Final = re.compile(r'\b(d|points|cy)="([^"]*)"')
_PAIR: Final = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")

Span = tuple[int, int]
Edits = list[tuple[Span, str]]


class Flip:
    """A drawing with every shape's ys turned about a level line, its edits turned back.

    Bottom to top, a breadcrumb sits under its tops as, top-down, it sits over them: the
    passes written for top-down pages (:mod:`.trailrows`) redraw the turned drawing, and
    :meth:`back` turns their edits back into edits of the drawing itself. Only the paths',
    outlines' and ellipses' points are turned (texts are not: their baselines would
    turn about themselves); the reader of the turned drawing takes the breadcrumb's rows
    from :meth:`box` and :meth:`ys`.
    """

    def __init__(self, svg: str, level: float, edges_only: bool = False) -> None:
        """Turn ``svg`` about ``level``: each y becomes ``2 * level - y``.

        ``edges_only``: only the edges' shapes are turned (all a reader of edges reads).
        """
        self.twice = 2 * level
        self.spans: dict[Span, tuple[Span, bool]] = {}  # a turned value's span: the own, a y?
        pieces: list[str] = []
        done = shift = 0
        parts = (
            [(start, stop) for kind, _, start, stop in groups(svg) if kind == "edge"]
            if edges_only
            else [(0, len(svg))]
        )
        for first, last in parts:
            for found in _SHAPES.finditer(svg, first, last):
                start, stop = found.span(2)
                single = found.group(1) == "cy"
                turned = self._turned(found.group(2), single)
                pieces += (svg[done:start], turned)
                self.spans[(start + shift, start + shift + len(turned))] = ((start, stop), single)
                shift += len(turned) - (stop - start)
                done = stop
        pieces.append(svg[done:])
        self.svg = "".join(pieces)

    def box(self, box: Box) -> Box:
        """A box of the drawing, turned."""
        return Box(box.left, self.twice - box.bottom, box.right, self.twice - box.top)

    def ys(self, ys: list[float]) -> list[float]:
        """Levels of the drawing, turned."""
        return [self.twice - y for y in ys]

    def back(self, edits: Edits) -> Edits | None:
        """Edits of the turned drawing as edits of the drawing; None if one is not a shape's."""
        out: Edits = []
        for span, text in edits:
            own = self.spans.get(span)
            if own is None:
                return None
            out.append((own[0], self._turned(text, own[1])))
        return out

    def _turned(self, value: str, single: bool) -> str:
        """A shape's value turned: each point's y (``single``: the one number, a y)."""
        if single:
            return number(self.twice - float(value))
        return _PAIR.sub(lambda m: pair((float(m[1]), self.twice - float(m[2]))), value)
