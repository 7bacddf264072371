"""What the overview draws around the root: conclusions above, undercutters beside, the key."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Final

from argmap.exporters.diagram.labels import text_points
from argmap.exporters.diagram.legend import legend_content
from argmap.exporters.diagram.stacking import NODESEP, RANKSEP
from argmap.exporters.diagram.styles import DRAWN_LEGEND, LEGEND_TEXT
from argmap.model import ArgumentMap, Node, NodeKind

__all__ = ["Around", "around_root", "legend_size"]

CROWDED: Final = 1.15
"""The root's rank, with undercutters of conclusions and the key beside it, is laid out
this much wider than its boxes: the "so" arrows' junctions spread it."""
LEGEND_ROW: Final = 25.0
"""A row of the key: its swatch or arrow, and its words at 10 points."""

Size = tuple[float, float]


def legend_size(m: ArgumentMap, drawn: Collection[str], stubs: Sequence[str]) -> Size:
    """The key of a page that draws these nodes and stubs: a row per kind and relation."""
    nodes = [m.get(node_id) for node_id in [*drawn, *stubs]]
    content = legend_content(m, nodes, frozenset(drawn), {})  # a set: the whole map's key
    words = [kind.value for kind in content.kinds]
    words += [f"bar-ended {LEGEND_TEXT[relation]}" for relation in content.relations]
    words += [DRAWN_LEGEND] if content.drawn else []
    words += ["box: premises that work only together"] if content.linked else []
    words += ["dashed: cross-link to another branch"] if content.cross else []
    width = max(text_points(line, 10) for line in words) + 50
    return width, (len(words) + 1) * LEGEND_ROW + 12


@dataclass(frozen=True)
class Around:
    """What page 1 draws around the root besides its tree (see ``drawn.split_above``).

    Attributes:
        nodes: the ids drawn above the root (conclusions, and what bears on them).
        beside: the width they take on the root's rank and below (undercutters).
        over: the width and height of the conclusions' rows above the root.
        top: the first of the topmost conclusions and that row's size, if any.
    """

    nodes: frozenset[str]
    beside: float
    over: Size
    top: tuple[str, Size] | None

    def key(
        self,
        drawing: Size,
        room: Size,
        legend: Size,
        root: tuple[str, Size, float],
        deepest: str,
    ) -> tuple[tuple[str, str], float, float]:
        """Where the overview's key goes, and the drawing's size with it there.

        Beside the root, beside the topmost conclusion, on the lowest rank (where the
        engine puts a node of no edges), or below everything (``deepest``): the first
        that fits ``room``, else the one that overflows least.

        Args:
            drawing: the drawing's size without the key.
            room: the size it may take.
            legend: the key's size.
            root: the root's id, its box, and the height of the drawing's lowest rank.
            deepest: a node on the drawing's lowest rank.
        """
        width, height = drawing
        key_w, key_h = legend
        root_id, (root_w, root_h), bottom = root
        row = root_w + self.beside
        places = [
            (
                ("same", root_id),
                max(width, (row + NODESEP + key_w) * CROWDED),
                height + max(0.0, key_h - root_h),
            )
        ]
        if self.top is not None:
            top, (over_w, over_h) = self.top
            # The conclusions sit centred over the drawing, as the root does below them;
            # the key to their right.
            beside = max(width, (max(width, row) + over_w) / 2 + NODESEP + key_w)
            places.append((("same", top), beside, height + max(0.0, key_h - over_h)))
        places.append((("bottom", ""), width + NODESEP + key_w, height + max(0.0, key_h - bottom)))
        places.append((("below", deepest), max(width, key_w), height + RANKSEP + key_h))
        return min(places, key=lambda p: max(1.0, p[1] / room[0], p[2] / room[1]))


def around_root(
    m: ArgumentMap, root: str, above: Sequence[str], size: Callable[[Node], Size]
) -> Around:
    """Measure what page 1 draws around the root (``above``, in document order).

    Conclusions drawn from the root sit a rank above what they are drawn from, with
    room for the "so" arrow and its junction (a rank of its own); their objections and
    undercutters a rank below, beside the root.
    """
    offset: dict[str, int] = {root: 0}
    rows: dict[int, list[Size]] = {}
    firsts: dict[int, str] = {}
    for node_id in above:
        node = m.get(node_id)
        base = offset.get(node.parent or "", 0)
        offset[node_id] = base - 1 if node.kind is NodeKind.CONCLUSION else base + 1
        rows.setdefault(offset[node_id], []).append(size(node))
        firsts.setdefault(offset[node_id], node_id)

    def width(row: list[Size]) -> float:
        return sum(w for w, _ in row) + NODESEP * len(row)

    top_at = min(rows, default=0)
    top = None
    if top_at < 0:  # the key may go beside the topmost conclusions
        top = (firsts[top_at], (width(rows[top_at]), max(h for _, h in rows[top_at])))
    beside = max((width(row) for at, row in rows.items() if at >= 0), default=0.0)
    over_w = max((width(row) for at, row in rows.items() if at < 0), default=0.0)
    over_h = sum(max(h for _, h in row) + 3 * RANKSEP for at, row in rows.items() if at < 0)
    return Around(frozenset(above), beside, (over_w, over_h), top)
