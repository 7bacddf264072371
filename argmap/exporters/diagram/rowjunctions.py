"""A page's wrapped rows with the junctions of undercut links held among them where they go."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.exporters.diagram.dot import Digraph, quote
from argmap.exporters.diagram.stacking import TRAIL, Wrap

__all__ = ["hold_flat_junctions", "with_row_junctions"]


def with_row_junctions(g: Digraph, wraps: Sequence[Wrap]) -> list[Wrap]:
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
    breadcrumb, and they crossed).
    """
    if not wraps:
        return list(wraps)
    heads = {line.split(" -> ", 1)[0] for line in g.body if line.startswith('\t"junction ')}
    held = {item for wrap in wraps for row in wrap.rows for item in row}
    return [_with_junctions(g, wrap, heads, held) for wrap in wraps]


def _with_junctions(g: Digraph, wrap: Wrap, heads: set[str], held: set[str]) -> Wrap:
    """One wrap's rows with its later rows' junctions in the rows above (see above)."""
    anchor = dict(wrap.holds)
    rows = [list(row) for row in wrap.rows]
    added: set[str] = set()
    for k in range(1, len(rows)):
        for item in wrap.rows[k]:
            junction, above = f"junction {item}", anchor.get(item, "")
            if f"\t{quote(junction)}" not in heads or junction in held or above not in rows[k - 1]:
                continue
            if above == wrap.rows[k - 1][-1] or not _runs_into(g, junction, wrap.parent):
                continue  # last in its row: nothing for the junction to go beyond
            at = rows[k - 1].index(above) + 1  # after those put after the anchor before it
            while at < len(rows[k - 1]) and rows[k - 1][at] in added:
                at += 1
            rows[k - 1].insert(at, junction)
            added.add(junction)
    if all(len(new) == len(old) for new, old in zip(rows, wrap.rows, strict=True)):
        return wrap
    return wrap._replace(rows=tuple(tuple(row) for row in rows))


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
