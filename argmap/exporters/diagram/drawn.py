"""The "so" arrows, from a claim up to a conclusion drawn from it; what page 1 draws above."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.exporters.diagram.dot import End, Port
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.styles import DRAWN_EDGE
from argmap.model import NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.conclusionpages import BranchPlan, Flat
    from argmap.exporters.diagram.dot import Digraph
    from argmap.exporters.diagram.pageoverview import Around
    from argmap.exporters.diagram.paging import Page
    from argmap.model import ArgumentMap, Node

__all__ = [
    "DRAWN_LABEL",
    "add_drawing_step",
    "drawing_step_attrs",
    "laned_step",
    "split_above",
    "step_lengths",
    "with_drawn_above",
]

DRAWN_LABEL = "so"
"""The word on every drawing step's arrow."""


def drawing_step_attrs(theme: str, source: str, conclusion: str) -> dict[str, str]:
    """The attributes of the "so" arrow from ``source`` up to ``conclusion`` (ids)."""
    style = DRAWN_EDGE[theme]
    return {
        "color": style.color,
        "style": style.style,
        "arrowhead": style.arrowhead,
        "penwidth": style.penwidth,
        "fontcolor": style.color,
        "fontsize": "11",
        "class": "drawn-from",
        "tooltip": graphviz_escape(f"{source}, so {conclusion}"),
    }


def laned_step(attrs: Mapping[str, str], tail: Port) -> dict[str, str]:
    """A "so" arrow's attributes where it goes round the breadcrumb's column in a lane.

    Left to right, where a conclusion sits in its breadcrumb's column (see
    :func:`~.trailcolumn.column_items`), its arrow leaves its row's port on the column's
    outer side (``tail``) for the conclusion's same side, marked with its row: it is
    drawn anew in a lane beside the column (see :mod:`.trailsteps`). Its word is placed
    once laid out (a label the engine places on an edge along a rank can crash it). To
    an undercut step's junction (``tail`` a port without a side), it is only marked.
    """
    from argmap.exporters.diagram.traillanes import row_class

    laned = row_class(dict(attrs), int(tail.port[1:]))
    if not tail.compass:  # to a junction, from its row's port: as the engine starts it
        return laned
    return {**laned, "headport": tail.compass, "xlabel": DRAWN_LABEL}


def add_drawing_step(
    g: Digraph,
    theme: str,
    conclusion: Node,
    junction: str | None = None,
    tail: End | None = None,
    flat: Flat = "",
    alone: bool = False,
    minlen: int = 1,
    lane: bool = False,
) -> None:
    """Add the arrow from the claim a conclusion is drawn from up to the conclusion.

    The arrow runs source -> conclusion, so with the thesis on top the conclusion sits
    above it. An undercutter of the step aims at ``junction``, a point in its middle.

    Args:
        g: the graph being built.
        theme: the theme's name (see :data:`~argmap.exporters.diagram.styles.DRAWN_EDGE`).
        conclusion: a conclusion whose source is drawn.
        junction: the name of the step's junction point, when an undercutter targets it.
        tail: where the arrow starts, if not at the source's box: the source's row in
            a page's breadcrumb (its port ``r0``: see :data:`~.stacking.TRAIL`).
        flat: the arrow from ``tail`` to ``junction`` runs along a rank (see
            :func:`~.conclusionpages.flat_steps`): its word is placed once laid out (a
            label the engine places on such an edge can crash it); in the conclusion's
            column, the arrow goes straight down from the junction to the box's top
            (else the engine bends it round to a corner).
        alone: the only step from the breadcrumb on its page, top-down (left to right,
            more edges crossed boxes): the conclusion is held in line with the junction
            too (pulled aside by its objections' edges, one conclusion with three stubs
            was drawn a box wider than planned).
        minlen: the ranks an arrow without a junction spans (see :func:`step_lengths`).
        lane: the arrow goes round the breadcrumb's column from ``tail`` (a port on its
            outer side), in a lane of its own (see :func:`laned_step`); to a junction,
            from wherever the engine starts it (see :mod:`.trailsteps`).
    """
    source = conclusion.parent
    assert source is not None, "a conclusion is always drawn from a claim"
    attrs = drawing_step_attrs(theme, source, conclusion.id)
    start = tail or source
    if tail is not None:  # the breadcrumb in line below its junction
        from argmap.exporters.diagram.steprows import STEP_WEIGHT

        attrs["weight"] = str(STEP_WEIGHT)
    port = tail if lane and isinstance(tail, Port) else None  # round the breadcrumb's column
    if junction is None and port is not None:
        g.edge(port, conclusion.id, laned_step(attrs, port))
    elif junction is None:
        length = {"minlen": str(minlen)} if minlen > 1 else {}
        g.edge(start, conclusion.id, {**attrs, "label": DRAWN_LABEL, **length})
    else:
        label = "xlabel" if flat else "label"
        into = {**attrs, label: DRAWN_LABEL, "arrowhead": "none"}
        g.edge(start, junction, into if port is None else laned_step(into, port))
        if not alone:
            attrs.pop("weight", None)
        ports = {"tailport": "s", "headport": "n"} if flat == "column" else {}
        g.edge(junction, conclusion.id, {**attrs, **ports})


def step_lengths(
    shown: Sequence[Node],
    visible: Set[str],
    steps: Mapping[str, End],
    undercut: Set[str],
    flat: Mapping[str, Flat],
) -> dict[str, int]:
    """The "so" arrows without a junction that span two ranks, so their conclusions are level.

    A step an undercutter targets runs through its junction, a rank of its own, so its
    conclusion sits two ranks from what it is drawn from; another conclusion drawn from
    the same box sat a rank nearer, and its arrow and the undercutter's crossed on their
    way up. Such a step's arrow spans two ranks too. A step that runs along a rank (see
    :func:`~.conclusionpages.flat_steps`) is left as it is, and sets no other's.

    Args:
        shown: the page's nodes.
        visible: the ids drawn in full.
        steps: the conclusions drawn from the page's breadcrumb (whose rows all count as
            one box here), by id.
        undercut: the ids whose links run through a junction.
        flat: the steps that run along a rank, by conclusion id.

    Returns:
        conclusion id -> ranks, for the steps that span more than one.
    """
    ends = [
        (n.id, TRAIL if n.id in steps else n.parent, n.id in undercut, n.id in flat)
        for n in shown
        if n.kind is NodeKind.CONCLUSION and (n.parent in visible or n.id in steps)
    ]
    through = {tail for _, tail, junction, along in ends if junction and not along}
    return {c: 2 for c, tail, junction, along in ends if tail in through and not junction | along}


def split_above(m: ArgumentMap, shown: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split the shown ids into the tree below the root and what is drawn above it.

    Conclusions drawn from the root (in turn), with the objections under them, sit above
    the root in the diagram, so pages plan only the rest and page 1, which holds the
    root, draws them too (see :func:`with_drawn_above`).

    Args:
        m: the map.
        shown: the ids drawn, in document order (parents before children), root first.

    Returns:
        ``(below, above)``, each in document order.
    """
    above: set[str] = set()
    for node_id in shown[1:]:
        node = m.get(node_id)
        if node.kind is NodeKind.CONCLUSION or node.parent in above:
            above.add(node_id)
    return [i for i in shown if i not in above], [i for i in shown if i in above]


def with_drawn_above(
    pages: list[Page],
    above: Sequence[str],
    shown: Sequence[str],
    m: ArgumentMap | None = None,
    around: Around | None = None,
    across: bool = False,
    plan: BranchPlan | None = None,
) -> list[Page]:
    """Put the ids drawn above the root on page 1, with the root (ids in document order).

    When ``around`` is apart (the overview has no room for them: see
    :func:`~argmap.exporters.diagram.pageoverview.around_root`), page 1 gets a stub for
    each conclusion drawn from the root instead (or one for all, grouped), and each such
    conclusion, with what bears on it, goes on a page of its own right after page 1,
    above the root's row in its breadcrumb; the pages after them are numbered on.
    ``plan`` pages a conclusion's branch (its ids, the conclusion first) as
    :func:`~argmap.exporters.diagram.paging.paginate` pages the root's: what does not
    fit the conclusion's page goes on pages of its own after it.
    """
    if not pages or not above:
        return pages
    order = {node_id: i for i, node_id in enumerate(shown)}
    first = pages[0]
    if around is None or not around.apart or m is None:
        nodes = tuple(sorted((*first.nodes, *above), key=order.__getitem__))
        return [replace(first, nodes=nodes), *pages[1:]]
    from argmap.exporters.diagram.conclusionpages import branch_pages
    from argmap.exporters.diagram.paging import Stub
    from argmap.exporters.diagram.steprows import STEP_ROW

    root = shown[0]
    branches: dict[str, list[str]] = {}
    for node_id in above:  # in document order: a node after its parent
        parent = m.get(node_id).parent
        top = node_id if parent == root else next(t for t, b in branches.items() if parent in b)
        branches.setdefault(top, []).append(node_id)
    extra: list[Page] = []
    stubs = []
    for top, branch in branches.items():
        stubs.append(Stub(root, (top,), len(branch), 2 + len(extra)))
        extra += branch_pages(m, root, branch, 2 + len(extra), plan, around, across)
    count = len(extra)
    if around.grouped:
        stubs = [Stub(root, tuple(branches), len(above), 2, grouped=True)]
    first = _numbered_on(first, count)
    first = replace(
        first, stubs=tuple(sorted((*first.stubs, *stubs), key=lambda s: order[s.tops[0]]))
    )
    if around.column:  # in the root's rank, after it (see Around.column)
        row = (root, *(stub.name for stub in stubs))
        first = replace(first, wraps=(*first.wraps, Wrap(f"{STEP_ROW}{root}", (row,), ())))
    elif around.rows is not None:  # in rows over the root (see Around.rows)
        first = replace(first, wraps=(*first.wraps, around.rows))
    return [first, *extra, *(_numbered_on(page, count) for page in pages[1:])]


def _numbered_on(page: Page, count: int) -> Page:
    """The page with ``count`` pages put in after page 1: its number and pointers moved on."""
    stubs = tuple(replace(s, page=s.page + count) if s.page > 1 else s for s in page.stubs)
    place, number = page.key
    key = (place, str(int(number) + count)) if place == "page" and number else page.key
    return replace(
        page, number=page.number + count if page.number > 1 else 1, stubs=stubs, key=key
    )
