"""One drawing of a whole map: wide sets of siblings, each with its branch, wrapped into rows."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence, Set
from dataclasses import dataclass, replace
from typing import Final, NamedTuple

from argmap.exporters.diagram.boxsize import page_measure
from argmap.exporters.diagram.dot import Digraph
from argmap.exporters.diagram.labels import RowsMemo
from argmap.exporters.diagram.leaffeet import foot_leaves, leaves_afoot, leaves_hung
from argmap.exporters.diagram.rowholds import hold_rows
from argmap.exporters.diagram.siblingrows import Cuts, hold_siblings
from argmap.exporters.diagram.stacking import (
    NODESEP,
    Item,
    Wrap,
    lowest,
    note_rows,
    row_ports,
    row_width,
    rows_ranks,
    rows_width,
    stack_columns,
    stack_leaves,
    wrap_rows,
)
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.options import RenderOptions

__all__ = ["HOLD_WEIGHT", "RIBBON", "SCREEN", "Wide", "hold_wide", "wide_drawing", "wide_rows"]

RIBBON: Final = 5.5
"""A drawing estimated wider than this along its ranks (times its depth) is wrapped: a
thesis with sixty reasons, each with its evidence, was drawn 38 times as wide as deep,
its thesis far off the first screen and its text tiny once fitted to one. The estimate
counts each branch as wide as its widest rank, wider than the engine draws it, and no
undercutter's junction nor the key: 30 generated statements, estimated 5.8:1, were
drawn 4.5:1, and the repository's flagship, estimated 5:1, 2:1 (left as it is)."""
SCREEN: Final = 2.0
"""The shape a wrapped drawing is aimed at, along its ranks to across them: about a
screen's (16:9), a little wider, as the engine draws the rows' edges in less room than
:data:`~.stacking.PASSING` plans (sixty reasons: 4,066 x 2,946 points aimed at 16:9)."""
HOLD_WEIGHT: Final = 0
"""How hard a hold pulls a later row's item towards the node it hangs from (it only ranks
the item below it). Pulling (the engine's default, 1), it drew the blocks of the row above
down towards the next row: a block's first child sank a rank below its siblings, out of
their order (120 generated statements: 2 pairs), and more edges went round other boxes
(sixty reasons, each with its evidence: 19, without the pull 13)."""
_STEPS: Final = 16
"""How many widths the search for the rows' width tries (halving the range each time)."""


@dataclass(frozen=True)
class _Tree:
    """The drawn tree as the rows see it: children, box sizes, and who may wrap."""

    kids: dict[str, list[str]]
    """Node id -> its drawn children (tree edges), in file order."""
    size: dict[str, tuple[float, float]]
    """Node id -> its box along the ranks and across them, in points."""
    free: frozenset[str]
    """Parents whose children may go in rows: no linked group, undercutter or conclusion
    among them, no link of theirs undercut, and one at least with children of its own."""
    roots: list[str]
    upward: list[str]
    """The nodes with a parent free to wrap at or below them, each after all below it."""
    fixed: dict[str, Item]
    """The blocks of the other nodes, the same at any width."""


def wide_rows(
    m: ArgumentMap,
    options: RenderOptions,
    shown: Sequence[Node],
    undercut: Collection[str],
    memo: RowsMemo,
) -> list[Wrap]:
    """The rows a drawing of the whole map wraps its wide sets of siblings into (none: as is).

    Graphviz draws all children of a node side by side, so a thesis with sixty reasons,
    each with its evidence, made a ribbon (15,363 x 400 points). Where the drawing is
    estimated wider than :data:`RIBBON` times its depth, the children of such parents go
    in rows (:func:`~.stacking.wrap_rows`, each with its branch, in file order), all rows
    of the drawing no wider than one width: the widest that brings its shape to
    :data:`SCREEN`. Left to right, rows are columns.

    Args:
        m: the map.
        options: the drawing's options (its direction, what it hides).
        shown: the drawn nodes, in file order.
        undercut: the links some undercutter targets (drawn through a junction).
        memo: keeps the boxes' rows measured, for their labels.

    Returns:
        Each wrapped parent's rows and holds, for :func:`~.rowholds.hold_rows`.
    """
    tree = _tree(m, options, shown, undercut, memo)
    if not tree.free:
        return []
    along, across = _drawing(tree, math.inf, [])
    if along <= RIBBON * across:
        return []
    low = max(size[0] for size in tree.size.values())
    high = along
    for _ in range(_STEPS):  # the widest rows whose drawing is no wider than a screen's shape
        middle = (low + high) / 2
        along, across = _drawing(tree, middle, [])
        low, high = (middle, high) if along <= SCREEN * across else (low, middle)
    wraps: list[Wrap] = []
    _drawing(tree, low, wraps)
    return [wrap._replace(weight=HOLD_WEIGHT) for wrap in wraps]


def _tree(
    m: ArgumentMap,
    options: RenderOptions,
    shown: Sequence[Node],
    undercut: Collection[str],
    memo: RowsMemo,
) -> _Tree:
    """The drawn tree's children, box sizes and the parents free to wrap."""
    measure = page_measure(m, options, memo)
    across = options.direction in ("LR", "RL")
    drawn = {node.id for node in shown}
    kids: dict[str, list[str]] = {node.id: [] for node in shown}
    roots: list[str] = []
    for node in shown:
        if node.parent in drawn and node.relation is not None:
            kids[node.parent].append(node.id)
        else:
            roots.append(node.id)
    size: dict[str, tuple[float, float]] = {}
    for node in shown:
        width, height = measure(node)
        size[node.id] = (height, width) if across else (width, height)
    free = frozenset(
        parent
        for parent, children in kids.items()
        if len(children) > 1
        and any(kids[c] for c in children)
        and all(_plain(m.get(c), undercut) for c in children)
    )
    return _fixed(_Tree(kids, size, free, roots, [node.id for node in reversed(shown)], {}))


def _fixed(tree: _Tree) -> _Tree:
    """The tree with the blocks no width changes made once (a 10,000-node map's are most)."""
    parent = {kid: node_id for node_id, kids in tree.kids.items() for kid in kids}
    varies = set(tree.free)
    for node_id in tree.upward:  # each after all below it
        if node_id in varies and node_id in parent:
            varies.add(parent[node_id])
    for node_id in tree.upward:
        if node_id not in varies:
            tree.fixed[node_id] = _block(tree, node_id, tree.fixed, math.inf, [])
    return replace(tree, upward=[node_id for node_id in tree.upward if node_id in varies])


def _plain(node: Node, undercut: Collection[str]) -> bool:
    """Whether a child may go in its parent's rows: a box of its own with a plain arrow."""
    return (
        node.group is None
        and node.relation is not Relation.UNDERCUTS
        and node.kind is not NodeKind.CONCLUSION
        and node.id not in undercut
    )


def _drawing(tree: _Tree, limit: float, wraps: list[Wrap]) -> tuple[float, float]:
    """The drawing's size (along its ranks, across them) with rows no wider than ``limit``.

    Each wrapped parent's rows are noted in ``wraps``.
    """
    block = dict(tree.fixed)
    for node_id in tree.upward:
        block[node_id] = _block(tree, node_id, block, limit, wraps)
    roots = [block[root] for root in tree.roots]
    return row_width(roots), max(item.height for item in roots)


def _block(
    tree: _Tree, node_id: str, block: dict[str, Item], limit: float, wraps: list[Wrap]
) -> Item:
    """A node's block: its box above its children's, in rows where it is free to wrap."""
    width, height = tree.size[node_id]
    kids = tree.kids[node_id]
    if not kids:
        return Item(node_id, width, (height,), node_id, whole=True)
    items = [block[kid] for kid in kids]
    rows = [_stacked(tree, items)]
    if node_id in tree.free and row_width(rows[0]) > limit:
        rows = wrap_rows(items, max(limit, width))
        if len(rows) > 1:  # its leaves in its rows, not stacked
            note_rows(node_id, rows, wraps)
        else:
            rows = [_stacked(tree, items)]
    ranks = (height, *rows_ranks(rows))
    return Item(node_id, max(width, rows_width(rows)), ranks, lowest(rows[-1]).deepest, whole=True)


def _stacked(tree: _Tree, items: list[Item]) -> list[Item]:
    """Children side by side, their leaves stacked in columns (see :func:`.stack_leaves`)."""
    leaves = [item for item in items if not tree.kids[item.name]]
    if len(leaves) <= 2:
        return items
    columns = stack_columns(len(leaves))
    wide = max(item.width for item in leaves)
    deep = max(item.ranks[0] for item in leaves)
    stack = Item(
        leaves[0].name,
        columns * wide + (columns - 1) * NODESEP,
        (deep,) * math.ceil(len(leaves) / columns),
        leaves[-1].name,
        whole=True,
    )
    return [*[item for item in items if tree.kids[item.name]], stack]


class Wide(NamedTuple):
    """A drawing of the whole map with its wide sets of siblings in rows (see :func:`wide_rows`).

    Attributes:
        wraps: each wrapped parent's rows and holds (none: the drawing is not wide).
        memo: the boxes' rows as measured, which their labels take.
        ports: parent id -> the side of it where the edges of its rows end (see
            :func:`~.stacking.row_ports`).
        direction: the drawing's direction (its leaves' feet go by it, see
            :func:`~.leaffeet.leaves_afoot`).
    """

    wraps: list[Wrap]
    memo: RowsMemo
    ports: dict[str, str]
    direction: str = "TB"


def wide_drawing(
    m: ArgumentMap,
    options: RenderOptions,
    shown: Sequence[Node],
    undercut: Collection[str],
    memo: RowsMemo | None,
) -> Wide:
    """:func:`wide_rows`, with the boxes' rows measured (in ``memo``, or a new one)."""
    memo = RowsMemo() if memo is None else memo
    wraps = wide_rows(m, options, shown, undercut, memo)
    ports = row_ports(wraps, [node.id for node in shown], options.direction)
    return Wide(wraps, memo, ports, options.direction)


def hold_wide(
    g: Digraph, shown: list[Node], visible: Set[str], wide: Wide | None, cuts: Cuts = ((), ())
) -> None:
    """Stack many leaves in columns, and hold the rows of ``wide`` (its edges straight runs).

    The children of a parent in rows are not stacked: they are in its rows. Curved, the
    edges of rows below fanned into their parent crossing each other (sixty reasons:
    634 such crossings), and siblings elsewhere swapped places round the rows' holds; as
    straight runs, each node's edges kept in file order (``ordering``), none. Other
    parents' children are held in file order (see :func:`~.siblingrows.hold_siblings`;
    ``cuts``: the links undercut, and the linked groups drawn in a box).
    """
    wraps = [] if wide is None else wide.wraps
    rowed = {wrap.parent for wrap in wraps}
    stack_leaves(g, shown, visible, rowed)
    hold_siblings(g, shown, visible, rowed, cuts, "TB" if wide is None else wide.direction)
    if wraps and wide is not None:
        hold_rows(g, wraps)
        held = {anchor for wrap in wraps for _, anchor in wrap.holds}
        afoot = leaves_afoot(shown, visible, rowed, held, wide.direction)
        foot_leaves(g, afoot, leaves_hung(shown, wraps, afoot, rowed))
        g.attr("graph", {"splines": "polyline", "ordering": "in"})
