"""A linked group on a narrow page: its boxes in rows inside its box, what hangs from it below."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING

from argmap.exporters.diagram.dot import Digraph, escape
from argmap.exporters.diagram.stacking import Wrap
from argmap.exporters.diagram.styles import NodeStyle
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "drawn_groups",
    "group_box",
    "hold_below_groups",
    "hold_group_rows",
    "stacked_groups",
]


def group_box(group: str, caption: str, premise: NodeStyle, below_trail: bool) -> dict[str, str]:
    """The attributes of a linked group's box, in the look of its premises.

    ``below_trail``: the box sits right below the breadcrumb in its column, and its arrow
    goes up across the box's top edge (see :func:`~.pagetrail.group_below_trail`): its
    caption goes at its foot, out of the arrow's way.
    """
    attrs = {
        "label": caption,
        "fontsize": "9",
        "fontcolor": premise.ink,
        "color": premise.border,
        "style": "rounded",
        "penwidth": "1.5",
        "id": escape(f"group-{group}"),
        "class": "linked-group",
    }
    if below_trail:
        attrs["labelloc"] = "b"
    return attrs


def stacked_groups(plan: PagePlan, groups: Set[str]) -> dict[str, Wrap]:
    """Group name -> its rows, for the linked groups (of ``groups``) a page draws in rows."""
    named = {f"group {name}": name for name in groups}
    return {named[w.parent]: w for w in plan.page.wraps if w.parent in named}


def hold_group_rows(sub: Digraph, rows: Wrap) -> None:
    """Hold a linked group's rows inside its box (``sub``): each below the one before."""
    for row in rows.rows:
        if len(row) > 1:
            with sub.subgraph() as same:
                same.set({"rank": "same"})
                for name in row:
                    same.node(name)
    for item, anchor in rows.holds:
        sub.edge(item, anchor, {"style": "invis", "weight": str(rows.weight)})


def hold_below_groups(
    g: Digraph, m: ArgumentMap, plan: PagePlan, stacked: Mapping[str, Wrap], shown: Sequence[str]
) -> None:
    """Hold what hangs from the members of linked groups drawn in rows in rows below them.

    The planner's rows (``tails NAME``): the first below the group's last row, each
    other below the one before. Beside a lower row of the group, a higher member's
    children would widen the page; below, their edges pass the rows below it.
    """
    rows = {w.parent: w for w in plan.page.wraps}
    for group, wrap in stacked.items():
        tails = rows.get(f"tails {group}")
        if tails is None:
            continue
        anchor = wrap.rows[-1][0]
        for row in tails.rows:
            kids = [name for member in row for name in _hanging(m, plan, shown, member)]
            for name in kids:
                g.edge(name, anchor, {"style": "invis"})
            anchor = kids[0] if kids else anchor


def _hanging(m: ArgumentMap, plan: PagePlan, shown: Sequence[str], member: str) -> list[str]:
    """What a page draws hanging from a node: its children, stubs and references."""
    kids = [node_id for node_id in shown if m.get(node_id).parent == member]
    kids += [stub.name for stub in plan.page.stubs if stub.parent == member]
    drawn = set(plan.page.nodes)
    links = m.get(member).links
    kids += [f"ref {member} {k.to}" for k in links if k.to not in drawn and k.to in plan.home]
    return kids


def drawn_groups(m: ArgumentMap, nodes: Sequence[str]) -> set[str]:
    """The linked groups a page draws two or more members of (in a box of their own)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for node_id in nodes:
        group = m.get(node_id).group
        if group is not None:
            (twice if group in seen else seen).add(group)
    return twice
