"""A statement no page holds at its floor: drawn in full, continued on the pages after its own."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Generic, NamedTuple, Protocol, Self, TypeVar

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.labels import RowsMemo, StatementKey, statement_rows
from argmap.exporters.diagram.longtext import (
    LONG_CHARS,
    TextRows,
    continued_parts,
    is_long,
    rows_room,
)
from argmap.exporters.diagram.packed import Overflow
from argmap.exporters.diagram.pagenumbers import write_numbers
from argmap.exporters.diagram.paging import Page
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.dot import Digraph
    from argmap.exporters.diagram.enginepool import LayoutQueue
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.options import RenderOptions

__all__ = ["Draft", "Drafter", "finished", "more_pages"]

NODE_ID: Final = '<g id="node&#45;'
"""How a node's box starts in the engine's SVG (its id ``node-ID``)."""
PART_ID: Final = '<g id="part&#45;'

PAGE_CHARS: Final = 300
"""Fewer characters than any page holds of a statement continued on it (a narrow page's
box: about 40 lines of 15 CJK characters)."""


def more_pages(m: ArgumentMap, shown: Iterable[str]) -> int:
    """At most how many pages continue the statements ``shown`` (see :func:`continued`)."""
    lengths = (len(m.get(node_id).text) for node_id in shown)
    return sum(chars // PAGE_CHARS for chars in lengths if chars > LONG_CHARS)


@dataclass(frozen=True)
class _Cut:
    """A statement its page cut: where its rows are looked up, and its parts' lines."""

    key: StatementKey
    rows: TextRows
    credits: list[list[str]]
    parts: list[list[str]]


class Draft(Protocol):
    """A page laid out with its numbers drawn as zeros (see :class:`~.fitting._Draft`)."""

    @property
    def plan(self) -> PagePlan: ...  # noqa: D102
    def _replace(self, *, plan: PagePlan) -> Self: ...


D = TypeVar("D", bound=Draft)
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Drafter(Protocol[D, T_co]):
    """What the pages are laid out with (see :class:`~.fitting._Drafter`)."""

    m: ArgumentMap
    analysis: Analysis
    options: RenderOptions
    digits: int
    drawn: dict[Hashable, D]
    queue: LayoutQueue[tuple[bytes, float, float]]

    def finish(self, draft: D) -> T_co: ...  # noqa: D102


Laid = Callable[
    ["PagePlan", bytes, float, float, Callable[[], "Digraph"], Callable[[str], str]], T
]
"""Makes a page: its plan, its drawing packed and its size, its graph, its numbers' writer."""


class _Made(NamedTuple, Generic[T]):
    plans: list[PagePlan]
    """Every page's plan, renumbered."""
    pages: dict[int, list[T]]
    """By their place: the pages in place of those cutting statements, and after them."""


_Rows = dict[StatementKey, tuple[TextRows, list[list[str]]]]
"""A page's statement rows made here, for its labels (see :class:`~.labels.RowsMemo`)."""
_Drawn = tuple["PagePlan", "PagePlan", _Rows]
"""A page to lay out: its plan as drawn, as kept (a part's: no nodes), its rows."""


def finished(drafter: Drafter[D, T], drafts: list[D], laid: Laid[T]) -> list[T]:
    """The pages with their numbers: drafts of earlier plans go, each page keeps one SVG.

    A statement a page cuts goes on over pages of its own right after it: that page ends
    its part with a link to the next (``(continues on p. N)``); each next page draws a box
    of the same kind with the next lines, as many as a page alone holds at its floor,
    between links to the part before and after. The pages after are renumbered (their
    drawings, laid out with their numbers as zeros, are kept). Without such a statement,
    or where the pages' numbers would not fit the zeros they were drawn with, the pages
    are as planned. ``laid``: makes a page (see :class:`~.fitting.LaidPage`).
    """
    cuts = {i: found for i, d in enumerate(drafts) if (found := _cuts(drafter, d.plan.page))}
    new: dict[int, int] = {}
    at = 0
    for i, draft in enumerate(drafts):  # bounded: the pages
        at += 1
        new[draft.plan.page.number] = at
        at += sum(len(cut.parts) - 1 for cut in cuts.get(i, ()))
    if len(str(at)) > drafter.digits:  # the zeros drawn for numbers would not hold them
        cuts = {}
    plans = [d.plan for d in drafts]
    made = _laid_out(drafter, _renumbered(plans, new, at) if cuts else plans, cuts, laid)
    drafter.drawn.clear()
    drafts.reverse()  # popped from the end, in page order: each goes once finished
    pages = [drafter.finish(drafts.pop()._replace(plan=plan)) for plan in made.plans]
    return [page for i, one in enumerate(pages) for page in made.pages.get(i, [one])]


def _cuts(drafter: Drafter[D, object], page: Page) -> list[_Cut]:
    """The statements a page draws cut, with the parts each is drawn in."""
    m, options = drafter.m, drafter.options
    room = options.text_room
    if room is None or options.sheet is not None:  # a worksheet's box may hide its words
        return []
    show = "quotes" not in options.hide
    found = []
    for node_id in page.nodes:  # bounded: a page's nodes
        node = m.get(node_id)
        if not is_long(node.text, None):
            continue
        thesis = draw_kind(m, node) is NodeKind.THESIS
        rows, credits = statement_rows(
            m, node, thesis, show_quote=show, narrow=options.narrow, room=room
        )
        alone = rows_room(room, [], 0.0)
        if rows.kept and alone is not None:
            parts = continued_parts(node.text, rows, alone)
            key: StatementKey = (node_id, thesis, show, options.narrow, room)
            found.append(_Cut(key, rows, credits, parts))
    return found


def _renumbered(plans: list[PagePlan], new: Mapping[int, int], total: int) -> list[PagePlan]:
    """The pages' plans renumbered (``new``: each old number's new one), and their homes."""
    homes: dict[int, dict[str, int]] = {}  # the plans share their homes: renumbered once
    for plan in plans:
        if id(plan.home) not in homes:
            homes[id(plan.home)] = {node: new.get(n, n) for node, n in plan.home.items()}
    moved = []
    for plan in plans:  # bounded: the pages
        page = plan.page
        stubs = tuple(replace(stub, page=new.get(stub.page, stub.page)) for stub in page.stubs)
        key = page.key
        if key[0] == "page" and key[1].isdigit():
            key = (key[0], str(new.get(int(key[1]), int(key[1]))))
        page = replace(page, number=new.get(page.number, page.number), stubs=stubs, key=key)
        moved.append(replace(plan, page=page, total=total, home=homes[id(plan.home)]))
    return moved


def _laid_out(
    drafter: Drafter[D, object],
    plans: list[PagePlan],
    cuts: Mapping[int, list[_Cut]],
    laid: Laid[T],
) -> _Made[T]:
    """Each page cutting statements, laid out again, with the pages continuing them."""
    drawn: list[_Drawn] = []
    spans: dict[int, tuple[int, int]] = {}
    for i, found in cuts.items():  # bounded: the pages cutting statements
        plan, start = plans[i], len(drawn)
        number = plan.page.number
        first: _Rows = {}
        after = number
        for cut in found:
            first[cut.key] = (_rows(cut, 0, 0, after + 1), cut.credits)
            after += len(cut.parts) - 1
        drawn.append((plan, plan, first))
        at = number
        for cut in found:
            node_id = cut.key[0]
            for part in range(1, len(cut.parts)):
                at += 1
                nexts = at + 1 if part + 1 < len(cut.parts) else 0
                rows: _Rows = {
                    cut.key: (_rows(cut, part, number if part == 1 else at - 1, nexts), [])
                }
                page = Page(at, (), (node_id,), (node_id,))
                shown = replace(plan, page=page, ranksep="", cut_way=0)
                stored = replace(shown, page=replace(page, nodes=()))
                drawn.append((shown, stored, rows))
        spans[i] = (start, len(drawn))
    pages = _engine(drafter, drawn, laid) if drawn else []
    return _Made(plans, {i: pages[start:end] for i, (start, end) in spans.items()})


def _rows(cut: _Cut, part: int, before: int, after: int) -> TextRows:
    """The rows of a cut statement's ``part``: its lines, its quote on the first, its links."""
    quote = cut.rows.quote if part == 0 else ()
    return TextRows(tuple(cut.parts[part]), quote, cut.rows.size, before=before, after=after)


def _engine(drafter: Drafter[D, object], drawn: list[_Drawn], laid: Laid[T]) -> list[T]:
    """The pages laid out by the engine, their numbers written in, each graph made on demand."""
    from argmap.exporters.diagram.build import to_digraph

    m, analysis, options, digits = drafter.m, drafter.analysis, drafter.options, drafter.digits

    def graph(plan: PagePlan, rows: _Rows) -> Callable[[], Digraph]:
        return lambda: to_digraph(m, analysis, options, plan, rows=RowsMemo(rows))

    def numbered(plan: PagePlan, part: bool) -> Callable[[str], str]:
        if not part:
            return lambda svg: write_numbers(svg, m, plan, digits)
        # A part's box is not the node's (which an HTML page finds by its id): ids apart.
        return lambda svg: write_numbers(svg, m, plan, digits).replace(NODE_ID, PART_ID, 1)

    keys = [("continued", i, shown.page.number) for i, (shown, _, _) in enumerate(drawn)]
    drafter.queue.expect(len(drawn))
    for key, (shown, _, rows) in zip(keys, drawn, strict=True):
        drafter.queue.add(key, graph(replace(shown, digits=digits), rows)().source)
    pages = []
    for key, (shown, kept, rows) in zip(keys, drawn, strict=True):
        got = drafter.queue.take(key)
        assert not isinstance(got, Overflow)  # handed in whole, not rough: always drawn
        packed, width, height = got
        part = numbered(shown, not kept.page.nodes)
        pages.append(laid(kept, packed, width, height, graph(shown, rows), part))
    return pages
