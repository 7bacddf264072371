"""Which ancestors a page's breadcrumb lists: the nearest few and the root, six rows at most."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

__all__ = ["TRAIL_ROWS", "Breadcrumbs", "shared_trail"]

TRAIL_ROWS: Final = 6
"""The most ancestors a breadcrumb lists: the root, then the nearest ones."""


class Breadcrumbs:
    """A page tree's breadcrumbs (see :class:`~.pagetree.PageTree`, which sets the fields)."""

    lead: tuple[str, ...]
    """Ancestors drawn elsewhere, atop every breadcrumb."""
    root: str
    parent: Mapping[str, str | None]
    _tops: Mapping[str, str]
    """Each node's own top, when a focus's linked group leads page 1."""
    _trails: dict[str, tuple[str, ...]]

    def trail_of(self, node_id: str) -> tuple[str, ...]:
        """The ancestors a page shows above ``node_id``: the nearest few, and the root.

        However deep the map, a breadcrumb, ``lead`` and all, has at most :data:`TRAIL_ROWS` rows
        (see :meth:`lead_for`); the node's parent is always among them, as its page's tops
        hang from it (and the stubs of their siblings).
        """
        trail = self._trails.get(node_id)
        if trail is None:
            out: list[str] = []
            parent = self.parent[node_id]
            while parent is not None and len(out) < max(1, TRAIL_ROWS - 1 - len(self.lead)):
                out.append(parent)
                parent = self.parent[parent]
            if parent is not None:
                out.append(self._tops.get(node_id, self.root))
            trail = self._trails[node_id] = tuple(out)
        return trail

    def lead_for(self, own: int) -> tuple[str, ...]:
        """The ``lead`` a breadcrumb of ``own`` other rows shows: its first, and the nearest.

        A focus's context is the thesis and the nearest claims above it (five rows); a page
        deep below the focus lists the focus and its top's parent too, so the context gives
        up its farthest claims to keep the breadcrumb to :data:`TRAIL_ROWS` rows.
        """
        keep = max(1, TRAIL_ROWS - own)
        if len(self.lead) <= keep:
            return self.lead
        return self.lead[:1] + self.lead[len(self.lead) - keep + 1 :]

    def trail_rows(self, own: int) -> int:
        """The rows of a breadcrumb of ``own`` rows below its lead (see :meth:`lead_for`)."""
        return len(self.lead_for(own)) + own

    def _trail_rows(self, tops: Sequence[Sequence[str]]) -> int:
        """How many ancestors the breadcrumb above these tops lists (the ``lead`` too)."""
        if len(tops) == 1 and len(tops[0]) == 1:  # the usual page: one branch
            return self.trail_rows(len(self.trail_of(tops[0][0])))
        return self.trail_rows(len(self.page_trail(t for u in tops for t in u)))

    def page_trail(self, tops: Iterable[str]) -> set[str]:
        """The ancestors listed above ``tops``, the ``lead`` aside (see :func:`.shared_trail`)."""
        return shared_trail(tops, self.trail_of, max(2, TRAIL_ROWS - len(self.lead)))


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
