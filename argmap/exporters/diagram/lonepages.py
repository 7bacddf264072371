"""Pages that draw a statement or two alone: moved onto a page with room for them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from argmap.exporters.diagram.conclusionshare import share_pages
from argmap.exporters.diagram.geometry import all_crossings
from argmap.exporters.diagram.keyshare import key_shared
from argmap.exporters.diagram.leafhome import Arrange, leaves_home
from argmap.exporters.diagram.leafhome import renamed as renamed_wrap
from argmap.exporters.diagram.lonerows import lone_rows
from argmap.exporters.diagram.overviewfill import fuller_overview_rows
from argmap.exporters.diagram.overviewlanes import straight_overview_stubs
from argmap.exporters.diagram.overviewstubs import split_overview_stubs
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pageestimate import Unit
from argmap.exporters.diagram.pagefill import Pager
from argmap.exporters.diagram.pagemerge import Drafts, Packed, numbered_anew
from argmap.exporters.diagram.pageorphans import ALONE
from argmap.exporters.diagram.pagetree import stub_name
from argmap.exporters.diagram.siblingshare import share_sibling_pages
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.wholepage import CLOSER, whole_page
from argmap.model import ArgumentMap, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page

__all__ = ["HOSTS_TRIED", "Arrange", "fewer_pages", "host_lone_pages", "lone", "planned_rows"]

HOSTS_TRIED: Final = 3
"""Pages a lone branch is laid out on at most (each try is one layout by the engine)."""


_D = TypeVar("_D", bound=Packed)


def fewer_pages(
    m: ArgumentMap,
    drafts: list[_D],
    drafter: Drafts[_D],
    budget: Budget,
    planned: tuple[Pager | None, bool],
) -> list[_D]:
    """The pages laid out, with pages that draw little drawn together where they fit.

    Conclusions drawn apart from page 1 (see :func:`~.conclusionshare.share_pages`;
    not left to right), then lone branches (see :func:`host_lone_pages`), then, top down,
    siblings' pages (see :func:`~.siblingshare.share_sibling_pages`), lone branches at
    their stubs again (see :func:`~.lonerows.lone_rows`), a small map's pages all on one
    (see :func:`~.wholepage.whole_page`), the overview's grouped stub split (see
    :func:`~.overviewstubs.split_overview_stubs`), its stubs in fewer rows where they fit
    (see :func:`~.overviewfill.fuller_overview_rows`), its stubs in rows that loop put in
    one row (see :func:`~.overviewlanes.straight_overview_stubs`), and, top down, a key
    alone on a page drawn on one with room (see :func:`~.keyshare.key_shared`). ``planned``: the
    pager that planned the pages (for its rows and estimates), and whether they run left
    to right.
    """
    pager, across = planned
    drafts = drafts if across else share_pages(m, drafts, drafter, budget)
    arrange = None if pager is None else planned_rows(pager)
    drafts = leaves_home(m, drafts, drafter, budget, arrange, across)
    drafts = host_lone_pages(m, drafts, drafter, budget, arrange)
    if not across:  # what is left, with ranks closer too; then siblings' pages
        drafts = share_pages(m, drafts, drafter, budget, CLOSER)
        drafts = share_sibling_pages(m, drafts, drafter, budget)
        drafts = lone_rows(m, drafts, drafter, budget, lone)
    if not across and pager is not None:
        drafts = whole_page(drafts, drafter, budget, pager)
        drafts = split_overview_stubs(m, drafts, drafter, budget)
        drafts = fuller_overview_rows(m, drafts, drafter, budget)
    drafts = straight_overview_stubs(m, drafts, drafter, budget)
    if across or pager is None:
        return drafts
    return key_shared(drafts, drafter, budget)


def host_lone_pages(
    m: ArgumentMap,
    drafts: list[_D],
    drafter: Drafts[_D],
    budget: Budget,
    arrange: Arrange | None = None,
) -> list[_D]:
    """The pages, each lone branch drawn on a page with room for it, where one has.

    A lone branch is a page's whole drawing of a statement or two (see :func:`lone`): its
    page was planned when the pages beside it looked full by the planner's estimate,
    which runs larger than the engine's drawing (1,500 generated nodes on A4: three
    pages of one box each, every one with room for it on the page of a sibling). It
    goes, laid out to check that the page still fits its budget, onto the page of its
    stub, in its stub's place beside its parent; else onto the page of a sibling branch,
    hung from the same breadcrumb row (the nearest such pages first, a few at most).
    On each, as the host's rows were, the branch where its stub was or beside the tops;
    else in rows as the planner makes them (``arrange``: a narrow page's tops in rows).
    The pages after it are numbered on, every stub and key pointing to its page's new
    number. ``drafts``: every page, laid out, page 1 first.
    """
    hosting = _Hosting(m, drafts, drafter, arrange)
    for wave in range(2 * HOSTS_TRIED):  # each lone page's first tries, then its next
        tries = [(n, t[wave]) for n in hosting.waiting if len(t := hosting.trials(n)) > wave]
        hosting.lay_out([trial for _, trial in tries])  # side by side, on every core
        for number, _ in tries:  # in page order, each as the pages are now
            trials = hosting.trials(number) if number in hosting.waiting else []
            if len(trials) > wave and hosting.holds(trials[wave], budget):
                hosting.move(number, trials[wave])
    if not hosting.gone:
        return drafts
    kept = [page for number, page in hosting.pages.items() if number not in hosting.gone]
    new = _renumbered(kept, hosting.gone)
    home = {node: page.number for page in new for node in page.nodes}
    return drafter.lay_out([drafter.plan(page, len(new), home) for page in new])


class _Hosting(Generic[_D]):
    """The pages while lone branches move: which are lone, which may host them, as laid out."""

    def __init__(
        self, m: ArgumentMap, drafts: list[_D], drafter: Drafts[_D], arrange: Arrange | None
    ) -> None:
        self.m, self.drafter, self.arrange = m, drafter, arrange
        self.pages = {draft.plan.page.number: draft.plan.page for draft in drafts}
        self.drawn = {draft.plan.page.number: draft for draft in drafts}  # as laid out now
        self.home = {node: page.number for page in self.pages.values() for node in page.nodes}
        self.gone: dict[int, int] = {}  # lone page -> the page that now draws it
        grouped = {t for p in self.pages.values() for s in p.stubs if s.grouped for t in s.tops}
        self.waiting = dict.fromkeys(  # the lone pages, while they wait for a host
            n for n, p in self.pages.items() if lone(m, p) and not grouped & set(p.tops)
        )
        self.stub_on = {s.tops: p.number for p in self.pages.values() for s in p.stubs}
        self.hung: dict[str | None, set[int]] = {}  # a parent -> the pages of tops it has
        for page in self.pages.values():
            for top in page.tops:
                self.hung.setdefault(m.get(top).parent, set()).add(page.number)

    def trials(self, number: int) -> list[Page]:
        """The lone page's branch on each page that may host it, in the order tried."""
        page = self.pages[number]
        stub = self.stub_on.get(page.tops, 0)
        near = self.hung.get(self.m.get(page.tops[0]).parent, set())
        order = dict.fromkeys([stub, *sorted(near, key=lambda n: (abs(n - number), n))])
        hosts = [self.pages[n] for n in order if n not in (0, 1, number) and n not in self.gone]
        return _trials(self.m, hosts[:HOSTS_TRIED], page, self.arrange)

    def lay_out(self, trials: Sequence[Page]) -> list[_D]:
        """The trials laid out (the stubs' numbers aside), the pages as numbered now."""
        total, home = len(self.pages), self.home
        return self.drafter.lay_out([self.drafter.plan(t, total, home) for t in trials])

    def holds(self, trial: Page, budget: Budget) -> bool:
        """Whether a host page with the branch fits its budget, its edges crossing no more."""
        laid = self.lay_out([trial])[0]
        fits = budget.holds(laid.width, laid.height)
        if fits and _crossed(laid) <= _crossed(self.drawn[trial.number]):
            self.drawn[trial.number] = laid
            return True
        return False

    def move(self, number: int, host: Page) -> None:
        """Draw the lone page's branch on the host page (as ``host``), not on its own."""
        self.pages[host.number] = host
        self.gone[number] = host.number
        del self.waiting[number]
        self.waiting.pop(host.number, None)  # a host stays: what it draws now is not lone
        for top in host.tops:
            self.hung.setdefault(self.m.get(top).parent, set()).add(host.number)


def _crossed(laid: Packed) -> int:
    """How many pairs of a drawing's tree edges cross, apart or before they meet."""
    return all_crossings(unpack(laid.packed))


def lone(m: ArgumentMap, page: Page) -> bool:
    """Whether a page draws whole branches of one parent, :data:`ALONE` statements at most.

    Nothing else: no stub, no key; not page 1. Plain statements only (see :func:`_plain`).
    """
    parents = {m.get(top).parent for top in page.tops}
    return (
        page.number > 1
        and 0 < len(page.nodes) <= ALONE
        and not page.stubs
        and page.key == ("", "")
        and len(parents) == 1
        and None not in parents
        and all(_plain(m, node) for node in page.nodes)
    )


def _plain(m: ArgumentMap, node_id: str) -> bool:
    """Whether a node is drawn by no rule of its own: no undercutter, linked group, conclusion.

    Those have their places planned (beside their target's arrow, in a group's box, at a
    "so" arrow's end); moved beside other tops, an undercutter's arrow missed its junction.
    """
    node = m.get(node_id)
    return (
        node.relation is not Relation.UNDERCUTS
        and node.group is None
        and node.kind is not NodeKind.CONCLUSION
    )


def _trials(
    m: ArgumentMap, hosts: Sequence[Page], page: Page, arrange: Arrange | None
) -> list[Page]:
    """The host pages drawing the lone page's branch too, in the order they are tried.

    On each host, the branch in its stub's place (the host's rows kept, the stub's name
    in them now the node's), or as a new top among tops in one row (a new top in rows of
    them would take another's place, its arrow into the breadcrumb too); then in rows as
    the planner makes them, if they differ.
    """
    trials = []
    for host in hosts:
        new, kept = _with(m, host, page)
        if new.tops != host.tops and not all(_plain(m, node) for node in host.nodes):
            continue  # a new top beside planned places (see _plain): not tried
        if kept:
            trials.append(new)
        if arrange is None or any(s.grouped for s in host.stubs) or host.key != ("", ""):
            continue
        wraps = arrange(new.tops, new.nodes)
        if wraps is not None and not (kept and wraps == new.wraps):
            trials.append(replace(new, wraps=wraps))
    return trials


def _with(m: ArgumentMap, host: Page, page: Page) -> tuple[Page, bool]:
    """The host page drawing the lone page's branch too, and whether its rows hold it.

    Its rows hold it in its stub's place, or beside the host's tops in one row.
    """
    place = m.position
    stub = next((s for s in host.stubs if s.tops == page.tops), None)
    renamed = {stub_name(page.tops): page.tops[0]} if stub is not None else {}
    tops, kept = host.tops, True
    if stub is None or stub.parent not in host.nodes:  # hung from the breadcrumb
        rows = any(w.parent == TRAIL and len(w.rows) > 1 for w in host.wraps)
        tops = tuple(sorted((*host.tops, *page.tops), key=place))
        kept = stub is not None or not rows
    wraps = [renamed_wrap(wrap, renamed) for wrap in host.wraps]
    wraps += [wrap for wrap in page.wraps if wrap.parent != TRAIL]
    where, anchor = host.key
    new = replace(
        host,
        tops=tops,
        nodes=tuple(sorted((*host.nodes, *page.nodes), key=place)),
        stubs=tuple(s for s in host.stubs if s is not stub),
        wraps=tuple(wraps),
        key=(where, renamed.get(anchor, anchor)),
    )
    return new, kept


def planned_rows(pager: Pager) -> Arrange:
    """The rows a page's planner makes (see :meth:`~.pagefill.Pager.kept`), as ``arrange``."""

    def arrange(tops: Sequence[str], nodes: Sequence[str]) -> tuple[Wrap, ...] | None:
        if not all(node in pager.order for node in nodes):
            return None  # drawn apart (a conclusion's branch), planned by another pager
        units = list(dict.fromkeys(_unit(pager, top) for top in tops))
        kept = pager.width, pager.height
        pager.width, pager.height = pager.full_size  # as a page is recorded when numbered
        try:
            return pager.kept(units, frozenset(nodes), None, {}, record=True).wraps
        finally:
            pager.width, pager.height = kept

    return arrange


def _unit(pager: Pager, top: str) -> Unit:
    """The unit (a linked group, or the node alone) a page's top starts."""
    parent = pager.parent.get(top)
    units = pager.units(parent) if parent is not None else []
    return next((unit for unit in units if top in unit), (top,))


def _renumbered(pages: Sequence[Page], gone: Mapping[int, int]) -> list[Page]:
    """The pages kept, numbered anew: a lone page's number becomes its host's."""
    number = {page.number: i for i, page in enumerate(pages, start=1)}
    number |= {lone: number[host] for lone, host in gone.items()}
    return numbered_anew(pages, number)
