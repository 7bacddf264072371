"""Diagrams fitted to pages: plan the pages, lay each out, and place it on its page, legibly."""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import TYPE_CHECKING, Final, NamedTuple

from argmap.analysis.view import paged_focus, visible_nodes
from argmap.deep import heap_frozen
from argmap.exporters.diagram.arriving import incoming_anchors
from argmap.exporters.diagram.build import to_digraph
from argmap.exporters.diagram.conclusionpages import apart
from argmap.exporters.diagram.continuation import cut_statements, finished
from argmap.exporters.diagram.cutways import with_cut_ways
from argmap.exporters.diagram.dot import Digraph, LineCache, SharedLines
from argmap.exporters.diagram.drawn import split_above, with_drawn_above
from argmap.exporters.diagram.keymarks import deck_marks
from argmap.exporters.diagram.keystubs import with_stub_row
from argmap.exporters.diagram.labels import RowsMemo
from argmap.exporters.diagram.lonepages import fewer_pages
from argmap.exporters.diagram.measure import page_measure, page_options, status_measure
from argmap.exporters.diagram.packed import SVG_SIZE, Overflow, kept, pack, svg_size, unpack
from argmap.exporters.diagram.pageheading import heading_room, lift_heading
from argmap.exporters.diagram.pagenumbers import write_numbers
from argmap.exporters.diagram.pageorder import keep_apart
from argmap.exporters.diagram.pageorphans import Orphans
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import (
    PAGE_SIZES,
    Budget,
    PageSize,
    deck_scale,
    fit_scale,
    page_budget,
)
from argmap.exporters.diagram.pagetighten import tighten
from argmap.exporters.diagram.pagetree import TRAIL_ROWS
from argmap.exporters.diagram.pagetries import fewer_crossings
from argmap.exporters.diagram.paging import Page, PlanMemo, paginate
from argmap.exporters.diagram.sidestubs import without_side_stubs
from argmap.exporters.diagram.viewmarks import view_texts
from argmap.model import ArgumentMap
from argmap.options import Fit, RenderOptions

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["LaidPage", "Layout", "lay_out", "page_svg", "resolve_fit", "svg_size"]

MAX_PLANS: Final = 8
"""Plans made at most, each tightening the pages whose layout overflowed the one before."""

LAYOUT_WORKERS_FROM: Final = 5000
"""Nodes shown from which a map's pages are laid out by worker processes (see
:class:`~.enginepool.LayoutQueue`), from its first pages on. A4 PDF on two cores: 10,000
nodes take 1 to 2 s less (of 11 to 13), 5,000 0.3 s less (of 6.3); 2,000 and 3,000 would
take 0.1 to 0.3 s more (the workers' start)."""

SETTLED_EVERY: Final = 128
"""Pages planned between two moves of the plan's memory out of the collector's full passes."""


@dataclass(frozen=True)
class LaidPage:
    """One page laid out by the engine.

    Attributes:
        plan: the page and where each node lives.
        packed: the engine's SVG of the page, at the drawing's own size (see :func:`pack`).
        width: the drawing's width in points.
        height: the drawing's height in points.
        build: makes the page's graph (see :attr:`graph`).
        finish: completes the engine's SVG (writes the page numbers in), if it must be.
    """

    plan: PagePlan
    packed: bytes = field(repr=False)
    width: float
    height: float
    build: Callable[[], Digraph] = field(repr=False, compare=False)
    finish: Callable[[str], str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        plan: PagePlan,
        svg: str | bytes,
        width: float,
        height: float,
        build: Callable[[], Digraph],
    ) -> LaidPage:
        """A page of a finished SVG."""
        return cls(plan, pack(svg), width, height, build)

    @property
    def svg(self) -> str:
        """The page's SVG, at the drawing's own size (made anew each time: keep it if needed)."""
        svg = unpack(self.packed)
        return svg if self.finish is None else self.finish(svg)

    @cached_property
    def graph(self) -> Digraph:
        """The page's graph (DOT source through ``graph.source``), made when first asked."""
        return self.build()


@dataclass(frozen=True)
class Layout:
    """A diagram laid out on pages of one size, none shown larger than ``deck`` scale."""

    size: PageSize
    budget: Budget
    pages: list[LaidPage]
    deck: float = math.inf  # (see pagesize.deck_scale)

    def scale(self, page: LaidPage) -> float:
        """The scale the page's drawing is shown at: as large as fits, within bounds."""
        return min(fit_scale(self.budget, page.width, page.height), self.deck)


def resolve_fit(options: RenderOptions, default: Fit) -> Fit:
    """The page a render fits: the one asked for, else the format's default."""
    return options.fit if options.fit is not None else default


def lay_out(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions, fit: Fit, engine: EngineInfo
) -> Layout:
    """Split a map into pages of the ``fit`` size and lay each out with the engine.

    The plan estimates box sizes; a page whose layout overflows its budget is planned
    again, tighter (see :func:`tighten`), so every page keeps the legibility floor.

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    budget = page_budget(size := PAGE_SIZES[fit].turned(options.portrait))
    options = page_options(options, budget, m)  # its boxes say what a narrowed view cuts
    shown = [node.id for node in visible_nodes(m, options)]
    shown, lead = paged_focus(m, options, shown, TRAIL_ROWS - 1)  # above a focus: breadcrumb
    below, above = split_above(m, shown)  # conclusions: drawn with the root, on page 1
    drafter = _Drafter(m, analysis, options, engine, shown, budget)
    measure = status_measure(page_measure(m, options, drafter.rows), analysis, options.status, m)
    tighter: dict[str, tuple[float, float]] = {}
    order = (not drafter.kinds, options.direction == "BT")  # label sheet: file order; upward
    across = drafter.across
    plan = partial(  # the tightened pages change between plans; the rest are remembered
        paginate,
        m,
        below,
        measure,
        budget,
        horizontal=across,
        tighter=tighter,
        memo=(memo := PlanMemo(bool(lead), frozenset(shown), bool(options.sheet), drafter.more)),
        above=above,
        file_order=order[0],
        upward=order[1],
        lead=lead,
    )
    branch = apart(m, below[0], measure, budget, across, tighter, order, memo.drawable)
    orphans = Orphans(m, tighter, budget)  # once the pages fit: one statement alone?
    with drafter, heap_frozen():  # the engine lays pages out as they are planned
        for attempt in range(1, MAX_PLANS + 1):  # (MAX_PLANS >= 1: drafts is always set)
            planned = plan(on_page=None if orphans.loosened else drafter.early)
            around = memo.pager.around if memo.pager is not None else None  # page 1's, measured
            pages = with_drawn_above(planned, above, shown, m, around, across, branch)
            if not orphans.fewer(len(pages)):
                continue  # not laid out: the plan that fitted is made again
            home = {node_id: page.number for page in pages for node_id in page.nodes}
            plans = [drafter.plan(page, len(pages), home) for page in pages]
            drafts = drafter.lay_out(plans)
            over = _overflowing(drafts, budget)
            drawn = [(d.plan.page, d.width, d.height) for d in drafts]
            if orphans.again(drawn, {p.tops[0] for p, _, _ in over}, MAX_PLANS - attempt):
                continue
            if not keep_apart(tighter, m, drafts, across) and not over:
                break  # (a page of linked groups out of order is planned again, as one over)
            tighten(tighter, over, budget, attempt, attempt >= MAX_PLANS - 1)
        drafts = fewer_pages(m, drafts, drafter, budget, (memo.pager, across))
        drafts = [without_side_stubs(drafter, d, budget) for d in drafts]
        drafts = fewer_crossings(m, drafts, drafter.lay_out, budget)
        drafter.sized.clear()  # rough tries' sizes: no page is made of them
        laid = finished(drafter, with_stub_row(m, drafts, drafter.lay_out, budget), LaidPage)
    return Layout(size, budget, laid, deck_scale(budget, laid))


def _overflowing(drafts: list[_Draft], budget: Budget) -> list[tuple[Page, float, float]]:
    """The pages laid out larger than the budget (with their sizes), but those that cannot shrink.

    A page of one node and one stub cannot be split further; the others must fit (a
    node's many stubs are grouped, as a last resort, until they do). A page of two nodes
    splits too: a node and its child become the node and a stub, two siblings a page each.
    """
    return [
        (d.plan.page, d.width, d.height)
        for d in drafts
        if (len(d.plan.page.nodes) > 1 or len(d.plan.page.stubs) > 1) and not _fits(d, budget)
    ]


class _Draft(NamedTuple):
    """A page laid out with its numbers drawn as zeros (see :mod:`pagenumbers`), packed."""

    plan: PagePlan
    packed: bytes
    width: float
    height: float


def _spread(m: ArgumentMap, plan: PagePlan) -> tuple[tuple[str, int], ...]:
    """The page's arriving references whose sources are on more than one page, and how many.

    Such a reference's box is drafted as wide as that many page numbers (see
    :mod:`.pageinrefs`): a draft made while its sources were on two pages, kept after they
    came onto one, drew "p. 11" in a box made for two numbers (a worksheet's slide, 17 pt
    wider than its answer key's).
    """
    anchors = incoming_anchors(m, plan.page.nodes, plan.home)
    return tuple((name, n) for name, pages in anchors.items() if (n := len(set(pages))) > 1)


class _Drafter:
    """Lays pages out as drafts, each page once however often the map is planned.

    A draft's graph depends on what the page draws, never on the page numbers, so a page
    a new plan leaves as it was is neither built nor laid out again. The engine starts
    on a page once the plan has filled it (:meth:`early`), on every core: a context manager.

    While pages are laid out (under :func:`~argmap.deep.heap_frozen`), what the plans
    have made so far (hundreds of thousands of estimates and blocks, kept to the end) is
    frozen out of the cycle collector's full passes every few pages (:meth:`early`),
    which would otherwise scan it all again each time it grew by a quarter (about 1 s of
    CPU at 10,000 nodes); it is collected as usual once the pages are laid out.
    """

    def __init__(
        self,
        m: ArgumentMap,
        analysis: Analysis,
        options: RenderOptions,
        engine: EngineInfo,
        shown: list[str],
        budget: Budget,
    ) -> None:
        from argmap.exporters.diagram.enginepool import LayoutQueue

        self.m, self.analysis, self.options, self.engine = m, analysis, options, engine
        self.cut = cut_statements(m, options, shown)  # statements no page holds: go on
        self.more = {node_id: len(cut.parts) - 1 for node_id, cut in self.cut.items()}
        self.digits = len(str(len(shown) + sum(self.more.values())))  # and their pages
        self.kinds = options.sheet is None or not options.sheet.hides_kinds  # see PagePlan
        self.told, self.budget, self.heading = 0, budget, heading_room(budget)
        self.view_heading = heading_room(budget, view=bool(view_texts(m, options)))
        self.everyone = dict.fromkeys(shown, 0)  # each page's home, as a draft knows it
        self.across = options.direction in ("LR", "RL")
        self.lines: LineCache = {}  # node id -> its DOT line, for the pages' graphs (finish)
        self.shared = SharedLines()  # breadcrumb rows and the like, across pages and plans
        self.rows = RowsMemo()  # each box's rows as measured, till its label is made
        self.drawn: dict[Hashable, _Draft] = {}  # what a page draws -> its draft
        self.sized: dict[Hashable, _Draft] = {}  # rough tries' that overflowed: sizes alone
        self.queue: LayoutQueue[tuple[bytes, float, float]] = LayoutQueue(
            engine,
            kept,
            holds=budget.holds,
            map_name=options.map_name,
            workers_from=0 if len(shown) >= LAYOUT_WORKERS_FROM else None,
        )

    def __enter__(self) -> _Drafter:
        self.queue.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.queue.__exit__(*exc)

    def key(self, plan: PagePlan) -> Hashable:
        """What a page draws, numbers aside (and its lines if narrower, its ranks if closer)."""
        key = _Drafter.page_key(plan.page)
        key = (key, plan.ranksep) if plan.ranksep else key  # a page's ranks drawn closer
        key = (key, "cut", plan.cut_way) if plan.cut_way else key  # see cutways
        key = (key, "side", plan.link_side) if plan.link_side else key  # see trailonto
        key = (key, marks) if (marks := deck_marks(self.m, plan)) else key  # the key's rows
        key = (key, "from", spread) if (spread := _spread(self.m, plan)) else key
        return key if plan.narrow == self.options.narrow else (key, "narrow")

    @staticmethod
    def page_key(page: Page) -> Hashable:
        """What a page draws, numbers aside."""
        stubs = tuple((stub.parent, stub.tops, stub.hidden, stub.grouped) for stub in page.stubs)
        key = (page.key, page.key_columns)
        return (page.number == 1, page.trail, page.tops, page.nodes, stubs, page.wraps, key)

    def early(self, page: Page) -> None:
        """Start the engine on a page a plan has just filled, unless drawn or started before.

        Each page's graph is the same, as a draft, whichever pages the nodes end up on.
        """
        key = self.key(plan := self.plan(page, 0, self.everyone))  # its key's rows: a draft's
        self.told += 1
        if self.told % SETTLED_EVERY == 0:
            gc.freeze()  # the plan's memory so far lives to its end: see the class's note
        if key not in self.drawn and key not in self.queue:
            self.queue.add(key, self._source(plan))

    def lay_out(self, plans: list[PagePlan], rough: bool = False) -> list[_Draft]:
        """Lay out every page not drawn before, each as soon as its graph is built.

        The engine lays pages out on every core (in even shares) while the next pages'
        graphs are built and the finished ones packed: only a few pages' DOT and SVG are
        held at once besides the drafts (100,000 nodes: 37,000 pages). ``rough``: a page
        tried whose drawing overflows the budget is not finished (its SVG passes are
        skipped): its draft gives its size alone, its ``packed`` drawing empty.
        """
        laid = partial(self._laid, rough=rough)
        return with_cut_ways(self.m, laid(plans), laid, self.budget)

    def _laid(self, plans: list[PagePlan], rough: bool = False) -> list[_Draft]:
        """The drafts of :meth:`lay_out`, each plan's as it is."""
        made = {**self.sized, **self.drawn} if rough else self.drawn
        missing = {self.key(p): p for p in plans if self.key(p) not in made}
        self.queue.expect(sum(key not in self.queue for key in missing))
        for key, plan in missing.items():
            if key not in self.queue:
                self.queue.add(key, self._source(plan), rough)
        for key, plan in missing.items():
            got = self.queue.take(key)
            over = isinstance(got, Overflow)  # a rough try's: its size alone
            made[key] = draft = _Draft(plan, b"", *got) if over else _Draft(plan, *got)
            (self.sized if over else self.drawn)[key] = draft
        return [made[self.key(plan)]._replace(plan=plan) for plan in plans]

    def plan(self, page: Page, total: int, home: Mapping[str, int]) -> PagePlan:
        """A page's plan as drawn with these options, its heading no wider than it holds."""
        options = self.options
        return PagePlan(
            page,
            total,
            home,
            0,
            self.across,
            options.narrow,
            self.heading,
            options.direction,
            options.portrait,
            view_heading=self.view_heading,
            kinds=self.kinds,
        )

    def _source(self, plan: PagePlan) -> str:
        """The DOT of a page's draft."""
        draft = replace(plan, digits=self.digits)
        page = (self.m, self.analysis, self.options, draft)
        return to_digraph(*page, cache=self.shared, rows=self.rows).source

    def finish(self, draft: _Draft) -> LaidPage:
        """The page, its real numbers written in and its graph made when asked for."""
        plan = draft.plan

        def build() -> Digraph:
            return to_digraph(self.m, self.analysis, self.options, plan, cache=self.lines)

        def numbered(svg: str) -> str:
            return write_numbers(svg, self.m, plan, self.digits)

        return LaidPage(plan, draft.packed, draft.width, draft.height, build, numbered)


def _fits(draft: _Draft, budget: Budget) -> bool:
    """Whether a page's layout fits the drawing size its page holds at the legibility floor."""
    return budget.holds(draft.width, draft.height)


def page_svg(layout: Layout, page: LaidPage) -> str:
    """The page's SVG at the page's size, its drawing centred and scaled to fit.

    Every page of a diagram is one size, so a PDF or slide deck shows each at the floor or larger.
    """
    scale = layout.scale(page)
    view_w, view_h = layout.size.width / scale, layout.size.height / scale
    svg = page.svg
    match = SVG_SIZE.search(svg)
    if match is None:
        return svg
    x, y, w, h = (float(v) for v in match.group(4).split())
    left, up = (view_w - w) / 2, (view_h - h) / 2  # the drawing centred; its heading not
    svg = lift_heading(svg, left, up) if left > 0.5 or up > 0.5 else svg
    match = SVG_SIZE.search(svg)
    assert match is not None  # the heading comes after the size
    box = f"{x - left:.2f} {y - up:.2f} {view_w:.2f} {view_h:.2f}"
    head = (
        f'<svg{match.group(1)}width="{layout.size.width:.2f}pt" '
        f'height="{layout.size.height:.2f}pt" viewBox="{box}"'
    )
    return svg[: match.start()] + head + svg[match.end() :]
