"""How many more edges cross once the edges into a breadcrumb's rows are redrawn."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Set
from typing import Final, NamedTuple

from argmap.exporters.diagram.edgecross import Chunked, Edge, PairMemo, bounds_of, crossings_of
from argmap.exporters.diagram.geometry import curve, tree_paths
from argmap.exporters.diagram.traillanes import Round
from argmap.exporters.diagram.trailname import TRAIL

__all__ = ["Cost", "Crossed", "pruned"]

PILE: Final = 4.5
"""Points apart under which two arrowheads' tips pile (a row, 15.2 high, holds three heads)."""

PAIRS: Final = 16
"""Edges redrawn at most for :func:`pruned` to try dropping two at once."""

_POINTS: Final = re.compile(r'<polygon\b[^>]*?\bpoints="([^"]*)"')
_PAIR: Final = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")

Span = tuple[int, int]
Edits = list[tuple[Span, str]]
Point = tuple[float, float]


class Crossed:
    """How many more pairs of a drawing's tree edges cross once edits redraw some of them.

    Counted over the pairs that hold a redrawn edge (the others cross as they did), from
    the edits themselves: a redrawn edge's curve is read from its path's new ``d`` value.
    Counted twice and summed: once as the reader sees the lines, edges into one box
    meeting there (their last :data:`~.edgecross.MEETING` points apart); once with each
    edge into one of the breadcrumb's rows drawn on to the tip of its arrowhead (a lane
    that passes under another's arrowhead crosses it) and edges into two rows not
    meeting, crossing wherever they cross. A crossing hidden under an arrowhead so costs
    half what one in the open does; so does each pair of arrowheads piled (tips under
    :data:`PILE` apart), where the reader cannot tell the rows apart either.
    """

    def __init__(self, svg: str, piles: bool = True) -> None:
        """Count for ``svg``; ``piles``: piled arrowheads count too."""
        self.svg = svg
        self.piles = piles
        self.read = False
        self.edges: list[Edge] = []  # to their tips
        self.lines: list[Edge] = []  # as drawn
        self.at: dict[Span, int] = {}
        self.heads: dict[int, list[tuple[Span, str]]] = {}  # into a row: its outlines
        self.tips: dict[int, Point] = {}
        self.redrawn: dict[tuple[int, str, tuple[str, ...]], tuple[Edge, Edge, Point | None]] = {}
        self.as_drawn = self.to_tips = _Counted([])

    def _read(self) -> None:
        """The drawing's tree edges, read when a redrawing is first counted."""
        self.read = True
        for index, (edge, span) in enumerate(tree_paths(self.svg)):
            self.at[span] = index
            self.lines.append(edge)
            if edge.head == TRAIL and edge.port.startswith("r"):
                stop = self.svg.find("</g>", span[1])
                self.heads[index] = [
                    (found.span(1), found.group(1))
                    for found in _POINTS.finditer(self.svg, span[1], stop)
                ]
                edge = edge._replace(head=f"{TRAIL}:{edge.port}")
                edge, self.tips[index] = _to_tip(edge, self.heads[index])
            self.edges.append(edge)
        self.as_drawn, self.to_tips = _Counted(self.lines), _Counted(self.edges)

    def before(self, rounds: list[Round]) -> int:
        """How many pairs holding one of these edges cross (or pile) in the engine's drawing."""
        if not self.read:
            self._read()
        among = frozenset(self.at[r.d_span] for r in rounds if r.d_span in self.at)
        piled = _piles(self.tips, among) if self.piles else 0
        return self.as_drawn.before(among) + self.to_tips.before(among) + piled

    def __call__(self, edits: Edits, limit: int | None = None) -> int:
        """How many more pairs cross (or pile) with ``edits`` made than in the engine's drawing.

        ``limit``: a count over it need not be exact (the counting stops once it is
        sure to pass it, and says some count over it, never more than the exact one).
        """
        return sum(self.parts(edits, limit))

    def parts(self, edits: Edits, limit: int | None = None) -> Cost:
        """:meth:`__call__`'s count in its parts."""
        edges, lines, tips, moved = self._after(edits)
        if not moved:
            return Cost(0, 0, 0)
        piles = _piles(tips, moved) - _piles(self.tips, moved) if self.piles else 0
        if limit is None:
            return Cost(self.as_drawn.more(lines, moved), self.to_tips.more(edges, moved), piles)
        fewest = -self.to_tips.before(moved)  # the tips' count, at the least
        lines_more = self.as_drawn.more(lines, moved, limit - piles - fewest)
        if lines_more + piles + fewest > limit:
            return Cost(lines_more, fewest, piles)
        return Cost(lines_more, self.to_tips.more(edges, moved, limit - piles - lines_more), piles)

    def _after(
        self, edits: Edits
    ) -> tuple[list[Edge], list[Edge], dict[int, Point], frozenset[int]]:
        """The edges with ``edits`` made (to their tips, as lines), the tips, and which moved."""
        if not self.read:
            self._read()
        edges, lines, tips = list(self.edges), list(self.lines), dict(self.tips)
        changed = dict(edits)
        moved: set[int] = set()
        for span, text in edits:
            index = self.at.get(span)
            if index is None:
                continue
            heads = self.heads.get(index)
            outlines = () if heads is None else tuple(changed.get(at, old) for at, old in heads)
            key = (index, text, outlines)
            found = self.redrawn.get(key)
            if found is None:  # the same edit gives the same curves: the counts' memo
                found = self.redrawn[key] = self._redrawn(index, text, outlines)
            edge, line, tip = found
            if tip is not None:
                tips[index] = tip
            if edge.points != self.edges[index].points:
                edges[index], lines[index] = edge, line
                moved.add(index)
        return edges, lines, tips, frozenset(moved)

    def _redrawn(
        self, index: int, text: str, outlines: tuple[str, ...]
    ) -> tuple[Edge, Edge, Point | None]:
        """Edge ``index`` redrawn along path ``text``: to its tip, as a line, and the tip.

        ``outlines``: its arrowheads' points, if it ends at a breadcrumb's row.
        """
        edge = line = self.lines[index]._replace(points=curve(text))
        if index not in self.heads:
            return edge, line, None
        edge = line._replace(head=self.edges[index].head)
        spans = [at for at, _ in self.heads[index]]
        edge, tip = _to_tip(edge, list(zip(spans, outlines, strict=True)))
        return edge, line, tip


class Cost(NamedTuple):
    """What a redrawing adds, in parts (see :class:`Crossed`)."""

    lines: int
    """Pairs of lines crossing, as the reader sees them."""
    tips: int
    """Pairs crossing, edges drawn on to their arrowheads' tips, rows apart."""
    piles: int
    """Pairs of arrowheads piled."""


def _piles(tips: dict[int, Point], among: Set[int]) -> int:
    """How many pairs of tips, one of them ``among``'s, lie under :data:`PILE` apart."""
    return sum(
        1
        for i in among
        if i in tips
        for j, other in tips.items()
        if j != i and not (j in among and j < i) and math.dist(tips[i], other) < PILE
    )


def pruned(
    crossed: Crossed, edits: Edits, more: int, keep: Set[Span] = frozenset()
) -> tuple[Edits, int]:
    """``edits`` less the redrawings of the edges that cross, while that crosses fewer.

    ``more``: what ``crossed`` counts of ``edits``; ``keep``: the paths (their spans)
    whose redrawings stay, however they cross. Each round drops the one edge's
    redrawing (the edge left as the engine drew it) that leaves fewest crossings, or,
    where none alone leaves fewer, the two (of :data:`PAIRS` edges at most) that do:
    two redrawn edges can each cross the other as the engine drew it. Until none is
    left over the engine's drawing or none dropped helps.
    """
    if not crossed.read:
        crossed._read()
    groups: list[Edits] = []
    for span, text in edits:
        if span in crossed.at or not groups:
            groups.append([])
        groups[-1].append((span, text))
    while more > 0 and len(groups) > 1:
        free = [index for index, group in enumerate(groups) if group[0][0] not in keep]
        if not free:
            break
        ways: list[tuple[int, ...]] = [(index,) for index in free]
        fewest, drop = _fewest(crossed, groups, ways, more)
        if fewest >= more and 2 < len(free) <= PAIRS:
            ways = list(itertools.combinations(free, 2))
            fewest, drop = _fewest(crossed, groups, ways, more)
        if fewest >= more:
            break
        more = fewest
        groups = [group for index, group in enumerate(groups) if index not in drop]
    return [e for group in groups for e in group], more


def _fewest(
    crossed: Crossed, groups: list[Edits], ways: list[tuple[int, ...]], limit: int
) -> tuple[int, tuple[int, ...]]:
    """The first of ``ways`` (in order) whose drop leaves fewest crossings, and that count.

    Counts over ``limit`` or over the fewest so far need not be exact (see
    :meth:`Crossed.__call__`): such a way wins nothing.
    """
    best: tuple[int, tuple[int, ...]] | None = None
    for way in ways:
        count = crossed(_less(groups, way), limit if best is None else min(limit, best[0]))
        if best is None or count < best[0]:
            best = (count, way)
    assert best is not None, "a round tries one way at least"
    return best


def _less(groups: list[Edits], drop: tuple[int, ...]) -> Edits:
    """The edits of ``groups`` but the ``drop`` ones."""
    return [e for index, group in enumerate(groups) if index not in drop for e in group]


class _Counted:
    """One way of counting the engine's drawing: its edges, their boxes and chunks, kept.

    And how many pairs holding a set of edges cross in it, counted once a set.
    """

    def __init__(self, edges: list[Edge]) -> None:
        self.edges = edges
        self.bounds = bounds_of(edges)
        self.chunked = Chunked(edges)
        self.crossing: dict[frozenset[int], int] = {}
        self.pairs = PairMemo()

    def before(self, among: frozenset[int]) -> int:
        """How many pairs holding an edge of ``among`` cross in the engine's drawing."""
        found = self.crossing.get(among)
        if found is None:
            found = self.crossing[among] = crossings_of(
                self.edges, set(among), self.bounds, self.chunked
            )
        return found

    def more(self, after: list[Edge], moved: frozenset[int], stop: int | None = None) -> int:
        """How many more pairs holding a moved edge cross ``after`` than before.

        ``stop``: a count over it need not be exact (see :func:`~.edgecross.crossings_of`).
        """
        now, chunked = self.pairs.redrawn(after, moved, self.bounds, self.chunked)
        before = self.before(moved)
        over = None if stop is None else stop + before
        return crossings_of(after, set(moved), now, chunked, self.pairs, over) - before


def _to_tip(edge: Edge, heads: list[tuple[Span, str]]) -> tuple[Edge, Point]:
    """An edge drawn on from its path's end to its arrowhead's tip, and that tip.

    The tip is the arrowhead's point furthest from the path's end.
    """
    outline = [(float(x), float(y)) for _, text in heads for x, y in _PAIR.findall(text)]
    points = edge.points
    if not outline or len(points) < 2:
        return edge, points[-1] if points else (math.inf, math.inf)
    first = min(math.dist(points[0], p) for p in outline)
    last = min(math.dist(points[-1], p) for p in outline)
    end = points[-1] if last <= first else points[0]
    tip = max(outline, key=lambda p: math.dist(end, p))
    return edge._replace(points=(*points, tip) if last <= first else (tip, *points)), tip
