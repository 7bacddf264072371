"""Undercut links' junctions, and a continued branch's undercutters by its top or junction."""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram import worksheet as sheets
from argmap.exporters.diagram.dot import Compass, Digraph, Port, quote
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.pagetrailsize import TRAIL_COLUMN
from argmap.exporters.diagram.rowholds import hold_rows, leaf_holds
from argmap.exporters.diagram.stacking import RANKSEP, TRAIL, Wrap
from argmap.exporters.diagram.trailname import HALF_CLASS
from argmap.model import ArgumentMap, Node, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.paging import Stub

__all__ = [
    "ABOVE",
    "AT_BOX_WORDS",
    "BESIDE",
    "CUT_ROWS",
    "FLAT",
    "JUNCTION_RANK",
    "UNDER",
    "WORDED",
    "add_junction",
    "beside_cutters",
    "clear_beside",
    "hold_with_cutters",
    "hung_tops",
    "link_through",
    "loose_tops",
    "planned_tops",
    "stubs_by_premise",
    "trail_cutters",
    "trail_link",
    "undercut_links",
    "undercutters",
    "worded",
]

BESIDE: Final = "beside "
"""The mark of a planner's row of a top (or its junction) with its undercutters beside it."""
UNDER: Final = "under "
"""The mark of a planner's note of a top's undercutters held below it, aiming past its side."""
CUT_ROWS: Final = (BESIDE, UNDER)
"""The planner's notes of where a top's undercutters go: a row with it, or held below it."""
JUNCTION_RANK: Final = RANKSEP + 0.14 * 72
"""The rank an undercut link's junction takes between a page's top and its breadcrumb."""
AT_BOX_WORDS: Final = "undercuts its link"
"""The words on an undercutter's arrow drawn to the box whose link it undercuts."""
ABOVE, FLAT, WORDED = 0, 1, 2
"""The ways a top's arrow carries a junction for undercutters left among its children: on
a rank of its own above the top; on the top's rank, beside it; none, the undercutters'
arrows at the top's box, worded (see :mod:`.cutways`)."""


def add_junction(g: Digraph, key: str, color: str) -> str:
    """Add the point in the middle of an undercut link; return its name."""
    junction, name = f"junction {key}", graphviz_escape(f"junction-{key.replace(' ', '-')}")
    point = {"shape": "point", "width": "0.14", "color": color, "label": ""}
    g.node(junction, {**point, "id": name, "class": "junction"})
    return junction


def trail_link(g: Digraph, key: str, at: tuple[int, Compass], link: dict[str, str]) -> str:
    """Draw a breadcrumb row's link to the row above through the junction of ``key``, once.

    ``at``: the row and the side of it the link leaves. Its lower half has no arrowhead,
    its upper half ``link``'s; both are marked with the row (:data:`~.trailname.HALF_CLASS`)
    for :mod:`.trailhalves`. A page's second top to undercut the link draws only its
    junction (each drew the link again: three piled into the box on the flagship's A4).
    Returns the junction's name.
    """
    row, side = at
    junction = add_junction(g, key, link.get("color", "#4527a0"))
    if any(line.startswith(f"\t{quote(junction)} -> ") for line in g.body):
        return junction
    marked = {**link, "class": f"{link.get('class', '')} {HALF_CLASS}{row}".strip()}
    g.edge(junction, Port(TRAIL, f"r{row}", side), {**marked, "arrowhead": "none"})
    g.edge(junction, Port(TRAIL, f"r{row - 1}", side), marked)
    return junction


def worded(attrs: Mapping[str, str]) -> dict[str, str]:
    """An undercutter's arrow drawn to a box, not the link: words on it say it undercuts.

    Where no junction fits the page (see :mod:`.cutways`), or the link is not drawn;
    ending at the box, with no words, it read as an attack on the box's claim. Not on a
    label worksheet's arrow (its box, ``taillabel``, is for the student's answer).
    """
    if "taillabel" in attrs:
        return dict(attrs)
    color = attrs.get("color", "#c62828")
    return {**attrs, "xlabel": AT_BOX_WORDS, "fontcolor": color, "fontsize": "11"}


def hung_tops(m: ArgumentMap, plan: PagePlan) -> frozenset[str]:
    """The page's tops whose arrows into their parents' breadcrumb rows carry a junction.

    An undercutter of such a top's link to its parent aims at that arrow, as it does on a
    page that draws the parent in full: drawn at the top's box, it read as an attack on
    the top's claim (the flagship's slide 2: the article's three alternative explanations
    of Moscow's turn, each undercutting the step from it to the thesis; a linked group's
    members, each undercut, whose one arrow carries the junction; the rouble condition
    on the trade protocol, one of a slide's four tops). Where the planner put its
    undercutters beside it (see :func:`beside_cutters`), or held them below a top whose
    only children they are (see :func:`~.cutplaces.tops_with_cutters`); and where it left
    them among the top's other children (:func:`loose_tops`), unless the plan's
    :attr:`~.pageparts.PagePlan.cut_way` is :data:`WORDED` (no junction fits the page).
    """
    loose = _cut_tops(m, plan) if plan.cut_way < WORDED else []
    return _hanging(m, plan, [*planned_tops(plan), *loose])


def loose_tops(m: ArgumentMap, plan: PagePlan) -> frozenset[str]:
    """The page's tops with undercutters the planner left among their children.

    Their arrows into the breadcrumb carry a junction too, drawn the plan's
    :attr:`~.pageparts.PagePlan.cut_way` (see :mod:`.cutways`).
    """
    planned = set(planned_tops(plan))
    return _hanging(m, plan, [top for top in _cut_tops(m, plan) if top not in planned])


def _hanging(m: ArgumentMap, plan: PagePlan, tops: Sequence[str]) -> frozenset[str]:
    """Those of ``tops`` whose arrows run into a breadcrumb row (no conclusion's step)."""
    hung = []
    for top_id in dict.fromkeys(tops):
        top = m.get(top_id)
        ok = top.parent in plan.page.trail and top.relation is not None
        if ok and top.kind is not NodeKind.CONCLUSION:
            hung.append(top_id)
    return frozenset(hung)


def trail_cutters(m: ArgumentMap, plan: PagePlan) -> frozenset[str]:
    """The page's tops that undercut a breadcrumb row's link to the row above it.

    Their arrows end on a junction on that link, drawn from the row's side (see
    :func:`~.pagetrail.add_trail`); aimed at the row, they read as attacks on its claim.
    """
    trail = plan.page.trail
    out = []
    for top in plan.page.tops:
        node = m.get(top)
        if node.relation is not Relation.UNDERCUTS or node.parent not in trail:
            continue
        target = m.get(node.parent)
        if target.parent in trail and target.relation is not None:
            out.append(top)
    return frozenset(out)


def planned_tops(plan: PagePlan) -> list[str]:
    """The page's tops whose undercutters the planner placed by their junction."""
    return [*_beside_tops(plan), *_below_rows(plan)]


def _cut_tops(m: ArgumentMap, plan: PagePlan) -> list[str]:
    """The page's tops with an undercutter of their link on the page, drawn or a stub's.

    Its child, or a node cross-linked to undercut it (the flagship's 2012 deal and the
    Reuters step, on A4). None left to right: through junctions, the arrows crossed the
    tops' column's (their undercutters' arrows are worded instead, see :func:`worded`).
    """
    page = plan.page
    if plan.across:
        return []
    tops = set(page.tops)
    nodes = [m.get(n) for n in page.nodes]
    parents = [n.parent for n in nodes if n.relation is Relation.UNDERCUTS]
    parents += [k.to for n in nodes for k in n.links if k.relation is Relation.UNDERCUTS]
    parents += [s.parent for s in page.stubs if undercutters(m, s)]
    out = [p for p in parents if p in tops]
    # A linked group's members share its one arrow: each carries the junction.
    groups = {m.get(p).group for p in out if m.get(p).group}
    out += [t for t in page.tops if m.get(t).group in groups]
    return out


def undercut_links(
    m: ArgumentMap,
    visible: Container[str],
    link_key: Callable[[Node], str],
    shown: Sequence[Node],
    on_page: tuple[Sequence[str], Container[str], Container[str]],
) -> set[str]:
    """The links (by ``link_key``) that some drawn undercutter, or stub of some, targets.

    ``on_page`` (all empty for a drawing of the whole map): a page's nodes whose links
    its stubs of undercutters target; its conclusions drawn from its breadcrumb, whose
    steps are links too; and its tops hung from their parents' rows of it (see
    :func:`hung_tops`), whose arrows are.
    """
    cut, steps, hung = on_page
    targets: list[str | None] = list(cut)
    for node in shown:
        targets += [node.parent] if node.relation is Relation.UNDERCUTS else []
        targets += [link.to for link in node.links if link.relation is Relation.UNDERCUTS]
    undercut: set[str] = set()
    for target in targets:
        t = m.get(target) if target is not None and target in visible else None
        if t is not None and (t.parent in visible or t.id in steps or t.id in hung):
            undercut.add(link_key(t))
    return undercut


def undercutters(m: ArgumentMap, stub: Stub) -> bool:
    """Whether the stub stands for undercutters only: it aims at the arrow they undercut.

    One that stands for other branches too (grouped) aims at the node, as they do.
    """
    return all(m.get(top).relation is Relation.UNDERCUTS for top in stub.tops)


def link_through(
    g: Digraph,
    ends: tuple[str, Port | str],
    attrs: Mapping[str, str],
    key: str,
    extra: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {}),
) -> None:
    """Draw an undercut link ``tail -> head`` in two halves through the junction of ``key``.

    The first half has no arrowhead (a worksheet's blank box goes on it once, see
    :func:`~.worksheet.arrow_halves`); ``extra``: more attributes for each half (the tail's
    linked group, the head's port).
    """
    tail, head = ends
    junction = add_junction(g, key, attrs.get("color", "#4527a0"))
    half, rest = sheets.arrow_halves(dict(attrs))
    g.edge(tail, junction, {**half, **extra[0], "arrowhead": "none"})
    g.edge(junction, head, {**{k: v for k, v in rest.items() if k != "ltail"}, **extra[1]})


def beside_cutters(plan: PagePlan) -> tuple[str, ...]:
    """The undercutters drawn beside the page's tops, by name, top by top: nodes and stubs.

    Held in its children's rows, their arrows went round the whole branch up to the
    junction on its arrow into the breadcrumb; beside the top, a rank below the junction,
    they reach it straight. Where the planner found room for them there (it notes them as
    a row ``beside TOP`` with it, see :func:`~.cutplaces.tops_with_cutters`); else they
    stay among its children.
    """
    tops = set(plan.page.tops)
    rows = _beside_rows(plan).values()
    return tuple(n for row in rows for n in row if n not in tops and not n.startswith("junction "))


def _beside_tops(plan: PagePlan) -> list[str]:
    """The page's tops with undercutters in a row with them (a linked group's members)."""
    tops = set(plan.page.tops)
    rows = _beside_rows(plan).items()  # a row on the junction's rank holds no top
    return [n for top, row in rows for n in dict.fromkeys((top, *row)) if n in tops]


def _below_rows(plan: PagePlan) -> dict[str, tuple[str, ...]]:
    """The page's tops whose undercutters stay below them, aiming past: top -> them."""
    return _noted(plan, UNDER)


def _beside_rows(plan: PagePlan) -> dict[str, tuple[str, ...]]:
    """The page's tops, or their junctions, in rows with their undercutters: top -> its row.

    A linked group's row holds its members, under its first.
    """
    return _noted(plan, BESIDE)


def _noted(plan: PagePlan, mark: str) -> dict[str, tuple[str, ...]]:
    """The planner's rows of ``mark`` (see :data:`CUT_ROWS`) by their tops.

    None left to right, nor where the tops go down the breadcrumb's column (its edges
    go round it in lanes).
    """
    tops = plan.page.tops
    wraps = plan.page.wraps
    if plan.across or (len(tops) > 1 and any(w.parent == TRAIL_COLUMN for w in wraps)):
        return {}
    marks = {f"{mark}{top}": top for top in tops}
    return {marks[wrap.parent]: wrap.rows[0] for wrap in wraps if wrap.parent in marks}


def hold_with_cutters(
    g: Digraph,
    plan: PagePlan,
    held: Sequence[Wrap],
    cuts: tuple[ArgumentMap, Mapping[str, str]],
) -> None:
    """Hold the page's rows, and its tops' undercutters where the planner placed them.

    See :func:`~.rowholds.hold_rows`. A row with its top or junction (see
    :func:`~.cutplaces.place_cutters`) keeps its order; several tops in a row take their
    undercutters into it, each beside its own (held apart, the engine put one top's
    beside another's). Those held below a top are ranked below it. ``cuts``: the map,
    and the nodes whose undercut links are drawn through a junction (see
    :func:`stubs_by_premise`).
    """
    rows = _beside_rows(plan)
    wraps = clear_beside(plan, held)
    wraps = stubs_by_premise(plan, wraps, *cuts)
    if plan.across:  # held in line, rows' edges went round the columns before them
        wraps = [wrap._replace(columns=()) for wrap in wraps]
    at = next((k for k, w in enumerate(wraps) if w.parent == TRAIL), None)
    if len(plan.page.tops) > 1 and at is not None:
        trail = wraps[at]
        spliced = (tuple(n for name in row for n in rows.get(name, (name,))) for row in trail.rows)
        wraps[at] = trail._replace(rows=tuple(spliced))
        rows = {}
    hold_rows(g, wraps)
    hold_rows(g, [Wrap(f"{BESIDE}{top}", (row,), ()) for top, row in rows.items()])
    below = _below_rows(plan)
    for top, cutters in below.items():  # aimed at the junction above it
        for cutter in cutters:
            g.edge(cutter, top, {"style": "invis"})
    if below and at is not None and len(wraps[at].rows) == 1:
        # The tops' arrows reach the breadcrumb in their row's order: else the engine
        # could set a junction after the other tops' arrows, and its top's arrow crossed
        # them all to reach it (a random map's slide: three crossings).
        g.node(TRAIL, {"ordering": "in"})


def clear_beside(plan: PagePlan, wraps: Sequence[Wrap]) -> list[Wrap]:
    """The rows of the page's tops without the undercutters drawn beside them.

    Rows of single boxes are held again as planned for rows as long as they are now
    (see :func:`~.rowholds.leaf_holds`): held as before, below the boxes the undercutters'
    places were counted under, their edges went round the row above (the flagship's
    slide 2). An item of a later row held below a deeper block's node keeps it, or takes
    its row's first other item if that was an undercutter, or the top if none is left.
    """
    beside = set(beside_cutters(plan))
    if not beside:
        return list(wraps)
    tops = set(_beside_tops(plan))
    out: list[Wrap] = []
    for wrap in wraps:
        if wrap.parent not in tops:
            out.append(wrap)
            continue
        top = wrap.parent
        named = {n for row in wrap.rows for n in row}
        kept = [tuple(n for n in row if n not in beside) for row in wrap.rows]
        pairs = zip(wrap.rows, kept, strict=True)
        first = {n: next(iter(k), top) for row, k in pairs for n in row}
        rows = [row for row in kept if row]
        holds: list[tuple[str, str]] = []
        for depth, row in enumerate(rows[1:], start=1):
            old = [(item, anchor) for item, anchor in wrap.holds if item in row]
            if all(anchor in named for _, anchor in old):  # single boxes above
                holds += leaf_holds(row, rows[:depth])
            else:
                holds += [(i, first[a] if a in beside else a) for i, a in old]
        out.append(wrap._replace(rows=tuple(rows), holds=tuple(holds)))
    return out


def stubs_by_premise(
    plan: PagePlan, wraps: Sequence[Wrap], m: ArgumentMap, junctions: Mapping[str, str]
) -> list[Wrap]:
    """The rows with each premise's stubs of undercutters right after it in its row.

    Such a stub aims at the junction on the premise's arrow, a rank above it, so the
    engine sets it on the premise's own rank; held only by its own row, it went wherever
    the premise's row left room: a random map's slide put two at the row's far end, and
    the premise's arrow crossed the three boxes' arrows between on its way to the
    junction beside them. Not a top's (see :mod:`.cutplaces`), nor in a grid's row.
    """
    tops = set(plan.page.tops)
    cut: dict[str, list[str]] = {}
    for stub in plan.page.stubs:
        if undercutters(m, stub) and stub.parent in junctions and stub.parent not in tops:
            cut.setdefault(stub.parent, []).append(stub.name)
    rowed = {n for w in wraps if not w.columns for row in w.rows for n in row if n in cut}
    if not rowed:
        return list(wraps)
    moved = {name for premise in rowed for name in cut[premise]}
    out = []
    for wrap in wraps:
        if wrap.parent in rowed:  # its stubs go into their premise's row; the rest stay
            rows = tuple(
                kept for row in wrap.rows if (kept := tuple(n for n in row if n not in moved))
            )
            holds = tuple(h for h in wrap.holds if not moved & set(h))
            columns = tuple(h for h in wrap.columns if not moved & set(h))
            wrap = wrap._replace(rows=rows, holds=holds, columns=columns)
            if not rows and not holds:
                continue
        names = {n for row in wrap.rows for n in row}
        if wrap.columns or not names & rowed:
            out.append(wrap)
            continue
        spliced = (tuple(x for n in row for x in (n, *cut.get(n, ()))) for row in wrap.rows)
        out.append(wrap._replace(rows=tuple(spliced)))
    return out
