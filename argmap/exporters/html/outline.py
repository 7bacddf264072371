"""The page's outline: the tree flattened into open/close events, nested to a safe depth."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from argmap.exporters.html.nodeview import NodeView, NodeViews
from argmap.model import ArgumentMap, conclusion_nodes

__all__ = ["FLAT_RUN", "MAX_NESTING", "Outline", "OutlineEvent", "outline_events"]

MAX_NESTING: Final = 120
"""Outline levels nested in the page; deeper nodes are listed flat after their tree.

Browsers stop nesting elements at a few hundred levels, so a very deep map would
otherwise lose its shape; a flat continuation keeps every node and names its parent.
It follows the tree at the outline's top level, not inside the last nested entry: laid out
(and printed) thousands of entries inside 120 nested lists cost Chromium minutes.
"""

FLAT_RUN: Final = 100
"""Flat entries held together in one run, which the browser skips whole while off screen.

Each region skipped until seen costs Chromium at every frame and hit test, and more when
printing lays them all out: a 5,000-deep map's 4,880 entries as 49 runs cost it little.
"""


@dataclass(frozen=True, slots=True)
class OutlineEvent:
    """One step of the outline: open or close an entry or a joint-reason group.

    The templates render these in a loop, so the page's nesting costs no template
    recursion however deep the map is.
    """

    type: Literal[
        "open",
        "close",
        "group-open",
        "group-close",
        "conclusions",
        "continued",
        "deeper",
        "run-open",
        "run-close",
        "elided",
    ]
    node: NodeView | None = None
    group: str | None = None
    parent: str | None = None
    count: int = 0
    """For ``continued``: how many entries are listed flat after the tree, from ``parent``;
    for ``elided``: how many claims above a deep focus are left out, above ``parent``."""


class Outline:
    """The outline's events, made afresh each time the page goes through them.

    Never held as a list: a 100,000-node map's outline is 200,000 events, made one by one
    as the template writes the page (see :func:`outline_events`).
    """

    __slots__ = ("m", "views")

    def __init__(self, m: ArgumentMap, views: NodeViews) -> None:
        self.m, self.views = m, views

    def __iter__(self) -> Iterator[OutlineEvent]:
        return outline_events(self.m, self.views)


def outline_events(m: ArgumentMap, views: NodeViews) -> Iterator[OutlineEvent]:
    """Flatten the tree into open/close events (iterative: any depth works).

    Args:
        m: the map (or the part of it the page shows).
        views: the node views of ``m``.

    Yields:
        The events in document order; nodes below :data:`MAX_NESTING` levels are
        listed flat, each opened and closed at once (``parent`` names the last nested entry
        above), after the top-level entry whose tree holds them, under a ``deeper`` heading.
        The claims a deep focus leaves out above it are one ``elided`` event.
    """
    node_of = views.by_id
    # Stack items: (step, node id, level); a group step names the group by a member.
    stack: list[tuple[str, str, int]] = [("node", m.thesis.id, 0)]
    deferred: list[str] = []  # entries at the nesting cap whose subtrees follow their tree
    while stack:
        what, ident, level = stack.pop()
        if what == "close":
            yield OutlineEvent("close", node=views.view(node_of[ident]))
            if level == 0 and deferred:
                yield from _flat_events(views, deferred)
                deferred = []
            continue
        if what == "group-open":
            member = node_of[ident]
            yield OutlineEvent("group-open", group=member.group, parent=member.parent)
            continue
        if what == "conclusions":
            yield OutlineEvent("conclusions")
            continue
        if what == "group-close":
            yield OutlineEvent("group-close", group=node_of[ident].group)
            continue
        node = node_of[ident]
        if ident in views.elided:  # a claim a deep focus leaves out: one line says how many
            if ident == views.left_out[-1]:
                listed = views.children(views.left_out[0])[0].id
                yield OutlineEvent("elided", parent=listed, count=len(views.left_out))
            stack.extend(reversed(_child_steps(views, ident, level - 1)))
            continue
        yield OutlineEvent("open", node=views.view(node))
        if level >= MAX_NESTING:
            below = views.walk(ident)[1:]
            if below:
                yield OutlineEvent("continued", parent=below[0].id, count=len(below))
                deferred.append(ident)
            yield OutlineEvent("close", node=views.view(node))
            continue
        stack.append(("close", ident, level))
        stack.extend(reversed(_child_steps(views, ident, level)))
        if ident == m.thesis.id:  # after the thesis's tree: the conclusions drawn from it
            drawn = [("node", c.id, 0) for c in reversed(conclusion_nodes(m))]
            if drawn:  # the stack pops from the end: these come after the thesis closes
                stack[:0] = [*drawn, ("conclusions", m.thesis.id, 0)]


def _flat_events(views: NodeViews, deferred: list[str]) -> Iterator[OutlineEvent]:
    """The entries below the nesting cap, each opened and closed at once, under a heading.

    They come in runs of :data:`FLAT_RUN` (``run-open`` and ``run-close`` around each).
    """
    yield OutlineEvent("deeper")
    count = 0
    for ident in deferred:
        for deeper in views.walk(ident)[1:]:
            if count % FLAT_RUN == 0:
                if count:
                    yield OutlineEvent("run-close")
                yield OutlineEvent("run-open")
            count += 1
            flat_view = views.view(deeper, flat=True)
            yield OutlineEvent("open", node=flat_view, parent=ident)
            yield OutlineEvent("close", node=flat_view)
    if count:
        yield OutlineEvent("run-close")


def _child_steps(views: NodeViews, ident: str, level: int) -> list[tuple[str, str, int]]:
    """The steps for a node's children, in order, each joint-reason group wrapped."""
    steps: list[tuple[str, str, int]] = []
    kids = views.children(ident)
    for i, kid in enumerate(kids):
        before = kids[i - 1].group if i else None
        after = kids[i + 1].group if i + 1 < len(kids) else None
        if kid.group is not None and kid.group != before:
            steps.append(("group-open", kid.id, level))
        steps.append(("node", kid.id, level + 1))
        if kid.group is not None and kid.group != after:
            steps.append(("group-close", kid.id, level))
    return steps
