"""Leaves a page left as stubs, drawn in full beside their parent where its layout has room."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from argmap.exporters.diagram.geometry import all_crossings
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Packed, numbered_anew
from argmap.exporters.diagram.pageorder import out_of_order, top_units
from argmap.exporters.diagram.pagetree import stub_name
from argmap.exporters.diagram.stacking import Wrap
from argmap.model import ArgumentMap, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page, Stub

__all__ = ["LEAF_NODES_MOST", "LEAF_WAVES", "Arrange", "leaves_home", "renamed"]

LEAF_WAVES: Final = 6
"""Rounds of layouts at most: a page's leaves all at once (its rows kept, then as the
planner makes them), then one leaf at a time (each try is one layout by the engine)."""

LEAF_NODES_MOST: Final = 3_000
"""A map of more statements keeps its leaves' stubs: at 10,000 nodes (1,600 A4 pages) the
tries took about 950 more layouts, a quarter more CPU, for two pages fewer, against the
goal of such a map in 10 s."""

Arrange = Callable[[Sequence[str], Sequence[str]], "tuple[Wrap, ...] | None"]
"""A page's rows as the planner makes them, from its tops and the nodes it draws in full."""


_D = TypeVar("_D", bound=Packed)


@dataclass(frozen=True)
class _Try:
    """Host pages drawing some of their leaves in full, and the pages the leaves leave."""

    hosts: dict[int, Page]
    """Each host's number -> the host drawing its leaves."""
    leaves: tuple[str, ...]
    left: dict[int, Page | None]
    """Each page the leaves were drawn on -> that page without them (None: nothing left)."""

    @property
    def drawn(self) -> list[Page]:
        """The pages the try draws: the hosts, then the pages left that draw something."""
        return [*self.hosts.values(), *(page for page in self.left.values() if page)]


def leaves_home(
    m: ArgumentMap,
    drafts: list[_D],
    drafter: Drafts[_D],
    budget: Budget,
    arrange: Arrange | None = None,
    across: bool = False,
) -> list[_D]:
    """The pages, each leaf left as a stub drawn in full on its parent's page where it fits.

    A page is planned by an estimate that runs larger than the engine's drawing, so a
    statement with nothing under it (a leaf) often became a stub beside its parent,
    "continues on p. N", on a page with room for it, and was drawn on a page of its own
    or among others: a page turn for one sentence (the flagship on A4 had twelve). Each
    such stub's leaf is drawn in full in its place, laid out to check that the page still
    fits its budget (the legibility floor) with its edges crossing no more, and leaves
    the page it was drawn on, which goes if nothing is left on it. Tried: a page of such
    leaves emptied, each onto its parent's page; a page's leaves all at once (its rows
    kept, then as the planner makes them: ``arrange``), then one at a time; every try of
    a round laid out together, for :data:`LEAF_WAVES` rounds. The pages are numbered
    anew, every stub pointing at its page's new number. ``across``: the pages run left to
    right (a drawing that puts a linked group out of file order is not kept).
    """
    if len(m) > LEAF_NODES_MOST:
        return drafts
    homing = _Homing(m, drafts, drafter, arrange, across)
    for wave in range(LEAF_WAVES):
        tries = homing.tries(wave)
        if not tries and wave >= 2:
            break
        # The hosts first; the pages left only where their hosts hold the leaves.
        hosts = homing.lay_out([page for t in tries for page in t.hosts.values()], rough=True)
        held = []
        for t in tries:
            drawn, hosts = hosts[: len(t.hosts)], hosts[len(t.hosts) :]
            if homing.holds(t, drawn, budget):
                held.append((t, drawn))
        going = [page for t, _ in held for page in t.left.values() if page]
        left = homing.lay_out(going, rough=True)
        for t, drawn in held:
            count = sum(1 for page in t.left.values() if page)
            homing.take(t, [*drawn, *left[:count]], budget)
            left = left[count:]
    if not homing.moved:
        return drafts
    kept = [page for page in homing.pages.values() if page is not None]
    new = _renumbered(kept, homing.gone)
    home = {node: page.number for page in new for node in page.nodes}
    return drafter.lay_out([drafter.plan(page, len(new), home) for page in new])


class _Homing(Generic[_D]):
    """The pages while leaves move home: what each draws, laid out, and what it may try."""

    def __init__(
        self,
        m: ArgumentMap,
        drafts: list[_D],
        drafter: Drafts[_D],
        arrange: Arrange | None,
        across: bool,
    ) -> None:
        self.m, self.drafter, self.arrange, self.across = m, drafter, arrange, across
        self.pages: dict[int, Page | None] = {d.plan.page.number: d.plan.page for d in drafts}
        self.drawn = {draft.plan.page.number: draft for draft in drafts}
        self.home = {node: d.plan.page.number for d in drafts for node in d.plan.page.nodes}
        self.gone: dict[int, int] = {}  # a page left empty -> the page that took its last leaf
        self.moved = False
        self.singles: dict[int, list[str]] = {}  # a host -> its leaves still to try one by one
        self.emptied: set[int] = set()  # pages of leaves tried emptied
        pages = [d.plan.page for d in drafts]  # a grouped stub's branches go on together
        self.grouped = {t for page in pages for s in page.stubs if s.grouped for t in s.tops}

    def leaves(self, page: Page) -> list[str]:
        """The leaves whose stubs the page draws beside their parent, that may move home."""
        out = []
        for stub in page.stubs:
            leaf = stub.tops[0]
            there = self.pages.get(self.home.get(leaf, 0))
            if leaf in self.grouped or there is None or there.key != ("", ""):
                continue
            if _leaf_stub(self.m, page, stub):
                out.append(leaf)
        return out

    def tries(self, wave: int) -> list[_Try]:
        """This round's tries: no page in two (as a host or a page left)."""
        claimed: set[int] = set()
        out: list[_Try] = []

        def claim(made: _Try | None) -> bool:
            if made is None or claimed & {*made.hosts, *made.left}:
                return False
            claimed.update({*made.hosts, *made.left})
            out.append(made)
            return True

        host_of = {leaf: n for n, page in self.pages.items() if page for leaf in self.leaves(page)}
        for number, page in self.pages.items():  # pages of leaves, emptied: once each
            if (
                page
                and page.nodes
                and number not in self.emptied
                and host_of.keys() >= set(page.nodes)
            ):
                groups: dict[int, list[str]] = {}
                for node in page.nodes:
                    groups.setdefault(host_of[node], []).append(node)
                made = self._try(groups)
                if made is None or claim(made):
                    self.emptied.add(number)
        for number, page in self.pages.items():  # a page's leaves: all, then one at a time
            leaves = self.leaves(page) if page is not None and number not in claimed else []
            if leaves and wave >= 2:
                singles = self.singles.setdefault(number, list(leaves))
                leaves = [leaf for leaf in singles if leaf in leaves][:1]
            if leaves and claim(self._try({number: leaves}, wave == 1)) and wave >= 2:
                self.singles[number].remove(leaves[0])
        return out

    def _try(self, groups: Mapping[int, Sequence[str]], arranged: bool = False) -> _Try | None:
        """Each host drawing its leaves in full (its rows, or the planner's), and pages left."""
        hosts = {}
        for number, leaves in groups.items():
            page = self.pages[number]
            assert page is not None, "a host draws the leaves' parents"
            hosts[number] = _with(self.m, page, leaves)
            if arranged:  # as lone pages' hosts are (see lonepages): not with a key or groups
                if (
                    self.arrange is None
                    or page.key != ("", "")
                    or any(s.grouped for s in page.stubs)
                ):
                    return None
                wraps = self.arrange(hosts[number].tops, hosts[number].nodes)
                if wraps is None or wraps == hosts[number].wraps:
                    return None
                hosts[number] = replace(hosts[number], wraps=wraps)
        left: dict[int, Page | None] = {}
        every = tuple(leaf for leaves in groups.values() for leaf in leaves)
        for leaf in every:
            number = self.home[leaf]
            there = left.get(number, self.pages[number])
            assert there is not None, "a leaf's page draws it"
            left[number] = _without(self.m, there, leaf)
        if any(p is not None and not self._may_leave(p) for p in left.values()):
            return None
        return _Try(hosts, every, left)

    def _may_leave(self, page: Page) -> bool:
        """Whether a page the leaves leave may stay as it is then.

        Not drawing one plain statement alone: a page that another pass would move, if
        any page had room (see :mod:`.lonepages`).
        """
        return len(page.nodes) > 1 or bool(page.stubs) or not _plain(self.m, page.nodes[0])

    def lay_out(self, pages: Sequence[Page], rough: bool = False) -> list[_D]:
        """The pages laid out (the stubs' numbers aside), the pages as numbered now.

        ``rough``: tries, each dropped if it overflows the budget before its drawing is
        looked at (see :meth:`holds`, :meth:`take`): such a page is not finished.
        """
        total = len(self.pages)
        plans = [self.drafter.plan(p, total, self.home) for p in pages]
        return self.drafter.lay_out(plans, rough)

    def _disordered(self, laid: _D) -> bool:
        """Whether a page's drawing puts a linked group out of file order among its tops.

        A page's rows change as a leaf joins or leaves it; the engine places a group's
        box as they pull it (see :func:`~.pageorder.keep_apart`).
        """
        units = top_units(self.m, laid.plan.page.tops)
        if len(units) < 2 or all(len(unit) == 1 for unit in units):
            return False
        return out_of_order(unpack(laid.packed), units, self.across)

    def holds(self, t: _Try, hosts: Sequence[_D], budget: Budget) -> bool:
        """Whether the hosts, laid out with their leaves, fit their budget and stay in order.

        A host's edges must cross no more than they did.
        """
        if not all(budget.holds(d.width, d.height) for d in hosts):
            return False
        if any(self._disordered(d) for d in hosts):
            return False
        return all(
            _crossed(d) <= _crossed(self.drawn[n]) for n, d in zip(t.hosts, hosts, strict=True)
        )

    def take(self, t: _Try, drawn: Sequence[_D], budget: Budget) -> None:
        """Draw the leaves on their hosts (as :meth:`holds`) if the pages left fit too.

        Their edges, too, must cross no more than they did.
        """
        left = drawn[len(t.hosts) :]
        if not all(budget.holds(d.width, d.height) for d in left):
            return
        if any(self._disordered(d) for d in left):
            return
        if any(_crossed(d) > _crossed(self.drawn[d.plan.page.number]) for d in left):
            return
        for d in drawn:
            self.pages[d.plan.page.number] = d.plan.page
            self.drawn[d.plan.page.number] = d
        host = next(iter(t.hosts))
        for number, page in t.left.items():
            if page is None:
                self.pages[number] = None
                self.gone[number] = host
                del self.drawn[number]
        for leaf in t.leaves:
            self.home[leaf] = next(n for n, page in t.hosts.items() if leaf in page.nodes)
        self.moved = True


def _leaf_stub(m: ArgumentMap, page: Page, stub: Stub) -> bool:
    """Whether a stub stands for one statement with nothing under it, beside its parent.

    Its parent drawn in full on the page, or in its breadcrumb where every node the page
    draws is plain (the leaf then a new top: beside a linked group, whose place is
    planned, it came out of file order). Plain statements only (see :func:`_plain`).
    """
    if stub.grouped or len(stub.tops) != 1 or stub.hidden != 1 or not _plain(m, stub.tops[0]):
        return False
    if stub.parent in page.nodes:
        return True
    return stub.parent in page.trail and all(_plain(m, node) for node in page.nodes)


def _plain(m: ArgumentMap, node_id: str) -> bool:
    """Whether a node is drawn by no rule of its own: no undercutter, linked group, conclusion.

    Those have their places planned (beside their target's arrow, in a group's box, at a
    "so" arrow's end).
    """
    node = m.get(node_id)
    return (
        node.relation is not Relation.UNDERCUTS
        and node.group is None
        and node.kind is not NodeKind.CONCLUSION
    )


def _with(m: ArgumentMap, page: Page, leaves: Sequence[str]) -> Page:
    """The page drawing the leaves in full, each in its stub's place in the page's rows.

    A leaf whose parent is in the breadcrumb becomes one of the page's tops.
    """
    names = {stub_name((leaf,)): leaf for leaf in leaves}
    where, anchor = page.key
    hung = [leaf for leaf in leaves if m.get(leaf).parent not in page.nodes]
    return replace(
        page,
        tops=tuple(sorted((*page.tops, *hung), key=m.position)),
        nodes=tuple(sorted((*page.nodes, *leaves), key=m.position)),
        stubs=tuple(s for s in page.stubs if s.grouped or s.tops[0] not in leaves),
        wraps=tuple(renamed(wrap, names) for wrap in page.wraps),
        key=(where, names.get(anchor, anchor)),
    )


def _without(m: ArgumentMap, page: Page, leaf: str) -> Page | None:
    """The page without the leaf (one of its tops), or None if it drew nothing else.

    Its rows lose the leaf's box, its breadcrumb the ancestors no other top hangs from.
    """
    nodes = tuple(node for node in page.nodes if node != leaf)
    if not nodes:
        return None
    tops = tuple(top for top in page.tops if top != leaf)
    still = {a for top in tops for a in _ancestors(m, top)}
    only = set(_ancestors(m, leaf)) - still
    trail = tuple(node for node in page.trail if node not in only)
    wraps = tuple(w for w in (_dropped(wrap, leaf) for wrap in page.wraps) if w is not None)
    return replace(page, tops=tops, nodes=nodes, trail=trail, wraps=wraps)


def _ancestors(m: ArgumentMap, node_id: str) -> list[str]:
    """The node's ancestors, nearest first (bounded by the tree's depth)."""
    out = []
    parent = m.get(node_id).parent
    while parent is not None:
        out.append(parent)
        parent = m.get(parent).parent
    return out


def _dropped(wrap: Wrap, name: str) -> Wrap | None:
    """A wrap without one item: its row shorter, its holds on it gone (None: no rows left)."""
    rows = tuple(r for r in (tuple(i for i in row if i != name) for row in wrap.rows) if r)
    if not rows:
        return None
    return wrap._replace(
        rows=rows,
        holds=tuple(pair for pair in wrap.holds if name not in pair),
        columns=tuple(pair for pair in wrap.columns if name not in pair),
    )


def renamed(wrap: Wrap, names: Mapping[str, str]) -> Wrap:
    """A wrap naming the boxes in ``names`` by their new names (a stub's, its node's)."""

    def new(name: str) -> str:
        return names.get(name, name)

    return wrap._replace(
        rows=tuple(tuple(map(new, row)) for row in wrap.rows),
        holds=tuple((new(item), new(anchor)) for item, anchor in wrap.holds),
        columns=tuple((new(item), new(anchor)) for item, anchor in wrap.columns),
    )


def _crossed(laid: Packed) -> int:
    """How many pairs of a drawing's tree edges cross, apart or before they meet."""
    return all_crossings(unpack(laid.packed))


def _renumbered(pages: Sequence[Page], gone: Mapping[int, int]) -> list[Page]:
    """The pages kept, numbered anew: a page left empty takes its last leaf's host's number."""
    number = {page.number: i for i, page in enumerate(pages, start=1)}
    for old, host in gone.items():
        while host in gone:  # bounded: a host is never a page left empty
            host = gone[host]
        number[old] = number[host]
    return numbered_anew(pages, number)
