"""A parent's rows of children: each lower row's arrow kept in its own lane up the rows above."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from argmap.exporters.diagram.dot import Digraph, quote
from argmap.exporters.diagram.rowholds import lane_order
from argmap.exporters.diagram.stacking import Wrap

__all__ = ["hold_lanes"]

_EDGE = re.compile(r'\t("(?:[^"\\]|\\.)*"|[^\s"]+) -> ("(?:[^"\\]|\\.)*"|[^\s":]+)[:\s\n]')
"""A top-level edge statement's tail and head, as the graph writes them (quoted or not)."""

_JUNCTION = "junction "


def hold_lanes(g: Digraph, wraps: Sequence[Wrap], drawn: Mapping[str, str | None]) -> None:
    """Keep the arrows from each wrapped parent's lower rows in lanes up its rows' gaps.

    A parent's children wrapped into rows send their arrows up past the rows above. Left
    to the engine, an arrow from a lower row went round the outside of the row above it
    (a generated debate's A4 page: an objection under the gap between two reasons, its
    arrow round the first reason's far side), though the holds keep its box under the
    gap. The parent's ``ordering=in``, its arrows written in :func:`~.rowholds.lane_order`,
    keeps each in a lane of its own, on the inner side of the box above it. Only where
    each of the parent's arrows comes from one item of its rows (or the junction on an
    item's undercut link): nothing else aims at it that the order would bind.

    Args:
        g: the page's graph, its statements all written.
        wraps: the page's rows.
        drawn: the nodes whose rows may be held so (drawn in full on the page), each with
            its parent.
    """
    branches = frozenset(drawn.values())
    for wrap in wraps:
        if wrap.parent in drawn and not wrap.columns and _gaps(wrap.rows, branches):
            _hold(g, wrap)


def _hold(g: Digraph, wrap: Wrap) -> None:
    """Write the parent's arrows in their lanes' order, if each comes from one of its items."""
    order = lane_order(wrap.rows)
    tails = {quote(item): item for item in order}
    tails.update({quote(f"{_JUNCTION}{item}"): item for item in order})
    head = quote(wrap.parent)
    lines: dict[str, int] = {}
    into = f" -> {head}"
    for index, line in enumerate(g.body):
        match = _EDGE.match(line) if into in line else None
        if match is None or match.group(2) != head:
            continue
        item = tails.get(match.group(1))
        if item is None or item in lines or "style=invis" in line:
            return  # an arrow from elsewhere, two from one item, a hold: left to the engine
        lines[item] = index
    if len(lines) != len(order):
        return
    first = min(lines.values())
    ordered = [g.body[lines[item]] for item in order]
    for index in sorted(lines.values(), reverse=True):
        del g.body[index]
    g.body[first:first] = ordered
    g.node(wrap.parent, {"ordering": "in"})


def _gaps(rows: Sequence[Sequence[str]], branches: frozenset[str | None]) -> bool:
    """Whether there are lower rows, and each row they pass has gaps of single boxes for them.

    Past a row of one, an arrow goes round a side, which the order cannot choose well: held
    on the inner side of a branch with rows of its own, it went round all of them. Between
    two branches (items with children below them), the lane parted their children's rows
    and put them out of order (a generated map left to right on slides). A grid, its items
    held in columns, sends its arrows up the gutters already.
    """
    passed = rows[:-1]
    return bool(passed) and all(len(row) > 1 and branches.isdisjoint(row) for row in passed)
