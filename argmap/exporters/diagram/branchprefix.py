"""A node of many small branches drawn from its first ones whole, the rest in one stub a side."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from argmap.exporters.diagram.leafprefix import Fits
    from argmap.exporters.diagram.pageestimate import Unit
    from argmap.exporters.diagram.pagefill import Pager

__all__ = ["branches_in_order"]


def branches_in_order(
    pager: Pager, fits: Fits, full: set[str], limits: dict[str, int]
) -> tuple[set[str], dict[str, int]]:
    """The page with a hub's branches drawn whole from the first, where that holds more.

    A node of three or more small branches, none of which its page drew (a reason with
    a dozen objections, each answered), got a page of its stubs and nothing else: a hub
    the reader must leave for every branch, each drawn in full on a later page. Drawn
    instead from its first branches, each whole (an objection with its answers), side by
    side (for the node, against it) as far as each fits, with one grouped stub a side for
    the rest, the page reads as the list's beginning and where it goes on; the grouped
    stub's pages go on in file order. Only where each side draws its first branch so (a
    reason's own reasons, too big for that, keep a stub each beside its undercutters, so
    that its page still names them). Not a node whose branches are all leaves (see
    :mod:`.leafprefix`), nor any on the overview, whose stubs outline the map.

    Args:
        pager: the pager filling the page.
        fits: whether the page fits with other nodes in full and other limits.
        full: the nodes the page draws in full, as filled.
        limits: the page's stub limits, as filled.

    Returns:
        The page's nodes in full and its limits: drawn anew where that draws more nodes
        in full, at least two whole branches and one of each side, else as they were.
    """
    if pager.overview and pager.root in full:
        return full, limits  # page 1: its stubs outline the map (see :mod:`.overviewstubs`)
    for parent in sorted(full, key=pager.order.__getitem__):
        units = pager.priority(parent)
        if len(units) < 3 or pager.leafy(parent):
            continue
        if any(unit[0] in full for unit in units):
            continue  # not a hub: the page drew what fitted of its branches
        # (A hub draws nothing below it: a page takes a node only after its parent.)
        grouped = {**limits, parent: 0}
        trial, drawn = _prefix(pager, fits, units, (full, grouped))
        # Each side from its first branch, or the hub's stubs stay: a side of big branches
        # (a reason's own reasons) grouped into one stub would hide what they are.
        if min(drawn.values()) >= 1 and sum(drawn.values()) >= 2 and len(trial) > len(full):
            full, limits = trial, grouped
    return full, limits


def _prefix(
    pager: Pager, fits: Fits, units: Sequence[Unit], page: tuple[set[str], dict[str, int]]
) -> tuple[set[str], dict[bool, int]]:
    """The page with each side's first branches whole, as far as each fits, and the counts.

    ``page``: the nodes drawn in full, none of the branches among them, and the limits
    (the parent's grouped). Returns the nodes then drawn in full, and how many branches each side
    (against the parent or not) draws whole.
    """
    trial, limits = page
    drawn = {pager.against(unit[0]): 0 for unit in units}
    stopped: set[bool] = set()
    for unit in units:
        side = pager.against(unit[0])
        if side in stopped:
            continue
        branch = pager.whole(unit)
        if not pager.too_big(unit) and fits(trial | branch, limits=limits):
            trial = trial | branch
            drawn[side] += 1
        else:
            stopped.add(side)  # the rest of this side go on together
    return trial, drawn
