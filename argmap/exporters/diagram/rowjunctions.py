"""A page's wrapped rows with the junctions of undercut links held among them where they go."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from argmap.exporters.diagram.dot import Digraph, quote
from argmap.exporters.diagram.stacking import TRAIL, Wrap

__all__ = ["hold_flat_junctions", "placed", "with_row_junctions"]


_Tree = tuple[Mapping[str, "str | None"], Set[str]]
"""Each drawn node's parent, and the nodes the page's plan places in rows of its own."""


def with_row_junctions(
    g: Digraph, wraps: Sequence[Wrap], tree: _Tree = ({}, frozenset())
) -> list[Wrap]:
    """The rows, each later row's junction put in the row above, just after its item's anchor.

    An item of a later row whose link to the parent runs through a junction (its link is
    undercut) has that junction a rank above it: on the rank of the row above, whose
    boxes the rows' holds keep in order. Not held, the engine put the junction at that
    row's end, and the item's arrow ran out across its row's other arrows to reach it (the
    tester's homework map on A4: an objection in the middle of the third row, its
    junction beyond the row's last box, its arrow across that box's). Held after the
    item's anchor (the box above it; several items' junctions there in their items'
    order), the arrow runs straight up. Only a junction whose link runs on into the
    wrap's parent, that no row holds yet, and whose anchor has a box after it (under the
    last of its row, a junction so held went between the tops' arrows into the
    breadcrumb, and they crossed). Below a row of blocks several ranks deep, an item
    hangs in a gap from the lowest boxes of the two blocks beside it: its junction goes
    after the first block's top, and its undercutters on its rank after it, the gap's
    second box holding them rather than it (``tree``: see :data:`_Tree`; not those
    placed already). Held by nothing, the junction went beyond a linked group's box at
    the rank of the blocks' lowest boxes, the item's arrow up the page's side (a homework
    map's A4 page 4); held by both boxes, the item took its undercutters' arrows round
    the group's far side (they crossed that hold).
    """
    if not wraps:
        return list(wraps)
    heads = {line.split(" -> ", 1)[0] for line in g.body if line.startswith('\t"junction ')}
    held = placed(wraps)
    cutters = _cutters(g, tree[0].keys() - tree[1] - held)
    return [_with_junctions(g, wrap, (heads, held), tree[0], cutters) for wrap in wraps]


def _with_junctions(
    g: Digraph,
    wrap: Wrap,
    names: tuple[set[str], Set[str]],
    parent: Mapping[str, str | None],
    cutters: Mapping[str, list[str]],
) -> Wrap:
    """One wrap's rows with its later rows' junctions in the rows above (see above).

    ``names``: the junctions with arrows out, and the nodes held in rows already;
    ``cutters``: each junction's undercutters that may go beside its item.
    """
    (heads, held), anchor = names, dict(wrap.holds)
    rows, holds = [list(row) for row in wrap.rows], list(wrap.holds)
    added: set[str] = set()
    for k in range(1, len(rows)):
        for item in wrap.rows[k]:
            junction, gap = f"junction {item}", _gap(item, wrap, k, parent)
            above = gap[0] if gap else anchor.get(item, "")
            if f"\t{quote(junction)}" not in heads or junction in held or above not in rows[k - 1]:
                continue
            if above == wrap.rows[k - 1][-1] or not _runs_into(g, junction, wrap.parent):
                continue  # last in its row: nothing for the junction to go beyond
            at = rows[k - 1].index(above) + 1  # after those put after the anchor before it
            while at < len(rows[k - 1]) and rows[k - 1][at] in added:
                at += 1
            rows[k - 1].insert(at, junction)
            added.add(junction)
            beside = cutters.get(junction, []) if gap is not None else []
            if beside and gap is not None:  # beside it on its rank, held by the gap's second box
                rows[k][rows[k].index(item) + 1 : rows[k].index(item) + 1] = beside
                holds = [h for h in holds if h != (item, gap[1])] + [(beside[-1], gap[1])]
    if all(len(new) == len(old) for new, old in zip(rows, wrap.rows, strict=True)):
        return wrap
    return wrap._replace(rows=tuple(tuple(row) for row in rows), holds=tuple(holds))


def placed(wraps: Sequence[Wrap]) -> frozenset[str]:
    """The names the rows of ``wraps`` hold."""
    return frozenset(name for wrap in wraps for row in wrap.rows for name in row)


def _gap(
    item: str, wrap: Wrap, k: int, parent: Mapping[str, str | None]
) -> tuple[str, str] | None:
    """Where an item of row ``k`` hangs in a gap below deep blocks.

    The first block's top and the gap's second box; None where it hangs otherwise, or
    below single boxes.
    """
    anchors = [anchor for held, anchor in wrap.holds if held == item]
    if len(anchors) != 2 or any(anchor in wrap.rows[k - 1] for anchor in anchors):
        return None
    node: str | None = anchors[0]
    while node is not None and node not in wrap.rows[k - 1]:
        node = parent.get(node)
    return None if node is None else (node, anchors[1])


def _cutters(g: Digraph, free: Set[str]) -> dict[str, list[str]]:
    """Each junction's undercutters among ``free`` nodes, in the graph's order."""
    named = {quote(name): name for name in free}
    out: dict[str, list[str]] = {}
    for line in g.body:
        tail, _, rest = line.strip().partition(" -> ")
        if tail in named and "class=undercuts" in rest and rest.startswith('"junction '):
            head = rest.split(" [", 1)[0]
            out.setdefault(head.strip('"'), []).append(named[tail])
    return out


def hold_flat_junctions(g: Digraph, wraps: Sequence[Wrap]) -> None:
    """Hold each top's junction on its own rank between it and the next top of its row.

    A top whose arrow into the breadcrumb carries its junction on the top's rank (its
    half to the junction has ``minlen=0``: see :mod:`.cutways`) has it right of the top
    (an edge along a rank runs left to right); held nowhere else, the engine put it at
    the row's far end, and the top's arrow ran along the row under the other tops'
    arrows and back up (a random debate's A4 page: three crossings, the undercutter's
    arrow from the page's far corner). Held before the next top, the arrow turns
    straight up. Not put in the row itself: a second edge from the top to its junction
    bent the arrow's first half.
    """
    flat = {line.split(" [", 1)[0] for line in g.body if "minlen=0" in line}
    if not flat:
        return
    rows = [row for wrap in wraps if wrap.parent == TRAIL for row in wrap.rows]
    for row in rows:
        for item, after in zip(row, row[1:], strict=False):
            junction = f"junction {item}"
            if f"\t{quote(item)} -> {quote(junction)}" not in flat:
                continue
            with g.subgraph() as same:
                same.set({"rank": "same"})
                same.node(item)
                same.node(junction)
            g.edge(junction, after, {"style": "invis"})


def _runs_into(g: Digraph, junction: str, parent: str) -> bool:
    """Whether the junction's arrowed half runs into ``parent`` (its box or one of its rows)."""
    start = f"\t{quote(junction)} -> {quote(parent)}"
    return any(line.startswith(start) for line in g.body)
