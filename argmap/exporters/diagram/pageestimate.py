"""A page's drawing estimated before layout: tidy-tree blocks, sibling rows, a stub a branch."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final, NamedTuple

from argmap.exporters.diagram.labels import stub_box, stub_label_lines, text_points
from argmap.exporters.diagram.legend import legend_content
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.stacking import (
    NODESEP,
    RANKSEP,
    Item,
    Wrap,
    lowest,
    note_rows,
    row_width,
    rows_height,
    rows_width,
    wrap_rows,
)
from argmap.exporters.diagram.styles import DRAWN_LEGEND, LEGEND_TEXT
from argmap.model import ArgumentMap, Node, NodeKind

__all__ = ["TRAIL_ROWS", "Estimate", "Estimator", "Measure", "Unit", "stub_name"]

Measure = Callable[[Node], tuple[float, float]]
"""A node's box size in points, as the diagram draws it (top-to-bottom)."""

Unit = tuple[str, ...]
"""Children that go together: one node, or the members of a linked group."""

GROUPED_STUB: Final = (330.0, 44.0)
"""A stub for many branches at once: its counts, and where they go on."""
TRAIL_WIDTH: Final = 330.0
TRAIL_ROW: Final = 15.0
"""The breadcrumb above a continued branch: one box, a row per ancestor."""
REF_SIZE: Final = (300.0, 26.0)
"""A reference to a cross-linked node on another page, drawn beside its source."""
TRAIL_ROWS: Final = 6
"""The most ancestors a breadcrumb lists: the root, then the nearest ones."""
LEGEND_ROW: Final = 22.0
"""A row of the key: its swatch or arrow, and its words at 10 points."""
FRAME: Final = (2 * 0.3 * 72, 2 * 0.3 * 72 + 26.0)
"""The drawing's padding on both sides, and the page heading's line."""


class Estimate(NamedTuple):
    """A page's drawing as planned: its size (along ranks, across them) and its rows."""

    width: float
    height: float
    wraps: tuple[Wrap, ...]
    key: tuple[str, str] = ("", "")
    """On the overview, where the key goes (see :attr:`paging.Page.key`)."""


def stub_name(tops: Sequence[str]) -> str:
    """The graph's name for the stub of branches starting at ``tops``."""
    return f"stub {tops[0]}"


def _legend_size(m: ArgumentMap, ids: Sequence[str]) -> tuple[float, float]:
    """The key of a page of at most these nodes: a row per kind and relation it may show."""
    nodes = [m.get(node_id) for node_id in ids]
    content = legend_content(m, nodes, set(ids), {})
    words = [kind.value for kind in content.kinds]
    words += [f"bar-ended {LEGEND_TEXT[relation]}" for relation in content.relations]
    words += [DRAWN_LEGEND] if content.drawn else []
    words += ["box: premises that work only together"] if content.linked else []
    words += ["dashed: cross-link to another branch"] if content.cross else []
    width = max(text_points(line, 10) for line in words) + 50
    return width, (len(words) + 1) * LEGEND_ROW + 12


class Estimator:
    """The map's tree as pages see it, and the size of a page of some of its nodes."""

    def __init__(
        self,
        m: ArgumentMap,
        shown: Sequence[str],
        measure: Measure,
        budget: Budget,
        horizontal: bool = False,
        above: Sequence[str] = (),
    ) -> None:
        self.m = m
        self.horizontal = horizontal
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
        self.legend = self._size(_legend_size(m, [*shown, *above]))
        self.full_size = self._size((budget.width, budget.height))
        self.width, self.height = self.full_size
        self.weight = self._subtree_sizes(shown)
        self.links = {
            node_id: [link.to for link in self.node[node_id].links if link.to in order]
            for node_id in shown
        }
        self.root = shown[0]
        self.digits = len(str(len(shown) + len(above)))
        self._stubs: dict[tuple[str, bool], Item] = {}
        self._bottom: dict[str, float] = {}  # node id -> its block's last row's height
        self.top_over: tuple[str, tuple[float, float]] | None = None
        """The first of the topmost conclusions on the overview, and that row's size."""
        self.beside, self.over = self._above(m, above, measure)

    def _size(self, size: tuple[float, float]) -> tuple[float, float]:
        # Along ranks and across them: for left-to-right drawings the two swap.
        return (size[1], size[0]) if self.horizontal else size

    def _subtree_sizes(self, shown: Sequence[str]) -> dict[str, int]:
        weight = dict.fromkeys(shown, 1)
        for node_id in reversed(shown):  # document order lists parents before children
            for child in self.children[node_id]:
                weight[node_id] += weight[child]
        return weight

    def _above(
        self, m: ArgumentMap, above: Sequence[str], measure: Measure
    ) -> tuple[float, tuple[float, float]]:
        """What page 1 draws around the root besides its tree (see ``drawn.split_above``).

        Conclusions drawn from the root sit a rank above what they are drawn from, with
        room for the "so" arrow and its junction; their objections and undercutters a
        rank below, beside the root. Returns the width beside the root, and the width
        and height of the rows above it.
        """
        offset: dict[str, int] = {self.root: 0}
        rows: dict[int, list[tuple[float, float]]] = {}
        firsts: dict[int, str] = {}
        for node_id in above:
            node = m.get(node_id)
            base = offset.get(node.parent or "", 0)
            offset[node_id] = base - 1 if node.kind is NodeKind.CONCLUSION else base + 1
            rows.setdefault(offset[node_id], []).append(self._size(measure(node)))
            firsts.setdefault(offset[node_id], node_id)

        def width(row: list[tuple[float, float]]) -> float:
            return sum(w for w, _ in row) + NODESEP * len(row)

        top = min(rows, default=0)
        if top < 0:  # the key may go beside the topmost conclusions
            self.top_over = (firsts[top], (width(rows[top]), max(h for _, h in rows[top])))
        beside = max((width(row) for at, row in rows.items() if at >= 0), default=0.0)
        over_w = max((width(row) for at, row in rows.items() if at < 0), default=0.0)
        over_h = sum(max(h for _, h in row) + 2 * RANKSEP for at, row in rows.items() if at < 0)
        return beside, (over_w, over_h)

    def units(self, parent: str) -> list[Unit]:
        """The parent's children as units that go together, in file order."""
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
            units.append(tuple(members))
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
            rest = [
                left
                for unit in self.units(node_id)
                if (left := tuple(c for c in unit if c not in full))
            ]
            if not rest:
                continue
            most = limits.get(node_id, len(rest))
            if len(rest) <= most + 1:
                out[node_id] = [(unit, False) for unit in rest]
            else:
                grouped = tuple(c for unit in rest[most:] for c in unit)
                out[node_id] = [(unit, False) for unit in rest[:most]] + [(grouped, True)]
        return out

    def stub_item(self, tops: Unit, grouped: bool) -> Item:
        """The row item of a stub for the branches starting at ``tops``."""
        key = (tops[0], grouped)
        item = self._stubs.get(key)
        if item is None:
            if grouped:
                size = GROUPED_STUB
            else:
                more = sum(self.weight[t] for t in tops) - 1
                page = "0" * self.digits
                size = stub_box(stub_label_lines(self.node[tops[0]].text, more, page))
            name = stub_name(tops)
            item = self._stubs[key] = Item(name, *self._size(size), 1, name)
        return item

    def estimate(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None = None,
        limits: Mapping[str, int] | None = None,
    ) -> Estimate:
        """Estimate the drawing's size (along ranks, across them), frame included.

        Tidy-tree blocks whose sibling rows wrap at the page's width, one stub per branch
        left out, references to other pages; above a continued branch, the breadcrumb of
        its ancestors (``rest``: the grouped stub of siblings that go on to the next
        page); on the overview, the key beside the root and the conclusions above it.
        """
        limits = limits or {}
        stubs = self.stubs_of(full, limits)
        overview = self.root in full
        frame_w, frame_h = self._size(FRAME)
        limit = self.width - frame_w
        block: dict[str, Item] = {}
        wraps: list[Wrap] = []
        ref_w, ref_h = self._size(REF_SIZE)
        for node_id in sorted(full, key=self.order.__getitem__, reverse=True):
            w, h = self.sizes[node_id]
            refs = sum(1 for target in self.links[node_id] if target not in full)
            own = (w + refs * (ref_w + NODESEP), max(h, ref_h if refs else 0.0))
            if node_id == self.root:  # undercutters of conclusions beside it
                own = (own[0] + self.beside, own[1])
            items = self._kid_items(node_id, full, block, stubs.get(node_id, []))
            block[node_id] = self._block(node_id, own, items, limit, wraps)
        top_items = [self._unit_item(unit, block) for unit in tops]
        if rest:
            top_items.append(self.stub_item(rest, True))
        rows = wrap_rows(top_items, limit)
        note_rows("trail", rows, wraps)
        width = rows_width(rows)
        height = rows_height(rows)
        trail = len({a for unit in tops for top in unit for a in self.trail_of(top)})
        if trail:
            trail_w, trail_h = self._size((TRAIL_WIDTH, trail * TRAIL_ROW + 14))
            width = max(width, trail_w)
            height += trail_h + RANKSEP
        key = ("", "")
        if overview:  # conclusions above the root, and the key where it fits best
            width = max(width, self.over[0])
            height += self.over[1]
            key, width, height = self._key(width, height, limit, self.height - frame_h, block)
        return Estimate(width + frame_w, height + frame_h, tuple(wraps), key)

    def _key(
        self, width: float, height: float, limit: float, high: float, block: Mapping[str, Item]
    ) -> tuple[tuple[str, str], float, float]:
        """Where the overview's key goes, and the drawing's size with it there.

        Beside the root, beside the topmost conclusion, on the lowest rank (where the
        engine puts a node of no edges), or below everything: the first that fits, else
        the one that overflows least.
        """
        key_w, key_h = self.legend
        root_w, root_h = self.sizes[self.root]
        places = [
            (
                ("same", self.root),
                max(width, root_w + self.beside + NODESEP + key_w),
                height + max(0.0, key_h - root_h),
            )
        ]
        if self.top_over is not None:
            top, (over_w, over_h) = self.top_over
            places.append(
                (
                    ("same", top),
                    max(width, over_w + NODESEP + key_w),
                    height + max(0.0, key_h - over_h),
                )
            )
        places.append(
            (
                ("bottom", ""),
                width + NODESEP + key_w,
                height + max(0.0, key_h - self._bottom.get(self.root, 0.0)),
            )
        )
        deepest = block[self.root].deepest
        places.append((("below", deepest), max(width, key_w), height + RANKSEP + key_h))
        return min(places, key=lambda p: max(1.0, p[1] / limit, p[2] / high))

    def _kid_items(
        self,
        node_id: str,
        full: set[str] | frozenset[str],
        block: Mapping[str, Item],
        stubs: list[tuple[Unit, bool]],
    ) -> list[Item]:
        """A full node's children as row items in file order: drawn units and stubs."""
        items = [
            (self.order[unit[0]], self._unit_item(drawn, block))
            for unit in self.units(node_id)
            if (drawn := tuple(c for c in unit if c in full))
        ]
        items += [(self.order[tops[0]], self.stub_item(tops, g)) for tops, g in stubs]
        items.sort(key=lambda pair: pair[0])
        return [item for _, item in items]

    @staticmethod
    def _unit_item(unit: Unit, block: Mapping[str, Item]) -> Item:
        """A unit's members side by side as one item (a linked group shares a rank)."""
        members = [block[c] for c in unit]
        if len(members) == 1:
            return members[0]
        low = lowest(members)
        return Item(
            members[0].name,
            row_width(members),
            max(m.height for m in members),
            low.levels,
            low.deepest,
        )

    def _block(
        self,
        node_id: str,
        own: tuple[float, float],
        items: list[Item],
        limit: float,
        wraps: list[Wrap],
    ) -> Item:
        """A node's block: the node above its children's items, in rows that fit ``limit``."""
        if not items:
            return Item(node_id, *own, 1, node_id)
        rows = wrap_rows(items, limit)
        note_rows(node_id, rows, wraps)
        self._bottom[node_id] = max(item.height for item in rows[-1])
        width = max(own[0], rows_width(rows))
        height = own[1] + RANKSEP + rows_height(rows)
        levels = 1 + sum(lowest(row).levels for row in rows)
        return Item(node_id, width, height, levels, lowest(rows[-1]).deepest)

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
