"""A linked group on a narrow page: its boxes in rows inside its box, what hangs from it below."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING, Final, NamedTuple

from argmap.exporters.diagram.arriving import incoming_names, outgoing_name
from argmap.exporters.diagram.dot import Digraph, Html, escape
from argmap.exporters.diagram.labels import html_text
from argmap.exporters.diagram.stacking import Item, Wrap, group_layout
from argmap.exporters.diagram.styles import NodeStyle
from argmap.exporters.diagram.textwidth import text_points, width_attr
from argmap.model import ArgumentMap, Node

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Estimator
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "GROUP_BOX",
    "GROUP_CAPTION",
    "GroupPart",
    "boxed_groups",
    "chain_down",
    "drawn_groups",
    "group_rest",
    "group_wraps",
    "part_captions",
    "group_box",
    "group_parts",
    "hold_below_groups",
    "hold_group_rows",
    "stacked_groups",
]


def group_box(
    group: str, caption: str, premise: NodeStyle, below_trail: bool, part: bool = False
) -> dict[str, str]:
    """The attributes of a linked group's box, in the look of its premises.

    ``below_trail``: the box sits right below the breadcrumb in its column, and its arrow
    goes up across the box's top edge (see :func:`~.trailcolumn.group_below_trail`): its
    caption goes at its foot, out of the arrow's way. ``part``: a part of a group, drawn
    top-down: its caption (two lines, see :func:`part_captions`) goes at its head, out
    of the way of its members' children's edges (the engine draws top-down pages
    bottom-up, so the caption's place is turned).
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
    if below_trail or part:
        attrs["labelloc"] = "b"
    return attrs


def chain_down(sub: Digraph, names: list[str]) -> None:
    """Hold boxes of one column, drawn left to right, in file order down it.

    Flat edges up the column (the engine sets a flat edge's head above its tail across
    the ranks): left alone, the bundled engine set some linked groups' members bottom to
    top (the flagship's "reward without gain" on A4, left to right).
    """
    for upper, lower in zip(names, names[1:], strict=False):
        sub.edge(lower, upper, {"style": "invis"})


def stacked_groups(plan: PagePlan, groups: Set[str]) -> dict[str, Wrap]:
    """Group name -> its rows, for the linked groups (of ``groups``) a page draws in rows."""
    named = {f"group {name}": name for name in groups}
    return {named[w.parent]: w for w in plan.page.wraps if w.parent in named}


def hold_group_rows(sub: Digraph, rows: Wrap | None, members: list[Node], direction: str) -> None:
    """Hold a linked group's rows inside its box (``sub``): each below the one before.

    ``rows``: None where its ``members`` go side by side, one row. Drawn left to right
    (``direction``), each row is a column, held in file order down it (see :func:`chain_down`).
    """
    across = direction in ("LR", "RL")
    if rows is None:
        if across:
            chain_down(sub, [member.id for member in members])
        return
    for row in rows.rows:
        if len(row) > 1:
            with sub.subgraph() as same:
                same.set({"rank": "same"})
                for name in row:
                    same.node(name)
            if across:
                chain_down(sub, list(row))
    for item, anchor in rows.holds:
        sub.edge(item, anchor, {"style": "invis", "weight": str(rows.weight)})


def hold_below_groups(
    g: Digraph, m: ArgumentMap, plan: PagePlan, stacked: Mapping[str, Wrap], shown: Sequence[str]
) -> None:
    """Hold what hangs from the members of linked groups drawn in rows in rows below them.

    The planner's rows (``tails NAME``): the first below the group's last row, each
    other below the one before. Beside a lower row of the group, a higher member's
    children would widen the page; below, their edges pass the rows below it.

    Each row after the first hangs from the first's first box, a rank further down than
    the row before (``minlen``), not from the row before: held by a box of the row
    before, the engine set that box between the row's own (as near its holds as it
    could), and the edges up to two members crossed (a member's two stubs either side
    of the other member's stub, on a rebuttal's upright A4 page). Not from the group's
    last row: the holds passing its rank came out beside it, the page wider.
    """
    rows = {w.parent: w for w in plan.page.wraps}
    for group, wrap in stacked.items():
        tails = rows.get(f"tails {group}")
        if tails is None:
            continue
        anchor, down = wrap.rows[-1][0], 0
        for row in tails.rows:
            kids = [name for member in row for name in _hanging(m, plan, shown, member)]
            hold = {"style": "invis", **({"minlen": str(down)} if down > 1 else {})}
            for name in kids:
                g.edge(name, anchor, hold)
            if kids and not down:
                anchor = kids[0]
            down += 1 if kids else 0


def _hanging(m: ArgumentMap, plan: PagePlan, shown: Sequence[str], member: str) -> list[str]:
    """What a page draws hanging from a node: its children, stubs and references."""
    kids = [node_id for node_id in shown if m.get(node_id).parent == member]
    kids += [stub.name for stub in plan.page.stubs if stub.parent == member]
    drawn = set(plan.page.nodes)
    links = m.get(member).links
    kids += [outgoing_name(member, k.to) for k in links if k.to not in drawn and k.to in plan.home]
    return kids + incoming_names(m, plan.page.nodes, plan.home, member, plan.upright)


def drawn_groups(m: ArgumentMap, nodes: Sequence[str]) -> set[str]:
    """The linked groups a page draws two or more members of (in a box of their own)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for node_id in nodes:
        group = m.get(node_id).group
        if group is not None:
            (twice if group in seen else seen).add(group)
    return twice


GROUP_BOX: Final = (8.0, 12.0)
"""The room a linked group's box takes round its members: a margin each side (the
engine's), and its caption's line (9-point text)."""

GROUP_CAPTION: Final = 2 * 12.0
"""The room a part's caption of two lines takes (see :func:`part_captions`): across
ranks, or along them drawn left to right (the box's margins are in the estimate)."""


def group_parts(members: tuple[str, ...], planner: Estimator) -> list[tuple[str, ...]]:
    """A linked group's members cut into the fewest parts of a page each (in file order).

    A group goes on one page where it fits (see :func:`_fits_alone`); else in as few
    consecutive parts as do, evenly filled (the earlier parts the larger), each drawn in
    a box of its own that says where the rest of the group is. A part that does not fit
    even alone is as small as it gets: one member.
    """
    if len(members) < 2 or _fits_alone(planner, members):
        return [members]
    for count in range(2, len(members) + 1):
        size, extra = divmod(len(members), count)
        parts: list[tuple[str, ...]] = []
        start = 0
        for index in range(count):
            end = start + size + (index < extra)
            parts.append(members[start:end])
            start = end
        if all(len(part) == 1 or _fits_alone(planner, part) for part in parts):
            return parts
    return [(member,) for member in members]


def _fits_alone(planner: Estimator, unit: tuple[str, ...]) -> bool:
    """Whether a page of linked members alone (their children as stubs) fits a page.

    At the page's full size, less the room of a part's caption (see
    :data:`GROUP_CAPTION`); a stub each, or (when that is larger) one for each member's.
    Not where a page it led was laid out too big at every plan, and is now cut down to its
    first box (see :func:`~.pagetighten.tighten`): the group splits, a member a part.
    """
    from argmap.exporters.diagram.pageblocks import ONE_GROUP  # (a one-drawing render: none)

    if planner.share(unit[0]) == (0.0, 0.0):  # a page it led is cut to its first box
        return False
    kept = planner.width, planner.height
    along, across = planner.full_size
    if planner.horizontal:
        along -= GROUP_CAPTION
    else:
        across -= GROUP_CAPTION
    planner.width, planner.height = along, across
    try:
        for limits in ({}, dict.fromkeys(unit, 0), dict.fromkeys(unit, ONE_GROUP)):
            estimate = planner.estimate([unit], set(unit), None, limits)
            if estimate.width <= along and estimate.height <= across:
                return True
        return False
    finally:
        planner.width, planner.height = kept


class GroupPart(NamedTuple):
    """A part of a linked group that a page draws (see :func:`group_parts`).

    Attributes:
        here: the places (from 1, in file order) of the members the page draws.
        size: how many members the group shows in all.
        rest: for each run of its other members, the first one's page.
    """

    here: tuple[int, ...]
    size: int
    rest: tuple[int, ...]


def group_rest(m: ArgumentMap, plan: PagePlan) -> dict[str, GroupPart]:
    """The linked groups a page draws only a part of, and where their other members are.

    A group too big for one page is drawn in parts, each in a box of its own. What a
    page draws of a part does not depend on the page numbers (see :mod:`.pagenumbers`).
    """
    drawn = set(plan.page.nodes)
    out: dict[str, GroupPart] = {}
    for node_id in plan.page.nodes:
        node = m.get(node_id)
        if node.group is None or node.group in out or node.parent is None:
            continue
        members = [
            child.id
            for child in m.children(node.parent)
            if child.group == node.group and child.id in plan.home
        ]
        if all(member in drawn for member in members):
            continue
        here = tuple(i for i, member in enumerate(members, start=1) if member in drawn)
        runs = [
            plan.home[member]
            for i, member in enumerate(members)
            if member not in drawn and (i == 0 or members[i - 1] in drawn)
        ]
        out[node.group] = GroupPart(here, len(members), tuple(runs))
    return out


def boxed_groups(m: ArgumentMap, plan: PagePlan) -> set[str]:
    """The linked groups a page draws in a box: two members or more, or a part of one."""
    return drawn_groups(m, plan.page.nodes) | group_rest(m, plan).keys()


def part_captions(m: ArgumentMap, plan: PagePlan, caption: str) -> dict[str, str]:
    """Group name -> its box's caption, for each group a page draws a part of.

    Below the usual caption, which members these are and where the others are:
    ``3-4 of 5 · more on p. 2 and p. 6``, each page a link to it (its number written in
    by :mod:`.pagenumbers`).
    """
    return {
        group: _part_caption(caption, group, part, plan)
        for group, part in group_rest(m, plan).items()
    }


def _places(here: Sequence[int]) -> str:
    """Places as ranges: ``1-2, 5``."""
    runs: list[list[int]] = []
    for place in here:
        if runs and runs[-1][-1] == place - 1:
            runs[-1].append(place)
        else:
            runs.append([place])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _part_caption(caption: str, group: str, part: GroupPart, plan: PagePlan) -> Html:
    """A part's caption (see :func:`part_captions`), a cell for each word and each page."""
    cells = [(f"{_places(part.here)} of {part.size} · more on", "")]
    for index, page in enumerate(part.rest):
        if index:
            cells.append(("and" if index == len(part.rest) - 1 else ",", ""))
        number = plan.number(page)
        tip = html_text(f"More of this linked group (page {number})")
        link = f' ID="{html_text(f"grouprest-{group}-{index}")}" HREF="#page-{number}"'
        cells.append((f"p. {number}", f'{link} TOOLTIP="{tip}"'))
    widths = [math.ceil(text_points(text, 9)) + 4 for text, _ in cells]  # see width_attr
    row = "".join(
        f'<TD{attrs} WIDTH="{width}">{html_text(text)}</TD>'
        for (text, attrs), width in zip(cells, widths, strict=True)
    )
    table = 'BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"'
    # Fixed, or the engine spreads the cells over the caption's width.
    line = f'<TABLE FIXEDSIZE="TRUE" WIDTH="{sum(widths)}" HEIGHT="12" {table}>'
    return Html(
        f"<TABLE {table}><TR><TD{width_attr([caption], 9)}>{html_text(caption)}</TD></TR>"
        f"<TR><TD>{line}<TR>{row}</TR></TABLE></TD></TR></TABLE>"
    )


def group_wraps(
    full: Sequence[str],
    node: Mapping[str, Node],
    block: Mapping[str, Item],
    fit: float,
    fits: Mapping[str, float],
) -> list[Wrap]:
    """The records of the linked groups a page draws in rows (``full``: its nodes, in order).

    For each: its boxes' rows (``group NAME``), and its members' children's rows, each
    row named by the members whose children it holds (``tails NAME``). ``fits``: a
    group's own width for its boxes side by side, if not ``fit``.
    """
    groups: dict[str, list[str]] = {}
    for node_id in full:
        if (group := node[node_id].group) is not None:
            groups.setdefault(group, []).append(node_id)
    wraps = []
    for group, members in groups.items():
        layout = group_layout([block[m] for m in members], fits.get(group, fit))
        if layout is not None:
            wraps.append(_group_wrap(f"group {group}", layout.heads))
            if layout.tails:
                wraps.append(_group_wrap(f"tails {group}", layout.tails))
    return wraps


def _group_wrap(parent: str, rows: list[list[Item]]) -> Wrap:
    """The record of a linked group's rows: each item held below one of the row above."""
    holds = [
        (item.name, above[min(i, len(above) - 1)].name)
        for above, row in zip(rows, rows[1:], strict=False)
        for i, item in enumerate(row)
    ]
    names = tuple(tuple(item.name for item in row) for row in rows)
    return Wrap(parent, names, tuple(holds), 10)
