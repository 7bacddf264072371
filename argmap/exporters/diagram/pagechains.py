"""How many breadcrumb rows a page's tops hang from: a page of small branches gathers few."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Final, Protocol

from argmap.exporters.diagram.pageestimate import Unit

__all__ = ["MOST_CHAINS", "Tree", "chains", "gathers"]

MOST_CHAINS: Final = 3
"""The most breadcrumb rows the tops of a page of small branches hang from.

Late pages of a big map took the small branches waiting, whatever their parents: 100
generated nodes' last slide hung nine tops from seven rows of an eleven-row breadcrumb,
their arrows converging on its sides and crossing there; 1,500 nodes' last slides, from
four chains of a twenty-row one."""


def chains(parent: Mapping[str, str | None], tops: Sequence[Unit], full: Set[str]) -> set[str]:
    """The ancestors (drawn in the breadcrumb, not on the page) that the tops hang from."""
    hung = {parent[unit[0]] for unit in tops}
    return {node for node in hung if node is not None and node not in full}


class Tree(Protocol):
    """What a page's planner knows of the map's tree (see :class:`~.pagetree.PageTree`)."""

    @property
    def parent(self) -> Mapping[str, str | None]: ...  # noqa: D102
    @property
    def horizontal(self) -> bool: ...  # noqa: D102


def gathers(tree: Tree, taken: Sequence[Unit], full: Set[str], units: Sequence[Unit]) -> bool:
    """Whether a page of ``taken`` tops may take ``units`` too: its tops hang from few rows.

    At most :data:`MOST_CHAINS` rows (or as many as it hangs from already, if more). Top
    down and bottom up only: left to right, the breadcrumb's edges go round it in lanes
    of their own (see :mod:`.traillanes`), and pages cut shorter there drew two with
    edges crossing or siblings out of file order (400 generated nodes on slides, a test
    map of conclusions on upright slides).
    """
    if tree.horizontal:
        return True
    now = chains(tree.parent, taken, full)
    more = chains(tree.parent, units, full) - now
    return not more or len(now) + len(more) <= max(MOST_CHAINS, len(now))
