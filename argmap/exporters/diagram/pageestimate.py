"""A page's drawing estimated before layout: tidy-tree blocks, sibling rows, a stub a branch."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Final, NamedTuple

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.grouprows import group_parts, group_wraps
from argmap.exporters.diagram.measure import narrow_page
from argmap.exporters.diagram.pageblocks import Blocks, Unit, unit_item
from argmap.exporters.diagram.pageoverview import around_root, legend_size
from argmap.exporters.diagram.pagerefs import ref_size
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.pagetrailsize import (
    TRAIL_COLUMN,
    TRAIL_ROW,
    TRAIL_WIDTH,
    below_trail_fit,
    with_trail,
)
from argmap.exporters.diagram.stacking import (
    NODESEP,
    RANKSEP,
    Item,
    Wrap,
    lowest,
    note_rows,
    rows_ranks,
    rows_width,
    wrap_rows,
)
from argmap.exporters.diagram.stublabels import grouped_stub_lines, stub_box, stub_label_lines
from argmap.model import ArgumentMap, Node

__all__ = ["TRAIL_ROWS", "Estimate", "Estimator", "Measure", "Unit", "stub_name"]

Measure = Callable[[Node], tuple[float, float]]
"""A node's box size in points, as the diagram draws it (top-to-bottom)."""

TRAIL_ROWS: Final = 6
"""The most ancestors a breadcrumb lists: the root, then the nearest ones."""
STUB_COLUMN: Final = 120.0
"""Left to right, the key goes in the last column, which is about a stub wide."""
WIDE_SHARE: Final = 0.92
"""Rows as wide as the page are planned only this far across it: the engine spreads a
row of stubs under its parent somewhat wider than their boxes."""
FRAME: Final = (2 * 0.3 * 72, 2 * 0.3 * 72 + 26.0)
"""The drawing's padding on both sides, and the page heading's line."""


class Estimate(NamedTuple):
    """A page's drawing as planned: its size (along ranks, across them) and its rows."""

    width: float
    height: float
    wraps: tuple[Wrap, ...]
    key: tuple[str, str] = ("", "")
    """On the overview, where the key goes (see :attr:`paging.Page.key`)."""
    deepest: str = ""
    """A node on the drawing's lowest rank."""


def stub_name(tops: Sequence[str]) -> str:
    """The graph's name for the stub of branches starting at ``tops``."""
    return f"stub {tops[0]}"


class Estimator:
    """The map's tree as pages see it, and the size of a page of some of its nodes.

    ``lead``: ancestors drawn elsewhere, atop every breadcrumb (see :func:`paging.paginate`).
    """

    def __init__(
        self,
        m: ArgumentMap,
        shown: Sequence[str],
        measure: Measure,
        budget: Budget,
        horizontal: bool = False,
        above: Sequence[str] = (),
        lead: Sequence[str] = (),
    ) -> None:
        self.m, self.lead = m, tuple(lead)
        self.horizontal, self.narrow = horizontal, narrow_page(budget.width, horizontal)
        self.order = order = {node_id: i for i, node_id in enumerate(shown)}
        self.node = {node_id: m.get(node_id) for node_id in shown}
        self.children: dict[str, list[str]] = {node_id: [] for node_id in shown}
        self.parent: dict[str, str | None] = {}
        for node_id in shown:
            parent = self.node[node_id].parent
            self.parent[node_id] = parent if parent in order else None
            if parent is not None and parent in order:
                self.children[parent].append(node_id)
        self.sizes = {node_id: self._size(measure(self.node[node_id])) for node_id in shown}
        self.full_size = self._size((budget.width, budget.height))
        self.frame = self._size(FRAME)
        self.width, self.height = self.full_size
        self.weight = self._subtree_sizes(shown)
        self.links = {
            node_id: [link.to for link in self.node[node_id].links if link.to in order]
            for node_id in shown
        }
        self.linked_from: dict[str, list[str]] = {node_id: [] for node_id in shown}
        for node_id, targets in self.links.items():
            for target in targets:
                self.linked_from[target].append(node_id)
        self.root = shown[0]
        self.digits = len(str(len(shown) + len(above)))
        self._stubs: dict[tuple[Unit, bool], Item] = {}
        self._units: dict[str, list[Unit]] = {}
        room = (self.full_size[0] - self.frame[0], self.full_size[1] - self.frame[1])
        self.around = around_root(
            m,
            self.root,
            above,
            lambda node: self._size(measure(node)),
            (room, self.sizes[self.root]),
            self._conclusion_stub,
            self._size((TRAIL_WIDTH, TRAIL_ROW + 14)),
            horizontal and self.full_size[0] > self.full_size[1],  # upright, left to right
        )
        self.key_away = False
        """The overview leaves its key to a later page (it would crowd out the root's stubs)."""
        self.everything = [*above, *shown]
        self._whole_key: tuple[float, float] | None = None
        self._trails: dict[str, tuple[str, ...]] = {}
        self.group_fit = room[0] * WIDE_SHARE
        """The widest a linked group's boxes go side by side; wider, they go in rows."""
        # A weak reference: no cycle, so the plans' estimates go at once when done.
        self.blocks = Blocks(weakref.proxy(self), self.around.beside, self.group_fit)

    def _conclusion_stub(self, tops: str, count: int) -> tuple[float, float]:
        """The size of the stub of conclusions ``tops`` (ids joined by commas) on page 1."""
        page = "0" * self.digits
        ids = tops.split(",")
        if len(ids) == 1:
            lines = stub_label_lines(self.m.get(ids[0]).text, count - 1, page, narrow=self.narrow)
            return self._size(stub_box(lines))
        kinds = [draw_kind(self.m, self.m.get(i)).value for i in ids]
        return self._size(stub_box(grouped_stub_lines(kinds, count, page, narrow=self.narrow)))

    def ref_size(self, target: str) -> tuple[float, float]:
        """The size of a reference to ``target`` drawn on another page (see :func:`ref_size`)."""
        return self._size(
            ref_size(self.node[target].text, self.digits, self.horizontal, self.narrow)
        )

    def _size(self, size: tuple[float, float]) -> tuple[float, float]:  # LR: the two swap
        return (size[1], size[0]) if self.horizontal else size

    def _subtree_sizes(self, shown: Sequence[str]) -> dict[str, int]:
        weight = dict.fromkeys(shown, 1)
        for node_id in reversed(shown):  # document order lists parents before children
            for child in self.children[node_id]:
                weight[node_id] += weight[child]
        return weight

    def units(self, parent: str) -> list[Unit]:
        """The parent's children as units that go together, in file order."""
        units = self._units.get(parent)
        if units is None:
            units = self._units[parent] = self._make_units(parent)
        return units

    def _make_units(self, parent: str) -> list[Unit]:
        seen: set[str] = set()
        units: list[Unit] = []
        for child in self.children[parent]:
            if child in seen:
                continue
            group = self.node[child].group
            members = [child]
            if group is not None:
                members = [c for c in self.children[parent] if self.node[c].group == group]
            seen.update(members)
            units.extend(group_parts(tuple(members), self))  # in parts if too big
        return units

    def stubs_of(
        self, full: set[str] | frozenset[str], limits: Mapping[str, int]
    ) -> dict[str, list[tuple[Unit, bool]]]:
        """For each full node, its branches left out: ``(tops, grouped)`` a stub each.

        Each branch gets its own stub; only a node whose ``limits`` caps them (one stub
        each would not fit the page, as for a node of sixty children) gets, after that
        many, one grouped stub for the rest.
        """
        out: dict[str, list[tuple[Unit, bool]]] = {}
        for node_id in full:
            left = self.left_out(node_id, full, limits.get(node_id))
            if left:
                out[node_id] = left
        return out

    def left_out(self, node_id: str, full: Set[str], most: int | None) -> list[tuple[Unit, bool]]:
        """The node's branches not in ``full``: ``(tops, grouped)`` a stub each.

        ``most``: how many get a stub each (None: all); one grouped stub for the rest.
        """
        units = self.units(node_id)  # a unit of one child (the usual one) as it is:
        rest = [u if len(u) == 1 else tuple([c for c in u if c not in full]) for u in units]
        rest = [left for left in rest if left and left[0] not in full]
        if not rest:
            return []
        most = len(rest) if most is None else most
        if len(rest) <= most + 1:
            return [(unit, False) for unit in rest]
        grouped = tuple(c for unit in rest[most:] for c in unit)
        return [(unit, False) for unit in rest[:most]] + [(grouped, True)]

    def stub_item(self, tops: Unit, grouped: bool) -> Item:
        """The row item of a stub for the branches starting at ``tops``."""
        key = (tops, grouped)  # not tops[0] alone: a linked group may be stubbed in part
        item = self._stubs.get(key)
        if item is None:
            page = "0" * self.digits
            if grouped:
                hidden = sum(self.weight[t] for t in tops)
                kinds = [draw_kind(self.m, self.node[t]).value for t in tops]
                size = stub_box(grouped_stub_lines(kinds, hidden, page, narrow=self.narrow))
            else:
                more = sum(self.weight[t] for t in tops) - 1
                text = self.node[tops[0]].text
                size = stub_box(stub_label_lines(text, more, page, narrow=self.narrow))
            name = stub_name(tops)
            width, height = self._size(size)
            item = self._stubs[key] = Item(name, width, (height,), name)
        return item

    def estimate(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None = None,
        limits: Mapping[str, int] | None = None,
        record: bool = False,
    ) -> Estimate:
        """Estimate the drawing's size (along ranks, across them), frame included.

        Tidy-tree blocks whose sibling rows wrap at the page's width, one stub per branch
        left out, references to other pages; above a continued branch, the breadcrumb of
        its ancestors (``rest``: the grouped stub of siblings that go on to the next
        page); on the overview, the key beside the root and the conclusions above it.
        When that does not fit, sets of leaves and stubs are wrapped into compact blocks
        instead (see :func:`~argmap.exporters.diagram.stacking.wrap_rows`), so that
        branches fit side by side. ``record``: list the rows (the estimate's ``wraps``).
        """
        limits = limits or {}
        wide = self._estimate(tops, full, rest, limits, (False, record))
        if wide.width <= self.width * WIDE_SHARE and wide.height <= self.height:
            return wide
        # Rows wrapped a little narrower, then sets of boxes in compact blocks.
        for how in ((False, record, WIDE_SHARE), (True, record, 1.0)):
            other = self._estimate(tops, full, rest, limits, how)
            if other.width <= self.width and other.height <= self.height:
                return other
        return wide

    def fits(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None = None,
        limits: Mapping[str, int] | None = None,
    ) -> bool:
        """Whether the :meth:`estimate` of a page of these nodes fits the page.

        The same as asking the estimate, sooner: it fits if any way of wrapping rows does
        (compact blocks first: a page filled as far as it goes mostly fits only that way).
        """
        limits = limits or {}
        for how in ((True, False, 1.0), (False, False), (False, False, WIDE_SHARE)):
            width, height = self._estimate(tops, full, rest, limits, how, fail_fast=True)[:2]
            if width <= self.width and height <= self.height:
                return True
        return False

    def _estimate(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None,
        limits: Mapping[str, int],
        how: tuple[bool, bool] | tuple[bool, bool, float],
        fail_fast: bool = False,
    ) -> Estimate:
        """The estimate, with sets of leaves and stubs wrapped wide or ``compact``.

        ``how``: compact, record, and the share of the page's width rows wrap at;
        ``fail_fast``: too big without breadcrumb and key, it is too big (sized so).
        """
        frame_w, frame_h = self.frame
        compact, record = how[:2]
        limit = (self.width - frame_w) * (how[2] if len(how) > 2 else 1.0)
        block, used = self.blocks.blocks(full, limits, limit, compact, record)
        fits: dict[str, float] = {}
        if len(tops) == 1 and len(tops[0]) > 1 and not (self.horizontal or rest):
            fits = below_trail_fit(self, tops[0], block) if self._trail_rows(tops) else {}
        wraps: list[Wrap] | None = [] if record else None
        if wraps is not None:
            self.blocks.note(used, wraps)
            ordered = sorted(full, key=self.order.__getitem__)
            wraps += group_wraps(ordered, self.node, block, self.group_fit, fits)
        if len(tops) > 1:  # the tops in file order, as the graph meets them
            tops = sorted(tops, key=lambda unit: self.order[unit[0]])
        top_items = [unit_item(unit, block, fits.get("", self.group_fit)) for unit in tops]
        if rest:
            top_items.append(self.stub_item(rest, True))
        rows = wrap_rows(top_items, limit)
        if wraps is not None:
            note_rows("trail", rows, wraps)
        width = rows_width(rows)
        ranks = rows_ranks(rows)
        height = sum(ranks) + RANKSEP * (len(ranks) - 1)
        if fail_fast and (width + frame_w > self.width or height + frame_h > self.height):
            return Estimate(width + frame_w, height + frame_h, ())  # breadcrumb, key: more
        trail = self._trail_rows(tops)
        if trail:
            room = (self.width - self.frame[0], self.height - self.frame[1])
            # Beside a linked group's box, its arrow may cross others: upright pages only.
            upright = self.full_size[0] > self.full_size[1]
            alone = upright or all(len(unit) == 1 for unit in tops)
            size = (width, height)
            width, height, column = with_trail(
                trail, size, ranks[0], room, self.horizontal, alone, self.narrow
            )
            if column and wraps is not None:
                wraps.append(Wrap(TRAIL_COLUMN, (), ()))
        key = ("", "")
        if self.root in full and not self.lead:  # the overview: conclusions above, the key
            stubs = self.stubs_of(full, limits)
            key, width, height = self._overview_key((width, height), full, stubs, block)
        deepest = lowest(rows[-1]).deepest
        return Estimate(width + frame_w, height + frame_h, tuple(wraps or ()), key, deepest)

    def _overview_key(
        self,
        drawing: tuple[float, float],
        full: set[str] | frozenset[str],
        stubs: Mapping[str, list[tuple[Unit, bool]]],
        block: Mapping[str, Item],
    ) -> tuple[tuple[str, str], float, float]:
        """The overview's conclusions above the root, and its key: where, and the size."""
        width, height = self.around.with_root(drawing, block[self.root])
        if self.key_away:
            return ("page", ""), width, height
        frame_w, frame_h = self._size(FRAME)
        firsts = [group[0] for groups in stubs.values() for group, _ in groups]
        firsts += self.around.stubs
        legend = self._size(legend_size(self.m, self.around.nodes | set(full), firsts))
        return self.around.key(
            (width, height),
            (self.width - frame_w, self.height - frame_h),
            legend,
            (self.root, self.sizes[self.root], block[self.root].ranks[-1]),
            block[self.root].deepest,
            block[self.root].rows > 1,
        )

    def key_below(self, estimate: Estimate, room: tuple[float, float]) -> float:
        """How far a page's drawing with the whole map's key below it overflows ``room``.

        At most 1.0: it fits, with a margin (:data:`WIDE_SHARE`); a page that overflows
        once laid out is planned again, and the key should not be the cause.
        """
        if self._whole_key is None:  # the same for every page
            self._whole_key = self._size(legend_size(self.m, self.everything, []))
        key_w, key_h = self._whole_key
        width = max(estimate.width, key_w + self._size(FRAME)[0])
        height = estimate.height + RANKSEP + key_h
        if self.horizontal:  # below the drawing's last rank, in its column (a stub's wide)
            width = estimate.width + NODESEP + key_w
            height = estimate.height + max(0.0, key_h - STUB_COLUMN)
        return max(width / room[0], height / room[1]) / WIDE_SHARE

    def _trail_rows(self, tops: Sequence[Unit]) -> int:
        """How many ancestors the breadcrumb above these tops lists (the ``lead`` too)."""
        if len(tops) == 1 and len(tops[0]) == 1:  # the usual page: one branch
            return len(self.lead) + len(self.trail_of(tops[0][0]))
        return len(self.lead) + len({a for u in tops for t in u for a in self.trail_of(t)})

    def trail_of(self, node_id: str) -> tuple[str, ...]:
        """The ancestors a page shows above ``node_id``: the nearest few, and the root.

        However deep the map, a breadcrumb, ``lead`` and all, has at most :data:`TRAIL_ROWS` rows.
        """
        trail = self._trails.get(node_id)
        if trail is None:
            out: list[str] = []
            parent = self.parent[node_id]
            while parent is not None and len(out) < TRAIL_ROWS - 1 - len(self.lead):
                out.append(parent)
                parent = self.parent[parent]
            if parent is not None:
                out.append(self.root)
            trail = self._trails[node_id] = tuple(out)
        return trail
