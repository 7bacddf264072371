"""How much one page holds: its first branch, then siblings and their children while they fit."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence, Set
from functools import partial
from typing import Final, NamedTuple

from argmap.exporters.diagram.branchprefix import branches_in_order
from argmap.exporters.diagram.groupties import tied_groups
from argmap.exporters.diagram.leafprefix import leaves_in_order
from argmap.exporters.diagram.pageblocks import ONE_GROUP
from argmap.exporters.diagram.pagedepth import deepened
from argmap.exporters.diagram.pageestimate import Estimate, Estimator, Measure, Unit
from argmap.exporters.diagram.pageorder import apart
from argmap.exporters.diagram.pagesiblings import in_gaps, may_differ, whole_siblings
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.stacking import RANKSEP
from argmap.model import ArgumentMap, Relation

__all__ = ["Fill", "Pager"]

SURE: Final = 1 - 1e-9
"""A lower bound is trusted only this far: its sums run in another order than the estimate's."""
KEPT_MOST: Final = 50_000
"""Page estimates remembered at most (about 2 kB each); past that, memory starts afresh."""
_Room = tuple[float, float]
_Taken = tuple[list[Unit], set[str], dict[str, int]]


class Fill(NamedTuple):
    """What a page takes: its top units, the nodes it draws in full, and stub limits.

    ``limits`` maps a node to how many of its branches left out get a stub each; the
    rest share one grouped stub (only when one stub each cannot fit the page).
    """

    taken: tuple[Unit, ...]
    full: frozenset[str]
    limits: Mapping[str, int]
    key_away: bool = False
    """The overview leaves its key to a later page (see :meth:`Pager._key_away`)."""


class Pager(Estimator):
    """Fills pages one at a time."""

    def __init__(
        self,
        m: ArgumentMap,
        shown: Sequence[str],
        measure: Measure,
        budget: Budget,
        horizontal: bool = False,
        tighter: Mapping[str, tuple[float, float]] | None = None,
        above: Sequence[str] = (),
        file_order: bool = False,
        lead: Sequence[str] = (),
        upward: bool = False,
        drawable: Set[str] | None = None,
    ) -> None:
        self.upward = upward  # before the estimates the tree's making asks for
        self.sides = not file_order  # a label worksheet's stubs do not tell the sides
        super().__init__(m, shown, measure, budget, horizontal, above, lead, drawable)
        self.file_order = file_order
        self.tighter = dict(tighter or {})
        self.filled: dict[Hashable, Fill] = {}
        self.reach = self._reach(shown)
        self._kept: dict[Hashable, Estimate] = {}
        self._fits: dict[Hashable, bool] = {}
        self.uncapped: dict[str, tuple[float, float]] = {}
        """Tightened pages (by first top) whose stubs were not capped, and at what share."""
        self.capped: set[str] = set()
        """Pages whose stubs are capped at the tightened size, as any page's are."""
        self._leafy: dict[str, bool] = {}  # see leafy
        self.smaller = False
        """The page being filled is planned smaller than the page (tightened: see :meth:`fill`)."""
        self.most = 0
        """How many sibling units the page being filled takes at most (0: as fit; see in_gaps)."""

    def restart(self, tighter: Mapping[str, tuple[float, float]] | None) -> None:
        """Begin another plan with these pages tightened (see ``fill``), keeping what it can."""
        self.tighter = dict(tighter or {})
        if self.tighter.get(self.root) == (0.0, 0.0) and self.around.nodes and self.overview:
            # Page 1 drawn too big at every plan with the conclusions by the root: apart.
            self.around = self.around_for(apart=True)
            self.blocks.forget(self.around.beside)
            self.filled, self._kept, self._fits = {}, {}, {}
            del self.tighter[self.root]  # filled in full again, without them
        self.width, self.height = self.full_size
        self.key_away = False
        # A page whose stubs were left uncapped and that overflowed again caps them now.
        self.capped.update(t for t, share in self.uncapped.items() if self.tighter.get(t) != share)
        # A linked group that led a page cut down to its first box now goes in parts.
        parents = sorted({self.parent.get(top) or "" for top in self.tighter} & self._units.keys())
        made = {
            p: self._make_units(p) for p in parents if max(map(len, self._units[p]), default=1) > 1
        }
        if any(units != self._units[parent] for parent, units in made.items()):
            self._units.update(made)
            self.blocks.forget()  # and what was filled and estimated from the parts before
            self.filled, self._kept, self._fits = {}, {}, {}

    def share(self, top: str) -> tuple[float, float]:
        """The share of the page (the planner's way round) a page from ``top`` takes: tighter."""
        share = self.tighter.get(top, (1.0, 1.0))
        return (share[1], share[0]) if self.horizontal else share

    def kept(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None = None,
        limits: Mapping[str, int] | None = None,
        record: bool = False,
    ) -> Estimate:
        """The :meth:`estimate`, remembered: a later plan asks again for most pages."""
        key = (*self._page_key(tops, full, rest, limits), record)
        estimate = self._kept.get(key)
        if estimate is None:
            if len(self._kept) >= KEPT_MOST:
                self._kept.clear()
            estimate = self.estimate(tops, full, rest, limits, record)
            if record:  # a linked group among the tops held in its place
                estimate = tied_groups(estimate, self.node, self.children, full)
            self._kept[key] = estimate
        return estimate

    def _page_key(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None,
        limits: Mapping[str, int] | None,
    ) -> tuple[Hashable, ...]:
        """What a page's estimate depends on: its nodes and stubs, and the size planned to."""
        limited = tuple(sorted((limits or {}).items()))
        size = (self.width, self.height, self.key_away)
        return (tuple(tops), frozenset(full), rest, limited, *size)

    def _reach(self, shown: Sequence[str]) -> dict[str, tuple[float, float]]:
        """Node id -> its whole branch's widest box, and its tallest chain of boxes."""
        reach: dict[str, tuple[float, float]] = {}
        for node_id in reversed(shown):  # children first
            wide, tall = self.sizes[node_id]
            below = 0.0
            for child in self.children[node_id]:
                child_wide, child_tall = reach[child]
                wide = max(wide, child_wide)
                below = max(below, RANKSEP + child_tall)
            reach[node_id] = (wide, tall + below)
        return reach

    def too_big(self, tops: Sequence[str]) -> bool:
        """Whether no page of the whole branches under ``tops`` fits, whatever else it holds.

        A quick test before an estimate: a box wider than the page, or a chain of boxes
        taller (a drawing is at least as wide as any box and as tall as any chain).
        """
        frame_w, frame_h = self.frame
        for top in tops:
            wide, tall = self.reach[top]
            if (wide + frame_w) * SURE > self.width or (tall + frame_h) * SURE > self.height:
                return True
        return False

    def priority(self, parent: str) -> list[Unit]:
        """The parent's units in the order a page takes them: objections (and answers) first.

        In file order if the pager was made with ``file_order`` (a label worksheet, which
        hides kinds: which children a page draws in full must not tell them apart).
        """
        units = self.units(parent)
        if self.file_order:
            return list(units)
        attacks = [u for u in units if self.node[u[0]].relation is not Relation.SUPPORTS]
        return attacks + [u for u in units if u not in attacks]

    def fits(
        self,
        tops: Sequence[Unit],
        full: set[str] | frozenset[str],
        rest: Unit | None = None,
        limits: Mapping[str, int] | None = None,
        keep: bool = False,
    ) -> bool:
        """Whether a page of these nodes fits; ``keep``: remember the answer (see :meth:`kept`)."""
        if not keep:
            return super().fits(tops, full, rest, limits)
        key = self._page_key(tops, full, rest, limits)
        fits = self._fits.get(key)
        if fits is None:
            if len(self._fits) >= KEPT_MOST:
                self._fits.clear()
            fits = self._fits[key] = super().fits(tops, full, rest, limits)
        return fits

    def mixes(self, top: str) -> bool:
        """Whether the page from ``top`` may take linked groups beside other branches.

        Unless a drawing of it put one out of file order (see :mod:`.pageorder`), or on
        an upright page drawn left to right, where the breadcrumb may share the tops'
        column (mixed there, two test maps took a page more: ``lint-all`` on A4).
        """
        return not (self.horizontal and self.upright) and not apart(self, top)

    def stops_at(self, taken: Sequence[Unit], unit: Unit) -> bool:
        """Whether a page's siblings stop before ``unit``: a linked group beside others.

        Only where the page does not mix them (see :meth:`mixes`). Or past :attr:`most`.
        """
        if 0 < self.most <= len(taken):
            return True
        return (len(unit) > 1 or len(taken[-1]) > 1) and not self.mixes(taken[0][0])

    def whole(self, tops: Sequence[str]) -> set[str]:
        """Every node of the branches under ``tops``."""
        out: set[str] = set()
        stack = list(tops)
        while stack:
            node_id = stack.pop()
            out.add(node_id)
            stack.extend(self.children[node_id])
        return out

    def fill(self, units: tuple[Unit, ...], grouped: bool, room: _Room = (1.0, 1.0)) -> Fill:
        """What a page of ``units`` takes (see :meth:`_fill`) in ``room`` of it (see pagekey)."""
        # A page that overflowed once its layout was made gets a tighter budget.
        share = self.tighter.get(units[0][0], (1.0, 1.0))
        if units[0][0] == self.root and self.overview and self._overview_too_big():
            share = (1.0, 1.0)  # cutting it down would only group the thesis's stubs
        width, height = reversed(share) if self.horizontal else share
        self.smaller = width < 1.0 or height < 1.0
        self.width, self.height = self.full_size[0] * width, self.full_size[1] * height
        self.width, self.height = self.width * room[0], self.height * room[1]
        # A plan made again fills only the pages it changed (their share, groups kept apart).
        key = (units, grouped, share, room, self.mixes(units[0][0]))
        if key not in self.filled:
            fill = self._fill(units, grouped)
            self.filled[key] = in_gaps(self, (units, grouped), fill, self._fill)
        return self.filled[key]

    def _overview_too_big(self) -> bool:
        """Whether page 1 overflows the whole page even with a stub per branch and no key.

        Then the conclusions and what bears on them, drawn with the root, are the cause.
        """
        self.width, self.height = self.full_size
        self.key_away = True
        root = self.first
        too_big = self._overflow(self.estimate([root], set(root), None, {self.root: 0})) > 1.0
        self.key_away = False
        return too_big

    def rest(self, units: Sequence[Unit], taken: int, grouped: bool) -> Unit | None:
        """The grouped siblings after the first ``taken`` units, which go on to the next page."""
        left = self.after(units, taken) if grouped else ()
        return left or None

    def _fill(self, units: tuple[Unit, ...], grouped: bool) -> Fill:
        """Take the first unit (a page must make progress), then siblings while they fit.

        Then their children's units, breadth first, wherever they fit. Depth is chosen
        branch by branch: a unit too big for what is left is passed over (it becomes a
        stub) and smaller ones after it are still tried. Or the siblings each with their
        whole branch (see :mod:`.pagesiblings`), where that page holds more.
        """
        bare = self._filled(units, grouped, self._bare(units, grouped))
        if not may_differ(self, units, len(bare.taken)):
            return bare
        whole = whole_siblings(self, units, grouped)
        fill = bare if whole is None else self._filled(units, grouped, (*whole, {}))
        more = len(fill.taken) >= len(bare.taken) and len(fill.full) > len(bare.full)
        return fill if more else bare

    def _bare(self, units: tuple[Unit, ...], grouped: bool) -> _Taken:
        """The first unit, then its siblings (without what is under them) while they fit.

        If the first does not fit even so, its branches' stubs are capped instead (or, on
        the overview, the key goes to a later page).
        """
        taken, full, limits = [units[0]], set(units[0]), dict[str, int]()
        self.key_away = False
        first = self.rest(units, 1, grouped)
        if not self.fits(taken, full, first) and not self._key_away(full):
            if not self._stubs_fit_anyway(taken, full, first):
                limits = self._limits(taken, full, first)
            return taken, full, limits
        for unit in units[1:]:
            if self.stops_at(taken, unit):
                break
            after = self.rest(units, len(taken) + 1, grouped)
            if not self.fits([*taken, unit], full | set(unit), after):
                break
            taken.append(unit)
            full.update(unit)
        return taken, full, limits

    def _filled(self, units: tuple[Unit, ...], grouped: bool, so_far: _Taken) -> Fill:
        """The page of :meth:`_fill` from its tops, full nodes and stub limits so far."""
        taken, full, limits = so_far
        rest = self.rest(units, len(taken), grouped)
        full, limits = deepened(self, (taken, rest), full, limits)
        if self.sides and not self.smaller:
            lists = [(p, self.priority(p)) for p in sorted(full, key=self.order.__getitem__)]
            fits = partial(self.fits, taken, rest=rest)  # (full, limits=)
            page = (full, limits)
            full, limits = leaves_in_order(lists, page, fits, self.against, self.leafy)
            full, limits = branches_in_order(self, fits, full, limits)
        return Fill(tuple(taken), frozenset(full), limits, self.key_away)

    def _stubs_fit_anyway(self, taken: list[Unit], full: set[str], rest: Unit | None) -> bool:
        """Whether a tightened page's first unit and a stub each fit the whole page.

        A page is tightened when the engine drew what it held in full wider than planned;
        its stubs, plain boxes in rows, mostly come out as estimated. Capping them to the
        tightened size grouped a thesis's four stubs on a page three quarters empty
        (``school-uniforms`` on upright A4), where they fit a stub each. Once only: a page
        planned so that overflows again has its stubs capped as any other's.
        """
        top, tight = taken[0][0], (self.width, self.height)
        if not self.smaller or top in self.capped:
            return False
        self.width, self.height = self.full_size
        try:
            uncapped = self.fits(taken, full, rest)
        finally:
            self.width, self.height = tight
        if uncapped:  # if the page still overflows, the next plan caps them
            self.uncapped[top] = self.tighter.get(top, (1.0, 1.0))
        return uncapped

    def leafy(self, parent: str) -> bool:
        """Whether a node's branches are all single statements: no children, no linked groups."""
        leafy = self._leafy.get(parent)
        if leafy is None:
            units = self.units(parent)
            leafy = self._leafy[parent] = not any(len(u) > 1 or self.children[u[0]] for u in units)
        return leafy

    def _overflow(self, estimate: Estimate) -> float:
        """How many times too big for the page an estimate is (at most 1.0: it fits)."""
        if self.width <= 0 or self.height <= 0:  # a page cut down to its first node
            return math.inf
        return max(estimate.width / self.width, estimate.height / self.height)

    def _key_away(self, full: set[str]) -> bool:
        """On the overview, move the key to a later page if that lets the root's stubs fit.

        A reader needs the thesis's reasons and objections on page 1 more than the key;
        the heading then says which page the key is on. Not a worksheet's instructions,
        drawn where its key goes (:attr:`task`): its students begin on page 1; its
        thesis's stubs are capped or grouped instead.
        """
        if self.root not in full or not self.overview or self.task:
            return False
        kept = self._overflow(self.estimate([self.first], full))
        self.key_away = True
        away = self._overflow(self.estimate([self.first], full))
        # Too big either way: the key goes if that helps, or, drawn too big once, if no worse.
        self.key_away = away < kept or (self.smaller and away <= kept)
        return away <= 1.0

    def _limits(self, taken: list[Unit], full: set[str], rest: Unit | None) -> dict[str, int]:
        """Cap the single stubs of a page's first unit so that its branches' stubs fit.

        The last resort, for a node with more branches than rows of stubs can hold: as
        many stubs as fit, then a grouped stub for the others on each side (for the node,
        against it), or, where even that is too wide, one for them all.
        """
        limits: dict[str, int] = {}
        # Stubs are grouped only as far as that makes the page fit: when even one grouped
        # stub each does not (the node and what sits beside it are too big), no further.
        fewest = dict.fromkeys(taken[0], ONE_GROUP)
        least = self._overflow(self.estimate(taken, full, rest, fewest))
        least = least if math.isfinite(least) else 1.0
        for node_id in taken[0]:
            low, high = 0, len(self.units(node_id))
            while low < high:
                middle = (low + high + 1) // 2
                estimate = self.estimate(taken, full, rest, {**limits, node_id: middle})
                if self._overflow(estimate) <= max(1.0, least):
                    low = middle
                else:
                    high = middle - 1
            limits[node_id] = low
        for node_id in taken[0]:  # too big even so: both sides share one grouped stub
            over = self._overflow(self.estimate(taken, full, rest, limits))
            if limits[node_id] == 0 and over > max(1.0, least):
                trial = {**limits, node_id: ONE_GROUP}
                if self._overflow(self.estimate(taken, full, rest, trial)) < over:
                    limits = trial
        return limits
