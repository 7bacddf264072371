"""An edge into (or a "so" arrow from) a breadcrumb's row, as read from the engine's drawing."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = ["Point", "Round", "Step", "head_middle", "head_reach", "heads_in"]

Point = tuple[float, float]
Heads = list[tuple[tuple[int, int], list[Point]]]

_POINTS: Final = re.compile(r'<poly(?:gon|line)\b[^>]*?\bpoints="([^"]*)"')
_PAIR: Final = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def heads_in(svg: str, start: int, stop: int) -> Heads:
    """An edge's arrowhead outlines, from its group's span, each with its points' span."""
    return [
        (shape.span(1), [(float(a), float(b)) for a, b in _PAIR.findall(shape.group(1))])
        for shape in _POINTS.finditer(svg, start, stop)
    ]


def head_middle(heads: Heads) -> Point:
    """The middle of an arrowhead's points (each once: an outline is closed)."""
    points = sorted({p for _, outline in heads for p in outline})
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


def head_reach(base: Point, way: Point, heads: Heads) -> float:
    """How far an arrowhead's outlines reach beyond its base, pointing ``way`` (none: 0)."""
    return max(
        ((px - base[0]) * way[0] + (py - base[1]) * way[1] for _, o in heads for px, py in o),
        default=0.0,
    )


class Step(NamedTuple):
    """What a "so" arrow in a lane keeps of its drawing at its conclusion's end."""

    base: Point
    """Where its path met its arrowhead, as the engine drew it."""
    way: Point
    """The way its arrowhead pointed (a unit vector)."""
    heads: Heads
    """Its arrowhead's outlines, each with the span of its ``points`` value in the SVG."""
    label: tuple[tuple[int, int], tuple[int, int]] | None
    """The spans of its word's ``x`` and ``y`` values in the SVG, if it has one."""

    @property
    def reach(self) -> float:
        """How far the arrowhead reaches beyond the path's end."""
        return head_reach(self.base, self.way, self.heads)


class Round(NamedTuple):
    """An edge into a breadcrumb's row: its row, its curve, and where to rewrite it in the SVG."""

    row: int
    points: tuple[Point, ...]
    """Its curve, sampled, from the node it comes from to the arrowhead's base."""
    way: Point
    """The way the arrowhead points (a unit vector)."""
    d_span: tuple[int, int]
    """The span of the path's ``d`` value in the SVG."""
    heads: list[tuple[tuple[int, int], list[Point]]]
    """The arrowhead's outlines, each with the span of its ``points`` value in the SVG."""
    backward: bool = False
    """The path runs from the arrowhead (an edge drawn with ``dir=back``): it is kept so."""
    step: Step | None = None
    """A "so" arrow from the row down to its top, its arrowhead there (see :mod:`.trailsteps`);
    its points run from that arrowhead's tip, and it has no arrowhead at the breadcrumb."""

    @property
    def item(self) -> Point:
        """Where the edge leaves the node it comes from (kept as drawn)."""
        return self.points[0]

    @property
    def base(self) -> Point:
        """Where its path meets the arrowhead at the breadcrumb."""
        return self.points[-1]

    @property
    def tip(self) -> Point:
        """The point of the breadcrumb's outline its arrowhead touches."""
        reach = self.reach
        return (self.base[0] + self.way[0] * reach, self.base[1] + self.way[1] * reach)

    @property
    def head_width(self) -> float:
        """How wide its arrowhead is across its way (an attack's bar: 9 points)."""
        ux, uy = self.way
        across = [px * uy - py * ux for _, outline in self.heads for px, py in outline]
        return max(across) - min(across) if across else 0.0

    @property
    def reach(self) -> float:
        """How far the arrowhead reaches beyond the path's end."""
        return head_reach(self.base, self.way, self.heads)
