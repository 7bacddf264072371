"""Tidy-tree blocks of a page's nodes, each made once and remembered across candidate pages."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from itertools import count
from typing import Final, NamedTuple, Protocol

from argmap.exporters.diagram.stacking import (
    NODESEP,
    Item,
    Wrap,
    lowest,
    merged,
    note_rows,
    row_width,
    rows_ranks,
    rows_width,
    wrap_rows,
)

__all__ = ["Blocks", "FullNode", "Unit", "unit_item"]

Unit = tuple[str, ...]
"""Children that go together: one node, or the members of a linked group."""

FullNode = tuple[str, int, int | None]
"""A node a page draws in full: its id, its references to other pages, its stub limit."""

MAX_BLOCKS: Final = 400_000
"""Blocks remembered at most; past that the memory starts afresh (about 150 MB)."""


class Tree(Protocol):
    """What blocks are made of: the map's tree as pages see it (an ``Estimator``)."""

    @property
    def root(self) -> str:
        """The id of the map's top node (the thesis, or the focus)."""

    @property
    def order(self) -> Mapping[str, int]:
        """Node id -> its place in document order."""

    @property
    def sizes(self) -> Mapping[str, tuple[float, float]]:
        """Node id -> its box's size (along ranks, across them)."""

    @property
    def children(self) -> Mapping[str, list[str]]:
        """Node id -> its children shown, in file order."""

    def units(self, parent: str) -> list[Unit]:
        """The parent's children as units that go together, in file order."""

    def left_out(self, node_id: str, full: Set[str], most: int | None) -> list[tuple[Unit, bool]]:
        """The node's branches not in ``full``: ``(tops, grouped)`` a stub each."""

    def stub_item(self, tops: Unit, grouped: bool) -> Item:
        """The row item of a stub for the branches starting at ``tops``."""


class _Block(NamedTuple):
    """A node's block as remembered: a number of its own, the block, its rows of children."""

    number: int
    item: Item
    rows: list[list[Item]] | None


def unit_item(unit: Unit, block: Mapping[str, Item]) -> Item:
    """A unit's members side by side as one item (a linked group shares a rank)."""
    members = [block[c] for c in unit]
    if len(members) == 1:
        return members[0]
    return Item(members[0].name, row_width(members), merged(members), lowest(members).deepest)


class Blocks:
    """Each node's block, made once for what it depends on and then looked up.

    A node's block depends only on the node, its references to nodes off the page, its
    stub limit, which of its children the page draws and their blocks, and the width
    rows wrap at. Those make its key: a child's block enters as the number its key was
    given, so a key is a few small values however deep the branch below it. A page
    tried with one more unit makes only the blocks of that unit's parent and ancestors
    anew; the rest are looked up, for every candidate page and every plan.
    """

    def __init__(self, tree: Tree, beside: float, ref: tuple[float, float]) -> None:
        """Blocks of ``tree``'s nodes; ``beside``: the root's neighbours, ``ref``: a reference."""
        self.tree = tree
        self.beside = beside
        self.ref = ref
        self._made: dict[tuple[float, bool], dict[tuple[object, ...], _Block]] = {}
        self._count = 0
        self._numbers = count()  # never reused, even after the memory starts afresh

    def blocks(
        self, full: Set[str], nodes: list[FullNode], limit: float, compact: bool
    ) -> tuple[dict[str, Item], list[tuple[str, _Block]]]:
        """The block of each full node (``nodes``: children before parents), and how made.

        ``limit``: the width rows wrap at; ``compact``: sets of boxes in compact blocks.
        """
        if self._count > MAX_BLOCKS:
            self._made.clear()
            self._count = 0
        made = self._made.get((limit, compact))
        if made is None:
            made = self._made[(limit, compact)] = {}
        children = self.tree.children
        numbers: dict[str, int] = {}
        block: dict[str, Item] = {}
        used: list[tuple[str, _Block]] = []
        for node in nodes:
            node_id = node[0]
            kids = children[node_id]
            key = (*node, *[numbers.get(c, -1) for c in kids]) if kids else node[:2]
            got = made.get(key)
            if got is None:
                got = made[key] = self._make(node, full, block, limit, compact)
                self._count += 1
            numbers[node_id] = got.number
            block[node_id] = got.item
            used.append((node_id, got))
        return block, used

    @staticmethod
    def note(used: list[tuple[str, _Block]], wraps: list[Wrap]) -> None:
        """Record the rows of each block made of several rows (see :func:`note_rows`)."""
        for node_id, got in used:
            if got.rows is not None:
                note_rows(node_id, got.rows, wraps)

    def _make(
        self,
        node: FullNode,
        full: Set[str],
        block: Mapping[str, Item],
        limit: float,
        compact: bool,
    ) -> _Block:
        """A node's block: the node above its children's items, in rows that fit ``limit``."""
        node_id, refs, most = node
        w, h = self.tree.sizes[node_id]
        ref_w, ref_h = self.ref
        own = (w + refs * (ref_w + NODESEP), max(h, ref_h if refs else 0.0))
        if node_id == self.tree.root:  # undercutters of conclusions beside it
            own = (own[0] + self.beside, own[1])
        items = self._kid_items(node_id, full, block, self.tree.left_out(node_id, full, most))
        number = next(self._numbers)
        if not items:
            return _Block(number, Item(node_id, own[0], (own[1],), node_id), None)
        rows = wrap_rows(items, max(limit, own[0]), compact)  # the root: its row with undercutters
        width = max(own[0], rows_width(rows))
        ranks = (own[1], *rows_ranks(rows))
        return _Block(number, Item(node_id, width, ranks, lowest(rows[-1]).deepest), rows)

    def _kid_items(
        self,
        node_id: str,
        full: Set[str],
        block: Mapping[str, Item],
        stubs: list[tuple[Unit, bool]],
    ) -> list[Item]:
        """A full node's children as row items in file order: drawn units and stubs."""
        order: Callable[[str], int] = self.tree.order.__getitem__
        items = [
            (order(unit[0]), unit_item(drawn, block))
            for unit in self.tree.units(node_id)
            if (drawn := tuple(c for c in unit if c in full))
        ]
        items += [(order(tops[0]), self.tree.stub_item(tops, g)) for tops, g in stubs]
        items.sort(key=lambda pair: pair[0])
        return [item for _, item in items]
