"""A linked group's place in a row of branches held by a tie from the branch before it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.trailname import TRAIL
from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Estimate
    from argmap.exporters.diagram.stacking import Wrap
    from argmap.model import Node

__all__ = ["tied_groups"]

_BOXED: Final = frozenset(r for r in Relation if r is not Relation.UNDERCUTS)
"""The relations whose arrows end at their parent's box (an undercutter's ends at a dot)."""


def tied_groups(
    estimate: Estimate,
    node: Mapping[str, Node],
    children: Mapping[str, Sequence[str]],
    full: Set[str],
) -> Estimate:
    """The drawn page's estimate, each linked group among its tops held after the one before.

    The engine drops a row's edge from one box into a group's box (it keeps the others'
    order by them), and placed a group with nothing below it where its ordering began:
    a class debate's page of a reason (with its evidence and objection) and a linked
    reason beside it drew the group first, in half such pages. The group is tied,
    weightless (see :attr:`~.stacking.Wrap.places`), to the last box of the first row
    below the branch before it in the row, which the engine orders the group's rank by
    and pulls nowhere. ``node``, ``children``: the map's nodes and each one's children
    shown; ``full``: the nodes the page draws in full.
    """
    own = {wrap.parent: wrap for wrap in estimate.wraps}
    wraps: list[Wrap] = []
    for wrap in estimate.wraps:
        if wrap.parent != TRAIL:
            wraps.append(wrap)
            continue
        places = [
            (below, group)
            for row in wrap.rows
            for before, group in zip(row, row[1:], strict=False)
            if _grouped(node, group, full)
            and (below := _below(before, own, (node, children), full)) is not None
        ]
        wraps.append(wrap._replace(places=(*wrap.places, *places)) if places else wrap)
    return estimate._replace(wraps=tuple(wraps))


def _grouped(node: Mapping[str, Node], name: str, full: Set[str]) -> bool:
    """Whether a row's item is a linked group drawn in full (named by its first member)."""
    return name in full and node[name].group is not None


def _below(
    before: str,
    own: Mapping[str, Wrap],
    tree: tuple[Mapping[str, Node], Mapping[str, Sequence[str]]],
    full: Set[str],
) -> str | None:
    """The last box of the first row below ``before`` (a node drawn in full), if any.

    Not an undercutter: its place is planned beside its junction, which a tie moved
    (the flagship's slide of a reason and a linked reason, each undercut).
    """
    node, children = tree
    if before not in full:
        return None  # a stub, a reference: nothing below it
    wrap = own.get(before)
    if wrap is not None and wrap.rows:
        return wrap.rows[0][-1]
    drawn = [c for c in children[before] if c in full and node[c].relation in _BOXED]
    return drawn[0] if len(drawn) == 1 else None
