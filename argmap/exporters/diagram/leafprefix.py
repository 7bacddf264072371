"""A node's leaves drawn from the first, the rest in one stub a side, where that reads better."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Unit
    from argmap.exporters.diagram.pagefill import Pager

__all__ = ["Fits", "leaves_in_order", "traded_limits"]


class Fits(Protocol):
    """Whether the page fits with these nodes drawn in full and these stub limits."""

    def __call__(self, full: set[str], *, limits: dict[str, int]) -> bool:
        """Whether the page fits with ``full`` drawn in full and stubs capped by ``limits``."""
        ...


def leaves_in_order(
    lists: Iterable[tuple[str, Sequence[tuple[str, ...]]]],
    page: tuple[set[str], dict[str, int]],
    fits: Fits,
    against: Callable[[str], bool],
    leafy: Callable[[str], bool],
) -> tuple[set[str], dict[str, int]]:
    """The page with each node's leaves drawn from the first, where that reads better.

    A page fills breadth first and passes over a leaf too big for the room left, so a
    flat list whose stubs fit came out as the leaves that fitted among stubs of the
    others (fourteen reasons on a slide: nine drawn, five stubs, in no order a reader
    sees), and a stub of a single statement only repeats it, shortened. Drawn in full
    from the first instead, each side as far as it fits, with one grouped stub a side
    for the rest, the page reads as the list's beginning and where it goes on.

    Args:
        lists: each node the page draws in full, with its branches in the order a page
            takes them (objections first); only those whose branches are all single
            statements, some left out and none grouped yet, are drawn anew.
        page: the nodes the page draws in full and its stub limits, as filled.
        fits: whether the page fits with other nodes in full and other limits.
        against: whether a node is against its parent (its side).
        leafy: whether a node's branches are all single statements (no linked groups).

    Returns:
        The page's nodes in full and its limits: drawn anew where that draws more of a
        node's leaves in full than the page did, or as many but not the same ones (the
        first ones rather than whichever fitted), else as they were.
    """
    full, limits = page
    for parent, units in lists:
        if parent in limits or not leafy(parent):
            continue
        drawn = {unit[0] for unit in units if unit[0] in full}
        if len(drawn) == len(units):
            continue
        trial = full.difference(node for unit in units for node in unit)
        grouped = {**limits, parent: 0}
        stopped: set[bool] = set()
        count = 0
        for unit in units:
            side = against(unit[0])
            if side not in stopped and fits(trial | set(unit), limits=grouped):
                trial.update(unit)
                count += 1
            else:
                stopped.add(side)  # the rest of this side go on together
        # More of them, or as many others (the first ones); the same ones drawn again
        # would only group the stubs that name the rest.
        if count > len(drawn) or (count == len(drawn) and not drawn <= trial):
            full, limits = trial, grouped
    return full, limits


def traded_limits(
    pager: Pager,
    page: tuple[list[Unit], Unit | None],
    full: set[str],
    limits: dict[str, int],
    parent: str,
    unit: Unit,
) -> dict[str, int]:
    """Limits that make room for a leaf drawn in full by grouping the leaves' stubs.

    Where the stubs of a node whose branches are all leaves are capped (two dozen
    reasons under the thesis), a leaf's own stub only repeats it, shortened, and sends
    the reader to the page that draws it: drawn in full instead, every leaf left out
    joins the grouped stub of its side (for the node, against it), and they go on
    together, in file order (a single stub left beside it took a page of its own). On
    a label worksheet, whose stubs do not tell the sides, leaves of several kinds keep
    their stubs while most of them have one, so that the one grouped stub does not
    gather them; with fewer, the last few single stubs join the group. Empty if that
    does not fit, or a branch is more than a leaf (its stub says what it holds), or a
    stub of its side comes before it (that leaf would be paged alone).
    """
    most = limits.get(parent)
    units = pager.units(parent)
    if most is None or most >= len(units):  # a stub each: nothing grouped to join
        return {}
    if not pager.leafy(parent):
        return {}
    # A leaf is drawn before those of its side left out (a label worksheet: of all).
    side = pager.against(unit[0])
    left = next((u for u in units if u[0] not in full and pager.against(u[0]) == side), None)
    if left and pager.order[left[0]] < pager.order[unit[0]]:
        return {}
    if pager.sides or len({pager.node[u[0]].kind for u in units}) == 1:
        trial = {**limits, parent: 0}
        return trial if pager.fits(page[0], full, page[1], trial) else {}
    if 2 * most >= len(units):  # kinds mixed, most on this page: their stubs stay
        return {}
    for fewer in range(1, min(most, 3) + 1):
        trial = {**limits, parent: most - fewer}
        if pager.fits(page[0], full, page[1], trial):
            return trial
    return {}
