"""A stub on a page: its box, and its edge to its parent, a breadcrumb row or a junction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from argmap.analysis.view import drawn_up
from argmap.exporters.diagram import trailcuts as cuts
from argmap.exporters.diagram.dot import Compass, Digraph, End, Port, edge_line
from argmap.exporters.diagram.drawn import DRAWN_LABEL, drawing_step_attrs, laned_step
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.stubbox import stub_attrs
from argmap.exporters.diagram.stubstatus import NO_STANDING
from argmap.exporters.diagram.trailcolumn import (
    column_end,
    column_items,
    in_column,
    outer_side,
    steps_laned,
)
from argmap.exporters.diagram.trailcuts import undercutters
from argmap.exporters.diagram.traillanes import row_class
from argmap.exporters.diagram.worksheet import no_arrow_box
from argmap.model import ArgumentMap, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.pagetrail import EdgeStyler
    from argmap.exporters.diagram.styles import NodeStyle

__all__ = ["add_stub"]


def add_stub(
    g: Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    index: int,
    styles: Mapping[NodeKind, NodeStyle],
    edge_attrs: EdgeStyler,
    theme: str = "default",
    junction: str | None = None,
    headport: str = "",
    corner: Compass = "se",
    standings: Mapping[str, str] = NO_STANDING,
) -> str:
    """Draw the page's stub ``index`` (from 1), a branch left out; return its edge's statement.

    A stub looks like the node it stands for (its kind's colours, dashed): the first
    statement shortened to two lines, then ``+N more, p. K``. A grouped stub (several
    branches in one box, the planner's last resort) counts them by kind instead. The
    builder adds stubs among the page's nodes in file order, so siblings keep theirs.
    A conclusion's stub sits above what it is drawn from, at the end of a "so" arrow
    (in the ``theme``'s colours). A stub of undercutters aims at ``junction``, the point on
    the arrow they undercut, if given; else its edge ends at the ``headport`` side of the
    parent, if given (see :func:`~.stacking.row_ports`), or the breadcrumb's ``corner``.
    ``standings``: with ``--status``, node id -> standing: the stub's tag and border.
    """
    stub = plan.page.stubs[index - 1]
    first = m.get(stub.tops[0])
    parent: End = stub.parent
    if stub.parent not in plan.page.nodes:  # the siblings after the page's: to the right
        # In the tops' column (see trailcolumn), below them: round its outer side, as theirs go.
        row = f"r{plan.page.trail.index(stub.parent)}"
        parent = Port(TRAIL, row, outer_side(plan) if in_column(plan) else corner)
        column = column_items(m, plan)
        if column is not None:
            parent = column_end(plan, column, stub.name, stub.parent)
    g.node(stub.name, stub_attrs(m, plan, index, styles, standings))
    if drawn_up(first):
        step = drawing_step_attrs(theme, stub.parent, first.id)
        if isinstance(parent, Port) and steps_laned(m, plan):  # in a lane (see trailsteps)
            return edge_line(parent, stub.name, laned_step(step, parent))
        return edge_line(parent, stub.name, {**step, "label": DRAWN_LABEL})
    attrs = edge_attrs(first, first.relation or Relation.SUPPORTS, False)
    attrs = cuts.worded(attrs) if junction is None and undercutters(m, stub) else attrs
    if junction is not None:
        return edge_line(stub.name, junction, no_arrow_box(attrs))
    port = {"headport": headport} if headport else {}
    if isinstance(parent, Port) and in_column(plan):  # in a lane of its own (see traillanes)
        cls = row_class(attrs, int(parent.port[1:]))["class"]
        port |= {"class": cls, "tailport": outer_side(plan)}
    return edge_line(stub.name, parent, {**no_arrow_box(attrs), **port})  # its box: its page
