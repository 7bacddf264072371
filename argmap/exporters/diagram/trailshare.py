"""The breadcrumb rows of a page shared by branches of several parents: kept to a few."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

__all__ = ["shared_trail"]


def shared_trail(
    tops: Iterable[str], trail_of: Callable[[str], Sequence[str]], most: int
) -> set[str]:
    """The ancestors a breadcrumb lists above ``tops``: at most ``most``, however many parents.

    Each top's own trail (``trail_of``: its parent first, its farthest ancestor last)
    keeps to ``most`` rows; the tops of a page gathering branches of several parents
    would list the union of theirs, up to three times as many (16 rows above the last
    pages of 1,500 generated nodes, their arrows piling onto the box's sides and
    corners). So such a breadcrumb lists every trail's parent and farthest ancestor,
    then the nearer ancestors of each in turn (the parents', then theirs) while it keeps
    to ``most``: a row whose parent is left out starts with an ellipsis, and links to
    its page, whose breadcrumb shows the rest. More only where the parents and their
    farthest ancestors alone are more.

    Args:
        tops: The page's top nodes.
        trail_of: The ancestors listed above one top (see ``PageTree.trail_of``).
        most: The most rows a top's own trail lists.

    Returns:
        The rows, as a set (the page lists them in the map's order).
    """
    trails = list(dict.fromkeys(tuple(trail_of(top)) for top in tops))
    rows = {node for trail in trails for node in trail}
    if len(trails) < 2 or len(rows) <= most:
        return rows
    kept = {node for trail in trails if trail for node in (trail[0], trail[-1])}
    depth = 1
    while len(kept) < most and any(depth < len(trail) - 1 for trail in trails):
        for trail in trails:
            if depth < len(trail) - 1 and len(kept | {trail[depth]}) <= most:
                kept.add(trail[depth])
        depth += 1
    return kept
