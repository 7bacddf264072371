"""A page's drawing estimated before layout: tidy-tree blocks, sibling rows, a stub a branch."""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping, Sequence, Set
from functools import partial
from typing import Final, NamedTuple

from argmap.analysis.view import drawn_up
from argmap.exporters.diagram.chaincols import GUTTER, Step, apart, chain_steps, folded
from argmap.exporters.diagram.cutplaces import (
    first_row_only,
    in_first_row,
    not_beside,
    tops_with_cutters,
    undercut_tops,
)
from argmap.exporters.diagram.grouprows import GROUP_BOX, group_parts, group_wraps
from argmap.exporters.diagram.keysize import planned_key
from argmap.exporters.diagram.pageblocks import Blocks, Unit, Used, unit_item
from argmap.exporters.diagram.pageheading import LABEL_MARGIN, heading_room
from argmap.exporters.diagram.pageoverview import around_root
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.pagetrailsize import (
    TRAIL_COLUMN,
    TRAIL_ROW,
    TRAIL_WIDTH,
    across_trail_rows,
    below_trail_fit,
    by_trail_rows,
    crowds_trail,
    with_trail,
)
from argmap.exporters.diagram.pagetree import TRAIL_ROWS, Measure, PageTree, stub_name
from argmap.exporters.diagram.stacking import (
    LOOSE,
    RANKSEP,
    TIGHT,
    TRAIL,
    Item,
    Wrap,
    lowest,
    note_rows,
    rows_ranks,
    rows_width,
    wrap_rows,
)
from argmap.model import ArgumentMap

__all__ = ["TRAIL_ROWS", "Estimate", "Estimator", "Measure", "Unit", "stub_name"]

WIDE_SHARE: Final = 0.92
"""Rows as wide as the page are planned only this far across it: the engine spreads a
row of stubs under its parent somewhat wider than their boxes."""
FRAME: Final = (2 * 0.3 * 72, 2 * 0.3 * 72 + 26.0)
"""The drawing's padding on both sides, and the page heading's line."""
_Chain = list[list[Step] | None]
"""A page read as one chain (None: not one), once read; empty: not yet."""


class Estimate(NamedTuple):
    """A page's drawing as planned: its size (along ranks, across them) and its rows."""

    width: float
    height: float
    wraps: tuple[Wrap, ...]
    key: tuple[str, str] = ("", "")
    """On the overview, where the key goes (see :attr:`paging.Page.key`)."""
    deepest: str = ""
    """A node on the drawing's lowest rank."""
    bottom: float = 0.0
    """The height of the drawing's lowest rank (0: not known)."""


class Estimator(PageTree):
    """The map's tree as pages see it, and the size of a page of some of its nodes.

    ``lead``: ancestors drawn elsewhere, atop every breadcrumb (see :func:`paging.paginate`).
    """

    upward: bool = False
    """The diagram runs bottom to top: tops sit above their breadcrumb (see :meth:`_top_rows`)."""

    @property
    def way(self) -> str:
        """The diagram's direction as the key words it (right to left planned as left to right)."""
        return "LR" if self.horizontal else "BT" if self.upward else "TB"

    def __init__(
        self,
        m: ArgumentMap,
        shown: Sequence[str],
        measure: Measure,
        budget: Budget,
        horizontal: bool = False,
        above: Sequence[str] = (),
        lead: Sequence[str] = (),
        drawable: Set[str] | None = None,
    ) -> None:
        super().__init__(m, shown, measure, budget, horizontal, above, lead, drawable)
        self.full_size = self._size((budget.width, budget.height))
        self.frame = self._size(FRAME)
        self.width, self.height = self.full_size
        room = (self.full_size[0] - self.frame[0], self.full_size[1] - self.frame[1])
        me = weakref.proxy(self)  # no cycle: the plans' estimates go at once when done
        self.around_for = partial(
            around_root,
            m,
            self.root,
            above,
            lambda node: me._size(measure(node)),
            (room, self.sizes[self.root]),
            lambda tops, count: me._conclusion_stub(tops, count),
            self._size((TRAIL_WIDTH, TRAIL_ROW + 14)),
            horizontal and self.full_size[0] > self.full_size[1],  # upright, left to right
        )
        self.around = self.around_for()
        self.key_away = False
        """The overview leaves its key to a later page (it would crowd out the root's stubs)."""
        self.everything = [*above, *shown]
        self._whole_key: dict[tuple[int, bool], tuple[float, float]] = {}
        self.group_fit = room[0] * WIDE_SHARE
        """The widest a linked group's boxes go side by side; wider, they go in rows."""
        # Left to right, a group's rows are columns: its box is counted round them (twelve
        # members in two columns drew 6% wider and taller than planned, under the floor).
        self.box = GROUP_BOX if horizontal else (0.0, 0.0)
        self.stacked = self.upright and not horizontal  # see stacking.rows_ranks
        """Deep blocks may have rows below (not tops of several breadcrumb rows: arrows cross)."""
        parts = (self.around.beside, self.group_fit, self.box, self.stacked, not horizontal)
        # Left to right a rank is a column, as tall as the page: arriving references fit.
        beside = math.inf if horizontal else heading_room(budget) + LABEL_MARGIN
        self.blocks = Blocks(me, *parts, beside)

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
        Else rows wrap a little narrower, then sets of leaves and stubs go in compact blocks
        (see :func:`~.stacking.wrap_rows`) so that branches fit side by side: on a page
        drawn (``record``: list its rows, the estimate's ``wraps``), two columns first (a
        column of a box a row came out a staircase, half the page empty).
        """
        limits, chain = limits or {}, _Chain()
        wide = self._estimate(tops, full, rest, limits, (False, record), chain)
        if wide.width <= self.width * WIDE_SHARE and wide.height <= self.height:
            return wide
        loose = ((LOOSE, record, 1.0),) if record else ()
        for how in ((False, record, WIDE_SHARE), *loose, (TIGHT, record, 1.0)):
            other = self._estimate(tops, full, rest, limits, how, chain)
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
        limits, chain = limits or {}, _Chain()
        ways = ((TIGHT, False, 1.0), (False, False), (False, False, WIDE_SHARE))
        sizes = (self._estimate(tops, full, rest, limits, how, chain, True)[:2] for how in ways)
        return any(width <= self.width and height <= self.height for width, height in sizes)

    def _estimate(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None,
        limits: Mapping[str, int],
        how: tuple[int, bool] | tuple[int, bool, float],
        chain: _Chain,
        fail_fast: bool = False,
    ) -> Estimate:
        """The estimate, with sets of leaves and stubs wrapped wide or ``compact``.

        ``how``: compact, record, and the share of the page's width rows wrap at; ``chain``:
        the page as one chain, once made (see :func:`~.chaincols.chain_steps`: the same at
        every way); ``fail_fast``: too big without breadcrumb and key, it is too big (sized so).
        """
        compact, record = how[:2]
        limit = (self.width - self.frame[0]) * (how[2] if len(how) > 2 else 1.0)
        block, used = self.blocks.blocks(full, limits, limit, compact, record)
        made = (tops, full, rest, limits, block, used, (record, limit, fail_fast))
        drawn = self._drawn(*made)
        fit = drawn.width <= self.width and drawn.height <= self.height
        beside: frozenset[str] = frozenset()  # tops with undercutters beside them, if room
        for top in undercut_tops(self, tops) if fit and record and len(tops) > 1 else ():
            roomy = self._drawn(*made, beside=beside | {top})
            if roomy.width <= self.width * WIDE_SHARE and roomy.height <= self.height:
                drawn, beside = roomy, beside | {top}
        tall = record and drawn.height * self.width > drawn.width * self.height  # see folded
        if (fit and not tall) or len(tops) != 1 or rest:
            return drawn
        if not chain:  # (conclusions over the root: no chain)
            top, around = tops[0][0], self.around.nodes or self.around.stubs
            walk = top != self.root or not around
            chain.append(chain_steps(self, top, full, limits) if walk else None)
        room = min(limit, (self.width - self.frame[0]) * WIDE_SHARE)
        ways, page = (room, GUTTER[self.horizontal]), (self.width, self.height)
        draw = partial(self._drawn, *made)
        return folded(chain[0] or (), ways, draw, page, drawn if fit else None) or drawn

    def _drawn(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None,
        limits: Mapping[str, int],
        block: Mapping[str, Item],
        used: Used,
        how: tuple[bool, float, bool],
        fold: tuple[Item, Wrap] | None = None,
        beside: frozenset[str] = frozenset(),
    ) -> Estimate:
        """The :meth:`_estimate` of a page from its full nodes' blocks.

        ``how``: record, the row width, fail fast; ``fold``: a chain's columns, its top's
        block instead (see :func:`~.chaincols.folds`); ``beside``: tops among several that
        take their undercutters beside them too (see :func:`~.cutplaces.tops_with_cutters`).
        """
        (frame_w, frame_h), (record, limit, fail_fast) = self.frame, how
        if fold is not None:  # the chain's top stands for it all, in columns
            block = {**block, tops[0][0]: fold[0]}
        fits: dict[str, float] = {}
        if len(tops) == 1 and len(tops[0]) > 1 and not (self.horizontal or rest):
            fits = below_trail_fit(self, tops[0], block) if self._trail_rows(tops) else {}
        wraps: list[Wrap] | None = [] if record else None
        if wraps is not None:
            self.blocks.note(used, wraps)
            ordered = sorted(full, key=self.order.__getitem__)
            wraps += group_wraps(ordered, self.node, block, self.group_fit, fits)
            wraps = apart(wraps, fold[1]) if fold is not None else wraps
        if len(tops) > 1:  # the tops in file order, as the graph meets them
            tops = sorted(tops, key=lambda unit: self.order[unit[0]])
        fit = fits.get("", self.group_fit)
        page = (full, limits)
        rows = self._tops_in_rows(tops, rest, page, block, (limit, fit, beside), wraps)
        width = rows_width(rows)
        one = len({self.parent[u[0]] for u in tops}) < 2  # else their arrows cross
        ranks = rows_ranks(rows, self.stacked and one, one and self.blocks.whole)
        height = sum(ranks) + RANKSEP * (len(ranks) - 1)
        if fail_fast and (width + frame_w > self.width or height + frame_h > self.height):
            return Estimate(width + frame_w, height + frame_h, ())  # breadcrumb, key: more
        trail = self._trail_rows(tops)
        if trail:
            room = (self.width - self.frame[0], self.height - self.frame[1])
            # Left to right, sizes run along ranks first: upright, the breadcrumb may share
            # the tops' column (unwrapped: in it, they go in one); else beside single tops.
            upright = self.full_size[0] > self.full_size[1]
            alone = len(rows) < 2 if upright else all(len(unit) == 1 for unit in tops)
            alone = alone and not crowds_trail([unit[0] for unit in tops], self.parent)
            width, height, column = with_trail(
                trail, (width, height), ranks[0], room, self.horizontal, alone, self.narrow
            )
            if column and wraps is not None:
                wraps.append(Wrap(TRAIL_COLUMN, (), ()))
        key = ("", "")
        if self.root in full and self.overview:  # the overview: conclusions above, the key
            key, width, height = self._overview_key((width, height), block, full)
        size, deepest = (width + frame_w, height + frame_h), lowest(rows[-1]).deepest
        return Estimate(*size, tuple(wraps or ()), key, deepest, ranks[-1])

    def _overview_key(
        self, drawing: tuple[float, float], block: Mapping[str, Item], full: Set[str]
    ) -> tuple[tuple[str, str], float, float]:
        """The overview's conclusions above the root, and its key (``full``'s): where, size."""
        width, height = self.around.with_root(drawing, block[self.root])
        if self.key_away:
            return ("page", ""), width, height
        frame_w, frame_h = self._size(FRAME)
        return self.around.key(  # the key of every page's kinds (see build)
            (width, height),
            (self.width - frame_w, self.height - frame_h),
            self.whole_key(1, len(full) < len(self.order) or self.around.apart),
            (self.root, self.sizes[self.root], block[self.root]),
            block[self.root].deepest,
            block[self.root].rows > 1,
            block[self.root].branches,
        )

    def whole_key(self, columns: int = 1, several: bool = True) -> tuple[float, float]:
        """The map's key's size in 1 or 2 ``columns`` (``several``: pages' marks too, if drawn)."""
        size = self._whole_key.get(key := (columns, several))
        if size is None:  # the same for every page
            size = self._whole_key[key] = self._size(planned_key(self, *key))
        return size

    def _tops_in_rows(
        self,
        tops: Sequence[Unit],
        rest: Unit | None,
        page: tuple[set[str] | frozenset[str], Mapping[str, int]],
        block: Mapping[str, Item],
        how: tuple[float, float, frozenset[str]],
        wraps: list[Wrap] | None,
    ) -> list[list[Item]]:
        """The page's tops in rows, the ``rest`` stub last (see :meth:`_top_rows`).

        Each undercut top is made room for its undercutters, aiming at the junction on
        its arrow (see :func:`~.cutplaces.tops_with_cutters`): beside a page's one top, or a
        linked group in the first row of several, where they fit; below one of several
        tops in one row whose only children they are. ``page``: its full nodes and
        stub limits; ``how``: the row width, the width a linked group's boxes side by
        side may take, and the tops among several that take them beside them too (only
        all in the first row: else the tops come out in one row, too wide).
        """
        limit, fit, beside = how
        items = [unit_item(unit, block, fit, self.box) for unit in tops]
        widened, cut = items, list[Wrap]()
        if not (self.horizontal or rest):
            widened, cut = tops_with_cutters(self, tops, items, page, block, how)
        trial = self._top_rows(tops, None, widened, limit) if cut and len(tops) > 1 else []
        if trial and not in_first_row(trial, cut, limit):
            if beside:
                return [[item for row in trial for item in row]]
            widened, cut = not_beside(tops, items, widened, cut)
        if rest:
            widened = [*widened, self.stub_item(rest, True)]
        rows = self._top_rows(tops, rest, widened, limit, wraps)
        if wraps is not None:
            wraps += first_row_only(cut, rows)
        return rows

    def _top_rows(
        self,
        tops: Sequence[Unit],
        rest: Unit | None,
        items: list[Item],
        limit: float,
        wraps: list[Wrap] | None = None,
    ) -> list[list[Item]]:
        """The page's tops (``items``, the ``rest`` stub's last) wrapped into rows.

        In rows of their own, top down, they go by the breadcrumb's rows they hang from
        (see :func:`~.pagetrailsize.by_trail_rows`): each row's order is its parent's
        place in the map; left to right, by the order their edges pass the first column
        (see :func:`~.pagetrailsize.across_trail_rows`); bottom to top as top-down, the
        rows nearest the breadcrumb first (its edges are redrawn as top-down turned over).
        Conclusions drawn from the breadcrumb go in one row, as drawn (above it, each at
        its "so" arrow's end; bottom to top, below): the first, where the tops take more
        or others too. Noted in ``wraps``, if given.
        """
        units = [*tops, *([rest] if rest else [])]
        up = [not self.horizontal and drawn_up(self.node[u[0]]) for u in units]
        lifted = [item for item, drawn in zip(items, up, strict=True) if drawn]
        others = [item for item, drawn in zip(items, up, strict=True) if not drawn]
        rows = wrap_rows(items, limit)
        if apart := bool(lifted) and (len(rows) > 1 or bool(others)):  # (a row is a rank)
            rows = wrap_rows(others, limit) if others else []
        if ((across := self.horizontal) and rows) or len(rows) > 1:
            hung = {
                item.name: self.order.get(self.parent[unit[0]] or "", -1)
                for item, unit in zip(items, units, strict=True)  # (the rows' items looked up)
            }
            rows = across_trail_rows(rows, hung) if across else by_trail_rows(rows, hung, limit)
        several = len(rows) > 1 and len({self.parent[unit[0]] for unit in units}) > 1
        rows = [lifted, *rows] if apart else rows
        if wraps is not None:
            note_rows(TRAIL, rows, wraps, several and not across)  # from several rows
        return rows
