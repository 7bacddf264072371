"""A stub's box as drawn: its words under its kind and standing, its look, tooltip and link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.dot import escape
from argmap.exporters.diagram.labels import graphviz_escape
from argmap.exporters.diagram.pagerefs import boxed_label
from argmap.exporters.diagram.stubbeside import stubs_beside
from argmap.exporters.diagram.stublabels import (
    STUB_POINTS,
    branch_kinds,
    counted_once,
    grouped_stub_lines,
    told_apart_stubs,
)
from argmap.exporters.diagram.stubstatus import (
    GROUP_TAG,
    NO_STANDING,
    stub_standing,
    stub_style,
    stub_tagged,
    stub_word,
)
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.paging import Stub
    from argmap.exporters.diagram.styles import NodeStyle

__all__ = ["page_beside", "page_link", "stub_attrs", "stub_last", "stub_pages", "stub_tooltip"]


def page_link(plan: PagePlan, number: int) -> dict[str, str]:
    """The attributes that link a box to a page."""
    return {"URL": escape(f"#page-{plan.number(number)}"), "target": "_self"}


def stub_tooltip(m: ArgumentMap, stub: Stub, page: str) -> str:
    """A stub's tooltip: its statement in full (a linked group's: each co-premise's).

    A statement with nothing under it (a leaf) is drawn in full there; nothing goes on.
    """
    pages = "pages" if "–" in page else "page"  # a group's parts, a statement drawn over several
    if stub.single and len(stub.tops) > 1:
        premises = " + ".join(m.get(top).text for top in stub.tops)
        return f"Linked, together: {premises} (continues on {pages} {page})"
    where = "drawn in full on" if stub.leaf else "continues on"
    return f"{m.get(stub.tops[0]).text} ({where} {pages} {page})"


def stub_pages(plan: PagePlan, stub: Stub) -> str:
    """The page a stub's branch goes on, as drawn; a linked group's parts': ``2–4``."""
    first = plan.number(stub.page)
    return f"{first}–{plan.number(stub_last(plan, stub))}" if stub.spread else first


def stub_last(plan: PagePlan, stub: Stub) -> int:
    """The last page a stub's branch goes on: its last top's, or that statement's last part's."""
    last = stub.tops[-1]
    return plan.ends.get(last) or plan.home.get(last, stub.page)


def stub_attrs(
    m: ArgumentMap,
    plan: PagePlan,
    index: int,
    styles: Mapping[NodeKind, NodeStyle],
    standings: Mapping[str, str],
) -> dict[str, str]:
    """The attributes of the page's stub ``index``.

    ``standings``: with ``--status``, node id -> standing (see :func:`~.stubedge.add_stub`).
    """
    stub = plan.page.stubs[index - 1]
    first = m.get(stub.tops[0])
    kind = draw_kind(m, first)
    style = styles[kind]
    page = stub_pages(plan, stub)
    linked = first.group if stub.single and len(stub.tops) > 1 else None
    tops = stub.tops if not stub.single else stub.tops[:1]
    standing = stub_standing(standings, tops, linked)
    room: list[str] = []
    if not stub.single:
        kinds = branch_kinds(m, stub.tops, styles)
        planned = grouped_stub_lines(kinds, stub.hidden, page, narrow=plan.narrow)
        lines, fill = counted_once(planned, kinds, stub.hidden, page), "#ffffff"
        drawn = stub_tagged(lines, standings, tops, None)
        room = stub_tagged(planned, standings, tops, None) if lines != planned else []
    else:  # told apart from the page's other stubs, named one way with them
        singles = _singles(m, plan)
        lines, word = singles[stub]
        beside = page_beside(m, plan, singles, standings)
        drawn = stub_tagged(lines, standings, tops, linked, word, beside)
        fill = style.fill
    return {
        "label": boxed_label(STUB_POINTS, *drawn, room=room),  # (as wide as planned)
        "shape": "box",
        "style": stub_style(standings is not NO_STANDING, standing),
        "fillcolor": fill,
        "color": style.border,
        "fontcolor": style.ink,
        "fontsize": f"{STUB_POINTS:g}",
        "id": escape(f"stub-{index}"),
        "tooltip": graphviz_escape(stub_tooltip(m, stub, page)),
        "class": f"stub {kind.value}" if style.label else "stub",
        **page_link(plan, stub.page),
    }


def _singles(m: ArgumentMap, plan: PagePlan) -> dict[Stub, tuple[list[str], str]]:
    """The page's single stubs' lines, each told apart from the others, and the kind each names.

    No kind on a label worksheet's page (see :attr:`~.pageparts.PagePlan.kinds`).
    """
    singles = [other for other in plan.page.stubs if other.single]
    said = tuple(
        (m.get(s.tops[0]).text, s.hidden - 1, stub_pages(plan, s), len(s.tops) > 1)
        for s in singles
    )
    found = {}
    for stub, lines in zip(singles, told_apart_stubs(said, plan.narrow), strict=True):
        first = m.get(stub.tops[0])
        word = GROUP_TAG[0] if len(stub.tops) > 1 else stub_word(first, draw_kind(m, first))
        found[stub] = (list(lines), word if plan.kinds else "")
    return found


def page_beside(
    m: ArgumentMap,
    plan: PagePlan,
    singles: Mapping[Stub, tuple[list[str], str]],
    standings: Mapping[str, str] = NO_STANDING,
) -> bool:
    """Whether the page's single stubs name their kinds beside where they go on, else atop.

    ``singles``: the page's single stubs' lines and kinds (see :func:`_singles`).

    The map's one look (see :func:`~.stubbeside.stubs_beside`), but on stacked pages
    (upright, top down), where the planner sized each stub its own way: there the page's
    one look, beside where every one of its stubs takes it so on its own (hardly wider),
    else atop on all (a line taller, as the stub that needs it, often in the same row:
    the flagship's upright pages kept their count, 28 A4, 26 Letter, 29 slides).
    """
    beside = stubs_beside(m, plan.narrow, plan.upright and not plan.across)
    if beside is not None:
        return beside
    for stub, (lines, word) in singles.items():
        linked = m.get(stub.tops[0]).group if len(stub.tops) > 1 else None
        own = stub_tagged(lines, standings, stub.tops[:1], linked, word, None)
        if len(own) > len(lines):  # its kind atop, on a line of its own
            return False
    return True
