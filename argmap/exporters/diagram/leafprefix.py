"""A node's leaves drawn from the first, the rest in one stub a side, where that reads better."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

__all__ = ["Fits", "leaves_in_order"]


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
