"""What holds each row of wrapped siblings below the one before, so edges run up its gaps."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["in_gap", "leaf_holds", "under_box"]


def leaf_holds(row: Sequence[str], above: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """(item, anchor) pairs holding a row of ``row`` below the rows ``above``, of single boxes.

    An item of a row shorter than one above hangs from the two boxes of that row it goes
    between (see :func:`in_gap`), in every such row, so its edge to the parent runs up the
    gaps rather than round the outside; an item of a row as long as the one above hangs
    below an item of it (a row centred).
    """
    holds: list[tuple[str, str]] = []
    if len(row) >= len(above[-1]):  # centred under the row above
        for i, item in enumerate(row):
            holds.append((item, above[-1][under_box(len(above[-1]), i, len(row))]))
    for higher in above:  # a gap of its own for each edge, in each row with gaps enough
        if len(row) < len(higher):
            for i, item in enumerate(row):  # held by the two boxes it goes between
                gap = in_gap(len(higher), i, len(row))
                holds += [(item, box) for box in higher[gap : gap + 2]]
    return holds


def in_gap(boxes: int, index: int, count: int) -> int:
    """Which gap of a row of ``boxes`` (after that box) holds item ``index`` of ``count``.

    Held by the two boxes of the gap, the item sits under it, and its edge to the parent
    runs up it: the engine orders the edge's way through the row so as not to cross the
    holds. A shorter row's items spread over the longer row's gaps in order.
    """
    return min(boxes - 2, (2 * index + 1) * (boxes - 1) // (2 * count))


def under_box(boxes: int, index: int, count: int) -> int:
    """Which box of a row of ``boxes`` item ``index`` of ``count`` (no fewer) is centred under."""
    return min(max(0, (boxes - count) // 2) + index, boxes - 1)
