"""Tidy-tree blocks of a page's nodes, each made once and remembered across candidate pages."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Set
from itertools import count
from typing import Final, NamedTuple, Protocol

from argmap.exporters.diagram.arriving import beside_width, incoming, is_incoming, ref_name
from argmap.exporters.diagram.stacking import (
    Item,
    Wrap,
    group_item,
    lowest,
    note_rows,
    row_width,
    rows_ranks,
    rows_width,
    wrap_rows,
)
from argmap.model import Node, Relation

__all__ = ["ONE_GROUP", "Blocks", "FullNode", "Unit", "Used", "unit_item"]

Unit = tuple[str, ...]
"""Children that go together: one node, or the members of a linked group."""

FullNode = tuple[str, tuple[str, ...], int | None]
"""A node a page draws in full: its id, its references to other pages, its stub limit."""

ONE_GROUP: Final = -1
"""A stub limit: every branch left out shares one grouped stub, for and against alike (the
last resort of a page without room for a grouped stub of each side; see ``left_out``)."""

MAX_BLOCKS: Final = 100_000
"""Blocks remembered at most (about 1 kB each); past that the memory starts afresh."""


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

    @property
    def parent(self) -> Mapping[str, str | None]:
        """Node id -> its parent shown, if any."""

    @property
    def links(self) -> Mapping[str, list[str]]:
        """Node id -> the shown nodes it cross-links to."""

    @property
    def node(self) -> Mapping[str, Node]:
        """Node id -> the node."""

    @property
    def upright(self) -> bool:
        """The page is taller than wide: arriving references beside their targets."""

    @property
    def linked_from(self) -> Mapping[str, list[str]]:
        """Node id -> the shown nodes that cross-link to it."""

    def units(self, parent: str) -> list[Unit]:
        """The parent's children as units that go together, in file order."""

    def left_out(self, node_id: str, full: Set[str], most: int | None) -> list[tuple[Unit, bool]]:
        """The node's branches not in ``full``: ``(tops, grouped)`` a stub each."""

    def stub_item(self, tops: Unit, grouped: bool) -> Item:
        """The row item of a stub for the branches starting at ``tops``."""

    def ref_size(self, target: str) -> tuple[float, float]:
        """The size of a reference to ``target`` drawn on another page."""


class _Page(NamedTuple):
    """The blocks of the page last estimated at one row width: what the next one starts from."""

    full: frozenset[str]
    limits: Mapping[str, int]
    numbers: dict[str, int]
    block: dict[str, Item]


class _Block(NamedTuple):
    """A node's block as remembered: a number of its own, the block, its rows of children."""

    number: int
    item: Item
    rows: list[list[Item]] | None


Used = list[tuple[str, _Block]]
"""Each full node's block as a page's estimate used it, children first."""


class _Kids(NamedTuple):
    """What a node's block is made of at any width: its box, its children's items."""

    own: tuple[float, float]
    items: list[Item]
    width: float
    """The items side by side in one row."""
    stack: bool
    """Compact blocks stack the items in columns (see :func:`wrap_rows`)."""
    single: _Block
    """The block with the items in one row: the block at any width that holds it."""
    side: float = 0.0
    """The width of the arriving references beside its box, before it (upright pages)."""


def _first(pair: tuple[int, Item]) -> int:
    return pair[0]


def unit_item(
    unit: Unit, block: Mapping[str, Item], fit: float = math.inf, box: tuple[float, float] = (0, 0)
) -> Item:
    """A unit's members as one item: a linked group side by side, or in rows (see ``fit``).

    ``fit``: the width a linked group's boxes side by side may take; ``box``: the room its
    box takes round rows (both: see :func:`group_item`).
    """
    if len(unit) == 1:
        return block[unit[0]]
    return group_item([block[c] for c in unit], fit, box)


class Blocks:
    """Each node's block, made once for what it depends on and then looked up.

    A node's block depends only on the node, its references to nodes off the page, its
    stub limit, which of its children the page draws and their blocks, and the width
    rows wrap at (not when its children fit one row: then it is the same at any width).
    Those make its key: a child's block enters as the number its key was given, so a key
    is a few small values however deep the branch below it. A page tried with one more
    unit makes only the blocks of that unit's parent and ancestors anew; the rest are
    looked up, for every candidate page and every plan.
    """

    def __init__(
        self,
        tree: Tree,
        beside: float,
        fit: float = math.inf,
        box: tuple[float, float] = (0, 0),
        stacked: bool = False,
        whole: bool = True,
        room: float = math.inf,
    ) -> None:
        """Blocks of ``tree``'s nodes; ``beside``: the width of the root's neighbours.

        ``fit``: the widest a linked group's boxes go side by side; ``box``: the room its
        box takes round rows (both: see :func:`unit_item`); ``stacked`` (upright pages),
        ``whole``: a deep block may have rows below it (see :func:`~.stacking.rows_ranks`);
        ``room``: the drawing's, for arriving references (see :func:`~.arriving.fits_beside`).
        """
        self.tree, self.room = tree, room
        self.stacked, self.whole = stacked, whole
        self.fit, self.box = fit, box
        self.beside = beside
        self._made: dict[tuple[object, ...], _Kids] = {}
        self._wrapped: dict[tuple[float, int], dict[int, _Block]] = {}
        self._last: dict[tuple[float, int], _Page] = {}
        self._count = 0
        self._numbers = count()  # never reused, even after the memory starts afresh

    def forget(self, beside: float | None = None) -> None:
        """Start afresh: blocks made before may hold a linked group's parts as they were.

        ``beside``: the root's neighbours' new width (page 1's conclusions gone apart).
        """
        self.beside = self.beside if beside is None else beside
        self._made.clear()
        self._wrapped.clear()
        self._last.clear()
        self._count = 0

    def blocks(
        self,
        full: Set[str],
        limits: Mapping[str, int],
        limit: float,
        compact: int,
        record: bool = False,
    ) -> tuple[dict[str, Item], list[tuple[str, _Block]]]:
        """The block of each full node, and (``record``) each block's making, children first.

        ``limit``: the width rows wrap at; ``compact``: sets of boxes in compact blocks.
        A page that differs from the one estimated before at this width by a few nodes
        makes only the blocks those nodes change: their own, their parents' and upwards.
        """
        if self._count > MAX_BLOCKS:
            self.forget()
        last = self._last.get((limit, compact))
        used: list[tuple[str, _Block]] = []
        numbers: dict[str, int] = {}
        block: dict[str, Item] = {}
        changed = None if last is None or record else self._changed(last, full, limits)
        if last is not None and changed is not None:  # the last page's blocks, then the changes
            numbers, block = last.numbers.copy(), last.block.copy()
            for gone in last.full - full:
                del numbers[gone], block[gone]
        which = full if changed is None else changed
        self._look_up(which, (full, limits), (numbers, block), used, (limit, compact))
        self._last[(limit, compact)] = _Page(frozenset(full), dict(limits), numbers, block)
        return block, used

    def _changed(self, last: _Page, full: Set[str], limits: Mapping[str, int]) -> set[str] | None:
        """The full nodes whose blocks may differ from the last page's (None: most of them).

        A node whose membership changed, its parent, the nodes that link to it, a node
        whose stub limit changed; and the ancestors of each of those on the page.
        """
        moved = last.full.symmetric_difference(full)
        if 2 * len(moved) >= len(full):
            return None
        seeds = [n for n in limits.keys() ^ last.limits.keys() if n in full]
        seeds += [n for n, most in limits.items() if last.limits.get(n, most) != most]
        parent, linked_from = self.tree.parent, self.tree.linked_from
        for moving in moved:
            seeds.append(moving)  # on the page now: its own block; gone: its parent's
            seeds.append(parent[moving] or moving)
            seeds += linked_from[moving]
            seeds += self.tree.links[moving]  # its references arriving there
        changed: set[str] = set()
        for seed in seeds:
            node_id: str | None = seed
            while node_id is not None and node_id in full and node_id not in changed:
                changed.add(node_id)
                node_id = parent[node_id]
        return changed

    def _look_up(
        self,
        which: Collection[str],
        page: tuple[Set[str], Mapping[str, int]],
        made: tuple[dict[str, int], dict[str, Item]],
        used: list[tuple[str, _Block]],
        how: tuple[float, int],
    ) -> None:
        """Look up (or make) the blocks of the ``which`` nodes, children first, into ``made``.

        ``page``: its full nodes and stub limits; ``made``: each node's block and number so
        far; ``how``: the row width, and whether sets of boxes go in compact blocks.
        """
        (full, limits), (numbers, block), (limit, compact) = page, made, how
        tree, kids_of = self.tree, self._made
        children, links, linked_from = tree.children, tree.links, tree.linked_from
        number_of, remember, most = numbers.get, used.append, limits.get
        wrapped = self._wrapped.setdefault(how, {})
        for node_id in sorted(which, key=tree.order.__getitem__, reverse=True):
            targets, sources = links[node_id], linked_from[node_id]
            refs: tuple[str, ...] = ()
            if targets or sources:  # references to pages, outgoing and arriving
                arrive = incoming(node_id, sources, full, tree.node)
                refs = (*[t for t in targets if t not in full], *arrive)
            kids = children[node_id]
            if kids:  # a child's block enters as its number (-1: not on the page)
                key = (node_id, refs, most(node_id), *[number_of(c, -1) for c in kids])
            else:
                key = (node_id, refs)
            made_of = kids_of.get(key)
            if made_of is None:
                node = (node_id, refs, most(node_id))
                made_of = kids_of[key] = self._made_of(node, full, block)
                self._count += 1
            got = made_of.single
            if made_of.items and (
                (compact and made_of.stack) or made_of.width > max(limit, made_of.own[0])
            ):
                wide = got.number
                got = wrapped.get(wide)  # type: ignore[assignment]
                if got is None:
                    got = wrapped[wide] = self._wrap(node_id, made_of, limit, compact)
                    self._count += 1
            numbers[node_id], block[node_id] = got.number, got.item
            remember((node_id, got))

    @staticmethod
    def note(used: list[tuple[str, _Block]], wraps: list[Wrap]) -> None:
        """Record the rows of each block made of several rows (see :func:`note_rows`)."""
        for node_id, got in used:
            if got.rows is not None:
                note_rows(node_id, got.rows, wraps)

    def _made_of(self, node: FullNode, full: Set[str], block: Mapping[str, Item]) -> _Kids:
        """A node's box and its children's items, and its block with them in one row."""
        node_id, refs, most = node
        tree = self.tree
        own = tree.sizes[node_id]
        if node_id == tree.root:  # undercutters of conclusions beside it
            own = (own[0] + self.beside, own[1])
        side, sizes = 0.0, [tree.ref_size(to) for to in refs if is_incoming(to)] if refs else []
        if sizes and tree.upright:  # arriving references beside it, on its rank
            grouped = tree.node[node_id].group is not None
            side, tall = beside_width(tree.sizes[node_id], sizes, self.room, grouped)
            own, refs = (own[0], max(own[1], tall)), tuple([r for r in refs if not is_incoming(r)])
        items = self._kid_items(node_id, full, block, tree.left_out(node_id, full, most))
        if refs:  # references to other pages: in the row of its children, last
            for to in refs:
                name = ref_name(node_id, to)
                ref_w, ref_h = tree.ref_size(to)
                items.append(Item(name, ref_w, (ref_h,), name, whole=True))
        number = next(self._numbers)
        if not items:  # an undercutter aims past its parent's box: rows below cross it
            whole = tree.node[node_id].relation is not Relation.UNDERCUTS
            item = Item(node_id, own[0] + side, (own[1],), node_id, whole=whole)
            return _Kids(own, items, 0.0, False, _Block(number, item, None), side)
        stack = len(items) > 2 and all(len(item.ranks) == 1 for item in items)
        width = row_width(items)
        made = self._block(node_id, own, [items], number, width, side=side)
        return _Kids(own, items, width, stack, made, side)

    def _wrap(self, node_id: str, made_of: _Kids, limit: float, compact: int) -> _Block:
        """A node's block with its children's items in rows that fit ``limit``."""
        own = made_of.own
        # The root's row is as wide as it is, with the undercutters beside it.
        rows = wrap_rows(made_of.items, max(limit, own[0]), compact)
        number = next(self._numbers)
        how = (self.stacked, self.whole, made_of.side)
        return self._block(node_id, own, rows, number, None, *how)

    @staticmethod
    def _block(
        node_id: str,
        own: tuple[float, float],
        rows: list[list[Item]],
        number: int,
        below: float | None = None,
        stacked: bool = False,
        whole: bool = True,
        side: float = 0.0,
    ) -> _Block:
        """A node's block: the node above its children's rows (``below``: their width).

        ``stacked``, ``whole``: see :func:`~.stacking.rows_ranks`; ``side``: see ``_Kids``
        (the node stays centred over its rows: it reaches past only their half).
        """
        if below is None:
            below = rows_width(rows)
        ranks = (own[1], *rows_ranks(rows, stacked, whole))
        last = rows[-1]
        deepest = lowest(last).deepest
        base = row_width(last) if all(len(item.ranks) == 1 for item in last) else 0.0
        whole = all(item.whole for row in rows for item in row)  # every node under it drawn
        deep = len(rows) > 1 and all(len(item.ranks) > 1 for item in rows[0])
        width = max(own[0] / 2 + side, below / 2) + max(own[0], below) / 2  # side 0: the max
        mine = own[0] + side
        item = Item(node_id, width, ranks, deepest, mine, below, len(rows), base, whole, deep)
        return _Block(number, item, rows)

    def _kid_items(
        self,
        node_id: str,
        full: Set[str],
        block: Mapping[str, Item],
        stubs: list[tuple[Unit, bool]],
    ) -> list[Item]:
        """A full node's children as row items in file order: drawn units and stubs."""
        order: Callable[[str], int] = self.tree.order.__getitem__
        items = []
        for unit in self.tree.units(node_id):
            if len(unit) == 1:  # the usual unit: one child
                if unit[0] in full:
                    items.append((order(unit[0]), block[unit[0]]))
            elif drawn := tuple([c for c in unit if c in full]):
                items.append((order(unit[0]), unit_item(drawn, block, self.fit, self.box)))
        if stubs:
            stub_item = self.tree.stub_item
            items += [(order(tops[0]), stub_item(tops, g)) for tops, g in stubs]
        items.sort(key=_first)  # a linked group in parts may come before a sibling
        return [item for _, item in items]
