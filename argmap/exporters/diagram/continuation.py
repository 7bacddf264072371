"""A statement no page holds at its floor: drawn in full, continued on the pages after its own."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Generic, NamedTuple, Protocol, Self, TypeVar

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.labels import RowsMemo, StatementKey, statement_rows
from argmap.exporters.diagram.linebreak import one_spaced, wrap_text
from argmap.exporters.diagram.lineink import line_share
from argmap.exporters.diagram.longtext import (
    MARK_ROW,
    TextRows,
    is_long,
    rows_room,
    trail_rows,
)
from argmap.exporters.diagram.packed import Overflow
from argmap.exporters.diagram.pagecrumbs import TRAIL_ROWS
from argmap.exporters.diagram.pagenumbers import write_numbers
from argmap.exporters.diagram.paging import Page
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.dot import Digraph
    from argmap.exporters.diagram.enginepool import LayoutQueue
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.options import RenderOptions

__all__ = [
    "Cut",
    "Draft",
    "Drafter",
    "Part",
    "continued_parts",
    "cut_statements",
    "drawn_again",
    "finished",
]

NODE_ID: Final = '<g id="node&#45;'
"""How a node's box starts in the engine's SVG (its id ``node-ID``)."""
PART_ID: Final = '<g id="part&#45;'


class Part(NamedTuple):
    """The lines of a statement and of its quote that one page draws."""

    text: list[str]
    quote: list[str]


def continued_parts(
    text: str, quote: str | None, rows: TextRows, room: tuple[float, float]
) -> list[Part]:
    """A statement and quote its page cut (as ``rows``), in parts: its page's, then each next's.

    The statement's lines come first, then the quote's (``quote``: None when not drawn).
    Every part wraps at its page's width; ``room`` is the rows' room in a box alone on a
    page (see :func:`~.longtext.rows_room`), less a row for each of the marks that link the parts.
    """
    lines = wrap_text(one_spaced(text), rows.wrap)
    quoted = [] if quote is None else wrap_text(f"“{one_spaced(quote)}”", rows.quote_wrap)
    parts = [Part(lines[: rows.kept], quoted[: rows.quote_kept])]
    rest = [(line, False) for line in lines[rows.kept :]]
    rest += [(line, True) for line in quoted[rows.quote_kept :]]
    held = room[1] - 2 * MARK_ROW
    text_share, quote_share = line_share(lines, rows.size), line_share(quoted, 11.0, "I")
    part, used = Part([], []), 0.0
    for line, quoting in rest:  # bounded: the lines
        tall = quote_share if quoting else text_share  # (taller for tall ink)
        tall += 4 if quoting and part.text and not part.quote else 0  # the quote's own cell
        if (part.text or part.quote) and used + tall > held:
            parts.append(part)
            part, used = Part([], []), 0.0
        (part.quote if quoting else part.text).append(line)
        used += tall
    return parts + [part] if part.text or part.quote else parts


@dataclass(frozen=True)
class Cut:
    """A statement its page cut: where its rows are looked up, and its parts' lines."""

    key: StatementKey
    rows: TextRows
    credits: list[list[str]]
    parts: list[Part]


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

    @property
    def cut(self) -> Mapping[str, Cut]:
        """The statements no page holds, by node id (see :func:`cut_statements`)."""

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
    ends = {
        cut.key[0]: new[d.plan.page.number] + len(cut.parts) - 1
        for i, d in enumerate(drafts)
        for cut in cuts.get(i, ())
    }
    plans = [d.plan for d in drafts]
    made = _laid_out(drafter, _renumbered(plans, new, at, ends) if cuts else plans, cuts, laid)
    drafter.drawn.clear()
    drafts.reverse()  # popped from the end, in page order: each goes once finished
    pages = [drafter.finish(drafts.pop()._replace(plan=plan)) for plan in made.plans]
    return [page for i, one in enumerate(pages) for page in made.pages.get(i, [one])]


def cut_statements(m: ArgumentMap, options: RenderOptions, shown: Iterable[str]) -> dict[str, Cut]:
    """The statements ``shown`` that no page holds at its floor, with the parts each is drawn in.

    Whether a page holds a statement depends on the node and the pages' room alone, not on
    the page it is drawn on: the planner knows before it plans which statements go on over
    pages, and how many (their stubs say ``pp. 2–4``, the page numbers are sized for them).
    """
    room = options.text_room
    if room is None:
        return {}
    show = "quotes" not in options.hide
    found = {}
    for node_id in shown:  # bounded: the nodes
        node = m.get(node_id)
        quote = node.quote if node.quote and show else None
        if not is_long(node.text, quote):
            continue
        thesis = draw_kind(m, node) is NodeKind.THESIS
        rows, credits = statement_rows(
            m, node, thesis, show_quote=show, narrow=options.narrow, room=room
        )
        alone = rows_room(room, [], trail_rows(m, node))  # a page of its own, its breadcrumb
        if rows.kept and alone is not None:
            parts = continued_parts(node.text, quote, rows, alone)
            key: StatementKey = (node_id, thesis, show, options.narrow, room)
            found[node_id] = Cut(key, rows, credits, parts)
    return found


def _cuts(drafter: Drafter[D, object], page: Page) -> list[Cut]:
    """The statements a page draws cut, with the parts each is drawn in."""
    return [drafter.cut[node_id] for node_id in page.nodes if node_id in drafter.cut]


def _renumbered(
    plans: list[PagePlan], new: Mapping[int, int], total: int, ends: Mapping[str, int]
) -> list[PagePlan]:
    """The pages' plans renumbered (``new``: each old number's new one), and their homes.

    ``ends``: each statement drawn over several pages, its last page (see
    :attr:`~.pageparts.PagePlan.ends`).
    """
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
        moved.append(replace(plan, page=page, total=total, home=homes[id(plan.home)], ends=ends))
    return moved


def _laid_out(
    drafter: Drafter[D, object],
    plans: list[PagePlan],
    cuts: Mapping[int, list[Cut]],
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
                page = Page(at, _trail(drafter.m, node_id, plan.home), (node_id,), (node_id,))
                shown = replace(plan, page=page, ranksep="", cut_way=0)
                stored = replace(shown, page=replace(page, nodes=()))
                drawn.append((shown, stored, rows))
        spans[i] = (start, len(drawn))
    pages = _engine(drafter, drawn, laid) if drawn else []
    return _Made(plans, {i: pages[start:end] for i, (start, end) in spans.items()})


def drawn_again(cut: Mapping[str, Cut], plan: PagePlan) -> tuple[PagePlan, _Rows, bool]:
    """A page :func:`finished` made, to draw again (an answer key on its worksheet's pages).

    Returns its plan as drawn (a page continuing a statement: with that node), the rows
    of the statements it draws in part, and whether it is such a page. ``cut``: see
    :func:`cut_statements`; ``plan``: the page's, as finished.
    """
    page, rows = plan.page, _Rows()
    if not page.nodes and len(page.tops) == 1 and page.tops[0] in cut.keys() & plan.ends:
        node_id = page.tops[0]
        found, last = cut[node_id], plan.ends[node_id]
        part = page.number - (last - len(found.parts) + 1)
        before = plan.home[node_id] if part == 1 else page.number - 1
        after = page.number + 1 if page.number < last else 0
        rows[found.key] = (_rows(found, part, before, after), [])
        return replace(plan, page=replace(page, nodes=page.tops)), rows, True
    for node_id in page.nodes:  # bounded: the page's nodes
        if node_id in cut and node_id in plan.ends:
            found = cut[node_id]
            after = plan.ends[node_id] - len(found.parts) + 2
            rows[found.key] = (_rows(found, 0, 0, after), found.credits)
    return plan, rows, False


def _trail(m: ArgumentMap, node_id: str, home: Mapping[str, int]) -> tuple[str, ...]:
    """The breadcrumb of a page continuing a statement: its ancestors drawn, as its own page's.

    The nearest few and the farthest, :data:`~.pagecrumbs.TRAIL_ROWS` at the most, from
    the root down, each linked to its page.
    """
    out: list[str] = []
    parent = m.get(node_id).parent
    while parent is not None and parent in home:  # bounded: the node's depth
        out.append(parent)
        parent = m.get(parent).parent
    if len(out) > TRAIL_ROWS:
        out = [*out[: TRAIL_ROWS - 1], out[-1]]
    return tuple(reversed(out))


def _rows(cut: Cut, part: int, before: int, after: int) -> TextRows:
    """The rows of a cut statement's ``part``: its lines and its quote's, its links."""
    text, quote = cut.parts[part]
    return TextRows(tuple(text), tuple(quote), cut.rows.size, before=before, after=after)


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
