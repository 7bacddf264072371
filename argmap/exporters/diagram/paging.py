"""Pages of a diagram: which nodes each page draws in full, which branches it leaves as stubs."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import partial

from argmap.exporters.diagram import pagekey
from argmap.exporters.diagram.pagechains import gathers
from argmap.exporters.diagram.pageestimate import TRAIL_ROWS, Measure, Unit
from argmap.exporters.diagram.pagefill import Pager
from argmap.exporters.diagram.pagekey import key_over
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.pagestubs import Stub
from argmap.exporters.diagram.stacking import Wrap
from argmap.exporters.diagram.topsabreast import Abreast, abreast_of, hung_under
from argmap.model import ArgumentMap

__all__ = ["TRAIL_ROWS", "Measure", "Page", "Pager", "PlanMemo", "Stub", "Wrap", "paginate"]


@dataclass(frozen=True)
class Page:
    """One page of a diagram.

    Attributes:
        number: 1 for the overview, then in reading order.
        trail: the ancestors of the page's top nodes drawn compactly above them, in
            document order: the root and each top's nearest ones (empty on page 1).
        tops: the nodes the page starts from: the first node of each branch it draws.
        nodes: every node the page draws in full, in document order.
        stubs: the branches it leaves to other pages, in file order.
        estimate: the drawing's estimated width and height in points.
        wraps: the sibling sets drawn in rows, each row below the one before.
        key: on the overview, where the key goes: ``("same", ID)`` on the rank of node
            ID (the root, or the topmost conclusion), ``("bottom", "")`` on the lowest
            rank, ``("below", ID)`` below node ID (``("next", ID)``: left to right, in a
            column after ID's), ``("page", "N")`` on page N (there the
            key is ``("below", ID)``, for the whole map).
        key_columns: 2 on the page with the map's key where it fits only in two columns,
            3 only in two with its longest words wrapped (see :func:`.legend.legend_label`).
        abreast: its tops' rows side by side, tried once laid out (see :mod:`.topsabreast`).
    """

    number: int
    trail: tuple[str, ...]
    tops: tuple[str, ...]
    nodes: tuple[str, ...]
    stubs: tuple[Stub, ...] = field(default=())
    estimate: tuple[float, float] = (0.0, 0.0)
    wraps: tuple[Wrap, ...] = field(default=())
    key: tuple[str, str] = ("", "")
    key_columns: int = 1
    abreast: Abreast | None = field(default=None, compare=False, repr=False)


def paginate(
    m: ArgumentMap,
    shown: Sequence[str],
    measure: Measure,
    budget: Budget,
    *,
    horizontal: bool = False,
    tighter: Mapping[str, tuple[float, float]] | None = None,
    memo: PlanMemo | None = None,
    above: Sequence[str] = (),
    on_page: Callable[[Page], None] | None = None,
    file_order: bool = False,
    lead: Sequence[str] = (),
    upward: bool = False,
) -> list[Page]:
    """Split the shown part of a map into pages that each fit the budget.

    Page 1 is an overview from the top of ``shown`` (the thesis, or the focus) down as
    far as fits; each branch that does not fit becomes a stub of its own, and continues
    on a later page headed by the chain of its ancestors, split again as needed. A page
    takes several sibling branches, each as deep as fits, and small branches share a
    page when they fit on it whole. Every shown node is drawn in full on exactly one page.

    Args:
        m: the map.
        shown: the ids the diagram shows, in document order, parents before children.
        measure: a node's box size in points.
        budget: the drawing size one page holds (see :func:`page_budget`).
        horizontal: the diagram runs left to right (ranks are columns).
        tighter: for pages that start at these nodes, the share of the budget's width and
            height to plan with (a page whose layout overflowed is planned again smaller).
        memo: what earlier plans of the same map, measure and budget found out.
        above: the ids page 1 draws above the root, not in ``shown`` (conclusions, see
            :func:`argmap.exporters.diagram.drawn.split_above`): planned for, not paged.
        on_page: told of each page after the overview as soon as it is filled, before
            the plan is done: what it draws is final, its numbers are not (each stub's
            page is 0). So the engine can lay pages out while the rest are planned.
        lead: ancestors atop every breadcrumb, drawn elsewhere (not in ``trail``: a
            conclusion's branch drawn apart has the root; its first page is no overview)
            or nowhere (a focus's context, see :class:`PlanMemo`: page 1 is the overview).
        file_order: a page takes a node's children in file order, not its objections
            first (for a label worksheet, whose pages must not tell kinds apart).
        upward: the diagram runs bottom to top (tops above breadcrumbs, in file order).

    Returns:
        The pages, numbered from 1 in the order they are read.
    """
    if not shown:
        return []
    memo = PlanMemo() if memo is None else memo
    ways = (horizontal, upward, file_order)
    made_for = (m, tuple(shown), measure, budget, ways, tuple(above), *lead)
    pager = memo.pager
    if pager is None or not memo.serves(made_for):
        how = (horizontal, tighter, above, file_order, lead, upward, memo.drawable)
        pager = memo.pager = Pager(m, shown, measure, budget, *how)
        pager.go_on(memo.more)
        pager.context, memo.made_for, pager.task = memo.context, made_for, memo.task
    pager.restart(tighter)
    return _number(pager, _planned(pager, shown[0], on_page))


class PlanMemo:
    """What the plans of one diagram share: pages filled, blocks and pages estimated.

    A page whose layout overflowed is planned again with a tighter budget; the plan
    after that asks again for most of what the one before worked out.
    """

    def __init__(
        self,
        context: bool = False,
        drawable: Set[str] | None = None,
        task: bool = False,
        more: Mapping[str, int] | None = None,
    ) -> None:
        self.pager: Pager | None = None
        self.more = more or {}  # statements no page holds: node id -> its pages after its own
        self.made_for: tuple[object, ...] = ()
        self.context = context  # the plans' lead is a focus's context, drawn nowhere
        self.drawable = drawable  # the ids some page draws (None: all): links to others go
        self.task = task  # a worksheet: its key, the instructions, stays on page 1

    def serves(self, made_for: tuple[object, ...]) -> bool:
        """Whether the pager was made for this map, shown ids, measure, budget and so on."""
        old = self.made_for
        same = len(old) == len(made_for) and old[0] is made_for[0] and old[2] is made_for[2]
        return same and old[1::2] == made_for[1::2] and old[3:] == made_for[3:]


@dataclass
class _Draft:
    """A page before numbering."""

    taken: list[Unit]
    full: set[str]
    limits: Mapping[str, int]
    left: list[tuple[str, Unit, bool]]
    """Its stubs: (parent, tops, grouped)."""
    rest: Unit | None = None
    """The grouped siblings that go on to the next page, drawn as a stub."""


SHARE_LOOKS = 4
"""How many linked groups waiting a page passes over for a branch that fits it whole."""

_Branch = tuple[tuple[Unit, ...], bool]
"""Branches waiting for a page: sibling units, and whether one grouped stub stands for them."""


def _planned(pager: Pager, root: str, on_page: Callable[[Page], None] | None) -> list[_Draft]:
    """The pages filled (see :func:`_drafts`), with room for the key if it needs it.

    Where a page passed over a linked group for a branch after it (see :func:`_share`),
    the plan that does not is made too, and kept if it makes no more pages, a key on a
    page of its own counted (the other may have taken the room the key would have had):
    as many pages in reading order read better.
    """
    passed: list[int] = []
    drafts = _drafts(pager, root, on_page, passed=passed)
    drafts = pagekey.room_for_key(pager, drafts, partial(_drafts, pager, root, None))
    if not passed:
        return drafts
    plain = _drafts(pager, root, past=False)
    plain = pagekey.room_for_key(pager, plain, partial(_drafts, pager, root, None, past=False))
    return plain if _turns(pager, plain) <= _turns(pager, drafts) else drafts


def _turns(pager: Pager, drafts: list[_Draft]) -> int:
    """How many pages the drafts make, the key's own page counted (if it has one)."""
    return len(drafts) + (pager.key_away and pagekey.key_page(pager, drafts) > len(drafts))


def _drafts(
    pager: Pager,
    root: str,
    on_page: Callable[[Page], None] | None = None,
    reserve: int = 0,
    past: bool = True,
    passed: list[int] | None = None,
) -> list[_Draft]:
    """Fill pages in reading order from a queue of branches still to draw.

    ``on_page``: told of each page but the overview once it is filled (see :func:`paginate`).
    ``reserve``: from this page on (if not 0), each is filled leaving room for the key.
    ``past``: a page may pass over linked groups waiting for a branch that fits it (see
    :func:`_share`); ``passed`` is told of each page that did.
    """
    drafts: list[_Draft] = []
    todo: deque[_Branch] = deque([(pager.first_units(root), False)])
    away = False
    key_page = 0  # once known, with the key away: the page that holds it
    while todo:
        units, grouped = todo.popleft()
        parent = pager.parent[units[0][0]]
        # Sibling branches, a stub each, share a page: as many as fit, each as deep, and
        # then those of a grouped stub of their side after them, which go on from there.
        # Not a linked group: the engine places its box as it likes among other tops.
        while (
            not grouped
            and len(units[0]) == 1
            and todo
            and pager.parent[todo[0][0][0][0]] == parent
            and len(todo[0][0][0]) == 1
            and (not todo[0][1] or _one_side(pager, [*units, todo[0][0][0]]))
        ):
            more, grouped = todo.popleft()
            units += more
        fill = pagekey.fill(pager, units, grouped, 0 < reserve <= len(drafts) + 1)
        away = away or fill.key_away
        draft = _Draft(list(fill.taken), set(fill.full), fill.limits, [])
        left = units[len(fill.taken) :]
        if left and grouped:
            # The grouped siblings that did not fit continue next, from the same parent.
            draft.rest = tuple(c for unit in left for c in unit)
            assert parent is not None, "only the thesis has no parent, and it is always drawn"
            draft.left.append((parent, draft.rest, True))
            todo.appendleft((left, True))
        elif left:  # each has its stub on its parent's page already
            todo.extendleft(((unit,), False) for unit in reversed(left))
        if _share(pager, draft, todo, past) and passed is not None:
            passed.append(len(drafts) + 1)
        for node_id, groups in sorted(
            pager.stubs_of(draft.full, draft.limits).items(), key=lambda item: pager.order[item[0]]
        ):
            for tops, many in groups:
                todo.extend(_waiting(pager, tops, many))
                draft.left.append((node_id, tops, many))
        drafts.append(draft)
        if on_page is not None and len(drafts) > 1:
            key_page = _tell(pager, draft, len(drafts), (away, key_page), on_page)
    pager.key_away = away  # for the estimates of the pages as numbered
    return drafts


def _waiting(pager: Pager, tops: Unit, grouped: bool) -> list[_Branch]:
    """The branches a page's stub of ``tops`` leaves waiting: a linked group's parts one each.

    A ``grouped`` stub's siblings wait together, as units; one stub of a group's parts
    (see :meth:`~.pagetree.PageTree.spread`) leaves a part a page, as a stub each did.
    """
    if grouped:
        return [(pager.as_units(tops), True)]
    if pager.spread(tops):
        return [((part,), False) for part in pager.as_units(tops)]
    return [((tops,), False)]


def _one_side(pager: Pager, units: Sequence[Unit]) -> bool:
    """Whether the units all argue for their parent, or all against it.

    What of a page's sibling run does not fit goes on as one grouped stub: one side's.
    """
    return len({pager.against(unit[0]) for unit in units}) == 1


def _share(pager: Pager, draft: _Draft, todo: deque[_Branch], past: bool = True) -> bool:
    """Whole branches still waiting share the page while they fit, in order.

    Not where a row of the page's tops would then hang under a row of branches (see
    :func:`~.topsabreast.hung_under`). Not when the page's own siblings go on to the
    next page: they come first; nor past a branch hung from more breadcrumb rows than a
    page gathers (see :mod:`.pagechains`).
    A linked group shares too where the page mixes them (see ``Pager.mixes``); else, or
    where it does not fit, it is passed over (up to :data:`SHARE_LOOKS`, if ``past``) for
    the next branches of the page's parent. Returns whether a branch was taken past one.
    """
    mixed = pager.mixes(draft.taken[0][0])
    if draft.rest is not None or (not mixed and any(len(u) > 1 for u in draft.taken)):
        return False
    passed: list[_Branch] = []
    parent, taken_past = pager.parent[draft.taken[0][0]], False
    while todo:
        units = todo[0][0]
        branches = [c for unit in units for c in unit]
        linked = any(len(unit) > 1 for unit in units)
        tried = (mixed or not linked) and not (passed and pager.parent[branches[0]] != parent)
        whole = pager.whole(branches) if tried and not pager.too_big(branches) else None
        full = draft.full if whole is None else draft.full | whole
        if whole is not None and not gathers(pager, draft.taken, full, units):
            whole = None  # its arrow into one more breadcrumb row: the page is done
        tops = [*draft.taken, *units]
        if (
            whole is None
            or not pager.fits(tops, full, None, draft.limits, keep=True)
            or hung_under(pager, tops, (full, None, draft.limits))
        ):
            if not linked or len(passed) == (SHARE_LOOKS if past else 0):
                break
            passed.append(todo.popleft())  # a linked group: passed over, a few
            continue
        todo.popleft()
        draft.taken.extend(units)
        draft.full = full
        taken_past = taken_past or bool(passed)
    todo.extendleft(reversed(passed))
    return taken_past


def _number(pager: Pager, drafts: list[_Draft]) -> list[Page]:
    """Number the drafts, point each stub at its page, and list each page's trail.

    Each page is estimated at the whole page's size, as :func:`_tell` told it, not at
    the size the last page was filled to (smaller, if that page was tightened).
    """
    pager.width, pager.height = pager.full_size
    home = {node_id: i + 1 for i, draft in enumerate(drafts) for node_id in draft.full}
    key = pagekey.key_place(pager, drafts) if pager.key_away else (0, 1)
    pages = [_page(pager, draft, i + 1, home, key) for i, draft in enumerate(drafts)]
    if key[0] > len(drafts):  # the key alone (see build)
        pages.append(Page(key[0], (), (), (), key=("alone", "")))
    return pages


def _tell(
    pager: Pager,
    draft: _Draft,
    number: int,
    key: tuple[bool, int],
    on_page: Callable[[Page], None],
) -> int:
    """Tell ``on_page`` of the page as :func:`_number` will make it, if it can be known yet.

    Its stubs point at page 0. It is estimated as :func:`_number` estimates it once every
    page is filled: at the whole page's size. ``key``: whether the key is away from the
    overview, and the page it goes on (0: not found yet). It goes on the first page with
    room for it (see :func:`~.pagekey.key_page`): till that page is found, the pages that might
    be it are not told. Returns the key's page.
    """
    away, key_page = key
    kept = pager.width, pager.height, pager.key_away
    pager.width, pager.height = pager.full_size
    pager.key_away = away
    try:
        page = (draft.taken, draft.full, draft.rest, draft.limits)
        over = key_over(pager, *page)[0] if away and not key_page else math.inf
        if over <= 1.0:
            key_page = number
        if key_page or not away or over == math.inf:
            on_page(_page(pager, draft, number, {}, (key_page, 1)))
    finally:
        pager.width, pager.height, pager.key_away = kept
    return key_page


def _page(
    pager: Pager, draft: _Draft, number: int, home: Mapping[str, int], key_at: tuple[int, int]
) -> Page:
    """Page ``number`` of its draft: ``home`` gives each node's page (0 if not known yet).

    ``key_at``: the key's page (0: page 1, or not known yet) and its columns there.
    """
    order = pager.order.__getitem__
    tops = [top for unit in draft.taken for top in unit]
    trail = pager.page_trail(tops) - draft.full
    weight, spread = pager.weight, pager.spans  # (a grouped stub: several branches)
    stubs = [
        Stub(
            at, tops, sum(weight[t] for t in tops), home.get(tops[0], 0), many, spread(tops, many)
        )
        for at, tops, many in draft.left
    ]
    stubs.sort(key=lambda stub: pager.order[stub.tops[0]])
    planned = pager.kept(draft.taken, draft.full, draft.rest, draft.limits, record=True)
    width, height, wraps, key = planned[:4]
    side = abreast_of(pager, draft.taken, (draft.full, draft.rest, draft.limits), planned)
    key, columns = pagekey.placed(pager, draft, number, key_at, key)
    return Page(
        number,
        (*(pager.lead_for(len(trail)) if pager.context else ()), *sorted(trail, key=order)),
        tuple(tops),
        tuple(sorted(draft.full, key=pager.order.__getitem__)),
        tuple(stubs),
        (height, width) if pager.horizontal else (width, height),
        wraps,
        key,
        columns,
        side,
    )
