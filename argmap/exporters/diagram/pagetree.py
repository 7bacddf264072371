"""The map's tree as a diagram's pages see it: children, units that go together, stubs, trails."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.arriving import INCOMING, split_incoming
from argmap.exporters.diagram.measure import narrow_page
from argmap.exporters.diagram.pageblocks import ONE_GROUP, Unit
from argmap.exporters.diagram.pagecrumbs import TRAIL_ROWS, Breadcrumbs
from argmap.exporters.diagram.pagerefs import in_ref_size, ref_size
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.stacking import Item
from argmap.exporters.diagram.stubbeside import stubs_beside
from argmap.exporters.diagram.stublabels import (
    Counted,
    Lasts,
    grouped_stub_lines,
    stub_box,
    stub_label_lines,
)
from argmap.exporters.diagram.stubstatus import (
    GROUP_TAG,
    stub_standing,
    stub_tagged,
    stub_word,
    tagged,
)
from argmap.model import ArgumentMap, Node, Relation

__all__ = ["TRAIL_ROWS", "Measure", "PageTree", "stub_name"]

Measure = Callable[[Node], tuple[float, float]]
"""A node's box size in points, as the diagram draws it (top-to-bottom)."""

_AGAINST: Final = frozenset({Relation.ATTACKS, Relation.UNDERCUTS})
"""The relations of a branch that argues against its parent (see :meth:`PageTree.left_out`)."""

FIRST: Final = ""
"""The parent the pages see above a focus's linked group, drawn nowhere (no id is empty)."""


def _drawn(node_id: str, drawable: Set[str] | None) -> bool:
    """Whether some page draws ``node_id`` (``drawable``: what pages draw; None: every node)."""
    return drawable is None or node_id in drawable


def stub_name(tops: Sequence[str]) -> str:
    """The graph's name for the stub of branches starting at ``tops``."""
    return f"stub {tops[0]}"


class PageTree(Breadcrumbs):
    """The map's tree as pages see it: each node's children, units, stubs and breadcrumb.

    ``lead``: ancestors drawn elsewhere, atop every breadcrumb (see :func:`paging.paginate`).
    """

    sides = True
    """Whether grouped stubs keep the branches for a node apart from those against it: not
    on a label worksheet, whose drawing must not tell the kinds (see :meth:`_shares`)."""

    context = False
    """Whether the ``lead`` is the context of a focus (``--focus``): the first page is
    still the overview of what is drawn (its key, its stubs), below that breadcrumb."""

    @property
    def overview(self) -> bool:
        """Whether the page of the root is an overview (no ``lead``, or a focus's context)."""
        return not self.lead or self.context

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
        self.m, self.lead = m, tuple(lead)
        self.standing: Mapping[str, str] = getattr(measure, "standing", {})  # see stubstatus
        self.task = False  # a worksheet: its key, the instructions, stays on page 1
        self.horizontal, self.narrow = horizontal, narrow_page(budget.width, horizontal)
        self.upright = budget.width < budget.height  # (see PagePlan.upright)
        stacked = self.upright and not horizontal
        self.beside = stubs_beside(m, self.narrow, stacked) if self.sides else False
        self.order = order = {node_id: i for i, node_id in enumerate(shown)}
        self.node = {node_id: m.get(node_id) for node_id in shown}
        self.children: dict[str, list[str]] = {node_id: [] for node_id in shown}
        self.parent: dict[str, str | None] = {}
        for node_id in shown:
            parent = self.node[node_id].parent
            self.parent[node_id] = parent if parent in order else None
            if parent is not None and parent in order:
                self.children[parent].append(node_id)
        self._against = frozenset(i for i in shown if self.node[i].relation in _AGAINST)
        """The nodes that argue against their parent (see :meth:`against`), looked up once."""
        cut = (self.parent[i] for i in shown if self.node[i].relation is Relation.UNDERCUTS)
        self.undercut = frozenset(p for p in cut if p is not None)
        """The nodes with an undercutter among their children (most pages' tops have none)."""
        self._kinds: dict[str, str] = {}
        self.sizes = {node_id: self._size(measure(self.node[node_id])) for node_id in shown}
        self.weight = self._subtree_sizes(shown)
        self.links, self.linked_from = self._cross_links(shown, drawable)
        self.root = shown[0]
        group = self.node[self.root].group
        led = shown if group is not None else ()  # a focus's group leads (see first_units)
        first = [i for i in led if self.parent[i] is None and self.node[i].group == group]
        self.first: Unit = tuple(first) or (self.root,)
        """What page 1 starts from: the root, or the linked group it leads (a focus's group)."""
        self._tops: dict[str, str] = {}  # each node's own top, when the first unit has several
        if len(self.first) > 1:  # the group's parent, drawn nowhere: its units (see first_units)
            self.children[FIRST] = list(self.first)
        for node_id in led if len(self.first) > 1 else ():
            self._tops[node_id] = self._tops.get(self.parent[node_id] or "", node_id)
        self.digits = len(str(len(shown) + len(above)))
        self._count = len(shown) + len(above)
        self.more: Mapping[str, int] = {}
        """Statements no page holds: node id -> the pages it goes on over after its own."""
        self._stubs: dict[tuple[Unit, bool], Item] = {}
        self._lasts: dict[str, Lasts] = {}  # by parent: see stub_item
        self._units: dict[str, list[Unit]] = {}
        self._trails: dict[str, tuple[str, ...]] = {}
        self._flat: tuple[Sequence[Unit], tuple[str, ...], list[int]] = ((), (), [0])

    def _cross_links(
        self, shown: Sequence[str], drawable: Set[str] | None
    ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Each shown node's cross-link targets, and each one's sources among the shown.

        Every cross-link to a node some page draws: one to a node these pages do not draw
        (under a conclusion drawn apart, say) is drawn as a reference to that node's page
        too; one to a node no page draws (a focus's context, a branch outside it) is not.
        """
        links = {
            node_id: [t for link in self.node[node_id].links if _drawn(t := link.to, drawable)]
            for node_id in shown
        }
        linked_from: dict[str, list[str]] = {node_id: [] for node_id in shown}
        for node_id, targets in links.items():
            for target in targets:
                if target in self.order:
                    linked_from[target].append(node_id)
        return links, linked_from

    def _conclusion_stub(self, tops: str, count: int) -> tuple[float, float]:
        """The size of the stub of conclusions ``tops`` (ids joined by commas) on page 1."""
        page = "0" * self.digits
        ids = tops.split(",")
        if len(ids) == 1:
            lines = stub_label_lines(self.m.get(ids[0]).text, count - 1, page, narrow=self.narrow)
            word = self.stub_word(ids[0])
            return self._size(stub_box(tagged(lines, None, False, word, self.beside)))
        kinds = [draw_kind(self.m, self.m.get(i)).value for i in ids]
        return self._size(stub_box(grouped_stub_lines(kinds, count, page, narrow=self.narrow)))

    def ref_size(self, target: str) -> tuple[float, float]:
        """The size of a reference to ``target`` drawn on another page (see :func:`ref_size`)."""
        if target.startswith(INCOMING):  # arriving from there (see pageinrefs)
            how, sources = split_incoming(target)
            return self._size(in_ref_size(how, len(sources), self.digits, self.upright))
        text = self.m.get(target).text
        return self._size(ref_size(text, self.digits, self.horizontal, self.narrow, self.upright))

    def share(self, top: str) -> tuple[float, float]:
        """The share of the page (the planner's way round) a page starting at ``top`` takes.

        All of it; a pager plans a page laid out too big once to less (see ``Pager``).
        """
        return (1.0, 1.0)

    def _size(self, size: tuple[float, float]) -> tuple[float, float]:  # LR: the two swap
        return (size[1], size[0]) if self.horizontal else size

    def _subtree_sizes(self, shown: Sequence[str]) -> dict[str, int]:
        weight = dict.fromkeys(shown, 1)
        for node_id in reversed(shown):  # document order lists parents before children
            for child in self.children[node_id]:
                weight[node_id] += weight[child]
        return weight

    def units(self, parent: str) -> list[Unit]:
        """The parent's children as units that go together, in file order (see the estimator)."""
        raise NotImplementedError

    def first_units(self, root: str) -> tuple[Unit, ...]:
        """The units a plan from ``root`` starts with: the root's, or a focus's linked group's.

        A focus on a linked group (or a premise of one) starts its pages at the group, below
        the breadcrumb of its parent: the parent drawn in full took page 1 with a stub of the
        group. The group goes in parts where it is too wide for a page, as under a parent.
        """
        if root != self.root or len(self.first) < 2:
            return ((root,),)
        return tuple(self.units(FIRST))

    def after(self, units: Sequence[Unit], taken: int) -> tuple[str, ...]:
        """The members of ``units`` after the first ``taken``, in order.

        A page's fill asks this of one list of units for every unit it tries: flattened
        once (kept for the last tuple asked about, by identity), each answer is a slice.
        """
        kept, flat, starts = self._flat
        if kept is not units or not isinstance(units, tuple):
            flat = tuple([c for unit in units for c in unit])
            starts = list(itertools.accumulate((len(unit) for unit in units), initial=0))
            self._flat = (units, flat, starts)
        return flat[starts[min(taken, len(units))] :]

    def as_units(self, tops: Sequence[str]) -> tuple[Unit, ...]:
        """Siblings ``tops`` cut into units: a linked group's members (a part's) stay together."""
        parent = self.parent[tops[0]] if tops else None
        part = {c: unit for unit in self.units(parent) for c in unit} if parent else {}
        units: list[list[str]] = []
        for top in tops:
            unit = part.get(top, (top,))
            if units and len(unit) > 1 and part.get(units[-1][0]) == unit:
                units[-1].append(top)
            else:
                units.append([top])
        return tuple(tuple(unit) for unit in units)

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

        ``most``: how many get a stub each (None: all), shared between the branches for the
        node and those against it; each side's others share a grouped stub (see
        :meth:`_shares`). :data:`ONE_GROUP`: one grouped stub for them all.
        """
        units = self.units(node_id)  # a unit of one child (the usual one) as it is:
        rest = [u if len(u) == 1 else tuple([c for c in u if c not in full]) for u in units]
        rest = self._joined([left for left in rest if left and left[0] not in full])
        if not rest:
            return []
        most = len(rest) if most is None else most
        if len(rest) <= max(most, 0) + 1:
            return [(unit, False) for unit in rest]
        if most == ONE_GROUP:
            return [(tuple(c for unit in rest for c in unit), True)]
        out: list[tuple[Unit, bool]] = []
        for side, share in self._shares(rest, most):
            if len(side) <= share + 1:
                out += [(unit, False) for unit in side]
            else:
                out += [(unit, False) for unit in side[:share]]
                out.append((tuple(c for unit in side[share:] for c in unit), True))
        return sorted(out, key=lambda stub: self.order[stub[0][0]])

    def _joined(self, units: list[Unit]) -> list[Unit]:
        """Units left out, a linked group's parts one unit: one stub, one arrow, for the group.

        A group of twelve over four upright pages drew, under its claim on page 1, a stub
        of each of its three parts left out, each with its arrow: three reasons, to a reader.
        """
        out: list[Unit] = []
        for unit in units:
            group = self.node[unit[0]].group
            if out and group is not None and self.node[out[-1][0]].group == group:
                out[-1] = (*out[-1], *unit)
            else:
                out.append(unit)
        return out

    def go_on(self, more: Mapping[str, int]) -> None:
        """Know the statements no page holds (see :attr:`more`), before any stub is sized."""
        self.more = more
        self.digits = len(str(self._count + sum(more.values())))

    def spans(self, tops: Unit, grouped: bool = False) -> bool:
        """Whether a stub of ``tops`` names pages, not a page (``pp. 2–4``).

        A linked group's several parts (see :meth:`spread`), or one statement drawn over
        several pages.
        """
        return self.spread(tops, grouped) or (len(tops) == 1 and tops[0] in self.more)

    def spread(self, tops: Unit, grouped: bool = False) -> bool:
        """Whether ``tops`` join several parts of a linked group (see :meth:`_joined`).

        Not a ``grouped`` stub's: it counts its branches (the last of them a group's parts).
        """
        parent, group = self.parent[tops[0]], self.node[tops[0]].group
        if grouped or len(tops) < 2 or parent is None or group != self.node[tops[-1]].group:
            return False
        return not any(tops[0] in unit and tops[-1] in unit for unit in self.units(parent))

    def _shares(self, units: Sequence[Unit], most: int) -> list[tuple[list[Unit], int]]:
        """The units for their parent and those against it, each with its single stubs.

        Where only ``most`` branches get a stub each, the two sides share them in proportion
        (the side against one at least, when there are two to share), and each side's others
        get a grouped stub of its own: the objections of a thesis with two dozen reasons
        are named on its page, in an objection's colours and with its arrow, not counted
        inside the reasons' stub.
        """
        side = self._against if self.sides else frozenset()
        against = [u for u in units if u[0] in side]
        pro = [u for u in units if u[0] not in side]
        if not against or not pro:
            return [(pro or against, most)]
        least = 1 if most >= 2 else 0
        con = min(len(against), max(least, round(most * len(against) / len(units))))
        con = max(con, most - len(pro))
        return [(pro, most - con), (against, con)]

    def against(self, node_id: str) -> bool:
        """Whether the branch at ``node_id`` argues against its parent (attacks, undercuts).

        Never where the pages do not tell the sides (see :attr:`sides`).
        """
        return self.sides and node_id in self._against

    def stub_item(self, tops: Unit, grouped: bool) -> Item:
        """The row item of a stub for the branches starting at ``tops``."""
        key = (tops, grouped)  # not tops[0] alone: a linked group may be stubbed in part
        item = self._stubs.get(key)
        if item is None:
            page = "0" * self.digits
            if grouped and len(tops) > 1:  # (one branch: its statement, as a stub of its own)
                hidden, kinds = self._counted(tops)
                lines = grouped_stub_lines(kinds, hidden, page, narrow=self.narrow)
                size = stub_box(tagged(lines, stub_standing(self.standing, tops)))
            else:
                more = sum(self.weight[t] for t in tops) - 1
                page = f"{page}–{page}" if self.spans(tops) else page
                text = self.node[tops[0]].text
                linked = len(tops) > 1  # (a linked group, or a part of one)
                lines = stub_label_lines(text, more, page, narrow=self.narrow, linked=linked)
                group = self.node[tops[0]].group if linked else None
                word = self.stub_word(tops[0], linked)
                said = stub_tagged(lines, self.standing, tops[:1], group, word, self.beside)
                size = stub_box(said)
            name = stub_name(tops)
            width, height = self._size(size)
            item = self._stubs[key] = Item(name, width, (height,), name)
        return item

    def _counted(self, tops: Unit) -> tuple[int, Counted | list[str]]:
        """A grouped stub's nodes in all and its branches' kinds (counted, where they can be).

        The siblings a page leaves on a grouped stub are the last of their parent's
        children, the fewer the further down the list the pages go: each such stub was
        counted anew, branch by branch (5,000 reasons under one thesis: a third of the
        planning). They are counted once for all, from the end.
        """
        parent = self.parent[tops[0]]
        if parent is not None:
            lasts = self._lasts.get(parent)
            if lasts is None:
                lasts = self._lasts[parent] = Lasts(self.children[parent], self._kind, self.weight)
            found = lasts.of(tops)
            if found is not None:
                return found
        return sum(self.weight[t] for t in tops), [self._kind(t) for t in tops]

    def stub_word(self, node_id: str, linked: bool = False) -> str:
        """The kind a stub of the branch from ``node_id`` names (see :func:`~.stubstatus.tagged`).

        None on a label worksheet (see :attr:`sides`), whose drawing hides kinds.
        """
        if not self.sides:
            return ""
        if linked:
            return GROUP_TAG[0]
        node = self.node.get(node_id) or self.m.get(node_id)
        return stub_word(node, draw_kind(self.m, node))

    def _kind(self, node_id: str) -> str:
        """The kind a node is drawn as (see :func:`draw_kind`), worked out once."""
        kind = self._kinds.get(node_id)
        if kind is None:
            kind = self._kinds[node_id] = draw_kind(self.m, self.node[node_id]).value
        return kind
