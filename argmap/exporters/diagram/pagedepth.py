"""A page filled breadth first below its tops, and the branches it passed over tried again."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.leafprefix import traded_limits

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Unit
    from argmap.exporters.diagram.pagefill import Pager

__all__ = ["MISSES", "deepened"]

MISSES: Final = 8
"""A page is full once this many units in a row did not fit: the rest become stubs."""

_Page = tuple[set[str], dict[str, int]]


def deepened(
    pager: Pager, tops: tuple[list[Unit], Unit | None], full: set[str], limits: dict[str, int]
) -> _Page:
    """The page's full nodes and stub limits, its tops' children taken while they fit.

    Breadth first, wherever they fit: a unit too big for what is left is passed over
    (it becomes a stub) and smaller ones after it are still tried. Where a unit was
    passed over before others were taken, the page is tried once more with everything
    under its tops: a branch drawn with all it holds may have rows of its siblings
    below it, where the same branch with stubs in it may not (see
    :func:`~.stacking.rows_ranks`), so a linked group too wide beside a reason whose
    evidence was still a stub fits in a row under the reason once it is drawn whole
    (an eight-statement map took two pages). Only the whole of it: a page that took
    the units passed over one by one held other branches less well (a page more of a
    400-statement map on upright A4).

    Args:
        pager: the pager filling the page.
        tops: the page's top units, and the stub of the siblings that go on after them.
        full: the nodes the page draws in full so far (its tops and their members).
        limits: the stub limits so far.

    Returns:
        The nodes drawn in full, and the stub limits.
    """
    queue = deque(c for unit in tops[0] for c in unit)
    passed: list[Unit] = []
    full, limits, last = _breadth(pager, tops, (full, limits), queue, passed)
    if not passed[:last]:  # those passed over after the last one taken met the page as it is
        return full, limits
    everything = pager.whole([c for unit in tops[0] for c in unit])
    if len(everything) > len(full) and pager.fits(tops[0], everything, tops[1], {}):
        return everything, {}
    return full, limits


def _breadth(
    pager: Pager,
    tops: tuple[list[Unit], Unit | None],
    page: _Page,
    queue: deque[str],
    passed: list[Unit],
) -> tuple[set[str], dict[str, int], int]:
    """The page filled breadth first from ``queue``; ``passed`` told of each unit passed over.

    Returns the full nodes, the stub limits, and how many units had been passed over
    when the last one was taken.
    """
    (taken, rest), (full, limits) = tops, page
    misses, last = 0, 0
    while queue and misses < MISSES:
        node_id = queue.popleft()
        for unit in pager.priority(node_id):
            if full.issuperset(unit):
                continue  # taken whole with its sibling
            trial = full | set(unit)
            traded = limits  # or, for a leaf, limits that group stubs to make room
            if pager.fits(taken, trial, rest, limits) or (
                traded := traded_limits(pager, (taken, rest), trial, limits, node_id, unit)
            ):
                full, limits, misses = trial, traded, 0
                queue.extend(unit)
                last = len(passed)
            else:
                passed.append(unit)
                if (misses := misses + 1) >= MISSES:
                    break  # full: the rest become stubs
    return full, limits, last
