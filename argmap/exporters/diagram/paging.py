"""Pages of a diagram: which nodes each page draws in full, which branches it leaves as stubs."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.stacking import stack_columns
from argmap.model import ArgumentMap, Node, Relation

__all__ = ["Page", "Stub", "paginate"]


@dataclass(frozen=True)
class Stub:
    """Branches a page leaves out, drawn as one box that points to where they continue.

    Attributes:
        parent: the node drawn in full on this page that the branches hang from.
        tops: the first node of each branch left out, in document order.
        hidden: how many nodes the branches hold in all.
        page: the number of the page they continue on.
    """

    parent: str
    tops: tuple[str, ...]
    hidden: int
    page: int


@dataclass(frozen=True)
class Page:
    """One page of a diagram.

    Attributes:
        number: 1 for the overview, then in reading order.
        trail: the ancestors of the page's top nodes drawn compactly above them, in
            document order: the root and each top's nearest ones (empty on page 1).
        tops: the nodes the page starts from: the first node of each branch it draws.
        nodes: every node the page draws in full, in document order.
        stubs: the branches it leaves to other pages.
        estimate: the drawing's estimated width and height in points.
    """

    number: int
    trail: tuple[str, ...]
    tops: tuple[str, ...]
    nodes: tuple[str, ...]
    stubs: tuple[Stub, ...] = field(default=())
    estimate: tuple[float, float] = (0.0, 0.0)


Measure = Callable[[Node], tuple[float, float]]
"""A node's box size in points, as the diagram draws it (top-to-bottom)."""

NODESEP: Final = 0.35 * 72
RANKSEP: Final = 0.55 * 72
STUB_SIZE: Final = (180.0, 50.0)
TRAIL_WIDTH: Final = 330.0
TRAIL_ROW: Final = 15.0
"""The breadcrumb above a continued branch: one box, a row per ancestor."""
REF_SIZE: Final = (300.0, 26.0)
"""A reference to a cross-linked node on another page, drawn beside its source."""
TRAIL_ROWS: Final = 6
"""The most ancestors a breadcrumb lists: the root, then the nearest ones."""
LEGEND_SIZE: Final = (230.0, 150.0)
FRAME: Final = (2 * 0.3 * 72, 2 * 0.3 * 72 + 26.0)
"""The drawing's padding on both sides, and the page heading's line."""
MAX_SINGLE_STUBS: Final = 2
"""A node with more branches left out than this gets one stub for all of them."""


class _Pager:
    """Fills pages one at a time from a queue of branches still to draw."""

    def __init__(
        self,
        m: ArgumentMap,
        shown: Sequence[str],
        measure: Measure,
        budget: Budget,
        horizontal: bool,
        tighter: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.m = m
        self.tighter = dict(tighter or {})
        self.filled: dict[Hashable, tuple[list[str], set[str]]] = {}
        self.order = order = {node_id: i for i, node_id in enumerate(shown)}
        self.node = {node_id: m.get(node_id) for node_id in shown}
        self.children: dict[str, list[str]] = {node_id: [] for node_id in shown}
        self.parent: dict[str, str | None] = {}
        for node_id in shown:
            parent = self.node[node_id].parent
            self.parent[node_id] = parent if parent in order else None
            if parent is not None and parent in order:
                self.children[parent].append(node_id)
        self.sizes = {
            node_id: self._size(measure(self.node[node_id]), horizontal) for node_id in shown
        }
        self.stub_size = self._size(STUB_SIZE, horizontal)
        self.legend = self._size(LEGEND_SIZE, horizontal)
        self.full_size = self._size((budget.width, budget.height), horizontal)
        self.width, self.height = self.full_size
        self.weight = self._subtree_sizes(shown)
        self.horizontal = horizontal
        self.links = {
            node_id: [link.to for link in self.node[node_id].links if link.to in order]
            for node_id in shown
        }
        self.root = shown[0]

    @staticmethod
    def _size(size: tuple[float, float], horizontal: bool) -> tuple[float, float]:
        # Across ranks and along them: for left-to-right drawings the two swap.
        return (size[1], size[0]) if horizontal else size

    def _subtree_sizes(self, shown: Sequence[str]) -> dict[str, int]:
        weight = dict.fromkeys(shown, 1)
        for node_id in reversed(shown):  # document order lists parents before children
            for child in self.children[node_id]:
                weight[node_id] += weight[child]
        return weight

    def units(self, parent: str) -> list[tuple[str, ...]]:
        """The parent's children as units that go together: a linked group is one unit.

        Objections (and their answers) come first: they stay with their node when they fit.
        """
        seen: set[str] = set()
        units: list[tuple[str, ...]] = []
        for child in self.children[parent]:
            if child in seen:
                continue
            node = self.node[child]
            members = [child]
            if node.group is not None:
                members = [c for c in self.children[parent] if self.node[c].group == node.group]
            seen.update(members)
            units.append(tuple(members))
        attacks = [u for u in units if self.node[u[0]].relation is not Relation.SUPPORTS]
        return attacks + [u for u in units if u not in attacks]

    def stubs_of(self, full: set[str]) -> dict[str, list[tuple[str, ...]]]:
        """For each full node, its children left out, grouped as stubs will draw them.

        A page of one node (one too big to share its page) gets one stub for them all.
        """
        out: dict[str, list[tuple[str, ...]]] = {}
        most = MAX_SINGLE_STUBS if len(full) > 1 else 1
        for node_id in full:
            rest = [c for c in self.children[node_id] if c not in full]
            if not rest:
                continue
            if len(rest) > most:
                out[node_id] = [tuple(rest)]
            else:
                out[node_id] = [(c,) for c in rest]
        return out

    def extent(
        self, tops: Sequence[str], full: set[str], rest: bool = False
    ) -> tuple[float, float]:
        """Estimate the drawing's size (across ranks, along them), frame included.

        Tidy-tree blocks with stacked leaves, stubs, and references to other pages; above
        a continued branch, the breadcrumb of its ancestors; on the overview, the key.
        """
        stubs = self.stubs_of(full)
        block: dict[str, tuple[float, float]] = {}
        ref_w, ref_h = self._size(REF_SIZE, self.horizontal)
        for node_id in sorted(full, key=self.order.__getitem__, reverse=True):
            kids = [block[c] for c in self.children[node_id] if c in full]
            kids += [self.stub_size] * len(stubs.get(node_id, ()))
            w, h = self.sizes[node_id]
            refs = sum(1 for target in self.links[node_id] if target not in full)
            own = (w + refs * (ref_w + NODESEP), max(h, ref_h if refs else 0.0))
            block[node_id] = self._block(own, kids, node_id, full)
        widths = [block[t][0] for t in tops if t in full]
        if rest:  # the stub of the siblings that continue on the next page
            widths.append(self.stub_size[0])
        width = sum(widths) + NODESEP * (len(widths) - 1)
        height = max(block[t][1] for t in tops if t in full)
        rows = len({a for top in tops for a in self.trail_of(top)})
        if rows:
            trail_w, trail_h = self._size((TRAIL_WIDTH, rows * TRAIL_ROW + 14), self.horizontal)
            width = max(width, trail_w)
            height += trail_h + RANKSEP
        else:  # the overview carries the key beside the drawing
            width += NODESEP + self.legend[0]
            height = max(height, self.legend[1])
        frame_w, frame_h = self._size(FRAME, self.horizontal)
        return width + frame_w, height + frame_h

    def trail_of(self, node_id: str) -> list[str]:
        """The ancestors a page shows above ``node_id``: the nearest few, and the root.

        However deep the map, a breadcrumb has at most :data:`TRAIL_ROWS` rows.
        """
        out: list[str] = []
        parent = self.parent[node_id]
        while parent is not None and len(out) < TRAIL_ROWS - 1:
            out.append(parent)
            parent = self.parent[parent]
        if parent is not None:
            out.append(self.root)
        return out

    def _block(
        self,
        own: tuple[float, float],
        kids: list[tuple[float, float]],
        node_id: str,
        full: set[str],
    ) -> tuple[float, float]:
        """A node's block: the node above its children's blocks side by side.

        As the DOT builder does, more than two plain leaf children (no children of their
        own, no linked group, no undercut) stack in a block of columns beside the rest.
        """
        if not kids:
            return own
        drawn = [c for c in self.children[node_id] if c in full]
        stacked = [
            size
            for child, size in zip(drawn, kids, strict=False)
            if not any(g in full for g in self.children[child]) and self._stackable(child)
        ]
        if len(stacked) <= 2:
            stacked = []
        rest = list(kids)
        for size in stacked:
            rest.remove(size)
        widths = [w for w, _ in rest]
        heights = [h for _, h in rest]
        if stacked:
            columns = stack_columns(len(stacked))
            rows = math.ceil(len(stacked) / columns)
            kid_w = max(w for w, _ in stacked)
            kid_h = max(h for _, h in stacked)
            widths.append(columns * kid_w + (columns - 1) * NODESEP)
            heights.append(rows * kid_h + (rows - 1) * RANKSEP)
        width = sum(widths) + NODESEP * (len(widths) - 1)
        return max(own[0], width), own[1] + RANKSEP + max(heights)

    def _stackable(self, node_id: str) -> bool:
        node = self.node[node_id]
        return node.group is None and node.relation is not Relation.UNDERCUTS

    def fits(self, tops: Sequence[str], full: set[str], rest: bool = False) -> bool:
        """Whether the estimate of a page of these nodes fits the budget."""
        width, height = self.extent(tops, full, rest)
        return width <= self.width and height <= self.height

    def whole(self, tops: Sequence[str]) -> set[str]:
        """Every node of the branches under ``tops``."""
        out: set[str] = set()
        stack = list(tops)
        while stack:
            node_id = stack.pop()
            out.add(node_id)
            stack.extend(self.children[node_id])
        return out

    def fill(self, tops: tuple[str, ...]) -> tuple[list[str], set[str]]:
        """Return the tops this page takes and the nodes it draws in full.

        The first top is always taken (a page must make progress); then whole units are
        added breadth first while the estimate fits.
        """
        # A page that overflowed once its layout was made gets a tighter budget.
        share = self.tighter.get(tops[0], (1.0, 1.0))
        width, height = reversed(share) if self.horizontal else share
        self.width, self.height = self.full_size[0] * width, self.full_size[1] * height
        # A plan made again with a few pages tightened fills only those pages anew.
        if (tops, share) not in self.filled:
            self.filled[tops, share] = self._fill(tops)
        taken, full = self.filled[tops, share]
        return list(taken), set(full)

    def _fill(self, tops: tuple[str, ...]) -> tuple[list[str], set[str]]:
        full = {tops[0]}
        taken = [tops[0]]
        for index, top in enumerate(tops[1:], start=2):
            if not self.fits([*taken, top], full | {top}, index < len(tops)):
                break
            taken.append(top)
            full.add(top)
        rest = len(taken) < len(tops)
        queue = deque(taken)
        while queue:
            node_id = queue.popleft()
            for unit in self.units(node_id):
                trial = full | set(unit)
                if self.fits(taken, trial, rest):
                    full = trial
                    queue.extend(unit)
        return taken, full


def paginate(
    m: ArgumentMap,
    shown: Sequence[str],
    measure: Measure,
    budget: Budget,
    *,
    horizontal: bool = False,
    tighter: Mapping[str, tuple[float, float]] | None = None,
    memo: dict[Hashable, tuple[list[str], set[str]]] | None = None,
) -> list[Page]:
    """Split the shown part of a map into pages that each fit the budget.

    Page 1 is an overview from the top of ``shown`` (the thesis, or the focus) down as
    far as fits; each branch that does not fit becomes a stub, and continues on a later
    page headed by the chain of its ancestors, split again as needed. Small branches
    share a page when they fit on it whole. Every shown node is drawn in full on exactly
    one page.

    Args:
        m: the map.
        shown: the ids the diagram shows, in document order, parents before children.
        measure: a node's box size in points.
        budget: the drawing size one page holds (see :func:`page_budget`).
        horizontal: the diagram runs left to right (ranks are columns).
        tighter: for pages that start at these nodes, the share of the budget's width and
            height to plan with (a page whose layout overflowed is planned again smaller).
        memo: pages filled by earlier plans of the same map, measure and budget.

    Returns:
        The pages, numbered from 1 in the order they are read.
    """
    if not shown:
        return []
    pager = _Pager(m, shown, measure, budget, horizontal, tighter)
    if memo is not None:
        pager.filled = memo
    return _number(m, pager, _drafts(m, pager, shown[0]))


_Draft = tuple[list[str], set[str], list[tuple[str, tuple[str, ...]]]]
"""A page before numbering: its tops, its full nodes, and its stubs as (parent, tops)."""


def _drafts(m: ArgumentMap, pager: _Pager, root: str) -> list[_Draft]:
    """Fill pages in reading order from a queue of branches still to draw."""
    drafts: list[_Draft] = []
    todo: deque[tuple[str, ...]] = deque([(root,)])
    while todo:
        branch = todo.popleft()
        taken, full = pager.fill(branch)
        left: list[tuple[str, tuple[str, ...]]] = []
        if len(taken) < len(branch):
            # Siblings that did not fit continue next, hanging from the same parent.
            rest = branch[len(taken) :]
            todo.appendleft(rest)
            parent = pager.parent[rest[0]]
            assert parent is not None, "only the thesis has no parent, and it is always drawn"
            left.append((parent, rest))
        # Whole branches still waiting share the page while they fit (unless this
        # page's own siblings already overflowed it).
        while not left and todo and pager.fits([*taken, *todo[0]], full | pager.whole(todo[0])):
            extra = todo.popleft()
            taken.extend(extra)
            full |= pager.whole(extra)
        for parent, groups in sorted(
            pager.stubs_of(full).items(), key=lambda item: pager.order[item[0]]
        ):
            for group in groups:
                todo.append(group)
                left.append((parent, group))
        drafts.append((taken, full, left))
    return drafts


def _number(m: ArgumentMap, pager: _Pager, drafts: list[_Draft]) -> list[Page]:
    """Number the drafts, point each stub at its page, and list each page's trail."""
    home = {node_id: i + 1 for i, (_, full, _) in enumerate(drafts) for node_id in full}
    pages: list[Page] = []
    for i, (taken, full, left) in enumerate(drafts):
        trail = {a for top in taken for a in pager.trail_of(top) if a not in full}
        stubs = tuple(
            Stub(parent, group, sum(pager.weight[t] for t in group), home[group[0]])
            for parent, group in left
        )
        across, along = pager.extent(taken, full)
        pages.append(
            Page(
                i + 1,
                tuple(sorted(trail, key=pager.order.__getitem__)),
                tuple(taken),
                tuple(sorted(full, key=pager.order.__getitem__)),
                stubs,
                (along, across) if pager.horizontal else (across, along),
            )
        )
    return pages
