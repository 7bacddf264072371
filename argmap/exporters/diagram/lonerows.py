"""Lone pages drawn at their stub once more: the parent's children in two rows, or ranks closer."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, TypeVar

from argmap.exporters.diagram.arriving import ref_name
from argmap.exporters.diagram.geometry import Box, all_crossings, boxes
from argmap.exporters.diagram.leafhome import LEAF_NODES_MOST
from argmap.exporters.diagram.packed import unpack
from argmap.exporters.diagram.pagemerge import Drafts, Packed, first_fitting, numbered_anew
from argmap.exporters.diagram.pageorphans import ALONE
from argmap.exporters.diagram.pagetree import stub_name
from argmap.exporters.diagram.siblingshare import CLOSER_SAVES
from argmap.exporters.diagram.stacking import TRAIL, Wrap
from argmap.exporters.diagram.wholepage import CLOSER
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.pagesize import Budget
    from argmap.exporters.diagram.paging import Page, Stub

__all__ = ["ROWS_MOST", "lone_rows"]

ROWS_MOST: Final = LEAF_NODES_MOST
"""A map of more statements keeps its lone pages as the passes before left them (each
try is a layout; see :data:`~.leafhome.LEAF_NODES_MOST`)."""


_D = TypeVar("_D", bound=Packed)


def lone_rows(
    m: ArgumentMap,
    drafts: list[_D],
    drafter: Drafts[_D],
    budget: Budget,
    lone: Callable[[ArgumentMap, Page], bool],
) -> list[_D]:
    """The pages, each lone page's branch drawn in its stub's place where a new try fits.

    The passes before draw a lone page's statement or two (see :func:`~.lonepages.lone`)
    in its stub's place with the host's rows as they were, or as the planner makes them:
    a leaf beside its sibling's branch made the host too wide (a fill worksheet's ruled
    evidence box beside an objection and its rebuttal: 1,126 points against 1,084), or
    a little too tall, and it kept a page of its own, one box on a sheet. Here, on the
    page of its stub, drawn in full beside its parent: the parent's children in two rows
    (file order, the second row held below the first's lowest box, its arrows up beside
    it), then the host as it was, each with its ranks closer (:data:`~.wholepage.CLOSER`)
    where only its height is over. Kept where the host fits its budget (the legibility
    floor) with its arrows crossing no more; the pages after are numbered on, every stub
    pointing at its page's new number. A page of conclusions alone (see
    :func:`_conclusions_alone`) is drawn at its stub too, at the end of its "so" arrow as
    the host had it. ``drafts``: every page, laid out, page 1 first; ``lone``: whether a
    page draws a statement or two alone (see :mod:`.lonepages`).
    """
    if len(m) > ROWS_MOST or len(drafts) < 2:
        return drafts
    drawn = {d.plan.page.number: d for d in drafts}
    home = {node: d.plan.page.number for d in drafts for node in d.plan.page.nodes}
    stub_on = {s.tops: d.plan.page.number for d in drafts for s in d.plan.page.stubs}
    gone: dict[int, int] = {}
    for draft in drafts:
        page = draft.plan.page
        number = stub_on.get(page.tops, 0)
        alone = lone(m, page) or _conclusions_alone(m, page)
        if not alone or number in (0, page.number) or number in gone:
            continue
        host = drawn[number]
        stub = next(s for s in host.plan.page.stubs if s.tops == page.tops)
        if stub.parent not in host.plan.page.nodes:
            continue  # hung from the breadcrumb: the passes before tried it beside the tops
        laid = _first_fit(m, (host, page, stub), drafter, (len(drafts), home), budget)
        if laid is None:
            continue
        drawn[number] = laid
        gone[page.number] = number
        del drawn[page.number]
        home.update(dict.fromkeys(page.nodes, number))
    if not gone:
        return drafts
    kept = [drawn[number].plan.page for number in sorted(drawn)]
    new = _renumbered(kept, gone)
    home = {node: page.number for page in new for node in page.nodes}
    plans = [drafter.plan(page, len(new), home) for page in new]
    gaps = [drawn[old.number].plan.ranksep for old in kept]
    return drafter.lay_out([replace(p, ranksep=gap) for p, gap in zip(plans, gaps, strict=True)])


def _conclusions_alone(m: ArgumentMap, page: Page) -> bool:
    """Whether a page draws one conclusion (and those drawn from it) alone, a few at most.

    Drawn apart from its stub's page (page 1 had no room for it as planned), it left
    a page with one box under its breadcrumb: a debate's second conclusion on upright A4.
    """
    return (
        page.number > 1
        and len(page.tops) == 1
        and 0 < len(page.nodes) <= ALONE
        and not page.stubs
        and page.key == ("", "")
        and all(m.get(node).kind is NodeKind.CONCLUSION for node in page.nodes)
    )


def _first_fit(
    m: ArgumentMap,
    move: tuple[_D, Page, Stub],
    drafter: Drafts[_D],
    numbers: tuple[int, Mapping[str, int]],
    budget: Budget,
) -> _D | None:
    """The host laid out drawing the lone page's branch, the first try that fits; else None.

    ``move``: the host laid out, the lone page, and its stub on the host.
    """
    host, page, stub = move
    crossed = all_crossings(unpack(host.packed))

    def fits(laid: _D) -> bool:
        return (
            budget.holds(laid.width, laid.height) and all_crossings(unpack(laid.packed)) <= crossed
        )

    def closer_may(laid: _D) -> bool:  # too tall only, and not drawn closer already
        held = budget.holds(laid.width, laid.height)
        return (
            not held
            and not laid.plan.ranksep
            and budget.holds(laid.width, laid.height * CLOSER_SAVES)
        )

    trials = _trials(m, host, page, stub)
    referred = _refs_below(m, trials[-1], page.tops[0], numbers[1])
    trials += [] if referred is None else [referred]
    gap = host.plan.ranksep
    plan = first_fitting(trials, drafter, numbers, fits, (closer_may, CLOSER), gap)
    return None if plan is None else drafter.lay_out([plan])[0]


def _trials(m: ArgumentMap, host: _D, page: Page, stub: Stub) -> list[Page]:
    """The host drawing the lone page's branch in its stub's place, in the order tried.

    Its parent's children in two rows (a branch of one top, where the parent has them
    in one), then the host's rows as they were.
    """
    plan = host.plan.page
    name, top = stub_name(page.tops), page.tops[0]
    wraps = tuple(_renamed(wrap, name, top) for wrap in plan.wraps)
    where, anchor = plan.key
    there = replace(
        plan,
        nodes=tuple(sorted((*plan.nodes, *page.nodes), key=m.position)),
        stubs=tuple(s for s in plan.stubs if s is not stub),
        wraps=(*wraps, *(w for w in page.wraps if w.parent != TRAIL)),
        key=(where, top if anchor == name else anchor),
    )
    if len(page.tops) != 1 or m.get(top).kind is NodeKind.CONCLUSION:
        return [there]  # a conclusion's place is its "so" arrow's end, not a row
    split = _two_rows(m, there, stub.parent, boxes(unpack(host.packed)), {top: name})
    return [there] if split is None else [replace(there, wraps=split), there]


def _refs_below(m: ArgumentMap, page: Page, top: str, home: Mapping[str, int]) -> Page | None:
    """The page with the references of ``top`` (a leaf) held below it in its parent's column.

    A leaf with a cross-link draws a reference to the linked statement's page below it;
    in a column of its parent's rows (a leaf above its parent's own references), that
    reference went beside the column, the page too wide for it (the rebuttal "Energy
    savings..." of a town's library debate on A4, alone on its last page): held below the
    leaf, the column grows a rank instead (its ranks drawn closer, it may fit). None
    where the leaf has no reference or no row below it in a column.
    """
    links = m.get(top).links
    refs = tuple(ref_name(top, k.to) for k in links if k.to not in page.nodes and k.to in home)
    wrap = next((w for w in page.wraps if (top,) in w.rows[:-1]), None)
    if not refs or wrap is None:
        return None
    at = wrap.rows.index((top,)) + 1
    holds = tuple((item, refs[-1] if anchor == top else anchor) for item, anchor in wrap.holds)
    new = wrap._replace(
        rows=(*wrap.rows[:at], refs, *wrap.rows[at:]),
        holds=(*((ref, top) for ref in refs), *holds),
    )
    return replace(page, wraps=tuple(new if w is wrap else w for w in page.wraps))


def _renamed(wrap: Wrap, name: str, top: str) -> Wrap:
    """A wrap naming the stub ``name`` by its branch's ``top``."""

    def new(item: str) -> str:
        return top if item == name else item

    return wrap._replace(
        rows=tuple(tuple(map(new, row)) for row in wrap.rows),
        holds=tuple((new(a), new(b)) for a, b in wrap.holds),
        columns=tuple((new(a), new(b)) for a, b in wrap.columns),
    )


def _two_rows(
    m: ArgumentMap,
    page: Page,
    parent: str,
    drawn: Mapping[str, Box],
    was: Mapping[str, str],
) -> tuple[Wrap, ...] | None:
    """The page's wraps with ``parent``'s children in two rows; None where they are not in one.

    The first half in file order in the first row, the rest below its lowest box (in
    the host's drawing ``drawn``, a node drawn there as its stub: ``was``).
    """
    own = [w for w in page.wraps if w.parent == parent]
    if len(own) > 1 or (own and len(own[0].rows) != 1):
        return None
    if own:
        items = list(own[0].rows[0])
    else:
        kids = [n for n in page.nodes if m.get(n).parent == parent]
        kids += [s.name for s in page.stubs if s.parent == parent and not s.grouped]
        items = sorted(kids, key=lambda i: m.position(_first(page, i)))
    if len(items) < 2:
        return None
    half = (len(items) + 1) // 2
    first, second = items[:half], items[half:]
    under = set(first)
    below = [n for n in page.nodes if _under(m, n, under)]
    below += [s.name for s in page.stubs if s.parent in under or s.parent in below]
    placed = [n for n in below if was.get(n, n) in drawn]
    if not placed:
        return None
    lowest = max(placed, key=lambda n: drawn[was.get(n, n)].bottom)
    wrap = Wrap(parent, (tuple(first), tuple(second)), tuple((i, lowest) for i in second))
    return (*(w for w in page.wraps if w.parent != parent), wrap)


def _first(page: Page, item: str) -> str:
    """The node an item of a row stands for: itself, or a stub's first branch."""
    stub = next((s for s in page.stubs if s.name == item), None)
    return item if stub is None else stub.tops[0]


def _under(m: ArgumentMap, node_id: str, tops: set[str]) -> bool:
    """Whether a node is one of ``tops`` (nodes, and stubs' names) or below one."""
    return node_id in tops or any(t in m and m.is_ancestor(t, node_id) for t in tops)


def _renumbered(pages: Sequence[Page], gone: Mapping[int, int]) -> list[Page]:
    """The pages kept, numbered anew: a lone page's number becomes its host's."""
    number = {page.number: i for i, page in enumerate(pages, start=1)}
    number |= {lone_page: number[host] for lone_page, host in gone.items()}
    return numbered_anew(pages, number)
