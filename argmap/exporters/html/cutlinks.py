"""Cut links on the HTML page: the claims that stand while their link does not, and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, NamedTuple

from argmap.model import Node, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["LINK_LABELS", "LINK_MEANINGS", "Cut", "cut_links", "cutters", "undercut_ends"]

LINK_LABELS: Final[Mapping[str, str]] = {
    "out": "stands · link cut",
    "undecided": "stands · link undecided",
}
"""Badge words of a node that stands while its link to its parent does not, by the link's
standing: the diagram's ``IN · LINK OUT`` and ``show --status``'s ``(in, link out)``."""

LINK_MEANINGS: Final[Mapping[str, str]] = {
    "out": "the claim stands, but an undercutter that stands cuts its link,"
    " so it no longer supports (or attacks) its parent",
    "undecided": "the claim stands, but an undecided undercutter puts its link in doubt,"
    " so it may no longer support (or attack) its parent",
}
"""What a cut link means, for the badge's tooltip and the key, by the link's standing."""


class Cut(NamedTuple):
    """A node's link that does not stand while the node does: its standing and what cuts it."""

    link: str
    """The link's standing: ``out`` (cut) or ``undecided`` (in doubt)."""
    by: tuple[str, ...]
    """The undercutters that cut it or put it in doubt (none named on a worksheet)."""

    @property
    def meaning(self) -> str:
        """What the cut link means (see :data:`LINK_MEANINGS`)."""
        return LINK_MEANINGS[self.link]


def cut_links(analysis: Analysis) -> dict[str, str]:
    """Return node id -> its link's standing, for the nodes that stand while their link does not.

    The same nodes as the diagram's ``--status`` tags ``in-link-out`` and
    ``in-link-undecided`` (see :func:`~argmap.exporters.diagram.styles.drawn_standings`),
    without its string per node.
    """
    from argmap.analysis.standing import Standing

    standing, stands = analysis.standing, Standing.IN  # an enum member looked up once
    return {
        node_id: link.value
        for node_id, link in analysis.link_standing.items()
        if link is not stands and standing[node_id] is stands
    }


def cutters(
    node: Node,
    link: str,
    incoming: Mapping[str, list[tuple[Node, Relation, bool]]],
    analysis: Analysis,
) -> tuple[str, ...]:
    """Return the undercutters that cut ``node``'s link (``link`` is ``out``) or put it in doubt.

    Args:
        node: a node whose link does not stand while it does.
        link: the link's standing, ``out`` or ``undecided``.
        incoming: per node id, what bears on it: source, relation, whether by a cross-link.
        analysis: the analysis the standing comes from.

    Returns:
        The ids of the undercutters whose undercut stands (``in``) for a cut link, or is
        ``undecided`` for a link in doubt, in the order of the map's edges.
    """
    want = "in" if link == "out" else "undecided"
    return tuple(
        src.id
        for src, rel, cross in incoming[node.id]
        if rel is Relation.UNDERCUTS
        and (
            analysis.cross_link_standing[(src.id, node.id)]
            if cross
            else analysis.link_standing[src.id]
        ).value
        == want
    )


def undercut_ends(by_id: Mapping[str, Node], target: str) -> tuple[str, str | None]:
    """Return the ends of the link an undercut of ``target`` attacks: from where, to where.

    A node's link runs to its parent; a conclusion's is the step drawing it from its source.
    """
    node = by_id[target]
    if node.kind is NodeKind.CONCLUSION and node.parent is not None:
        return node.parent, target
    return target, node.parent
