"""Blocks whose wrapped rows put the deepest branches together: a small map's one page."""

from __future__ import annotations

from argmap.exporters.diagram.pageblocks import Blocks, _Block, _Kids
from argmap.exporters.diagram.stacking import Item, wrap_rows

__all__ = ["DeepBlocks", "deep_blocks"]


class DeepBlocks(Blocks):
    """Blocks as :class:`~.pageblocks.Blocks` makes them, but rows deepest first where lower.

    A parent's children wrapped into rows take, down the page, the depth of each row's
    deepest branch: ``school-uniforms``'s thesis had a branch three boxes deep and one
    two deep in different rows (six ranks with the thesis; a fill worksheet's ruled
    boxes drew them 35 points taller than A4 holds at the floor), where together they
    take five. Here the children are also wrapped deepest first (a stable sort: of
    equal depth, in file order), and that block is kept where it is less tall and no
    wider than the width rows wrap at (or the block in file order). Only a small map's
    try on one page (see :func:`~.wholepage.whole_page`) asks for it, after the rows
    in file order drew the map too big: their boxes keep their positions (``1.4``),
    so the tree reads the same.
    """

    def _wrap(self, node_id: str, made_of: _Kids, limit: float, compact: int) -> _Block:
        """A node's block with its children in rows: in file order, or by depth if lower."""
        got = super()._wrap(node_id, made_of, limit, compact)
        if got.rows is None or len(got.rows) < 2:
            return got
        how = (self.stacked, self.whole, made_of.side)
        wide, best = max(limit, got.item.width), got
        for items in _by_depth(made_of.items):
            rows = wrap_rows(items, max(limit, made_of.own[0]), compact)
            other = self._block(node_id, made_of.own, rows, next(self._numbers), None, *how)
            if other.item.height < best.item.height and other.item.width <= wide:
                best = other
        return best


def _by_depth(items: list[Item]) -> list[list[Item]]:
    """The items deepest first, and shallowest first (a block rows may not follow, last).

    Both stable: of equal depth, in file order. Rows may follow a deep block only where
    it is whole (see :func:`~.stacking.rows_ranks`), so one that is not goes last.
    """
    down = sorted(items, key=lambda item: -item.levels)
    up = sorted(items, key=lambda item: (item.levels > 1 and not item.whole, item.levels))
    return [order for order in (down, up) if order != items]


def deep_blocks(blocks: Blocks) -> DeepBlocks:
    """Fresh blocks made as ``blocks`` makes them, with rows deepest first where lower."""
    made = DeepBlocks(blocks.tree, blocks.beside, blocks.fit, blocks.box)
    made.stacked, made.whole, made.room = blocks.stacked, blocks.whole, blocks.room
    return made
